use proptest::prelude::*;

use super::*;

fn canon(text: &str) -> String {
    Amount::parse(text).map(|a| a.to_string()).unwrap_or_else(|e| format!("error: {}", e.message))
}

fn dose(text: &str) -> Dose {
    Amount::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}")).dose.unwrap()
}

fn fails(text: &str) -> AmountError {
    match Amount::parse(text) {
        Ok(a) => panic!("`{text}` read as {a}"),
        Err(e) => e,
    }
}

#[test]
fn accepts_every_form_of_the_spec() {
    let cases = [
        ("2 x 30 min per week", "2 x 30 min per week"),
        ("60 min per week", "60 min per week"),
        ("1 x 45 min per month", "1 x 45 min per month"),
        ("3 x 20 min per day", "3 x 20 min per day"),
        ("30 minutes two times per week", "2 x 30 min per week"),
        ("3 sessions weekly for 20 minutes each", "3 x 20 min per week"),
        ("15 minutes once monthly", "1 x 15 min per month"),
        ("Twice weekly for 30 minutes each session for 3 out of 4 weeks", "2 x 30 min per week for 3 out of 4 weeks"),
        ("1.5 hours / week", "90 min per week"),
        ("2x30min/6-day cycle", "2 x 30 min per 6-day cycle"),
        ("1/week", "1 session per week"),
        ("3 x 15 min per year", "3 x 15 min per year"),
        ("15 minutes, four times per week", "4 x 15 min per week"),
        ("four times per month at 25 minutes per session", "4 x 25 min per month"),
        ("three sessions per week, 25 minutes each", "3 x 25 min per week"),
        ("one session per week", "1 session per week"),
        ("three times per week", "3 sessions per week"),
        ("three 25 minute sessions per week", "3 x 25 min per week"),
        ("3 25-minute sessions per week", "3 x 25 min per week"),
        ("3 per year", "3 sessions per year"),
        ("2x/week", "2 sessions per week"),
        ("once weekly for 30 minutes per week", "1 x 30 min per week"),
        ("two 25 minute sessions five days per week", "10 x 25 min per week"),
        ("2-3 x 30 min per week", "2 x 30 min per week"),
        ("30-45 min per week", "30 min per week"),
        ("30 minutes 1 time(s) Daily", "1 x 30 min per day"),
        ("2 x 30 min per 6 day cycle", "2 x 30 min per 6-day cycle"),
    ];
    for (text, want) in cases {
        assert_eq!(canon(text), want, "{text}");
    }
}

#[test]
fn reads_each_count() {
    let cases = [
        ("2 x 30 min per week", Some(2)),
        ("2x 30 min per week", Some(2)),
        ("2 × 30 min per week", Some(2)),
        ("2 * 30 min per week", Some(2)),
        ("2 times 30 min per week", Some(2)),
        ("2 time(s) 30 min per week", Some(2)),
        ("2 TIME(S) 30 min per week", Some(2)),
        ("2 sessions 30 min per week", Some(2)),
        ("2 session(s) of 30 min per week", Some(2)),
        ("once 30 min per week", Some(1)),
        ("twice 30 min per week", Some(2)),
        ("twelve times 30 min per year", Some(12)),
        ("eleven 30 minute sessions per year", Some(11)),
        ("30 min per week", None),
    ];
    for (text, want) in cases {
        assert_eq!(dose(text).sessions, want, "{text}");
    }
}

#[test]
fn reads_each_duration_in_whole_minutes() {
    let cases = [
        ("30 min per week", 30),
        ("30 mins per week", 30),
        ("1 minute per day", 1),
        ("30 MINUTES per week", 30),
        ("1 hour per week", 60),
        ("1.5 hours per week", 90),
        ("2 hrs per month", 120),
        ("1 hr per week", 60),
        ("2h per week", 120),
        ("one hour per week", 60),
        ("1.1 hours per week", 66),
        ("0.25 hours per day", 15),
    ];
    for (text, want) in cases {
        assert_eq!(dose(text).minutes, Some(want), "{text}");
    }
    let e = fails("2.5 min per week");
    assert_eq!(e.message, "`2.5` is not a whole number of minutes");
    assert_eq!(e.span, Some((0, 7)));
    assert!(e.help.contains("whole minutes"), "{e:?}");
    assert_eq!(fails("0.01 hours per week").message, "`0.6` is not a whole number of minutes");
    assert_eq!(fails("0 min per week").message, "`0` is not a usable duration");
}

