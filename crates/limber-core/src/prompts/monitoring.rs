//! The rules of the pain-monitoring model the therapist sets in the routine file
//! (`catalog::PainModel`): pain after a session, pain raised by a session, pain not settled by
//! the next day, a very high rating between sessions, and no improvement after six weeks.

use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{
    HIGH_PAIN_AFTER, HIGH_RATING_OUTSIDE, NOT_SETTLED_POINTS, PAIN_AFTER_RECENT_DAYS, Prompt,
    PromptKind, RAISED_SESSIONS, RAISED_WINDOW, REVIEW_AFTER_DAYS, REVIEW_PAIN_FLOOR, TOLERANCE,
    USUAL_LEVEL_DAYS, USUAL_LEVEL_MIN_RATINGS, days_before, days_i64, global_change, long_date,
};
use crate::catalog::{PainModel, Routine};
use crate::figures::session_included;
use crate::log::SessionLog;
use crate::measures::{self, Change, MeasureKind};
use crate::session::{PainScore, Session};

/// The routine sessions on or before `today` (no rest days, no desk breaks), oldest first.
fn sessions_to(log: &SessionLog, today: NaiveDate) -> Vec<&Session> {
    let mut sessions: Vec<&Session> = log
        .sessions()
        .iter()
        .filter(|s| s.is_routine() && s.local_date <= today)
        .collect();
    sessions.sort_by_key(|s| (s.local_date, s.started_at));
    sessions
}

/// Whether `date` is fewer than [`PAIN_AFTER_RECENT_DAYS`] days before `today`.
fn recent(date: NaiveDate, today: NaiveDate) -> bool {
    today.signed_duration_since(date).num_days() < days_i64(PAIN_AFTER_RECENT_DAYS)
}

/// The model a session is held to: the routine's, made stricter by the exercises it included.
/// The safety prompts and the progression offers (`crate::progression`) both read it here.
pub(crate) fn model_for(routine: &Routine, session: &Session) -> PainModel {
    routine.pain_model_for(
        session
            .exercises
            .iter()
            .filter(|r| session_included(session, &r.exercise_id))
            .map(|r| &*r.exercise_id),
    )
}

/// High pain after the latest recent session: "consider pausing" only when pain did not ease
/// during it (after ≥ before); when it eased, a calm note that the session seems to have helped.
pub(super) fn high_pain_after_prompt(log: &SessionLog, today: NaiveDate) -> Option<Prompt> {
    let latest = sessions_to(log, today)
        .into_iter()
        .rfind(|s| s.pain_after.is_some())?;
    let after = latest.pain_after?.value();
    if after < HIGH_PAIN_AFTER || !recent(latest.local_date, today) {
        return None;
    }
    let date = long_date(latest.local_date);
    if let Some(before) = latest.pain_before.map(PainScore::value)
        && after < before
    {
        return Some(Prompt {
            key: format!("eased-after:{}", latest.id),
            kind: PromptKind::Note,
            title: "Your pain eased during your last session".to_owned(),
            message: format!(
                "You rated your pain {before} out of 10 before your session on {date} and \
                 {after} after it, so the session seems to have helped. Your pain is still high: \
                 go gently, and talk to your therapist or doctor if it stays this high."
            ),
        });
    }
    Some(Prompt {
        key: format!("pause-after:{}", latest.id),
        kind: PromptKind::Pause,
        title: "Your pain was high after your last session".to_owned(),
        message: format!(
            "You rated your pain {after} out of 10 after your session on {date}. It may be worth \
             pausing the routine for now and talking to your therapist or doctor before you \
             carry on. Stop any exercise that hurts."
        ),
    })
}

/// How a session's pain after compares with its model.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Raised {
    /// Within the limits.
    No,
    /// At the limit of the rise, or above the highest pain after while higher than before.
    AtLimit,
    /// Past the rise limit: after − before above `max_rise`.
    Past,
}

fn raised(session: &Session, model: PainModel) -> Option<(Raised, u8, u8)> {
    let before = session.pain_before?.value();
    let after = session.pain_after?.value();
    let rise = i32::from(after) - i32::from(before);
    let max_rise = i32::from(model.max_rise);
    let level = if rise > max_rise {
        Raised::Past
    } else if rise > 0 && (rise >= max_rise || after > model.max_after) {
        Raised::AtLimit
    } else {
        Raised::No
    };
    Some((level, before, after))
}

