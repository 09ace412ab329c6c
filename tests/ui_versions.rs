//! Easier and harder versions on the exercise card: choosing one is a dated record in the log,
//! seen again after a restart, and the days before it keep their version and their adherence.
#![expect(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use chrono::{NaiveDate, TimeZone as _, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::catalog::Version;
use limber::core::figures::{Adherence, Plan, adherence};
use limber::ui::app::LimberApp;

fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// The app on `dir` at `at`, as after a restart, in a window tall enough for the whole
/// checklist and card.
fn open(dir: &std::path::Path, at: chrono::DateTime<Utc>) -> Harness<'static, LimberApp> {
    common::open_sized(dir, at, false, egui::vec2(1280.0, 1800.0))
}

/// Opens the card of the crab pose from the checklist.
fn open_crab_pose(harness: &mut Harness<'static, LimberApp>) {
    harness.get_by_label("Crab pose").click();
    harness.run_steps(2);
}

/// Ticks the crab pose done on the checklist, skipping the pain question if it comes.
fn mark_done(harness: &mut Harness<'static, LimberApp>) {
    harness.get_by_label("Crab pose done").click();
    harness.run_steps(2);
    if harness.query_by_label("Skip this question").is_some() {
        harness.get_by_label("Skip this question").click();
        harness.run_steps(2);
    }
}

/// The adherence of one day, as the figures count it from the app's log and routine.
fn adherence_on(harness: &Harness<'static, LimberApp>, day: NaiveDate) -> Adherence {
    let app = harness.state();
    let plan = Plan::from_versions(app.log(), &app.routine, &[]);
    adherence(app.log(), &plan, day, day)
}

#[test]
fn choosing_harder_on_a_card_is_kept_after_a_restart_and_yesterday_is_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    // Yesterday, 24 November: the crab pose done in its standard version.
    let yesterday = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    let mut harness = open(dir.path(), yesterday);
    open_crab_pose(&mut harness);
    mark_done(&mut harness);
    assert!(harness.state().flush());
    drop(harness);

    // Today: the card says which version is done and offers the others.
    let today = Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap();
    let mut harness = open(dir.path(), today);
    let before = adherence_on(&harness, date(24));
    assert!(before.done > 0, "yesterday counts its dose: {before:?}");
    open_crab_pose(&mut harness);
    harness.get_by_label("Version: Standard");
    assert!(
        harness.query_by_label("Standard").is_none(),
        "already standard"
    );
    harness.get_by_label("Harder").click();
    harness.run_steps(2);
    harness.get_by_label("Version: Harder \u{2014} hips up");
    harness.get_by_label("5 \u{d7} 10 s, Harder");
    harness.get_by_label(
        "Your hips lift off the floor on every hold, so the arms and upper back carry more of \
         your weight.",
    );
    assert!(harness.state().flush());
    drop(harness);

    // After a restart an hour later: still the harder version, with its own steps.
    let mut harness = open(dir.path(), today + chrono::TimeDelta::hours(1));
    open_crab_pose(&mut harness);
    harness.get_by_label("Version: Harder \u{2014} hips up");
    harness.get_by_label(
        "4. Lift your hips off the floor until your body is level like a low table, and keep \
         them there for the hold.",
    );
    harness.get_by_label("Standard");
    let choices = harness.state().log().version_choices().to_vec();
    assert_eq!(choices.len(), 1, "one dated record, not a routine edit");
    assert_eq!(choices[0].local_date, date(25));
    assert_eq!(
        harness.state().routine.version,
        1,
        "the routine itself is unchanged"
    );
    assert_eq!(
        adherence_on(&harness, date(24)),
        before,
        "yesterday is unchanged"
    );

    // Done today, the record says the harder version; yesterday's stays standard.
    mark_done(&mut harness);
    let version_on = |harness: &Harness<'static, LimberApp>, day: NaiveDate| {
        harness
            .state()
            .log()
            .on_date(day)
            .flat_map(|s| &s.exercises)
            .find(|e| &*e.exercise_id == "crab-pose")
            .map(|e| e.version)
    };
    assert_eq!(version_on(&harness, date(25)), Some(Version::HARDER));
    assert_eq!(version_on(&harness, date(24)), Some(Version::STANDARD));

    // Back to the standard version: a second record, from today on.
    harness.get_by_label("Standard").click();
    harness.run_steps(2);
    harness.get_by_label("Version: Standard");
    assert_eq!(harness.state().log().version_choices().len(), 2);
}
