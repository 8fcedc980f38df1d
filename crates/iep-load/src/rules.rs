//! The timeline rules files (`crates/iep-load/rules/*.yaml`), embedded in the
//! binary and parsed into a [`RuleSet`]. The files hold exactly the facts of
//! `spec/timelines.md`, each with its citation; no rule lives in code.

use std::sync::OnceLock;

use iep_model::{ConsentFor, DayKind, Plan, Rule, RuleSet, Trigger};
use serde::Deserialize;

/// Every rules file: federal defaults first, then one per state.
const FILES: &[(&str, &str)] = &[
    ("us.yaml", include_str!("../rules/us.yaml")),
    ("ma.yaml", include_str!("../rules/ma.yaml")),
    ("ca.yaml", include_str!("../rules/ca.yaml")),
    ("la.yaml", include_str!("../rules/la.yaml")),
    ("oh.yaml", include_str!("../rules/oh.yaml")),
];

/// The rules for a case in `state`: every jurisdiction's rules, with lookups
/// picking the state's rule first and the federal one otherwise. A state
/// without a rules file (or no state) gets the federal defaults.
pub fn rule_set(state: Option<&str>) -> RuleSet {
    RuleSet {
        state: state.map(|s| s.trim().to_ascii_uppercase()),
        rules: all_rules().to_vec(),
        agencies: all_agencies().to_vec(),
        // The loader sets the case's plan once the versions are read.
        plan: Plan::Iep,
    }
}

/// Puts the rules data's citations into text written in code (a check's
/// documentation): `[[key]]` is the federal rule's citation, `[[MA:key]]` a
/// state's, so no citation is written in code. An unknown key stays as
/// written, and a test holds every check's keys to the data.
pub fn cite_in_docs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else {
            rest = &rest[open..];
            break;
        };
        let name = &after[..close];
        let (jurisdiction, key) = name.split_once(':').unwrap_or(("US", name));
        let rule = all_rules().iter().find(|r| r.jurisdiction.eq_ignore_ascii_case(jurisdiction) && r.key == key);
        match rule {
            Some(rule) => out.push_str(&rule.citation),
            None => out.push_str(&rest[open..open + 2 + close + 2]),
        }
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    out
}

fn all_agencies() -> &'static [(String, String)] {
    static AGENCIES: OnceLock<Vec<(String, String)>> = OnceLock::new();
    AGENCIES.get_or_init(|| {
        FILES
            .iter()
            .filter_map(|(_, text)| serde_yaml::from_str::<RulesFile>(text).ok())
            .filter_map(|file| Some((file.jurisdiction.to_ascii_uppercase(), file.agency?)))
            .collect()
    })
}

fn all_rules() -> &'static [Rule] {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    RULES.get_or_init(|| {
        // The files ship with the binary and a unit test parses each, so a
        // broken file can only come from a bad build; skip it rather than panic.
        FILES.iter().filter_map(|(_, text)| parse_file(text).ok()).flatten().collect()
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    jurisdiction: String,
    #[allow(dead_code)]
    name: String,
    /// The state education agency that takes state complaints.
    agency: Option<String>,
    rules: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    key: String,
    what: String,
    trigger: TriggerName,
    /// The letter type, for `trigger: letter`.
    letter: Option<String>,
    /// What the consent was for, for `trigger: consent`.
    consent: Option<ConsentName>,
    days: Option<u32>,
    day_kind: DayKindName,
    citation: String,
    note: Option<String>,
    #[serde(default)]
    before: bool,
    pause_for_vacation_over: Option<u32>,
    words: Option<String>,
    /// `504` for a Section 504 or FERPA rule; IDEA and state rules are for an IEP.
    #[serde(default)]
    plan: PlanName,
    #[serde(default)]
    initial_only: bool,
    state_alternative: Option<String>,
}

