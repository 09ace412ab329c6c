//! The export record the app adds to the log files into the month of its local date, as every
//! record does: an export made just after local midnight on the first of a month, or just
//! before it on the last day, is still there after a restart, and the next default period
//! starts after it.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use common::app_harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use limber::core::export::Period;
use limber::core::paths::Paths;
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;

/// The app on `dir` at `at` in the time zone `offset`, past the first-start notice and the
/// weekly check-in; two frames drawn.
fn open_in(dir: &Path, at: DateTime<Utc>, offset: FixedOffset) -> Harness<'static, LimberApp> {
    let paths = Paths::under(dir);
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(ManualClock::new(at, offset)),
    });
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    let mut harness = app_harness(app);
    harness.run_steps(2);
    harness
}

/// Ticks the first exercise on Today, then saves a backup (RON) of the default period into
/// `out` from the Export screen.
fn tick_and_export(harness: &mut Harness<'static, LimberApp>, out: &Path) {
    let name = harness
        .state()
        .routine
        .enabled()
        .next()
        .unwrap()
        .name
        .clone();
    harness.get_by_label(&format!("{name} done")).click();
    harness.run_steps(2);
    if harness.query_by_label("Skip this question").is_some() {
        harness.get_by_label("Skip this question").click();
        harness.run_steps(2);
    }
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness
        .get_by_label(limber::ui::export::MORE_FORMATS)
        .click();
    harness.run_steps(2);
    harness.get_by_label("Backup (RON)").click();
    harness.run_steps(2);
    let file = out.join("limber-backup.ron");
    harness.get_by_label("Save as").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("Save as")
        .type_text(&file.display().to_string());
    harness.run_steps(2);
    harness.get_by_label("Save export").click();
    harness.run_steps(1);
    common::wait_for_export(harness);
    assert!(file.exists(), "the backup was written");
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Exports at `at` in `offset` (local date `local`), restarts two days later, and checks the
/// record is back, filed in the month file of `local`, and that the default period starts the
/// day after it.
fn export_survives_a_restart(at: DateTime<Utc>, offset: FixedOffset, local: NaiveDate) {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut harness = open_in(dir.path(), at, offset);
    tick_and_export(&mut harness, out.path());
    let exports = harness.state().log().exports().to_vec();
    assert_eq!(exports.len(), 1, "{exports:?}");
    assert_eq!(exports[0].to, local);
    assert_eq!(exports[0].local_date, Some(local));
    assert!(harness.state().flush(), "saved");
    drop(harness);

    let month_file = Paths::under(dir.path())
        .data_dir
        .join("log")
        .join(format!("{}.ron", local.format("%Y-%m")));
    let text = std::fs::read_to_string(&month_file).unwrap();
    assert!(
        text.contains("format: \"ron\""),
        "filed in {}: {text}",
        month_file.display()
    );

    let later = at + TimeDelta::days(2);
    let mut harness = open_in(dir.path(), later, offset);
    // The log loads in the background: wait for the ticked session and every older month.
    let loaded =
        |app: &LimberApp| app.log().sessions().len() == 1 && !app.persistence.loading_older();
    for _ in 0..250 {
        if loaded(harness.state()) {
            break;
        }
        harness.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let app = harness.state();
    assert!(
        loaded(app),
        "loaded: {:?} {:?}",
        app.notices.store_problem,
        app.notices.store_notices
    );
    let log = &harness.state().log();
    assert_eq!(log.exports(), exports, "the export record is still there");
    let today = harness.state().now().local_date();
    let period = Period::default_for(log, today);
    assert_eq!(period.first_day(), local.succ_opt().unwrap());
    assert_eq!(period.last_day(), today);
}

#[test]
fn an_export_just_after_midnight_on_the_first_in_utc_plus_2_survives_a_restart() {
    // 00:30 on 1 July in UTC+2 is 22:30 on 30 June in UTC.
    export_survives_a_restart(
        Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap(),
        FixedOffset::east_opt(2 * 3600).unwrap(),
        date(2026, 7, 1),
    );
}

#[test]
fn an_export_late_on_the_last_day_in_utc_minus_10_survives_a_restart() {
    // 23:30 on 30 June in UTC−10 is 09:30 on 1 July in UTC.
    export_survives_a_restart(
        Utc.with_ymd_and_hms(2026, 7, 1, 9, 30, 0).unwrap(),
        FixedOffset::west_opt(10 * 3600).unwrap(),
        date(2026, 6, 30),
    );
}

/// The Export screen shows the report and the spreadsheet; the backup (RON) and the clinic
/// system file (FHIR) wait under "More formats", which reveals them.
#[test]
fn more_formats_reveals_the_backup_and_the_clinic_file() {
    use limber::core::export::ExportFormat;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_in(
        dir.path(),
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
        FixedOffset::east_opt(3600).unwrap(),
    );
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness.get_by_label(ExportFormat::Pdf.label());
    harness.get_by_label(ExportFormat::Csv.label());
    for hidden in [ExportFormat::Fhir, ExportFormat::Ron] {
        assert!(harness.query_by_label(hidden.label()).is_none());
    }
    harness
        .get_by_label(limber::ui::export::MORE_FORMATS)
        .click();
    harness.run_steps(2);
    harness.get_by_label(ExportFormat::Fhir.label()).click();
    harness.run_steps(2);
    harness.get_by_label(ExportFormat::Ron.label());
    // Chosen: the file proposed is the clinic system's.
    let proposed = harness.get_by_label("Save as").accesskit_node().value();
    assert!(
        proposed
            .as_deref()
            .is_some_and(|p| p.contains("limber-fhir")),
        "{proposed:?}"
    );
}
