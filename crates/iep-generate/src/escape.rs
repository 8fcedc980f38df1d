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
/// empty text.
pub fn typst_markup_text(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(text.len() + 4);
    out.push('#');
    out.push_str(&typst_string_literal(text));
    out.push(';');
    out
}

/// The environment's one formatter: every printed value is escaped, except
/// output that is already Typst (a macro's or a `{% set %}` block's output,
/// both written by the template, and the result of `typst_str`).
pub(crate) fn typst_formatter(
    out: &mut Output,
    _state: &mut State,
    value: &Value,
) -> Result<(), Error> {
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
        return Err(Error::new(
            ErrorKind::UndefinedError,
            "typst_str was given an undefined value",
        ));
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
    fn markup_text_ends_the_expression() {
        assert_eq!(typst_markup_text("Maya"), "#\"Maya\";");
        assert_eq!(typst_markup_text(""), "");
    }
}
