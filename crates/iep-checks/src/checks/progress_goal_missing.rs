use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

use super::progress_stalled::goal_label;

declare_check! {
    /// Flags a goal of the IEP version a progress report names (`iep:`) that the report says nothing about.
    ///
    /// Why it matters: the school owes you a report on every goal; a goal left out is a goal nobody is showing progress on.
    ///
    /// Example: the report of 2026-04-10 names `iep-2025-amend1`, which has G1 to G4, and has entries for G1 to G3: "The progress report of 2026-04-10 says nothing about the goal in Written expression, a goal of the IEP amendment effective 2026-02-09."
    pub struct ProgressGoalMissing {
        code: "progress-goal-missing",
        severity: Warn,
        one_per: "goal and report",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressGoalMissing {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for report in &cx.case.reports {
            let Some(version) = cx.case.version(&report.iep) else { continue };
            for goal in version.goals.iter().filter(|g| report.entry(&g.id).is_none()) {
                let label = goal_label(cx, Some(&report.iep), &goal.id);
                let message = format!(
                    "The progress report of {} says nothing about {label}, a goal of {}.",
                    report.date,
                    version.describe()
                );
                let finding = cx
                    .finding(
                        &Self::META,
                        format!("goals.{}", goal.id),
                        message,
                        evidence::ProgressGoalMissing { report: report.date, version: version.id.clone() },
                    )
                    .in_document(report.path.clone())
                    .with_date(report.date);
                out.push(finding);
            }
        }
    }
}
