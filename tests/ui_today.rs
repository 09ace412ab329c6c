//! UI tests of the Today screen, driven through accessible labels with a manual clock.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::time::Duration;

use chrono::{FixedOffset, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use limber::core::paths::Paths;
use limber::core::session::Completion;
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;

struct Fixture {
    dir: tempfile::TempDir,
    clock: ManualClock,
}

fn harness(acknowledged: bool) -> (Harness<'static, LimberApp>, Fixture) {
    let (app, fixture) = app(acknowledged);
    (common::app_harness(app), fixture)
}

/// The app on a fresh folder at 2026-11-25 09:00 (UTC+1), with the weekly check-in put off.
fn app(acknowledged: bool) -> (LimberApp, Fixture) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    if acknowledged {
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    }
    let clock = ManualClock::new(
        Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap(),
        FixedOffset::east_opt(3600).unwrap(),
    );
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock.clone()),
    });
    // The weekly check-in is put off so that the timer tests see Today as it usually is; the
    // check-in tests offer it again with `check_in_due`.
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    (app, Fixture { dir, clock })
}

/// Offers the weekly check-in again (the harness puts it off).
fn check_in_due(harness: &mut Harness<'static, LimberApp>) {
    harness.state_mut().dismissals.check_in_dismissed_on = None;
    harness.run_steps(2);
}

fn advance(harness: &mut Harness<'static, LimberApp>, clock: &ManualClock, secs: u64) {
    clock.advance(Duration::from_secs(secs));
    harness.run_steps(2);
}

#[test]
fn first_start_shows_the_notice_until_acknowledged() {
    let (mut harness, fixture) = harness(false);
    harness.run_steps(2);
    harness.get_by_label("I understand").click();
    harness.run_steps(2);
    assert!(!harness.state().dialogs.show_notice);
    assert!(harness.state().flush());
    assert!(
        fixture
            .dir
            .path()
            .join("config")
            .join(NOTICE_MARKER)
            .exists()
    );
    assert!(harness.query_by_label("I understand").is_none());
}

#[test]
fn the_notice_shows_the_warning_signs_and_a_stray_enter_does_not_close_it() {
    let (mut harness, _fixture) = harness(false);
    harness.run_steps(2);
    harness.get_by_label(limber::ui::safety::NOTICE_DOSES);
    harness.get_by_label(limber::ui::safety::NOTICE_SIGNS);
    harness.get_by_label("From the article Limber is based on");
    harness.get_by_label("Added from general clinical guidance for upper back pain");
    harness
        .get_by_label_contains(limber::core::session::RedFlag::ChestPainOrBreathlessness.label());
    harness.get_by_label(limber::ui::safety::EMERGENCY);
    // The pain-monitoring model in a line, with the limits in force.
    harness.get_by_label(limber::ui::safety::PAIN_MODEL_INTRO);
    harness.get_by_label_contains("not more than 2 points above your pain before");
    harness.get_by_label_contains("back to its usual level");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert!(
        harness.state().dialogs.show_notice,
        "Enter alone must not close it"
    );
    harness.get_by_label("I understand");
}

/// On a small laptop the first-start notice is taller than the window: its text scrolls, and
/// "I understand" stays inside the window, where it can be pressed.
#[test]
fn the_first_start_notice_keeps_its_button_in_a_small_window() {
    for size in [egui::vec2(1024.0, 600.0), egui::vec2(800.0, 600.0)] {
        let (app, _fixture) = app(false);
        let mut harness = common::app_harness_sized(app, size);
        harness.run_steps(3);
        let rect = harness.get_by_label("I understand").rect();
        assert!(
            rect.min.y >= 0.0 && rect.max.y <= size.y && rect.max.x <= size.x,
            "\u{201c}I understand\u{201d} is outside the {size:?} window at {rect:?}"
        );
        harness.get_by_label("I understand").click();
        harness.run_steps(2);
        assert!(!harness.state().dialogs.show_notice, "{size:?}");
    }
}

#[test]
fn each_card_labels_the_built_in_dose_as_a_starting_point() {
    let (mut harness, _fixture) = harness(true);
    harness.run_steps(2);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness.get_by_label(&exercise.name).click();
    harness.run_steps(2);
    harness.get_by_label(limber::core::catalog::STARTING_DOSE_NOTE);
}

