//! One module per check, and the table of every check.

mod accommodation_days;

/// The checks table: one row per check, `code => module::Check`, in the
/// order the reference lists them. Each row declares the check's module,
/// re-exports its struct and registers it in [`CHECKS`](crate::CHECKS), and a
/// row whose code is not the one its file declares does not compile. A code,
/// once shipped, is never renamed or reused.
macro_rules! checks_table {
    ($($code:literal => $module:ident::$check:ident,)*) => {
        $(mod $module;)*
        $(pub use $module::$check;)*

        /// Every check, in the order the reference lists them (the rows of
        /// the checks table in `checks/mod.rs`).
        pub static CHECKS: &[&dyn iep_model::Check] = &[$(&$check,)*];

        // Each row's code is the one its check declares.
        const _: () = {
            $(assert!(same_code($code, $check::META.code), concat!("the checks table row `", $code, "` names a check with another code"));)*
        };
    };
}

checks_table! {
    "unagreed-change" => unagreed_change::UnagreedChange,
    "missing-pwn" => missing_pwn::MissingPwn,
    "weakened-wording" => weakened_wording::WeakenedWording,
    "vague-language" => vague_language::VagueLanguage,
    "goal-not-measurable" => goal_not_measurable::GoalNotMeasurable,
    "service-shortfall" => service_shortfall::ServiceShortfall,
    "repeated-misses" => repeated_misses::RepeatedMisses,
    "setting-mismatch" => setting_mismatch::SettingMismatch,
    "log-conflict" => log_conflict::LogConflict,
    "service-unlogged" => service_unlogged::ServiceUnlogged,
    "accommodation-not-provided" => accommodation_not_provided::AccommodationNotProvided,
    "staff-not-informed" => staff_not_informed::StaffNotInformed,
    "progress-no-data" => progress_no_data::ProgressNoData,
    "progress-copy-paste" => progress_copy_paste::ProgressCopyPaste,
    "progress-goal-missing" => progress_goal_missing::ProgressGoalMissing,
    "progress-stalled" => progress_stalled::ProgressStalled,
    "progress-off-pace" => progress_off_pace::ProgressOffPace,
    "progress-rating-inconsistent" => progress_rating_inconsistent::ProgressRatingInconsistent,
    "status-contradicts-data" => status_contradicts_data::StatusContradictsData,
    "progress-insufficient" => progress_insufficient::ProgressInsufficient,
    "progress-report-outdated" => progress_report_outdated::ProgressReportOutdated,
    "progress-report-overdue" => progress_report_overdue::ProgressReportOverdue,
    "response-overdue" => response_overdue::ResponseOverdue,
    "annual-review-due" => annual_review_due::AnnualReviewDue,
    "response-incomplete" => response_incomplete::ResponseIncomplete,
    "evaluation-overdue" => evaluation_overdue::EvaluationOverdue,
    "reevaluation-due" => reevaluation_due::ReevaluationDue,
    "meeting-recommended" => meeting_recommended::MeetingRecommended,
}

/// Whether two codes are the same text (`==` on `str` is not `const`).
const fn same_code(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

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

#[cfg(test)]
mod tests {
    /// Files under `checks/` that hold helpers shared by checks, not a check.
    const HELPERS: [&str; 2] = ["mod", "accommodation_days"];

    #[test]
    fn every_check_file_is_a_row_of_the_checks_table_named_by_its_code() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().to_str()?.strip_suffix(".rs").map(str::to_owned))
            .filter(|name| !HELPERS.contains(&name.as_str()))
            .map(|name| name.replace('_', "-"))
            .collect();
        files.sort();
        let mut codes: Vec<String> = crate::CHECKS.iter().map(|c| c.meta().code.to_owned()).collect();
        codes.sort();
        assert_eq!(files, codes, "a check file missing from the checks table is never compiled nor run");
    }
}
