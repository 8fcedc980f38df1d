//! Counting and deadline rules on hand-built cases.

use super::*;
use iep_model::{DateRange, Doc, MeetingType, Response, RuleSet, SchoolCalendar};
use iep_testkit::{CaseBuilder, VersionExt, d, meeting_of};

/// A case in `state` whose rules are the shipped federal and state files.
pub(crate) fn case(state: Option<&str>, rules: RuleSet) -> Case {
    CaseBuilder::new()
        .name("maya")
        .child("Maya")
        .state(state)
        .calendar(SchoolCalendar {
            closed: vec![
                DateRange { from: d("2025-12-22"), to: d("2026-01-02") },
                DateRange { from: d("2026-02-16"), to: d("2026-02-20") },
            ],
            report_cards: vec![d("2026-01-30"), d("2026-04-10")],
            ..iep_testkit::calendar("2025-09-03", "2026-06-18")
        })
        .version(iep_testkit::version("iep-2025", "2025-09-15").meeting_on("2025-09-10").signed("2025-09-12"))
        .rules(rules)
        .build()
}

fn rule(days: u32, kind: DayKind, pause: Option<u32>) -> Rule {
    Rule {
        key: "test".into(),
        jurisdiction: "US".into(),
        what: "test".into(),
        trigger: Trigger::Letter("records-request".into()),
        days: Some(days),
        day_kind: kind,
        citation: "Test 1".into(),
        note: None,
        before: false,
        pause_for_vacation_over: pause,
        words: None,
        plan: iep_model::Plan::Iep,
        initial_only: false,
        state_alternative: None,
    }
}

pub(crate) use iep_testkit::letter;

/// A federal rule of the rules data's shape that sets no deadline of its own.
fn federal(key: &str, trigger: Trigger, days: Option<u32>, kind: DayKind) -> Rule {
    Rule { key: key.into(), trigger, days, citation: format!("US {key}"), ..rule(1, kind, None) }
}

fn rules_with(rules: Vec<Rule>, state: Option<&str>) -> RuleSet {
    RuleSet { state: state.map(str::to_owned), rules, ..Default::default() }
}

#[test]
fn days_count_from_the_day_after() {
    let c = case(None, RuleSet::default());
    // Thursday 2026-02-12 + 10 calendar days.
    assert_eq!(due_after(&c, d("2026-02-12"), &rule(10, DayKind::Calendar, None)), Some(d("2026-02-22")));
    // 5 business days from Thursday: Fri, Mon, Tue, Wed, Thu.
    assert_eq!(due_after(&c, d("2026-02-12"), &rule(5, DayKind::Business, None)), Some(d("2026-02-19")));
    // 5 school days from Thursday Feb 12: Fri 13, then the week of Feb 16 is closed: Feb 23, 24, 25, 26.
    assert_eq!(due_after(&c, d("2026-02-12"), &rule(5, DayKind::School, None)), Some(d("2026-02-26")));
    // Years: February 29 falls back to February 28.
    assert_eq!(due_after(&c, d("2024-02-29"), &rule(1, DayKind::Year, None)), Some(d("2025-02-28")));
}

#[test]
fn california_clocks_stop_over_long_vacations_only() {
    let c = case(Some("CA"), RuleSet::default());
    // Winter break Dec 22 - Jan 2 is 10 school days: Dec 22 .. Jan 2 do not count.
    // From Dec 10: Dec 11..21 is 11 days; then Jan 3.. adds 19 more: Jan 21.
    assert_eq!(due_after(&c, d("2025-12-10"), &rule(30, DayKind::Calendar, Some(5))), Some(d("2026-01-21")));
    // The February break is exactly 5 school days: not over 5, so it counts.
    assert_eq!(due_after(&c, d("2026-02-10"), &rule(10, DayKind::Calendar, Some(5))), Some(d("2026-02-20")));
}

#[test]
fn a_letters_reply_by_date_comes_first_then_the_state_then_federal() {
    let ma = rules_with(
        vec![
            Rule { jurisdiction: "MA".into(), ..rule(10, DayKind::Calendar, None) },
            rule(45, DayKind::Calendar, None),
        ],
        Some("MA"),
    );
    let c = case(Some("MA"), ma.clone());
    let mut l = letter("2026-02-12", "records-request");
    assert_eq!(response_deadline(&c, &l).due(), Some(d("2026-02-22")));
    l.value.reply_by = Some(d("2026-02-26"));
    assert_eq!(response_deadline(&c, &l), ResponseDeadline::ReplyBy(d("2026-02-26")));
    let federal = case(Some("TX"), RuleSet { state: Some("TX".into()), ..ma });
    assert_eq!(response_deadline(&federal, &letter("2026-02-12", "records-request")).due(), Some(d("2026-03-29")));
    assert_eq!(response_deadline(&federal, &letter("2026-02-12", "meeting-request")), ResponseDeadline::None);
}

