//! The boundaries ARCHITECTURE.md states, checked on the sources: a command
//! imports from no other command, letter records are written by the loader's
//! side, one place reads a case at a git revision, Typst's renderer is built
//! only for xtask, and the crate graph is the one the document draws.

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

/// Whether a line of source names a legal citation: a CFR, CMR, Ed Code,
/// LAC, OAC or U.S.C. citation, or a bare IDEA, Section 504 or
/// Massachusetts section number ("300.613", "104.36", "28.04(").
fn names_a_citation(line: &str) -> bool {
    const MARKS: [&str; 9] = ["CFR", "CMR", "Ed Code", "Ed. Code", "Education Code", "LAC ", "OAC ", "U.S.C", "1232g"];
    if MARKS.iter().any(|m| line.contains(m)) {
        return true;
    }
    let bytes = line.as_bytes();
    let digits_at = |at: usize| bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
    (0..bytes.len()).any(|at| {
        let starts_word = at == 0 || !bytes[at - 1].is_ascii_alphanumeric() && bytes[at - 1] != b'.';
        if !starts_word {
            return false;
        }
        let rest = &bytes[at..];
        let section = [b"300.", b"104."].iter().any(|p| rest.starts_with(*p)) && {
            let n = digits_at(at + 4);
            (2..=3).contains(&n) && bytes.get(at + 4 + n).is_none_or(|b| !b.is_ascii_digit())
        };
        let massachusetts = rest.starts_with(b"28.0") && digits_at(at + 3) == 2 && bytes.get(at + 5) == Some(&b'(');
        section || massachusetts
    })
}

/// The lines of a source file that are not test code: a `tests.rs` or
/// `*_tests.rs` file, a `tests` folder and a `#[cfg(test)] mod ... { }` are left out.
fn non_test_lines(path: &Path, text: &str) -> Vec<(usize, String)> {
    let name = path.file_name().unwrap().to_string_lossy();
    let in_tests_folder = path.components().any(|c| c.as_os_str() == "tests");
    if name == "tests.rs" || name.ends_with("_tests.rs") || in_tests_folder {
        return Vec::new();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let opens_test_module = lines[at].trim() == "#[cfg(test)]"
            && lines.get(at + 1).is_some_and(|l| l.trim_start().starts_with("mod ") && l.trim_end().ends_with('{'));
        if opens_test_module {
            let mut depth = 0i64;
            at += 1;
            while at < lines.len() {
                depth += lines[at].matches('{').count() as i64 - lines[at].matches('}').count() as i64;
                at += 1;
                if depth <= 0 {
                    break;
                }
            }
            continue;
        }
        out.push((at + 1, lines[at].to_string()));
        at += 1;
    }
    out
}

