//! The law right for the plan and the state, in every output (issue 21): the
//! letter fixture cases (`tests/letters/`) read back from the letters,
//! `iep check`, `iep deadlines`, the packet and the report. Each rule is
//! stated as `spec/timelines.md` words it, the state's own where the rules
//! data has one, and no IDEA or state special-education rule reaches a 504 plan.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::pdf::pdf_text;
use common::{LETTER_TYPES, iep, letter_case, no_ws};

const AS_OF: &str = "2026-04-20";

/// What no output for a 504 plan may print: IDEA's and a state's
/// special-education citations, and the IDEA duties themselves.
const NOT_FOR_504: [&str; 12] = [
    "CFR300.",
    "300.613",
    "300.324",
    "300.303",
    "300.301",
    "CMR",
    "EdCode",
    "56504",
    "LAC28",
    "OAC",
    "annualreview",
    "Reevaluation",
];

/// The variant's case for a child with no plan yet: no plan, no notice, no service log.
fn initial_case_of(variant: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = letter_case(variant);
    for folder in ["iep", "notices", "services"] {
        fs::remove_dir_all(dir.join(folder)).unwrap();
    }
    (tmp, dir)
}

fn text_of(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn letter(dir: &Path, letter_type: &str) -> (Output, Option<Vec<u8>>) {
    let pdf = dir.join("out").join(format!("{letter_type}.pdf"));
    let out = iep(&["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()]);
    let bytes = fs::read(&pdf).ok();
    let _ = fs::remove_file(&pdf);
    (out, bytes)
}

/// The letter's text as mailed (white space removed), after asserting it was written.
fn sent(dir: &Path, letter_type: &str) -> String {
    let (out, pdf) = letter(dir, letter_type);
    assert!(out.status.success(), "{letter_type}: {}", text_of(&out));
    no_ws(&pdf_text(&pdf.expect("the letter is written")))
}

fn run(args: &[&str]) -> String {
    let out = iep(args);
    assert!(out.status.success() || out.status.code() == Some(1), "{args:?}: {}", text_of(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn check_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&run(&["check", dir.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"])).unwrap()
}

fn deadlines_json(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&run(&["deadlines", dir.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"])).unwrap()
}

/// The deadline of the letter file `subject` in `iep deadlines --format json`: (due, citation).
fn letter_deadline(deadlines: &serde_json::Value, subject: &str) -> (String, String) {
    let list = deadlines["deadlines"].as_array().unwrap();
    let d = list.iter().find(|d| d["subject"] == subject).unwrap_or_else(|| panic!("{subject}: {deadlines}"));
    (d["due"].as_str().unwrap_or("none").to_owned(), d["source"]["citation"].as_str().unwrap().to_owned())
}

/// 34 CFR 300.324(a)(4): the parent and the agency agree not to meet, and the
/// amendment is a written document; never "written agreement", and
/// California's unverified 56380.1(a) is never cited.
#[test]
fn the_amendment_rule_is_stated_as_it_is_written() {
    for variant in ["ma", "ca", "la", "oh", "tx"] {
        let (_tmp, dir) = letter_case(variant);
        let objection = sent(&dir, "objection");
        assert!(
            objection.contains(&no_ws(
                "Under 34 CFR 300.324(a)(4), an IEP is changed between annual reviews without a meeting only when the school and I agree not to meet and the change is made in a written document, and I made no such agreement."
            )),
            "{variant}: {objection}"
        );
        for letter_type in ["objection", "pwn-request", "state-complaint", "mediation-request", "meeting-request"] {
            let flat = sent(&dir, letter_type);
            for bad in ["writtenagreement", "agreeinwriting", "agreedinwriting", "56380"] {
                assert!(!flat.contains(bad), "{variant} {letter_type}: {bad} in {flat}");
            }
        }
    }
    let (_tmp, dir) = letter_case("ma");
    let complaint = sent(&dir, "state-complaint");
    assert!(
        complaint.contains(&no_ws("an IEP is changed between annual reviews without a meeting only when the parent and the district agree not to meet and the change is made in a written document")),
        "{complaint}"
    );
}

/// An initial evaluation: the state's own clock in its words where the rules
/// data has one, the federal 60 days only where none, with "or within the
/// State's timeframe" for a state the data does not know.
#[test]
fn an_evaluation_request_states_the_states_own_clock() {
    let cases = [
        (
            "ma",
            "Under 603 CMR 28.05(1), once the district receives my consent, it is to complete the evaluation within 30 school working days and hold the Team meeting and give me the proposed IEP within 45 school working days.",
        ),
        (
            "ca",
            "Under Ed Code 56344(a), once the district receives my consent, it is to complete the assessment and hold the IEP meeting on it within 60 days, not counting school vacations of more than five school days.",
        ),
        (
            "la",
            "Under LAC 28:XLIII.302(C)(1)(a), once the district receives my consent, it is to complete the initial evaluation within 60 business days.",
        ),
        (
            "oh",
            "Under 34 CFR 300.301(c)(1), once the district receives my consent, it is to complete the initial evaluation within 60 days.",
        ),
        (
            "tx",
            "Under 34 CFR 300.301(c)(1), once the district receives my consent, it is to complete the initial evaluation within 60 days, or within the State's timeframe.",
        ),
    ];
    for (variant, clock) in cases {
        let (_tmp, dir) = initial_case_of(variant);
        let flat = sent(&dir, "evaluation-request");
        assert!(
            flat.contains(&no_ws("I am writing to ask the district to evaluate Noah for special education.")),
            "{variant}: {flat}"
        );
        assert!(flat.contains(&no_ws(clock)), "{variant}: {clock}\n{flat}");
        if !["oh", "tx"].contains(&variant) {
            assert!(
                !flat.contains("300.301") && (variant == "ca" || !flat.contains("within60days")),
                "{variant}: the federal 60 days: {flat}"
            );
        }
        if variant == "oh" {
            assert!(!flat.contains("State'stimeframe"), "{flat}");
        }
        assert!(!flat.contains("300.303"), "{variant}: the reevaluation rule for an initial evaluation: {flat}");
    }
    // Massachusetts' referral rule is for exactly this request.
    let (_tmp, dir) = initial_case_of("ma");
    let flat = sent(&dir, "evaluation-request");
    assert!(flat.contains(&no_ws("Under 603 CMR 28.04(1), the district is to send the notice and consent form within 5 school days of receiving my request.")), "{flat}");
}

/// A child already found eligible: a reevaluation under 34 CFR 300.303 with
/// the state's reevaluation clock where the data has one, never the
/// initial-evaluation rules, and in Massachusetts no referral deadline.
#[test]
fn a_reevaluation_request_states_no_initial_rule() {
    // `ma-reeval` has the parent's consent on file: no letter asks for that
    // reevaluation again (letter_facts.rs, `a_consent_on_file_is_followed_up_not_asked_for_again`).
    for variant in ["ma", "ca", "la", "oh", "tx"] {
        let (_tmp, dir) = letter_case(variant);
        let flat = sent(&dir, "evaluation-request");
        assert!(flat.contains(&no_ws("Request for a reevaluation of Noah Bennett")), "{variant}: {flat}");
        assert!(flat.contains("300.303"), "{variant}: {flat}");
        for bad in ["300.301", "28.04(1)", "302(C)(1)(a)", "sendthenoticeandconsentform", "initialevaluation"] {
            assert!(!flat.contains(bad), "{variant}: {bad} in {flat}");
        }
        match variant {
            "ma" => assert!(
                flat.contains(&no_ws("Under 603 CMR 28.05(1), once the district receives my consent, it is to complete the reevaluation within 30 school working days and hold the Team meeting and give me the proposed IEP within 45 school working days.")),
                "{variant}: {flat}"
            ),
            "ca" => assert!(
                flat.contains(&no_ws("Under Ed Code 56344(a), once the district receives my consent, it is to complete the reassessment and hold the IEP meeting on it within 60 days, not counting school vacations of more than five school days.")),
                "{flat}"
            ),
            _ => assert!(!flat.contains("oncethedistrictreceivesmyconsent"), "{variant}: {flat}"),
        }
    }
    // The reevaluation request in Massachusetts has no response deadline for
    // `iep deadlines` and `iep check` either: the letter and the check agree.
    let (_tmp, dir) = letter_case("ma");
    fs::write(
        dir.join("letters/2026-03-02-evaluation-request.yaml"),
        "kind: letter\ndate: 2026-03-02\ntype: evaluation-request\nto: case-manager\nvia: email\nresponse: null\n",
    )
    .unwrap();
    let deadlines = deadlines_json(&dir);
    let (due, citation) = letter_deadline(&deadlines, "letters/2026-03-02-evaluation-request.yaml");
    assert_eq!(due, "none", "{citation}");
    assert!(!citation.contains("28.04"), "{citation}");
    let findings = check_json(&dir);
    let overdue = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "response-overdue" && f["subject"] == "letters/2026-03-02-evaluation-request.yaml");
    assert!(!overdue, "{findings}");
    // Before the child had a plan, the referral rule holds, in the check too.
    let (_tmp, dir) = initial_case_of("ma");
    fs::write(
        dir.join("letters/2026-03-02-evaluation-request.yaml"),
        "kind: letter\ndate: 2026-03-02\ntype: evaluation-request\nto: case-manager\nvia: email\nresponse: null\n",
    )
    .unwrap();
    let (due, citation) = letter_deadline(&deadlines_json(&dir), "letters/2026-03-02-evaluation-request.yaml");
    assert_eq!((due.as_str(), citation.as_str()), ("2026-03-09", "603 CMR 28.04(1)"));
}

/// Massachusetts' assessment summaries: at least two days before the Team
/// meeting that follows an evaluation, never "on request", not before every meeting.
#[test]
fn massachusetts_summaries_come_before_the_meeting_after_an_evaluation() {
    // The meeting of May 12 follows no evaluation: no summaries rule, in the letter or the deadlines.
    let (_tmp, dir) = letter_case("ma");
    let flat = sent(&dir, "draft-request");
    assert!(!flat.contains("28.05(1)") && !flat.contains("onrequest"), "{flat}");
    let deadlines = deadlines_json(&dir).to_string();
    assert!(!deadlines.contains("assessment-summaries"), "{deadlines}");
    // After the consent to a reevaluation of March 2, it does.
    let (_tmp, dir) = letter_case("ma-reeval");
    let flat = sent(&dir, "draft-request");
    assert!(
        flat.contains(&no_ws("Under 603 CMR 28.05(1), the assessment summaries are to be available to me at least two days before the Team meeting that follows an evaluation.")),
        "{flat}"
    );
    assert!(!flat.contains("onrequest") && !flat.contains("whenIask"), "{flat}");
    let deadlines = deadlines_json(&dir);
    let list = deadlines["deadlines"].as_array().unwrap();
    let summaries = list.iter().find(|d| d["source"]["key"] == "assessment-summaries").expect("the summaries date");
    assert_eq!(summaries["due"], "2026-05-10", "{summaries}");
    assert!(!summaries.to_string().contains("on request") && !summaries.to_string().contains("asks"), "{summaries}");
    // And the reevaluation the parent consented to is held to 28.05(1).
    let overdue = check_json(&dir);
    let evaluation = overdue["findings"].as_array().unwrap().iter().find(|f| f["code"] == "evaluation-overdue");
    assert!(evaluation.is_some_and(|f| f["evidence"]["source"] == "603 CMR 28.05(1)"), "{overdue}");
}

/// A 504 plan in two states: no IDEA or state special-education rule in any
/// output, and its records rest on FERPA's 45 days in the letter and the check alike.
#[test]
fn a_504_plan_gets_no_idea_or_state_rule_in_any_output() {
    for variant in ["ca-504", "ma-504"] {
        let (_tmp, dir) = letter_case(variant);
        // iep check: no annual review, reevaluation, progress-report or evaluation finding.
        let findings = check_json(&dir);
        let codes: Vec<&str> =
            findings["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
        for code in
            ["annual-review-due", "reevaluation-due", "progress-report-overdue", "progress-insufficient", "missing-pwn"]
        {
            assert!(!codes.contains(&code), "{variant}: {code} for a 504 plan: {codes:?}");
        }
        let records = findings["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "response-overdue")
            .unwrap_or_else(|| panic!("{variant}: {findings}"));
        assert_eq!(records["evidence"]["due"], "2026-03-19", "{variant}: FERPA's 45 days: {records}");
        assert_eq!(records["evidence"]["source"], "20 U.S.C. 1232g(a)(1)(A)", "{variant}: {records}");
        let text = no_ws(&run(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]));
        for bad in NOT_FOR_504 {
            assert!(!text.contains(bad), "{variant} iep check: {bad} in {text}");
        }
        // iep deadlines: FERPA for the records, and nothing of IDEA.
        let deadlines = deadlines_json(&dir);
        let (due, citation) = letter_deadline(&deadlines, "letters/2026-02-02-records-request.yaml");
        assert_eq!((due.as_str(), citation.as_str()), ("2026-03-19", "20 U.S.C. 1232g(a)(1)(A)"), "{variant}");
        let keys: Vec<&str> =
            deadlines["deadlines"].as_array().unwrap().iter().filter_map(|d| d["source"]["key"].as_str()).collect();
        for key in
            ["annual-review", "reevaluation", "report-card", "assessment-summaries", "proposed-iep-after-meeting"]
        {
            assert!(!keys.contains(&key), "{variant}: {key} for a 504 plan: {keys:?}");
        }
        let text = no_ws(&run(&["deadlines", dir.to_str().unwrap(), "--as-of", AS_OF]));
        for bad in NOT_FOR_504 {
            assert!(!text.contains(bad), "{variant} iep deadlines: {bad} in {text}");
        }
        // The letters.
        for letter_type in LETTER_TYPES {
            let (out, pdf) = letter(&dir, letter_type);
            let Some(pdf) = pdf else {
                assert_eq!(out.status.code(), Some(2), "{variant} {letter_type}: {}", text_of(&out));
                assert!(!no_ws(&text_of(&out)).contains("CFR300."), "{variant} {letter_type}: {}", text_of(&out));
                continue;
            };
            let flat = no_ws(&pdf_text(&pdf));
            for bad in NOT_FOR_504 {
                assert!(!flat.contains(bad), "{variant} {letter_type}: {bad} in {flat}");
            }
        }
        let follow_up = sent(&dir, "follow-up");
        assert!(
            follow_up.contains(&no_ws("was due within 45 days, by March 19, 2026 (20 U.S.C. 1232g(a)(1)(A))")),
            "{variant}: {follow_up}"
        );
        // The packet and the report.
        let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
        assert!(out.status.success(), "{variant}: {}", text_of(&out));
        for document in ["packet.pdf", "report.pdf"] {
            let flat = no_ws(&pdf_text(&fs::read(dir.join("out").join(document)).unwrap()));
            for bad in NOT_FOR_504 {
                assert!(!flat.contains(bad), "{variant} {document}: {bad} in {flat}");
            }
            // Prior written notice is an IDEA rule: never asked for or missed (a notice on file is still a document).
            for bad in
                ["nopriorwrittennotice", "whereisthepriorwrittennotice", "withpriorwrittennotice", "Whoagreed;notice"]
            {
                assert!(!flat.contains(bad), "{variant} {document}: {bad} in {flat}");
            }
        }
    }
}

/// A 504 plan's records request of ten days ago is not late: FERPA's 45
/// days, not California's 5 business days, in the check as in the letter.
#[test]
fn a_504_records_request_is_not_checked_against_a_state_rule() {
    let (_tmp, dir) = letter_case("ca-504");
    fs::write(
        dir.join("letters/2026-04-06-records-request.yaml"),
        "kind: letter\ndate: 2026-04-06\ntype: records-request\nto: case-manager\nvia: email\nresponse: null\n",
    )
    .unwrap();
    let findings = check_json(&dir);
    let late = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "response-overdue" && f["subject"] == "letters/2026-04-06-records-request.yaml");
    assert!(!late, "{findings}");
    let (due, citation) = letter_deadline(&deadlines_json(&dir), "letters/2026-04-06-records-request.yaml");
    assert_eq!((due.as_str(), citation.as_str()), ("2026-05-21", "20 U.S.C. 1232g(a)(1)(A)"));
}
