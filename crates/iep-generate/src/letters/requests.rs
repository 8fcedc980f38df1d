//! Requests that prepare or start a process: `records-request`,
//! `meeting-request`, `draft-request`, `evaluation-request`, `iee-request`.

use chrono::{Days, NaiveDate};
use iep_model::{
    Case, Consent, ConsentFor, Doc, Evaluation, EvaluationType, Evaluator, Evidence, LetterType, Rule, long_date,
};

use super::law::{self, ask_reply, time_words};
use super::{Letter, LetterContext, RequestItem, document_of, facts};
use crate::wording::{self, capitalize, item_name};

/// The day before a scheduled meeting: records come before any meeting on the IEP.
pub(crate) fn day_before(meeting: Option<NaiveDate>) -> Option<NaiveDate> {
    meeting.and_then(|m| m.checked_sub_days(Days::new(1)))
}

/// The rule that sets the records reply: FERPA's 45 days for a 504 plan,
/// else the state's records rule, else the federal one.
pub(crate) fn records_rule<'a>(letter: &Letter<'a>) -> Option<&'a Rule> {
    if letter.is_504() {
        letter.case.rules.by_key("ferpa-records-access")
    } else {
        law::response_rule(letter, "records-access")
    }
}

/// The legal sentence on access to records.
pub(crate) fn records_law(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    if letter.is_504() {
        let mut rules = law::rules(letter, "section-504-safeguards");
        rules.extend(law::rules(letter, "ferpa-records-access"));
        let days = letter.case.rules.by_key("ferpa-records-access").and_then(time_words);
        if let Some(under) = law::under(&rules) {
            context.law.push(format!(
                "{under}, I may examine {first}'s education records{}.",
                days.map(|d| format!(", and the records must be made available {d} of my request")).unwrap_or_default()
            ));
        }
        return;
    }
    let rules = law::rules(letter, "records-access");
    let state_days = rules.iter().find(|r| r.jurisdiction != "US").and_then(|r| time_words(r));
    let federal_days = rules.iter().find(|r| r.jurisdiction == "US").and_then(|r| time_words(r));
    if let Some(under) = law::under(&rules) {
        let days =
            state_days.or(federal_days).map(|d| format!(", and in any case {d} of my request")).unwrap_or_default();
        context.law.push(format!(
            "{under}, I may inspect and review {first}'s education records without unnecessary delay and before any meeting about {first}'s IEP{days}."
        ));
    }
}

pub(crate) fn records_request(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    let plan = letter.plan_name();
    context.subject = format!("Request for copies of {first}'s education records");
    // A request still open is named, so the school reads this as the same one.
    facts::name_open_request(letter, context, LetterType::RecordsRequest, &format!("{first}'s records"));
    // Progress reports and service logs are asked for only where the plan
    // has goals or services for them to be about.
    let case = letter.case;
    let has_goals = case.versions.iter().any(|v| !v.goals.is_empty()) || !case.reports.is_empty();
    let has_services = case.versions.iter().any(|v| !v.services.is_empty()) || !case.service_logs.is_empty();
    let list = [
        Some("every evaluation and assessment report, with its scores and protocols".to_string()),
        Some(format!("every {plan}, amendment and draft, and the notes of every meeting about {first}")),
        has_goals.then(|| "the progress reports and the data they are based on".to_string()),
        has_services.then(|| format!("the service logs of every service in the {plan}")),
        Some("every notice and consent form".to_string()),
        Some(format!("the emails and other correspondence about {first} kept in {first}'s file")),
        Some(format!("{first}'s attendance and discipline records")),
    ];
    for item in list.into_iter().flatten() {
        context.items.push(RequestItem { text: format!("Please send me copies of {item}."), ..Default::default() });
    }
    records_law(letter, context);
    // Records come before a scheduled meeting, a 504 meeting too, and never after the rule's date.
    let cap = day_before(letter.request.next_meeting);
    ask_reply(context, law::reply(letter, records_rule(letter), cap));
    // The next step never names the person the letter goes to.
    context.next_step = if facts::to_director(letter) {
        format!(
            "If I do not have the records {}, I will {}.",
            context.respond_by.clone().unwrap_or_default(),
            super::disputes::escalation(letter)
        )
    } else {
        format!(
            "If I do not have the records {}, I will write to the district's director and ask when I may inspect them in person.",
            context.respond_by.clone().unwrap_or_default()
        )
    };
    facts::ask_at_once(letter, context, LetterType::RecordsRequest, "my request");
}

