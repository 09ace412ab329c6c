//! A realistic, reproducible session log for tests, benchmarks and screenshots.
//!
//! The same seed always gives the same log. The history has sessions on most days and sometimes
//! two, planned rest days with their reasons, pain that drifts down over the months with the
//! odd flare-up, symptoms that follow the pain, exercises marked as hurting now and then, time
//! spent abroad in another time zone, and notes of every length in several scripts.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, NaiveDate, NaiveTime, Offset as _, TimeDelta, Utc,
};

use crate::catalog::Routine;
use crate::log::SessionLog;
use crate::session::{
    CheckIn, Completion, ExerciseRecord, Hurt, PainScore, RedFlag, RestReason, Session, SessionId,
    SessionKind, SignAnswer, SignEvent, SignRecord, Symptom,
};

/// A small seeded pseudo-random generator (SplitMix64): enough for sample data, and no
/// dependency.
#[derive(Clone, Debug)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator whose whole sequence is fixed by `seed`.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        // 53 random bits fill an f64's mantissa exactly.
        #[expect(clippy::cast_precision_loss, reason = "53 bits fit an f64 exactly")]
        let bits = (self.next_u64() >> 11) as f64;
        bits / 2f64.powi(53)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: u32, high: u32) -> u32 {
        let span = u64::from(high.saturating_sub(low)) + 1;
        low + u32::try_from(self.next_u64() % span).unwrap_or(0)
    }

    /// One element of a non-empty slice (the first when empty is impossible to pick from).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let len = u64::try_from(items.len()).ok()?;
        if len == 0 {
            return None;
        }
        items.get(usize::try_from(self.next_u64() % len).ok()?)
    }
}

/// Fragments that notes are built from: short and long, in several scripts.
const NOTE_PARTS: [&str; 24] = [
    "Felt looser afterwards.",
    "Slept badly, so I went gently today.",
    "Long day at the desk; the area between my shoulder blades was sore.",
    "Foam roller felt great on the mid back.",
    "Did it on the floor of the hotel room.",
    "Neck a bit stiff when I woke up.",
    "Better than yesterday 🙂",
    "💪 kept the breathing slow the whole time",
    "Remember to ask the therapist about the second stretch.",
    "Carried the shopping home; a bit tight after.",
    "Tried the routine in the morning instead of the evening; easier.",
    "Lifted boxes at work — took it easy.",
    "背中が少し楽になった。",
    "今日は肩がこっていた。ゆっくりやった。",
    "右の肩甲骨のあたりが張っている。",
    "الظهر أفضل اليوم بعد التمارين.",
    "شعرت بشد خفيف بين الكتفين.",
    "Спина сегодня лучше.",
    "Le dos va mieux après les étirements.",
    "Heute etwas verspannt, aber danach besser.",
    "A little sore, so I stopped that one early and rested.",
    "Walked for half an hour before the routine.",
    "Breathing out on the effort helped.",
    "Quiet session, nothing special to report.",
];

/// Generates `years` of history ending on `end`, for the enabled exercises of `routine`.
/// Pure and deterministic: the same arguments give the same log.
pub fn generate_log(years: u32, seed: u64, end: NaiveDate, routine: &Routine) -> SessionLog {
    let mut rng = SplitMix64::new(seed);
    let total_days = u64::from(years) * 365;
    let start = end
        .checked_sub_days(Days::new(total_days.saturating_sub(1)))
        .unwrap_or(end);
    let mut log = SessionLog::default();
    let mut flare_days_left = 0u32;
    let mut flare_extra = 0.0;
    let mut abroad_days_left = 0u32;
    for day_index in 0..total_days {
        let Some(date) = start.checked_add_days(Days::new(day_index)) else {
            break;
        };
        if flare_days_left == 0 && rng.chance(1.0 / 70.0) {
            flare_days_left = rng.between(3, 10);
            flare_extra = f64::from(rng.between(2, 4));
        }
        if abroad_days_left == 0 && rng.chance(1.0 / 200.0) {
            abroad_days_left = rng.between(4, 14);
        }
        let offset = if abroad_days_left > 0 {
            FixedOffset::east_opt(9 * 3600)
        } else {
            home_offset(date)
        }
        .unwrap_or(Utc.fix());
        let in_flare = flare_days_left > 0;
        #[expect(clippy::cast_precision_loss, reason = "days fit an f64 exactly")]
        let months = day_index as f64 / 30.0;
        let baseline = 2.0 + 4.5 * (-months / 5.0).exp() + if in_flare { flare_extra } else { 0.0 };
        let day = Day {
            date,
            offset,
            baseline,
            in_flare,
        };
        if in_flare && rng.chance(0.4) {
            log.sessions
                .push(rest_day(&mut rng, &day, RestReason::FlareUp));
        } else if rng.chance(0.03) {
            let reason = match rng.between(0, 2) {
                0 => RestReason::Ill,
                1 => RestReason::Travelling,
                _ => RestReason::Other("Family visiting all day".into()),
            };
            log.sessions.push(rest_day(&mut rng, &day, reason));
        } else if !rng.chance(0.07) {
            let evening_too = rng.chance(0.15);
            let morning = rng.chance(0.6) || evening_too;
            if morning {
                log.sessions
                    .push(routine_session(&mut rng, &day, routine, 7));
            }
            if evening_too || !morning {
                log.sessions
                    .push(routine_session(&mut rng, &day, routine, 18));
            }
        }
        if day_index % 7 == 6 {
            let check_in = check_in(&mut rng, &day);
            log.sign_records.extend(seen_a_doctor(&check_in, &day, end));
            log.check_ins.push(check_in);
        }
        flare_days_left = flare_days_left.saturating_sub(1);
        abroad_days_left = abroad_days_left.saturating_sub(1);
    }
    log.sessions
        .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    log
}

