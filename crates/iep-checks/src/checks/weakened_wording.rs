use iep_diff::ChangeKind;
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

use super::unagreed_change::{case_changes, for_plan, plan_change, what_changed};
use crate::wording::{distinct, softening_phrases};

declare_check! {
    /// Flags an accommodation, goal or service whose new wording holds more softening phrases ("as needed", "when appropriate", "may", ...) than the wording before it, counted the way `vague-language` counts them.
    ///
    /// Why it matters: adding "when appropriate" to an accommodation turns a promise into a choice the school makes each day; it is a cut even when no number changed.
    ///
    /// Example: `A1` went from "Extended time (1.5x) on tests and quizzes" to "Extended time on tests and quizzes when appropriate": "The accommodation “Extended time (1.5x) on tests and quizzes” now reads “Extended time on tests and quizzes when appropriate” in the IEP amendment effective 2026-02-09; the new wording holds 1 softening phrase (“when appropriate”) where the old held none, which leaves more to the school's discretion."
    pub struct WeakenedWording {
        code: "weakened-wording",
        severity: Warn,
        one_per: "changed item",
        letter: Some(LetterType::PwnRequest),
    }
}

fn count_phrase(n: usize) -> String {
    match n {
        0 => "none".to_owned(),
        1 => "1 softening phrase".to_owned(),
        n => format!("{n} softening phrases"),
    }
}

impl Check for WeakenedWording {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let changes = case_changes(cx);
        for version in &changes.versions {
            // Added items are judged by `vague-language`; only matched items can weaken.
            for change in version.changes.iter().filter(|c| c.change.kind == ChangeKind::Changed) {
                let Some((old, new)) = change.change.wording() else { continue };
                let (before, after) = (softening_phrases(old), softening_phrases(new));
                if after.len() <= before.len() {
                    continue;
                }
                let quoted: Vec<String> = distinct(&after).iter().map(|p| iep_model::wording::quote(p)).collect();
                let message = format!(
                    "{}; the new wording holds {} ({}) where the old held {}, which leaves more to the school's discretion.",
                    what_changed(cx, version, change),
                    count_phrase(after.len()),
                    quoted.join(", "),
                    count_phrase(before.len()),
                );
                let evidence = evidence::WeakenedWording {
                    change: plan_change(version, change),
                    softening_before: before.len(),
                    softening_after: after.len(),
                    phrases_before: distinct(&before),
                    phrases_after: distinct(&after),
                };
                let finding = cx.finding(&Self::META, change.change.path.to_string(), message, evidence);
                out.push(for_plan(finding, version));
            }
        }
    }
}
