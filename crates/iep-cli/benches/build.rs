//! `iep build cases/maya` as a whole process (load, check, five PDFs and
//! more, written to disk), on a temporary copy of the case. Target: under
//! 250 ms on 2 cores.
//!
//! For comparison, when `pandoc` and `pdflatex` are installed, one one-page
//! letter through them is measured in the same run (`pandoc_letter`).

use std::process::Command;

/// The end-to-end tests' helpers: copies of the sample case.
#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    divan::main();
}

/// A fresh `out/` each time: every file is written, none is "unchanged".
#[divan::bench(sample_count = 20)]
fn iep_build_maya(bencher: divan::Bencher) {
    let (_tmp, dir) = common::maya_copy();
    bencher.bench_local(|| {
        let _ = std::fs::remove_dir_all(dir.join("out"));
        let status = Command::new(env!("CARGO_BIN_EXE_iep"))
            .args(["build", dir.to_str().unwrap(), "--as-of", "2026-04-20"])
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    });
}

fn installed(tool: &str) -> bool {
    Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success())
}

/// One one-page letter through pandoc and pdflatex, when both are installed.
#[divan::bench(sample_count = 10)]
fn pandoc_letter(bencher: divan::Bencher) {
    if !(installed("pandoc") && installed("pdflatex")) {
        // Timing an empty closure would print a number that means nothing.
        eprintln!("skipped: no pandoc and pdflatex");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("letter.md");
    std::fs::write(
        &md,
        "Elena Alvarez\\\n14 Orchard Lane\\\nRiverside, MA 01720\n\nApril 20, 2026\n\nJordan Lee\\\nRiverside Elementary School\n\n\
         **Re: Request for copies of Maya Alvarez's education records**\n\nDear Jordan Lee,\n\n\
         I am writing to ask for copies of Maya's education records, including service logs and progress data.\n\n\
         1. Service delivery logs for speech-language therapy since September 2025\n2. Progress monitoring data for goals G1 and G2\n\n\
         Please respond in writing by April 30, 2026 (603 CMR 23.07(2)).\n\nSincerely,\n\nElena Alvarez\n",
    )
    .unwrap();
    let pdf = tmp.path().join("letter.pdf");
    bencher.bench_local(|| {
        let status = Command::new("pandoc").arg(&md).args(["--pdf-engine=pdflatex", "-o"]).arg(&pdf).status().unwrap();
        assert!(status.success());
    });
}
