//! Helpers shared by the end-to-end tests: the sample case, copies of it,
//! running the binary, and reading a PDF's text back.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The generator's tests read PDFs the same way.
#[path = "../../../iep-generate/tests/common/pdf_text.rs"]
pub mod pdf;

pub fn maya() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya")
}

/// Copies the case folder (without any `out/`) to `dest`.
pub fn copy_case(from: &Path, dest: &Path) {
    fs::create_dir_all(dest).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if name == "out" {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_case(&path, &dest.join(&name));
        } else {
            fs::copy(&path, dest.join(&name)).unwrap();
        }
    }
}

/// A fresh copy of maya in a temporary folder.
pub fn maya_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("maya");
    copy_case(&maya(), &dir);
    (tmp, dir)
}

pub fn iep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iep")).args(args).output().unwrap()
}

/// Text without any whitespace: what survives line wrapping and the spacing
/// quirks of PDF text extraction.
pub fn no_ws(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
