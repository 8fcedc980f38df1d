//! How every output words the things of a case: finding messages, the CLI,
//! letters, the packet and the report. One place for item labels, numbers,
//! lists, plurals, capitals and quotes, so a service, a goal or a figure reads
//! the same wherever a parent meets it.
//!
//! Items are named as the IEP names them, the way letters must name them
//! (letters.md): a service by its name, "the goal in Reading - fluency",
//! "the accommodation “Extended time (1.5x) on tests and quizzes”", "the
//! placement". Pure functions: no IO.

use chrono::{Datelike, NaiveDate};

use crate::case::{Accommodation, Case, Doc, Goal, IepVersion, Plan, ProgressCode, ProgressMeaning, Service};
use crate::dates::month_name;
use crate::path::ItemPath;
use crate::similarity::normalize_ws;

/// What the plan is called in sentences: "IEP" or "504 plan".
pub fn plan_name(plan: Plan) -> &'static str {
    match plan {
        Plan::Iep => "IEP",
        Plan::Section504 => "504 plan",
    }
}

/// A service as the IEP names it: "Speech-language therapy".
pub fn service_name(service: &Service) -> String {
    normalize_ws(&service.service)
}

/// "the goal in Speech - articulation", else the goal's statement in quotes.
pub fn goal_name(goal: &Goal) -> String {
    match goal.area.as_deref().map(normalize_ws).filter(|a| !a.is_empty()) {
        Some(area) => format!("the goal in {area}"),
        None => format!("the goal {}", quote(&goal.statement)),
    }
}

/// [`goal_name`], unless another of `goals` is in the same area: then the
/// statement follows, so two reading goals never read alike
/// ("the goal in Reading “Maya will decode ...”").
pub fn goal_name_among<'a>(goal: &Goal, goals: impl IntoIterator<Item = &'a Goal>) -> String {
    let area_key = |g: &Goal| g.area.as_deref().map(|a| normalize_ws(a).to_lowercase()).filter(|a| !a.is_empty());
    let Some(area) = area_key(goal) else { return goal_name(goal) };
    let shared =
        goals.into_iter().any(|other| other.id != goal.id && area_key(other).as_deref() == Some(area.as_str()));
    if shared { format!("{} {}", goal_name(goal), quote(&goal.statement)) } else { goal_name(goal) }
}

/// "the accommodation “Extended time (1.5x) on tests and quizzes”".
pub fn accommodation_name(accommodation: &Accommodation) -> String {
    format!("the accommodation {}", quote(&accommodation.text))
}

/// The placement has one name.
pub const PLACEMENT_NAME: &str = "the placement";

/// The versions that may name an item, the one that names it last first:
/// versions in force, then drafts.
fn versions_newest_first(case: &Case) -> impl Iterator<Item = &Doc<IepVersion>> {
    case.versions.iter().rev().chain(case.drafts.iter().rev())
}

/// An item of the case as the IEP names it ([`service_name`], [`goal_name`],
/// [`accommodation_name`], [`PLACEMENT_NAME`]), from the latest version that
/// has it; an accommodation by the wording first written (the one the parent
/// accepted). An item no version holds is "a service", "a goal", "an accommodation".
pub fn item_name(case: &Case, path: &ItemPath) -> String {
    match path {
        ItemPath::Service(id) => {
            versions_newest_first(case).find_map(|v| v.service(id)).map_or_else(|| "a service".to_owned(), service_name)
        }
        ItemPath::Goal(id) => versions_newest_first(case)
            .find_map(|v| v.goal(id).map(|goal| goal_name_among(goal, &v.goals)))
            .unwrap_or_else(|| "a goal".to_owned()),
        ItemPath::Accommodation(id) => case
            .versions
            .iter()
            .chain(case.drafts.iter())
            .find_map(|v| v.accommodations.iter().find(|a| &a.id == id))
            .map_or_else(|| "an accommodation".to_owned(), accommodation_name),
        ItemPath::Placement => PLACEMENT_NAME.to_owned(),
    }
}

