//! Every letter type, made from a small case and its findings' typed
//! evidence: the parts a formal letter needs, one request per problem, the
//! law and reply date from the case's rules, and case text verbatim. A
//! finding's message (written for the parent) never reaches a letter.

mod common;

use chrono::NaiveDate;
use common::*;
use iep_generate::letters::{LetterError, LetterRequest, greeting, letter_context, long_date, template_name};
use iep_model::Context;
use iep_model::{
    Case, ChangeDirection, ChangeKind, Child, DayKind, Evidence, Field, Finding, Goal, IepVersion, LetterType, Parent,
    Plan, Rule, RuleSet, Service, Severity, TeamMember, Trend, Trigger, Unit, evidence,
};
use iep_testkit::CaseBuilder;

fn case(parent_name: &str) -> Case {
    CaseBuilder::new()
        .name("maya")
        .parent(parent_name)
        .info(|info| {
            info.child = Child {
                name: "Maya Alvarez".into(),
                date_of_birth: Some(date(2017, 4, 12)),
                grade: Some("3".into()),
                school: Some("Riverside Elementary School".into()),
            };
            info.district = Some("Riverside Public Schools".into());
            info.state = Some("MA".into());
            // The rules of this case name no agency: the case does (a complaint never goes to an invented one).
            info.state_agency = Some("Massachusetts Department of Elementary and Secondary Education".into());
            info.school_address = Some("Riverside Elementary School\n200 Mill Street\nRiverside, MA 01720\n".into());
            info.parent = Parent {
                name: parent_name.into(),
                address: Some("14 Orchard Lane\nRiverside, MA 01720\n".into()),
                email: Some("elena.alvarez@example.org".into()),
                phone: Some("555-0142".into()),
            };
            info.team = vec![
                TeamMember {
                    id: "case-manager".into(),
                    name: "Jordan Lee".into(),
                    role: Some("Special Education Teacher and IEP Liaison".into()),
                    email: Some("jlee@riverside.example.org".into()),
                    phone: None,
                    ..Default::default()
                },
                TeamMember {
                    id: "principal".into(),
                    name: "Dr. Priya Raman".into(),
                    role: Some("Principal".into()),
                    email: None,
                    phone: None,
                    ..Default::default()
                },
            ];
        })
        .version(version("iep-1", date(2025, 9, 15), 2))
        .version(version("iep-2", date(2026, 2, 9), 1))
        .rules(RuleSet {
            state: Some("MA".into()),
            rules: vec![
                Rule {
                    key: "records-access".into(),
                    jurisdiction: "US".into(),
                    what: "parent may inspect and review education records".into(),
                    trigger: Trigger::Letter("records-request".into()),
                    days: Some(45),
                    day_kind: DayKind::Calendar,
                    citation: "34 CFR 300.613(a)".into(),
                    note: None,
                    before: false,
                    pause_for_vacation_over: None,
                    words: None,
                    plan: iep_model::Plan::Iep,
                    initial_only: false,
                    state_alternative: None,
                },
                Rule {
                    key: "records-access".into(),
                    jurisdiction: "MA".into(),
                    what: "parent's access to the student record".into(),
                    trigger: Trigger::Letter("records-request".into()),
                    days: Some(10),
                    day_kind: DayKind::Calendar,
                    citation: "603 CMR 23.07(2)".into(),
                    note: Some("the rule says ten days without a kind; counted as calendar days".into()),
                    before: false,
                    pause_for_vacation_over: None,
                    words: Some("within ten days".into()),
                    plan: iep_model::Plan::Iep,
                    initial_only: false,
                    state_alternative: None,
                },
            ],
            ..Default::default()
        })
        .build()
}

