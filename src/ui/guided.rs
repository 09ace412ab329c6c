//! The guided layout: one exercise on a screen that never scrolls, read from a mat. A header
//! ("4 of 11 · Cork screws" and the dose as chips), the drawing and the timer side by side on
//! wide windows and stacked on narrow ones, the steps behind "How to do it", and the controls
//! in one row at the bottom. It serves the guided routine and a single exercise whose timer
//! runs.
//!
//! Every size comes from the space there is (`ui.available_rect_before_wrap()`), not from a
//! scroll area: when room runs out the steps close first, then the drawing shrinks; the name,
//! the countdown and the controls stay.

use crate::core::catalog::Exercise;
use crate::core::session::PainScore;
use crate::core::timer::{Phase, Timer};
use crate::ui::command::Command;
use crate::ui::exercise_card::{self, CardInput};
use crate::ui::{illustration, theme, timer_ui};

/// What the guided layout shows.
pub struct GuidedInput<'a> {
    /// The exercise on screen.
    pub exercise: &'a Exercise,
    /// Where the guided routine is ("4 of 11": the 1-based position and the count); `None` for
    /// a single exercise started from the checklist.
    pub position: Option<(usize, usize)>,
    /// The exercise's timer.
    pub timer: &'a Timer,
    /// The card's input (the timer's, done, read-only).
    pub card: CardInput<'a>,
    /// The answer to the pain question, shown as a quiet chip.
    pub pain_before: Option<PainScore>,
}

/// The header's words: "4 of 11 · Cork screws", or "4 of 11 · Next: Cork screws" during the
/// get-ready between exercises; a single exercise shows its name alone.
pub fn header_text(
    exercise: &Exercise,
    position: Option<(usize, usize)>,
    get_ready: bool,
) -> String {
    let name = if get_ready && position.is_some() {
        format!("Next: {}", exercise.name)
    } else {
        exercise.name.clone()
    };
    match position {
        Some((at, total)) => format!("{at} of {total} \u{b7} {name}"),
        None => name,
    }
}

/// Draws the guided layout in the space left in `ui`.
pub fn guided_ui(ui: &mut egui::Ui, input: &GuidedInput<'_>, commands: &mut Vec<Command>) {
    let scale = theme::text_scale(ui.style());
    let window_height = input.card.timer.window_height;
    let display = input.timer.display(input.card.timer.now);
    let get_ready = !input.timer.is_ready()
        && !display.finished
        && display.step.is_some_and(|s| s.phase == Phase::GetReady);

    // Everything stays inside the space given, even if a long header overflows it.
    let full = ui.available_rect_before_wrap();
    header_ui(ui, input, get_ready);
    let area = ui.available_rect_before_wrap().intersect(full);
    let gap = ui.spacing().item_spacing.y;

    // From the bottom up: the keys, the controls, then (when open and there is room) the steps.
    let keys_height = keys_height(ui, area.width());
    let keys = egui::Rect::from_min_max(
        egui::pos2(area.left(), area.bottom() - keys_height),
        area.max,
    );
    let nav_height = nav_rows(ui, input, area.width()) * (button_height(scale) + gap);
    let nav = egui::Rect::from_min_max(
        egui::pos2(area.left(), keys.top() - nav_height),
        egui::pos2(area.right(), keys.top()),
    );
    let mut body = egui::Rect::from_min_max(area.min, egui::pos2(area.right(), nav.top() - gap));

    // The steps take up to a third of the body, only if the timer keeps what it needs.
    let steps_id = ui.make_persistent_id(("guided-how-to", &input.exercise.id));
    let steps_open = ui.data(|d| d.get_temp::<bool>(steps_id)).unwrap_or(false);
    let timer_needs = timer_needs(scale, body.width());
    let steps_room = body.height() - timer_needs - MIN_DRAWING;
    let steps_fit = steps_room > 80.0 * scale;
    if steps_open && steps_fit {
        let height = (body.height() / 3.0).min(steps_room);
        let steps =
            egui::Rect::from_min_max(egui::pos2(body.left(), body.bottom() - height), body.max);
        body.max.y = steps.top() - gap;
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(steps));
        egui::Frame::group(child.style()).show(&mut child, |ui| {
            ui.set_min_size(steps.size() - egui::vec2(14.0, 14.0));
            egui::ScrollArea::vertical()
                .id_salt("guided-steps")
                .show(ui, |ui| exercise_card::instructions_ui(ui, input.exercise));
        });
    }

    body_ui(ui, body, input, get_ready, window_height);

    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(nav)
            .layout(egui::Layout::left_to_right(egui::Align::Min).with_main_wrap(true)),
    );
    nav_ui(
        &mut child,
        input,
        (steps_id, steps_open, steps_fit),
        commands,
    );
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(keys));
    child.label(
        egui::RichText::new(keys_text(input.position.is_some()))
            .small()
            .weak(),
    );
    // The whole area is this layout's: nothing after it, nothing to scroll.
    ui.allocate_rect(area, egui::Sense::hover());
}

