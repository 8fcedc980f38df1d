//! `kind: check-ins` (format 1.2): whether an accommodation was given on a day.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, Visitor};

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

/// Whether the accommodations were given, a day at a time. Entries of several files are merged.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCheckIns {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// One entry per accommodation and day.
    #[serde(default)]
    entries: Option<Vec<RawCheckIn>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// Whether one accommodation was given on one day, as the child, the parent or a teacher said it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawCheckIn {
    /// The school day it is about.
    #[schemars(extend("examples" = ["2025-10-03"]))]
    date: Date,
    /// The id of an accommodation of the version in force that day.
    #[schemars(extend("examples" = ["A1"]))]
    accommodation: String,
    /// `yes`, `no` or `partly` (given in part).
    #[schemars(extend("examples" = ["no"]))]
    provided: Word,
    /// Who said it: `child`, `parent`, `teacher` or `school`.
    #[schemars(extend("examples" = ["parent"]), extend("default" = "child"))]
    source: Option<String>,
    /// The team member id of the person responsible that day (a teacher).
    #[schemars(extend("examples" = ["science-teacher"]))]
    with: Option<String>,
    /// `true`: the person responsible said they did not know of the accommodation or had not seen the plan.
    #[schemars(extend("examples" = [true]), extend("default" = false))]
    unaware: Option<bool>,
    /// What happened, in words.
    #[schemars(extend("examples" = ["Had to hand in the quiz when the bell rang."]))]
    note: Option<String>,
    /// `true`: the family's own; the checks count it, but no letter, packet or report prints its note.
    #[schemars(extend("examples" = [true]), extend("default" = false))]
    private: Option<bool>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// A word that YAML may have read as a boolean or a number: kept as text,
/// so that the conversion can say which words are accepted.
#[derive(Debug)]
struct Word(String);

impl<'de> Deserialize<'de> for Word {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Word, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Word;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`yes`, `no` or `partly`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Word, E> {
                Ok(Word(v.to_owned()))
            }
            // `provided: true` means yes, as elsewhere in the format.
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Word, E> {
                Ok(Word(if v { "yes" } else { "no" }.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Word, E> {
                Ok(Word(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Word, E> {
                Ok(Word(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Word, E> {
                Ok(Word(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Word, E> {
                Ok(Word(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Word {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Provided".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"description": "`yes`, `no` or `partly`.", "enum": ["yes", "no", "partly"]})
    }
}

impl RawCheckIns {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::CheckIns {
        let entries = list_or_empty(self.entries)
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let provided = one_of(
                    &e.provided.0,
                    &[("yes", m::Provided::Yes), ("no", m::Provided::No), ("partly", m::Provided::Partly)],
                    at!["entries", i, "provided"],
                    "provided",
                    problems,
                )
                .unwrap_or(m::Provided::Yes);
                let source = e.source.as_deref().map_or(m::CheckInSource::Child, |s| {
                    use m::CheckInSource as S;
                    one_of(
                        s,
                        &[("child", S::Child), ("parent", S::Parent), ("teacher", S::Teacher), ("school", S::School)],
                        at!["entries", i, "source"],
                        "source",
                        problems,
                    )
                    .unwrap_or_default()
                });
                check_id(&e.accommodation, at!["entries", i, "accommodation"], problems);
                m::CheckIn {
                    date: e.date.0,
                    accommodation: e.accommodation,
                    provided,
                    source,
                    with: e.with,
                    unaware: e.unaware.unwrap_or(false),
                    note: e.note,
                    private: e.private.unwrap_or(false),
                    notes: e.notes,
                }
            })
            .collect();
        m::CheckIns { entries, notes: self.notes }
    }
}
