//! Every letter type for fictional cases in each state of the rules data
//! (MA, CA, LA, OH), a state without a rules file (TX) and a 504 plan
//! (`tests/letters/`), read back from the PDF: the parent's voice, no
//! debugging text, the law of the case's state, and the layout rules.

use std::fs;
use std::path::Path;
use std::process::Output;

mod common;
use common::pdf::{pdf_page_texts, pdf_text};
use common::{LETTER_TYPES, iep, letter_case, maya_copy, no_ws};

const AS_OF: &str = "2026-04-20";

/// The types a 504 plan declines.
const NOT_FOR_504: [&str; 5] = ["iee-request", "mediation-request", "state-complaint", "draft-request", "pwn-request"];

/// The letter's text as mailed (white space removed), after asserting it was written.
fn sent(dir: &Path, letter_type: &str, extra: &[&str]) -> String {
    let (out, pdf) = letter(dir, letter_type, extra);
    assert!(out.status.success(), "{letter_type}: {}", text_of(&out));
    no_ws(&pdf_text(&pdf.expect("the letter is written")))
}

fn text_of(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn letter(dir: &Path, letter_type: &str, extra: &[&str]) -> (Output, Option<Vec<u8>>) {
    let pdf = dir.join("out").join(format!("{letter_type}.pdf"));
    let mut args = vec!["letter", letter_type, dir.to_str().unwrap(), "--as-of", AS_OF, "-o", pdf.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = iep(&args);
    let bytes = fs::read(&pdf).ok();
    let _ = fs::remove_file(&pdf);
    (out, bytes)
}

/// What no letter may print: an ISO date, a file name, an item path, a check code, the tool's doubts.
fn assert_voice(what: &str, text: &str) {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let squeezed = no_ws(text);
    for word in flat.split(' ') {
        let digits: Vec<char> = word.chars().collect();
        let iso = digits.windows(10).any(|w| {
            let month: String = w[5..7].iter().collect();
            w[..4].iter().all(char::is_ascii_digit)
                && w[4] == '-'
                && month.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
                && w[7] == '-'
                && w[8..10].iter().all(char::is_ascii_digit)
        });
        assert!(!iso, "{what}: an ISO date {word:?} in\n{flat}");
    }
    for bad in [".yaml", "your request", "Your request", "rule I know", "without a kind", "check your state"] {
        assert!(!flat.contains(bad), "{what}: {bad:?} in\n{flat}");
    }
    for word in flat.split(' ') {
        for list in ["services.", "goals.", "accommodations."] {
            let path = word
                .find(list)
                .is_some_and(|at| word[at + list.len()..].starts_with(|c: char| c.is_ascii_alphanumeric()));
            assert!(!path, "{what}: an item path {word:?} in\n{flat}");
        }
    }
    for check in iep_checks::CHECKS {
        let code = check.meta().code;
        assert!(!squeezed.contains(code), "{what}: the check code {code} in\n{flat}");
    }
    // `cc:` stands alone on its line, before the delivery line.
    if let Some(cc) = text.lines().find(|l| l.trim_start().starts_with("cc:")) {
        assert!(!cc.contains("Sent by") && !cc.contains("Delivered"), "{what}: cc and delivery share a line: {cc:?}");
    }
    // Nor does `cc:` follow other text on a line (then no line would start with it).
    if squeezed.contains("cc:") {
        assert!(text.lines().any(|l| l.trim_start().starts_with("cc:")), "{what}: cc: is not on its own line\n{text}");
    }
    // Wording an advocate would strike.
    for bad in ["For each of them", "what I have asked with it", "300.503(a) and 300.503(b)"] {
        assert!(!flat.contains(bad), "{what}: {bad:?} in\n{flat}");
    }
    assert_no_doubled_ask(what, &flat);
}

/// Under a lead-in that already asks ("I ask for the following:"), each
/// numbered item is what is asked for, never a second "Please ...".
fn assert_no_doubled_ask(what: &str, flat: &str) {
    for lead_in in
        ["I ask for the following:", "Please send me the following:", "Please send me copies of the following:"]
    {
        let Some(at) = flat.find(lead_in) else { continue };
        let words: Vec<&str> = flat[at..].split(' ').collect();
        for pair in words.windows(2) {
            let numbered = (2..=3).contains(&pair[0].len())
                && pair[0].ends_with('.')
                && pair[0][..pair[0].len() - 1].chars().all(|c| c.is_ascii_digit());
            assert!(!(numbered && pair[1] == "Please"), "{what}: {lead_in:?} then \"{} Please\" in\n{flat}", pair[0]);
        }
    }
}

/// The ids of the case that are not plain words (`case-manager`, `G1`,
/// `plan-2025`): none of them may appear in a letter.
fn case_ids(dir: &Path) -> Vec<String> {
    let case = iep_load::load(dir).case.expect("the case loads");
    let mut ids: Vec<String> = case.info.team.iter().map(|m| m.id.clone()).collect();
    for version in &case.versions {
        ids.push(version.id.clone());
        ids.extend(version.goals.iter().map(|g| g.id.clone()));
        ids.extend(version.services.iter().map(|s| s.id.clone()));
        ids.extend(version.accommodations.iter().map(|a| a.id.clone()));
    }
    ids.retain(|id| id.contains(|c: char| c.is_ascii_digit() || c == '-' || c == '_'));
    ids.sort();
    ids.dedup();
    ids
}

fn assert_no_ids(what: &str, text: &str, ids: &[String]) {
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '_');
        assert!(!ids.iter().any(|id| id == word), "{what}: the id {word:?} in\n{text}");
    }
}

