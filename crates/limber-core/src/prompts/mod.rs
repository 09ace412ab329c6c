//! Safety prompts: when the log suggests pausing, leaving an exercise out, or seeing a doctor.
//!
//! The rules only look at what the person logged. They never diagnose anything and never
//! suggest pushing through pain; every message ends with talking to a therapist or doctor.
//! All thresholds live here as named constants, or come from the pain-monitoring model the
//! therapist sets in the routine file (`catalog::PainModel`), so that a therapist reading the
//! code or the README finds them in one place. The rules on the 7-day average are in `trend`,
//! those of the pain-monitoring model in `monitoring`.
//!
//! Each prompt carries a stable key naming the rule and what triggered it (a session, an
//! exercise, a week or a check-in), so that a dismissal is remembered for that occurrence only:
//! a new occurrence of the same rule shows again.

use std::collections::BTreeSet;

use chrono::{Datelike as _, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::catalog::Routine;
use crate::figures::{daily_pain, session_included};
use crate::log::SessionLog;
use crate::session::{Hurt, RedFlag, Session};
use crate::sign_history;

mod global_change;
mod monitoring;
mod rest;
mod trend;

pub(crate) use monitoring::model_for as session_model;
pub use monitoring::usual_level;
pub use rest::offers_seen_my_doctor;

/// Pain after a session at or above this (0–10) suggests a pause, when it is not lower than
/// pain before (otherwise the session eased the pain, and a calm note says so).
pub const HIGH_PAIN_AFTER: u8 = 7;

/// Only a session this recent (in days, today included as day 0) raises the high-pain prompt.
pub const PAIN_AFTER_RECENT_DAYS: u64 = 7;

/// A 7-day average at least this many points above the week before suggests a pause. It is
/// also the size of change the chart's band shows: about two points on a 0–10 scale is the
/// usual threshold for a change in back pain that matters to the person.
pub const WEEKLY_RISE_POINTS: f64 = 2.0;

/// The weekly rise only counts when this week's 7-day average is at least this. On the 0–10
/// scale 1–3 is usually read as mild pain and 4–6 as moderate: a rise that stays mild (0 → 2,
/// or 1 → 3) is not a reason to pause, a rise into moderate pain (2 → 4) is.
pub const WEEKLY_RISE_FLOOR: f64 = 4.0;

/// A 7-day average at or above this counts as high pain for the "see a doctor" rule.
pub const HIGH_PAIN_AVERAGE: f64 = 6.0;

/// How many weeks in a row the 7-day average must rise (each week above the one before) for
/// the "see a doctor" rule, together with [`HIGH_PAIN_AVERAGE`].
pub const RISING_WEEKS: u64 = 2;

/// How many weeks running the 7-day average must stay at or above [`HIGH_PAIN_AVERAGE`]
/// (today's average and the one a week before, so fourteen days) for the "stays high" rule,
/// whether it rose or stayed flat. Pain that stays this high for two weeks without clearly
/// easing is a reason to get checked, even when it does not climb.
pub const HIGH_PAIN_WEEKS: u64 = 2;

/// Over [`HIGH_PAIN_WEEKS`], a fall of at least this many points counts as clearly easing
/// (the same two-point change that matters to a person as [`WEEKLY_RISE_POINTS`]); any smaller
/// fall counts as flat, so 8 → 7 → 7.5 still points to a doctor.
pub const EASING_POINTS: f64 = 2.0;

/// How many consecutive sessions including an exercise must mark it as "hurt a little" before
/// the app suggests leaving it out.
pub const HURT_SESSIONS_IN_A_ROW: usize = 2;

/// How many consecutive sessions must mark an exercise "stopped because of pain" before the app
/// suggests leaving it out: one is enough, since stopping is already a clear signal.
pub const STOPPED_SESSIONS_IN_A_ROW: usize = 1;

/// Pain before a session at or above this (0–10) brings a calm line before starting: a gentler
/// session or a rest day may suit better, and the warning signs are there to read. It matches
/// [`HIGH_PAIN_AFTER`], the level already treated as high.
pub const HIGH_PAIN_BEFORE: u8 = 7;

/// The red-flag check-in is offered this often, in days.
pub const CHECK_IN_EVERY_DAYS: u64 = 7;

/// "Stayed high" needs at least this many rated days in each of its weeks, so that two ratings
/// a week apart, or a first week with one rating, do not count as two weeks of high pain.
pub const HIGH_PAIN_MIN_RATED_DAYS: usize = 4;

/// Pain raised by a session: past the model's `max_rise` once, or at its limits in this many
/// of the last [`RAISED_WINDOW`] sessions that have both ratings.
pub const RAISED_SESSIONS: usize = 2;

/// The number of latest sessions with both ratings that [`RAISED_SESSIONS`] counts within.
pub const RAISED_WINDOW: usize = 3;

/// Not settled by the next day: today's first rating this many points above the usual level.
pub const NOT_SETTLED_POINTS: f64 = 2.0;

/// The usual level is the median of the ratings (pain before, pain between sessions) of this
/// many days before today.
pub const USUAL_LEVEL_DAYS: u64 = 14;

/// The usual level needs at least this many ratings; fewer say too little about what is usual.
pub const USUAL_LEVEL_MIN_RATINGS: usize = 3;

/// A slow rise compares the 7-day average with the one this many days earlier.
pub const SLOW_RISE_DAYS: u64 = 21;

/// A slow rise: the 7-day average this many points above the one [`SLOW_RISE_DAYS`] earlier
/// (the same two points that matter to a person as [`WEEKLY_RISE_POINTS`]).
pub const SLOW_RISE_POINTS: f64 = 2.0;

/// A slow rise only counts into moderate pain, as the weekly rise ([`WEEKLY_RISE_FLOOR`]).
pub const SLOW_RISE_FLOOR: f64 = WEEKLY_RISE_FLOOR;

/// A rating between sessions ("How is your back now?") at or above this brings the calm line
/// with the warning signs.
pub const HIGH_RATING_OUTSIDE: u8 = 8;

/// The routine is reviewed if pain has not improved this many days (six weeks) after the
/// current routine version was first used: about the time exercise therapy takes to show.
pub const REVIEW_AFTER_DAYS: u64 = 42;

/// The review prompt only comes while the latest week's pain is at least this (moderate):
/// pain that has stayed mild is no reason to change a routine.
pub const REVIEW_PAIN_FLOOR: f64 = 4.0;

/// A "worse" PGIC answer (5–7 on the two-sided scale) brings its prompt for this many days
/// (today included as day 0): the two weeks until the PGIC is asked again
/// ([`crate::measures::PGIC_MIN_DAYS`]).
pub const PGIC_WORSE_DAYS: u64 = crate::measures::PGIC_MIN_DAYS;

/// After "I have seen my doctor" on a doctor prompt, the doctor prompts rest this many days
/// (four weeks): long enough for the advice the doctor gave to take effect, short enough that
/// pain which has not eased by then is raised again.
pub const DOCTOR_REST_DAYS: u64 = 28;

/// During the rest, a 7-day average this many points above the one on the day of the answer
/// brings the doctor prompts back at once: the same two points that matter to a person as
/// [`WEEKLY_RISE_POINTS`], so the doctor has not yet seen pain this much worse.
pub const DOCTOR_REST_RISE_POINTS: f64 = 2.0;

/// The rules whose prompts offer "I have seen my doctor" and rest after it: those that say to
/// see a doctor about the pain itself (high and rising, stayed high, a rating of
/// [`HIGH_RATING_OUTSIDE`] or more between sessions). The warning-sign prompt has its own
/// answers.
pub const DOCTOR_REST_RULES: [&str; 3] = ["doctor-rising", "doctor-high", "doctor-high-rating"];

/// Averages are means of whole numbers; this absorbs floating-point error at the thresholds
/// (a rise of exactly 2.0 must count even when computed as 1.999…).
const TOLERANCE: f64 = 1e-9;

/// What a prompt suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PromptKind {
    /// Consider pausing the routine and talking to the therapist.
    Pause,
    /// Consider leaving this exercise out until the therapist has looked.
    LeaveOut {
        /// The exercise's catalog id.
        exercise_id: String,
    },
    /// Read "When to see a doctor" and talk to a doctor.
    SeeDoctor {
        /// The red flags the person ticked (empty when the prompt comes from the pain trend).
        flags: Vec<RedFlag>,
    },
    /// A calm note that asks for nothing urgent (the session eased the pain; a good time to
    /// review the routine with the therapist).
    Note,
}

