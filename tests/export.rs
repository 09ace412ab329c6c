//! Export for the therapist: the CSV files read back field by field, the PDF's text, the
//! period's inclusive ends across a daylight-saving change, atomic writes, and the Export
//! screen driven through its accessible labels.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{DateTime, Days, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::export::csv::{
    BYTE_ORDER_MARK, EXERCISES_HEADER, SESSIONS_HEADER, measures_csv, neutralise, pain_entries_csv,
};
use limber::core::export::{
    ExportError, ExportFormat, PageSize, Period, exercises_csv, sessions_csv, summary, write_csv,
};
use limber::core::figures::{Figures, FiguresInput};
use limber::core::log::SessionLog;
use limber::core::measures::{Answers, MeasureResponse, Rating};
use limber::core::pain_entry::PainEntry;
use limber::core::session::{
    Completion, ExerciseRecord, Hurt, PainScore, RestReason, Session, Symptom,
};
use limber::report::{ReportOptions, pdf_report, write_pdf};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn exercise(id: &str, name: &str, dose: Dose) -> Exercise {
    Exercise::new(id, name, Category::Mobility, dose)
}

/// The figures of `log` under `routine` (and the version before it), on `today`.
fn figures_with(
    log: &SessionLog,
    routine: &Routine,
    previous: Option<&Routine>,
    today: NaiveDate,
) -> Figures {
    let input = FiguresInput {
        routine,
        previous_routine: previous,
        today,
    };
    Figures::of(log, &input)
}

/// The figures of `log` under `routine`, at the end of April 2026.
fn fig(log: &SessionLog, routine: &Routine) -> Figures {
    figures_with(log, routine, None, date(2026, 4, 30))
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
        pain_model: limber::core::catalog::PainModel::default(),
        progression: limber::core::catalog::Progression::default(),
        break_routine: limber::core::catalog::BreakRoutine::default(),
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
        ..ExerciseRecord::default()
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
        log.put_session(s);
    }
    let rest_at = session_at("2026-03-08 10:00", 0).started_at;
    let mut rest = Session::rest_day(
        rest_at,
        FixedOffset::east_opt(0).unwrap(),
        RestReason::Other("-5 degrees outside".to_owned()),
    );
    "+ stayed in".clone_into(&mut rest.notes);
    log.put_session(rest);
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
    let mut log = tricky_log();
    let mut gentle = log.sessions()[1].clone();
    gentle.gentle = true;
    log.put_session(gentle);
    let bytes = sessions_csv(&log, march()).unwrap();
    assert!(std::str::from_utf8(&bytes).is_ok());
    assert!(bytes.starts_with(&BYTE_ORDER_MARK), "no byte-order mark");
    assert!(bytes[3..].starts_with(b"date,start_time,utc_offset,"));
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, SESSIONS_HEADER);
    assert_eq!(rows.len(), log.sessions().len());
    for (row, s) in rows.iter().zip(log.sessions()) {
        let field =
            |name: &str| row[SESSIONS_HEADER.iter().position(|h| *h == name).unwrap()].as_str();
        assert_eq!(field("date"), s.local_date.to_string());
        assert_eq!(field("session_id"), s.id.0);
        assert_eq!(field("notes"), neutralise(&s.notes));
        assert_eq!(field("utc_offset"), "UTC+00:00");
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
    // The gentle column: `yes` for the gentler session, `no` for the others, empty for the rest
    // day.
    let gentle: Vec<&str> = rows.iter().map(|r| r[15].as_str()).collect();
    assert_eq!(gentle, ["no", "yes", "no", "no", "no", ""]);
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
fn utc_offsets_are_text_no_spreadsheet_converts() {
    let mut log = SessionLog::default();
    for (local, hours) in [
        ("2026-03-02 08:00", -5),
        ("2026-03-03 08:00", 1),
        ("2026-03-04 08:00", 0),
    ] {
        log.put_session(session_at(local, hours));
    }
    let (_, rows) = read_csv(&sessions_csv(&log, march()).unwrap());
    let offsets: Vec<&str> = rows.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(offsets, ["UTC-05:00", "UTC+01:00", "UTC+00:00"]);
}

/// The cell of `column` in each row of a CSV table.
fn column(bytes: &[u8], column: &str) -> Vec<String> {
    let (header, rows) = read_csv(bytes);
    let at = header.iter().position(|h| h == column).unwrap();
    rows.into_iter().map(|row| row[at].clone()).collect()
}

/// A log with one session, one pain entry and one PEG check-in at 08:00 five hours west of
/// UTC, each with `note` where it has one.
fn log_west_of_utc(note: &str) -> SessionLog {
    let offset = FixedOffset::west_opt(5 * 3600).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 3, 2, 13, 0, 0).unwrap();
    let mut log = SessionLog::default();
    let mut session = session_at("2026-03-02 08:00", -5);
    note.clone_into(&mut session.notes);
    log.put_session(session);
    log.put_pain_entry(PainEntry::new(
        at,
        offset,
        PainScore::new(4).unwrap(),
        vec![],
        note,
    ));
    let rating = |v| Rating::new(v).unwrap();
    let peg = Answers::Peg {
        pain: rating(4),
        enjoyment: rating(3),
        activity: rating(2),
    };
    let response = MeasureResponse::new(&log, peg, at, offset).unwrap();
    log.edit_records(|r| {
        r.measures.push(response);
    });
    log
}

