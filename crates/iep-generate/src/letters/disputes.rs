//! When talking has not worked: `follow-up`, `mediation-request` and the
//! draft `state-complaint`, which goes to the state education agency with
//! the contents 34 CFR 300.153(b) asks for and a copy to the district.

use chrono::Months;
use iep_model::{Finding, LetterType, long_date};

use super::changes::{ChangeSet, what_changed};
use super::law::{self, ask_reply};
use super::{Letter, LetterContext, Person, Recipient, RequestItem, ev_date, ev_num, ev_str};
use crate::wording::{self, capitalize, item_name, minutes};

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

/// The agency where a state complaint is filed: the rules data's, else
/// the case's `state_agency`, else a generic name (and a note to the parent).
fn agency(letter: &Letter) -> (String, Option<String>) {
    if let Some(name) = letter.case.rules.agency() {
        return (name.to_string(), None);
    }
    if let Some(name) = letter.case.info.state_agency.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        return (name.to_string(), None);
    }
    (
        "State Department of Education".to_string(),
        Some("The rules data does not name your state's education agency: check its name and address, or set `state_agency:` in case.yaml.".to_string()),
    )
}

/// The next step after an unanswered follow-up: the state complaint (IEP)
/// or the Section 504 review.
fn escalation(letter: &Letter) -> String {
    if letter.is_504() {
        "ask for the impartial hearing and review that the district's Section 504 procedures provide".to_string()
    } else {
        format!("file a complaint with the {}", agency(letter).0)
    }
}

pub(crate) fn follow_up(letter: &Letter, context: &mut LetterContext) {
    context.subject = format!("Following up on my unanswered requests about {}", context.child.name);
    let mut records = false;
    for f in letter.findings_for(LetterType::FollowUp) {
        let (Some(sent), Some(due)) = (ev_date(f, "letter_date"), ev_date(f, "due")) else { continue };
        let kind = ev_str(f, "letter_type").unwrap_or("letter");
        records |= kind == "records-request";
        let late = ev_num(f, "days_late").map(|d| d.round() as i64).unwrap_or(0);
        let late = match late {
            0 => String::new(),
            1 => "; it is now 1 day late".to_string(),
            n => format!("; it is now {n} days late"),
        };
        context.items.push(RequestItem {
            text: format!(
                "My {} of {} asked for an answer by {}, and I have had none{late}. Please answer it in full.",
                request_words(kind),
                long_date(sent),
                long_date(due)
            ),
            ..Default::default()
        });
        context.documents.push(format!("My letter of {}", long_date(sent)));
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
        "If I still have no answer {}, I will {}.",
        context.respond_by.clone().unwrap_or_default(),
        escalation(letter)
    );
}

/// What kind of problem a disagreement is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    Changes,
    Services,
    Unanswered,
    Progress,
}

/// The disagreements of the case, one line each, for a mediator or the state.
fn disagreements(letter: &Letter) -> Vec<(Problem, String, Vec<String>)> {
    let case = letter.case;
    let first = letter.first_name();
    let plan = letter.plan_name();
    let cutoff = letter.request.date.checked_sub_months(Months::new(12));
    let recent = |f: &&Finding| match (f.date, cutoff) {
        (Some(d), Some(c)) => d >= c,
        _ => true,
    };
    let mut out = Vec::new();
    let changes = ChangeSet::of(case, letter.findings);
    let unagreed: Vec<_> =
        changes.without_notice.iter().chain(changes.to_object.iter()).filter(|c| c.unagreed).collect();
    if !unagreed.is_empty() {
        let no_notice = unagreed.iter().any(|c| c.no_notice);
        let facts = unagreed
            .iter()
            .map(|c| {
                format!("{}: {}.", capitalize(&item_name(case, c.subject).unwrap_or_default()), what_changed(case, c))
            })
            .collect();
        out.push((
            Problem::Changes,
            format!(
                "The district changed {first}'s {plan} without a meeting or my written agreement{}.",
                if no_notice { ", and without prior written notice" } else { "" }
            ),
            facts,
        ));
    }
    let shortfalls: Vec<&Finding> = letter
        .findings_for(LetterType::ServicesConcern)
        .into_iter()
        .filter(recent)
        .filter(|f| f.code == "service-shortfall")
        .collect();
    if !shortfalls.is_empty() {
        let facts = shortfalls
            .iter()
            .map(|f| {
                let name = capitalize(&item_name(case, &f.subject).unwrap_or_default());
                let month = ev_str(f, "month").unwrap_or_default();
                match (ev_num(f, "delivered"), ev_num(f, "required"), ev_str(f, "unit")) {
                    (Some(d), Some(r), Some("sessions")) => {
                        format!("{name}, {month}: {} of {} sessions provided.", wording::number(d), wording::number(r))
                    }
                    (Some(d), Some(r), _) => {
                        format!("{name}, {month}: {} of {} delivered.", wording::number(d.round()), minutes(r))
                    }
                    _ => format!("{name}, {month}: not delivered in full."),
                }
            })
            .collect();
        out.push((Problem::Services, format!("The district did not provide the services in {first}'s {plan}."), facts));
    }
    for f in letter.findings_for(LetterType::FollowUp).into_iter().filter(recent) {
        if let (Some(sent), Some(kind)) = (ev_date(f, "letter_date"), ev_str(f, "letter_type")) {
            out.push((
                Problem::Unanswered,
                format!("The district has not answered my {} of {}.", request_words(kind), long_date(sent)),
                Vec::new(),
            ));
        }
    }
    let stalled: Vec<String> = letter
        .findings_for(LetterType::MeetingRequest)
        .into_iter()
        .filter(|f| f.code == "progress-stalled" || f.code == "progress-off-pace")
        .filter_map(|f| item_name(case, &f.subject))
        .fold(Vec::new(), |mut acc, n| {
            if !acc.contains(&n) {
                acc.push(n);
            }
            acc
        });
    if !stalled.is_empty() && !letter.is_504() {
        out.push((
            Problem::Progress,
            format!(
                "The IEP has not been revised although {first} is not making the expected progress toward {}.",
                wording::join_and(&stalled)
            ),
            Vec::new(),
        ));
    }
    out
}

