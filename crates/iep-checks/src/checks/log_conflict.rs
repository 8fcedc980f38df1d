use iep_model::evidence::{self, OtherAccount};
use iep_model::{Check, Context, Finding, LetterType, declare_check};
use iep_services::source_words;

declare_check! {
    /// Flags a date on which two sources log the same service differently (delivered against missed, other minutes, another setting or group).
    ///
    /// Why it matters: the tool counts the provider's log first, then the
    /// school's, then the parent's, then the child's; when they disagree, the
    /// school should show its records so the count can be trusted.
    ///
    /// Example: the school logs `{date: 2026-03-10, service: speech, minutes:
    /// 30}` and the child's log says `missed` that day: "On 2026-03-10, the
    /// school's log says Speech-language therapy was delivered for 30 min, but
    /// the child's account says it was missed; the school's log is the one
    /// counted."
    pub struct LogConflict {
        code: "log-conflict",
        severity: Warn,
        one_per: "service and date",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for LogConflict {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let accounting = iep_services::accounting(cx);
        for conflict in &accounting.conflicts {
            let Some(service) = accounting.service(&conflict.service) else { continue };
            let counted = source_words(conflict.counted.source);
            let others: Vec<String> = conflict
                .others
                .iter()
                .map(|o| format!("{} says it was {}", source_words(o.source), o.describe()))
                .collect();
            let message = format!(
                "On {}, {counted} says {} was {}, but {}; {counted} is the one counted.",
                conflict.date,
                service.name,
                conflict.counted.describe(),
                others.join(" and "),
            );
            let others: Vec<OtherAccount> =
                conflict.others.iter().map(|o| OtherAccount { source: o.source, says: o.describe() }).collect();
            let evidence = evidence::LogConflict {
                date: conflict.date,
                counted_source: conflict.counted.source,
                counted: conflict.counted.describe(),
                others,
                differences: conflict.differences.clone(),
            };
            out.push(
                cx.finding(&Self::META, format!("services.{}", conflict.service), message, evidence)
                    .with_date(conflict.date)
                    .in_document(conflict.document.clone()),
            );
        }
    }
}
