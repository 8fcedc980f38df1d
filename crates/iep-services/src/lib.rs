//! Service accounting: the minutes (or sessions) each service required and
//! delivered, month by month, as checks.md "Are the services happening"
//! defines them. The service checks and `iep services` read this one analysis.
//!
//! Architecture invariant: no IO, no file format, no clock. The work is one
//! pass over the days and one over the log entries: O(days + entries).

mod open_days;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{Datelike, Days, NaiveDate};
use iep_model::{Case, Dose, LogEntry, Outcome, Period, Service, Source, Terms, TermsHistory, TermsItem, month_name};
use serde::Serialize;

pub use open_days::{OpenDays, month_end, school_year_end};

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Minutes,
    Sessions,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Sessions => "sessions",
        }
    }
}

/// Whether a period is judged, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Ended before the as-of date, with log entries: judged.
    Judged,
    /// Not over yet on the as-of date: shown, not judged.
    InProgress,
    /// Over, but the log has nothing for the service in it: nothing is known.
    NothingLogged,
    /// Nothing was required (the service was not in force on an open day).
    NothingRequired,
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
    /// Required after the child's own misses are taken off.
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
    pub status: Status,
    /// The service-log file of the first counted entry of the period.
    pub document: Option<String>,
    #[serde(skip)]
    tally: Tally,
}

/// Minutes and sessions kept apart until the period's unit is known.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    required_minutes: f64,
    required_sessions: f64,
    excused_minutes: f64,
    excused_sessions: f64,
    delivered_minutes: f64,
    delivered_sessions: f64,
}

impl PeriodAccount {
    /// What was not delivered: required minus delivered, never below zero.
    pub fn owed(&self) -> f64 {
        let gap = self.required - self.delivered;
        if gap > EPSILON { gap } else { 0.0 }
    }

    /// Delivered as a percentage of required (`None` when nothing was required).
    pub fn percent(&self) -> Option<f64> {
        (self.required > EPSILON).then(|| 100.0 * self.delivered / self.required)
    }

    /// Delivered as a percentage, cut (not rounded) to one decimal so 89.96%
    /// never reads as 90%.
    pub fn percent_shown(&self) -> Option<f64> {
        self.percent().map(|p| ((p * 10.0) + 1e-6).floor() / 10.0)
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
        }
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

/// What one source logged for one service on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSummary {
    pub source: Source,
    pub delivered: u32,
    pub missed: u32,
    pub minutes: u32,
    pub settings: Vec<String>,
    pub groups: Vec<String>,
}

impl SourceSummary {
    /// "delivered for 30 min (group)" / "missed", to follow "was".
    pub fn describe(&self) -> String {
        let mut text = match (self.delivered, self.missed) {
            (0, 1) => "missed".to_owned(),
            (0, n) => format!("missed ({n} sessions)"),
            (_, 0) => format!("delivered for {} min", self.minutes),
            (d, m) => format!("delivered for {} min in {d} session(s) and missed in {m}", self.minutes),
        };
        let details: Vec<&str> = self.settings.iter().chain(&self.groups).map(String::as_str).collect();
        if !details.is_empty() {
            text.push_str(&format!(" ({})", details.join(", ")));
        }
        text
    }
}

/// The counted source and another disagree about one service on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub service: String,
    pub date: NaiveDate,
    pub counted: SourceSummary,
    pub others: Vec<SourceSummary>,
    /// What differs: "delivered against missed", "minutes", "setting", "group".
    pub differences: Vec<&'static str>,
    /// The service-log file of the first entry involved.
    pub document: String,
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

/// Accounts every service of `case`, which must already be cut to `as_of`
/// (`Case::as_of`): required against delivered, month by month.
pub fn account(case: &Case, as_of: NaiveDate) -> Accounting {
    account_with(case, as_of, &TermsHistory::new(case))
}

