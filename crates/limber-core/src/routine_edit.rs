//! Making the routine the person's own: switching exercises on and off, reordering them,
//! changing doses within safe bounds, importing a therapist's routine file, and going back.
//!
//! The user's routine lives in the config folder ([`Paths::routine_file`]) in the same RON format
//! as the built-in `exercises.ron`. Every saved change gets a higher `version`, so each session
//! records which version it followed, and the routine in effect before the change is kept in
//! `exercises.previous.ron` so that it can be restored. A user file that cannot be read is never
//! written over: it is renamed to `exercises.unreadable-N.ron` before the next save.
//!
//! [`Paths::routine_file`]: crate::paths::Paths::routine_file

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use crate::atomic::write_atomically;
use crate::catalog::{CatalogError, Dose, Exercise, Routine, load_routine, parse_routine};
/// The dose bounds live with the catalog's validation, so the editor and `limber check` agree.
pub use crate::catalog::{
    HOLD_SECS_RANGE, REPS_RANGE, REST_SECS_RANGE, SETS_RANGE, TIMES_PER_DAY_RANGE,
};
use crate::paths::Paths;
use crate::set_aside::set_aside;

/// The first line of a routine file written by Limber.
const FILE_HEADER: &str = "// Limber routine file (RON). See README.md, \"Routine file format\".\n";

/// The file that keeps the routine in effect before the last saved change.
pub fn previous_routine_file(paths: &Paths) -> PathBuf {
    paths.config_dir.join("exercises.previous.ron")
}

fn clamp(value: u32, range: &RangeInclusive<u32>) -> u32 {
    value.clamp(*range.start(), *range.end())
}

/// The dose with every number brought inside its allowed range.
pub fn clamp_dose(dose: Dose) -> Dose {
    Dose {
        sets: clamp(dose.sets, &SETS_RANGE),
        reps: clamp(dose.reps, &REPS_RANGE),
        hold_secs: clamp(dose.hold_secs, &HOLD_SECS_RANGE),
        rest_secs: clamp(dose.rest_secs, &REST_SECS_RANGE),
        per_side: dose.per_side,
        times_per_day: clamp(dose.times_per_day, &TIMES_PER_DAY_RANGE),
    }
}

/// Switches the exercise at `index` on or off. Returns whether anything changed.
pub fn set_enabled(routine: &mut Routine, index: usize, enabled: bool) -> bool {
    match routine.exercises.get_mut(index) {
        Some(exercise) if exercise.enabled != enabled => {
            exercise.enabled = enabled;
            true
        }
        _ => false,
    }
}

/// Moves the exercise at `index` one place earlier. Returns whether anything changed.
pub fn move_up(routine: &mut Routine, index: usize) -> bool {
    if index == 0 || index >= routine.exercises.len() {
        return false;
    }
    routine.exercises.swap(index - 1, index);
    true
}

/// Moves the exercise at `index` one place later. Returns whether anything changed.
pub fn move_down(routine: &mut Routine, index: usize) -> bool {
    if index + 1 >= routine.exercises.len() {
        return false;
    }
    routine.exercises.swap(index, index + 1);
    true
}

/// Sets the dose of the exercise at `index`, clamped to the allowed ranges. Returns whether
/// anything changed.
pub fn set_dose(routine: &mut Routine, index: usize, dose: Dose) -> bool {
    let dose = clamp_dose(dose);
    match routine.exercises.get_mut(index) {
        Some(exercise) if exercise.dose != dose => {
            exercise.dose = dose;
            true
        }
        _ => false,
    }
}

/// The version a saved routine gets: above the routine it replaces, and never below the
/// version its author wrote (a therapist's "version 5" stays 5 or more).
pub fn next_version(current: &Routine, next: &Routine) -> u32 {
    current.version.saturating_add(1).max(next.version)
}

