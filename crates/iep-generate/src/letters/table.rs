//! The letters table: one row per letter type `iep letter` writes. The
//! letter dispatch (`letter_context`), what a 504 plan does with a type
//! (`declined`), `iep letter`'s list of types and its help, and `iep build`'s
//! letters all read it.
//!
//! A new letter type is its `LetterType` variant (iep-model, where the
//! findings, the deadlines and the JSON name it), its builder, its template
//! (`templates/letters/<type>.typ.j2`, shipped through its row) and one row here; a compile-time check
//! below refuses a type without exactly one row.

use iep_model::LetterType;

use super::{Letter, LetterContext, changes, disputes, requests, services};

/// What a 504 plan does with a letter type.
#[derive(Debug, Clone, Copy)]
pub enum For504 {
    /// The same builder and template write it, worded for Section 504 where
    /// the plan is one (`Letter::is_504`).
    Written,
    /// There is no such letter for a 504 plan: the sentence that says why,
    /// given the citation of Section 504's safeguards from the rules data
    /// (in brackets after a space, or empty when the rules data has none).
    Declined(fn(&str) -> String),
}

/// The page after a letter that takes its dated facts when they are too
/// many for the body.
#[derive(Debug, Clone, Copy)]
pub struct AttachmentPage {
    pub title: &'static str,
    /// Each item's facts as one paragraph (a service's months), so a long
    /// case keeps its attachment to a page.
    pub one_paragraph_per_item: bool,
}

/// The attachment of a letter whose facts are the dates behind its requests.
const DATES_BEHIND_EACH_REQUEST: AttachmentPage =
    AttachmentPage { title: "Attachment: the dates behind each request", one_paragraph_per_item: false };

/// How a letter's requests and facts are built from the case and findings.
pub(crate) type Builder = fn(&Letter<'_>, &mut LetterContext);

/// One letter type.
#[derive(Debug)]
pub struct LetterSpec {
    /// The type; its slug (`records-request`) and title are the model's.
    pub letter_type: LetterType,
    /// The template that renders it, by the name `Generator::render` takes.
    pub template: &'static str,
    /// The shipped text of that template (`templates/<template>.typ.j2`).
    pub(crate) source: &'static str,
    /// A draft for the parent to finish (a state complaint): its facts stay
    /// in the body, and `iep letter`'s help says so.
    pub draft: bool,
    pub for_504: For504,
    /// Where its dated facts go when they are too many for the body.
    pub attachment: AttachmentPage,
    pub(crate) build: Builder,
}

impl LetterSpec {
    /// What the letter is, in a parent's words.
    pub fn title(&self) -> &'static str {
        self.letter_type.title()
    }
}

