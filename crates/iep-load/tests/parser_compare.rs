//! What serde-saphyr does with the inputs the loader depends on, next to
//! serde_yaml (docs/yaml-parsers.md). Run with
//! `cargo test -p iep-load --features parser-compare --test parser_compare`.
#![cfg(feature = "parser-compare")]

use std::path::Path;

use iep_load::parser_compare::{Failure, Parser, parse_kind};

const BOTH: [Parser; 2] = [Parser::SerdeYaml, Parser::Saphyr];

fn hostile(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile").join(rel);
    std::fs::read_to_string(path).expect("hostile fixture")
}

fn fails(kind: &str, source: &str, parser: Parser) -> Failure {
    let failure = parse_kind(kind, source, parser).expect_err("should fail");
    eprintln!("{parser:?}: {}:{}: {}", failure.line, failure.column, failure.message);
    failure
}

#[test]
fn yaml_1_1_booleans_and_dates_stay_text() {
    // `note` is a String and `date` goes through the Date visitor as text.
    let source = "kind: observations\nentries:\n  - {date: 2025-09-16, note: on}\n  - {date: 2025-09-17, note: yes}\n  - {date: 2025-09-18, note: no}\n";
    for parser in BOTH {
        assert!(parse_kind("observations", source, parser).is_ok(), "{parser:?}");
    }
}

#[test]
fn repeated_keys_are_refused() {
    let source = "kind: observations\nentries:\n  - date: 2025-09-16\n    note: a\n    note: b\n";
    for parser in BOTH {
        let failure = fails("observations", source, parser);
        // serde_yaml points at the entry, serde-saphyr at the repeated key.
        let line = if parser == Parser::SerdeYaml { 3 } else { 5 };
        assert_eq!(failure.line, line, "{parser:?}");
    }
}

#[test]
fn alias_bomb_and_deep_nesting_stop_with_an_error() {
    for parser in BOTH {
        fails("observations", &hostile("alias-bomb/log/home.yaml"), parser);
        fails("observations", &hostile("deep-nesting/log/home.yaml"), parser);
    }
}

#[test]
fn unknown_field_points_at_the_key() {
    let source = "kind: observations\nentries:\n  - date: 2025-09-16\n    noet: a\n";
    for parser in BOTH {
        let failure = fails("observations", source, parser);
        assert_eq!((failure.line, failure.column), (4, 5), "{parser:?}");
    }
}

#[test]
fn wrong_type_points_at_the_value() {
    let source = "kind: observations\nentries:\n  - date: 2025-09-16\n    note: a\n    private: maybe\n";
    for parser in BOTH {
        let failure = fails("observations", source, parser);
        assert_eq!(failure.line, 5, "{parser:?}");
    }
}

#[test]
fn missing_field_names_the_entry() {
    let source = "kind: observations\nentries:\n  - date: 2025-09-16\n    private: true\n";
    for parser in BOTH {
        let failure = fails("observations", source, parser);
        assert!(failure.message.contains("note"), "{parser:?}: {}", failure.message);
    }
}

#[test]
fn only_the_first_problem_of_a_file_is_reported() {
    // Two unknown fields: each parser stops at the first, so the loader's
    // slow path (span tree + de.rs) is still what reports both.
    let source = "kind: observations\nentries:\n  - {date: 2025-09-16, noet: a}\n  - {date: 2025-09-17, nte: b}\n";
    for parser in BOTH {
        let failure = fails("observations", source, parser);
        assert_eq!(failure.line, 3, "{parser:?}");
        assert!(!failure.message.contains("unknown field `nte`"), "{parser:?}: {}", failure.message);
    }
}
