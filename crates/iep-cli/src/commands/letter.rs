//! `iep letter TYPE [DIR]`: one formal, dated PDF letter, filled in from the
//! case and the findings that call for it; with `--record`, also the
//! `kind: letter` record of it in `DIR/letters/`.
//!
//! Where it writes: `DIR/out/<date>-<type>.pdf` by default, `-o FILE`, or
//! `-o -` (standard output), under the policy of `output.rs`: a file is
//! replaced only when iep wrote it and it is unchanged since. A record never
//! replaces anything and is never written through a link.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_generate::letters::{self, LetterRequest, letter_context, template_name};
use iep_model::LetterType;

use crate::common::{CaseArgs, CmdResult, Failure, Outcome, load_case_on, note, parse_date, today, warn};
use crate::output::{Origin, Outputs, Target};
use crate::prepare::PreparingGenerator;

/// How a letter may be sent (case-format.md, `kind: letter`).
const VIA: [&str; 4] = ["email", "mail", "certified-mail", "hand"];

/// Record names tried after `<date>-<type>.yaml` is taken: `-2` up to this.
const MAX_RECORD_SUFFIX: usize = 999;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "TYPE", help = letter_type_help(), value_parser = parse_letter_type)]
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
    /// Where to write the PDF (default: DIR/out/<date>-<type>.pdf; `-` for
    /// standard output). An existing file is replaced only if iep wrote it
    /// and it is unchanged since.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also replace a file iep did not write or that was changed since
    /// (never a link, a device or a case file).
    #[arg(long)]
    pub force: bool,
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
    /// The reply date to ask for (YYYY-MM-DD, after the letter's date), instead of the one the rules give.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub reply_by: Option<NaiveDate>,
}

/// "The letter: meeting-request, ..., state-complaint (a draft)", from the letters table.
fn letter_type_help() -> String {
    let names: Vec<String> = letters::LETTERS
        .iter()
        .map(|spec| {
            let name = spec.letter_type.as_str();
            if spec.draft { format!("{name} (a draft)") } else { name.to_owned() }
        })
        .collect();
    format!("The letter: {}", names.join(", "))
}

fn parse_letter_type(text: &str) -> Result<LetterType, String> {
    letters::parse_letter_type(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = letters::LETTERS.iter().map(|spec| spec.letter_type.as_str()).collect();
        format!("`{text}` is not a letter type; the letter types are: {}", names.join(", "))
    })
}

pub fn run(args: Args) -> CmdResult {
    let preparing = PreparingGenerator::start(&args.case.dir, args.font_paths.clone());
    let date = args.date.or(args.case.as_of).unwrap_or_else(today);
    // A letter dated in the past speaks of the case as it stood that day.
    let as_of = args.case.as_of.or(args.date).unwrap_or_else(today);
    check_reply_by(args.reply_by, date)?;
    let case = load_case_on(&args.case, as_of)?;
    let dir = &args.case.dir;
    let letter_type = args.letter_type;
    let (to, cc) = addressing(&args, &case, as_of)?;
    let request = LetterRequest {
        letter_type,
        to: to.clone(),
        cc: cc.clone(),
        date,
        via: args.via.clone(),
        reply_by: args.reply_by,
        next_meeting: letters::next_meeting(&case, date),
    };

    // One context for the run: the letter reads the case the checks judged.
    let cut = case.as_of(as_of);
    let cx = iep_model::Context::new(&cut, as_of);
    let findings = iep_checks::check_with(&cx);
    let context = letter_context(&cx, &findings, &request).map_err(|e| Failure::new(e.to_string()))?;
    for text in &context.notes_for_parent {
        note(text);
    }
    if !cut.rules.knows_state()
        && let Some(state) = &cut.info.state
    {
        note(&format!(
            "the rules data has no rules of its own for {state}, so {state}'s own rules were not checked; the letter uses federal rules."
        ));
    }

    let generator = preparing.wait()?;
    let rendered =
        generator.render(&template_name(letter_type), &context, date).map_err(|e| Failure::new(e.to_string()))?;
    for w in &rendered.warnings {
        warn(w);
    }
    let (path, to_stdout) = write_pdf(&args, date, &rendered.pdf)?;

    // With the PDF on standard output, what is said goes to stderr.
    let recipient = case.team_member(&to).map_or(to.as_str(), |m| m.name.as_str());
    // Counted as the report and `iep build` count them (a change with a notice on file is the objection's).
    let acts_on = letters::letters_acting_on(&cut, &findings, as_of, &[letter_type])
        .iter()
        .filter(|a| **a == Some(letter_type))
        .count();
    let mut said = wrote_sentence(&path, letter_type, recipient, &context, acts_on);
    if args.record {
        let via = args.via.clone().unwrap_or_else(|| {
            let has_email = case.team_member(&to).is_some_and(|m| m.email.is_some());
            if has_email { "email".to_owned() } else { "mail".to_owned() }
        });
        // The reply date the letter printed, so the record and the letter agree.
        let reply_by = args.reply_by.or_else(|| context.respond_date.as_deref().and_then(parse_long_date));
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
        let record = write_record(dir, &letter, as_of)?;
        said.push_str(&format!(
            "Recorded it in {}: when the school answers, fill in `response:` there.\n",
            record.display()
        ));
    }
    if to_stdout {
        let _ = std::io::Write::write_all(&mut anstream::stderr(), crate::render::terminal_safe(&said).as_bytes());
    } else {
        crate::common::print(&said)?;
    }
    Ok(Outcome::Done)
}

