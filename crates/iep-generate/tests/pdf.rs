//! The PDF itself: byte-identical for the same input, valid, dated by the
//! caller, and honest about characters no font can show.

mod common;

use common::*;
use serde_json::json;

const SIMPLE: &str = r#"#import "base.typ": iep-page
#set document(title: {{ title|typst_str }})
#show: iep-page
{{ name }}

#datetime.today().display()
"#;

fn simple() -> (tempfile::TempDir, iep_generate::Generator) {
    let dir = template_dir(&[("simple.typ.j2", SIMPLE)]);
    let generator = generator_with(Some(dir.path()), vec![]);
    (dir, generator)
}

#[test]
fn same_input_same_bytes() {
    let (_dir, generator) = simple();
    let context = json!({"title": "A letter", "name": "Maya Alvarez"});
    let a = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    // Something else in between, so caches are not the only reason.
    generator.render("simple", &json!({"title": "x", "name": "y"}), date(2025, 1, 2)).unwrap();
    let b = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert!(a.pdf == b.pdf, "two runs gave different PDFs");

    // A fresh generator gives the same bytes too.
    let (_dir2, other) = simple();
    let c = other.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert!(a.pdf == c.pdf, "a fresh generator gave a different PDF");

    // A different date gives a different document.
    let d = generator.render("simple", &context, date(2026, 4, 21)).unwrap();
    assert!(a.pdf != d.pdf);
}

#[test]
fn today_is_the_date_given() {
    let (_dir, generator) = simple();
    let context = json!({"title": "t", "name": "n"});
    let rendered = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert_shows(&pdf_text(&rendered.pdf), "2026-04-20");
    let raw = String::from_utf8_lossy(&rendered.pdf);
    assert!(raw.contains("D:20260420"), "the PDF's creation date is the letter's date");
}

/// The catalog's `/MarkInfo` dictionary of `pdf`.
fn mark_info(doc: &lopdf::Document) -> lopdf::Dictionary {
    let catalog = doc.catalog().expect("a catalog");
    let info = catalog.get(b"MarkInfo").expect("a tagged PDF has /MarkInfo");
    match info {
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        other => other.as_dict().unwrap().clone(),
    }
}

/// poppler's "Suspects object is wrong type (boolean)" (issue 11): even the
/// smallest document through our code path carries typst-pdf's valid
/// `/Suspects false`, the key poppler misreads. With poppler's `pdfinfo`
/// installed, the same file without that key reads cleanly.
#[test]
fn the_suspects_key_poppler_misreads_comes_from_typst_pdf() {
    let (_dir, generator) = simple();
    let rendered = generator.render("simple", &json!({"title": "t", "name": "n"}), date(2026, 4, 20)).unwrap();
    let mut doc = lopdf::Document::load_mem(&rendered.pdf).unwrap();
    let info = mark_info(&doc);
    assert!(info.get(b"Marked").unwrap().as_bool().unwrap());
    assert!(!info.get(b"Suspects").unwrap().as_bool().unwrap(), "{info:?}");

    let pdfinfo = |pdf: &[u8]| -> Option<String> {
        let dir = tempfile::tempdir().ok()?;
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, pdf).ok()?;
        let out = std::process::Command::new("pdfinfo").arg(&path).output().ok()?;
        Some(String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let Some(as_written) = pdfinfo(&rendered.pdf) else {
        eprintln!("pdfinfo is not installed; only the key was checked");
        return;
    };
    // Drop `/Suspects` and write the file again: poppler is then quiet.
    let catalog_id = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let catalog = doc.get_dictionary_mut(catalog_id).unwrap();
    let mut info = info.clone();
    info.remove(b"Suspects");
    catalog.set("MarkInfo", lopdf::Object::Dictionary(info));
    let mut without = Vec::new();
    doc.save_to(&mut without).unwrap();
    let quiet = pdfinfo(&without).unwrap();
    assert!(!quiet.contains("Suspects"), "{quiet}");
    // Old poppler prints the message for the key as written; a fixed one does not.
    if as_written.contains("Suspects") {
        assert!(as_written.contains("Suspects object is wrong type (boolean)"), "{as_written}");
    }
}

#[test]
fn the_pdf_is_well_formed_with_or_without_qpdf() {
    let (_dir, generator) = simple();
    let context = json!({"title": "t", "name": "José Müller"});
    let rendered = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert_eq!(assert_valid_pdf(&rendered.pdf), 1, "one page");
}

#[test]
fn the_structure_check_rejects_a_broken_pdf() {
    let (_dir, generator) = simple();
    let rendered = generator.render("simple", &json!({"title": "t", "name": "n"}), date(2026, 4, 20)).unwrap();
    let truncated = &rendered.pdf[..rendered.pdf.len() / 2];
    assert!(check_pdf(truncated).is_err(), "half a PDF passed");
    let mut doc = lopdf::Document::load_mem(&rendered.pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    doc.get_dictionary_mut(page).unwrap().remove(b"Contents");
    let mut without_content = Vec::new();
    doc.save_to(&mut without_content).unwrap();
    let error = check_pdf(&without_content).unwrap_err();
    assert!(error.contains("page 1 has no content"), "{error}");
}

#[test]
fn uncovered_characters_are_named() {
    let (_dir, generator) = simple();
    let context = json!({"title": "t", "name": "陈美玲"});
    let rendered = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert!(
        rendered.warnings.iter().any(|w| w
            == "The name \"陈美玲\" has characters no font here can show (陈, 美, 玲): add a font that covers them with --font-path DIR"),
        "{:?}",
        rendered.warnings
    );
    // Latin, Greek and Cyrillic are covered by the embedded fonts.
    let context = json!({"title": "Ελένη", "name": "Nguyễn Thị Hương, Ольга"});
    let rendered = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
}

#[test]
fn a_font_path_covers_what_the_embedded_fonts_do_not() {
    let dir = template_dir(&[("simple.typ.j2", SIMPLE)]);
    let generator = generator_with(Some(dir.path()), vec![test_fonts()]);
    let context = json!({"title": "t", "name": "陈美玲"});
    let rendered = generator.render("simple", &context, date(2026, 4, 20)).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert_shows(&pdf_text(&rendered.pdf), "陈美玲");
}

#[test]
fn a_bad_font_path_is_a_plain_error() {
    let err = iep_generate::Generator::new(iep_generate::GeneratorOptions {
        template_overrides: None,
        font_paths: vec!["/no/such/folder".into()],
    })
    .unwrap_err();
    let message = err.to_string();
    assert!(message.contains("/no/such/folder"), "{message}");
    assert!(message.contains("--font-path"), "{message}");
}

#[test]
fn the_font_index_matches_the_embedded_fonts() {
    // The index lets a letter skip parsing every embedded font at start-up;
    // a stale one would describe fonts the binary does not have.
    let written = include_str!("../src/embedded-fonts.json");
    assert!(
        iep_generate::embedded_font_index() == written,
        "crates/iep-generate/src/embedded-fonts.json is stale: run `cargo xtask font-index`"
    );
}
