//! Per-exercise figures over a period.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::log::SessionLog;
use crate::session::Session;

use super::days::{
    Adherence, DayDoses, DayMap, DaySummary, planning_dates, record_counts, summarise_days,
};
use super::plan::Plan;

/// Plain figures for one exercise over a period.
#[derive(Clone, Debug, PartialEq)]
pub struct ExerciseStats {
    /// The catalog id.
    pub exercise_id: String,
    /// The name in the routine, or the latest name in the log for a removed exercise.
    pub name: String,
    /// Whether it is an enabled exercise of the current routine.
    pub in_routine: bool,
    /// Its doses done against its doses planned on the days it was in the plan (planned is 0
    /// when it never was in the period).
    pub adherence: Adherence,
    /// Sessions in the period that included it.
    pub sessions_included: u32,
    /// Sessions in which it was marked as hurting.
    pub times_hurt: u32,
    /// Mean of (pain after − pain before) over the sessions that included it and have both
    /// ratings; negative means less pain after.
    pub average_pain_change: Option<f64>,
    /// How many sessions the average is taken over.
    pub pain_change_sessions: u32,
}

/// Figures for every exercise over `from` to `to`: first the enabled exercises of the latest
/// plan in routine order, then exercises found in the log or planned earlier in the period that
/// are not (or no longer) enabled, sorted by name.
pub fn exercise_stats(
    log: &SessionLog,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<ExerciseStats> {
    exercise_stats_in(&summarise_days(log), log, plan, from, to)
}

/// [`exercise_stats`] from the log already folded by date.
pub(super) fn exercise_stats_in(
    days: &DayMap,
    log: &SessionLog,
    plan: &Plan,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<ExerciseStats> {
    let in_period = |s: &&Session| s.local_date >= from && s.local_date <= to && s.is_routine();
    let mut stats: Vec<ExerciseStats> = plan
        .latest()
        .exercises
        .iter()
        .map(|e| new_exercise_stats(&e.id, &e.name, true))
        .collect();
    let mut others: BTreeMap<String, ExerciseStats> = BTreeMap::new();
    let mut change_sums = vec![0_i64; stats.len()];
    let mut other_change_sums: BTreeMap<String, i64> = BTreeMap::new();
    for session in log.sessions().iter().filter(in_period) {
        for record in &session.exercises {
            let included = record_counts(record) || record.hurt.is_some();
            if !included {
                continue;
            }
            let (entry, change_sum) = if let Some(index) = stats
                .iter()
                .position(|s| *s.exercise_id == *record.exercise_id)
            {
                (&mut stats[index], &mut change_sums[index])
            } else {
                let entry = others
                    .entry(record.exercise_id.to_string())
                    .or_insert_with(|| {
                        new_exercise_stats(&record.exercise_id, &record.name, false)
                    });
                // Sessions are oldest first, so the last name seen is the latest.
                if !record.name.is_empty() {
                    entry.name = record.name.to_string();
                }
                let sum = other_change_sums
                    .entry(record.exercise_id.to_string())
                    .or_default();
                (entry, sum)
            };
            entry.sessions_included += 1;
            if record.hurt.is_some() {
                entry.times_hurt += 1;
            }
            if let Some(change) = session.pain_change() {
                *change_sum += i64::from(change);
                entry.pain_change_sessions += 1;
            }
        }
    }
    // Exercises planned earlier in the period but no longer enabled are listed too.
    for (start, day_plan) in plan.periods() {
        if *start > to {
            break;
        }
        for exercise in &day_plan.exercises {
            let known = stats.iter().any(|s| *s.exercise_id == *exercise.id);
            if !known && !others.contains_key(&*exercise.id) {
                others.insert(
                    exercise.id.to_string(),
                    new_exercise_stats(&exercise.id, &exercise.name, false),
                );
            }
        }
    }
    let nothing = DaySummary::default();
    let doses_of = |id: &str| {
        let mut adherence = Adherence::default();
        for date in planning_dates(days, from, to) {
            let day = days.get(&date).unwrap_or(&nothing);
            if !day.plans_doses() {
                continue;
            }
            if let Some(times) = plan.on(date).times_per_day(id) {
                let (full, partly) = day.exercise_doses(id, times);
                adherence.add(DayDoses {
                    full,
                    partly,
                    planned: times,
                });
            }
        }
        adherence
    };
    for (index, entry) in stats.iter_mut().enumerate() {
        entry.adherence = doses_of(&entry.exercise_id);
        entry.average_pain_change = mean(change_sums[index], entry.pain_change_sessions);
    }
    let mut others: Vec<ExerciseStats> = others
        .into_values()
        .map(|mut entry| {
            let sum = other_change_sums
                .get(&entry.exercise_id)
                .copied()
                .unwrap_or_default();
            entry.average_pain_change = mean(sum, entry.pain_change_sessions);
            entry.adherence = doses_of(&entry.exercise_id);
            entry
        })
        .collect();
    others.sort_by(|a, b| (&a.name, &a.exercise_id).cmp(&(&b.name, &b.exercise_id)));
    stats.extend(others);
    stats
}

fn new_exercise_stats(id: &str, name: &str, in_routine: bool) -> ExerciseStats {
    ExerciseStats {
        exercise_id: id.to_owned(),
        name: name.to_owned(),
        in_routine,
        adherence: Adherence::default(),
        sessions_included: 0,
        times_hurt: 0,
        average_pain_change: None,
        pain_change_sessions: 0,
    }
}

#[expect(
    clippy::cast_precision_loss,
    reason = "sums of pain changes are far below 2^52"
)]
fn mean(sum: i64, count: u32) -> Option<f64> {
    (count > 0).then(|| sum as f64 / f64::from(count))
}
