//! The committed JSON Schemas (`docs/schemas/`, from `cargo xtask docs`)
//! accept every file of the sample case and of the check fixtures, and reject
//! what the loader rejects: an unknown field, a date in another shape.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn committed_schema(kind: &str) -> Value {
    let path = workspace().join("docs/schemas").join(format!("{kind}.json"));
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask docs`", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// A YAML document as the JSON an editor's schema validation sees.
fn as_json(yaml: &str) -> Value {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    serde_json::to_value(value).unwrap()
}

/// The problems the committed schema of the document's kind finds in it.
fn schema_errors(yaml: &str) -> Vec<String> {
    let doc = as_json(yaml);
    let kind = doc["kind"].as_str().expect("every file has a kind").to_owned();
    let validator = jsonschema::validator_for(&committed_schema(&kind)).unwrap();
    validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path)).collect()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            if !name.starts_with('.') && name != "out" && name != "templates" {
                yaml_files(&path, out);
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(path);
        }
    }
}

#[test]
fn the_sample_case_and_every_fixture_match_the_schemas() {
    let mut files = Vec::new();
    yaml_files(&workspace().join("cases/maya"), &mut files);
    let sample = files.len();
    yaml_files(&workspace().join("tests/fixtures"), &mut files);
    assert!(sample >= 10 && files.len() > sample + 30, "the sample and the fixtures were found: {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for error in schema_errors(&text) {
            failures.push(format!("{}: {error}", file.display()));
        }
    }
    assert!(failures.is_empty(), "files the schemas reject:\n{}", failures.join("\n"));
}

#[test]
fn a_misspelled_field_fails_validation() {
    let good = "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30}\n";
    assert_eq!(schema_errors(good), Vec::<String>::new());
    let misspelled = good.replace("minutes", "minuts");
    let errors = schema_errors(&misspelled);
    assert!(errors.iter().any(|e| e.contains("minuts")), "{errors:?}");
}

#[test]
fn dates_are_checked_for_their_shape_and_a_month_only_where_allowed() {
    let report = |date: &str| format!("kind: progress-report\ndate: {date}\niep: iep-2025\n");
    assert!(schema_errors(&report("2025-11-14")).is_empty());
    assert!(!schema_errors(&report("11/14/2025")).is_empty());
    // Format 1.2: a report may be dated by its month ("Reporting period: March"); a meeting may not.
    assert!(schema_errors(&report("2026-03")).is_empty(), "a report's date may be a month");
    let meeting = |date: &str| {
        format!(
            "kind: meeting
date: {date}
type: amendment
"
        )
    };
    assert!(schema_errors(&meeting("2026-01-27")).is_empty());
    assert!(!schema_errors(&meeting("2026-01")).is_empty(), "a meeting's date is a whole date");
    let goal = |by: &str| {
        format!(
            "kind: iep\nid: a\neffective: 2025-09-15\ngoals:\n  - {{id: G1, statement: s, target: {{value: 80, by: {by}}}}}\n"
        )
    };
    assert!(schema_errors(&goal("2026-06")).is_empty(), "a target's `by` may be a month");
    assert!(!schema_errors(&goal("June 2026")).is_empty());
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    for kind in iep_load::kind_names() {
        let generated: Value = iep_load::schema::schema(kind).unwrap();
        assert!(committed_schema(kind) == generated, "docs/schemas/{kind}.json is out of date: run `cargo xtask docs`");
    }
}
