//! Unit tests on hand-built cases: each pins one rule of checks.md.

use super::*;
use iep_model::{Case, DateRange, Doc, IepVersion, Outcome, SchoolCalendar, Service, ServiceLog};
use iep_testkit::{CaseBuilder, VersionExt, doc};

use iep_testkit::d;

fn service(id: &str, amount: &str) -> Service {
    iep_testkit::service(id, &format!("{id} therapy"), amount)
}

fn version(id: &str, effective: &str, services: Vec<Service>) -> Doc<IepVersion> {
    let version = IepVersion { services, ..iep_testkit::version(id, effective).signed(effective) };
    doc(&format!("iep/{effective}.yaml"), version)
}

fn delivered(date: &str, service: &str, minutes: u32) -> LogEntry {
    LogEntry {
        date: d(date),
        service: service.into(),
        outcome: Outcome::Delivered { minutes },
        setting: None,
        group: None,
        source: Source::School,
        made_up_on: None,
        by_student: false,
        notes: None,
    }
}

fn missed(date: &str, service: &str) -> LogEntry {
    LogEntry { outcome: Outcome::Missed { reason: "provider absent".into() }, ..delivered(date, service, 0) }
}

fn case(versions: Vec<Doc<IepVersion>>, closed: Vec<DateRange>, entries: Vec<LogEntry>) -> Case {
    let builder = CaseBuilder::new()
        .child("Kid")
        .parent("Parent")
        .calendar(SchoolCalendar { closed, ..iep_testkit::calendar("2025-09-03", "2026-06-18") })
        // The log declares the whole school year, so a month without entries is judged.
        .log(ServiceLog { entries, from: Some(d("2025-09-01")), through: Some(d("2026-06-30")), ..Default::default() });
    versions.into_iter().fold(builder, |b, v| b.version_at(&v.path, v.value)).build()
}

fn period<'a>(acc: &'a Accounting, id: &str, first_day: &str) -> &'a PeriodAccount {
    acc.service(id).unwrap().periods.iter().find(|p| p.first_day == d(first_day)).unwrap()
}

fn one_day(day: &str) -> DateRange {
    DateRange { from: d(day), to: d(day) }
}

#[test]
fn school_months_run_from_first_monday_to_the_sunday_ending_the_last_week() {
    // October 2025: Mondays 6, 13, 20, 27; the week of Monday Sep 29 is September's.
    assert_eq!(school_month_of(d("2025-10-02")), (d("2025-09-01"), d("2025-10-05")));
    assert_eq!(school_month_of(d("2025-10-06")), (d("2025-10-06"), d("2025-11-02")));
    assert_eq!(school_month_of(d("2025-11-02")), (d("2025-10-06"), d("2025-11-02")));
    assert_eq!(school_month_of(d("2026-03-31")), (d("2026-03-02"), d("2026-04-05")));
}

#[test]
fn open_days_agree_with_the_model() {
    let c = case(vec![], vec![one_day("2025-10-13"), DateRange { from: d("2025-12-22"), to: d("2026-01-02") }], vec![]);
    let open = OpenDays::new(&c, d("2025-07-01"), d("2027-06-30"));
    for day in d("2025-07-01").iter_days().take(730) {
        if d("2025-07-01") <= day && day <= d("2026-06-30") {
            assert_eq!(open.is_open(day), c.is_open(day), "{day}");
        }
    }
}

