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

/// How many entries of home notes and communications the packet lists: the
/// latest ones. A ten-year log would otherwise add a page per few entries.
pub const TIMELINE_SHOWN: usize = 40;

/// The timeline the packet shows: the latest entries, and how many earlier
/// ones were left out (they stay in the case's files).
pub(super) struct Timeline {
    pub entries: Vec<TimelineEntry>,
    pub earlier: usize,
}

/// Home observations and communications from `from` on, oldest first (file
/// order on a tie), the latest [`TIMELINE_SHOWN`] of them. Entries marked
/// private are the family's own and are left out. Only the files of the
/// entries shown are cited.
pub(super) fn timeline(case: &Case, from: Option<NaiveDate>, sources: &mut Sources) -> Timeline {
    let covered = |day: NaiveDate| from.is_none_or(|f| day >= f);
    // (date, file order, kind, text, file): the text is cloned only for the entries shown.
    let mut entries: Vec<(NaiveDate, usize, String, &str, &str)> = Vec::new();
    let mut order = 0;
    for file in &case.observations {
        for o in file.entries.iter().filter(|o| !o.private && covered(o.date)) {
            order += 1;
            entries.push((o.date, order, "At home".to_owned(), o.note.as_str(), file.path.as_str()));
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
            entries.push((c.date, order, kind, c.summary.as_str(), file.path.as_str()));
        }
    }
    entries.sort_by_key(|(date, order, ..)| (*date, *order));
    let earlier = entries.len().saturating_sub(TIMELINE_SHOWN);
    let entries = entries
        .into_iter()
        .skip(earlier)
        .map(|(date, _, kind, text, path)| TimelineEntry {
            date: long_date(date),
            kind,
            text: text.to_owned(),
            source: sources.cite(path),
        })
        .collect();
    Timeline { entries, earlier }
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

#[cfg(test)]
mod tests {
    use super::*;
    use iep_model::{Communication, Communications};
    use iep_testkit::{CaseBuilder, d, doc};

    /// Issue 22: 10,000 communication entries made a packet of 212 pages.
    /// The packet lists the latest entries and says how many came before.
    #[test]
    fn a_long_log_is_summarised_by_its_latest_entries() {
        let start = d("2020-01-01");
        let entries = (0..1000u64)
            .map(|i| Communication {
                date: start + chrono::Days::new(i),
                summary: format!("Call number {i}"),
                ..Default::default()
            })
            .collect();
        let mut case = CaseBuilder::new().child("Kid").parent("Parent").build();
        case.communications.push(doc("log/communications.yaml", Communications { entries, notes: None }));
        let as_of = d("2026-01-01");
        let mut sources = Sources::new(&case, as_of);
        let shown = timeline(&case, None, &mut sources);
        assert_eq!(shown.entries.len(), TIMELINE_SHOWN);
        assert_eq!(shown.earlier, 1000 - TIMELINE_SHOWN);
        assert_eq!(shown.entries.last().map(|e| e.text.as_str()), Some("Call number 999"), "the latest are shown");
        assert_eq!(shown.entries[0].text, format!("Call number {}", 1000 - TIMELINE_SHOWN));

        // A short log is listed whole.
        case.communications[0].value.entries.truncate(5);
        let shown = timeline(&case, None, &mut Sources::new(&case, as_of));
        assert_eq!((shown.entries.len(), shown.earlier), (5, 0));
    }
}
