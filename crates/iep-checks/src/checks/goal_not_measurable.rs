use iep_model::evidence;
use iep_model::wording::{capitalize, goal_name_among, join_and};
use iep_model::{Check, Context, Finding, declare_check};

declare_check! {
    /// Flags a goal in force that lacks a `measure`, a baseline value or a target value.
    ///
    /// Why it matters: without a starting point, a yardstick and a number to reach, nobody can show whether your child is making progress, and the progress reports can say anything.
    ///
    /// Example: `{id: G5, statement: Sam will improve his reading., measure: words per minute}` with no baseline or target: "The goal in Reading has no baseline value and no target value, so nobody can tell whether it is being met."
    pub struct GoalNotMeasurable {
        code: "goal-not-measurable",
        severity: Warn,
        one_per: "goal",
        letter: None,
    }
}

impl Check for GoalNotMeasurable {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let history = cx.terms();
        let Some(terms) = history.on(cx.as_of) else { return };
        for t in &terms.goals {
            let goal = &t.item;
            let has_measure = goal.measure.as_deref().is_some_and(|m| !m.trim().is_empty());
            let has_baseline = goal.baseline.as_ref().and_then(|b| b.value).is_some();
            let has_target = goal.target.as_ref().and_then(|t| t.value).is_some();
            let mut missing = Vec::new();
            if !has_measure {
                missing.push("measure".to_owned());
            }
            if !has_baseline {
                missing.push("baseline value".to_owned());
            }
            if !has_target {
                missing.push("target value".to_owned());
            }
            if missing.is_empty() {
                continue;
            }
            let label = goal_name_among(goal, terms.goals.iter().map(|t| &t.item));
            let listed: Vec<String> = missing.iter().map(|m| format!("no {m}")).collect();
            let message = format!(
                "{} has {}, so nobody can tell whether it is being met.",
                capitalize(&label),
                join_and(&listed)
            );
            let evidence = evidence::GoalNotMeasurable {
                missing,
                measure: goal.measure.clone(),
                baseline: goal.baseline.as_ref().and_then(|b| b.value),
                target: goal.target.as_ref().and_then(|t| t.value),
            };
            let mut finding = cx.finding(&Self::META, format!("goals.{}", goal.id), message, evidence);
            if let Some(version) = cx.case.versions.get(t.from) {
                finding = finding.in_document(version.path.clone());
            }
            out.push(finding);
        }
    }
}
