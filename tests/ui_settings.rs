//! UI tests of the Settings screen and the routine editor: controls are found by their
//! accessible labels, clicked or typed into, and the returned actions are checked.

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use limber::core::catalog::{Category, Dose, Exercise, Routine};
use limber::core::paths::Paths;
use limber::core::routine_edit::{self, preview_import, routine_file_text};
use limber::core::settings::{CueStyle, PageSize, Settings, Theme};
use limber::ui::routine_editor::{RoutineEditor, RoutineEditorAction};
use limber::ui::settings::{SettingsAction, SettingsView};

const ZOOMS: [f32; 2] = [1.0, 2.0];

struct SettingsState {
    view: SettingsView,
    settings: Settings,
    paths: Paths,
    actions: Vec<SettingsAction>,
}

/// The one harness setup of this file: a window of 900 × 700 points at `zoom`, run once.
fn harness<S: 'static>(
    zoom: f32,
    state: S,
    app: impl FnMut(&mut egui::Ui, &mut S) + 'static,
) -> Harness<'static, S> {
    let mut harness = Harness::builder()
        .with_size([900.0, 700.0])
        .build_ui_state(app, state);
    harness.ctx.set_zoom_factor(zoom);
    harness.run();
    harness
}

/// Scrolls to the control labelled `label`, clicks it and lets the UI react.
fn click<S>(harness: &mut Harness<'_, S>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    harness.get_by_label(label).click();
    harness.run();
}

/// A harness that draws the Settings screen and, like the app, keeps the changed settings.
fn settings_harness(zoom: f32) -> Harness<'static, SettingsState> {
    let state = SettingsState {
        view: SettingsView::default(),
        settings: Settings::default(),
        paths: Paths::under(Path::new("/tmp/limber-test")),
        actions: Vec::new(),
    };
    harness(zoom, state, |ui, state: &mut SettingsState| {
        let actions = state.view.ui(ui, &state.settings, &state.paths);
        for action in &actions {
            if let SettingsAction::Changed(settings) = action {
                state.settings = settings.clone();
            }
        }
        state.actions.extend(actions);
    })
}

#[test]
fn theme_and_page_size_are_chosen_by_label() {
    for zoom in ZOOMS {
        let mut harness = settings_harness(zoom);
        click(&mut harness, "Dark");
        click(&mut harness, "US Letter");
        let state = harness.state();
        assert_eq!(state.settings.theme, Theme::Dark, "zoom {zoom}");
        assert_eq!(state.settings.page_size, PageSize::Letter, "zoom {zoom}");
        assert!(
            state
                .actions
                .iter()
                .all(|a| matches!(a, SettingsAction::Changed(_))),
            "zoom {zoom}: {:?}",
            state.actions
        );
    }
}

#[test]
fn every_key_control_is_present_at_double_text_size() {
    let harness = settings_harness(2.0);
    for label in [
        "Text size",
        "Volume",
        "Get-ready time before the first hold",
    ] {
        let _ = harness.get_by_role_and_label(Role::Slider, label);
    }
    for label in [
        "Your name",
        "Light",
        "Dark",
        "Follow the system",
        "Play sounds during exercises",
        "Test sound",
        "A4",
        "US Letter",
        "Remind me every day",
        "Start Limber minimised when I log in",
        "Open data folder",
        "Open settings folder",
    ] {
        let _ = harness.get_by_label(label);
    }
}

#[test]
fn open_folder_returns_the_data_folder_even_when_scrolled_to() {
    for zoom in ZOOMS {
        let mut harness = settings_harness(zoom);
        click(&mut harness, "Open data folder");
        assert_eq!(
            harness.state().actions,
            vec![SettingsAction::OpenFolder(PathBuf::from(
                "/tmp/limber-test/data"
            ))],
            "zoom {zoom}"
        );
    }
}

#[test]
fn the_reminder_is_switched_on_and_its_time_set_by_keyboard() {
    let mut harness = settings_harness(1.0);
    assert!(harness.query_by_label("Reminder hour").is_none());
    click(&mut harness, "Remind me every day");
    assert_eq!(
        harness.state().settings.reminder,
        NaiveTime::from_hms_opt(9, 0, 0)
    );
    harness.get_by_label("Reminder hour").focus();
    harness.run();
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert_eq!(
        harness.state().settings.reminder,
        NaiveTime::from_hms_opt(10, 0, 0)
    );
}