pub(crate) fn meeting_request(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    context.subject = match context.scheduled_meeting.as_deref() {
        Some(date) => format!("Items for the agenda of {first}'s meeting on {date}"),
        None => format!("Request for {} for {first}", context.meeting_name),
    };
    let open = if letter.is_504() { "a 504 meeting" } else { "a meeting" };
    facts::name_open_request(letter, context, LetterType::MeetingRequest, open);
    let findings = letter.findings_for(LetterType::MeetingRequest);
    let goals_behind = goal_items(letter, context, &findings);
    if findings.iter().any(|f| matches!(f.evidence, Evidence::MeetingRecommended(_))) {
        counted_items(letter, context);
    }
    if context.items.is_empty() {
        context.items.push(RequestItem {
            text: format!("How {first}'s program is working, and what should change."),
            ..Default::default()
        });
    }
    if goals_behind && !letter.is_504() {
        let rules = law::rules(letter, "lack-of-progress");
        if let Some(under) = law::under(&rules) {
            context.law.push(format!("{under}, the IEP team revises the IEP to address any lack of expected progress toward the annual goals."));
        }
    }
    if context.scheduled_meeting.is_some() {
        let cap = day_before(letter.request.next_meeting);
        ask_reply(context, law::reply(letter, None, cap));
        context.next_step = format!(
            "If I do not hear from you {}, I will bring these items to the meeting myself and ask that they be recorded in the notes.",
            context.respond_by.clone().unwrap_or_default()
        );
        return;
    }
    let rule = if letter.is_504() { None } else { law::response_rule(letter, "requested-meeting") };
    if let Some(rule) = rule {
        let when = law::time_words_from(rule, "of your receipt of my request").unwrap_or_default();
        context.law.push(format!("Under {}, a meeting I request in writing is to be held {when}.", rule.citation));
    }
    ask_reply(context, law::reply(letter, rule, None));
    // What must happen by the date: the rule's own words where one sets it
    // (California's meeting is held, not scheduled), else the meeting scheduled.
    let (condition, ask) = match rule {
        Some(rule) => (format!("If you do not {}", in_my_words(&rule.what)), "see to it"),
        None => ("If the meeting is not scheduled".to_string(), "schedule it"),
    };
    let by = context.respond_by.clone().unwrap_or_default();
    context.next_step = if facts::to_director(letter) {
        format!("{condition} {by}, I will {}.", super::disputes::escalation(letter))
    } else {
        format!("{condition} {by}, I will ask the district's director to {ask}.")
    };
}

/// An item per goal behind (its latest measure against its target) and one
/// for an annual review due; returns whether any goal is behind.
fn goal_items(letter: &Letter, context: &mut LetterContext, findings: &[&iep_model::Finding]) -> bool {
    let case = letter.case;
    let first = letter.first_name();
    let mut goals_behind = false;
    let mut seen: Vec<&str> = Vec::new();
    for f in findings {
        match &f.evidence {
            Evidence::ProgressStalled(_) | Evidence::ProgressOffPace(_) => {
                if seen.contains(&f.subject.as_str()) {
                    continue;
                }
                seen.push(&f.subject);
                goals_behind |= !super::about_objective(f);
                let name = item_name(case, &f.subject).unwrap_or_else(|| "a goal".to_string());
                let related: Vec<_> = findings.iter().filter(|g| g.subject == f.subject).collect();
                let latest = related.iter().find_map(|g| match &g.evidence {
                    Evidence::ProgressStalled(e) => Some(e.latest),
                    Evidence::ProgressOffPace(e) => Some(e.latest),
                    _ => None,
                });
                let off_pace = related.iter().find_map(|g| match &g.evidence {
                    Evidence::ProgressOffPace(e) => Some(e),
                    _ => None,
                });
                let target = off_pace.and_then(|e| e.target);
                let by = off_pace.and_then(|e| e.target_date);
                let mut text = capitalize(&name);
                text.push(':');
                // An objective's pace is projected from its goal's baseline: its own
                // readings may say otherwise, so the letter states the numbers only.
                let pace = if super::about_objective(f) {
                    String::new()
                } else {
                    format!(", and at this pace {first} will not reach it")
                };
                match (latest, target) {
                    (Some(latest), Some(target)) => text.push_str(&format!(
                        " {}{pace}.",
                        wording::latest_toward_target(case, &f.subject, latest, target, by)
                    )),
                    _ => text.push_str(" the progress reports show no gain."),
                }
                text.push_str(if super::about_objective(f) {
                    " Please bring the data behind these measures and be ready to discuss whether it is on track to be met."
                } else {
                    " Please come prepared to propose changes to the instruction or services for this goal."
                });
                context.items.push(RequestItem { text, ..Default::default() });
                if let Some(doc) = document_of(case, f) {
                    context.documents.push(doc);
                }
            }
            Evidence::AnnualReviewDue(_) => context.items.push(RequestItem {
                text: format!(
                    "The annual review of {first}'s {}: please schedule it before the current {} runs out.",
                    letter.plan_name(),
                    letter.plan_name()
                ),
                ..Default::default()
            }),
            _ => {}
        }
    }
    goals_behind
}