#[test]
fn a_timer_runs_through_its_phases_and_marks_the_exercise_done() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness.get_by_label(&exercise.name).click();
    harness.run_steps(2);
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    // The pain question appears with a new session; skipping it is one click.
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Skip this question").is_none());
    harness.get_by_label("Get ready");
    harness.get_by_label("Time left 0:03");

    advance(&mut harness, &fixture.clock, 3);
    harness.get_by_label("Hold");
    let cues_before = harness.state().cues.cues_played;
    let total = harness
        .state()
        .practice
        .timer
        .as_ref()
        .unwrap()
        .timer
        .total_secs();
    advance(&mut harness, &fixture.clock, total - 3);

    let app = harness.state();
    assert!(
        app.cues.cues_played > cues_before,
        "each phase change gives a cue"
    );
    assert!(app.done_today(&exercise.id));
    let session = app.current_session().unwrap();
    let record = session.record(&exercise.id).unwrap();
    assert_eq!(record.completion, Completion::Done);
    assert_eq!(session.pain_before, None);
    harness.get_by_label("Finished \u{b7} well done");
    let label = format!("{} done", exercise.name);
    let checkbox = harness.get_by_label(&label);
    assert_eq!(
        checkbox.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

#[test]
fn space_pauses_and_resumes_the_timer() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let name = harness
        .state()
        .routine
        .enabled()
        .next()
        .unwrap()
        .name
        .clone();
    harness.get_by_label(&name).click();
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Pain before 4").click();
    harness.run_steps(2);
    assert_eq!(
        harness
            .state()
            .current_session()
            .unwrap()
            .pain_before
            .map(limber::core::session::PainScore::value),
        Some(4)
    );
    advance(&mut harness, &fixture.clock, 1);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_paused()
    );
    advance(&mut harness, &fixture.clock, 600);
    harness.get_by_label("Time left 0:02");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_running()
    );
}

#[test]
fn guided_session_goes_from_the_first_exercise_to_the_last() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let ids: Vec<String> = harness
        .state()
        .routine
        .enabled()
        .map(|e| e.id.clone())
        .collect();
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Pain before 5").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Space start/pause");
    for (index, id) in ids.iter().enumerate() {
        // The guided layout's header: "2 of 11 · Shrug rotations" ("2 of 11 · Next: …" in
        // the get-ready).
        let header = format!("{} of {} \u{b7} ", index + 1, ids.len());
        assert!(
            harness
                .query_all_by(|node| node.value().is_some_and(|l| l.starts_with(&header)))
                .next()
                .is_some(),
            "no header {header}"
        );
        assert_eq!(harness.state().selected.as_deref(), Some(id.as_str()));
        let total = harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .total_secs();
        advance(&mut harness, &fixture.clock, total);
    }
    // After the last exercise the end-of-session form opens.
    harness.get_by_label("How did it go?");
    harness.run_steps(2);
    harness.get_by_label("Pain after 2").click_accesskit();
    harness.run_steps(2);
    // The symptoms open under "Did anything hurt? Yes".
    harness.get_by_label("Did anything hurt? Yes").click();
    harness.run_steps(2);
    harness.get_by_label("Stiffness").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Save session").click();
    harness.run_steps(2);
    let app = harness.state();
    assert!(app.practice.current.is_none());
    let session = app.log().sessions().last().unwrap();
    assert_eq!(
        session
            .pain_before
            .map(limber::core::session::PainScore::value),
        Some(5)
    );
    assert_eq!(
        session
            .pain_after
            .map(limber::core::session::PainScore::value),
        Some(2)
    );
    assert_eq!(
        session.symptoms,
        vec![limber::core::session::Symptom::Stiffness]
    );
    assert!(session.ended_at.is_some());
    for id in &ids {
        assert_eq!(
            session.record(id).unwrap().completion,
            Completion::Done,
            "{id}"
        );
    }
    // The saver thread writes the session's month; a flush (as at quit) waits for it.
    assert!(app.flush());
    let month = limber::core::store::Month::of(session.local_date);
    let saved = std::fs::read_to_string(
        fixture
            .dir
            .path()
            .join("data")
            .join("log")
            .join(month.file_name()),
    )
    .unwrap();
    assert!(saved.contains(&session.id.0));
}

#[test]
fn guided_keys_move_between_exercises_and_escape_leaves() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let ids: Vec<String> = harness
        .state()
        .routine
        .enabled()
        .map(|e| e.id.clone())
        .collect();
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    if ids.len() > 1 {
        harness.key_press(egui::Key::ArrowRight);
        harness.run_steps(2);
        assert_eq!(harness.state().selected.as_deref(), Some(ids[1].as_str()));
        harness.key_press(egui::Key::ArrowLeft);
        harness.run_steps(2);
        assert_eq!(harness.state().selected.as_deref(), Some(ids[0].as_str()));
    }
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert!(harness.state().done_today(&ids[0]));
    advance(&mut harness, &fixture.clock, 1);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().practice.guided.is_none());
}

#[test]
fn high_pain_before_brings_a_calm_line_before_starting_and_six_does_not() {
    let title = "Your pain is high before you start";
    for (before, shown) in [(6, false), (7, true)] {
        let (mut harness, _fixture) = harness(true);
        harness.run_steps(2);
        let exercise = harness.state().routine.enabled().next().unwrap().clone();
        harness.get_by_label(&exercise.name).click();
        harness.run_steps(2);
        harness.get_by_label("Start timer").click();
        harness.run_steps(2);
        harness
            .get_by_label(&format!("Pain before {before}"))
            .click();
        harness.run_steps(2);
        assert_eq!(harness.query_by_label(title).is_some(), shown, "{before}");
        let running = harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_running();
        assert_eq!(running, !shown, "a high rating holds the timer");
        if !shown {
            continue;
        }
        harness.get_by_label_contains("A gentler session today");
        harness
            .get_by_label("Warning signs: when to see a doctor")
            .click();
        harness.run_steps(2);
        harness.get_by_label_contains(
            limber::core::session::RedFlag::ChestPainOrBreathlessness.label(),
        );
        // Once an exercise is done, the session has started: the line goes.
        harness
            .get_by_label(&format!("{} done", exercise.name))
            .click_accesskit();
        harness.run_steps(2);
        assert!(harness.state().done_today(&exercise.id));
        let s = harness.state().current_session().unwrap().clone();
        assert!(harness.query_by_label(title).is_none(), "{s:?}");
    }
}

