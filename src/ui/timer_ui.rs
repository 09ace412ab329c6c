//! The big timer: the phase word, the countdown in large digits, where we are in the sets, and
//! the controls. Readable from about two metres away.

use crate::core::timer::{Phase, Timer};
use crate::ui::app::LimberApp;
use crate::ui::command::Command;
use crate::ui::{exercise_card, theme};

/// Draws a timer (running, paused, finished, or a preview not started).
pub fn timer_ui(ui: &mut egui::Ui, app: &LimberApp, timer: &Timer, commands: &mut Vec<Command>) {
    let now = app.now().instant;
    let shown = timer.display(now);
    let phase = shown.step.map_or(Phase::Rest, |s| s.phase);
    let color = if shown.finished {
        theme::HOLD_COLOR
    } else {
        theme::phase_color(phase)
    };

    // The flash: the frame's background fades from the phase colour after a change.
    let flash = app.flash.map_or(0.0, |(at, _)| {
        let age = now.saturating_duration_since(at).as_secs_f32();
        (1.0 - age / theme::FLASH_SECS).clamp(0.0, 1.0)
    });
    let fill = color.gamma_multiply(0.08 + 0.35 * flash);

    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(2.0, color))
        .corner_radius(10.0)
        .inner_margin(16.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.vertical_centered(|ui| {
                let (word, digits) = if shown.finished {
                    ("Finished".to_owned(), "Well done".to_owned())
                } else if timer.is_ready() {
                    ("Ready".to_owned(), format_countdown(shown.remaining_secs))
                } else if shown.paused {
                    (
                        format!("Paused \u{b7} {}", phase.label()),
                        format_countdown(shown.remaining_secs),
                    )
                } else {
                    (
                        phase.label().to_owned(),
                        format_countdown(shown.remaining_secs),
                    )
                };
                ui.label(
                    egui::RichText::new(&word)
                        .size(theme::PHASE_SIZE)
                        .color(color)
                        .strong(),
                );
                let countdown = ui.label(
                    egui::RichText::new(&digits)
                        .size(theme::COUNTDOWN_SIZE)
                        .color(color)
                        .strong(),
                );
                countdown.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Label,
                        true,
                        format!("Time left {digits}"),
                    )
                });
                if !shown.finished {
                    ui.label(
                        egui::RichText::new(exercise_card::position_text(timer, shown.index))
                            .size(22.0),
                    );
                }
            });
            ui.add_space(10.0);
            ui.horizontal_wrapped(|ui| {
                let big = |text: &str| {
                    egui::Button::new(egui::RichText::new(text).size(20.0))
                        .min_size(egui::vec2(120.0, theme::BIG_BUTTON_HEIGHT))
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

/// "1:05" for 65 s, "45" for 45 s.
pub fn format_countdown(secs: u64) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}
