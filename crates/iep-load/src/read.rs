//! Reading one file: bytes to text, the `kind:` line, serde's fast path and,
//! only on failure, the position-keeping slow path that reports every
//! problem of the file.

use std::fs;
use std::path::Path;

use serde::de::DeserializeOwned;

use iep_model::{Diagnostic, Level};

use crate::kinds::AnyDoc;
use crate::problem::{self, Mark, Problem, nearest};
use crate::span::{self, NodeId, NodeKind, Seg, Tree};
use crate::{KINDS, de};

/// More problems than this in one file are not listed one by one.
const MAX_PROBLEMS_PER_FILE: usize = 100;

/// What reading one file gave.
#[derive(Debug)]
pub(crate) struct FileOut {
    /// Relative to the case folder, `/` separators.
    pub rel: String,
    pub source: String,
    pub doc: Option<AnyDoc>,
    /// Whether the file had a problem serde could not get past, so that some
    /// of its items may be missing from `doc`.
    pub incomplete: bool,
    /// Line, column and width of the `kind:` value.
    pub kind_at: (usize, usize, usize),
    pub diagnostics: Vec<Diagnostic>,
    pub problems: Vec<Problem>,
    /// The position-keeping tree, when the slow path built one, with the
    /// items it skipped.
    pub tree: Option<(Tree, Vec<NodeId>)>,
}

impl FileOut {
    pub(crate) fn new(rel: String, source: String) -> FileOut {
        FileOut {
            rel,
            source,
            doc: None,
            incomplete: false,
            kind_at: (1, 1, 1),
            diagnostics: Vec::new(),
            problems: Vec::new(),
            tree: None,
        }
    }

    pub(crate) fn error(
        &mut self,
        line: usize,
        column: usize,
        width: usize,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        let mut d = Diagnostic::error(&self.rel, line, column, message).with_source(&self.source, width);
        d.help = help;
        self.diagnostics.push(d);
    }
}
/// Reads, parses and converts one file.
pub(crate) fn read_file(rel: &str, abs: &Path) -> FileOut {
    let bytes = match fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            let mut out = FileOut::new(rel.to_owned(), String::new());
            out.error(
                1,
                1,
                1,
                format!("this file could not be read: {e}"),
                Some("check that you can open it".to_owned()),
            );
            return out;
        }
    };
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let line = bytes[..good].iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = bytes[..good].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&bytes[line_start..good]).chars().count() + 1;
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let mut out = FileOut::new(rel.to_owned(), lossy);
            out.error(
                line,
                column,
                1,
                format!("this file is not readable text: it holds bytes that are not UTF-8 text (line {line})"),
                Some(
                    "a `.yaml` file must be plain text saved as UTF-8; if this is a scan, a PDF or a word-processor file, \
                     give it its own extension (`.pdf`, `.docx`), or save the text again as UTF-8"
                        .to_owned(),
                ),
            );
            out.source = String::new();
            return out;
        }
    };
    read_text(rel, source)
}

/// Parses and converts one file's text (from disk, or the text `iep log`
/// is about to write).
pub(crate) fn read_text(rel: &str, source: String) -> FileOut {
    let source = source.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(source);
    if let Some(at) = source.find('\0') {
        return nul_byte(rel, source, at);
    }
    let deep = crate::nesting::too_deep_at(&source, crate::nesting::MAX_DEPTH);
    let mut out = FileOut::new(rel.to_owned(), source);
    // Refused before any parser reads the file: its time grows with the
    // square of the depth.
    if let Some((line, column)) = deep {
        out.incomplete = true;
        too_deep(&mut out, line, column);
        return out;
    }
    parse_file(&mut out);
    out
}

/// A file with a NUL byte: named at its line and column, not parsed (YAML
/// forbids the character, and a parser would report it somewhere else).
fn nul_byte(rel: &str, source: String, at: usize) -> FileOut {
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before[line_start..].chars().count() + 1;
    let shown = source.replace('\0', "\\0");
    let mut out = FileOut::new(rel.to_owned(), shown);
    out.error(
        line,
        column,
        2,
        format!("this file holds a NUL byte (shown as \\0) at line {line}, column {column}; a `.yaml` file must be plain text"),
        Some("delete that character (it often comes from a copy out of a PDF or a binary file), then save the file as UTF-8 text".to_owned()),
    );
    out.source = String::new();
    out
}

