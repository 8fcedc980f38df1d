//! Reads a case folder (case-format.md) into the model, and reports every
//! problem on the way with its file, line and column.
//!
//! Architecture invariant: this is the only crate that knows YAML. It never
//! writes anything (`append` and `record` make text; the CLI writes it).
//!
//! How it reads: every `.yaml`/`.yml` file is parsed on its own, in parallel,
//! with serde_yaml straight into the loader's own types (`raw.rs`). A clean
//! case pays for nothing more. Only a file with a problem is read a second
//! time with a parser that keeps positions (`span.rs`), to point at the line.
//! When serde stops at a file's first problem, the slow path (`de.rs`) goes
//! on past it so that every problem of the file is reported at once.

//!
//! The modules by responsibility: `walk` finds the files, `read` reads one
//! file (fast and slow path, located problems), `validate` checks references
//! across files, `assemble` builds the `Case`; `kinds` is the table of the
//! kinds of file that `read` dispatches on.

use std::path::Path;

use rayon::prelude::*;

use iep_model::{Case, Diagnostic};

pub mod append;
mod assemble;
mod bounds;
mod de;
mod git;
mod kinds;
mod nesting;
#[cfg(feature = "parser-compare")]
#[doc(hidden)]
pub mod parser_compare;
mod problem;
mod raw;
mod read;
pub mod record;
pub mod rules;
pub mod schema;
mod span;
mod validate;
mod walk;

use assemble::assemble;
pub use git::{AtRevision, RevisionError, load_at};
pub(crate) use kinds::AnyDoc;
pub use kinds::{KINDS, Kind, kind, kind_names};
pub(crate) use read::{FileOut, scan_kind};
use read::{locate_problems, read_file, read_text};
use walk::case_files;

/// A case folder as loaded: the case (when it could be built) and every
/// problem found on the way.
#[derive(Debug)]
pub struct Loaded {
    pub case: Option<Case>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub use bounds::plausible_years;
pub use problem::nearest;

/// The `kind:` a file's text declares, found without parsing it.
pub fn kind_of(text: &str) -> Option<String> {
    scan_kind(text).map(|(kind, ..)| kind)
}

/// A file's new text, read in place of what is on disk (or as a file that is
/// not there yet): how `iep log` loads the case with its line before writing.
#[derive(Debug, Clone, Copy)]
pub struct Pending<'a> {
    /// Relative to the case folder, `/` separators, a `.yaml` file the walk reads.
    pub rel: &'a str,
    pub text: &'a str,
}

/// `load_as_of`, with each of `pending` read in place of its file.
pub fn load_as_of_pending(dir: &Path, as_of: chrono::NaiveDate, pending: &[Pending<'_>]) -> Loaded {
    load_with(dir, Some(as_of), pending)
}

/// Loads the case folder at `dir`. Never panics, never writes. With no day
/// to judge the case on, a date is only checked against the child's birth
/// and the years 1900 to 2200; `load_as_of` checks it against that day.
pub fn load(dir: &Path) -> Loaded {
    load_with(dir, None, &[])
}

/// Loads the case folder at `dir` to be judged on `as_of`: a date more than
/// 30 years before or 5 years after it is an error, as is a date before the
/// child's birth.
pub fn load_as_of(dir: &Path, as_of: chrono::NaiveDate) -> Loaded {
    load_with(dir, Some(as_of), &[])
}

fn load_with(dir: &Path, as_of: Option<chrono::NaiveDate>, pending: &[Pending<'_>]) -> Loaded {
    let mut diagnostics = Vec::new();
    if !dir.is_dir() {
        let d =
            Diagnostic::error(dir.display().to_string(), 1, 1, "this case folder does not exist or is not a folder")
                .with_help(
                    "give the path of the folder that holds case.yaml, or run `iep init DIR` to start a new case",
                );
        return Loaded { case: None, diagnostics: vec![d] };
    }
    let mut files = case_files(dir, &mut diagnostics);
    // A new file goes where the walk would have found it (near enough: the
    // walk sorts folder by folder).
    for p in pending {
        if !files.iter().any(|(rel, _)| rel == p.rel) {
            let at = files.iter().position(|(rel, _)| rel.as_str() > p.rel).unwrap_or(files.len());
            files.insert(at, (p.rel.to_owned(), dir.join(p.rel)));
        }
    }
    let mut outs: Vec<FileOut> = files
        .par_iter()
        .map(|(rel, abs)| match pending.iter().find(|p| p.rel == rel) {
            Some(p) => read_text(rel, p.text.to_owned()),
            None => read_file(rel, abs),
        })
        .collect();

    let mut global = validate::cross_check(&mut outs, bounds::Window::new(as_of));
    // Locating needs a position-keeping parse: only files with problems pay it.
    outs.par_iter_mut().for_each(locate_problems);
    for out in &mut outs {
        diagnostics.append(&mut out.diagnostics);
    }
    diagnostics.append(&mut global);
    diagnostics.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    diagnostics.dedup();

    let case = assemble(dir, outs);
    Loaded { case, diagnostics }
}