fn version(id: &str, effective: NaiveDate, sessions: u32) -> IepVersion {
    let speech = iep_testkit::service("speech", "Speech-language therapy", &format!("{sessions} x 30 min per week"));
    IepVersion {
        id: id.into(),
        effective,
        parent_signed: Some(effective),
        amends: (id != "iep-1").then(|| "iep-1".to_string()),
        services: vec![Service { setting: None, group: None, ..speech }],
        goals: vec![Goal {
            id: "G1".into(),
            area: Some("Speech - articulation".into()),
            statement: "Maya will say /r/.".into(),
            ..Default::default()
        }],
        ..Default::default()
    }
}

fn finding(
    code: &'static str,
    letter: LetterType,
    subject: &str,
    doc: &str,
    date: Option<NaiveDate>,
    message: &str,
    evidence: impl Into<Evidence>,
) -> Finding {
    Finding {
        code,
        severity: Severity::Alert,
        subject: subject.into(),
        document: Some(doc.into()),
        message: message.into(),
        evidence: evidence.into(),
        letter: Some(letter),
        date,
    }
}

/// The speech change of February 9, 2026, as a change finding states it.
fn speech_change(fields: Vec<evidence::FieldChangeAccount>) -> evidence::PlanChange {
    evidence::PlanChange {
        version: "iep-2".into(),
        effective: date(2026, 2, 9),
        compared_with: "iep-1".into(),
        change: ChangeKind::Changed,
        direction: ChangeDirection::Reduced,
        before: Some("2 x 30 min per week".into()),
        after: Some("1 x 30 min per week".into()),
        new_path: None,
        fields,
        window_from: date(2025, 9, 3),
        window_to: date(2026, 2, 9),
    }
}

fn findings() -> Vec<Finding> {
    let amount = evidence::FieldChangeAccount {
        field: Field::Amount,
        before: Some("2 x 30 min per week".into()),
        after: Some("1 x 30 min per week".into()),
        trend: Some(Trend::Reduced),
        minutes_per_week_before: None,
        minutes_per_week_after: None,
        objective: None,
        summary: None,
    };
    vec![
        finding(
            "unagreed-change",
            LetterType::PwnRequest,
            "services.speech",
            "iep/2026-02-09.yaml",
            Some(date(2026, 2, 9)),
            "Speech-language therapy went from 2 x 30 min per week to 1 x 30 min per week, and no meeting agreed to it.",
            evidence::UnagreedChange {
                change: speech_change(vec![amount]),
                rejected: false,
                signed: None,
                meetings_agreeing: Vec::new(),
            },
        ),
        finding(
            "missing-pwn",
            LetterType::PwnRequest,
            "services.speech",
            "iep/2026-02-09.yaml",
            Some(date(2026, 2, 9)),
            "No notice for the speech change.",
            evidence::MissingPwn(speech_change(Vec::new())),
        ),
        // Out of date order on purpose: the letter sorts them.
        finding(
            "repeated-misses",
            LetterType::ServicesConcern,
            "services.speech",
            "services/log.yaml",
            Some(date(2026, 3, 12)),
            "Speech-language therapy was missed 3 times in a row (March 3 to March 12).",
            evidence::RepeatedMisses {
                missed_in_a_row: 3,
                dates: vec![date(2026, 3, 3), date(2026, 3, 10), date(2026, 3, 12)],
                reasons: Vec::new(),
                threshold: 3,
            },
        ),
        finding(
            "service-shortfall",
            LetterType::ServicesConcern,
            "services.speech",
            "services/log.yaml",
            Some(date(2025, 10, 31)),
            "In October 2025 Maya got 120 of 240 minutes of speech-language therapy.",
            evidence::ServiceShortfall {
                month: "October 2025".into(),
                from: date(2025, 10, 6),
                to: date(2025, 11, 2),
                unit: Unit::Minutes,
                required: 240.0,
                delivered: 120.0,
                missed_sessions: 4,
                owed: evidence::Owed::MinutesOwed(120.0),
                percent_delivered: 50.0,
                min_delivery: 0.9,
                by_student: None,
            },
        ),
        finding(
            "progress-no-data",
            LetterType::DataRequest,
            "goals.G1",
            "progress/2026-01-30.yaml",
            Some(date(2026, 1, 30)),
            "The January 30 report gives no value for goal G1.",
            evidence::ProgressNoData { report: date(2026, 1, 30), status: Some("progressing".into()), narrative: None },
        ),
        finding(
            "response-overdue",
            LetterType::FollowUp,
            "letters/2026-02-12-records-request.yaml",
            "letters/2026-02-12-records-request.yaml",
            Some(date(2026, 2, 22)),
            "The records request of February 12, 2026 has had no answer; it was due February 22, 2026 (603 CMR 23.07(2)).",
            evidence::ResponseOverdue {
                letter_date: date(2026, 2, 12),
                letter_type: "records-request".into(),
                due: date(2026, 2, 22),
                days_late: 57,
                source: "603 CMR 23.07(2)".into(),
                counting: "10 school days".into(),
            },
        ),
    ]
}

