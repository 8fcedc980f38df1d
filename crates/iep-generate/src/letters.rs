//! Letters: the data a letter template reads ([`LetterContext`]), and how it
//! is made from a case and its findings.
//!
//! Every field is plain text the template prints as it is; dates are already
//! written out ("April 20, 2026"). The template decides the wording around
//! them; this module decides which facts go in, in what order, and which
//! case file each one cites.

use chrono::NaiveDate;
use iep_model::{Case, DayKind, Finding, LetterType, Rule, Trigger};
use serde::Serialize;

/// Everything a letter template (`templates/letters/<type>.typ.j2`) reads.
#[derive(Debug, Clone, Serialize, PartialEq)]
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
    /// What the records show, oldest first. Each cites an entry of `sources`.
    pub facts: Vec<Fact>,
    pub request: Request,
    pub cc: Vec<Person>,
    /// How the letter is sent, as a sentence ("Sent by email to jlee@...").
    pub delivery: Option<String>,
    /// The case files the facts come from, numbered from 1.
    pub sources: Vec<SourceEntry>,
    /// A draft the parent must review (a state complaint).
    pub draft: bool,
}

/// The parent, who signs.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Sender {
    pub name: String,
    pub address_lines: Vec<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The team member the letter is addressed to.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Recipient {
    pub name: String,
    pub role: Option<String>,
    /// The school's address.
    pub address_lines: Vec<String>,
    pub email: Option<String>,
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

/// One fact of the letter's body.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fact {
    /// When it happened, written out; `None` for a fact without a date.
    pub date: Option<String>,
    /// One sentence.
    pub text: String,
    /// The number of its entry in [`LetterContext::sources`].
    pub source: usize,
}

/// One case file a fact comes from.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceEntry {
    /// Its number, from 1, as the facts cite it.
    pub n: usize,
    /// Path relative to the case folder (`iep/2026-02-09.yaml`).
    pub file: String,
    /// The numbers and dates behind the fact ("before: 2 x 30 min per week").
    pub detail: Option<String>,
}

/// What the letter asks for.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Request {
    /// The specific things asked for, as a numbered list.
    pub items: Vec<String>,
    /// The rules that give the request its footing.
    pub basis: Vec<Citation>,
    /// The reply date asked for, written out.
    pub respond_by: Option<String>,
    /// Where `respond_by` comes from, as a sentence.
    pub deadline_note: Option<String>,
}

/// A rule and its primary source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Citation {
    /// The source (`34 CFR 300.613(a)`).
    pub citation: String,
    /// What it provides, in plain words, without a final period.
    pub summary: String,
    /// A caveat to repeat (how the days are counted).
    pub note: Option<String>,
}

/// Someone copied on the letter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Person {
    pub name: String,
    pub role: Option<String>,
}

// ---------------------------------------------------------------------------
// Building the context from a case and its findings.

/// What the parent asked for on the command line.
#[derive(Debug, Clone)]
pub struct LetterRequest {
    pub letter_type: LetterType,
    /// The team member id the letter goes to.
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
}

/// Why a letter's data could not be put together.
#[derive(Debug, Clone, PartialEq)]
pub enum LetterError {
    /// `--to` or `--cc` names no team member.
    UnknownPerson { id: String, known: Vec<String> },
}

impl std::fmt::Display for LetterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LetterError::UnknownPerson { id, known } if known.is_empty() => write!(
                f,
                "no team member has the id `{id}`: add the people letters go to under `team:` in case.yaml"
            ),
            LetterError::UnknownPerson { id, known } => write!(
                f,
                "no team member has the id `{id}`; the team in case.yaml is: {}",
                known.join(", ")
            ),
        }
    }
}

impl std::error::Error for LetterError {}

/// The template that renders a letter type (`letters/records-request`).
pub fn template_name(letter_type: LetterType) -> String {
    format!("letters/{}", letter_type.as_str())
}

