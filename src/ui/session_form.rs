//! Asking about pain and symptoms: the 0–10 scale, the end-of-session form, and the editor used
//! in History.

use crate::core::session::{Hurt, PainScore, Session, Symptom};
use crate::ui::command::{Command, FinishAnswers};
use crate::ui::theme;

/// The state of the end-of-session form while it is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinishForm {
    /// The answers so far.
    pub answers: FinishAnswers,
}

impl FinishForm {
    /// A form pre-filled from the open session.
    pub fn for_session(session: &Session) -> FinishForm {
        FinishForm {
            answers: FinishAnswers {
                pain_after: session.pain_after,
                pain_areas: session.pain_areas.clone(),
                symptoms: session.symptoms.clone(),
                hurt: session
                    .exercises
                    .iter()
                    .map(|r| (r.exercise_id.to_string(), r.hurt))
                    .collect(),
                notes: session.notes.clone(),
            },
        }
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
    ui.horizontal_wrapped(|ui| {
        for value in 0..=max {
            let selected = current == Some(value);
            let button = egui::Button::new(egui::RichText::new(value.to_string()).size(20.0))
                .selected(selected)
                .frame(true)
                .min_size(egui::vec2(36.0, theme::BIG_BUTTON_HEIGHT));
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

/// A choice of hurt mark for one exercise: none, a little, stopped.
pub fn hurt_ui(ui: &mut egui::Ui, name: &str, hurt: &mut Option<Hurt>) {
    ui.horizontal_wrapped(|ui| {
        ui.label(name);
        for (text, value) in [
            ("No pain", None),
            ("Hurt a little", Some(Hurt::ALittle)),
            ("Stopped: pain", Some(Hurt::Stopped)),
        ] {
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
    });
}

/// The end-of-session form, as a modal window.
pub fn finish_modal(
    ctx: &egui::Context,
    form: &mut FinishForm,
    session: Option<&Session>,
    commands: &mut Vec<Command>,
) {
    let modal = crate::ui::a11y::named_modal(egui::Id::unique("finish-session"), "End of session")
        .show(ctx, |ui| {
            ui.set_max_width(560.0);
            ui.heading("How did it go?");
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
                    ui.label(egui::RichText::new("Where does it hurt? (optional)").strong());
                    crate::ui::body_map::body_map_ui(ui, "finish", &mut form.answers.pain_areas);
                    ui.add_space(8.0);
                    ui.label(egui::RichText::new("Did you feel any of these?").strong());
                    symptoms_ui(ui, &mut form.answers.symptoms);
                    if !form.answers.hurt.is_empty() {
                        ui.add_space(8.0);
                        ui.label(egui::RichText::new("Did any exercise hurt?").strong());
                        for (id, hurt) in &mut form.answers.hurt {
                            let name = session
                                .and_then(|s| s.record(id))
                                .map_or(id.as_str(), |r| &*r.name)
                                .to_owned();
                            hurt_ui(ui, &name, hurt);
                        }
                    }
                    ui.add_space(8.0);
                    ui.label(egui::RichText::new("Notes").strong());
                    let response = ui.add(
                        egui::TextEdit::multiline(&mut form.answers.notes)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY)
                            .hint_text("Anything you want to remember or tell your therapist"),
                    );
                    crate::ui::a11y::set_name(&response, "Notes");
                    crate::ui::a11y::keep_focus_in_view(ui);
                });
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button(egui::RichText::new("Save session").strong())
                    .clicked()
                {
                    commands.push(Command::FinishSession(form.answers.clone()));
                }
                if ui
                    .button("Not yet")
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