/// [`account`] with the case's terms history already built.
pub fn account_with(case: &Case, as_of: NaiveDate, history: &TermsHistory) -> Accounting {
    let Some(first_version) = case.versions.first() else {
        return Accounting { as_of, services: Vec::new(), conflicts: Vec::new() };
    };
    // Work is bounded by the case, not by a date: the loader refuses a date
    // more than 30 years before the as-of day, and the count never starts earlier.
    let floor = as_of.checked_sub_months(chrono::Months::new(12 * 30)).unwrap_or(as_of);
    let start = first_version.effective.max(floor);
    let earliest_entry = case.log_entries().map(|(_, e)| e.date).min().unwrap_or(start).max(floor);
    let open = OpenDays::new(case, start.min(earliest_entry), as_of.max(start));

    let mut services = service_ids(case, &history, as_of);
    // Services are indexed once; the loops below compare integers, not ids.
    let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
    let slots = Slots(&ids);
    let mut buckets = Buckets::new(services.len());

    // Required: one pass over the days, each service in force adding its share.
    // The terms change only on a version's date, so what each terms list
    // holds is worked out once per change, not once per day.
    let mut plan: Vec<Planned<'_>> = Vec::new();
    let mut planned_for: Option<*const Terms> = None;
    let mut day = start;
    while day <= as_of {
        if let Some(terms) = history.on(day)
            && open.is_open(day)
        {
            if planned_for != Some(std::ptr::from_ref(terms)) {
                plan = plan_terms(terms, slots);
                planned_for = Some(std::ptr::from_ref(terms));
            }
            for planned in &plan {
                if !in_force_on(planned.item, day) {
                    continue;
                }
                let (unit, share) = daily_share(&planned.dose, day, &open);
                let period = buckets.get(planned.slot, planned.dose.per, day);
                match unit {
                    Unit::Minutes => period.tally.required_minutes += share,
                    Unit::Sessions => period.tally.required_sessions += share,
                }
            }
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }

    // Entries: grouped by service and date, the first source that has any counts.
    // Each service's entries keep file order, then are sorted (stably) by date.
    // A file's name is copied once, and its counted entries share it.
    let files: Vec<Arc<str>> = case.service_logs.iter().map(|log| Arc::from(log.path.as_str())).collect();
    let mut by_slot: Vec<Vec<(usize, &Arc<str>, &LogEntry)>> = vec![Vec::new(); services.len()];
    let entries = case.service_logs.iter().zip(&files).flat_map(|(log, file)| log.entries.iter().map(move |e| (file, e)));
    for (seq, (doc, e)) in entries.enumerate() {
        if let Some(slot) = slots.get(&e.service) {
            by_slot[slot].push((seq, doc, e));
        }
    }
    let mut conflicts = Vec::new();
    for (slot, mut entries) in by_slot.into_iter().enumerate() {
        entries.sort_by_key(|(_, _, e)| e.date);
        services[slot].counted.reserve(entries.len());
        // The service's terms item, looked up again only when the terms change.
        let mut resolved: Option<(*const Terms, Option<Expected<'_>>)> = None;
        for group in entries.chunk_by(|a, b| a.2.date == b.2.date) {
            let (service_id, date) = (&group[0].2.service, group[0].2.date);
            let terms = history.on(date);
            let expected = match (terms, &resolved) {
                (Some(terms), Some((for_terms, expected))) if std::ptr::eq(*for_terms, terms) => expected.clone(),
                (Some(terms), _) => {
                    let expected = terms.service(service_id).map(Expected::new);
                    resolved = Some((std::ptr::from_ref(terms), expected.clone()));
                    expected
                }
                (None, _) => None,
            };
            let expected = expected.filter(|x| in_force_on(x.item, date));
            let in_force = expected.as_ref().map(|x| &x.item.item);
            // Every entry, counted or not, says the period is not unknown.
            let per = in_force.and_then(|s| s.amount.dose).filter(judged_yet).map(|d| d.per);
            for _ in group {
                buckets.mark_logged(slot, per, date);
            }
            let Some(service) = in_force else { continue };
            let counted_source = group.iter().map(|(_, _, e)| e.source).min_by_key(|s| s.precedence());
            let Some(counted_source) = counted_source else { continue };
            if let Some(conflict) = compare_sources(service_id, date, group, counted_source) {
                conflicts.push(conflict);
            }
            for (_, doc, entry) in group.iter().filter(|(_, _, e)| e.source == counted_source) {
                services[slot].counted.push(CountedEntry {
                    entry: (*entry).clone(),
                    document: Arc::clone(doc),
                    expected_setting: expected.as_ref().and_then(|x| x.setting.clone()),
                    expected_group: expected.as_ref().and_then(|x| x.group.clone()),
                });
                let Some(dose) = service.amount.dose.filter(judged_yet) else { continue };
                let period = buckets.get(slot, dose.per, date);
                if period.document.is_none() {
                    period.document = Some(doc.to_string());
                }
                let unit = if dose.minutes.is_some() { Unit::Minutes } else { Unit::Sessions };
                match &entry.outcome {
                    Outcome::Delivered { minutes } => match unit {
                        Unit::Minutes => period.tally.delivered_minutes += f64::from(*minutes),
                        Unit::Sessions => period.tally.delivered_sessions += 1.0,
                    },
                    Outcome::Missed { .. } if entry.by_student => {
                        period.by_student += 1;
                        match unit {
                            // One session's minutes; without a count, that day's share.
                            Unit::Minutes => {
                                period.tally.excused_minutes += match (dose.sessions, dose.minutes) {
                                    (Some(_), Some(per_session)) => f64::from(per_session),
                                    _ => daily_share(&dose, date, &open).1,
                                };
                            }
                            Unit::Sessions => period.tally.excused_sessions += 1.0,
                        }
                    }
                    Outcome::Missed { .. } if entry.made_up_on.is_some() => period.made_up += 1,
                    Outcome::Missed { .. } => period.missed += 1,
                }
            }
        }
    }

    for (slot, periods) in buckets.into_periods().into_iter().enumerate() {
        services[slot].periods = periods.into_iter().map(|p| finish(p, as_of, &open)).collect();
    }
    Accounting { as_of, services, conflicts }
}

/// Whether a service of the terms is in force on `day` (as `Terms::service_on` judges it).
fn in_force_on(item: &TermsItem<Service>, day: NaiveDate) -> bool {
    item.start <= day && item.end.is_none_or(|end| day <= end)
}

/// A service in force and its setting and group, copied once for its entries.
#[derive(Clone)]
struct Expected<'a> {
    item: &'a TermsItem<Service>,
    setting: Option<Arc<str>>,
    group: Option<Arc<str>>,
}

impl<'a> Expected<'a> {
    fn new(item: &'a TermsItem<Service>) -> Expected<'a> {
        Expected { item, setting: item.item.setting.as_deref().map(Arc::from), group: item.item.group.as_deref().map(Arc::from) }
    }
}

/// Each service's index in `Accounting::services`. A case has a handful of
/// services, so a scan beats hashing the id of every entry.
#[derive(Clone, Copy)]
struct Slots<'a>(&'a [&'a str]);

impl Slots<'_> {
    fn get(self, id: &str) -> Option<usize> {
        self.0.iter().position(|s| *s == id)
    }
}

/// A service of one terms list that adds to the required amounts.
struct Planned<'a> {
    slot: usize,
    /// The item `Terms::service_on` finds for the id (the first with it).
    item: &'a TermsItem<Service>,
    dose: Dose,
}

/// What each service of `terms` requires, in list order, as `Terms::service_on` sees it.
fn plan_terms<'a>(terms: &'a Terms, slots: Slots<'_>) -> Vec<Planned<'a>> {
    terms
        .services
        .iter()
        .filter_map(|listed| {
            let item = terms.service(&listed.item.id)?;
            let dose = item.item.amount.dose.filter(judged_yet)?;
            let slot = slots.get(&item.item.id)?;
            Some(Planned { slot, item, dose })
        })
        .collect()
}

/// The periods of every service, found by date without rebuilding their keys
/// for each day: the period last used for a service and kind is tried first.
struct Buckets {
    periods: Vec<PeriodAccount>,
    /// Per service: (first day, kind) to index in `periods`.
    index: Vec<BTreeMap<(NaiveDate, PeriodKind), usize>>,
    /// Per service and kind: the period last used.
    recent: Vec<[Option<usize>; 3]>,
}

impl Buckets {
    fn new(services: usize) -> Buckets {
        Buckets { periods: Vec::new(), index: vec![BTreeMap::new(); services], recent: vec![[None; 3]; services] }
    }

    /// The period of service `slot` holding `day`, for a dose judged `per`.
    fn get(&mut self, slot: usize, per: Period, day: NaiveDate) -> &mut PeriodAccount {
        let kind = kind_of(per);
        let recent = &mut self.recent[slot][kind as usize];
        // Periods of a kind do not overlap: one that holds the day is the day's.
        let i = match *recent {
            Some(i) if self.periods[i].first_day <= day && day <= self.periods[i].last_day => i,
            _ => {
                let (kind, first_day, last_day) = period_of(per, day);
                let periods = &mut self.periods;
                let i = *self.index[slot].entry((first_day, kind)).or_insert_with(|| {
                    periods.push(new_period(kind, first_day, last_day));
                    periods.len() - 1
                });
                *recent = Some(i);
                i
            }
        };
        &mut self.periods[i]
    }

    /// Counts an entry (any source) in the period holding its date: in the
    /// period its dose is judged by, or every existing period holding the date
    /// when no dose is in force.
    fn mark_logged(&mut self, slot: usize, per: Option<Period>, day: NaiveDate) {
        match per {
            Some(per) => self.get(slot, per, day).logged += 1,
            None => {
                for &i in self.index[slot].values() {
                    let period = &mut self.periods[i];
                    if period.first_day <= day && day <= period.last_day {
                        period.logged += 1;
                    }
                }
            }
        }
    }

    /// Each service's periods in (first day, kind) order.
    fn into_periods(self) -> Vec<Vec<PeriodAccount>> {
        let mut periods: Vec<Option<PeriodAccount>> = self.periods.into_iter().map(Some).collect();
        self.index.iter().map(|index| index.values().filter_map(|&i| periods[i].take()).collect()).collect()
    }
}

impl Accounting {
    pub fn service(&self, id: &str) -> Option<&ServiceAccount> {
        self.services.iter().find(|s| s.id == id)
    }

    /// Runs of `in_a_row` or more owed misses, per service, in date order.
    pub fn miss_runs(&self, in_a_row: u32) -> Vec<MissRun> {
        let mut runs = Vec::new();
        for service in &self.services {
            let mut run: Vec<&CountedEntry> = Vec::new();
            let mut close = |run: &mut Vec<&CountedEntry>| {
                if !run.is_empty() && run.len() as u32 >= in_a_row.max(1) {
                    runs.push(MissRun {
                        service: service.id.clone(),
                        dates: run.iter().map(|e| e.entry.date).collect(),
                        reasons: run
                            .iter()
                            .map(|e| match &e.entry.outcome {
                                Outcome::Missed { reason } => reason.clone(),
                                Outcome::Delivered { .. } => String::new(),
                            })
                            .collect(),
                        document: run[0].document.to_string(),
                    });
                }
                run.clear();
            };
            for entry in &service.counted {
                if entry.is_owed_miss() {
                    run.push(entry);
                } else {
                    close(&mut run);
                }
            }
            close(&mut run);
        }
        runs
    }

    /// Delivered entries given a setting or group other than the service's, by school month.
    pub fn setting_mismatches(&self) -> Vec<SettingMismatch> {
        let mut out: Vec<SettingMismatch> = Vec::new();
        for service in &self.services {
            for counted in &service.counted {
                if counted.entry.outcome.is_missed() {
                    continue;
                }
                let checks = [
                    ("setting", &counted.entry.setting, &counted.expected_setting),
                    ("group", &counted.entry.group, &counted.expected_group),
                ];
                for (field, logged, expected) in checks {
                    let (Some(logged), Some(expected)) = (logged, expected) else { continue };
                    if same_word(logged, expected) {
                        continue;
                    }
                    let (first_day, last_day) = school_month_of(counted.entry.date);
                    let mismatch = MismatchedEntry {
                        date: counted.entry.date,
                        field,
                        logged: logged.clone(),
                        expected: expected.to_string(),
                    };
                    match out.last_mut() {
                        Some(last) if last.service == service.id && last.first_day == first_day => last.entries.push(mismatch),
                        _ => out.push(SettingMismatch {
                            service: service.id.clone(),
                            first_day,
                            last_day,
                            entries: vec![mismatch],
                            document: counted.document.to_string(),
                        }),
                    }
                }
            }
        }
        out
    }

    /// Compensatory minutes owed to date: what judged months (and years)
    /// counted in minutes did not deliver.
    pub fn minutes_owed(&self) -> f64 {
        self.services
            .iter()
            .flat_map(|s| &s.periods)
            .filter(|p| p.status == Status::Judged && p.unit == Unit::Minutes)
            .map(PeriodAccount::owed)
            .sum()
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
}

/// Every service id any version lists, in order of first appearance, named as
/// the terms in force on the as-of date (or the last that had it) name it.
fn service_ids(case: &Case, history: &TermsHistory, as_of: NaiveDate) -> Vec<ServiceAccount> {
    let mut out: Vec<ServiceAccount> = Vec::new();
    for version in &case.versions {
        for service in &version.services {
            let named = history
                .on(as_of)
                .and_then(|t| t.service(&service.id))
                .map(|t| &t.item)
                .or_else(|| case.versions.iter().rev().find_map(|v| v.service(&service.id)))
                .unwrap_or(service);
            if !out.iter().any(|s| s.id == service.id) {
                out.push(ServiceAccount {
                    id: service.id.clone(),
                    name: named.service.clone(),
                    amount: Some(named.amount.to_string()),
                    periods: Vec::new(),
                    counted: Vec::new(),
                });
            }
        }
    }
    out
}

/// One open day's share of a dose, in its unit.
pub fn daily_share(dose: &Dose, day: NaiveDate, open: &OpenDays) -> (Unit, f64) {
    let (unit, amount) = match dose.minutes_per_period() {
        Some(minutes) => (Unit::Minutes, minutes),
        None => (Unit::Sessions, dose.sessions_per_period()),
    };
    let divisor = match dose.per {
        Period::Weeks(n) => 5.0 * f64::from(n.max(1)),
        Period::Cycle(n) => f64::from(n.max(1)),
        Period::Day => 1.0,
        Period::Month => f64::from(open.in_month(day)),
        // Terms are not judged yet (see `judged_yet`); a year's share keeps the match whole.
        Period::Term(_) | Period::Year => f64::from(open.in_school_year(day)),
    };
    // `N out of M weeks`: averaged over the weeks until whole-week schedules are judged.
    let share = dose.schedule.map_or(1.0, iep_model::Schedule::average_share);
    (unit, if divisor > 0.0 { amount * share / divisor } else { 0.0 })
}

/// The kind of period a dose is judged by, and its first and last day around `day`.
fn period_of(per: Period, day: NaiveDate) -> (PeriodKind, NaiveDate, NaiveDate) {
    match per {
        Period::Weeks(_) | Period::Cycle(_) | Period::Day => {
            let (first, last) = school_month_of(day);
            (PeriodKind::SchoolMonth, first, last)
        }
        Period::Month => (PeriodKind::Month, day.with_day(1).unwrap_or(day), month_end(day)),
        Period::Term(_) | Period::Year => (PeriodKind::SchoolYear, iep_model::school_year_start(day), school_year_end(day)),
    }
}

/// The school month holding `day`: from the first Monday of the month its
/// week's Monday is in, to the Sunday ending the last week that begins in it.
pub fn school_month_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Days::new(u64::from(day.weekday().num_days_from_monday()));
    let first_of_month = monday.with_day(1).unwrap_or(monday);
    let first_monday = first_of_month + Days::new(u64::from((7 - first_of_month.weekday().num_days_from_monday()) % 7));
    let next_month = month_end(monday).succ_opt().unwrap_or(monday);
    let next_first_monday = next_month + Days::new(u64::from((7 - next_month.weekday().num_days_from_monday()) % 7));
    (first_monday, next_first_monday.pred_opt().unwrap_or(next_first_monday))
}

fn kind_of(per: Period) -> PeriodKind {
    match per {
        Period::Weeks(_) | Period::Cycle(_) | Period::Day => PeriodKind::SchoolMonth,
        Period::Month => PeriodKind::Month,
        Period::Term(_) | Period::Year => PeriodKind::SchoolYear,
    }
}

/// Whether this accounting judges the dose yet. Amounts per term and
/// `for the first N weeks of each month` are shown, not judged, until the
/// accounting judges them (checks.md, Terms and Whole-week schedules).
fn judged_yet(dose: &Dose) -> bool {
    !matches!(dose.per, Period::Term(_)) && !matches!(dose.schedule, Some(iep_model::Schedule::FirstOfMonth { .. }))
}

fn new_period(kind: PeriodKind, first_day: NaiveDate, last_day: NaiveDate) -> PeriodAccount {
    PeriodAccount {
        kind,
        first_day,
        last_day,
        unit: Unit::Minutes,
        required: 0.0,
        excused: 0.0,
        delivered: 0.0,
        missed: 0,
        made_up: 0,
        by_student: 0,
        logged: 0,
        status: Status::NothingRequired,
        document: None,
        tally: Tally::default(),
    }
}

fn finish(mut p: PeriodAccount, as_of: NaiveDate, open: &OpenDays) -> PeriodAccount {
    let t = p.tally;
    let minutes = t.required_minutes > EPSILON || (t.required_sessions <= EPSILON && t.delivered_minutes > 0.0);
    p.unit = if minutes { Unit::Minutes } else { Unit::Sessions };
    let (required, excused, delivered) = match p.unit {
        Unit::Minutes => (t.required_minutes, t.excused_minutes, t.delivered_minutes),
        Unit::Sessions => (t.required_sessions, t.excused_sessions, t.delivered_sessions),
    };
    p.excused = excused.min(required);
    p.required = (required - excused).max(0.0);
    p.delivered = delivered;
    // A yearly amount is judged once its last open day is past.
    let ends = match p.kind {
        PeriodKind::SchoolYear => open.last_in_school_year(p.first_day).unwrap_or(p.last_day),
        _ => p.last_day,
    };
    p.status = if ends >= as_of {
        Status::InProgress
    } else if required <= EPSILON {
        Status::NothingRequired
    } else if p.logged == 0 {
        Status::NothingLogged
    } else {
        Status::Judged
    };
    p
}

/// Compares the counted source's entries with every other source's; `None`
/// when they agree.
fn compare_sources(service: &str, date: NaiveDate, group: &[(usize, &Arc<str>, &LogEntry)], counted: Source) -> Option<Conflict> {
    // One source only (the usual case): nothing to compare.
    if group.iter().all(|(_, _, e)| e.source == counted) {
        return None;
    }
    let summary = |source: Source| {
        let mut s = SourceSummary { source, delivered: 0, missed: 0, minutes: 0, settings: Vec::new(), groups: Vec::new() };
        for (_, _, e) in group.iter().filter(|(_, _, e)| e.source == source) {
            match e.outcome {
                Outcome::Delivered { minutes } => {
                    s.delivered += 1;
                    s.minutes += minutes;
                }
                Outcome::Missed { .. } => s.missed += 1,
            }
            if let Some(setting) = &e.setting
                && !s.settings.iter().any(|x| same_word(x, setting))
            {
                s.settings.push(setting.clone());
            }
            if let Some(g) = &e.group
                && !s.groups.iter().any(|x| same_word(x, g))
            {
                s.groups.push(g.clone());
            }
        }
        s
    };
    let base = summary(counted);
    // The other sources present, in precedence order.
    let mut sources = [Source::Provider, Source::School, Source::Parent, Source::Child];
    sources.sort_by_key(|s| s.precedence());
    let sources = sources.into_iter().filter(|s| *s != counted && group.iter().any(|(_, _, e)| e.source == *s));
    let mut differences: Vec<&'static str> = Vec::new();
    let mut others = Vec::new();
    for source in sources {
        let other = summary(source);
        let mut found = Vec::new();
        if (base.delivered > 0) != (other.delivered > 0) || (base.missed > 0) != (other.missed > 0) {
            found.push("delivered against missed");
        } else if base.minutes != other.minutes {
            found.push("minutes");
        }
        if differ(&base.settings, &other.settings) {
            found.push("setting");
        }
        if differ(&base.groups, &other.groups) {
            found.push("group");
        }
        if !found.is_empty() {
            for f in found {
                if !differences.contains(&f) {
                    differences.push(f);
                }
            }
            others.push(other);
        }
    }
    if others.is_empty() {
        return None;
    }
    let involved = |s: Source| s == counted || others.iter().any(|o| o.source == s);
    let document = group.iter().filter(|(_, _, e)| involved(e.source)).min_by_key(|(seq, _, _)| *seq).map(|(_, d, _)| *d)?;
    Some(Conflict { service: service.to_owned(), date, counted: base, others, differences, document: document.to_string() })
}

/// Two sets of stated values differ; a source that states none agrees with any.
fn differ(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.len() != b.len() || a.iter().any(|x| !b.iter().any(|y| same_word(x, y)))
}

/// Settings compared as words: case, hyphens and spacing do not matter
/// (`Pull-out` is `pull out`).
/// Settings and groups compare ignoring case, hyphens and spaces (checks.md,
/// `setting-mismatch`): `Pullout`, `pull out` and `Pull-Out` are one word.
/// Underscores are ignored too: no parent means something else by them.
fn same_word(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let kept = s.chars().filter(|c| !matches!(c, '-' | '_') && !c.is_whitespace());
        kept.flat_map(char::to_lowercase).collect::<String>()
    };
    norm(a) == norm(b)
}


/// Formats an amount without a needless `.0`, and at most one decimal.
pub fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if (rounded - rounded.round()).abs() < EPSILON { format!("{}", rounded.round() as i64) } else { format!("{rounded:.1}") }
}

#[cfg(test)]
mod tests;

/// The accounting of the context's case, computed once per check run.
pub fn accounting(cx: &iep_model::Context<'_>) -> std::sync::Arc<Accounting> {
    cx.memo(|cx| account_with(cx.case, cx.as_of, &cx.terms()))
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
    match texts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}
