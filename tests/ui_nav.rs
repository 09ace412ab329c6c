//! UI tests of the top bar: one row at every width from 800 px up, every screen reachable (the
//! less used ones through "More" on narrow windows), the open screen marked selected even inside
//! "More", and the sound toggle apart from the tabs.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use chrono::{FixedOffset, TimeZone as _, Utc};
use egui::accesskit::Toggled;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use limber::core::paths::Paths;
use limber::ui::app::{AppInit, LOG_PAIN_NOW, LimberApp, MORE_SCREENS, NOTICE_MARKER, more_name};
use limber::ui::clock::ManualClock;
use limber::ui::command::Screen;

const SIZES: [(f32, f32); 3] = [(800.0, 600.0), (1024.0, 600.0), (1280.0, 800.0)];

/// The app on a fresh data folder, past the first-start notice, in a `width` × `height` window
/// with text at `text_scale`.
fn harness(
    dir: &std::path::Path,
    width: f32,
    height: f32,
    text_scale: f32,
) -> Harness<'static, LimberApp> {
    let paths = Paths::under(dir);
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let clock = ManualClock::new(at, FixedOffset::east_opt(3600).unwrap());
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock),
    });
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    app.settings.text_scale = text_scale;
    let mut harness = common::app_harness_sized(app, egui::vec2(width, height));
    harness.run_steps(3);
    harness
}

/// Whether the bar's "More" button is on screen.
fn has_more(harness: &Harness<'static, LimberApp>) -> bool {
    harness
        .query_all_by_label_contains(MORE_SCREENS)
        .next()
        .is_some()
}

/// The tab or menu entry of `screen`: the one node of that name that can be selected (Today's
/// page also has a heading named "Today").
fn tab<'h>(
    harness: &'h Harness<'static, LimberApp>,
    screen: Screen,
) -> Option<egui_kittest::Node<'h>> {
    let mut tabs = harness
        .query_all_by_label(screen.label())
        .filter(|n| n.accesskit_node().toggled().is_some());
    let tab = tabs.next();
    assert!(tabs.next().is_none(), "one {} tab", screen.label());
    tab
}

/// Opens `screen` as a person would: its tab when it has one, else through "More".
fn go_to(harness: &mut Harness<'static, LimberApp>, screen: Screen) {
    if tab(harness, screen).is_none() {
        harness
            .query_all_by_label_contains(MORE_SCREENS)
            .next()
            .unwrap_or_else(|| panic!("{} has neither a tab nor a More menu", screen.label()))
            .click();
        harness.run_steps(3);
    }
    tab(harness, screen).unwrap().click();
    harness.run_steps(3);
    assert_eq!(harness.state().screen, screen, "{} opens", screen.label());
}

/// The rects of every control in the bar: the tabs shown, "More", the sound toggle, "Log pain".
fn bar_rects(harness: &Harness<'static, LimberApp>) -> Vec<(String, egui::Rect)> {
    let mut rects: Vec<(String, egui::Rect)> = Screen::NAV
        .into_iter()
        .filter_map(|s| tab(harness, s).map(|n| (s.label().to_owned(), n.rect())))
        .collect();
    for node in harness.query_all_by_label_contains(MORE_SCREENS) {
        rects.push((MORE_SCREENS.to_owned(), node.rect()));
    }
    let sound = harness
        .query_by_label("Sound on")
        .or_else(|| harness.query_by_label("Sound off"))
        .unwrap();
    rects.push(("sound".to_owned(), sound.rect()));
    rects.push((
        LOG_PAIN_NOW.to_owned(),
        harness.get_by_label(LOG_PAIN_NOW).rect(),
    ));
    rects
}

/// Fails unless every control of the bar sits on one row near the top, inside the window.
fn assert_one_row(harness: &Harness<'static, LimberApp>, width: f32, what: &str) {
    let rects = bar_rects(harness);
    let top = rects[0].1.center().y;
    for (name, rect) in &rects {
        assert!(
            (rect.center().y - top).abs() <= 4.0,
            "{what}: {name} is on another row ({rect:?}, first at {top})"
        );
        assert!(
            rect.max.y < 60.0,
            "{what}: {name} ends at {} px",
            rect.max.y
        );
        assert!(
            rect.min.x >= 0.0 && rect.max.x <= width,
            "{what}: {name} is outside the window ({rect:?})"
        );
    }
}

