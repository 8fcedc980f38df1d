//! End to end: `iep check` on hostile case folders exits with 2, names the
//! file, line and column, quotes the bad text, never panics or hangs, and
//! leaves the folder byte-for-byte as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A hang fails the test instead of blocking CI; not a timing assertion.
const WATCHDOG: Duration = Duration::from_secs(20);

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile").join(name)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes (symlinks as their target text).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            let path = entry.path();
            if kind.is_symlink() {
                files.insert(path.clone(), fs::read_link(&path).unwrap().to_string_lossy().into_owned().into_bytes());
            } else if kind.is_dir() {
                files.insert(path.clone(), b"<dir>".to_vec());
                stack.push(path);
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

fn check(dir: &Path) -> Run {
    let err_path = dir.with_extension("stderr");
    let err_file = fs::File::create(&err_path).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_iep"))
        .args(["check", "--as-of", "2026-04-20"])
        .arg(dir)
        .stdout(Stdio::null())
        .stderr(err_file)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`iep check {}` did not finish within {WATCHDOG:?}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run { code: status.code(), stderr: fs::read_to_string(&err_path).unwrap_or_default() }
}

/// Runs `iep check` on a copy of `tests/hostile/<name>` (after `prepare`
/// changes the copy), and checks the contract; returns stderr.
fn run_hostile(name: &str, prepare: impl FnOnce(&Path), located: &str, quoted: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(&hostile(name), &dir);
    prepare(&dir);
    let before = snapshot(&dir);
    let run = check(&dir);
    assert!(!run.stderr.contains("panicked"), "{name}: panicked:\n{}", run.stderr);
    assert_eq!(run.code, Some(2), "{name}: exit code, stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(located), "{name}: `{located}` not in stderr:\n{}", run.stderr);
    assert!(run.stderr.contains(quoted), "{name}: `{quoted}` not quoted in stderr:\n{}", run.stderr);
    assert_eq!(before, snapshot(&dir), "{name}: the folder changed");
    run.stderr
}

fn hostile_test(name: &str, located: &str, quoted: &str) -> String {
    run_hostile(name, |_| {}, located, quoted)
}

#[test]
fn misspelt_field() {
    let err = hostile_test("misspelt-field", "services/log.yaml:3:41", "minuts: 30");
    assert!(err.contains("did you mean `minutes`?"), "{err}");
}

#[test]
fn impossible_date() {
    let err = hostile_test("impossible-date", "services/log.yaml:3:12", "2026-02-30");
    assert!(err.contains("February 2026 has 28 days"), "{err}");
}

#[test]
fn amount_with_a_remark() {
    let err = hostile_test("bad-amount", "iep/2025-09-15.yaml:16:38", "45 minutes, twice weekly (observation)");
    assert!(err.contains("`notes:`"), "{err}");
}

#[test]
fn duplicate_goal_id() {
    let err = hostile_test("duplicate-goal-id", "iep/2025-09-15.yaml:11:9", "- id: G1");
    assert!(err.contains("`G1`"), "{err}");
}

#[test]
fn report_names_a_goal_that_does_not_exist() {
    let err = hostile_test("unknown-goal", "progress/2025-11-14.yaml:6:", "{goal: G3");
    assert!(err.contains("G3"), "{err}");
}

#[test]
fn log_names_an_unknown_service() {
    let err = hostile_test("unknown-service", "services/log.yaml:4:", "service: speach");
    assert!(err.contains("did you mean `speech`?"), "{err}");
}

#[test]
fn check_in_says_maybe() {
    let err = hostile_test("check-in-provided-maybe", "log/check-ins.yaml:4:", "provided: maybe");
    assert!(err.contains("`provided` is one of `yes`, `no` and `partly`"), "{err}");
}

#[test]
fn check_in_names_an_accommodation_no_version_has() {
    let err = hostile_test("check-in-unknown-accommodation", "log/check-ins.yaml:3:", "accommodation: A2");
    assert!(err.contains("the accommodation ids are `A1`"), "{err}");
}

#[test]
fn check_in_before_the_accommodation_was_in_force() {
    let err = hostile_test("check-in-not-in-force", "log/check-ins.yaml:3:", "accommodation: A1");
    assert!(err.contains("`iep-2025` (in force from 2025-09-15)"), "{err}");
}

#[test]
fn check_in_with_a_misspelt_field() {
    let err = hostile_test("check-in-unknown-field", "log/check-ins.yaml:6:5", "unawre: true");
    assert!(err.contains("did you mean `unaware`?"), "{err}");
}

#[test]
fn file_without_kind() {
    hostile_test("missing-kind", "log/home.yaml:1:1", "entries:");
}

#[test]
fn unknown_kind() {
    let err = hostile_test("unknown-kind", "log/home.yaml:1:7", "kind: observation");
    assert!(err.contains("did you mean `observations`?"), "{err}");
}

#[test]
fn binary_garbage() {
    hostile_test("binary-garbage", "scans/report.yaml:2:1", "PNG");
}

#[test]
fn malformed_yaml() {
    // Line 3 leaves its `{` open; the parser finds out at the next entry.
    let err = hostile_test(
        "malformed-yaml",
        "log/communications.yaml:4:5",
        "4 |   - {date: 2025-10-02, with: slp, summary: [unclosed",
    );
    assert!(err.contains("this is not valid YAML") && err.contains("that every `{` and `[` is closed"), "{err}");
}

const ALIAS_LIMIT: &str = "the file repeats `*alias` references too many times";

#[test]
fn alias_bomb() {
    // Every entry has the fields an observation has: what stops the file is
    // the nine-fold repetition, named at the alias that expands most.
    let err = hostile_test("alias-bomb", "log/home.yaml:12:30", "note: *i");
    assert!(err.contains(ALIAS_LIMIT), "{err}");
    assert!(!err.contains("field"), "an alias bomb is not a field problem:\n{err}");
}

#[test]
fn five_thousand_levels_of_nesting() {
    let err = hostile_test("deep-nesting", "log/home.yaml:2:", "[[[[[[[[[[[[");
    assert!(err.contains("too deeply"), "{err}");
}

#[test]
fn two_case_files() {
    let err = hostile_test("two-case-files", "child.yaml:1:7", "kind: case");
    assert!(err.contains("`case.yaml`"), "{err}");
}

#[test]
fn comma_in_one_line_entry() {
    let err = hostile_test("comma-in-text", "log/communications.yaml:3:", "left a message");
    assert!(err.contains("\"Called, left a message\""), "{err}");
}

#[test]
fn symlink_loop_and_an_empty_file() {
    run_hostile(
        "empty-file",
        |dir| {
            #[cfg(unix)]
            std::os::unix::fs::symlink(dir, dir.join("loop")).unwrap();
        },
        "log/home.yaml:1:1",
        "empty",
    );
}

#[test]
fn generated_alias_bomb_and_nesting_at_scale() {
    // Bigger versions of the committed fixtures, generated here.
    let bomb = {
        let mut s = String::from("kind: observations\nentries:\n  - &a0 {date: 2025-10-14, note: lol}\n");
        for i in 1..30 {
            s.push_str(&format!(
                "  - &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        s
    };
    // Ten-fold at each of 29 levels: past u64 the expansions tie, and the
    // first alias that saturates is named.
    let err = run_hostile(
        "alias-bomb",
        |dir| fs::write(dir.join("log/home.yaml"), &bomb).unwrap(),
        "log/home.yaml:23:11",
        "&a20 [*a19",
    );
    assert!(err.contains(ALIAS_LIMIT), "{err}");
    let deep = format!("kind: observations\nentries:\n{}x\n", "- ".repeat(5000));
    run_hostile("deep-nesting", |dir| fs::write(dir.join("log/home.yaml"), &deep).unwrap(), "log/home.yaml:", "- - -");
}
