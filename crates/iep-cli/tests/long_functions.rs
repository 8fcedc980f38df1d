//! Lean functions (STYLE, issue 23): no function in `crates/*/src` or
//! `xtask/src` runs over 120 lines, counted from its `fn` line to its closing
//! brace. A longer one is split by responsibility, so each part can be tested
//! alone.

use std::fs;
use std::path::{Path, PathBuf};

/// The most lines a function may take, its signature and closing brace included.
const MAX_LINES: usize = 120;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`, by its path from the workspace root (with `/`).
fn rust_files(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            let rel = path.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            out.push((rel, fs::read_to_string(&path).unwrap()));
        }
    }
}

/// The sources the rule covers: each crate's `src/` and xtask's.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in fs::read_dir(root().join("crates")).unwrap() {
        let src = entry.unwrap().path().join("src");
        if src.is_dir() {
            rust_files(&src, &mut out);
        }
    }
    rust_files(&root().join("xtask/src"), &mut out);
    out.sort();
    assert!(out.len() > 50, "found only {} source files", out.len());
    out
}

/// The name of the function a line declares, if it starts one
/// (`pub(crate) const fn name<T>(`...).
fn declared_fn(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    loop {
        let word = rest.split(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
        match word {
            "fn" => break,
            "pub" | "const" | "async" | "unsafe" | "extern" | "default" => {
                rest = rest[word.len()..].trim_start();
                // `pub(crate)`, `pub(super)`, `extern "C"`.
                if let Some(after) = rest.strip_prefix('(') {
                    rest = after.split_once(')')?.1.trim_start();
                } else if rest.starts_with('"') {
                    rest = rest[1..].split_once('"')?.1.trim_start();
                }
            }
            _ => return None,
        }
    }
    let name = rest["fn".len()..].trim_start();
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(name.len());
    (end > 0).then(|| &name[..end])
}

/// Each function of a formatted source with its first line (1-based) and its
/// length in lines: from its `fn` line to the closing brace at the `fn`'s own
/// indent (rustfmt puts it there). A declaration without a body is left out.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent_of = |line: &str| line.len() - line.trim_start().len();
    let mut out = Vec::new();
    for (at, line) in lines.iter().enumerate() {
        let Some(name) = declared_fn(line) else { continue };
        let indent = indent_of(line);
        // The signature ends at the first line ending in `{` (a body follows),
        // `;` (none does) or, on the `fn` line itself, `}` (a one-line body).
        let Some(open) = (at..lines.len()).find(|&i| {
            let t = lines[i].trim_end();
            t.ends_with('{') || t.ends_with(';') || (i == at && t.ends_with('}'))
        }) else {
            continue;
        };
        let opened = lines[open].trim_end();
        if opened.ends_with(';') {
            continue;
        }
        let close = if opened.ends_with('{') {
            (open + 1..lines.len()).find(|&i| indent_of(lines[i]) == indent && lines[i].trim_start().starts_with('}'))
        } else {
            Some(open)
        };
        if let Some(close) = close {
            out.push((name.to_owned(), at + 1, close - at + 1));
        }
    }
    out
}

#[test]
fn no_function_runs_over_120_lines() {
    let mut long = Vec::new();
    let mut counted = 0;
    for (path, text) in sources() {
        for (name, line, length) in functions(&text) {
            counted += 1;
            if length > MAX_LINES {
                long.push(format!("{path}:{line}: `{name}` is {length} lines"));
            }
        }
    }
    // A finder that stopped finding would pass everything.
    assert!(counted > 1000, "found only {counted} functions");
    assert!(
        long.is_empty(),
        "functions over {MAX_LINES} lines; split each by responsibility so each part can be tested alone:\n{}",
        long.join("\n")
    );
}

/// The counting the rule relies on: signature to closing brace, nested
/// functions counted on their own, declarations without a body left out.
#[test]
fn a_function_is_counted_from_fn_to_its_closing_brace() {
    let text = "\
pub(crate) fn outer<T>(x: T) -> u32
where
    T: Copy,
{
    fn inner() -> u32 { 1 }
    let s = \"}\";
    inner()
}

trait Named {
    fn name(&self) -> &str;
    fn shout(&self) -> String {
        self.name().to_uppercase()
    }
}
const fn one() -> u32 {
    1
}
";
    let found = functions(text);
    assert_eq!(
        found,
        [
            ("outer".to_owned(), 1, 8),
            ("inner".to_owned(), 5, 1),
            ("shout".to_owned(), 12, 3),
            ("one".to_owned(), 16, 3),
        ]
    );
    assert_eq!(declared_fn("    pub(super) async fn go() {"), Some("go"));
    assert_eq!(declared_fn("    let fn_name = 1;"), None);
    assert_eq!(declared_fn("// fn commented()"), None);
}
