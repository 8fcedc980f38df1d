//! The accounting pass: required amounts day by day, then the log entries,
//! then each period's status and owed figure (checks.md, "Are the services
//! happening").

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use iep_model::{Case, Dose, LogEntry, Outcome, Period, Service, Terms, TermsHistory, TermsItem};

use crate::coverage::{Coverage, Covered};
use crate::sources::compare_sources;
use crate::{Accounting, CountedEntry, EPSILON, PeriodAccount, PeriodKind, ServiceAccount, Status, Tally, Unit};
use iep_model::calendar::{DayState, OpenDays};
use iep_model::period::{self, kind_of, period_of};

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

    let mut services = service_ids(case, history, as_of);
    // Services are indexed once; the loops below compare integers, not ids.
    let ids: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
    let slots = Slots(&ids);
    let mut coverage = Coverage::new(case, &ids);
    let mut buckets = Buckets::new(services.len());
    count_required(history, &open, slots, &mut coverage, &mut buckets, start, as_of);
    // A file's name is copied once, and its counted entries share it.
    let files: Vec<Arc<str>> = case.service_logs.iter().map(|log| Arc::from(log.path.as_str())).collect();
    let by_slot = entries_by_slot(case, &files, slots, services.len());
    let conflicts = count_delivered(by_slot, history, &open, &mut services, &mut buckets);

    let min_delivery = case.info.settings.min_delivery;
    for (slot, periods) in buckets.into_periods().into_iter().enumerate() {
        let covered_until = coverage.end(slot);
        services[slot].periods =
            periods.into_iter().map(|p| finish(p, as_of, &open, covered_until, min_delivery)).collect();
    }
    Accounting { as_of, services, conflicts }
}

/// Required: one pass over the days, each service in force adding its share
/// on the open days its logs cover. The terms change only on a version's
/// date, so what each terms list holds is worked out once per change.
fn count_required(
    history: &TermsHistory,
    open: &OpenDays,
    slots: Slots<'_>,
    coverage: &mut Coverage,
    buckets: &mut Buckets,
    start: NaiveDate,
    as_of: NaiveDate,
) {
    let mut plan: Vec<Planned<'_>> = Vec::new();
    let mut planned_for: Option<*const Terms> = None;
    let mut day = start;
    while day <= as_of {
        let state = open.state(day);
        if let Some(terms) = history.on(day)
            && (state.open || state.unknown || state.esy_open || state.esy_unknown)
        {
            if planned_for != Some(std::ptr::from_ref(terms)) {
                plan = plan_terms(terms, slots);
                planned_for = Some(std::ptr::from_ref(terms));
            }
            for planned in &plan {
                require_on(planned, day, state, open, coverage, buckets);
            }
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }
}

/// What one service of the terms in force requires on `day`: its day's share
/// where its logs cover the day, an uncovered or unknown day otherwise.
fn require_on(
    planned: &Planned<'_>,
    day: NaiveDate,
    state: DayState,
    open: &OpenDays,
    coverage: &mut Coverage,
    buckets: &mut Buckets,
) {
    // A term amount counts only in a term of the calendar's `terms`
    // (without them it is shown, not judged).
    if !in_force_on(planned.item, day) || !judged_on(&planned.dose, day, open) {
        return;
    }
    let (is_open, is_unknown) = state.for_service(planned.esy);
    if is_unknown {
        let period = buckets.get(planned.slot, planned.dose.per, day, open);
        period.tally.unknown_days += 1;
        period.tally.unknown_esy |= planned.esy && !state.unknown;
        return;
    }
    if !is_open {
        return;
    }
    let covered = coverage.on(planned.slot, day);
    let period = buckets.get(planned.slot, planned.dose.per, day, open);
    period.open_days += 1;
    period.tally.sessions_only = Some(planned.dose.minutes.is_none());
    if let Some(schedule) = planned.dose.schedule {
        // Whole weeks, no day share: the week is counted once it is over.
        period.tally.see_whole_week(day, planned.dose, schedule, covered.is_some());
    }
    match covered {
        None => period.tally.uncovered_days += 1,
        Some(how) => {
            if how == Covered::Declared {
                period.declared_days += 1;
            }
            if planned.dose.schedule.is_none() {
                let (unit, share) = daily_share(&planned.dose, day, open, planned.esy);
                match unit {
                    Unit::Minutes => period.tally.required_minutes += share,
                    Unit::Sessions => period.tally.required_sessions += share,
                }
            }
        }
    }
}

/// Each service's log entries, in file order: the entry's place among every
/// log's entries, its file's name, the entry.
type EntriesBySlot<'a> = Vec<Vec<(usize, &'a Arc<str>, &'a LogEntry)>>;

fn entries_by_slot<'a>(case: &'a Case, files: &'a [Arc<str>], slots: Slots<'_>, services: usize) -> EntriesBySlot<'a> {
    let mut by_slot: EntriesBySlot<'a> = vec![Vec::new(); services];
    let entries =
        case.service_logs.iter().zip(files).flat_map(|(log, file)| log.entries.iter().map(move |e| (file, e)));
    for (seq, (doc, e)) in entries.enumerate() {
        if let Some(slot) = slots.get(&e.service) {
            by_slot[slot].push((seq, doc, e));
        }
    }
    by_slot
}