/// The data of one letter: the case's parties, the findings that call for
/// this letter type (in date order, each citing its case file), the request
/// and its legal basis from the case's timeline rules.
pub fn letter_context(
    case: &Case,
    findings: &[Finding],
    request: &LetterRequest,
) -> Result<LetterContext, LetterError> {
    let info = &case.info.value;
    let known: Vec<String> = info.team.iter().map(|m| m.id.clone()).collect();
    let person = |id: &str| {
        case.team_member(id).ok_or_else(|| LetterError::UnknownPerson {
            id: id.to_string(),
            known: known.clone(),
        })
    };
    let to = person(&request.to)?;
    let mut cc = Vec::new();
    for id in &request.cc {
        let member = person(id)?;
        cc.push(Person { name: member.name.clone(), role: member.role.clone() });
    }

    let child = ChildLine::of(case);
    let (child_name, first_name) = (child.name.clone(), child.first_name.clone());
    let sender = Sender {
        name: info.parent.name.clone(),
        address_lines: lines(info.parent.address.as_deref()),
        email: info.parent.email.clone(),
        phone: info.parent.phone.clone(),
    };
    let recipient = Recipient {
        name: to.name.clone(),
        role: to.role.clone(),
        address_lines: lines(info.school_address.as_deref()),
        email: to.email.clone(),
    };

    let letter_type = request.letter_type;
    let mut relevant: Vec<&Finding> =
        findings.iter().filter(|f| f.letter == Some(letter_type)).collect();
    relevant.sort_by(|a, b| {
        (a.date.is_none(), a.date, a.code, &a.subject).cmp(&(b.date.is_none(), b.date, b.code, &b.subject))
    });

    let mut sources: Vec<SourceEntry> = Vec::new();
    let mut facts = Vec::new();
    for finding in &relevant {
        let file = finding.document.clone().unwrap_or_else(|| case.info.path.clone());
        let detail = evidence_detail(&finding.evidence);
        let n = match sources.iter().find(|s| s.file == file && s.detail == detail) {
            Some(s) => s.n,
            None => {
                let n = sources.len() + 1;
                sources.push(SourceEntry { n, file, detail });
                n
            }
        };
        facts.push(Fact {
            date: finding.date.map(long_date),
            text: finding.message.trim().to_string(),
            source: n,
        });
    }

    let items = request_items(case, letter_type, &relevant, &first_name);
    let basis = basis(case, letter_type);
    let (respond_by, deadline_note) = match letter_type {
        // A complaint is decided on the state's own clock.
        LetterType::StateComplaint => (None, None),
        _ => respond_by(case, letter_type, request),
    };

    let via = request.via.clone().unwrap_or_else(|| {
        if to.email.is_some() { "email".into() } else { "mail".into() }
    });
    let delivery = Some(match via.as_str() {
        "email" => match &to.email {
            Some(email) => format!("Sent by email to {email}"),
            None => "Sent by email".to_string(),
        },
        "mail" => "Sent by first-class mail".to_string(),
        "certified-mail" => "Sent by certified mail, return receipt requested".to_string(),
        "hand" => "Delivered by hand".to_string(),
        other => format!("Sent by {other}"),
    });

    Ok(LetterContext {
        letter_type: letter_type.as_str().to_string(),
        subject: subject(letter_type, &child_name, &first_name),
        date: long_date(request.date),
        sender,
        recipient,
        child,
        facts,
        request: Request { items, basis, respond_by, deadline_note },
        cc,
        delivery,
        sources,
        draft: letter_type == LetterType::StateComplaint,
    })
}

fn subject(letter_type: LetterType, child: &str, first: &str) -> String {
    match letter_type {
        LetterType::MeetingRequest => format!("Request for an IEP team meeting for {child}"),
        LetterType::DataRequest => format!("Request for {first}'s progress data"),
        LetterType::RecordsRequest => format!("Request for copies of {first}'s education records"),
        LetterType::EvaluationRequest => format!("Request for an evaluation of {child}"),
        LetterType::PwnRequest => format!("Request for prior written notice about {first}'s IEP"),
        LetterType::ServicesConcern => format!("Missed services and compensatory services for {child}"),
        LetterType::FollowUp => format!("Following up in writing about {child}"),
        LetterType::IeeRequest => format!("Request for an independent educational evaluation of {child}"),
        LetterType::MediationRequest => format!("Request for mediation about {first}'s program"),
        LetterType::StateComplaint => format!("Complaint about the special education of {child}"),
    }
}

