//! The safety texts: the first-start notice, About, and "When to see a doctor" with the red
//! flags. Written in our own words; modest on purpose.

use crate::core::session::RedFlag;
use crate::ui::command::Command;
use crate::ui::theme;

/// The notice shown on first start and in About.
pub const NOTICE: &str = "Limber helps you follow the routine your massage therapist or other \
health professional gave you and keep a record of how you feel. It is for education only and is \
not medical advice. It cannot tell what is causing your pain. Skip any exercise that hurts, and \
talk to your therapist or doctor if you are worried about your back.";

/// The first-start notice, as a modal.
pub fn notice_modal(ctx: &egui::Context, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("first-start-notice")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Before you start");
        ui.label(NOTICE);
        ui.add_space(8.0);
        ui.label("If any of the warning signs under \u{201c}About & safety\u{201d} apply to you, see a doctor before doing these exercises.");
        ui.add_space(12.0);
        if ui
            .add(egui::Button::new(egui::RichText::new("I understand").strong()).min_size(egui::vec2(160.0, theme::BIG_BUTTON_HEIGHT)))
            .clicked()
            || ui.input(|i| i.key_pressed(egui::Key::Enter))
        {
            commands.push(Command::AcknowledgeNotice);
        }
    });
}

/// The About & safety screen.
pub fn about_ui(ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().id_salt("about").show(ui, |ui| {
        ui.heading("When to see a doctor");
        ui.label(
            "Upper back pain often settles by itself. Some signs, though, are reasons to book a visit \
             to your doctor soon rather than keep going on your own. If any of these apply to you, \
             please see a doctor:",
        );
        ui.add_space(6.0);
        for flag in RedFlag::ALL {
            ui.label(format!("\u{2022} {}", flag.label()));
        }
        ui.add_space(6.0);
        ui.label(
            "If you are ever anxious about your back, that alone is a good reason to ask a doctor. \
             In an emergency, call your local emergency number.",
        );
        ui.add_space(theme::SECTION_GAP);
        ui.heading("About Limber");
        ui.label(NOTICE);
        ui.add_space(6.0);
        ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
    });
}
