//! End to end (issue 14, items 3 and 5): dates that cannot be right and
//! values that cannot be right stop every command with a located error, and
//! a wrong digit in a date never makes a command run long.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_case, iep, maya_copy, run_watched};

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile").join(name)
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs iep on a copy of `tests/hostile/<name>`, killed after the watchdog.
fn run_on(name: &str, args: &[&str]) -> Run {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_case(&hostile(name), &dir);
    let out = run_watched(Command::new(env!("CARGO_BIN_EXE_iep")).args(args).arg(&dir));
    Run { code: out.status.code(), stderr: String::from_utf8_lossy(&out.stderr).into_owned() }
}

/// `iep check` stops with exit 2 and the error located and quoted.
fn check_fails(name: &str, located: &str, quoted: &str, says: &str) -> String {
    let run = run_on(name, &["check", "--as-of", "2026-04-20"]);
    assert!(!run.stderr.contains("panicked"), "{name}: panicked:\n{}", run.stderr);
    assert_eq!(run.code, Some(2), "{name}: exit code, stderr:\n{}", run.stderr);
    for text in [located, quoted, says] {
        assert!(run.stderr.contains(text), "{name}: `{text}` not in stderr:\n{}", run.stderr);
    }
    run.stderr
}

#[test]
fn one_wrong_digit_in_a_year_is_an_error_for_check() {
    check_fails(
        "date-one-wrong-digit",
        "iep/2025-09-15.yaml:4:12",
        "effective: 0025-09-15",
        "0025-09-15 is more than 30 years before 2026-04-20",
    );
}

#[test]
fn one_wrong_digit_in_a_year_stops_build_promptly() {
    for command in ["build", "packet", "services", "deadlines", "progress"] {
        let run = run_on("date-one-wrong-digit", &[command, "--as-of", "2026-04-20"]);
        assert_eq!(run.code, Some(2), "{command}: stderr:\n{}", run.stderr);
        assert!(run.stderr.contains("iep/2025-09-15.yaml:4:12"), "{command}: {}", run.stderr);
    }
}

#[test]
fn a_date_far_after_the_as_of_date_is_an_error() {
    let (_tmp, dir) = maya_copy();
    let path = dir.join("log/communications.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let first = text.lines().position(|l| l.contains("date: 2025")).expect("a dated entry");
    let changed: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, l)| if i == first { l.replacen("date: 2025", "date: 2925", 1) } else { l.to_owned() })
        .collect();
    fs::write(&path, changed.join("\n") + "\n").unwrap();
    let out = iep(&["check", dir.to_str().unwrap(), "--as-of", "2026-04-20"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("log/communications.yaml:{}:", first + 1)), "{stderr}");
    assert!(stderr.contains("more than 5 years after 2026-04-20"), "{stderr}");
}

#[test]
fn a_date_before_the_childs_birth_is_an_error() {
    check_fails("date-before-birth", "services/log.yaml:4:12", "2015-09-18", "before the child was born (2017-04-12");
}

#[test]
fn as_of_outside_1900_to_2200_is_a_usage_error() {
    for day in ["0026-04-20", "2226-04-20", "1899-12-31"] {
        let out = iep(&["check", common::maya().to_str().unwrap(), "--as-of", day]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{day}: {stderr}");
        assert!(stderr.contains("between 1900 and 2200"), "{day}: {stderr}");
    }
}

#[test]
fn a_key_given_three_times_is_an_error_each_time() {
    let err = check_fails(
        "key-given-three-times",
        "services/log.yaml:4:24",
        "date: 2025-09-18, date: 2025-09-19",
        "`date` is given",
    );
    assert!(err.contains("services/log.yaml:4:42"), "the third `date`:\n{err}");
    assert!(err.contains("services/log.yaml:5:41"), "the second `service`:\n{err}");
    assert!(err.contains("services/log.yaml:5:58"), "the third `service`:\n{err}");
}

#[test]
fn fractional_minutes_are_an_error() {
    let err = check_fails("fractional-minutes", "services/log.yaml:3:50", "minutes: 30.5", "whole");
    assert!(!err.contains("invalid type"), "{err}");
}

#[test]
fn values_that_are_not_finite_are_errors() {
    let err = check_fails(
        "not-finite-values",
        "iep/2025-09-15.yaml:19:",
        "general_ed_percent: .nan",
        "`NaN` is not a number",
    );
    assert!(err.contains("case.yaml:7:"), "settings:\n{err}");
    assert!(err.contains("`inf` is not a number"), "settings:\n{err}");
    assert!(err.contains("case.yaml:8:52"), "progress codes:\n{err}");
    assert!(err.contains("`SP` is given more than once"), "progress codes:\n{err}");
}

#[test]
fn a_reply_date_must_follow_the_letters_date() {
    let (_tmp, dir) = maya_copy();
    let pdf = dir.join("letter.pdf");
    let out = iep(&[
        "letter",
        "data-request",
        dir.to_str().unwrap(),
        "--date",
        "2026-04-22",
        "--reply-by",
        "2000-05-15",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--reply-by 2000-05-15 is not after the letter's date 2026-04-22"), "{stderr}");
    assert!(!pdf.exists(), "no letter is written");
}
