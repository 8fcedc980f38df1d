//! End to end: `iep letter` on a temporary copy of cases/maya, read back with
//! a real PDF parser. Nothing is written into the repository's cases/maya.

use std::fs;
use std::path::Path;
use std::process::Output;

mod common;
use common::pdf::{assert_valid_pdf, pdf_text};
use common::{LETTER_TYPES, folder_bytes, iep, maya_copy, no_ws};

const AS_OF: &str = "2026-04-20";

fn text_of(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn assert_ok(out: &Output) {
    assert!(out.status.success(), "iep failed ({:?}):\n{}", out.status.code(), text_of(out));
}

fn letter(dir: &Path, letter_type: &str, extra: &[&str]) -> Output {
    let mut args = vec!["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF];
    args.extend_from_slice(extra);
    iep(&args)
}

fn assert_shows(text: &str, needle: &str, what: &str) {
    assert!(
        no_ws(text).contains(&no_ws(needle)),
        "{what}: {needle:?} is not in the PDF text:\n{}",
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    );
}

// ---------------------------------------------------------------------------

/// Per type: the recipient by default, a phrase of its request, a citation;
/// `None` for a type the sample cannot have (exit 2 with a sentence).
fn expected(letter_type: &str) -> Option<(&'static str, &'static str, Option<&'static str>)> {
    Some(match letter_type {
        "meeting-request" => {
            ("Dear Jordan Lee,", "I am writing to ask for an IEP team meeting", Some("34 CFR 300.324(b)(1)(ii)(A)"))
        }
        "data-request" => ("Dear Jordan Lee,", "each measurement taken for this goal", Some("603 CMR 23.07(2)")),
        "records-request" => (
            "Dear Jordan Lee,",
            "Please send me copies of every evaluation",
            Some("34 CFR 300.613(a) and 603 CMR 23.07(2)"),
        ),
        "evaluation-request" => {
            ("Dear Jordan Lee,", "A reevaluation of Maya in every area of suspected need", Some("34 CFR 300.303(a)(2)"))
        }
        "pwn-request" => (
            "Dear Jordan Lee,",
            "Please send me prior written notice of this change",
            Some("Under 34 CFR 300.503, the school must give me written notice"),
        ),
        "services-concern" => ("Dear Jordan Lee,", "Please make up the 360 minutes", None),
        "follow-up" => {
            ("Dear Jordan Lee,", "My request for education records of February 12, 2026", Some("603 CMR 23.07(2)"))
        }
        // The director of student services, by default.
        "mediation-request" => ("Dear Dana Whitfield,", "mediation is voluntary", Some("34 CFR 300.506(b)(1)")),
        // To the state agency, with a copy to the director.
        "state-complaint" => {
            ("Dear Complaint Investigator,", "I am filing this complaint", Some("34 CFR 300.153(b), (d)"))
        }
        // The sample holds no school evaluation and no meeting after April 20; its
        // unagreed changes have no notice on file, so the request for notice names them.
        "iee-request" | "draft-request" | "objection" => return None,
        other => panic!("no expectation for {other}"),
    })
}

#[test]
fn every_letter_type_is_written_with_its_facts() {
    let (_tmp, dir) = maya_copy();
    for letter_type in LETTER_TYPES {
        let out = letter(&dir, letter_type, &[]);
        let Some((greeting, request, citation)) = expected(letter_type) else {
            assert_eq!(out.status.code(), Some(2), "{letter_type}: {}", text_of(&out));
            assert!(!dir.join(format!("out/{AS_OF}-{letter_type}.pdf")).exists());
            continue;
        };
        assert_ok(&out);
        let path = dir.join(format!("out/{AS_OF}-{letter_type}.pdf"));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(&path.display().to_string()), "{letter_type}: the path written is printed:\n{stdout}");
        let text = pdf_text(&fs::read(&path).unwrap());
        assert_shows(&text, "Maya Alvarez", letter_type);
        assert_shows(&text, "April 20, 2026", letter_type);
        assert_shows(&text, greeting, letter_type);
        assert_shows(&text, request, letter_type);
        if let Some(citation) = citation {
            assert_shows(&text, citation, letter_type);
        }
        assert_shows(&text, "Elena Alvarez", letter_type);
    }
    let complaint = pdf_text(&fs::read(dir.join(format!("out/{AS_OF}-state-complaint.pdf"))).unwrap());
    // The review note is the tool's: the terminal says it, the complaint does not.
    assert!(!no_ws(&complaint).contains("DRAFT"), "state-complaint: {complaint}");
    assert_shows(&complaint, "Massachusetts Department of Elementary and Secondary Education", "state-complaint");
    assert_shows(
        &complaint,
        "cc: Dana Whitfield, Director of Student Services, Riverside Public Schools",
        "state-complaint",
    );
}

#[test]
fn the_same_case_and_date_give_the_same_bytes() {
    let (tmp, dir) = maya_copy();
    let first = tmp.path().join("first.pdf");
    let second = tmp.path().join("second.pdf");
    assert_ok(&letter(&dir, "services-concern", &["-o", first.to_str().unwrap()]));
    assert_ok(&letter(&dir, "services-concern", &["-o", second.to_str().unwrap()]));
    let bytes = fs::read(&first).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(bytes, fs::read(&second).unwrap(), "two runs give byte-identical PDFs");

    // Its own letter in out/ is replaced on a second run, with the same bytes.
    assert_ok(&letter(&dir, "services-concern", &[]));
    assert_ok(&letter(&dir, "services-concern", &[]));
    assert_eq!(fs::read(dir.join(format!("out/{AS_OF}-services-concern.pdf"))).unwrap(), bytes);
}

#[test]
fn options_reach_the_letter() {
    let (tmp, dir) = maya_copy();
    let pdf = tmp.path().join("letter.pdf");
    let out = letter(
        &dir,
        "records-request",
        &[
            "--to",
            "principal",
            "--cc",
            "case-manager,teacher",
            "--date",
            "2026-04-22",
            "--via",
            "certified-mail",
            "--reply-by",
            "2026-05-15",
            "-o",
            pdf.to_str().unwrap(),
        ],
    );
    assert_ok(&out);
    let text = pdf_text(&fs::read(&pdf).unwrap());
    assert_shows(&text, "Dear Dr. Raman,", "--to");
    assert_shows(&text, "April 22, 2026", "--date");
    assert_shows(&text, "Please send the records by May 15, 2026", "--reply-by");
    assert_shows(&text, "Jordan Lee, Special Education Teacher and IEP Liaison; Rachel Carter", "--cc");
    assert_shows(&text, "Sent by certified mail, return receipt requested", "--via");
}

#[test]
fn record_adds_a_letter_that_loads_and_is_tracked() {
    let (_tmp, dir) = maya_copy();
    let before = folder_bytes(&dir.join("letters"));

    assert_ok(&letter(&dir, "records-request", &["--record", "--cc", "principal"]));
    let first = dir.join(format!("letters/{AS_OF}-records-request.yaml"));
    let first_text = fs::read_to_string(&first).unwrap();
    for line in [
        "kind: letter",
        "date: 2026-04-20",
        "type: \"records-request\"",
        "to: \"case-manager\"",
        "cc: [\"principal\"]",
        "via: \"email\"",
        "subject: \"Request for copies of Maya's education records\"",
        // MA: 10 days from the letter (603 CMR 23.07(2)), as the letter asks.
        "reply_by: 2026-04-30",
        "response: null",
    ] {
        assert!(first_text.lines().any(|l| l == line), "{line:?} is not in the record:\n{first_text}");
    }

    // A second record never replaces the first.
    assert_ok(&letter(&dir, "records-request", &["--record"]));
    let second = dir.join(format!("letters/{AS_OF}-records-request-2.yaml"));
    assert!(second.is_file(), "the second record gets its own name");
    assert_eq!(fs::read_to_string(&first).unwrap(), first_text, "the first record is unchanged");
    let after = folder_bytes(&dir.join("letters"));
    assert_eq!(after.len(), before.len() + 2);
    for (name, bytes) in &before {
        assert_eq!(after.get(name), Some(bytes), "{} is unchanged", name.display());
    }

    // The case still loads cleanly.
    let check = iep(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(check.status.code(), Some(0), "{}", text_of(&check));

    // `iep deadlines` follows the answer...
    let deadlines = iep(&["deadlines", dir.to_str().unwrap(), "--as-of", AS_OF, "--format", "json"]);
    assert_ok(&deadlines);
    assert!(String::from_utf8_lossy(&deadlines.stdout).contains("2026-04-30"), "{}", text_of(&deadlines));

    // ...and once it is late without an answer, `response-overdue` says so.
    let check = iep(&["check", dir.to_str().unwrap(), "--as-of", "2026-05-11", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0), "{}", text_of(&check));
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let overdue: Vec<&serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["code"] == "response-overdue"
                && f["document"].as_str().is_some_and(|d| d.contains("2026-04-20-records-request"))
        })
        .collect();
    assert_eq!(overdue.len(), 2, "both recorded letters are overdue on 2026-05-11:\n{json:#}");
}

