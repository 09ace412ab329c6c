//! The visit brief's exports: the FHIR bundle (checked against the log here, and by the
//! independent `fhir.resources` validator whenever Python has it), and the new CSV files with
//! formula safety on the person's own words.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::process::Command;

use chrono::{Datelike as _, FixedOffset, NaiveDate, TimeZone, Utc};
use limber::core::catalog::Routine;
use limber::core::export::Period;
use limber::core::export::csv::{MEASURES_HEADER, measures_csv, pain_entries_csv, questions_csv};
use limber::core::export::fhir::{CODE_SYSTEM, PAIN_CONTEXT_CODE, PAIN_LOINC, bundle, write_fhir};
use limber::core::export::fhir_forms::QUESTIONNAIRE_BASE;
use limber::core::log::SessionLog;
use limber::core::measures::{Activity, ActivityRating, Answers, MeasureResponse, Rating};
use limber::core::questions::Question;
use limber::core::sample::generate_log;
use limber::core::sample_visit::add_visit_records;
use serde_json::Value;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The figures of `log` with the built-in routine, on the last day of `period`.
fn fig(log: &SessionLog, period: Period) -> limber::core::figures::Figures {
    let routine = Routine::built_in().unwrap();
    let input = limber::core::figures::FiguresInput {
        routine: &routine,
        previous_routine: None,
        today: period.last_day(),
    };
    limber::core::figures::Figures::of(log, &input)
}

/// Two months of generated history (the first two of a generated year) with measures, pain
/// entries, areas and questions.
fn two_months() -> (SessionLog, Period) {
    let routine = Routine::built_in().unwrap();
    let first = date(2026, 9, 1);
    let last = date(2026, 10, 31);
    let mut log = generate_log(1, 7, first + chrono::Days::new(364), &routine);
    log.edit_records(|r| {
        r.sessions.retain(|s| s.local_date <= last);
    });
    log.edit_records(|r| {
        r.check_ins.retain(|c| c.local_date <= last);
    });
    add_visit_records(
        &mut log,
        7,
        first,
        last,
        FixedOffset::east_opt(3600).unwrap(),
    );
    (log, Period::new(first, last).unwrap())
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn fhir_bundle_holds_every_score_of_the_log_and_passes_the_validator() {
    let (log, period) = two_months();
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let bundle = bundle(&fig(&log, period), period, Some("Sam Rivera"), now).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["type"], "collection");

    let session_scores: usize = log
        .sessions()
        .iter()
        .filter(|s| period.contains(s.local_date))
        .map(|s| usize::from(s.pain_before.is_some()) + usize::from(s.pain_after.is_some()))
        .sum();
    let pain_count = session_scores + log.pain_entries().len();
    let measures = log.measures().len();
    assert!(pain_count > 60 && measures > 8, "{pain_count} {measures}");
    let signs = limber::core::sign_history::ticks(&log, period.last_day())
        .iter()
        .filter(|t| period.contains(t.local_date))
        .count();
    let observations = resources(&bundle, "Observation");
    assert_eq!(observations.len(), pain_count + measures + signs);
    assert_eq!(resources(&bundle, "QuestionnaireResponse").len(), measures);

    let pain: Vec<&&Value> = observations
        .iter()
        .filter(|o| o["code"]["coding"][0]["system"] == "http://loinc.org")
        .collect();
    assert_eq!(pain.len(), pain_count);
    let with_areas = log
        .pain_entries()
        .iter()
        .filter(|e| !e.areas.is_empty())
        .count()
        + log
            .sessions()
            .iter()
            .filter(|s| period.contains(s.local_date) && !s.pain_areas.is_empty())
            .map(|s| usize::from(s.pain_before.is_some()) + usize::from(s.pain_after.is_some()))
            .sum::<usize>();
    assert_eq!(
        pain.iter()
            .filter(|o| o["bodySite"]["text"].is_string())
            .count(),
        with_areas
    );
    for o in &pain {
        assert_eq!(o["code"]["coding"][0]["code"], PAIN_LOINC);
        assert_eq!(o["valueQuantity"]["unit"], "{score}");
        let value = o["valueQuantity"]["value"].as_u64().unwrap();
        assert!(value <= 10);
        // Local time with its offset, never a bare UTC "Z".
        let when = o["effectiveDateTime"].as_str().unwrap();
        assert!(
            when.ends_with("+01:00") || when.ends_with("+02:00") || when.ends_with("+09:00"),
            "{when}"
        );
    }
    let patients = resources(&bundle, "Patient");
    assert_eq!(patients.len(), 1);
    assert_eq!(patients[0]["name"][0]["text"], "Sam Rivera");
    assert_eq!(patients[0].as_object().unwrap().len(), 3, "only the name");
    let anonymous =
        limber::core::export::fhir::bundle(&fig(&log, period), period, Some("  "), now).unwrap();
    assert!(resources(&anonymous, "Patient").is_empty());
    assert!(anonymous.to_string().find("\"subject\"").is_none());

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limber.json");
    write_fhir(&path, &fig(&log, period), period, Some("Sam Rivera"), now).unwrap();
    let python_has_it = Command::new("python3")
        .args(["-c", "import fhir.resources.R4B"])
        .status()
        .is_ok_and(|s| s.success());
    if !python_has_it {
        eprintln!(
            "skipped the independent check: python3 cannot import fhir.resources (pip install fhir.resources)"
        );
        return;
    }
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/check-fhir.py"
        ))
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains(&format!("Observation {}", pain_count + measures + signs)),
        "{stdout}"
    );
}

