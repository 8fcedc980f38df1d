use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct MeetingRecommended {
        code: "meeting-recommended",
        severity: Warn,
        one_per: "case",
        letter: Some(LetterType::MeetingRequest),
    }
}

impl Check for MeetingRecommended {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
