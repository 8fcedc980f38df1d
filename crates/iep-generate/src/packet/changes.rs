//! Changes since the last annual IEP, and a draft compared with the terms in force.

use chrono::NaiveDate;
use iep_diff::{ChangeKind, DiffOptions, Side, Trend};
use iep_model::wording::join_and;
use iep_model::{Case, ItemPath, TermsHistory, long_date};
use serde::Serialize;

use super::Sources;
use super::words::{capitalize, describe_version};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeRow {
    /// The item, capitalised ("Speech-language therapy").
    pub item: String,
    /// What it was, one line per field that changed; "not in the plan" for an addition.
    pub was: String,
    pub is: String,
    pub agreed: bool,
    /// Who agreed, or why nobody did, in my words.
    pub agreed_by: String,
    /// The date of the prior written notice that proposed it, when there is one.
    pub notice: Option<String>,
    /// Some notice about the item is on file (a late one, a refusal), even
    /// where none proposed the change in time: the packet never says "no notice".
    #[serde(skip)]
    pub any_notice: bool,
    /// The version it is part of ("the IEP amendment effective February 9, 2026").
    pub version: String,
    pub source: usize,
    /// The item's paths, old and new, to say each item once.
    #[serde(skip)]
    pub paths: Vec<ItemPath>,
}

/// A draft version compared with the terms in force.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DraftSection {
    /// "The draft IEP proposed to take effect May 4, 2026".
    pub title: String,
    /// The terms it is compared with ("the IEP amendment effective February 9, 2026").
    pub compared_with: String,
    pub rows: Vec<DraftRow>,
    pub cuts: usize,
    pub additions: usize,
    pub source: usize,
}

/// What a draft would do to one item.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DraftEffect {
    /// Removes the item, lowers an amount or a goal's bar.
    Cut,
    Add,
    Change,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DraftRow {
    pub item: String,
    pub effect: DraftEffect,
    /// In force now; "not in the plan" for an addition.
    pub now: String,
    /// In the draft; "removed" for a cut item.
    pub draft: String,
}

/// The changes of every version since the latest annual plan in force (its
/// amendments); when the latest version is itself an annual plan, its
/// changes from the plan before.
pub(super) fn changes(
    case: &Case,
    analysis: &iep_diff::CaseChanges,
    sources: &mut Sources,
) -> (Vec<String>, Vec<ChangeRow>) {
    let last_annual = case.versions.iter().rposition(|v| v.amends.is_none()).unwrap_or(0);
    let amendments: Vec<&iep_diff::VersionChanges> =
        analysis.versions.iter().filter(|v| v.index > last_annual).collect();
    let picked: Vec<&iep_diff::VersionChanges> = if amendments.is_empty() {
        analysis.versions.iter().filter(|v| v.index == last_annual).collect()
    } else {
        amendments
    };
    let mut versions = Vec::new();
    let mut rows = Vec::new();
    for v in picked {
        let described =
            case.versions.get(v.index).map_or_else(|| "a version of the plan".to_owned(), |d| describe_version(d));
        let compared =
            case.version(&v.compared_with).map_or_else(|| "the plan before it".to_owned(), |d| describe_version(d));
        let source = sources.cite(&v.document);
        versions.push(format!(
            "{} [{source}], compared with the terms in force before it ({compared}): {}.",
            capitalize(&described),
            super::plural(v.changes.len(), "change", "changes"),
        ));
        for c in &v.changes {
            let (was, is) = was_is(&c.change);
            let agreement = &c.agreement;
            let agreed_by = if agreement.agreed() {
                agreement_words(agreement)
            } else if agreement.rejected {
                "Nobody: I rejected it in writing.".to_owned()
            } else {
                "Nobody: I did not sign it, and no meeting agreed to it.".to_owned()
            };
            let notice = agreement.notices.first().map(|n| {
                sources.cite(&n.document);
                long_date(n.date)
            });
            for m in &agreement.meetings {
                sources.cite(&m.document);
            }
            let paths: Vec<&ItemPath> = c.change.paths();
            let any_notice =
                notice.is_some() || case.notices.iter().any(|n| n.date >= v.window.from && n.covers.covers_any(&paths));
            rows.push(ChangeRow {
                item: capitalize(&c.change.label),
                was,
                is,
                agreed: agreement.agreed(),
                agreed_by,
                notice,
                any_notice,
                version: described.clone(),
                source,
                paths: paths.into_iter().cloned().collect(),
            });
        }
    }
    (versions, rows)
}

