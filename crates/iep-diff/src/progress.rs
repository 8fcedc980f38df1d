//! Progress toward each goal: baseline, each report's value, target, the
//! straight-line projection and whether it is on pace (checks.md, "Is the
//! progress report real information").

use chrono::NaiveDate;
use iep_model::{
    Case, Direction, EntryDetail, Goal, GoalProgress, Objective, ProgressMeaning, ProgressReport, TermsHistory,
    similarity,
};
use serde::Serialize;

/// Values closer than this count as equal: a tie counts as reached.
const EPSILON: f64 = 1e-9;

/// A value on a day.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub date: NaiveDate,
    pub value: f64,
}

/// A goal's (or an objective's) entry in one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportValue {
    pub date: NaiveDate,
    /// The report's file.
    pub report: String,
    pub value: Option<f64>,
    pub status: Option<String>,
    /// What the status means where it is a code of the case's legend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<ProgressMeaning>,
    /// The legend's own words for the status code, where the legend gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legend: Option<String>,
    /// The report's answer to "is progress sufficient?", where it gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sufficient: Option<bool>,
    /// Trials, how it was measured and the reason given, as the report words them.
    #[serde(flatten)]
    pub detail: EntryDetail,
}

impl ReportValue {
    fn new(
        case: &Case,
        report: &iep_model::Doc<ProgressReport>,
        value: Option<f64>,
        status: Option<&String>,
        detail: &EntryDetail,
    ) -> ReportValue {
        let code = status.and_then(|s| case.info.progress_legend(s));
        ReportValue {
            date: report.date,
            report: report.path.clone(),
            value,
            status: status.cloned(),
            meaning: code.map(|c| c.meaning),
            legend: code.and_then(|c| c.text.clone()),
            sufficient: None,
            detail: detail.clone(),
        }
    }

    fn of_goal(case: &Case, report: &iep_model::Doc<ProgressReport>, entry: &GoalProgress) -> ReportValue {
        let mut value = ReportValue::new(case, report, entry.value, entry.status.as_ref(), &entry.detail);
        value.sufficient = entry.sufficient;
        value
    }
}

/// One goal's progress as of a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalAnalysis {
    pub id: String,
    /// "the goal in Speech - articulation" (`iep_model::wording::goal_name`).
    pub label: String,
    pub measure: Option<String>,
    pub direction: Direction,
    /// The goal is in the terms in force on the as-of date; only such goals are judged for pace.
    pub in_force: bool,
    /// The version file the goal's text comes from.
    pub document: Option<String>,
    /// The baseline value and its date (stated, or the version's `effective`).
    pub baseline: Option<Point>,
    pub target: Option<f64>,
    /// The target's date (stated, or the end of the version in force).
    pub target_by: Option<NaiveDate>,
    /// Every report entry for the goal, in date order.
    pub reports: Vec<ReportValue>,
    /// The last measured value.
    pub latest: Option<Point>,
    /// Where a straight line from the baseline through the latest value is on the target date.
    pub projection: Option<f64>,
    /// The target date is before the as-of date.
    pub target_passed: bool,
    /// On pace (`None`: not enough to judge).
    pub on_pace: Option<bool>,
    /// Three or more values and no gain over the last two reports (`None`: fewer values).
    pub stalled: Option<bool>,
    /// The pace against the target the parent agreed to, where a change
    /// nobody agreed to moved the target (checks.md, "As agreed").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_agreed: Option<AgreedPace>,
    /// For an objective: the id of its goal (format 1.2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub objective_of: Option<String>,
    /// For an objective: its text as the IEP states it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The target's trials as the IEP words them ("3 of 3").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_trials: Option<String>,
    /// The goal's objectives, each judged in its own right where it has a target value.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<GoalAnalysis>,
}

/// A goal's pace against the target of the terms the parent agreed to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AgreedPace {
    pub target: Option<f64>,
    pub target_by: Option<NaiveDate>,
    /// Where the same straight line is on the agreed target date.
    pub projection: Option<f64>,
    pub target_passed: bool,
    pub on_pace: Option<bool>,
}

impl GoalAnalysis {
    /// The measured values in date order.
    pub fn values(&self) -> Vec<Point> {
        self.reports.iter().filter_map(|r| r.value.map(|value| Point { date: r.date, value })).collect()
    }

    /// Whether `value` has reached `target` in the goal's direction (a tie counts).
    pub fn reached(&self, value: f64, target: f64) -> bool {
        reached(self.direction, value, target)
    }