#[test]
fn a_state_rule_without_days_means_no_deadline_not_the_federal_one() {
    let state_without_days = Rule { jurisdiction: "LA".into(), days: None, ..rule(10, DayKind::Calendar, None) };
    let rules = rules_with(vec![state_without_days.clone(), rule(45, DayKind::Calendar, None)], Some("LA"));
    let c = case(Some("LA"), rules);
    let answer = response_deadline(&c, &letter("2026-02-12", "records-request"));
    assert_eq!(answer, ResponseDeadline::NoNumber(state_without_days));
    assert_eq!(answer.due(), None);
    let list = deadlines(&Case { letters: vec![letter("2026-02-12", "records-request")], ..c }, d("2026-04-20"));
    let listed = list.iter().find(|x| x.subject == "letters/2026-02-12-records-request.yaml").unwrap();
    assert_eq!((listed.status, listed.due), (Status::NoFixedDate, None));
}

#[test]
fn deadlines_list_letters_reviews_and_report_cards_with_sources() {
    let mut c = case(
        Some("MA"),
        rules_with(
            vec![
                Rule { jurisdiction: "MA".into(), ..rule(10, DayKind::Calendar, None) },
                federal("progress-reports", Trigger::ReportCard, None, DayKind::Calendar),
            ],
            Some("MA"),
        ),
    );
    let mut answered = letter("2026-01-05", "records-request");
    answered.value.response = Some(Response { date: d("2026-01-30"), summary: None, ..Default::default() });
    c.letters = vec![answered, letter("2026-02-12", "records-request"), letter("2026-03-01", "meeting-request")];
    c.meetings.push(meeting_of("2024-05-01", MeetingType::Eligibility));
    c.versions[0].value.goals.push(iep_testkit::goal("reading", "Reads 90 words a minute", 40.0, 90.0));
    let list = deadlines(&c, d("2026-04-20"));
    let by_subject = |s: &str| list.iter().find(|x| x.subject == s).unwrap();
    assert_eq!(by_subject("letters/2026-02-12-records-request.yaml").status, Status::Overdue);
    assert_eq!(by_subject("letters/2026-01-05-records-request.yaml").status, Status::Done);
    let no_days = by_subject("letters/2026-03-01-meeting-request.yaml");
    assert_eq!((no_days.status, no_days.due), (Status::NoFixedDate, None));
    assert_eq!(no_days.source.counting, NO_FIXED_DAYS);
    // No annual-review or reevaluation rule in this rule set: nothing invented.
    assert!(!list.iter().any(|x| x.source.key == "annual-review" || x.source.key == "reevaluation"));
    let cards: Vec<_> = list.iter().filter(|x| x.source.key == "report-card").collect();
    // Due 14 days after each report card (checks.md): 2026-02-13 is past, 2026-04-24 is not.
    let due: Vec<_> = cards.iter().map(|x| (x.due, x.status)).collect();
    assert_eq!(due, vec![(Some(d("2026-02-13")), Status::Overdue), (Some(d("2026-04-24")), Status::Upcoming)]);
}

