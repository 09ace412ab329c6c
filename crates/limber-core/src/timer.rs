//! The hold timer: a pure state machine driven by timestamps.
//!
//! The caller passes `now` into every method. Remaining time is always computed from the
//! instant a step started, never by counting frames, so the timer stays right when frames are
//! dropped, the window is minimised or the machine is busy. After a long gap a single call to
//! [`Timer::update`] catches up through every step that ended meanwhile.

use std::time::{Duration, Instant};

use crate::catalog::Dose;

/// What the person is doing during a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Getting into position before the first hold.
    GetReady,
    /// Holding or performing a repetition.
    Hold,
    /// Resting between repetitions or sets.
    Rest,
    /// Changing to the other side.
    SwitchSides,
}

impl Phase {
    /// The word shown large on the timer.
    pub fn label(self) -> &'static str {
        match self {
            Phase::GetReady => "Get ready",
            Phase::Hold => "Hold",
            Phase::Rest => "Rest",
            Phase::SwitchSides => "Switch sides",
        }
    }
}

/// Which side a per-side step works.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// The left side, done first.
    Left,
    /// The right side.
    Right,
}

impl Side {
    /// The word shown on the timer.
    pub fn label(self) -> &'static str {
        match self {
            Side::Left => "left side",
            Side::Right => "right side",
        }
    }
}

/// One timed step of an exercise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    /// What to do.
    pub phase: Phase,
    /// How long, in seconds (always at least 1).
    pub secs: u32,
    /// 1-based set number.
    pub set: u32,
    /// 1-based repetition within the set and side (0 for get-ready and between-set steps).
    pub rep: u32,
    /// The side, for per-side exercises.
    pub side: Option<Side>,
}

/// Seconds given to change sides.
pub const SWITCH_SIDES_SECS: u32 = 5;

/// Every step of a dose, in order: get ready, then each set's holds with rests between them,
/// a switch-sides step between the two sides, and a rest between sets. Zero-length steps are
/// left out.
///
/// The plan is a formula, not a list: [`Plan::step`] works out the step at an index, so a plan
/// takes the same few bytes whatever the dose (a hand-edited routine file once asked for four
/// billion repetitions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plan {
    dose: Dose,
    get_ready_secs: u32,
}

impl Plan {
    /// The plan of a dose, with a get-ready step of `get_ready_secs` first (none when 0).
    pub fn new(dose: &Dose, get_ready_secs: u32) -> Plan {
        Plan {
            dose: *dose,
            get_ready_secs,
        }
    }

    /// 1 when there is a get-ready step, else 0.
    fn get_ready_steps(&self) -> u128 {
        u128::from(self.get_ready_secs > 0)
    }

    /// 1 when rests are steps of their own, else 0.
    fn rest_steps(&self) -> u128 {
        u128::from(self.dose.rest_secs > 0)
    }

    /// 2 sides for per-side exercises, else 1.
    fn sides(&self) -> u128 {
        if self.dose.per_side { 2 } else { 1 }
    }

    /// Steps of one side of one set: its holds and the rests between them.
    fn side_steps(&self) -> u128 {
        let reps = u128::from(self.dose.reps);
        reps + self.rest_steps() * reps.saturating_sub(1)
    }

    /// Steps of one set, without the rest that opens every set after the first: each side,
    /// and a switch-sides step between two sides.
    fn set_steps(&self) -> u128 {
        self.sides() * self.side_steps() + (self.sides() - 1)
    }

    /// Steps in the whole plan (exact; `u128` holds even the largest `u32` dose).
    fn count(&self) -> u128 {
        let sets = u128::from(self.dose.sets);
        self.get_ready_steps()
            + sets * self.set_steps()
            + sets.saturating_sub(1) * self.rest_steps()
    }

    /// How many steps there are (`usize::MAX` for a plan too long to count in a `usize`,
    /// whose later steps are then never reached).
    pub fn len(&self) -> usize {
        usize::try_from(self.count()).unwrap_or(usize::MAX)
    }