    /// The item path findings name: `goals.G1`, or `goals.G1.objectives.G1.1`.
    pub fn path(&self) -> String {
        match &self.objective_of {
            Some(goal) => format!("goals.{goal}.objectives.{}", self.id),
            None => format!("goals.{}", self.id),
        }
    }

    /// The goal, then each of its objectives.
    pub fn with_objectives(&self) -> impl Iterator<Item = &GoalAnalysis> {
        std::iter::once(self).chain(self.objectives.iter())
    }

    /// The objectives' entries in the report `report` (its file) that give a value.
    pub fn objective_values_in<'a>(
        &'a self,
        report: &'a str,
    ) -> impl Iterator<Item = (&'a GoalAnalysis, &'a ReportValue)> {
        self.objectives
            .iter()
            .filter_map(move |o| o.reports.iter().find(|r| r.report == report && r.value.is_some()).map(|r| (o, r)))
    }
}

fn reached(direction: Direction, value: f64, target: f64) -> bool {
    match direction {
        Direction::Up => value >= target - EPSILON,
        Direction::Down => value <= target + EPSILON,
    }
}

/// Every goal's progress as of one day: goals in force first, in their order,
/// then goals that only earlier reports name.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProgressAnalysis {
    pub as_of: Option<NaiveDate>,
    pub goals: Vec<GoalAnalysis>,
}

impl ProgressAnalysis {
    pub fn goal(&self, id: &str) -> Option<&GoalAnalysis> {
        self.goals.iter().find(|g| g.id == id)
    }

    /// The analysis of `case` (documents dated after `as_of` are ignored).
    pub fn of(case: &Case, as_of: NaiveDate) -> ProgressAnalysis {
        ProgressAnalysis::with_terms(case, as_of, &TermsHistory::new(case))
    }

    /// [`ProgressAnalysis::of`] with the case's terms history already built.
    pub fn with_terms(case: &Case, as_of: NaiveDate, history: &TermsHistory) -> ProgressAnalysis {
        ProgressAnalysis::with_agreed(case, as_of, history, None)
    }

    /// [`ProgressAnalysis::with_terms`], and for each goal in force whose
    /// target (value or date) differs in `agreed` (the terms the parent agreed
    /// to, `TermsHistory::agreed`), its pace against that target too.
    pub fn with_agreed(
        case: &Case,
        as_of: NaiveDate,
        history: &TermsHistory,
        agreed: Option<&TermsHistory>,
    ) -> ProgressAnalysis {
        let mut analysis = ProgressAnalysis::judged(case, as_of, history);
        let Some(agreed_terms) = agreed.and_then(|h| h.on(as_of)) else { return analysis };
        for goal in analysis.goals.iter_mut().filter(|g| g.in_force) {
            let Some(item) = agreed_terms.goals.iter().find(|t| t.item.id == goal.id) else { continue };
            let at_agreed = analyse(case, as_of, &item.item, true, None, agreed_terms.end);
            if at_agreed.target != goal.target || at_agreed.target_by != goal.target_by {
                goal.as_agreed = Some(AgreedPace {
                    target: at_agreed.target,
                    target_by: at_agreed.target_by,
                    projection: at_agreed.projection,
                    target_passed: at_agreed.target_passed,
                    on_pace: at_agreed.on_pace,
                });
            }
        }
        analysis
    }

    fn judged(case: &Case, as_of: NaiveDate, history: &TermsHistory) -> ProgressAnalysis {
        let terms = history.on(as_of);
        let mut goals = Vec::new();
        if let Some(terms) = terms {
            for t in &terms.goals {
                let document = case.versions.get(t.from).map(|v| v.path.clone());
                goals.push(analyse(case, as_of, &t.item, true, document, terms.end));
            }
        }
        // Goals the reports name that are no longer in force: shown, not judged for pace.
        let reports = case.reports.iter().filter(|r| r.date <= as_of);
        for entry in reports.flat_map(|r| r.goals.iter()) {
            if goals.iter().any(|g: &GoalAnalysis| g.id == entry.goal) {
                continue;
            }
            let latest = case
                .versions
                .iter()
                .rev()
                .filter(|v| v.effective <= as_of)
                .find_map(|v| v.goal(&entry.goal).map(|g| (g, v)));
            if let Some((goal, version)) = latest {
                goals.push(analyse(case, as_of, goal, false, Some(version.path.clone()), version.end));
            }
        }
        ProgressAnalysis { as_of: Some(as_of), goals }
    }
}

