//! Legal sentences and reply dates, from the rules data only.
//!
//! A letter states a rule once, plainly, federal and state citations
//! together where both apply; it never voices a doubt. Where no rule sets a
//! day count it asks for an answer by a date and says nothing about rules.

use chrono::{Days, NaiveDate};
use iep_model::{DayKind, Rule};

use super::{Letter, by_mail, long_date};

/// The rules with this key that apply, federal first.
pub(crate) fn rules<'a>(letter: &Letter<'a>, key: &str) -> Vec<&'a Rule> {
    let mut found = letter.case.rules.all_by_key(key);
    found.sort_by_key(|r| r.jurisdiction != "US");
    found
}

/// The rules' citations joined with "and", federal first.
pub(crate) fn citations(rules: &[&Rule]) -> String {
    let cites: Vec<String> = rules.iter().map(|r| r.citation.clone()).collect();
    crate::wording::join_and(&cites)
}

/// "within ten days", "within 45 days", "within 5 business days": as the
/// regulation words it where the rules data says so.
pub(crate) fn time_words(rule: &Rule) -> Option<String> {
    time_words_from(rule, "")
}

/// The small numbers a sentence writes as words ("five school days").
fn count_words(n: u32) -> String {
    const WORDS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    WORDS.get(n as usize).map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// [`time_words`] with the start of the clock ("of receiving my request")
/// before any exclusion, so the sentence reads "within 15 days of receiving
/// my request, not counting school vacations of more than five school days".
pub(crate) fn time_words_from(rule: &Rule, from: &str) -> Option<String> {
    let from = if from.is_empty() { String::new() } else { format!(" {from}") };
    if let Some(words) = &rule.words {
        return Some(format!("{words}{from}"));
    }
    let days = rule.days?;
    let unit = match rule.day_kind {
        DayKind::Calendar => "days",
        DayKind::Business => "business days",
        DayKind::School => "school days",
        DayKind::Year => "years",
    };
    let mut text = format!("within {days} {unit}{from}");
    if let Some(over) = rule.pause_for_vacation_over {
        text.push_str(&format!(", not counting school vacations of more than {} school days", count_words(over)));
    }
    Some(text)
}

/// The rule that sets the reply time for this letter: the state's, else the federal one.
pub(crate) fn response_rule<'a>(letter: &Letter<'a>, key: &str) -> Option<&'a Rule> {
    letter.case.rules.by_key(key).filter(|r| r.days.is_some())
}

/// The reply asked for: "by May 4, 2026" (or, by mail, "within ten days of
/// receiving this letter"), and the date itself. The date is the rule's due
/// date when one applies, never later than `cap`, else ten business days.
pub(crate) fn reply(letter: &Letter, rule: Option<&Rule>, cap: Option<NaiveDate>) -> (String, NaiveDate) {
    let case = letter.case;
    let start = letter.request.date;
    let by_rule = rule.and_then(|r| iep_deadlines::due_after(case, start, r).map(|due| (r, due)));
    if let Some((rule, due)) = by_rule {
        let capped = cap.filter(|c| *c < due && *c >= start);
        return match capped {
            Some(c) => (format!("by {}", long_date(c)), c),
            None if by_mail(letter.request, case) => match time_words_from(rule, "of receiving this letter") {
                Some(words) => (words, due),
                None => (format!("by {}", long_date(due)), due),
            },
            None => (format!("by {}", long_date(due)), due),
        };
    }
    let open = |day: NaiveDate| case.is_open(day);
    let mut due = iep_deadlines::count_days(start, 10, DayKind::Business, &open, &[])
        .unwrap_or_else(|| start.checked_add_days(Days::new(14)).unwrap_or(start));
    if let Some(c) = cap.filter(|c| *c < due && *c >= start) {
        due = c;
    }
    (format!("by {}", long_date(due)), due)
}

/// Sets the context's reply fields.
pub(crate) fn ask_reply(context: &mut super::LetterContext, (words, date): (String, NaiveDate)) {
    context.respond_by = Some(words);
    context.respond_date = Some(long_date(date));
}

/// "Under" the notice rule's section: its data cites its timing and its
/// contents apart (paragraph (a); contents paragraph (b)); a sentence that
/// states both cites the section they share, once.
pub(crate) fn under_notice(rules: &[&Rule]) -> Option<String> {
    let mut cites: Vec<String> = Vec::new();
    for rule in rules {
        let cite = section_of(&rule.citation);
        if !cites.contains(&cite) {
            cites.push(cite);
        }
    }
    if cites.is_empty() { None } else { Some(format!("Under {}", crate::wording::join_and(&cites))) }
}

/// The section of a citation that names paragraphs after a semicolon: the
/// first citation without its paragraph numbers.
fn section_of(citation: &str) -> String {
    let first = citation.split(';').next().unwrap_or(citation).trim();
    first.find('(').map_or(first, |at| &first[..at]).trim_end().to_string()
}

/// "Under" the rules' citations, or `None` when no rule applies.
pub(crate) fn under(rules: &[&Rule]) -> Option<String> {
    if rules.is_empty() { None } else { Some(format!("Under {}", citations(rules))) }
}

#[cfg(test)]
mod tests {
    use super::section_of;

    #[test]
    fn the_notice_rule_is_cited_by_its_section_once() {
        assert_eq!(section_of("34 CFR 300.503(a); contents 300.503(b)(1)-(7)"), "34 CFR 300.503");
        assert_eq!(section_of("34 CFR 104.36"), "34 CFR 104.36");
    }
}
