//! Letters: the data a letter template reads ([`LetterContext`]), and how it
//! is made from the case, the findings' typed evidence and the rules data.
//!
//! A letter is the parent's own voice to the school (spec/letters.md): it
//! never reuses a finding's message, which is written for the parent. Each
//! group of letter types builds its numbered requests in its own module;
//! the legal sentences and reply dates come from `law.rs`, from the rules data only.

mod accommodations;
mod changes;
mod disputes;
mod facts;
mod law;
mod requests;
mod services;
mod table;

use chrono::NaiveDate;
use iep_model::{Case, Context, Finding, LetterType, Plan, TeamMember, Workplace};
use serde::Serialize;

pub use table::{AttachmentPage, For504, LETTERS, LetterSpec, letter_spec, parse_letter_type};

use crate::wording::{self, case_plan, plan_name};

/// Everything a letter template (`templates/letters/<type>.typ.j2`) reads.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct LetterContext {
    /// The letter type (`records-request`).
    pub letter_type: String,
    /// The subject line ("Request for copies of Maya's education records").
    pub subject: String,
    /// The letter's date, written out.
    pub date: String,
    pub sender: Sender,
    pub recipient: Recipient,
    pub child: ChildLine,
    /// "IEP" or "504 plan".
    pub plan: String,
    /// A 504 plan: written under Section 504.
    pub section_504: bool,
    /// "an IEP team meeting" or "a 504 meeting".
    pub meeting_name: String,
    /// A meeting already scheduled after the letter's date, written out.
    pub scheduled_meeting: Option<String>,
    /// Sentences of fact before the requests (each a whole sentence).
    pub background: Vec<String>,
    /// The numbered requests, one per problem.
    pub items: Vec<RequestItem>,
    /// The services letter's requests about accommodations (format 1.2),
    /// numbered on after `items`.
    pub accommodations: Vec<RequestItem>,
    /// No item names a problem of the case: the one request is a general one.
    pub general: bool,
    /// A sentence after the items that sums them up (the services letter's total owed).
    pub summary: Option<String>,
    /// The legal sentences, each once, plain, with its citations.
    pub law: Vec<String>,
    /// How the reply is asked for: "by May 4, 2026" or "within ten days of receiving this letter".
    pub respond_by: Option<String>,
    /// The reply date itself, written out (for the CLI and the record).
    pub respond_date: Option<String>,
    /// What the parent will do without an answer: one sentence.
    pub next_step: String,
    /// A proposed resolution (a state complaint).
    pub resolution: Vec<String>,
    pub cc: Vec<Person>,
    /// How the letter is sent, as a sentence ("Sent by email to jlee@...").
    pub delivery: Option<String>,
    /// The documents the letter refers to, by title and date.
    pub documents: Vec<String>,
    /// The longer list of facts, on its own page.
    pub attachment: Option<Attachment>,
    /// A complaint: its facts stay in the body (the review note goes to the parent on the terminal).
    pub draft: bool,
    /// Said to the parent on the terminal, never printed in the letter.
    #[serde(skip)]
    pub notes_for_parent: Vec<String>,
}

/// The parent, who signs.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Sender {
    pub name: String,
    pub address_lines: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Whom the letter is addressed to.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Recipient {
    pub name: String,
    pub role: Option<String>,
    /// The address where that person works (school or district).
    pub address_lines: Vec<String>,
    pub email: Option<String>,
    /// "Dear Dr. Raman" without the comma.
    pub greeting: String,
}

/// The reference line: who the letter is about.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct ChildLine {
    pub name: String,
    /// The first word of `name`, for the letter's sentences.
    pub first_name: String,
    pub date_of_birth: Option<String>,
    pub school: Option<String>,
    pub grade: Option<String>,
    pub district: Option<String>,
}

impl ChildLine {
    /// The child as letters and the packet name them.
    pub fn of(case: &Case) -> ChildLine {
        let info = &case.info;
        let name = info.child.name.trim().to_string();
        ChildLine {
            first_name: name.split_whitespace().next().unwrap_or_default().to_string(),
            name,
            date_of_birth: info.child.date_of_birth.map(long_date),
            school: info.child.school.clone(),
            grade: info.child.grade.clone(),
            district: info.district.clone(),
        }
    }
}

/// One numbered request: what happened, then what is asked.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct RequestItem {
    /// What the item is about, as the attachment heads its facts ("Speech-language therapy").
    pub heading: String,
    /// The whole item, facts and request, as sentences.
    pub text: String,
    /// Dated facts under it (moved to the attachment when long).
    pub details: Vec<String>,
}

