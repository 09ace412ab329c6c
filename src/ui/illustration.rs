//! Illustrations on the exercise card: original SVGs in `assets/illustrations/`, embedded in the
//! binary and rasterised by the SVG loader of `egui_extras` the first time a card shows them.

use std::sync::{Arc, OnceLock};

use crate::core::catalog::Exercise;
use crate::ui::theme;

/// The illustrations shipped with Limber, by file name (the core's list, which a routine's
/// versions are checked against).
pub const EMBEDDED: &[(&str, &[u8])] = crate::core::catalog::BUNDLED_DRAWINGS;

/// The embedded SVG named by an exercise, if Limber ships one by that name.
pub fn svg_for(exercise: &Exercise) -> Option<(&'static str, &'static [u8])> {
    let wanted = exercise.illustration.as_deref()?;
    EMBEDDED.iter().copied().find(|(name, _)| *name == wanted)
}

/// The background colour drawn into every embedded SVG, swapped for
/// [`theme::DRAWING_BACKGROUND`]'s dark value in the dark theme.
const SVG_BACKGROUND: &str = "#F4F1EA";

/// An embedded SVG by file name, its background dimmed for the dark theme.
type DarkSvg = (&'static str, Arc<[u8]>);

/// The embedded SVGs with their background dimmed for the dark theme, built once.
fn dark_variants() -> &'static [DarkSvg] {
    static DARK: OnceLock<Vec<DarkSvg>> = OnceLock::new();
    DARK.get_or_init(|| {
        let [r, g, b, _] = theme::DRAWING_BACKGROUND.dark.to_array();
        let dark = format!("#{r:02X}{g:02X}{b:02X}");
        EMBEDDED
            .iter()
            .map(|(name, bytes)| {
                let svg = String::from_utf8_lossy(bytes).replace(SVG_BACKGROUND, &dark);
                (*name, Arc::from(svg.into_bytes()))
            })
            .collect()
    })
}

/// The SVG to draw for the theme of `visuals`, under a URI of its own per theme (the loader
/// caches by URI).
fn svg_for_theme(
    name: &'static str,
    bytes: &'static [u8],
    visuals: &egui::Visuals,
) -> (String, egui::load::Bytes) {
    if visuals.dark_mode
        && let Some((_, dark)) = dark_variants().iter().find(|(n, _)| *n == name)
    {
        return (
            format!("bytes://illustrations/dark/{name}"),
            egui::load::Bytes::Shared(Arc::clone(dark)),
        );
    }
    (
        format!("bytes://illustrations/{name}"),
        egui::load::Bytes::Static(bytes),
    )
}

/// The exercise's drawing for the theme of `visuals`, with a text alternative for screen
/// readers ("Drawing of Cork screws"); `None` for an exercise without one (a therapist's own).
/// In the dark theme its background is dimmed, so the drawing is no bright slab.
pub fn image(exercise: &Exercise, visuals: &egui::Visuals) -> Option<egui::Image<'static>> {
    let (name, bytes) = svg_for(exercise)?;
    let (uri, bytes) = svg_for_theme(name, bytes, visuals);
    Some(egui::Image::from_bytes(uri, bytes).alt_text(format!("Drawing of {}", exercise.name)))
}

/// The drawings' shape: four wide for three high.
pub const ASPECT: f32 = 4.0 / 3.0;

/// Shows the exercise's drawing `width` points wide (the card's).
pub fn illustration_sized_ui(ui: &mut egui::Ui, exercise: &Exercise, width: f32) {
    let Some(image) = image(exercise, ui.visuals()) else {
        return;
    };
    ui.add(image.fit_to_exact_size(egui::vec2(width, width / ASPECT)));
    ui.add_space(8.0);
}

/// Draws the exercise's drawing filling `rect` (which should have the drawings' shape): the
/// guided layout's.
pub fn illustration_in_rect(ui: &mut egui::Ui, rect: egui::Rect, exercise: &Exercise) {
    if let Some(image) = image(exercise, ui.visuals()) {
        ui.put(rect, image.fit_to_exact_size(rect.size()));
    }
}

/// A small thumbnail of the drawing, `height` high, for a checklist row; an exercise without a
/// drawing leaves the same space empty, so the names stay in line.
pub fn thumbnail_ui(ui: &mut egui::Ui, exercise: &Exercise, height: f32) {
    let size = egui::vec2(height * ASPECT, height);
    // Painted, not added as a widget: the name beside it says what it shows, so a screen reader
    // meets no unnamed image and does not hear the drawing named twice.
    let (_, rect) = ui.allocate_space(size);
    if let Some((name, bytes)) = svg_for(exercise)
        && ui.is_rect_visible(rect)
    {
        let (uri, bytes) = svg_for_theme(name, bytes, ui.visuals());
        egui::Image::from_bytes(uri, bytes)
            .corner_radius(4.0)
            .paint_at(ui, rect);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Routine;

    #[test]
    fn every_built_in_exercise_has_an_embedded_svg() {
        let routine = Routine::built_in().expect("built-in routine");
        for exercise in &routine.exercises {
            let (_, bytes) =
                svg_for(exercise).unwrap_or_else(|| panic!("{} has no illustration", exercise.id));
            assert!(
                bytes.starts_with(b"<svg") || bytes.starts_with(b"<?xml"),
                "{}",
                exercise.id
            );
        }
    }

    #[test]
    fn every_drawing_has_its_background_dimmed_in_the_dark_theme() {
        let dark = egui::Visuals::dark();
        for (name, bytes) in EMBEDDED {
            let light_svg = String::from_utf8_lossy(bytes);
            assert!(light_svg.contains(SVG_BACKGROUND), "{name}");
            let (uri, dark_bytes) = svg_for_theme(name, bytes, &dark);
            assert!(uri.contains("/dark/"), "{uri}");
            let dark_svg = String::from_utf8_lossy(&dark_bytes);
            assert!(!dark_svg.contains(SVG_BACKGROUND), "{name}");
            assert!(dark_svg.contains("#A9ACAE"), "{name}");
            let (uri, _) = svg_for_theme(name, bytes, &egui::Visuals::light());
            assert!(!uri.contains("/dark/"), "{uri}");
        }
    }
}
