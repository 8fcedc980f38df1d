//! `kind: iep`: a version of the plan, with its goals, services and accommodations.

use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};
use crate::span::Seg;

// ---- kind: iep ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIep {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    id: String,
    plan: Option<String>,
    status: Option<String>,
    effective: Date,
    end: Option<Date>,
    meeting: Option<Date>,
    parent_signed: Option<Date>,
    #[serde(default)]
    parent_rejected: Option<Vec<String>>,
    amends: Option<String>,
    placement: Option<RawPlacement>,
    #[serde(default)]
    goals: Option<Vec<RawGoal>>,
    #[serde(default)]
    services: Option<Vec<RawService>>,
    #[serde(default)]
    accommodations: Option<Vec<RawAccommodation>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlacement {
    setting: Option<String>,
    general_ed_percent: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    id: String,
    area: Option<String>,
    statement: String,
    measure: Option<String>,
    baseline: Option<RawBaseline>,
    target: Option<RawTarget>,
    direction: Option<String>,
    #[serde(default)]
    objectives: Option<Vec<RawObjective>>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    value: Option<f64>,
    text: Option<String>,
    date: Option<DateOrMonth>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: Option<f64>,
    by: Option<DateOrMonth>,
}

impl RawTarget {
    fn convert(self) -> m::Target {
        m::Target { value: self.value, by: self.by.map(DateOrMonth::last_day), month_only: self.by.is_some_and(DateOrMonth::is_month) }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObjective {
    id: String,
    text: String,
    target: Option<RawTarget>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    service: String,
    provider: Option<String>,
    amount: RawAmount,
    setting: Option<String>,
    group: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
    esy: Option<bool>,
    notes: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccommodation {
    id: String,
    text: String,
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
        if let (Some(end), effective) = (self.end, self.effective) {
            if end.0 < effective.0 {
                problems.push(
                    Problem::new(at!["end"], format!("the plan ends on {} before it takes effect on {}", end.0, effective.0))
                        .help("check both dates: `end` is the date the annual review is due, after `effective`"),
                );
            }
        }
        let goals = goals
            .into_iter()
            .enumerate()
            .map(|(i, g)| {
                let direction = match &g.direction {
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
                if let Some(b) = &g.baseline {
                    finite(b.value, at!["goals", i, "baseline", "value"], problems);
                }
                if let Some(t) = &g.target {
                    finite(t.value, at!["goals", i, "target", "value"], problems);
                }
                let objectives = list_or_empty(g.objectives);
                for (k, o) in objectives.iter().enumerate() {
                    check_id(&o.id, at!["goals", i, "objectives", k, "id"], problems);
                    if objectives[..k].iter().any(|other| other.id == o.id) {
                        problems.push(
                            Problem::new(at!["goals", i, "objectives", k, "id"], format!("two objectives of this goal have the id `{}`", o.id))
                                .help(format!("every objective needs its own id, like `{}-2`", o.id)),
                        );
                    }
                }
                m::Goal {
                    id: g.id,
                    area: g.area,
                    statement: g.statement,
                    measure: g.measure,
                    baseline: g.baseline.map(|b| m::Baseline {
                        value: b.value,
                        text: b.text,
                        date: b.date.map(DateOrMonth::first_day),
                        month_only: b.date.is_some_and(DateOrMonth::is_month),
                    }),
                    target: g.target.map(RawTarget::convert),
                    direction,
                    objectives: objectives
                        .into_iter()
                        .map(|o| m::Objective { id: o.id, text: o.text, target: o.target.map(RawTarget::convert), notes: o.notes })
                        .collect(),
                    notes: g.notes,
                }
            })
            .collect();
        let services = services
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let amount = convert_amount(&s.amount, at!["services", i, "amount"], problems);
                if let (Some(start), Some(end)) = (s.start, s.end) {
                    if end.0 < start.0 {
                        problems.push(
                            Problem::new(at!["services", i, "end"], format!("the service ends on {} before it starts on {}", end.0, start.0))
                                .help("check `start` and `end` of this service"),
                        );
                    }
                }
                m::Service {
                    id: s.id,
                    service: s.service,
                    provider: s.provider,
                    amount,
                    setting: s.setting,
                    group: s.group,
                    start: s.start.map(|d| d.0),
                    end: s.end.map(|d| d.0),
                    esy: s.esy.unwrap_or(false),
                    notes: s.notes,
                }
            })
            .collect();
        let parent_rejected = item_refs(&list_or_empty(self.parent_rejected), "parent_rejected", problems);
        // NaN is outside every range, so this also refuses `.nan` and `.inf`.
        if let Some(percent) = self.placement.as_ref().and_then(|p| p.general_ed_percent).filter(|p| !(0.0..=100.0).contains(p)) {
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
            placement: self.placement.map(|p| m::Placement { setting: p.setting, general_ed_percent: p.general_ed_percent }),
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
                    let mut p = Problem::new(at, format!("the amount `{}` cannot be read: {}", text.trim(), e.message)).help(e.help);
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