/// A letter is at most 3 pages: the body's two and an attachment page.
fn assert_pages(what: &str, pdf: &[u8]) {
    let pages = pdf_page_texts(pdf).len();
    assert!(pages <= 3, "{what}: {pages} pages");
}

/// The body fits two pages (a complaint aside): pages before any attachment.
fn assert_body_fits(what: &str, pdf: &[u8]) {
    let pages = pdf_page_texts(pdf);
    let signed = pages.iter().position(|p| p.contains("Sincerely")).unwrap_or_else(|| panic!("{what}: no signature"));
    assert!(signed < 2, "{what}: the body runs {} pages", signed + 1);
    // The signature never stands alone: the sentence before it is on its page.
    assert!(no_ws(&pages[signed]).contains("IfI"), "{what}: the signature is alone on its page");
}

#[test]
fn every_type_in_every_state_speaks_as_the_parent() {
    for variant in ["ma", "ca", "la", "oh", "tx"] {
        let (_tmp, dir) = letter_case(variant);
        let ids = case_ids(&dir);
        assert!(ids.contains(&"case-manager".to_string()), "{ids:?}");
        for letter_type in LETTER_TYPES {
            let what = format!("{variant} {letter_type}");
            let (out, pdf) = letter(&dir, letter_type, &[]);
            assert!(out.status.success(), "{what}: {}", text_of(&out));
            let pdf = pdf.unwrap();
            let text = pdf_text(&pdf);
            assert_voice(&what, &text);
            assert_no_ids(&what, &text, &ids);
            if letter_type != "state-complaint" {
                assert_body_fits(&what, &pdf);
                assert_pages(&what, &pdf);
            }
            assert!(no_ws(&text).contains(&no_ws("Noah")), "{what}");
        }
    }
}

