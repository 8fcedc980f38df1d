//! Behaviour of the diff, the agreement rules and the progress analysis.

use iep_model::{Direction, Plan};

use crate::*;
use iep_testkit::*;

/// The maya shape: an amendment that cuts speech, edits A1 and G3, and adds
/// A6; a meeting agreed to A6 and OT, a notice covered them.
fn amended_case() -> iep_model::Case {
    let mut first = version("iep-2025", "2025-09-15");
    first.parent_signed = Some(d("2025-09-12"));
    first.services = vec![
        service("speech", "Speech-language therapy", "2 x 30 min per week"),
        service("ot", "Occupational therapy", "30 minutes once weekly"),
    ];
    first.goals = vec![goal("G3", "Maya will initiate an interaction in 80% of observed opportunities.", 30.0, 80.0)];
    first.accommodations = vec![
        accommodation("A1", "Extended time (1.5x) on tests and quizzes"),
        accommodation("A2", "Preferential seating"),
    ];
    let mut second = first.clone();
    second.id = "iep-2025-amend1".into();
    second.effective = d("2026-02-09");
    second.parent_signed = None;
    second.amends = Some("iep-2025".into());
    second.services[0].amount = iep_model::Amount::parse("1 x 30 min per week").unwrap();
    second.services[1].setting = Some("consult".into());
    second.goals[0].statement = "Maya will initiate an interaction in 60% of observed opportunities.".into();
    second.goals[0].target.as_mut().unwrap().value = Some(60.0);
    second.accommodations[0].text = "Extended time on tests and quizzes when appropriate".into();
    second.accommodations.push(accommodation("A6", "Text-to-speech software"));
    CaseBuilder::new()
        .versions([first, second])
        .meeting(meeting("2026-01-27", &["accommodations.A6", "services.ot"]))
        .notice(notice("2026-02-05", &["services.ot", "accommodations.A6"]))
        .build()
}

fn summary(changes: &CaseChanges) -> Vec<(String, ChangeKind, bool, bool)> {
    changes
        .versions
        .iter()
        .flat_map(|v| v.changes.iter())
        .map(|c| (c.change.path.to_string(), c.change.kind, c.agreement.agreed(), c.agreement.noticed()))
        .collect()
}

#[test]
fn amendment_changes_and_who_agreed() {
    let case = amended_case();
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert_eq!(changes.versions.len(), 1, "the first version has nothing before it");
    assert_eq!(
        summary(&changes),
        [
            ("services.speech".to_owned(), ChangeKind::Changed, false, false),
            ("services.ot".to_owned(), ChangeKind::Changed, true, true),
            ("goals.G3".to_owned(), ChangeKind::Changed, false, false),
            ("accommodations.A1".to_owned(), ChangeKind::Changed, false, false),
            ("accommodations.A6".to_owned(), ChangeKind::Added, true, true),
        ]
    );
    let speech = &changes.versions[0].changes[0].change;
    assert_eq!(
        speech.describe(),
        "Speech-language therapy went from 2 x 30 min per week (60 min) to 1 x 30 min per week (30 min)"
    );
    assert_eq!(speech.fields[0].trend, Some(Trend::Reduced));
    let g3 = &changes.versions[0].changes[2].change;
    assert_eq!(g3.field(Field::TargetValue).unwrap().trend, Some(Trend::LowerBar));
    assert_eq!(
        g3.describe(),
        "The wording of the goal in Reading went from \u{201c}Maya will initiate an interaction in 80% of observed opportunities.\u{201d} \
to \u{201c}Maya will initiate an interaction in 60% of observed opportunities.\u{201d} and its target went from 80 to 60 (an easier target)"
    );
    assert_eq!(changes.versions[0].window.from, d("2025-09-16"));
}

#[test]
fn a_signature_agrees_and_a_rejection_overrides_a_meeting() {
    let mut case = amended_case();
    case.versions[1].value.parent_signed = Some(d("2026-02-10"));
    case.versions[1].value.parent_rejected = refs(&["services.ot"]);
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    let agreed: Vec<(String, bool)> =
        summary(&changes).into_iter().map(|(path, _, agreed, _)| (path, agreed)).collect();
    assert!(agreed.contains(&("services.speech".to_owned(), true)));
    assert!(agreed.contains(&("services.ot".to_owned(), false)), "rejected in writing, whatever the meeting said");
    // A signature after the as-of date does not count yet.
    let early = CaseChanges::of(&case, d("2026-02-09"));
    assert!(!early.versions[0].changes[0].agreement.agreed());
}

