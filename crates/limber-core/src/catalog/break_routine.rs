//! The desk break's micro-routine, as the therapist writes it in the routine file:
//! `break_routine: ["shrug-rotations", "cork-screws"]`. A break does one set of each, in order
//! (see [`crate::desk_break`]); left out of the file, it is [`DEFAULT_BREAK_ROUTINE`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::{Dose, Exercise, ProblemKind, Routine, locate};

/// The break routine when the file names none: shrug rotations and cork screws, about a
/// minute and a half together, done sitting or standing at a desk.
pub const DEFAULT_BREAK_ROUTINE: [&str; 2] = ["shrug-rotations", "cork-screws"];

/// Seconds allowed to move from one break exercise to the next (shorter than the guided
/// routine's change of position: a break stays at the desk).
pub const BREAK_TRANSITION_SECS: u32 = 5;

/// The exercise ids of the break, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BreakRoutine(pub Vec<String>);

impl Default for BreakRoutine {
    fn default() -> Self {
        BreakRoutine(
            DEFAULT_BREAK_ROUTINE
                .iter()
                .map(|id| (*id).to_owned())
                .collect(),
        )
    }
}

impl BreakRoutine {
    /// Whether this is the default (then `to_ron` leaves it out).
    pub fn is_default(&self) -> bool {
        *self == BreakRoutine::default()
    }
}

/// The dose of one set of `dose`: what a break does of each exercise.
pub fn one_set(dose: &Dose) -> Dose {
    Dose {
        sets: 1,
        times_per_day: 1,
        ..*dose
    }
}

impl Routine {
    /// The break's exercises, in order. One switched off in the routine is left out (it may
    /// have been left out because it hurt: a break never brings it back), and so is one the
    /// routine does not have (the default names exercises a therapist's own routine may lack).
    pub fn break_exercises(&self) -> Vec<&Exercise> {
        self.break_routine
            .0
            .iter()
            .filter_map(|id| self.exercise(id))
            .filter(|e| e.enabled)
            .collect()
    }

    /// How long a break takes in seconds: one set of each exercise and a short move between
    /// them.
    pub fn break_secs(&self) -> u64 {
        let exercises = self.break_exercises();
        let moves = u64::try_from(exercises.len().saturating_sub(1)).unwrap_or(0);
        exercises
            .iter()
            .map(|e| one_set(&e.dose).total_secs())
            .sum::<u64>()
            + moves * u64::from(BREAK_TRANSITION_SECS)
    }

    /// The break's length in whole minutes, rounded up (at least one): "about 2 min".
    pub fn break_minutes(&self) -> u64 {
        self.break_secs().div_ceil(60).max(1)
    }

    /// The same routine with its break routine fitted to its exercises: ids it no longer has
    /// are dropped (the routine editor removed them), and an empty list goes back to the
    /// default, so that removing an exercise never makes the routine fail its check.
    #[must_use]
    pub fn with_break_routine_fitted(mut self) -> Routine {
        let kept: Vec<String> = self
            .break_routine
            .0
            .iter()
            .filter(|id| self.exercise(id).is_some())
            .cloned()
            .collect();
        self.break_routine = if kept.is_empty() {
            BreakRoutine::default()
        } else {
            BreakRoutine(kept)
        };
        self
    }
}

/// Checks the `break_routine:` list when the file writes one: each id must name an exercise of
/// the routine, and the list must not be empty. A file that leaves it out is never refused
/// (the default's exercises may simply not be in a routine the therapist wrote: then no break
/// is offered).
pub(super) fn check_break_routine(
    routine: &Routine,
    text: &str,
    push: &mut impl FnMut(usize, ProblemKind),
) {
    let whole: Range<usize> = 0..text.len();
    let Some(list_at) = locate::field_value(text, whole.clone(), "break_routine") else {
        return;
    };
    if routine.break_routine.0.is_empty() {
        push(list_at, ProblemKind::EmptyBreakRoutine);
        return;
    }
    let items = locate::list_items(text, whole, "break_routine");
    for (index, id) in routine.break_routine.0.iter().enumerate() {
        if routine.exercise(id).is_none() {
            let at = items.get(index).map_or(list_at, |item| item.start);
            push(at, ProblemKind::UnknownBreakExercise(id.clone()));
        }
    }
}
