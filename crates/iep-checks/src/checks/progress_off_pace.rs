use iep_diff::GoalAnalysis;
use iep_model::wording::{capitalize, number};
use iep_model::{Check, Context, Direction, Finding, LetterType, declare_check};
use serde_json::json;

use super::progress_stalled::progress;

declare_check! {
    /// Flags a goal in force whose progress, drawn as a straight line from the baseline through the latest measured value and extended to the target date, falls short of the target (for a goal where lower is better, stays above it); once the target date has passed, a goal whose latest value has not reached the target.
    ///
    /// Why it matters: at this rate the goal will not be met by the date the IEP set; waiting for the annual review loses months.
    ///
    /// Example: G2 went from 42 (2025-09-01) to 63 (2026-01-30), target 90 by 2026-06-15: "At the rate shown from the baseline of 42 on 2025-09-01 to 63 on 2026-01-30, the goal in Reading - fluency would reach about 81.9 by 2026-06-15, short of the target of 90."
    pub struct ProgressOffPace {
        code: "progress-off-pace",
        severity: Warn,
        one_per: "goal",
        letter: Some(LetterType::MeetingRequest),
    }
}

/// Why a goal is off pace, in a parent's words (without the full stop).
pub(crate) fn off_pace_reason(goal: &GoalAnalysis) -> Option<String> {
    let (base, latest, target, by, projection) =
        (goal.baseline?, goal.latest?, goal.target?, goal.target_by?, goal.projection?);
    let label = &goal.label;
    Some(if goal.target_passed {
        format!(
            "the target date of {label}, {by}, has passed and the latest value, {} on {}, has not reached the target of {}",
            number(latest.value),
            latest.date,
            number(target)
        )
    } else {
        let short = match goal.direction {
            Direction::Up => "short of",
            Direction::Down => "above",
        };
        format!(
            "at the rate shown from the baseline of {} on {} to {} on {}, {label} would reach about {} by {by}, {short} the target of {}",
            number(base.value),
            base.date,
            number(latest.value),
            latest.date,
            number((projection * 10.0).round() / 10.0),
            number(target)
        )
    })
}

impl Check for ProgressOffPace {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let analysis = progress(cx);
        for goal in analysis.goals.iter().filter(|g| g.on_pace == Some(false)) {
            let Some(reason) = off_pace_reason(goal) else { continue };
            let (Some(base), Some(latest)) = (goal.baseline, goal.latest) else { continue };
            let message = format!("{}.", capitalize(&reason));
            let mut finding = cx
                .finding(&Self::META, format!("goals.{}", goal.id), message)
                .with("baseline", base.value)
                .with("baseline_date", base.date.to_string())
                .with("latest", latest.value)
                .with("latest_date", latest.date.to_string())
                .with("target", goal.target)
                .with("target_date", goal.target_by.map(|d| d.to_string()))
                .with("projected", goal.projection.map(|p| (p * 100.0).round() / 100.0))
                .with("target_passed", goal.target_passed)
                .with("direction", json!(goal.direction))
                .with_date(latest.date);
            if let Some(report) = goal.reports.iter().rev().find(|r| r.date == latest.date && r.value.is_some()) {
                finding = finding.in_document(report.report.clone());
            }
            out.push(finding);
        }
    }
}
