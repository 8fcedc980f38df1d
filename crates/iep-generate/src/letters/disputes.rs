//! When talking has not worked: `follow-up`, `mediation-request` and the
//! draft `state-complaint`, which goes to the state education agency with
//! the contents the federal complaint rule asks for and a copy to the district.

use chrono::{Months, NaiveDate};
use iep_model::{Case, Evidence, Finding, LetterType, long_date};

use super::changes::{Change, ChangeSet, notice_on_file, what_changed};
use super::law::{self, ask_reply};
use super::{Letter, LetterContext, Person, Recipient, RequestItem, facts};
use crate::wording::{self, capitalize, item_name};

/// "request for education records": a letter type in the words of a sentence.
fn request_words(letter_type: &str) -> String {
    match LetterType::parse(letter_type) {
        Some(t) => {
            let title = t.title();
            let mut chars = title.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        None => "letter".to_string(),
    }
}

/// The heading of a complaint to a state the rules data does not cover and
/// the case does not name (timelines.md, "State education agencies").
const UNNAMED_AGENCY: &str = "State Department of Education";

/// The agency where a state complaint is filed: the rules data's, else the
/// case's `state_agency`; `None` when neither names one (no name is made up).
pub(crate) fn agency_of(case: &Case) -> Option<String> {
    if let Some(name) = case.rules.agency() {
        return Some(name.to_string());
    }
    case.info.state_agency.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(String::from)
}

/// The agency as a sentence names it: its name, else "the state education agency".
fn agency_in_sentence(letter: &Letter) -> String {
    agency_of(letter.case).map_or_else(|| "the state education agency".to_string(), |name| format!("the {name}"))
}

/// The next step after an unanswered follow-up: the state complaint (IEP)
/// or the Section 504 review.
pub(crate) fn escalation(letter: &Letter) -> String {
    if letter.is_504() {
        "ask for the impartial hearing and review that the district's Section 504 procedures provide".to_string()
    } else {
        format!("file a complaint with {}", agency_in_sentence(letter))
    }
}

/// When an unanswered letter was due, and on what: the date the letter asked
/// for, else the rule's (FERPA's for a 504 plan's records: no state
/// special-education code applies to it). (due, "within ten days" and its citation)
fn due_of(
    letter: &Letter,
    finding: &Finding,
    sent: NaiveDate,
    kind: &str,
) -> Option<(NaiveDate, Option<(String, String)>)> {
    let case = letter.case;
    let record = case.letters.iter().find(|l| l.date == sent && l.letter_type == kind);
    if let Some(reply_by) = record.and_then(|l| l.reply_by) {
        return Some((reply_by, None));
    }
    // The deadline `response-overdue` tracks, so the letter and the check agree
    // (the rules follow the plan: FERPA's for a 504 plan's records).
    let rule = match record.map(|l| iep_deadlines::response_deadline(case, l)) {
        Some(iep_deadlines::ResponseDeadline::Rule { rule, .. }) => Some(rule),
        _ => None,
    };
    let by_rule = rule.and_then(|r| {
        let due = iep_deadlines::due_after(case, sent, &r)?;
        Some((due, law::time_words(&r).map(|w| (w, r.citation.clone()))))
    });
    match by_rule {
        Some((due, Some(words))) => Some((due, Some(words))),
        _ => finding.evidence.due().map(|due| (due, None)),
    }
}

/// Whether the earlier letter recorded the reply date it asked for.
fn case_reply_by(letter: &Letter, sent: NaiveDate, kind: &str) -> bool {
    letter.case.letters.iter().any(|l| l.date == sent && l.letter_type == kind && l.reply_by.is_some())
}

pub(crate) fn follow_up(letter: &Letter, context: &mut LetterContext) {
    // "Open", not "unanswered": a request answered in part is open too.
    context.subject = format!("Following up on my open requests about {}", context.child.name);
    let mut records = false;
    let today = letter.request.date;
    for f in letter.findings_for(LetterType::FollowUp) {
        let Some(open) = f.evidence.open_letter() else { continue };
        let sent = open.date;
        let kind = Some(open.letter_type).filter(|k| !k.trim().is_empty()).unwrap_or("letter");
        let Some((due, rule)) = due_of(letter, f, sent, kind) else { continue };
        let asks_records = open.kind() == Some(LetterType::RecordsRequest);
        records |= asks_records;
        // The earlier letter named no date unless it recorded one: the rule's date is "due", not "asked".
        let when = match &rule {
            Some((words, citation)) => {
                let tense = if due < today { "was" } else { "is" };
                format!("{tense} due {words}, by {} ({citation})", long_date(due))
            }
            None if case_reply_by(letter, sent, kind) => format!("asked for an answer by {}", long_date(due)),
            None => format!("was due by {}", long_date(due)),
        };
        let late = (today - due).num_days();
        // A partial answer is stated as one, by its date, with what the parent noted of it.
        let answered = open.answered;
        let late = match (answered, late) {
            (Some(on), _) => format!(
                "You answered it in part on {}{}; the rest of it is still open.",
                long_date(on),
                open.summary
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| format!(" (\u{201c}{}\u{201d})", s.trim()))
                    .unwrap_or_default()
            ),
            (None, n) if n <= 0 => "I have had no answer yet.".to_string(),
            (None, 1) => "I have had no answer, and it is now 1 day past that date.".to_string(),
            (None, n) => format!("I have had no answer, and it is now {n} days past that date."),
        };
        let rest = if answered.is_some() { "the rest of " } else { "" };
        let ask = if asks_records {
            match letter.request.next_meeting {
                Some(m) => format!("Please send me {rest}the records before the meeting on {}.", long_date(m)),
                None => format!("Please send me {rest}the records."),
            }
        } else {
            "Please answer it in full.".to_string()
        };
        context.items.push(RequestItem {
            text: format!("My {} of {} {when}. {late} {ask}", request_words(kind), long_date(sent)),
            ..Default::default()
        });
        context.documents.push(format!("My letter of {}", long_date(sent)));
    }
    // An evaluation the parent consented to and the district did not complete by the rule's date.
    for f in letter.findings_for(LetterType::FollowUp) {
        if let Some(item) = overdue_evaluation(letter, f) {
            context.items.push(item);
            context
                .documents
                .extend(consent_overdue(letter, f).and_then(|(c, ..)| wording::document_title(letter.case, &c.path)));
        }
    }
    if context.items.is_empty() {
        context.items.push(RequestItem {
            text: "Please answer my earlier letters in writing.".to_string(),
            ..Default::default()
        });
    }
    if records {
        super::requests::records_law(letter, context);
    }
    ask_reply(context, law::reply(letter, None, super::requests::day_before(letter.request.next_meeting)));
    context.next_step = format!(
        "If I do not have your full answer {}, I will {}.",
        context.respond_by.clone().unwrap_or_default(),
        escalation(letter)
    );
}

