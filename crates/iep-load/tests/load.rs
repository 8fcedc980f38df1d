//! Loading real and generated cases.

use std::fs;
use std::path::Path;

use iep_testkit::gen_case;

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
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    // The link is not followed, and said so.
    #[cfg(unix)]
    {
        assert_eq!(loaded.diagnostics.len(), 1, "{:?}", loaded.diagnostics);
        assert_eq!(loaded.diagnostics[0].file, "loop");
        assert!(loaded.diagnostics[0].message.contains("link to a folder"), "{:?}", loaded.diagnostics);
    }
    assert!(loaded.case.is_some());
}

/// case-format.md skips hidden folders and the case's `out/` only (and its
/// own top-level `templates/`): a folder named `target` or `templates`
/// deeper down is part of the case.
#[test]
fn only_hidden_folders_and_the_top_level_out_and_templates_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    let letter = |date: &str| format!("kind: letter\ndate: {date}\ntype: records-request\nto: slp\n");
    write(dir.path(), "target/2026-01-05.yaml", &letter("2026-01-05"));
    write(dir.path(), "letters/templates/2026-01-06.yaml", &letter("2026-01-06"));
    write(dir.path(), "letters/out/2026-01-07.yaml", &letter("2026-01-07"));
    write(dir.path(), "out/2026-01-08.yaml", &letter("2026-01-08"));
    write(dir.path(), "templates/2026-01-09.yaml", &letter("2026-01-09"));
    write(dir.path(), "letters/.hidden/2026-01-10.yaml", &letter("2026-01-10"));
    let loaded = iep_load::load(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let mut read: Vec<String> = loaded.case.unwrap().letters.iter().map(|l| l.date.to_string()).collect();
    read.sort();
    assert_eq!(read, ["2026-01-05", "2026-01-06", "2026-01-07"]);
}

/// A linked folder and a link to a file outside the case are not read, and
/// each is named in a warning; a link to a file inside the case is read.
#[cfg(unix)]
#[test]
fn links_that_are_not_read_are_named() {
    let outside = tempfile::tempdir().unwrap();
    let letter = "kind: letter\ndate: 2026-01-05\ntype: records-request\nto: slp\n";
    write(outside.path(), "shared/2026-01-05.yaml", letter);
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(dir.path(), ".store/2026-01-06.yaml", &letter.replace("01-05", "01-06"));
    std::os::unix::fs::symlink(outside.path().join("shared"), dir.path().join("letters")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("shared/2026-01-05.yaml"), dir.path().join("outside.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path().join(".store/2026-01-06.yaml"), dir.path().join("inside.yaml")).unwrap();
    let loaded = iep_load::load(dir.path());
    let warned: Vec<&str> = loaded.diagnostics.iter().filter(|d| !d.is_error()).map(|d| d.file.as_str()).collect();
    assert_eq!(warned, ["letters", "outside.yaml"], "{:?}", loaded.diagnostics);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let case = loaded.case.unwrap();
    let read: Vec<String> = case.letters.iter().map(|l| l.date.to_string()).collect();
    assert_eq!(read, ["2026-01-06"]);
}

/// A NUL byte is named at its line and column.
#[test]
fn a_nul_byte_is_named_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(dir.path(), "letters/a.yaml", "kind: letter\ndate: 2026-01-05\ntype: rec\0ords-request\nto: slp\n");
    write(dir.path(), "letters/b.yaml", "\0");
    let loaded = iep_load::load(dir.path());
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}:{} {}", d.file, d.line, d.column, d.message))
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("letters/a.yaml:3:10 "), "{errors:?}");
    assert!(errors[0].contains("NUL byte"), "{errors:?}");
    assert!(errors[1].starts_with("letters/b.yaml:1:1 "), "{errors:?}");
    assert!(!errors[1].contains("empty"), "{errors:?}");
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

#[test]
fn a_range_is_read_at_its_lower_bound_with_a_located_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(
        dir.path(),
        "iep/2025-09-15.yaml",
        "kind: iep\nid: a\neffective: 2025-09-15\nservices:\n  - id: speech\n    service: Speech\n    amount: 2-3 x 30 min per week\n  - id: ot\n    service: OT\n    amount: 45 minutes, twice weekly\n",
    );
    let loaded = iep_load::load(dir.path());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let [warning] = loaded.diagnostics.as_slice() else { panic!("one warning expected: {:?}", loaded.diagnostics) };
    assert_eq!(warning.level, iep_model::Level::Warning);
    assert_eq!((warning.file.as_str(), warning.line, warning.column, warning.width), ("iep/2025-09-15.yaml", 7, 13, 3));
    assert_eq!(
        warning.message,
        "the amount `2-3 x 30 min per week` gives a range, `2-3`, and reads its lower bound: 2 x 30 min per week"
    );
    let case = loaded.case.unwrap();
    let services = &case.versions[0].services;
    assert_eq!(services[0].amount.to_string(), "2 x 30 min per week");
    // A comma in a block value is a separator (case-format.md 1.1).
    assert_eq!(services[1].amount.to_string(), "2 x 45 min per week");
}

#[test]
fn a_comma_in_a_one_line_entry_ends_the_amount_and_the_error_says_to_quote_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(
        dir.path(),
        "iep/2025-09-15.yaml",
        "kind: iep\nid: a\neffective: 2025-09-15\nservices:\n  - {id: ot, service: OT, amount: 45 minutes, twice weekly}\n",
    );
    let loaded = iep_load::load(dir.path());
    let text: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let text = text.join("\n");
    assert!(loaded.has_errors(), "{text}");
    assert!(text.contains("amount: \"45 minutes, twice weekly\""), "{text}");
}

/// Issue 22: `iep/NAME.YAML` was silently ignored, so a version the parent
/// saved with a capital extension vanished from every check.
#[test]
fn a_capital_yaml_extension_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "case.yaml", CASE);
    write(
        dir.path(),
        "iep/2025-09-15.YAML",
        "kind: iep\nid: iep-2025\nplan: iep\neffective: 2025-09-15\nend: 2026-09-14\nservices:\n  - {id: speech, service: Speech, amount: 2 x 30 min per week}\n",
    );
    write(dir.path(), "log/home.Yml", "kind: observations\nentries:\n  - {date: 2025-10-01, note: Tired}\n");
    let loaded = iep_load::load(dir.path());
    let text: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    let case = loaded.case.expect("the case");
    assert_eq!(case.versions.len(), 1, "{}", text.join("\n"));
    assert_eq!(case.versions[0].path, "iep/2025-09-15.YAML");
}
