//! `kind: service-log`, and the quick reader for long one-line logs.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: service-log ----

/// No session is longer than a day.
const MINUTES_PER_DAY: u32 = 1440;

/// What was delivered, from the provider's log, the school's records, or the child.
#[derive(Debug, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawServiceLog {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// One entry per session, delivered or missed.
    #[serde(default)]
    entries: Option<Vec<RawLogEntry>>,
    /// This log is complete from this day ...
    #[schemars(extend("examples" = ["2025-09-02"]))]
    from: Option<Date>,
    /// ... to this day, for every service in `services`.
    #[schemars(extend("examples" = ["2026-01-30"]))]
    through: Option<Date>,
    /// The services the log is complete for. Default: every service it has an entry for.
    #[schemars(extend("examples" = [["speech"]]))]
    services: Option<Vec<String>>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

/// One session: delivered (`minutes`) or missed (`missed`), never both.
#[derive(Debug, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLogEntry {
    /// The day of the session.
    #[schemars(extend("examples" = ["2025-09-16"]))]
    date: Date,
    /// The service's id (a service of the IEP).
    #[schemars(extend("examples" = ["speech"]))]
    service: String,
    /// Minutes delivered (a whole number).
    #[schemars(extend("examples" = [30]))]
    minutes: Option<u32>,
    /// Why the session did not happen.
    #[schemars(extend("examples" = ["SLP at district training"]))]
    missed: Option<String>,
    /// Where the session took place.
    #[schemars(extend("examples" = ["pull-out"]))]
    setting: Option<String>,
    /// `individual` or `group`.
    #[schemars(extend("examples" = ["group"]))]
    group: Option<String>,
    /// Whose record this is: `provider`, `school`, `child` or `parent`.
    #[schemars(extend("examples" = ["child"]), extend("default" = "school"))]
    source: Option<String>,
    /// For a missed session that was made up later: the day of the make-up (logged as its own entry).
    #[schemars(extend("examples" = ["2025-09-22"]))]
    made_up_on: Option<Date>,
    /// `student` on a miss the child caused (absent, refused), which is not owed. A miss is the school's unless it says so.
    #[schemars(extend("examples" = ["student"]))]
    by: Option<String>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

impl RawServiceLog {
    /// Reads a log written only as one-line entries of plain words
    /// (`  - {date: 2025-09-16, service: speech, minutes: 30}`), the shape of
    /// long logs, without a YAML parser. Anything else (quotes, comments
    /// after a value, block entries, a problem) gives `None`, and the file
    /// goes through serde_yaml as usual: this only makes the common case fast.
    pub fn quick(source: &str) -> Option<m::ServiceLog> {
        let mut kind = false;
        let mut entries_key = false;
        // A one-line entry is about 50 bytes long.
        let mut entries = Vec::with_capacity(source.len() / 50);
        let mut problems = Vec::new();
        for line in source.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let trimmed = line.trim_start_matches(' ');
            match trimmed.as_bytes().first() {
                None | Some(b'#') => continue,
                Some(b'-') => {}
                Some(_) if line == "kind: service-log" && !kind => {
                    kind = true;
                    continue;
                }
                Some(_) if line == "entries:" && !entries_key => {
                    entries_key = true;
                    continue;
                }
                Some(_) => return None,
            }
            if !entries_key {
                return None;
            }
            let body = trimmed.strip_prefix("- {")?.strip_suffix('}')?;
            // Converted at once, without a list of raw entries in between; an
            // entry with a problem sends the file to the reader that reports it.
            let entry = quick_entry(body)?.convert(entries.len(), &mut problems);
            if !problems.is_empty() {
                return None;
            }
            entries.push(entry);
        }
        (kind && entries_key).then_some(m::ServiceLog { entries, ..m::ServiceLog::default() })
    }
}

fn quick_entry(body: &str) -> Option<RawLogEntry> {
    let mut e = RawLogEntry::default();
    let mut has_date = false;
    let mut has_service = false;
    let mut rest = body;
    loop {
        // Fields are split by hand: `split(',')` costs more than the rest of
        // the reader on a 40,000-entry log.
        let comma = rest.as_bytes().iter().position(|b| *b == b',');
        let (part, next) = match comma {
            Some(at) => (&rest[..at], Some(&rest[at + 1..])),
            None => (rest, None),
        };
        quick_field(part.trim_matches(' '), &mut e, &mut has_date, &mut has_service)?;
        match next {
            Some(next) => rest = next,
            None => break,
        }
    }
    (has_date && has_service).then_some(e)
}

