//! `cargo xtask`: the project's chores that are not `cargo build` or `cargo test`.
//!
//! - `cargo xtask docs`: writes `docs/checks.md` from the check registry, and
//!   `docs/case-format.md` and `docs/schemas/` from the loader's types.
//! - `cargo xtask man`: writes the man page `docs/iep.1` from the CLI's definitions.
//! - `cargo xtask gen-case --years N --out DIR [--log-shape lines|block]`: a
//!   synthetic, valid case (`block`: service logs the quick reader does not take).
//! - `cargo xtask bulk-logs --case DIR --entries N`: adds N entries of every
//!   log to DIR, a copy of cases/maya (the load test of issue 22 item 7:
//!   `/usr/bin/time -v iep build DIR --as-of 2026-04-20`).
//! - `cargo xtask bench`: generates the benchmark case, then runs every benchmark
//!   (and `iep build` on the 10-year case with its peak memory, `iep_build_10y`).
//! - `cargo xtask screenshot`: renders a packet page of cases/maya to docs/packet-page.png.

mod docs;
mod format_doc;
use iep_testkit::gen_case;
mod screenshot;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask <docs [--check] | gen-case --years N --out DIR [--log-shape lines|block] | bulk-logs --case DIR --entries N | bench [BENCH-FILTER...] | screenshot [--pages DIR] | font-index | man>";
fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("docs") => docs::run(&workspace_root(), args.iter().any(|a| a == "--check")),
        Some("gen-case") => gen_case_command(&args[1..]),
        Some("bulk-logs") => bulk_logs_command(&args[1..]),
        Some("bench") => bench(&args[1..]),
        Some("font-index") => font_index(&workspace_root()),
        Some("man") => man(&workspace_root()),
        Some("screenshot") => screenshot::run(&workspace_root(), pages_dir(&args[1..])),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `--pages DIR` of `cargo xtask screenshot`.
fn pages_dir(args: &[String]) -> Option<PathBuf> {
    match args {
        [flag, dir] if flag == "--pages" => Some(PathBuf::from(dir)),
        _ => None,
    }
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}

fn gen_case_command(args: &[String]) -> Result<(), String> {
    let mut years = None;
    let mut out = None;
    let mut shape = gen_case::LogShape::Lines;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--years" => years = rest.next().and_then(|v| v.parse::<u32>().ok()),
            "--out" => out = rest.next().map(PathBuf::from),
            "--log-shape" => {
                let value = rest.next().map(String::as_str).unwrap_or_default();
                shape = gen_case::LogShape::parse(value)
                    .ok_or_else(|| format!("--log-shape is `lines` or `block`, not `{value}`; {USAGE}"))?;
            }
            _ => return Err(format!("unknown argument `{arg}`; {USAGE}")),
        }
    }
    let (Some(years), Some(out)) = (years, out) else {
        return Err(USAGE.to_owned());
    };
    gen_case::run_shaped(years, &out, shape)
}

/// `bulk-logs --case DIR --entries N`: N entries of every log, against the
/// sample case's ids, from 2026-02-10 to 2026-04-17.
fn bulk_logs_command(args: &[String]) -> Result<(), String> {
    let (Some(case), Some(entries)) = (
        args.windows(2).find(|w| w[0] == "--case").map(|w| PathBuf::from(&w[1])),
        args.windows(2).find(|w| w[0] == "--entries").and_then(|w| w[1].parse::<usize>().ok()),
    ) else {
        return Err(USAGE.to_owned());
    };
    if !case.join("case.yaml").is_file() {
        return Err(format!("{}: no case.yaml; give a copy of cases/maya", case.display()));
    }
    let ids = gen_case::BulkIds { service: "speech", accommodations: &["A1", "A2", "A3", "A5", "A6"], with: "slp" };
    let day = |text: &str| text.parse().map_err(|e| format!("{text}: {e}"));
    gen_case::bulk_logs(&case, entries, day("2026-02-10")?, day("2026-04-17")?, &ids)
}

/// The generated case the benchmarks load.
pub const BENCH_CASE: &str = "target/bench-case-10y";

/// The same case with block-style service logs: the loader's general path.
pub const BENCH_CASE_BLOCK: &str = "target/bench-case-10y-block";

