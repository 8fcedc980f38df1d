//! One letter, warm in process: template, Typst compile and PDF export.
//!
//! `cargo bench -p iep-generate --bench letter`. Budget: under 5 ms.

use chrono::NaiveDate;
use iep_generate::letters::{
    ChildLine, Citation, Fact, LetterContext, Person, Recipient, Request, Sender, SourceEntry,
};
use iep_generate::{Generator, GeneratorOptions};

fn main() {
    divan::main();
}

fn context() -> LetterContext {
    LetterContext {
        letter_type: "services-concern".into(),
        subject: "Missed services and compensatory services for Maya Alvarez".into(),
        date: "April 20, 2026".into(),
        sender: Sender {
            name: "Elena Alvarez".into(),
            address_lines: vec!["14 Orchard Lane".into(), "Riverside, MA 01720".into()],
            email: Some("elena.alvarez@example.org".into()),
            phone: Some("555-0142".into()),
        },
        recipient: Recipient {
            name: "Jordan Lee".into(),
            role: Some("Special Education Teacher and Liaison".into()),
            address_lines: vec![
                "Riverside Elementary School".into(),
                "200 Mill Street".into(),
                "Riverside, MA 01720".into(),
            ],
            email: Some("jlee@riverside.example.org".into()),
        },
        child: ChildLine {
            name: "Maya Alvarez".into(),
            first_name: "Maya".into(),
            date_of_birth: Some("April 12, 2017".into()),
            school: Some("Riverside Elementary".into()),
            grade: Some("3".into()),
            district: Some("Riverside Public Schools".into()),
        },
        facts: (1..=6)
            .map(|i| Fact {
                date: Some(format!("March {i}, 2026")),
                text: "Speech-language therapy was missed: SLP at district training.".into(),
                source: 1,
            })
            .collect(),
        request: Request {
            items: vec!["Speech-language therapy: the sessions missed and a plan to make up the time owed".into()],
            basis: vec![Citation {
                citation: "34 CFR 300.613(a)".into(),
                summary: "special education and related services are made available to the child as the IEP sets them out".into(),
                note: None,
            }],
            respond_by: Some("May 4, 2026".into()),
            deadline_note: None,
        },
        cc: vec![Person { name: "Dr. Priya Raman".into(), role: Some("Principal".into()) }],
        delivery: Some("Sent by email to jlee@riverside.example.org".into()),
        sources: vec![SourceEntry {
            n: 1,
            file: "services/log.yaml".into(),
            detail: Some("required: 240; delivered: 120; missed sessions: 4".into()),
        }],
        draft: false,
    }
}

#[divan::bench]
fn letter_warm(bencher: divan::Bencher) {
    let generator = Generator::new(GeneratorOptions::default()).unwrap();
    let context = context();
    let today = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    // Warm up: fonts parsed, caches filled.
    generator.render("letters/services-concern", &context, today).unwrap();
    bencher.bench_local(|| {
        generator
            .render(divan::black_box("letters/services-concern"), divan::black_box(&context), today)
            .unwrap()
    });
}

/// The same letter for a different parent each time: what `iep build` does
/// across cases, with Typst's caches only partly reusable.
#[divan::bench]
fn letter_changing_text(bencher: divan::Bencher) {
    let generator = Generator::new(GeneratorOptions::default()).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let mut context = context();
        context.sender.name = format!("Parent Number {n}");
        generator.render("letters/services-concern", &context, today).unwrap()
    });
}
