//! `iep letter TYPE [DIR]`: one formal, dated PDF letter, filled in from the
//! case and the findings that call for it; with `--record`, also the
//! `kind: letter` record of it in `DIR/letters/`.
//!
//! Where it writes: `DIR/out/<date>-<type>.pdf` by default, or `-o FILE`.
//! It replaces a file only inside the case's `out/` folder, and only one
//! named like its own letters and made by iep; anything else in the way is
//! left alone and the command stops. A record never replaces anything.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_generate::letters::{self, LetterRequest, letter_context, template_name};
use iep_model::LetterType;

use crate::commands::build::{OutDir, PreparingGenerator};
use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case, parse_date, today};

/// How a letter may be sent (case-format.md, `kind: letter`).
const VIA: [&str; 4] = ["email", "mail", "certified-mail", "hand"];

/// Record names tried after `<date>-<type>.yaml` is taken: `-2` up to this.
const MAX_RECORD_SUFFIX: usize = 999;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The letter: meeting-request, data-request, records-request,
    /// evaluation-request, pwn-request, objection, draft-request,
    /// services-concern, follow-up, iee-request, mediation-request,
    /// state-complaint (a draft).
    #[arg(value_name = "TYPE", value_parser = parse_letter_type)]
    pub letter_type: LetterType,
    #[command(flatten)]
    pub case: CaseArgs,
    /// The team member the letter goes to, by id (default: whom your latest
    /// letter went to, else `case-manager`, else the first team member; a
    /// mediation request goes to the district's director, and a state
    /// complaint goes to the state agency with a copy to the director).
    #[arg(long, value_name = "ID")]
    pub to: Option<String>,
    /// A team member to copy, by id; repeat it or separate ids with commas.
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub cc: Vec<String>,
    /// The letter's date (YYYY-MM-DD; default: the --as-of date, else today).
    /// Without --as-of, the case is read as it stood on this date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Where to write the PDF (default: DIR/out/<date>-<type>.pdf). An
    /// existing file outside DIR/out/ is never replaced.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also add the letter to the case as letters/<date>-<type>.yaml, so that
    /// `iep deadlines` and `iep check` follow the answer.
    #[arg(long)]
    pub record: bool,
    /// A folder of fonts (.ttf, .otf, .ttc) for names the built-in fonts cannot show; repeatable.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
    /// How the letter is sent (default: email when the recipient has an address, else mail).
    #[arg(long, value_name = "METHOD", value_parser = VIA)]
    pub via: Option<String>,
    /// The reply date to ask for (YYYY-MM-DD), instead of the one the rules give.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reply_by: Option<NaiveDate>,
}

fn parse_letter_type(text: &str) -> Result<LetterType, String> {
    LetterType::parse(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = LetterType::ALL.iter().map(|t| t.as_str()).collect();
        format!("`{text}` is not a letter type; the letter types are: {}", names.join(", "))
    })
}

