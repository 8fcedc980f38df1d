//! `kind: progress-report`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: progress-report ----

/// A progress report the school sent.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The date of the report. A month alone (`2026-03`, "Reporting period: March") dates it the last day of that month.
    #[schemars(extend("examples" = ["2025-11-14"]))]
    date: DateOrMonth,
    /// The id of the IEP version it reports on.
    #[schemars(extend("examples" = ["iep-2025"]))]
    iep: String,
    /// The report's entry for each goal.
    #[serde(default)]
    goals: Option<Vec<RawGoalProgress>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// A report's entry for one goal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawGoalProgress {
    /// The goal's id (a goal of the version the report names).
    #[schemars(extend("examples" = ["G1"]))]
    goal: String,
    /// The measured value in the goal's measure (a number, or with a percent sign: `60%`). Absent: no data given.
    #[schemars(extend("examples" = [48]))]
    value: Option<Measured>,
    /// The school's own rating: free text, or a code of the case's `progress_codes`.
    #[schemars(extend("examples" = ["progressing"]))]
    status: Option<String>,
    /// The report's answer to "is progress sufficient to meet the goal by the end of the IEP?": `yes` or `no`.
    #[schemars(extend("examples" = ["yes"]))]
    sufficient: Option<YesNo>,
    /// The narrative, as the school wrote it.
    #[schemars(extend("examples" = ["Maya is making progress toward her goal."]))]
    narrative: Option<String>,
    /// The report's entries for the goal's objectives. An objective's value is data for the goal.
    #[serde(default)]
    objectives: Option<Vec<RawObjectiveProgress>>,
    /// How many trials the value held in, as the report words it ("60% accuracy in 2 of 3 trials"). Shown beside the value, not judged.
    #[schemars(extend("examples" = ["2 of 3"]))]
    trials: Option<Trials>,
    /// How it was measured, the form's "As measured by" written out.
    #[schemars(extend("examples" = ["work samples"]))]
    measured_by: Option<String>,
    /// The form's reason for insufficient progress, shown beside the rating.
    #[schemars(extend("examples" = ["More time needed"]))]
    reason: Option<String>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// A report's entry for one objective of a goal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawObjectiveProgress {
    /// The objective's id (an objective of the goal).
    #[schemars(extend("examples" = ["G1.1"]))]
    objective: String,
    /// The measured value (a number, or with a percent sign: `60%`).
    #[schemars(extend("examples" = [82]))]
    value: Option<Measured>,
    /// The school's own rating: free text, or a code of the case's `progress_codes`.
    #[schemars(extend("examples" = ["met"]))]
    status: Option<String>,
    /// The narrative, as the school wrote it.
    narrative: Option<String>,
    /// How many trials the value held in, as the report words it ("60% accuracy in 2 of 3 trials"). Shown beside the value, not judged.
    #[schemars(extend("examples" = ["2 of 3"]))]
    trials: Option<Trials>,
    /// How it was measured, the form's "As measured by" written out.
    #[schemars(extend("examples" = ["work samples"]))]
    measured_by: Option<String>,
    /// The form's reason for insufficient progress, shown beside the rating.
    #[schemars(extend("examples" = ["More time needed"]))]
    reason: Option<String>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

impl RawReport {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::ProgressReport {
        let goals = list_or_empty(self.goals);
        let mut seen: Vec<&str> = Vec::new();
        for (i, g) in goals.iter().enumerate() {
            if seen.contains(&g.goal.as_str()) {
                problems.push(
                    Problem::new(
                        at!["goals", i, "goal"],
                        format!("goal `{}` is reported twice in this report", g.goal),
                    )
                    .help("keep one entry per goal"),
                );
            }
            seen.push(&g.goal);
            finite(g.value.map(|v| v.0), at!["goals", i, "value"], problems);
            let objectives = g.objectives.as_deref().unwrap_or_default();
            for (k, o) in objectives.iter().enumerate() {
                finite(o.value.map(|v| v.0), at!["goals", i, "objectives", k, "value"], problems);
                if objectives[..k].iter().any(|other| other.objective == o.objective) {
                    problems.push(
                        Problem::new(
                            at!["goals", i, "objectives", k, "objective"],
                            format!("objective `{}` is reported twice for this goal", o.objective),
                        )
                        .help("keep one entry per objective"),
                    );
                }
            }
        }
        m::ProgressReport {
            date: self.date.last_day(),
            month_only: self.date.is_month(),
            iep: self.iep,
            goals: goals
                .into_iter()
                .map(|g| m::GoalProgress {
                    goal: g.goal,
                    value: g.value.map(|v| v.0),
                    status: g.status,
                    sufficient: g.sufficient.map(|y| y.0),
                    narrative: g.narrative,
                    objectives: list_or_empty(g.objectives)
                        .into_iter()
                        .map(|o| m::ObjectiveProgress {
                            objective: o.objective,
                            value: o.value.map(|v| v.0),
                            status: o.status,
                            narrative: o.narrative,
                            detail: m::EntryDetail {
                                trials: o.trials.map(|t| t.0),
                                measured_by: o.measured_by,
                                reason: o.reason,
                            },
                            notes: o.notes,
                        })
                        .collect(),
                    detail: m::EntryDetail {
                        trials: g.trials.map(|t| t.0),
                        measured_by: g.measured_by,
                        reason: g.reason,
                    },
                    notes: g.notes,
                })
                .collect(),
            notes: self.notes,
        }
    }
}
