//! `kind: iep`: a version of the plan, with its goals, services and accommodations.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};
use crate::span::Seg;

// ---- kind: iep ----

/// A version of the plan the school issued (an annual IEP, an amendment, a 504 plan), or a draft.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIep {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The version's id, unique among versions; progress reports and amendments name it.
    #[schemars(extend("examples" = ["iep-2025"]))]
    id: String,
    /// `iep` or `504` (unquoted `504` is read as the word).
    #[schemars(extend("examples" = ["504"]), extend("default" = "iep"), extend("type" = ["string", "integer", "null"]))]
    plan: Option<String>,
    /// `issued`, or `draft`: a proposal, never in force; the packet compares it with the terms in force.
    #[schemars(extend("examples" = ["draft"]), extend("default" = "issued"))]
    status: Option<String>,
    /// The day the version takes effect.
    #[schemars(extend("examples" = ["2025-09-15"]))]
    effective: Date,
    /// The date the annual review is due by.
    #[schemars(extend("examples" = ["2026-09-14"]))]
    end: Option<Date>,
    /// The date of the meeting that produced it, if any.
    #[schemars(extend("examples" = ["2025-09-10"]))]
    meeting: Option<Date>,
    /// The date the parent accepted this version in writing (a signature that only records
    /// attendance does not count). Absent: not accepted.
    #[schemars(extend("examples" = ["2025-09-12"]))]
    parent_signed: Option<Date>,
    /// Items the parent rejected in writing (partial acceptance); `[all]`: the whole version.
    /// Rejected terms never take effect.
    #[serde(default)]
    #[schemars(extend("examples" = [["services.ot"]]))]
    parent_rejected: Option<Vec<String>>,
    /// The id of the version this one amends.
    #[schemars(extend("examples" = ["iep-2025"]))]
    amends: Option<String>,
    /// Where the child is taught.
    placement: Option<RawPlacement>,
    /// The annual goals.
    #[serde(default)]
    goals: Option<Vec<RawGoal>>,
    /// The services, as the service grid lists them.
    #[serde(default)]
    services: Option<Vec<RawService>>,
    /// The accommodations.
    #[serde(default)]
    accommodations: Option<Vec<RawAccommodation>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// Where the child is taught (the item `placement`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPlacement {
    /// The setting, as the IEP words it.
    #[schemars(extend("examples" = ["General education with pull-out services"]))]
    setting: Option<String>,
    /// The share of the day in general education, in percent.
    #[schemars(extend("examples" = [80]))]
    general_ed_percent: Option<f64>,
}

/// An annual goal (the item `goals.<id>`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    /// The goal's id, unique in the version; the same goal keeps its id across versions.
    #[schemars(extend("examples" = ["G1"]))]
    id: String,
    /// The area of need.
    #[schemars(extend("examples" = ["Speech - articulation"]))]
    area: Option<String>,
    /// The goal as the IEP states it.
    #[schemars(extend("examples" = ["Maya will produce /r/ correctly in all word positions"]))]
    statement: String,
    /// What is measured, in words.
    #[schemars(extend("examples" = ["percent of correct productions in structured tasks"]))]
    measure: Option<String>,
    /// Where the child started.
    baseline: Option<RawBaseline>,
    /// Where the goal should get to, and by when.
    target: Option<RawTarget>,
    /// `up`, or `down` when less is better (incidents per week).
    #[schemars(extend("examples" = ["down"]), extend("default" = "up"))]
    direction: Option<String>,
    /// Short-term objectives or benchmarks, in order.
    #[serde(default)]
    objectives: Option<Vec<RawObjective>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// A goal's starting point.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    /// The measured value, in the goal's measure (a number, whole or decimal, or with a percent sign: `35%`).
    #[schemars(extend("examples" = [35]))]
    value: Option<Measured>,
    /// The baseline as the school wrote it, beside or instead of `value`.
    #[schemars(extend("examples" = ["With cues, /k/ initial 80%, medial 90%; /g/ medial 71%"]))]
    text: Option<String>,
    /// When it was measured. Default: the version's `effective`. Month allowed (its first day).
    #[schemars(extend("examples" = ["2025-09-01"]))]
    date: Option<DateOrMonth>,
}

/// A goal's or objective's target.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    /// The value to reach, in the goal's measure (a number, or with a percent sign: `80%`).
    #[schemars(extend("examples" = [80]))]
    value: Option<Measured>,
    /// The date to reach it by. Default: the version's `end`. Month allowed (its last day).
    #[schemars(extend("examples" = ["2026-06-15"]))]
    by: Option<DateOrMonth>,
    /// The criterion's trials as the IEP words it ("over 3 trials": `3 of 3`). Kept and shown, not judged.
    #[schemars(extend("examples" = ["3 of 3"]))]
    trials: Option<Trials>,
}

impl RawTarget {
    fn convert(self) -> m::Target {
        m::Target {
            value: self.value.map(|v| v.0),
            by: self.by.map(DateOrMonth::last_day),
            month_only: self.by.is_some_and(DateOrMonth::is_month),
            trials: self.trials.map(|t| t.0),
        }
    }
}

