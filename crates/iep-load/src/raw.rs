//! The loader's own serde types, one per `kind:`, exactly as the files are
//! written (case-format.md), and their conversion into the model. Nothing
//! outside this crate sees them.
//!
//! Enumerated words (`plan`, `type`, `source`...) are read as text here and
//! checked during conversion, so their messages can list the accepted words.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;

use iep_model as m;

use crate::problem::{at, list, Problem};
use crate::span::Seg;

/// A date written `YYYY-MM-DD`, with plain-word errors ("February 2026 has 28 days").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Date(pub NaiveDate);


fn days_in_month(year: i32, month: u32) -> u32 {
    let next = if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

/// Reads `YYYY-MM-DD`; the error is `message\u{1f}help`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shape = "write dates as YYYY-MM-DD, like 2026-02-03";
    let digits = text.trim();
    let b = digits.as_bytes();
    // YYYY-MM-DD: ten bytes, dashes at 4 and 7, digits elsewhere.
    let well_formed =
        b.len() == 10 && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !well_formed {
        return Err(format!("`{text}` is not a date\u{1f}{shape}"));
    }
    let (year, month, day): (i32, u32, u32) =
        (digits[0..4].parse().unwrap_or(0), digits[5..7].parse().unwrap_or(0), digits[8..10].parse().unwrap_or(0));
    if !(1..=12).contains(&month) {
        return Err(format!("`{text}` is not a date: there is no month {month}\u{1f}{shape}; the month comes second"));
    }
    let days = days_in_month(year, month);
    if day == 0 || day > days {
        let name = m::month_name(month);
        return Err(format!(
            "`{text}` is not a date: {name} {year} has {days} days\u{1f}check the date on the paper it came from and correct the day"
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("`{text}` is not a date\u{1f}{shape}"))
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                parse_date(v).map(Date).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// A closed day or a `{from, to}` range of a calendar.
#[derive(Debug)]
pub enum RawClosed {
    Day(Date),
    Range(RawRange),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    pub from: Date,
    pub to: Date,
}

impl<'de> Deserialize<'de> for RawClosed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawClosed, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawClosed;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date or {from: DATE, to: DATE}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawClosed, E> {
                parse_date(v).map(|d| RawClosed::Day(Date(d))).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawClosed, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawClosed, A::Error> {
                RawRange::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawClosed::Range)
            }
        }
        d.deserialize_any(V)
    }
}

/// A service amount: the short text form or the `{sessions, minutes, per}` mapping.
#[derive(Debug)]
pub enum RawAmount {
    Text(String),
    Parts(RawAmountParts),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAmountParts {
    pub sessions: Option<u32>,
    pub minutes: Option<f64>,
    pub per: String,
}

impl<'de> Deserialize<'de> for RawAmount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawAmount, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawAmount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount like `2 x 30 min per week`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawAmount, E> {
                Ok(RawAmount::Text(String::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawAmount, A::Error> {
                RawAmountParts::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawAmount::Parts)
            }
        }
        d.deserialize_any(V)
    }
}

