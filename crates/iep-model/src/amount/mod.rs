//! Service amounts: `2 x 30 min per week` and the other forms service grids
//! print (case-format.md 1.1, `kind: iep`). The grammar is in `parse.rs`.

mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use serde::{Serialize, Serializer};

use crate::period;

/// A school term, one of the calendar's `terms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    Quarter,
    Trimester,
    Semester,
}

impl TermKind {
    /// How many such terms a school year has.
    pub fn per_year(self) -> u32 {
        match self {
            TermKind::Quarter => 4,
            TermKind::Trimester => 3,
            TermKind::Semester => 2,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TermKind::Quarter => "quarter",
            TermKind::Trimester => "trimester",
            TermKind::Semester => "semester",
        }
    }
}

/// How often an amount repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    Day,
    /// Every N weeks (`per week` is `Weeks(1)`; `every other week` is `Weeks(2)`).
    Weeks(u32),
    Month,
    /// Per quarter, trimester or semester: judged per term of the calendar's `terms`.
    Term(TermKind),
    Year,
    /// A rotating schedule of N school days (`6-day cycle`).
    Cycle(u32),
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Day => f.write_str("day"),
            Period::Weeks(1) => f.write_str("week"),
            Period::Weeks(n) => write!(f, "{n} weeks"),
            Period::Month => f.write_str("month"),
            Period::Term(term) => f.write_str(term.name()),
            Period::Year => f.write_str("year"),
            Period::Cycle(n) => write!(f, "{n}-day cycle"),
        }
    }
}

/// A weekly amount owed in whole weeks only (checks.md, whole-week schedules).
/// The two forms are judged differently, so they stay apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Schedule {
    /// `for N out of M weeks`: N weeks of every M.
    OutOf { weeks: u32, of: u32 },
    /// `for the first N weeks of each month`.
    FirstOfMonth { weeks: u32 },
}

impl Schedule {
    /// The share of weeks that hold the amount, on average over a year
    /// (a month has 52 ÷ 12 weeks): for comparing amounts, not for judging a month.
    pub fn average_share(self) -> f64 {
        match self {
            Schedule::OutOf { weeks, of } => f64::from(weeks) / f64::from(of.max(1)),
            Schedule::FirstOfMonth { weeks } => crate::period::first_weeks_of_month_share(weeks),
        }
    }
}

impl fmt::Display for Schedule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Schedule::OutOf { weeks, of } => write!(f, "for {weeks} out of {of} weeks"),
            Schedule::FirstOfMonth { weeks: 1 } => f.write_str("for the first week of each month"),
            Schedule::FirstOfMonth { weeks } => write!(f, "for the first {weeks} weeks of each month"),
        }
    }
}

/// A committed amount: so many sessions of so many minutes per period.
/// At least one of `sessions` and `minutes` is present.
#[derive(Debug, Clone, Copy)]
pub struct Dose {
    /// Sessions per period; `None`: `minutes` is one total per period.
    pub sessions: Option<u32>,
    /// Whole minutes per session (or in total); `None`: counted in sessions only.
    pub minutes: Option<u32>,
    pub per: Period,
    /// Whole weeks only; only with `per: Weeks(1)`.
    pub schedule: Option<Schedule>,
}

/// An amount as minutes (or, for a sessions-only amount, sessions) per week.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PerWeek {
    Minutes(f64),
    Sessions(f64),
}

impl PerWeek {
    pub fn value(self) -> f64 {
        match self {
            PerWeek::Minutes(v) | PerWeek::Sessions(v) => v,
        }
    }
}

impl Dose {
    /// Minutes per period as stated (in a week the schedule holds), or `None`
    /// for a sessions-only amount.
    pub fn minutes_per_period(&self) -> Option<f64> {
        self.minutes.map(|m| f64::from(self.sessions.unwrap_or(1)) * f64::from(m))
    }

    /// Sessions per period as stated (an absent count is one).
    pub fn sessions_per_period(&self) -> f64 {
        f64::from(self.sessions.unwrap_or(1))
    }

