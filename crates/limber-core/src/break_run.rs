//! A desk break being done (issue 31, item 4): its exercises in order, the one shown, and the
//! countdown of that exercise's one set. Pure like [`crate::timer`]: the app passes `now` in.
//!
//! The rule:
//! - the timer of an exercise runs one set of its dose ([`one_set`]), after the person's
//!   get-ready seconds; nothing runs until they ask ("Start timer", or Space);
//! - when the set ends and another exercise follows, the break moves on to it and its timer
//!   starts after a short move ([`TRANSITION_SECS`], as in the guided routine); after the last
//!   exercise the break waits for "Done, finish break", so saving stays the person's choice;
//! - "Done, next exercise" moves on without the timer, for someone who counts on their own.
//!
//! What a break saves is decided elsewhere ([`crate::desk_break::break_records`]): the timer
//! changes only how the break is followed, never what it counts for.

use std::time::Instant;

use chrono::{DateTime, Utc};

use crate::catalog::{Routine, one_set};
use crate::practice::TRANSITION_SECS;
use crate::timer::{Phase, Timer, TimerEvent};

/// Something the person should notice while a break runs: the app plays its cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakEvent {
    /// A step of the countdown began (a hold, a rest, a side switch, getting ready).
    StepStarted(Phase),
    /// The set of the exercise shown ended.
    SetFinished,
}

/// A desk break being done.
#[derive(Clone, Debug)]
pub struct BreakRun {
    /// When it started.
    pub started: DateTime<Utc>,
    /// The exercise ids, in order.
    pub order: Vec<String>,
    /// Index into `order` of the exercise shown.
    pub at: usize,
    /// The countdown of the shown exercise's one set, once started.
    pub timer: Option<Timer>,
}

impl BreakRun {
    /// A break of the exercises `order`, started at `started`, showing the first, its timer
    /// not started.
    pub fn new(started: DateTime<Utc>, order: Vec<String>) -> BreakRun {
        BreakRun {
            started,
            order,
            at: 0,
            timer: None,
        }
    }

    /// The id of the exercise shown (`None` once every exercise is done).
    pub fn current(&self) -> Option<&str> {
        self.order.get(self.at).map(String::as_str)
    }

    /// Whether the exercise shown is the last one.
    pub fn is_last(&self) -> bool {
        self.at + 1 >= self.order.len()
    }

    /// The exercise ids done so far (those before the one shown).
    pub fn done(&self) -> &[String] {
        &self.order[..self.at.min(self.order.len())]
    }

    /// Whether the countdown is running (the app then draws the next frame when it changes).
    pub fn timer_running(&self) -> bool {
        self.timer.as_ref().is_some_and(Timer::is_running)
    }

    /// "Start timer" / "Pause" / "Resume" / "Start again" (and Space): starts the set of the
    /// exercise shown after `get_ready_secs`, or pauses, resumes or restarts it.
    pub fn toggle_timer(
        &mut self,
        routine: &Routine,
        get_ready_secs: u32,
        now: Instant,
    ) -> Vec<BreakEvent> {
        if self.timer.is_none() {
            self.timer = self.fresh_timer(routine, get_ready_secs);
        }
        let events = match &mut self.timer {
            Some(timer) => timer.toggle(now),
            None => return Vec::new(),
        };
        self.events(&events)
    }

    /// Moves the countdown on to `now` (each frame). A set that ended stays shown until
    /// [`BreakRun::move_on`], so the app can say so first.
    pub fn update(&mut self, now: Instant) -> Vec<BreakEvent> {
        let events = match &mut self.timer {
            Some(timer) => timer.update(now),
            None => return Vec::new(),
        };
        self.events(&events)
    }

    /// After a set that ended, when another exercise follows: the break moves on to it and its
    /// timer starts after a short move. Nothing happens otherwise (the last exercise waits for
    /// "Done, finish break").
    pub fn move_on(&mut self, routine: &Routine, now: Instant) -> Vec<BreakEvent> {
        let finished = self.timer.as_ref().is_some_and(Timer::is_finished);
        if !finished || self.is_last() {
            return Vec::new();
        }
        self.next_exercise();
        self.timer = self.fresh_timer(routine, TRANSITION_SECS);
        let events = match &mut self.timer {
            Some(timer) => timer.start(now),
            None => return Vec::new(),
        };
        self.events(&events)
    }

    /// "Done, next exercise" (or "Done, finish break" on the last): the next exercise shows,
    /// its timer not started. Returns whether every exercise is now done.
    pub fn next_exercise(&mut self) -> bool {
        self.at += 1;
        self.timer = None;
        self.at >= self.order.len()
    }

