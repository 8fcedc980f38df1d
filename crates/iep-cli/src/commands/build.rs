//! `iep build`: the main job. Check the case, then write into `DIR/out/` the
//! case report, the meeting packet, one letter for every letter type the
//! findings call for, the deadlines calendar and the findings as JSON.
//!
//! `out/` is the only place written to, under the policy of `output.rs`: a
//! file is replaced or removed only when the manifest says iep wrote it and it
//! is unchanged since; anything else in `out/` is left alone and named, and a
//! file that should have been written and was not makes the build fail. The
//! PDFs are independent and compiled in parallel.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use iep_generate::Generator;
use iep_generate::letters::{self, LetterRequest, letter_context, template_name};
use iep_generate::packet::{PacketInput, packet_context};
use iep_generate::report::{ReportInput, letter_file_name, report_context};
use iep_model::{Case, Context, Finding, LetterType};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case, plural, warn};
use crate::output::{Origin, Outputs, Written};
use crate::prepare::PreparingGenerator;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Also replace files in out/ that iep did not write or that were changed
    /// since (never a link, a device or a case file).
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> CmdResult {
    let preparing = PreparingGenerator::start(&args.case.dir, Vec::new());
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    // One context for the run: the checks memoise the analyses in it, and
    // the packet and letters read the same ones.
    let cut = case.as_of(as_of);
    let cx = Context::new(&cut, as_of);
    let findings = iep_checks::check_with(&cx);
    let generator = preparing.wait()?;

    let mut jobs = vec![Job::Report, Job::Packet];
    let letter_types = letters::letters_for_build(&cut, &findings, letters::next_meeting(&case, as_of));
    // Which letter acts on each finding, as the report says it.
    let acting = letters::letters_acting_on(&cut, &findings, as_of, &letter_types);
    jobs.extend(letter_types.into_iter().map(Job::Letter));
    let rendered = render_all(&generator, &jobs, &case, &cx, &findings);

    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failures = Vec::new();
    for (job, result) in jobs.iter().zip(rendered) {
        match result {
            Ok(doc) => {
                for w in &doc.warnings {
                    warn(&format!("{}: {w}", job.file_name()));
                }
                outputs.push((job.file_name(), doc.pdf));
            }
            Err(message) => failures.push(format!("{}: {message}", job.file_name())),
        }
    }
    let deadlines = iep_deadlines::deadlines_in(&case, &cx);
    outputs.push(("deadlines.ics".to_owned(), iep_deadlines::to_ics(&case.name, as_of, &deadlines).into_bytes()));
    outputs.push(("findings.json".to_owned(), findings_json(&case, as_of, &findings)?));

    let mut out = Outputs::open(&args.case.dir, args.force)?;
    let paths: Vec<(PathBuf, &[u8], Origin)> =
        outputs.iter().map(|(name, bytes)| (out.dir.join(name), bytes.as_slice(), Origin::Build)).collect();
    let results = out.write_all(&paths);
    let written: Vec<(String, Written)> = outputs.iter().map(|(n, _)| n.clone()).zip(results).collect();
    let produced: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
    let not_written: Vec<String> =
        written.iter().filter_map(|(name, w)| w.problem().map(|why| format!("{name}: {why}"))).collect();
    failures.extend(not_written);
    // Only a build that made everything says what is no longer made: a
    // document that failed to render keeps its last good copy.
    let removed = if failures.is_empty() { out.remove_stale(&produced) } else { Vec::new() };
    let foreign = out.foreign_files(&produced);

    print_summary(&out.dir, as_of, &findings, &acting, &written, &removed, &foreign)?;
    if !failures.is_empty() {
        return Err(Failure::new(format!(
            "{} could not be written:\n  {}",
            plural(failures.len(), "file", "files"),
            failures.join("\n  ")
        )));
    }
    Ok(Outcome::Done)
}

/// One PDF of the build.
#[derive(Debug, Clone, Copy)]
enum Job {
    Report,
    Packet,
    Letter(LetterType),
}

impl Job {
    fn file_name(self) -> String {
        match self {
            Job::Report => "report.pdf".to_owned(),
            Job::Packet => "packet.pdf".to_owned(),
            Job::Letter(t) => letter_file_name(t),
        }
    }

    /// Roughly how long it takes to typeset: the longest starts first, so
    /// the other cores finish the short ones meanwhile.
    fn weight(self) -> u32 {
        match self {
            Job::Packet => 3,
            Job::Report => 2,
            Job::Letter(_) => 1,
        }
    }

