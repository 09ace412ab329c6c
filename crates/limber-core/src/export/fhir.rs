//! The export for clinic systems: one HL7 FHIR R4 `Bundle` of type `collection`, as JSON.
//!
//! What goes in (README, "FHIR export", has the full mapping):
//! - every pain score of the period (a session's before and after, and each pain entry) as an
//!   `Observation` coded LOINC 72514-3, "Pain severity - 0-10 verbal numeric rating [Score] -
//!   Reported", with `valueQuantity` in the UCUM unit `{score}`, `effectiveDateTime` in the
//!   local time with its offset, `bodySite` text when areas were marked,
//!   and a component coding when it was rated (before or after a session, or between sessions)
//!   in Limber's code system [`CODE_SYSTEM`];
//! - every PSFS, PEG and PGIC check-in as a `QuestionnaireResponse` with its items, naming its
//!   `Questionnaire` (in the bundle too, see [`super::fhir_forms`]), plus an `Observation` of
//!   its score that points back at it (`derivedFrom`);
//! - every warning sign ticked (in a weekly check-in or on any day) as an `Observation` in
//!   text only (no code is claimed for it): the sign's words and level in `valueString`, its
//!   answer as a `note`;
//! - a `Patient` with only the name from Settings, or no `Patient` at all.
//!
//! Nothing is sent anywhere: this builds bytes, and the caller writes them to a file.

use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::body_area::BodyArea;
use crate::figures::Figures;
use crate::log::SessionLog;
use crate::measures::MeasureResponse;
use crate::session::PainScore;
use crate::sign_history::{self, SignTick};

use super::check_ins_csv::sign_code;

use super::fhir_forms::Form;
use super::{ExportError, ExportFormat, Period, check_content, check_file_target, write_file};

/// The base of Limber's FHIR names: its code system, its questionnaires and the namespace of
/// its resources' UUIDs live under it.
pub const FHIR_BASE: &str = "https://limber.app/fhir";

/// LOINC: pain severity, 0–10 verbal numeric rating, reported.
pub const PAIN_LOINC: &str = "72514-3";
/// The LOINC display text of [`PAIN_LOINC`].
pub const PAIN_LOINC_DISPLAY: &str =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
/// The one code system of Limber's own codes: the measure scores (no LOINC code is claimed for
/// them), when a pain score was rated, and the PGIC's answers. README, "FHIR file for a clinic
/// system", names it.
pub const CODE_SYSTEM: &str = "https://limber.app/fhir/CodeSystem/limber";

/// The code, in [`CODE_SYSTEM`], of the pain Observation's component saying when it was rated.
pub const PAIN_CONTEXT_CODE: &str = "pain-context";

/// When a pain score was rated, coded in [`CODE_SYSTEM`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PainContext {
    /// Pain before a session.
    BeforeSession,
    /// Pain after a session.
    AfterSession,
    /// "How is your back now?", between sessions.
    BetweenSessions,
}

impl PainContext {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            PainContext::BeforeSession => "before-session",
            PainContext::AfterSession => "after-session",
            PainContext::BetweenSessions => "between-sessions",
        }
    }

    /// The code's display text.
    pub fn display(self) -> &'static str {
        match self {
            PainContext::BeforeSession => "Before a self-care session",
            PainContext::AfterSession => "After a self-care session",
            PainContext::BetweenSessions => "Logged during the day, between sessions",
        }
    }

    /// The Observation component that carries it.
    fn component(self) -> Value {
        json!({
            "code": {
                "coding": [{
                    "system": CODE_SYSTEM,
                    "code": PAIN_CONTEXT_CODE,
                    "display": "When the pain was rated",
                }],
                "text": "When the pain was rated",
            },
            "valueCodeableConcept": {
                "coding": [{
                    "system": CODE_SYSTEM,
                    "code": self.code(),
                    "display": self.display(),
                }],
                "text": self.display(),
            },
        })
    }
}

