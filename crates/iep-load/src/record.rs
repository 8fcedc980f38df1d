//! The YAML text of records the tool adds to a case (`iep letter --record`,
//! and the one-line log entries of `iep log` and `iep today`).
//!
//! This crate is the only one that knows YAML, so the text is made here; the
//! caller decides where it goes. Every text value is written as a
//! double-quoted scalar with escapes, so no subject or id a person typed can
//! change the document's structure: it loads back as exactly the same text.

use std::fmt::Write as _;

use iep_model::{CheckIn, CheckInSource, Letter, LogEntry, Outcome, Source};

/// A `kind: letter` document (case-format.md) for `letter`, ready to be
/// written to `letters/<date>-<type>.yaml`. Optional fields that are `None`
/// are left out, except `response`, which is written as `null` so the parent
/// sees where to fill the answer in.
pub fn letter_record_yaml(letter: &Letter) -> String {
    let mut out = String::new();
    out.push_str("# Written by `iep letter --record`. When the school answers, replace\n");
    out.push_str("# `response: null` with {date: YYYY-MM-DD, summary: \"what they said\"}.\n");
    out.push_str("kind: letter\n");
    let _ = writeln!(out, "date: {}", letter.date.format("%Y-%m-%d"));
    let _ = writeln!(out, "type: {}", quoted(&letter.letter_type));
    let _ = writeln!(out, "to: {}", quoted(&letter.to));
    let cc: Vec<String> = letter.cc.iter().map(|id| quoted(id)).collect();
    let _ = writeln!(out, "cc: [{}]", cc.join(", "));
    if let Some(via) = &letter.via {
        let _ = writeln!(out, "via: {}", quoted(via));
    }
    if let Some(subject) = &letter.subject {
        let _ = writeln!(out, "subject: {}", quoted(subject));
    }
    if let Some(reply_by) = letter.reply_by {
        let _ = writeln!(out, "reply_by: {}", reply_by.format("%Y-%m-%d"));
    }
    match &letter.response {
        None => out.push_str("response: null\n"),
        Some(response) => {
            let _ = write!(out, "response: {{date: {}", response.date.format("%Y-%m-%d"));
            if let Some(summary) = &response.summary {
                let _ = write!(out, ", summary: {}", quoted(summary));
            }
            out.push_str("}\n");
        }
    }
    out
}

/// One service-log entry as a flow mapping
/// (`{date: 2026-04-20, service: speech, minutes: 30, source: parent}`),
/// fields in the order case-format.md shows them. `source` is written
/// whenever it is not the format's default (the school's record).
pub fn log_entry_line(entry: &LogEntry) -> String {
    let mut out = format!("{{date: {}, service: {}", entry.date.format("%Y-%m-%d"), scalar(&entry.service));
    match &entry.outcome {
        Outcome::Delivered { minutes } => {
            let _ = write!(out, ", minutes: {minutes}");
        }
        Outcome::Missed { reason } => {
            let _ = write!(out, ", missed: {}", scalar(reason));
        }
    }
    if entry.by_student {
        out.push_str(", by: student");
    }
    if let Some(day) = entry.made_up_on {
        let _ = write!(out, ", made_up_on: {}", day.format("%Y-%m-%d"));
    }
    for (key, value) in [("setting", &entry.setting), ("group", &entry.group)] {
        if let Some(value) = value {
            let _ = write!(out, ", {key}: {}", scalar(value));
        }
    }
    if entry.source != Source::School {
        let _ = write!(out, ", source: {}", entry.source.as_str());
    }
    if let Some(notes) = &entry.notes {
        let _ = write!(out, ", notes: {}", scalar(notes));
    }
    out.push('}');
    out
}

