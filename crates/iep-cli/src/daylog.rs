//! What `iep log` and `iep today` share (cli.md, "Recording a day"): the
//! line of each entry, the file it goes to, the whole case loaded with the
//! new lines before anything is written, the atomic write, and what the day
//! changes for the checks.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path};

use chrono::NaiveDate;
use iep_load::Pending;
use iep_model::long_date;
use iep_model::wording::{capitalize, join_and, subject_name};
use iep_model::{AccommodationIds, Case, CheckIn, Finding, LogEntry, Source, TermsHistory};

use crate::common::Failure;

/// One day's record of one item.
#[derive(Debug, Clone)]
pub enum Entry {
    /// A service session, held or missed.
    Session(LogEntry),
    /// Whether an accommodation was given.
    CheckIn(CheckIn),
}

impl Entry {
    fn line(&self) -> String {
        match self {
            Entry::Session(e) => iep_load::record::log_entry_line(e),
            Entry::CheckIn(e) => iep_load::record::check_in_line(e),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Entry::Session(_) => "service-log",
            Entry::CheckIn(_) => "check-ins",
        }
    }

    /// The usual file (cli.md): the family's record and the school's apart.
    fn usual_file(&self) -> &'static str {
        match self {
            Entry::Session(e) if matches!(e.source, Source::Child | Source::Parent) => "services/home.yaml",
            Entry::Session(_) => "services/log.yaml",
            Entry::CheckIn(_) => "log/check-ins.yaml",
        }
    }
}

/// The lines bound for one file, and the file's text before and after.
#[derive(Debug)]
pub struct Plan {
    /// Relative to the case folder, `/` separators.
    pub rel: String,
    pub entries: Vec<Entry>,
    pub lines: Vec<String>,
    /// The file's bytes as read (`None`: a new file).
    before: Option<Vec<u8>>,
    after: String,
}

/// Groups `entries` by the file each goes to (`file`, or the usual one) and
/// makes each file's new text. Nothing is written.
pub fn plan(dir: &Path, file: Option<&Path>, entries: Vec<Entry>) -> Result<Vec<Plan>, Failure> {
    let mut by_file: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for entry in entries {
        let rel = match file {
            Some(path) => case_relative(dir, path)?,
            None => entry.usual_file().to_owned(),
        };
        by_file.entry(rel).or_default().push(entry);
    }
    by_file.into_iter().map(|(rel, entries)| plan_file(dir, rel, entries)).collect()
}

fn plan_file(dir: &Path, rel: String, entries: Vec<Entry>) -> Result<Plan, Failure> {
    let kind = entries[0].kind();
    let lines: Vec<String> = entries.iter().map(Entry::line).collect();
    let path = dir.join(&rel);
    let before = match std::fs::symlink_metadata(&path) {
        Err(_) => None,
        Ok(meta) if meta.is_file() => {
            Some(std::fs::read(&path).map_err(|e| Failure::new(format!("cannot read `{}`: {e}", path.display())))?)
        }
        Ok(_) => {
            return Err(Failure::new(format!(
                "`{rel}` is not a plain file (a link, a folder or a device); iep log adds lines only to a plain file of the case"
            )));
        }
    };
    let after = match &before {
        None => iep_load::append::new_file(kind, &lines),
        Some(bytes) => {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| Failure::new(format!("`{rel}` is not UTF-8 text; run `iep check` to see where")))?;
            match iep_load::kind_of(text) {
                Some(found) if found == kind => {}
                found => {
                    return Err(Failure::new(format!(
                        "`{rel}` is {}, not a `kind: {kind}` file; name a `kind: {kind}` file with --file, or leave --file out",
                        found.map_or("a file without `kind:`".to_owned(), |k| format!("a `kind: {k}` file"))
                    )));
                }
            }
            iep_load::append::append_entries(text, &lines).map_err(|e| Failure::new(e.message(&rel)))?
        }
    };
    Ok(Plan { rel, entries, lines, before, after })
}

/// `path` (relative to the case folder, or absolute inside it) as the loader
/// names files, refused when the loader would not read it there.
fn case_relative(dir: &Path, path: &Path) -> Result<String, Failure> {
    let rel = if path.is_absolute() {
        let case =
            std::fs::canonicalize(dir).map_err(|e| Failure::new(format!("cannot find `{}`: {e}", dir.display())))?;
        path.strip_prefix(&case).map(Path::to_path_buf).map_err(|_| {
            Failure::new(format!("--file `{}` is not inside the case folder `{}`", path.display(), case.display()))
        })?
    } else {
        path.to_path_buf()
    };
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(Failure::new(format!(
                    "--file `{}` must name a file inside the case folder, relative to it (like services/home.yaml)",
                    path.display()
                )));
            }
        }
    }
    let readable = parts.last().is_some_and(|name| name.ends_with(".yaml") || name.ends_with(".yml"))
        && !parts.iter().any(|p| p.starts_with('.'))
        && !matches!(parts.first().map(String::as_str), Some("out" | "templates"));
    if !readable {
        return Err(Failure::new(format!(
            "--file `{}` is not a place iep reads case files from: name a `.yaml` file inside the case, not under out/, templates/ or a hidden folder",
            path.display()
        )));
    }
    Ok(parts.join("/"))
}

