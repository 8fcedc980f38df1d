//! The output policy, as a property: whatever is in `out/` and at `-o`
//! before a run, a file iep did not write, or that changed since, is never
//! altered (with `--force`: never a case file, a link or a special file).

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;

/// What is at a path before the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    Absent,
    /// Written by iep, unchanged since.
    Ours,
    /// Written by iep, then edited by the parent.
    OursChanged,
    /// The parent's own file.
    Theirs,
    /// A link to the parent's file elsewhere.
    Link,
    /// A folder.
    Folder,
}

fn before() -> impl Strategy<Value = Before> {
    prop_oneof![
        Just(Before::Absent),
        Just(Before::Ours),
        Just(Before::OursChanged),
        Just(Before::Theirs),
        Just(Before::Link),
        Just(Before::Folder),
    ]
}

/// The places a command may be asked to write: in `out/`, elsewhere, and
/// case files (whose "before" is always the case's own text).
const SLOTS: [&str; 5] =
    ["out/packet.pdf", "out/2026-04-20-records-request.pdf", "kept/kept.pdf", "case.yaml", "notes/plan.yaml"];

fn is_case_file(slot: &str) -> bool {
    slot.ends_with(".yaml")
}

/// Every file and link under `dir` (not `out/`'s bookkeeping): path → what it is.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut all = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(".iep-") {
                continue;
            }
            let kind = entry.file_type().unwrap();
            let what = if kind.is_symlink() {
                format!("link to {}", fs::read_link(&path).unwrap().display())
            } else if kind.is_dir() {
                stack.push(path.clone());
                "folder".to_owned()
            } else {
                String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned()
            };
            all.insert(path, what);
        }
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn nothing_iep_did_not_write_or_that_changed_is_altered(
        states in proptest::collection::vec(before(), SLOTS.len()),
        targets in proptest::collection::vec(any::<bool>(), SLOTS.len()),
        force in any::<bool>(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let case = tmp.path().join("case");
        let elsewhere = tmp.path().join("elsewhere.pdf");
        fs::create_dir_all(case.join("kept")).unwrap();
        fs::create_dir_all(case.join("notes")).unwrap();
        fs::create_dir_all(case.join("out")).unwrap();
        fs::write(&elsewhere, "the parent's file elsewhere").unwrap();
        // The case files are always there.
        fs::write(case.join("case.yaml"), "kind: case\n").unwrap();
        fs::write(case.join("notes/plan.yaml"), "kind: observations\n").unwrap();


        for (slot, state) in SLOTS.iter().zip(&states) {
            let path = case.join(slot);
            if is_case_file(slot) {
                continue;
            }
            match state {
                Before::Absent => {}
                Before::Ours | Before::OursChanged => {
                    let mut out = Outputs::open(&case, false).unwrap();
                    prop_assert_eq!(out.write(&path, b"iep wrote this", Origin::Other), Written::New);
                    if *state == Before::OursChanged {
                        fs::write(&path, "iep wrote this, with the parent's notes").unwrap();
                    }
                }
                Before::Theirs => fs::write(&path, "the parent's own").unwrap(),
                Before::Link => std::os::unix::fs::symlink(&elsewhere, &path).unwrap(),
                Before::Folder => fs::create_dir_all(path.join("inside")).unwrap(),
            }
        }
        let start = snapshot(tmp.path());

        let requested: Vec<(PathBuf, &[u8], Origin)> = SLOTS
            .iter()
            .zip(&targets)
            .filter(|(_, t)| **t)
            .map(|(slot, _)| (case.join(slot), b"new bytes".as_slice(), Origin::Other))
            .collect();
        let mut out = Outputs::open(&case, force).unwrap();
        let results = out.write_all(&requested);
        drop(out);
        let end = snapshot(tmp.path());

        for ((path, _, _), result) in requested.iter().zip(&results) {
            let slot = path.strip_prefix(&case).unwrap().to_str().unwrap();
            let state = states[SLOTS.iter().position(|s| *s == slot).unwrap()];
            let replaceable = !is_case_file(slot)
                && (state == Before::Absent
                    || state == Before::Ours
                    || (force && matches!(state, Before::OursChanged | Before::Theirs)));
            if replaceable {
                prop_assert!(matches!(result, Written::New | Written::Replaced), "{}: {:?}", slot, result);
                prop_assert_eq!(fs::read(path).unwrap(), b"new bytes");
            } else {
                // Refused, by name.
                prop_assert!(matches!(result, Written::Refused(why) if why.contains(slot)), "{}: {:?}", slot, result);
            }
        }
        // Every other path is exactly as it was: only the replaceable
        // targets (and new files) differ.
        for (path, what) in &start {
            let slot = path.strip_prefix(&case).ok().and_then(|p| p.to_str()).unwrap_or("");
            let requested_here = requested.iter().any(|(p, _, _)| p == path);
            let state = SLOTS.iter().position(|s| *s == slot).map(|i| states[i]);
            let may_change = requested_here
                && !is_case_file(slot)
                && (state == Some(Before::Ours) || (force && matches!(state, Some(Before::OursChanged | Before::Theirs))));
            if !may_change {
                prop_assert_eq!(end.get(path), Some(what), "{} changed", path.display());
            }
        }
        // A second run can replace everything this one wrote.
        let again: Vec<(PathBuf, &[u8], Origin)> = requested
            .iter()
            .zip(&results)
            .filter(|(_, r)| matches!(r, Written::New | Written::Replaced))
            .map(|((p, _, o), _)| (p.clone(), b"newer bytes".as_slice(), *o))
            .collect();
        let mut out = Outputs::open(&case, false).unwrap();
        for result in out.write_all(&again) {
            prop_assert_eq!(result, Written::Replaced);
        }

    }
}

