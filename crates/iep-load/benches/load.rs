//! Loading speed. The 10-year case comes from
//! `cargo xtask gen-case --years 10 --out target/bench-case-10y`
//! (about 40,000 log entries; budget: under 100 ms), and the same case with
//! block-style log entries from `--log-shape block --out target/bench-case-10y-block`.

use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[divan::bench]
fn maya() {
    let loaded = iep_load::load(&workspace().join("cases/maya"));
    assert!(!loaded.has_errors());
    divan::black_box(loaded);
}

/// Loads a generated case, or says how to make it.
fn load_generated(bencher: divan::Bencher, rel: &str, shape: &str) {
    let dir = workspace().join(rel);
    if !dir.join("case.yaml").is_file() {
        eprintln!(
            "skipped: {} is missing; run `cargo xtask gen-case --years 10 --log-shape {shape} --out {rel}` (or `cargo xtask bench`)",
            dir.display()
        );
        return;
    }
    bencher.bench(|| {
        let loaded = iep_load::load(&dir);
        assert!(!loaded.has_errors());
        divan::black_box(loaded)
    });
}

/// One-line log entries: the quick log reader's path.
#[divan::bench(sample_count = 20)]
fn generated_10_years(bencher: divan::Bencher) {
    load_generated(bencher, "target/bench-case-10y", "lines");
}

/// The same entries as block mappings with quoted reasons and comments: the
/// quick reader declines them, so this measures the general YAML path.
#[divan::bench(sample_count = 20)]
fn generated_10_years_block_entries(bencher: divan::Bencher) {
    load_generated(bencher, "target/bench-case-10y-block", "block");
}
