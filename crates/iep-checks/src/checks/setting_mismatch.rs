use iep_model::evidence;
use iep_model::month_name;
use iep_model::{Check, Context, Finding, LetterType, declare_check};
use iep_services::summarise_dates;

use chrono::Datelike;

declare_check! {
    /// Flags a school month in which a service was logged as delivered in a setting or group other than the one the IEP in force gives it.
    ///
    /// Why it matters: a pull-out individual session given as a group, or in
    /// the classroom, is not the service the team agreed to, even when the
    /// minutes add up.
    ///
    /// Example: with `setting: pull-out` and `group: individual`, the log
    /// entries `{date: 2025-11-04, service: speech, minutes: 30, group: group}`
    /// and one on 2025-11-06 give "In November 2025, Speech-language therapy
    /// was logged as group on 2025-11-04 and 2025-11-06, but the IEP in force
    /// says individual." Settings and groups compare ignoring case, hyphens
    /// and spaces (`Pullout` is `pull-out`); an entry that gives none
    /// matches, and so does any entry when the service states none.
    pub struct SettingMismatch {
        code: "setting-mismatch",
        severity: Warn,
        one_per: "service and school month",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for SettingMismatch {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let accounting = iep_services::accounting(cx);
        for mismatch in accounting.setting_mismatches() {
            let Some(service) = accounting.service(&mismatch.service) else { continue };
            // Group the entries by what was logged against what was due.
            let mut groups: Vec<(&str, &str, &str, Vec<chrono::NaiveDate>)> = Vec::new();
            for e in &mismatch.entries {
                match groups.iter_mut().find(|g| g.0 == e.field && g.1 == e.logged && g.2 == e.expected) {
                    Some(g) => g.3.push(e.date),
                    None => groups.push((e.field, &e.logged, &e.expected, vec![e.date])),
                }
            }
            let parts: Vec<String> = groups
                .iter()
                .map(|(_, logged, expected, dates)| {
                    format!(
                        "logged as {logged} on {} although the IEP in force says {expected}",
                        summarise_dates(dates)
                    )
                })
                .collect();
            let message = format!(
                "In {} {}, {} was {}.",
                month_name(mismatch.first_day.month()),
                mismatch.first_day.year(),
                service.name,
                parts.join("; and was "),
            );
            let entries: Vec<evidence::SettingEntry> = mismatch
                .entries
                .iter()
                .map(|e| evidence::SettingEntry {
                    date: e.date,
                    field: e.field,
                    logged: e.logged.clone(),
                    expected: e.expected.clone(),
                })
                .collect();
            let first = mismatch.entries.first().map(|e| e.date).unwrap_or(mismatch.first_day);
            out.push(
                cx.finding(
                    &Self::META,
                    format!("services.{}", mismatch.service),
                    message,
                    evidence::SettingMismatch {
                        month: format!("{} {}", month_name(mismatch.first_day.month()), mismatch.first_day.year()),
                        from: mismatch.first_day,
                        to: mismatch.last_day,
                        entries,
                    },
                )
                .with_date(first)
                .in_document(mismatch.document.clone()),
            );
        }
    }
}
