//! The check registry's trait: every check is a unit struct implementing
//! [`Check`], declared with [`declare_check!`](crate::declare_check) so its doc
//! comment is kept for the generated reference.

use std::any::{Any, TypeId};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use chrono::NaiveDate;

use crate::case::Case;
use crate::evidence::Evidence;
use crate::finding::{Finding, LetterType, Severity};

/// What the registry knows of a check without running it.
#[derive(Debug, Clone, Copy)]
pub struct CheckMeta {
    /// The stable code (`vague-language`). Never renamed once shipped.
    pub code: &'static str,
    /// The severity its findings have unless the rule says otherwise.
    pub severity: Severity,
    /// What one finding stands for ("service and month").
    pub one_per: &'static str,
    /// The letter that acts on its findings.
    pub letter: Option<LetterType>,
    /// The check's doc comment: what it flags, why it matters, an example.
    pub doc: &'static str,
}

impl CheckMeta {
    /// The first paragraph of the doc comment: one line saying what it flags.
    pub fn summary(&self) -> &'static str {
        self.doc.split("\n\n").next().unwrap_or("").trim()
    }
}

/// What a check states about itself, written by [`declare_check!`](crate::declare_check)
/// from the declaration, so a check file says its code and severity once.
pub trait Declared {
    fn meta(&self) -> &'static CheckMeta;
}

/// A check: reads the case as of one date and reports findings.
pub trait Check: Declared + Send + Sync {
    fn run(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// What a check reads: the case as it stood on the as-of date, and a memo
/// so analyses several checks share (service accounting, version diffs) are
/// computed once per run. A command makes one and hands the same one to the
/// checks and to the generator, so the packet and letters read the very
/// analyses the checks did.
pub struct Context<'a> {
    /// The case with everything dated after `as_of` already removed.
    pub case: &'a Case,
    pub as_of: NaiveDate,
    memo: Mutex<HashMap<TypeId, Arc<OnceLock<Shared>>>>,
    computed: AtomicUsize,
}

type Shared = Arc<dyn Any + Send + Sync>;

impl<'a> Context<'a> {
    /// `case` must already be cut to `as_of` ([`Case::as_of`]).
    pub fn new(case: &'a Case, as_of: NaiveDate) -> Context<'a> {
        Context { case, as_of, memo: Mutex::new(HashMap::new()), computed: AtomicUsize::new(0) }
    }

    /// The value of type `T` computed once per context. A computation may
    /// itself ask for other memoised values, never (even through others) for
    /// its own: checks run on several threads, and such a cycle would wait
    /// forever. Give each analysis its own type.
    pub fn memo<T: Send + Sync + 'static>(&self, compute: impl FnOnce(&Context<'a>) -> T) -> Arc<T> {
        // The lock is held only to find the value's cell: a computation may
        // ask for other values, and a check on another thread asking for the
        // same value waits for it instead of computing it twice.
        let cell = {
            let mut memo = self.memo.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            memo.entry(TypeId::of::<T>()).or_default().clone()
        };
        let value = cell
            .get_or_init(|| {
                self.computed.fetch_add(1, Ordering::Relaxed);
                Arc::new(compute(self)) as Shared
            })
            .clone();
        value.downcast::<T>().unwrap_or_else(|_| unreachable!("memo entries are keyed by their type"))
    }

    /// How many analyses this context has computed: each memoised value
    /// counts once, however often it is asked for.
    pub fn computations(&self) -> usize {
        self.computed.load(Ordering::Relaxed)
    }

    /// The terms in force after each version, built once per check run.
    pub fn terms(&self) -> Arc<crate::terms::TermsHistory> {
        self.memo(|cx| crate::terms::TermsHistory::new(cx.case))
    }

    /// A new finding of `meta`'s code, severity and letter.
    pub fn finding(
        &self,
        meta: &CheckMeta,
        subject: impl Into<String>,
        message: impl Into<String>,
        evidence: impl Into<Evidence>,
    ) -> Finding {
        Finding {
            code: meta.code,
            severity: meta.severity,
            subject: subject.into(),
            document: None,
            message: message.into(),
            evidence: evidence.into(),
            letter: meta.letter,
            date: None,
        }
    }
}

/// Declares a check: a documented unit struct with its [`CheckMeta`] as `META`
/// and as [`Declared::meta`]; the check file then implements only [`Check::run`].
///
/// ```
/// iep_model::declare_check! {
///     /// Flags nothing.
///     ///
///     /// Why it matters: an example for the docs.
///     pub struct Nothing {
///         code: "nothing",
///         severity: Info,
///         one_per: "case",
///         letter: None,
///     }
/// }
/// assert_eq!(Nothing::META.code, "nothing");
/// assert_eq!(iep_model::Declared::meta(&Nothing).code, "nothing");
/// assert!(Nothing::META.doc.starts_with(" Flags nothing."));
/// ```
#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            code: $code:literal,
            severity: $severity:ident,
            one_per: $one_per:literal,
            letter: $letter:expr $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::CheckMeta = $crate::CheckMeta {
                code: $code,
                severity: $crate::Severity::$severity,
                one_per: $one_per,
                letter: $letter,
                doc: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::Declared for $name {
            fn meta(&self) -> &'static $crate::CheckMeta {
                &Self::META
            }
        }
    };
}