#[test]
fn meetings_and_notices_outside_the_window_do_not_count() {
    let mut case = amended_case();
    case.meetings = vec![meeting("2025-09-15", &["all"])];
    case.notices = vec![notice("2026-02-10", &["all"])];
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert!(summary(&changes).iter().all(|(_, _, agreed, noticed)| !agreed && !noticed));
    case.meetings = vec![meeting("2025-09-16", &["all"])];
    case.notices = vec![notice("2026-02-09", &["all"])];
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert!(summary(&changes).iter().all(|(_, _, agreed, noticed)| *agreed && *noticed));
}

#[test]
fn a_renamed_id_is_no_change_and_either_path_covers() {
    let mut case = amended_case();
    case.versions[1].value.services[0] = service("slp", "Speech-language therapy", "2 x 30 min per week");
    case.versions[1].value.accommodations[0] = accommodation("A9", "Extended time (1.5x) on tests and quizzes.");
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    let paths: Vec<String> = summary(&changes).into_iter().map(|s| s.0).collect();
    assert!(!paths.contains(&"services.speech".to_owned()), "{paths:?}");
    // A9 differs by a full stop: one change, reported under the old path.
    let a1 = changes.versions[0].changes.iter().find(|c| c.change.path.to_string() == "accommodations.A1").unwrap();
    assert_eq!(a1.change.new_path.as_ref().unwrap().to_string(), "accommodations.A9");
    case.meetings = vec![meeting("2026-01-27", &["accommodations.A9"])];
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    let a1 = changes.versions[0].changes.iter().find(|c| c.change.path.to_string() == "accommodations.A1").unwrap();
    assert!(a1.agreement.agreed(), "the new path covers the change");
}

#[test]
fn white_space_and_amount_forms_are_not_changes() {
    let mut old = version("a", "2025-09-15");
    old.services = vec![service("s", "Speech", "60 min per week")];
    old.accommodations = vec![accommodation("A1", "Breaks  between\n tasks")];
    let mut new = old.clone();
    new.amends = Some("a".into());
    new.services[0].amount = iep_model::Amount::parse("1 x 60 min per week").unwrap();
    new.accommodations[0].text = " Breaks between tasks ".into();
    assert!(compare_versions(&old, &new).is_empty());
    new.services[0].amount = iep_model::Amount::parse("2 x 30 min per week").unwrap();
    let changes = compare_versions(&old, &new);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].fields[0].trend, None, "same minutes, other shape");
}

#[test]
fn dates_compare_only_where_both_state_them_and_not_in_a_new_annual_plan() {
    let mut old = version("a", "2025-09-15");
    old.services = vec![service("s", "Speech", "60 min per week")];
    old.services[0].end = Some(d("2026-06-19"));
    let mut new = old.clone();
    new.amends = Some("a".into());
    new.services[0].end = None;
    assert!(compare_versions(&old, &new).is_empty(), "end left out in one version");
    new.services[0].end = Some(d("2026-03-01"));
    let changes = compare_versions(&old, &new);
    assert_eq!(changes[0].fields[0].field, Field::End);
    assert_eq!(changes[0].fields[0].trend, Some(Trend::Earlier));
    new.amends = None;
    assert!(compare_versions(&old, &new).is_empty(), "a new annual plan moves dates");
}

#[test]
fn added_and_removed_items_are_changes() {
    let mut old = version("a", "2025-09-15");
    old.services = vec![service("s", "Speech-language therapy", "2 x 30 min per week")];
    let mut new = old.clone();
    new.services = vec![service("o", "Occupational therapy", "1 x 30 min per week")];
    let changes = compare_versions(&old, &new);
    let kinds: Vec<ChangeKind> = changes.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ChangeKind::Removed, ChangeKind::Added]);
    assert_eq!(
        changes[0].describe(),
        "Speech-language therapy was removed (it was 2 x 30 min per week (60 min), pull-out, individual)"
    );
}

#[test]
fn direction_down_targets_read_the_other_way() {
    let mut old = version("a", "2025-09-15");
    let mut g = goal("G1", "Incidents per week will fall.", 8.0, 2.0);
    g.direction = Direction::Down;
    old.goals = vec![g];
    let mut new = old.clone();
    new.goals[0].target.as_mut().unwrap().value = Some(4.0);
    let changes = compare_versions(&old, &new);
    assert_eq!(changes[0].fields[0].trend, Some(Trend::LowerBar));
}

