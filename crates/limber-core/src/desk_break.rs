//! Desk breaks: the rule of when Limber offers the routine file's short micro-routine while it
//! runs (issue 31, item 4). Pure: the app passes in the settings, the local time now, what it
//! remembers of earlier breaks this run, whether a session is open and whether the screen is
//! quiet; the rule says whether a break is due now and when it next may be, so the app sleeps
//! (`request_repaint_after`) instead of asking every frame.
//!
//! The rule:
//! - never when breaks are off (the default), during a session, outside the working hours (or
//!   on a weekend when the person chose weekdays only), or while the screen is quiet (locked,
//!   or another window full-screen, where the platform reports it);
//! - the first break of a day comes one interval after the working hours start or after Limber
//!   started, whichever is later; each next one an interval after the last break done or put
//!   off ("Not now");
//! - "Snooze 10 min" puts it off by [`SNOOZE_MINS`] minutes.
//!
//! What the app remembers ([`BreakMemory`]) lives only while it runs: a restart starts the
//! count again, so a break is never offered the moment Limber opens.

use std::collections::BTreeSet;

use chrono::{Datelike as _, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};

use crate::catalog::{Routine, one_set};
use crate::log::SessionLog;
use crate::session::{Completion, ExerciseRecord, Session};

/// The shortest interval between breaks the settings allow, in minutes.
pub const MIN_EVERY_MINS: u32 = 30;
/// The longest interval between breaks the settings allow, in minutes.
pub const MAX_EVERY_MINS: u32 = 90;
/// The default interval: 45 minutes, the middle of the usual advice to get up every 30–60
/// minutes, and few enough offers (about ten in an eight-hour day) not to nag.
pub const DEFAULT_EVERY_MINS: u32 = 45;
/// How long "Snooze 10 min" puts a break off.
pub const SNOOZE_MINS: u32 = 10;
/// How soon the app looks again while a due break is held back (a session open, or the screen
/// quiet): nothing it could show changes faster than that.
pub const RECHECK_SECS: i64 = 60;

/// The person's break settings (in [`crate::settings::Settings`]). Every field has a default,
/// so a settings file written before breaks existed still loads, with breaks off.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BreakSettings {
    /// Whether Limber offers desk breaks at all (off by default: a reminder nobody asked for
    /// is a nag).
    pub on: bool,
    /// Minutes between breaks, from [`MIN_EVERY_MINS`] to [`MAX_EVERY_MINS`].
    pub every_mins: u32,
    /// The local time working hours start (breaks come only between `from` and `until`).
    pub from: NaiveTime,
    /// The local time working hours end.
    pub until: NaiveTime,
    /// Whether breaks are offered only from Monday to Friday.
    pub weekdays_only: bool,
}

impl Default for BreakSettings {
    fn default() -> Self {
        BreakSettings {
            on: false,
            every_mins: DEFAULT_EVERY_MINS,
            from: NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN),
            until: NaiveTime::from_hms_opt(17, 0, 0).unwrap_or(NaiveTime::MIN),
            weekdays_only: false,
        }
    }
}

impl BreakSettings {
    /// The same settings with the interval inside its range (a hand-edited file may hold
    /// anything).
    #[must_use]
    pub fn sanitized(mut self) -> BreakSettings {
        self.every_mins = self.every_mins.clamp(MIN_EVERY_MINS, MAX_EVERY_MINS);
        self
    }

    fn interval(self) -> TimeDelta {
        TimeDelta::minutes(i64::from(
            self.every_mins.clamp(MIN_EVERY_MINS, MAX_EVERY_MINS),
        ))
    }

    /// Whether `date` is a working day.
    fn works_on(self, date: NaiveDate) -> bool {
        !self.weekdays_only || !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }
}

/// Whether the screen is quiet: no break is offered then. What is not known is not quiet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Quiet {
    /// The screen is locked (or the screensaver runs).
    pub locked: bool,
    /// Another window is full-screen, or the system says the person is busy (a presentation).
    pub fullscreen: bool,
}

