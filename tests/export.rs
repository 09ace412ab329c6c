//! Export for the therapist: the CSV files read back field by field, the PDF's text, the
//! period's inclusive ends across a daylight-saving change, atomic writes, and the Export
//! screen driven through its accessible labels.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::path::PathBuf;

use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::export::csv::{EXERCISES_HEADER, SESSIONS_HEADER, neutralise};
use limber::core::export::{
    ExportError, ExportFormat, PageSize, Period, ReportOptions, exercises_csv, pdf_report,
    sessions_csv, summary, write_csv, write_pdf,
};
use limber::core::session::{
    Completion, ExerciseRecord, Hurt, PainScore, RestReason, Session, SessionLog, Symptom,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn exercise(id: &str, name: &str, dose: Dose) -> Exercise {
    Exercise::new(id, name, Category::Mobility, dose)
}

fn routine() -> Routine {
    let dose = |sets, reps, hold_secs, per_side| Dose {
        sets,
        reps,
        hold_secs,
        rest_secs: 10,
        per_side,
        times_per_day: 1,
    };
    Routine {
        version: 3,
        name: "Upper back, from Alex".to_owned(),
        exercises: vec![
            exercise(
                "foam-roll",
                "Foam roller, upper back",
                dose(1, 1, 60, false),
            ),
            exercise("lat-stretch", "Overhead lat stretch", dose(1, 3, 15, false)),
            exercise("doorway", "Doorway chest stretch", dose(2, 2, 20, true)),
        ],
    }
}

/// A session that started at `local` ("YYYY-MM-DD HH:MM") in a zone `offset_hours` east of UTC.
fn session_at(local: &str, offset_hours: i32) -> Session {
    let offset = FixedOffset::east_opt(offset_hours * 3600).unwrap();
    let local = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
    let started: DateTime<Utc> = local
        .and_local_timezone(offset)
        .unwrap()
        .with_timezone(&Utc);
    let mut session = Session::start(started, offset, 3);
    session.ended_at = Some(started + Duration::seconds(17 * 60 + 30));
    session
}

fn record(id: &str, name: &str, completion: Completion, hurt: Option<Hurt>) -> ExerciseRecord {
    ExerciseRecord {
        exercise_id: id.into(),
        name: name.into(),
        completion,
        holds_done: 4,
        hurt,
    }
}

fn full_records() -> Vec<ExerciseRecord> {
    vec![
        record(
            "foam-roll",
            "Foam roller, upper back",
            Completion::Done,
            None,
        ),
        record(
            "lat-stretch",
            "Overhead lat stretch",
            Completion::Done,
            None,
        ),
        record("doorway", "Doorway chest stretch", Completion::Done, None),
    ]
}

const TRICKY_NOTES: [&str; 5] = [
    "Sore, but better after a walk, then tired",
    "She said \"go gently\" and I did",
    "Line one\nline two\r\nline three",
    "Felt great 🙂💪 today — mañana otra vez",
    "=HYPERLINK(\"http://example.com\",\"click\")",
];

/// Five sessions in March with awkward notes, one rest day, partial and hurting exercises.
fn tricky_log() -> SessionLog {
    let mut log = SessionLog::default();
    for (i, note) in TRICKY_NOTES.iter().enumerate() {
        let mut s = session_at(&format!("2026-03-0{} 07:4{i}", i + 2), 0);
        s.pain_before = PainScore::new(u8::try_from(3 + i).unwrap());
        s.pain_after = PainScore::new(u8::try_from(6 - i).unwrap());
        s.symptoms = vec![Symptom::Stiffness, Symptom::Tension];
        (*note).clone_into(&mut s.notes);
        s.exercises = full_records();
        if i == 1 {
            s.exercises[1].completion = Completion::Partial {
                sets_done: 1,
                reps_done: 2,
            };
            s.exercises[1].hurt = Some(Hurt::ALittle);
            s.exercises[2].completion = Completion::Skipped;
            s.exercises[2].hurt = Some(Hurt::Stopped);
        }
        log.upsert(s);
    }
    let rest_at = session_at("2026-03-08 10:00", 0).started_at;
    let mut rest = Session::rest_day(
        rest_at,
        FixedOffset::east_opt(0).unwrap(),
        RestReason::Other("-5 degrees outside".to_owned()),
    );
    "+ stayed in".clone_into(&mut rest.notes);
    log.upsert(rest);
    log
}

fn read_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn march() -> Period {
    Period::new(date(2026, 3, 1), date(2026, 3, 31)).unwrap()
}

#[test]
fn sessions_csv_reads_back_field_by_field() {
    let log = tricky_log();
    let bytes = sessions_csv(&log, march()).unwrap();
    assert!(std::str::from_utf8(&bytes).is_ok());
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, SESSIONS_HEADER);
    assert_eq!(rows.len(), log.sessions.len());
    for (row, s) in rows.iter().zip(&log.sessions) {
        let field =
            |name: &str| row[SESSIONS_HEADER.iter().position(|h| *h == name).unwrap()].as_str();
        assert_eq!(field("date"), s.local_date.to_string());
        assert_eq!(field("session_id"), s.id.0);
        assert_eq!(field("notes"), neutralise(&s.notes));
        assert_eq!(field("utc_offset"), "+00:00");
        let score = |p: Option<PainScore>| p.map(|p| p.value().to_string()).unwrap_or_default();
        assert_eq!(field("pain_before"), score(s.pain_before));
        assert_eq!(field("pain_after"), score(s.pain_after));
        assert_eq!(
            field("pain_change"),
            s.pain_change().map(|c| c.to_string()).unwrap_or_default()
        );
        if s.is_rest_day() {
            assert_eq!(field("rest_day_reason"), "Other: -5 degrees outside");
            for empty in [
                "start_time",
                "duration_min",
                "routine_version",
                "exercises_done",
            ] {
                assert_eq!(field(empty), "", "{empty}");
            }
            continue;
        }
        assert_eq!(
            field("start_time"),
            s.local_start().format("%H:%M").to_string()
        );
        assert_eq!(field("duration_min"), "17.5");
        assert_eq!(field("routine_version"), "3");
        assert_eq!(field("symptoms"), "Stiffness; Tension");
        assert_eq!(field("exercises_done"), s.done_count().to_string());
        assert_eq!(field("exercises_planned"), "3");
        assert_eq!(field("rest_day_reason"), "");
    }
    // The same rows spelled out, so that a wrong helper in the comparison cannot hide a bug.
    assert_eq!(rows[0][13], "Sore, but better after a walk, then tired");
    assert_eq!(rows[1][13], "She said \"go gently\" and I did");
    assert_eq!(
        rows[1][11],
        "Overhead lat stretch (hurt a little); Doorway chest stretch (stopped because of pain)"
    );
    assert_eq!((rows[1][9].as_str(), rows[1][10].as_str()), ("1", "3"));
    assert_eq!(rows[2][13], "Line one\nline two\r\nline three");
    assert_eq!(rows[3][13], "Felt great 🙂💪 today — mañana otra vez");
    assert_eq!(rows[4][13], "'=HYPERLINK(\"http://example.com\",\"click\")");
    assert_eq!(
        (
            rows[4][5].as_str(),
            rows[4][6].as_str(),
            rows[4][7].as_str()
        ),
        ("7", "2", "-5")
    );
    assert_eq!(rows[5][13], "'+ stayed in");
}

