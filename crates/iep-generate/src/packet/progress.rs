//! Progress on the goals in force: values, pace, projection and a chart each.

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, long_date, month_name};
use serde::Serialize;

use super::Sources;
use super::words::{capitalize, number, number1, round2};
use iep_model::wording::{progress_meaning, quote};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoalSection {
    pub id: String,
    /// "The goal in Speech - articulation".
    pub label: String,
    pub statement: Option<String>,
    pub measure: Option<String>,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    /// "At this rate: about 50.6 by June 15, 2026, short of the target of 80." or why there is none.
    pub projection: String,
    pub pace: Pace,
    /// The pace against the target the parent agreed to, where a change
    /// nobody agreed to moved the target (checks.md, "As agreed").
    pub as_agreed: Option<AgreedSection>,
    /// The latest report gives a status but no value, neither for the goal
    /// nor for any of its objectives.
    pub latest_has_no_value: bool,
    /// The goal's objectives, each with its values against its target (format 1.2).
    pub objectives: Vec<ObjectiveSection>,
    /// Each report's entry, oldest first.
    pub reports: Vec<ReportRow>,
    /// The latest report's narrative, and its date.
    pub narrative: Option<String>,
    pub narrative_date: Option<String>,
    /// The line chart's data as JSON, for `line-chart` in `charts.typ`.
    pub chart: String,
    pub source: Option<usize>,
}

/// A goal's target as the parent agreed to it, and the pace against it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AgreedSection {
    /// "80 by June 15, 2026".
    pub target: String,
    /// "At this rate: about 50.6 by June 15, 2026, short of the target of 80."
    pub projection: String,
    pub pace: Pace,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    OnPace,
    NotOnPace,
    NotEnoughData,
    /// The reports give values only for the goal's objectives (format 1.2).
    ByObjectives,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportRow {
    pub date: String,
    /// The value; none when the report gives none.
    pub value: Option<String>,
    /// The goal's entry gives no value but its objectives' entries do.
    pub objectives_only: bool,
    pub status: Option<String>,
    /// What the report says beside the value: the trials, the legend's own
    /// words for the status code, the sufficiency box, the reason, how it was
    /// measured ("in 2 of 3 trials; “2” means “Partial Progress”").
    pub detail: Option<String>,
    pub source: usize,
}

/// One objective of a goal: its values against its target.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ObjectiveSection {
    pub id: String,
    pub text: Option<String>,
    /// "80 by December 31, 2025", or "not stated".
    pub target: String,
    pub reports: Vec<ReportRow>,
    pub pace: Pace,
    /// The projection, where the objective has a target value.
    pub projection: Option<String>,
}