#[test]
fn sound_test_and_autostart_are_separate_actions() {
    let mut harness = settings_harness(1.0);
    click(&mut harness, "Test sound");
    click(&mut harness, "Start Limber minimised when I log in");
    let actions = &harness.state().actions;
    assert!(actions.contains(&SettingsAction::TestSound { volume: 0.7 }));
    if limber::core::autostart::SUPPORTED {
        assert!(actions.contains(&SettingsAction::SetAutostart(true)));
        assert!(harness.state().settings.autostart);
    }
}

#[test]
fn typing_a_name_changes_the_settings() {
    let mut harness = settings_harness(1.0);
    harness.get_by_label("Your name").focus();
    harness.run();
    harness.get_by_label("Your name").type_text("Sam");
    harness.run();
    assert_eq!(harness.state().settings.name, "Sam");
}

// ---- Routine editor ----

fn exercise(id: &str, name: &str) -> Exercise {
    let dose = Dose {
        sets: 2,
        reps: 5,
        hold_secs: 15,
        rest_secs: 10,
        per_side: false,
        times_per_day: 1,
    };
    Exercise {
        steps: vec!["Move slowly.".to_owned()],
        safety: "Stop if it hurts.".to_owned(),
        ..Exercise::new(id, name, Category::Mobility, dose)
    }
}

fn three_exercises() -> Routine {
    Routine {
        version: 4,
        pain_model: limber::core::catalog::PainModel::default(),
        progression: limber::core::catalog::Progression::default(),
        break_routine: limber::core::catalog::BreakRoutine::default(),
        name: "Mine".to_owned(),
        exercises: vec![
            exercise("wall-angel", "Wall angel"),
            exercise("thread-needle", "Thread the needle"),
            exercise("foam-roll", "Foam roll"),
        ],
    }
}

struct EditorState {
    editor: RoutineEditor,
    routine: Routine,
    actions: Vec<RoutineEditorAction>,
}

/// A harness that draws the editor; it records actions but, unless a test does it, does not
/// save them (so each action is checked against the routine it was made from).
fn editor_harness(zoom: f32) -> Harness<'static, EditorState> {
    let state = EditorState {
        editor: RoutineEditor::default(),
        routine: three_exercises(),
        actions: Vec::new(),
    };
    harness(zoom, state, |ui, state: &mut EditorState| {
        let actions = state.editor.ui(ui, &state.routine, true);
        state.actions.extend(actions);
    })
}

fn saved(actions: &[RoutineEditorAction]) -> Vec<&Routine> {
    actions
        .iter()
        .filter_map(|a| match a {
            RoutineEditorAction::SaveRoutine(r) => Some(r),
            _ => None,
        })
        .collect()
}

#[test]
fn switching_an_exercise_off_saves_the_routine() {
    for zoom in ZOOMS {
        let mut harness = editor_harness(zoom);
        click(&mut harness, "Thread the needle");
        let actions = &harness.state().actions;
        let saved = saved(actions);
        assert_eq!(saved.len(), 1, "zoom {zoom}: {actions:?}");
        assert!(!saved[0].exercises[1].enabled);
        assert!(saved[0].exercises[0].enabled);
    }
}

#[test]
fn moving_an_exercise_down_reorders_it() {
    for zoom in ZOOMS {
        let mut harness = editor_harness(zoom);
        click(&mut harness, "Move Wall angel down");
        let actions = &harness.state().actions;
        let ids: Vec<&str> = saved(actions)[0]
            .exercises
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert_eq!(
            ids,
            ["thread-needle", "wall-angel", "foam-roll"],
            "zoom {zoom}"
        );
    }
}

#[test]
fn the_first_exercise_cannot_move_up() {
    let mut harness = editor_harness(1.0);
    click(&mut harness, "Move Wall angel up");
    assert!(harness.state().actions.is_empty());
}