#[derive(Deserialize, Clone, Copy, Default)]
enum PlanName {
    #[default]
    #[serde(rename = "iep")]
    Iep,
    #[serde(rename = "504")]
    Section504,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum TriggerName {
    Letter,
    LastReview,
    LastEvaluation,
    Consent,
    Referral,
    Meeting,
    EvaluationMeeting,
    ReportCard,
    Violation,
    Complaint,
    Proposal,
    Agreement,
    Discovery,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
enum ConsentName {
    InitialEvaluation,
    Reevaluation,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum DayKindName {
    Calendar,
    Business,
    School,
    Year,
}

fn parse_file(text: &str) -> Result<Vec<Rule>, String> {
    let file: RulesFile = serde_yaml::from_str(text).map_err(|e| e.to_string())?;
    let jurisdiction = file.jurisdiction.to_ascii_uppercase();
    file.rules
        .into_iter()
        .map(|entry| {
            if entry.consent.is_some() && !matches!(entry.trigger, TriggerName::Consent) {
                return Err(format!("rule {}: `consent:` goes only with `trigger: consent`", entry.key));
            }
            let trigger = match (entry.trigger, entry.letter) {
                (TriggerName::Letter, Some(letter)) => Trigger::Letter(letter),
                (TriggerName::Letter, None) => {
                    return Err(format!("rule {}: `trigger: letter` needs `letter:`", entry.key));
                }
                (_, Some(_)) => return Err(format!("rule {}: `letter:` goes only with `trigger: letter`", entry.key)),
                (TriggerName::LastReview, None) => Trigger::LastReview,
                (TriggerName::LastEvaluation, None) => Trigger::LastEvaluation,
                (TriggerName::Consent, None) => match entry.consent {
                    Some(ConsentName::InitialEvaluation) => Trigger::Consent(ConsentFor::InitialEvaluation),
                    Some(ConsentName::Reevaluation) => Trigger::Consent(ConsentFor::Reevaluation),
                    None => return Err(format!("rule {}: `trigger: consent` needs `consent:`", entry.key)),
                },
                (TriggerName::Referral, None) => Trigger::Referral,
                (TriggerName::Meeting, None) => Trigger::Meeting,
                (TriggerName::EvaluationMeeting, None) => Trigger::EvaluationMeeting,
                (TriggerName::ReportCard, None) => Trigger::ReportCard,
                (TriggerName::Violation, None) => Trigger::Violation,
                (TriggerName::Complaint, None) => Trigger::Complaint,
                (TriggerName::Proposal, None) => Trigger::Proposal,
                (TriggerName::Agreement, None) => Trigger::Agreement,
                (TriggerName::Discovery, None) => Trigger::Discovery,
            };
            let day_kind = match entry.day_kind {
                DayKindName::Calendar => DayKind::Calendar,
                DayKindName::Business => DayKind::Business,
                DayKindName::School => DayKind::School,
                DayKindName::Year => DayKind::Year,
            };
            Ok(Rule {
                key: entry.key,
                jurisdiction: jurisdiction.clone(),
                what: entry.what,
                trigger,
                days: entry.days,
                day_kind,
                citation: entry.citation,
                note: entry.note,
                before: entry.before,
                pause_for_vacation_over: entry.pause_for_vacation_over,
                words: entry.words,
                plan: match entry.plan {
                    PlanName::Iep => Plan::Iep,
                    PlanName::Section504 => Plan::Section504,
                },
                initial_only: entry.initial_only,
                state_alternative: entry.state_alternative,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_parses_and_every_rule_has_a_citation() {
        for (name, text) in FILES {
            let rules = parse_file(text).unwrap_or_else(|e| panic!("rules/{name} does not parse: {e}"));
            assert!(!rules.is_empty(), "rules/{name} holds no rule");
            for rule in &rules {
                assert!(!rule.citation.trim().is_empty(), "rules/{name}: rule {} has no citation", rule.key);
                assert!(!rule.what.trim().is_empty(), "rules/{name}: rule {} says nothing", rule.key);
            }
            let mut keys: Vec<&str> = rules.iter().map(|r| r.key.as_str()).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), rules.len(), "rules/{name}: a key is used twice");
        }
        assert_eq!(all_rules().len(), FILES.iter().map(|(_, t)| parse_file(t).unwrap().len()).sum::<usize>());
    }

    #[test]
    fn letter_deadlines_follow_the_table() {
        let days = |state: Option<&str>, letter: &str| {
            rule_set(state).for_letter(letter).map(|r| (r.days, r.day_kind, r.citation.clone()))
        };
        assert_eq!(days(None, "records-request"), Some((Some(45), DayKind::Calendar, "34 CFR 300.613(a)".into())));
        assert_eq!(days(Some("ma"), "records-request"), Some((Some(10), DayKind::Calendar, "603 CMR 23.07(2)".into())));
        assert_eq!(days(Some("CA"), "records-request"), Some((Some(5), DayKind::Business, "Ed Code 56504".into())));
        assert_eq!(
            days(Some("LA"), "records-request"),
            Some((Some(45), DayKind::Calendar, "LAC 28:XLIII.613(A)".into()))
        );
        assert_eq!(days(Some("MA"), "evaluation-request"), Some((Some(5), DayKind::School, "603 CMR 28.04(1)".into())));
        assert_eq!(
            days(Some("CA"), "evaluation-request"),
            Some((Some(15), DayKind::Calendar, "Ed Code 56321(a)".into()))
        );
        assert_eq!(days(Some("CA"), "meeting-request"), Some((Some(30), DayKind::Calendar, "Ed Code 56343.5".into())));
        // No fixed number of days: federal, MA and LA meeting requests, evaluation requests elsewhere.
        assert_eq!(days(None, "meeting-request"), None);
        assert_eq!(days(Some("MA"), "meeting-request"), None);
        assert_eq!(days(Some("LA"), "meeting-request"), None);
        assert_eq!(days(Some("LA"), "evaluation-request"), None);
        assert_eq!(days(None, "evaluation-request"), None);
        // An unknown state gets the federal defaults.
        let tx = rule_set(Some("TX"));
        assert!(!tx.knows_state());
        assert_eq!(tx.for_letter("records-request").map(|r| r.jurisdiction.as_str()), Some("US"));
        assert!(rule_set(Some("MA")).knows_state());
    }

    #[test]
    fn agencies_and_letter_rules_come_from_the_files() {
        assert_eq!(rule_set(Some("oh")).agency(), Some("Ohio Department of Education and Workforce"));
        assert_eq!(rule_set(Some("TX")).agency(), None);
        let oh = rule_set(Some("OH"));
        assert_eq!(oh.for_letter("records-request").map(|r| r.citation.as_str()), Some("OAC 3301-51-04(D)(1)"));
        let la = rule_set(Some("LA"));
        let iee: Vec<&str> = la.all_by_key("iee-response").iter().map(|r| r.citation.as_str()).collect();
        assert_eq!(iee, ["LAC 28:XLIII.503(B)(2)", "34 CFR 300.502(b)(2)"]);
        // Section 504's and FERPA's rules are a 504 plan's only, IDEA's an IEP's only.
        let section_504 = RuleSet { plan: Plan::Section504, ..rule_set(Some("CA")) };
        for key in [
            "section-504-safeguards",
            "ferpa-records-access",
            "section-504-evaluation",
            "section-504-aids-and-services",
        ] {
            assert!(section_504.by_key(key).is_some(), "{key}");
            assert!(rule_set(Some("CA")).by_key(key).is_none(), "{key}");
        }
        for key in ["records-access", "annual-review", "reevaluation", "initial-evaluation", "lack-of-progress"] {
            assert!(section_504.by_key(key).is_none(), "{key} for a 504 plan");
        }
        assert_eq!(
            section_504.for_letter("records-request").map(|r| r.citation.as_str()),
            Some("20 U.S.C. 1232g(a)(1)(A)")
        );
        assert!(section_504.knows_state());
        for key in [
            "iep-accessible",
            "state-complaint-contents",
            "mediation-voluntary",
            "reevaluation-on-request",
            "lack-of-progress",
        ] {
            assert!(rule_set(None).by_key(key).is_some(), "{key}");
        }
    }

    #[test]
    fn evaluation_deadlines_from_consent_follow_timelines() {
        let due = |state: Option<&str>, consent_for: ConsentFor| {
            rule_set(state)
                .evaluation_deadline(consent_for)
                .map(|r| (r.days, r.day_kind, r.citation.clone(), r.pause_for_vacation_over))
        };
        let initial = ConsentFor::InitialEvaluation;
        assert_eq!(due(None, initial), Some((Some(60), DayKind::Calendar, "34 CFR 300.301(c)(1)".into(), None)));
        assert_eq!(due(Some("MA"), initial), Some((Some(30), DayKind::School, "603 CMR 28.05(1)".into(), None)));
        assert_eq!(due(Some("CA"), initial), Some((Some(60), DayKind::Calendar, "Ed Code 56344(a)".into(), Some(5))));
        assert_eq!(
            due(Some("LA"), initial),
            Some((Some(60), DayKind::Business, "LAC 28:XLIII.302(C)(1)(a)".into(), None))
        );
        // Ohio's evaluation timeline was not verified: a case there gets the federal rule.
        assert_eq!(due(Some("OH"), initial).map(|r| r.2), Some("34 CFR 300.301(c)(1)".into()));
        // Federal law sets no reevaluation deadline from consent; Louisiana's rule is for initial evaluations.
        let again = ConsentFor::Reevaluation;
        assert_eq!(due(None, again), None);
        assert_eq!(due(Some("LA"), again), None);
        assert_eq!(due(Some("OH"), again), None);
        assert_eq!(due(Some("MA"), again).map(|r| r.2), Some("603 CMR 28.05(1)".into()));
        assert_eq!(due(Some("CA"), again).map(|r| r.2), Some("Ed Code 56344(a)".into()));
        assert_eq!(due(Some("MA"), ConsentFor::Services), None);
        // Massachusetts also counts the Team meeting from consent; the federal rule gives way to the state's.
        let ma = rule_set(Some("MA"));
        let keys: Vec<&str> = ma.after_consent(initial).iter().map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["initial-evaluation", "team-meeting-and-proposed-iep"]);
    }

    #[test]
    fn docs_take_their_citations_from_the_data() {
        assert_eq!(
            cite_in_docs("under [[records-access]] and [[MA:records-access]]; [[nope]] [[x"),
            "under 34 CFR 300.613(a) and 603 CMR 23.07(2); [[nope]] [[x"
        );
    }

    #[test]
    fn california_rules_stop_over_long_vacations() {
        let ca = rule_set(Some("CA"));
        assert_eq!(ca.for_letter("meeting-request").and_then(|r| r.pause_for_vacation_over), Some(5));
        assert_eq!(ca.for_letter("records-request").and_then(|r| r.pause_for_vacation_over), None);
    }
}
