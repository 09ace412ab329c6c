//! Safety prompts: when the log suggests pausing, leaving an exercise out, or seeing a doctor.
//!
//! The rules only look at what the person logged. They never diagnose anything and never
//! suggest pushing through pain; every message ends with talking to a therapist or doctor.
//! All thresholds live here as named constants so that a therapist reading the code or the
//! README finds them in one place.
//!
//! Each prompt carries a stable key naming the rule and what triggered it (a session, an
//! exercise, a week or a check-in), so that a dismissal is remembered for that occurrence only:
//! a new occurrence of the same rule shows again.

use std::collections::BTreeSet;

use chrono::{Datelike as _, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::catalog::Routine;
use crate::figures::{daily_pain, rolling_average_on, session_included};
use crate::log::SessionLog;
use crate::session::{CheckIn, Hurt, RedFlag, Session};

/// Pain after a session at or above this (0–10) suggests a pause.
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

/// Averages are means of whole numbers; this absorbs floating-point error at the thresholds
/// (a rise of exactly 2.0 must count even when computed as 1.999…).
const TOLERANCE: f64 = 1e-9;

/// What a prompt suggests.
#[derive(Clone, Debug, PartialEq)]
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
}

/// One message to show, in plain words.
#[derive(Clone, Debug, PartialEq)]
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

/// Dismissed prompts and the last time the check-in was put off; the app keeps this with the
/// user's settings (not in the session log).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dismissals {
    /// Keys of prompts the person closed, sorted.
    pub prompt_keys: BTreeSet<String>,
    /// The day the weekly check-in was last put off with "Not now".
    pub check_in_dismissed_on: Option<NaiveDate>,
}

impl Dismissals {
    /// Whether the prompt with this key was closed.
    pub fn is_dismissed(&self, key: &str) -> bool {
        self.prompt_keys.contains(key)
    }

    /// Remembers that the prompt with this key was closed.
    pub fn dismiss(&mut self, key: &str) {
        self.prompt_keys.insert(key.to_owned());
    }
}

/// Every prompt the rules raise on `today`, dismissed or not: "see a doctor" first, then
/// "pause", then "leave out" by exercise name.
pub fn evaluate(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<Prompt> {
    let sessions: Vec<&Session> = log.sessions().iter().collect();
    compose(
        latest_check_in(log.check_ins().iter()).and_then(red_flag_prompt),
        // Daily pain reads the whole log: worked out once for the three trend rules.
        &daily_pain(log),
        latest_rated(log.sessions().iter(), today),
        leave_out_prompts(&sessions, routine),
        today,
    )
}

/// The latest of some check-ins (by local date, then time).
pub(crate) fn latest_check_in<'a>(
    check_ins: impl Iterator<Item = &'a CheckIn>,
) -> Option<&'a CheckIn> {
    check_ins.max_by_key(|c| (c.local_date, c.at))
}

/// The latest routine session on or before `today` with a pain-after rating.
pub(crate) fn latest_rated<'a>(
    sessions: impl Iterator<Item = &'a Session>,
    today: NaiveDate,
) -> Option<&'a Session> {
    sessions
        .filter(|s| !s.is_rest_day() && s.pain_after.is_some() && s.local_date <= today)
        .max_by_key(|s| (s.local_date, s.started_at))
}

/// The prompts of `today` in their order, from the parts that change only when a record is
/// added (the red-flag prompt of the latest check-in, the leave-out prompts of the sessions so
/// far) and what the day itself decides (the pain trend, read from `daily` up to `today`, and
/// the age of the latest rated session). [`crate::figures`] runs this on every day of the log.
pub(crate) fn compose(
    red_flag: Option<Prompt>,
    daily: &[(NaiveDate, f64)],
    latest_rated: Option<&Session>,
    leave_out: Vec<Prompt>,
    today: NaiveDate,
) -> Vec<Prompt> {
    let mut prompts = Vec::new();
    prompts.extend(red_flag);
    let rising = high_and_rising_prompt(daily, today);
    if rising.is_none() {
        prompts.extend(stays_high_prompt(daily, today));
    }
    prompts.extend(rising);
    prompts.extend(latest_rated.and_then(|s| high_pain_after_prompt(s, today)));
    prompts.extend(weekly_rise_prompt(daily, today));
    prompts.extend(leave_out);
    prompts
}

