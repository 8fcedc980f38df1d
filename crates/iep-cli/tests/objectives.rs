//! A case typed from a real district's forms (tests/forms/selpa-objectives):
//! the goals are measured only through their objectives, the report is
//! dated by its month and rates each line with a SELPA-style 1-4 legend.
//! No output may say that such a goal has no data; every output shows the
//! objectives' values and quotes the legend's own words.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::{copy_case, iep, no_ws};

const AS_OF: &str = "2026-04-20";

fn form_case() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("selpa-objectives");
    copy_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/forms/selpa-objectives"), &dir);
    (tmp, dir)
}

fn run(args: &[&str]) -> String {
    let out = iep(args);
    assert!(
        out.status.success(),
        "iep {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Phrases that would tell the parent (or the school) a goal has no data.
const NO_DATA: &[&str] =
    &["no measured value", "gives no measurement", "without a measurement", "no value", "nomeasuredvalue"];

fn assert_no_claim_of_no_data(text: &str, what: &str) {
    let flat = no_ws(text).to_lowercase();
    for phrase in NO_DATA {
        assert!(!flat.contains(&no_ws(phrase)), "{what} says {phrase:?}:\n{text}");
    }
}

#[test]
fn a_report_with_only_objective_values_is_data_in_every_output() {
    let (_tmp, dir) = form_case();
    let d = dir.to_str().unwrap();

    let check = run(&["check", d, "--as-of", AS_OF, "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&check).unwrap();
    let codes: Vec<&str> = findings["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(!codes.contains(&"progress-no-data"), "{codes:?}");
    assert_no_claim_of_no_data(&check, "iep check --format json");
    assert_no_claim_of_no_data(&run(&["check", d, "--as-of", AS_OF]), "iep check");

    // iep progress: each objective's values beside its target, with the
    // trials and the legend's own words.
    let progress = run(&["progress", d, "--as-of", AS_OF]);
    assert_no_claim_of_no_data(&progress, "iep progress");
    for needle in [
        "see objectives",
        "objective G1.1",
        "60  on 2026-03-31  in 3 of 3 trials",
        "\u{201c}Goal Met\u{201d}",
        "\u{201c}Partial Progress (1-49% of goal met)\u{201d}",
        "sufficient: yes",
        "measured by: \u{201c}work samples\u{201d}",
    ] {
        assert!(progress.contains(needle), "iep progress lacks {needle:?}:\n{progress}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&run(&["progress", d, "--as-of", AS_OF, "--format", "json"])).unwrap();
    let g1 = &json["goals"][0];
    assert_eq!(g1["id"], "G1");
    let objective = &g1["objectives"][0];
    assert_eq!(objective["id"], "G1.1");
    assert_eq!(objective["reports"][1]["value"], 60.0);
    assert_eq!(objective["reports"][1]["trials"], "3 of 3");
    assert_eq!(objective["reports"][1]["legend"], "Goal Met");
    assert_eq!(objective["target_trials"], "3 of 3");

    // The report, the packet and the letters the findings call for.
    run(&["build", d, "--as-of", AS_OF]);
    let mut pdfs = 0;
    for entry in fs::read_dir(dir.join("out")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            pdfs += 1;
            let text = common::pdf::pdf_text(&fs::read(&path).unwrap());
            assert_no_claim_of_no_data(&text, &path.display().to_string());
            if path.file_name().is_some_and(|n| n.to_string_lossy().contains("packet")) {
                let flat = no_ws(&text);
                assert!(flat.contains(&no_ws("values given for the objectives")), "{text}");
                assert!(flat.contains(&no_ws("in 3 of 3 trials")), "{text}");
                assert!(flat.contains(&no_ws("\u{201c}Goal Met\u{201d}")), "{text}");
            }
        }
    }
    assert!(pdfs >= 2, "the build wrote the report and the packet");

    // A data-request letter asked for anyway never says the report has no measurement.
    let letter = dir.join("out/data-request-test.pdf");
    let out = iep(&["letter", "data-request", d, "--as-of", AS_OF, "-o", letter.to_str().unwrap()]);
    if out.status.success() {
        assert_no_claim_of_no_data(&common::pdf::pdf_text(&fs::read(&letter).unwrap()), "the data request");
    } else {
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

/// A letter names an objective by its words, as the IEP writes it, never by
/// its id (letters.md; review of December 2026 found "Objective G2.2").
#[test]
fn a_letter_names_an_objective_by_its_words_not_its_id() {
    let (_tmp, dir) = form_case();
    let d = dir.to_str().unwrap();
    let letter = dir.join("out/meeting-request-test.pdf");
    let out = iep(&["letter", "meeting-request", d, "--as-of", AS_OF, "-o", letter.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = no_ws(&common::pdf::pdf_text(&fs::read(&letter).unwrap()));
    assert!(text.to_lowercase().contains("theobjective“"), "an objective is quoted:\n{text}");
    for id in ["G1.1", "G1.2", "G2.1", "G2.2"] {
        assert!(!text.contains(id), "the letter names {id}:\n{text}");
    }
}

/// `iep diff --progress` compares the objectives' values report to report,
/// and says which report gives no narrative instead of "one of them".
#[test]
fn the_report_diff_compares_each_objective() {
    let (_tmp, dir) = form_case();
    let dir = dir.to_str().unwrap();
    let text = run(&["diff", dir, "--progress", "--as-of", AS_OF]);
    assert_no_claim_of_no_data(&text, "iep diff --progress");
    assert!(text.contains("objective G1.1: 50 -> 60 (status 2 -> 4)"), "{text}");
    assert!(text.contains("objective G2.2: 30 -> 45 (status 2 -> 3)"), "{text}");
    assert!(text.contains("narrative: none in the report of 2026-01-31"), "{text}");
    assert!(text.contains("narrative: none in either report"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&["diff", dir, "--progress", "--as-of", AS_OF, "--format", "json"])).unwrap();
    let first = &json["goals"][0]["objectives"][0];
    assert_eq!((first["objective"].as_str(), first["value_after"].as_f64()), (Some("G1.1"), Some(60.0)), "{json}");
}

/// California's Ed Code 56343.5 has the meeting *held* within 30 days, not
/// scheduled: the next step says what the rule says, in the rules data's words.
#[test]
fn the_meeting_request_next_step_says_held_as_the_rule_does() {
    let (_tmp, dir) = form_case();
    let d = dir.to_str().unwrap();
    let letter = dir.join("out/meeting-request-held.pdf");
    let out = iep(&["letter", "meeting-request", d, "--as-of", AS_OF, "-o", letter.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = no_ws(&common::pdf::pdf_text(&fs::read(&letter).unwrap()));
    assert!(
        text.contains(&no_ws(
            "If you do not hold the IEP meeting I requested in writing within 30 days of receiving this letter"
        )),
        "{text}"
    );
    assert!(!text.contains(&no_ws("is not scheduled")), "{text}");
}

/// An objective's pace is projected from its goal's baseline (checks.md), so
/// a letter states its numbers and claims no pace; a dispute over progress is
/// about annual goals, never objectives; a report dated by its month is named
/// by its month, never by a day the school did not write.
#[test]
fn letters_claim_no_pace_for_an_objective_and_name_a_month_report_by_its_month() {
    let (_tmp, dir) = form_case();
    let d = dir.to_str().unwrap();
    let letter = dir.join("out/meeting-request.pdf");
    let out = iep(&["letter", "meeting-request", d, "--as-of", AS_OF, "-o", letter.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = no_ws(&common::pdf::pdf_text(&fs::read(&letter).unwrap()));
    // In the goal's measure (percent) and by the month the IEP gives ("By June 2026").
    assert!(text.contains(&no_ws("the latest measure is 40% toward a target of 60% by June 2026.")), "{text}");
    assert!(!text.contains(&no_ws("will not reach it")), "{text}");
    assert!(!text.contains(&no_ws("lack of expected progress")), "no lack-of-progress rule for objectives: {text}");
    assert!(text.contains(&no_ws("Progress report for March 2026")), "{text}");
    assert!(!text.contains(&no_ws("March 31, 2026")), "{text}");
    for letter_type in ["mediation-request", "state-complaint"] {
        let out = iep(&["letter", letter_type, d, "--as-of", AS_OF, "-o", dir.join("out/x.pdf").to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{letter_type}: {}", String::from_utf8_lossy(&out.stderr));
    }
}
