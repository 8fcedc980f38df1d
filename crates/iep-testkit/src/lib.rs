//! Test support shared by the workspace's tests: small model values, a
//! fluent [`CaseBuilder`] in place of hand-built `Case` literals, the
//! synthetic case generator (`gen_case`, also `cargo xtask gen-case`) and a
//! PDF text reader (`pdf_text`).
//!
//! A dev-dependency only (xtask aside). It depends on the model and nothing
//! that depends on the model, so a crate's own tests never see two copies of
//! one type.

use chrono::NaiveDate;
use iep_model::{
    Accommodation, Amount, Baseline, Case, CaseInfo, Child, Direction, Doc, Goal, GoalProgress, IepVersion, ItemRef,
    ItemRefs, Letter, Meeting, MeetingType, NoticeAction, Parent, Plan, PriorWrittenNotice, ProgressReport, RuleSet,
    SchoolCalendar, Service, ServiceLog, Target,
};

pub mod gen_case;
pub mod pdf_text;

/// A date written `YYYY-MM-DD`.
pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A date from its parts.
pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Item references as a case file writes them (`services.speech`, `all`).
pub fn refs(paths: &[&str]) -> ItemRefs {
    ItemRefs(paths.iter().map(|p| ItemRef::parse(p).unwrap()).collect())
}

pub fn doc<T>(path: &str, value: T) -> Doc<T> {
    Doc { path: path.into(), value }
}

/// A service given individually and pulled out, from its amount's text.
pub fn service(id: &str, name: &str, amount: &str) -> Service {
    Service {
        id: id.into(),
        service: name.into(),
        provider: None,
        amount: Amount::parse(amount).unwrap(),
        setting: Some("pull-out".into()),
        group: Some("individual".into()),
        start: None,
        end: None,
        esy: false,
        notes: None,
    }
}

/// A reading goal measured in words per minute, from a baseline to a target.
pub fn goal(id: &str, statement: &str, baseline: f64, target: f64) -> Goal {
    Goal {
        id: id.into(),
        area: Some("Reading".into()),
        statement: statement.into(),
        measure: Some("words per minute".into()),
        baseline: Some(Baseline { value: Some(baseline), date: None, ..Default::default() }),
        target: Some(Target { value: Some(target), by: None, ..Default::default() }),
        direction: Direction::Up,
        ..Default::default()
    }
}

pub fn accommodation(id: &str, text: &str) -> Accommodation {
    Accommodation { id: id.into(), text: text.into(), ..Default::default() }
}

/// An IEP effective on `effective` that ends 2026-09-14, unsigned, with no
/// items: add them with [`VersionExt`].
pub fn version(id: &str, effective: &str) -> IepVersion {
    IepVersion {
        id: id.into(),
        plan: Plan::Iep,
        effective: d(effective),
        end: Some(d("2026-09-14")),
        ..Default::default()
    }
}

/// Fluent additions to a version.
pub trait VersionExt {
    fn with_service(self, service: Service) -> Self;
    fn with_goal(self, goal: Goal) -> Self;
    fn with_accommodation(self, accommodation: Accommodation) -> Self;
    fn signed(self, on: &str) -> Self;
    fn meeting_on(self, on: &str) -> Self;
}

impl VersionExt for IepVersion {
    fn with_service(mut self, service: Service) -> Self {
        self.services.push(service);
        self
    }
    fn with_goal(mut self, goal: Goal) -> Self {
        self.goals.push(goal);
        self
    }
    fn with_accommodation(mut self, accommodation: Accommodation) -> Self {
        self.accommodations.push(accommodation);
        self
    }
    fn signed(mut self, on: &str) -> Self {
        self.parent_signed = Some(d(on));
        self
    }
    fn meeting_on(mut self, on: &str) -> Self {
        self.meeting = Some(d(on));
        self
    }
}

/// An amendment meeting on `date` that agreed to `agreed`.
pub fn meeting(date: &str, agreed: &[&str]) -> Doc<Meeting> {
    doc(
        &format!("meetings/{date}.yaml"),
        Meeting {
            date: d(date),
            meeting_type: MeetingType::Amendment,
            requested: None,
            attendees: Vec::new(),
            agreed: refs(agreed),
            notes: None,
            concerns: Vec::new(),
            questions: Vec::new(),
        },
    )
}

/// A meeting of the given type on `date`, nothing else said.
pub fn meeting_of(date: &str, meeting_type: MeetingType) -> Doc<Meeting> {
    doc(&format!("meetings/{date}.yaml"), Meeting { date: d(date), meeting_type, ..Default::default() })
}

/// A letter of `letter_type` sent on `date` to the case manager, unanswered.
pub fn letter(date: &str, letter_type: &str) -> Doc<Letter> {
    let value =
        Letter { date: d(date), letter_type: letter_type.into(), to: "case-manager".into(), ..Default::default() };
    doc(&format!("letters/{date}-{letter_type}.yaml"), value)
}

/// A prior written notice on `date` that proposes what it covers.
pub fn notice(date: &str, covers: &[&str]) -> Doc<PriorWrittenNotice> {
    doc(
        &format!("notices/{date}.yaml"),
        PriorWrittenNotice {
            date: d(date),
            action: NoticeAction::Proposes,
            covers: refs(covers),
            description: String::new(),
            ..Default::default()
        },
    )
}

