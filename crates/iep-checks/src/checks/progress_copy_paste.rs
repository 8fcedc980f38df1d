use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check, normalize_ws, similarity_at_least};

use super::progress_stalled::goal_label;

declare_check! {
    /// Flags a goal's narrative in a progress report that is a copy (at least `settings.similar_narrative` alike, 0.90 by default) of its narrative in the latest earlier report that has one, stating the same numbers. Two narratives that state different numbers ("a median of 52 words", then "a median of 58 words") are a template filled with new data, not a copy.
    ///
    /// Why it matters: a narrative pasted from the last report says nothing new about the months in between; you can ask what was actually measured.
    ///
    /// Example: G1's narrative is "Maya is making progress toward her goal." in the reports of 2025-11-14 and 2026-01-30: "The narrative for the goal in Speech - articulation in the progress report of 2026-01-30 is 100% the same as in the report of 2025-11-14 (“Maya is making progress toward her goal.”)."
    pub struct ProgressCopyPaste {
        code: "progress-copy-paste",
        severity: Warn,
        one_per: "goal and report",
        letter: Some(LetterType::DataRequest),
    }
}

fn non_empty(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty())
}

/// The numbers a narrative states: its runs of digits, in order.
fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit()).filter(|run| !run.is_empty()).collect()
}

impl Check for ProgressCopyPaste {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let threshold = cx.case.info.settings.similar_narrative;
        let reports = &cx.case.reports;
        for report in reports {
            for entry in &report.goals {
                let Some(narrative) = non_empty(entry.narrative.as_deref()) else { continue };
                // The latest earlier report with a non-empty narrative for this goal.
                let earlier =
                    reports.iter().rev().filter(|r| r.date < report.date).find_map(|r| {
                        r.entry(&entry.goal).and_then(|e| non_empty(e.narrative.as_deref())).map(|n| (r, n))
                    });
                let Some((earlier, earlier_narrative)) = earlier else { continue };
                // New numbers in the same sentences are new data, not a copy.
                if numbers(earlier_narrative) != numbers(narrative) {
                    continue;
                }
                let Some(score) = similarity_at_least(earlier_narrative, narrative, threshold) else { continue };
                let percent = (score * 100.0).floor();
                let label = goal_label(cx, Some(&report.iep), &entry.goal);
                let message = format!(
                    "The narrative for {label} in the progress report of {} is {percent}% the same as in the report of {} ({}).",
                    report.date,
                    earlier.date,
                    iep_model::wording::quote(narrative)
                );
                let evidence = evidence::ProgressCopyPaste {
                    report: report.date,
                    earlier_report: earlier.date,
                    similarity: (score * 1000.0).round() / 1000.0,
                    threshold,
                    narrative: normalize_ws(narrative),
                    earlier_narrative: normalize_ws(earlier_narrative),
                };
                let finding = cx
                    .finding(&Self::META, format!("goals.{}", entry.goal), message, evidence)
                    .in_document(report.path.clone())
                    .with_date(report.date);
                out.push(finding);
            }
        }
    }
}
