//! The routine editor: switch exercises on or off, reorder them, change their doses, reset to
//! the defaults, import a therapist's routine (with a preview of what would change) and go back
//! to the previous routine.
//!
//! The editor never writes files: it returns [`RoutineEditorAction`]s and the app applies them
//! with `core::routine_edit` (see each variant). Every change is returned as soon as it is made,
//! except while a number is being dragged: then it is returned when the drag ends, so one drag
//! gives one new routine version rather than dozens.

use std::path::PathBuf;

use egui::{DragValue, RichText, Ui};

use crate::core::catalog::{CatalogError, Dose, Routine, format_secs};
use crate::core::routine_edit::{
    self, HOLD_SECS_RANGE, ImportPreview, REPS_RANGE, REST_SECS_RANGE, RoutineDiff, SETS_RANGE,
    TIMES_PER_DAY_RANGE,
};
pub use crate::ui::command::RoutineEditorAction;

/// Where an import stands.
#[derive(Debug, Default)]
enum ImportState {
    /// No import under way.
    #[default]
    Idle,
    /// A valid file, waiting for Apply or Cancel.
    Preview(Box<ImportPreview>),
    /// The file could not be used; nothing changed.
    Rejected(String),
}

/// The editor's own state between frames.
#[derive(Debug, Default)]
pub struct RoutineEditor {
    /// The routine being changed while a number is dragged; `None` otherwise.
    draft: Option<Routine>,
    /// The routine file path typed by the person.
    import_path: String,
    /// The import under way.
    import: ImportState,
    /// A message to show until dismissed (e.g. a save error).
    message: Option<String>,
    /// "Reset to defaults" was pressed: the confirm dialog is open.
    confirm_reset: bool,
}

/// The question of the dialog "Reset to defaults" opens first.
pub const RESET_QUESTION: &str = "Reset your routine to Limber's built-in exercises and doses?";

/// Opens the system's file chooser for a routine file. Blocks until the person chooses, so the
/// app calls it when it handles [`RoutineEditorAction::ChooseImportFile`].
pub fn choose_routine_file() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Import a routine file")
        .add_filter("Routine file (RON)", &["ron"])
        .pick_file()
}

/// What the number widgets did this frame.
#[derive(Default)]
struct Interaction {
    dragging: bool,
}

impl RoutineEditor {
    /// Shows a message at the top of the editor until dismissed.
    pub fn show_message(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Shows the result of checking an import file: its differences, or why it was rejected
    /// (every problem with its line:column).
    pub fn set_import_result(&mut self, result: Result<ImportPreview, CatalogError>) {
        self.import = match result {
            Ok(preview) => ImportState::Preview(Box::new(preview)),
            Err(err) => ImportState::Rejected(err.to_string()),
        };
    }

    /// Whether an import preview is waiting for Apply or Cancel.
    pub fn has_import_preview(&self) -> bool {
        matches!(self.import, ImportState::Preview(_))
    }

    /// Draws the editor for `routine` (the routine in effect). `can_restore` says whether a
    /// previous routine is kept (`routine_edit::has_previous`).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        routine: &Routine,
        can_restore: bool,
    ) -> Vec<RoutineEditorAction> {
        let mut actions = Vec::new();
        let mut working = self.draft.take().unwrap_or_else(|| routine.clone());
        let mut interaction = Interaction::default();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                crate::ui::theme::heading(ui, "Your routine");
                ui.label(EDITOR_DOSE_NOTE);
                crate::ui::notice::dismissible_message_ui(ui, &mut self.message);
                self.import_ui(ui, routine, &mut actions);
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("Version {}", routine.version));
                    if ui
                        .button("Reset to defaults")
                        .on_hover_text("Asks first")
                        .clicked()
                    {
                        self.confirm_reset = true;
                    }
                    if ui
                        .add_enabled(can_restore, egui::Button::new("Restore previous routine"))
                        .clicked()
                    {
                        actions.push(RoutineEditorAction::RestorePrevious);
                    }
                });
                if working.enabled().next().is_none() {
                    ui.label(
                        RichText::new(
                            "No exercise is switched on, so the checklist will be empty.",
                        )
                        .color(ui.visuals().warn_fg_color),
                    );
                }
                ui.separator();
                exercises_ui(ui, &mut working, &mut interaction);
                crate::ui::a11y::keep_focus_in_view(ui);
            });
        if self.confirm_reset {
            self.confirm_reset_ui(ui.ctx(), &mut actions);
        }
        if interaction.dragging {
            self.draft = Some(working);
        } else if working != *routine && actions.is_empty() {
            actions.push(RoutineEditorAction::SaveRoutine(working));
        }
        actions
    }

    /// The dialog "Reset to defaults" opens: "Reset" puts the built-in routine in place (the
    /// current one is kept as the previous routine), "Cancel" (or Escape) changes nothing.
    fn confirm_reset_ui(&mut self, ctx: &egui::Context, actions: &mut Vec<RoutineEditorAction>) {
        let (mut reset, mut cancel) = (false, false);
        let modal = crate::ui::a11y::named_modal(
            egui::Id::unique("confirm-reset-routine"),
            "Reset routine",
        )
        .show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.label(RichText::new(RESET_QUESTION).strong());
            ui.label(
                "Your changes to the exercises and doses are replaced. \
                         \u{201c}Restore previous routine\u{201d} brings them back.",
            );
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                reset = ui.button("Reset").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
        if reset {
            self.confirm_reset = false;
            match Routine::built_in() {
                Ok(built_in) => actions.push(RoutineEditorAction::SaveRoutine(built_in)),
                Err(err) => self.message = Some(err.to_string()),
            }
        } else if cancel || modal.should_close() {
            self.confirm_reset = false;
        }
    }

    fn import_ui(
        &mut self,
        ui: &mut Ui,
        routine: &Routine,
        actions: &mut Vec<RoutineEditorAction>,
    ) {
        ui.group(|ui| {
            ui.label(RichText::new("Import a routine from your therapist").strong());
            ui.horizontal_wrapped(|ui| {
                if ui.button("Import routine…").clicked() {
                    actions.push(RoutineEditorAction::ChooseImportFile);
                }
                ui.label("or type its path:");
                let field = ui.add(
                    egui::TextEdit::singleline(&mut self.import_path)
                        .hint_text("/home/you/Downloads/routine.ron")
                        .desired_width(280.0),
                )
                .accessible_name("Routine file path");
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                let typed = self.import_path.trim();
                if (ui
                    .add_enabled(!typed.is_empty(), egui::Button::new("Check file"))
                    .clicked()
                    || entered)
                    && !typed.is_empty()
                {
                    actions.push(RoutineEditorAction::ImportFrom(PathBuf::from(typed)));
                }
            });
            match &self.import {
                ImportState::Idle => {}
                ImportState::Rejected(error) => {
                    ui.label(
                        RichText::new(
                            "This file was not imported and nothing changed. Fix these places in the file, then check it again:",
                        )
                        .color(ui.visuals().warn_fg_color),
                    );
                    ui.label(RichText::new(error).monospace());
                    if ui.button("Close import").clicked() {
                        self.import = ImportState::Idle;
                    }
                }
                ImportState::Preview(preview) => {
                    let apply = preview_ui(ui, preview);
                    match apply {
                        Some(true) => {
                            actions.push(RoutineEditorAction::ApplyImport(routine_edit::apply(
                                routine,
                                &preview.incoming,
                            )));
                            self.import = ImportState::Idle;
                        }
                        Some(false) => self.import = ImportState::Idle,
                        None => {}
                    }
                }
            }
        });
    }
}

