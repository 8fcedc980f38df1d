use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct UnagreedChange {
        code: "unagreed-change",
        severity: Alert,
        one_per: "changed item",
        letter: Some(LetterType::PwnRequest),
    }
}

impl Check for UnagreedChange {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