/// Issue 26 item 11: every table writes its offset as `UTC-05:00`; a bare `-05:00` is read by
/// spreadsheets as a time.
#[test]
fn every_table_writes_its_offset_as_utc_text() {
    let log = log_west_of_utc("fine");
    for (table, bytes) in [
        ("sessions", sessions_csv(&log, march()).unwrap()),
        ("pain entries", pain_entries_csv(&log, march()).unwrap()),
        ("measures", measures_csv(&log, march()).unwrap()),
    ] {
        let offsets = column(&bytes, "utc_offset");
        assert!(!offsets.is_empty(), "{table}: no rows");
        for offset in offsets {
            assert_eq!(offset, "UTC-05:00", "{table}");
        }
    }
}

/// Issue 26 item 11: a pasted NUL, ESC or BEL (and DEL) is written as its visible control
/// picture, never raw; tabs and line breaks stay.
#[test]
fn control_characters_in_notes_are_written_as_visible_pictures() {
    let log = log_west_of_utc("a\u{0}b\u{1b}[2Jc\u{7}d\u{7f}\nnext line\tend");
    let shown = "a\u{2400}b\u{241b}[2Jc\u{2407}d\u{2421}\nnext line\tend";
    for (table, bytes, notes) in [
        ("sessions", sessions_csv(&log, march()).unwrap(), "notes"),
        (
            "pain entries",
            pain_entries_csv(&log, march()).unwrap(),
            "note",
        ),
    ] {
        assert!(
            !bytes
                .iter()
                .any(|&b| (b < 0x20 && !b"\t\n\r".contains(&b)) || b == 0x7f),
            "{table}: a raw control character"
        );
        assert_eq!(column(&bytes, notes), [shown], "{table}");
    }
}

#[test]
fn exercises_csv_has_one_row_per_exercise_with_sets_reps_and_holds() {
    let log = tricky_log();
    let routine = routine();
    let bytes = exercises_csv(&log, &routine, march()).unwrap();
    assert!(bytes.starts_with(&BYTE_ORDER_MARK), "no byte-order mark");
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, EXERCISES_HEADER);
    let expected: Vec<(&Session, &ExerciseRecord)> = log
        .sessions()
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

