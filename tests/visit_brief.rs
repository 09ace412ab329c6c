//! The visit brief's exports: the FHIR bundle (checked against the log here, and by the
//! independent `fhir.resources` validator whenever Python has it), and the new CSV files with
//! formula safety on the person's own words.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::process::Command;

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use limber::core::catalog::Routine;
use limber::core::export::Period;
use limber::core::export::csv::{MEASURES_HEADER, measures_csv, pain_entries_csv, questions_csv};
use limber::core::export::fhir::{PAIN_LOINC, bundle, write_fhir};
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
    let observations = resources(&bundle, "Observation");
    assert_eq!(observations.len(), pain_count + measures);
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
        stdout.contains(&format!("Observation {}", pain_count + measures)),
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
    assert!(urls.iter().all(|u| u.starts_with("urn:uuid:")));
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
    let first = shown
        .prompts
        .iter()
        .find(|p| p.outcome == Outcome::Hidden(hidden_on))
        .unwrap();
    let line = first.describe(|d| d.format("%a %-d %b").to_string());
    assert!(text.contains("Messages Limber showed ("), "{text}");
    assert!(text.contains("worked out again from the rules"), "{text}");
    assert!(
        text.contains(&format!("hidden on {}", hidden_on.format("%a %-d %b"))),
        "{line:?} not in {text}"
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
