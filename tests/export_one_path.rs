//! One export path (issue 27 item 6): `limber export` and the Export screen go through the same
//! `export::run`, so for every format they agree on whether a period has anything to export
//! and write the same files for the same request (with the clock and the settings pinned); a
//! damaged month stops both; and the window keeps drawing while an export runs.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone as _, Utc};
use common::app_harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use limber::core::export::{ExportError, ExportFormat, PageSize, PdfReport, Period, files_written};
use limber::core::log::SessionLog;
use limber::core::pain_entry::PainEntry;
use limber::core::paths::Paths;
use limber::core::session::{Completion, ExerciseRecord, PainScore, Session};
use limber::core::settings::Settings;
use limber::core::store::Store;
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Central European summer time: local dates differ from UTC ones late in the evening.
fn offset() -> FixedOffset {
    FixedOffset::east_opt(2 * 3600).unwrap()
}

/// The pinned clock: 10 April 2026, 09:00 local.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 4, 10, 7, 0, 0).unwrap()
}

/// Sessions with pain scores from 1 to 20 March, an export of March made on 31 March, and in
/// April only one pain entry: the default period (since the last export, 1–10 April) holds
/// something for a FHIR file or a backup, nothing for a report or a spreadsheet.
fn log() -> SessionLog {
    let mut log = SessionLog::default();
    for day in 1..=20 {
        let at = Utc
            .from_local_datetime(&date(2026, 3, day).and_hms_opt(7, 0, 0).unwrap())
            .unwrap();
        let mut session = Session::start(at, offset(), 1);
        session.ended_at = Some(at + Duration::minutes(20));
        session.pain_before = PainScore::new(u8::try_from(3 + day % 4).unwrap());
        session.pain_after = PainScore::new(u8::try_from(2 + day % 3).unwrap());
        session.notes = format!("Day {day}: the open book eased it.");
        session.exercises.push(ExerciseRecord {
            exercise_id: "overhead-lat-stretch".into(),
            name: "Overhead lat stretch".into(),
            completion: Completion::Done,
            holds_done: 3,
            hurt: None,
            ..ExerciseRecord::default()
        });
        log.put_session(session);
    }
    let march = Period::new(date(2026, 3, 1), date(2026, 3, 31)).unwrap();
    let made = Utc.with_ymd_and_hms(2026, 3, 31, 16, 0, 0).unwrap();
    log.edit_records(|r| {
        r.exports
            .push(march.export_record(ExportFormat::Pdf, made, offset()));
    });
    log.put_pain_entry(PainEntry::new(
        Utc.with_ymd_and_hms(2026, 4, 5, 10, 0, 0).unwrap(),
        offset(),
        PainScore::new(6).unwrap(),
        Vec::new(),
        "After gardening",
    ));
    log
}

/// A data folder under `dir` holding `log`, with a name and US Letter paper in Settings.
fn folder(dir: &Path, log: &SessionLog) -> Paths {
    let paths = Paths::under(dir);
    let mut store = Store::open(&paths.data_dir, now()).unwrap().store;
    store.save(log, now()).unwrap();
    drop(store);
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    let settings = Settings {
        name: "Sam Example".to_owned(),
        page_size: PageSize::Letter,
        ..Settings::default()
    };
    limber::core::settings::save(&paths.settings_file(), &settings).unwrap();
    paths
}

/// The app on `paths` at the pinned clock, past the notice and the weekly check-in.
fn app(paths: Paths) -> Harness<'static, LimberApp> {
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(ManualClock::new(now(), offset())),
    });
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    let mut harness = app_harness(app);
    harness.run_steps(2);
    while harness.state().persistence.loading_older() {
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.run_steps(1);
    }
    harness
}

/// Replaces the text of the field labelled `label` with `text`.
fn type_into(harness: &mut Harness<'static, LimberApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness.get_by_label(label).type_text(text);
    harness.run_steps(2);
}

/// The Export screen with `format` chosen, `dates` typed in (or the period it proposes), and
/// `output` as the place to save.
fn export_screen(
    harness: &mut Harness<'static, LimberApp>,
    format: ExportFormat,
    dates: Option<(NaiveDate, NaiveDate)>,
    output: &Path,
) {
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    if matches!(format, ExportFormat::Ron | ExportFormat::Fhir) {
        harness
            .get_by_label(limber::ui::export::MORE_FORMATS)
            .click();
        harness.run_steps(2);
    }
    harness.get_by_label(format.label()).click();
    harness.run_steps(2);
    if let Some((from, to)) = dates {
        type_into(harness, "From", &from.to_string());
        type_into(harness, "To", &to.to_string());
    }
    let field = if format.writes_folder() {
        "Save into folder (receives sessions.csv and exercises.csv)"
    } else {
        "Save as"
    };
    type_into(harness, field, &output.display().to_string());
}

