//! Issue 14 item 4, end to end: on the generated 10-year case, `iep build`
//! writes no letter over 3 pages and a packet under 25 pages. Pages are
//! counted with lopdf, as the other PDF tests count them.

use std::fs;

mod common;
use common::pdf::pdf_text;
use common::{iep_watched, said};
use iep_testkit::gen_case;

const MAX_LETTER_PAGES: usize = 3;
const MAX_PACKET_PAGES: usize = 24;

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("the PDF parses").get_pages().len()
}

/// The first `YYYY-MM-DD` with a real month in `text`.
fn iso_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(10)
        .map(|w| w.iter().collect::<String>())
        .find(|w| chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").is_ok())
}

#[test]
fn ten_years_build_short_letters_and_a_packet_under_25_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ten-years");
    gen_case::run(10, &dir).unwrap();
    let out = iep_watched(&["build", dir.to_str().unwrap(), "--as-of", "2026-04-20"]);
    assert!(out.status.success(), "{}", said(&out));

    let mut letters = Vec::new();
    for entry in fs::read_dir(dir.join("out")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("letter-") && name.ends_with(".pdf") {
            let pdf = fs::read(&path).unwrap();
            let n = pages(&pdf);
            assert!(n <= MAX_LETTER_PAGES, "{name} runs {n} pages (at most {MAX_LETTER_PAGES})");
            // A long case's changes include dates (a service's start): written out, like every date.
            let text = pdf_text(&pdf);
            assert!(iso_date(&text).is_none(), "{name}: {:?} in\n{text}", iso_date(&text));
            letters.push(name);
        }
    }
    // A case of ten years has something to write about: the bound is not met by writing nothing.
    assert!(letters.len() >= 3, "only {letters:?}");
    let packet = pages(&fs::read(dir.join("out/packet.pdf")).unwrap());
    assert!(packet <= MAX_PACKET_PAGES, "the packet runs {packet} pages (under 25)");
}

/// Issue 22 item 7: ten thousand entries of every log (communications, home
/// notes, check-ins, the child's account of a service) leave the outputs the
/// size of the sample's: long lists are summarised (the latest entries,
/// counts), never printed whole. (Time and memory are measured in release
/// with /usr/bin/time; a test on a shared machine bounds pages.)
#[test]
fn ten_thousand_entries_of_every_log_keep_the_outputs_short() {
    let (_tmp, dir) = common::maya_copy();
    let ids = gen_case::BulkIds { service: "speech", accommodations: &["A1", "A2", "A3", "A5", "A6"], with: "slp" };
    let day = |s: &str| s.parse().unwrap();
    gen_case::bulk_logs(&dir, 10_000, day("2026-02-10"), day("2026-04-17"), &ids).unwrap();
    let out = iep_watched(&["build", dir.to_str().unwrap(), "--as-of", "2026-04-20"]);
    assert!(out.status.success(), "{}", said(&out));
    let packet = fs::read(dir.join("out/packet.pdf")).unwrap();
    assert!(pages(&packet) <= 14, "the packet runs {} pages", pages(&packet));
    let report = fs::read(dir.join("out/report.pdf")).unwrap();
    assert!(pages(&report) <= 10, "the report runs {} pages", pages(&report));
    let text = common::no_ws(&pdf_text(&packet));
    assert!(text.contains("(note9999)"), "the latest entries are shown");
    assert!(!text.contains("(note100)"), "an early entry is listed");
    for entry in fs::read_dir(dir.join("out")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("letter-") && name.ends_with(".pdf") {
            let n = pages(&fs::read(&path).unwrap());
            assert!(n <= MAX_LETTER_PAGES, "{name} runs {n} pages");
        }
    }
}