#[test]
fn exercises_csv_has_one_row_per_exercise_with_sets_reps_and_holds() {
    let log = tricky_log();
    let routine = routine();
    let (header, rows) = read_csv(&exercises_csv(&log, &routine, march()).unwrap());
    assert_eq!(header, EXERCISES_HEADER);
    let expected: Vec<(&Session, &ExerciseRecord)> = log
        .sessions
        .iter()
        .flat_map(|s| s.exercises.iter().map(move |r| (s, r)))
        .collect();
    assert_eq!(rows.len(), expected.len());
    assert_eq!(
        rows.len(),
        15,
        "five sessions of three exercises; rest days have none"
    );
    for (row, (s, r)) in rows.iter().zip(&expected) {
        assert_eq!(row[0], s.local_date.to_string());
        assert_eq!(row[1], s.local_start().format("%H:%M").to_string());
        assert_eq!(row[2], &*r.exercise_id);
        assert_eq!(row[3], &*r.name);
        assert_eq!(row[7], r.holds_done.to_string());
        assert_eq!(row[9], s.id.0);
    }
    // Done in full: the routine's dose (doorway: 2 sets × 2 reps × 2 sides).
    assert_eq!(rows[2][4..9], ["done", "2", "8", "4", ""]);
    assert_eq!(rows[4][4..9], ["partial", "1", "2", "4", "hurt a little"]);
    assert_eq!(
        rows[5][4..9],
        ["skipped", "0", "0", "4", "stopped because of pain"]
    );
}

