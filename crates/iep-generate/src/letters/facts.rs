//! What the case's own records say, for a letter's sentences of fact: the
//! meeting a change came out of, the notice on file for it, what the parent
//! accepted and when, the requests still open, and when a letter has nothing
//! true to say (spec/letters.md: a fact only where a record supports it).

use chrono::NaiveDate;
use iep_model::{
    Case, ChangeDirection, Consent, ConsentFor, Doc, Evidence, IepVersion, ItemPath, LetterType, NoticeAction,
    PriorWrittenNotice, long_date,
};

use super::changes::{Change, ChangeSet};
use super::{Letter, LetterContext};
use crate::wording::{case_plan, plan_name};

/// The meeting a change was made at: the one the version says produced
/// it, else a meeting held while it was prepared (after the version before
/// it took effect, up to its own effective date). With whether a record of
/// that meeting is on file. `None`: no meeting was held.
pub(crate) fn meeting_of(case: &Case, change: &Change) -> Option<(NaiveDate, bool)> {
    let index = case.versions.iter().position(|v| v.id == change.version)?;
    let version = &case.versions[index];
    let recorded = |date: NaiveDate| case.meetings.iter().any(|m| m.date == date);
    if let Some(date) = version.meeting {
        return Some((date, recorded(date)));
    }
    let after = index.checked_sub(1).and_then(|i| case.versions.get(i)).map(|v| v.effective);
    case.meetings
        .iter()
        .map(|m| m.date)
        .filter(|d| after.is_none_or(|a| *d > a) && *d <= version.effective)
        .max()
        .map(|d| (d, true))
}

/// The notice on file about a change: the latest that proposed it before it
/// took effect, else any later notice covering the item (a late notice, a
/// refusal). Only notices dated after the version before it took effect.
pub(crate) fn notice_on_file<'c>(case: &'c Case, change: &Change) -> Option<&'c Doc<PriorWrittenNotice>> {
    let path = ItemPath::parse(change.subject)?;
    let since = change.window_from;
    let about: Vec<&Doc<PriorWrittenNotice>> =
        case.notices.iter().filter(|n| n.covers.covers_any(&[&path]) && since.is_none_or(|s| n.date >= s)).collect();
    let before = about
        .iter()
        .filter(|n| n.action == NoticeAction::Proposes && change.effective.is_none_or(|e| n.date <= e))
        .max_by_key(|n| n.date);
    before.or_else(|| about.iter().max_by_key(|n| n.date)).copied()
}

/// What the notice on file says of the change, as the start of a sentence
/// ("your notice of January 5, 2026 proposed this change").
pub(crate) fn notice_words(change: &Change, notice: &Doc<PriorWrittenNotice>) -> String {
    let date = long_date(notice.date);
    match notice.action {
        NoticeAction::Proposes if change.effective.is_none_or(|e| notice.date <= e) => {
            format!("your notice of {date} proposed this change")
        }
        NoticeAction::Proposes => format!(
            "your notice of {date} proposed this change after it took effect{}",
            change.effective.map(|e| format!(" on {}", long_date(e))).unwrap_or_default()
        ),
        NoticeAction::Refuses => match Some(notice.description.trim()).filter(|d| !d.is_empty()) {
            Some(description) => format!("your notice of {date} refused a change: \u{201c}{description}\u{201d}"),
            None => format!("your notice of {date} refused a change to it"),
        },
    }
}

/// The version a change was compared with, as the parent can truthfully
/// name it: "the IEP I accepted on September 6, 2025" (signed), "the IEP
/// agreed at the meeting of ..." (a meeting recorded the agreement), else
/// "the IEP dated ..." (no record of acceptance: none is claimed).
pub(crate) fn accepted_version(case: &Case, version: &IepVersion) -> String {
    let plan = plan_name(version.plan);
    if let Some(signed) = version.parent_signed {
        return format!("the {plan} I accepted on {}", long_date(signed));
    }
    let agreed_at = version
        .meeting
        .and_then(|date| case.meetings.iter().find(|m| m.date == date && !m.agreed.is_empty()))
        .map(|m| m.date);
    match agreed_at {
        Some(date) => format!("the {plan} agreed at the meeting of {}", long_date(date)),
        None => format!("the {plan} dated {}", long_date(version.effective)),
    }
}

