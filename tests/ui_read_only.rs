//! UI tests of a window that saves nothing: another Limber holds the data folder's lock and did
//! not answer the hand-over. Every control that would log something is disabled (found by its
//! accessible label), the keys log nothing, and the banner says why in one line.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::open;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use limber::core::paths::Paths;
use limber::core::store::Store;
use limber::ui::app::LimberApp;
use limber::ui::command::Screen;

fn morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap()
}

fn first_exercise(harness: &Harness<'static, LimberApp>) -> String {
    harness
        .state()
        .routine
        .enabled()
        .next()
        .unwrap()
        .name
        .clone()
}

fn disabled(harness: &Harness<'static, LimberApp>, label: &str) -> bool {
    harness.get_by_label(label).accesskit_node().is_disabled()
}

#[test]
fn with_the_lock_held_and_nobody_answering_nothing_can_be_logged() {
    let dir = tempfile::tempdir().unwrap();
    // A first window ticks an exercise: a session is open, with its notes field. The weekly
    // check-in is due, and Progress offers it.
    {
        let mut harness = open(dir.path(), morning(), true);
        harness.get_by_label("Progress").click();
        harness.run_steps(2);
        assert!(harness.query_by_label("Weekly check-in").is_some());
        harness.state_mut().screen = Screen::Today;
        harness.run_steps(2);
        let name = first_exercise(&harness);
        harness.get_by_label(&format!("{name} done")).click();
        harness.run_steps(2);
        if harness.query_by_label("Skip this question").is_some() {
            harness.get_by_label("Skip this question").click();
            harness.run_steps(2);
        }
        assert!(harness.state().flush());
    }
    // Another Limber holds the lock and answers nothing.
    let other = Store::open(&Paths::under(dir.path()).data_dir, morning()).unwrap();
    assert!(other.store.read_only().is_none());

    let mut harness = open(dir.path(), morning() + chrono::Duration::minutes(5), true);
    assert!(harness.state().read_only().is_some());
    let sessions = harness.state().log().sessions().len();
    let notes = harness.state().log().sessions()[0].notes.clone();

    // One line says why.
    assert!(
        harness
            .query_by_label_contains(
                "did not answer, so this window only shows the log and saves nothing"
            )
            .is_some()
    );
    let name = first_exercise(&harness);
    let second = harness
        .state()
        .routine
        .enabled()
        .nth(1)
        .unwrap()
        .name
        .clone();
    for label in [
        "Start routine",
        "Finish session",
        "Session notes",
        limber::ui::app::LOG_PAIN_NOW,
        &format!("{name} done"),
        &format!("{second} done"),
    ] {
        assert!(disabled(&harness, label), "{label} should be disabled");
    }
    // "Between sessions" (pain now, questions, progress questions) and the weekly check-in
    // only log: not offered, on Today or on Progress.
    assert!(harness.query_by_label("How is your back now?").is_none());
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.state_mut().screen = Screen::Today;
    harness.run_steps(2);

    // Clicking a disabled tick and pressing the Today keys change nothing.
    harness.get_by_label(&format!("{second} done")).click();
    harness.run_steps(2);
    harness.key_press(egui::Key::N);
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.query_by_label("Get ready").is_none());
    harness.key_press(egui::Key::P);
    harness.run_steps(2);
    assert!(harness.query_by_label("Pain now 4").is_none());

    // The card of an exercise can still be read; its timer and "Mark as done" are disabled.
    harness.get_by_label(&second).click();
    harness.run_steps(2);
    assert!(disabled(&harness, "Mark as done"));
    assert!(disabled(&harness, "Start timer"));
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);

    let app = harness.state();
    assert_eq!(app.log().sessions().len(), sessions);
    assert_eq!(app.log().sessions()[0].notes, notes);
    assert!(!app.done_today(&app.routine.enabled().nth(1).unwrap().id));
    assert!(
        app.practice
            .timer
            .as_ref()
            .is_none_or(|t| !t.timer.is_running())
    );
    assert!(
        app.unsaved().is_empty(),
        "nothing was accepted, so nothing is lost"
    );
    drop(other);
}
