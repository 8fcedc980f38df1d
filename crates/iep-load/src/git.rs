//! The git commit a case folder is at, read from `.git` directly (no
//! subprocess, no git library): HEAD, then the loose ref or `packed-refs`.

use std::fs;
use std::path::{Path, PathBuf};

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
                if let Some((hash, refname)) = line.split_once(' ') {
                    if refname.trim() == name && is_commit(hash) {
                        return Some(hash.to_owned());
                    }
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