/// A page of facts after the letter, titled by what it lists.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Attachment {
    pub title: String,
    pub sections: Vec<AttachmentSection>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct AttachmentSection {
    pub heading: String,
    pub lines: Vec<String>,
}

/// Someone copied on the letter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
    /// The district, when the copy goes to it as a body (a state complaint).
    pub organization: Option<String>,
}

/// What the parent asked for on the command line.
#[derive(Debug, Clone)]
pub struct LetterRequest {
    pub letter_type: LetterType,
    /// The team member id the letter goes to (for a state complaint: the district contact copied).
    pub to: String,
    /// Team member ids copied.
    pub cc: Vec<String>,
    /// The letter's date (`--date`, else `--as-of`).
    pub date: NaiveDate,
    /// `email`, `mail`, `certified-mail`, `hand` or other text; `None`: email
    /// when the recipient has an address, else mail.
    pub via: Option<String>,
    /// The reply date to ask for instead of the one the rules give.
    pub reply_by: Option<NaiveDate>,
    /// The next team meeting scheduled after the letter's date (see [`next_meeting`]).
    pub next_meeting: Option<NaiveDate>,
}

/// Why a letter could not be put together.
#[derive(Debug, Clone, PartialEq)]
pub enum LetterError {
    /// `--to` or `--cc` names no team member.
    UnknownPerson { id: String, known: Vec<String> },
    /// The letter type has no meaning for this case; the sentence says why.
    Declined(String),
}

