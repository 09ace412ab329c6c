//! Asking about pain and symptoms: the 0–10 scale, the end-of-session form, and the editor used
//! in History.

use crate::core::session::{Completion, Hurt, PainScore, Session, SessionSummary, Symptom};
use crate::ui::command::{Command, FinishAnswers};
use crate::ui::theme;

/// The state of the end-of-session form while it is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinishForm {
    /// The answers so far.
    pub answers: FinishAnswers,
    /// The answer to "Did anything hurt?": `true` (Yes) opens the per-exercise grid, where
    /// it hurt and the symptoms. Starts at Yes when the session already holds such an answer
    /// (a hurt mark given during an exercise), so it is shown and kept.
    pub something_hurt: bool,
}

impl FinishForm {
    /// A form pre-filled from the open session.
    pub fn for_session(session: &Session) -> FinishForm {
        let answers = FinishAnswers {
            pain_after: session.pain_after,
            pain_areas: session.pain_areas.clone(),
            symptoms: session.symptoms.clone(),
            hurt: session
                .exercises
                .iter()
                .filter(|r| r.completion != Completion::Skipped || r.hurt.is_some())
                .map(|r| (r.exercise_id.to_string(), r.hurt))
                .collect(),
            notes: session.notes.clone(),
        };
        let something_hurt = answers.hurt.iter().any(|(_, hurt)| hurt.is_some())
            || !answers.pain_areas.is_empty()
            || !answers.symptoms.is_empty();
        FinishForm {
            answers,
            something_hurt,
        }
    }

    /// The answers to save: with "No" to "Did anything hurt?", what sits under Yes (hurt marks,
    /// where it hurt, symptoms) is saved empty, so nothing hidden is kept.
    pub fn answers_to_save(&self) -> FinishAnswers {
        let mut answers = self.answers.clone();
        if !self.something_hurt {
            for (_, hurt) in &mut answers.hurt {
                *hurt = None;
            }
            answers.pain_areas.clear();
            answers.symptoms.clear();
        }
        answers
    }
}

/// A row of eleven buttons 0–10. Each has the accessible label "`label` N". Returns the score
/// clicked this frame.
pub fn pain_scale_ui(
    ui: &mut egui::Ui,
    label: &str,
    current: Option<PainScore>,
) -> Option<PainScore> {
    rating_row_ui(ui, label, current.map(PainScore::value), PainScore::MAX).and_then(PainScore::new)
}

/// A row of buttons 0 to `max`, each with the accessible label "`label` N"; the one equal to
/// `current` is shown selected. Returns the value clicked this frame. Used for pain and for
/// the 0–10 items of the outcome measures.
pub fn rating_row_ui(ui: &mut egui::Ui, label: &str, current: Option<u8>, max: u8) -> Option<u8> {
    let mut clicked = None;
    // The buttons grow with the text size (at 200 % they are twice as large).
    ui.horizontal_wrapped(|ui| {
        for value in 0..=max {
            let selected = current == Some(value);
            let size = theme::sizes(ui.style());
            let button = egui::Button::new(
                egui::RichText::new(value.to_string()).size(size.pain_button_text),
            )
            .selected(selected)
            .frame(true)
            .min_size(egui::vec2(size.pain_button_width, size.big_button_height));
            let response = ui.add(button);
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    selected,
                    format!("{label} {value}"),
                )
            });
            if response.clicked() {
                clicked = Some(value);
            }
        }
    });
    clicked
}

/// Checkboxes for the four symptoms, one a line, each with its meaning beside it.
pub fn symptoms_ui(ui: &mut egui::Ui, symptoms: &mut Vec<Symptom>) {
    for symptom in Symptom::ALL {
        ui.horizontal_wrapped(|ui| {
            let mut on = symptoms.contains(&symptom);
            let response = ui.checkbox(&mut on, symptom.label());
            ui.label(egui::RichText::new(symptom.meaning()).weak());
            if response.changed() {
                if on {
                    symptoms.push(symptom);
                    symptoms.sort();
                } else {
                    symptoms.retain(|s| *s != symptom);
                }
            }
        });
    }
}

