//! What `iep init` and `iep new` write into a case: each kind's commented
//! template, its usual file name, and the schemas the templates point to.
//! Shared by the two commands, so neither imports from the other.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// Where a case keeps the schemas its templates point to. Inside the case, so
/// an editor validates offline and the case stays self-contained; hidden, so
/// the loader never reads it.
pub const SCHEMAS_DIR: &str = ".iep/schemas";

/// The template of `kind` (a row of `iep_load::KINDS`) for the file at
/// `rel`, its schema line pointing to the case's copy of the schema,
/// relative to the file.
pub fn template(kind: &iep_load::Kind, rel: &str, date: NaiveDate, letter_type: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    kind.template
        .replace("{{schema}}", &format!("{up}{SCHEMAS_DIR}/{}", iep_load::schema::schema_file(kind.name)))
        .replace("{{date}}", &date.to_string())
        .replace("{{type}}", letter_type)
}

/// What `iep init` notes in each folder of the conventional layout, from
/// the kinds kept there, in the order of the kinds table: `(folder, note)`.
pub fn folder_notes() -> Vec<(&'static str, String)> {
    let mut folders: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for kind in iep_load::KINDS {
        let (Some(folder), Some(note)) = (kind.folder(), kind.folder_note) else { continue };
        match folders.iter_mut().find(|(f, _)| *f == folder) {
            Some((_, notes)) => notes.push(note),
            None => folders.push((folder, vec![note])),
        }
    }
    folders.into_iter().map(|(folder, notes)| (folder, format!("{}.", iep_model::wording::join_and(&notes)))).collect()
}

/// Writes every kind's schema into the case's `.iep/schemas/`, leaving any
/// that is already there alone.
pub fn write_schemas(dir: &Path) -> std::io::Result<()> {
    let schemas = real_folder_in_case(dir, Path::new(SCHEMAS_DIR))?;
    for kind in iep_load::KINDS {
        let path = schemas.join(iep_load::schema::schema_file(kind.name));
        if !path.exists() {
            write_new(&path, &iep_load::schema::schema_text(kind.name).unwrap_or_default())?;
        }
    }
    Ok(())
}

/// The folder `rel` of the case at `dir`, made where missing, one level at a
/// time: a level that is a link (even to a folder inside the case) or not a
/// folder is refused, so nothing is written through a link.
pub fn real_folder_in_case(dir: &Path, rel: &Path) -> std::io::Result<PathBuf> {
    let mut folder = dir.to_owned();
    for part in rel.components() {
        let std::path::Component::Normal(part) = part else {
            return Err(std::io::Error::other(format!("`{}` is not a folder of the case", rel.display())));
        };
        folder.push(part);
        match std::fs::symlink_metadata(&folder) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(std::io::Error::other(format!(
                    "`{}` is a link to another place; iep writes nothing through a link: make it a real folder inside the case",
                    folder.display()
                )));
            }
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(std::io::Error::other(format!(
                    "`{}` is not a folder; move that file away",
                    folder.display()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir(&folder)?,
            Err(e) => return Err(e),
        }
    }
    Ok(folder)
}

/// Creates a file that must not exist yet: never overwrites.
pub fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_template_whose_schema_line_points_to_the_case_copy() {
        let date = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
        for kind in iep_load::KINDS {
            let rel = kind.file_for(date, "other");
            let text = template(kind, &rel, date, "other");
            let first = text.lines().next().unwrap_or_default();
            let up = if rel.contains('/') { "../" } else { "" };
            let name = kind.name;
            assert_eq!(first, format!("# yaml-language-server: $schema={up}.iep/schemas/{name}.json"), "{name}");
            assert!(text.contains(&format!("kind: {name}\n")), "{name}");
            assert!(!text.contains("{{"), "{name}: a placeholder is left");
        }
    }

    #[test]
    fn init_notes_every_folder_of_the_kinds_table_once() {
        let notes = folder_notes();
        let folders: Vec<&str> = notes.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            folders,
            ["iep", "progress", "services", "meetings", "notices", "letters", "log", "evaluations", "consents"]
        );
        let log = &notes[6].1;
        assert_eq!(
            log,
            "Communications (kind: communications), home observations (kind: observations) and whether accommodations were given (kind: check-ins)."
        );
        for kind in iep_load::KINDS.iter().filter(|k| k.folder().is_some()) {
            assert!(notes.iter().any(|(_, note)| note.contains(&format!("(kind: {})", kind.name))), "{}", kind.name);
        }
    }
}
