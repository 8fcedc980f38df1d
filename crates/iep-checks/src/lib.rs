//! Every check `iep` runs, one per file, registered in [`CHECKS`] by one row
//! of the checks table (`checks/mod.rs`).
//!
//! A check is a unit struct implementing [`iep_model::Check`]; its doc comment
//! (kept by `declare_check!`) says what it flags, why it matters and gives an
//! example. `cargo xtask docs` writes the check reference from this list.
//!
//! Architecture invariant: checks read the loaded case and nothing else: no
//! files, no clock (the as-of date comes in the context), no terminal.

mod checks;
pub(crate) mod wording;

use chrono::NaiveDate;
use iep_model::{Case, Check, Context, Finding};
use rayon::prelude::*;

pub use checks::*;

/// The check with this code.
pub fn by_code(code: &str) -> Option<&'static dyn Check> {
    CHECKS.iter().copied().find(|c| c.meta().code == code)
}

/// Runs every check over `case` as it stood on `as_of`.
pub fn check(case: &Case, as_of: NaiveDate) -> Vec<Finding> {
    check_cut(&case.as_of(as_of), as_of)
}

/// Runs every check over a case already cut to `as_of` (by [`Case::as_of`] or
/// [`Case::into_as_of`]), without copying it again.
pub fn check_cut(cut: &Case, as_of: NaiveDate) -> Vec<Finding> {
    let cx = Context::new(cut, as_of);
    run_checks(CHECKS, &cx)
}

/// Runs every check over `cx`: the run's context, which the caller then hands
/// to the generator so the packet reads the analyses the checks computed.
pub fn check_with(cx: &Context<'_>) -> Vec<Finding> {
    run_checks(CHECKS, cx)
}

/// Runs `checks` over `cx` and returns their findings, sorted by severity
/// (alerts first), then subject, then code, then date.
pub fn run_checks(checks: &[&dyn Check], cx: &Context<'_>) -> Vec<Finding> {
    // Checks are independent, so they run on rayon's threads; an ordered
    // collect keeps the findings in registry order whichever thread ran what.
    // A memoised analysis a check waits for is computed by the thread that
    // asked first; analyses must not use rayon themselves, or that thread
    // could pick up a check waiting for the very value it computes.
    let per_check: Vec<Vec<Finding>> = checks
        .par_iter()
        .map(|check| {
            let mut out = Vec::new();
            check.run(cx, &mut out);
            out
        })
        .collect();
    let mut findings: Vec<Finding> = per_check.into_iter().flatten().collect();
    findings.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.subject.cmp(&b.subject))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.date.cmp(&b.date))
    });
    findings
}