/// `--reply-by` is after the letter's date, and not absurdly far from it.
fn check_reply_by(reply_by: Option<NaiveDate>, date: NaiveDate) -> Result<(), Failure> {
    let Some(reply_by) = reply_by else { return Ok(()) };
    if reply_by <= date {
        return Err(Failure::new(format!(
            "--reply-by {reply_by} is not after the letter's date {date}; give a later day, or leave --reply-by out to use the one the rules give"
        )));
    }
    crate::common::near("--reply-by", reply_by, date, "the letter's date")?;
    Ok(())
}

/// Whom the letter goes to and whom it copies: `--to` and `--cc`, else the
/// letter type's defaults (`--cc` alone keeps the default recipient).
fn addressing(args: &Args, case: &iep_model::Case, as_of: NaiveDate) -> Result<(String, Vec<String>), Failure> {
    let (default_to, default_cc) = letters::default_addressing(case, args.letter_type, as_of).ok_or_else(|| {
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
    Ok((to, cc))
}

/// Writes the PDF where `-o` says (standard output for `-`), else under the
/// case's `out/`, through the output policy. Returns where it went, and
/// whether that is standard output.
fn write_pdf(args: &Args, date: NaiveDate, pdf: &[u8]) -> Result<(PathBuf, bool), Failure> {
    let dir = &args.case.dir;
    let target = args.output.as_deref().map(Target::from_arg);
    let to_stdout = target == Some(Target::Stdout);
    let path = match target {
        Some(Target::Stdout) => {
            crate::common::write_document(pdf, "the letter")?;
            PathBuf::from("standard output")
        }
        Some(Target::File(path)) => path,
        None => dir.join(crate::output::OUT_DIR).join(pdf_file_name(date, args.letter_type)),
    };
    if !to_stdout {
        let mut out = Outputs::open(dir, args.force)?;
        if let Some(why) = out.write(&path, pdf, Origin::Other).problem() {
            return Err(Failure::new(why));
        }
    }
    Ok((path, to_stdout))
}

/// "Wrote FILE: TITLE, to NAME, dated DATE (it acts on N findings)", and the reply date it asks for.
fn wrote_sentence(
    path: &Path,
    letter_type: LetterType,
    recipient: &str,
    context: &letters::LetterContext,
    acts_on: usize,
) -> String {
    let mut said = format!(
        "Wrote {}: {}, to {recipient}, dated {}{}\n",
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
        said.push_str(&format!("It asks for a reply by {respond_by}.\n"));
    }
    said
}

/// `2026-04-20-records-request.pdf`.
fn pdf_file_name(date: NaiveDate, letter_type: LetterType) -> String {
    format!("{}-{}.pdf", date.format("%Y-%m-%d"), letter_type.as_str())
}

/// "April 20, 2026" back to a date.
fn parse_long_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%B %d, %Y").ok()
}

/// Adds the record as `letters/<date>-<type>.yaml` (`-2`, `-3`... when the
/// name is taken), never replacing a file. If the case no longer loads
/// cleanly with it, the record is removed again and the command fails.
fn write_record(case_dir: &Path, letter: &iep_model::Letter, as_of: NaiveDate) -> Result<PathBuf, Failure> {
    let folder = case_dir.join("letters");
    let text = iep_load::record::letter_record_yaml(letter);
    let stem = format!("{}-{}", letter.date.format("%Y-%m-%d"), letter.letter_type);
    let mut written = None;
    for n in 1..=MAX_RECORD_SUFFIX {
        let name = if n == 1 { format!("{stem}.yaml") } else { format!("{stem}-{n}.yaml") };
        let made = crate::output::write_new_in_case(case_dir, &folder, &name, text.as_bytes())
            .map_err(|Failure(e)| Failure::new(format!("the PDF was written, but the record could not be: {e}")))?;
        if made.is_some() {
            written = made;
            break;
        }
    }
    let path = written.ok_or_else(|| {
        Failure::new(format!(
            "the PDF was written, but every record name from {stem}.yaml to {stem}-{MAX_RECORD_SUFFIX}.yaml is taken in `{}`",
            folder.display()
        ))
    })?;

    let loaded = iep_load::load_as_of(case_dir, as_of);
    if loaded.has_errors() {
        let _ = std::fs::remove_file(&path);
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
    fn long_dates_read_back() {
        assert_eq!(parse_long_date("May 4, 2026"), NaiveDate::from_ymd_opt(2026, 5, 4));
        assert_eq!(parse_long_date("April 20, 2026"), NaiveDate::from_ymd_opt(2026, 4, 20));
        assert_eq!(parse_long_date("soon"), None);
    }

    #[test]
    fn a_reply_date_falls_after_the_letter_and_within_a_year_of_it() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let date = day(2026, 4, 20);
        assert!(check_reply_by(None, date).is_ok());
        assert!(check_reply_by(Some(day(2026, 5, 4)), date).is_ok());
        assert!(check_reply_by(Some(date), date).is_err());
        assert!(check_reply_by(Some(day(2026, 4, 1)), date).is_err());
        assert!(check_reply_by(Some(day(2028, 5, 4)), date).is_err());
    }
}