    /// Whether there are no steps at all.
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// The step at `index`, or `None` past the end.
    pub fn step(&self, index: usize) -> Option<Step> {
        let index = u128::try_from(index).ok()?;
        if index >= self.count() {
            return None;
        }
        if index < self.get_ready_steps() {
            return Some(Step {
                phase: Phase::GetReady,
                secs: self.get_ready_secs,
                set: 1,
                rep: 0,
                side: None,
            });
        }
        let (set, in_set) = self.split_sets(index - self.get_ready_steps());
        let Some(in_set) = in_set else {
            return Some(Step {
                phase: Phase::Rest,
                secs: self.dose.rest_secs,
                set,
                rep: 0,
                side: None,
            });
        };
        let side_steps = self.side_steps();
        let (side, in_side) = match in_set.cmp(&side_steps) {
            std::cmp::Ordering::Less => (0, Some(in_set)),
            std::cmp::Ordering::Equal => (1, None),
            std::cmp::Ordering::Greater => (1, Some(in_set - side_steps - 1)),
        };
        let side = self
            .dose
            .per_side
            .then_some(if side == 0 { Side::Left } else { Side::Right });
        let Some(in_side) = in_side else {
            return Some(Step {
                phase: Phase::SwitchSides,
                secs: SWITCH_SIDES_SECS,
                set,
                rep: 0,
                side,
            });
        };
        // Without rests the side is hold, hold, …; with rests it is hold, rest, hold, …
        let (rep, phase) = if self.rest_steps() == 0 {
            (in_side + 1, Phase::Hold)
        } else if in_side % 2 == 0 {
            (in_side / 2 + 1, Phase::Hold)
        } else {
            (in_side.div_ceil(2) + 1, Phase::Rest)
        };
        let (secs, rep) = (
            if phase == Phase::Hold {
                self.dose.hold_secs.max(1)
            } else {
                self.dose.rest_secs
            },
            u32::try_from(rep).unwrap_or(u32::MAX),
        );
        Some(Step {
            phase,
            secs,
            set,
            rep,
            side,
        })
    }

    /// For an index counted after the get-ready step: the 1-based set, and the index within
    /// that set's sides, or `None` for the rest that opens the set.
    fn split_sets(&self, index: u128) -> (u32, Option<u128>) {
        let body = self.set_steps();
        if index < body {
            return (1, Some(index));
        }
        let stride = body + self.rest_steps();
        let after_first = index - body;
        let set = u32::try_from(after_first / stride + 2).unwrap_or(u32::MAX);
        let within = after_first % stride;
        if self.rest_steps() == 1 {
            (set, within.checked_sub(1))
        } else {
            (set, Some(within))
        }
    }

    /// Holds among the first `steps` steps.
    pub fn holds_before(&self, steps: usize) -> u32 {
        let steps = u128::try_from(steps).unwrap_or(u128::MAX);
        u32::try_from(self.holds_in(steps)).unwrap_or(u32::MAX)
    }

    /// Holds among the first `steps` steps, exactly.
    fn holds_in(&self, steps: u128) -> u128 {
        let steps = steps
            .min(self.count())
            .saturating_sub(self.get_ready_steps());
        let reps = u128::from(self.dose.reps);
        let body = self.set_steps();
        let side_steps = self.side_steps();
        let in_side = |n: u128| {
            let n = n.min(side_steps);
            if self.rest_steps() == 0 {
                n
            } else {
                n.div_ceil(2)
            }
        };
        let in_set = |n: u128| {
            if n <= side_steps {
                in_side(n)
            } else {
                reps + in_side(n - side_steps - 1)
            }
        };
        if steps <= body {
            in_set(steps)
        } else {
            let stride = body + self.rest_steps();
            let after_first = steps - body;
            let full = after_first / stride;
            let within = (after_first % stride).saturating_sub(self.rest_steps());
            (full + 1) * reps * self.sides() + in_set(within)
        }
    }

    /// Holds in the whole plan (a per-side exercise counts each side).
    pub fn holds_total(&self) -> u32 {
        u32::try_from(self.holds_in(self.count())).unwrap_or(u32::MAX)
    }