/// The item of an evaluation whose deadline from the parent's consent has
/// passed (`evaluation-overdue`): the consent by its date, the rule in its
/// words with its citation, how many days late, and the ask.
fn overdue_evaluation(letter: &Letter, finding: &Finding) -> Option<RequestItem> {
    let (consent, due, rule) = consent_overdue(letter, finding)?;
    let what = facts::consent_words(consent, &letter.first_name());
    let words = law::time_words_from(rule, "of your receipt of my consent").unwrap_or_default();
    let late = (letter.request.date - due).num_days();
    let late = match late {
        n if n <= 0 => String::new(),
        1 => " It is now 1 day past that date.".to_string(),
        n => format!(" It is now {n} days past that date."),
    };
    Some(RequestItem {
        text: format!(
            "You received my signed consent to {what} on {}. Under {}, it was to be completed {words}, by {}, and I have had no report of it.{late} Please complete it without further delay and send me a copy of each assessment report.",
            long_date(consent.date),
            rule.citation,
            long_date(due)
        ),
        ..Default::default()
    })
}

/// The consent an `evaluation-overdue` finding is about, with the
/// evaluation's due date and the rule that sets it.
fn consent_overdue<'c>(
    letter: &Letter<'c>,
    finding: &Finding,
) -> Option<(&'c iep_model::Doc<iep_model::Consent>, NaiveDate, &'c iep_model::Rule)> {
    let case = letter.case;
    let Evidence::EvaluationOverdue(overdue) = &finding.evidence else { return None };
    let consent_date = overdue.consent_date;
    let consent = case.consents.iter().find(|c| c.date == consent_date && c.given)?;
    let (due, rule) = iep_deadlines::evaluation_due(case, consent)?;
    Some((consent, due, rule))
}

