//! When Limber offers the next version of an exercise, as the routine file sets it.
//!
//! `progression: (...)` in `Routine(...)` sets the rules for every exercise; an exercise may
//! override some of them with its own `progression: Some((...))`. Every field may be left out:
//! what an exercise leaves out is the routine's, and what the routine leaves out is Limber's
//! default (the `DEFAULT_*` constants, with their reasons in README, "Progression"). The rules
//! themselves, read against the log, are [`crate::progression`]'s; the pain limits they use are
//! the pain-monitoring model's ([`super::PainModel`]), never a second set.

use std::ops::{Range, RangeInclusive};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ProblemKind, Routine, locate};

/// Default: the days looked back over, today included.
pub const DEFAULT_WINDOW_DAYS: u32 = 14;
/// Default: days in the window the exercise was done in full, in the version in force.
pub const DEFAULT_DAYS_DONE: u32 = 10;
/// Default: sessions in the window with the exercise and a pain-after rating.
pub const DEFAULT_RATED_SESSIONS: u32 = 3;
/// Default: "hurt" marks on the exercise in the window that bring an offer to step back.
pub const DEFAULT_STEP_BACK_HURT_MARKS: u32 = 2;
/// Default: sessions with the exercise and pain after above the model's limits that bring an
/// offer to step back.
pub const DEFAULT_STEP_BACK_OVER_LIMIT: u32 = 1;
/// Default: days a declined offer is not made again.
pub const DEFAULT_WAIT_AFTER_DECLINE_DAYS: u32 = 14;
/// Default: days after a change of version before a harder one is offered.
pub const DEFAULT_SETTLE_DAYS: u32 = 14;

/// What the windows and counts may be set to (days or sessions).
pub const PROGRESSION_COUNT_RANGE: RangeInclusive<u32> = 1..=90;
/// What the waits may be set to, in days.
pub const PROGRESSION_WAIT_RANGE: RangeInclusive<u32> = 0..=365;

/// The progression rules as the routine file writes them: every field optional (see the module
/// documentation). A routine without `progression:` reads as all defaults and writes none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Progression {
    /// The days looked back over, today included.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub window_days: Option<u32>,
    /// Days in the window the exercise must have been done in full, in the version in force.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub days_done: Option<u32>,
    /// Sessions in the window with the exercise and pain after rated, every one within the
    /// pain model's limits.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub rated_sessions: Option<u32>,
    /// "Hurt" marks on the exercise in the window that bring an offer to step back.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub step_back_hurt_marks: Option<u32>,
    /// Sessions with the exercise and pain after above the limits that bring an offer to step
    /// back.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub step_back_over_limit: Option<u32>,
    /// Days a declined offer is not made again.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub wait_after_decline_days: Option<u32>,
    /// Days after a change of version before a harder one is offered.
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "number",
        serialize_with = "write_number"
    )]
    pub settle_days: Option<u32>,
}

/// A field written as a plain number (`days_done: 10`), kept as `Some`: a field left out is
/// `None` (the routine's, or Limber's default), so the file never needs `Some(10)`.
fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(deserializer).map(Some)
}

/// Writes a field set as its plain number (see [`number`]); one not set is skipped before this.
#[expect(
    clippy::ref_option,
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's `serialize_with` passes the field by reference"
)]
fn write_number<S: Serializer>(value: &Option<u32>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(number) => serializer.serialize_u32(*number),
        None => serializer.serialize_none(),
    }
}

/// The rules in force for one exercise, every field filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProgressionRules {
    /// See [`Progression::window_days`].
    pub window_days: u32,
    /// See [`Progression::days_done`].
    pub days_done: u32,
    /// See [`Progression::rated_sessions`].
    pub rated_sessions: u32,
    /// See [`Progression::step_back_hurt_marks`].
    pub step_back_hurt_marks: u32,
    /// See [`Progression::step_back_over_limit`].
    pub step_back_over_limit: u32,
    /// See [`Progression::wait_after_decline_days`].
    pub wait_after_decline_days: u32,
    /// See [`Progression::settle_days`].
    pub settle_days: u32,
}

impl Default for ProgressionRules {
    fn default() -> Self {
        ProgressionRules {
            window_days: DEFAULT_WINDOW_DAYS,
            days_done: DEFAULT_DAYS_DONE,
            rated_sessions: DEFAULT_RATED_SESSIONS,
            step_back_hurt_marks: DEFAULT_STEP_BACK_HURT_MARKS,
            step_back_over_limit: DEFAULT_STEP_BACK_OVER_LIMIT,
            wait_after_decline_days: DEFAULT_WAIT_AFTER_DECLINE_DAYS,
            settle_days: DEFAULT_SETTLE_DAYS,
        }
    }
}