#[test]
fn each_state_cites_its_own_law_federal_and_state_together() {
    // The reply date: the rule's, but never after the day before the meeting of May 12.
    let cases = [
        ("ma", "34 CFR 300.613(a) and 603 CMR 23.07(2)", "within ten days", "April 30, 2026"),
        ("ca", "34 CFR 300.613(a) and Ed Code 56504", "within 5 business days", "April 27, 2026"),
        ("la", "34 CFR 300.613(a) and LAC 28:XLIII.613(A)", "within 45 days", "May 11, 2026"),
        ("oh", "34 CFR 300.613(a) and OAC 3301-51-04(D)(1)", "within 45 days", "May 11, 2026"),
        ("tx", "Under 34 CFR 300.613(a),", "within 45 days", "May 11, 2026"),
    ];
    for (variant, cites, days, reply_by) in cases {
        let (_tmp, dir) = letter_case(variant);
        let text = sent(&dir, "records-request", &[]);
        assert!(text.contains(&no_ws(cites)), "{variant}: {cites}\n{text}");
        assert!(text.contains(&no_ws(days)), "{variant}: {days}\n{text}");
        // The open request of February 2 is overdue: asked for at once, and
        // the parent's next step is dated by the rule (never after the meeting).
        assert!(
            text.contains(&no_ws(
                "Please send the records without further delay: my request of February 2, 2026 was due by"
            )),
            "{variant}\n{text}"
        );
        assert!(
            text.contains(&no_ws(&format!("If I do not have the records by {reply_by}"))),
            "{variant}: {reply_by}\n{text}"
        );
    }
    let (_tmp, dir) = letter_case("tx");
    let (out, _) = letter(&dir, "records-request", &[]);
    assert!(text_of(&out).contains("TX's own rules were not checked"), "{}", text_of(&out));
}

#[test]
fn by_mail_a_deadline_is_counted_from_receipt_in_words() {
    let (_tmp, dir) = letter_case("ca");
    fs::remove_file(dir.join("meetings/2026-05-12.yaml")).unwrap();
    let text = sent(&dir, "meeting-request", &["--via", "mail"]);
    assert!(
        text.contains(&no_ws("Under Ed Code 56343.5, a meeting I request in writing is to be held within 30 days")),
        "{text}"
    );
    assert!(text.contains(&no_ws("of receiving this letter")), "{text}");
}

#[test]
fn a_scheduled_meeting_gets_agenda_items_not_a_new_meeting() {
    let (_tmp, dir) = letter_case("ma");
    let text = sent(&dir, "meeting-request", &[]);
    assert!(text.contains(&no_ws("added to its agenda")), "{text}");
    assert!(
        text.contains(&no_ws("Please confirm in writing by May 4, 2026 that these items are on the agenda.")),
        "{text}"
    );
}

#[test]
fn changes_go_to_the_notice_request_or_the_objection_once() {
    let (_tmp, dir) = letter_case("ma");
    // The reading change has a notice on file: an objection; the accommodation has none: a notice request.
    let (_, pwn) = letter(&dir, "pwn-request", &[]);
    let pwn = no_ws(&pdf_text(&pwn.unwrap()));
    assert!(pwn.contains(&no_ws("Tests read aloud in a separate room")), "{pwn}");
    assert!(!pwn.contains(&no_ws("Reading intervention:")), "{pwn}");
    assert_eq!(pwn.matches(&no_ws("when appropriate")).count(), 2, "the change is one item: {pwn}");
    let (_, objection) = letter(&dir, "objection", &[]);
    let objection = no_ws(&pdf_text(&objection.unwrap()));
    assert!(objection.contains(&no_ws("Reading intervention: the IEP amendment dated January 12, 2026 reduced the amount from 2 x 30 min per week to 1 x 30 min per week")), "{objection}");
    assert!(objection.contains(&no_ws("Under 34 CFR 300.324(a)(4)")), "{objection}");
    assert!(objection.contains(&no_ws("as in the IEP I accepted on September 6, 2025")), "{objection}");
    // The notice on file is named, and listed among the documents.
    assert!(
        objection.contains(&no_ws("Your notice of January 5, 2026 proposed this change; I do not agree to it.")),
        "{objection}"
    );
    assert!(objection.contains(&no_ws("Prior written notice of January 5, 2026")), "{objection}");
}

#[test]
fn a_health_service_asks_for_staffing_and_a_plan() {
    let (_tmp, dir) = letter_case("la");
    let (_, pdf) = letter(&dir, "services-concern", &[]);
    let text = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(text.contains(&no_ws("who provides it when that person is absent")), "{text}");
    assert!(
        text.contains(&no_ws(
            "Reading intervention: 4 sessions in a row were missed, on October 7, 9, 14 and 16, 2025"
        )),
        "{text}"
    );
}

