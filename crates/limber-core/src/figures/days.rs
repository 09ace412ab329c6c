//! The log folded by local date: what each day held, adherence by dose, streaks (the
//! definitions are in the [`super`] module's docs).

use std::collections::BTreeMap;

use arcstr::ArcStr;
use chrono::{Datelike as _, Days, NaiveDate};

use crate::log::SessionLog;
use crate::session::{Completion, ExerciseRecord, Session};

use super::plan::{DayPlan, Plan};

/// Whether a routine session counts as done: at least one exercise done in full or in part.
/// A desk break is not a session: it counts toward the day's doses only (see
/// [`summarise_days`]).
pub fn session_done(session: &Session) -> bool {
    session.is_routine() && session.exercises.iter().any(record_counts)
}

/// Whether a routine session is complete: it has exercises and every one was done in full.
pub fn session_complete(session: &Session) -> bool {
    session.is_routine()
        && !session.exercises.is_empty()
        && session
            .exercises
            .iter()
            .all(|r| r.completion == Completion::Done)
}

/// Whether an exercise record counts as done (in full or in part).
pub(super) fn record_counts(record: &ExerciseRecord) -> bool {
    matches!(
        record.completion,
        Completion::Done | Completion::Partial { .. }
    )
}

/// Whether a session "included" an exercise: it was done in full or in part, or it was marked
/// as hurting (someone who stopped because of pain still tried it).
pub fn session_included(session: &Session, exercise_id: &str) -> bool {
    session
        .record(exercise_id)
        .is_some_and(|r| record_counts(r) || r.hurt.is_some())
}

/// What one calendar day looked like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayStatus {
    /// Every planned dose done in full.
    Full,
    /// Some of the routine was done.
    Partial,
    /// A rest day was logged and nothing was done.
    RestDay,
    /// Nothing logged.
    Nothing,
}

impl DayStatus {
    /// Plain words for the status, used in labels and tooltips.
    pub fn label(self) -> &'static str {
        match self {
            DayStatus::Full => "full routine",
            DayStatus::Partial => "part of the routine",
            DayStatus::RestDay => "rest day",
            DayStatus::Nothing => "nothing logged",
        }
    }
}

/// How often one exercise was done on one day.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ExerciseDay {
    id: ArcStr,
    /// Sessions in which it was done in full.
    full: u32,
    /// Sessions in which it was done in part.
    part: u32,
}

/// What the log holds for one local date.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct DaySummary {
    /// Whether a routine session with something done was logged.
    any_done: bool,
    /// Each exercise done (in full or in part) that day.
    exercises: Vec<ExerciseDay>,
    /// Whether a rest day was logged.
    rest: bool,
    /// Sum and count of the pain ratings given.
    pub(super) pain_sum: u32,
    pub(super) pain_count: u32,
    /// Sum and count of the pain-before ratings of the day's sessions.
    pub(super) before: (u32, u32),
    /// Sum and count of the pain-after ratings of the day's sessions.
    pub(super) after: (u32, u32),
}

/// Doses done of one day's plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct DayDoses {
    pub(super) full: u32,
    pub(super) partly: u32,
    pub(super) planned: u32,
}

impl DaySummary {
    fn count(&mut self, record: &ExerciseRecord) {
        let (full, part) = match record.completion {
            Completion::Done => (1, 0),
            Completion::Partial { .. } => (0, 1),
            Completion::Skipped => return,
        };
        if let Some(day) = self
            .exercises
            .iter_mut()
            .find(|e| e.id == record.exercise_id)
        {
            day.full += full;
            day.part += part;
        } else {
            self.exercises.push(ExerciseDay {
                id: record.exercise_id.clone(),
                full,
                part,
            });
        }
    }

    /// Doses of one planned exercise: full ones first, at most `times_per_day` in all.
    pub(super) fn exercise_doses(&self, id: &str, times_per_day: u32) -> (u32, u32) {
        let (full, part) = self
            .exercises
            .iter()
            .find(|e| &*e.id == id)
            .map_or((0, 0), |e| (e.full, e.part));
        let full = full.min(times_per_day);
        (full, part.min(times_per_day - full))
    }

    /// Goes of one exercise done that day, in full or in part, sessions and desk breaks alike
    /// (not capped at the plan).
    pub(super) fn goes(&self, id: &str) -> u32 {
        self.exercises
            .iter()
            .find(|e| &*e.id == id)
            .map_or(0, |e| e.full + e.part)
    }

    fn doses(&self, plan: &DayPlan) -> DayDoses {
        let mut doses = DayDoses::default();
        if !self.plans_doses() {
            return doses;
        }
        for exercise in &plan.exercises {
            let (full, partly) = self.exercise_doses(&exercise.id, exercise.times_per_day);
            doses.full += full;
            doses.partly += partly;
            doses.planned += exercise.times_per_day;
        }
        doses
    }

    fn status(&self, plan: &DayPlan) -> DayStatus {
        if self.any_done {
            let every_exercise = plan
                .exercises
                .iter()
                .all(|e| self.exercise_doses(&e.id, e.times_per_day).0 > 0);
            if !plan.exercises.is_empty() && every_exercise {
                DayStatus::Full
            } else {
                DayStatus::Partial
            }
        } else if self.rest {
            DayStatus::RestDay
        } else {
            DayStatus::Nothing
        }
    }

