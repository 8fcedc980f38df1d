//! `kind: case`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: case ----

/// The case: the child, the school, the parent and the team. Exactly one per case folder (`case.yaml`).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The child.
    child: RawChild,
    /// The school district's name.
    #[schemars(extend("examples" = ["Riverside Public Schools"]))]
    district: Option<String>,
    /// The state's two-letter postal code; it selects the state's timeline rules (the federal defaults otherwise).
    #[schemars(extend("examples" = ["MA"]))]
    state: Option<String>,
    /// The recipient block of letters: the school's name and postal address, one line each.
    #[schemars(extend("examples" = ["Riverside Elementary School\n200 Mill Street\nRiverside, MA 01720\n"]))]
    school_address: Option<String>,
    /// Where letters to district staff (team members `at: district`) go. Default: `school_address`.
    #[schemars(extend("examples" = ["Riverside Public Schools, 1 Main Street, Riverside, MA 01720"]))]
    district_address: Option<String>,
    /// The state education agency's name, for a state complaint (an extension of this tool).
    #[schemars(extend("examples" = ["Massachusetts Department of Elementary and Secondary Education"]))]
    state_agency: Option<String>,
    /// The state education agency's postal address for a state complaint, one line each (an
    /// extension of this tool): the rules data holds no verified address, so the complaint
    /// gives one only when the case does.
    #[schemars(extend("examples" = ["Complaint Office\n1 Capitol Way\nCapital City, ST 00000\n"]))]
    state_agency_address: Option<String>,
    /// The parent: the sender of letters.
    parent: RawParent,
    /// The people letters go to; `id` is what other files name.
    #[serde(default)]
    team: Option<Vec<RawTeamMember>>,
    /// The legend of the progress codes the school's reports use: each code mapped to one of
    /// `met`, `sufficient`, `progressing` (progress made, sufficiency not said), `insufficient`,
    /// `none`, `not-started`; or to `{means, text}` to keep the legend's own words, which outputs quote.
    #[serde(default)]
    #[schemars(extend("examples" = [{"SP": "sufficient", "IP": "insufficient", "2": {"means": "progressing", "text": "Partial Progress (1-49% of goal met)"}}]))]
    #[schemars(with = "Option<std::collections::BTreeMap<String, RawLegendEntry>>")]
    progress_codes: Option<UniqueKeys<RawLegendEntry>>,
    /// Thresholds of the checks.
    #[serde(default)]
    settings: Option<RawSettings>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// The child the case is about.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawChild {
    /// The child's name.
    #[schemars(extend("examples" = ["Maya Alvarez"]))]
    name: String,
    /// The child's date of birth.
    #[schemars(extend("examples" = ["2017-04-12"]))]
    date_of_birth: Option<Date>,
    /// The grade, as text (quote it: `"3"`, `"K"`).
    #[schemars(extend("examples" = ["3"]))]
    grade: Option<String>,
    /// The school's name.
    #[schemars(extend("examples" = ["Riverside Elementary"]))]
    school: Option<String>,
}

/// The parent: the sender of letters.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawParent {
    /// The parent's name, which signs letters.
    #[schemars(extend("examples" = ["Elena Alvarez"]))]
    name: String,
    /// The parent's postal address, one line each.
    #[schemars(extend("examples" = ["14 Orchard Lane\nRiverside, MA 01720\n"]))]
    address: Option<String>,
    /// The parent's email address.
    #[schemars(extend("examples" = ["elena.alvarez@example.org"]))]
    email: Option<String>,
    /// The parent's phone number (quote it).
    #[schemars(extend("examples" = ["555-0142"]))]
    phone: Option<String>,
}

/// A person letters go to.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawTeamMember {
    /// What other files call this person (`to`, `cc`, `with`, `attendees`): letters, digits, `-`, `_` and `.`; `parent` is reserved.
    #[schemars(extend("examples" = ["case-manager"]))]
    id: String,
    /// The person's full name.
    #[schemars(extend("examples" = ["Jordan Lee"]))]
    name: String,
    /// The person's role.
    #[schemars(extend("examples" = ["Special Education Teacher and Liaison"]))]
    role: Option<String>,
    /// The person's email address.
    #[schemars(extend("examples" = ["jlee@riverside.example.org"]))]
    email: Option<String>,
    /// The person's phone number (quote it).
    #[schemars(extend("examples" = ["555-0100"]))]
    phone: Option<String>,
    /// How a letter greets them. Default: their full name (a title in the name is kept).
    #[schemars(extend("examples" = ["Mr. Lee"]))]
    salutation: Option<String>,
    /// Where they work: `school` or `district` (letters to district staff go to `district_address`).
    #[schemars(extend("examples" = ["district"]), extend("default" = "school"))]
    at: Option<String>,
}

