//! How letters and the packet name the documents of a case. The words
//! every output shares (item names, numbers, lists, plurals, capitals and
//! quotes) live in the model's `wording` module and are re-exported here, so
//! a service, a goal or a figure reads the same in every output.

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, IepVersion, ItemPath, Plan, long_date, month_name};

/// A number as a letter prints it: 47, 50.5 (one decimal at most).
pub use iep_model::wording::number1 as number;
pub use iep_model::wording::{
    capitalize, dates_in_words, goal_name, join_and, minutes, plan_name, quote, sessions, subject_name as item_name,
};

/// The plan of the case: that of the latest version in force, else a draft, else an IEP.
pub fn case_plan(case: &Case) -> Plan {
    case.plan()
}

/// Whether the subject names a service.
pub fn is_service(subject: &str) -> bool {
    matches!(ItemPath::parse(subject), Some(ItemPath::Service(_)))
}

/// "IEP amendment dated February 9, 2026", "IEP dated September 15, 2025"
/// (or "504 plan ..."): how a version is referred to.
pub fn version_title(version: &IepVersion) -> String {
    let kind = if version.amends.is_some() { "amendment" } else { "" };
    let plan = plan_name(version.plan);
    let date = long_date(version.effective);
    if kind.is_empty() { format!("{plan} dated {date}") } else { format!("{plan} {kind} dated {date}") }
}

/// A case file by its own kind and date ("Progress report of April 10,
/// 2026"), for the list of documents a letter refers to. `None` for a
/// file that is no document of the school (case.yaml, a log).
/// A progress report's date as the report gives it: "of March 31, 2026", or
/// "for March 2026" for a report dated only by its month (its day is not the school's).
pub fn report_date(case: &Case, date: chrono::NaiveDate) -> String {
    let month_only = case.reports.iter().any(|r| r.value.date == date && r.value.month_only);
    if month_only {
        format!("for {} {}", iep_model::month_name(chrono::Datelike::month(&date)), chrono::Datelike::year(&date))
    } else {
        format!("of {}", long_date(date))
    }
}

pub fn document_title(case: &Case, path: &str) -> Option<String> {
    if let Some(v) = case.versions.iter().chain(case.drafts.iter()).find(|d| d.path == path) {
        return Some(capitalize(&version_title(&v.value)));
    }
    if let Some(r) = case.reports.iter().find(|d| d.path == path) {
        return Some(format!("Progress report {}", report_date(case, r.value.date)));
    }
    if let Some(n) = case.notices.iter().find(|d| d.path == path) {
        // Prior written notice is an IDEA term: a 504 plan's notice is a notice.
        let title = if case_plan(case) == Plan::Section504 { "Notice" } else { "Prior written notice" };
        return Some(format!("{title} of {}", long_date(n.value.date)));
    }
    if let Some(l) = case.letters.iter().find(|d| d.path == path) {
        return Some(format!("My letter of {}", long_date(l.value.date)));
    }
    if let Some(m) = case.meetings.iter().find(|d| d.path == path) {
        return Some(format!("Notes of the team meeting of {}", long_date(m.value.date)));
    }
    if let Some(e) = case.evaluations.iter().find(|d| d.path == path) {
        return Some(format!("Evaluation report of {}", long_date(e.value.date)));
    }
    if let Some(c) = case.consents.iter().find(|d| d.path == path) {
        let what = match c.value.consent_for {
            iep_model::ConsentFor::Reevaluation => "the reevaluation",
            iep_model::ConsentFor::InitialEvaluation => "the evaluation",
            iep_model::ConsentFor::Services => "services",
            iep_model::ConsentFor::Other => "the school's proposal",
        };
        // The consent's date is the day the school received the signed form.
        return Some(format!("My consent to {what}, received {}", long_date(c.value.date)));
    }
    None
}

/// "Service log, October 2025".
pub fn service_log_title(month: NaiveDate) -> String {
    format!("Service log, {} {}", month_name(month.month()), month.year())
}

/// "October 6 to 31, 2025", "March 2 to April 3, 2026", or
/// "December 29, 2025 to January 2, 2026".
pub fn day_span(first: NaiveDate, last: NaiveDate) -> String {
    let day = |d: NaiveDate| format!("{} {}", month_name(d.month()), d.day());
    match (first.year() == last.year(), first.month() == last.month()) {
        _ if first == last => long_date(first),
        (true, true) => format!("{} to {}, {}", day(first), last.day(), last.year()),
        (true, false) => format!("{} to {}, {}", day(first), day(last), last.year()),
        _ => format!("{} to {}", long_date(first), long_date(last)),
    }
}

