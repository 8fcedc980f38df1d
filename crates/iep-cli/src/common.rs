//! What every command shares: the case folder and as-of arguments, loading
//! with diagnostics, output formats and exit codes.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Datelike as _, NaiveDate};
use iep_model::{Case, Diagnostic};

/// The case folder and the day the case is judged on.
#[derive(clap::Args, Debug, Clone)]
pub struct CaseArgs {
    /// The case folder (default: the current folder).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Judge the case as it stood on this day (YYYY-MM-DD, in 1900-2200; default: today).
    /// A case date more than 30 years before it or 5 years after it is an error.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<NaiveDate>,
}

impl CaseArgs {
    pub fn as_of(&self) -> NaiveDate {
        self.as_of.unwrap_or_else(today)
    }
}

/// Today's date on this machine.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Parses `YYYY-MM-DD` for clap, with a message a person can act on.
/// A year outside 1900-2200 is a slip (`0026-04-20`), not a day to judge on.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{text}` is not a date; write it as YYYY-MM-DD, e.g. 2026-04-20"))?;
    let years = iep_load::plausible_years();
    if !years.contains(&day.year()) {
        return Err(format!(
            "`{text}` is not a date iep can use: the year must be between {} and {}, e.g. 2026-04-20",
            years.start(),
            years.end()
        ));
    }
    Ok(day)
}

/// A date given on the command line for an event near `anchor` (a reply
/// date, a meeting): more than a year away from it is a slip of the year,
/// which would stretch every count over decades.
pub fn near(flag: &str, day: NaiveDate, anchor: NaiveDate, anchor_name: &str) -> Result<(), Failure> {
    let year = chrono::Days::new(366);
    let earliest = anchor.checked_sub_days(year).unwrap_or(NaiveDate::MIN);
    let latest = anchor.checked_add_days(year).unwrap_or(NaiveDate::MAX);
    if (earliest..=latest).contains(&day) {
        return Ok(());
    }
    Err(Failure::new(format!(
        "{flag} {day} is more than a year from {anchor_name} ({anchor}); check the year, or give --as-of for the day the case is judged on"
    )))
}

#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Words for people.
    #[default]
    Text,
    /// One JSON object, for other programs.
    Json,
}

/// How a command ended, short of a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Done,
    /// Exit 1: `--deny LEVEL` and a finding at or above it.
    Denied,
}

/// Why a command could not do its job (exit 2). Its text is printed to stderr.
#[derive(Debug)]
pub struct Failure(pub String);

impl Failure {
    pub fn new(message: impl Into<String>) -> Failure {
        Failure(message.into())
    }
}

pub type CmdResult = Result<Outcome, Failure>;

pub fn exit(result: CmdResult) -> ExitCode {
    // A reader that stopped reading (`iep check | head -1`) is not a failure,
    // as with grep: the command ends quietly.
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return ExitCode::SUCCESS;
    }
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Denied) => ExitCode::from(1),
        Err(Failure(message)) => {
            if !message.is_empty() {
                let mut err = anstream::stderr();
                let message = crate::render::terminal_safe(&message);
                let _ = writeln!(
                    err,
                    "{}error:{} {message}",
                    crate::render::ERROR.render(),
                    crate::render::ERROR.render_reset()
                );
            }
            ExitCode::from(2)
        }
    }
}

/// Loads the case at `dir` to be judged on the `--as-of` day, printing every
/// diagnostic to stderr. Errors mean the case cannot be trusted: the command
/// stops with exit 2.
pub fn load_case(args: &CaseArgs) -> Result<Case, Failure> {
    load_case_on(args, args.as_of())
}

/// `load_case`, judged on `as_of` (a letter dated in the past is judged on its date).
pub fn load_case_on(args: &CaseArgs, as_of: NaiveDate) -> Result<Case, Failure> {
    if !args.dir.is_dir() {
        return Err(Failure::new(format!(
            "`{}` is not a folder; give the case folder (the one with case.yaml), or run `iep init {}` to start one",
            args.dir.display(),
            args.dir.display()
        )));
    }
    let loaded = iep_load::load_as_of(&args.dir, as_of);
    print_diagnostics(&loaded.diagnostics);
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    match loaded.case {
        Some(case) if errors == 0 => Ok(case),
        _ => Err(Failure::new(format!(
            "the case in `{}` could not be loaded: {} to fix (each is shown above with its file and line)",
            args.dir.display(),
            plural(errors.max(1), "problem", "problems")
        ))),
    }
}

pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    let mut err = anstream::stderr();
    for d in diagnostics {
        let _ = writeln!(err, "{}", crate::render::terminal_safe(&crate::render::diagnostic(d)));
    }
}

/// Prints a warning line on stderr, with control characters shown escaped.
pub fn warn(text: &str) {
    let _ = writeln!(anstream::stderr(), "warning: {}", crate::render::terminal_safe(text));
}

/// A note for the parent on standard error (never in a letter).
pub fn note(text: &str) {
    let _ = writeln!(anstream::stderr(), "note: {}", crate::render::terminal_safe(text));
}

/// Counts read the same in every output.
pub use iep_model::wording::plural;

/// Prints a value as pretty JSON on stdout (JSON escapes control characters itself).
pub fn print_json(value: &impl serde::Serialize) -> Result<(), Failure> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|e| Failure::new(format!("could not write JSON: {e}")))?;
    text.push('\n');
    write_stdout(text.as_bytes())
}

/// Set once standard output's reader has gone away (a closed pipe).
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);

/// Prints text for people on stdout: control characters that came from case
/// text are shown escaped, and colour is dropped when stdout is no terminal.
pub fn print(text: &str) -> Result<(), Failure> {
    stdout_open()?;
    let mut out = anstream::stdout();
    let result = out.write_all(crate::render::terminal_safe(text).as_bytes()).and_then(|()| out.flush());
    result.map_err(stdout_failure)
}

/// Writes bytes (JSON) to stdout as they are.
pub fn write_stdout(bytes: &[u8]) -> Result<(), Failure> {
    stdout_open()?;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(stdout_failure)
}

/// Writes a document (a PDF, a calendar, a completion script) to stdout:
/// unlike text, a reader that stopped early is a failure, since the
/// document did not arrive whole.
pub fn write_document(bytes: &[u8], what: &str) -> Result<(), Failure> {
    stdout_open()?;
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::new(format!(
                "standard output was closed before {what} was written whole; write it to a file with -o FILE"
            ))
        } else {
            Failure::new(format!("could not write {what} to standard output: {e}"))
        }
    })
}

/// Standard output that was closed (`>&-`) is not an error to write to:
/// Rust's runtime opens `/dev/null` in its place at start-up, read and
/// write, so every write succeeds and goes nowhere. That opening is told
/// apart from a shell's `>/dev/null` (write only) by its mode.
fn stdout_open() -> Result<(), Failure> {
    static CLOSED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *CLOSED.get_or_init(stdout_was_closed) {
        return Err(Failure::new("standard output is closed, so nothing could be written there"));
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn stdout_was_closed() -> bool {
    let is_null = std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    let flags = || {
        let info = std::fs::read_to_string("/proc/self/fdinfo/1").ok()?;
        let flags = info.lines().find_map(|l| l.strip_prefix("flags:"))?;
        u32::from_str_radix(flags.trim(), 8).ok()
    };
    // O_ACCMODE is 3; O_RDWR is 2.
    is_null && flags().is_some_and(|f| f & 0o3 == 0o2)
}

#[cfg(not(target_os = "linux"))]
fn stdout_was_closed() -> bool {
    false
}

/// A closed pipe ends the command quietly; any other failed write is an error.
fn stdout_failure(e: std::io::Error) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        return Failure::new("");
    }
    Failure::new(format!("could not write to standard output: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 22: `--reply-by` or `--meeting` decades away was accepted.
    #[test]
    fn a_date_more_than_a_year_from_its_anchor_is_refused_by_name() {
        let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
        let letter = day("2026-04-20");
        assert!(near("--reply-by", day("2026-05-04"), letter, "the letter's date").is_ok());
        assert!(near("--meeting", day("2025-06-01"), letter, "the as-of day").is_ok());
        for far in ["2056-05-04", "2027-04-22", "1990-01-01"] {
            let Err(Failure(message)) = near("--reply-by", day(far), letter, "the letter's date") else {
                panic!("{far} was accepted");
            };
            assert!(message.contains("--reply-by") && message.contains(far), "{message}");
        }
    }
}
