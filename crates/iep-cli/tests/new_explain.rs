//! `iep new`, `iep explain` and `iep completions`, end to end.

use std::process::{Command, Output};

fn iep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iep")).args(args).output().expect("run iep")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_case_of_fresh_templates_of_every_kind_loads() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let d = dir.to_str().unwrap();
    assert_eq!(iep(&["init", d]).status.code(), Some(0));
    // Every kind but the case file, which `iep init` writes.
    for kind in iep_load::kind_names().into_iter().filter(|k| *k != "case") {
        let out = iep(&["new", kind, d, "--date", "2026-03-02"]);
        assert_eq!(out.status.code(), Some(0), "{kind}: {}", stderr(&out));
    }
    for file in [
        "calendar.yaml",
        "iep/2026-03-02.yaml",
        "letters/2026-03-02-other.yaml",
        "log/home.yaml",
        "log/check-ins.yaml",
        "consents/2026-03-02.yaml",
    ] {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema="), "{file}");
    }
    let schema_line = std::fs::read_to_string(dir.join("iep/2026-03-02.yaml")).unwrap();
    assert!(schema_line.starts_with("# yaml-language-server: $schema=../.iep/schemas/iep.json\n"));
    assert!(dir.join(".iep/schemas/iep.json").is_file(), "the schema the line points to is in the case");
    let check = iep(&["check", "--as-of", "2026-04-20", d]);
    assert_eq!(check.status.code(), Some(0), "the templates load: {}", stderr(&check));
}

#[test]
fn new_never_overwrites_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let d = dir.to_str().unwrap();
    assert_eq!(iep(&["init", d]).status.code(), Some(0));
    assert_eq!(iep(&["new", "meeting", d, "--date", "2026-03-02"]).status.code(), Some(0));
    let path = dir.join("meetings/2026-03-02.yaml");
    std::fs::write(&path, "kind: meeting\n# mine\n").unwrap();
    let again = iep(&["new", "meeting", d, "--date", "2026-03-02"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("2026-03-02.yaml") && stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "kind: meeting\n# mine\n");
    let case = iep(&["new", "case", d]);
    assert_eq!(case.status.code(), Some(2), "case.yaml from init is never replaced");
}

#[test]
fn explain_prints_a_checks_documentation_and_suggests_a_code() {
    let out = iep(&["explain", "repeated-misses"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("repeated-misses\n") && text.contains("Why it matters"), "{text}");
    let wrong = iep(&["explain", "repeated-miss"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("did you mean `repeated-misses`"), "{}", stderr(&wrong));
}

#[test]
fn explain_knows_the_accommodation_checks() {
    for (code, words) in [("accommodation-not-provided", "`no` outweighs"), ("staff-not-informed", "34 CFR 300.323(d)")]
    {
        let out = iep(&["explain", code]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.starts_with(&format!("{code}\n")), "{text}");
        assert!(text.contains("Letter: iep letter services-concern") && text.contains(words), "{text}");
    }
}

#[test]
fn completions_are_written_for_a_shell() {
    let out = iep(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("iep") && text.contains("explain"), "{text}");
}

/// Issue 22: `iep new` never writes through a link: an `iep/` or `.iep/`
/// that links outside the case is refused, and nothing is written there.
#[cfg(unix)]
#[test]
fn new_never_writes_through_a_link() {
    for linked in ["iep", ".iep", ".iep/schemas"] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sam");
        let d = dir.to_str().unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("case.yaml"), "kind: case\nchild: {name: Sam}\nparent: {name: Alex}\n").unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(&elsewhere).unwrap();
        if let Some(parent) = std::path::Path::new(linked).parent() {
            std::fs::create_dir_all(dir.join(parent)).unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, dir.join(linked)).unwrap();
        let out = iep(&["new", "iep", d, "--date", "2026-03-02"]);
        assert_eq!(out.status.code(), Some(2), "{linked}: {}", stderr(&out));
        assert!(stderr(&out).contains(linked) && stderr(&out).contains("link"), "{linked}: {}", stderr(&out));
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0, "{linked}: written through the link");
        if linked != "iep" {
            assert!(!dir.join("iep/2026-03-02.yaml").exists(), "{linked}: nothing is written before the refusal");
        }
    }
}

/// `iep ARGS` run by a shell with standard output redirected by `redirect`
/// (`>&-` closes it, `>/dev/full` fills it).
#[cfg(unix)]
fn iep_with_stdout(args: &[&str], redirect: &str) -> Output {
    let script = format!("exec \"$0\" \"$@\" {redirect}");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_iep"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .output()
        .expect("run iep")
}

/// Issue 22: `explain > /dev/full` panicked; standard output closed or full
/// is one line and a non-zero exit, never a panic.
#[cfg(unix)]
#[test]
fn explain_and_completions_to_a_closed_or_full_output_fail_in_one_line() {
    for args in [&["explain", "repeated-misses"][..], &["completions", "bash"][..]] {
        for redirect in [">/dev/full", ">&-"] {
            let out = iep_with_stdout(args, redirect);
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?} {redirect}: {err}");
            assert!(!err.contains("panicked"), "{args:?} {redirect}: {err}");
            assert_eq!(err.lines().count(), 1, "{args:?} {redirect}: {err}");
            assert!(err.contains("standard output"), "{args:?} {redirect}: {err}");
        }
    }
}

/// Issue 22: a fresh `iep init` said "Every check passed" when no check had
/// anything to look at; it says what to fill in first.
#[test]
fn a_fresh_case_says_what_to_fill_in_first() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sam");
    let d = dir.to_str().unwrap();
    assert_eq!(iep(&["init", d]).status.code(), Some(0));
    let out = iep(&["check", d, "--as-of", "2026-04-20"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("Every check passed"), "{text}");
    assert!(
        text.contains("no IEP or 504 plan") && text.contains("case.yaml") && text.contains("iep new iep"),
        "{text}"
    );
}
