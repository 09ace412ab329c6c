//! Sample records for the visit brief, added to a generated log (see `sample`): PSFS
//! activities (one retired and replaced half way), PSFS and PEG check-ins every two weeks that
//! improve, a PGIC every two weeks after the first fortnight, pain entries on most days with the
//! areas marked, areas on some sessions' pain, and a few questions for the therapist.
//! Deterministic: the same seed and log give the same records.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeDelta, Utc};

use crate::body_area::BodyArea;
use crate::log::SessionLog;
use crate::measures::{Activity, ActivityRating, Answers, MeasureResponse, PgicAnswer, Rating};
use crate::pain_entry::PainEntry;
use crate::questions::Question;
use crate::sample::SplitMix64;
use crate::session::{PainScore, SessionId};

/// Activities a person with upper back pain might name.
const ACTIVITIES: [&str; 5] = [
    "Reach the top kitchen shelf",
    "Sit at my desk for an hour",
    "Carry the shopping home",
    "Sleep on my right side",
    "Look over my shoulder when driving",
];

/// Questions for the therapist.
const QUESTIONS: [&str; 3] = [
    "Is it fine to go back to swimming front crawl?",
    "Should the doorway stretch pull on the front of the shoulder?",
    "How long should I keep doing the routine once it feels better?",
];

/// The areas pain is most often marked in, with a weight each.
const AREAS: [(BodyArea, u32); 6] = [
    (BodyArea::BetweenShoulderBlades, 5),
    (BodyArea::RightShoulderBlade, 3),
    (BodyArea::RightUpperTrapezius, 3),
    (BodyArea::NeckBase, 2),
    (BodyArea::MidBack, 1),
    (BodyArea::LeftUpperTrapezius, 1),
];

fn pick_areas(rng: &mut SplitMix64) -> Vec<BodyArea> {
    let total: u32 = AREAS.iter().map(|(_, w)| w).sum();
    let count = rng.between(1, 2);
    let mut areas = Vec::new();
    for _ in 0..count {
        let mut roll = rng.between(0, total - 1);
        for (area, weight) in AREAS {
            if roll < weight {
                areas.push(area);
                break;
            }
            roll -= weight;
        }
    }
    areas.sort_unstable();
    areas.dedup();
    areas
}

fn rating(value: f64) -> Rating {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0–10 first"
    )]
    let whole = value.round().clamp(0.0, 10.0) as u8;
    Rating::clamped(whole)
}

/// The UTC instant of a local time on `date` in `offset`.
fn at(date: NaiveDate, hour: u32, minute: u32, offset: FixedOffset) -> DateTime<Utc> {
    let local = date.and_hms_opt(hour, minute, 0).unwrap_or_default();
    DateTime::<Utc>::from_naive_utc_and_offset(local, Utc)
        - TimeDelta::seconds(i64::from(offset.local_minus_utc()))
}

/// Adds 0 to 2 pain entries on `date`, lower as `progress` goes from 0 to 1.
fn add_pain_entries(
    log: &mut SessionLog,
    rng: &mut SplitMix64,
    date: NaiveDate,
    progress: f64,
    offset: FixedOffset,
) {
    for entry_index in 0..rng.between(0, 2) {
        let level = 5.5 - 2.5 * progress + f64::from(rng.between(0, 3)) - 1.5;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0–10 first"
        )]
        let pain = PainScore::new(level.round().clamp(0.0, 10.0) as u8);
        let Some(pain) = pain else { continue };
        let note = if rng.chance(0.15) {
            "After a long video call"
        } else {
            ""
        };
        let hour = 11 + 5 * entry_index + rng.between(0, 3);
        let mut entry = PainEntry::new(
            at(date, hour, rng.between(0, 59), offset),
            offset,
            pain,
            pick_areas(rng),
            note,
        );
        entry.id = SessionId(format!("sample-pain-{date}-{entry_index}"));
        log.add_pain_entry(entry);
    }
}

