//! Where iep may write: one policy for every command that writes a file
//! (`build`, `letter`, `packet`, `deadlines --ics`).
//!
//! - Inside the case folder, iep writes only under `out/`: `-o` and `--ics`
//!   never name a path elsewhere in the case, not even with `--force` (a
//!   case file, the README, `.git/config`, a scanned PDF).
//! - A file is replaced only when the case's manifest `out/.iep-build` says
//!   iep wrote it there and its bytes are still the ones iep wrote (checksum).
//!   The manifest vouches only for files in `out/`: a line naming a file
//!   elsewhere (a shared case folder can carry one) is ignored. Anything
//!   else in the way (a parent's own file, a letter the parent annotated, a
//!   file `-o` wrote outside the case) is refused by name; `--force`
//!   replaces such a file.
//! - Special files (devices, pipes, sockets, folders) and links are never read
//!   and never replaced: `-o /dev/stdout` cannot hang, `-o -` is the way to
//!   standard output.
//! - The manifest is a journal: every output's new checksum is recorded next
//!   to its old one before the file is renamed into place, and only then is
//!   the old one dropped. A crash, a full disk or a kill at any moment leaves
//!   each file matching a checksum the manifest lists, so the next run can
//!   replace it.
//! - `out/` is locked (`out/.iep-lock`) while a command writes, so two runs on
//!   one case never interleave their journals.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::common::Failure;

/// The folder under the case folder that `iep` writes into.
pub const OUT_DIR: &str = "out";
/// The list of files `iep` wrote, with a checksum of each.
pub const MANIFEST: &str = ".iep-build";
/// Held locked while a command writes.
pub const LOCK: &str = ".iep-lock";

/// Which command wrote a file: `build` removes its own outputs that a later
/// build no longer makes, never a letter `iep letter` wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Build,
    Other,
}

impl Origin {
    fn word(self) -> &'static str {
        match self {
            Origin::Build => "build",
            Origin::Other => "other",
        }
    }
}

/// Where a command's one output goes: `-o -` is standard output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdout,
    File(PathBuf),
}

impl Target {
    pub fn from_arg(path: &Path) -> Target {
        if path.as_os_str() == "-" { Target::Stdout } else { Target::File(path.to_owned()) }
    }
}

/// What happened to one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    New,
    Replaced,
    Unchanged,
    /// Something iep may not replace is in the way; the text says what.
    Refused(String),
    /// Writing failed (a full disk, no permission); the text says why.
    Failed(String),
}

impl Written {
    /// Why the file is not there, as a sentence, or `None` when it is.
    pub fn problem(&self) -> Option<&str> {
        match self {
            Written::Refused(why) | Written::Failed(why) => Some(why),
            _ => None,
        }
    }
}

/// One manifest line's file: its checksums (more than one only while a write
/// is under way or after it was cut short) and who wrote it.
#[derive(Debug, Clone)]
struct Entry {
    sums: BTreeSet<String>,
    origin: Origin,
}

/// The case's `out/` folder, locked, with its manifest.
pub struct Outputs {
    pub dir: PathBuf,
    case_real: PathBuf,
    out_real: PathBuf,
    manifest: BTreeMap<String, Entry>,
    force: bool,
    /// Locked for as long as this value lives.
    _lock: File,
}

/// A file ready to be renamed into place.
struct Staged {
    index: usize,
    key: Option<String>,
    sum: String,
    replace: bool,
    tmp: tempfile::NamedTempFile,
}

impl Outputs {
    /// Opens (creating it if needed) `CASE/out` and locks it. A link or a
    /// file named `out` is refused: iep writes nowhere outside the case.
    pub fn open(case_dir: &Path, force: bool) -> Result<Outputs, Failure> {
        let dir = case_dir.join(OUT_DIR);
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Failure::new(format!(
                    "`{}` is a link to another place; iep writes only into a real `out` folder inside the case folder: remove the link",
                    dir.display()
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(Failure::new(format!(
                    "`{}` is not a folder; iep writes its outputs into the folder `out`: move that file away",
                    dir.display()
                )));
            }
            Ok(_) => {}
            Err(_) => fs::create_dir(&dir)
                .map_err(|e| Failure::new(format!("cannot create the folder `{}`: {e}", dir.display())))?,
        }
        let case_real = real(case_dir)?;
        let out_real = real(&dir)?;
        if !out_real.starts_with(&case_real) {
            return Err(Failure::new(format!(
                "`{}` leads outside the case folder; iep writes only into a real `out` folder inside it",
                dir.display()
            )));
        }
        let lock = open_lock(&dir)?;
        remove_leftover_temporaries(&dir);
        let manifest = read_manifest(&dir.join(MANIFEST));
        Ok(Outputs { dir, case_real, out_real, manifest, force, _lock: lock })
    }

