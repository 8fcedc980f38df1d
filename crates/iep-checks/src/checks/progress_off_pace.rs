use iep_diff::GoalAnalysis;
use iep_model::evidence;
use iep_model::wording::{capitalize, number};
use iep_model::{Check, Context, Direction, Finding, LetterType, declare_check};

use super::progress_stalled::progress;

declare_check! {
    /// Flags a goal in force whose progress, drawn as a straight line from the baseline through the latest measured value and extended to the target date, falls short of the target (for a goal where lower is better, stays above it); once the target date has passed, a goal whose latest value has not reached the target. An objective with a target value is judged the same way in its own right (subject `goals.G1.objectives.G1.1`), from the goal's baseline to its own target and `by` (else the goal's). Where a change nobody agreed to moved the target, the message and evidence also give the pace against the target the parent agreed to (judged, as always, against the target in force).
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

/// The pace against the target the parent agreed to, where a change nobody
/// agreed to moved the target: "Against the agreed target of 80 by June 15,
/// 2026, it would reach about 50.6, short of it."
pub(crate) fn agreed_pace_sentence(goal: &GoalAnalysis) -> Option<String> {
    let agreed = goal.as_agreed?;
    let target = agreed.target?;
    let by = agreed.target_by.map(|d| format!(" by {d}")).unwrap_or_default();
    let against = format!("Against the target the parent agreed to, {}{by}", number(target));
    let short = match goal.direction {
        Direction::Up => "short of it",
        Direction::Down => "above it",
    };
    Some(match (agreed.target_passed, agreed.projection, goal.latest) {
        (true, _, Some(latest)) if agreed.on_pace == Some(true) => {
            format!("{against}, the latest value, {}, has reached it.", number(latest.value))
        }
        (true, _, Some(latest)) => {
            format!(
                "{against}, the date has passed and the latest value, {}, has not reached it.",
                number(latest.value)
            )
        }
        (false, Some(projection), _) => format!(
            "{against}, it would reach about {}, {}.",
            number((projection * 10.0).round() / 10.0),
            if agreed.on_pace == Some(true) { "reaching it" } else { short }
        ),
        _ => format!("{against}, there is not enough data to project."),
    })
}

impl Check for ProgressOffPace {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let analysis = progress(cx);
        let goals = analysis.goals.iter().flat_map(|g| g.with_objectives());
        for goal in goals.filter(|g| g.on_pace == Some(false)) {
            let Some(reason) = off_pace_reason(goal) else { continue };
            let (Some(base), Some(latest)) = (goal.baseline, goal.latest) else { continue };
            let mut message = format!("{}.", capitalize(&reason));
            if let Some(agreed) = agreed_pace_sentence(goal) {
                message = format!("{message} {agreed}");
            }
            let evidence = evidence::ProgressOffPace {
                baseline: base.value,
                baseline_date: base.date,
                latest: latest.value,
                latest_date: latest.date,
                target: goal.target,
                target_date: goal.target_by,
                projected: goal.projection.map(|p| (p * 100.0).round() / 100.0),
                target_passed: goal.target_passed,
                direction: goal.direction,
                // The pace against the agreed target, beside the one in force.
                agreed: goal.as_agreed.map(|agreed| evidence::AgreedPace {
                    agreed_target: agreed.target,
                    agreed_target_date: agreed.target_by,
                    agreed_projected: agreed.projection.map(|p| (p * 100.0).round() / 100.0),
                    on_pace_against_agreed: agreed.on_pace,
                }),
            };
            let mut finding = cx.finding(&Self::META, goal.path(), message, evidence).with_date(latest.date);
            if let Some(report) = goal.reports.iter().rev().find(|r| r.date == latest.date && r.value.is_some()) {
                finding = finding.in_document(report.report.clone());
            }
            out.push(finding);
        }
    }
}