#[test]
fn the_complaint_goes_to_the_state_agency_with_a_copy_to_the_district() {
    for (variant, agency) in [
        ("ma", "Massachusetts Department of Elementary and Secondary Education, Problem Resolution System"),
        ("ca", "California Department of Education"),
        ("la", "Louisiana Department of Education"),
        ("oh", "Ohio Department of Education and Workforce"),
    ] {
        let (_tmp, dir) = letter_case(variant);
        let (out, pdf) = letter(&dir, "state-complaint", &[]);
        assert!(out.status.success(), "{}", text_of(&out));
        let text = pdf_text(&pdf.unwrap());
        let flat = no_ws(&text);
        assert!(flat.contains(&no_ws(agency)), "{variant}: {text}");
        assert!(
            flat.contains(&no_ws("cc: Chris Patel, Director of Special Education, Lakeview Unified School District")),
            "{variant}: {text}"
        );
        assert!(flat.contains(&no_ws("300.153(b), (d)")), "{variant}: {text}");
        assert!(flat.contains(&no_ws("As a resolution, I ask")), "{variant}: {text}");
        assert!(flat.contains(&no_ws("I am filing this complaint")), "{variant}: {text}");
        // The tool's review note goes to the parent, never into the complaint.
        assert!(!flat.contains("DRAFT") && !flat.contains(&no_ws("check every statement")), "{variant}: {text}");
        assert!(text_of(&out).contains("check every statement"), "{variant}: {}", text_of(&out));
        // No verified address in the rules data: no blank line, the parent is told where to find it, and no mailing claimed.
        assert!(!flat.contains("Address:") && !flat.contains("___"), "{variant}: {text}");
        assert!(text_of(&out).contains("website"), "{variant}: {}", text_of(&out));
        assert!(!flat.contains(&no_ws("first-class mail")), "{variant}: {text}");
        assert!(flat.contains(&no_ws("A copy sent to the district the same day")), "{variant}: {text}");
    }
    // The parent who says how it was mailed gets that line.
    let (_tmp, dir) = letter_case("ma");
    let (_, pdf) = letter(&dir, "state-complaint", &["--via", "certified-mail"]);
    assert!(no_ws(&pdf_text(&pdf.unwrap())).contains(&no_ws("Sent by certified mail")));
}

/// A state the rules data does not cover and the case does not name: the
/// complaint is headed "State Department of Education" (timelines.md) and the
/// parent is told to put the agency's own name; other letters say "the state
/// education agency".
#[test]
fn a_state_the_data_does_not_name_gets_the_spec_heading_and_a_note() {
    let (_tmp, dir) = letter_case("tx");
    let (out, pdf) = letter(&dir, "state-complaint", &[]);
    assert!(out.status.success(), "{}", text_of(&out));
    let said = text_of(&out);
    assert!(said.contains("state_agency:") && said.contains("State Department of Education"), "{said}");
    let flat = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(flat.contains(&no_ws("State Department of Education")), "{flat}");
    assert!(!flat.contains("state_agency"), "{flat}");
    for letter_type in ["follow-up", "mediation-request"] {
        let (out, pdf) = letter(&dir, letter_type, &[]);
        assert!(out.status.success(), "{letter_type}: {}", text_of(&out));
        let flat = no_ws(&pdf_text(&pdf.unwrap()));
        assert!(!flat.contains(&no_ws("State Department of Education")), "{letter_type}: {flat}");
        assert!(flat.contains(&no_ws("file a complaint with the state education agency")), "{letter_type}: {flat}");
    }
    // Named in case.yaml: the complaint goes to it.
    let yaml = fs::read_to_string(dir.join("case.yaml")).unwrap();
    fs::write(dir.join("case.yaml"), format!("{yaml}\nstate_agency: Texas Education Agency\n")).unwrap();
    let (out, pdf) = letter(&dir, "state-complaint", &[]);
    assert!(out.status.success(), "{}", text_of(&out));
    assert!(no_ws(&pdf_text(&pdf.unwrap())).contains(&no_ws("Texas Education Agency")));
    assert!(text_of(&out).contains("state_agency_address:"), "the parent is told where the address goes");
    // With the address the parent found, the complaint carries it and no note is needed.
    let yaml = fs::read_to_string(dir.join("case.yaml")).unwrap();
    let address = "state_agency_address: |\n  1701 North Congress Avenue\n  Austin, TX 78701\n";
    fs::write(dir.join("case.yaml"), format!("{yaml}{address}")).unwrap();
    let (out, pdf) = letter(&dir, "state-complaint", &[]);
    assert!(out.status.success(), "{}", text_of(&out));
    let flat = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(flat.contains(&no_ws("Texas Education Agency 1701 North Congress Avenue Austin, TX 78701")), "{flat}");
    assert!(!text_of(&out).contains("no mailing address"), "{}", text_of(&out));
}

