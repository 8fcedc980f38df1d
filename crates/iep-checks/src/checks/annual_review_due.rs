use chrono::Days;
use iep_model::{Check, Context, Finding, LetterType, MeetingType, Severity, declare_check};

/// How far ahead the review is flagged.
const WARN_DAYS: u64 = 30;

declare_check! {
    /// Flags an IEP in force that ends within 30 days, or has ended, with no annual review meeting held since it took effect (a warning; an alert once it has ended).
    ///
    /// Why it matters: the team must review the IEP at least once a year
    /// (34 CFR 300.324(b)(1)(i)); once the end date passes, the plan the child
    /// relies on is out of date and the parent can ask for the meeting now.
    ///
    /// Example: a version with `effective: 2025-09-15` and `end: 2026-09-14`,
    /// as of 2026-08-25 with no meeting of `type: annual-review` since, gives
    /// "The IEP effective 2025-09-15, the plan in force, ends on 2026-09-14,
    /// in 20 days, and no annual review meeting has been held since it took
    /// effect; the team must review it at least once a year (34 CFR
    /// 300.324(b)(1)(i))."
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
        let Some(terms) = history.on(cx.as_of) else { return };
        let Some(end) = terms.end else { return };
        let Some(version) = cx.case.versions.get(terms.version) else { return };
        let horizon = cx.as_of.checked_add_days(Days::new(WARN_DAYS)).unwrap_or(cx.as_of);
        if end > horizon {
            return;
        }
        let reviewed = cx
            .case
            .meetings
            .iter()
            .any(|m| m.meeting_type == MeetingType::AnnualReview && m.date > version.effective && m.date <= cx.as_of);
        if reviewed {
            return;
        }
        let citation = cx.case.rules.by_key("annual-review").map(|r| r.citation.clone());
        let law = match &citation {
            Some(c) => format!("; the team must review it at least once a year ({c})"),
            None => String::new(),
        };
        let ended = end < cx.as_of;
        let days = (end - cx.as_of).num_days().abs();
        let when = if ended {
            format!("ended on {end}, {days} days ago")
        } else if days == 0 {
            format!("ends today, {end}")
        } else {
            format!("ends on {end}, in {days} days")
        };
        let described = version.describe();
        let described = described.strip_prefix("the ").unwrap_or(&described);
        let message = format!(
            "The {described}, the plan in force, {when}, and no annual review meeting has been held since it took effect{law}."
        );
        let mut finding = cx
            .finding(&Self::META, "case", message)
            .with("version", version.id.clone())
            .with("effective", version.effective.to_string())
            .with("end", end.to_string())
            .in_document(version.path.clone());
        if ended {
            finding = finding
                .with("days_since_end", days)
                .with_severity(Severity::Alert)
                .with_date(end.succ_opt().unwrap_or(end));
        } else {
            finding = finding.with("days_left", days).with_date(end.checked_sub_days(Days::new(WARN_DAYS)).unwrap_or(end));
        }
        if let Some(c) = citation {
            finding = finding.with("source", c);
        }
        out.push(finding);
    }
}
