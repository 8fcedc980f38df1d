//! End to end: `iep today` (cli.md, "Recording a day") through a real
//! pseudo-terminal: it asks only on a terminal, records the answers as
//! `iep log` does in one append, and writes nothing unless confirmed.

#![cfg(unix)]

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::{iep_watched, maya_copy, said};

/// A day the sample's amended IEP is in force: speech, reading, OT and
/// social skills.
const TODAY: &str = "2026-04-20";

/// Runs `iep today DIR --as-of TODAY` with a pseudo-terminal as its
/// standard input, output and error, typing `answers` (one line each), and
/// returns what the terminal showed and the exit code.
fn today_on_a_terminal(dir: &Path, answers: &[&str]) -> (String, Option<i32>) {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("a pseudo-terminal");
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let name = name.to_str().unwrap().to_owned();
    let terminal = || fs::OpenOptions::new().read(true).write(true).open(&name).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_iep"))
        .args(["today", dir.to_str().unwrap(), "--as-of", TODAY])
        .env("NO_COLOR", "1")
        .stdin(Stdio::from(terminal()))
        .stdout(Stdio::from(terminal()))
        .stderr(Stdio::from(terminal()))
        .spawn()
        .unwrap();
    let mut master = fs::File::from(master);
    // The terminal keeps typed lines until the program reads them.
    let typed: String = answers.iter().map(|a| format!("{a}\n")).collect();
    master.write_all(typed.as_bytes()).unwrap();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut shown = Vec::new();
        let mut buf = [0u8; 4096];
        // Reading ends with an error (EIO) once the program has closed the terminal.
        while let Ok(n) = master.read(&mut buf) {
            if n == 0 {
                break;
            }
            shown.extend_from_slice(&buf[..n]);
        }
        let _ = send.send(shown);
    });
    // A hang fails the test instead of blocking CI; not a timing assertion.
    let code = match wait_for(&mut child, common::WATCHDOG) {
        Some(code) => code,
        None => {
            let _ = child.kill();
            panic!("iep today did not finish: it hangs");
        }
    };
    let shown = receive.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
    (String::from_utf8_lossy(&shown).replace("\r\n", "\n"), code)
}

fn wait_for(child: &mut std::process::Child, limit: Duration) -> Option<Option<i32>> {
    let start = std::time::Instant::now();
    while start.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return Some(status.code());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn answers_become_one_append_once_confirmed() {
    let (_tmp, dir) = maya_copy();
    let home = dir.join("services/home.yaml");
    let old = fs::read_to_string(&home).unwrap();
    // speech: yes; reading: no, with a reason; OT: a wrong answer, then skip; social: skip;
    // A1: no; A2: partly; A3 to A6: skip; confirm.
    let answers = ["y", "n", "Teacher out sick", "maybe", "s", "", "s", "n", "p", "s", "s", "s", "s", "y"];
    let (shown, code) = today_on_a_terminal(&dir, &answers);
    assert_eq!(code, Some(0), "{shown}");
    assert_eq!(
        fs::read_to_string(&home).unwrap(),
        format!(
            "{old}  - {{date: 2026-04-20, service: speech, minutes: 30, source: parent}}\n  - {{date: 2026-04-20, service: reading, missed: Teacher out sick, source: parent}}\n"
        ),
        "{shown}"
    );
    let check_ins = fs::read_to_string(dir.join("log/check-ins.yaml")).unwrap();
    assert!(
        check_ins.ends_with("  - {date: 2026-04-20, accommodation: A1, provided: no}\n  - {date: 2026-04-20, accommodation: A2, provided: partly}\n"),
        "{check_ins}"
    );
    assert!(shown.contains("Speech-language therapy (speech, 1 x 30 min per week): held?"), "{shown}");
    assert!(shown.contains("Test directions read aloud (A5): given?"), "{shown}");
    assert!(shown.contains("Please answer yes, no, skip."), "{shown}");
    assert!(shown.contains("Write them? [y/N]"), "{shown}");
    assert!(shown.contains("Added to services/home.yaml:"), "{shown}");
}

#[test]
fn nothing_is_written_unless_confirmed() {
    let (_tmp, dir) = maya_copy();
    let home = dir.join("services/home.yaml");
    let old = fs::read(&home).unwrap();
    let (shown, code) = today_on_a_terminal(&dir, &["y", "s", "s", "s", "s", "s", "s", "s", "s", "s", "n"]);
    assert_eq!(code, Some(0), "{shown}");
    assert!(shown.contains("- {date: 2026-04-20, service: speech, minutes: 30, source: parent}"), "{shown}");
    assert!(shown.contains("Nothing was written."), "{shown}");
    assert_eq!(fs::read(&home).unwrap(), old);
}

#[test]
fn without_a_terminal_it_points_to_iep_log() {
    let (_tmp, dir) = maya_copy();
    let out = iep_watched(&["today", dir.to_str().unwrap(), "--as-of", TODAY]);
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(said(&out).contains("`iep log ITEM`"), "{}", said(&out));
}
