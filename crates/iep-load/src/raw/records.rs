//! The case's other records: meetings, notices, letters, communications,
//! observations, evaluations and consents.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: meeting ----

/// A meeting with the school.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The day of the meeting.
    #[schemars(extend("examples" = ["2026-01-27"]))]
    date: Date,
    /// `annual-review`, `amendment`, `eligibility`, `reevaluation` or `other`.
    #[serde(rename = "type")]
    #[schemars(extend("examples" = ["amendment"]))]
    meeting_type: String,
    /// Who asked for the meeting, and when.
    requested: Option<RawRequested>,
    /// Who came: team member ids, or `parent`.
    #[serde(default)]
    #[schemars(extend("examples" = [["parent", "case-manager", "principal"]]))]
    attendees: Option<Vec<String>>,
    /// The changes the parent agreed to here, as item paths; `[all]`: the whole draft.
    #[serde(default)]
    #[schemars(extend("examples" = [["accommodations.A6", "services.ot"]]))]
    agreed: Option<Vec<String>>,
    /// What happened, in words.
    #[schemars(extend("examples" = ["Team agreed to add text-to-speech and to move OT to consult."]))]
    notes: Option<String>,
    /// Concerns to raise at the meeting (for the packet).
    #[serde(default)]
    #[schemars(extend("examples" = [["Speech was missed three times in October."]]))]
    concerns: Option<Vec<String>>,
    /// Questions to ask at the meeting (for the packet).
    #[serde(default)]
    #[schemars(extend("examples" = [["Who makes up the missed sessions?"]]))]
    questions: Option<Vec<String>>,
}

/// Who asked for a meeting, and when.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawRequested {
    /// A team member id, or `parent`.
    #[schemars(extend("examples" = ["parent"]))]
    by: String,
    /// The day it was asked for.
    #[schemars(extend("examples" = ["2026-01-05"]))]
    date: Date,
}

// ---- kind: prior-written-notice ----

/// A prior written notice the school sent.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The date of the notice.
    #[schemars(extend("examples" = ["2026-02-05"]))]
    date: Date,
    /// `proposes` or `refuses`.
    #[schemars(extend("examples" = ["proposes"]))]
    action: String,
    /// The items it covers, as item paths; `[all]`: every change of the version it goes with.
    /// May be empty when a refusal is not of an item (the description says what).
    #[serde(default)]
    #[schemars(extend("examples" = [["services.ot"]]))]
    covers: Option<Vec<String>>,
    /// What the school proposes or refuses, as the notice says it.
    #[schemars(extend("examples" = ["Change OT from direct service to consultation."]))]
    description: String,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

// ---- kind: letter ----

/// A letter the parent sent (`iep letter --record` writes one).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The day it was sent.
    #[schemars(extend("examples" = ["2026-02-12"]))]
    date: Date,
    /// One of the letter types the tool generates, or other text.
    #[serde(rename = "type")]
    #[schemars(extend("examples" = ["records-request"]))]
    letter_type: String,
    /// The team member id it was sent to.
    #[schemars(extend("examples" = ["case-manager"]))]
    to: String,
    /// Team member ids copied.
    #[serde(default)]
    #[schemars(extend("examples" = [["principal"]]))]
    cc: Option<Vec<String>>,
    /// How it was sent: `email`, `mail`, `certified-mail` or `hand`.
    #[schemars(extend("examples" = ["email"]))]
    via: Option<String>,
    /// The subject line.
    #[schemars(extend("examples" = ["Request for copies of Maya's education records"]))]
    subject: Option<String>,
    /// The reply date the letter asked for. Without it the state's rule for this letter type sets the deadline.
    #[schemars(extend("examples" = ["2026-02-26"]))]
    reply_by: Option<Date>,
    /// The school's answer, once it came.
    response: Option<RawResponse>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// The school's answer to a letter.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    /// The day the answer came.
    #[schemars(extend("examples" = ["2026-03-01"]))]
    date: Date,
    /// What it said.
    #[schemars(extend("examples" = ["Records received"]))]
    summary: Option<String>,
    /// `false`: the answer left part of the request unanswered, which stays open.
    #[schemars(extend("examples" = [false]), extend("default" = true))]
    complete: Option<bool>,
}

// ---- kind: communications / observations ----