/// A progress report on `date` for version `iep`: per goal its value,
/// status and narrative.
pub fn report(date: &str, iep: &str, entries: &[(&str, Option<f64>, &str, &str)]) -> Doc<ProgressReport> {
    doc(
        &format!("progress/{date}.yaml"),
        ProgressReport {
            date: d(date),
            iep: iep.into(),
            goals: entries
                .iter()
                .map(|(goal, value, status, narrative)| GoalProgress {
                    goal: (*goal).into(),
                    value: *value,
                    status: Some((*status).into()),
                    narrative: Some((*narrative).into()),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        },
    )
}

/// A school calendar from `first` to `last`, nothing closed.
pub fn calendar(first: &str, last: &str) -> SchoolCalendar {
    SchoolCalendar { first_day: d(first), last_day: d(last), ..Default::default() }
}

/// Builds a `Case` the way the loader would hand it over: documents with
/// the paths a case folder would give them, each list sorted as the model
/// says. Defaults: a case named `test` for Maya Alvarez, parent Elena, no
/// state, no documents, no rules.
#[derive(Debug, Clone)]
pub struct CaseBuilder {
    case: Case,
}

impl Default for CaseBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl CaseBuilder {
    pub fn new() -> Self {
        let info = CaseInfo {
            child: Child { name: "Maya Alvarez".into(), date_of_birth: None, grade: None, school: None },
            parent: Parent { name: "Elena".into(), address: None, email: None, phone: None },
            ..Default::default()
        };
        CaseBuilder { case: Case { name: "test".into(), info: doc("case.yaml", info), ..Default::default() } }
    }

    /// The case folder's name.
    pub fn name(mut self, name: &str) -> Self {
        self.case.name = name.into();
        self
    }

    pub fn child(mut self, name: &str) -> Self {
        self.case.info.value.child.name = name.into();
        self
    }

    pub fn parent(mut self, name: &str) -> Self {
        self.case.info.value.parent.name = name.into();
        self
    }

    pub fn state(mut self, state: Option<&str>) -> Self {
        self.case.info.value.state = state.map(str::to_owned);
        self
    }

    /// Any other change to `case.yaml`.
    pub fn info(mut self, edit: impl FnOnce(&mut CaseInfo)) -> Self {
        edit(&mut self.case.info.value);
        self
    }

    /// A version, in `iep/<effective>.yaml`.
    pub fn version(self, version: IepVersion) -> Self {
        let path = format!("iep/{}.yaml", version.effective);
        self.version_at(&path, version)
    }

    pub fn version_at(mut self, path: &str, version: IepVersion) -> Self {
        self.case.versions.push(doc(path, version));
        self
    }

    pub fn versions(self, versions: impl IntoIterator<Item = IepVersion>) -> Self {
        versions.into_iter().fold(self, Self::version)
    }

    /// A school calendar, in `calendar.yaml`.
    pub fn calendar(mut self, calendar: SchoolCalendar) -> Self {
        self.case.calendars.push(doc("calendar.yaml", calendar));
        self
    }

    /// A service log, in `services/log.yaml`.
    pub fn log(mut self, log: ServiceLog) -> Self {
        self.case.service_logs.push(doc("services/log.yaml", log));
        self
    }

    pub fn report(mut self, report: Doc<ProgressReport>) -> Self {
        self.case.reports.push(report);
        self
    }

    pub fn meeting(mut self, meeting: Doc<Meeting>) -> Self {
        self.case.meetings.push(meeting);
        self
    }

    pub fn notice(mut self, notice: Doc<PriorWrittenNotice>) -> Self {
        self.case.notices.push(notice);
        self
    }

    pub fn letter(mut self, letter: Doc<Letter>) -> Self {
        self.case.letters.push(letter);
        self
    }

    pub fn rules(mut self, rules: RuleSet) -> Self {
        self.case.rules = rules;
        self
    }

    pub fn build(mut self) -> Case {
        let c = &mut self.case;
        // Stable sorts, as the loader's.
        c.calendars.sort_by_key(|x| x.first_day);
        c.versions.sort_by_key(|x| x.effective);
        c.reports.sort_by_key(|x| x.date);
        c.meetings.sort_by_key(|x| x.date);
        c.notices.sort_by_key(|x| x.date);
        c.letters.sort_by_key(|x| x.date);
        // The rules follow the plan, as the loader's do.
        self.case.with_rules_for_plan()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_files_documents_where_a_case_folder_would() {
        let case = CaseBuilder::new()
            .version(version("b", "2026-02-09"))
            .version(version("a", "2025-09-15").with_service(service("speech", "Speech", "30 min per week")))
            .meeting(meeting("2026-01-27", &["all"]))
            .build();
        assert_eq!(case.versions[0].path, "iep/2025-09-15.yaml");
        assert_eq!(case.versions[0].id, "a", "versions are sorted by effective date");
        assert_eq!(case.versions[0].services[0].id, "speech");
        assert_eq!(case.meetings[0].path, "meetings/2026-01-27.yaml");
        assert_eq!(case.info.path, "case.yaml");
    }
}
