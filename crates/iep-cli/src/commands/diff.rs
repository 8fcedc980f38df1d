//! `iep diff`: what changed between two IEP versions, item by item, and who
//! agreed; `--progress` compares the two latest progress reports; `--rev`
//! compares the case at a git revision with the working tree.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};
use iep_diff::{AgreedChange, Agreement, CaseChanges, Change, ChangeKind, GoalReportChange, ReportDiff, report_diff};
use iep_model::wording::number;
use iep_model::{Case, DateRange, Doc, IepVersion};
use serde::Serialize;

use crate::common::{CaseArgs, CmdResult, Failure, Format, Outcome, load_case, print_diagnostics, print_json};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// The older version's id (default: the version before --to).
    #[arg(long, value_name = "ID")]
    pub from: Option<String>,
    /// The newer version's id (default: the latest version as of --as-of).
    #[arg(long, value_name = "ID")]
    pub to: Option<String>,
    /// Compare the two latest progress reports instead of IEP versions.
    #[arg(long, conflicts_with_all = ["from", "to", "rev"])]
    pub progress: bool,
    /// Compare the case at this git revision (a commit, tag or branch) with the
    /// working tree: IEP versions edited, added or removed, and progress reports
    /// edited since, or new ones against the latest report at the revision.
    #[arg(long, value_name = "GIT-REV", conflicts_with_all = ["from", "to"])]
    pub rev: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: Args) -> CmdResult {
    let case = load_case(&args.case)?;
    let as_of = args.case.as_of();
    let text = if let Some(rev) = &args.rev {
        rev_diff(&args, &case, rev)?
    } else if args.progress {
        progress_diff(&args, &case, as_of)?
    } else {
        version_diff(&args, &case, as_of)?
    };
    if let Some(text) = text {
        crate::common::print(&text)?;
    }
    Ok(Outcome::Done)
}

/// The JSON object of `iep diff` between two versions.
#[derive(Serialize)]
struct VersionReport<'a> {
    case: &'a str,
    as_of: NaiveDate,
    from: VersionRef,
    to: VersionRef,
    /// The older side is the terms in force before `to` (rejections applied),
    /// not `from` as written.
    terms_in_force: bool,
    changes: Vec<AgreedChange>,
}

#[derive(Serialize)]
struct VersionRef {
    id: String,
    effective: NaiveDate,
    document: String,
}

impl VersionRef {
    fn of(version: &Doc<IepVersion>) -> VersionRef {
        VersionRef { id: version.id.clone(), effective: version.effective, document: version.path.clone() }
    }
}

fn find_version<'a>(case: &'a Case, id: &str) -> Result<(usize, &'a Doc<IepVersion>), Failure> {
    case.versions.iter().enumerate().find(|(_, v)| v.id == id).ok_or_else(|| {
        let known: Vec<&str> = case.versions.iter().map(|v| v.id.as_str()).collect();
        Failure::new(format!("no IEP version has the id `{id}`; the versions are: {}", known.join(", ")))
    })
}

fn version_diff(args: &Args, case: &Case, as_of: NaiveDate) -> Result<Option<String>, Failure> {
    let cut = case.as_of(as_of);
    let (to_index, to) = match &args.to {
        Some(id) => find_version(case, id)?,
        None => {
            let last = cut.versions.len().checked_sub(1).ok_or_else(|| {
                Failure::new(format!("there is no IEP version in force on {as_of}: nothing to compare"))
            })?;
            (last, &case.versions[last])
        }
    };
    let (from_index, from) = match &args.from {
        Some(id) => find_version(case, id)?,
        None => {
            let before = to_index.checked_sub(1).ok_or_else(|| {
                Failure::new(format!(
                    "{} is the first version: there is no earlier one to compare it with (use --from and --to)",
                    to.id
                ))
            })?;
            (before, &case.versions[before])
        }
    };
    if from_index >= to_index {
        return Err(Failure::new(format!(
            "--from {} is not older than --to {}: give the older version first",
            from.id, to.id
        )));
    }
    // The version right before `to`: compare with the terms in force, as the checks do.
    let in_force = from_index + 1 == to_index;
    let changes = if in_force {
        let all = CaseChanges::of(case, as_of.max(to.effective));
        all.versions.into_iter().find(|v| v.index == to_index).map(|v| v.changes).unwrap_or_default()
    } else {
        let window = DateRange {
            from: from.effective.checked_add_days(Days::new(1)).unwrap_or(from.effective),
            to: to.effective,
        };
        iep_diff::compare_versions(from, to)
            .into_iter()
            .map(|change| {
                let agreement = Agreement::of(case, to_index, window, as_of, &change.paths());
                AgreedChange { change, agreement }
            })
            .collect()
    };
    let report = VersionReport {
        case: &case.name,
        as_of,
        from: VersionRef::of(from),
        to: VersionRef::of(to),
        terms_in_force: in_force,
        changes,
    };
    if args.format == Format::Json {
        print_json(&report)?;
        return Ok(None);
    }
    Ok(Some(render_versions(&report, to)))
}

