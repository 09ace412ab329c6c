//! Desk breaks (issue 31, item 4), by label: the line on Today once an interval has passed
//! within working hours, "Start break" running the break and counting toward today's shrug
//! rotations, a notification's "Start break" doing the same, and no line during a session,
//! outside working hours or while the screen is quiet; the break's countdown (its button and
//! Space) running each set and moving on.
mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use limber::core::desk_break::Quiet;
use limber::core::figures::{Figures, FiguresInput};
use limber::ui::app::LimberApp;
use limber::ui::clock::ManualClock;
use limber::ui::command::BreakAction;

/// The line on Today (the built-in break takes about 2 minutes).
const LINE: &str = "Time for a short movement break (about 2 min)";

/// The app at Wednesday 25 November 2026 09:00 (UTC+1) with breaks on (every 45 minutes,
/// 09:00–17:00), and the clock the test moves.
fn with_breaks_on() -> (Harness<'static, LimberApp>, common::Fixture) {
    let (mut app, fixture) = common::fresh_app();
    app.settings.breaks.on = true;
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    let mut harness = common::app_harness_sized(app, egui::vec2(1280.0, 1400.0));
    harness.run_steps(2);
    (harness, fixture)
}

fn advance(harness: &mut Harness<'static, LimberApp>, clock: &ManualClock, minutes: u64) {
    clock.advance(Duration::from_secs(minutes * 60));
    harness.run_steps(2);
}

fn line_shown(harness: &Harness<'static, LimberApp>) -> bool {
    harness.query_by_label(LINE).is_some()
}

/// Goes of shrug rotations done today, from the figures, and the times a day planned.
fn shrugs_today(app: &LimberApp) -> (u32, u32) {
    let figures = Figures::of(
        app.log(),
        &FiguresInput {
            routine: &app.routine,
            previous_routine: None,
            today: app.now().local_date(),
        },
    );
    figures.goes_on(app.now().local_date(), "shrug-rotations")
}

/// Clicks through the break shown: each exercise done, then the last.
fn do_the_break(harness: &mut Harness<'static, LimberApp>) {
    harness.get_by_label("Desk break, 1 of 2: Shrug rotations");
    harness.get_by_label("Done, next exercise").click();
    harness.run_steps(2);
    harness.get_by_label("Desk break, 2 of 2: Cork screws");
    harness.get_by_label("Done, finish break").click();
    harness.run_steps(2);
}

#[test]
fn the_line_shows_after_the_interval_and_a_break_counts_toward_todays_shrugs() {
    let (mut harness, fixture) = with_breaks_on();
    advance(&mut harness, &fixture.clock, 44);
    assert!(
        !line_shown(&harness),
        "09:44: one minute short of the interval"
    );
    advance(&mut harness, &fixture.clock, 1);
    assert!(line_shown(&harness), "09:45: the interval");
    assert_eq!(shrugs_today(harness.state()), (0, 3));

    harness.get_by_label("Start break").click();
    harness.run_steps(2);
    assert!(!line_shown(&harness));
    do_the_break(&mut harness);
    harness.get_by_label("Break done: counts toward today's shrug rotations and cork screws.");
    assert_eq!(
        shrugs_today(harness.state()),
        (1, 3),
        "one more dose of today's shrug rotations"
    );
    let breaks: Vec<_> = harness
        .state()
        .log()
        .sessions()
        .iter()
        .filter(|s| s.is_break())
        .collect();
    assert_eq!(breaks.len(), 1);
    assert!(breaks[0].pain_before.is_none() && breaks[0].pain_after.is_none());
    assert!(
        harness.state().current_session().is_none(),
        "a break leaves no session open"
    );
    // Today's sessions and History name it as a break.
    harness.get_by_label("09:45  Desk break (Shrug rotations, Cork screws)");
    let row = limber::ui::history::row_text(breaks[0]);
    assert!(
        row.ends_with("Desk break: Shrug rotations, Cork screws"),
        "{row}"
    );
    harness.state_mut().screen = limber::ui::command::Screen::History;
    harness.run_steps(2);
    harness.get_by_label(&row);
    harness.state_mut().screen = limber::ui::command::Screen::Today;
    harness.run_steps(2);

    // Snoozed: ten minutes later; "Not now": one interval later.
    advance(&mut harness, &fixture.clock, 45);
    assert!(line_shown(&harness));
    harness.get_by_label("Snooze 10 min").click();
    harness.run_steps(2);
    assert!(!line_shown(&harness));
    advance(&mut harness, &fixture.clock, 9);
    assert!(!line_shown(&harness));
    advance(&mut harness, &fixture.clock, 1);
    assert!(line_shown(&harness), "back after ten minutes");
    harness.get_by_label("Not now").click();
    harness.run_steps(2);
    advance(&mut harness, &fixture.clock, 44);
    assert!(!line_shown(&harness));
    advance(&mut harness, &fixture.clock, 1);
    assert!(line_shown(&harness), "back one interval later");
}