/// The documents the disagreements rest on: the versions that made the
/// changes, the notices on file for them, and the unanswered letters.
fn dispute_documents(letter: &Letter) -> Vec<String> {
    let case = letter.case;
    let mut docs = Vec::new();
    let changes = ChangeSet::of(case, letter.findings);
    for c in disputed(&changes) {
        docs.extend(c.document.and_then(|p| wording::document_title(case, p)));
        docs.extend(notice_on_file(case, c).and_then(|n| wording::document_title(case, &n.path)));
    }
    for f in letter.findings_for(LetterType::FollowUp) {
        docs.extend(f.evidence.open_letter().map(|open| format!("My letter of {}", long_date(open.date))));
        docs.extend(consent_overdue(letter, f).and_then(|(c, ..)| wording::document_title(case, &c.path)));
    }
    docs.extend(super::accommodations::accommodation_facts(letter, |_| true).into_iter().filter_map(|a| a.document));
    docs
}

/// Why a mediation request or a state complaint has nothing true to say:
/// the case holds no disagreement it could name (one sentence).
pub(crate) fn no_disagreement(letter: &Letter) -> Option<String> {
    disagreements(letter).is_empty().then(|| {
        format!(
            "The case holds no disagreement a {} could name (no change without your agreement, no service or accommodation missed in the last year, no open request, no goal without progress), so there is no letter to write.",
            if letter.request.letter_type == LetterType::StateComplaint { "state complaint" } else { "mediation request" }
        )
    })
}

/// What kind of problem a disagreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Changes,
    Services,
    Accommodations,
    Unanswered,
    Progress,
}

/// The disagreements of the case, one line each, for a mediator or the state.
/// One disagreement: what kind, its headline, and the facts under it.
type Disagreement = (Problem, String, Vec<String>);

fn disagreements(letter: &Letter) -> Vec<Disagreement> {
    let mut out = Vec::new();
    out.extend(changes_disagreement(letter));
    out.extend(services_disagreement(letter));
    out.extend(accommodations_disagreement(letter));
    out.extend(unanswered_disagreements(letter));
    out.extend(progress_disagreement(letter));
    out
}

/// Whether a finding is recent enough for a dispute: within the last 12 months.
fn recent(letter: &Letter) -> impl Fn(&&Finding) -> bool {
    let cutoff = letter.request.date.checked_sub_months(Months::new(12));
    move |f: &&Finding| match (f.date, cutoff) {
        (Some(d), Some(c)) => d >= c,
        _ => true,
    }
}

/// The changes nobody agreed to, each with what the records show of it.
fn changes_disagreement(letter: &Letter) -> Option<Disagreement> {
    let case = letter.case;
    let first = letter.first_name();
    let plan = letter.plan_name();
    let mut out = None;
    let changes = ChangeSet::of(case, letter.findings);
    let unagreed = disputed(&changes);
    if !unagreed.is_empty() {
        // Each change says only what the records show of it: the meeting it
        // was made at (or none), the notice on file (or none), a rejection.
        let without_meeting = unagreed.iter().all(|c| facts::meeting_of(case, c).is_none());
        let facts = unagreed
            .iter()
            .map(|c| {
                format!(
                    "{}: {}{}{}.",
                    capitalize(&item_name(case, c.subject).unwrap_or_default()),
                    what_changed(case, c),
                    meeting_clause(case, c, without_meeting),
                    notice_clause(case, c)
                )
            })
            .collect();
        let headline = if without_meeting {
            format!("The district changed {first}'s {plan} without a meeting and without my agreement.")
        } else {
            format!("The district changed {first}'s {plan} without my agreement.")
        };
        out = Some((Problem::Changes, headline, facts));
    }
    out
}

