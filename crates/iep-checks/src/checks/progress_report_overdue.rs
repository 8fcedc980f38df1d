use chrono::{Days, NaiveDate};
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, Plan, declare_check};

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

const GRACE: Days = Days::new(14);

impl Check for ProgressReportOverdue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let history = cx.terms();
        // Every report-card date of every calendar, in order, with its calendar's file.
        let mut dates: Vec<(NaiveDate, &str)> =
            cx.case.calendars.iter().flat_map(|c| c.report_cards.iter().map(move |d| (*d, c.path.as_str()))).collect();
        dates.sort();
        dates.dedup_by_key(|(d, _)| *d);
        for (i, &(card, calendar)) in dates.iter().enumerate() {
            // Progress reports are an IEP's promise for its goals: a 504 plan,
            // or an IEP without goals, owes none.
            let owes_reports = history.on(card).is_some_and(|terms| {
                let plan = cx.case.versions.get(terms.version).map(|v| v.plan);
                plan == Some(Plan::Iep) && !terms.goals.is_empty()
            });
            if !owes_reports {
                continue;
            }
            let Some(due) = card.checked_add_days(GRACE) else { continue };
            if due >= cx.as_of {
                continue;
            }
            let from = card.checked_sub_days(GRACE).unwrap_or(card);
            // Up to, not including, the next report-card date; for the last one, up to the as-of date.
            let next = dates.get(i + 1).map(|(d, _)| *d);
            let in_window = |day: NaiveDate| from <= day && next.map_or(day <= cx.as_of, |n| day < n);
            if cx.case.reports.iter().any(|r| in_window(r.date)) {
                continue;
            }
            let (until, until_text) = match next {
                Some(n) => {
                    let last = n.pred_opt().unwrap_or(n);
                    (last, format!("up to {last}, the day before the next report card"))
                }
                None => (cx.as_of, format!("up to {}", cx.as_of)),
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
                .in_document(calendar.to_owned())
                .with_date(due);
            out.push(finding);
        }
    }
}
