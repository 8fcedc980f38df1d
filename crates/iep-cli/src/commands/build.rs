//! `iep build`: the main job. Check the case, then write into `DIR/out/` the
//! case report, the meeting packet, one letter for every letter type the
//! findings call for, the deadlines calendar and the findings as JSON.
//!
//! `out/` is the only place written to. Every file is written atomically, and
//! a file is replaced or removed only when the manifest `out/.iep-build` says
//! iep wrote it and it is unchanged since: anything else in `out/` is left
//! alone and named. The PDFs are independent and compiled in parallel.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use iep_generate::letters::{LetterRequest, letter_context, template_name};
use iep_generate::packet::{PacketInput, packet_context};
use iep_generate::report::{ReportInput, letter_file_name, letters_called_for, report_context};
use iep_generate::{Generator, GeneratorOptions};
use iep_model::{Case, Finding, LetterType};

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case, plural};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
}

/// The folder under the case folder that `iep` writes into.
pub const OUT_DIR: &str = "out";
/// The list of files `iep` wrote into `out/`, with a checksum of each.
pub const MANIFEST: &str = ".iep-build";

pub fn run(args: Args) -> CmdResult {
    let preparing = PreparingGenerator::start(&args.case.dir, Vec::new());
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    let findings = iep_checks::check(&case, as_of);
    let generator = preparing.wait()?;

    let mut jobs = vec![Job::Report, Job::Packet];
    jobs.extend(letters_called_for(&findings).into_iter().map(Job::Letter));
    let rendered = render_all(&generator, &jobs, &case, as_of, &findings);

    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut failures = Vec::new();
    let mut err = anstream::stderr();
    for (job, result) in jobs.iter().zip(rendered) {
        match result {
            Ok(doc) => {
                for w in &doc.warnings {
                    let _ = writeln!(err, "warning: {}: {w}", job.file_name());
                }
                outputs.push((job.file_name(), doc.pdf));
            }
            Err(message) => failures.push(format!("{}: {message}", job.file_name())),
        }
    }
    let deadlines = iep_deadlines::deadlines(&case, as_of);
    outputs.push((
        "deadlines.ics".to_owned(),
        iep_deadlines::to_ics(&case.name, as_of, &deadlines).into_bytes(),
    ));
    outputs.push((
        "findings.json".to_owned(),
        findings_json(&case, as_of, &findings)?,
    ));

    let mut out = OutDir::open(&args.case.dir)?;
    let mut written = Vec::new();
    for (name, bytes) in &outputs {
        written.push((name.clone(), out.write(name, bytes)));
    }
    let removed = out.remove_stale(outputs.iter().map(|(n, _)| n.as_str()));
    let foreign = out.foreign_files(outputs.iter().map(|(n, _)| n.as_str()));
    out.save_manifest()?;

    print_summary(&out.dir, as_of, &findings, &written, &removed, &foreign);
    if !failures.is_empty() {
        return Err(Failure::new(format!(
            "{} could not be made:\n  {}",
            plural(failures.len(), "document", "documents"),
            failures.join("\n  ")
        )));
    }
    if written.iter().any(|(_, w)| matches!(w, Written::Failed(_))) {
        return Err(Failure::new("some files could not be written (see above)"));
    }
    Ok(Outcome::Done)
}

/// The generator, with the case's own `templates/` folder when it has one,
/// being made ready on another core while this one loads and checks the case.
pub(crate) struct PreparingGenerator(std::thread::JoinHandle<Result<Generator, iep_generate::GenerateError>>);

impl PreparingGenerator {
    pub(crate) fn start(dir: &Path, font_paths: Vec<std::path::PathBuf>) -> PreparingGenerator {
        let templates = dir.join("templates");
        let options = GeneratorOptions { template_overrides: templates.is_dir().then_some(templates), font_paths };
        PreparingGenerator(std::thread::spawn(move || {
            let generator = Generator::new(options)?;
            generator.prepare();
            Ok(generator)
        }))
    }

    pub(crate) fn wait(self) -> Result<Generator, Failure> {
        self.0
            .join()
            .map_err(|_| Failure::new("the PDF generator stopped unexpectedly; please report this"))?
            .map_err(|e| Failure::new(e.to_string()))
    }
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

    fn render(
        self,
        generator: &Generator,
        case: &Case,
        as_of: NaiveDate,
        findings: &[Finding],
    ) -> Result<iep_generate::Rendered, String> {
        let rendered = match self {
            Job::Report => {
                let context = report_context(&ReportInput {
                    case,
                    as_of,
                    findings,
                });
                generator.render("report", &context, as_of)
            }
            Job::Packet => {
                let context = packet_context(&PacketInput {
                    case,
                    as_of,
                    findings,
                    meeting: None,
                });
                generator.render("packet", &context, as_of)
            }
            Job::Letter(letter_type) => {
                let request = default_letter_request(case, letter_type, as_of)?;
                let context = letter_context(&case.as_of(as_of), findings, &request)
                    .map_err(|e| e.to_string())?;
                generator.render(&template_name(letter_type), &context, as_of)
            }
        };
        rendered.map_err(|e| e.to_string())
    }
}