    /// Writes one output (see [`Outputs::write_all`]).
    pub fn write(&mut self, path: &Path, bytes: &[u8], origin: Origin) -> Written {
        self.write_all(&[(path.to_owned(), bytes, origin)])
            .pop()
            .unwrap_or(Written::Failed("nothing was written".into()))
    }

    /// Writes every output the policy allows, journaled: temporaries first,
    /// then the manifest with old and new checksums, then the renames, then
    /// the manifest with only what is on disk. One result per output, in order.
    pub fn write_all(&mut self, outputs: &[(PathBuf, &[u8], Origin)]) -> Vec<Written> {
        let mut results: Vec<Written> = Vec::with_capacity(outputs.len());
        let mut staged = Vec::new();
        let mut recorded_unchanged = false;
        for (index, (path, bytes, origin)) in outputs.iter().enumerate() {
            let sum = checksum(bytes);
            let key = self.key(path);
            match self.decide(path, key.as_deref(), bytes) {
                Err(refused) => results.push(refused),
                Ok(None) => {
                    // The very bytes are there: nothing to write, but from
                    // now on the file is known as iep's.
                    if let Some(key) = &key {
                        let entry = self
                            .manifest
                            .entry(key.clone())
                            .or_insert_with(|| Entry { sums: BTreeSet::new(), origin: *origin });
                        recorded_unchanged |= entry.sums.insert(sum.clone()) || entry.origin != *origin;
                        entry.origin = *origin;
                    }
                    results.push(Written::Unchanged);
                }
                Ok(Some(replace)) => match stage(path, bytes) {
                    Ok(tmp) => {
                        results.push(Written::New);
                        staged.push(Staged { index, key, sum, replace, tmp });
                    }
                    Err(e) => results.push(Written::Failed(format!("cannot write `{}`: {e}", path.display()))),
                },
            }
        }
        if staged.is_empty() {
            if recorded_unchanged {
                let _ = self.save_manifest();
            }
            return results;
        }
        for s in &staged {
            if let Some(key) = &s.key {
                let origin = outputs[s.index].2;
                let entry = self.manifest.entry(key.clone()).or_insert_with(|| Entry { sums: BTreeSet::new(), origin });
                entry.sums.insert(s.sum.clone());
                entry.origin = origin;
            }
        }
        if let Err(e) = self.save_manifest() {
            for s in staged {
                results[s.index] = Written::Failed(format!(
                    "`{}` was not written: the list of files iep wrote could not be saved first ({e})",
                    outputs[s.index].0.display()
                ));
            }
            return results;
        }
        for s in staged {
            let path = &outputs[s.index].0;
            let renamed =
                if s.replace { s.tmp.persist(path).map(|_| ()) } else { s.tmp.persist_noclobber(path).map(|_| ()) };
            match renamed {
                Ok(()) => {
                    results[s.index] = if s.replace { Written::Replaced } else { Written::New };
                    if let Some(entry) = s.key.as_ref().and_then(|k| self.manifest.get_mut(k)) {
                        entry.sums = BTreeSet::from([s.sum]);
                    }
                }
                Err(e) => {
                    results[s.index] = Written::Failed(format!("cannot write `{}`: {}", path.display(), e.error));
                    if let Some(key) = &s.key {
                        let entry = self.manifest.get_mut(key);
                        if let Some(entry) = entry {
                            entry.sums.remove(&s.sum);
                            if entry.sums.is_empty() {
                                self.manifest.remove(key);
                            }
                        }
                    }
                }
            }
        }
        // The journal above already allows what is on disk; a failure to
        // shorten it costs nothing but an extra checksum.
        let _ = self.save_manifest();
        results
    }

