//! One module per check.

mod accommodation_days;
mod accommodation_not_provided;
mod annual_review_due;
mod evaluation_overdue;
mod goal_not_measurable;
mod log_conflict;
mod meeting_recommended;
mod missing_pwn;
mod progress_copy_paste;
mod progress_goal_missing;
mod progress_insufficient;
mod progress_no_data;
mod progress_off_pace;
mod progress_rating_inconsistent;
mod progress_report_outdated;
mod progress_report_overdue;
mod progress_stalled;
mod reevaluation_due;
mod repeated_misses;
mod response_incomplete;
mod response_overdue;
mod service_shortfall;
mod service_unlogged;
mod setting_mismatch;
mod staff_not_informed;
mod status_contradicts_data;
mod unagreed_change;
mod vague_language;
mod weakened_wording;

use chrono::{Days, NaiveDate};
use iep_model::evidence::DueIn;
use iep_model::{Finding, Severity};

/// How far a date the school must meet is: `days_past` once passed, else `days_left`.
pub(crate) fn due_in(passed: bool, days: i64) -> DueIn {
    if passed { DueIn::DaysPast(days) } else { DueIn::DaysLeft(days) }
}

/// A date the school must meet: past it, an alert dated the day after;
/// within `warn_days` of it, dated when the warning began. The annual review
/// and the reevaluation share this.
pub(crate) fn due_date_finding(finding: Finding, due: NaiveDate, passed: bool, warn_days: u64) -> Finding {
    if passed {
        finding.with_severity(Severity::Alert).with_date(due.succ_opt().unwrap_or(due))
    } else {
        finding.with_date(due.checked_sub_days(Days::new(warn_days)).unwrap_or(due))
    }
}

pub use accommodation_not_provided::AccommodationNotProvided;
pub use annual_review_due::AnnualReviewDue;
pub use evaluation_overdue::EvaluationOverdue;
pub use goal_not_measurable::GoalNotMeasurable;
pub use log_conflict::LogConflict;
pub use meeting_recommended::MeetingRecommended;
pub use missing_pwn::MissingPwn;
pub use progress_copy_paste::ProgressCopyPaste;
pub use progress_goal_missing::ProgressGoalMissing;
pub use progress_insufficient::ProgressInsufficient;
pub use progress_no_data::ProgressNoData;
pub use progress_off_pace::ProgressOffPace;
pub use progress_rating_inconsistent::ProgressRatingInconsistent;
pub use progress_report_outdated::ProgressReportOutdated;
pub use progress_report_overdue::ProgressReportOverdue;
pub use progress_stalled::ProgressStalled;
pub use reevaluation_due::ReevaluationDue;
pub use repeated_misses::RepeatedMisses;
pub use response_incomplete::ResponseIncomplete;
pub use response_overdue::ResponseOverdue;
pub use service_shortfall::ServiceShortfall;
pub use service_unlogged::ServiceUnlogged;
pub use setting_mismatch::SettingMismatch;
pub use staff_not_informed::StaffNotInformed;
pub use status_contradicts_data::StatusContradictsData;
pub use unagreed_change::UnagreedChange;
pub use vague_language::VagueLanguage;
pub use weakened_wording::WeakenedWording;
