//! The output policy, as a property: whatever is in `out/` and at `-o`
//! before a run, a file iep did not write, or that changed since, is never
//! altered without `--force`; nothing in the case folder outside `out/` is
//! ever written, and a file outside the case is never iep's own.

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

/// The places a command may be asked to write, from the folder holding the
/// case: in `out/`, outside the case, and elsewhere in the case (its files,
/// whose "before" is always the parent's own text).
const SLOTS: [&str; 7] = [
    "case/out/packet.pdf",
    "case/out/2026-04-20-records-request.pdf",
    "kept/kept.pdf",
    "case/case.yaml",
    "case/notes/plan.yaml",
    "case/notes/scan.pdf",
    "case/README.md",
];

/// Where a slot is, for the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Out,
    OutsideCase,
    CaseFile,
}

fn place(slot: &str) -> Place {
    if slot.starts_with("case/out/") {
        Place::Out
    } else if slot.starts_with("case/") {
        Place::CaseFile
    } else {
        Place::OutsideCase
    }
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

/// Whether a run may replace what `state` left at `slot`.
fn replaceable(slot: &str, state: Before, force: bool) -> bool {
    match place(slot) {
        Place::CaseFile => false,
        Place::Out => {
            matches!(state, Before::Absent | Before::Ours)
                || (force && matches!(state, Before::OursChanged | Before::Theirs))
        }
        // Outside the case nothing is iep's own: only --force replaces.
        Place::OutsideCase => {
            state == Before::Absent || (force && matches!(state, Before::Ours | Before::OursChanged | Before::Theirs))
        }
    }
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
        fs::create_dir_all(tmp.path().join("kept")).unwrap();
        fs::create_dir_all(case.join("notes")).unwrap();
        fs::create_dir_all(case.join("out")).unwrap();
        fs::write(&elsewhere, "the parent's file elsewhere").unwrap();

        for (slot, state) in SLOTS.iter().zip(&states) {
            let path = tmp.path().join(slot);
            if place(slot) == Place::CaseFile {
                // The case's own files are always there.
                fs::write(&path, "the parent's own case file").unwrap();
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
            .map(|(slot, _)| (tmp.path().join(slot), b"new bytes".as_slice(), Origin::Other))
            .collect();
        let mut out = Outputs::open(&case, force).unwrap();
        let results = out.write_all(&requested);
        drop(out);
        let end = snapshot(tmp.path());

        let slot_of = |path: &Path| path.strip_prefix(tmp.path()).ok().and_then(|p| p.to_str()).unwrap_or("").to_owned();
        let state_of = |slot: &str| SLOTS.iter().position(|s| *s == slot).map(|i| states[i]);
        for ((path, _, _), result) in requested.iter().zip(&results) {
            let slot = slot_of(path);
            let state = state_of(&slot).unwrap();
            if replaceable(&slot, state, force) {
                prop_assert!(matches!(result, Written::New | Written::Replaced), "{}: {:?}", slot, result);
                prop_assert_eq!(fs::read(path).unwrap(), b"new bytes");
            } else {
                // Refused, by name.
                let name = Path::new(&slot).file_name().unwrap().to_str().unwrap().to_owned();
                prop_assert!(matches!(result, Written::Refused(why) if why.contains(&name)), "{}: {:?}", slot, result);
            }
        }
        // Every other path is exactly as it was: only the replaceable
        // targets (and new files) differ.
        for (path, what) in &start {
            let slot = slot_of(path);
            let requested_here = requested.iter().any(|(p, _, _)| p == path);
            let may_change = requested_here && state_of(&slot).is_some_and(|state| replaceable(&slot, state, force));
            if !may_change {
                prop_assert_eq!(end.get(path), Some(what), "{} changed", path.display());
            }
        }
        // A second run replaces, without --force, what this one wrote in
        // `out/`, and nothing it wrote outside the case.
        let again: Vec<(PathBuf, &[u8], Origin)> = requested
            .iter()
            .zip(&results)
            .filter(|(_, r)| matches!(r, Written::New | Written::Replaced))
            .map(|((p, _, o), _)| (p.clone(), b"newer bytes".as_slice(), *o))
            .collect();
        let mut out = Outputs::open(&case, false).unwrap();
        for ((path, _, _), result) in again.iter().zip(out.write_all(&again)) {
            if place(&slot_of(path)) == Place::Out {
                prop_assert_eq!(result, Written::Replaced);
            } else {
                prop_assert!(matches!(result, Written::Refused(_)), "{}: {:?}", path.display(), result);
            }
        }
    }
}

/// A manifest in `out/` that names a file outside it (a case folder someone
/// shared can carry one) never lets iep replace that file without --force.
#[test]
fn a_manifest_line_naming_a_file_outside_out_proves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    fs::create_dir_all(case.join("out")).unwrap();
    let theirs = tmp.path().join("thesis.pdf");
    fs::write(&theirs, b"years of work").unwrap();
    let line = format!("{} other {}\n", checksum(b"years of work"), theirs.display());
    fs::write(case.join("out").join(MANIFEST), line).unwrap();
    let mut out = Outputs::open(&case, false).unwrap();
    assert!(matches!(out.write(&theirs, b"a letter", Origin::Other), Written::Refused(_)));
    assert_eq!(fs::read(&theirs).unwrap(), b"years of work");
    drop(out);
    let mut out = Outputs::open(&case, true).unwrap();
    assert_eq!(out.write(&theirs, b"a letter", Origin::Other), Written::Replaced, "--force replaces it");
}

/// `-o` naming a place in the case outside `out/` is refused even with
/// --force, whether the file exists or not, and however the path is written.
#[cfg(unix)]
#[test]
fn nothing_in_the_case_outside_out_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let case = tmp.path().join("case");
    fs::create_dir_all(case.join(".git")).unwrap();
    fs::create_dir_all(case.join("iep")).unwrap();
    fs::write(case.join(".git/config"), b"[core]").unwrap();
    std::os::unix::fs::symlink(&case, tmp.path().join("alias")).unwrap();
    let targets = [
        case.join("iep/x.pdf"),
        case.join(".git/config"),
        case.join("README.md"),
        case.join("out/../iep/y.pdf"),
        case.join("new-folder/z.pdf"),
        tmp.path().join("alias/iep/w.pdf"),
    ];
    for force in [false, true] {
        let mut out = Outputs::open(&case, force).unwrap();
        for target in &targets {
            let result = out.write(target, b"bytes", Origin::Other);
            assert!(
                matches!(&result, Written::Refused(why) if why.contains("only under `out/`")),
                "{} --force={force}: {result:?}",
                target.display()
            );
        }
    }
    assert_eq!(fs::read(case.join(".git/config")).unwrap(), b"[core]");
    assert!(!case.join("iep/x.pdf").exists() && !case.join("README.md").exists());
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
