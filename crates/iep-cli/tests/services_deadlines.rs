//! End to end: `iep services` and `iep deadlines` on the sample case.

use std::path::PathBuf;
use std::process::Command;

use icalendar::{Calendar, Component, DatePerhapsTime};

fn maya() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya")
}

fn iep(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_iep")).args(args).env("NO_COLOR", "1").output().expect("iep runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, stdout, stderr) = iep(args);
    assert_eq!(code, 0, "iep {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

fn month<'a>(value: &'a serde_json::Value, service: &str, month: &str) -> &'a serde_json::Value {
    let services = value["services"].as_array().unwrap();
    let service = services.iter().find(|s| s["id"] == service).unwrap_or_else(|| panic!("no service {service}"));
    let months = service["months"].as_array().unwrap();
    months.iter().find(|m| m["month"] == month).unwrap_or_else(|| panic!("no {month} for {service}"))
}

#[test]
fn services_json_counts_school_months() {
    let maya = maya();
    let value = json(&["services", "--as-of", "2026-04-20", "--format", "json", maya.to_str().unwrap()]);
    assert_eq!(value["as_of"], "2026-04-20");
    // October 2025 (weeks of Oct 6 to Nov 2; Oct 13 closed): 60 + 48 + 60 + 60 required, 5 sessions delivered.
    let october = month(&value, "speech", "October 2025");
    assert_eq!(october["required"], 228.0);
    assert_eq!(october["delivered"], 150.0);
    assert_eq!(october["missed"], 3);
    // Owed: the larger of 78 missing minutes and the 3 misses of 30.
    assert_eq!(october["owed"], 90.0);
    assert_eq!(october["status"], "judged");
    assert_eq!(october["shortfall"], true);
    // Reading in March 2026: 30-minute sessions for two weeks.
    assert_eq!(month(&value, "reading", "March 2026")["shortfall"], true);
    // Social skills: every session delivered.
    assert_eq!(month(&value, "social", "October 2025")["shortfall"], false);
    // April's school month ends on May 3: shown, not judged.
    let april = month(&value, "speech", "April 2026");
    assert_eq!(april["status"], "in-progress");
    assert_eq!(april["owed"], 0.0);
    assert!(value["minutes_owed"].as_f64().unwrap() >= 78.0);
}

