//! The loader's own serde types, one per `kind:`, exactly as the files are
//! written (case-format.md), and their conversion into the model. Nothing
//! outside this crate sees them.
//!
//! Enumerated words (`plan`, `type`, `source`...) are read as text here and
//! checked during conversion, so their messages can list the accepted words.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use iep_model as m;

use crate::problem::{Problem, at, list};
use crate::span::Seg;

mod calendar;
mod case;
mod check_ins;
mod iep;
mod log;
mod records;
mod report;

pub use calendar::RawCalendar;
pub use case::RawCase;
pub use check_ins::RawCheckIns;
pub use iep::RawIep;
pub use log::RawServiceLog;
pub use records::{RawCommunications, RawConsent, RawEvaluation, RawLetter, RawMeeting, RawNotice, RawObservations};
pub use report::RawReport;

/// A date written `YYYY-MM-DD`, with plain-word errors ("February 2026 has 28 days").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Date(pub NaiveDate);

fn days_in_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|n| n.pred_opt()).map_or(31, |d| d.day())
}

/// Reads `YYYY-MM-DD`; the error is `message\u{1f}help`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shape = "write dates as YYYY-MM-DD, like 2026-02-03";
    let digits = text.trim();
    let b = digits.as_bytes();
    // YYYY-MM-DD: ten bytes, dashes at 4 and 7, digits elsewhere.
    let well_formed = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
    if !well_formed {
        if month_only(digits).is_some() {
            return Err(format!(
                "`{text}` gives only a month, and this date must be a whole date\u{1f}write the day too, like `{digits}-01`; \
                 only a baseline's `date`, a target's or objective's `by` and a progress report's `date` may be a month (YYYY-MM)"
            ));
        }
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

/// `YYYY-MM` with a real month: the year and month.
fn month_only(text: &str) -> Option<(i32, u32)> {
    let b = text.as_bytes();
    let shaped =
        b.len() == 7 && b.iter().enumerate().all(|(i, c)| if i == 4 { *c == b'-' } else { c.is_ascii_digit() });
    if !shaped {
        return None;
    }
    let (year, month): (i32, u32) = (text[0..4].parse().ok()?, text[5..7].parse().ok()?);
    (1..=12).contains(&month).then_some((year, month))
}

/// A date where case-format.md allows a month alone (`2010-11`): a baseline's
/// `date`, a target's or objective's `by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrMonth {
    Day(NaiveDate),
    Month(i32, u32),
}

impl DateOrMonth {
    /// As a start: a month means its first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            DateOrMonth::Day(d) => d,
            DateOrMonth::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default(),
        }
    }
    /// As a deadline: a month means its last day.
    pub fn last_day(self) -> NaiveDate {
        match self {
            DateOrMonth::Day(d) => d,
            DateOrMonth::Month(y, m) => NaiveDate::from_ymd_opt(y, m, days_in_month(y, m)).unwrap_or_default(),
        }
    }
    pub fn is_month(self) -> bool {
        matches!(self, DateOrMonth::Month(..))
    }
}

