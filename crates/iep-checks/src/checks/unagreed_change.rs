use std::sync::Arc;

use iep_diff::{AgreedChange, CaseChanges, VersionChanges};
use iep_model::{Check, Context, Finding, LetterType, Plan, Severity, declare_check};
use serde_json::{Value, json};

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

/// The numbers and dates behind a change finding. A 504 plan's change is
/// answered by an objection: prior written notice is an IDEA rule, so the
/// notice request does not exist for it.
pub(crate) fn change_evidence(finding: Finding, version: &VersionChanges, change: &AgreedChange) -> Finding {
    let mut finding = finding;
    if version.plan == Plan::Section504 && finding.letter == Some(LetterType::PwnRequest) {
        finding.letter = Some(LetterType::Objection);
    }
    let c = &change.change;
    let fields: Vec<Value> = c
        .fields
        .iter()
        .map(|f| {
            let mut field = json!({"field": f.field, "before": f.before, "after": f.after});
            if let (Some(trend), Some(obj)) = (f.trend, field.as_object_mut()) {
                obj.insert("trend".into(), json!(trend));
            }
            if let (Some((a, b)), Some(obj)) = (&f.amounts, field.as_object_mut()) {
                obj.insert("minutes_per_week_before".into(), json!(a.minutes_per_week));
                obj.insert("minutes_per_week_after".into(), json!(b.minutes_per_week));
            }
            // A change of an objective names it: "objective G1.1: target 80 -> 70".
            if let (Some(brief), Some(obj)) = (f.objective_brief(), field.as_object_mut()) {
                obj.insert("objective".into(), json!(f.objective));
                obj.insert("summary".into(), json!(brief));
            }
            field
        })
        .collect();
    let mut finding = finding
        .with("version", version.id.clone())
        .with("effective", version.effective.to_string())
        .with("compared_with", version.compared_with.clone())
        .with("change", json!(c.kind))
        .with("direction", json!(c.direction()))
        .with("before", json!(c.before))
        .with("after", json!(c.after));
    if let Some(new_path) = &c.new_path {
        finding = finding.with("new_path", new_path.to_string());
    }
    if !fields.is_empty() {
        finding = finding.with("fields", fields);
    }
    finding
        .with("window_from", version.window.from.to_string())
        .with("window_to", version.window.to.to_string())
        .in_document(version.document.clone())
        .with_date(version.effective)
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
                let finding = cx.finding(&Self::META, change.change.path.to_string(), message);
                let finding = change_evidence(finding, version, change)
                    .with("rejected", a.rejected)
                    .with("signed", json!(a.signed.map(|d| d.to_string())))
                    .with(
                        "meetings_agreeing",
                        json!(a.meetings.iter().map(|m| m.date.to_string()).collect::<Vec<_>>()),
                    );
                // Only more for the child still needs agreement, but takes nothing away.
                let finding = if change.change.only_adds() { finding.with_severity(Severity::Warn) } else { finding };
                out.push(finding);
            }
        }
    }
}
