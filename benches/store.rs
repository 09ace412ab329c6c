//! Store speed at one and ten years of history: loading the log, and saving it after adding
//! one session. Target: each at most 30 ms at ten years in release (`cargo bench --bench store`).

mod common;

use chrono::{FixedOffset, TimeDelta, TimeZone, Utc};
use divan::Bencher;
use limber::core::session::Session;
use limber::core::store::{Store, load_log};

fn main() {
    divan::main();
}

#[divan::bench(args = [1, 10], sample_count = 30)]
fn load(bencher: Bencher, years: u32) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let log = common::history(years, &common::routine());
    let mut store = Store::open(dir.path(), now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    let size = std::fs::metadata(store.log_path()).map_or(0, |m| m.len());
    eprintln!(
        "{years}-year log: {} sessions, {size} bytes",
        log.sessions.len()
    );
    let path = store.log_path();
    bencher.bench(|| load_log(&path).unwrap_or_else(|err| panic!("{err}")));
}

#[divan::bench(args = [1, 10], sample_count = 30)]
fn save_after_adding_one_session(bencher: Bencher, years: u32) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let mut log = common::history(years, &common::routine());
    let mut store = Store::open(dir.path(), now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    let zone = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("a valid offset"));
    let mut at = now;
    bencher.bench_local(|| {
        at += TimeDelta::minutes(1);
        log.upsert(Session::start(at, zone, 1));
        store.save(&log, at).unwrap_or_else(|err| panic!("{err}"));
    });
}
