use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct RepeatedMisses {
        code: "repeated-misses",
        severity: Alert,
        one_per: "run of misses",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for RepeatedMisses {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
