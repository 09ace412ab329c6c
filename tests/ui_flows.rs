//! UI tests of flows across screens, driven through accessible labels with a manual clock:
//! History's delete and undo, a restore from a backup, a rest day, unticking, a check-in put
//! off across a restart, and the export record the app adds to the log.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

use std::time::Duration;

mod common;

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use common::open;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use limber::core::session::{RestReason, SessionKind};
use limber::ui::app::LimberApp;

fn morning(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 8, 0, 0).unwrap()
}

/// Runs frames until `done` holds (the saver thread answers in its own time), for at most 5 s.
fn wait_for(harness: &mut Harness<'static, LimberApp>, done: impl Fn(&LimberApp) -> bool) {
    for _ in 0..250 {
        harness.run_steps(1);
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for the saver");
}

/// Ticks the first exercise on Today's checklist.
fn tick_first(harness: &mut Harness<'static, LimberApp>) -> String {
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
    name
}

#[test]
fn history_deletes_a_session_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    tick_first(&mut harness);
    assert_eq!(harness.state().log().sessions().len(), 1);
    harness.get_by_label("History").click();
    harness.run_steps(2);
    harness
        .query_all_by_label_contains("1 done")
        .next()
        .expect("the session's row")
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Delete session").click_accesskit();
    harness.run_steps(2);
    assert!(harness.state().log().sessions().is_empty());
    harness.get_by_label("Undo delete").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().log().sessions().len(),
        1,
        "undo puts it back"
    );
    assert!(harness.state().flush());
    drop(harness);
    let harness = open(dir.path(), morning(25), false);
    assert_eq!(
        harness.state().log().sessions().len(),
        1,
        "and it is on disk"
    );
}

#[test]
fn a_backup_of_yesterday_is_restored_through_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(24), false);
    tick_first(&mut harness);
    assert!(harness.state().flush());
    drop(harness);
    // The next day, opening takes the day's backup: yesterday's log with its one session.
    let mut harness = open(dir.path(), morning(25), false);
    tick_first(&mut harness);
    assert_eq!(harness.state().log().sessions().len(), 2);
    harness.get_by_label("History").click();
    harness.run_steps(2);
    harness.get_by_label("Restore from backup\u{2026}").click();
    wait_for(&mut harness, |app| {
        app.persistence.listed_backups().is_some()
    });
    harness.run_steps(2);
    harness.get_by_label("Restore backup of 2026-11-25").click();
    wait_for(&mut harness, |app| app.log().sessions().len() == 1);
    let day = harness.state().log().sessions()[0].local_date;
    assert_eq!(day, chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
}

#[test]
fn a_rest_day_is_logged_from_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    harness.get_by_label("Log a rest day").click();
    harness.run_steps(2);
    harness.get_by_label("Travelling").click();
    harness.run_steps(2);
    let log = &harness.state().log();
    assert_eq!(log.sessions().len(), 1);
    assert_eq!(
        log.sessions()[0].kind,
        SessionKind::RestDay(RestReason::Travelling)
    );
}

#[test]
fn unticking_an_exercise_takes_it_off_today() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    let name = tick_first(&mut harness);
    let id = harness.state().routine.enabled().next().unwrap().id.clone();
    assert!(harness.state().done_today(&id));
    harness.get_by_label(&format!("{name} done")).click();
    harness.run_steps(2);
    assert!(!harness.state().done_today(&id));
}

#[test]
fn a_check_in_put_off_stays_put_off_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), true);
    let not_now = limber::ui::progress::CHECK_IN_NOT_NOW;
    harness.get_by_label(not_now).click();
    harness.run_steps(2);
    assert!(harness.query_by_label(not_now).is_none());
    drop(harness);
    let harness = open(dir.path(), morning(25) + chrono::TimeDelta::hours(2), true);
    assert!(
        harness.query_by_label(not_now).is_none(),
        "the closed check-in is remembered in prompts.ron"
    );
}

#[test]
fn an_export_from_the_app_is_recorded_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    tick_first(&mut harness);
    harness.get_by_label("Export").click();
    harness.run_steps(2);
    harness
        .get_by_label(limber::ui::export::MORE_FORMATS)
        .click();
    harness.run_steps(2);
    harness.get_by_label("Backup (RON)").click();
    harness.run_steps(2);
    let file = out.path().join("limber-backup.ron");
    let field = harness.get_by_label("Save as");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_label("Save as")
        .type_text(&file.display().to_string());
    harness.run_steps(2);
    harness.get_by_label("Save export").click();
    harness.run_steps(1);
    common::wait_for_export(&mut harness);
    assert!(file.exists(), "the backup was written");
    let exports = harness.state().log().exports();
    assert_eq!(exports.len(), 1, "{exports:?}");
    assert_eq!(
        exports[0].to,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    );
}

