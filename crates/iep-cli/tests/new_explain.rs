//! `iep new`, `iep explain` and `iep completions`, end to end.

use std::process::{Command, Output};

fn iep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iep")).args(args).output().expect("run iep")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_case_of_fresh_templates_of_every_kind_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let d = dir.to_str().unwrap();
    assert_eq!(iep(&["init", d]).status.code(), Some(0));
    // Every kind but the case file, which `iep init` writes.
    for kind in iep_load::KINDS.into_iter().filter(|k| *k != "case") {
        let out = iep(&["new", kind, d, "--date", "2026-03-02"]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
    }
    for file in [
        "calendar.yaml",
        "iep/2026-03-02.yaml",
        "letters/2026-03-02-other.yaml",
        "log/home.yaml",
        "log/check-ins.yaml",
        "consents/2026-03-02.yaml",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema="), "{file}");
    }
    let schema_line = std::fs::read_to_string(dir.join("iep/2026-03-02.yaml")).unwrap();
    assert!(schema_line.starts_with("# yaml-language-server: $schema=../.iep/schemas/iep.json\n"));
    assert!(dir.join(".iep/schemas/iep.json").is_file(), "the schema the line points to is in the case");
    let check = iep(&["check", "--as-of", "2026-04-20", d]);
    assert_eq!(check.status.code(), Some(0), "the templates load: {}", stderr(&check));
}

#[test]
fn new_never_overwrites_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let d = dir.to_str().unwrap();
    assert_eq!(iep(&["init", d]).status.code(), Some(0));
    assert_eq!(iep(&["new", "meeting", d, "--date", "2026-03-02"]).status.code(), Some(0));
    let path = dir.join("meetings/2026-03-02.yaml");
    std::fs::write(&path, "kind: meeting\n# mine\n").unwrap();
    let again = iep(&["new", "meeting", d, "--date", "2026-03-02"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("2026-03-02.yaml") && stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kind: meeting\n# mine\n");
    let case = iep(&["new", "case", d]);
    assert_eq!(case.status.code(), Some(2), "case.yaml from init is never replaced");
}

#[test]
fn explain_prints_a_checks_documentation_and_suggests_a_code() {
    let out = iep(&["explain", "repeated-misses"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("repeated-misses\n") && text.contains("Why it matters"), "{text}");
    let wrong = iep(&["explain", "repeated-miss"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("did you mean `repeated-misses`"), "{}", stderr(&wrong));
}

#[test]
fn explain_knows_the_accommodation_checks() {
    for (code, words) in [("accommodation-not-provided", "`no` outweighs"), ("staff-not-informed", "34 CFR 300.323(d)")]
    {
        let out = iep(&["explain", code]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(&format!("{code}\n")), "{text}");
        assert!(text.contains("Letter: iep letter services-concern") && text.contains(words), "{text}");
    }
}

#[test]
fn completions_are_written_for_a_shell() {
    let out = iep(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("iep") && text.contains("explain"), "{text}");
}