#[test]
fn a_closed_week_day_owes_four_fifths_and_a_full_month_is_judged() {
    let c = case(
        vec![version("v1", "2025-09-15", vec![service("speech", "2 x 30 min per week")])],
        vec![one_day("2025-10-13")],
        vec![
            missed("2025-10-07", "speech"),
            missed("2025-10-09", "speech"),
            missed("2025-10-14", "speech"),
            delivered("2025-10-16", "speech", 30),
            delivered("2025-10-21", "speech", 30),
            delivered("2025-10-23", "speech", 30),
            delivered("2025-10-28", "speech", 30),
            delivered("2025-10-30", "speech", 30),
        ],
    );
    let acc = account(&c, d("2025-11-20"));
    let october = period(&acc, "speech", "2025-10-06");
    assert_eq!(october.status, Status::Judged);
    assert!((october.required - (60.0 + 48.0 + 60.0 + 60.0)).abs() < EPSILON);
    assert_eq!(october.delivered, 150.0);
    assert_eq!(october.missed, 3);
    assert!(october.is_shortfall(0.9));
    assert_eq!(acc.miss_runs(3).len(), 1);
    assert_eq!(acc.miss_runs(3)[0].dates, vec![d("2025-10-07"), d("2025-10-09"), d("2025-10-14")]);
    assert!(acc.miss_runs(4).is_empty());
    // Owed: the larger of 78 missing minutes and the 3 misses' 90.
    assert_eq!(october.owed(), 90.0);
    // September (from Sep 15) has no entries, but the log declares it: judged, nothing delivered.
    let september = period(&acc, "speech", "2025-09-01");
    assert_eq!((september.status, september.delivered, september.owed()), (Status::Judged, 0.0, 180.0));
    // November is not over.
    assert_eq!(period(&acc, "speech", "2025-11-03").status, Status::InProgress);
}

#[test]
fn a_tie_counts_as_delivered() {
    // 60 min per week; 4 weeks; 0.9 x 240 = 216 delivered exactly.
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("ot", "60 min per week")])],
        vec![],
        vec![
            delivered("2025-10-06", "ot", 60),
            delivered("2025-10-13", "ot", 60),
            delivered("2025-10-20", "ot", 60),
            delivered("2025-10-27", "ot", 36),
        ],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "ot", "2025-10-06");
    assert_eq!(october.required, 240.0);
    assert!(!october.is_shortfall(0.9));
    assert!(october.is_shortfall(0.91));
}

#[test]
fn a_mid_month_version_change_changes_the_daily_share_from_that_day() {
    let c = case(
        vec![
            version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")]),
            version("v2", "2025-10-15", vec![service("speech", "1 x 30 min per week")]),
        ],
        vec![],
        vec![delivered("2025-10-07", "speech", 30)],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "speech", "2025-10-06");
    // Week of Oct 6: 60. Week of Oct 13: Mon-Tue at 12, Wed-Fri at 6. Then 30 + 30.
    assert!((october.required - (60.0 + 24.0 + 18.0 + 30.0 + 30.0)).abs() < 1e-9, "{}", october.required);
}

#[test]
fn a_student_miss_takes_one_session_off_and_a_made_up_miss_is_not_owed() {
    let mut absent = missed("2025-10-07", "speech");
    absent.by_student = true;
    let mut made_up = missed("2025-10-09", "speech");
    made_up.made_up_on = Some(d("2025-10-10"));
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        vec![
            absent,
            made_up,
            missed("2025-10-14", "speech"),
            delivered("2025-10-10", "speech", 30),
            missed("2025-10-16", "speech"),
        ],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "speech", "2025-10-06");
    assert_eq!(october.required, 240.0 - 30.0);
    assert_eq!(october.excused, 30.0);
    assert_eq!((october.by_student, october.made_up, october.missed), (1, 1, 2));
    assert_eq!(october.delivered, 30.0);
    // The student's miss and the made-up miss end runs: only 2 owed misses in a row.
    assert!(acc.miss_runs(3).is_empty());
    assert_eq!(acc.miss_runs(2).len(), 1);
}