/// A record says which version was done: the column names it, and a version with its own
/// dose counts that dose as done.
#[test]
fn exercises_csv_names_the_version_done_and_counts_its_dose() {
    use limber::core::catalog::{Variant, Version};
    let mut log = tricky_log();
    let mut routine = routine();
    let doorway = routine
        .exercises
        .iter_mut()
        .find(|e| e.id == "doorway")
        .unwrap();
    doorway.harder = vec![Variant {
        name: "a third set".into(),
        change: "One more set.".into(),
        steps: Vec::new(),
        step_changes: Vec::new(),
        dose: Some(Dose {
            sets: 3,
            ..doorway.dose
        }),
        illustration: None,
        ask_therapist_first: false,
    }];
    log.edit_records(|r| {
        let record = r
            .sessions
            .iter_mut()
            .flat_map(|s| s.exercises.iter_mut())
            .find(|e| &*e.exercise_id == "doorway" && e.completion == Completion::Done)
            .unwrap();
        record.version = Version::HARDER;
    });
    let (header, rows) = read_csv(&exercises_csv(&log, &routine, march()).unwrap());
    assert_eq!(header.last().map(String::as_str), Some("version"));
    let harder: Vec<&Vec<String>> = rows.iter().filter(|r| r[10] == "Harder").collect();
    assert_eq!(harder.len(), 1);
    assert_eq!(
        harder[0][2..7],
        ["doorway", "Doorway chest stretch", "done", "3", "12"]
    );
    assert!(
        rows.iter()
            .filter(|r| r[10] != "Harder")
            .all(|r| r[10] == "Standard"),
        "every other record is the standard version"
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
        log.put_session(s);
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
            ["2026-03-29", "00:30", "UTC+01:00", first_day.id.0.as_str()],
            ["2026-04-04", "23:45", "UTC+02:00", last_day.id.0.as_str()],
        ]
    );
    let s = summary(&fig(&log, &routine()), period);
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
            log.put_session(Session::rest_day(
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
        log.put_session(s);
    }
    log.edit_records(|r| "Felt looser after the walk".clone_into(&mut r.sessions[8].notes));
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
    let bytes = pdf_report(&fig(&log, &routine), period, &options).unwrap();
    if let Some(out) = std::env::var_os("LIMBER_REPORT_OUT") {
        std::fs::write(out, &bytes).unwrap();
    }
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    // 26 routine sessions (28 days minus 2 rest days), one planned a day: 26 / 28 = 93 %.
    for wanted in [
        "2026-03-01 to 2026-03-28",
        "Sam Example",
        "94% (73 of 78 doses)",
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
    let letter_text = pdf_extract::extract_text_from_mem(
        &pdf_report(&fig(&log, &routine), period, &letter).unwrap(),
    )
    .unwrap();
    assert!(letter_text.contains("94% (73 of 78 doses)"));
}

#[test]
fn writes_are_atomic_and_refusals_name_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let log = tricky_log();
    let routine = routine();
    let written = write_csv(dir.path(), &fig(&log, &routine), march()).unwrap();
    assert_eq!(
        written,
        [
            dir.path().join("check_ins.csv"),
            dir.path().join("daily_pain.csv"),
            dir.path().join("exercises.csv"),
            dir.path().join("measures.csv"),
            dir.path().join("pain_entries.csv"),
            dir.path().join("progressions.csv"),
            dir.path().join("prompts.csv"),
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
    write_pdf(&report, &fig(&log, &routine), march(), &options).unwrap();
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF-"));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "check_ins.csv",
            "daily_pain.csv",
            "exercises.csv",
            "measures.csv",
            "pain_entries.csv",
            "progressions.csv",
            "prompts.csv",
            "questions.csv",
            "report.pdf",
            "sessions.csv"
        ]
    );

    let missing = dir.path().join("no-such-folder");
    let err = write_csv(&missing.join("csv"), &fig(&log, &routine), march()).unwrap_err();
    assert!(matches!(err, ExportError::MissingFolder { .. }));
    assert!(err.to_string().ends_with(&missing.display().to_string()));
    assert!(!missing.exists(), "a missing folder is not created");
    let err = write_csv(&report, &fig(&log, &routine), march()).unwrap_err();
    assert!(matches!(err, ExportError::NotAFolder { .. }), "{err}");
    let err = write_pdf(dir.path(), &fig(&log, &routine), march(), &options).unwrap_err();
    assert!(matches!(err, ExportError::IsAFolder { .. }), "{err}");

    let before = std::fs::read(&report).unwrap();
    let empty = Period::new(date(2025, 1, 1), date(2025, 1, 31)).unwrap();
    let err = write_pdf(&report, &fig(&log, &routine), empty, &options).unwrap_err();
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

/// Runs the real `limber --data-dir DATA ARGS…` in `cwd` and returns (succeeded, stdout,
/// stderr).
fn limber_in(cwd: &Path, data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_limber"))
        .current_dir(cwd)
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `limber --data-dir DATA export --format FORMAT [EXTRA…] --output OUTPUT`.
fn limber_export(
    data_dir: &Path,
    format: &str,
    extra: &[&str],
    output: &Path,
) -> (bool, String, String) {
    let mut args = vec!["export", "--format", format];
    args.extend_from_slice(extra);
    args.extend(["--output", output.to_str().unwrap()]);
    limber_in(Path::new(env!("CARGO_MANIFEST_DIR")), data_dir, &args)
}

/// A data folder holding `tricky_log()`, saved through the store; returns (temp guard, the
/// folder, the log's bytes).
fn saved_data_folder() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let now = Utc::now();
    let opened = limber::core::store::Store::open(&data, now).unwrap();
    let mut store = opened.store;
    store.save(&tricky_log(), now).unwrap();
    let bytes = std::fs::read(data.join("log").join("2026-03.ron")).unwrap();
    (work, data, bytes)
}

const MARCH_2_TO_3: [&str; 4] = ["--from", "2026-03-02", "--to", "2026-03-03"];

#[test]
fn export_refuses_to_write_over_the_log_or_its_backups_even_through_a_link() {
    let (work, data, log_bytes) = saved_data_folder();
    let log_path = data.join("log").join("2026-03.ron");
    std::os::unix::fs::symlink(&data, work.path().join("link-to-data")).unwrap();
    std::os::unix::fs::symlink(&log_path, work.path().join("looks-harmless.ron")).unwrap();
    let refused = [
        log_path.clone(),
        data.join("log.ron"),
        data.join("log.schema-2.ron"),
        data.join("log.restoring").join("2026-03.ron"),
        data.join("LOG.RON"),
        data.join("log.damaged-2026-03-01T100000.ron"),
        data.join("log").join("2026-03.ron"),
        data.join("backups").join("log-2026-03-01.ron"),
        data.join("limber.lock"),
        work.path().join("link-to-data").join("log.ron"),
        work.path().join("looks-harmless.ron"),
        data.join("..").join("data").join("log.ron"),
    ];
    for format in ["ron", "pdf"] {
        for output in &refused {
            let (ok, out, err) = limber_export(&data, format, &MARCH_2_TO_3, output);
            assert!(!ok, "{format} to {} was allowed: {out}", output.display());
            assert!(err.contains("will not export there"), "{err}");
            assert!(err.contains("Choose a file outside"), "{err}");
            assert_eq!(
                std::fs::read(&log_path).unwrap(),
                log_bytes,
                "{format} {output:?}"
            );
        }
    }
    for folder in [
        data.join("backups"),
        data.join("log"),
        work.path().join("link-to-data/log"),
    ] {
        let (ok, _, err) = limber_export(&data, "csv", &MARCH_2_TO_3, &folder);
        assert!(!ok, "csv into {} was allowed", folder.display());
        assert!(err.contains("will not export there"), "{err}");
    }
    assert!(
        !data.join("log").join("sessions.csv").exists()
            && !data.join("backups").join("sessions.csv").exists(),
        "a refused export creates nothing"
    );
    // A relative path from inside the data folder is the log too.
    let (ok, _, err) = limber_in(
        &data,
        &data,
        &["export", "--format", "ron", "--output", "log.ron"],
    );
    assert!(!ok);
    assert!(err.contains("will not export there"), "{err}");
    assert_eq!(std::fs::read(&log_path).unwrap(), log_bytes);
    // The same names elsewhere are fine.
    let elsewhere = work.path().join("log.ron");
    let (ok, out, err) = limber_export(&data, "ron", &MARCH_2_TO_3, &elsewhere);
    assert!(ok, "{err}");
    assert!(out.contains("Wrote 2 sessions"), "{out}");
}

#[test]
fn export_takes_the_lock_and_says_when_another_limber_holds_it() {
    let (work, data, _) = saved_data_folder();
    let holder = limber::core::store::Store::open(&data, Utc::now()).unwrap();
    assert!(holder.store.read_only().is_none());
    let output = work.path().join("backup.ron");
    for format in ["ron", "pdf", "csv"] {
        let (ok, _, err) = limber_export(&data, format, &MARCH_2_TO_3, &output);
        assert!(!ok, "{format} exported while another Limber held the lock");
        assert!(err.contains("Limber is open in another window"), "{err}");
        assert!(err.contains("Close the other window"), "{err}");
        assert!(!output.exists());
    }
    drop(holder);
    let (ok, _, err) = limber_export(&data, "ron", &MARCH_2_TO_3, &output);
    assert!(ok, "{err}");
}

#[test]
fn export_over_another_file_says_it_replaced_it() {
    let (work, data, _) = saved_data_folder();
    let report = work.path().join("report.pdf");
    let (ok, out, err) = limber_export(&data, "pdf", &["--from", "2026-03-01"], &report);
    assert!(ok, "{err}");
    assert!(!out.contains("replaced"), "{out}");
    let (ok, out, err) = limber_export(&data, "pdf", &["--from", "2026-03-01"], &report);
    assert!(ok, "{err}");
    assert!(
        out.ends_with("(it replaced the file that was there)\n"),
        "{out}"
    );
    let backup = work.path().join("backup.ron");
    std::fs::write(&backup, "an older backup").unwrap();
    let (ok, out, _) = limber_export(&data, "ron", &[], &backup);
    assert!(ok);
    assert!(
        out.contains("(it replaced the file that was there)"),
        "{out}"
    );
    let folder = work.path().join("csv");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("sessions.csv"), "old").unwrap();
    let (ok, out, err) = limber_export(&data, "csv", &["--from", "2026-03-01"], &folder);
    assert!(ok, "{err}");
    assert!(out.contains("(replacing 1 file that was there)"), "{out}");
}

