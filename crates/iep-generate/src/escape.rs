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
/// empty text. A very long word is split into pieces with an empty box
/// between them (see [`pieces`]), so it wraps instead of running past the
/// margin, while the text a reader copies out keeps every character and
/// gains none.
pub fn typst_markup_text(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(text.len() + 4);
    for (i, piece) in pieces(text).into_iter().enumerate() {
        if i > 0 {
            out.push_str(BREAK_OPPORTUNITY);
        }
        out.push('#');
        out.push_str(&typst_string_literal(piece));
        out.push(';');
    }
    out
}

/// A word longer than this many characters may be broken inside: longer
/// than most email addresses and any service name, so those stay one piece
/// (a longer one is cut, and still copies out whole).
const LONG_WORD: usize = 32;
/// How many characters of a long word stay together at most: narrower than
/// the narrowest table column of the packet.
const WORD_PIECE: usize = 10;
/// An empty inline box: a line may break before or after it (Unicode line
/// breaking treats an inline object so), and it draws nothing and puts no
/// character in the PDF's text, unlike a zero-width space, which a reader
/// copying an email address out of a letter would paste with it.
const BREAK_OPPORTUNITY: &str = "#box();";

/// `text` cut where a line may break inside a word longer than
/// [`LONG_WORD`] characters (a URL, an email address, an ID, a typo with no
/// spaces): after a `/`, `@`, `.`, `-`, `_`, `?`, `&` or `=` of it, and
/// after [`WORD_PIECE`] characters with none; Typst, like a browser,
/// otherwise lets a word with no break in it run past the margin and off the
/// paper, with hyphenation off. Ordinary words are never cut, and never
/// between a letter and its accent. The pieces joined are `text`.
pub(crate) fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut rest = text;
    let mut offset = 0;
    while !rest.is_empty() {
        // One word, or one run of whitespace.
        let space = rest.starts_with(char::is_whitespace);
        let len = rest.find(|c: char| c.is_whitespace() != space).unwrap_or(rest.len());
        let word = &rest[..len];
        if !space && word.chars().count() > LONG_WORD {
            let mut run = 0;
            let mut chars = word.char_indices().peekable();
            while let Some((_, c)) = chars.next() {
                run += 1;
                let Some(&(next_at, next)) = chars.peek() else { break };
                let after_punctuation = matches!(c, '/' | '@' | '.' | '-' | '_' | '?' | '&' | '=');
                if (after_punctuation || run >= WORD_PIECE) && !joins(c, next) {
                    let cut = offset + next_at;
                    out.push(&text[piece_start..cut]);
                    piece_start = cut;
                    run = 0;
                }
            }
        }
        offset += len;
        rest = &rest[len..];
    }
    out.push(&text[piece_start..]);
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
    fn long_words_are_cut_into_pieces_and_short_ones_are_not() {
        let short = "Speech-language therapy, 2 x 30 min per week";
        assert_eq!(pieces(short), vec![short]);
        let long = "a".repeat(45);
        let text = format!("x {long} y");
        let ten = "a".repeat(10);
        assert_eq!(pieces(&text), vec![format!("x {ten}").as_str(), &ten, &ten, &ten, "aaaaa y"]);
        assert_eq!(pieces(&text).concat(), text);
        // After the punctuation of an address, and the pieces make it again.
        let address = "maya.rodriguez.parent.of.maya@family-example.org";
        assert_eq!(
            pieces(address),
            vec!["maya.", "rodriguez.", "parent.", "of.", "maya@", "family-", "example.", "org"]
        );
        // Never between a letter and its accent.
        let accented = "e\u{301}".repeat(30);
        assert!(pieces(&accented).iter().skip(1).all(|p| !p.starts_with('\u{301}')));
        assert_eq!(pieces(&accented).concat(), accented);
    }

    #[test]
    fn a_long_word_breaks_at_empty_boxes_never_at_a_character() {
        let address = "maya.rodriguez.parent.of.maya@family-example.org";
        let markup = typst_markup_text(address);
        assert!(markup.starts_with("#\"maya.\";#box();#\"rodriguez.\";"), "{markup}");
        assert!(!markup.contains('\u{200b}'), "{markup}");
    }

    #[test]
    fn markup_text_ends_the_expression() {
        assert_eq!(typst_markup_text("Maya"), "#\"Maya\";");
        assert_eq!(typst_markup_text(""), "");
    }
}