/// Pain raised by the session: past the model's rise limit once, or at its limits in
/// [`RAISED_SESSIONS`] of the last [`RAISED_WINDOW`] sessions with both ratings, the latest
/// included (so the prompt stops once a session stays within the limits).
pub(super) fn raised_by_session_prompt(
    log: &SessionLog,
    routine: &Routine,
    today: NaiveDate,
) -> Option<Prompt> {
    // Only the last few sessions with both ratings count: compare those with their model.
    let mut window: Vec<(&Session, Raised, u8, u8)> = sessions_to(log, today)
        .into_iter()
        .rev()
        .filter_map(|s| raised(s, model_for(routine, s)).map(|(r, b, a)| (s, r, b, a)))
        .take(RAISED_WINDOW)
        .collect();
    window.reverse();
    let &(latest, level, before, after) = window.last()?;
    let over = window.iter().filter(|(_, r, ..)| *r != Raised::No).count();
    let fires = level == Raised::Past || (level == Raised::AtLimit && over >= RAISED_SESSIONS);
    if !fires || !recent(latest.local_date, today) {
        return None;
    }
    let model = model_for(routine, latest);
    let again = if level == Raised::Past {
        ""
    } else {
        ", and not for the first time"
    };
    Some(Prompt {
        key: format!("raised-by-session:{}", latest.id),
        kind: PromptKind::Pause,
        title: "Your session raised your pain".to_owned(),
        message: format!(
            "Your pain went from {before} to {after} out of 10 during your session on {}{again}. \
             Your routine's limits are pain up to {} out of 10 after a session, and not more than \
             {} above your pain before. Ease off next time (fewer repetitions, smaller movements, \
             shorter holds) and tell your therapist, so they can adjust the routine; see a \
             doctor if the pain does not settle.",
            long_date(latest.local_date),
            model.max_after,
            model.max_rise,
        ),
    })
}

/// The usual level on `today`: the median of the pain-before and between-session ratings of
/// the [`USUAL_LEVEL_DAYS`] days before it, when there are at least
/// [`USUAL_LEVEL_MIN_RATINGS`].
pub fn usual_level(log: &SessionLog, today: NaiveDate) -> Option<f64> {
    let from = days_before(today, USUAL_LEVEL_DAYS);
    let in_window = |date: NaiveDate| from <= date && date < today;
    let mut ratings: Vec<u8> = log
        .sessions()
        .iter()
        .filter(|s| in_window(s.local_date))
        .filter_map(|s| s.pain_before.map(PainScore::value))
        .chain(
            log.pain_entries()
                .iter()
                .filter(|e| in_window(e.local_date))
                .map(|e| e.pain.value()),
        )
        .collect();
    if ratings.len() < USUAL_LEVEL_MIN_RATINGS {
        return None;
    }
    ratings.sort_unstable();
    let middle = ratings.len() / 2;
    let median = if ratings.len() % 2 == 1 {
        f64::from(ratings[middle])
    } else {
        f64::midpoint(f64::from(ratings[middle - 1]), f64::from(ratings[middle]))
    };
    Some(median)
}

/// The first rating given on `today`: pain before (or after, when before was skipped) of a
/// session, or a between-session rating, whichever came first.
fn first_rating_on(log: &SessionLog, today: NaiveDate) -> Option<u8> {
    let sessions = log
        .sessions()
        .iter()
        .filter(|s| s.local_date == today && s.is_routine())
        .filter_map(|s| {
            let score = s.pain_before.or(s.pain_after)?;
            Some((s.started_at, score.value()))
        });
    let entries = log
        .pain_entries()
        .iter()
        .filter(|e| e.local_date == today)
        .map(|e| (e.at, e.pain.value()));
    sessions
        .chain(entries)
        .min_by_key(|(at, _): &(DateTime<Utc>, u8)| *at)
        .map(|(_, value)| value)
}

/// Not settled by the next day: a session yesterday, and today's first rating at least
/// [`NOT_SETTLED_POINTS`] above the usual level.
pub(super) fn not_settled_prompt(
    log: &SessionLog,
    routine: &Routine,
    today: NaiveDate,
) -> Option<Prompt> {
    let yesterday = today.checked_sub_days(Days::new(1))?;
    let held_to = log
        .sessions()
        .iter()
        .filter(|s| s.local_date == yesterday && crate::figures::days::session_done(s))
        .map(|s| model_for(routine, s))
        .reduce(PainModel::stricter)?;
    if !held_to.settles_by_next_day {
        return None;
    }
    let first = first_rating_on(log, today)?;
    let usual = usual_level(log, today)?;
    if f64::from(first) + TOLERANCE < usual + NOT_SETTLED_POINTS {
        return None;
    }
    Some(Prompt {
        key: format!("easier-day:{today}"),
        kind: PromptKind::Pause,
        title: "Your pain has not settled since yesterday's session".to_owned(),
        message: format!(
            "Your first rating today is {first} out of 10; your usual level over the last two \
             weeks is {usual:.1}. Pain should be back to its usual level by the day after a \
             session, so an easier day may suit you today: fewer exercises, smaller movements, \
             or a rest day. If this keeps happening, tell your therapist or doctor."
        ),
    })
}

