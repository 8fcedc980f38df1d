//! What each check found, typed: one struct per check, one variant of
//! [`Evidence`] per code. Letters, the packet and the report read these
//! fields, so renaming one is a compile error, never a blank sentence.
//!
//! Each struct's fields are declared in the order the JSON output prints them
//! (`--format json`, `findings.json`); a field a check states only sometimes
//! is skipped when absent, one it always states is `null` when unknown.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{CheckInSource, ConsentFor, Direction, ProgressMeaning, Provided, Source};
use crate::finding::LetterType;
use crate::vocab::{ChangeDirection, ChangeKind, Field, ReviewBasis, Trend, Unit};

/// Declares `Evidence` with one variant per check and a `From` for each
/// check's struct: one list, so a variant and its conversion never disagree.
macro_rules! evidence {
    ($($check:ident),* $(,)?) => {
        /// The typed evidence of one finding: the variant, named as its
        /// check is, holds that check's struct.
        #[derive(Debug, Clone, PartialEq, Serialize)]
        #[serde(untagged)]
        pub enum Evidence {
            $($check($check),)*
        }

        $(impl From<$check> for Evidence {
            fn from(e: $check) -> Evidence {
                Evidence::$check(e)
            }
        })*
    };
}

evidence! {
    AccommodationNotProvided,
    AnnualReviewDue,
    EvaluationOverdue,
    GoalNotMeasurable,
    LogConflict,
    MeetingRecommended,
    MissingPwn,
    ProgressCopyPaste,
    ProgressGoalMissing,
    ProgressInsufficient,
    ProgressNoData,
    ProgressOffPace,
    ProgressRatingInconsistent,
    ProgressReportOutdated,
    ProgressReportOverdue,
    ProgressStalled,
    ReevaluationDue,
    RepeatedMisses,
    ResponseIncomplete,
    ResponseOverdue,
    ServiceShortfall,
    ServiceUnlogged,
    SettingMismatch,
    StaffNotInformed,
    StatusContradictsData,
    UnagreedChange,
    VagueLanguage,
    WeakenedWording,
}

impl Evidence {
    /// The date a deadline finding says was due: only findings that state a
    /// deadline have one.
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            Evidence::AnnualReviewDue(e) => Some(e.due),
            Evidence::EvaluationOverdue(e) => Some(e.due),
            Evidence::ReevaluationDue(e) => Some(e.due),
            Evidence::ResponseOverdue(e) => Some(e.due),
            _ => None,
        }
    }

    /// The change of a plan a change finding describes (`unagreed-change`,
    /// `missing-pwn`, `weakened-wording`).
    pub fn plan_change(&self) -> Option<&PlanChange> {
        match self {
            Evidence::MissingPwn(e) => Some(&e.0),
            Evidence::UnagreedChange(e) => Some(&e.change),
            Evidence::WeakenedWording(e) => Some(&e.change),
            _ => None,
        }
    }

    /// The parent's letter a response finding is about: its date, its type
    /// as the case file names it, and the day of a partial answer.
    pub fn open_letter(&self) -> Option<OpenLetter<'_>> {
        match self {
            Evidence::ResponseOverdue(e) => {
                Some(OpenLetter { date: e.letter_date, letter_type: &e.letter_type, answered: None, summary: None })
            }
            Evidence::ResponseIncomplete(e) => Some(OpenLetter {
                date: e.letter_date,
                letter_type: &e.letter_type,
                answered: Some(e.answered),
                summary: e.summary.as_deref(),
            }),
            _ => None,
        }
    }

    /// The progress report a finding is about, where it is about one.
    pub fn report(&self) -> Option<NaiveDate> {
        match self {
            Evidence::ProgressCopyPaste(e) => Some(e.report),
            Evidence::ProgressGoalMissing(e) => Some(e.report),
            Evidence::ProgressInsufficient(e) => Some(e.report),
            Evidence::ProgressNoData(e) => Some(e.report),
            Evidence::ProgressRatingInconsistent(e) => Some(e.report),
            Evidence::ProgressReportOutdated(e) => Some(e.report),
            Evidence::StatusContradictsData(e) => Some(e.report),
            _ => None,
        }
    }

    /// Whether the finding is about a goal's progress or its progress reports.
    pub fn about_progress(&self) -> bool {
        matches!(
            self,
            Evidence::ProgressCopyPaste(_)
                | Evidence::ProgressGoalMissing(_)
                | Evidence::ProgressInsufficient(_)
                | Evidence::ProgressNoData(_)
                | Evidence::ProgressOffPace(_)
                | Evidence::ProgressRatingInconsistent(_)
                | Evidence::ProgressReportOutdated(_)
                | Evidence::ProgressReportOverdue(_)
                | Evidence::ProgressStalled(_)
        )
    }

    /// Whether a service finding counts sessions, not minutes.
    pub fn in_sessions(&self) -> bool {
        matches!(self, Evidence::ServiceShortfall(e) if e.unit == Unit::Sessions)
    }
}