    /// `Ok(None)`: the same bytes are there; `Ok(Some(replace))`: write it;
    /// `Err`: refused, with the reason.
    fn decide(&self, path: &Path, key: Option<&str>, bytes: &[u8]) -> Result<Option<bool>, Written> {
        let shown = path.display();
        if self.leaves_case(path) {
            return Err(Written::Refused(format!(
                "`{shown}` is inside the case folder but through a link that leads elsewhere; iep writes nothing through such a link"
            )));
        }
        if self.in_case_outside_out(path) {
            return Err(Written::Refused(format!(
                "`{shown}` is in the case folder but not in its `out` folder; iep writes into a case folder only under `out/`, not even with --force: write it into `out/` or outside the case folder"
            )));
        }
        let meta = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(false)),
            Err(e) => return Err(Written::Failed(format!("cannot look at `{shown}`: {e}"))),
            Ok(meta) => meta,
        };
        if meta.file_type().is_symlink() {
            return Err(Written::Refused(format!(
                "`{shown}` already exists and is a link; iep never writes through a link nor replaces one: choose another file name (use -o - for standard output)"
            )));
        }
        if !meta.is_file() {
            return Err(Written::Refused(format!(
                "`{shown}` already exists and is not a regular file (a folder, a device or a pipe); iep never reads or replaces one: choose another file name (use -o - for standard output)"
            )));
        }
        if self.is_internal(path) {
            return Err(Written::Refused(format!("`{shown}` is iep's own bookkeeping file; choose another file name")));
        }
        let recorded = key.and_then(|k| self.manifest.get(k));
        // Only a listed file, or one of exactly the new size, is read.
        if (recorded.is_some() || meta.len() == bytes.len() as u64)
            && let Ok(on_disk) = fs::read(path)
        {
            if on_disk == bytes {
                return Ok(None);
            }
            if recorded.is_some_and(|entry| entry.sums.contains(&checksum(&on_disk))) {
                return Ok(Some(true));
            }
        }
        if self.force {
            return Ok(Some(true));
        }
        let why = if recorded.is_some() { "it was changed since iep wrote it" } else { "iep did not write it" };
        Err(Written::Refused(format!(
            "`{shown}` already exists and {why}; iep replaces only its own unchanged files: choose another file name, move that file away, or add --force to replace it"
        )))
    }

    /// The manifest key of `path`: its name, for a file directly in `out/`;
    /// `None` for any other place (the manifest vouches for nothing there).
    fn key(&self, path: &Path) -> Option<String> {
        let name = path.file_name()?.to_str()?;
        let parent = real(parent_of(path)).ok()?;
        (parent == self.out_real && is_plain_name(name)).then(|| name.to_owned())
    }

    fn is_internal(&self, path: &Path) -> bool {
        let in_out = real(parent_of(path)).is_ok_and(|p| p == self.out_real);
        in_out && path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(".iep-"))
    }

    /// `path` is in the case folder (as written, or once links are
    /// resolved) but not in `out/`.
    fn in_case_outside_out(&self, path: &Path) -> bool {
        let parent = parent_of(path);
        if let Ok(real_parent) = real(parent) {
            if real_parent.starts_with(&self.out_real) {
                return false;
            }
            if real_parent.starts_with(&self.case_real) {
                return true;
            }
        }
        // As written: a folder that does not exist yet, or a name that only
        // passes through the case.
        let Ok(lexical) = std::path::absolute(parent).map(|p| normalize(&p)) else { return false };
        let case_lexical = self.dir.parent().and_then(|c| std::path::absolute(c).ok()).map(|c| normalize(&c));
        let out_lexical = std::path::absolute(&self.dir).ok().map(|o| normalize(&o));
        let in_case = lexical.starts_with(&self.case_real) || case_lexical.is_some_and(|c| lexical.starts_with(c));
        let in_out = lexical.starts_with(&self.out_real) || out_lexical.is_some_and(|o| lexical.starts_with(o));
        in_case && !in_out
    }

    /// `path` names a place inside the case folder, but its folder resolves
    /// (through a link) to somewhere outside it.
    fn leaves_case(&self, path: &Path) -> bool {
        let Ok(parent) = std::path::absolute(parent_of(path)) else { return false };
        let parent = normalize(&parent);
        let case_lexical = self.dir.parent().and_then(|c| std::path::absolute(c).ok()).map(|c| normalize(&c));
        let inside = parent.starts_with(&self.case_real) || case_lexical.is_some_and(|c| parent.starts_with(c));
        inside && real(&parent).is_ok_and(|p| !p.starts_with(&self.case_real))
    }

    /// Removes files an earlier build wrote that this one does not make (a
    /// letter no finding calls for any more), when they are unchanged.
    pub fn remove_stale(&mut self, produced: &[&str]) -> Vec<String> {
        let stale: Vec<String> = self
            .manifest
            .iter()
            .filter(|(name, e)| e.origin == Origin::Build && is_plain_name(name) && !produced.contains(&name.as_str()))
            .map(|(name, _)| name.clone())
            .collect();
        let mut removed = Vec::new();
        for name in stale {
            let path = self.dir.join(&name);
            let ours = fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
                && fs::read(&path).is_ok_and(|b| self.manifest[&name].sums.contains(&checksum(&b)));
            if ours && fs::remove_file(&path).is_ok() {
                removed.push(name.clone());
            }
            self.manifest.remove(&name);
        }
        let _ = self.save_manifest();
        removed
    }

    /// Files in `out/` that iep did not write, other than its own bookkeeping.
    pub fn foreign_files(&self, produced: &[&str]) -> Vec<String> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| !n.starts_with(".iep-"))
            .filter(|n| !self.manifest.contains_key(n) && !produced.contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    /// Writes the manifest atomically.
    fn save_manifest(&self) -> Result<(), String> {
        let mut text = String::from(
            "# The files iep wrote, with a checksum of each and the command that wrote it.\n\
             # iep replaces or removes a file only while it is listed here and unchanged.\n",
        );
        for (key, entry) in &self.manifest {
            for sum in &entry.sums {
                text.push_str(&format!("{sum} {} {key}\n", entry.origin.word()));
            }
        }
        let path = self.dir.join(MANIFEST);
        let tmp = stage(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        tmp.persist(&path).map_err(|e| e.error.to_string())?;
        Ok(())
    }
}

/// The manifest: `SUM ORIGIN KEY` lines (an older `SUM NAME` line is a build's).
fn read_manifest(path: &Path) -> BTreeMap<String, Entry> {
    let mut manifest: BTreeMap<String, Entry> = BTreeMap::new();
    // Only a regular file: a manifest replaced by a pipe must not hang us.
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return manifest;
    }
    let Ok(text) = fs::read_to_string(path) else {
        return manifest;
    };
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let Some((sum, rest)) = line.split_once(' ') else { continue };
        let (origin, key) = match rest.split_once(' ') {
            Some(("build", key)) => (Origin::Build, key),
            Some(("other", key)) => (Origin::Other, key),
            _ => (Origin::Build, rest),
        };
        // Only a plain name in `out/`: a line naming a file elsewhere (an
        // older iep wrote them; a shared case can carry one) proves nothing.
        if !is_plain_name(key) {
            continue;
        }
        let entry = manifest.entry(key.to_owned()).or_insert_with(|| Entry { sums: BTreeSet::new(), origin });
        entry.sums.insert(sum.to_owned());
        entry.origin = origin;
    }
    manifest
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains(['/', '\\']) && name != "." && name != ".."
}

