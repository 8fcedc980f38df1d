//! End to end: what reaches the terminal and the page. Control characters
//! from case text are shown escaped; a closed pipe ends quietly; any other
//! failed write to standard output is an error; a very long word breaks on
//! the page; messages name a NUL byte, a missing repository, a missing git
//! and a case folder a revision did not have, and never an option iep lacks.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{git, iep_watched, maya_copy, run_watched, said};

const AS_OF: &str = "2026-04-20";

fn replace_in(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn control_characters_from_case_text_are_shown_escaped() {
    let (_tmp, dir) = maya_copy();
    // YAML's own escapes: ESC (clear the screen, retitle the window), BEL, BS.
    replace_in(
        &dir.join("iep/2026-02-09.yaml"),
        "service: Speech-language therapy",
        "service: \"Speech\\e[2J\\e]0;pwned\\a\\b therapy\"",
    );
    let d = dir.to_str().unwrap();
    for args in
        [vec!["check", d, "--as-of", AS_OF], vec!["services", d, "--as-of", AS_OF], vec!["diff", d, "--as-of", AS_OF]]
    {
        let out = iep_watched(&args);
        assert!(out.status.code().is_some_and(|c| c < 2), "{args:?}: {}", said(&out));
        let controls: Vec<u8> =
            out.stdout.iter().copied().filter(|b| *b < 0x20 && *b != b'\n' && *b != b'\t').collect();
        assert!(controls.is_empty(), "{args:?}: control bytes {controls:?} reached the terminal:\n{}", said(&out));
        let stdout = String::from_utf8_lossy(&out.stdout);
        if args[0] == "services" {
            assert!(stdout.contains("Speech\\u{1b}[2J"), "{args:?}: shown escaped:\n{stdout}");
        }
    }
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let (_tmp, dir) = maya_copy();
    for command in ["check", "services", "deadlines", "progress"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iep"))
            .args([command, dir.to_str().unwrap(), "--as-of", AS_OF])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before iep writes anything (`| head -0`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{command}: {}", said(&out));
        assert!(out.stderr.is_empty(), "{command}: {}", said(&out));
    }
}

#[test]
fn a_failed_write_to_standard_output_is_an_error() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let (_tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    for args in
        [vec!["check", d, "--as-of", AS_OF], vec!["build", d, "--as-of", AS_OF], vec!["check", d, "--format", "json"]]
    {
        let full = fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let child =
            Command::new(env!("CARGO_BIN_EXE_iep")).args(&args).stdout(full).stderr(Stdio::piped()).spawn().unwrap();
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", said(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr.lines().last().unwrap_or_default();
        assert!(last.starts_with("error: could not write to standard output:"), "{args:?}: {stderr}");
        assert_eq!(stderr.matches("standard output").count(), 1, "said once: {stderr}");
    }
}

#[test]
fn a_very_long_word_breaks_on_the_page_in_tables_too() {
    let (tmp, dir) = maya_copy();
    let word = format!("Speech{}", "x".repeat(200));
    for file in ["iep/2025-09-15.yaml", "iep/2026-02-09.yaml"] {
        replace_in(&dir.join(file), "service: Speech-language therapy", &format!("service: {word}"));
    }
    let target = tmp.path().join("packet.pdf");
    let out = iep_watched(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", said(&out));
    let text = common::pdf::pdf_text(&fs::read(&target).unwrap());
    let longest = text.lines().flat_map(|l| l.split(|c: char| c != 'x')).map(str::len).max().unwrap_or(0);
    // On one line at most what fits in the text width (about 90 characters
    // of 11 pt), never the whole 200.
    assert!(longest < 120, "a run of {longest} x on one line runs past the margin");
    assert!(text.matches('x').count() >= 200, "the word is all there");
    assert!(!text.contains('\u{200b}'), "the break opportunities are not in the copied text");
}

#[test]
fn a_nul_byte_is_named_with_its_line_and_column() {
    let (_tmp, dir) = maya_copy();
    let path = dir.join("letters/2026-02-12-records-request.yaml");
    let text = fs::read_to_string(&path).unwrap().replace("via: email", "via: em\0ail");
    fs::write(&path, text).unwrap();
    let out = iep_watched(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("letters/2026-02-12-records-request.yaml:6:8"), "{stderr}");
    assert!(stderr.contains("NUL"), "{stderr}");
    assert!(!stderr.contains("empty"), "{stderr}");
}

fn has_git() -> bool {
    Command::new("git").arg("--version").output().is_ok_and(|o| o.status.success())
}

#[test]
fn diff_rev_says_what_is_missing_in_plain_words() {
    let (tmp, dir) = maya_copy();
    let d = dir.to_str().unwrap();
    // No repository (and none above: git stops looking at the temporary folder).
    let out = run_watched(
        Command::new(env!("CARGO_BIN_EXE_iep"))
            .args(["diff", d, "--rev", "HEAD"])
            .env("GIT_CEILING_DIRECTORIES", tmp.path()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    if has_git() {
        assert!(said(&out).contains("not a git repository"), "{}", said(&out));
    }
    // No git.
    let empty = tempfile::tempdir().unwrap();
    let out = run_watched(
        Command::new(env!("CARGO_BIN_EXE_iep")).args(["diff", d, "--rev", "HEAD"]).env("PATH", empty.path()),
    );
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("git is not installed"), "{}", said(&out));

    if !has_git() {
        return;
    }
    // A revision from before the case folder was added.
    let repo = tmp.path();
    fs::write(repo.join("README"), "cases\n").unwrap();
    git(repo, &["init", "-q"]);
    git(repo, &["add", "README"]);
    git(repo, &["commit", "-q", "-m", "first"]);
    git(repo, &["tag", "before"]);
    git(repo, &["add", "maya"]);
    git(repo, &["commit", "-q", "-m", "the case"]);
    let out = run_watched(Command::new(env!("CARGO_BIN_EXE_iep")).args(["diff", d, "--rev", "before"]));
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("the case folder did not exist at before"), "{}", said(&out));
    assert!(!said(&out).contains("fatal:"), "{}", said(&out));
}

#[test]
fn typst_hints_never_name_options_iep_does_not_have() {
    let (_tmp, dir) = maya_copy();
    fs::create_dir_all(dir.join("templates/letters")).unwrap();
    fs::write(
        dir.join("templates/letters/records-request.typ.j2"),
        "{% extends \"letter.typ.j2\" %}\n{% block request %}#read(\"../../../etc/passwd\"){% endblock %}\n",
    )
    .unwrap();
    let out = iep_watched(&["letter", "records-request", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", "-"]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("escape"), "Typst's own message is kept: {stderr}");
    assert!(!stderr.contains("--root"), "{stderr}");
    assert!(stderr.contains("templates folder"), "iep's own hint: {stderr}");
}