/// A letter of the parent's that is still open, as a response finding states it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpenLetter<'a> {
    pub date: NaiveDate,
    /// As the case file names it (`records-request`, or the parent's own word).
    pub letter_type: &'a str,
    /// The day of a partial answer.
    pub answered: Option<NaiveDate>,
    pub summary: Option<&'a str>,
}

impl OpenLetter<'_> {
    /// The letter type `iep letter` writes, where the case names one.
    pub fn kind(&self) -> Option<LetterType> {
        LetterType::parse(self.letter_type)
    }
}

/// One check-in of one day, as the accommodation findings state it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckInAccount {
    pub provided: Provided,
    pub source: CheckInSource,
    /// The person it was with, by name where the team lists them.
    pub with: Option<String>,
    pub unaware: bool,
    /// Never set for a private check-in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One school day of an accommodation, with every check-in of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccommodationDayAccount {
    pub date: NaiveDate,
    pub provided: Provided,
    pub check_ins: Vec<CheckInAccount>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccommodationNotProvided {
    pub days: Vec<AccommodationDayAccount>,
    pub days_missed: usize,
    pub days_given: usize,
    pub threshold: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StaffNotInformed {
    pub days: Vec<AccommodationDayAccount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub citation: Option<String>,
}

/// How far a date is: past it (`days_past`) or coming (`days_left`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueIn {
    DaysPast(i64),
    DaysLeft(i64),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualReviewDue {
    pub version: String,
    pub due: NaiveDate,
    pub last_review: Option<NaiveDate>,
    pub counted_from: ReviewBasis,
    #[serde(flatten)]
    pub due_in: DueIn,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReevaluationDue {
    pub last_evaluation: NaiveDate,
    pub due: NaiveDate,
    pub source: String,
    #[serde(flatten)]
    pub due_in: DueIn,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvaluationOverdue {
    pub consent_date: NaiveDate,
    pub consent_for: ConsentFor,
    pub due: NaiveDate,
    pub days_late: i64,
    pub source: String,
    pub counting: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalNotMeasurable {
    /// What the goal lacks: "measure", "baseline value", "target value".
    pub missing: Vec<String>,
    pub measure: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
}

/// What another record says of a session a log conflict is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OtherAccount {
    pub source: Source,
    pub says: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogConflict {
    pub date: NaiveDate,
    pub counted_source: Source,
    pub counted: String,
    pub others: Vec<OtherAccount>,
    pub differences: Vec<&'static str>,
}

/// One finding a meeting is recommended for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingReason {
    pub code: &'static str,
    pub subject: String,
    pub date: Option<NaiveDate>,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRecommended {
    pub reasons: Vec<MeetingReason>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_meeting: Option<NaiveDate>,
}

/// One field of a changed item, as a change finding states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChangeAccount {
    pub field: Field,
    pub before: Option<String>,
    pub after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    /// For a service amount: minutes per week before and after (`null` where
    /// an amount gives none); absent for any other field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_per_week_before: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub minutes_per_week_after: Option<Option<f64>>,
    /// For a change of an objective: its id and the change in brief.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

/// One change of one item between a version and the terms before it: what
/// `missing-pwn` states, and what `unagreed-change` and `weakened-wording` add to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanChange {
    pub version: String,
    pub effective: NaiveDate,
    pub compared_with: String,
    pub change: ChangeKind,
    pub direction: ChangeDirection,
    pub before: Option<String>,
    pub after: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_path: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChangeAccount>,
    /// The days the agreement to it is looked for in (meetings, signatures).
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
}

/// A change with no prior written notice: the change alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct MissingPwn(pub PlanChange);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnagreedChange {
    #[serde(flatten)]
    pub change: PlanChange,
    pub rejected: bool,
    pub signed: Option<NaiveDate>,
    pub meetings_agreeing: Vec<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakenedWording {
    #[serde(flatten)]
    pub change: PlanChange,
    pub softening_before: usize,
    pub softening_after: usize,
    pub phrases_before: Vec<&'static str>,
    pub phrases_after: Vec<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressCopyPaste {
    pub report: NaiveDate,
    pub earlier_report: NaiveDate,
    pub similarity: f64,
    pub threshold: f64,
    pub narrative: String,
    pub earlier_narrative: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressGoalMissing {
    pub report: NaiveDate,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressInsufficient {
    pub report: NaiveDate,
    pub sufficient: Option<bool>,
    /// The status code as the report wrote it.
    pub status: Option<String>,
    pub code_means: Option<ProgressMeaning>,
    pub source: String,
    /// The legend's own words for the code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressNoData {
    pub report: NaiveDate,
    pub status: Option<String>,
    pub narrative: Option<String>,
}

/// The pace against the target the parent agreed to, where a later version changed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreedPace {
    pub agreed_target: Option<f64>,
    pub agreed_target_date: Option<NaiveDate>,
    pub agreed_projected: Option<f64>,
    pub on_pace_against_agreed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressOffPace {
    pub baseline: f64,
    pub baseline_date: NaiveDate,
    pub latest: f64,
    pub latest_date: NaiveDate,
    pub target: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub projected: Option<f64>,
    pub target_passed: bool,
    pub direction: Direction,
    #[serde(flatten)]
    pub agreed: Option<AgreedPace>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressRatingInconsistent {
    pub report: NaiveDate,
    pub status: String,
    pub code_means: ProgressMeaning,
    pub legend: Option<String>,
    pub sufficient: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressReportOutdated {
    pub report: NaiveDate,
    pub named_version: String,
    pub later_version: String,
    pub later_effective: NaiveDate,
    pub goals: Vec<String>,
    pub added: Vec<String>,
    pub reworded: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressReportOverdue {
    pub report_card: NaiveDate,
    pub window_from: NaiveDate,
    pub window_to: NaiveDate,
}

/// One measured value of a goal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DatedValue {
    pub date: NaiveDate,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgressStalled {
    pub values: Vec<DatedValue>,
    pub latest: f64,
    pub two_reports_before: f64,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepeatedMisses {
    pub missed_in_a_row: usize,
    pub dates: Vec<NaiveDate>,
    pub reasons: Vec<String>,
    pub threshold: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseIncomplete {
    pub letter_date: NaiveDate,
    pub letter_type: String,
    pub answered: NaiveDate,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseOverdue {
    pub letter_date: NaiveDate,
    pub letter_type: String,
    pub due: NaiveDate,
    pub days_late: i64,
    pub source: String,
    pub counting: String,
}

/// What a shortfall owes, in the unit of the service.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Owed {
    MinutesOwed(f64),
    SessionsOwed(f64),
}

/// Sessions the student missed, which the school does not owe.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MissedByStudent {
    pub missed_by_student: u32,
    pub excused: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceShortfall {
    /// "October 2025", or the term or school year.
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub unit: Unit,
    pub required: f64,
    pub delivered: f64,
    pub missed_sessions: u32,
    #[serde(flatten)]
    pub owed: Owed,
    pub percent_delivered: f64,
    pub min_delivery: f64,
    #[serde(flatten)]
    pub by_student: Option<MissedByStudent>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceUnlogged {
    pub first_month: String,
    pub last_month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub months: u32,
}

/// One session logged in a setting the plan in force does not give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingEntry {
    pub date: NaiveDate,
    pub field: &'static str,
    pub logged: String,
    pub expected: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SettingMismatch {
    pub month: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub entries: Vec<SettingEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusContradictsData {
    pub report: NaiveDate,
    pub status: String,
    pub status_says: String,
    pub may_be_about_objective: bool,
    pub latest: Option<f64>,
    pub latest_date: Option<NaiveDate>,
    pub target: Option<f64>,
    pub target_date: Option<NaiveDate>,
    pub projected: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VagueLanguage {
    pub text: String,
    pub phrases: Vec<&'static str>,
    pub count: usize,
    /// An amount given as "as needed".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<String>,
}
