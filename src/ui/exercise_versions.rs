//! The versions row of an exercise card: which version is done ("Version: Harder — hips up"),
//! what changes in it, and "Easier", "Harder" and "Standard" to choose another from today on.
//! Shown only for an exercise whose routine lists an easier or harder version.

use crate::core::catalog::{Exercise, Version};
use crate::ui::command::Command;

/// "Version: Harder — hips up", or "Version: Standard"; `None` for an exercise the routine
/// lists no other version of.
pub fn version_line(exercise: &Exercise, version: Version) -> Option<String> {
    if exercise.easier.is_empty() && exercise.harder.is_empty() {
        return None;
    }
    Some(match exercise.variant(version) {
        Some(variant) => format!("Version: {} \u{2014} {}", version.label(), variant.name),
        None => "Version: Standard".to_owned(),
    })
}

/// The checklist's line under an exercise: its dose, and the version when it is not the
/// standard one ("5 × 10 s, Harder").
pub fn dose_summary(exercise: &Exercise, version: Version) -> String {
    if exercise.has_version(version) && !version.is_standard() {
        format!("{}, {}", exercise.dose.summary(), version.label())
    } else {
        exercise.dose.summary()
    }
}

/// Said under a version that should only be taken up once the therapist agrees.
pub const ASK_THERAPIST_FIRST: &str =
    "Only with your therapist's agreement: ask them before you start this version.";

/// The versions row: `version`, the one in force, what changes in it, and the buttons to
/// choose another (disabled when nothing can be saved, `read_only`).
pub fn versions_ui(
    ui: &mut egui::Ui,
    exercise: &Exercise,
    (version, read_only): (Version, bool),
    commands: &mut Vec<Command>,
) {
    let Some(line) = version_line(exercise, version) else {
        return;
    };
    let easier = exercise.next_version(version, -1);
    let harder = exercise.next_version(version, 1);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(line).strong());
        let mut choice = |ui: &mut egui::Ui, label: &str, to: Option<Version>, hint: String| {
            let button = ui
                .add_enabled(!read_only && to.is_some(), egui::Button::new(label))
                .on_hover_text(hint)
                .on_disabled_hover_text("The routine lists no other version this way.");
            if button.clicked()
                && let Some(version) = to
            {
                commands.push(Command::ChooseVersion(exercise.id.clone(), version));
            }
        };
        choice(ui, "Easier", easier, hint(exercise, easier));
        choice(ui, "Harder", harder, hint(exercise, harder));
        if !version.is_standard() {
            let standard = Some(Version::STANDARD);
            choice(
                ui,
                "Standard",
                standard,
                "Back to the usual version".to_owned(),
            );
        }
    });
    if let Some(variant) = exercise.variant(version) {
        ui.label(egui::RichText::new(&variant.change).weak());
        if variant.ask_therapist_first {
            ui.label(ASK_THERAPIST_FIRST);
        }
    }
    if let Some(next) = harder.and_then(|v| exercise.variant(v))
        && next.ask_therapist_first
    {
        ui.label(
            egui::RichText::new(format!(
                "The next harder version ({}) is one to start only once your therapist agrees.",
                next.name
            ))
            .weak(),
        );
    }
}

/// What choosing `to` does, for the button's hover text.
fn hint(exercise: &Exercise, to: Option<Version>) -> String {
    match to.and_then(|v| exercise.variant(v)) {
        Some(variant) => format!("{}: {}", variant.name, variant.change),
        None if to.is_some() => "Back to the usual version".to_owned(),
        None => String::new(),
    }
}

/// The note beside the dose: the routine's note for the standard version, and for another
/// version that its dose is the one the routine lists for it.
pub fn dose_note(exercise: &Exercise, version: Version) -> &'static str {
    if version.is_standard() {
        crate::core::catalog::dose_note(exercise)
    } else {
        "This version's dose, as your routine lists it. If your therapist gave you a dose, use \
         theirs instead."
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Routine;

    #[test]
    fn the_line_names_the_version_and_its_change() {
        let routine = Routine::built_in().unwrap();
        let crab = routine.exercise("crab-pose").unwrap();
        assert_eq!(
            version_line(crab, Version::HARDER).as_deref(),
            Some("Version: Harder \u{2014} hips up")
        );
        assert_eq!(
            version_line(crab, Version::STANDARD).as_deref(),
            Some("Version: Standard")
        );
        let swimmers = routine.exercise("swimmers").unwrap();
        assert_eq!(version_line(swimmers, Version::STANDARD), None);
        let harder = crab.as_version(Version::HARDER);
        assert_eq!(dose_summary(&harder, Version::HARDER), "5 × 10 s, Harder");
        assert_eq!(dose_summary(crab, Version::STANDARD), "5 × 10 s");
    }
}
