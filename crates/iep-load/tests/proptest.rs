//! Whatever bytes a file holds, loading never panics.

use std::fs;

use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "kind: service-log\n",
    "kind: iep\n",
    "kind: case\n",
    "kind: meeting\n",
    "kind: school-calendar\n",
    "entries:\n",
    "  - {date: 2025-09-16, service: speech, minutes: 30}\n",
    "  - {date: 2026-02-30, service: x, missed: a, b}\n",
    "goals:\n",
    "  - id: G1\n",
    "    statement: text\n",
    "services:\n",
    "  - {id: speech, service: S, amount: 2 x 30 min per week}\n",
    "amount: 45 minutes, twice weekly\n",
    "id: iep-1\n",
    "effective: 2025-09-15\n",
    "child: {name: A}\n",
    "parent: {name: B}\n",
    "team:\n",
    "  - {id: slp, name: S}\n",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "\"",
    "'",
    "#",
    "\t",
    "\n",
    "  ",
    "---\n",
    "...\n",
    "? ",
    "|\n",
    ">-\n",
    "!!str ",
    "!tag ",
    "%YAML 1.2\n",
    "~",
    "null",
    "yes",
    "on",
    "42",
    "-1",
    "1e400",
    "closed: [{from: 2025-12-22, to: 2025-01-02}]\n",
    "first_day: 2025-09-03\n",
    "last_day: 2026-06-18\n",
    "attendees: [parent, nobody]\n",
    "agreed: [all, services.x, bogus]\n",
    "\u{feff}",
    "\u{0}",
    "é",
    "\r\n",
];

fn load_text(files: &[Vec<u8>]) {
    let dir = tempfile::tempdir().unwrap();
    for (i, bytes) in files.iter().enumerate() {
        fs::write(dir.path().join(format!("f{i}.yaml")), bytes).unwrap();
    }
    let loaded = iep_load::load(dir.path());
    for d in &loaded.diagnostics {
        // Rendering must not panic either.
        let _ = d.to_string();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(files in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..400), 1..3)) {
        load_text(&files);
    }

    #[test]
    fn yaml_like_text_never_panics(parts in prop::collection::vec(prop::collection::vec(0..FRAGMENTS.len(), 0..40), 1..4)) {
        let files: Vec<Vec<u8>> = parts.iter().map(|p| p.iter().map(|&i| FRAGMENTS[i]).collect::<String>().into_bytes()).collect();
        load_text(&files);
    }
}

/// The openers that nest: flow collections, stacked block indicators, and
/// an amount's remarks (read by the amount parser, not YAML).
const OPENERS: &[&str] = &["{a: ", "[", "- ", "? ", "{", "[{x: ", "(", "()"];

/// A file of `kind` whose one value repeats `opener` `depth` times, with
/// `tail` closers after it.
fn nested(kind: &str, opener: &str, depth: usize, tail: usize) -> Vec<u8> {
    let body = opener.repeat(depth);
    let closers = "}]".repeat(tail);
    match opener {
        "(" | "()" => format!(
            "kind: iep\nid: x\neffective: 2025-09-15\nservices:\n  - {{id: s, service: S, amount: \"2 x 30 min per week {body}\"}}\n"
        ),
        _ => format!("kind: {kind}\nfirst_day: {body}{closers}\n"),
    }
    .into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Issue 22: 3,000 `()` pairs in an amount overflowed the stack
    /// (SIGABRT, which ends the test binary), and 100,000 levels of `{a: `
    /// took minutes. Long and deeply nested input is refused with a
    /// diagnostic, never an abort.
    #[test]
    fn deep_or_long_input_never_aborts(
        opener in prop::sample::select(OPENERS),
        depth in prop_oneof![1usize..200, 900usize..1100, 2_000usize..40_000],
        tail in 0usize..50,
        kind in prop::sample::select(&["school-calendar", "iep", "case", "service-log"][..]),
    ) {
        let file = nested(kind, opener, depth, tail);
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("f.yaml"), &file).unwrap();
        let loaded = iep_load::load(dir.path());
        prop_assert!(loaded.diagnostics.iter().any(|d| d.is_error()), "{} x {}: no error", opener, depth);
        for d in &loaded.diagnostics {
            let _ = d.to_string();
        }
    }
}

/// 100,000 levels of `{a: ` in a calendar file are refused at the level
/// past the limit, with the file's line and column.
#[test]
fn a_hundred_thousand_levels_are_refused_where_they_pass_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("kind: school-calendar\nfirst_day: {}\n", "{a: ".repeat(100_000));
    fs::write(dir.path().join("calendar.yaml"), text).unwrap();
    let loaded = iep_load::load(dir.path());
    let shown: Vec<String> = loaded.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(shown.iter().any(|d| d.contains("nests lists or groups too deeply")), "{shown:?}");
    assert!(shown.iter().any(|d| d.contains("calendar.yaml:2:")), "{shown:?}");
}
