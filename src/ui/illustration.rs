//! Illustrations on the exercise card: original SVGs in `assets/illustrations/`, embedded in the
//! binary and rasterised by the SVG loader of `egui_extras` the first time a card shows them.

use crate::core::catalog::Exercise;

/// Embeds every illustration under its file name.
macro_rules! embedded {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../assets/illustrations/", $name)) as &[u8])),*]
    };
}

/// The illustrations shipped with Limber, by file name.
pub const EMBEDDED: &[(&str, &[u8])] = embedded![
    "foam-roll.svg",
    "recovery-ball.svg",
    "shrug-rotations.svg",
    "cork-screws.svg",
    "open-book.svg",
    "thread-the-needle.svg",
    "overhead-lat-stretch.svg",
    "iyt-poses.svg",
    "swimmers.svg",
    "crab-pose.svg",
    "wall-angel-slides.svg",
];

/// The embedded SVG named by an exercise, if Limber ships one by that name.
pub fn svg_for(exercise: &Exercise) -> Option<(&'static str, &'static [u8])> {
    let wanted = exercise.illustration.as_deref()?;
    EMBEDDED.iter().copied().find(|(name, _)| *name == wanted)
}

/// Shows the exercise's illustration, at most 420 points wide, with a text alternative for
/// screen readers. Exercises without one (a therapist's own) show nothing.
pub fn illustration_ui(ui: &mut egui::Ui, exercise: &Exercise) {
    let Some((name, bytes)) = svg_for(exercise) else {
        return;
    };
    let width = ui.available_width().min(420.0);
    let image = egui::Image::from_bytes(format!("bytes://illustrations/{name}"), bytes)
        .fit_to_exact_size(egui::vec2(width, width * 0.75))
        .alt_text(format!("Drawing of {}", exercise.name));
    ui.add(image);
    ui.add_space(8.0);
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
}
