//! Counting days the way the rules count them: from the day after the
//! trigger, each day of the rule's kind counting one (checks.md, "Deadlines").

use chrono::{Datelike, Days, Months, NaiveDate};
use iep_model::DayKind;

/// How far the counting looks for school days before giving up (a calendar
/// with no open day at all): ten years.
const MAX_SCAN_DAYS: u32 = 3660;

/// The day `n` days of `kind` after `start`, not counting the days of
/// `pauses` (inclusive ranges). `is_open` says whether the school is open.
/// `None` only when no such day exists within ten years.
pub fn count_days(
    start: NaiveDate,
    n: u32,
    kind: DayKind,
    is_open: &dyn Fn(NaiveDate) -> bool,
    pauses: &[(NaiveDate, NaiveDate)],
) -> Option<NaiveDate> {
    if kind == DayKind::Year {
        // A year later: the same date (February 29 falls back to February 28).
        return start.checked_add_months(Months::new(n.checked_mul(12)?));
    }
    if kind == DayKind::Calendar && pauses.is_empty() {
        return start.checked_add_days(Days::new(u64::from(n)));
    }
    let mut day = start;
    let mut counted = 0;
    let mut scanned = 0;
    while counted < n {
        day = day.succ_opt()?;
        scanned += 1;
        if scanned > MAX_SCAN_DAYS + n {
            return None;
        }
        if pauses.iter().any(|(from, to)| *from <= day && day <= *to) {
            continue;
        }
        let counts = match kind {
            DayKind::Calendar | DayKind::Year => true,
            DayKind::Business => day.weekday().number_from_monday() <= 5,
            DayKind::School => is_open(day),
        };
        if counts {
            counted += 1;
        }
    }
    Some(day)
}

/// School vacations longer than `over` school days within a year after
/// `start`: runs of weekdays the school is closed (weekends inside a run do not
/// break it), from the run's first closed weekday to its last. Without a
/// calendar every weekday is open, so there are none.
pub fn long_vacations(is_open: &dyn Fn(NaiveDate) -> bool, start: NaiveDate, over: u32) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut run: Option<(NaiveDate, NaiveDate, u32)> = None;
    for day in start.iter_days().skip(1).take(400) {
        if day.weekday().number_from_monday() > 5 {
            continue;
        }
        if is_open(day) {
            if let Some((from, to, weekdays)) = run.take()
                && weekdays > over
            {
                out.push((from, to));
            }
        } else {
            run = Some(match run {
                Some((from, _, weekdays)) => (from, day, weekdays + 1),
                None => (day, day, 1),
            });
        }
    }
    if let Some((from, to, weekdays)) = run
        && weekdays > over
    {
        out.push((from, to));
    }
    out
}