#[test]
fn a_dose_changed_by_keyboard_is_saved_within_bounds() {
    let mut harness = editor_harness(1.0);
    harness.get_by_label("Hold for Foam roll").focus();
    harness.run();
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    let actions = harness.state().actions.clone();
    assert_eq!(saved(&actions).len(), 1, "{actions:?}");
    assert_eq!(saved(&actions)[0].exercises[2].dose.hold_secs, 16);

    harness.state_mut().actions.clear();
    harness
        .get_by_label("Sets for Wall angel")
        .set_value_accesskit(99.0);
    harness.run();
    let actions = harness.state().actions.clone();
    assert_eq!(saved(&actions)[0].exercises[0].dose.sets, 10);
}

#[test]
fn editor_changes_round_trip_through_the_user_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let mut harness = editor_harness(1.0);
    click(&mut harness, "Each side for Wall angel");
    let actions = harness.state().actions.clone();
    let current = harness.state().routine.clone();
    let result = routine_edit::save_user_routine(&paths, &current, saved(&actions)[0]).unwrap();
    let (loaded, err) = routine_edit::load_active_routine(&paths);
    assert!(err.is_none());
    assert_eq!(loaded, result.routine);
    assert_eq!(loaded.version, 5);
    assert!(loaded.exercises[0].dose.per_side);
}

#[test]
fn reset_restore_and_typed_import_path_give_their_actions() {
    let mut harness = editor_harness(1.0);
    click(&mut harness, "Reset to defaults");
    click(&mut harness, "Reset");
    click(&mut harness, "Restore previous routine");
    harness.get_by_label("Routine file path").focus();
    harness.run();
    harness
        .get_by_label("Routine file path")
        .type_text("/tmp/from-alex.ron");
    harness.run();
    click(&mut harness, "Check file");
    click(&mut harness, "Import routine…");
    let actions = &harness.state().actions;
    assert_eq!(actions.len(), 4, "{actions:?}");
    assert_eq!(
        actions[0],
        RoutineEditorAction::SaveRoutine(Routine::built_in().unwrap())
    );
    assert_eq!(actions[1], RoutineEditorAction::RestorePrevious);
    assert_eq!(
        actions[2],
        RoutineEditorAction::ImportFrom(PathBuf::from("/tmp/from-alex.ron"))
    );
    assert_eq!(actions[3], RoutineEditorAction::ChooseImportFile);
}

#[test]
fn an_import_with_an_error_is_shown_with_its_place_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("alex.ron");
    std::fs::write(
        &file,
        "Routine(\n  version: 2,\n  exercises: [\n    Exercise(id: \"x\", name: \"X\", category: Mobility,\n      dose: Dose(sets: 1, reps: 1, hold_secs: 5000)),\n  ],\n)\n",
    )
    .unwrap();
    for zoom in ZOOMS {
        let mut harness = editor_harness(zoom);
        let current = harness.state().routine.clone();
        harness
            .state_mut()
            .editor
            .set_import_result(preview_import(&file, &current));
        harness.run();
        let _ = harness.get_by_label_contains("alex.ron:5:47");
        assert!(harness.query_by_label("Apply imported routine").is_none());
        click(&mut harness, "Close import");
        assert!(harness.query_by_label_contains("alex.ron:5:47").is_none());
        assert!(harness.state().actions.is_empty(), "zoom {zoom}");
        assert_eq!(harness.state().routine, current);
    }
}

#[test]
fn a_valid_import_lists_its_differences_and_applies_on_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let mut incoming = three_exercises();
    incoming.exercises.remove(2);
    incoming.exercises[0].dose.hold_secs = 30;
    incoming.exercises.push(exercise("chin-tuck", "Chin tuck"));
    let file = dir.path().join("alex.ron");
    std::fs::write(&file, routine_file_text(&incoming).unwrap()).unwrap();
    for zoom in ZOOMS {
        let mut harness = editor_harness(zoom);
        let current = harness.state().routine.clone();
        harness
            .state_mut()
            .editor
            .set_import_result(preview_import(&file, &current));
        harness.run();
        let _ = harness.get_by_label("  • Chin tuck");
        let _ = harness.get_by_label("  • Foam roll");
        let _ = harness.get_by_label(
            "  • Wall angel: 2 sets of 5 × 15 s, rest 10 s, now 2 sets of 5 × 30 s, rest 10 s",
        );
        assert!(harness.state().actions.is_empty());
        click(&mut harness, "Apply imported routine");
        let state = harness.state();
        let [RoutineEditorAction::ApplyImport(applied)] = state.actions.as_slice() else {
            panic!(
                "zoom {zoom}: expected one ApplyImport, got {:?}",
                state.actions
            );
        };
        assert_eq!(applied.version, 5);
        assert_eq!(applied.exercises, incoming.exercises);
        assert!(!state.editor.has_import_preview());
    }
}