/// The baseline's date: stated, else the `effective` of the earliest version
/// whose goal of that id states the same baseline value.
fn baseline_date(case: &Case, as_of: NaiveDate, goal: &Goal, value: f64) -> Option<NaiveDate> {
    if let Some(date) = goal.baseline.as_ref().and_then(|b| b.date) {
        return Some(date);
    }
    case.versions
        .iter()
        .filter(|v| v.effective <= as_of)
        .find(|v| v.goal(&goal.id).and_then(|g| g.baseline.as_ref()).and_then(|b| b.value) == Some(value))
        .map(|v| v.effective)
}

fn label(goal: &Goal) -> String {
    iep_model::wording::goal_name(goal)
}

fn analyse(
    case: &Case,
    as_of: NaiveDate,
    goal: &Goal,
    in_force: bool,
    document: Option<String>,
    version_end: Option<NaiveDate>,
) -> GoalAnalysis {
    let baseline = goal
        .baseline
        .as_ref()
        .and_then(|b| b.value)
        .and_then(|value| baseline_date(case, as_of, goal, value).map(|date| Point { date, value }));
    let target = goal.target.as_ref().and_then(|t| t.value);
    let target_by = goal.target.as_ref().and_then(|t| t.by).or(version_end);
    let reports = || case.reports.iter().filter(|r| r.date <= as_of);
    let values: Vec<ReportValue> =
        reports().filter_map(|r| r.entry(&goal.id).map(|e| ReportValue::of_goal(case, r, e))).collect();
    let mut analysis = GoalAnalysis {
        id: goal.id.clone(),
        label: label(goal),
        measure: goal.measure.clone(),
        direction: goal.direction,
        in_force,
        document,
        baseline,
        target,
        target_by,
        reports: values,
        latest: None,
        projection: None,
        target_passed: target_by.is_some_and(|by| by < as_of),
        on_pace: None,
        stalled: None,
        as_agreed: None,
        objective_of: None,
        text: None,
        target_trials: goal.target.as_ref().and_then(|t| t.trials.clone()),
        objectives: Vec::new(),
    };
    analysis.objectives = goal.objectives.iter().map(|o| objective(case, as_of, &analysis, o)).collect();
    judge(&mut analysis, true);
    analysis
}

/// An objective judged in its own right (checks.md, "Objectives (format
/// 1.2)"): the goal's baseline and direction, its own target, its target
/// date its own `by` or the goal's; judged only where it has a target value.
fn objective(case: &Case, as_of: NaiveDate, goal: &GoalAnalysis, objective: &Objective) -> GoalAnalysis {
    let target = objective.target.as_ref().and_then(|t| t.value);
    let target_by = objective.target.as_ref().and_then(|t| t.by).or(goal.target_by);
    let reports = case
        .reports
        .iter()
        .filter(|r| r.date <= as_of)
        .filter_map(|r| {
            let entry = r.entry(&goal.id)?.objective(&objective.id)?;
            Some(ReportValue::new(case, r, entry.value, entry.status.as_ref(), &entry.detail))
        })
        .collect();
    let mut analysis = GoalAnalysis {
        id: objective.id.clone(),
        label: format!("objective {} of {}", objective.id, goal.label),
        measure: goal.measure.clone(),
        direction: goal.direction,
        in_force: goal.in_force,
        document: goal.document.clone(),
        baseline: goal.baseline,
        target,
        target_by,
        reports,
        latest: None,
        projection: None,
        target_passed: target_by.is_some_and(|by| by < as_of),
        on_pace: None,
        stalled: None,
        as_agreed: None,
        objective_of: Some(goal.id.clone()),
        text: Some(objective.text.clone()),
        target_trials: objective.target.as_ref().and_then(|t| t.trials.clone()),
        objectives: Vec::new(),
    };
    judge(&mut analysis, target.is_some());
    analysis
}

/// The latest value, the stall, the projection and the pace of a goal or an
/// objective whose values, baseline and target are filled in. `may_stall`:
/// an objective without a target value is shown, not judged.
fn judge(analysis: &mut GoalAnalysis, may_stall: bool) {
    let direction = analysis.direction;
    let values = analysis.values();
    analysis.latest = values.last().copied();
    if may_stall && let [.., two_before, _, latest] = values.as_slice() {
        analysis.stalled = Some(!better(direction, latest.value, two_before.value));
    }
    if let (Some(base), Some(latest), Some(by)) = (analysis.baseline, analysis.latest, analysis.target_by)
        && latest.date > base.date
    {
        let elapsed = (latest.date - base.date).num_days() as f64;
        let span = (by - base.date).num_days() as f64;
        analysis.projection = Some(base.value + (latest.value - base.value) * span / elapsed);
    }
    if analysis.in_force
        && let (Some(target), Some(projection), Some(latest)) = (analysis.target, analysis.projection, analysis.latest)
    {
        let judged = if analysis.target_passed { latest.value } else { projection };
        analysis.on_pace = Some(reached(direction, judged, target));
    }
}

