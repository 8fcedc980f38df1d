use iep_model::{Check, CheckMeta, Context, Finding, LetterType, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct ServiceShortfall {
        code: "service-shortfall",
        severity: Alert,
        one_per: "service and month",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for ServiceShortfall {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
