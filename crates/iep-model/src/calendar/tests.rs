//! The calendar's rules, one test each.

use super::*;
use crate::{Case, DateRange, Doc, SchoolCalendar};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn range(from: &str, to: &str) -> DateRange {
    DateRange { from: d(from), to: d(to) }
}

fn with_calendar(calendar: SchoolCalendar) -> Case {
    Case { calendars: vec![Doc { path: "calendar.yaml".into(), value: calendar }], ..Case::default() }
}

fn year_2025(terms: Vec<DateRange>) -> Case {
    with_calendar(SchoolCalendar {
        first_day: d("2025-09-03"),
        last_day: d("2026-06-18"),
        closed: vec![range("2025-12-22", "2026-01-02")],
        terms,
        esy: Some(range("2026-07-06", "2026-07-30")),
        ..SchoolCalendar::default()
    })
}

#[test]
fn a_school_year_runs_from_july_to_june() {
    assert_eq!(school_year_start(d("2025-06-30")), d("2024-07-01"));
    assert_eq!(school_year_start(d("2025-07-01")), d("2025-07-01"));
    assert_eq!(school_year_end(d("2025-07-01")), d("2026-06-30"));
    assert_eq!(month_end(d("2024-02-10")), d("2024-02-29"));
    assert_eq!(month_end(d("2025-12-31")), d("2025-12-31"));
}

#[test]
fn a_school_month_is_the_weeks_whose_monday_is_in_it() {
    assert_eq!(week_monday(d("2025-10-05")), d("2025-09-29"));
    assert_eq!(school_month_of(d("2025-10-02")), (d("2025-09-01"), d("2025-10-05")));
    assert_eq!(school_month_of(d("2025-12-29")), (d("2025-12-01"), d("2026-01-04")));
}

#[test]
fn terms_are_found_in_the_school_year_s_calendar() {
    let case = year_2025(vec![range("2025-09-03", "2026-01-23"), range("2026-01-26", "2026-06-18")]);
    assert_eq!(case.term_of(d("2025-10-01")), Some(range("2025-09-03", "2026-01-23")));
    assert_eq!(case.term_of(d("2026-07-10")), None);
    assert_eq!(case.esy_range(d("2026-01-10")), Some(range("2026-07-06", "2026-07-30")));
    let open = OpenDays::new(&case, d("2025-07-01"), d("2026-06-30"));
    assert_eq!(open.term_of(d("2026-01-26")), Some(range("2026-01-26", "2026-06-18")));
    assert_eq!(open.term_of(d("2026-01-24")), None);
    assert!(open.has_terms(d("2026-03-01")));
    let without = year_2025(Vec::new());
    assert!(!OpenDays::new(&without, d("2025-07-01"), d("2026-06-30")).has_terms(d("2026-03-01")));
}

#[test]
fn school_weeks_count_the_weeks_with_an_open_day() {
    let case = year_2025(Vec::new());
    // Sep 3 (a Wednesday) to Sep 30: the weeks of Sep 1, 8, 15, 22 and 29.
    assert_eq!(case.school_weeks(d("2025-09-03"), d("2025-09-30")), Some(5));
    // The two closed weeks of the winter break are not school weeks.
    assert_eq!(case.school_weeks(d("2025-12-15"), d("2026-01-09")), Some(2));
    assert_eq!(Case::default().school_weeks(d("2025-09-03"), d("2025-09-30")), None);
}
