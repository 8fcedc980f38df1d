//! The meeting packet as a parent takes it into a meeting, read back from the
//! PDF: the parent's voice, no private entry, at most ten pages for the
//! sample, whole minutes, a draft compared with the terms in force, answers
//! that came late, and a snapshot of the sample's text.

use std::fs;
use std::path::Path;

mod common;
use common::{iep, maya_copy, no_ws};

const AS_OF: &str = "2026-04-20";

/// `iep packet` on `dir`; the PDF's bytes.
fn packet(dir: &Path) -> Vec<u8> {
    let target = dir.join("out/packet-test.pdf");
    let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", target.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "iep packet failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    fs::read(&target).expect("the packet is written")
}

fn text_of(pdf: &[u8]) -> String {
    common::pdf::pdf_text(pdf)
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).expect("the PDF parses").get_pages().len()
}

fn shows(text: &str, needle: &str) -> bool {
    no_ws(text).contains(&no_ws(needle))
}

/// Whether `text` holds a date written as `2026-02-09`.
fn has_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9))
        .any(|i| (0..10).all(|k| if k == 4 || k == 7 { b[i + k] == b'-' } else { b[i + k].is_ascii_digit() }))
}

/// The text from the heading `from` up to the heading `to`.
fn between(text: &str, from: &str, to: &str) -> String {
    let start = text.find(from).unwrap_or_else(|| panic!("no {from:?} in the text"));
    let end = text[start..].find(to).map_or(text.len(), |at| start + at);
    text[start..end].to_owned()
}

#[test]
fn the_sample_packet_fits_ten_pages_in_the_parents_voice() {
    let (_tmp, dir) = maya_copy();
    let pdf = packet(&dir);
    assert!(pages(&pdf) <= 10, "the sample's packet runs {} pages", pages(&pdf));
    let text = text_of(&pdf);
    // The parent speaks: "I", "my"; the tool never tells the parent "you".
    assert!(shows(&text, "My concerns"), "{text}");
    assert!(shows(&text, "I did not agree to this change"), "{text}");
    assert!(shows(&text, "Nobody: I did not sign it, and no meeting agreed to it."), "{text}");
    for tool_voice in
        ["you did not sign", "You did not sign", "Your request", "your letter", "you rejected", "Your notes"]
    {
        assert!(!shows(&text, tool_voice), "{tool_voice:?} is in the packet:\n{text}");
    }
    // Dates written out, and no file names or debugging text.
    assert!(!has_iso_date(&text), "an ISO date is in the packet:\n{text}");
    for machine in [".yaml", "services.speech", "Rejected: no", "(code"] {
        assert!(!shows(&text, machine), "{machine:?} is in the packet:\n{text}");
    }
    // The tool's own doubt about a rule stays out of the packet.
    assert!(!shows(&text, "without a kind"), "{text}");
    // So does which log the tool counts: the team reads what each log says.
    assert!(!shows(&text, "is the one counted"), "{text}");
    assert!(shows(&text, "but Maya's account says it was missed."), "{text}");
}

#[test]
fn minutes_are_whole_and_each_service_says_its_owed_minutes_once() {
    let (_tmp, dir) = maya_copy();
    let text = text_of(&packet(&dir));
    let services = between(&text, "Required against delivered", "Progress on the goals");
    // No fraction of a minute anywhere in the services.
    let squashed = services.split_whitespace().collect::<Vec<_>>();
    for pair in squashed.windows(2) {
        if pair[1].starts_with("minute") {
            assert!(!pair[0].contains('.'), "a fraction of a minute: {pair:?}");
        }
    }
    // Correctly rounded shares: 150 of 228 is 65.8%, printed 66%.
    assert!(shows(&services, "150 (66%)"), "{services}");
    // Months delivered in full are one line, not a row each, named by their
    // weeks; February and March are short under the IEP I accepted, so not "in full".
    assert!(
        shows(
            &services,
            "Delivered in full: September 1 to October 3, 2025; November 3 to 28, 2025; December 1, 2025 to January 2, 2026."
        ),
        "{services}"
    );
    // The concern and the agenda use the same owed figure as the table, and
    // beside it the figure under the IEP I accepted (checks.md "As agreed").
    assert!(shows(&text, "Speech-language therapy: 150 minutes were not delivered"), "{text}");
    assert!(shows(&text, "Under the plan I accepted, 360 minutes are owed."), "{text}");
    assert!(
        shows(
            &text,
            "Speech-language therapy (360 minutes owed under the plan I accepted, 150 under the change I did not agree to)"
        ),
        "{text}"
    );
    assert!(
        shows(&services, "Owed: 150 minutes under the plan in force; 360 minutes under the plan I accepted."),
        "{services}"
    );
    assert!(
        shows(&services, "I accepted 2 x 30 min per week (60 min), and did not agree to the change made by"),
        "{services}"
    );
    // No question or agenda item concedes the lower figure alone.
    assert!(!shows(&text, "(150 minutes owed)"), "{text}");
    assert!(!shows(&text, "the 150 minutes of speech"), "{text}");
    assert!(
        shows(&text, "the 360 minutes of speech-language therapy owed under the plan I accepted (150 under"),
        "{text}"
    );
    // One letter is one count: not "1 waiting for an answer, 1 overdue".
    assert!(shows(&text, "My open requests: 1 letter overdue."), "{text}");
    // A month under way gives no share of a partial requirement (no "143%").
    assert!(!services.contains("143%"), "{services}");
    assert!(shows(&services, "42 so far"), "{services}");
}