/// The case loaded with every plan's new text, the items checked against
/// it. On any problem nothing has been written, and the error says so.
pub fn load_with(dir: &Path, today: NaiveDate, plans: &[Plan]) -> Result<Case, Failure> {
    let pending: Vec<Pending<'_>> = plans.iter().map(|p| Pending { rel: &p.rel, text: &p.after }).collect();
    let loaded = iep_load::load_as_of_pending(dir, today, &pending);
    if let Some(case) = &loaded.case {
        for entry in plans.iter().flat_map(|p| &p.entries) {
            check_item(case, entry)?;
        }
    }
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    match loaded.case {
        Some(case) if errors == 0 => {
            for plan in plans {
                if !read_back(&case, &plan.rel) {
                    return Err(Failure::new(format!(
                        "iep could not add the line to `{}` so that it reads back as written; nothing was written: add it by hand",
                        plan.rel
                    )));
                }
            }
            // Warnings are `iep check`'s to show; a day's line is not the place.
            Ok(case)
        }
        _ => {
            crate::common::print_diagnostics(&loaded.diagnostics);
            Err(Failure::new(format!(
                "nothing was written: the case in `{}` does not load with the new line ({} to fix, shown above; a problem on the new line is about the line iep would have added)",
                dir.display(),
                crate::common::plural(errors.max(1), "problem", "problems")
            )))
        }
    }
}

/// Whether the case read the file `rel` as a log: the walk may skip a file
/// (a hidden folder) that the path rules missed.
fn read_back(case: &Case, rel: &str) -> bool {
    case.service_logs.iter().any(|d| d.path == rel) || case.check_ins.iter().any(|d| d.path == rel)
}

/// Refuses an item that is not in force on the entry's day, naming the
/// nearest id or the versions that have it.
fn check_item(case: &Case, entry: &Entry) -> Result<(), Failure> {
    match entry {
        Entry::Session(e) => check_service(case, &e.service, e.date),
        Entry::CheckIn(e) => check_accommodation(case, &e.accommodation, e.date),
    }
}

fn check_service(case: &Case, id: &str, day: NaiveDate) -> Result<(), Failure> {
    let history = TermsHistory::new(case);
    if history.on(day).and_then(|t| t.service_on(id, day)).is_some() {
        return Ok(());
    }
    let spans: Vec<String> = case
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.services.iter().any(|s| s.id == id))
        .filter_map(|(i, v)| {
            let item = history.after[i].as_ref()?.service(id)?;
            let until = item.end.map_or(String::new(), |end| format!(" to {}", long_date(end)));
            Some(format!("{} has it from {}{until}", v.id, long_date(item.start)))
        })
        .collect();
    if !spans.is_empty() {
        return Err(Failure::new(format!(
            "the service `{id}` is not in force on {}: {}; give the day with --date, or the service in force that day",
            long_date(day),
            join_and(&spans)
        )));
    }
    if case.versions.iter().any(|v| v.accommodations.iter().any(|a| a.id == id)) {
        return Err(Failure::new(format!(
            "`{id}` is an accommodation, not a service: record it with --yes, --no or --partly"
        )));
    }
    let ids: Vec<&str> = case.versions.iter().flat_map(|v| v.services.iter().map(|s| s.id.as_str())).collect();
    Err(unknown_id(id, &ids, "no IEP of the case has a service", "the services are"))
}

/// An id no version has: the nearest one, else every id there is.
fn unknown_id(id: &str, ids: &[&str], none_has: &str, the_ids_are: &str) -> Failure {
    let hint = match iep_load::nearest(id, ids.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("{the_ids_are} {}", list_ids(ids)),
    };
    Failure::new(format!("{none_has} with the id `{id}`; {hint}"))
}