/// A short-term objective or benchmark of a goal.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    /// The objective's id, unique in the goal; progress reports name it.
    #[schemars(extend("examples" = ["G1.1"]))]
    id: String,
    /// The objective as the IEP states it.
    #[schemars(extend("examples" = ["/r/ in initial position with 80% accuracy"]))]
    text: String,
    /// Where the objective should get to, and by when.
    target: Option<RawTarget>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// A service of the service grid (the item `services.<id>`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawService {
    /// The service's id, unique in the version; service logs name it.
    #[schemars(extend("examples" = ["speech"]))]
    id: String,
    /// What is done, as the grid names it.
    #[schemars(extend("examples" = ["Speech-language therapy"]))]
    service: String,
    /// Who provides it.
    #[schemars(extend("examples" = ["Speech-language pathologist"]))]
    provider: Option<String>,
    /// How much: the short form (`2 x 30 min per week`, `60 min per week`, `1 x 45 min per month`)
    /// or `{sessions, minutes, per}`.
    #[schemars(extend("examples" = ["2 x 30 min per week"]))]
    amount: RawAmount,
    /// Where: `pull-out`, `push-in`, `general-ed`, `separate-class`, `consult` or other text.
    #[schemars(extend("examples" = ["pull-out"]))]
    setting: Option<String>,
    /// `individual` or `group`.
    #[schemars(extend("examples" = ["individual"]))]
    group: Option<String>,
    /// The first day the service is owed. Default: the version's `effective`.
    #[schemars(extend("examples" = ["2025-09-15"]))]
    start: Option<Date>,
    /// The last day the service is owed. Default: the version's `end`.
    #[schemars(extend("examples" = ["2026-06-19"]))]
    end: Option<Date>,
    /// `true`: an extended school year service, owed only on the calendar's `esy` days.
    #[schemars(extend("examples" = [true]), extend("default" = false))]
    esy: Option<bool>,
    /// Free text that no field holds (the grid's Notes column). Kept, never parsed.
    #[schemars(extend("examples" = ["Sessions may be combined in weeks with a holiday."]))]
    notes: Option<String>,
}

/// An accommodation (the item `accommodations.<id>`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawAccommodation {
    /// The accommodation's id, unique in the version.
    #[schemars(extend("examples" = ["A1"]))]
    id: String,
    /// The accommodation as the IEP states it.
    #[schemars(extend("examples" = ["Extended time (1.5x) on tests and quizzes"]))]
    text: String,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

impl RawIep {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::IepVersion {
        check_id(&self.id, at!["id"], problems);
        let plan = match &self.plan {
            None => m::Plan::Iep,
            Some(p) => one_of(p, &[("iep", m::Plan::Iep), ("504", m::Plan::Section504)], at!["plan"], "plan", problems)
                .unwrap_or(m::Plan::Iep),
        };
        let status = match &self.status {
            None => m::VersionStatus::Issued,
            Some(s) => one_of(
                s,
                &[("issued", m::VersionStatus::Issued), ("draft", m::VersionStatus::Draft)],
                at!["status"],
                "status",
                problems,
            )
            .unwrap_or_default(),
        };
        let goals = list_or_empty(self.goals);
        let services = list_or_empty(self.services);
        let accommodations = list_or_empty(self.accommodations);
        check_unique(goals.iter().map(|g| g.id.as_str()), "goals", "id", "goals", problems);
        check_unique(services.iter().map(|s| s.id.as_str()), "services", "id", "services", problems);
        check_unique(accommodations.iter().map(|a| a.id.as_str()), "accommodations", "id", "accommodations", problems);
        if let (Some(end), effective) = (self.end, self.effective)
            && end.0 < effective.0
        {
            problems.push(
                Problem::new(
                    at!["end"],
                    format!("the plan ends on {} before it takes effect on {}", end.0, effective.0),
                )
                .help("check both dates: `end` is the date the annual review is due, after `effective`"),
            );
        }
        let goals = goals.into_iter().enumerate().map(|(i, g)| g.convert(i, problems)).collect();
        let services = services.into_iter().enumerate().map(|(i, s)| s.convert(i, problems)).collect();
        let parent_rejected = item_refs(&list_or_empty(self.parent_rejected), "parent_rejected", problems);
        // NaN is outside every range, so this also refuses `.nan` and `.inf`.
        if let Some(percent) =
            self.placement.as_ref().and_then(|p| p.general_ed_percent).filter(|p| !(0.0..=100.0).contains(p))
        {
            let what = if percent.is_finite() { "a share of the school day" } else { "a number" };
            problems.push(
                Problem::new(at!["placement", "general_ed_percent"], format!("`{percent}` is not {what}"))
                    .help("write the percent of the day in general education, from 0 to 100, like `80`"),
            );
        }
        m::IepVersion {
            id: self.id,
            plan,
            status,
            effective: self.effective.0,
            end: self.end.map(|d| d.0),
            meeting: self.meeting.map(|d| d.0),
            parent_signed: self.parent_signed.map(|d| d.0),
            parent_rejected,
            amends: self.amends,
            placement: self
                .placement
                .map(|p| m::Placement { setting: p.setting, general_ed_percent: p.general_ed_percent }),
            goals,
            services,
            accommodations: accommodations
                .into_iter()
                .map(|a| m::Accommodation { id: a.id, text: a.text, notes: a.notes })
                .collect(),
            notes: self.notes,
        }
    }
}