    /// The cues of what the timer reported.
    fn events(&self, events: &[TimerEvent]) -> Vec<BreakEvent> {
        events
            .iter()
            .filter_map(|event| match event {
                TimerEvent::StepStarted(index) => self
                    .timer
                    .as_ref()
                    .and_then(|t| t.step(*index))
                    .map(|step| BreakEvent::StepStarted(step.phase)),
                TimerEvent::Finished => Some(BreakEvent::SetFinished),
            })
            .collect()
    }

    /// A timer over one set of the exercise shown, not started.
    fn fresh_timer(&self, routine: &Routine, get_ready_secs: u32) -> Option<Timer> {
        let exercise = routine.exercise(self.current()?)?;
        Some(Timer::for_dose(&one_set(&exercise.dose), get_ready_secs))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn routine() -> Routine {
        Routine::built_in().unwrap()
    }

    fn run(routine: &Routine) -> BreakRun {
        let order = routine
            .break_exercises()
            .iter()
            .map(|e| e.id.clone())
            .collect();
        BreakRun::new(DateTime::UNIX_EPOCH, order)
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn nothing_runs_until_asked_and_the_set_is_one_set_after_the_get_ready() {
        let routine = routine();
        let mut run = run(&routine);
        let t0 = Instant::now();
        assert!(run.update(t0 + secs(600)).is_empty());
        assert!(run.timer.is_none() && !run.timer_running());
        let events = run.toggle_timer(&routine, 3, t0);
        assert_eq!(events, vec![BreakEvent::StepStarted(Phase::GetReady)]);
        let shrugs = routine.exercise("shrug-rotations").unwrap();
        let set = one_set(&shrugs.dose);
        let timer = run.timer.as_ref().unwrap();
        assert_eq!(
            timer.total_secs(),
            3 + u64::from(set.reps * set.hold_secs),
            "one set, after the get-ready"
        );
        assert_eq!(
            run.update(t0 + secs(3)),
            vec![BreakEvent::StepStarted(Phase::Hold)]
        );
    }

    #[test]
    fn a_set_that_ends_moves_on_and_the_next_timer_starts_after_a_short_move() {
        let routine = routine();
        let mut run = run(&routine);
        let t0 = Instant::now();
        run.toggle_timer(&routine, 3, t0);
        let total = run.timer.as_ref().unwrap().total_secs();
        assert!(run.update(t0 + secs(total - 1)).len() <= 1);
        assert_eq!(run.at, 0, "one second before the end");
        assert_eq!(run.update(t0 + secs(total)), vec![BreakEvent::SetFinished]);
        assert_eq!(run.current(), Some("shrug-rotations"), "until it moves on");
        assert_eq!(
            run.move_on(&routine, t0 + secs(total)),
            vec![BreakEvent::StepStarted(Phase::GetReady)]
        );
        assert_eq!(run.current(), Some("cork-screws"));
        assert_eq!(run.done(), ["shrug-rotations".to_owned()]);
        assert!(run.timer_running());
        let display = run.timer.as_ref().unwrap().display(t0 + secs(total));
        assert_eq!(display.remaining_secs, u64::from(TRANSITION_SECS));
    }

    #[test]
    fn the_last_set_ending_waits_for_the_person_and_pausing_stops_the_countdown() {
        let routine = routine();
        let mut run = run(&routine);
        run.next_exercise();
        assert!(run.is_last());
        let t0 = Instant::now();
        run.toggle_timer(&routine, 0, t0);
        run.toggle_timer(&routine, 0, t0 + secs(2));
        let paused = run.timer.as_ref().unwrap().display(t0 + secs(500));
        assert!(paused.paused && !run.timer_running());
        assert_eq!(
            paused.remaining_secs, 3,
            "5 s hold, 2 s done before the pause"
        );
        run.toggle_timer(&routine, 0, t0 + secs(500));
        let total = run.timer.as_ref().unwrap().total_secs();
        let events = run.update(t0 + secs(500 - 2 + total));
        assert_eq!(events, vec![BreakEvent::SetFinished]);
        assert!(run.move_on(&routine, t0 + secs(600)).is_empty());
        assert_eq!(run.current(), Some("cork-screws"), "still shown");
        assert!(run.timer.as_ref().unwrap().is_finished());
        assert!(run.next_exercise(), "Done, finish break");
        assert_eq!(run.done().len(), 2);
    }
}