/// A run cut short after the journal was saved and before the rename (a
/// kill, a full disk) leaves the old file, which the next run still replaces.
#[test]
fn an_interrupted_write_does_not_block_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path();
    let path = case.join("out/report.pdf");
    let mut out = Outputs::open(case, false).unwrap();
    assert_eq!(out.write(&path, b"first", Origin::Build), Written::New);
    // What the journal holds between saving and renaming.
    out.manifest.get_mut("report.pdf").unwrap().sums.insert(checksum(b"second"));
    out.save_manifest().unwrap();
    drop(out);
    // A temporary the killed run left behind.
    fs::write(case.join("out/.iep-abc123.tmp"), b"half").unwrap();

    let mut out = Outputs::open(case, false).unwrap();
    assert!(!case.join("out/.iep-abc123.tmp").exists(), "leftover temporaries are removed");
    assert_eq!(out.write(&path, b"third", Origin::Build), Written::Replaced);
    // Had the rename happened, the new bytes are accepted too.
    fs::write(&path, b"second").unwrap();
    out.manifest.get_mut("report.pdf").unwrap().sums.insert(checksum(b"second"));
    assert_eq!(out.write(&path, b"fourth", Origin::Build), Written::Replaced);
}

/// Two commands never write into one `out/` at once.
#[test]
fn out_is_locked_while_a_command_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let first = Outputs::open(tmp.path(), false).unwrap();
    let second = Outputs::open(tmp.path(), false).err().expect("the second is refused");
    assert!(second.0.contains("another iep command is writing"), "{}", second.0);
    drop(first);
    assert!(Outputs::open(tmp.path(), false).is_ok());
}

#[test]
fn a_case_file_that_changed_meanwhile_is_not_replaced() {
    let case = tempfile::tempdir().unwrap();
    fs::create_dir(case.path().join("services")).unwrap();
    let file = case.path().join("services/home.yaml");
    fs::write(&file, "edited meanwhile\n").unwrap();
    let refused = replace_case_file(case.path(), "services/home.yaml", Some(b"as read\n"), b"as read\nnew\n");
    assert!(refused.is_err_and(|Failure(e)| e.contains("changed while iep was working")));
    assert_eq!(fs::read_to_string(&file).unwrap(), "edited meanwhile\n");
    // A file made meanwhile where iep meant to make one is kept too.
    let refused = replace_case_file(case.path(), "services/home.yaml", None, b"new\n");
    assert!(refused.is_err());
    assert_eq!(fs::read_to_string(&file).unwrap(), "edited meanwhile\n");
    // Unchanged: replaced, and no temporary file is left behind.
    replace_case_file(case.path(), "services/home.yaml", Some(b"edited meanwhile\n"), b"edited meanwhile\nnew\n")
        .unwrap();
    assert_eq!(fs::read_to_string(&file).unwrap(), "edited meanwhile\nnew\n");
    assert_eq!(fs::read_dir(case.path().join("services")).unwrap().count(), 1);
    // A folder iep made for a file it then could not write is removed again.
    let link_target = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(link_target.path(), case.path().join("log")).unwrap();
    assert!(replace_case_file(case.path(), "log/check-ins.yaml", None, b"x\n").is_err());
    assert_eq!(fs::read_dir(link_target.path()).unwrap().count(), 0);
}
