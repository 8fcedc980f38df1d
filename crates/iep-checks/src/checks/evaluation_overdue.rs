use iep_deadlines::{evaluation_after, evaluation_due, explain};
use iep_model::evidence;
use iep_model::{Check, ConsentFor, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Flags a consent the parent gave to an initial evaluation whose evaluation deadline has passed with no initial evaluation on record (a reevaluation consent only where the state's rules set a deadline for it).
    ///
    /// Why it matters: once the school has the parent's consent it must complete the evaluation within the state's timeframe, else 60 days under [[initial-evaluation]]; every day past it delays the services the evaluation decides on.
    ///
    /// Example: in Massachusetts, `{kind: consent, date: 2026-01-05, for: initial-evaluation, given: true}` and no `kind: evaluation` of `type: initial`, as of 2026-04-20: "You consented to an initial evaluation on 2026-01-05; the school had to complete the evaluation by 2026-02-23 (30 school days (days the school is open, by the school calendar) (the rule says school working days), counted from the day after the consent, under [[MA:initial-evaluation]]), and no initial evaluation is recorded, so it is 56 days late."
    pub struct EvaluationOverdue {
        code: "evaluation-overdue",
        severity: Alert,
        one_per: "consent",
        letter: Some(LetterType::FollowUp),
    }
}

impl Check for EvaluationOverdue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for consent in cx.case.consents.iter().filter(|c| c.date <= cx.as_of) {
            let words = match consent.consent_for {
                ConsentFor::InitialEvaluation => "an initial evaluation",
                ConsentFor::Reevaluation => "a reevaluation",
                ConsentFor::Services | ConsentFor::Other => continue,
            };
            let Some((due, rule)) = evaluation_due(cx.case, consent) else { continue };
            if due >= cx.as_of || evaluation_after(cx.case, consent, cx.as_of).is_some() {
                continue;
            }
            let late = (cx.as_of - due).num_days();
            let days = if late == 1 { "1 day".to_owned() } else { format!("{late} days") };
            let done = &words[words.find(' ').map_or(0, |i| i + 1)..];
            let message = format!(
                "You consented to {words} on {}; the school had to {} by {due} ({}, counted from the day after the consent, under {}), and no {done} is recorded, so it is {days} late.",
                consent.date,
                rule.what,
                explain(rule),
                rule.citation
            );
            out.push(
                cx.finding(
                    &Self::META,
                    consent.path.clone(),
                    message,
                    evidence::EvaluationOverdue {
                        consent_date: consent.date,
                        consent_for: consent.consent_for,
                        due,
                        days_late: late,
                        source: rule.citation.clone(),
                        counting: explain(rule),
                    },
                )
                .with_date(due.succ_opt().unwrap_or(due))
                .in_document(consent.path.clone()),
            );
        }
    }
}
