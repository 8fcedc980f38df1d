//! From the converted documents to the `Case`.

use std::path::Path;

use iep_model::Case;

use crate::AnyDoc;
use crate::read::FileOut;
use crate::{git, rules};

/// Builds the case from the converted documents, sorted as the model says.
pub(crate) fn assemble(dir: &Path, outs: Vec<FileOut>) -> Option<Case> {
    use iep_model::Doc;
    let mut info = None;
    let mut case = Case {
        name: dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "case".to_owned()),
        info: Doc { path: String::new(), value: empty_info() },
        calendars: Vec::new(),
        versions: Vec::new(),
        reports: Vec::new(),
        service_logs: Vec::new(),
        meetings: Vec::new(),
        notices: Vec::new(),
        letters: Vec::new(),
        communications: Vec::new(),
        observations: Vec::new(),
        evaluations: Vec::new(),
        consents: Vec::new(),
        check_ins: Vec::new(),
        drafts: Vec::new(),
        rules: Default::default(),
        revision: None,
    };
    for out in outs {
        let path = out.rel;
        let Some(doc) = out.doc else { continue };
        match doc {
            AnyDoc::Case(v) => {
                if info.is_none() {
                    info = Some(Doc { path, value: v });
                }
            }
            AnyDoc::Calendar(v) => case.calendars.push(Doc { path, value: v }),
            AnyDoc::Iep(v) if v.status == iep_model::VersionStatus::Draft => case.drafts.push(Doc { path, value: v }),
            AnyDoc::Iep(v) => case.versions.push(Doc { path, value: v }),
            AnyDoc::Report(v) => case.reports.push(Doc { path, value: v }),
            AnyDoc::Log(v) => case.service_logs.push(Doc { path, value: v }),
            AnyDoc::Meeting(v) => case.meetings.push(Doc { path, value: v }),
            AnyDoc::Notice(v) => case.notices.push(Doc { path, value: v }),
            AnyDoc::Letter(v) => case.letters.push(Doc { path, value: v }),
            AnyDoc::Communications(v) => case.communications.push(Doc { path, value: v }),
            AnyDoc::Observations(v) => case.observations.push(Doc { path, value: v }),
            AnyDoc::Evaluation(v) => case.evaluations.push(Doc { path, value: v }),
            AnyDoc::Consent(v) => case.consents.push(Doc { path, value: v }),
            AnyDoc::CheckIns(v) => case.check_ins.push(Doc { path, value: v }),
        }
    }
    case.info = info?;
    // Stable sorts: files were read in path order, so ties keep it.
    case.calendars.sort_by_key(|c| c.first_day);
    case.versions.sort_by_key(|v| v.effective);
    case.reports.sort_by_key(|r| r.date);
    case.meetings.sort_by_key(|m| m.date);
    case.notices.sort_by_key(|n| n.date);
    case.letters.sort_by_key(|l| l.date);
    case.drafts.sort_by_key(|v| v.effective);
    case.evaluations.sort_by_key(|e| e.date);
    case.consents.sort_by_key(|c| c.date);
    case.rules = rules::rule_set(case.info.state.as_deref());
    case.revision = git::revision(dir);
    Some(case.with_rules_for_plan())
}

fn empty_info() -> iep_model::CaseInfo {
    iep_model::CaseInfo {
        child: iep_model::Child { name: String::new(), date_of_birth: None, grade: None, school: None },
        district: None,
        state: None,
        school_address: None,
        district_address: None,
        parent: iep_model::Parent { name: String::new(), address: None, email: None, phone: None },
        team: Vec::new(),
        progress_codes: Vec::new(),
        settings: Default::default(),
        state_agency: None,
        state_agency_address: None,
        notes: None,
    }
}