pub fn run(args: Args) -> CmdResult {
    let preparing = PreparingGenerator::start(&args.case.dir, args.font_paths.clone());
    let case = load_case(&args.case)?;
    let dir = &args.case.dir;
    let letter_type = args.letter_type;
    let date = args.date.or(args.case.as_of).unwrap_or_else(today);
    // A letter dated in the past speaks of the case as it stood that day.
    let as_of = args.case.as_of.or(args.date).unwrap_or_else(today);

    let (default_to, default_cc) = letters::default_addressing(&case, letter_type, as_of).ok_or_else(|| {
        Failure::new(
            "the letter needs someone to go to: add the school team under `team:` in case.yaml (each with an id and a name), then use --to ID",
        )
    })?;
    let to = match &args.to {
        Some(id) => id.trim().to_owned(),
        None => default_to,
    };
    let mut cc: Vec<String> = args.cc.iter().map(|id| id.trim().to_owned()).filter(|id| !id.is_empty()).collect();
    if args.to.is_none() && args.cc.is_empty() {
        cc = default_cc;
    }
    let request = LetterRequest {
        letter_type,
        to: to.clone(),
        cc: cc.clone(),
        date,
        via: args.via.clone(),
        reply_by: args.reply_by,
        next_meeting: letters::next_meeting(&case, date),
    };

    let cut = case.as_of(as_of);
    let findings = iep_checks::check_cut(&cut, as_of);
    let context = letter_context(&cut, &findings, &request).map_err(|e| Failure::new(e.to_string()))?;
    let mut err = anstream::stderr();
    for note in &context.notes_for_parent {
        let _ = writeln!(err, "note: {note}");
    }
    if !cut.rules.knows_state() {
        if let Some(state) = &cut.info.state {
            let _ = writeln!(
                err,
                "note: the rules data has no rules of its own for {state}, so {state}'s own rules were not checked; the letter uses federal rules."
            );
        }
    }

    let generator = preparing.wait()?;
    let rendered = generator
        .render(&template_name(letter_type), &context, date)
        .map_err(|e| Failure::new(e.to_string()))?;

    for w in &rendered.warnings {
        let _ = writeln!(err, "warning: {w}");
    }

    let file_name = pdf_file_name(date, letter_type);
    let path = match &args.output {
        Some(path) => path.clone(),
        None => OutDir::open(dir)?.dir.join(&file_name),
    };
    write_pdf(dir, &path, &rendered.pdf)?;

    let mut stdout = anstream::stdout();
    let recipient = case.team_member(&to).map_or(to.as_str(), |m| m.name.as_str());
    let acts_on = findings.iter().filter(|f| f.letter == Some(letter_type)).count();
    let _ = writeln!(
        stdout,
        "Wrote {}: {}, to {recipient}, dated {}{}",
        path.display(),
        letter_type.title(),
        context.date,
        match acts_on {
            0 => String::new(),
            1 => " (it acts on 1 finding)".to_owned(),
            n => format!(" (it acts on {n} findings)"),
        }
    );
    if let Some(respond_by) = &context.respond_date {
        let _ = writeln!(stdout, "It asks for a reply by {respond_by}.");
    }

    if args.record {
        let via = args.via.clone().unwrap_or_else(|| {
            let has_email = case.team_member(&to).is_some_and(|m| m.email.is_some());
            if has_email { "email".to_owned() } else { "mail".to_owned() }
        });
        // The reply date the letter printed, so the record and the letter agree.
        let reply_by = args
            .reply_by
            .or_else(|| context.respond_date.as_deref().and_then(parse_long_date));
        let letter = iep_model::Letter {
            date,
            letter_type: letter_type.as_str().to_owned(),
            to,
            cc,
            via: Some(via),
            subject: Some(context.subject.clone()),
            reply_by,
            response: None,
            ..Default::default()
        };
        let record = write_record(dir, &letter)?;
        let _ = writeln!(
            stdout,
            "Recorded it in {}: when the school answers, fill in `response:` there.",
            record.display()
        );
    }
    Ok(Outcome::Done)
}

/// `2026-04-20-records-request.pdf`.
fn pdf_file_name(date: NaiveDate, letter_type: LetterType) -> String {
    format!("{}-{}.pdf", date.format("%Y-%m-%d"), letter_type.as_str())
}

/// Whether `name` is one of the names `iep letter` gives its PDFs.
fn is_letter_file_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".pdf") else { return false };
    let (Some(date), Some(rest)) = (stem.get(..10), stem.get(10..)) else { return false };
    NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
        && rest.strip_prefix('-').and_then(LetterType::parse).is_some()
}

