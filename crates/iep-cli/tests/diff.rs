//! End-to-end tests of `iep diff` and `iep progress`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::git;

fn maya() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya")
}

fn iep(args: &[&str], dir: &Path) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_iep")).args(args).arg(dir).output().expect("iep runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(args: &[&str], dir: &Path) -> Value {
    let (code, stdout, stderr) = iep(args, dir);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

fn change<'a>(report: &'a Value, path: &str) -> &'a Value {
    report["changes"].as_array().unwrap().iter().find(|c| c["path"] == path).unwrap_or_else(|| panic!("no {path}"))
}

#[test]
fn diff_of_the_two_latest_versions_says_who_agreed() {
    let report = json(&["diff", "--as-of", "2026-04-20", "--format", "json"], &maya());
    assert_eq!(report["from"]["id"], "iep-2025");
    assert_eq!(report["to"]["id"], "iep-2025-amend1");
    let speech = change(&report, "services.speech");
    assert_eq!(speech["fields"][0]["field"], "amount");
    assert_eq!(speech["fields"][0]["trend"], "reduced");
    assert_eq!(speech["agreement"]["meetings"].as_array().unwrap().len(), 0);
    let ot = change(&report, "services.ot");
    assert_eq!(ot["agreement"]["meetings"][0]["date"], "2026-01-27");
    assert_eq!(ot["agreement"]["notices"][0]["date"], "2026-02-05");
    assert_eq!(change(&report, "accommodations.A6")["kind"], "added");

    let (code, text, _) = iep(&["diff", "--as-of", "2026-04-20"], &maya());
    assert_eq!(code, 0);
    assert!(
        text.contains("Speech-language therapy went from 2 x 30 min per week (60 min) to 1 x 30 min per week (30 min)"),
        "{text}"
    );
    assert!(text.contains("agreed by: nobody"));
    assert!(text.contains("agreed by: the meeting of 2026-01-27"));
}

#[test]
fn diff_from_to_and_unknown_ids() {
    let report = json(&["diff", "--from", "iep-2025", "--to", "iep-2025-amend1", "--format", "json"], &maya());
    assert_eq!(report["changes"].as_array().unwrap().len(), 6);
    let (code, _, stderr) = iep(&["diff", "--from", "iep-2024", "--to", "iep-2025-amend1"], &maya());
    assert_eq!(code, 2);
    assert!(stderr.contains("iep-2024"), "{stderr}");
}

#[test]
fn diff_progress_compares_the_two_latest_reports() {
    let report = json(&["diff", "--progress", "--as-of", "2026-04-20", "--format", "json"], &maya());
    assert_eq!(report["before"], "2026-01-30");
    assert_eq!(report["after"], "2026-04-10");
    let g1 = report["goals"].as_array().unwrap().iter().find(|g| g["goal"] == "G1").unwrap();
    assert_eq!(g1["value_before"], 50.0);
    assert_eq!(g1["value_after"], 47.0);
    assert_eq!(g1["status_after"], "on track");
    let g4 = report["goals"].as_array().unwrap().iter().find(|g| g["goal"] == "G4").unwrap();
    assert_eq!(g4["in_after"], false);
}

#[test]
fn progress_shows_projection_and_pace() {
    let report = json(&["progress", "--as-of", "2026-04-20", "--format", "json"], &maya());
    let goal = |id: &str| report["goals"].as_array().unwrap().iter().find(|g| g["id"] == id).unwrap().clone();
    assert_eq!(goal("G1")["on_pace"], false);
    assert_eq!(goal("G2")["on_pace"], false);
    assert_eq!(goal("G3")["on_pace"], true);
    assert_eq!(goal("G3")["target"], 60.0, "judged as the version in force writes it");
    let projected = goal("G1")["projection"].as_f64().unwrap();
    assert!((projected - (35.0 + 12.0 * 287.0 / 221.0)).abs() < 1e-6);
    let (_, text, _) = iep(&["progress", "--as-of", "2026-04-20"], &maya());
    assert!(text.contains("NOT on pace"), "{text}");
}

