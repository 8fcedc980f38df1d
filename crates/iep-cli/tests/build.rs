//! End to end: `iep build` and `iep packet` on a temporary copy of
//! cases/maya, read back with a real PDF parser. Nothing is written into the
//! repository's own cases/maya.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Output;

mod common;
use common::{iep, maya, maya_copy, no_ws};

const AS_OF: &str = "2026-04-20";

fn build(dir: &Path) -> Output {
    let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(
        out.status.success(),
        "iep build failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn pdf_text(path: &Path) -> String {
    common::pdf::pdf_text(&fs::read(path).expect("the PDF exists"))
}

fn assert_shows(text: &str, needle: &str, what: &str) {
    assert!(
        no_ws(text).contains(&no_ws(needle)),
        "{what}: {needle:?} is not in the text:\n{}",
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    );
}

/// The text from the heading `from` up to the heading `to`.
fn between(text: &str, from: &str, to: &str) -> String {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in the text"));
    let end = text[start..].find(to).map_or(text.len(), |at| start + at);
    text[start..end].to_owned()
}

fn findings(dir: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(dir.join("out/findings.json")).unwrap()).unwrap()
}

/// Every file of `out/`, by name.
fn out_files(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect()
}

#[test]
fn build_writes_report_packet_letters_calendar_and_findings() {
    let (_tmp, dir) = maya_copy();
    let out = build(&dir);
    let stdout = String::from_utf8_lossy(&out.stdout);

    let files = out_files(&dir);
    for name in ["report.pdf", "packet.pdf", "deadlines.ics", "findings.json", ".iep-build"] {
        assert!(files.contains(name), "out/{name} is missing; out/ holds {files:?}");
    }
    // One letter per distinct `letter` of the findings, and no other.
    let json = findings(&dir);
    let called: BTreeSet<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["letter"].as_str())
        .map(|t| format!("letter-{t}.pdf"))
        .collect();
    let letters: BTreeSet<String> = files.iter().filter(|f| f.starts_with("letter-")).cloned().collect();
    assert_eq!(letters, called);
    // It says what it wrote.
    for name in files.iter().filter(|f| !f.starts_with('.')) {
        assert!(stdout.contains(name.as_str()), "the output does not name {name}:\n{stdout}");
    }
    // findings.json is exactly what `iep check --format json` prints.
    let check = iep(&["check", dir.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"]);
    assert_eq!(fs::read(dir.join("out/findings.json")).unwrap(), check.stdout);
    assert_eq!(json["as_of"], AS_OF);
    assert_eq!(json["case"], "maya");
    // The calendar is one.
    let ics = fs::read_to_string(dir.join("out/deadlines.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    // Every PDF parses.
    for name in files.iter().filter(|f| f.ends_with(".pdf")) {
        assert!(!pdf_text(&dir.join("out").join(name)).trim().is_empty(), "{name} has no text");
    }
}

#[test]
fn packet_holds_goals_changes_missed_sessions_requests_and_questions() {
    let (_tmp, dir) = maya_copy();
    build(&dir);
    let text = pdf_text(&dir.join("out/packet.pdf"));

    // Cover: no meeting is recorded after the as-of date.
    assert_shows(&text, "Maya Alvarez", "cover");
    assert_shows(&text, "date to be set", "cover");
    // Each goal, with its chart's numbers and the projection.
    for goal in [
        "The goal in Speech - articulation",
        "The goal in Reading - fluency",
        "The goal in Social - peer interaction",
        "The goal in Written expression",
    ] {
        assert_shows(&text, goal, "progress");
    }
    assert_shows(&text, "Maya continues to work hard on her speech sounds.", "the narrative beside the chart");
    assert_shows(&text, "not on pace", "progress");
    // Each change nobody agreed to: was, is, and "No".
    assert_shows(&text, "Speech-language therapy", "changes");
    assert_shows(&text, "2 x 30 min per week (60 min)", "changes: speech was");
    assert_shows(&text, "1 x 30 min per week (30 min)", "changes: speech is");
    assert_shows(&text, "Extended time on tests and quizzes when appropriate", "changes: A1 is");
    assert_shows(&text, "Specialized reading instruction", "changes: reading");
    assert_shows(&text, "The goal in Social - peer interaction", "changes: G3");
    assert_shows(&text, "Nobody: I did not sign it, and no meeting agreed to it.", "changes: agreement");
    // "My concerns" says each item once: a change neither agreed nor
    // noticed is one concern, a service's owed minutes one sentence.
    let concerns = between(&text, "My concerns", "Changes since the last annual IEP");
    let speech_change = "Speech-language therapy went from";
    assert_eq!(no_ws(&concerns).matches(&no_ws(speech_change)).count(), 1, "{concerns}");
    assert_shows(
        &concerns,
        "I did not agree to this change, and no prior written notice was given for it.",
        "concerns: one per change",
    );
    assert_shows(
        &concerns,
        "Speech-language therapy: 150 minutes were not delivered and have not been made up (October 6 to 31, 2025: 90; January 5 to 30, 2026: 60). Under the plan I accepted, 360 minutes are owed.",
        "concerns: one per service",
    );
    // The agreed ones say who agreed.
    assert_shows(&text, "The meeting of January 27, 2026.", "changes: agreed at the meeting");
    // The missed speech sessions, with the school's reasons.
    for missed in [
        "October 7, 2025: SLP at district training",
        "October 9, 2025: SLP at district training",
        "October 14, 2025: SLP out sick",
        "January 6, 2026: Schedule conflict with assembly",
        "January 8, 2026: SLP covering evaluations",
    ] {
        assert_shows(&text, missed, "missed speech sessions");
    }
    // The overdue records request.
    assert_shows(&text, "Request for copies of Maya Alvarez's education records", "open requests");
    assert_shows(&text, "603 CMR 23.07(2)", "open requests: the rule");
    assert_shows(&text, "overdue by", "open requests: overdue");
    // Home observations and communications.
    assert_shows(&text, "Maya said she had no speech again this week.", "timeline");
    assert_shows(&text, "Meeting set for January 27.", "timeline");
    // The standard questions, after any of the parent's.
    assert_shows(&text, "How will we track the success of the accommodations?", "questions");
    assert_shows(&text, "When will we meet again to evaluate them?", "questions");
    // The evidence list names the documents facts come from by title, not file.
    assert_shows(&text, "The IEP amendment effective February 9, 2026", "evidence");
    assert_shows(&text, "Service log, September 15, 2025 to April 17, 2026", "evidence");
    assert_shows(&text, "My letter of February 12, 2026 (request for education records)", "evidence");
    assert!(!no_ws(&text).contains(".yaml"), "a file name is in the packet");
}

#[test]
fn report_groups_findings_with_their_letters() {
    let (_tmp, dir) = maya_copy();
    build(&dir);
    let text = pdf_text(&dir.join("out/report.pdf"));
    assert_shows(&text, "Case report: Maya Alvarez", "title");
    let json = findings(&dir);
    for f in json["findings"].as_array().unwrap() {
        assert_shows(
            &text,
            &dates_written_out(f["message"].as_str().unwrap()),
            "each finding's message, dates written out",
        );
        if let Some(letter) = f["letter"].as_str() {
            let title = iep_model::LetterType::ALL.into_iter().find(|t| t.as_str() == letter).unwrap().title();
            assert_shows(&text, title, "the letter that acts on it");
        }
    }
    // Nothing meant for a program: no file name, check code, item path,
    // evidence dump or ISO date.
    for machine in [".yaml", "letter-", ".pdf", "Check:", "Rejected: no", "services.speech", "(code", "2026-02-09"] {
        assert!(!no_ws(&text).contains(&no_ws(machine)), "{machine:?} is in the report:\n{text}");
    }
}

/// Every `YYYY-MM-DD` in `text` written out ("February 9, 2026").
fn dates_written_out(text: &str) -> String {
    let mut out = text.to_owned();
    let mut at = 0;
    while at + 10 <= out.len() {
        let date = out
            .get(at..at + 10)
            .filter(|s| s.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
            .and_then(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
        match date {
            Some(d) => {
                let words = iep_model::long_date(d);
                out.replace_range(at..at + 10, &words);
                at += words.len();
            }
            None => at += out[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    out
}

#[test]
fn same_input_gives_byte_identical_outputs() {
    let (_a, first) = maya_copy();
    let (_b, second) = maya_copy();
    build(&first);
    build(&second);
    let files = out_files(&first);
    assert_eq!(files, out_files(&second));
    for name in &files {
        let a = fs::read(first.join("out").join(name)).unwrap();
        let b = fs::read(second.join("out").join(name)).unwrap();
        assert!(a == b, "out/{name} differs between two builds of the same case");
    }
    // A second build of the same folder changes nothing.
    let again = build(&first);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(stdout.contains("packet.pdf") && stdout.contains("(unchanged)"), "{stdout}");
    for name in &files {
        assert_eq!(fs::read(first.join("out").join(name)).unwrap(), fs::read(second.join("out").join(name)).unwrap());
    }
}

#[test]
fn files_iep_did_not_make_are_left_alone() {
    let (_tmp, dir) = maya_copy();
    fs::create_dir_all(dir.join("out")).unwrap();
    fs::write(dir.join("out/packet.pdf"), b"my own notes").unwrap();
    fs::write(dir.join("out/notes.txt"), b"keep me").unwrap();
    let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
    // packet.pdf should have been written and was not: the build fails, by name.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("packet.pdf"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(fs::read(dir.join("out/packet.pdf")).unwrap(), b"my own notes");
    assert_eq!(fs::read(dir.join("out/notes.txt")).unwrap(), b"keep me");
    assert!(stdout.contains("NOT WRITTEN"), "{stdout}");
    assert!(stdout.contains("notes.txt"), "{stdout}");
    // The other outputs were written.
    assert!(dir.join("out/report.pdf").is_file());

    // A file iep wrote and the parent then edited is not replaced either.
    fs::write(dir.join("out/report.pdf"), b"edited").unwrap();
    let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(dir.join("out/report.pdf")).unwrap(), b"edited");
    assert!(String::from_utf8_lossy(&out.stdout).contains("NOT WRITTEN"));
    // Nothing was written outside out/ (the case files are as they were).
    let mut original = Vec::new();
    let mut copied = Vec::new();
    list(&maya(), &maya(), &mut original);
    list(&dir, &dir, &mut copied);
    assert_eq!(original, copied);
}

/// Every file below `root` except under `out/`, relative and sorted.
fn list(root: &Path, dir: &Path, into: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if rel == "out" {
            continue;
        }
        if path.is_dir() {
            list(root, &path, into);
        } else {
            into.push(rel);
        }
    }
    into.sort();
}

#[test]
fn packet_command_uses_the_meeting_date_given() {
    let (tmp, dir) = maya_copy();
    let target = tmp.path().join("packet-for-may.pdf");
    let out = iep(&[
        "packet",
        dir.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--meeting",
        "2026-05-04",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&target);
    assert_shows(&text, "May 4, 2026", "the meeting date");
    // Run again for another meeting: outside the case nothing is iep's own
    // (issue 22), so only --force replaces it.
    let before = fs::read(&target).unwrap();
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(fs::read(&target).unwrap(), before);
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", target.to_str().unwrap(), "--force"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // A file iep did not make is never overwritten.
    let other = tmp.path().join("other.pdf");
    fs::write(&other, b"not a packet").unwrap();
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", other.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read(&other).unwrap(), b"not a packet");
}

#[test]
fn a_meeting_recorded_after_the_as_of_date_is_the_next_meeting() {
    let (_tmp, dir) = maya_copy();
    fs::write(
        dir.join("meetings/2026-05-11.yaml"),
        "kind: meeting\ndate: 2026-05-11\ntype: amendment\nattendees: [parent, case-manager, slp]\n\
         concerns: [\"Speech keeps getting cancelled for *meetings* #1\"]\n\
         questions: [\"Can Maya get speech in the morning?\"]\n",
    )
    .unwrap();
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = pdf_text(&dir.join("out/packet.pdf"));
    assert_shows(&text, "May 11, 2026", "the recorded meeting");
    assert_shows(&text, "Sam Ortiz", "its attendees");
    // The parent's text appears verbatim, markup characters and all.
    assert_shows(&text, "Speech keeps getting cancelled for *meetings* #1", "the parent's concern");
    assert_shows(&text, "Can Maya get speech in the morning?", "the parent's question");
    let squashed = no_ws(&text);
    let own = squashed.find(&no_ws("Can Maya get speech in the morning?")).unwrap();
    let standard = squashed.find(&no_ws("How will we track the success of the accommodations?")).unwrap();
    assert!(own < standard, "the parent's questions come first");
}
