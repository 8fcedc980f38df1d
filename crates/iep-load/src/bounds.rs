//! Dates that cannot be right (issue 14): a date before the child's birth, or
//! far from the day the case is judged on. One wrong digit (`0025-09-15`)
//! would otherwise stretch every table and count over centuries.

use chrono::{Months, NaiveDate};

use crate::AnyDoc;
use crate::problem::{Problem, at};
use crate::span::Seg;

/// How far before the as-of date a case's dates may go.
pub const YEARS_BEFORE: u32 = 30;
/// How far after the as-of date a case's dates may go.
pub const YEARS_AFTER: u32 = 5;

/// The days a case's dates may fall on.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    earliest: NaiveDate,
    latest: NaiveDate,
    /// The day the case is judged on, when the caller gave one.
    as_of: Option<NaiveDate>,
    birth: Option<NaiveDate>,
}

/// The years any as-of date, and so any case, must fall in.
pub fn plausible_years() -> std::ops::RangeInclusive<i32> {
    1900..=2200
}

impl Window {
    /// Around `as_of` when given; else the years any as-of date could have.
    pub fn new(as_of: Option<NaiveDate>) -> Window {
        let years = plausible_years();
        let first = NaiveDate::from_ymd_opt(*years.start(), 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(*years.end(), 12, 31).unwrap_or(NaiveDate::MAX);
        match as_of {
            Some(day) => Window {
                earliest: day.checked_sub_months(Months::new(12 * YEARS_BEFORE)).unwrap_or(first),
                latest: day.checked_add_months(Months::new(12 * YEARS_AFTER)).unwrap_or(last),
                as_of,
                birth: None,
            },
            None => Window { earliest: first, latest: last, as_of: None, birth: None },
        }
    }

    pub fn with_birth(mut self, birth: Option<NaiveDate>) -> Window {
        self.birth = birth;
        self
    }

    /// Flags `date` when it cannot be right; `path` is only built then.
    fn check(&self, date: NaiveDate, path: impl FnOnce() -> Vec<Seg>, problems: &mut Vec<Problem>) {
        if date >= self.earliest && date <= self.latest && self.birth.is_none_or(|b| date >= b) {
            return;
        }
        problems.push(self.problem(date, path()));
    }

    fn problem(&self, date: NaiveDate, path: Vec<Seg>) -> Problem {
        let fix = "check the year and the day on the paper it came from: one wrong digit is enough";
        if let Some(birth) = self.birth.filter(|b| date < *b && date >= self.earliest) {
            return Problem::new(
                path,
                format!("{date} is before the child was born ({birth}, `date_of_birth` in case.yaml)"),
            )
            .help(format!("{fix}; if the date of birth is the wrong one, correct it in case.yaml"));
        }
        let range = format!("a date in this case falls between {} and {}", self.earliest, self.latest);
        match self.as_of {
            Some(as_of) if date < self.earliest => Problem::new(
                path,
                format!("{date} is more than {YEARS_BEFORE} years before {as_of}, the day the case is judged on"),
            )
            .help(format!("{fix}; {range}")),
            Some(as_of) => Problem::new(
                path,
                format!("{date} is more than {YEARS_AFTER} years after {as_of}, the day the case is judged on"),
            )
            .help(format!("{fix}; {range}")),
            None => Problem::new(path, format!("{date} cannot be a date of this case")).help(format!("{fix}; {range}")),
        }
    }
}

/// Checks every date of one document against the window.
pub(crate) fn check_dates(doc: &AnyDoc, w: &Window, problems: &mut Vec<Problem>) {
    match doc {
        AnyDoc::Case(info) => {
            if let Some(born) = info.child.date_of_birth {
                // The birth date itself is judged against the as-of window only.
                Window { birth: None, ..*w }.check(born, || at!["child", "date_of_birth"], problems);
            }
        }
        AnyDoc::Calendar(c) => {
            w.check(c.first_day, || at!["first_day"], problems);
            w.check(c.last_day, || at!["last_day"], problems);
            for (i, r) in c.closed.iter().enumerate() {
                w.check(r.from, || at!["closed", i], problems);
                if r.to != r.from {
                    w.check(r.to, || at!["closed", i], problems);
                }
            }
            for (i, d) in c.report_cards.iter().enumerate() {
                w.check(*d, || at!["report_cards", i], problems);
            }
            for (i, r) in c.terms.iter().enumerate() {
                w.check(r.from, || at!["terms", i, "from"], problems);
                w.check(r.to, || at!["terms", i, "to"], problems);
            }
            if let Some(r) = &c.esy {
                w.check(r.from, || at!["esy", "from"], problems);
                w.check(r.to, || at!["esy", "to"], problems);
            }
        }
        AnyDoc::Iep(v) => {
            w.check(v.effective, || at!["effective"], problems);
            for (field, day) in [("end", v.end), ("meeting", v.meeting), ("parent_signed", v.parent_signed)] {
                if let Some(day) = day {
                    w.check(day, || at![field], problems);
                }
            }
            for (i, g) in v.goals.iter().enumerate() {
                if let Some(day) = g.baseline.as_ref().and_then(|b| b.date) {
                    w.check(day, || at!["goals", i, "baseline", "date"], problems);
                }
                if let Some(day) = g.target.as_ref().and_then(|t| t.by) {
                    w.check(day, || at!["goals", i, "target", "by"], problems);
                }
            }
            for (i, s) in v.services.iter().enumerate() {
                if let Some(day) = s.start {
                    w.check(day, || at!["services", i, "start"], problems);
                }
                if let Some(day) = s.end {
                    w.check(day, || at!["services", i, "end"], problems);
                }
            }
        }
        AnyDoc::Report(r) => w.check(r.date, || at!["date"], problems),
        AnyDoc::Log(log) => {
            if let Some(day) = log.from {
                w.check(day, || at!["from"], problems);
            }
            if let Some(day) = log.through {
                w.check(day, || at!["through"], problems);
            }
            for (i, e) in log.entries.iter().enumerate() {
                w.check(e.date, || at!["entries", i, "date"], problems);
                if let Some(day) = e.made_up_on {
                    w.check(day, || at!["entries", i, "made_up_on"], problems);
                }
            }
        }
        AnyDoc::Meeting(m) => {
            w.check(m.date, || at!["date"], problems);
            if let Some(r) = &m.requested {
                w.check(r.date, || at!["requested", "date"], problems);
            }
        }
        AnyDoc::Notice(n) => w.check(n.date, || at!["date"], problems),
        AnyDoc::Letter(l) => {
            w.check(l.date, || at!["date"], problems);
            if let Some(day) = l.reply_by {
                w.check(day, || at!["reply_by"], problems);
            }
            if let Some(r) = &l.response {
                w.check(r.date, || at!["response", "date"], problems);
            }
        }
        AnyDoc::Communications(c) => {
            for (i, e) in c.entries.iter().enumerate() {
                w.check(e.date, || at!["entries", i, "date"], problems);
            }
        }
        AnyDoc::Observations(o) => {
            for (i, e) in o.entries.iter().enumerate() {
                w.check(e.date, || at!["entries", i, "date"], problems);
            }
        }
        AnyDoc::Evaluation(e) => w.check(e.date, || at!["date"], problems),
        AnyDoc::Consent(c) => w.check(c.date, || at!["date"], problems),
        AnyDoc::CheckIns(c) => {
            for (i, e) in c.entries.iter().enumerate() {
                w.check(e.date, || at!["entries", i, "date"], problems);
            }
        }
    }
}
