//! End to end: one output policy for every command that writes. iep replaces
//! only its own unchanged files in `out/`; anything else is refused by name
//! unless `--force` (never a file in the case outside `out/`, a link or a
//! special file); `-o -` is
//! standard output; a full disk, a kill or two builds at once never leave
//! `out/` in a state later builds refuse to update.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::{iep_watched, maya_copy, run_watched, said};

const AS_OF: &str = "2026-04-20";

fn build(dir: &Path, extra: &[&str]) -> std::process::Output {
    build_as_of(dir, AS_OF, extra)
}

fn build_as_of(dir: &Path, as_of: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", dir.to_str().unwrap(), "--as-of", as_of];
    args.extend_from_slice(extra);
    iep_watched(&args)
}

#[test]
fn deadlines_ics_never_replaces_a_case_file_or_a_users_file() {
    let (tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    for name in ["calendar.yaml", "case.yaml"] {
        let path = dir.join(name);
        let before = fs::read(&path).unwrap();
        for force in [false, true] {
            let mut args = vec!["deadlines", d, "--as-of", AS_OF, "--ics", path.to_str().unwrap()];
            if force {
                args.push("--force");
            }
            let out = iep_watched(&args);
            assert_eq!(out.status.code(), Some(2), "{name} --force={force}: {}", said(&out));
            assert!(said(&out).contains(name), "the message names the file: {}", said(&out));
            assert_eq!(fs::read(&path).unwrap(), before, "{name} was changed");
        }
    }
    // A new .yaml in the case folder would become a case file: refused too.
    let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", dir.join("dates.yaml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(!dir.join("dates.yaml").exists());
    assert!(iep_watched(&["check", d, "--as-of", AS_OF]).status.success(), "the case still loads");

    // The parent's own calendar: refused, then replaced with --force.
    let mine = tmp.path().join("my-calendar.ics");
    fs::write(&mine, "BEGIN:VCALENDAR\nmy own\nEND:VCALENDAR\n").unwrap();
    let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("my-calendar.ics") && said(&out).contains("--force"), "{}", said(&out));
    assert!(fs::read_to_string(&mine).unwrap().contains("my own"));
    let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", mine.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(!fs::read_to_string(&mine).unwrap().contains("my own"));
    // Outside the case nothing is iep's own (issue 22): another day's
    // calendar replaces it only with --force again.
    let written = fs::read(&mine).unwrap();
    let out = iep_watched(&["deadlines", d, "--as-of", "2026-04-21", "--ics", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert_eq!(fs::read(&mine).unwrap(), written);
    let out = iep_watched(&["deadlines", d, "--as-of", "2026-04-21", "--ics", mine.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", said(&out));

    // `--ics -`: the calendar alone, on standard output.
    let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", "-"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(out.stdout.starts_with(b"BEGIN:VCALENDAR"), "{}", said(&out));
}

/// Issue 22: `-o CASE/iep/x.pdf` wrote into the case, and `--force`
/// replaced `CASE/README.md`, `CASE/.gitignore`, a scanned PDF, even
/// `CASE/.git/config`. Inside the case, iep writes only under `out/`.
#[test]
fn o_and_ics_never_write_in_the_case_outside_out() {
    let (_tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    fs::create_dir_all(dir.join(".git")).unwrap();
    fs::write(dir.join(".git/config"), "[core]\n").unwrap();
    fs::write(dir.join("README.md"), "Maya's case\n").unwrap();
    fs::write(dir.join(".gitignore"), "out/\n").unwrap();
    fs::write(dir.join("iep/scan.pdf"), "%PDF the signed IEP\n").unwrap();
    let before = common_listing(&dir);
    let targets = [".git/config", "README.md", ".gitignore", "iep/scan.pdf", "iep/x.pdf", "notes.pdf"];
    let path = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let mut runs: Vec<(&str, Vec<String>)> = Vec::new();
    for name in targets {
        for force in [false, true] {
            let mut args = vec!["deadlines".to_owned(), d.to_owned(), "--ics".to_owned(), path(name)];
            if force {
                args.push("--force".to_owned());
            }
            runs.push((name, args));
        }
    }
    // A PDF takes longer to make: a few of each.
    for (name, force) in [("iep/x.pdf", false), (".git/config", true), ("README.md", true)] {
        let mut args =
            vec!["letter".to_owned(), "records-request".to_owned(), d.to_owned(), "-o".to_owned(), path(name)];
        if force {
            args.push("--force".to_owned());
        }
        runs.push((name, args));
    }
    runs.push(("iep/scan.pdf", vec!["packet".into(), d.into(), "-o".into(), path("iep/scan.pdf"), "--force".into()]));
    for (name, mut args) in runs {
        args.extend(["--as-of".to_owned(), AS_OF.to_owned()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = iep_watched(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", said(&out));
        assert!(said(&out).contains(name) && said(&out).contains("out/"), "{args:?}: {}", said(&out));
    }
    assert_eq!(common_listing(&dir), before, "nothing in the case changed");
    // `out/` itself is still the place.
    let out = iep_watched(&["packet", d, "--as-of", AS_OF, "-o", dir.join("out/mine.pdf").to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
}

/// Every file under `dir` but `out/`, with its bytes.
fn common_listing(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut all = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path == dir.join("out") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                all.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    all.sort();
    all
}

#[test]
fn special_files_are_never_read_nor_replaced_and_nothing_hangs() {
    let (tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    let fifo = tmp.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success());
    let mut targets = vec!["/dev/stdout", "/dev/zero", "/dev/full", "/dev/null"];
    if made {
        targets.push(fifo.to_str().unwrap());
    }
    for target in targets {
        let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", target]);
        assert_eq!(out.status.code(), Some(2), "{target}: {}", said(&out));
        assert!(said(&out).contains(target), "{target}: {}", said(&out));
    }
    // `iep packet -o /dev/stdout | wc -c` used to hang reading its own pipe.
    let out = iep_watched(&["packet", d, "--as-of", AS_OF, "-o", "/dev/stdout"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o -"), "the message says how: {}", said(&out));
    // `-o -` is the way to standard output.
    let out = iep_watched(&["packet", d, "--as-of", AS_OF, "-o", "-"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(out.stdout.starts_with(b"%PDF"), "the PDF is on standard output");
}

#[test]
fn letters_the_parent_changed_or_renamed_are_not_replaced() {
    let (tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    let letter = dir.join(format!("out/{AS_OF}-records-request.pdf"));
    let out = iep_watched(&["letter", "records-request", d, "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", said(&out));
    // Run again: iep's own unchanged letter is replaced.
    let out = iep_watched(&["letter", "records-request", d, "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", said(&out));

    // A renamed copy elsewhere, then annotated: `-o` never replaces it.
    let kept = tmp.path().join("kept.pdf");
    fs::copy(&letter, &kept).unwrap();
    let out = iep_watched(&["packet", d, "--as-of", AS_OF, "-o", kept.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("kept.pdf"), "{}", said(&out));
    assert_eq!(fs::read(&kept).unwrap(), fs::read(&letter).unwrap());

    // The parent annotates the letter in out/: refused by name, even by build.
    let mut annotated = fs::read(&letter).unwrap();
    annotated.extend_from_slice(b"\n% signed and sent on April 21\n");
    fs::write(&letter, &annotated).unwrap();
    let out = iep_watched(&["letter", "records-request", d, "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("records-request.pdf") && said(&out).contains("changed since"), "{}", said(&out));
    assert_eq!(fs::read(&letter).unwrap(), annotated);
    let out = build(&dir, &[]);
    assert!(out.status.success(), "build does not make this letter: {}", said(&out));
    assert_eq!(fs::read(&letter).unwrap(), annotated, "build left the parent's letter alone");
    // --force replaces it.
    let out = iep_watched(&["letter", "records-request", d, "--as-of", AS_OF, "--force"]);
    assert!(out.status.success(), "{}", said(&out));
    assert_ne!(fs::read(&letter).unwrap(), annotated);
}

#[test]
fn a_build_that_could_not_write_an_output_fails_and_says_which() {
    let (_tmp, dir) = maya_copy();
    let out = build(&dir, &[]);
    assert!(out.status.success(), "{}", said(&out));
    fs::write(dir.join("out/report.pdf"), b"the parent's notes").unwrap();
    let out = build(&dir, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("report.pdf") && stderr.contains("could not be written"), "{stderr}");
    assert_eq!(fs::read(dir.join("out/report.pdf")).unwrap(), b"the parent's notes");
    let out = build(&dir, &["--force"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(fs::read(dir.join("out/report.pdf")).unwrap().starts_with(b"%PDF"));
}

/// `ulimit -f` in a shell: every file the build writes may hold only 100
/// blocks, so the PDFs do not fit. With SIGXFSZ ignored the writes fail (a
/// full disk); without, the process is killed in the middle of a write.
fn build_with_file_size_limit(dir: &Path, killed: bool) -> std::process::Output {
    let trap = if killed { "" } else { "trap '' XFSZ; " };
    // A later date than the first build's, so that every file changes.
    let script = format!("{trap}ulimit -f 100; exec \"$0\" build \"$1\" --as-of 2026-04-21");
    run_watched(Command::new("sh").arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_iep")).arg(dir))
}

#[test]
fn a_full_disk_or_a_kill_never_blocks_later_builds() {
    for killed in [false, true] {
        let (_tmp, dir) = maya_copy();
        // A first build, so that there are files to replace.
        assert!(build(&dir, &[]).status.success());
        let out = build_with_file_size_limit(&dir, killed);
        assert!(
            !out.status.success(),
            "killed={killed}: a build that could not write must not succeed: {}",
            said(&out)
        );
        if !killed {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("could not be written") && stderr.contains("packet.pdf"), "{stderr}");
        }
        // The next build updates everything: nothing is "NOT WRITTEN".
        let out = build_as_of(&dir, "2026-04-22", &[]);
        assert!(out.status.success(), "killed={killed}: {}", said(&out));
        assert!(!said(&out).contains("NOT WRITTEN"), "killed={killed}: {}", said(&out));
        let leftovers: Vec<_> = fs::read_dir(dir.join("out"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn two_builds_at_once_leave_out_usable() {
    let (_tmp, dir) = maya_copy();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_iep"))
            .args(["build", dir.to_str().unwrap(), "--as-of", AS_OF])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for out in [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()] {
        // Each either built, or was told another build was writing.
        assert!(
            out.status.success() || String::from_utf8_lossy(&out.stderr).contains("another iep command is writing"),
            "{}",
            said(&out)
        );
    }
    let out = build(&dir, &[]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(!said(&out).contains("NOT WRITTEN"), "{}", said(&out));
}

#[cfg(unix)]
#[test]
fn nothing_is_written_through_a_link_that_leaves_the_case() {
    let (tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    // --record through a linked letters/ folder.
    let elsewhere = tmp.path().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::rename(dir.join("letters"), elsewhere.join("letters")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("letters"), dir.join("letters")).unwrap();
    let before: Vec<_> = fs::read_dir(elsewhere.join("letters")).unwrap().collect();
    let out = iep_watched(&["letter", "records-request", d, "--as-of", AS_OF, "--record"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("letters") && said(&out).contains("link"), "{}", said(&out));
    assert_eq!(fs::read_dir(elsewhere.join("letters")).unwrap().count(), before.len(), "nothing was added");
    // The linked folder is named by `check`, not skipped silently.
    let out = iep_watched(&["check", d, "--as-of", AS_OF]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("letters"), "{}", said(&out));

    // `out/` as a link: nothing is written.
    let (tmp, dir) = maya_copy();
    let target = tmp.path().join("somewhere");
    fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("out")).unwrap();
    let out = build(&dir, &[]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert_eq!(fs::read_dir(&target).unwrap().count(), 0);
}

#[cfg(unix)]
#[test]
fn a_linked_template_is_not_read() {
    let (tmp, dir) = maya_copy();
    let secret = tmp.path().join("secret.typ.j2");
    fs::write(&secret, "SECRET-FROM-OUTSIDE-THE-CASE\n").unwrap();
    fs::create_dir_all(dir.join("templates/letters")).unwrap();
    std::os::unix::fs::symlink(&secret, dir.join("templates/letters/records-request.typ.j2")).unwrap();
    let target = tmp.path().join("letter.pdf");
    let out = iep_watched(&[
        "letter",
        "records-request",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("records-request.typ.j2") && stderr.contains("link"), "{stderr}");
    let text = common::pdf::pdf_text(&fs::read(&target).unwrap());
    assert!(!text.contains("SECRET"), "{text}");
    assert!(common::no_ws(&text).contains("educationrecords"), "the shipped template was used: {text}");
}

/// Issue 22: a build that fails (here a broken template override) removed
/// `packet.pdf` as "no longer made". Stale outputs go only after a build
/// that succeeded; the last good packet stays.
#[test]
fn a_failed_build_keeps_the_last_good_outputs() {
    let (_tmp, dir) = maya_copy();
    let out = build(&dir, &[]);
    assert!(out.status.success(), "{}", said(&out));
    let packet = fs::read(dir.join("out/packet.pdf")).unwrap();
    let letters: Vec<String> = fs::read_dir(dir.join("out"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    assert!(letters.len() > 2, "the sample's build writes letters: {letters:?}");

    fs::create_dir_all(dir.join("templates")).unwrap();
    fs::write(dir.join("templates/packet.typ.j2"), "{% if %}\n").unwrap();
    let out = build_as_of(&dir, "2026-04-21", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("packet.pdf"), "{}", said(&out));
    assert!(!said(&out).contains("removed"), "{}", said(&out));
    assert_eq!(fs::read(dir.join("out/packet.pdf")).unwrap(), packet, "the last good packet is kept");
    for name in &letters {
        assert!(dir.join("out").join(name).exists(), "{name} was removed");
    }

    // Once the build succeeds again, the packet is made again.
    fs::remove_dir_all(dir.join("templates")).unwrap();
    let out = build_as_of(&dir, "2026-04-21", &[]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(!said(&out).contains("NOT WRITTEN"), "{}", said(&out));
}

/// Issue 22: `letter -o - >&-` exited 0 and said "Wrote standard output"
/// for a letter that went nowhere. Standard output closed or full: exit 2,
/// one error line, never a panic.
#[cfg(unix)]
#[test]
fn documents_to_a_closed_or_full_standard_output_fail() {
    let (_tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    let runs: [&[&str]; 3] = [
        &["letter", "records-request", d, "--as-of", AS_OF, "-o", "-"],
        &["packet", d, "--as-of", AS_OF, "-o", "-"],
        &["deadlines", d, "--as-of", AS_OF, "--ics", "-"],
    ];
    for args in runs {
        for redirect in [">&-", ">/dev/full"] {
            let script = format!("exec \"$0\" \"$@\" {redirect}");
            let out = run_watched(Command::new("sh").arg("-c").arg(script).arg(env!("CARGO_BIN_EXE_iep")).args(args));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {redirect}: {stderr}");
            assert!(!stderr.contains("Wrote") && !stderr.contains("panicked"), "{args:?} {redirect}: {stderr}");
            let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
            assert_eq!(errors.len(), 1, "{args:?} {redirect}: {stderr}");
            assert!(errors[0].contains("standard output"), "{args:?} {redirect}: {stderr}");
        }
    }
}
