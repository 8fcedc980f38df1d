use iep_model::evidence;
use iep_model::wording::{capitalize, legend_words, number, quote};
use iep_model::{Check, Context, Finding, LetterType, ProgressMeaning, declare_check};

use super::progress_off_pace::off_pace_reason;
use super::progress_stalled::progress;

declare_check! {
    /// Flags a goal whose status in the latest report that covers it says "met", "mastered" or "achieved" while the latest value has not reached the target, or "on track", "on target" or "on pace" while the goal is off pace (`progress-off-pace`). A "not", "not yet", "partially", "almost" or "nearly" just before the words cancels them. A status that is a code of the case's `progress_codes` means what the legend says: `met` is "met", `sufficient` reads as "on track". Where the goal has objectives or the report's narrative speaks of an objective or benchmark, the message says the rating may be about an objective and asks which.
    ///
    /// Why it matters: a reassuring status the numbers contradict can lead a team to leave a plan that is not working unchanged; you can ask the school to explain it with the data.
    ///
    /// Example: G1's status is "on track" while its values point to about 50.6 of a target of 80: "The progress report of 2026-04-10 rates the goal in Speech - articulation “on track”, but at the rate shown from the baseline of 35 on 2025-09-01 to 47 on 2026-04-10, it would reach about 50.6 by 2026-06-15, short of the target of 80."
    pub struct StatusContradictsData {
        code: "status-contradicts-data",
        severity: Warn,
        one_per: "goal",
        letter: Some(LetterType::DataRequest),
    }
}

const MET: &[&[&str]] = &[&["met"], &["mastered"], &["achieved"]];
const ON_PACE: &[&[&str]] = &[&["on", "track"], &["on", "target"], &["on", "pace"]];
/// Words that say a narrative is about a short-term objective.
const OBJECTIVE_WORDS: &[&str] = &["objective", "objectives", "benchmark", "benchmarks"];
const CANCELLING: &[&str] = &["not", "partially", "almost", "nearly"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The first of `phrases` that `status` says, as whole words, without a
/// cancelling word just before it.
fn says(status: &str, phrases: &[&[&str]]) -> Option<String> {
    let words = words(status);
    for phrase in phrases {
        for start in 0..words.len() {
            let end = start + phrase.len();
            if end > words.len() || words[start..end].iter().zip(phrase.iter()).any(|(w, p)| w != p) {
                continue;
            }
            let previous = start.checked_sub(1).map(|i| words[i].as_str());
            let cancelled = match previous {
                Some("yet") => start >= 2 && words[start - 2] == "not",
                Some(word) => CANCELLING.contains(&word),
                None => false,
            };
            if !cancelled {
                return Some(phrase.join(" "));
            }
        }
    }
    None
}

/// What a status may claim about a goal.
#[derive(Clone, Copy)]
enum Claim {
    Met,
    OnPace,
}

impl Claim {
    fn phrases(self) -> &'static [&'static [&'static str]] {
        match self {
            Claim::Met => MET,
            Claim::OnPace => ON_PACE,
        }
    }

    /// The legend meaning that makes this claim (`sufficient` reads as "on track").
    fn by_code(self, meaning: ProgressMeaning) -> Option<&'static str> {
        match (self, meaning) {
            (Claim::Met, ProgressMeaning::Met) => Some("met"),
            (Claim::OnPace, ProgressMeaning::Sufficient) => Some("on track"),
            _ => None,
        }
    }
}

/// Whether `status` makes `claim`: a legend code means what the legend
/// says; other text is read word by word.
fn status_says(cx: &Context<'_>, status: &str, claim: Claim) -> Option<String> {
    match cx.case.info.progress_code(status) {
        Some(meaning) => claim.by_code(meaning).map(str::to_owned),
        None => says(status, claim.phrases()),
    }
}

