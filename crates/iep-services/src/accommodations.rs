//! Whether the accommodations were given (checks.md, "Are the accommodations
//! given"): the check-ins, a day at a time, per accommodation in force. The
//! two accommodation checks, the services letter, the packet and the report
//! read this one analysis.

use chrono::NaiveDate;
use iep_model::{AccommodationIds, Case, CheckIn, Provided, TermsHistory};

/// Every accommodation that has a check-in counted, in order of its first day.
#[derive(Debug, Clone, Default)]
pub struct AccommodationRecord {
    pub accommodations: Vec<AccommodationDays>,
}

/// One accommodation, across versions (renamed ids followed).
#[derive(Debug, Clone)]
pub struct AccommodationDays {
    /// Its id in the latest version: what the check-ins of every id it had share.
    pub key: String,
    /// Each day with a check-in, in date order; a day counts once.
    pub days: Vec<AccommodationDay>,
}

/// One day of one accommodation.
#[derive(Debug, Clone)]
pub struct AccommodationDay {
    pub date: NaiveDate,
    /// What the day counts as: `no` over `partly` over `yes`.
    pub provided: Provided,
    /// The accommodation's id and text in the version in force that day.
    pub id: String,
    pub text: String,
    /// Every check-in of the day, in file order, with its file.
    pub check_ins: Vec<(String, CheckIn)>,
}

impl AccommodationDay {
    /// Whether someone responsible said that day they did not know of it.
    pub fn unaware(&self) -> bool {
        self.check_ins.iter().any(|(_, c)| c.unaware)
    }
}

impl AccommodationDays {
    /// The days counted `no` or `partly`.
    pub fn missed(&self) -> Vec<&AccommodationDay> {
        self.days.iter().filter(|d| d.provided.is_miss()).collect()
    }
    /// How many days counted `yes`.
    pub fn given(&self) -> usize {
        self.days.iter().filter(|d| d.provided == Provided::Yes).count()
    }
    /// The days someone responsible did not know of it.
    pub fn unaware(&self) -> Vec<&AccommodationDay> {
        self.days.iter().filter(|d| d.unaware()).collect()
    }
}

impl AccommodationRecord {
    /// The check-ins of `case` (already cut to its as-of date), each counted
    /// for the accommodation it names in the version in force on its day; a
    /// check-in naming nothing in force (the loader refuses those) is left out.
    pub fn new(case: &Case, history: &TermsHistory) -> AccommodationRecord {
        let ids = AccommodationIds::new(case, history);
        let last = ids.versions().saturating_sub(1);
        let mut accommodations: Vec<AccommodationDays> = Vec::new();
        for (path, check_in) in case.check_in_entries() {
            let Some(item) = ids.in_force(history, &check_in.accommodation, check_in.date) else { continue };
            let Some(index) = history.index_on(check_in.date) else { continue };
            let key = ids.forward(&item.item.id, index, last);
            let position = match accommodations.iter().position(|a| a.key == key) {
                Some(p) => p,
                None => {
                    accommodations.push(AccommodationDays { key, days: Vec::new() });
                    accommodations.len() - 1
                }
            };
            let days = &mut accommodations[position].days;
            let entry = (path.to_owned(), check_in.clone());
            match days.iter_mut().find(|d| d.date == check_in.date) {
                Some(day) => {
                    day.provided = day.provided.max(check_in.provided);
                    day.check_ins.push(entry);
                }
                None => days.push(AccommodationDay {
                    date: check_in.date,
                    provided: check_in.provided,
                    id: item.item.id.clone(),
                    text: item.item.text.clone(),
                    check_ins: vec![entry],
                }),
            }
        }
        for a in &mut accommodations {
            a.days.sort_by_key(|d| d.date);
        }
        accommodations.sort_by_key(|a| a.days.first().map(|d| d.date));
        AccommodationRecord { accommodations }
    }

    /// The accommodation whose id in the latest version is `key`.
    pub fn find(&self, key: &str) -> Option<&AccommodationDays> {
        self.accommodations.iter().find(|a| a.key == key)
    }
}

/// The accommodation record of the context's case, computed once per run.
pub fn accommodations(cx: &iep_model::Context<'_>) -> std::sync::Arc<AccommodationRecord> {
    cx.memo(|cx| AccommodationRecord::new(cx.case, &cx.terms()))
}