/// The date the parent rejected a version's items in writing: the written
/// (partial) acceptance that lists them. `None` when the case dates no
/// rejection: then no date is stated.
pub(crate) fn rejected_on(version: &IepVersion) -> Option<NaiveDate> {
    version.parent_signed
}

/// A letter of the same type the parent sent before, still open (no
/// answer, or one that left part of it unanswered): (its date, the partial
/// answer's date).
pub(crate) fn open_request(letter: &Letter, letter_type: LetterType) -> Option<(NaiveDate, Option<NaiveDate>)> {
    letter
        .case
        .letters
        .iter()
        .filter(|l| l.letter_type == letter_type.as_str() && l.date <= letter.request.date)
        .filter(|l| l.response.as_ref().is_none_or(|r| !r.complete))
        .max_by_key(|l| l.date)
        .map(|l| (l.date, l.response.as_ref().map(|r| r.date)))
}

/// The parent's unanswered request of `letter_type` whose deadline has
/// passed: (sent, due, why), why being the rule's citation or the date the
/// letter asked for. A letter that repeats it never asks for a later date
/// than that (letters.md: never after the date the rule gives).
pub(crate) fn overdue_open_request(letter: &Letter, letter_type: LetterType) -> Option<(NaiveDate, NaiveDate, String)> {
    let record = letter
        .case
        .letters
        .iter()
        .filter(|l| l.letter_type == letter_type.as_str() && l.date <= letter.request.date && l.response.is_none())
        .max_by_key(|l| l.date)?;
    let deadline = iep_deadlines::response_deadline(letter.case, record);
    let due = deadline.due().filter(|due| *due < letter.request.date)?;
    let why = match &deadline {
        iep_deadlines::ResponseDeadline::Rule { rule, .. } => format!(" ({})", rule.citation),
        _ => ", the date I asked for".to_string(),
    };
    Some((record.date, due, why))
}

/// The reply a letter repeating an overdue request asks for: at once, by the
/// date the request was due, never a later one.
pub(crate) fn ask_at_once(letter: &Letter, context: &mut LetterContext, letter_type: LetterType, what: &str) {
    if let Some((sent, due, _)) = overdue_open_request(letter, letter_type) {
        context.respond_by =
            Some(format!("without further delay: {what} of {} was due by {}", long_date(sent), long_date(due)));
    }
}

/// Names the parent's open request of `letter_type` in the background ("I
/// asked for ... in my letter of ...: this letter repeats it") and lists that
/// letter among the documents referred to.
pub(crate) fn name_open_request(letter: &Letter, context: &mut LetterContext, letter_type: LetterType, what: &str) {
    let Some((sent, answered)) = open_request(letter, letter_type) else { return };
    context.background.push(match answered {
        Some(answered) => format!(
            "I asked for {what} in my letter of {}, and you answered it only in part on {}: that request is still open, and this letter repeats it.",
            long_date(sent),
            long_date(answered)
        ),
        None => match overdue_open_request(letter, letter_type) {
            // Its own date is stated: the repeat restarts no clock.
            Some((_, due, why)) => format!(
                "I asked for {what} in my letter of {}; it was due by {}{why}, and it is still open: this letter repeats it.",
                long_date(sent),
                long_date(due)
            ),
            None => format!(
                "I asked for {what} in my letter of {}, and that request is still open: this letter repeats it.",
                long_date(sent)
            ),
        },
    });
    context.documents.push(format!("My letter of {}", long_date(sent)));
}

/// The consent the parent gave to the evaluation an evaluation request
/// would ask for (a reevaluation for a child with a plan, else an initial
/// evaluation) that no evaluation of its kind has answered by `on`: the
/// district already has what it needs, so a letter asks for the evaluation
/// to be completed, never for it to begin.
pub(crate) fn pending_consent(case: &Case, on: NaiveDate) -> Option<&Doc<Consent>> {
    let wanted = if case.versions.is_empty() { ConsentFor::InitialEvaluation } else { ConsentFor::Reevaluation };
    case.consents
        .iter()
        .filter(|c| c.given && c.consent_for == wanted && c.date <= on)
        .filter(|c| iep_deadlines::evaluation_after(case, c, on).is_none())
        .max_by_key(|c| c.date)
}

