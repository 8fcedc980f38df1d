//! The accommodations of the `services-concern` letter (format 1.2,
//! letters.md): per accommodation, its text as the plan words it, the days
//! it was not given or given only in part (dated, whose account), and the
//! asks: that it be given every time, that each person responsible be told
//! of it in writing, and a written answer on how. Where someone did not
//! know of it, the rule: the IEP's accessibility rule for an IEP; for a 504 plan the
//! aids and services rule of Section 504, never IDEA's. An
//! accommodation is never owed as make-up time.

use chrono::NaiveDate;
use iep_model::{CheckInSource, Evidence, Finding, LetterType, Provided};
use iep_services::{AccommodationDay, AccommodationDays};

use super::{Letter, LetterContext, RequestItem};
use crate::wording::{capitalize, dates_in_words, join_and, quote, version_title};

/// What the check-ins record of one accommodation the findings name.
pub(crate) struct AccommodationFacts {
    /// The accommodation as the plan words it, quoted.
    pub quoted: String,
    /// "The accommodation “...” was not given on ... . On ..., the person
    /// responsible for it ... did not know of this accommodation (...)."
    pub facts: String,
    /// Someone responsible did not know of it.
    pub unaware: bool,
    /// The plan in force on its latest day, by its title.
    pub document: Option<String>,
}

/// One [`AccommodationFacts`] per accommodation the findings of this
/// letter name (`accommodation-not-provided`, `staff-not-informed`), in
/// the findings' order; `keep` chooses the findings (a dispute's recent ones).
pub(crate) fn accommodation_facts(letter: &Letter, keep: impl Fn(&Finding) -> bool) -> Vec<AccommodationFacts> {
    let record = iep_services::accommodations(letter.cx);
    let findings: Vec<&Finding> = letter
        .findings_for(LetterType::ServicesConcern)
        .into_iter()
        .filter(|f| names_an_accommodation(f) && keep(f))
        .collect();
    let mut done: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for finding in &findings {
        // The accommodation whose day of that id and date the finding arose on.
        let Some(accommodation) = record.accommodations.iter().find(|a| {
            a.days.iter().any(|d| Some(d.date) == finding.date && format!("accommodations.{}", d.id) == finding.subject)
        }) else {
            continue;
        };
        if done.contains(&accommodation.key.as_str()) {
            continue;
        }
        done.push(&accommodation.key);
        let Some(latest) = accommodation.days.last() else { continue };
        let unaware = accommodation.unaware();
        let mut facts = format!("The accommodation {}", quote(&latest.text));
        facts.push_str(&missed_words(letter, accommodation));
        facts.push_str(&unaware_words(letter, &unaware));
        let document = letter
            .cx
            .terms()
            .on(latest.date)
            .and_then(|t| letter.case.versions.get(t.version))
            .map(|v| capitalize(&version_title(v)));
        out.push(AccommodationFacts { quoted: quote(&latest.text), facts, unaware: !unaware.is_empty(), document });
    }
    out
}

/// Adds an item per accommodation the findings name, and the rule they
/// stand on; returns how many items it added.
pub(crate) fn accommodation_items(letter: &Letter, context: &mut LetterContext) -> usize {
    let all = accommodation_facts(letter, |_| true);
    for a in &all {
        let text = format!(
            "{} Please make sure it is given every time from now on, tell each person responsible for it about it in writing, and tell me in writing how the school will make sure of it.",
            a.facts
        );
        context.documents.extend(a.document.clone());
        context.accommodations.push(RequestItem { heading: a.quoted.clone(), text, details: Vec::new() });
    }
    if !context.accommodations.is_empty() {
        law(letter, all.iter().any(|a| a.unaware), context);
    }
    context.accommodations.len()
}

