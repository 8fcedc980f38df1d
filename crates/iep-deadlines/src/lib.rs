//! Deadlines: when the school must answer or act, counted from the timeline
//! rules of the case's state (federal defaults otherwise), each with the
//! rule's citation and how its days were counted (checks.md, "Deadlines").
//!
//! Architecture invariant: no IO and no clock. The rules arrive as data in
//! `Case::rules` (the loader parses the rules files); this crate only counts.
//! `to_ics` returns the calendar text; the command line writes it.

mod count;
mod evaluation;
mod ics;
mod report_cards;
mod review;

use chrono::{Days, NaiveDate};
use iep_model::{
    Case, ConsentFor, Context, DayKind, EvaluationType, Evaluator, Letter, LetterType, MeetingType, REEVALUATION_KEY,
    Rule, TermsHistory, Trigger,
};
use serde::Serialize;

pub use count::{count_days, long_vacations};
pub use evaluation::{LateAnswer, answering_type, evaluation_after, evaluation_due, late_answers};
pub use ics::to_ics;
pub use report_cards::{OwedReport, REPORT_CARD_GRACE_DAYS, ReportCards, owed_reports, report_cards};
pub use review::{AnnualReview, ReviewBasis, annual_review, last_evaluation};

/// What outputs say where the law sets no number of days.
pub const NO_FIXED_DAYS: &str = "no fixed number of days; check your state's rules";

/// Where a deadline comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// The rule's citation, as the rules data gives it, or what set the date
    /// ("the reply date your letter asked for").
    pub citation: String,
    /// The rule's key (`records-access`), or `reply-by` / `report-card`.
    pub key: String,
    /// How the days were counted, in plain words.
    pub counting: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The date is past and it has not happened.
    Overdue,
    /// The date is on or after the as-of date.
    Upcoming,
    /// It happened (an answer, a meeting, a report), on time or not.
    Done,
    /// The law sets no number of days.
    NoFixedDate,
}

/// One date the school (or the parent) must keep.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// What must happen, in plain words.
    pub what: String,
    /// An item path, a document's path, or `case`.
    pub subject: String,
    pub document: Option<String>,
    /// `None`: the law sets no number of days.
    pub due: Option<NaiveDate>,
    pub status: Status,
    /// When it happened, for `Done`, when the case says.
    pub done_on: Option<NaiveDate>,
    /// What shows it happened when the date is not known (a version on file).
    pub done_by: Option<String>,
    pub source: Source,
}

/// The keys of sources that are not a legal rule.
const NOT_A_RULE: &[&str] = &["reply-by", "report-card", "none"];

impl Deadline {
    /// Whether the date comes from a timeline rule of the rules data (not a
    /// letter's own reply date or the school calendar).
    pub fn is_legal_rule(&self) -> bool {
        !NOT_A_RULE.contains(&self.source.key.as_str())
    }
}

/// A letter's response deadline (checks.md, "Deadlines").
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseDeadline {
    /// The letter's own `reply_by` date.
    ReplyBy(NaiveDate),
    /// The letter's date plus the rule for its type.
    Rule { due: NaiveDate, rule: Rule },
    /// A rule exists but sets no number of days ("without unnecessary delay").
    NoNumber(Rule),
    /// No rule for this type: no deadline.
    None,
}

impl ResponseDeadline {
    pub fn due(&self) -> Option<NaiveDate> {
        match self {
            ResponseDeadline::ReplyBy(due) | ResponseDeadline::Rule { due, .. } => Some(*due),
            ResponseDeadline::NoNumber(_) | ResponseDeadline::None => None,
        }
    }

    /// The source and the counting, for outputs.
    pub fn source(&self, letter: &Letter) -> Source {
        match self {
            ResponseDeadline::ReplyBy(due) => Source {
                citation: "the reply date your letter asked for".to_owned(),
                key: "reply-by".to_owned(),
                counting: format!("your letter of {} asked for a reply by {due}", letter.date),
            },
            ResponseDeadline::Rule { rule, .. } => Source {
                citation: rule.citation.clone(),
                key: rule.key.clone(),
                counting: format!("{}, counted from the day after the letter's date ({})", explain(rule), letter.date),
            },
            ResponseDeadline::NoNumber(rule) => Source {
                citation: rule.citation.clone(),
                key: rule.key.clone(),
                counting: rule.note.clone().unwrap_or_else(|| NO_FIXED_DAYS.to_owned()),
            },
            ResponseDeadline::None => Source {
                citation: "no rule: the law sets no number of days for this".to_owned(),
                key: "none".to_owned(),
                counting: NO_FIXED_DAYS.to_owned(),
            },
        }
    }
}

