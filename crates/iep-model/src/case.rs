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
#[derive(Debug, Clone, Serialize)]
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
#[derive(Debug, Clone, Serialize)]
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
    /// The timeline rules for the case's state, with federal defaults.
    #[serde(skip)]
    pub rules: RuleSet,
    /// The git commit the case folder is at, when it is a repository.
    pub revision: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaseInfo {
    pub child: Child,
    pub district: Option<String>,
    /// Two-letter state code, upper case (`MA`).
    pub state: Option<String>,
    pub school_address: Option<String>,
    pub parent: Parent,
    pub team: Vec<TeamMember>,
    pub settings: Settings,
}

#[derive(Debug, Clone, Serialize)]
pub struct Child {
    pub name: String,
    pub date_of_birth: Option<NaiveDate>,
    pub grade: Option<String>,
    pub school: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Parent {
    pub name: String,
    pub address: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TeamMember {
    pub id: String,
    pub name: String,
    pub role: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Thresholds of the checks (`settings:` in `case.yaml`).
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Settings {
    pub similar_narrative: f64,
    pub min_delivery: f64,
    pub missed_in_a_row: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { similar_narrative: 0.90, min_delivery: 0.90, missed_in_a_row: 3 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Plan {
    Iep,
    #[serde(rename = "504")]
    Section504,
}

/// One IEP or 504 version the school issued.
#[derive(Debug, Clone, Serialize)]
pub struct IepVersion {
    pub id: String,
    pub plan: Plan,
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Goal {
    pub id: String,
    pub area: Option<String>,
    pub statement: String,
    pub measure: Option<String>,
    pub baseline: Option<Baseline>,
    pub target: Option<Target>,
    pub direction: Direction,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Baseline {
    pub value: Option<f64>,
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub value: Option<f64>,
    pub by: Option<NaiveDate>,
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Accommodation {
    pub id: String,
    pub text: String,
}

/// One progress report the school sent.
#[derive(Debug, Clone, Serialize)]
pub struct ProgressReport {
    pub date: NaiveDate,
    /// The id of the version the report is written against.
    pub iep: String,
    pub goals: Vec<GoalProgress>,
}

impl ProgressReport {
    pub fn entry(&self, goal: &str) -> Option<&GoalProgress> {
        self.goals.iter().find(|g| g.goal == goal)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GoalProgress {
    pub goal: String,
    /// Measured value in the goal's measure; `None`: no data given.
    pub value: Option<f64>,
    pub status: Option<String>,
    pub narrative: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceLog {
    pub entries: Vec<LogEntry>,
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

#[derive(Debug, Clone, Serialize)]
pub struct SchoolCalendar {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Closed days; a single day is a range from and to the same date.
    pub closed: Vec<DateRange>,
    pub report_cards: Vec<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingType {
    AnnualReview,
    Amendment,
    Eligibility,
    Reevaluation,
    Other,
}

#[derive(Debug, Clone, Serialize)]
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeAction {
    Proposes,
    Refuses,
}

#[derive(Debug, Clone, Serialize)]
pub struct PriorWrittenNotice {
    pub date: NaiveDate,
    pub action: NoticeAction,
    pub covers: ItemRefs,
    pub description: String,
}

/// A letter the parent sent.
#[derive(Debug, Clone, Serialize)]
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
}

#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub date: NaiveDate,
    pub summary: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Communications {
    pub entries: Vec<Communication>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Communication {
    pub date: NaiveDate,
    /// A team member id, or `parent`.
    pub with: Option<String>,
    pub via: Option<String>,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Observations {
    pub entries: Vec<Observation>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Observation {
    pub date: NaiveDate,
    pub note: String,
}

impl Case {
    /// Every service-log entry of every log file, with the file it came from,
    /// in file order then entry order.
    pub fn log_entries(&self) -> impl Iterator<Item = (&str, &LogEntry)> {
        self.service_logs
            .iter()
            .flat_map(|log| log.entries.iter().map(move |e| (log.path.as_str(), e)))
    }

    pub fn version(&self, id: &str) -> Option<&Doc<IepVersion>> {
        self.versions.iter().find(|v| v.id == id)
    }

    pub fn team_member(&self, id: &str) -> Option<&TeamMember> {
        self.info.team.iter().find(|m| m.id == id)
    }

    /// The calendar of the school year (July 1 to June 30) holding `day`.
    pub fn calendar_for(&self, day: NaiveDate) -> Option<&Doc<SchoolCalendar>> {
        let year = school_year_start(day);
        self.calendars.iter().find(|c| school_year_start(c.first_day) == year)
    }

    /// Whether the school is open on `day` (checks.md, "Open days"): a weekday,
    /// within the calendar's first and last day and not closed; in a school
    /// year without a calendar, every weekday.
    pub fn is_open(&self, day: NaiveDate) -> bool {
        use chrono::Datelike;
        if day.weekday().number_from_monday() > 5 {
            return false;
        }
        match self.calendar_for(day) {
            None => true,
            Some(cal) => {
                cal.first_day <= day && day <= cal.last_day && !cal.closed.iter().any(|r| r.contains(day))
            }
        }
    }

    /// A case view as it stood on `as_of`: documents and entries dated after it
    /// are dropped, and so is a letter's response dated after it (checks.md, "Time").
    pub fn as_of(&self, as_of: NaiveDate) -> Case {
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
                .map(|log| doc(log, ServiceLog { entries: kept(&log.entries, |e| e.date <= as_of) }))
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
                .map(|c| doc(c, Communications { entries: kept(&c.entries, |e| e.date <= as_of) }))
                .collect(),
            observations: self
                .observations
                .iter()
                .map(|o| doc(o, Observations { entries: kept(&o.entries, |e| e.date <= as_of) }))
                .collect(),
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
        self
    }
}

/// July 1 of the school year holding `day` (a school year runs July 1 to June 30).
pub fn school_year_start(day: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    let year = if day.month() >= 7 { day.year() } else { day.year() - 1 };
    NaiveDate::from_ymd_opt(year, 7, 1).expect("July 1 exists every year")
}
