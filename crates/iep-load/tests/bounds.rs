//! Issue 14: dates that cannot be right, keys given more than once and
//! values that are not numbers are located errors.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_model::Diagnostic;

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile").join(name)
}

fn maya() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya")
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// The error at `file:line:column`, with its rendered text.
fn error_at(diagnostics: &[Diagnostic], file: &str, line: usize, column: usize) -> String {
    let found = diagnostics.iter().find(|d| d.is_error() && d.file == file && d.line == line && d.column == column);
    let all: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    found.unwrap_or_else(|| panic!("no error at {file}:{line}:{column}; got:\n{}", all.join("\n"))).to_string()
}

#[test]
fn a_date_more_than_30_years_before_the_as_of_date_is_an_error() {
    let loaded = iep_load::load_as_of(&hostile("date-one-wrong-digit"), day("2026-04-20"));
    let text = error_at(&loaded.diagnostics, "iep/2025-09-15.yaml", 4, 12);
    assert!(text.contains("0025-09-15 is more than 30 years before 2026-04-20"), "{text}");
    assert!(text.contains("effective: 0025-09-15"), "the line is quoted: {text}");
    assert!(text.contains("one wrong digit"), "a plain fix: {text}");
}

#[test]
fn without_an_as_of_date_a_year_before_1900_is_still_an_error() {
    let loaded = iep_load::load(&hostile("date-one-wrong-digit"));
    let text = error_at(&loaded.diagnostics, "iep/2025-09-15.yaml", 4, 12);
    assert!(text.contains("0025-09-15 cannot be a date of this case"), "{text}");
}

#[test]
fn the_window_moves_with_the_as_of_date() {
    // The sample case is clean on its own day, and too old for a day 31 years on.
    assert!(!iep_load::load_as_of(&maya(), day("2026-04-20")).has_errors());
    let late = iep_load::load_as_of(&maya(), day("2057-04-20"));
    assert!(late.has_errors());
    assert!(late.diagnostics.iter().any(|d| d.message.contains("more than 30 years before 2057-04-20")));
    let early = iep_load::load_as_of(&maya(), day("2019-04-20"));
    assert!(early.diagnostics.iter().any(|d| d.message.contains("more than 5 years after 2019-04-20")));
}

#[test]
fn a_date_before_the_childs_birth_is_an_error() {
    let loaded = iep_load::load_as_of(&hostile("date-before-birth"), day("2026-04-20"));
    let text = error_at(&loaded.diagnostics, "services/log.yaml", 4, 12);
    assert!(text.contains("2015-09-18 is before the child was born (2017-04-12"), "{text}");
}

#[test]
fn a_key_given_three_times_is_an_error_at_each_repeat() {
    let loaded = iep_load::load(&hostile("key-given-three-times"));
    for (line, column, key) in [(4, 24, "date"), (4, 42, "date"), (5, 41, "service"), (5, 58, "service")] {
        let text = error_at(&loaded.diagnostics, "services/log.yaml", line, column);
        assert!(text.contains(&format!("`{key}` is given")), "{text}");
    }
}

#[test]
fn a_key_given_three_times_in_a_block_entry_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("case");
    copy(&hostile("key-given-three-times"), &dir);
    std::fs::write(
        dir.join("services/log.yaml"),
        "kind: service-log\nentries:\n  - date: 2025-09-16\n    service: speech\n    minutes: 30\n    minutes: 30\n    minutes: 30\n",
    )
    .unwrap();
    let loaded = iep_load::load(&dir);
    error_at(&loaded.diagnostics, "services/log.yaml", 6, 5);
    error_at(&loaded.diagnostics, "services/log.yaml", 7, 5);
}

#[test]
fn fractional_minutes_are_a_clear_error() {
    let loaded = iep_load::load(&hostile("fractional-minutes"));
    let text = error_at(&loaded.diagnostics, "services/log.yaml", 3, 50);
    assert!(text.contains("whole number"), "{text}");
    assert!(!text.contains("invalid type"), "{text}");
}

#[test]
fn values_that_are_not_finite_and_repeated_codes_are_errors() {
    let loaded = iep_load::load(&hostile("not-finite-values"));
    let placement = error_at(&loaded.diagnostics, "iep/2025-09-15.yaml", 19, 75);
    assert!(placement.contains("`NaN` is not a number"), "{placement}");
    let setting = error_at(&loaded.diagnostics, "case.yaml", 7, 31);
    assert!(setting.contains("`inf` is not a number"), "{setting}");
    let codes = error_at(&loaded.diagnostics, "case.yaml", 8, 52);
    assert!(codes.contains("`SP` is given more than once"), "{codes}");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
