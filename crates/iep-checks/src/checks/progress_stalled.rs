use std::sync::Arc;

use iep_diff::ProgressAnalysis;
use iep_model::evidence;
use iep_model::wording::{capitalize, goal_name_among, item_name, number};
use iep_model::{Check, Context, Direction, Finding, LetterType, declare_check};

declare_check! {
    /// Flags a goal with three or more measured values whose latest is no better, in the goal's direction, than the one two reports before it. An objective with a target value is judged the same way in its own right (subject `goals.G1.objectives.G1.1`).
    ///
    /// Why it matters: no gain over two reporting periods means what the school is doing is not working; that is a reason to meet and change the plan.
    ///
    /// Example: G1 measured 48, 50, then 47: "The goal in Speech - articulation has made no gain over the last two progress reports: 48 on 2025-11-14, 50 on 2026-01-30 and 47 on 2026-04-10."
    pub struct ProgressStalled {
        code: "progress-stalled",
        severity: Alert,
        one_per: "goal",
        letter: Some(LetterType::MeetingRequest),
    }
}

/// The progress analysis, computed once for the progress checks, with each
/// goal's pace against the target the parent agreed to where a change nobody
/// agreed to moved it (checks.md, "As agreed").
pub(crate) fn progress(cx: &Context<'_>) -> Arc<ProgressAnalysis> {
    iep_diff::progress(cx)
}

/// "the goal in Reading - fluency": the goal as the version `iep` (else the
/// latest version with that goal) names it.
pub(crate) fn goal_label(cx: &Context<'_>, iep: Option<&str>, goal: &str) -> String {
    let version = iep.and_then(|id| cx.case.version(id));
    match version.and_then(|v| v.goal(goal).map(|named| (v, named))) {
        Some((v, named)) => goal_name_among(named, &v.goals),
        None => item_name(cx.case, &iep_model::ItemPath::Goal(goal.to_owned())),
    }
}

impl Check for ProgressStalled {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let analysis = progress(cx);
        let goals = analysis.goals.iter().flat_map(|g| g.with_objectives());
        for goal in goals.filter(|g| g.stalled == Some(true)) {
            let values = goal.values();
            let [.., two_before, before, latest] = values.as_slice() else { continue };
            let points = [two_before, before, latest].map(|p| format!("{} on {}", number(p.value), p.date));
            let lower = if goal.direction == Direction::Down { " (lower is better for this goal)" } else { "" };
            let message = format!(
                "{} has made no gain over the last two progress reports{lower}: {}, {} and {}.",
                capitalize(&goal.label),
                points[0],
                points[1],
                points[2]
            );
            let report = goal.reports.iter().rev().find(|r| r.value.is_some() && r.date == latest.date);
            let evidence = evidence::ProgressStalled {
                values: values.iter().map(|p| evidence::DatedValue { date: p.date, value: p.value }).collect(),
                latest: latest.value,
                two_reports_before: two_before.value,
                direction: goal.direction,
            };
            let mut finding = cx.finding(&Self::META, goal.path(), message, evidence).with_date(latest.date);
            if let Some(report) = report {
                finding = finding.in_document(report.report.clone());
            }
            out.push(finding);
        }
    }
}
