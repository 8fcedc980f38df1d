//! Softening phrases: words that leave delivery to the school's discretion
//! (checks.md, "Quality of the plan itself"). `vague-language` names them and
//! `weakened-wording` counts them the same way.

/// Phrases that soften a commitment, matched case-insensitively as whole words.
const SOFTENING: &[&str] = &[
    "as needed",
    "as necessary",
    "if necessary",
    "when needed",
    "when appropriate",
    "as appropriate",
    "at teacher discretion",
    "at the discretion of",
    "may",
    "might",
    "some",
    "often",
    "rarely",
    "frequently",
    "periodically",
    "opportunities to",
];

/// Prompting words soften only a text that holds no number.
const PROMPTING: &[&str] = &[
    "prompt",
    "prompts",
    "prompted",
    "prompting",
    "cue",
    "cues",
    "cued",
    "cueing",
    "encourage",
    "encouraged",
    "reminder",
    "reminders",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// One softening phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The phrase as the list spells it (`as needed`).
    pub phrase: &'static str,
    /// Character offset in the text with white space collapsed.
    pub at: usize,
}

/// Every softening phrase in `text`, each occurrence, in text order.
pub(crate) fn softening_phrases(text: &str) -> Vec<Found> {
    let original: Vec<char> = iep_model::normalize_ws(text).chars().collect();
    // One lower-case char per char, so offsets stay aligned.
    let lower: Vec<char> = original.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let mut found = Vec::new();
    for &phrase in SOFTENING {
        for at in occurrences(&lower, phrase) {
            if phrase == "may" && !may_is_a_verb(&original, at) {
                continue;
            }
            found.push(Found { phrase, at });
        }
    }
    if !has_number(&lower) {
        for &phrase in PROMPTING {
            found.extend(occurrences(&lower, phrase).into_iter().map(|at| Found { phrase, at }));
        }
    }
    found.sort_by_key(|f| f.at);
    found
}

/// How many softening phrases `text` holds.
#[cfg(test)]
pub(crate) fn softening_count(text: &str) -> usize {
    softening_phrases(text).len()
}

/// The distinct phrases found, in text order, for messages.
pub(crate) fn distinct(found: &[Found]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for f in found {
        if !out.contains(&f.phrase) {
            out.push(f.phrase);
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Offsets where `phrase` occurs in `text` as whole words.
fn occurrences(text: &[char], phrase: &str) -> Vec<usize> {
    let phrase: Vec<char> = phrase.chars().collect();
    let mut out = Vec::new();
    if phrase.is_empty() || text.len() < phrase.len() {
        return out;
    }
    for start in 0..=text.len() - phrase.len() {
        // Most places fail on the first character: test it before the rest.
        if text[start] != phrase[0] {
            continue;
        }
        let end = start + phrase.len();
        if text[start..end] != phrase[..] {
            continue;
        }
        let before_ok = start == 0 || !is_word_char(text[start - 1]);
        let after_ok = end == text.len() || !is_word_char(text[end]);
        if before_ok && after_ok {
            out.push(start);
        }
    }
    out
}

/// "may" in lower case is the verb; capitalised it is the verb only at the
/// start of the text or of a sentence, and the month anywhere else.
fn may_is_a_verb(original: &[char], at: usize) -> bool {
    let word: String = original[at..at + 3].iter().collect();
    if word == "may" {
        return true;
    }
    let previous = original[..at].iter().rev().find(|c| !c.is_whitespace());
    match previous {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?'),
    }
}

/// The text holds a digit or a number word from one to twenty.
fn has_number(lower: &[char]) -> bool {
    lower.iter().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.iter().any(|w| !occurrences(lower, w).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&'static str> {
        softening_phrases(text).into_iter().map(|f| f.phrase).collect()
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(phrases("Breaks as needed"), ["as needed"]);
        assert!(phrases("Sometimes handsome often-ness").contains(&"often"));
        assert_eq!(phrases("Handsome maybe dismay"), Vec::<&str>::new());
    }

    #[test]
    fn may_the_month_is_not_counted() {
        assert_eq!(phrases("Reviewed each May and by May 4."), Vec::<&str>::new());
        assert_eq!(phrases("May use a calculator."), ["may"]);
        assert_eq!(phrases("Tests read aloud. May use a calculator."), ["may"]);
        assert_eq!(phrases("Teacher may provide a word bank"), ["may"]);
    }

    #[test]
    fn prompting_words_count_only_without_numbers() {
        assert_eq!(phrases("Will answer with prompts"), ["prompts"]);
        assert!(phrases("with no more than 2 verbal prompts").is_empty());
        assert!(phrases("Given a writing prompt, Maya will write five sentences").is_empty());
        assert!(phrases("Given a writing prompt, Maya will write a paragraph").contains(&"prompt"));
    }

    #[test]
    fn every_occurrence_counts() {
        assert_eq!(softening_count("Some help, as needed, and some more as needed"), 4);
        assert_eq!(softening_count("Extended time (1.5x) on tests and quizzes"), 0);
        assert_eq!(softening_count("Extended time on tests and quizzes when appropriate"), 1);
    }
}