fn render_versions(report: &VersionReport<'_>, to: &IepVersion) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "What changed in {} ({})", to.describe(), report.to.document);
    let older = if report.terms_in_force { "the terms in force before it" } else { "the version" };
    let _ = writeln!(out, "compared with {older}: {} (effective {})", report.from.id, report.from.effective);
    let _ = writeln!(out);
    if report.changes.is_empty() {
        let _ = writeln!(out, "Nothing changed.");
        return out;
    }
    for c in &report.changes {
        let _ = writeln!(out, "{} ({})", iep_model::wording::capitalize(&c.change.label), c.change.path);
        write_sides(&mut out, &c.change);
        let _ = writeln!(out, "  agreed by: {}", c.agreement.who());
        let notices: Vec<String> = c.agreement.notices.iter().map(|n| format!("notice of {}", n.date)).collect();
        let notice = if notices.is_empty() { "none".to_owned() } else { notices.join(", ") };
        let _ = writeln!(out, "  prior written notice: {notice}");
        let _ = writeln!(out);
    }
    let agreed = report.changes.iter().filter(|c| c.agreement.agreed()).count();
    let noticed = report.changes.iter().filter(|c| c.agreement.noticed()).count();
    let total = report.changes.len();
    let _ = writeln!(
        out,
        "{}: {agreed} agreed to, {} agreed to by nobody; {noticed} with prior written notice.",
        crate::common::plural(total, "change", "changes"),
        total - agreed
    );
    out
}

/// "was / is / change" lines of one change.
fn write_sides(out: &mut String, change: &Change) {
    let _ = writeln!(out, "  was:    {}", change.before.as_deref().unwrap_or("(not in this version)"));
    let _ = writeln!(out, "  is:     {}", change.after.as_deref().unwrap_or("(removed)"));
    if change.kind == ChangeKind::Changed {
        let _ = writeln!(out, "  change: {}", change.describe());
    }
}

/// The JSON object of `iep diff --progress`.
#[derive(Serialize)]
struct ProgressReport<'a> {
    case: &'a str,
    as_of: NaiveDate,
    #[serde(flatten)]
    diff: ReportDiff,
}

fn progress_diff(args: &Args, case: &Case, as_of: NaiveDate) -> Result<Option<String>, Failure> {
    let cut = case.as_of(as_of);
    let [.., before, after] = cut.reports.as_slice() else {
        return Err(Failure::new(format!(
            "--progress needs two progress reports dated on or before {as_of}; the case has {}",
            cut.reports.len()
        )));
    };
    let diff = report_diff(before, &before.path, after, &after.path);
    if args.format == Format::Json {
        print_json(&ProgressReport { case: &case.name, as_of, diff })?;
        return Ok(None);
    }
    let mut out = String::new();
    let _ =
        writeln!(out, "Progress report of {} ({}) against the one of {}", diff.after, diff.after_document, diff.before);
    let _ = writeln!(out);
    write_report_goals(&mut out, &diff.goals, &diff, case.info.settings.similar_narrative, "");
    Ok(Some(out))
}