#[test]
fn the_finish_form_shows_what_each_symptom_means() {
    use limber::core::session::Symptom;
    let (mut harness, _fixture) = harness(true);
    harness.run_steps(2);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness
        .get_by_label(&format!("{} done", exercise.name))
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    harness.get_by_label("Finish session").click_accesskit();
    // The form fades in over a few frames.
    harness.run_steps(10);
    harness.get_by_label("How did it go?");
    harness
        .get_by_label("Did anything hurt? Yes")
        .click_accesskit();
    harness.run_steps(2);
    for symptom in Symptom::ALL {
        harness.get_by_label(symptom.meaning());
    }
    // Discomfort is the article's "all of the above, plus pain".
    assert!(Symptom::Discomfort.meaning().ends_with("plus pain"));
    harness.get_by_label("Discomfort").click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Save session").click_accesskit();
    harness.run_steps(2);
    let app = harness.state();
    let session = app.log().sessions().last().unwrap();
    assert_eq!(session.symptoms, vec![Symptom::Discomfort]);
}

#[test]
fn the_weekly_check_in_is_offered_on_today_and_progress_agrees() {
    use limber::core::session::RedFlag;
    let (mut harness, _fixture) = harness(true);
    check_in_due(&mut harness);
    harness.get_by_label("Weekly check-in");
    harness.get_by_label("Answer the weekly check-in").click();
    // The check-in opens as a dialog (drawn from its second frame).
    harness.run_steps(3);
    harness
        .get_by_label(RedFlag::FeverAndChills.label())
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Save my answers").click_accesskit();
    harness.run_steps(2);
    let check_ins = harness.state().log().check_ins();
    assert_eq!(check_ins.len(), 1);
    assert_eq!(check_ins[0].flags, vec![RedFlag::FeverAndChills]);
    // Answered: gone from Today, and the doctor prompt follows there.
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("See a doctor today or tomorrow");
    // Progress agrees: no check-in due, the same doctor prompt.
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("See a doctor today or tomorrow");
}

/// Day one, as it really is (nothing put off): after "I understand" Today offers one thing, the
/// baseline questions; the first check-in waits a week, with no answer recorded for it; and
/// after "Not now" no other offer takes the place.
#[test]
fn the_first_day_offers_only_the_baseline_questions() {
    let (mut app, _fixture) = app(false);
    app.dismissals.check_in_dismissed_on = None;
    let mut harness = common::app_harness(app);
    harness.run_steps(2);
    // Nothing is offered behind the notice.
    assert!(harness.query_by_label("Weekly check-in").is_none());
    harness.get_by_label("I understand").click();
    harness.run_steps(2);
    harness.get_by_label("Time for your progress questions");
    assert!(harness.query_by_label("Weekly check-in").is_none());
    assert!(
        harness
            .query_by_label("Answer the weekly check-in")
            .is_none()
    );
    let app = harness.state();
    assert!(
        app.log().check_ins().is_empty(),
        "no answer the person did not give"
    );
    assert_eq!(
        app.dismissals.check_in_dismissed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    harness.get_by_label("Not now").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Time for your progress questions")
            .is_none()
    );
    assert!(harness.query_by_label("Weekly check-in").is_none());
}

/// An offer is one slim line (issue 28, item 4: "a one-line chip"): its name, its words and its
/// buttons share one row at 1024 px (the banner of three lines took 145 px of a 1024 × 600
/// window).
#[test]
fn an_offer_is_one_line() {
    let (mut app, _fixture) = app(true);
    app.dismissals.check_in_dismissed_on = None;
    let mut harness = common::app_harness_sized(app, egui::vec2(1024.0, 600.0));
    harness.run_steps(2);
    let title = harness.get_by_label("Weekly check-in").rect();
    let answer = harness.get_by_label("Answer the weekly check-in").rect();
    let not_now = harness.get_by_label("Not this week").rect();
    for button in [answer, not_now] {
        assert!(
            button.top() < title.bottom() && title.top() < button.bottom(),
            "{title:?} and {button:?} are on different rows"
        );
    }
    assert!(
        answer.bottom() - title.top() < 60.0,
        "{title:?} {answer:?}: more than a slim line"
    );
}

/// With the check-in and the questions both due, Today offers the check-in alone; once it is
/// put off, the questions take their turn.
#[test]
fn one_offer_at_a_time_the_check_in_first() {
    let (mut harness, _fixture) = harness(true);
    check_in_due(&mut harness);
    harness.get_by_label("Answer the weekly check-in");
    assert!(harness.query_by_label("Answer the questions").is_none());
    harness
        .get_by_label(limber::ui::progress::CHECK_IN_NOT_NOW)
        .click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("Answer the weekly check-in")
            .is_none()
    );
    harness.get_by_label("Answer the questions");
}

