//! The rules of practising: the open session, the running timer and the guided routine.
//!
//! [`Practice`] takes what the person does (start a timer, tick an exercise, move on in the
//! guided routine, answer the pain question, finish) together with the journal, the routine and
//! the moment. It never changes the log itself: each rule describes its change as a
//! [`Change`] and hands it to the [`Journal`], and the [`Context`] keeps what the journal did
//! (the months to save). It returns [`Effect`]s for the app to carry out: a cue to play, a card
//! to show, the finish form to open. It never draws and never touches the disk, so every rule
//! of a session is tested here without a window.

use std::time::Instant;

use chrono::NaiveDate;

use crate::body_area::BodyArea;
use crate::catalog::Routine;
use crate::journal::{Applied, Change, Journal, JournalError};
use crate::log::SessionLog;
use crate::prompts::HIGH_PAIN_BEFORE;
use crate::session::{
    Completion, ExerciseRecord, Hurt, PainScore, RestReason, Session, SessionId, Symptom,
};
use crate::timer::{Phase, Timer, TimerEvent};

/// Seconds of "get ready" given when the guided routine moves to the next exercise, to change
/// position or pick up the equipment.
pub const TRANSITION_SECS: u32 = 10;

pub use crate::clock::Moment;

/// The timer of one exercise.
#[derive(Debug)]
pub struct ActiveTimer {
    /// Which exercise.
    pub exercise_id: String,
    /// Its timer.
    pub timer: Timer,
}

/// The guided routine: the exercises to go through and where the person is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guided {
    /// Exercise ids in order.
    pub order: Vec<String>,
    /// Index into `order`.
    pub position: usize,
}

/// The answers of the end-of-session form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FinishAnswers {
    /// Pain after, if given.
    pub pain_after: Option<PainScore>,
    /// Where it hurt, marked on the back map.
    pub pain_areas: Vec<BodyArea>,
    /// Sensations felt.
    pub symptoms: Vec<Symptom>,
    /// Per exercise id: the hurt mark chosen.
    pub hurt: Vec<(String, Option<Hurt>)>,
    /// Notes.
    pub notes: String,
}

/// What the app does after a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// A timer step began: show it and give its cue.
    StepStarted(Phase),
    /// A timer ran to its end.
    Finished,
    /// Show this exercise's card.
    Select(String),
    /// The guided routine is over: open the end-of-session form.
    OpenFinishForm,
}

/// A step that comes before a timer runs in a new session (see [`Practice::before_start`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeforeStart {
    /// "How is your back right now?", 0 to 10 or Skip.
    PainQuestion,
    /// The pain is high: the calm line, then "Rest today" or "Start anyway".
    HighPain,
}

/// The open session, the timer and the guided routine.
#[derive(Debug, Default)]
pub struct Practice {
    /// The session in progress, if any.
    pub current: Option<SessionId>,
    /// Whether the pain-before question is showing.
    pub asking_pain_before: bool,
    /// A timer is ready but waits for the person: first for the pain-before answer (or Skip),
    /// then, after a high answer, for "Start anyway". Nothing runs while it waits.
    pub start_waits: bool,
    /// The running (or paused) timer.
    pub timer: Option<ActiveTimer>,
    /// The guided routine, when running.
    pub guided: Option<Guided>,
    /// Get-ready seconds before the first hold (from the settings).
    pub get_ready_secs: u32,
}

/// What every change works on.
pub struct Context<'a> {
    /// The journal: the practice reads the log through it and hands it each change.
    journal: &'a mut Journal,
    /// The routine in use.
    pub routine: &'a Routine,
    /// This frame's moment.
    pub now: Moment,
    /// What the journal did with each change, in order: the months to save, or why it was
    /// refused.
    applied: Vec<Result<Applied, JournalError>>,
}

impl<'a> Context<'a> {
    /// A context for one step of the practice.
    pub fn new(journal: &'a mut Journal, routine: &'a Routine, now: Moment) -> Context<'a> {
        Context {
            journal,
            routine,
            now,
            applied: Vec::new(),
        }
    }

    /// The log as it is now (with the changes of this step applied).
    pub fn log(&self) -> &SessionLog {
        self.journal.log()
    }

    /// What the journal did with each change of this step, in order.
    pub fn into_applied(self) -> Vec<Result<Applied, JournalError>> {
        self.applied
    }

    /// Hands `change` to the journal; whether it was applied.
    fn change(&mut self, change: Change) -> bool {
        let result = self.journal.apply(change, self.now);
        let applied = result.is_ok();
        self.applied.push(result);
        applied
    }
}