/// The problems the meeting-recommended finding counts, one item per kind:
/// services not delivered, accommodations not given, changes not agreed to.
fn counted_items(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let is_accommodation = |f: &&&iep_model::Finding| {
        matches!(iep_model::ItemPath::parse(&f.subject), Some(iep_model::ItemPath::Accommodation(_)))
    };
    let services: Vec<String> = letter
        .findings_for(LetterType::ServicesConcern)
        .iter()
        .filter(|f| !is_accommodation(f))
        .filter_map(|f| item_name(case, &f.subject))
        .fold(Vec::new(), super::push_new);
    // Health and safety services (counted in sessions) call for staffing, not make-up time.
    let health: Vec<String> = letter
        .findings_for(LetterType::ServicesConcern)
        .iter()
        .filter(|f| f.evidence.in_sessions())
        .filter_map(|f| item_name(case, &f.subject))
        .fold(Vec::new(), super::push_new);
    if !services.is_empty() {
        let plans = if health.is_empty() {
            "a plan to make up the time".to_string()
        } else if health.len() == services.len() {
            "say who will provide them each day".to_string()
        } else {
            // Make-up time is asked only for the services that owe time, by name.
            let owing: Vec<String> = services.iter().filter(|s| !health.contains(s)).cloned().collect();
            format!(
                "a plan to make up the time of {}, and say who will provide {} each day",
                wording::join_and(&owing),
                wording::join_and(&health)
            )
        };
        context.items.push(RequestItem {
            text: format!(
                "The services not delivered as the {} requires: {}. Please bring the service logs and {plans}.",
                letter.plan_name(),
                wording::join_and(&services)
            ),
            ..Default::default()
        });
    }
    // Accommodations are owed every time, never as make-up time.
    let accommodations: Vec<String> = letter
        .findings_for(LetterType::ServicesConcern)
        .iter()
        .filter(is_accommodation)
        .filter_map(|f| item_name(case, &f.subject))
        .fold(Vec::new(), super::push_new);
    if !accommodations.is_empty() {
        context.items.push(RequestItem {
            text: format!(
                "The accommodations not given as the {} requires: {}. Please come prepared to say how each person responsible will know of them and give them every time.",
                letter.plan_name(),
                wording::join_and(&accommodations)
            ),
            ..Default::default()
        });
    }
    let changes = super::changes::ChangeSet::of(case, letter.findings);
    let unagreed: Vec<_> =
        changes.without_notice.iter().chain(changes.to_object.iter()).filter(|c| c.unagreed).collect();
    // The changes named by the document that made them, so the team can find them.
    let made_by: Vec<String> = unagreed.iter().fold(Vec::new(), |mut acc, c| {
        let title = case.versions.iter().find(|v| v.id == c.version).map(|v| wording::version_title(v));
        if let Some(title) = title
            && !acc.contains(&title)
        {
            acc.push(title);
        }
        acc
    });
    let changed: Vec<String> = unagreed.iter().filter_map(|c| item_name(case, c.subject)).collect();
    if !changed.is_empty() {
        let by = if made_by.is_empty() {
            format!("The changes made to the {} without my agreement", letter.plan_name())
        } else {
            format!("The changes the {} made without my agreement", wording::join_and(&made_by))
        };
        context.items.push(RequestItem {
            text: format!("{by}, to {}. Please be ready to restore what I accepted.", wording::join_and(&changed)),
            ..Default::default()
        });
        // Each version named is listed among the documents referred to.
        for c in &unagreed {
            if let Some(doc) = c.document.and_then(|p| wording::document_title(case, p))
                && !context.documents.contains(&doc)
            {
                context.documents.push(doc);
            }
        }
    }
}

