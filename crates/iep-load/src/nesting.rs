//! How deeply a file nests, found before any YAML parser sees it. The
//! parser reads a whole file into events before its recursion limit
//! applies, and its time grows with the square of the depth: 100,000 levels
//! of `{a: ` ran past a minute. This scan stops at the first level past the
//! limit, so a hostile file is refused at once.

/// Deeper than this is not a case file (the parser itself stops at 128).
pub(crate) const MAX_DEPTH: usize = 1000;

/// The line and column (1-based) where `source` first nests deeper than
/// `limit`: flow collections (`{`, `[`) opened inside one another, or block
/// indicators (`- `, `? `) stacked on one line. Text in quotes, comments
/// and block scalars (`|`, `>`) is not counted.
pub(crate) fn too_deep_at(source: &str, limit: usize) -> Option<(usize, usize)> {
    let mut scan = Scan { depth: 0, quote: None, block_scalar: None, limit };
    for (index, line) in source.split('\n').enumerate() {
        if let Some(column) = scan.line(line) {
            return Some((index + 1, column));
        }
    }
    None
}

struct Scan {
    /// Open flow collections.
    depth: usize,
    /// Inside a quoted scalar (it may span lines): its quote.
    quote: Option<char>,
    /// Inside a block scalar: the indentation of the line that began it.
    block_scalar: Option<usize>,
    limit: usize,
}

impl Scan {
    /// Scans one line; the column where the limit is passed, if it is.
    fn line(&mut self, line: &str) -> Option<usize> {
        let indent = line.chars().take_while(|c| *c == ' ').count();
        if let Some(parent) = self.block_scalar {
            if line.trim().is_empty() || indent > parent {
                return None;
            }
            self.block_scalar = None;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut stacked = 0;
        // At the start of a value: where `{`, `[`, a quote or `|` begin one.
        let mut value_start = true;
        let mut prev = ' ';
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            i += 1;
            if let Some(q) = self.quote {
                // An escape in double quotes and `''` in single quotes do not end the quote.
                let escaped = (c == '\\' && q == '"') || (c == q && q == '\'' && next == Some('\''));
                if escaped {
                    i += 1;
                } else if c == q {
                    self.quote = None;
                    value_start = false;
                }
                prev = c;
                continue;
            }
            let spaced = next.is_none_or(char::is_whitespace);
            if c == '#' && prev.is_whitespace() {
                break;
            }
            if self.depth > 0 {
                match c {
                    '{' | '[' => {
                        self.depth += 1;
                        if self.depth > self.limit {
                            return Some(i);
                        }
                    }
                    '}' | ']' => {
                        self.depth -= 1;
                        value_start = false;
                    }
                    '"' | '\'' if prev.is_whitespace() || matches!(prev, '{' | '[' | ',' | ':') => {
                        self.quote = Some(c);
                    }
                    _ => {}
                }
                prev = c;
                continue;
            }
            match c {
                ' ' | '\t' => {}
                '{' | '[' if value_start => {
                    self.depth = 1;
                    if self.depth > self.limit {
                        return Some(i);
                    }
                }
                '"' | '\'' if value_start => self.quote = Some(c),
                '|' | '>' if value_start => {
                    self.block_scalar = Some(indent);
                    break;
                }
                '-' | '?' if value_start && spaced => {
                    stacked += 1;
                    if stacked > self.limit {
                        return Some(i);
                    }
                }
                ':' if spaced => value_start = true,
                _ => value_start = false,
            }
            prev = c;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_flow_and_stacked_block_nesting() {
        assert_eq!(too_deep_at("a: {b: [1, {c: 2}]}\n", 3), None);
        assert_eq!(too_deep_at("a: {b: [1, {c: [2]}]}\n", 3), Some((1, 16)));
        assert_eq!(too_deep_at("- - - x\n", 3), None);
        assert_eq!(too_deep_at("- - - - x\n", 3), Some((1, 7)));
        assert_eq!(too_deep_at("a:\n  - {\n   b: [[[\n", 3), Some((3, 9)));
    }

    #[test]
    fn text_is_not_nesting() {
        let limit = 2;
        for text in [
            "note: see {{{ and [[[\n",
            "note: \"{{{{\"\n",
            "note: '[[[[ it''s'\n",
            "# {{{{{\n",
            "a: 1 # [[[[\n",
            "note: |\n  {{{{\n  [[[[\nnext: 1\n",
            "entries:\n  - {note: \"{{{{\", said: 'it''s [[[['}\n",
            "entries:\n  - {note: it's fine, b: [1]}\n",
        ] {
            assert_eq!(too_deep_at(text, limit), None, "{text}");
        }
        // After the block scalar, counting resumes.
        assert_eq!(too_deep_at("note: |\n  {{{{\nnext: [[[\n", limit), Some((3, 9)));
    }

    #[test]
    fn deep_nesting_is_found_at_once() {
        let text = "{a: ".repeat(100_000);
        assert_eq!(too_deep_at(&text, MAX_DEPTH), Some((1, MAX_DEPTH * 4 + 1)));
    }
}
