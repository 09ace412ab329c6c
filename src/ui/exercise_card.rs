//! The exercise card, in teaching order: the name, the dose as chips, the drawing, a one-line
//! safety caution, then the timer, then how to do it (steps, cues, the whole safety text).
//!
//! The card takes its own small input ([`CardInput`]), not Today's, so Today, the card and the
//! timer no longer import one another.

use crate::core::catalog::{Dose, Exercise, Routine, format_secs};
use crate::core::practice::Practice;
use crate::core::timer::Timer;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::timer_ui::{self, TimerInput};

/// What the card needs from the frame.
#[derive(Clone, Copy)]
pub struct CardInput<'a> {
    /// The routine in use (to name another exercise whose timer runs).
    pub routine: &'a Routine,
    /// The timer in progress, if any, and the get-ready setting.
    pub practice: &'a Practice,
    /// The timer's own input.
    pub timer: TimerInput,
    /// The exercise is done on the checklist's day.
    pub done: bool,
    /// Nothing can be saved: the timer and "Mark as done" are disabled.
    pub read_only: bool,
    /// A timer was just started: scroll the card so that the timer is in sight.
    pub reveal_timer: bool,
    /// The version of the exercise done on the checklist's day.
    pub version: crate::core::catalog::Version,
}

/// Draws the card of `exercise`.
pub fn card_ui(
    ui: &mut egui::Ui,
    input: &CardInput<'_>,
    exercise: &Exercise,
    commands: &mut Vec<Command>,
) {
    theme::heading(ui, &exercise.name);
    let version = (input.version, input.read_only);
    crate::ui::exercise_versions::versions_ui(ui, exercise, version, commands);
    dose_chips_ui(ui, &exercise.dose);
    ui.add_space(theme::SECTION_GAP / 2.0);
    let has_drawing = crate::ui::illustration::svg_for(exercise).is_some();
    // Beside the drawing only when the timer's column keeps its text-scaled digits ("1:00").
    let digits = crate::ui::digits::width(
        "1:00",
        theme::COUNTDOWN_HEIGHT * theme::text_scale(ui.style()),
    );
    let beside = (1.0 - DRAWING_SHARE) * ui.available_width() - 10.0 >= digits + 40.0;
    let timer = if has_drawing && beside {
        // Wide: the drawing on the left, the caution and the timer beside it, so the timer's
        // buttons are in sight without scrolling (reading order stays drawing, caution, timer).
        let width = (ui.available_width() * DRAWING_SHARE).min(360.0);
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(width);
                crate::ui::illustration::illustration_sized_ui(ui, exercise, width);
            });
            ui.vertical(|ui| {
                caution_ui(ui, exercise);
                ui.add_space(theme::SECTION_GAP / 2.0);
                card_timer_ui(ui, input, exercise, commands)
            })
            .inner
        })
        .inner
    } else {
        if has_drawing {
            let width = ui.available_width().min(420.0);
            crate::ui::illustration::illustration_sized_ui(ui, exercise, width);
        }
        caution_ui(ui, exercise);
        ui.add_space(theme::SECTION_GAP);
        card_timer_ui(ui, input, exercise, commands)
    };
    if input.reveal_timer
        && let Some(timer) = timer
    {
        // Only as far as needed: a timer already in sight does not move.
        timer.scroll_to_me(None);
    }

    ui.add_space(theme::SECTION_GAP);
    mark_done_ui(ui, input, exercise, commands);
    let note = crate::ui::exercise_versions::dose_note(exercise, input.version);
    ui.label(egui::RichText::new(note).weak());
    ui.add_space(theme::SECTION_GAP);
    egui::CollapsingHeader::new(egui::RichText::new(HOW_TO).strong())
        .id_salt(("card-how-to", &exercise.id))
        .default_open(true)
        .show(ui, |ui| instructions_ui(ui, exercise));
}

/// The card's timer: its own (running or not), a note that another exercise's runs, or a
/// preview. Returns the timer's response when it is this exercise's own timer.
fn card_timer_ui(
    ui: &mut egui::Ui,
    input: &CardInput<'_>,
    exercise: &Exercise,
    commands: &mut Vec<Command>,
) -> Option<egui::Response> {
    let own_timer = input
        .practice
        .timer
        .as_ref()
        .filter(|t| t.exercise_id == exercise.id);
    let other_running =
        input.practice.timer.as_ref().filter(|t| {
            t.exercise_id != exercise.id && (t.timer.is_running() || t.timer.is_paused())
        });
    // In a window that saves nothing the timer is shown but not started: it opens a session.
    ui.add_enabled_ui(!input.read_only, |ui| match (own_timer, other_running) {
        (Some(active), _) => Some(timer_ui::timer_ui(
            ui,
            &input.timer,
            &active.timer,
            commands,
        )),
        (None, Some(other)) => {
            let name = input
                .routine
                .exercise(&other.exercise_id)
                .map_or("another exercise", |e| e.name.as_str());
            ui.label(format!("The timer of {name} is in progress."));
            if ui.button(format!("Back to {name}")).clicked() {
                commands.push(Command::Select(other.exercise_id.clone()));
            }
            None
        }
        (None, None) => {
            let preview = Timer::for_dose(&exercise.dose, input.practice.get_ready_secs);
            timer_ui::timer_ui(ui, &input.timer, &preview, commands);
            None
        }
    })
    .inner
}