#[test]
fn an_empty_period_is_refused_in_every_format_but_a_complete_backup_of_an_empty_log_is_not() {
    let (work, data, _) = saved_data_folder();
    let nothing_then = ["--from", "2025-01-01", "--to", "2025-01-31"];
    for (format, name) in [("ron", "q.ron"), ("pdf", "q.pdf"), ("csv", "q")] {
        let output = work.path().join(name);
        let (ok, out, err) = limber_export(&data, format, &nothing_then, &output);
        assert!(!ok, "{format}: {out}");
        assert!(
            err.contains("Nothing was logged from 2025-01-01 to 2025-01-31"),
            "{format}: {err}"
        );
        assert!(!output.exists(), "{format} wrote {}", output.display());
    }
    let output = work.path().join("later.ron");
    let (ok, _, err) = limber_export(&data, "ron", &["--from", "2026-04-01"], &output);
    assert!(!ok);
    assert!(
        err.contains("Nothing was logged from 2026-04-01 on"),
        "{err}"
    );
    assert!(
        err.contains("leave both out for a complete backup"),
        "{err}"
    );
    assert!(!output.exists());

    // A complete backup of a log with nothing in it yet is allowed, and reads back empty.
    let empty_data = work.path().join("empty-data");
    let output = work.path().join("empty-backup.ron");
    let (ok, out, err) = limber_export(&empty_data, "ron", &[], &output);
    assert!(ok, "{err}");
    assert!(out.contains("Wrote 0 sessions"), "{out}");
    let back = limber::core::store::load_log(&output).unwrap();
    assert!(back.sessions().is_empty() && back.check_ins().is_empty());
    // ...but a period of an empty log is still refused.
    let (ok, _, err) = limber_export(&empty_data, "pdf", &[], &work.path().join("e.pdf"));
    assert!(!ok);
    assert!(err.contains("nothing to export"), "{err}");
}

