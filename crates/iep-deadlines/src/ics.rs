//! The deadlines as an RFC 5545 calendar, written by hand: the format needs
//! a few lines, and writing it here keeps the bytes under our control (CRLF,
//! folding at 75 octets, escaping, a DTSTAMP fixed from the as-of date) so a
//! second export is byte-identical and calendar apps update, not duplicate.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::{Deadline, Status};

/// An iCalendar file of every deadline with a date that is not done: one
/// all-day event each. UIDs derive from the case name, the rule key and the
/// subject, so re-importing updates the same events.
pub fn to_ics(case_name: &str, as_of: NaiveDate, deadlines: &[Deadline]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//iep//deadlines//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("IEP deadlines: {case_name}"))),
    ];
    let stamp = format!("{}T000000Z", as_of.format("%Y%m%d"));
    let mut seen: Vec<String> = Vec::new();
    for deadline in deadlines {
        let Some(due) = deadline.due else { continue };
        if deadline.status == Status::Done {
            continue;
        }
        let mut uid = format!("{}.{}.{}", slug(case_name), slug(&deadline.source.key), slug(&deadline.subject));
        // Two deadlines of one rule and subject (never expected) still get distinct UIDs.
        if seen.contains(&uid) {
            uid = format!("{uid}.{}", due.format("%Y%m%d"));
        }
        seen.push(uid.clone());
        let next_day = due.succ_opt().unwrap_or(due);
        let mut description = String::new();
        let _ = write!(
            description,
            "Due {due}. Source: {}. Counting: {}.",
            deadline.source.citation, deadline.source.counting
        );
        if let Some(document) = &deadline.document {
            let _ = write!(description, " Case file: {document}.");
        }
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{uid}@iep"),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", due.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next_day.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&summary(deadline))),
            format!("DESCRIPTION:{}", escape(&description)),
            "TRANSP:TRANSPARENT".to_owned(),
            "END:VEVENT".to_owned(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

fn summary(deadline: &Deadline) -> String {
    match deadline.status {
        Status::Overdue => format!("OVERDUE: {}", deadline.what),
        _ => deadline.what.clone(),
    }
}

/// TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma, newline.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A UID part: letters, digits and `-`, everything else as `-`.
fn slug(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// Appends `line` folded at 75 octets (continuation lines start with a
/// space), never inside a UTF-8 character, each line ending in CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}