/// Each goal of a report comparison: value, status and narrative, before and after.
fn write_report_goals(out: &mut String, goals: &[GoalReportChange], diff: &ReportDiff, similar: f64, indent: &str) {
    let value = |v: Option<f64>| v.map(number).unwrap_or_else(|| "no value".to_owned());
    let status = |s: &Option<String>| s.clone().unwrap_or_else(|| "no status".to_owned());
    for g in goals {
        let _ = writeln!(out, "{indent}Goal {}", g.goal);
        if !g.in_after {
            let _ = writeln!(out, "{indent}  not in the report of {}", diff.after);
        }
        if !g.in_before {
            let _ = writeln!(out, "{indent}  not in the report of {}", diff.before);
        }
        // A form that measures only the objectives gives the goal no value of its own.
        let goal_unmeasured = g.value_before.is_none() && g.value_after.is_none();
        if !(goal_unmeasured && g.objectives.iter().any(|o| o.value_before.is_some() || o.value_after.is_some())) {
            let _ = writeln!(out, "{indent}  value:     {} -> {}", value(g.value_before), value(g.value_after));
        }
        let _ = writeln!(out, "{indent}  status:    {} -> {}", status(&g.status_before), status(&g.status_after));
        for o in &g.objectives {
            let _ = writeln!(
                out,
                "{indent}  objective {}: {} -> {} (status {} -> {})",
                o.objective,
                value(o.value_before),
                value(o.value_after),
                status(&o.status_before),
                status(&o.status_after)
            );
        }
        let narrative = match (g.narrative_similarity, g.narrative_in) {
            (Some(s), _) if s >= similar => format!("{}% the same as before: copied?", (s * 100.0).floor()),
            (Some(s), _) => format!("{}% alike", (s * 100.0).floor()),
            (None, (false, false)) => "none in either report".to_owned(),
            (None, (true, false)) => format!("none in the report of {}", diff.after),
            (None, _) => format!("none in the report of {}", diff.before),
        };
        let _ = writeln!(out, "{indent}  narrative: {narrative}");
        let _ = writeln!(out);
    }
}

/// One progress report's change between the revision and the working tree.
#[derive(Serialize)]
struct RevProgress {
    document: String,
    date: NaiveDate,
    /// `added` (new since the revision), `changed` (edited since) or `removed`.
    status: &'static str,
    /// For an added report: the latest report at the revision it is compared
    /// with; for a changed one: the report as it was. `None`: nothing to compare.
    against: Option<ReportDiff>,
}

/// What differs in a goal between two states of the same report.
fn goal_differs(g: &GoalReportChange) -> bool {
    g.in_before != g.in_after
        || g.value_before != g.value_after
        || g.status_before != g.status_after
        || g.narrative_similarity.is_some_and(|s| s < 1.0)
        || g.objectives.iter().any(|o| o.value_before != o.value_after || o.status_before != o.status_after)
}

/// Progress reports by file: edited, added (each against the latest report
/// at the revision: this quarter against last quarter) and removed.
fn rev_progress(old: &Case, case: &Case) -> Vec<RevProgress> {
    let mut out = Vec::new();
    let latest_then = old.reports.last();
    for now in &case.reports {
        match old.reports.iter().find(|r| r.path == now.path) {
            Some(then) => {
                let mut diff = report_diff(then, &then.path, now, &now.path);
                diff.goals.retain(goal_differs);
                if !diff.goals.is_empty() || then.date != now.date {
                    out.push(RevProgress {
                        document: now.path.clone(),
                        date: now.date,
                        status: "changed",
                        against: Some(diff),
                    });
                }
            }
            None => out.push(RevProgress {
                document: now.path.clone(),
                date: now.date,
                status: "added",
                against: latest_then
                    .filter(|then| then.date <= now.date)
                    .map(|then| report_diff(then, &then.path, now, &now.path)),
            }),
        }
    }
    for then in old.reports.iter().filter(|then| !case.reports.iter().any(|r| r.path == then.path)) {
        out.push(RevProgress { document: then.path.clone(), date: then.date, status: "removed", against: None });
    }
    out
}

/// One version's changes between the revision and the working tree.
#[derive(Serialize)]
struct RevVersion {
    id: String,
    /// `changed`, `added` (only in the working tree) or `removed`.
    status: &'static str,
    document: Option<String>,
    changes: Vec<Change>,
}