/// Every file a CSV export writes, sorted.
const ALL_CSV: [&str; 9] = [
    "check_ins.csv",
    "daily_pain.csv",
    "exercises.csv",
    "measures.csv",
    "pain_entries.csv",
    "progressions.csv",
    "prompts.csv",
    "questions.csv",
    "sessions.csv",
];

/// The names in a folder, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn csv_export_writes_both_files_or_neither() {
    let (work, data, _) = saved_data_folder();
    let folder = work.path().join("for-the-therapist");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("exercises.csv"), "old exercises").unwrap();
    // sessions.csv cannot be replaced (a folder has its name), after exercises.csv could be.
    std::fs::create_dir(folder.join("sessions.csv")).unwrap();
    let (ok, out, _) = limber_export(&data, "csv", &["--from", "2026-03-01"], &folder);
    assert!(!ok, "{out}");
    assert_eq!(
        std::fs::read_to_string(folder.join("exercises.csv")).unwrap(),
        "old exercises",
        "exercises.csv was replaced although sessions.csv could not be"
    );
    assert_eq!(
        names_in(&folder),
        ["exercises.csv", "sessions.csv"],
        "temporary files left"
    );

    // Once the way is clear, both are written.
    std::fs::remove_dir(folder.join("sessions.csv")).unwrap();
    let (ok, _, err) = limber_export(&data, "csv", &["--from", "2026-03-01"], &folder);
    assert!(ok, "{err}");
    assert_eq!(names_in(&folder), ALL_CSV);
    assert!(
        std::fs::read_to_string(folder.join("sessions.csv"))
            .unwrap()
            .contains("2026-03-02")
    );
}

