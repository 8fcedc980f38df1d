//! Which days the school is open, precomputed once for a span of school years
//! so the accounting asks in constant time (checks.md, "Open days").

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, school_year_start};

/// Open days from July 1 of the first school year to June 30 of the last.
#[derive(Debug, Clone)]
pub struct OpenDays {
    first: NaiveDate,
    open: Vec<bool>,
    /// `before[i]`: open days before index `i`, so any span counts in constant time.
    before: Vec<u32>,
}

impl OpenDays {
    /// Open days of every school year from the one holding `from` to the one holding `to`.
    pub fn new(case: &Case, from: NaiveDate, to: NaiveDate) -> OpenDays {
        let first = school_year_start(from.min(to));
        let last = school_year_end(to.max(from));
        let len = (last - first).num_days() as usize + 1;
        // Weekdays first; each school year with a calendar is then narrowed to
        // its first..last day minus its closed days.
        let mut open: Vec<bool> = first.iter_days().take(len).map(is_weekday).collect();
        let mut year = first;
        while year <= last {
            let year_end = school_year_end(year);
            if let Some(cal) = case.calendars.iter().find(|c| school_year_start(c.first_day) == year) {
                // Summer and the days outside first_day..last_day are closed.
                let start_index = index(first, year);
                let end_index = index(first, year_end).min(len - 1);
                for (offset, slot) in open[start_index..=end_index].iter_mut().enumerate() {
                    let day = year + chrono::Days::new(offset as u64);
                    if day < cal.first_day || day > cal.last_day {
                        *slot = false;
                    }
                }
                for range in &cal.closed {
                    let from = range.from.max(year).max(first);
                    let to = range.to.min(year_end).min(last);
                    let mut day = from;
                    while day <= to {
                        open[index(first, day)] = false;
                        day = match day.succ_opt() {
                            Some(next) => next,
                            None => break,
                        };
                    }
                }
            }
            year = match year_end.succ_opt() {
                Some(next) => next,
                None => break,
            };
        }
        let mut before = Vec::with_capacity(open.len() + 1);
        let mut running = 0u32;
        before.push(running);
        for is_open in &open {
            running += u32::from(*is_open);
            before.push(running);
        }
        OpenDays { first, open, before }
    }

    /// Whether the school is open on `day` (false outside the span).
    pub fn is_open(&self, day: NaiveDate) -> bool {
        self.slot(day).is_some_and(|i| self.open[i])
    }

    /// Open days in the calendar month holding `day`.
    pub fn in_month(&self, day: NaiveDate) -> u32 {
        let first = day.with_day(1).unwrap_or(day);
        self.count(first, month_end(day))
    }

    /// Open days in the school year holding `day`.
    pub fn in_school_year(&self, day: NaiveDate) -> u32 {
        self.count(school_year_start(day), school_year_end(day))
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

    fn count(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let (Some(a), Some(b)) = (self.slot(from), self.slot(to)) else { return 0 };
        self.before[b + 1].saturating_sub(self.before[a])
    }

    fn slot(&self, day: NaiveDate) -> Option<usize> {
        let i = (day - self.first).num_days();
        (i >= 0 && (i as usize) < self.open.len()).then_some(i as usize)
    }
}

fn index(first: NaiveDate, day: NaiveDate) -> usize {
    (day - first).num_days().max(0) as usize
}

fn is_weekday(day: NaiveDate) -> bool {
    day.weekday().number_from_monday() <= 5
}

/// June 30 ending the school year holding `day`.
pub fn school_year_end(day: NaiveDate) -> NaiveDate {
    let start = school_year_start(day);
    NaiveDate::from_ymd_opt(start.year() + 1, 6, 30).unwrap_or(start)
}

/// The last day of the calendar month holding `day`.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 { (day.year() + 1, 1) } else { (day.year(), day.month() + 1) };
    NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(day)
}