fn save_enabled(harness: &Harness<'static, LimberApp>) -> bool {
    !harness
        .get_by_label("Save export")
        .accesskit_node()
        .is_disabled()
}

/// Where an export of `format` goes in `dir`.
fn output_in(dir: &Path, format: ExportFormat) -> PathBuf {
    if format.writes_folder() {
        dir.join("spreadsheet")
    } else {
        dir.join(format!("limber.{}", format.extension()))
    }
}

/// Every file an export to `output` writes, with its bytes (`None` when missing).
fn written(format: ExportFormat, output: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    files_written(format, output)
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).ok())
        })
        .collect()
}

#[test]
fn for_every_format_the_command_line_and_the_export_screen_agree_and_write_the_same_files() {
    let march = (date(2026, 3, 1), date(2026, 3, 31));
    for format in ExportFormat::ALL {
        // `None`: no dates given, so the default period (since the last export: only a pain
        // entry in it).
        for dates in [None, Some(march)] {
            let case = format!("{format:?}, {dates:?}");
            let work = tempfile::tempdir().unwrap();
            let log = log();
            let cli_paths = folder(&work.path().join("cli"), &log);
            let gui_paths = folder(&work.path().join("gui"), &log);
            let cli_out = output_in(&work.path().join("cli"), format);
            let gui_out = output_in(&work.path().join("gui"), format);
            if format.writes_folder() {
                std::fs::create_dir_all(&cli_out).unwrap();
                std::fs::create_dir_all(&gui_out).unwrap();
            }

            let cli = limber::cli::run_export(
                &cli_paths,
                format,
                dates.map(|d| d.0),
                dates.map(|d| d.1),
                &cli_out,
                now().with_timezone(&offset()),
            );

            let mut harness = app(gui_paths);
            export_screen(&mut harness, format, dates, &gui_out);
            let enabled = save_enabled(&harness);
            if enabled {
                harness.get_by_label("Save export").click();
                harness.run_steps(1);
                common::wait_for_export(&mut harness);
                assert!(
                    harness.query_by_label_contains("Saved: ").is_some(),
                    "{case}: the screen says where the export went"
                );
            }

            assert_eq!(
                cli.is_ok(),
                enabled,
                "{case}: the command line said {cli:?}; the screen's Save was enabled: {enabled}"
            );
            // A RON backup without dates is a complete backup on the command line, while the
            // screen always has dates: those two are compared only on their emptiness.
            let compare = !(format == ExportFormat::Ron && dates.is_none());
            if compare {
                let (by_cli, by_gui) = (written(format, &cli_out), written(format, &gui_out));
                let sizes = |files: &[(String, Option<Vec<u8>>)]| {
                    files
                        .iter()
                        .map(|(name, bytes)| (name.clone(), bytes.as_ref().map(Vec::len)))
                        .collect::<Vec<_>>()
                };
                assert!(
                    by_cli == by_gui,
                    "{case}: the same files, byte for byte: {:?} and {:?}",
                    sizes(&by_cli),
                    sizes(&by_gui)
                );
            }
            let empty_here = !matches!(format, ExportFormat::Fhir | ExportFormat::Ron);
            assert_eq!(
                cli.is_err(),
                dates.is_none() && empty_here,
                "{case}: {cli:?}"
            );
        }
    }
}

/// A data folder whose March file is damaged (and April readable).
fn damaged_folder(dir: &Path) -> (Paths, PathBuf) {
    let paths = folder(dir, &log());
    let march = paths.data_dir.join("log").join("2026-03.ron");
    std::fs::write(&march, "(schema_version: 4, sessions: [ this is not a log").unwrap();
    (paths, march)
}

