//! Loading real and generated cases.

use std::fs;
use std::path::Path;

#[path = "../../../xtask/src/gen_case.rs"]
#[allow(dead_code)]
mod gen_case;

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const CASE: &str = "kind: case\nchild: {name: Test Child, grade: 3}\nparent: {name: Test Parent}\nteam:\n  - {id: slp, name: Sam Ortiz}\n";

#[test]
fn maya_loads_without_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya");
    let loaded = iep_load::load(&dir);
    let text: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert!(loaded.diagnostics.is_empty(), "{}", text.join("\n"));
    let case = loaded.case.expect("the case");
    assert_eq!(case.name, "maya");
    assert_eq!(case.versions.len(), 2);
    assert_eq!(case.versions[0].id, "iep-2025", "versions sorted by effective");
    assert_eq!(case.reports.len(), 3);
    assert!(case.reports.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(case.info.state.as_deref(), Some("MA"));
    assert_eq!(case.info.team.len(), 5);
    assert!(case.log_entries().count() > 100);
    assert_eq!(case.versions[1].path, "iep/2026-02-09.yaml");
}

#[test]
fn yaml_1_2_keeps_on_yes_no_as_words_and_numbers_as_text() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(
        dir.path(),
        "log/comms.yaml",
        "kind: communications\nentries:\n  - {date: 2025-10-01, with: slp, via: yes, summary: no}\n  - {date: 2025-10-02, via: on, summary: off}\n",
    );
    let loaded = iep_load::load(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let case = loaded.case.unwrap();
    assert_eq!(case.info.child.grade.as_deref(), Some("3"));
    let entries = &case.communications[0].entries;
    assert_eq!(entries[0].via.as_deref(), Some("yes"));
    assert_eq!(entries[0].summary, "no");
    assert_eq!(entries[1].via.as_deref(), Some("on"));
    assert_eq!(entries[1].summary, "off");
}

#[test]
fn a_file_with_several_problems_reports_them_all() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile/many-problems");
    let loaded = iep_load::load(&dir);
    let lines: Vec<(String, usize)> = loaded.diagnostics.iter().map(|d| (d.file.clone(), d.line)).collect();
    // minuts (3), 2025-09-31 (5), minutes+missed (6), speach (7), thirty (8), teacher (9).
    for line in [3, 5, 6, 7, 8, 9] {
        assert!(lines.contains(&("services/log.yaml".to_owned(), line)), "no diagnostic on line {line}: {lines:?}");
    }
    assert!(!lines.contains(&("services/log.yaml".to_owned(), 4)), "line 4 is fine: {lines:?}");
}

#[test]
fn the_rest_of_a_bad_file_is_still_checked_against_the_case() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(
        dir.path(),
        "iep/a.yaml",
        "kind: iep\nid: a\neffective: 2025-09-15\nservices:\n  - {id: speech, service: Speech, amount: 1 x 30 min per week}\n",
    );
    write(
        dir.path(),
        "log.yaml",
        "kind: service-log\nentries:\n  - {date: 2025-02-30, service: speech, minutes: 30}\n  - {date: 2025-03-03, service: spech, minutes: 30}\n",
    );
    let loaded = iep_load::load(dir.path());
    let at: Vec<(usize, usize)> = loaded.diagnostics.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(at, vec![(3, 12), (4, 33)], "{:#?}", loaded.diagnostics);
    assert!(loaded.diagnostics[1].help.as_deref().unwrap_or("").contains("`speech`"));
}

#[test]
fn symlink_loops_and_skipped_folders_are_harmless() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(dir.path(), "out/ignored.yaml", "not: a case file\n");
    write(dir.path(), ".git/ignored.yaml", "not: a case file\n");
    write(dir.path(), "templates/ignored.yaml", "not: a case file\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let loaded = iep_load::load(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert!(loaded.case.is_some());
}

#[test]
fn a_missing_folder_is_an_error_not_a_panic() {
    let loaded = iep_load::load(Path::new("/nonexistent/case/folder"));
    assert!(loaded.has_errors());
    assert!(loaded.case.is_none());
}

#[test]
fn the_generated_case_loads_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    gen_case::run(2, &out).unwrap();
    let loaded = iep_load::load(&out);
    let text: Vec<String> = loaded.diagnostics.iter().take(5).map(ToString::to_string).collect();
    assert!(loaded.diagnostics.is_empty(), "{}", text.join("\n"));
    let case = loaded.case.unwrap();
    let entries = case.log_entries().count();
    assert!((6_000..=10_000).contains(&entries), "{entries} log entries for 2 years");
    assert_eq!(case.calendars.len(), 2);
    assert!(case.versions.len() >= 4);
    // Deterministic: a second run writes the same bytes.
    let again = dir.path().join("again");
    gen_case::run(2, &again).unwrap();
    for rel in ["case.yaml", "services/2024-2025.yaml", "iep/2025-02-09.yaml"] {
        assert_eq!(fs::read(out.join(rel)).unwrap(), fs::read(again.join(rel)).unwrap(), "{rel}");
    }
}

#[test]
fn block_style_logs_load_to_the_same_entries_as_one_line_logs() {
    let dir = tempfile::tempdir().unwrap();
    let (lines, block) = (dir.path().join("lines"), dir.path().join("block"));
    gen_case::run_shaped(1, &lines, gen_case::LogShape::Lines).unwrap();
    gen_case::run_shaped(1, &block, gen_case::LogShape::Block).unwrap();
    let log = fs::read_to_string(block.join("services/2025-2026.yaml")).unwrap();
    assert!(log.contains("\n  - date: ") && log.contains("\n    service: "), "block entries");
    assert!(log.contains("missed: \"") && log.contains("  # "), "quoted reasons and comments");
    let read = |dir: &Path| {
        let loaded = iep_load::load(dir);
        let text: Vec<String> = loaded.diagnostics.iter().take(5).map(ToString::to_string).collect();
        assert!(loaded.diagnostics.is_empty(), "{}", text.join("\n"));
        let case = loaded.case.unwrap();
        case.log_entries().map(|(_, e)| format!("{e:?}")).collect::<Vec<_>>()
    };
    let entries = read(&block);
    assert!(entries.len() > 3_000, "{} entries", entries.len());
    assert_eq!(entries, read(&lines));
}

#[test]
fn cutting_in_place_gives_the_same_case_as_cutting_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen");
    gen_case::run(3, &out).unwrap();
    let case = iep_load::load(&out).case.expect("the generated case loads");
    let first = case.log_entries().map(|(_, e)| e.date).min().unwrap();
    let last = case.log_entries().map(|(_, e)| e.date).max().unwrap();
    let middle = first + (last - first) / 2;
    for as_of in [first, middle, last] {
        let copied = format!("{:?}", case.as_of(as_of));
        let in_place = format!("{:?}", case.clone().into_as_of(as_of));
        assert_eq!(copied, in_place, "as of {as_of}");
    }
    assert!(case.clone().into_as_of(middle).log_entries().count() < case.log_entries().count());
}
