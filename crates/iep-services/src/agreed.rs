//! The terms the parent agreed to (checks.md, "As agreed"): the terms in force
//! with each change nobody agreed to undone, as a written rejection would undo
//! it, and the accounting against them beside the accounting in force.

use chrono::NaiveDate;
use iep_model::{Case, ItemPath, TermsHistory};

use crate::account::{account_with, empty_period};
use crate::{Accounting, EPSILON};

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
        let Some(service) = in_force.services.iter_mut().find(|s| s.id == agreed_service.id) else { continue };
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
                    service.periods.insert(at, empty_period(a.kind, a.first_day, a.last_day, as_of));
                    at
                }
            };
            let p = &mut service.periods[i];
            if (p.required - a.required).abs() > 0.005 || (p.owed - a.owed).abs() > EPSILON {
                p.required_as_agreed = Some(a.required);
                p.owed_as_agreed = Some(a.owed);
            }
        }
    }
    in_force
}
