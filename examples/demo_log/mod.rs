//! A deterministic demo log for the progress examples: one entry a day, some rest days, some
//! empty days, pain drifting slowly and easing after most sessions. After the merge with the
//! store branch this should switch to `limber::core::sample::generate_log`.

use chrono::{Days, FixedOffset, NaiveDate, TimeZone as _, Utc};
use limber::core::catalog::Routine;
use limber::core::log::SessionLog;
use limber::core::session::{
    CheckIn, Completion, ExerciseRecord, Hurt, PainScore, RedFlag, RestReason, Session, SessionId,
    Symptom,
};

/// A small linear congruential generator: the same seed gives the same log.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(self.0 >> 33).unwrap_or_default()
    }

    /// A number in 0..n.
    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

/// `days` days of log ending on `end`.
pub fn demo_log(days: u64, end: NaiveDate, routine: &Routine, seed: u64) -> SessionLog {
    let mut rng = Lcg(seed);
    let mut log = SessionLog::default();
    let offset = FixedOffset::east_opt(3600)
        .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()));
    let start = end
        .checked_sub_days(Days::new(days.saturating_sub(1)))
        .unwrap_or(end);
    let mut sessions = Vec::new();
    for (i, day) in start.iter_days().take_while(|d| *d <= end).enumerate() {
        let roll = rng.below(100);
        let hour = 7 + rng.below(12);
        let Some(local) = day.and_hms_opt(hour, rng.below(60), 0) else {
            continue;
        };
        let at = Utc.from_utc_datetime(&(local - chrono::Duration::hours(1)));
        if roll < 8 {
            continue;
        }
        if roll < 14 {
            let mut rest = Session::rest_day(at, offset, RestReason::Travelling);
            rest.id = SessionId(format!("rest-{i:05}"));
            sessions.push(rest);
            continue;
        }
        let mut session = Session::start(at, offset, routine.version);
        session.id = SessionId(format!("s-{i:05}"));
        session.ended_at = Some(at + chrono::Duration::minutes(25));
        // A slow wave between about 2 and 7, with day-to-day noise.
        let phase = f64::from(u32::try_from(i).unwrap_or(u32::MAX)) / 60.0;
        let base = 4.5 + 2.0 * phase.sin() + f64::from(rng.below(3)) - 1.0;
        let before = (0..=10_u8)
            .min_by(|a, b| {
                (f64::from(*a) - base)
                    .abs()
                    .total_cmp(&(f64::from(*b) - base).abs())
            })
            .unwrap_or(5);
        let eased = before.saturating_sub(u8::try_from(rng.below(3)).unwrap_or(0));
        session.pain_before = PainScore::new(before);
        session.pain_after = PainScore::new(eased);
        session.exercises = routine
            .enabled()
            .map(|e| {
                let r = rng.below(20);
                ExerciseRecord {
                    exercise_id: e.id.as_str().into(),
                    name: e.name.as_str().into(),
                    completion: match r {
                        0 => Completion::Skipped,
                        1 => Completion::Partial {
                            sets_done: 0,
                            reps_done: 1,
                        },
                        _ => Completion::Done,
                    },
                    holds_done: limber::core::session::holds_count(e.dose.reps),
                    hurt: (r == 1).then_some(Hurt::ALittle),
                    ..ExerciseRecord::default()
                }
            })
            .collect();
        if rng.below(3) == 0 {
            session.symptoms = vec![Symptom::Stiffness, Symptom::Tension];
        }
        if rng.below(4) == 0 {
            "Slept badly; the roller helped.\nMore detail on a second line."
                .clone_into(&mut session.notes);
        }
        sessions.push(session);
    }
    log.edit_records(|r| r.sessions = sessions);
    log.edit_records(|r| {
        r.sessions
            .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    });
    let mut day = start;
    while day < end {
        let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap_or_default());
        log.edit_records(|r| {
            r.check_ins.push(CheckIn {
                at,
                local_date: day,
                flags: if rng.below(200) == 0 {
                    vec![RedFlag::FeverAndChills]
                } else {
                    Vec::new()
                },
            });
        });
        day = day + Days::new(7);
    }
    log
}