#[test]
fn period_ends_are_inclusive_on_local_dates_across_daylight_saving() {
    // Central Europe moves from +01:00 to +02:00 at 01:00 UTC on 29 March 2026.
    let mut log = SessionLog::default();
    let day_before = session_at("2026-03-28 23:30", 1); // UTC 28 March 22:30
    let first_day = session_at("2026-03-29 00:30", 1); // UTC 28 March 23:30
    let last_day = session_at("2026-04-04 23:45", 2); // UTC 4 April 21:45
    let day_after = session_at("2026-04-05 00:15", 2); // UTC 4 April 22:15
    for mut s in [day_before, first_day.clone(), last_day.clone(), day_after] {
        s.exercises = full_records();
        log.upsert(s);
    }
    let period = Period::new(date(2026, 3, 29), date(2026, 4, 4)).unwrap();
    let (_, rows) = read_csv(&sessions_csv(&log, period).unwrap());
    let picked: Vec<[&str; 4]> = rows
        .iter()
        .map(|r| [r[0].as_str(), r[1].as_str(), r[2].as_str(), r[14].as_str()])
        .collect();
    assert_eq!(
        picked,
        [
            ["2026-03-29", "00:30", "+01:00", first_day.id.0.as_str()],
            ["2026-04-04", "23:45", "+02:00", last_day.id.0.as_str()],
        ]
    );
    let s = summary(&log, &routine(), period);
    assert_eq!((s.sessions, period.days()), (2, 7));
    assert_eq!(s.adherence.percent(), Some(29));
}

/// Four weeks of daily sessions as a person might log them: two rest days, a few bad days,
/// a note most days.
fn four_weeks() -> SessionLog {
    let mut log = SessionLog::default();
    for day in 0..28u8 {
        let local_date = date(2026, 3, 1) + Days::new(u64::from(day));
        if day == 4 || day == 16 {
            let at = session_at(&format!("{local_date} 09:00"), 0).started_at;
            let reason = if day == 4 {
                RestReason::FlareUp
            } else {
                RestReason::Travelling
            };
            log.upsert(Session::rest_day(
                at,
                FixedOffset::east_opt(0).unwrap(),
                reason,
            ));
            continue;
        }
        let mut s = session_at(&format!("{local_date} 07:{:02}", 10 + day), 0);
        s.pain_before = PainScore::new(6 - day / 7);
        s.pain_after = PainScore::new(if day == 9 || day == 10 {
            7
        } else {
            4 - day / 9
        });
        s.exercises = full_records();
        if day % 6 == 3 {
            s.exercises[2].completion = Completion::Skipped;
        }
        if day == 10 {
            s.exercises[1].hurt = Some(Hurt::Stopped);
        }
        if day % 3 == 0 {
            s.notes = format!(
                "Day {day}: sat at the desk most of the day; the foam roller helped, \
                 the stretch felt easier than last week."
            );
        }
        log.upsert(s);
    }
    "Felt looser after the walk".clone_into(&mut log.sessions[8].notes);
    log
}

#[test]
fn pdf_text_has_the_period_the_adherence_and_a_note() {
    let log = four_weeks();
    let routine = routine();
    let period = Period::new(date(2026, 3, 1), date(2026, 3, 28)).unwrap();
    let options = ReportOptions {
        name: Some("Sam Example".to_owned()),
        page: PageSize::A4,
        today: date(2026, 3, 29),
    };
    let bytes = pdf_report(&log, &routine, period, &options).unwrap();
    if let Some(out) = std::env::var_os("LIMBER_REPORT_OUT") {
        std::fs::write(out, &bytes).unwrap();
    }
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    // 26 routine sessions (28 days minus 2 rest days), one planned a day: 26 / 28 = 93 %.
    for wanted in [
        "2026-03-01 to 2026-03-28",
        "Sam Example",
        "93% (26 of 28)",
        "Felt looser after the walk",
        "Rest days (2)",
        "Flare-up",
    ] {
        assert!(text.contains(wanted), "{wanted:?} missing from:\n{text}");
    }
    let letter = ReportOptions {
        page: PageSize::Letter,
        ..options
    };
    let letter_text =
        pdf_extract::extract_text_from_mem(&pdf_report(&log, &routine, period, &letter).unwrap())
            .unwrap();
    assert!(letter_text.contains("93% (26 of 28)"));
}

