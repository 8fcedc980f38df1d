//! Changes to the plan: `pwn-request` for changes with no notice on file,
//! `objection` for changes nobody agreed to that have one and for changes
//! the parent rejected in writing. A change, its missing notice and its
//! weaker wording are one item; the same change never appears twice.

use chrono::NaiveDate;
use iep_model::evidence::FieldChangeAccount;
use iep_model::{Case, ChangeDirection, ChangeKind, Evidence, Field, Finding, ItemPath, ItemRef, Trend, long_date};

use super::law::{self, ask_reply};
use super::{Letter, LetterContext, RequestItem, facts, non_blank};
use crate::wording::{self, capitalize, item_name, version_title};

/// One change of one item, with what the findings say of it.
#[derive(Debug, Clone)]
pub(crate) struct Change<'a> {
    pub subject: &'a str,
    pub version: &'a str,
    pub effective: Option<NaiveDate>,
    pub compared_with: Option<&'a str>,
    pub kind: ChangeKind,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
    pub fields: &'a [FieldChangeAccount],
    pub unagreed: bool,
    pub no_notice: bool,
    pub softer_phrases: Vec<&'static str>,
    pub document: Option<&'a str>,
    /// Which way it goes, from the unagreed-change finding.
    pub direction: Option<ChangeDirection>,
    /// The parent rejected it in writing.
    pub rejected: bool,
    /// The day after the version before took effect: notices about it are dated from here.
    pub window_from: Option<NaiveDate>,
}

/// A change the parent rejected in writing.
#[derive(Debug, Clone)]
pub(crate) struct Rejection {
    pub subject: String,
    pub version_title: String,
    /// The date of the written rejection, when the case dates it.
    pub rejected_on: Option<NaiveDate>,
}

/// The changes of the case, split by the letter that acts on them.
#[derive(Debug, Default)]
pub(crate) struct ChangeSet<'a> {
    pub without_notice: Vec<Change<'a>>,
    /// Unagreed changes with a notice on file.
    pub to_object: Vec<Change<'a>>,
    pub rejections: Vec<Rejection>,
    /// Some change nobody agreed to only adds or strengthens an item: it is
    /// left out of the objection (worth raising, not objecting to).
    pub only_added: bool,
}

impl<'a> ChangeSet<'a> {
    /// The version a change finding is about (`None`: not a change finding).
    pub fn version_of(finding: &Finding) -> Option<&str> {
        finding.evidence.plan_change().map(|c| c.version.as_str())
    }

    pub fn of(case: &'a Case, findings: &'a [Finding]) -> ChangeSet<'a> {
        let mut changes: Vec<Change<'a>> = Vec::new();
        for (f, plan_change) in findings.iter().filter_map(|f| Some((f, f.evidence.plan_change()?))) {
            let version = plan_change.version.as_str();
            let index = match changes.iter().position(|c| c.subject == f.subject && c.version == version) {
                Some(i) => i,
                None => {
                    changes.push(Change {
                        subject: &f.subject,
                        version,
                        effective: Some(plan_change.effective),
                        compared_with: non_blank(Some(&plan_change.compared_with)),
                        kind: plan_change.change,
                        before: non_blank(plan_change.before.as_ref()),
                        after: non_blank(plan_change.after.as_ref()),
                        fields: &plan_change.fields,
                        unagreed: false,
                        no_notice: false,
                        softer_phrases: Vec::new(),
                        document: f.document.as_deref(),
                        direction: None,
                        rejected: false,
                        window_from: Some(plan_change.window_from),
                    });
                    changes.len() - 1
                }
            };
            let change = &mut changes[index];
            match &f.evidence {
                Evidence::UnagreedChange(e) => {
                    change.unagreed = true;
                    change.direction = Some(e.change.direction);
                    change.rejected = e.rejected;
                }
                Evidence::MissingPwn(_) => change.no_notice = true,
                Evidence::WeakenedWording(e) => change.softer_phrases = e.phrases_after.clone(),
                _ => {}
            }
        }
        let known: Vec<String> = changes.iter().map(|c| c.subject.to_string()).collect();
        // A change is asked a notice for only when none about it is on file (a late one, a refusal).
        // A 504 plan has no prior written notice (an IDEA rule): its unagreed changes are objected to.
        let notice_rule = crate::wording::case_plan(case) == iep_model::Plan::Iep;
        let (without_notice, rest): (Vec<_>, Vec<_>) =
            changes.into_iter().partition(|c| notice_rule && c.no_notice && facts::notice_on_file(case, c).is_none());
        let only_added = rest.iter().any(|c| c.unagreed && facts::only_adds(c));
        let to_object: Vec<Change> = rest.into_iter().filter(|c| c.unagreed && !facts::only_adds(c)).collect();
        let mut rejections = Vec::new();
        for version in &case.versions {
            for item in &version.parent_rejected.0 {
                let subject = match item {
                    ItemRef::Item(path) => path.to_string(),
                    ItemRef::All => "all".to_string(),
                };
                if !known.contains(&subject) {
                    rejections.push(Rejection {
                        subject,
                        version_title: version_title(version),
                        rejected_on: facts::rejected_on(version),
                    });
                }
            }
        }
        ChangeSet { without_notice, to_object, rejections, only_added }
    }
}

