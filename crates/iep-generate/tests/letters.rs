//! Every letter type, made from a small case and its findings: the parts a
//! formal letter needs, facts in date order citing their files, the request
//! with its legal basis and reply date, and case text verbatim.

mod common;

use chrono::NaiveDate;
use common::*;
use iep_generate::letters::{LetterRequest, letter_context, long_date, template_name};
use iep_model::{
    Case, CaseInfo, Child, DayKind, Doc, Finding, LetterType, Parent, Rule, RuleSet, Settings,
    Severity, TeamMember, Trigger,
};

fn doc<T>(path: &str, value: T) -> Doc<T> {
    Doc { path: path.to_string(), value }
}

fn case(parent_name: &str) -> Case {
    Case {
        name: "maya".into(),
        info: doc(
            "case.yaml",
            CaseInfo {
                child: Child {
                    name: "Maya Alvarez".into(),
                    date_of_birth: Some(date(2017, 4, 12)),
                    grade: Some("3".into()),
                    school: Some("Riverside Elementary School".into()),
                },
                district: Some("Riverside Public Schools".into()),
                state: Some("MA".into()),
                school_address: Some("Riverside Elementary School\n200 Mill Street\nRiverside, MA 01720\n".into()),
                parent: Parent {
                    name: parent_name.into(),
                    address: Some("14 Orchard Lane\nRiverside, MA 01720\n".into()),
                    email: Some("elena.alvarez@example.org".into()),
                    phone: Some("555-0142".into()),
                },
                team: vec![
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
                ],
                settings: Settings::default(),
                ..Default::default()
            },
        ),
        calendars: vec![],
        versions: vec![],
        reports: vec![],
        service_logs: vec![],
        meetings: vec![],
        notices: vec![],
        letters: vec![],
        communications: vec![],
        observations: vec![],
        rules: RuleSet {
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
                },
            ],
        },
        revision: None,
        ..Default::default()
    }
}

fn finding(code: &'static str, letter: LetterType, subject: &str, doc: &str, date: Option<NaiveDate>, message: &str) -> Finding {
    Finding {
        code,
        severity: Severity::Alert,
        subject: subject.into(),
        document: Some(doc.into()),
        message: message.into(),
        evidence: Default::default(),
        letter: Some(letter),
        date,
    }
}