/// The services not delivered in full, by the run's one accounting.
fn services_disagreement(letter: &Letter) -> Option<Disagreement> {
    let case = letter.case;
    let first = letter.first_name();
    let plan = letter.plan_name();
    let recent = recent(letter);
    let mut out = None;
    let shortfalls: Vec<&Finding> = letter
        .findings_for(LetterType::ServicesConcern)
        .into_iter()
        .filter(recent)
        .filter(|f| matches!(f.evidence, Evidence::ServiceShortfall(_)))
        .collect();
    if !shortfalls.is_empty() {
        // The figures of the run's one accounting, each period named by its
        // real span and led by the logged misses, as the services letter says them.
        let accounting = iep_services::accounting(letter.cx);
        let mut facts: Vec<String> = shortfalls
            .iter()
            .map(|f| {
                let name = capitalize(&item_name(case, &f.subject).unwrap_or_default());
                let id = f.subject.strip_prefix("services.").unwrap_or(&f.subject);
                let from = match &f.evidence {
                    Evidence::ServiceShortfall(e) => Some(e.from),
                    _ => None,
                };
                let period = from.and_then(|from| {
                    let service = accounting.services.iter().find(|s| s.id == id)?;
                    Some((service, service.periods.iter().find(|p| p.first_day == from)?))
                });
                match period {
                    // A health service by the sessions missed, with their dates.
                    Some((service, p)) if p.unit == iep_services::Unit::Sessions => {
                        let misses = wording::owed_misses(service, p);
                        format!(
                            "{name}, {}: {} of {} sessions given{}.",
                            wording::period_dates(p),
                            wording::number(p.delivered.round()),
                            wording::number(p.required.round()),
                            if misses.is_empty() {
                                String::new()
                            } else {
                                format!("; not given on {}", wording::dates_in_words(&misses))
                            }
                        )
                    }
                    Some((service, p)) => format!(
                        "{name}, {}: {}.",
                        wording::period_dates(p),
                        wording::minutes_figures(
                            p.required,
                            p.delivered,
                            p.owed(),
                            &wording::owed_misses(service, p),
                            false
                        )
                    ),
                    None => format!("{name}: not delivered in full."),
                }
            })
            .collect();
        let named = shortfalls.iter().filter_map(|f| item_name(case, &f.subject)).fold(Vec::new(), super::push_new);
        let headline = if named.is_empty() {
            format!("The district did not provide the services in {first}'s {plan}.")
        } else {
            format!("The district did not provide {} as {first}'s {plan} requires.", wording::join_and(&named))
        };
        // The time owed under the plan as accepted, where a change nobody agreed to lowered it.
        facts.extend(super::services::owed_as_accepted(letter));
        out = Some((Problem::Services, headline, facts));
    }
    out
}

/// Accommodations not given, or not known to the person responsible.
fn accommodations_disagreement(letter: &Letter) -> Option<Disagreement> {
    let (first, plan) = (letter.first_name(), letter.plan_name());
    let recent = recent(letter);
    let mut out = None;
    // Accommodations not given, or not known to the person responsible, as the check-ins record them.
    let accommodations = super::accommodations::accommodation_facts(letter, |f| recent(&f));
    if !accommodations.is_empty() {
        let named: Vec<String> = accommodations.iter().map(|a| a.quoted.clone()).collect();
        let which = match named.as_slice() {
            [one] => format!("the accommodation {one}"),
            _ => format!("the accommodations {}", wording::join_and(&named)),
        };
        out = Some((
            Problem::Accommodations,
            format!("The district did not give {first} {which} every time, as {first}'s {plan} requires."),
            accommodations.into_iter().map(|a| a.facts).collect(),
        ));
    }
    out
}