#[test]
fn putting_the_check_in_off_on_today_puts_it_off_on_progress_too() {
    let (mut harness, _fixture) = harness(true);
    check_in_due(&mut harness);
    harness
        .get_by_label(limber::ui::progress::CHECK_IN_NOT_NOW)
        .click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Weekly check-in").is_none());
    assert_eq!(
        harness.state().dismissals.check_in_dismissed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
    );
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Weekly check-in").is_none());
}

/// A window on `dir` at `at`, as after a restart.
fn reopened(dir: &std::path::Path, at: chrono::DateTime<Utc>) -> Harness<'static, LimberApp> {
    common::open(dir, at, false)
}

#[test]
fn a_restart_within_two_hours_continues_the_session_and_a_later_one_closes_it() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness.get_by_label(&exercise.name).click();
    harness.run_steps(2);
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    let first = harness.state().current_session().unwrap().id.clone();
    assert!(harness.state().flush());
    drop(harness);

    // 30 minutes later: the same session goes on, and it is the only one.
    let start = Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap();
    let mut harness = reopened(fixture.dir.path(), start + chrono::TimeDelta::minutes(30));
    assert_eq!(
        harness.state().current_session().map(|s| s.id.clone()),
        Some(first.clone())
    );
    harness.get_by_label(&exercise.name).click();
    harness.run_steps(2);
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Skip this question").is_none(),
        "a continued session does not ask the pain question again"
    );
    assert_eq!(harness.state().log().sessions().len(), 1);
    assert!(harness.state().flush());
    drop(harness);

    // Three hours after it started: it is closed, and a timer opens a new session.
    let mut harness = reopened(fixture.dir.path(), start + chrono::TimeDelta::hours(3));
    assert!(harness.state().current_session().is_none());
    let old = harness
        .state()
        .log()
        .sessions()
        .iter()
        .find(|s| s.id == first)
        .unwrap();
    assert_eq!(
        old.ended_at,
        Some(old.started_at),
        "closed, no longer in progress"
    );
    harness.get_by_label(&exercise.name).click();
    harness.run_steps(2);
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    harness.get_by_label("Skip this question");
    assert_eq!(harness.state().log().sessions().len(), 2);
    assert!(
        harness.query_all_by_label_contains("(in progress)").count() <= 1,
        "at most one session is in progress"
    );
}

#[test]
fn the_sound_button_in_the_top_bar_is_saved_like_the_setting() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    harness.get_by_label("Sound on").click();
    harness.run_steps(2);
    harness.get_by_label("Sound off");
    assert!(!harness.state().settings.sound_on);
    assert!(harness.state().flush());
    let file = Paths::under(fixture.dir.path()).settings_file();
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("sound_on: false"), "{saved}");
    drop(harness);
    let harness = reopened(
        fixture.dir.path(),
        Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap(),
    );
    assert!(harness.state().cues.muted, "still off after a restart");
    harness.get_by_label("Sound off");
}

/// Presses Tab until the widget labelled `label` has keyboard focus, as a person without a mouse
/// would; fails when it is never reached.
fn tab_to(harness: &mut Harness<'static, LimberApp>, label: &str) {
    for _ in 0..80 {
        if harness.get_by_label(label).is_focused() {
            return;
        }
        harness.key_press(egui::Key::Tab);
        harness.run_steps(2);
    }
    panic!("Tab never reached {label:?}");
}

/// Space or Enter on a focused button presses that button only: the guided routine's Space and
/// Enter shortcuts stay quiet while a widget has focus, and the first Escape only drops the
/// focus. Then the whole routine, the end form and the save, with the keyboard alone.
#[test]
#[expect(
    clippy::too_many_lines,
    reason = "one keyboard-only walk through the whole routine"
)]
fn guided_routine_runs_with_the_keyboard_alone() {
    let (mut harness, _fixture) = harness(true);
    harness.run_steps(2);
    let ids: Vec<String> = harness
        .state()
        .routine
        .enabled()
        .map(|e| e.id.clone())
        .collect();
    assert!(ids.len() >= 3);

    tab_to(&mut harness, "Start routine");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert!(harness.state().practice.guided.is_some());
    assert!(
        !harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_running(),
        "the pain question comes first"
    );

    // Space on a focused pain button picks the score, and the get-ready begins.
    tab_to(&mut harness, "Pain before 3");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    let session = harness.state().current_session().unwrap();
    assert_eq!(
        session
            .pain_before
            .map(limber::core::session::PainScore::value),
        Some(3)
    );
    assert!(
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_running()
    );

    // Enter on a focused "Next" moves on by one and does not mark the first exercise done.
    tab_to(&mut harness, "Next");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    assert_eq!(harness.state().selected.as_deref(), Some(ids[1].as_str()));
    assert!(!harness.state().done_today(&ids[0]));

    // Space on a focused "Pause" pauses (once, not paused and resumed again).
    tab_to(&mut harness, "Pause");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_paused()
    );

    // The first Escape drops the focus and stays in the routine; then the shortcuts work again.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().practice.guided.is_some());
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .unwrap()
            .timer
            .is_running()
    );

    // The focused "Done" marks this exercise done and moves to the next.
    tab_to(&mut harness, "Done");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.state().done_today(&ids[1]));
    assert_eq!(harness.state().selected.as_deref(), Some(ids[2].as_str()));

    // Enter (no focus) marks the rest done, one by one, up to the end-of-session form.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    for _ in 2..ids.len() {
        harness.key_press(egui::Key::Enter);
        harness.run_steps(2);
    }
    assert!(harness.state().practice.guided.is_none());
    harness.get_by_label("How did it go?");
    tab_to(&mut harness, "Pain after 2");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    tab_to(&mut harness, "Save session");
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);

    let app = harness.state();
    assert!(app.dialogs.finish_form.is_none() && app.practice.current.is_none());
    let session = app.log().sessions().last().unwrap();
    assert_eq!(
        session
            .pain_after
            .map(limber::core::session::PainScore::value),
        Some(2)
    );
    assert!(session.record(&ids[0]).is_none());
    for id in &ids[1..] {
        assert_eq!(
            session.record(id).unwrap().completion,
            Completion::Done,
            "{id}"
        );
    }
}

