//! Whole-week schedules (checks.md, "Whole-week schedules"): an amount `for N
//! out of M weeks` or `for the first N weeks of each month` is judged by
//! school month in whole weeks, with no day share. W is the number of the
//! month's weeks with an open day on which the service is in force; the month
//! requires floor(W × N ÷ M) weeks (first N weeks: min(W, N)) of the
//! amount's weekly sessions and minutes.
//!
//! Coverage limits W the way it limits day shares: a week counts as required
//! only when the logs cover every open day of it on which the service is in
//! force. A log that ends mid-week says nothing certain about that week's
//! sessions, so the week is not required (never over-claim).
//!
//! The days of a school month arrive in order, so the state is a few numbers:
//! no allocation per day.

use chrono::NaiveDate;
use iep_model::calendar::week_monday;
use iep_model::{Dose, Schedule};

use crate::Tally;

/// The weeks required of a school month with `weeks` eligible weeks (W), of
/// which `covered` are covered by the logs; for `first N weeks`, `covered`
/// counts the covered weeks among the month's first N eligible weeks.
pub fn required_weeks(schedule: Schedule, weeks: u32, covered: u32) -> u32 {
    let covered = covered.min(weeks);
    match schedule {
        // floor(W × N ÷ M), in integers: exact.
        Schedule::OutOf { weeks: n, of: m } => covered * n.min(m.max(1)) / m.max(1),
        Schedule::FirstOfMonth { weeks: n } => covered.min(n),
    }
}

/// The week being seen: its Monday, the dose on its first eligible day, and
/// whether every eligible day so far is covered.
#[derive(Debug, Clone, Copy)]
struct OpenWeek {
    monday: NaiveDate,
    dose: Dose,
    schedule: Schedule,
    covered: bool,
}

/// The weeks of one dose in the month: W and the covered weeks that count.
#[derive(Debug, Clone, Copy)]
struct Group {
    dose: Dose,
    schedule: Schedule,
    weeks: u32,
    covered: u32,
}

/// One school month's whole weeks for one service.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WholeWeeks {
    week: Option<OpenWeek>,
    group: Option<Group>,
    /// Eligible weeks of the month so far, whatever the dose (for "the first N weeks").
    seen: u32,
}

impl WholeWeeks {
    /// An open day on which the service is in force with a whole-week dose.
    fn see(&mut self, day: NaiveDate, dose: Dose, schedule: Schedule, covered: bool) -> Option<Group> {
        let monday = week_monday(day);
        if let Some(week) = &mut self.week
            && week.monday == monday
        {
            week.covered &= covered;
            return None;
        }
        let flushed = self.close_week();
        self.week = Some(OpenWeek { monday, dose, schedule, covered });
        flushed
    }

    /// Ends the week being seen; returns a group of another dose it closed.
    fn close_week(&mut self) -> Option<Group> {
        let week = self.week.take()?;
        self.seen += 1;
        let mut flushed = None;
        if self.group.is_none_or(|g| g.dose != week.dose) {
            flushed = self.group.replace(Group { dose: week.dose, schedule: week.schedule, weeks: 0, covered: 0 });
        }
        let group = self.group.as_mut()?;
        group.weeks += 1;
        let counts = match week.schedule {
            Schedule::OutOf { .. } => week.covered,
            // Only the month's first N weeks hold the amount.
            Schedule::FirstOfMonth { weeks } => week.covered && self.seen <= weeks,
        };
        group.covered += u32::from(counts);
        flushed
    }
}

impl Group {
    /// What the group requires: (minutes, sessions) in the dose's unit.
    fn required(self) -> (f64, f64) {
        let weeks = f64::from(required_weeks(self.schedule, self.weeks, self.covered));
        match self.dose.minutes_per_period() {
            Some(minutes) => (weeks * minutes, 0.0),
            None => (0.0, weeks * self.dose.sessions_per_period()),
        }
    }
}

impl Tally {
    /// Records an open day in force of a whole-week dose.
    pub(crate) fn see_whole_week(&mut self, day: NaiveDate, dose: Dose, schedule: Schedule, covered: bool) {
        if let Some(group) = self.weeks.see(day, dose, schedule, covered) {
            self.add_weeks(group);
        }
    }

    /// Adds the whole weeks to the required amounts once every day is in.
    pub(crate) fn close_whole_weeks(&mut self) {
        if let Some(group) = self.weeks.close_week() {
            self.add_weeks(group);
        }
        if let Some(group) = self.weeks.group.take() {
            self.add_weeks(group);
        }
    }

    fn add_weeks(&mut self, group: Group) {
        let (minutes, sessions) = group.required();
        self.required_minutes += minutes;
        self.required_sessions += sessions;
    }
}
