//! What `iep init` and `iep new` write into a case: each kind's commented
//! template, its usual file name, and the schemas the templates point to.
//! Shared by the two commands, so neither imports from the other.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

/// Each kind's template, embedded in the binary.
const TEMPLATES: [(&str, &str); 13] = [
    ("case", include_str!("templates/case.yaml")),
    ("school-calendar", include_str!("templates/school-calendar.yaml")),
    ("iep", include_str!("templates/iep.yaml")),
    ("progress-report", include_str!("templates/progress-report.yaml")),
    ("service-log", include_str!("templates/service-log.yaml")),
    ("meeting", include_str!("templates/meeting.yaml")),
    ("prior-written-notice", include_str!("templates/prior-written-notice.yaml")),
    ("letter", include_str!("templates/letter.yaml")),
    ("communications", include_str!("templates/communications.yaml")),
    ("observations", include_str!("templates/observations.yaml")),
    ("evaluation", include_str!("templates/evaluation.yaml")),
    ("consent", include_str!("templates/consent.yaml")),
    ("check-ins", include_str!("templates/check-ins.yaml")),
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
        "check-ins" => "log/check-ins.yaml".to_owned(),
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
    let schemas = real_folder_in_case(dir, Path::new(SCHEMAS_DIR))?;
    for kind in iep_load::KINDS {
        let path = schemas.join(iep_load::schema::schema_file(kind));
        if !path.exists() {
            write_new(&path, &iep_load::schema::schema_text(kind).unwrap_or_default())?;
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