/// [`item_name`] of a finding's subject (`services.speech`); `None` for a
/// subject that is no item (a document, the case).
pub fn subject_name(case: &Case, subject: &str) -> Option<String> {
    // An objective (`goals.G1.objectives.G1.1`) is named with its goal.
    // Named by its words where the plan gives them, never by its id alone.
    if let Some((goal_path, objective)) = subject.split_once(".objectives.") {
        let goal = subject_name(case, goal_path)?;
        let goal_id = goal_path.strip_prefix("goals.").unwrap_or(goal_path);
        let text = case
            .versions
            .iter()
            .rev()
            .flat_map(|v| v.goals.iter().filter(|g| g.id == goal_id))
            .flat_map(|g| g.objectives.iter())
            .find(|o| o.id == objective && !o.text.trim().is_empty())
            .map(|o| o.text.trim().to_owned());
        return Some(match text {
            Some(text) => format!("the objective {} of {goal}", quote(&text)),
            None => format!("objective {objective} of {goal}"),
        });
    }
    ItemPath::parse(subject).map(|path| item_name(case, &path))
}

/// What a legend meaning says, in words: "insufficient progress".
pub fn progress_meaning(meaning: ProgressMeaning) -> &'static str {
    match meaning {
        ProgressMeaning::Met => "met",
        ProgressMeaning::Sufficient => "sufficient progress",
        ProgressMeaning::Progressing => "progress made, sufficiency not stated",
        ProgressMeaning::Insufficient => "insufficient progress",
        ProgressMeaning::None => "no progress",
        ProgressMeaning::NotStarted => "not started",
    }
}

/// A status code as the report's legend explains it: the legend's own words
/// where it gives them (“2”: “Partial Progress (1-49% of goal met)”), else
/// what the code was mapped to (“IP”: insufficient progress).
pub fn legend_words(code: &ProgressCode) -> String {
    match &code.text {
        Some(text) => format!("{}: {}", quote(&code.code), quote(text)),
        None => format!("{}: {}", quote(&code.code), progress_meaning(code.meaning)),
    }
}

/// Case text in curly quotes, its whitespace made single spaces: “as needed”.
pub fn quote(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", normalize_ws(text))
}

/// "a", "a and b", "a, b and c".
pub fn join_and<S: AsRef<str>>(parts: &[S]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// A count and its noun: "1 finding", "3 findings".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// A count of whole minutes: "1 minute", "78 minutes" (rounded to the nearest minute).
pub fn minutes(value: f64) -> String {
    let n = value.round().max(0.0) as u64;
    plural(n as usize, "minute", "minutes")
}

/// "1 session", "3 sessions".
pub fn sessions(n: u64) -> String {
    plural(n as usize, "session", "sessions")
}

/// Whole minutes or sessions: a school counts neither in fractions ("78").
pub fn whole(value: f64) -> String {
    let rounded = value.round();
    // No "-0" on a page.
    if rounded == 0.0 { "0".to_owned() } else { format!("{}", rounded as i64) }
}

/// `part` of `total` as a whole percentage, rounded half up (945 of 1125 is
/// 84%, 2 of 3 is 67%); `None` when the total is nothing.
pub fn percent(part: f64, total: f64) -> Option<String> {
    (total > 0.0).then(|| format!("{}%", (part * 100.0 / total + 1e-9).round() as i64))
}

/// `part` of `total` as a percentage to one decimal, rounded half up (2 of 3
/// is 66.7), except that a share never reads as a whole number it has not
/// reached: 89.96 is 89.9, not 90, and 99.97 is 99.9, not 100. `None` when
/// the total is nothing.
pub fn percent_tenths(part: f64, total: f64) -> Option<f64> {
    if total <= 0.0 {
        return None;
    }
    let exact = 100.0 * part / total;
    let rounded = (exact * 10.0 + 1e-9).round() / 10.0;
    let whole = (rounded - rounded.round()).abs() < 1e-9;
    Some(if whole && rounded > exact + 1e-9 { ((exact * 10.0) + 1e-9).floor() / 10.0 } else { rounded })
}

/// A number without a needless `.0`, at most two decimals: 60, 2.5, 0.33.
pub fn number(value: f64) -> String {
    let rounded = round2(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e12 { format!("{}", rounded as i64) } else { format!("{rounded}") }
}

/// A number to one decimal at most, for estimates and amounts: 47, 50.5.
pub fn number1(value: f64) -> String {
    number((value * 10.0).round() / 10.0)
}

/// `value` rounded to two decimals, never -0.
pub fn round2(value: f64) -> f64 {
    let r = (value * 100.0).round() / 100.0;
    if r == 0.0 { 0.0 } else { r }
}

/// The first letter in upper case: the start of a sentence.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter in lower case, for a name inside a sentence; a name
/// that starts with capitals ("OT consult") keeps them.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(text.chars().skip(1)).collect()
        }
        _ => text.to_owned(),
    }
}

