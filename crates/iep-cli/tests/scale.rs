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
