//! Which days each service's logs cover (checks.md, "Coverage"): a log's
//! declared `from`/`through` for the services it names, else from the
//! service's start up to its latest entry. Open days outside are not required.

use chrono::NaiveDate;
use iep_model::Case;

/// How a day is covered for a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Covered {
    /// A log declares it is complete for the day.
    Declared,
    /// On or before the latest entry of a log that declares nothing.
    UpToLatest,
}

/// Per service: the declared ranges (sorted, merged) and the latest entry of
/// the logs that declare nothing for it.
pub(crate) struct Coverage {
    declared: Vec<Vec<(NaiveDate, NaiveDate)>>,
    up_to: Vec<Option<NaiveDate>>,
    /// Per service: the first declared range that may still hold a later day
    /// (days are asked in order).
    cursor: Vec<usize>,
}

impl Coverage {
    /// `ids`: the services' ids, in slot order. The case is already cut to the as-of date.
    pub(crate) fn new(case: &Case, ids: &[&str]) -> Coverage {
        let mut declared: Vec<Vec<(NaiveDate, NaiveDate)>> = vec![Vec::new(); ids.len()];
        let mut up_to: Vec<Option<NaiveDate>> = vec![None; ids.len()];
        for log in &case.service_logs {
            let range = log.declared_range();
            // One pass over the log's entries: each service's latest date in it.
            let mut latest_of: Vec<Option<NaiveDate>> = vec![None; ids.len()];
            for e in &log.entries {
                if let Some(slot) = ids.iter().position(|id| *id == e.service) {
                    latest_of[slot] = Some(latest_of[slot].map_or(e.date, |d: NaiveDate| d.max(e.date)));
                }
            }
            for (slot, id) in ids.iter().enumerate() {
                let latest = latest_of[slot];
                let names_it = match &log.services {
                    Some(list) => list.iter().any(|s| s == id),
                    None => latest.is_some(),
                };
                match range {
                    Some(r) if names_it => declared[slot].push(r),
                    _ => {
                        if let Some(latest) = latest {
                            up_to[slot] = Some(up_to[slot].map_or(latest, |d: NaiveDate| d.max(latest)));
                        }
                    }
                }
            }
        }
        // A log without a range extends coverage only where no log of the
        // service declares one: a parent's entry in March does not make
        // March required after the school's log declared September to January.
        for (ranges, up_to) in declared.iter().zip(up_to.iter_mut()) {
            if !ranges.is_empty() {
                *up_to = None;
            }
        }
        for ranges in &mut declared {
            ranges.sort();
            let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(ranges.len());
            for &(from, to) in ranges.iter() {
                match merged.last_mut() {
                    Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => last.1 = last.1.max(to),
                    _ => merged.push((from, to)),
                }
            }
            *ranges = merged;
        }
        let cursor = vec![0; ids.len()];
        Coverage { declared, up_to, cursor }
    }

    /// How service `slot` is covered on `day`. Days must be asked in order.
    pub(crate) fn on(&mut self, slot: usize, day: NaiveDate) -> Option<Covered> {
        let ranges = &self.declared[slot];
        let cursor = &mut self.cursor[slot];
        while *cursor < ranges.len() && ranges[*cursor].1 < day {
            *cursor += 1;
        }
        if ranges.get(*cursor).is_some_and(|r| r.0 <= day) {
            return Some(Covered::Declared);
        }
        self.up_to[slot].is_some_and(|last| day <= last).then_some(Covered::UpToLatest)
    }

    /// The last day any log covers for service `slot`.
    pub(crate) fn end(&self, slot: usize) -> Option<NaiveDate> {
        let declared = self.declared[slot].last().map(|r| r.1);
        match (declared, self.up_to[slot]) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        }
    }
}
