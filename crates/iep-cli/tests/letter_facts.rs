//! Every sentence of fact a letter states comes from a record of the case
//! (spec/letters.md): meetings held, answers received, notices on file,
//! what the parent accepted and when. Where nothing true can be said, the
//! letter declines; its numbers count every period once. Each test lays a
//! small change over the fictional cases of `tests/letters/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::pdf::pdf_text;
use common::{iep, letter_case, maya_copy, no_ws};

const AS_OF: &str = "2026-04-20";

fn text_of(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn letter(dir: &Path, letter_type: &str, extra: &[&str]) -> (Output, Option<String>) {
    let pdf = dir.join("out").join(format!("{letter_type}.pdf"));
    let mut args = vec!["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = iep(&args);
    let text = fs::read(&pdf).ok().map(|bytes| no_ws(&pdf_text(&bytes)));
    let _ = fs::remove_file(&pdf);
    (out, text)
}

/// The letter's text as mailed (white space removed), after asserting it was written.
fn sent(dir: &Path, letter_type: &str, extra: &[&str]) -> String {
    let (out, text) = letter(dir, letter_type, extra);
    assert!(out.status.success(), "{letter_type}: {}", text_of(&out));
    text.expect("the letter is written")
}

/// Asserts the letter type declines (exit 2, no file) and returns the sentence why.
fn declined(dir: &Path, letter_type: &str) -> String {
    let (out, text) = letter(dir, letter_type, &[]);
    assert_eq!(out.status.code(), Some(2), "{letter_type}: {}", text_of(&out));
    assert!(text.is_none(), "{letter_type}: a declined letter writes no file");
    text_of(&out)
}

fn edit(path: &Path, from: &str, to: &str) {
    let yaml = fs::read_to_string(path).unwrap();
    assert!(yaml.contains(from), "{}: {from:?} not in\n{yaml}", path.display());
    fs::write(path, yaml.replace(from, to)).unwrap();
}

fn amendment(dir: &Path) -> PathBuf {
    dir.join("iep/2026-01-12.yaml")
}

/// The amendment came out of a meeting that recorded no agreement: the
/// letters say so, never "without a meeting".
#[test]
fn a_change_made_at_a_meeting_that_recorded_no_agreement_is_described_as_that() {
    let (_tmp, dir) = letter_case("ma");
    fs::write(
        dir.join("meetings/2026-01-08.yaml"),
        "kind: meeting\ndate: 2026-01-08\ntype: amendment\nattendees: [parent, case-manager]\n",
    )
    .unwrap();
    edit(&amendment(&dir), "effective: 2026-01-12\n", "effective: 2026-01-12\nmeeting: 2026-01-08\n");
    let objection = sent(&dir, "objection", &[]);
    assert!(
        objection.contains(&no_ws(
            "Your notice of January 5, 2026 proposed this change, and the meeting of January 8, 2026 recorded no agreement to it; I do not agree to it."
        )),
        "{objection}"
    );
    for letter_type in ["objection", "pwn-request", "mediation-request", "state-complaint"] {
        let flat = sent(&dir, letter_type, &[]);
        assert!(!flat.contains(&no_ws("without a meeting")), "{letter_type}: {flat}");
    }
    let complaint = sent(&dir, "state-complaint", &[]);
    assert!(complaint.contains(&no_ws("The district changed Noah's IEP without my agreement.")), "{complaint}");
    assert!(
        complaint.contains(&no_ws("at the meeting of January 8, 2026, which recorded no agreement to it")),
        "{complaint}"
    );
    // Without the meeting, the same change was made without one, and the letters say that.
    let (_tmp, dir) = letter_case("ma");
    let complaint = sent(&dir, "state-complaint", &[]);
    assert!(complaint.contains(&no_ws("without a meeting and without my agreement")), "{complaint}");
}

/// The school answered part of the records request: the follow-up says so,
/// by the answer's date, and what is still open; never "no answer".
#[test]
fn a_partial_answer_is_stated_as_one() {
    let (_tmp, dir) = letter_case("ma");
    edit(
        &dir.join("letters/2026-02-02-records-request.yaml"),
        "response: null",
        "response: {date: 2026-02-10, summary: Records received without the service logs, complete: false}",
    );
    let follow_up = sent(&dir, "follow-up", &[]);
    assert!(
        follow_up.contains(&no_ws(
            "You answered it in part on February 10, 2026 (\u{201c}Records received without the service logs\u{201d}); the rest of it is still open."
        )),
        "{follow_up}"
    );
    assert!(follow_up.contains(&no_ws("Please send me the rest of the records")), "{follow_up}");
    for letter_type in ["follow-up", "mediation-request", "state-complaint"] {
        let flat = sent(&dir, letter_type, &[]);
        assert!(
            !flat.contains(&no_ws("no answer")) && !flat.contains(&no_ws("has not answered")),
            "{letter_type}: {flat}"
        );
    }
    let complaint = sent(&dir, "state-complaint", &[]);
    assert!(
        complaint.contains(&no_ws(
            "The district answered my request for education records of February 2, 2026 only in part, on February 10, 2026"
        )),
        "{complaint}"
    );
}

/// A refusal notice about the accommodation is on file: no letter says it
/// had no notice, and no letter asks for a notice the school already gave.
#[test]
fn a_notice_on_file_is_never_called_no_notice() {
    let (_tmp, dir) = letter_case("ma");
    fs::write(
        dir.join("notices/2026-02-16.yaml"),
        "kind: prior-written-notice\ndate: 2026-02-16\naction: refuses\ncovers: [accommodations.A1]\ndescription: The district refuses to restore the separate room for every test.\n",
    )
    .unwrap();
    for letter_type in ["mediation-request", "state-complaint"] {
        let flat = sent(&dir, letter_type, &[]);
        assert!(!flat.contains(&no_ws("no prior written notice")), "{letter_type}: {flat}");
    }
    let why = declined(&dir, "pwn-request");
    assert!(why.contains("objection"), "{why}");
    let objection = sent(&dir, "objection", &[]);
    assert!(
        objection.contains(&no_ws(
            "Your notice of February 16, 2026 refused a change: \u{201c}The district refuses to restore the separate room for every test.\u{201d}; I do not agree to it."
        )),
        "{objection}"
    );
}

/// With every change agreed, there is nothing to object to: the letter
/// declines instead of claiming that no change was ever agreed.
#[test]
fn an_objection_with_nothing_unagreed_declines() {
    let (_tmp, dir) = letter_case("ma");
    edit(&amendment(&dir), "effective: 2026-01-12\n", "effective: 2026-01-12\nparent_signed: 2026-01-14\n");
    let why = declined(&dir, "objection");
    assert!(why.contains("lacks your agreement"), "{why}");
    // The sample's unagreed changes have no notice: they go in the notice request, not an objection.
    let (_tmp, maya) = maya_copy();
    let (out, pdf) = letter(&maya, "objection", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert!(pdf.is_none() && text_of(&out).contains("pwn-request"), "{}", text_of(&out));
}

/// A written rejection is dated by the parent's own written answer; the
/// version the parent accepted is named by the record of its acceptance.
#[test]
fn the_rejection_and_the_acceptance_carry_their_own_dates() {
    let (_tmp, dir) = letter_case("ma");
    edit(
        &amendment(&dir),
        "effective: 2026-01-12\n",
        "effective: 2026-01-12\nparent_signed: 2026-01-20\nparent_rejected: [services.reading]\n",
    );
    let objection = sent(&dir, "objection", &[]);
    assert!(objection.contains(&no_ws("I rejected this change in writing on January 20, 2026.")), "{objection}");
    // The plan before was agreed at its meeting, never signed: no signature date is claimed.
    let (_tmp, dir) = letter_case("ma");
    let plan = dir.join("iep/2025-09-08.yaml");
    edit(&plan, "parent_signed: 2025-09-06\n", "");
    edit(&dir.join("meetings/2025-09-04.yaml"), "concerns: [spelling]", "concerns: [spelling]\nagreed: [all]");
    let objection = sent(&dir, "objection", &[]);
    assert!(objection.contains(&no_ws("as in the IEP agreed at the meeting of September 4, 2025")), "{objection}");
    assert!(!objection.contains(&no_ws("I accepted on")), "{objection}");
}

/// A child with no IEP yet: the letters that speak of a plan in force decline.
#[test]
fn letters_about_a_plan_decline_for_a_child_without_one() {
    let (_tmp, dir) = letter_case("ma");
    for folder in ["iep", "services", "notices"] {
        fs::remove_dir_all(dir.join(folder)).unwrap();
    }
    for letter_type in ["objection", "services-concern", "data-request", "mediation-request"] {
        let why = declined(&dir, letter_type);
        assert!(why.contains("Noah has no IEP"), "{letter_type}: {why}");
    }
}

/// A 504 plan without goals: no request for goal data.
#[test]
fn a_plan_without_goals_gets_no_goal_data_request() {
    let (_tmp, dir) = letter_case("ca-504");
    for file in ["iep/2025-09-08.yaml", "iep/2026-01-12.yaml"] {
        let path = dir.join(file);
        let yaml = fs::read_to_string(&path).unwrap();
        let (head, rest) = yaml.split_once("goals:\n").unwrap();
        let (_, tail) = rest.split_once("services:\n").unwrap();
        fs::write(&path, format!("{head}services:\n{tail}")).unwrap();
    }
    let why = declined(&dir, "data-request");
    assert!(why.contains("no goals"), "{why}");
}

/// A change that only adds to the plan is worth raising, not objecting to.
#[test]
fn an_added_or_strengthened_item_is_not_objected_to() {
    let (_tmp, dir) = letter_case("ma");
    let path = amendment(&dir);
    edit(&path, "amount: 1 x 30 min per week", "amount: 3 x 30 min per week");
    edit(&path, "Tests read aloud in a separate room when appropriate", "Tests read aloud in a separate room");
    let why = declined(&dir, "objection");
    assert!(why.contains("worth raising"), "{why}");
}

/// The records request repeats one still open: it names it by its date.
#[test]
fn a_repeated_request_names_the_open_one() {
    let (_tmp, dir) = letter_case("ma");
    let flat = sent(&dir, "records-request", &[]);
    assert!(
        flat.contains(&no_ws(
            "I asked for Noah's records in my letter of February 2, 2026; it was due by February 12, 2026 (603 CMR 23.07(2)), and it is still open: this letter repeats it."
        )),
        "{flat}"
    );
    fs::write(
        dir.join("letters/2026-03-02-meeting-request.yaml"),
        "kind: letter\ndate: 2026-03-02\ntype: meeting-request\nto: case-manager\nvia: email\nresponse: null\n",
    )
    .unwrap();
    let flat = sent(&dir, "meeting-request", &[]);
    assert!(flat.contains(&no_ws("I asked for a meeting in my letter of March 2, 2026")), "{flat}");
}

/// A letter to the director never says "I will write to the district's director".
#[test]
fn the_next_step_never_names_the_person_addressed() {
    let (_tmp, dir) = letter_case("ma");
    fs::remove_file(dir.join("meetings/2026-05-12.yaml")).unwrap();
    for letter_type in ["records-request", "meeting-request", "evaluation-request"] {
        let flat = sent(&dir, letter_type, &["--to", "director"]);
        assert!(!flat.contains(&no_ws("district's director")), "{letter_type}: {flat}");
        // Written to the case manager, the director is the next step.
        let flat = sent(&dir, letter_type, &["--to", "case-manager"]);
        assert!(flat.contains(&no_ws("district's director")), "{letter_type}: {flat}");
    }
}

/// No blank for the parent to fill: the agency's address is left out and
/// the parent is told where to find it.
#[test]
fn a_complaint_has_no_blank_address_line() {
    for variant in ["ma", "tx"] {
        let (_tmp, dir) = letter_case(variant);
        let (out, flat) = letter(&dir, "state-complaint", &[]);
        assert!(out.status.success(), "{}", text_of(&out));
        let flat = flat.unwrap();
        assert!(!flat.contains("___") && !flat.contains("Address:"), "{variant}: {flat}");
        assert!(text_of(&out).contains("website"), "{variant}: {}", text_of(&out));
    }
}

/// The reading service was removed without agreement and nothing was
/// missed while it was in force: nothing is owed in force, and the letter
/// still states what is owed under the IEP the parent accepted.
#[test]
fn a_services_letter_states_the_agreed_figure_when_none_is_owed_in_force() {
    let (_tmp, dir) = letter_case("ma");
    let path = amendment(&dir);
    let yaml = fs::read_to_string(&path).unwrap();
    let start = yaml.find("  - id: reading").unwrap();
    let end = yaml.find("  - id: nurse").unwrap();
    fs::write(&path, format!("{}{}", &yaml[..start], &yaml[end..])).unwrap();
    edit(
        &dir.join("services/log.yaml"),
        "service: reading, missed: provider absent}",
        "service: reading, minutes: 30}",
    );
    let flat = sent(&dir, "services-concern", &[]);
    assert!(flat.contains(&no_ws("no minutes are owed under the IEP as changed")), "{flat}");
    assert!(
        flat.contains(&no_ws("under the IEP I accepted on September 6, 2025, which I have not agreed to change")),
        "{flat}"
    );
}

/// Weekly changed without agreement to monthly: the as-agreed total is what
/// the weekly terms alone owe, no month counted twice.
#[test]
fn the_agreed_total_counts_each_month_once_across_a_change_of_period_kind() {
    let owed = |dir: &Path| -> serde_json::Value {
        let out = iep(&["services", "--as-of", AS_OF, "--format", "json", dir.to_str().unwrap()]);
        assert!(out.status.success(), "{}", text_of(&out));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (_tmp, weekly) = letter_case("ma");
    fs::remove_file(amendment(&weekly)).unwrap();
    let expected = owed(&weekly)["minutes_owed"].as_f64().unwrap();
    let (_tmp, dir) = letter_case("ma");
    edit(&amendment(&dir), "amount: 1 x 30 min per week", "amount: 4 x 30 min per month");
    let json = owed(&dir);
    assert_eq!(json["minutes_owed_as_agreed"].as_f64().unwrap(), expected, "{json:#}");
}

/// A health service is stated by the checks missed, with their dates, and
/// asks for staffing and a plan, even when no run of misses was flagged.
#[test]
fn a_health_service_states_the_checks_missed_with_their_dates() {
    let (_tmp, dir) = letter_case("la");
    let log = dir.join("services/log.yaml");
    for day in ["03", "05", "09", "11", "13", "17", "19"] {
        edit(
            &log,
            &format!("{{date: 2026-03-{day}, service: nurse, missed: no nurse on site}}"),
            &format!("{{date: 2026-03-{day}, service: nurse, minutes: 5}}"),
        );
    }
    let flat = sent(&dir, "services-concern", &[]);
    let nurse = flat.split(&no_ws("Blood glucose checks:")).nth(1).expect("an item for the health service");
    assert!(
        nurse.starts_with(&no_ws(
            "your service log shows it was not given on 8 school days: March 2, 4, 6, 10, 12, 16, 18 and 20, 2026."
        )),
        "{flat}"
    );
    assert!(nurse.contains(&no_ws("who provides it when that person is absent")), "{flat}");
    let item = nurse.split(&no_ws("Please answer me")).next().unwrap_or(nurse);
    assert!(!item.contains("makeup") && !item.contains("madeup"), "{flat}");
    // The complaint states the same misses, and asks for staffing, not compensatory time, for them.
    let complaint = sent(&dir, "state-complaint", &[]);
    assert!(
        complaint.contains(&no_ws(
            "Blood glucose checks, March 2 to April 3, 2026: 17 of 25 sessions given; not given on March 2, 4, 6, 10, 12, 16, 18 and 20, 2026."
        )),
        "{complaint}"
    );
    assert!(complaint.contains(&no_ws("who provides Blood glucose checks each school day")), "{complaint}");
}

/// A data request names a report as due only on a report-card date of the calendar.
#[test]
fn a_missing_progress_report_is_named_by_its_report_card() {
    let (_tmp, dir) = letter_case("ma");
    edit(
        &dir.join("calendar.yaml"),
        "last_day: 2026-06-18\n",
        "last_day: 2026-06-18\nreport_cards: [2025-11-14, 2026-01-30]\n",
    );
    let flat = sent(&dir, "data-request", &[]);
    assert!(flat.contains(&no_ws("No progress report came with the report card of January 30, 2026.")), "{flat}");
    assert!(!flat.contains(&no_ws("due on")), "{flat}");
}

/// No letter sent, nothing overdue: a follow-up would restate a request that
/// was never made (review of December 2026).
#[test]
fn a_follow_up_declines_when_no_request_is_open() {
    let (_tmp, dir) = letter_case("ma");
    fs::remove_dir_all(dir.join("letters")).unwrap();
    fs::remove_dir_all(dir.join("consents")).ok();
    let why = declined(&dir, "follow-up");
    assert!(why.contains("Nothing you asked for in writing is overdue"), "{why}");
}

/// No session logged and no check-in: a services letter would claim misses
/// no record shows.
#[test]
fn a_services_letter_declines_when_nothing_is_logged() {
    let (_tmp, dir) = letter_case("ma");
    fs::remove_dir_all(dir.join("services")).unwrap();
    let why = declined(&dir, "services-concern");
    assert!(why.contains("Nothing in the case records a session"), "{why}");
}

/// The parent consented to a reevaluation and its deadline passed (MA,
/// 603 CMR 28.05(1)): the follow-up names it, and no letter asks for a
/// reevaluation the parent already consented to.
#[test]
fn a_consent_on_file_is_followed_up_not_asked_for_again() {
    let (_tmp, dir) = letter_case("ma-reeval");
    let follow_up = sent(&dir, "follow-up", &[]);
    assert!(
        follow_up.contains(&no_ws(
            "You received my signed consent to the reevaluation of Noah on March 2, 2026. Under 603 CMR 28.05(1), it was to be completed within 30 school working days of your receipt of my consent, by April 13, 2026"
        )),
        "{follow_up}"
    );
    assert!(follow_up.contains(&no_ws("It is now 7 days past that date.")), "{follow_up}");
    assert!(follow_up.contains(&no_ws("My consent to the reevaluation, received March 2, 2026")), "{follow_up}");
    // The records request is still named too.
    assert!(follow_up.contains(&no_ws("My request for education records of February 2, 2026")), "{follow_up}");
    let why = declined(&dir, "evaluation-request");
    assert!(why.contains("You consented to the reevaluation on March 2, 2026") && why.contains("follow-up"), "{why}");
    // A dispute names it too, by the rule's date and citation.
    for letter_type in ["mediation-request", "state-complaint"] {
        let flat = sent(&dir, letter_type, &[]);
        assert!(
            flat.contains(&no_ws(
                "The district did not complete the reevaluation of Noah by April 13, 2026 (603 CMR 28.05(1)), although it received my consent on March 2, 2026."
            )),
            "{letter_type}: {flat}"
        );
    }
    let complaint = sent(&dir, "state-complaint", &[]);
    assert!(
        complaint.contains(&no_ws("that the district complete the reevaluation of Noah without further delay")),
        "{complaint}"
    );
}

/// Before the deadline, the evaluation request asks for the evaluation the
/// parent consented to to be completed by the rule's date, never for consent.
#[test]
fn a_consent_before_its_deadline_is_asked_to_be_completed_by_it() {
    let (_tmp, dir) = letter_case("ma-reeval");
    let pdf = dir.join("out/evaluation-request.pdf");
    let d = dir.to_str().unwrap();
    let out = iep(&["letter", "evaluation-request", d, "--as-of", "2026-03-20", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text_of(&out));
    let flat = no_ws(&pdf_text(&fs::read(&pdf).unwrap()));
    for sentence in [
        "Re: Completing the reevaluation of Noah Bennett",
        "I am writing about the reevaluation of Noah: you received my signed consent to it on March 2, 2026.",
        "The reevaluation of Noah, completed by April 13, 2026, and a copy of each assessment report when it is written.",
        "Under 603 CMR 28.05(1), once the district receives my consent, it is to complete the reevaluation within 30 school working days",
    ] {
        assert!(flat.contains(&no_ws(sentence)), "{sentence}\n{flat}");
    }
    for never in ["consent form", "Your agreement to reevaluate", "assessments you propose", "last evaluated"] {
        assert!(!flat.contains(&no_ws(never)), "{never}\n{flat}");
    }
}

/// A data request while the records request is open names it by its date,
/// as the follow-up does, and its next step is what the parent will do.
#[test]
fn a_data_request_names_the_open_records_request_and_asks_directly() {
    let (_tmp, dir) = letter_case("ma");
    let data = sent(&dir, "data-request", &[]);
    assert!(
        data.contains(&no_ws(
            "My request for Noah's education records of February 2, 2026 is still open: it was due by February 12, 2026 (603 CMR 23.07(2)), and I have had no answer to it."
        )),
        "{data}"
    );
    // The next step is what the parent will do (letters.md), never a second ask,
    // and a meeting already set (May 12) is never asked for again.
    assert!(
        data.contains(&no_ws("I will ask the team at the meeting on May 12, 2026 to review Noah's progress.")),
        "{data}"
    );
    assert!(!data.contains(&no_ws("I will ask for an IEP team meeting")), "{data}");
    assert!(!data.contains(&no_ws("ask the district to explain")), "{data}");
    // Answered in part: said as that.
    edit(
        &dir.join("letters/2026-02-02-records-request.yaml"),
        "response: null",
        "response: {date: 2026-02-10, summary: Records received without the service logs, complete: false}",
    );
    let data = sent(&dir, "data-request", &[]);
    assert!(
        data.contains(&no_ws("of February 2, 2026 is still open: you answered it only in part on February 10, 2026.")),
        "{data}"
    );
    // Answered in full: nothing is open, and nothing is said of it.
    edit(&dir.join("letters/2026-02-02-records-request.yaml"), "complete: false", "complete: true");
    let data = sent(&dir, "data-request", &[]);
    assert!(!data.contains(&no_ws("is still open")), "{data}");
}

/// The meeting already set is where the parent asks for the restoration; the
/// plan was accepted before it, never "at" it (the advocate review's reading).
#[test]
fn the_restoration_is_asked_at_the_meeting_set_not_accepted_there() {
    let (_tmp, dir) = letter_case("ma");
    let text = sent(&dir, "pwn-request", &[]);
    assert!(
        text.contains(&no_ws("I will ask the team, at the meeting on May 12, 2026, to restore the IEP I accepted.")),
        "{text}"
    );
    assert!(!text.contains(&no_ws("I accepted at the meeting on")), "{text}");
}

/// A mediation request states the parent's disagreement, not a history of
/// failed talks the record may not hold.
#[test]
fn mediation_states_the_parents_disagreement_not_failed_talks() {
    let (_tmp, dir) = letter_case("ma");
    let text = sent(&dir, "mediation-request", &[]);
    assert!(text.contains(&no_ws("I disagree with the district about the following:")), "{text}");
    assert!(!text.contains(&no_ws("have not been able to agree")), "{text}");
}

/// A disagreement between logs names each record by whose it is: the
/// child's account is never called the parent's own record.
#[test]
fn a_log_disagreement_names_whose_records_disagree() {
    let (_tmp, dir) = maya_copy();
    let text = sent(&dir, "data-request", &[]);
    assert!(
        text.contains(&no_ws("For March 10, 2026, your service log and Maya's account of the session disagree.")),
        "{text}"
    );
    assert!(!text.contains(&no_ws("the dates below")), "{text}");
}

/// A plan never changed gets a pwn-request decline that implies no notice is
/// on file (the advocate review's reading of "lacks a notice on file").
#[test]
fn a_pwn_request_for_an_unchanged_plan_declines_without_implying_a_notice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("selpa-objectives");
    common::copy_case(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/forms/selpa-objectives"), &dir);
    let why = declined(&dir, "pwn-request");
    assert!(why.contains("The case records no change to the IEP without a prior written notice"), "{why}");
    assert!(!why.contains("on file"), "{why}");
}

/// With a meeting on the calendar, a services letter's next step takes the
/// question to that meeting; without one, it asks for a meeting.
#[test]
fn a_next_step_never_asks_for_a_meeting_already_set() {
    let (_tmp, dir) = letter_case("ma");
    let text = sent(&dir, "services-concern", &[]);
    assert!(text.contains(&no_ws("I will ask the team at the meeting on May 12, 2026 to decide")), "{text}");
    assert!(!text.contains(&no_ws("I will ask for an IEP team meeting")), "{text}");
}

/// A dispute over progress says only what the record holds: the goals behind,
/// and no revision since the report that showed it (an amendment before that
/// report does not make "never revised" true).
#[test]
fn a_progress_dispute_names_the_report_since_which_nothing_was_revised() {
    let (_tmp, dir) = maya_copy();
    let text = sent(&dir, "mediation-request", &[]);
    assert!(
        text.contains(&no_ws(
            "and the IEP has not been revised since the progress report of April 10, 2026 showed it."
        )),
        "{text}"
    );
    assert!(!text.contains(&no_ws("The IEP has not been revised although")), "{text}");
}

/// A 504 plan's notice on file is listed as a notice: prior written notice is an IDEA term.
#[test]
fn a_504_letter_lists_a_notice_without_the_idea_term() {
    let (_tmp, dir) = letter_case("ma-504");
    let text = sent(&dir, "objection", &[]);
    assert!(text.contains(&no_ws("Notice of January 5, 2026")), "{text}");
    assert!(!text.contains(&no_ws("Prior written notice")), "{text}");
}

/// A complaint states the time owed under the plan as the parent accepted it,
/// the same figure the services letter gives, beside the time owed as changed.
#[test]
fn a_complaint_states_the_time_owed_under_the_plan_accepted() {
    let (_tmp, dir) = letter_case("ca");
    let text = sent(&dir, "state-complaint", &[]);
    assert!(
        text.contains(&no_ws(
            "Reading intervention: through April 5, 2026, 450 minutes are owed under the IEP as I accepted it, against 120 minutes under the IEP as changed without my agreement."
        )),
        "{text}"
    );
    let services = sent(&dir, "services-concern", &[]);
    assert!(services.contains(&no_ws("450 minutes are owed")), "{services}");
}

/// A meeting request asks for make-up time only for the services that owe
/// time, and staffing for a health service (letters.md).
#[test]
fn a_meeting_request_asks_make_up_time_only_where_time_is_owed() {
    let (_tmp, dir) = letter_case("ca");
    let text = sent(&dir, "meeting-request", &[]);
    assert!(
        text.contains(&no_ws(
            "a plan to make up the time of Reading intervention, and say who will provide Blood glucose checks each day."
        )),
        "{text}"
    );
}

/// A goal whose lack of progress a report showed before the latest version
/// is not said to be "not revised since": only the goals shown after it are.
#[test]
fn a_progress_dispute_leaves_out_goals_shown_before_the_last_revision() {
    let (_tmp, dir) = maya_copy();
    let text = sent(&dir, "state-complaint", &[]);
    assert!(
        text.contains(&no_ws(
            "Maya is not making the expected progress toward the goal in Speech - articulation, and the IEP has not been revised since the progress report of April 10, 2026 showed it."
        )),
        "{text}"
    );
}