impl<'de> Deserialize<'de> for DateOrMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<DateOrMonth, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateOrMonth;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date (YYYY-MM-DD) or a month (YYYY-MM)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateOrMonth, E> {
                if let Some((y, m)) = month_only(v.trim()) {
                    return Ok(DateOrMonth::Month(y, m));
                }
                parse_date(v).map(DateOrMonth::Day).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// A yes-or-no answer written as `yes`/`no` (plain words in YAML 1.2) or `true`/`false`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YesNo(pub bool);

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<YesNo, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = YesNo;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`yes` or `no`")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<YesNo, E> {
                Ok(YesNo(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YesNo, E> {
                match v.trim().to_ascii_lowercase().as_str() {
                    "yes" | "y" | "true" => Ok(YesNo(true)),
                    "no" | "n" | "false" => Ok(YesNo(false)),
                    _ => Err(E::custom(format!(
                        "`{v}` is not `yes` or `no`\u{1f}write `yes` or `no`, as the report answers"
                    ))),
                }
            }
        }
        d.deserialize_any(V)
    }
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

/// A measured value: a number, whole or decimal, or (format 1.2) written with
/// a percent sign as report forms print it (`60%`), read as the number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured(pub f64);

impl<'de> Deserialize<'de> for Measured {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Measured, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Measured;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number, like `48`, `2.5` or `60%`")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Measured, E> {
                Ok(Measured(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Measured, E> {
                Ok(Measured(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Measured, E> {
                Ok(Measured(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Measured, E> {
                parse_measured(v).map(Measured).ok_or_else(|| {
                    E::custom(format!(
                        "`{v}` is not a measured value\u{1f}write the number alone, like `60`, or with a percent sign, \
                         like `60%`; the trials go in `trials` (`trials: \"2 of 3\"`) and words in `narrative`"
                    ))
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// `60`, `60%`, `60 %`, `2.5`: the number; anything else (`60 percent`) is not one.
fn parse_measured(text: &str) -> Option<f64> {
    let text = text.trim();
    let number = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
    let well_formed = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && number.chars().any(|c| c.is_ascii_digit());
    if !well_formed {
        return None;
    }
    number.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// How many trials a value held in, as the report words it (`2 of 3`, `4 out
/// of 5`): kept as written, shown beside the value, never judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trials(pub String);

impl<'de> Deserialize<'de> for Trials {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Trials, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Trials;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("trials written like `2 of 3`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Trials, E> {
                let words: Vec<&str> = v.split_whitespace().collect();
                let count = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
                let shaped = match words.as_slice() {
                    [n, "of", m] => count(n) && count(m),
                    [n, "out", "of", m] => count(n) && count(m),
                    _ => false,
                };
                if shaped {
                    return Ok(Trials(words.join(" ")));
                }
                Err(E::custom(format!(
                    "`{v}` is not a count of trials\u{1f}write it in digits as the report gives it, like `trials: \"2 of 3\"` \
                     (2 of 3 trials)"
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Trials, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Trials, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Trials, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A `key: value` group whose keys may each be given once: serde's own maps
/// keep the last of two and say nothing.
#[derive(Debug, Default)]
pub struct UniqueKeys<V>(pub std::collections::BTreeMap<String, V>);

impl<'de, V: Deserialize<'de>> Deserialize<'de> for UniqueKeys<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UniqueKeys<V>, D::Error> {
        struct Keys<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Keys<V> {
            type Value = UniqueKeys<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a group of `key: value` lines")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueKeys<V>, A::Error> {
                let mut out = std::collections::BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    if out.contains_key(&key) {
                        return Err(de::Error::custom(format!("{}{key}", crate::de::REPEATED_KEY)));
                    }
                    let value = map.next_value()?;
                    out.insert(key, value);
                }
                Ok(UniqueKeys(out))
            }
        }
        d.deserialize_map(Keys(std::marker::PhantomData))
    }
}

/// A closed day or a `{from, to}` range of a calendar.
#[derive(Debug)]
pub enum RawClosed {
    Day(Date),
    Range(RawRange),
}

/// A range of days, both included.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    /// The first day.
    pub from: Date,
    /// The last day.
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

/// A service amount as a mapping.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAmountParts {
    /// Sessions per period. Absent: `minutes` is the total per period.
    pub sessions: Option<u32>,
    /// Minutes per session (or in total). Absent: the amount is counted in sessions.
    pub minutes: Option<f64>,
    /// The period: `day`, `week`, `2 weeks`, `month`, `quarter`, `trimester`, `semester`, `year` or `6-day cycle`.
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

// ---- JSON Schema (docs/schemas/): what the hand-written readers above accept ----

/// `YYYY-MM-DD`.
const DATE_PATTERN: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "string", "pattern": DATE_PATTERN, "description": "A date, YYYY-MM-DD."})
    }
}

impl JsonSchema for DateOrMonth {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DateOrMonth".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": r"^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$",
            "description": "A date, YYYY-MM-DD, or a month alone, YYYY-MM."
        })
    }
}

impl JsonSchema for Measured {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Measured".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A number, whole or decimal, or written with a percent sign (`60%`).",
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*-?[0-9.]+\s*%?\s*$"}]
        })
    }
}

impl JsonSchema for Trials {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Trials".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How many trials, as the report words it: `2 of 3`.",
            "type": "string",
            "pattern": r"^\s*[0-9]+\s+(out\s+)?of\s+[0-9]+\s*$"
        })
    }
}

impl JsonSchema for YesNo {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "YesNo".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "`yes` or `no`.",
            "anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "Yes", "No", "YES", "NO", "y", "n"]}]
        })
    }
}

