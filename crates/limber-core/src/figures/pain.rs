//! The daily pain series and its rolling 7-day mean.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::log::SessionLog;

use super::ROLLING_WINDOW_DAYS;
use super::days::{DayMap, count_f64, dates, days_before, summarise_days, week_start};

/// Daily pain: the mean of all ratings given on each rated day (sessions' before and after,
/// and pain entries logged at any time), sorted by date.
pub fn daily_pain(log: &SessionLog) -> Vec<(NaiveDate, f64)> {
    daily_pain_in(&summarise_days(log), log)
}

/// [`daily_pain`] from the log already folded by date (which holds the sessions' ratings).
pub(super) fn daily_pain_in(days: &DayMap, log: &SessionLog) -> Vec<(NaiveDate, f64)> {
    let mut sums: BTreeMap<NaiveDate, (u32, u32)> = days
        .iter()
        .filter(|(_, day)| day.pain_count > 0)
        .map(|(date, day)| (*date, (day.pain_sum, day.pain_count)))
        .collect();
    for entry in log.pain_entries() {
        let sum = sums.entry(entry.local_date).or_default();
        sum.0 += u32::from(entry.pain.value());
        sum.1 += 1;
    }
    sums.into_iter()
        .map(|(date, (sum, count))| (date, f64::from(sum) / f64::from(count)))
        .collect()
}

/// The daily pain series and its rolling 7-day mean on every day from the first rated day to
/// the day the figures were built: the one series the chart, the prompts, the PDF, the CSV
/// and the brief read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PainSeries {
    /// Daily pain on each rated day, sorted by date.
    daily: Vec<(NaiveDate, f64)>,
    /// The 7-day mean on every date from the first rated day on, in date order.
    rolling: Vec<(NaiveDate, Option<f64>)>,
}

impl PainSeries {
    /// The series of `daily` (sorted by date), with the rolling mean worked out up to `until`
    /// (or six days past the last rating, whichever is later).
    pub(super) fn new(daily: Vec<(NaiveDate, f64)>, until: NaiveDate) -> PainSeries {
        let rolling = match (daily.first(), daily.last()) {
            (Some(first), Some(last)) => {
                let end = until.max(last.0 + chrono::Days::new(ROLLING_WINDOW_DAYS - 1));
                rolling_average(&daily, first.0, end)
            }
            _ => Vec::new(),
        };
        PainSeries { daily, rolling }
    }

    /// Daily pain on each rated day, sorted by date.
    pub fn daily(&self) -> &[(NaiveDate, f64)] {
        &self.daily
    }

    /// The rated days from `from` to `to`, both included.
    pub fn daily_in(&self, from: NaiveDate, to: NaiveDate) -> &[(NaiveDate, f64)] {
        let start = self.daily.partition_point(|(d, _)| *d < from);
        let end = self.daily.partition_point(|(d, _)| *d <= to);
        self.daily.get(start..end.max(start)).unwrap_or_default()
    }

    /// The 7-day mean on `date` (see the module docs); none when no day of its window is rated.
    pub fn rolling_on(&self, date: NaiveDate) -> Option<f64> {
        let first = self.rolling.first()?.0;
        let index = usize::try_from((date - first).num_days()).ok();
        match index.and_then(|i| self.rolling.get(i)) {
            Some((_, value)) => *value,
            None => rolling_average_on(&self.daily, date),
        }
    }

    /// The 7-day mean on every date from `from` to `to`, both included, in date order.
    pub fn rolling(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, Option<f64>)> {
        dates(from, to).map(|d| (d, self.rolling_on(d))).collect()
    }

    /// The mean daily pain over the first seven days from `from` that have a rating: the
    /// centre of the meaningful-change band.
    pub fn starting_level(&self, from: NaiveDate) -> Option<f64> {
        let start = self.daily.partition_point(|(d, _)| *d < from);
        let first = self.daily.get(start)?.0;
        let end = first + chrono::Days::new(ROLLING_WINDOW_DAYS - 1);
        let window: Vec<f64> = self.daily[start..]
            .iter()
            .take_while(|(d, _)| *d <= end)
            .map(|(_, p)| *p)
            .collect();
        (!window.is_empty()).then(|| window.iter().sum::<f64>() / count_f64(window.len()))
    }
}

/// The 7-day average on `date` from a sorted daily pain series (see the module docs).
pub fn rolling_average_on(daily: &[(NaiveDate, f64)], date: NaiveDate) -> Option<f64> {
    let start = days_before(date, ROLLING_WINDOW_DAYS - 1);
    let from = daily.partition_point(|(d, _)| *d < start);
    let to = daily.partition_point(|(d, _)| *d <= date);
    let window = daily.get(from..to)?;
    if window.is_empty() {
        return None;
    }
    let sum: f64 = window.iter().map(|(_, pain)| pain).sum();
    Some(sum / count_f64(window.len()))
}

/// The 7-day average for every date from `from` to `to`, both included, in date order.
pub fn rolling_average(
    daily: &[(NaiveDate, f64)],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, Option<f64>)> {
    dates(from, to)
        .map(|date| (date, rolling_average_on(daily, date)))
        .collect()
}

/// Mean pain in one week, for drawing long ranges without thousands of points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekPain {
    /// The Monday the week starts on.
    pub week_start: NaiveDate,
    /// Mean pain before the week's sessions, if any was given.
    pub mean_before: Option<f64>,
    /// Mean pain after the week's sessions, if any was given.
    pub mean_after: Option<f64>,
    /// Routine sessions in the week.
    pub sessions: u32,
}

/// Weekly mean pain before and after, for every week with a routine session, oldest first.
pub fn weekly_pain(log: &SessionLog) -> Vec<WeekPain> {
    #[derive(Default)]
    struct Sums {
        before: (u32, u32),
        after: (u32, u32),
        sessions: u32,
    }
    let mut weeks: BTreeMap<NaiveDate, Sums> = BTreeMap::new();
    for session in log.sessions().iter().filter(|s| s.is_routine()) {
        let sums = weeks.entry(week_start(session.local_date)).or_default();
        sums.sessions += 1;
        if let Some(score) = session.pain_before {
            sums.before.0 += u32::from(score.value());
            sums.before.1 += 1;
        }
        if let Some(score) = session.pain_after {
            sums.after.0 += u32::from(score.value());
            sums.after.1 += 1;
        }
    }
    let average = |(sum, count): (u32, u32)| (count > 0).then(|| f64::from(sum) / f64::from(count));
    weeks
        .into_iter()
        .map(|(week_start, sums)| WeekPain {
            week_start,
            mean_before: average(sums.before),
            mean_after: average(sums.after),
            sessions: sums.sessions,
        })
        .collect()
}

/// Mean pain before and after the sessions of a period (rest days left out), for the report's
/// header.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SessionPain {
    /// Mean pain before, where given.
    pub before: Option<f64>,
    /// Mean pain after, where given.
    pub after: Option<f64>,
}

pub(super) fn session_pain_in(days: &DayMap, from: NaiveDate, to: NaiveDate) -> SessionPain {
    if from > to {
        return SessionPain::default();
    }
    let (mut before, mut after) = ((0, 0), (0, 0));
    for day in days.range(from..=to).map(|(_, d)| d) {
        before = (before.0 + day.before.0, before.1 + day.before.1);
        after = (after.0 + day.after.0, after.1 + day.after.1);
    }
    let mean = |(sum, count): (u32, u32)| (count > 0).then(|| f64::from(sum) / f64::from(count));
    SessionPain {
        before: mean(before),
        after: mean(after),
    }
}