/// Requests not answered, or answered in part, and evaluations consented to and not done.
fn unanswered_disagreements(letter: &Letter) -> Vec<Disagreement> {
    let first = letter.first_name();
    let recent = recent(letter);
    let mut out = Vec::new();
    for f in letter.findings_for(LetterType::FollowUp).into_iter().filter(recent) {
        // An evaluation the parent consented to, not completed by the rule's date.
        if let Some((consent, due, rule)) = consent_overdue(letter, f) {
            out.push((
                Problem::Unanswered,
                format!(
                    "The district did not complete {} by {} ({}), although it received my consent on {}.",
                    facts::consent_words(consent, &first),
                    long_date(due),
                    rule.citation,
                    long_date(consent.date)
                ),
                Vec::new(),
            ));
            continue;
        }
        let Some(open) = f.evidence.open_letter() else { continue };
        let (sent, Some(kind)) = (open.date, Some(open.letter_type).filter(|k| !k.trim().is_empty())) else { continue };
        if let Some(answered) = open.answered {
            // Answered in part: said as that, never as no answer.
            out.push((
                Problem::Unanswered,
                format!(
                    "The district answered my {} of {} only in part, on {}; the rest of it is still open.",
                    request_words(kind),
                    long_date(sent),
                    long_date(answered)
                ),
                Vec::new(),
            ));
            continue;
        }
        // When it was due and by which rule, as the follow-up says it.
        let due = match due_of(letter, f, sent, kind) {
            Some((due, Some((_, citation)))) => format!("; it was due by {} ({citation})", long_date(due)),
            Some((due, None)) => format!("; it was due by {}", long_date(due)),
            None => String::new(),
        };
        out.push((
            Problem::Unanswered,
            format!("The district has not answered my {} of {}{due}.", request_words(kind), long_date(sent)),
            Vec::new(),
        ));
    }
    out
}

/// Goals without the expected progress, and an IEP not revised since the
/// progress report that showed it (a version after that report would be a
/// revision, and then nothing true is said of it).
fn progress_disagreement(letter: &Letter) -> Option<Disagreement> {
    let (case, first) = (letter.case, letter.first_name());
    let behind: Vec<&Finding> = letter
        .findings_for(LetterType::MeetingRequest)
        .into_iter()
        .filter(|f| matches!(f.evidence, Evidence::ProgressStalled(_) | Evidence::ProgressOffPace(_)))
        // The rule on revising the IEP speaks of its annual goals, not of their objectives.
        .filter(|f| !super::about_objective(f))
        .collect();
    // Only a goal whose lack of progress a report showed after the latest
    // version: "not revised since" is then true of it.
    let last_revised = case.versions.iter().map(|v| v.effective).max();
    let behind: Vec<&Finding> =
        behind.into_iter().filter(|f| f.date.is_some_and(|d| last_revised.is_none_or(|r| d > r))).collect();
    let stalled: Vec<String> =
        behind.iter().filter_map(|f| item_name(case, &f.subject)).fold(Vec::new(), super::push_new);
    let shown_on = behind.iter().filter_map(|f| f.date).min()?;
    if stalled.is_empty() || letter.is_504() {
        return None;
    }
    Some((
        Problem::Progress,
        format!(
            "{first} is not making the expected progress toward {}, and the IEP has not been revised since the progress report {} showed it.",
            wording::join_and(&stalled),
            wording::report_date(case, shown_on)
        ),
        Vec::new(),
    ))
}