/// Who a letter of the build goes to: the person the parent's latest letter
/// went to (copying the same people), else the team member with the id
/// `case-manager`, else the first team member.
fn default_letter_request(
    case: &Case,
    letter_type: LetterType,
    as_of: NaiveDate,
) -> Result<LetterRequest, String> {
    let latest = case
        .letters
        .iter()
        .filter(|l| l.date <= as_of && case.team_member(&l.to).is_some())
        .max_by_key(|l| l.date);
    let (to, cc) = match latest {
        Some(l) => (
            l.to.clone(),
            l.cc.iter()
                .filter(|id| case.team_member(id).is_some() && **id != l.to)
                .cloned()
                .collect(),
        ),
        None => {
            let to = case
                .team_member("case-manager")
                .or_else(|| case.info.team.first())
                .map(|m| m.id.clone())
                .ok_or_else(|| "the letter needs someone to go to: add the school team under `team:` in case.yaml".to_owned())?;
            (to, Vec::new())
        }
    };
    Ok(LetterRequest {
        letter_type,
        to,
        cc,
        date: as_of,
        via: None,
        reply_by: None,
    })
}

/// Renders every job, in parallel on the machine's cores; results in job order.
fn render_all(
    generator: &Generator,
    jobs: &[Job],
    case: &Case,
    as_of: NaiveDate,
    findings: &[Finding],
) -> Vec<Result<iep_generate::Rendered, String>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(jobs[i].weight()));
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<iep_generate::Rendered, String>>> =
        (0..jobs.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push((i, jobs[i].render(generator, case, as_of, findings)));
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
        .map(|r| {
            r.unwrap_or_else(|| {
                Err("internal error: the document's worker stopped; please report it".to_owned())
            })
        })
        .collect()
}

/// The same JSON object as `iep check --format json`, with a final newline.
fn findings_json(case: &Case, as_of: NaiveDate, findings: &[Finding]) -> Result<Vec<u8>, Failure> {
    let report = crate::commands::check::Report::new(case, as_of, findings);
    let mut text = serde_json::to_string_pretty(&report)
        .map_err(|e| Failure::new(format!("could not write JSON: {e}")))?;
    text.push('\n');
    Ok(text.into_bytes())
}

/// What happened to one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    New,
    Replaced,
    Unchanged,
    /// A file iep did not make (or that was changed since) is in the way.
    LeftAlone,
    Failed(String),
}

/// `out/` and its manifest.
pub(crate) struct OutDir {
    pub(crate) dir: PathBuf,
    /// File name → checksum of what iep wrote, from the last run and this one.
    manifest: BTreeMap<String, String>,
}

impl OutDir {
    /// Opens (creating it if needed) `CASE/out`, refusing a symlink: iep
    /// writes nowhere outside the case's own `out/` folder.
    pub(crate) fn open(case_dir: &Path) -> Result<OutDir, Failure> {
        let dir = case_dir.join(OUT_DIR);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Failure::new(format!(
                    "`{}` is a link to another place; iep writes only into a real `out` folder inside the case folder: remove the link",
                    dir.display()
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(Failure::new(format!(
                    "`{}` is a file, not a folder; iep writes its outputs into the folder `out`: move that file away",
                    dir.display()
                )));
            }
            Ok(_) => {}
            Err(_) => fs::create_dir(&dir).map_err(|e| {
                Failure::new(format!("cannot create the folder `{}`: {e}", dir.display()))
            })?,
        }
        let manifest = read_manifest(&dir.join(MANIFEST));
        Ok(OutDir { dir, manifest })
    }

    /// Writes `name` in `out/` unless a file iep did not make is there.
    pub(crate) fn write(&mut self, name: &str, bytes: &[u8]) -> Written {
        let path = self.dir.join(name);
        let checksum = checksum(bytes);
        let outcome = match fs::symlink_metadata(&path) {
            Err(_) => iep_generate::write_atomic_new(&path, bytes).map(|()| Written::New),
            Ok(meta) if meta.is_file() && self.is_ours(name, &path) => {
                if self.manifest.get(name) == Some(&checksum) {
                    Ok(Written::Unchanged)
                } else {
                    iep_generate::write_atomic(&path, bytes).map(|()| Written::Replaced)
                }
            }
            Ok(_) => return Written::LeftAlone,
        };
        match outcome {
            Ok(written) => {
                self.manifest.insert(name.to_owned(), checksum);
                written
            }
            Err(e) => Written::Failed(e.to_string()),
        }
    }