/// One message to show, in plain words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    /// Stable key for remembering a dismissal, e.g. `pause-after:<session id>`.
    pub key: String,
    /// What it suggests.
    pub kind: PromptKind,
    /// A short headline.
    pub title: String,
    /// One or two calm sentences.
    pub message: String,
}

/// When the weekly check-in was last put off: a setting kept in the config folder (see
/// [`crate::dismissals_file`]). Closed prompts are on the record in the log instead
/// ([`crate::prompt_record`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dismissals {
    /// The day the weekly check-in was last put off with "Not now".
    pub check_in_dismissed_on: Option<NaiveDate>,
    /// The ids of the short lessons read ("Got it"; see [`crate::lessons`]).
    #[serde(skip_serializing_if = "BTreeSet::is_empty")]
    pub lessons_read: BTreeSet<String>,
    /// The day a lesson offered was last closed, read or put off: no other that day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lesson_closed_on: Option<NaiveDate>,
}

/// Every prompt the rules raise on `today`, dismissed or not: "see a doctor" first, then
/// "pause" (or the note that a session eased the pain), then "leave out" by exercise name, then
/// the routine review. The limits come from `routine`'s pain-monitoring model.
pub fn evaluate(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<Prompt> {
    // Daily pain reads the whole log: worked out once for the trend rules.
    evaluate_on(log, routine, &daily_pain(log), today)
}

/// The prompts of `day` as Today showed them that day: every rule reads only the records dated
/// up to `day` (and `daily`, the log's daily pain series, up to `day`), so a later record never
/// changes what an earlier day raised. [`crate::figures`] lists a period's prompts with it.
pub fn evaluate_on(
    log: &SessionLog,
    routine: &Routine,
    daily: &[(NaiveDate, f64)],
    today: NaiveDate,
) -> Vec<Prompt> {
    let model = routine.pain_model;
    let mut prompts = Vec::new();
    prompts.extend(red_flag_prompt(log, today));
    let rising = trend::high_and_rising_prompt(daily, today);
    if rising.is_none() {
        prompts.extend(trend::stays_high_prompt(daily, today));
    }
    prompts.extend(rising);
    prompts.extend(monitoring::high_rating_outside_prompt(log, today));
    prompts.extend(monitoring::high_pain_after_prompt(log, today));
    prompts.extend(monitoring::raised_by_session_prompt(log, routine, today));
    if model.no_weekly_rise {
        // One prompt about a rise: the week-on-week one, or else the slow one.
        let weekly = trend::weekly_rise_prompt(daily, today);
        let slow = weekly
            .is_none()
            .then(|| trend::slow_rise_prompt(daily, today))
            .flatten();
        prompts.extend(weekly.or(slow));
    }
    prompts.extend(monitoring::not_settled_prompt(log, routine, today));
    prompts.extend(leave_out_prompts(log, routine, today));
    prompts.extend(global_change::pgic_worse_prompt(log, today));
    prompts.extend(monitoring::not_improving_prompt(log, routine, daily, today));
    if rest::doctor_prompts_rest(log, daily, today) {
        prompts.retain(|p| !offers_seen_my_doctor(p));
    }
    prompts
}

/// The prompts to show: those [`evaluate`] raises that were not closed (hidden, or answered)
/// on the record in `log`, in the same order.
pub fn active_prompts(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<Prompt> {
    let mut prompts = evaluate(log, routine, today);
    prompts.retain(|p| !crate::prompt_record::is_closed(log, &p.key));
    prompts
}

/// Whether to offer the weekly red-flag check-in today: no check-in answered and no "Not now"
/// in the last [`CHECK_IN_EVERY_DAYS`] days.
pub fn check_in_due(log: &SessionLog, today: NaiveDate, dismissed_on: Option<NaiveDate>) -> bool {
    let answered_recently = log
        .check_ins()
        .iter()
        .any(|c| within_check_in_interval(c.local_date, today));
    !answered_recently && !check_in_put_off(today, dismissed_on)
}

/// Whether "Not now" on `dismissed_on` still holds the check-in back on `today`.
pub fn check_in_put_off(today: NaiveDate, dismissed_on: Option<NaiveDate>) -> bool {
    dismissed_on.is_some_and(|date| within_check_in_interval(date, today))
}

fn within_check_in_interval(date: NaiveDate, today: NaiveDate) -> bool {
    date <= today && today.signed_duration_since(date).num_days() < days_i64(CHECK_IN_EVERY_DAYS)
}

fn days_i64(days: u64) -> i64 {
    i64::try_from(days).unwrap_or(i64::MAX)
}

fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// "Monday 2 March 2026".
fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// "2026-W10", the ISO week of a date, for keys that hold for a week.
fn iso_week_key(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// Every sign ticked and not answered since (see [`crate::sign_history`]), in one prompt at
/// the level of the most urgent, the most urgent listed first. A later check-in with nothing
/// ticked does not end it; "I have seen a doctor about this" does. Its key names the latest
/// tick.
fn red_flag_prompt(log: &SessionLog, today: NaiveDate) -> Option<Prompt> {
    let open = sign_history::open_signs(log, today);
    let latest = open.iter().map(|s| s.latest).max()?;
    let flags: Vec<RedFlag> = open.iter().map(|s| s.flag).collect();
    let list: Vec<String> = open
        .iter()
        .map(|s| {
            format!(
                "{} ({}, since {})",
                s.flag.label(),
                s.flag.urgency().tag(),
                long_date(s.since)
            )
        })
        .collect();
    // The prompt speaks for the most urgent sign ticked.
    let urgency = RedFlag::highest_urgency(&flags)?;
    Some(Prompt {
        key: format!("doctor-flags:{latest}"),
        title: urgency.title().to_owned(),
        message: format!(
            "You told Limber this applies to you: {}. This does not say what is wrong, but it \
             is a reason to get checked, and this message stays until you have. {}",
            list.join("; "),
            urgency.advice()
        ),
        kind: PromptKind::SeeDoctor { flags },
    })
}

/// The calm line shown before a session starts when pain before is high: `session` is the open
/// session; none once an exercise has been done (in full or in part) or marked as hurting.
pub fn pain_before_prompt(session: &Session) -> Option<Prompt> {
    let before = session.pain_before?.value();
    let started = session
        .exercises
        .iter()
        .any(|r| session_included(session, &r.exercise_id));
    if !session.is_routine() || before < HIGH_PAIN_BEFORE || started {
        return None;
    }
    Some(Prompt {
        key: format!("gentle-before:{}", session.id),
        kind: PromptKind::Pause,
        title: "Your pain is high before you start".to_owned(),
        message: format!(
            "You rated your pain {before} out of 10. A gentler session today (fewer exercises, \
             smaller movements, shorter holds) or a rest day may suit you better, and you can \
             stop at any time. If any of the warning signs below applies to you, please see a \
             doctor."
        ),
    })
}

fn leave_out_prompts(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<Prompt> {
    let mut prompts: Vec<(String, Prompt)> = routine
        .enabled()
        .filter_map(|exercise| {
            let recent: Vec<&Session> = log
                .sessions()
                .iter()
                .rev()
                .filter(|s| {
                    s.local_date <= today && s.is_routine() && session_included(s, &exercise.id)
                })
                .take(HURT_SESSIONS_IN_A_ROW.max(STOPPED_SESSIONS_IN_A_ROW))
                .collect();
            let hurt = |s: &&Session| s.record(&exercise.id).and_then(|r| r.hurt);
            let run = |count: usize, counts: fn(Hurt) -> bool| {
                recent.len() >= count
                    && recent
                        .iter()
                        .take(count)
                        .all(|s| hurt(s).is_some_and(counts))
            };
            let latest = recent.first()?;
            let (title, message) = if run(STOPPED_SESSIONS_IN_A_ROW, |h| h == Hurt::Stopped) {
                (
                    format!("You stopped \"{}\" because of pain", exercise.name),
                    format!(
                        "You marked that you stopped it because of pain in your session on {}. \
                         You could leave it out of your routine until your therapist has had a \
                         look; skipping what hurts is the right call. Talk to your therapist or \
                         doctor about it.",
                        long_date(latest.local_date)
                    ),
                )
            } else if run(HURT_SESSIONS_IN_A_ROW, |_| true) {
                (
                    format!("\"{}\" hurt in your last two sessions", exercise.name),
                    "You marked it as hurting both times you did it most recently. You could \
                     leave it out of your routine until your therapist has had a look; skipping \
                     what hurts is the right call. Talk to your therapist or doctor about it."
                        .to_owned(),
                )
            } else {
                return None;
            };
            let prompt = Prompt {
                key: format!("leave-out:{}:{}", exercise.id, latest.id),
                kind: PromptKind::LeaveOut {
                    exercise_id: exercise.id.clone(),
                },
                title,
                message,
            };
            Some((exercise.name.clone(), prompt))
        })
        .collect();
    prompts.sort_by(|a, b| a.0.cmp(&b.0));
    prompts.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod patterns;
#[cfg(test)]
mod rule_edges;
#[cfg(test)]
mod tests;
