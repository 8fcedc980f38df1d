//! Each version against the terms in force before it, and who agreed to each
//! change (checks.md, "Changes nobody agreed to").

use chrono::{Days, NaiveDate};
use iep_model::{Case, DateRange, ItemPath, NoticeAction, Plan, TermsHistory};
use serde::Serialize;

use crate::changes::{Change, DiffOptions, SchoolWeeks, Side, diff};

/// A dated document that answers a change (a meeting or a notice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocRef {
    pub date: NaiveDate,
    pub document: String,
}

/// Who agreed to one change, and whether notice was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agreement {
    /// The parent rejected the change in writing (the item or `all` is in `parent_rejected`).
    pub rejected: bool,
    /// The parent's signature accepting the version, on or before the as-of date.
    pub signed: Option<NaiveDate>,
    /// Meetings held in the version's window that agreed to the change.
    pub meetings: Vec<DocRef>,
    /// Prior written notices dated in the window that propose the change.
    pub notices: Vec<DocRef>,
}

impl Agreement {
    /// The change is agreed: not rejected, and signed or agreed at a meeting.
    pub fn agreed(&self) -> bool {
        !self.rejected && (self.signed.is_some() || !self.meetings.is_empty())
    }

    /// A prior written notice proposed the change.
    pub fn noticed(&self) -> bool {
        !self.notices.is_empty()
    }

    /// Who agreed, in a parent's words ("the meeting of 2026-01-27", "nobody").
    pub fn who(&self) -> String {
        if self.rejected {
            return "nobody: you rejected it in writing".to_owned();
        }
        let mut parts = Vec::new();
        if let Some(signed) = self.signed {
            parts.push(format!("your signature of {signed}"));
        }
        for m in &self.meetings {
            parts.push(format!("the meeting of {}", m.date));
        }
        if parts.is_empty() { "nobody".to_owned() } else { iep_model::wording::join_and(&parts) }
    }
}

/// One change of a version, with who agreed to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreedChange {
    #[serde(flatten)]
    pub change: Change,
    pub agreement: Agreement,
}

/// What one version changed from the terms in force before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionChanges {
    /// Index of the version in `Case::versions`.
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    pub document: String,
    pub plan: Plan,
    pub effective: NaiveDate,
    /// The id of the version whose terms were in force before it.
    pub compared_with: String,
    /// From the day after the previous version's `effective` to this one's.
    pub window: DateRange,
    /// A new annual plan: dates are not compared.
    pub annual: bool,
    pub changes: Vec<AgreedChange>,
}

/// Every version's changes, computed once per check run (the three change
/// checks share it through `Context::memo`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CaseChanges {
    pub versions: Vec<VersionChanges>,
}

impl CaseChanges {
    /// Each version in force on or before `as_of` against the terms in force
    /// the day before it. The first version has nothing to compare with and
    /// no changes; a later one with nothing in force before it (every
    /// version before it rejected in full) adds every item it lists.
    pub fn of(case: &Case, as_of: NaiveDate) -> CaseChanges {
        CaseChanges::with_terms(case, as_of, &TermsHistory::new(case))
    }

    /// [`CaseChanges::of`] with the case's terms history already built.
    pub fn with_terms(case: &Case, as_of: NaiveDate, history: &TermsHistory) -> CaseChanges {
        let mut versions = Vec::new();
        for (index, version) in case.versions.iter().enumerate() {
            if version.effective > as_of {
                continue;
            }
            let Some(previous) = index.checked_sub(1).and_then(|i| case.versions.get(i)) else { continue };
            let before = history.before(index);
            let old = before.map(|terms| Side::of_terms(terms, case)).unwrap_or_default();
            let new = Side::of_version(version);
            let annual = version.amends.is_none();
            let weeks = SchoolWeeks::on(case, version.effective);
            let changes = diff(&old, &new, DiffOptions { compare_dates: !annual, weeks });
            let window = DateRange {
                from: previous.effective.checked_add_days(Days::new(1)).unwrap_or(previous.effective),
                to: version.effective,
            };
            let changes = changes
                .into_iter()
                .map(|change| {
                    let agreement = agreement(case, index, window, as_of, &change.paths());
                    AgreedChange { change, agreement }
                })
                .collect();
            // With nothing in force, the version compared with is the rejected one before it.
            let compared_with =
                case.versions.get(before.map_or(index - 1, |t| t.version)).map(|v| v.id.clone()).unwrap_or_default();
            versions.push(VersionChanges {
                index,
                id: version.id.clone(),
                document: version.path.clone(),
                plan: version.plan,
                effective: version.effective,
                compared_with,
                window,
                annual,
                changes,
            });
        }
        CaseChanges { versions }
    }

    /// The changes nobody agreed to, as (version index, the item's paths):
    /// what the terms the parent agreed to undo (checks.md, "As agreed").
    pub fn unagreed(&self) -> Vec<(usize, Vec<ItemPath>)> {
        self.versions
            .iter()
            .flat_map(|v| {
                v.changes
                    .iter()
                    .filter(|c| !c.agreement.agreed())
                    .map(|c| (v.index, c.change.paths().into_iter().cloned().collect()))
            })
            .collect()
    }
}

impl Agreement {
    /// Who answered a change of version `index` named by `paths` (its old
    /// and new path): the version's signature and rejections, and the
    /// meetings and notices dated in `window` on or before `as_of`.
    pub fn of(case: &Case, index: usize, window: DateRange, as_of: NaiveDate, paths: &[&ItemPath]) -> Agreement {
        agreement(case, index, window, as_of, paths)
    }
}

fn agreement(case: &Case, index: usize, window: DateRange, as_of: NaiveDate, paths: &[&ItemPath]) -> Agreement {
    let version = &case.versions[index];
    let in_window = |date: NaiveDate| window.contains(date) && date <= as_of;
    Agreement {
        rejected: version.parent_rejected.covers_any(paths),
        signed: version.parent_signed.filter(|d| *d <= as_of),
        meetings: case
            .meetings
            .iter()
            .filter(|m| in_window(m.date) && m.agreed.covers_any(paths))
            .map(|m| DocRef { date: m.date, document: m.path.clone() })
            .collect(),
        notices: case
            .notices
            .iter()
            .filter(|n| in_window(n.date) && n.action == NoticeAction::Proposes && n.covers.covers_any(paths))
            .map(|n| DocRef { date: n.date, document: n.path.clone() })
            .collect(),
    }
}