pub(crate) use super::facts::notice_on_file;

/// The field of a change in words ("the amount").
fn field_noun(field: Field) -> &'static str {
    match field {
        Field::Description => "the name",
        Field::Provider => "the provider",
        Field::Amount => "the amount",
        Field::Setting => "the setting",
        Field::Group => "the grouping",
        Field::Start => "the start",
        Field::End => "the end",
        Field::Area => "the area",
        Field::Statement => "the wording of the goal",
        Field::Measure => "the measure",
        Field::Baseline => "the baseline",
        Field::BaselineDate => "the baseline date",
        Field::TargetValue => "the target",
        Field::TargetDate => "the target date",
        Field::Direction => "the direction",
        Field::Text => "the wording",
        Field::GeneralEdPercent => "the time in general education",
        Field::ObjectiveAdded => "the objective added",
        Field::ObjectiveRemoved => "the objective removed",
        Field::ObjectiveText => "the objective text",
        Field::ObjectiveTarget => "the objective target",
        Field::ObjectiveTargetDate => "the objective target date",
    }
}

/// "the IEP amendment dated February 9, 2026 reduced the amount from 2 x 30
/// min per week to 1 x 30 min per week".
pub(crate) fn what_changed(case: &Case, change: &Change) -> String {
    let where_ = case
        .versions
        .iter()
        .find(|v| v.id == change.version)
        .map(|v| format!("the {}", version_title(v)))
        .unwrap_or_else(|| match change.effective {
            Some(d) => format!("the change effective {}", long_date(d)),
            None => "a later version".to_string(),
        });
    match change.kind {
        ChangeKind::Removed => format!("{where_} removed it"),
        ChangeKind::Added => {
            format!("{where_} added it{}", change.after.map(|a| format!(" (\u{201c}{a}\u{201d})")).unwrap_or_default())
        }
        ChangeKind::Changed => {
            // A goal's wording changes with its number: name the number alone.
            let has_other = change.fields.iter().any(|f| f.field != Field::Statement);
            let parts: Vec<String> = change
                .fields
                .iter()
                .filter(|f| !(f.field == Field::Statement && has_other))
                .map(|f| {
                    let verb = match f.trend {
                        Some(Trend::Reduced) => "reduced",
                        Some(Trend::LowerBar) => "lowered",
                        _ => "changed",
                    };
                    let quote = |t: &str| {
                        if matches!(f.field, Field::Text | Field::Statement) {
                            format!("\u{201c}{t}\u{201d}")
                        } else if let Ok(day) = t.parse::<NaiveDate>() {
                            // A date field (start, end, target date) is written out.
                            long_date(day)
                        } else {
                            t.to_string()
                        }
                    };
                    let (before, after) =
                        (f.before.as_deref().unwrap_or_default(), f.after.as_deref().unwrap_or_default());
                    format!("{verb} {} from {} to {}", field_noun(f.field), quote(before), quote(after))
                })
                .collect();
            if parts.is_empty() {
                format!("{where_} changed it")
            } else {
                format!("{where_} {}", wording::join_and(&parts))
            }
        }
    }
}

