//! Progression gated by pain: when Limber offers the next harder version of an exercise, or a
//! step back to an easier one, read from the log against the rules the routine file sets
//! ([`crate::catalog::Progression`]) and the pain-monitoring model's limits
//! ([`crate::catalog::PainModel`], the same limits the safety prompts use).
//!
//! Limber only *offers*: the person accepts or declines, and each offer shown, accepted or
//! declined is a dated [`ProgressionRecord`] in the log (schema 10). Accepting also records the
//! choice of version ([`crate::versions::VersionChoice`]), in force from that day. The rules,
//! for each enabled exercise, counting only the days in the window (the last `window_days`,
//! today included):
//!
//! - **Harder** (to [`Exercise::next_version`] one step up) when the exercise was done in full
//!   on at least `days_done` days *in the version in force*; at least `rated_sessions` sessions
//!   with it in that version have a pain-after rating; every session with it in the window that
//!   has one is within the limits (pain after at most `max_after`, and at most `max_rise` above
//!   pain before); no session in the window marks it as hurting; the version has been in force for at least
//!   `settle_days`; and a harder offer of it was not declined in the last
//!   `wait_after_decline_days`.
//! - **Step back** (one step easier) when, in the version in force, it was marked as hurting
//!   on at least `step_back_hurt_marks` sessions, or pain after was above the limits on at least
//!   `step_back_over_limit` sessions with it; and a step back was not declined in the wait.
//!
//! A version marked `ask_therapist_first` is never offered: the offer is skipped, not replaced
//! by a further one. Step backs come first, then harder versions, each in routine order; at
//! most one is shown at a time ([`to_offer`]), none while a session is open, and none on a day
//! a progression offer was already answered.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::catalog::{Exercise, PainModel, ProgressionRules, Routine, Version};
use crate::clock::Moment;
use crate::figures::session_included;
use crate::log::SessionLog;
use crate::pain_entry::RecordId;
use crate::session::{Completion, Session};
use crate::versions::{VersionChoice, in_force};

/// Which way an offer goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// To the next harder version.
    Harder,
    /// To the next easier version (or back to the standard one).
    StepBack,
}

/// What a record says happened to an offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProgressionEvent {
    /// Today showed the offer (recorded the first time it is shown).
    Offered,
    /// The person took it: the version changed that day.
    Accepted,
    /// The person declined it: not offered again for the set days.
    Declined,
}

impl ProgressionEvent {
    /// The word the CSV writes.
    pub fn label(self) -> &'static str {
        match self {
            ProgressionEvent::Offered => "offered",
            ProgressionEvent::Accepted => "accepted",
            ProgressionEvent::Declined => "declined",
        }
    }
}

/// One offer shown, accepted or declined, as the log keeps it (schema 10).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgressionRecord {
    /// Unique id; importing a backup merges by it.
    pub id: RecordId,
    /// When it happened, in UTC.
    pub at: DateTime<Utc>,
    /// The local offset from UTC at the time, in seconds east.
    #[serde(deserialize_with = "crate::session::offset_secs")]
    pub utc_offset_secs: i32,
    /// The local date it happened on.
    pub local_date: NaiveDate,
    /// The exercise's catalog id.
    pub exercise_id: String,
    /// The exercise's name at the time.
    pub exercise: String,
    /// The version in force when offered.
    pub from: Version,
    /// The version offered.
    pub to: Version,
    /// The offered version's name at the time; empty for the standard version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub to_name: String,
    /// What happened.
    pub event: ProgressionEvent,
}

impl ProgressionRecord {
    /// Which way the offer went.
    pub fn direction(&self) -> Direction {
        direction(self.from, self.to)
    }

    /// The local offset it was made in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }

    fn is_of(&self, offer: &ProgressionOffer) -> bool {
        self.exercise_id == offer.exercise_id && self.from == offer.from && self.to == offer.to
    }
}

fn direction(from: Version, to: Version) -> Direction {
    if to.level() > from.level() {
        Direction::Harder
    } else {
        Direction::StepBack
    }
}

