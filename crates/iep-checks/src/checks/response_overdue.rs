use iep_deadlines::{ResponseDeadline, explain, letter_words, response_deadline};
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Flags a letter the school has not answered by its response deadline (the letter's `reply_by`, else the state's rule for its type, else the federal rule).
    ///
    /// Why it matters: the law gives the school a set number of days for some
    /// requests (records within 45 days under [[records-access]], 10 in
    /// Massachusetts); an unanswered letter past that date is worth a
    /// follow-up in writing that cites the rule.
    ///
    /// Example: in Massachusetts, `{kind: letter, date: 2026-02-12, type:
    /// records-request, response: null}` as of 2026-04-20 gives "Your request
    /// for education records of 2026-02-12 had to be answered by 2026-02-22
    /// and no answer is recorded, so it is 57 days late; the deadline is 10
    /// calendar days ([[MA:records-access]] says "ten days" without a kind; counted
    /// as calendar days) from the day after the letter, under
    /// [[MA:records-access]]." A response dated on or before the as-of date, even a late
    /// one, clears it.
    pub struct ResponseOverdue {
        code: "response-overdue",
        severity: Alert,
        one_per: "letter",
        letter: Some(LetterType::FollowUp),
    }
}

impl Check for ResponseOverdue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for letter in &cx.case.letters {
            if letter.response.as_ref().is_some_and(|r| r.date <= cx.as_of) {
                continue;
            }
            let deadline = response_deadline(cx.case, letter);
            let Some(due) = deadline.due() else { continue };
            if due >= cx.as_of {
                continue;
            }
            let source = deadline.source(letter);
            let why = match &deadline {
                ResponseDeadline::ReplyBy(_) => "the date your letter asked for".to_owned(),
                ResponseDeadline::Rule { rule, .. } => {
                    format!("{} from the day after the letter, under {}", explain(rule), rule.citation)
                }
                ResponseDeadline::NoNumber(_) | ResponseDeadline::None => source.counting.clone(),
            };
            let late = (cx.as_of - due).num_days();
            let days = if late == 1 { "1 day".to_owned() } else { format!("{late} days") };
            let message = format!(
                "Your {} of {} had to be answered by {due} and no answer is recorded, so it is {days} late; the deadline is {why}.",
                letter_words(&letter.letter_type),
                letter.date,
            );
            out.push(
                cx.finding(
                    &Self::META,
                    letter.path.clone(),
                    message,
                    evidence::ResponseOverdue {
                        letter_date: letter.date,
                        letter_type: letter.letter_type.clone(),
                        due,
                        days_late: late,
                        source: source.citation,
                        counting: source.counting,
                    },
                )
                .with_date(due.succ_opt().unwrap_or(due))
                .in_document(letter.path.clone()),
            );
        }
    }
}