/// Adds the records for the local dates `first..=last` to `log`, in the offset of the log's
/// sessions on each day (or `home` on days without one).
pub fn add_visit_records(
    log: &mut SessionLog,
    seed: u64,
    first: NaiveDate,
    last: NaiveDate,
    home: FixedOffset,
) {
    let mut rng = SplitMix64::new(seed ^ 0x0056_4953_4954);
    let offset_on = |log: &SessionLog, date: NaiveDate| {
        log.on_date(date)
            .next()
            .map_or(home, crate::session::Session::offset)
    };
    let days = (last - first).num_days().max(0).unsigned_abs();
    // Four activities at the start; the last is retired half way and the fifth takes its place.
    let start_offset = offset_on(log, first);
    for (i, name) in ACTIVITIES.iter().take(4).enumerate() {
        let mut activity = Activity::new(name, at(first, 19, 0, start_offset), start_offset);
        activity.id = SessionId(format!("sample-activity-{i}"));
        log.activities.push(activity);
    }
    let swap_day = first + Days::new(days / 2);
    let baseline = [2.0, 4.0, 3.0, 2.0, 3.0];
    #[expect(clippy::cast_precision_loss, reason = "days fit an f64 exactly")]
    let span = days.max(1) as f64;
    for index in 0..=days {
        let date = first + Days::new(index);
        let offset = offset_on(log, date);
        #[expect(clippy::cast_precision_loss, reason = "days fit an f64 exactly")]
        let progress = index as f64 / span;
        if date == swap_day {
            if let Some(old) = log.activities.get_mut(3) {
                old.retired_on = Some(date);
            }
            let mut new = Activity::new(ACTIVITIES[4], at(date, 18, 55, offset), offset);
            new.id = SessionId("sample-activity-4".to_owned());
            log.activities.push(new);
        }
        if index % 14 == 0 {
            let ratings: Vec<ActivityRating> = log
                .activities
                .iter()
                .enumerate()
                .filter(|(_, a)| a.is_active())
                .map(|(i, a)| ActivityRating {
                    activity: a.id.clone(),
                    rating: rating(
                        baseline[i] + 3.5 * progress + f64::from(rng.between(0, 2)) - 1.0,
                    ),
                })
                .collect();
            let when = at(date, 19, 5, offset);
            let peg = Answers::Peg {
                pain: rating(6.5 - 2.5 * progress + f64::from(rng.between(0, 1))),
                enjoyment: rating(6.0 - 3.0 * progress),
                activity: rating(6.5 - 2.5 * progress),
            };
            for answers in [Answers::Psfs(ratings), peg] {
                if let Ok(mut response) = MeasureResponse::new(log, answers, when, offset) {
                    response.id = SessionId(format!("sample-{:?}-{date}", response.kind()));
                    log.measures.push(response);
                }
            }
            if index >= 14 {
                let answer = if progress < 0.4 {
                    PgicAnswer::ALittleBetter
                } else if progress < 0.8 {
                    PgicAnswer::ModeratelyBetter
                } else {
                    PgicAnswer::Better
                };
                if let Ok(mut response) =
                    MeasureResponse::new(log, Answers::Pgic(answer), when, offset)
                {
                    response.id = SessionId(format!("sample-pgic-{date}"));
                    log.measures.push(response);
                }
            }
        }
        add_pain_entries(log, &mut rng, date, progress, offset);
    }
    for session in &mut log.sessions {
        if (first..=last).contains(&session.local_date)
            && session.pain_before.is_some()
            && rng.chance(0.4)
        {
            session.pain_areas = pick_areas(&mut rng);
        }
    }
    for (i, text) in QUESTIONS.iter().enumerate() {
        let date = last
            .checked_sub_days(Days::new(3 * (QUESTIONS.len() - i) as u64))
            .unwrap_or(last);
        let offset = offset_on(log, date);
        if let Some(mut question) = Question::new(text, at(date, 21, 0, offset), offset) {
            question.id = SessionId(format!("sample-question-{i}"));
            log.questions.push(question);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measures::{MeasureKind, measure_change};

    #[test]
    fn two_months_improve_on_both_measures_and_mark_areas() {
        let first = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        let mut log = SessionLog::default();
        let home = FixedOffset::east_opt(3600).unwrap();
        add_visit_records(&mut log, 1, first, last, home);
        assert_eq!(log.activities.len(), 5);
        let psfs = measure_change(&log, MeasureKind::Psfs, first, last).unwrap();
        assert!(psfs.meaningful && psfs.better() == Some(true), "{psfs:?}");
        let peg = measure_change(&log, MeasureKind::Peg, first, last).unwrap();
        assert!(peg.meaningful && peg.better() == Some(true), "{peg:?}");
        assert!(log.pain_entries.len() > 30);
        assert!(log.pain_entries.iter().all(|e| !e.areas.is_empty()));
        assert_eq!(log.questions.len(), 3);
        let mut again = SessionLog::default();
        add_visit_records(&mut again, 1, first, last, home);
        assert!(again == log, "the same seed gave different records");
    }
}