pub(crate) fn mediation_request(letter: &Letter, context: &mut LetterContext) {
    context.subject = format!("Request for mediation about {}'s {}", letter.first_name(), letter.plan_name());
    for (kind, problem, facts) in disagreements(letter) {
        // Accommodations are stated with their dated facts: the headline alone names no day.
        if kind == Problem::Accommodations {
            context.background.push(format!("{problem} {}", facts.join(" ")));
        } else {
            context.background.push(problem);
        }
    }
    context.items.push(RequestItem {
        text: "Please tell me in writing whether the district agrees to mediation, and propose two or three dates."
            .to_string(),
        ..Default::default()
    });
    context.documents.extend(dispute_documents(letter));
    // The person the parent has been writing to learns of the request too.
    if let Some(manager) = letter.case.team_member("case-manager")
        && manager.name != context.recipient.name
        && !context.cc.iter().any(|p| p.name == manager.name)
    {
        context.cc.push(Person { name: manager.name.clone(), role: manager.role.clone(), organization: None });
    }
    let rules = law::rules(letter, "mediation-voluntary");
    if let Some(under) = law::under(&rules) {
        context.law.push(format!(
            "{under}, mediation is voluntary, it may not be used to deny or delay a due process hearing, and it is at no cost to me."
        ));
    }
    ask_reply(context, law::reply(letter, None, None));
    context.next_step = format!(
        "If I do not have the district's answer {}, I will file a complaint with {}.",
        context.respond_by.clone().unwrap_or_default(),
        agency_in_sentence(letter)
    );
}

pub(crate) fn state_complaint(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    let agency_name = address_to_agency(letter, context);
    context.subject = format!("State complaint about the special education of {}", context.child.name);
    complaint_background(letter, context);
    context.documents.extend(dispute_documents(letter));
    let problems = disagreements(letter);
    for (_, problem, facts) in &problems {
        context.items.push(RequestItem { heading: String::new(), text: problem.clone(), details: facts.clone() });
    }
    let rule_keys = complaint_resolutions(letter, context, &problems);
    if context.items.is_empty() {
        context.items.push(RequestItem {
            text: format!("The district did not follow {first}'s IEP; the facts are set out in the attached records."),
            ..Default::default()
        });
        context.resolution.push(format!("that the district provide {first}'s IEP as written."));
    }
    if let Some(last) = context.resolution.last_mut()
        && let Some(stripped) = last.strip_suffix(';')
    {
        *last = format!("{stripped}.");
    }
    complaint_law(letter, context, rule_keys);
    let contents = law::rules(letter, "state-complaint-contents");
    if !contents.is_empty() {
        context.law.push(format!(
            "I am sending a copy of this complaint to the district today ({}).",
            law::citations(&contents)
        ));
    }
    let decision = law::rules(letter, "state-complaint-decision");
    context.next_step = match decision.first().and_then(|r| r.days.map(|d| (d, r.citation.clone()))) {
        Some((days, citation)) => format!(
            "If I have no decision within {days} days of filing ({citation}), I will ask the {agency_name} for the status of my complaint."
        ),
        None => format!("If I have no decision, I will ask the {agency_name} for the status of my complaint."),
    };
}

/// Addresses the complaint to the state agency (the district gets a copy)
/// and tells the parent what the tool could not fill in; returns the agency's name.
fn address_to_agency(letter: &Letter, context: &mut LetterContext) -> String {
    let case = letter.case;
    // timelines.md: a state the rules data does not cover and the case does
    // not name gets this heading, with a note to the parent to check it.
    let named = agency_of(case);
    let agency_name = named.clone().unwrap_or_else(|| UNNAMED_AGENCY.to_string());
    // The district contact the letter was "to" gets the copy the complaint rule asks for.
    let district = case.info.district.clone();
    let contact = std::mem::take(&mut context.recipient);
    context.cc.insert(0, Person { name: contact.name, role: contact.role, organization: district.clone() });
    // The rules data holds no verified postal address: the case's own is
    // used where it gives one; else the line is left out (never a blank), the
    // parent is told where to find it, and no claim is made of how the letter
    // travels unless the parent said so.
    let address_lines = super::lines(case.info.state_agency_address.as_deref());
    context.recipient = Recipient {
        name: agency_name.clone(),
        role: None,
        address_lines: address_lines.clone(),
        email: None,
        greeting: "Dear Complaint Investigator".to_string(),
    };
    if named.is_none() {
        context.notes_for_parent.push(format!(
            "Neither the rules data nor case.yaml names your state's education agency, so the complaint is addressed to \"{UNNAMED_AGENCY}\": write the agency's own name (or set `state_agency:` in case.yaml) before sending it."
        ));
    }
    if address_lines.is_empty() {
        context.notes_for_parent.push(format!(
            "The complaint gives no mailing address for the {agency_name}: the rules data holds none that was verified. The agency's website gives it on its page about filing a special education complaint; set `state_agency_address:` in case.yaml (or add it under the agency's name), check every statement, then sign the complaint before sending it."
        ));
    }
    context.delivery = Some(match letter.request.via.as_deref() {
        Some("mail") => "Sent by first-class mail; a copy sent to the district the same day".to_string(),
        Some("certified-mail") => {
            "Sent by certified mail, return receipt requested; a copy sent to the district the same day".to_string()
        }
        Some("hand") => "Delivered by hand; a copy sent to the district the same day".to_string(),
        _ => "A copy sent to the district the same day".to_string(),
    });
    agency_name
}

