//! A problem found after a file was read, named by its path in the file
//! (`entries[12].service`); the loader turns it into a located diagnostic.

use crate::span::Seg;

/// What the caret marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The value at the path.
    Value,
    /// The key of the last step of the path.
    Key,
    /// Part of a text value: character offset and length within the text.
    Part(usize, usize),
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub path: Vec<Seg>,
    pub mark: Mark,
    pub message: String,
    pub help: Option<String>,
    pub warning: bool,
    /// When the path names a list: the item with this text.
    pub find: Option<String>,
}

impl Problem {
    pub fn new(path: Vec<Seg>, message: impl Into<String>) -> Problem {
        Problem { path, mark: Mark::Value, message: message.into(), help: None, warning: false, find: None }
    }
    pub fn help(mut self, help: impl Into<String>) -> Problem {
        self.help = Some(help.into());
        self
    }
    pub fn find(mut self, text: &str) -> Problem {
        self.find = Some(text.to_owned());
        self
    }
    pub fn key(mut self) -> Problem {
        self.mark = Mark::Key;
        self
    }
    pub fn part(mut self, offset: usize, len: usize) -> Problem {
        self.mark = Mark::Part(offset, len);
        self
    }
}

/// Builds a path from keys and indexes: `at!["entries", 3, "service"]`.
macro_rules! at {
    ($($seg:expr),* $(,)?) => { vec![$(crate::problem::IntoSeg::into_seg($seg)),*] };
}
pub(crate) use at;

pub trait IntoSeg {
    fn into_seg(self) -> Seg;
}
impl IntoSeg for &str {
    fn into_seg(self) -> Seg {
        Seg::Key(self.to_owned())
    }
}
impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}

/// The closest of `known` to `word`, when it is close enough to suggest:
/// a typo or two away, or a near-identical spelling.
pub fn nearest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    // `G3` one edit from `G1` is not a typo of it: short ids need more than edits.
    let allowed = if lower.chars().count() < 4 { 0 } else { (lower.chars().count() / 3).max(1) };
    known
        .into_iter()
        .map(|k| {
            let k_lower = k.to_lowercase();
            (k, strsim::levenshtein(&lower, &k_lower), strsim::jaro_winkler(&lower, &k_lower))
        })
        .filter(|(_, edits, similar)| *edits <= allowed || *similar >= 0.9)
        .min_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(k, ..)| k)
}

/// `a`, `b` and `c` (the first 12).
pub fn list(items: &[&str]) -> String {
    list_at_most(items, 12)
}

/// `a`, `b` and `c`, the first `most` of them: a short list every name of
/// which a reader needs (the kinds) is given whole.
pub fn list_at_most(items: &[&str], most: usize) -> String {
    let shown: Vec<String> = items.iter().take(most).map(|i| format!("`{i}`")).collect();
    let more = items.len().saturating_sub(most);
    let mut text = match shown.len() {
        0 => String::new(),
        1 => shown[0].clone(),
        n => format!("{} and {}", shown[..n - 1].join(", "), shown[n - 1]),
    };
    if more > 0 {
        text.push_str(&format!(" (and {more} more)"));
    }
    text
}