impl RawGoal {
    /// The `i`th goal of its version, with its objectives.
    fn convert(self, i: usize, problems: &mut Vec<Problem>) -> m::Goal {
        let direction = match &self.direction {
            None => m::Direction::Up,
            Some(d) => one_of(
                d,
                &[("up", m::Direction::Up), ("down", m::Direction::Down)],
                at!["goals", i, "direction"],
                "direction",
                problems,
            )
            .unwrap_or_default(),
        };
        if let Some(b) = &self.baseline {
            finite(b.value.map(|v| v.0), at!["goals", i, "baseline", "value"], problems);
        }
        if let Some(t) = &self.target {
            finite(t.value.map(|v| v.0), at!["goals", i, "target", "value"], problems);
        }
        let objectives = list_or_empty(self.objectives);
        for (k, o) in objectives.iter().enumerate() {
            check_id(&o.id, at!["goals", i, "objectives", k, "id"], problems);
            if let Some(t) = &o.target {
                finite(t.value.map(|v| v.0), at!["goals", i, "objectives", k, "target", "value"], problems);
            }
            if objectives[..k].iter().any(|other| other.id == o.id) {
                problems.push(
                    Problem::new(
                        at!["goals", i, "objectives", k, "id"],
                        format!("two objectives of this goal have the id `{}`", o.id),
                    )
                    .help(format!("every objective needs its own id, like `{}-2`", o.id)),
                );
            }
        }
        m::Goal {
            id: self.id,
            area: self.area,
            statement: self.statement,
            measure: self.measure,
            baseline: self.baseline.map(|b| m::Baseline {
                value: b.value.map(|v| v.0),
                text: b.text,
                date: b.date.map(DateOrMonth::first_day),
                month_only: b.date.is_some_and(DateOrMonth::is_month),
            }),
            target: self.target.map(RawTarget::convert),
            direction,
            objectives: objectives
                .into_iter()
                .map(|o| m::Objective {
                    id: o.id,
                    text: o.text,
                    target: o.target.map(RawTarget::convert),
                    notes: o.notes,
                })
                .collect(),
            notes: self.notes,
        }
    }
}

impl RawService {
    /// The `i`th service of its version, with its amount read.
    fn convert(self, i: usize, problems: &mut Vec<Problem>) -> m::Service {
        let amount = convert_amount(&self.amount, at!["services", i, "amount"], problems);
        if let (Some(start), Some(end)) = (self.start, self.end)
            && end.0 < start.0
        {
            problems.push(
                Problem::new(
                    at!["services", i, "end"],
                    format!("the service ends on {} before it starts on {}", end.0, start.0),
                )
                .help("check `start` and `end` of this service"),
            );
        }
        m::Service {
            id: self.id,
            service: self.service,
            provider: self.provider,
            amount,
            setting: self.setting,
            group: self.group,
            start: self.start.map(|d| d.0),
            end: self.end.map(|d| d.0),
            esy: self.esy.unwrap_or(false),
            notes: self.notes,
        }
    }
}

/// Placeholder for an amount that could not be read (the file has an error anyway).
fn unreadable_amount(text: &str) -> m::Amount {
    m::Amount::as_needed(text)
}

fn convert_amount(raw: &RawAmount, at: Vec<Seg>, problems: &mut Vec<Problem>) -> m::Amount {
    match raw {
        RawAmount::Text(text) => {
            // Spans count from the trimmed text.
            let lead = text.chars().take_while(|c| c.is_whitespace()).count();
            match m::Amount::parse(text) {
                Ok(amount) => {
                    for range in &amount.ranges {
                        let mut p = Problem::new(
                            at.clone(),
                            format!(
                                "the amount `{}` gives a range, `{}`, and reads its lower bound: {amount}",
                                text.trim(),
                                range.written
                            ),
                        )
                        .help(
                            "a range promises only its lower bound, so that is what is counted as owed; \
                             if the plan commits to more, write that number",
                        )
                        .part(range.span.0 + lead, range.span.1);
                        p.warning = true;
                        problems.push(p);
                    }
                    amount
                }
                Err(e) => {
                    let mut p = Problem::new(at, format!("the amount `{}` cannot be read: {}", text.trim(), e.message))
                        .help(e.help);
                    if let Some((offset, len)) = e.span {
                        p = p.part(offset + lead, len);
                    }
                    problems.push(p);
                    unreadable_amount(text)
                }
            }
        }
        RawAmount::Parts(parts) => match m::Amount::from_parts(parts.sessions, parts.minutes, &parts.per) {
            Ok(a) => a,
            Err(e) => {
                problems.push(Problem::new(at, format!("this amount cannot be read: {}", e.message)).help(e.help));
                unreadable_amount(&parts.per)
            }
        },
    }
}