/// Each change in a complaint says only what is true of it: the reading cut
/// came after a notice on file; the accommodation change had none.
#[test]
fn a_dispute_says_per_change_whether_a_notice_was_given() {
    for letter_type in ["state-complaint", "mediation-request"] {
        let (_tmp, dir) = letter_case("ma");
        let flat = sent(&dir, letter_type, &[]);
        assert!(!flat.contains(&no_ws("and without prior written notice")), "{letter_type}: {flat}");
        assert!(flat.contains(&no_ws("Prior written notice of January 5, 2026")), "{letter_type}: {flat}");
        if letter_type == "state-complaint" {
            assert!(
                flat.contains(&no_ws(
                    "1 x 30 min per week, after a notice dated January 5, 2026 that I did not agree to."
                )),
                "{flat}"
            );
            assert!(flat.contains(&no_ws("when appropriate\u{201d}, with no prior written notice.")), "{flat}");
        } else {
            assert!(flat.contains(&no_ws("cc: Morgan Diaz, Special Education Case Manager")), "{flat}");
        }
    }
}

/// The last evaluation is under a year old: the limit is stated and the
/// district's agreement asked; never the referral rule of an initial evaluation.
#[test]
fn a_reevaluation_within_a_year_asks_for_agreement() {
    for variant in ["ma", "ca", "la", "oh", "tx"] {
        let (_tmp, dir) = letter_case(variant);
        let flat = sent(&dir, "evaluation-request", &[]);
        assert!(flat.contains(&no_ws("Noah was last evaluated on June 2, 2025.")), "{variant}: {flat}");
        assert!(
            flat.contains(&no_ws("but not more than once a year unless the district and I agree")),
            "{variant}: {flat}"
        );
        assert!(
            flat.contains(&no_ws(
                "Your agreement to reevaluate Noah now, or else a reevaluation beginning on June 2, 2026"
            )),
            "{variant}: {flat}"
        );
        assert!(!flat.contains("28.04(1)") && !flat.contains("isareferral"), "{variant}: {flat}");
    }
    let (_tmp, dir) = letter_case("ca");
    let (_, pdf) = letter(&dir, "evaluation-request", &[]);
    let flat = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(
        flat.contains(&no_ws("Under Ed Code 56321(a), the district is to give me a proposed assessment plan within 15 days of receiving my request, not counting school vacations of more than five school days.")),
        "{flat}"
    );
}

