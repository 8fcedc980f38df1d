use std::collections::BTreeMap;

use iep_model::evidence;
use iep_model::wording::{capitalize, legend_words, quote};
use iep_model::{
    Check, Context, Doc, Finding, GoalProgress, LetterType, ProgressMeaning, ProgressReport, declare_check,
};

use super::progress_stalled::goal_label;

declare_check! {
    /// Flags a goal whose latest progress report says progress is not sufficient to meet it by the end of the IEP (`sufficient: no`; or, where the entry has no `sufficient:` answer, a status that is a `progress_codes` code meaning `insufficient` or `none`), when no meeting has been held since that report. A code meaning `progressing` says nothing on sufficiency. The message quotes the legend's own words for the code where the legend gives them, and the report's reason where it gives one.
    ///
    /// Why it matters: when the school itself reports that a goal will not be met, the team must revise the IEP to address the lack of expected progress ([[lack-of-progress]]); a meeting is the place to do it.
    ///
    /// Example: the report of 2026-04-10 gives goal G2 `status: IP` with the legend `IP: insufficient`, and no meeting since: "The progress report of 2026-04-10 says progress on the goal in Reading - fluency is not sufficient to meet it by the end of the IEP (“IP”: insufficient progress), and no meeting has been held since; the team must revise the IEP to address a lack of expected progress ([[lack-of-progress]])."
    pub struct ProgressInsufficient {
        code: "progress-insufficient",
        severity: Warn,
        one_per: "goal",
        letter: Some(LetterType::MeetingRequest),
    }
}

/// The rule the message cites: a duty of the IEP team, not a deadline.
const REVISE_KEY: &str = "lack-of-progress";

/// How the entry says progress is not sufficient, in words for the message.
/// The `sufficient:` box is the report's word on sufficiency; a code speaks
/// only where the box is empty.
fn insufficient(cx: &Context<'_>, entry: &GoalProgress) -> Option<String> {
    let code = entry.status.as_deref().and_then(|s| cx.case.info.progress_legend(s));
    let how = match entry.sufficient {
        Some(false) => {
            let rating = code.map(|c| format!(", rating it {}", legend_words(c))).unwrap_or_default();
            format!("it answers \u{201c}no\u{201d} to whether progress is sufficient{rating}")
        }
        Some(true) => return None,
        None => match code {
            Some(c) if matches!(c.meaning, ProgressMeaning::Insufficient | ProgressMeaning::None) => legend_words(c),
            _ => return None,
        },
    };
    let reason = entry.detail.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    Some(match reason {
        Some(reason) => format!("{how}; the reason it gives: {}", quote(reason)),
        None => how,
    })
}

impl Check for ProgressInsufficient {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        // An IEP team's duty: a 504 plan has no such rule in the rules data.
        let Some(rule) = cx.case.rules.by_key(REVISE_KEY) else { return };
        // The latest report with an entry, per goal (reports are in date order).
        let mut latest: BTreeMap<&str, (&Doc<ProgressReport>, &GoalProgress)> = BTreeMap::new();
        for report in cx.case.reports.iter().filter(|r| r.date <= cx.as_of) {
            for entry in &report.goals {
                latest.insert(entry.goal.as_str(), (report, entry));
            }
        }
        for (goal, (report, entry)) in latest {
            let Some(how) = insufficient(cx, entry) else { continue };
            let met_since = cx.case.meetings.iter().any(|m| m.date > report.date && m.date <= cx.as_of);
            if met_since {
                continue;
            }
            let label = goal_label(cx, Some(&report.iep), goal);
            let message = format!(
                "The progress report of {} says progress on {label} is not sufficient to meet it by the end of the IEP ({how}), and no meeting has been held since; the team must revise the IEP to address a lack of expected progress ({}).",
                report.date, rule.citation
            );
            let meaning = entry.status.as_deref().and_then(|s| cx.case.info.progress_code(s));
            let evidence = evidence::ProgressInsufficient {
                report: report.date,
                sufficient: entry.sufficient,
                status: entry.status.as_deref().map(|s| s.trim().to_owned()),
                code_means: meaning,
                source: rule.citation.clone(),
                legend: entry.status.as_deref().and_then(|s| cx.case.info.progress_legend(s)?.text.clone()),
                reason: entry.detail.reason.clone(),
            };
            let finding = cx
                .finding(&Self::META, format!("goals.{goal}"), capitalize(&message), evidence)
                .in_document(report.path.clone())
                .with_date(report.date);
            out.push(finding);
        }
    }
}