/// The drawing's share of a wide card's width (the caution and the timer take the rest).
const DRAWING_SHARE: f32 = 0.3;

/// The title of the collapsible steps, on the card and in the guided layout.
pub const HOW_TO: &str = "How to do it";

/// "Mark as done", or "Done today" (disabled) once it is.
pub fn mark_done_ui(
    ui: &mut egui::Ui,
    input: &CardInput<'_>,
    exercise: &Exercise,
    commands: &mut Vec<Command>,
) {
    let label = if input.done {
        "Done today"
    } else {
        "Mark as done"
    };
    let scale = theme::text_scale(ui.style());
    if ui
        .add_enabled(
            !input.done && !input.read_only,
            timer_ui::big_button(label, scale, 0.0),
        )
        .clicked()
    {
        commands.push(Command::SetDone(exercise.id.clone(), true));
    }
}

/// The dose as chips: "3 × 1 min", "2 sets", "each side", "rest 10 s", "3× a day".
pub fn dose_chips(dose: &Dose) -> Vec<String> {
    let hold = format_secs(dose.hold_secs);
    let mut chips = vec![if dose.reps > 1 {
        format!("{} \u{d7} {hold}", dose.reps)
    } else {
        format!("{hold} hold")
    }];
    if dose.sets > 1 {
        chips.push(format!("{} sets", dose.sets));
    }
    if dose.per_side {
        chips.push("each side".to_owned());
    }
    if dose.rest_secs > 0 {
        chips.push(format!("rest {}", format_secs(dose.rest_secs)));
    }
    if dose.times_per_day > 1 {
        chips.push(format!("{}\u{d7} a day", dose.times_per_day));
    }
    chips
}

/// The dose's chips on one wrapping row (each chip is read out on its own).
pub fn dose_chips_ui(ui: &mut egui::Ui, dose: &Dose) {
    ui.horizontal_wrapped(|ui| {
        for chip in dose_chips(dose) {
            chip_ui(ui, &chip);
        }
    });
}

/// One chip: strong text in a rounded frame of the theme's faint fill. In a wrapping row, a
/// chip that does not fit in what is left of the line starts the next one.
pub fn chip_ui(ui: &mut egui::Ui, text: &str) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let width = ui.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    }) + f32::from(CHIP_MARGIN) * 2.0
        + 2.0;
    if ui.layout().main_wrap && ui.available_size_before_wrap().x < width {
        ui.end_row();
    }
    egui::Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(12.0)
        .inner_margin(egui::Margin::symmetric(CHIP_MARGIN, 3))
        .show(ui, |ui| {
            // A chip never breaks inside: it moves to the next line whole.
            ui.add(egui::Label::new(egui::RichText::new(text).strong()).extend());
        });
}

/// The space left and right of a chip's text.
const CHIP_MARGIN: i8 = 10;

/// The safety text's first sentence, in a caution banner; the whole text is under "How to do
/// it".
pub fn caution_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    if exercise.safety.is_empty() {
        return;
    }
    crate::ui::banners::banner(ui, theme::CAUTION_FILL, |ui| {
        ui.label(format!("Safety: {}", first_sentence(&exercise.safety)));
    });
}

/// The text up to and including its first full stop followed by a space (all of it if none).
pub fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |end| &text[..=end])
}

/// What it is for, what you need, the steps, the cues, and the whole safety text.
pub fn instructions_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    if !exercise.purpose.is_empty() {
        ui.label(&exercise.purpose);
    }
    if !exercise.equipment.is_empty() {
        ui.label(
            egui::RichText::new(format!("You need: {}", exercise.equipment.join(", "))).weak(),
        );
    }
    for (number, step) in exercise.steps.iter().enumerate() {
        ui.label(format!("{}. {step}", number + 1));
    }
    ui.add_space(8.0);
    if !exercise.cues.is_empty() {
        theme::section_heading(ui, "Keep in mind");
        for cue in &exercise.cues {
            ui.label(format!("\u{2022} {cue}"));
        }
        ui.add_space(8.0);
    }
    if first_sentence(&exercise.safety) != exercise.safety {
        ui.label(egui::RichText::new("Safety").strong());
        ui.label(&exercise.safety);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dose_reads_as_chips() {
        let dose = |sets, reps, rest_secs, per_side, times_per_day| Dose {
            sets,
            reps,
            hold_secs: 60,
            rest_secs,
            per_side,
            times_per_day,
        };
        assert_eq!(
            dose_chips(&dose(1, 3, 10, false, 1)),
            ["3 × 1 min", "rest 10 s"]
        );
        assert_eq!(
            dose_chips(&dose(2, 1, 0, true, 3)),
            ["1 min hold", "2 sets", "each side", "3× a day"]
        );
    }

    #[test]
    fn the_caution_is_the_first_sentence() {
        assert_eq!(first_sentence("Go slowly. Stop if it hurts."), "Go slowly.");
        assert_eq!(
            first_sentence("Skip it if it hurts."),
            "Skip it if it hurts."
        );
    }
}
