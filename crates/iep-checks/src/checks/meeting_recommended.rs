use iep_model::evidence::{self, MeetingReason};
use iep_model::wording::{join_and, plan_name};
use iep_model::{Check, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Recommends asking for a team meeting when missed services, accommodations not given, a stalled goal or a change nobody agreed to arose after the last meeting held.
    ///
    /// Why it matters: the parent can ask for an IEP meeting at any time; when
    /// services fall short, accommodations are not given (or the people
    /// responsible did not know of them), a goal stops moving or the plan
    /// changed without agreement, the team is where that gets fixed, and the
    /// tool lists the reasons to put on the agenda.
    ///
    /// Example: a last meeting on 2026-01-27 and, since then, a change to
    /// speech nobody agreed to and a shortfall in March give "Since the last
    /// team meeting (2026-01-27), the case shows 1 month of services below
    /// what the IEP requires and 1 change nobody agreed to; ask for a team
    /// meeting to address them." The evidence lists each reason with its date.
    pub struct MeetingRecommended {
        code: "meeting-recommended",
        severity: Warn,
        one_per: "case",
        letter: Some(LetterType::MeetingRequest),
    }
}

/// The findings a meeting would address, computed once per run.
struct MeetingReasons(Vec<Finding>);

/// The codes that call for a meeting, with how a count of them reads
/// (`{plan}`: the kind of plan, "IEP" or "504 plan").
const REASONS: &[(&str, &str, &str)] = &[
    (
        crate::ServiceShortfall::META.code,
        "month of services below what the {plan} requires",
        "months of services below what the {plan} requires",
    ),
    (crate::RepeatedMisses::META.code, "run of missed sessions", "runs of missed sessions"),
    (crate::AccommodationNotProvided::META.code, "accommodation not given", "accommodations not given"),
    (
        crate::StaffNotInformed::META.code,
        "accommodation its teacher did not know of",
        "accommodations their teachers did not know of",
    ),
    (crate::ProgressStalled::META.code, "stalled goal", "stalled goals"),
    (crate::UnagreedChange::META.code, "change nobody agreed to", "changes nobody agreed to"),
];

impl Check for MeetingRecommended {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let reasons = cx.memo(|cx| {
            let mut found = Vec::new();
            crate::ServiceShortfall.run(cx, &mut found);
            crate::RepeatedMisses.run(cx, &mut found);
            crate::AccommodationNotProvided.run(cx, &mut found);
            crate::StaffNotInformed.run(cx, &mut found);
            crate::ProgressStalled.run(cx, &mut found);
            crate::UnagreedChange.run(cx, &mut found);
            MeetingReasons(found)
        });
        let last_meeting = cx.case.meetings.iter().map(|m| m.date).filter(|d| *d <= cx.as_of).max();
        // A finding arises on its date; without a date it counts only when no meeting was ever held.
        let after: Vec<&Finding> = reasons
            .0
            .iter()
            .filter(|f| match (f.date, last_meeting) {
                (_, None) => true,
                (Some(date), Some(meeting)) => date > meeting,
                (None, Some(_)) => false,
            })
            .collect();
        if after.is_empty() {
            return;
        }
        let plan = plan_name(cx.case.plan());
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {}", one.replace("{plan}", plan))),
            n => Some(format!("{n} {}", many.replace("{plan}", plan))),
        };
        let mut parts: Vec<String> = Vec::new();
        for (code, one, many) in REASONS {
            // An objective's stall is counted as an objective's, not a goal's.
            let of = |objective: bool| {
                after.iter().filter(|f| f.code == *code && f.subject.contains(".objectives.") == objective).count()
            };
            parts.extend(count(of(false), one, many));
            if *code == crate::ProgressStalled::META.code {
                parts.extend(count(of(true), "stalled objective", "stalled objectives"));
            }
        }
        let since = match last_meeting {
            Some(date) => format!("Since the last team meeting ({date}), the case shows"),
            None => "No team meeting is on file, and the case shows".to_owned(),
        };
        let message = format!("{since} {}; ask for a team meeting to address them.", join_and(&parts));
        let reasons: Vec<MeetingReason> = after
            .iter()
            .map(|f| MeetingReason {
                code: f.code,
                subject: f.subject.clone(),
                date: f.date,
                message: f.message.clone(),
            })
            .collect();
        let evidence = evidence::MeetingRecommended { reasons, last_meeting };
        let mut finding = cx.finding(&Self::META, "case", message, evidence);
        if let Some(latest) = after.iter().filter_map(|f| f.date).max() {
            finding = finding.with_date(latest);
        }
        out.push(finding);
    }
}
