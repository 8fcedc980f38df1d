//! The documents of a case folder, as typed values.
//!
//! Each type mirrors one `kind:` of `spec/case-format.md`. Defaults the spec
//! gives (a service's `start`, a goal's `direction`) are applied by accessor
//! methods, so the values keep what the parent actually wrote.

use std::ops::Deref;

use chrono::NaiveDate;
use serde::Serialize;

use crate::amount::Amount;
use crate::path::ItemRefs;
use crate::rules::RuleSet;

/// A value together with the case file it came from.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Doc<T> {
    /// Path relative to the case folder, with `/` separators (`iep/2025-09-15.yaml`).
    pub path: String,
    #[serde(flatten)]
    pub value: T,
}

impl<T> Deref for Doc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A whole case as loaded: every document, sorted the way the checks read them.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Case {
    /// The case folder's name (`maya`), used in outputs.
    pub name: String,
    pub info: Doc<CaseInfo>,
    /// School calendars, sorted by `first_day`.
    pub calendars: Vec<Doc<SchoolCalendar>>,
    /// IEP and 504 versions, sorted by `effective` (the loader rejects ties).
    pub versions: Vec<Doc<IepVersion>>,
    /// Progress reports, sorted by date.
    pub reports: Vec<Doc<ProgressReport>>,
    /// Service logs in file order; use [`Case::log_entries`] for the merged entries.
    pub service_logs: Vec<Doc<ServiceLog>>,
    pub meetings: Vec<Doc<Meeting>>,
    pub notices: Vec<Doc<PriorWrittenNotice>>,
    pub letters: Vec<Doc<Letter>>,
    pub communications: Vec<Doc<Communications>>,
    pub observations: Vec<Doc<Observations>>,
    /// Evaluation reports (format 1.1), sorted by date.
    pub evaluations: Vec<Doc<Evaluation>>,
    /// Consents the parent gave or refused (format 1.1), sorted by date.
    pub consents: Vec<Doc<Consent>>,
    /// Check-ins on the accommodations (format 1.2) in file order; use
    /// [`Case::check_in_entries`] for the merged entries.
    pub check_ins: Vec<Doc<CheckIns>>,
    /// Versions with `status: draft`: proposals, never in force, judged by no
    /// check. Kept apart from `versions` so nothing can mistake one for terms
    /// in force; sorted by `effective`.
    pub drafts: Vec<Doc<IepVersion>>,
    /// The timeline rules for the case's state, with federal defaults.
    #[serde(skip)]
    pub rules: RuleSet,
    /// The git commit the case folder is at, when it is a repository.
    pub revision: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct CaseInfo {
    pub child: Child,
    pub district: Option<String>,
    /// Two-letter state code, upper case (`MA`).
    pub state: Option<String>,
    pub school_address: Option<String>,
    /// Where letters to district staff (`at: district`) go; else `school_address`.
    pub district_address: Option<String>,
    pub parent: Parent,
    pub team: Vec<TeamMember>,
    /// The legend of the progress codes the school's reports use, in file order.
    pub progress_codes: Vec<ProgressCode>,
    pub settings: Settings,
    /// The name of the state education agency, where the case gives one.
    pub state_agency: Option<String>,
    /// The agency's postal address for a state complaint, as the parent found it.
    pub state_agency_address: Option<String>,
    pub notes: Option<String>,
}

impl CaseInfo {
    /// What a progress status means when it is one of the legend's codes
    /// (compared ignoring case and surrounding space).
    pub fn progress_code(&self, status: &str) -> Option<ProgressMeaning> {
        self.progress_legend(status).map(|c| c.meaning)
    }

    /// The legend's entry for a status that is one of its codes, with the
    /// legend's own words where it gives them.
    pub fn progress_legend(&self, status: &str) -> Option<&ProgressCode> {
        let status = status.trim();
        self.progress_codes.iter().find(|c| c.code.eq_ignore_ascii_case(status))
    }
}

/// One code of a case's `progress_codes` legend (`SP: sufficient`, or
/// `"2": {means: progressing, text: "Partial Progress (1-49% of goal met)"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressCode {
    pub code: String,
    pub meaning: ProgressMeaning,
    /// The legend's own words for the code, which outputs quote (format 1.2).
    pub text: Option<String>,
}