impl std::fmt::Display for LetterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LetterError::UnknownPerson { id, known } if known.is_empty() => {
                write!(f, "no team member has the id `{id}`: add the people letters go to under `team:` in case.yaml")
            }
            LetterError::UnknownPerson { id, known } => {
                write!(f, "no team member has the id `{id}`; the team in case.yaml is: {}", known.join(", "))
            }
            LetterError::Declined(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for LetterError {}

/// The template that renders a letter type (`letters/records-request`).
pub fn template_name(letter_type: LetterType) -> String {
    letter_spec(letter_type).template.to_string()
}

/// "April 20, 2026".
pub use iep_model::long_date;

/// The first team meeting dated after `as_of` in the whole (uncut) case.
pub fn next_meeting(case: &Case, as_of: NaiveDate) -> Option<NaiveDate> {
    case.meetings.iter().map(|m| m.value.date).filter(|d| *d > as_of).min()
}

/// Why a letter type means nothing for this case, as one sentence; `None`
/// when it can be written. `iep letter` exits 2 with it; `iep build` skips the type.
pub fn declined(case: &Case, letter_type: LetterType, next_meeting: Option<NaiveDate>) -> Option<String> {
    if case_plan(case) == Plan::Section504
        && let For504::Declined(why) = letter_spec(letter_type).for_504
    {
        // Section 504's own safeguards, cited from the rules data.
        let safeguards =
            case.rules.by_key("section-504-safeguards").map(|r| format!(" ({})", r.citation)).unwrap_or_default();
        return Some(why(&safeguards));
    }
    match letter_type {
        LetterType::DraftRequest if next_meeting.is_none() => Some(
            "A draft-request asks for the draft before a scheduled meeting, and the case has no meeting dated after the letter's date: add the meeting under meetings/ first.".to_string(),
        ),
        LetterType::IeeRequest if requests::school_evaluation(case).is_none() => Some(
            "An iee-request names the school evaluation you disagree with, and the case holds none: add it under evaluations/ (with its date and type) first.".to_string(),
        ),
        _ => None,
    }
}

/// The letter types `iep build` writes: those the findings call for, with
/// changes that have a notice on file (or were rejected in writing) going to
/// an objection rather than a request for notice, a draft request when a
/// meeting is scheduled, and no type that means nothing for the case.
pub fn letters_for_build(case: &Case, findings: &[Finding], next_meeting: Option<NaiveDate>) -> Vec<LetterType> {
    let mut types: Vec<LetterType> = findings.iter().filter_map(|f| f.letter).collect();
    let split = changes::ChangeSet::of(case, findings);
    types.retain(|t| *t != LetterType::PwnRequest || !split.without_notice.is_empty());
    if !split.to_object.is_empty() {
        types.push(LetterType::Objection);
    }
    if next_meeting.is_some() && case_plan(case) == Plan::Iep {
        types.push(LetterType::DraftRequest);
    }
    types.sort_unstable();
    types.dedup();
    types.retain(|t| declined(case, *t, next_meeting).is_none());
    // What the letters act on (the case is cut to the as-of date): a type with nothing true to say is not written.
    let acted_on = actionable(case, findings, NaiveDate::MAX);
    types.retain(|t| facts::nothing_to_say(case, &acted_on, *t).is_none());
    types
}

/// The letter of the build that acts on each finding (index for index;
/// `None` when none does): a change with a notice on file goes to the
/// objection, one without to the request for notice; a finding older than
/// what letters act on, or whose letter the build does not write, has none.
/// `cut` is the case as of `as_of`; `letters` is [`letters_for_build`]'s list.
pub fn letters_acting_on(
    cut: &Case,
    findings: &[Finding],
    as_of: NaiveDate,
    letters: &[LetterType],
) -> Vec<Option<LetterType>> {
    let split = changes::ChangeSet::of(cut, findings);
    let since = plan_year_start(cut, as_of);
    findings
        .iter()
        .map(|f| {
            if !acts_on(since, f) {
                return None;
            }
            let letter = match (f.letter?, changes::ChangeSet::version_of(f)) {
                (LetterType::PwnRequest, Some(version)) => {
                    let is =
                        |list: &[changes::Change]| list.iter().any(|c| c.subject == f.subject && c.version == version);
                    if is(&split.without_notice) {
                        LetterType::PwnRequest
                    } else if is(&split.to_object) {
                        LetterType::Objection
                    } else {
                        return None;
                    }
                }
                (letter, _) => letter,
            };
            letters.contains(&letter).then_some(letter)
        })
        .collect()
}

/// The data of one letter.
/// `cx` is the run's context (the case cut to the as-of date): the letter
/// reads the analyses the checks computed in it.
pub fn letter_context(
    cx: &Context<'_>,
    findings: &[Finding],
    request: &LetterRequest,
) -> Result<LetterContext, LetterError> {
    let case = cx.case;
    let actionable = actionable(case, findings, request.date);
    let findings = actionable.as_slice();
    let letter_type = request.letter_type;
    if let Some(why) = declined(case, letter_type, request.next_meeting) {
        return Err(LetterError::Declined(why));
    }
    if let Some(why) = facts::nothing_to_say(case, findings, letter_type) {
        return Err(LetterError::Declined(why));
    }
    // A request for notice names changes with none on file; without one there is nothing to ask.
    let changes = changes::ChangeSet::of(case, findings);
    if letter_type == LetterType::PwnRequest && changes.without_notice.is_empty() {
        // Said without implying a notice is on file: the plan may never have changed.
        let objection = if changes.to_object.is_empty() {
            ""
        } else {
            "; the changes you did not agree to that have a notice go in the objection letter"
        };
        return Err(LetterError::Declined(format!(
            "The case records no change to the IEP without a prior written notice, so there is no pwn-request letter to write{objection}."
        )));
    }
    let info = &case.info.value;
    let known: Vec<String> = info.team.iter().map(|m| m.id.clone()).collect();
    let person = |id: &str| {
        case.team_member(id).ok_or_else(|| LetterError::UnknownPerson { id: id.to_string(), known: known.clone() })
    };
    let to = person(&request.to)?;
    let mut cc = Vec::new();
    for id in &request.cc {
        let member = person(id)?;
        cc.push(Person { name: member.name.clone(), role: member.role.clone(), organization: None });
    }

    let plan = case_plan(case);
    let section_504 = plan == Plan::Section504;
    let mut context = LetterContext {
        letter_type: letter_type.as_str().to_string(),
        date: long_date(request.date),
        sender: Sender {
            name: info.parent.name.clone(),
            address_lines: lines(info.parent.address.as_deref()),
            email: info.parent.email.clone(),
            phone: info.parent.phone.clone(),
        },
        recipient: recipient_of(case, to),
        child: ChildLine::of(case),
        plan: plan_name(plan).to_string(),
        section_504,
        meeting_name: if section_504 { "a 504 meeting" } else { "an IEP team meeting" }.to_string(),
        scheduled_meeting: request.next_meeting.map(long_date),
        cc,
        delivery: Some(delivery_line(request.via.as_deref(), to)),
        draft: letter_spec(letter_type).draft,
        ..Default::default()
    };

    let letter = Letter { cx, case, findings, request, plan };
    if matches!(letter_type, LetterType::MediationRequest | LetterType::StateComplaint)
        && let Some(why) = disputes::no_disagreement(&letter)
    {
        return Err(LetterError::Declined(why));
    }
    (letter_spec(letter_type).build)(&letter, &mut context);
    if let Some(reply_by) = request.reply_by {
        context.respond_by = Some(format!("by {}", long_date(reply_by)));
        context.respond_date = Some(long_date(reply_by));
    }
    move_long_details(&mut context, &letter_spec(letter_type).attachment);
    let mut seen = Vec::new();
    context.documents.retain(|d| {
        let new = !seen.contains(d);
        seen.push(d.clone());
        new
    });
    Ok(context)
}

/// What every builder reads.
pub(crate) struct Letter<'a> {
    pub cx: &'a Context<'a>,
    pub case: &'a Case,
    pub findings: &'a [Finding],
    pub request: &'a LetterRequest,
    pub plan: Plan,
}

