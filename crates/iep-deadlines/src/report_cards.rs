//! The progress reports an IEP owes with the report cards (checks.md,
//! `progress-report-overdue`): one analysis that the check and
//! `iep deadlines` both read, so the two never disagree on a date.

use std::sync::Arc;

use chrono::{Days, NaiveDate};
use iep_model::{Case, Context, Plan, TermsHistory};

/// How long after a report-card date its progress report may come, and how
/// long before it one counts (checks.md: C + 14 days, from C − 14 days).
pub const REPORT_CARD_GRACE_DAYS: u64 = 14;
const REPORT_CARD_GRACE: Days = Days::new(REPORT_CARD_GRACE_DAYS);

/// A report-card date on which an IEP with goals was in force: a progress
/// report is owed with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwedReport {
    /// The report-card date, from the school calendar.
    pub card: NaiveDate,
    /// The calendar file that lists it (the first, when several do).
    pub calendar: String,
    /// The last day the report may come: the card date plus the grace.
    pub due: NaiveDate,
    /// The first day a report counts for this card.
    pub window_from: NaiveDate,
    /// The last day a report counts: the day before the next report-card
    /// date of any calendar, or the as-of date for the last one.
    pub window_to: NaiveDate,
    /// Whether another report-card date follows (so `window_to` is the day
    /// before it, not the as-of date).
    pub next_card: Option<NaiveDate>,
    /// The first progress report dated in the window.
    pub report: Option<NaiveDate>,
}

impl OwedReport {
    /// Overdue: past its due date on the as-of date with no report in its window.
    pub fn is_overdue(&self, as_of: NaiveDate) -> bool {
        self.report.is_none() && self.due < as_of
    }
}

/// Every owed report of the case as of the context's date, in date order.
#[derive(Debug, Clone, Default)]
pub struct ReportCards(pub Vec<OwedReport>);

/// The report cards' analysis of the context, computed once per run.
pub fn report_cards(cx: &Context<'_>) -> Arc<ReportCards> {
    cx.memo(|cx| ReportCards(owed_reports(cx.case, &cx.terms(), cx.as_of)))
}

/// The report-card dates of every calendar of `case` (already cut to
/// `as_of`) on which an IEP with goals was in force, each with its window.
pub fn owed_reports(case: &Case, history: &TermsHistory, as_of: NaiveDate) -> Vec<OwedReport> {
    // Every report-card date of every calendar, in order, with its calendar's file.
    let mut dates: Vec<(NaiveDate, &str)> =
        case.calendars.iter().flat_map(|c| c.report_cards.iter().map(move |d| (*d, c.path.as_str()))).collect();
    dates.sort();
    dates.dedup_by_key(|(d, _)| *d);
    let mut out = Vec::new();
    for (i, &(card, calendar)) in dates.iter().enumerate() {
        // Progress reports are an IEP's promise for its goals: a 504 plan,
        // or an IEP without goals, owes none.
        let owes_reports = history.on(card).is_some_and(|terms| {
            let plan = case.versions.get(terms.version).map(|v| v.plan);
            plan == Some(Plan::Iep) && !terms.goals.is_empty()
        });
        if !owes_reports {
            continue;
        }
        let Some(due) = card.checked_add_days(REPORT_CARD_GRACE) else { continue };
        let window_from = card.checked_sub_days(REPORT_CARD_GRACE).unwrap_or(card);
        let next_card = dates.get(i + 1).map(|(d, _)| *d);
        let window_to = match next_card {
            Some(next) => next.pred_opt().unwrap_or(next),
            None => as_of,
        };
        let report = case.reports.iter().map(|r| r.date).filter(|d| window_from <= *d && *d <= window_to).min();
        out.push(OwedReport { card, calendar: calendar.to_owned(), due, window_from, window_to, next_card, report });
    }
    out
}