/// A long History is drawn a screenful at a time, yet Tab reaches an entry far below the first
/// screen, and the focused entry is scrolled into the window where it can be seen.
#[test]
fn tab_reaches_a_history_entry_below_the_fold_and_shows_it() {
    let (mut harness, _fixture) = harness(true);
    let routine = harness.state().routine.clone();
    let end = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let mut log = limber::core::sample::generate_log(1, 7, end, &routine);
    // The sample's notes are in many scripts; the test fonts cover Latin only.
    log.edit_records(|r| {
        for session in &mut r.sessions {
            session.notes.clear();
        }
    });
    harness.state_mut().journal = limber::core::journal::Journal::new(log);
    harness.run_steps(2);
    tab_to(&mut harness, "History");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert_eq!(harness.state().screen, limber::ui::command::Screen::History);

    let sessions = harness.state().log().sessions().to_vec();
    assert!(sessions.len() > 100);
    // The 41st entry, newest first: well below the first screen of about 15 rows.
    let target = limber::ui::history::row_text(&sessions[sessions.len() - 41]);
    assert!(harness.query_all_by_label(&target).next().is_none());
    let mut reached = None;
    for _ in 0..120 {
        harness.key_press(egui::Key::Tab);
        harness.run_steps(2);
        if let Some(node) = harness
            .query_all_by_label(&target)
            .find(egui_kittest::Node::is_focused)
        {
            reached = Some(node.rect());
            break;
        }
    }
    let rect = reached.expect("Tab never reached the 41st History entry");
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 800.0,
        "the focused entry is out of sight at {rect:?}"
    );
}

/// On a screen longer than the window, Tab to its last control scrolls it into sight.
#[test]
fn tab_to_the_last_setting_scrolls_it_into_view() {
    let (mut harness, _fixture) = harness(true);
    harness.run_steps(2);
    tab_to(&mut harness, "Settings");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    let before = harness.get_by_label("Open settings folder").rect();
    assert!(
        before.min.y > 800.0,
        "the test needs it below the fold: {before:?}"
    );
    tab_to(&mut harness, "Open settings folder");
    harness.run_steps(2);
    let rect = harness.get_by_label("Open settings folder").rect();
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 800.0,
        "the focused button is out of sight at {rect:?}"
    );
}

#[test]
fn the_n_key_opens_the_notes_for_typing_and_esc_gives_the_shortcuts_back() {
    let (mut harness, _fixture) = harness(true);
    harness.run_steps(2);
    // With no session open there are no notes to go to.
    harness.key_press(egui::Key::N);
    harness.run_steps(2);
    assert!(harness.ctx.memory(egui::Memory::focused).is_none());

    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    // A real keyboard sends the key and its character in the same frame: the character must
    // not end up in the note.
    harness.event(egui::Event::Key {
        key: egui::Key::N,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::Text("n".into()));
    harness.run_steps(2);
    assert!(harness.ctx.memory(egui::Memory::focused).is_some());
    harness.event(egui::Event::Text("Stiff at first".into()));
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert_eq!(
        harness.state().current_session().unwrap().notes,
        "Stiff at first",
        "typed into the notes; the Space key went to the field, not to the timer"
    );
    let running = |h: &Harness<'static, LimberApp>| {
        h.state()
            .practice
            .timer
            .as_ref()
            .is_some_and(|t| t.timer.is_running())
    };
    assert!(
        running(&harness),
        "Space in the notes did not pause the timer"
    );

    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.ctx.memory(egui::Memory::focused).is_none());
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(
        !running(&harness),
        "after Esc, Space pauses the timer again"
    );
}

