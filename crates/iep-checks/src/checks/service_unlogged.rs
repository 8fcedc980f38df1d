use iep_model::evidence;
use iep_model::{Check, Context, Finding, LetterType, declare_check};

declare_check! {
    /// Flags months in which a service was in force on school days and no log has any entry for it, while the logs show other services in those months.
    ///
    /// Why it matters: a service nobody logs is either not happening or its
    /// log is missing; both are worth asking about, and until the log turns up
    /// nothing can be counted as owed for those months.
    ///
    /// Example: occupational therapy is in force from September, and the
    /// school's log has speech sessions every month but nothing for OT: "No
    /// log has any entry for Occupational therapy from September 2025 to
    /// November 2025 (3 months), though the logs show other services in those
    /// months; the service may have stopped, or its log is missing." Months
    /// that follow each other (summer does not break a run) are one finding.
    pub struct ServiceUnlogged {
        code: "service-unlogged",
        severity: Warn,
        one_per: "service and run of consecutive months",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ServiceUnlogged {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let accounting = iep_services::accounting(cx);
        for run in accounting.unlogged_runs() {
            let Some(service) = accounting.service(&run.service) else { continue };
            let when = if run.months == 1 {
                format!("in {}", run.first_month)
            } else {
                format!("from {} to {} ({} months)", run.first_month, run.last_month, run.months)
            };
            let message = format!(
                "No log has any entry for {} {when}, though the logs show other services in those months; \
                 the service may have stopped, or its log is missing.",
                service.name
            );
            out.push(
                cx.finding(
                    &Self::META,
                    format!("services.{}", run.service),
                    message,
                    evidence::ServiceUnlogged {
                        first_month: run.first_month.clone(),
                        last_month: run.last_month.clone(),
                        from: run.from,
                        to: run.to,
                        months: run.months,
                    },
                )
                .with_date(run.to),
            );
        }
    }
}