/// The numbered list of what is asked for.
fn request_items(case: &Case, letter_type: LetterType, findings: &[&Finding], first: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut push = |item: String| {
        if !items.contains(&item) {
            items.push(item);
        }
    };
    match letter_type {
        LetterType::RecordsRequest => {
            for item in [
                "every evaluation and assessment report, with its scores",
                "every IEP, amendment and draft, and the notes of every team meeting",
                "the progress reports and the data they are based on",
                "the service logs of every service in the IEP",
                "every prior written notice and consent form",
                "emails and other correspondence about FIRST kept in FIRST's file",
                "attendance and discipline records",
            ] {
                push(item.replace("FIRST", first));
            }
        }
        LetterType::EvaluationRequest => {
            push(format!("every area in which {first} may need specially designed instruction or related services"));
            push("the areas of concern described above".to_string());
        }
        _ => {
            for finding in findings {
                if let Some(item) = item_for(case, letter_type, finding) {
                    push(item);
                }
            }
        }
    }
    if items.is_empty() {
        let fallback = match letter_type {
            LetterType::MeetingRequest => format!("how {first}'s program is working and what should change"),
            LetterType::DataRequest => format!("the data behind each goal in {first}'s most recent progress report"),
            LetterType::PwnRequest => format!("each change the school has proposed or refused for {first}'s IEP"),
            LetterType::ServicesConcern => format!("every service session {first} missed this school year"),
            LetterType::FollowUp => "the matters described above".to_string(),
            LetterType::IeeRequest => "every area the district's evaluation covered".to_string(),
            LetterType::MediationRequest | LetterType::StateComplaint => "the matters described above".to_string(),
            LetterType::RecordsRequest | LetterType::EvaluationRequest => String::new(),
        };
        if !fallback.is_empty() {
            items.push(fallback);
        }
    }
    items
}

/// What one finding asks for, in the words of its letter.
fn item_for(case: &Case, letter_type: LetterType, finding: &Finding) -> Option<String> {
    let subject = describe_subject(case, &finding.subject);
    Some(match letter_type {
        LetterType::DataRequest => match finding.subject.split_once('.') {
            Some(("goals", _)) => format!("{subject}: each measurement taken, with its date, for the progress reports"),
            Some(("services", _)) => format!("{subject}: the session logs, with dates, minutes, setting and provider"),
            _ => finding.message.trim().to_string(),
        },
        LetterType::PwnRequest => format!("the change to {subject}"),
        LetterType::ServicesConcern => match finding.subject.split_once('.') {
            Some(("services", _)) => format!("{subject}: the sessions missed and a plan to make up the time owed"),
            _ => finding.message.trim().to_string(),
        },
        LetterType::MeetingRequest => match finding.subject.split_once('.') {
            Some(("goals", _)) => format!("{subject}: progress so far and what should change"),
            Some(("services", _)) => format!("{subject}: how it is being delivered"),
            _ => finding.message.trim().to_string(),
        },
        _ => finding.message.trim().to_string(),
    })
}

/// `services.speech` → "Speech-language therapy"; `goals.G1` → "goal G1
/// (Speech - articulation)"; anything else as it is.
fn describe_subject(case: &Case, subject: &str) -> String {
    match subject.split_once('.') {
        Some(("services", id)) => case
            .versions
            .iter()
            .rev()
            .find_map(|v| v.service(id))
            .map(|s| s.service.clone())
            .unwrap_or_else(|| format!("the service {id}")),
        Some(("goals", id)) => {
            let area = case.versions.iter().rev().find_map(|v| v.goal(id)).and_then(|g| g.area.clone());
            match area {
                Some(area) => format!("goal {id} ({area})"),
                None => format!("goal {id}"),
            }
        }
        Some(("accommodations", id)) => case
            .versions
            .iter()
            .rev()
            .find_map(|v| v.accommodations.iter().find(|a| a.id == id))
            .map(|a| format!("the accommodation \u{201c}{}\u{201d}", a.text))
            .unwrap_or_else(|| format!("accommodation {id}")),
        _ if subject == "placement" => "the placement".to_string(),
        _ => subject.to_string(),
    }
}