/// Thresholds of the checks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    /// Progress narratives at least this similar count as copied (0 to 1).
    #[schemars(extend("examples" = [0.85]), extend("default" = 0.90))]
    similar_narrative: Option<f64>,
    /// Delivered / required minutes under this is a shortfall (0 to 1).
    #[schemars(extend("examples" = [0.8]), extend("default" = 0.90))]
    min_delivery: Option<f64>,
    /// This many missed sessions of one service in a row is flagged.
    #[schemars(extend("examples" = [4]), extend("default" = 3))]
    missed_in_a_row: Option<u32>,
    /// This many days an accommodation was not (fully) given make a pattern (format 1.2).
    #[schemars(extend("examples" = [3]), extend("default" = 2))]
    accommodation_misses: Option<u32>,
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
        let settings = convert_settings(self.settings, problems);
        let state = state_code(self.state, problems);
        let progress_codes = convert_progress_codes(self.progress_codes, problems);
        let team: Vec<m::TeamMember> = team.into_iter().enumerate().map(|(i, t)| t.convert(i, problems)).collect();
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
            district_address: self.district_address,
            team,
            progress_codes,
            settings,
            state_agency: self.state_agency,
            state_agency_address: self.state_agency_address,
            notes: self.notes,
        }
    }
}

impl RawTeamMember {
    /// The `i`th member of the team.
    fn convert(self, i: usize, problems: &mut Vec<Problem>) -> m::TeamMember {
        let at = match &self.at {
            None => m::Workplace::School,
            Some(w) => one_of(
                w,
                &[("school", m::Workplace::School), ("district", m::Workplace::District)],
                at!["team", i, "at"],
                "at",
                problems,
            )
            .unwrap_or_default(),
        };
        m::TeamMember {
            id: self.id,
            name: self.name,
            role: self.role,
            email: self.email,
            phone: self.phone,
            salutation: self.salutation.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
            at,
        }
    }
}

/// The case's settings, each defaulted, and a problem for each out of range.
fn convert_settings(raw: Option<RawSettings>, problems: &mut Vec<Problem>) -> m::Settings {
    let defaults = m::Settings::default();
    let settings = raw.map_or(defaults, |s| m::Settings {
        similar_narrative: s.similar_narrative.unwrap_or(defaults.similar_narrative),
        min_delivery: s.min_delivery.unwrap_or(defaults.min_delivery),
        missed_in_a_row: s.missed_in_a_row.unwrap_or(defaults.missed_in_a_row),
        accommodation_misses: s.accommodation_misses.unwrap_or(defaults.accommodation_misses),
    });
    if settings.accommodation_misses == 0 {
        problems.push(
            Problem::new(
                at!["settings", "accommodation_misses"],
                "`accommodation_misses: 0` would flag every accommodation",
            )
            .help("write how many days without the accommodation make a pattern, like `2`, or leave the setting out"),
        );
    }
    for (name, value) in [("similar_narrative", settings.similar_narrative), ("min_delivery", settings.min_delivery)] {
        if !value.is_finite() {
            problems.push(
                Problem::new(at!["settings", name], format!("`{value}` is not a number"))
                    .help("write a share between 0 and 1, like `0.90` for 90%, or leave the setting out"),
            );
        } else if !(0.0..=1.0).contains(&value) {
            problems.push(
                Problem::new(at!["settings", name], format!("`{name}: {value}` is outside 0 to 1"))
                    .help("write a share between 0 and 1, like `0.90` for 90%"),
            );
        }
    }
    if settings.missed_in_a_row == 0 {
        problems.push(
            Problem::new(at!["settings", "missed_in_a_row"], "`missed_in_a_row: 0` would flag every service, missed or not")
                .help("write how many missed sessions in a row to flag, 1 or more (the default is 3), or leave the setting out"),
        );
    }
    settings
}

/// The state's postal code in capitals; a problem unless it is two letters.
fn state_code(raw: Option<String>, problems: &mut Vec<Problem>) -> Option<String> {
    let state = raw.map(|s| s.trim().to_ascii_uppercase());
    if let Some(s) = &state
        && (s.len() != 2 || !s.chars().all(|c| c.is_ascii_alphabetic()))
    {
        problems.push(
            Problem::new(at!["state"], format!("`{s}` is not a two-letter state code"))
                .help("write the state's postal code, like `MA` or `CA`"),
        );
    }
    state
}

