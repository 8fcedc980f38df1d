//! Accommodations (format 1.2): each accommodation in force, as the plan
//! words it, with the days the check-ins say it was given, not given or
//! given only in part, and by whose account. A private check-in counts; its
//! note is never printed.

use chrono::NaiveDate;
use iep_model::{Case, CheckIn, CheckInSource, Provided, TermsHistory, long_date};
use iep_services::AccommodationRecord;
use serde::Serialize;

use super::Sources;
use crate::wording::join_and;

/// One accommodation in force.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccommodationSection {
    /// As the plan in force words it.
    pub text: String,
    pub given: usize,
    pub not_given: usize,
    pub partly: usize,
    /// The latest [`DAYS_SHOWN`] days with a check-in, oldest first.
    pub days: Vec<AccommodationDayRow>,
    /// How many earlier days with a check-in are counted but not listed.
    pub earlier_days: usize,
    /// The plan it is in.
    pub source: Option<usize>,
}

/// One day of one accommodation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AccommodationDayRow {
    pub date: String,
    /// "given", "not given" or "given in part": what the day counts as.
    pub provided: String,
    /// Whose account, and who was responsible ("Maya's account; Jordan Lee").
    pub by: String,
    /// The notes of the day's check-ins, never a private one's.
    pub note: Option<String>,
    pub source: Option<usize>,
}

/// How many days of one accommodation the packet lists: the latest ones.
/// Ten thousand check-ins would otherwise fill sixty pages.
pub const DAYS_SHOWN: usize = 10;
/// How many notes of one day are printed; the rest are counted.
const NOTES_SHOWN: usize = 3;

/// The accommodations in force on `as_of`, with their days from `from` on.
pub(crate) fn accommodations(
    case: &Case,
    terms: &TermsHistory,
    record: &AccommodationRecord,
    as_of: NaiveDate,
    from: Option<NaiveDate>,
    sources: &mut Sources,
) -> Vec<AccommodationSection> {
    let Some(index) = terms.index_on(as_of) else { return Vec::new() };
    let Some(in_force) = terms.after[index].as_ref() else { return Vec::new() };
    let first_name = super::first_name(&case.info.child.name);
    let mut out = Vec::new();
    for item in &in_force.accommodations {
        let plan = case.versions.get(item.from).map(|v| sources.cite(&v.path));
        // The record keys each accommodation by its id in the latest version, the one in force.
        let days: Vec<_> = record
            .find(&item.item.id)
            .map(|a| a.days.iter().filter(|d| from.is_none_or(|f| d.date >= f)).collect())
            .unwrap_or_default();
        let count = |p: Provided| days.iter().filter(|d| d.provided == p).count();
        let earlier_days = days.len().saturating_sub(DAYS_SHOWN);
        let rows = days
            .iter()
            .skip(earlier_days)
            .map(|day| {
                let weighing: Vec<&CheckIn> =
                    day.check_ins.iter().map(|(_, c)| c).filter(|c| c.provided == day.provided).collect();
                let notes: Vec<&str> =
                    day.check_ins.iter().filter(|(_, c)| !c.private).filter_map(|(_, c)| c.note.as_deref()).collect();
                let mut note = notes.iter().take(NOTES_SHOWN).copied().collect::<Vec<_>>().join(" ");
                match notes.len().saturating_sub(NOTES_SHOWN) {
                    0 => {}
                    1 => note.push_str(" (and 1 more note in my case records)"),
                    more => note.push_str(&format!(" (and {more} more notes in my case records)")),
                }
                AccommodationDayRow {
                    date: long_date(day.date),
                    provided: match day.provided {
                        Provided::Yes => "given",
                        Provided::No => "not given",
                        Provided::Partly => "given in part",
                    }
                    .to_owned(),
                    by: by_whom(case, &first_name, &weighing),
                    note: (!notes.is_empty()).then_some(note),
                    source: day.check_ins.first().map(|(path, _)| sources.cite(path)),
                }
            })
            .collect();
        out.push(AccommodationSection {
            text: iep_model::normalize_ws(&item.item.text),
            given: count(Provided::Yes),
            not_given: count(Provided::No),
            partly: count(Provided::Partly),
            days: rows,
            earlier_days,
            source: plan,
        });
    }
    out
}

/// "Maya's account; Jordan Lee responsible": whose word the day rests on,
/// and who was responsible that day, when the check-in says.
fn by_whom(case: &Case, first_name: &str, check_ins: &[&CheckIn]) -> String {
    let mut accounts: Vec<String> = Vec::new();
    let mut people: Vec<String> = Vec::new();
    for c in check_ins {
        let account = match c.source {
            CheckInSource::Child => format!("{first_name}'s account"),
            CheckInSource::Parent => "my record".to_owned(),
            CheckInSource::Teacher => "the teacher's account".to_owned(),
            CheckInSource::School => "the school's record".to_owned(),
        };
        if !accounts.contains(&account) {
            accounts.push(account);
        }
        if let Some(id) = &c.with {
            let name = case.team_member(id).map_or(id.clone(), |m| m.name.clone());
            if !people.contains(&name) {
                people.push(name);
            }
        }
    }
    let mut text = super::words::capitalize(&join_and(&accounts));
    if !people.is_empty() {
        text.push_str(&format!("; {} responsible", join_and(&people)));
    }
    text
}
