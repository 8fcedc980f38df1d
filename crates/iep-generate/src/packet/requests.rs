//! My letters: those still waiting for an answer, answers that came late, and
//! the dates still open.

use chrono::NaiveDate;
use iep_deadlines::Status;
use iep_model::{Case, long_date};
use serde::Serialize;

use super::Sources;
use super::words::{capitalize, plural};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequestRow {
    pub sent: String,
    pub what: String,
    pub to: String,
    /// The answer date, or "no fixed date".
    pub due: String,
    /// "overdue by 57 days", "waiting".
    pub status: String,
    pub overdue: bool,
    /// An answer came but left part of the request open.
    pub partly_answered: bool,
    pub citation: String,
    pub source: usize,
    /// The letter's file, to leave its deadline out of "Dates still open".
    #[serde(skip)]
    pub document: String,
}

/// An answer to one of my letters that came after its deadline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LateAnswer {
    pub sent: String,
    pub what: String,
    pub due: String,
    pub answered: String,
    /// "12 days late".
    pub late: String,
    pub citation: String,
    pub source: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeadlineRow {
    /// The due date written out, or "no fixed date".
    pub due: String,
    pub what: String,
    pub overdue: bool,
    /// "overdue", "upcoming", "no fixed date".
    pub status: String,
    pub citation: String,
    pub source: Option<usize>,
}

fn letter_title(letter: &iep_model::Letter) -> String {
    letter.subject.clone().unwrap_or_else(|| capitalize(&iep_deadlines::letter_words(&letter.letter_type)))
}

/// What sets a date, in my words: a rule's citation as it is; the dates
/// the rules data does not set are named by what set them.
fn citation(source: &iep_deadlines::Source) -> String {
    match source.key.as_str() {
        "reply-by" => "the date my letter asked for".to_owned(),
        "report-card" => "the school calendar".to_owned(),
        _ => source.citation.clone(),
    }
}

fn days_between(from: NaiveDate, to: NaiveDate) -> usize {
    usize::try_from((to - from).num_days()).unwrap_or(0)
}

/// Letters without a complete answer on the as-of date, with their deadline.
pub(super) fn requests(
    case: &Case,
    as_of: NaiveDate,
    deadlines: &[iep_deadlines::Deadline],
    sources: &mut Sources,
) -> Vec<RequestRow> {
    let mut out = Vec::new();
    for letter in case.letters.iter().filter(|l| l.response.as_ref().is_none_or(|r| !r.complete)) {
        let deadline = deadlines.iter().find(|d| d.subject == letter.path);
        let due = deadline.and_then(|d| d.due);
        let overdue = deadline.is_some_and(|d| d.status == Status::Overdue);
        let status = match (overdue, due) {
            (true, Some(due)) => format!("overdue by {}", plural(days_between(due, as_of), "day", "days")),
            _ => "waiting".to_owned(),
        };
        out.push(RequestRow {
            sent: long_date(letter.date),
            what: letter_title(letter),
            to: super::person(case, &letter.to).name,
            due: due.map_or_else(|| "no fixed date".to_owned(), long_date),
            status,
            overdue,
            partly_answered: letter.response.is_some(),
            citation: deadline.map(|d| citation(&d.source)).unwrap_or_default(),
            source: sources.cite(&letter.path),
            document: letter.path.clone(),
        });
    }
    out
}

/// Every answer to my letters (sent from `from` on) that came after the
/// deadline `iep-deadlines` gives the letter.
pub(super) fn late_answers(case: &Case, from: Option<NaiveDate>, sources: &mut Sources) -> Vec<LateAnswer> {
    let mut out = Vec::new();
    for letter in case.letters.iter().filter(|l| from.is_none_or(|f| l.date >= f)) {
        let Some(response) = &letter.response else { continue };
        let deadline = iep_deadlines::response_deadline(case, letter);
        let Some(due) = deadline.due() else { continue };
        if response.date <= due {
            continue;
        }
        out.push(LateAnswer {
            sent: long_date(letter.date),
            what: letter_title(letter),
            due: long_date(due),
            answered: long_date(response.date),
            late: format!("{} late", plural(days_between(due, response.date), "day", "days")),
            citation: citation(&deadline.source(letter)),
            source: sources.cite(&letter.path),
        });
    }
    out
}

/// Open dates other than my letters' (those are in the requests table):
/// overdue first, then upcoming, then those with no fixed date.
pub(super) fn deadlines(
    deadlines: &[iep_deadlines::Deadline],
    requests: &[RequestRow],
    sources: &mut Sources,
) -> Vec<DeadlineRow> {
    let rank = |s: Status| match s {
        Status::Overdue => 0,
        Status::Upcoming => 1,
        Status::NoFixedDate => 2,
        Status::Done => 3,
    };
    let mut open: Vec<&iep_deadlines::Deadline> = deadlines
        .iter()
        .filter(|d| d.status != Status::Done && !requests.iter().any(|r| r.document == d.subject))
        .collect();
    open.sort_by_key(|d| rank(d.status));
    open.into_iter()
        .map(|d| DeadlineRow {
            due: d.due.map_or_else(|| "no fixed date".to_owned(), long_date),
            what: super::dates_written_out(&d.what),
            overdue: d.status == Status::Overdue,
            status: match d.status {
                Status::Overdue => "overdue",
                Status::Upcoming => "upcoming",
                Status::NoFixedDate => "no fixed date",
                Status::Done => "done",
            }
            .to_owned(),
            citation: citation(&d.source),
            source: d.document.as_deref().map(|doc| sources.cite(doc)),
        })
        .collect()
}
