//! Problems with the case files themselves, as opposed to findings about the
//! school. Every diagnostic points at a file, line and column.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The case can still be read; something looks wrong.
    Warning,
    /// The case cannot be trusted until this is fixed.
    Error,
}

/// A problem in a case file, with where it is and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// Path as the user typed it or relative to the case folder.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// How many characters the caret marks (at least 1).
    pub width: usize,
    /// The text of the line, quoted under the message (empty when there is none).
    pub source_line: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            level: Level::Error,
            file: file.into(),
            line: line.max(1),
            column: column.max(1),
            width: 1,
            source_line: String::new(),
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: impl Into<String>, line: usize, column: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic { level: Level::Warning, ..Diagnostic::error(file, line, column, message) }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Quotes line `self.line` of `source`, and marks `width` characters.
    pub fn with_source(mut self, source: &str, width: usize) -> Diagnostic {
        self.source_line = source.lines().nth(self.line.saturating_sub(1)).unwrap_or("").to_owned();
        self.width = width.max(1);
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// Renders in the style of rustc, typst and hledger:
///
/// ```text
/// error: unknown field `minuts`
///  --> services/log.yaml:4:40
///    |
///  4 |   - {date: 2025-09-16, service: speech, minuts: 30}
///    |                                         ^^^^^^
///    = help: did you mean `minutes`?
/// ```
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(f, "{pad}--> {}:{}:{}", self.file, self.line, self.column)?;
        if !self.source_line.is_empty() {
            // Control characters would garble the terminal; show them as �.
            let shown: String =
                self.source_line.chars().map(|c| if c.is_control() && c != '\t' { '\u{FFFD}' } else { c }).collect();
            let shown = shown.replace('\t', " ");
            let (shown, column) = excerpt(&shown, self.column.saturating_sub(1));
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            let line_chars = shown.chars().count();
            let start = column.min(line_chars);
            let width = self.width.min(line_chars.saturating_sub(start)).max(1);
            writeln!(f, "{pad} | {}{}", " ".repeat(start), "^".repeat(width))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = help: {help}")?;
        }
        Ok(())
    }
}

/// Lines longer than this are cut to a window around the column, so a
/// one-line file of thousands of brackets does not flood the terminal.
const MAX_EXCERPT: usize = 120;

/// The part of `line` to quote, and the 0-based column within it.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= MAX_EXCERPT {
        return (line.to_owned(), column);
    }
    // Keep the start of the line when the column is near it; else centre it.
    let start = if column + 20 < MAX_EXCERPT {
        0
    } else {
        column.saturating_sub(MAX_EXCERPT / 2).min(chars.len().saturating_sub(MAX_EXCERPT))
    };
    let end = (start + MAX_EXCERPT).min(chars.len());
    let mut text: String = chars[start..end].iter().collect();
    let mut column = column - start;
    if start > 0 {
        text.insert(0, '…');
        column += 1;
    }
    if end < chars.len() {
        text.push('…');
    }
    (text, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_file_line_column_excerpt_and_help() {
        let source = "kind: service-log\nentries:\n  - {date: 2025-09-16, minuts: 30}\n";
        let d = Diagnostic::error("services/log.yaml", 3, 24, "unknown field `minuts`")
            .with_source(source, 6)
            .with_help("did you mean `minutes`?");
        assert_eq!(
            d.to_string(),
            "error: unknown field `minuts`\n --> services/log.yaml:3:24\n  |\n3 |   - {date: 2025-09-16, minuts: 30}\n  |                        ^^^^^^\n  = help: did you mean `minutes`?\n"
        );
    }

    #[test]
    fn long_lines_are_cut_around_the_column() {
        let source = format!("{}x{}", "[".repeat(5000), "]".repeat(5000));
        let d = Diagnostic::error("deep.yaml", 1, 5001, "too deep").with_source(&source, 1);
        let text = d.to_string();
        let quoted = text.lines().nth(3).unwrap();
        assert!(quoted.chars().count() < 140, "{quoted}");
        let caret = text.lines().nth(4).unwrap();
        let at = caret.find('^').unwrap();
        assert_eq!(quoted.chars().nth(at), Some('x'), "{text}");
    }
}