/// The terms the parent accepted, to keep: "as before (2 x 30 min per week ...)".
fn keep_sentence(case: &Case, change: &Change) -> String {
    let accepted = change
        .compared_with
        .and_then(|id| case.versions.iter().find(|v| v.id == id))
        .map(|v| format!(" as in {}", facts::accepted_version(case, v)))
        .unwrap_or_else(|| " as it was before".to_string());
    match ItemPath::parse(change.subject) {
        Some(ItemPath::Service(_)) => match change.before {
            Some(before) => format!("Please keep providing it{accepted}: {before}."),
            None => format!("Please keep providing it{accepted}."),
        },
        Some(ItemPath::Goal(_)) => format!("Please keep the goal{accepted}."),
        _ => format!("Please keep providing it{accepted}."),
    }
}

/// What the records say of the parent's answer to a change nobody agreed
/// to: the written rejection (with its date), else the notice on file and
/// the meeting it was made at, each as the record has it.
fn disagreement(case: &Case, change: &Change) -> String {
    if change.rejected {
        let version = case.versions.iter().find(|v| v.id == change.version);
        return match version.and_then(|v| facts::rejected_on(v)) {
            Some(on) => format!("I rejected this change in writing on {}.", long_date(on)),
            None => "I rejected this change in writing.".to_string(),
        };
    }
    let notice = notice_on_file(case, change).map(|n| capitalize(&facts::notice_words(change, n)));
    let meeting = facts::meeting_of(case, change);
    match (notice, meeting) {
        (Some(notice), None) => format!("{notice}; I do not agree to it."),
        (Some(notice), Some((date, true))) => format!(
            "{notice}, and the meeting of {} recorded no agreement to it; I do not agree to it.",
            long_date(date)
        ),
        (Some(notice), Some((date, false))) => {
            format!("{notice}, and it was made at the meeting of {}; I do not agree to it.", long_date(date))
        }
        (None, Some((date, true))) => {
            format!(
                "The meeting of {} recorded no agreement to this change, and I do not agree to it.",
                long_date(date)
            )
        }
        (None, Some((date, false))) => {
            format!("It was made at the meeting of {}, where I did not agree to it.", long_date(date))
        }
        (None, None) => "I did not agree to this change.".to_string(),
    }
}

fn change_item(case: &Case, change: &Change, ask: &str) -> RequestItem {
    let name = item_name(case, change.subject).unwrap_or_else(|| "An item".to_string());
    let mut text = format!("{}: {}.", capitalize(&name), what_changed(case, change));
    if !change.softer_phrases.is_empty() {
        let quoted: Vec<String> = change.softer_phrases.iter().map(|p| format!("\u{201c}{p}\u{201d}")).collect();
        text.push_str(&format!(
            " The new wording adds {}, which leaves it to the school to decide when it applies.",
            wording::join_and(&quoted)
        ));
    }
    if change.unagreed {
        text.push(' ');
        text.push_str(&disagreement(case, change));
    }
    if !ask.is_empty() {
        text.push(' ');
        text.push_str(ask);
    }
    if change.unagreed {
        text.push(' ');
        text.push_str(&keep_sentence(case, change));
    }
    RequestItem { heading: capitalize(&name), text, ..Default::default() }
}

