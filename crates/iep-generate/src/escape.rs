//! Turning case text into Typst source that shows it verbatim.
//!
//! Every value a template prints goes through [`typst_formatter`]. It writes
//! the value as a Typst string literal embedded in markup: `#"text";`. Inside
//! a string literal only `\` and `"` mean anything, so no markup character
//! (`* _ # $ @ < [ ] = - + / ~ ' "`, backticks, `//`, URLs, `1.` at a line
//! start) can start a construct; the trailing `;` ends the embedded expression
//! so text that follows in the template (`.`, `(`, `[`) is never read as a
//! method call or argument. A newline in the value becomes `\n`, which Typst
//! lays out as a line break; spaces inside the value are kept as they are.
//!
//! In code positions (a function argument, `#set document(title: ..)`) a
//! template writes `{{ value|typst_str }}`, which gives the bare string
//! literal `"text"`.

use minijinja::value::Value;
use minijinja::{Error, ErrorKind, Output, State};

/// A Typst string literal (with its quotes) whose value is `text`.
pub fn typst_string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\r' => {
                // CRLF and a lone CR are both one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Typst markup that shows `text` verbatim: `#"text";`, or nothing for an
/// empty text. A very long word gets invisible break opportunities (see
/// [`breakable`]) so it wraps instead of running past the margin.
pub fn typst_markup_text(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let text = breakable(text);
    let mut out = String::with_capacity(text.len() + 4);
    out.push('#');
    out.push_str(&typst_string_literal(&text));
    out.push(';');
    out
}

/// A word longer than this many characters may be broken inside: longer
/// than an email address or a service name, so those never split.
const LONG_WORD: usize = 32;
/// How many characters of a long word stay together: narrower than the
/// narrowest table column of the packet.
const WORD_PIECE: usize = 10;
/// U+200B ZERO WIDTH SPACE: a line may break there; nothing is drawn.
const BREAK_OPPORTUNITY: char = '\u{200b}';

/// `text` with a zero-width break opportunity after every [`WORD_PIECE`]
/// characters of each word longer than [`LONG_WORD`] (a URL, an ID, a typo
/// with no spaces): Typst, like a browser, otherwise lets a word with no
/// break in it run past the margin and off the paper, with hyphenation off.
/// Ordinary words are untouched, and so is the text copied out of the PDF.
pub(crate) fn breakable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    while start < chars.len() {
        let end = chars[start..].iter().position(|c| c.is_whitespace()).map_or(chars.len(), |p| start + p);
        let word = &chars[start..end];
        if word.len() > LONG_WORD {
            let mut run = 0;
            for (i, &c) in word.iter().enumerate() {
                out.push(c);
                run += 1;
                let next = word.get(i + 1).copied();
                if run >= WORD_PIECE && next.is_some_and(|n| !joins(c, n)) {
                    out.push(BREAK_OPPORTUNITY);
                    run = 0;
                }
            }
        } else {
            out.extend(word);
        }
        // The whitespace after the word, as it is.
        let next = chars[end..].iter().position(|c| !c.is_whitespace()).map_or(chars.len(), |p| end + p);
        out.extend(&chars[end..next]);
        start = next;
    }
    out
}

/// Whether `next` belongs with `c` (a combining mark, a joiner, a variation
/// selector, an emoji modifier or tag, a flag's second half, the LF of a
/// CRLF): no break is put between them.
fn joins(c: char, next: char) -> bool {
    let combining = |c: char| {
        matches!(c,
            '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05c7}' | '\u{0610}'..='\u{061a}'
            | '\u{064b}'..='\u{065f}' | '\u{0900}'..='\u{0903}' | '\u{093a}'..='\u{094f}' | '\u{0e31}'..='\u{0e3a}'
            | '\u{0e47}'..='\u{0e4e}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{200c}'..='\u{200d}'
            | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{fe20}'..='\u{fe2f}' | '\u{1f3fb}'..='\u{1f3ff}'
            | '\u{e0000}'..='\u{e007f}' | '\u{e0100}'..='\u{e01ef}')
    };
    let regional = |c: char| matches!(c, '\u{1f1e6}'..='\u{1f1ff}');
    combining(next) || c == '\u{200d}' || (regional(c) && regional(next)) || (c == '\r' && next == '\n')
}

/// The environment's one formatter: every printed value is escaped, except
/// output that is already Typst (a macro's or a `{% set %}` block's output,
/// both written by the template, and the result of `typst_str`).
pub(crate) fn typst_formatter(out: &mut Output, _state: &mut State, value: &Value) -> Result<(), Error> {
    if value.is_safe() {
        // Only template-authored output is ever marked safe: the `safe`
        // filter is removed from the environment, so case text cannot be.
        let text = value.as_str().unwrap_or_default();
        return out.write_str(text).map_err(Error::from);
    }
    if value.is_none() {
        // An absent optional field prints as nothing; templates that need it
        // test for it with `{% if %}`.
        return Ok(());
    }
    let text = match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string(),
    };
    out.write_str(&typst_markup_text(&text)).map_err(Error::from)
}

/// `{{ value|typst_str }}`: the value as a Typst string literal, for code
/// positions.
pub(crate) fn typst_str_filter(value: &Value) -> Result<Value, Error> {
    if value.is_undefined() {
        return Err(Error::new(ErrorKind::UndefinedError, "typst_str was given an undefined value"));
    }
    let text = if value.is_none() {
        String::new()
    } else {
        match value.as_str() {
            Some(text) => text.to_string(),
            None => value.to_string(),
        }
    };
    Ok(Value::from_safe_string(typst_string_literal(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_escapes_only_what_strings_need() {
        assert_eq!(typst_string_literal(r#"a\b"c"#), r#""a\\b\"c""#);
        assert_eq!(typst_string_literal("x\r\ny\rz\n"), r#""x\ny\nz\n""#);
        assert_eq!(typst_string_literal("*#$@<>[]"), r#""*#$@<>[]""#);
        assert_eq!(typst_string_literal("\u{7}"), r#""\u{7}""#);
    }

    #[test]
    fn long_words_get_break_opportunities_and_short_ones_do_not() {
        let short = "Speech-language therapy, 2 x 30 min per week";
        assert_eq!(breakable(short), short);
        let long = "a".repeat(45);
        let broken = breakable(&format!("x {long} y"));
        assert_eq!(broken, format!("x {0}\u{200b}{0}\u{200b}{0}\u{200b}{0}\u{200b}aaaaa y", "a".repeat(10)));
        assert_eq!(broken.replace('\u{200b}', ""), format!("x {long} y"));
        // Never between a letter and its accent.
        let accented = "e\u{301}".repeat(30);
        assert!(!breakable(&accented).contains("\u{200b}\u{301}"));
    }

    #[test]
    fn markup_text_ends_the_expression() {
        assert_eq!(typst_markup_text("Maya"), "#\"Maya\";");
        assert_eq!(typst_markup_text(""), "");
    }
}
