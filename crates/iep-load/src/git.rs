//! The one place that knows git. [`revision`]: the commit a case folder is
//! at, read from `.git` directly (no subprocess, every load asks): HEAD, then
//! the loose ref or `packed-refs`. [`load_at`]: the case as it was at any
//! revision, read through the `git` program (packed objects need it).

use std::fmt;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

use crate::Loaded;

/// The case folder as it was at a revision.
#[derive(Debug)]
pub struct AtRevision {
    /// The full commit the revision names.
    pub commit: String,
    /// The case loaded from that commit's files (its `revision` is the commit).
    pub loaded: Loaded,
}

/// Why the case could not be read at a revision.
#[derive(Debug)]
pub enum RevisionError {
    /// The `git` program is not installed (or not on the PATH).
    NoGit,
    /// The `git` program could not be run for another reason.
    GitFailed(String),
    /// The folder is not in a git repository.
    NotARepository(PathBuf),
    /// The case folder is not in the revision (it was added later).
    NotInRevision { rev: String, folder: String },
    /// The revision names no commit of the repository holding the folder.
    NotARevision { rev: String, dir: PathBuf },
    /// `git` ran and failed.
    Git { command: String, stderr: String },
    /// The temporary copy could not be written.
    Copy(String),
    /// A file name in the revision's tree could lead out of the copy.
    UnsafeName { name: String, entry: String },
}

impl fmt::Display for RevisionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RevisionError::NoGit => {
                write!(f, "git is not installed (or not on the PATH); reading the case at a revision needs git")
            }
            RevisionError::GitFailed(e) => {
                write!(f, "could not run git ({e}); reading the case at a revision needs git")
            }
            RevisionError::NotARepository(dir) => write!(
                f,
                "`{}` is not a git repository (nor inside one), so there is no revision to compare with; `git init` there starts one",
                dir.display()
            ),
            RevisionError::NotInRevision { rev, folder } => {
                write!(
                    f,
                    "the case folder did not exist at {rev}: `{folder}` is not in that revision; give a later one"
                )
            }
            RevisionError::NotARevision { rev, dir } => {
                write!(f, "`{rev}` is not a git revision of the repository holding `{}`", dir.display())
            }
            RevisionError::Git { command, stderr } => write!(f, "git {command} failed: {stderr}"),
            RevisionError::Copy(e) => write!(f, "could not write a temporary copy: {e}"),
            RevisionError::UnsafeName { name, entry } => write!(
                f,
                "the revision holds a file named `{name}`, and `{entry}` is not a name a file can have in a case folder; \
                 nothing was copied: compare with a revision made by a normal `git commit`"
            ),
        }
    }
}

impl std::error::Error for RevisionError {}

/// Loads the case folder `dir` as it was at `rev` (a commit, tag or branch):
/// its YAML files at that commit are copied into a temporary folder of the
/// same name and loaded there. Never touches `dir` or the repository.
pub fn load_at(dir: &Path, rev: &str, as_of: chrono::NaiveDate) -> Result<AtRevision, RevisionError> {
    // First: is there a repository at all (and git to read it)?
    match git(dir, &["rev-parse", "--is-inside-work-tree"]) {
        Ok(out) if String::from_utf8_lossy(&out).trim() == "true" => {}
        Ok(_) => return Err(RevisionError::NotARepository(dir.to_owned())),
        Err(RevisionError::Git { stderr, .. }) if stderr.contains("not a git repository") => {
            return Err(RevisionError::NotARepository(dir.to_owned()));
        }
        Err(e) => return Err(e),
    }
    let commit_spec = format!("{rev}^{{commit}}");
    let commit = match git(dir, &["rev-parse", "--verify", "--quiet", &commit_spec]) {
        Ok(out) => String::from_utf8_lossy(&out).trim().to_owned(),
        Err(RevisionError::Git { .. }) => {
            return Err(RevisionError::NotARevision { rev: rev.to_owned(), dir: dir.to_owned() });
        }
        Err(e) => return Err(e),
    };
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"])?).trim().to_owned();
    if !prefix.is_empty() && git(dir, &["cat-file", "-e", &format!("{commit}:{prefix}")]).is_err() {
        return Err(RevisionError::NotInRevision {
            rev: rev.to_owned(),
            folder: prefix.trim_end_matches('/').to_owned(),
        });
    }
    // Not a hidden name (`.tmp...`): the loader skips hidden folders.
    let temp = tempfile::Builder::new().prefix("iep-rev-").tempdir().map_err(|e| RevisionError::Copy(e.to_string()))?;
    let name =
        dir.canonicalize().ok().and_then(|d| d.file_name().map(ToOwned::to_owned)).unwrap_or_else(|| "case".into());
    let old_dir = temp.path().join(name);
    fs::create_dir_all(&old_dir).map_err(|e| RevisionError::Copy(e.to_string()))?;
    export_case(dir, &commit, &old_dir)?;
    let mut loaded = crate::load_as_of(&old_dir, as_of);
    if let Some(case) = &mut loaded.case {
        case.revision = Some(commit.clone());
    }
    Ok(AtRevision { commit, loaded })
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, RevisionError> {
    let output =
        Command::new("git").arg("-C").arg(dir).args(args).stdin(std::process::Stdio::null()).output().map_err(|e| {
            match e.kind() {
                std::io::ErrorKind::NotFound => RevisionError::NoGit,
                _ => RevisionError::GitFailed(e.to_string()),
            }
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(RevisionError::Git { command: args.join(" "), stderr });
    }
    Ok(output.stdout)
}

/// Writes the YAML files of the case folder at `commit` into `into`. Every
/// name is checked before anything is written: a tree can hold entries a
/// checkout never makes (`..`, `/`), and `git clone` carries them.
fn export_case(dir: &Path, commit: &str, into: &Path) -> Result<(), RevisionError> {
    let prefix = String::from_utf8_lossy(&git(dir, &["rev-parse", "--show-prefix"])?).trim().to_owned();
    let tree = format!("{commit}:{prefix}");
    let listing = git(dir, &["ls-tree", "-r", "-z", "--full-tree", "--name-only", &tree])?;
    let mut names = Vec::new();
    for name in listing.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        if let Some(bad) = name.split('/').find(|part| !is_safe_entry_name(part)) {
            return Err(RevisionError::UnsafeName { name: name.clone(), entry: bad.to_owned() });
        }
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            names.push(name);
        }
    }
    for name in names {
        let path = into.join(&name);
        // Belt and braces: the checked names cannot leave `into`.
        let relative = Path::new(&name).components().all(|c| matches!(c, Component::Normal(_)));
        if !relative || !path.starts_with(into) {
            return Err(RevisionError::UnsafeName { name: name.clone(), entry: name });
        }
        let content = git(dir, &["show", &format!("{commit}:{prefix}{name}")])?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| RevisionError::Copy(e.to_string()))?;
        }
        fs::write(&path, content).map_err(|e| RevisionError::Copy(e.to_string()))?;
    }
    Ok(())
}