// ---- kind: case ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    child: RawChild,
    district: Option<String>,
    state: Option<String>,
    school_address: Option<String>,
    parent: RawParent,
    #[serde(default)]
    team: Option<Vec<RawTeamMember>>,
    #[serde(default)]
    settings: Option<RawSettings>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChild {
    name: String,
    date_of_birth: Option<Date>,
    grade: Option<String>,
    school: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParent {
    name: String,
    address: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeamMember {
    id: String,
    name: String,
    role: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    similar_narrative: Option<f64>,
    min_delivery: Option<f64>,
    missed_in_a_row: Option<u32>,
}

// ---- kind: iep ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIep {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    id: String,
    plan: Option<String>,
    effective: Date,
    end: Option<Date>,
    meeting: Option<Date>,
    parent_signed: Option<Date>,
    #[serde(default)]
    parent_rejected: Option<Vec<String>>,
    amends: Option<String>,
    placement: Option<RawPlacement>,
    #[serde(default)]
    goals: Option<Vec<RawGoal>>,
    #[serde(default)]
    services: Option<Vec<RawService>>,
    #[serde(default)]
    accommodations: Option<Vec<RawAccommodation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlacement {
    setting: Option<String>,
    general_ed_percent: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    id: String,
    area: Option<String>,
    statement: String,
    measure: Option<String>,
    baseline: Option<RawBaseline>,
    target: Option<RawTarget>,
    direction: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBaseline {
    value: Option<f64>,
    date: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    value: Option<f64>,
    by: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    service: String,
    provider: Option<String>,
    amount: RawAmount,
    setting: Option<String>,
    group: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccommodation {
    id: String,
    text: String,
}

// ---- kind: progress-report ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    iep: String,
    #[serde(default)]
    goals: Option<Vec<RawGoalProgress>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoalProgress {
    goal: String,
    value: Option<f64>,
    status: Option<String>,
    narrative: Option<String>,
}

// ---- kind: service-log ----

#[derive(Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServiceLog {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    #[serde(default)]
    entries: Option<Vec<RawLogEntry>>,
}

#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLogEntry {
    date: Date,
    service: String,
    minutes: Option<u32>,
    missed: Option<String>,
    setting: Option<String>,
    group: Option<String>,
    source: Option<String>,
    made_up_on: Option<Date>,
    by: Option<String>,
}

impl RawServiceLog {
    /// Reads a log written only as one-line entries of plain words
    /// (`  - {date: 2025-09-16, service: speech, minutes: 30}`), the shape of
    /// long logs, without a YAML parser. Anything else (quotes, comments
    /// after a value, block entries, a problem) gives `None`, and the file
    /// goes through serde_yaml as usual: this only makes the common case fast.
    pub fn quick(source: &str) -> Option<m::ServiceLog> {
        let mut kind = false;
        let mut entries_key = false;
        // A one-line entry is about 50 bytes long.
        let mut entries = Vec::with_capacity(source.len() / 50);
        let mut problems = Vec::new();
        for line in source.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let trimmed = line.trim_start_matches(' ');
            match trimmed.as_bytes().first() {
                None | Some(b'#') => continue,
                Some(b'-') => {}
                Some(_) if line == "kind: service-log" && !kind => {
                    kind = true;
                    continue;
                }
                Some(_) if line == "entries:" && !entries_key => {
                    entries_key = true;
                    continue;
                }
                Some(_) => return None,
            }
            if !entries_key {
                return None;
            }
            let body = trimmed.strip_prefix("- {")?.strip_suffix('}')?;
            // Converted at once, without a list of raw entries in between; an
            // entry with a problem sends the file to the reader that reports it.
            let entry = quick_entry(body)?.convert(entries.len(), &mut problems);
            if !problems.is_empty() {
                return None;
            }
            entries.push(entry);
        }
        (kind && entries_key).then_some(m::ServiceLog { entries })
    }
}

fn quick_entry(body: &str) -> Option<RawLogEntry> {
    let mut e = RawLogEntry::default();
    let mut has_date = false;
    let mut has_service = false;
    let mut rest = body;
    loop {
        // Fields are split by hand: `split(',')` costs more than the rest of
        // the reader on a 40,000-entry log.
        let comma = rest.as_bytes().iter().position(|b| *b == b',');
        let (part, next) = match comma {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        quick_field(part.trim_matches(' '), &mut e, &mut has_date, &mut has_service)?;
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    (has_date && has_service).then_some(e)
}

fn quick_field(part: &str, e: &mut RawLogEntry, has_date: &mut bool, has_service: &mut bool) -> Option<()> {
    let colon = part.as_bytes().iter().position(|b| *b == b':')?;
    let (key, value) = (&part[..colon], part[colon + 1..].strip_prefix(' ')?.trim_matches(' '));
    if !plain_word(value) {
        return None;
    }
    let slot = match key {
        "date" => {
            *has_date = !*has_date;
            e.date = Date(parse_date(value).ok()?);
            return Some(());
        }
        "made_up_on" if e.made_up_on.is_none() => {
            e.made_up_on = Some(Date(parse_date(value).ok()?));
            return Some(());
        }
        "minutes" if e.minutes.is_none() => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            e.minutes = Some(value.parse().ok()?);
            return Some(());
        }
        "service" => {
            *has_service = !*has_service;
            e.service = value.to_owned();
            return Some(());
        }
        // YAML reads `30` or `1e3` as a number, which a text field refuses:
        // leave those to serde_yaml so both readers agree.
        _ if value.parse::<f64>().is_ok() => return None,
        "missed" => &mut e.missed,
        "setting" => &mut e.setting,
        "group" => &mut e.group,
        "source" => &mut e.source,
        "by" => &mut e.by,
        _ => return None,
    };
    if slot.is_some() {
        return None;
    }
    *slot = Some(value.to_owned());
    Some(())
}

/// Whether YAML reads `value` as the same plain text serde_yaml would: words,
/// digits, spaces and `.-/()'_`, starting with a letter or digit, and not a
/// null or a boolean. (No `:` can occur, so no `key: value` either.)
fn plain_word(value: &str) -> bool {
    const PUNCTUATION: &[u8] = b" .-/()'_";
    let rest = if value.is_ascii() {
        value.bytes().all(|b| b.is_ascii_alphanumeric() || PUNCTUATION.contains(&b))
    } else {
        value.chars().all(|c| c.is_alphanumeric() || (c.is_ascii() && PUNCTUATION.contains(&(c as u8))))
    };
    let first = value.chars().next().is_some_and(char::is_alphanumeric);
    first && rest && !matches!(value, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

// ---- kind: school-calendar ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    first_day: Date,
    last_day: Date,
    #[serde(default)]
    closed: Option<Vec<RawClosed>>,
    #[serde(default)]
    report_cards: Option<Vec<Date>>,
}

// ---- kind: meeting ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "type")]
    meeting_type: String,
    requested: Option<RawRequested>,
    #[serde(default)]
    attendees: Option<Vec<String>>,
    #[serde(default)]
    agreed: Option<Vec<String>>,
    notes: Option<String>,
    #[serde(default)]
    concerns: Option<Vec<String>>,
    #[serde(default)]
    questions: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequested {
    by: String,
    date: Date,
}

// ---- kind: prior-written-notice ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNotice {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    action: String,
    #[serde(default)]
    covers: Option<Vec<String>>,
    description: String,
}

// ---- kind: letter ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLetter {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    date: Date,
    #[serde(rename = "type")]
    letter_type: String,
    to: String,
    #[serde(default)]
    cc: Option<Vec<String>>,
    via: Option<String>,
    subject: Option<String>,
    reply_by: Option<Date>,
    response: Option<RawResponse>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResponse {
    date: Date,
    summary: Option<String>,
}

// ---- kind: communications / observations ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommunications {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    #[serde(default)]
    entries: Option<Vec<RawCommunication>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCommunication {
    date: Date,
    with: Option<String>,
    via: Option<String>,
    summary: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObservations {
    #[serde(default, rename = "kind")]
    _kind: IgnoredAny,
    #[serde(default)]
    entries: Option<Vec<RawObservation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    date: Date,
    note: String,
}

// ---- conversion ----

/// Checks that an id is letters, digits, `-` and `_`.
fn check_id(id: &str, at: Vec<Seg>, problems: &mut Vec<Problem>) {
    if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        let fixed: String =
            id.trim().chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
        let help = if fixed.is_empty() {
            "give it an id made of letters, digits, `-` and `_`".to_owned()
        } else {
            format!("an id is letters, digits, `-` and `_` only, like `{fixed}`")
        };
        problems.push(Problem::new(at, format!("`{id}` cannot be used as an id")).help(help));
    }
}

/// Flags ids used twice in one list; `field` is the id's key in each item.
fn check_unique<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    list_name: &str,
    field: &str,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (i, id) in ids.into_iter().enumerate() {
        check_id(id, at![list_name, i, field], problems);
        if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id) {
            problems.push(
                Problem::new(
                    at![list_name, i, field],
                    format!("two {what} have the id `{id}` (item {} and item {} of `{list_name}`)", first + 1, i + 1),
                )
                .help(format!("every {} needs its own id: rename one of them, like `{id}-2`", what.trim_end_matches('s'))),
            );
        } else {
            seen.push((id, i));
        }
    }
}

