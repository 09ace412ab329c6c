//! The big timer: the phase word, the countdown in large digits, where we are in the sets, and
//! the controls. Readable from about two metres away.

use crate::core::timer::{Phase, Timer};
use crate::ui::command::Command;
use crate::ui::today::TodayInput;
use crate::ui::{digits, exercise_card, theme};

/// Draws a timer (running, paused, finished, or a preview not started).
pub fn timer_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    timer: &Timer,
    commands: &mut Vec<Command>,
) {
    let now = app.now().instant;
    let shown = timer.display(now);
    let phase = shown.step.map_or(Phase::Rest, |s| s.phase);
    let color = if shown.finished {
        theme::HOLD_COLOR
    } else {
        theme::phase_color(phase)
    };

    // The flash: the frame's background is strong in the phase colour for the first second of
    // a new step (drawn with no extra frames; see `LimberApp::schedule_repaint`).
    let flashing = app
        .flash
        .is_some_and(|(at, _)| now.saturating_duration_since(at) < theme::FLASH);
    let fill = color.gamma_multiply(if flashing { 0.45 } else { 0.08 });

    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(2.0, color))
        .corner_radius(10.0)
        .inner_margin(16.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                let word = if shown.finished {
                    "Finished \u{b7} well done".to_owned()
                } else if timer.is_ready() {
                    "Ready".to_owned()
                } else if shown.paused {
                    format!("Paused \u{b7} {}", phase.label())
                } else {
                    phase.label().to_owned()
                };
                ui.label(
                    egui::RichText::new(&word)
                        .size(theme::sizes(ui.style()).phase)
                        .color(color)
                        .strong(),
                );
                if !shown.finished {
                    countdown(ui, shown.remaining_secs, color);
                }
                if !shown.finished {
                    ui.label(
                        egui::RichText::new(exercise_card::position_text(timer, shown.index))
                            .size(theme::sizes(ui.style()).phase_detail),
                    );
                }
            });
            ui.add_space(10.0);
            ui.horizontal_wrapped(|ui| {
                let size = theme::sizes(ui.style());
                let big = |text: &str| {
                    egui::Button::new(egui::RichText::new(text).size(size.timer_button_text))
                        .min_size(egui::vec2(size.timer_button_width, size.big_button_height))
                };
                let main = if timer.is_running() {
                    "Pause"
                } else if shown.paused {
                    "Resume"
                } else if shown.finished {
                    "Start again"
                } else {
                    "Start timer"
                };
                if ui.add(big(main)).on_hover_text("Space").clicked() {
                    commands.push(Command::TimerToggle);
                }
                let started = !timer.is_ready() && !shown.finished;
                if ui.add_enabled(started, big("Skip step")).clicked() {
                    commands.push(Command::TimerSkip);
                }
                if ui.add_enabled(!timer.is_ready(), big("Restart")).clicked() {
                    commands.push(Command::TimerRestart);
                }
            });
            if !app.muted {
                ui.label(
                    egui::RichText::new("A sound plays when each hold or rest ends.")
                        .small()
                        .weak(),
                );
            }
        });
}

/// The countdown in seven-segment digits, `theme::sizes(..).countdown` high (smaller when the
/// window is too narrow), read out to screen readers as "Time left 1:05" (and "Time left 0:45",
/// never a bare "45", which a listener cannot tell from a count of repetitions).
fn countdown(ui: &mut egui::Ui, remaining_secs: u64, color: egui::Color32) {
    let shown = format_countdown(remaining_secs);
    let digits = shown.as_str();
    let wanted = theme::sizes(ui.style()).countdown;
    let full = digits::width(digits, wanted);
    let scale = (ui.available_width() / full).min(1.0);
    let height = wanted * scale;
    let size = egui::vec2(full * scale, height);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter()
            .extend(digits::shapes(digits, rect.min, height, color));
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Timer,
            true,
            format!("Time left {}", spoken_countdown(remaining_secs)),
        )
    });
}

/// "1:05" for 65 s, "0:45" for 45 s: the countdown as a screen reader reads it.
pub fn spoken_countdown(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// "1:05" for 65 s, "45" for 45 s.
pub fn format_countdown(secs: u64) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}