/// The prompts to show: those [`evaluate`] raises that were not dismissed, in the same order.
pub fn active_prompts(
    log: &SessionLog,
    routine: &Routine,
    today: NaiveDate,
    dismissals: &Dismissals,
) -> Vec<Prompt> {
    let mut prompts = evaluate(log, routine, today);
    prompts.retain(|p| !dismissals.is_dismissed(&p.key));
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

pub(crate) fn red_flag_prompt(latest: &CheckIn) -> Option<Prompt> {
    if latest.flags.is_empty() {
        return None;
    }
    let mut flags = latest.flags.clone();
    flags.sort();
    flags.dedup();
    let list: Vec<&str> = flags.iter().map(|f| f.label()).collect();
    // The saved prompt speaks for the most urgent sign ticked.
    let urgency = RedFlag::highest_urgency(&flags)?;
    Some(Prompt {
        key: format!("doctor-flags:{}", latest.local_date),
        title: urgency.title().to_owned(),
        message: format!(
            "In your check-in on {} you said this applies to you: {}. This does not say what is \
             wrong, but it is a reason to get checked. {}",
            long_date(latest.local_date),
            list.join("; "),
            urgency.advice()
        ),
        kind: PromptKind::SeeDoctor { flags },
    })
}

fn high_and_rising_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
    let mut averages = Vec::new();
    for weeks_back in 0..=RISING_WEEKS {
        averages.push(rolling_average_on(
            daily,
            days_before(today, 7 * weeks_back),
        )?);
    }
    let now = *averages.first()?;
    let rising = averages.windows(2).all(|w| w[0] > w[1] + TOLERANCE);
    if now + TOLERANCE < HIGH_PAIN_AVERAGE || !rising {
        return None;
    }
    let earlier: Vec<String> = averages.iter().skip(1).map(|a| format!("{a:.1}")).collect();
    Some(Prompt {
        key: format!("doctor-rising:{}", iso_week_key(today)),
        kind: PromptKind::SeeDoctor { flags: Vec::new() },
        title: "Your pain has been high and rising for two weeks".to_owned(),
        message: format!(
            "Your average pain over the last 7 days is {now:.1} out of 10; a week ago it was {}, \
             and the week before {}. Please talk to your therapist or doctor about it. The page \
             \"When to see a doctor\" lists signs that mean you should get checked soon.",
            earlier.first().map_or("", String::as_str),
            earlier.get(1).map_or("", String::as_str),
        ),
    })
}

/// The 7-day averages on `today` and on each of the `weeks - 1` weeks before it, newest first;
/// `None` when any of them has no rating.
fn weekly_averages(daily: &[(NaiveDate, f64)], today: NaiveDate, weeks: u64) -> Option<Vec<f64>> {
    (0..weeks)
        .map(|weeks_back| rolling_average_on(daily, days_before(today, 7 * weeks_back)))
        .collect()
}

