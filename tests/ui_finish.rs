//! The short finish and the calm end (issue 28, item 7): the finish form fits a 1024 × 600
//! window when nothing hurt, only "Yes" opens the per-exercise grid, and after "Save session"
//! an end card says what was saved and stays until the person moves on.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use limber::core::session::{Hurt, PainScore};
use limber::ui::app::LimberApp;
use limber::ui::command::Screen;

use common::Fixture;

/// The app at 1024 × 600 on a fresh folder, past the first-start notice, with the weekly
/// check-in due unless put off.
fn harness(check_in: bool) -> (Harness<'static, LimberApp>, Fixture) {
    let (mut app, fixture) = common::fresh_app();
    if !check_in {
        app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    }
    let mut harness = common::app_harness_sized(app, egui::vec2(1024.0, 600.0));
    harness.run_steps(2);
    (harness, fixture)
}

/// Ticks the first exercise done (answering the pain question with 5) and opens the finish
/// form; returns the exercise's id and name.
fn open_finish_form(harness: &mut Harness<'static, LimberApp>) -> (String, String) {
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness
        .get_by_label(&format!("{} done", exercise.name))
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Pain before 5").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Finish session").click_accesskit();
    // The form fades in over a few frames.
    harness.run_steps(10);
    (exercise.id, exercise.name)
}

fn inside_window(harness: &Harness<'static, LimberApp>, label: &str) {
    let rect = harness.get_by_label(label).rect();
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 600.0));
    assert!(
        window.contains_rect(rect),
        "{label} at {rect:?} is outside the 1024 × 600 window"
    );
}