/// Why a step back is offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepBackReason {
    /// Marked as hurting on this many sessions.
    HurtMarks(u32),
    /// Pain after above the limits on this many sessions with it.
    OverLimit(u32),
}

/// An offer due today (worked out from the log, not stored until shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressionOffer {
    /// The exercise's catalog id.
    pub exercise_id: String,
    /// Its name.
    pub exercise: String,
    /// The version in force.
    pub from: Version,
    /// The version offered.
    pub to: Version,
    /// The offered version's name; empty for the standard version.
    pub to_name: String,
    /// What changes, in the routine's words (the offered variant's `change`, or, back to the
    /// standard version, the one left).
    pub change: String,
    /// The days done in the window (for a harder version).
    pub days_done: u32,
    /// The days looked back over.
    pub window_days: u32,
    /// The days a decline keeps it from being offered again.
    pub wait_days: u32,
    /// Why a step back is offered (`None` for a harder version).
    pub step_back: Option<StepBackReason>,
}

impl ProgressionOffer {
    /// Which way it goes.
    pub fn direction(&self) -> Direction {
        direction(self.from, self.to)
    }

    /// The offer's line on Today.
    pub fn title(&self) -> String {
        let version = version_words(self.to, &self.to_name);
        match self.direction() {
            Direction::Harder => format!(
                "{}: done on {} of the last {} days, with pain after within your limits. Try \
                 {version}?",
                self.exercise, self.days_done, self.window_days
            ),
            Direction::StepBack => {
                let why = match self.step_back {
                    Some(StepBackReason::OverLimit(n)) => format!(
                        "pain after above your limits after {n} {} with it",
                        plural(n, "session", "sessions")
                    ),
                    Some(StepBackReason::HurtMarks(n)) => {
                        format!("marked as hurting {n} {}", plural(n, "time", "times"))
                    }
                    None => "not going well".to_owned(),
                };
                format!(
                    "{}: {why} in the last {} days. Step back to {version} for a while?",
                    self.exercise, self.window_days
                )
            }
        }
    }

    /// The short line beside the offer: what changes (and, for a step back, that it is a
    /// normal step).
    pub fn words(&self) -> String {
        let change = if self.change.is_empty() {
            String::new()
        } else {
            format!("What changes: {}", self.change)
        };
        match self.direction() {
            Direction::Harder => change,
            Direction::StepBack => {
                format!("Stepping back for a while is normal, not a setback. {change}")
            }
        }
    }

    /// The accept button's hover text: Limber records the choice, it never switches alone.
    pub fn accept_hint(&self) -> &'static str {
        match self.direction() {
            Direction::Harder => {
                "Records the harder version from today; the card shows it. If your therapist \
                 set your versions, check with them first."
            }
            Direction::StepBack => {
                "Records the easier version from today; the card shows it. You can move on \
                 again later."
            }
        }
    }

    /// The decline button's hover text.
    pub fn decline_hint(&self) -> String {
        format!(
            "Keeps the version you do now. Limber will not offer this again for {} days.",
            self.wait_days
        )
    }

    /// The button that takes the offer.
    pub fn accept_label(&self) -> &'static str {
        match self.direction() {
            Direction::Harder => "Try it",
            Direction::StepBack => "Step back",
        }
    }

    /// The button that declines it.
    pub fn decline_label(&self) -> &'static str {
        match self.direction() {
            Direction::Harder => "Not now",
            Direction::StepBack => "Keep this version",
        }
    }

    /// The record of what happened to this offer at `now`.
    pub fn record(&self, event: ProgressionEvent, now: Moment) -> ProgressionRecord {
        ProgressionRecord {
            id: RecordId::new(now.utc),
            at: now.utc,
            utc_offset_secs: now.offset.local_minus_utc(),
            local_date: now.local_date(),
            exercise_id: self.exercise_id.clone(),
            exercise: self.exercise.clone(),
            from: self.from,
            to: self.to,
            to_name: self.to_name.clone(),
            event,
        }
    }

    /// The choice of version accepting it makes, in force from `now`'s day.
    pub fn choice(&self, now: Moment) -> VersionChoice {
        VersionChoice {
            id: RecordId::new(now.utc),
            at: now.utc,
            utc_offset_secs: now.offset.local_minus_utc(),
            local_date: now.local_date(),
            exercise_id: self.exercise_id.clone(),
            exercise: self.exercise.clone(),
            version: self.to,
            version_name: self.to_name.clone(),
        }
    }
}

