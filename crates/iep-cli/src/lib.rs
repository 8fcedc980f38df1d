//! `iep`: the command line. Glue only: parse the arguments, call the
//! libraries, print, and map the result to an exit code (spec/cli.md).
//!
//! A library as well as the binary so that `cargo xtask man` can have the man
//! page written from the same clap definitions without knowing clap itself.

mod commands;
mod common;
mod daylog;
mod output;
mod prepare;
mod render;
mod scaffold;

use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// Hold a school to what your child's IEP or 504 plan promised.
///
/// Keep the case (every IEP version, progress report, service log, meeting,
/// notice and letter) as YAML files in one folder; `iep` finds the changes
/// nobody agreed to, the services that did not happen, the progress reports
/// that say nothing and the deadlines that passed, and writes the letters.
#[derive(Parser)]
#[command(name = "iep", version, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a new case folder with a commented case.yaml.
    Init(commands::init::Args),
    /// Write a commented template of a kind of file into its usual folder.
    New(commands::new::Args),
    /// Load the case, validate it, and run every check.
    Check(commands::check::Args),
    /// What changed between two IEP versions (or two progress reports), and who agreed.
    Diff(commands::diff::Args),
    /// Per service and month: required, delivered, missed and owed minutes.
    Services(commands::services::Args),
    /// Per goal: baseline, each report's value, target, projection, on pace or not.
    Progress(commands::progress::Args),
    /// Upcoming and overdue dates, each with its legal source.
    Deadlines(commands::deadlines::Args),
    /// Write a formal, dated letter as a PDF, filled in from the case.
    Letter(commands::letter::Args),
    /// Record one day in one line: a service session or an accommodation check-in.
    Log(commands::log::Args),
    /// Ask, on a terminal, about each service and accommodation in force today, and record the answers.
    Today(commands::today::Args),
    /// Write the meeting packet PDF.
    Packet(commands::packet::Args),
    /// The main job: check, then write the report, packet, letters and calendar into DIR/out/.
    Build(commands::build::Args),
    /// What a check flags, why it matters, and an example.
    Explain(commands::explain::Args),
    /// Print a shell's completion script for `iep`.
    Completions(commands::completions::Args),
}

/// Runs `iep` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(args) => commands::init::run(args),
        Command::New(args) => commands::new::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Diff(args) => commands::diff::run(args),
        Command::Services(args) => commands::services::run(args),
        Command::Progress(args) => commands::progress::run(args),
        Command::Deadlines(args) => commands::deadlines::run(args),
        Command::Letter(args) => commands::letter::run(args),
        Command::Log(args) => commands::log::run(args),
        Command::Today(args) => commands::today::run(args),
        Command::Packet(args) => commands::packet::run(args),
        Command::Build(args) => commands::build::run(args),
        Command::Explain(args) => commands::explain::run(args),
        Command::Completions(args) => commands::completions::run(args, Cli::command()),
    };
    common::exit(result)
}

/// The man page `iep.1` (roff), from the clap definitions.
pub fn man_page() -> Vec<u8> {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut out);
    out
}
