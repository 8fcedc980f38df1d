use chrono::Days;
use iep_deadlines::{due_after, last_evaluation};
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

/// How far ahead the reevaluation is flagged.
const WARN_DAYS: u64 = 60;

declare_check! {
    /// Flags a three-year reevaluation date, counted from the latest evaluation (of type `initial` or `reevaluation`, or a meeting of type `eligibility` or `reevaluation`), that falls within 60 days or has passed (a warning; an alert once passed). A case with no evaluation recorded is not judged.
    ///
    /// Why it matters: the school must reevaluate at least once every 3 years unless you and the school agree it is not needed ([[reevaluation]]); an out-of-date evaluation means the plan rests on old information.
    ///
    /// Example: `{kind: evaluation, date: 2023-05-10, type: initial}` and nothing since, as of 2026-04-20: "The last evaluation on record is of 2023-05-10, so a reevaluation is due by 2026-05-10, in 20 days, unless you and the school agree it is not needed (at least once every 3 years, [[reevaluation]])."
    pub struct ReevaluationDue {
        code: "reevaluation-due",
        severity: Warn,
        one_per: "case",
        letter: Some(LetterType::EvaluationRequest),
    }
}

impl Check for ReevaluationDue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let Some((evaluated, document)) = last_evaluation(cx.case, cx.as_of) else { return };
        // A 504 plan has no reevaluation rule in the rules data: not judged.
        let Some(rule) = cx.case.rules.by_key(iep_model::REEVALUATION_KEY) else { return };
        let Some(due) = due_after(cx.case, evaluated, rule) else { return };
        let horizon = cx.as_of.checked_add_days(Days::new(WARN_DAYS)).unwrap_or(cx.as_of);
        if due > horizon {
            return;
        }
        let passed = due < cx.as_of;
        let days = (due - cx.as_of).num_days().abs();
        let when = if passed {
            format!("was due by {due}, {days} days ago")
        } else if days == 0 {
            format!("is due today, {due}")
        } else {
            format!("is due by {due}, in {days} days")
        };
        let message = format!(
            "The last evaluation on record is of {evaluated}, so a reevaluation {when}, unless you and the school agree it is not needed (at least once every {}, {}).",
            rule.period().unwrap_or_default(),
            rule.citation
        );
        let evidence = evidence::ReevaluationDue {
            last_evaluation: evaluated,
            due,
            source: rule.citation.clone(),
            due_in: super::due_in(passed, days),
        };
        let finding = cx.finding(&Self::META, "case", message, evidence).in_document(document);
        out.push(super::due_date_finding(finding, due, passed, WARN_DAYS));
    }
}
