//! Checks run on several threads: the findings must not depend on which
//! thread ran what, and a shared analysis is computed once.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;

fn maya() -> iep_model::Case {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../cases/maya");
    iep_load::load(&dir).case.expect("the sample case loads")
}

#[test]
fn findings_come_out_the_same_every_run() {
    let as_of = NaiveDate::from_ymd_opt(2026, 4, 20).unwrap();
    let cut = maya().into_as_of(as_of);
    let first = iep_checks::check_cut(&cut, as_of);
    assert!(first.len() > 20, "the sample case has findings");
    for _ in 0..20 {
        assert_eq!(iep_checks::check_cut(&cut, as_of), first);
    }
}

#[test]
fn a_shared_analysis_is_computed_once_while_threads_wait_for_it() {
    struct Slow(usize);
    let case = maya();
    let cx = iep_model::Context::new(&case, NaiveDate::from_ymd_opt(2026, 4, 20).unwrap());
    let computed = AtomicUsize::new(0);
    let values: Vec<usize> = std::thread::scope(|scope| {
        let askers: Vec<_> = (0..4)
            .map(|_| {
                scope.spawn(|| {
                    cx.memo(|_| {
                        computed.fetch_add(1, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_millis(30));
                        Slow(42)
                    })
                    .0
                })
            })
            .collect();
        askers.into_iter().map(|a| a.join().unwrap()).collect()
    });
    assert_eq!(values, vec![42; 4]);
    assert_eq!(computed.load(Ordering::SeqCst), 1);
}

/// A check that reports one finding after waiting, longer the earlier it is
/// registered, so later checks finish first when threads run them.
struct Ordered {
    position: u64,
    computed: &'static AtomicUsize,
}

static ORDERED: iep_model::CheckMeta = iep_model::CheckMeta {
    code: "ordered",
    severity: iep_model::Severity::Info,
    one_per: "check",
    letter: None,
    doc: "A test check.",
};

impl iep_model::Declared for Ordered {
    fn meta(&self) -> &'static iep_model::CheckMeta {
        &ORDERED
    }
}

impl iep_model::Check for Ordered {
    fn run(&self, cx: &iep_model::Context<'_>, out: &mut Vec<iep_model::Finding>) {
        struct Shared;
        cx.memo(|_| {
            self.computed.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(20));
            Shared
        });
        std::thread::sleep(std::time::Duration::from_millis(5 * (8 - self.position)));
        let evidence = iep_model::evidence::ProgressGoalMissing { report: cx.as_of, version: "v1".into() };
        out.push(cx.finding(&ORDERED, "same subject", format!("check {}", self.position), evidence));
    }
}

#[test]
fn findings_with_equal_keys_keep_registry_order_and_share_one_analysis() {
    static COMPUTED: AtomicUsize = AtomicUsize::new(0);
    let checks: Vec<Ordered> = (0..8).map(|position| Ordered { position, computed: &COMPUTED }).collect();
    let registry: Vec<&dyn iep_model::Check> = checks.iter().map(|c| c as &dyn iep_model::Check).collect();
    let case = maya();
    let cx = iep_model::Context::new(&case, NaiveDate::from_ymd_opt(2026, 4, 20).unwrap());
    let findings = iep_checks::run_checks(&registry, &cx);
    let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
    let expected: Vec<String> = (0..8).map(|p| format!("check {p}")).collect();
    assert_eq!(messages, expected);
    assert_eq!(COMPUTED.load(Ordering::SeqCst), 1);
}
