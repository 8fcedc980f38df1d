//! `iep letter` as a whole process (load, check, one PDF written) against the
//! Typst CLI compiling the very Typst source that letter compiles, in one run.
//! Budget: faster than the Typst CLI; aim under 15 ms.
//!
//! The Typst CLI is `$TYPST`, else `typst` on the PATH; without one only
//! `iep letter` is measured and the comparison prints "skipped: no typst CLI". It runs with `--ignore-system-fonts`, so both
//! use the same embedded fonts and neither scans the system's.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::LazyLock;

use chrono::NaiveDate;
use iep_model::LetterType;

/// The end-to-end tests' helpers: copies of the sample case.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    divan::main();
}

const AS_OF: &str = "2026-04-20";

/// A copy of the sample case (the letter is written into its `out/`) and a
/// Typst project holding the letter's main file and the shipped templates.
struct Setup {
    _tmp: tempfile::TempDir,
    case: PathBuf,
    project: PathBuf,
    typst: Option<PathBuf>,
}

static SETUP: LazyLock<Setup> = LazyLock::new(|| {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (tmp, case) = common::maya_copy();

    // The same source `iep letter records-request --to case-manager` compiles.
    let as_of: NaiveDate = AS_OF.parse().unwrap();
    let loaded = iep_load::load(&case).case.expect("the sample case loads");
    let cut = loaded.as_of(as_of);
    let findings = iep_checks::check_cut(&cut, as_of);
    let request = iep_generate::letters::LetterRequest {
        letter_type: LetterType::RecordsRequest,
        to: "case-manager".into(),
        cc: Vec::new(),
        date: as_of,
        via: None,
        reply_by: None,
        next_meeting: iep_generate::letters::next_meeting(&cut, as_of),
    };
    let context =
        iep_generate::letters::letter_context(&iep_model::Context::new(&cut, as_of), &findings, &request).unwrap();
    let generator = iep_generate::Generator::new(iep_generate::GeneratorOptions::default()).unwrap();
    let rendered = generator.render("letters/records-request", &context, as_of).unwrap();
    let project = tmp.path().join("typst");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join("main.typ"), &rendered.source).unwrap();
    for entry in std::fs::read_dir(root.join("templates")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "typ") {
            std::fs::copy(&path, project.join(path.file_name().unwrap())).unwrap();
        }
    }

    let typst = std::env::var_os("TYPST").map(PathBuf::from).or_else(|| Some(PathBuf::from("typst"))).filter(|t| {
        Command::new(t).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
    });
    Setup { _tmp: tmp, case, project, typst }
});

#[divan::bench(sample_count = 40)]
fn iep_letter_whole_process(bencher: divan::Bencher) {
    let case = &SETUP.case;
    let letter = case.join("out").join(format!("{AS_OF}-records-request.pdf"));
    // The letter is removed before each run (untimed), so every run writes
    // it: otherwise every run after the first finds the very bytes there and
    // takes the unchanged-file path, which writes nothing.
    bencher
        .with_inputs(|| {
            let _ = std::fs::remove_file(&letter);
        })
        .bench_local_values(|()| {
            let status = Command::new(env!("CARGO_BIN_EXE_iep"))
                .args(["letter", "records-request", "--to", "case-manager", "--as-of", AS_OF])
                .arg(case)
                .stdout(Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
            assert!(letter.is_file(), "the letter was written");
        });
}

#[divan::bench(sample_count = 40)]
fn typst_cli_same_source(bencher: divan::Bencher) {
    let Some(typst) = &SETUP.typst else {
        // Timing an empty closure would print a number that means nothing.
        eprintln!("skipped: no typst CLI (set $TYPST or put `typst` on the PATH)");
        return;
    };
    bencher.bench_local(|| {
        let status = Command::new(typst)
            .args(["compile", "--ignore-system-fonts", "main.typ", "letter.pdf"])
            .current_dir(&SETUP.project)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    });
}
