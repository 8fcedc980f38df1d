//! My concerns for the meeting, and the wording to make specific.
//!
//! What the packet's own tables show (changes, services, progress, my
//! letters) is said here from that typed data, once per item; any other
//! finding worth raising is the check's sentence with its dates written out.

use chrono::NaiveDate;
use iep_model::wording::quote;
use iep_model::{Case, Evidence, Finding, ItemPath, Meeting, Severity, long_date, normalize_ws};
use serde::Serialize;

use super::progress::Pace;
use super::words::{capitalize, dates_written_out, item_name, item_text};
use super::{ChangeRow, GoalSection, RequestRow, ServiceSection, Sources};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Concern {
    pub text: String,
    /// Something owed to the child is not happening.
    pub needs_action: bool,
    /// One of my own, from the meeting file.
    pub mine: bool,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WordingItem {
    /// The item ("The accommodation “Breaks as needed”").
    pub item: String,
    /// The item's text as the plan in force words it.
    pub text: Option<String>,
    /// Why to ask about it, one sentence per finding.
    pub reasons: Vec<String>,
    pub source: Option<usize>,
}

/// Whether the wording section shows a finding.
fn about_wording(finding: &Finding) -> bool {
    matches!(
        finding.evidence,
        Evidence::VagueLanguage(_) | Evidence::WeakenedWording(_) | Evidence::GoalNotMeasurable(_)
    )
}

/// Whether the packet's typed sections already say a finding.
fn shown_elsewhere(finding: &Finding) -> bool {
    matches!(
        finding.evidence,
        Evidence::UnagreedChange(_)
            | Evidence::MissingPwn(_)
            | Evidence::ServiceShortfall(_)
            // Said from the accounting, in my words (`log_conflicts`).
            | Evidence::LogConflict(_)
            | Evidence::ProgressOffPace(_)
            | Evidence::ProgressNoData(_)
            | Evidence::ResponseOverdue(_)
            // Advice to me, not a concern to raise.
            | Evidence::MeetingRecommended(_)
    )
}

/// How many disagreements between logs the concerns list one by one: the latest.
const CONFLICTS_SHOWN: usize = 5;

/// The packet's sections the concerns are made from.
pub(super) struct Shown<'a> {
    pub changes: &'a [ChangeRow],
    pub services: &'a [ServiceSection],
    pub progress: &'a [GoalSection],
    pub requests: &'a [RequestRow],
    /// Where the logs of one session disagree, and the child's first name.
    pub conflicts: &'a [iep_services::Conflict],
    pub services_named: &'a iep_services::Accounting,
    pub first_name: &'a str,
    /// A 504 plan: prior written notice is an IDEA rule, never named for it.
    pub section_504: bool,
}

/// Who says what about a session, as the parent writes it to the team.
fn source_in_my_words(source: iep_model::Source, first_name: &str) -> String {
    match source {
        iep_model::Source::Provider => "the provider's log".to_owned(),
        iep_model::Source::School => "the school's log".to_owned(),
        iep_model::Source::Parent => "my notes".to_owned(),
        iep_model::Source::Child => format!("{first_name}'s account"),
    }
}

/// "On March 10, 2026, the school's log says Speech-language therapy was
/// delivered for 30 min, but Maya's account says it was missed." Which log
/// the tool counts is its business, not the team's.
fn log_conflict_text(conflict: &iep_services::Conflict, shown: &Shown<'_>) -> Option<String> {
    let service = shown.services_named.service(&conflict.service)?;
    let others: Vec<String> = conflict
        .others
        .iter()
        .map(|o| format!("{} says it was {}", source_in_my_words(o.source, shown.first_name), o.describe()))
        .collect();
    Some(format!(
        "On {}, {} says {} was {}, but {}.",
        long_date(conflict.date),
        source_in_my_words(conflict.counted.source, shown.first_name),
        service.name,
        conflict.counted.describe(),
        others.join(" and ")
    ))
}