/// The words beside a report's value, joined; none when there are none.
pub(super) fn detail_words(r: &iep_diff::ReportValue) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(trials) = &r.detail.trials {
        parts.push(format!("in {trials} trials"));
    }
    if let Some(status) = r.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        match (&r.legend, r.meaning) {
            (Some(text), _) => parts.push(format!("{} means {}", quote(status), quote(text))),
            (None, Some(meaning)) => parts.push(format!("{} means {}", quote(status), progress_meaning(meaning))),
            (None, None) => {}
        }
    }
    if let Some(sufficient) = r.sufficient {
        parts.push(format!("progress sufficient: {}", if sufficient { "yes" } else { "no" }));
    }
    if let Some(reason) = &r.detail.reason {
        parts.push(format!("reason given: {}", quote(reason)));
    }
    if let Some(by) = &r.detail.measured_by {
        parts.push(format!("measured by {}", quote(by)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn report_row(r: &iep_diff::ReportValue, objectives_only: bool, sources: &mut Sources) -> ReportRow {
    ReportRow {
        date: long_date(r.date),
        value: r.value.map(number),
        objectives_only,
        status: r.status.clone(),
        detail: detail_words(r),
        source: sources.cite(&r.report),
    }
}

fn objective_section(
    goal: &iep_diff::GoalAnalysis,
    o: &iep_diff::GoalAnalysis,
    sources: &mut Sources,
) -> ObjectiveSection {
    let mut target = target_words(o.target, o.target_by);
    if let (Some(trials), Some(_)) = (&o.target_trials, o.target) {
        target.push_str(&format!(", in {trials} trials"));
    }
    ObjectiveSection {
        id: o.id.clone(),
        text: o.text.clone(),
        target,
        reports: o
            .reports
            .iter()
            .filter(|r| goal.reports.iter().any(|g| g.report == r.report))
            .map(|r| report_row(r, false, sources))
            .collect(),
        pace: pace_of(o.on_pace),
        projection: o.target.map(|_| projection_words(o, o.projection, o.target_by, o.target)),
    }
}

/// The goals of the plan in force, with the reports from `from` on (a goal
/// kept from year to year has every year's reports).
pub(super) fn progress(
    case: &Case,
    analysis: &iep_diff::ProgressAnalysis,
    from: Option<NaiveDate>,
    sources: &mut Sources,
) -> Vec<GoalSection> {
    let mut out = Vec::new();
    for goal in analysis.goals.iter().filter(|g| g.in_force) {
        let mut goal = goal.clone();
        goal.reports.retain(|r| from.is_none_or(|f| r.date >= f));
        let goal = &goal;
        let written = goal
            .document
            .as_deref()
            .and_then(|doc| case.versions.iter().find(|v| v.path == doc))
            .and_then(|v| v.goal(&goal.id));
        let source = goal.document.as_deref().map(|d| sources.cite(d));
        let objectives_only =
            |r: &iep_diff::ReportValue| r.value.is_none() && goal.objective_values_in(&r.report).next().is_some();
        let reports: Vec<ReportRow> = goal.reports.iter().map(|r| report_row(r, objectives_only(r), sources)).collect();
        let objectives = goal.objectives.iter().map(|o| objective_section(goal, o, sources)).collect();
        let narrative = goal.reports.iter().rev().find_map(|r| {
            let report = case.reports.iter().find(|rep| rep.path == r.report)?;
            let text = report.entry(&goal.id)?.narrative.as_deref()?.trim();
            (!text.is_empty()).then(|| (text.to_owned(), r.date))
        });
        let baseline = match goal.baseline {
            Some(b) => format!("{} on {}", number(b.value), long_date(b.date)),
            None => "not stated".to_owned(),
        };
        let target = target_words(goal.target, goal.target_by);
        // A goal measured only through its objectives has data: they are below.
        let by_objectives = goal.latest.is_none() && goal.objectives.iter().any(|o| o.latest.is_some());
        let latest = match goal.latest {
            Some(p) => format!("{} on {}", number(p.value), long_date(p.date)),
            None if by_objectives => "values given for the objectives (below)".to_owned(),
            None => "no measured value yet".to_owned(),
        };
        let projection = if by_objectives {
            "The reports measure this goal through its objectives; each one is judged below against its own target."
                .to_owned()
        } else {
            projection_words(goal, goal.projection, goal.target_by, goal.target)
        };
        let pace = if by_objectives { Pace::ByObjectives } else { pace_of(goal.on_pace) };
        let as_agreed = goal.as_agreed.map(|a| AgreedSection {
            target: target_words(a.target, a.target_by),
            projection: projection_words(goal, a.projection, a.target_by, a.target),
            pace: pace_of(a.on_pace),
        });
        out.push(GoalSection {
            id: goal.id.clone(),
            label: capitalize(&goal.label),
            statement: written.map(|g| g.statement.clone()),
            measure: goal.measure.clone(),
            baseline,
            target,
            latest,
            projection,
            pace,
            as_agreed,
            latest_has_no_value: goal.reports.last().is_some_and(|r| r.value.is_none() && !objectives_only(r)),
            objectives,
            reports,
            narrative: narrative.as_ref().map(|(t, _)| t.clone()),
            narrative_date: narrative.as_ref().map(|(_, d)| long_date(*d)),
            chart: line_chart_json(goal),
            source,
        });
    }
    out
}

/// "80 by June 15, 2026", "80", or "not stated".
fn target_words(target: Option<f64>, by: Option<NaiveDate>) -> String {
    match (target, by) {
        (Some(t), Some(by)) => format!("{} by {}", number(t), long_date(by)),
        (Some(t), None) => number(t),
        (None, _) => "not stated".to_owned(),
    }
}

/// "At this rate: about 50.6 by June 15, 2026, short of the target of 80."
fn projection_words(
    goal: &iep_diff::GoalAnalysis,
    projection: Option<f64>,
    by: Option<NaiveDate>,
    target: Option<f64>,
) -> String {
    match (projection, by, target) {
        (Some(p), Some(by), Some(t)) => format!(
            "At this rate: about {} by {}, {} the target of {}.",
            number1(p),
            long_date(by),
            if goal.reached(p, t) { "reaching" } else { "short of" },
            number(t)
        ),
        (Some(p), Some(by), None) => format!("At this rate: about {} by {}.", number1(p), long_date(by)),
        _ => "No projection: it needs a baseline, a target date and a measured value after the baseline.".to_owned(),
    }
}

fn pace_of(on_pace: Option<bool>) -> Pace {
    match on_pace {
        Some(true) => Pace::OnPace,
        Some(false) => Pace::NotOnPace,
        None => Pace::NotEnoughData,
    }
}

/// Axis ticks with their printed labels.
pub(super) fn tick_json(ticks: &[f64]) -> Vec<serde_json::Value> {
    ticks.iter().map(|t| serde_json::json!({ "v": t, "label": number(*t) })).collect()
}

/// A y axis from `lo` to a round number at or above `hi`, with 3 to 6 ticks.
pub(super) fn nice_axis(lo: f64, hi: f64) -> (f64, Vec<f64>) {
    let lo = if lo.is_finite() { lo.min(0.0) } else { 0.0 };
    // An empty or flat series still gets an axis from 0 to 1.
    let hi = if hi.is_finite() && hi > lo { hi } else { lo + 1.0 };
    let span = hi - lo;
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step =
        [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| span / s <= 5.0).unwrap_or(10.0 * magnitude);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = start;
    while t < hi + step * 0.999 && ticks.len() < 12 {
        ticks.push(round2(t));
        if t >= hi {
            break;
        }
        t += step;
    }
    let top = ticks.last().copied().unwrap_or(1.0).max(step);
    (top, ticks)
}

/// The data of `line-chart` (charts.typ): days since the first date on x,
/// the measured values on y, with the target line and the projection.
fn line_chart_json(goal: &iep_diff::GoalAnalysis) -> String {
    let values = goal.values();
    let mut dates: Vec<NaiveDate> = values.iter().map(|p| p.date).collect();
    dates.extend(goal.baseline.map(|b| b.date));
    dates.extend(goal.target_by);
    dates.extend(goal.as_agreed.and_then(|a| a.target_by));
    let (Some(&start), Some(&end)) = (dates.iter().min(), dates.iter().max()) else {
        return serde_json::json!({ "empty": true }).to_string();
    };
    let x = |d: NaiveDate| (d - start).num_days();
    let x_max = x(end).max(1);
    let mut ys: Vec<f64> = values.iter().map(|p| p.value).collect();
    ys.extend(goal.baseline.map(|b| b.value));
    ys.extend(goal.target);
    ys.extend(goal.projection);
    ys.extend(goal.as_agreed.and_then(|a| a.target));
    let lo = ys.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
    let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (y_max, ticks) = nice_axis(lo, if hi.is_finite() { hi } else { 1.0 });
    let y_min = ticks.first().copied().unwrap_or(0.0);
    let point = |d: NaiveDate, v: f64| serde_json::json!({ "x": x(d), "y": round2(v), "label": number(v) });
    // The x labels: each month start between the first and last date.
    let mut x_ticks = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1);
    while let Some(m) = month {
        if m > end {
            break;
        }
        if m >= start {
            let name = month_name(m.month());
            x_ticks.push(serde_json::json!({ "x": x(m), "label": name.get(..3).unwrap_or(name) }));
        }
        month = m.checked_add_months(chrono::Months::new(1));
    }
    let projection = match (goal.baseline, goal.projection, goal.target_by) {
        (Some(b), Some(p), Some(by)) => Some(serde_json::json!({
            "from": point(b.date, b.value),
            "to": { "x": x(by), "y": round2(p), "label": number1(p) },
        })),
        _ => None,
    };
    serde_json::json!({
        "empty": false,
        "x_max": x_max,
        "y_min": y_min,
        "y_max": y_max,
        "y_ticks": tick_json(&ticks),
        "x_ticks": x_ticks,
        "baseline": goal.baseline.map(|b| point(b.date, b.value)),
        "values": values.iter().map(|p| point(p.date, p.value)).collect::<Vec<_>>(),
        "target": goal.target.map(|t| serde_json::json!({ "y": round2(t), "label": number(t), "x": goal.target_by.map(x) })),
        "projection": projection,
        // The target the parent agreed to, where it was changed without agreement.
        "agreed_target": goal.as_agreed.and_then(|a| a.target).map(|t| serde_json::json!({
            "y": round2(t), "label": number(t), "x": goal.as_agreed.and_then(|a| a.target_by).map(x),
        })),
    })
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_end_on_a_round_number_above_the_data() {
        assert_eq!(nice_axis(0.0, 600.0), (600.0, vec![0.0, 200.0, 400.0, 600.0]));
        let (top, ticks) = nice_axis(0.0, 87.0);
        assert!((87.0..=100.0).contains(&top), "{top}");
        assert_eq!(ticks.first(), Some(&0.0));
        assert!(ticks.len() >= 3 && ticks.len() <= 7, "{ticks:?}");
        // Nothing at all still gives an axis.
        let (top, ticks) = nice_axis(0.0, 0.0);
        assert!(top > 0.0 && ticks.len() >= 2, "{top} {ticks:?}");
    }
}