/// Who files, about whom, against which district.
fn complaint_background(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let district = case.info.district.clone();
    let address = case
        .info
        .parent
        .address
        .as_deref()
        .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "));
    context.background.push(format!(
        "I am filing this complaint against {} about my child, {}{}{}.",
        district.clone().unwrap_or_else(|| "the school district".to_string()),
        context.child.name,
        address.map(|a| format!(", who lives at {a}")).unwrap_or_default(),
        context.child.school.as_ref().map(|s| format!(" and attends {s}")).unwrap_or_default()
    ));
}

/// The resolutions asked for, one per kind of disagreement; returns the keys
/// of the rules the complaint then states.
fn complaint_resolutions(letter: &Letter, context: &mut LetterContext, problems: &[Disagreement]) -> Vec<&'static str> {
    let case = letter.case;
    let first = letter.first_name();
    let mut rule_keys: Vec<&'static str> = Vec::new();
    let changes = ChangeSet::of(case, letter.findings);
    let unagreed = disputed(&changes);
    if !unagreed.is_empty() {
        // The rule on changes without a meeting only where one was made without a meeting.
        if unagreed.iter().any(|c| facts::meeting_of(case, c).is_none()) {
            rule_keys.push("amendment-without-meeting");
        }
        context.resolution.push(format!("that the district restore {first}'s services and accommodations as in the IEP I accepted, until the team agrees on any change;"));
    }
    if unagreed.iter().any(|c| c.no_notice) {
        rule_keys.push("prior-written-notice");
    }
    if problems.iter().any(|(kind, ..)| *kind == Problem::Services) {
        // Health and safety services are owed staffing and a plan, never make-up time.
        let shortfalls: Vec<&Finding> = letter
            .findings_for(LetterType::ServicesConcern)
            .into_iter()
            .filter(|f| matches!(f.evidence, Evidence::ServiceShortfall(_)))
            .collect();
        let health: Vec<String> = shortfalls
            .iter()
            .filter(|f| f.evidence.in_sessions())
            .filter_map(|f| item_name(case, &f.subject))
            .fold(Vec::new(), super::push_new);
        if shortfalls.iter().any(|f| !f.evidence.in_sessions()) {
            context.resolution.push(format!(
                "that the district provide {first} compensatory services for the time not delivered, on a written schedule;"
            ));
        }
        if !health.is_empty() {
            context.resolution.push(format!(
                "that the district tell me in writing who provides {} each school day, who provides it when that person is absent, and its plan to make sure it is not missed again;",
                wording::join_and(&health)
            ));
        }
    }
    if problems.iter().any(|(kind, ..)| *kind == Problem::Accommodations) {
        if super::accommodations::accommodation_facts(letter, |_| true).iter().any(|a| a.unaware) {
            rule_keys.push("iep-accessible");
        }
        context.resolution.push(format!(
            "that the district give {first} each accommodation of the IEP every time, and inform each person responsible for them in writing;"
        ));
    }
    for (consent, ..) in letter.findings_for(LetterType::FollowUp).iter().filter_map(|f| consent_overdue(letter, f)) {
        context.resolution.push(format!(
            "that the district complete {} without further delay and send me each assessment report;",
            facts::consent_words(consent, &first)
        ));
    }
    let asks_records =
        |f: &&Finding| f.evidence.open_letter().is_some_and(|o| o.kind() == Some(LetterType::RecordsRequest));
    if letter.findings_for(LetterType::FollowUp).iter().any(asks_records) {
        rule_keys.push("records-access");
        context.resolution.push(format!("that the district give me copies of {first}'s education records;"));
    }
    if problems.iter().any(|(kind, ..)| *kind == Problem::Progress) {
        rule_keys.push("lack-of-progress");
        context
            .resolution
            .push(format!("that the IEP team meet to revise {first}'s IEP for the goals that are not progressing."));
    }
    rule_keys
}

