//! Adding entries to a log file the way the file already writes them
//! (`iep log`, `iep today`).
//!
//! The new text is the old text with one piece inserted: every byte the
//! parent wrote (comments, order, layout, line endings, a missing final
//! newline) stays where it was. The piece is one flow-mapping line per entry,
//! indented and dashed like the file's last entry. Each result is parsed
//! back and compared with the old file before it is returned, so a layout
//! this reader misjudges is refused, never written wrong.

use serde_yaml::{Mapping, Value};

/// Why entries could not be added to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppendError {
    /// `entries:` holds something other than a list of lines (`[...]` on
    /// one line, an anchor, a scalar): line number of the key.
    EntriesNotLines { line: usize },
    /// The file does not parse as one YAML mapping as it is.
    NotAMapping,
    /// No place was found where the lines read back as the new entries.
    NoSafePlace,
}

impl AppendError {
    /// A sentence for the parent, with what to do.
    pub fn message(&self, file: &str) -> String {
        match self {
            AppendError::EntriesNotLines { line } => format!(
                "`{file}` line {line} writes `entries:` in a form iep cannot add a line to; \
                 write the entries one per line (`  - {{date: ..., ...}}`) and run the command again"
            ),
            AppendError::NotAMapping => {
                format!("`{file}` does not load as it is; run `iep check` to see the problem and fix it first")
            }
            AppendError::NoSafePlace => format!(
                "iep could not find where to add the line in `{file}` without changing what the file says; \
                 add it by hand at the end of `entries:`"
            ),
        }
    }
}

/// A new file of `kind` holding `lines` (flow mappings, as
/// [`crate::record::log_entry_line`] writes them).
pub fn new_file(kind: &str, lines: &[String]) -> String {
    let mut out = format!("# Written by `iep log`; add lines by hand or with `iep log`.\nkind: {kind}\nentries:\n");
    for line in lines {
        out.push_str("  - ");
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `source` with `lines` (flow mappings such as `{date: 2026-04-20,
/// service: speech, minutes: 30}`) added at the end of its top-level
/// `entries:` list, or a new `entries:` list at the end of the file when it
/// has none. Nothing of `source` is changed, except that an empty `[]`,
/// `null` or `~` value of `entries:` gives way to the list.
pub fn append_entries(source: &str, lines: &[String]) -> Result<String, AppendError> {
    let before = parse_mapping(source).ok_or(AppendError::NotAMapping)?;
    // The file's own line ending; a file with no line break yet takes `\n`.
    let eol = if source.contains("\r\n") { "\r\n" } else { "\n" };
    let layout = Layout::read(source)?;
    for candidate in layout.candidates(source, lines, eol) {
        if reads_as_appended(&before, &candidate, lines) {
            return Ok(candidate);
        }
    }
    Err(AppendError::NoSafePlace)
}

/// One line of the source: where it starts, where its text ends (before
/// `\r\n` or `\n`) and where the next line starts.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    text_end: usize,
    end: usize,
}

fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < source.len() {
        let (text_end, end) = match source[start..].find('\n') {
            Some(at) => {
                let nl = start + at;
                let text_end = if source[..nl].ends_with('\r') { nl - 1 } else { nl };
                (text_end, nl + 1)
            }
            None => (source.len(), source.len()),
        };
        lines.push(Line { start, text_end, end });
        start = end;
    }
    lines
}

/// Where the file's `entries:` list is, as far as lines show it.
#[derive(Debug)]
enum Layout {
    /// No top-level `entries:` key.
    NoKey,
    /// `entries:` with an empty value (`[]`, `null`, `~`): the byte range to drop.
    EmptyValue { key_line_end: usize, drop: (usize, usize) },
    /// A block list (or nothing yet) under `entries:`.
    Block {
        /// The end of the `entries:` line.
        key_line_end: usize,
        /// Where the last line of the last entry ends, if there is one.
        last_content_end: Option<usize>,
        /// Where the lines that belong to the list (comments and blank lines
        /// included) end.
        block_end: usize,
        /// The last entry's indentation and dash (`  - `, `-   `).
        dash: Option<String>,
    },
}

