//! Findings: what a check reports, in the shape `spec/checks.md` gives.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::evidence::Evidence;

/// How much a finding matters. Ordered: `Info < Warn < Alert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warn,
    /// Something owed to the child is not happening.
    Alert,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Alert => "alert",
        }
    }
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warn" | "warning" => Some(Severity::Warn),
            "alert" => Some(Severity::Alert),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The letters `iep letter` writes (spec/cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterType {
    MeetingRequest,
    DataRequest,
    RecordsRequest,
    EvaluationRequest,
    PwnRequest,
    ServicesConcern,
    FollowUp,
    IeeRequest,
    MediationRequest,
    StateComplaint,
    /// The parent does not agree to changes (made without agreement, or
    /// rejected in writing) and asks that the accepted terms stay.
    Objection,
    /// The draft IEP and assessment summaries before a scheduled meeting.
    DraftRequest,
}

impl LetterType {
    pub const ALL: [LetterType; 12] = [
        LetterType::MeetingRequest,
        LetterType::DataRequest,
        LetterType::RecordsRequest,
        LetterType::EvaluationRequest,
        LetterType::PwnRequest,
        LetterType::ServicesConcern,
        LetterType::FollowUp,
        LetterType::IeeRequest,
        LetterType::MediationRequest,
        LetterType::StateComplaint,
        LetterType::Objection,
        LetterType::DraftRequest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LetterType::MeetingRequest => "meeting-request",
            LetterType::DataRequest => "data-request",
            LetterType::RecordsRequest => "records-request",
            LetterType::EvaluationRequest => "evaluation-request",
            LetterType::PwnRequest => "pwn-request",
            LetterType::ServicesConcern => "services-concern",
            LetterType::FollowUp => "follow-up",
            LetterType::IeeRequest => "iee-request",
            LetterType::MediationRequest => "mediation-request",
            LetterType::StateComplaint => "state-complaint",
            LetterType::Objection => "objection",
            LetterType::DraftRequest => "draft-request",
        }
    }

    pub fn parse(text: &str) -> Option<LetterType> {
        LetterType::ALL.into_iter().find(|t| t.as_str() == text)
    }

    /// What the letter is, in a parent's words.
    pub fn title(self) -> &'static str {
        match self {
            LetterType::MeetingRequest => "Request for an IEP team meeting",
            LetterType::DataRequest => "Request for progress data",
            LetterType::RecordsRequest => "Request for education records",
            LetterType::EvaluationRequest => "Request for an evaluation",
            LetterType::PwnRequest => "Request for prior written notice",
            LetterType::ServicesConcern => "Missed services and compensatory services",
            LetterType::FollowUp => "Follow-up in writing",
            LetterType::IeeRequest => "Request for an independent educational evaluation",
            LetterType::MediationRequest => "Request for mediation",
            LetterType::StateComplaint => "State complaint (draft)",
            LetterType::Objection => "Objection to changes I did not agree to",
            LetterType::DraftRequest => "Request for the draft and assessment summaries before the meeting",
        }
    }
}

impl fmt::Display for LetterType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    /// An item path (`services.speech`), a document path, or `case`.
    pub subject: String,
    /// The case file it was found in, relative to the case folder.
    pub document: Option<String>,
    /// One sentence a parent understands without jargon.
    pub message: String,
    /// The numbers and dates behind it, typed by its check.
    pub evidence: Evidence,
    /// The letter that acts on it.
    pub letter: Option<LetterType>,
    /// The day the finding arose (checks.md, "arises"), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

impl Finding {
    pub fn with_date(mut self, date: NaiveDate) -> Finding {
        self.date = Some(date);
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    pub fn in_document(mut self, document: impl Into<String>) -> Finding {
        self.document = Some(document.into());
        self
    }
}