/// Draws the differences of an import; `Some(true)` when applied, `Some(false)` when cancelled.
fn preview_ui(ui: &mut Ui, preview: &ImportPreview) -> Option<bool> {
    ui.label(format!(
        "What would change if you import {}:",
        preview.path.display()
    ));
    diff_ui(ui, &preview.diff);
    ui.label("Your current routine is kept and can be restored afterwards.");
    let mut choice = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Apply imported routine").clicked() {
            choice = Some(true);
        }
        if ui.button("Cancel import").clicked() {
            choice = Some(false);
        }
    });
    choice
}

fn list_ui(ui: &mut Ui, title: &str, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    ui.label(RichText::new(title).strong());
    for line in lines {
        ui.label(format!("  • {line}"));
    }
}

/// The differences as the lines the preview shows, grouped under their headings.
pub fn diff_lines(diff: &RoutineDiff) -> Vec<(&'static str, Vec<String>)> {
    let mut groups = Vec::new();
    if let Some((old, new)) = &diff.new_title {
        groups.push(("New title", vec![format!("\"{old}\", now \"{new}\"")]));
    }
    groups.push(("Added", diff.added.iter().map(|e| e.name.clone()).collect()));
    groups.push((
        "Removed",
        diff.removed.iter().map(|e| e.name.clone()).collect(),
    ));
    groups.push((
        "Dose changes",
        diff.dose_changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {}, now {}",
                    c.exercise.name,
                    dose_text(&c.old),
                    dose_text(&c.new)
                )
            })
            .collect(),
    ));
    groups.push((
        "Renamed",
        diff.renamed
            .iter()
            .map(|r| format!("{}, now called {}", r.old_name, r.new_name))
            .collect(),
    ));
    groups.push((
        "Switched on or off",
        diff.enabled_changes
            .iter()
            .map(|c| {
                let state = if c.enabled { "on" } else { "off" };
                format!("{}: {state}", c.exercise.name)
            })
            .collect(),
    ));
    groups.push((
        "New instructions",
        diff.described_differently
            .iter()
            .map(|e| e.name.clone())
            .collect(),
    ));
    if diff.reordered {
        groups.push((
            "Order",
            vec!["The exercises come in a different order.".to_owned()],
        ));
    }
    groups.retain(|(_, lines)| !lines.is_empty());
    groups
}

