//! Entries of one service and date from several sources: which source counts,
//! and where the others disagree (`log-conflict`).

use std::sync::Arc;

use chrono::NaiveDate;
use iep_model::{LogEntry, Outcome, Source};
use serde::Serialize;

/// What one source logged for one service on one date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceSummary {
    pub source: Source,
    pub delivered: u32,
    pub missed: u32,
    pub minutes: u32,
    pub settings: Vec<String>,
    pub groups: Vec<String>,
}

impl SourceSummary {
    /// "delivered for 30 min (group)" / "missed", to follow "was".
    pub fn describe(&self) -> String {
        let mut text = match (self.delivered, self.missed) {
            (0, 1) => "missed".to_owned(),
            (0, n) => format!("missed ({n} sessions)"),
            (_, 0) => format!("delivered for {} min", self.minutes),
            (d, m) => format!("delivered for {} min in {d} session(s) and missed in {m}", self.minutes),
        };
        let details: Vec<&str> = self.settings.iter().chain(&self.groups).map(String::as_str).collect();
        if !details.is_empty() {
            text.push_str(&format!(" ({})", details.join(", ")));
        }
        text
    }
}

/// The counted source and another disagree about one service on one date.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub service: String,
    pub date: NaiveDate,
    pub counted: SourceSummary,
    pub others: Vec<SourceSummary>,
    /// What differs: "delivered against missed", "minutes", "setting", "group".
    pub differences: Vec<&'static str>,
    /// The service-log file of the first entry involved.
    pub document: String,
}

/// Compares the counted source's entries with every other source's; `None`
/// when they agree.
pub(crate) fn compare_sources(
    service: &str,
    date: NaiveDate,
    group: &[(usize, &Arc<str>, &LogEntry)],
    counted: Source,
) -> Option<Conflict> {
    // One source only (the usual case): nothing to compare.
    if group.iter().all(|(_, _, e)| e.source == counted) {
        return None;
    }
    let summary = |source: Source| {
        let mut s =
            SourceSummary { source, delivered: 0, missed: 0, minutes: 0, settings: Vec::new(), groups: Vec::new() };
        for (_, _, e) in group.iter().filter(|(_, _, e)| e.source == source) {
            match e.outcome {
                Outcome::Delivered { minutes } => {
                    s.delivered += 1;
                    s.minutes += minutes;
                }
                Outcome::Missed { .. } => s.missed += 1,
            }
            if let Some(setting) = &e.setting
                && !s.settings.iter().any(|x| same_word(x, setting))
            {
                s.settings.push(setting.clone());
            }
            if let Some(g) = &e.group
                && !s.groups.iter().any(|x| same_word(x, g))
            {
                s.groups.push(g.clone());
            }
        }
        s
    };
    let base = summary(counted);
    // The other sources present, in precedence order.
    let mut sources = [Source::Provider, Source::School, Source::Parent, Source::Child];
    sources.sort_by_key(|s| s.precedence());
    let sources = sources.into_iter().filter(|s| *s != counted && group.iter().any(|(_, _, e)| e.source == *s));
    let mut differences: Vec<&'static str> = Vec::new();
    let mut others = Vec::new();
    for source in sources {
        let other = summary(source);
        let mut found = Vec::new();
        if (base.delivered > 0) != (other.delivered > 0) || (base.missed > 0) != (other.missed > 0) {
            found.push("delivered against missed");
        } else if base.minutes != other.minutes {
            found.push("minutes");
        }
        if differ(&base.settings, &other.settings) {
            found.push("setting");
        }
        if differ(&base.groups, &other.groups) {
            found.push("group");
        }
        if !found.is_empty() {
            for f in found {
                if !differences.contains(&f) {
                    differences.push(f);
                }
            }
            others.push(other);
        }
    }
    if others.is_empty() {
        return None;
    }
    let involved = |s: Source| s == counted || others.iter().any(|o| o.source == s);
    let document =
        group.iter().filter(|(_, _, e)| involved(e.source)).min_by_key(|(seq, _, _)| *seq).map(|(_, d, _)| *d)?;
    Some(Conflict {
        service: service.to_owned(),
        date,
        counted: base,
        others,
        differences,
        document: document.to_string(),
    })
}

/// Two sets of stated values differ; a source that states none agrees with any.
fn differ(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.len() != b.len() || a.iter().any(|x| !b.iter().any(|y| same_word(x, y)))
}

/// Settings and groups compare ignoring case, hyphens and spaces (checks.md,
/// `setting-mismatch`): `Pullout`, `pull out` and `Pull-Out` are one word.
/// Underscores are ignored too: no parent means something else by them.
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let kept = s.chars().filter(|c| !matches!(c, '-' | '_') && !c.is_whitespace());
        kept.flat_map(char::to_lowercase).collect::<String>()
    };
    norm(a) == norm(b)
}