/// The three hurt marks, in the order of the grid's columns.
const HURT_CHOICES: [(&str, Option<Hurt>); 3] = [
    ("No pain", None),
    ("Hurt a little", Some(Hurt::ALittle)),
    ("Stopped: pain", Some(Hurt::Stopped)),
];

/// A choice of hurt mark for one exercise (none, a little, stopped) as one row of a grid: the
/// name, then one cell per choice, so the choices line up in fixed columns and never wrap.
/// Each choice's accessible name is "`name`: choice".
pub fn hurt_row_ui(ui: &mut egui::Ui, name: &str, hurt: &mut Option<Hurt>) {
    hurt_choices_ui(ui, name, hurt);
    ui.end_row();
}

/// A choice of hurt mark for one exercise (none, a little, stopped) on one wrapping line, as
/// History's editor shows it.
pub fn hurt_ui(ui: &mut egui::Ui, name: &str, hurt: &mut Option<Hurt>) {
    ui.horizontal_wrapped(|ui| hurt_choices_ui(ui, name, hurt));
}

/// The exercise's name, then one selectable choice per hurt mark, each named "`name`: choice"
/// for screen readers, in whatever layout `ui` has.
fn hurt_choices_ui(ui: &mut egui::Ui, name: &str, hurt: &mut Option<Hurt>) {
    ui.label(name);
    for (text, value) in HURT_CHOICES {
        let response = ui.selectable_label(*hurt == value, text);
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::Button,
                true,
                *hurt == value,
                format!("{name}: {text}"),
            )
        });
        if response.clicked() {
            *hurt = value;
        }
    }
}

/// "Did anything hurt?" with No and Yes side by side; each has the accessible name "Did
/// anything hurt? No/Yes" and shows whether it is chosen.
fn something_hurt_ui(ui: &mut egui::Ui, something_hurt: &mut bool) {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(SOMETHING_HURT).strong());
        for (text, value) in [("No", false), ("Yes", true)] {
            let selected = *something_hurt == value;
            let response = ui.add(
                egui::Button::new(text)
                    .selected(selected)
                    .min_size(egui::vec2(
                        theme::sizes(ui.style()).answer_button_width,
                        ui.spacing().interact_size.y,
                    )),
            );
            response.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::Button,
                    true,
                    selected,
                    format!("{SOMETHING_HURT} {text}"),
                )
            });
            if response.clicked() {
                *something_hurt = value;
            }
        }
    });
}

/// The question that opens the details of what hurt.
pub const SOMETHING_HURT: &str = "Did anything hurt?";

/// What opens under "Yes": each exercise of this session with its hurt marks in fixed columns,
/// then where it hurt and the symptoms.
fn what_hurt_ui(ui: &mut egui::Ui, form: &mut FinishForm, session: Option<&Session>) {
    if !form.answers.hurt.is_empty() {
        egui::Grid::new("finish-hurt")
            .num_columns(1 + HURT_CHOICES.len())
            .spacing(egui::vec2(12.0, 6.0))
            .striped(true)
            .show(ui, |ui| {
                for (id, hurt) in &mut form.answers.hurt {
                    let name = session
                        .and_then(|s| s.record(id))
                        .map_or(id.as_str(), |r| &*r.name)
                        .to_owned();
                    hurt_row_ui(ui, &name, hurt);
                }
            });
        ui.add_space(8.0);
    }
    crate::ui::body_map::body_map_ui(ui, "finish", &mut form.answers.pain_areas);
    ui.add_space(8.0);
    ui.label(egui::RichText::new("Did you feel any of these?").strong());
    symptoms_ui(ui, &mut form.answers.symptoms);
}