/// Why a routine could not be saved or restored.
#[derive(Debug, thiserror::Error)]
pub enum RoutineSaveError {
    /// Writing a file failed; the routine in effect is unchanged.
    #[error(
        "Could not save the routine ({source}). The routine you had is unchanged; check that the folder exists and that you may write to it. ({})",
        path.display()
    )]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The routine would not read back (a defect, reported rather than written).
    #[error(
        "The changed routine did not pass its own check, so it was not saved; nothing changed. Please report this problem. Details: {0}"
    )]
    WouldNotReadBack(#[source] CatalogError),
    /// The routine could not be turned into text (a defect, reported rather than panicking).
    #[error("Could not prepare the routine for saving ({0}). Please report this problem.")]
    Serialize(#[from] ron::Error),
    /// There is no earlier routine to go back to.
    #[error("There is no earlier routine to go back to yet. ({})", path.display())]
    NoPrevious {
        /// Where the earlier routine would be.
        path: PathBuf,
    },
    /// The earlier routine is there but could not be used; it is left as it is.
    #[error("The earlier routine could not be used, so nothing changed. {0}")]
    PreviousUnusable(#[source] CatalogError),
}

/// The routine as the text of a routine file, checked to read back to the same routine.
pub fn routine_file_text(routine: &Routine) -> Result<String, RoutineSaveError> {
    let mut text = String::from(FILE_HEADER);
    text.push_str(&routine.to_ron()?);
    text.push('\n');
    let read_back = parse_routine(&text, Path::new("the routine being saved"))
        .map_err(RoutineSaveError::WouldNotReadBack)?;
    if read_back != *routine {
        return Err(RoutineSaveError::WouldNotReadBack(CatalogError::Read {
            path: PathBuf::from("the routine being saved"),
            source: std::io::Error::other("it read back with different content"),
        }));
    }
    Ok(text)
}

/// A routine that was saved, and where an unreadable user file was kept (if there was one).
#[derive(Clone, Debug, PartialEq)]
pub struct SavedRoutine {
    /// The routine now in effect, with its new version.
    pub routine: Routine,
    /// Where the user's unreadable routine file was moved before saving, if it was.
    pub unreadable_kept_at: Option<PathBuf>,
}

/// A routine change made ready to write: the new routine (with its version) and the text of
/// both files. Made on the UI thread (no disk), written by [`PreparedRoutine::write`] on the
/// saver thread (see [`crate::prefs`]).
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedRoutine {
    /// The routine that will be in effect, with its new version.
    pub routine: Routine,
    /// The text of the user's routine file.
    new_text: String,
    /// The text of the previous routine's file (the routine in effect before).
    previous_text: String,
}

/// Makes `next` ready to replace `current` (the routine in effect, which may be the built-in
/// one): `next` gets a new version ([`next_version`]) and `current` becomes the previous
/// routine. Nothing is written; an error means `next` failed its check.
pub fn prepare_save(
    current: &Routine,
    next: &Routine,
) -> Result<PreparedRoutine, RoutineSaveError> {
    let mut saved = next.clone().with_break_routine_fitted();
    saved.version = next_version(current, next);
    Ok(PreparedRoutine {
        new_text: routine_file_text(&saved)?,
        previous_text: routine_file_text(current)?,
        routine: saved,
    })
}

impl PreparedRoutine {
    /// Writes both files atomically (the previous routine first), creating the config folder
    /// when needed. An unreadable user file is set aside first; where it went is returned.
    pub fn write(&self, paths: &Paths) -> Result<Option<PathBuf>, RoutineSaveError> {
        let file = paths.routine_file();
        let write_error = |path: &Path| {
            let path = path.to_owned();
            move |source| RoutineSaveError::Write { path, source }
        };
        std::fs::create_dir_all(&paths.config_dir).map_err(write_error(&paths.config_dir))?;
        let unreadable_kept_at = if file.exists() && load_routine(&file).is_err() {
            Some(set_aside(&file).map_err(write_error(&file))?)
        } else {
            None
        };
        let previous = previous_routine_file(paths);
        write_atomically(&previous, self.previous_text.as_bytes())
            .map_err(write_error(&previous))?;
        write_atomically(&file, self.new_text.as_bytes()).map_err(write_error(&file))?;
        Ok(unreadable_kept_at)
    }
}

/// Saves `next` as the user's routine, replacing `current`, at once on this thread (see
/// [`prepare_save`] and [`PreparedRoutine::write`]; the app writes through the saver instead).
/// Nothing is written when `next` fails its check.
pub fn save_user_routine(
    paths: &Paths,
    current: &Routine,
    next: &Routine,
) -> Result<SavedRoutine, RoutineSaveError> {
    let prepared = prepare_save(current, next)?;
    let unreadable_kept_at = prepared.write(paths)?;
    Ok(SavedRoutine {
        routine: prepared.routine,
        unreadable_kept_at,
    })
}

/// The routine kept before the last change, when there is one and it can be read: Progress and
/// the report plan the days it was followed by it. An unreadable one is simply not used for the
/// figures; restoring it reports the problem.
pub fn load_previous(paths: &Paths) -> Option<Routine> {
    let path = previous_routine_file(paths);
    if !path.is_file() {
        return None;
    }
    load_routine(&path).ok()
}

/// Whether an earlier routine is kept and can be restored.
pub fn has_previous(paths: &Paths) -> bool {
    previous_routine_file(paths).is_file()
}

/// Goes back to the routine kept before the last change. This is itself a saved change: the
/// earlier routine comes back with a new version, and `current` becomes the previous one, so
/// restoring twice returns to where the person started.
pub fn restore_previous(
    paths: &Paths,
    current: &Routine,
) -> Result<SavedRoutine, RoutineSaveError> {
    let previous = read_previous(paths)?;
    save_user_routine(paths, current, &previous)
}

/// The previous routine, read to be restored (a small file; reading it is fine on any
/// thread), or why it cannot be.
pub fn read_previous(paths: &Paths) -> Result<Routine, RoutineSaveError> {
    let path = previous_routine_file(paths);
    if !path.is_file() {
        return Err(RoutineSaveError::NoPrevious { path });
    }
    load_routine(&path).map_err(RoutineSaveError::PreviousUnusable)
}

/// The built-in routine, or an empty one if it could not be read (a build defect that the
/// test suite catches; the app still starts and shows the error).
fn built_in_or_empty() -> (Routine, Option<CatalogError>) {
    match Routine::built_in() {
        Ok(routine) => (routine, None),
        Err(err) => (
            Routine {
                version: 0,
                pain_model: crate::catalog::PainModel::default(),
                progression: crate::catalog::Progression::default(),
                break_routine: crate::catalog::BreakRoutine::default(),
                name: String::new(),
                exercises: Vec::new(),
            },
            Some(err),
        ),
    }
}

/// The routine to use at start-up: the user's file when it is there and valid; otherwise the
/// built-in routine, together with the error when the user's file is there but unusable. The
/// file itself is never changed here.
pub fn load_active_routine(paths: &Paths) -> (Routine, Option<CatalogError>) {
    let file = paths.routine_file();
    if !file.exists() {
        return built_in_or_empty();
    }
    match load_routine(&file) {
        Ok(routine) => (routine, None),
        Err(err) => {
            let (built_in, built_in_err) = built_in_or_empty();
            (built_in, Some(built_in_err.unwrap_or(err)))
        }
    }
}

/// One exercise named in a [`RoutineDiff`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseRef {
    /// The stable id.
    pub id: String,
    /// The name (in the incoming routine when it is there, else the current one).
    pub name: String,
}

impl ExerciseRef {
    fn of(exercise: &Exercise) -> ExerciseRef {
        ExerciseRef {
            id: exercise.id.clone(),
            name: exercise.name.clone(),
        }
    }
}

/// A dose that an import would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DoseChange {
    /// The exercise.
    pub exercise: ExerciseRef,
    /// The dose now.
    pub old: Dose,
    /// The dose after the import.
    pub new: Dose,
}