#[test]
fn the_first_source_with_entries_counts_and_others_are_compared() {
    let mut child = delivered("2025-10-07", "speech", 30);
    child.source = Source::Child;
    child.group = Some("group".into());
    let mut child_miss = missed("2025-10-09", "speech");
    child_miss.source = Source::Child;
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        vec![child, child_miss, delivered("2025-10-09", "speech", 30)],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "speech", "2025-10-06");
    // Oct 7: only the child logged it, so the child's entry counts; Oct 9: the school's.
    assert_eq!(october.delivered, 60.0);
    assert_eq!(october.missed, 0);
    assert_eq!(acc.conflicts.len(), 1);
    assert_eq!(acc.conflicts[0].date, d("2025-10-09"));
    assert_eq!(acc.conflicts[0].differences, vec!["delivered against missed"]);
    // The child's group counts as the entry's group: a mismatch.
    let mismatches = acc.setting_mismatches();
    assert_eq!(mismatches.len(), 1);
    assert_eq!(mismatches[0].entries[0].field, "group");
}

#[test]
fn monthly_amounts_spread_over_the_calendar_months_open_days() {
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("ot", "1 x 45 min per month")])],
        vec![one_day("2025-10-13")],
        vec![delivered("2025-10-20", "ot", 45)],
    );
    let acc = account(&c, d("2025-11-05"));
    let october = acc
        .service("ot")
        .unwrap()
        .periods
        .iter()
        .find(|p| p.kind == PeriodKind::Month && p.first_day == d("2025-10-01"))
        .unwrap();
    assert!((october.required - 45.0).abs() < 1e-9);
    assert_eq!(october.status, Status::Judged);
    assert!(!october.is_shortfall(0.9));
}

#[test]
fn sessions_only_amounts_are_judged_in_sessions() {
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("check-in", "1/week")])],
        vec![],
        vec![delivered("2025-10-06", "check-in", 10), delivered("2025-10-14", "check-in", 5)],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "check-in", "2025-10-06");
    assert_eq!(october.unit, Unit::Sessions);
    assert!((october.required - 4.0).abs() < 1e-9);
    assert_eq!(october.delivered, 2.0);
    assert!(october.is_shortfall(0.9));
}

#[test]
fn yearly_amounts_are_judged_once_the_school_year_is_over() {
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("eval", "3 x 15 min per year")])],
        vec![],
        vec![delivered("2025-10-06", "eval", 15)],
    );
    let during = account(&c, d("2026-06-18"));
    assert_eq!(during.service("eval").unwrap().periods[0].status, Status::InProgress);
    let after = account(&c, d("2026-06-19"));
    let year = &after.service("eval").unwrap().periods[0];
    assert_eq!(year.kind, PeriodKind::SchoolYear);
    assert_eq!(year.status, Status::Judged);
    assert!((year.required - 45.0).abs() < 1e-9, "{}", year.required);
    assert!(year.is_shortfall(0.9));
}

#[test]
fn entries_when_the_service_is_not_in_force_count_for_nothing() {
    let c = case(
        vec![version("v1", "2025-10-06", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        vec![missed("2025-10-01", "speech"), missed("2025-10-02", "speech"), missed("2025-10-03", "speech")],
    );
    let acc = account(&c, d("2025-12-01"));
    assert!(acc.service("speech").unwrap().counted.is_empty());
    assert!(acc.miss_runs(3).is_empty());
}

/// The same case with a log that declares no range: it covers up to its latest entry.
fn undeclared(mut c: Case) -> Case {
    for log in &mut c.service_logs {
        log.value.from = None;
        log.value.through = None;
    }
    c
}

#[test]
fn a_log_ending_on_a_friday_says_nothing_about_the_next_week() {
    // October 2025's school month runs Oct 6 to Nov 2; the log ends Friday Oct 24.
    let entries = ["2025-10-07", "2025-10-09", "2025-10-14", "2025-10-16", "2025-10-21", "2025-10-23"]
        .iter()
        .map(|day| delivered(day, "speech", 30))
        .collect();
    let c = undeclared(case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        entries,
    ));
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "speech", "2025-10-06");
    assert_eq!(october.status, Status::Judged);
    // Oct 6 to Oct 23 (the latest entry): three weeks less Friday Oct 24.
    assert!((october.required - 168.0).abs() < 1e-9, "{}", october.required);
    assert_eq!(october.owed(), 0.0);
    // November is past the log's end: not logged yet, nothing owed.
    let november = period(&acc, "speech", "2025-11-03");
    assert_eq!((november.status, november.owed()), (Status::NotLoggedYet, 0.0));
    // September (before the first entry, from the service's start) had nothing logged.
    assert_eq!(period(&acc, "speech", "2025-09-01").status, Status::NothingLogged);
}