/// The end-of-session form, as a modal window: pain now, "Did anything hurt?" (only Yes opens
/// the details), notes, and "Save session". Short enough to fit a 1024 × 600 window when
/// nothing hurt.
pub fn finish_modal(
    ctx: &egui::Context,
    form: &mut FinishForm,
    session: Option<&Session>,
    commands: &mut Vec<Command>,
) {
    let modal = crate::ui::a11y::named_modal(egui::Id::unique("finish-session"), "End of session")
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            crate::ui::theme::heading(ui, "How did it go?");
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.7)
                .show(ui, |ui| {
                    ui.label(
                        egui::RichText::new("Pain now (0 none, 10 worst imaginable)").strong(),
                    );
                    if let Some(score) = pain_scale_ui(ui, "Pain after", form.answers.pain_after) {
                        form.answers.pain_after = Some(score);
                    }
                    ui.add_space(8.0);
                    something_hurt_ui(ui, &mut form.something_hurt);
                    if form.something_hurt {
                        ui.add_space(4.0);
                        what_hurt_ui(ui, form, session);
                    }
                    ui.add_space(8.0);
                    ui.label(egui::RichText::new("Notes").strong());
                    let response = ui.add(
                        egui::TextEdit::multiline(&mut form.answers.notes)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY)
                            .hint_text("Anything you want to remember or tell your therapist"),
                    );
                    crate::ui::a11y::set_name(&response, "Notes");
                    crate::ui::a11y::keep_focus_in_view(ui);
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.add(theme::primary_button(ui, "Save session")).clicked() {
                    commands.push(Command::FinishSession(form.answers_to_save()));
                }
                if ui
                    .add(
                        egui::Button::new("Not yet")
                            .min_size(egui::vec2(0.0, theme::sizes(ui.style()).big_button_height)),
                    )
                    .on_hover_text("Go back to the routine; the session stays open")
                    .clicked()
                {
                    commands.push(Command::CancelFinish);
                }
            });
        });
    if modal.should_close()
        && !commands
            .iter()
            .any(|c| matches!(c, Command::FinishSession(_)))
    {
        commands.push(Command::CancelFinish);
    }
}

/// The calm end of a session, in place of the form once it is saved: "Session saved · 8
/// exercises · pain 4 → 3", with "See progress" and "Done". A dialog named with the whole
/// line, so a screen reader announces it as it opens; it stays until the person moves on.
pub fn end_card_modal(ctx: &egui::Context, summary: &SessionSummary, commands: &mut Vec<Command>) {
    let headline = summary.headline();
    let mut chosen = false;
    let modal = crate::ui::a11y::named_modal(egui::Id::unique("end-of-session-card"), &headline)
        .show(ctx, |ui| {
            ui.set_max_width(480.0);
            crate::ui::theme::heading(ui, "Session saved");
            let mut details = vec![summary.exercises_text()];
            details.extend(summary.pain_text());
            let details = details.join(" \u{b7} ");
            let response = ui.label(
                egui::RichText::new(&details)
                    .size(theme::sizes(ui.style()).summary)
                    .strong(),
            );
            crate::ui::a11y::set_name(&response, &details);
            ui.label("Well done. Rest a moment before you get up.");
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.add(theme::primary_button(ui, "Done")).clicked() {
                    chosen = true;
                    commands.push(Command::CloseEndCard);
                }
                if ui
                    .add(
                        egui::Button::new("See progress")
                            .min_size(egui::vec2(0.0, theme::sizes(ui.style()).big_button_height)),
                    )
                    .on_hover_text("How your pain and your routine have gone over time")
                    .clicked()
                {
                    chosen = true;
                    commands.push(Command::CloseEndCard);
                    commands.push(Command::Navigate(crate::ui::command::Screen::Progress));
                }
            });
        });
    if modal.should_close() && !chosen {
        commands.push(Command::CloseEndCard);
    }
}
