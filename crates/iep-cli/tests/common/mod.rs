//! Helpers shared by the end-to-end tests: the sample case, copies of it,
//! running the binary, and reading a PDF's text back.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The generator's tests read PDFs the same way.
#[allow(unused_imports)] // Not every test file reads PDFs.
pub use iep_testkit::pdf_text as pdf;

pub fn maya() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya")
}

/// Every letter type `iep letter` writes.
pub const LETTER_TYPES: [&str; 12] = [
    "meeting-request",
    "data-request",
    "records-request",
    "evaluation-request",
    "pwn-request",
    "objection",
    "draft-request",
    "services-concern",
    "follow-up",
    "iee-request",
    "mediation-request",
    "state-complaint",
];

/// The fictional cases of the letter tests (`tests/letters/`).
pub fn letter_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/letters")
}

/// A letter test's case: the base case with the variant's files laid over it.
pub fn letter_case(variant: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(variant);
    copy_case(&letter_fixtures().join("base"), &dir);
    copy_case(&letter_fixtures().join(variant), &dir);
    (tmp, dir)
}

/// Every file below `dir` with its bytes, to show a command changed nothing.
pub fn folder_bytes(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// Copies the case folder (without any `out/`) to `dest`.
pub fn copy_case(from: &Path, dest: &Path) {
    fs::create_dir_all(dest).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "out" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_case(&path, &dest.join(&name));
        } else {
            fs::copy(&path, dest.join(&name)).unwrap();
        }
    }
}

/// A fresh copy of maya in a temporary folder.
pub fn maya_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("maya");
    copy_case(&maya(), &dir);
    (tmp, dir)
}

pub fn iep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iep")).args(args).output().unwrap()
}

/// Text without any whitespace: what survives line wrapping and the spacing
/// quirks of PDF text extraction.
pub fn no_ws(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A hang fails the test instead of blocking CI; not a timing assertion.
pub const WATCHDOG: std::time::Duration = std::time::Duration::from_secs(120);

/// Runs `command` to its end and returns what it printed; if it has not ended
/// after [`WATCHDOG`], kills it and fails the test (it hung).
pub fn run_watched(command: &mut Command) -> Output {
    let child = command
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = send.send(child.wait_with_output());
    });
    match receive.recv_timeout(WATCHDOG) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("{command:?} did not finish within {WATCHDOG:?}: it hangs");
        }
    }
}

/// `iep ARGS`, watched.
pub fn iep_watched(args: &[&str]) -> Output {
    run_watched(Command::new(env!("CARGO_BIN_EXE_iep")).args(args))
}

/// Standard output and standard error together, for messages.
pub fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// Runs git in `repo` as a test user (no signing, no global identity needed).
pub fn git(repo: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["-c", "commit.gpgsign=false", "-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}