/// Report cards of every calendar, each window up to the next card of any
/// calendar; only while an IEP with goals is in force; overdue 14 days after
/// the card, as `progress-report-overdue` judges it.
#[test]
fn report_card_deadlines_follow_the_check_across_calendars() {
    let mut c = case(None, RuleSet::default());
    c.versions[0].value.goals.push(iep_testkit::goal("reading", "Reads 90 words a minute", 40.0, 90.0));
    let mut second = iep_testkit::calendar("2026-01-05", "2026-06-18");
    second.report_cards = vec![d("2026-03-06"), d("2026-01-30")];
    c.calendars.push(Doc { path: "calendar-2.yaml".into(), value: second });
    c.reports.push(iep_testkit::report("2026-02-05", "iep-2025", &[]));
    let as_of = d("2026-05-01");
    let cards = |case: &Case| -> Vec<(NaiveDate, Status, Option<NaiveDate>)> {
        deadlines(case, as_of)
            .into_iter()
            .filter(|x| x.source.key == "report-card")
            .map(|x| (x.due.unwrap(), x.status, x.done_on))
            .collect()
    };
    assert_eq!(
        cards(&c),
        vec![
            (d("2026-02-13"), Status::Done, Some(d("2026-02-05"))),
            (d("2026-03-20"), Status::Overdue, None),
            (d("2026-04-24"), Status::Overdue, None),
        ]
    );
    // A 504 plan, or an IEP without goals, owes no progress report.
    let mut plan_504 = c.clone();
    plan_504.versions[0].value.plan = iep_model::Plan::Section504;
    assert_eq!(cards(&plan_504), vec![]);
    let mut no_goals = c.clone();
    no_goals.versions[0].value.goals.clear();
    assert_eq!(cards(&no_goals), vec![]);
}

