//! Checks across files: exactly one case file, versions that do not collide,
//! and every reference (case-format.md, "Common rules") pointing at something
//! that exists, with the nearest known id suggested.

use std::collections::HashSet;

use iep_model::{
    AccommodationIds, Case, Diagnostic, Doc, IepVersion, ItemRef, ItemRefs, ProgressReport, ServiceLog, TermsHistory,
};

use crate::bounds::{Window, check_dates};
use crate::problem::{Problem, at, list, nearest};
use crate::span::Seg;
use crate::{AnyDoc, FileOut};

/// Runs the cross-file checks: problems go to their file; what belongs to no
/// file is returned.
pub(crate) fn cross_check(outs: &mut [FileOut], window: Window) -> Vec<Diagnostic> {
    let mut global = Vec::new();
    let case_files = case_files(outs);
    one_case_file(outs, &case_files, &mut global);
    let case_file = case_files.first().copied();
    check_every_date(outs, case_file, window);
    let versions = versions_of(outs);
    versions_do_not_collide(outs, &versions);
    let known = Known::new(outs, case_file, versions);
    check_references(outs, &known);
    global
}

/// The files that are the case file. A file that failed to read still counts
/// when its `kind:` says case, or when it is `case.yaml` and could not be read
/// as text at all (a NUL byte, bytes that are not UTF-8): its own error says
/// what is wrong, not "no case file".
fn case_files(outs: &[FileOut]) -> Vec<usize> {
    (0..outs.len())
        .filter(|&i| {
            let out = &outs[i];
            matches!(out.doc, Some(AnyDoc::Case(_)))
                || (out.doc.is_none() && (says_case(out) || (out.rel == "case.yaml" && out.source.is_empty())))
        })
        .collect()
}

/// Exactly one case file: none is a problem of the folder, a second one a
/// problem of that file.
fn one_case_file(outs: &mut [FileOut], case_files: &[usize], global: &mut Vec<Diagnostic>) {
    match case_files {
        [] => global.push(
            Diagnostic::error("case.yaml", 1, 1, "this folder has no case file (`kind: case`)")
                .with_help("create `case.yaml` starting with `kind: case` (the child, the parent and the team), or run `iep init DIR` to get one with comments"),
        ),
        [first, rest @ ..] => {
            let first_name = outs[*first].rel.clone();
            for &i in rest {
                let (line, column, width) = outs[i].kind_at;
                let out = &mut outs[i];
                out.error(
                    line,
                    column,
                    width,
                    format!("a second case file: `{first_name}` already says `kind: case`"),
                    Some(format!("a case folder has exactly one `kind: case` file; merge `{}` into `{first_name}` and delete it", out.rel)),
                );
            }
        }
    }
}

/// Every date against the as-of window and the child's birth.
fn check_every_date(outs: &mut [FileOut], case_file: Option<usize>, window: Window) {
    let birth = case_file.and_then(|i| match &outs[i].doc {
        Some(AnyDoc::Case(info)) => info.child.date_of_birth,
        _ => None,
    });
    let window = window.with_birth(birth);
    for out in outs.iter_mut() {
        if let Some(doc) = &out.doc {
            check_dates(doc, &window, &mut out.problems);
        }
    }
}

/// An IEP or 504 version as the references to it need it.
struct Version {
    file: usize,
    id: String,
    effective: chrono::NaiveDate,
    draft: bool,
    /// Each goal's id with its objectives' ids.
    goals: Vec<(String, Vec<String>)>,
}

