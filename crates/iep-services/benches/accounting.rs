//! Service accounting on the generated 10-year case
//! (`cargo xtask gen-case --years 10 --out target/bench-case-10y`).
//! Budget: under 30 ms for the whole case, growing linearly with the entries.

use std::path::Path;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use iep_model::Case;

fn main() {
    if bench_case().is_none() {
        println!(
            "note: target/bench-case-10y is missing; run `cargo xtask gen-case --years 10 --out target/bench-case-10y` \
             to benchmark service accounting (skipped)"
        );
        return;
    }
    divan::main();
}

/// The generated case, loaded once, and the day after its last log entry.
fn bench_case() -> Option<&'static (Case, NaiveDate)> {
    static CASE: OnceLock<Option<(Case, NaiveDate)>> = OnceLock::new();
    CASE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-case-10y");
        if !dir.join("case.yaml").is_file() {
            return None;
        }
        let case = iep_load::load(&dir).case?;
        let last = case.log_entries().map(|(_, e)| e.date).max()?;
        Some((case, last.succ_opt()?))
    })
    .as_ref()
}

/// The case as of the end of its `years`-th school year, so the work grows
/// with the days and entries covered.
fn cut(years: i32) -> (Case, NaiveDate, usize) {
    let (case, end) = bench_case().expect("checked in main");
    let first = case.versions.first().map(|v| v.effective).unwrap_or(*end);
    let as_of = NaiveDate::from_ymd_opt(first.year() + years, first.month(), 1).unwrap_or(*end).min(*end);
    let cut = case.as_of(as_of);
    let entries = cut.log_entries().count();
    (cut, as_of, entries)
}

#[divan::bench(args = [1, 2, 5, 10])]
fn account(bencher: divan::Bencher, years: i32) {
    let (case, as_of, entries) = cut(years);
    bencher
        .counter(divan::counter::ItemsCount::new(entries))
        .bench(|| iep_services::account(divan::black_box(&case), divan::black_box(as_of)));
}