/// Locks `out/` for this process, or says another iep is writing there.
fn open_lock(dir: &Path) -> Result<File, Failure> {
    let path = dir.join(LOCK);
    if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(Failure::new(format!("`{}` is not a regular file; remove it, it is iep's lock", path.display())));
    }
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Failure::new(format!("cannot lock the folder `{}`: {e}", dir.display())))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(fs::TryLockError::WouldBlock) => Err(Failure::new(format!(
            "another iep command is writing into `{}` right now; run this again when it has finished",
            dir.display()
        ))),
        Err(fs::TryLockError::Error(e)) => {
            Err(Failure::new(format!("cannot lock the folder `{}`: {e}", dir.display())))
        }
    }
}

/// Temporaries a killed run left in `out/` (safe to remove: `out/` is locked).
fn remove_leftover_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".iep-") && name.ends_with(".tmp") && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A temporary file beside `path` holding `bytes`, flushed to disk.
fn stage(path: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new().prefix(".iep-").suffix(".tmp").tempfile_in(parent_of(path))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn real(path: &Path) -> Result<PathBuf, Failure> {
    fs::canonicalize(path).map_err(|e| Failure::new(format!("cannot find the folder `{}`: {e}", path.display())))
}

/// `a/./b/../c` as `a/c`, without looking at the disk.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// FNV-1a, 64 bits: enough to tell that a file was changed since iep wrote it.
pub fn checksum(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("fnv64:{hash:016x}")
}

/// Writes a new file in the case folder (a `--record`), never replacing one
/// and never through a link: `folder` must be a real folder inside the case.
pub fn write_new_in_case(case_dir: &Path, folder: &Path, name: &str, bytes: &[u8]) -> Result<Option<PathBuf>, Failure> {
    match fs::symlink_metadata(folder) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Failure::new(format!(
                "`{}` is a link to another place; iep writes nothing through a link: make it a real folder inside the case",
                folder.display()
            )));
        }
        Ok(meta) if !meta.is_dir() => {
            return Err(Failure::new(format!("`{}` is not a folder", folder.display())));
        }
        Ok(_) => {}
        Err(_) => fs::create_dir_all(folder)
            .map_err(|e| Failure::new(format!("the folder `{}` could not be made: {e}", folder.display())))?,
    }
    if !real(folder)?.starts_with(real(case_dir)?) {
        return Err(Failure::new(format!(
            "`{}` leads outside the case folder; iep writes nothing through a link",
            folder.display()
        )));
    }
    let path = folder.join(name);
    if fs::symlink_metadata(&path).is_ok() {
        return Ok(None);
    }
    let tmp = stage(&path, bytes).map_err(|e| Failure::new(format!("cannot write `{}`: {e}", path.display())))?;
    match tmp.persist_noclobber(&path) {
        Ok(_) => Ok(Some(path)),
        // Someone made it meanwhile.
        Err(_) if fs::symlink_metadata(&path).is_ok() => Ok(None),
        Err(e) => Err(Failure::new(format!("cannot write `{}`: {}", path.display(), e.error))),
    }
}