/// One check-in as a flow mapping (`{date: 2026-04-20, accommodation: A1,
/// provided: no, with: science-teacher}`), fields in the order
/// case-format.md shows them; `source` only when it is not the child.
pub fn check_in_line(entry: &CheckIn) -> String {
    let mut out = format!(
        "{{date: {}, accommodation: {}, provided: {}",
        entry.date.format("%Y-%m-%d"),
        scalar(&entry.accommodation),
        entry.provided.as_str()
    );
    if entry.source != CheckInSource::Child {
        let _ = write!(out, ", source: {}", entry.source.as_str());
    }
    if let Some(with) = &entry.with {
        let _ = write!(out, ", with: {}", scalar(with));
    }
    if entry.unaware {
        out.push_str(", unaware: true");
    }
    if let Some(note) = &entry.note {
        let _ = write!(out, ", note: {}", scalar(note));
    }
    if entry.private {
        out.push_str(", private: true");
    }
    if let Some(notes) = &entry.notes {
        let _ = write!(out, ", notes: {}", scalar(notes));
    }
    out.push('}');
    out
}

/// `text` as a plain scalar when it reads back as exactly this text in a
/// one-line `{...}` entry (words, digits and simple punctuation, starting
/// with a letter, not a word YAML reads as a value), else double-quoted.
pub fn scalar(text: &str) -> String {
    let safe_char =
        |c: char| c.is_alphanumeric() || matches!(c, ' ' | '.' | '\'' | '-' | '_' | '(' | ')' | '/' | ';' | '!' | '?');
    let reserved = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && !text.ends_with(' ')
        && !text.contains("  ")
        && text.chars().all(safe_char)
        && !reserved.contains(&text.to_lowercase().as_str());
    if plain { text.to_owned() } else { quoted(text) }
}

