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
