//! The exercise catalog: what a routine file says, how it is loaded, and how it is checked.
//!
//! A routine is a RON file (see `exercises.ron` at the top of the repository). The built-in
//! routine is compiled into the binary; a user copy in the config dir overrides it. Every
//! problem found in a file is reported with its line and column so that a therapist editing the
//! file by hand can find it.

use std::fmt;
use std::fmt::Write as _;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod break_routine;
mod pain_model;
mod progression;
mod variant;

pub use break_routine::{BREAK_TRANSITION_SECS, BreakRoutine, DEFAULT_BREAK_ROUTINE, one_set};
pub use pain_model::{
    DEFAULT_MAX_PAIN_AFTER, DEFAULT_MAX_RISE_AFTER, PAIN_LIMIT_RANGE, PainModel, whose_limits,
};
pub use progression::{
    DEFAULT_DAYS_DONE, DEFAULT_RATED_SESSIONS, DEFAULT_SETTLE_DAYS, DEFAULT_STEP_BACK_HURT_MARKS,
    DEFAULT_STEP_BACK_OVER_LIMIT, DEFAULT_WAIT_AFTER_DECLINE_DAYS, DEFAULT_WINDOW_DAYS,
    PROGRESSION_COUNT_RANGE, PROGRESSION_WAIT_RANGE, Progression, ProgressionRules,
};
pub use variant::{BUNDLED_DRAWINGS, StepChange, Variant, Version, is_bundled_drawing};

/// The routine shipped with Limber, embedded at compile time.
pub const BUILT_IN_ROUTINE: &str = include_str!("../../../../exercises.ron");

/// The longest hold the catalog accepts, in seconds (one hour).
pub const MAX_HOLD_SECS: u32 = 3600;

// The bounds of every dose field: the one home of these limits. A routine file is checked
// against them, and the routine editor keeps its fields inside them (`routine_edit`), so no
// dose can ask the timer for more than a few hours of steps.

/// Allowed sets per exercise.
pub const SETS_RANGE: RangeInclusive<u32> = 1..=10;
/// Allowed repetitions per set (on each side when `per_side`).
pub const REPS_RANGE: RangeInclusive<u32> = 1..=50;
/// Allowed hold, in seconds (up to one hour).
pub const HOLD_SECS_RANGE: RangeInclusive<u32> = 1..=MAX_HOLD_SECS;
/// Allowed rest between repetitions and sets, in seconds.
pub const REST_SECS_RANGE: RangeInclusive<u32> = 0..=600;
/// Allowed times a day.
pub const TIMES_PER_DAY_RANGE: RangeInclusive<u32> = 1..=10;

/// Which part of the routine an exercise belongs to; the checklist is grouped by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    /// Self-massage with a foam roller or a ball, to ease tender spots.
    Massage,
    /// Gentle movement that restores range of motion.
    Mobility,
    /// Slow strengthening of the muscles that hold the upper back.
    Strengthening,
}

impl Category {
    /// All categories, in the order the checklist shows them.
    pub const ALL: [Category; 3] = [
        Category::Massage,
        Category::Mobility,
        Category::Strengthening,
    ];

    /// The heading shown above the category's exercises.
    pub fn label(self) -> &'static str {
        match self {
            Category::Massage => "Massage",
            Category::Mobility => "Mobility",
            Category::Strengthening => "Strengthening",
        }
    }
}

/// How much of an exercise to do: the prescription a therapist writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dose {
    /// Number of sets.
    pub sets: u32,
    /// Repetitions in each set (on each side when `per_side`).
    pub reps: u32,
    /// How long each repetition is held or performed, in seconds.
    pub hold_secs: u32,
    /// Rest between repetitions and between sets, in seconds.
    #[serde(default)]
    pub rest_secs: u32,
    /// Whether every set is done once on the left and once on the right.
    #[serde(default)]
    pub per_side: bool,
    /// How many times a day the therapist suggests doing it.
    #[serde(default = "one")]
    pub times_per_day: u32,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

impl Dose {
    /// A short human summary, e.g. "3 × 15 s hold, each side".
    pub fn summary(&self) -> String {
        let hold = format_secs(self.hold_secs);
        let mut text = match (self.sets, self.reps) {
            (sets, 0 | 1) => format!("{sets} × {hold} hold"),
            (1, reps) => format!("{reps} × {hold}"),
            (sets, reps) => format!("{sets} sets of {reps} × {hold}"),
        };
        if self.per_side {
            text.push_str(", each side");
        }
        if self.times_per_day > 1 {
            let _ = write!(text, ", {}× a day", self.times_per_day);
        }
        text
    }

