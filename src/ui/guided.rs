//! The guided layout: one exercise on a screen that never scrolls, read from a mat. A header
//! ("4 of 11 · Cork screws" and the dose as chips), the drawing and the timer side by side on
//! wide windows and stacked on narrow ones, the steps behind "How to do it", and the controls
//! in one row at the bottom, with the therapist's pain limits in one quiet line. It serves the
//! guided routine and a single exercise whose timer runs. The session's notes open above the
//! controls ("Notes", or the N key), so they can be written without leaving the routine.
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
    /// The open session's notes, when this layout is where they are written (the guided
    /// routine, or a single exercise with the checklist out of view); `None` leaves them out.
    pub notes: Option<&'a str>,
    /// Open the notes and give them the keyboard focus (the N key was pressed).
    pub focus_notes: bool,
    /// The pain limits in force, in one line (`PainModel::one_line`): shown once here, not on
    /// every card.
    pub limits: String,
    /// Whether the day is gentle (the exercise and its dose are the gentle ones): a chip says
    /// so.
    pub gentle: bool,
}

/// Whether the notes are open, kept across frames.
fn notes_id() -> egui::Id {
    egui::Id::unique("guided-notes")
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
    let steps_id = ui.make_persistent_id(("guided-how-to", &input.exercise.id));
    let fit_id = steps_id.with("fit");
    let steps_open = ui.data(|d| d.get_temp::<bool>(steps_id)).unwrap_or(false);
    let fit_before = ui.data(|d| d.get_temp::<bool>(fit_id)).unwrap_or(true);
    if input.focus_notes && input.notes.is_some() {
        ui.data_mut(|d| d.insert_temp(notes_id(), true));
    }
    let notes_open =
        input.notes.is_some() && ui.data(|d| d.get_temp::<bool>(notes_id())).unwrap_or(false);
    header_ui(ui, input, get_ready, (steps_id, steps_open, fit_before));
    let area = ui.available_rect_before_wrap().intersect(full);
    let gap = ui.spacing().item_spacing.y;

    // From the bottom up: the keys and the limits, the controls, the notes when open, then
    // (when open and there is room) the steps.
    let keys_height = text_height(ui, keys_text(true), area.width())
        + text_height(ui, &input.limits, area.width());
    let keys = egui::Rect::from_min_max(
        egui::pos2(area.left(), area.bottom() - keys_height),
        area.max,
    );
    let nav_height = nav_rows(ui, input, area.width()) * (button_height(scale) + gap);
    let nav = egui::Rect::from_min_max(
        egui::pos2(area.left(), keys.top() - nav_height),
        egui::pos2(area.right(), keys.top()),
    );
    let notes_height = if notes_open {
        2.0 * ui.text_style_height(&egui::TextStyle::Body)
            + 2.0 * ui.spacing().button_padding.y
            + 8.0
    } else {
        0.0
    };
    let notes = egui::Rect::from_min_max(
        egui::pos2(area.left(), nav.top() - notes_height),
        egui::pos2(area.right(), nav.top()),
    );
    let body = egui::Rect::from_min_max(area.min, egui::pos2(area.right(), notes.top() - gap));

    let digits_max = theme::GUIDED_COUNTDOWN_SHARE * window_height;
    let shape = Shape {
        scale,
        has_drawing: illustration::svg_for(input.exercise).is_some(),
        get_ready,
        digits_max,
    };
    let steps_fit = plan(body, &shape, true).steps.is_some();
    if steps_fit != fit_before {
        ui.data_mut(|d| d.insert_temp(fit_id, steps_fit));
        ui.ctx().request_repaint();
    }
    let plan = plan(body, &shape, steps_open);
    // The drawing shrinks before anything else goes; below a thumbnail's size it is left out.
    if let Some(drawing) = plan.drawing.filter(|r| r.height() >= theme::THUMBNAIL_SIZE) {
        illustration::illustration_in_rect(ui, drawing, input.exercise);
    }
    if let Some(steps) = plan.steps {
        // The steps scroll in their own box; the layout around them does not move.
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(steps));
        egui::Frame::group(child.style()).show(&mut child, |ui| {
            ui.set_min_size((steps.size() - egui::vec2(14.0, 14.0)).max(egui::Vec2::ZERO));
            egui::ScrollArea::vertical()
                .id_salt("guided-steps")
                .show(ui, |ui| exercise_card::instructions_ui(ui, input.exercise));
        });
    }
    timer_ui::display_in_rect_ui(ui, plan.timer, &input.card.timer, input.timer, digits_max);

    if let Some(text) = input.notes.filter(|_| notes_open) {
        let mut child = ui.new_child(egui::UiBuilder::new().max_rect(notes));
        notes_ui(&mut child, text, input.focus_notes, commands);
    }
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(nav));
    child.horizontal_wrapped(|ui| nav_ui(ui, input, commands));
    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(keys));
    child.label(egui::RichText::new(&input.limits).small().weak());
    child.label(
        egui::RichText::new(keys_text(input.position.is_some()))
            .small()
            .weak(),
    );
    // The whole area is this layout's: nothing after it, nothing to scroll.
    ui.allocate_rect(area, egui::Sense::hover());
}

