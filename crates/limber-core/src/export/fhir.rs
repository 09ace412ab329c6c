//! The export for clinic systems: one HL7 FHIR R4 `Bundle` of type `collection`, as JSON.
//!
//! What goes in (README, "FHIR export", has the full mapping):
//! - every pain score of the period (a session's before and after, and each pain entry) as an
//!   `Observation` coded LOINC 72514-3, "Pain severity - 0-10 verbal numeric rating [Score] -
//!   Reported", with `valueQuantity` in the UCUM unit `{score}`, `effectiveDateTime` in the
//!   local time with its offset, and `bodySite` text when areas were marked;
//! - every PSFS, PEG and PGIC check-in as a `QuestionnaireResponse` with its items, plus an
//!   `Observation` of its score that points back at it (`derivedFrom`);
//! - a `Patient` with only the name from Settings, or no `Patient` at all.
//!
//! Nothing is sent anywhere: this builds bytes, and the caller writes them to a file.

use std::path::Path;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use serde_json::{Value, json};

use crate::body_area::BodyArea;
use crate::measures::MeasureResponse;
use crate::session::{PainScore, SessionLog};

use super::{ExportError, Period, check_file_target, write_file};

/// LOINC: pain severity, 0–10 verbal numeric rating, reported.
pub const PAIN_LOINC: &str = "72514-3";
/// The LOINC display text of [`PAIN_LOINC`].
pub const PAIN_LOINC_DISPLAY: &str =
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
/// The code system of Limber's own codes for the measure scores (no LOINC code is claimed for
/// them).
pub const MEASURE_SYSTEM: &str = "urn:limber:measure";

/// The bundle for `period` as pretty-printed JSON. An error when the period holds no pain
/// score and no check-in.
pub fn fhir_bundle(
    log: &SessionLog,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ExportError> {
    let bundle = bundle(log, period, name, now)?;
    serde_json::to_vec_pretty(&bundle).map_err(|err| ExportError::Fhir(err.to_string()))
}

/// Builds the bundle and writes it to `path` atomically.
pub fn write_fhir(
    path: &Path,
    log: &SessionLog,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ExportError> {
    check_file_target(path)?;
    let bytes = fhir_bundle(log, period, name, now)?;
    write_file(path, &bytes)
}

/// A pain score to export, wherever it came from.
struct Pain<'a> {
    /// Part of the resource id and full URL: unique within the log.
    key: String,
    at: DateTime<FixedOffset>,
    score: PainScore,
    areas: &'a [BodyArea],
    /// What the score was about ("Before a session").
    context: &'static str,
    note: &'a str,
}

/// Every pain score of the period: a session's before and after, and each pain entry.
fn pain_scores(log: &SessionLog, period: Period) -> Vec<Pain<'_>> {
    let mut pains: Vec<Pain<'_>> = Vec::new();
    for session in log
        .sessions
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
                "Before a self-care session",
            ),
            (
                "after",
                session.pain_after,
                end,
                "After a self-care session",
            ),
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
        .pain_entries
        .iter()
        .filter(|e| period.contains(e.local_date))
    {
        pains.push(Pain {
            key: format!("entry-{}", entry.id),
            at: entry.local_time(),
            score: entry.pain,
            areas: &entry.areas,
            context: "Logged during the day",
            note: &entry.note,
        });
    }
    pains.sort_by_key(|p| p.at);
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
    });
    let mut notes = vec![json!({ "text": pain.context })];
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
    log: &SessionLog,
    period: Period,
    name: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Value, ExportError> {
    let pains = pain_scores(log, period);

    let mut measures: Vec<&MeasureResponse> = log
        .measures
        .iter()
        .filter(|m| period.contains(m.local_date))
        .collect();
    measures.sort_by_key(|m| m.at);
    if pains.is_empty() && measures.is_empty() {
        return Err(ExportError::EmptyPeriod {
            from: period.first_day(),
            to: period.last_day(),
        });
    }

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
    for pain in &pains {
        entries.push(pain_entry(pain, subject.as_ref()));
    }
    for response in measures {
        let (qr, score) = measure_resources(log, response, subject.as_ref());
        entries.push(qr);
        if let Some(score) = score {
            entries.push(score);
        }
    }
    Ok(json!({
        "resourceType": "Bundle",
        "id": resource_id("limber", &format!("{}-{}", period.first_day(), period.last_day())),
        "meta": { "lastUpdated": now.to_rfc3339_opts(SecondsFormat::Secs, true) },
        "type": "collection",
        "timestamp": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "entry": entries,
    }))
}

/// The `QuestionnaireResponse` of a check-in and the `Observation` of its score.
fn measure_resources(
    log: &SessionLog,
    response: &MeasureResponse,
    subject: Option<&Value>,
) -> (Value, Option<Value>) {
    let kind = response.kind();
    let local = response.at.with_timezone(&response.offset());
    let items: Vec<Value> = response
        .answers
        .items(log)
        .iter()
        .map(|item| {
            json!({
                "linkId": item.link_id,
                "text": item.text,
                "answer": [{ "valueInteger": item.value }],
            })
        })
        .collect();
    let key = format!("{}-{}", kind.short_name().to_lowercase(), response.id);
    let qr_url = urn(&format!("qr-{key}"));
    let mut qr = json!({
        "resourceType": "QuestionnaireResponse",
        "id": resource_id("qr", &key),
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
            "id": resource_id("score", &key),
            "status": "final",
            "category": [survey()],
            "code": {
                "coding": [{
                    "system": MEASURE_SYSTEM,
                    "code": format!("{}-score", kind.short_name().to_lowercase()),
                    "display": format!("{} score", kind.full_name()),
                }],
                "text": format!("{} score", kind.full_name()),
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

/// A resource id: letters, digits, `-` and `.`, at most 64 characters (FHIR's rule).
fn resource_id(prefix: &str, key: &str) -> String {
    let clean: String = format!("{prefix}-{key}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if clean.len() <= 64 {
        clean
    } else {
        format!("{prefix}-{:016x}", fnv(key, 0))
    }
}

/// A stable `urn:uuid:` for a key, so the same record gets the same URL in every export.
fn urn(key: &str) -> String {
    let (a, b) = (fnv(key, 0), fnv(key, 0x9E37_79B9_7F4A_7C15));
    // A version-4-shaped UUID (the version and variant bits set) from 128 hashed bits.
    let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "urn:uuid:{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// FNV-1a, 64 bits, from a seed.
fn fnv(text: &str, seed: u64) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325 ^ seed, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_fhirs_rule_and_urls_are_stable_uuids() {
        let id = resource_id("pain", "entry-0193ab-12ab34cd");
        assert_eq!(id, "pain-entry-0193ab-12ab34cd");
        let long = resource_id("qr", &"x".repeat(100));
        assert!(long.len() <= 64 && long.starts_with("qr-"));
        assert_eq!(resource_id("a", "b c/d"), "a-b-c-d");
        let url = urn("pain-entry-1");
        assert_eq!(url, urn("pain-entry-1"));
        assert_ne!(url, urn("pain-entry-2"));
        let uuid = url.strip_prefix("urn:uuid:").unwrap();
        let parts: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(parts, [8, 4, 4, 4, 12]);
        assert_eq!(&uuid[14..15], "4");
    }

    #[test]
    fn scores_are_whole_when_whole() {
        assert_eq!(score_quantity(4.0)["value"], json!(4));
        assert_eq!(score_quantity(10.0 / 3.0)["value"], json!(3.33));
        assert_eq!(score_quantity(4.0)["unit"], json!("{score}"));
    }
}
