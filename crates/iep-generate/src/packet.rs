//! The meeting packet: what a parent brings to the next IEP meeting. The data
//! `templates/packet.typ.j2` reads ([`PacketContext`]) and how it is made
//! from the case, the findings of the checks and the analyses.
//!
//! Every field is plain text the template prints as it is; dates are already
//! written out ("April 20, 2026"). Each fact carries the number of the case
//! file it came from in [`PacketContext::sources`], the evidence appendix.
//!
//! The analyses (changes, services, progress, deadlines) are read through the
//! functions of [`Analyses`] only, so a change in those crates costs one edit.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use iep_model::{Case, Finding, ItemPath, Meeting, Severity, long_date, month_name};
use serde::Serialize;
use iep_diff::join_and;

/// What the packet is made from.
#[derive(Debug, Clone, Copy)]
pub struct PacketInput<'a> {
    /// The whole case as loaded: a meeting dated after `as_of` is the next meeting.
    pub case: &'a Case,
    pub as_of: NaiveDate,
    /// The findings of `iep check` as of `as_of`.
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
    /// The git commit the case folder is at, when it is a repository.
    pub revision: Option<String>,
    /// The points to cover, in order.
    pub agenda: Vec<String>,
    /// The parent's own concerns, then what the checks found.
    pub concerns: Vec<Concern>,
    /// Changes since the last annual IEP, one row per changed item.
    pub changes: Vec<ChangeRow>,
    /// The versions the changes come from, as a sentence each.
    pub change_versions: Vec<String>,
    pub services: Vec<ServiceSection>,
    /// Compensatory minutes owed to date, over every service ("540").
    pub minutes_owed: String,
    pub progress: Vec<GoalSection>,
    /// Vague and weakened language to ask about.
    pub wording: Vec<WordingItem>,
    /// Letters still waiting for an answer.
    pub requests: Vec<RequestRow>,
    /// Dates still open: overdue first, then upcoming.
    pub deadlines: Vec<DeadlineRow>,
    /// Home observations and communications, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The parent's questions, then the standard ones.
    pub questions: Vec<String>,
    /// The case files the facts come from, numbered from 1.
    pub sources: Vec<SourceEntry>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MeetingInfo {
    /// The date written out, or "date to be set".
    pub date: String,
    /// Whether the date is known.
    pub scheduled: bool,
    /// The meeting's type in words ("Amendment meeting"), when recorded.
    pub kind: Option<String>,
    /// Who attends (recorded) or who is on the team (not recorded).
    pub attendees: Vec<Person>,
    /// The attendees come from a meeting file, not from the team list.
    pub attendees_recorded: bool,
    /// The meeting file, when there is one.
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Concern {
    pub text: String,
    /// "alert", "warn", "info", or "parent" for the parent's own.
    pub level: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChangeRow {
    /// The item, capitalised ("Speech-language therapy").
    pub item: String,
    /// What it was, one line per field that changed; "not in the plan" for an addition.
    pub was: String,
    pub is: String,
    /// "Yes" or "No".
    pub agreed: String,
    /// Who agreed, or why nobody did.
    pub agreed_by: String,
    /// The prior written notice that proposed it, or "none".
    pub notice: String,
    pub source: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServiceSection {
    pub id: String,
    pub name: String,
    /// The amount in force ("1 x 30 min per week").
    pub amount: Option<String>,
    /// "minutes" or "sessions".
    pub unit: String,
    pub rows: Vec<MonthRow>,
    /// Owed over the judged months ("90").
    pub owed: String,
    /// The school's misses that were not made up, oldest first.
    pub missed: Vec<MissedSession>,
    /// The bar chart's data as JSON, for `bar-chart` in `charts.typ`.
    pub chart: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MonthRow {
    pub month: String,
    pub required: String,
    pub delivered: String,
    pub missed: String,
    pub owed: String,
    /// "judged", "in progress", "nothing logged", "nothing required".
    pub status: String,
    pub shortfall: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MissedSession {
    pub date: String,
    pub reason: String,
    pub source: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoalSection {
    pub id: String,
    /// "Goal G1 (Speech - articulation)".
    pub label: String,
    pub statement: Option<String>,
    pub measure: Option<String>,
    pub baseline: String,
    pub target: String,
    pub latest: String,
    /// "Projected 58 by June 15, 2026: short of the target of 80." or why there is none.
    pub projection: String,
    /// "on pace", "not on pace", "not enough data to judge".
    pub pace: String,
    /// Each report's entry, oldest first.
    pub reports: Vec<ReportRow>,
    /// The latest report's narrative, and its date.
    pub narrative: Option<String>,
    pub narrative_date: Option<String>,
    /// The line chart's data as JSON, for `line-chart` in `charts.typ`.
    pub chart: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ReportRow {
    pub date: String,
    /// The value, or "no data".
    pub value: String,
    pub status: Option<String>,
    pub source: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WordingItem {
    /// The item ("Accommodation A3").
    pub item: String,
    /// The item's text as the plan in force words it.
    pub text: Option<String>,
    pub message: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequestRow {
    pub sent: String,
    pub what: String,
    pub to: String,
    /// The answer date, or the reason there is none.
    pub due: String,
    /// "overdue by 57 days", "waiting", "no fixed deadline".
    pub status: String,
    pub overdue: bool,
    pub citation: String,
    pub source: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DeadlineRow {
    /// The due date written out, or "no fixed date".
    pub due: String,
    pub what: String,
    pub status: String,
    pub overdue: bool,
    pub citation: String,
    pub counting: String,
    pub source: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEntry {
    pub date: String,
    /// "At home", "Email with Jordan Lee".
    pub kind: String,
    pub text: String,
    pub source: usize,
}

/// One case file a fact comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceEntry {
    /// Its number, from 1, as the facts cite it.
    pub n: usize,
    /// Path relative to the case folder.
    pub file: String,
    /// What the file is ("IEP amendment effective February 9, 2026").
    pub detail: Option<String>,
}

/// The questions every packet ends with, after the parent's own.
pub const STANDARD_QUESTIONS: &[&str] = &[
    "How will we track the success of the accommodations?",
    "When will we meet again to evaluate them?",
    "Who is responsible for making sure each service happens, and how will I be told when a session is missed?",
    "Will I get the changes we agree on today in writing, with prior written notice, before they take effect?",
];

/// The codes whose findings are about the plan's wording.
const WORDING_CODES: &[&str] = &["vague-language", "weakened-wording", "goal-not-measurable"];

/// The analyses the packet reads. The only place that calls the analysis
/// crates: a renamed function there is one edit here.
pub struct Analyses {
    pub changes: iep_diff::CaseChanges,
    pub progress: iep_diff::ProgressAnalysis,
    pub services: iep_services::Accounting,
    pub deadlines: Vec<iep_deadlines::Deadline>,
}

impl Analyses {
    /// `full` is the whole case; `cut` is it as of `as_of` (`Case::as_of`).
    pub fn of(full: &Case, cut: &Case, as_of: NaiveDate) -> Analyses {
        let history = iep_model::TermsHistory::new(cut);
        let changes = iep_diff::CaseChanges::with_terms(cut, as_of, &history);
        // The accounting carries the figures against the agreed terms too.
        let services = iep_services::account_as_agreed(cut, as_of, &history, &changes.unagreed());
        Analyses {
            changes,
            progress: iep_diff::ProgressAnalysis::of(cut, as_of),
            services,
            deadlines: iep_deadlines::deadlines(full, as_of),
        }
    }
}

/// The packet's context.
pub fn packet_context(input: &PacketInput<'_>) -> PacketContext {
    let full = input.case;
    let as_of = input.as_of;
    let case = full.as_of(as_of);
    let analyses = Analyses::of(full, &case, as_of);
    let mut sources = Sources::new(full);

    let next = next_meeting(full, as_of, input.meeting);
    let meeting = meeting_info(full, next, input.meeting, &mut sources);
    let concerns = concerns(&case, next.map(|(_, m)| m), input.findings, &mut sources);
    let (change_versions, changes) = changes(&case, &analyses.changes, &mut sources);
    let services = services(&case, &analyses.services, &mut sources);
    let minutes_owed = number(analyses.services.minutes_owed());
    let progress = progress(&case, &analyses.progress, &mut sources);
    let wording = wording(&case, input.findings, &mut sources);
    let requests = requests(&case, as_of, &analyses.deadlines, &mut sources);
    let deadlines = deadlines(&analyses.deadlines, &mut sources);
    let timeline = timeline(&case, &mut sources);
    let questions = questions(next.map(|(_, m)| m), &changes, &services, &progress);
    let agenda = agenda(
        &changes,
        &services,
        &progress,
        &wording,
        &requests,
        &case.info.child.name,
    );

    PacketContext {
        title: format!("Meeting packet: {}", full.info.child.name),
        child: crate::letters::ChildLine::of(full),
        parent_name: full.info.parent.name.clone(),
        meeting,
        as_of: long_date(as_of),
        revision: full.revision.clone(),
        agenda,
        concerns,
        changes,
        change_versions,
        services,
        minutes_owed,
        progress,
        wording,
        requests,
        deadlines,
        timeline,
        questions,
        sources: sources.into_entries(),
    }
}

/// The meeting the packet is for: with `--meeting DATE`, the meeting recorded
/// on that date if any; without it, the first meeting recorded after `as_of`.
fn next_meeting(
    case: &Case,
    as_of: NaiveDate,
    asked: Option<NaiveDate>,
) -> Option<(&str, &Meeting)> {
    let found = match asked {
        Some(date) => case.meetings.iter().find(|m| m.date == date),
        None => case
            .meetings
            .iter()
            .filter(|m| m.date > as_of)
            .min_by_key(|m| m.date),
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
        Some((_, m)) if !m.attendees.is_empty() => (
            m.attendees.iter().map(|id| person(case, id)).collect(),
            true,
        ),
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

fn meeting_type_words(meeting: &Meeting) -> String {
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
        return Person {
            name: case.info.parent.name.clone(),
            role: Some("Parent".to_owned()),
        };
    }
    match case.team_member(id) {
        Some(m) => Person {
            name: m.name.clone(),
            role: m.role.clone(),
        },
        None => Person {
            name: id.to_owned(),
            role: None,
        },
    }
}

pub(crate) fn first_name(name: &str) -> String {
    name.split_whitespace().next().unwrap_or(name).to_owned()
}

/// The parent's concerns for the meeting, then every alert and warning that
/// is not about wording (those have their own section). What the packet's
/// tables already show item by item is said once per item: a change both
/// unagreed and without notice is one concern, and a service's short months
/// are one concern with the total owed.
fn concerns(
    case: &Case,
    meeting: Option<&Meeting>,
    findings: &[Finding],
    sources: &mut Sources,
) -> Vec<Concern> {
    let mut out = Vec::new();
    if let Some(m) = meeting {
        for text in &m.concerns {
            out.push(Concern {
                text: text.clone(),
                level: "parent".to_owned(),
                source: None,
            });
        }
    }
    let shown = |f: &&Finding| {
        f.severity >= Severity::Warn
            && !WORDING_CODES.contains(&f.code)
            && f.code != "meeting-recommended"
    };
    let mut picked: Vec<&Finding> = findings.iter().filter(shown).collect();
    // Alerts first; the checks' own order within a level.
    picked.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let mut said = vec![false; picked.len()];
    for i in 0..picked.len() {
        if said[i] {
            continue;
        }
        let f = picked[i];
        // Later findings about the same item from checks this one folds in.
        let mut same = |codes: &[&str], same_document: bool| -> Vec<&Finding> {
            let mut found = Vec::new();
            for j in i + 1..picked.len() {
                let g = picked[j];
                if !said[j] && codes.contains(&g.code) && g.subject == f.subject && (!same_document || g.document == f.document) {
                    said[j] = true;
                    found.push(g);
                }
            }
            found
        };
        let text = match f.code {
            "unagreed-change" | "missing-pwn" => {
                let other = if f.code == "unagreed-change" { "missing-pwn" } else { "unagreed-change" };
                match same(&[other], true).first() {
                    Some(g) => {
                        let unagreed = if f.code == "unagreed-change" { f } else { g };
                        format!("{} The school gave no prior written notice for it either.", unagreed.message)
                    }
                    None => f.message.clone(),
                }
            }
            "service-shortfall" => {
                let mut months = vec![f];
                months.extend(same(&["service-shortfall"], false));
                if months.len() == 1 { f.message.clone() } else { shortfall_summary(case, &months) }
            }
            _ => f.message.clone(),
        };
        out.push(Concern {
            text,
            level: f.severity.as_str().to_owned(),
            source: f.document.as_deref().map(|d| sources.cite(d)),
        });
    }
    out
}

/// One service's short months in one sentence: "Speech-language therapy fell
/// short of the IEP in 2 months: October 2025 (78 minutes owed) and January
/// 2026 (48 minutes owed); 126 minutes are owed in all (see Services)."
fn shortfall_summary(case: &Case, months: &[&Finding]) -> String {
    let subject = &months[0].subject;
    let name = ItemPath::parse(subject).map_or_else(|| subject.clone(), |path| item_name(case, &path));
    let mut in_order: Vec<&Finding> = months.to_vec();
    in_order.sort_by_key(|f| f.date);
    let mut totals: Vec<(String, f64)> = Vec::new();
    let mut parts = Vec::new();
    for f in &in_order {
        let month = f.evidence.get("month").and_then(|v| v.as_str()).unwrap_or("a month");
        let unit = f.evidence.get("unit").and_then(|v| v.as_str()).unwrap_or("minutes");
        let owed = f.evidence.get(&format!("{unit}_owed")).and_then(serde_json::Value::as_f64).unwrap_or(0.0);
        parts.push(format!("{month} ({} {unit} owed)", number(owed)));
        match totals.iter_mut().find(|(u, _)| u == unit) {
            Some((_, total)) => *total += owed,
            None => totals.push((unit.to_owned(), owed)),
        }
    }
    let totals: Vec<String> = totals.iter().map(|(unit, total)| format!("{} {unit}", number(*total))).collect();
    format!(
        "{name} fell short of the IEP in {} months: {}; {} {} owed in all (see Services).",
        in_order.len(),
        join_and(&parts),
        join_and(&totals),
        if totals.len() == 1 && totals[0].starts_with("1 ") { "is" } else { "are" },
    )
}

/// The changes of every version since the latest annual plan in force (its
/// amendments); when the latest version is itself an annual plan, its
/// changes from the plan before.
fn changes(
    case: &Case,
    analysis: &iep_diff::CaseChanges,
    sources: &mut Sources,
) -> (Vec<String>, Vec<ChangeRow>) {
    let last_annual = case
        .versions
        .iter()
        .rposition(|v| v.amends.is_none())
        .unwrap_or(0);
    let amendments: Vec<&iep_diff::VersionChanges> = analysis
        .versions
        .iter()
        .filter(|v| v.index > last_annual)
        .collect();
    let picked: Vec<&iep_diff::VersionChanges> = if amendments.is_empty() {
        analysis
            .versions
            .iter()
            .filter(|v| v.index == last_annual)
            .collect()
    } else {
        amendments
    };
    let mut versions = Vec::new();
    let mut rows = Vec::new();
    for v in picked {
        let described = case
            .versions
            .get(v.index)
            .map_or_else(|| v.id.clone(), |d| describe_version(d));
        let compared = case
            .version(&v.compared_with)
            .map_or_else(|| v.compared_with.clone(), |d| describe_version(d));
        versions.push(format!(
            "{} ({}), compared with the terms in force before it ({}): {}.",
            capitalize(&described),
            v.document,
            compared,
            plural(v.changes.len(), "change", "changes"),
        ));
        let source = sources.cite(&v.document);
        for c in &v.changes {
            let (was, is) = was_is(&c.change);
            let agreement = &c.agreement;
            let agreed_by = if agreement.agreed() {
                agreement_words(agreement)
            } else if agreement.rejected {
                "Nobody: you rejected it in writing.".to_owned()
            } else {
                "Nobody: you did not sign, and no meeting agreed to it.".to_owned()
            };
            let notice = match agreement.notices.first() {
                Some(n) => {
                    sources.cite(&n.document);
                    long_date(n.date)
                }
                None => "none".to_owned(),
            };
            for m in &agreement.meetings {
                sources.cite(&m.document);
            }
            rows.push(ChangeRow {
                item: capitalize(&c.change.label),
                was,
                is,
                agreed: if agreement.agreed() { "Yes" } else { "No" }.to_owned(),
                agreed_by,
                notice,
                source,
            });
        }
    }
    (versions, rows)
}

fn agreement_words(agreement: &iep_diff::Agreement) -> String {
    let mut parts = Vec::new();
    if let Some(signed) = agreement.signed {
        parts.push(format!("your signature of {}", long_date(signed)));
    }
    for m in &agreement.meetings {
        parts.push(format!("the meeting of {}", long_date(m.date)));
    }
    capitalize(&format!("{}.", join_and(&parts)))
}

/// The "was" and "is" columns of a change: one line per changed field.
fn was_is(change: &iep_diff::Change) -> (String, String) {
    use iep_diff::ChangeKind;
    match change.kind {
        ChangeKind::Added => (
            "not in the plan".to_owned(),
            change.after.clone().unwrap_or_default(),
        ),
        ChangeKind::Removed => (
            change.before.clone().unwrap_or_default(),
            "removed".to_owned(),
        ),
        ChangeKind::Changed => {
            let single = change.fields.len() == 1;
            let line = |f: &iep_diff::FieldChange,
                        value: Option<&str>,
                        amount: Option<&iep_diff::AmountView>| {
                let value = match amount {
                    Some(a) => a.phrase(),
                    None => value.unwrap_or("not stated").to_owned(),
                };
                if single {
                    value
                } else {
                    format!("{}: {value}", capitalize(f.field.noun()))
                }
            };
            let was = change
                .fields
                .iter()
                .map(|f| line(f, f.before.as_deref(), f.amounts.as_ref().map(|a| &a.0)))
                .collect::<Vec<_>>()
                .join("\n");
            let is = change
                .fields
                .iter()
                .map(|f| line(f, f.after.as_deref(), f.amounts.as_ref().map(|a| &a.1)))
                .collect::<Vec<_>>()
                .join("\n");
            (was, is)
        }
    }
}

fn services(
    case: &Case,
    accounting: &iep_services::Accounting,
    sources: &mut Sources,
) -> Vec<ServiceSection> {
    use iep_services::Status;
    let min_delivery = case.info.settings.min_delivery;
    let mut out = Vec::new();
    for account in &accounting.services {
        let periods: Vec<&iep_services::PeriodAccount> = account
            .periods
            .iter()
            .filter(|p| p.status != Status::NothingRequired)
            .collect();
        if periods.is_empty() && account.counted.is_empty() {
            continue;
        }
        let unit = periods
            .first()
            .map_or("minutes", |p| p.unit.as_str())
            .to_owned();
        let rows: Vec<MonthRow> = periods
            .iter()
            .map(|p| MonthRow {
                month: p.label(),
                required: number(p.required),
                delivered: number(p.delivered),
                missed: p.missed.to_string(),
                owed: if p.status == Status::Judged {
                    number(p.owed())
                } else {
                    "-".to_owned()
                },
                status: match p.status {
                    Status::Judged => "judged",
                    Status::InProgress => "in progress",
                    Status::NothingLogged => "nothing logged",
                    Status::NothingRequired => "nothing required",
                    Status::NotLoggedYet => "not logged yet",
                    Status::NoCalendar => "no school calendar",
                    Status::NoEsyDates => "no ESY dates",
                }
                .to_owned(),
                shortfall: p.is_shortfall(min_delivery),
            })
            .collect();
        let owed: f64 = periods
            .iter()
            .filter(|p| p.status == Status::Judged)
            .map(|p| p.owed())
            .sum();
        let missed = account
            .counted
            .iter()
            .filter(|e| e.is_owed_miss())
            .map(|e| MissedSession {
                date: long_date(e.entry.date),
                reason: match &e.entry.outcome {
                    iep_model::Outcome::Missed { reason } => reason.clone(),
                    iep_model::Outcome::Delivered { .. } => String::new(),
                },
                source: sources.cite(&e.document),
            })
            .collect();
        let source = periods
            .iter()
            .find_map(|p| p.document.as_deref())
            .map(|d| sources.cite(d));
        out.push(ServiceSection {
            id: account.id.clone(),
            name: account.name.clone(),
            amount: account.amount.clone(),
            unit: unit.clone(),
            rows,
            owed: number(owed),
            missed,
            chart: bar_chart_json(&periods, &unit),
            source,
        });
    }
    out
}

/// The data of `bar-chart` (charts.typ): a bar pair per month and the y axis.
fn bar_chart_json(periods: &[&iep_services::PeriodAccount], unit: &str) -> String {
    let max = periods
        .iter()
        .map(|p| p.required.max(p.delivered))
        .fold(0.0, f64::max);
    let (y_max, ticks) = nice_axis(0.0, max);
    let months: Vec<serde_json::Value> = periods
        .iter()
        .map(|p| {
            serde_json::json!({
                "label": short_month(p.first_day),
                "required": round2(p.required),
                "delivered": round2(p.delivered),
                "judged": p.status == iep_services::Status::Judged,
            })
        })
        .collect();
    serde_json::json!({
        "unit": unit,
        "y_max": y_max,
        "ticks": tick_json(&ticks),
        "months": months,
    })
    .to_string()
}

fn progress(
    case: &Case,
    analysis: &iep_diff::ProgressAnalysis,
    sources: &mut Sources,
) -> Vec<GoalSection> {
    let mut out = Vec::new();
    for goal in &analysis.goals {
        let written = goal
            .document
            .as_deref()
            .and_then(|doc| case.versions.iter().find(|v| v.path == doc))
            .and_then(|v| v.goal(&goal.id));
        let source = goal.document.as_deref().map(|d| sources.cite(d));
        let reports: Vec<ReportRow> = goal
            .reports
            .iter()
            .map(|r| ReportRow {
                date: long_date(r.date),
                value: r.value.map_or_else(|| "no data".to_owned(), number),
                status: r.status.clone(),
                source: sources.cite(&r.report),
            })
            .collect();
        let narrative = goal.reports.iter().rev().find_map(|r| {
            let report = case.reports.iter().find(|rep| rep.path == r.report)?;
            let text = report.entry(&goal.id)?.narrative.as_deref()?.trim();
            (!text.is_empty()).then(|| (text.to_owned(), r.date))
        });
        let unit_words = goal
            .measure
            .as_deref()
            .map(|m| format!(" ({m})"))
            .unwrap_or_default();
        let baseline = match goal.baseline {
            Some(b) => format!("{} on {}", number(b.value), long_date(b.date)),
            None => "not stated".to_owned(),
        };
        let target = match (goal.target, goal.target_by) {
            (Some(t), Some(by)) => format!("{} by {}", number(t), long_date(by)),
            (Some(t), None) => number(t),
            (None, _) => "not stated".to_owned(),
        };
        let latest = match goal.latest {
            Some(p) => format!("{} on {}", number(p.value), long_date(p.date)),
            None => "no measured value yet".to_owned(),
        };
        let projection = match (goal.projection, goal.target_by, goal.target) {
            (Some(p), Some(by), Some(t)) => {
                let reaches = goal.reached(p, t);
                format!(
                    "At this rate: about {} by {}, {} the target of {}.",
                    number1(p),
                    long_date(by),
                    if reaches { "reaching" } else { "short of" },
                    number(t)
                )
            }
            (Some(p), Some(by), None) => format!("At this rate: about {} by {}.", number1(p), long_date(by)),
            _ => "No projection: it needs a baseline, a target date and a measured value after the baseline.".to_owned(),
        };
        let pace = match (goal.on_pace, goal.in_force) {
            (Some(true), _) => "on pace",
            (Some(false), _) => "not on pace",
            (None, false) => "no longer in the plan",
            (None, true) => "not enough data to judge",
        }
        .to_owned();
        out.push(GoalSection {
            id: goal.id.clone(),
            label: capitalize(&goal.label),
            statement: written.map(|g| g.statement.clone()),
            measure: goal.measure.clone(),
            baseline,
            target,
            latest,
            projection,
            pace,
            reports,
            narrative: narrative.as_ref().map(|(t, _)| t.clone()),
            narrative_date: narrative.as_ref().map(|(_, d)| long_date(*d)),
            chart: line_chart_json(goal, &unit_words),
            source,
        });
    }
    out
}

/// The data of `line-chart` (charts.typ): days since the first date on x,
/// the measured values on y, with the target line and the projection.
fn line_chart_json(goal: &iep_diff::GoalAnalysis, _unit: &str) -> String {
    let values = goal.values();
    let mut dates: Vec<NaiveDate> = values.iter().map(|p| p.date).collect();
    dates.extend(goal.baseline.map(|b| b.date));
    dates.extend(goal.target_by);
    let (Some(&start), Some(&end)) = (dates.iter().min(), dates.iter().max()) else {
        return serde_json::json!({ "empty": true }).to_string();
    };
    let x = |d: NaiveDate| (d - start).num_days();
    let x_max = x(end).max(1);
    let mut ys: Vec<f64> = values.iter().map(|p| p.value).collect();
    ys.extend(goal.baseline.map(|b| b.value));
    ys.extend(goal.target);
    ys.extend(goal.projection);
    let lo = ys.iter().copied().fold(f64::INFINITY, f64::min).min(0.0);
    let hi = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (y_max, ticks) = nice_axis(lo, if hi.is_finite() { hi } else { 1.0 });
    let y_min = ticks.first().copied().unwrap_or(0.0);
    let point =
        |d: NaiveDate, v: f64| serde_json::json!({ "x": x(d), "y": round2(v), "label": number(v) });
    // The x labels: each month start between the first and last date.
    let mut x_ticks = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(start.year(), start.month(), 1);
    while let Some(m) = month {
        if m > end {
            break;
        }
        if m >= start {
            let name = month_name(m.month());
            x_ticks.push(serde_json::json!({ "x": x(m), "label": name.get(..3).unwrap_or(name) }));
        }
        month = m.checked_add_months(chrono::Months::new(1));
    }
    let projection = match (goal.baseline, goal.projection, goal.target_by) {
        (Some(b), Some(p), Some(by)) => Some(serde_json::json!({
            "from": point(b.date, b.value),
            "to": { "x": x(by), "y": round2(p), "label": number1(p) },
        })),
        _ => None,
    };
    serde_json::json!({
        "empty": false,
        "x_max": x_max,
        "y_min": y_min,
        "y_max": y_max,
        "y_ticks": tick_json(&ticks),
        "x_ticks": x_ticks,
        "baseline": goal.baseline.map(|b| point(b.date, b.value)),
        "values": values.iter().map(|p| point(p.date, p.value)).collect::<Vec<_>>(),
        "target": goal.target.map(|t| serde_json::json!({ "y": round2(t), "label": number(t), "x": goal.target_by.map(x) })),
        "projection": projection,
    })
    .to_string()
}

/// The wording findings, with the item's text as the plan in force words it.
fn wording(case: &Case, findings: &[Finding], sources: &mut Sources) -> Vec<WordingItem> {
    findings
        .iter()
        .filter(|f| WORDING_CODES.contains(&f.code))
        .map(|f| {
            let path = ItemPath::parse(&f.subject);
            WordingItem {
                item: path
                    .as_ref()
                    .map_or_else(|| f.subject.clone(), |p| item_name(case, p)),
                text: path.as_ref().and_then(|p| item_text(case, p)),
                message: f.message.clone(),
                source: f.document.as_deref().map(|d| sources.cite(d)),
            }
        })
        .collect()
}

/// "Accommodation A3", "Goal G1", "Speech-language therapy".
pub(crate) fn item_name(case: &Case, path: &ItemPath) -> String {
    match path {
        ItemPath::Service(id) => case
            .versions
            .iter()
            .rev()
            .find_map(|v| v.service(id))
            .map_or_else(|| format!("Service {id}"), |s| s.service.clone()),
        ItemPath::Goal(id) => {
            let area = case
                .versions
                .iter()
                .rev()
                .find_map(|v| v.goal(id))
                .and_then(|g| g.area.clone());
            match area {
                Some(area) => format!("Goal {id} ({area})"),
                None => format!("Goal {id}"),
            }
        }
        ItemPath::Accommodation(id) => format!("Accommodation {id}"),
        ItemPath::Placement => "Placement".to_owned(),
    }
}

/// The wording of an item in the latest version that has it.
fn item_text(case: &Case, path: &ItemPath) -> Option<String> {
    let latest = case.versions.iter().rev();
    match path {
        ItemPath::Service(id) => latest
            .filter_map(|v| v.service(id))
            .map(|s| s.service.clone())
            .next(),
        ItemPath::Goal(id) => latest
            .filter_map(|v| v.goal(id))
            .map(|g| g.statement.clone())
            .next(),
        ItemPath::Accommodation(id) => latest
            .filter_map(|v| v.accommodations.iter().find(|a| &a.id == id))
            .map(|a| a.text.clone())
            .next(),
        ItemPath::Placement => None,
    }
}

/// Letters without an answer on the as-of date, with their deadline.
fn requests(
    case: &Case,
    as_of: NaiveDate,
    deadlines: &[iep_deadlines::Deadline],
    sources: &mut Sources,
) -> Vec<RequestRow> {
    use iep_deadlines::Status;
    let mut out = Vec::new();
    for letter in case.letters.iter().filter(|l| l.response.is_none()) {
        let deadline = deadlines.iter().find(|d| d.subject == letter.path);
        let (due, status, overdue, citation) = match deadline {
            Some(d) => {
                let due = d.due.map_or_else(|| "no fixed date".to_owned(), long_date);
                let (status, overdue) = match (d.status, d.due) {
                    (Status::Overdue, Some(due)) => (
                        format!(
                            "overdue by {}",
                            plural(days_between(due, as_of), "day", "days")
                        ),
                        true,
                    ),
                    (Status::NoFixedDate, _) => {
                        ("waiting; the law sets no number of days".to_owned(), false)
                    }
                    _ => ("waiting".to_owned(), false),
                };
                (due, status, overdue, d.source.citation.clone())
            }
            None => (
                "no fixed date".to_owned(),
                "waiting".to_owned(),
                false,
                String::new(),
            ),
        };
        let what = letter
            .subject
            .clone()
            .unwrap_or_else(|| capitalize(&iep_deadlines::letter_words(&letter.letter_type)));
        let to = person(case, &letter.to);
        out.push(RequestRow {
            sent: long_date(letter.date),
            what,
            to: to.name,
            due,
            status,
            overdue,
            citation,
            source: sources.cite(&letter.path),
        });
    }
    out
}

fn days_between(from: NaiveDate, to: NaiveDate) -> usize {
    usize::try_from((to - from).num_days()).unwrap_or(0)
}

/// Open dates: overdue first, then upcoming, then those with no fixed date.
fn deadlines(deadlines: &[iep_deadlines::Deadline], sources: &mut Sources) -> Vec<DeadlineRow> {
    use iep_deadlines::Status;
    let rank = |s: Status| match s {
        Status::Overdue => 0,
        Status::Upcoming => 1,
        Status::NoFixedDate => 2,
        Status::Done => 3,
    };
    let mut open: Vec<&iep_deadlines::Deadline> = deadlines
        .iter()
        .filter(|d| d.status != Status::Done)
        .collect();
    open.sort_by_key(|d| rank(d.status));
    open.into_iter()
        .map(|d| DeadlineRow {
            due: d.due.map_or_else(|| "no fixed date".to_owned(), long_date),
            what: d.what.clone(),
            status: match d.status {
                Status::Overdue => "overdue",
                Status::Upcoming => "upcoming",
                Status::NoFixedDate => "no fixed date",
                Status::Done => "done",
            }
            .to_owned(),
            overdue: d.status == Status::Overdue,
            citation: d.source.citation.clone(),
            counting: d.source.counting.clone(),
            source: d.document.as_deref().map(|doc| sources.cite(doc)),
        })
        .collect()
}

/// Home observations and communications, oldest first (file order on a tie).
fn timeline(case: &Case, sources: &mut Sources) -> Vec<TimelineEntry> {
    let mut entries: Vec<(NaiveDate, usize, TimelineEntry)> = Vec::new();
    let mut order = 0;
    for file in &case.observations {
        for o in &file.entries {
            order += 1;
            entries.push((
                o.date,
                order,
                TimelineEntry {
                    date: long_date(o.date),
                    kind: "At home".to_owned(),
                    text: o.note.clone(),
                    source: sources.cite(&file.path),
                },
            ));
        }
    }
    for file in &case.communications {
        for c in &file.entries {
            order += 1;
            let via = c
                .via
                .as_deref()
                .map(capitalize)
                .unwrap_or_else(|| "Contact".to_owned());
            let kind = match c.with.as_deref() {
                Some(id) => format!("{via} with {}", person(case, id).name),
                None => via,
            };
            entries.push((
                c.date,
                order,
                TimelineEntry {
                    date: long_date(c.date),
                    kind,
                    text: c.summary.clone(),
                    source: sources.cite(&file.path),
                },
            ));
        }
    }
    entries.sort_by_key(|(date, order, _)| (*date, *order));
    entries.into_iter().map(|(_, _, e)| e).collect()
}

/// The parent's questions, then questions the case calls for, then the standard ones.
fn questions(
    meeting: Option<&Meeting>,
    changes: &[ChangeRow],
    services: &[ServiceSection],
    progress: &[GoalSection],
) -> Vec<String> {
    let mut out: Vec<String> = meeting.map(|m| m.questions.clone()).unwrap_or_default();
    let unagreed: Vec<&str> = changes
        .iter()
        .filter(|c| c.agreed == "No")
        .map(|c| c.item.as_str())
        .collect();
    if !unagreed.is_empty() {
        out.push(format!(
            "Why were these changes made without my agreement, and where is the prior written notice for each: {}?",
            unagreed.join("; ")
        ));
    }
    for s in services.iter().filter(|s| s.owed != "0") {
        out.push(format!(
            "How and when will the {} {} of {} that were not delivered be made up, and who will provide them?",
            s.owed,
            s.unit,
            lower_first(&s.name)
        ));
    }
    for g in progress.iter().filter(|g| g.pace == "not on pace") {
        out.push(format!(
            "{} is not on pace: what will change in the instruction, and how will we know by when?",
            g.label
        ));
    }
    let no_data: Vec<&str> = progress
        .iter()
        .filter(|g| g.reports.last().is_some_and(|r| r.value == "no data"))
        .map(|g| g.id.as_str())
        .collect();
    if !no_data.is_empty() {
        out.push(format!(
            "The latest progress report gives no measured value for {}: what data was collected, and can I have a copy?",
            join_and(&no_data.iter().map(|id| format!("goal {id}")).collect::<Vec<_>>())
        ));
    }
    out.extend(STANDARD_QUESTIONS.iter().map(|q| (*q).to_owned()));
    out
}

fn agenda(
    changes: &[ChangeRow],
    services: &[ServiceSection],
    progress: &[GoalSection],
    wording: &[WordingItem],
    requests: &[RequestRow],
    child: &str,
) -> Vec<String> {
    let mut out = vec![format!(
        "Introductions, and the parent's concerns about {child}'s program."
    )];
    let unagreed = changes.iter().filter(|c| c.agreed == "No").count();
    if !changes.is_empty() {
        out.push(format!(
            "Changes since the last IEP: {}, {} without agreement.",
            plural(changes.len(), "change", "changes"),
            unagreed
        ));
    }
    let short: Vec<&ServiceSection> = services.iter().filter(|s| s.owed != "0").collect();
    if !short.is_empty() {
        let names: Vec<String> = short
            .iter()
            .map(|s| format!("{} ({} {} owed)", s.name, s.owed, s.unit))
            .collect();
        out.push(format!(
            "Services not delivered, and how they will be made up: {}.",
            names.join("; ")
        ));
    } else if !services.is_empty() {
        out.push("Services: what the logs show.".to_owned());
    }
    let off: Vec<&str> = progress
        .iter()
        .filter(|g| g.pace == "not on pace")
        .map(|g| g.id.as_str())
        .collect();
    if !progress.is_empty() {
        if off.is_empty() {
            out.push("Progress on each goal.".to_owned());
        } else {
            out.push(format!(
                "Progress on each goal; not on pace: {}.",
                off.join(", ")
            ));
        }
    }
    if !wording.is_empty() {
        out.push(format!(
            "Wording to make specific: {}.",
            plural(wording.len(), "item", "items")
        ));
    }
    let overdue = requests.iter().filter(|r| r.overdue).count();
    if !requests.is_empty() {
        out.push(format!(
            "Open requests: {} waiting for an answer, {} overdue.",
            plural(requests.len(), "letter", "letters"),
            overdue
        ));
    }
    out.push("Questions, next steps, and the date of the next meeting.".to_owned());
    out
}

/// The numbered list of case files the facts cite, in order of first citation.
pub(crate) struct Sources {
    details: BTreeMap<String, String>,
    numbers: BTreeMap<String, usize>,
    entries: Vec<SourceEntry>,
}

impl Sources {
    pub(crate) fn new(case: &Case) -> Sources {
        Sources {
            details: describe_files(case),
            numbers: BTreeMap::new(),
            entries: Vec::new(),
        }
    }

    /// The number of `file`, adding it on first use.
    pub(crate) fn cite(&mut self, file: &str) -> usize {
        if let Some(&n) = self.numbers.get(file) {
            return n;
        }
        let n = self.entries.len() + 1;
        self.numbers.insert(file.to_owned(), n);
        self.entries.push(SourceEntry {
            n,
            file: file.to_owned(),
            detail: self.details.get(file).cloned(),
        });
        n
    }

    pub(crate) fn into_entries(self) -> Vec<SourceEntry> {
        self.entries
    }
}

/// What each case file is, in words, by path.
fn describe_files(case: &Case) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    out.insert(
        case.info.path.clone(),
        "The case: child, parent and team".to_owned(),
    );
    for c in &case.calendars {
        out.insert(
            c.path.clone(),
            format!(
                "School calendar {}-{}",
                c.first_day.year(),
                c.last_day.year()
            ),
        );
    }
    for v in &case.versions {
        out.insert(v.path.clone(), capitalize(&describe_version(v)));
    }
    for r in &case.reports {
        out.insert(
            r.path.clone(),
            format!("Progress report of {}", long_date(r.date)),
        );
    }
    for l in &case.service_logs {
        out.insert(
            l.path.clone(),
            format!("Service log ({} entries)", l.entries.len()),
        );
    }
    for m in &case.meetings {
        out.insert(
            m.path.clone(),
            format!("{} of {}", meeting_type_words(m), long_date(m.date)),
        );
    }
    for n in &case.notices {
        out.insert(
            n.path.clone(),
            format!("Prior written notice of {}", long_date(n.date)),
        );
    }
    for l in &case.letters {
        out.insert(
            l.path.clone(),
            format!(
                "Your letter of {} ({})",
                long_date(l.date),
                iep_deadlines::letter_words(&l.letter_type)
            ),
        );
    }
    for c in &case.communications {
        out.insert(
            c.path.clone(),
            "Your log of communications with the school".to_owned(),
        );
    }
    for o in &case.observations {
        out.insert(
            o.path.clone(),
            "Your notes of what you saw at home".to_owned(),
        );
    }
    out
}

/// "the IEP amendment effective February 9, 2026".
fn describe_version(version: &iep_model::IepVersion) -> String {
    version.describe().replace(
        &version.effective.to_string(),
        &long_date(version.effective),
    )
}

/// "Oct 2025".
fn short_month(date: NaiveDate) -> String {
    let name = month_name(date.month());
    format!("{} {}", name.get(..3).unwrap_or(name), date.year())
}


/// A number without a needless `.0`, at most two decimals.
pub(crate) fn number(value: f64) -> String {
    let rounded = round2(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e12 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

/// A number to one decimal at most, for estimates.
fn number1(value: f64) -> String {
    number((value * 10.0).round() / 10.0)
}

fn round2(value: f64) -> f64 {
    let r = (value * 100.0).round() / 100.0;
    // No "-0" on a page.
    if r == 0.0 { 0.0 } else { r }
}

/// Axis ticks with their printed labels.
fn tick_json(ticks: &[f64]) -> Vec<serde_json::Value> {
    ticks
        .iter()
        .map(|t| serde_json::json!({ "v": t, "label": number(*t) }))
        .collect()
}

/// A y axis from `lo` to a round number at or above `hi`, with 3 to 6 ticks.
fn nice_axis(lo: f64, hi: f64) -> (f64, Vec<f64>) {
    let lo = if lo.is_finite() { lo.min(0.0) } else { 0.0 };
    // An empty or flat series still gets an axis from 0 to 1.
    let hi = if hi.is_finite() && hi > lo {
        hi
    } else {
        lo + 1.0
    };
    let span = hi - lo;
    let raw = span / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| span / s <= 5.0)
        .unwrap_or(10.0 * magnitude);
    let start = (lo / step).floor() * step;
    let mut ticks = Vec::new();
    let mut t = start;
    while t < hi + step * 0.999 && ticks.len() < 12 {
        ticks.push(round2(t));
        if t >= hi {
            break;
        }
        t += step;
    }
    let top = ticks.last().copied().unwrap_or(1.0).max(step);
    (top, ticks)
}

pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn lower_first(text: &str) -> String {
    // Keep names that are all capitals at the start ("OT consult").
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_out() {
        let d = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        assert_eq!(long_date(d), "April 20, 2026");
        assert_eq!(short_month(d), "Apr 2026");
    }

    #[test]
    fn axes_end_on_a_round_number_above_the_data() {
        assert_eq!(
            nice_axis(0.0, 600.0),
            (600.0, vec![0.0, 200.0, 400.0, 600.0])
        );
        let (top, ticks) = nice_axis(0.0, 87.0);
        assert!(top >= 87.0 && top <= 100.0, "{top}");
        assert_eq!(ticks.first(), Some(&0.0));
        assert!(ticks.len() >= 3 && ticks.len() <= 7, "{ticks:?}");
        // Nothing at all still gives an axis.
        let (top, ticks) = nice_axis(0.0, 0.0);
        assert!(top > 0.0 && ticks.len() >= 2, "{top} {ticks:?}");
    }

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(number(60.0), "60");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
    }
}
