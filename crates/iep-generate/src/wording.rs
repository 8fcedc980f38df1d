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
    case.versions.last().or(case.drafts.last()).map(|v| v.plan).unwrap_or_default()
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
