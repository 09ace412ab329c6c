//! Store speed at one and ten years of history: loading the log, and saving it after adding
//! one session. Target: each at most 30 ms at ten years in release (`cargo bench --bench store`).
//! For comparison, the same file read through `ron` alone (`load_with_ron_alone`), as Limber
//! read it before its quick reader, and the time to put the log into text (`write_text`).

mod common;

use chrono::{FixedOffset, TimeDelta, TimeZone, Utc};
use divan::Bencher;
use limber::core::session::Session;
use limber::core::store::{Store, load_log, parse_log_reference, to_ron};

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

/// As in the app: the log is read from its file at start, a session is added, the log saved.
#[divan::bench(args = [1, 10], sample_count = 30)]
fn save_after_adding_one_session(bencher: Bencher, years: u32) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let mut store = Store::open(dir.path(), now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    let generated = common::history(years, &common::routine());
    store
        .save(&generated, now)
        .unwrap_or_else(|err| panic!("{err}"));
    let mut log = load_log(&store.log_path()).unwrap_or_else(|err| panic!("{err}"));
    let zone = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("a valid offset"));
    let mut at = now;
    bencher.bench_local(|| {
        at += TimeDelta::minutes(1);
        log.upsert(Session::start(at, zone, 1));
        store.save(&log, at).unwrap_or_else(|err| panic!("{err}"));
    });
}

#[divan::bench(args = [10], sample_count = 30)]
fn load_with_ron_alone(bencher: Bencher, years: u32) {
    let text = to_ron(&common::history(years, &common::routine()));
    let path = std::path::Path::new("log.ron");
    bencher
        .bench(|| parse_log_reference(text.as_bytes(), path).unwrap_or_else(|err| panic!("{err}")));
}

#[divan::bench(args = [10], sample_count = 30)]
fn write_text(bencher: Bencher, years: u32) {
    let log = common::history(years, &common::routine());
    bencher.bench(|| to_ron(&log));
}
