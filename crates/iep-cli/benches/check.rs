//! Whole-process benchmarks of `iep check`, as a parent runs it.
//! Budgets: `cases/maya` under 20 ms; the generated 10-year case under 100 ms
//! (`cargo xtask bench` generates it into target/bench-case-10y first).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn check(case: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_iep"))
        .args(["check", "--as-of", "2026-04-20", "--format", "json"])
        .arg(case)
        .output()
        .expect("run iep");
    assert!(output.status.code() == Some(0), "iep check failed: {}", String::from_utf8_lossy(&output.stderr));
}

#[divan::bench(sample_count = 40)]
fn check_maya_whole_process() {
    check(&workspace().join("cases/maya"));
}

#[divan::bench(sample_count = 20)]
fn check_ten_years_whole_process(bencher: divan::Bencher) {
    let case = workspace().join("target/bench-case-10y");
    if !case.join("case.yaml").exists() {
        eprintln!("skipped: run `cargo xtask bench` to generate {}", case.display());
        return;
    }
    bencher.bench(|| check(&case));
}
