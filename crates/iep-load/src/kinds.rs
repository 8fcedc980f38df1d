//! The kinds table: one row per `kind:` a case file may declare, and
//! everything the workspace knows of a kind that is not its types. The
//! loader dispatches on it (`read`), the schemas come from it (`schema`),
//! `iep new` and `iep init` write from it, and `cargo xtask docs` lists it.
//!
//! A new kind is its model type (and `Case` field), its raw struct and
//! conversion (`raw/`), its commented template (`templates/`), one row here
//! with its `AnyDoc` variant, and the arms the compiler then asks for where a
//! converted document is filed (`assemble`) and its dates checked (`bounds`).

use chrono::NaiveDate;
use schemars::Schema;

use crate::raw;
use crate::read::{FileOut, run};
use crate::schema::schema_of;

/// One kind of case file.
#[derive(Debug)]
pub struct Kind {
    /// The word `kind:` names (`progress-report`).
    pub name: &'static str,
    /// Where a case usually keeps a file of this kind, relative to the case
    /// folder, as the format reference prints it: `DATE` stands for the
    /// document's date, `TYPE` for a letter's type.
    pub usual_file: &'static str,
    /// What its usual folder holds of this kind, as `iep init` notes it in
    /// that folder (`None`: the file sits at the top of the case).
    pub folder_note: Option<&'static str>,
    /// The commented template `iep new` writes; `{{schema}}`, `{{date}}` and
    /// `{{type}}` are filled in by the writer.
    pub template: &'static str,
    /// The JSON Schema, derived from the raw type (see `schema`).
    pub(crate) schema: fn() -> Schema,
    /// Parses a file's text into the raw type and converts it into the model.
    pub(crate) read: fn(&mut FileOut),
    /// Parses a file's text into the raw type only, with either parser.
    #[cfg(feature = "parser-compare")]
    pub(crate) compare: crate::parser_compare::ParseFn,
}

