//! Store speed with the log in month files (`cargo bench --bench store`), at one and ten years
//! of history:
//! - `open_recent`: what the app reads before its first frame (this month and the last);
//! - `load_older`: the other months, read on two threads after the first frame (target ≤ 150 ms
//!   at ten years);
//! - `save_after_adding_one_session`: a session added and its month written, as the saver does
//!   (target ≤ 5 ms, whatever the length of the history);
//! - `import_100k`: `limber import` of a 100,000-session backup into an empty log, and again into
//!   a log that already holds it (target ≤ 4 s each, the median of 5: every file is read one way,
//!   on one thread, whatever its size).

mod common;

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone, Utc};
use divan::Bencher;
use limber::core::log::{Prefer, SessionLog};
use limber::core::session::Session;
use limber::core::store::{self, Month, Store};

fn main() {
    divan::main();
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid time"))
}

/// A data folder holding `years` of history in month files.
fn saved(years: u32) -> (tempfile::TempDir, SessionLog) {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let log = common::history(years, &common::routine());
    let mut store = Store::open(dir.path(), now())
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store
        .save(&log, now())
        .unwrap_or_else(|err| panic!("{err}"));
    (dir, log)
}

#[divan::bench(args = [1, 10], sample_count = 30)]
fn open_recent(bencher: Bencher, years: u32) {
    let (dir, log) = saved(years);
    eprintln!(
        "{years}-year log: {} sessions in {} month files",
        log.sessions().len(),
        log.months().len()
    );
    bencher.bench(|| {
        Store::open_recent(dir.path(), now(), Some(common::end_day()))
            .unwrap_or_else(|err| panic!("{err}"))
    });
}

#[divan::bench(args = [1, 10], sample_count = 30)]
fn load_older(bencher: Bencher, years: u32) {
    let (dir, _) = saved(years);
    bencher.bench_local(|| {
        let mut opened = Store::open_recent(dir.path(), now(), Some(common::end_day()))
            .unwrap_or_else(|err| panic!("{err}"));
        let older = std::mem::take(&mut opened.older);
        let (parts, notices) = opened.store.load_months(&older);
        opened.log.absorb_all(parts);
        (opened.log, notices)
    });
}

/// As in the app: a session is added and its month handed to the store.
#[divan::bench(args = [1, 10], sample_count = 30)]
fn save_after_adding_one_session(bencher: Bencher, years: u32) {
    let (dir, _) = saved(years);
    let opened = Store::open(dir.path(), now()).unwrap_or_else(|err| panic!("{err}"));
    let (mut store, mut log) = (opened.store, opened.log);
    let zone = FixedOffset::east_opt(3600).unwrap_or_else(|| panic!("a valid offset"));
    let mut at = now();
    bencher.bench_local(|| {
        at += TimeDelta::seconds(1);
        let session = Session::start(at, zone, 1);
        let month = Month::of(session.local_date);
        log.put_session(session);
        store
            .save_parts(&[(month, log.month(month))], at)
            .unwrap_or_else(|err| panic!("{err}"));
    });
}

/// A backup file of 100,000 sessions: the ten-year history, repeated with new ids on the same
/// days until it holds that many (so the months are the ten years' 120).
fn backup_of_100k(dir: &Path) -> std::path::PathBuf {
    let ten_years = common::history(10, &common::routine());
    let mut log = SessionLog::default();
    for copy in 0.. {
        for session in ten_years.sessions() {
            if log.sessions().len() == 100_000 {
                break;
            }
            let mut session = session.clone();
            session.id.0 = format!("{}-{copy}", session.id.0);
            log.edit_records(|r| {
                r.sessions.push(session);
            });
        }
        if log.sessions().len() == 100_000 {
            break;
        }
    }
    log.edit_records(|r| {
        r.sessions
            .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    });
    let path = dir.join("backup.ron");
    limber::core::atomic::write_atomically(&path, store::to_ron(&log).as_bytes())
        .unwrap_or_else(|err| panic!("{err}"));
    path
}

#[divan::bench(args = ["into an empty log", "again"], sample_count = 5)]
fn import_100k(bencher: Bencher, case: &str) {
    let work = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let backup = backup_of_100k(work.path());
    let run = |data: &Path| {
        store::import(data, &backup, Prefer::Ours, now()).unwrap_or_else(|err| panic!("{err}"))
    };
    bencher
        .with_inputs(|| {
            let data = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
            if case == "again" {
                run(data.path());
            }
            data
        })
        .bench_local_values(|data| {
            let imported = run(data.path());
            assert_eq!(
                imported.report.added + imported.report.same,
                100_000,
                "every session is added or found"
            );
            data
        });
}
