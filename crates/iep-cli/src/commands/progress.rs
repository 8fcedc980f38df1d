//! `iep progress`: per goal, the baseline, each report's value, the target,
//! the straight-line projection and whether it is on pace.

use std::fmt::Write as _;

use chrono::NaiveDate;
use iep_diff::ProgressAnalysis;
use iep_model::wording::{capitalize, number};
use serde::Serialize;

use crate::common::{CaseArgs, CmdResult, Format, Outcome, load_case, print_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Serialize)]
struct Report<'a> {
    case: &'a str,
    as_of: NaiveDate,
    goals: &'a [iep_diff::GoalAnalysis],
}

pub fn run(args: Args) -> CmdResult {
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    let cut = case.as_of(as_of);
    let analysis = ProgressAnalysis::of(&cut, as_of);
    if args.format == Format::Json {
        print_json(&Report { case: &case.name, as_of, goals: &analysis.goals })?;
        return Ok(Outcome::Done);
    }
    let text = render(&analysis, as_of);
    crate::common::print(&text)?;
    Ok(Outcome::Done)
}

fn render(analysis: &ProgressAnalysis, as_of: NaiveDate) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Progress toward each goal as of {as_of}");
    let _ = writeln!(out);
    if analysis.goals.is_empty() {
        let _ = writeln!(out, "No goal is in force and no progress report names one.");
    }
    for g in &analysis.goals {
        let _ = writeln!(out, "{}", capitalize(&g.label));
        if let Some(measure) = &g.measure {
            let _ = writeln!(out, "  measured in: {measure}");
        }
        match g.baseline {
            Some(b) => {
                let _ = writeln!(out, "  baseline    {:>8}  on {}", number(b.value), b.date);
            }
            None => {
                let _ = writeln!(out, "  baseline    none given");
            }
        }
        for r in &g.reports {
            let value = r.value.map(number).unwrap_or_else(|| "no value".to_owned());
            let status = r.status.as_deref().map(|s| format!("  \"{}\"", s.trim())).unwrap_or_default();
            let _ = writeln!(out, "  report      {value:>8}  on {}{status}", r.date);
        }
        let by = g.target_by.map(|d| format!("  by {d}")).unwrap_or_default();
        match g.target {
            Some(t) => {
                let _ = writeln!(out, "  target      {:>8}{by}", number(t));
            }
            None => {
                let _ = writeln!(out, "  target      none given");
            }
        }
        if let (Some(p), Some(by)) = (g.projection, g.target_by) {
            let _ = writeln!(out, "  projection  {:>8}  on {by}, at the rate shown", number((p * 10.0).round() / 10.0));
        }
        let verdict = match (g.in_force, g.on_pace) {
            (false, _) => "not judged: the goal is no longer in the plan in force",
            (true, Some(true)) => "on pace",
            (true, Some(false)) if g.target_passed => "NOT met: the target date has passed",
            (true, Some(false)) => "NOT on pace",
            (true, None) => "not enough to judge (needs a baseline, a target and a value measured after the baseline)",
        };
        let _ = writeln!(out, "  verdict     {verdict}");
        if g.stalled == Some(true) {
            let _ = writeln!(out, "              no gain over the last two reports");
        }
        let _ = writeln!(out);
    }
    out
}
