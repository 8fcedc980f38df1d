//! Word-level edits between two texts, for the side-by-side chart.

use iep_model::wording::{join_and, quote};
use serde::Serialize;
use similar::{ChangeTag, TextDiff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    Same,
    Removed,
    Added,
}

/// A run of words kept, removed or added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordEdit {
    pub op: WordOp,
    pub text: String,
}

/// The word-level edit from `old` to `new`; runs of one kind are merged.
pub fn word_edits(old: &str, new: &str) -> Vec<WordEdit> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<WordEdit> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => WordOp::Same,
            ChangeTag::Delete => WordOp::Removed,
            ChangeTag::Insert => WordOp::Added,
        };
        let piece = change.value();
        match out.last_mut() {
            Some(last) if last.op == op => last.text.push_str(piece),
            _ => out.push(WordEdit { op, text: piece.to_owned() }),
        }
    }
    out
}

/// The removed and added words in plain words: `“80%” became “60%”`,
/// `“(1.5x)” was taken out`, `“when appropriate” was added`.
pub fn summarize(edits: &[WordEdit]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < edits.len() {
        match edits[i].op {
            WordOp::Same => i += 1,
            WordOp::Removed => {
                let removed = edits[i].text.trim();
                if let Some(next) = edits.get(i + 1).filter(|e| e.op == WordOp::Added) {
                    parts.push(format!("{} became {}", quote(removed), quote(next.text.trim())));
                    i += 2;
                } else {
                    parts.push(format!("{} was taken out", quote(removed)));
                    i += 1;
                }
            }
            WordOp::Added => {
                parts.push(format!("{} was added", quote(edits[i].text.trim())));
                i += 1;
            }
        }
    }
    join_and(&parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_merge_runs_and_summarize() {
        let edits = word_edits(
            "Extended time (1.5x) on tests and quizzes",
            "Extended time on tests and quizzes when appropriate",
        );
        assert_eq!(edits.iter().filter(|e| e.op != WordOp::Same).count(), 2);
        assert_eq!(
            summarize(&edits),
            "\u{201c}(1.5x)\u{201d} was taken out and \u{201c}when appropriate\u{201d} was added"
        );
    }

    #[test]
    fn a_replaced_word_reads_as_became() {
        let edits = word_edits("in 80% of opportunities", "in 60% of opportunities");
        assert_eq!(summarize(&edits), "\u{201c}80%\u{201d} became \u{201c}60%\u{201d}");
    }
}
