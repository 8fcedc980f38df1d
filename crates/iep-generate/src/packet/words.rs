//! Numbers, dates and item names as the packet and the report print them.

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, ItemPath, long_date, month_name};

/// "Oct 2025".
pub(crate) fn short_month(date: NaiveDate) -> String {
    let name = month_name(date.month());
    format!("{} {}", name.get(..3).unwrap_or(name), date.year())
}

/// A number without a needless `.0`, at most two decimals.
pub(crate) fn number(value: f64) -> String {
    let rounded = round2(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e12 { format!("{}", rounded as i64) } else { format!("{rounded}") }
}

/// A number to one decimal at most, for estimates.
pub(crate) fn number1(value: f64) -> String {
    number((value * 10.0).round() / 10.0)
}

/// Whole minutes or sessions: a school counts neither in fractions.
pub(crate) fn whole(value: f64) -> String {
    let rounded = value.round();
    // No "-0" on a page.
    if rounded == 0.0 { "0".to_owned() } else { format!("{}", rounded as i64) }
}

/// `part` of `total` as a whole percentage, rounded half up (945 of 1125 is 84%).
pub(crate) fn percent(part: f64, total: f64) -> Option<String> {
    (total > 0.0).then(|| format!("{}%", (part * 100.0 / total + 1e-9).round() as i64))
}

pub(crate) fn round2(value: f64) -> f64 {
    let r = (value * 100.0).round() / 100.0;
    // No "-0" on a page.
    if r == 0.0 { 0.0 } else { r }
}

pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(crate) fn lower_first(text: &str) -> String {
    // Keep names that are all capitals at the start ("OT consult").
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

pub(crate) fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}

/// A check's sentence with every ISO date in it written out
/// ("2026-02-09" becomes "February 9, 2026"). The checks write their
/// messages for `iep check`; the packet and the report print them for people.
pub(crate) fn dates_written_out(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let date = text
            .get(i..i + 10)
            .filter(|s| {
                s.as_bytes()
                    .iter()
                    .enumerate()
                    .all(|(k, b)| if k == 4 || k == 7 { *b == b'-' } else { b.is_ascii_digit() })
            })
            .filter(|_| i + 10 == text.len() || !bytes[i + 10].is_ascii_digit())
            .filter(|_| i == 0 || !bytes[i - 1].is_ascii_digit())
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        match date {
            Some(d) => {
                out.push_str(&long_date(d));
                i += 10;
            }
            None => {
                let ch = text[i..].chars().next().unwrap_or(' ');
                out.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    out
}

/// "Accommodation A3", "Goal G1 (Speech - articulation)", "Speech-language therapy".
pub(crate) fn item_name(case: &Case, path: &ItemPath) -> String {
    match path {
        ItemPath::Service(id) => case
            .versions
            .iter()
            .rev()
            .find_map(|v| v.service(id))
            .map_or_else(|| format!("Service {id}"), |s| s.service.clone()),
        ItemPath::Goal(id) => {
            let area = case.versions.iter().rev().find_map(|v| v.goal(id)).and_then(|g| g.area.clone());
            match area {
                Some(area) => format!("Goal {id} ({area})"),
                None => format!("Goal {id}"),
            }
        }
        ItemPath::Accommodation(id) => format!("Accommodation {id}"),
        ItemPath::Placement => "Placement".to_owned(),
    }
}

/// The wording of an item in the latest version that has it.
pub(crate) fn item_text(case: &Case, path: &ItemPath) -> Option<String> {
    let latest = case.versions.iter().rev();
    match path {
        ItemPath::Service(id) => latest.filter_map(|v| v.service(id)).map(|s| s.service.clone()).next(),
        ItemPath::Goal(id) => latest.filter_map(|v| v.goal(id)).map(|g| g.statement.clone()).next(),
        ItemPath::Accommodation(id) => {
            latest.filter_map(|v| v.accommodations.iter().find(|a| &a.id == id)).map(|a| a.text.clone()).next()
        }
        ItemPath::Placement => None,
    }
}

/// "the IEP amendment effective February 9, 2026"; a draft is "the draft
/// IEP proposed to take effect May 4, 2026".
pub(crate) fn describe_version(version: &iep_model::IepVersion) -> String {
    use iep_model::{Plan, VersionStatus};
    let kind = match (version.plan, version.amends.is_some()) {
        (Plan::Iep, false) => "IEP",
        (Plan::Iep, true) => "IEP amendment",
        (Plan::Section504, false) => "504 plan",
        (Plan::Section504, true) => "504 plan amendment",
    };
    match version.status {
        VersionStatus::Draft => format!("the draft {kind} proposed to take effect {}", long_date(version.effective)),
        VersionStatus::Issued => format!("the {kind} effective {}", long_date(version.effective)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        assert_eq!(long_date(d), "April 20, 2026");
        assert_eq!(short_month(d), "Apr 2026");
        assert_eq!(
            dates_written_out("missed on 2025-10-07 and 2025-10-09."),
            "missed on October 7, 2025 and October 9, 2025."
        );
        // Not a date: left as it is.
        assert_eq!(dates_written_out("id 12025-10-07x, 2025-13-01"), "id 12025-10-07x, 2025-13-01");
        assert_eq!(dates_written_out("é 2026-02-09"), "é February 9, 2026");
    }

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(number(60.0), "60");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
    }

    #[test]
    fn minutes_are_whole_and_percentages_rounded() {
        assert_eq!(whole(77.6), "78");
        assert_eq!(whole(-0.2), "0");
        assert_eq!(percent(945.0, 1125.0).as_deref(), Some("84%"));
        // 2 of 3 is 66.67%: 67, not 66.
        assert_eq!(percent(2.0, 3.0).as_deref(), Some("67%"));
        assert_eq!(percent(1.0, 8.0).as_deref(), Some("13%"));
        assert_eq!(percent(1.0, 0.0), None);
    }
}