    /// Total planned time in seconds, holds and rests included (without the get-ready count).
    pub fn total_secs(&self) -> u64 {
        let sides = if self.per_side { 2 } else { 1 };
        let holds = u64::from(self.sets) * u64::from(self.reps) * sides;
        let rests = holds.saturating_sub(1);
        holds * u64::from(self.hold_secs) + rests * u64::from(self.rest_secs)
    }
}

/// Formats seconds the way the app shows doses: "45 s", "2 min", "1 min 30 s".
pub fn format_secs(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// One exercise of the routine, with everything the card shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    /// Stable identifier, kept in the session log; never reuse one for a different exercise.
    pub id: String,
    /// The name shown in the checklist.
    pub name: String,
    /// Which group it belongs to.
    pub category: Category,
    /// What is needed, e.g. "foam roller"; empty when nothing is.
    #[serde(default)]
    pub equipment: Vec<String>,
    /// One line on what the exercise is for.
    #[serde(default)]
    pub purpose: String,
    /// Numbered steps, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Short reminders of good form.
    #[serde(default)]
    pub cues: Vec<String>,
    /// When to stop or go easier.
    #[serde(default)]
    pub safety: String,
    /// The prescription.
    pub dose: Dose,
    /// File name of the illustration in `assets/illustrations/`, if any.
    #[serde(default)]
    pub illustration: Option<String>,
    /// Whether the exercise is part of today's routine (switched off in the editor when not).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The therapist's pain limits for sessions that include this exercise, when stricter
    /// than the routine's (see [`PainModel::stricter`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pain_model: Option<PainModel>,
    /// The therapist's progression rules for this exercise, over the routine's (see
    /// [`Routine::progression_for`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progression: Option<Progression>,
    /// Easier versions, if the therapist lists them, the nearest to the standard one first
    /// (see [`Variant`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub easier: Vec<Variant>,
    /// Harder versions, if the therapist lists them, the nearest to the standard one first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harder: Vec<Variant>,
}

impl Exercise {
    /// An enabled exercise with only an id, a name, a category and a dose: no equipment,
    /// steps, cues, safety line or illustration yet (fill them in with `..Exercise::new(…)`).
    pub fn new(id: &str, name: &str, category: Category, dose: Dose) -> Exercise {
        Exercise {
            id: id.to_owned(),
            name: name.to_owned(),
            category,
            equipment: Vec::new(),
            purpose: String::new(),
            steps: Vec::new(),
            cues: Vec::new(),
            safety: String::new(),
            dose,
            illustration: None,
            enabled: true,
            pain_model: None,
            progression: None,
            easier: Vec::new(),
            harder: Vec::new(),
        }
    }
}

/// A whole routine: the exercises in the order they are done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routine {
    /// Increases with every saved change so that sessions can say which version they followed.
    pub version: u32,
    /// A title for the routine, e.g. "Upper back, from Alex (RMT)".
    #[serde(default)]
    pub name: String,
    /// The exercises, in order.
    pub exercises: Vec<Exercise>,
    /// The pain-monitoring model the therapist set (Limber's defaults when the file has none).
    #[serde(default, skip_serializing_if = "PainModel::is_default")]
    pub pain_model: PainModel,
    /// When to offer a harder or an easier version (Limber's defaults when the file has none;
    /// see [`Progression`]).
    #[serde(default, skip_serializing_if = "Progression::is_empty")]
    pub progression: Progression,
    /// The desk break's exercises, one set of each (shrug rotations and cork screws when the
    /// file names none; see [`DEFAULT_BREAK_ROUTINE`]).
    #[serde(default, skip_serializing_if = "BreakRoutine::is_default")]
    pub break_routine: BreakRoutine,
}

impl Routine {
    /// The built-in routine. It is checked by the test suite, so failing here is a build defect;
    /// still, the app never panics on it: it reports the problem instead.
    pub fn built_in() -> Result<Routine, CatalogError> {
        parse_routine(BUILT_IN_ROUTINE, Path::new("exercises.ron (built in)"))
    }

