//! `iep deadlines`: upcoming and overdue dates, each with its legal source
//! and how its days were counted; `--ics FILE` writes them as a calendar.

use std::fmt::Write as _;
use std::path::PathBuf;

use iep_deadlines::{Deadline, Status};
use serde_json::json;

use crate::common::{CaseArgs, CmdResult, Failure, Format, Outcome, load_case, print_json};
use crate::output::{Origin, Outputs, Target};
use crate::render::{BOLD, DIM, ERROR};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// How to print the result.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    /// Also write the dates to this calendar file (.ics), for a calendar app
    /// (`-` prints only the calendar, on standard output). An existing file is
    /// replaced only if iep wrote it and it is unchanged since.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// Also replace a file iep did not write or that was changed since
    /// (never a link, a device or a case file).
    #[arg(long, requires = "ics")]
    pub force: bool,
}

pub fn run(args: Args) -> CmdResult {
    let mut case = load_case(&args.case)?;
    if case.rules.rules.is_empty() {
        case.rules = iep_load::rules::rule_set(case.info.state.as_deref());
    }
    let as_of = args.case.as_of();
    // The rules of the plan in force on the day: a 504 plan gets no IDEA or state rule.
    case.rules.plan = case.plan_on(as_of);
    let section_504 = case.rules.plan == iep_model::Plan::Section504;
    let list = iep_deadlines::deadlines(&case, as_of);
    if let Some(path) = &args.ics {
        let calendar = iep_deadlines::to_ics(&case.name, as_of, &list);
        match Target::from_arg(path) {
            Target::Stdout => {
                crate::common::write_document(calendar.as_bytes(), "the calendar")?;
                return Ok(Outcome::Done);
            }
            Target::File(path) => {
                let mut out = Outputs::open(&args.case.dir, args.force)?;
                if let Some(why) = out.write(&path, calendar.as_bytes(), Origin::Other).problem() {
                    return Err(Failure::new(why));
                }
            }
        }
    }
    let evaluated = has_evaluation(&list);
    match args.format {
        Format::Json => {
            let value = json!({
                "case": case.name,
                "as_of": as_of.to_string(),
                "state": case.info.state,
                "state_rules": case.rules.knows_state(),
                "state_rules_note": iep_deadlines::state_rules_note(&case),
                "deadlines": list,
            });
            print_json(&value)?;
        }
        Format::Text => {
            let rules = match (&case.info.state, case.rules.knows_state()) {
                _ if section_504 => "federal rules for a 504 plan".to_owned(),
                (Some(state), true) => format!("{state} rules, with federal defaults"),
                (Some(state), false) => format!("federal rules (the tool has no rules for {state} yet)"),
                (None, _) => "federal rules (the case gives no state)".to_owned(),
            };
            let state_note = iep_deadlines::state_rules_note(&case);
            let mut text = String::new();
            let _ = writeln!(
                text,
                "{}{}: deadlines as of {as_of}{} ({rules})",
                BOLD.render(),
                case.info.child.name,
                BOLD.render_reset()
            );
            let note = state_note.as_deref();
            section(&mut text, "Overdue", &list, Status::Overdue, as_of, note);
            section(&mut text, "Upcoming", &list, Status::Upcoming, as_of, note);
            section(&mut text, "No fixed number of days", &list, Status::NoFixedDate, as_of, note);
            section(&mut text, "Done", &list, Status::Done, as_of, note);
            // The three-year reevaluation is an IEP's: nothing to say for a 504 plan.
            if !evaluated && case.rules.by_key(iep_model::REEVALUATION_KEY).is_some() {
                let _ = writeln!(
                    text,
                    "\n{}Reevaluation: the case does not say when the last evaluation was, so no date is shown\n\
                     (add the evaluation report, or the eligibility or reevaluation meeting, to the case to see it).{}",
                    DIM.render(),
                    DIM.render_reset()
                );
            }
            if let Some(path) = &args.ics {
                let _ = writeln!(text, "\nCalendar written to {}.", path.display());
            }
            crate::common::print(&text)?;
        }
    }
    Ok(Outcome::Done)
}

fn has_evaluation(list: &[Deadline]) -> bool {
    list.iter().any(|d| d.source.key == "reevaluation")
}

fn section(
    out: &mut String,
    title: &str,
    list: &[Deadline],
    status: Status,
    as_of: chrono::NaiveDate,
    state_note: Option<&str>,
) {
    let items: Vec<&Deadline> = list.iter().filter(|d| d.status == status).collect();
    if items.is_empty() {
        return;
    }
    let style = if status == Status::Overdue { ERROR } else { BOLD };
    let _ = writeln!(out, "\n{}{title} ({}){}", style.render(), items.len(), style.render_reset());
    for d in items {
        let when = match (d.due, d.status, d.done_on) {
            (Some(due), Status::Done, None) => match &d.done_by {
                Some(by) => format!("{due}  (done: {by})"),
                None => format!("{due}  (done)"),
            },
            (Some(due), Status::Overdue, _) => format!("{due}  ({} days ago)", (as_of - due).num_days()),
            (Some(due), Status::Upcoming, _) => format!("{due}  (in {} days)", (due - as_of).num_days()),
            (due, Status::Done, Some(done)) => match due {
                Some(due) if done > due => format!("{due}  (done {done}, {} days late)", (done - due).num_days()),
                Some(due) => format!("{due}  (done {done})"),
                None => format!("done {done}"),
            },
            (Some(due), _, _) => due.to_string(),
            (None, _, _) => "no date".to_owned(),
        };
        let _ = writeln!(out, "  {when}\n    {}", d.what);
        let _ = writeln!(
            out,
            "    {}source: {}; {}{}",
            DIM.render(),
            d.source.citation,
            d.source.counting,
            DIM.render_reset()
        );
        // A date counted from a legal rule, for a state without its own rules file.
        if let (Some(note), Some(_)) = (state_note.filter(|_| d.is_legal_rule()), d.due) {
            let _ = writeln!(out, "    {}note: {note}{}", DIM.render(), DIM.render_reset());
        }
    }
}
