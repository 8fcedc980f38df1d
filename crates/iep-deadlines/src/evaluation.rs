//! Evaluation deadlines counted from a consent (checks.md, `evaluation-overdue`),
//! and the answers to letters that came late.

use chrono::NaiveDate;
use iep_model::{Case, Consent, ConsentFor, Doc, EvaluationType, Rule};
use serde::Serialize;

use crate::{due_after, response_deadline};

/// The deadline to complete the evaluation a consent was given for: the
/// state's rule in the rules data, else the federal one. `None` when the
/// consent was refused, is for something else, or no rule applies (a
/// reevaluation where the state sets no deadline from consent).
pub fn evaluation_due<'a>(case: &'a Case, consent: &Consent) -> Option<(NaiveDate, &'a Rule)> {
    if !consent.given {
        return None;
    }
    let rule = case.rules.evaluation_deadline(consent.consent_for)?;
    Some((due_after(case, consent.date, rule)?, rule))
}

/// The evaluation type that answers a consent.
pub fn answering_type(consent_for: ConsentFor) -> Option<EvaluationType> {
    match consent_for {
        ConsentFor::InitialEvaluation => Some(EvaluationType::Initial),
        ConsentFor::Reevaluation => Some(EvaluationType::Reevaluation),
        ConsentFor::Services | ConsentFor::Other => None,
    }
}

/// The first evaluation of the type the consent asked for dated on or after
/// it and on or before `as_of`, with its file.
pub fn evaluation_after<'a>(case: &'a Case, consent: &Doc<Consent>, as_of: NaiveDate) -> Option<(NaiveDate, &'a str)> {
    let wanted = answering_type(consent.consent_for)?;
    case.evaluations
        .iter()
        .find(|e| e.evaluation_type == wanted && e.date >= consent.date && e.date <= as_of)
        .map(|e| (e.date, e.path.as_str()))
}

/// A letter the school answered after its response deadline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LateAnswer {
    /// The letter's file.
    pub letter: String,
    pub letter_date: NaiveDate,
    pub letter_type: String,
    pub due: NaiveDate,
    pub answered: NaiveDate,
    /// Days from the deadline to the answer.
    pub days_late: i64,
    /// `false`: the answer left part of the request open.
    pub complete: bool,
    /// The deadline's citation (or "the reply date your letter asked for").
    pub source: String,
}

/// Every answer dated on or before `as_of` that came after its letter's
/// response deadline, in letter order: `response-overdue` no longer fires for
/// them, but a pattern of late answers is evidence (checks.md, "Deadlines").
pub fn late_answers(case: &Case, as_of: NaiveDate) -> Vec<LateAnswer> {
    let mut out = Vec::new();
    for letter in case.letters.iter().filter(|l| l.date <= as_of) {
        let Some(response) = letter.response.as_ref().filter(|r| r.date <= as_of) else { continue };
        let deadline = response_deadline(case, letter);
        let Some(due) = deadline.due() else { continue };
        if response.date <= due {
            continue;
        }
        out.push(LateAnswer {
            letter: letter.path.clone(),
            letter_date: letter.date,
            letter_type: letter.letter_type.clone(),
            due,
            answered: response.date,
            days_late: (response.date - due).num_days(),
            complete: response.complete,
            source: deadline.source(letter).citation,
        });
    }
    out
}
