use iep_model::evidence;
use iep_model::wording::{capitalize, legend_words, quote};
use iep_model::{Check, Context, Finding, LetterType, ProgressMeaning, declare_check};

use super::progress_stalled::goal_label;

declare_check! {
    /// Flags a goal's entry in a progress report whose status is a code of the case's `progress_codes` that disagrees with the entry's own `sufficient:` answer: a code meaning `met` or `sufficient` beside `sufficient: no`, or a code meaning `insufficient` or `none` beside `sufficient: yes`. A code meaning `progressing` or `not-started` agrees with either answer. The `sufficient:` box is the report's word on sufficiency; the message quotes both (the legend's own words where it gives them) rather than choosing.
    ///
    /// Why it matters: a report that says two different things about the same goal tells you neither; the school can say which one it means, and on what data.
    ///
    /// Example: the report of 2026-03-31 gives goal G1 the code `1` (`"1": {means: insufficient, text: "Minimal Progress"}`) and `sufficient: yes`: "The progress report of 2026-03-31 rates the goal in Reading “1”: “Minimal Progress”, but answers “yes” to whether progress is sufficient to meet the goal by the end of the IEP; the two disagree."
    pub struct ProgressRatingInconsistent {
        code: "progress-rating-inconsistent",
        severity: Warn,
        one_per: "goal and report",
        letter: Some(LetterType::DataRequest),
    }
}

/// The `sufficient:` answer a legend meaning contradicts (`None`: it agrees with either).
fn contradicted_answer(meaning: ProgressMeaning) -> Option<bool> {
    match meaning {
        ProgressMeaning::Met | ProgressMeaning::Sufficient => Some(false),
        ProgressMeaning::Insufficient | ProgressMeaning::None => Some(true),
        ProgressMeaning::Progressing | ProgressMeaning::NotStarted => None,
    }
}

impl Check for ProgressRatingInconsistent {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for report in &cx.case.reports {
            for entry in &report.goals {
                let (Some(status), Some(sufficient)) = (entry.status.as_deref(), entry.sufficient) else { continue };
                let Some(code) = cx.case.info.progress_legend(status) else { continue };
                if contradicted_answer(code.meaning) != Some(sufficient) {
                    continue;
                }
                let label = goal_label(cx, Some(&report.iep), &entry.goal);
                let answer = quote(if sufficient { "yes" } else { "no" });
                let message = format!(
                    "The progress report of {} rates {label} {}, but answers {answer} to whether progress is sufficient to meet the goal by the end of the IEP; the two disagree.",
                    report.date,
                    legend_words(code)
                );
                let finding = cx
                    .finding(
                        &Self::META,
                        format!("goals.{}", entry.goal),
                        capitalize(&message),
                        evidence::ProgressRatingInconsistent {
                            report: report.date,
                            status: status.trim().to_owned(),
                            code_means: code.meaning,
                            legend: code.text.clone(),
                            sufficient,
                        },
                    )
                    .in_document(report.path.clone())
                    .with_date(report.date);
                out.push(finding);
            }
        }
    }
}