/// The smallest drawing kept before the steps may open.
const MIN_DRAWING: f32 = 120.0;

/// The header: the name at heading size in the strongest colour, the dose chips and the pain
/// chip on the same row (wrapping under it when narrow).
fn header_ui(ui: &mut egui::Ui, input: &GuidedInput<'_>, get_ready: bool) {
    ui.horizontal_wrapped(|ui| {
        theme::heading(ui, header_text(input.exercise, input.position, get_ready));
        ui.add_space(8.0);
        for chip in exercise_card::dose_chips(&input.exercise.dose) {
            exercise_card::chip_ui(ui, &chip);
        }
        if let Some(score) = input.pain_before {
            exercise_card::chip_ui(ui, &format!("Pain before: {score}"));
        }
    });
    ui.add_space(4.0);
}

/// The height the timer needs besides its digits, plus the smallest digits, at `scale` in a
/// body `width` wide.
fn timer_needs(scale: f32, width: f32) -> f32 {
    timer_ui::around_digits(scale, width / 2.0) + 60.0
}

/// Lays out the drawing and the timer in `body`: side by side when the body is wide, stacked
/// when narrow. During the get-ready the drawing gets the larger share ("Next: …").
fn body_ui(
    ui: &mut egui::Ui,
    body: egui::Rect,
    input: &GuidedInput<'_>,
    get_ready: bool,
    window_height: f32,
) {
    let scale = theme::text_scale(ui.style());
    let digits_max = theme::GUIDED_COUNTDOWN_SHARE * window_height;
    let has_drawing = illustration::svg_for(input.exercise).is_some();
    let gap = 16.0;
    let side_by_side = body.width() >= 600.0 && body.width() >= 1.2 * body.height();
    let (drawing, timer) = if !has_drawing {
        (None, body)
    } else if side_by_side {
        let share = if get_ready { 0.6 } else { 0.45 };
        let width = (body.width() * share).min(body.height() * illustration::ASPECT);
        let drawing = egui::Rect::from_center_size(
            egui::pos2(body.left() + width / 2.0, body.center().y),
            egui::vec2(width, width / illustration::ASPECT),
        );
        let timer =
            egui::Rect::from_min_max(egui::pos2(drawing.right() + gap, body.top()), body.max);
        (Some(drawing), timer)
    } else {
        // Stacked: the timer keeps what it needs; the drawing has the rest, up to full width.
        let needs = timer_ui::around_digits(scale, body.width()) + digits_max.min(160.0);
        let share: f32 = if get_ready { 0.6 } else { 0.5 };
        let height = (body.height() - needs)
            .min(body.height() * share)
            .min(body.width() / illustration::ASPECT)
            .max(0.0);
        let drawing = egui::Rect::from_center_size(
            egui::pos2(body.center().x, body.top() + height / 2.0),
            egui::vec2(height * illustration::ASPECT, height),
        );
        let timer =
            egui::Rect::from_min_max(egui::pos2(body.left(), drawing.bottom() + gap), body.max);
        (Some(drawing), timer)
    };
    // The drawing shrinks before anything else goes; below a thumbnail's size it is left out.
    if let Some(drawing) = drawing.filter(|r| r.height() >= theme::THUMBNAIL_SIZE) {
        illustration::illustration_in_rect(ui, drawing, input.exercise);
    }
    timer_ui::display_in_rect_ui(ui, timer, &input.card.timer, input.timer, digits_max);
}

/// The height of one row of big buttons at `scale`.
fn button_height(scale: f32) -> f32 {
    theme::BIG_BUTTON_HEIGHT * scale.max(1.0)
}

