//! Whole-week schedules and term amounts (checks.md, "Whole-week schedules"
//! and "Terms"): the W/floor arithmetic, coverage, and terms of the calendar.

use super::*;
use iep_model::Schedule;

fn starting(mut s: Service, start: &str) -> Service {
    s.start = Some(d(start));
    s
}

fn weekly(id: &str, amount: &str, entries: Vec<LogEntry>, closed: Vec<DateRange>) -> Case {
    case(vec![version("v1", "2025-09-01", vec![service(id, amount)])], closed, entries)
}

#[test]
fn required_weeks_are_floor_w_times_n_over_m_or_the_first_n() {
    let out_of = Schedule::OutOf { weeks: 3, of: 4 };
    assert_eq!(required_weeks(out_of, 5, 5), 3);
    assert_eq!(required_weeks(out_of, 4, 4), 3);
    assert_eq!(required_weeks(out_of, 3, 3), 2);
    assert_eq!(required_weeks(out_of, 1, 1), 0);
    // Only covered weeks are required.
    assert_eq!(required_weeks(out_of, 5, 2), 1);
    let first_two = Schedule::FirstOfMonth { weeks: 2 };
    assert_eq!(required_weeks(first_two, 5, 5), 2);
    assert_eq!(required_weeks(first_two, 1, 1), 1);
}

#[test]
fn a_five_week_month_requires_three_whole_weeks_of_three_out_of_four() {
    // March 2026 has five school weeks (Mondays 2, 9, 16, 23, 30): floor(5 x 3 / 4) = 3.
    let entries = ["2026-03-03", "2026-03-05", "2026-03-10", "2026-03-12", "2026-03-17", "2026-03-19"]
        .iter()
        .map(|day| delivered(day, "speech", 30))
        .collect();
    let c = weekly("speech", "2 x 30 min per week for 3 out of 4 weeks", entries, vec![]);
    let acc = account(&c, d("2026-04-20"));
    let march = period(&acc, "speech", "2026-03-02");
    // A day share would require 5 x 60 x 3/4 = 225 and call 180 short.
    assert_eq!(march.required, 180.0);
    assert_eq!(march.delivered, 180.0);
    assert!(!march.is_shortfall(0.9));
    assert_eq!(march.owed(), 0.0);
}

#[test]
fn a_closed_week_is_not_one_of_the_month_s_weeks() {
    // December 2025: the weeks of the 22nd and 29th are closed, so W = 3.
    let winter = vec![DateRange { from: d("2025-12-22"), to: d("2026-01-02") }];
    // An entry in September makes the log (declared for the year) cover the service.
    let september = |id: &str| vec![delivered("2025-09-10", id, 30)];
    let out_of = weekly("speech", "2 x 30 min per week for 3 out of 4 weeks", september("speech"), winter.clone());
    let acc = account(&out_of, d("2026-01-20"));
    let december = period(&acc, "speech", "2025-12-01");
    assert_eq!((december.required, december.owed()), (120.0, 120.0));
    let first = weekly("ot", "30 min per week for the first 2 weeks of each month", september("ot"), winter);
    let acc = account(&first, d("2026-01-20"));
    assert_eq!(period(&acc, "ot", "2025-12-01").required, 60.0);
}

#[test]
fn a_service_starting_mid_month_counts_the_weeks_it_is_in_force() {
    // From Wednesday, October 15, 2025: the weeks of the 13th, 20th and 27th.
    let c = case(
        vec![version(
            "v1",
            "2025-09-01",
            vec![
                starting(service("speech", "2 x 30 min per week for 3 out of 4 weeks"), "2025-10-15"),
                starting(service("ot", "1 x 45 min per week for the first 2 weeks of each month"), "2025-10-15"),
            ],
        )],
        vec![],
        vec![delivered("2025-10-16", "speech", 30), delivered("2025-10-16", "ot", 45)],
    );
    let acc = account(&c, d("2025-11-20"));
    assert_eq!(period(&acc, "speech", "2025-10-06").required, 120.0);
    assert_eq!(period(&acc, "ot", "2025-10-06").required, 90.0);
}

#[test]
fn a_log_that_ends_mid_week_leaves_that_week_out_of_the_month() {
    let mut c = weekly(
        "speech",
        "2 x 30 min per week for 3 out of 4 weeks",
        vec![
            delivered("2025-10-07", "speech", 30),
            delivered("2025-10-09", "speech", 30),
            missed("2025-10-14", "speech"),
            delivered("2025-10-22", "speech", 30),
        ],
        vec![],
    );
    // No declared range: the log runs up to its latest entry, Wednesday, October 22.
    c.service_logs[0].value.from = None;
    c.service_logs[0].value.through = None;
    let acc = account(&c, d("2025-11-20"));
    let october = period(&acc, "speech", "2025-10-06");
    // Covered whole weeks: the 6th and the 13th; floor(2 x 3 / 4) = 1 week of 60.
    assert_eq!(october.status, Status::Judged);
    assert_eq!((october.required, october.delivered), (60.0, 90.0));
    // Not a shortfall: only the one miss is owed.
    assert_eq!(october.owed(), 30.0);
}

fn with_terms(mut c: Case) -> Case {
    c.calendars[0].value.terms = vec![
        DateRange { from: d("2025-09-03"), to: d("2025-11-14") },
        DateRange { from: d("2025-11-17"), to: d("2026-01-30") },
    ];
    c
}

#[test]
fn a_term_amount_is_judged_once_its_term_is_over() {
    let c = with_terms(weekly("consult", "90 min per quarter", vec![delivered("2025-10-01", "consult", 30)], vec![]));
    let during = account(&c, d("2025-11-14"));
    let term = &during.service("consult").unwrap().periods[0];
    assert_eq!((term.kind, term.status), (PeriodKind::Term, Status::InProgress));
    let after = account(&c, d("2025-11-17"));
    let term = &after.service("consult").unwrap().periods[0];
    assert_eq!((term.first_day, term.last_day), (d("2025-09-03"), d("2025-11-14")));
    assert_eq!(term.status, Status::Judged);
    assert!((term.required - 90.0).abs() < 1e-9, "{}", term.required);
    assert!(term.is_shortfall(0.9));
    assert_eq!(term.owed(), 60.0);
}

#[test]
fn a_term_amount_without_calendar_terms_is_shown_not_judged() {
    let c = weekly("consult", "90 min per quarter", vec![delivered("2025-10-01", "consult", 30)], vec![]);
    let acc = account(&c, d("2026-04-20"));
    let consult = acc.service("consult").unwrap();
    assert_eq!(consult.amount.as_deref(), Some("90 min per quarter"));
    assert!(consult.periods.is_empty());
    assert_eq!(consult.counted.len(), 1);
}

#[test]
fn a_month_that_requires_no_whole_week_keeps_the_amount_s_unit() {
    // In force only in the week of October 27: W = 1, floor(3 / 4) = 0 weeks.
    let c = case(
        vec![version(
            "v1",
            "2025-09-01",
            vec![starting(service("speech", "2 x 30 min per week for 3 out of 4 weeks"), "2025-10-27")],
        )],
        vec![],
        vec![delivered("2025-11-04", "speech", 30)],
    );
    let acc = account(&c, d("2025-12-20"));
    let october = period(&acc, "speech", "2025-10-06");
    assert_eq!((october.required, october.unit), (0.0, Unit::Minutes));
    assert_eq!(october.status, Status::NothingRequired);
    // November's four weeks: floor(4 x 3 / 4) = 3 weeks of 60.
    assert_eq!(period(&acc, "speech", "2025-11-03").required, 180.0);
}
