use iep_model::evidence;
use iep_model::wording::{accommodation_name, capitalize, goal_name, join_and, quote, service_name};
use iep_model::{Check, Context, Finding, declare_check, normalize_ws};

use crate::wording::{distinct, softening_phrases};

declare_check! {
    /// Flags an accommodation, goal or service in force on the as-of date (a service within its `start`..`end`) whose wording leaves delivery to the school's discretion ("as needed", "when appropriate", "may", "some", "periodically", prompts without a number, ...), or a service whose amount is `as needed`.
    ///
    /// Why it matters: a promise that happens "as needed" or "when appropriate" can't be checked or enforced; you can ask the team to say who decides, when, and how often.
    ///
    /// Example: `{id: A3, text: Breaks as needed}`: "The accommodation “Breaks as needed” says “as needed”, which leaves it to the school to decide when, or whether, it happens." ("May 4" or "each May" is the month and does not count; "given a writing prompt, ... five sentences" is measurable.)
    pub struct VagueLanguage {
        code: "vague-language",
        severity: Warn,
        one_per: "item",
        letter: None,
    }
}

/// Texts longer than this are not quoted whole in the message.
const QUOTE_LIMIT: usize = 80;

/// The item's name, with its words quoted when short and not already in the name.
fn named(label: &str, text: &str) -> String {
    let text = normalize_ws(text);
    if text.chars().count() <= QUOTE_LIMIT && !label.contains(&text) {
        format!("{label} ({})", quote(&text))
    } else {
        label.to_owned()
    }
}

fn quoted_list(phrases: &[&str]) -> String {
    let quoted: Vec<String> = phrases.iter().map(|p| quote(p)).collect();
    join_and(&quoted)
}

impl Check for VagueLanguage {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let history = cx.terms();
        let Some(terms) = history.on(cx.as_of) else { return };
        let document = |from: usize| cx.case.versions.get(from).map(|v| v.path.clone());
        let mut report = |path: String, label: String, text: &str, as_needed: Option<String>, from: usize| {
            let found = softening_phrases(text);
            if found.is_empty() && as_needed.is_none() {
                return;
            }
            let phrases = distinct(&found);
            let mut reasons = Vec::new();
            if !phrases.is_empty() {
                reasons.push(format!("says {}", quoted_list(&phrases)));
            }
            if let Some(amount) = &as_needed {
                reasons.push(format!("gives its amount as {}", quote(amount)));
            }
            let message = format!(
                "{} {}, which leaves it to the school to decide when, or whether, it happens.",
                capitalize(&named(&label, text)),
                join_and(&reasons)
            );
            let evidence =
                evidence::VagueLanguage { text: normalize_ws(text), phrases, count: found.len(), amount: as_needed };
            let mut finding = cx.finding(&VagueLanguage::META, path, message, evidence);
            if let Some(doc) = document(from) {
                finding = finding.in_document(doc);
            }
            out.push(finding);
        };
        // Only items in force on the as-of date: a service is in force within its `start`..`end`.
        let in_force = |start: chrono::NaiveDate, end: Option<chrono::NaiveDate>| {
            start <= cx.as_of && end.is_none_or(|end| cx.as_of <= end)
        };
        for t in terms.services.iter().filter(|t| in_force(t.start, t.end)) {
            let as_needed = t.item.amount.is_as_needed().then(|| normalize_ws(&t.item.amount.text));
            report(format!("services.{}", t.item.id), service_name(&t.item), &t.item.service, as_needed, t.from);
        }
        for t in &terms.goals {
            report(format!("goals.{}", t.item.id), goal_name(&t.item), &t.item.statement, None, t.from);
        }
        for t in &terms.accommodations {
            report(format!("accommodations.{}", t.item.id), accommodation_name(&t.item), &t.item.text, None, t.from);
        }
    }
}