impl Quiet {
    /// Whether anything keeps breaks quiet.
    pub fn any(self) -> bool {
        self.locked || self.fullscreen
    }
}

/// What the app remembers of breaks while it runs, in local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BreakMemory {
    /// When Limber started.
    pub started: NaiveDateTime,
    /// When the last break was done or put off with "Not now", if one was this run.
    pub last: Option<NaiveDateTime>,
    /// A snooze puts the next offer off until then.
    pub snoozed_until: Option<NaiveDateTime>,
}

impl BreakMemory {
    /// The memory of a run that started at `started`.
    pub fn new(started: NaiveDateTime) -> BreakMemory {
        BreakMemory {
            started,
            last: None,
            snoozed_until: None,
        }
    }

    /// A break was done, or put off until the next interval ("Not now"), at `now`.
    pub fn done_or_put_off(&mut self, now: NaiveDateTime) {
        self.last = Some(now);
        self.snoozed_until = None;
    }

    /// "Snooze 10 min" at `now`.
    pub fn snooze(&mut self, now: NaiveDateTime) {
        self.snoozed_until = now.checked_add_signed(TimeDelta::minutes(i64::from(SNOOZE_MINS)));
    }
}

/// What the rule decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The time the break currently waiting fell due, when one is due now (the app notifies
    /// once per such time).
    pub due_since: Option<NaiveDateTime>,
    /// When to look again (local time); `None` when breaks are off.
    pub next_check: Option<NaiveDateTime>,
}

impl Decision {
    /// Whether a break is due now.
    pub fn is_due(self) -> bool {
        self.due_since.is_some()
    }
}

/// Whether a break is due at `now` (local time), and when to look again. `session_open`: a
/// routine session (or a break) is running.
pub fn decide(
    settings: BreakSettings,
    memory: BreakMemory,
    now: NaiveDateTime,
    session_open: bool,
    quiet: Quiet,
) -> Decision {
    if !settings.on || settings.from >= settings.until {
        return Decision {
            due_since: None,
            next_check: None,
        };
    }
    let today = now.date();
    let due_at = settings
        .works_on(today)
        .then(|| due_on(settings, memory, today))
        .flatten();
    let Some(due_at) = due_at else {
        return Decision {
            due_since: None,
            next_check: next_working_day_due(settings, today),
        };
    };
    if now < due_at {
        return Decision {
            due_since: None,
            next_check: Some(due_at),
        };
    }
    if now >= today.and_time(settings.until) {
        return Decision {
            due_since: None,
            next_check: next_working_day_due(settings, today),
        };
    }
    if session_open || quiet.any() {
        return Decision {
            due_since: None,
            next_check: now.checked_add_signed(TimeDelta::seconds(RECHECK_SECS)),
        };
    }
    Decision {
        due_since: Some(due_at),
        next_check: Some(today.and_time(settings.until)),
    }
}

/// When the next break falls due on `date`, if before the end of its working hours: one
/// interval after the latest of the start of working hours, Limber's start and the last break,
/// and not before a snooze ends.
fn due_on(settings: BreakSettings, memory: BreakMemory, date: NaiveDate) -> Option<NaiveDateTime> {
    let start = date.and_time(settings.from);
    let base = [Some(start), Some(memory.started), memory.last]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(start);
    let mut due = base.checked_add_signed(settings.interval())?;
    if let Some(snoozed) = memory.snoozed_until {
        due = due.max(snoozed);
    }
    (due < date.and_time(settings.until)).then_some(due)
}

/// The first time a break may fall due after `today`: one interval into the next working day.
fn next_working_day_due(settings: BreakSettings, today: NaiveDate) -> Option<NaiveDateTime> {
    (1..=7)
        .filter_map(|n| today.checked_add_days(Days::new(n)))
        .find(|d| settings.works_on(*d))
        .and_then(|d| {
            d.and_time(settings.from)
                .checked_add_signed(settings.interval())
        })
}