/// Replaces the case file `rel` with `bytes` (an `iep log` append), or makes
/// it when `before` is `None`, atomically: a temporary file beside it, then a
/// rename. Refused when the file is no longer what `before` says (changed or
/// made while iep worked), when it or its folder is a link, or when its
/// folder leads outside the case. Missing folders are made.
pub fn replace_case_file(case_dir: &Path, rel: &str, before: Option<&[u8]>, bytes: &[u8]) -> Result<PathBuf, Failure> {
    let path = case_dir.join(rel);
    let folder = parent_of(&path).to_owned();
    let made_folder = !folder.exists();
    if made_folder {
        fs::create_dir_all(&folder)
            .map_err(|e| Failure::new(format!("the folder `{}` could not be made: {e}", folder.display())))?;
    }
    let result = replace_in(case_dir, &folder, &path, before, bytes);
    if result.is_err() && made_folder {
        // Nothing written on an error: not even the folder.
        let _ = fs::remove_dir(&folder);
    }
    result.map(|()| path)
}

fn replace_in(case_dir: &Path, folder: &Path, path: &Path, before: Option<&[u8]>, bytes: &[u8]) -> Result<(), Failure> {
    if fs::symlink_metadata(folder).is_ok_and(|m| m.file_type().is_symlink())
        || !real(folder)?.starts_with(real(case_dir)?)
    {
        return Err(Failure::new(format!(
            "`{}` leads outside the case folder or is a link; iep writes nothing through a link",
            folder.display()
        )));
    }
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Failure::new(format!(
            "`{}` is a link; iep writes nothing through a link: add the line to the file it leads to by hand",
            path.display()
        )));
    }
    let changed = || {
        Failure::new(format!(
            "`{}` changed while iep was working (another program or editor wrote to it); nothing was written: run the command again",
            path.display()
        ))
    };
    let tmp = stage(path, bytes).map_err(|e| Failure::new(format!("cannot write `{}`: {e}", path.display())))?;
    if let Ok(meta) = fs::metadata(path) {
        // The file keeps its permissions (a temporary file is private).
        let _ = fs::set_permissions(tmp.path(), meta.permissions());
    }
    match before {
        None => match tmp.persist_noclobber(path) {
            Ok(_) => Ok(()),
            Err(_) if fs::symlink_metadata(path).is_ok() => Err(changed()),
            Err(e) => Err(Failure::new(format!("cannot write `{}`: {}", path.display(), e.error))),
        },
        Some(before) => {
            if fs::read(path).ok().as_deref() != Some(before) {
                return Err(changed());
            }
            tmp.persist(path)
                .map(|_| ())
                .map_err(|e| Failure::new(format!("cannot write `{}`: {}", path.display(), e.error)))
        }
    }
}

#[cfg(test)]
#[path = "output_tests.rs"]
mod tests;
