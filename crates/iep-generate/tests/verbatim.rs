//! Case text is never markup: whatever a parent types comes out of the PDF
//! exactly as typed, and the Typst world serves nothing but its own files.

mod common;

use common::*;
use serde_json::json;

/// Text that would be code or markup if it reached Typst unescaped.
const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    "#let x = 1",
    "$x^2$",
    "*bold*",
    "_under_",
    "<label>",
    "@ref",
    "[brackets]",
    r"back\slash \ and \\ two",
    "`code` and ```raw```",
    "// not a comment",
    "/* not a block comment",
    r#"a "quoted" word and 'single' ones"#,
    "dash -- and --- and ellipsis ...",
    "1. not a list",
    "= not a heading",
    "- not a bullet",
    "+ not an enum",
    "/ Term: not a term",
    "https://example.org/path?q=1",
    "non~breaking",
    r"\u{41} is not an A",
    r#"#"escape"; #panic("boom")"#,
    r#"");#panic("x"); ("#,
    "#{panic()}",
    "#image(\"/etc/hostname\")",
    "José Müller",
    "Nguyễn Thị Hương",
    "Ørsted & Søn <info@example.org>",
    "Smiley 😀 and 🙂 emoji",
    "陈美玲",
    "50% of 3 < 4 > 2 = true; a{b}c (d)",
];

/// A template that prints each value in its own paragraph, in markup, inside
/// strong/emphasis, a list and a table cell.
const PROBE: &str = r#"#import "base.typ": iep-page
#set document(title: {{ title|typst_str }})
#show: iep-page
{% for v in values %}
{{ v }}

{% endfor %}
*{{ values[0] }}* _{{ values[1] }}_

- {{ values[2] }}
+ {{ values[3] }}

#table(columns: 1, [{{ values[4] }}])

$ {{ values[5] }} $
"#;

fn probe_generator() -> (tempfile::TempDir, iep_generate::Generator) {
    let dir = template_dir(&[("probe.typ.j2", PROBE)]);
    let generator = generator_with(Some(dir.path()), vec![]);
    (dir, generator)
}

#[test]
fn hostile_text_comes_out_verbatim() {
    let dir = template_dir(&[("probe.typ.j2", PROBE)]);
    // The test fonts cover the CJK name and the emoji.
    let generator = generator_with(Some(dir.path()), vec![test_fonts()]);
    let context = json!({"title": "Title \"quoted\" #x", "values": HOSTILE});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    let text = pdf_text(&rendered.pdf);
    for value in HOSTILE {
        assert_shows(&text, value);
    }
}

#[test]
fn lopdf_reads_the_same_latin_text() {
    // A cross-check of the test's own ToUnicode decoding against lopdf's
    // extraction, on text without emoji (which lopdf cannot decode).
    let (_dir, generator) = probe_generator();
    let latin: Vec<&str> = HOSTILE.iter().copied().filter(|v| v.is_ascii()).collect();
    let context = json!({"title": "t", "values": latin});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    let text = pdf_text_lopdf(&rendered.pdf);
    for value in latin {
        assert_shows(&text, value);
    }
}

#[test]
fn newlines_become_line_breaks() {
    let (_dir, generator) = probe_generator();
    let context = json!({"title": "t", "values": [
        "first line\nsecond line\r\nthird line", "  two leading spaces", "\ttab", "x", "y", "z"
    ]});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    let text = pdf_text(&rendered.pdf);
    let lines: Vec<String> = text.lines().map(squash).collect();
    for want in ["first line", "second line", "third line"] {
        assert!(lines.iter().any(|l| l == want), "{want:?} is not a line of its own: {lines:?}");
    }
    assert!(rendered.source.contains(r"first line\nsecond line\nthird line"), "{}", rendered.source);
    assert_shows(&text, "two leading spaces");
}

#[test]
fn the_world_serves_only_its_own_files() {
    let (_dir, generator) = probe_generator();
    let context = json!({"title": "t", "values": HOSTILE});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    for path in &rendered.accessed_files {
        assert!(
            ["/main.typ", "/base.typ"].contains(&path.as_str()),
            "Typst asked for {path}: {:?}",
            rendered.accessed_files
        );
    }
}

#[test]
fn template_authored_reads_outside_the_templates_are_refused() {
    let attempts = [
        r#"#read("/etc/passwd")"#,
        r#"#read("../../../../etc/passwd")"#,
        r#"#image("/etc/hostname")"#,
        r#"#import "@preview/cetz:0.3.0": *"#,
        r#"#read("letter.typ.j2")"#,
        r#"#json("data.json")"#,
    ];
    for attempt in attempts {
        let dir = template_dir(&[("evil.typ.j2", attempt)]);
        let generator = generator_with(Some(dir.path()), vec![]);
        let err = generator.render("evil", &json!({}), date(2026, 4, 20)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("Typst could not typeset"), "{attempt}: {message}");
        assert!(!message.contains("root:"), "{attempt} leaked file content: {message}");
    }
}