#[test]
fn a_notifications_start_break_runs_the_break_and_counts() {
    let (mut harness, fixture) = with_breaks_on();
    advance(&mut harness, &fixture.clock, 45);
    assert!(line_shown(&harness));
    // What the notification's thread sends when its "Start break" is clicked.
    harness
        .state()
        .breaks
        .action_sender
        .send(BreakAction::Start)
        .unwrap();
    harness.run_steps(2);
    do_the_break(&mut harness);
    assert_eq!(shrugs_today(harness.state()), (1, 3));
    assert!(!line_shown(&harness));
}

#[test]
fn no_line_during_a_session_outside_working_hours_or_while_the_screen_is_locked() {
    let (mut harness, fixture) = with_breaks_on();
    harness.get_by_label("Crab pose done").click();
    harness.run_steps(2);
    if harness.query_by_label("Skip this question").is_some() {
        harness.get_by_label("Skip this question").click();
        harness.run_steps(2);
    }
    assert!(harness.state().current_session().is_some());
    advance(&mut harness, &fixture.clock, 50);
    assert!(!line_shown(&harness), "never during a session");
    assert!(harness.state().current_session().is_some());

    // Locked screen (the fake stands in for the system's answer).
    let (mut harness, fixture) = with_breaks_on();
    let quiet = Arc::new(Mutex::new(Quiet {
        locked: true,
        fullscreen: false,
    }));
    harness.state_mut().breaks.quiet = limber::ui::quiet::QuietWatch::shared(Arc::clone(&quiet));
    advance(&mut harness, &fixture.clock, 50);
    assert!(!line_shown(&harness), "never while the screen is locked");
    *quiet.lock().unwrap() = Quiet::default();
    advance(&mut harness, &fixture.clock, 1);
    assert!(line_shown(&harness), "once it is unlocked");

    // Working hours 09:00–10:00: a break at 09:45 is fine, none from 10:00 on.
    let (mut harness, fixture) = with_breaks_on();
    harness.state_mut().settings.breaks.until = chrono::NaiveTime::from_hms_opt(10, 0, 0).unwrap();
    advance(&mut harness, &fixture.clock, 45);
    assert!(line_shown(&harness));
    advance(&mut harness, &fixture.clock, 15);
    assert!(!line_shown(&harness), "never outside working hours");

    // Breaks off (the default): never.
    let (mut app, fixture) = common::fresh_app();
    assert!(!app.settings.breaks.on);
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    let mut harness = common::app_harness_sized(app, egui::vec2(1280.0, 1400.0));
    advance(&mut harness, &fixture.clock, 120);
    assert!(!line_shown(&harness));
}

#[test]
fn breaks_are_switched_on_in_settings_by_label() {
    let (app, _fixture) = common::fresh_app();
    let mut harness = common::app_harness_sized(app, egui::vec2(1280.0, 2400.0));
    harness.state_mut().screen = limber::ui::command::Screen::Settings;
    harness.run_steps(2);
    harness
        .get_by_label(limber::ui::settings::BREAKS_SWITCH)
        .click();
    harness.run_steps(2);
    assert!(harness.state().settings.breaks.on);
    harness.get_by_label("Minutes between breaks");
    harness.get_by_label("Working hours from, hour");
    harness.get_by_label("Working hours until, minute");
    harness.get_by_label("Monday to Friday only").click();
    harness.run_steps(2);
    assert!(harness.state().settings.breaks.weekdays_only);
}

#[test]
fn starting_the_routine_during_a_break_ends_it_and_keeps_what_was_done() {
    let (mut harness, fixture) = with_breaks_on();
    advance(&mut harness, &fixture.clock, 45);
    harness.get_by_label("Start break").click();
    harness.run_steps(2);
    harness.get_by_label("Done, next exercise").click();
    harness.run_steps(2);
    harness.get_by_label("Desk break, 2 of 2: Cork screws");
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    assert!(harness.state().breaks.run.is_none(), "the break ended");
    assert!(
        harness
            .query_by_label("Desk break, 2 of 2: Cork screws")
            .is_none()
    );
    let breaks: Vec<_> = harness
        .state()
        .log()
        .sessions()
        .iter()
        .filter(|s| s.is_break())
        .collect();
    assert_eq!(breaks.len(), 1);
    assert_eq!(
        breaks[0].names_done(),
        "Shrug rotations",
        "only what was done"
    );
    assert_eq!(shrugs_today(harness.state()), (1, 3));
}