/// A rule's `what` in the parent's voice: "hold the IEP meeting I requested in writing".
fn in_my_words(what: &str) -> String {
    what.replace("the parent requested", "I requested").replace("the parent", "me")
}

pub(crate) fn draft_request(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    let meeting = letter.request.next_meeting;
    context.subject = format!(
        "Request for the draft IEP and assessment summaries before {first}'s meeting{}",
        meeting.map(|m| format!(" on {}", long_date(m))).unwrap_or_default()
    );
    context.items.push(RequestItem {
        text: "The draft IEP the team will propose, with its goals, services and accommodations.".to_string(),
        ..Default::default()
    });
    context.items.push(RequestItem {
        text: "A summary of every assessment the team will discuss, with its scores.".to_string(),
        ..Default::default()
    });
    if let Some(draft) = letter.case.drafts.last() {
        context.documents.push(capitalize(&format!("draft {} I have", wording::version_title(draft))));
    }
    // Massachusetts: summaries at least two days before the Team meeting
    // that follows an evaluation (not every meeting), as the checks track it.
    let rule = letter.case.rules.by_key("assessment-summaries").filter(|r| r.jurisdiction != "US");
    let mut cap = day_before(meeting);
    if let (Some(rule), Some(m)) = (rule, meeting)
        && iep_deadlines::follows_evaluation(letter.case, m, None)
        && let (Some(due), Some(words)) = (iep_deadlines::due_after(letter.case, m, rule), time_words(rule))
    {
        context.law.push(format!(
            "Under {}, the assessment summaries are to be available to me {words} that follows an evaluation.",
            rule.citation
        ));
        cap = Some(due);
    }
    let cap = cap.filter(|c| *c >= letter.request.date).or(day_before(meeting));
    ask_reply(context, law::reply(letter, None, cap));
    context.next_step = format!(
        "If I do not have them {}, I will ask that the meeting be moved so that I can read them first.",
        context.respond_by.clone().unwrap_or_default()
    );
}

/// The child has a plan in force: an evaluation request is a reevaluation.
fn eligible(case: &Case) -> bool {
    !case.versions.is_empty()
}

/// The areas of concern from the case: the areas of goals the findings
/// question, else every goal's area, and the parent's own meeting concerns.
fn areas_of_concern(letter: &Letter) -> Vec<String> {
    let case = letter.case;
    let mut areas: Vec<String> = Vec::new();
    let push = |areas: &mut Vec<String>, a: String| {
        if !a.trim().is_empty() && !areas.contains(&a) {
            areas.push(a);
        }
    };
    let current = case.versions.last();
    for f in letter.findings.iter().filter(|f| f.subject.starts_with("goals.") && f.evidence.about_progress()) {
        // An objective's finding (`goals.G1.objectives.G1.1`) is about its goal's area.
        let id = f.subject.trim_start_matches("goals.").split(".objectives.").next().unwrap_or_default();
        if let Some(area) = current.and_then(|v| v.goal(id)).and_then(|g| g.area.clone()) {
            push(&mut areas, area);
        }
    }
    if areas.is_empty() {
        for goal in current.map(|v| v.goals.as_slice()).unwrap_or_default() {
            if let Some(area) = &goal.area {
                push(&mut areas, area.clone());
            }
        }
    }
    if let Some(meeting) = case.meetings.last() {
        for concern in &meeting.concerns {
            push(&mut areas, concern.trim().to_string());
        }
    }
    areas
}

/// The day a parent's request for a reevaluation needs no agreement: one
/// period of the rules data's limit (a year) after the school's last
/// evaluation, when that day is still ahead of the letter's date, with the
/// last evaluation's date.
fn reevaluation_waits_until(letter: &Letter) -> Option<(NaiveDate, NaiveDate)> {
    let last = school_evaluation(letter.case)?.date;
    let rule = letter.case.rules.by_key("reevaluation-once-a-year")?;
    let year_after = iep_deadlines::due_after(letter.case, last, rule)?;
    (year_after > letter.request.date).then_some((last, year_after))
}

