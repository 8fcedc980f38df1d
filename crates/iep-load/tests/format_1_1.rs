//! Case format 1.1: every new field loads into the model, and the new
//! mistakes get located errors.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iep_model::{ConsentFor, EvaluationType, Evaluator, ProgressMeaning, VersionStatus, Workplace};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const CASE: &str = r#"kind: case
child: {name: Ava Test, date_of_birth: 2015-03-02, grade: "5", school: Lincoln Elementary}
district: Test Unified
state: CA
school_address: "Lincoln Elementary, 1 School Road, Testville, CA 90000"
district_address: "Test Unified, 9 District Way, Testville, CA 90000"
state_agency: California Department of Education
parent: {name: Pat Test}
team:
  - {id: case-manager, name: Jordan Lee, role: Teacher, salutation: Mr. Lee}
  - {id: director, name: Dana Whitfield, role: Director, at: district}
progress_codes:
  SP: sufficient
  IP: insufficient
  M: met
notes: Typed in from the district's forms.
"#;

const IEP: &str = r#"kind: iep
id: iep-2025
effective: 2025-09-15
end: 2026-09-14
parent_signed: 2025-09-12
notes: Page 4 of the IEP.
goals:
  - id: G1
    statement: Ava will produce /k/ in all positions.
    measure: percent correct
    baseline: {text: "With cues, /k/ initial 80%, medial 90%; /g/ medial 71%", value: 71, date: 2024-11}
    target: {value: 90, by: 2026-06}
    objectives:
      - {id: G1.1, text: /k/ initial with 90% accuracy, target: {value: 90, by: 2025-12}}
      - {id: G1.2, text: /k/ medial with 90% accuracy}
    notes: Benchmarks on page 6.
services:
  - {id: speech, service: Speech-language therapy, amount: 2 x 30 min per week, notes: Sessions may be combined.}
  - {id: esy-speech, service: Speech-language therapy (summer), amount: 1 x 30 min per week, esy: true}
accommodations:
  - {id: A1, text: Extended time, notes: Tests only.}
"#;