/// A name one tree entry may have: not `.`, `..` or empty, not absolute,
/// and holding no separator of any system.
fn is_safe_entry_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', '\0'])
        && !Path::new(name).is_absolute()
}

/// The commit of the work tree holding `dir`, or `None` outside git (or on a
/// branch with no commit yet).
pub fn revision(dir: &Path) -> Option<String> {
    let start = dir.canonicalize().ok()?;
    let git_dir = start.ancestors().find_map(git_dir_at)?;
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    match head.strip_prefix("ref:") {
        None => is_commit(head).then(|| head.to_owned()),
        Some(name) => resolve_ref(&git_dir, name.trim()),
    }
}

/// The git directory of a work tree rooted at `dir`: `.git` itself, or the
/// directory a `.git` file points to (worktrees, submodules).
fn git_dir_at(dir: &Path) -> Option<PathBuf> {
    let dot_git = dir.join(".git");
    let meta = fs::metadata(&dot_git).ok()?;
    if meta.is_dir() {
        return Some(dot_git);
    }
    let text = fs::read_to_string(&dot_git).ok()?;
    let target = text.trim().strip_prefix("gitdir:")?.trim();
    let path = Path::new(target);
    Some(if path.is_absolute() { path.to_owned() } else { dir.join(path) })
}

fn resolve_ref(git_dir: &Path, name: &str) -> Option<String> {
    // A linked worktree keeps branch refs in the common directory.
    let common = fs::read_to_string(git_dir.join("commondir"))
        .ok()
        .map(|c| {
            let c = PathBuf::from(c.trim());
            if c.is_absolute() { c } else { git_dir.join(c) }
        })
        .unwrap_or_else(|| git_dir.to_owned());
    for base in [git_dir, common.as_path()] {
        if name.contains("..") {
            return None;
        }
        if let Ok(text) = fs::read_to_string(base.join(name)) {
            let text = text.trim();
            if let Some(inner) = text.strip_prefix("ref:") {
                return resolve_ref(git_dir, inner.trim()).filter(|_| inner.trim() != name);
            }
            if is_commit(text) {
                return Some(text.to_owned());
            }
        }
        if let Ok(packed) = fs::read_to_string(base.join("packed-refs")) {
            for line in packed.lines() {
                if let Some((hash, refname)) = line.split_once(' ')
                    && refname.trim() == name
                    && is_commit(hash)
                {
                    return Some(hash.to_owned());
                }
            }
        }
    }
    None
}

fn is_commit(text: &str) -> bool {
    (text.len() == 40 || text.len() == 64) && text.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_loose_and_packed_refs_and_detached_heads() {
        let dir = tempfile::tempdir().unwrap();
        let git = dir.path().join(".git");
        fs::create_dir_all(git.join("refs/heads")).unwrap();
        let case = dir.path().join("cases/maya");
        fs::create_dir_all(&case).unwrap();
        let a = "a".repeat(40);
        let b = "b".repeat(40);

        fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        assert_eq!(revision(&case), None, "a branch with no commit yet");

        fs::write(git.join("packed-refs"), format!("# pack-refs\n{b} refs/heads/main\n")).unwrap();
        assert_eq!(revision(&case), Some(b.clone()));

        fs::write(git.join("refs/heads/main"), format!("{a}\n")).unwrap();
        assert_eq!(revision(&case), Some(a.clone()), "a loose ref wins over packed-refs");

        fs::write(git.join("HEAD"), format!("{b}\n")).unwrap();
        assert_eq!(revision(&case), Some(b));
    }

    #[test]
    fn outside_git_there_is_no_revision() {
        let dir = tempfile::tempdir().unwrap();
        // tempdir may itself sit inside a repository on some machines; only
        // assert when none of its ancestors is one.
        if dir.path().ancestors().all(|p| !p.join(".git").exists()) {
            assert_eq!(revision(dir.path()), None);
        }
    }
}
