//! Measures serde_yaml against serde-saphyr on the loader's own raw types
//! (issue 15, docs/yaml-parsers.md). Built only with the `parser-compare`
//! feature; the loader itself does not use it.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::raw;

/// Which general YAML parser reads the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parser {
    SerdeYaml,
    Saphyr,
}

/// Every case file's text with its `kind:`, read once so a bench times parsing only.
pub fn read_case(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let Ok(entry) = entry else { continue };
        let path = entry.path();
        let yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !entry.file_type().is_file() || !yaml {
            continue;
        }
        let Ok(source) = std::fs::read_to_string(path) else { continue };
        let Some((kind, ..)) = crate::scan_kind(&source) else { continue };
        files.push((kind, source));
    }
    files
}

/// Parses every file into its raw type with `parser` (never the quick log
/// reader); the error texts of the files that failed.
pub fn parse_all(files: &[(String, String)], parser: Parser) -> Vec<Failure> {
    files.iter().filter_map(|(kind, source)| parse_kind(kind, source, parser).err()).collect()
}

/// One file's text into the raw type its `kind:` names.
pub fn parse_kind(kind: &str, source: &str, parser: Parser) -> Result<(), Failure> {
    match kind {
        "case" => parse::<raw::RawCase>(source, parser),
        "school-calendar" => parse::<raw::RawCalendar>(source, parser),
        "iep" => parse::<raw::RawIep>(source, parser),
        "progress-report" => parse::<raw::RawReport>(source, parser),
        "service-log" => parse::<raw::RawServiceLog>(source, parser),
        "meeting" => parse::<raw::RawMeeting>(source, parser),
        "prior-written-notice" => parse::<raw::RawNotice>(source, parser),
        "letter" => parse::<raw::RawLetter>(source, parser),
        "communications" => parse::<raw::RawCommunications>(source, parser),
        "observations" => parse::<raw::RawObservations>(source, parser),
        "evaluation" => parse::<raw::RawEvaluation>(source, parser),
        "consent" => parse::<raw::RawConsent>(source, parser),
        "check-ins" => parse::<raw::RawCheckIns>(source, parser),
        other => Err(Failure { message: format!("unknown kind `{other}`"), line: 0, column: 0 }),
    }
}

/// A parser's first error: its words, line and column (1-based; 0 when unknown).
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
    pub line: u64,
    pub column: u64,
}

fn parse<T: DeserializeOwned>(source: &str, parser: Parser) -> Result<(), Failure> {
    match parser {
        Parser::SerdeYaml => serde_yaml::from_str::<T>(source).map(drop).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line() as u64, l.column() as u64));
            Failure { message: e.to_string(), line, column }
        }),
        Parser::Saphyr => serde_saphyr::from_str::<T>(source).map(drop).map_err(|e| {
            let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
            Failure { message: e.to_string(), line, column }
        }),
    }
}