fn seconds(harness: &mut Harness<'static, LimberApp>, clock: &ManualClock, secs: u64) {
    clock.advance(Duration::from_secs(secs));
    harness.run_steps(2);
}

/// The seconds left on the break's countdown, read as a screen reader reads it.
fn time_left(harness: &Harness<'static, LimberApp>) -> String {
    let node = harness.get_by_role(egui::accesskit::Role::Timer);
    node.accesskit_node().label().unwrap_or_default()
}

/// How long the app asked to sleep after the last frame.
fn next_frame_in(harness: &Harness<'static, LimberApp>) -> Duration {
    harness.output().viewport_output[&egui::ViewportId::ROOT].repaint_delay
}

#[test]
fn the_breaks_timer_runs_each_set_pauses_with_space_and_moves_on() {
    let (mut harness, fixture) = with_breaks_on();
    advance(&mut harness, &fixture.clock, 45);
    harness.get_by_label("Start break").click();
    harness.run_steps(2);
    harness.get_by_label("Desk break, 1 of 2: Shrug rotations");
    assert_eq!(
        time_left(&harness),
        "Time left 0:04",
        "the first hold, not started"
    );
    seconds(&mut harness, &fixture.clock, 30);
    assert_eq!(
        time_left(&harness),
        "Time left 0:04",
        "nothing runs until asked"
    );

    let cues_before = harness.state().cues.cues_played;
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    let get_ready = u64::from(harness.state().practice.get_ready_secs);
    seconds(&mut harness, &fixture.clock, get_ready);
    harness.get_by_label("Hold 1 of 8");
    assert_eq!(time_left(&harness), "Time left 0:04");
    seconds(&mut harness, &fixture.clock, 1);
    assert_eq!(time_left(&harness), "Time left 0:03");
    assert!(
        next_frame_in(&harness) <= Duration::from_secs(1),
        "a running countdown asks for the frame of its next second"
    );
    assert!(
        harness.state().cues.cues_played >= cues_before + 2,
        "a cue for the get-ready and one for the first hold"
    );

    // Space pauses: the countdown stands still however long the pause; Space again resumes.
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Resume");
    seconds(&mut harness, &fixture.clock, 120);
    assert_eq!(time_left(&harness), "Time left 0:03", "paused");
    assert!(
        next_frame_in(&harness) >= Duration::from_mins(1),
        "a paused countdown asks for no frames"
    );
    harness.get_by_label("Desk break, 1 of 2: Shrug rotations");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Pause");
    seconds(&mut harness, &fixture.clock, 3);
    harness.get_by_label("Hold 2 of 8");

    // The rest of the set (7 holds of 4 s): the next exercise comes up, its timer running
    // after a short move.
    for _ in 0..7 {
        seconds(&mut harness, &fixture.clock, 4);
    }
    harness.get_by_label("Desk break, 2 of 2: Cork screws");
    harness.get_by_label("Pause");
    assert_eq!(
        time_left(&harness),
        format!("Time left 0:{:02}", limber::ui::app::TRANSITION_SECS)
    );
    assert!(
        harness.state().log().sessions().is_empty(),
        "nothing saved while the break runs"
    );
    // Cork screws: 5 holds of 5 s a side and the switch between; then the break waits.
    for _ in 0..20 {
        seconds(&mut harness, &fixture.clock, 5);
    }
    harness.get_by_label("Finished \u{b7} well done");
    harness.get_by_label("Desk break, 2 of 2: Cork screws");
    harness.get_by_label("Done, finish break").click();
    harness.run_steps(2);
    assert_eq!(shrugs_today(harness.state()), (1, 3), "one dose of shrugs");
    let sessions = harness.state().log().sessions();
    assert_eq!(sessions.len(), 1);
    assert!(
        sessions[0].is_break(),
        "saved as a break, never a routine session"
    );
    assert_eq!(sessions[0].names_done(), "Shrug rotations, Cork screws");
    assert!(harness.state().breaks.run.is_none());
    assert!(
        harness
            .query_by_role(egui::accesskit::Role::Timer)
            .is_none()
    );
}