/// The controls' labels, in order.
fn nav_labels(input: &GuidedInput<'_>) -> Vec<&'static str> {
    let mut labels = vec![
        timer_ui::main_label(input.timer, input.card.timer.now),
        "Skip step",
        "Restart",
    ];
    if input.position.is_some() {
        labels.extend(["Previous", "Next", "Done", "Leave routine"]);
    } else {
        labels.push(if input.card.done {
            "Done today"
        } else {
            "Mark as done"
        });
    }
    labels.push(exercise_card::HOW_TO);
    labels
}

/// How many rows the controls take in `width`, measured from their labels.
fn nav_rows(ui: &egui::Ui, input: &GuidedInput<'_>, width: f32) -> f32 {
    let scale = theme::text_scale(ui.style());
    let font = egui::FontId::proportional(timer_ui::BIG_BUTTON_TEXT * scale);
    let padding = ui.spacing().button_padding.x * 2.0;
    let spacing = ui.spacing().item_spacing.x;
    let mut rows = 1.0;
    let mut used = 0.0;
    for label in nav_labels(input) {
        let text = ui.fonts_mut(|fonts| {
            fonts
                .layout_no_wrap(label.to_owned(), font.clone(), egui::Color32::WHITE)
                .size()
                .x
        });
        let button = (text + padding).max(MIN_BUTTON_WIDTH) + spacing;
        if used + button > width && used > 0.0 {
            rows += 1.0;
            used = 0.0;
        }
        used += button;
    }
    rows
}

/// The narrowest control button.
const MIN_BUTTON_WIDTH: f32 = 96.0;

/// The controls row: the timer's (Pause, Skip step, Restart), then the routine's (Previous,
/// Next, Done, Leave routine) or "Mark as done", then "How to do it".
fn nav_ui(
    ui: &mut egui::Ui,
    input: &GuidedInput<'_>,
    (steps_id, steps_open, steps_fit): (egui::Id, bool, bool),
    commands: &mut Vec<Command>,
) {
    let scale = theme::text_scale(ui.style());
    let big = |text: &str| timer_ui::big_button(text, scale, MIN_BUTTON_WIDTH);
    // (The guided layout never shows in a window that saves nothing.)
    timer_ui::controls_ui(
        ui,
        input.timer,
        &input.card.timer,
        MIN_BUTTON_WIDTH,
        commands,
    );
    if input.position.is_some() {
        if ui
            .add(big("Previous"))
            .on_hover_text("Left arrow")
            .clicked()
        {
            commands.push(Command::GuidedPrevious);
        }
        if ui.add(big("Next")).on_hover_text("Right arrow").clicked() {
            commands.push(Command::GuidedNext);
        }
        if ui
            .add(big("Done"))
            .on_hover_text("Mark this exercise done and move on (Enter)")
            .clicked()
        {
            commands.push(Command::GuidedMarkDone);
        }
        if ui.add(big("Leave routine")).on_hover_text("Esc").clicked() {
            commands.push(Command::LeaveGuided);
        }
    } else {
        exercise_card::mark_done_ui(ui, &input.card, input.exercise, commands);
    }
    let toggle = big(exercise_card::HOW_TO).selected(steps_open && steps_fit);
    let response = ui.add_enabled(steps_fit, toggle);
    let response = if steps_fit {
        response.on_hover_text(if steps_open {
            "Hide the steps"
        } else {
            "Show the steps, cues and safety"
        })
    } else {
        response.on_disabled_hover_text("The window is too small for the steps beside the timer")
    };
    if response.clicked() {
        ui.data_mut(|d| d.insert_temp(steps_id, !steps_open));
    }
}

/// The keys, always on screen in the guided layout.
fn keys_text(guided: bool) -> &'static str {
    if guided {
        "Keys: Space start/pause \u{b7} Right arrow next \u{b7} Left arrow previous \u{b7} Enter done \u{b7} Esc leave \u{b7} Tab moves between buttons"
    } else {
        "Keys: Space start/pause \u{b7} Enter mark done \u{b7} Tab moves between buttons"
    }
}

/// The height of the keys line, wrapped in `width`.
fn keys_height(ui: &egui::Ui, width: f32) -> f32 {
    let font = egui::TextStyle::Small.resolve(ui.style());
    ui.fonts_mut(|fonts| {
        fonts
            .layout(
                keys_text(true).to_owned(),
                font,
                egui::Color32::WHITE,
                width,
            )
            .size()
            .y
    })
}