fn request(letter_type: LetterType) -> LetterRequest {
    LetterRequest {
        letter_type,
        to: "case-manager".into(),
        cc: vec!["principal".into()],
        date: date(2026, 4, 20),
        via: None,
        reply_by: None,
        next_meeting: None,
    }
}

#[test]
fn every_letter_type_renders_with_its_parts_and_no_finding_message() {
    let generator = generator_with(None, vec![]);
    let case = case("Elena Alvarez");
    let findings = findings();
    for letter_type in LetterType::ALL {
        let mut req = request(letter_type);
        req.next_meeting = Some(date(2026, 5, 12));
        let context = match letter_context(&Context::new(&case, date(2026, 4, 20)), &findings, &req) {
            Ok(context) => context,
            // The small case holds no evaluation to disagree with.
            Err(LetterError::Declined(why)) if letter_type == LetterType::IeeRequest => {
                assert!(why.contains("evaluation"), "{why}");
                continue;
            }
            // Its one unagreed change has no notice on file: the request for notice names it, not an objection.
            Err(LetterError::Declined(why)) if letter_type == LetterType::Objection => {
                assert!(why.contains("pwn-request"), "{why}");
                continue;
            }
            Err(e) => panic!("{letter_type}: {e}"),
        };
        let rendered = generator
            .render(&template_name(letter_type), &context, date(2026, 4, 20))
            .unwrap_or_else(|e| panic!("{letter_type}: {e}"));
        assert!(rendered.warnings.is_empty(), "{letter_type}: {:?}", rendered.warnings);
        let text = pdf_text(&rendered.pdf);
        let mut parts = vec![
            "Elena Alvarez",
            "14 Orchard Lane",
            "elena.alvarez@example.org",
            "April 20, 2026",
            "Maya Alvarez",
            "April 12, 2017",
            "Sincerely,",
        ];
        if letter_type != LetterType::StateComplaint {
            parts.extend([
                "Dear Jordan Lee,",
                "Special Education Teacher and IEP Liaison",
                "200 Mill Street",
                "cc: Dr. Priya Raman, Principal",
                "Sent by email to jlee@riverside.example.org",
            ]);
            assert!(context.respond_by.is_some(), "{letter_type} asks for a reply date");
        }
        for part in parts {
            assert_shows(&text, part);
        }
        assert!(!context.items.is_empty(), "{letter_type}: at least one request");
        assert!(!context.next_step.is_empty(), "{letter_type}: the next step");
        assert_shows(&text, &context.next_step);
        for finding in &findings {
            assert!(!no_ws(&text).contains(&no_ws(&finding.message)), "{letter_type}: a finding's message is printed");
        }
        assert_valid_pdf(&rendered.pdf);
    }
}

