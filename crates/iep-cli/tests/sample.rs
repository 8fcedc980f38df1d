//! The sample case against the findings it must (and must not) produce,
//! the same rule as `shared/tools/expect.py`: "code subject" lines must be
//! reported, "!code subject" lines must not; subject `case` matches any.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn iep(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_iep")).args(args).output().expect("run iep")
}

#[test]
fn maya_produces_the_expected_findings_and_no_false_alarms() {
    let root = workspace();
    let case = root.join("cases/maya");
    let out = iep(&["check", "--as-of", "2026-04-20", "--format", "json", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["case"], "maya");
    assert_eq!(json["as_of"], "2026-04-20");
    let findings = json["findings"].as_array().expect("a findings list");
    let pairs: BTreeSet<(String, String)> = findings
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["subject"].as_str().unwrap().to_owned()))
        .collect();
    let codes: BTreeSet<&str> = pairs.iter().map(|(c, _)| c.as_str()).collect();
    let hit = |code: &str, subject: &str| {
        if subject == "case" { codes.contains(code) } else { pairs.contains(&(code.to_owned(), subject.to_owned())) }
    };
    let expected = std::fs::read_to_string(root.join("cases/maya.expected")).unwrap();
    let mut problems = Vec::new();
    for line in expected.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let negative = line.starts_with('!');
        let (code, subject) = line.trim_start_matches('!').split_once(char::is_whitespace).unwrap();
        match (negative, hit(code, subject.trim())) {
            (false, false) => problems.push(format!("missing: {line}")),
            (true, true) => problems.push(format!("reported but should not be: {line}")),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_finding_has_the_fields_of_the_spec() {
    let case = workspace().join("cases/maya");
    let out = iep(&["check", "--as-of", "2026-04-20", "--format", "json", case.to_str().unwrap()]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for f in json["findings"].as_array().unwrap() {
        for key in ["code", "severity", "subject", "document", "message", "evidence", "letter"] {
            assert!(f.get(key).is_some(), "finding without `{key}`: {f}");
        }
        assert!(["alert", "warn", "info"].contains(&f["severity"].as_str().unwrap()), "{f}");
        assert!(!f["message"].as_str().unwrap().is_empty(), "{f}");
    }
}

#[test]
fn deny_exits_1_when_a_finding_reaches_the_level() {
    let case = workspace().join("cases/maya");
    let case = case.to_str().unwrap();
    assert_eq!(iep(&["check", "--as-of", "2026-04-20", "--deny", "alert", case]).status.code(), Some(1));
    assert_eq!(iep(&["check", "--as-of", "2026-04-20", case]).status.code(), Some(0));
}

#[test]
fn text_output_groups_by_severity_in_plain_words() {
    let case = workspace().join("cases/maya");
    let out = iep(&["check", "--as-of", "2026-04-20", case.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    let alerts = text.find("Needs action").expect("an alerts heading");
    let warnings = text.find("Worth raising").expect("a warnings heading");
    assert!(alerts < warnings, "alerts come first:\n{text}");
    assert!(text.contains("Speech-language therapy (services.speech)"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour when the output is not a terminal:\n{text}");
}

#[test]
fn init_writes_a_case_that_loads_and_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let out = iep(&["init", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let check = iep(&["check", "--as-of", "2026-04-20", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "the starter case loads: {}", String::from_utf8_lossy(&check.stderr));
    let before = std::fs::read_to_string(dir.join("case.yaml")).unwrap();
    let again = iep(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    assert_eq!(std::fs::read_to_string(dir.join("case.yaml")).unwrap(), before, "nothing was overwritten");
}

#[test]
fn a_folder_that_does_not_exist_is_a_usage_error() {
    let out = iep(&["check", "/nonexistent/case/folder"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a folder"));
}
