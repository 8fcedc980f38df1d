//! What changed between IEP versions, who agreed to it, and how each goal is
//! progressing. Pure functions over model values; every output type is
//! `serde::Serialize` so the command line can print it as JSON.
//!
//! Architecture invariant: no IO and no formats. The checks (`iep-checks`)
//! and the command line (`iep diff`, `iep progress`) read these results; the
//! wording of findings lives with the checks, the layout of charts with the CLI;
//! items, numbers and lists are worded by `iep_model::wording`, as everywhere.

mod changes;
mod describe;
mod progress;
mod versions;
mod words;

pub use changes::{
    AmountView, Change, ChangeDirection, ChangeKind, DiffOptions, Field, FieldChange, SchoolWeeks, Side, Trend, diff,
    per_week,
};
/// A weekly amount restated per period, without a calendar (the model's one table).
pub use iep_model::period::in_period;
pub use progress::{
    AgreedPace, GoalAnalysis, GoalReportChange, ObjectiveReportChange, Point, ProgressAnalysis, ReportDiff,
    ReportValue, report_diff,
};
pub use versions::{AgreedChange, Agreement, CaseChanges, DocRef, VersionChanges};
pub use words::{WordEdit, WordOp, summarize, word_edits};

use std::sync::Arc;

use iep_model::{Context, IepVersion};

/// Every version's changes, computed once per run: the change checks, the
/// packet and the accounting as agreed read the same value.
pub fn case_changes(cx: &Context<'_>) -> Arc<CaseChanges> {
    cx.memo(|cx| CaseChanges::with_terms(cx.case, cx.as_of, &cx.terms()))
}

/// The progress analysis, computed once per run for the progress checks and the packet.
/// Each goal's pace is also stated against the target the parent agreed to
/// where a change nobody agreed to moved it (checks.md, "As agreed").
pub fn progress(cx: &Context<'_>) -> Arc<ProgressAnalysis> {
    cx.memo(|cx| {
        let unagreed = case_changes(cx).unagreed();
        let agreed = iep_model::TermsHistory::agreed(cx.case, &unagreed);
        ProgressAnalysis::with_agreed(cx.case, cx.as_of, &cx.terms(), agreed.as_ref())
    })
}

/// Two versions as written, item by item. Dates are compared unless `new`
/// is a new annual plan (no `amends`).
pub fn compare_versions(old: &IepVersion, new: &IepVersion) -> Vec<Change> {
    diff(
        &Side::of_version(old),
        &Side::of_version(new),
        DiffOptions { compare_dates: new.amends.is_some(), ..DiffOptions::default() },
    )
}

#[cfg(test)]
mod tests;