fn bench(filters: &[String]) -> Result<(), String> {
    let root = workspace_root();
    for (dir, shape) in [(BENCH_CASE, gen_case::LogShape::Lines), (BENCH_CASE_BLOCK, gen_case::LogShape::Block)] {
        let case = root.join(dir);
        if !case.join("case.yaml").exists() {
            println!("generating the 10-year benchmark case in {}", case.display());
            gen_case::run_shaped(10, &case, shape)?;
        }
    }
    // The whole-process benchmarks run the release binary.
    run(Command::new(env!("CARGO")).current_dir(&root).args(["build", "--release", "-p", "iep-cli"]))?;
    if filters.is_empty() || filters.iter().any(|f| BUILD_10Y.contains(f.as_str())) {
        bench_build_10y(&root)?;
        // Filters that name only this benchmark run only it.
        if !filters.is_empty() && filters.iter().all(|f| BUILD_10Y.contains(f.as_str())) {
            return Ok(());
        }
    }
    let mut cargo = Command::new(env!("CARGO"));
    cargo.current_dir(&root).args(["bench", "--workspace"]);
    if !filters.is_empty() {
        cargo.arg("--").args(filters);
    }
    run(&mut cargo)
}

/// The name `cargo xtask bench FILTER` selects the 10-year build benchmark by.
const BUILD_10Y: &str = "iep_build_10y";
/// Issue 14's budgets for `iep build` on the 10-year case.
const BUILD_10Y_SECONDS: f64 = 1.0;
const BUILD_10Y_MEGABYTES: f64 = 250.0;
const BUILD_10Y_RUNS: usize = 5;

/// `iep build` on the 10-year case as a whole process: wall time (median and
/// fastest of a few runs) and peak memory, beside the budgets. divan measures
/// time only, so this one runs here.
fn bench_build_10y(root: &Path) -> Result<(), String> {
    let iep =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from).join("release/iep");
    let case = root.join(BENCH_CASE);
    let mut seconds = Vec::new();
    let mut peak_kb = 0;
    // The first run warms the file cache and is not counted.
    for run in 0..=BUILD_10Y_RUNS {
        let _ = std::fs::remove_dir_all(case.join("out"));
        let started = std::time::Instant::now();
        let child = Command::new(&iep)
            .arg("build")
            .arg(&case)
            .args(["--as-of", "2026-04-20"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("could not run {}: {e}", iep.display()))?;
        let (ok, max_rss_kb) = wait_with_peak_memory(child)?;
        let elapsed = started.elapsed().as_secs_f64();
        if !ok {
            return Err(format!("{} build {} failed", iep.display(), case.display()));
        }
        if run > 0 {
            seconds.push(elapsed);
            peak_kb = peak_kb.max(max_rss_kb);
        }
    }
    seconds.sort_by(f64::total_cmp);
    let median = seconds[seconds.len() / 2];
    let megabytes = peak_kb as f64 / 1024.0;
    println!(
        "{BUILD_10Y}: iep build, 10-year case, {BUILD_10Y_RUNS} runs: median {median:.3} s, fastest {:.3} s (budget {BUILD_10Y_SECONDS} s); peak memory {megabytes:.0} MB (budget {BUILD_10Y_MEGABYTES} MB)",
        seconds[0]
    );
    if median > BUILD_10Y_SECONDS || megabytes > BUILD_10Y_MEGABYTES {
        println!("{BUILD_10Y}: OVER BUDGET");
    }
    Ok(())
}

/// Waits for `child` and returns whether it succeeded and its peak resident
/// memory in kilobytes. `wait4` gives the usage of this one child: the
/// usage of all children (`getrusage(RUSAGE_CHILDREN)`) would count the
/// compilers `cargo build` ran before it. Hence libc, in xtask only.
#[allow(unsafe_code)]
fn wait_with_peak_memory(child: std::process::Child) -> Result<(bool, i64), String> {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; `pid` is our own
    // child, not yet waited for (std's `Child` is dropped unwaited, which is allowed).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    drop(child);
    if waited != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    Ok((ok, usage.ru_maxrss))
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command.status().map_err(|e| format!("could not run {command:?}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("{command:?} failed: {status}")) }
}

/// Writes the embedded fonts' index, which spares every `iep letter` parsing
/// all the fonts at start-up. Run it after updating `typst-assets`.
fn font_index(root: &Path) -> Result<(), String> {
    let path = root.join(FONT_INDEX);
    std::fs::write(&path, iep_generate::embedded_font_index())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Where `cargo xtask font-index` writes.
pub const FONT_INDEX: &str = "crates/iep-generate/src/embedded-fonts.json";

/// Where `cargo xtask man` writes the man page.
pub const MAN_PAGE: &str = "docs/iep.1";

/// Writes the man page from the CLI's clap definitions.
fn man(root: &Path) -> Result<(), String> {
    let path = root.join(MAN_PAGE);
    std::fs::write(&path, iep_cli::man_page()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    println!("wrote {MAN_PAGE}");
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_committed_man_page_is_up_to_date() {
        let have = std::fs::read(super::workspace_root().join(super::MAN_PAGE)).unwrap_or_default();
        assert!(have == iep_cli::man_page(), "docs/iep.1 is out of date: run `cargo xtask man`");
    }
}
