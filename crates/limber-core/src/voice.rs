//! What the voice says while the timer runs, for someone on the floor who cannot see the
//! screen: the exercise's name, "get ready", "hold", "rest", "switch sides", the last three
//! seconds of a longer step, and "done".
//!
//! The words come from comparing where the timer was at the previous frame with where it is
//! now ([`announcements`]), a pure function: the app shell reads the timer once per frame and
//! hands the words to the speech thread. Comparing two moments, rather than reacting to each
//! event, means a frame that comes late (a busy machine, a hidden window) says only what is
//! true now: one phase, never a burst of stale ones.

use crate::timer::{Phase, Plan, Side, Timer};

/// Where a timer is, as far as the voice is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Not started yet.
    NotStarted,
    /// In the step at `index`, showing `remaining_secs` whole seconds (running or paused).
    InStep {
        /// Index of the step in the plan.
        index: usize,
        /// The whole seconds shown (rounded up, as on screen).
        remaining_secs: u64,
    },
    /// Every step is over.
    Finished,
}

impl Progress {
    /// Where `timer` is at `now` (call [`Timer::update`] first to catch up).
    pub fn of(timer: &Timer, now: std::time::Instant) -> Progress {
        if timer.is_ready() {
            return Progress::NotStarted;
        }
        let display = timer.display(now);
        if display.finished {
            Progress::Finished
        } else {
            Progress::InStep {
                index: display.index,
                remaining_secs: display.remaining_secs,
            }
        }
    }
}

/// One thing the voice says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// The exercise's name, when its timer starts (or starts again).
    Exercise(String),
    /// Get into position.
    GetReady,
    /// Start holding; `side` is given on the first hold of each side of a per-side exercise.
    Hold {
        /// The side starting now, if it is the first hold of that side.
        side: Option<Side>,
    },
    /// Rest, between repetitions or between sets.
    Rest,
    /// Change to the other side.
    SwitchSides,
    /// One of the last seconds of a step: 3, 2, 1.
    Count(u64),
    /// The exercise is finished.
    Done,
}

impl Announcement {
    /// The words spoken.
    pub fn words(&self) -> String {
        match self {
            Announcement::Exercise(name) => name.clone(),
            Announcement::GetReady => "Get ready".to_owned(),
            Announcement::Hold { side: None } => "Hold".to_owned(),
            Announcement::Hold { side: Some(side) } => format!("Hold, {}", side.label()),
            Announcement::Rest => "Rest".to_owned(),
            Announcement::SwitchSides => "Switch sides".to_owned(),
            Announcement::Count(n) => match n {
                1 => "one".to_owned(),
                2 => "two".to_owned(),
                3 => "three".to_owned(),
                n => n.to_string(),
            },
            Announcement::Done => "Done".to_owned(),
        }
    }
}

/// The count covers the last this many seconds of a step.
pub const COUNTDOWN_SECS: u64 = 3;

/// Only steps at least this long are counted down: in a shorter one the count would follow
/// the phase's own word without a pause.
pub const COUNTDOWN_MIN_STEP_SECS: u32 = 6;

/// What to say when the timer of `exercise_name` (following `plan`) moved from `before` (the
/// previous frame) to `after` (this frame). Empty when nothing worth saying changed.
///
/// - Starting, or starting again from an earlier step: the exercise's name, then the phase.
/// - A new step: its phase ("Hold, left side" on the first hold of each side).
/// - The last three seconds of a step of 6 s or more: "three", "two", "one".
/// - The last step ending: "Done".
///
/// A pause changes nothing, so says nothing; after a long gap only the step reached now is
/// announced, once.
pub fn announcements(
    plan: &Plan,
    exercise_name: &str,
    before: Progress,
    after: Progress,
) -> Vec<Announcement> {
    match (before, after) {
        (_, Progress::NotStarted) | (Progress::Finished, Progress::Finished) => Vec::new(),
        (_, Progress::Finished) => vec![Announcement::Done],
        (Progress::NotStarted | Progress::Finished, Progress::InStep { index, .. }) => {
            starting(plan, exercise_name, index)
        }
        (
            Progress::InStep {
                index: was,
                remaining_secs: was_remaining,
            },
            Progress::InStep {
                index,
                remaining_secs,
            },
        ) => {
            if index < was || (index == was && remaining_secs > was_remaining) {
                starting(plan, exercise_name, index)
            } else if index > was {
                phase(plan, index).into_iter().collect()
            } else if remaining_secs < was_remaining
                && (1..=COUNTDOWN_SECS).contains(&remaining_secs)
                && plan
                    .step(index)
                    .is_some_and(|step| step.secs >= COUNTDOWN_MIN_STEP_SECS)
            {
                vec![Announcement::Count(remaining_secs)]
            } else {
                Vec::new()
            }
        }
    }
}

