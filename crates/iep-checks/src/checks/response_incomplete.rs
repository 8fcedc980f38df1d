use iep_deadlines::letter_words;
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Flags a letter whose answer, on or before the as-of date, is marked `complete: false`: the school answered only part of the request, so it is still open.
    ///
    /// Why it matters: a partial answer (records without the service logs) stops the clock in nobody's favour; a written follow-up that names what is still missing keeps the request alive.
    ///
    /// Example: `response: {date: 2026-03-01, summary: Records received without the service logs, complete: false}` on a records request of 2026-02-12: "The school's answer of 2026-03-01 to your request for education records of 2026-02-12 left part of it unanswered (“Records received without the service logs”), so the request is still open."
    pub struct ResponseIncomplete {
        code: "response-incomplete",
        severity: Warn,
        one_per: "letter",
        letter: Some(LetterType::FollowUp),
    }
}

impl Check for ResponseIncomplete {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for letter in cx.case.letters.iter().filter(|l| l.date <= cx.as_of) {
            // One response per letter: a complete answer later is recorded by replacing it.
            let Some(response) = letter.response.as_ref().filter(|r| r.date <= cx.as_of && !r.complete) else {
                continue;
            };
            let summary = response.summary.as_deref().map(str::trim).filter(|s| !s.is_empty());
            let quoted = summary.map(|s| format!(" ({})", iep_model::wording::quote(s))).unwrap_or_default();
            let message = format!(
                "The school's answer of {} to your {} of {} left part of it unanswered{quoted}, so the request is still open.",
                response.date,
                letter_words(&letter.letter_type),
                letter.date
            );
            out.push(
                cx.finding(
                    &Self::META,
                    letter.path.clone(),
                    message,
                    evidence::ResponseIncomplete {
                        letter_date: letter.date,
                        letter_type: letter.letter_type.clone(),
                        answered: response.date,
                        summary: summary.map(str::to_owned),
                    },
                )
                .with_date(response.date)
                .in_document(letter.path.clone()),
            );
        }
    }
}