#[test]
fn a_period_without_scores_gives_no_bundle() {
    let (log, _) = two_months();
    let empty = Period::new(date(2025, 1, 1), date(2025, 1, 31)).unwrap();
    assert!(bundle(&fig(&log, empty), empty, None, Utc::now()).is_err());
}

#[test]
fn csv_files_neutralise_activity_names_notes_and_questions() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 0).unwrap();
    let utc = FixedOffset::east_opt(0).unwrap();
    let mut log = SessionLog::default();
    for name in ["=HYPERLINK(\"http://x\")", "+carry bags", "@sum", "-lift"] {
        log.edit_records(|r| {
            r.activities.push(Activity::new(name, now, utc));
        });
        log.edit_records(|r| r.activities.last_mut().unwrap().id.0.push_str(name));
    }
    let ratings = log
        .activities()
        .iter()
        .map(|a| ActivityRating {
            activity: a.id.clone(),
            rating: Rating::new(3).unwrap(),
        })
        .collect();
    let response = MeasureResponse::new(&log, Answers::Psfs(ratings), now, utc).unwrap();
    log.edit_records(|r| {
        r.measures.push(response);
    });
    log.edit_records(|r| {
        r.questions
            .push(Question::new("=1+1 is my question", now, utc).unwrap());
    });
    log.put_pain_entry(limber::core::pain_entry::PainEntry::new(
        now,
        utc,
        limber::core::session::PainScore::new(4).unwrap(),
        vec![limber::core::body_area::BodyArea::MidBack],
        "-2 since lunch",
    ));
    let period = Period::new(date(2026, 3, 1), date(2026, 3, 31)).unwrap();

    let read = |bytes: Vec<u8>| -> Vec<Vec<String>> {
        csv::Reader::from_reader(bytes.as_slice())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    };
    let measures = read(measures_csv(&log, period).unwrap());
    assert_eq!(measures.len(), 4);
    let text_col = MEASURES_HEADER
        .iter()
        .position(|h| *h == "item_text")
        .unwrap();
    let names: Vec<&str> = measures.iter().map(|r| r[text_col].as_str()).collect();
    assert_eq!(
        names,
        [
            "'=HYPERLINK(\"http://x\")",
            "'+carry bags",
            "'@sum",
            "'-lift"
        ]
    );
    // The score stays a plain number.
    assert_eq!(measures[0][4], "3.00");
    let questions = read(questions_csv(&log, period).unwrap());
    assert_eq!(questions[0][1], "'=1+1 is my question");
    let pain = read(pain_entries_csv(&log, period).unwrap());
    assert_eq!(
        pain[0][1..6],
        ["18:00", "UTC+00:00", "4", "Mid back", "'-2 since lunch"]
    );
}