/// The exercise's name and the phase of the step it starts at.
fn starting(plan: &Plan, exercise_name: &str, index: usize) -> Vec<Announcement> {
    let name = exercise_name.trim();
    (!name.is_empty())
        .then(|| Announcement::Exercise(name.to_owned()))
        .into_iter()
        .chain(phase(plan, index))
        .collect()
}

/// The word for the phase of the step at `index`.
fn phase(plan: &Plan, index: usize) -> Option<Announcement> {
    let step = plan.step(index)?;
    Some(match step.phase {
        Phase::GetReady => Announcement::GetReady,
        Phase::Hold => Announcement::Hold {
            side: step.side.filter(|_| step.rep == 1),
        },
        Phase::Rest => Announcement::Rest,
        Phase::SwitchSides => Announcement::SwitchSides,
    })
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::catalog::Dose;

    fn dose(sets: u32, reps: u32, hold: u32, rest: u32, per_side: bool) -> Dose {
        Dose {
            sets,
            reps,
            hold_secs: hold,
            rest_secs: rest,
            per_side,
            times_per_day: 1,
        }
    }

    /// Runs `timer` from its start, reading it every `frame_ms` until it finishes, and returns
    /// each announcement's words with the second (since the start) it was said at.
    fn spoken(timer: &mut Timer, name: &str, frame_ms: u64) -> Vec<(u64, String)> {
        let t0 = Instant::now();
        let mut before = Progress::of(timer, t0);
        timer.start(t0);
        let mut said = Vec::new();
        let mut elapsed_ms = 0;
        loop {
            let now = t0 + Duration::from_millis(elapsed_ms);
            timer.update(now);
            let after = Progress::of(timer, now);
            for announcement in announcements(timer.plan(), name, before, after) {
                said.push((elapsed_ms / 1000, announcement.words()));
            }
            before = after;
            if after == Progress::Finished {
                return said;
            }
            elapsed_ms += frame_ms;
        }
    }

    fn words(list: &[(u64, &str)]) -> Vec<(u64, String)> {
        list.iter().map(|(s, w)| (*s, (*w).to_owned())).collect()
    }

    /// A per-side exercise, two sets of two 8-second holds with 6-second rests, a 3-second
    /// get-ready: every word, in order, at its second.
    #[test]
    fn a_per_side_exercise_with_sets_and_rests_is_announced_in_order() {
        let mut timer = Timer::for_dose(&dose(2, 2, 8, 6, true), 3);
        let expected_set = |start: u64, first: &'static str| {
            // Left: hold (8), rest (6), hold (8); switch (5); right: hold, rest, hold.
            vec![
                (start, first),
                (start + 5, "three"),
                (start + 6, "two"),
                (start + 7, "one"),
                (start + 8, "Rest"),
                (start + 11, "three"),
                (start + 12, "two"),
                (start + 13, "one"),
                (start + 14, "Hold"),
                (start + 19, "three"),
                (start + 20, "two"),
                (start + 21, "one"),
                (start + 22, "Switch sides"),
                (start + 27, "Hold, right side"),
                (start + 32, "three"),
                (start + 33, "two"),
                (start + 34, "one"),
                (start + 35, "Rest"),
                (start + 38, "three"),
                (start + 39, "two"),
                (start + 40, "one"),
                (start + 41, "Hold"),
                (start + 46, "three"),
                (start + 47, "two"),
                (start + 48, "one"),
            ]
        };
        let mut expected = words(&[(0, "Thread the needle"), (0, "Get ready")]);
        expected.extend(words(&expected_set(3, "Hold, left side")));
        // The rest between the sets (6 s) is counted down too.
        expected.extend(words(&[
            (52, "Rest"),
            (55, "three"),
            (56, "two"),
            (57, "one"),
        ]));
        expected.extend(words(&expected_set(58, "Hold, left side")));
        expected.push((107, "Done".to_owned()));
        assert_eq!(timer.total_secs(), 107);
        // Frames every 250 ms, and frames only once a second: the same words at the same time.
        assert_eq!(spoken(&mut timer, "Thread the needle", 250), expected);
        let mut timer = Timer::for_dose(&dose(2, 2, 8, 6, true), 3);
        assert_eq!(spoken(&mut timer, "Thread the needle", 1000), expected);
    }

    #[test]
    fn short_steps_are_not_counted_down() {
        let mut timer = Timer::for_dose(&dose(1, 2, 5, 2, false), 0);
        assert_eq!(
            spoken(&mut timer, "Shrug rotations", 100),
            words(&[
                (0, "Shrug rotations"),
                (0, "Hold"),
                (5, "Rest"),
                (7, "Hold"),
                (12, "Done"),
            ])
        );
    }

    #[test]
    fn a_long_gap_says_only_the_step_reached_now() {
        let plan = Plan::new(&dose(1, 3, 10, 5, false), 3);
        let before = Progress::InStep {
            index: 1,
            remaining_secs: 9,
        };
        // From the first hold straight to the last one (rep 3, index 5), 2 s left.
        let after = Progress::InStep {
            index: 5,
            remaining_secs: 2,
        };
        assert_eq!(
            announcements(&plan, "Swimmers", before, after),
            vec![Announcement::Hold { side: None }]
        );
        assert_eq!(
            announcements(&plan, "Swimmers", before, Progress::Finished),
            vec![Announcement::Done]
        );
    }

    #[test]
    fn pausing_says_nothing_and_restarting_says_the_name_again() {
        let plan = Plan::new(&dose(1, 2, 10, 5, true), 3);
        let holding = Progress::InStep {
            index: 1,
            remaining_secs: 6,
        };
        assert!(announcements(&plan, "Open book", holding, holding).is_empty());
        let restarted = Progress::InStep {
            index: 0,
            remaining_secs: 3,
        };
        assert_eq!(
            announcements(&plan, "Open book", holding, restarted),
            vec![
                Announcement::Exercise("Open book".to_owned()),
                Announcement::GetReady
            ]
        );
        // Restarted within the first step: the time shown went up.
        let again = Progress::InStep {
            index: 1,
            remaining_secs: 10,
        };
        assert_eq!(
            announcements(&plan, " ", holding, again),
            vec![Announcement::Hold {
                side: Some(Side::Left)
            }]
        );
        assert!(
            announcements(&plan, "Open book", Progress::Finished, Progress::Finished).is_empty()
        );
        assert!(announcements(&plan, "Open book", holding, Progress::NotStarted).is_empty());
    }

    #[test]
    fn progress_follows_the_timer() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(1, 1, 10, 0, false), 3);
        assert_eq!(Progress::of(&timer, t0), Progress::NotStarted);
        timer.start(t0);
        assert_eq!(
            Progress::of(&timer, t0 + Duration::from_millis(500)),
            Progress::InStep {
                index: 0,
                remaining_secs: 3
            }
        );
        timer.update(t0 + Duration::from_secs(13));
        assert_eq!(
            Progress::of(&timer, t0 + Duration::from_secs(13)),
            Progress::Finished
        );
    }
}
