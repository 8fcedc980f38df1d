//! `iep log ITEM [DIR]`: records one day in one line (cli.md, "Recording a
//! day"). The line is appended to its file as the file already writes its
//! entries; the whole case is loaded with it first, and nothing is written
//! on any error.

use std::path::PathBuf;

use chrono::NaiveDate;
use iep_model::{LogEntry, Outcome as Held, Source};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, parse_date};
use crate::daylog::{self, Entry};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  iep log speech --minutes 30
  iep log speech --missed \"SLP at a training\" --date 2026-03-10 --source child

--as-of sets the day iep takes as today: the default --date, the last day it accepts, and the day the checks judge.")]
pub struct Args {
    /// The id of a service of the version in force on the day.
    #[arg(value_name = "ITEM")]
    pub item: String,
    #[command(flatten)]
    pub case: CaseArgs,
    /// The day it is about (YYYY-MM-DD; default: today; never after today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// A session that was held: its minutes.
    #[arg(long, value_name = "N", conflicts_with = "missed", required_unless_present = "missed")]
    pub minutes: Option<u32>,
    /// A session that did not happen: the reason.
    #[arg(long, value_name = "REASON")]
    pub missed: Option<String>,
    /// The child caused the miss (absent, refused): it is not owed.
    #[arg(long, requires = "missed")]
    pub by_student: bool,
    /// The day a missed session was made up (log the make-up as its own entry).
    #[arg(long, value_name = "DATE", requires = "missed", value_parser = parse_date)]
    pub made_up_on: Option<NaiveDate>,
    /// Whose account this is (default: parent for a service).
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,
    /// A note about the day (a service entry's `notes`).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The case file to add to, relative to the case folder (default:
    /// services/home.yaml for the family's record, services/log.yaml for the school's).
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

/// Whose account a line is.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceArg {
    Child,
    Parent,
    Provider,
    School,
}

impl From<SourceArg> for Source {
    fn from(source: SourceArg) -> Source {
        match source {
            SourceArg::Child => Source::Child,
            SourceArg::Parent => Source::Parent,
            SourceArg::Provider => Source::Provider,
            SourceArg::School => Source::School,
        }
    }
}

pub fn run(args: Args) -> CmdResult {
    let today = args.case.as_of();
    let dir = &args.case.dir;
    if !dir.is_dir() {
        return Err(Failure::new(format!(
            "`{}` is not a folder; give the case folder (the one with case.yaml)",
            dir.display()
        )));
    }
    let entry = entry(&args, today)?;
    let plans = daylog::plan(dir, args.file.as_deref(), vec![entry])?;
    let case = daylog::load_with(dir, today, &plans)?;
    let changes = daylog::changes(&case, today, &plans);
    daylog::write(dir, &plans)?;
    crate::common::print(&daylog::report(&case, &plans, &changes))?;
    Ok(Outcome::Done)
}

/// The entry the flags describe, refused when they contradict each other
/// or the day is after today.
fn entry(args: &Args, today: NaiveDate) -> Result<Entry, Failure> {
    let date = args.date.unwrap_or(today);
    if date > today {
        return Err(Failure::new(format!(
            "--date {date} is after today ({today}): iep log records a day that has happened"
        )));
    }
    if let Some(made_up) = args.made_up_on
        && (made_up < date || made_up > today)
    {
        return Err(Failure::new(format!(
            "--made-up-on {made_up} must be on or after the missed day ({date}) and not after today ({today})"
        )));
    }
    let outcome = match (args.minutes, &args.missed) {
        (Some(0), _) => {
            return Err(Failure::new(
                "--minutes 0 is not a session held; for one that did not happen use --missed REASON",
            ));
        }
        (Some(minutes), _) if minutes > 24 * 60 => {
            return Err(Failure::new(format!("--minutes {minutes} is more than a day; give the session's minutes")));
        }
        (Some(minutes), _) => Held::Delivered { minutes },
        (None, Some(reason)) if reason.trim().is_empty() => {
            return Err(Failure::new("--missed needs the reason the session did not happen"));
        }
        (None, Some(reason)) => Held::Missed { reason: reason.trim().to_owned() },
        (None, None) => return Err(Failure::new("say what happened: --minutes N or --missed REASON")),
    };
    Ok(Entry::Session(LogEntry {
        date,
        service: args.item.clone(),
        outcome,
        setting: None,
        group: None,
        source: args.source.map_or(Source::Parent, Source::from),
        made_up_on: args.made_up_on,
        by_student: args.by_student,
        notes: args.note.as_ref().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
    }))
}