/// What a progress code means (case-format.md, `progress_codes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProgressMeaning {
    Met,
    Sufficient,
    /// Progress made; the code says nothing on sufficiency (format 1.2).
    Progressing,
    Insufficient,
    None,
    NotStarted,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Child {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub grade: Option<String>,
    pub school: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Parent {
    pub name: String,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct TeamMember {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// How a letter greets them (`Mr. Lee`); absent: from the name.
    pub salutation: Option<String>,
    /// Where they work, which decides the address a letter to them carries.
    pub at: Workplace,
}

/// Where a team member works (`at:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Workplace {
    #[default]
    School,
    District,
}

/// Thresholds of the checks (`settings:` in `case.yaml`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Settings {
    pub similar_narrative: f64,
    pub min_delivery: f64,
    pub missed_in_a_row: u32,
    /// This many days an accommodation was not (fully) given make a pattern (format 1.2).
    pub accommodation_misses: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { similar_narrative: 0.90, min_delivery: 0.90, missed_in_a_row: 3, accommodation_misses: 2 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    #[default]
    Iep,
    #[serde(rename = "504")]
    Section504,
}

/// Whether a version was issued or is a proposal (`status:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VersionStatus {
    #[default]
    Issued,
    /// A proposal sent before or at a meeting: never in force.
    Draft,
}

/// One IEP or 504 version the school issued (or proposed, as a draft).
#[derive(Debug, Clone, Default, Serialize)]
pub struct IepVersion {
    pub id: String,
    pub plan: Plan,
    pub status: VersionStatus,
    pub effective: NaiveDate,
    pub end: Option<NaiveDate>,
    pub meeting: Option<NaiveDate>,
    pub parent_signed: Option<NaiveDate>,
    pub parent_rejected: ItemRefs,
    pub amends: Option<String>,
    pub placement: Option<Placement>,
    pub goals: Vec<Goal>,
    pub services: Vec<Service>,
    pub accommodations: Vec<Accommodation>,
    pub notes: Option<String>,
}