/// Reads an enumerated word; flags anything else.
fn one_of<T: Copy>(
    text: &str,
    words: &[(&str, T)],
    at: Vec<Seg>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let lower = text.trim().to_lowercase();
    if let Some((_, v)) = words.iter().find(|(w, _)| *w == lower) {
        return Some(*v);
    }
    let known: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let mut help = format!("`{field}` is one of {}", list(&known));
    if let Some(k) = crate::problem::nearest(&lower, known.iter().copied()) {
        help = format!("did you mean `{k}`? {help}");
    }
    problems.push(Problem::new(at, format!("`{text}` is not a valid `{field}`")).help(help));
    None
}

fn list_or_empty<T>(v: Option<Vec<T>>) -> Vec<T> {
    v.unwrap_or_default()
}

impl RawCase {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::CaseInfo {
        let team = list_or_empty(self.team);
        check_unique(team.iter().map(|t| t.id.as_str()), "team", "id", "team members", problems);
        for (i, t) in team.iter().enumerate() {
            if t.id == "parent" {
                problems.push(
                    Problem::new(at!["team", i, "id"], "`parent` is the reserved id of the parent")
                        .help("the parent is described under `parent:`; give this team member another id"),
                );
            }
        }
        let defaults = m::Settings::default();
        let settings = self.settings.map_or(defaults, |s| m::Settings {
            similar_narrative: s.similar_narrative.unwrap_or(defaults.similar_narrative),
            min_delivery: s.min_delivery.unwrap_or(defaults.min_delivery),
            missed_in_a_row: s.missed_in_a_row.unwrap_or(defaults.missed_in_a_row),
        });
        for (name, value) in [("similar_narrative", settings.similar_narrative), ("min_delivery", settings.min_delivery)] {
            if !(0.0..=1.0).contains(&value) {
                problems.push(
                    Problem::new(at!["settings", name], format!("`{name}: {value}` is outside 0 to 1"))
                        .help("write a share between 0 and 1, like `0.90` for 90%"),
                );
            }
        }
        let state = self.state.map(|s| s.trim().to_ascii_uppercase());
        if let Some(s) = &state {
            if s.len() != 2 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
                problems.push(
                    Problem::new(at!["state"], format!("`{s}` is not a two-letter state code"))
                        .help("write the state's postal code, like `MA` or `CA`"),
                );
            }
        }
        m::CaseInfo {
            child: m::Child {
                name: self.child.name,
                date_of_birth: self.child.date_of_birth.map(|d| d.0),
                grade: self.child.grade,
                school: self.child.school,
            },
            district: self.district,
            state,
            school_address: self.school_address,
            parent: m::Parent {
                name: self.parent.name,
                address: self.parent.address,
                email: self.parent.email,
                phone: self.parent.phone,
            },
            team: team
                .into_iter()
                .map(|t| m::TeamMember { id: t.id, name: t.name, role: t.role, email: t.email, phone: t.phone })
                .collect(),
            settings,
        }
    }
}