    /// The exercises switched on, in order.
    pub fn enabled(&self) -> impl Iterator<Item = &Exercise> {
        self.exercises.iter().filter(|e| e.enabled)
    }

    /// Looks an exercise up by id.
    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }

    /// The pain model a session with these exercises is held to: the routine's, made stricter
    /// by the model of each listed exercise that sets its own.
    pub fn pain_model_for<'a>(&self, exercise_ids: impl IntoIterator<Item = &'a str>) -> PainModel {
        exercise_ids
            .into_iter()
            .filter_map(|id| self.exercise(id).and_then(|e| e.pain_model))
            .fold(self.pain_model, PainModel::stricter)
    }

    /// Serialises the routine in the same format it is read from.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        // "\n" on every platform (ron writes "\r\n" on Windows), like the comment lines around it.
        let config = ron::ser::PrettyConfig::new()
            .new_line("\n")
            .depth_limit(4)
            .struct_names(true)
            .separate_tuple_members(false);
        ron::ser::to_string_pretty(self, config)
    }
}

/// What is wrong at one place in a routine file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The text is not valid RON, or a field is unknown, missing or of the wrong type.
    Syntax(String),
    /// Two exercises share an id.
    DuplicateId(String),
    /// An exercise has an empty id.
    EmptyId,
    /// An exercise has no name.
    MissingName,
    /// A dose field or a pain limit outside its allowed range (see [`SETS_RANGE`], the other
    /// ranges and [`PAIN_LIMIT_RANGE`]).
    OutOfRange {
        /// The field as written in the file, e.g. `sets`.
        field: &'static str,
        /// The value found.
        value: u32,
        /// What is allowed.
        allowed: RangeInclusive<u32>,
    },
    /// The routine lists no exercises.
    NoExercises,
    /// An easier or harder version has no name.
    VersionWithoutName,
    /// A version names a drawing Limber does not ship (see [`BUNDLED_DRAWINGS`]).
    UnknownDrawing(String),
    /// Progression rules asking for more days done than the days they look back over.
    MoreDaysThanWindow {
        /// Days done asked for.
        days_done: u32,
        /// Days looked back over.
        window_days: u32,
    },
    /// `break_routine:` names an exercise the routine does not have.
    UnknownBreakExercise(String),
    /// `break_routine:` is an empty list.
    EmptyBreakRoutine,
    /// A version changes a step the exercise does not have.
    NoSuchStep {
        /// The step number written.
        step: u32,
        /// How many steps the exercise has.
        steps: u32,
    },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Syntax(message) => write!(f, "{message}"),
            ProblemKind::DuplicateId(id) => {
                write!(
                    f,
                    "the id \"{id}\" is used by more than one exercise; give each its own"
                )
            }
            ProblemKind::EmptyId => write!(f, "the exercise has an empty id"),
            ProblemKind::MissingName => write!(f, "the exercise has no name"),
            ProblemKind::OutOfRange {
                field,
                value,
                allowed,
            } => {
                let unit = if field.ends_with("_secs") {
                    " seconds"
                } else if field.starts_with("max_") {
                    " (points on the 0–10 pain scale)"
                } else if field.ends_with("_days") {
                    " days"
                } else {
                    ""
                };
                write!(
                    f,
                    "{field} is {value}; it must be between {} and {}{unit}; change it to a \
                     number in that range",
                    allowed.start(),
                    allowed.end()
                )
            }
            ProblemKind::NoExercises => write!(f, "the routine has no exercises"),
            ProblemKind::VersionWithoutName => {
                write!(
                    f,
                    "this version has no name; add a short one, e.g. \"hips up\""
                )
            }
            ProblemKind::UnknownDrawing(name) => write!(
                f,
                "Limber has no drawing called \"{name}\"; use one of {}, or leave the \
                 illustration out to keep the exercise's",
                BUNDLED_DRAWINGS
                    .iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            ProblemKind::MoreDaysThanWindow {
                days_done,
                window_days,
            } => write!(
                f,
                "days_done is {days_done}, more than the {window_days} days looked back over \
                 (window_days); make days_done at most window_days"
            ),
            ProblemKind::UnknownBreakExercise(id) => write!(
                f,
                "the break routine names \"{id}\", but no exercise has that id; use the id of \
                 an exercise in this file"
            ),
            ProblemKind::EmptyBreakRoutine => write!(
                f,
                "the break routine is empty; name one or two exercises, or leave \
                 break_routine out to use shrug rotations and cork screws"
            ),
            ProblemKind::NoSuchStep { step, steps } => write!(
                f,
                "step {step} is changed, but the exercise has {steps} steps; number the steps \
                 from 1"
            ),
        }
    }
}