fn stays_high_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
    let averages = weekly_averages(daily, today, HIGH_PAIN_WEEKS)?;
    let now = *averages.first()?;
    let oldest = *averages.last()?;
    let all_high = averages.iter().all(|a| *a + TOLERANCE >= HIGH_PAIN_AVERAGE);
    let easing = oldest - now + TOLERANCE >= EASING_POINTS;
    if averages.len() < 2 || !all_high || easing {
        return None;
    }
    Some(Prompt {
        key: format!("doctor-high:{}", iso_week_key(today)),
        kind: PromptKind::SeeDoctor { flags: Vec::new() },
        title: "Your pain has stayed high for two weeks".to_owned(),
        message: format!(
            "Your average pain over the last 7 days is {now:.1} out of 10, and a week ago it \
             was {oldest:.1}. Pain that stays this high is a reason to get checked: please talk \
             to a doctor about it. The page \"When to see a doctor\" lists signs that mean you \
             should get checked soon."
        ),
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
    if session.is_rest_day() || before < HIGH_PAIN_BEFORE || started {
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

fn high_pain_after_prompt(latest: &Session, today: NaiveDate) -> Option<Prompt> {
    let after = latest.pain_after?.value();
    let age_days = today.signed_duration_since(latest.local_date).num_days();
    if after < HIGH_PAIN_AFTER || age_days >= days_i64(PAIN_AFTER_RECENT_DAYS) {
        return None;
    }
    Some(Prompt {
        key: format!("pause-after:{}", latest.id),
        kind: PromptKind::Pause,
        title: "Your pain was high after your last session".to_owned(),
        message: format!(
            "You rated your pain {after} out of 10 after your session on {}. It may be worth \
             pausing the routine for now and talking to your therapist or doctor before you \
             carry on. Stop any exercise that hurts.",
            long_date(latest.local_date)
        ),
    })
}

fn weekly_rise_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
    let this_week = rolling_average_on(daily, today)?;
    let week_before = rolling_average_on(daily, days_before(today, 7))?;
    let rise = this_week - week_before;
    if rise + TOLERANCE < WEEKLY_RISE_POINTS || this_week + TOLERANCE < WEEKLY_RISE_FLOOR {
        return None;
    }
    Some(Prompt {
        key: format!("pause-rise:{}", iso_week_key(today)),
        kind: PromptKind::Pause,
        title: "Your pain has gone up this week".to_owned(),
        message: format!(
            "Your average pain over the last 7 days is {this_week:.1} out of 10, {rise:.1} points \
             higher than the week before ({week_before:.1}). Consider easing off or pausing the \
             routine, and talk to your therapist or doctor about it."
        ),
    })
}

pub(crate) fn leave_out_prompts(sessions: &[&Session], routine: &Routine) -> Vec<Prompt> {
    let mut prompts: Vec<(String, Prompt)> = routine
        .enabled()
        .filter_map(|exercise| {
            let recent: Vec<&Session> = sessions
                .iter()
                .copied()
                .rev()
                .filter(|s| !s.is_rest_day() && session_included(s, &exercise.id))
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
mod tests {
    use super::*;
    use crate::figures::days::tests::{date, exercise, log, rest, routine, session};
    use crate::session::{CheckIn, Completion};
    use chrono::{TimeZone as _, Utc};

    fn done(id: &str) -> (&str, Completion, Option<Hurt>) {
        (id, Completion::Done, None)
    }

    fn hurt(id: &str) -> (&str, Completion, Option<Hurt>) {
        (id, Completion::Done, Some(Hurt::ALittle))
    }

    fn keys(prompts: &[Prompt]) -> Vec<String> {
        prompts.iter().map(|p| p.key.clone()).collect()
    }

    fn has_prefix(prompts: &[Prompt], prefix: &str) -> bool {
        prompts.iter().any(|p| p.key.starts_with(prefix))
    }

    #[test]
    fn pain_after_six_is_quiet_and_seven_raises_a_pause() {
        let today = date(2026, 3, 10);
        let r = routine(vec![exercise("a", 1)]);
        let six = log(vec![session(today, &[done("a")], Some(5), Some(6))]);
        assert!(evaluate(&six, &r, today).is_empty());
        let seven = log(vec![session(today, &[done("a")], Some(5), Some(7))]);
        let prompts = evaluate(&seven, &r, today);
        assert_eq!(keys(&prompts), vec![format!("pause-after:{today}-1")]);
        assert_eq!(prompts[0].kind, PromptKind::Pause);
        assert!(prompts[0].message.contains("7 out of 10"));
    }

    #[test]
    fn only_the_latest_recent_session_counts_for_pain_after() {
        let r = routine(vec![exercise("a", 1)]);
        let high_then_low = log(vec![
            session(date(2026, 3, 9), &[done("a")], Some(5), Some(8)),
            session(date(2026, 3, 10), &[done("a")], Some(5), Some(5)),
        ]);
        assert!(!has_prefix(
            &evaluate(&high_then_low, &r, date(2026, 3, 10)),
            "pause-after"
        ));
        let old = log(vec![session(
            date(2026, 3, 3),
            &[done("a")],
            Some(5),
            Some(8),
        )]);
        assert!(has_prefix(
            &evaluate(&old, &r, date(2026, 3, 9)),
            "pause-after"
        ));
        assert!(!has_prefix(
            &evaluate(&old, &r, date(2026, 3, 10)),
            "pause-after"
        ));
    }

    /// Weeks of ratings from Monday 2 March 2026: each inner list gives the daily (before,
    /// after) ratings from Monday on; days past the list's end are not rated.
    fn weeks(weeks: &[&[(u8, u8)]]) -> SessionLog {
        let start = date(2026, 3, 2);
        let mut sessions = Vec::new();
        for (w, days) in weeks.iter().enumerate() {
            for (d, (before, after)) in days.iter().enumerate() {
                let day = start + Days::new(u64::try_from(w * 7 + d).unwrap());
                sessions.push(session(day, &[done("a")], Some(*before), Some(*after)));
            }
        }
        log(sessions)
    }

    #[test]
    fn weekly_rise_of_two_points_raises_a_pause_and_one_point_nine_does_not() {
        let r = routine(vec![exercise("a", 1)]);
        // Sunday 15 March: the week before is 2–8 March, this week 9–15 March; Monday to
        // Friday are rated.
        let today = date(2026, 3, 15);
        let before: &[(u8, u8)] = &[(3, 3); 5];
        // Exactly 2.0 points higher.
        let two = weeks(&[before, &[(5, 5); 5]]);
        assert!(has_prefix(
            &evaluate(&two, &r, today),
            "pause-rise:2026-W11"
        ));
        // Four days at 5 and one at 4.5 (5 before, 4 after): 4.9, a rise of 1.9.
        let one_point_nine = weeks(&[before, &[(5, 5), (5, 5), (5, 5), (5, 5), (5, 4)]]);
        assert!(!has_prefix(
            &evaluate(&one_point_nine, &r, today),
            "pause-rise"
        ));
        // Nothing rated the week before: no comparison, no prompt.
        let alone = weeks(&[&[], &[(9, 6); 5]]);
        assert!(!has_prefix(&evaluate(&alone, &r, today), "pause-rise"));
    }

    #[test]
    fn hurt_once_is_quiet_and_twice_in_a_row_suggests_leaving_it_out() {
        let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
        let today = date(2026, 3, 3);
        let once = log(vec![
            session(date(2026, 3, 1), &[done("a"), done("b")], None, None),
            session(date(2026, 3, 2), &[hurt("a"), done("b")], None, None),
        ]);
        assert!(evaluate(&once, &r, today).is_empty());
        let twice = log(vec![
            session(date(2026, 3, 1), &[hurt("a"), done("b")], None, None),
            // A session that left "a" out does not break the run: it did not include it.
            session(
                date(2026, 3, 2),
                &[("a", Completion::Skipped, None), done("b")],
                None,
                None,
            ),
            rest(date(2026, 3, 2)),
            session(date(2026, 3, 3), &[hurt("a"), done("b")], None, None),
        ]);
        let prompts = evaluate(&twice, &r, today);
        assert_eq!(keys(&prompts), vec!["leave-out:a:2026-03-03-2".to_owned()]);
        assert_eq!(
            prompts[0].kind,
            PromptKind::LeaveOut {
                exercise_id: "a".to_owned()
            }
        );
        // Hurt, fine, hurt: not in a row.
        let apart = log(vec![
            session(date(2026, 3, 1), &[hurt("a")], None, None),
            session(date(2026, 3, 2), &[done("a")], None, None),
            session(date(2026, 3, 3), &[hurt("a")], None, None),
        ]);
        assert!(evaluate(&apart, &r, today).is_empty());
    }

    #[test]
    fn a_disabled_exercise_raises_no_leave_out_prompt() {
        let mut a = exercise("a", 1);
        a.enabled = false;
        let r = routine(vec![a]);
        let twice = log(vec![
            session(date(2026, 3, 1), &[hurt("a")], None, None),
            session(date(2026, 3, 2), &[hurt("a")], None, None),
        ]);
        assert!(evaluate(&twice, &r, date(2026, 3, 2)).is_empty());
    }

    #[test]
    fn high_and_rising_for_two_weeks_points_to_a_doctor() {
        let r = routine(vec![exercise("a", 1)]);
        // Sunday 22 March: three weeks rated Monday to Friday.
        let today = date(2026, 3, 22);
        let high = weeks(&[&[(4, 4); 5], &[(5, 5); 5], &[(6, 6); 5]]);
        let prompts = evaluate(&high, &r, today);
        assert_eq!(keys(&prompts), vec!["doctor-rising:2026-W12".to_owned()]);
        assert_eq!(prompts[0].kind, PromptKind::SeeDoctor { flags: Vec::new() });
        // Four days at 6 and one at 5.5: 5.9 is rising but not high.
        let below = weeks(&[
            &[(4, 4); 5],
            &[(5, 5); 5],
            &[(6, 6), (6, 6), (6, 6), (6, 6), (6, 5)],
        ]);
        assert!(!has_prefix(&evaluate(&below, &r, today), "doctor"));
        // High but rising for one week only: not "rising", but it has stayed high.
        let flat = weeks(&[&[(6, 6); 5], &[(6, 6); 5], &[(7, 6); 5]]);
        assert_eq!(
            keys(&evaluate(&flat, &r, today)),
            vec!["doctor-high:2026-W12".to_owned()]
        );
        // The example: 6.0 → 6.05 → 6.1 rises, and gets one doctor prompt only.
        let creeping = weeks(&[
            &[(6, 6); 5],
            &[(6, 6), (6, 6), (6, 6), (6, 6), (6, 6), (6, 6), (6, 7)],
            &[(6, 6), (6, 6), (6, 6), (6, 6), (7, 6)],
        ]);
        let prompts = evaluate(&creeping, &r, today);
        assert_eq!(keys(&prompts), vec!["doctor-rising:2026-W12".to_owned()]);
    }

    /// A week of five rated days whose average is `tenths / 10`, for 50 ≤ tenths ≤ 100: whole
    /// days at the lower score, plus one day half a point up per tenth left over (at most 4).
    fn week_at(tenths: u8) -> Vec<(u8, u8)> {
        let base = tenths / 10;
        let extra = tenths % 10;
        assert!(extra <= 5, "one half-point day per tenth, five days");
        let mut days = vec![(base, base); 5];
        for day in days.iter_mut().take(usize::from(extra)) {
            day.1 = base + 1;
        }
        days
    }

    #[test]
    fn pain_that_stays_high_and_flat_for_two_weeks_points_to_a_doctor() {
        let r = routine(vec![exercise("a", 1)]);
        // Sunday 15 March: the week before is 2–8 March, this week 9–15 March.
        let today = date(2026, 3, 15);
        let doctor = |a: u8, b: u8| {
            has_prefix(
                &evaluate(&weeks(&[&week_at(a), &week_at(b)]), &r, today),
                "doctor-high:2026-W11",
            )
        };
        assert_eq!(week_at(61), vec![(6, 7), (6, 6), (6, 6), (6, 6), (6, 6)]);
        // 8/10 for weeks: flat, high, points to a doctor.
        assert!(doctor(80, 80));
        // Both weeks exactly at the threshold, and just under it.
        assert!(doctor(60, 60));
        assert!(!doctor(60, 55), "this week under 6");
        assert!(!doctor(55, 60), "the week before under 6");
        // Rising counts too.
        assert!(doctor(60, 95));
        // A fall under two points is still flat; two points is clearly easing.
        assert!(doctor(80, 61));
        assert!(!doctor(80, 60));
        // Only one week rated: not two weeks running.
        let alone = weeks(&[&[], &week_at(80)]);
        assert!(!has_prefix(&evaluate(&alone, &r, today), "doctor"));
    }

    #[test]
    fn a_weekly_rise_that_stays_mild_is_not_a_reason_to_pause() {
        let r = routine(vec![exercise("a", 1)]);
        let today = date(2026, 3, 15);
        let rise = |before: &[(u8, u8)], after: &[(u8, u8)]| {
            has_prefix(&evaluate(&weeks(&[before, after]), &r, today), "pause-rise")
        };
        // 0 → 2 and 1 → 3: two points, but still mild.
        assert!(!rise(&[(0, 0); 5], &[(2, 2); 5]));
        assert!(!rise(&[(1, 1); 5], &[(3, 3); 5]));
        // 1.9 → 3.9: two points, just under the floor of 4.
        let just_under = [(2, 2), (2, 2), (2, 2), (2, 2), (2, 1)];
        let to_three_point_nine = [(4, 4), (4, 4), (4, 4), (4, 4), (4, 3)];
        assert!(!rise(&just_under, &to_three_point_nine));
        // 2 → 4: two points, reaching the floor.
        assert!(rise(&[(2, 2); 5], &[(4, 4); 5]));
    }

    #[test]
    fn one_stop_because_of_pain_is_enough_to_suggest_leaving_it_out() {
        let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
        let today = date(2026, 3, 3);
        let stopped = |id| (id, Completion::Skipped, Some(Hurt::Stopped));
        let once = log(vec![
            session(date(2026, 3, 1), &[done("a"), done("b")], None, None),
            session(date(2026, 3, 2), &[stopped("a"), done("b")], None, None),
        ]);
        let prompts = evaluate(&once, &r, today);
        assert_eq!(keys(&prompts), vec!["leave-out:a:2026-03-02-2".to_owned()]);
        assert_eq!(
            prompts[0].title,
            "You stopped \"Exercise a\" because of pain"
        );
        assert!(prompts[0].message.contains("Monday 2 March 2026"));
        // Done without pain since: the stop is no longer the latest word.
        let since = log(vec![
            session(date(2026, 3, 2), &[stopped("a"), done("b")], None, None),
            session(date(2026, 3, 3), &[done("a"), done("b")], None, None),
        ]);
        assert!(evaluate(&since, &r, today).is_empty());
        // "Hurt a little" once is still quiet (two in a row are needed).
        let a_little = log(vec![session(
            date(2026, 3, 2),
            &[hurt("a"), done("b")],
            None,
            None,
        )]);
        assert!(evaluate(&a_little, &r, today).is_empty());
    }

    #[test]
    fn pain_before_of_seven_suggests_a_gentler_session_and_six_does_not() {
        let day = date(2026, 3, 10);
        let open = |before: u8| {
            let mut s = session(day, &[], Some(before), None);
            s.ended_at = None;
            s
        };
        assert_eq!(pain_before_prompt(&open(6)), None);
        assert_eq!(pain_before_prompt(&session(day, &[], None, None)), None);
        let prompt = pain_before_prompt(&open(7)).unwrap();
        assert_eq!(prompt.kind, PromptKind::Pause);
        let text = prompt.message.to_lowercase();
        assert!(text.contains("7 out of 10"), "{text}");
        assert!(text.contains("gentler session") && text.contains("rest day"));
        assert!(text.contains("warning signs") && text.contains("doctor"));
        assert!(!text.contains("push through") && !text.contains("diagnos"));
        // Once an exercise is under way it is no longer "before starting".
        let mut started = open(9);
        started.exercises = session(day, &[done("a")], None, None).exercises;
        assert_eq!(pain_before_prompt(&started), None);
        // A record only skipped does not count as started.
        started.exercises = session(day, &[("a", Completion::Skipped, None)], None, None).exercises;
        assert!(pain_before_prompt(&started).is_some());
    }

    #[test]
    fn a_ticked_red_flag_points_to_a_doctor_and_an_empty_check_in_does_not() {
        let r = routine(vec![exercise("a", 1)]);
        let today = date(2026, 3, 10);
        let at = Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap();
        let mut flagged = SessionLog::default();
        flagged.check_ins.push(CheckIn {
            at,
            local_date: date(2026, 3, 9),
            flags: vec![RedFlag::FeverAndChills],
        });
        let prompts = evaluate(&flagged, &r, today);
        assert_eq!(keys(&prompts), vec!["doctor-flags:2026-03-09".to_owned()]);
        assert_eq!(
            prompts[0].kind,
            PromptKind::SeeDoctor {
                flags: vec![RedFlag::FeverAndChills]
            }
        );
        assert!(prompts[0].message.contains(RedFlag::FeverAndChills.label()));
        // A later check-in with nothing ticked replaces it.
        flagged.check_ins.push(CheckIn {
            at: at + chrono::Duration::days(1),
            local_date: date(2026, 3, 10),
            flags: Vec::new(),
        });
        assert!(evaluate(&flagged, &r, today).is_empty());
    }

    #[test]
    fn dismissed_prompts_stay_hidden_until_a_new_occurrence() {
        let r = routine(vec![exercise("a", 1)]);
        let today = date(2026, 3, 10);
        let mut high = log(vec![session(today, &[done("a")], Some(5), Some(8))]);
        let mut dismissals = Dismissals::default();
        let key = evaluate(&high, &r, today)[0].key.clone();
        dismissals.dismiss(&key);
        assert!(active_prompts(&high, &r, today, &dismissals).is_empty());
        let mut next = session(today, &[done("a")], Some(5), Some(9));
        next.id = crate::session::SessionId("next".to_owned());
        next.started_at += chrono::Duration::hours(6);
        high.upsert(next);
        assert_eq!(active_prompts(&high, &r, today, &dismissals).len(), 1);
    }

    #[test]
    fn doctor_prompts_come_first() {
        let r = routine(vec![exercise("a", 1)]);
        let today = date(2026, 3, 22);
        let mut log = weeks(&[&[(4, 4); 7], &[(5, 5); 7], &[(8, 8); 7]]);
        log.check_ins.push(CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 21, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 21),
            flags: vec![RedFlag::ChestShapeChange, RedFlag::FeverAndChills],
        });
        let kinds: Vec<String> = evaluate(&log, &r, today)
            .iter()
            .map(|p| p.key.split(':').next().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(
            kinds,
            vec!["doctor-flags", "doctor-rising", "pause-after", "pause-rise"]
        );
    }

    #[test]
    fn check_in_is_offered_weekly_and_can_be_put_off() {
        let today = date(2026, 3, 10);
        let mut log = SessionLog::default();
        assert!(check_in_due(&log, today, None));
        assert!(
            !check_in_due(&log, today, Some(date(2026, 3, 4))),
            "6 days ago"
        );
        assert!(
            check_in_due(&log, today, Some(date(2026, 3, 3))),
            "7 days ago"
        );
        log.check_ins.push(CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 4),
            flags: Vec::new(),
        });
        assert!(!check_in_due(&log, today, None));
        assert!(check_in_due(&log, date(2026, 3, 11), None));
    }

    #[test]
    fn messages_always_mention_a_therapist_or_doctor_and_never_pushing_through() {
        let r = routine(vec![exercise("a", 1)]);
        let mut log = weeks(&[&[(4, 4); 7], &[(5, 5); 7], &[(8, 8); 7]]);
        log.check_ins.push(CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 21, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 21),
            flags: vec![RedFlag::WorseningNumbness],
        });
        if let Some(s) = log.sessions.last_mut() {
            s.exercises[0].hurt = Some(Hurt::Stopped);
        }
        if let Some(s) = log.sessions.iter_mut().rev().nth(1) {
            s.exercises[0].hurt = Some(Hurt::ALittle);
        }
        let prompts = evaluate(&log, &r, date(2026, 3, 22));
        assert_eq!(prompts.len(), 5);
        for prompt in prompts {
            let text = prompt.message.to_lowercase();
            assert!(text.contains("doctor"), "{}", prompt.message);
            assert!(!text.contains("push through"), "{}", prompt.message);
            assert!(!text.contains("diagnos"), "{}", prompt.message);
        }
    }

    #[test]
    fn the_red_flag_prompt_points_to_a_doctor_only() {
        let r = routine(vec![exercise("a", 1)]);
        let mut flagged = SessionLog::default();
        flagged.check_ins.push(CheckIn {
            at: Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap(),
            local_date: date(2026, 3, 9),
            flags: vec![RedFlag::RiskHistory],
        });
        let prompts = evaluate(&flagged, &r, date(2026, 3, 10));
        assert_eq!(prompts.len(), 1);
        assert!(
            prompts[0]
                .message
                .contains("book an appointment with your doctor")
        );
        assert!(!prompts[0].message.contains("therapist"));
        assert!(prompts[0].message.contains("local emergency number"));
    }

    /// The saved prompt takes the title and advice of the most urgent sign ticked, whatever
    /// the order the signs were ticked in.
    #[test]
    fn the_red_flag_prompt_speaks_for_the_highest_level_ticked() {
        use crate::session::Urgency;
        let r = routine(vec![exercise("a", 1)]);
        let prompt_for = |flags: Vec<RedFlag>| {
            let mut log = SessionLog::default();
            log.check_ins.push(CheckIn {
                at: Utc.with_ymd_and_hms(2026, 3, 9, 9, 0, 0).unwrap(),
                local_date: date(2026, 3, 9),
                flags,
            });
            evaluate(&log, &r, date(2026, 3, 10)).remove(0)
        };
        let cases = [
            (vec![RedFlag::RiskHistory], Urgency::Soon),
            (vec![RedFlag::WorseAtNightOrRest], Urgency::Soon),
            (
                vec![RedFlag::RiskHistory, RedFlag::NewLimbWeaknessOrNumbness],
                Urgency::Urgent,
            ),
            (vec![RedFlag::FeverAndChills], Urgency::Urgent),
            (
                vec![
                    RedFlag::FeverAndChills,
                    RedFlag::ChestPainOrBreathlessness,
                    RedFlag::RiskHistory,
                ],
                Urgency::Emergency,
            ),
            (vec![RedFlag::BladderOrBowelTrouble], Urgency::Emergency),
        ];
        for (flags, level) in cases {
            let prompt = prompt_for(flags.clone());
            assert_eq!(prompt.title, level.title(), "{flags:?}");
            assert!(prompt.message.ends_with(level.advice()), "{flags:?}");
        }
        let emergency = prompt_for(vec![RedFlag::ChestPainOrBreathlessness]);
        assert!(emergency.message.contains("112, 911 or 999"));
    }

    #[test]
    fn four_warning_signs_come_from_clinical_guidance_and_ten_from_the_article() {
        use crate::session::FlagSource;
        assert_eq!(RedFlag::from_source(FlagSource::Article).count(), 10);
        let added: Vec<RedFlag> = RedFlag::from_source(FlagSource::ClinicalGuidance).collect();
        assert_eq!(
            added,
            vec![
                RedFlag::ChestPainOrBreathlessness,
                RedFlag::NewLimbWeaknessOrNumbness,
                RedFlag::BladderOrBowelTrouble,
                RedFlag::WorseAtNightOrRest,
            ]
        );
    }
}