#[test]
fn offers_wait_while_an_exercise_timer_is_under_way() {
    let (mut harness, _fixture) = harness(true);
    check_in_due(&mut harness);
    harness.get_by_label("Answer the weekly check-in");
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.state().practice.timer.is_some());
    assert!(
        harness
            .query_by_label("Answer the weekly check-in")
            .is_none(),
        "the offer would push the timer down"
    );
    assert!(harness.query_by_label("Answer the questions").is_none());
    // This session's own question still shows.
    harness.get_by_label("Skip this question");
}

/// Where the countdown is on screen, if it is shown.
fn countdown(harness: &Harness<'static, LimberApp>) -> Option<egui::Rect> {
    harness
        .query_by(|node| {
            node.label()
                .is_some_and(|label| label.starts_with("Time left"))
        })
        .map(|node| node.rect())
}

/// The app in an 800 × 600 window, after its first frames.
fn small_window() -> (Harness<'static, LimberApp>, Fixture) {
    let (app, fixture) = app(true);
    let mut harness = common::app_harness_sized(app, egui::vec2(800.0, 600.0));
    harness.run_steps(2);
    (harness, fixture)
}

/// Asserts that the countdown is shown inside the 800 × 600 window.
fn assert_countdown_in_small_window(harness: &Harness<'static, LimberApp>) {
    let rect = countdown(harness).expect("the card shows its countdown");
    assert!(
        rect.min.y >= 0.0 && rect.max.y <= 600.0,
        "the countdown is out of sight at {rect:?}"
    );
}

/// In a small window the card's text pushes the timer below the fold: starting it scrolls the
/// card just far enough to bring the countdown into sight.
#[test]
fn starting_a_timer_in_a_small_window_brings_it_into_sight() {
    let (mut harness, _fixture) = small_window();
    // Through accessibility: the checklist's row itself may lie below the fold.
    harness
        .get_by_label("Upper-back foam roll")
        .click_accesskit();
    harness.run_steps(2);
    let before = countdown(&harness).expect("the card shows its countdown");
    assert!(
        before.max.y > 600.0,
        "the test needs it below the fold: {before:?}"
    );
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    // The pain question comes first; skipping it starts the timer.
    harness.get_by_label("Skip this question").click();
    harness.run_steps(4);
    assert_countdown_in_small_window(&harness);
}

/// The guided routine's card starts its timer after the pain question; in a small window it is
/// scrolled into sight, and again when the routine moves on.
#[test]
fn the_guided_routine_keeps_its_timer_in_sight_in_a_small_window() {
    let (mut harness, _fixture) = small_window();
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Pain before 3").click();
    harness.run_steps(4);
    assert_countdown_in_small_window(&harness);
    harness.key_press(egui::Key::ArrowRight);
    harness.run_steps(4);
    assert_countdown_in_small_window(&harness);
}

/// The label of the countdown ("Time left 0:03"), if it is shown.
fn time_left(harness: &Harness<'static, LimberApp>) -> Option<String> {
    harness
        .query_by(|node| {
            node.label()
                .is_some_and(|label| label.starts_with("Time left"))
        })
        .and_then(|node| node.accesskit_node().label())
}

/// Whether the practice timer has begun (running or paused).
fn timer_begun(harness: &Harness<'static, LimberApp>) -> bool {
    harness
        .state()
        .practice
        .timer
        .as_ref()
        .is_some_and(|t| t.timer.is_running() || t.timer.is_paused())
}

/// Ask first, then start: Start routine shows the pain question and nothing counts down until
/// it is answered; the answer then stays as a quiet line.
#[test]
fn the_get_ready_waits_for_the_pain_question_and_the_answer_stays_as_a_chip() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("How is your back right now?");
    let preview = time_left(&harness).expect("the timer's preview");
    advance(&mut harness, &fixture.clock, 5);
    assert!(!timer_begun(&harness), "nothing runs before the answer");
    assert_eq!(time_left(&harness).as_deref(), Some(preview.as_str()));
    assert!(harness.query_by_label("Pain before: 4").is_none());

    harness.get_by_label("Pain before 4").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("How is your back right now?")
            .is_none()
    );
    assert!(timer_begun(&harness));
    harness.get_by_label("Get ready");
    harness.get_by_label("Pain before: 4");
    advance(&mut harness, &fixture.clock, 1);
    assert_ne!(
        time_left(&harness).as_deref(),
        Some(preview.as_str()),
        "the get-ready counts down"
    );
}

/// Skip is an answer too, and Space (with nothing focused) gives it.
#[test]
fn space_skips_the_pain_question_and_then_the_get_ready_begins() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    harness.get_by_label("Skip this question");
    advance(&mut harness, &fixture.clock, 5);
    assert!(!timer_begun(&harness));
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(harness.query_by_label("Skip this question").is_none());
    assert!(timer_begun(&harness));
    assert_eq!(harness.state().current_session().unwrap().pain_before, None);
}