/// One problem, with the place it was found (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// Why a routine file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read at all.
    #[error("could not read the routine file: {source} ({})", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file was read but is not a valid routine.
    #[error("{}", render_problems(path, problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

fn render_problems(path: &Path, problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("{}:{}:{}: {}", path.display(), p.line, p.column, p.kind))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads and checks a routine file.
pub fn load_routine(path: &Path) -> Result<Routine, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_routine(&text, path)
}

/// Parses and checks routine text; `path` only names the source in errors.
pub fn parse_routine(text: &str, path: &Path) -> Result<Routine, CatalogError> {
    let routine: Routine =
        ron::Options::default()
            .from_str(text)
            .map_err(|err| CatalogError::Invalid {
                path: path.to_owned(),
                problems: vec![syntax_problem(text, &err)],
            })?;
    let problems = validate(&routine, text);
    if problems.is_empty() {
        Ok(routine)
    } else {
        Err(CatalogError::Invalid {
            path: path.to_owned(),
            problems,
        })
    }
}

/// The problem to report for a parse error. A text with a forgotten closing quote swallows the
/// lines after it, so the parser only notices far below the real mistake; since a routine
/// never needs a text that runs over a line break, such a text is reported where it starts.
fn syntax_problem(text: &str, err: &ron::error::SpannedError) -> Problem {
    let (line, column) = (err.span.start.line, err.span.start.col);
    let stopped_at = locate::offset_of(text, line, column);
    let at = |offset: usize, message: String| {
        let (line, column) = locate::line_col(text, offset);
        Problem {
            line,
            column,
            kind: ProblemKind::Syntax(message),
        }
    };
    // The reader notices a missing field at the closing bracket; point at the start of the
    // exercise (or its dose) instead, which is where a person looks for it.
    if let ron::error::Error::MissingStructField { field, outer } = &err.code
        && let Some(span) = locate::exercise_spans(text)
            .into_iter()
            .find(|span| span.start <= stopped_at && stopped_at <= span.end)
    {
        let in_dose = outer.as_deref() == Some("Dose");
        let offset = if in_dose {
            locate::field_value(text, span.clone(), "dose").unwrap_or(span.start)
        } else {
            span.start
        };
        let what = if in_dose { "dose" } else { "exercise" };
        return at(
            offset,
            format!("this {what} has no `{field}:` field; add one"),
        );
    }
    let error_line_start = locate::offset_of(text, line, 1);
    // The culprit: the text the reader had just left, if it ran over a line break and only
    // closed on the line where reading failed (or never closed at all).
    let runaway = locate::last_string_before(text, stopped_at)
        .filter(|range| range.end >= error_line_start && text[range.clone()].contains('\n'));
    match runaway.map(|range| range.start) {
        Some(start) => at(
            start,
            format!(
                "this text has no closing quote (\") on its line, so the rest of the file is \
                 misread (the reader stopped at {line}:{column}: {}); add the missing quote",
                err.code
            ),
        ),
        None => Problem {
            line,
            column,
            kind: ProblemKind::Syntax(err.code.to_string()),
        },
    }
}

