use std::sync::Arc;

use iep_diff::{AgreedChange, CaseChanges, VersionChanges};
use iep_model::evidence::{self, FieldChangeAccount, PlanChange};
use iep_model::{Check, Context, Finding, LetterType, Plan, Severity, declare_check};

declare_check! {
    /// Flags a change to an IEP or 504 plan (a service, goal, accommodation or the placement) that you did not agree to: no meeting recorded your agreement and you did not sign the version, or you rejected the change in writing.
    ///
    /// Why it matters: the school may not quietly cut a service or lower a goal between meetings. A change you never agreed to, or rejected in writing, is the first thing to put in writing and ask about. A change that only adds an item or only increases an amount is a warning, not an alert: it takes nothing away, but still needs your agreement. The evidence says which way each change goes (`direction`: removed, added, reduced, increased or changed; amounts compared as minutes per week).
    ///
    /// Example: the amendment of 2026-02-09 lists speech as `1 x 30 min per week` where the IEP before it said `2 x 30 min per week`, the January meeting agreed only to `services.ot`, and you did not sign: "Speech-language therapy went from 2 x 30 min per week (60 min) to 1 x 30 min per week (30 min) in the IEP amendment effective 2026-02-09; no meeting recorded your agreement to this change, and you did not sign it."
    pub struct UnagreedChange {
        code: "unagreed-change",
        severity: Alert,
        one_per: "changed item",
        letter: Some(LetterType::PwnRequest),
    }
}

/// Every version's changes, computed once for the three change checks.
pub(crate) fn case_changes(cx: &Context<'_>) -> Arc<CaseChanges> {
    iep_diff::case_changes(cx)
}

/// The start of every change finding's message: what changed, and where.
pub(crate) fn what_changed(cx: &Context<'_>, version: &VersionChanges, change: &AgreedChange) -> String {
    let describe = cx.case.versions.get(version.index).map(|v| v.describe()).unwrap_or_default();
    format!("{} in {describe}", change.change.describe())
}

/// The numbers and dates behind a change finding.
pub(crate) fn plan_change(version: &VersionChanges, change: &AgreedChange) -> PlanChange {
    let c = &change.change;
    let fields = c
        .fields
        .iter()
        .map(|f| {
            // A change of an objective names it: "objective G1.1: target 80 -> 70".
            let brief = f.objective_brief();
            FieldChangeAccount {
                field: f.field,
                before: f.before.clone(),
                after: f.after.clone(),
                trend: f.trend,
                minutes_per_week_before: f.amounts.as_ref().map(|(a, _)| a.minutes_per_week),
                minutes_per_week_after: f.amounts.as_ref().map(|(_, b)| b.minutes_per_week),
                objective: brief.as_ref().map(|_| f.objective.clone()),
                summary: brief,
            }
        })
        .collect();
    PlanChange {
        version: version.id.clone(),
        effective: version.effective,
        compared_with: version.compared_with.clone(),
        change: c.kind,
        direction: c.direction(),
        before: c.before.clone(),
        after: c.after.clone(),
        new_path: c.new_path.as_ref().map(ToString::to_string),
        fields,
        window_from: version.window.from,
        window_to: version.window.to,
    }
}

/// A change finding's document and date. A 504 plan's change is answered by
/// an objection: prior written notice is an IDEA rule, so the notice request
/// does not exist for it.
pub(crate) fn for_plan(finding: Finding, version: &VersionChanges) -> Finding {
    let mut finding = finding.in_document(version.document.clone()).with_date(version.effective);
    if version.plan == Plan::Section504 && finding.letter == Some(LetterType::PwnRequest) {
        finding.letter = Some(LetterType::Objection);
    }
    finding
}

impl Check for UnagreedChange {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let changes = case_changes(cx);
        for version in &changes.versions {
            for change in &version.changes {
                let a = &change.agreement;
                if a.agreed() {
                    continue;
                }
                let why = if a.rejected {
                    "you rejected this change in writing, so the terms before it stay in force"
                } else {
                    "no meeting recorded your agreement to this change, and you did not sign it"
                };
                let message = format!("{}; {why}.", what_changed(cx, version, change));
                let evidence = evidence::UnagreedChange {
                    change: plan_change(version, change),
                    rejected: a.rejected,
                    signed: a.signed,
                    meetings_agreeing: a.meetings.iter().map(|m| m.date).collect(),
                };
                let finding = cx.finding(&Self::META, change.change.path.to_string(), message, evidence);
                let finding = for_plan(finding, version);
                // Only more for the child still needs agreement, but takes nothing away.
                let finding = if change.change.only_adds() { finding.with_severity(Severity::Warn) } else { finding };
                out.push(finding);
            }
        }
    }
}