/// Days written out and grouped by month: "October 7, 9 and 14, 2025",
/// "October 30 and November 4, 2025", across years "December 18, 2025 and January 6, 2026".
pub fn dates_in_words(days: &[NaiveDate]) -> String {
    let mut days: Vec<NaiveDate> = days.to_vec();
    days.sort_unstable();
    days.dedup();
    let mut years: Vec<String> = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let year = days[i].year();
        let mut months: Vec<String> = Vec::new();
        while i < days.len() && days[i].year() == year {
            let month = days[i].month();
            let mut numbers = Vec::new();
            while i < days.len() && days[i].year() == year && days[i].month() == month {
                numbers.push(days[i].day().to_string());
                i += 1;
            }
            months.push(format!("{} {}", month_name(month), join_and(&numbers)));
        }
        years.push(format!("{}, {year}", join_and(&months)));
    }
    join_and(&years)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Amount;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn case() -> Case {
        let version = IepVersion {
            id: "iep-1".into(),
            effective: d(2025, 9, 15),
            services: vec![Service {
                id: "speech".into(),
                service: "Speech-language  therapy".into(),
                amount: Amount::parse("2 x 30 min per week").unwrap(),
                provider: None,
                setting: None,
                group: None,
                start: None,
                end: None,
                esy: false,
                notes: None,
            }],
            goals: vec![
                Goal { id: "G1".into(), area: Some("Reading - fluency".into()), ..Default::default() },
                Goal {
                    id: "G2".into(),
                    area: Some(" ".into()),
                    statement: "Maya will say /r/.".into(),
                    ..Default::default()
                },
            ],
            accommodations: vec![Accommodation {
                id: "A1".into(),
                text: "Extended time (1.5x) on tests and quizzes".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut amended = version.clone();
        amended.accommodations[0].text = "Extended time when appropriate".into();
        let doc = |path: &str, value: IepVersion| Doc { path: path.into(), value };
        Case { versions: vec![doc("iep/a.yaml", version), doc("iep/b.yaml", amended)], ..Default::default() }
    }

    #[test]
    fn items_are_named_as_the_iep_names_them() {
        let case = case();
        let name = |subject: &str| subject_name(&case, subject);
        assert_eq!(name("services.speech").as_deref(), Some("Speech-language therapy"));
        assert_eq!(name("goals.G1").as_deref(), Some("the goal in Reading - fluency"));
        assert_eq!(name("goals.G2").as_deref(), Some("the goal \u{201c}Maya will say /r/.\u{201d}"));
        // The wording the parent accepted, not the amended one.
        assert_eq!(
            name("accommodations.A1").as_deref(),
            Some("the accommodation \u{201c}Extended time (1.5x) on tests and quizzes\u{201d}")
        );
        assert_eq!(name("placement").as_deref(), Some("the placement"));
        assert_eq!(name("services.ot").as_deref(), Some("a service"));
        assert_eq!(name("goals.G9").as_deref(), Some("a goal"));
        assert_eq!(name("accommodations.A9").as_deref(), Some("an accommodation"));
        assert_eq!(name("letters/2026-02-12.yaml"), None);
        assert_eq!(capitalize(&name("goals.G1").unwrap()), "The goal in Reading - fluency");
    }

    #[test]
    fn two_goals_in_one_area_are_told_apart_by_their_statements() {
        let goal = |id: &str, area: &str, statement: &str| Goal {
            id: id.into(),
            area: Some(area.into()),
            statement: statement.into(),
            ..Default::default()
        };
        let goals = [
            goal("G1", "Reading", "Maya will decode."),
            goal("G2", "reading ", "Maya will read."),
            goal("G3", "Math", ""),
        ];
        assert_eq!(goal_name_among(&goals[0], &goals), "the goal in Reading \u{201c}Maya will decode.\u{201d}");
        assert_eq!(goal_name_among(&goals[2], &goals), "the goal in Math");
        assert_eq!(goal_name_among(&goals[0], &goals[..1]), "the goal in Reading");
    }

    #[test]
    fn lists_plurals_and_quotes() {
        assert_eq!(join_and::<&str>(&[]), "");
        assert_eq!(join_and(&["a"]), "a");
        assert_eq!(join_and(&["a", "b"]), "a and b");
        assert_eq!(join_and(&["a".to_owned(), "b".to_owned(), "c".to_owned()]), "a, b and c");
        assert_eq!(plural(1, "finding", "findings"), "1 finding");
        assert_eq!(plural(0, "finding", "findings"), "0 findings");
        assert_eq!(quote(" as\n needed "), "\u{201c}as needed\u{201d}");
        assert_eq!(lower_first("Speech-language therapy"), "speech-language therapy");
        assert_eq!(lower_first("OT consult"), "OT consult");
    }

    #[test]
    fn minutes_are_whole_and_percentages_rounded() {
        assert_eq!(minutes(77.6), "78 minutes");
        assert_eq!(minutes(1.0), "1 minute");
        assert_eq!(minutes(-0.2), "0 minutes");
        assert_eq!(sessions(1), "1 session");
        assert_eq!(whole(77.6), "78");
        assert_eq!(whole(-0.2), "0");
        assert_eq!(percent(945.0, 1125.0).as_deref(), Some("84%"));
        // 2 of 3 is 66.67%: 67, not 66; 1 of 8 is 12.5%: half up.
        assert_eq!(percent(2.0, 3.0).as_deref(), Some("67%"));
        assert_eq!(percent(1.0, 8.0).as_deref(), Some("13%"));
        assert_eq!(percent(1.0, 0.0), None);
        assert_eq!(percent_tenths(2.0, 3.0), Some(66.7));
        assert_eq!(percent_tenths(60.0, 90.0), Some(66.7));
        assert_eq!(percent_tenths(945.0, 1125.0), Some(84.0));
        // Never a whole number the share has not reached.
        assert_eq!(percent_tenths(8996.0, 10000.0), Some(89.9));
        assert_eq!(percent_tenths(9997.0, 10000.0), Some(99.9));
        assert_eq!(percent_tenths(1.0, 1.0), Some(100.0));
        assert_eq!(percent_tenths(1.0, 0.0), None);
    }

    #[test]
    fn numbers_drop_needless_decimals() {
        assert_eq!(number(60.0), "60");
        assert_eq!(number(2.5), "2.5");
        assert_eq!(number(1.0 / 3.0), "0.33");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number1(47.0), "47");
        assert_eq!(number1(50.25), "50.3");
        assert_eq!(number1(63.94), "63.9");
    }

    #[test]
    fn dates_are_grouped_by_month_and_year() {
        assert_eq!(dates_in_words(&[d(2025, 10, 14), d(2025, 10, 7), d(2025, 10, 9)]), "October 7, 9 and 14, 2025");
        assert_eq!(dates_in_words(&[d(2025, 10, 30), d(2025, 11, 4)]), "October 30 and November 4, 2025");
        assert_eq!(dates_in_words(&[d(2025, 12, 18), d(2026, 1, 6)]), "December 18, 2025 and January 6, 2026");
        assert_eq!(dates_in_words(&[]), "");
    }
}
