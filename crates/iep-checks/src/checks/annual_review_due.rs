use chrono::Days;
use iep_deadlines::{ReviewBasis, annual_review};
use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

/// How far ahead the review is flagged.
const WARN_DAYS: u64 = 30;

declare_check! {
    /// Flags an annual review date within 30 days, or passed (a warning; an alert once passed). The date is one year after the last annual review: the latest meeting of type `annual-review`, else the `meeting` date of the latest IEP in force that is not an amendment, else its `effective` date; with none of these, the `end` of the version in force.
    ///
    /// Why it matters: the team must review the IEP "periodically, but not less than annually" ([[annual-review]]); once a year has passed since the last review, the plan the child relies on is out of date and the parent can ask for the meeting now.
    ///
    /// Example: the last `type: annual-review` meeting was on 2025-05-12, as of 2026-04-20: "The annual review date is 2026-05-12, 1 year after the annual review meeting of 2025-05-12: in 22 days; the team must review the IEP periodically, but not less than annually ([[annual-review]])." A 504 plan has no annual review under IDEA and is not judged.
    pub struct AnnualReviewDue {
        code: "annual-review-due",
        severity: Warn,
        one_per: "case",
        letter: Some(LetterType::MeetingRequest),
    }
}

impl Check for AnnualReviewDue {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let history = cx.terms();
        let Some(review) = annual_review(cx.case, &history, cx.as_of) else { return };
        let Some(version) = cx.case.versions.get(review.version) else { return };
        let due = review.due;
        let horizon = cx.as_of.checked_add_days(Days::new(WARN_DAYS)).unwrap_or(cx.as_of);
        if due > horizon {
            return;
        }
        // The rule comes with the review: a 504 plan has none, so no review is due.
        let rule = &review.rule;
        let law = format!("; the team must {} ({})", rule.what, rule.citation);
        let passed = due < cx.as_of;
        let days = (due - cx.as_of).num_days().abs();
        let when = if passed {
            format!("{days} days ago")
        } else if days == 0 {
            "today".to_owned()
        } else {
            format!("in {days} days")
        };
        let basis = match review.basis {
            ReviewBasis::VersionEnd => {
                let described = version.describe();
                let described = described.strip_prefix("the ").unwrap_or(&described).to_owned();
                format!("the end of the {described}, the plan in force, since no review is on record")
            }
            _ => format!("{} after {}", rule.period().unwrap_or_default(), review.describe_basis()),
        };
        let message = format!("The annual review date is {due}, {basis}: {when}{law}.");
        let evidence = evidence::AnnualReviewDue {
            version: version.id.clone(),
            due,
            last_review: review.last_review,
            counted_from: review.basis,
            due_in: super::due_in(passed, days),
            source: rule.citation.clone(),
        };
        let finding = cx.finding(&Self::META, "case", message, evidence).in_document(review.document.clone());
        out.push(super::due_date_finding(finding, due, passed, WARN_DAYS));
    }
}