    /// Goes done beyond the day's plan: each go of an exercise past its times a day, and every
    /// go of an exercise the plan does not hold. The calendar shows them as a bonus; adherence
    /// never counts them.
    fn extra_doses(&self, plan: &DayPlan) -> u32 {
        self.exercises
            .iter()
            .map(|done| {
                let planned = plan
                    .exercises
                    .iter()
                    .find(|p| p.id == done.id)
                    .map_or(0, |p| p.times_per_day);
                (done.full + done.part).saturating_sub(planned)
            })
            .sum()
    }

    /// Whether the day plans doses: every day does, except a rest day with nothing done.
    pub(super) fn plans_doses(&self) -> bool {
        self.any_done || !self.rest
    }
}

/// The log folded by local date.
pub(crate) type DayMap = BTreeMap<NaiveDate, DaySummary>;

/// The log folded by local date.
pub(crate) fn summarise_days(log: &SessionLog) -> DayMap {
    let mut days: DayMap = BTreeMap::new();
    for session in log.sessions() {
        let day = days.entry(session.local_date).or_default();
        if session.is_rest_day() {
            day.rest = true;
        } else {
            for record in &session.exercises {
                day.count(record);
            }
        }
        // A desk break with something done makes the day one with something done: its doses
        // count toward the plan like a session's.
        if session_done(session)
            || (session.is_break() && session.exercises.iter().any(record_counts))
        {
            day.any_done = true;
        }
        for (score, sums) in [
            (session.pain_before, &mut day.before),
            (session.pain_after, &mut day.after),
        ] {
            if let Some(score) = score.filter(|_| session.is_routine()) {
                sums.0 += u32::from(score.value());
                sums.1 += 1;
            }
        }
        for score in [session.pain_before, session.pain_after]
            .into_iter()
            .flatten()
        {
            day.pain_sum += u32::from(score.value());
            day.pain_count += 1;
        }
    }
    days
}

/// The first local date in the log, if any.
pub fn first_date(log: &SessionLog) -> Option<NaiveDate> {
    log.sessions().iter().map(|s| s.local_date).min()
}

/// A count as a float (counts of days or sessions are far below `u32::MAX`).
pub fn count_f64(count: usize) -> f64 {
    f64::from(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Every date from `from` to `to`, both included (empty when `from > to`).
pub(super) fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

pub(super) fn days_before(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_sub_days(Days::new(days))
        .unwrap_or(NaiveDate::MIN)
}

/// The status of every date from `from` to `to`, both included, in date order.
pub fn day_statuses(
    log: &SessionLog,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, DayStatus)> {
    day_statuses_in(&summarise_days(log), plan, from, to)
}

/// The goes done beyond the plan on each date from `from` to `to` that had any, in date order
/// (see [`DaySummary::extra_doses`]).
pub(super) fn extra_doses_in(
    days: &DayMap,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, u32)> {
    days.range(from..=to)
        .map(|(date, day)| (*date, day.extra_doses(plan.on(*date))))
        .filter(|(_, extra)| *extra > 0)
        .collect()
}

/// [`day_statuses`] from the log already folded by date.
pub(super) fn day_statuses_in(
    days: &DayMap,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, DayStatus)> {
    dates(from, to)
        .map(|date| {
            let status = days
                .get(&date)
                .map_or(DayStatus::Nothing, |d| d.status(plan.on(date)));
            (date, status)
        })
        .collect()
}

/// Doses done against doses planned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Adherence {
    /// Doses done in full or in part (at most the planned number of each exercise each day).
    pub done: u32,
    /// Of those, the doses done only in part.
    pub partly: u32,
    /// Doses planned.
    pub planned: u32,
}

impl Adherence {
    /// Done ÷ planned as a whole percentage, rounded half up (12.5 % reads 13 %), or `None`
    /// when nothing was planned. The one rounding of adherence: every screen and export
    /// prints this number.
    pub fn percent(self) -> Option<u32> {
        let (done, planned) = (u64::from(self.done), u64::from(self.planned));
        (planned > 0).then(|| {
            let rounded = (done * 200 + planned) / (2 * planned);
            u32::try_from(rounded).unwrap_or(u32::MAX)
        })
    }

    /// Done ÷ planned as a fraction from 0 to 1, for drawing a bar; `None` when nothing was
    /// planned.
    pub fn fraction(self) -> Option<f64> {
        (self.planned > 0).then(|| f64::from(self.done) / f64::from(self.planned))
    }

    /// "85% (77 of 91 doses)", or "nothing planned" when nothing was planned.
    pub fn describe(self) -> String {
        match self.percent() {
            Some(pct) => format!("{pct}% ({} of {} doses)", self.done, self.planned),
            None => "nothing planned".to_owned(),
        }
    }

    pub(super) fn add(&mut self, doses: DayDoses) {
        self.done += doses.full + doses.partly;
        self.partly += doses.partly;
        self.planned += doses.planned;
    }
}

/// Adherence over the dates `from` to `to`, both included (see the module docs).
pub fn adherence(log: &SessionLog, plan: &Plan, from: NaiveDate, to: NaiveDate) -> Adherence {
    let days = summarise_days(log);
    adherence_from_days(&days, plan, from, to)
}

/// The days from `from` to `to` that can plan doses: none before the log's first entry.
pub(super) fn planning_dates(
    days: &DayMap,
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = NaiveDate> {
    let first = days.keys().next().copied().unwrap_or(NaiveDate::MAX);
    dates(from.max(first), to)
}

pub(super) fn adherence_from_days(
    days: &DayMap,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Adherence {
    let nothing = DaySummary::default();
    let mut result = Adherence::default();
    for date in planning_dates(days, from, to) {
        let day = days.get(&date).unwrap_or(&nothing);
        result.add(day.doses(plan.on(date)));
    }
    result
}

/// Full days (every exercise of the plan done in full at least once) among the days that
/// planned doses: shown beside adherence by dose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FullDays {
    /// Full days.
    pub full: u32,
    /// Days that planned doses (rest days with nothing done and days before the log plan none).
    pub days: u32,
}

pub(super) fn full_days_in(days: &DayMap, plan: &Plan, from: NaiveDate, to: NaiveDate) -> FullDays {
    let nothing = DaySummary::default();
    let mut result = FullDays::default();
    for date in planning_dates(days, from, to) {
        let day = days.get(&date).unwrap_or(&nothing);
        if day.plans_doses() && plan.on(date).doses() > 0 {
            result.days += 1;
            if day.status(plan.on(date)) == DayStatus::Full {
                result.full += 1;
            }
        }
    }
    result
}

/// Adherence in one week (Monday to Sunday).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeekAdherence {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// Doses done and planned in that week, up to today.
    pub adherence: Adherence,
}

/// The Monday of the week holding `date`.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    days_before(date, u64::from(date.weekday().num_days_from_monday()))
}

