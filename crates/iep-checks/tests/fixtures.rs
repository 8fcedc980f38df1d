//! Data-driven check tests: every folder `tests/fixtures/<code>/<scenario>/`
//! is a small case; its file `AS_OF` holds the as-of date. The findings of
//! `<code>` are snapshotted to `tests/fixtures/<code>/snapshots/<scenario>.snap`.
//! A scenario whose name starts with `no-` must produce none of them, so a
//! snapshot accepted by mistake cannot hide a false alarm.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_model::Finding;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A finding as a reviewer reads it in a snapshot.
fn render(findings: &[&Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let letter = f.letter.map(|l| l.as_str()).unwrap_or("-");
        let document = f.document.as_deref().unwrap_or("-");
        let _ = writeln!(out, "{} {} {} ({document}; letter: {letter})", f.severity, f.code, f.subject);
        let _ = writeln!(out, "  {}", f.message);
        let evidence = serde_json::to_string(&f.evidence).unwrap_or_default();
        let _ = writeln!(out, "  evidence: {evidence}");
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let root = fixtures_root();
    let mut codes: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    codes.sort();
    let mut seen = 0;
    let mut failures = Vec::new();
    for code_dir in codes {
        let code = code_dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(iep_checks::by_code(&code).is_some(), "tests/fixtures/{code}: no check has this code");
        let mut scenarios: Vec<PathBuf> = std::fs::read_dir(&code_dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.join("AS_OF").is_file())
            .collect();
        scenarios.sort();
        for scenario in scenarios {
            seen += 1;
            let name = scenario.file_name().unwrap().to_string_lossy().into_owned();
            let as_of_text = std::fs::read_to_string(scenario.join("AS_OF")).unwrap();
            let as_of = NaiveDate::parse_from_str(as_of_text.trim(), "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("{}: AS_OF is not a date: {e}", scenario.display()));
            let loaded = iep_load::load(&scenario);
            let diagnostics: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
            assert!(!loaded.has_errors(), "{code}/{name} does not load:\n{}", diagnostics.join("\n"));
            let case = loaded.case.expect("a case without errors");
            let findings = iep_checks::check(&case, as_of);
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
            if name.starts_with("no-") && !mine.is_empty() {
                failures.push(format!("{code}/{name} must not report {code}:\n{}", render(&mine)));
            }
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(code_dir.join("snapshots"));
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.set_description(format!("{code} findings of tests/fixtures/{code}/{name} as of {as_of}"));
            settings.bind(|| insta::assert_snapshot!(name.clone(), render(&mine)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(seen > 0 || !fixtures_root().exists(), "no fixture found under tests/fixtures");
}
