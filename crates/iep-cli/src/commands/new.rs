//! `iep new KIND [DIR] [--date D]`: a commented template of any kind of file,
//! written into its usual folder, never over an existing file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::common::{CmdResult, Failure, Outcome, parse_date, today};
use crate::scaffold::{SCHEMAS_DIR, real_folder_in_case, template, write_new, write_schemas};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(value_name = "KIND", help = kind_help(), value_parser = clap::builder::PossibleValuesParser::new(iep_load::kind_names()))]
    pub kind: String,
    /// The case folder (default: the current folder).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The document's date, which also names the file (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// For a letter: its type, which also names the file (default: other).
    #[arg(long = "type", value_name = "TYPE", default_value = "other")]
    pub letter_type: String,
}

/// "The kind of file: case, school-calendar, ... or check-ins", from the kinds table.
fn kind_help() -> String {
    match iep_load::kind_names().split_last() {
        Some((last, rest)) => format!("The kind of file: {} or {last}", rest.join(", ")),
        None => "The kind of file".to_owned(),
    }
}

pub fn run(args: Args) -> CmdResult {
    let dir = &args.dir;
    if !dir.is_dir() {
        return Err(Failure::new(format!(
            "`{}` is not a folder; give the case folder, or run `iep init {}` to start one",
            dir.display(),
            dir.display()
        )));
    }
    let letter_type = args.letter_type.trim();
    if letter_type.is_empty() || !letter_type.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return Err(Failure::new(format!(
            "`{letter_type}` cannot name a file; write the letter type as a word or words joined by `-`, like `records-request`"
        )));
    }
    let kind = iep_load::kind(&args.kind)
        .ok_or_else(|| Failure::new(format!("`{}` is not a kind of case file", args.kind)))?;
    let date = args.date.unwrap_or_else(today);
    let rel = kind.file_for(date, letter_type);
    let path = dir.join(&rel);
    if path.exists() {
        return Err(Failure::new(format!(
            "`{}` already exists, so nothing was written; edit it, or give another `--date`",
            path.display()
        )));
    }
    let text = template(kind, &rel, date, letter_type);
    // Every folder on the way is a real one inside the case, the schemas'
    // too, before anything is written.
    let folder = Path::new(&rel).parent().unwrap_or(Path::new(""));
    let written = real_folder_in_case(dir, folder)
        .and_then(|_| real_folder_in_case(dir, Path::new(SCHEMAS_DIR)))
        .and_then(|_| write_new(&path, &text))
        .and_then(|()| write_schemas(dir));
    written.map_err(|e| Failure::new(format!("could not write `{}`: {e}", path.display())))?;
    crate::common::print(&format!(
        "Wrote {}: fill it in from the paper, then run `iep check {}`.\n",
        path.display(),
        dir.display()
    ))?;
    Ok(Outcome::Done)
}
