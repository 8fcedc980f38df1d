//! The calendar file parses in a real iCalendar parser, and says what we wrote.

use chrono::NaiveDate;
use icalendar::{Calendar, Component, DatePerhapsTime};
use iep_deadlines::{Deadline, Source, Status, to_ics};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn deadline(what: &str, subject: &str, due: &str, status: Status) -> Deadline {
    Deadline {
        what: what.into(),
        subject: subject.into(),
        document: Some(subject.into()),
        due: Some(d(due)),
        status,
        done_on: None,
        done_by: None,
        source: Source {
            citation: "603 CMR 23.07(2)".into(),
            key: "records-access".into(),
            counting: "10 calendar days (603 CMR 23.07(2) says \"ten days\" without a kind; counted as calendar days)"
                .into(),
        },
    }
}

#[test]
fn the_calendar_parses_and_round_trips_text_and_dates() {
    let deadlines = vec![
        deadline(
            "The school answers your letter of 2026-02-12 (records; copies, please)",
            "letters/a.yaml",
            "2026-02-22",
            Status::Overdue,
        ),
        deadline("Annual review of the IEP in force", "case", "2026-09-14", Status::Upcoming),
        deadline("Already answered", "letters/b.yaml", "2026-01-15", Status::Done),
    ];
    let text = to_ics("maya", d("2026-04-20"), &deadlines);
    let calendar: Calendar = text.parse().expect("a calendar parser reads the file");
    let events: Vec<_> = calendar.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2, "a deadline already met is not exported");
    assert_eq!(
        events[0].get_summary(),
        Some("OVERDUE: The school answers your letter of 2026-02-12 (records; copies, please)")
    );
    assert_eq!(events[0].get_start(), Some(DatePerhapsTime::Date(d("2026-02-22"))));
    assert_eq!(events[0].get_end(), Some(DatePerhapsTime::Date(d("2026-02-23"))));
    assert_eq!(events[0].get_uid(), Some("maya.records-access.letters-a-yaml@iep"));
    assert!(events[0].get_description().unwrap().contains("603 CMR 23.07(2)"));
    assert_eq!(events[1].get_start(), Some(DatePerhapsTime::Date(d("2026-09-14"))));
    // A second export is the same bytes.
    assert_eq!(to_ics("maya", d("2026-04-20"), &deadlines), text);
}