#[test]
fn cancelling_an_import_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut incoming = three_exercises();
    incoming.exercises[1].enabled = false;
    let file = dir.path().join("alex.ron");
    std::fs::write(&file, routine_file_text(&incoming).unwrap()).unwrap();
    let mut harness = editor_harness(1.0);
    let current = harness.state().routine.clone();
    harness
        .state_mut()
        .editor
        .set_import_result(preview_import(&file, &current));
    harness.run();
    let _ = harness.get_by_label("  • Thread the needle: off");
    click(&mut harness, "Cancel import");
    assert!(harness.state().actions.is_empty());
    assert!(!harness.state().editor.has_import_preview());
}

#[test]
fn the_cue_style_is_chosen_by_label_and_a_missing_voice_is_explained() {
    for zoom in ZOOMS {
        let mut harness = settings_harness(zoom);
        assert_eq!(harness.state().settings.cue_style, CueStyle::Both);
        click(&mut harness, "Voice");
        assert_eq!(
            harness.state().settings.cue_style,
            CueStyle::Voice,
            "zoom {zoom}"
        );
        click(&mut harness, "Tones");
        assert_eq!(
            harness.state().settings.cue_style,
            CueStyle::Tones,
            "zoom {zoom}"
        );
        let note = limber::ui::voice::settings_note(&limber::ui::voice::VoiceStatus::Unavailable(
            "no speech-dispatcher".to_owned(),
        ));
        harness.state_mut().view.set_voice_note(note.clone());
        harness.run();
        let note = note.expect("a note for an unavailable voice");
        let _ = harness.get_by_label(&note);
    }
}

#[test]
fn the_editor_labels_each_built_in_dose_as_a_starting_point() {
    use limber::ui::routine_editor::{EDITOR_DOSE_NOTE, OWN_DOSE_TAG, STARTING_DOSE_TAG};
    let built_in = Routine::built_in().unwrap();
    let count = built_in.exercises.len();
    let state = EditorState {
        editor: RoutineEditor::default(),
        routine: built_in,
        actions: Vec::new(),
    };
    let mut harness = harness(1.0, state, |ui, state: &mut EditorState| {
        let actions = state.editor.ui(ui, &state.routine, true);
        state.actions.extend(actions);
    });
    harness.get_by_label(EDITOR_DOSE_NOTE);
    assert_eq!(harness.query_all_by_label(STARTING_DOSE_TAG).count(), count);
    // What to do about a starting dose is said once on the screen, not under every card.
    assert_eq!(
        harness.query_all_by_label_contains("therapist's").count(),
        1,
        "only the note at the top"
    );
    assert!(harness.query_by_label(OWN_DOSE_TAG).is_none());
    // A changed dose is the person's own (e.g. the therapist's), and says so.
    harness.state_mut().routine.exercises[0].dose.sets += 1;
    harness.run();
    assert_eq!(
        harness.query_all_by_label(STARTING_DOSE_TAG).count(),
        count - 1
    );
    harness.get_by_label(OWN_DOSE_TAG);
}

/// "Reset to defaults" asks first: Cancel keeps the routine as it is, Reset puts the built-in
/// one in place.
#[test]
fn reset_to_defaults_asks_first_and_cancel_keeps_the_routine() {
    use limber::ui::routine_editor::RESET_QUESTION;
    let mut harness = editor_harness(1.0);
    click(&mut harness, "Reset to defaults");
    harness.get_by_label(RESET_QUESTION);
    assert!(
        harness.state().actions.is_empty(),
        "nothing before an answer"
    );
    click(&mut harness, "Cancel");
    assert!(harness.query_by_label(RESET_QUESTION).is_none());
    harness.run_steps(4);
    assert!(harness.state().actions.is_empty(), "Cancel changes nothing");
    click(&mut harness, "Reset to defaults");
    click(&mut harness, "Reset");
    assert!(harness.query_by_label(RESET_QUESTION).is_none());
    assert_eq!(
        harness.state().actions,
        [RoutineEditorAction::SaveRoutine(
            Routine::built_in().unwrap()
        )]
    );
}