/// Legal facts live in the rules data (`crates/iep-load/rules/*.yaml`), each
/// with its source: no citation is written in a crate's code or comments
/// (tests may name them). A check's documentation names a rule by its key
/// (`[[annual-review]]`) and gets the citation from the data.
#[test]
fn no_legal_citation_is_written_in_code_outside_the_rules_data() {
    assert!(names_a_citation("\"34 CFR 300.324(b)(1)(ii)(A)\"") && names_a_citation("Ed Code 56504"));
    assert!(names_a_citation("(34 CFR 104.36)") && names_a_citation("Massachusetts' 28.04(1)"));
    assert!(names_a_citation("the copy (300.153(d))") && names_a_citation("OAC 3301-51-04"));
    assert!(!names_a_citation("let weeks = 36.0; let x = 1300.55; let v = \"2.104.1\";"));
    let mut found = Vec::new();
    for entry in fs::read_dir(root().join("crates")).unwrap() {
        let src = entry.unwrap().path().join("src");
        if !src.is_dir() {
            continue;
        }
        let rel = src.strip_prefix(root()).unwrap().to_string_lossy().into_owned();
        for (path, text) in sources(&rel) {
            for (number, line) in non_test_lines(&path, &text) {
                if names_a_citation(&line) {
                    found.push(format!("{}:{number}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "citations written in code; put them in the rules data:\n{}", found.join("\n"));
}

/// Every rule a check's documentation names is in the rules data.
#[test]
fn every_rule_a_check_doc_names_is_in_the_rules_data() {
    for check in iep_checks::CHECKS {
        let m = check.meta();
        let doc = iep_load::rules::cite_in_docs(m.doc);
        assert!(!doc.contains("[["), "{}: a rule key the rules data does not have:\n{doc}", m.code);
    }
    let annual = iep_checks::CHECKS.iter().find(|c| c.meta().code == "annual-review-due").unwrap();
    assert!(iep_load::rules::cite_in_docs(annual.meta().doc).contains("(34 CFR 300.324(b)(1)(i))"));
}

/// Letters, the packet and the report read a finding by its typed evidence
/// (`Evidence::ServiceShortfall(e) => e.from`): a renamed field is a compile
/// error, never a blank sentence. So the generator spells no check's code and
/// reads no evidence by key.
#[test]
fn the_generator_reads_findings_by_their_types_never_by_code_or_key() {
    let codes: Vec<String> = iep_checks::CHECKS.iter().map(|c| format!("\"{}\"", c.meta().code)).collect();
    let mut found = Vec::new();
    for (path, text) in sources("crates/iep-generate/src") {
        for (number, line) in non_test_lines(&path, &text) {
            let by_code = codes.iter().find(|code| line.contains(code.as_str()));
            let by_key = [".code ==", "f.code", "evidence.get(", "evidence[\""].iter().find(|p| line.contains(*p));
            if let Some(what) = by_code.map(String::as_str).or(by_key.copied()) {
                found.push(format!("{}:{number}: {what}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(found.is_empty(), "findings read as text in the generator:\n{}", found.join("\n"));
}

/// The model holds no format: findings are typed there and made JSON at the
/// command line's edge.
#[test]
fn the_model_depends_on_no_json_library() {
    let manifest = read("crates/iep-model/Cargo.toml");
    assert!(!manifest.contains("serde_json"), "iep-model must not depend on serde_json");
}

/// Edges between the workspace's crates: `(from, to)`, sorted.
type Edges = std::collections::BTreeSet<(String, String)>;

/// The crates of the workspace: every folder under `crates/`, and `xtask`.
fn workspace_crates() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.push("xtask".to_owned());
    names.sort();
    names
}

fn manifest_of(name: &str) -> String {
    if name == "xtask" { read("xtask/Cargo.toml") } else { read(&format!("crates/{name}/Cargo.toml")) }
}

/// The edges a manifest declares to the workspace's `crates`, from its
/// `[dependencies]` (`dev: false`) or its `[dev-dependencies]` (`dev: true`),
/// target-specific tables included. A line names a dependency by its key:
/// `iep-model.workspace = true`, `iep-cli = { path = ... }`.
fn manifest_edges(from: &str, manifest: &str, crates: &[String], dev: bool) -> Edges {
    let table = if dev { "dev-dependencies]" } else { "dependencies]" };
    let mut in_table = false;
    let mut edges = Edges::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_table =
                line == format!("[{table}") || (line.starts_with("[target.") && line.ends_with(&format!(".{table}")));
            continue;
        }
        let key = line.split(['=', '.']).next().unwrap_or("").trim();
        if in_table && crates.iter().any(|c| c == key) {
            edges.insert((from.to_owned(), key.to_owned()));
        }
    }
    edges
}

/// The edges a fenced list of ARCHITECTURE.md draws with `arrow`: one line per
/// crate, `from ──▶ to, to` (a parenthesis is a remark, not a crate).
fn drawn_edges(list: &str, arrow: &str) -> Edges {
    let mut edges = Edges::new();
    for line in list.lines() {
        let Some((from, to)) = line.split_once(arrow) else { continue };
        let to = to.split('(').next().unwrap_or("");
        for target in to.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            edges.insert((from.trim().to_owned(), target.to_owned()));
        }
    }
    edges
}

/// The fenced `text` blocks of the "Crate graph" section of ARCHITECTURE.md.
fn crate_graph_lists() -> Vec<String> {
    let doc = read("ARCHITECTURE.md");
    let start = doc.find("## Crate graph").expect("ARCHITECTURE.md has a \"Crate graph\" section");
    let section = &doc[start..];
    let section = &section[..section[3..].find("\n## ").map_or(section.len(), |end| end + 3)];
    section.split("```text\n").skip(1).map(|block| block.split("```").next().unwrap_or("").to_owned()).collect()
}

/// What differs between the drawn edges and the built ones, each named.
fn graph_differences(drawn: &Edges, built: &Edges, table: &str) -> Vec<String> {
    let new = built.difference(drawn).map(|(from, to)| {
        format!("{from} has `{to}` in its {table}, an edge ARCHITECTURE.md does not draw ({from} ──▶ {to})")
    });
    let missing = drawn
        .difference(built)
        .map(|(from, to)| format!("ARCHITECTURE.md draws {from} ──▶ {to}, but {from}'s {table} has no `{to}`"));
    new.chain(missing).collect()
}

#[test]
fn the_crate_graph_architecture_md_draws_is_the_one_the_manifests_declare() {
    let crates = workspace_crates();
    let lists = crate_graph_lists();
    assert_eq!(lists.len(), 2, "the Crate graph section has the graph and the tests-only list");
    let drawn = drawn_edges(&lists[0], "──▶");
    let drawn_for_tests = drawn_edges(&lists[1], "┄┄▶");
    for name in &crates {
        assert!(
            lists[0].lines().any(|l| l.split_whitespace().next() == Some(name)),
            "the graph has no line for {name}"
        );
    }
    let mut built = Edges::new();
    let mut built_for_tests = Edges::new();
    for name in &crates {
        let manifest = manifest_of(name);
        built.extend(manifest_edges(name, &manifest, &crates, false));
        // Any crate above the model may test with the test kit (ARCHITECTURE.md).
        let dev = manifest_edges(name, &manifest, &crates, true);
        let testkit_allowed = name != "iep-model" && name != "iep-testkit";
        built_for_tests.extend(dev.into_iter().filter(|(_, to)| !(to == "iep-testkit" && testkit_allowed)));
    }
    let mut problems = graph_differences(&drawn, &built, "[dependencies]");
    problems.extend(graph_differences(&drawn_for_tests, &built_for_tests, "[dev-dependencies]"));
    assert!(problems.is_empty(), "the crate graph changed:\n{}", problems.join("\n"));
}

/// The comparison names a new edge and a missing one, whichever table it is in.
#[test]
fn a_new_or_a_missing_edge_is_named() {
    let crates: Vec<String> = ["iep-model", "iep-diff", "iep-load"].map(String::from).to_vec();
    let manifest = "[dependencies]\niep-model.workspace = true\niep-load = { path = \"../iep-load\" }\nchrono.workspace = true\n\n\
                    [dev-dependencies]\niep-diff.workspace = true\n\n[target.'cfg(unix)'.dependencies]\niep-diff.workspace = true\n";
    let built = manifest_edges("iep-x", manifest, &crates, false);
    let pair = |to: &str| ("iep-x".to_owned(), to.to_owned());
    assert_eq!(built, Edges::from([pair("iep-model"), pair("iep-load"), pair("iep-diff")]));
    assert_eq!(manifest_edges("iep-x", manifest, &crates, true), Edges::from([pair("iep-diff")]));
    let drawn = drawn_edges("iep-x ──▶ iep-model, iep-diff, iep-deadlines   (a remark)\n", "──▶");
    let problems = graph_differences(&drawn, &built, "[dependencies]");
    assert_eq!(
        problems,
        [
            "iep-x has `iep-load` in its [dependencies], an edge ARCHITECTURE.md does not draw (iep-x ──▶ iep-load)",
            "ARCHITECTURE.md draws iep-x ──▶ iep-deadlines, but iep-x's [dependencies] has no `iep-deadlines`",
        ]
    );
}