/// Reads a list of item paths; bad paths are flagged (references are checked later).
fn item_refs(items: &[String], field: &str, problems: &mut Vec<Problem>) -> m::ItemRefs {
    let mut refs = Vec::new();
    for (i, text) in items.iter().enumerate() {
        match m::ItemRef::parse(text) {
            Some(r) => refs.push(r),
            None => problems.push(
                Problem::new(at![field, i], format!("`{text}` is not an item of an IEP"))
                    .help("name an item as `services.<id>`, `goals.<id>`, `accommodations.<id>` or `placement`, or write `all`"),
            ),
        }
    }
    m::ItemRefs(refs)
}

impl RawIep {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::IepVersion {
        check_id(&self.id, at!["id"], problems);
        let plan = match &self.plan {
            None => m::Plan::Iep,
            Some(p) => one_of(p, &[("iep", m::Plan::Iep), ("504", m::Plan::Section504)], at!["plan"], "plan", problems)
                .unwrap_or(m::Plan::Iep),
        };
        let goals = list_or_empty(self.goals);
        let services = list_or_empty(self.services);
        let accommodations = list_or_empty(self.accommodations);
        check_unique(goals.iter().map(|g| g.id.as_str()), "goals", "id", "goals", problems);
        check_unique(services.iter().map(|s| s.id.as_str()), "services", "id", "services", problems);
        check_unique(accommodations.iter().map(|a| a.id.as_str()), "accommodations", "id", "accommodations", problems);
        if let (Some(end), effective) = (self.end, self.effective) {
            if end.0 < effective.0 {
                problems.push(
                    Problem::new(at!["end"], format!("the plan ends on {} before it takes effect on {}", end.0, effective.0))
                        .help("check both dates: `end` is the date the annual review is due, after `effective`"),
                );
            }
        }
        let goals = goals
            .into_iter()
            .enumerate()
            .map(|(i, g)| {
                let direction = match &g.direction {
                    None => m::Direction::Up,
                    Some(d) => one_of(
                        d,
                        &[("up", m::Direction::Up), ("down", m::Direction::Down)],
                        at!["goals", i, "direction"],
                        "direction",
                        problems,
                    )
                    .unwrap_or_default(),
                };
                m::Goal {
                    id: g.id,
                    area: g.area,
                    statement: g.statement,
                    measure: g.measure,
                    baseline: g.baseline.map(|b| m::Baseline { value: b.value, date: b.date.map(|d| d.0) }),
                    target: g.target.map(|t| m::Target { value: t.value, by: t.by.map(|d| d.0) }),
                    direction,
                }
            })
            .collect();
        let services = services
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let amount = convert_amount(&s.amount, at!["services", i, "amount"], problems);
                if let (Some(start), Some(end)) = (s.start, s.end) {
                    if end.0 < start.0 {
                        problems.push(
                            Problem::new(at!["services", i, "end"], format!("the service ends on {} before it starts on {}", end.0, start.0))
                                .help("check `start` and `end` of this service"),
                        );
                    }
                }
                m::Service {
                    id: s.id,
                    service: s.service,
                    provider: s.provider,
                    amount,
                    setting: s.setting,
                    group: s.group,
                    start: s.start.map(|d| d.0),
                    end: s.end.map(|d| d.0),
                }
            })
            .collect();
        let parent_rejected = item_refs(&list_or_empty(self.parent_rejected), "parent_rejected", problems);
        m::IepVersion {
            id: self.id,
            plan,
            effective: self.effective.0,
            end: self.end.map(|d| d.0),
            meeting: self.meeting.map(|d| d.0),
            parent_signed: self.parent_signed.map(|d| d.0),
            parent_rejected,
            amends: self.amends,
            placement: self.placement.map(|p| m::Placement { setting: p.setting, general_ed_percent: p.general_ed_percent }),
            goals,
            services,
            accommodations: accommodations.into_iter().map(|a| m::Accommodation { id: a.id, text: a.text }).collect(),
        }
    }
}

