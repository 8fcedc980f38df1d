//! Home observations and communications since the plan in force (never a
//! private entry), and the years before it as one summary table.

use chrono::NaiveDate;
use iep_model::{Case, long_date};
use iep_services::{Status, Unit};
use serde::Serialize;

use super::Sources;
use super::words::{capitalize, whole};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub date: String,
    /// "At home", "Email with Jordan Lee".
    pub kind: String,
    pub text: String,
    pub source: usize,
}

/// One plan year before the plan in force.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HistoryRow {
    /// "September 15, 2024 to September 14, 2025".
    pub period: String,
    pub minutes_required: String,
    pub minutes_delivered: String,
    pub minutes_owed: String,
    pub letters: usize,
    pub late_answers: usize,
    pub notes: usize,
}

/// Home observations and communications from `from` on, oldest first (file
/// order on a tie). Entries marked private are the family's own and are left out.
pub(super) fn timeline(case: &Case, from: Option<NaiveDate>, sources: &mut Sources) -> Vec<TimelineEntry> {
    let covered = |day: NaiveDate| from.is_none_or(|f| day >= f);
    let mut entries: Vec<(NaiveDate, usize, TimelineEntry)> = Vec::new();
    let mut order = 0;
    for file in &case.observations {
        for o in file.entries.iter().filter(|o| !o.private && covered(o.date)) {
            order += 1;
            let entry = TimelineEntry {
                date: long_date(o.date),
                kind: "At home".to_owned(),
                text: o.note.clone(),
                source: sources.cite(&file.path),
            };
            entries.push((o.date, order, entry));
        }
    }
    for file in &case.communications {
        for c in file.entries.iter().filter(|c| !c.private && covered(c.date)) {
            order += 1;
            let via = c.via.as_deref().map(capitalize).unwrap_or_else(|| "Contact".to_owned());
            let kind = match c.with.as_deref() {
                Some(id) => format!("{via} with {}", super::person(case, id).name),
                None => via,
            };
            let entry = TimelineEntry {
                date: long_date(c.date),
                kind,
                text: c.summary.clone(),
                source: sources.cite(&file.path),
            };
            entries.push((c.date, order, entry));
        }
    }
    entries.sort_by_key(|(date, order, _)| (*date, *order));
    entries.into_iter().map(|(_, _, e)| e).collect()
}

/// The plan years before `from`, newest first: a year runs from one annual
/// plan's effective date to the day before the next one's.
pub(super) fn history(case: &Case, accounting: &iep_services::Accounting, from: Option<NaiveDate>) -> Vec<HistoryRow> {
    let Some(from) = from else { return Vec::new() };
    let mut starts: Vec<NaiveDate> =
        case.versions.iter().filter(|v| v.amends.is_none() && v.effective < from).map(|v| v.effective).collect();
    starts.sort();
    starts.dedup();
    let mut rows = Vec::new();
    for (i, &start) in starts.iter().enumerate() {
        let next = starts.get(i + 1).copied().unwrap_or(from);
        let Some(end) = next.pred_opt() else { continue };
        let within = |day: NaiveDate| start <= day && day <= end;
        let periods = accounting
            .services
            .iter()
            .flat_map(|s| &s.periods)
            .filter(|p| p.unit == Unit::Minutes && p.status == Status::Judged && within(p.first_day));
        let (mut required, mut delivered, mut owed) = (0.0, 0.0, 0.0);
        for p in periods {
            required += p.required;
            delivered += p.delivered;
            // The one figure for what is owed.
            owed += p.owed();
        }
        let letters: Vec<&iep_model::Letter> =
            case.letters.iter().filter(|l| within(l.date)).map(|l| &l.value).collect();
        let late_answers = letters
            .iter()
            .filter(|l| {
                let due = iep_deadlines::response_deadline(case, l).due();
                matches!((&l.response, due), (Some(r), Some(due)) if r.date > due)
            })
            .count();
        let notes = case.observations.iter().flat_map(|f| &f.entries).filter(|o| !o.private && within(o.date)).count()
            + case.communications.iter().flat_map(|f| &f.entries).filter(|c| !c.private && within(c.date)).count();
        rows.push(HistoryRow {
            period: format!("{} to {}", long_date(start), long_date(end)),
            minutes_required: whole(required),
            minutes_delivered: whole(delivered),
            minutes_owed: whole(owed),
            letters: letters.len(),
            late_answers,
            notes,
        });
    }
    rows.reverse();
    rows
}