const CASE: &str = "kind: case\nchild: {name: Sam Rivera}\nparent: {name: Alex Rivera}\n";

fn version(amount: &str) -> String {
    format!(
        "kind: iep\nid: iep-2025\nplan: iep\neffective: 2025-09-15\nend: 2026-09-14\nservices:\n  - {{id: speech, service: Speech-language therapy, amount: {amount}}}\n"
    )
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(listing(&path));
        } else {
            out.push(format!("{} {}", path.display(), std::fs::read_to_string(&path).unwrap_or_default()));
        }
    }
    out.sort();
    out
}

#[test]
fn diff_rev_compares_a_git_revision_with_the_working_tree() {
    let repo = tempfile::tempdir().unwrap();
    // The case is a subfolder of the repository.
    let case = repo.path().join("cases").join("sam");
    std::fs::create_dir_all(case.join("iep")).unwrap();
    std::fs::write(case.join("case.yaml"), CASE).unwrap();
    std::fs::write(case.join("iep/2025-09-15.yaml"), version("2 x 30 min per week")).unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "case"]);
    std::fs::write(case.join("iep/2025-09-15.yaml"), version("1 x 30 min per week")).unwrap();
    let before = listing(&case);

    let report = json(&["diff", "--rev", "HEAD", "--format", "json"], &case);
    assert_eq!(report["versions"][0]["id"], "iep-2025");
    assert_eq!(report["versions"][0]["status"], "changed");
    let field = &report["versions"][0]["changes"][0]["fields"][0];
    assert_eq!(field["field"], "amount");
    assert_eq!(field["before"], "2 x 30 min per week");
    assert_eq!(field["after"], "1 x 30 min per week");

    let (code, text, stderr) = iep(&["diff", "--rev", "HEAD"], &case);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("went from 2 x 30 min per week (60 min) to 1 x 30 min per week (30 min)"), "{text}");
    assert_eq!(listing(&case), before, "nothing is written into the case folder");

    let (code, _, stderr) = iep(&["diff", "--rev", "no-such-branch"], &case);
    assert_eq!(code, 2);
    assert!(stderr.contains("no-such-branch"), "{stderr}");
}

fn report(date: &str, value: u32, narrative: &str) -> String {
    format!(
        "kind: progress-report\ndate: {date}\niep: iep-2025\ngoals:\n  - {{goal: G1, value: {value}, status: progressing, narrative: {narrative}}}\n"
    )
}