impl Letter<'_> {
    /// The findings that call for this letter type, or for `other`, in date order.
    pub fn findings_for(&self, letter_type: LetterType) -> Vec<&Finding> {
        let mut out: Vec<&Finding> = self.findings.iter().filter(|f| f.letter == Some(letter_type)).collect();
        out.sort_by(|a, b| (a.date, a.code, &a.subject).cmp(&(b.date, b.code, &b.subject)));
        out
    }
    pub fn first_name(&self) -> String {
        ChildLine::of(self.case).first_name
    }
    pub fn is_504(&self) -> bool {
        self.plan == Plan::Section504
    }
    pub fn plan_name(&self) -> &'static str {
        plan_name(self.plan)
    }
}

/// More dated facts than fit the two pages go to an attachment page.
pub(crate) const MAX_DETAILS_IN_BODY: usize = 8;

fn move_long_details(context: &mut LetterContext, page: &AttachmentPage) {
    // A complaint's facts are its substance; it has no page limit.
    if context.draft {
        return;
    }
    let total: usize = context.items.iter().map(|i| i.details.len()).sum();
    if total <= MAX_DETAILS_IN_BODY {
        return;
    }
    let mut sections = Vec::new();
    for (n, item) in context.items.iter_mut().enumerate() {
        if item.details.is_empty() {
            continue;
        }
        let heading =
            if item.heading.is_empty() { format!("Item {}", n + 1) } else { format!("{}. {}", n + 1, item.heading) };
        let mut lines = std::mem::take(&mut item.details);
        if page.one_paragraph_per_item {
            lines = vec![lines.join(" ")];
        }
        sections.push(AttachmentSection { heading, lines });
    }
    context.attachment = Some(Attachment { title: page.title.to_string(), sections });
}

/// Whom a letter goes to and who is copied when the parent does not say: one
/// policy for `iep letter` and `iep build`. Mediation and a state complaint
/// (whose copy goes to the district) go to the district's director: the
/// first member working at the district, else one whose id names a director.
/// Others go to whom the parent's latest letter went (copying the same
/// people), else the `case-manager`, else the first team member.
pub fn default_addressing(case: &Case, letter_type: LetterType, as_of: NaiveDate) -> Option<(String, Vec<String>)> {
    let team = &case.info.team;
    if matches!(letter_type, LetterType::MediationRequest | LetterType::StateComplaint) {
        let director = team
            .iter()
            .find(|m| m.id.to_lowercase().contains("director"))
            .or_else(|| team.iter().find(|m| m.at == Workplace::District));
        if let Some(director) = director {
            return Some((director.id.clone(), Vec::new()));
        }
    }
    let latest =
        case.letters.iter().filter(|l| l.date <= as_of && case.team_member(&l.to).is_some()).max_by_key(|l| l.date);
    if let Some(l) = latest {
        let cc = l.cc.iter().filter(|id| case.team_member(id).is_some() && **id != l.to).cloned().collect();
        return Some((l.to.clone(), cc));
    }
    let to = case.team_member("case-manager").or_else(|| team.first())?;
    Some((to.id.clone(), Vec::new()))
}

/// The recipient block and greeting of a team member: the address where
/// they work (the district's for district staff, else the school's).
pub fn recipient_of(case: &Case, member: &TeamMember) -> Recipient {
    Recipient {
        name: member.name.clone(),
        role: member.role.clone(),
        address_lines: workplace_address(case, member),
        email: member.email.clone(),
        greeting: greeting(member),
    }
}

/// The address lines of where a team member works; `iep letter` and `iep build` share it.
pub fn workplace_address(case: &Case, member: &TeamMember) -> Vec<String> {
    let info = &case.info;
    let address = match member.at {
        Workplace::District => info.district_address.as_deref().or(info.school_address.as_deref()),
        Workplace::School => info.school_address.as_deref(),
    };
    lines(address)
}

