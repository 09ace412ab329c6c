//! The questionnaires of the FHIR bundle: one `Questionnaire` per form a check-in of the period
//! used (PSFS, PEG, the PGIC on each of its scales), each with a stable canonical `url` that the
//! `QuestionnaireResponse`s name in their `questionnaire` element, and the coded answers of the
//! PGIC. Kept apart from `fhir.rs`, which builds the bundle and its Observations.

use serde_json::{Value, json};

use super::fhir::CODE_SYSTEM;
use crate::measures::wording::{
    PEG_CITATION, PEG_ITEMS, PGIC_CITATION, PGIC_ONE_SIDED_QUESTION, PGIC_ONE_SIDED_SOURCE,
    PGIC_QUESTION, PSFS_CITATION, PSFS_HIGH, PSFS_LOW, PSFS_QUESTION,
};
use crate::measures::{
    Answers, Item, PSFS_MAX_ACTIVITIES, PSFS_MIN_ACTIVITIES, PgicAnswer, PgicChange,
};

/// Where Limber's questionnaires live: a `Questionnaire`'s canonical `url` is this followed
/// by its id, and is also its `fullUrl` in the bundle.
pub const QUESTIONNAIRE_BASE: &str = "https://limber.app/fhir/Questionnaire/";

/// A questionnaire as Limber asks it: the two PGIC scales are two forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Form {
    /// Patient-Specific Functional Scale.
    Psfs,
    /// PEG, in Limber's words.
    Peg,
    /// The one-sided PGIC of the earlier answers.
    PgicOneSided,
    /// The two-sided PGIC (NINDS).
    PgicTwoSided,
}

impl Form {
    /// The form a check-in's answers were given on.
    pub fn of(answers: &Answers) -> Form {
        match answers {
            Answers::Psfs(_) => Form::Psfs,
            Answers::Peg { .. } => Form::Peg,
            Answers::Pgic(_) => Form::PgicOneSided,
            Answers::PgicTwoSided(_) => Form::PgicTwoSided,
        }
    }

    /// The questionnaire's id, and the start of its score's code ("pgic-two-sided").
    pub fn id(self) -> &'static str {
        match self {
            Form::Psfs => "psfs",
            Form::Peg => "peg",
            Form::PgicOneSided => "pgic-one-sided",
            Form::PgicTwoSided => "pgic-two-sided",
        }
    }

    /// The questionnaire's canonical URL.
    pub fn url(self) -> String {
        format!("{QUESTIONNAIRE_BASE}{}", self.id())
    }

    /// The published name, with the scale for the PGIC.
    pub fn title(self) -> &'static str {
        match self {
            Form::Psfs => "Patient-Specific Functional Scale",
            Form::Peg => "PEG three-item pain scale (adapted)",
            Form::PgicOneSided => "Patient Global Impression of Change, one-sided scale",
            Form::PgicTwoSided => "Patient Global Impression of Change, two-sided scale",
        }
    }

    /// The questionnaire resource.
    pub fn questionnaire(self) -> Value {
        let (name, description, items) = match self {
            Form::Psfs => (
                "PatientSpecificFunctionalScale",
                PSFS_CITATION.to_owned(),
                psfs_items(),
            ),
            Form::Peg => (
                "PegAdapted",
                PEG_CITATION.to_owned(),
                PEG_ITEMS
                    .iter()
                    .map(|(link_id, text)| {
                        json!({ "linkId": link_id, "text": text, "type": "integer", "required": true })
                    })
                    .collect(),
            ),
            Form::PgicOneSided => (
                "PgicOneSided",
                format!("Source: {PGIC_ONE_SIDED_SOURCE}. Answers given before Limber's schema 8."),
                vec![choice(
                    PGIC_ONE_SIDED_QUESTION,
                    PgicAnswer::ALL.map(|a| (a.value(), a.label())),
                    self,
                )],
            ),
            Form::PgicTwoSided => (
                "PgicTwoSided",
                PGIC_CITATION.to_owned(),
                vec![choice(
                    PGIC_QUESTION,
                    PgicChange::ALL.map(|a| (a.value(), a.label())),
                    self,
                )],
            ),
        };
        json!({
            "resourceType": "Questionnaire",
            "id": self.id(),
            "url": self.url(),
            "version": "1",
            "name": name,
            "title": self.title(),
            "status": "active",
            "subjectType": ["Patient"],
            "description": description,
            "item": items,
        })
    }

    /// The code of an answer's point on this form's scale ("pgic-two-sided-5").
    fn answer_code(self, value: u8) -> String {
        format!("{}-{value}", self.id())
    }
}

/// The PSFS items: its question, then up to five activities rated 0–10, the first three needed.
fn psfs_items() -> Vec<Value> {
    let mut items = vec![json!({ "linkId": "question", "text": PSFS_QUESTION, "type": "display" })];
    items.extend((1..=PSFS_MAX_ACTIVITIES).map(|i| {
        json!({
            "linkId": format!("activity-{i}"),
            "text": format!("Activity {i}, in the person's words ({PSFS_LOW}; {PSFS_HIGH})"),
            "type": "integer",
            "required": i <= PSFS_MIN_ACTIVITIES,
        })
    }));
    items
}

/// A PGIC item: one choice of seven coded answers.
fn choice(text: &str, options: [(u8, &str); 7], form: Form) -> Value {
    let options: Vec<Value> = options
        .iter()
        .map(|(value, label)| json!({ "valueCoding": coding(form, *value, label) }))
        .collect();
    json!({
        "linkId": "change",
        "text": text,
        "type": "choice",
        "required": true,
        "answerOption": options,
    })
}

fn coding(form: Form, value: u8, label: &str) -> Value {
    json!({ "system": CODE_SYSTEM, "code": form.answer_code(value), "display": label })
}

/// The `answer` of one item of a response: the PGIC's coded point, other items' whole number.
pub fn answer(answers: &Answers, item: &Item) -> Value {
    match answers.pgic() {
        Some(reading) => {
            json!([{ "valueCoding": coding(Form::of(answers), item.value, reading.label) }])
        }
        None => json!([{ "valueInteger": item.value }]),
    }
}

/// The bundle entries of the questionnaires `forms` names, each once, in [`Form`] order.
pub fn questionnaire_entries(mut forms: Vec<Form>) -> Vec<Value> {
    forms.sort_unstable();
    forms.dedup();
    forms
        .into_iter()
        .map(|form| json!({ "fullUrl": form.url(), "resource": form.questionnaire() }))
        .collect()
}