/// A name that an import would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    /// The exercise's id.
    pub id: String,
    /// The name now.
    pub old_name: String,
    /// The name after the import.
    pub new_name: String,
}

/// An exercise that an import would switch on or off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnabledChange {
    /// The exercise.
    pub exercise: ExerciseRef,
    /// Whether it will be switched on.
    pub enabled: bool,
}

/// What importing a routine would change. Exercises are matched by id. Every list follows the
/// incoming routine's order, except `removed`, which follows the current routine's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoutineDiff {
    /// Exercises only in the incoming routine.
    pub added: Vec<ExerciseRef>,
    /// Exercises only in the current routine.
    pub removed: Vec<ExerciseRef>,
    /// Exercises whose dose changes.
    pub dose_changes: Vec<DoseChange>,
    /// Exercises whose name changes.
    pub renamed: Vec<Rename>,
    /// Exercises switched on or off.
    pub enabled_changes: Vec<EnabledChange>,
    /// Exercises whose description changes (category, purpose, steps, cues, safety,
    /// equipment, illustration, or their easier and harder versions).
    pub described_differently: Vec<ExerciseRef>,
    /// Whether the exercises both routines share come in a different order.
    pub reordered: bool,
    /// The routine's title, old and new, when it changes.
    pub new_title: Option<(String, String)>,
}