#[test]
fn csv_export_refuses_a_missing_parent_folder_like_pdf() {
    let (work, data, _) = saved_data_folder();
    let deep = work.path().join("not-there").join("csv");
    let (ok, _, err) = limber_export(&data, "csv", &["--from", "2026-03-01"], &deep);
    assert!(!ok);
    assert!(err.contains("does not exist"), "{err}");
    assert!(
        !work.path().join("not-there").exists(),
        "folders were created"
    );
    let pdf = work.path().join("not-there").join("r.pdf");
    let (ok, _, pdf_err) = limber_export(&data, "pdf", &["--from", "2026-03-01"], &pdf);
    assert!(!ok);
    assert_eq!(err, pdf_err, "CSV and PDF refuse a missing folder alike");
    // One new folder whose parent exists is created, as one new PDF file would be.
    let fresh = work.path().join("csv");
    let (ok, _, err) = limber_export(&data, "csv", &["--from", "2026-03-01"], &fresh);
    assert!(ok, "{err}");
    assert_eq!(names_in(&fresh), ALL_CSV);
    // What the binary writes: a byte-order mark first, and offsets as text.
    for name in ALL_CSV {
        let bytes = std::fs::read(fresh.join(name)).unwrap();
        assert!(bytes.starts_with(&BYTE_ORDER_MARK), "{name}");
    }
    let sessions = std::fs::read_to_string(fresh.join("sessions.csv")).unwrap();
    assert!(sessions.contains(",UTC+00:00,"), "{sessions}");
}

/// A tmpfs mounted on a folder for the length of a test (root only); unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then(|| Tmpfs(dir.to_owned()))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn csv_export_on_a_nearly_full_disk_leaves_the_folder_as_it_was() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let now = Utc::now();
    let mut log = tricky_log();
    // Long notes make sessions.csv far larger than exercises.csv.
    log.edit_records(|r| {
        for session in &mut r.sessions {
            session.notes = "A long note about the day. ".repeat(4_000);
        }
    });
    let mut store = limber::core::store::Store::open(&data, now).unwrap().store;
    store.save(&log, now).unwrap();
    drop(store);
    let disk = work.path().join("small-disk");
    std::fs::create_dir(&disk).unwrap();
    let Some(_tmpfs) = Tmpfs::mount(&disk, "200k") else {
        println!("SKIPPED nearly-full-disk CSV test: mounting a tmpfs needs root");
        return;
    };
    let folder = disk.join("csv");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("exercises.csv"), "old exercises").unwrap();
    std::fs::write(folder.join("sessions.csv"), "old sessions").unwrap();
    let (ok, _, err) = limber_export(&data, "csv", &["--from", "2026-03-01"], &folder);
    assert!(!ok);
    assert!(err.contains("Could not write"), "{err}");
    assert_eq!(
        std::fs::read_to_string(folder.join("exercises.csv")).unwrap(),
        "old exercises"
    );
    assert_eq!(
        std::fs::read_to_string(folder.join("sessions.csv")).unwrap(),
        "old sessions"
    );
    assert_eq!(names_in(&folder), ["exercises.csv", "sessions.csv"]);
    // A new folder on that disk is not left behind empty.
    let (ok, _, _) = limber_export(&data, "csv", &["--from", "2026-03-01"], &disk.join("new"));
    assert!(!ok);
    assert_eq!(names_in(&disk), ["csv"]);
}

mod screen {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable as _;
    use limber::ui::export::{ExportAction, ExportInput, ExportView};

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

