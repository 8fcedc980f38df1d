//! Service accounting: the minutes (or sessions) each service required and
//! delivered, month by month, as checks.md "Are the services happening"
//! defines them. The service checks, `iep services`, the packet and the
//! letters read this one analysis, and the one owed figure it computes.
//!
//! Architecture invariant: no IO, no file format, no clock. The work is one
//! pass over the days and one over the log entries: O(days + entries).

mod accommodations;
mod account;
mod agreed;
mod coverage;
mod runs;
mod sources;
mod weeks;

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use iep_model::{LogEntry, Source, month_name};
use serde::Serialize;

pub use accommodations::{AccommodationDay, AccommodationDays, AccommodationRecord, accommodations};
pub use account::{account, account_with, daily_share};
pub use agreed::{account_as_agreed, with_agreed};
pub use iep_model::Unit;
pub use iep_model::calendar::{DayState, OpenDays, month_end, school_month_of, school_year_end};
/// How a period's amounts are judged (the model's one table of periods).
pub use iep_model::period::PeriodKind;
pub use runs::UnloggedRun;
pub use sources::{Conflict, SourceSummary};
pub use weeks::required_weeks;

/// Sums are kept in f64; differences below this are rounding, not minutes.
pub const EPSILON: f64 = 1e-9;

/// The whole accounting of a case as of one date.
#[derive(Debug, Clone, Serialize)]
pub struct Accounting {
    pub as_of: NaiveDate,
    pub services: Vec<ServiceAccount>,
    /// Dates where sources disagree about a service (`log-conflict`).
    pub conflicts: Vec<Conflict>,
}

/// One service (by id, across versions).
#[derive(Debug, Clone, Serialize)]
pub struct ServiceAccount {
    pub id: String,
    /// What the service is, as the latest version in force names it.
    pub name: String,
    /// The amount in force on the as-of date (or last in force), as written canonically.
    pub amount: Option<String>,
    /// Months (and school years, for yearly amounts), in date order.
    pub periods: Vec<PeriodAccount>,
    /// The entries that count, in date order (then file order).
    #[serde(skip)]
    pub counted: Vec<CountedEntry>,
    /// The dates of every entry of the service, from any source, in order.
    #[serde(skip)]
    pub entry_dates: Vec<NaiveDate>,
}

/// Whether a period is judged, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Ended before the as-of date, with log entries or declared coverage: judged.
    Judged,
    /// Not over yet on the as-of date: shown, not judged.
    InProgress,
    /// Over, but the log has nothing for the service in it: nothing is known.
    NothingLogged,
    /// Past the end of what the service's logs cover: not logged yet.
    NotLoggedYet,
    /// A school year without a calendar, in a case that has calendars: unknown.
    NoCalendar,
    /// An extended school year service, and the calendar gives no `esy` dates.
    NoEsyDates,
    /// Nothing was required (the service was not in force on an open day).
    NothingRequired,
}

impl Status {
    /// The status in a parent's words, for tables.
    pub fn words(self) -> &'static str {
        match self {
            Status::Judged => "judged",
            Status::InProgress => "not over yet: shown, not judged",
            Status::NothingLogged => "nothing logged: not judged",
            Status::NotLoggedYet => "not logged yet",
            Status::NoCalendar => "no school calendar: not judged",
            Status::NoEsyDates => "no extended school year dates in the calendar: not judged",
            Status::NothingRequired => "nothing required",
        }
    }
}

/// One month (or school year) of one service.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodAccount {
    pub kind: PeriodKind,
    /// The first and last day of the period (a school month runs from its
    /// first Monday to the Sunday ending its last week).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub unit: Unit,
    /// Required on the covered open days, after the child's own misses are taken off.
    pub required: f64,
    /// Taken off the required amount for `by: student` misses.
    pub excused: f64,
    pub delivered: f64,
    /// The school's misses that were not made up.
    pub missed: u32,
    /// Misses made up later (the make-up is its own entry).
    pub made_up: u32,
    /// Misses the child caused (absent, refused).
    pub by_student: u32,
    /// Log entries of the service dated in the period, from any source.
    pub logged: u32,
    /// Open days the service was in force, covered by a log or not.
    pub open_days: u32,
    /// Of those, the days a log declares it covers (`from`/`through`).
    pub declared_days: u32,
    pub status: Status,
    /// What is owed: whole minutes (or sessions), checks.md "Owed". Zero
    /// unless judged.
    pub owed: f64,
    /// Below `min_delivery` of the required amount (judged periods only).
    pub shortfall: bool,
    /// Against the terms the parent agreed to, where they differ from the terms in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_as_agreed: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owed_as_agreed: Option<f64>,
    /// The service-log file of the first counted entry of the period.
    pub document: Option<String>,
    #[serde(skip)]
    pub(crate) tally: Tally,
}

