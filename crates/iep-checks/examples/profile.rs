//! Times each step of `iep check` in process: load, the as-of cut, the
//! service accounting (best of several runs) and each check.
//!
//! `cargo run --release -q -p iep-checks --example profile -- <case-dir> [as-of] [dump-file]`
//! With a dump file, writes the accounting's Debug text there, so a change
//! meant to keep results can be diffed against the one before.

use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: profile <case-dir> [as-of YYYY-MM-DD] [dump-file]");
        return;
    };
    let as_of = args
        .next()
        .and_then(|s| s.parse().ok())
        .or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 4, 20))
        .expect("valid default date");
    let dump = args.next();

    // `PROFILE_LOOP=N`: only load and check, N times, for a sampling profiler.
    if let Some(n) = std::env::var("PROFILE_LOOP").ok().and_then(|n| n.parse::<usize>().ok()) {
        for _ in 0..n {
            let loaded = iep_load::load(std::path::Path::new(&dir));
            if let Some(case) = loaded.case {
                let cut = case.into_as_of(as_of);
                std::hint::black_box(iep_checks::check_cut(&cut, as_of));
                std::mem::forget(cut);
            }
        }
        return;
    }

    let t = Instant::now();
    let loaded = iep_load::load(std::path::Path::new(&dir));
    eprintln!("load {:?}", t.elapsed());
    let Some(case) = loaded.case else {
        eprintln!("the case did not load");
        return;
    };

    let best = |runs: usize, mut f: Box<dyn FnMut()>| {
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .min()
            .unwrap_or(Duration::ZERO)
    };
    let t = Instant::now();
    let cut = case.as_of(as_of);
    eprintln!("as_of {:?} (best of 20: {:?})", t.elapsed(), best(20, Box::new(|| drop(case.as_of(as_of)))));
    eprintln!(
        "account best of 20: {:?}",
        best(20, Box::new(|| drop(std::hint::black_box(iep_services::account(&cut, as_of)))))
    );
    let (mut build, mut dropping) = (Duration::MAX, Duration::MAX);
    for _ in 0..20 {
        let t = Instant::now();
        let accounting = std::hint::black_box(iep_services::account(&cut, as_of));
        build = build.min(t.elapsed());
        let t = Instant::now();
        drop(accounting);
        dropping = dropping.min(t.elapsed());
    }
    eprintln!("account best of 20: build {build:?}, drop {dropping:?}");
    if let Some(path) = dump {
        let accounting = iep_services::account(&cut, as_of);
        if let Err(e) = std::fs::write(&path, format!("{accounting:#?}")) {
            eprintln!("cannot write {path}: {e}");
        }
    }

    let cx = iep_model::Context::new(&cut, as_of);
    for c in iep_checks::CHECKS {
        let t = Instant::now();
        let mut out = Vec::new();
        c.run(&cx, &mut out);
        eprintln!("{} {:?} ({})", c.meta().code, t.elapsed(), out.len());
    }
    let t = Instant::now();
    let findings = iep_checks::check(&case, as_of);
    eprintln!("iep_checks::check {:?} ({} findings)", t.elapsed(), findings.len());
}