#[test]
fn ics_folds_escapes_and_uses_crlf() {
    let long = Deadline {
        what: "Answer, please; now\\then\nand a very long sentence that goes well beyond seventy-five octets — with ünïcödé".into(),
        subject: "letters/2026-02-12-records-request.yaml".into(),
        document: None,
        due: Some(d("2026-02-22")),
        status: Status::Overdue,
        done_on: None,
        done_by: None,
        source: Source { citation: "603 CMR 23.07(2)".into(), key: "records-access".into(), counting: "10 days".into() },
    };
    let text = to_ics("maya", d("2026-04-20"), &[long]);
    assert!(text.contains("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:OVERDUE: Answer\\, please\\; now\\\\then\\nand a very long"), "{unfolded}");
    assert!(unfolded.contains("UID:maya.records-access.letters-2026-02-12-records-request-yaml@iep"));
    assert!(unfolded.contains("DTSTAMP:20260420T000000Z"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20260222\r\nDTEND;VALUE=DATE:20260223"));
}

fn consent_rule(jurisdiction: &str, key: &str, consent_for: ConsentFor, days: u32, kind: DayKind) -> Rule {
    Rule {
        key: key.into(),
        jurisdiction: jurisdiction.into(),
        trigger: Trigger::Consent(consent_for),
        citation: format!("{jurisdiction} {key}"),
        ..rule(days, kind, None)
    }
}

fn consent(date: &str, consent_for: ConsentFor) -> Doc<iep_model::Consent> {
    Doc {
        path: format!("consents/{date}.yaml"),
        value: iep_model::Consent { date: d(date), consent_for, given: true, notes: None },
    }
}

#[test]
fn consent_starts_the_states_evaluation_clock_and_the_list_shows_it() {
    let rules = rules_with(
        vec![
            consent_rule("US", "initial-evaluation", ConsentFor::InitialEvaluation, 60, DayKind::Calendar),
            consent_rule("MA", "initial-evaluation", ConsentFor::InitialEvaluation, 30, DayKind::School),
            consent_rule("MA", "team-meeting-and-proposed-iep", ConsentFor::InitialEvaluation, 45, DayKind::School),
        ],
        Some("MA"),
    );
    let mut c = case(Some("MA"), rules.clone());
    c.consents =
        vec![consent("2026-01-05", ConsentFor::InitialEvaluation), consent("2026-01-06", ConsentFor::Reevaluation)];
    // 30 school days from Monday 2026-01-05, the February break closed: 2026-02-23.
    let (due, rule) = evaluation_due(&c, &c.consents[0]).unwrap();
    assert_eq!((due, rule.jurisdiction.as_str()), (d("2026-02-23"), "MA"));
    // No rule for a reevaluation from consent: no date.
    assert_eq!(evaluation_due(&c, &c.consents[1]), None);
    let list = deadlines(&c, d("2026-04-20"));
    let from_consent: Vec<(&str, Option<NaiveDate>, Status)> = list
        .iter()
        .filter(|x| x.subject == "consents/2026-01-05.yaml")
        .map(|x| (x.source.key.as_str(), x.due, x.status))
        .collect();
    assert_eq!(
        from_consent,
        [
            ("initial-evaluation", Some(d("2026-02-23")), Status::Overdue),
            ("team-meeting-and-proposed-iep", Some(d("2026-03-16")), Status::Overdue)
        ]
    );
    assert!(list.iter().all(|x| x.subject != "consents/2026-01-06.yaml"));
    // An evaluation on record marks the evaluation done, not the meeting.
    c.evaluations.push(Doc {
        path: "evaluations/2026-03-01.yaml".into(),
        value: iep_model::Evaluation {
            date: d("2026-03-01"),
            evaluation_type: iep_model::EvaluationType::Initial,
            areas: Vec::new(),
            by: iep_model::Evaluator::School,
            notes: None,
        },
    });
    let list = deadlines(&c, d("2026-04-20"));
    let evaluation = list.iter().find(|x| x.source.key == "initial-evaluation").unwrap();
    assert_eq!((evaluation.status, evaluation.done_on), (Status::Done, Some(d("2026-03-01"))));
    // In a state without rules, the federal rule applies and outputs say the state's were not checked.
    let mut ohio = case(Some("OH"), RuleSet { state: Some("OH".into()), ..rules });
    ohio.consents = vec![consent("2026-01-05", ConsentFor::InitialEvaluation)];
    assert_eq!(
        evaluation_due(&ohio, &ohio.consents[0]).map(|(due, r)| (due, r.jurisdiction.clone())),
        Some((d("2026-03-06"), "US".into()))
    );
    assert!(state_rules_note(&ohio).is_some_and(|n| n.contains("OH's own rules were not checked")));
    assert_eq!(state_rules_note(&c), None);
}

#[test]
fn late_answers_list_each_answer_after_its_deadline_with_days() {
    let ma = rules_with(vec![Rule { jurisdiction: "MA".into(), ..rule(10, DayKind::Calendar, None) }], Some("MA"));
    let mut c = case(Some("MA"), ma);
    let mut late = letter("2026-02-12", "records-request");
    late.value.response = Some(Response { date: d("2026-03-01"), summary: None, complete: false });
    let mut on_time = letter("2026-01-05", "records-request");
    on_time.value.response = Some(Response { date: d("2026-01-10"), summary: None, complete: true });
    let mut after_as_of = letter("2026-03-02", "records-request");
    after_as_of.value.response = Some(Response { date: d("2026-05-01"), summary: None, complete: true });
    c.letters = vec![on_time, late, after_as_of];
    let answers = late_answers(&c, d("2026-04-20"));
    assert_eq!(answers.len(), 1);
    let a = &answers[0];
    assert_eq!((a.due, a.answered, a.days_late, a.complete), (d("2026-02-22"), d("2026-03-01"), 7, false));
    assert_eq!(a.source, "Test 1");
}

#[test]
fn the_annual_review_counts_from_the_last_review() {
    let review_rule = federal("annual-review", Trigger::LastReview, Some(1), DayKind::Year);
    // No annual review in the rules (a 504 plan's): no date.
    let c = case(Some("MA"), RuleSet::default());
    assert_eq!(annual_review(&c, &TermsHistory::new(&c), d("2026-04-20")), None);
    let mut c = case(Some("MA"), rules_with(vec![review_rule], Some("MA")));
    let history = |c: &Case| TermsHistory::new(c);
    // The version's meeting date first.
    let review = annual_review(&c, &history(&c), d("2026-04-20")).unwrap();
    assert_eq!((review.due, review.basis), (d("2026-09-10"), ReviewBasis::VersionMeeting));
    // Then its effective date when it names no meeting.
    c.versions[0].value.meeting = None;
    let review = annual_review(&c, &history(&c), d("2026-04-20")).unwrap();
    assert_eq!((review.due, review.basis), (d("2026-09-15"), ReviewBasis::VersionEffective));
    // An annual review meeting on or before the as-of date comes first, even without a new version.
    c.meetings.push(meeting_of("2026-03-02", MeetingType::AnnualReview));
    let review = annual_review(&c, &history(&c), d("2026-04-20")).unwrap();
    assert_eq!(
        (review.due, review.basis, review.document.as_str()),
        (d("2027-03-02"), ReviewBasis::AnnualReviewMeeting, "meetings/2026-03-02.yaml")
    );
    assert_eq!(annual_review(&c, &history(&c), d("2026-03-01")).map(|r| r.basis), Some(ReviewBasis::VersionEffective));
    // With only an amendment in force and no review on record, the version's end.
    c.meetings.clear();
    c.versions[0].value.amends = Some("iep-2024".into());
    let review = annual_review(&c, &history(&c), d("2026-04-20")).unwrap();
    assert_eq!((review.due, review.basis, review.last_review), (d("2026-09-14"), ReviewBasis::VersionEnd, None));
}
