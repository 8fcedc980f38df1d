//! `iep completions SHELL`: the shell's completion script, from the clap definitions.

use crate::common::{CmdResult, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, mut command: clap::Command) -> CmdResult {
    clap_complete::generate(args.shell, &mut command, "iep", &mut std::io::stdout());
    Ok(Outcome::Done)
}