pub(super) fn concerns(
    meeting: Option<&Meeting>,
    findings: &[Finding],
    from: Option<NaiveDate>,
    shown: &Shown<'_>,
    sources: &mut Sources,
) -> Vec<Concern> {
    let mut out: Vec<Concern> = meeting
        .map(|m| {
            m.concerns
                .iter()
                .map(|text| Concern { text: text.clone(), needs_action: false, mine: true, source: None })
                .collect()
        })
        .unwrap_or_default();
    let mut push = |text: String, needs_action: bool, source: Option<usize>| {
        out.push(Concern { text, needs_action, mine: false, source });
    };
    for c in shown.changes {
        let what = if c.was.contains('\n') || c.is.contains('\n') {
            format!("{} was changed in {} (see the changes below).", c.item, c.version)
        } else if c.item.contains(&quote(&c.was)) {
            // An accommodation's name already quotes the words it had.
            format!("{} now reads {} in {}.", c.item, quote(&c.is), c.version)
        } else {
            format!("{} went from {} to {} in {}.", c.item, quote(&c.was), quote(&c.is), c.version)
        };
        match (c.agreed, c.any_notice || shown.section_504) {
            (false, false) => push(
                format!("{what} I did not agree to this change, and no prior written notice was given for it."),
                true,
                Some(c.source),
            ),
            (false, true) => push(format!("{what} I did not agree to this change."), true, Some(c.source)),
            // An agreed change without notice shows in the table of changes.
            (true, _) => {}
        }
    }
    for s in shown.services.iter().filter(|s| s.owed_value > 0.0 || s.owed_as_agreed_value > 0.0) {
        let months: Vec<String> = s.short_months.iter().map(|(month, owed)| format!("{month}: {owed}")).collect();
        let months = if months.is_empty() { String::new() } else { format!(" ({})", months.join("; ")) };
        // Both figures where a change nobody agreed to lowers the one in force.
        let agreed = s
            .owed_as_agreed
            .as_ref()
            .map(|a| format!(" Under the plan I accepted, {a} {} are owed.", s.unit))
            .unwrap_or_default();
        // A health or safety service's misses are sessions missed, not time to make up.
        let what = if s.in_minutes { "were not delivered and have not been made up" } else { "were missed" };
        push(
            format!("{}: {} {} {what}{months}.{agreed}", s.name, s.owed, s.unit),
            s.rows.iter().any(|r| r.shortfall),
            s.source,
        );
    }
    for g in shown.progress {
        if g.pace == Pace::NotOnPace {
            push(format!("{} is not on pace. {}", g.label, g.projection), false, g.source);
        }
        if g.latest_has_no_value {
            let latest = g.reports.last();
            push(
                format!(
                    "The progress report of {} gives no measured value for {}.",
                    latest.map_or("", |r| r.date.as_str()),
                    super::lower_first(&g.label)
                ),
                false,
                latest.map(|r| r.source),
            );
        }
    }
    for r in shown.requests.iter().filter(|r| r.overdue) {
        push(
            format!(
                "My letter of {} ({}) was due an answer by {}; {}, it is {}.",
                r.sent,
                r.what,
                r.due,
                if r.partly_answered { "the answer left part of it open" } else { "none has come" },
                r.status
            ),
            true,
            Some(r.source),
        );
    }
    log_conflict_concerns(shown, from, sources, &mut push);
    // Every other alert and warning about the period the packet covers.
    let mut others: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            f.severity >= Severity::Warn
                && !about_wording(f)
                && !shown_elsewhere(f)
                && f.date.is_none_or(|d| from.is_none_or(|from| d >= from))
        })
        .collect();
    // Needs action first; the checks' own order within a level.
    others.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in others {
        let source = f.document.as_deref().map(|d| sources.cite(d));
        push(dates_written_out(&f.message), f.severity == Severity::Alert, source);
    }
    // What needs action comes first, after my own.
    out.sort_by_key(|c| (!c.mine, !c.needs_action));
    out
}

/// The latest disagreements between logs one by one; the earlier ones
/// counted, so a long log of two minds fills a line, not pages.
fn log_conflict_concerns(
    shown: &Shown<'_>,
    from: Option<NaiveDate>,
    sources: &mut Sources,
    push: &mut impl FnMut(String, bool, Option<usize>),
) {
    let mut conflicts: Vec<&iep_services::Conflict> =
        shown.conflicts.iter().filter(|c| from.is_none_or(|from| c.date >= from)).collect();
    conflicts.sort_by_key(|c| c.date);
    let earlier = conflicts.len().saturating_sub(CONFLICTS_SHOWN);
    if let (Some(first), Some(last)) = (conflicts.first(), conflicts.get(earlier.wrapping_sub(1))) {
        let times = if earlier == 1 { "once".to_owned() } else { format!("{earlier} more times") };
        let span = if first.date == last.date {
            format!("on {}", long_date(first.date))
        } else {
            format!("from {} to {}", long_date(first.date), long_date(last.date))
        };
        push(
            format!("The service logs also disagree {times} before these, {span}; each is in my case records."),
            false,
            None,
        );
    }
    for conflict in conflicts.into_iter().skip(earlier) {
        if let Some(text) = log_conflict_text(conflict, shown) {
            let source = sources.cite(&conflict.document);
            push(text, false, Some(source));
        }
    }
}

/// The wording findings, one item each, with the item's text as the plan in
/// force words it. A weakened wording already in the table of changes is not
/// said again.
pub(super) fn wording(
    case: &Case,
    findings: &[Finding],
    changes: &[ChangeRow],
    sources: &mut Sources,
) -> Vec<WordingItem> {
    let mut out: Vec<(String, WordingItem)> = Vec::new();
    for f in findings.iter().filter(|f| about_wording(f)) {
        let path = ItemPath::parse(&f.subject);
        let in_changes = path.as_ref().is_some_and(|p| changes.iter().any(|c| c.paths.contains(p)));
        if matches!(f.evidence, Evidence::WeakenedWording(_)) && in_changes {
            continue;
        }
        let reason = dates_written_out(&f.message);
        if let Some((_, item)) = out.iter_mut().find(|(subject, _)| *subject == f.subject) {
            item.reasons.push(reason);
            continue;
        }
        let name = path.as_ref().map_or_else(|| "The plan".to_owned(), |p| capitalize(&item_name(case, p)));
        // An accommodation's name already quotes its words: not twice.
        let text = path.as_ref().and_then(|p| item_text(case, p)).filter(|t| !name.contains(&normalize_ws(t)));
        let item = WordingItem {
            item: name,
            text,
            reasons: vec![reason],
            source: f.document.as_deref().map(|d| sources.cite(d)),
        };
        out.push((f.subject.clone(), item));
    }
    out.into_iter().map(|(_, item)| item).collect()
}
