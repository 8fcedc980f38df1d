//! How long the period of an amount is, in one table: how many of it a week
//! holds (comparing amounts, checks.md "Direction"), how many open days share
//! it (the service accounting's day by day share), and which span of the
//! calendar it is judged over. The amounts, the comparison of versions and the
//! service accounting read these from here, never write the numbers again.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::Period;
use crate::calendar::{OpenDays, month_end, school_month_of, school_year_end, school_year_start};

/// School weeks in a year when the calendar does not say (checks.md, Direction).
pub const DEFAULT_SCHOOL_WEEKS: f64 = 36.0;

/// School days in a school week (Monday to Friday).
pub const SCHOOL_DAYS_PER_WEEK: f64 = 5.0;

/// A month is 52 ÷ 12 weeks on average over a year (checks.md, Direction).
const WEEKS_PER_YEAR: f64 = 52.0;
const MONTHS_PER_YEAR: f64 = 12.0;

/// How many periods of `per` a week holds, where the period is made of school
/// days or weeks: a day 5, N weeks 1 ÷ N, an N-day cycle 5 ÷ N; `None` for a
/// month, a term or a year, whose length depends on the calendar.
pub fn per_school_week(per: Period) -> Option<f64> {
    match per {
        Period::Day | Period::Weeks(_) | Period::Cycle(_) => Some(per_week(per, None)),
        Period::Month | Period::Term(_) | Period::Year => None,
    }
}

/// How many periods of `per` a week holds, for comparing amounts (checks.md,
/// Direction): [`per_school_week`], a month 12 ÷ 52, a term or a year one over
/// `weeks_of_period`, the calendar's school weeks in it (without them: 36
/// weeks a year, shared equally by its terms).
pub fn per_week(per: Period, weeks_of_period: Option<f64>) -> f64 {
    let weeks = |default: f64| weeks_of_period.filter(|w| *w > 0.0).unwrap_or(default);
    match per {
        Period::Day => SCHOOL_DAYS_PER_WEEK,
        Period::Weeks(n) => 1.0 / f64::from(n.max(1)),
        Period::Cycle(n) => SCHOOL_DAYS_PER_WEEK / f64::from(n.max(1)),
        Period::Month => MONTHS_PER_YEAR / WEEKS_PER_YEAR,
        Period::Term(term) => 1.0 / weeks(DEFAULT_SCHOOL_WEEKS / f64::from(term.per_year())),
        Period::Year => 1.0 / weeks(DEFAULT_SCHOOL_WEEKS),
    }
}

/// A weekly amount restated per `per` without a calendar: 75 min per week is
/// about 325 min per month.
pub fn in_period(weekly: f64, per: Period) -> f64 {
    weekly / per_week(per, None)
}

/// The share of a year's weeks that the first `weeks` weeks of each month are
/// (a month has 52 ÷ 12 weeks), at most all of them.
pub fn first_weeks_of_month_share(weeks: u32) -> f64 {
    (f64::from(weeks) * MONTHS_PER_YEAR / WEEKS_PER_YEAR).min(1.0)
}

/// How many open days share one period of `per` around `day`: 5 a week (times
/// N for every N weeks), N a cycle, 1 a day; for a month, a term or a school
/// year the calendar's open days in it (`esy`: counted over the extended
/// school year's days). Zero when the calendar has none.
pub fn open_days_in(per: Period, day: NaiveDate, open: &OpenDays, esy: bool) -> f64 {
    match per {
        Period::Weeks(n) => SCHOOL_DAYS_PER_WEEK * f64::from(n.max(1)),
        Period::Cycle(n) => f64::from(n.max(1)),
        Period::Day => 1.0,
        Period::Month => f64::from(open.in_month(day, esy)),
        Period::Term(_) => f64::from(open.term_of(day).map_or(0, |t| open.between(t.from, t.to, esy))),
        Period::Year => f64::from(open.in_school_year(day, esy)),
    }
}

/// How a period's amounts are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    /// The weeks (Monday to Sunday) that begin in a calendar month.
    SchoolMonth,
    /// A calendar month (monthly amounts).
    Month,
    /// July 1 to June 30 (yearly amounts).
    SchoolYear,
    /// One of the calendar's `terms` (amounts per quarter, trimester or semester).
    Term,
}

/// The kind of period an amount per `per` is judged by: amounts of school
/// days or weeks by the school month, the others by their own period.
pub fn kind_of(per: Period) -> PeriodKind {
    match per {
        Period::Weeks(_) | Period::Cycle(_) | Period::Day => PeriodKind::SchoolMonth,
        Period::Month => PeriodKind::Month,
        Period::Term(_) => PeriodKind::Term,
        Period::Year => PeriodKind::SchoolYear,
    }
}

