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

/// [`similarity`] when it is at least `threshold`, else `None`. Most pairs of
/// texts are far apart: counting their characters proves it without a diff.
pub fn similarity_at_least(a: &str, b: &str, threshold: f64) -> Option<f64> {
    let (na, nb) = (normalize_ws(a), normalize_ws(b));
    // Every matched character is in both texts: M is at most the characters
    // they share, counted with repeats.
    let mut counts: std::collections::HashMap<char, (usize, usize)> = std::collections::HashMap::new();
    for c in na.chars() {
        counts.entry(c).or_default().0 += 1;
    }
    for c in nb.chars() {
        counts.entry(c).or_default().1 += 1;
    }
    let shared: usize = counts.values().map(|(x, y)| x.min(y)).sum();
    let total: usize = counts.values().map(|(x, y)| x + y).sum();
    if total == 0 || (2 * shared) as f64 / (total as f64) < threshold {
        return None;
    }
    let score = similarity(&na, &nb);
    (score >= threshold).then_some(score)
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
    fn the_bound_never_drops_a_similar_pair() {
        let pairs = [
            ("Maya is making progress toward her goal.", "Maya is making progress toward her goals."),
            ("Breaks as needed", "Extended time on tests"),
            ("abc", "cba"),
            ("", "x"),
        ];
        for (a, b) in pairs {
            for threshold in [0.0, 0.3, 0.5, 0.9, 1.0] {
                let exact = similarity(a, b);
                let expected = (exact >= threshold && !(a.trim().is_empty() && b.trim().is_empty())).then_some(exact);
                assert_eq!(similarity_at_least(a, b, threshold), expected, "{a:?} {b:?} {threshold}");
            }
        }
    }

    #[test]
    fn different_texts_score_low() {
        assert!(similarity("Breaks as needed", "Extended time on tests") < 0.5);
    }
}