/// Issue 22 (checks.md, Coverage): a log without `from`/`through` extends
/// coverage to its latest entry only where no log of the service declares
/// a range. One parent entry in March made March "required" after a school
/// log that declared September to January.
#[test]
fn an_undeclared_log_does_not_extend_a_declared_range() {
    let mut c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        vec![delivered("2025-10-07", "speech", 30)],
    );
    c.service_logs[0].value.from = Some(d("2025-09-01"));
    c.service_logs[0].value.through = Some(d("2026-01-30"));
    let home = ServiceLog {
        entries: vec![LogEntry { source: Source::Parent, ..delivered("2026-03-10", "speech", 30) }],
        ..Default::default()
    };
    c.service_logs.push(doc("services/home.yaml", home));
    let acc = account(&c, d("2026-05-01"));
    // March (Mar 2 to Apr 5) is past the declared range: not required, nothing owed.
    let march = period(&acc, "speech", "2026-03-02");
    assert_ne!(march.status, Status::Judged, "{march:?}");
    assert_eq!(march.owed(), 0.0);
    assert!(march.required.abs() < 1e-9, "{}", march.required);
}

#[test]
fn a_month_held_in_full_owes_nothing_and_one_miss_owes_one_session() {
    // November 2025 (Nov 3 to Nov 30) with Thanksgiving closed: every session held but one.
    let mut entries: Vec<LogEntry> =
        ["2025-11-04", "2025-11-06", "2025-11-10", "2025-11-12", "2025-11-17", "2025-11-19", "2025-11-24"]
            .iter()
            .map(|day| delivered(day, "speech", 30))
            .collect();
    entries.push(missed("2025-11-13", "speech"));
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![DateRange { from: d("2025-11-26"), to: d("2025-11-28") }],
        entries,
    );
    let acc = account(&c, d("2025-12-15"));
    let november = period(&acc, "speech", "2025-11-03");
    // 4 weeks, the last at 2/5: 204 required, 210 delivered: no shortfall; the miss is owed.
    assert!(!november.is_shortfall(0.9));
    assert_eq!(november.owed(), 30.0);
    let december = period(&acc, "speech", "2025-12-01");
    assert_eq!(december.status, Status::InProgress);
    assert_eq!(acc.minutes_owed(), acc.services.iter().flat_map(|s| &s.periods).map(|p| p.owed()).sum::<f64>());
}

#[test]
fn a_sessions_only_service_owes_whole_sessions() {
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("glucose", "2 sessions per day")])],
        vec![],
        vec![delivered("2025-10-06", "glucose", 5), missed("2025-10-07", "glucose")],
    );
    let acc = account(&c, d("2025-12-01"));
    let october = period(&acc, "glucose", "2025-10-06");
    assert_eq!(october.unit, Unit::Sessions);
    assert_eq!(october.required, 40.0);
    assert_eq!(october.owed(), 39.0);
    assert_eq!(october.owed().fract(), 0.0);
}

#[test]
fn a_summer_after_the_last_calendar_requires_nothing() {
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")])],
        vec![],
        vec![delivered("2025-10-07", "speech", 30)],
    );
    let acc = account(&c, d("2026-10-01"));
    let july = period(&acc, "speech", "2026-07-06");
    assert_eq!((july.status, july.required, july.owed()), (Status::NoCalendar, 0.0, 0.0));
    assert_eq!(july.school_year(), "2026-27");
    // Summer of the calendar's own year is closed: nothing required.
    assert!(acc.service("speech").unwrap().periods.iter().all(|p| p.first_day < d("2026-06-22") || p.required == 0.0));
}