impl RoutineDiff {
    /// Whether the import would change nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == RoutineDiff::default()
    }
}

fn described_differently(a: &Exercise, b: &Exercise) -> bool {
    a.category != b.category
        || a.purpose != b.purpose
        || a.steps != b.steps
        || a.cues != b.cues
        || a.safety != b.safety
        || a.equipment != b.equipment
        || a.illustration != b.illustration
        || a.easier != b.easier
        || a.harder != b.harder
}

/// What would change if `incoming` replaced `current`.
pub fn diff(current: &Routine, incoming: &Routine) -> RoutineDiff {
    let mut out = RoutineDiff::default();
    for new in &incoming.exercises {
        let Some(old) = current.exercise(&new.id) else {
            out.added.push(ExerciseRef::of(new));
            continue;
        };
        if old.dose != new.dose {
            out.dose_changes.push(DoseChange {
                exercise: ExerciseRef::of(new),
                old: old.dose,
                new: new.dose,
            });
        }
        if old.name != new.name {
            out.renamed.push(Rename {
                id: new.id.clone(),
                old_name: old.name.clone(),
                new_name: new.name.clone(),
            });
        }
        if old.enabled != new.enabled {
            out.enabled_changes.push(EnabledChange {
                exercise: ExerciseRef::of(new),
                enabled: new.enabled,
            });
        }
        if described_differently(old, new) {
            out.described_differently.push(ExerciseRef::of(new));
        }
    }
    out.removed = current
        .exercises
        .iter()
        .filter(|old| incoming.exercise(&old.id).is_none())
        .map(ExerciseRef::of)
        .collect();
    let shared_order = |routine: &Routine, other: &Routine| -> Vec<String> {
        routine
            .exercises
            .iter()
            .filter(|e| other.exercise(&e.id).is_some())
            .map(|e| e.id.clone())
            .collect()
    };
    out.reordered = shared_order(current, incoming) != shared_order(incoming, current);
    if current.name != incoming.name {
        out.new_title = Some((current.name.clone(), incoming.name.clone()));
    }
    out
}

/// The routine to save when the person confirms an import: the incoming routine as written,
/// with a version above the current one ([`next_version`]).
pub fn apply(current: &Routine, incoming: &Routine) -> Routine {
    let mut routine = incoming.clone();
    routine.version = next_version(current, incoming);
    routine
}

