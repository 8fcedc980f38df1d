//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use iep_generate::{Generator, GeneratorOptions};

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[allow(unused_imports)] // Not every test file reads PDFs both ways.
pub use iep_testkit::pdf_text::{assert_valid_pdf, check_pdf, pdf_text, pdf_text_lopdf};

/// Text with every run of whitespace made one space.
pub fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without any whitespace: what survives line wrapping and the spacing
/// quirks of PDF text extraction.
pub fn no_ws(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts `needle` appears verbatim in the PDF text (whitespace aside).
pub fn assert_shows(pdf_text: &str, needle: &str) {
    assert!(
        no_ws(pdf_text).contains(&no_ws(needle)),
        "{needle:?} does not appear verbatim in the PDF text:\n{}",
        squash(pdf_text)
    );
}

/// A templates folder holding the given files.
pub fn template_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

pub fn generator_with(dir: Option<&Path>, fonts: Vec<PathBuf>) -> Generator {
    Generator::new(GeneratorOptions { template_overrides: dir.map(Path::to_path_buf), font_paths: fonts }).unwrap()
}

/// The folder of test fonts committed with the crate.
pub fn test_fonts() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fonts")
}
