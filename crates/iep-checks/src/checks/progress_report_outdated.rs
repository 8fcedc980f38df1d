use iep_model::evidence;
use iep_model::wording::{goal_name, join_and};
use iep_model::{Check, Context, Finding, LetterType, declare_check, normalize_ws};

declare_check! {
    /// Flags a progress report that still names an earlier IEP version (`iep:`) after a later version, in force by the report's date, added or reworded goals the report says nothing about.
    ///
    /// Why it matters: progress must be reported on the goals of the IEP in force; a report written against the old plan leaves the new or changed goals unreported.
    ///
    /// Example: the report of 2026-04-10 names `iep-2025` while the amendment effective 2026-02-09 added goal G5 (area: Written expression), and the report has no entry for G5: "The progress report of 2026-04-10 reports on the IEP effective 2025-09-15, but the IEP amendment effective 2026-02-09 was in force by then, and the report says nothing about the goal in Written expression, which it added."
    pub struct ProgressReportOutdated {
        code: "progress-report-outdated",
        severity: Warn,
        one_per: "report",
        letter: Some(LetterType::DataRequest),
    }
}

impl Check for ProgressReportOutdated {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for report in cx.case.reports.iter().filter(|r| r.date <= cx.as_of) {
            let Some(named) = cx.case.version(&report.iep) else { continue };
            // The latest version, not rejected in full, that took effect after the named one and by the report's date.
            let Some(later) =
                cx.case.versions.iter().rev().find(|v| {
                    v.effective > named.effective && v.effective <= report.date && !v.parent_rejected.has_all()
                })
            else {
                continue;
            };
            let mut added = Vec::new();
            let mut reworded = Vec::new();
            for goal in later.goals.iter().filter(|g| report.entry(&g.id).is_none()) {
                match named.goal(&goal.id) {
                    None => added.push(goal.id.clone()),
                    Some(old) if normalize_ws(&old.statement) != normalize_ws(&goal.statement) => {
                        reworded.push(goal.id.clone())
                    }
                    Some(_) => {}
                }
            }
            if added.is_empty() && reworded.is_empty() {
                continue;
            }
            let goals_words = |ids: &[String]| {
                let names: Vec<String> = ids.iter().filter_map(|id| later.goal(id)).map(goal_name).collect();
                join_and(&names)
            };
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("{}, which it added", goals_words(&added)));
            }
            if !reworded.is_empty() {
                parts.push(format!("{}, which it reworded", goals_words(&reworded)));
            }
            let message = format!(
                "The progress report of {} reports on {}, but {} was in force by then, and the report says nothing about {}.",
                report.date,
                named.describe(),
                later.describe(),
                parts.join(", nor about ")
            );
            let goals: Vec<String> = added.iter().chain(reworded.iter()).cloned().collect();
            let finding = cx
                .finding(
                    &Self::META,
                    report.path.clone(),
                    message,
                    evidence::ProgressReportOutdated {
                        report: report.date,
                        named_version: named.id.clone(),
                        later_version: later.id.clone(),
                        later_effective: later.effective,
                        goals,
                        added,
                        reworded,
                    },
                )
                .in_document(report.path.clone())
                .with_date(report.date);
            out.push(finding);
        }
    }
}