/// The deadline to evaluate once the district has my consent: the state's
/// own rules in their words where the rules data has them, else the federal
/// rule, with its "or within the State's timeframe" for a state the data
/// does not know. Nothing for a reevaluation the rules data sets no
/// deadline for, or for a 504 plan (its rules hold none).
fn evaluation_clock(letter: &Letter, consent_for: ConsentFor) -> Vec<String> {
    let rules = letter.case.rules.after_consent(consent_for);
    let mut citations: Vec<&str> = Vec::new();
    for rule in &rules {
        if !citations.contains(&rule.citation.as_str()) {
            citations.push(&rule.citation);
        }
    }
    let alternative = |rule: &Rule| match &rule.state_alternative {
        Some(words) if !letter.case.rules.knows_state() => format!(", {words}"),
        _ => String::new(),
    };
    citations
        .into_iter()
        .filter_map(|citation| {
            let clauses: Vec<String> = rules
                .iter()
                .filter(|r| r.citation == citation)
                .filter_map(|r| Some(format!("{} {}{}", short_what(r), time_words(r)?, alternative(r))))
                .collect();
            (!clauses.is_empty()).then(|| {
                format!(
                    "Under {citation}, once the district receives my consent, it is to {}.",
                    wording::join_and(&clauses)
                )
            })
        })
        .collect()
}

pub(crate) fn evaluation_request(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    // A consent already on file: the letter asks for the evaluation to be completed, never to begin.
    if let Some(consent) = facts::pending_consent(letter.case, letter.request.date) {
        return evaluation_to_complete(letter, context, consent);
    }
    let areas = areas_of_concern(letter);
    let reevaluation = eligible(letter.case) && !letter.is_504();
    // Within a year of the last evaluation a reevaluation needs the district's agreement.
    let waits = if reevaluation { reevaluation_waits_until(letter) } else { None };
    context.subject = if reevaluation {
        format!("Request for a reevaluation of {}", context.child.name)
    } else {
        format!("Request for an evaluation of {}", context.child.name)
    };
    context.background.push(if reevaluation {
        format!("I am writing to ask for a reevaluation of {first}, so that the team has current information to plan with.")
    } else if letter.is_504() {
        format!("I am writing to ask the district to evaluate {first} under Section 504, so that the 504 plan rests on current information.")
    } else {
        format!("I am writing to ask the district to evaluate {first} for special education.")
    });
    if let Some((last, _)) = waits {
        context.background.push(format!("{first} was last evaluated on {}.", long_date(last)));
    }
    // A noun phrase under the letter's "I ask for the following:", never a second "Please".
    let ask = match waits {
        Some((_, year_after)) => format!(
            "Your agreement to reevaluate {first} now, or else a reevaluation beginning on {}, ",
            long_date(year_after)
        ),
        None if reevaluation => format!("A reevaluation of {first} "),
        None => format!("An evaluation of {first} "),
    };
    let text = if areas.is_empty() {
        format!(
            "{ask}in every area of suspected need, with the consent form and a description of the assessments you propose."
        )
    } else {
        format!(
            "{ask}in every area of suspected need, including {}, with the consent form and a description of the assessments you propose.",
            wording::join_and(&areas)
        )
    };
    context.items.push(RequestItem { text, ..Default::default() });
    if letter.is_504() {
        let rules = law::rules(letter, "section-504-evaluation");
        if !rules.is_empty() {
            context.law.push(format!("I make this request under Section 504 ({}).", law::citations(&rules)));
        }
    } else if reevaluation {
        let rules = law::rules(letter, "reevaluation-on-request");
        if let Some(under) = law::under(&rules) {
            context.law.push(if waits.is_some() {
                format!(
                    "{under}, a reevaluation is conducted when a parent requests one, but not more than once a year unless the district and I agree."
                )
            } else {
                format!("{under}, a reevaluation is conducted when a parent requests one.")
            });
        }
        context.law.extend(evaluation_clock(letter, ConsentFor::Reevaluation));
    } else {
        context.law.extend(evaluation_clock(letter, ConsentFor::InitialEvaluation));
    }
    // The state's rule for answering the request: for a reevaluation only a
    // rule on any assessment (California's assessment plan), never a rule
    // for an initial referral (the rules data marks it). The same rule the
    // checks track, so the letter and `response-overdue` agree.
    let stated = if letter.is_504() {
        None
    } else {
        letter.case.rules.for_request("evaluation-request", eligible(letter.case)).filter(|r| r.jurisdiction != "US")
    };
    if let Some(rule) = stated
        && let Some(when) = law::time_words_from(rule, "of receiving my request")
    {
        context.law.push(format!("Under {}, the district is to {} {when}.", rule.citation, short_what(rule)));
    }
    ask_reply(context, law::reply(letter, stated, None));
    let then = if facts::to_director(letter) {
        super::disputes::escalation(letter)
    } else {
        "write to the district's director".to_string()
    };
    context.next_step = if waits.is_some() {
        format!(
            "If I do not have the district's answer {}, I will {then}.",
            context.respond_by.clone().unwrap_or_default()
        )
    } else {
        format!("If I do not have the consent form {}, I will {then}.", context.respond_by.clone().unwrap_or_default())
    };
}