    /// `case` is the whole case; `cx` the run's context over it cut to the as-of date.
    fn render(
        self,
        generator: &Generator,
        case: &Case,
        cx: &Context<'_>,
        findings: &[Finding],
    ) -> Result<iep_generate::Rendered, String> {
        let as_of = cx.as_of;
        let rendered = match self {
            Job::Report => {
                let context = report_context(&ReportInput { case, as_of, findings });
                generator.render("report", &context, as_of)
            }
            Job::Packet => {
                let context = packet_context(&PacketInput { case, context: cx, findings, meeting: None });
                generator.render("packet", &context, as_of)
            }
            Job::Letter(letter_type) => {
                let request = default_letter_request(case, letter_type, as_of)?;
                let context = letter_context(cx, findings, &request).map_err(|e| e.to_string())?;
                generator.render(&template_name(letter_type), &context, as_of)
            }
        };
        rendered.map_err(|e| e.to_string())
    }
}

/// Who a letter of the build goes to: the policy `iep letter` uses too.
fn default_letter_request(case: &Case, letter_type: LetterType, as_of: NaiveDate) -> Result<LetterRequest, String> {
    let (to, cc) = letters::default_addressing(case, letter_type, as_of).ok_or_else(|| {
        "the letter needs someone to go to: add the school team under `team:` in case.yaml".to_owned()
    })?;
    Ok(LetterRequest {
        letter_type,
        to,
        cc,
        date: as_of,
        via: None,
        reply_by: None,
        next_meeting: letters::next_meeting(case, as_of),
    })
}

/// Renders every job, in parallel on the machine's cores; results in job order.
fn render_all(
    generator: &Generator,
    jobs: &[Job],
    case: &Case,
    cx: &Context<'_>,
    findings: &[Finding],
) -> Vec<Result<iep_generate::Rendered, String>> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].weight()));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<iep_generate::Rendered, String>>> = (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((i, jobs[i].render(generator, case, cx, findings)));
                    }
                    done
                })
            })
            .collect();
        for handle in handles {
            // A worker that panicked leaves its documents without a result;
            // they are reported below as internal errors.
            if let Ok(done) = handle.join() {
                for (i, result) in done {
                    results[i] = Some(result);
                }
            }
        }
    });
    results
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("internal error: the document's worker stopped; please report it".to_owned())))
        .collect()
}

/// The same JSON object as `iep check --format json`, with a final newline.
fn findings_json(case: &Case, as_of: NaiveDate, findings: &[Finding]) -> Result<Vec<u8>, Failure> {
    let report = crate::render::Report::new(case, as_of, findings);
    let mut text =
        serde_json::to_string_pretty(&report).map_err(|e| Failure::new(format!("could not write JSON: {e}")))?;
    text.push('\n');
    Ok(text.into_bytes())
}

fn describe(name: &str, findings: &[Finding], acting: &[Option<LetterType>]) -> String {
    match name {
        "report.pdf" => format!("the case report ({})", plural(findings.len(), "finding", "findings")),
        "packet.pdf" => "the meeting packet".to_owned(),
        "deadlines.ics" => "the deadlines, for your calendar".to_owned(),
        "findings.json" => "the findings, for other programs".to_owned(),
        other => match letters::LETTERS.iter().map(|spec| spec.letter_type).find(|t| letter_file_name(*t) == other) {
            Some(t) => match acting.iter().filter(|a| **a == Some(t)).count() {
                0 => format!("letter: {}", t.title()),
                n => format!("letter: {} (acts on {})", t.title(), plural(n, "finding", "findings")),
            },
            None => String::new(),
        },
    }
}

fn print_summary(
    dir: &Path,
    as_of: NaiveDate,
    findings: &[Finding],
    acting: &[Option<LetterType>],
    written: &[(String, Written)],
    removed: &[String],
    foreign: &[String],
) -> Result<(), Failure> {
    use std::fmt::Write as _;
    let mut out = String::new();
    let shown = dir.display();
    let _ = writeln!(out, "Built {shown} as of {as_of}:");
    let width = written.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, what) in written {
        let note = match what {
            Written::New | Written::Replaced => String::new(),
            Written::Unchanged => " (unchanged)".to_owned(),
            Written::Refused(_) => {
                " NOT WRITTEN: a file of this name is there that iep did not write (or it was changed since); move it away, or use --force".to_owned()
            }
            Written::Failed(_) => " NOT WRITTEN: see below".to_owned(),
        };
        let _ = writeln!(out, "  {name:<width$}  {}{note}", describe(name, findings, acting));
    }
    for name in removed {
        let _ = writeln!(out, "  removed {name}: this build does not make it any more");
    }
    if !foreign.is_empty() {
        let _ = writeln!(out, "Left alone (iep did not make them): {}", foreign.join(", "));
    }
    crate::common::print(&out)
}
