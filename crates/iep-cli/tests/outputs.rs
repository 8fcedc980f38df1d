//! End to end: one output policy for every command that writes. iep replaces
//! only its own unchanged files; anything else is refused by name unless
//! `--force` (never a case file, a link or a special file); `-o -` is
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
    // Now iep wrote it: a second run replaces it without --force.
    let out = iep_watched(&["deadlines", d, "--as-of", "2026-04-21", "--ics", mine.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));

    // `--ics -`: the calendar alone, on standard output.
    let out = iep_watched(&["deadlines", d, "--as-of", AS_OF, "--ics", "-"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(out.stdout.starts_with(b"BEGIN:VCALENDAR"), "{}", said(&out));
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
