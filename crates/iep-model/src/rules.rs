//! Timeline rules: the legal facts with their sources, as data.
//!
//! The rules themselves live in the loader's rules files (one per state plus
//! federal defaults); this is only their shape.

use serde::Serialize;

use crate::case::{ConsentFor, Plan};

/// What kind of day a rule counts (under IDEA a day is a calendar day unless
/// a rule says business or school day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DayKind {
    Calendar,
    /// Monday to Friday.
    Business,
    /// Days the school is open, from the case's calendar (weekdays without one).
    School,
    /// Whole years (an annual review, a three-year reevaluation).
    Year,
}

impl DayKind {
    pub fn describe(self, n: u32) -> String {
        let unit = match self {
            DayKind::Calendar => "calendar day",
            DayKind::Business => "business day",
            DayKind::School => "school day",
            DayKind::Year => "year",
        };
        if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") }
    }
}

/// What starts a rule's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "on", content = "value")]
pub enum Trigger {
    /// A letter of this type was sent (`records-request`).
    Letter(String),
    /// The last annual review (an IEP version's effective date).
    LastReview,
    /// The last evaluation.
    LastEvaluation,
    /// The school received the parent's written consent for this.
    Consent(ConsentFor),
    /// A referral for evaluation.
    Referral,
    /// A team meeting was held.
    Meeting,
    /// A team meeting that follows an evaluation (Massachusetts' assessment
    /// summaries are due before it, not before every meeting).
    EvaluationMeeting,
    /// A report-card date of the school calendar (progress reports on an IEP's goals).
    ReportCard,
    /// The violation occurred.
    Violation,
    /// The district received a complaint.
    Complaint,
    /// The school proposed or refused a change (prior written notice).
    Proposal,
    /// Parent and school agreed to something (an amendment without a meeting).
    Agreement,
    /// The parent knew or should have known of the problem (due process).
    Discovery,
}

/// One timeline rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    /// Stable key, unique within its jurisdiction (`records-access`).
    pub key: String,
    /// `US` for the federal defaults, or a two-letter state code.
    pub jurisdiction: String,
    /// What must happen, in plain words.
    pub what: String,
    pub trigger: Trigger,
    /// `None`: the law sets no number of days ("without unnecessary delay").
    pub days: Option<u32>,
    pub day_kind: DayKind,
    /// The primary source, as the rules file cites it.
    pub citation: String,
    /// A caveat the output repeats (how the days are counted, exclusions).
    pub note: Option<String>,
    /// The deadline falls `days` before the trigger, not after it (assessment
    /// summaries available before a meeting).
    pub before: bool,
    /// The clock stops over a school vacation longer than this many school
    /// days (California's rules); `None`: it never stops.
    pub pause_for_vacation_over: Option<u32>,
    /// How the regulation itself words the time limit ("within ten days"),
    /// for letters, when it differs from the day count.
    pub words: Option<String>,
    /// The kind of plan the rule is law for: IDEA's and a state's special
    /// education rules bind an IEP; Section 504 and FERPA a 504 plan.
    pub plan: Plan,
    /// The rule is for a referral for an *initial* evaluation: it sets no
    /// deadline for a reevaluation request (Massachusetts' referral rule).
    pub initial_only: bool,
    /// The rule's own words for a state's timeframe ("or within the State's
    /// timeframe"), stated where the state's own rules are not in the data.
    pub state_alternative: Option<String>,
}

impl Rule {
    /// The rule's period in words ("1 year", "3 years", "45 calendar days"),
    /// `None` where it sets no number.
    pub fn period(&self) -> Option<String> {
        self.days.map(|n| self.day_kind.describe(n))
    }
}

/// The key of each jurisdiction's deadline to complete an initial evaluation.
pub const EVALUATION_KEY: &str = "initial-evaluation";
/// The key of a deadline to complete a reevaluation counted from consent.
pub const REEVALUATION_FROM_CONSENT_KEY: &str = "reevaluation-completed";
/// The key of the annual review of an IEP.
pub const ANNUAL_REVIEW_KEY: &str = "annual-review";
/// The key of the periodic (three-year) reevaluation.
pub const REEVALUATION_KEY: &str = "reevaluation";
/// The key of the rule that the IEP says when progress reports are given.
pub const PROGRESS_REPORTS_KEY: &str = "progress-reports";