#[test]
fn services_text_is_a_table_with_judged_and_unjudged_months() {
    let maya = maya();
    let (code, stdout, stderr) = iep(&["services", "--as-of", "2026-04-20", maya.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Speech-language therapy (services.speech)"), "{stdout}");
    assert!(stdout.contains("SHORTFALL"), "{stdout}");
    assert!(stdout.contains("not over yet: shown, not judged"), "{stdout}");
    assert!(stdout.contains("Compensatory minutes owed to date:"), "{stdout}");
}

#[test]
fn deadlines_name_their_sources() {
    let maya = maya();
    let value = json(&["deadlines", "--as-of", "2026-04-20", "--format", "json", maya.to_str().unwrap()]);
    let list = value["deadlines"].as_array().unwrap();
    for d in list {
        assert!(!d["source"]["citation"].as_str().unwrap().is_empty(), "{d}");
        assert!(!d["source"]["counting"].as_str().unwrap().is_empty(), "{d}");
    }
    let records = list.iter().find(|d| d["subject"] == "letters/2026-02-12-records-request.yaml").unwrap();
    assert_eq!(records["due"], "2026-02-22");
    assert_eq!(records["status"], "overdue");
    assert_eq!(records["source"]["citation"], "603 CMR 23.07(2)");
    assert!(records["source"]["counting"].as_str().unwrap().contains("counted as calendar days"));
    let meeting = list.iter().find(|d| d["subject"] == "letters/2026-01-05-meeting-request.yaml").unwrap();
    assert_eq!(meeting["status"], "done");
    assert_eq!(meeting["due"], serde_json::Value::Null);
    let review = list.iter().find(|d| d["source"]["key"] == "annual-review").unwrap();
    // One year after the last annual review meeting (2025-09-10), not the IEP's end date.
    assert_eq!((review["due"].as_str(), review["status"].as_str()), (Some("2026-09-10"), Some("upcoming")));
    assert_eq!(review["source"]["citation"], "34 CFR 300.324(b)(1)(i)");
    // The case records no evaluation: no reevaluation date is invented.
    assert!(!list.iter().any(|d| d["source"]["key"] == "reevaluation"));

    let (code, text, _) = iep(&["deadlines", "--as-of", "2026-04-20", maya.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.contains("Overdue"), "{text}");
    assert!(text.contains("source: 603 CMR 23.07(2)"), "{text}");
    assert!(text.contains("does not say when the last evaluation was"), "{text}");
}

fn fixture(code: &str, scenario: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(code).join(scenario)
}

#[test]
fn evaluation_deadlines_from_consent_and_the_note_for_a_state_without_rules() {
    let texas = fixture("evaluation-overdue", "federal-calendar-days-in-texas");
    let value = json(&["deadlines", "--as-of", "2026-04-20", "--format", "json", texas.to_str().unwrap()]);
    let evaluation =
        value["deadlines"].as_array().unwrap().iter().find(|d| d["source"]["key"] == "initial-evaluation").unwrap();
    assert_eq!((evaluation["due"].as_str(), evaluation["status"].as_str()), (Some("2026-03-06"), Some("overdue")));
    assert_eq!(evaluation["source"]["citation"], "34 CFR 300.301(c)(1)");
    assert!(value["state_rules_note"].as_str().unwrap().contains("TX's own rules were not checked"));
    let (code, text, _) = iep(&["deadlines", "--as-of", "2026-04-20", texas.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(text.contains("note: TX's own rules were not checked"), "{text}");
    let (_, text, _) = iep(&["check", "--as-of", "2026-04-20", texas.to_str().unwrap()]);
    assert!(text.contains("Note: TX's own rules were not checked"), "{text}");
    let checked = json(&["check", "--as-of", "2026-04-20", "--format", "json", texas.to_str().unwrap()]);
    assert!(checked["state_rules_note"].as_str().is_some_and(|n| n.contains("federal rules")), "{checked}");

    // Massachusetts has its own rules: 30 school working days, and no note.
    let ma = fixture("evaluation-overdue", "massachusetts-school-working-days");
    let value = json(&["deadlines", "--as-of", "2026-04-20", "--format", "json", ma.to_str().unwrap()]);
    let evaluation =
        value["deadlines"].as_array().unwrap().iter().find(|d| d["source"]["key"] == "initial-evaluation").unwrap();
    assert_eq!(
        (evaluation["due"].as_str(), evaluation["source"]["citation"].as_str()),
        (Some("2026-02-23"), Some("603 CMR 28.05(1)"))
    );
    assert_eq!(value["state_rules_note"], serde_json::Value::Null);
    let (_, text, _) = iep(&["check", "--as-of", "2026-04-20", ma.to_str().unwrap()]);
    assert!(!text.contains("own rules were not checked"), "{text}");
}

#[test]
fn ics_export_parses_and_is_byte_identical() {
    let maya = maya();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deadlines.ics");
    let run = || {
        let (code, _, stderr) =
            iep(&["deadlines", "--as-of", "2026-04-20", "--ics", path.to_str().unwrap(), maya.to_str().unwrap()]);
        assert_eq!(code, 0, "{stderr}");
        std::fs::read(&path).unwrap()
    };
    let first = run();
    let second = run();
    assert_eq!(first, second, "a second export must be byte-identical");
    let text = String::from_utf8(first).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert!(text.split("\r\n").all(|line| line.len() <= 75));
    let calendar: Calendar = text.parse().expect("the calendar parses");
    let events: Vec<_> = calendar.components.iter().filter_map(|c| c.as_event()).collect();
    let records = events
        .iter()
        .find(|e| e.get_uid() == Some("maya.records-access.letters-2026-02-12-records-request-yaml@iep"))
        .expect("the records request's deadline is an event");
    assert_eq!(records.get_start(), Some(DatePerhapsTime::Date(chrono::NaiveDate::from_ymd_opt(2026, 2, 22).unwrap())));
    assert!(records.get_description().unwrap().contains("603 CMR 23.07(2)"));
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