#[test]
fn an_amendment_that_only_moves_the_end_changes_no_undated_target() {
    let mut case = amended_case();
    let mut moved = case.versions[0].value.clone();
    moved.id = "moved".into();
    moved.effective = d("2026-03-01");
    moved.amends = Some("iep-2025".into());
    moved.end = Some(d("2026-10-01"));
    moved.parent_signed = None;
    case.versions.truncate(1);
    case.versions.push(doc("iep/moved.yaml", moved.clone()));
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert_eq!(summary(&changes), [], "no goal's target was dated, so none moved");
    // A target dated on one side only is still compared with the other's end.
    case.versions[1].value.goals[0].target.as_mut().unwrap().by = Some(d("2026-06-15"));
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert_eq!(summary(&changes), [("goals.G3".to_owned(), ChangeKind::Changed, false, false)]);
}

#[test]
fn the_version_after_a_first_version_rejected_in_full_adds_every_item() {
    let mut case = amended_case();
    case.versions[0].value.parent_rejected = refs(&["all"]);
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert_eq!(changes.versions.len(), 1);
    let kinds: Vec<(String, ChangeKind)> =
        changes.versions[0].changes.iter().map(|c| (c.change.path.to_string(), c.change.kind)).collect();
    assert_eq!(kinds.len(), 2 + 1 + 3, "two services, one goal, three accommodations");
    assert!(kinds.iter().all(|(_, kind)| *kind == ChangeKind::Added), "{kinds:?}");
    assert_eq!(changes.versions[0].compared_with, "iep-2025");
}

#[test]
fn a_wholly_rejected_version_leaves_the_old_terms_to_compare_with() {
    let mut case = amended_case();
    case.versions[1].value.parent_rejected = refs(&["all"]);
    let mut third = case.versions[1].value.clone();
    third.id = "third".into();
    third.effective = d("2026-03-01");
    third.parent_rejected = Default::default();
    case.versions.push(doc("iep/third.yaml", third));
    let changes = CaseChanges::of(&case, d("2026-04-20"));
    assert_eq!(changes.versions.len(), 2);
    assert!(changes.versions[0].changes.iter().all(|c| c.agreement.rejected));
    assert_eq!(changes.versions[1].compared_with, "iep-2025");
    assert_eq!(changes.versions[1].changes.len(), 5, "the third version repeats every change");
    assert_eq!(changes.versions[1].plan, Plan::Iep);
}

fn progress_case() -> iep_model::Case {
    let mut v = version("v", "2025-09-15");
    v.goals = vec![goal("G1", "Read.", 35.0, 80.0), goal("G2", "Read more.", 42.0, 90.0)];
    v.goals[0].baseline.as_mut().unwrap().date = Some(d("2025-09-01"));
    v.goals[0].target.as_mut().unwrap().by = Some(d("2026-06-15"));
    CaseBuilder::new()
        .version(v)
        .report(report("2025-11-14", "v", &[("G1", Some(48.0), "progressing", "a"), ("G2", Some(55.0), "", "")]))
        .report(report("2026-01-30", "v", &[("G1", Some(50.0), "progressing", "a"), ("G2", Some(63.0), "", "")]))
        .report(report("2026-04-10", "v", &[("G1", Some(47.0), "on track", "b"), ("G2", None, "", "")]))
        .build()
}

#[test]
fn progress_projection_pace_and_stall() {
    let case = progress_case();
    let analysis = ProgressAnalysis::of(&case, d("2026-04-20"));
    let g1 = analysis.goal("G1").unwrap();
    assert_eq!(g1.stalled, Some(true), "47 is no gain over 48");
    assert_eq!(g1.on_pace, Some(false));
    // 35 + 12 x 287 / 221 days.
    assert!((g1.projection.unwrap() - (35.0 + 12.0 * 287.0 / 221.0)).abs() < 1e-9);
    let g2 = analysis.goal("G2").unwrap();
    // No baseline date: the version's effective; no target date: the version's end.
    assert_eq!(g2.baseline.unwrap().date, d("2025-09-15"));
    assert_eq!(g2.target_by, Some(d("2026-09-14")));
    assert_eq!(g2.latest.unwrap().value, 63.0);
    assert_eq!(g2.stalled, None, "two values only");
}