/// The period an amount per `per` is judged by around `day`: its kind and its
/// first and last day. A term is only asked for a day of a calendar term; on
/// any other day it is that lone day.
pub fn period_of(per: Period, day: NaiveDate, open: &OpenDays) -> (PeriodKind, NaiveDate, NaiveDate) {
    match kind_of(per) {
        PeriodKind::SchoolMonth => {
            let (first, last) = school_month_of(day);
            (PeriodKind::SchoolMonth, first, last)
        }
        PeriodKind::Month => (PeriodKind::Month, day.with_day(1).unwrap_or(day), month_end(day)),
        PeriodKind::Term => match open.term_of(day) {
            Some(term) => (PeriodKind::Term, term.from, term.to),
            None => (PeriodKind::Term, day, day),
        },
        PeriodKind::SchoolYear => (PeriodKind::SchoolYear, school_year_start(day), school_year_end(day)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Case, TermKind};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_week_holds_five_days_half_of_every_other_week_and_a_share_of_a_cycle() {
        assert_eq!(per_school_week(Period::Day), Some(5.0));
        assert_eq!(per_school_week(Period::Weeks(1)), Some(1.0));
        assert_eq!(per_school_week(Period::Weeks(2)), Some(0.5));
        assert_eq!(per_school_week(Period::Cycle(10)), Some(0.5));
        // A zero is read as one, never divided by.
        assert_eq!(per_school_week(Period::Weeks(0)), Some(1.0));
        assert_eq!(per_school_week(Period::Cycle(0)), Some(5.0));
        for per in [Period::Month, Period::Term(TermKind::Quarter), Period::Year] {
            assert_eq!(per_school_week(per), None, "{per}");
        }
    }

    #[test]
    fn a_month_is_twelve_fifty_seconds_of_a_week_and_a_year_36_weeks_without_a_calendar() {
        assert_eq!(per_week(Period::Day, None), 5.0);
        assert_eq!(per_week(Period::Weeks(3), Some(10.0)), 1.0 / 3.0);
        assert_eq!(per_week(Period::Month, None), 12.0 / 52.0);
        assert_eq!(per_week(Period::Year, None), 1.0 / 36.0);
        assert_eq!(per_week(Period::Term(TermKind::Quarter), None), 1.0 / 9.0);
        assert_eq!(per_week(Period::Term(TermKind::Trimester), None), 1.0 / 12.0);
        assert_eq!(per_week(Period::Term(TermKind::Semester), None), 1.0 / 18.0);
    }

    #[test]
    fn a_term_or_year_is_spread_over_the_calendars_weeks_when_it_has_some() {
        assert_eq!(per_week(Period::Year, Some(40.0)), 1.0 / 40.0);
        assert_eq!(per_week(Period::Term(TermKind::Semester), Some(20.0)), 1.0 / 20.0);
        // No weeks at all is no calendar: the default again.
        assert_eq!(per_week(Period::Year, Some(0.0)), 1.0 / 36.0);
        // A month does not depend on the calendar's weeks.
        assert_eq!(per_week(Period::Month, Some(3.0)), 12.0 / 52.0);
    }

    #[test]
    fn a_weekly_amount_restated_per_period_inverts_the_factor() {
        assert_eq!(in_period(60.0, Period::Day), 12.0);
        assert_eq!(in_period(30.0, Period::Weeks(2)), 60.0);
        assert_eq!(in_period(75.0, Period::Month).round(), 325.0);
        assert_eq!(in_period(10.0, Period::Year), 360.0);
        assert_eq!(in_period(10.0, Period::Term(TermKind::Quarter)), 90.0);
    }

    #[test]
    fn the_first_weeks_of_each_month_are_a_share_of_the_year_at_most_all_of_it() {
        assert_eq!(first_weeks_of_month_share(1), 12.0 / 52.0);
        assert_eq!(first_weeks_of_month_share(2), 24.0 / 52.0);
        assert_eq!(first_weeks_of_month_share(5), 1.0);
    }

    #[test]
    fn open_days_share_a_period_five_a_week_and_the_calendars_count_otherwise() {
        // Without any calendar every weekday is open, and no term is known.
        let open = OpenDays::new(&Case::default(), date(2025, 9, 1), date(2025, 9, 30));
        let day = date(2025, 9, 10);
        assert_eq!(open_days_in(Period::Weeks(1), day, &open, false), 5.0);
        assert_eq!(open_days_in(Period::Weeks(2), day, &open, false), 10.0);
        assert_eq!(open_days_in(Period::Cycle(6), day, &open, false), 6.0);
        assert_eq!(open_days_in(Period::Day, day, &open, false), 1.0);
        assert_eq!(open_days_in(Period::Month, day, &open, false), 22.0);
        assert_eq!(open_days_in(Period::Term(TermKind::Quarter), day, &open, false), 0.0);
        assert_eq!(open_days_in(Period::Year, day, &open, false), 261.0);
    }

    #[test]
    fn each_period_is_judged_over_its_own_span() {
        let open = OpenDays::new(&Case::default(), date(2025, 9, 1), date(2025, 9, 30));
        // 2025-09-10 is a Wednesday; September's school month is its weeks from Monday 1 to Monday 29, so it ends on Sunday, October 5.
        let day = date(2025, 9, 10);
        let school_month = (PeriodKind::SchoolMonth, date(2025, 9, 1), date(2025, 10, 5));
        assert_eq!(period_of(Period::Weeks(1), day, &open), school_month);
        assert_eq!(period_of(Period::Day, day, &open), school_month);
        assert_eq!(period_of(Period::Cycle(6), day, &open), school_month);
        assert_eq!(period_of(Period::Month, day, &open), (PeriodKind::Month, date(2025, 9, 1), date(2025, 9, 30)));
        assert_eq!(period_of(Period::Year, day, &open), (PeriodKind::SchoolYear, date(2025, 7, 1), date(2026, 6, 30)));
        // No calendar terms: a lone day.
        assert_eq!(period_of(Period::Term(TermKind::Semester), day, &open), (PeriodKind::Term, day, day));
        assert_eq!(kind_of(Period::Term(TermKind::Semester)), PeriodKind::Term);
    }
}