#[test]
fn private_entries_never_reach_the_packet() {
    let (_tmp, dir) = maya_copy();
    let home = dir.join("log/home.yaml");
    let mut notes = fs::read_to_string(&home).unwrap();
    notes.push_str("  - {date: 2026-03-15, note: PRIVATE-HOME-NOTE she cried about her brother, private: true}\n");
    fs::write(&home, notes).unwrap();
    let log = dir.join("log/communications.yaml");
    let mut entries = fs::read_to_string(&log).unwrap();
    entries.push_str(
        "  - {date: 2026-03-16, with: teacher, via: phone, summary: PRIVATE-CALL about our family, private: true}\n",
    );
    entries.push_str("  - {date: 2026-03-17, with: teacher, via: phone, summary: SHARED-CALL about reading groups}\n");
    fs::write(&log, entries).unwrap();

    let text = text_of(&packet(&dir));
    assert!(!shows(&text, "PRIVATE-HOME-NOTE"), "{text}");
    assert!(!shows(&text, "PRIVATE-CALL"), "{text}");
    assert!(shows(&text, "SHARED-CALL about reading groups"), "{text}");
}

#[test]
fn a_draft_is_compared_with_the_terms_in_force() {
    let (_tmp, dir) = maya_copy();
    let amendment = fs::read_to_string(dir.join("iep/2026-02-09.yaml")).unwrap();
    let draft = amendment
        .replace("id: iep-2025-amend1", "id: iep-2026-draft\nstatus: draft")
        .replace("effective: 2026-02-09", "effective: 2026-05-04")
        .replace("meeting: 2026-01-27\n", "")
        .replace("amount: 5 x 45 min per week", "amount: 3 x 45 min per week")
        .replace("  - {id: A5, text: Test directions read aloud}\n", "")
        .replace("  - {id: A6,", "  - {id: A7, text: A copy of the class notes for each lesson}\n  - {id: A6,");
    assert_ne!(draft, amendment);
    fs::write(dir.join("iep/2026-05-04-draft.yaml"), draft).unwrap();

    let pdf = packet(&dir);
    let text = text_of(&pdf);
    let section = between(&text, "The draft on the table", "Services");
    assert!(shows(&section, "The draft IEP amendment proposed to take effect May 4, 2026"), "{section}");
    assert!(shows(&section, "it would cut 2, add 1 and change 0 items"), "{section}");
    assert!(shows(&section, "5 x 45 min per week (225 min)"), "{section}");
    assert!(shows(&section, "3 x 45 min per week (135 min)"), "{section}");
    assert!(shows(&section, "Test directions read aloud"), "{section}");
    assert!(shows(&section, "A copy of the class notes for each lesson"), "{section}");
    // The draft is never in force: the services still count 5 x 45.
    assert!(shows(&text, "In the plan: 5 x 45 min per week."), "{text}");
}

