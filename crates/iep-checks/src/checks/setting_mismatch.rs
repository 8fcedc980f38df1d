use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct SettingMismatch {
        code: "setting-mismatch",
        severity: Warn,
        one_per: "service and school month",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for SettingMismatch {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
