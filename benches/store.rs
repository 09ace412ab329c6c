//! Store speed at 10-year scale: loading the log, and saving it after adding one session.
//! Target: each at most 30 ms in release (`cargo bench --bench store`).

use chrono::{FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use divan::Bencher;
use limber::core::catalog::Routine;
use limber::core::sample::generate_log;
use limber::core::session::{Session, SessionLog};
use limber::core::store::{Store, load_log};

fn main() {
    divan::main();
}

/// Ten years of history, ending on a fixed day so that every run measures the same log.
fn ten_years() -> SessionLog {
    let routine = Routine::built_in().unwrap_or_else(|err| panic!("{err}"));
    let end = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    generate_log(10, 1, end, &routine)
}

#[divan::bench(sample_count = 30)]
fn load_ten_year_log(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let log = ten_years();
    let mut store = Store::open(dir.path(), now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    let size = std::fs::metadata(store.log_path()).map_or(0, |m| m.len());
    eprintln!("10-year log: {} sessions, {size} bytes", log.sessions.len());
    let path = store.log_path();
    bencher.bench(|| load_log(&path).unwrap_or_else(|err| panic!("{err}")));
}

#[divan::bench(sample_count = 30)]
fn save_after_adding_one_session(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let mut log = ten_years();
    let mut store = Store::open(dir.path(), now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    let zone =
        FixedOffset::east_opt(3600).unwrap_or(FixedOffset::west_opt(0).unwrap_or_else(|| panic!()));
    let mut at = now;
    bencher.bench_local(|| {
        at += TimeDelta::minutes(1);
        log.upsert(Session::start(at, zone, 1));
        store.save(&log, at).unwrap_or_else(|err| panic!("{err}"));
    });
}