#[test]
fn diff_rev_shows_progress_reports_edited_since_and_new_ones_against_last_quarter() {
    let repo = tempfile::tempdir().unwrap();
    let case = repo.path().join("sam");
    std::fs::create_dir_all(case.join("iep")).unwrap();
    std::fs::create_dir_all(case.join("progress")).unwrap();
    std::fs::write(case.join("case.yaml"), CASE).unwrap();
    let goal = "goals:\n  - {id: G1, area: Reading, statement: Sam will read 60 words a minute., measure: words read correctly a minute, baseline: {value: 30, date: 2025-09-01}, target: {value: 60}}\n";
    std::fs::write(case.join("iep/2025-09-15.yaml"), version("2 x 30 min per week") + goal).unwrap();
    std::fs::write(case.join("progress/2025-11-14.yaml"), report("2025-11-14", 40, "Sam read 40 words a minute."))
        .unwrap();
    std::fs::write(case.join("progress/2026-01-30.yaml"), report("2026-01-30", 44, "Sam is making progress.")).unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "last quarter"]);
    // This quarter: a new report pasted from the last one, and last
    // quarter's report quietly edited after it was sent.
    std::fs::write(case.join("progress/2026-04-10.yaml"), report("2026-04-10", 44, "Sam is making progress.")).unwrap();
    std::fs::write(case.join("progress/2025-11-14.yaml"), report("2025-11-14", 35, "Sam read 40 words a minute."))
        .unwrap();

    let out = json(&["diff", "--rev", "HEAD", "--format", "json"], &case);
    assert_eq!(out["versions"].as_array().unwrap().len(), 0, "no IEP version changed");
    let reports = out["progress_reports"].as_array().unwrap();
    assert_eq!(reports.len(), 2, "{reports:?}");
    let edited = reports.iter().find(|r| r["status"] == "changed").unwrap();
    assert_eq!(edited["document"], "progress/2025-11-14.yaml");
    assert_eq!(edited["against"]["goals"][0]["value_before"], 40.0);
    assert_eq!(edited["against"]["goals"][0]["value_after"], 35.0);
    let added = reports.iter().find(|r| r["status"] == "added").unwrap();
    assert_eq!(added["document"], "progress/2026-04-10.yaml");
    assert_eq!(added["against"]["before"], "2026-01-30", "compared with the latest report at the revision");
    assert_eq!(added["against"]["goals"][0]["narrative_similarity"], 1.0);

    let (code, text, stderr) = iep(&["diff", "--rev", "HEAD"], &case);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("The report of 2025-11-14 (progress/2025-11-14.yaml) was edited since"), "{text}");
    assert!(text.contains("value:     40 -> 35"), "{text}");
    assert!(
        text.contains("The report of 2026-04-10 (progress/2026-04-10.yaml) is new; against the latest report at"),
        "{text}"
    );
    assert!(text.contains("100% the same as before: copied?"), "{text}");
}

/// git run in `repo` with `input` on its standard input; its output, trimmed.
fn git_with_input(repo: &Path, args: &[&str], input: &str) -> String {
    use std::io::Write as _;
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("git runs");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "git {args:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Issue 22: a branch built with `git mktree` whose case folder holds `..`
/// entries (which `git clone` carries) made `iep diff --rev` write a file
/// outside its temporary copy. Nothing is written, and the revision is refused.
#[test]
fn diff_rev_refuses_a_tree_whose_names_lead_out_of_the_copy() {
    let repo = tempfile::tempdir().unwrap();
    let case = repo.path().join("cases").join("sam");
    std::fs::create_dir_all(&case).unwrap();
    std::fs::write(case.join("case.yaml"), CASE).unwrap();
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "."]);
    git(repo.path(), &["commit", "-q", "-m", "case"]);
    let r = repo.path();
    let evil = git_with_input(r, &["hash-object", "-w", "--stdin"], "pwned: true\n");
    let case_blob = git_with_input(r, &["rev-parse", "HEAD:cases/sam/case.yaml"], "");
    let tree = |entries: &str| git_with_input(r, &["mktree"], entries);
    // `sam/../../pwned.yaml`: two levels up from the copy of `sam`, which
    // is the temporary folder the test gives.
    let pwned = tree(&format!("100644 blob {evil}\tpwned.yaml\n"));
    let inner = tree(&format!("040000 tree {pwned}\t..\n"));
    let sam = tree(&format!("100644 blob {case_blob}\tcase.yaml\n040000 tree {inner}\t..\n"));
    let cases = tree(&format!("040000 tree {sam}\tsam\n"));
    let root = tree(&format!("040000 tree {cases}\tcases\n"));
    let commit = git_with_input(r, &["commit-tree", &root, "-m", "evil"], "");
    git(r, &["branch", "evil", &commit]);

    // The temporary copy goes under a folder of the test's own, so that
    // whatever leaves it can be found.
    let temp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_iep"))
        .args(["diff", "--rev", "evil"])
        .arg(&case)
        .env("TMPDIR", temp.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("..") && stderr.contains("pwned.yaml"), "the message names the entry: {stderr}");
    assert!(!temp.path().join("pwned.yaml").exists(), "written outside the copy");
    assert_eq!(std::fs::read_dir(temp.path()).unwrap().count(), 0, "the temporary copy is gone");
}