    /// The highest set number of any step (`None` without steps), for "set 2 of 3".
    pub fn last_set(&self) -> Option<u32> {
        if self.count() > self.get_ready_steps() {
            Some(self.dose.sets)
        } else {
            (self.get_ready_steps() > 0).then_some(1)
        }
    }

    /// The highest repetition number of any step (`None` without steps), for "rep 4 of 5".
    pub fn last_rep(&self) -> Option<u32> {
        let any_hold = self.dose.sets > 0 && self.dose.reps > 0;
        (!self.is_empty()).then_some(if any_hold { self.dose.reps } else { 0 })
    }

    /// Total time of every step, in seconds.
    pub fn total_secs(&self) -> u64 {
        let holds = self.holds_in(self.count());
        let sets = u128::from(self.dose.sets);
        let switches = sets * (self.sides() - 1);
        let rests = self.count() - self.get_ready_steps() - holds - switches;
        let total = u128::from(self.get_ready_secs) * self.get_ready_steps()
            + holds * u128::from(self.dose.hold_secs.max(1))
            + switches * u128::from(SWITCH_SIDES_SECS)
            + rests * u128::from(self.dose.rest_secs);
        u64::try_from(total).unwrap_or(u64::MAX)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Not started yet.
    Ready,
    /// Counting down step `index`, which started at `started`.
    Running { index: usize, started: Instant },
    /// Stopped in step `index` after `elapsed` of it.
    Paused { index: usize, elapsed: Duration },
    /// Every step is over.
    Finished,
}

/// Something the person should notice: the UI plays a cue and flashes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerEvent {
    /// A new step began (its index); after a long gap only the latest is reported.
    StepStarted(usize),
    /// The last step ended.
    Finished,
}

/// What the timer shows at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Display {
    /// The current step, if started and not finished.
    pub step: Option<Step>,
    /// Index of the current step.
    pub index: usize,
    /// Time left in the current step.
    pub remaining: Duration,
    /// Whole seconds to show (rounded up, so "1" is shown until the very end).
    pub remaining_secs: u64,
    /// Whether it is paused.
    pub paused: bool,
    /// Whether every step is over.
    pub finished: bool,
}

/// The timer for one exercise.
#[derive(Clone, Debug)]
pub struct Timer {
    plan: Plan,
    state: State,
}

impl Timer {
    /// A timer over the steps of a plan, not yet started.
    pub fn new(plan: Plan) -> Timer {
        Timer {
            plan,
            state: State::Ready,
        }
    }

    /// A timer for a dose.
    pub fn for_dose(dose: &Dose, get_ready_secs: u32) -> Timer {
        Timer::new(Plan::new(dose, get_ready_secs))
    }

    /// The steps, in order.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The step at `index`, or `None` past the end.
    pub fn step(&self, index: usize) -> Option<Step> {
        self.plan.step(index)
    }

    /// The length of the step at `index` (zero past the end, which never happens for the
    /// index a running or paused timer holds).
    fn step_length(&self, index: usize) -> Duration {
        Duration::from_secs(u64::from(self.plan.step(index).map_or(0, |s| s.secs)))
    }

    /// Whether it has not been started.
    pub fn is_ready(&self) -> bool {
        self.state == State::Ready
    }

