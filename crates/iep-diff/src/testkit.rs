//! Small model values for unit tests.

use chrono::NaiveDate;
use iep_model::*;

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn refs(paths: &[&str]) -> ItemRefs {
    ItemRefs(paths.iter().map(|p| ItemRef::parse(p).unwrap()).collect())
}

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

pub fn version(id: &str, effective: &str) -> IepVersion {
    IepVersion {
        id: id.into(),
        plan: Plan::Iep,
        effective: d(effective),
        end: Some(d("2026-09-14")),
        meeting: None,
        parent_signed: None,
        parent_rejected: ItemRefs::default(),
        amends: None,
        placement: None,
        goals: Vec::new(),
        services: Vec::new(),
        accommodations: Vec::new(),
        ..Default::default()
    }
}

pub fn doc<T>(path: &str, value: T) -> Doc<T> {
    Doc { path: path.into(), value }
}

pub fn case(versions: Vec<IepVersion>) -> Case {
    Case {
        name: "test".into(),
        info: doc(
            "case.yaml",
            CaseInfo {
                child: Child { name: "Maya Alvarez".into(), date_of_birth: None, grade: None, school: None },
                district: None,
                state: None,
                school_address: None,
                parent: Parent { name: "Elena".into(), address: None, email: None, phone: None },
                team: Vec::new(),
                settings: Settings::default(),
                ..Default::default()
            },
        ),
        calendars: Vec::new(),
        versions: versions.into_iter().map(|v| doc(&format!("iep/{}.yaml", v.effective), v)).collect(),
        reports: Vec::new(),
        service_logs: Vec::new(),
        meetings: Vec::new(),
        notices: Vec::new(),
        letters: Vec::new(),
        communications: Vec::new(),
        observations: Vec::new(),
        rules: RuleSet::default(),
        revision: None,
        ..Default::default()
    }
}

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