/// Every letter type, in the order `iep letter` lists them.
pub static LETTERS: &[LetterSpec] = &[
    LetterSpec {
        letter_type: LetterType::MeetingRequest,
        template: "letters/meeting-request",
        source: include_str!("../../../../templates/letters/meeting-request.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: requests::meeting_request,
    },
    LetterSpec {
        letter_type: LetterType::DataRequest,
        template: "letters/data-request",
        source: include_str!("../../../../templates/letters/data-request.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: services::data_request,
    },
    LetterSpec {
        letter_type: LetterType::RecordsRequest,
        template: "letters/records-request",
        source: include_str!("../../../../templates/letters/records-request.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: requests::records_request,
    },
    LetterSpec {
        letter_type: LetterType::EvaluationRequest,
        template: "letters/evaluation-request",
        source: include_str!("../../../../templates/letters/evaluation-request.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: requests::evaluation_request,
    },
    LetterSpec {
        letter_type: LetterType::PwnRequest,
        template: "letters/pwn-request",
        source: include_str!("../../../../templates/letters/pwn-request.typ.j2"),
        draft: false,
        for_504: For504::Declined(|_| {
            "Prior written notice is an IDEA rule, so a 504 plan's changes are checked for your agreement only and the ones you did not agree to go in the objection letter: there is no pwn-request letter for a 504 plan.".to_string()
        }),
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: changes::pwn_request,
    },
    LetterSpec {
        letter_type: LetterType::Objection,
        template: "letters/objection",
        source: include_str!("../../../../templates/letters/objection.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: changes::objection,
    },
    LetterSpec {
        letter_type: LetterType::DraftRequest,
        template: "letters/draft-request",
        source: include_str!("../../../../templates/letters/draft-request.typ.j2"),
        draft: false,
        for_504: For504::Declined(|_| {
            "No rule gives a 504 plan a draft before the meeting, so there is no draft-request letter for it; ask for the plan's data with a records-request.".to_string()
        }),
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: requests::draft_request,
    },
    LetterSpec {
        letter_type: LetterType::ServicesConcern,
        template: "letters/services-concern",
        source: include_str!("../../../../templates/letters/services-concern.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: AttachmentPage {
            title: "Attachment: the minutes not delivered, by the weeks of each school month",
            one_paragraph_per_item: true,
        },
        build: services::services_concern,
    },
    LetterSpec {
        letter_type: LetterType::FollowUp,
        template: "letters/follow-up",
        source: include_str!("../../../../templates/letters/follow-up.typ.j2"),
        draft: false,
        for_504: For504::Written,
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: disputes::follow_up,
    },
    LetterSpec {
        letter_type: LetterType::IeeRequest,
        template: "letters/iee-request",
        source: include_str!("../../../../templates/letters/iee-request.typ.j2"),
        draft: false,
        for_504: For504::Declined(|_| {
            "An independent educational evaluation at public expense is an IDEA right for a child with an IEP; a 504 plan has no such rule, so there is no iee-request letter for it.".to_string()
        }),
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: requests::iee_request,
    },
    LetterSpec {
        letter_type: LetterType::MediationRequest,
        template: "letters/mediation-request",
        source: include_str!("../../../../templates/letters/mediation-request.typ.j2"),
        draft: false,
        for_504: For504::Declined(|safeguards| {
            format!(
                "Mediation under IDEA is for IEPs; for a 504 plan, Section 504 gives an impartial hearing and a review procedure instead{safeguards}, so there is no mediation-request letter for it."
            )
        }),
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: disputes::mediation_request,
    },
    LetterSpec {
        letter_type: LetterType::StateComplaint,
        template: "letters/state-complaint",
        source: include_str!("../../../../templates/letters/state-complaint.typ.j2"),
        draft: true,
        for_504: For504::Declined(|safeguards| {
            format!(
                "The state complaint procedure covers IEPs under IDEA; for a 504 plan, Section 504 gives an impartial hearing and a review procedure instead{safeguards}, so there is no state-complaint letter for it."
            )
        }),
        attachment: DATES_BEHIND_EACH_REQUEST,
        build: disputes::state_complaint,
    },
];

// Every letter type has exactly one row.
const _: () = {
    let mut t = 0;
    while t < LetterType::ALL.len() {
        let mut rows = 0;
        let mut i = 0;
        while i < LETTERS.len() {
            if LETTERS[i].letter_type as usize == LetterType::ALL[t] as usize {
                rows += 1;
            }
            i += 1;
        }
        assert!(rows == 1, "every LetterType has exactly one row in LETTERS");
        t += 1;
    }
};

/// The row of a letter type.
pub fn letter_spec(letter_type: LetterType) -> &'static LetterSpec {
    LETTERS
        .iter()
        .find(|spec| spec.letter_type == letter_type)
        .unwrap_or_else(|| unreachable!("the check above gives every letter type one row"))
}

/// The letter type a slug (`records-request`) names, among the rows.
pub fn parse_letter_type(slug: &str) -> Option<LetterType> {
    LETTERS.iter().map(|spec| spec.letter_type).find(|t| t.as_str() == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_named_for_its_letter_type() {
        for spec in LETTERS {
            assert_eq!(spec.template, format!("letters/{}", spec.letter_type.as_str()));
            assert!(spec.source.contains("letter.typ.j2"), "{}: built on the letter layout", spec.template);
        }
    }

    #[test]
    fn a_504_decline_is_a_sentence_naming_its_letter_type() {
        for spec in LETTERS {
            if let For504::Declined(why) = spec.for_504 {
                let sentence = why(" (the citation)");
                assert!(sentence.contains(spec.letter_type.as_str()), "{sentence}");
                assert!(sentence.ends_with('.'), "{sentence}");
                // The procedures Section 504 gives instead are cited from the rules data.
                let cites = sentence.contains("Section 504 gives");
                assert_eq!(cites, sentence.contains("instead (the citation), so"), "{sentence}");
            }
        }
    }
}