/// "the reevaluation of Noah", "an initial evaluation of Noah": what a consent was given for.
pub(crate) fn consent_words(consent: &Consent, first: &str) -> String {
    match consent.consent_for {
        ConsentFor::Reevaluation => format!("the reevaluation of {first}"),
        _ => format!("the evaluation of {first}"),
    }
}

/// Whether the letter goes to the district's director (then the next step
/// never says "I will write to the district's director").
pub(crate) fn to_director(letter: &Letter) -> bool {
    letter.case.team_member(&letter.request.to).is_some_and(|m| {
        m.id.to_lowercase().contains("director")
            || m.role.as_deref().is_some_and(|r| r.to_lowercase().contains("director"))
            || m.at == iep_model::Workplace::District
    })
}

/// Why a letter type has nothing true to say given the findings, as one
/// sentence; `None` when it can be written. Shared by `iep letter` (exit 2)
/// and `iep build` (the type is skipped).
pub(crate) fn nothing_to_say(case: &Case, findings: &[iep_model::Finding], letter_type: LetterType) -> Option<String> {
    let first = case.info.child.name.split_whitespace().next().unwrap_or_default().to_string();
    let plan = plan_name(case_plan(case));
    let no_plan = case.versions.is_empty();
    match letter_type {
        LetterType::Objection
        | LetterType::ServicesConcern
        | LetterType::DataRequest
        | LetterType::MediationRequest
            if no_plan =>
        {
            Some(format!(
                "{first} has no {plan} in the case yet, so there is no {} letter to write: it speaks of a plan in force.",
                letter_type.as_str()
            ))
        }
        LetterType::Objection => {
            let set = ChangeSet::of(case, findings);
            if !set.to_object.is_empty() || !set.rejections.is_empty() {
                return None;
            }
            Some(if set.only_added {
                format!(
                    "The only changes you did not agree to add to {first}'s {plan} or strengthen it: they are worth raising with the team, not objecting to, so there is no objection letter to write."
                )
            } else if set.without_notice.iter().any(|c| c.unagreed) {
                "The changes you did not agree to have no notice on file, so they go in the pwn-request letter (which says you did not agree to them): there is no objection letter to write.".to_string()
            } else {
                format!("No change to {first}'s {plan} lacks your agreement, so there is no objection letter to write.")
            })
        }
        LetterType::DataRequest => {
            let has_goals = case.versions.last().is_some_and(|v| !v.goals.is_empty());
            let asks = findings.iter().any(|f| f.letter == Some(LetterType::DataRequest));
            (!has_goals && !asks).then(|| {
                format!(
                    "{first}'s {plan} has no goals and no progress data are in question, so there is no data-request letter to write; ask for the plan's records with a records-request."
                )
            })
        }
        // The deadline of a consent already given has passed: the follow-up asks for the evaluation.
        LetterType::EvaluationRequest => findings
            .iter()
            .find_map(|f| match &f.evidence {
                Evidence::EvaluationOverdue(e) => Some(e),
                _ => None,
            })
            .map(|e| {
                let what = if e.consent_for == ConsentFor::Reevaluation { "reevaluation" } else { "evaluation" };
                format!(
                    "You consented to the {what} on {} and the district's deadline to complete it has passed, so there is no evaluation-request letter to write: the follow-up letter asks for the {what} to be completed.",
                    long_date(e.consent_date)
                )
            }),
        LetterType::FollowUp => {
            let asks = findings.iter().any(|f| f.letter == Some(LetterType::FollowUp));
            (!asks).then(|| {
                "Nothing you asked for in writing is overdue or answered only in part, so there is no follow-up letter to write.".to_string()
            })
        }
        LetterType::ServicesConcern => {
            let asks = findings.iter().any(|f| f.letter == Some(LetterType::ServicesConcern));
            let logged = case.service_logs.iter().any(|l| !l.entries.is_empty())
                || case.check_ins.iter().any(|c| !c.entries.is_empty());
            (!asks && !logged).then(|| {
                format!(
                    "Nothing in the case records a session of {first}'s services or whether an accommodation was given, so there is no services-concern letter to write; record the days first (iep log)."
                )
            })
        }
        _ => None,
    }
}

/// Whether a change only adds an item or makes it stronger (more time, a
/// higher target): worth raising, not objecting to.
pub(crate) fn only_adds(change: &Change) -> bool {
    matches!(change.direction, Some(ChangeDirection::Added | ChangeDirection::Increased))
}
