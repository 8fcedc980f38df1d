//! Loading speed. The 10-year case comes from
//! `cargo xtask gen-case --years 10 --out target/bench-case-10y`
//! (about 40,000 log entries; budget: under 100 ms).

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

#[divan::bench(sample_count = 20)]
fn generated_10_years(bencher: divan::Bencher) {
    let dir = workspace().join("target/bench-case-10y");
    if !dir.join("case.yaml").is_file() {
        eprintln!(
            "note: {} is missing; run `cargo xtask gen-case --years 10 --out target/bench-case-10y` first",
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
