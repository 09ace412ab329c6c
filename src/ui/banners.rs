//! Calm banners for the safety prompts, shown on the Progress screen and reusable on Today.

use egui::{CornerRadius, Frame, Margin, RichText, Stroke, Ui};

use crate::core::prompts::{Prompt, PromptKind};
use crate::ui::progress::ProgressAction;
use crate::ui::theme;

/// Draws one banner per prompt, in the order given, and returns what the person chose.
#[must_use]
pub fn prompt_banners_ui(ui: &mut Ui, prompts: &[Prompt]) -> Vec<ProgressAction> {
    let mut actions = Vec::new();
    for prompt in prompts {
        banner_ui(ui, prompt, &mut actions);
        ui.add_space(8.0);
    }
    actions
}

/// One banner: headline, message, the suggested step and a way to hide it.
pub(crate) fn banner_ui(ui: &mut Ui, prompt: &Prompt, actions: &mut Vec<ProgressAction>) {
    let visuals = ui.visuals().clone();
    let fill = match prompt.kind {
        PromptKind::SeeDoctor { .. } => theme::doctor_banner_fill(&visuals),
        PromptKind::Pause | PromptKind::LeaveOut { .. } => theme::banner_fill(&visuals),
    };
    Frame::new()
        .fill(fill)
        .stroke(Stroke::new(
            1.0,
            visuals.widgets.noninteractive.bg_stroke.color,
        ))
        .corner_radius(CornerRadius::same(8))
        .inner_margin(Margin::same(12))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&prompt.title).heading().strong());
            ui.label(&prompt.message);
            if let PromptKind::SeeDoctor { flags } = &prompt.kind
                && flags.is_empty()
            {
                {
                    egui::CollapsingHeader::new("Signs that mean you should see a doctor")
                        .id_salt(("red-flags", &prompt.key))
                        .show(ui, crate::ui::safety::warning_signs_ui);
                }
            }
            ui.add_space(4.0);
            ui.horizontal_wrapped(|ui| {
                match &prompt.kind {
                    PromptKind::SeeDoctor { .. } => {
                        if ui.button("When to see a doctor").clicked() {
                            actions.push(ProgressAction::OpenDoctorPage);
                        }
                    }
                    PromptKind::LeaveOut { exercise_id } => {
                        if ui
                            .button("Leave it out for now")
                            .on_hover_text(
                                "Switches the exercise off in your routine. You can switch it \
                                 back on in the routine editor at any time.",
                            )
                            .clicked()
                        {
                            actions.push(ProgressAction::LeaveOutExercise(exercise_id.clone()));
                        }
                    }
                    PromptKind::Pause => {}
                }
                if ui
                    .button("Hide this message")
                    .on_hover_text("It will not show again for this occurrence.")
                    .clicked()
                {
                    actions.push(ProgressAction::Dismiss(prompt.key.clone()));
                }
            });
        });
}
