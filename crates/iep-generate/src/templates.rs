//! The templates: the ones shipped inside the binary and a case's own
//! overrides.
//!
//! Files ending in `.j2` are minijinja templates that produce Typst markup.
//! Every other file (`base.typ`, a letterhead `.typ`, a logo image) is served
//! to Typst as it is, at `/NAME`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::GenerateError;

/// The templates every document shares, and the packet's and the report's,
/// by name. `include_str!` keeps the binary working from any folder.
const LAYOUTS: &[(&str, &str)] = &[
    ("base.typ", include_str!("../../../templates/base.typ")),
    ("letter.typ.j2", include_str!("../../../templates/letter.typ.j2")),
    ("charts.typ", include_str!("../../../templates/charts.typ")),
    ("packet.typ.j2", include_str!("../../../templates/packet.typ.j2")),
    ("report.typ.j2", include_str!("../../../templates/report.typ.j2")),
];

/// Every template the project ships, by name: the layouts and each letter
/// type's own (a row of `letters::LETTERS`). A test checks this list against
/// `templates/`.
pub(crate) fn shipped() -> impl Iterator<Item = (String, &'static str)> {
    let layouts = LAYOUTS.iter().map(|(name, text)| (name.to_string(), *text));
    let letters = crate::letters::LETTERS.iter().map(|spec| (format!("{}.typ.j2", spec.template), spec.source));
    layouts.chain(letters)
}

/// How deep below the override folder files are read.
const MAX_DEPTH: usize = 3;
/// An override file above this size is refused (a logo is far smaller).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// An override folder's files by relative name, and the links not followed.
pub(crate) type OverrideFiles = (BTreeMap<String, Vec<u8>>, Vec<String>);

/// The files of an override folder, by name relative to it (`/`-separated):
/// the folder's own templates, letterhead and images. Only regular files
/// physically inside the folder are read: a link (to a file or a folder,
/// inside or outside) is never followed, and is returned in the second list
/// so the caller can name it. A folder shared with a case cannot make a
/// letter print a file from elsewhere on the machine.
pub(crate) fn read_override_dir(dir: &Path) -> Result<OverrideFiles, GenerateError> {
    let mut out = BTreeMap::new();
    let mut links = Vec::new();
    read_dir_into(dir, "", 0, &mut out, &mut links)?;
    Ok((out, links))
}

fn read_dir_into(
    dir: &Path,
    prefix: &str,
    depth: usize,
    out: &mut BTreeMap<String, Vec<u8>>,
    links: &mut Vec<String>,
) -> Result<(), GenerateError> {
    let err = |path: &Path, message: String| GenerateError::TemplateDir { path: path.to_path_buf(), message };
    let entries = fs::read_dir(dir).map_err(|e| err(dir, e.to_string()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(&path) else { continue };
        let rel = format!("{prefix}{name}");
        if meta.file_type().is_symlink() {
            links.push(rel);
        } else if meta.is_dir() {
            if depth < MAX_DEPTH {
                read_dir_into(&path, &format!("{rel}/"), depth + 1, out, links)?;
            }
        } else if meta.is_file() {
            if meta.len() > MAX_FILE_BYTES {
                return Err(err(&path, "this file is too large to be a template or logo".into()));
            }
            let bytes = fs::read(&path).map_err(|e| err(&path, e.to_string()))?;
            out.insert(rel, bytes);
        }
    }
    Ok(())
}

/// Whether `name` is a minijinja template (as opposed to a file Typst reads).
pub(crate) fn is_jinja(name: &str) -> bool {
    name.ends_with(".j2")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file in `templates/` is shipped, and every shipped name exists:
    /// a new template cannot be forgotten in the binary.
    #[test]
    fn shipped_list_matches_templates_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let on_disk: Vec<String> = read_override_dir(&dir).unwrap().0.into_keys().collect();
        let shipped: Vec<String> = {
            let mut v: Vec<String> = shipped().map(|(n, _)| n).collect();
            v.sort();
            v
        };
        assert_eq!(on_disk, shipped);
    }
}
