//! The terms the parent agreed to (checks.md, "As agreed"): the terms in force
//! with each change nobody agreed to undone, as a written rejection would undo
//! it, and the accounting against them beside the accounting in force.

use chrono::NaiveDate;
use iep_model::{Case, ItemPath, TermsHistory};

use crate::account::{account_with, empty_period};
use crate::{Accounting, EPSILON, PeriodKind, ServiceAccount, Status};

/// The accounting against the terms in force, with `required_as_agreed` and
/// `owed_as_agreed` set on each period where the agreed terms give other figures.
pub fn account_as_agreed(
    case: &Case,
    as_of: NaiveDate,
    history: &TermsHistory,
    unagreed: &[(usize, Vec<ItemPath>)],
) -> Accounting {
    with_agreed(account_with(case, as_of, history), case, as_of, unagreed)
}

/// `in_force` (the accounting against the terms in force, as
/// [`crate::accounting`] shares it) with the figures against the agreed terms
/// added, so the accounting in force is not computed twice.
pub fn with_agreed(
    mut in_force: Accounting,
    case: &Case,
    as_of: NaiveDate,
    unagreed: &[(usize, Vec<ItemPath>)],
) -> Accounting {
    let Some(agreed_terms) = TermsHistory::agreed(case, unagreed) else { return in_force };
    let agreed = account_with(case, as_of, &agreed_terms);
    for agreed_service in agreed.services {
        let index = match in_force.services.iter().position(|s| s.id == agreed_service.id) {
            Some(i) => i,
            None => {
                // A service only the agreed terms hold: nothing is required of it in force.
                in_force.services.push(ServiceAccount { periods: Vec::new(), ..agreed_service.clone() });
                in_force.services.len() - 1
            }
        };
        let service = &mut in_force.services[index];
        let spans: Vec<(PeriodKind, NaiveDate, NaiveDate)> =
            agreed_service.periods.iter().map(|a| (a.kind, a.first_day, a.last_day)).collect();
        for a in agreed_service.periods {
            let found = service.periods.iter().position(|p| p.kind == a.kind && p.first_day == a.first_day);
            let i = match found {
                Some(i) => i,
                None => {
                    // A month the agreed terms require and the terms in force do not.
                    if a.required <= EPSILON && a.owed <= EPSILON {
                        continue;
                    }
                    let at = service.periods.partition_point(|p| (p.first_day, p.kind) < (a.first_day, a.kind));
                    let mut period = empty_period(a.kind, a.first_day, a.last_day, as_of);
                    // Judged as the agreed terms judge it, in their unit, so a total counts it.
                    period.unit = a.unit;
                    if a.status == Status::Judged {
                        period.status = Status::Judged;
                    }
                    service.periods.insert(at, period);
                    at
                }
            };
            let p = &mut service.periods[i];
            if (p.required - a.required).abs() > 0.005 || (p.owed - a.owed).abs() > EPSILON {
                p.required_as_agreed = Some(a.required);
                p.owed_as_agreed = Some(a.owed);
            }
        }
        // A period in force that the agreed terms count under another kind
        // (a weekly amount changed to a monthly one): its days are in the
        // agreed periods already, so as agreed it adds nothing, and no month
        // is counted twice.
        for p in &mut service.periods {
            let same = spans.iter().any(|(kind, first, _)| *kind == p.kind && *first == p.first_day);
            let overlapped =
                spans.iter().any(|(kind, first, last)| *kind != p.kind && *first <= p.last_day && p.first_day <= *last);
            if !same && overlapped && (p.required > EPSILON || p.owed > EPSILON) {
                p.required_as_agreed = Some(0.0);
                p.owed_as_agreed = Some(0.0);
            }
        }
    }
    in_force
}