/// Calls, emails and notes exchanged with the school. Entries of several files are merged.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCommunications {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// One entry per exchange.
    #[serde(default)]
    entries: Option<Vec<RawCommunication>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// One exchange with the school.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawCommunication {
    /// The day of the exchange.
    #[schemars(extend("examples" = ["2026-01-05"]))]
    date: Date,
    /// The team member id it was with.
    #[schemars(extend("examples" = ["case-manager"]))]
    with: Option<String>,
    /// How: free text (email, phone, meeting, note home, ...).
    #[schemars(extend("examples" = ["email"]))]
    via: Option<String>,
    /// What was said.
    #[schemars(extend("examples" = ["Asked why speech was missed twice."]))]
    summary: String,
    /// `true`: the family's own; checks may use it, but no letter, packet or report prints it.
    #[schemars(extend("examples" = [true]), extend("default" = false))]
    private: Option<bool>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// What the family saw at home. Entries of several files are merged.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObservations {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// One entry per observation.
    #[serde(default)]
    entries: Option<Vec<RawObservation>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// One observation at home.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    /// The day of the observation.
    #[schemars(extend("examples" = ["2025-10-20"]))]
    date: Date,
    /// What was seen or said.
    #[schemars(extend("examples" = ["Came home exhausted; said she had no speech again."]))]
    note: String,
    /// `true`: the family's own; checks may use it, but no letter, packet or report prints it.
    #[schemars(extend("examples" = [true]), extend("default" = false))]
    private: Option<bool>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

// ---- kind: evaluation ----

/// An evaluation report (school or independent).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvaluation {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The date of the report.
    #[schemars(extend("examples" = ["2025-10-01"]))]
    date: Date,
    /// `initial`, `reevaluation` or `independent`.
    #[serde(rename = "type")]
    #[schemars(extend("examples" = ["reevaluation"]))]
    evaluation_type: String,
    /// The areas evaluated, in free words.
    #[serde(default)]
    #[schemars(extend("examples" = [["speech", "academic"]]))]
    areas: Option<Vec<String>>,
    /// `school` or `independent`. Default: `independent` for an independent evaluation, else `school`.
    #[schemars(extend("examples" = ["school"]))]
    by: Option<String>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

// ---- kind: consent ----

/// A consent the parent gave (or refused).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConsent {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The day the school received the parent's signed form.
    #[schemars(extend("examples" = ["2026-04-02"]))]
    date: Date,
    /// `initial-evaluation`, `reevaluation`, `services` or `other`.
    #[serde(rename = "for")]
    #[schemars(extend("examples" = ["reevaluation"]))]
    consent_for: String,
    /// `false`: the parent refused consent.
    #[schemars(extend("examples" = [true]))]
    given: bool,
    /// Free text that no field holds. Kept, never parsed.
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
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::Letter {
        if let Some(r) = &self.response
            && r.date.0 < self.date.0
        {
            problems.push(
                Problem::new(
                    at!["response", "date"],
                    format!("the response is dated {}, before the letter ({})", r.date.0, self.date.0),
                )
                .help("a reply comes after the letter: check the two dates on the papers"),
            );
        }
        m::Letter {
            date: self.date.0,
            letter_type: self.letter_type,
            to: self.to,
            cc: list_or_empty(self.cc),
            via: self.via,
            subject: self.subject,
            reply_by: self.reply_by.map(|d| d.0),
            response: self.response.map(|r| m::Response {
                date: r.date.0,
                summary: r.summary,
                complete: r.complete.unwrap_or(true),
            }),
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
                .map(|o| m::Observation {
                    date: o.date.0,
                    note: o.note,
                    private: o.private.unwrap_or(false),
                    notes: o.notes,
                })
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
            Some(b) => one_of(
                b,
                &[("school", m::Evaluator::School), ("independent", m::Evaluator::Independent)],
                at!["by"],
                "by",
                problems,
            )
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
            &[
                ("initial-evaluation", F::InitialEvaluation),
                ("reevaluation", F::Reevaluation),
                ("services", F::Services),
                ("other", F::Other),
            ],
            at!["for"],
            "for",
            problems,
        )
        .unwrap_or(F::Other);
        m::Consent { date: self.date.0, consent_for, given: self.given, notes: self.notes }
    }
}