/// A follow-up says when the request was due and by which rule: the
/// earlier letter named no date. A 504 plan's records rest on FERPA.
#[test]
fn a_follow_up_says_when_the_request_was_due_and_why() {
    for (variant, due) in [
        (
            "ma",
            "was due within ten days, by February 12, 2026 (603 CMR 23.07(2)). I have had no answer, and it is now 67 days past that date.",
        ),
        ("ca", "was due within 5 business days, by February 9, 2026 (Ed Code 56504)."),
        ("la", "was due within 45 days, by March 19, 2026"),
        (
            "ca-504",
            "was due within 45 days, by March 19, 2026 (20 U.S.C. 1232g(a)(1)(A)). I have had no answer, and it is now 32 days past that date.",
        ),
    ] {
        let (_tmp, dir) = letter_case(variant);
        let flat = sent(&dir, "follow-up", &[]);
        assert!(!flat.contains(&no_ws("asked for an answer by")), "{variant}: {flat}");
        assert!(flat.contains(&no_ws(due)), "{variant}: {flat}");
        assert!(
            flat.contains(&no_ws("Please send me the records before the meeting on May 12, 2026.")),
            "{variant}: {flat}"
        );
        if variant == "ca-504" {
            assert!(!flat.contains("56504") && !flat.contains("February9"), "{flat}");
        }
    }
    // A letter that recorded its own reply date: that date is the one it asked for.
    let (_tmp, dir) = letter_case("ma");
    let path = dir.join("letters/2026-02-02-records-request.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{yaml}\nreply_by: 2026-02-20\n")).unwrap();
    let (_, pdf) = letter(&dir, "follow-up", &[]);
    let flat = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(flat.contains(&no_ws("of February 2, 2026 asked for an answer by February 20, 2026.")), "{flat}");
}