/// The versions, in file order.
fn versions_of(outs: &[FileOut]) -> Vec<Version> {
    outs.iter()
        .enumerate()
        .filter_map(|(i, out)| match &out.doc {
            Some(AnyDoc::Iep(v)) => Some(Version {
                file: i,
                id: v.id.clone(),
                effective: v.effective,
                draft: v.status == iep_model::VersionStatus::Draft,
                goals: v
                    .goals
                    .iter()
                    .map(|g| (g.id.clone(), g.objectives.iter().map(|o| o.id.clone()).collect()))
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

/// Versions: unique ids and effective dates.
fn versions_do_not_collide(outs: &mut [FileOut], versions: &[Version]) {
    for (n, v) in versions.iter().enumerate() {
        if let Some(other) = versions[..n].iter().find(|o| o.id == v.id) {
            let other_file = outs[other.file].rel.clone();
            outs[v.file].problems.push(
                Problem::new(at!["id"], format!("`{other_file}` already uses the version id `{}`", v.id))
                    .help(format!("each IEP or 504 file needs its own `id`, like `{}-2`", v.id)),
            );
        }
        // A draft is never in force, so it may share a date with an issued version.
        if let Some(other) = versions[..n].iter().find(|o| o.effective == v.effective && !o.draft && !v.draft) {
            let other_file = outs[other.file].rel.clone();
            let this_file = outs[v.file].rel.clone();
            outs[v.file].problems.push(
                Problem::new(at!["effective"], format!("`{this_file}` and `{other_file}` both take effect on {}", v.effective))
                    .help("two versions cannot start on the same day: check the `effective` dates, or delete the file that is a copy"),
            );
        }
    }
}

/// What the files declare that others refer to: versions, services, item
/// paths, people and progress codes, each list sorted where a help lists it.
struct Known {
    /// No IEP file lost items to an error, so a missing reference is wrong.
    versions_complete: bool,
    /// The case file was read whole, so a person not on its team is wrong.
    team_complete: bool,
    versions: Vec<Version>,
    service_ids: Vec<String>,
    paths: Vec<String>,
    /// The team's ids, then `parent`.
    people: Vec<String>,
    /// The case's `progress_codes`, when its file was read whole.
    progress_codes: Option<Vec<String>>,
}

impl Known {
    fn new(outs: &[FileOut], case_file: Option<usize>, versions: Vec<Version>) -> Known {
        let info = case_file.and_then(|i| match &outs[i].doc {
            Some(AnyDoc::Case(info)) => Some((info, outs[i].incomplete)),
            _ => None,
        });
        let mut services: HashSet<String> = HashSet::new();
        let mut paths: HashSet<String> = HashSet::new();
        paths.insert("placement".to_owned());
        for out in outs {
            let Some(AnyDoc::Iep(v)) = &out.doc else { continue };
            for s in &v.services {
                services.insert(s.id.clone());
                paths.insert(format!("services.{}", s.id));
            }
            for g in &v.goals {
                paths.insert(format!("goals.{}", g.id));
            }
            for a in &v.accommodations {
                paths.insert(format!("accommodations.{}", a.id));
            }
        }
        let mut service_ids: Vec<String> = services.into_iter().collect();
        service_ids.sort_unstable();
        let mut paths: Vec<String> = paths.into_iter().collect();
        paths.sort_unstable();
        let mut people: Vec<String> =
            info.map(|(info, _)| info.team.iter().map(|t| t.id.clone()).collect()).unwrap_or_default();
        people.push("parent".to_owned());
        Known {
            versions_complete: outs.iter().all(|o| !(o.incomplete && says_kind(o, "iep"))),
            team_complete: case_file.is_some_and(|i| !outs[i].incomplete),
            versions,
            service_ids,
            paths,
            people,
            progress_codes: info
                .filter(|(_, incomplete)| !incomplete)
                .map(|(info, _)| info.progress_codes.iter().map(|c| c.code.clone()).collect()),
        }
    }
}

/// Every reference of every file: to a version, a goal or objective, a
/// service, an item, a person, an accommodation and a progress code.
fn check_references(outs: &mut [FileOut], known: &Known) {
    let mut check_in_problems = if known.versions_complete { check_in_accommodations(outs) } else { Vec::new() };
    let version_ids: Vec<&str> = known.versions.iter().map(|v| v.id.as_str()).collect();
    let service_ids: Vec<&str> = known.service_ids.iter().map(String::as_str).collect();
    let paths: Vec<&str> = known.paths.iter().map(String::as_str).collect();
    let people: Vec<&str> = known.people.iter().map(String::as_str).collect();
    let refs = Refs {
        versions_complete: known.versions_complete,
        team_complete: known.team_complete,
        people: &people,
        paths: &paths,
        version_ids: &version_ids,
        service_ids: &service_ids,
        versions: &known.versions,
    };
    for (file, out) in outs.iter_mut().enumerate() {
        let mut problems = Vec::new();
        match &out.doc {
            Some(AnyDoc::Iep(v)) => refs.version_refs(v, &mut problems),
            Some(AnyDoc::Report(r)) => refs.report_refs(r, &mut problems),
            Some(AnyDoc::Log(log)) if refs.versions_complete => refs.log_refs(log, &mut problems),
            Some(AnyDoc::Meeting(m)) => {
                for (i, a) in m.attendees.iter().enumerate() {
                    refs.person(a, at!["attendees", i], &mut problems);
                }
                refs.items(&m.agreed, "agreed", &mut problems);
            }
            Some(AnyDoc::Notice(n)) => refs.items(&n.covers, "covers", &mut problems),
            Some(AnyDoc::Letter(l)) => {
                refs.person(&l.to, at!["to"], &mut problems);
                for (i, c) in l.cc.iter().enumerate() {
                    refs.person(c, at!["cc", i], &mut problems);
                }
            }
            Some(AnyDoc::Communications(c)) => {
                for (i, e) in c.entries.iter().enumerate() {
                    if let Some(w) = &e.with {
                        refs.person(w, at!["entries", i, "with"], &mut problems);
                    }
                }
            }
            Some(AnyDoc::CheckIns(c)) => {
                for (i, e) in c.entries.iter().enumerate() {
                    if let Some(w) = &e.with {
                        refs.person(w, at!["entries", i, "with"], &mut problems);
                    }
                }
                problems.extend(check_in_problems.iter_mut().filter(|(f, _)| *f == file).filter_map(|(_, p)| p.take()));
            }
            _ => {}
        }
        if let (Some(AnyDoc::Report(r)), Some(codes)) = (&out.doc, &known.progress_codes) {
            report_status_codes(r, codes, &mut problems);
        }
        // A file read by the slow path may miss items: its indexes still line
        // up, since locating skips the same items.
        out.problems.extend(problems);
    }
}

/// Each status of a progress report written as a code is in the case's legend.
fn report_status_codes(r: &ProgressReport, codes: &[String], problems: &mut Vec<Problem>) {
    for (i, g) in r.goals.iter().enumerate() {
        status_code(g.status.as_deref(), codes, at!["goals", i, "status"], problems);
        for (k, o) in g.objectives.iter().enumerate() {
            status_code(o.status.as_deref(), codes, at!["goals", i, "objectives", k, "status"], problems);
        }
    }
}

/// Each check-in must name an accommodation in force on its day, by its id
/// or an id it was renamed from (case-format.md, `kind: check-ins`). The
/// problems, by file index; read only when the case has check-ins.
fn check_in_accommodations(outs: &[FileOut]) -> Vec<(usize, Option<Problem>)> {
    if !outs.iter().any(|o| matches!(o.doc, Some(AnyDoc::CheckIns(_)))) {
        return Vec::new();
    }
    let mut versions: Vec<Doc<IepVersion>> = outs
        .iter()
        .filter_map(|o| match &o.doc {
            Some(AnyDoc::Iep(v)) if v.status != iep_model::VersionStatus::Draft => {
                Some(Doc { path: o.rel.clone(), value: v.clone() })
            }
            _ => None,
        })
        .collect();
    versions.sort_by_key(|v| v.effective);
    let case = Case { versions, ..Case::default() };
    let history = TermsHistory::new(&case);
    let ids = AccommodationIds::new(&case, &history);
    let mut known: Vec<&str> =
        case.versions.iter().flat_map(|v| v.accommodations.iter().map(|a| a.id.as_str())).collect();
    known.sort_unstable();
    known.dedup();
    let mut problems = Vec::new();
    for (file, out) in outs.iter().enumerate() {
        let Some(AnyDoc::CheckIns(c)) = &out.doc else { continue };
        for (i, e) in c.entries.iter().enumerate() {
            if ids.in_force(&history, &e.accommodation, e.date).is_some() {
                continue;
            }
            let id = e.accommodation.as_str();
            let at = at!["entries", i, "accommodation"];
            let having: Vec<String> = case
                .versions
                .iter()
                .filter(|v| v.accommodations.iter().any(|a| a.id == id))
                .map(|v| format!("`{}` (in force from {})", v.id, v.effective))
                .collect();
            let problem = if having.is_empty() {
                Problem::new(at, format!("no IEP or 504 plan has an accommodation with the id `{id}`")).help(help_for(
                    id,
                    &known,
                    "the accommodation ids",
                    "a check-in names an accommodation by the `id` it has in the plan in force that day",
                ))
            } else {
                let which = if having.len() == 1 { "the version" } else { "the versions" };
                Problem::new(at, format!("the accommodation `{id}` is not in force on {}", e.date)).help(format!(
                    "`{id}` is in {which} {}; check the date, or use the id the plan in force on {} gives the accommodation",
                    iep_model::wording::join_and(&having),
                    e.date
                ))
            };
            problems.push((file, Some(problem)));
        }
    }
    problems
}

/// A status written as a code (`IP`: one to three capital letters) must be in
/// the case's `progress_codes` legend, so that the checks know what it means.
fn status_code(status: Option<&str>, codes: &[String], at: Vec<Seg>, problems: &mut Vec<Problem>) {
    let Some(status) = status.map(str::trim) else { return };
    let looks_like_code = (1..=3).contains(&status.len()) && status.chars().all(|c| c.is_ascii_uppercase());
    if !looks_like_code || codes.iter().any(|c| c.eq_ignore_ascii_case(status)) {
        return;
    }
    let help = if codes.is_empty() {
        format!(
            "add the legend printed on the report to case.yaml, like `progress_codes: {{{status}: insufficient}}` \
             (each code is one of met, sufficient, progressing, insufficient, none, not-started)"
        )
    } else {
        let known: Vec<&str> = codes.iter().map(String::as_str).collect();
        format!(
            "the legend in case.yaml has {}; add `{status}` to `progress_codes` with what it means \
             (met, sufficient, progressing, insufficient, none or not-started), or correct the status",
            list(&known)
        )
    };
    problems.push(Problem::new(at, format!("the progress code `{status}` is not in the case's legend")).help(help));
}

fn says_kind(out: &FileOut, kind: &str) -> bool {
    crate::scan_kind(&out.source).is_some_and(|(k, ..)| k == kind)
}

fn says_case(out: &FileOut) -> bool {
    says_kind(out, "case")
}

fn help_for(word: &str, known: &[&str], what: &str, rule: &str) -> String {
    match nearest(word, known.iter().copied()) {
        Some(k) => format!("did you mean `{k}`? ({rule})"),
        None if known.is_empty() => format!("{rule}; there are none yet"),
        None => format!("{what} are {}; {rule}", list(known)),
    }
}

/// What references are checked against, borrowed for the pass over the files.
struct Refs<'a> {
    versions_complete: bool,
    team_complete: bool,
    people: &'a [&'a str],
    paths: &'a [&'a str],
    version_ids: &'a [&'a str],
    service_ids: &'a [&'a str],
    versions: &'a [Version],
}