/// A judged period by its real span, so a school month (the weeks that begin
/// in a calendar month) never reads as the calendar month the school's log
/// would count: "March 2 to April 3, 2026" (Monday of the first week to
/// Friday of the last). Calendar months, school years and terms keep their names.
pub fn period_dates(period: &iep_services::PeriodAccount) -> String {
    match period.kind {
        iep_services::PeriodKind::SchoolMonth => {
            let friday = if period.last_day.weekday() == chrono::Weekday::Sun {
                period.last_day - chrono::Duration::days(2)
            } else {
                period.last_day
            };
            day_span(period.first_day, friday.max(period.first_day))
        }
        _ => period.label(),
    }
}

/// More days than a sentence can list are named by their count and span.
const DAYS_LISTED: usize = 8;

/// The school's misses in a period that were not made up (and not the
/// child's), the ones the owed figure counts.
pub fn owed_misses(service: &iep_services::ServiceAccount, period: &iep_services::PeriodAccount) -> Vec<NaiveDate> {
    service
        .counted
        .iter()
        .filter(|e| e.is_owed_miss() && (period.first_day..=period.last_day).contains(&e.entry.date))
        .map(|e| e.entry.date)
        .collect()
}

/// "October 7, 9 and 14, 2025", or "15 days from March 2, 2026 to March 20, 2026".
pub fn listed_days(days: &[NaiveDate]) -> String {
    match (days.iter().min(), days.iter().max()) {
        (Some(first), Some(last)) if days.len() > DAYS_LISTED => {
            format!("{} days from {} to {}", days.len(), long_date(*first), long_date(*last))
        }
        _ => dates_in_words(days),
    }
}

/// One month's figures in minutes, so that they add up on their face: where
/// the owed figure is the minutes of the logged misses rather than required −
/// delivered (checks.md "Owed"), the misses lead and required against
/// delivered is left out, since their difference is not the figure. `terse`
/// leaves the unit out of required against delivered, for a page whose
/// title states it.
pub fn minutes_figures(required: f64, delivered: f64, owed: f64, misses: &[NaiveDate], terse: bool) -> String {
    let gap = (required - delivered).max(0.0).floor();
    if !misses.is_empty() && (owed - gap).abs() >= 0.5 {
        format!(
            "{} missed and not made up ({}): {} owed",
            sessions(misses.len() as u64),
            listed_days(misses),
            minutes(owed)
        )
    } else {
        let required = if terse { number(required) } else { minutes(required) };
        // The misses behind the gap, by date, where the page has room for them.
        let missed = if terse || misses.is_empty() {
            String::new()
        } else {
            format!(", with {} missed and not made up ({})", sessions(misses.len() as u64), listed_days(misses))
        };
        format!("{} of {required} delivered{missed}; {} owed", number(delivered.round()), number(owed))
    }
}

/// The goal (and objective) an item path names, in the latest version that has it:
/// `goals.G1` or `goals.G1.objectives.G1.1`.
fn goal_and_objective<'c>(
    case: &'c Case,
    subject: &str,
) -> Option<(&'c iep_model::Goal, Option<&'c iep_model::Objective>)> {
    let path = subject.strip_prefix("goals.")?;
    let (goal_id, objective_id) = match path.split_once(".objectives.") {
        Some((goal, objective)) => (goal, Some(objective)),
        None => (path, None),
    };
    let goal = case.versions.iter().rev().find_map(|v| v.goal(goal_id))?;
    let objective = objective_id.and_then(|id| goal.objectives.iter().find(|o| o.id == id));
    Some((goal, objective))
}

/// "the latest measure is 40% toward a target of 60% by June 2026": values in
/// the goal's own measure (a percent as a percent; another measure named as
/// the IEP words it), and a target date as the IEP gives it (a month alone
/// when it gives only the month).
pub fn latest_toward_target(
    case: &Case,
    subject: &str,
    latest: f64,
    target: f64,
    by: Option<chrono::NaiveDate>,
) -> String {
    let found = goal_and_objective(case, subject);
    let measure = found.and_then(|(g, _)| g.measure.as_deref()).map(str::trim).filter(|m| !m.is_empty());
    let month_only =
        found.and_then(|(g, o)| o.and_then(|o| o.target.as_ref()).or(g.target.as_ref())).is_some_and(|t| t.month_only);
    let by = by
        .map(|d| {
            if month_only {
                format!(" by {} {}", iep_model::month_name(chrono::Datelike::month(&d)), chrono::Datelike::year(&d))
            } else {
                format!(" by {}", long_date(d))
            }
        })
        .unwrap_or_default();
    match measure {
        Some(m) if m.to_lowercase().starts_with("percent") => {
            format!("the latest measure is {}% toward a target of {}%{by}", number(latest), number(target))
        }
        Some(m) => {
            format!("the latest measure, in {m}, is {} toward a target of {}{by}", number(latest), number(target))
        }
        None => format!("the latest measure is {} toward a target of {}{by}", number(latest), number(target)),
    }
}
