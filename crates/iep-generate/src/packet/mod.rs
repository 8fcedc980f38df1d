//! The meeting packet: what a parent brings to the next IEP meeting, in the
//! parent's own voice. The data `templates/packet.typ.j2` reads
//! ([`PacketContext`]) and how it is made from the case, the findings of the
//! checks and the analyses.
//!
//! The packet covers what can be acted on: the plan in force, what arose since
//! the last annual review, open requests and a draft on the table. Older
//! history is one summary table. Every field is typed data or plain text the
//! template prints as it is; dates are already written out ("April 20, 2026").
//! Each fact carries the number of the document it came from in
//! [`PacketContext::sources`], the evidence appendix.
//!
//! The analyses (changes, services, progress, deadlines) are read through
//! [`Analyses`] only, so a change in those crates costs one edit.

pub(crate) mod accommodations;
mod changes;
mod concerns;
mod progress;
mod requests;
mod services;
mod sources;
mod timeline;
mod words;

use chrono::NaiveDate;
use std::sync::Arc;

use iep_model::{Case, Context, Finding, Meeting, long_date};
use serde::Serialize;

pub use accommodations::{AccommodationDayRow, AccommodationSection};
pub use changes::{ChangeRow, DraftEffect, DraftRow, DraftSection};
pub use concerns::{Concern, WordingItem};
pub use progress::{GoalSection, Pace, ReportRow};
pub use requests::{DeadlineRow, LateAnswer, RequestRow};
pub use services::{MissedSession, MonthRow, ServiceSection};
pub use sources::SourceEntry;
pub use timeline::{HistoryRow, TimelineEntry};

pub(crate) use sources::Sources;
pub(crate) use words::{dates_written_out, first_name, item_name, lower_first, plural, whole};

use iep_model::wording::join_and;

/// What the packet is made from.
#[derive(Clone, Copy)]
pub struct PacketInput<'a> {
    /// The whole case as loaded: a meeting dated after the as-of date is the next meeting.
    pub case: &'a Case,
    /// The run's context (the case cut to the as-of date, and the analyses
    /// the checks memoised): the packet reads the same analyses, never its own.
    pub context: &'a Context<'a>,
    /// The findings of the checks run over `context`.
    pub findings: &'a [Finding],
    /// `--meeting DATE`: the meeting the packet is for.
    pub meeting: Option<NaiveDate>,
}

