//! The exercise card: illustration, how to do it, cues, the safety line, and the timer.

use std::fmt::Write as _;

use crate::core::catalog::Exercise;
use crate::core::timer::{Phase, Timer};
use crate::ui::command::Command;
use crate::ui::today::TodayInput;
use crate::ui::{theme, timer_ui};

/// Draws the card of `exercise`.
pub fn card_ui(
    ui: &mut egui::Ui,
    app: &TodayInput<'_>,
    exercise: &Exercise,
    commands: &mut Vec<Command>,
) {
    crate::ui::theme::heading(ui, &exercise.name);
    ui.label(egui::RichText::new(exercise.dose.summary()).strong());
    ui.label(egui::RichText::new(crate::core::catalog::dose_note(exercise)).weak());
    if !exercise.purpose.is_empty() {
        ui.label(&exercise.purpose);
    }
    if !exercise.equipment.is_empty() {
        ui.label(
            egui::RichText::new(format!("You need: {}", exercise.equipment.join(", "))).weak(),
        );
    }
    ui.add_space(theme::SECTION_GAP);

    let own_timer = app
        .practice
        .timer
        .as_ref()
        .filter(|t| t.exercise_id == exercise.id);
    let other_running =
        app.practice.timer.as_ref().filter(|t| {
            t.exercise_id != exercise.id && (t.timer.is_running() || t.timer.is_paused())
        });
    // In a window that saves nothing the timer is shown but not started: it opens a session.
    let timer = ui.add_enabled_ui(!app.read_only, |ui| match (own_timer, other_running) {
        (Some(active), _) => timer_ui::timer_ui(ui, app, &active.timer, commands),
        (None, Some(other)) => {
            let name = app
                .routine
                .exercise(&other.exercise_id)
                .map_or("another exercise", |e| e.name.as_str());
            ui.label(format!("The timer of {name} is in progress."));
            if ui.button(format!("Back to {name}")).clicked() {
                commands.push(Command::Select(other.exercise_id.clone()));
            }
        }
        (None, None) => {
            let preview = Timer::for_dose(&exercise.dose, app.practice.get_ready_secs);
            timer_ui::timer_ui(ui, app, &preview, commands);
        }
    });
    if app.reveal_timer && own_timer.is_some() {
        // Only as far as needed: a timer already in sight does not move.
        timer.response.scroll_to_me(None);
    }

    ui.add_space(theme::SECTION_GAP);
    let done = app.done_today(&exercise.id);
    let label = if done { "Done today" } else { "Mark as done" };
    if ui
        .add_enabled(
            !done && !app.read_only,
            egui::Button::new(label).min_size(egui::vec2(0.0, theme::BIG_BUTTON_HEIGHT)),
        )
        .clicked()
    {
        commands.push(Command::SetDone(exercise.id.clone(), true));
    }
    ui.add_space(theme::SECTION_GAP);

    if ui.available_width() > 760.0 && crate::ui::illustration::svg_for(exercise).is_some() {
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(360.0);
                crate::ui::illustration::illustration_ui(ui, exercise);
            });
            ui.vertical(|ui| instructions_ui(ui, exercise));
        });
    } else {
        crate::ui::illustration::illustration_ui(ui, exercise);
        instructions_ui(ui, exercise);
    }
    if !exercise.safety.is_empty() {
        crate::ui::banners::banner(ui, theme::CAUTION_FILL, |ui| {
            ui.label(format!("Safety: {}", exercise.safety));
        });
    }
}

/// The words under the countdown: set, rep and side.
pub fn position_text(timer: &Timer, index: usize) -> String {
    let Some(step) = timer.step(index) else {
        return String::new();
    };
    let sets = timer.plan().last_set().unwrap_or(1);
    let reps = timer.plan().last_rep().unwrap_or(1);
    let mut text = match step.phase {
        Phase::GetReady => "Get into position".to_owned(),
        _ => format!("Set {} of {sets}", step.set),
    };
    if step.phase == Phase::Hold || step.phase == Phase::Rest && step.rep > 0 {
        let _ = write!(text, " \u{b7} rep {} of {reps}", step.rep.max(1));
    }
    if let Some(side) = step.side {
        let _ = write!(text, " \u{b7} {}", side.label());
    }
    text
}

/// Steps and cues.
fn instructions_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    if !exercise.steps.is_empty() {
        theme::section_heading(ui, "How to do it");
        for (number, step) in exercise.steps.iter().enumerate() {
            ui.label(format!("{}. {step}", number + 1));
        }
        ui.add_space(8.0);
    }
    if !exercise.cues.is_empty() {
        theme::section_heading(ui, "Keep in mind");
        for cue in &exercise.cues {
            ui.label(format!("\u{2022} {cue}"));
        }
        ui.add_space(8.0);
    }
}
