use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct ProgressNoData {
        code: "progress-no-data",
        severity: Warn,
        one_per: "goal and report",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressNoData {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