fn quick_field(part: &str, e: &mut RawLogEntry, has_date: &mut bool, has_service: &mut bool) -> Option<()> {
    let colon = part.as_bytes().iter().position(|b| *b == b':')?;
    let (key, value) = (&part[..colon], part[colon + 1..].strip_prefix(' ')?.trim_matches(' '));
    if !plain_word(value) {
        return None;
    }
    let slot = match key {
        // A key given again (however many times) goes to the reader that reports it.
        "date" if !*has_date => {
            *has_date = true;
            e.date = Date(parse_date(value).ok()?);
            return Some(());
        }
        "made_up_on" if e.made_up_on.is_none() => {
            e.made_up_on = Some(Date(parse_date(value).ok()?));
            return Some(());
        }
        "minutes" if e.minutes.is_none() => {
            if !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            e.minutes = Some(value.parse().ok()?);
            return Some(());
        }
        "service" if !*has_service => {
            *has_service = true;
            e.service = value.to_owned();
            return Some(());
        }
        // YAML reads `30` or `1e3` as a number, which a text field refuses:
        // leave those to serde_yaml so both readers agree.
        _ if value.parse::<f64>().is_ok() => return None,
        "missed" => &mut e.missed,
        "setting" => &mut e.setting,
        "group" => &mut e.group,
        "source" => &mut e.source,
        "by" => &mut e.by,
        _ => return None,
    };
    if slot.is_some() {
        return None;
    }
    *slot = Some(value.to_owned());
    Some(())
}

/// Whether YAML reads `value` as the same plain text serde_yaml would: words,
/// digits, spaces and `.-/()'_`, starting with a letter or digit, and not a
/// null or a boolean. (No `:` can occur, so no `key: value` either.)
fn plain_word(value: &str) -> bool {
    const PUNCTUATION: &[u8] = b" .-/()'_";
    let rest = if value.is_ascii() {
        value.bytes().all(|b| b.is_ascii_alphanumeric() || PUNCTUATION.contains(&b))
    } else {
        value.chars().all(|c| c.is_alphanumeric() || (c.is_ascii() && PUNCTUATION.contains(&(c as u8))))
    };
    let first = value.chars().next().is_some_and(char::is_alphanumeric);
    first && rest && !matches!(value, "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE")
}

const SOURCES: [(&str, m::Source); 4] = [
    ("provider", m::Source::Provider),
    ("school", m::Source::School),
    ("child", m::Source::Child),
    ("parent", m::Source::Parent),
];

impl RawServiceLog {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::ServiceLog {
        let entries = list_or_empty(self.entries);
        if let (Some(from), Some(through)) = (self.from, self.through)
            && through.0 < from.0
        {
            problems.push(
                Problem::new(
                    at!["through"],
                    format!("this log runs through {} before it starts on {}", through.0, from.0),
                )
                .help("`from` is the first day the log is complete for, `through` the last"),
            );
        }
        m::ServiceLog {
            entries: entries.into_iter().enumerate().map(|(i, e)| e.convert(i, problems)).collect(),
            from: self.from.map(|d| d.0),
            through: self.through.map(|d| d.0),
            services: self.services,
            notes: self.notes,
        }
    }
}