/// The top-level `kind:` line, found without parsing: its value, line, column
/// and width.
pub(crate) fn scan_kind(source: &str) -> Option<(String, usize, usize, usize)> {
    for (i, line) in source.lines().enumerate() {
        let Some(rest) = line.strip_prefix("kind:") else { continue };
        let value = match rest.find(" #") {
            Some(p) => &rest[..p],
            None => rest,
        };
        let lead = value.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = value.trim();
        let column = "kind:".len() + lead + 1;
        let width = trimmed.chars().count();
        let unquoted = trimmed
            .strip_prefix('"')
            .and_then(|t| t.strip_suffix('"'))
            .or_else(|| trimmed.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
            .unwrap_or(trimmed);
        return Some((unquoted.to_owned(), i + 1, column, width));
    }
    None
}

fn kinds_help() -> String {
    format!("`kind:` is one of {}", problem::list_at_most(&crate::kind_names(), KINDS.len()))
}

fn parse_file(out: &mut FileOut) {
    let kind = match scan_kind(&out.source) {
        Some((kind, line, column, width)) => {
            out.kind_at = (line, column, width);
            kind
        }
        None => match kind_from_tree(out) {
            Some(kind) => kind,
            None => return,
        },
    };
    let (line, column, width) = out.kind_at;
    match crate::kind(&kind) {
        Some(kind) => (kind.read)(out),
        None => {
            let other = kind.as_str();
            let help = match nearest(other, KINDS.iter().map(|k| k.name)) {
                Some(k) => format!("did you mean `{k}`? {}", kinds_help()),
                None => kinds_help(),
            };
            out.error(line, column, width, format!("`{other}` is not a kind of case file"), Some(help));
        }
    }
}

/// When no `kind:` line starts the file: parse it to say what it is instead.
fn kind_from_tree(out: &mut FileOut) -> Option<String> {
    let tree = match Tree::parse(&out.source) {
        Ok(t) => t,
        Err(e) => {
            syntax_error(out, e.line, e.column, &e.message);
            return None;
        }
    };
    let example = "start the file with a line saying what it is, like `kind: service-log`";
    let Some(root) = tree.root else {
        out.error(1, 1, 1, "this file is empty", Some(format!("{example}, or delete the file")));
        return None;
    };
    let node = tree.node(tree.resolve(root));
    let (line, column) = (node.line, node.column);
    match &node.kind {
        NodeKind::Map { .. } => match tree.pair(root, "kind") {
            Some((_, value)) => {
                let v = tree.node(value);
                out.kind_at = (v.line, v.column, 1);
                match tree.scalar(value) {
                    Some(k) => Some(k.to_owned()),
                    None => {
                        out.error(v.line, v.column, 1, "`kind:` must be a single word", Some(kinds_help()));
                        None
                    }
                }
            }
            None => {
                out.error(
                    1,
                    1,
                    1,
                    "this file has no `kind:`, so it is not known what it holds",
                    Some(format!("{example}; {}", kinds_help())),
                );
                None
            }
        },
        NodeKind::Seq(_) => {
            out.error(
                line,
                column,
                1,
                "this file is a list, but a case file is a set of `field: value` lines",
                Some(format!("{example}; a list of entries goes under `entries:`")),
            );
            None
        }
        _ => {
            out.error(
                line,
                column,
                1,
                "this file holds a single value, but a case file is a set of `field: value` lines",
                Some(example.to_owned()),
            );
            None
        }
    }
}

/// A file nested past serde_yaml's recursion limit: hostile or broken.
fn too_deep(out: &mut FileOut, line: usize, column: usize) {
    out.error(
        line,
        column,
        1,
        "the file nests lists or groups too deeply to be a case file",
        Some("a case file needs only a few levels; check the indentation and brackets".to_owned()),
    );
}

fn syntax_error(out: &mut FileOut, line: usize, column: usize, message: &str) {
    if message.contains("recursion limit") || message.contains("levels deep") {
        too_deep(out, line, column);
        return;
    }
    out.error(
        line,
        column,
        1,
        format!("this is not valid YAML: {message}"),
        Some(
            "check the indentation (spaces, not tabs), that every `{` and `[` is closed, and put text that holds `: `, \
             ` #` or starts with `*`, `&`, `!`, `%`, `@` or a quote in double quotes"
                .to_owned(),
        ),
    );
}

/// Fast path, then (only on failure) the slow path.
pub(crate) fn run<T: DeserializeOwned>(out: &mut FileOut, convert: fn(T, &mut Vec<Problem>) -> AnyDoc) {
    let fast: Result<T, serde_yaml::Error> = serde_yaml::from_str(&out.source);
    match fast {
        Ok(raw) => {
            let mut problems = Vec::new();
            out.doc = Some(convert(raw, &mut problems));
            out.problems = problems;
        }
        Err(e) => {
            out.incomplete = true;
            let text = e.to_string();
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            // Nesting and alias limits: the file is hostile or broken; the
            // position-keeping parser is not run on it.
            if text.contains("recursion limit exceeded") {
                too_deep(out, line, column);
                return;
            }
            if text.contains("repetition limit exceeded") {
                out.error(
                    line,
                    column,
                    1,
                    "the file repeats `*alias` references too many times",
                    Some("write the values out instead of repeating them with `&anchor` and `*alias`".to_owned()),
                );
                return;
            }
            slow_path(out, convert, &e);
        }
    }
}

/// Reads the file with positions, and reports every problem serde meets,
/// skipping each bad item to find the next.
fn slow_path<T: DeserializeOwned>(
    out: &mut FileOut,
    convert: fn(T, &mut Vec<Problem>) -> AnyDoc,
    fast: &serde_yaml::Error,
) {
    let tree = match Tree::parse(&out.source) {
        Ok(t) => t,
        Err(e) => {
            syntax_error(out, e.line, e.column, &e.message);
            return;
        }
    };
    // An alias bomb is named as one, before any of its other problems.
    if let Some(alias) = tree.alias_bomb() {
        let node = tree.node(alias);
        let help = "write the values out instead of repeating them with `&anchor` and `*alias`".to_owned();
        out.error(node.line, node.column, 1, "the file repeats `*alias` references too many times", Some(help));
        return;
    }
    let mut removed: Vec<NodeId> = Vec::new();
    let mut removed_top: Vec<String> = Vec::new();
    // List items an error was about: later problems of the same item are
    // consequences (a misspelt `minuts` leaves the entry without `minutes`).
    let mut damaged: Vec<NodeId> = Vec::new();
    let mut found = 0;
    loop {
        let ctx = de::Ctx::new(&tree, &removed);
        match de::from_tree::<T>(&ctx) {
            Ok(raw) => {
                let mut problems = Vec::new();
                out.doc = Some(convert(raw, &mut problems));
                out.problems = problems;
                break;
            }
            Err(err) => {
                if let de::ErrorKind::MissingField(f) = &err.kind
                    && removed_top.iter().any(|r| r == f)
                {
                    break;
                }
                found += 1;
                if found > MAX_PROBLEMS_PER_FILE {
                    out.error(
                        1,
                        1,
                        1,
                        format!("this file has more than {MAX_PROBLEMS_PER_FILE} problems; only the first are shown"),
                        Some("fix those and check again".to_owned()),
                    );
                    break;
                }
                let fatal = matches!(err.kind, de::ErrorKind::Fatal(_));
                report_de_error(out, &tree, &removed, &err);
                if let Some(at) = &err.at
                    && let Some(i) = at.path.iter().rposition(|s| matches!(s, Seg::Index(_)))
                {
                    damaged.extend(tree.find(&at.path[..=i], false, &removed));
                }
                if fatal {
                    break;
                }
                match skip_target(&tree, &removed, &err) {
                    Some((node, top)) => {
                        removed.push(node);
                        if let Some(name) = top {
                            removed_top.push(name);
                        }
                    }
                    None => break,
                }
            }
        }
    }
    if found == 0 && out.doc.is_none() {
        // The two readers disagree; serde_yaml's own words are better than silence.
        let (line, column) = fast.location().map_or((1, 1), |l| (l.line(), l.column()));
        let text = fast.to_string();
        let message = text.split(" at line ").next().unwrap_or(&text).to_owned();
        out.error(line, column, 1, message, None);
    }
    out.problems.retain(|p| {
        let item = p.path.iter().rposition(|s| matches!(s, Seg::Index(_)));
        !item.and_then(|i| tree.find(&p.path[..=i], false, &removed)).is_some_and(|n| damaged.contains(&n))
    });
    out.tree = Some((tree, removed));
}

/// What to skip after an error: the unknown or repeated field, else the
/// list item holding the error, else the top-level field.
fn skip_target(tree: &Tree, removed: &[NodeId], err: &de::Error) -> Option<(NodeId, Option<String>)> {
    let at = err.at.as_ref()?;
    if matches!(
        err.kind,
        de::ErrorKind::UnknownField { .. } | de::ErrorKind::DuplicateField(_) | de::ErrorKind::RepeatedKey(_)
    ) && at.key
    {
        return Some((at.node, None));
    }
    if let Some(i) = at.path.iter().rposition(|s| matches!(s, Seg::Index(_))) {
        return tree.find(&at.path[..=i], false, removed).map(|n| (n, None));
    }
    match at.path.first() {
        Some(Seg::Key(name)) => tree.find(&at.path[..1], true, removed).map(|n| (n, Some(name.clone()))),
        _ => None,
    }
}

fn report_de_error(out: &mut FileOut, tree: &Tree, removed: &[NodeId], err: &de::Error) {
    let node = err.at.as_ref().map_or(tree.root.unwrap_or(0), |a| a.node);
    let (line, column) = tree.nodes.get(node).map_or((1, 1), |n| (n.line, n.column));
    let source_line = out.source.lines().nth(line.saturating_sub(1)).unwrap_or("").to_owned();
    let width = if tree.nodes.is_empty() { 1 } else { tree.width(node, &source_line) };
    let (message, help) = match &err.kind {
        de::ErrorKind::UnknownField { field, expected } => unknown_field(tree, removed, err, field, expected),
        de::ErrorKind::MissingField(field) => {
            let top = err.at.as_ref().is_none_or(|a| a.path.is_empty());
            let whole = if top { "this file" } else { "this entry" };
            (format!("{whole} has no `{field}`, which it needs"), Some(format!("add `{field}:` with its value")))
        }
        de::ErrorKind::DuplicateField(field) => (
            format!("`{field}` is given more than once here"),
            Some("keep one of them and delete the others".to_owned()),
        ),
        de::ErrorKind::RepeatedKey(key) => {
            (format!("`{key}` is given more than once here"), Some("keep one of them and delete the others".to_owned()))
        }
        de::ErrorKind::Custom(m, h) => (m.clone(), h.clone()),
        de::ErrorKind::Fatal(m) => {
            (m.clone(), Some("write the values out instead of repeating them with `&anchor` and `*alias`".to_owned()))
        }
    };
    out.error(line, column, width, message, help);
}

fn unknown_field(
    tree: &Tree,
    removed: &[NodeId],
    err: &de::Error,
    field: &str,
    expected: &[&str],
) -> (String, Option<String>) {
    let message = format!("unknown field `{field}`");
    let at = err.at.as_ref();
    let top = at.is_some_and(|a| a.path.len() <= 1);
    let known: Vec<&str> = expected.iter().copied().filter(|k| top || *k != "kind").collect();
    // The comma mistake: in `{summary: Called, left a message}` the text after
    // the comma is read as a field name.
    if let Some(at) = at {
        let parent = tree.find(&at.path[..at.path.len().saturating_sub(1)], false, removed);
        if let Some(parent) = parent.map(|p| tree.resolve(p))
            && let NodeKind::Map { pairs, flow: true } = &tree.node(parent).kind
        {
            let pos = pairs.iter().position(|(k, _)| *k == at.node);
            let value_is_empty = pos.and_then(|p| tree.scalar(pairs[p].1)).is_some_and(str::is_empty);
            let previous = pos.and_then(|p| p.checked_sub(1)).map(|p| pairs[p]);
            if let Some((pk, pv)) = previous {
                let (Some(pk), Some(pv)) = (tree.scalar(pk), tree.scalar(pv)) else {
                    return (message, Some(fields_help(field, &known)));
                };
                if value_is_empty
                    && (field.contains(' ') || !known.iter().any(|k| strsim::jaro_winkler(k, field) > 0.85))
                {
                    return (
                        message,
                        Some(format!(
                            "in a one-line `{{...}}` entry a comma ends the value, so the text after the comma was read as a field name; \
                                 put the whole text in double quotes: `{pk}: \"{pv}, {field}\"`"
                        )),
                    );
                }
            }
        }
    }
    (message, Some(fields_help(field, &known)))
}

fn fields_help(field: &str, known: &[&str]) -> String {
    match nearest(field, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`?"),
        None => format!("the fields allowed here are {}; fix the name or remove the line", problem::list(known)),
    }
}

/// Turns a file's problems into located diagnostics.
pub(crate) fn locate_problems(out: &mut FileOut) {
    if out.problems.is_empty() {
        return;
    }
    if out.tree.is_none() {
        match Tree::parse(&out.source) {
            Ok(t) => out.tree = Some((t, Vec::new())),
            Err(_) => {
                // Cannot happen for a file serde read; still, never lose a problem.
                for p in std::mem::take(&mut out.problems) {
                    out.error(1, 1, 1, format!("{} (at `{}`)", p.message, span::path_text(&p.path)), p.help);
                }
                return;
            }
        }
    }
    let Some((tree, removed)) = &out.tree else { return };
    let mut diagnostics = Vec::new();
    for p in &out.problems {
        let (line, column, width) = locate(tree, removed, &out.source, p);
        let mut d = Diagnostic::error(&out.rel, line, column, p.message.clone()).with_source(&out.source, width);
        if p.warning {
            d.level = Level::Warning;
        }
        d.help = p.help.clone();
        diagnostics.push(d);
    }
    out.diagnostics.extend(diagnostics);
    out.problems.clear();
}

fn locate(tree: &Tree, removed: &[NodeId], source: &str, p: &Problem) -> (usize, usize, usize) {
    let key = p.mark == Mark::Key;
    // The longest part of the path that exists (a missing field points at its parent).
    let node = (0..=p.path.len()).rev().find_map(|n| tree.find(&p.path[..n], key && n == p.path.len(), removed));
    let Some(mut node) = node else { return (1, 1, 1) };
    if let (Some(text), NodeKind::Seq(items)) = (&p.find, &tree.node(tree.resolve(node)).kind) {
        let same = |i: &NodeId| tree.scalar(*i).is_some_and(|s| s.trim() == text);
        if let Some(&item) = items.iter().find(|i| !removed.contains(i) && same(i)) {
            node = item;
        }
    }
    let n = tree.node(node);
    let line_text = source.lines().nth(n.line.saturating_sub(1)).unwrap_or("");
    match (p.mark, &tree.node(tree.resolve(node)).kind) {
        (Mark::Part(offset, len), NodeKind::Scalar { style, text })
            if !text.contains('\n') && *style != span::Style::Block =>
        {
            let quote = usize::from(*style == span::Style::Quoted);
            (n.line, n.column + quote + offset, len.max(1))
        }
        (_, NodeKind::Map { .. } | NodeKind::Seq(_)) => {
            let rest = line_text.chars().skip(n.column.saturating_sub(1)).collect::<String>();
            (n.line, n.column, rest.trim_end().chars().count().max(1))
        }
        _ => (n.line, n.column, tree.width(node, line_text)),
    }
}