/// Checks the meaning of a parsed routine; `text` is its source, used to place each problem.
fn validate(routine: &Routine, text: &str) -> Vec<Problem> {
    let spans = locate::exercise_spans(text);
    let mut problems = Vec::new();
    let mut push = |offset: usize, kind: ProblemKind| {
        let (line, column) = locate::line_col(text, offset);
        problems.push(Problem { line, column, kind });
    };
    if routine.exercises.is_empty() {
        push(
            locate::field_value(text, 0..text.len(), "exercises").unwrap_or(0),
            ProblemKind::NoExercises,
        );
    }
    check_pain_model(routine.pain_model, text, 0..text.len(), &mut push);
    let routine_rules = routine.progression.over(ProgressionRules::default());
    progression::check_progression(
        routine.progression,
        routine_rules,
        text,
        0..text.len(),
        &mut push,
    );
    break_routine::check_break_routine(routine, text, &mut push);
    let mut seen: Vec<&str> = Vec::new();
    for (index, exercise) in routine.exercises.iter().enumerate() {
        let span = spans.get(index).cloned().unwrap_or(0..text.len());
        let at = |field: &str| locate::field_value(text, span.clone(), field).unwrap_or(span.start);
        if let Some(model) = exercise.pain_model {
            check_pain_model(model, text, span.clone(), &mut push);
        }
        variant::check_variants(exercise, text, span.clone(), &mut push);
        if let Some(own) = exercise.progression {
            let rules = own.over(routine_rules);
            progression::check_progression(own, rules, text, span.clone(), &mut push);
        }
        if exercise.id.trim().is_empty() {
            push(at("id"), ProblemKind::EmptyId);
        } else if seen.contains(&exercise.id.as_str()) {
            push(at("id"), ProblemKind::DuplicateId(exercise.id.clone()));
        } else {
            seen.push(&exercise.id);
        }
        if exercise.name.trim().is_empty() {
            push(at("name"), ProblemKind::MissingName);
        }
        // The dose's fields sit one level deeper, inside `Dose( ... )`: look for them there,
        // and point at the dose itself when a field is not written out.
        let dose_span = locate::field_value(text, span.clone(), "dose")
            .map_or_else(|| span.clone(), |start| start..span.end);
        let in_dose = |field: &str| {
            locate::field_value(text, dose_span.clone(), field).unwrap_or(dose_span.start)
        };
        for (field, value, allowed) in dose_fields(&exercise.dose) {
            if !allowed.contains(&value) {
                push(
                    in_dose(field),
                    ProblemKind::OutOfRange {
                        field,
                        value,
                        allowed,
                    },
                );
            }
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// Checks a pain model's limits, written as `pain_model:` at the top of `span` (the routine or
/// one exercise); a problem points at the field, or at the model when the field is not written.
fn check_pain_model(
    model: PainModel,
    text: &str,
    span: std::ops::Range<usize>,
    push: &mut impl FnMut(usize, ProblemKind),
) {
    let model_at = locate::field_value(text, span.clone(), "pain_model").unwrap_or(span.start);
    // An exercise's model is written `Some((...))`: look inside the `Some`.
    let model_at = locate::inside_some(text, model_at);
    for (field, value) in model.fields() {
        let value = u32::from(value);
        if !PAIN_LIMIT_RANGE.contains(&value) {
            let at = locate::field_value(text, model_at..span.end, field).unwrap_or(model_at);
            push(
                at,
                ProblemKind::OutOfRange {
                    field,
                    value,
                    allowed: PAIN_LIMIT_RANGE,
                },
            );
        }
    }
}

/// Each numeric dose field as (name in the file, value, allowed range).
fn dose_fields(dose: &Dose) -> [(&'static str, u32, RangeInclusive<u32>); 5] {
    [
        ("sets", dose.sets, SETS_RANGE),
        ("reps", dose.reps, REPS_RANGE),
        ("hold_secs", dose.hold_secs, HOLD_SECS_RANGE),
        ("rest_secs", dose.rest_secs, REST_SECS_RANGE),
        ("times_per_day", dose.times_per_day, TIMES_PER_DAY_RANGE),
    ]
}

mod locate;

/// Said wherever a built-in dose is shown: every figure in `exercises.ron` except the lat
/// stretch's hold of about 15 s is Limber's own suggestion, not the source article's, so the
/// therapist's dose always comes first.
pub const STARTING_DOSE_NOTE: &str = "Starting dose: a gentle starting point suggested by \
     Limber. If your therapist gave you a dose, use theirs instead (change it under Routine).";

/// Said on an exercise whose dose differs from the built-in one.
pub const OWN_DOSE_NOTE: &str =
    "Your dose: changed from Limber's starting point, e.g. to your therapist's.";

/// The built-in exercises' doses by id, read once.
fn built_in_doses() -> &'static [(String, Dose)] {
    static DOSES: std::sync::OnceLock<Vec<(String, Dose)>> = std::sync::OnceLock::new();
    DOSES.get_or_init(|| {
        Routine::built_in()
            .map(|r| r.exercises.into_iter().map(|e| (e.id, e.dose)).collect())
            .unwrap_or_default()
    })
}

/// Whether `exercise` is a built-in one still at Limber's starting dose (so the starting-dose
/// note applies); false for a changed dose or a therapist's own exercise.
pub fn is_starting_dose(exercise: &Exercise) -> bool {
    built_in_doses()
        .iter()
        .any(|(id, dose)| *id == exercise.id && *dose == exercise.dose)
}

/// The note to show beside an exercise's dose: [`STARTING_DOSE_NOTE`] or [`OWN_DOSE_NOTE`].
pub fn dose_note(exercise: &Exercise) -> &'static str {
    if is_starting_dose(exercise) {
        STARTING_DOSE_NOTE
    } else {
        OWN_DOSE_NOTE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_routine_is_valid_and_complete() {
        let routine = Routine::built_in().expect("built-in routine must load");
        assert_eq!(routine.exercises.len(), 11);
        for category in Category::ALL {
            assert!(routine.exercises.iter().any(|e| e.category == category));
        }
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(locate::line_col("ab\ncd", 0), (1, 1));
        assert_eq!(locate::line_col("ab\ncd", 4), (2, 2));
    }

    #[test]
    fn dose_summary_reads_naturally() {
        let dose = Dose {
            sets: 3,
            reps: 1,
            hold_secs: 15,
            rest_secs: 10,
            per_side: true,
            times_per_day: 1,
        };
        assert_eq!(dose.summary(), "3 × 15 s hold, each side");
        let dose = Dose {
            sets: 2,
            reps: 10,
            hold_secs: 3,
            rest_secs: 0,
            per_side: false,
            times_per_day: 3,
        };
        assert_eq!(dose.summary(), "2 sets of 10 × 3 s, 3× a day");
        let dose = Dose {
            sets: 1,
            reps: 8,
            hold_secs: 60,
            rest_secs: 0,
            per_side: false,
            times_per_day: 1,
        };
        assert_eq!(dose.summary(), "8 × 1 min");
    }

    #[test]
    fn built_in_doses_are_labelled_as_a_starting_point_until_changed() {
        let routine = Routine::built_in().unwrap();
        let mut exercise = routine.exercises[0].clone();
        assert!(is_starting_dose(&exercise));
        assert_eq!(dose_note(&exercise), STARTING_DOSE_NOTE);
        exercise.dose.reps += 1;
        assert!(!is_starting_dose(&exercise));
        assert_eq!(dose_note(&exercise), OWN_DOSE_NOTE);
        let own = Exercise::new("own", "Own", Category::Mobility, routine.exercises[0].dose);
        assert!(!is_starting_dose(&own), "a therapist's own exercise");
    }

    #[test]
    fn bone_caution_on_the_roller_and_the_ball() {
        let routine = Routine::built_in().unwrap();
        for id in ["foam-roll", "recovery-ball"] {
            let safety = &routine.exercise(id).unwrap().safety;
            assert!(safety.contains("osteoporosis"), "{id}");
            assert!(safety.contains("broke a bone recently"), "{id}");
            assert!(safety.contains("ask your therapist or doctor"), "{id}");
        }
        let roll = routine.exercise("foam-roll").unwrap().safety.clone();
        assert!(roll.contains("bending back over the roller"));
    }

    #[test]
    fn step_texts_match_the_timer_and_the_drawing() {
        let routine = Routine::built_in().unwrap();
        let steps = |id: &str| routine.exercise(id).unwrap().steps.join(" ");
        // Foam roll: the drawing shows the hands behind the head, so do the steps.
        let roll = steps("foam-roll");
        assert!(roll.contains("hands laced behind your head"));
        assert!(!roll.contains("cross your arms"));
        // Recovery ball: the time on the step is the timer's hold.
        let ball = routine.exercise("recovery-ball").unwrap();
        assert!(
            steps("recovery-ball")
                .contains(&format!("{} s in the starting dose", ball.dose.hold_secs))
        );
        assert!(!steps("recovery-ball").contains("until the soreness fades"));
        // I-Y-T: one timer hold is one letter, one set is one round.
        let iyt = routine.exercise("iyt-poses").unwrap();
        let text = steps("iyt-poses");
        assert!(text.contains("Each hold on the timer is one letter"));
        assert!(text.contains("one round (one set on the timer)"));
        assert!(text.contains(&format!("{} s in the starting dose", iyt.dose.hold_secs)));
        assert_eq!(iyt.dose.reps, 3, "three letters a round");
    }
}
