//! One design system (issue 28, item 5): every size is a theme token times the person's text
//! size, so at 200 % text the controls used from the mat and the section headings grow with the
//! text around them instead of staying at a fixed size.
#![allow(
    clippy::unwrap_used,
    reason = "a test should stop loudly at the first surprise"
)]

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::ui::app::LimberApp;

/// The sizes measured on the exercise card, in points.
#[derive(Debug)]
struct Measured {
    /// The timer's main button ("Start timer").
    timer_button: egui::Rect,
    /// A section heading of the card ("How to do it").
    heading: egui::Rect,
    /// A 0–10 button of the pain question.
    pain_button: egui::Rect,
    /// The countdown's digits.
    countdown: egui::Rect,
}

/// Opens the first exercise's card at `text_scale` in a 1280 × 800 window, measures its timer
/// button, section heading and countdown, starts the timer and measures a pain button of the
/// question that comes first.
fn measure(text_scale: f32) -> Measured {
    let (mut app, _fixture) = common::fresh_app();
    app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    app.settings.text_scale = text_scale;
    let mut harness: Harness<'static, LimberApp> =
        common::app_harness_sized(app, egui::vec2(1280.0, 800.0));
    harness.run_steps(3);
    let exercise = harness.state().routine.enabled().next().unwrap().clone();
    harness.get_by_label(&exercise.name).click_accesskit();
    harness.run_steps(3);
    let timer_button = harness.get_by_label("Start timer").rect();
    let heading = harness.get_by_label("How to do it").rect();
    // The card's countdown, before the timer starts (a running timer takes the guided layout,
    // whose digits take the space the window has; tests/ui_guided.rs measures those).
    let countdown = harness.get_by_label_contains("Time left").rect();
    harness.get_by_label("Start timer").click_accesskit();
    harness.run_steps(3);
    let pain_button = harness.get_by_label("Pain before 4").rect();
    Measured {
        timer_button,
        heading,
        pain_button,
        countdown,
    }
}

#[test]
fn at_200_percent_text_the_mat_controls_and_headings_grow_with_the_text() {
    let normal = measure(1.0);
    let large = measure(2.0);
    let pairs = [
        ("timer button", normal.timer_button, large.timer_button),
        ("section heading", normal.heading, large.heading),
        ("pain button", normal.pain_button, large.pain_button),
        ("countdown", normal.countdown, large.countdown),
    ];
    for (what, at_100, at_200) in pairs {
        let ratio = at_200.height() / at_100.height();
        println!(
            "{what}: {:.0} pt high at 100 %, {:.0} pt at 200 % ({ratio:.2}x)",
            at_100.height(),
            at_200.height()
        );
        assert!(
            ratio >= 1.6,
            "the {what} is {:.0} pt high at 100 % text and {:.0} pt at 200 % ({ratio:.2}x)",
            at_100.height(),
            at_200.height()
        );
    }
    let ratio = large.pain_button.width() / normal.pain_button.width();
    assert!(ratio >= 1.6, "a pain button is only {ratio:.2}x as wide");
}
