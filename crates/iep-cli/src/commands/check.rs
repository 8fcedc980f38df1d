//! `iep check`: load, validate, run every check.

use iep_model::Severity;
use serde::Serialize;

use crate::common::{CaseArgs, CmdResult, Format, Outcome, load_case, print_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Exit with status 1 when a finding is at or above this level (info, warn, alert).
    #[arg(long, value_name = "LEVEL", value_parser = parse_level)]
    pub deny: Option<Severity>,
}

fn parse_level(text: &str) -> Result<Severity, String> {
    Severity::parse(text).ok_or_else(|| format!("`{text}` is not a level; use info, warn or alert"))
}

/// The JSON object of spec/cli.md.
#[derive(Serialize)]
pub struct Report<'a> {
    pub case: &'a str,
    pub as_of: chrono::NaiveDate,
    pub findings: &'a [iep_model::Finding],
    /// For a case whose state has no rules file, when a finding states a
    /// deadline: the state's own rules were not checked, federal rules were used.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_rules_note: Option<String>,
}

impl<'a> Report<'a> {
    pub fn new(case: &'a iep_model::Case, as_of: chrono::NaiveDate, findings: &'a [iep_model::Finding]) -> Report<'a> {
        let states_deadline = findings.iter().any(crate::render::states_deadline);
        let state_rules_note = iep_deadlines::state_rules_note(case).filter(|_| states_deadline);
        Report { case: &case.name, as_of, findings, state_rules_note }
    }
}

pub fn run(args: Args) -> CmdResult {
    let as_of = args.case.as_of();
    let case = load_case(&args.case)?.into_as_of(as_of);
    let findings = iep_checks::check_cut(&case, as_of);
    match args.format {
        Format::Json => print_json(&Report::new(&case, as_of, &findings))?,
        Format::Text => {
            let text = crate::render::findings(&case, as_of, &findings);
            crate::common::print(&text)?;
        }
    }
    let denied = args.deny.is_some_and(|level| findings.iter().any(|f| f.severity >= level));
    // The process ends next: freeing a long case entry by entry only costs time.
    std::mem::forget(case);
    std::mem::forget(findings);
    Ok(if denied { Outcome::Denied } else { Outcome::Done })
}