    impl State {
        /// One frame of the screen on `today`, with every month readable.
        fn ui(&mut self, ui: &mut egui::Ui, today: NaiveDate) {
            let figures = super::figures_with(&self.log, &self.routine, None, today);
            let input = ExportInput {
                figures: &figures,
                damaged: &[],
                loading_older: false,
                name: "",
                page: PageSize::A4,
            };
            let actions = self.view.ui(ui, &input);
            self.actions.extend(actions);
        }
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
            .build_ui_state(|ui, state: &mut State| state.ui(ui, today), state);
        harness.run();
        harness.get_by_label("Spreadsheet (CSV)").click();
        harness.run();
        harness.get_by_label("Report (PDF)").click();
        harness.run();
        shows(
            &harness,
            "26 sessions, 2 rest days and 11 notes from 2026-03-01 to 2026-03-28",
        );
        shows(&harness, "Adherence 94% of planned doses");
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
            |ui, state: &mut State| state.ui(ui, date(2026, 3, 28)),
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

/// Issue 12 item 9: a backup to a missing folder or to a folder says which, in words a person
/// can act on, with no "(os error N)".
#[test]
fn a_ron_backup_to_a_missing_folder_or_a_folder_says_so() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let missing = work.path().join("gone").join("backup.ron");
    let (ok, _, gone) = limber_export(&data, "ron", &[], &missing);
    assert!(!ok);
    assert!(
        gone.contains("The folder to export into does not exist"),
        "{gone}"
    );
    assert!(gone.contains("gone"), "{gone}");
    let (ok, _, folder) = limber_export(&data, "ron", &[], work.path());
    assert!(!ok);
    assert!(
        folder.contains("This is a folder, but the export needs a file name"),
        "{folder}"
    );
    for message in [&gone, &folder] {
        assert!(!message.contains("os error"), "{message}");
    }
}

/// The built-in routine (shrug rotations 3× a day) followed 1–2 March, then version 2 from
/// 3 March: shrugs once a day and the lat stretch switched off. Each session does every
/// exercise its version asks for, once.
fn routine_changed_mid_period() -> (Routine, Routine, SessionLog) {
    let before = Routine::built_in().unwrap();
    let mut after = before.clone();
    after.version = before.version + 1;
    for exercise in &mut after.exercises {
        if exercise.id == "shrug-rotations" {
            exercise.dose.times_per_day = 1;
        }
        if exercise.id == "overhead-lat-stretch" {
            exercise.enabled = false;
        }
    }
    let mut log = SessionLog::default();
    for day in 1..=4 {
        let followed = if day < 3 { &before } else { &after };
        let at = Utc
            .with_ymd_and_hms(2026, 3, day, 9, 0, 0)
            .single()
            .unwrap();
        let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), followed.version);
        s.ended_at = Some(at + Duration::minutes(20));
        s.exercises = followed
            .enabled()
            .map(|e| ExerciseRecord {
                exercise_id: e.id.as_str().into(),
                name: e.name.as_str().into(),
                completion: Completion::Done,
                holds_done: 1,
                hurt: None,
                ..ExerciseRecord::default()
            })
            .collect();
        log.put_session(s);
    }
    (before, after, log)
}

#[test]
fn the_report_plans_each_day_by_the_routine_version_in_force() {
    use limber::core::export::exercise_adherence;
    use limber::core::figures::Adherence;
    let (before, after, log) = routine_changed_mid_period();
    assert!(before.exercises.iter().any(|e| e.id == "shrug-rotations"));
    let period = Period::new(date(2026, 3, 1), date(2026, 3, 4)).unwrap();
    let figures = figures_with(&log, &after, Some(&before), date(2026, 3, 5));
    // 1–2 March: 13 planned (shrugs 3×), 11 done; 3–4 March: 10 planned (shrugs 1×, no lat
    // stretch), 10 done.
    let s = summary(&figures, period);
    assert_eq!(
        s.adherence,
        Adherence {
            done: 42,
            partly: 0,
            planned: 46
        }
    );
    // With only the current routine known, every day would read as complete.
    assert_eq!(
        summary(&fig(&log, &after), period).adherence.percent(),
        Some(100)
    );
    // Per exercise: the shrugs 2 of 6, then 2 of 2; the switched-off stretch is not listed.
    let per = exercise_adherence(&figures, period);
    assert!(per.iter().all(|p| p.id != "overhead-lat-stretch"));
    let shrugs = per.iter().find(|p| p.id == "shrug-rotations").unwrap();
    assert_eq!(
        shrugs.adherence,
        Adherence {
            done: 4,
            partly: 0,
            planned: 8
        }
    );
    // The report's first figures say the same.
    let options = ReportOptions {
        name: None,
        page: PageSize::A4,
        today: date(2026, 3, 5),
    };
    let bytes = pdf_report(&figures, period, &options).unwrap();
    let text = pdf_extract::extract_text_from_mem(&bytes).unwrap();
    assert!(
        text.contains("91% (42 of 46 doses)"),
        "missing from:\n{text}"
    );
}

#[test]
fn every_exercise_once_a_day_and_shrugs_once_reads_85_percent_on_the_report() {
    let routine = Routine::built_in().unwrap();
    let mut log = SessionLog::default();
    for day in 1..=7 {
        let at = Utc
            .with_ymd_and_hms(2026, 3, day, 9, 0, 0)
            .single()
            .unwrap();
        let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), routine.version);
        s.ended_at = Some(at + Duration::minutes(20));
        s.exercises = routine
            .enabled()
            .map(|e| ExerciseRecord {
                exercise_id: e.id.as_str().into(),
                name: e.name.as_str().into(),
                completion: Completion::Done,
                holds_done: 1,
                hurt: None,
                ..ExerciseRecord::default()
            })
            .collect();
        log.put_session(s);
    }
    let period = Period::new(date(2026, 3, 1), date(2026, 3, 7)).unwrap();
    // 11 of 13 doses a day, seven days.
    assert_eq!(
        summary(&fig(&log, &routine), period).adherence.percent(),
        Some(85)
    );
    let options = ReportOptions {
        name: None,
        page: PageSize::A4,
        today: date(2026, 3, 8),
    };
    let text = pdf_extract::extract_text_from_mem(
        &pdf_report(&fig(&log, &routine), period, &options).unwrap(),
    )
    .unwrap();
    assert!(
        text.contains("85% (77 of 91 doses)"),
        "missing from:\n{text}"
    );
}