/// Delivered: each service's entries, sorted (stably) by date and grouped by
/// date, counted from the first source that has any; what the sources of a
/// day disagree on is returned.
fn count_delivered(
    by_slot: EntriesBySlot<'_>,
    history: &TermsHistory,
    open: &OpenDays,
    services: &mut [ServiceAccount],
    buckets: &mut Buckets,
) -> Vec<crate::Conflict> {
    let mut conflicts = Vec::new();
    for (slot, mut entries) in by_slot.into_iter().enumerate() {
        entries.sort_by_key(|(_, _, e)| e.date);
        services[slot].entry_dates = entries.iter().map(|(_, _, e)| e.date).collect();
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
            let per = in_force.and_then(|s| s.amount.dose).filter(|d| judged_on(d, date, open)).map(|d| d.per);
            for _ in group {
                buckets.mark_logged(slot, per, date, open);
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
                let Some(dose) = service.amount.dose.filter(|d| judged_on(d, date, open)) else { continue };
                let period = buckets.get(slot, dose.per, date, open);
                if period.document.is_none() {
                    period.document = Some(doc.to_string());
                }
                tally_entry(period, entry, dose, date, open, service.esy);
            }
        }
    }
    conflicts
}

/// Adds one counted entry to its period: delivered, missed by the child
/// (excused), made up, or missed and owed.
fn tally_entry(period: &mut PeriodAccount, entry: &LogEntry, dose: Dose, date: NaiveDate, open: &OpenDays, esy: bool) {
    let unit = if dose.minutes.is_some() { Unit::Minutes } else { Unit::Sessions };
    // One session's minutes; without a count, that day's share (a
    // whole-week schedule has no day share: its week's total).
    let session_minutes = || match (dose.sessions, dose.minutes) {
        (Some(_), Some(per_session)) => f64::from(per_session),
        (None, Some(total)) if dose.schedule.is_some() => f64::from(total),
        _ => daily_share(&dose, date, open, esy).1,
    };
    match &entry.outcome {
        Outcome::Delivered { minutes } => match unit {
            Unit::Minutes => period.tally.delivered_minutes += f64::from(*minutes),
            Unit::Sessions => period.tally.delivered_sessions += 1.0,
        },
        Outcome::Missed { .. } if entry.by_student => {
            period.by_student += 1;
            match unit {
                Unit::Minutes => period.tally.excused_minutes += session_minutes(),
                Unit::Sessions => period.tally.excused_sessions += 1.0,
            }
        }
        Outcome::Missed { .. } if entry.made_up_on.is_some() => period.made_up += 1,
        Outcome::Missed { .. } => {
            period.missed += 1;
            if unit == Unit::Minutes {
                period.tally.missed_minutes += session_minutes();
            }
        }
    }
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
        Expected {
            item,
            setting: item.item.setting.as_deref().map(Arc::from),
            group: item.item.group.as_deref().map(Arc::from),
        }
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
    /// An extended school year service: owed on the calendar's `esy` days only.
    esy: bool,
}