#[test]
fn direction_down_improving_is_on_pace() {
    let mut case = progress_case();
    let g = &mut case.versions[0].value.goals[0];
    g.direction = Direction::Down;
    g.baseline.as_mut().unwrap().value = Some(10.0);
    g.target.as_mut().unwrap().value = Some(2.0);
    case.reports.truncate(1);
    case.reports[0].value.goals[0].value = Some(6.0);
    let analysis = ProgressAnalysis::of(&case, d("2026-04-20"));
    assert_eq!(analysis.goal("G1").unwrap().on_pace, Some(true));
    // After the target date only the latest value counts: 6 has not reached 2.
    let late = ProgressAnalysis::of(&case, d("2026-07-01"));
    assert_eq!(late.goal("G1").unwrap().on_pace, Some(false));
}

#[test]
fn a_goal_without_baseline_is_not_judged_for_pace() {
    let mut case = progress_case();
    case.versions[0].value.goals[0].baseline = None;
    let analysis = ProgressAnalysis::of(&case, d("2026-04-20"));
    assert_eq!(analysis.goal("G1").unwrap().on_pace, None);
}

#[test]
fn report_diff_compares_values_statuses_and_narratives() {
    let case = progress_case();
    let (a, b) = (&case.reports[1], &case.reports[2]);
    let diff = report_diff(a, &a.path, b, &b.path);
    assert_eq!(diff.goals[0].value_before, Some(50.0));
    assert_eq!(diff.goals[0].value_after, Some(47.0));
    assert_eq!(diff.goals[0].narrative_similarity, Some(0.0));
    assert_eq!(diff.goals[1].narrative_similarity, None, "empty narratives are never compared");
}

#[test]
fn a_yearly_amount_is_compared_over_the_calendar_s_school_weeks() {
    let mut old = version("a", "2025-09-15");
    old.services = vec![service("s", "Speech", "360 min per year")];
    let mut new = old.clone();
    new.amends = Some("a".into());
    new.services[0].amount = iep_model::Amount::parse("10 min per week").unwrap();
    let trend = |weeks: SchoolWeeks| {
        let options = DiffOptions { compare_dates: true, weeks };
        diff(&Side::of_version(&old), &Side::of_version(&new), options)[0].fields[0].trend
    };
    // Without a calendar a year is 36 weeks: 10 a week either way.
    assert_eq!(trend(SchoolWeeks::default()), None);
    // Over a calendar's 40 school weeks the old amount was 9 a week.
    assert_eq!(trend(SchoolWeeks { year: Some(40), term: None }), Some(Trend::Increased));
    // The message restates the new amount over the same weeks.
    let options = DiffOptions { compare_dates: true, weeks: SchoolWeeks { year: Some(40), term: None } };
    let described = diff(&Side::of_version(&old), &Side::of_version(&new), options)[0].describe();
    assert!(described.contains("about 400 min per year"), "{described}");
    let described = diff(&Side::of_version(&old), &Side::of_version(&new), DiffOptions::default())[0].describe();
    assert!(described.contains("about 360 min per year"), "{described}");
}

#[test]
fn a_target_lowered_without_agreement_is_also_paced_against_the_agreed_one() {
    let mut case = progress_case();
    // An amendment nobody signed lowers G2's target from 110 to 60; the line
    // from 42 through 63 reaches about 97.8 by the target date.
    case.versions[0].value.goals[1].target.as_mut().unwrap().value = Some(110.0);
    let mut cut = case.versions[0].value.clone();
    cut.id = "v2".into();
    cut.effective = d("2026-02-01");
    cut.amends = Some("v".into());
    cut.parent_signed = None;
    cut.goals[1].target.as_mut().unwrap().value = Some(60.0);
    case.versions.push(iep_model::Doc { path: "iep/v2.yaml".into(), value: cut });
    let history = iep_model::TermsHistory::new(&case);
    let unagreed = CaseChanges::with_terms(&case, d("2026-04-20"), &history).unagreed();
    assert!(!unagreed.is_empty());
    let agreed = iep_model::TermsHistory::agreed(&case, &unagreed);
    let analysis = ProgressAnalysis::with_agreed(&case, d("2026-04-20"), &history, agreed.as_ref());
    let g2 = analysis.goal("G2").unwrap();
    assert_eq!(g2.target, Some(60.0));
    assert_eq!(g2.on_pace, Some(true), "63 already passes the lowered 60");
    let against = g2.as_agreed.expect("the agreed target differs");
    assert_eq!(against.target, Some(110.0));
    assert_eq!(against.on_pace, Some(false));
    // G1's target did not change: nothing against the agreed terms.
    assert_eq!(analysis.goal("G1").unwrap().as_agreed, None);
    // Without agreed terms the analysis is as before.
    let plain = ProgressAnalysis::with_terms(&case, d("2026-04-20"), &history);
    assert_eq!(plain.goal("G2").unwrap().as_agreed, None);
}
