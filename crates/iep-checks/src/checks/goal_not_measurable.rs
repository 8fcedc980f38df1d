use iep_model::{Check, CheckMeta, Context, Finding, declare_check};

declare_check! {
    /// STUB: not implemented yet. (What it flags.)
    ///
    /// Why it matters: (to write).
    ///
    /// Example: (to write).
    pub struct GoalNotMeasurable {
        code: "goal-not-measurable",
        severity: Warn,
        one_per: "goal",
        letter: None,
    }
}

impl Check for GoalNotMeasurable {
    fn meta(&self) -> &'static CheckMeta {
        &Self::META
    }

    fn run(&self, _cx: &Context<'_>, _out: &mut Vec<Finding>) {}
}