#[derive(Serialize)]
struct RevReport<'a> {
    case: &'a str,
    rev: String,
    commit: String,
    versions: Vec<RevVersion>,
    progress_reports: Vec<RevProgress>,
}

fn rev_diff(args: &Args, case: &Case, rev: &str) -> Result<Option<String>, Failure> {
    let at = iep_load::load_at(&args.case.dir, rev, args.case.as_of()).map_err(|e| Failure::new(e.to_string()))?;
    let commit = at.commit;
    print_diagnostics(&at.loaded.diagnostics);
    let old = match at.loaded.case {
        Some(old) if !at.loaded.has_errors() => old,
        _ => return Err(Failure::new(format!("the case as it was at {rev} could not be loaded"))),
    };
    let mut versions = Vec::new();
    for v in &old.versions {
        match case.version(&v.id) {
            Some(now) => {
                let changes = iep_diff::compare_versions(v, now);
                if !changes.is_empty() {
                    versions.push(RevVersion {
                        id: v.id.clone(),
                        status: "changed",
                        document: Some(now.path.clone()),
                        changes,
                    });
                }
            }
            None => {
                versions.push(RevVersion { id: v.id.clone(), status: "removed", document: None, changes: Vec::new() })
            }
        }
    }
    for now in case.versions.iter().filter(|now| old.version(&now.id).is_none()) {
        versions.push(RevVersion {
            id: now.id.clone(),
            status: "added",
            document: Some(now.path.clone()),
            changes: Vec::new(),
        });
    }
    let progress_reports = rev_progress(&old, case);
    let report = RevReport { case: &case.name, rev: rev.to_owned(), commit, versions, progress_reports };
    if args.format == Format::Json {
        print_json(&report)?;
        return Ok(None);
    }
    let mut out = String::new();
    let short: String = report.commit.chars().take(7).collect();
    let _ = writeln!(out, "Changes to the IEP versions since {rev} ({short}), in the working tree");
    let _ = writeln!(out);
    if report.versions.is_empty() {
        let _ = writeln!(out, "No IEP version changed.");
    }
    for v in &report.versions {
        match v.status {
            "added" => {
                let _ = writeln!(out, "Version {} was added ({}).", v.id, v.document.as_deref().unwrap_or(""));
            }
            "removed" => {
                let _ = writeln!(out, "Version {} was removed.", v.id);
            }
            _ => {
                let _ = writeln!(out, "Version {} ({}):", v.id, v.document.as_deref().unwrap_or(""));
                for c in &v.changes {
                    let _ = writeln!(out, "{} ({})", iep_model::wording::capitalize(&c.label), c.path);
                    write_sides(&mut out, c);
                }
            }
        }
        let _ = writeln!(out);
    }
    let similar = case.info.settings.similar_narrative;
    let _ = writeln!(out, "Changes to the progress reports since {rev} ({short})");
    let _ = writeln!(out);
    if report.progress_reports.is_empty() {
        let _ = writeln!(out, "No progress report was added, edited or removed.");
    }
    for r in &report.progress_reports {
        match (r.status, &r.against) {
            ("added", Some(diff)) => {
                let _ = writeln!(
                    out,
                    "The report of {} ({}) is new; against the latest report at {short}, of {} ({}):",
                    r.date, r.document, diff.before, diff.before_document
                );
                write_report_goals(&mut out, &diff.goals, diff, similar, "  ");
            }
            ("added", None) => {
                let _ = writeln!(
                    out,
                    "The report of {} ({}) is new; there was no earlier report to compare it with.",
                    r.date, r.document
                );
                let _ = writeln!(out);
            }
            ("changed", Some(diff)) => {
                let _ = writeln!(out, "The report of {} ({}) was edited since {short}:", r.date, r.document);
                if diff.before != diff.after {
                    let _ = writeln!(out, "  its date went from {} to {}", diff.before, diff.after);
                    let _ = writeln!(out);
                }
                write_report_goals(&mut out, &diff.goals, diff, similar, "  ");
            }
            _ => {
                let _ = writeln!(out, "The report of {} ({}) was removed.", r.date, r.document);
                let _ = writeln!(out);
            }
        }
    }
    Ok(Some(out))
}
