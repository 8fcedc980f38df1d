use iep_model::evidence;
use iep_model::wording::{capitalize, dates_in_words, plural};
use iep_model::{Check, Context, Finding, LetterType, Provided, declare_check};

use super::accommodation_days::{accounts, evidence_days};

declare_check! {
    /// Flags an accommodation the check-ins say was not given, or given only in part, on `accommodation_misses` (2 by default) or more different days while it was in force.
    ///
    /// Why it matters: an accommodation in the plan is owed every time, like
    /// a service's minutes. The plan names it; the check-ins (`kind:
    /// check-ins`, one line a day from the child, the parent or a teacher)
    /// show whether it happened. Two days without it are a pattern worth
    /// raising in writing.
    ///
    /// How it counts: a check-in counts when the version in force on its day
    /// lists the accommodation, by its id or by the id it was renamed from. A
    /// day counts once: of several check-ins on one day, `no` outweighs
    /// `partly`, which outweighs `yes`, and all of them are in the evidence,
    /// with the number of days it was given. A `private` check-in is counted;
    /// its note is never printed.
    ///
    /// Example: `{date: 2025-10-03, accommodation: A1, provided: no}` and
    /// `{date: 2025-10-17, accommodation: A1, provided: no}` give "Extended
    /// time (1.5x) on tests and quizzes was not given on 2 days (October 3
    /// and 17, 2025; Jonah's account)."
    pub struct AccommodationNotProvided {
        code: "accommodation-not-provided",
        severity: Alert,
        one_per: "accommodation",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for AccommodationNotProvided {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let record = iep_services::accommodations(cx);
        let threshold = cx.case.info.settings.accommodation_misses.max(1) as usize;
        for accommodation in &record.accommodations {
            let missed = accommodation.missed();
            let (Some(first), Some(last)) = (missed.first(), missed.last()) else { continue };
            if missed.len() < threshold {
                continue;
            }
            let not_given = missed.iter().filter(|d| d.provided == Provided::No).count();
            let partly = missed.len() - not_given;
            let how = match (not_given, partly) {
                (_, 0) => format!("was not given on {}", plural(not_given, "day", "days")),
                (0, _) => format!("was given only in part on {}", plural(partly, "day", "days")),
                _ => format!(
                    "was not given on {} and given only in part on {}",
                    plural(not_given, "day", "days"),
                    plural(partly, "day", "days")
                ),
            };
            let dates: Vec<_> = missed.iter().map(|d| d.date).collect();
            let message = format!(
                "{} {how} ({}; {}).",
                capitalize(&iep_model::normalize_ws(&last.text)),
                dates_in_words(&dates),
                accounts(cx.case, &missed, |c| c.provided.is_miss())
            );
            let document = first.check_ins.first().map(|(path, _)| path.clone()).unwrap_or_default();
            out.push(
                cx.finding(
                    &Self::META,
                    format!("accommodations.{}", last.id),
                    message,
                    evidence::AccommodationNotProvided {
                        days: evidence_days(cx.case, &missed),
                        days_missed: missed.len(),
                        days_given: accommodation.given(),
                        threshold,
                    },
                )
                .with_date(last.date)
                .in_document(document),
            );
        }
    }
}