/// The bundle for `period` as pretty-printed JSON. An error when the period holds no pain
/// score and no check-in.
pub fn fhir_bundle(
    figures: &Figures,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ExportError> {
    let bundle = bundle(figures, period, name, now)?;
    serde_json::to_vec_pretty(&bundle).map_err(ExportError::Fhir)
}

/// Builds the bundle and writes it to `path` atomically.
pub fn write_fhir(
    path: &Path,
    figures: &Figures,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ExportError> {
    check_file_target(path)?;
    let bytes = fhir_bundle(figures, period, name, now)?;
    write_file(path, &bytes)
}

/// A pain score to export, wherever it came from.
struct Pain<'a> {
    /// Part of the resource id and full URL: unique within the bundle (see [`number_copies`]).
    key: String,
    at: DateTime<FixedOffset>,
    score: PainScore,
    areas: &'a [BodyArea],
    /// When it was rated.
    context: PainContext,
    note: &'a str,
}

/// Every pain score of the period: a session's before and after, and each pain entry.
fn pain_scores(log: &SessionLog, period: Period) -> Vec<Pain<'_>> {
    let mut pains: Vec<Pain<'_>> = Vec::new();
    for session in log
        .sessions()
        .iter()
        .filter(|s| period.contains(s.local_date))
    {
        let start = session.local_start();
        let end = session
            .ended_at
            .map_or(start, |end| end.with_timezone(&session.offset()));
        for (which, score, at, context) in [
            (
                "before",
                session.pain_before,
                start,
                PainContext::BeforeSession,
            ),
            ("after", session.pain_after, end, PainContext::AfterSession),
        ] {
            if let Some(score) = score {
                pains.push(Pain {
                    key: format!("session-{}-{which}", session.id),
                    at,
                    score,
                    areas: &session.pain_areas,
                    context,
                    note: "",
                });
            }
        }
    }
    for entry in log
        .pain_entries()
        .iter()
        .filter(|e| period.contains(e.local_date))
    {
        pains.push(Pain {
            key: format!("entry-{}", entry.id),
            at: entry.local_time(),
            score: entry.pain,
            areas: &entry.areas,
            context: PainContext::BetweenSessions,
            note: &entry.note,
        });
    }
    pains.sort_by_key(|p| p.at);
    number_copies(pains.iter_mut().map(|p| &mut p.key));
    pains
}

/// The bundle entry of one pain score.
fn pain_entry(pain: &Pain<'_>, subject: Option<&Value>) -> Value {
    let mut resource = json!({
        "resourceType": "Observation",
        "id": resource_id("pain", &pain.key),
        "status": "final",
        "category": [survey()],
        "code": {
            "coding": [{
                "system": "http://loinc.org",
                "code": PAIN_LOINC,
                "display": PAIN_LOINC_DISPLAY,
            }],
            "text": "Pain on the 0-10 scale",
        },
        "effectiveDateTime": date_time(pain.at),
        "valueQuantity": score_quantity(f64::from(pain.score.value())),
        "component": [pain.context.component()],
    });
    let mut notes = vec![json!({ "text": pain.context.display() })];
    if !pain.note.is_empty() {
        notes.push(json!({ "text": pain.note }));
    }
    resource["note"] = Value::Array(notes);
    if !pain.areas.is_empty() {
        resource["bodySite"] = json!({ "text": BodyArea::join(pain.areas) });
    }
    if let Some(subject) = subject {
        resource["subject"] = subject.clone();
    }
    json!({ "fullUrl": urn(&format!("pain-{}", pain.key)), "resource": resource })
}

