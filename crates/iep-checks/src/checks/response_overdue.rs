use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct ResponseOverdue {
        code: "response-overdue",
        severity: Alert,
        one_per: "letter",
        letter: Some(LetterType::FollowUp),
    }
}

impl Check for ResponseOverdue {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
