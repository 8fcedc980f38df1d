//! What the two accommodation checks share: the evidence of each day counted
//! and whose account the days rest on.

use iep_model::evidence::{AccommodationDayAccount, CheckInAccount};
use iep_model::wording::join_and;
use iep_model::{Case, CheckIn, CheckInSource};
use iep_services::AccommodationDay;

/// Each day counted: its date, what it counts as, and every check-in of it
/// (source, the person's name, the note unless the entry is private).
pub(crate) fn evidence_days(case: &Case, days: &[&AccommodationDay]) -> Vec<AccommodationDayAccount> {
    days.iter()
        .map(|day| AccommodationDayAccount {
            date: day.date,
            provided: day.provided,
            check_ins: day
                .check_ins
                .iter()
                .map(|(_, c)| CheckInAccount {
                    provided: c.provided,
                    source: c.source,
                    with: c.with.as_deref().map(|id| case.team_member(id).map_or(id, |m| m.name.as_str()).to_owned()),
                    unaware: c.unaware,
                    note: c.note.clone().filter(|_| !c.private),
                })
                .collect(),
        })
        .collect()
}

/// Whose account the days rest on, for the parent: "Maya's account",
/// "your account and the school's account". Only the check-ins `counts`
/// keeps speak for a day (a teacher's `yes` is no account of a miss).
pub(crate) fn accounts(case: &Case, days: &[&AccommodationDay], counts: impl Fn(&CheckIn) -> bool) -> String {
    let first_name = case.info.child.name.split_whitespace().next().unwrap_or("your child").to_owned();
    let mut sources: Vec<CheckInSource> = Vec::new();
    for (_, c) in days.iter().flat_map(|d| &d.check_ins).filter(|(_, c)| counts(c)) {
        if !sources.contains(&c.source) {
            sources.push(c.source);
        }
    }
    let owners: Vec<String> = sources
        .iter()
        .map(|s| match s {
            CheckInSource::Child => format!("{first_name}'s account"),
            CheckInSource::Parent => "your account".to_owned(),
            CheckInSource::Teacher => "a teacher's account".to_owned(),
            CheckInSource::School => "the school's account".to_owned(),
        })
        .collect();
    join_and(&owners)
}
