//! `iep new KIND [DIR] [--date D]`: a commented template of any kind of file,
//! written into its usual folder, never over an existing file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::common::{CmdResult, Failure, Outcome, parse_date, today};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The kind of file: case, school-calendar, iep, progress-report, service-log, meeting,
    /// prior-written-notice, letter, communications, observations, evaluation or consent.
    #[arg(value_name = "KIND", value_parser = clap::builder::PossibleValuesParser::new(iep_load::KINDS))]
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

/// Each kind's template, embedded in the binary.
const TEMPLATES: [(&str, &str); 12] = [
    ("case", include_str!("../templates/case.yaml")),
    ("school-calendar", include_str!("../templates/school-calendar.yaml")),
    ("iep", include_str!("../templates/iep.yaml")),
    ("progress-report", include_str!("../templates/progress-report.yaml")),
    ("service-log", include_str!("../templates/service-log.yaml")),
    ("meeting", include_str!("../templates/meeting.yaml")),
    ("prior-written-notice", include_str!("../templates/prior-written-notice.yaml")),
    ("letter", include_str!("../templates/letter.yaml")),
    ("communications", include_str!("../templates/communications.yaml")),
    ("observations", include_str!("../templates/observations.yaml")),
    ("evaluation", include_str!("../templates/evaluation.yaml")),
    ("consent", include_str!("../templates/consent.yaml")),
];

/// Where a case keeps the schemas its templates point to. Inside the case, so
/// an editor validates offline and the case stays self-contained; hidden, so
/// the loader never reads it.
pub const SCHEMAS_DIR: &str = ".iep/schemas";

/// The usual file of a kind, relative to the case folder.
pub fn usual_file(kind: &str, date: NaiveDate, letter_type: &str) -> String {
    match kind {
        "case" => "case.yaml".to_owned(),
        "school-calendar" => "calendar.yaml".to_owned(),
        "iep" => format!("iep/{date}.yaml"),
        "progress-report" => format!("progress/{date}.yaml"),
        "service-log" => "services/log.yaml".to_owned(),
        "meeting" => format!("meetings/{date}.yaml"),
        "prior-written-notice" => format!("notices/{date}.yaml"),
        "letter" => format!("letters/{date}-{letter_type}.yaml"),
        "communications" => "log/communications.yaml".to_owned(),
        "observations" => "log/home.yaml".to_owned(),
        "evaluation" => format!("evaluations/{date}.yaml"),
        _ => format!("consents/{date}.yaml"),
    }
}

/// The template of `kind` for the file at `rel`, its schema line pointing to
/// the case's copy of the schema, relative to the file.
pub fn template(kind: &str, rel: &str, date: NaiveDate, letter_type: &str) -> String {
    let text = TEMPLATES.iter().find(|(k, _)| *k == kind).map_or("", |(_, t)| t);
    let up = "../".repeat(rel.matches('/').count());
    text.replace("{{schema}}", &format!("{up}{SCHEMAS_DIR}/{kind}.json"))
        .replace("{{date}}", &date.to_string())
        .replace("{{type}}", letter_type)
}

/// Writes every kind's schema into the case's `.iep/schemas/`, leaving any
/// that is already there alone.
pub fn write_schemas(dir: &Path) -> std::io::Result<()> {
    let schemas = dir.join(SCHEMAS_DIR);
    std::fs::create_dir_all(&schemas)?;
    for kind in iep_load::KINDS {
        let path = schemas.join(iep_load::schema::schema_file(kind));
        if !path.exists() {
            write_new(&path, &iep_load::schema::schema_text(kind).unwrap_or_default())?;
        }
    }
    Ok(())
}

/// Creates a file that must not exist yet: never overwrites.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
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
    let date = args.date.unwrap_or_else(today);
    let rel = usual_file(&args.kind, date, letter_type);
    let path = dir.join(&rel);
    if path.exists() {
        return Err(Failure::new(format!(
            "`{}` already exists, so nothing was written; edit it, or give another `--date`",
            path.display()
        )));
    }
    let text = template(&args.kind, &rel, date, letter_type);
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| write_new(&path, &text))
        .and_then(|()| write_schemas(dir));
    written.map_err(|e| Failure::new(format!("could not write `{}`: {e}", path.display())))?;
    println!("Wrote {}: fill it in from the paper, then run `iep check {}`.", path.display(), dir.display());
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_whose_schema_line_points_to_the_case_copy() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        for kind in iep_load::KINDS {
            let rel = usual_file(kind, date, "other");
            let text = template(kind, &rel, date, "other");
            let first = text.lines().next().unwrap_or_default();
            let up = if rel.contains('/') { "../" } else { "" };
            assert_eq!(first, format!("# yaml-language-server: $schema={up}.iep/schemas/{kind}.json"), "{kind}");
            assert!(text.contains(&format!("kind: {kind}\n")), "{kind}");
            assert!(!text.contains("{{"), "{kind}: a placeholder is left");
        }
    }
}