fn plural(n: u32, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// "the harder version (hips up)", "the standard version".
fn version_words(version: Version, name: &str) -> String {
    let label = version.label().to_lowercase();
    if name.is_empty() {
        format!("the {label} version")
    } else {
        format!("the {label} version ({name})")
    }
}

/// The one progression offer to show on `today`, if any (see the module documentation): none
/// while a session is open or once a progression offer was answered today.
pub fn to_offer(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Option<ProgressionOffer> {
    if crate::lessons::session_open(log) || answered_on(log, today) {
        return None;
    }
    due(log, routine, today).into_iter().next()
}

/// Whether a progression offer was accepted or declined on `date`.
fn answered_on(log: &SessionLog, date: NaiveDate) -> bool {
    log.progressions()
        .iter()
        .any(|r| r.local_date == date && r.event != ProgressionEvent::Offered)
}

/// Every offer the rules make on `today`, step backs first, then harder versions, each in
/// routine order (whether a session is open is not looked at).
pub fn due(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Vec<ProgressionOffer> {
    let mut step_backs = Vec::new();
    let mut harder = Vec::new();
    for exercise in routine.enabled() {
        let rules = routine.progression_for(&exercise.id);
        let evidence = Evidence::read(log, routine, exercise, rules, today);
        if let Some(offer) = step_back_due(log, exercise, rules, &evidence, today) {
            step_backs.push(offer);
        } else if let Some(offer) = harder_due(log, exercise, rules, &evidence, today) {
            harder.push(offer);
        }
    }
    step_backs.extend(harder);
    step_backs
}

/// What the window of the log says about one exercise.
struct Evidence {
    current: Version,
    /// Days it was done in full in the version in force.
    days_done: u32,
    /// Sessions with it in the version in force and pain after rated.
    rated: u32,
    /// Of those, the ones with pain after above the limits.
    over_limit: u32,
    /// Sessions in the version in force that marked it as hurting.
    hurt_in_version: u32,
    /// Sessions in any version that marked it as hurting.
    hurt_any: u32,
    /// Sessions in any version with pain after above the limits.
    over_any: u32,
}

impl Evidence {
    fn read(
        log: &SessionLog,
        routine: &Routine,
        exercise: &Exercise,
        rules: ProgressionRules,
        today: NaiveDate,
    ) -> Evidence {
        let current = in_force(log, &exercise.id, today);
        let first = first_day(today, rules.window_days);
        let mut evidence = Evidence {
            current,
            days_done: 0,
            rated: 0,
            over_limit: 0,
            hurt_in_version: 0,
            hurt_any: 0,
            over_any: 0,
        };
        let mut done_days: Vec<NaiveDate> = Vec::new();
        // Sessions are kept in order of their start: skip those well before the window (a
        // day's slack either side for the time zones).
        let slack = first
            .checked_sub_days(chrono::Days::new(2))
            .unwrap_or(NaiveDate::MIN)
            .and_time(chrono::NaiveTime::MIN)
            .and_utc();
        let sessions = log.sessions();
        let start = sessions.partition_point(|s| s.started_at < slack);
        let in_window = sessions[start..]
            .iter()
            .filter(|s| s.is_routine() && (first..=today).contains(&s.local_date));
        for session in in_window {
            let Some(record) = session.record(&exercise.id) else {
                continue;
            };
            let hurt = record.hurt.is_some();
            let over = session_included(session, &exercise.id)
                .then(|| over_limits(session, crate::prompts::session_model(routine, session)))
                .flatten();
            evidence.hurt_any += u32::from(hurt);
            evidence.over_any += u32::from(over == Some(true));
            if record.version != current {
                continue;
            }
            evidence.hurt_in_version += u32::from(hurt);
            // A gentler session's lighter dose is not a day done toward a harder version.
            if record.completion == Completion::Done
                && !session.gentle
                && !done_days.contains(&session.local_date)
            {
                done_days.push(session.local_date);
            }
            if let Some(over) = over {
                evidence.rated += 1;
                evidence.over_limit += u32::from(over);
            }
        }
        evidence.days_done = u32::try_from(done_days.len()).unwrap_or(u32::MAX);
        evidence
    }
}

/// The first day of a window of `window_days` ending on `today`.
fn first_day(today: NaiveDate, window_days: u32) -> NaiveDate {
    today
        .checked_sub_days(chrono::Days::new(u64::from(window_days.saturating_sub(1))))
        .unwrap_or(NaiveDate::MIN)
}

/// Whether pain after the session was above the model's limits: more than `max_after`, or
/// more than `max_rise` above pain before. `None` without a pain-after rating.
pub fn over_limits(session: &Session, model: PainModel) -> Option<bool> {
    let after = session.pain_after?.value();
    let rise = session
        .pain_before
        .map_or(0, |before| i32::from(after) - i32::from(before.value()));
    Some(after > model.max_after || rise > i32::from(model.max_rise))
}

/// Days from `date` to `today`.
fn days_since(date: NaiveDate, today: NaiveDate) -> i64 {
    today.signed_duration_since(date).num_days()
}

/// Whether an offer of `exercise_id` in `direction` was declined fewer than `wait` days ago.
fn declined_lately(
    log: &SessionLog,
    exercise_id: &str,
    way: Direction,
    wait: u32,
    today: NaiveDate,
) -> bool {
    log.progressions().iter().any(|r| {
        r.event == ProgressionEvent::Declined
            && r.exercise_id == exercise_id
            && r.direction() == way
            && r.local_date <= today
            && days_since(r.local_date, today) < i64::from(wait)
    })
}

/// The offer of `to`, if the routine lists it and it is not for the therapist to agree first.
fn offer_of(exercise: &Exercise, from: Version, by: i32) -> Option<ProgressionOffer> {
    let to = exercise.next_version(from, by)?;
    let variant = exercise.variant(to);
    if variant.is_some_and(|v| v.ask_therapist_first) {
        return None;
    }
    // Back to the standard version: what changes is the leaving of the version in force.
    let change = match variant {
        Some(v) => v.change.clone(),
        None => exercise
            .variant(from)
            .map(|v| {
                format!(
                    "back to the standard version, without \u{201c}{}\u{201d}",
                    v.name
                )
            })
            .unwrap_or_default(),
    };
    Some(ProgressionOffer {
        exercise_id: exercise.id.clone(),
        exercise: exercise.name.clone(),
        from,
        to,
        to_name: variant.map(|v| v.name.clone()).unwrap_or_default(),
        change,
        days_done: 0,
        window_days: 0,
        wait_days: 0,
        step_back: None,
    })
}

fn step_back_due(
    log: &SessionLog,
    exercise: &Exercise,
    rules: ProgressionRules,
    evidence: &Evidence,
    today: NaiveDate,
) -> Option<ProgressionOffer> {
    let reason = if evidence.hurt_in_version >= rules.step_back_hurt_marks {
        StepBackReason::HurtMarks(evidence.hurt_in_version)
    } else if evidence.over_limit >= rules.step_back_over_limit {
        StepBackReason::OverLimit(evidence.over_limit)
    } else {
        return None;
    };
    let wait = rules.wait_after_decline_days;
    if declined_lately(log, &exercise.id, Direction::StepBack, wait, today) {
        return None;
    }
    let offer = offer_of(exercise, evidence.current, -1)?;
    Some(ProgressionOffer {
        window_days: rules.window_days,
        wait_days: rules.wait_after_decline_days,
        step_back: Some(reason),
        ..offer
    })
}

fn harder_due(
    log: &SessionLog,
    exercise: &Exercise,
    rules: ProgressionRules,
    evidence: &Evidence,
    today: NaiveDate,
) -> Option<ProgressionOffer> {
    let ready = evidence.days_done >= rules.days_done
        && evidence.rated >= rules.rated_sessions
        && evidence.over_any == 0
        && evidence.hurt_any == 0;
    if !ready {
        return None;
    }
    let changed_lately = log
        .version_choices()
        .iter()
        .filter(|c| c.exercise_id == exercise.id && c.local_date <= today)
        .any(|c| days_since(c.local_date, today) < i64::from(rules.settle_days));
    let wait = rules.wait_after_decline_days;
    if changed_lately || declined_lately(log, &exercise.id, Direction::Harder, wait, today) {
        return None;
    }
    let offer = offer_of(exercise, evidence.current, 1)?;
    Some(ProgressionOffer {
        days_done: evidence.days_done,
        window_days: rules.window_days,
        wait_days: rules.wait_after_decline_days,
        ..offer
    })
}

/// Whether `offer` is on the record as shown and not yet answered (showing it again writes
/// nothing).
pub fn is_shown(log: &SessionLog, offer: &ProgressionOffer) -> bool {
    let mut open = false;
    for record in log.progressions().iter().filter(|r| r.is_of(offer)) {
        open = record.event == ProgressionEvent::Offered;
    }
    open
}

/// One offer as the CSV lists it: when it was made, what, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfferLine {
    /// The local date it was offered (or answered, when the offer itself is not on record).
    pub date: NaiveDate,
    /// The exercise's name at the time.
    pub exercise: String,
    /// The version in force.
    pub from: Version,
    /// The version offered.
    pub to: Version,
    /// The offered version's name; empty for the standard version.
    pub to_name: String,
    /// The answer and its date; `None` while it waits.
    pub answer: Option<(ProgressionEvent, NaiveDate)>,
}

/// The offers made from `from` to `to`, oldest first, each with its answer (see
/// [`OfferLine`]).
pub fn offers_in(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> Vec<OfferLine> {
    let mut lines: Vec<(String, OfferLine)> = Vec::new();
    for record in log.progressions() {
        if record.event == ProgressionEvent::Offered {
            if (from..=to).contains(&record.local_date) {
                lines.push((record.exercise_id.clone(), line_of(record, None)));
            }
            continue;
        }
        let waiting = lines.iter_mut().rev().find(|(id, line)| {
            *id == record.exercise_id
                && line.from == record.from
                && line.to == record.to
                && line.answer.is_none()
        });
        let answer = Some((record.event, record.local_date));
        match waiting {
            Some((_, line)) => line.answer = answer,
            None if (from..=to).contains(&record.local_date) => {
                lines.push((record.exercise_id.clone(), line_of(record, answer)));
            }
            None => {}
        }
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

fn line_of(record: &ProgressionRecord, answer: Option<(ProgressionEvent, NaiveDate)>) -> OfferLine {
    OfferLine {
        date: record.local_date,
        exercise: record.exercise.clone(),
        from: record.from,
        to: record.to,
        to_name: record.to_name.clone(),
        answer,
    }
}

/// The brief's line: "Progressions: 2 offered, 1 accepted, 1 declined" for the offers made
/// from `from` to `to`; `None` when none was.
pub fn brief_line(log: &SessionLog, from: NaiveDate, to: NaiveDate) -> Option<String> {
    let lines = offers_in(log, from, to);
    if lines.is_empty() {
        return None;
    }
    let count = |event: ProgressionEvent| {
        lines
            .iter()
            .filter(|l| l.answer.is_some_and(|(e, _)| e == event))
            .count()
    };
    Some(format!(
        "Progressions: {} offered, {} accepted, {} declined",
        lines.len(),
        count(ProgressionEvent::Accepted),
        count(ProgressionEvent::Declined)
    ))
}

#[cfg(test)]
mod tests;