#[test]
fn the_bar_is_one_row_and_every_screen_is_reachable_at_every_size() {
    for (width, height) in SIZES {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = harness(dir.path(), width, height, 1.0);
        let what = format!("{width}×{height}");
        assert_eq!(
            has_more(&harness),
            width < 1100.0,
            "{what}: More only under 1100 px"
        );
        assert_one_row(&harness, width, &what);
        for screen in Screen::NAV {
            go_to(&mut harness, screen);
            assert_one_row(&harness, width, &format!("{what}, {}", screen.label()));
        }
    }
}

#[test]
fn a_screen_inside_more_is_marked_selected() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path(), 1024.0, 600.0, 1.0);
    for screen in [Screen::Routine, Screen::Settings, Screen::About] {
        go_to(&mut harness, screen);
        let name = more_name(Some(screen));
        let more = harness.get_by_label(&name);
        assert_eq!(more.accesskit_node().toggled(), Some(Toggled::True));
    }
    go_to(&mut harness, Screen::Today);
    let more = harness.get_by_label(MORE_SCREENS);
    assert_eq!(more.accesskit_node().toggled(), Some(Toggled::False));
    let today = tab(&harness, Screen::Today).unwrap();
    assert_eq!(today.accesskit_node().toggled(), Some(Toggled::True));
}

#[test]
fn at_large_text_the_bar_still_keeps_one_row() {
    for (width, height) in [(800.0, 600.0), (1280.0, 800.0)] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = harness(dir.path(), width, height, 1.5);
        let what = format!("{width}×{height} at 150 % text");
        assert_one_row(&harness, width, &what);
        go_to(&mut harness, Screen::About);
        go_to(&mut harness, Screen::History);
        assert_one_row(&harness, width, &what);
    }
}

#[test]
fn the_sound_toggle_is_apart_from_the_tabs_and_says_its_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path(), 1024.0, 600.0, 1.0);
    let sound = harness.get_by_label("Sound on");
    assert_eq!(sound.accesskit_node().toggled(), Some(Toggled::True));
    let side = sound.rect().width();
    assert!(side <= 40.0, "an icon, not a text tab: {side} px wide");
    sound.click();
    harness.run_steps(3);
    assert!(harness.state().cues.muted);
    let sound = harness.get_by_label("Sound off");
    assert_eq!(sound.accesskit_node().toggled(), Some(Toggled::False));
    sound.click();
    harness.run_steps(3);
    assert!(!harness.state().cues.muted);
    harness.get_by_label("Sound on");
}

/// About explains the pain-monitoring model and shows the limits in force: Limber's starting
/// ones, then the therapist's once the routine sets its own.
#[test]
fn about_explains_the_pain_model_with_the_limits_in_force() {
    use limber::core::catalog::{PainModel, whose_limits};
    use limber::ui::safety::PAIN_MODEL_INTRO;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path(), 1280.0, 800.0, 1.0);
    go_to(&mut harness, Screen::About);
    harness.get_by_label("How Limber watches your pain");
    harness.get_by_label(PAIN_MODEL_INTRO);
    harness.get_by_label_contains("pain up to 5 out of 10 is fine");
    harness.get_by_label(whose_limits(PainModel::default()));
    let therapists = PainModel {
        max_after: 3,
        max_rise: 1,
        ..PainModel::default()
    };
    harness.state_mut().routine.pain_model = therapists;
    harness.run_steps(2);
    harness.get_by_label_contains(
        "pain up to 3 out of 10 is fine, as long as it is not more than 1 point above",
    );
    harness.get_by_label(whose_limits(therapists));
    assert!(
        harness
            .query_by_label(whose_limits(PainModel::default()))
            .is_none()
    );
}
