//! Small typed helpers that name the things of a case the way the school's
//! own documents name them. Letters and the packet share them, so a service,
//! a goal or a document reads the same in every output.

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, Doc, IepVersion, ItemPath, Plan, long_date, month_name};

/// What the plan is called in sentences: "IEP" or "504 plan".
pub fn plan_name(plan: Plan) -> &'static str {
    match plan {
        Plan::Iep => "IEP",
        Plan::Section504 => "504 plan",
    }
}

/// The plan of the case: that of the latest version in force, else a draft, else an IEP.
pub fn case_plan(case: &Case) -> Plan {
    case.versions.last().or(case.drafts.last()).map(|v| v.plan).unwrap_or_default()
}

/// The version that names an item last (in force first, then drafts).
fn versions_newest_first(case: &Case) -> impl Iterator<Item = &Doc<IepVersion>> {
    case.versions.iter().rev().chain(case.drafts.iter().rev())
}

/// An item as the IEP names it: "Speech-language therapy", "the
/// accommodation “Extended time (1.5x) on tests and quizzes”", "the goal in
/// Speech - articulation", "the placement". `None` for a subject that is no item.
pub fn item_name(case: &Case, subject: &str) -> Option<String> {
    let path = ItemPath::parse(subject)?;
    Some(match &path {
        ItemPath::Service(id) => versions_newest_first(case)
            .find_map(|v| v.service(id))
            .map(|s| s.service.trim().to_string())
            .unwrap_or_else(|| "a service".to_string()),
        ItemPath::Goal(id) => match versions_newest_first(case).find_map(|v| v.goal(id)) {
            Some(goal) => goal_name(goal),
            None => "a goal".to_string(),
        },
        ItemPath::Accommodation(id) => {
            // The wording the parent accepted is the one to name it by.
            let text = case.versions.iter().find_map(|v| v.accommodations.iter().find(|a| &a.id == id));
            match text {
                Some(a) => format!("the accommodation \u{201c}{}\u{201d}", a.text.trim()),
                None => "an accommodation".to_string(),
            }
        }
        ItemPath::Placement => "the placement".to_string(),
    })
}

/// "the goal in Speech - articulation", else the goal's statement in quotes.
pub fn goal_name(goal: &iep_model::Goal) -> String {
    match goal.area.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        Some(area) => format!("the goal in {area}"),
        None => format!("the goal \u{201c}{}\u{201d}", goal.statement.trim()),
    }
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
pub fn document_title(case: &Case, path: &str) -> Option<String> {
    if let Some(v) = case.versions.iter().chain(case.drafts.iter()).find(|d| d.path == path) {
        return Some(capitalize(&version_title(&v.value)));
    }
    if let Some(r) = case.reports.iter().find(|d| d.path == path) {
        return Some(format!("Progress report of {}", long_date(r.value.date)));
    }
    if let Some(n) = case.notices.iter().find(|d| d.path == path) {
        return Some(format!("Prior written notice of {}", long_date(n.value.date)));
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
    None
}

/// "Service log, October 2025".
pub fn service_log_title(month: NaiveDate) -> String {
    format!("Service log, {} {}", month_name(month.month()), month.year())
}

/// Days written out and grouped by month: "October 7, 9 and 14, 2025",
/// "October 30 and November 4, 2025", across years "December 18, 2025 and January 6, 2026".
pub fn dates_in_words(days: &[NaiveDate]) -> String {
    let mut days: Vec<NaiveDate> = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut years: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let year = days[i].year();
        let mut months: Vec<String> = Vec::new();
        while i < days.len() && days[i].year() == year {
            let month = days[i].month();
            let mut numbers = Vec::new();
            while i < days.len() && days[i].year() == year && days[i].month() == month {
                numbers.push(days[i].day().to_string());
                i += 1;
            }
            months.push(format!("{} {}", month_name(month), join_and(&numbers)));
        }
        years.push(format!("{}, {year}", join_and(&months)));
    }
    join_and(&years)
}

/// "a", "a and b", "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A count of whole minutes: "1 minute", "78 minutes" (rounded to the nearest minute).
pub fn minutes(value: f64) -> String {
    let n = value.round().max(0.0) as i64;
    if n == 1 { "1 minute".to_string() } else { format!("{n} minutes") }
}

/// "1 session", "3 sessions".
pub fn sessions(n: u64) -> String {
    if n == 1 { "1 session".to_string() } else { format!("{n} sessions") }
}

/// A number as a letter prints it: 47, 50.5.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e12 { format!("{}", value as i64) } else { format!("{value:.1}") }
}

/// The first letter in upper case.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_are_grouped_by_month_and_year() {
        assert_eq!(dates_in_words(&[d(2025, 10, 14), d(2025, 10, 7), d(2025, 10, 9)]), "October 7, 9 and 14, 2025");
        assert_eq!(dates_in_words(&[d(2025, 10, 30), d(2025, 11, 4)]), "October 30 and November 4, 2025");
        assert_eq!(dates_in_words(&[d(2025, 12, 18), d(2026, 1, 6)]), "December 18, 2025 and January 6, 2026");
        assert_eq!(dates_in_words(&[]), "");
    }

    #[test]
    fn minutes_are_whole() {
        assert_eq!(minutes(77.6), "78 minutes");
        assert_eq!(minutes(1.0), "1 minute");
        assert_eq!(number(47.0), "47");
    }
}