/// Each rule the complaint stands on, in the rules data's citation.
fn complaint_law(letter: &Letter, context: &mut LetterContext, rule_keys: Vec<&'static str>) {
    for key in rule_keys {
        let rules = law::rules(letter, key);
        let under = if key == "prior-written-notice" { law::under_notice(&rules) } else { law::under(&rules) };
        if let Some(under) = under {
            let sentence = match key {
                "amendment-without-meeting" => "an IEP is changed between annual reviews without a meeting only when the parent and the district agree not to meet and the change is made in a written document".to_string(),
                "prior-written-notice" => "the district must give prior written notice a reasonable time before it proposes or refuses a change".to_string(),
                "records-access" => "a parent may inspect and review the education records without unnecessary delay and before any IEP meeting".to_string(),
                // The rule's own words from the rules data, as the services letter states it.
                "iep-accessible" => rules.iter().map(|r| r.what.clone()).next().unwrap_or_default(),
                _ => "the IEP team revises the IEP to address any lack of expected progress toward the annual goals".to_string(),
            };
            context.law.push(format!("{under}, {sentence}."));
        }
    }
}

/// The changes nobody agreed to that a dispute names: not those that only
/// add or strengthen an item (worth raising, not disputing).
fn disputed<'s, 'a>(changes: &'s ChangeSet<'a>) -> Vec<&'s Change<'a>> {
    changes
        .without_notice
        .iter()
        .chain(changes.to_object.iter())
        .filter(|c| c.unagreed && !facts::only_adds(c))
        .collect()
}

/// ", at the meeting of March 3, 2026, which recorded no agreement to it";
/// ", without a meeting" only when the headline does not already say so.
fn meeting_clause(case: &Case, change: &Change, headline_says_none: bool) -> String {
    match facts::meeting_of(case, change) {
        Some((date, true)) => format!(", at the meeting of {}, which recorded no agreement to it", long_date(date)),
        Some((date, false)) => format!(", at the meeting of {}", long_date(date)),
        None if headline_says_none => String::new(),
        None => ", without a meeting".to_string(),
    }
}

/// What the notices on file say of a change: none, the one that proposed it
/// (which the parent did not agree to), a late one, or a refusal.
fn notice_clause(case: &Case, change: &Change) -> String {
    if change.rejected {
        let version = case.versions.iter().find(|v| v.id == change.version);
        return match version.and_then(|v| facts::rejected_on(v)) {
            Some(on) => format!(", which I rejected in writing on {}", long_date(on)),
            None => ", which I rejected in writing".to_string(),
        };
    }
    match notice_on_file(case, change) {
        None if change.no_notice => ", with no prior written notice".to_string(),
        None => String::new(),
        Some(n) if n.action == iep_model::NoticeAction::Refuses => {
            format!("; {}", facts::notice_words(change, n))
        }
        Some(n) if change.effective.is_some_and(|e| n.date > e) => {
            format!(", with a notice dated {} only after it took effect", long_date(n.date))
        }
        Some(n) => format!(", after a notice dated {} that I did not agree to", long_date(n.date)),
    }
}