/// Writes the PDF atomically. Inside the case's `out/` folder it replaces
/// only a PDF iep made under one of its letter names; anywhere else it
/// replaces nothing.
fn write_pdf(case_dir: &Path, path: &Path, pdf: &[u8]) -> Result<(), Failure> {
    let exists = fs::symlink_metadata(path).is_ok();
    if !exists {
        return iep_generate::write_atomic_new(path, pdf).map_err(|e| Failure::new(e.to_string()));
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let replaceable = is_in_out_dir(case_dir, path)
        && is_letter_file_name(name)
        && fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && made_by_iep(path);
    if !replaceable {
        return Err(Failure::new(format!(
            "`{}` already exists, and iep replaces only the letters it wrote into the case's out/ folder; choose another file name with -o FILE, or move that file away",
            path.display()
        )));
    }
    iep_generate::write_atomic(path, pdf).map_err(|e| Failure::new(e.to_string()))
}

/// `path` sits directly in `CASE/out/` (compared after resolving links).
fn is_in_out_dir(case_dir: &Path, path: &Path) -> bool {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    match (fs::canonicalize(parent), fs::canonicalize(case_dir.join(crate::commands::build::OUT_DIR))) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A PDF whose metadata names iep as the tool that made it.
fn made_by_iep(path: &Path) -> bool {
    const MARK: &[u8] = b"<xmp:CreatorTool>iep</xmp:CreatorTool>";
    fs::read(path).is_ok_and(|bytes| bytes.starts_with(b"%PDF") && bytes.windows(MARK.len()).any(|w| w == MARK))
}

/// "April 20, 2026" back to a date.
fn parse_long_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%B %d, %Y").ok()
}

/// Adds the record as `letters/<date>-<type>.yaml` (`-2`, `-3`... when the
/// name is taken), never replacing a file. If the case no longer loads
/// cleanly with it, the record is removed again and the command fails.
fn write_record(case_dir: &Path, letter: &iep_model::Letter) -> Result<PathBuf, Failure> {
    let folder = case_dir.join("letters");
    fs::create_dir_all(&folder)
        .map_err(|e| Failure::new(format!("the PDF was written, but the folder `{}` could not be made for the record: {e}", folder.display())))?;
    let text = iep_load::record::letter_record_yaml(letter);
    let stem = format!("{}-{}", letter.date.format("%Y-%m-%d"), letter.letter_type);
    let mut written = None;
    for n in 1..=MAX_RECORD_SUFFIX {
        let name = if n == 1 { format!("{stem}.yaml") } else { format!("{stem}-{n}.yaml") };
        let path = folder.join(name);
        if fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match iep_generate::write_atomic_new(&path, text.as_bytes()) {
            Ok(()) => {
                written = Some(path);
                break;
            }
            // Someone made it meanwhile: try the next name.
            Err(_) if fs::symlink_metadata(&path).is_ok() => continue,
            Err(e) => return Err(Failure::new(format!("the PDF was written, but the record could not be: {e}"))),
        }
    }
    let path = written.ok_or_else(|| {
        Failure::new(format!(
            "the PDF was written, but every record name from {stem}.yaml to {stem}-{MAX_RECORD_SUFFIX}.yaml is taken in `{}`",
            folder.display()
        ))
    })?;

    let loaded = iep_load::load(case_dir);
    if loaded.has_errors() {
        let _ = fs::remove_file(&path);
        crate::common::print_diagnostics(&loaded.diagnostics);
        return Err(Failure::new(format!(
            "the PDF was written, but the record made the case fail to load, so it was removed again ({}); please report this",
            path.display()
        )));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_file_names_are_recognised() {
        assert!(is_letter_file_name("2026-04-20-records-request.pdf"));
        assert!(!is_letter_file_name("2026-04-20-records-request.yaml"));
        assert!(!is_letter_file_name("2026-04-20-love-letter.pdf"));
        assert!(!is_letter_file_name("report.pdf"));
        assert!(!is_letter_file_name("letter-records-request.pdf"));
    }

    #[test]
    fn long_dates_read_back() {
        assert_eq!(parse_long_date("May 4, 2026"), NaiveDate::from_ymd_opt(2026, 5, 4));
        assert_eq!(parse_long_date("April 20, 2026"), NaiveDate::from_ymd_opt(2026, 4, 20));
        assert_eq!(parse_long_date("soon"), None);
    }
}
