//! `iep deadlines` and `progress-report-overdue` read one analysis of the
//! report cards: on every fixture of the check, the deadlines' overdue
//! report-card items and the check's findings name the same dates, and a
//! case that owes no progress report (a 504 plan, an IEP without goals)
//! lists none.

use std::path::Path;

use chrono::NaiveDate;
use iep_deadlines::Status;
use iep_model::Context;

const CODE: &str = "progress-report-overdue";

fn scenarios() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(CODE);
    let mut found: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("AS_OF").is_file())
        .collect();
    found.sort();
    assert!(found.len() >= 4, "{}: the fixtures are missing", root.display());
    found
}

#[test]
fn deadlines_and_the_check_name_the_same_overdue_report_cards() {
    for scenario in scenarios() {
        let name = scenario.file_name().unwrap().to_string_lossy().into_owned();
        let as_of: NaiveDate = std::fs::read_to_string(scenario.join("AS_OF")).unwrap().trim().parse().unwrap();
        let case = iep_load::load(&scenario).case.unwrap_or_else(|| panic!("{name}: the case loads"));
        let cut = case.as_of(as_of);
        let cx = Context::new(&cut, as_of);
        let findings = iep_checks::check_with(&cx);
        let computed = cx.computations();
        let deadlines = iep_deadlines::deadlines_in(&case, &cx);
        assert_eq!(cx.computations(), computed, "{name}: the deadlines computed an analysis the checks had");

        let flagged: Vec<NaiveDate> = findings.iter().filter(|f| f.code == CODE).filter_map(|f| f.date).collect();
        let cards: Vec<&iep_deadlines::Deadline> = deadlines.iter().filter(|d| d.source.key == "report-card").collect();
        let overdue: Vec<NaiveDate> =
            cards.iter().filter(|d| d.status == Status::Overdue).filter_map(|d| d.due).collect();
        assert_eq!(overdue, flagged, "{name}: the overdue report cards differ");
        // And the same through the plain entry point the command uses.
        let plain: Vec<NaiveDate> = iep_deadlines::deadlines(&case, as_of)
            .iter()
            .filter(|d| d.source.key == "report-card" && d.status == Status::Overdue)
            .filter_map(|d| d.due)
            .collect();
        assert_eq!(plain, flagged, "{name}: `iep deadlines` differs");
        if name.starts_with("no-504") || name.starts_with("no-iep-without-goals") {
            assert!(cards.is_empty(), "{name}: no progress report is owed, yet deadlines list {cards:?}");
        }
        if !name.starts_with("no-") {
            assert!(!flagged.is_empty(), "{name}: the scenario fires");
        }
    }
}