#[test]
fn reads_each_period() {
    let cases = [
        ("30 min per day", Period::Day),
        ("30 min daily", Period::Day),
        ("30 min a day", Period::Day),
        ("30 min each day", Period::Day),
        ("30 min/day", Period::Day),
        ("30 min per week", Period::Weeks(1)),
        ("30 min weekly", Period::Weeks(1)),
        ("30 min WEEKLY", Period::Weeks(1)),
        ("30 min per 2 weeks", Period::Weeks(2)),
        ("30 min every other week", Period::Weeks(2)),
        ("30 min every 3 weeks", Period::Weeks(3)),
        ("30 min every two weeks", Period::Weeks(2)),
        ("30 min per month", Period::Month),
        ("30 min monthly", Period::Month),
        ("3 x 30 min per quarter", Period::Term(TermKind::Quarter)),
        ("3 x 30 min per trimester", Period::Term(TermKind::Trimester)),
        ("3 x 30 min a semester", Period::Term(TermKind::Semester)),
        ("30 min per year", Period::Year),
        ("30 min yearly", Period::Year),
        ("30 min annually", Period::Year),
        ("30 min per school year", Period::Year),
        ("30 min per 6-day cycle", Period::Cycle(6)),
        ("30 min per 6 day cycle", Period::Cycle(6)),
        ("30 min / 6-day cycle", Period::Cycle(6)),
    ];
    for (text, want) in cases {
        assert_eq!(dose(text).per, want, "{text}");
    }
}

#[test]
fn a_period_stated_twice_must_agree() {
    assert_eq!(dose("once weekly for 30 minutes per week").per, Period::Weeks(1));
    let e = fails("once weekly per month");
    assert_eq!(e.message, "the amount says both `per week` and `per month`");
    assert_eq!(e.span, Some((12, 9)));
}

#[test]
fn days_per_week_multiply_a_daily_count() {
    let d = dose("two 25 minute sessions five days per week");
    assert_eq!((d.sessions, d.minutes, d.per), (Some(10), Some(25), Period::Weeks(1)));
    assert_eq!(canon("30 minutes daily, five days a week"), "5 x 30 min per week");
    assert_eq!(canon("3 days/week"), "3 sessions per week");
    assert_eq!(
        fails("30 min per month 5 days per week").message,
        "`5 days per week` makes the amount weekly, but it also says `per month`"
    );
    assert_eq!(fails("30 min 8 days per week").message, "`8` is not a number of days in a week");
}

#[test]
fn whole_week_schedules_stay_distinct() {
    let d = dose("Twice weekly for 30 minutes each session for 3 out of 4 weeks");
    assert_eq!(d.schedule, Some(Schedule::OutOf { weeks: 3, of: 4 }));
    let d = dose("30 min per week for the first 2 weeks of each month");
    assert_eq!(d.schedule, Some(Schedule::FirstOfMonth { weeks: 2 }));
    assert_eq!(d.to_string(), "30 min per week for the first 2 weeks of each month");
    assert_eq!(
        canon("1 x 30 min per week for the first week of every month"),
        "1 x 30 min per week for the first week of each month"
    );
    assert_ne!(
        dose("30 min per week for 2 out of 4 weeks"),
        dose("30 min per week for the first 2 weeks of each month")
    );
    assert_eq!(
        fails("30 min per month for 3 out of 4 weeks").message,
        "`for 3 out of 4 weeks` applies only to a weekly amount, not one per month"
    );
    assert_eq!(
        fails("30 min per week for 5 out of 4 weeks").message,
        "`for N out of M weeks` needs whole numbers, N at most M"
    );
    assert_eq!(fails("30 min per week for 3 out of 4").message, "write the schedule as `for 3 out of 4 weeks`");
    assert!(fails("30 min per week for the first 9 weeks of each month").message.contains("N from 1 to 5"));
    assert!(fails("30 min per week for the first 2 weeks").message.contains("of each month"));
    assert!(Amount::parse("the first 3 weeks of each month").is_err());
}