#[test]
fn an_existing_file_outside_out_is_never_replaced() {
    let (tmp, dir) = maya_copy();
    let mine = tmp.path().join("my-letter.pdf");
    fs::write(&mine, b"the parent's own file").unwrap();
    let out = letter(&dir, "records-request", &["-o", mine.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert!(text_of(&out).contains("already exists"), "{}", text_of(&out));
    assert_eq!(fs::read(&mine).unwrap(), b"the parent's own file");

    // A PDF iep wrote outside the case is not iep's own (issue 22: only a
    // file in `out/` is): another letter there needs --force; the same
    // letter again is unchanged.
    let made = tmp.path().join("made.pdf");
    assert_ok(&letter(&dir, "records-request", &["-o", made.to_str().unwrap()]));
    assert_ok(&letter(&dir, "records-request", &["-o", made.to_str().unwrap()]));
    let first = fs::read(&made).unwrap();
    let out = letter(&dir, "meeting-request", &["-o", made.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert_eq!(fs::read(&made).unwrap(), first);
    assert_ok(&letter(&dir, "meeting-request", &["-o", made.to_str().unwrap(), "--force"]));
    let mut bytes = fs::read(&made).unwrap();
    bytes.extend_from_slice(b"% the parent's note\n");
    fs::write(&made, &bytes).unwrap();
    let out = letter(&dir, "records-request", &["-o", made.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert_eq!(fs::read(&made).unwrap(), bytes);

    // Nor a case file.
    let case_yaml = dir.join("case.yaml");
    let case_text = fs::read(&case_yaml).unwrap();
    let out = letter(&dir, "records-request", &["-o", case_yaml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert_eq!(fs::read(&case_yaml).unwrap(), case_text);

    // In out/, a file under a letter's name that iep did not make stays.
    fs::create_dir_all(dir.join("out")).unwrap();
    let foreign = dir.join(format!("out/{AS_OF}-records-request.pdf"));
    fs::write(&foreign, b"%PDF-1.7 scanned by the parent").unwrap();
    let out = letter(&dir, "records-request", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert_eq!(fs::read(&foreign).unwrap(), b"%PDF-1.7 scanned by the parent");
}

#[test]
fn an_unknown_recipient_names_the_team() {
    let (_tmp, dir) = maya_copy();
    let before = folder_bytes(&dir);
    for flag in ["--to", "--cc"] {
        let out = letter(&dir, "records-request", &[flag, "superintendent", "--record"]);
        assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
        let text = text_of(&out);
        assert!(text.contains("superintendent"), "{text}");
        for id in ["case-manager", "principal", "sped-director", "slp", "teacher"] {
            assert!(text.contains(id), "{flag}: the known id {id} is named:\n{text}");
        }
    }
    assert_eq!(folder_bytes(&dir), before, "nothing was written");
}

#[test]
fn an_unknown_type_lists_the_types() {
    let (_tmp, dir) = maya_copy();
    let out = letter(&dir, "thank-you", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    let text = text_of(&out);
    for letter_type in LETTER_TYPES {
        assert!(text.contains(letter_type), "{letter_type} is listed:\n{text}");
    }
}

#[test]
fn a_case_that_does_not_load_writes_nothing() {
    let (_tmp, dir) = maya_copy();
    fs::write(dir.join("letters/broken.yaml"), "kind: letter\ndate: 2026-13-01\n").unwrap();
    let before = folder_bytes(&dir);
    let out = letter(&dir, "records-request", &["--record"]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert_eq!(folder_bytes(&dir), before);
}

#[test]
fn the_letter_is_a_well_formed_pdf() {
    let (tmp, dir) = maya_copy();
    let pdf = tmp.path().join("letter.pdf");
    assert_ok(&letter(&dir, "pwn-request", &["-o", pdf.to_str().unwrap()]));
    let bytes = fs::read(&pdf).unwrap();
    // Every page parsed here, and `qpdf --check` as well where installed.
    assert!(assert_valid_pdf(&bytes) >= 1);
    assert!(pdf_text(&bytes).contains("Maya"));
}

#[test]
fn a_name_no_font_shows_warns_and_font_path_fixes_it() {
    let (_tmp, dir) = maya_copy();
    let case_yaml = dir.join("case.yaml");
    let text =
        fs::read_to_string(&case_yaml).unwrap().replace("name: Maya Alvarez", "name: \"陈美玲 \\\"Mei\\\" #read(x)\"");
    fs::write(&case_yaml, text).unwrap();

    let out = letter(&dir, "records-request", &["--record"]);
    assert_ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning:") && stderr.contains("--font-path"),
        "the warning and its fix are printed:\n{stderr}"
    );

    // The record of a letter about that child loads back as written.
    let check = iep(&["check", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(check.status.code(), Some(0), "{}", text_of(&check));
    let record = fs::read_to_string(dir.join(format!("letters/{AS_OF}-records-request.yaml"))).unwrap();
    assert!(record.contains(r#"subject: "Request for copies of 陈美玲's education records""#), "{record}");

    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../iep-generate/tests/fonts");
    let out = letter(&dir, "records-request", &["--font-path", fonts.to_str().unwrap()]);
    assert_ok(&out);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("陈"), "the font covers the name:\n{stderr}");
    let pdf = fs::read(dir.join(format!("out/{AS_OF}-records-request.pdf"))).unwrap();
    assert_shows(&pdf_text(&pdf), "陈美玲 \"Mei\" #read(x)", "the name, verbatim");
}

/// The tests' list of letter types is the letters table's, in its order, so
/// a new letter type is tested by every loop over the list.
#[test]
fn the_tests_list_every_letter_type_of_the_letters_table() {
    let table: Vec<&str> = iep_generate::letters::LETTERS.iter().map(|spec| spec.letter_type.as_str()).collect();
    assert_eq!(table, LETTER_TYPES);
    let help = iep(&["letter", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        no_ws(&help).contains("mediation-request,state-complaint(adraft)"),
        "the draft is named in the help:\n{help}"
    );
    let bad = iep(&["letter", "bogus"]);
    assert_eq!(bad.status.code(), Some(2));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains(&format!("the letter types are: {}", LETTER_TYPES.join(", "))), "{said}");
}
