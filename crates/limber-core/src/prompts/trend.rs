//! The rules on the 7-day average: high and rising, stays high, a rise week on week and a
//! slow rise over three weeks.

use chrono::NaiveDate;

use super::{
    EASING_POINTS, HIGH_PAIN_AVERAGE, HIGH_PAIN_MIN_RATED_DAYS, HIGH_PAIN_WEEKS, Prompt,
    PromptKind, RISING_WEEKS, SLOW_RISE_DAYS, SLOW_RISE_FLOOR, SLOW_RISE_POINTS, TOLERANCE,
    WEEKLY_RISE_FLOOR, WEEKLY_RISE_POINTS, days_before, iso_week_key,
};
use crate::figures::rolling_average_on;

pub(super) fn high_and_rising_prompt(
    daily: &[(NaiveDate, f64)],
    today: NaiveDate,
) -> Option<Prompt> {
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
             and the week before {}. Pain that keeps rising is a reason to get checked: please talk \
             to a doctor about it. The page \"When to see a doctor\" lists signs that mean you \
             should get checked soon.",
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

pub(super) fn stays_high_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
    let averages = weekly_averages(daily, today, HIGH_PAIN_WEEKS)?;
    let now = *averages.first()?;
    let oldest = *averages.last()?;
    let all_high = averages.iter().all(|a| *a + TOLERANCE >= HIGH_PAIN_AVERAGE);
    let easing = oldest - now + TOLERANCE >= EASING_POINTS;
    // Two ratings a week apart are not "two weeks": each week needs enough rated days.
    let rated_weeks = (0..HIGH_PAIN_WEEKS).all(|weeks_back| {
        rated_days(daily, days_before(today, 7 * weeks_back)) >= HIGH_PAIN_MIN_RATED_DAYS
    });
    if averages.len() < 2 || !all_high || easing || !rated_weeks {
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

pub(super) fn weekly_rise_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
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

/// How many days of the 7 ending on `last` have a rating.
fn rated_days(daily: &[(NaiveDate, f64)], last: NaiveDate) -> usize {
    let first = days_before(last, 6);
    daily
        .iter()
        .filter(|(date, _)| (first..=last).contains(date))
        .count()
}

/// A slow rise: the 7-day average at least [`SLOW_RISE_POINTS`] above the one
/// [`SLOW_RISE_DAYS`] earlier, and at least [`SLOW_RISE_FLOOR`]. It catches pain that creeps up
/// a point a week, which never rises two points in any one week.
pub(super) fn slow_rise_prompt(daily: &[(NaiveDate, f64)], today: NaiveDate) -> Option<Prompt> {
    let now = rolling_average_on(daily, today)?;
    let then = rolling_average_on(daily, days_before(today, SLOW_RISE_DAYS))?;
    let rise = now - then;
    if rise + TOLERANCE < SLOW_RISE_POINTS || now + TOLERANCE < SLOW_RISE_FLOOR {
        return None;
    }
    Some(Prompt {
        key: format!("pause-slow-rise:{}", iso_week_key(today)),
        kind: PromptKind::Pause,
        title: "Your pain has slowly gone up over three weeks".to_owned(),
        message: format!(
            "Your average pain over the last 7 days is {now:.1} out of 10; three weeks ago it \
             was {then:.1}. It has crept up a little at a time. Consider pausing the routine and \
             talking to your therapist or doctor before you carry on."
        ),
    })
}