/// Every kind, in the order the format reference lists them.
pub static KINDS: &[Kind] = &[
    Kind {
        name: "case",
        usual_file: "case.yaml",
        folder_note: None,
        template: include_str!("../templates/case.yaml"),
        schema: schema_of::<raw::RawCase>,
        read: |out| run::<raw::RawCase>(out, |r, p| AnyDoc::Case(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawCase>,
    },
    Kind {
        name: "school-calendar",
        usual_file: "calendar.yaml",
        folder_note: None,
        template: include_str!("../templates/school-calendar.yaml"),
        schema: schema_of::<raw::RawCalendar>,
        read: |out| run::<raw::RawCalendar>(out, |r, p| AnyDoc::Calendar(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawCalendar>,
    },
    Kind {
        name: "iep",
        usual_file: "iep/DATE.yaml",
        folder_note: Some("One file per IEP or 504 version the school issued (kind: iep), e.g. iep/2025-09-15.yaml"),
        template: include_str!("../templates/iep.yaml"),
        schema: schema_of::<raw::RawIep>,
        read: |out| run::<raw::RawIep>(out, |r, p| AnyDoc::Iep(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawIep>,
    },
    Kind {
        name: "progress-report",
        usual_file: "progress/DATE.yaml",
        folder_note: Some("One file per progress report (kind: progress-report), e.g. progress/2025-11-14.yaml"),
        template: include_str!("../templates/progress-report.yaml"),
        schema: schema_of::<raw::RawReport>,
        read: |out| run::<raw::RawReport>(out, |r, p| AnyDoc::Report(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawReport>,
    },
    Kind {
        name: "service-log",
        usual_file: "services/log.yaml",
        folder_note: Some("Service logs (kind: service-log): what was delivered and missed, session by session"),
        template: include_str!("../templates/service-log.yaml"),
        schema: schema_of::<raw::RawServiceLog>,
        // A long log of one-line entries takes the quick reader; anything
        // unusual goes to serde_yaml.
        read: |out| match raw::RawServiceLog::quick(&out.source) {
            Some(log) => out.doc = Some(AnyDoc::Log(log)),
            None => run::<raw::RawServiceLog>(out, |r, p| AnyDoc::Log(r.convert(p))),
        },
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawServiceLog>,
    },
    Kind {
        name: "meeting",
        usual_file: "meetings/DATE.yaml",
        folder_note: Some("One file per meeting (kind: meeting): who came and what was agreed"),
        template: include_str!("../templates/meeting.yaml"),
        schema: schema_of::<raw::RawMeeting>,
        read: |out| run::<raw::RawMeeting>(out, |r, p| AnyDoc::Meeting(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawMeeting>,
    },
    Kind {
        name: "prior-written-notice",
        usual_file: "notices/DATE.yaml",
        folder_note: Some("Prior written notices the school sent (kind: prior-written-notice)"),
        template: include_str!("../templates/prior-written-notice.yaml"),
        schema: schema_of::<raw::RawNotice>,
        read: |out| run::<raw::RawNotice>(out, |r, p| AnyDoc::Notice(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawNotice>,
    },
    Kind {
        name: "letter",
        usual_file: "letters/DATE-TYPE.yaml",
        folder_note: Some("Letters you sent (kind: letter); `iep letter --record` adds them here"),
        template: include_str!("../templates/letter.yaml"),
        schema: schema_of::<raw::RawLetter>,
        read: |out| run::<raw::RawLetter>(out, |r, p| AnyDoc::Letter(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawLetter>,
    },
    Kind {
        name: "communications",
        usual_file: "log/communications.yaml",
        folder_note: Some("Communications (kind: communications)"),
        template: include_str!("../templates/communications.yaml"),
        schema: schema_of::<raw::RawCommunications>,
        read: |out| run::<raw::RawCommunications>(out, |r, p| AnyDoc::Communications(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawCommunications>,
    },
    Kind {
        name: "observations",
        usual_file: "log/home.yaml",
        folder_note: Some("home observations (kind: observations)"),
        template: include_str!("../templates/observations.yaml"),
        schema: schema_of::<raw::RawObservations>,
        read: |out| run::<raw::RawObservations>(out, |r, p| AnyDoc::Observations(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawObservations>,
    },
    Kind {
        name: "evaluation",
        usual_file: "evaluations/DATE.yaml",
        folder_note: Some("Evaluation reports, the school's or independent (kind: evaluation)"),
        template: include_str!("../templates/evaluation.yaml"),
        schema: schema_of::<raw::RawEvaluation>,
        read: |out| run::<raw::RawEvaluation>(out, |r, p| AnyDoc::Evaluation(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawEvaluation>,
    },
    Kind {
        name: "consent",
        usual_file: "consents/DATE.yaml",
        folder_note: Some("Consent forms you signed or refused (kind: consent)"),
        template: include_str!("../templates/consent.yaml"),
        schema: schema_of::<raw::RawConsent>,
        read: |out| run::<raw::RawConsent>(out, |r, p| AnyDoc::Consent(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawConsent>,
    },
    Kind {
        name: "check-ins",
        usual_file: "log/check-ins.yaml",
        folder_note: Some("whether accommodations were given (kind: check-ins)"),
        template: include_str!("../templates/check-ins.yaml"),
        schema: schema_of::<raw::RawCheckIns>,
        read: |out| run::<raw::RawCheckIns>(out, |r, p| AnyDoc::CheckIns(r.convert(p))),
        #[cfg(feature = "parser-compare")]
        compare: crate::parser_compare::parse::<raw::RawCheckIns>,
    },
];

/// One document, converted to the model: one variant per row of the
/// table, so filing a document (`assemble`) and checking its dates
/// (`bounds`) are exhaustive matches the compiler holds to the table.
#[derive(Debug)]
pub(crate) enum AnyDoc {
    Case(iep_model::CaseInfo),
    Calendar(iep_model::SchoolCalendar),
    Iep(iep_model::IepVersion),
    Report(iep_model::ProgressReport),
    Log(iep_model::ServiceLog),
    Meeting(iep_model::Meeting),
    Notice(iep_model::PriorWrittenNotice),
    Letter(iep_model::Letter),
    Communications(iep_model::Communications),
    Observations(iep_model::Observations),
    Evaluation(iep_model::Evaluation),
    Consent(iep_model::Consent),
    CheckIns(iep_model::CheckIns),
}

/// The kind `kind:` names, if it is one.
pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// The name of every kind, in the table's order.
pub fn kind_names() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.name).collect()
}

impl Kind {
    /// The usual file of a document of this kind dated `date` (and, for a
    /// letter, of type `letter_type`), relative to the case folder.
    pub fn file_for(&self, date: NaiveDate, letter_type: &str) -> String {
        self.usual_file.replace("DATE", &date.to_string()).replace("TYPE", letter_type)
    }

    /// The folder of the usual file, when it is not at the top of the case.
    pub fn folder(&self) -> Option<&'static str> {
        self.usual_file.rsplit_once('/').map(|(folder, _)| folder)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_every_kind_has_a_template_declaring_it() {
        let mut names = kind_names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len(), "two rows name the same kind");
        for kind in KINDS {
            assert!(kind.template.contains(&format!("\nkind: {}\n", kind.name)), "{}", kind.name);
        }
    }

    #[test]
    fn a_kind_in_a_folder_has_a_note_for_it_and_a_top_level_one_none() {
        for kind in KINDS {
            assert_eq!(kind.folder().is_some(), kind.folder_note.is_some(), "{}", kind.name);
            if let Some(note) = kind.folder_note {
                assert!(note.contains(&format!("(kind: {})", kind.name)), "{}: {note}", kind.name);
            }
        }
    }

    #[test]
    fn the_usual_file_takes_the_date_and_the_letter_type() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let file = |name: &str| kind(name).unwrap().file_for(date, "records-request");
        assert_eq!(file("letter"), "letters/2026-03-02-records-request.yaml");
        assert_eq!(file("iep"), "iep/2026-03-02.yaml");
        assert_eq!(file("school-calendar"), "calendar.yaml");
        assert_eq!(kind("consent").unwrap().folder(), Some("consents"));
        assert!(kind("conset").is_none());
    }
}