/// What a generated day looks like.
struct Day {
    date: NaiveDate,
    offset: FixedOffset,
    baseline: f64,
    in_flare: bool,
}

/// Central European time: +2 h from the last Sunday of March to the last Sunday of October.
fn home_offset(date: NaiveDate) -> Option<FixedOffset> {
    let last_sunday = |month: u32| {
        let first_next = NaiveDate::from_ymd_opt(date.year(), month + 1, 1)?;
        let back = first_next.weekday().num_days_from_sunday();
        first_next.checked_sub_days(Days::new(u64::from(if back == 0 { 7 } else { back })))
    };
    let summer = date >= last_sunday(3)? && date < last_sunday(10)?;
    FixedOffset::east_opt(if summer { 7200 } else { 3600 })
}

/// The UTC instant of a local time on the day.
fn instant(day: &Day, hour: u32, minute: u32) -> DateTime<Utc> {
    let local = day
        .date
        .and_time(NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
    (local - TimeDelta::seconds(i64::from(day.offset.local_minus_utc()))).and_utc()
}

/// A deterministic id in the same shape as [`SessionId::new`].
fn session_id(rng: &mut SplitMix64, at: DateTime<Utc>) -> SessionId {
    SessionId(format!(
        "{:012x}-{:08x}",
        at.timestamp_millis(),
        rng.next_u64() & 0xffff_ffff
    ))
}

fn pain(rng: &mut SplitMix64, level: f64) -> Option<PainScore> {
    let noisy = (level + rng.unit() * 2.0 - 1.0).round().clamp(0.0, 10.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0–10"
    )]
    PainScore::new(noisy as u8)
}

fn notes(rng: &mut SplitMix64) -> String {
    let parts = match rng.between(0, 9) {
        0..=3 => 0,
        4..=6 => 1,
        7 | 8 => 2,
        _ => 4,
    };
    let mut text = String::new();
    for index in 0..parts {
        if let Some(part) = rng.pick(&NOTE_PARTS) {
            if index > 0 {
                text.push_str(if rng.chance(0.5) { "\n" } else { " " });
            }
            text.push_str(part);
        }
    }
    text
}

fn routine_session(rng: &mut SplitMix64, day: &Day, routine: &Routine, hour: u32) -> Session {
    let started_at = instant(day, hour + rng.between(0, 2), rng.between(0, 59));
    let hurt_chance = if day.in_flare { 0.15 } else { 0.04 };
    let exercises: Vec<ExerciseRecord> = routine
        .enabled()
        .map(|exercise| {
            let dose = &exercise.dose;
            let sides = if dose.per_side { 2 } else { 1 };
            let full_holds = dose.sets * dose.reps * sides;
            let roll = rng.unit();
            let completion = if roll < 0.07 {
                Completion::Skipped
            } else if roll < 0.17 {
                let sets_done = rng.between(0, dose.sets.saturating_sub(1));
                Completion::partial(sets_done, sets_done * dose.reps + rng.between(0, dose.reps))
            } else {
                Completion::Done
            };
            let holds_done = match completion {
                Completion::Done => full_holds,
                Completion::Partial { reps_done, .. } => u32::from(reps_done) * sides,
                Completion::Skipped => 0,
            };
            let hurt = match completion {
                Completion::Skipped => None,
                _ if rng.chance(hurt_chance) => Some(if rng.chance(0.2) {
                    Hurt::Stopped
                } else {
                    Hurt::ALittle
                }),
                _ => None,
            };
            ExerciseRecord {
                exercise_id: exercise.id.as_str().into(),
                name: exercise.name.as_str().into(),
                completion,
                holds_done: crate::session::holds_count(holds_done),
                hurt,
                ..ExerciseRecord::default()
            }
        })
        .collect();
    let pain_before = rng.chance(0.9).then(|| pain(rng, day.baseline)).flatten();
    let relief = rng.unit() * 2.0;
    let pain_after = rng
        .chance(0.85)
        .then(|| pain(rng, day.baseline - relief))
        .flatten();
    let mut symptoms: Vec<Symptom> = Symptom::ALL
        .into_iter()
        .filter(|_| rng.chance((day.baseline / 12.0).clamp(0.05, 0.9)))
        .collect();
    symptoms.sort();
    Session {
        id: session_id(rng, started_at),
        kind: SessionKind::Routine,
        started_at,
        ended_at: Some(started_at + TimeDelta::minutes(i64::from(rng.between(10, 28)))),
        utc_offset_secs: day.offset.local_minus_utc(),
        local_date: day.date,
        routine_version: routine.version,
        exercises,
        pain_before,
        pain_after,
        symptoms,
        notes: notes(rng),
        pain_areas: Vec::new(),
        gentle: false,
    }
}

