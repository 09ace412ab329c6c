//! Image snapshots of Limber's look (issue 28): Today, an exercise's card, the guided routine in
//! a hold and the weekly check-in, drawn by `egui_kittest` through wgpu (lavapipe, Mesa's Vulkan
//! on the CPU, on Linux) and compared with the images under `tests/snapshots/`, so that a look
//! cannot regress unnoticed.
//!
//! Only with the `snapshots` feature (it builds wgpu): `cargo test --features snapshots --test
//! ui_snapshots`. After a change to the look that is meant, `UPDATE_SNAPSHOTS=1 cargo test
//! --features snapshots --test ui_snapshots` writes the new images; look at each before
//! committing it (README, "Image snapshots").
//!
//! Everything in the picture is pinned: the clock (Wednesday 25 November 2026, 09:00 UTC+1),
//! the window size, one pixel per point, the theme, the fonts (the system-font fallback the app
//! adds is removed after the first frame, so only the fonts built into the binary draw, and
//! `egui_kittest` fails on any character they lack), the mouse (gone before each picture, so
//! nothing is hovered and no cursor is drawn) and the timer (its flash long over). Three runs
//! on one machine give the same images byte for byte.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use std::time::Duration;

use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotOptions};
use limber::core::settings::Theme;
use limber::ui::app::LimberApp;

/// How far one pixel may differ in colour before it counts (`egui_kittest`'s own default, the
/// weighted squared YIQ distance: it forgives anti-aliasing that differs between Mesa versions).
const PIXEL_THRESHOLD: f32 = 0.6;

/// How many pixels may pass [`PIXEL_THRESHOLD`] in one picture before the test fails. On one
/// machine the pictures are identical run to run (0 pixels); this forgives a few stray pixels
/// of another Mesa's rounding and no more: measured on the guided hold, one digit of small text
/// changed ("Pain before: 3" to 4) is 27 pixels, and one second on the countdown 7,140.
const MAX_FAILED_PIXELS: usize = 20;

/// The window sizes: Today and the card where the checklist and the card stand side by side,
/// the guided routine and the check-in at the small sizes the issue names.
const WIDE: egui::Vec2 = egui::vec2(1280.0, 800.0);
const SMALL: egui::Vec2 = egui::vec2(1024.0, 600.0);
const SMALLEST: egui::Vec2 = egui::vec2(800.0, 600.0);

use common::Fixture;

/// The app on a fresh folder at Wednesday 25 November 2026 09:00 (UTC+1), past the first-start
/// notice, with the weekly check-in put off unless `check_in` and the progress questions and
/// the day's short lesson put off, in a `size` window in the light or dark theme, drawn by wgpu; two frames drawn.
fn open(size: egui::Vec2, dark: bool, check_in: bool) -> (Harness<'static, LimberApp>, Fixture) {
    let (mut app, fixture) = common::fresh_app();
    let today = app.now().local_date();
    if !check_in {
        app.dismissals.check_in_dismissed_on = Some(today);
    }
    app.settings.measures_not_now_until = Some(today + chrono::Days::new(30));
    // No short lesson either: the pictures are of the screens, not of an offer.
    app.dismissals.lesson_closed_on = Some(today);
    app.settings.text_scale = 1.0;
    app.settings.theme = if dark { Theme::Dark } else { Theme::Light };
    let theme = if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(1.0)
        .with_theme(theme)
        .with_render_cursor(false)
        .with_options(
            SnapshotOptions::new()
                .threshold(PIXEL_THRESHOLD)
                .max_failed_pixels(MAX_FAILED_PIXELS),
        )
        .wgpu()
        .build_ui_state(
            |ui, app: &mut LimberApp| {
                app.tick(ui.ctx());
                app.show(ui);
            },
            app,
        );
    egui_extras::install_image_loaders(&harness.ctx);
    // The app adds its system-font fallback on the first frame: take it away again, so that the
    // picture never depends on the fonts installed on this machine.
    harness.run_steps(1);
    harness.ctx.set_font_providers(Vec::new());
    harness.run_steps(2);
    (harness, fixture)
}

/// Takes the mouse away (nothing hovered, no tooltip), lets the frame settle, checks that no
/// system font joined the built-in ones (it would make the picture depend on the machine), and
/// compares the picture with `tests/snapshots/{name}.png`.
fn snapshot(harness: &mut Harness<'static, LimberApp>, name: &str) {
    harness.event(egui::Event::PointerGone);
    harness.run_steps(3);
    let system_fonts: Vec<String> = harness.ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|font| font.name.clone())
            .collect()
    });
    assert!(
        system_fonts.is_empty(),
        "{name}: drawn with fonts found on this computer: {system_fonts:?}"
    );
    harness.snapshot(name);
}

fn today(dark: bool, name: &str) {
    let (mut harness, _fixture) = open(WIDE, dark, false);
    snapshot(&mut harness, name);
}

/// Today as a person finds it in the morning: the checklist, "Between sessions" and the
/// start of the routine.
#[test]
fn today_light() {
    today(false, "today_light");
}

/// The same in the dark theme.
#[test]
fn today_dark() {
    today(true, "today_dark");
}

/// An exercise's card on Today, in teaching order (name, dose, drawing, caution, timer, steps).
#[test]
fn card_light() {
    let (mut harness, _fixture) = open(WIDE, false, false);
    let first = harness.state().routine.enabled().next().cloned().unwrap();
    harness.get_by_label(&first.name).click();
    harness.run_steps(2);
    snapshot(&mut harness, "card_light");
}

/// The guided routine five seconds into the first hold, at 1024 × 600: the header, the drawing
/// beside the countdown, the phase word and the controls.
fn guided_hold(dark: bool, name: &str) {
    let (mut harness, fixture) = open(SMALL, dark, false);
    harness.get_by_label("Start routine").click();
    harness.run_steps(2);
    harness.get_by_label("Pain before 3").click();
    harness.run_steps(2);
    let get_ready = u64::from(harness.state().practice.get_ready_secs);
    fixture.clock.advance(Duration::from_secs(get_ready + 5));
    harness.run_steps(2);
    assert!(
        harness.query_all_by_label("Hold").next().is_some(),
        "in a hold"
    );
    snapshot(&mut harness, name);
}

#[test]
fn guided_hold_light() {
    guided_hold(false, "guided_hold_light");
}

#[test]
fn guided_hold_dark() {
    guided_hold(true, "guided_hold_dark");
}

/// The weekly check-in opened from Today at 800 × 600: its questions scroll inside the dialog
/// and its buttons stay in the window.
#[test]
fn check_in_light() {
    let (mut harness, _fixture) = open(SMALLEST, false, true);
    harness.get_by_label("Answer the weekly check-in").click();
    harness.run_steps(3);
    harness.get_by_label(limber::ui::progress::CHECK_IN_DIALOG);
    snapshot(&mut harness, "check_in_light");
}