/// The header: the name at heading size in the strongest colour, the dose chips and the pain
/// chip on the same row (wrapping under it when narrow).
fn header_ui(
    ui: &mut egui::Ui,
    input: &GuidedInput<'_>,
    get_ready: bool,
    steps: (egui::Id, bool, bool),
) {
    ui.horizontal_wrapped(|ui| {
        theme::heading(ui, header_text(input.exercise, input.position, get_ready));
        ui.add_space(8.0);
        let version =
            crate::ui::exercise_versions::version_line(input.exercise, input.card.version);
        let version = version.filter(|_| !input.card.version.is_standard());
        for chip in version
            .into_iter()
            .chain(exercise_card::dose_chips(&input.exercise.dose))
        {
            exercise_card::chip_ui(ui, &chip);
        }
        if let Some(score) = input.pain_before {
            exercise_card::chip_ui(ui, &format!("Pain before: {score}"));
        }
        if input.gentle {
            exercise_card::chip_ui(ui, "Gentler session");
        }
        how_to_toggle_ui(ui, steps);
        if input.notes.is_some() {
            notes_toggle_ui(ui);
        }
    });
    ui.add_space(4.0);
}

/// "Notes": opens and closes the session's notes above the controls (the N key opens them too).
fn notes_toggle_ui(ui: &mut egui::Ui) {
    let open = ui.data(|d| d.get_temp::<bool>(notes_id())).unwrap_or(false);
    let response = ui
        .add(egui::Button::new("Notes").selected(open))
        .on_hover_text(if open {
            "Hide the notes"
        } else {
            "Notes for you or your therapist (key: N)"
        });
    if response.clicked() {
        ui.data_mut(|d| d.insert_temp(notes_id(), !open));
    }
}

/// The session's notes, in the strip above the controls; what is typed is saved as it is typed.
fn notes_ui(ui: &mut egui::Ui, notes: &str, focus: bool, commands: &mut Vec<Command>) {
    let mut text = notes.to_owned();
    let height = ui.available_height();
    let response = egui::ScrollArea::vertical()
        .id_salt("guided-notes")
        .max_height(height)
        .show(ui, |ui| {
            ui.add(
                egui::TextEdit::multiline(&mut text)
                    .hint_text("Notes for you or your therapist (key: N)")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
        })
        .inner;
    crate::ui::a11y::set_name(&response, "Session notes");
    if focus {
        // After the field was drawn, so the N that asked for it is not typed into it.
        response.request_focus();
    }
    if response.changed() {
        commands.push(Command::SetNotes(text));
    }
}

/// "How to do it": opens and closes the steps. Disabled when the window has no room for them
/// beside the timer (`fit`, as measured in the last frame).
fn how_to_toggle_ui(ui: &mut egui::Ui, (id, open, fit): (egui::Id, bool, bool)) {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let width = ui.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(exercise_card::HOW_TO.to_owned(), font, egui::Color32::WHITE)
            .size()
            .x
    }) + 2.0 * ui.spacing().button_padding.x;
    if ui.available_size_before_wrap().x < width {
        ui.end_row();
    }
    let toggle = egui::Button::new(exercise_card::HOW_TO).selected(open && fit);
    let response = ui.add_enabled(fit, toggle);
    let response = if fit {
        response.on_hover_text(if open {
            "Hide the steps"
        } else {
            "Show the steps, cues and safety"
        })
    } else {
        response.on_disabled_hover_text("The window is too small for the steps beside the timer")
    };
    if response.clicked() {
        ui.data_mut(|d| d.insert_temp(id, !open));
    }
}

/// What decides the layout of the body.
struct Shape {
    /// The text size.
    scale: f32,
    /// The exercise has a drawing.
    has_drawing: bool,
    /// The get-ready: the drawing gets the larger share ("Next: …").
    get_ready: bool,
    /// The countdown's largest height.
    digits_max: f32,
}

/// Where the drawing, the steps (when open and there is room) and the timer go.
struct Plan {
    drawing: Option<egui::Rect>,
    steps: Option<egui::Rect>,
    timer: egui::Rect,
}