fn findings() -> Vec<Finding> {
    vec![
        finding(
            "unagreed-change",
            LetterType::PwnRequest,
            "services.speech",
            "iep/2026-02-09.yaml",
            Some(date(2026, 2, 9)),
            "Speech-language therapy went from 2 x 30 min per week to 1 x 30 min per week, and no meeting agreed to it.",
        )
        .with("before", "2 x 30 min per week")
        .with("after", "1 x 30 min per week"),
        // Out of date order on purpose: the letter sorts them.
        finding(
            "repeated-misses",
            LetterType::ServicesConcern,
            "services.speech",
            "services/log.yaml",
            Some(date(2026, 3, 12)),
            "Speech-language therapy was missed 3 times in a row (March 3 to March 12).",
        )
        .with("missed", 3),
        finding(
            "service-shortfall",
            LetterType::ServicesConcern,
            "services.speech",
            "services/log.yaml",
            Some(date(2025, 10, 31)),
            "In October 2025 Maya got 120 of 240 minutes of speech-language therapy.",
        )
        .with("required", 240)
        .with("delivered", 120),
        finding(
            "progress-no-data",
            LetterType::DataRequest,
            "goals.G1",
            "progress/2026-01-30.yaml",
            Some(date(2026, 1, 30)),
            "The January 30 report gives no value for goal G1.",
        ),
        finding(
            "response-overdue",
            LetterType::FollowUp,
            "letters/2026-02-12-records-request.yaml",
            "letters/2026-02-12-records-request.yaml",
            Some(date(2026, 2, 22)),
            "The records request of February 12, 2026 has had no answer; it was due February 22, 2026 (603 CMR 23.07(2)).",
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
    }
}

#[test]
fn every_letter_type_renders_with_its_parts() {
    let generator = generator_with(None, vec![]);
    let case = case("Elena Alvarez");
    let findings = findings();
    for letter_type in LetterType::ALL {
        let context = letter_context(&case, &findings, &request(letter_type)).unwrap();
        let rendered = generator
            .render(&template_name(letter_type), &context, date(2026, 4, 20))
            .unwrap_or_else(|e| panic!("{letter_type}: {e}"));
        assert!(rendered.warnings.is_empty(), "{letter_type}: {:?}", rendered.warnings);
        let text = pdf_text(&rendered.pdf);
        for part in [
            // sender block
            "Elena Alvarez",
            "14 Orchard Lane",
            "elena.alvarez@example.org",
            "555-0142",
            // date
            "April 20, 2026",
            // recipient block
            "Jordan Lee",
            "Special Education Teacher and IEP Liaison",
            "200 Mill Street",
            // reference line
            "Maya Alvarez",
            "April 12, 2017",
            "Riverside Elementary School",
            // confirmation, signature, cc, delivery
            "Please confirm that you received this letter",
            "Sincerely,",
            "cc: Dr. Priya Raman, Principal",
            "Sent by email to jlee@riverside.example.org",
        ] {
            assert_shows(&text, part);
        }
        for fact in &context.facts {
            assert_shows(&text, &fact.text);
        }
        for source in &context.sources {
            assert_shows(&text, &source.file);
        }
        if letter_type != LetterType::StateComplaint {
            assert!(context.request.respond_by.is_some(), "{letter_type} asks for a reply date");
        }
        assert_valid_pdf(&rendered.pdf);
    }
}

#[test]
fn facts_are_in_date_order_and_cite_their_files() {
    let case = case("Elena Alvarez");
    let context = letter_context(&case, &findings(), &request(LetterType::ServicesConcern)).unwrap();
    let dates: Vec<_> = context.facts.iter().map(|f| f.date.clone().unwrap()).collect();
    assert_eq!(dates, ["October 31, 2025", "March 12, 2026"]);
    for fact in &context.facts {
        let source = &context.sources[fact.source - 1];
        assert_eq!(source.n, fact.source);
        assert_eq!(source.file, "services/log.yaml");
    }
    assert_eq!(context.sources[0].detail.as_deref(), Some("required: 240; delivered: 120"));
    // No rule of the rules files is the basis of a services concern: cite none rather than invent one.
    assert!(context.request.basis.is_empty(), "{:?}", context.request.basis);
}

#[test]
fn the_reply_date_and_basis_come_from_the_case_rules() {
    let case = case("Elena Alvarez");
    let context = letter_context(&case, &[], &request(LetterType::RecordsRequest)).unwrap();
    // Massachusetts: 10 days, before the federal 45.
    assert_eq!(context.request.respond_by.as_deref(), Some("April 30, 2026"));
    assert_eq!(context.request.basis.len(), 1);
    assert_eq!(context.request.basis[0].citation, "603 CMR 23.07(2)");
    assert!(context.request.deadline_note.as_deref().unwrap().contains("603 CMR 23.07(2)"));

    // No rule for a meeting request in Massachusetts: the letter asks for a
    // reply in ten business days and says that no rule sets one.
    let context = letter_context(&case, &[], &request(LetterType::MeetingRequest)).unwrap();
    assert_eq!(context.request.respond_by.as_deref(), Some("May 4, 2026"));
    assert!(context.request.deadline_note.as_deref().unwrap().starts_with("No rule"));
    assert!(context.request.basis.is_empty());

    // The parent's own reply date wins.
    let mut req = request(LetterType::RecordsRequest);
    req.reply_by = Some(date(2026, 5, 15));
    let context = letter_context(&case, &[], &req).unwrap();
    assert_eq!(context.request.respond_by.as_deref(), Some("May 15, 2026"));
}

#[test]
fn unknown_recipients_are_named() {
    let case = case("Elena Alvarez");
    let mut req = request(LetterType::RecordsRequest);
    req.to = "case-manger".into();
    let err = letter_context(&case, &[], &req).unwrap_err().to_string();
    assert!(err.contains("case-manger"), "{err}");
    assert!(err.contains("case-manager, principal"), "{err}");
}

#[test]
fn case_text_in_a_letter_is_verbatim() {
    let generator = generator_with(None, vec![test_fonts()]);
    let hostile = r#"Elena "Lena" O'Brien-Alvarez #read("/etc/passwd") *x* _y_ $z$ @ref <l> [b] \ 陈美玲 😀"#;
    let case = case(hostile);
    let mut findings = findings();
    findings[0].message = "Speech went from 2 x 30 to 1 x 30 // #let x = 1 /* `raw` */".into();
    let context = letter_context(&case, &findings, &request(LetterType::PwnRequest)).unwrap();
    let rendered = generator
        .render(&template_name(LetterType::PwnRequest), &context, date(2026, 4, 20))
        .unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    let text = pdf_text(&rendered.pdf);
    assert_shows(&text, hostile);
    assert_shows(&text, &findings[0].message);
    for path in &rendered.accessed_files {
        assert!(["/main.typ", "/base.typ"].contains(&path.as_str()), "{path}");
    }
}

#[test]
fn letters_are_byte_identical_across_runs() {
    let case = case("Elena Alvarez");
    let findings = findings();
    let context = letter_context(&case, &findings, &request(LetterType::ServicesConcern)).unwrap();
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

