//! Which days the school is open, precomputed once for a span of school years
//! so the accounting asks in constant time (checks.md, "Open days").

use chrono::{Datelike, NaiveDate};

use super::{is_weekday, month_end, school_year_end, school_year_start};
use crate::{Case, DateRange};

/// What one day is, for a regular service and for an extended school year one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayState {
    /// A school day: a weekday of a known school year, inside first_day..last_day, not closed.
    pub open: bool,
    /// A weekday of a school year without a calendar, in a case that has calendars: unknown.
    pub unknown: bool,
    /// A weekday of a calendar's `esy` range, not closed.
    pub esy_open: bool,
    /// A weekday of a school year whose calendar gives no `esy` range (or has no calendar).
    pub esy_unknown: bool,
}

impl DayState {
    /// Open and unknown, for a service that is (or is not) extended school year.
    pub fn for_service(self, esy: bool) -> (bool, bool) {
        if esy { (self.esy_open, self.esy_unknown) } else { (self.open, self.unknown) }
    }
}

/// Open days from July 1 of the first school year to June 30 of the last.
#[derive(Debug, Clone)]
pub struct OpenDays {
    first: NaiveDate,
    days: Vec<DayState>,
    /// `before[i]`: open days before index `i`, so any span counts in constant time.
    before: Vec<u32>,
    /// The same for extended school year days.
    before_esy: Vec<u32>,
    /// Every calendar's terms, in date order.
    terms: Vec<DateRange>,
    /// The school years (their July 1) whose calendar lists terms.
    years_with_terms: Vec<NaiveDate>,
}

impl OpenDays {
    /// Open days of every school year from the one holding `from` to the one holding `to`.
    pub fn new(case: &Case, from: NaiveDate, to: NaiveDate) -> OpenDays {
        let first = school_year_start(from.min(to));
        let last = school_year_end(to.max(from));
        let len = (last - first).num_days() as usize + 1;
        let has_calendars = !case.calendars.is_empty();
        // Without any calendar every weekday is open; with calendars, a school
        // year is unknown until its calendar says otherwise.
        let mut days: Vec<DayState> = first
            .iter_days()
            .take(len)
            .map(|day| {
                let weekday = is_weekday(day);
                DayState {
                    open: weekday && !has_calendars,
                    unknown: weekday && has_calendars,
                    esy_open: false,
                    esy_unknown: weekday,
                }
            })
            .collect();
        for cal in &case.calendars {
            let year = school_year_start(cal.first_day);
            let year_end = school_year_end(year);
            // The year's own days: first_day..last_day minus closed days; summer is closed.
            for_each_day(first, last, year, year_end, |i, day| {
                let state = &mut days[i];
                state.unknown = false;
                state.open = is_weekday(day) && cal.first_day <= day && day <= cal.last_day;
                if cal.esy.is_some() {
                    state.esy_unknown = false;
                }
            });
            if let Some(esy) = cal.esy {
                // The range may run into the next school year's July.
                for_each_day(first, last, esy.from, esy.to, |i, day| {
                    days[i].esy_unknown = false;
                    days[i].esy_open = is_weekday(day);
                });
            }
        }
        for cal in &case.calendars {
            let year = school_year_start(cal.first_day);
            let in_range = |day: NaiveDate| cal.esy.is_some_and(|r| r.contains(day));
            for range in &cal.closed {
                for_each_day(first, last, range.from, range.to, |i, day| {
                    if school_year_start(day) == year {
                        days[i].open = false;
                    }
                    if in_range(day) {
                        days[i].esy_open = false;
                    }
                });
            }
        }
        let running = |pick: fn(&DayState) -> bool| {
            let mut before = Vec::with_capacity(days.len() + 1);
            let mut count = 0u32;
            before.push(count);
            for state in &days {
                count += u32::from(pick(state));
                before.push(count);
            }
            before
        };
        let before = running(|s| s.open);
        let before_esy = running(|s| s.esy_open);
        let mut terms: Vec<DateRange> = case.calendars.iter().flat_map(|c| c.terms.iter().copied()).collect();
        terms.sort_by_key(|t| (t.from, t.to));
        let mut years_with_terms: Vec<NaiveDate> =
            case.calendars.iter().filter(|c| !c.terms.is_empty()).map(|c| school_year_start(c.first_day)).collect();
        years_with_terms.sort();
        OpenDays { first, days, before, before_esy, terms, years_with_terms }
    }

    /// Whether the school is open on `day` (false outside the span).
    pub fn is_open(&self, day: NaiveDate) -> bool {
        self.state(day).open
    }

    /// What `day` is (all false outside the span).
    pub fn state(&self, day: NaiveDate) -> DayState {
        self.slot(day).map(|i| self.days[i]).unwrap_or_default()
    }

    /// Open days in the calendar month holding `day`.
    pub fn in_month(&self, day: NaiveDate, esy: bool) -> u32 {
        let first = day.with_day(1).unwrap_or(day);
        self.count(first, month_end(day), esy)
    }

    /// Open days in the school year holding `day`.
    pub fn in_school_year(&self, day: NaiveDate, esy: bool) -> u32 {
        self.count(school_year_start(day), school_year_end(day), esy)
    }

    /// Open days from `from` to `to`, both included.
    pub fn between(&self, from: NaiveDate, to: NaiveDate, esy: bool) -> u32 {
        self.count(from, to, esy)
    }

    /// The last open day of the school year holding `day`, if any.
    pub fn last_in_school_year(&self, day: NaiveDate) -> Option<NaiveDate> {
        let start = school_year_start(day);
        let mut d = school_year_end(day);
        while d >= start {
            if self.is_open(d) {
                return Some(d);
            }
            d = d.pred_opt()?;
        }
        None
    }

    /// The calendar term holding `day`, if any.
    pub fn term_of(&self, day: NaiveDate) -> Option<DateRange> {
        // Terms are few and sorted: the last that starts on or before the day.
        let i = self.terms.partition_point(|t| t.from <= day);
        i.checked_sub(1).map(|i| self.terms[i]).filter(|t| t.contains(day))
    }

    /// Whether the calendar of the school year holding `day` lists terms.
    pub fn has_terms(&self, day: NaiveDate) -> bool {
        self.years_with_terms.binary_search(&school_year_start(day)).is_ok()
    }

    fn count(&self, from: NaiveDate, to: NaiveDate, esy: bool) -> u32 {
        let (Some(a), Some(b)) = (self.slot(from.max(self.first)), self.slot(to)) else { return 0 };
        if a > b {
            return 0;
        }
        let before = if esy { &self.before_esy } else { &self.before };
        before[b + 1].saturating_sub(before[a])
    }

    fn slot(&self, day: NaiveDate) -> Option<usize> {
        let i = (day - self.first).num_days();
        (i >= 0 && (i as usize) < self.days.len()).then_some(i as usize)
    }
}

/// Calls `f(index, day)` for each day of `from..=to` inside the span `first..=last`.
fn for_each_day(
    first: NaiveDate,
    last: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
    mut f: impl FnMut(usize, NaiveDate),
) {
    let mut day = from.max(first);
    let to = to.min(last);
    while day <= to {
        f((day - first).num_days() as usize, day);
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
}