#[test]
fn a_damaged_month_makes_limber_export_fail_and_write_nothing() {
    let work = tempfile::tempdir().unwrap();
    let (paths, march_file) = damaged_folder(work.path());
    let run = |format: &str, from: &str, to: &str, output: &Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_limber"))
            .arg("--data-dir")
            .arg(&paths.data_dir)
            .args(["export", "--format", format, "--from", from, "--to", to])
            .arg("--output")
            .arg(output)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    for format in ExportFormat::ALL {
        let output = output_in(work.path(), format);
        if format.writes_folder() {
            std::fs::create_dir_all(&output).unwrap();
        }
        let (ok, err) = run(format.id(), "2026-03-15", "2026-04-10", &output);
        assert!(!ok, "{format:?}: a month is missing, yet it passed: {err}");
        assert!(err.contains("March 2026"), "{format:?}: {err}");
        assert!(
            err.contains(&march_file.display().to_string()),
            "{format:?}: {err}"
        );
        assert!(
            written(format, &output)
                .iter()
                .all(|(_, bytes)| bytes.is_none()),
            "{format:?}: nothing is written"
        );
    }
    // Dates outside the damaged month are complete, and exported.
    let output = work.path().join("april.json");
    let (ok, err) = run("fhir", "2026-04-01", "2026-04-10", &output);
    assert!(ok, "{err}");
    assert!(output.exists());
}

#[test]
fn the_export_screen_names_the_damaged_months_before_saving() {
    let work = tempfile::tempdir().unwrap();
    let (paths, _) = damaged_folder(work.path());
    let output = work.path().join("report.pdf");
    let mut harness = app(paths);
    export_screen(
        &mut harness,
        ExportFormat::Fhir,
        Some((date(2026, 3, 15), date(2026, 4, 10))),
        &output,
    );
    assert!(
        harness
            .query_by_label_contains("Missing from this period: March 2026")
            .is_some(),
        "the screen names the damaged month"
    );
    assert!(!save_enabled(&harness), "nothing can be saved meanwhile");
    // April alone is complete: it can be saved.
    type_into(&mut harness, "From", "2026-04-01");
    assert!(
        harness
            .query_by_label_contains("Missing from this period")
            .is_none()
    );
    assert!(save_enabled(&harness));
}

/// Draws the real report, but only once the test lets it.
struct GatedPdf {
    gate: Mutex<Receiver<()>>,
}

impl PdfReport for GatedPdf {
    fn report(
        &self,
        figures: &limber::core::figures::Figures,
        period: Period,
        name: Option<&str>,
        page: PageSize,
        today: NaiveDate,
    ) -> Result<Vec<u8>, ExportError> {
        self.gate.lock().unwrap().recv().unwrap();
        limber::report::Pdf.report(figures, period, name, page, today)
    }
}

#[test]
fn the_window_keeps_drawing_while_a_pdf_is_exported() {
    let work = tempfile::tempdir().unwrap();
    let paths = folder(work.path(), &log());
    let output = work.path().join("report.pdf");
    let mut harness = app(paths);
    // From here the UI thread writes nothing: the worker writes the report, the saver the
    // export record (the folder above was written on this thread before it was marked).
    limber::core::atomic::mark_ui_thread();
    let (open_gate, gate): (Sender<()>, Receiver<()>) = mpsc::channel();
    harness
        .state_mut()
        .views
        .export_view
        .set_pdf(Arc::new(GatedPdf {
            gate: Mutex::new(gate),
        }));
    export_screen(
        &mut harness,
        ExportFormat::Pdf,
        Some((date(2026, 3, 1), date(2026, 3, 31))),
        &output,
    );
    let exports_before = harness.state().log().exports().len();
    harness.get_by_label("Save export").click();
    harness.run_steps(1);
    // The report is held back: frame after frame is drawn, saying it is under way.
    for _ in 0..10 {
        harness.run_steps(1);
        assert!(harness.state().views.export_view.is_exporting());
        assert!(
            harness.query_by_label_contains("Exporting…").is_some(),
            "the screen says it is working"
        );
        assert!(!save_enabled(&harness), "one export at a time");
    }
    assert!(!output.exists());
    // The rest of the app answers meanwhile.
    harness.get_by_label("Today").click();
    harness.run_steps(2);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    open_gate.send(()).unwrap();
    common::wait_for_export(&mut harness);
    assert!(output.exists(), "the worker wrote the report");
    assert!(
        harness
            .query_by_label_contains(&format!("Saved: {}", output.display()))
            .is_some()
    );
    assert_eq!(
        harness.state().log().exports().len(),
        exports_before + 1,
        "the export is recorded once done"
    );
    assert!(harness.state().flush(), "the saver wrote the export record");
    assert_eq!(
        limber::core::atomic::ui_thread_writes(),
        0,
        "a file was written on the UI thread"
    );
}
