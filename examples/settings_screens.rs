//! Shows the Settings screen, the routine editor or an import preview in a window, for looking
//! at them (e.g. with `gui-shot.sh`):
//!
//! `cargo run --example settings_screens -- [settings|editor|import|import-error] [ZOOM]`
//!
//! Actions are applied the way the app does (settings and routines are saved under a temporary
//! folder), so the screens can be tried by hand.

use std::path::PathBuf;

use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::paths::Paths;
use limber::core::routine_edit::{self, preview_import, routine_file_text};
use limber::core::settings::{self, Settings};
use limber::ui::routine_editor::{RoutineEditor, RoutineEditorAction};
use limber::ui::settings::{SettingsAction, SettingsView};

fn exercise(id: &str, name: &str, category: Category, hold_secs: u32, per_side: bool) -> Exercise {
    let dose = Dose {
        sets: 2,
        reps: 1,
        hold_secs,
        rest_secs: 10,
        per_side,
        times_per_day: 1,
    };
    Exercise {
        steps: vec!["Move slowly and breathe.".to_owned()],
        safety: "Ease off if it hurts.".to_owned(),
        ..Exercise::new(id, name, category, dose)
    }
}

fn sample_routine() -> Routine {
    Routine {
        version: 3,
        pain_model: limber::core::catalog::PainModel::default(),
        progression: limber::core::catalog::Progression::default(),
        break_routine: limber::core::catalog::BreakRoutine::default(),
        name: "Upper back self-care".to_owned(),
        exercises: vec![
            exercise(
                "foam-roll",
                "Foam roller upper back",
                Category::Massage,
                60,
                false,
            ),
            exercise(
                "overhead-lat-stretch",
                "Overhead lat stretch",
                Category::Mobility,
                15,
                false,
            ),
            exercise(
                "thread-the-needle",
                "Thread the needle",
                Category::Mobility,
                20,
                true,
            ),
            exercise(
                "prone-y-raise",
                "Prone Y raise",
                Category::Strengthening,
                5,
                false,
            ),
        ],
    }
}

fn therapist_file(dir: &std::path::Path, current: &Routine) -> std::io::Result<PathBuf> {
    let mut incoming = current.clone();
    "Upper back, from Alex (RMT)".clone_into(&mut incoming.name);
    incoming.exercises.retain(|e| e.id != "prone-y-raise");
    if let Some(e) = incoming.exercises.get_mut(1) {
        e.dose.hold_secs = 30;
        e.dose.sets = 3;
    }
    if let Some(e) = incoming.exercises.get_mut(2) {
        e.enabled = false;
    }
    incoming.exercises.push(exercise(
        "doorway-pec-stretch",
        "Doorway chest stretch",
        Category::Mobility,
        30,
        true,
    ));
    let text = routine_file_text(&incoming).map_err(std::io::Error::other)?;
    let path = dir.join("from-alex.ron");
    std::fs::write(&path, text)?;
    Ok(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let screen = args.next().unwrap_or_else(|| "settings".to_owned());
    let zoom: f32 = args.next().and_then(|z| z.parse().ok()).unwrap_or(1.0);
    let dir = std::env::temp_dir().join("limber-settings-screens");
    std::fs::create_dir_all(&dir)?;
    let paths = Paths::under(&dir);
    let mut settings = Settings::default();
    let mut view = SettingsView::default();
    let mut routine = sample_routine();
    let mut editor = RoutineEditor::default();
    match screen.as_str() {
        "import" => {
            editor.set_import_result(preview_import(&therapist_file(&dir, &routine)?, &routine));
        }
        "import-error" => {
            let bad = dir.join("broken.ron");
            std::fs::write(
                &bad,
                "Routine(\n  version: 1,\n  exercises: [\n    Exercise(id: \"x\", name: \"X\", category: Mobility,\n      dose: Dose(sets: 1, reps: 1, hold_secs: 0)),\n    Exercise(id: \"x\", name: \"\", category: Mobility,\n      dose: Dose(sets: 1, reps: 1, hold_secs: 5)),\n  ],\n)\n",
            )?;
            editor.set_import_result(preview_import(&bad, &routine));
        }
        _ => {}
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default().with_inner_size([1000.0, 760.0]),
        ..Default::default()
    };
    eframe::run_ui_native("Limber settings screens", options, move |ui, _frame| {
        ui.ctx().set_zoom_factor(zoom);
        egui::CentralPanel::default().show(ui, |ui| {
            if screen == "settings" {
                for action in view.ui(ui, &settings, &paths) {
                    if let SettingsAction::Changed(new) = action {
                        if let Err(err) = settings::save(&paths.settings_file(), &new) {
                            view.show_message(err.to_string());
                        }
                        settings = new;
                    }
                }
            } else {
                let can_restore = routine_edit::has_previous(&paths);
                for action in editor.ui(ui, &routine, can_restore) {
                    let result = match action {
                        RoutineEditorAction::SaveRoutine(next)
                        | RoutineEditorAction::ApplyImport(next) => {
                            routine_edit::save_user_routine(&paths, &routine, &next)
                        }
                        RoutineEditorAction::RestorePrevious => {
                            routine_edit::restore_previous(&paths, &routine)
                        }
                        RoutineEditorAction::ImportFrom(path) => {
                            editor.set_import_result(preview_import(&path, &routine));
                            continue;
                        }
                        RoutineEditorAction::ChooseImportFile => continue,
                    };
                    match result {
                        Ok(saved) => routine = saved.routine,
                        Err(err) => editor.show_message(err.to_string()),
                    }
                }
            }
        });
    })?;
    Ok(())
}