    /// Whether it is counting down.
    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running { .. })
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        matches!(self.state, State::Paused { .. })
    }

    /// Whether every step is over.
    pub fn is_finished(&self) -> bool {
        self.state == State::Finished
    }

    /// Starts from the first step (also after finishing).
    pub fn start(&mut self, now: Instant) -> Vec<TimerEvent> {
        self.begin_at(0, now)
    }

    /// Starts again from the first step, whatever the state.
    pub fn restart(&mut self, now: Instant) -> Vec<TimerEvent> {
        self.begin_at(0, now)
    }

    fn begin_at(&mut self, index: usize, now: Instant) -> Vec<TimerEvent> {
        if index >= self.plan.len() {
            self.state = State::Finished;
            return vec![TimerEvent::Finished];
        }
        self.state = State::Running {
            index,
            started: now,
        };
        vec![TimerEvent::StepStarted(index)]
    }

    /// Pauses a running timer, keeping the time already spent in the step.
    pub fn pause(&mut self, now: Instant) -> Vec<TimerEvent> {
        let events = self.update(now);
        if let State::Running { index, started } = self.state {
            self.state = State::Paused {
                index,
                elapsed: now.saturating_duration_since(started),
            };
        }
        events
    }

    /// Resumes a paused timer where it stopped.
    pub fn resume(&mut self, now: Instant) {
        if let State::Paused { index, elapsed } = self.state {
            let started = now.checked_sub(elapsed).unwrap_or(now);
            self.state = State::Running { index, started };
        }
    }

    /// Space bar: start when ready or finished, pause when running, resume when paused.
    pub fn toggle(&mut self, now: Instant) -> Vec<TimerEvent> {
        match self.state {
            State::Ready | State::Finished => self.start(now),
            State::Running { .. } => self.pause(now),
            State::Paused { .. } => {
                self.resume(now);
                Vec::new()
            }
        }
    }

    /// Ends the current step now and moves to the next one (keeping a pause paused).
    pub fn skip(&mut self, now: Instant) -> Vec<TimerEvent> {
        let mut events = self.update(now);
        match self.state {
            State::Ready => events.extend(self.begin_at(1.min(self.plan.len()), now)),
            State::Running { index, .. } => events.extend(self.begin_at(index + 1, now)),
            State::Paused { index, .. } => {
                if index + 1 >= self.plan.len() {
                    self.state = State::Finished;
                    events.push(TimerEvent::Finished);
                } else {
                    self.state = State::Paused {
                        index: index + 1,
                        elapsed: Duration::ZERO,
                    };
                    events.push(TimerEvent::StepStarted(index + 1));
                }
            }
            State::Finished => {}
        }
        events
    }

    /// Catches up to `now`: moves through every step that has ended. Each step's end is
    /// computed from the previous step's start, so no time is lost or gained between steps.
    /// After a long gap only the latest change is reported, so a returning person hears one
    /// cue, not a burst.
    pub fn update(&mut self, now: Instant) -> Vec<TimerEvent> {
        let State::Running {
            mut index,
            mut started,
        } = self.state
        else {
            return Vec::new();
        };
        let before = index;
        loop {
            let length = self.step_length(index);
            if now.saturating_duration_since(started) < length {
                break;
            }
            started += length;
            index += 1;
            if index >= self.plan.len() {
                self.state = State::Finished;
                return vec![TimerEvent::Finished];
            }
        }
        self.state = State::Running { index, started };
        if index == before {
            Vec::new()
        } else {
            vec![TimerEvent::StepStarted(index)]
        }
    }

    /// What to show at `now` (call [`Timer::update`] first to catch up).
    pub fn display(&self, now: Instant) -> Display {
        let (index, remaining, paused) = match self.state {
            State::Ready => {
                let first = self.plan.step(0);
                let secs = first.map_or(0, |s| s.secs);
                return Display {
                    step: first,
                    index: 0,
                    remaining: Duration::from_secs(u64::from(secs)),
                    remaining_secs: u64::from(secs),
                    paused: false,
                    finished: false,
                };
            }
            State::Finished => {
                return Display {
                    step: None,
                    index: self.plan.len(),
                    remaining: Duration::ZERO,
                    remaining_secs: 0,
                    paused: false,
                    finished: true,
                };
            }
            State::Running { index, started } => (
                index,
                self.step_length(index)
                    .saturating_sub(now.saturating_duration_since(started)),
                false,
            ),
            State::Paused { index, elapsed } => {
                (index, self.step_length(index).saturating_sub(elapsed), true)
            }
        };
        Display {
            step: self.plan.step(index),
            index,
            remaining,
            remaining_secs: ceil_secs(remaining),
            paused,
            finished: false,
        }
    }

    /// How long until what is shown changes (the next whole second or step end), or `None`
    /// when nothing will change without input. The UI asks for a repaint exactly then.
    pub fn next_change_in(&self, now: Instant) -> Option<Duration> {
        let State::Running { .. } = self.state else {
            return None;
        };
        let remaining = self.display(now).remaining;
        let fraction = remaining.saturating_sub(Duration::from_secs(remaining.as_secs()));
        Some(if fraction.is_zero() {
            Duration::from_secs(1).min(remaining.max(Duration::from_millis(1)))
        } else {
            fraction
        })
    }

    /// Holds finished so far (a per-side exercise counts each side).
    pub fn holds_done(&self, now: Instant) -> u32 {
        let finished_before = match self.state {
            State::Ready => 0,
            State::Finished => self.plan.len(),
            State::Running { index, started } => {
                if now.saturating_duration_since(started) >= self.step_length(index) {
                    index + 1
                } else {
                    index
                }
            }
            State::Paused { index, .. } => index,
        };
        self.plan.holds_before(finished_before)
    }

    /// Total holds in the plan.
    pub fn holds_total(&self) -> u32 {
        self.plan.holds_total()
    }

    /// Whole sets finished, given the holds done and the dose.
    pub fn sets_done(&self, now: Instant, dose: &Dose) -> u32 {
        let per_set = dose.reps * if dose.per_side { 2 } else { 1 };
        self.holds_done(now).checked_div(per_set).unwrap_or(0)
    }

    /// Total time of every step, in seconds.
    pub fn total_secs(&self) -> u64 {
        self.plan.total_secs()
    }
}