/// At 8 the calm line and its choices come before anything runs: "Start anyway" starts the
/// get-ready, "Rest today" logs a rest day and runs nothing.
#[test]
fn at_pain_8_start_anyway_is_needed_before_anything_runs() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Pain before 8").click();
    harness.run_steps(2);
    harness.get_by_label("Your pain is high before you start");
    harness.get_by_label("Rest today");
    let preview = time_left(&harness).expect("the timer's preview");
    advance(&mut harness, &fixture.clock, 5);
    harness.key_press(egui::Key::Space);
    harness.run_steps(2);
    assert!(!timer_begun(&harness), "nothing runs before a choice");
    assert_eq!(time_left(&harness).as_deref(), Some(preview.as_str()));
    harness.get_by_label("Start anyway").click();
    harness.run_steps(2);
    assert!(timer_begun(&harness));
    assert!(harness.query_by_label("Start anyway").is_none());
    harness.get_by_label("Pain before: 8");

    let (mut harness, _fixture) = self::harness(true);
    harness.run_steps(2);
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Pain before 8").click();
    harness.run_steps(2);
    harness.get_by_label("Rest today").click();
    harness.run_steps(2);
    let app = harness.state();
    assert!(app.practice.timer.is_none() && app.practice.guided.is_none());
    let rest = app.log().sessions().last().unwrap();
    assert!(rest.is_rest_day());
    assert_eq!(
        rest.pain_before
            .map(limber::core::session::PainScore::value),
        Some(8)
    );
}

/// Asserts that the control labelled `label` lies inside the 800 × 600 window.
fn assert_in_small_window(harness: &Harness<'static, LimberApp>, label: &str) {
    let rect = harness.get_by_label(label).rect();
    assert!(
        rect.min.x >= 0.0 && rect.min.y >= 0.0 && rect.max.x <= 800.0 && rect.max.y <= 600.0,
        "\u{201c}{label}\u{201d} is outside the window at {rect:?}"
    );
}

/// The weekly check-in opens as a dialog whose questions scroll and whose buttons stay inside
/// an 800 × 600 window, where they can be pressed.
#[test]
fn the_check_in_dialog_keeps_its_buttons_in_an_800_by_600_window() {
    use limber::core::session::RedFlag;
    let not_now = limber::ui::progress::CHECK_IN_NOT_NOW;
    let open = || {
        let (mut harness, fixture) = small_window();
        check_in_due(&mut harness);
        harness.get_by_label("Answer the weekly check-in").click();
        harness.run_steps(3);
        harness.get_by_label(limber::ui::progress::CHECK_IN_DIALOG);
        for label in ["None of these apply", not_now, "Close"] {
            assert_in_small_window(&harness, label);
        }
        (harness, fixture)
    };

    let (mut harness, _fixture) = open();
    harness.get_by_label("None of these apply").click();
    harness.run_steps(3);
    assert_eq!(harness.state().log().check_ins().len(), 1);
    assert!(harness.state().log().check_ins()[0].flags.is_empty());
    assert!(harness.query_by_label("None of these apply").is_none());

    let (mut harness, _fixture) = open();
    harness
        .get_by_label(RedFlag::FeverAndChills.label())
        .click_accesskit();
    harness.run_steps(3);
    assert_in_small_window(&harness, "Save my answers");
    harness.get_by_label("Save my answers").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().log().check_ins()[0].flags,
        vec![RedFlag::FeverAndChills]
    );

    let (mut harness, _fixture) = open();
    harness.get_by_label(not_now).click();
    harness.run_steps(3);
    assert!(harness.state().log().check_ins().is_empty());
    assert!(harness.state().dismissals.check_in_dismissed_on.is_some());
    assert!(harness.query_by_label(not_now).is_none());
}

/// A tick made at 23:58 goes into the session then open; after midnight Today still shows it,
/// says which day the session counts for, and "Start a new session for today" closes that
/// session and opens one for the new day.
#[test]
fn after_midnight_today_follows_the_open_session_until_a_new_one_is_started() {
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    // 09:00 → 23:58 on Wednesday 25 November (UTC+1).
    advance(&mut harness, &fixture.clock, 14 * 3600 + 58 * 60);
    let name = harness
        .state()
        .routine
        .enabled()
        .next()
        .unwrap()
        .name
        .clone();
    let total = harness.state().routine.enabled().count();
    let label = format!("{name} done");
    harness.get_by_label(&label).click();
    harness.run_steps(2);
    if harness.query_by_label("Skip this question").is_some() {
        harness.get_by_label("Skip this question").click();
        harness.run_steps(2);
    }
    let ticked = |harness: &Harness<'static, LimberApp>| {
        harness
            .get_by_label(&label)
            .accesskit_node()
            .toggled()
            .is_some_and(|t| t == egui::accesskit::Toggled::True)
    };
    assert!(ticked(&harness));
    assert!(
        harness
            .query_by_label("This session counts for Wednesday 25 November")
            .is_none()
    );

    // 00:03 on Thursday 26 November: the session of the 25th is still open.
    advance(&mut harness, &fixture.clock, 5 * 60);
    assert!(ticked(&harness), "the tick still shows after midnight");
    harness.get_by_label(&format!("1 of {total} done"));
    harness.get_by_label("This session counts for Wednesday 25 November");

    harness
        .get_by_label("Start a new session for today")
        .click();
    harness.run_steps(2);
    let app = harness.state();
    assert_eq!(app.log().sessions().len(), 2, "{:?}", app.log().sessions());
    let (old, new) = (&app.log().sessions()[0], &app.log().sessions()[1]);
    assert_eq!(old.local_date.to_string(), "2026-11-25");
    assert!(old.ended_at.is_some(), "the old session is finished");
    assert_eq!(old.exercises.len(), 1, "with its tick");
    assert_eq!(new.local_date.to_string(), "2026-11-26");
    assert_eq!(app.current_session().map(|s| &s.id), Some(&new.id));
    assert!(!ticked(&harness), "the new day starts empty");
    assert!(
        harness
            .query_by_label_contains("This session counts for")
            .is_none()
    );
    harness.get_by_label(&format!("0 of {total} done"));
}

