//! The wording of load errors, reviewed as snapshots: every folder under
//! `tests/hostile/` is loaded and the rendered diagnostics are recorded.

use std::path::{Path, PathBuf};

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

fn rendered(dir: &Path) -> String {
    let loaded = iep_load::load(dir);
    loaded.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
}

#[test]
fn every_hostile_folder_renders_located_errors() {
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(hostile_dir()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    names.sort();
    assert!(names.len() >= 13, "expected the hostile fixtures, found {}", names.len());
    for dir in names {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let loaded = iep_load::load(&dir);
        assert!(loaded.has_errors(), "{name}: no error");
        let text = rendered(&dir);
        insta::assert_snapshot!(name, text);
    }
}
