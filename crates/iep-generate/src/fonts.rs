//! Fonts from `--font-path DIR`, and the check that every character of the
//! case has a font that can show it.
//!
//! Typst does not stop when no font has a glyph for a character: the letter
//! would go out with a blank box where a name should be. So before compiling,
//! every string of the context is checked against the loaded fonts and each
//! text that cannot be shown is named in a warning.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::Font;

use crate::GenerateError;
use crate::world::FontSet;

/// How deep below a `--font-path` folder fonts are looked for.
const MAX_DEPTH: usize = 4;
/// Font files above this size are skipped (no real font is this large).
const MAX_FONT_BYTES: u64 = 64 * 1024 * 1024;

/// Loads every font file (`.ttf`, `.otf`, `.ttc`, `.otc`) in each folder (or
/// file) of `paths`, in a stable order.
pub(crate) fn load_font_paths(paths: &[PathBuf]) -> Result<Vec<Font>, GenerateError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = fs::metadata(path)
            .map_err(|source| GenerateError::FontPath { path: path.clone(), message: source.to_string() })?;
        if meta.is_file() {
            files.push(path.clone());
        } else {
            collect_font_files(path, 0, &mut files)?;
        }
    }
    let mut fonts = Vec::new();
    for file in files {
        let data = fs::read(&file)
            .map_err(|source| GenerateError::FontPath { path: file.clone(), message: source.to_string() })?;
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(GenerateError::FontPath {
                path: file,
                message: "this file is not a font Typst can read".into(),
            });
        }
    }
    Ok(fonts)
}

fn collect_font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<(), GenerateError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries = fs::read_dir(dir)
        .map_err(|source| GenerateError::FontPath { path: dir.to_path_buf(), message: source.to_string() })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let Ok(meta) = fs::metadata(&path) else { continue };
        if meta.is_dir() {
            collect_font_files(&path, depth + 1, out)?;
        } else if meta.is_file() && is_font_file(&path) && meta.len() <= MAX_FONT_BYTES {
            out.push(path);
        }
    }
    Ok(())
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
}

/// Characters that are never drawn on their own, so need no glyph.
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c,
            '\u{00AD}'                      // soft hyphen
            | '\u{200B}'..='\u{200F}'       // zero-width space, joiners, marks
            | '\u{202A}'..='\u{202E}'       // bidi embedding
            | '\u{2060}'..='\u{206F}'       // word joiner, invisible operators
            | '\u{FE00}'..='\u{FE0F}'       // variation selectors
            | '\u{FEFF}'                    // byte order mark
            | '\u{E0000}'..='\u{E007F}'     // tags
            | '\u{E0100}'..='\u{E01EF}'     // variation selectors supplement
        )
}

/// One warning per text of `context` that has characters no font covers.
/// `context` is walked in order; the path of each string names where it came
/// from (`child.name`, `facts[2].text`).
pub(crate) fn coverage_warnings(context: &serde_json::Value, fonts: &FontSet) -> Vec<String> {
    let mut warnings = Vec::new();
    let mut seen_texts = BTreeSet::new();
    walk_strings(context, &mut String::new(), &mut |path, text| {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            if !needs_no_glyph(c) && !missing.contains(&c) && !fonts.covers(c) {
                missing.push(c);
            }
        }
        if missing.is_empty() || !seen_texts.insert(text.to_string()) {
            return;
        }
        let shown: Vec<String> = missing.iter().take(12).map(|c| c.to_string()).collect();
        let more = if missing.len() > 12 { format!(" and {} more", missing.len() - 12) } else { String::new() };
        warnings.push(format!(
            "The {} \"{}\" has characters no font here can show ({}{}): add a font that covers them with --font-path DIR",
            describe(path),
            excerpt(text),
            shown.join(", "),
            more,
        ));
    });
    warnings
}

/// `child.name` → `child name`; `facts[3].text` → `facts text`. Plain words
/// for the warning; the text itself says which one it is.
fn describe(path: &str) -> String {
    let words: Vec<&str> = path.split(['.', '[']).filter(|s| !s.is_empty() && !s.ends_with(']')).collect();
    if words.is_empty() { "text".into() } else { words.join(" ").replace('_', " ") }
}

/// The text, shortened to one line of at most 60 characters.
fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= 60 {
        one_line
    } else {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}...")
    }
}

fn walk_strings(value: &serde_json::Value, path: &mut String, f: &mut dyn FnMut(&str, &str)) {
    match value {
        serde_json::Value::String(text) => f(path, text),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                walk_strings(item, path, f);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describe_paths_in_plain_words() {
        assert_eq!(describe("child.name"), "child name");
        assert_eq!(describe("facts[3].text"), "facts text");
        assert_eq!(describe("parent.email_address"), "parent email address");
        assert_eq!(describe(""), "text");
    }

    #[test]
    fn embedded_fonts_cover_latin_not_cjk() {
        let fonts = FontSet::embedded();
        let ctx = serde_json::json!({"child": {"name": "陈美玲"}, "parent": {"name": "José Müller"}});
        let warnings = coverage_warnings(&ctx, &fonts);
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(
            warnings[0],
            "The child name \"陈美玲\" has characters no font here can show (陈, 美, 玲): add a font that covers them with --font-path DIR"
        );
    }
}