/// What each service of `terms` requires, in list order, as `Terms::service_on` sees it.
fn plan_terms<'a>(terms: &'a Terms, slots: Slots<'_>) -> Vec<Planned<'a>> {
    terms
        .services
        .iter()
        .filter_map(|listed| {
            let item = terms.service(&listed.item.id)?;
            let dose = item.item.amount.dose?;
            let slot = slots.get(&item.item.id)?;
            Some(Planned { slot, item, dose, esy: item.item.esy })
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
    recent: Vec<[Option<usize>; 4]>,
}

impl Buckets {
    fn new(services: usize) -> Buckets {
        Buckets { periods: Vec::new(), index: vec![BTreeMap::new(); services], recent: vec![[None; 4]; services] }
    }

    /// The period of service `slot` holding `day`, for a dose judged `per`.
    fn get(&mut self, slot: usize, per: Period, day: NaiveDate, open: &OpenDays) -> &mut PeriodAccount {
        let kind = kind_of(per);
        let recent = &mut self.recent[slot][kind as usize];
        // Periods of a kind do not overlap: one that holds the day is the day's.
        let i = match *recent {
            Some(i) if self.periods[i].first_day <= day && day <= self.periods[i].last_day => i,
            _ => {
                let (kind, first_day, last_day) = period_of(per, day, open);
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
    fn mark_logged(&mut self, slot: usize, per: Option<Period>, day: NaiveDate, open: &OpenDays) {
        match per {
            Some(per) => self.get(slot, per, day, open).logged += 1,
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

/// Every service id any version lists, in order of first appearance, named as
/// the terms in force on the as-of date (or the last that had it) name it.
fn service_ids(case: &Case, history: &TermsHistory, as_of: NaiveDate) -> Vec<ServiceAccount> {
    let mut out: Vec<ServiceAccount> = Vec::new();
    for version in &case.versions {
        for service in &version.services {
            if out.iter().any(|s| s.id == service.id) {
                continue;
            }
            let named = history
                .on(as_of)
                .and_then(|t| t.service(&service.id))
                .map(|t| &t.item)
                .or_else(|| case.versions.iter().rev().find_map(|v| v.service(&service.id)))
                .unwrap_or(service);
            out.push(ServiceAccount {
                id: service.id.clone(),
                name: named.service.clone(),
                amount: Some(named.amount.to_string()),
                periods: Vec::new(),
                counted: Vec::new(),
                entry_dates: Vec::new(),
            });
        }
    }
    out
}

/// One open day's share of a dose, in its unit (`esy`: counted over the
/// extended school year's days).
pub fn daily_share(dose: &Dose, day: NaiveDate, open: &OpenDays, esy: bool) -> (Unit, f64) {
    let (unit, amount) = match dose.minutes_per_period() {
        Some(minutes) => (Unit::Minutes, minutes),
        None => (Unit::Sessions, dose.sessions_per_period()),
    };
    let divisor = period::open_days_in(dose.per, day, open, esy);
    // The accounting judges whole-week schedules in whole weeks (`WholeWeeks`),
    // never by this share; for other callers it is the average over the weeks.
    let share = dose.schedule.map_or(1.0, iep_model::Schedule::average_share);
    (unit, if divisor > 0.0 { amount * share / divisor } else { 0.0 })
}

/// Whether the dose is judged on `day`: an amount per term only in a term of
/// the calendar's `terms`; without them it is shown, not judged (checks.md, Terms).
fn judged_on(dose: &Dose, day: NaiveDate, open: &OpenDays) -> bool {
    !matches!(dose.per, Period::Term(_)) || open.term_of(day).is_some()
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
        open_days: 0,
        declared_days: 0,
        status: Status::NothingRequired,
        owed: 0.0,
        shortfall: false,
        required_as_agreed: None,
        owed_as_agreed: None,
        document: None,
        tally: Tally::default(),
    }
}

/// The period's unit, figures, status and owed figure, once every day and
/// entry is in. `covered_until`: the last day the service's logs cover.
fn finish(
    mut p: PeriodAccount,
    as_of: NaiveDate,
    open: &OpenDays,
    covered_until: Option<NaiveDate>,
    min_delivery: f64,
) -> PeriodAccount {
    p.tally.close_whole_weeks();
    let t = p.tally;
    let minutes = t.required_minutes > EPSILON
        || (t.required_sessions <= EPSILON && t.delivered_minutes > 0.0)
        // Nothing required or delivered: the unit of the dose in force.
        || (t.required_sessions <= EPSILON && t.delivered_sessions <= EPSILON && t.sessions_only == Some(false));
    p.unit = if minutes { Unit::Minutes } else { Unit::Sessions };
    let (required, excused, delivered, missed) = match p.unit {
        Unit::Minutes => (t.required_minutes, t.excused_minutes, t.delivered_minutes, t.missed_minutes),
        // A sessions-only amount owes one session per miss.
        Unit::Sessions => (t.required_sessions, t.excused_sessions, t.delivered_sessions, f64::from(p.missed)),
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
        if t.uncovered_days > 0 {
            // Open days in force that no log covers: past the logs' end, or a gap.
            if covered_until.is_some_and(|end| end < p.first_day) {
                Status::NotLoggedYet
            } else {
                Status::NothingLogged
            }
        } else if t.unknown_days > 0 {
            if t.unknown_esy { Status::NoEsyDates } else { Status::NoCalendar }
        } else {
            Status::NothingRequired
        }
    } else if p.logged == 0 && p.declared_days == 0 {
        Status::NothingLogged
    } else {
        Status::Judged
    };
    p.shortfall = p.is_shortfall(min_delivery);
    p.owed = if p.status != Status::Judged {
        0.0
    } else {
        // In a shortfall month, at least the logged misses; otherwise only them.
        let owed = if p.shortfall { (p.required - p.delivered).max(missed) } else { missed };
        (owed + EPSILON).floor().max(0.0)
    };
    p
}

/// A period in which nothing was required or logged under the terms in force.
pub(crate) fn empty_period(
    kind: PeriodKind,
    first_day: NaiveDate,
    last_day: NaiveDate,
    as_of: NaiveDate,
) -> PeriodAccount {
    let mut p = new_period(kind, first_day, last_day);
    if last_day >= as_of {
        p.status = Status::InProgress;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use iep_model::Source;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 10, d).unwrap()
    }

    fn entry(outcome: Outcome, by_student: bool, made_up_on: Option<NaiveDate>) -> LogEntry {
        LogEntry {
            date: day(6),
            service: "speech".to_owned(),
            outcome,
            setting: None,
            group: None,
            source: Source::School,
            made_up_on,
            by_student,
            notes: None,
        }
    }

    fn missed() -> Outcome {
        Outcome::Missed { reason: "therapist absent".to_owned() }
    }

    /// Tallies the entries into one school month, as `count_delivered` does.
    fn tally(dose: Dose, entries: &[LogEntry]) -> PeriodAccount {
        let open = OpenDays::new(&Case::default(), day(1), day(31));
        let mut period = new_period(PeriodKind::SchoolMonth, day(6), NaiveDate::from_ymd_opt(2025, 11, 2).unwrap());
        for e in entries {
            tally_entry(&mut period, e, dose, e.date, &open, false);
        }
        period
    }

    const TWICE_30_A_WEEK: Dose = Dose { sessions: Some(2), minutes: Some(30), per: Period::Weeks(1), schedule: None };

    #[test]
    fn a_delivered_session_counts_its_minutes_and_a_missed_one_a_sessions_worth() {
        let p = tally(
            TWICE_30_A_WEEK,
            &[entry(Outcome::Delivered { minutes: 25 }, false, None), entry(missed(), false, None)],
        );
        assert_eq!((p.tally.delivered_minutes, p.tally.missed_minutes, p.missed), (25.0, 30.0, 1));
    }

    #[test]
    fn a_miss_by_the_child_is_excused_and_one_made_up_is_not_owed() {
        let p = tally(TWICE_30_A_WEEK, &[entry(missed(), true, None), entry(missed(), false, Some(day(8)))]);
        assert_eq!((p.by_student, p.tally.excused_minutes, p.made_up, p.missed), (1, 30.0, 1, 0));
        assert_eq!(p.tally.missed_minutes, 0.0);
    }

    #[test]
    fn without_a_count_a_miss_is_the_days_share_and_sessions_count_one_each() {
        let weekly_total = Dose { sessions: None, minutes: Some(60), per: Period::Weeks(1), schedule: None };
        assert_eq!(tally(weekly_total, &[entry(missed(), false, None)]).tally.missed_minutes, 12.0);
        let sessions_only = Dose { sessions: Some(2), minutes: None, per: Period::Weeks(1), schedule: None };
        let p = tally(
            sessions_only,
            &[entry(Outcome::Delivered { minutes: 30 }, false, None), entry(missed(), true, None)],
        );
        assert_eq!((p.tally.delivered_sessions, p.tally.excused_sessions, p.tally.missed_minutes), (1.0, 1.0, 0.0));
    }
}
