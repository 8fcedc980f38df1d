//! The sample's owed figures, stated once, through every output that gives
//! them: `iep check` JSON (service-shortfall evidence), `iep services` JSON
//! and text. They must agree (checks.md, "Owed": one figure, totals its sum).

mod common;

use common::{iep, maya, no_ws};

/// Owed minutes of the sample as of 2026-04-20: (service, month, owed, shortfall).
/// Shortfall months owe the larger of the missing minutes and the misses;
/// other months owe their misses alone (reading, December: one 45-minute miss).
const OWED: &[(&str, &str, f64, bool)] = &[
    ("speech", "October 2025", 90.0, true),
    ("speech", "January 2026", 60.0, true),
    ("reading", "December 2025", 45.0, false),
    ("reading", "March 2026", 180.0, true),
    ("ot", "December 2025", 30.0, true),
    ("ot", "January 2026", 30.0, true),
];
const TOTAL: f64 = 435.0;
const IN_SHORTFALLS: f64 = 390.0;

fn json(args: &[&str]) -> serde_json::Value {
    let out = iep(args);
    assert!(out.status.success(), "iep {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn every_output_states_the_same_owed_minutes() {
    let case = maya();
    let case = case.to_str().unwrap();
    let services = json(&["services", "--as-of", "2026-04-20", "--format", "json", case]);
    let check = json(&["check", "--as-of", "2026-04-20", "--format", "json", case]);

    // `iep services` JSON: each month's owed, each service's sum, the total.
    let mut stated = Vec::new();
    for service in services["services"].as_array().unwrap() {
        let mut sum = 0.0;
        for month in service["months"].as_array().unwrap() {
            let owed = month["owed"].as_f64().unwrap();
            assert_eq!(owed.fract(), 0.0, "whole minutes: {month}");
            sum += owed;
            if owed > 0.0 {
                stated.push((
                    service["id"].as_str().unwrap().to_owned(),
                    month["month"].as_str().unwrap().to_owned(),
                    owed,
                    month["shortfall"].as_bool().unwrap(),
                ));
            }
        }
        assert_eq!(service["judged_minutes"]["owed"].as_f64().unwrap(), sum, "{}", service["id"]);
    }
    let expected: Vec<(String, String, f64, bool)> =
        OWED.iter().map(|(s, m, o, f)| (s.to_string(), m.to_string(), *o, *f)).collect();
    let mut sorted_stated = stated.clone();
    sorted_stated.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let mut sorted_expected = expected.clone();
    sorted_expected.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(sorted_stated, sorted_expected);
    assert_eq!(services["minutes_owed"].as_f64().unwrap(), TOTAL);
    assert_eq!(services["minutes_owed_in_shortfalls"].as_f64().unwrap(), IN_SHORTFALLS);

    // `iep check` JSON: each shortfall finding's evidence states the same figure.
    let findings: Vec<&serde_json::Value> =
        check["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "service-shortfall").collect();
    let shortfalls: Vec<&(&str, &str, f64, bool)> = OWED.iter().filter(|o| o.3).collect();
    assert_eq!(findings.len(), shortfalls.len());
    for (service, month, owed, _) in shortfalls {
        let finding = findings
            .iter()
            .find(|f| f["subject"] == format!("services.{service}") && f["evidence"]["month"] == *month)
            .unwrap_or_else(|| panic!("no shortfall finding for {service} in {month}"));
        assert_eq!(finding["evidence"]["minutes_owed"].as_f64().unwrap(), *owed);
        assert!(finding["message"].as_str().unwrap().contains(&format!("{owed} minutes are owed")), "{finding}");
    }
    let from_findings: f64 = findings.iter().map(|f| f["evidence"]["minutes_owed"].as_f64().unwrap()).sum();
    assert_eq!(from_findings, IN_SHORTFALLS);

    // `iep services` text: the same total and each service's sum.
    let out = iep(&["services", "--as-of", "2026-04-20", case]);
    let text = no_ws(&String::from_utf8_lossy(&out.stdout));
    assert!(text.contains(&no_ws(&format!("Compensatory minutes owed to date: {TOTAL}"))), "{text}");
    assert!(text.contains(&no_ws(&format!("{IN_SHORTFALLS} of them in the 5 months below 90%"))), "{text}");
    for (service, owed) in [("speech", 150.0), ("reading", 225.0), ("ot", 60.0), ("social", 0.0)] {
        let sum: f64 = OWED.iter().filter(|o| o.0 == service).map(|o| o.2).sum();
        assert_eq!(sum, owed);
        assert!(text.contains(&no_ws(&format!("(services.{service})"))), "{service}");
        assert!(text.contains(&no_ws(&format!("{owed} minutes owed (extra minutes"))), "{service}: {owed}");
    }
}

#[test]
fn the_agreed_terms_give_a_second_figure_where_they_differ() {
    let case = maya();
    let services = json(&["services", "--as-of", "2026-04-20", "--format", "json", case.to_str().unwrap()]);
    // Speech was cut to 1 x 30 min per week without agreement (from 2 x 30).
    let speech = services["services"].as_array().unwrap().iter().find(|s| s["id"] == "speech").unwrap();
    let march = speech["months"].as_array().unwrap().iter().find(|m| m["month"] == "March 2026").unwrap();
    assert_eq!((march["required"].as_f64(), march["owed"].as_f64()), (Some(150.0), Some(0.0)));
    assert_eq!((march["required_as_agreed"].as_f64(), march["owed_as_agreed"].as_f64()), (Some(300.0), Some(150.0)));
    let october = speech["months"].as_array().unwrap().iter().find(|m| m["month"] == "October 2025").unwrap();
    assert!(october.get("required_as_agreed").is_none(), "before the change the terms agree");
    assert!(services["minutes_owed_as_agreed"].as_f64().unwrap() > services["minutes_owed"].as_f64().unwrap());
}
