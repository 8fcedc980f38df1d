//! Every check `iep` runs, one per file, registered in [`CHECKS`].
//!
//! A check is a unit struct implementing [`iep_model::Check`]; its doc comment
//! (kept by `declare_check!`) says what it flags, why it matters and gives an
//! example. `cargo xtask docs` writes the check reference from this list.
//!
//! Architecture invariant: checks read the loaded case and nothing else: no
//! files, no clock (the as-of date comes in the context), no terminal.

mod checks;
pub(crate) mod wording;

use chrono::NaiveDate;
use iep_model::{Case, Check, Context, Finding};

pub use checks::*;

/// Every check, in the order the reference lists them. A code, once shipped,
/// is never renamed or reused.
pub static CHECKS: &[&dyn Check] = &[
    &UnagreedChange,
    &MissingPwn,
    &WeakenedWording,
    &VagueLanguage,
    &GoalNotMeasurable,
    &ServiceShortfall,
    &RepeatedMisses,
    &SettingMismatch,
    &LogConflict,
    &ProgressNoData,
    &ProgressCopyPaste,
    &ProgressGoalMissing,
    &ProgressStalled,
    &ProgressOffPace,
    &StatusContradictsData,
    &ProgressInsufficient,
    &ProgressReportOutdated,
    &ProgressReportOverdue,
    &ResponseOverdue,
    &AnnualReviewDue,
    &ResponseIncomplete,
    &EvaluationOverdue,
    &ReevaluationDue,
    &MeetingRecommended,
];

/// The check with this code.
pub fn by_code(code: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.meta().code == code)
}

/// Runs every check over `case` as it stood on `as_of`.
pub fn check(case: &Case, as_of: NaiveDate) -> Vec<Finding> {
    check_cut(&case.as_of(as_of), as_of)
}

/// Runs every check over a case already cut to `as_of` (by [`Case::as_of`] or
/// [`Case::into_as_of`]), without copying it again.
pub fn check_cut(cut: &Case, as_of: NaiveDate) -> Vec<Finding> {
    let cx = Context::new(cut, as_of);
    iep_model::run_checks(CHECKS, &cx)
}