impl RawLogEntry {
    /// The model's entry; `i` is the entry's place in the file, for problems.
    fn convert(self, i: usize, problems: &mut Vec<Problem>) -> m::LogEntry {
        let e = self;
        {
            if let Some(minutes) = e.minutes.filter(|m| *m > MINUTES_PER_DAY) {
                problems.push(
                    Problem::new(at!["entries", i, "minutes"], format!("`minutes: {minutes}` is more than a day ({MINUTES_PER_DAY} minutes)"))
                        .help("log the minutes of this one session as the log or the child says them; a typing slip is likely"),
                );
            }
            let outcome = match (e.minutes, e.missed) {
                (Some(minutes), None) => m::Outcome::Delivered { minutes },
                (None, Some(reason)) => m::Outcome::Missed { reason },
                (Some(minutes), Some(_)) => {
                    problems.push(
                        Problem::new(at!["entries", i, "missed"], "this entry has both `minutes` and `missed`")
                            .key()
                            .help("an entry is either a session that happened (`minutes: 30`) or one that did not (`missed: the reason`); if it was cut short, log the minutes given"),
                    );
                    m::Outcome::Delivered { minutes }
                }
                (None, None) => {
                    problems.push(
                        Problem::new(at!["entries", i], "this entry has neither `minutes` nor `missed`").help(
                            "add `minutes: 30` (how long the session was) or `missed: the reason` (it did not happen)",
                        ),
                    );
                    // Kept so that entry indexes still match the file; the
                    // case has an error and is not checked.
                    m::Outcome::Missed { reason: String::new() }
                }
            };
            let source = match &e.source {
                None => m::Source::School,
                Some(s) => match SOURCES.iter().find(|(word, _)| word == s) {
                    Some((_, source)) => *source,
                    None => one_of(s, &SOURCES, at!["entries", i, "source"], "source", problems).unwrap_or_default(),
                },
            };
            let by_student = match e.by.as_deref().map(str::trim) {
                None => false,
                Some("student") => {
                    if !outcome.is_missed() {
                        problems.push(
                            Problem::new(at!["entries", i, "by"], "`by: student` is only for a missed session")
                                .key()
                                .help("`by: student` says the child caused a miss (absent, refused); remove it from a session that happened"),
                        );
                    }
                    true
                }
                Some(other) => {
                    problems.push(
                        Problem::new(at!["entries", i, "by"], format!("`by: {other}` is not understood"))
                            .help("the only value is `by: student`, for a miss the child caused; a miss is the school's unless it says so"),
                    );
                    false
                }
            };
            if e.made_up_on.is_some() && !outcome.is_missed() {
                problems.push(
                    Problem::new(at!["entries", i, "made_up_on"], "`made_up_on` is only for a missed session")
                        .key()
                        .help("put `made_up_on` on the missed entry, and log the make-up session as its own entry on that date"),
                );
            }
            if let Some(d) = e.made_up_on
                && d.0 < e.date.0
            {
                problems.push(
                    Problem::new(
                        at!["entries", i, "made_up_on"],
                        format!("the session was made up on {} before it was missed on {}", d.0, e.date.0),
                    )
                    .help("check the two dates"),
                );
            }
            m::LogEntry {
                date: e.date.0,
                service: e.service,
                outcome,
                setting: e.setting,
                group: e.group,
                source,
                made_up_on: e.made_up_on.map(|d| d.0),
                by_student,
                notes: e.notes,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log as serde_yaml and the converter read it, when that gives no problem.
    fn slow_read(text: &str) -> Option<m::ServiceLog> {
        let raw: RawServiceLog = serde_yaml::from_str(text).ok()?;
        let mut problems = Vec::new();
        let log = raw.convert(&mut problems);
        problems.is_empty().then_some(log)
    }

    #[test]
    fn the_quick_log_reader_agrees_with_serde_yaml() {
        let text = "# a comment\nkind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30}\n  - {date: 2025-09-18, service: speech, missed: SLP at training (all day), by: student, source: provider}\n  - {date: 2025-09-19, service: ot, missed: Out sick, made_up_on: 2025-09-22, setting: pull-out, group: group}\n";
        let quick = RawServiceLog::quick(text).expect("simple entries");
        assert_eq!(quick.entries, slow_read(text).expect("serde_yaml reads it").entries);
        for odd in [
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: \"30\"}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30} # note\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, minutes: 30, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, date: 2025-09-17, date: 2025-09-18, service: speech, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, service: ot, service: pt, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30.5}\n",
            "kind: service-log\nentries:\n  - {date: 2025-02-30, service: speech, minutes: 30}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, missed: null}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minuts: 30}\n",
            "kind: service-log\nentries:\n  - date: 2025-09-16\n    service: speech\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, missed: Out sick}\n",
            "kind: service-log\nentries:\n  - {date: 2025-09-16, service: speech, minutes: 30, source: teacher}\n",
        ] {
            assert!(RawServiceLog::quick(odd).is_none(), "{odd}");
        }
    }

    proptest::proptest! {
        /// Whatever the quick reader accepts, serde_yaml reads the same way.
        #[test]
        fn the_quick_reader_never_disagrees(fields in proptest::collection::vec((0usize..9, 0usize..16), 1..6)) {
            const KEYS: [&str; 9] = ["date", "service", "minutes", "missed", "setting", "group", "source", "by", "made_up_on"];
            const VALUES: [&str; 16] = [
                "2025-09-16", "2025-02-30", "speech", "30", "1e3", "null", "True", "Out sick (all day)",
                "a: b", "x #y", "Łukasz's group", "-5", ".inf", "inf", "provider", "student",
            ];
            let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}: {}", KEYS[*k], VALUES[*v])).collect();
            let text = format!("kind: service-log\nentries:\n  - {{{}}}\n", body.join(", "));
            if let Some(quick) = RawServiceLog::quick(&text) {
                proptest::prop_assert_eq!(Some(quick.entries), slow_read(&text).map(|log| log.entries), "{}", text);
            }
        }
    }

    #[test]
    fn impossible_dates_say_why() {
        assert!(parse_date("2026-02-30").unwrap_err().contains("February 2026 has 28 days"));
        assert!(parse_date("2024-02-30").unwrap_err().contains("February 2024 has 29 days"));
        assert!(parse_date("2026-13-01").unwrap_err().contains("no month 13"));
        assert!(parse_date("02/03/2026").unwrap_err().contains("YYYY-MM-DD"));
        assert_eq!(parse_date("2026-02-28").unwrap(), NaiveDate::from_ymd_opt(2026, 2, 28).unwrap());
    }
}