/// The rules a letter type rests on: the case's timeline rules first (its
/// state's, then federal): the response rule of the type, else the rules it rests on.
fn basis(case: &Case, letter_type: LetterType) -> Vec<Citation> {
    let key = match letter_type {
        // Progress data are part of the education records.
        LetterType::DataRequest => "records-request",
        other => other.as_str(),
    };
    let trigger = Trigger::Letter(key.to_string());
    let mut out = Vec::new();
    if let Some(rule) = case.rules.for_letter(key).or_else(|| case.rules.find(&trigger)) {
        out.push(citation_of(rule));
    }
    if out.is_empty() {
        out.extend(fallback_basis(case, letter_type));
    }
    out
}

fn citation_of(rule: &Rule) -> Citation {
    let summary = match rule.days {
        Some(days) => {
            let mut text = format!("{}: within {} of the request", rule.what.trim_end_matches('.'), rule.day_kind.describe(days));
            if let Some(over) = rule.pause_for_vacation_over {
                text.push_str(&format!(", not counting school vacations longer than {over} school days"));
            }
            text
        }
        None => rule.what.trim_end_matches('.').to_string(),
    };
    Citation { citation: rule.citation.clone(), summary, note: rule.note.clone() }
}

/// Rules of the case's rules files (its state's, else federal) that a letter
/// type rests on when no response rule covers it. Legal facts live only in
/// the rules files; a letter type without one cites nothing rather than
/// invent a basis.
fn fallback_basis(case: &Case, letter_type: LetterType) -> Vec<Citation> {
    let keys: &[&str] = match letter_type {
        LetterType::RecordsRequest | LetterType::DataRequest => &["records-access"],
        LetterType::PwnRequest => &["prior-written-notice"],
        LetterType::EvaluationRequest => &["initial-evaluation"],
        LetterType::IeeRequest => &["iee-response"],
        LetterType::StateComplaint => &["state-complaint-window", "state-complaint-decision"],
        LetterType::ServicesConcern
        | LetterType::MediationRequest
        | LetterType::MeetingRequest
        | LetterType::FollowUp => &[],
    };
    keys.iter()
        .filter_map(|key| case.rules.by_key(key))
        .map(|rule| Citation {
            citation: rule.citation.clone(),
            summary: rule.what.trim_end_matches('.').to_string(),
            note: rule.note.clone(),
        })
        .collect()
}

/// The reply date to ask for, and a sentence saying where it comes from.
/// The date is counted as `response-overdue` counts it (`iep-deadlines`),
/// so the letter and the check agree on when an answer is late.
fn respond_by(case: &Case, letter_type: LetterType, request: &LetterRequest) -> (Option<String>, Option<String>) {
    if let Some(date) = request.reply_by {
        return (Some(long_date(date)), None);
    }
    if let Some(rule) = case.rules.for_letter(letter_type.as_str()) {
        if let Some(due) = iep_deadlines::due_after(case, request.date, rule) {
            let note = format!(
                "That is {} after the date of this letter, the time {} allows.",
                iep_deadlines::explain(rule),
                rule.citation
            );
            return (Some(long_date(due)), Some(note));
        }
    }
    // No rule sets a number of days: ask for a reply in ten business days
    // and say plainly that this is a request, not a legal deadline.
    let open = |day: NaiveDate| case.is_open(day);
    let due = iep_deadlines::count_days(request.date, 10, DayKind::Business, &open, &[]);
    (
        due.map(long_date),
        Some("No rule I know of sets a number of days for a reply to this request; I ask for one by this date so that we can plan together.".to_string()),
    )
}

/// "April 20, 2026".
pub use iep_model::long_date;

/// The non-empty lines of a multi-line field (an address).
fn lines(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())
        .unwrap_or_default()
}

/// A finding's evidence as one line: `before: 2 x 30 min per week; after: ...`.
fn evidence_detail(evidence: &iep_model::Evidence) -> Option<String> {
    let parts: Vec<String> = evidence
        .iter()
        .filter_map(|(key, value)| {
            let value = plain_value(value)?;
            Some(format!("{}: {value}", key.replace('_', " ")))
        })
        .collect();
    if parts.is_empty() { None } else { Some(parts.join("; ")) }
}

fn plain_value(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(plain_value).collect();
            if parts.is_empty() { None } else { Some(parts.join(", ")) }
        }
        serde_json::Value::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .filter_map(|(k, v)| Some(format!("{} {}", k.replace('_', " "), plain_value(v)?)))
                .collect();
            if parts.is_empty() { None } else { Some(format!("({})", parts.join(", "))) }
        }
    }
}