impl Refs<'_> {
    /// A version's `amends` (an earlier version, not itself) and `parent_rejected`.
    fn version_refs(&self, v: &IepVersion, problems: &mut Vec<Problem>) {
        if let Some(amends) = &v.amends {
            if amends == &v.id {
                problems.push(
                    Problem::new(at!["amends"], "a version cannot amend itself")
                        .help("`amends` is the `id` of the earlier version this one changes"),
                );
            } else if self.version(amends, at!["amends"], self.version_ids, problems)
                && let Some(earlier) = self.versions.iter().find(|o| &o.id == amends && o.effective > v.effective)
            {
                problems.push(
                    Problem::new(
                        at!["amends"],
                        format!("`{amends}` takes effect on {}, after this version ({})", earlier.effective, v.effective),
                    )
                    .help("`amends` is the `id` of an earlier version this one changes: check the id and both `effective` dates"),
                );
            }
        }
        self.items(&v.parent_rejected, "parent_rejected", problems);
    }

    /// A progress report's version, and the goals and objectives it reports on in it.
    fn report_refs(&self, r: &ProgressReport, problems: &mut Vec<Problem>) {
        if !self.version(&r.iep, at!["iep"], self.version_ids, problems) {
            return;
        }
        let Some(version) = self.versions.iter().find(|v| v.id == r.iep) else { return };
        let goals: Vec<&str> = version.goals.iter().map(|(g, _)| g.as_str()).collect();
        for (i, g) in r.goals.iter().enumerate() {
            let Some((_, objectives)) = version.goals.iter().find(|(id, _)| *id == g.goal) else {
                problems.push(
                        Problem::new(at!["goals", i, "goal"], format!("the IEP `{}` has no goal `{}`", r.iep, g.goal))
                            .help(help_for(&g.goal, &goals, "its goals", "a progress report names goals of the IEP in its `iep:` line; check the goal's id, or the `iep:` line")),
                    );
                continue;
            };
            let objectives: Vec<&str> = objectives.iter().map(String::as_str).collect();
            for (k, o) in g.objectives.iter().enumerate() {
                if !objectives.contains(&o.objective.as_str()) {
                    problems.push(
                        Problem::new(
                            at!["goals", i, "objectives", k, "objective"],
                            format!("goal `{}` of the IEP `{}` has no objective `{}`", g.goal, r.iep, o.objective),
                        )
                        .help(help_for(
                            &o.objective,
                            &objectives,
                            "its objectives",
                            "an objective is named by the `id` it has under the goal's `objectives:` in the IEP file",
                        )),
                    );
                }
            }
        }
    }

    /// A service log's `services:` and each entry's service.
    fn log_refs(&self, log: &ServiceLog, problems: &mut Vec<Problem>) {
        let set: HashSet<&str> = self.service_ids.iter().copied().collect();
        for (i, s) in log.services.iter().flatten().enumerate() {
            if !set.contains(s.as_str()) {
                problems.push(
                    Problem::new(at!["services", i], format!("no IEP has a service with the id `{s}`")).help(help_for(
                        s,
                        self.service_ids,
                        "the service ids",
                        "`services:` lists the ids of the services this log is complete for",
                    )),
                );
            }
        }
        for (i, e) in log.entries.iter().enumerate() {
            if !set.contains(e.service.as_str()) {
                problems.push(
                    Problem::new(
                        at!["entries", i, "service"],
                        format!("no IEP has a service with the id `{}`", e.service),
                    )
                    .help(help_for(
                        &e.service,
                        self.service_ids,
                        "the service ids",
                        "a log entry names a service by the `id` it has in an IEP file",
                    )),
                );
            }
        }
    }

    /// Checks a version id; true when it exists.
    fn version(&self, id: &str, at: Vec<Seg>, ids: &[&str], problems: &mut Vec<Problem>) -> bool {
        if ids.contains(&id) {
            return true;
        }
        if self.versions_complete {
            problems.push(Problem::new(at, format!("no IEP or 504 file has the id `{id}`")).help(help_for(
                id,
                ids,
                "the version ids",
                "name a version by the `id:` line of its file",
            )));
        }
        false
    }

    fn person(&self, id: &str, at: Vec<Seg>, problems: &mut Vec<Problem>) {
        if !self.team_complete || self.people.contains(&id) {
            return;
        }
        problems.push(
            Problem::new(at, format!("`{id}` is not on the team in case.yaml"))
                .help(help_for(id, self.people, "the ids you can use", "a person is named by their `id` under `team:` in case.yaml (add them there if they are missing), or `parent`")),
        );
    }

    fn items(&self, refs: &ItemRefs, field: &str, problems: &mut Vec<Problem>) {
        if !self.versions_complete {
            return;
        }
        for r in &refs.0 {
            let ItemRef::Item(p) = r else { continue };
            let text = p.to_string();
            if !self.paths.contains(&text.as_str()) {
                problems.push(
                    Problem::new(at![field], format!("no IEP or 504 file has the item `{text}`"))
                        .help(help_for(
                            &text,
                            self.paths,
                            "the items",
                            "name an item by its list and id, like `services.speech`, or write `all`",
                        ))
                        .find(&text),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(rel: &str, source: &str) -> FileOut {
        FileOut::new(rel.to_owned(), source.to_owned())
    }

    #[test]
    fn a_second_case_file_is_a_problem_of_that_file_and_none_a_problem_of_the_folder() {
        let mut outs = vec![
            file("case.yaml", "kind: case\n"),
            file("ieps/a.yaml", "kind: iep\n"),
            file("copy.yaml", "kind: case\n"),
        ];
        let files = case_files(&outs);
        assert_eq!(files, [0, 2]);
        let mut global = Vec::new();
        one_case_file(&mut outs, &files, &mut global);
        assert!(global.is_empty() && outs[0].diagnostics.is_empty());
        assert_eq!(outs[2].diagnostics[0].message, "a second case file: `case.yaml` already says `kind: case`");
        one_case_file(&mut outs, &[], &mut global);
        assert_eq!(global[0].message, "this folder has no case file (`kind: case`)");
    }

    #[test]
    fn a_case_yaml_that_is_not_text_still_counts_as_the_case_file() {
        assert_eq!(case_files(&[file("case.yaml", ""), file("notes.yaml", "")]), [0]);
    }
}
