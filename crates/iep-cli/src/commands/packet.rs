//! `iep packet`: the meeting packet PDF for the next meeting (or the one on
//! `--meeting DATE`), written to `DIR/out/packet.pdf` or to `-o FILE`.

use std::path::PathBuf;

use chrono::NaiveDate;
use iep_generate::packet::{PacketInput, packet_context};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case, parse_date, warn};
use crate::output::{Origin, Outputs, Target};
use crate::prepare::PreparingGenerator;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// The meeting the packet is for (YYYY-MM-DD). Default: the first meeting
    /// recorded after the as-of date, else "date to be set".
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub meeting: Option<NaiveDate>,
    /// Where to write the PDF (default: DIR/out/packet.pdf; `-` for standard
    /// output). An existing file is replaced only if iep wrote it and it is
    /// unchanged since.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also replace a file iep did not write or that was changed since
    /// (never a link, a device or a case file).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> CmdResult {
    let as_of = args.case.as_of();
    if let Some(meeting) = args.meeting {
        crate::common::near("--meeting", meeting, as_of, "the day the case is judged on")?;
    }
    let preparing = PreparingGenerator::start(&args.case.dir, Vec::new());
    let case = load_case(&args.case)?;
    // One context for the run: the packet reads the analyses the checks memoised.
    let cut = case.as_of(as_of);
    let cx = iep_model::Context::new(&cut, as_of);
    let findings = iep_checks::check_with(&cx);
    let generator = preparing.wait()?;
    let context =
        packet_context(&PacketInput { case: &case, context: &cx, findings: &findings, meeting: args.meeting });
    let rendered = generator.render("packet", &context, as_of).map_err(|e| Failure::new(e.to_string()))?;
    for w in &rendered.warnings {
        warn(w);
    }

    let target = args.output.as_deref().map(Target::from_arg);
    let path = match target {
        Some(Target::Stdout) => {
            return crate::common::write_document(&rendered.pdf, "the packet").map(|()| Outcome::Done);
        }
        Some(Target::File(path)) => path,
        None => args.case.dir.join(crate::output::OUT_DIR).join("packet.pdf"),
    };
    let mut out = Outputs::open(&args.case.dir, args.force)?;
    if let Some(why) = out.write(&path, &rendered.pdf, Origin::Other).problem() {
        return Err(Failure::new(why));
    }
    crate::common::print(&format!(
        "Wrote {}: the packet for the meeting of {}\n",
        path.display(),
        context.meeting.date
    ))?;
    Ok(Outcome::Done)
}