#[test]
fn every_field_of_format_1_1_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "case.yaml", CASE);
    write(d, "iep/2025-09-15.yaml", IEP);
    write(
        d,
        "iep/2026-09-15-draft.yaml",
        "kind: iep\nid: draft-2026\nstatus: draft\neffective: 2026-09-15\namends: null\nservices:\n  - {id: speech, service: Speech-language therapy, amount: 1 x 30 min per week}\n",
    );
    write(
        d,
        "calendar.yaml",
        "kind: school-calendar\nfirst_day: 2025-09-03\nlast_day: 2026-06-19\nterms:\n  - {from: 2025-09-03, to: 2026-01-30}\n  - {from: 2026-02-02, to: 2026-06-19}\nesy: {from: 2026-07-06, to: 2026-07-30}\nnotes: Board-approved calendar.\n",
    );
    write(
        d,
        "progress/2025-11-14.yaml",
        "kind: progress-report\ndate: 2025-11-14\niep: iep-2025\ngoals:\n  - goal: G1\n    value: 75\n    status: IP\n    sufficient: no\n    narrative: Ava is working on G1.1.\n    objectives:\n      - {objective: G1.1, value: 82, status: M}\n",
    );
    write(
        d,
        "services/log.yaml",
        "kind: service-log\nfrom: 2025-09-15\nthrough: 2025-10-31\nservices: [speech]\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, notes: Short session.}\n",
    );
    write(
        d,
        "letters/2026-01-05.yaml",
        "kind: letter\ndate: 2026-01-05\ntype: records-request\nto: case-manager\nresponse: {date: 2026-01-20, summary: Some records, complete: false}\n",
    );
    write(
        d,
        "log/home.yaml",
        "kind: observations\nentries:\n  - {date: 2025-10-20, note: Tired after school., private: true}\n  - {date: 2025-10-21, note: Happy today.}\n",
    );
    write(
        d,
        "log/comms.yaml",
        "kind: communications\nentries:\n  - {date: 2025-10-22, with: case-manager, summary: Called about speech., private: true}\n",
    );
    write(
        d,
        "evaluations/2025-10-01.yaml",
        "kind: evaluation\ndate: 2025-10-01\ntype: reevaluation\nareas: [speech, academic]\nby: school\n",
    );
    write(d, "evaluations/2026-03-01.yaml", "kind: evaluation\ndate: 2026-03-01\ntype: independent\nareas: [speech]\n");
    write(d, "consents/2026-04-02.yaml", "kind: consent\ndate: 2026-04-02\nfor: reevaluation\ngiven: true\n");

    let loaded = iep_load::load(d);
    let text: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(loaded.diagnostics.is_empty(), "{}", text.join("\n"));
    let case = loaded.case.unwrap();

    let info = &case.info;
    assert_eq!(info.district_address.as_deref(), Some("Test Unified, 9 District Way, Testville, CA 90000"));
    assert_eq!(info.state_agency.as_deref(), Some("California Department of Education"));
    assert_eq!(info.progress_code("ip"), Some(ProgressMeaning::Insufficient));
    assert_eq!(info.progress_code("SP"), Some(ProgressMeaning::Sufficient));
    assert_eq!(info.progress_code("XX"), None);
    assert_eq!(info.team[0].salutation.as_deref(), Some("Mr. Lee"));
    assert_eq!(info.team[0].at, Workplace::School);
    assert_eq!(info.team[1].at, Workplace::District);
    assert!(info.notes.is_some());

    assert_eq!(case.versions.len(), 1, "a draft is never among the versions in force");
    assert_eq!(case.drafts.len(), 1);
    assert_eq!(case.drafts[0].status, VersionStatus::Draft);
    let v = &case.versions[0];
    assert_eq!(v.status, VersionStatus::Issued);
    let g = &v.goals[0];
    let baseline = g.baseline.as_ref().unwrap();
    assert_eq!(baseline.date, Some(day("2024-11-01")), "a month-only start is the month's first day");
    assert!(baseline.month_only);
    assert_eq!(baseline.text.as_deref(), Some("With cues, /k/ initial 80%, medial 90%; /g/ medial 71%"));
    let target = g.target.as_ref().unwrap();
    assert_eq!(target.by, Some(day("2026-06-30")), "a month-only deadline is the month's last day");
    assert!(target.month_only);
    assert_eq!(g.objectives.len(), 2);
    assert_eq!(g.objective("G1.1").unwrap().target.as_ref().unwrap().by, Some(day("2025-12-31")));
    assert!(g.notes.is_some());
    assert!(v.services[1].esy && !v.services[0].esy);
    assert!(v.services[0].notes.is_some() && v.accommodations[0].notes.is_some() && v.notes.is_some());

    let cal = &case.calendars[0];
    assert_eq!(cal.terms.len(), 2);
    assert_eq!(cal.esy.unwrap().from, day("2026-07-06"));

    let entry = &case.reports[0].goals[0];
    assert_eq!(entry.sufficient, Some(false));
    assert_eq!(entry.objectives[0].objective, "G1.1");
    assert_eq!(entry.objectives[0].value, Some(82.0));

    let log = &case.service_logs[0];
    assert_eq!(log.declared_range(), Some((day("2025-09-15"), day("2025-10-31"))));
    assert!(log.declares("speech", day("2025-10-31")));
    assert!(!log.declares("speech", day("2025-11-03")));
    assert!(log.entries[0].notes.is_some());

    assert!(!case.letters[0].response.as_ref().unwrap().complete);
    assert!(case.observations[0].entries[0].private && !case.observations[0].entries[1].private);
    assert!(case.communications[0].entries[0].private);

    assert_eq!(case.evaluations.len(), 2);
    assert_eq!(case.evaluations[0].evaluation_type, EvaluationType::Reevaluation);
    assert_eq!(
        case.evaluations[1].by,
        Evaluator::Independent,
        "an independent evaluation is by an independent evaluator"
    );
    assert_eq!(case.consents[0].consent_for, ConsentFor::Reevaluation);
    assert!(case.consents[0].given);

    // The cut to an as-of date drops later evaluations and consents, never a draft.
    let cut = case.as_of(day("2026-01-01"));
    assert_eq!((cut.evaluations.len(), cut.consents.len(), cut.drafts.len()), (1, 0, 1));
}

/// The new mistakes of format 1.1, each named at its line.
#[test]
fn format_1_1_mistakes_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "case.yaml", CASE);
    write(d, "iep/2025-09-15.yaml", IEP);
    write(d, "meetings/2025-09-10.yaml", "kind: meeting\ndate: 2025-09\ntype: annual-review\n");
    write(
        d,
        "progress/2025-11-14.yaml",
        "kind: progress-report\ndate: 2025-11-14\niep: iep-2025\ngoals:\n  - goal: G1\n    status: XP\n    objectives:\n      - {objective: G1.9, value: 82}\n",
    );
    write(d, "consents/2026-04-02.yaml", "kind: consent\ndate: 2026-04-02\nfor: evaluation\ngiven: true\n");
    let loaded = iep_load::load(d);
    let found: Vec<(String, usize, String)> =
        loaded.diagnostics.iter().map(|x| (x.file.clone(), x.line, x.to_string())).collect();
    let has = |file: &str, line: usize, words: &str| {
        found.iter().any(|(f, l, t)| f == file && *l == line && t.contains(words))
            || panic!("no error in {file} at line {line} saying {words:?}:\n{found:#?}")
    };
    has("meetings/2025-09-10.yaml", 2, "gives only a month");
    has("progress/2025-11-14.yaml", 6, "the progress code `XP` is not in the case's legend");
    has("progress/2025-11-14.yaml", 8, "has no objective `G1.9`");
    has("consents/2026-04-02.yaml", 3, "`evaluation` is not a valid `for`");
}
