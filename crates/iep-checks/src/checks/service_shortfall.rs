use iep_model::evidence::{self, MissedByStudent, Owed};
use iep_model::wording::number1 as number;
use iep_model::{Check, Context, Finding, LetterType, declare_check};
use iep_services::{PeriodKind, Status, Unit};

declare_check! {
    /// Flags a month in which a service delivered less than `min_delivery` (90% by default) of the minutes the IEP in force required.
    ///
    /// Why it matters: minutes the school owes and did not deliver are owed to
    /// the child as compensatory services; a month-by-month count with the
    /// numbers is what a school has to answer.
    ///
    /// Example: with `amount: 2 x 30 min per week` and three sessions logged as
    /// missed in October, the check says "In October 2025 (weeks of 2025-10-06
    /// to 2025-11-02), Speech-language therapy was delivered for 150 of the 228
    /// minutes required (65.8%); 3 sessions were missed and 90 minutes are owed."
    /// Weeks run Monday to Sunday and belong to the month of their Monday; a
    /// closed day is not owed; a month with nothing logged is not judged. What
    /// is owed is at least one session's minutes for each miss not made up.
    pub struct ServiceShortfall {
        code: "service-shortfall",
        severity: Alert,
        one_per: "service and month",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for ServiceShortfall {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let accounting = iep_services::accounting(cx);
        let min_delivery = cx.case.info.settings.min_delivery;
        for service in &accounting.services {
            for period in service.periods.iter().filter(|p| p.is_shortfall(min_delivery)) {
                debug_assert_eq!(period.status, Status::Judged);
                let unit = period.unit.as_str();
                let when = match period.kind {
                    PeriodKind::SchoolMonth => {
                        format!("In {} (weeks of {} to {})", period.label(), period.first_day, period.last_day)
                    }
                    PeriodKind::Month | PeriodKind::SchoolYear | PeriodKind::Term => format!("In {}", period.label()),
                };
                let percent = period.percent_shown().unwrap_or(0.0);
                let missed = match period.missed {
                    0 => String::new(),
                    1 => "1 session was missed and ".to_owned(),
                    n => format!("{n} sessions were missed and "),
                };
                // A sessions-only service (a health check) is reported as sessions
                // missed, never as time to make up.
                let owed = match (period.unit, period.owed()) {
                    (Unit::Minutes, 1.0) => format!("{missed}1 minute is owed"),
                    (Unit::Minutes, owed) => format!("{missed}{} minutes are owed", number(owed)),
                    (Unit::Sessions, 1.0) => "1 session was not delivered".to_owned(),
                    (Unit::Sessions, owed) => format!("{} sessions were not delivered", number(owed)),
                };
                let message = format!(
                    "{when}, {} was delivered for {} of the {} {unit} required ({}%); {owed}.",
                    service.name,
                    number(period.delivered),
                    number(period.required),
                    number(percent),
                );
                let owed = match period.unit {
                    Unit::Minutes => Owed::MinutesOwed(round(period.owed())),
                    Unit::Sessions => Owed::SessionsOwed(round(period.owed())),
                };
                let evidence = evidence::ServiceShortfall {
                    month: period.label(),
                    from: period.first_day,
                    to: period.last_day,
                    unit: period.unit,
                    required: round(period.required),
                    delivered: round(period.delivered),
                    missed_sessions: period.missed,
                    owed,
                    percent_delivered: percent,
                    min_delivery,
                    by_student: (period.by_student > 0).then(|| MissedByStudent {
                        missed_by_student: period.by_student,
                        excused: round(period.excused),
                    }),
                };
                let mut finding = cx
                    .finding(&Self::META, format!("services.{}", service.id), message, evidence)
                    .with_date(period.last_day);
                if let Some(document) = &period.document {
                    finding = finding.in_document(document.clone());
                }
                out.push(finding);
            }
        }
    }
}

/// Evidence numbers to two decimals: sums are exact to 1e-9, not prettier.
fn round(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}
