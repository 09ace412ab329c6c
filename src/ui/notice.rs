//! A message shown at the top of a screen until the person dismisses it (e.g. a save error).

use egui::{RichText, Ui};

/// Draws `message` (if any) in a box with a "Dismiss message" button, which clears it.
pub fn dismissible_message_ui(ui: &mut Ui, message: &mut Option<String>) {
    let Some(text) = message.as_deref() else {
        return;
    };
    let mut dismiss = false;
    ui.group(|ui| {
        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
        dismiss = ui.button("Dismiss message").clicked();
    });
    if dismiss {
        *message = None;
    }
}
