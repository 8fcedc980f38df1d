//! The case model of `iep`: the documents a parent keeps, the findings the
//! checks produce, and the check registry's trait.
//!
//! Architecture invariant: this crate does no IO and knows no file format. It
//! reads no files, parses no YAML, renders no Typst and knows no command line.
//! Everything it holds was handed to it by a boundary crate (`iep-load`).

mod amount;
pub mod calendar;
mod case;
mod check;
mod dates;
mod diagnostic;
pub mod evidence;
mod finding;
mod path;
pub mod period;
mod rules;
mod similarity;
mod terms;
mod vocab;
pub mod wording;

pub use amount::{Amount, AmountError, Dose, PerWeek, Period, ReadRange, Schedule, TermKind};
pub use calendar::{DayState, OpenDays, school_year_start};
pub use case::*;
pub use check::{Check, CheckMeta, Context, Declared};
pub use dates::{long_date, month_name};
pub use diagnostic::{Diagnostic, Level};
pub use evidence::Evidence;
pub use finding::{Finding, LetterType, Severity};
pub use path::{ItemPath, ItemRef, ItemRefs};
pub use period::DEFAULT_SCHOOL_WEEKS;
pub use rules::{
    ANNUAL_REVIEW_KEY, DayKind, EVALUATION_KEY, PROGRESS_REPORTS_KEY, REEVALUATION_FROM_CONSENT_KEY, REEVALUATION_KEY,
    Rule, RuleSet, Trigger,
};
pub use similarity::{Similarity, normalize_ws, similarity, similarity_at_least, similarity_of};
pub use terms::{AccommodationIds, ListItem, Matching, RENAME_SIMILARITY, Terms, TermsHistory, TermsItem, match_items};
pub use vocab::{ChangeDirection, ChangeKind, Field, ReviewBasis, Trend, Unit};
