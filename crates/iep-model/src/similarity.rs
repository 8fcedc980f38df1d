//! "Similar text" as checks.md defines it.

use similar::TextDiff;

/// Trims both ends and collapses runs of white space into one space.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The similarity of two texts: 2 × M ÷ T over characters, after trimming and
/// collapsing white space. Two empty texts are not similar (0.0).
pub fn similarity(a: &str, b: &str) -> f64 {
    let a = normalize_ws(a);
    let b = normalize_ws(b);
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    // A pasted text is the common case, and a diff of it the costly one.
    if a == b {
        return 1.0;
    }
    f64::from(TextDiff::from_chars(a.as_str(), b.as_str()).ratio())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_are_fully_similar() {
        assert_eq!(similarity("Maya  is making\nprogress.", "Maya is making progress."), 1.0);
    }

    #[test]
    fn empty_texts_are_not_similar() {
        assert_eq!(similarity("", "  "), 0.0);
    }

    #[test]
    fn different_texts_score_low() {
        assert!(similarity("Breaks as needed", "Extended time on tests") < 0.5);
    }
}