#[test]
fn overrides_can_add_files_typst_reads() {
    let dir = template_dir(&[
        ("uses-logo.typ.j2", "#import \"letterhead.typ\": head\n#head\n{{ name }}"),
        ("letterhead.typ", "#let head = [Advocacy Office]"),
    ]);
    let generator = generator_with(Some(dir.path()), vec![]);
    let rendered = generator.render("uses-logo", &json!({"name": "Maya"}), date(2026, 4, 20)).unwrap();
    let text = pdf_text(&rendered.pdf);
    assert_shows(&text, "Advocacy Office");
    assert_shows(&text, "Maya");
    assert!(rendered.accessed_files.contains(&"/letterhead.typ".to_string()));
}

#[test]
fn undefined_variables_are_errors_naming_template_and_line() {
    let dir = template_dir(&[("typo.typ.j2", "Hello\n{{ child.nmae }}\n")]);
    let generator = generator_with(Some(dir.path()), vec![]);
    let err = generator.render("typo", &json!({"child": {"name": "Maya"}}), date(2026, 4, 20)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("typo.typ.j2"), "{message}");
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("child.nmae"), "{message}");
}

#[test]
fn case_text_cannot_be_marked_safe() {
    let dir = template_dir(&[("unsafe.typ.j2", "{{ x|safe }}")]);
    let generator = generator_with(Some(dir.path()), vec![]);
    let err = generator.render("unsafe", &json!({"x": "*b*"}), date(2026, 4, 20)).unwrap_err();
    assert!(err.to_string().contains("unsafe.typ.j2"), "{err}");
}

#[test]
fn typst_errors_say_where_and_what() {
    let dir = template_dir(&[("broken.typ.j2", "Hello\n#nosuchfunction()\n")]);
    let generator = generator_with(Some(dir.path()), vec![]);
    let err = generator.render("broken", &json!({}), date(2026, 4, 20)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("broken.typ.j2"), "{message}");
    assert!(message.contains("main.typ:3:"), "{message}");
    assert!(message.contains("unknown variable: nosuchfunction"), "{message}");
}

#[test]
fn unknown_templates_list_the_known_ones() {
    let generator = generator_with(None, vec![]);
    let err = generator.render("letters/nope", &json!({}), date(2026, 4, 20)).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("letters/records-request.typ.j2"), "{message}");
}

/// What a parent pastes out of a letter is what the case says: a long email
/// address, a long URL or a long word with no break in it copies out whole,
/// with no invisible character inside (a zero-width space pasted into an
/// address breaks it), and still wraps inside the margins (margin_tests.rs).
#[test]
fn long_words_copy_out_whole() {
    let (_dir, generator) = probe_generator();
    let words = [
        "maya.rodriguez.parent.of.maya@family-example.org",
        "https://district.example.org/special-education/parents/records-request-form.pdf",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    ];
    // Twice over: the probe prints the last three in a list, a table cell and math.
    let values: Vec<String> = words.iter().chain(&words).map(|w| format!("Write to {w} today")).collect();
    let context = json!({"title": "t", "values": values});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    assert!(rendered.warnings.is_empty(), "{:?}", rendered.warnings);
    assert!(!rendered.source.contains('\u{200b}'), "a zero-width space is written into the source");
    let text = pdf_text(&rendered.pdf);
    assert!(!text.contains('\u{200b}'), "the text layer holds a zero-width space:\n{text}");
    for word in words {
        // The reader ends a line at each text object; a viewer joins the
        // pieces a line holds side by side.
        assert!(no_ws(&text).contains(word), "{word} does not copy out whole:\n{text}");
    }
}

/// A letter with stacked accents copies out with each accent once: Typst
/// lays raised accents as runs of their own, each carrying the whole
/// cluster's text, and the generator folds them back (text_layer.rs).
#[test]
fn stacked_accents_copy_out_once() {
    let (_dir, generator) = probe_generator();
    let value = "Zoe\u{301}\u{301} and n\u{303}\u{323} and a\u{308}\u{301}\u{300}";
    let context = json!({"title": "t", "values": [value, "x", "y", "z", "w", "v"]});
    let rendered = generator.render("probe", &context, date(2026, 4, 20)).unwrap();
    let text = pdf_text(&rendered.pdf);
    // The probe prints the first value twice: as a paragraph and in bold.
    for mark in ['\u{301}', '\u{303}', '\u{323}', '\u{308}', '\u{300}'] {
        let want = 2 * value.matches(mark).count();
        assert_eq!(
            text.matches(mark).count(),
            want,
            "U+{:04X} copies out a wrong number of times:\n{text:?}",
            mark as u32
        );
    }
}
