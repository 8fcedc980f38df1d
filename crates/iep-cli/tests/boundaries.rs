//! The boundaries ARCHITECTURE.md states, checked on the sources: a command
//! imports from no other command, letter records are written by the loader's
//! side, one place reads a case at a git revision, and Typst's renderer is
//! built only for xtask.

use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Every `.rs` file under `rel`, with its text.
fn sources(rel: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join(rel)];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                let text = fs::read_to_string(&path).unwrap();
                out.push((path, text));
            }
        }
    }
    assert!(!out.is_empty(), "no sources under {rel}");
    out
}

#[test]
fn no_command_imports_from_another() {
    let commands = sources("crates/iep-cli/src/commands");
    let names: Vec<String> =
        commands.iter().map(|(p, _)| p.file_stem().unwrap().to_string_lossy().into_owned()).collect();
    for (path, text) in &commands {
        let own = path.file_stem().unwrap().to_string_lossy();
        for other in names.iter().filter(|n| **n != own && *n != "mod") {
            for pattern in [format!("super::{other}"), format!("commands::{other}")] {
                assert!(!text.contains(&pattern), "{} imports from the `{other}` command", path.display());
            }
        }
    }
}

#[test]
fn letter_records_are_written_by_the_loader_not_through_the_typst_crate() {
    assert!(read("crates/iep-cli/src/commands/letter.rs").contains("iep_load::record::letter_record_yaml"));
    let generate = read("crates/iep-generate/Cargo.toml");
    assert!(!generate.contains("yaml"), "the generator must not know YAML");
}

#[test]
fn only_the_loader_reads_a_case_at_a_git_revision() {
    for crate_dir in ["iep-cli", "iep-checks", "iep-generate", "iep-diff", "iep-services", "iep-deadlines", "iep-model"]
    {
        for (path, text) in sources(&format!("crates/{crate_dir}/src")) {
            assert!(
                !text.contains("Command::new(\"git\")"),
                "{} runs git itself; use iep_load::load_at",
                path.display()
            );
        }
    }
    assert!(read("crates/iep-load/src/git.rs").contains("pub fn load_at"));
}

#[test]
fn typst_render_is_built_only_behind_the_feature_xtask_enables() {
    let workspace = read("Cargo.toml");
    assert!(workspace.contains("typst-layout = "), "typst-layout in [workspace.dependencies]");
    let generate = read("crates/iep-generate/Cargo.toml");
    assert!(generate.contains("typst-render = { workspace = true, optional = true }"));
    assert!(generate.contains("typst-layout.workspace = true"));
    for manifest in ["crates/iep-cli/Cargo.toml", "crates/iep-checks/Cargo.toml", "crates/iep-load/Cargo.toml"] {
        let text = read(manifest);
        assert!(!text.contains("\"png\"") && !text.contains("typst-render"), "{manifest} builds typst-render");
    }
    assert!(read("xtask/Cargo.toml").contains("features = [\"png\"]"));
}