/// Opens the weekly check-in dialog on Today and ticks `flag` (nothing is saved yet).
fn tick_in_dialog(harness: &mut Harness<'static, LimberApp>, flag: limber::core::session::RedFlag) {
    check_in_due(harness);
    harness.get_by_label("Answer the weekly check-in").click();
    harness.run_steps(3);
    harness.get_by_label(flag.label()).click_accesskit();
    harness.run_steps(2);
}

/// An emergency sign shows "Call your emergency number now" in the dialog itself, before
/// anything is saved, with example numbers; the dialog stays open for the answers.
#[test]
fn ticking_an_emergency_sign_shows_the_emergency_line_at_once() {
    use limber::core::session::{RedFlag, Urgency};
    for flag in [
        RedFlag::ChestPainOrBreathlessness,
        RedFlag::BladderOrBowelTrouble,
    ] {
        let (mut harness, _fixture) = harness(true);
        tick_in_dialog(&mut harness, flag);
        harness.get_by_label("Call your emergency number now");
        harness.get_by_label(Urgency::Emergency.advice());
        assert!(
            harness.state().log().check_ins().is_empty(),
            "not saved yet"
        );
        harness.get_by_label(limber::ui::progress::CHECK_IN_DIALOG);
        harness.get_by_label("Save my answers");
    }
}

/// An urgent sign shows its own words, and not the emergency line.
#[test]
fn ticking_an_urgent_sign_shows_the_urgent_wording() {
    use limber::core::session::{RedFlag, Urgency};
    let (mut harness, _fixture) = harness(true);
    tick_in_dialog(&mut harness, RedFlag::NewLimbWeaknessOrNumbness);
    harness.get_by_label("See a doctor today or tomorrow");
    harness.get_by_label(Urgency::Urgent.advice());
    assert!(
        harness
            .query_by_label("Call your emergency number now")
            .is_none()
    );
    // A sign that only needs an appointment, ticked as well, does not lower the level.
    harness
        .get_by_label(RedFlag::RiskHistory.label())
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("See a doctor today or tomorrow");
    assert!(
        harness
            .query_by_label("Book an appointment with your doctor")
            .is_none()
    );
}

/// Ticking an emergency sign pauses a timer that is running, here from the check-in on
/// Progress while an exercise counts down; an urgent sign leaves it running.
#[test]
fn ticking_an_emergency_sign_pauses_a_running_timer() {
    use limber::core::session::RedFlag;
    let running = |harness: &Harness<'static, LimberApp>| {
        harness
            .state()
            .practice
            .timer
            .as_ref()
            .is_some_and(|t| t.timer.is_running())
    };
    let (mut harness, fixture) = harness(true);
    harness.run_steps(2);
    let name = harness
        .state()
        .routine
        .enabled()
        .next()
        .unwrap()
        .name
        .clone();
    harness.get_by_label(&name).click();
    harness.run_steps(2);
    harness.get_by_label("Start timer").click();
    harness.run_steps(2);
    harness.get_by_label("Skip this question").click();
    harness.run_steps(2);
    advance(&mut harness, &fixture.clock, 1);
    assert!(running(&harness));
    harness.state_mut().dismissals.check_in_dismissed_on = None;
    harness.get_by_label("Progress").click();
    harness.run_steps(3);
    harness
        .get_by_label(RedFlag::FeverAndChills.label())
        .click_accesskit();
    harness.run_steps(2);
    assert!(running(&harness), "an urgent sign leaves the timer alone");
    harness
        .get_by_label(RedFlag::ChestPainOrBreathlessness.label())
        .click_accesskit();
    harness.run_steps(2);
    harness.get_by_label("Call your emergency number now");
    let timer = &harness.state().practice.timer.as_ref().unwrap().timer;
    assert!(timer.is_paused(), "the emergency line pauses the timer");
    assert!(
        harness.state().log().check_ins().is_empty(),
        "not saved yet"
    );
}

/// With the emergency line showing, the dialog's buttons still fit an 800 × 600 window.
#[test]
fn the_emergency_line_keeps_the_check_in_buttons_in_an_800_by_600_window() {
    use limber::core::session::RedFlag;
    let (mut harness, _fixture) = small_window();
    tick_in_dialog(&mut harness, RedFlag::ChestPainOrBreathlessness);
    harness.run_steps(2);
    harness.get_by_label("Call your emergency number now");
    assert_in_small_window(&harness, "Call your emergency number now");
    assert_in_small_window(&harness, "Save my answers");
}