/// Adherence for each of the last `weeks` weeks, the current one included and counted up to
/// `today`, oldest first. Weeks wholly before the first entry of the log are left out.
pub fn weekly_adherence(
    log: &SessionLog,
    plan: &Plan,
    weeks: u32,
    today: NaiveDate,
) -> Vec<WeekAdherence> {
    weekly_adherence_in(&summarise_days(log), plan, weeks, today)
}

/// [`weekly_adherence`] from the log already folded by date.
pub(super) fn weekly_adherence_in(
    days: &DayMap,
    plan: &Plan,
    weeks: u32,
    today: NaiveDate,
) -> Vec<WeekAdherence> {
    let Some(first) = days.keys().next().copied() else {
        return Vec::new();
    };
    let this_week = week_start(today);
    (0..weeks)
        .rev()
        .map(|back| days_before(this_week, 7 * u64::from(back)))
        .filter(|start| *start >= week_start(first))
        .map(|start| {
            let end = (start + Days::new(6)).min(today);
            WeekAdherence {
                week_start: start,
                adherence: adherence_from_days(days, plan, start, end),
            }
        })
        .collect()
}

/// The current streak in days (see the module docs).
pub fn current_streak(log: &SessionLog, plan: &Plan, today: NaiveDate) -> u32 {
    current_streak_in(&summarise_days(log), plan, today)
}

