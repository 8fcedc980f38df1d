//! The case report: the findings of `iep check` as a document a parent can
//! read and hand over. The data `templates/report.typ.j2` reads
//! ([`ReportContext`]) and how it is made from the case and the findings.
//!
//! Findings are grouped by severity (alerts first), then by subject, in the
//! order the checks give them; each shows when it arose, the document it was
//! found in (by its title, as a numbered source) and the letter that acts on
//! it. Nothing meant for a program is printed: no check code, file name, item
//! id path or raw evidence; dates are written out.

use chrono::NaiveDate;
use iep_model::{Case, Finding, ItemPath, LetterType, Severity};
use serde::Serialize;

use iep_model::long_date;

use crate::letters;
use crate::packet::{Sources, dates_written_out, first_name, item_name, plural};
use iep_model::wording::capitalize;

/// What the report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    pub case: &'a Case,
    pub as_of: NaiveDate,
    pub findings: &'a [Finding],
}

/// Everything `templates/report.typ.j2` reads.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportContext {
    /// "Case report: Maya Alvarez".
    pub title: String,
    pub child_name: String,
    pub child_first_name: String,
    pub school: Option<String>,
    pub district: Option<String>,
    pub parent_name: String,
    pub as_of: String,
    pub revision: Option<String>,
    /// One sentence: how many findings of each level.
    pub summary: String,
    pub groups: Vec<SeverityGroup>,
    /// The letters the findings call for, with how many findings each acts on.
    pub letters: Vec<LetterRef>,
    /// The accommodations in force that have check-ins, with how many days
    /// each was given, not given and given only in part (format 1.2).
    pub accommodations: Vec<crate::packet::AccommodationSection>,
    pub sources: Vec<crate::packet::SourceEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SeverityGroup {
    /// "alert", "warn", "info".
    pub severity: String,
    /// The heading in plain words.
    pub heading: String,
    pub count: usize,
    pub subjects: Vec<SubjectGroup>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SubjectGroup {
    /// "Speech-language therapy"; "The case as a whole"; a document's title.
    pub label: String,
    pub findings: Vec<FindingView>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FindingView {
    /// The check's sentence, dates written out.
    pub message: String,
    /// When it arose, written out.
    pub date: Option<String>,
    /// The number of the document it was found in, in `sources`.
    pub source: Option<usize>,
    pub letter: Option<LetterRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LetterRef {
    /// `pwn-request`.
    pub letter_type: String,
    /// "Request for prior written notice".
    pub title: String,
    /// The file `iep build` writes it to, in `out/` (for programs; not printed).
    pub file: String,
    /// How many findings it acts on.
    pub findings: usize,
}

/// The file name `iep build` gives the letter of `letter_type` in `out/`.
pub fn letter_file_name(letter_type: LetterType) -> String {
    format!("letter-{}.pdf", letter_type.as_str())
}

/// The letters `iep build` writes beside the report, and the one that acts
/// on each finding (index for index): the same list as the build's
/// ([`letters::letters_for_build`]), so the report names every letter in `out/`.
pub fn letters_of_build(
    case: &Case,
    as_of: NaiveDate,
    findings: &[Finding],
) -> (Vec<LetterType>, Vec<Option<LetterType>>) {
    let cut = case.as_of(as_of);
    let types = letters::letters_for_build(&cut, findings, letters::next_meeting(case, as_of));
    let acting = letters::letters_acting_on(&cut, findings, as_of, &types);
    (types, acting)
}

/// The report's context.
pub fn report_context(input: &ReportInput<'_>) -> ReportContext {
    let case = input.case;
    let findings = input.findings;
    let mut sources = Sources::new(case, input.as_of);
    let (letter_types, acting) = letters_of_build(case, input.as_of, findings);
    let letter_ref = |t: LetterType| LetterRef {
        letter_type: t.as_str().to_owned(),
        title: t.title().to_owned(),
        file: letter_file_name(t),
        findings: acting.iter().filter(|a| **a == Some(t)).count(),
    };
    let acting_on = |f: &Finding| {
        let index = findings.iter().position(|g| std::ptr::eq(g, f))?;
        acting[index]
    };

    let mut groups = Vec::new();
    for severity in [Severity::Alert, Severity::Warn, Severity::Info] {
        let of_level: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if of_level.is_empty() {
            continue;
        }
        // Subjects in the order they first appear; each subject's findings together.
        let mut subjects: Vec<(String, Vec<&Finding>)> = Vec::new();
        for f in &of_level {
            match subjects.iter_mut().find(|(s, _)| *s == f.subject) {
                Some((_, list)) => list.push(f),
                None => subjects.push((f.subject.clone(), vec![f])),
            }
        }
        let subjects = subjects
            .into_iter()
            .map(|(subject, list)| SubjectGroup {
                label: subject_label(case, &subject, &sources),
                findings: list
                    .into_iter()
                    .map(|f| FindingView {
                        message: dates_written_out(&f.message),
                        date: f.date.map(long_date),
                        source: f.document.as_deref().map(|d| sources.cite(d)),
                        letter: acting_on(f).map(letter_ref),
                    })
                    .collect(),
            })
            .collect();
        groups.push(SeverityGroup {
            severity: severity.as_str().to_owned(),
            heading: heading(severity, &first_name(&case.info.child.name)).to_owned(),
            count: of_level.len(),
            subjects,
        });
    }

    let accommodations = accommodations(case, input.as_of, &mut sources);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = if findings.is_empty() {
        format!("Nothing to raise as of {}: every check passed.", long_date(input.as_of))
    } else {
        format!(
            "{} as of {}: {} needing action, {} worth raising, {} for information.",
            plural(findings.len(), "finding", "findings"),
            long_date(input.as_of),
            count(Severity::Alert),
            count(Severity::Warn),
            count(Severity::Info)
        )
    };

    ReportContext {
        title: format!("Case report: {}", case.info.child.name),
        child_name: case.info.child.name.clone(),
        child_first_name: first_name(&case.info.child.name),
        school: case.info.child.school.clone(),
        district: case.info.district.clone(),
        parent_name: case.info.parent.name.clone(),
        as_of: long_date(input.as_of),
        revision: case.revision.clone(),
        summary,
        groups,
        letters: letter_types.into_iter().map(letter_ref).collect(),
        accommodations,
        sources: sources.into_entries(),
    }
}

/// The accommodations in force on `as_of` that have a check-in, as the packet counts them.
fn accommodations(case: &Case, as_of: NaiveDate, sources: &mut Sources) -> Vec<crate::packet::AccommodationSection> {
    if case.check_ins.is_empty() {
        return Vec::new();
    }
    let cut = case.as_of(as_of);
    let history = iep_model::TermsHistory::new(&cut);
    let record = iep_services::AccommodationRecord::new(&cut, &history);
    let mut found = crate::packet::accommodations::accommodations(&cut, &history, &record, as_of, None, sources);
    found.retain(|a| !a.days.is_empty());
    found
}

fn heading(severity: Severity, child: &str) -> String {
    match severity {
        Severity::Alert => format!("Needs action: something owed to {child} is not happening"),
        Severity::Warn => "Worth raising with the school".to_owned(),
        Severity::Info => "For your information".to_owned(),
    }
}

/// A subject in plain words: "Speech-language therapy"; "The case as a
/// whole"; a document by its title.
fn subject_label(case: &Case, subject: &str, sources: &Sources) -> String {
    if subject == "case" {
        return "The case as a whole".to_owned();
    }
    // An objective (`goals.G1.objectives.G1.1`) is named with its goal.
    if subject.contains(".objectives.")
        && let Some(name) = iep_model::wording::subject_name(case, subject)
    {
        return capitalize(&name);
    }
    match ItemPath::parse(subject) {
        Some(path) => capitalize(&item_name(case, &path)),
        None => sources.title(subject).unwrap_or("A document in the case folder").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_files_are_named_by_type() {
        assert_eq!(letter_file_name(LetterType::PwnRequest), "letter-pwn-request.pdf");
    }
}