fn ceil_secs(duration: Duration) -> u64 {
    duration.as_secs() + u64::from(duration.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn plan_orders_sides_reps_and_sets() {
        use Phase::{GetReady, Hold, Rest, SwitchSides};
        use Side::{Left, Right};
        let plan = Plan::new(&dose(2, 2, 10, 5, true), 3);
        let phases: Vec<_> = (0..plan.len())
            .map(|i| plan.step(i).expect("within the plan"))
            .map(|s| (s.phase, s.set, s.rep, s.side))
            .collect();
        assert_eq!(
            phases,
            vec![
                (GetReady, 1, 0, None),
                (Hold, 1, 1, Some(Left)),
                (Rest, 1, 2, Some(Left)),
                (Hold, 1, 2, Some(Left)),
                (SwitchSides, 1, 0, Some(Right)),
                (Hold, 1, 1, Some(Right)),
                (Rest, 1, 2, Some(Right)),
                (Hold, 1, 2, Some(Right)),
                (Rest, 2, 0, None),
                (Hold, 2, 1, Some(Left)),
                (Rest, 2, 2, Some(Left)),
                (Hold, 2, 2, Some(Left)),
                (SwitchSides, 2, 0, Some(Right)),
                (Hold, 2, 1, Some(Right)),
                (Rest, 2, 2, Some(Right)),
                (Hold, 2, 2, Some(Right)),
            ]
        );
    }

    #[test]
    fn full_run_reports_every_step_and_finishes_on_time() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(2, 2, 10, 5, true), 3);
        let total = timer.total_secs();
        assert_eq!(total, 3 + 4 * (10 + 5 + 10) + 2 * 5 + 5);
        assert_eq!(timer.start(t0), vec![TimerEvent::StepStarted(0)]);
        let mut seen = vec![0];
        for second in 1..total {
            for event in timer.update(t0 + secs(second)) {
                if let TimerEvent::StepStarted(i) = event {
                    seen.push(i);
                }
            }
            assert!(!timer.is_finished(), "finished early at {second}s");
        }
        assert_eq!(seen, (0..timer.plan().len()).collect::<Vec<_>>());
        assert_eq!(timer.holds_done(t0 + secs(total - 1)), 7);
        assert_eq!(timer.update(t0 + secs(total)), vec![TimerEvent::Finished]);
        assert_eq!(timer.holds_done(t0 + secs(total)), 8);
    }

    #[test]
    fn display_rounds_up_and_schedules_the_next_second() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(1, 1, 15, 0, false), 3);
        timer.start(t0);
        let shown = timer.display(t0 + Duration::from_millis(300));
        assert_eq!(shown.remaining_secs, 3);
        assert_eq!(shown.step.map(|s| s.phase), Some(Phase::GetReady));
        assert_eq!(
            timer.next_change_in(t0 + Duration::from_millis(300)),
            Some(Duration::from_millis(700))
        );
        timer.update(t0 + secs(3));
        let shown = timer.display(t0 + secs(3));
        assert_eq!(
            (shown.step.map(|s| s.phase), shown.remaining_secs),
            (Some(Phase::Hold), 15)
        );
    }

    #[test]
    fn pause_across_a_long_gap_keeps_the_remaining_time() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(1, 1, 30, 0, false), 0);
        timer.start(t0);
        timer.pause(t0 + secs(10));
        assert!(timer.is_paused());
        assert_eq!(timer.update(t0 + secs(3600)), vec![]);
        assert_eq!(timer.display(t0 + secs(3600)).remaining_secs, 20);
        assert_eq!(timer.next_change_in(t0 + secs(3600)), None);
        timer.resume(t0 + secs(3600));
        assert_eq!(timer.display(t0 + secs(3619)).remaining_secs, 1);
        assert_eq!(timer.update(t0 + secs(3620)), vec![TimerEvent::Finished]);
    }

    #[test]
    fn skip_moves_to_the_next_step_and_restart_goes_back() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(1, 2, 10, 5, false), 3);
        timer.start(t0);
        assert_eq!(timer.skip(t0 + secs(1)), vec![TimerEvent::StepStarted(1)]);
        let shown = timer.display(t0 + secs(1));
        assert_eq!(
            (shown.step.map(|s| s.phase), shown.remaining_secs),
            (Some(Phase::Hold), 10)
        );
        timer.skip(t0 + secs(2));
        timer.skip(t0 + secs(2));
        assert_eq!(timer.skip(t0 + secs(2)), vec![TimerEvent::Finished]);
        assert!(timer.is_finished());
        assert_eq!(
            timer.restart(t0 + secs(5)),
            vec![TimerEvent::StepStarted(0)]
        );
        assert_eq!(timer.display(t0 + secs(5)).remaining_secs, 3);
    }

    #[test]
    fn ten_minute_gap_while_minimised_catches_up_with_one_event() {
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&dose(3, 5, 20, 10, false), 3);
        timer.start(t0);
        // Frames stop for ten minutes; 3 + 15*20 + 14*10 = 443 s < 600 s, so it is over.
        assert_eq!(timer.update(t0 + secs(600)), vec![TimerEvent::Finished]);
        let mut timer = Timer::for_dose(&dose(3, 5, 60, 10, false), 3);
        timer.start(t0);
        // Set 1 ends at 3 + 5*60 + 4*10 = 343 s; after a 10 s rest, set 2's fourth hold runs
        // from 563 s to 623 s, so at 600 s it has 23 s left.
        let events = timer.update(t0 + secs(600));
        assert_eq!(events.len(), 1);
        let shown = timer.display(t0 + secs(600));
        let step = shown.step.expect("still running");
        assert_eq!((step.phase, step.set, step.rep), (Phase::Hold, 2, 4));
        assert_eq!(shown.remaining_secs, 23);
    }

    /// The plan as it was once built: every step pushed into a list. The formula in [`Plan`]
    /// must give exactly these steps.
    fn listed(dose: &Dose, get_ready_secs: u32) -> Vec<Step> {
        let mut steps = Vec::new();
        if get_ready_secs > 0 {
            steps.push(Step {
                phase: Phase::GetReady,
                secs: get_ready_secs,
                set: 1,
                rep: 0,
                side: None,
            });
        }
        let sides: &[Option<Side>] = if dose.per_side {
            &[Some(Side::Left), Some(Side::Right)]
        } else {
            &[None]
        };
        for set in 1..=dose.sets {
            if set > 1 && dose.rest_secs > 0 {
                steps.push(Step {
                    phase: Phase::Rest,
                    secs: dose.rest_secs,
                    set,
                    rep: 0,
                    side: None,
                });
            }
            for (side_index, side) in sides.iter().enumerate() {
                if side_index > 0 {
                    steps.push(Step {
                        phase: Phase::SwitchSides,
                        secs: SWITCH_SIDES_SECS,
                        set,
                        rep: 0,
                        side: *side,
                    });
                }
                for rep in 1..=dose.reps {
                    if rep > 1 && dose.rest_secs > 0 {
                        steps.push(Step {
                            phase: Phase::Rest,
                            secs: dose.rest_secs,
                            set,
                            rep,
                            side: *side,
                        });
                    }
                    steps.push(Step {
                        phase: Phase::Hold,
                        secs: dose.hold_secs.max(1),
                        set,
                        rep,
                        side: *side,
                    });
                }
            }
        }
        steps
    }

    #[test]
    fn the_formula_gives_the_same_steps_as_the_list_for_every_small_dose() {
        for sets in 0..=4 {
            for reps in 0..=4 {
                for (hold, rest) in [(0, 0), (10, 0), (10, 5)] {
                    for per_side in [false, true] {
                        for get_ready in [0, 3] {
                            let dose = dose(sets, reps, hold, rest, per_side);
                            let expected = listed(&dose, get_ready);
                            let plan = Plan::new(&dose, get_ready);
                            let at = format!("{dose:?}, get ready {get_ready}");
                            assert_eq!(plan.len(), expected.len(), "{at}");
                            assert_eq!(plan.is_empty(), expected.is_empty(), "{at}");
                            for (i, step) in expected.iter().enumerate() {
                                assert_eq!(plan.step(i), Some(*step), "step {i} of {at}");
                            }
                            assert_eq!(plan.step(expected.len()), None, "{at}");
                            for n in 0..=expected.len() + 1 {
                                let holds = expected[..n.min(expected.len())]
                                    .iter()
                                    .filter(|s| s.phase == Phase::Hold)
                                    .count();
                                assert_eq!(
                                    plan.holds_before(n),
                                    u32::try_from(holds).unwrap(),
                                    "holds in the first {n} steps of {at}"
                                );
                            }
                            let total: u64 = expected.iter().map(|s| u64::from(s.secs)).sum();
                            assert_eq!(plan.total_secs(), total, "{at}");
                            assert_eq!(
                                plan.last_set(),
                                expected.iter().map(|s| s.set).max(),
                                "{at}"
                            );
                            assert_eq!(
                                plan.last_rep(),
                                expected.iter().map(|s| s.rep).max(),
                                "{at}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_largest_dose_a_file_can_hold_takes_no_memory_and_still_counts() {
        // Once this allocated every step: 4,294,967,295 sets of as many reps aborted the app.
        let huge = dose(u32::MAX, u32::MAX, u32::MAX, u32::MAX, true);
        let t0 = Instant::now();
        let mut timer = Timer::for_dose(&huge, 3);
        assert_eq!(timer.holds_total(), u32::MAX);
        assert_eq!(timer.total_secs(), u64::MAX);
        assert_eq!(timer.plan().len(), usize::MAX);
        timer.start(t0);
        assert_eq!(timer.update(t0 + secs(3)), vec![TimerEvent::StepStarted(1)]);
        let shown = timer.display(t0 + secs(4));
        let step = shown.step.expect("running");
        assert_eq!(
            (step.phase, step.set, step.rep, step.side),
            (Phase::Hold, 1, 1, Some(Side::Left))
        );
        // One side of a set is 2^32 - 1 holds with a rest between each; a set is both sides
        // and the switch between them. After the get-ready step and set 1 comes set 2's rest.
        let side = 2 * u64::from(u32::MAX) - 1;
        let set_2 = usize::try_from(1 + 2 * side + 1).unwrap();
        let at = |i: usize| {
            timer
                .plan()
                .step(i)
                .map(|s| (s.phase, s.set, s.rep, s.side))
        };
        assert_eq!(
            at(set_2 - 1),
            Some((Phase::Hold, 1, u32::MAX, Some(Side::Right)))
        );
        assert_eq!(at(set_2), Some((Phase::Rest, 2, 0, None)));
        assert_eq!(at(set_2 + 1), Some((Phase::Hold, 2, 1, Some(Side::Left))));
        assert_eq!(timer.plan().holds_before(set_2), u32::MAX);
    }
}