impl Layout {
    fn read(source: &str) -> Result<Layout, AppendError> {
        let lines = split_lines(source);
        let Some(key) = lines.iter().position(|l| source[l.start..l.text_end].starts_with("entries:")) else {
            return Ok(Layout::NoKey);
        };
        let key_line = lines[key];
        let value_start = key_line.start + "entries:".len();
        let rest = &source[value_start..key_line.text_end];
        let value = rest.split(" #").next().unwrap_or("").trim();
        let value = if rest.trim_start().starts_with('#') { "" } else { value };
        match value {
            "" => {}
            "[]" | "null" | "~" => {
                let at = value_start + rest.find(value).unwrap_or(0);
                return Ok(Layout::EmptyValue { key_line_end: key_line.end, drop: (value_start, at + value.len()) });
            }
            _ => return Err(AppendError::EntriesNotLines { line: key + 1 }),
        }
        let mut last_content_end = None;
        let mut block_end = key_line.end;
        let mut item_indent: Option<usize> = None;
        let mut dash = None;
        for line in &lines[key + 1..] {
            let text = &source[line.start..line.text_end];
            let trimmed = text.trim_start_matches([' ', '\t']);
            let indent = text.len() - trimmed.len();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                block_end = line.end;
                continue;
            }
            let is_item = trimmed == "-" || trimmed.starts_with("- ") || trimmed.starts_with("-\t");
            if indent == 0 && !is_item {
                break;
            }
            if is_item && item_indent.is_none_or(|i| i == indent) {
                item_indent = Some(indent);
                let after_dash = &trimmed[1..];
                let gap = after_dash.len() - after_dash.trim_start_matches([' ', '\t']).len();
                let gap = if after_dash.trim().is_empty() { " " } else { &after_dash[..gap] };
                dash = Some(format!("{}-{gap}", &text[..indent]));
            }
            last_content_end = Some(line.end);
            block_end = line.end;
        }
        Ok(Layout::Block { key_line_end: key_line.end, last_content_end, block_end, dash })
    }

    /// The texts to try, most natural first.
    fn candidates(&self, source: &str, lines: &[String], eol: &str) -> Vec<String> {
        match self {
            Layout::NoKey => {
                let mut out = source.to_owned();
                let ends_open = !source.is_empty() && !source.ends_with('\n');
                if ends_open {
                    out.push_str(eol);
                }
                out.push_str("entries:");
                for line in lines {
                    out.push_str(eol);
                    out.push_str("  - ");
                    out.push_str(line);
                }
                if !ends_open {
                    out.push_str(eol);
                }
                vec![out]
            }
            Layout::EmptyValue { key_line_end, drop } => {
                let emptied = format!("{}{}", &source[..drop.0], &source[drop.1..]);
                let key_line_end = key_line_end - (drop.1 - drop.0);
                vec![insert_at(&emptied, key_line_end, "  - ", lines, eol)]
            }
            Layout::Block { key_line_end, last_content_end, block_end, dash } => {
                let dash = dash.as_deref().unwrap_or("  - ");
                let mut places = vec![last_content_end.unwrap_or(*key_line_end), *block_end];
                places.dedup();
                places.into_iter().map(|at| insert_at(source, at, dash, lines, eol)).collect()
            }
        }
    }
}

/// `source` with `lines` inserted at byte `at` (the start of a line, or the
/// end of a file without a final newline).
fn insert_at(source: &str, at: usize, dash: &str, lines: &[String], eol: &str) -> String {
    let open_end = at == source.len() && !source.is_empty() && !source.ends_with('\n');
    let mut piece = String::new();
    for line in lines {
        // A file that did not end with a newline still does not.
        if open_end {
            piece.push_str(eol);
        }
        piece.push_str(dash);
        piece.push_str(line);
        if !open_end {
            piece.push_str(eol);
        }
    }
    format!("{}{piece}{}", &source[..at], &source[at..])
}

fn parse_mapping(source: &str) -> Option<Mapping> {
    match serde_yaml::from_str::<Value>(source).ok()? {
        Value::Mapping(m) => Some(m),
        _ => None,
    }
}

