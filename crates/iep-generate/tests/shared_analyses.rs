//! A run computes each analysis once: the packet reads the terms history,
//! the changes, the progress and the service accounting from the run's
//! context, where the checks memoised them, and computes none of them again.

use std::path::Path;

use chrono::NaiveDate;
use iep_generate::letters::{LetterRequest, letter_context};
use iep_generate::packet::{PacketInput, packet_context};
use iep_model::{Context, LetterType};

fn maya() -> iep_model::Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya");
    iep_load::load(&dir).case.expect("the sample case loads")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, 20).unwrap()
}

#[test]
fn the_packet_takes_its_analyses_from_the_run_context() {
    let case = maya();
    let cut = case.as_of(as_of());
    let cx = Context::new(&cut, as_of());
    assert_eq!(cx.computations(), 0);
    let packet = packet_context(&PacketInput { case: &case, context: &cx, findings: &[], meeting: None });
    assert!(!packet.progress.is_empty() && !packet.services.is_empty(), "the packet shows the analyses");
    // The terms history, the changes, the accounting in force, the figures
    // as agreed beside it, the progress, the accommodation record and the
    // report cards' progress reports (the deadlines): each computed once,
    // through the context's memo.
    assert_eq!(cx.computations(), 7);
    packet_context(&PacketInput { case: &case, context: &cx, findings: &[], meeting: None });
    assert_eq!(cx.computations(), 7, "a second packet recomputes nothing");
}

#[test]
fn after_the_checks_the_packet_computes_nothing_again() {
    let case = maya();
    let cut = case.as_of(as_of());
    let cx = Context::new(&cut, as_of());
    let findings = iep_checks::check_with(&cx);
    let after_checks = cx.computations();
    assert!(after_checks >= 4, "the checks computed the shared analyses ({after_checks})");
    let packet = packet_context(&PacketInput { case: &case, context: &cx, findings: &findings, meeting: None });
    assert!(!packet.concerns.is_empty());
    // Only the figures as agreed are new: no check reads them.
    assert_eq!(cx.computations(), after_checks + 1, "the packet computed an analysis the checks had already computed");
    // The services letter reads the same accounting as the packet.
    let request = LetterRequest {
        letter_type: LetterType::ServicesConcern,
        to: "case-manager".into(),
        cc: Vec::new(),
        date: as_of(),
        via: None,
        reply_by: None,
        next_meeting: None,
    };
    let letter = letter_context(&cx, &findings, &request).expect("the sample has a services letter");
    assert!(format!("{letter:?}").contains("435 minutes"), "{letter:?}");
    assert_eq!(cx.computations(), after_checks + 1, "the letter recomputed an analysis");
}
