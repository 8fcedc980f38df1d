use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};
use iep_services::summarise_dates;

declare_check! {
    /// Flags `missed_in_a_row` (3 by default) or more sessions of one service logged as missed one after another.
    ///
    /// Why it matters: a run of misses is not bad luck; it usually means the
    /// provider is not available, and the school should say how it will make
    /// the sessions up.
    ///
    /// Example: speech logged as missed on 2025-10-07, 2025-10-09 and
    /// 2025-10-14 gives "Speech-language therapy was missed 3 times in a row
    /// (2025-10-07, 2025-10-09 and 2025-10-14), and none of these sessions was
    /// made up." A session made up later, or one the child missed (`by:
    /// student`), ends the run.
    pub struct RepeatedMisses {
        code: "repeated-misses",
        severity: Alert,
        one_per: "run of misses",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for RepeatedMisses {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let accounting = iep_services::accounting(cx);
        let in_a_row = cx.case.info.settings.missed_in_a_row;
        for run in accounting.miss_runs(in_a_row) {
            let Some(service) = accounting.service(&run.service) else { continue };
            let Some(last) = run.dates.last().copied() else { continue };
            let message = format!(
                "{} was missed {} times in a row ({}), and none of these sessions was made up.",
                service.name,
                run.dates.len(),
                summarise_dates(&run.dates),
            );
            let evidence = evidence::RepeatedMisses {
                missed_in_a_row: run.dates.len(),
                dates: run.dates.clone(),
                reasons: run.reasons.clone(),
                threshold: in_a_row,
            };
            out.push(
                cx.finding(&Self::META, format!("services.{}", run.service), message, evidence)
                    .with_date(last)
                    .in_document(run.document.clone()),
            );
        }
    }
}
