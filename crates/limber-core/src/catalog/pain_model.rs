//! The pain-monitoring model a therapist sets in the routine file: how much pain after a
//! session is fine, that pain settles by the next day, and that it does not rise week on week.
//!
//! It reads only what Limber records: pain before and after a session and pain logged between
//! sessions (there is no rating during an exercise). The prompt rules (`prompts`) take their
//! limits from it. The defaults follow the usual pain-monitoring approach in exercise therapy
//! for long-lasting pain (README, "The pain-monitoring model", gives the source).

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

/// Default: pain after a session up to this (0–10) is fine.
pub const DEFAULT_MAX_PAIN_AFTER: u8 = 5;
/// Default: pain after a session may be this many points above pain before.
pub const DEFAULT_MAX_RISE_AFTER: u8 = 2;
/// What `max_after` and `max_rise` may be set to: points on the 0–10 scale.
pub const PAIN_LIMIT_RANGE: RangeInclusive<u32> = 0..=10;

/// The limits a therapist sets, for the whole routine (`pain_model:` in `Routine(...)`) and
/// optionally for one exercise (`pain_model:` in its `Exercise(...)`). Every field may be left
/// out; a routine file without it reads as the defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PainModel {
    /// The highest pain after a session that is fine, 0–10.
    pub max_after: u8,
    /// How many points pain after a session may be above pain before.
    pub max_rise: u8,
    /// Whether pain should be back to its usual level by the next day.
    pub settles_by_next_day: bool,
    /// Whether pain should not rise from one week to the next.
    pub no_weekly_rise: bool,
}

impl Default for PainModel {
    fn default() -> Self {
        PainModel {
            max_after: DEFAULT_MAX_PAIN_AFTER,
            max_rise: DEFAULT_MAX_RISE_AFTER,
            settles_by_next_day: true,
            no_weekly_rise: true,
        }
    }
}

impl PainModel {
    /// Whether this is Limber's default model (then the routine file need not write it).
    pub fn is_default(&self) -> bool {
        *self == PainModel::default()
    }

    /// The stricter of two models: the lower limits, and every expectation either sets. A
    /// session that includes an exercise with its own model is held to the stricter one.
    #[must_use]
    pub fn stricter(self, other: PainModel) -> PainModel {
        PainModel {
            max_after: self.max_after.min(other.max_after),
            max_rise: self.max_rise.min(other.max_rise),
            settles_by_next_day: self.settles_by_next_day || other.settles_by_next_day,
            no_weekly_rise: self.no_weekly_rise || other.no_weekly_rise,
        }
    }

    /// The limits in plain words, one sentence each, as About and the first-start notice show
    /// them.
    pub fn plain_words(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "After a session, pain up to {} out of 10 is fine, as long as it is not more than {} \
             {} above your pain before.",
            self.max_after,
            self.max_rise,
            points(self.max_rise)
        )];
        if self.settles_by_next_day {
            lines.push(
                "By the next day your pain should be back to its usual level (your typical \
                 rating over the last two weeks)."
                    .to_owned(),
            );
        }
        if self.no_weekly_rise {
            lines.push("From one week to the next, your pain should not go up.".to_owned());
        }
        lines
    }

    /// The limits after a session in one short line, saying whose they are: the guided screen
    /// shows it once, not on every card.
    pub fn one_line(&self) -> String {
        let whose = if self.is_default() {
            "Limber's starting limits"
        } else {
            "Your therapist's limits (from your routine file)"
        };
        format!(
            "{whose}: after a session, pain up to {}/10, and no more than {} {} above your pain \
             before.",
            self.max_after,
            self.max_rise,
            points(self.max_rise)
        )
    }

    /// The numeric fields as (name in the file, value), for checking a routine file.
    pub(super) fn fields(self) -> [(&'static str, u8); 2] {
        [("max_after", self.max_after), ("max_rise", self.max_rise)]
    }
}

fn points(count: u8) -> &'static str {
    if count == 1 { "point" } else { "points" }
}

/// One line saying whose limits these are: the therapist's (set in the routine file) or
/// Limber's starting ones.
pub fn whose_limits(model: PainModel) -> &'static str {
    if model.is_default() {
        "These are Limber's starting limits. Your therapist can set their own in your routine \
         file."
    } else {
        "These limits were set in your routine file, for example by your therapist."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_five_after_and_two_above_before() {
        let model = PainModel::default();
        assert_eq!((model.max_after, model.max_rise), (5, 2));
        assert!(model.settles_by_next_day && model.no_weekly_rise);
        let words = model.plain_words().join(" ");
        assert!(words.contains("up to 5 out of 10"), "{words}");
        assert!(words.contains("not more than 2 points above"), "{words}");
    }

    #[test]
    fn one_line_names_the_limits_and_whose_they_are() {
        let line = PainModel::default().one_line();
        assert!(line.starts_with("Limber's starting limits"), "{line}");
        assert!(
            line.contains("up to 5/10") && line.contains("2 points above"),
            "{line}"
        );
        let own = PainModel {
            max_after: 3,
            max_rise: 1,
            ..PainModel::default()
        };
        let line = own.one_line();
        assert!(line.starts_with("Your therapist's limits"), "{line}");
        assert!(
            line.contains("up to 3/10") && line.contains("1 point above"),
            "{line}"
        );
    }

    #[test]
    fn the_stricter_model_takes_the_lower_limits() {
        let own = PainModel {
            max_after: 3,
            max_rise: 4,
            settles_by_next_day: false,
            no_weekly_rise: false,
        };
        let both = PainModel::default().stricter(own);
        assert_eq!((both.max_after, both.max_rise), (3, 2));
        assert!(both.settles_by_next_day && both.no_weekly_rise);
    }
}
