//! Data-driven check tests: every folder `tests/fixtures/<code>/<scenario>/`
//! is a small case; its file `AS_OF` holds the as-of date. The findings of
//! `<code>` are snapshotted to `tests/fixtures/<code>/snapshots/<scenario>.snap`.
//! A scenario whose name starts with `no-` must produce none of them, so a
//! snapshot accepted by mistake cannot hide a false alarm.
//!
//! The test fails rather than passes quietly when the fixtures are missing,
//! a scenario has no `AS_OF`, a registered code lacks a scenario that fires
//! and a `no-` scenario, or a snapshot is left without its scenario.

use std::collections::BTreeSet;
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
        let date = f.date.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let _ = writeln!(out, "  date: {date}");
        let evidence = serde_json::to_string(&f.evidence).unwrap_or_default();
        let _ = writeln!(out, "  evidence: {evidence}");
    }
    if out.is_empty() {
        out.push_str("(no findings)\n");
    }
    out
}

/// The sentence a check's doc quotes in its example (`... says "..."`), on one line.
fn documented_example(doc: &str) -> Option<String> {
    let example = &doc[doc.find("Example")?..];
    let start = example.find('"')? + 1;
    let end = start + example[start..].find('"')?;
    Some(one_line(&example[start..end]))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn subfolders(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: cannot read: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    found.sort();
    found
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let root = fixtures_root();
    assert!(root.is_dir(), "{}: the check fixtures are missing", root.display());
    let codes = subfolders(&root);
    assert!(!codes.is_empty(), "{}: no check fixture found", root.display());
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    for code_dir in codes {
        let code = name_of(&code_dir);
        assert!(iep_checks::by_code(&code).is_some(), "tests/fixtures/{code}: no check has this code");
        let (mut fires, mut quiet) = (false, false);
        let mut scenario_names = BTreeSet::new();
        for scenario in subfolders(&code_dir).into_iter().filter(|p| name_of(p) != "snapshots") {
            let name = name_of(&scenario);
            let Ok(as_of_text) = std::fs::read_to_string(scenario.join("AS_OF")) else {
                failures.push(format!("{code}/{name}: no AS_OF file (the as-of date of the scenario)"));
                continue;
            };
            scenario_names.insert(name.clone());
            let as_of = NaiveDate::parse_from_str(as_of_text.trim(), "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("{}: AS_OF is not a date: {e}", scenario.display()));
            let loaded = iep_load::load(&scenario);
            let diagnostics: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
            assert!(!loaded.has_errors(), "{code}/{name} does not load:\n{}", diagnostics.join("\n"));
            let case = loaded.case.expect("a case without errors");
            let findings = iep_checks::check(&case, as_of);
            let mine: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
            if name.starts_with("no-") {
                quiet = true;
                if !mine.is_empty() {
                    failures.push(format!("{code}/{name} must not report {code}:\n{}", render(&mine)));
                }
            } else {
                fires |= !mine.is_empty();
            }
            // A scenario marked `EXAMPLE` is the documentation's example:
            // the sentence the doc quotes is the one the check says.
            if scenario.join("EXAMPLE").exists() {
                let doc = iep_checks::by_code(&code).map(|c| c.meta().doc).unwrap_or_default();
                let quoted = documented_example(doc);
                let said: Vec<String> = mine.iter().map(|f| one_line(&f.message)).collect();
                if quoted.as_ref().is_none_or(|q| !said.contains(q)) {
                    failures.push(format!(
                        "{code}/{name}: the documentation's example {quoted:?} is not what the check says: {said:?}"
                    ));
                }
            }
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(code_dir.join("snapshots"));
            settings.set_prepend_module_to_snapshot(false);
            settings.set_omit_expression(true);
            settings.set_description(format!("{code} findings of tests/fixtures/{code}/{name} as of {as_of}"));
            settings.bind(|| insta::assert_snapshot!(name.clone(), render(&mine)));
        }
        if !fires {
            failures.push(format!("{code}: no scenario reports {code} (add one that fires)"));
        }
        if !quiet {
            failures.push(format!("{code}: no `no-` scenario (add one that must stay quiet)"));
        }
        failures.extend(
            orphan_snapshots(&code_dir, &scenario_names)
                .into_iter()
                .map(|snap| format!("{code}/snapshots/{snap}: no scenario of this name")),
        );
        covered.insert(code);
    }
    for check in iep_checks::CHECKS {
        let code = check.meta().code;
        if !covered.contains(code) {
            failures.push(format!("{code}: no fixtures under tests/fixtures/{code}/"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Snapshot files whose scenario is gone (a renamed or deleted scenario).
fn orphan_snapshots(code_dir: &Path, scenarios: &BTreeSet<String>) -> Vec<String> {
    let Ok(dir) = std::fs::read_dir(code_dir.join("snapshots")) else { return Vec::new() };
    let mut orphans: Vec<String> = dir
        .filter_map(|e| e.ok())
        .map(|e| name_of(&e.path()))
        .filter(|file| {
            let scenario = file.strip_suffix(".snap.new").or_else(|| file.strip_suffix(".snap")).unwrap_or(file);
            !scenarios.contains(scenario)
        })
        .collect();
    orphans.sort();
    orphans
}
