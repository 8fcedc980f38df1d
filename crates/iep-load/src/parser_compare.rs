//! Measures serde_yaml against serde-saphyr on the loader's own raw types
//! (issue 15, docs/yaml-parsers.md). Built only with the `parser-compare`
//! feature; the loader itself does not use it.

use std::path::Path;

use serde::de::DeserializeOwned;

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
    match crate::kind(kind) {
        Some(kind) => (kind.compare)(source, parser),
        None => Err(Failure { message: format!("unknown kind `{kind}`"), line: 0, column: 0 }),
    }
}

/// How a row of the kinds table parses a text into its raw type.
pub(crate) type ParseFn = fn(&str, Parser) -> Result<(), Failure>;

/// A parser's first error: its words, line and column (1-based; 0 when unknown).
#[derive(Debug, Clone)]
pub struct Failure {
    pub message: String,
    pub line: u64,
    pub column: u64,
}

pub(crate) fn parse<T: DeserializeOwned>(source: &str, parser: Parser) -> Result<(), Failure> {
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