#[test]
fn the_pdf_brief_fits_one_page_and_names_the_meaningful_changes() {
    use limber::core::export::brief::visit_brief;
    use limber::report::pdf::{PageSize, ReportOptions, pdf_report};
    let (log, period) = two_months();
    let brief = visit_brief(&fig(&log, period), period);
    // The sample improves over the two months: the PSFS change reaches 2 points.
    let flagged: Vec<_> = brief.meaningful().collect();
    assert!(!flagged.is_empty(), "{brief:#?}");
    assert!(!brief.areas.is_empty() && !brief.questions.is_empty());
    for page in PageSize::ALL {
        let options = ReportOptions {
            name: Some("Sam Example".into()),
            page,
            today: period.last_day(),
        };
        let bytes = pdf_report(&fig(&log, period), period, &options).unwrap();
        if let Some(out) = std::env::var_os("LIMBER_BRIEF_OUT") {
            std::fs::write(out, &bytes).unwrap();
        }
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        assert_eq!(pages.len(), 1, "{page:?}: the report is one page");
        let text = pages[0].replace('\n', " ");
        for wanted in [
            "outcome measures",
            "PSFS function",
            "● better",
            "PSFS mean: ≥ 2 points",
            "less established",
            "Messages Limber showed",
            "Warning signs ticked:",
            "Δ pain",
        ] {
            assert!(text.contains(wanted), "{wanted:?} missing from:\n{text}");
        }
        // A period this full leaves the questions out first, then where it hurt (the safety
        // blocks stay).
        assert!(
            text.contains("Questions for you")
                || text.contains("Left out for room on this page: questions"),
            "{text}"
        );
        assert!(
            text.contains("Where it hurt (times marked)")
                || text.contains("Left out for room on this page: questions, where it hurt"),
            "{text}"
        );
    }
}

/// Runs `scripts/check-fhir.py` on `path` and returns what it printed; `None` when Python
/// cannot import `fhir.resources` (the check is then skipped, as above).
fn validator_output(path: &std::path::Path) -> Option<String> {
    let python_has_it = Command::new("python3")
        .args(["-c", "import fhir.resources.R4B"])
        .status()
        .is_ok_and(|s| s.success());
    if !python_has_it {
        eprintln!("skipped the independent check: python3 cannot import fhir.resources");
        return None;
    }
    let out = Command::new("python3")
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/check-fhir.py"
        ))
        .arg(path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(stdout)
}

