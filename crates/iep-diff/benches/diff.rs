//! The diff of two versions with 200 items each (budget: under 1 ms).

use iep_diff::{DiffOptions, Side, diff};
use iep_model::{Accommodation, Amount, Baseline, Direction, Goal, Service, Target};

fn main() {
    divan::main();
}

/// A side with `n` items spread over services, goals and accommodations;
/// `changed` alters every fifth item's amount, target or text.
fn side(n: usize, changed: bool) -> Side {
    let mut side = Side::default();
    for i in 0..n {
        match i % 3 {
            0 => side.services.push(Service {
                id: format!("s{i}"),
                service: format!("Related service number {i}"),
                provider: Some("Specialist".into()),
                amount: Amount::parse(if changed && i % 5 == 0 {
                    "1 x 30 min per week"
                } else {
                    "2 x 30 min per week"
                })
                .expect("a valid amount"),
                setting: Some("pull-out".into()),
                group: Some("individual".into()),
                start: None,
                end: None,
                esy: false,
                notes: None,
            }),
            1 => {
                side.goals.push(Goal {
                    id: format!("G{i}"),
                    area: Some("Reading".into()),
                    statement: format!("The student will read passage set {i} at 90 words correct per minute."),
                    measure: Some("words correct per minute".into()),
                    baseline: Some(Baseline { value: Some(42.0), date: None, ..Default::default() }),
                    target: Some(Target {
                        value: Some(if changed && i % 5 == 0 { 80.0 } else { 90.0 }),
                        by: None,
                        ..Default::default()
                    }),
                    direction: Direction::Up,
                    ..Default::default()
                });
                side.goal_default_by.push(None);
            }
            _ => side.accommodations.push(Accommodation {
                id: format!("A{i}"),
                text: if changed && i % 5 == 0 {
                    format!("Extended time on test {i} when appropriate")
                } else {
                    format!("Extended time (1.5x) on test {i}")
                },
                ..Default::default()
            }),
        }
    }
    side
}

#[divan::bench]
fn diff_200_items(bencher: divan::Bencher) {
    let (old, new) = (side(200, false), side(200, true));
    bencher.bench(|| diff(divan::black_box(&old), divan::black_box(&new), DiffOptions::default()));
}

#[divan::bench]
fn diff_200_items_with_renamed_ids(bencher: divan::Bencher) {
    let old = side(200, false);
    let mut new = side(200, true);
    // Every tenth accommodation gets a new id: matched by text.
    for (i, a) in new.accommodations.iter_mut().enumerate() {
        if i % 10 == 0 {
            a.id = format!("R{i}");
        }
    }
    bencher.bench(|| diff(divan::black_box(&old), divan::black_box(&new), DiffOptions::default()));
}
