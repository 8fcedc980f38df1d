//! Which files of a case folder are read: every `.yaml`/`.yml` file, not
//! hidden folders nor the top-level `out/` and `templates/`, and links only
//! to files inside the case folder.

use std::fs;
use std::path::{Path, PathBuf};

use iep_model::Diagnostic;

/// Top-level folders never read (case-format.md): iep's output and the
/// case's own templates. Hidden folders are skipped at any depth; a folder
/// of any other name is read wherever it is.
const SKIPPED_FOLDERS: [&str; 2] = ["out", "templates"];

/// Every `.yaml`/`.yml` file under `dir`, sorted, skipping hidden folders and
/// the top-level `out/` and `templates/`. Links are not followed into
/// folders (no loops, nothing read from outside); a link to a file is read
/// only when the file is inside the case folder. A link that is not read is
/// named in a warning, so nothing it holds disappears without a word.
pub(crate) fn case_files(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.depth() == 0 {
            return true;
        }
        let name = e.file_name().to_string_lossy();
        !(name.starts_with('.')
            || (e.depth() == 1 && e.file_type().is_dir() && SKIPPED_FOLDERS.contains(&name.as_ref())))
    });
    let case_real = fs::canonicalize(dir).ok();
    let mut files = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map(|p| relative(dir, p)).unwrap_or_else(|| ".".to_owned());
                diagnostics.push(
                    Diagnostic::error(rel, 1, 1, format!("this could not be read: {e}"))
                        .with_help("check that the folder and its files can be read by you"),
                );
                continue;
            }
        };
        let path = entry.path();
        // `iep/2025-09-15.YAML` is a case file too, not silently ignored.
        let is_yaml = path.extension().is_some_and(|x| x.eq_ignore_ascii_case("yaml") || x.eq_ignore_ascii_case("yml"));
        if entry.path_is_symlink() {
            let target = fs::canonicalize(path).ok();
            let inside = matches!((&target, &case_real), (Some(t), Some(c)) if t.starts_with(c));
            let is_dir = target.as_ref().is_some_and(|t| t.is_dir());
            if is_yaml && inside && target.as_ref().is_some_and(|t| t.is_file()) {
                files.push((relative(dir, path), path.to_owned()));
            } else if is_yaml || is_dir {
                diagnostics.push(skipped_link(&relative(dir, path), is_dir, inside));
            }
            continue;
        }
        if is_yaml && entry.file_type().is_file() {
            files.push((relative(dir, path), path.to_owned()));
        }
    }
    files
}

/// The warning for a link the loader does not follow.
fn skipped_link(rel: &str, is_dir: bool, inside: bool) -> Diagnostic {
    let (what, fix) = match (is_dir, inside) {
        (true, _) => (
            "this is a link to a folder, and iep does not follow links into folders: nothing in it was read",
            "move or copy the folder into the case folder if its files belong to the case",
        ),
        (false, false) => (
            "this is a link to a file outside the case folder (or to nothing), and iep reads only the case's own files: it was not read",
            "copy the file into the case folder if it belongs to the case",
        ),
        (false, true) => {
            ("this link does not lead to a readable file: it was not read", "replace the link with the file itself")
        }
    };
    Diagnostic::warning(rel, 1, 1, what).with_help(fix)
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