/// Titles a name may start with, kept in the greeting ("Dear Dr. Raman").
const TITLES: [&str; 8] = ["Dr.", "Mr.", "Mrs.", "Ms.", "Mx.", "Prof.", "Dr", "Ms"];

/// "Dear Dr. Raman": the member's `salutation`, else title and last name
/// for a name that carries a title, else the full name.
pub fn greeting(member: &TeamMember) -> String {
    if let Some(salutation) = member.salutation.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let salutation = salutation.trim_end_matches([',', ':']);
        return if salutation.starts_with("Dear ") { salutation.to_string() } else { format!("Dear {salutation}") };
    }
    let words: Vec<&str> = member.name.split_whitespace().collect();
    match words.as_slice() {
        [title, .., last] if words.len() >= 3 && TITLES.contains(title) => format!("Dear {title} {last}"),
        _ => format!("Dear {}", member.name.trim()),
    }
}

/// "Sent by email to ...": the method asked for, else email when the recipient has an address.
fn delivery_line(via: Option<&str>, to: &TeamMember) -> String {
    let via = via.unwrap_or(if to.email.is_some() { "email" } else { "mail" });
    match via {
        "email" => match &to.email {
            Some(email) => format!("Sent by email to {email}"),
            None => "Sent by email".to_string(),
        },
        "mail" => "Sent by first-class mail".to_string(),
        "certified-mail" => "Sent by certified mail, return receipt requested".to_string(),
        "hand" => "Delivered by hand".to_string(),
        other => format!("Sent by {other}"),
    }
}

/// Whether the letter travels by post (a deadline is then stated in words from receipt).
pub(crate) fn by_mail(request: &LetterRequest, case: &Case) -> bool {
    let email = case.team_member(&request.to).is_some_and(|m| m.email.is_some());
    match request.via.as_deref() {
        Some("mail") | Some("certified-mail") => true,
        Some(_) => false,
        None => !email,
    }
}

/// The non-empty lines of a multi-line field (an address).
pub(crate) fn lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()).unwrap_or_default()
}

/// Whom the parent takes an unanswered letter to: the team at the meeting
/// already set ("ask the team at the meeting on May 12, 2026"), else a
/// meeting asked for ("ask for an IEP team meeting"). A meeting on the
/// calendar is never asked for again.
pub(crate) fn ask_the_team(letter: &Letter, context: &LetterContext) -> String {
    match letter.request.next_meeting {
        Some(meeting) => format!("ask the team at the meeting on {}", long_date(meeting)),
        None => format!("ask for {}", context.meeting_name),
    }
}

/// `acc` with `item` added unless it is there already: folds a list of
/// names into each name once, in order.
pub(crate) fn push_new(mut acc: Vec<String>, item: String) -> Vec<String> {
    if !acc.contains(&item) {
        acc.push(item);
    }
    acc
}

/// Whether a finding is about one of a goal's objectives (`goals.G1.objectives.G1.1`).
pub(crate) fn about_objective(finding: &Finding) -> bool {
    finding.subject.contains(".objectives.")
}

/// A text the case gives, unless it is blank.
pub(crate) fn non_blank(text: Option<&String>) -> Option<&str> {
    text.map(String::as_str).filter(|s| !s.trim().is_empty())
}

/// The title of the case file a finding was found in, when it is a school document.
pub(crate) fn document_of(case: &Case, finding: &Finding) -> Option<String> {
    wording::document_title(case, finding.document.as_deref()?)
}

/// The effective date of the latest annual plan (not an amendment) in force
/// on `on`: what a letter acts on starts there.
pub(crate) fn plan_year_start(case: &Case, on: NaiveDate) -> Option<NaiveDate> {
    case.versions.iter().filter(|v| v.amends.is_none() && v.effective <= on).map(|v| v.effective).max()
}

/// The findings a letter acts on: what arose since the latest annual plan in
/// force took effect, and every open request whatever its age. Older history
/// belongs to the packet's summary, not to a letter a school reads.
fn actionable(case: &Case, findings: &[Finding], on: NaiveDate) -> Vec<Finding> {
    let since = plan_year_start(case, on);
    findings.iter().filter(|f| acts_on(since, f)).cloned().collect()
}

/// Whether a letter acts on a finding: it arose on or after `since`, or it is an open request.
fn acts_on(since: Option<NaiveDate>, finding: &Finding) -> bool {
    let open_request = finding.evidence.open_letter().is_some();
    match (since, finding.date) {
        (Some(since), Some(date)) => date >= since || open_request,
        _ => true,
    }
}