#[test]
fn with_nothing_hurt_the_finish_form_fits_a_1024_by_600_window() {
    let (mut harness, _fixture) = harness(false);
    let (_, name) = open_finish_form(&mut harness);
    harness.get_by_label("Did anything hurt?");
    let no = harness.get_by_label("Did anything hurt? No");
    assert!(no.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
    // Only "Yes" opens the grid and the rest.
    assert!(
        harness
            .query_by_label(&format!("{name}: Hurt a little"))
            .is_none()
    );
    assert!(harness.query_by_label("Stiffness").is_none());
    for label in [
        "Pain after 0",
        "Pain after 10",
        "Did anything hurt? Yes",
        "Save session",
        "Not yet",
    ] {
        inside_window(&harness, label);
    }
}

#[test]
fn yes_opens_a_grid_of_this_sessions_exercises_and_their_hurt_marks() {
    let (mut harness, _fixture) = harness(false);
    let (id, name) = open_finish_form(&mut harness);
    let other = harness
        .state()
        .routine
        .enabled()
        .nth(1)
        .unwrap()
        .name
        .clone();
    harness
        .get_by_label("Did anything hurt? Yes")
        .click_accesskit();
    harness.run_steps(2);
    for choice in ["No pain", "Hurt a little", "Stopped: pain"] {
        harness.get_by_label(&format!("{name}: {choice}"));
    }
    // Only the exercises done in this session are listed.
    assert!(
        harness
            .query_by_label(&format!("{other}: Hurt a little"))
            .is_none()
    );
    // The columns are fixed: each choice sits right of the one before, on the name's row.
    let little = harness
        .get_by_label(&format!("{name}: Hurt a little"))
        .rect();
    let stopped = harness
        .get_by_label(&format!("{name}: Stopped: pain"))
        .rect();
    assert!(
        stopped.left() > little.right() && (stopped.center().y - little.center().y).abs() < 2.0
    );
    harness
        .get_by_label(&format!("{name}: Hurt a little"))
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Save session").click_accesskit();
    harness.run_steps(2);
    let session = harness.state().log().sessions().last().unwrap().clone();
    assert_eq!(session.record(&id).unwrap().hurt, Some(Hurt::ALittle));
}

#[test]
fn a_hurt_mark_given_during_the_session_is_shown_and_saved_as_before() {
    let (mut harness, _fixture) = harness(false);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness
        .get_by_label(&format!("{} done", exercise.name))
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click_accesskit();
    harness.run_steps(2);
    // A mark given while exercising (as the card's "it hurt" choice records it).
    let id = harness.state().practice.current.clone().unwrap();
    {
        let app = harness.state_mut();
        let mut session = app.log().session(&id).unwrap().clone();
        let record = session
            .exercises
            .iter_mut()
            .find(|r| *r.exercise_id == *exercise.id)
            .unwrap();
        record.hurt = Some(Hurt::Stopped);
        let now = app.now();
        let change = limber::core::journal::Change::PutSession(session);
        let applied = app.journal.apply(change, now).unwrap();
        assert_eq!(applied.dates, [now.local_date()]);
    }
    // Through the journal the change is seen at once, and Today offers the progress
    // questions (a write to the old public list left that cache stale); put off, they wait.
    harness.run_steps(2);
    harness.get_by_label("Not now").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Finish session").click_accesskit();
    harness.run_steps(10);
    let yes = harness.get_by_label("Did anything hurt? Yes");
    assert!(yes.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
    let label = format!("{}: Stopped: pain", exercise.name);
    let stopped = harness.get_by_label(&label);
    assert!(stopped.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
    harness.get_by_label("Save session").click_accesskit();
    harness.run_steps(2);
    let app = harness.state();
    let session = app.log().sessions().iter().find(|s| s.id == id).unwrap();
    assert_eq!(
        session.record(&exercise.id).unwrap().hurt,
        Some(Hurt::Stopped)
    );
    assert!(session.ended_at.is_some());
}

#[test]
fn after_saving_the_end_card_says_what_was_saved_and_stays() {
    let (mut harness, fixture) = harness(true);
    open_finish_form(&mut harness);
    // Nothing is offered while the finish form is up.
    assert!(harness.query_by_label("Weekly check-in").is_none());
    assert!(
        harness
            .query_by_label("Time for your progress questions")
            .is_none()
    );
    harness.get_by_label("Pain after 3").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Save session").click_accesskit();
    harness.run_steps(10);
    harness.get_by_label("Session saved");
    harness.get_by_label("1 exercise \u{b7} pain 5 \u{2192} 3");
    let app = harness.state();
    assert!(app.dialogs.finish_form.is_none() && app.practice.current.is_none());
    assert_eq!(
        app.log().sessions().last().unwrap().pain_after,
        PainScore::new(3)
    );
    // The end comes first: the weekly check-in (due) waits while the card is up.
    assert!(harness.query_by_label("Weekly check-in").is_none());
    // No timed disappearance.
    fixture.clock.advance(Duration::from_mins(10));
    harness.run_steps(4);
    harness.get_by_label("Session saved");
    // "Done" closes it, and the offer comes back.
    harness.get_by_label("Done").click_accesskit();
    harness.run_steps(10);
    assert!(harness.query_by_label("Session saved").is_none());
    assert!(harness.state().dialogs.end_card.is_none());
    harness.get_by_label("Weekly check-in");
    // One offer at a time: the questions wait for the check-in.
    assert!(
        harness
            .query_by_label("Time for your progress questions")
            .is_none()
    );
}

#[test]
fn see_progress_on_the_end_card_opens_progress() {
    let (mut harness, _fixture) = harness(false);
    open_finish_form(&mut harness);
    harness.get_by_label("Save session").click_accesskit();
    harness.run_steps(10);
    harness.get_by_label("1 exercise \u{b7} pain 5 \u{2192} \u{2014}");
    harness.get_by_label("See progress").click_accesskit();
    harness.run_steps(10);
    let app = harness.state();
    assert_eq!(app.screen, Screen::Progress);
    assert!(app.dialogs.end_card.is_none());
    assert!(harness.query_by_label("Session saved").is_none());
}
