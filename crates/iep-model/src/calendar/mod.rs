//! The school calendar as checks.md defines it, in one place: school years
//! (July 1 to June 30), open days, school months (the weeks, Monday to Sunday,
//! that begin in a calendar month), the calendar's terms and its extended
//! school year range. Pure functions over the model: the service accounting,
//! the deadlines and the comparison of amounts all read them from here.

mod open_days;

use chrono::{Datelike, Days, NaiveDate};

use crate::{Case, DateRange, Doc, SchoolCalendar};

pub use open_days::{DayState, OpenDays};

/// July 1 of the school year holding `day` (a school year runs July 1 to June 30).
pub fn school_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 7 { day.year() } else { day.year() - 1 };
    NaiveDate::from_ymd_opt(year, 7, 1).expect("July 1 exists every year")
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

/// The Monday starting the week (Monday to Sunday) holding `day`.
pub fn week_monday(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The school month holding `day`: from the first Monday of the month its
/// week's Monday is in, to the Sunday ending the last week that begins in it.
pub fn school_month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = week_monday(day);
    let first_of_month = monday.with_day(1).unwrap_or(monday);
    let first_monday = first_of_month + Days::new(u64::from((7 - first_of_month.weekday().num_days_from_monday()) % 7));
    let next_month = month_end(monday).succ_opt().unwrap_or(monday);
    let next_first_monday = next_month + Days::new(u64::from((7 - next_month.weekday().num_days_from_monday()) % 7));
    (first_monday, next_first_monday.pred_opt().unwrap_or(next_first_monday))
}

/// Monday to Friday.
pub fn is_weekday(day: NaiveDate) -> bool {
    day.weekday().number_from_monday() <= 5
}

impl Case {
    /// The calendar of the school year (July 1 to June 30) holding `day`.
    pub fn calendar_for(&self, day: NaiveDate) -> Option<&Doc<SchoolCalendar>> {
        let year = school_year_start(day);
        self.calendars.iter().find(|c| school_year_start(c.first_day) == year)
    }

    /// Whether the school is open on `day` (checks.md, "Open days"): a weekday,
    /// within the calendar's first and last day and not closed; in a school
    /// year without a calendar, every weekday. (The service accounting's
    /// [`OpenDays`] treats a year without a calendar as unknown instead.)
    pub fn is_open(&self, day: NaiveDate) -> bool {
        if !is_weekday(day) {
            return false;
        }
        match self.calendar_for(day) {
            None => true,
            Some(cal) => cal.first_day <= day && day <= cal.last_day && !cal.closed.iter().any(|r| r.contains(day)),
        }
    }

    /// The calendar term (one of its `terms`) holding `day`, if the school
    /// year's calendar lists terms and one holds it.
    pub fn term_of(&self, day: NaiveDate) -> Option<DateRange> {
        self.calendar_for(day)?.terms.iter().copied().find(|t| t.contains(day))
    }

    /// The extended school year range of the calendar of the school year holding `day`.
    pub fn esy_range(&self, day: NaiveDate) -> Option<DateRange> {
        self.calendar_for(day)?.esy
    }

    /// School weeks from `from` to `to`: the weeks (Monday to Sunday) with an
    /// open day in the span (checks.md, Direction: "per term or year over the
    /// calendar's weeks of it"). `None` when the school year of `from` has
    /// no calendar, so the caller keeps the default of 36 weeks a year.
    pub fn school_weeks(&self, from: NaiveDate, to: NaiveDate) -> Option<u32> {
        self.calendar_for(from)?;
        let mut weeks = 0;
        let mut monday = week_monday(from);
        while monday <= to {
            let open = (0..5)
                .filter_map(|i| monday.checked_add_days(Days::new(i)))
                .any(|day| from <= day && day <= to && self.is_open(day));
            weeks += u32::from(open);
            monday = match monday.checked_add_days(Days::new(7)) {
                Some(next) => next,
                None => break,
            };
        }
        Some(weeks)
    }
}

#[cfg(test)]
mod tests;
