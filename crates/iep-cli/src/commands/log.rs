//! `iep log ITEM [DIR]`: records one day in one line (cli.md, "Recording a
//! day"). The line is appended to its file as the file already writes its
//! entries; the whole case is loaded with it first, and nothing is written
//! on any error.

use std::path::PathBuf;

use chrono::NaiveDate;
use iep_model::{CheckIn, CheckInSource, LogEntry, Outcome as Held, Provided, Source};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, parse_date};
use crate::daylog::{self, Entry};

#[derive(clap::Args, Debug)]
#[command(after_help = "\
Examples:
  iep log speech --minutes 30
  iep log speech --missed \"SLP at a training\" --date 2026-03-10 --source child
  iep log A1 --no --with science-teacher --note \"No extra time on the quiz\"
  iep log A6 --no --unaware --with science-teacher --source parent
  iep log A3 --yes

--as-of sets the day iep takes as today: the default --date, the last day it accepts, and the day the checks judge.")]
#[command(group(clap::ArgGroup::new("what").args(["minutes", "missed", "yes", "no", "partly"]).required(true)))]
pub struct Args {
    /// The id of a service or an accommodation of the version in force on the day.
    #[arg(value_name = "ITEM")]
    pub item: String,
    #[command(flatten)]
    pub case: CaseArgs,
    /// The day it is about (YYYY-MM-DD; default: today; never after today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// A session that was held: its minutes.
    #[arg(long, value_name = "N")]
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
    /// The accommodation was given.
    #[arg(long)]
    pub yes: bool,
    /// The accommodation was not given.
    #[arg(long)]
    pub no: bool,
    /// The accommodation was given in part.
    #[arg(long)]
    pub partly: bool,
    /// The person responsible said they did not know of the accommodation.
    #[arg(long, conflicts_with_all = ["minutes", "missed"])]
    pub unaware: bool,
    /// The team member id of the person responsible that day (an accommodation's `with`).
    #[arg(long = "with", value_name = "ID", conflicts_with_all = ["minutes", "missed"])]
    pub with: Option<String>,
    /// The family's own record: counted by the checks, its note never printed.
    #[arg(long, conflicts_with_all = ["minutes", "missed"])]
    pub private: bool,
    /// Whose account this is (default: parent for a service, child for an accommodation).
    #[arg(long, value_enum)]
    pub source: Option<SourceArg>,
    /// A note about the day (an accommodation's `note`, a service entry's `notes`).
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The case file to add to, relative to the case folder (default:
    /// services/home.yaml for the family's record of a service, services/log.yaml for
    /// the school's, log/check-ins.yaml for an accommodation).
    #[arg(long, value_name = "PATH")]
    pub file: Option<PathBuf>,
}

/// Whose account a line is.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceArg {
    Child,
    Parent,
    Provider,
    Teacher,
    School,
}

/// A service entry's source; a teacher is an accommodation's.
fn session_source(source: Option<SourceArg>) -> Result<Source, Failure> {
    match source {
        None | Some(SourceArg::Parent) => Ok(Source::Parent),
        Some(SourceArg::Child) => Ok(Source::Child),
        Some(SourceArg::Provider) => Ok(Source::Provider),
        Some(SourceArg::School) => Ok(Source::School),
        Some(SourceArg::Teacher) => Err(Failure::new(
            "--source teacher is for an accommodation; a service's record is the provider's, the school's, the parent's or the child's",
        )),
    }
}

/// A check-in's source; a provider is a service's.
fn check_in_source(source: Option<SourceArg>) -> Result<CheckInSource, Failure> {
    match source {
        None | Some(SourceArg::Child) => Ok(CheckInSource::Child),
        Some(SourceArg::Parent) => Ok(CheckInSource::Parent),
        Some(SourceArg::Teacher) => Ok(CheckInSource::Teacher),
        Some(SourceArg::School) => Ok(CheckInSource::School),
        Some(SourceArg::Provider) => Err(Failure::new(
            "--source provider is for a service; an accommodation's check-in is the child's, the parent's, a teacher's or the school's",
        )),
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
    if (args.by_student || args.made_up_on.is_some()) && args.missed.is_none() {
        return Err(Failure::new(
            "--by-student and --made-up-on are about a missed session: give --missed REASON with them",
        ));
    }
    if let Some(made_up) = args.made_up_on
        && (made_up < date || made_up > today)
    {
        return Err(Failure::new(format!(
            "--made-up-on {made_up} must be on or after the missed day ({date}) and not after today ({today})"
        )));
    }
    let note = args.note.as_ref().map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    let provided = [(args.yes, Provided::Yes), (args.no, Provided::No), (args.partly, Provided::Partly)]
        .into_iter()
        .find_map(|(set, provided)| set.then_some(provided));
    if let Some(provided) = provided {
        if args.unaware && provided == Provided::Yes {
            return Err(Failure::new(
                "--unaware says the accommodation was not known of, which --yes contradicts; use --no or --partly",
            ));
        }
        return Ok(Entry::CheckIn(CheckIn {
            date,
            accommodation: args.item.clone(),
            provided,
            source: check_in_source(args.source)?,
            with: args.with.clone(),
            unaware: args.unaware,
            note,
            private: args.private,
            notes: None,
        }));
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
        (None, None) => {
            return Err(Failure::new(
                "say what happened: --minutes N or --missed REASON for a service, --yes, --no or --partly for an accommodation",
            ));
        }
    };
    Ok(Entry::Session(LogEntry {
        date,
        service: args.item.clone(),
        outcome,
        setting: None,
        group: None,
        source: session_source(args.source)?,
        made_up_on: args.made_up_on,
        by_student: args.by_student,
        notes: note,
    }))
}