/// A request for notice names changes without one; with none left, it declines as other types do.
#[test]
fn a_pwn_request_without_a_change_lacking_notice_is_declined() {
    let (_tmp, dir) = letter_case("ma");
    let path = dir.join("notices/2026-01-05.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    fs::write(&path, yaml.replace("covers: [services.reading]", "covers: [all]")).unwrap();
    let (out, pdf) = letter(&dir, "pwn-request", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text_of(&out));
    assert!(pdf.is_none());
    assert!(text_of(&out).contains("objection"), "{}", text_of(&out));
    let (out, _) = letter(&dir, "objection", &[]);
    assert!(out.status.success(), "{}", text_of(&out));
}

/// A 504 plan's records come before the scheduled 504 meeting, and never after FERPA's date.
#[test]
fn a_504_records_request_asks_for_the_records_before_the_meeting() {
    let (_tmp, dir) = letter_case("ca-504");
    let flat = sent(&dir, "records-request", &[]);
    // The open request of February 2 was due under FERPA: it is asked for at once;
    // the parent's next step is dated before the meeting.
    assert!(
        flat.contains(&no_ws(
            "Please send the records without further delay: my request of February 2, 2026 was due by March 19, 2026."
        )),
        "{flat}"
    );
    assert!(flat.contains(&no_ws("If I do not have the records by May 11, 2026")), "{flat}");
    assert!(!flat.contains("June4"), "{flat}");
    fs::remove_file(dir.join("meetings/2026-05-12.yaml")).unwrap();
    let (_, pdf) = letter(&dir, "records-request", &[]);
    assert!(no_ws(&pdf_text(&pdf.unwrap())).contains(&no_ws("If I do not have the records by June 4, 2026")));
}

#[test]
fn greetings_follow_salutation_and_titles() {
    let (_tmp, dir) = letter_case("oh");
    let (_, pdf) = letter(&dir, "data-request", &["--to", "principal"]);
    assert!(no_ws(&pdf_text(&pdf.unwrap())).contains("DearDr.Ortiz,"));
    let (_, pdf) = letter(&dir, "mediation-request", &[]);
    let text = pdf_text(&pdf.unwrap());
    assert!(no_ws(&text).contains("DearMr.Patel,"), "{text}");
    // District staff are written to at the district's address.
    assert!(no_ws(&text).contains("1CivicPlaza"), "{text}");
    assert!(no_ws(&text).contains(&no_ws("voluntary")), "{text}");
}

#[test]
fn a_504_plan_is_written_under_section_504() {
    let (_tmp, dir) = letter_case("ca-504");
    for letter_type in LETTER_TYPES {
        let (out, pdf) = letter(&dir, letter_type, &[]);
        if NOT_FOR_504.contains(&letter_type) {
            assert_eq!(out.status.code(), Some(2), "{letter_type}: {}", text_of(&out));
            assert!(text_of(&out).contains("504"), "{letter_type}: one sentence says why: {}", text_of(&out));
            assert!(pdf.is_none());
            continue;
        }
        assert!(out.status.success(), "{letter_type}: {}", text_of(&out));
        let pdf = pdf.unwrap();
        let text = pdf_text(&pdf);
        assert_voice(letter_type, &text);
        assert_no_ids(letter_type, &text, &case_ids(&dir));
        assert_body_fits(letter_type, &pdf);
        assert_pages(letter_type, &pdf);
        let flat = no_ws(&text);
        assert!(flat.contains("Noah"), "504 {letter_type}: {text}");
        for bad in ["IEP", "CFR300.", "EdCode", "CMR"] {
            assert!(!flat.contains(bad), "504 {letter_type}: {bad} in {text}");
        }
    }
    let (_, pdf) = letter(&dir, "records-request", &[]);
    let flat = no_ws(&pdf_text(&pdf.unwrap()));
    assert!(flat.contains(&no_ws("34 CFR 104.36 and 20 U.S.C. 1232g(a)(1)(A)")), "{flat}");
}

#[test]
fn build_writes_the_letters_of_the_findings_and_skips_what_a_504_plan_declines() {
    let (_tmp, dir) = letter_case("ca-504");
    let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
    assert!(out.status.success(), "{}", text_of(&out));
    let names: Vec<String> =
        fs::read_dir(dir.join("out")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    for declined in NOT_FOR_504 {
        assert!(!names.contains(&format!("letter-{declined}.pdf")), "{names:?}");
    }
    assert!(names.contains(&"letter-objection.pdf".to_string()), "{names:?}");
}

/// What `iep build` writes for each state and the 504 plan (the objection
/// and the draft request among them): every letter read as mailed, and the
/// report naming each letter the build wrote.
#[test]
fn build_letters_of_every_state_read_as_mailed_and_the_report_names_them() {
    for variant in ["ma", "ca", "la", "oh", "tx", "ca-504"] {
        let (_tmp, dir) = letter_case(variant);
        let out = iep(&["build", dir.to_str().unwrap(), "--as-of", AS_OF]);
        assert!(out.status.success(), "{variant}: {}", text_of(&out));
        let ids = case_ids(&dir);
        let report_text = pdf_text(&fs::read(dir.join("out/report.pdf")).unwrap());
        // Each letter of the report's list on its own line.
        for line in report_text.lines() {
            assert!(line.matches("(acts on").count() <= 1, "{variant}: two letters on one line: {line:?}");
        }
        let report = no_ws(&report_text);
        let mut written = Vec::new();
        for entry in fs::read_dir(dir.join("out")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(letter_type) = name.strip_prefix("letter-").and_then(|n| n.strip_suffix(".pdf")) else {
                continue;
            };
            let what = format!("{variant} build {letter_type}");
            let pdf = fs::read(&path).unwrap();
            let text = pdf_text(&pdf);
            assert_voice(&what, &text);
            assert_no_ids(&what, &text, &ids);
            if letter_type != "state-complaint" {
                assert_body_fits(&what, &pdf);
                assert_pages(&what, &pdf);
            }
            let title = iep_model::LetterType::ALL.into_iter().find(|t| t.as_str() == letter_type).map(|t| t.title());
            let title = title.unwrap_or_else(|| panic!("{what}: not a letter type"));
            assert!(report.contains(&no_ws(title)), "{what}: the report does not name {title:?}\n{report}");
            written.push(letter_type.to_string());
        }
        let expected: &[&str] = if variant == "ca-504" { &["objection"] } else { &["objection", "draft-request"] };
        for letter_type in expected {
            assert!(written.iter().any(|w| w == letter_type), "{variant}: {written:?}");
        }
    }
}

/// The text of every letter of the sample, as a parent would read it.
#[test]
fn sample_letters_read_as_mailed() {
    let (_tmp, dir) = maya_copy();
    for letter_type in LETTER_TYPES {
        let (out, pdf) = letter(&dir, letter_type, &[]);
        let text = match pdf {
            Some(pdf) => {
                let text = pdf_text(&pdf);
                assert_voice(letter_type, &text);
                text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
            }
            None => format!("exit {:?}: {}", out.status.code(), text_of(&out).trim()),
        };
        insta::assert_snapshot!(format!("maya-{letter_type}"), text);
    }
}