impl Check for StatusContradictsData {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let analysis = progress(cx);
        for goal in &analysis.goals {
            let Some(entry) = goal.reports.last() else { continue };
            let Some(status) = entry.status.as_deref() else { continue };
            let contradiction = if let Some(word) = status_says(cx, status, Claim::Met) {
                match (goal.latest, goal.target) {
                    (Some(latest), Some(target)) if !goal.reached(latest.value, target) => Some((
                        word,
                        format!(
                            "the latest value, {} on {}, has not reached the target of {}",
                            number(latest.value),
                            latest.date,
                            number(target)
                        ),
                    )),
                    _ => None,
                }
            } else {
                None
            };
            let contradiction = contradiction.or_else(|| {
                let word = status_says(cx, status, Claim::OnPace)?;
                if goal.on_pace != Some(false) {
                    return None;
                }
                // The reason names the goal; in this sentence "it" already does.
                let reason = off_pace_reason(goal)?.replace(&goal.label, "it");
                Some((word, reason))
            });
            let Some((word, reason)) = contradiction else { continue };
            let code = match cx.case.info.progress_legend(status) {
                // The legend's own words, where it gives them, are quoted as written.
                Some(c) if c.text.is_some() => {
                    let reads = if c.meaning == ProgressMeaning::Met {
                        ""
                    } else {
                        ", which reads as \u{201c}on track\u{201d}"
                    };
                    format!(" (the report's legend: {}{reads})", legend_words(c))
                }
                Some(c) if c.meaning == ProgressMeaning::Met => " (the report's legend: met)".to_owned(),
                Some(_) => {
                    " (the report's legend: sufficient progress, which reads as \u{201c}on track\u{201d})".to_owned()
                }
                None => String::new(),
            };
            let objective = if about_objective(cx, &entry.report, &goal.id) {
                " The rating may be about one of the goal's objectives rather than the goal itself: ask which one it rates."
            } else {
                ""
            };
            let message = format!(
                "The progress report of {} rates {} {}{code}, but {reason}.{objective}",
                entry.date,
                goal.label,
                quote(status)
            );
            let evidence = evidence::StatusContradictsData {
                report: entry.date,
                status: status.trim().to_owned(),
                status_says: word.clone(),
                may_be_about_objective: !objective.is_empty(),
                latest: goal.latest.map(|p| p.value),
                latest_date: goal.latest.map(|p| p.date),
                target: goal.target,
                target_date: goal.target_by,
                projected: goal.projection.map(|p| (p * 100.0).round() / 100.0),
                legend: cx.case.info.progress_legend(status).and_then(|c| c.text.clone()),
            };
            let finding = cx
                .finding(&Self::META, format!("goals.{}", goal.id), capitalize(&message), evidence)
                .in_document(entry.report.clone())
                .with_date(entry.date);
            out.push(finding);
        }
    }
}

/// Whether the goal has objectives (in the version the report names, or the
/// one in force) or the report's entry speaks of an objective or benchmark.
fn about_objective(cx: &Context<'_>, report_path: &str, goal: &str) -> bool {
    let Some(report) = cx.case.reports.iter().find(|r| r.path == report_path) else { return false };
    let named = cx.case.version(&report.iep).and_then(|v| v.goal(goal));
    let history = cx.terms();
    let in_force = history.on(cx.as_of).and_then(|t| cx.case.versions.get(t.version)).and_then(|v| v.goal(goal));
    if named.into_iter().chain(in_force).any(|g| !g.objectives.is_empty()) {
        return true;
    }
    let Some(entry) = report.entry(goal) else { return false };
    !entry.objectives.is_empty()
        || entry.narrative.as_deref().is_some_and(|n| words(n).iter().any(|w| OBJECTIVE_WORDS.contains(&w.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_with_negation() {
        assert_eq!(says("Goal met", MET).as_deref(), Some("met"));
        assert_eq!(says("not yet met", MET), None);
        assert_eq!(says("Partially mastered", MET), None);
        assert_eq!(says("almost achieved; met in part", MET).as_deref(), Some("met"));
        assert_eq!(says("On track", ON_PACE).as_deref(), Some("on track"));
        assert_eq!(says("not on track", ON_PACE), None);
        assert_eq!(says("metered", MET), None);
        assert_eq!(says("yet met", MET).as_deref(), Some("met"));
    }
}