/// Minutes and sessions kept apart until the period's unit is known.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tally {
    required_minutes: f64,
    required_sessions: f64,
    excused_minutes: f64,
    excused_sessions: f64,
    delivered_minutes: f64,
    delivered_sessions: f64,
    /// One session's minutes for each owed miss (not made up, not the child's).
    missed_minutes: f64,
    /// Weekdays in force in a school year without a calendar (or without ESY dates).
    unknown_days: u32,
    unknown_esy: bool,
    /// The dose in force counts sessions only (`Some(true)`) or minutes: the
    /// period's unit when nothing was required or delivered.
    sessions_only: Option<bool>,
    /// Open days in force that no log covers.
    uncovered_days: u32,
    /// Whole-week schedules: the month's weeks, counted as its days come in.
    weeks: weeks::WholeWeeks,
}

impl PeriodAccount {
    /// What is owed for the period: the one figure every output states
    /// (checks.md, "Owed"). Whole minutes, or whole sessions for a
    /// sessions-only amount; zero for a period not judged.
    pub fn owed(&self) -> f64 {
        self.owed
    }

    /// Delivered as a percentage of required (`None` when nothing was required).
    pub fn percent(&self) -> Option<f64> {
        (self.required > EPSILON).then(|| 100.0 * self.delivered / self.required)
    }

    /// Delivered as a percentage to one decimal, rounded (`wording::percent_tenths`:
    /// 66.7 for 2 of 3) but never onto a whole number not reached, so 89.96%
    /// never reads as 90%.
    pub fn percent_shown(&self) -> Option<f64> {
        if self.required <= EPSILON {
            return None;
        }
        iep_model::wording::percent_tenths(self.delivered, self.required)
    }

    /// A judged period whose delivery is below `min_delivery` of what was
    /// required. A tie counts as delivered.
    pub fn is_shortfall(&self, min_delivery: f64) -> bool {
        self.status == Status::Judged
            && self.required > EPSILON
            && self.delivered < min_delivery * self.required - EPSILON
    }

    /// A plain name: "October 2025", or "school year 2025-2026".
    pub fn label(&self) -> String {
        match self.kind {
            // A school month is named after the month its weeks begin in.
            PeriodKind::SchoolMonth | PeriodKind::Month => {
                format!("{} {}", month_name(self.first_day.month()), self.first_day.year())
            }
            PeriodKind::SchoolYear => format!("school year {}-{}", self.first_day.year(), self.first_day.year() + 1),
            // "the term of Feb 2 to Apr 10, 2026": short enough for a table.
            PeriodKind::Term => {
                let short = |d: NaiveDate| {
                    let month = month_name(d.month());
                    format!("{} {}", month.get(..3).unwrap_or(month), d.day())
                };
                let (first, last) = (self.first_day, self.last_day);
                if first.year() == last.year() {
                    format!("the term of {} to {}, {}", short(first), short(last), last.year())
                } else {
                    format!("the term of {}, {} to {}, {}", short(first), first.year(), short(last), last.year())
                }
            }
        }
    }

    /// The school year the period belongs to, as "2023-24".
    pub fn school_year(&self) -> String {
        let start = iep_model::school_year_start(self.first_day).year();
        format!("{start}-{:02}", (start + 1) % 100)
    }

    /// Whether the figures against the agreed terms differ from these.
    pub fn differs_as_agreed(&self) -> bool {
        self.required_as_agreed.is_some() || self.owed_as_agreed.is_some()
    }
}

/// A log entry that counts, with what it is held against.
#[derive(Debug, Clone)]
pub struct CountedEntry {
    pub entry: LogEntry,
    /// The service-log file it came from (shared by the file's entries).
    pub document: Arc<str>,
    /// The service's setting and group in force on its date (shared by the
    /// entries of one version).
    pub expected_setting: Option<Arc<str>>,
    pub expected_group: Option<Arc<str>>,
}

impl CountedEntry {
    /// A school's miss that is owed: not made up, not caused by the child.
    pub fn is_owed_miss(&self) -> bool {
        self.entry.outcome.is_missed() && self.entry.made_up_on.is_none() && !self.entry.by_student
    }
}

/// A run of consecutive owed misses of one service.
#[derive(Debug, Clone, Serialize)]
pub struct MissRun {
    pub service: String,
    pub dates: Vec<NaiveDate>,
    pub reasons: Vec<String>,
    /// The service-log file of the run's first miss.
    pub document: String,
}