fn diff_ui(ui: &mut Ui, diff: &RoutineDiff) {
    if diff.is_empty() {
        ui.label("Nothing: this file holds the same routine as yours.");
        return;
    }
    for (title, lines) in diff_lines(diff) {
        list_ui(ui, title, &lines);
    }
}

/// The tag under an exercise still at Limber's built-in dose. What to do about it is said once,
/// at the top of the editor ([`EDITOR_DOSE_NOTE`]), not under every card.
pub const STARTING_DOSE_TAG: &str = "Limber's starting dose";

/// The tag under an exercise whose dose was changed (or that is not a built-in one).
pub const OWN_DOSE_TAG: &str = "Your own dose";

/// Shown at the top of the editor: whose doses these are.
pub const EDITOR_DOSE_NOTE: &str = "The doses Limber comes with are a gentle starting point, not \
     a prescription. Your therapist's dose replaces them: set it below, or import their routine \
     file.";

/// A dose in full, with rest, for the preview ("3 × 15 s hold, each side, rest 10 s").
fn dose_text(dose: &Dose) -> String {
    format!("{}, rest {}", dose.summary(), format_secs(dose.rest_secs))
}

fn exercises_ui(ui: &mut Ui, routine: &mut Routine, interaction: &mut Interaction) {
    let count = routine.exercises.len();
    let mut move_request: Option<(usize, bool)> = None;
    for index in 0..count {
        let Some(exercise) = routine.exercises.get_mut(index) else {
            break;
        };
        let name = exercise.name.clone();
        let id = exercise.id.clone();
        ui.push_id(&id, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.checkbox(&mut exercise.enabled, RichText::new(&name).strong())
                    .on_hover_text("Switch this exercise on or off");
                ui.label(exercise.category.label());
                if ui
                    .add_enabled(index > 0, egui::Button::new("Move up"))
                    .accessible_name(format!("Move {name} up"))
                    .clicked()
                {
                    move_request = Some((index, true));
                }
                if ui
                    .add_enabled(index + 1 < count, egui::Button::new("Move down"))
                    .accessible_name(format!("Move {name} down"))
                    .clicked()
                {
                    move_request = Some((index, false));
                }
            });
            let mut dose = exercise.dose;
            ui.add_enabled_ui(exercise.enabled, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.add_space(24.0);
                    number_ui(
                        ui,
                        "Sets",
                        &name,
                        &mut dose.sets,
                        &SETS_RANGE,
                        "",
                        interaction,
                    );
                    number_ui(
                        ui,
                        "Reps",
                        &name,
                        &mut dose.reps,
                        &REPS_RANGE,
                        "",
                        interaction,
                    );
                    number_ui(
                        ui,
                        "Hold",
                        &name,
                        &mut dose.hold_secs,
                        &HOLD_SECS_RANGE,
                        " s",
                        interaction,
                    );
                    number_ui(
                        ui,
                        "Rest",
                        &name,
                        &mut dose.rest_secs,
                        &REST_SECS_RANGE,
                        " s",
                        interaction,
                    );
                    ui.checkbox(&mut dose.per_side, "Each side")
                        .accessible_name(format!("Each side for {name}"));
                    number_ui(
                        ui,
                        "Times a day",
                        &name,
                        &mut dose.times_per_day,
                        &TIMES_PER_DAY_RANGE,
                        "",
                        interaction,
                    );
                });
            });
            exercise.dose = routine_edit::clamp_dose(dose);
            dose_tag_ui(ui, exercise);
        });
        ui.separator();
    }
    if let Some((index, up)) = move_request {
        if up {
            routine_edit::move_up(routine, index);
        } else {
            routine_edit::move_down(routine, index);
        }
    }
}

/// Under an exercise's dose: whether it is Limber's starting dose or the person's own.
fn dose_tag_ui(ui: &mut Ui, exercise: &crate::core::catalog::Exercise) {
    let tag = if crate::core::catalog::is_starting_dose(exercise) {
        STARTING_DOSE_TAG
    } else {
        OWN_DOSE_TAG
    };
    ui.horizontal_wrapped(|ui| {
        ui.add_space(24.0);
        ui.label(RichText::new(tag).weak().small());
    });
}

/// A labelled number field for one dose value of one exercise.
fn number_ui(
    ui: &mut Ui,
    label: &str,
    exercise: &str,
    value: &mut u32,
    range: &std::ops::RangeInclusive<u32>,
    suffix: &str,
    interaction: &mut Interaction,
) {
    // The label never breaks inside itself ("Times a / day") when the row wraps at large sizes.
    ui.add(egui::Label::new(label).wrap_mode(egui::TextWrapMode::Extend));
    let response = ui
        .add(
            DragValue::new(value)
                .range(range.clone())
                .speed(1.0)
                .suffix(suffix)
                .update_while_editing(false),
        )
        .accessible_name(format!("{label} for {exercise}"));
    if response.dragged() {
        interaction.dragging = true;
    }
}