/// The desk breaks done from `from` to `to` (both included) and on how many days.
pub fn breaks_in(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> (usize, usize) {
    let breaks: Vec<&Session> = log
        .sessions()
        .iter()
        .filter(|s| s.is_break() && (from..=to).contains(&s.local_date))
        .collect();
    let days: BTreeSet<NaiveDate> = breaks.iter().map(|s| s.local_date).collect();
    (breaks.len(), days.len())
}

/// The brief's line: "Desk breaks: 9 on 5 days" (`None` when the period has none).
pub fn brief_line(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let (breaks, days) = breaks_in(log, from, to);
    (breaks > 0).then(|| {
        let day_word = if days == 1 { "day" } else { "days" };
        format!("Desk breaks: {breaks} on {days} {day_word}")
    })
}

/// The records of a break done in full: one set of each of the routine's break exercises. An
/// exercise of one set is done in full; one of more sets is done in part (one set), so a
/// break never counts for more than it was.
pub fn break_records(routine: &Routine) -> Vec<ExerciseRecord> {
    routine
        .break_exercises()
        .into_iter()
        .map(|exercise| {
            let set = one_set(&exercise.dose);
            let sides = if set.per_side { 2 } else { 1 };
            let completion = if exercise.dose.sets <= 1 {
                Completion::Done
            } else {
                Completion::partial(1, set.reps * sides)
            };
            ExerciseRecord {
                exercise_id: exercise.id.as_str().into(),
                name: exercise.name.as_str().into(),
                completion,
                holds_done: crate::session::holds_count(set.reps * sides),
                hurt: None,
                version: crate::catalog::Version::STANDARD,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Monday 7 December 2026.
    fn at(h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 7)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    fn on() -> BreakSettings {
        BreakSettings {
            on: true,
            ..BreakSettings::default()
        }
    }

    fn due(settings: BreakSettings, memory: BreakMemory, now: NaiveDateTime) -> bool {
        decide(settings, memory, now, false, Quiet::default()).is_due()
    }

    #[test]
    fn breaks_are_off_by_default_and_ask_for_no_wake_up() {
        let settings = BreakSettings::default();
        assert!(!settings.on);
        assert_eq!(settings.every_mins, 45);
        let decision = decide(
            settings,
            BreakMemory::new(at(8, 0)),
            at(12, 0),
            false,
            Quiet::default(),
        );
        assert_eq!(decision.due_since, None);
        assert_eq!(decision.next_check, None);
    }

    #[test]
    fn the_first_break_comes_one_interval_after_working_hours_start() {
        let memory = BreakMemory::new(at(8, 0));
        assert!(!due(on(), memory, at(9, 44)), "interval minus one minute");
        assert!(due(on(), memory, at(9, 45)), "the interval");
        assert_eq!(
            decide(on(), memory, at(9, 44), false, Quiet::default()).next_check,
            Some(at(9, 45)),
            "the app sleeps until then"
        );
    }

    #[test]
    fn the_first_break_comes_one_interval_after_limber_started_when_later() {
        let memory = BreakMemory::new(at(10, 20));
        assert!(!due(on(), memory, at(11, 4)));
        assert!(due(on(), memory, at(11, 5)));
        assert_eq!(
            decide(on(), memory, at(11, 5), false, Quiet::default()).due_since,
            Some(at(11, 5))
        );
    }

    #[test]
    fn the_next_break_comes_one_interval_after_the_last_one() {
        let mut memory = BreakMemory::new(at(8, 0));
        memory.done_or_put_off(at(10, 0));
        assert!(!due(on(), memory, at(10, 44)));
        assert!(due(on(), memory, at(10, 45)));
        let settings = BreakSettings {
            every_mins: 90,
            ..on()
        };
        assert!(!due(settings, memory, at(11, 29)));
        assert!(due(settings, memory, at(11, 30)));
    }

    #[test]
    fn never_before_or_after_working_hours() {
        let memory = BreakMemory::new(at(6, 0));
        assert!(!due(on(), memory, at(8, 59)), "before working hours");
        let mut late = memory;
        late.done_or_put_off(at(16, 0));
        assert!(due(on(), late, at(16, 59)), "last minute of working hours");
        assert!(!due(on(), late, at(17, 0)), "working hours over");
        assert_eq!(
            decide(on(), late, at(17, 0), false, Quiet::default()).next_check,
            Some(
                NaiveDate::from_ymd_opt(2026, 12, 8)
                    .unwrap()
                    .and_hms_opt(9, 45, 0)
                    .unwrap()
            ),
            "tomorrow, one interval into working hours"
        );
        let mut near_end = memory;
        near_end.done_or_put_off(at(16, 14));
        assert!(
            due(on(), BreakMemory::new(at(6, 0)), at(16, 14)),
            "due all afternoon when never taken"
        );
        assert!(!due(on(), near_end, at(16, 58)));
        assert!(
            due(on(), near_end, at(16, 59)),
            "16:14 + 45 min is still inside"
        );
        let mut too_late = memory;
        too_late.done_or_put_off(at(16, 15));
        assert!(
            !due(on(), too_late, at(16, 59)),
            "the next one would come at 17:00, outside working hours"
        );
    }

    #[test]
    fn never_during_a_session_and_looks_again_a_minute_later() {
        let memory = BreakMemory::new(at(8, 0));
        let decision = decide(on(), memory, at(10, 0), true, Quiet::default());
        assert!(!decision.is_due());
        assert_eq!(decision.next_check, Some(at(10, 1)));
        assert!(decide(on(), memory, at(10, 0), false, Quiet::default()).is_due());
    }

    #[test]
    fn never_while_the_screen_is_quiet() {
        let memory = BreakMemory::new(at(8, 0));
        for quiet in [
            Quiet {
                locked: true,
                fullscreen: false,
            },
            Quiet {
                locked: false,
                fullscreen: true,
            },
        ] {
            assert!(!decide(on(), memory, at(10, 0), false, quiet).is_due());
        }
        assert!(decide(on(), memory, at(10, 0), false, Quiet::default()).is_due());
    }

    #[test]
    fn a_snooze_puts_the_break_off_ten_minutes() {
        let mut memory = BreakMemory::new(at(8, 0));
        assert!(due(on(), memory, at(10, 0)));
        memory.snooze(at(10, 0));
        assert!(!due(on(), memory, at(10, 9)));
        assert!(due(on(), memory, at(10, 10)));
        memory.done_or_put_off(at(10, 10));
        assert!(!due(on(), memory, at(10, 54)), "not now: the next interval");
        assert!(due(on(), memory, at(10, 55)));
    }

    #[test]
    fn weekdays_only_skips_the_weekend() {
        let settings = BreakSettings {
            weekdays_only: true,
            ..on()
        };
        let saturday = NaiveDate::from_ymd_opt(2026, 12, 12).unwrap();
        let noon = saturday.and_hms_opt(12, 0, 0).unwrap();
        let memory = BreakMemory::new(saturday.and_hms_opt(8, 0, 0).unwrap());
        assert!(!due(settings, memory, noon));
        assert!(due(on(), memory, noon), "every day unless asked");
        assert_eq!(
            decide(settings, memory, noon, false, Quiet::default()).next_check,
            Some(
                NaiveDate::from_ymd_opt(2026, 12, 14)
                    .unwrap()
                    .and_hms_opt(9, 45, 0)
                    .unwrap()
            ),
            "Monday"
        );
    }

    #[test]
    fn a_hand_edited_interval_is_brought_inside_its_range() {
        let wild = BreakSettings {
            every_mins: 5,
            ..on()
        };
        assert_eq!(wild.sanitized().every_mins, MIN_EVERY_MINS);
        assert!(!due(wild, BreakMemory::new(at(8, 0)), at(9, 29)));
        assert!(due(wild, BreakMemory::new(at(8, 0)), at(9, 30)));
    }

    #[test]
    fn breaks_are_their_own_line_on_the_brief_and_never_in_its_session_counts() {
        use crate::export::{Period, brief::visit_brief, summary};
        use crate::figures::{Figures, FiguresInput};
        use chrono::{FixedOffset, TimeZone as _, Utc};
        let routine = Routine::built_in().unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
        let at = |d: u32, h: u32| Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap();
        let mut session = Session::start(at(2, 8), utc, routine.version);
        session.ended_at = Some(at(2, 9));
        session.exercises = break_records(&routine);
        let mut log = SessionLog::default();
        log.upsert(session);
        let figures_of = |log: &SessionLog| {
            Figures::of(
                log,
                &FiguresInput {
                    routine: &routine,
                    previous_routine: None,
                    today: day(6),
                },
            )
        };
        let period = Period::new(day(1), day(6)).unwrap();
        let before = summary(&figures_of(&log), period);
        assert_eq!(visit_brief(&figures_of(&log), period).desk_breaks, None);
        for (d, h) in [(2, 11), (2, 15), (4, 11)] {
            log.upsert(Session::desk_break(
                at(d, h),
                at(d, h) + TimeDelta::seconds(90),
                utc,
                routine.version,
                break_records(&routine),
            ));
        }
        let figures = figures_of(&log);
        let after = summary(&figures, period);
        assert_eq!(after.sessions, 1, "breaks are not sessions");
        assert_eq!(after.sessions, before.sessions);
        assert_eq!(after.high_pain_sessions, before.high_pain_sessions);
        assert_eq!(
            visit_brief(&figures, period).desk_breaks.as_deref(),
            Some("Desk breaks: 3 on 2 days")
        );
        assert_eq!(
            brief_line(&log, day(4), day(4)).as_deref(),
            Some("Desk breaks: 1 on 1 day")
        );
        assert_eq!(breaks_in(&log, day(5), day(6)), (0, 0));
        assert!(
            figures.adherence(day(2), day(2)).done > before_adherence(&routine, day(2)),
            "the breaks' doses count"
        );
    }

    /// Adherence of a day with only the one routine session of the test above.
    fn before_adherence(routine: &Routine, date: NaiveDate) -> u32 {
        use crate::figures::{Figures, FiguresInput};
        use chrono::{FixedOffset, TimeZone as _, Utc};
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut session = Session::start(
            Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap(),
            utc,
            routine.version,
        );
        session.exercises = break_records(routine);
        let mut log = SessionLog::default();
        log.upsert(session);
        Figures::of(
            &log,
            &FiguresInput {
                routine,
                previous_routine: None,
                today: date,
            },
        )
        .adherence(date, date)
        .done
    }

    #[test]
    fn the_default_break_is_one_set_of_shrugs_and_cork_screws_in_under_two_minutes() {
        let routine = Routine::built_in().unwrap();
        let records = break_records(&routine);
        let ids: Vec<&str> = records.iter().map(|r| &*r.exercise_id).collect();
        assert_eq!(ids, ["shrug-rotations", "cork-screws"]);
        assert!(records.iter().all(|r| r.completion == Completion::Done));
        let secs = routine.break_secs();
        assert!((60..=120).contains(&secs), "{secs} s");
        assert_eq!(routine.break_minutes(), 2);
        // Shrug rotations switched off (left out because they hurt): the break leaves them out.
        let mut left_out = routine.clone();
        for exercise in &mut left_out.exercises {
            if exercise.id == "shrug-rotations" {
                exercise.enabled = false;
            }
        }
        let ids: Vec<String> = break_records(&left_out)
            .iter()
            .map(|r| r.exercise_id.to_string())
            .collect();
        assert_eq!(ids, ["cork-screws"]);
        assert!(left_out.break_secs() < secs);
    }
}
