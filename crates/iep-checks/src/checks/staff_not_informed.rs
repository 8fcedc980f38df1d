use iep_model::evidence;
use iep_model::wording::{dates_in_words, join_and, quote};
use iep_model::{Check, Context, Finding, LetterType, Plan, declare_check};

use super::accommodation_days::{accounts, evidence_days};

declare_check! {
    /// Flags an accommodation whose check-ins say the person responsible did not know of it (`unaware: true`) while it was in force.
    ///
    /// Why it matters: the plan only works if the people who carry it out
    /// know it. Under [[iep-accessible]] an IEP is accessible to each teacher
    /// and provider responsible for it, and each is told of the specific
    /// accommodations; a substitute or a new teacher who "had not seen an
    /// IEP" is how accommodations go missing. For a 504 plan the aids and
    /// services the plan sets out are how the district provides an
    /// appropriate education ([[section-504-aids-and-services]]).
    ///
    /// How it counts: as `accommodation-not-provided` does (renamed ids
    /// followed, a day once); one check-in with `unaware: true` is enough.
    /// The evidence gives the rule's citation for the kind of plan. A
    /// `private` check-in is counted; its note is never printed.
    ///
    /// Example: `{date: 2026-03-11, accommodation: A5, provided: no,
    /// unaware: true}` gives "On March 11, 2026, the person responsible did
    /// not know of the accommodation “Directions read aloud” (Maya's account)."
    pub struct StaffNotInformed {
        code: "staff-not-informed",
        severity: Alert,
        one_per: "accommodation",
        letter: Some(LetterType::ServicesConcern),
    }
}

impl Check for StaffNotInformed {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let record = iep_services::accommodations(cx);
        let history = cx.terms();
        for accommodation in &record.accommodations {
            let unaware = accommodation.unaware();
            let (Some(first), Some(last)) = (unaware.first(), unaware.last()) else { continue };
            let dates: Vec<_> = unaware.iter().map(|d| d.date).collect();
            let mut people: Vec<&str> = Vec::new();
            for (_, c) in unaware.iter().flat_map(|d| &d.check_ins).filter(|(_, c)| c.unaware) {
                match c.with.as_deref().map(|id| cx.case.team_member(id).map_or(id, |m| m.name.as_str())) {
                    Some(name) if !people.contains(&name) => people.push(name),
                    _ => {}
                }
            }
            // Whose class it was, never that the named teacher did not know:
            // the person there may have been someone else (a substitute).
            let whose =
                if people.is_empty() { String::new() } else { format!(" in the class of {}", join_and(&people)) };
            let message = format!(
                "On {}, the person responsible{whose} did not know of the accommodation {} ({}).",
                dates_in_words(&dates),
                quote(&last.text),
                accounts(cx.case, &unaware, |c| c.unaware)
            );
            // The rule the school did not meet, by the kind of plan in force.
            let plan = history.on(last.date).and_then(|t| cx.case.versions.get(t.version)).map(|v| v.plan);
            let key = if plan == Some(Plan::Section504) { "section-504-aids-and-services" } else { "iep-accessible" };
            let document = first.check_ins.first().map(|(path, _)| path.clone()).unwrap_or_default();
            let evidence = evidence::StaffNotInformed {
                days: evidence_days(cx.case, &unaware),
                citation: cx.case.rules.by_key(key).map(|rule| rule.citation.clone()),
            };
            let finding = cx
                .finding(&Self::META, format!("accommodations.{}", last.id), message, evidence)
                .with_date(last.date)
                .in_document(document);
            out.push(finding);
        }
    }
}