fn check_accommodation(case: &Case, id: &str, day: NaiveDate) -> Result<(), Failure> {
    let history = TermsHistory::new(case);
    if AccommodationIds::new(case, &history).in_force(&history, id, day).is_some() {
        return Ok(());
    }
    let having: Vec<String> = case
        .versions
        .iter()
        .filter(|v| v.accommodations.iter().any(|a| a.id == id))
        .map(|v| format!("{} has it from {}", v.id, long_date(v.effective)))
        .collect();
    if !having.is_empty() {
        return Err(Failure::new(format!(
            "the accommodation `{id}` is not in force on {}: {}; give the day with --date, or the id the plan in force that day gives it",
            long_date(day),
            join_and(&having)
        )));
    }
    if case.versions.iter().any(|v| v.services.iter().any(|s| s.id == id)) {
        return Err(Failure::new(format!(
            "`{id}` is a service, not an accommodation: record it with --minutes N or --missed REASON"
        )));
    }
    let ids: Vec<&str> = case.versions.iter().flat_map(|v| v.accommodations.iter().map(|a| a.id.as_str())).collect();
    Err(unknown_id(id, &ids, "no plan of the case has an accommodation", "the accommodations are"))
}

fn list_ids(ids: &[&str]) -> String {
    let mut ids: Vec<String> = ids.iter().map(|i| format!("`{i}`")).collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() { "none yet".to_owned() } else { join_and(&ids) }
}

/// The findings the new lines bring (new, or worded anew) and the ones they
/// settle, judged on `today`.
pub struct Changes {
    pub new: Vec<Finding>,
    pub settled: Vec<Finding>,
}

pub fn changes(case: &Case, today: NaiveDate, plans: &[Plan]) -> Changes {
    let after = case.as_of(today);
    let mut before = after.clone();
    for plan in plans {
        // A file the lines would create was not there before.
        let existed = plan.before.is_some();
        before.service_logs.retain_mut(|doc| {
            if doc.path != plan.rel {
                return true;
            }
            for entry in plan.entries.iter().rev() {
                if let Entry::Session(e) = entry
                    && let Some(at) = doc.value.entries.iter().rposition(|x| x == e)
                {
                    doc.value.entries.remove(at);
                }
            }
            existed
        });
        before.check_ins.retain_mut(|doc| {
            if doc.path != plan.rel {
                return true;
            }
            for entry in plan.entries.iter().rev() {
                if let Entry::CheckIn(e) = entry
                    && let Some(at) = doc.value.entries.iter().rposition(|x| x == e)
                {
                    doc.value.entries.remove(at);
                }
            }
            existed
        });
    }
    let found_before = iep_checks::check_cut(&before, today);
    let found_after = iep_checks::check_cut(&after, today);
    let same = |a: &Finding, b: &Finding| a.code == b.code && a.subject == b.subject && a.message == b.message;
    Changes {
        new: found_after.iter().filter(|f| !found_before.iter().any(|b| same(b, f))).cloned().collect(),
        settled: found_before.iter().filter(|b| !found_after.iter().any(|f| same(b, f))).cloned().collect(),
    }
}

/// Writes every plan, each atomically, each refused if its file changed
/// since it was read.
pub fn write(dir: &Path, plans: &[Plan]) -> Result<(), Failure> {
    for plan in plans {
        crate::output::replace_case_file(dir, &plan.rel, plan.before.as_deref(), plan.after.as_bytes())?;
    }
    Ok(())
}

/// What the command prints: each line and its file, then what changed.
pub fn report(case: &Case, plans: &[Plan], changes: &Changes) -> String {
    let mut out = String::new();
    for plan in plans {
        let verb = if plan.before.is_some() { "Added to" } else { "Made" };
        let _ = writeln!(out, "{verb} {}:", plan.rel);
        for line in &plan.lines {
            let _ = writeln!(out, "  - {line}");
        }
    }
    if changes.new.is_empty() && changes.settled.is_empty() {
        out.push_str("Nothing new for the checks.\n");
        return out;
    }
    if !changes.new.is_empty() {
        out.push_str("New for the checks:\n");
        for f in &changes.new {
            let _ = writeln!(out, "  {}", finding_line(case, f));
        }
    }
    if !changes.settled.is_empty() {
        out.push_str("No longer found:\n");
        for f in &changes.settled {
            let _ = writeln!(out, "  {}", finding_line(case, f));
        }
    }
    out
}

/// "Speech-language therapy: 3 sessions missed in a row since October 7,
/// 2025 (iep letter services-concern)".
fn finding_line(case: &Case, f: &Finding) -> String {
    let message = f.message.strip_suffix('.').unwrap_or(&f.message);
    let subject = subject_name(case, &f.subject).map_or_else(|| f.subject.clone(), |name| capitalize(&name));
    let mut line = format!("{subject}: {message}");
    if let Some(letter) = f.letter {
        let _ = write!(line, " (iep letter {letter})");
    }
    line
}
