//! UI tests of the warning signs recorded when they happen, driven by accessible labels:
//! "Something new or worrying?" on a day with no check-in due, the emergency line the moment
//! an emergency sign is ticked there, and the answers "I have seen a doctor about this" and "My
//! doctor knows about this" kept across a restart.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use chrono::{DateTime, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use limber::core::session::{RedFlag, SignAnswer, SignEvent, Urgency};
use limber::ui::app::LimberApp;
use limber::ui::progress::SOMETHING_NEW;

/// The app on `dir` at `at`, in a window tall enough to show the whole "Between sessions"
/// part of Today's checklist column, where "Something new or worrying?" is.
fn open(dir: &std::path::Path, at: DateTime<Utc>, check_in: bool) -> Harness<'static, LimberApp> {
    common::open_sized(dir, at, check_in, egui::vec2(1280.0, 2400.0))
}

fn morning(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, day, 8, 0, 0).unwrap()
}

/// Opens "Something new or worrying?" on Today, ticks `flags` and saves them.
fn report(harness: &mut Harness<'static, LimberApp>, flags: &[RedFlag]) {
    harness.get_by_label(SOMETHING_NEW).click();
    // A dialog takes a few frames to settle at its size.
    harness.run_steps(6);
    for flag in flags {
        harness.get_by_label(flag.label()).click();
        harness.run_steps(4);
    }
    harness.get_by_label("Save what I ticked").click();
    harness.run_steps(2);
}

#[test]
fn an_emergency_sign_ticked_from_something_new_shows_the_emergency_line_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    let title = Urgency::Emergency.title();
    assert!(harness.query_by_label(title).is_none());
    harness.get_by_label(SOMETHING_NEW).click();
    // A dialog takes a few frames to settle at its size.
    harness.run_steps(6);
    harness
        .get_by_label(RedFlag::ChestPainOrBreathlessness.label())
        .click();
    harness.run_steps(4);
    // At once: ticked, not yet saved.
    harness.get_by_label(title);
    assert!(harness.state().log().sign_records().is_empty());
    harness.get_by_label("Save what I ticked").click();
    harness.run_steps(2);
    let records = harness.state().log().sign_records();
    assert_eq!(records.len(), 1);
    assert_eq!(
        records[0].event,
        SignEvent::Reported(vec![RedFlag::ChestPainOrBreathlessness])
    );
    // The dialog is closed and the emergency prompt stays on Today, with no way to hide it.
    harness.get_by_label(title);
    harness.get_by_label(SignAnswer::SeenDoctor.button());
    assert!(harness.query_by_label("Hide this message").is_none());
}

#[test]
fn something_new_works_on_a_day_with_no_check_in_due() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(25), false);
    // The weekly check-in is not offered today.
    assert!(
        harness
            .query_by_label("Answer the weekly check-in")
            .is_none()
    );
    // Nothing ticked: nothing to save.
    harness.get_by_label(SOMETHING_NEW).click();
    harness.run_steps(6);
    assert!(
        harness
            .get_by_label("Save what I ticked")
            .accesskit_node()
            .is_disabled()
    );
    harness
        .get_by_label(RedFlag::FeverAndChills.label())
        .click();
    harness.run_steps(4);
    harness.get_by_label("Save what I ticked").click();
    harness.run_steps(2);
    let log = harness.state().log();
    assert!(log.check_ins().is_empty(), "not a weekly check-in");
    assert_eq!(log.sign_records().len(), 1);
    assert_eq!(
        log.sign_records()[0].local_date,
        harness.state().now().local_date()
    );
    harness.get_by_label(Urgency::Urgent.title());
    harness.get_by_label_contains(RedFlag::FeverAndChills.label());
}

#[test]
fn seen_a_doctor_and_my_doctor_knows_are_kept_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open(dir.path(), morning(24), false);
    report(
        &mut harness,
        &[RedFlag::RiskHistory, RedFlag::FeverAndChills],
    );
    // One prompt, the most urgent sign first, an answer for each sign.
    harness.get_by_label(Urgency::Urgent.title());
    let seen = SignAnswer::SeenDoctor.button();
    assert_eq!(harness.get_all_by_label(seen).count(), 2);
    harness.get_all_by_label(seen).next().unwrap().click();
    harness.run_steps(2);
    harness
        .get_by_label(SignAnswer::DoctorKnows.button())
        .click();
    harness.run_steps(2);
    assert!(harness.query_by_label(seen).is_none(), "both answered");
    assert!(harness.state().flush());
    drop(harness);

    // The next day, with the weekly check-in due.
    let mut harness = open(dir.path(), morning(25), true);
    let answers: Vec<SignEvent> = harness
        .state()
        .log()
        .sign_records()
        .iter()
        .map(|r| r.event.clone())
        .collect();
    assert_eq!(
        answers[1..],
        [
            SignEvent::Answered(RedFlag::FeverAndChills, SignAnswer::SeenDoctor),
            SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
        ]
    );
    assert!(
        harness.query_by_label(seen).is_none(),
        "no prompt comes back"
    );
    assert!(harness.query_by_label(Urgency::Urgent.title()).is_none());
    // The weekly check-in lists the history item as answered, and does not ask about it.
    harness.get_by_label("Answer the weekly check-in").click();
    harness.run_steps(6);
    harness.get_by_label_contains("your doctor knows about this (you said so on 24 November 2026)");
    assert!(
        harness
            .query_by_label(RedFlag::RiskHistory.label())
            .is_none()
    );
    harness.get_by_label(RedFlag::FeverAndChills.label());
}