#[test]
fn a_change_its_missing_notice_and_its_wording_are_one_request() {
    let case = case("Elena Alvarez");
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &findings(), &request(LetterType::PwnRequest)).unwrap();
    assert_eq!(context.items.len(), 1, "{:?}", context.items);
    let item = &context.items[0].text;
    assert!(item.starts_with("Speech-language therapy: the IEP amendment dated February 9, 2026 reduced the amount from 2 x 30 min per week to 1 x 30 min per week."), "{item}");
    assert!(
        item.contains("I did not agree to this change. Please send me prior written notice of this change."),
        "{item}"
    );
    assert!(item.contains("as in the IEP I accepted on September 15, 2025: 2 x 30 min per week."), "{item}");
    assert_eq!(context.documents, ["IEP amendment dated February 9, 2026"]);
    // With a notice on file the change is objected to instead.
    let without_missing: Vec<Finding> = findings().into_iter().filter(|f| f.code != "missing-pwn").collect();
    let objection =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &without_missing, &request(LetterType::Objection))
            .unwrap();
    assert_eq!(objection.items.len(), 1);
    assert!(objection.items[0].text.contains("I did not agree to this change."), "{:?}", objection.items);
    // The small case's rules hold no amendment rule: no legal sentence is made up.
    assert!(objection.law.is_empty(), "{:?}", objection.law);
}

#[test]
fn services_are_one_item_each_with_dates_written_out() {
    let case = case("Elena Alvarez");
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &findings(), &request(LetterType::ServicesConcern))
            .unwrap();
    assert_eq!(context.items.len(), 1);
    let item = &context.items[0];
    assert!(item.text.contains("3 sessions in a row were missed, on March 3, 10 and 12, 2026."), "{}", item.text);
    // What is owed comes from the case's accounting (the figure `iep services`
    // gives), never from a finding: this case has no service log, so no figure.
    assert!(!item.text.contains("minutes"), "{}", item.text);
    assert!(item.text.contains("whether these sessions were made up"), "{}", item.text);
    assert!(item.details.is_empty(), "{:?}", item.details);
    assert_eq!(context.documents, ["Service log, October 2025", "Service log, March 2026"]);
    // No rule sets a day count for it: a date, and no legal sentence.
    assert!(context.law.is_empty(), "{:?}", context.law);
}

#[test]
fn the_reply_date_and_law_come_from_the_case_rules() {
    let case = case("Elena Alvarez");
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &request(LetterType::RecordsRequest)).unwrap();
    // Massachusetts: ten days, before the federal 45; both cited, once.
    assert_eq!(context.respond_by.as_deref(), Some("by April 30, 2026"));
    assert_eq!(context.law.len(), 1);
    assert!(
        context.law[0].starts_with("Under 34 CFR 300.613(a) and 603 CMR 23.07(2), I may inspect"),
        "{}",
        context.law[0]
    );
    assert!(context.law[0].contains("within ten days"), "{}", context.law[0]);

    // The next meeting comes first: the day before it.
    let mut req = request(LetterType::RecordsRequest);
    req.next_meeting = Some(date(2026, 4, 24));
    let context = letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &req).unwrap();
    assert_eq!(context.respond_date.as_deref(), Some("April 23, 2026"));

    // By mail, a rule counted from receipt is stated in words.
    let mut req = request(LetterType::RecordsRequest);
    req.via = Some("mail".into());
    let context = letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &req).unwrap();
    assert_eq!(context.respond_by.as_deref(), Some("within ten days of receiving this letter"));

    // No rule for a meeting request in Massachusetts: a date, and nothing about rules.
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &request(LetterType::MeetingRequest)).unwrap();
    assert_eq!(context.respond_by.as_deref(), Some("by May 4, 2026"));
    assert!(context.law.is_empty(), "{:?}", context.law);

    // The parent's own reply date wins.
    let mut req = request(LetterType::RecordsRequest);
    req.reply_by = Some(date(2026, 5, 15));
    let context = letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &req).unwrap();
    assert_eq!(context.respond_by.as_deref(), Some("by May 15, 2026"));
}