/// `text` as a YAML double-quoted scalar. Escaped: `"` and `\`, and every
/// character YAML does not allow as is or reads as a line break (control
/// characters, NEL, the line and paragraph separators, the byte-order mark,
/// the noncharacters U+FFFE and U+FFFF).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::Path;

    use chrono::NaiveDate;
    use iep_model::{Letter, Response};

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const CASE: &str = "kind: case\n\
        child: {name: Test Child, date_of_birth: 2017-04-12, grade: \"3\", school: Test School}\n\
        district: Test District\n\
        state: MA\n\
        parent: {name: Test Parent}\n\
        team:\n  - {id: case-manager, name: Jordan Lee}\n  - {id: principal, name: Pat Raman}\n";

    /// Writes `yaml` into a minimal case as `letters/<name>` and loads it.
    fn load_with(yaml: &str) -> (crate::Loaded, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("case.yaml"), CASE).unwrap();
        fs::create_dir(dir.path().join("letters")).unwrap();
        fs::write(dir.path().join("letters/record.yaml"), yaml).unwrap();
        (crate::load(Path::new(dir.path())), dir)
    }

    fn letter(subject: &str) -> Letter {
        Letter {
            date: day(2026, 4, 20),
            letter_type: "records-request".into(),
            to: "case-manager".into(),
            cc: vec!["principal".into()],
            via: Some("email".into()),
            subject: Some(subject.into()),
            reply_by: Some(day(2026, 5, 4)),
            response: None,
            ..Default::default()
        }
    }

    fn assert_round_trips(original: &Letter) {
        let yaml = letter_record_yaml(original);
        let (loaded, _dir) = load_with(&yaml);
        assert!(!loaded.has_errors(), "the record does not load:\n{yaml}\n{:#?}", loaded.diagnostics);
        let case = loaded.case.expect("a case");
        assert_eq!(case.letters.len(), 1, "{yaml}");
        let back = &case.letters[0];
        assert_eq!(back.date, original.date);
        assert_eq!(back.letter_type, original.letter_type);
        assert_eq!(back.to, original.to);
        assert_eq!(back.cc, original.cc);
        assert_eq!(back.via, original.via, "{yaml}");
        assert_eq!(back.subject, original.subject, "{yaml}");
        assert_eq!(back.reply_by, original.reply_by);
        assert_eq!(
            back.response.as_ref().map(|r| (r.date, r.summary.clone())),
            original.response.as_ref().map(|r| (r.date, r.summary.clone()))
        );
    }

    #[test]
    fn a_plain_record_loads_back_to_the_same_values() {
        assert_round_trips(&letter("Request for copies of Test's education records"));
    }

    #[test]
    fn hostile_subjects_load_back_verbatim() {
        for subject in [
            "Re: \"urgent\" - see #3, {not: a map}, [not a list]",
            "back\\slash \\n not a newline, and a real\nnewline\tand tab",
            "yes",
            "null",
            "~",
            "2026-04-20",
            "- item",
            "&anchor *alias !tag %directive @at `tick` | > ' ",
            "  leading and trailing spaces  ",
            "",
            "Maya\u{2028}line separator\u{85}next line\u{feff}bom\u{7}bell\u{1b}esc\r\n",
            "Ünïcödé — “quotes” 日本語 🙂",
        ] {
            assert_round_trips(&letter(subject));
        }
    }

    #[test]
    fn a_response_and_missing_optional_fields_round_trip() {
        let mut l = letter("Subject");
        l.cc.clear();
        l.via = None;
        l.reply_by = None;
        l.response = Some(Response {
            date: day(2026, 5, 1),
            summary: Some("Records received, 40 pages".into()),
            ..Default::default()
        });
        assert_round_trips(&l);
        let yaml = letter_record_yaml(&l);
        assert!(!yaml.contains("reply_by"), "{yaml}");
        assert!(!yaml.contains("via"), "{yaml}");
    }

    #[test]
    fn an_open_record_says_response_null() {
        let yaml = letter_record_yaml(&letter("Subject"));
        assert!(yaml.contains("\nresponse: null\n"), "{yaml}");
        assert!(yaml.contains("\ncc: [\"principal\"]\n"), "{yaml}");
    }

    #[test]
    fn quoting_escapes_what_yaml_would_read() {
        assert_eq!(quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(quoted("x\u{2028}y"), "\"x\\u2028y\"");
    }

    #[test]
    fn entry_text_reads_back_verbatim_plain_where_it_can() {
        for text in [
            "SLP at a training",
            "Mr. Ortiz was out, no substitute",
            "yes",
            "No",
            "null",
            "2026-04-20",
            "30",
            "- a dash",
            "a: colon",
            "a #hash",
            "{braces} [brackets]",
            "trailing space ",
            "\"quoted\" and 'single'",
            "line\nbreak",
            "Ünïcödé — “quotes”",
        ] {
            let line = format!("{{date: 2026-04-20, service: speech, missed: {}}}", scalar(text));
            let back: std::collections::BTreeMap<String, serde_yaml::Value> = serde_yaml::from_str(&line).unwrap();
            assert_eq!(back["missed"], serde_yaml::Value::String(text.to_owned()), "{line}");
        }
        assert_eq!(scalar("SLP at a training"), "SLP at a training");
        assert_eq!(scalar("yes"), "\"yes\"");
    }

    #[test]
    fn a_log_entry_line_has_the_fields_in_the_formats_order() {
        let entry = LogEntry {
            date: day(2026, 4, 14),
            service: "speech".into(),
            outcome: Outcome::Missed { reason: "absent".into() },
            setting: None,
            group: None,
            source: Source::Parent,
            made_up_on: Some(day(2026, 4, 16)),
            by_student: true,
            notes: Some("Sick, stayed home".into()),
        };
        assert_eq!(
            log_entry_line(&entry),
            "{date: 2026-04-14, service: speech, missed: absent, by: student, made_up_on: 2026-04-16, source: parent, notes: \"Sick, stayed home\"}"
        );
        let school = LogEntry { source: Source::School, outcome: Outcome::Delivered { minutes: 30 }, ..entry };
        assert!(log_entry_line(&school).starts_with("{date: 2026-04-14, service: speech, minutes: 30, by: student"));
    }
}