impl Practice {
    /// The open session, if any.
    pub fn current_session<'a>(&self, log: &'a SessionLog) -> Option<&'a Session> {
        let id = self.current.as_ref()?;
        log.sessions().iter().find(|s| &s.id == id)
    }

    /// The day Today's checklist counts for: the open session's own date while one is open,
    /// else `today`. A session begun before local midnight (or before a change of time zone)
    /// takes the ticks made after it, so the checklist shows that session's day, not a new
    /// day where those ticks would be invisible.
    pub fn checklist_day(&self, log: &SessionLog, today: NaiveDate) -> NaiveDate {
        self.current_session(log).map_or(today, |s| s.local_date)
    }

    /// "Start a new session for today": closes the open session (it ends at its start, as a
    /// session left open does, see [`SessionLog::settle_open`]; its exercises and pain are
    /// kept) and opens a new one on today's date, which asks for pain before.
    pub fn start_new_session(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let closed = self.modify_current(cx, |session| {
            session.ended_at = Some(session.started_at);
        });
        self.current = None;
        self.asking_pain_before = false;
        self.timer = None;
        self.guided = None;
        let mut effects = closed;
        effects.extend(self.ensure_session(cx));
        effects
    }

    /// Moves the timer on (each frame) and handles what it reports.
    pub fn tick(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let events = self.advance_timer(cx.now.instant);
        self.timer_events(cx, &events)
    }

    /// Moves the timer on and returns what it reports, for [`Practice::timer_events`] (the app
    /// reads the timer in between, for the voice).
    pub fn advance_timer(&mut self, now: Instant) -> Vec<TimerEvent> {
        match &mut self.timer {
            Some(active) => active.timer.update(now),
            None => Vec::new(),
        }
    }

    /// Continues a session left open within the last two hours and closes older ones (see
    /// [`SessionLog::settle_open`]).
    pub fn settle_open(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let settled = cx.log().settle_open(cx.now.utc, self.current.as_ref());
        self.current = settled.resume;
        if !settled.close.is_empty() {
            cx.change(Change::CloseSessions(settled.close));
        }
        Vec::new()
    }

    /// What comes before anything runs: the pain question, then (after a high answer) the
    /// calm line and its choices. `None` once the timer may run.
    pub fn before_start(&self) -> Option<BeforeStart> {
        if self.asking_pain_before {
            Some(BeforeStart::PainQuestion)
        } else if self.start_waits {
            Some(BeforeStart::HighPain)
        } else {
            None
        }
    }

    /// Space: toggles the timer in progress, or starts the timer of `selected` (the first
    /// exercise when no card is open), opening a session if needed. A timer in progress keeps
    /// priority over whatever card is being looked at. A new session asks the pain question
    /// first: the timer waits, and Space on the question skips it.
    pub fn toggle_timer(&mut self, cx: &mut Context<'_>, selected: Option<&str>) -> Vec<Effect> {
        match self.before_start() {
            Some(BeforeStart::PainQuestion) if self.start_waits => {
                // The card looked at now is the one meant (another may have been opened).
                if let Some(id) = selected {
                    self.ensure_timer(cx.routine, id, self.get_ready_secs);
                }
                return self.pain_before(cx, None);
            }
            Some(BeforeStart::HighPain) => return Vec::new(),
            _ => {}
        }
        let mut effects = Vec::new();
        let in_progress = self
            .timer
            .as_ref()
            .is_some_and(|a| a.timer.is_running() || a.timer.is_paused());
        if !in_progress {
            let Some(id) = selected
                .map(str::to_owned)
                .or_else(|| cx.routine.enabled().next().map(|e| e.id.clone()))
            else {
                return effects;
            };
            if selected.is_none() {
                effects.push(Effect::Select(id.clone()));
            }
            self.ensure_timer(cx.routine, &id, self.get_ready_secs);
            effects.extend(self.ensure_session(cx));
            if self.asking_pain_before {
                self.start_waits = true;
                return effects;
            }
        }
        effects.extend(self.run_timer(cx, Timer::toggle));
        effects
    }

    /// Runs a timer action (skip, restart, …) now and handles what it reports. Nothing runs
    /// while the timer waits for the pain question or the choice after a high answer.
    pub fn with_timer(
        &mut self,
        cx: &mut Context<'_>,
        action: impl FnOnce(&mut Timer, Instant) -> Vec<TimerEvent>,
    ) -> Vec<Effect> {
        if self.start_waits {
            return Vec::new();
        }
        self.run_timer(cx, action)
    }

    fn run_timer(
        &mut self,
        cx: &mut Context<'_>,
        action: impl FnOnce(&mut Timer, Instant) -> Vec<TimerEvent>,
    ) -> Vec<Effect> {
        let events = match &mut self.timer {
            Some(active) => action(&mut active.timer, cx.now.instant),
            None => Vec::new(),
        };
        self.timer_events(cx, &events)
    }

    /// Ticks or unticks an exercise on Today's checklist.
    pub fn set_done(&mut self, cx: &mut Context<'_>, id: &str, done: bool) -> Vec<Effect> {
        if done {
            self.record(cx, id, Completion::Done)
        } else {
            self.unrecord(cx, id)
        }
    }

    /// Starts the guided routine with the exercises not yet done today; its first timer starts,
    /// or, in a new session, waits for the pain question.
    pub fn start_guided(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let today = self.checklist_day(cx.log(), cx.now.local_date());
        let order: Vec<String> = cx
            .routine
            .enabled()
            .filter(|e| !cx.log().done_on(today, &e.id))
            .map(|e| e.id.clone())
            .collect();
        let Some(first) = order.first().cloned() else {
            return Vec::new();
        };
        self.guided = Some(Guided { order, position: 0 });
        self.timer = None;
        self.ensure_timer(cx.routine, &first, self.get_ready_secs);
        let mut effects = vec![Effect::Select(first)];
        effects.extend(self.ensure_session(cx));
        if self.asking_pain_before {
            self.start_waits = true;
        }
        effects.extend(self.with_timer(cx, Timer::start));
        effects
    }

    /// Guided routine: marks the current exercise done and moves on.
    pub fn guided_mark_done(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let Some(id) = self.guided_current() else {
            return Vec::new();
        };
        let mut effects = self.record(cx, &id, Completion::Done);
        effects.extend(self.guided_step(cx, 1, true));
        effects
    }

    /// Leaves the guided routine; a running timer is paused, and one waiting to start stays
    /// still (the pain question may still be answered).
    pub fn leave_guided(&mut self, now: Moment) {
        self.pause(now);
        self.start_waits = false;
        self.guided = None;
    }

    /// The answer to "How is your back right now?" (`None`: skipped). A timer waiting for it
    /// starts, unless the pain is high: then it keeps waiting until the person has read the
    /// calm line and chosen "Start anyway" or "Rest today".
    pub fn pain_before(&mut self, cx: &mut Context<'_>, score: Option<PainScore>) -> Vec<Effect> {
        self.asking_pain_before = false;
        let mut effects = self.modify_current(cx, |s| s.pain_before = score);
        let high = score.is_some_and(|p| p.value() >= HIGH_PAIN_BEFORE);
        if self.start_waits && !high {
            self.start_waits = false;
            effects.extend(self.run_timer(cx, Timer::start));
        }
        effects
    }

    /// "Start anyway" after a high pain-before answer: the waiting timer starts.
    pub fn start_anyway(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        if self.before_start() != Some(BeforeStart::HighPain) {
            return Vec::new();
        }
        self.start_waits = false;
        self.run_timer(cx, Timer::start)
    }

    /// "Rest today" after a high pain-before answer: nothing runs, and the session just opened
    /// (no exercise in it yet) becomes today's rest day for a flare-up, keeping the pain score
    /// the person gave.
    pub fn rest_today(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        if self.before_start() != Some(BeforeStart::HighPain) {
            return Vec::new();
        }
        self.start_waits = false;
        self.timer = None;
        self.guided = None;
        let Some(id) = self.current.take() else {
            return Vec::new();
        };
        let Some(open) = cx.log().session(&id) else {
            return Vec::new();
        };
        let (pain_before, notes) = (open.pain_before, open.notes.clone());
        let mut rest = Session::rest_day(cx.now.utc, cx.now.offset, RestReason::FlareUp);
        rest.pain_before = pain_before;
        rest.notes = notes;
        cx.change(Change::ReplaceSession { old: id, new: rest });
        Vec::new()
    }

    /// "Start gentler session": the open session (a new one when none is open, which asks the
    /// pain question first) is marked gentle, and a timer waiting after a high pain answer is
    /// set aside, since this is the choice it waited for. The app then starts the guided
    /// routine with the day's gentle routine ([`crate::figures::gentle::routine`]). Only
    /// ending a gentle session turns it back.
    pub fn mark_gentle(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let mut effects = self.ensure_session(cx);
        self.start_waits = false;
        self.timer = None;
        self.guided = None;
        effects.extend(self.modify_current(cx, |session| session.gentle = true));
        effects
    }

    /// Sets the open session's notes, one keystroke at a time.
    pub fn set_notes(&mut self, cx: &mut Context<'_>, notes: String) -> Vec<Effect> {
        let Some(id) = self.current.clone() else {
            return Vec::new();
        };
        cx.change(Change::SetNotes { id, notes });
        Vec::new()
    }

    /// Ends the open session with the answers of the finish form.
    pub fn finish(&mut self, cx: &mut Context<'_>, answers: FinishAnswers) -> Vec<Effect> {
        let now = cx.now.utc;
        let effects = self.modify_current(cx, |session| {
            session.pain_after = answers.pain_after;
            session.symptoms = answers.symptoms;
            session.pain_areas = answers.pain_areas;
            session.notes = answers.notes;
            for (id, hurt) in answers.hurt {
                if let Some(record) = session.exercises.iter_mut().find(|r| *r.exercise_id == id) {
                    record.hurt = hurt;
                }
            }
            session.ended_at = Some(now);
        });
        self.current = None;
        self.asking_pain_before = false;
        self.start_waits = false;
        self.timer = None;
        effects
    }

    /// Logs today as a planned rest day.
    pub fn rest_day(cx: &mut Context<'_>, reason: RestReason) -> Vec<Effect> {
        let session = Session::rest_day(cx.now.utc, cx.now.offset, reason);
        cx.change(Change::PutSession(session));
        Vec::new()
    }

    /// A session was deleted: it is no longer the open one.
    pub fn forget(&mut self, id: &SessionId) {
        if self.current.as_ref() == Some(id) {
            self.current = None;
        }
    }

    /// The exercise the guided routine is on.
    pub fn guided_current(&self) -> Option<String> {
        let guided = self.guided.as_ref()?;
        guided.order.get(guided.position).cloned()
    }

    /// Moves the guided routine by `delta`; the exercise left behind is recorded as partly done
    /// if some holds were finished. Past the last exercise the routine ends and the finish form
    /// opens.
    pub fn guided_step(
        &mut self,
        cx: &mut Context<'_>,
        delta: isize,
        completed: bool,
    ) -> Vec<Effect> {
        let Some(guided) = self.guided.clone() else {
            return Vec::new();
        };
        let mut effects = Vec::new();
        if !completed
            && let Some(active) = &self.timer
            && !active.timer.is_finished()
        {
            let holds = active.timer.holds_done(cx.now.instant);
            let day = self.checklist_day(cx.log(), cx.now.local_date());
            if holds > 0 && !cx.log().done_on(day, &active.exercise_id) {
                let dose = cx.routine.exercise(&active.exercise_id).map(|e| e.dose);
                let sets = dose.map_or(0, |d| active.timer.sets_done(cx.now.instant, &d));
                let id = active.exercise_id.clone();
                let partial = Completion::partial(sets, holds);
                effects.extend(self.record(cx, &id, partial));
            }
        }
        match guided.position.checked_add_signed(delta) {
            Some(position) if position < guided.order.len() => {
                let id = guided.order[position].clone();
                self.guided = Some(Guided { position, ..guided });
                self.timer = None;
                self.ensure_timer(cx.routine, &id, TRANSITION_SECS.max(self.get_ready_secs));
                effects.push(Effect::Select(id));
                effects.extend(self.with_timer(cx, Timer::start));
            }
            Some(_) => {
                self.guided = None;
                self.timer = None;
                effects.push(Effect::OpenFinishForm);
            }
            None => {}
        }
        effects
    }

    fn pause(&mut self, now: Moment) {
        if let Some(active) = &mut self.timer
            && active.timer.is_running()
        {
            active.timer.pause(now.instant);
        }
    }

    /// Gives the cues of the timer's phase changes; an exercise whose timer ran to its end is
    /// done, and the guided routine moves on.
    pub fn timer_events(&mut self, cx: &mut Context<'_>, events: &[TimerEvent]) -> Vec<Effect> {
        let mut effects = Vec::new();
        for event in events {
            match *event {
                TimerEvent::StepStarted(index) => {
                    let phase = self
                        .timer
                        .as_ref()
                        .and_then(|t| t.timer.step(index))
                        .map_or(Phase::Hold, |s| s.phase);
                    effects.push(Effect::StepStarted(phase));
                }
                TimerEvent::Finished => {
                    effects.push(Effect::Finished);
                    if let Some(id) = self.timer.as_ref().map(|t| t.exercise_id.clone()) {
                        effects.extend(self.record(cx, &id, Completion::Done));
                        if self.guided.is_some() {
                            effects.extend(self.guided_step(cx, 1, true));
                        }
                    }
                }
            }
        }
        effects
    }

    /// Makes sure the timer belongs to `id` (a fresh one if it belonged to another exercise).
    fn ensure_timer(&mut self, routine: &Routine, id: &str, get_ready_secs: u32) {
        if self.timer.as_ref().is_some_and(|t| t.exercise_id == id) {
            return;
        }
        if let Some(exercise) = routine.exercise(id) {
            self.timer = Some(ActiveTimer {
                exercise_id: id.to_owned(),
                timer: Timer::for_dose(&exercise.dose, get_ready_secs),
            });
        }
    }

    /// Opens a session when none is open (continuing a recent one left open), and asks for
    /// pain before.
    fn ensure_session(&mut self, cx: &mut Context<'_>) -> Vec<Effect> {
        let mut effects = Vec::new();
        if self.current.is_none() {
            effects.extend(self.settle_open(cx));
        }
        if self.current.is_some() {
            return effects;
        }
        let session = Session::start(cx.now.utc, cx.now.offset, cx.routine.version);
        let id = session.id.clone();
        if cx.change(Change::PutSession(session)) {
            self.current = Some(id);
            self.asking_pain_before = true;
        }
        effects
    }

    fn modify_current(
        &mut self,
        cx: &mut Context<'_>,
        change: impl FnOnce(&mut Session),
    ) -> Vec<Effect> {
        let Some(id) = &self.current else {
            return Vec::new();
        };
        if let Some(session) = cx.log().session(id) {
            let mut session = session.clone();
            change(&mut session);
            cx.change(Change::PutSession(session));
        }
        Vec::new()
    }

    /// Records an exercise in the open session (opening one if needed). A record already done
    /// stays done.
    fn record(&mut self, cx: &mut Context<'_>, id: &str, completion: Completion) -> Vec<Effect> {
        let mut effects = self.ensure_session(cx);
        let exercise = cx.routine.exercise(id);
        let holds_total = exercise.map_or(0, |e| Timer::for_dose(&e.dose, 0).holds_total());
        let holds_done = match (completion, &self.timer) {
            (Completion::Done, _) => holds_total,
            (_, Some(active)) if active.exercise_id == id => {
                active.timer.holds_done(cx.now.instant)
            }
            _ => 0,
        };
        let holds_done = crate::session::holds_count(holds_done);
        let name = exercise.map(|e| e.name.clone()).unwrap_or_default();
        let day = self.checklist_day(cx.log(), cx.now.local_date());
        let mut version = crate::versions::in_force(cx.log(), id, day);
        if let Some(exercise) =
            exercise.filter(|_| self.current_session(cx.log()).is_some_and(|s| s.gentle))
        {
            version = crate::figures::gentle::version(exercise, version);
        }
        effects.extend(self.modify_current(cx, |session| {
            if let Some(record) = session.exercises.iter_mut().find(|r| *r.exercise_id == *id) {
                if record.completion != Completion::Done {
                    record.completion = completion;
                    record.holds_done = holds_done;
                }
            } else {
                session.exercises.push(ExerciseRecord {
                    exercise_id: id.into(),
                    name: name.into(),
                    completion,
                    holds_done,
                    hurt: None,
                    version,
                });
            }
        }));
        effects
    }

    /// Unticks an exercise: its record leaves the latest session of the checklist's day (see
    /// [`Practice::checklist_day`]) that has it done.
    fn unrecord(&self, cx: &mut Context<'_>, id: &str) -> Vec<Effect> {
        let today = self.checklist_day(cx.log(), cx.now.local_date());
        let target = cx.log().sessions().iter().rev().find(|s| {
            s.local_date == today
                && s.record(id)
                    .is_some_and(|r| r.completion == Completion::Done)
        });
        if let Some(session) = target {
            let mut session = session.clone();
            session.exercises.retain(|r| *r.exercise_id != *id);
            cx.change(Change::PutSession(session));
        }
        Vec::new()
    }
}