/// Placeholder for an amount that could not be read (the file has an error anyway).
fn unreadable_amount(text: &str) -> m::Amount {
    m::Amount::as_needed(text)
}

fn convert_amount(raw: &RawAmount, at: Vec<Seg>, problems: &mut Vec<Problem>) -> m::Amount {
    match raw {
        RawAmount::Text(text) => {
            // Spans count from the trimmed text.
            let lead = text.chars().take_while(|c| c.is_whitespace()).count();
            match m::Amount::parse(text) {
                Ok(amount) => {
                    for range in &amount.ranges {
                        let mut p = Problem::new(
                            at.clone(),
                            format!(
                                "the amount `{}` gives a range, `{}`, and reads its lower bound: {amount}",
                                text.trim(),
                                range.written
                            ),
                        )
                        .help(
                            "a range promises only its lower bound, so that is what is counted as owed; \
                             if the plan commits to more, write that number",
                        )
                        .part(range.span.0 + lead, range.span.1);
                        p.warning = true;
                        problems.push(p);
                    }
                    amount
                }
                Err(e) => {
                    let mut p = Problem::new(at, format!("the amount `{}` cannot be read: {}", text.trim(), e.message)).help(e.help);
                    if let Some((offset, len)) = e.span {
                        p = p.part(offset + lead, len);
                    }
                    problems.push(p);
                    unreadable_amount(text)
                }
            }
        }
        RawAmount::Parts(parts) => match m::Amount::from_parts(parts.sessions, parts.minutes, &parts.per) {
            Ok(a) => a,
            Err(e) => {
                problems.push(Problem::new(at, format!("this amount cannot be read: {}", e.message)).help(e.help));
                unreadable_amount(&parts.per)
            }
        },
    }
}

