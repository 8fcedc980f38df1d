//! `kind: school-calendar`.

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::IgnoredAny;

use iep_model as m;

use super::*;
use crate::problem::{Problem, at};

// ---- kind: school-calendar ----

/// One school year's calendar.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    /// What this file is.
    #[serde(default, rename = "kind")]
    #[schemars(with = "String")]
    _kind: IgnoredAny,
    /// The first day of school.
    #[schemars(extend("examples" = ["2025-09-03"]))]
    first_day: Date,
    /// The last day of school.
    #[schemars(extend("examples" = ["2026-06-19"]))]
    last_day: Date,
    /// Days the school is closed: a date, or `{from, to}` for a range. Closed days are never owed.
    #[serde(default)]
    #[schemars(extend("examples" = [["2025-11-27", {"from": "2025-12-22", "to": "2026-01-02"}]]))]
    closed: Option<Vec<RawClosed>>,
    /// The days report cards go home.
    #[serde(default)]
    #[schemars(extend("examples" = [["2025-11-14", "2026-01-30"]]))]
    report_cards: Option<Vec<Date>>,
    /// Quarters, trimesters or semesters, in order.
    #[serde(default)]
    #[schemars(extend("examples" = [[{"from": "2025-09-03", "to": "2025-11-14"}, {"from": "2025-11-17", "to": "2026-01-30"}]]))]
    terms: Option<Vec<RawRange>>,
    /// The extended school year's days (weekdays).
    #[schemars(extend("examples" = [{"from": "2026-07-06", "to": "2026-07-30"}]))]
    esy: Option<RawRange>,
    /// Free text that no field holds. Kept, never parsed.
    notes: Option<String>,
}

impl RawCalendar {
    pub fn convert(self, problems: &mut Vec<Problem>) -> m::SchoolCalendar {
        let (first, last) = (self.first_day.0, self.last_day.0);
        if last < first {
            problems.push(
                Problem::new(at!["last_day"], format!("the last day {last} comes before the first day {first}"))
                    .help("check `first_day` and `last_day`: a school calendar covers one school year"),
            );
        } else if (last - first).num_days() > 400 {
            problems.push(
                Problem::new(
                    at!["last_day"],
                    format!("this calendar runs from {first} to {last}, more than one school year"),
                )
                .help("write one calendar file per school year"),
            );
        }
        // Closed days and report cards a few weeks outside the year are typing mistakes.
        let lo = first - chrono::Duration::days(31);
        let hi = last.max(first) + chrono::Duration::days(31);
        let mut closed = Vec::new();
        for (i, c) in list_or_empty(self.closed).into_iter().enumerate() {
            let range = match c {
                RawClosed::Day(d) => m::DateRange { from: d.0, to: d.0 },
                RawClosed::Range(r) => {
                    if r.to.0 < r.from.0 {
                        problems.push(
                            Problem::new(
                                at!["closed", i, "to"],
                                format!("this closure ends on {} before it starts on {}", r.to.0, r.from.0),
                            )
                            .help("`from` is the first closed day and `to` the last"),
                        );
                    }
                    m::DateRange { from: r.from.0, to: r.to.0 }
                }
            };
            if range.from < lo || range.to > hi {
                problems.push(
                    Problem::new(
                        at!["closed", i],
                        format!("{} is outside this school year ({first} to {last})", range.from),
                    )
                    .help("check the year of this date"),
                );
            }
            closed.push(range);
        }
        let report_cards = list_or_empty(self.report_cards);
        for (i, d) in report_cards.iter().enumerate() {
            if d.0 < lo || d.0 > hi {
                problems.push(
                    Problem::new(
                        at!["report_cards", i],
                        format!("{} is outside this school year ({first} to {last})", d.0),
                    )
                    .help("check the year of this date"),
                );
            }
        }
        let terms: Vec<m::DateRange> =
            list_or_empty(self.terms).into_iter().map(|r| m::DateRange { from: r.from.0, to: r.to.0 }).collect();
        for (i, t) in terms.iter().enumerate() {
            if t.to < t.from {
                problems.push(
                    Problem::new(
                        at!["terms", i, "to"],
                        format!("this term ends on {} before it starts on {}", t.to, t.from),
                    )
                    .help("`from` is a term's first day and `to` its last"),
                );
            } else if i > 0 && t.from <= terms[i - 1].to {
                problems.push(
                    Problem::new(
                        at!["terms", i, "from"],
                        format!(
                            "this term starts on {}, before the term before it ends on {}",
                            t.from,
                            terms[i - 1].to
                        ),
                    )
                    .help("list the terms in order, each starting after the one before ends"),
                );
            }
        }
        let esy = self.esy.map(|r| m::DateRange { from: r.from.0, to: r.to.0 });
        if let Some(r) = esy.filter(|r| r.to < r.from) {
            problems.push(
                Problem::new(
                    at!["esy", "to"],
                    format!("the extended school year ends on {} before it starts on {}", r.to, r.from),
                )
                .help("`from` is the first day of the extended school year and `to` the last"),
            );
        }
        m::SchoolCalendar {
            first_day: first,
            last_day: last,
            closed,
            report_cards: report_cards.into_iter().map(|d| d.0).collect(),
            terms,
            esy,
            notes: self.notes,
        }
    }
}
