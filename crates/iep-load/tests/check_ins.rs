//! Format 1.2's `kind: check-ins`: entries load into the model, ids are held
//! to the version in force on their day (renamed ids included), and every
//! malformed check-in is a located error with a fix.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use iep_model::{CheckInSource, Provided};

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

const CASE: &str = "kind: case
child: {name: Jonah Test, date_of_birth: 2013-05-02, grade: \"7\", school: Hill Middle}
parent: {name: Sam Test}
team:
  - {id: science-teacher, name: Ana Ruiz, role: Science teacher}
settings: {accommodation_misses: 3}
";

/// A1 is renamed to A1-time in the second version (same text); A2 is added there.
const FIRST: &str = "kind: iep
id: iep-1
effective: 2025-09-02
end: 2026-09-01
accommodations:
  - {id: A1, text: Extended time (1.5x) on tests and quizzes}
";

const SECOND: &str = "kind: iep
id: iep-2
effective: 2026-01-05
end: 2026-09-01
amends: iep-1
accommodations:
  - {id: A1-time, text: Extended time (1.5x) on tests and quizzes}
  - {id: A2, text: Preferential seating near the board}
";

fn case_with(check_ins: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "case.yaml", CASE);
    write(d, "iep/2025-09-02.yaml", FIRST);
    write(d, "iep/2026-01-05.yaml", SECOND);
    write(d, "log/check-ins.yaml", check_ins);
    dir
}

#[test]
fn check_ins_load_into_the_model() {
    let dir = case_with(
        "kind: check-ins
entries:
  - {date: 2025-10-03, accommodation: A1, provided: no, with: science-teacher, note: Had to hand in the quiz.}
  - {date: 2025-10-21, accommodation: A1, provided: partly, source: parent, unaware: true, private: true}
  # The old id still names the accommodation after it was renamed.
  - {date: 2026-02-02, accommodation: A1, provided: yes, source: teacher}
  - date: 2026-02-03
    accommodation: A2
    provided: true
notes: Kept after school.
",
    );
    let loaded = iep_load::load(dir.path());
    assert!(!loaded.has_errors(), "{:#?}", loaded.diagnostics);
    let case = loaded.case.unwrap();
    assert_eq!(case.info.settings.accommodation_misses, 3);
    let entries: Vec<_> = case.check_in_entries().collect();
    assert_eq!(entries.len(), 4);
    let (path, first) = entries[0];
    assert_eq!(path, "log/check-ins.yaml");
    assert_eq!(
        (first.date, first.accommodation.as_str(), first.provided, first.source),
        (day("2025-10-03"), "A1", Provided::No, CheckInSource::Child)
    );
    assert_eq!(first.with.as_deref(), Some("science-teacher"));
    assert_eq!(first.note.as_deref(), Some("Had to hand in the quiz."));
    let second = entries[1].1;
    assert_eq!(
        (second.provided, second.source, second.unaware, second.private),
        (Provided::Partly, CheckInSource::Parent, true, true)
    );
    assert_eq!(entries[2].1.source, CheckInSource::Teacher);
    assert_eq!(entries[3].1.provided, Provided::Yes);
    assert_eq!(case.check_ins[0].notes.as_deref(), Some("Kept after school."));
    // The cut to an as-of date drops later check-ins.
    assert_eq!(case.as_of(day("2025-12-31")).check_in_entries().count(), 2);
    assert_eq!(case.clone().into_as_of(day("2025-10-03")).check_in_entries().count(), 1);
}

#[test]
fn the_default_pattern_is_two_days() {
    let dir = case_with("kind: check-ins\nentries: []\n");
    write(dir.path(), "case.yaml", &CASE.replace("settings: {accommodation_misses: 3}\n", ""));
    let case = iep_load::load(dir.path()).case.unwrap();
    assert_eq!(case.info.settings.accommodation_misses, 2);
}

/// Each mistake is named at its line, with a fix.
#[test]
fn malformed_check_ins_are_located_errors() {
    let dir = case_with(
        "kind: check-ins
entries:
  - {date: 2025-10-03, accommodation: A1, provided: maybe}
  - {date: 2025-11-31, accommodation: A1, provided: no}
  - {date: 2025-10-06, accommodation: A9, provided: no}
  - {date: 2025-10-07, accommodation: A2, provided: no}
  - {date: 2025-10-08, accommodation: A1, provided: no, teacher: science-teacher}
  - {date: 2025-10-09, accommodation: A1, provided: no, with: sciense-teacher}
  - {date: 2025-10-10, accommodation: A1, provided: no, source: mom}
  - {date: 2025-08-01, accommodation: A1, provided: no}
",
    );
    let loaded = iep_load::load(dir.path());
    assert!(loaded.has_errors());
    let found: Vec<(usize, String)> = loaded
        .diagnostics
        .iter()
        .filter(|x| x.file == "log/check-ins.yaml")
        .map(|x| (x.line, format!("{x} {}", x.help.clone().unwrap_or_default())))
        .collect();
    let has = |line: usize, words: &str| {
        found.iter().any(|(l, t)| *l == line && t.contains(words))
            || panic!("no error at line {line} saying {words:?}:\n{found:#?}")
    };
    has(3, "`maybe` is not a valid `provided`");
    has(3, "`yes`, `no` and `partly`");
    has(4, "November 2025 has 30 days");
    has(5, "no IEP or 504 plan has an accommodation with the id `A9`");
    has(5, "the accommodation ids are `A1`, `A1-time` and `A2`");
    has(6, "the accommodation `A2` is not in force on 2025-10-07");
    has(6, "`iep-2` (in force from 2026-01-05)");
    has(7, "unknown field `teacher`");
    has(7, "the fields allowed here are `date`, `accommodation`, `provided`");
    has(8, "did you mean `science-teacher`?");
    has(9, "`mom` is not a valid `source`");
    has(10, "the accommodation `A1` is not in force on 2025-08-01");
    has(10, "`iep-1` (in force from 2025-09-02)");
}

#[test]
fn a_zero_pattern_is_refused() {
    let dir = case_with("kind: check-ins\nentries: []\n");
    write(dir.path(), "case.yaml", &CASE.replace("accommodation_misses: 3", "accommodation_misses: 0"));
    let loaded = iep_load::load(dir.path());
    let error = loaded.diagnostics.iter().find(|d| d.file == "case.yaml").expect("an error in case.yaml");
    assert_eq!(error.line, 6);
    assert!(error.to_string().contains("accommodation_misses: 0"), "{error}");
}
