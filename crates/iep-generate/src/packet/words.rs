//! Dates and item texts as the packet and the report print them. Item
//! names, numbers, plurals and capitals come from the model's `wording`
//! module, which every output shares.

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, ItemPath, long_date, month_name};

pub(crate) use iep_model::wording::{
    capitalize, item_name, lower_first, number, number1, percent, plural, round2, whole,
};

/// "Oct 2025".
pub(crate) fn short_month(date: NaiveDate) -> String {
    let name = month_name(date.month());
    format!("{} {}", name.get(..3).unwrap_or(name), date.year())
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
    use iep_model::VersionStatus;
    let plan = iep_model::wording::plan_name(version.plan);
    let kind = if version.amends.is_some() { format!("{plan} amendment") } else { plan.to_owned() };
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
}
