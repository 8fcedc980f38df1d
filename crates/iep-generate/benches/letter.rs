//! One letter, warm in process: template, Typst compile and PDF export.
//!
//! `cargo bench -p iep-generate --bench letter`. Budget: under 5 ms.

use chrono::NaiveDate;
use iep_generate::letters::{LetterContext, LetterRequest, letter_context, next_meeting};
use iep_generate::{Generator, GeneratorOptions};
use iep_model::LetterType;

fn main() {
    divan::main();
}

const AS_OF: &str = "2026-04-20";

/// The sample's services letter, built the way `iep letter` builds it.
fn context() -> LetterContext {
    let as_of: NaiveDate = AS_OF.parse().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya");
    let loaded = iep_load::load(&root).case.expect("the sample case loads");
    let cut = loaded.as_of(as_of);
    let findings = iep_checks::check_cut(&cut, as_of);
    let request = LetterRequest {
        letter_type: LetterType::ServicesConcern,
        to: "case-manager".into(),
        cc: Vec::new(),
        date: as_of,
        via: None,
        reply_by: None,
        next_meeting: next_meeting(&cut, as_of),
    };
    letter_context(&iep_model::Context::new(&cut, as_of), &findings, &request)
        .expect("the sample has a services letter")
}

#[divan::bench]
fn letter_warm(bencher: divan::Bencher) {
    let generator = Generator::new(GeneratorOptions::default()).unwrap();
    let context = context();
    let today: NaiveDate = AS_OF.parse().unwrap();
    // Warm up: fonts parsed, caches filled.
    generator.render("letters/services-concern", &context, today).unwrap();
    bencher.bench_local(|| {
        generator.render(divan::black_box("letters/services-concern"), divan::black_box(&context), today).unwrap()
    });
}

/// The same letter for a different parent each time: what `iep build` does
/// across cases, with Typst's caches only partly reusable.
#[divan::bench]
fn letter_changing_text(bencher: divan::Bencher) {
    let generator = Generator::new(GeneratorOptions::default()).unwrap();
    let today: NaiveDate = AS_OF.parse().unwrap();
    let base = context();
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let mut context = base.clone();
        context.sender.name = format!("Parent Number {n}");
        generator.render("letters/services-concern", &context, today).unwrap()
    });
}