/// Whether `candidate` says what `before` said, with `lines` added at the
/// end of `entries`.
fn reads_as_appended(before: &Mapping, candidate: &str, lines: &[String]) -> bool {
    let Some(after) = parse_mapping(candidate) else { return false };
    let key = Value::String("entries".to_owned());
    let mut expected = match before.get(&key) {
        Some(Value::Sequence(items)) => items.clone(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return false,
    };
    for line in lines {
        match serde_yaml::from_str::<Value>(line) {
            Ok(v) => expected.push(v),
            Err(_) => return false,
        }
    }
    let mut before = before.clone();
    before.insert(key.clone(), Value::Sequence(expected));
    // The key keeps its place in the mapping; only its value grew.
    before.len() == after.len() && before.iter().zip(after.iter()).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(line: &str) -> Vec<String> {
        vec![line.to_owned()]
    }

    const LINE: &str = "{date: 2026-04-20, service: speech, minutes: 30}";

    #[test]
    fn a_line_goes_after_the_last_entry_with_its_indentation() {
        let source = "# Maya's log\nkind: service-log\nentries:\n  - {date: 2026-04-01, service: speech, minutes: 30}\n  # a comment\nnotes: kept\n";
        let out = append_entries(source, &one(LINE)).unwrap();
        assert_eq!(
            out,
            "# Maya's log\nkind: service-log\nentries:\n  - {date: 2026-04-01, service: speech, minutes: 30}\n  - {date: 2026-04-20, service: speech, minutes: 30}\n  # a comment\nnotes: kept\n"
        );
    }

    #[test]
    fn the_dash_style_and_column_zero_lists_are_kept() {
        let source = "kind: service-log\nentries:\n-   {date: 2026-04-01, service: speech, minutes: 30}\n";
        let out = append_entries(source, &one(LINE)).unwrap();
        assert!(out.ends_with("30}\n-   {date: 2026-04-20, service: speech, minutes: 30}\n"), "{out}");
    }

    #[test]
    fn block_entries_take_a_flow_line_after_their_last_field() {
        let source = "kind: service-log\nentries:\n    - date: 2026-04-01\n      service: speech\n      missed: |\n        SLP out\n";
        let out = append_entries(source, &one(LINE)).unwrap();
        assert!(out.ends_with("        SLP out\n    - {date: 2026-04-20, service: speech, minutes: 30}\n"), "{out}");
    }

    #[test]
    fn crlf_and_a_missing_final_newline_are_kept() {
        let source = "kind: service-log\r\nentries:\r\n  - {date: 2026-04-01, service: speech, minutes: 30}";
        let out = append_entries(source, &one(LINE)).unwrap();
        assert_eq!(out, format!("{source}\r\n  - {LINE}"));
    }

    #[test]
    fn an_empty_list_or_no_key_gets_a_list() {
        let out = append_entries("kind: service-log\nentries: []  # none yet\n", &one(LINE)).unwrap();
        assert_eq!(
            out,
            "kind: service-log\nentries:  # none yet\n  - {date: 2026-04-20, service: speech, minutes: 30}\n"
        );
        let out = append_entries("kind: service-log\nfrom: 2026-01-05", &one(LINE)).unwrap();
        assert_eq!(out, format!("kind: service-log\nfrom: 2026-01-05\nentries:\n  - {LINE}"));
    }

    #[test]
    fn several_lines_go_in_one_piece() {
        let lines = vec![LINE.to_owned(), "{date: 2026-04-20, service: ot, missed: sick}".to_owned()];
        let out =
            append_entries("kind: service-log\nentries:\n  - {date: 2026-04-01, service: ot, minutes: 30}", &lines)
                .unwrap();
        assert!(out.ends_with(&format!("30}}\n  - {LINE}\n  - {}", lines[1])), "{out}");
    }

    #[test]
    fn a_one_line_flow_list_is_refused() {
        let err =
            append_entries("kind: service-log\nentries: [{date: 2026-04-01, service: ot, minutes: 30}]\n", &one(LINE));
        assert_eq!(err, Err(AppendError::EntriesNotLines { line: 2 }));
    }

    /// One generated log file: its parts, so the test knows what it says.
    #[derive(Debug, Clone)]
    struct Shape {
        crlf: bool,
        final_newline: bool,
        header_comment: bool,
        key: u8,
        indent: usize,
        gap: usize,
        entries: Vec<(bool, u8)>,
        tail: u8,
    }

    fn shape() -> impl proptest::strategy::Strategy<Value = Shape> {
        use proptest::prelude::*;
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            0u8..4,
            prop_oneof![Just(0usize), Just(2), Just(4)],
            1usize..4,
            proptest::collection::vec((any::<bool>(), 0u8..4), 0..6),
            0u8..4,
        )
            .prop_map(|(crlf, final_newline, header_comment, key, indent, gap, entries, tail)| Shape {
                crlf,
                final_newline,
                header_comment,
                key,
                indent,
                gap,
                entries,
                tail,
            })
    }

    /// The text of `shape`: comments, flow and block entries, blank lines,
    /// a key after the list, CRLF or LF, with or without a final newline.
    fn render(shape: &Shape) -> String {
        let mut lines: Vec<String> = Vec::new();
        if shape.header_comment {
            lines.push("# Sessions, as Maya told us: {not, a: map}".to_owned());
        }
        lines.push("kind: service-log".to_owned());
        let pad = " ".repeat(shape.indent);
        let dash = format!("{pad}-{}", " ".repeat(shape.gap));
        let inner = " ".repeat(shape.indent + 1 + shape.gap);
        match (shape.key, shape.entries.is_empty()) {
            (3, true) => {}
            (2, true) => lines.push("entries: []  # none yet".to_owned()),
            (1, _) => lines.push("entries:   # one line a session".to_owned()),
            _ => lines.push("entries:".to_owned()),
        }
        for (n, (flow, extra)) in shape.entries.iter().enumerate() {
            let day = n + 1;
            if *flow {
                lines.push(format!("{dash}{{date: 2025-10-{day:02}, service: speech, minutes: 30}}"));
            } else {
                lines.push(format!("{dash}date: 2025-10-{day:02}"));
                lines.push(format!("{inner}service: speech"));
                lines.push(format!("{inner}missed: |"));
                lines.push(format!("{inner}  SLP out"));
                lines.push(format!("{inner}  # not a comment: part of the reason"));
            }
            match extra {
                1 => lines.push(format!("{pad}# a comment inside the list")),
                2 => lines.push(String::new()),
                3 => lines.push("# a comment at column 0".to_owned()),
                _ => {}
            }
        }
        match shape.tail {
            1 => lines.push("notes: kept after the list".to_owned()),
            2 => lines.push("# the end".to_owned()),
            3 => {
                lines.push("from: 2025-09-01".to_owned());
                lines.push("# the end".to_owned());
            }
            _ => {}
        }
        let eol = if shape.crlf { "\r\n" } else { "\n" };
        let mut text = lines.join(eol);
        if shape.final_newline {
            text.push_str(eol);
        }
        text
    }

    proptest::proptest! {
        #[test]
        fn appending_keeps_every_byte_and_adds_exactly_the_lines(shape in shape(), two in proptest::bool::ANY) {
            let source = render(&shape);
            let mut lines = one(LINE);
            if two {
                lines.push("{date: 2026-04-21, service: speech, missed: \"SLP out, sick\"}".to_owned());
            }
            // A block scalar that ends the file without a newline would gain
            // one from any line after it: refused, not changed.
            let ends_in_open_scalar =
                !shape.final_newline && shape.tail == 0 && shape.entries.last() == Some(&(false, 0));
            if ends_in_open_scalar {
                proptest::prop_assert_eq!(append_entries(&source, &lines), Err(AppendError::NoSafePlace));
                return Ok(());
            }
            let out = append_entries(&source, &lines).expect("appended");
            // Every byte of the source is kept, in order, around one inserted piece
            // (an empty `[]` aside, which gives way to the list).
            let kept = source.replace("entries: []", "entries:");
            let prefix = kept.bytes().zip(out.bytes()).take_while(|(a, b)| a == b).count();
            let suffix = kept.bytes().rev().zip(out.bytes().rev()).take_while(|(a, b)| a == b).count();
            proptest::prop_assert!(prefix + suffix >= kept.len(), "source bytes changed:\n{source:?}\n{out:?}");
            let prefix = prefix.min(kept.len());
            let piece = &out[prefix..out.len() - (kept.len() - prefix)];
            // A file without a line break shows no line ending to follow.
            if shape.crlf && source.contains("\r\n") {
                proptest::prop_assert!(!piece.replace("\r\n", "").contains('\n'), "a bare newline in {piece:?}");
            } else {
                proptest::prop_assert!(!piece.contains('\r'));
            }
            proptest::prop_assert_eq!(out.ends_with('\n'), source.ends_with('\n'));
            // It reads as the old entries and then the new ones, nothing else changed.
            let before: Value = serde_yaml::from_str(&source).unwrap();
            let after: Value = serde_yaml::from_str(&out).unwrap();
            let old = before.get("entries").and_then(Value::as_sequence).cloned().unwrap_or_default();
            let new = after.get("entries").and_then(Value::as_sequence).cloned().unwrap();
            proptest::prop_assert_eq!(new.len(), old.len() + lines.len());
            proptest::prop_assert_eq!(&new[..old.len()], &old[..]);
            for (got, line) in new[old.len()..].iter().zip(&lines) {
                proptest::prop_assert_eq!(got, &serde_yaml::from_str::<Value>(line).unwrap());
            }
            proptest::prop_assert_eq!(after.get("notes"), before.get("notes"));
            proptest::prop_assert_eq!(after.get("from"), before.get("from"));
        }
    }
}