/// The bundle as a JSON value.
pub fn bundle(
    figures: &Figures,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Value, ExportError> {
    check_content(figures, ExportFormat::Fhir, period)?;
    let log = figures.log();
    let pains = pain_scores(log, period);

    let mut measures: Vec<&MeasureResponse> = log
        .measures()
        .iter()
        .filter(|m| period.contains(m.local_date))
        .collect();
    measures.sort_by_key(|m| m.at);

    let name = name.map(str::trim).filter(|n| !n.is_empty());
    let patient_url = name.map(|_| urn("patient"));
    let subject = patient_url.as_ref().map(|url| json!({ "reference": url }));
    let mut entries: Vec<Value> = Vec::new();
    if let (Some(name), Some(url)) = (name, &patient_url) {
        entries.push(json!({
            "fullUrl": url,
            "resource": {
                "resourceType": "Patient",
                "id": "patient",
                "name": [{ "text": name }],
            },
        }));
    }
    entries.extend(super::fhir_forms::questionnaire_entries(
        measures.iter().map(|m| Form::of(&m.answers)).collect(),
    ));
    for pain in &pains {
        entries.push(pain_entry(pain, subject.as_ref()));
    }
    let mut keys: Vec<String> = measures.iter().map(|m| measure_key(m)).collect();
    number_copies(keys.iter_mut());
    for (response, key) in measures.into_iter().zip(&keys) {
        let (qr, score) = measure_resources(log, response, key, subject.as_ref());
        entries.push(qr);
        if let Some(score) = score {
            entries.push(score);
        }
    }
    entries.extend(sign_observations(log, period, subject.as_ref()));
    Ok(json!({
        "resourceType": "Bundle",
        "id": resource_id("limber", &format!("{}-{}", period.first_day(), period.last_day())),
        "meta": { "lastUpdated": now.to_rfc3339_opts(SecondsFormat::Secs, true) },
        "type": "collection",
        "timestamp": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "entry": entries,
    }))
}

/// The part of a check-in's resource ids and full URLs that names it ("psfs-" and its id).
fn measure_key(response: &MeasureResponse) -> String {
    format!(
        "{}-{}",
        response.kind().short_name().to_lowercase(),
        response.id
    )
}

/// The `QuestionnaireResponse` of a check-in and the `Observation` of its score; `key` names
/// it, unique in the bundle.
fn measure_resources(
    log: &SessionLog,
    response: &MeasureResponse,
    key: &str,
    subject: Option<&Value>,
) -> (Value, Option<Value>) {
    let form = Form::of(&response.answers);
    let local = response.at.with_timezone(&response.offset());
    let items: Vec<Value> = response
        .answers
        .items(log)
        .iter()
        .map(|item| {
            json!({
                "linkId": item.link_id,
                "text": item.text,
                "answer": super::fhir_forms::answer(&response.answers, item),
            })
        })
        .collect();
    let qr_url = urn(&format!("qr-{key}"));
    let mut qr = json!({
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("qr", key),
        "questionnaire": form.url(),
        "status": "completed",
        "authored": date_time(local),
        "item": items,
    });
    if let Some(subject) = subject {
        qr["subject"] = subject.clone();
    }
    let score = response.score().map(|value| {
        let mut observation = json!({
            "resourceType": "Observation",
            "id": resource_id("score", key),
            "status": "final",
            "category": [survey()],
            "code": {
                "coding": [{
                    "system": CODE_SYSTEM,
                    "code": format!("{}-score", form.id()),
                    "display": format!("{} score", form.title()),
                }],
                "text": format!("{} score", form.title()),
            },
            "effectiveDateTime": date_time(local),
            "valueQuantity": score_quantity(value),
            "derivedFrom": [{ "reference": qr_url }],
        });
        if let Some(subject) = subject {
            observation["subject"] = subject.clone();
        }
        json!({ "fullUrl": urn(&format!("score-{key}")), "resource": observation })
    });
    (json!({ "fullUrl": qr_url, "resource": qr }), score)
}

/// One `Observation` per warning sign ticked in the period, in text only: Limber invents no
/// code for a sign, so `code` is text, the sign's words and level are the `valueString`, and
/// where it was ticked and how it was answered (by the period's end) are notes.
fn sign_observations(log: &SessionLog, period: Period, subject: Option<&Value>) -> Vec<Value> {
    let ticks: Vec<SignTick> = sign_history::ticks(log, period.last_day())
        .into_iter()
        .filter(|t| period.contains(t.local_date))
        .collect();
    let mut keys: Vec<String> = ticks
        .iter()
        .map(|t| format!("{}-{}", t.at.format("%Y%m%dT%H%M%S"), sign_code(t.flag)))
        .collect();
    number_copies(keys.iter_mut());
    ticks
        .iter()
        .zip(&keys)
        .map(|(tick, key)| {
            let answer = tick.answer.map_or_else(
                || "Not answered yet".to_owned(),
                |a| format!("Answered on {}: {}", a.local_date, a.answer.button()),
            );
            let mut resource = json!({
                "resourceType": "Observation",
                "id": resource_id("sign", key),
                "status": "final",
                "category": [survey()],
                "code": { "text": "Warning sign the person ticked in Limber" },
                "effectiveDateTime": date_time(tick.at),
                "valueString": format!(
                    "{} (level: {})",
                    tick.flag.label(),
                    tick.flag.urgency().title()
                ),
                "note": [
                    { "text": format!("Ticked in Limber: {}", tick.source.tag()) },
                    { "text": answer },
                ],
            });
            if let Some(subject) = subject {
                resource["subject"] = subject.clone();
            }
            json!({ "fullUrl": urn(&format!("sign-{key}")), "resource": resource })
        })
        .collect()
}

/// The "survey" observation category.
fn survey() -> Value {
    json!({
        "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }],
    })
}

/// A score in the UCUM unit `{score}`.
fn score_quantity(value: f64) -> Value {
    // Whole scores stay whole numbers; means keep two decimals.
    let rounded = (value * 100.0).round() / 100.0;
    let number = if rounded.fract() == 0.0 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "scores are between 0 and 10"
        )]
        let whole = rounded as i64;
        json!(whole)
    } else {
        json!(rounded)
    };
    json!({
        "value": number,
        "unit": "{score}",
        "system": "http://unitsofmeasure.org",
        "code": "{score}",
    })
}

