//! End to end: `iep log` (cli.md, "Recording a day"). A line is appended as
//! the file writes its entries, every other byte kept; what the day changes
//! is printed; and every refusal leaves every byte of the case as it was.

use std::fs;
use std::path::Path;

mod common;
use common::{folder_bytes, iep_watched, maya_copy, said};

const TODAY: &str = "2026-04-20";

/// `iep log ARGS DIR --as-of TODAY`.
fn log(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["log"];
    all.extend_from_slice(args);
    all.extend_from_slice(&[dir.to_str().unwrap(), "--as-of", TODAY]);
    iep_watched(&all)
}

/// Runs `iep log` expecting a refusal: exit 2, the message says `expected`,
/// and no byte of the case changed (no file added, none changed).
fn refused(args: &[&str], expected: &str) {
    let (_tmp, dir) = maya_copy();
    let before = folder_bytes(&dir);
    let out = log(&dir, args);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {}", said(&out));
    assert!(said(&out).contains(expected), "{args:?}: expected `{expected}` in:\n{}", said(&out));
    assert!(folder_bytes(&dir) == before, "{args:?}: a refused iep log changed the case");
}

#[test]
fn a_session_is_one_line_appended_and_every_other_byte_kept() {
    let (_tmp, dir) = maya_copy();
    let home = dir.join("services/home.yaml");
    let old = fs::read_to_string(&home).unwrap();
    let others = {
        let mut all = folder_bytes(&dir);
        all.remove(Path::new("services/home.yaml"));
        all
    };
    let out = log(&dir, &["speech", "--missed", "Mr. Ortiz was out, no substitute", "--date", "2026-04-14"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let line =
        "  - {date: 2026-04-14, service: speech, missed: \"Mr. Ortiz was out, no substitute\", source: parent}\n";
    assert_eq!(fs::read_to_string(&home).unwrap(), format!("{old}{line}"));
    let mut after = folder_bytes(&dir);
    after.remove(Path::new("services/home.yaml"));
    assert!(after == others, "only services/home.yaml changed");
    insta::assert_snapshot!("log_missed_session", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn a_crlf_file_without_a_final_newline_stays_so() {
    let (_tmp, dir) = maya_copy();
    let home = dir.join("services/home.yaml");
    let crlf = fs::read_to_string(&home).unwrap().trim_end().replace('\n', "\r\n");
    fs::write(&home, &crlf).unwrap();
    let out = log(&dir, &["speech", "--minutes", "30", "--source", "child", "--date", "2026-04-16"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert_eq!(
        fs::read_to_string(&home).unwrap(),
        format!("{crlf}\r\n  - {{date: 2026-04-16, service: speech, minutes: 30, source: child}}")
    );
}

#[test]
fn the_schools_record_goes_to_the_school_log_and_a_missing_file_is_made() {
    let (_tmp, dir) = maya_copy();
    let school = dir.join("services/log.yaml");
    let old = fs::read_to_string(&school).unwrap();
    let out = log(&dir, &["reading", "--minutes", "45", "--source", "school", "--date", "2026-04-17"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert_eq!(
        fs::read_to_string(&school).unwrap(),
        format!("{old}  - {{date: 2026-04-17, service: reading, minutes: 45}}\n")
    );

    fs::remove_file(dir.join("services/home.yaml")).unwrap();
    let out = log(&dir, &["ot", "--missed", "absent", "--by-student"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let made = fs::read_to_string(dir.join("services/home.yaml")).unwrap();
    assert!(made.contains("\nkind: service-log\n"), "{made}");
    assert!(
        made.ends_with("\n  - {date: 2026-04-20, service: ot, missed: absent, by: student, source: parent}\n"),
        "{made}"
    );
    assert!(said(&out).contains("Made services/home.yaml"), "{}", said(&out));
    let check = iep_watched(&["check", dir.to_str().unwrap(), "--as-of", TODAY]);
    assert_eq!(check.status.code(), Some(0), "the case loads with the new file: {}", said(&check));
}

#[test]
fn file_names_a_file_of_the_right_kind_inside_the_case() {
    let (_tmp, dir) = maya_copy();
    let out = log(&dir, &["speech", "--minutes", "30", "--file", "services/extra.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert!(fs::read_to_string(dir.join("services/extra.yaml")).unwrap().contains("service: speech, minutes: 30"));
    refused(&["speech", "--minutes", "30", "--file", "meetings/2026-01-27.yaml"], "not a `kind: service-log` file");
    refused(&["speech", "--minutes", "30", "--file", "../outside.yaml"], "inside the case folder");
    refused(&["speech", "--minutes", "30", "--file", "out/log.yaml"], "not a place iep reads case files from");
}

#[test]
fn unknown_ids_are_refused_with_the_nearest_one() {
    refused(&["speach", "--minutes", "30"], "did you mean `speech`?");
    refused(&["A1", "--minutes", "30"], "`A1` is an accommodation");
}

#[test]
fn a_service_not_in_force_that_day_names_the_versions_that_have_it() {
    refused(&["speech", "--minutes", "30", "--date", "2025-09-02"], "iep-2025 has it from September 15, 2025");
}

#[test]
fn days_after_today_and_contradictory_flags_are_refused() {
    refused(&["speech", "--minutes", "30", "--date", "2026-04-21"], "after today");
    refused(&["speech", "--minutes", "30", "--missed", "sick"], "cannot be used with");
    refused(&["speech", "--minutes", "30", "--by-student"], "--missed");
    refused(&["speech"], "--minutes");
    refused(&["speech", "--minutes", "0"], "--minutes 0");
    refused(&["speech", "--missed", "sick", "--made-up-on", "2026-04-01", "--date", "2026-04-02"], "--made-up-on");
}

#[test]
fn a_case_that_does_not_load_with_the_line_gets_nothing_written() {
    let (_tmp, dir) = maya_copy();
    let meeting = dir.join("meetings/2026-01-27.yaml");
    let text = fs::read_to_string(&meeting).unwrap();
    fs::write(&meeting, text.replacen("date:", "dat:", 1)).unwrap();
    let before = folder_bytes(&dir);
    let out = log(&dir, &["speech", "--minutes", "30"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("nothing was written"), "{}", said(&out));
    assert!(said(&out).contains("meetings/2026-01-27.yaml"), "the loader's usual error: {}", said(&out));
    assert!(folder_bytes(&dir) == before);
}

#[test]
fn a_check_in_goes_to_the_check_ins_file_as_the_format_writes_it() {
    let (_tmp, dir) = maya_copy();
    let file = dir.join("log/check-ins.yaml");
    let old = fs::read_to_string(&file).unwrap();
    let out = log(
        &dir,
        &["A6", "--no", "--unaware", "--with", "case-manager", "--source", "parent", "--note", "No reader, again"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        format!(
            "{old}  - {{date: 2026-04-20, accommodation: A6, provided: no, source: parent, with: case-manager, unaware: true, note: \"No reader, again\"}}\n"
        )
    );
    insta::assert_snapshot!("log_check_in", String::from_utf8_lossy(&out.stdout));

    fs::remove_file(&file).unwrap();
    let out = log(&dir, &["A3", "--yes", "--date", "2026-04-17"]);
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let made = fs::read_to_string(&file).unwrap();
    assert!(made.contains("\nkind: check-ins\n"), "{made}");
    assert!(made.ends_with("\n  - {date: 2026-04-17, accommodation: A3, provided: yes}\n"), "{made}");
}

#[test]
fn accommodation_refusals_change_nothing() {
    refused(&["A9", "--yes"], "no plan of the case has an accommodation with the id `A9`");
    refused(&["speech", "--yes"], "`speech` is a service");
    refused(&["A1", "--no", "--date", "2025-09-02"], "iep-2025 has it from September 15, 2025");
    refused(&["A1", "--yes", "--unaware"], "--unaware");
    refused(&["A1", "--yes", "--no"], "cannot be used with");
    refused(&["A1", "--yes", "--source", "provider"], "--source provider");
    refused(&["speech", "--minutes", "30", "--with", "case-manager"], "cannot be used with");
    refused(&["A1", "--no", "--with", "nobody-here"], "nothing was written");
}