/// How a rule counts, with its caveat: "10 calendar days (the rule
/// says "ten days" without a kind; counted as calendar days)".
pub fn explain(rule: &Rule) -> String {
    let Some(days) = rule.days else {
        return rule.note.clone().unwrap_or_else(|| NO_FIXED_DAYS.to_owned());
    };
    let mut text = rule.day_kind.describe(days);
    match rule.day_kind {
        DayKind::Business => text.push_str(" (Monday to Friday)"),
        DayKind::School => text.push_str(" (days the school is open, by the school calendar)"),
        DayKind::Calendar | DayKind::Year => {}
    }
    if let Some(over) = rule.pause_for_vacation_over {
        text.push_str(&format!(", not counting school vacations longer than {over} school days"));
    }
    if let Some(note) = &rule.note {
        text.push_str(&format!(" ({note})"));
    }
    text
}

/// What every parent-facing output that states a deadline adds for a case
/// whose state has no rules file (timelines.md, "Ohio"): `None` when the
/// state's own rules were used.
pub fn state_rules_note(case: &Case) -> Option<String> {
    if case.rules.knows_state() {
        return None;
    }
    Some(match case.info.state.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(state) => format!(
            "{state}'s own rules were not checked (the tool has no rules for {state}); these deadlines use the federal rules"
        ),
        None => "the case names no state, so no state's own rules were checked; these deadlines use the federal rules"
            .to_owned(),
    })
}

/// The response deadline of `letter`: its `reply_by` date, else its date
/// plus its state's rule for its type, else the federal rule; no rule, no deadline.
pub fn response_deadline(case: &Case, letter: &Letter) -> ResponseDeadline {
    if let Some(reply_by) = letter.reply_by {
        return ResponseDeadline::ReplyBy(reply_by);
    }
    // A state rule without a number of days stands: the federal one does not
    // fill in. A request about a child who already had a plan is not an
    // initial referral: a referral rule gives it no deadline.
    let eligible = case.versions.iter().any(|v| v.effective <= letter.date);
    match case.rules.for_request(&letter.letter_type, eligible) {
        Some(rule) => match due_after(case, letter.date, rule) {
            Some(due) => ResponseDeadline::Rule { due, rule: rule.clone() },
            None => ResponseDeadline::NoNumber(rule.clone()),
        },
        None => ResponseDeadline::None,
    }
}

/// The date a rule falls due when its clock starts on `start`.
pub fn due_after(case: &Case, start: NaiveDate, rule: &Rule) -> Option<NaiveDate> {
    let days = rule.days?;
    if rule.before {
        return start.checked_sub_days(Days::new(u64::from(days)));
    }
    let open = |day: NaiveDate| case.is_open(day);
    let pauses = match rule.pause_for_vacation_over {
        Some(over) => long_vacations(&open, start, over),
        None => Vec::new(),
    };
    count_days(start, days, rule.day_kind, &open, &pauses)
}

/// Every deadline of the case as of `as_of`: letters' answers, the annual
/// review, the reevaluation (when the case says when the last evaluation
/// was), report-card dates, and the state's meeting rules. `case` is the
/// whole case; what is dated after `as_of` is ignored except meetings still
/// to come (deadlines before a meeting).
pub fn deadlines(case: &Case, as_of: NaiveDate) -> Vec<Deadline> {
    let cut = case.as_of(as_of);
    deadlines_in(case, &Context::new(&cut, as_of))
}

/// [`deadlines`] read from a run's context (over the case cut to its as-of
/// date), so the dates are the very analyses the checks read; `full` is the
/// whole case.
pub fn deadlines_in(full: &Case, cx: &Context<'_>) -> Vec<Deadline> {
    let (case, as_of) = (cx.case, cx.as_of);
    let mut out = Vec::new();
    letter_deadlines(case, as_of, &mut out);
    review_deadlines(case, as_of, &mut out);
    consent_deadlines(case, as_of, &mut out);
    report_card_deadlines(&report_cards(cx), as_of, &mut out);
    meeting_deadlines(full, case, as_of, &mut out);
    out.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)).then_with(|| a.what.cmp(&b.what)));
    out
}

fn status(due: Option<NaiveDate>, done_on: Option<NaiveDate>, as_of: NaiveDate) -> Status {
    done_status(due, done_on.is_some(), as_of)
}