/// A log holding a session (and a check-in) twice, as README keeps it, still gives every
/// entry of the bundle its own `fullUrl` and every resource its own id, each copy named the
/// same way in every export.
#[test]
fn a_session_held_twice_gets_distinct_full_urls_and_ids() {
    let (mut log, period) = two_months();
    let twice = log
        .sessions()
        .iter()
        .position(|s| period.contains(s.local_date) && s.pain_before.is_some())
        .unwrap();
    let copy = log.sessions()[twice].clone();
    log.edit_records(|r| {
        r.sessions.insert(twice + 1, copy);
    });
    let measure = log.measures()[0].clone();
    log.edit_records(|r| {
        r.measures.insert(1, measure);
    });
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limber.json");
    write_fhir(&path, &fig(&log, period), period, Some("Sam Rivera"), now).unwrap();
    let written: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let entries = written["entry"].as_array().unwrap();
    let urls: std::collections::BTreeSet<&str> = entries
        .iter()
        .map(|e| e["fullUrl"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), entries.len(), "every fullUrl is distinct");
    assert!(
        urls.iter()
            .all(|u| u.starts_with("urn:uuid:") || u.starts_with(QUESTIONNAIRE_BASE))
    );
    let ids: std::collections::BTreeSet<(&str, &str)> = entries
        .iter()
        .map(|e| {
            let r = &e["resource"];
            (
                r["resourceType"].as_str().unwrap(),
                r["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(ids.len(), entries.len(), "every resource id is distinct");
    let again = bundle(&fig(&log, period), period, Some("Sam Rivera"), now).unwrap();
    assert_eq!(again, written, "the same names in every export");
    if let Some(stdout) = validator_output(&path) {
        assert!(stdout.contains("Observation"), "{stdout}");
    }
}

/// Pain before, after and between sessions is told apart by a coded component in Limber's code
/// system (not by free text); each questionnaire used is in the bundle with its canonical URL,
/// and each response names it; a two-sided PGIC answer is coded on its own scale, the one-sided
/// answers on theirs; no `urn:limber:` name is left; and the independent validator accepts it.
#[test]
fn fhir_pain_is_coded_by_when_it_was_rated_and_responses_name_their_questionnaires() {
    use limber::core::measures::PgicChange;
    let (mut log, period) = two_months();
    let worse = MeasureResponse::new(
        &log,
        Answers::PgicTwoSided(PgicChange::MinimallyWorse),
        Utc.with_ymd_and_hms(2026, 10, 30, 9, 0, 0).unwrap(),
        FixedOffset::east_opt(3600).unwrap(),
    )
    .unwrap();
    log.edit_records(|r| r.measures.push(worse));
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let bundle = bundle(&fig(&log, period), period, Some("Sam Rivera"), now).unwrap();

    let count = |code: &str| {
        resources(&bundle, "Observation")
            .iter()
            .filter(|o| o["code"]["coding"][0]["code"] == PAIN_LOINC)
            .filter(|o| {
                let component = &o["component"][0];
                component["code"]["coding"][0]["system"] == CODE_SYSTEM
                    && component["code"]["coding"][0]["code"] == PAIN_CONTEXT_CODE
                    && component["valueCodeableConcept"]["coding"][0]["system"] == CODE_SYSTEM
                    && component["valueCodeableConcept"]["coding"][0]["code"] == code
            })
            .count()
    };
    let in_period = || {
        log.sessions()
            .iter()
            .filter(|s| period.contains(s.local_date))
    };
    let before = in_period().filter(|s| s.pain_before.is_some()).count();
    let after = in_period().filter(|s| s.pain_after.is_some()).count();
    assert!(before > 20 && after > 20, "{before} {after}");
    assert_eq!(count("before-session"), before);
    assert_eq!(count("after-session"), after);
    assert_eq!(count("between-sessions"), log.pain_entries().len());

    let urls: Vec<&str> = resources(&bundle, "Questionnaire")
        .iter()
        .map(|q| q["url"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = ["psfs", "peg", "pgic-one-sided", "pgic-two-sided"]
        .iter()
        .map(|id| format!("{QUESTIONNAIRE_BASE}{id}"))
        .collect();
    assert_eq!(urls, expected);
    let responses = resources(&bundle, "QuestionnaireResponse");
    assert_eq!(responses.len(), log.measures().len());
    for response in &responses {
        let named = response["questionnaire"].as_str().unwrap();
        assert!(urls.contains(&named), "{named} is not in the bundle");
    }
    let pgic_codes: Vec<&str> = responses
        .iter()
        .filter_map(|r| r["item"][0]["answer"][0]["valueCoding"]["code"].as_str())
        .collect();
    let (two, one): (Vec<&str>, Vec<&str>) = pgic_codes
        .iter()
        .partition(|c| c.starts_with("pgic-two-sided-"));
    assert_eq!(two, ["pgic-two-sided-5"]);
    assert!(!one.is_empty() && one.iter().all(|c| c.starts_with("pgic-one-sided-")));
    let two_sided = responses
        .iter()
        .find(|r| r["item"][0]["answer"][0]["valueCoding"]["code"] == "pgic-two-sided-5")
        .unwrap();
    assert_eq!(
        two_sided["item"][0]["answer"][0]["valueCoding"]["display"],
        "Minimally Worse"
    );
    assert_eq!(
        two_sided["questionnaire"],
        format!("{QUESTIONNAIRE_BASE}pgic-two-sided")
    );
    assert!(!bundle.to_string().contains("urn:limber"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limber.json");
    write_fhir(&path, &fig(&log, period), period, Some("Sam Rivera"), now).unwrap();
    if let Some(printed) = validator_output(&path) {
        assert!(printed.contains("Questionnaire 4"), "{printed}");
    }
}

/// Two months of history with the weekly check-ins, a clear one on 13 October, and signs
/// ticked on any day in Paris on 6 October, one answered "I have seen a doctor about this" and
/// the history item "My doctor knows about this".
fn with_signs() -> (SessionLog, Period) {
    use limber::core::session::{CheckIn, RedFlag, SignAnswer, SignEvent, SignRecord};
    let (mut log, period) = two_months();
    let paris = FixedOffset::east_opt(3600).unwrap();
    let at = |d: u32, h: u32| {
        paris
            .with_ymd_and_hms(2026, 10, d, h, 5, 0)
            .unwrap()
            .to_utc()
    };
    log.edit_records(|r| {
        r.check_ins
            .retain(|c| !c.flags.is_empty() || c.local_date.day0() % 2 == 0);
        r.check_ins.push(CheckIn {
            at: at(13, 9),
            local_date: date(2026, 10, 13),
            flags: Vec::new(),
        });
        r.check_ins.sort_by_key(|c| c.at);
        r.sign_records = vec![
            SignRecord::new(
                at(6, 21),
                paris,
                SignEvent::Reported(vec![
                    RedFlag::ChestPainOrBreathlessness,
                    RedFlag::RiskHistory,
                ]),
            ),
            SignRecord::new(
                at(7, 8),
                paris,
                SignEvent::Answered(RedFlag::ChestPainOrBreathlessness, SignAnswer::SeenDoctor),
            ),
            SignRecord::new(
                at(8, 8),
                paris,
                SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
            ),
        ];
    });
    (log, period)
}

/// `check_ins.csv` read back with Python's own `csv` module holds exactly the rows the records
/// make: one per sign ticked, per clear weekly check-in and per answer, with each tick's
/// answer.
#[test]
fn check_ins_csv_round_trips_through_pythons_csv() {
    use limber::core::export::check_ins_csv::{CHECK_INS_HEADER, check_ins_csv, sign_code};
    use limber::core::session::{RedFlag, SignEvent};
    let (log, period) = with_signs();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("check_ins.csv");
    std::fs::write(&path, check_ins_csv(&log, period).unwrap()).unwrap();
    let read = Command::new("python3")
        .args([
            "-c",
            "import csv, json, sys\n\
             with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f))))",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let rows: Vec<Vec<String>> = serde_json::from_slice(&read.stdout).unwrap();
    assert_eq!(rows[0], CHECK_INS_HEADER);
    // The rows the records make, worked out here from the records themselves.
    let mut expected: Vec<(String, String, String)> = Vec::new();
    for c in log
        .check_ins()
        .iter()
        .filter(|c| period.contains(c.local_date))
    {
        if c.flags.is_empty() {
            expected.push((
                c.local_date.to_string(),
                "weekly check-in".into(),
                String::new(),
            ));
        }
        for flag in &c.flags {
            expected.push((
                c.local_date.to_string(),
                "weekly check-in".into(),
                sign_code(*flag),
            ));
        }
    }
    for r in log.sign_records() {
        match &r.event {
            SignEvent::Reported(flags) => {
                for flag in flags {
                    expected.push((r.local_date.to_string(), "any day".into(), sign_code(*flag)));
                }
            }
            SignEvent::Answered(flag, _) => {
                expected.push((r.local_date.to_string(), "answer".into(), sign_code(*flag)));
            }
        }
    }
    let mut found: Vec<(String, String, String)> = rows[1..]
        .iter()
        .map(|row| (row[0].clone(), row[3].clone(), row[5].clone()))
        .collect();
    expected.sort();
    found.sort();
    assert_eq!(found, expected);
    assert!(expected.len() > 5, "{expected:?}");
    let row_of = |record: &str, code: &str| {
        rows.iter()
            .find(|row| row[3] == record && row[5] == code)
            .unwrap()
            .clone()
    };
    let chest = RedFlag::ChestPainOrBreathlessness;
    assert_eq!(
        row_of("any day", &sign_code(chest)),
        [
            "2026-10-06",
            "21:05",
            "UTC+01:00",
            "any day",
            chest.label(),
            "ChestPainOrBreathlessness",
            "emergency",
            "seen a doctor",
            "2026-10-07",
        ]
    );
    let history = row_of("any day", &sign_code(RedFlag::RiskHistory));
    assert_eq!(
        history[4],
        RedFlag::RiskHistory.label(),
        "its commas survive"
    );
    assert_eq!(
        (history[7].as_str(), history[8].as_str()),
        ("doctor knows", "2026-10-08")
    );
    let clear = rows.iter().find(|row| row[0] == "2026-10-13").unwrap();
    assert_eq!(clear[1..4], ["08:05", "UTC+00:00", "weekly check-in"]);
    assert!(clear[4..].iter().all(String::is_empty), "{clear:?}");
}

/// The FHIR bundle holds one text-only Observation per sign ticked, with its level and its
/// answer, and still passes the validator.
#[test]
fn each_sign_ticked_is_a_text_only_fhir_observation_that_validates() {
    use limber::core::session::RedFlag;
    let (log, period) = with_signs();
    let dir = tempfile::tempdir().unwrap();
    let chest = RedFlag::ChestPainOrBreathlessness;
    let ticked = limber::core::sign_history::ticks(&log, period.last_day())
        .iter()
        .filter(|t| period.contains(t.local_date))
        .count();
    assert!(ticked >= 2, "{ticked}");
    // The bundle: one Observation per sign ticked, in text only, with its answer as a note.
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    let figures = fig(&log, period);
    let bundle = bundle(&figures, period, Some("Sam Rivera"), now).unwrap();
    let signs: Vec<&Value> = resources(&bundle, "Observation")
        .into_iter()
        .filter(|o| o["valueString"].is_string())
        .collect();
    assert_eq!(signs.len(), ticked);
    for o in &signs {
        assert!(
            o["code"].get("coding").is_none(),
            "no code is invented: {o}"
        );
        assert_eq!(o["status"], "final");
    }
    let chest_observation = signs
        .iter()
        .find(|o| {
            o["valueString"]
                .as_str()
                .unwrap()
                .starts_with(chest.label())
        })
        .unwrap();
    assert_eq!(
        chest_observation["effectiveDateTime"],
        "2026-10-06T21:05:00+01:00"
    );
    assert!(
        chest_observation["valueString"]
            .as_str()
            .unwrap()
            .contains("Call your emergency number now")
    );
    assert_eq!(
        chest_observation["note"][1]["text"],
        "Answered on 2026-10-07: I have seen a doctor about this"
    );
    let json = dir.path().join("limber.json");
    write_fhir(&json, &figures, period, Some("Sam Rivera"), now).unwrap();
    if let Some(stdout) = validator_output(&json) {
        assert!(stdout.contains("Observation"), "{stdout}");
    }
}

/// The brief of a generated log in which the app showed prompts (recorded through the journal,
/// as Today does, on the day each was first raised) lists them with the day first shown and what
/// became of each; the days before the record began are worked out again and said to be; the
/// PDF prints them.
#[test]
fn the_brief_lists_the_prompts_the_app_showed_with_their_dates() {
    use limber::core::export::brief::visit_brief;
    use limber::core::export::brief_safety::Outcome;
    use limber::core::journal::{Change, Journal};
    use limber::report::pdf::{PageSize, ReportOptions, pdf_report};
    let (log, period) = two_months();
    let at = |day: NaiveDate, hour: u32| local_moment(day, hour, 0);
    // Limber began keeping the record on 1 October: from then on, what the rules raised each
    // day is what Today showed and recorded.
    let began = date(2026, 10, 1);
    let raised = fig(&log, period).prompts_raised(began, period.last_day());
    assert!(raised.len() >= 2, "{raised:#?}");
    let mut journal = Journal::new(log);
    for run in &raised {
        let applied = journal
            .apply(
                Change::PromptsShown(vec![run.prompt.clone()]),
                at(run.first_day, 9),
            )
            .unwrap();
        assert_eq!(applied.dates, [run.first_day]);
    }
    // The person hid the first two days after it was first shown.
    let hidden = &raised[0];
    let hidden_on = hidden.first_day + chrono::Days::new(2);
    let _applied = journal
        .apply(Change::HidePrompt(hidden.prompt.clone()), at(hidden_on, 19))
        .unwrap();
    let brief = visit_brief(&fig(journal.log(), period), period);
    let shown = &brief.prompts;
    // The record begins with the first prompt recorded.
    assert_eq!(shown.computed_before, Some(raised[0].first_day));
    for run in &raised {
        let listed = shown
            .prompts
            .iter()
            .find(|p| p.title == run.prompt.title && p.first_shown == run.first_day)
            .unwrap_or_else(|| {
                panic!(
                    "{:?} on {} not in {shown:#?}",
                    run.prompt.title, run.first_day
                )
            });
        let expected = if run.prompt.key == hidden.prompt.key {
            Outcome::Hidden(hidden_on)
        } else {
            Outcome::StillShowing
        };
        assert_eq!(listed.outcome, expected, "{listed:?}");
    }
    // September, before the record began, comes from the rules, and the brief says so.
    assert!(
        shown
            .prompts
            .iter()
            .any(|p| p.first_shown < began && matches!(p.outcome, Outcome::Raised { .. })),
        "{shown:#?}"
    );
    let options = ReportOptions {
        name: None,
        page: PageSize::A4,
        today: period.last_day(),
    };
    let bytes = pdf_report(&fig(journal.log(), period), period, &options).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes)
        .unwrap()
        .replace('\n', " ");
    // The page lists the doctor's messages first, then the most recent: the latest message on
    // the record is there with its dates and what became of it.
    let latest = shown
        .prompts
        .iter()
        .filter(|p| !matches!(p.outcome, Outcome::Raised { .. }))
        .max_by_key(|p| p.first_shown)
        .unwrap();
    let line = latest.describe(|d| d.format("%a %-d %b").to_string());
    assert!(text.contains("Messages Limber showed ("), "{text}");
    assert!(text.contains("worked out again from the rules"), "{text}");
    assert!(text.contains(&line), "{line:?} not in {text}");
    // The one hidden is on the record with its day (the CSV has every line; see below).
    assert!(
        shown
            .prompts
            .iter()
            .any(|p| p.outcome == Outcome::Hidden(hidden_on)),
        "{shown:#?}"
    );
}

/// `prompts.csv` written to disk and read back with Python's own `csv` module
/// (`scripts/read-csv.py`): one row per prompt on the record, the rows as the records say,
/// quotes, commas, line breaks and a leading minus sign included.
#[test]
fn prompts_csv_round_trips_through_python_csv() {
    use limber::core::export::csv::{PROMPTS_HEADER, prompts_csv};
    use limber::core::journal::{Change, Journal};
    use limber::core::prompt_record::{PromptLevel, PromptRecord};
    let (log, period) = two_months();
    let at = |day: NaiveDate| local_moment(day, 9, 30);
    let raised = fig(&log, period).prompts_raised(period.first_day(), period.last_day());
    assert!(raised.len() >= 3, "{raised:#?}");
    let mut journal = Journal::new(log);
    for run in &raised {
        let _applied = journal
            .apply(
                Change::PromptsShown(vec![run.prompt.clone()]),
                at(run.first_day),
            )
            .unwrap();
    }
    let _applied = journal
        .apply(
            Change::HidePrompt(raised[0].prompt.clone()),
            at(date(2026, 10, 2)),
        )
        .unwrap();
    let _applied = journal
        .apply(
            Change::SeenMyDoctor(raised[1].prompt.clone()),
            at(date(2026, 10, 3)),
        )
        .unwrap();
    // A record moved from an older version's file, with a title no rule would write.
    let day = date(2026, 9, 20);
    let odd = PromptRecord {
        key: "-odd:1".into(),
        level: PromptLevel::Note,
        title: "-2 \"points\", then\nmore".into(),
        shown_at: at(day).utc,
        utc_offset_secs: 3600,
        local_date: day,
        hidden_on: Some(date(2026, 10, 1)),
        answered: None,
        from_closed_file: true,
    };
    let _applied = journal
        .apply(Change::PutPrompts(vec![odd]), at(day))
        .unwrap();
    let records = journal.log().prompts();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prompts.csv");
    std::fs::write(&path, prompts_csv(journal.log(), period).unwrap()).unwrap();
    let rows = read_with_python(&path);
    assert_eq!(rows[0], PROMPTS_HEADER);
    assert_eq!(
        rows.len(),
        records.len() + 1,
        "one row per record: {rows:#?}"
    );
    for (row, record) in rows[1..].iter().zip(records) {
        assert_eq!(row.as_slice(), prompt_row(record).as_slice());
    }
    let time_of = |key: &str| rows.iter().find(|r| r[3] == key).map(|r| r[1].clone());
    assert_eq!(time_of("'-odd").as_deref(), Some("09:30"));
    assert!(rows.iter().any(|r| r[4] == "'-2 \"points\", then\nmore"));
    assert!(
        rows.iter()
            .any(|r| r[8] == "I have seen my doctor" && r[7] == "2026-10-03")
    );
}

/// The row `prompts.csv` holds for `record`, worked out here from the record's fields.
fn prompt_row(record: &limber::core::prompt_record::PromptRecord) -> [String; 10] {
    let text = |s: &str| {
        if s.starts_with('-') {
            format!("'{s}")
        } else {
            s.to_owned()
        }
    };
    let answered = record.answered;
    [
        record.local_date.to_string(),
        record.local_time().format("%H:%M").to_string(),
        "UTC+01:00".to_owned(),
        text(record.rule()),
        text(&record.title),
        record.level.label().to_owned(),
        record.hidden_on.map(|d| d.to_string()).unwrap_or_default(),
        answered.map(|a| a.on.to_string()).unwrap_or_default(),
        answered
            .map(|a| a.answer.label().to_owned())
            .unwrap_or_default(),
        if record.from_closed_file {
            "moved from an older version (hidden on or before hidden_on)".to_owned()
        } else {
            "shown".to_owned()
        },
    ]
}

/// The rows of the CSV file at `path` as Python's `csv` module reads them
/// (`scripts/read-csv.py`), the header first.
fn read_with_python(path: &std::path::Path) -> Vec<Vec<String>> {
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/read-csv.py"))
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The moment `hour:minute` on `day` in UTC+1.
fn local_moment(day: NaiveDate, hour: u32, minute: u32) -> limber::core::clock::Moment {
    let offset = FixedOffset::east_opt(3600).unwrap();
    let utc = offset
        .from_local_datetime(&day.and_hms_opt(hour, minute, 0).unwrap())
        .unwrap()
        .with_timezone(&Utc);
    limber::core::clock::Moment::new(std::time::Instant::now(), utc, offset)
}

/// Progression offers of the two-month sample: crab pose offered and declined, offered again
/// and taken; an exercise with an odd name offered and still waiting.
fn with_progressions() -> (SessionLog, Period) {
    use limber::core::catalog::Version;
    use limber::core::progression::{ProgressionEvent, ProgressionRecord};
    let (mut log, period) = two_months();
    let record = |n: u32, day: NaiveDate, exercise: &str, event: ProgressionEvent| {
        let at = local_moment(day, 18, n);
        ProgressionRecord {
            id: limber::core::session::SessionId(format!("g{n}")),
            at: at.utc,
            utc_offset_secs: 3600,
            local_date: day,
            exercise_id: "crab-pose".into(),
            exercise: exercise.into(),
            from: Version::STANDARD,
            to: Version::HARDER,
            to_name: "hips up".into(),
            event,
        }
    };
    let odd = "-Crab \"pose\", new";
    let records = vec![
        record(1, date(2026, 9, 14), "Crab pose", ProgressionEvent::Offered),
        record(
            2,
            date(2026, 9, 15),
            "Crab pose",
            ProgressionEvent::Declined,
        ),
        record(3, date(2026, 9, 29), "Crab pose", ProgressionEvent::Offered),
        record(
            4,
            date(2026, 9, 29),
            "Crab pose",
            ProgressionEvent::Accepted,
        ),
        record(5, date(2026, 10, 20), odd, ProgressionEvent::Offered),
    ];
    log.edit_records(|r| r.progressions.extend(records));
    (log, period)
}

/// `progressions.csv` written to disk and read back with Python's own `csv` module: one row
/// per offer, with its answer, the odd name quoted and made formula-safe.
#[test]
fn progressions_csv_round_trips_through_python_csv() {
    use limber::core::export::csv::{PROGRESSIONS_HEADER, progressions_csv};
    let (log, period) = with_progressions();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("progressions.csv");
    std::fs::write(&path, progressions_csv(&log, period).unwrap()).unwrap();
    let rows = read_with_python(&path);
    assert_eq!(rows[0], PROGRESSIONS_HEADER);
    let expected = [
        [
            "2026-09-14",
            "Crab pose",
            "Standard",
            "Harder",
            "hips up",
            "declined",
            "2026-09-15",
        ],
        [
            "2026-09-29",
            "Crab pose",
            "Standard",
            "Harder",
            "hips up",
            "accepted",
            "2026-09-29",
        ],
        [
            "2026-10-20",
            "'-Crab \"pose\", new",
            "Standard",
            "Harder",
            "hips up",
            "",
            "",
        ],
    ];
    assert_eq!(rows.len(), expected.len() + 1, "{rows:#?}");
    for (row, want) in rows[1..].iter().zip(expected) {
        assert_eq!(row.as_slice(), want.as_slice());
    }
    // A period that starts after the first offer lists only the later ones.
    let october = Period::new(date(2026, 10, 1), date(2026, 10, 31)).unwrap();
    std::fs::write(&path, progressions_csv(&log, october).unwrap()).unwrap();
    assert_eq!(read_with_python(&path).len(), 2);
}

/// The brief counts the offers in one line, and stays one page with it.
#[test]
fn the_brief_counts_the_progression_offers_in_one_line() {
    use limber::core::export::brief::visit_brief;
    use limber::report::pdf::{PageSize, ReportOptions, pdf_report};
    let (log, period) = with_progressions();
    let brief = visit_brief(&fig(&log, period), period);
    assert_eq!(
        brief.progressions.as_deref(),
        Some("Progressions: 3 offered, 1 accepted, 1 declined")
    );
    let (plain, _) = two_months();
    assert_eq!(visit_brief(&fig(&plain, period), period).progressions, None);
    for page in PageSize::ALL {
        let options = ReportOptions {
            name: None,
            page,
            today: period.last_day(),
        };
        let bytes = pdf_report(&fig(&log, period), period, &options).unwrap();
        let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).unwrap();
        assert_eq!(pages.len(), 1, "{page:?}: the report is one page");
        let text = pages[0].replace('\n', " ");
        assert!(
            text.contains("Progressions: 3 offered, 1 accepted, 1 declined")
                || text.contains("check-ins"),
            "{page:?}: the line, or its block named as left out: {text}"
        );
    }
}
