use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, Plan, declare_check};

use super::unagreed_change::{case_changes, for_plan, plan_change, what_changed};

declare_check! {
    /// Flags a change to an IEP that no prior written notice proposed: no notice with `action: proposes`, dated between the version before and this one's effective date, lists the item (or `all`) in `covers`.
    ///
    /// Why it matters: under IDEA ([[prior-written-notice]]) the school must tell you in writing, before it changes your child's services, goals or placement, what it proposes and why. A 504 plan is checked for your agreement only.
    ///
    /// Example: speech went from 2 to 1 session a week in the amendment of 2026-02-09 and the only notice, of 2026-02-05, covers `services.ot`: "Speech-language therapy went from 2 x 30 min per week (60 min) to 1 x 30 min per week (30 min) in the IEP amendment effective 2026-02-09; the school gave no prior written notice proposing this change."
    pub struct MissingPwn {
        code: "missing-pwn",
        severity: Warn,
        one_per: "changed item",
        letter: Some(LetterType::PwnRequest),
    }
}

impl Check for MissingPwn {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let changes = case_changes(cx);
        // Prior written notice is an IDEA rule: a 504 plan's changes are checked for agreement only.
        for version in changes.versions.iter().filter(|v| v.plan == Plan::Iep) {
            for change in version.changes.iter().filter(|c| !c.agreement.noticed()) {
                let message = format!(
                    "{}; the school gave no prior written notice proposing this change.",
                    what_changed(cx, version, change)
                );
                let evidence = evidence::MissingPwn(plan_change(version, change));
                let finding = cx.finding(&Self::META, change.change.path.to_string(), message, evidence);
                out.push(for_plan(finding, version));
            }
        }
    }
}