/// Delivered entries whose setting or group is not the service's, in one school month.
#[derive(Debug, Clone, Serialize)]
pub struct SettingMismatch {
    pub service: String,
    /// The school month: its first and last day.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub entries: Vec<MismatchedEntry>,
    pub document: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MismatchedEntry {
    pub date: NaiveDate,
    /// `setting` or `group`.
    pub field: &'static str,
    pub logged: String,
    pub expected: String,
}

impl Accounting {
    pub fn service(&self, id: &str) -> Option<&ServiceAccount> {
        self.services.iter().find(|s| s.id == id)
    }

    /// Compensatory minutes owed to date: the sum of every period's owed
    /// figure counted in minutes.
    pub fn minutes_owed(&self) -> f64 {
        self.services.iter().map(|s| s.owed(Unit::Minutes)).sum()
    }

    /// The part of [`Accounting::minutes_owed`] from months below `min_delivery`.
    pub fn minutes_owed_in_shortfalls(&self, min_delivery: f64) -> f64 {
        self.services
            .iter()
            .flat_map(|s| &s.periods)
            .filter(|p| p.is_shortfall(min_delivery) && p.unit == Unit::Minutes)
            .map(PeriodAccount::owed)
            .sum()
    }

    /// The same total against the agreed terms (equal to [`Accounting::minutes_owed`]
    /// where nothing changed without agreement).
    pub fn minutes_owed_as_agreed(&self) -> f64 {
        self.services.iter().map(|s| s.owed_as_agreed(Unit::Minutes)).sum()
    }
}

impl ServiceAccount {
    /// The sum of the owed figure of every period counted in `unit`.
    pub fn owed(&self, unit: Unit) -> f64 {
        self.periods.iter().filter(|p| p.unit == unit).map(PeriodAccount::owed).sum()
    }

    /// The same sum against the agreed terms.
    pub fn owed_as_agreed(&self, unit: Unit) -> f64 {
        self.periods.iter().filter(|p| p.unit == unit).map(|p| p.owed_as_agreed.unwrap_or(p.owed)).sum()
    }

    /// Whether any period's figures differ against the agreed terms.
    pub fn differs_as_agreed(&self) -> bool {
        self.periods.iter().any(PeriodAccount::differs_as_agreed)
    }
}

#[cfg(test)]
mod tests;

/// The accounting of the context's case, computed once per check run.
pub fn accounting(cx: &iep_model::Context<'_>) -> std::sync::Arc<Accounting> {
    cx.memo(|cx| account_with(cx.case, cx.as_of, &cx.terms()))
}

/// The accounting in force with the figures against the agreed terms beside
/// it (`unagreed`: the changes nobody agreed to, by version index), as
/// `iep services`, the packet and the services letter state it. Computed
/// once per run on top of [`accounting`].
#[derive(Debug)]
pub struct AccountingAsAgreed(pub Accounting);

impl std::ops::Deref for AccountingAsAgreed {
    type Target = Accounting;
    fn deref(&self) -> &Accounting {
        &self.0
    }
}

pub fn accounting_as_agreed(
    cx: &iep_model::Context<'_>,
    unagreed: &[(usize, Vec<iep_model::ItemPath>)],
) -> std::sync::Arc<AccountingAsAgreed> {
    cx.memo(|cx| AccountingAsAgreed(with_agreed((*accounting(cx)).clone(), cx.case, cx.as_of, unagreed)))
}

/// Who logged an entry, in plain words: "the school's log".
pub fn source_words(source: Source) -> &'static str {
    match source {
        Source::Provider => "the provider's log",
        Source::School => "the school's log",
        Source::Parent => "the parent's notes",
        Source::Child => "the child's account",
    }
}

/// "2025-10-07, 2025-10-09 and 2025-10-14".
pub fn join_dates(dates: &[NaiveDate]) -> String {
    let texts: Vec<String> = dates.iter().map(ToString::to_string).collect();
    iep_model::wording::join_and(&texts)
}

/// At most this many dates are listed one by one in a sentence.
const DATES_LISTED: usize = 6;

/// `dates` for a sentence that must stay short however long the log: up to
/// [`DATES_LISTED`] dates as [`join_dates`] lists them, more as the count
/// of distinct days and their span ("30 days from 2025-09-15 to
/// 2025-09-30"); a day logged twice counts once. Ten thousand entries
/// make one line, not forty pages.
pub fn summarise_dates(dates: &[NaiveDate]) -> String {
    if dates.len() <= DATES_LISTED {
        return join_dates(dates);
    }
    let mut days = dates.to_vec();
    days.sort_unstable();
    days.dedup();
    match (days.first(), days.last()) {
        (Some(first), Some(last)) if days.len() > DATES_LISTED => {
            format!("{} days from {first} to {last}", days.len())
        }
        _ => join_dates(&days),
    }
}