#[test]
fn an_extended_school_year_service_is_owed_on_its_esy_days_only() {
    let mut esy = service("esy-reading", "3 x 30 min per week");
    esy.esy = true;
    let mut c = case(
        vec![version("v1", "2025-09-01", vec![esy, service("speech", "2 x 30 min per week")])],
        vec![],
        vec![delivered("2026-07-07", "esy-reading", 30), delivered("2025-10-07", "speech", 30)],
    );
    let acc = account(&c, d("2026-09-01"));
    let esy_periods = &acc.service("esy-reading").unwrap().periods;
    // No `esy` range: shown, not judged.
    assert!(esy_periods.iter().all(|p| p.required == 0.0), "{esy_periods:?}");
    assert!(esy_periods.iter().any(|p| p.status == Status::NoEsyDates));
    c.calendars[0].value.esy = Some(DateRange { from: d("2026-07-06"), to: d("2026-07-31") });
    c.service_logs[0].value.through = Some(d("2026-08-31"));
    let acc = account(&c, d("2026-09-01"));
    let july = period(&acc, "esy-reading", "2026-07-06");
    // Four weeks of July at 90 minutes; nothing in October.
    assert!((july.required - 360.0).abs() < 1e-9, "{}", july.required);
    assert_eq!(july.status, Status::Judged);
    assert!(
        acc.service("esy-reading").unwrap().periods.iter().all(|p| p.first_day >= d("2026-07-01") || p.required == 0.0)
    );
    // The regular service owes nothing on ESY days outside first_day..last_day.
    assert!(acc.service("speech").unwrap().periods.iter().all(|p| p.first_day < d("2026-06-22") || p.required == 0.0));
}

#[test]
fn a_service_never_logged_is_one_unlogged_run() {
    let c = undeclared(case(
        vec![version(
            "v1",
            "2025-09-01",
            vec![service("speech", "2 x 30 min per week"), service("ot", "30 min per week")],
        )],
        vec![],
        vec![
            delivered("2025-09-09", "speech", 30),
            delivered("2025-10-07", "speech", 30),
            delivered("2025-11-04", "speech", 30),
        ],
    ));
    let acc = account(&c, d("2025-12-15"));
    let runs = acc.unlogged_runs();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!((runs[0].service.as_str(), runs[0].months), ("ot", 3));
    assert_eq!(runs[0].first_month, "September 2025");
    assert_eq!(acc.service("ot").unwrap().owed(Unit::Minutes), 0.0);
}