impl JsonSchema for RawClosed {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Closed".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A closed day, or `{from, to}` for a range of closed days.",
            "anyOf": [Date::json_schema(generator), generator.subschema_for::<RawRange>()]
        })
    }
}

impl JsonSchema for RawAmount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An amount like `2 x 30 min per week`, or `{sessions, minutes, per}`.",
            "anyOf": [{"type": ["string", "number"]}, generator.subschema_for::<RawAmountParts>()]
        })
    }
}

// ---- conversion ----

/// Checks that an id is letters, digits, `-`, `_` and `.` (case-format.md).
pub(crate) fn check_id(id: &str, at: Vec<Seg>, problems: &mut Vec<Problem>) {
    let allowed = |c: char| c.is_alphanumeric() || c == '-' || c == '_' || c == '.';
    if id.is_empty() || !id.chars().all(allowed) {
        let fixed: String = id.trim().chars().map(|c| if allowed(c) { c } else { '-' }).collect();
        let help = if fixed.is_empty() {
            "give it an id made of letters, digits, `-`, `_` and `.`".to_owned()
        } else {
            format!("an id is letters, digits, `-`, `_` and `.` only, like `{fixed}`")
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
                .help(format!(
                    "every {} needs its own id: rename one of them, like `{id}-2`",
                    what.trim_end_matches('s')
                )),
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

/// The largest size a measured value may have: far beyond any count,
/// score or percentage a school reports, and small enough that every chart
/// and projection computed from it stays a number (a chart of `1.7e308`
/// would not).
const MEASURE_LIMIT: f64 = 1e12;

/// Flags a number that is not finite (`.nan`, `.inf`, `1e309`) or is beyond
/// [`MEASURE_LIMIT`]: no measure is.
fn finite(value: Option<f64>, at: Vec<Seg>, problems: &mut Vec<Problem>) {
    let help =
        "write the value as the school reported it, like `48` or `2.5`; leave the field out if no value was given";
    match value {
        Some(v) if !v.is_finite() => {
            problems.push(Problem::new(at, format!("`{v}` is not a number a measure can have")).help(help));
        }
        Some(v) if v.abs() > MEASURE_LIMIT => problems.push(
            Problem::new(at, format!("`{v:e}` is larger than any measure (at most 1,000,000,000,000 either way)"))
                .help(help),
        ),
        _ => {}
    }
}

fn list_or_empty<T>(v: Option<Vec<T>>) -> Vec<T> {
    v.unwrap_or_default()
}

/// Reads a list of item paths; bad paths are flagged (references are checked later).
fn item_refs(items: &[String], field: &str, problems: &mut Vec<Problem>) -> m::ItemRefs {
    let mut refs = Vec::new();
    for (i, text) in items.iter().enumerate() {
        match m::ItemRef::parse(text) {
            Some(r) => refs.push(r),
            None => problems.push(Problem::new(at![field, i], format!("`{text}` is not an item of an IEP")).help(
                "name an item as `services.<id>`, `goals.<id>`, `accommodations.<id>` or `placement`, or write `all`",
            )),
        }
    }
    m::ItemRefs(refs)
}
