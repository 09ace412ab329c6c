//! The safety texts: the first-start notice, About, and "When to see a doctor" with the red
//! flags. Written in our own words; modest on purpose.

use crate::core::catalog::{PainModel, whose_limits};
use crate::core::session::{FlagSource, RedFlag, Urgency};
use crate::ui::command::Command;
use crate::ui::theme;

/// The label of Today's control that opens the warning-sign list on any day (the warning-sign
/// texts here name it, so it lives with them).
pub const SOMETHING_NEW: &str = "Something new or worrying?";

/// The line of an emergency warning sign, in the danger colour and large, with nothing else in
/// its frame: the level's headline and what to do. `lead` says what brought it up, if needed.
pub fn emergency_box_ui(ui: &mut egui::Ui, lead: Option<&str>) {
    let level = Urgency::Emergency;
    let danger = theme::danger(ui.visuals());
    egui::Frame::new()
        .stroke(egui::Stroke::new(2.0, danger))
        .inner_margin(8.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            if let Some(lead) = lead {
                ui.label(lead);
            }
            ui.label(
                egui::RichText::new(level.title())
                    .heading()
                    .strong()
                    .color(danger),
            );
            ui.label(level.advice());
        });
}

/// The notice shown on first start and in About.
pub const NOTICE: &str = "Limber helps you follow the routine your massage therapist or other \
health professional gave you and keep a record of how you feel. It is for education only and is \
not medical advice. It cannot tell what is causing your pain. Skip any exercise that hurts, and \
talk to your therapist or doctor if you are worried about your back.";

/// Said on first start about the doses Limber comes with.
pub const NOTICE_DOSES: &str = "The sets, repetitions, holds and rests Limber comes with are a \
gentle starting point, not a prescription: your therapist's dose replaces them.";

/// The line before the warning signs on first start.
pub const NOTICE_SIGNS: &str = "If any of these warning signs applies to you, see a doctor \
before doing these exercises:";

/// The pain-monitoring model in one line, before the limits themselves.
pub const PAIN_MODEL_INTRO: &str = "Some pain during and after the exercises can be fine. Limber \
compares your ratings with these limits and suggests easing off, or talking to your therapist, \
when they are passed:";

/// The pain-monitoring model: what it is, the limits in force (the therapist's, or Limber's
/// starting ones) and whose they are.
pub fn pain_model_ui(ui: &mut egui::Ui, model: PainModel) {
    ui.label(PAIN_MODEL_INTRO);
    for line in model.plain_words() {
        ui.label(format!("\u{2022} {line}"));
    }
    ui.label(egui::RichText::new(whose_limits(model)).italics());
}

/// The emergency line, shown under every list of warning signs.
pub const EMERGENCY: &str = "In an emergency, call your local emergency number.";

/// Lists every warning sign, grouped by where it comes from, each group under its heading,
/// each sign followed by how soon it needs a doctor; then what each level means.
pub fn warning_signs_ui(ui: &mut egui::Ui) {
    for source in [FlagSource::Article, FlagSource::ClinicalGuidance] {
        ui.label(egui::RichText::new(source.heading()).strong());
        for flag in RedFlag::from_source(source) {
            ui.label(format!(
                "\u{2022} {} ({})",
                flag.label(),
                flag.urgency().tag()
            ));
        }
        ui.add_space(4.0);
    }
    ui.label(egui::RichText::new("How soon to get help").strong());
    for level in Urgency::ALL {
        ui.label(format!("{}: {}.", level.tag(), level.title()));
    }
    ui.label(format!(
        "If one of these starts between weekly check-ins, tell Limber with \u{201c}{SOMETHING_NEW}\u{201d} \
         on Today: it keeps the date and tells you how soon to get help."
    ));
    ui.add_space(4.0);
}

/// The first-start notice, as a modal. It lists the warning signs before "I understand", and
/// only a click (or Space/Enter on the focused button) closes it: a stray Enter does not.
///
/// Its text scrolls and its button sits below the scroll area, so "I understand" is always in
/// the window, however small (at 1024 × 600 the text alone is taller than the window).
pub fn notice_modal(ctx: &egui::Context, model: PainModel, commands: &mut Vec<Command>) {
    // What the modal's frame, the space above the button and the button itself take.
    const FOOTER_HEIGHT: f32 = 170.0;
    let body_height = (ctx.content_rect().height() - FOOTER_HEIGHT).max(120.0);
    let id = egui::Id::unique("first-start-notice");
    crate::ui::a11y::top_modal(id, "Safety notice").show(ctx, |ui| {
        ui.set_max_width(560.0);
        egui::ScrollArea::vertical()
            .id_salt("notice-body")
            .max_height(body_height)
            .show(ui, |ui| {
                crate::ui::theme::heading(ui, "Before you start");
                ui.label(NOTICE);
                ui.add_space(6.0);
                ui.label(NOTICE_DOSES);
                ui.add_space(6.0);
                pain_model_ui(ui, model);
                ui.add_space(8.0);
                ui.label(egui::RichText::new(NOTICE_SIGNS).strong());
                warning_signs_ui(ui);
                ui.label(EMERGENCY);
            });
        ui.add_space(12.0);
        if ui
            .add(
                egui::Button::new(egui::RichText::new("I understand").strong()).min_size(
                    egui::vec2(160.0, theme::sizes(ui.style()).big_button_height),
                ),
            )
            .clicked()
        {
            commands.push(Command::AcknowledgeNotice);
        }
    });
}

/// The About & safety screen.
pub fn about_ui(ui: &mut egui::Ui, model: PainModel) {
    egui::ScrollArea::vertical().id_salt("about").show(ui, |ui| {
        crate::ui::theme::heading(ui, "When to see a doctor");
        ui.label(
            "Upper back pain often settles by itself. Some signs, though, are reasons to book a visit \
             to your doctor soon rather than keep going on your own. If any of these apply to you, \
             please see a doctor:",
        );
        ui.add_space(6.0);
        warning_signs_ui(ui);
        ui.add_space(6.0);
        ui.label(
            "If you are ever anxious about your back, that alone is a good reason to ask a doctor.",
        );
        ui.label(EMERGENCY);
        ui.add_space(theme::SECTION_GAP);
        crate::ui::theme::heading(ui, "About Limber");
        ui.label(NOTICE);
        ui.add_space(6.0);
        ui.label(NOTICE_DOSES);
        ui.add_space(theme::SECTION_GAP);
        crate::ui::theme::heading(ui, "How Limber watches your pain");
        pain_model_ui(ui, model);
        ui.add_space(theme::SECTION_GAP);
        crate::ui::lessons::lessons_ui(ui);
        ui.add_space(6.0);
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        // The lessons sit far down the page: Tab must bring each into view.
        crate::ui::a11y::keep_focus_in_view(ui);
    });
}