impl RawReport {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::ProgressReport {
        let goals = list_or_empty(self.goals);
        let mut seen: Vec<&str> = Vec::new();
        for (i, g) in goals.iter().enumerate() {
            if seen.contains(&g.goal.as_str()) {
                problems.push(
                    Problem::new(at!["goals", i, "goal"], format!("goal `{}` is reported twice in this report", g.goal))
                        .help("keep one entry per goal"),
                );
            }
            seen.push(&g.goal);
        }
        m::ProgressReport {
            date: self.date.0,
            iep: self.iep,
            goals: goals
                .into_iter()
                .map(|g| m::GoalProgress { goal: g.goal, value: g.value, status: g.status, narrative: g.narrative })
                .collect(),
        }
    }
}

const SOURCES: [(&str, m::Source); 4] = [
    ("provider", m::Source::Provider),
    ("school", m::Source::School),
    ("child", m::Source::Child),
    ("parent", m::Source::Parent),
];

impl RawServiceLog {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::ServiceLog {
        let entries = list_or_empty(self.entries);
        m::ServiceLog { entries: entries.into_iter().enumerate().map(|(i, e)| e.convert(i, problems)).collect() }
    }
}

impl RawLogEntry {
    /// The model's entry; `i` is the entry's place in the file, for problems.
    fn convert(self, i: usize, problems: &mut Vec<Problem>) -> m::LogEntry {
        let e = self;
        {
            let outcome = match (e.minutes, e.missed) {
                (Some(minutes), None) => m::Outcome::Delivered { minutes },
                (None, Some(reason)) => m::Outcome::Missed { reason },
                (Some(minutes), Some(_)) => {
                    problems.push(
                        Problem::new(at!["entries", i, "missed"], "this entry has both `minutes` and `missed`")
                            .key()
                            .help("an entry is either a session that happened (`minutes: 30`) or one that did not (`missed: the reason`); if it was cut short, log the minutes given"),
                    );
                    m::Outcome::Delivered { minutes }
                }
                (None, None) => {
                    problems.push(
                        Problem::new(at!["entries", i], "this entry has neither `minutes` nor `missed`")
                            .help("add `minutes: 30` (how long the session was) or `missed: the reason` (it did not happen)"),
                    );
                    // Kept so that entry indexes still match the file; the
                    // case has an error and is not checked.
                    m::Outcome::Missed { reason: String::new() }
                }
            };
            let source = match &e.source {
                None => m::Source::School,
                Some(s) => match SOURCES.iter().find(|(word, _)| word == s) {
                    Some((_, source)) => *source,
                    None => one_of(s, &SOURCES, at!["entries", i, "source"], "source", problems).unwrap_or_default(),
                },
            };
            let by_student = match e.by.as_deref().map(str::trim) {
                None => false,
                Some("student") => {
                    if !outcome.is_missed() {
                        problems.push(
                            Problem::new(at!["entries", i, "by"], "`by: student` is only for a missed session")
                                .key()
                                .help("`by: student` says the child caused a miss (absent, refused); remove it from a session that happened"),
                        );
                    }
                    true
                }
                Some(other) => {
                    problems.push(
                        Problem::new(at!["entries", i, "by"], format!("`by: {other}` is not understood"))
                            .help("the only value is `by: student`, for a miss the child caused; a miss is the school's unless it says so"),
                    );
                    false
                }
            };
            if e.made_up_on.is_some() && !outcome.is_missed() {
                problems.push(
                    Problem::new(at!["entries", i, "made_up_on"], "`made_up_on` is only for a missed session")
                        .key()
                        .help("put `made_up_on` on the missed entry, and log the make-up session as its own entry on that date"),
                );
            }
            if let Some(d) = e.made_up_on {
                if d.0 < e.date.0 {
                    problems.push(
                        Problem::new(at!["entries", i, "made_up_on"], format!("the session was made up on {} before it was missed on {}", d.0, e.date.0))
                            .help("check the two dates"),
                    );
                }
            }
            m::LogEntry {
                date: e.date.0,
                service: e.service,
                outcome,
                setting: e.setting,
                group: e.group,
                source,
                made_up_on: e.made_up_on.map(|d| d.0),
                by_student,
            }
        }
    }
}