/// Issue 27: the command line and the Export screen agree, format by format, on whether a
/// period has content: one rule (`Figures::content`). A period holding only a "How is your back
/// now?" entry has a FHIR bundle and a backup to write, but no report or spreadsheet.
#[test]
fn the_command_line_and_the_export_screen_agree_on_an_empty_period() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let now = Utc::now();
    let opened = limber::core::store::Store::open(&data, now).unwrap();
    let mut store = opened.store;
    let mut log = SessionLog::default();
    let at = Utc.with_ymd_and_hms(2026, 3, 10, 18, 0, 0).unwrap();
    log.put_pain_entry(PainEntry::new(
        at,
        FixedOffset::east_opt(0).unwrap(),
        PainScore::new(5).unwrap(),
        Vec::new(),
        "",
    ));
    store.save(&log, now).unwrap();
    // The command line refuses to export while another Limber holds the log.
    drop(store);
    let period = Period::new(date(2026, 3, 9), date(2026, 3, 11)).unwrap();
    let figures = figures_with(&log, &routine(), None, date(2026, 3, 11));
    for (format, expected) in [
        (ExportFormat::Pdf, false),
        (ExportFormat::Csv, false),
        (ExportFormat::Fhir, true),
        (ExportFormat::Ron, true),
    ] {
        let screen = figures.content().has_content(format, period);
        assert_eq!(screen, expected, "{format:?} on the Export screen");
        let output = work.path().join(format!("out-{}", format.id()));
        let output = if format.writes_folder() {
            output
        } else {
            output.with_extension(format.extension())
        };
        let (ok, out, err) = limber_export(
            &data,
            format.id(),
            &["--from", "2026-03-09", "--to", "2026-03-11"],
            &output,
        );
        assert_eq!(ok, expected, "{format:?} on the command line: {out}{err}");
        if !expected {
            assert!(err.contains("Nothing was logged"), "{format:?}: {err}");
        }
    }
}

/// A desk break is a row of its own kind in `sessions.csv` (`kind` = `break`, no pain, its
/// exercises counted), routine sessions and rest days say theirs; Python's csv module reads
/// the file back to the same rows.
#[test]
fn a_desk_break_is_a_row_of_kind_break_in_sessions_csv() {
    let mut log = tricky_log();
    let at = session_at("2026-03-03 11:00", 0).started_at;
    let routine = Routine::built_in().unwrap();
    let desk_break = Session::desk_break(
        at,
        at + Duration::seconds(95),
        FixedOffset::east_opt(0).unwrap(),
        routine.version,
        limber::core::desk_break::break_records(&routine),
    );
    log.put_session(desk_break.clone());
    let bytes = sessions_csv(&log, march()).unwrap();
    let (header, rows) = read_csv(&bytes);
    assert_eq!(header, SESSIONS_HEADER);
    assert_eq!(SESSIONS_HEADER.last(), Some(&"kind"));
    let column = |name: &str| SESSIONS_HEADER.iter().position(|h| *h == name).unwrap();
    let kinds: Vec<&str> = rows.iter().map(|r| r[column("kind")].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "routine").count(), 5);
    assert_eq!(kinds.iter().filter(|k| **k == "rest_day").count(), 1);
    assert_eq!(kinds.iter().filter(|k| **k == "break").count(), 1);
    let row = rows
        .iter()
        .find(|r| r[column("session_id")] == desk_break.id.0)
        .unwrap();
    assert_eq!(row[column("kind")], "break");
    assert_eq!(row[column("pain_before")], "");
    assert_eq!(row[column("exercises_done")], "2");
    assert_eq!(row[column("duration_min")], "1.6");
    assert_eq!(row[column("rest_day_reason")], "");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessions.csv");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/read-csv.py"))
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let python: Vec<Vec<String>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(python[0], SESSIONS_HEADER);
    assert_eq!(python[1..], rows[..]);
}
