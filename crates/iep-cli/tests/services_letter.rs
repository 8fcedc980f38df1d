//! The services letter states what is owed with the figures `iep services`
//! gives (checks.md, "Owed" and "As agreed"): per service and in all, in
//! force and, where a change nobody agreed to lowered what is required, as agreed.

mod common;

use common::pdf::pdf_text;
use common::{iep, maya_copy, no_ws, said};

fn minutes(value: &serde_json::Value) -> String {
    format!("{} minutes", value.as_f64().expect("a number") as i64)
}

#[test]
fn the_services_letter_and_the_services_json_state_the_same_owed_figures() {
    let (_tmp, dir) = maya_copy();
    let case = dir.to_str().unwrap();
    let out = iep(&["services", "--as-of", "2026-04-20", "--format", "json", case]);
    assert!(out.status.success(), "{}", said(&out));
    let services: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pdf = dir.join("out/letter.pdf");
    let out = iep(&["letter", "services-concern", case, "--as-of", "2026-04-20", "-o", pdf.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    let text = no_ws(&pdf_text(&std::fs::read(&pdf).unwrap()));
    // Totals say through when they run: the month under way is not judged
    // (checks.md "School months"); why is the parent's to read, not the school's.
    assert!(text.contains("ThroughApril5,2026,"), "{text}");
    // A school month is named by its weeks, never as a calendar month.
    for month in ["October2025:", "December2025:", "January2026:", "February2026:", "March2026:"] {
        assert!(!text.contains(month), "{month}\n{text}");
    }
    assert!(text.contains("March2toApril3,2026,undertheIEPasIacceptedit:150of300minutesdelivered;150owed."), "{text}");

    // The sample's figures (spec: 435 in force, 645 as agreed), as the JSON gives them.
    let (total, agreed) = (&services["minutes_owed"], &services["minutes_owed_as_agreed"]);
    assert_eq!((total.as_f64(), agreed.as_f64()), (Some(435.0), Some(645.0)));
    let sentence = format!(
        "Through April 5, 2026, {} are owed in all under the IEP as changed, and {} under the IEP as I accepted it.",
        minutes(total),
        minutes(agreed)
    );
    assert!(text.contains(&no_ws(&sentence)), "{sentence}\n{text}");

    // Each service: its own figure, and the as-agreed one where it differs.
    for service in services["services"].as_array().unwrap() {
        let owed = &service["judged_minutes"]["owed"];
        if owed.as_f64() == Some(0.0) {
            continue;
        }
        let name = service["service"].as_str().unwrap();
        let in_force = match service.get("minutes_owed_as_agreed") {
            Some(as_agreed) => {
                let both = format!(
                    "Through April 5, 2026, {} are owed under the IEP as changed by the IEP amendment dated February 9, 2026; under the IEP I accepted on September 12, 2025, which I have not agreed to change, {} are owed. Please make up the {}",
                    minutes(owed),
                    minutes(as_agreed),
                    minutes(as_agreed)
                );
                assert!(text.contains(&no_ws(&both)), "{name}: {both}\n{text}");
                continue;
            }
            None => format!("Through April 5, 2026, {} are owed. Please make up the {}", minutes(owed), minutes(owed)),
        };
        assert!(text.contains(&no_ws(&in_force)), "{name}: {in_force}\n{text}");
    }
}

/// The sample's group sessions of November 4 and 6 are in Maya's own account
/// (`source: child`), not in the school's log: the letter says whose record
/// it is and never credits it to the school.
#[test]
fn a_setting_the_child_reported_is_not_credited_to_the_schools_log() {
    let (_tmp, dir) = maya_copy();
    let target = dir.join("out/services.pdf");
    let out = iep(&[
        "letter",
        "services-concern",
        dir.to_str().unwrap(),
        "--as-of",
        "2026-04-20",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let text = no_ws(&pdf_text(&std::fs::read(&target).unwrap()));
    assert!(text.contains(&no_ws("Maya told me of group sessions")), "{text}");
    assert!(!text.contains(&no_ws("your log shows group")), "{text}");
    // Nor does the letter explain the tool's counting to the school.
    assert!(!text.contains(&no_ws("last school month judged")), "{text}");
}
