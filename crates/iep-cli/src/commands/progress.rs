//! `iep progress`: per goal, the baseline, each report's value, the target,
//! the straight-line projection and whether it is on pace.

use std::fmt::Write as _;

use chrono::NaiveDate;
use iep_diff::ProgressAnalysis;
use iep_model::wording::{capitalize, number, quote};
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
            // A report that measures only the objectives has data all the same.
            let value = match r.value {
                Some(v) => number(v),
                None if g.objective_values_in(&r.report).next().is_some() => "see objectives".to_owned(),
                None => "no value".to_owned(),
            };
            let _ = writeln!(out, "  report      {value:>8}  on {}{}", r.date, entry_words(r));
        }
        write_judgement(&mut out, g, "  ");
        for o in &g.objectives {
            let text = o.text.as_deref().map(|t| format!("  {}", quote(t))).unwrap_or_default();
            let _ = writeln!(out, "  objective {}{text}", o.id);
            for r in &o.reports {
                let value = r.value.map(number).unwrap_or_else(|| "no value".to_owned());
                let _ = writeln!(out, "    report    {value:>8}  on {}{}", r.date, entry_words(r));
            }
            write_judgement(&mut out, o, "    ");
        }
        let _ = writeln!(out);
    }
    out
}

/// What a report's entry says beside its value: the status with the
/// legend's words, the trials, how it was measured, the sufficiency box and
/// the reason.
fn entry_words(r: &iep_diff::ReportValue) -> String {
    let mut out = String::new();
    if let Some(trials) = &r.detail.trials {
        let _ = write!(out, "  in {trials} trials");
    }
    if let Some(status) = r.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let _ = write!(out, "  \"{status}\"");
        match (&r.legend, r.meaning) {
            (Some(text), _) => {
                let _ = write!(out, " ({})", quote(text));
            }
            (None, Some(meaning)) => {
                let _ = write!(out, " ({})", iep_model::wording::progress_meaning(meaning));
            }
            (None, None) => {}
        }
    }
    if let Some(sufficient) = r.sufficient {
        let _ = write!(out, "  sufficient: {}", if sufficient { "yes" } else { "no" });
    }
    if let Some(reason) = &r.detail.reason {
        let _ = write!(out, "  reason: {}", quote(reason));
    }
    if let Some(measured_by) = &r.detail.measured_by {
        let _ = write!(out, "  measured by: {}", quote(measured_by));
    }
    out
}

/// The target, the projection and the verdict of a goal or an objective.
fn write_judgement(out: &mut String, g: &iep_diff::GoalAnalysis, indent: &str) {
    let by = g.target_by.map(|d| format!("  by {d}")).unwrap_or_default();
    let trials = g.target_trials.as_deref().map(|t| format!("  in {t} trials")).unwrap_or_default();
    let wide = if indent.len() > 2 { "target    " } else { "target      " };
    match g.target {
        Some(t) => {
            let _ = writeln!(out, "{indent}{wide}{:>8}{by}{trials}", number(t));
        }
        None => {
            let _ = writeln!(out, "{indent}{wide}none given");
        }
    }
    let label = |word: &str| if indent.len() > 2 { format!("{word:<10}") } else { format!("{word:<12}") };
    if let (Some(p), Some(by)) = (g.projection, g.target_by)
        && (g.target.is_some() || g.objective_of.is_none())
    {
        let _ = writeln!(
            out,
            "{indent}{}{:>8}  on {by}, at the rate shown",
            label("projection"),
            number((p * 10.0).round() / 10.0)
        );
    }
    let verdict = match (g.in_force, g.on_pace) {
        (false, _) => "not judged: the goal is no longer in the plan in force",
        (true, Some(true)) => "on pace",
        (true, Some(false)) if g.target_passed => "NOT met: the target date has passed",
        (true, Some(false)) => "NOT on pace",
        (true, None) if g.objective_of.is_some() && g.target.is_none() => {
            "not judged: the objective states no target value"
        }
        (true, None) if g.latest.is_none() && g.objectives.iter().any(|o| o.latest.is_some()) => {
            "judged by its objectives below: the reports give values for them only"
        }
        (true, None) => "not enough to judge (needs a baseline, a target and a value measured after the baseline)",
    };
    let _ = writeln!(out, "{indent}{}{verdict}", label("verdict"));
    if g.stalled == Some(true) {
        let _ = writeln!(out, "{indent}{}no gain over the last two reports", label(""));
    }
}