#[test]
fn ranges_commit_to_the_lower_bound_and_say_so() {
    let a = Amount::parse("2-3 x 30 min per week").unwrap();
    assert_eq!(a.to_string(), "2 x 30 min per week");
    assert_eq!(a.ranges, [ReadRange { span: (0, 3), written: "2-3".into() }]);
    let a = Amount::parse("2 x 30-45 min per week").unwrap();
    assert_eq!(a.ranges[0].span, (4, 5));
    assert_eq!(a.ranges[0].written, "30-45");
    assert_eq!(Amount::parse("1-1.5 hours per week").unwrap().dose.unwrap().minutes, Some(60));
    assert!(Amount::parse("2 x 30 min per week").unwrap().ranges.is_empty());
    let e = fails("3-2 x 30 min per week");
    assert_eq!(e.message, "the range `3-2` runs backwards");
    assert_eq!(e.span, Some((0, 3)));
}

#[test]
fn as_needed_commits_to_nothing() {
    assert!(Amount::parse("as needed").unwrap().is_as_needed());
    assert!(Amount::parse("Consult as needed").unwrap().is_as_needed());
    assert_eq!(Amount::parse("consult, as needed").unwrap().to_string(), "as needed");
    assert!(Amount::parse("30 min as needed").is_err());
}

#[test]
fn a_remark_in_parentheses_points_to_notes() {
    let e = fails("2 x 30 min per week (observation)");
    assert_eq!(e.message, "`(observation)` is a remark, not part of the amount");
    assert_eq!(e.span, Some((20, 13)));
    assert_eq!(
        e.help,
        "a remark goes in the service's `notes:` (`notes: observation`); the amount is then `2 x 30 min per week`, \
         which reads as 2 x 30 min per week"
    );
    let e = fails("1 x 30 min weekly (to drop to once weekly after January");
    assert!(e.help.starts_with("a remark goes in the service's `notes:`"), "{e:?}");
    assert_eq!(e.span, Some((18, 37)));
}

/// Issue 22: `2 x 1441 min per day` was accepted; a session or a day's
/// amount longer than a day is an error that says so.
#[test]
fn more_than_a_day_is_an_error() {
    for text in
        ["2 x 1441 min per day", "1 x 1441 min per week", "3 x 500 min per day", "2000 min daily", "25 hours per day"]
    {
        let e = fails(text);
        assert!(e.message.contains("day"), "{text}: {e:?}");
    }
    for text in ["2 x 720 min per day", "2000 min per week", "1440 min per day", "3 x 600 min per month"] {
        assert!(Amount::parse(text).is_ok(), "{text}");
    }
    assert!(Amount::from_parts(Some(2), Some(1441.0), "week").is_err());
    assert!(Amount::from_parts(None, Some(1441.0), "day").is_err());
    assert!(Amount::from_parts(None, Some(1441.0), "week").is_ok());
}

/// Issue 22: the remark's help read the rest of the amount recursively, one
/// level per remark; 3,000 `()` pairs overflowed the stack (SIGABRT).
#[test]
fn many_remarks_are_one_error_without_recursion() {
    for text in ["()".repeat(3000), "(".repeat(100_000), format!("2 x 30 min per week {}", "(a) ".repeat(50_000))] {
        let e = fails(&text);
        assert!(e.message.contains("is a remark"), "{}", e.message);
    }
    let e = fails("2 x 30 min per week (observation) (and more)");
    assert!(e.help.contains("keep the amount to sessions, minutes and a period"), "{e:?}");
}

#[test]
fn an_unknown_word_says_where_it_belongs() {
    let e = fails("30 min per week in classroom");
    assert_eq!(e.message, "`in` is not part of an amount");
    assert_eq!(e.span, Some((16, 2)));
    assert!(e.help.contains("`setting:`") && e.help.contains("2 x 30 min per week"), "{e:?}");
    let e = fails("30 min speech per week");
    assert!(e.help.starts_with("what is done goes in the service's `service:`"), "{e:?}");
    let e = fails("30 min per week individual");
    assert!(e.help.starts_with("individual or group goes in the service's `group:`"), "{e:?}");
    let e = fails("up to 30 min per week");
    assert_eq!(e.message, "`up` is not part of an amount");
    assert!(e.help.contains("`notes:`") && e.help.contains("`setting:`") && e.help.contains("`service:`"), "{e:?}");
}

