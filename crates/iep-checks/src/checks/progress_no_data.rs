use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

use super::progress_stalled::goal_label;

declare_check! {
    /// Flags a goal's entry in a progress report that gives no measured value, neither for the goal nor for any of its objectives (an objective's value is data for its goal).
    ///
    /// Why it matters: "progressing" without a number tells you nothing; the school measures the goal to report on it, and you can ask for the data.
    ///
    /// Example: the report of 2026-04-10 says of G2 only `status: progressing` and `narrative: Maya is making progress.`: "The progress report of 2026-04-10 gives no measured value for the goal in Reading - fluency, only the status “progressing”."
    pub struct ProgressNoData {
        code: "progress-no-data",
        severity: Warn,
        one_per: "goal and report",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressNoData {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for report in &cx.case.reports {
            for entry in report.goals.iter().filter(|e| !e.has_data()) {
                let label = goal_label(cx, Some(&report.iep), &entry.goal);
                let status = entry.status.as_deref().map(str::trim).filter(|s| !s.is_empty());
                let tail = match status {
                    Some(status) => format!(", only the status {}", iep_model::wording::quote(status)),
                    None => String::new(),
                };
                let message =
                    format!("The progress report of {} gives no measured value for {label}{tail}.", report.date);
                let finding = cx
                    .finding(
                        &Self::META,
                        format!("goals.{}", entry.goal),
                        message,
                        evidence::ProgressNoData {
                            report: report.date,
                            status: entry.status.clone(),
                            narrative: entry.narrative.clone(),
                        },
                    )
                    .in_document(report.path.clone())
                    .with_date(report.date);
                out.push(finding);
            }
        }
    }
}