impl Progression {
    /// Whether nothing is set (then the routine file need not write it).
    pub fn is_empty(&self) -> bool {
        *self == Progression::default()
    }

    /// These settings over `under`: each field set here, else `under`'s.
    #[must_use]
    pub fn over(self, under: ProgressionRules) -> ProgressionRules {
        ProgressionRules {
            window_days: self.window_days.unwrap_or(under.window_days),
            days_done: self.days_done.unwrap_or(under.days_done),
            rated_sessions: self.rated_sessions.unwrap_or(under.rated_sessions),
            step_back_hurt_marks: self
                .step_back_hurt_marks
                .unwrap_or(under.step_back_hurt_marks),
            step_back_over_limit: self
                .step_back_over_limit
                .unwrap_or(under.step_back_over_limit),
            wait_after_decline_days: self
                .wait_after_decline_days
                .unwrap_or(under.wait_after_decline_days),
            settle_days: self.settle_days.unwrap_or(under.settle_days),
        }
    }

    /// Each field set, as (name in the file, value, allowed range), for checking a file.
    fn fields(self) -> impl Iterator<Item = (&'static str, u32, RangeInclusive<u32>)> {
        let count = PROGRESSION_COUNT_RANGE;
        let wait = PROGRESSION_WAIT_RANGE;
        [
            ("window_days", self.window_days, count.clone()),
            ("days_done", self.days_done, count.clone()),
            ("rated_sessions", self.rated_sessions, count.clone()),
            (
                "step_back_hurt_marks",
                self.step_back_hurt_marks,
                count.clone(),
            ),
            ("step_back_over_limit", self.step_back_over_limit, count),
            (
                "wait_after_decline_days",
                self.wait_after_decline_days,
                wait.clone(),
            ),
            ("settle_days", self.settle_days, wait),
        ]
        .into_iter()
        .filter_map(|(name, value, allowed)| value.map(|v| (name, v, allowed)))
    }
}

impl Routine {
    /// The progression rules for the exercise `id`: its own settings over the routine's, over
    /// Limber's defaults.
    pub fn progression_for(&self, id: &str) -> ProgressionRules {
        let routine = self.progression.over(ProgressionRules::default());
        self.exercise(id)
            .and_then(|e| e.progression)
            .map_or(routine, |own| own.over(routine))
    }
}

/// Checks the progression settings written as `progression:` at the top of `span` (the routine
/// or one exercise): each field in range, and no more days done than days looked back over
/// (`rules` are the settings in force there, inherited ones included).
pub(super) fn check_progression(
    progression: Progression,
    rules: ProgressionRules,
    text: &str,
    span: Range<usize>,
    push: &mut impl FnMut(usize, ProblemKind),
) {
    let Some(written_at) = locate::field_value(text, span.clone(), "progression") else {
        return;
    };
    let at = locate::inside_some(text, written_at);
    let field_at = |name: &str| locate::field_value(text, at..span.end, name).unwrap_or(at);
    let mut out_of_range = false;
    for (field, value, allowed) in progression.fields() {
        if !allowed.contains(&value) {
            out_of_range = true;
            push(
                field_at(field),
                ProblemKind::OutOfRange {
                    field,
                    value,
                    allowed,
                },
            );
        }
    }
    let sets_days = progression.days_done.is_some() || progression.window_days.is_some();
    if !out_of_range && sets_days && rules.days_done > rules.window_days {
        let field = if progression.days_done.is_some() {
            "days_done"
        } else {
            "window_days"
        };
        push(
            field_at(field),
            ProblemKind::MoreDaysThanWindow {
                days_done: rules.days_done,
                window_days: rules.window_days,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exercise_s_settings_lie_over_the_routine_s_over_the_defaults() {
        let routine_level = Progression {
            days_done: Some(8),
            window_days: Some(10),
            ..Progression::default()
        };
        let routine = routine_level.over(ProgressionRules::default());
        assert_eq!((routine.days_done, routine.window_days), (8, 10));
        assert_eq!(routine.settle_days, DEFAULT_SETTLE_DAYS);
        let own = Progression {
            days_done: Some(9),
            ..Progression::default()
        };
        let exercise = own.over(routine);
        assert_eq!((exercise.days_done, exercise.window_days), (9, 10));
        assert!(Progression::default().is_empty() && !own.is_empty());
    }
}