/// Everything `templates/packet.typ.j2` reads.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PacketContext {
    /// The document title ("Meeting packet: Maya Alvarez").
    pub title: String,
    pub child: crate::letters::ChildLine,
    pub parent_name: String,
    pub meeting: MeetingInfo,
    /// The day the case is judged on, written out.
    pub as_of: String,
    /// Where the packet's detail starts: the plan in force, written out
    /// ("the IEP effective September 15, 2025").
    pub since: Option<String>,
    /// The git commit the case folder is at, when it is a repository.
    pub revision: Option<String>,
    /// The points to cover, in order.
    pub agenda: Vec<String>,
    /// My concerns: my own from the meeting file, then what the case shows.
    pub concerns: Vec<Concern>,
    /// Changes since the last annual IEP, one row per changed item.
    pub changes: Vec<ChangeRow>,
    /// A 504 plan: no IDEA rule (prior written notice, the annual IEP) is printed for it.
    pub section_504: bool,
    /// The versions the changes come from, as a sentence each.
    pub change_versions: Vec<String>,
    /// A draft on the table, compared with the terms in force.
    pub draft: Option<DraftSection>,
    pub services: Vec<ServiceSection>,
    /// Each accommodation in force, with the days it was given or not (format 1.2).
    pub accommodations: Vec<AccommodationSection>,
    /// Minutes owed over the months the packet covers, every service ("429").
    pub minutes_owed: String,
    /// The same under the terms I accepted, where a change nobody agreed to
    /// makes it differ ("645").
    pub minutes_owed_as_agreed: Option<String>,
    /// The last day of the last month judged: what is owed runs through it
    /// ("April 5, 2026"); the month under way is not judged.
    pub owed_through: Option<String>,
    pub progress: Vec<GoalSection>,
    /// Vague wording to ask about.
    pub wording: Vec<WordingItem>,
    /// My letters still waiting for an answer.
    pub requests: Vec<RequestRow>,
    /// Answers that came after their deadline.
    pub late_answers: Vec<LateAnswer>,
    /// Dates still open: overdue first, then upcoming.
    pub deadlines: Vec<DeadlineRow>,
    /// Home observations and communications, oldest first (never a private
    /// one): the latest of them.
    pub timeline: Vec<TimelineEntry>,
    /// How many earlier entries the timeline leaves out.
    pub timeline_earlier: usize,
    /// The years before the plan in force, one row each.
    pub history: Vec<HistoryRow>,
    /// My questions, then the standard ones.
    pub questions: Vec<String>,
    /// The documents the facts come from, numbered from 1.
    pub sources: Vec<SourceEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingInfo {
    /// The date written out, or "date to be set".
    pub date: String,
    /// Whether the date is known.
    pub scheduled: bool,
    /// The meeting's type in words ("Meeting to amend the IEP"), when recorded.
    pub kind: Option<String>,
    /// Who attends (recorded) or who is on the team (not recorded).
    pub attendees: Vec<Person>,
    /// The attendees come from a meeting file, not from the team list.
    pub attendees_recorded: bool,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

/// The questions every packet ends with, after the parent's own.
pub const STANDARD_QUESTIONS: &[&str] = &[
    "How will we track the success of the accommodations?",
    "When will we meet again to evaluate them?",
    "Who is responsible for making sure each service happens, and how will I be told when a session is missed?",
    "Will I get the changes we agree on today in writing, with prior written notice, before they take effect?",
];

/// The same for a 504 plan: prior written notice is an IDEA rule, not asked for.
pub const STANDARD_QUESTIONS_504: &[&str] = &[
    "How will we track the success of the accommodations?",
    "When will we meet again to evaluate them?",
    "Who is responsible for making sure each service happens, and how will I be told when a session is missed?",
    "Will I get the changes we agree on today in writing before they take effect?",
];

/// The analyses the packet reads. The only place that calls the analysis
/// crates: a renamed function there is one edit here. The terms history, the
/// changes, the progress and the accounting in force are the run's memoised
/// values (the ones the checks read), taken from the context, never computed
/// here again.
pub struct Analyses {
    pub changes: Arc<iep_diff::CaseChanges>,
    pub progress: Arc<iep_diff::ProgressAnalysis>,
    /// The accounting in force, with the figures against the agreed terms added.
    pub services: Arc<iep_services::AccountingAsAgreed>,
    pub deadlines: Vec<iep_deadlines::Deadline>,
    /// The terms in force on the as-of date (rejections applied).
    pub terms: Arc<iep_model::TermsHistory>,
    /// Whether each accommodation was given, from the check-ins.
    pub accommodations: Arc<iep_services::AccommodationRecord>,
}

impl Analyses {
    /// `full` is the whole case (deadlines look past the as-of date); `cx` is
    /// the run's context, over the case cut to the as-of date.
    pub fn of(full: &Case, cx: &Context<'_>) -> Analyses {
        let changes = iep_diff::case_changes(cx);
        let services = iep_services::accounting_as_agreed(cx, &changes.unagreed());
        Analyses {
            changes,
            progress: iep_diff::progress(cx),
            services,
            deadlines: iep_deadlines::deadlines_in(full, cx),
            terms: cx.terms(),
            accommodations: iep_services::accommodations(cx),
        }
    }
}

/// The first day the packet shows in detail: the effective date of the
/// latest annual plan (not an amendment) in force on the as-of date.
fn covered_since(case: &Case, as_of: NaiveDate) -> Option<(NaiveDate, String)> {
    case.versions
        .iter()
        .filter(|v| v.amends.is_none() && v.effective <= as_of)
        .max_by_key(|v| v.effective)
        .map(|v| (v.effective, words::describe_version(v)))
}

/// The packet's context.
pub fn packet_context(input: &PacketInput<'_>) -> PacketContext {
    let full = input.case;
    let as_of = input.context.as_of;
    let case = input.context.case;
    let analyses = Analyses::of(full, input.context);
    let mut sources = Sources::new(full, as_of);
    let since = covered_since(case, as_of);
    let from = since.as_ref().map(|(d, _)| *d);

    let next = next_meeting(full, as_of, input.meeting);
    let meeting = meeting_info(full, next, input.meeting, &mut sources);
    let (change_versions, changes) = changes::changes(case, &analyses.changes, &mut sources);
    let draft = changes::draft(full, case, as_of, &analyses.terms, &mut sources);
    let mut services = services::services(case, &analyses.services, from, &mut sources);
    services::name_agreed_terms(&mut services, &changes);
    let owed: f64 = services.iter().filter(|s| s.in_minutes).map(|s| s.owed_value).sum();
    let owed_as_agreed: f64 = services.iter().filter(|s| s.in_minutes).map(|s| s.owed_as_agreed_value).sum();
    let minutes_owed = whole(owed);
    let minutes_owed_as_agreed = ((owed_as_agreed - owed).abs() >= 0.5).then(|| whole(owed_as_agreed));
    let owed_through = services::owed_through(&analyses.services, from).map(long_date);
    let accommodations =
        accommodations::accommodations(case, &analyses.terms, &analyses.accommodations, as_of, from, &mut sources);
    let progress = progress::progress(case, &analyses.progress, from, &mut sources);
    let wording = concerns::wording(case, input.findings, &changes, &mut sources);
    let requests = requests::requests(case, as_of, &analyses.deadlines, &mut sources);
    let late_answers = requests::late_answers(case, from, &mut sources);
    let deadlines = requests::deadlines(&analyses.deadlines, &requests, &mut sources);
    let timeline::Timeline { entries: timeline, earlier: timeline_earlier } =
        timeline::timeline(case, from, &mut sources);
    let history = timeline::history(case, &analyses.services, from);
    let concerns = concerns::concerns(
        next.map(|(_, m)| m),
        input.findings,
        from,
        &concerns::Shown {
            changes: &changes,
            services: &services,
            progress: &progress,
            requests: &requests,
            conflicts: &analyses.services.conflicts,
            services_named: &analyses.services,
            first_name: &first_name(&case.info.child.name),
            section_504: crate::wording::case_plan(case) == iep_model::Plan::Section504,
        },
        &mut sources,
    );
    let section_504 = crate::wording::case_plan(case) == iep_model::Plan::Section504;
    let questions = questions(next.map(|(_, m)| m), &changes, &services, &progress, section_504);
    let agenda = agenda(&changes, draft.as_ref(), &services, &progress, &wording, &requests, case);

    PacketContext {
        title: format!("Meeting packet: {}", full.info.child.name),
        child: crate::letters::ChildLine::of(full),
        parent_name: full.info.parent.name.clone(),
        meeting,
        as_of: long_date(as_of),
        since: since.map(|(_, words)| words),
        revision: full.revision.clone(),
        agenda,
        concerns,
        changes,
        section_504,
        change_versions,
        draft,
        services,
        accommodations,
        minutes_owed,
        minutes_owed_as_agreed,
        owed_through,
        progress,
        wording,
        requests,
        late_answers,
        deadlines,
        timeline,
        timeline_earlier,
        history,
        questions,
        sources: sources.into_entries(),
    }
}

/// The meeting the packet is for: with `--meeting DATE`, the meeting recorded
/// on that date if any; without it, the first meeting recorded after `as_of`.
fn next_meeting(case: &Case, as_of: NaiveDate, asked: Option<NaiveDate>) -> Option<(&str, &Meeting)> {
    let found = match asked {
        Some(date) => case.meetings.iter().find(|m| m.date == date),
        None => case.meetings.iter().filter(|m| m.date > as_of).min_by_key(|m| m.date),
    };
    found.map(|m| (m.path.as_str(), &m.value))
}

fn meeting_info(
    case: &Case,
    next: Option<(&str, &Meeting)>,
    asked: Option<NaiveDate>,
    sources: &mut Sources,
) -> MeetingInfo {
    let date = next.map(|(_, m)| m.date).or(asked);
    let (attendees, attendees_recorded) = match next {
        Some((_, m)) if !m.attendees.is_empty() => (m.attendees.iter().map(|id| person(case, id)).collect(), true),
        _ => {
            let mut people = vec![person(case, "parent")];
            people.extend(case.info.team.iter().map(|t| person(case, &t.id)));
            (people, false)
        }
    };
    MeetingInfo {
        date: date.map_or_else(|| "date to be set".to_owned(), long_date),
        scheduled: date.is_some(),
        kind: next.map(|(_, m)| meeting_type_words(m)),
        attendees,
        attendees_recorded,
        source: next.map(|(path, _)| sources.cite(path)),
    }
}

pub(crate) fn meeting_type_words(meeting: &Meeting) -> String {
    use iep_model::MeetingType;
    match meeting.meeting_type {
        MeetingType::AnnualReview => "Annual review",
        MeetingType::Amendment => "Meeting to amend the IEP",
        MeetingType::Eligibility => "Eligibility meeting",
        MeetingType::Reevaluation => "Reevaluation meeting",
        MeetingType::Other => "Team meeting",
    }
    .to_owned()
}

/// A team member (or the parent) by id.
fn person(case: &Case, id: &str) -> Person {
    if id == "parent" {
        return Person { name: case.info.parent.name.clone(), role: Some("Parent".to_owned()) };
    }
    match case.team_member(id) {
        Some(m) => Person { name: m.name.clone(), role: m.role.clone() },
        None => Person { name: id.to_owned(), role: None },
    }
}

/// My questions, then questions the case calls for, then the standard ones.
fn questions(
    meeting: Option<&Meeting>,
    changes: &[ChangeRow],
    services: &[ServiceSection],
    progress: &[GoalSection],
    section_504: bool,
) -> Vec<String> {
    let mut out: Vec<String> = meeting.map(|m| m.questions.clone()).unwrap_or_default();
    let unagreed: Vec<&str> = changes.iter().filter(|c| !c.agreed).map(|c| c.item.as_str()).collect();
    if !unagreed.is_empty() {
        // Prior written notice is an IDEA rule: not asked of a 504 plan.
        let notice = if section_504 { "" } else { ", and where is the prior written notice for each" };
        out.push(format!("Why were these changes made without my agreement{notice}: {}?", unagreed.join("; ")));
    }
    for s in services.iter().filter(|s| s.owed_value > 0.0 || s.owed_as_agreed_value > 0.0) {
        // The figure under the plan I accepted leads; the lower one is never conceded alone.
        let owed = match &s.owed_as_agreed {
            Some(agreed) => format!(
                "{agreed} {} of {} owed under the plan I accepted ({} under the change I did not agree to)",
                s.unit,
                lower_first(&s.name),
                s.owed
            ),
            // A health or safety service is staffed, not made up (checks.md "Owed").
            None if !s.in_minutes => {
                out.push(format!(
                    "{} {} of {} were missed: who provides them each school day, and who when that person is absent?",
                    s.owed,
                    s.unit,
                    lower_first(&s.name)
                ));
                continue;
            }
            None => format!("{} {} of {} that were not delivered", s.owed, s.unit, lower_first(&s.name)),
        };
        out.push(format!("How and when will the {owed} be made up, and who will provide them?"));
    }
    for g in progress.iter().filter(|g| g.pace == Pace::NotOnPace) {
        out.push(format!(
            "{} is not on pace: what will change in the instruction, and how will we know by when?",
            g.label
        ));
    }
    let no_data: Vec<String> =
        progress.iter().filter(|g| g.latest_has_no_value).map(|g| lower_first(&g.label)).collect();
    if !no_data.is_empty() {
        out.push(format!(
            "The latest progress report gives no measured value for {}: what data was collected, and can I have a copy?",
            join_and(&no_data)
        ));
    }
    let standard = if section_504 { STANDARD_QUESTIONS_504 } else { STANDARD_QUESTIONS };
    out.extend(standard.iter().map(|q| (*q).to_owned()));
    out
}

fn agenda(
    changes: &[ChangeRow],
    draft: Option<&DraftSection>,
    services: &[ServiceSection],
    progress: &[GoalSection],
    wording: &[WordingItem],
    requests: &[RequestRow],
    case: &Case,
) -> Vec<String> {
    let child = case.info.child.name.as_str();
    let section_504 = crate::wording::case_plan(case) == iep_model::Plan::Section504;
    let mut out = vec![format!("Introductions, and my concerns about {}'s program.", first_name(child))];
    let unagreed = changes.iter().filter(|c| !c.agreed).count();
    if !changes.is_empty() {
        out.push(format!(
            "{}: {}, {} without my agreement.",
            if section_504 { "Changes to the 504 plan" } else { "Changes since the last annual IEP" },
            plural(changes.len(), "change", "changes"),
            unagreed
        ));
    }
    if let Some(d) = draft {
        out.push(format!(
            "The draft: {}.",
            plural(d.rows.len(), "difference from the plan in force", "differences from the plan in force")
        ));
    }
    let short: Vec<String> = services
        .iter()
        .filter(|s| s.owed_value > 0.0 || s.owed_as_agreed_value > 0.0)
        .map(|s| match &s.owed_as_agreed {
            Some(agreed) => format!(
                "{} ({agreed} {} owed under the plan I accepted, {} under the change I did not agree to)",
                s.name, s.unit, s.owed
            ),
            None if !s.in_minutes => format!("{} ({} {} missed)", s.name, s.owed, s.unit),
            None => format!("{} ({} {} owed)", s.name, s.owed, s.unit),
        })
        .collect();
    if !short.is_empty() {
        out.push(format!("Services not delivered, and how they will be made up: {}.", short.join("; ")));
    } else if !services.is_empty() {
        out.push("Services: what the logs show.".to_owned());
    }
    let off: Vec<String> =
        progress.iter().filter(|g| g.pace == Pace::NotOnPace).map(|g| lower_first(&g.label)).collect();
    if !progress.is_empty() {
        if off.is_empty() {
            out.push("Progress on each goal.".to_owned());
        } else {
            out.push(format!("Progress on each goal; not on pace: {}.", join_and(&off)));
        }
    }
    if !wording.is_empty() {
        out.push(format!("Wording to make specific: {}.", plural(wording.len(), "item", "items")));
    }
    let overdue = requests.iter().filter(|r| r.overdue).count();
    // One count per letter: "1 letter overdue", not "1 waiting, 1 overdue".
    if !requests.is_empty() {
        out.push(match overdue {
            0 => format!("My open requests: {} waiting for an answer.", plural(requests.len(), "letter", "letters")),
            n if n == requests.len() => format!("My open requests: {} overdue.", plural(n, "letter", "letters")),
            n => format!(
                "My open requests: {} waiting for an answer, {n} of them overdue.",
                plural(requests.len(), "letter", "letters")
            ),
        });
    }
    out.push("Questions, next steps, and the date of the next meeting.".to_owned());
    out
}
