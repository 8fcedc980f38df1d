//! `iep check`: load, validate, run every check.

use crate::common::{CaseArgs, CmdResult, Format, Outcome, load_case, print_json};
use crate::render::Report;
use iep_model::Severity;

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