fn agreement_words(agreement: &iep_diff::Agreement) -> String {
    let mut parts = Vec::new();
    if let Some(signed) = agreement.signed {
        parts.push(format!("my signature of {}", long_date(signed)));
    }
    for m in &agreement.meetings {
        parts.push(format!("the meeting of {}", long_date(m.date)));
    }
    capitalize(&format!("{}.", join_and(&parts)))
}

/// The latest draft in the case, compared item by item (`iep-diff`'s
/// matching) with the terms in force on the as-of date.
pub(super) fn draft(
    full: &Case,
    cut: &Case,
    as_of: NaiveDate,
    terms: &TermsHistory,
    sources: &mut Sources,
) -> Option<DraftSection> {
    let draft = full.drafts.iter().max_by_key(|d| d.effective)?;
    let in_force = terms.on(as_of)?;
    let now = Side::of_terms(in_force, cut);
    // A new annual plan moves every date forward; an amendment's dates count.
    let weeks = iep_diff::SchoolWeeks::on(full, draft.effective);
    let options = DiffOptions { compare_dates: draft.amends.is_some(), weeks };
    let found = iep_diff::diff(&now, &Side::of_version(draft), options);
    let rows: Vec<DraftRow> = found
        .iter()
        .map(|c| {
            let (now, draft) = was_is(c);
            DraftRow { item: capitalize(&c.label), effect: effect(c), now, draft }
        })
        .collect();
    let compared_with =
        cut.versions.get(in_force.version).map_or_else(|| "the plan in force".to_owned(), |d| describe_version(d));
    Some(DraftSection {
        title: capitalize(&describe_version(draft)),
        compared_with,
        cuts: rows.iter().filter(|r| r.effect == DraftEffect::Cut).count(),
        additions: rows.iter().filter(|r| r.effect == DraftEffect::Add).count(),
        rows,
        source: sources.cite(&draft.path),
    })
}

/// A cut is an item removed, less of a service, or an easier goal.
fn effect(change: &iep_diff::Change) -> DraftEffect {
    match change.kind {
        ChangeKind::Added => DraftEffect::Add,
        ChangeKind::Removed => DraftEffect::Cut,
        ChangeKind::Changed => {
            let less = change.fields.iter().any(|f| {
                matches!(f.trend, Some(Trend::LowerBar))
                    || (f.field == iep_diff::Field::Amount && f.trend == Some(Trend::Reduced))
            });
            if less { DraftEffect::Cut } else { DraftEffect::Change }
        }
    }
}

/// The "was" and "is" columns of a change: one line per changed field.
fn was_is(change: &iep_diff::Change) -> (String, String) {
    match change.kind {
        ChangeKind::Added => ("not in the plan".to_owned(), change.after.clone().unwrap_or_default()),
        ChangeKind::Removed => (change.before.clone().unwrap_or_default(), "removed".to_owned()),
        ChangeKind::Changed => {
            let single = change.fields.len() == 1;
            let line = |f: &iep_diff::FieldChange, value: Option<&str>, amount: Option<&iep_diff::AmountView>| {
                let value = match amount {
                    Some(a) => a.phrase(),
                    None => match value {
                        Some(v) if is_date_field(f.field) => date_words(v),
                        Some(v) => v.to_owned(),
                        None => "not stated".to_owned(),
                    },
                };
                match &f.objective {
                    // An objective's value says whose it is, even alone.
                    Some(id) => match f.field {
                        iep_diff::Field::ObjectiveAdded | iep_diff::Field::ObjectiveRemoved => {
                            let value = if value == "not stated" { "none".to_owned() } else { value };
                            format!("Objective {id}: {value}")
                        }
                        _ => format!("Objective {id}, {}: {value}", f.field.noun().trim_start_matches("objective's ")),
                    },
                    None if single => value,
                    None => format!("{}: {value}", capitalize(f.field.noun())),
                }
            };
            let side = |after: bool| {
                change
                    .fields
                    .iter()
                    .map(|f| {
                        let amount = f.amounts.as_ref().map(|a| if after { &a.1 } else { &a.0 });
                        line(f, if after { f.after.as_deref() } else { f.before.as_deref() }, amount)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            (side(false), side(true))
        }
    }
}

/// The fields whose values are dates.
fn is_date_field(field: iep_diff::Field) -> bool {
    use iep_diff::Field;
    matches!(field, Field::Start | Field::End | Field::BaselineDate | Field::TargetDate | Field::ObjectiveTargetDate)
}

/// A date field's value written out; `iep-diff` gives it as `2026-02-09`.
fn date_words(value: &str) -> String {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_or_else(|_| value.to_owned(), long_date)
}
