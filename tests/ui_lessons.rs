//! Short lessons: one offered on Today through the queue of offers, never a second the same
//! day nor while a session is open, and every lesson readable under About.
mod common;

use chrono::{TimeZone as _, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::lessons::LESSONS;
use limber::ui::app::LimberApp;
use limber::ui::command::Screen;

/// The app on `dir` at `at`, the check-in and the progress questions put off, so the lesson
/// is the offer due.
fn open(dir: &std::path::Path, at: chrono::DateTime<Utc>) -> Harness<'static, LimberApp> {
    let mut harness = common::open_sized(dir, at, false, egui::vec2(1280.0, 1800.0));
    harness.state_mut().settings.measures_not_now_until =
        Some(at.date_naive() + chrono::Days::new(60));
    harness.run_steps(2);
    harness
}

fn offered(harness: &Harness<'static, LimberApp>, index: usize) -> bool {
    let title = format!("A short lesson: {}", LESSONS[index].title);
    harness.query_by_label(&title).is_some()
}

#[test]
fn a_lesson_is_offered_once_a_day_outside_sessions_and_readable_under_about() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let day_one = Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap();
    let mut harness = open(dir.path(), day_one);
    assert!(offered(&harness, 0), "the first lesson is offered");
    assert!(
        harness.query_by_label(LESSONS[0].text).is_none(),
        "one line until the person opens it"
    );
    harness.get_by_label(limber::ui::lessons::READ_IT).click();
    harness.run_steps(2);
    harness.get_by_label(LESSONS[0].text);
    harness.get_by_label("Got it").click();
    harness.run_steps(2);
    assert!(!offered(&harness, 0) && !offered(&harness, 1), "one a day");
    assert!(
        harness
            .state()
            .dismissals
            .lessons_read
            .contains(LESSONS[0].id)
    );

    // Under About, every lesson can be read any time.
    harness.state_mut().screen = Screen::About;
    harness.run_steps(2);
    harness.get_by_label("Short lessons");
    harness.get_by_label(LESSONS[3].title).click();
    harness.run_steps(2);
    harness.get_by_label(LESSONS[3].text);
    assert!(harness.state().flush());
    drop(harness);

    // The next day the second lesson comes, until a session opens.
    let day_two = day_one + chrono::TimeDelta::days(1);
    let mut harness = open(dir.path(), day_two);
    assert!(offered(&harness, 1), "the next lesson, the next day");
    harness.get_by_label("Crab pose done").click();
    harness.run_steps(2);
    if harness.query_by_label("Skip this question").is_some() {
        harness.get_by_label("Skip this question").click();
        harness.run_steps(2);
    }
    assert!(harness.state().current_session().is_some());
    assert!(!offered(&harness, 1), "never during a session");
}