fn rest_day(rng: &mut SplitMix64, day: &Day, reason: RestReason) -> Session {
    let at = instant(day, 9 + rng.between(0, 10), rng.between(0, 59));
    Session {
        id: session_id(rng, at),
        kind: SessionKind::RestDay(reason),
        started_at: at,
        ended_at: Some(at),
        utc_offset_secs: day.offset.local_minus_utc(),
        local_date: day.date,
        routine_version: 0,
        exercises: Vec::new(),
        pain_before: rng.chance(0.5).then(|| pain(rng, day.baseline)).flatten(),
        pain_after: None,
        symptoms: Vec::new(),
        notes: notes(rng),
        pain_areas: Vec::new(),
        gentle: false,
    }
}

fn check_in(rng: &mut SplitMix64, day: &Day) -> CheckIn {
    let flags = if rng.chance(0.02) {
        vec![RedFlag::SevereMorningStiffness]
    } else {
        Vec::new()
    };
    CheckIn {
        at: instant(day, 20, 0),
        local_date: day.date,
        flags,
    }
}

/// The person sees a doctor two days after ticking a sign, and says so (when that day is
/// still in the history): a sample sign does not stay open for ever. No random number is drawn,
/// so the rest of the sample is as before.
fn seen_a_doctor(check_in: &CheckIn, day: &Day, end: NaiveDate) -> Vec<SignRecord> {
    let at = check_in.at + TimeDelta::days(2);
    let Some(date) = day
        .date
        .checked_add_days(Days::new(2))
        .filter(|d| *d <= end)
    else {
        return Vec::new();
    };
    check_in
        .flags
        .iter()
        .zip(0u32..)
        .map(|(flag, n)| SignRecord {
            id: SessionId(format!(
                "{:012x}-{:08x}",
                at.timestamp_millis(),
                0x5eed_0000 + n
            )),
            at,
            utc_offset_secs: day.offset.local_minus_utc(),
            local_date: date,
            event: SignEvent::Answered(*flag, SignAnswer::SeenDoctor),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn same_seed_same_log_and_different_seed_different_log() {
        let routine = Routine::built_in().unwrap();
        let a = generate_log(1, 7, end(), &routine);
        assert_eq!(a, generate_log(1, 7, end(), &routine));
        assert_ne!(a, generate_log(1, 8, end(), &routine));
    }

    #[test]
    fn a_year_looks_like_a_year() {
        let routine = Routine::built_in().unwrap();
        let log = generate_log(1, 42, end(), &routine);
        let days: std::collections::BTreeSet<_> =
            log.sessions.iter().map(|s| s.local_date).collect();
        assert!(days.len() > 300, "{} days", days.len());
        assert!(
            log.sessions.len() > days.len(),
            "some days have two sessions"
        );
        assert!(log.sessions.iter().any(Session::is_rest_day));
        assert!(log.sessions.iter().any(|s| s.notes.contains('\n')));
        assert!(log.sessions.iter().any(|s| !s.notes.is_ascii()));
        assert!(
            log.sessions
                .iter()
                .flat_map(|s| &s.exercises)
                .any(|r| r.hurt.is_some())
        );
        assert_eq!(log.sessions.last().map(|s| s.local_date), Some(end()));
        for session in &log.sessions {
            assert_eq!(session.local_start().date_naive(), session.local_date);
        }
        let first_month: f64 = mean_pain(&log.sessions[..40]);
        let last_month: f64 = mean_pain(&log.sessions[log.sessions.len() - 40..]);
        assert!(last_month < first_month, "{first_month} → {last_month}");
    }

    fn mean_pain(sessions: &[Session]) -> f64 {
        let scores: Vec<f64> = sessions
            .iter()
            .filter_map(|s| s.pain_before)
            .map(|p| f64::from(p.value()))
            .collect();
        scores.iter().sum::<f64>() / f64::from(u32::try_from(scores.len()).unwrap())
    }

    #[test]
    fn summer_time_in_central_europe() {
        let march_28 = NaiveDate::from_ymd_opt(2026, 3, 28).unwrap();
        let march_29 = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(home_offset(march_28).unwrap().local_minus_utc(), 3600);
        assert_eq!(home_offset(march_29).unwrap().local_minus_utc(), 7200);
        let october_25 = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        assert_eq!(home_offset(october_25).unwrap().local_minus_utc(), 3600);
    }
}