/// " was not given on October 3 and 17, 2025 (Jonah's account), and was
/// given only in part on February 10, 2026 (my own record)." Days grouped by
/// what they count as, then by whose account; "." alone when none was missed.
fn missed_words(letter: &Letter, accommodation: &AccommodationDays) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (provided, how) in [(Provided::No, "was not given on"), (Provided::Partly, "was given only in part on")] {
        let days: Vec<&AccommodationDay> = accommodation.days.iter().filter(|d| d.provided == provided).collect();
        if days.is_empty() {
            continue;
        }
        // The days by whose account counted them (the check-ins that gave the day its weight).
        let mut groups: Vec<(String, Vec<NaiveDate>)> = Vec::new();
        for day in &days {
            let mut account =
                accounts(letter, day.check_ins.iter().map(|(_, c)| c).filter(|c| c.provided == day.provided));
            // A record that says otherwise for the day is named, never left out.
            for (other, says) in [(Provided::Yes, "it was given"), (Provided::Partly, "it was given in part")] {
                let differing = accounts(letter, day.check_ins.iter().map(|(_, c)| c).filter(|c| c.provided == other));
                if other != day.provided && !differing.is_empty() {
                    account.push_str(&format!("; {differing} says {says}"));
                }
            }
            match groups.iter_mut().find(|(a, _)| *a == account) {
                Some((_, dates)) => dates.push(day.date),
                None => groups.push((account, vec![day.date])),
            }
        }
        let said: Vec<String> =
            groups.iter().map(|(account, dates)| format!("{} ({account})", dates_in_words(dates))).collect();
        parts.push(format!("{how} {}", join_and(&said)));
    }
    if parts.is_empty() {
        format!(" is in {}'s {}.", letter.first_name(), letter.plan_name())
    } else {
        format!(" {}.", parts.join(", and "))
    }
}

/// Whose account: "Jonah's account", "my own record", "the school's record".
fn accounts<'c>(letter: &Letter, check_ins: impl Iterator<Item = &'c iep_model::CheckIn>) -> String {
    let mut sources: Vec<CheckInSource> = Vec::new();
    for c in check_ins {
        if !sources.contains(&c.source) {
            sources.push(c.source);
        }
    }
    let words: Vec<String> = sources
        .iter()
        .map(|s| match s {
            CheckInSource::Child => format!("{}'s account", letter.first_name()),
            CheckInSource::Parent => "my own record".to_string(),
            CheckInSource::Teacher => "the teacher's account".to_string(),
            CheckInSource::School => "the school's record".to_string(),
        })
        .collect();
    join_and(&words)
}

/// " On November 12, 2025, the person responsible for it in Chris Moy's
/// class did not know of this accommodation (Lena's account; my note of it: “The substitute
/// sent her straight to the gym.”)." Only what the check-ins hold: whose
/// class (`with`), whose account and its note (never a private one). The
/// named teacher is not called unaware: the person there may have been
/// someone else (a substitute), and the record does not say who.
fn unaware_words(letter: &Letter, days: &[&AccommodationDay]) -> String {
    // Check-ins that say the same, grouped so their dates read together.
    let mut groups: Vec<(String, Vec<NaiveDate>)> = Vec::new();
    for day in days {
        for (_, c) in day.check_ins.iter().filter(|(_, c)| c.unaware) {
            let class = c
                .with
                .as_deref()
                .and_then(|id| letter.case.team_member(id))
                .map(|m| format!(" in {}'s class", m.name))
                .unwrap_or_default();
            let account = accounts(letter, std::iter::once(c));
            let note = c.note.as_deref().map(str::trim).filter(|n| !c.private && !n.is_empty());
            // The note is the parent's own writing in the log: quoted as theirs,
            // never as the child's or a teacher's words.
            let noted = if c.source == CheckInSource::Parent { String::new() } else { "; my note of it".to_string() };
            let said = match note {
                Some(note) => format!(
                    "the person responsible for it{class} did not know of this accommodation ({account}{noted}: {})",
                    quote(note)
                ),
                None => format!("the person responsible for it{class} did not know of this accommodation ({account})"),
            };
            match groups.iter_mut().find(|(s, _)| *s == said) {
                Some((_, dates)) if !dates.contains(&day.date) => dates.push(day.date),
                Some(_) => {}
                None => groups.push((said, vec![day.date])),
            }
        }
    }
    groups.iter().map(|(said, dates)| format!(" On {}, {said}.", dates_in_words(dates))).collect()
}

/// The rule, once: a 504 plan's aids and services (`section-504-aids-and-services`);
/// an IEP's accessibility to each teacher where someone did not know of it
/// (`iep-accessible`). Citation and words from the rules data.
fn law(letter: &Letter, anyone_unaware: bool, context: &mut LetterContext) {
    let key = if letter.is_504() {
        "section-504-aids-and-services"
    } else if anyone_unaware {
        "iep-accessible"
    } else {
        return;
    };
    for rule in super::law::rules(letter, key) {
        context.law.push(format!("Under {}, {}.", rule.citation, rule.what));
    }
}

/// Whether a finding names an accommodation for this letter.
fn names_an_accommodation(finding: &Finding) -> bool {
    matches!(finding.evidence, Evidence::AccommodationNotProvided(_) | Evidence::StaffNotInformed(_))
}