/// Runs `mount` with `args`; true when it worked (root only).
fn mount(args: &[&str], dir: &Path) -> bool {
    std::process::Command::new("mount")
        .args(args)
        .arg(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
#[ignore = "mounts a tmpfs and makes it read-only, which needs root; CI (root) runs it with `cargo test --test ui_flows -- --ignored retry`"]
fn a_save_refused_by_the_disk_shows_retry_and_retry_saves_once_it_is_fixed() {
    /// Unmounts the tmpfs however the test ends.
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount")
                .arg("-l")
                .arg(self.0)
                .status();
        }
    }
    let outer = tempfile::tempdir().unwrap();
    assert!(
        mount(&["-t", "tmpfs", "-o", "size=8m", "tmpfs"], outer.path()),
        "mounting a tmpfs failed: this test needs root"
    );
    let _unmount = Unmount(outer.path());
    let dir = outer.path().join("data");
    let mut harness = open(&dir, morning(25), false);
    let name = tick_first(&mut harness);
    let id = harness.state().routine.enabled().next().unwrap().id.clone();
    assert!(harness.state().flush());
    assert!(mount(&["-o", "remount,ro"], outer.path()));
    // Unticking is a change the disk now refuses.
    harness.get_by_label(&format!("{name} done")).click();
    wait_for(&mut harness, |app| app.notices.save_error.is_some());
    harness.run_steps(2);
    assert!(
        !harness.state().done_today(&id),
        "the change stays in the app"
    );
    assert!(mount(&["-o", "remount,rw"], outer.path()));
    harness.get_by_label("Retry save").click();
    wait_for(&mut harness, |app| app.notices.save_error.is_none());
    drop(harness);
    let harness = open(&dir, morning(25), false);
    assert!(!harness.state().done_today(&id), "and it reached the disk");
    drop(harness);
    let _ = std::process::Command::new("umount")
        .arg("-l")
        .arg(outer.path())
        .status();
}

/// The UI thread never opens a file for writing: changing a setting, putting the check-in off,
/// switching an exercise off in the routine and reading the first-start notice are each in
/// effect at once, and their files are written by the saver thread (issue 27).
#[test]
fn preferences_are_written_by_the_saver_not_the_ui_thread() {
    use limber::core::atomic::{mark_ui_thread, ui_thread_writes};
    use limber::core::paths::Paths;
    mark_ui_thread();
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let mut harness = open(dir.path(), morning(25), true);

    // A setting: the top bar's sound button.
    harness.get_by_label("Sound on").click();
    harness.run_steps(2);
    assert!(!harness.state().settings.sound_on);
    // A prompt put off: the weekly check-in.
    harness
        .get_by_label(limber::ui::progress::CHECK_IN_NOT_NOW)
        .click();
    harness.run_steps(2);
    // The routine: an exercise switched off in the editor.
    let first = harness.state().routine.exercises[0].name.clone();
    harness.state_mut().screen = limber::ui::command::Screen::Routine;
    harness.run_steps(2);
    harness.get_by_label(&first).scroll_to_me();
    harness.run_steps(1);
    harness.get_by_label(&first).click();
    harness.run_steps(2);
    assert!(!harness.state().routine.exercises[0].enabled);
    // The first-start notice.
    std::fs::remove_file(paths.notice_marker()).unwrap();
    harness.state_mut().screen = limber::ui::command::Screen::Today;
    harness.state_mut().dialogs.show_notice = true;
    // The dialog takes a few frames to settle in its place.
    harness.run_steps(6);
    harness.get_by_label("I understand").click();
    harness.run_steps(2);
    assert!(!harness.state().dialogs.show_notice);

    assert_eq!(ui_thread_writes(), 0, "a file was written on the UI thread");
    assert!(harness.state().flush(), "the saver wrote everything");
    let settings = std::fs::read_to_string(paths.settings_file()).unwrap();
    assert!(settings.contains("sound_on: false"), "{settings}");
    let prompts = std::fs::read_to_string(
        paths
            .config_dir
            .join(limber::core::dismissals_file::FILE_NAME),
    )
    .unwrap();
    assert!(prompts.contains("2026-11-25"), "{prompts}");
    let (routine, problem) = limber::core::routine_edit::load_active_routine(&paths);
    assert!(problem.is_none());
    assert!(!routine.exercises[0].enabled);
    assert!(limber::core::routine_edit::has_previous(&paths));
    assert!(paths.notice_acknowledged());
    assert_eq!(harness.state().notices.save_error, None);
    assert_eq!(ui_thread_writes(), 0);
}

/// "Restore previous routine" right after a save restores the routine that save replaced, as
/// held in memory, even before the saver has written its file.
#[test]
fn restoring_the_previous_routine_at_once_restores_the_one_just_replaced() {
    use limber::core::paths::Paths;
    use limber::ui::command::Command;
    use limber::ui::routine_editor::RoutineEditorAction;
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let mut harness = open(dir.path(), morning(25), false);
    let mut next = harness.state().routine.clone();
    next.exercises[0].enabled = false;
    let app = harness.state_mut();
    app.apply(Command::Editor(RoutineEditorAction::SaveRoutine(next)));
    app.apply(Command::Editor(RoutineEditorAction::RestorePrevious));
    assert!(app.routine.exercises[0].enabled);
    assert!(app.flush());
    let (on_disk, problem) = limber::core::routine_edit::load_active_routine(&paths);
    assert!(problem.is_none());
    assert_eq!(on_disk, app.routine);
    assert_eq!(on_disk.version, 3, "saved, then restored: two new versions");
    let previous = limber::core::routine_edit::load_previous(&paths).unwrap();
    assert!(
        !previous.exercises[0].enabled,
        "the switched-off routine is kept as previous"
    );
}
