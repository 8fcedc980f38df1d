//! `iep today [DIR]`: asks, on a terminal, about each service and each
//! accommodation in force today and records the answers as `iep log` does, in one append per file, only
//! once the parent confirms (cli.md, "Recording a day").

use std::io::{BufRead, IsTerminal as _, Write as _};

use chrono::NaiveDate;
use iep_model::{Case, CheckIn, CheckInSource, LogEntry, Outcome as Held, Provided, Service, Source, TermsHistory};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case_on};
use crate::daylog::{self, Entry};

#[derive(clap::Args, Debug)]
#[command(after_help = "--as-of sets the day iep takes as today.")]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
}

pub fn run(args: Args) -> CmdResult {
    if !std::io::stdin().is_terminal() {
        return Err(Failure::new(
            "iep today asks its questions on a terminal, and this is none; to record a day from a script, use `iep log ITEM` (for example `iep log speech --minutes 30`; see `iep log --help`)",
        ));
    }
    let today = args.case.as_of();
    let dir = &args.case.dir;
    let case = load_case_on(&args.case, today)?;
    let mut terminal = Terminal { lines: std::io::stdin().lock().lines() };
    let entries = ask(&case, today, &mut terminal)?;
    if entries.is_empty() {
        crate::common::print("Nothing to record; nothing was written.\n")?;
        return Ok(Outcome::Done);
    }
    let plans = daylog::plan(dir, None, entries)?;
    let case = daylog::load_with(dir, today, &plans)?;
    let mut shown = String::from("\nThe lines to add:\n");
    for plan in &plans {
        shown.push_str(&format!("  {}:\n", plan.rel));
        for line in &plan.lines {
            shown.push_str(&format!("    - {line}\n"));
        }
    }
    crate::common::print(&shown)?;
    if !terminal.yes_no("Write them? [y/N] ")? {
        crate::common::print("Nothing was written.\n")?;
        return Ok(Outcome::Done);
    }
    let changes = daylog::changes(&case, today, &plans);
    daylog::write(dir, &plans)?;
    crate::common::print(&daylog::report(&case, &plans, &changes))?;
    Ok(Outcome::Done)
}

/// The questions, read a line at a time.
struct Terminal<L> {
    lines: L,
}

impl<L: Iterator<Item = std::io::Result<String>>> Terminal<L> {
    /// Prints `prompt` and reads one answer; the end of input stops the
    /// command with nothing written.
    fn answer(&mut self, prompt: &str) -> Result<String, Failure> {
        crate::common::print(prompt)?;
        let _ = std::io::stdout().flush();
        match self.lines.next() {
            Some(Ok(line)) => Ok(line.trim().to_owned()),
            Some(Err(e)) => Err(Failure::new(format!("could not read the answer: {e}; nothing was written"))),
            None => Err(Failure::new("the input ended before every question was answered; nothing was written")),
        }
    }

    fn yes_no(&mut self, prompt: &str) -> Result<bool, Failure> {
        Ok(matches!(self.answer(prompt)?.to_lowercase().as_str(), "y" | "yes"))
    }

    /// One of `choices` by its first letter or in full; asked again otherwise.
    fn choose(&mut self, prompt: &str, choices: &[&'static str]) -> Result<&'static str, Failure> {
        loop {
            let answer = self.answer(prompt)?.to_lowercase();
            let chosen = choices.iter().find(|c| !answer.is_empty() && (c.starts_with(&answer) || answer == **c));
            match chosen {
                Some(choice) => return Ok(*choice),
                None => crate::common::print(&format!("Please answer {}.\n", choices.join(", ")))?,
            }
        }
    }
}

/// Asks about each service in force today.
fn ask<L: Iterator<Item = std::io::Result<String>>>(
    case: &Case,
    today: NaiveDate,
    terminal: &mut Terminal<L>,
) -> Result<Vec<Entry>, Failure> {
    let history = TermsHistory::new(case);
    let services: Vec<&Service> = history
        .on(today)
        .map(|terms| terms.services.iter().filter_map(|s| terms.service_on(&s.item.id, today)).collect())
        .unwrap_or_default();
    if services.is_empty() {
        crate::common::print(&format!("No service is in force on {today}.\n"))?;
    } else {
        crate::common::print(&format!("{today}: for each service, was it held today?\n"))?;
    }
    let mut entries = Vec::new();
    for service in services {
        let name = iep_model::wording::service_name(service);
        let prompt = format!("{name} ({}, {}): held? [y]es, [n]o, [s]kip ", service.id, service.amount);
        let outcome = match terminal.choose(&prompt, &["yes", "no", "skip"])? {
            "yes" => Held::Delivered { minutes: session_minutes(service, terminal)? },
            "no" => Held::Missed { reason: reason(terminal)? },
            _ => continue,
        };
        entries.push(Entry::Session(LogEntry {
            date: today,
            service: service.id.clone(),
            outcome,
            setting: None,
            group: None,
            source: Source::Parent,
            made_up_on: None,
            by_student: false,
            notes: None,
        }));
    }
    ask_accommodations(&history, today, terminal, &mut entries)?;
    Ok(entries)
}

/// Asks whether each accommodation in force today was given.
fn ask_accommodations<L: Iterator<Item = std::io::Result<String>>>(
    history: &TermsHistory,
    today: NaiveDate,
    terminal: &mut Terminal<L>,
    entries: &mut Vec<Entry>,
) -> Result<(), Failure> {
    let Some(terms) = history.on(today).filter(|t| !t.accommodations.is_empty()) else { return Ok(()) };
    crate::common::print("For each accommodation, was it given today?\n")?;
    for accommodation in &terms.accommodations {
        let a = &accommodation.item;
        let prompt = format!("{} ({}): given? [y]es, [n]o, [p]artly, [s]kip ", a.text, a.id);
        let provided = match terminal.choose(&prompt, &["yes", "no", "partly", "skip"])? {
            "yes" => Provided::Yes,
            "no" => Provided::No,
            "partly" => Provided::Partly,
            _ => continue,
        };
        entries.push(Entry::CheckIn(CheckIn {
            date: today,
            accommodation: a.id.clone(),
            provided,
            source: CheckInSource::Child,
            with: None,
            unaware: false,
            note: None,
            private: false,
            notes: None,
        }));
    }
    Ok(())
}

/// One session's minutes by the amount (`2 x 30 min per week`: 30), or
/// asked when the amount gives no session length.
fn session_minutes<L: Iterator<Item = std::io::Result<String>>>(
    service: &Service,
    terminal: &mut Terminal<L>,
) -> Result<u32, Failure> {
    if let Some(minutes) = service.amount.dose.and_then(|d| d.sessions.and(d.minutes)) {
        return Ok(minutes);
    }
    loop {
        match terminal.answer("  How many minutes? ")?.parse::<u32>() {
            Ok(minutes) if (1..=24 * 60).contains(&minutes) => return Ok(minutes),
            _ => crate::common::print("  Please give the minutes as a whole number, like 30.\n")?,
        }
    }
}

fn reason<L: Iterator<Item = std::io::Result<String>>>(terminal: &mut Terminal<L>) -> Result<String, Failure> {
    loop {
        let reason = terminal.answer("  Why not? ")?;
        if !reason.is_empty() {
            return Ok(reason);
        }
        crate::common::print("  Please say why, in a few words (it goes in the log).\n")?;
    }
}