/// The rules that apply to one case: its state's, then the federal defaults.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub state: Option<String>,
    /// The case's plan: lookups see only the rules for it, so no IDEA or
    /// state special-education rule is ever applied to a 504 plan
    /// (spec/timelines.md, "Section 504"). [`crate::Case::as_of`] keeps it
    /// to the plan in force on the day.
    pub plan: Plan,
    /// Every rule known: federal and every state's. Lookups pick the case's state.
    pub rules: Vec<Rule>,
    /// The state education agency where a state complaint is filed, per
    /// state code (spec/timelines.md, "State education agencies").
    pub agencies: Vec<(String, String)>,
}

impl RuleSet {
    fn of(&self, jurisdiction: &str) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |r| r.jurisdiction == jurisdiction && r.plan == self.plan)
    }

    /// The rule for `trigger`: the case's state's rule, else the federal one.
    pub fn find(&self, trigger: &Trigger) -> Option<&Rule> {
        let state = self.state.as_deref().and_then(|s| self.of(s).find(|r| &r.trigger == trigger));
        state.or_else(|| self.of("US").find(|r| &r.trigger == trigger))
    }

    /// The response deadline rule for a letter type (checks.md, "Deadlines"):
    /// the state's rule for it, else the federal one. A state rule that sets
    /// no number of days is still the state's rule: no deadline, not the
    /// federal one (check [`Rule::days`]).
    pub fn for_letter(&self, letter_type: &str) -> Option<&Rule> {
        self.find(&Trigger::Letter(letter_type.to_owned()))
    }

    /// [`RuleSet::for_letter`] for a request about a child who already has a
    /// plan (`eligible`) or not: a rule for an initial referral says nothing
    /// about a reevaluation request, so it gives no deadline then.
    pub fn for_request(&self, letter_type: &str, eligible: bool) -> Option<&Rule> {
        self.for_letter(letter_type).filter(|r| !(eligible && r.initial_only))
    }

    /// The rule with this key: the case's state's, else the federal one.
    pub fn by_key(&self, key: &str) -> Option<&Rule> {
        let state = self.state.as_deref().and_then(|s| self.of(s).find(|r| r.key == key));
        state.or_else(|| self.of("US").find(|r| r.key == key))
    }

    /// Every rule that applies to the case: its state's, then the federal
    /// ones for triggers the state does not cover.
    pub fn applicable(&self) -> Vec<&Rule> {
        let state: Vec<&Rule> = self.state.as_deref().map(|s| self.of(s).collect()).unwrap_or_default();
        let federal = self.of("US").filter(|f| !state.iter().any(|r| r.key == f.key));
        state.iter().copied().chain(federal).collect()
    }

    /// The case's state education agency, when the rules data names it.
    pub fn agency(&self) -> Option<&str> {
        let state = self.state.as_deref()?;
        self.agencies.iter().find(|(s, _)| s == state).map(|(_, name)| name.as_str())
    }

    /// Every rule with this key that applies: the case's state's, then the
    /// federal one, so a letter can cite both.
    pub fn all_by_key(&self, key: &str) -> Vec<&Rule> {
        let state = self.state.as_deref().and_then(|s| self.of(s).find(|r| r.key == key));
        state.into_iter().chain(self.of("US").find(|r| r.key == key)).collect()
    }

    /// The deadline to complete an evaluation the parent consented to: the
    /// state's rule, else the federal one; `None` where the rules data holds
    /// none (a reevaluation under federal law alone).
    pub fn evaluation_deadline(&self, consent_for: ConsentFor) -> Option<&Rule> {
        let key = match consent_for {
            ConsentFor::InitialEvaluation => EVALUATION_KEY,
            ConsentFor::Reevaluation => REEVALUATION_FROM_CONSENT_KEY,
            ConsentFor::Services | ConsentFor::Other => return None,
        };
        let trigger = Trigger::Consent(consent_for);
        let fits = |r: &&Rule| r.key == key && r.trigger == trigger && r.days.is_some();
        let state = self.state.as_deref().and_then(|s| self.of(s).find(fits));
        state.or_else(|| self.of("US").find(fits))
    }

    /// Every rule whose clock a consent for `consent_for` starts, the state's
    /// first, then federal ones of a key the state does not have.
    pub fn after_consent(&self, consent_for: ConsentFor) -> Vec<&Rule> {
        let trigger = Trigger::Consent(consent_for);
        self.applicable().into_iter().filter(|r| r.trigger == trigger).collect()
    }

    /// Whether the case's state has its own rules file (whatever the plan:
    /// a 504 plan gets no state rule, but its state was still checked).
    pub fn knows_state(&self) -> bool {
        self.state.as_deref().is_some_and(|s| self.rules.iter().any(|r| r.jurisdiction == s))
    }
}
