//! Illustrations on the exercise card (filled in with the artwork).

use crate::core::catalog::Exercise;

/// Shows the exercise's illustration, if Limber has one.
pub fn illustration_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    let _ = (ui, exercise);
}
