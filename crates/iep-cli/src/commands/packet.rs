//! `iep packet`: the meeting packet PDF for the next meeting (or the one on
//! `--meeting DATE`), written to `DIR/out/packet.pdf` or to `-o FILE`.

use std::io::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use iep_generate::packet::{PacketInput, packet_context};

use crate::outputs::{OutDir, PreparingGenerator, Written};
use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case, parse_date};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// The meeting the packet is for (YYYY-MM-DD). Default: the first meeting
    /// recorded after the as-of date, else "date to be set".
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub meeting: Option<NaiveDate>,
    /// Where to write the PDF (default: DIR/out/packet.pdf). An existing file
    /// is replaced only if iep made it.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args) -> CmdResult {
    let preparing = PreparingGenerator::start(&args.case.dir, Vec::new());
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    let findings = iep_checks::check(&case, as_of);
    let generator = preparing.wait()?;
    let context = packet_context(&PacketInput {
        case: &case,
        as_of,
        findings: &findings,
        meeting: args.meeting,
    });
    let rendered = generator
        .render("packet", &context, as_of)
        .map_err(|e| Failure::new(e.to_string()))?;
    let mut err = anstream::stderr();
    for w in &rendered.warnings {
        let _ = writeln!(err, "warning: {w}");
    }

    let shown = match &args.output {
        Some(path) => {
            write_to(path, &rendered.pdf)?;
            path.display().to_string()
        }
        None => {
            let mut out = OutDir::open(&args.case.dir)?;
            match out.write("packet.pdf", &rendered.pdf) {
                Written::New | Written::Replaced | Written::Unchanged => {}
                Written::LeftAlone => {
                    return Err(Failure::new(format!(
                        "`{}` is there and iep did not make it (or it was changed since); move it away, or write elsewhere with -o FILE",
                        out.dir.join("packet.pdf").display()
                    )));
                }
                Written::Failed(e) => return Err(Failure::new(e)),
            }
            out.save_manifest()?;
            out.dir.join("packet.pdf").display().to_string()
        }
    };
    let mut stdout = anstream::stdout();
    let _ = writeln!(
        stdout,
        "Wrote {shown}: the packet for the meeting of {}",
        context.meeting.date
    );
    Ok(Outcome::Done)
}

/// Writes `-o FILE` atomically. An existing file is replaced only when it is
/// a PDF iep made (its creator tool says `iep`): never a file iep did not create.
fn write_to(path: &PathBuf, pdf: &[u8]) -> Result<(), Failure> {
    if path.exists() {
        let ours = std::fs::read(path).is_ok_and(|bytes| {
            bytes.starts_with(b"%PDF")
                && contains(&bytes, b"<xmp:CreatorTool>iep</xmp:CreatorTool>")
        });
        if !ours {
            return Err(Failure::new(format!(
                "`{}` already exists and iep did not make it; choose another file name, or move that file away",
                path.display()
            )));
        }
        iep_generate::write_atomic(path, pdf).map_err(|e| Failure::new(e.to_string()))
    } else {
        iep_generate::write_atomic_new(path, pdf).map_err(|e| Failure::new(e.to_string()))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