impl RawCalendar {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::SchoolCalendar {
        let (first, last) = (self.first_day.0, self.last_day.0);
        if last < first {
            problems.push(
                Problem::new(at!["last_day"], format!("the last day {last} comes before the first day {first}"))
                    .help("check `first_day` and `last_day`: a school calendar covers one school year"),
            );
        } else if (last - first).num_days() > 400 {
            problems.push(
                Problem::new(at!["last_day"], format!("this calendar runs from {first} to {last}, more than one school year"))
                    .help("write one calendar file per school year"),
            );
        }
        // Closed days and report cards a few weeks outside the year are typing mistakes.
        let lo = first - chrono::Duration::days(31);
        let hi = last.max(first) + chrono::Duration::days(31);
        let mut closed = Vec::new();
        for (i, c) in list_or_empty(self.closed).into_iter().enumerate() {
            let range = match c {
                RawClosed::Day(d) => m::DateRange { from: d.0, to: d.0 },
                RawClosed::Range(r) => {
                    if r.to.0 < r.from.0 {
                        problems.push(
                            Problem::new(at!["closed", i, "to"], format!("this closure ends on {} before it starts on {}", r.to.0, r.from.0))
                                .help("`from` is the first closed day and `to` the last"),
                        );
                    }
                    m::DateRange { from: r.from.0, to: r.to.0 }
                }
            };
            if range.from < lo || range.to > hi {
                problems.push(
                    Problem::new(at!["closed", i], format!("{} is outside this school year ({first} to {last})", range.from))
                        .help("check the year of this date"),
                );
            }
            closed.push(range);
        }
        let report_cards = list_or_empty(self.report_cards);
        for (i, d) in report_cards.iter().enumerate() {
            if d.0 < lo || d.0 > hi {
                problems.push(
                    Problem::new(at!["report_cards", i], format!("{} is outside this school year ({first} to {last})", d.0))
                        .help("check the year of this date"),
                );
            }
        }
        m::SchoolCalendar { first_day: first, last_day: last, closed, report_cards: report_cards.into_iter().map(|d| d.0).collect() }
    }
}

impl RawMeeting {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::Meeting {
        use m::MeetingType as T;
        let meeting_type = one_of(
            &self.meeting_type,
            &[
                ("annual-review", T::AnnualReview),
                ("amendment", T::Amendment),
                ("eligibility", T::Eligibility),
                ("reevaluation", T::Reevaluation),
                ("other", T::Other),
            ],
            at!["type"],
            "type",
            problems,
        )
        .unwrap_or(T::Other);
        let agreed = item_refs(&list_or_empty(self.agreed), "agreed", problems);
        m::Meeting {
            date: self.date.0,
            meeting_type,
            requested: self.requested.map(|r| m::Requested { by: r.by, date: r.date.0 }),
            attendees: list_or_empty(self.attendees),
            agreed,
            notes: self.notes,
            concerns: list_or_empty(self.concerns),
            questions: list_or_empty(self.questions),
        }
    }
}