    /// Minutes per week where the period is made of school days or weeks
    /// (averaged over `N out of M weeks`); `None` for months, terms, years,
    /// first-weeks-of-the-month schedules and sessions-only amounts.
    pub fn minutes_per_week(&self) -> Option<f64> {
        let share = match self.schedule {
            None => 1.0,
            Some(s @ Schedule::OutOf { .. }) => s.average_share(),
            Some(Schedule::FirstOfMonth { .. }) => return None,
        };
        let per_week = period::per_school_week(self.per)?;
        self.minutes_per_period().map(|m| m * per_week * share)
    }

    /// The amount per week for comparing two amounts (checks.md, Direction):
    /// per day × 5; per N weeks ÷ N; per N-day cycle × 5 ÷ N; per month × 12 ÷ 52;
    /// per term or year ÷ `weeks_of_period`, the calendar's school weeks in it
    /// (without them: 36 weeks a year, shared equally by its terms). Minutes,
    /// or sessions for a sessions-only amount.
    pub fn per_week(&self, weeks_of_period: Option<f64>) -> PerWeek {
        let factor = period::per_week(self.per, weeks_of_period) * self.schedule.map_or(1.0, Schedule::average_share);
        match self.minutes_per_period() {
            Some(minutes) => PerWeek::Minutes(minutes * factor),
            None => PerWeek::Sessions(self.sessions_per_period() * factor),
        }
    }
}

impl PartialEq for Dose {
    /// Compared as parsed: an absent count is 1 (`60 min per week` equals
    /// `1 x 60 min per week`, not `2 x 30 min per week`).
    fn eq(&self, other: &Dose) -> bool {
        self.sessions.unwrap_or(1) == other.sessions.unwrap_or(1)
            && self.minutes == other.minutes
            && self.per == other.per
            && self.schedule == other.schedule
    }
}

/// The canonical form: `2 x 30 min per week`, `60 min per week`, `1 session
/// per week`, `3 sessions per quarter`, `2 x 30 min per week for 3 out of 4
/// weeks`. It parses back to the same dose.
impl fmt::Display for Dose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.sessions, self.minutes) {
            (Some(n), Some(m)) => write!(f, "{n} x {m} min")?,
            (None, Some(m)) => write!(f, "{m} min")?,
            (Some(1) | None, None) => f.write_str("1 session")?,
            (Some(n), None) => write!(f, "{n} sessions")?,
        }
        write!(f, " per {}", self.per)?;
        if let Some(schedule) = self.schedule {
            write!(f, " {schedule}")?;
        }
        Ok(())
    }
}

/// A range in the text (`2-3 x`, `30-45 min`), read at its lower bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadRange {
    /// Character offset and length of the range, within the trimmed text.
    pub span: (usize, usize),
    /// The range as written (`2-3`); its lower bound counts.
    pub written: String,
}

/// A service's `amount`, as written and as understood.
#[derive(Debug, Clone)]
pub struct Amount {
    /// The text the parent typed (or the mapping, rendered).
    pub text: String,
    /// `None`: `as needed`, an amount with no commitment.
    pub dose: Option<Dose>,
    /// Ranges read at their lower bound; the loader warns about each.
    pub ranges: Vec<ReadRange>,
}

impl PartialEq for Amount {
    fn eq(&self, other: &Amount) -> bool {
        self.dose == other.dose
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for Amount {
    /// The canonical form (`1 x 30 min per week`), or `as needed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.dose {
            Some(dose) => dose.fmt(f),
            None => f.write_str("as needed"),
        }
    }
}

/// Why an amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountError {
    pub message: String,
    /// Character offset and length of the offending part, within the trimmed text.
    pub span: Option<(usize, usize)>,
    pub help: String,
}

impl Amount {
    /// An amount that commits to nothing (`as needed`).
    pub fn as_needed(text: &str) -> Amount {
        Amount { text: text.to_owned(), dose: None, ranges: Vec::new() }
    }

    /// Reads the short form (`2 x 30 min per week`), case-insensitively.
    pub fn parse(text: &str) -> Result<Amount, AmountError> {
        parse::parse_text(text)
    }

    /// Reads the mapping form `{sessions: 2, minutes: 30, per: week}`.
    pub fn from_parts(sessions: Option<u32>, minutes: Option<f64>, per: &str) -> Result<Amount, AmountError> {
        parse::from_parts(sessions, minutes, per)
    }

    pub fn is_as_needed(&self) -> bool {
        self.dose.is_none()
    }
}
