//! Services: required against delivered, month by month, over the months the
//! packet covers. Months delivered in full, and months with nothing to judge,
//! are folded into one line each.

use chrono::NaiveDate;
use iep_model::{Case, long_date};
use iep_services::{PeriodAccount, Status, Unit};
use serde::Serialize;

use super::Sources;
use super::words::{percent, round2, short_month, whole};

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
        let judged_gap = |p: &PeriodAccount| p.status == Status::Judged && (p.owed() > 0.0 || p.missed > 0);
        let rows: Vec<MonthRow> = periods
            .iter()
            .filter(|p| judged_gap(p) || p.status == Status::InProgress)
            .map(|p| MonthRow {
                month: p.label(),
                required: whole(p.required),
                delivered: whole(p.delivered),
                percent: percent(p.delivered, p.required),
                missed: p.missed,
                owed: (p.status == Status::Judged).then(|| whole(p.owed())),
                in_progress: p.status == Status::InProgress,
                shortfall: p.is_shortfall(min_delivery),
            })
            .collect();
        let full_months =
            periods.iter().filter(|p| p.status == Status::Judged && !judged_gap(p)).map(|p| p.label()).collect();
        let unlogged_months = periods.iter().filter(|p| p.status == Status::NothingLogged).map(|p| p.label()).collect();
        let judged: Vec<&&PeriodAccount> = periods.iter().filter(|p| p.status == Status::Judged).collect();
        // The one figure for what is owed: `PeriodAccount::owed`, month by month.
        let owed_value: f64 = judged.iter().map(|p| p.owed()).sum();
        let short_months = judged.iter().filter(|p| p.owed() > 0.0).map(|p| (p.label(), whole(p.owed()))).collect();
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
            short_months,
            missed,
            chart: bar_chart_json(&periods, unit_word),
            source,
        });
    }
    out
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
