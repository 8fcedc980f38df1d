//! The case's other records: meetings, notices, letters, communications,
//! observations, evaluations and consents.

use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: meeting ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "type")]
    meeting_type: String,
    requested: Option<RawRequested>,
    #[serde(default)]
    attendees: Option<Vec<String>>,
    #[serde(default)]
    agreed: Option<Vec<String>>,
    notes: Option<String>,
    #[serde(default)]
    concerns: Option<Vec<String>>,
    #[serde(default)]
    questions: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequested {
    by: String,
    date: Date,
}

// ---- kind: prior-written-notice ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    action: String,
    #[serde(default)]
    covers: Option<Vec<String>>,
    description: String,
    notes: Option<String>,
}

// ---- kind: letter ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "type")]
    letter_type: String,
    to: String,
    #[serde(default)]
    cc: Option<Vec<String>>,
    via: Option<String>,
    subject: Option<String>,
    reply_by: Option<Date>,
    response: Option<RawResponse>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    date: Date,
    summary: Option<String>,
    complete: Option<bool>,
}

// ---- kind: communications / observations ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommunications {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    #[serde(default)]
    entries: Option<Vec<RawCommunication>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommunication {
    date: Date,
    with: Option<String>,
    via: Option<String>,
    summary: String,
    private: Option<bool>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObservations {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    #[serde(default)]
    entries: Option<Vec<RawObservation>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    date: Date,
    note: String,
    private: Option<bool>,
    notes: Option<String>,
}

// ---- kind: evaluation ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluation {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "type")]
    evaluation_type: String,
    #[serde(default)]
    areas: Option<Vec<String>>,
    by: Option<String>,
    notes: Option<String>,
}

// ---- kind: consent ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsent {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "for")]
    consent_for: String,
    given: bool,
    notes: Option<String>,
}


impl RawMeeting {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::Meeting {
        use m::MeetingType as T;
        let meeting_type = one_of(
            &self.meeting_type,
            &[
                ("annual-review", T::AnnualReview),
                ("amendment", T::Amendment),
                ("eligibility", T::Eligibility),
                ("reevaluation", T::Reevaluation),
                ("other", T::Other),
            ],
            at!["type"],
            "type",
            problems,
        )
        .unwrap_or(T::Other);
        let agreed = item_refs(&list_or_empty(self.agreed), "agreed", problems);
        m::Meeting {
            date: self.date.0,
            meeting_type,
            requested: self.requested.map(|r| m::Requested { by: r.by, date: r.date.0 }),
            attendees: list_or_empty(self.attendees),
            agreed,
            notes: self.notes,
            concerns: list_or_empty(self.concerns),
            questions: list_or_empty(self.questions),
        }
    }
}

impl RawNotice {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::PriorWrittenNotice {
        let action = one_of(
            &self.action,
            &[("proposes", m::NoticeAction::Proposes), ("refuses", m::NoticeAction::Refuses)],
            at!["action"],
            "action",
            problems,
        )
        .unwrap_or(m::NoticeAction::Proposes);
        let covers = item_refs(&list_or_empty(self.covers), "covers", problems);
        m::PriorWrittenNotice { date: self.date.0, action, covers, description: self.description, notes: self.notes }
    }
}

impl RawLetter {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Letter {
        m::Letter {
            date: self.date.0,
            letter_type: self.letter_type,
            to: self.to,
            cc: list_or_empty(self.cc),
            via: self.via,
            subject: self.subject,
            reply_by: self.reply_by.map(|d| d.0),
            response: self.response.map(|r| m::Response { date: r.date.0, summary: r.summary, complete: r.complete.unwrap_or(true) }),
            notes: self.notes,
        }
    }
}

impl RawCommunications {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Communications {
        m::Communications {
            entries: list_or_empty(self.entries)
                .into_iter()
                .map(|c| m::Communication {
                    date: c.date.0,
                    with: c.with,
                    via: c.via,
                    summary: c.summary,
                    private: c.private.unwrap_or(false),
                    notes: c.notes,
                })
                .collect(),
            notes: self.notes,
        }
    }
}

impl RawObservations {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Observations {
        m::Observations {
            entries: list_or_empty(self.entries)
                .into_iter()
                .map(|o| m::Observation { date: o.date.0, note: o.note, private: o.private.unwrap_or(false), notes: o.notes })
                .collect(),
            notes: self.notes,
        }
    }
}

impl RawEvaluation {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::Evaluation {
        use m::EvaluationType as T;
        let evaluation_type = one_of(
            &self.evaluation_type,
            &[("initial", T::Initial), ("reevaluation", T::Reevaluation), ("independent", T::Independent)],
            at!["type"],
            "type",
            problems,
        )
        .unwrap_or(T::Reevaluation);
        let by = match &self.by {
            // An independent evaluation is by an independent evaluator unless it says otherwise.
            None if evaluation_type == T::Independent => m::Evaluator::Independent,
            None => m::Evaluator::School,
            Some(b) => one_of(b, &[("school", m::Evaluator::School), ("independent", m::Evaluator::Independent)], at!["by"], "by", problems)
                .unwrap_or_default(),
        };
        m::Evaluation { date: self.date.0, evaluation_type, areas: list_or_empty(self.areas), by, notes: self.notes }
    }
}

impl RawConsent {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::Consent {
        use m::ConsentFor as F;
        let consent_for = one_of(
            &self.consent_for,
            &[("initial-evaluation", F::InitialEvaluation), ("reevaluation", F::Reevaluation), ("services", F::Services), ("other", F::Other)],
            at!["for"],
            "for",
            problems,
        )
        .unwrap_or(F::Other);
        m::Consent { date: self.date.0, consent_for, given: self.given, notes: self.notes }
    }
}

