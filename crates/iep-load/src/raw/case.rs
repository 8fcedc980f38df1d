//! `kind: case`.

use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

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
    district_address: Option<String>,
    /// The state education agency's name, for a state complaint.
    state_agency: Option<String>,
    parent: RawParent,
    #[serde(default)]
    team: Option<Vec<RawTeamMember>>,
    #[serde(default)]
    progress_codes: Option<UniqueKeys<String>>,
    #[serde(default)]
    settings: Option<RawSettings>,
    notes: Option<String>,
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
    salutation: Option<String>,
    at: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    similar_narrative: Option<f64>,
    min_delivery: Option<f64>,
    missed_in_a_row: Option<u32>,
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
        let state = self.state.map(|s| s.trim().to_ascii_uppercase());
        if let Some(s) = &state {
            if s.len() != 2 || !s.chars().all(|c| c.is_ascii_alphabetic()) {
                problems.push(
                    Problem::new(at!["state"], format!("`{s}` is not a two-letter state code"))
                        .help("write the state's postal code, like `MA` or `CA`"),
                );
            }
        }
        let progress_codes = self
            .progress_codes
            .unwrap_or_default()
            .0
            .into_iter()
            .filter_map(|(code, meaning)| {
                use m::ProgressMeaning as P;
                let words = [
                    ("met", P::Met),
                    ("sufficient", P::Sufficient),
                    ("insufficient", P::Insufficient),
                    ("none", P::None),
                    ("not-started", P::NotStarted),
                ];
                let meaning = one_of(&meaning, &words, at!["progress_codes", code.as_str()], "progress code meaning", problems)?;
                Some(m::ProgressCode { code, meaning })
            })
            .collect();
        let team: Vec<m::TeamMember> = team
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let at = match &t.at {
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
                    id: t.id,
                    name: t.name,
                    role: t.role,
                    email: t.email,
                    phone: t.phone,
                    salutation: t.salutation.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
                    at,
                }
            })
            .collect();
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
            notes: self.notes,
        }
    }
}