#[test]
fn other_errors_name_the_part() {
    assert_eq!(
        fails("30 min").message,
        "the amount does not say how often (per day, week, month, quarter, trimester, semester or year)"
    );
    assert_eq!(fails("per week").message, "the amount gives no number of sessions or minutes");
    assert_eq!(fails("").message, "the amount is empty");
    assert_eq!(fails("2 x 3 x 30 min per week").message, "the number of sessions is given twice");
    assert_eq!(fails("30 min 45 min per week").message, "the duration is given twice");
    assert_eq!(fails("30 per week min").message, "`min` is not part of an amount");
    let e = fails("2 30 per week");
    assert_eq!(e.message, "`2` needs a unit: `x` or `times` for sessions, `min` or `hours` for a duration");
    assert_eq!(e.span, Some((0, 1)));
    assert_eq!(fails("30 min per fortnight").message, "`per` must be followed by a period such as `week`");
    assert_eq!(fails("30 min /fortnight").message, "`/` must be followed by a period such as `week`");
    assert_eq!(fails("30 min; per week").message, "`;` has no meaning in an amount");
    assert_eq!(fails("x 30 min per week").message, "this sign must stand right after a number");
    assert_eq!(fails("2.5 x 30 min per week").message, "`2.5` is not a whole number of sessions");
    assert_eq!(fails("2-3.5 x 30 min per week").message, "`3.5` is not a whole number of sessions");
    assert_eq!(fails("0 x 30 min per week").message, "`0` is not a whole number of sessions");
}

#[test]
fn amounts_compare_as_parsed() {
    let a = Amount::parse("60 min per week").unwrap();
    let b = Amount::parse("1 x 60 min per week").unwrap();
    let c = Amount::parse("2 x 30 min per week").unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn mapping_form_names_the_period_the_same_way() {
    let text = |s, m, per| Amount::from_parts(s, m, per).map(|a| a.to_string()).unwrap_or_else(|e| e.message);
    assert_eq!(text(Some(1), Some(30.0), "week"), "1 x 30 min per week");
    assert_eq!(text(Some(2), Some(30.0), "6-day cycle"), "2 x 30 min per 6-day cycle");
    assert_eq!(text(Some(2), Some(30.0), "6 day cycle"), "2 x 30 min per 6-day cycle");
    assert_eq!(text(Some(3), None, "year"), "3 sessions per year");
    assert_eq!(text(Some(3), None, "quarter"), "3 sessions per quarter");
    assert_eq!(text(None, Some(90.0), "2 weeks"), "90 min per 2 weeks");
    assert_eq!(text(Some(1), Some(30.0), "Weekly"), "1 x 30 min per week");
    assert_eq!(text(Some(1), Some(30.0), "fortnight"), "`fortnight` is not a period");
    assert_eq!(text(Some(1), Some(30.5), "week"), "`minutes: 30.5` is not a whole number of minutes");
    assert_eq!(text(Some(0), Some(30.0), "week"), "`sessions: 0` commits to nothing");
    assert_eq!(text(None, None, "week"), "the amount gives neither `sessions` nor `minutes`");
}

#[test]
fn minutes_per_week_follow_the_period() {
    assert_eq!(dose("2 x 30 min per week").minutes_per_week(), Some(60.0));
    assert_eq!(dose("Twice weekly for 30 minutes each session for 3 out of 4 weeks").minutes_per_week(), Some(45.0));
    assert_eq!(dose("30 min per week for the first 2 weeks of each month").minutes_per_week(), None);
    assert_eq!(dose("30 min per month").minutes_per_week(), None);
    assert_eq!(dose("2 x 30 min per week for 3 out of 4 weeks").minutes_per_period(), Some(60.0));
}

#[test]
fn per_week_compares_amounts_in_one_unit() {
    let per_week = |text: &str, weeks: Option<f64>| dose(text).per_week(weeks);
    assert_eq!(per_week("30 min per day", None), PerWeek::Minutes(150.0));
    assert_eq!(per_week("60 min per 2 weeks", None), PerWeek::Minutes(30.0));
    assert_eq!(per_week("2 x 30 min per 6-day cycle", None), PerWeek::Minutes(50.0));
    assert_eq!(per_week("52 min per month", None), PerWeek::Minutes(12.0));
    assert_eq!(per_week("360 min per year", None), PerWeek::Minutes(10.0));
    assert_eq!(per_week("360 min per year", Some(40.0)), PerWeek::Minutes(9.0));
    assert_eq!(per_week("90 min per quarter", None), PerWeek::Minutes(10.0));
    assert_eq!(per_week("90 min per quarter", Some(10.0)), PerWeek::Minutes(9.0));
    assert_eq!(per_week("120 min per trimester", None), PerWeek::Minutes(10.0));
    assert_eq!(per_week("180 min per semester", None), PerWeek::Minutes(10.0));
    assert_eq!(per_week("4 x 30 min per week for 3 out of 4 weeks", None), PerWeek::Minutes(90.0));
    assert_eq!(per_week("52 min per week for the first 2 weeks of each month", None), PerWeek::Minutes(24.0));
    assert_eq!(per_week("52 min per week for the first 5 weeks of each month", None), PerWeek::Minutes(52.0));
    assert_eq!(per_week("3 sessions per week", None), PerWeek::Sessions(3.0));
    assert_eq!(per_week("36 sessions per year", None), PerWeek::Sessions(1.0));
    // 300 min per month is about 69 min per week: more than 3 x 25 min per week is not.
    assert!(per_week("300 min per month", None).value() < per_week("3 x 25 min per week", None).value());
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        Just(Period::Day),
        (1u32..=52).prop_map(Period::Weeks),
        Just(Period::Month),
        Just(Period::Term(TermKind::Quarter)),
        Just(Period::Term(TermKind::Trimester)),
        Just(Period::Term(TermKind::Semester)),
        Just(Period::Year),
        (1u32..=30).prop_map(Period::Cycle),
    ]
}

