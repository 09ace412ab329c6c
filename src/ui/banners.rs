//! The one banner widget (a full-width, tinted, rounded box for messages: pale on light, deep on
//! dark), and the calm banners of the safety prompts built on it, shown on Today and Progress.

use egui::{RichText, Ui};

use crate::core::prompts::{Prompt, PromptKind, offers_seen_my_doctor};
use crate::core::session::{RedFlag, SignAnswer, Urgency};
use crate::ui::command::ProgressAction;
use crate::ui::theme;

/// A full-width coloured box for messages.
pub fn banner(ui: &mut egui::Ui, tint: theme::Tint, add: impl FnOnce(&mut egui::Ui)) {
    let dark_mode = ui.visuals().dark_mode;
    egui::Frame::new()
        .fill(tint.fill(ui.visuals()))
        .inner_margin(10.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // A pale tint on light, a deep one on dark: the text and buttons follow the theme.
            ui.style_mut().visuals = theme::banner_visuals(dark_mode);
            add(ui);
        });
    ui.add_space(6.0);
}

/// An offer that takes a sentence to say (a progression, see `core::progression`), in the same
/// slim box as [`offer_chip_ui`]: the sentence on its own line, then a few words with the
/// buttons after them. Both wrap, so nothing is cut off in a narrow window.
pub fn offer_sentence_ui(ui: &mut Ui, sentence: &str, words: &str, buttons: impl FnOnce(&mut Ui)) {
    offer_frame_ui(ui, |ui| {
        ui.add(egui::Label::new(RichText::new(sentence).strong()).wrap());
        ui.horizontal_wrapped(|ui| {
            if !words.is_empty() {
                ui.add(egui::Label::new(words).wrap());
            }
            buttons(ui);
        });
    });
}

/// The slim box every offer sits in, full width, with the space below it.
fn offer_frame_ui(ui: &mut Ui, contents: impl FnOnce(&mut Ui)) {
    let dark_mode = ui.visuals().dark_mode;
    egui::Frame::new()
        .fill(theme::INFO_FILL.fill(ui.visuals()))
        .inner_margin(egui::Margin::symmetric(10, 4))
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.style_mut().visuals = theme::banner_visuals(dark_mode);
            contents(ui);
        });
    ui.add_space(6.0);
}

/// The answer a doctor prompt offers.
pub const SEEN_MY_DOCTOR: &str = "I have seen my doctor";

/// An offer (see `core::offers`) as one slim line: its name, a few words on what it asks, then
/// its buttons, wrapping only in a narrow window, so it never pushes Today's checklist down.
pub fn offer_chip_ui(ui: &mut egui::Ui, title: &str, words: &str, buttons: impl FnOnce(&mut Ui)) {
    offer_frame_ui(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            // Whole words-pieces: a label would otherwise wrap into the row's rest and push
            // the buttons onto a row of their own.
            ui.add(egui::Label::new(egui::RichText::new(title).strong()).extend());
            if !words.is_empty() {
                ui.add(egui::Label::new(words).extend());
            }
            buttons(ui);
        });
    });
}

/// Draws one banner per prompt, in the order given, and returns what the person chose.
#[must_use]
pub fn prompt_banners_ui(ui: &mut Ui, prompts: &[Prompt]) -> Vec<ProgressAction> {
    let mut actions = Vec::new();
    for prompt in prompts {
        // `banner` leaves its own space below.
        banner_ui(ui, prompt, &mut actions);
    }
    actions
}

/// One banner: headline, message, the suggested step and a way to hide it.
pub(crate) fn banner_ui(ui: &mut Ui, prompt: &Prompt, actions: &mut Vec<ProgressAction>) {
    let fill = match prompt.kind {
        PromptKind::SeeDoctor { .. } => theme::DOCTOR_BANNER_FILL,
        PromptKind::Pause | PromptKind::LeaveOut { .. } => theme::CAUTION_FILL,
        PromptKind::Note => theme::INFO_FILL,
    };
    let emergency = matches!(&prompt.kind, PromptKind::SeeDoctor { flags }
        if RedFlag::highest_urgency(flags) == Some(Urgency::Emergency));
    banner(ui, fill, |ui| {
        let mut title = RichText::new(&prompt.title).heading().strong();
        if emergency {
            title = title.color(theme::danger(ui.visuals()));
        }
        ui.label(title);
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
        // Ticked signs stay until answered: no "Hide this message", an answer for each instead.
        let answerable = match &prompt.kind {
            PromptKind::SeeDoctor { flags } => flags.as_slice(),
            _ => &[],
        };
        sign_answers_ui(ui, answerable, actions);
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
                PromptKind::Pause | PromptKind::Note => {}
            }
            if offers_seen_my_doctor(prompt)
                && ui
                    .button(SEEN_MY_DOCTOR)
                    .on_hover_text(format!(
                        "Limber will not show this kind of message for {} weeks, unless your \
                         pain clearly gets worse.",
                        crate::core::prompts::DOCTOR_REST_DAYS / 7
                    ))
                    .clicked()
            {
                actions.push(ProgressAction::SeenMyDoctor(prompt.clone()));
            }
            if answerable.is_empty()
                && ui
                    .button("Hide this message")
                    .on_hover_text("It will not show again for this occurrence.")
                    .clicked()
            {
                actions.push(ProgressAction::Dismiss(prompt.clone()));
            }
        });
    });
}

/// The answers to the ticked signs of a doctor prompt: "I have seen a doctor about this" for
/// each, and "My doctor knows about this" for a history item. With several signs, each sign's
/// words come first, so it is clear which one a button answers.
fn sign_answers_ui(ui: &mut Ui, flags: &[RedFlag], actions: &mut Vec<ProgressAction>) {
    for flag in flags {
        if flags.len() > 1 {
            ui.label(RichText::new(flag.label()).strong());
        }
        ui.horizontal_wrapped(|ui| {
            let seen = SignAnswer::SeenDoctor;
            if ui
                .button(seen.button())
                .on_hover_text("Limber notes the date; this sign's message then goes.")
                .clicked()
            {
                actions.push(ProgressAction::AnswerSign(*flag, seen));
            }
            let knows = SignAnswer::DoctorKnows;
            if flag.is_history()
                && ui
                    .button(knows.button())
                    .on_hover_text("Limber notes the date and stops asking about it every week.")
                    .clicked()
            {
                actions.push(ProgressAction::AnswerSign(*flag, knows));
            }
        });
    }
}
