//! The annual review date and the three-year reevaluation, each counted from
//! what the case records (checks.md, `annual-review-due` and `reevaluation-due`).

use chrono::NaiveDate;
use iep_model::{ANNUAL_REVIEW_KEY, Case, EvaluationType, MeetingType, Rule, TermsHistory};
use serde::Serialize;

pub use iep_model::ReviewBasis;

/// The annual review date as of a day, with what it was counted from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualReview {
    /// The day the next review is due.
    pub due: NaiveDate,
    /// The last review, when the case records one (`None` for `VersionEnd`).
    pub last_review: Option<NaiveDate>,
    pub basis: ReviewBasis,
    /// The index in `Case::versions` of the version in force.
    pub version: usize,
    /// The file the basis comes from (the meeting's or the version's).
    pub document: String,
    /// The rule of the rules data that sets the period.
    pub rule: Rule,
}

impl AnnualReview {
    /// "the annual review meeting of 2025-09-10", for messages.
    pub fn describe_basis(&self) -> String {
        match (self.basis, self.last_review) {
            (ReviewBasis::AnnualReviewMeeting, Some(day)) => format!("the annual review meeting of {day}"),
            (ReviewBasis::VersionMeeting, Some(day)) => format!("the meeting of {day} that wrote the annual IEP"),
            (ReviewBasis::VersionEffective, Some(day)) => format!("the annual IEP that took effect on {day}"),
            _ => "the end date of the IEP in force".to_owned(),
        }
    }
}

/// The annual review date on `as_of` (checks.md, `annual-review-due`): one
/// year after the latest `annual-review` meeting on or before `as_of`, else
/// after the `meeting` date of the latest version without `amends` in force,
/// else after its `effective`; with none of these, the `end` of the version in
/// force. `None` without a version in force (or, in the last case, an `end`),
/// and where the rules data has no annual review for the plan (a 504 plan).
/// The period (a year) is the rule's.
pub fn annual_review(case: &Case, history: &TermsHistory, as_of: NaiveDate) -> Option<AnnualReview> {
    let rule = case.rules.by_key(ANNUAL_REVIEW_KEY)?.clone();
    // February 29 falls back to February 28.
    let one_period_after = |day: NaiveDate| crate::due_after(case, day, &rule).unwrap_or(day);
    let terms = history.on(as_of)?;
    let in_force = terms.version;
    let meeting = case
        .meetings
        .iter()
        .filter(|m| m.meeting_type == MeetingType::AnnualReview && m.date <= as_of)
        .max_by_key(|m| m.date);
    if let Some(meeting) = meeting {
        return Some(AnnualReview {
            due: one_period_after(meeting.date),
            last_review: Some(meeting.date),
            basis: ReviewBasis::AnnualReviewMeeting,
            version: in_force,
            document: meeting.path.clone(),
            rule,
        });
    }
    // The latest annual plan that took effect: a version rejected in full never did.
    let annual = case.versions[..=in_force.min(case.versions.len().saturating_sub(1))]
        .iter()
        .rev()
        .find(|v| v.amends.is_none() && !v.parent_rejected.has_all() && v.effective <= as_of);
    if let Some(version) = annual {
        let (day, basis) = match version.meeting.filter(|m| *m <= as_of) {
            Some(meeting) => (meeting, ReviewBasis::VersionMeeting),
            None => (version.effective, ReviewBasis::VersionEffective),
        };
        return Some(AnnualReview {
            due: one_period_after(day),
            last_review: Some(day),
            basis,
            version: in_force,
            document: version.path.clone(),
            rule,
        });
    }
    let end = terms.end?;
    let version = case.versions.get(in_force)?;
    Some(AnnualReview {
        due: end,
        last_review: None,
        basis: ReviewBasis::VersionEnd,
        version: in_force,
        document: version.path.clone(),
        rule,
    })
}

/// The latest evaluation the three-year clock counts from: an evaluation of
/// type `initial` or `reevaluation`, or a meeting of type `eligibility` or
/// `reevaluation`, on or before `as_of`; with its file.
pub fn last_evaluation(case: &Case, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    let evaluations = case
        .evaluations
        .iter()
        .filter(|e| matches!(e.evaluation_type, EvaluationType::Initial | EvaluationType::Reevaluation))
        .map(|e| (e.date, e.path.clone()));
    let meetings = case
        .meetings
        .iter()
        .filter(|m| matches!(m.meeting_type, MeetingType::Eligibility | MeetingType::Reevaluation))
        .map(|m| (m.date, m.path.clone()));
    // On a tie the evaluation report is the better document to point to.
    evaluations.chain(meetings).filter(|(day, _)| *day <= as_of).fold(
        None,
        |best: Option<(NaiveDate, String)>, next| match best {
            Some(b) if b.0 >= next.0 => Some(b),
            _ => Some(next),
        },
    )
}