/// A rating of [`HIGH_RATING_OUTSIDE`] or more between sessions: the latest such rating of the
/// last week, if it is also the latest rating between sessions.
pub(super) fn high_rating_outside_prompt(log: &SessionLog, today: NaiveDate) -> Option<Prompt> {
    let latest = log
        .pain_entries()
        .iter()
        .filter(|e| e.local_date <= today)
        .max_by_key(|e| e.at)?;
    let pain = latest.pain.value();
    if pain < HIGH_RATING_OUTSIDE || !recent(latest.local_date, today) {
        return None;
    }
    Some(Prompt {
        key: format!("doctor-high-rating:{}", latest.id),
        kind: PromptKind::SeeDoctor { flags: Vec::new() },
        title: "You rated your pain very high".to_owned(),
        message: format!(
            "You rated your back {pain} out of 10 on {}. Rest and go gently. Read the warning \
             signs below: if any of them applies to you, see a doctor. If the pain does not \
             ease, talk to your doctor or therapist.",
            long_date(latest.local_date)
        ),
    })
}

/// Whether a change is an improvement that reaches its threshold.
fn improved(change: Option<&Change>) -> bool {
    change.is_some_and(|c| c.meaningful && c.better() == Some(true))
}

/// Not improving [`REVIEW_AFTER_DAYS`] days after the current routine version was first used:
/// pain short of its threshold (and still at least [`REVIEW_PAIN_FLOOR`]), and the PEG and
/// PSFS short of theirs where they were answered; or the latest PGIC since then says "no
/// change" or "worse" (on either scale, each read on its own).
pub(super) fn not_improving_prompt(
    log: &SessionLog,
    routine: &Routine,
    daily: &[(NaiveDate, f64)],
    today: NaiveDate,
) -> Option<Prompt> {
    let started = sessions_to(log, today)
        .into_iter()
        .find(|s| s.routine_version == routine.version)?
        .local_date;
    if started.checked_add_days(Days::new(REVIEW_AFTER_DAYS))? > today {
        return None;
    }
    let key = format!("review-routine:{}", routine.version);
    let title = "A good time to review your routine".to_owned();
    let since = long_date(started);
    if let Some(pain) = pain_not_improving(log, daily, started, today) {
        return Some(Prompt {
            key,
            kind: PromptKind::Note,
            title,
            message: format!(
                "You started this version of your routine on {since}. Your pain then was {:.1} \
                 out of 10 and is {:.1} now, not yet the change that matters. That is common \
                 and not a cause for worry, but it is worth going over the routine with your \
                 therapist or doctor.",
                pain.first.1, pain.latest.1
            ),
        });
    }
    let (answered, reading) = global_change::latest_pgic(log, today)
        .filter(|(m, r)| m.local_date >= started && r.no_change_or_worse)?;
    Some(Prompt {
        key,
        kind: PromptKind::Note,
        title,
        message: format!(
            "You started this version of your routine on {since}. In your progress questions \
             on {} you chose \u{201c}{}\u{201d}. That is common and not a cause for worry, but \
             it is worth going over the routine with your therapist or doctor.",
            long_date(answered.local_date),
            reading.label
        ),
    })
}

/// The pain change since `started` when it is short of its threshold while pain is still at
/// least [`REVIEW_PAIN_FLOOR`], and the PEG and PSFS are short of theirs where answered.
fn pain_not_improving(
    log: &SessionLog,
    daily: &[(NaiveDate, f64)],
    started: NaiveDate,
    today: NaiveDate,
) -> Option<Change> {
    let pain = measures::pain_change(daily, started, today)?;
    if improved(Some(&pain)) || pain.latest.1 + TOLERANCE < REVIEW_PAIN_FLOOR {
        return None;
    }
    let others = [MeasureKind::Peg, MeasureKind::Psfs]
        .map(|kind| measures::measure_change(log, kind, started, today));
    if others.iter().any(|c| improved(c.as_ref())) {
        return None;
    }
    Some(pain)
}