/// How many of the routine's exercises were done on `date`, and how many it has.
pub fn done_of(log: &SessionLog, routine: &Routine, date: NaiveDate) -> (usize, usize) {
    let total = routine.enabled().count();
    let done = routine
        .enabled()
        .filter(|e| log.done_on(date, &e.id))
        .count();
    (done, total)
}

impl SessionLog {
    /// Whether `exercise_id` was done (fully) in a session of `date`.
    pub fn done_on(&self, date: NaiveDate, exercise_id: &str) -> bool {
        self.on_date(date).any(|s| {
            s.record(exercise_id)
                .is_some_and(|r| r.completion == Completion::Done)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone, Utc};
    use std::time::Duration;

    use crate::session::SessionKind;

    struct World {
        journal: Journal,
        routine: Routine,
        now: Moment,
        practice: Practice,
        /// The dates of the records the last step changed, as the journal reported them.
        changed: Vec<NaiveDate>,
        /// Whether every change of the last step touched only notes.
        notes_only: bool,
    }

    impl World {
        fn new() -> World {
            World {
                journal: Journal::default(),
                routine: Routine::built_in().expect("the built-in routine"),
                now: Moment::new(
                    Instant::now(),
                    Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).unwrap(),
                    FixedOffset::east_opt(3600).unwrap(),
                ),
                changed: Vec::new(),
                notes_only: false,
                practice: Practice {
                    get_ready_secs: 3,
                    ..Practice::default()
                },
            }
        }

        /// Runs one change of the practice with this world as its context.
        fn run<T>(&mut self, change: impl FnOnce(&mut Practice, &mut Context<'_>) -> T) -> T {
            let mut cx = Context::new(&mut self.journal, &self.routine, self.now);
            let result = change(&mut self.practice, &mut cx);
            let applied: Vec<Applied> = cx
                .into_applied()
                .into_iter()
                .map(|a| a.expect("applied"))
                .collect();
            self.notes_only = !applied.is_empty() && applied.iter().all(|a| a.notes_only);
            self.changed = applied.into_iter().flat_map(|a| a.dates).collect();
            self.changed.sort_unstable();
            self.changed.dedup();
            result
        }

        fn log(&self) -> &SessionLog {
            self.journal.log()
        }

        fn advance(&mut self, secs: u64) -> Vec<Effect> {
            self.now.instant += Duration::from_secs(secs);
            self.now.utc += chrono::TimeDelta::seconds(i64::try_from(secs).unwrap());
            self.run(Practice::tick)
        }

        fn session(&self) -> &Session {
            self.practice
                .current_session(self.journal.log())
                .expect("an open session")
        }

        fn first_id(&self) -> String {
            self.routine.enabled().next().unwrap().id.clone()
        }
    }

    /// Whether the timer has begun (running or paused).
    fn timer_begun(w: &World) -> bool {
        w.practice
            .timer
            .as_ref()
            .is_some_and(|a| a.timer.is_running() || a.timer.is_paused())
    }

    #[test]
    fn a_gentle_session_asks_pain_first_and_records_the_gentle_version() {
        use crate::catalog::Version;
        let mut w = World::new();
        w.run(Practice::mark_gentle);
        assert!(w.session().gentle);
        assert_eq!(w.practice.before_start(), Some(BeforeStart::PainQuestion));
        let usual = w.routine.clone();
        w.routine = crate::figures::gentle::routine(&usual, w.log(), w.now.local_date());
        w.run(Practice::start_guided);
        assert!(!timer_begun(&w), "the pain question comes first");
        w.run(|p, cx| p.pain_before(cx, PainScore::new(3)));
        assert!(timer_begun(&w));
        w.run(|p, cx| p.set_done(cx, "crab-pose", true));
        let record = w.session().record("crab-pose").unwrap();
        assert_eq!(
            record.version,
            Version::EASIER,
            "the gentle version is logged"
        );
        w.run(|p, cx| p.set_done(cx, "open-book", true));
        let record = w.session().record("open-book").unwrap();
        assert_eq!(
            record.version,
            Version::STANDARD,
            "no easier version listed"
        );
    }

    #[test]
    fn after_midnight_the_checklist_follows_the_open_session_until_a_new_one() {
        let mut w = World::new();
        // 23:58 on 25 November (UTC+1): a tick opens a session of the 25th.
        w.now.utc = Utc.with_ymd_and_hms(2026, 11, 25, 22, 58, 0).unwrap();
        let (first, second) = {
            let mut ids = w.routine.enabled().map(|e| e.id.clone());
            (ids.next().unwrap(), ids.next().unwrap())
        };
        w.run(|p, cx| p.set_done(cx, &first, true));
        let day = w.session().local_date;
        // 00:03 on the 26th: the checklist still counts for the 25th; a tick and an untick there
        // change that session, and the guided routine leaves out what it holds.
        w.advance(5 * 60);
        let today = w.now.local_date();
        assert_ne!(today, day);
        assert_eq!(w.practice.checklist_day(w.log(), today), day);
        w.run(|p, cx| p.set_done(cx, &second, true));
        assert_eq!(done_of(w.log(), &w.routine, day).0, 2);
        w.run(|p, cx| p.set_done(cx, &second, false));
        assert_eq!(
            done_of(w.log(), &w.routine, day).0,
            1,
            "unticked on its day"
        );
        w.run(Practice::start_guided);
        let order = &w.practice.guided.as_ref().unwrap().order;
        assert!(!order.contains(&first), "{order:?}");
        w.practice.leave_guided(w.now);

        let effects = w.run(Practice::start_new_session);
        assert!(effects.is_empty(), "{effects:?}");
        assert_eq!(
            w.changed,
            vec![day, today],
            "the old session's day and today"
        );
        assert_eq!(w.log().sessions().len(), 2);
        assert!(w.log().sessions()[0].ended_at.is_some());
        assert_eq!(w.log().sessions()[0].exercises.len(), 1);
        assert_eq!(w.session().local_date, today);
        assert_eq!(w.practice.checklist_day(w.log(), today), today);
        assert!(w.practice.asking_pain_before && w.practice.guided.is_none());
    }

    #[test]
    fn space_with_no_card_open_asks_the_pain_question_before_the_first_exercise_runs() {
        let mut w = World::new();
        let effects = w.run(|p, cx| p.toggle_timer(cx, None));
        assert!(
            effects.contains(&Effect::Select(w.first_id())),
            "{effects:?}"
        );
        assert_eq!(w.changed, vec![w.now.local_date()], "a session opened");
        assert!(
            !effects.iter().any(|e| matches!(e, Effect::StepStarted(_))),
            "nothing starts before the answer: {effects:?}"
        );
        assert_eq!(w.practice.before_start(), Some(BeforeStart::PainQuestion));
        assert_eq!(w.log().sessions().len(), 1);
        assert!(w.advance(5).is_empty(), "the timer stays at its preview");
        assert!(!timer_begun(&w));
        // Space again skips the question; only then does the get-ready begin.
        let effects = w.run(|p, cx| p.toggle_timer(cx, None));
        assert!(
            effects.contains(&Effect::StepStarted(Phase::GetReady)),
            "{effects:?}"
        );
        assert_eq!(w.practice.before_start(), None);
        assert_eq!(w.session().pain_before, None);
        assert!(w.practice.timer.as_ref().unwrap().timer.is_running());
    }

    #[test]
    fn the_guided_routine_waits_for_the_answer_and_its_moves_start_nothing_before() {
        let mut w = World::new();
        let effects = w.run(Practice::start_guided);
        assert!(!effects.iter().any(|e| matches!(e, Effect::StepStarted(_))));
        assert!(w.run(|p, cx| p.with_timer(cx, Timer::skip)).is_empty());
        w.run(|p, cx| p.guided_step(cx, 1, false));
        assert!(!timer_begun(&w), "moving on does not start a timer either");
        let effects = w.run(|p, cx| p.pain_before(cx, PainScore::new(4)));
        assert!(
            effects.contains(&Effect::StepStarted(Phase::GetReady)),
            "{effects:?}"
        );
        assert_eq!(w.session().pain_before, PainScore::new(4));
        assert_eq!(w.practice.before_start(), None);
    }

    #[test]
    fn skipping_with_start_on_another_card_starts_that_cards_timer() {
        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        let second = w.routine.enabled().nth(1).unwrap().id.clone();
        w.run(|p, cx| p.toggle_timer(cx, Some(&second)));
        assert_eq!(w.practice.before_start(), None);
        let active = w.practice.timer.as_ref().unwrap();
        assert_eq!(active.exercise_id, second);
        assert!(active.timer.is_running());
    }

    #[test]
    fn a_ticked_exercise_asks_the_question_but_the_answer_starts_no_timer() {
        let mut w = World::new();
        let id = w.first_id();
        w.run(|p, cx| p.set_done(cx, &id, true));
        assert_eq!(w.practice.before_start(), Some(BeforeStart::PainQuestion));
        w.run(|p, cx| p.pain_before(cx, PainScore::new(3)));
        assert_eq!(w.practice.before_start(), None);
        assert!(w.practice.timer.is_none());
    }

    #[test]
    fn high_pain_before_waits_for_start_anyway_and_six_starts_at_once() {
        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        w.run(|p, cx| p.pain_before(cx, PainScore::new(HIGH_PAIN_BEFORE - 1)));
        assert!(timer_begun(&w));

        let mut w = World::new();
        w.run(Practice::start_guided);
        w.run(|p, cx| p.pain_before(cx, PainScore::new(HIGH_PAIN_BEFORE + 1)));
        assert_eq!(w.practice.before_start(), Some(BeforeStart::HighPain));
        w.advance(5);
        assert!(w.run(|p, cx| p.toggle_timer(cx, None)).is_empty(), "Space");
        assert!(!timer_begun(&w), "nothing runs before a choice");
        let effects = w.run(Practice::start_anyway);
        assert!(
            effects.contains(&Effect::StepStarted(Phase::GetReady)),
            "{effects:?}"
        );
        assert_eq!(w.practice.before_start(), None);
        assert!(w.practice.guided.is_some());
        assert!(
            w.run(Practice::start_anyway).is_empty(),
            "only once, and only after a high answer"
        );
    }

    #[test]
    fn rest_today_after_high_pain_turns_the_new_session_into_a_rest_day() {
        let mut w = World::new();
        w.run(Practice::start_guided);
        w.run(|p, cx| p.pain_before(cx, PainScore::new(8)));
        let effects = w.run(Practice::rest_today);
        assert!(effects.is_empty());
        assert_eq!(w.changed, vec![w.now.local_date()]);
        assert!(w.practice.current.is_none() && w.practice.timer.is_none());
        assert!(w.practice.guided.is_none());
        assert_eq!(w.practice.before_start(), None);
        assert_eq!(w.log().sessions().len(), 1);
        let rest = &w.log().sessions()[0];
        assert_eq!(rest.kind, SessionKind::RestDay(RestReason::FlareUp));
        assert_eq!(rest.pain_before, PainScore::new(8));
    }

    #[test]
    fn a_pause_over_a_long_gap_resumes_where_it_stopped_in_the_same_session() {
        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        w.run(|p, cx| p.pain_before(cx, None));
        w.advance(5);
        w.run(|p, cx| p.toggle_timer(cx, None));
        let timer = |w: &World| {
            w.practice
                .timer
                .as_ref()
                .unwrap()
                .timer
                .display(w.now.instant)
        };
        let before = timer(&w);
        assert!(before.paused);
        // Three hours later (lunch, a nap): nothing moved, and Space resumes the same session.
        let effects = w.advance(3 * 3600);
        assert!(
            effects.is_empty(),
            "a paused timer reports nothing: {effects:?}"
        );
        assert_eq!(timer(&w).remaining, before.remaining);
        w.run(|p, cx| p.toggle_timer(cx, None));
        assert!(w.practice.timer.as_ref().unwrap().timer.is_running());
        assert_eq!(w.log().sessions().len(), 1, "no second session");
    }

    #[test]
    fn skipping_the_pain_question_leaves_it_empty_and_high_pain_holds_the_timer() {
        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        w.run(|p, cx| p.pain_before(cx, None));
        assert!(!w.practice.asking_pain_before);
        assert_eq!(w.session().pain_before, None);
        assert!(w.practice.timer.as_ref().unwrap().timer.is_running());

        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        w.run(|p, cx| p.pain_before(cx, PainScore::new(HIGH_PAIN_BEFORE)));
        assert_eq!(w.session().pain_before, PainScore::new(HIGH_PAIN_BEFORE));
        assert!(!timer_begun(&w));
    }

    #[test]
    fn a_timer_run_to_its_end_marks_the_exercise_done() {
        let mut w = World::new();
        w.run(|p, cx| p.toggle_timer(cx, None));
        w.run(|p, cx| p.pain_before(cx, None));
        let total = w.practice.timer.as_ref().unwrap().timer.total_secs();
        let effects = w.advance(total + 1);
        assert!(effects.contains(&Effect::Finished), "{effects:?}");
        let id = w.first_id();
        assert_eq!(
            w.session().record(&id).unwrap().completion,
            Completion::Done
        );
        assert!(w.log().done_on(w.now.local_date(), &id));
    }

    #[test]
    fn the_guided_routine_gives_partial_credit_when_moving_on_mid_exercise() {
        let mut w = World::new();
        let effects = w.run(Practice::start_guided);
        w.run(|p, cx| p.pain_before(cx, None));
        let first = w.first_id();
        assert!(effects.contains(&Effect::Select(first.clone())));
        // Get ready, then the first hold and a little more.
        let dose = w.routine.exercise(&first).unwrap().dose;
        w.advance(u64::from(w.practice.get_ready_secs + dose.hold_secs) + 1);
        let effects = w.run(|p, cx| p.guided_step(cx, 1, false));
        let record = w.session().record(&first).unwrap();
        assert!(
            matches!(record.completion, Completion::Partial { reps_done, .. } if reps_done >= 1),
            "{record:?}"
        );
        let second = w.routine.enabled().nth(1).unwrap().id.clone();
        assert!(effects.contains(&Effect::Select(second.clone())));
        assert_eq!(w.practice.guided_current(), Some(second));
        // Moving back and on again never lowers what was done.
        w.run(Practice::guided_mark_done);
        assert_eq!(w.practice.guided.as_ref().unwrap().position, 2);
    }

    #[test]
    fn the_guided_routine_ends_with_the_finish_form_after_the_last_exercise() {
        let mut w = World::new();
        w.run(Practice::start_guided);
        let count = w.routine.enabled().count();
        let mut last = Vec::new();
        for _ in 0..count {
            last = w.run(Practice::guided_mark_done);
        }
        assert!(last.contains(&Effect::OpenFinishForm), "{last:?}");
        assert!(w.practice.guided.is_none());
        assert_eq!(w.session().done_count(), count);
        // Done today: a new guided routine has nothing left to go through.
        assert!(w.run(Practice::start_guided).is_empty() && w.changed.is_empty());
    }

    #[test]
    fn unticking_takes_the_record_out_of_todays_session() {
        let mut w = World::new();
        let id = w.first_id();
        w.run(|p, cx| p.set_done(cx, &id, true));
        assert!(w.log().done_on(w.now.local_date(), &id));
        let effects = w.run(|p, cx| p.set_done(cx, &id, false));
        assert!(effects.is_empty());
        assert_eq!(w.changed, vec![w.now.local_date()]);
        assert!(!w.log().done_on(w.now.local_date(), &id));
        w.run(|p, cx| p.set_done(cx, &id, false));
        assert!(w.changed.is_empty(), "nothing left to untick");
    }

    #[test]
    fn finishing_closes_the_session_with_the_answers() {
        let mut w = World::new();
        let id = w.first_id();
        w.run(|p, cx| p.set_done(cx, &id, true));
        w.advance(600);
        let answers = FinishAnswers {
            pain_after: PainScore::new(3),
            hurt: vec![(id.clone(), Some(Hurt::ALittle))],
            notes: "Easier than yesterday".into(),
            ..FinishAnswers::default()
        };
        let session_id = w.practice.current.clone().unwrap();
        w.run(|p, cx| p.finish(cx, answers));
        assert!(w.practice.current.is_none() && w.practice.timer.is_none());
        let session = w
            .log()
            .sessions()
            .iter()
            .find(|s| s.id == session_id)
            .unwrap();
        assert_eq!(session.ended_at, Some(w.now.utc));
        assert_eq!(session.pain_after, PainScore::new(3));
        assert_eq!(session.record(&id).unwrap().hurt, Some(Hurt::ALittle));
        assert_eq!(session.notes, "Easier than yesterday");
    }

    #[test]
    fn a_rest_day_is_logged_for_today_and_notes_change_only_the_notes() {
        let mut w = World::new();
        let effects = w.run(|_, cx| Practice::rest_day(cx, RestReason::Travelling));
        assert!(effects.is_empty());
        assert_eq!(w.changed, vec![w.now.local_date()]);
        assert_eq!(
            w.log().sessions()[0].kind,
            SessionKind::RestDay(RestReason::Travelling)
        );
        w.run(|p, cx| p.set_notes(cx, "x".into()));
        assert!(w.changed.is_empty(), "no open session");
        let id = w.first_id();
        w.run(|p, cx| p.set_done(cx, &id, true));
        w.run(|p, cx| p.set_notes(cx, "Tight today".into()));
        assert_eq!(w.changed, vec![w.now.local_date()]);
        assert!(w.notes_only, "only the notes changed");
        assert_eq!(w.session().notes, "Tight today");
    }
}