    /// The manifest lists `name` and the file on disk is what iep wrote.
    fn is_ours(&self, name: &str, path: &Path) -> bool {
        match (self.manifest.get(name), fs::read(path)) {
            (Some(recorded), Ok(bytes)) => *recorded == checksum(&bytes),
            _ => false,
        }
    }

    /// Removes files an earlier build wrote that this one does not make (a
    /// letter no finding calls for any more), when they are unchanged.
    pub(crate) fn remove_stale<'a>(
        &mut self,
        produced: impl Iterator<Item = &'a str>,
    ) -> Vec<String> {
        let produced: Vec<&str> = produced.collect();
        let stale: Vec<String> = self
            .manifest
            .keys()
            .filter(|n| !produced.contains(&n.as_str()))
            .cloned()
            .collect();
        let mut removed = Vec::new();
        for name in stale {
            let path = self.dir.join(&name);
            if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
                && self.is_ours(&name, &path)
                && fs::remove_file(&path).is_ok()
            {
                removed.push(name.clone());
            }
            self.manifest.remove(&name);
        }
        removed
    }

    /// Files in `out/` that iep did not write, other than in-progress temporaries.
    pub(crate) fn foreign_files<'a>(&self, produced: impl Iterator<Item = &'a str>) -> Vec<String> {
        let produced: Vec<&str> = produced.collect();
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n != MANIFEST && !(n.starts_with(".iep-") && n.ends_with(".tmp")))
            .filter(|n| !self.manifest.contains_key(n) && !produced.contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    /// Writes the manifest (atomically) with what iep wrote.
    pub(crate) fn save_manifest(&self) -> Result<(), Failure> {
        let mut text = String::from(
            "# The files `iep build` wrote into this folder, with a checksum of each.\n\
             # iep replaces or removes a file only while it is listed here and unchanged.\n",
        );
        for (name, sum) in &self.manifest {
            text.push_str(&format!("{sum} {name}\n"));
        }
        iep_generate::write_atomic(&self.dir.join(MANIFEST), text.as_bytes())
            .map_err(|e| Failure::new(e.to_string()))
    }
}

fn read_manifest(path: &Path) -> BTreeMap<String, String> {
    let Ok(text) = fs::read_to_string(path) else {
        return BTreeMap::new();
    };
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        // Only plain file names: a manifest can never point outside `out/`.
        .filter(|(_, name)| {
            !name.is_empty() && !name.contains(['/', '\\']) && *name != "." && *name != ".."
        })
        .map(|(sum, name)| (name.to_owned(), sum.to_owned()))
        .collect()
}

/// FNV-1a, 64 bits: enough to tell that a file was changed since iep wrote it.
fn checksum(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv64:{hash:016x}")
}

fn describe(name: &str, findings: &[Finding]) -> String {
    match name {
        "report.pdf" => format!(
            "the case report ({})",
            plural(findings.len(), "finding", "findings")
        ),
        "packet.pdf" => "the meeting packet".to_owned(),
        "deadlines.ics" => "the deadlines, for your calendar".to_owned(),
        "findings.json" => "the findings, for other programs".to_owned(),
        other => match LetterType::ALL
            .into_iter()
            .find(|t| letter_file_name(*t) == other)
        {
            Some(t) => {
                let n = findings.iter().filter(|f| f.letter == Some(t)).count();
                format!(
                    "letter: {} (acts on {})",
                    t.title(),
                    plural(n, "finding", "findings")
                )
            }
            None => String::new(),
        },
    }
}

pub(crate) fn print_summary(
    dir: &Path,
    as_of: NaiveDate,
    findings: &[Finding],
    written: &[(String, Written)],
    removed: &[String],
    foreign: &[String],
) {
    let mut out = anstream::stdout();
    let shown = dir.display();
    let _ = writeln!(out, "Built {shown} as of {as_of}:");
    let width = written.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    for (name, what) in written {
        let note = match what {
            Written::New | Written::Replaced => String::new(),
            Written::Unchanged => " (unchanged)".to_owned(),
            Written::LeftAlone => {
                " NOT WRITTEN: a file of this name is there that iep did not make (or it was changed since); move it away to let iep write it".to_owned()
            }
            Written::Failed(e) => format!(" NOT WRITTEN: {e}"),
        };
        let _ = writeln!(out, "  {name:<width$}  {}{note}", describe(name, findings));
    }
    for name in removed {
        let _ = writeln!(
            out,
            "  removed {name}: this build does not make it any more"
        );
    }
    if !foreign.is_empty() {
        let _ = writeln!(
            out,
            "Left alone (iep did not make them): {}",
            foreign.join(", ")
        );
    }
}