pub(crate) fn mediation_request(letter: &Letter, context: &mut LetterContext) {
    context.subject = format!("Request for mediation about {}'s {}", letter.first_name(), letter.plan_name());
    for (_, problem, _) in disagreements(letter) {
        context.background.push(problem);
    }
    context.items.push(RequestItem {
        text: "Please tell me in writing whether the district agrees to mediation, and propose two or three dates."
            .to_string(),
        ..Default::default()
    });
    let rules = law::rules(letter, "mediation-voluntary");
    if let Some(under) = law::under(&rules) {
        context.law.push(format!(
            "{under}, mediation is voluntary, it may not be used to deny or delay a due process hearing, and it is at no cost to me."
        ));
    }
    ask_reply(context, law::reply(letter, None, None));
    context.next_step = format!(
        "If I do not have the district's answer {}, I will file a complaint with the {}.",
        context.respond_by.clone().unwrap_or_default(),
        agency(letter).0
    );
}

pub(crate) fn state_complaint(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let first = letter.first_name();
    let (agency_name, note) = agency(letter);
    context.notes_for_parent.extend(note);
    // The district contact the letter was "to" gets the copy (300.153(d)).
    let district = case.info.district.clone();
    let contact = std::mem::take(&mut context.recipient);
    context.cc.insert(0, Person { name: contact.name, role: contact.role, organization: district.clone() });
    context.recipient = Recipient {
        name: agency_name.clone(),
        role: None,
        address_lines: Vec::new(),
        email: None,
        greeting: "Dear Complaint Investigator".to_string(),
    };
    context.delivery = Some(match letter.request.via.as_deref() {
        Some("email") | None => "Sent by first-class mail; a copy sent to the district the same day".to_string(),
        Some("certified-mail") => {
            "Sent by certified mail, return receipt requested; a copy sent to the district the same day".to_string()
        }
        Some("hand") => "Delivered by hand; a copy sent to the district the same day".to_string(),
        Some(_) => "Sent by first-class mail; a copy sent to the district the same day".to_string(),
    });
    context.subject = format!("State complaint about the special education of {}", context.child.name);
    let address = case
        .info
        .parent
        .address
        .as_deref()
        .map(|a| a.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(", "));
    context.background.push(format!(
        "I file this complaint against {} about my child, {}{}{}.",
        district.clone().unwrap_or_else(|| "the school district".to_string()),
        context.child.name,
        address.map(|a| format!(", who lives at {a}")).unwrap_or_default(),
        context.child.school.as_ref().map(|s| format!(" and attends {s}")).unwrap_or_default()
    ));
    let problems = disagreements(letter);
    let mut rule_keys: Vec<&str> = Vec::new();
    for (_, problem, facts) in &problems {
        context.items.push(RequestItem { heading: String::new(), text: problem.clone(), details: facts.clone() });
    }
    let changes = ChangeSet::of(case, letter.findings);
    if changes.without_notice.iter().chain(changes.to_object.iter()).any(|c| c.unagreed) {
        rule_keys.push("amendment-without-meeting");
        context.resolution.push(format!("that the district restore {first}'s services and accommodations as in the IEP I accepted, until the team agrees on any change;"));
    }
    if changes.without_notice.iter().any(|c| c.no_notice) {
        rule_keys.push("prior-written-notice");
    }
    if problems.iter().any(|(kind, ..)| *kind == Problem::Services) {
        context.resolution.push(format!(
            "that the district provide {first} compensatory services for the time not delivered, on a written schedule;"
        ));
    }
    if letter.findings_for(LetterType::FollowUp).iter().any(|f| ev_str(f, "letter_type") == Some("records-request")) {
        rule_keys.push("records-access");
        context.resolution.push(format!("that the district give me copies of {first}'s education records;"));
    }
    if problems.iter().any(|(kind, ..)| *kind == Problem::Progress) {
        rule_keys.push("lack-of-progress");
        context
            .resolution
            .push(format!("that the IEP team meet to revise {first}'s IEP for the goals that are not progressing."));
    }
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
    for key in rule_keys {
        let rules = law::rules(letter, key);
        let under = if key == "prior-written-notice" { law::under_notice(&rules) } else { law::under(&rules) };
        if let Some(under) = under {
            let sentence = match key {
                "amendment-without-meeting" => "an IEP can be changed without a meeting only when the parent and the district agree in writing".to_string(),
                "prior-written-notice" => "the district must give prior written notice a reasonable time before it proposes or refuses a change".to_string(),
                "records-access" => "a parent may inspect and review the education records without unnecessary delay and before any IEP meeting".to_string(),
                _ => "the IEP team revises the IEP to address any lack of expected progress toward the annual goals".to_string(),
            };
            context.law.push(format!("{under}, {sentence}."));
        }
    }
    let contents = law::rules(letter, "state-complaint-contents");
    if !contents.is_empty() {
        context.law.push(format!(
            "As {} provides, this complaint gives the facts, {first}'s name, address and school, and a proposed resolution, and I am sending a copy to the district at the same time.",
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
