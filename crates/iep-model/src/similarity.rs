//! "Similar text" as checks.md defines it.

use std::cmp::Ordering;

use similar::{DiffTag, TextDiff};

/// Trims both ends and collapses runs of white space into one space.
pub fn normalize_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The similarity of two texts as the exact fraction 2 × M ÷ T: M characters
/// kept by a minimal character diff, T characters in both texts. Kept as
/// integers so a text exactly at a threshold counts as similar (an `f32`
/// ratio puts 0.9 just below 0.90).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Similarity {
    pub matched: usize,
    pub total: usize,
}

impl Similarity {
    /// The ratio, for display. Two empty texts are 0.0.
    pub fn ratio(self) -> f64 {
        if self.total == 0 { 0.0 } else { (2 * self.matched) as f64 / self.total as f64 }
    }

    /// Whether 2 × M ≥ threshold × T, compared exactly with the threshold as
    /// the decimal written in the settings. Two empty texts are never similar.
    pub fn at_least(self, threshold: f64) -> bool {
        self.total > 0 && ratio_at_least(2 * self.matched, self.total, threshold)
    }

    /// Orders by ratio, compared exactly (2M₁ × T₂ against 2M₂ × T₁).
    pub fn cmp_ratio(self, other: Similarity) -> Ordering {
        let left = (2 * self.matched as u128) * other.total.max(1) as u128;
        let right = (2 * other.matched as u128) * self.total.max(1) as u128;
        left.cmp(&right)
    }
}

/// Whether `numerator ÷ denominator ≥ threshold`, reading the threshold as the
/// shortest decimal that gives it back (`0.9` is 9/10, not the binary value
/// just above it), so a ratio exactly at a written threshold meets it.
fn ratio_at_least(numerator: usize, denominator: usize, threshold: f64) -> bool {
    if threshold.is_nan() {
        return false;
    }
    if threshold <= 0.0 {
        return true;
    }
    let written = format!("{threshold}");
    let (whole, fraction) = written.split_once('.').unwrap_or((&written, ""));
    let digits = format!("{whole}{fraction}");
    let exact = u32::try_from(fraction.len()).ok().filter(|&places| places <= 30).and_then(|places| {
        let scale = 10u128.checked_pow(places)?;
        let wanted: u128 = digits.parse().ok()?;
        Some((numerator as u128).checked_mul(scale)? >= wanted.checked_mul(denominator as u128)?)
    });
    // Thresholds too large or too fine for 128 bits: no ratio of texts lies
    // near them, so the float comparison decides the same way.
    exact.unwrap_or(numerator as f64 >= threshold * denominator as f64)
}

/// The similarity of two texts, after trimming and collapsing white space.
pub fn similarity_of(a: &str, b: &str) -> Similarity {
    let a = normalize_ws(a);
    let b = normalize_ws(b);
    let total = a.chars().count() + b.chars().count();
    // A pasted text is the common case, and a diff of it the costly one.
    if a == b {
        return Similarity { matched: total / 2, total };
    }
    let diff = TextDiff::from_chars(a.as_str(), b.as_str());
    let matched = diff
        .ops()
        .iter()
        .map(|op| op.as_tag_tuple())
        .filter(|(tag, _, _)| *tag == DiffTag::Equal)
        .map(|(_, old, _)| old.len())
        .sum();
    Similarity { matched, total }
}

/// The similarity of two texts as a ratio: 2 × M ÷ T over characters, after
/// trimming and collapsing white space. Two empty texts are not similar (0.0).
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_of(a, b).ratio()
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
    if !(Similarity { matched: shared, total }).at_least(threshold) {
        return None;
    }
    let score = similarity_of(&na, &nb);
    score.at_least(threshold).then_some(score.ratio())
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
        assert!(!similarity_of("", "").at_least(0.0));
    }

    #[test]
    fn a_tie_at_the_threshold_counts_as_similar() {
        // 20 characters each, 18 kept: 2 × 18 ÷ 40 is exactly 0.90, which an
        // f32 ratio (0.8999999761...) put below the threshold.
        let (a, b) = ("Maya read the story.", "Maya read the stork!");
        let score = similarity_of(a, b);
        assert_eq!(score, Similarity { matched: 18, total: 40 });
        assert!(score.at_least(0.90));
        assert!(!score.at_least(0.9000001));
        assert_eq!(similarity_at_least(a, b, 0.90), Some(0.9));
        // 4 × 2 ÷ 10 is exactly 0.80, the rename threshold.
        assert!(Similarity { matched: 4, total: 10 }.at_least(0.80));
        assert!(
            Similarity { matched: 7, total: 20 }.at_least(0.7) && !Similarity { matched: 7, total: 20 }.at_least(0.71)
        );
    }

    #[test]
    fn thresholds_outside_zero_to_one_decide_plainly() {
        let half = Similarity { matched: 1, total: 4 };
        assert!(half.at_least(0.0) && half.at_least(-1.0) && half.at_least(1e-300));
        assert!(!half.at_least(1.5) && !half.at_least(1e300) && !half.at_least(f64::NAN));
        assert!(Similarity { matched: 2, total: 4 }.at_least(1.0));
    }

    #[test]
    fn similarities_order_by_exact_ratio() {
        let nine_twentieths = Similarity { matched: 9, total: 20 };
        assert_eq!(nine_twentieths.cmp_ratio(Similarity { matched: 18, total: 40 }), Ordering::Equal);
        assert_eq!(nine_twentieths.cmp_ratio(Similarity { matched: 8, total: 20 }), Ordering::Greater);
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
                let exact = similarity_of(a, b);
                let expected = exact.at_least(threshold).then_some(exact.ratio());
                assert_eq!(similarity_at_least(a, b, threshold), expected, "{a:?} {b:?} {threshold}");
            }
        }
    }

    #[test]
    fn different_texts_score_low() {
        assert!(similarity("Breaks as needed", "Extended time on tests") < 0.5);
    }
}