/// `latest` is a gain over `earlier` in the goal's direction.
fn better(direction: Direction, latest: f64, earlier: f64) -> bool {
    match direction {
        Direction::Up => latest > earlier + EPSILON,
        Direction::Down => latest < earlier - EPSILON,
    }
}

fn narrative(entry: Option<&iep_model::GoalProgress>) -> Option<&str> {
    entry.and_then(|e| e.narrative.as_deref()).filter(|n| !n.trim().is_empty())
}

/// One goal in two reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalReportChange {
    pub goal: String,
    pub value_before: Option<f64>,
    pub value_after: Option<f64>,
    pub status_before: Option<String>,
    pub status_after: Option<String>,
    /// How alike the two narratives are, 0 to 1 (`None` when either is missing or empty).
    pub narrative_similarity: Option<f64>,
    pub in_before: bool,
    pub in_after: bool,
    /// Whether each report gives a narrative (before, after).
    #[serde(skip)]
    pub narrative_in: (bool, bool),
    /// The goal's objectives that either report gives a value or status for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<ObjectiveReportChange>,
}

/// One objective of a goal in two reports (format 1.2: many report forms
/// give values only for the objectives).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectiveReportChange {
    pub objective: String,
    pub value_before: Option<f64>,
    pub value_after: Option<f64>,
    pub status_before: Option<String>,
    pub status_after: Option<String>,
}

/// The objectives of a goal's two entries, the newer report's order first.
fn objective_changes(
    old: Option<&iep_model::GoalProgress>,
    new: Option<&iep_model::GoalProgress>,
) -> Vec<ObjectiveReportChange> {
    let mut ids: Vec<&str> = Vec::new();
    for entry in [new, old].into_iter().flatten() {
        for o in &entry.objectives {
            if !ids.contains(&o.objective.as_str()) {
                ids.push(&o.objective);
            }
        }
    }
    ids.into_iter()
        .map(|id| {
            let (before, after) = (old.and_then(|e| e.objective(id)), new.and_then(|e| e.objective(id)));
            ObjectiveReportChange {
                objective: id.to_owned(),
                value_before: before.and_then(|o| o.value),
                value_after: after.and_then(|o| o.value),
                status_before: before.and_then(|o| o.status.clone()),
                status_after: after.and_then(|o| o.status.clone()),
            }
        })
        .filter(|o| {
            o.value_before.is_some() || o.value_after.is_some() || o.status_before.is_some() || o.status_after.is_some()
        })
        .collect()
}

/// A progress report against the one before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportDiff {
    pub before: NaiveDate,
    pub before_document: String,
    pub after: NaiveDate,
    pub after_document: String,
    pub goals: Vec<GoalReportChange>,
}

/// Compares two reports goal by goal: the newer report's goals in order,
/// then goals only the older one has.
pub fn report_diff(
    before: &ProgressReport,
    before_document: &str,
    after: &ProgressReport,
    after_document: &str,
) -> ReportDiff {
    let mut ids: Vec<&str> = after.goals.iter().map(|g| g.goal.as_str()).collect();
    for g in &before.goals {
        if !ids.contains(&g.goal.as_str()) {
            ids.push(&g.goal);
        }
    }
    let goals = ids
        .into_iter()
        .map(|id| {
            let (old, new) = (before.entry(id), after.entry(id));
            GoalReportChange {
                goal: id.to_owned(),
                value_before: old.and_then(|e| e.value),
                value_after: new.and_then(|e| e.value),
                status_before: old.and_then(|e| e.status.clone()),
                status_after: new.and_then(|e| e.status.clone()),
                narrative_similarity: match (narrative(old), narrative(new)) {
                    (Some(a), Some(b)) => Some(similarity(a, b)),
                    _ => None,
                },
                in_before: old.is_some(),
                in_after: new.is_some(),
                narrative_in: (narrative(old).is_some(), narrative(new).is_some()),
                objectives: objective_changes(old, new),
            }
        })
        .collect();
    ReportDiff {
        before: before.date,
        before_document: before_document.to_owned(),
        after: after.date,
        after_document: after_document.to_owned(),
        goals,
    }
}
