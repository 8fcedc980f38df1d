//! Runs over the counted entries and the periods: misses in a row
//! (`repeated-misses`), settings not the service's (`setting-mismatch`) and
//! months with no entry at all (`service-unlogged`).

use chrono::NaiveDate;
use iep_model::Outcome;
use serde::Serialize;

use crate::sources::same_word;
use crate::{Accounting, CountedEntry, MismatchedEntry, MissRun, SettingMismatch, school_month_of};

impl Accounting {
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
                        Some(last) if last.service == service.id && last.first_day == first_day => {
                            last.entries.push(mismatch)
                        }
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

    /// Runs of months, per service, that are over, in which the service was in
    /// force on an open day, with no entry for it from any source and no
    /// declared coverage, while the logs have entries for other services dated
    /// in the month (checks.md, `service-unlogged`). Months in which the service
    /// was not in force on an open day (summer) neither count nor break a run.
    pub fn unlogged_runs(&self) -> Vec<UnloggedRun> {
        let mut out = Vec::new();
        for service in &self.services {
            let others_logged = |from: NaiveDate, to: NaiveDate| {
                self.services.iter().filter(|s| s.id != service.id).any(|s| {
                    let i = s.entry_dates.partition_point(|d| *d < from);
                    s.entry_dates.get(i).is_some_and(|d| *d <= to)
                })
            };
            let mut run: Option<UnloggedRun> = None;
            for p in service.periods.iter().filter(|p| p.open_days > 0) {
                let silent = p.last_day < self.as_of
                    && p.logged == 0
                    && p.declared_days == 0
                    && others_logged(p.first_day, p.last_day);
                if silent {
                    match &mut run {
                        Some(r) => {
                            r.last_month = p.label();
                            r.to = p.last_day;
                            r.months += 1;
                        }
                        None => {
                            run = Some(UnloggedRun {
                                service: service.id.clone(),
                                first_month: p.label(),
                                last_month: p.label(),
                                from: p.first_day,
                                to: p.last_day,
                                months: 1,
                            })
                        }
                    }
                } else {
                    out.extend(run.take());
                }
            }
            out.extend(run.take());
        }
        out
    }
}

/// Consecutive months in which a service in force has nothing in any log.
#[derive(Debug, Clone, Serialize)]
pub struct UnloggedRun {
    pub service: String,
    pub first_month: String,
    pub last_month: String,
    /// The first day of the first month and the last day of the last.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub months: u32,
}
