use iep_model::{Check, CheckMeta, Context, Finding, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct VagueLanguage {
        code: "vague-language",
        severity: Warn,
        one_per: "item",
        letter: None,
    }
}

impl Check for VagueLanguage {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