pub(crate) fn pwn_request(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let set = ChangeSet::of(case, letter.findings);
    context.subject = if letter.is_504() {
        format!("Request for written notice of changes to {}'s 504 plan", letter.first_name())
    } else {
        format!("Request for prior written notice of changes to {}'s IEP", letter.first_name())
    };
    let ask = if letter.is_504() {
        "Please send me written notice of this change."
    } else {
        "Please send me prior written notice of this change."
    };
    for change in &set.without_notice {
        context.items.push(change_item(case, change, ask));
        if let Some(doc) = change.document.and_then(|p| wording::document_title(case, p)) {
            context.documents.push(doc);
        }
    }
    // `letter_context` declines a request with no change lacking a notice: there is always an item.
    let rules = if letter.is_504() {
        law::rules(letter, "section-504-safeguards")
    } else {
        law::rules(letter, "prior-written-notice")
    };
    if let Some(under) = law::under_notice(&rules) {
        context.law.push(if letter.is_504() {
            format!("{under}, the district's procedural safeguards include notice to me of actions about {}'s identification, evaluation or placement.", letter.first_name())
        } else {
            format!("{under}, the school must give me written notice a reasonable time before it proposes or refuses a change to {}'s IEP, stating what it proposes or refuses and why, the evaluations, records and reports it relied on, the other options it considered and why it rejected them, and the other factors it weighed.", letter.first_name())
        });
    }
    // The rule on changes without a meeting speaks only of changes made without one.
    if !letter.is_504() && set.without_notice.iter().any(|c| c.unagreed && facts::meeting_of(case, c).is_none()) {
        push_amendment_rule(letter, context);
    }
    ask_reply(context, law::reply(letter, None, None));
    let notices = if set.without_notice.len() == 1 { "the notice" } else { "the notices" };
    // A meeting already set is where the parent asks for the restoration.
    context.next_step = match letter.request.next_meeting {
        Some(meeting) => format!(
            "If I do not have {notices} {}, I will ask the team, at the meeting on {}, to restore the {} I accepted.",
            context.respond_by.clone().unwrap_or_default(),
            long_date(meeting),
            letter.plan_name()
        ),
        None => format!(
            "If I do not have {notices} {}, I will ask for a meeting to restore the {} I accepted.",
            context.respond_by.clone().unwrap_or_default(),
            letter.plan_name()
        ),
    };
}

fn push_amendment_rule(letter: &Letter, context: &mut LetterContext) {
    let rules = law::rules(letter, "amendment-without-meeting");
    if let Some(under) = law::under(&rules) {
        context.law.push(format!(
            "{under}, an IEP is changed between annual reviews without a meeting only when the school and I agree not to meet and the change is made in a written document, and I made no such agreement."
        ));
    }
}

pub(crate) fn objection(letter: &Letter, context: &mut LetterContext) {
    let case = letter.case;
    let set = ChangeSet::of(case, letter.findings);
    context.subject = format!("I do not agree to changes to {}'s {}", letter.first_name(), letter.plan_name());
    let ask = "Please confirm in writing that it will be provided as I accepted it.";
    for change in &set.to_object {
        let mut item = change_item(case, change, "");
        // The notice on file is named, and listed: the school knows it sent it.
        if let Some(notice) = notice_on_file(case, change) {
            context.documents.extend(wording::document_title(case, &notice.path));
        }
        if !item.text.contains("Please keep") {
            item.text.push(' ');
            item.text.push_str(ask);
        }
        context.items.push(item);
        if let Some(doc) = change.document.and_then(|p| wording::document_title(case, p)) {
            context.documents.push(doc);
        }
    }
    for rejection in &set.rejections {
        let name =
            item_name(case, &rejection.subject).unwrap_or_else(|| format!("the whole {}", rejection.version_title));
        let when = rejection.rejected_on.map(|on| format!(" on {}", long_date(on))).unwrap_or_default();
        context.items.push(RequestItem {
            text: format!(
                "{}, as proposed in the {}: I rejected it in writing{when}. Please keep providing what I accepted before, and confirm this in writing.",
                capitalize(&name),
                rejection.version_title,
            ),
            ..Default::default()
        });
    }
    // `letter_context` declines an objection with nothing to object to: there is always an item.
    if letter.is_504() {
        let rules = law::rules(letter, "section-504-safeguards");
        if let Some(under) = law::under(&rules) {
            context.law.push(format!(
                "{under}, I am entitled to notice of, and a review procedure for, actions about {}'s placement.",
                letter.first_name()
            ));
        }
    } else if set.to_object.iter().any(|c| facts::meeting_of(case, c).is_none()) || !set.rejections.is_empty() {
        push_amendment_rule(letter, context);
    }
    ask_reply(context, law::reply(letter, None, None));
    context.next_step = format!(
        "If I do not have your written confirmation {}, I will ask for {}.",
        context.respond_by.clone().unwrap_or_default(),
        if letter.is_504() { "a review under the district's Section 504 procedures" } else { "mediation" }
    );
}
