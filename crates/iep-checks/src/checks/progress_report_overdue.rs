use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Flags a report-card date (from the school calendar's `report_cards`) on which an IEP with goals was in force (a 504 plan has no IDEA progress reports), more than 14 days past, with no progress report dated from 14 days before it up to the next report-card date (for the last one, up to the as-of date).
    ///
    /// Why it matters: IEPs promise progress reports as often as report cards; a report that never came is progress nobody showed you.
    ///
    /// Example: `report_cards: [2025-11-14, 2026-01-30]`, an IEP in force since September, and no report dated from 2026-01-16 on, as of 2026-03-01: "No progress report came with the report card of 2026-01-30: none is dated from 2026-01-16 to 2026-03-01."
    pub struct ProgressReportOverdue {
        code: "progress-report-overdue",
        severity: Warn,
        one_per: "report-card date",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressReportOverdue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // The same analysis `iep deadlines` reads, so both name the same dates.
        for owed in iep_deadlines::report_cards(cx).0.iter().filter(|o| o.is_overdue(cx.as_of)) {
            let (card, from, until) = (owed.card, owed.window_from, owed.window_to);
            let until_text = match owed.next_card {
                Some(_) => format!("up to {until}, the day before the next report card"),
                None => format!("up to {until}"),
            };
            let message = format!(
                "No progress report came with the report card of {card}: none is dated from {from} {until_text}."
            );
            let finding = cx
                .finding(
                    &Self::META,
                    "case",
                    message,
                    evidence::ProgressReportOverdue { report_card: card, window_from: from, window_to: until },
                )
                .in_document(owed.calendar.clone())
                .with_date(owed.due);
            out.push(finding);
        }
    }
}
