//! `kind: progress-report`.

use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: progress-report ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    iep: String,
    #[serde(default)]
    goals: Option<Vec<RawGoalProgress>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoalProgress {
    goal: String,
    value: Option<f64>,
    status: Option<String>,
    sufficient: Option<YesNo>,
    narrative: Option<String>,
    #[serde(default)]
    objectives: Option<Vec<RawObjectiveProgress>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjectiveProgress {
    objective: String,
    value: Option<f64>,
    status: Option<String>,
    narrative: Option<String>,
    notes: Option<String>,
}


impl RawReport {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::ProgressReport {
        let goals = list_or_empty(self.goals);
        let mut seen: Vec<&str> = Vec::new();
        for (i, g) in goals.iter().enumerate() {
            if seen.contains(&g.goal.as_str()) {
                problems.push(
                    Problem::new(at!["goals", i, "goal"], format!("goal `{}` is reported twice in this report", g.goal))
                        .help("keep one entry per goal"),
                );
            }
            seen.push(&g.goal);
            finite(g.value, at!["goals", i, "value"], problems);
            let objectives = g.objectives.as_deref().unwrap_or_default();
            for (k, o) in objectives.iter().enumerate() {
                finite(o.value, at!["goals", i, "objectives", k, "value"], problems);
                if objectives[..k].iter().any(|other| other.objective == o.objective) {
                    problems.push(
                        Problem::new(at!["goals", i, "objectives", k, "objective"], format!("objective `{}` is reported twice for this goal", o.objective))
                            .help("keep one entry per objective"),
                    );
                }
            }
        }
        m::ProgressReport {
            date: self.date.0,
            iep: self.iep,
            goals: goals
                .into_iter()
                .map(|g| m::GoalProgress {
                    goal: g.goal,
                    value: g.value,
                    status: g.status,
                    sufficient: g.sufficient.map(|y| y.0),
                    narrative: g.narrative,
                    objectives: list_or_empty(g.objectives)
                        .into_iter()
                        .map(|o| m::ObjectiveProgress {
                            objective: o.objective,
                            value: o.value,
                            status: o.status,
                            narrative: o.narrative,
                            notes: o.notes,
                        })
                        .collect(),
                    notes: g.notes,
                })
                .collect(),
            notes: self.notes,
        }
    }
}