/// The evaluation the parent consented to, asked to be completed: by the
/// rule's date where the rules data sets one (stated in the rule's words),
/// else by a date the district names.
fn evaluation_to_complete(letter: &Letter, context: &mut LetterContext, consent: &Doc<Consent>) {
    let first = letter.first_name();
    let what = facts::consent_words(consent, &first);
    let reevaluation = consent.consent_for == ConsentFor::Reevaluation;
    context.subject = if reevaluation {
        format!("Completing the reevaluation of {}", context.child.name)
    } else {
        format!("Completing the evaluation of {}", context.child.name)
    };
    context.background.push(format!(
        "I am writing about {what}: you received my signed consent to it on {}.",
        long_date(consent.date)
    ));
    let due = iep_deadlines::evaluation_due(letter.case, consent).map(|(due, _)| due);
    let by = match due {
        Some(due) if due >= letter.request.date => format!(", completed by {}", long_date(due)),
        Some(due) => format!(", which was due by {}, completed without further delay", long_date(due)),
        None => String::new(),
    };
    context.items.push(RequestItem {
        text: format!("{}{by}, and a copy of each assessment report when it is written.", capitalize(&what)),
        ..Default::default()
    });
    if due.is_none() {
        context.items.push(RequestItem {
            text: format!("A written answer saying by what date {what} will be completed."),
            ..Default::default()
        });
    }
    context.documents.extend(wording::document_title(letter.case, &consent.path));
    if !letter.is_504() {
        context.law.extend(evaluation_clock(letter, consent.consent_for));
    }
    ask_reply(context, law::reply(letter, None, due.filter(|d| *d >= letter.request.date)));
    let then = if facts::to_director(letter) {
        super::disputes::escalation(letter)
    } else {
        "write to the district's director".to_string()
    };
    context.next_step = format!(
        "If I do not have the district's answer {}, I will {then}.",
        context.respond_by.clone().unwrap_or_default()
    );
}

/// The rule's own words of what must happen, in the parent's voice, without
/// the parenthesis and the "after a referral" the letter's sentence already says.
fn short_what(rule: &Rule) -> String {
    let what = rule.what.split(" (").next().unwrap_or(&rule.what);
    let what = what.split(" after a referral").next().unwrap_or(what);
    what.trim().replace("the parent", "me")
}

/// The latest evaluation the school did.
pub(crate) fn school_evaluation(case: &Case) -> Option<&Doc<Evaluation>> {
    case.evaluations.iter().filter(|e| e.by == Evaluator::School).max_by_key(|e| e.date)
}

fn evaluation_words(e: &Evaluation) -> String {
    let kind = match e.evaluation_type {
        EvaluationType::Initial => "initial evaluation",
        EvaluationType::Reevaluation => "reevaluation",
        EvaluationType::Independent => "evaluation",
    };
    format!("the district's {kind} dated {}", long_date(e.date))
}

pub(crate) fn iee_request(letter: &Letter, context: &mut LetterContext) {
    let first = letter.first_name();
    context.subject = format!("Request for an independent educational evaluation of {}", context.child.name);
    let Some(evaluation) = school_evaluation(letter.case) else { return };
    let areas = if evaluation.areas.is_empty() {
        String::new()
    } else {
        format!(", in {}", wording::join_and(&evaluation.areas))
    };
    context.background.push(format!("I disagree with {}{areas}.", evaluation_words(evaluation)));
    context.items.push(RequestItem {
        text: format!(
            "An independent educational evaluation of {first} at public expense, covering the same areas, and the district's criteria for independent evaluators."
        ),
        ..Default::default()
    });
    context.documents.push(format!("Evaluation report of {}", long_date(evaluation.date)));
    let rules = law::rules(letter, "iee-response");
    if let Some(under) = law::under(&rules) {
        context.law.push(format!(
            "{under}, when I ask for an independent educational evaluation at public expense, the district must, without unnecessary delay, either file a due process complaint to show that its evaluation is appropriate or make sure the independent evaluation is provided at public expense."
        ));
    }
    ask_reply(context, law::reply(letter, None, None));
    context.next_step = format!(
        "If I do not have the district's answer {}, I will ask for mediation.",
        context.respond_by.clone().unwrap_or_default()
    );
}