#[test]
fn the_agreed_terms_undo_a_change_nobody_agreed_to() {
    let mut cut = version("v2", "2025-10-06", vec![service("speech", "1 x 30 min per week")]);
    cut.value.parent_signed = None;
    cut.value.amends = Some("v1".into());
    let c = case(
        vec![version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")]), cut],
        vec![],
        vec![
            delivered("2025-10-07", "speech", 30),
            delivered("2025-10-14", "speech", 30),
            delivered("2025-10-21", "speech", 30),
            delivered("2025-10-28", "speech", 30),
        ],
    );
    let history = iep_model::TermsHistory::new(&c);
    let unagreed = vec![(1, vec![iep_model::ItemPath::parse("services.speech").unwrap()])];
    let acc = account_as_agreed(&c, d("2025-12-01"), &history, &unagreed);
    let october = period(&acc, "speech", "2025-10-06");
    assert_eq!((october.required, october.owed()), (120.0, 0.0));
    assert_eq!((october.required_as_agreed, october.owed_as_agreed), (Some(240.0), Some(120.0)));
    assert!(acc.minutes_owed_as_agreed() > acc.minutes_owed());
}

/// A weekly amount changed without agreement to a monthly one: the agreed
/// terms count school months, the terms in force calendar months, and the
/// as-agreed total counts each day once (no February in both).
#[test]
fn the_agreed_terms_count_every_period_once_across_a_change_of_period_kind() {
    let weekly = version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week")]);
    let mut monthly = version("v2", "2026-02-02", vec![service("speech", "1 x 60 min per month")]);
    monthly.value.parent_signed = None;
    monthly.value.amends = Some("v1".into());
    let as_of = d("2026-04-20");
    let c = case(vec![weekly.clone(), monthly], vec![], vec![delivered("2025-09-09", "speech", 30)]);
    let history = iep_model::TermsHistory::new(&c);
    let unagreed = vec![(1, vec![iep_model::ItemPath::parse("services.speech").unwrap()])];
    let acc = account_as_agreed(&c, as_of, &history, &unagreed);
    // Next to nothing was delivered: as agreed, the weekly amount is owed as if the change never was.
    let only_weekly = account(&case(vec![weekly], vec![], vec![delivered("2025-09-09", "speech", 30)]), as_of);
    let speech = acc.service("speech").unwrap();
    let expected = only_weekly.service("speech").unwrap().owed(Unit::Minutes);
    assert!(expected > 0.0);
    assert_eq!(speech.owed_as_agreed(Unit::Minutes), expected, "{:#?}", speech.periods);
    // In force, the calendar months of the monthly amount.
    let february =
        speech.periods.iter().find(|p| p.kind == PeriodKind::Month && p.first_day == d("2026-02-01")).unwrap();
    assert_eq!((february.required, february.owed_as_agreed), (60.0, Some(0.0)));
    assert!(speech.owed(Unit::Minutes) < expected);
}

/// A service the change removed: zero in force, the agreed figure still stated.
#[test]
fn a_removed_service_keeps_its_figures_as_agreed() {
    let both =
        version("v1", "2025-09-01", vec![service("speech", "2 x 30 min per week"), service("ot", "30 min per week")]);
    let mut cut = version("v2", "2026-02-02", vec![service("ot", "30 min per week")]);
    cut.value.parent_signed = None;
    cut.value.amends = Some("v1".into());
    let c =
        case(vec![both, cut], vec![], vec![delivered("2025-09-09", "speech", 30), delivered("2025-09-09", "ot", 30)]);
    let history = iep_model::TermsHistory::new(&c);
    let unagreed = vec![(1, vec![iep_model::ItemPath::parse("services.speech").unwrap()])];
    let acc = account_as_agreed(&c, d("2026-04-20"), &history, &unagreed);
    let march = period(&acc, "speech", "2026-03-02");
    assert_eq!((march.required, march.owed()), (0.0, 0.0));
    assert_eq!(march.status, Status::Judged);
    assert!(march.owed_as_agreed.unwrap() > 0.0);
}

mod whole_weeks_and_terms;

/// Issue 22 item 7: a month of ten thousand entries is one short phrase.
#[test]
fn long_lists_of_dates_are_summarised_and_short_ones_listed() {
    let day = |s: &str| s.parse::<NaiveDate>().unwrap();
    let few = [day("2025-11-04"), day("2025-11-06")];
    assert_eq!(summarise_dates(&few), "2025-11-04 and 2025-11-06");
    let many: Vec<NaiveDate> = (0..10_000).map(|i| day("2025-09-15") + chrono::Days::new(i % 16)).collect();
    assert_eq!(summarise_dates(&many), "16 days from 2025-09-15 to 2025-09-30");
    // Many entries on a few days list the days once each.
    let repeated: Vec<NaiveDate> = (0..50).map(|i| day("2025-09-15") + chrono::Days::new(i % 3)).collect();
    assert_eq!(summarise_dates(&repeated), "2025-09-15, 2025-09-16 and 2025-09-17");
}
