use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct ProgressReportOverdue {
        code: "progress-report-overdue",
        severity: Warn,
        one_per: "report-card date",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressReportOverdue {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