#[test]
fn writes_are_atomic_and_refusals_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let log = tricky_log();
    let routine = routine();
    let written = write_csv(dir.path(), &log, &routine, march()).unwrap();
    assert_eq!(
        written,
        [
            dir.path().join("exercises.csv"),
            dir.path().join("measures.csv"),
            dir.path().join("pain_entries.csv"),
            dir.path().join("questions.csv"),
            dir.path().join("sessions.csv")
        ]
    );
    let report = dir.path().join("report.pdf");
    let options = ReportOptions {
        name: None,
        page: PageSize::Letter,
        today: date(2026, 4, 1),
    };
    write_pdf(&report, &log, &routine, march(), &options).unwrap();
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF-"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "exercises.csv",
            "measures.csv",
            "pain_entries.csv",
            "questions.csv",
            "report.pdf",
            "sessions.csv"
        ]
    );

    let missing = dir.path().join("no-such-folder");
    let err = write_csv(&missing, &log, &routine, march()).unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder { .. }));
    assert!(err.to_string().ends_with(&missing.display().to_string()));
    let err = write_pdf(dir.path(), &log, &routine, march(), &options).unwrap_err();
    assert!(matches!(err, ExportError::IsAFolder { .. }), "{err}");

    let before = std::fs::read(&report).unwrap();
    let empty = Period::new(date(2025, 1, 1), date(2025, 1, 31)).unwrap();
    let err = write_pdf(&report, &log, &routine, empty, &options).unwrap_err();
    assert!(
        err.to_string()
            .contains("Nothing was logged from 2025-01-01 to 2025-01-31")
    );
    assert_eq!(
        std::fs::read(&report).unwrap(),
        before,
        "a failed export leaves the file"
    );
}

mod screen {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use limber::ui::export::{ExportAction, ExportView};

    /// Finds a text on screen (egui gives a label's text as its accessible value).
    fn shows<S>(harness: &Harness<'_, S>, text: &str) {
        let found = harness
            .query_all_by(|node| node.value().is_some_and(|v| v.contains(text)))
            .next()
            .is_some();
        assert!(found, "{text:?} is not on screen");
    }

    struct State {
        view: ExportView,
        log: SessionLog,
        routine: Routine,
        actions: Vec<ExportAction>,
    }

    #[test]
    fn choosing_pdf_shows_the_summary_and_export_returns_the_action() {
        let today = date(2026, 3, 28);
        let state = State {
            view: ExportView::new(PathBuf::from("/home/sam/Documents")),
            log: four_weeks(),
            routine: routine(),
            actions: Vec::new(),
        };
        let mut harness = Harness::builder()
            .with_size(egui::vec2(900.0, 800.0))
            .build_ui_state(
                |ui, state: &mut State| {
                    let actions = state.view.ui(ui, &state.log, &state.routine, today);
                    state.actions.extend(actions);
                },
                state,
            );
        harness.run();
        harness.get_by_label("Spreadsheet (CSV)").click();
        harness.run();
        harness.get_by_label("Report (PDF)").click();
        harness.run();
        shows(
            &harness,
            "26 sessions, 2 rest days and 11 notes from 2026-03-01 to 2026-03-28",
        );
        shows(&harness, "Adherence 93% of planned sessions");
        let name = "Name on the report (optional)";
        harness.get_by_label(name).focus();
        harness.run();
        harness.get_by_label(name).type_text("Sam");
        harness.run();
        harness.get_by_label("Letter").click();
        harness.run();
        harness.get_by_label("Save export").click();
        harness.run();
        let period = Period::new(date(2026, 3, 1), today).unwrap();
        assert_eq!(
            harness.state().actions,
            [ExportAction::Export {
                format: ExportFormat::Pdf,
                period,
                path: PathBuf::from("/home/sam/Documents/limber-report-2026-03-28.pdf"),
                name: Some("Sam".to_owned()),
                page: PageSize::Letter,
            }]
        );

        harness.state_mut().view.show_result(Ok(PathBuf::from(
            "/home/sam/Documents/limber-report-2026-03-28.pdf",
        )));
        harness.run();
        shows(
            &harness,
            "Saved: /home/sam/Documents/limber-report-2026-03-28.pdf",
        );
        harness.get_by_label("Open folder").click();
        harness.run();
        assert_eq!(
            harness.state().actions.last(),
            Some(&ExportAction::OpenFolder(PathBuf::from(
                "/home/sam/Documents"
            )))
        );
    }

    #[test]
    fn a_bad_date_is_explained_and_export_is_disabled() {
        let state = State {
            view: ExportView::new(PathBuf::from("/tmp")),
            log: four_weeks(),
            routine: routine(),
            actions: Vec::new(),
        };
        let mut harness = Harness::new_ui_state(
            |ui, state: &mut State| {
                let actions = state
                    .view
                    .ui(ui, &state.log, &state.routine, date(2026, 3, 28));
                state.actions.extend(actions);
            },
            state,
        );
        harness.run();
        harness.get_by_label("From").focus();
        harness.run();
        // Whatever the cursor position, one more character makes the date unreadable.
        harness.get_by_label("From").type_text("x");
        harness.run();
        shows(&harness, "is not a date");
        harness.get_by_label("Save export").click();
        harness.run();
        assert!(harness.state().actions.is_empty());
    }
}
