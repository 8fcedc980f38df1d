//! The evidence appendix: the documents the facts come from, numbered in
//! order of first citation and named by their titles and dates, never by
//! file name.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, long_date};
use serde::Serialize;

use super::words::{capitalize, describe_version};

/// One document a fact comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceEntry {
    /// Its number, from 1, as the facts cite it.
    pub n: usize,
    /// What the document is ("IEP amendment effective February 9, 2026").
    pub title: String,
}

/// The numbered list of documents the facts cite, in order of first citation.
pub(crate) struct Sources {
    titles: BTreeMap<String, String>,
    numbers: BTreeMap<String, usize>,
    entries: Vec<SourceEntry>,
}

impl Sources {
    /// A service log is named by the dates of its entries up to `as_of`.
    pub(crate) fn new(case: &Case, as_of: NaiveDate) -> Sources {
        Sources { titles: titles(case, as_of), numbers: BTreeMap::new(), entries: Vec::new() }
    }

    /// The number of the document at `file`, adding it on first use.
    pub(crate) fn cite(&mut self, file: &str) -> usize {
        if let Some(&n) = self.numbers.get(file) {
            return n;
        }
        let n = self.entries.len() + 1;
        self.numbers.insert(file.to_owned(), n);
        // A file the case does not describe is still a document of the case.
        let title = self.titles.get(file).cloned().unwrap_or_else(|| "A document in the case folder".to_owned());
        self.entries.push(SourceEntry { n, title });
        n
    }

    /// The title of the document at `file`, when the case describes it.
    pub(crate) fn title(&self, file: &str) -> Option<&str> {
        self.titles.get(file).map(String::as_str)
    }

    pub(crate) fn into_entries(self) -> Vec<SourceEntry> {
        self.entries
    }
}

/// What each case file is, in the parent's words, by path.
fn titles(case: &Case, as_of: NaiveDate) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert(case.info.path.clone(), "The case: child, parent and team".to_owned());
    for c in &case.calendars {
        out.insert(c.path.clone(), format!("School calendar {}-{}", c.first_day.year(), c.last_day.year()));
    }
    for v in case.versions.iter().chain(&case.drafts) {
        out.insert(v.path.clone(), capitalize(&describe_version(v)));
    }
    for r in &case.reports {
        out.insert(r.path.clone(), format!("Progress report {}", crate::wording::report_date(case, r.date)));
    }
    for l in &case.service_logs {
        let dates = l.entries.iter().map(|e| e.date).filter(|d| *d <= as_of);
        // A log the family kept is not the school's: it is named as whose it is.
        let child_only = !l.entries.is_empty() && l.entries.iter().all(|e| e.source == iep_model::Source::Child);
        let family_only =
            l.entries.iter().all(|e| matches!(e.source, iep_model::Source::Parent | iep_model::Source::Child));
        let kind = if child_only {
            let first = case.info.child.name.split_whitespace().next().unwrap_or("my child");
            format!("My notes of what {first} told me about the services")
        } else if !l.entries.is_empty() && family_only {
            "My log of services".to_owned()
        } else {
            "Service log".to_owned()
        };
        let title = match (dates.clone().min(), dates.max()) {
            (Some(first), Some(last)) => format!("{kind}, {} to {}", long_date(first), long_date(last)),
            _ => kind,
        };
        out.insert(l.path.clone(), title);
    }
    for m in &case.meetings {
        out.insert(m.path.clone(), format!("{} of {}", super::meeting_type_words(m), long_date(m.date)));
    }
    for n in &case.notices {
        out.insert(n.path.clone(), crate::wording::document_title(case, &n.path).unwrap_or_default());
    }
    for l in &case.letters {
        out.insert(
            l.path.clone(),
            format!("My letter of {} ({})", long_date(l.date), iep_deadlines::letter_words(&l.letter_type)),
        );
    }
    for c in &case.communications {
        out.insert(c.path.clone(), "My log of communications with the school".to_owned());
    }
    for o in &case.observations {
        out.insert(o.path.clone(), "My notes of what I saw at home".to_owned());
    }
    for c in &case.check_ins {
        out.insert(c.path.clone(), "My record of whether the accommodations were given".to_owned());
    }
    out
}
