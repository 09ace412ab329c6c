//! A gentler day: the one rule that turns the routine into its gentle form.
//!
//! "Gentler session today" runs the routine as [`exercise`] makes each exercise: its first
//! easier version where the routine lists one (never one marked "ask your therapist first"),
//! one set fewer, holds about two-thirds as long, and once that day. The same rule plans the
//! day's doses (see [`super::Plan::with_gentle_days`]): a day with a gentle session plans the
//! gentle routine, so adherence reads it as done when the gentle routine is done, and the days
//! around it keep their own plans. The numbers are the named constants below; each is chosen to
//! be clearly lighter without turning the exercise into a different one, and never to make
//! anything longer or harder than the routine asks.

use chrono::{Datelike as _, NaiveDate};

use crate::catalog::{Dose, Exercise, Routine, Version};
use crate::log::SessionLog;
use crate::session::Session;

/// Sets taken off each exercise: one fewer keeps the movement and its reps as the therapist
/// wrote them while shortening the time under load.
pub const SETS_FEWER: u32 = 1;

/// The fewest sets a gentle exercise keeps: a one-set exercise stays at one set.
pub const MIN_SETS: u32 = 1;

/// Holds are multiplied by `HOLD_NUMERATOR / HOLD_DENOMINATOR` (about two-thirds): still long
/// enough to settle into a stretch, a third less time held at the end of range.
pub const HOLD_NUMERATOR: u32 = 2;

/// See [`HOLD_NUMERATOR`].
pub const HOLD_DENOMINATOR: u32 = 3;

/// Gentle holds are rounded to the nearest multiple of this many seconds, so the timer counts
/// round numbers (a 45 s hold becomes 30 s, not 30.0 s or 31 s).
pub const HOLD_STEP_SECS: u32 = 5;

/// The shortest gentle hold: below about five seconds a stretch barely starts. A hold the
/// routine already sets at or below this (a 3 s reach) is left as it is, never lengthened.
pub const MIN_HOLD_SECS: u32 = 5;

/// Times a day each exercise is planned on a gentle day: once. A bad day is not the day to
/// make up for the shrugs' three goes.
pub const TIMES_PER_DAY: u32 = 1;

/// What changes on a gentle day, one line each, shown before a gentle session starts.
pub fn rule_lines() -> [String; 4] {
    [
        "Easier versions where the routine has one".to_owned(),
        format!(
            "{} set{} fewer, never below {}",
            count_word(SETS_FEWER, true),
            if SETS_FEWER == 1 { "" } else { "s" },
            count_word(MIN_SETS, false)
        ),
        format!("Holds about two-thirds as long (never under {MIN_HOLD_SECS} s)"),
        if TIMES_PER_DAY == 1 {
            "Once today, even for exercises planned more often".to_owned()
        } else {
            format!("{TIMES_PER_DAY} times today at most")
        },
    ]
}

/// A small count in words ("One", "one"), larger ones in digits.
fn count_word(count: u32, capital: bool) -> String {
    let word = match count {
        1 => "one",
        2 => "two",
        3 => "three",
        _ => return count.to_string(),
    };
    if capital {
        let mut chars = word.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        word.to_owned()
    }
}

/// The gentle form of `dose`: fewer sets, shorter holds, once a day; reps, rest and sides as
/// they were. Never more than `dose` in any field.
pub fn dose(dose: Dose) -> Dose {
    let sets = dose
        .sets
        .saturating_sub(SETS_FEWER)
        .max(MIN_SETS)
        .min(dose.sets);
    let scaled = dose.hold_secs.saturating_mul(HOLD_NUMERATOR);
    // The nearest multiple of the step: scaled ÷ denominator, rounded half up to the step.
    let step = HOLD_DENOMINATOR.saturating_mul(HOLD_STEP_SECS);
    let rounded = (scaled.saturating_mul(2).saturating_add(step) / (2 * step)) * HOLD_STEP_SECS;
    let hold_secs = rounded.max(MIN_HOLD_SECS).min(dose.hold_secs);
    Dose {
        sets,
        hold_secs,
        times_per_day: dose.times_per_day.min(TIMES_PER_DAY),
        ..dose
    }
}

/// The version done on a gentle day, for an exercise whose version in force is `in_force`:
/// the first easier version when the routine lists one that needs no therapist's say-so, else
/// the version in force (kept too when it is already easier than that).
pub fn version(exercise: &Exercise, in_force: Version) -> Version {
    if in_force.level() <= Version::EASIER.level() {
        return in_force;
    }
    match exercise.variant(Version::EASIER) {
        Some(easier) if !easier.ask_therapist_first => Version::EASIER,
        _ => in_force,
    }
}

/// The exercise as done on a gentle day (its version in force being `in_force`): in its
/// gentle [`version`], at the gentle [`dose`] of that version's dose.
pub fn exercise(exercise: &Exercise, in_force: Version) -> Exercise {
    let mut gentle = exercise.as_version(version(exercise, in_force));
    gentle.dose = dose(gentle.dose);
    gentle
}

/// The routine as a gentle session on `date` runs it: every exercise made gentle from the
/// version in force that day (see [`crate::versions::in_force`]).
pub fn routine(routine: &Routine, log: &SessionLog, date: NaiveDate) -> Routine {
    Routine {
        exercises: routine
            .exercises
            .iter()
            .map(|e| exercise(e, crate::versions::in_force(log, &e.id, date)))
            .collect(),
        ..routine.clone()
    }
}

/// Whether `session` is a gentle routine session.
fn is_gentle(session: &Session) -> bool {
    session.gentle && !session.is_rest_day()
}

/// Whether `date` is a gentle day: it has a gentle session.
pub fn is_gentle_day(log: &SessionLog, date: NaiveDate) -> bool {
    log.on_date(date).any(is_gentle)
}

/// Every gentle day in the log, oldest first, each once.
pub fn gentle_days(log: &SessionLog) -> Vec<NaiveDate> {
    let mut days: Vec<NaiveDate> = log
        .sessions()
        .iter()
        .filter(|s| is_gentle(s))
        .map(|s| s.local_date)
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Dates the brief lists at most; more are counted, not named.
const BRIEF_MAX_DATES: usize = 8;

/// The brief's line on gentle sessions from `from` to `to`: "Gentler sessions: 3 (12, 15,
/// 20 Jan)", each day once, days of one month together. `None` when there were none.
pub fn brief_line(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let sessions = log
        .sessions()
        .iter()
        .filter(|s| is_gentle(s) && (from..=to).contains(&s.local_date))
        .count();
    if sessions == 0 {
        return None;
    }
    let days: Vec<NaiveDate> = gentle_days(log)
        .into_iter()
        .filter(|d| (from..=to).contains(d))
        .collect();
    let named = &days[..days.len().min(BRIEF_MAX_DATES)];
    let mut months: Vec<String> = Vec::new();
    let mut run: Vec<String> = Vec::new();
    for (index, day) in named.iter().enumerate() {
        run.push(day.format("%-d").to_string());
        let month_ends = named
            .get(index + 1)
            .is_none_or(|next| (next.year(), next.month()) != (day.year(), day.month()));
        if month_ends {
            months.push(format!("{} {}", run.join(", "), day.format("%b")));
            run.clear();
        }
    }
    let more = days.len() - named.len();
    let more = if more > 0 {
        format!("; {more} more days")
    } else {
        String::new()
    };
    Some(format!(
        "Gentler sessions: {sessions} ({}{more})",
        months.join("; ")
    ))
}

#[cfg(test)]
mod tests;