#[test]
fn a_504_plan_declines_what_section_504_does_not_give() {
    let mut case = case("Elena Alvarez");
    for v in &mut case.versions {
        v.value.plan = Plan::Section504;
    }
    for letter_type in [
        LetterType::IeeRequest,
        LetterType::StateComplaint,
        LetterType::MediationRequest,
        LetterType::DraftRequest,
        LetterType::PwnRequest,
    ] {
        match letter_context(&Context::new(&case, date(2026, 4, 20)), &findings(), &request(letter_type)) {
            Err(LetterError::Declined(why)) => assert!(why.contains("504"), "{why}"),
            other => panic!("{letter_type}: {other:?}"),
        }
    }
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &findings(), &request(LetterType::Objection)).unwrap();
    assert_eq!(context.plan, "504 plan");
    assert!(context.subject.contains("504 plan") && !context.subject.contains("IEP"), "{}", context.subject);
}

#[test]
fn greetings_keep_titles_and_salutations() {
    let member = |name: &str, salutation: Option<&str>| TeamMember {
        id: "x".into(),
        name: name.into(),
        salutation: salutation.map(String::from),
        ..Default::default()
    };
    assert_eq!(greeting(&member("Dr. Priya Raman", None)), "Dear Dr. Raman");
    assert_eq!(greeting(&member("Jordan Lee", None)), "Dear Jordan Lee");
    assert_eq!(greeting(&member("Chris Patel", Some("Mr. Patel"))), "Dear Mr. Patel");
    assert_eq!(greeting(&member("Chris Patel", Some("Dear Chris,"))), "Dear Chris");
}

#[test]
fn unknown_recipients_are_named() {
    let case = case("Elena Alvarez");
    let mut req = request(LetterType::RecordsRequest);
    req.to = "case-manger".into();
    let err = letter_context(&Context::new(&case, date(2026, 4, 20)), &[], &req).unwrap_err().to_string();
    assert!(err.contains("case-manger"), "{err}");
    assert!(err.contains("case-manager, principal"), "{err}");
}

#[test]
fn case_text_in_a_letter_is_verbatim() {
    let generator = generator_with(None, vec![test_fonts()]);
    let hostile = r#"Elena "Lena" O'Brien-Alvarez #read("/etc/passwd") *x* _y_ $z$ @ref <l> [b] \ 陈美玲 😀"#;
    let mut case = case(hostile);
    case.versions[1].value.services[0].service = "Speech // #let x = 1 /* `raw` */".into();
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &findings(), &request(LetterType::PwnRequest)).unwrap();
    let rendered = generator.render(&template_name(LetterType::PwnRequest), &context, date(2026, 4, 20)).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    let text = pdf_text(&rendered.pdf);
    assert_shows(&text, hostile);
    assert_shows(&text, "Speech // #let x = 1 /* `raw` */");
    for path in &rendered.accessed_files {
        assert!(["/main.typ", "/base.typ"].contains(&path.as_str()), "{path}");
    }
}

#[test]
fn letters_are_byte_identical_across_runs() {
    let case = case("Elena Alvarez");
    let findings = findings();
    let context =
        letter_context(&Context::new(&case, date(2026, 4, 20)), &findings, &request(LetterType::ServicesConcern))
            .unwrap();
    let name = template_name(LetterType::ServicesConcern);
    let a = generator_with(None, vec![]).render(&name, &context, date(2026, 4, 20)).unwrap();
    let b = generator_with(None, vec![]).render(&name, &context, date(2026, 4, 20)).unwrap();
    assert!(a.pdf == b.pdf);
}

#[test]
fn dates_are_written_out() {
    assert_eq!(long_date(date(2026, 4, 20)), "April 20, 2026");
    assert_eq!(long_date(date(2025, 12, 1)), "December 1, 2025");
}