/// A checked routine file, ready to be shown as a preview before it is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    /// The file it came from.
    pub path: PathBuf,
    /// The routine in the file.
    pub incoming: Routine,
    /// What applying it would change.
    pub diff: RoutineDiff,
}

/// Reads and checks a routine file and works out what importing it would change. Nothing is
/// written; an invalid file gives its problems with line:column.
pub fn preview_import(path: &Path, current: &Routine) -> Result<ImportPreview, CatalogError> {
    let incoming = load_routine(path)?;
    let diff = diff(current, &incoming);
    Ok(ImportPreview {
        path: path.to_owned(),
        incoming,
        diff,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Category, ProblemKind};

    fn exercise(id: &str, hold_secs: u32) -> Exercise {
        let dose = Dose {
            sets: 2,
            reps: 3,
            hold_secs,
            rest_secs: 5,
            per_side: false,
            times_per_day: 1,
        };
        Exercise {
            equipment: vec!["foam roller".to_owned()],
            purpose: "Eases the upper back.".to_owned(),
            steps: vec!["Lie down.".to_owned(), "Breathe \"slowly\".".to_owned()],
            cues: vec!["Relax.".to_owned()],
            safety: "Stop if it hurts.".to_owned(),
            illustration: Some("a.svg".to_owned()),
            ..Exercise::new(id, &format!("Exercise {id}"), Category::Mobility, dose)
        }
    }

    fn routine(ids: &[&str]) -> Routine {
        Routine {
            version: 1,
            pain_model: crate::catalog::PainModel::default(),
            progression: crate::catalog::Progression::default(),
            break_routine: crate::catalog::BreakRoutine::default(),
            name: "Mine".to_owned(),
            exercises: ids.iter().map(|id| exercise(id, 15)).collect(),
        }
    }

    fn ids(routine: &Routine) -> Vec<&str> {
        routine.exercises.iter().map(|e| e.id.as_str()).collect()
    }

    #[test]
    fn doses_are_kept_within_bounds() {
        let wild = Dose {
            sets: 0,
            reps: 500,
            hold_secs: 0,
            rest_secs: 9999,
            per_side: true,
            times_per_day: 0,
        };
        assert_eq!(
            clamp_dose(wild),
            Dose {
                sets: 1,
                reps: 50,
                hold_secs: 1,
                rest_secs: 600,
                per_side: true,
                times_per_day: 1,
            }
        );
        let mut r = routine(&["a"]);
        let dose = r.exercises[0].dose;
        assert!(set_dose(&mut r, 0, Dose { sets: 11, ..dose }));
        assert_eq!(r.exercises[0].dose.sets, 10);
        let dose = r.exercises[0].dose;
        assert!(!set_dose(&mut r, 0, dose));
        assert!(!set_dose(&mut r, 5, wild));
    }

    #[test]
    fn reorder_stops_at_the_ends() {
        let mut r = routine(&["a", "b", "c"]);
        assert!(!move_up(&mut r, 0));
        assert!(move_up(&mut r, 2));
        assert_eq!(ids(&r), ["a", "c", "b"]);
        assert!(move_down(&mut r, 0));
        assert_eq!(ids(&r), ["c", "a", "b"]);
        assert!(!move_down(&mut r, 2));
        assert!(!move_down(&mut r, 7));
    }

    #[test]
    fn enabling_reports_real_changes_only() {
        let mut r = routine(&["a"]);
        assert!(!set_enabled(&mut r, 0, true));
        assert!(set_enabled(&mut r, 0, false));
        assert!(!r.exercises[0].enabled);
    }

    #[test]
    fn editor_changes_round_trip_through_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let current = routine(&["a", "b", "c"]);
        let mut next = current.clone();
        set_enabled(&mut next, 1, false);
        move_down(&mut next, 0);
        let dose = next.exercises[2].dose;
        set_dose(
            &mut next,
            2,
            Dose {
                hold_secs: 45,
                per_side: true,
                times_per_day: 2,
                ..dose
            },
        );
        let saved = save_user_routine(&paths, &current, &next).unwrap();
        assert_eq!(saved.routine.version, 2);
        assert_eq!(saved.unreadable_kept_at, None);
        let (loaded, err) = load_active_routine(&paths);
        assert!(err.is_none());
        assert_eq!(loaded, saved.routine);
        assert_eq!(ids(&loaded), ["b", "a", "c"]);
        assert!(!loaded.exercises[0].enabled);
        assert_eq!(loaded.exercises[2].dose.hold_secs, 45);
        let previous = load_routine(&previous_routine_file(&paths)).unwrap();
        assert_eq!(previous, current);
    }

    #[test]
    fn the_written_file_is_tidy() {
        let text = routine_file_text(&routine(&["a"])).unwrap();
        assert!(text.starts_with("// Limber routine file"));
        assert!(text.contains("\n    version: 1,\n"));
        assert!(text.contains("            id: \"a\",\n"));
        assert!(text.contains("            dose: Dose(\n                sets: 2,\n"));
        assert!(text.ends_with(")\n"));
    }

    #[test]
    fn each_save_gets_a_new_version_and_restore_goes_back() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        assert!(!has_previous(&paths));
        let first = routine(&["a", "b"]);
        let mut second = first.clone();
        set_enabled(&mut second, 0, false);
        let saved = save_user_routine(&paths, &first, &second).unwrap().routine;
        assert_eq!(saved.version, 2);
        assert!(has_previous(&paths));
        let restored = restore_previous(&paths, &saved).unwrap().routine;
        assert_eq!(restored.version, 3);
        assert!(restored.exercises[0].enabled);
        assert_eq!(load_active_routine(&paths).0, restored);
        let again = restore_previous(&paths, &restored).unwrap().routine;
        assert_eq!(again.version, 4);
        assert!(!again.exercises[0].enabled);
    }

    #[test]
    fn restore_without_a_previous_routine_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let err = restore_previous(&paths, &routine(&["a"])).unwrap_err();
        assert!(matches!(err, RoutineSaveError::NoPrevious { .. }));
        assert!(!paths.routine_file().exists());
    }

    #[test]
    fn a_bad_user_file_falls_back_to_built_in_and_is_kept_on_save() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        std::fs::create_dir_all(&paths.config_dir).unwrap();
        let broken = "Routine(version: 1, exercises: [Exercise(id: \"x\")])";
        std::fs::write(paths.routine_file(), broken).unwrap();
        let (active, err) = load_active_routine(&paths);
        assert_eq!(active, Routine::built_in().unwrap());
        assert!(matches!(err, Some(CatalogError::Invalid { .. })));
        assert_eq!(
            std::fs::read_to_string(paths.routine_file()).unwrap(),
            broken
        );
        let saved = save_user_routine(&paths, &active, &active).unwrap();
        let kept = saved.unreadable_kept_at.unwrap();
        assert_eq!(std::fs::read_to_string(kept).unwrap(), broken);
        assert_eq!(load_active_routine(&paths).0, saved.routine);
    }

    #[test]
    fn no_user_file_means_the_built_in_routine() {
        let dir = tempfile::tempdir().unwrap();
        let (active, err) = load_active_routine(&Paths::under(dir.path()));
        assert!(err.is_none());
        assert_eq!(active, Routine::built_in().unwrap());
    }

    #[test]
    fn diff_lists_every_kind_of_change() {
        let current = routine(&["a", "b", "c", "d"]);
        let mut incoming = routine(&["d", "b", "new", "a"]);
        incoming.name = "From Alex".to_owned();
        incoming.exercises[1].dose.hold_secs = 30;
        incoming.exercises[0].name = "Renamed d".to_owned();
        incoming.exercises[3].enabled = false;
        incoming.exercises[3].steps.push("Roll back.".to_owned());
        let d = diff(&current, &incoming);
        assert_eq!(
            d.added,
            vec![ExerciseRef {
                id: "new".to_owned(),
                name: "Exercise new".to_owned()
            }]
        );
        assert_eq!(
            d.removed.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        assert_eq!(d.dose_changes.len(), 1);
        assert_eq!(d.dose_changes[0].exercise.id, "b");
        assert_eq!(d.dose_changes[0].old.hold_secs, 15);
        assert_eq!(d.dose_changes[0].new.hold_secs, 30);
        assert_eq!(
            d.renamed,
            vec![Rename {
                id: "d".to_owned(),
                old_name: "Exercise d".to_owned(),
                new_name: "Renamed d".to_owned()
            }]
        );
        assert_eq!(d.enabled_changes.len(), 1);
        assert!(!d.enabled_changes[0].enabled);
        assert_eq!(d.described_differently[0].id, "a");
        assert!(d.reordered);
        assert_eq!(
            d.new_title,
            Some(("Mine".to_owned(), "From Alex".to_owned()))
        );
        assert!(!d.is_empty());
        assert!(diff(&current, &current).is_empty());
    }

    #[test]
    fn apply_takes_the_incoming_routine_with_a_higher_version() {
        let mut current = routine(&["a"]);
        current.version = 7;
        let incoming = routine(&["b"]);
        let applied = apply(&current, &incoming);
        assert_eq!(applied.version, 8);
        assert_eq!(ids(&applied), ["b"]);
        let mut numbered = incoming.clone();
        numbered.version = 20;
        assert_eq!(apply(&current, &numbered).version, 20);
    }

    #[test]
    fn an_invalid_import_is_rejected_with_its_place_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let current = routine(&["a"]);
        save_user_routine(&paths, &current, &current).unwrap();
        let before = std::fs::read(paths.routine_file()).unwrap();
        let file = dir.path().join("from-therapist.ron");
        std::fs::write(
            &file,
            "Routine(\n  version: 1,\n  exercises: [\n    Exercise(id: \"a\", name: \"A\", category: Mobility,\n      dose: Dose(sets: 1, reps: 1, hold_secs: 0)),\n  ],\n)\n",
        )
        .unwrap();
        let err = preview_import(&file, &current).unwrap_err();
        let CatalogError::Invalid { problems, .. } = &err else {
            panic!("expected Invalid, got {err:?}");
        };
        assert_eq!(
            problems[0].kind,
            ProblemKind::OutOfRange {
                field: "hold_secs",
                value: 0,
                allowed: HOLD_SECS_RANGE
            }
        );
        assert_eq!((problems[0].line, problems[0].column), (5, 47));
        assert!(err.to_string().contains("from-therapist.ron:5:47"));
        assert_eq!(std::fs::read(paths.routine_file()).unwrap(), before);
    }

    #[test]
    fn a_valid_import_previews_and_applies() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let current = routine(&["a", "b"]);
        let mut incoming = routine(&["a", "own"]);
        incoming.exercises[0].dose.reps = 8;
        let file = dir.path().join("therapist.ron");
        std::fs::write(&file, routine_file_text(&incoming).unwrap()).unwrap();
        let preview = preview_import(&file, &current).unwrap();
        assert_eq!(preview.diff.added[0].id, "own");
        assert_eq!(preview.diff.removed[0].id, "b");
        assert_eq!(preview.diff.dose_changes[0].new.reps, 8);
        let applied = apply(&current, &preview.incoming);
        let saved = save_user_routine(&paths, &current, &applied).unwrap();
        assert_eq!(saved.routine.version, 2);
        assert_eq!(load_active_routine(&paths).0, saved.routine);
        assert_eq!(ids(&saved.routine), ["a", "own"]);
    }
}