/// The `progress_codes` legend, each code with what it means.
fn convert_progress_codes(
    raw: Option<UniqueKeys<RawLegendEntry>>,
    problems: &mut Vec<Problem>,
) -> Vec<m::ProgressCode> {
    raw.map(|codes| codes.0)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(code, entry)| {
            use m::ProgressMeaning as P;
            let words = [
                ("met", P::Met),
                ("sufficient", P::Sufficient),
                ("progressing", P::Progressing),
                ("insufficient", P::Insufficient),
                ("none", P::None),
                ("not-started", P::NotStarted),
            ];
            let (meaning, text, at) = match entry {
                RawLegendEntry::Meaning(meaning) => (meaning, None, at!["progress_codes", code.as_str()]),
                RawLegendEntry::Words(w) => (w.means, w.text, at!["progress_codes", code.as_str(), "means"]),
            };
            let meaning = one_of(&meaning, &words, at, "progress code meaning", problems)?;
            let text = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
            Some(m::ProgressCode { code, meaning, text })
        })
        .collect()
}

/// One code of the `progress_codes` legend: its meaning alone (`SP: sufficient`),
/// or its meaning with the legend's own words (format 1.2).
#[derive(Debug)]
pub enum RawLegendEntry {
    Meaning(String),
    Words(RawLegendWords),
}

/// A legend entry that keeps the legend's words: `{means: progressing, text: "Partial Progress"}`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLegendWords {
    /// What the code means: `met`, `sufficient`, `progressing`, `insufficient`, `none` or `not-started`.
    #[schemars(extend("examples" = ["progressing"]))]
    means: String,
    /// The legend's own words for the code, quoted by every output.
    #[schemars(extend("examples" = ["Partial Progress (1-49% of goal met)"]))]
    text: Option<String>,
}

impl<'de> Deserialize<'de> for RawLegendEntry {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawLegendEntry, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawLegendEntry;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a meaning (`sufficient`) or `{means: ..., text: ...}`")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawLegendEntry, E> {
                Ok(RawLegendEntry::Meaning(v.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawLegendEntry, A::Error> {
                RawLegendWords::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawLegendEntry::Words)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for RawLegendEntry {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "LegendEntry".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A code's meaning, or `{means, text}` with the legend's own words.",
            "anyOf": [
                {"enum": ["met", "sufficient", "progressing", "insufficient", "none", "not-started"]},
                generator.subschema_for::<RawLegendWords>()
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> (m::Settings, Vec<String>) {
        let raw: RawSettings = serde_yaml::from_str(yaml).unwrap();
        let mut problems = Vec::new();
        let settings = convert_settings(Some(raw), &mut problems);
        (settings, problems.into_iter().map(|p| p.message).collect())
    }

    #[test]
    fn settings_left_out_keep_their_defaults() {
        let (converted, problems) = settings("min_delivery: 0.8");
        let defaults = m::Settings::default();
        assert_eq!(converted.min_delivery, 0.8);
        assert_eq!(converted.missed_in_a_row, defaults.missed_in_a_row);
        assert!(problems.is_empty(), "{problems:?}");
        let mut none = Vec::new();
        assert_eq!(convert_settings(None, &mut none).similar_narrative, defaults.similar_narrative);
    }

    #[test]
    fn a_share_outside_zero_to_one_or_a_zero_count_is_a_problem() {
        let (_, problems) = settings("similar_narrative: 1.5\nmissed_in_a_row: 0\naccommodation_misses: 0");
        assert_eq!(
            problems,
            [
                "`accommodation_misses: 0` would flag every accommodation",
                "`similar_narrative: 1.5` is outside 0 to 1",
                "`missed_in_a_row: 0` would flag every service, missed or not",
            ]
        );
        assert_eq!(settings("min_delivery: .nan").1, ["`NaN` is not a number"]);
    }

    #[test]
    fn a_state_is_its_two_letter_code_in_capitals() {
        let mut problems = Vec::new();
        assert_eq!(state_code(Some(" ma ".to_owned()), &mut problems).as_deref(), Some("MA"));
        assert_eq!(state_code(None, &mut problems), None);
        assert!(problems.is_empty());
        assert_eq!(state_code(Some("Mass".to_owned()), &mut problems).as_deref(), Some("MASS"));
        assert_eq!(problems[0].message, "`MASS` is not a two-letter state code");
    }
}
