//! Export speed at ten-year scale: both CSV files of a 10-year log (target ≤ 100 ms) and the
//! PDF report of its last year (target ≤ 300 ms), in release. Run with
//! `cargo bench --bench export`.
//!
//! The log is built here, deterministically, until `core::sample::generate_log` is available.

use chrono::{Days, Duration, FixedOffset, NaiveDate, Offset as _, TimeZone as _, Utc};
use divan::Bencher;
use limber::core::catalog::Routine;
use limber::core::export::{
    PageSize, Period, ReportOptions, exercises_csv, pdf_report, sessions_csv,
};
use limber::core::session::{
    Completion, ExerciseRecord, Hurt, PainScore, RestReason, Session, SessionLog, Symptom,
};

fn main() {
    divan::main();
}

const DAYS: u64 = 3650;

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).unwrap_or_default()
}

/// A daily session (a rest day every eleventh day) for ten years, with notes on every third.
fn ten_year_log(routine: &Routine) -> SessionLog {
    let mut log = SessionLog::default();
    let offset = FixedOffset::east_opt(3600).unwrap_or(Utc.fix());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for day in 0..DAYS {
        let date = first_day() + Days::new(day);
        let at = Utc.from_utc_datetime(&date.and_hms_opt(6, 0, 0).unwrap_or_default())
            + Duration::minutes(i64::try_from(next(600)).unwrap_or(0));
        if day % 11 == 5 {
            log.sessions
                .push(Session::rest_day(at, offset, RestReason::FlareUp));
            continue;
        }
        let mut session = Session::start(at, offset, routine.version);
        session.ended_at = Some(at + Duration::minutes(18));
        session.pain_before = PainScore::new(u8::try_from(next(8) + 2).unwrap_or(5));
        session.pain_after = PainScore::new(u8::try_from(next(8)).unwrap_or(3));
        session.symptoms = vec![Symptom::Stiffness];
        session.exercises = routine
            .enabled()
            .map(|e| ExerciseRecord {
                exercise_id: e.id.clone(),
                name: e.name.clone(),
                completion: if next(10) == 0 {
                    Completion::Skipped
                } else {
                    Completion::Done
                },
                holds_done: e.dose.sets * e.dose.reps,
                hurt: (next(20) == 0).then_some(Hurt::ALittle),
            })
            .collect();
        if day % 3 == 0 {
            session.notes = format!(
                "Day {day}: stiff after work, \"better\" after the roller; =not a formula, 🙂\nsecond line"
            );
        }
        log.sessions.push(session);
    }
    log
}

fn routine() -> Routine {
    Routine::built_in().unwrap_or_else(|err| panic!("the built-in routine must load: {err}"))
}

#[divan::bench(sample_count = 20)]
fn csv_of_ten_years(bencher: Bencher) {
    let routine = routine();
    let log = ten_year_log(&routine);
    let period = Period::last_days(first_day() + Days::new(DAYS - 1), DAYS);
    bencher.bench(|| {
        let sessions = sessions_csv(&log, period).map_or(0, |b| b.len());
        let exercises = exercises_csv(&log, &routine, period).map_or(0, |b| b.len());
        assert!(sessions > 0 && exercises > 0);
        sessions + exercises
    });
}

#[divan::bench(sample_count = 20)]
fn pdf_of_one_year(bencher: Bencher) {
    let routine = routine();
    let log = ten_year_log(&routine);
    let today = first_day() + Days::new(DAYS - 1);
    let period = Period::last_days(today, 365);
    let options = ReportOptions {
        name: Some("Sam Example".to_owned()),
        page: PageSize::A4,
        today,
    };
    bencher.bench(|| pdf_report(&log, &routine, period, &options).map_or(0, |b| b.len()));
}