fn any_dose() -> impl Strategy<Value = Dose> {
    let schedule = prop_oneof![
        Just(None),
        (1u32..=52).prop_flat_map(|of| (1..=of, Just(of))).prop_map(|(weeks, of)| Some(Schedule::OutOf { weeks, of })),
        (1u32..=5).prop_map(|weeks| Some(Schedule::FirstOfMonth { weeks })),
    ];
    (proptest::option::of(1u32..=1000), proptest::option::of(1u32..=100_000), period(), schedule)
        .prop_filter("a dose has a count or a duration", |(s, m, ..)| s.is_some() || m.is_some())
        .prop_map(|(sessions, minutes, per, schedule)| Dose {
            sessions,
            minutes,
            per,
            schedule: if per == Period::Weeks(1) { schedule } else { None },
        })
        // No session, and no day's amount, is longer than a day.
        .prop_filter("no more than a day", |d| {
            let minutes = d.minutes.unwrap_or(0);
            let session_too_long = d.sessions.is_some() && minutes > 1440;
            let day_too_long = d.per == Period::Day && d.sessions.unwrap_or(1).saturating_mul(minutes) > 1440;
            !session_too_long && !day_too_long
        })
}

proptest! {
    #[test]
    fn the_canonical_form_reads_back_the_same(d in any_dose()) {
        let text = d.to_string();
        let back = Amount::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
        let b = back.dose.unwrap();
        prop_assert_eq!((b.sessions, b.minutes, b.per, b.schedule), (d.sessions, d.minutes, d.per, d.schedule), "{}", text);
        prop_assert_eq!(back.to_string(), text);
        prop_assert!(back.ranges.is_empty());
    }

    #[test]
    fn grid_like_text_reads_back_as_its_canonical_form(words in proptest::collection::vec(proptest::sample::select(vec![
        "2", "x", "30", "min", "minutes", "per", "week", "weekly", "daily", "twice", "once", "three", "times", "time(s)",
        "sessions", "hours", "1.5", "/", "-", ",", "for", "3", "out", "of", "4", "weeks", "the", "first", "each", "month",
        "quarter", "6-day cycle", "days", "five", "every", "other", "a", "at", "and", "2-3", "per session", "year",
    ]), 1..9)) {
        let text = words.join(" ");
        if let Ok(a) = Amount::parse(&text) {
            let again = Amount::parse(&a.to_string()).map_err(|e| TestCaseError::fail(format!("{text} -> {a}: {e:?}")))?;
            let (x, y) = (a.dose, again.dose);
            prop_assert_eq!(x.map(|d| (d.sessions, d.minutes, d.per, d.schedule)), y.map(|d| (d.sessions, d.minutes, d.per, d.schedule)), "{}", text);
        }
    }

    #[test]
    fn any_text_reads_or_fails_without_panicking(text in "[0-9a-z /x×.,()-]{0,40}") {
        if let Ok(a) = Amount::parse(&text) {
            // Whatever is accepted prints a canonical form that reads back the same.
            let again = Amount::parse(&a.to_string()).map_err(|e| TestCaseError::fail(format!("{text} -> {a}: {e:?}")))?;
            prop_assert_eq!(again, a);
        }
    }
}