/// The smallest steps box worth opening, at 100 % text.
const MIN_STEPS: f32 = 120.0;

/// Lays out the body: the drawing and the timer side by side when the body is wide, stacked
/// when narrow. Open steps share the drawing's column (side by side: the drawing above them,
/// smaller) or take the drawing's place (stacked); when even that leaves too little room, they
/// stay closed (`steps` is `None`).
fn plan(body: egui::Rect, shape: &Shape, steps_open: bool) -> Plan {
    let gap = 16.0;
    let drawing_share = if shape.get_ready { 0.6 } else { 0.45 };
    let side_by_side = body.width() >= 600.0 && body.width() >= 1.2 * body.height();
    let min_steps = MIN_STEPS * shape.scale;
    if side_by_side {
        let width = if shape.has_drawing || steps_open {
            (body.width() * drawing_share).min(body.height() * illustration::ASPECT)
        } else {
            0.0
        };
        let column = egui::Rect::from_min_size(body.min, egui::vec2(width, body.height()));
        let timer = egui::Rect::from_min_max(
            egui::pos2(
                body.left() + width + if width > 0.0 { gap } else { 0.0 },
                body.top(),
            ),
            body.max,
        );
        let drawing_for = |height: f32| {
            let height = height.min(width / illustration::ASPECT).max(0.0);
            egui::Rect::from_min_size(
                column.min,
                egui::vec2(height * illustration::ASPECT, height),
            )
        };
        if steps_open && column.height() >= min_steps {
            let drawing = shape
                .has_drawing
                .then(|| drawing_for(column.height() * 0.4))
                .filter(|r| column.height() - r.height() - gap >= min_steps);
            let top = drawing.map_or(column.top(), |r| r.bottom() + gap);
            let steps = egui::Rect::from_min_max(egui::pos2(column.left(), top), column.max);
            return Plan {
                drawing,
                steps: Some(steps),
                timer,
            };
        }
        let drawing = shape.has_drawing.then(|| {
            egui::Rect::from_center_size(
                egui::pos2(column.center().x, body.center().y),
                egui::vec2(width, width / illustration::ASPECT),
            )
        });
        return Plan {
            drawing,
            steps: None,
            timer,
        };
    }
    // Stacked: the timer keeps what it needs; the drawing (or the open steps) has the rest.
    let needs = timer_ui::around_digits(shape.scale, body.width()) + shape.digits_max.min(160.0);
    let room = (body.height() - needs - gap).max(0.0);
    if steps_open && room >= min_steps {
        let steps = egui::Rect::from_min_size(body.min, egui::vec2(body.width(), room));
        let timer =
            egui::Rect::from_min_max(egui::pos2(body.left(), steps.bottom() + gap), body.max);
        return Plan {
            drawing: None,
            steps: Some(steps),
            timer,
        };
    }
    if !shape.has_drawing {
        return Plan {
            drawing: None,
            steps: None,
            timer: body,
        };
    }
    let stacked_share: f32 = if shape.get_ready { 0.6 } else { 0.5 };
    let height = room
        .min(body.height() * stacked_share)
        .min(body.width() / illustration::ASPECT);
    let drawing = egui::Rect::from_center_size(
        egui::pos2(body.center().x, body.top() + height / 2.0),
        egui::vec2(height * illustration::ASPECT, height),
    );
    let timer = egui::Rect::from_min_max(egui::pos2(body.left(), drawing.bottom() + gap), body.max);
    Plan {
        drawing: Some(drawing),
        steps: None,
        timer,
    }
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
/// Next, Done, Leave routine) or "Mark as done".
fn nav_ui(ui: &mut egui::Ui, input: &GuidedInput<'_>, commands: &mut Vec<Command>) {
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
}

/// The keys, always on screen in the guided layout.
fn keys_text(guided: bool) -> &'static str {
    if guided {
        "Keys: Space start/pause \u{b7} Right arrow next \u{b7} Left arrow previous \u{b7} Enter done \u{b7} N notes \u{b7} Esc leave \u{b7} Tab moves between buttons"
    } else {
        "Keys: Space start/pause \u{b7} Enter mark done \u{b7} N notes \u{b7} Tab moves between buttons"
    }
}

/// The height of a line of small text, wrapped in `width`.
fn text_height(ui: &egui::Ui, text: &str, width: f32) -> f32 {
    let font = egui::TextStyle::Small.resolve(ui.style());
    ui.fonts_mut(|fonts| {
        fonts
            .layout(text.to_owned(), font, egui::Color32::WHITE, width)
            .size()
            .y
    })
}