/// A FHIR `dateTime` with seconds and the local offset, e.g. `2026-03-01T20:00:00+01:00`.
fn date_time(at: DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A resource id: letters, digits, `-` and `.`, at most 64 characters (FHIR's rule). The
/// readable `prefix-key` when it is already one; else the prefix and the key's name-based UUID
/// (so two keys that differ only in characters FHIR refuses still get two ids).
fn resource_id(prefix: &str, key: &str) -> String {
    let readable = format!("{prefix}-{key}");
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    if readable.len() <= 64 && readable.chars().all(allowed) {
        readable
    } else {
        format!("{prefix}.{}", name_uuid(key).simple())
    }
}

/// The namespace of the names Limber gives the resources of its bundles: the version-5 UUID
/// of the URL [`FHIR_BASE`].
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, FHIR_BASE.as_bytes())
}

/// The name-based (version 5, SHA-1) UUID of `key` in Limber's namespace: the same record gets
/// the same one in every export, and two keys two different ones.
fn name_uuid(key: &str) -> Uuid {
    Uuid::new_v5(&namespace(), key.as_bytes())
}

/// A stable `urn:uuid:` for a key (see [`name_uuid`]).
fn urn(key: &str) -> String {
    format!("urn:uuid:{}", name_uuid(key).hyphenated())
}

/// Makes the keys unique where the log holds the same record twice (a state kept on purpose,
/// see README): the second copy of a key gets `#2`, the third `#3`, in the order given, which
/// is the log's own order and so the same in every export. A key seen once is left as it is.
fn number_copies<'k>(keys: impl Iterator<Item = &'k mut String>) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for key in keys {
        let count = seen.entry(key.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            key.push('#');
            key.push_str(&count.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_fhirs_rule_and_urls_are_stable_uuids() {
        let id = resource_id("pain", "entry-0193ab-12ab34cd");
        assert_eq!(id, "pain-entry-0193ab-12ab34cd");
        let long = resource_id("qr", &"x".repeat(100));
        assert!(long.len() <= 64 && long.starts_with("qr."), "{long}");
        assert_ne!(resource_id("qr", &"x".repeat(101)), long);
        // Two keys that differ only where FHIR refuses the characters keep two ids.
        let (space, slash) = (resource_id("a", "b c"), resource_id("a", "b/c"));
        assert_ne!(space, slash);
        assert!(space.len() <= 64 && space.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
        let url = urn("pain-entry-1");
        assert_eq!(url, urn("pain-entry-1"));
        assert_ne!(url, urn("pain-entry-2"));
        let uuid = Uuid::parse_str(url.strip_prefix("urn:uuid:").unwrap()).unwrap();
        assert_eq!(
            uuid.get_version(),
            Some(uuid::Version::Sha1),
            "a name-based UUID (v5)"
        );
    }

    #[test]
    fn copies_of_a_key_are_numbered_in_order() {
        let mut keys: Vec<String> = ["s-1", "s-2", "s-1", "s-1"].map(String::from).to_vec();
        number_copies(keys.iter_mut());
        assert_eq!(keys, ["s-1", "s-2", "s-1#2", "s-1#3"]);
    }

    #[test]
    fn scores_are_whole_when_whole() {
        assert_eq!(score_quantity(4.0)["value"], json!(4));
        assert_eq!(score_quantity(10.0 / 3.0)["value"], json!(3.33));
        assert_eq!(score_quantity(4.0)["unit"], json!("{score}"));
    }
}