#[test]
fn answers_that_came_late_are_listed_with_how_late() {
    let (_tmp, dir) = maya_copy();
    let letter = dir.join("letters/2026-02-12-records-request.yaml");
    let text = fs::read_to_string(&letter)
        .unwrap()
        .replace("response: null", "response: {date: 2026-03-02, summary: Records sent.}");
    fs::write(&letter, text).unwrap();

    let text = text_of(&packet(&dir));
    let late = between(&text, "Answers that came late", "What I saw at home");
    for needed in ["February 12, 2026", "February 22, 2026", "March 2, 2026", "8 days late", "603 CMR 23.07(2)"] {
        assert!(shows(&late, needed), "{needed:?} missing:\n{late}");
    }
}

#[test]
fn the_sample_packet_text() {
    let (_tmp, dir) = maya_copy();
    let text = text_of(&packet(&dir));
    insta::assert_snapshot!("sample_packet", text);
}

#[test]
fn a_target_lowered_without_agreement_is_stated_and_charted_beside_the_agreed_one() {
    let (_tmp, dir) = maya_copy();
    let text = text_of(&packet(&dir));
    // G3's target went from 80 to 60 in the amendment nobody agreed to.
    let progress = &text[text.find("Progress on the goals\n").expect("a progress section")..];
    let g3 = &between(progress, "The goal in Social - peer interaction \n", "The goal in Written expression \n");
    assert!(shows(g3, "Target: 60 by June 15, 2026"), "{g3}");
    assert!(shows(g3, "On pace."), "{g3}");
    assert!(shows(g3, "Target the parent agreed to (changed without agreement): 80 by June 15, 2026"), "{g3}");
    assert!(shows(g3, "Not on pace against it."), "{g3}");
    assert!(shows(g3, "short of the target of 80"), "{g3}");
    // The chart draws both lines.
    assert!(shows(g3, "target 60") && shows(g3, "agreed 80"), "{g3}");
    // A goal whose target nobody moved states one target.
    let g1 = &between(progress, "The goal in Speech - articulation \n", "The goal in Reading - fluency \n");
    assert!(shows(g1, "Target: 80") && !shows(g1, "agreed"), "{g1}");
}

/// The sample's `services/home.yaml` holds only what Maya said (`source:
/// child`): the packet names it as the parent's notes, never as the school's
/// service log.
#[test]
fn a_log_the_family_kept_is_not_titled_as_the_schools() {
    let (_tmp, dir) = maya_copy();
    let text = text_of(&packet(&dir));
    assert!(
        shows(&text, "My notes of what Maya told me about the services, November 4, 2025 to March 10, 2026"),
        "{text}"
    );
    assert!(!shows(&text, "Service log, November 4, 2025 to March 10, 2026"), "{text}");
}

/// Issue 22 item 12: a value no chart can draw is a located error naming the
/// case file and field, never a line of the chart template; the largest
/// values a case may hold, and a baseline far beyond its target, chart.
#[test]
fn a_value_no_chart_can_draw_names_the_case_file_and_field() {
    let report = "progress/2025-11-14.yaml";
    for (value, charts) in [
        ("1.7e308", false),
        ("-1.7e308", false),
        ("1e12", true),
        ("-1e12", true),
        ("1e-300", true),
        ("-0.000001", true),
    ] {
        let (_tmp, dir) = maya_copy();
        let path = dir.join(report);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(&path, text.replacen("value: 48", &format!("value: {value}"), 1)).unwrap();
        // A baseline far beyond its target, too.
        for version in ["iep/2025-09-15.yaml", "iep/2026-02-09.yaml"] {
            let iep_path = dir.join(version);
            let iep_text = fs::read_to_string(&iep_path).unwrap();
            assert!(iep_text.contains("baseline: {value: 35,"), "the sample's baseline moved");
            fs::write(&iep_path, iep_text.replacen("baseline: {value: 35,", "baseline: {value: 999999999999,", 1))
                .unwrap();
        }
        let target = dir.join("out/packet-test.pdf");
        let out = iep(&["packet", dir.to_str().unwrap(), "--as-of", AS_OF, "-o", target.to_str().unwrap()]);
        let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!said.contains("charts.typ") && !said.contains("Typst"), "{value}: {said}");
        if charts {
            assert!(out.status.success(), "{value}: {said}");
            assert!(target.is_file(), "{value}: no packet");
        } else {
            assert!(!out.status.success(), "{value}: accepted");
            assert!(said.contains(&format!("{report}:6:12")), "{value}: the file and line are named: {said}");
            assert!(said.contains("value:"), "{value}: the field's line is quoted: {said}");
            assert!(!target.exists(), "{value}: a packet was written");
        }
    }
}