/// [`current_streak`] from the log already folded by date.
pub(super) fn current_streak_in(days: &DayMap, plan: &Plan, today: NaiveDate) -> u32 {
    let Some(first) = days.keys().next().copied() else {
        return 0;
    };
    let status = |date: NaiveDate| {
        days.get(&date)
            .map_or(DayStatus::Nothing, |d| d.status(plan.on(date)))
    };
    let mut date = if status(today) == DayStatus::Nothing {
        days_before(today, 1)
    } else {
        today
    };
    let mut streak = 0;
    while date >= first {
        match status(date) {
            DayStatus::Full | DayStatus::Partial => streak += 1,
            DayStatus::RestDay => {}
            DayStatus::Nothing => break,
        }
        date = days_before(date, 1);
    }
    streak
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::Routine;
    use crate::catalog::{Category, Dose, Exercise};
    use crate::figures::*;
    use crate::session::{Hurt, PainScore, RestReason, SessionId, SessionKind};
    use chrono::{FixedOffset, TimeZone as _, Utc};

    pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub(crate) fn exercise(id: &str, times_per_day: u32) -> Exercise {
        let dose = Dose {
            sets: 1,
            reps: 1,
            hold_secs: 10,
            rest_secs: 0,
            per_side: false,
            times_per_day,
        };
        Exercise::new(id, &format!("Exercise {id}"), Category::Mobility, dose)
    }

    pub(crate) fn routine(exercises: Vec<Exercise>) -> Routine {
        Routine {
            version: 1,
            pain_model: crate::catalog::PainModel::default(),
            progression: crate::catalog::Progression::default(),
            break_routine: crate::catalog::BreakRoutine::default(),
            name: "Test".to_owned(),
            exercises,
        }
    }

    /// A routine session at 09:00 UTC on `day`, with the given completions for exercises a, b.
    pub(crate) fn session(
        day: NaiveDate,
        records: &[(&str, Completion, Option<Hurt>)],
        before: Option<u8>,
        after: Option<u8>,
    ) -> Session {
        let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap());
        let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), 1);
        s.id = SessionId(format!("{day}-{}", records.len()));
        s.ended_at = Some(at);
        s.exercises = records
            .iter()
            .map(|(id, completion, hurt)| ExerciseRecord {
                exercise_id: (*id).into(),
                name: format!("Exercise {id}").into(),
                completion: *completion,
                holds_done: 0,
                hurt: *hurt,
                ..ExerciseRecord::default()
            })
            .collect();
        s.pain_before = before.and_then(PainScore::new);
        s.pain_after = after.and_then(PainScore::new);
        s
    }

    pub(crate) fn rest(day: NaiveDate) -> Session {
        let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap());
        let mut s = Session::rest_day(at, FixedOffset::east_opt(0).unwrap(), RestReason::FlareUp);
        s.id = SessionId(format!("{day}-rest"));
        s
    }

    pub(crate) fn log(sessions: Vec<Session>) -> SessionLog {
        let mut log = SessionLog::default();
        for s in sessions {
            log.upsert(s);
        }
        log
    }

    fn done(id: &str) -> (&str, Completion, Option<Hurt>) {
        (id, Completion::Done, None)
    }

    fn skipped(id: &str) -> (&str, Completion, Option<Hurt>) {
        (id, Completion::Skipped, None)
    }

    #[test]
    fn empty_log_has_no_figures() {
        let log = SessionLog::default();
        let r = routine(vec![exercise("a", 1)]);
        let today = date(2026, 3, 10);
        assert!(daily_pain(&log).is_empty());
        assert_eq!(rolling_average_on(&[], today), None);
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), today).percent(),
            None
        );
        assert!(weekly_adherence(&log, &Plan::from(&r), 4, today).is_empty());
        assert_eq!(current_streak(&log, &Plan::from(&r), today), 0);
        assert!(weekly_pain(&log).is_empty());
        let days = day_statuses(&log, &Plan::from(&r), date(2026, 3, 9), today);
        assert_eq!(
            days,
            vec![
                (date(2026, 3, 9), DayStatus::Nothing),
                (today, DayStatus::Nothing)
            ]
        );
        let stats = exercise_stats(&log, &Plan::from(&r), date(2026, 3, 1), today);
        assert_eq!(stats.len(), 1);
        assert_eq!(stats[0].sessions_included, 0);
        assert_eq!(stats[0].average_pain_change, None);
    }

    #[test]
    fn pain_entries_count_in_daily_pain_on_their_own_days_too() {
        use crate::pain_entry::PainEntry;
        let today = date(2026, 3, 10);
        let mut log = log(vec![session(today, &[done("a")], Some(6), Some(4))]);
        let at = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(20, 0, 0).unwrap());
        let utc = FixedOffset::east_opt(0).unwrap();
        let pain = |v| PainScore::new(v).unwrap();
        log.add_pain_entry(PainEntry::new(at(today), utc, pain(8), vec![], ""));
        log.add_pain_entry(PainEntry::new(
            at(date(2026, 3, 9)),
            utc,
            pain(3),
            vec![],
            "",
        ));
        assert_eq!(
            daily_pain(&log),
            vec![(date(2026, 3, 9), 3.0), (today, 6.0)]
        );
    }

    #[test]
    fn single_session_counts_once() {
        let today = date(2026, 3, 10);
        let log = log(vec![session(today, &[done("a")], Some(6), Some(4))]);
        let r = routine(vec![exercise("a", 1)]);
        assert_eq!(daily_pain(&log), vec![(today, 5.0)]);
        assert_eq!(rolling_average_on(&daily_pain(&log), today), Some(5.0));
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), today),
            doses(1, 1)
        );
        assert_eq!(current_streak(&log, &Plan::from(&r), today), 1);
        let stats = exercise_stats(&log, &Plan::from(&r), today, today);
        assert_eq!(stats[0].average_pain_change, Some(-2.0));
        assert_eq!(stats[0].adherence, doses(1, 1));
    }

    #[test]
    fn rolling_average_spans_seven_days_and_skips_unrated_days() {
        let log = log(vec![
            session(date(2026, 3, 1), &[done("a")], Some(8), Some(8)),
            session(date(2026, 3, 3), &[done("a")], Some(4), Some(4)),
            session(date(2026, 3, 8), &[done("a")], Some(6), None),
        ]);
        let daily = daily_pain(&log);
        // 1–7 March: 8 and 4.
        assert_eq!(rolling_average_on(&daily, date(2026, 3, 7)), Some(6.0));
        // 2–8 March: 4 and 6; the 1st has left the window.
        assert_eq!(rolling_average_on(&daily, date(2026, 3, 8)), Some(5.0));
        // 10–16 March: nothing rated.
        assert_eq!(rolling_average_on(&daily, date(2026, 3, 16)), None);
        let series = rolling_average(&daily, date(2026, 2, 28), date(2026, 3, 1));
        assert_eq!(
            series,
            vec![(date(2026, 2, 28), None), (date(2026, 3, 1), Some(8.0))]
        );
    }

    #[test]
    fn gaps_break_the_streak_and_lower_adherence() {
        let r = routine(vec![exercise("a", 1)]);
        let log = log(vec![
            session(date(2026, 3, 1), &[done("a")], None, None),
            session(date(2026, 3, 2), &[done("a")], None, None),
            // 3 March: nothing.
            session(date(2026, 3, 4), &[done("a")], None, None),
            session(date(2026, 3, 5), &[done("a")], None, None),
        ]);
        let today = date(2026, 3, 5);
        assert_eq!(current_streak(&log, &Plan::from(&r), today), 2);
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 2, 1), today),
            doses(4, 5),
            "days before the first entry plan nothing"
        );
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), today).percent(),
            Some(80)
        );
    }

    #[test]
    fn rest_days_neither_break_nor_add_to_the_streak() {
        let r = routine(vec![exercise("a", 1)]);
        let log = log(vec![
            session(date(2026, 3, 1), &[done("a")], None, None),
            rest(date(2026, 3, 2)),
            rest(date(2026, 3, 3)),
            session(date(2026, 3, 4), &[done("a")], None, None),
        ]);
        assert_eq!(current_streak(&log, &Plan::from(&r), date(2026, 3, 4)), 2);
        // Today (5 March) not done yet: the streak still stands.
        assert_eq!(current_streak(&log, &Plan::from(&r), date(2026, 3, 5)), 2);
        // A whole day without anything breaks it.
        assert_eq!(current_streak(&log, &Plan::from(&r), date(2026, 3, 6)), 0);
        // Rest days plan nothing.
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), date(2026, 3, 4)),
            doses(2, 2)
        );
        let statuses = day_statuses(&log, &Plan::from(&r), date(2026, 3, 2), date(2026, 3, 2));
        assert_eq!(statuses[0].1, DayStatus::RestDay);
    }

    #[test]
    fn a_session_on_a_rest_day_counts_as_done() {
        let r = routine(vec![exercise("a", 1)]);
        let log = log(vec![
            rest(date(2026, 3, 1)),
            session(date(2026, 3, 1), &[done("a")], None, None),
        ]);
        let statuses = day_statuses(&log, &Plan::from(&r), date(2026, 3, 1), date(2026, 3, 1));
        assert_eq!(statuses[0].1, DayStatus::Full);
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), date(2026, 3, 1)),
            doses(1, 1)
        );
    }

    /// Doses done (in full or in part) of doses planned, none partly done.
    fn doses(done: u32, planned: u32) -> Adherence {
        Adherence {
            done,
            partly: 0,
            planned,
        }
    }

    /// A session on `day` with its own id, so several can share a day.
    fn nth_session(
        day: NaiveDate,
        n: u32,
        records: &[(&str, Completion, Option<Hurt>)],
    ) -> Session {
        let mut s = session(day, records, None, None);
        s.id = SessionId(format!("{day}-n{n}"));
        s.started_at += chrono::Duration::hours(i64::from(n));
        s
    }

    fn statuses(log: &SessionLog, plan: &Plan, from: NaiveDate, to: NaiveDate) -> Vec<DayStatus> {
        day_statuses(log, plan, from, to)
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    }

    const PARTIAL: Completion = Completion::Partial {
        sets_done: 1,
        reps_done: 1,
    };

    #[test]
    fn day_status_full_needs_every_exercise_done_in_full_once() {
        let r = routine(vec![exercise("a", 2), exercise("b", 1)]);
        let plan = Plan::from(&r);
        assert_eq!(planned_doses_per_day(&plan), 3);
        let log = log(vec![
            // 1 March: a twice and b once: full.
            nth_session(date(2026, 3, 1), 0, &[done("a"), done("b")]),
            nth_session(date(2026, 3, 1), 1, &[done("a")]),
            // 2 March: one of the two doses of a, and b: every exercise once, full.
            nth_session(date(2026, 3, 2), 0, &[done("a"), done("b")]),
            // 3 March: a partly done: partial.
            nth_session(date(2026, 3, 3), 0, &[("a", PARTIAL, None), skipped("b")]),
            // 4 March: everything skipped: not done.
            nth_session(date(2026, 3, 4), 0, &[skipped("a"), skipped("b")]),
        ]);
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 4)),
            vec![
                DayStatus::Full,
                DayStatus::Full,
                DayStatus::Partial,
                DayStatus::Nothing
            ]
        );
        // 3 doses planned a day over 4 days; done 3 + 2 + 1 (partly) + 0.
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 4)),
            Adherence {
                done: 6,
                partly: 1,
                planned: 12
            }
        );
    }

    #[test]
    fn goes_beyond_the_plan_are_a_bonus_that_adherence_does_not_count() {
        let plan = Plan::from(&routine(vec![exercise("a", 1), exercise("b", 2)]));
        let mut sessions: Vec<Session> = (0..3)
            .map(|n| nth_session(date(2026, 3, 1), n, &[done("a"), done("b")]))
            .collect();
        // An exercise the routine does not hold counts as extra too.
        sessions.push(nth_session(date(2026, 3, 2), 0, &[done("a"), done("z")]));
        sessions.push(nth_session(date(2026, 3, 3), 0, &[done("a")]));
        let log = log(sessions);
        let days = summarise_days(&log);
        // 1 March: a 3 times (1 planned), b 3 times (2 planned): 2 + 1 extra.
        assert_eq!(
            extra_doses_in(&days, &plan, date(2026, 3, 1), date(2026, 3, 3)),
            vec![(date(2026, 3, 1), 3), (date(2026, 3, 2), 1)]
        );
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 1)),
            doses(3, 3)
        );
    }

    #[test]
    fn three_a_day_done_once_twice_and_four_times() {
        let plan = Plan::from(&routine(vec![exercise("a", 3)]));
        let mut sessions = vec![nth_session(date(2026, 3, 1), 0, &[done("a")])];
        sessions.extend((0..2).map(|n| nth_session(date(2026, 3, 2), n, &[done("a")])));
        sessions.extend((0..4).map(|n| nth_session(date(2026, 3, 3), n, &[done("a")])));
        let log = log(sessions);
        assert_eq!(log.sessions().len(), 7);
        let day = |d| adherence(&log, &plan, date(2026, 3, d), date(2026, 3, d));
        assert_eq!(day(1), doses(1, 3), "once");
        assert_eq!(day(2), doses(2, 3), "twice");
        assert_eq!(day(3), doses(3, 3), "four times counts three");
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 3)),
            doses(6, 9)
        );
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 3)),
            vec![DayStatus::Full, DayStatus::Full, DayStatus::Full]
        );
        let stats = exercise_stats(&log, &plan, date(2026, 3, 1), date(2026, 3, 3));
        assert_eq!(stats[0].adherence, doses(6, 9));
        assert_eq!(stats[0].sessions_included, 7);
    }

    #[test]
    fn a_partly_done_dose_counts_but_does_not_make_a_full_day() {
        let plan = Plan::from(&routine(vec![exercise("a", 1), exercise("b", 1)]));
        let log = log(vec![
            // 1 March: a partly, b in full.
            nth_session(date(2026, 3, 1), 0, &[("a", PARTIAL, None), done("b")]),
            // 2 March: a partly, then in full later: the full dose wins.
            nth_session(date(2026, 3, 2), 0, &[("a", PARTIAL, None), done("b")]),
            nth_session(date(2026, 3, 2), 1, &[done("a")]),
        ]);
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 1)),
            Adherence {
                done: 2,
                partly: 1,
                planned: 2
            }
        );
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 2), date(2026, 3, 2)),
            doses(2, 2)
        );
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 2)),
            vec![DayStatus::Partial, DayStatus::Full]
        );
    }

    #[test]
    fn a_rest_day_plans_no_doses() {
        let plan = Plan::from(&routine(vec![exercise("a", 3), exercise("b", 1)]));
        let log = log(vec![
            nth_session(date(2026, 3, 1), 0, &[done("a"), done("b")]),
            rest(date(2026, 3, 2)),
            // 3 March: nothing at all, which plans the full four doses.
        ]);
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 2), date(2026, 3, 2)),
            doses(0, 0)
        );
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 3)),
            doses(2, 8)
        );
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 3)),
            vec![DayStatus::Full, DayStatus::RestDay, DayStatus::Nothing]
        );
    }

    #[test]
    fn an_exercise_switched_off_mid_period_is_planned_only_before() {
        let before = routine(vec![exercise("a", 1), exercise("b", 1)]);
        let mut after = before.clone();
        after.version = 2;
        after.exercises[1].enabled = false;
        let mut sessions = Vec::new();
        for d in 1..=4 {
            let mut s = nth_session(date(2026, 3, d), 0, &[done("a"), done("b")]);
            s.routine_version = if d < 3 { 1 } else { 2 };
            sessions.push(s);
        }
        let log = log(sessions);
        let plan = Plan::from(&before).changed_on(date(2026, 3, 3), &after);
        assert_eq!(Plan::from_versions(&log, &after, &[&before]), plan);
        // 1–2 March: a and b, 2 doses a day; 3–4 March: a only. b done on 3–4 March counts
        // for nothing, and those days are full.
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 4)),
            doses(6, 6)
        );
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 3), date(2026, 3, 4)),
            vec![DayStatus::Full, DayStatus::Full]
        );
        let stats = exercise_stats(&log, &plan, date(2026, 3, 1), date(2026, 3, 4));
        let ids: Vec<(&str, bool)> = stats
            .iter()
            .map(|s| (s.exercise_id.as_str(), s.in_routine))
            .collect();
        assert_eq!(ids, vec![("a", true), ("b", false)]);
        assert_eq!(stats[0].adherence, doses(4, 4));
        assert_eq!(stats[1].adherence, doses(2, 2), "planned only while on");
        assert_eq!(stats[1].sessions_included, 4);
        // With only the current routine known, b is never planned.
        assert_eq!(
            adherence(
                &log,
                &Plan::from(&after),
                date(2026, 3, 1),
                date(2026, 3, 4)
            ),
            doses(4, 4)
        );
    }

    #[test]
    fn a_routine_version_change_mid_period_changes_the_doses_planned() {
        let before = routine(vec![exercise("a", 3)]);
        let mut after = routine(vec![exercise("a", 1)]);
        after.version = 2;
        let mut sessions = Vec::new();
        for d in 1..=4 {
            let mut s = nth_session(date(2026, 3, d), 0, &[done("a")]);
            s.routine_version = if d < 3 { 1 } else { 2 };
            sessions.push(s);
        }
        let log = log(sessions);
        let plan = Plan::from_versions(&log, &after, &[&before]);
        assert_eq!(plan.on(date(2026, 3, 2)).doses(), 3);
        assert_eq!(plan.on(date(2026, 3, 3)).doses(), 1);
        // 1/3 + 1/3 + 1/1 + 1/1.
        assert_eq!(
            adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 4)),
            doses(4, 8)
        );
        assert_eq!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 4)),
            vec![
                DayStatus::Full,
                DayStatus::Full,
                DayStatus::Full,
                DayStatus::Full
            ]
        );
        // The week of Monday 2 March: 1/3 + 1/1 + 1/1.
        let weeks = weekly_adherence(&log, &plan, 1, date(2026, 3, 4));
        assert_eq!(weeks[0].adherence, doses(3, 5));
    }

    #[test]
    fn a_routine_no_session_followed_yet_starts_the_day_after_the_last_session() {
        let before = routine(vec![exercise("a", 1)]);
        let mut after = routine(vec![exercise("a", 2)]);
        after.version = 2;
        let log = log(vec![nth_session(date(2026, 3, 1), 0, &[done("a")])]);
        let plan = Plan::from_versions(&log, &after, &[&before]);
        assert_eq!(plan.on(date(2026, 3, 1)).doses(), 1);
        assert_eq!(plan.on(date(2026, 3, 2)).doses(), 2);
        // No earlier routine known: the current one throughout.
        assert_eq!(Plan::from_versions(&log, &after, &[]), Plan::from(&after));
        // An earlier routine with a higher version than the current one is ignored.
        let mut odd = before.clone();
        odd.version = 9;
        assert_eq!(
            Plan::from_versions(&log, &after, &[&odd]),
            Plan::from(&after)
        );
    }

    #[test]
    fn built_in_routine_done_once_a_day_with_shrugs_once_reads_85_percent() {
        let r = Routine::built_in().unwrap();
        let plan = Plan::from(&r);
        assert_eq!(planned_doses_per_day(&plan), 13);
        let records: Vec<(&str, Completion, Option<Hurt>)> =
            r.enabled().map(|e| done(e.id.as_str())).collect();
        let log = log((1..=7)
            .map(|d| nth_session(date(2026, 3, d), 0, &records))
            .collect());
        let a = adherence(&log, &plan, date(2026, 3, 1), date(2026, 3, 7));
        assert_eq!(a, doses(77, 91));
        assert_eq!(a.percent(), Some(85));
        // Every day is a full day: each exercise was done at least once (issue 28: the shrugs
        // planned three times made a calendar of half squares); adherence still counts the
        // two shrug doses missed each day.
        assert!(
            statuses(&log, &plan, date(2026, 3, 1), date(2026, 3, 7))
                .iter()
                .all(|s| *s == DayStatus::Full)
        );
        let days = full_days_in(
            &summarise_days(&log),
            &plan,
            date(2026, 3, 1),
            date(2026, 3, 7),
        );
        assert_eq!(days, FullDays { full: 7, days: 7 });
    }

    /// Issue 27: 12.5 % read 12 % on Progress (`{:.0}` rounds half to even) and 13 % in the
    /// PDF; there is now one rounding, half up, and every reader prints it.
    #[test]
    fn adherence_rounds_half_up_once() {
        let eighth = Adherence {
            done: 1,
            partly: 0,
            planned: 8,
        };
        assert_eq!(eighth.percent(), Some(13));
        assert_eq!(eighth.describe(), "13% (1 of 8 doses)");
        let cases = [
            (1, 200, 1),
            (1, 400, 0),
            (5, 8, 63),
            (7, 8, 88),
            (0, 3, 0),
            (3, 3, 100),
        ];
        for (done, planned, percent) in cases {
            let a = Adherence {
                done,
                partly: 0,
                planned,
            };
            assert_eq!(a.percent(), Some(percent), "{done} of {planned}");
        }
        assert_eq!(Adherence::default().percent(), None);
    }

    #[test]
    fn extra_sessions_do_not_push_adherence_over_the_plan() {
        let r = routine(vec![exercise("a", 1)]);
        let log = log(["x", "y", "z"]
            .into_iter()
            .map(|id| {
                let mut s = session(date(2026, 3, 1), &[done("a")], None, None);
                s.id = SessionId(id.to_owned());
                s
            })
            .collect());
        assert_eq!(log.sessions().len(), 3);
        assert_eq!(
            adherence(&log, &Plan::from(&r), date(2026, 3, 1), date(2026, 3, 2)),
            doses(1, 2)
        );
    }

    #[test]
    fn daylight_saving_day_uses_the_local_date() {
        // Europe/Paris springs forward on 29 March 2026. A session at 00:30 local time (CET,
        // +01:00) is 23:30 UTC on the 28th, and must count for the 29th.
        let r = routine(vec![exercise("a", 1)]);
        let paris_winter = FixedOffset::east_opt(3600).unwrap();
        let paris_summer = FixedOffset::east_opt(7200).unwrap();
        let mut early = Session::start(
            Utc.with_ymd_and_hms(2026, 3, 28, 23, 30, 0).unwrap(),
            paris_winter,
            1,
        );
        early.id = SessionId("early".to_owned());
        early.exercises = vec![ExerciseRecord {
            exercise_id: "a".into(),
            completion: Completion::Done,
            ..ExerciseRecord::default()
        }];
        early.pain_before = PainScore::new(4);
        // Late that evening, 23:30 CEST, is still the 29th.
        let mut late = Session::start(
            Utc.with_ymd_and_hms(2026, 3, 29, 21, 30, 0).unwrap(),
            paris_summer,
            1,
        );
        late.id = SessionId("late".to_owned());
        late.exercises = early.exercises.clone();
        late.pain_before = PainScore::new(6);
        assert_eq!(early.local_date, date(2026, 3, 29));
        assert_eq!(late.local_date, date(2026, 3, 29));
        let log = log(vec![early, late]);
        assert_eq!(daily_pain(&log), vec![(date(2026, 3, 29), 5.0)]);
        let statuses = day_statuses(&log, &Plan::from(&r), date(2026, 3, 28), date(2026, 3, 29));
        assert_eq!(statuses[0].1, DayStatus::Nothing);
        assert_eq!(statuses[1].1, DayStatus::Full);
        assert_eq!(current_streak(&log, &Plan::from(&r), date(2026, 3, 29)), 1);
    }

    #[test]
    fn weekly_adherence_runs_monday_to_sunday_up_to_today() {
        let r = routine(vec![exercise("a", 1)]);
        // 2 March 2026 is a Monday.
        let log = log(vec![
            session(date(2026, 3, 2), &[done("a")], None, None),
            session(date(2026, 3, 3), &[done("a")], None, None),
            session(date(2026, 3, 9), &[done("a")], None, None),
        ]);
        let today = date(2026, 3, 10); // Tuesday of the second week.
        let weeks = weekly_adherence(&log, &Plan::from(&r), 3, today);
        assert_eq!(
            weeks,
            vec![
                WeekAdherence {
                    week_start: date(2026, 3, 2),
                    adherence: doses(2, 7)
                },
                WeekAdherence {
                    week_start: date(2026, 3, 9),
                    adherence: doses(1, 2)
                },
            ]
        );
        assert_eq!(week_start(date(2026, 3, 8)), date(2026, 3, 2));
    }

    #[test]
    fn exercise_stats_count_hurt_and_pain_change() {
        let r = routine(vec![exercise("a", 1), exercise("b", 1)]);
        let log = log(vec![
            session(
                date(2026, 3, 1),
                &[("a", Completion::Done, Some(Hurt::ALittle)), done("b")],
                Some(5),
                Some(3),
            ),
            session(
                date(2026, 3, 2),
                &[done("a"), skipped("b")],
                Some(4),
                Some(5),
            ),
            session(date(2026, 3, 3), &[done("a"), done("old")], Some(4), None),
        ]);
        let stats = exercise_stats(&log, &Plan::from(&r), date(2026, 3, 1), date(2026, 3, 3));
        let ids: Vec<&str> = stats.iter().map(|s| s.exercise_id.as_str()).collect();
        assert_eq!(ids, vec!["a", "b", "old"]);
        assert_eq!(stats[0].times_hurt, 1);
        assert_eq!(stats[0].sessions_included, 3);
        // (3 − 5) and (5 − 4): mean −0.5; the third session has no after rating.
        assert_eq!(stats[0].average_pain_change, Some(-0.5));
        assert_eq!(stats[0].pain_change_sessions, 2);
        assert_eq!(stats[0].adherence, doses(3, 3));
        assert_eq!(stats[1].sessions_included, 1);
        assert_eq!(stats[1].average_pain_change, Some(-2.0));
        assert_eq!(stats[1].adherence, doses(1, 3));
        assert!(!stats[2].in_routine);
        assert_eq!(stats[2].adherence.planned, 0);
    }

    #[test]
    fn weekly_pain_averages_each_week() {
        let log = log(vec![
            session(date(2026, 3, 2), &[done("a")], Some(6), Some(4)),
            session(date(2026, 3, 4), &[done("a")], Some(4), None),
            rest(date(2026, 3, 5)),
            session(date(2026, 3, 9), &[done("a")], None, Some(2)),
        ]);
        let weeks = weekly_pain(&log);
        assert_eq!(weeks.len(), 2);
        assert_eq!(weeks[0].mean_before, Some(5.0));
        assert_eq!(weeks[0].mean_after, Some(4.0));
        assert_eq!(weeks[0].sessions, 2);
        assert_eq!(weeks[1].mean_before, None);
        assert_eq!(weeks[1].mean_after, Some(2.0));
    }

    #[test]
    fn rest_day_session_kind_is_not_done() {
        let s = rest(date(2026, 3, 1));
        assert!(matches!(s.kind, SessionKind::RestDay(_)));
        assert!(!session_done(&s));
        assert!(!session_complete(&s));
    }

    /// A desk break at `hour`:00 UTC on `day` that did exercise `id` in full.
    fn desk_break(day: NaiveDate, hour: u32, id: &str) -> Session {
        let at = Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap());
        let mut s = session(day, &[done(id)], None, None);
        s.kind = SessionKind::Break;
        s.id = SessionId(format!("{day}-break-{hour}"));
        s.started_at = at;
        s.ended_at = Some(at);
        s
    }

    #[test]
    fn desk_breaks_count_toward_the_days_doses_but_are_not_sessions() {
        let r = routine(vec![exercise("a", 3), exercise("b", 1)]);
        let plan = Plan::from(&r);
        let day = date(2026, 3, 2);
        let morning = session(day, &[done("a"), done("b")], Some(3), Some(2));
        let without = log(vec![morning.clone()]);
        assert_eq!(adherence(&without, &plan, day, day), doses(2, 4));
        let with_one = log(vec![morning.clone(), desk_break(day, 11, "a")]);
        assert_eq!(adherence(&with_one, &plan, day, day), doses(3, 4));
        let with_two = log(vec![
            morning.clone(),
            desk_break(day, 11, "a"),
            desk_break(day, 14, "a"),
        ]);
        assert_eq!(
            adherence(&with_two, &plan, day, day),
            doses(4, 4),
            "3× a day met by two breaks"
        );
        let figures = Figures::of(
            &with_two,
            &FiguresInput {
                routine: &r,
                previous_routine: None,
                today: day,
            },
        );
        assert_eq!(figures.goes_on(day, "a"), (3, 3));
        assert_eq!(figures.goes_on(day, "b"), (1, 1));
        assert_eq!(
            weekly_pain(&with_two)[0].sessions,
            1,
            "a break is not a session"
        );
        let b = desk_break(day, 11, "a");
        assert!(!session_done(&b) && !session_complete(&b));
        // A day with only a break did part of the routine.
        let only_break = log(vec![desk_break(day, 11, "a")]);
        assert_eq!(
            day_statuses(&only_break, &plan, day, day),
            vec![(day, DayStatus::Partial)]
        );
        assert_eq!(adherence(&only_break, &plan, day, day), doses(1, 4));
    }
}