impl RawNotice {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::PriorWrittenNotice {
        let action = one_of(
            &self.action,
            &[("proposes", m::NoticeAction::Proposes), ("refuses", m::NoticeAction::Refuses)],
            at!["action"],
            "action",
            problems,
        )
        .unwrap_or(m::NoticeAction::Proposes);
        let covers = item_refs(&list_or_empty(self.covers), "covers", problems);
        m::PriorWrittenNotice { date: self.date.0, action, covers, description: self.description }
    }
}

impl RawLetter {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Letter {
        m::Letter {
            date: self.date.0,
            letter_type: self.letter_type,
            to: self.to,
            cc: list_or_empty(self.cc),
            via: self.via,
            subject: self.subject,
            reply_by: self.reply_by.map(|d| d.0),
            response: self.response.map(|r| m::Response { date: r.date.0, summary: r.summary }),
        }
    }
}

impl RawCommunications {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Communications {
        m::Communications {
            entries: list_or_empty(self.entries)
                .into_iter()
                .map(|c| m::Communication { date: c.date.0, with: c.with, via: c.via, summary: c.summary })
                .collect(),
        }
    }
}

impl RawObservations {
    pub fn convert(self, _problems: &mut Vec<Problem>) -> m::Observations {
        m::Observations {
            entries: list_or_empty(self.entries).into_iter().map(|o| m::Observation { date: o.date.0, note: o.note }).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log as serde_yaml and the converter read it, when that gives no problem.
    fn slow_read(text: &str) -> Option<m::ServiceLog> {
        let raw: RawServiceLog = serde_yaml::from_str(text).ok()?;
        let mut problems = Vec::new();
        let log = raw.convert(&mut problems);
        problems.is_empty().then_some(log)
    }

    #[test]
    fn the_quick_log_reader_agrees_with_serde_yaml() {
        let text = "# a comment\nkind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30}\n  - {date: 2025-09-18, service: speech, missed: SLP at training (all day), by: student, source: provider}\n  - {date: 2025-09-19, service: ot, missed: Out sick, made_up_on: 2025-09-22, setting: pull-out, group: group}\n";
        let quick = RawServiceLog::quick(text).expect("simple entries");
        assert_eq!(quick.entries, slow_read(text).expect("serde_yaml reads it").entries);
        for odd in [
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: \"30\"}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30} # note\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-02-30, service: speech, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, missed: null}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minuts: 30}\n",
            "kind: service-log\nentries:\n  - date: 2025-09-16\n    service: speech\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, missed: Out sick}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, source: teacher}\n",
        ] {
            assert!(RawServiceLog::quick(odd).is_none(), "{odd}");
        }
    }

    proptest::proptest! {
        /// Whatever the quick reader accepts, serde_yaml reads the same way.
        #[test]
        fn the_quick_reader_never_disagrees(fields in proptest::collection::vec((0usize..9, 0usize..16), 1..6)) {
            const KEYS: [&str; 9] = ["date", "service", "minutes", "missed", "setting", "group", "source", "by", "made_up_on"];
            const VALUES: [&str; 16] = [
                "2025-09-16", "2025-02-30", "speech", "30", "1e3", "null", "True", "Out sick (all day)",
                "a: b", "x #y", "Łukasz's group", "-5", ".inf", "inf", "provider", "student",
            ];
            let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}: {}", KEYS[*k], VALUES[*v])).collect();
            let text = format!("kind: service-log\nentries:\n  - {{{}}}\n", body.join(", "));
            if let Some(quick) = RawServiceLog::quick(&text) {
                proptest::prop_assert_eq!(Some(quick.entries), slow_read(&text).map(|log| log.entries), "{}", text);
            }
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(parse_date("2026-02-30").unwrap_err().contains("February 2026 has 28 days"));
        assert!(parse_date("2024-02-30").unwrap_err().contains("February 2024 has 29 days"));
        assert!(parse_date("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_date("02/03/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_date("2026-02-28").unwrap(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    }
}
