//! `iep deadlines`: not written yet.

use crate::common::{CaseArgs, CmdResult, Failure};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
}

pub fn run(args: Args) -> CmdResult {
    let _ = args;
    Err(Failure::new("`iep deadlines` is not available in this build yet"))
}
