//! `iep completions SHELL`: the shell's completion script, from the clap definitions.

use crate::common::{CmdResult, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell: bash, zsh, fish, elvish or powershell.
    #[arg(value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

pub fn run(args: Args, mut command: clap::Command) -> CmdResult {
    // Made whole first: clap_complete panics on a failed write.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "iep", &mut script);
    crate::common::write_document(&script, "the completion script")?;
    Ok(Outcome::Done)
}
