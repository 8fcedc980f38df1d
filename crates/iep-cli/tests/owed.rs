//! The sample's owed figures, stated once, through every output that gives
//! them: `iep check` JSON (service-shortfall evidence), `iep services` JSON
//! and text, the meeting packet and the services-concern letter (their PDF
//! text read back with lopdf). They must agree (checks.md, "Owed": one
//! figure, totals its sum).

mod common;

use std::path::Path;

use common::{iep, maya, maya_copy, no_ws};

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
/// The same total under the IEP the parent accepted (speech's cut undone).
const TOTAL_AS_AGREED: f64 = 645.0;

/// A school month by its real weeks, Monday to Friday, as the packet and the
/// letter name it, so it cannot be read as the calendar month.
fn weeks_of(month: &str) -> &'static str {
    match month {
        "October 2025" => "October 6 to 31, 2025",
        "December 2025" => "December 1, 2025 to January 2, 2026",
        "January 2026" => "January 5 to 30, 2026",
        "March 2026" => "March 2 to April 3, 2026",
        _ => panic!("no weeks for {month}"),
    }
}
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

/// Each service's name in the sample, by id, as every output names it.
fn service_names() -> Vec<(String, String)> {
    let case = maya();
    let services = json(&["services", "--as-of", "2026-04-20", "--format", "json", case.to_str().unwrap()]);
    services["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["service"].as_str().unwrap().to_owned()))
        .collect()
}

/// The text from `from` up to `to` (or the end).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let end = text[start..].find(to).map_or(text.len(), |at| start + at);
    &text[start..end]
}

/// Each service's part of `text`: from its name (as `anchor` spells it) up to
/// the next service's, by id.
fn sections(text: &str, anchor: impl Fn(&str) -> String) -> Vec<(String, &str)> {
    let mut starts: Vec<(usize, String)> =
        service_names().into_iter().filter_map(|(id, name)| text.find(&anchor(&name)).map(|at| (at, id))).collect();
    starts.sort();
    let ends: Vec<usize> = starts.iter().skip(1).map(|(at, _)| *at).chain([text.len()]).collect();
    starts.into_iter().zip(ends).map(|((start, id), end)| (id, &text[start..end])).collect()
}

/// The whole number that follows `label` in `text` (without white space).
fn number_after(text: &str, label: &str) -> Option<f64> {
    let at = text.find(label)? + label.len();
    let digits: String = text[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn pdf(path: &Path) -> String {
    common::pdf::pdf_text(&std::fs::read(path).expect("the PDF is written"))
}

#[test]
fn the_packet_states_the_same_owed_minutes() {
    let (_tmp, dir) = maya_copy();
    let target = dir.join("out/packet-owed.pdf");
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", "2026-04-20", "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "iep packet: {}", String::from_utf8_lossy(&out.stderr));
    let text = pdf(&target);
    // The services part: the total, then each service's sum and each month's row.
    let services = between(&text, "Required against delivered", "Progress on the goals");
    // The total says through when it runs, and gives the figure under the IEP I accepted too.
    let through = "ThroughApril5,2026,";
    assert_eq!(number_after(&no_ws(services), through), Some(TOTAL), "{services}");
    assert!(no_ws(services).contains(&format!("and{TOTAL_AS_AGREED}minutesundertheplanIaccepted")), "{services}");
    let parts = sections(services, |name| format!("{name} "));
    assert_eq!(parts.len(), 4, "{services}");
    for (id, part) in parts {
        let sum: f64 = OWED.iter().filter(|o| o.0 == id).map(|o| o.2).sum();
        assert_eq!(number_after(&no_ws(part), "Owed:"), Some(sum), "{id}: {part}");
        // A row is the month, then required, delivered, missed sessions and owed.
        let lines: Vec<&str> = part.lines().map(str::trim).collect();
        for (_, month, owed, _) in OWED.iter().filter(|o| o.0 == id) {
            // Rows are named by their weeks, never by the calendar month.
            assert!(!part.contains(month), "{id}: {month} named as a calendar month: {part}");
            let weeks = weeks_of(month);
            // A long span wraps in its cell: its last line is where the row goes on.
            let row = (0..lines.len())
                .find_map(|i| {
                    let two = lines.get(i + 1).map(|next| format!("{} {next}", lines[i]));
                    (lines[i] == weeks).then_some(i).or((two.as_deref() == Some(weeks)).then_some(i + 1))
                })
                .unwrap_or_else(|| panic!("{id}: no row {weeks}: {part}"));
            assert_eq!(lines.get(row + 4).copied(), Some(owed.to_string().as_str()), "{id}, {month}: {part}");
            // Each owed month is written out, led by the misses when they make the figure.
            let line = no_ws(between(part, &format!("{weeks}:"), "owed"));
            assert!(
                line.ends_with(&format!(":{owed}minutes")) || line.ends_with(&format!(";{owed}")),
                "{id}, {month}: {line}"
            );
        }
    }
}

#[test]
fn the_services_letter_states_the_same_owed_minutes() {
    let (_tmp, dir) = maya_copy();
    let target = dir.join("out/services-concern.pdf");
    let args = ["letter", "services-concern", dir.to_str().unwrap(), "--as-of", "2026-04-20"];
    let out = iep(&[&args[..], &["-o", target.to_str().unwrap()]].concat());
    assert!(out.status.success(), "iep letter: {}", String::from_utf8_lossy(&out.stderr));
    let text = no_ws(&pdf(&target));
    // Every month since the plan year began that owes time, with its figure,
    // and each service's sum under the terms in force (the as-agreed figure
    // beside it is held to `iep services` JSON in services_letter.rs).
    let body = between(&text, "Byservice:", "Pleaseanswerme");
    let mut stated = 0.0;
    for (id, part) in sections(body, |name| no_ws(&format!("{name}:"))) {
        let months: Vec<&(&str, &str, f64, bool)> = OWED.iter().filter(|o| o.0 == id).collect();
        if months.is_empty() {
            continue;
        }
        let sum: f64 = months.iter().map(|o| o.2).sum();
        // Each sum says through when it runs (the month under way is not judged).
        assert_eq!(number_after(part, "ThroughApril5,2026,"), Some(sum), "{id}: {part}");
        stated += sum;
        for (_, month, owed, _) in months {
            assert!(!part.contains(&no_ws(month)), "{id}: {month} named as a calendar month: {part}");
            let row = between(part, &no_ws(&format!("{}:", weeks_of(month))), "owed");
            assert!(
                row.ends_with(&format!(":{owed}minutes")) || row.ends_with(&format!(";{owed}")),
                "{id}, {month}: {row}"
            );
        }
    }
    assert_eq!(stated, TOTAL, "{body}");
    assert!(!body.contains("lastschoolmonthjudged"), "the tool's counting explained to the school: {body}");
    assert!(
        body.contains(&format!(
            "ThroughApril5,2026,{TOTAL}minutesareowedinallundertheIEPaschanged,and{TOTAL_AS_AGREED}minutes"
        )),
        "{body}"
    );
    // A month owed for its misses leads with them: 228 - 150 is not the 90 owed.
    assert!(body.contains("3sessionsmissedandnotmadeup(October7,9and14,2025):90minutesowed"), "{body}");
    assert!(!body.contains("150of228"), "{body}");
}