fn done_status(due: Option<NaiveDate>, done: bool, as_of: NaiveDate) -> Status {
    match due {
        _ if done => Status::Done,
        None => Status::NoFixedDate,
        Some(due) if due < as_of => Status::Overdue,
        Some(_) => Status::Upcoming,
    }
}

/// "request for education records" for `records-request`; other text as written.
pub fn letter_words(letter_type: &str) -> String {
    match LetterType::parse(letter_type) {
        Some(t) => {
            let title = t.title();
            let mut chars = title.chars();
            chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
        }
        None => letter_type.replace('-', " "),
    }
}

fn letter_deadlines(case: &Case, as_of: NaiveDate, out: &mut Vec<Deadline>) {
    for letter in &case.letters {
        let deadline = response_deadline(case, letter);
        let due = deadline.due();
        let done_on = letter.response.as_ref().map(|r| r.date);
        out.push(Deadline {
            what: format!(
                "The school's answer to your letter of {} ({})",
                letter.date,
                letter_words(&letter.letter_type)
            ),
            subject: letter.path.clone(),
            document: Some(letter.path.clone()),
            due,
            status: status(due, done_on, as_of),
            done_on,
            done_by: None,
            source: deadline.source(letter),
        });
    }
}

fn review_deadlines(case: &Case, as_of: NaiveDate, out: &mut Vec<Deadline>) {
    let history = TermsHistory::new(case);
    if let Some(review) = annual_review(case, &history, as_of) {
        let rule = &review.rule;
        let version = &case.versions[review.version];
        let period = rule.period().unwrap_or_default();
        let counting = match review.last_review {
            Some(_) => format!("{period} after {}", review.describe_basis()),
            None => format!("no review is on record, so by the end of the IEP in force ({})", review.due),
        };
        out.push(Deadline {
            what: format!("Annual review of the IEP in force ({})", version.describe()),
            subject: "case".to_owned(),
            document: Some(review.document.clone()),
            due: Some(review.due),
            status: status(Some(review.due), None, as_of),
            done_on: None,
            done_by: None,
            source: Source { citation: rule.citation.clone(), key: rule.key.clone(), counting },
        });
    }
    if let (Some((evaluated, document)), Some(rule)) =
        (last_evaluation(case, as_of), case.rules.by_key(REEVALUATION_KEY))
        && let Some(due) = due_after(case, evaluated, rule)
    {
        // A later evaluation would be the last one: the date is open until it comes.
        out.push(Deadline {
            what: "Reevaluation (unless you and the school agree it is not needed)".to_owned(),
            subject: "case".to_owned(),
            document: Some(document),
            due: Some(due),
            status: status(Some(due), None, as_of),
            done_on: None,
            done_by: None,
            source: Source {
                citation: rule.citation.clone(),
                key: rule.key.clone(),
                counting: format!(
                    "at least once every {}, counted from the last evaluation ({evaluated})",
                    rule.period().unwrap_or_default()
                ),
            },
        });
    }
}

/// The deadlines a consent to an evaluation starts: the evaluation itself
/// and, where the state counts one, the meeting on it.
fn consent_deadlines(case: &Case, as_of: NaiveDate, out: &mut Vec<Deadline>) {
    for consent in case.consents.iter().filter(|c| c.given) {
        let words = match consent.consent_for {
            ConsentFor::InitialEvaluation => "initial evaluation",
            ConsentFor::Reevaluation => "reevaluation",
            ConsentFor::Services | ConsentFor::Other => continue,
        };
        let evaluated = evaluation_after(case, consent, as_of).map(|(day, _)| day);
        for rule in case.rules.after_consent(consent.consent_for) {
            let Some(due) = due_after(case, consent.date, rule) else { continue };
            let is_evaluation = case.rules.evaluation_deadline(consent.consent_for) == Some(rule);
            // Only the evaluation itself is known to be done; a meeting's date is not tied to a consent.
            let done_on = if is_evaluation { evaluated } else { None };
            out.push(Deadline {
                what: format!("After your consent of {} to the {words}: {}", consent.date, rule.what),
                subject: consent.path.clone(),
                document: Some(consent.path.clone()),
                due: Some(due),
                status: status(Some(due), done_on, as_of),
                done_on,
                done_by: None,
                source: Source {
                    citation: rule.citation.clone(),
                    key: rule.key.clone(),
                    counting: format!("{}, counted from the day after the consent ({})", explain(rule), consent.date),
                },
            });
        }
    }
}

