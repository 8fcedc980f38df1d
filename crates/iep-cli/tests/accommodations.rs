//! Accommodations end to end (format 1.2): the two checks on realistic
//! cases, the services-concern letter per accommodation (the law of the
//! kind of plan, never make-up time), and the packet's accommodations page.
//! The cases are in `tests/accommodations/`.

use std::path::{Path, PathBuf};

mod common;
use common::pdf::pdf_text;
use common::{copy_case, iep, no_ws, said};

const AS_OF: &str = "2026-04-20";

fn case(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/accommodations").join(name), &dir);
    (tmp, dir)
}

/// `(code, subject)` of each finding of `iep check`.
fn findings(dir: &Path) -> Vec<(String, String)> {
    let out = iep(&["check", "--as-of", AS_OF, "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["code"].as_str().unwrap().to_owned(), f["subject"].as_str().unwrap().to_owned()))
        .collect()
}

fn has(found: &[(String, String)], code: &str, subject: &str) -> bool {
    found.iter().any(|(c, s)| c == code && s == subject)
}

/// The services-concern letter's text as printed.
fn services_letter(dir: &Path) -> String {
    let pdf = dir.with_file_name("letter.pdf");
    let out =
        iep(&["letter", "services-concern", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    pdf_text(&std::fs::read(&pdf).unwrap())
}

/// What no letter may say about an accommodation: make-up time, an id, a date as a program writes it.
fn assert_plain(text: &str, ids: &[&str]) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for bad in ["make up", "made up", "minutes", "2026-", "2025-", "accommodations."] {
        assert!(!flat.contains(bad), "{bad:?} in\n{flat}");
    }
    for word in flat.split(' ') {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        assert!(!ids.contains(&word), "the id {word:?} in\n{flat}");
    }
}

#[test]
fn a_504_plan_for_a_health_condition_gets_a_complete_accommodations_letter() {
    let (_tmp, dir) = case("health-504");
    let found = findings(&dir);
    assert!(has(&found, "accommodation-not-provided", "accommodations.nurse-check"), "{found:?}");
    assert!(has(&found, "accommodation-not-provided", "accommodations.phone"), "{found:?}");
    assert!(has(&found, "staff-not-informed", "accommodations.nurse-check"), "{found:?}");
    // One day each is no pattern: a single miss and a day it was given.
    assert!(!has(&found, "accommodation-not-provided", "accommodations.retake"), "{found:?}");
    assert!(!has(&found, "accommodation-not-provided", "accommodations.snacks"), "{found:?}");

    let text = services_letter(&dir);
    let flat = no_ws(&text);
    let expect = [
        "Re: Accommodations not given under Lena's 504 plan",
        "I am writing because Lena has not been given all of the accommodations in the 504 plan.",
        "The accommodation \u{201c}Blood glucose check with the school nurse before physical education and before lunch\u{201d} was not given on November 12 and 13, 2025 (Lena's account), and was given only in part on January 21, 2026 (my own record).",
        // The note says a substitute was there: the named teacher is not called unaware (issue: letters say only what is true).
        "On November 12, 2025, the person responsible for it in Chris Moy's class did not know of this accommodation (Lena's account; my note of it: \u{201c}The substitute sent her straight to the gym.\u{201d}).",
        "The accommodation \u{201c}Keeps her phone with her to read her glucose monitor\u{201d} was not given on February 3 and 10, 2026 (Lena's account).",
        "Please make sure it is given every time from now on, tell each person responsible for it about it in writing, and tell me in writing how the school will make sure of it.",
        "Under 34 CFR 104.33(b)(1), the aids and services a 504 plan sets out are how the district provides an appropriate education.",
        "I will ask for a 504 meeting to make sure the 504 plan is followed.",
        "504 plan dated September 2, 2025",
    ];
    for sentence in expect {
        assert!(flat.contains(&no_ws(sentence)), "{sentence}\n{text}");
    }
    assert!(!flat.contains(&no_ws("Chris Moy did not know")), "{text}");
    // A 504 plan's letter never says IEP nor cites IDEA.
    assert!(!text.contains("IEP") && !text.contains("300."), "{text}");
    // The private check-in's note is never printed.
    assert!(!text.contains("family matter"), "{text}");
    assert_plain(&text, &["nurse-check", "pe-teacher", "math-teacher", "plan-2025"]);
}

#[test]
fn an_iep_of_test_accommodations_cites_300_323_d_where_a_teacher_did_not_know() {
    let (_tmp, dir) = case("test-iep");
    let found = findings(&dir);
    assert!(has(&found, "accommodation-not-provided", "accommodations.T1"), "{found:?}");
    assert!(has(&found, "staff-not-informed", "accommodations.T3"), "{found:?}");
    assert!(!has(&found, "accommodation-not-provided", "accommodations.T3"), "one day is no pattern: {found:?}");
    assert!(has(&found, "meeting-recommended", "case"), "{found:?}");

    let text = services_letter(&dir);
    let flat = no_ws(&text);
    let expect = [
        // The teacher's yes does not erase Owen's no for October 9.
        "The accommodation \u{201c}Extended time (time and a half) on tests and quizzes\u{201d} was not given on October 9, 2025 (Owen's account; the teacher's account says it was given) and December 11, 2025 (my own record), and was given only in part on November 6, 2025 (Owen's account).",
        "On February 12, 2026, the person responsible for it in Robin Shah's class did not know of this accommodation (Owen's account; my note of it: \u{201c}He said he had not seen an IEP for Owen.\u{201d}).",
        "Under 34 CFR 300.323(d), the IEP is accessible to each regular education teacher",
        "informed of their specific responsibilities and of the specific accommodations, modifications and supports to be provided.",
    ];
    for sentence in expect {
        assert!(flat.contains(&no_ws(sentence)), "{sentence}\n{text}");
    }
    assert!(!text.contains("104.33"), "{text}");
    assert_plain(&text, &["T1", "T3", "algebra-teacher", "history-teacher", "iep-2025"]);
}

#[test]
fn the_packet_has_an_accommodations_page() {
    let (_tmp, dir) = case("health-504");
    let pdf = dir.with_file_name("packet.pdf");
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    let text = pdf_text(&std::fs::read(&pdf).unwrap());
    let flat = no_ws(&text);
    for words in [
        "Accommodations",
        "Blood glucose check with the school nurse before physical education and before lunch",
        "Given on 2 days, not given on 2, given only in part on 1.",
        "November 12, 2025",
        "The substitute sent her straight to the gym.",
        "Chris Moy responsible",
        "My record of whether the accommodations were given",
    ] {
        assert!(flat.contains(&no_ws(words)), "{words}\n{text}");
    }
    assert!(!text.contains("family matter"), "a private note is never printed\n{text}");
}

/// A 504 plan of accommodations alone has no goals and no services: its
/// records request asks for no progress reports and no service logs
/// (review of December 2026).
#[test]
fn a_records_request_asks_only_for_records_the_plan_can_have() {
    let (_tmp, dir) = case("health-504");
    let pdf = dir.with_file_name("records.pdf");
    let out = iep(&["letter", "records-request", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    let text = no_ws(&pdf_text(&std::fs::read(&pdf).unwrap()));
    assert!(!text.contains("progressreports"), "{text}");
    assert!(!text.contains("servicelogs"), "{text}");
    assert!(text.contains("everyevaluationandassessmentreport"), "{text}");
}

/// A letter of `letter_type` on the case, its text as printed (asserting it was written).
fn letter_text(dir: &Path, letter_type: &str) -> String {
    let pdf = dir.with_file_name(format!("{letter_type}.pdf"));
    let out = iep(&["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{letter_type}: {}", said(&out));
    pdf_text(&std::fs::read(&pdf).unwrap())
}

/// A case whose only problems are accommodations: mediation and the state
/// complaint name them as the disagreement, with the plan's words and the
/// dated days of the check-ins, never an empty list or "the attached records".
#[test]
fn accommodations_alone_are_the_disagreement_of_mediation_and_a_complaint() {
    let (_tmp, dir) = case("test-iep");
    let facts = [
        "The district did not give Owen the accommodations \u{201c}Extended time (time and a half) on tests and quizzes\u{201d} and \u{201c}Directions read aloud and clarified on tests\u{201d} every time, as Owen's IEP requires.",
        "was not given on October 9, 2025 (Owen's account; the teacher's account says it was given) and December 11, 2025 (my own record), and was given only in part on November 6, 2025 (Owen's account).",
        "On February 12, 2026, the person responsible for it in Robin Shah's class did not know of this accommodation",
    ];
    for letter_type in ["mediation-request", "state-complaint"] {
        let text = letter_text(&dir, letter_type);
        let flat = no_ws(&text);
        for sentence in facts {
            assert!(flat.contains(&no_ws(sentence)), "{letter_type}: {sentence}\n{text}");
        }
        assert!(!flat.contains(&no_ws("the facts are set out in the attached records")), "{letter_type}\n{text}");
        assert_plain(&text, &["T1", "T3", "algebra-teacher", "history-teacher", "iep-2025"]);
    }
    let complaint = no_ws(&letter_text(&dir, "state-complaint"));
    assert!(complaint.contains(&no_ws("Under 34 CFR 300.323(d), the IEP is accessible to each")), "{complaint}");
    assert!(
        complaint.contains(&no_ws("that the district give Owen each accommodation of the IEP every time")),
        "{complaint}"
    );
}

/// Nothing to disagree about: mediation and a complaint decline in one sentence.
#[test]
fn mediation_and_a_complaint_decline_when_no_disagreement_can_be_named() {
    let (_tmp, dir) = case("test-iep");
    std::fs::remove_file(dir.join("log/check-ins.yaml")).unwrap();
    for letter_type in ["mediation-request", "state-complaint"] {
        let pdf = dir.with_file_name(format!("{letter_type}.pdf"));
        let out = iep(&["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{letter_type}: {}", said(&out));
        assert!(!pdf.exists(), "{letter_type}: a declined letter writes no file");
        assert!(said(&out).contains("no disagreement"), "{letter_type}: {}", said(&out));
    }
}

/// A parent's note in the check-ins log is quoted as the parent's, never as
/// the child's own words, and a day another record says was given names it.
#[test]
fn a_note_is_the_parents_and_a_contrary_record_is_named() {
    let (_tmp, dir) = case("test-iep");
    let flat = no_ws(&letter_text(&dir, "services-concern"));
    assert!(!flat.contains(&no_ws("(Owen's account: \u{201c}")), "{flat}");
    assert!(flat.contains(&no_ws("(Owen's account; my note of it: \u{201c}He said")), "{flat}");
    assert!(
        flat.contains(&no_ws("October 9, 2025 (Owen's account; the teacher's account says it was given)")),
        "{flat}"
    );
}