impl IepVersion {
    pub fn goal(&self, id: &str) -> Option<&Goal> {
        self.goals.iter().find(|g| g.id == id)
    }
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
    /// A plain name for messages: "the IEP of 2025-09-15" or "the 504 plan of ...".
    pub fn describe(&self) -> String {
        let kind = match (self.plan, self.amends.is_some()) {
            (Plan::Iep, false) => "IEP",
            (Plan::Iep, true) => "IEP amendment",
            (Plan::Section504, false) => "504 plan",
            (Plan::Section504, true) => "504 plan amendment",
        };
        format!("the {kind} effective {}", self.effective)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Placement {
    pub setting: Option<String>,
    pub general_ed_percent: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher values are better (the default).
    #[default]
    Up,
    /// Lower values are better (incidents per week).
    Down,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Goal {
    pub id: String,
    pub area: Option<String>,
    pub statement: String,
    pub measure: Option<String>,
    pub baseline: Option<Baseline>,
    pub target: Option<Target>,
    pub direction: Direction,
    /// Short-term objectives or benchmarks, in order.
    pub objectives: Vec<Objective>,
    pub notes: Option<String>,
}

impl Goal {
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Baseline {
    pub value: Option<f64>,
    /// The baseline as the school wrote it, when it is a sentence.
    pub text: Option<String>,
    /// A month-only date (`2010-11`) is the first of that month, with `month_only` set.
    pub date: Option<NaiveDate>,
    pub month_only: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Target {
    pub value: Option<f64>,
    /// A month-only `by` (`2026-03`) is the last day of that month, with `month_only` set.
    pub by: Option<NaiveDate>,
    pub month_only: bool,
    /// The criterion's trials as the IEP words it ("3 of 3"); kept, not judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trials: Option<String>,
}

/// A short-term objective or benchmark of a goal.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Objective {
    pub id: String,
    pub text: String,
    pub target: Option<Target>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub id: String,
    /// What the service is ("Speech-language therapy").
    pub service: String,
    pub provider: Option<String>,
    pub amount: Amount,
    /// pull-out | push-in | general-ed | separate-class | consult | other text.
    pub setting: Option<String>,
    /// individual | group.
    pub group: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// An extended school year service: owed only on the calendar's `esy` days.
    pub esy: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Accommodation {
    pub id: String,
    pub text: String,
    pub notes: Option<String>,
}

/// One progress report the school sent.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProgressReport {
    /// A month-only date (`2026-03`, "Reporting period: March") is the last
    /// day of that month, with `month_only` set.
    pub date: NaiveDate,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub month_only: bool,
    /// The id of the version the report is written against.
    pub iep: String,
    pub goals: Vec<GoalProgress>,
    pub notes: Option<String>,
}

impl ProgressReport {
    pub fn entry(&self, goal: &str) -> Option<&GoalProgress> {
        self.goals.iter().find(|g| g.goal == goal)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct GoalProgress {
    pub goal: String,
    /// Measured value in the goal's measure; `None`: no data given.
    pub value: Option<f64>,
    pub status: Option<String>,
    /// The report's answer to "is progress sufficient to meet the goal by the
    /// end of the IEP?", when it gives one.
    pub sufficient: Option<bool>,
    pub narrative: Option<String>,
    /// The report's entries for the goal's objectives.
    pub objectives: Vec<ObjectiveProgress>,
    #[serde(flatten)]
    pub detail: EntryDetail,
    pub notes: Option<String>,
}

impl GoalProgress {
    pub fn objective(&self, id: &str) -> Option<&ObjectiveProgress> {
        self.objectives.iter().find(|o| o.objective == id)
    }

    /// The entry gives a measured value: its own, or an objective's (format
    /// 1.2: objective values are data).
    pub fn has_data(&self) -> bool {
        self.value.is_some() || self.objectives.iter().any(|o| o.value.is_some())
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ObjectiveProgress {
    pub objective: String,
    pub value: Option<f64>,
    pub status: Option<String>,
    pub narrative: Option<String>,
    #[serde(flatten)]
    pub detail: EntryDetail,
    pub notes: Option<String>,
}

/// What real report forms hold beside a value (format 1.2); kept and shown, never judged.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EntryDetail {
    /// How many trials the value held in, as the report words it ("2 of 3").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trials: Option<String>,
    /// How it was measured ("work samples").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_by: Option<String>,
    /// The form's reason for insufficient progress ("More time needed").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceLog {
    pub entries: Vec<LogEntry>,
    /// The days this log is complete for (`from`/`through`), when it says.
    pub from: Option<NaiveDate>,
    pub through: Option<NaiveDate>,
    /// The services the range covers; `None`: every service the log has an entry for.
    pub services: Option<Vec<String>>,
    pub notes: Option<String>,
}

impl ServiceLog {
    /// Everything but the entries, for a cut that filters them.
    fn clone_without_entries(&self) -> ServiceLog {
        ServiceLog {
            entries: Vec::new(),
            from: self.from,
            through: self.through,
            services: self.services.clone(),
            notes: self.notes.clone(),
        }
    }

    /// Whether this log declares that it is complete for `service` on `day`
    /// (checks.md, "Coverage"). A log without `from`/`through` declares nothing.
    pub fn declares(&self, service: &str, day: NaiveDate) -> bool {
        let Some((from, through)) = self.declared_range() else { return false };
        if day < from || day > through {
            return false;
        }
        match &self.services {
            Some(list) => list.iter().any(|s| s == service),
            None => self.entries.iter().any(|e| e.service == service),
        }
    }

    /// The declared range; one end given alone runs to the other end of the log's entries.
    pub fn declared_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        if self.from.is_none() && self.through.is_none() {
            return None;
        }
        let first = self.entries.iter().map(|e| e.date).min();
        let last = self.entries.iter().map(|e| e.date).max();
        let from = self.from.or(first)?;
        let through = self.through.or(last)?;
        Some((from, through))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogEntry {
    pub date: NaiveDate,
    pub service: String,
    pub outcome: Outcome,
    pub setting: Option<String>,
    pub group: Option<String>,
    pub source: Source,
    /// For a miss: the date it was made up (the make-up is its own entry).
    pub made_up_on: Option<NaiveDate>,
    /// A miss the child caused (absent, refused): not owed.
    pub by_student: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Delivered { minutes: u32 },
    Missed { reason: String },
}

impl Outcome {
    pub fn is_missed(&self) -> bool {
        matches!(self, Outcome::Missed { .. })
    }
    pub fn minutes(&self) -> u32 {
        match self {
            Outcome::Delivered { minutes } => *minutes,
            Outcome::Missed { .. } => 0,
        }
    }
}

/// Who recorded a log entry. Absent in the file means the school's own record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Provider,
    #[default]
    School,
    Parent,
    Child,
}

impl Source {
    /// Which source counts when several logged the same service on one date:
    /// the first of provider, school, parent, child (checks.md).
    pub fn precedence(self) -> u8 {
        match self {
            Source::Provider => 0,
            Source::School => 1,
            Source::Parent => 2,
            Source::Child => 3,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Provider => "provider",
            Source::School => "school",
            Source::Parent => "parent",
            Source::Child => "child",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SchoolCalendar {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Closed days; a single day is a range from and to the same date.
    pub closed: Vec<DateRange>,
    pub report_cards: Vec<NaiveDate>,
    /// Quarters, trimesters or semesters, in order.
    pub terms: Vec<DateRange>,
    /// The extended school year's days (weekdays in this range).
    pub esy: Option<DateRange>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingType {
    #[default]
    AnnualReview,
    Amendment,
    Eligibility,
    Reevaluation,
    Other,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Meeting {
    pub date: NaiveDate,
    pub meeting_type: MeetingType,
    pub requested: Option<Requested>,
    /// Team member ids, and `parent`.
    pub attendees: Vec<String>,
    pub agreed: ItemRefs,
    pub notes: Option<String>,
    /// The parent's own concerns for this meeting (an `iep` extension).
    pub concerns: Vec<String>,
    /// The parent's own questions for this meeting (an `iep` extension).
    pub questions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Requested {
    pub by: String,
    pub date: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NoticeAction {
    #[default]
    Proposes,
    Refuses,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct PriorWrittenNotice {
    pub date: NaiveDate,
    pub action: NoticeAction,
    pub covers: ItemRefs,
    pub description: String,
    pub notes: Option<String>,
}

/// A letter the parent sent.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Letter {
    pub date: NaiveDate,
    /// One of [`crate::LetterType`]'s names, or other text.
    pub letter_type: String,
    pub to: String,
    pub cc: Vec<String>,
    pub via: Option<String>,
    pub subject: Option<String>,
    pub reply_by: Option<NaiveDate>,
    pub response: Option<Response>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Response {
    pub date: NaiveDate,
    pub summary: Option<String>,
    /// `false`: the answer left part of the request unanswered; the request stays open.
    pub complete: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Communications {
    pub entries: Vec<Communication>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Communication {
    pub date: NaiveDate,
    /// A team member id, or `parent`.
    pub with: Option<String>,
    pub via: Option<String>,
    pub summary: String,
    /// The family's own: checks may use it, no letter, packet or report prints it.
    pub private: bool,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Observations {
    pub entries: Vec<Observation>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Observation {
    pub date: NaiveDate,
    pub note: String,
    /// The family's own: checks may use it, no letter, packet or report prints it.
    pub private: bool,
    pub notes: Option<String>,
}

/// What an evaluation was (`type:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvaluationType {
    Initial,
    Reevaluation,
    Independent,
}

/// Who evaluated (`by:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evaluator {
    #[default]
    School,
    Independent,
}

/// An evaluation report, the school's or an independent one.
#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    /// The date of the report.
    pub date: NaiveDate,
    pub evaluation_type: EvaluationType,
    /// The areas evaluated, in the report's own words.
    pub areas: Vec<String>,
    pub by: Evaluator,
    pub notes: Option<String>,
}

/// What a consent was for (`for:`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConsentFor {
    InitialEvaluation,
    Reevaluation,
    Services,
    Other,
}

/// A consent the parent gave or refused.
#[derive(Debug, Clone, Serialize)]
pub struct Consent {
    /// The day the school received the parent's signed form.
    pub date: NaiveDate,
    pub consent_for: ConsentFor,
    /// `false`: the parent refused consent.
    pub given: bool,
    pub notes: Option<String>,
}

/// Check-ins on the accommodations (`kind: check-ins`, format 1.2).
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckIns {
    pub entries: Vec<CheckIn>,
    pub notes: Option<String>,
}

/// Whether one accommodation was given on one day, as someone said it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckIn {
    pub date: NaiveDate,
    /// The accommodation's id in the version in force that day (or an id it was renamed from).
    pub accommodation: String,
    pub provided: Provided,
    pub source: CheckInSource,
    /// The team member id of the person responsible that day.
    pub with: Option<String>,
    /// The person responsible said they did not know of the accommodation.
    pub unaware: bool,
    pub note: Option<String>,
    /// The family's own: counted by the checks, its note never printed.
    pub private: bool,
    pub notes: Option<String>,
}

/// Whether an accommodation was given (`provided:`). Ordered by weight: of
/// several check-ins on one day, the greatest counts (`no` over `partly` over `yes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provided {
    Yes,
    Partly,
    No,
}

impl Provided {
    /// `no` or `partly`: the day counts against the school.
    pub fn is_miss(self) -> bool {
        self != Provided::Yes
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Provided::Yes => "yes",
            Provided::Partly => "partly",
            Provided::No => "no",
        }
    }
}

/// Who said whether an accommodation was given. Absent in the file: the child.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckInSource {
    #[default]
    Child,
    Parent,
    Teacher,
    School,
}

impl CheckInSource {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckInSource::Child => "child",
            CheckInSource::Parent => "parent",
            CheckInSource::Teacher => "teacher",
            CheckInSource::School => "school",
        }
    }
}

impl Case {
    /// Every check-in of every check-ins file, with the file it came from,
    /// in file order then entry order.
    pub fn check_in_entries(&self) -> impl Iterator<Item = (&str, &CheckIn)> {
        self.check_ins.iter().flat_map(|file| file.entries.iter().map(move |e| (file.path.as_str(), e)))
    }

    /// Every service-log entry of every log file, with the file it came from,
    /// in file order then entry order.
    pub fn log_entries(&self) -> impl Iterator<Item = (&str, &LogEntry)> {
        self.service_logs.iter().flat_map(|log| log.entries.iter().map(move |e| (log.path.as_str(), e)))
    }

    pub fn version(&self, id: &str) -> Option<&Doc<IepVersion>> {
        self.versions.iter().find(|v| v.id == id)
    }

    pub fn team_member(&self, id: &str) -> Option<&TeamMember> {
        self.info.team.iter().find(|m| m.id == id)
    }

    /// The plan of the case: that of the latest version (in force, once the
    /// case is cut to a day), else of a draft, else an IEP.
    pub fn plan(&self) -> Plan {
        self.versions.last().or(self.drafts.last()).map(|v| v.plan).unwrap_or_default()
    }

    /// The plan in force on `day`: that of the latest version effective by
    /// then, else of a draft, else an IEP (what [`Case::as_of`] gives).
    pub fn plan_on(&self, day: NaiveDate) -> Plan {
        let in_force = self.versions.iter().rev().find(|v| v.effective <= day);
        in_force.or(self.drafts.last()).map(|v| v.plan).unwrap_or_default()
    }

    /// Sets the rules to the case's plan: what [`Case::as_of`] does after the
    /// cut, and the loader after loading.
    pub fn with_rules_for_plan(mut self) -> Case {
        self.rules.plan = self.plan();
        self
    }

    /// A case view as it stood on `as_of`: documents and entries dated after it
    /// are dropped, and so is a letter's response dated after it (checks.md,
    /// "Time"). The rules follow the plan in force on the day.
    pub fn as_of(&self, as_of: NaiveDate) -> Case {
        self.cut(as_of).with_rules_for_plan()
    }

    fn cut(&self, as_of: NaiveDate) -> Case {
        // Only what is kept is cloned: a long case's later entries are never copied.
        fn kept<T: Clone>(items: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
            items.iter().filter(|item| keep(item)).cloned().collect()
        }
        fn doc<T>(d: &Doc<T>, value: T) -> Doc<T> {
            Doc { path: d.path.clone(), value }
        }
        Case {
            name: self.name.clone(),
            info: self.info.clone(),
            calendars: self.calendars.clone(),
            versions: kept(&self.versions, |v| v.effective <= as_of),
            reports: kept(&self.reports, |r| r.date <= as_of),
            service_logs: self
                .service_logs
                .iter()
                .map(|log| {
                    doc(
                        log,
                        ServiceLog {
                            entries: kept(&log.entries, |e| e.date <= as_of),
                            ..log.value.clone_without_entries()
                        },
                    )
                })
                .collect(),
            meetings: kept(&self.meetings, |m| m.date <= as_of),
            notices: kept(&self.notices, |n| n.date <= as_of),
            letters: self
                .letters
                .iter()
                .filter(|l| l.date <= as_of)
                .map(|l| {
                    let mut letter = l.clone();
                    if letter.response.as_ref().is_some_and(|r| r.date > as_of) {
                        letter.value.response = None;
                    }
                    letter
                })
                .collect(),
            communications: self
                .communications
                .iter()
                .map(|c| {
                    doc(c, Communications { entries: kept(&c.entries, |e| e.date <= as_of), notes: c.notes.clone() })
                })
                .collect(),
            observations: self
                .observations
                .iter()
                .map(|o| {
                    doc(o, Observations { entries: kept(&o.entries, |e| e.date <= as_of), notes: o.notes.clone() })
                })
                .collect(),
            evaluations: kept(&self.evaluations, |e| e.date <= as_of),
            consents: kept(&self.consents, |c| c.date <= as_of),
            check_ins: self
                .check_ins
                .iter()
                .map(|c| doc(c, CheckIns { entries: kept(&c.entries, |e| e.date <= as_of), notes: c.notes.clone() }))
                .collect(),
            // A draft has no date of its own that says when it was sent: all are kept.
            drafts: self.drafts.clone(),
            rules: self.rules.clone(),
            revision: self.revision.clone(),
        }
    }

    /// [`Case::as_of`] for a case that is no longer needed whole: the cut is
    /// made in place, so nothing is copied (a ten-year case is 40,000 entries).
    pub fn into_as_of(mut self, as_of: NaiveDate) -> Case {
        self.versions.retain(|v| v.effective <= as_of);
        self.reports.retain(|r| r.date <= as_of);
        for log in &mut self.service_logs {
            log.value.entries.retain(|e| e.date <= as_of);
        }
        self.meetings.retain(|m| m.date <= as_of);
        self.notices.retain(|n| n.date <= as_of);
        self.letters.retain(|l| l.date <= as_of);
        for letter in &mut self.letters {
            if letter.response.as_ref().is_some_and(|r| r.date > as_of) {
                letter.value.response = None;
            }
        }
        for c in &mut self.communications {
            c.value.entries.retain(|e| e.date <= as_of);
        }
        for o in &mut self.observations {
            o.value.entries.retain(|e| e.date <= as_of);
        }
        self.evaluations.retain(|e| e.date <= as_of);
        self.consents.retain(|c| c.date <= as_of);
        for c in &mut self.check_ins {
            c.value.entries.retain(|e| e.date <= as_of);
        }
        self.with_rules_for_plan()
    }
}