/// The progress reports owed with report cards, as `progress-report-overdue`
/// judges them: only where an IEP with goals was in force on the date, due
/// the grace period after it, done by a report in its window.
fn report_card_deadlines(cards: &ReportCards, as_of: NaiveDate, out: &mut Vec<Deadline>) {
    for owed in &cards.0 {
        out.push(Deadline {
            what: format!("Progress report on the IEP goals, with the report card of {}", owed.card),
            subject: "case".to_owned(),
            document: Some(owed.calendar.clone()),
            due: Some(owed.due),
            status: status(Some(owed.due), owed.report, as_of),
            done_on: owed.report,
            done_by: None,
            source: Source {
                citation: format!("the school calendar ({})", owed.calendar),
                key: "report-card".to_owned(),
                counting: format!(
                    "{REPORT_CARD_GRACE_DAYS} days after a report-card date the school calendar lists ({}); \
                     a report dated from {} on counts",
                    owed.card, owed.window_from
                ),
            },
        });
    }
}

/// Whether a meeting is the Team meeting that follows an evaluation: one of
/// type `eligibility` or `reevaluation`, or the first meeting after a
/// school evaluation or a consent to one (`meeting_type` where it is known).
pub fn follows_evaluation(case: &Case, meeting_date: NaiveDate, meeting_type: Option<MeetingType>) -> bool {
    if matches!(meeting_type, Some(MeetingType::Eligibility | MeetingType::Reevaluation)) {
        return true;
    }
    let since = case.meetings.iter().map(|m| m.date).filter(|d| *d < meeting_date).max();
    let after = |day: NaiveDate| since.is_none_or(|s| day > s) && day <= meeting_date;
    let evaluated = case
        .evaluations
        .iter()
        .any(|e| e.by == Evaluator::School && e.evaluation_type != EvaluationType::Independent && after(e.date));
    let consented = case.consents.iter().any(|c| {
        c.given && matches!(c.consent_for, ConsentFor::InitialEvaluation | ConsentFor::Reevaluation) && after(c.date)
    });
    evaluated || consented
}

fn meeting_deadlines(full: &Case, case: &Case, as_of: NaiveDate, out: &mut Vec<Deadline>) {
    let rules: Vec<&Rule> = case
        .rules
        .applicable()
        .into_iter()
        .filter(|r| matches!(r.trigger, Trigger::Meeting | Trigger::EvaluationMeeting) && r.days.is_some())
        .collect();
    for rule in rules {
        if rule.before {
            // Only meetings still to come: a date to ask by.
            let fits = |m: &&iep_model::Doc<iep_model::Meeting>| {
                m.date > as_of
                    && (rule.trigger != Trigger::EvaluationMeeting
                        || follows_evaluation(full, m.date, Some(m.meeting_type)))
            };
            for meeting in full.meetings.iter().filter(fits) {
                let Some(due) = due_after(case, meeting.date, rule) else { continue };
                out.push(Deadline {
                    what: format!("Before the meeting of {}: {}", meeting.date, rule.what),
                    subject: meeting.path.clone(),
                    document: Some(meeting.path.clone()),
                    due: Some(due),
                    status: status(Some(due), None, as_of),
                    done_on: None,
                    done_by: None,
                    source: Source {
                        citation: rule.citation.clone(),
                        key: rule.key.clone(),
                        counting: format!("{} before the meeting of {}", explain(rule), meeting.date),
                    },
                });
            }
        } else {
            // After a meeting held: a version the meeting produced is on file
            // or not; the case does not record the day it was sent.
            let fits = |m: &&iep_model::Doc<iep_model::Meeting>| {
                rule.trigger != Trigger::EvaluationMeeting || follows_evaluation(case, m.date, Some(m.meeting_type))
            };
            for meeting in case.meetings.iter().filter(fits) {
                let Some(due) = due_after(case, meeting.date, rule) else { continue };
                let produced = case.versions.iter().find(|v| v.meeting == Some(meeting.date)).map(|v| v.path.clone());
                out.push(Deadline {
                    what: format!("After the meeting of {}: {}", meeting.date, rule.what),
                    subject: meeting.path.clone(),
                    document: Some(meeting.path.clone()),
                    due: Some(due),
                    status: done_status(Some(due), produced.is_some(), as_of),
                    done_on: None,
                    done_by: produced.map(|path| format!("{path} is on file; the day it was sent is not recorded")),
                    source: Source {
                        citation: rule.citation.clone(),
                        key: rule.key.clone(),
                        counting: format!(
                            "{}, counted from the day after the meeting ({})",
                            explain(rule),
                            meeting.date
                        ),
                    },
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
