//! Services: required against delivered, month by month, over the months the
//! packet covers. Months delivered in full, and months with nothing to judge,
//! are folded into one line each.

use chrono::NaiveDate;
use iep_model::{Case, long_date};
use iep_services::{PeriodAccount, ServiceAccount, Status, Unit};
use serde::Serialize;

use super::Sources;
use super::words::{percent, round2, short_month, whole};
use crate::wording;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceSection {
    pub id: String,
    pub name: String,
    /// The amount in force ("1 x 30 min per week").
    pub amount: Option<String>,
    /// "minutes" or "sessions".
    pub unit: String,
    pub in_minutes: bool,
    /// The months with something to raise: a gap, a miss, or not over yet.
    pub rows: Vec<MonthRow>,
    /// The judged months delivered in full ("September 2025, December 2025").
    pub full_months: Vec<String>,
    /// The months with nothing logged, so nothing to judge.
    pub unlogged_months: Vec<String>,
    /// Owed over the judged months, whole ("138").
    pub owed: String,
    #[serde(skip)]
    pub owed_value: f64,
    /// Owed under the terms the parent accepted, where a change nobody agreed
    /// to makes it differ (checks.md "As agreed"), whole ("360").
    pub owed_as_agreed: Option<String>,
    #[serde(skip)]
    pub owed_as_agreed_value: f64,
    /// What the parent accepted and the change not agreed to ("2 x 30 min per
    /// week; I did not agree to the IEP amendment effective February 9, 2026"),
    /// set with the table of changes.
    pub agreed_terms: Option<String>,
    /// Each judged month that owes something, by its real span and led by the
    /// misses the log shows, so the figures add up on their face.
    pub owed_months: Vec<String>,
    /// The judged months that fell short of the plan, written out.
    #[serde(skip)]
    pub short_months: Vec<(String, String)>,
    /// The school's misses that were not made up, oldest first.
    pub missed: Vec<MissedSession>,
    /// The bar chart's data as JSON, for `bar-chart` in `charts.typ`.
    pub chart: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthRow {
    pub month: String,
    pub required: String,
    pub delivered: String,
    /// Delivered as a share of required, rounded ("84%").
    pub percent: Option<String>,
    pub missed: u32,
    /// Owed, whole; none while the month is not over.
    pub owed: Option<String>,
    /// Owed under the terms the parent accepted, where it differs.
    pub owed_as_agreed: Option<String>,
    pub in_progress: bool,
    /// Below the case's `min_delivery` share.
    pub shortfall: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MissedSession {
    pub date: String,
    pub reason: String,
    pub source: usize,
}

/// Each service's months from `from` on (every month when there is no annual plan).
pub(super) fn services(
    case: &Case,
    accounting: &iep_services::Accounting,
    from: Option<NaiveDate>,
    sources: &mut Sources,
) -> Vec<ServiceSection> {
    let min_delivery = case.info.settings.min_delivery;
    let covered = |day: NaiveDate| from.is_none_or(|f| day >= f);
    let mut out = Vec::new();
    for account in &accounting.services {
        let periods: Vec<&PeriodAccount> =
            account.periods.iter().filter(|p| p.status != Status::NothingRequired && covered(p.last_day)).collect();
        if periods.is_empty() {
            continue;
        }
        let unit = periods[0].unit;
        let judged_gap = |p: &PeriodAccount| {
            p.status == Status::Judged && (p.owed() > 0.0 || p.missed > 0 || p.owed_as_agreed.is_some_and(|o| o > 0.0))
        };
        let in_progress = |p: &PeriodAccount| p.status == Status::InProgress;
        let rows: Vec<MonthRow> = periods
            .iter()
            .filter(|p| judged_gap(p) || p.status == Status::InProgress)
            .map(|p| MonthRow {
                month: wording::period_dates(p),
                // A month under way is required only so far; no share of it is stated.
                required: if in_progress(p) { format!("{} so far", whole(p.required)) } else { whole(p.required) },
                delivered: whole(p.delivered),
                percent: if in_progress(p) { None } else { percent(p.delivered, p.required) },
                missed: p.missed,
                owed: (p.status == Status::Judged).then(|| whole(p.owed())),
                owed_as_agreed: p.owed_as_agreed.filter(|_| p.status == Status::Judged).map(whole),
                in_progress: in_progress(p),
                shortfall: p.is_shortfall(min_delivery),
            })
            .collect();
        let full_months = periods
            .iter()
            .filter(|p| p.status == Status::Judged && !judged_gap(p))
            .map(|p| wording::period_dates(p))
            .collect();
        let unlogged_months =
            periods.iter().filter(|p| p.status == Status::NothingLogged).map(|p| wording::period_dates(p)).collect();
        let judged: Vec<&&PeriodAccount> = periods.iter().filter(|p| p.status == Status::Judged).collect();
        // The one figure for what is owed: `PeriodAccount::owed`, month by month.
        let owed_value: f64 = judged.iter().map(|p| p.owed()).sum();
        let owed_as_agreed_value: f64 = judged.iter().map(|p| p.owed_as_agreed.unwrap_or(p.owed())).sum();
        let short_months =
            judged.iter().filter(|p| p.owed() > 0.0).map(|p| (wording::period_dates(p), whole(p.owed()))).collect();
        let owed_months = judged.iter().filter_map(|p| owed_month(account, p)).collect();
        let missed = account
            .counted
            .iter()
            .filter(|e| e.is_owed_miss() && covered(e.entry.date))
            .map(|e| MissedSession {
                date: long_date(e.entry.date),
                reason: match &e.entry.outcome {
                    iep_model::Outcome::Missed { reason } => reason.clone(),
                    iep_model::Outcome::Delivered { .. } => String::new(),
                },
                source: sources.cite(&e.document),
            })
            .collect();
        let source = periods.iter().find_map(|p| p.document.as_deref()).map(|d| sources.cite(d));
        let unit_word = match unit {
            Unit::Minutes => "minutes",
            Unit::Sessions => "sessions",
        };
        out.push(ServiceSection {
            id: account.id.clone(),
            name: account.name.clone(),
            amount: account.amount.clone(),
            unit: unit_word.to_owned(),
            in_minutes: unit == Unit::Minutes,
            rows,
            full_months,
            unlogged_months,
            owed: whole(owed_value),
            owed_value,
            owed_as_agreed: ((owed_as_agreed_value - owed_value).abs() >= 0.5).then(|| whole(owed_as_agreed_value)),
            owed_as_agreed_value,
            agreed_terms: None,
            owed_months,
            short_months,
            missed,
            chart: bar_chart_json(&periods, unit_word),
            source,
        });
    }
    out
}

/// Names, for each service whose figures differ as agreed, what the parent
/// accepted and the change nobody agreed to, from the table of changes.
pub(super) fn name_agreed_terms(services: &mut [ServiceSection], changes: &[super::ChangeRow]) {
    for s in services.iter_mut().filter(|s| s.owed_as_agreed.is_some()) {
        let path = iep_model::ItemPath::Service(s.id.clone());
        if let Some(c) = changes.iter().find(|c| !c.agreed && c.paths.contains(&path)) {
            s.agreed_terms =
                Some(format!("I accepted {}, and did not agree to the change made by {}.", c.was, c.version));
        }
    }
}

/// The last day of the last month judged in any service, from `from` on:
/// what is owed runs through it.
pub(super) fn owed_through(accounting: &iep_services::Accounting, from: Option<NaiveDate>) -> Option<NaiveDate> {
    accounting
        .services
        .iter()
        .flat_map(|a| &a.periods)
        .filter(|p| p.status == Status::Judged && from.is_none_or(|f| p.last_day >= f))
        .map(|p| p.last_day)
        .max()
}

/// One judged month that owes something, as the services letter states it:
/// "October 6 to 31, 2025: 3 sessions missed and not made up (October 7, 9
/// and 14, 2025): 90 minutes owed", with the figure as accepted beside it.
fn owed_month(account: &ServiceAccount, p: &PeriodAccount) -> Option<String> {
    let agreed = p.owed_as_agreed.filter(|o| *o > 0.0 && p.unit == Unit::Minutes);
    if p.owed() <= 0.0 && agreed.is_none() {
        return None;
    }
    let misses = wording::owed_misses(account, p);
    let in_force = match p.unit {
        Unit::Minutes => wording::minutes_figures(p.required, p.delivered, p.owed(), &misses, false),
        Unit::Sessions if misses.is_empty() => {
            format!("{} of {} sessions given", whole(p.delivered), whole(p.required))
        }
        Unit::Sessions => format!(
            "{} of {} sessions given; not given on {}",
            whole(p.delivered),
            whole(p.required),
            wording::listed_days(&misses)
        ),
    };
    let span = wording::period_dates(p);
    Some(match (p.owed() > 0.0, agreed, p.required_as_agreed) {
        (true, Some(owed), Some(required)) => format!(
            "{span}: {in_force}; under the plan I accepted, {}.",
            wording::minutes_figures(required, p.delivered, owed, &misses, false)
        ),
        (false, Some(owed), Some(required)) => format!(
            "{span}, under the plan I accepted: {}.",
            wording::minutes_figures(required, p.delivered, owed, &misses, false)
        ),
        _ => format!("{span}: {in_force}."),
    })
}

/// The data of `bar-chart` (charts.typ): a bar pair per month and the y axis.
fn bar_chart_json(periods: &[&PeriodAccount], unit: &str) -> String {
    let max = periods.iter().map(|p| p.required.max(p.delivered)).fold(0.0, f64::max);
    let (y_max, ticks) = super::progress::nice_axis(0.0, max);
    let months: Vec<serde_json::Value> = periods
        .iter()
        .map(|p| {
            serde_json::json!({
                "label": short_month(p.first_day),
                "required": round2(p.required),
                "delivered": round2(p.delivered),
                "judged": p.status == Status::Judged,
            })
        })
        .collect();
    serde_json::json!({
        "unit": unit,
        "y_max": y_max,
        "ticks": super::progress::tick_json(&ticks),
        "months": months,
    })
    .to_string()
}
