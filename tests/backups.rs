//! Daily backups through the store (issue 26): real copies that an edit of a live month in
//! place cannot change, unchanged months shared with the earlier backup and never with the live
//! file, and a rotation that a clock set ahead cannot turn against today's backup.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

mod common;

use std::fs;
use std::io::{Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone as _, Utc};
use egui_kittest::kittest::Queryable as _;
use limber::core::log::SessionLog;
use limber::core::paths::Paths;
use limber::core::session::{Session, SessionId};
use limber::core::store::{BACKUP_DIR, LOG_DIR, Month, Store};

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
}

/// A log with one session on each of `days` (UTC mornings, one hour east of UTC).
fn log_of(days: &[DateTime<Utc>]) -> SessionLog {
    let mut log = SessionLog::default();
    for (i, day) in days.iter().enumerate() {
        let mut session = Session::start(*day, FixedOffset::east_opt(3600).unwrap(), 1);
        session.id = SessionId(format!("session-{i}"));
        session.notes = format!("Day {i}: looser.");
        session.ended_at = Some(*day + TimeDelta::minutes(20));
        log.put_session(session);
    }
    log
}

fn march() -> Month {
    Month::of(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())
}

fn april() -> Month {
    Month::of(NaiveDate::from_ymd_opt(2026, 4, 1).unwrap())
}

/// Saves only April's file on `day` (the way the app saves the month it changed): the day's
/// backup is taken first, holding March as it is.
fn save_april(store: &mut Store, log: &SessionLog, day: DateTime<Utc>) {
    store
        .save_parts(&[(april(), log.month(april()))], day)
        .unwrap();
}

/// The backup folders in the data folder, by name.
fn backup_folders(data: &Path) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = fs::read_dir(data.join(BACKUP_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    folders.sort();
    folders
}

#[test]
fn editing_a_live_month_in_place_leaves_every_backup_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let first = at(2026, 4, 1);
    let mut store = Store::open(data, first).unwrap().store;
    let mut log = log_of(&[at(2026, 3, 10), at(2026, 3, 11)]);
    store.save(&log, first).unwrap();
    for day in 2..=4 {
        log = log_of(&[at(2026, 3, 10), at(2026, 3, 11), at(2026, 4, day)]);
        save_april(&mut store, &log, at(2026, 4, day));
    }
    let live = data.join(LOG_DIR).join(march().file_name());
    let before = fs::read(&live).unwrap();
    let folders = backup_folders(data);
    assert_eq!(folders.len(), 3, "{folders:?}");

    // An editor that writes the file in place: same file, other bytes.
    let mut file = fs::OpenOptions::new().write(true).open(&live).unwrap();
    file.seek(SeekFrom::Start(0)).unwrap();
    file.write_all(b"// edited in place\n").unwrap();
    file.sync_all().unwrap();
    drop(file);
    assert_ne!(fs::read(&live).unwrap(), before);

    for folder in &folders {
        assert_eq!(
            fs::read(folder.join(march().file_name())).unwrap(),
            before,
            "{} changed with the live file",
            folder.display()
        );
    }
}

#[cfg(unix)]
#[test]
fn an_unchanged_month_is_shared_with_the_earlier_backup_never_with_the_live_file() {
    use std::os::unix::fs::MetadataExt as _;
    let inode = |path: &Path| fs::metadata(path).unwrap().ino();

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut store = Store::open(data, at(2026, 4, 1)).unwrap().store;
    let log = log_of(&[at(2026, 3, 10), at(2026, 4, 1)]);
    store.save(&log, at(2026, 4, 1)).unwrap();
    let log = log_of(&[at(2026, 3, 10), at(2026, 4, 1), at(2026, 4, 2)]);
    save_april(&mut store, &log, at(2026, 4, 2));
    let log = log_of(&[
        at(2026, 3, 10),
        at(2026, 4, 1),
        at(2026, 4, 2),
        at(2026, 4, 3),
    ]);
    save_april(&mut store, &log, at(2026, 4, 3));

    let backups = data.join(BACKUP_DIR);
    let live = data.join(LOG_DIR);
    let (earlier, later) = (backups.join("2026-04-02"), backups.join("2026-04-03"));
    // March did not change between the two backups: one copy, shared by both.
    let march = march().file_name();
    assert_eq!(inode(&later.join(&march)), inode(&earlier.join(&march)));
    assert_ne!(inode(&later.join(&march)), inode(&live.join(&march)));
    // April changed: a copy of its own, not the live file's.
    let april = april().file_name();
    assert_ne!(inode(&later.join(&april)), inode(&earlier.join(&april)));
    assert_ne!(inode(&later.join(&april)), inode(&live.join(&april)));

    // Restore writes fresh files into the log: none is a backup's.
    let chosen = store
        .backups()
        .unwrap()
        .into_iter()
        .find(|b| b.path == later)
        .unwrap();
    store.restore(&chosen, at(2026, 4, 3)).unwrap();
    for month in [&march, &april] {
        assert_ne!(
            inode(&live.join(month)),
            inode(&later.join(month)),
            "{month}"
        );
        assert_eq!(
            fs::read(live.join(month)).unwrap(),
            fs::read(later.join(month)).unwrap()
        );
    }
}

#[test]
fn backups_dated_in_the_future_do_not_push_out_today_s_and_are_listed_as_future() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let today = at(2026, 4, 10);
    let mut store = Store::open(data, at(2026, 4, 1)).unwrap().store;
    store
        .save(&log_of(&[at(2026, 3, 10), at(2026, 4, 1)]), at(2026, 4, 1))
        .unwrap();
    // Eight backups left by a clock set ahead by months, a week apart: more than the 7 daily and 4 weekly
    // places.
    let backups = data.join(BACKUP_DIR);
    let future: Vec<PathBuf> = (1..=8)
        .map(|week| {
            let ahead = today.date_naive() + TimeDelta::days(60) + TimeDelta::weeks(week);
            let folder = backups.join(ahead.format("%Y-%m-%d").to_string());
            fs::create_dir_all(&folder).unwrap();
            fs::write(folder.join(march().file_name()), "(sessions: [])").unwrap();
            folder
        })
        .collect();

    let log = log_of(&[at(2026, 3, 10), at(2026, 4, 1), at(2026, 4, 10)]);
    save_april(&mut store, &log, today);
    let todays = backups.join("2026-04-10");
    assert!(
        todays.is_dir(),
        "today's backup was pruned by the save that made it"
    );
    let listed = store.backups().unwrap();
    let made = listed.iter().find(|b| b.path == todays).unwrap();
    assert_eq!(made.months, Some(2));
    assert!(!made.is_future(today.date_naive()));
    for folder in &future {
        assert!(folder.is_dir(), "{} was pruned", folder.display());
    }
    // A few more days of saves still keep today's and every future one.
    for day in 11..=20 {
        let log = log_of(&[at(2026, 3, 10), at(2026, 4, 1), at(2026, 4, day)]);
        save_april(&mut store, &log, at(2026, 4, day));
    }
    let listed = store.backups().unwrap();
    let last_day = at(2026, 4, 20).date_naive();
    let dated_ahead: Vec<&PathBuf> = listed
        .iter()
        .filter(|b| b.is_future(last_day))
        .map(|b| &b.path)
        .collect();
    assert_eq!(dated_ahead, future.iter().rev().collect::<Vec<_>>());
    let past: Vec<NaiveDate> = listed
        .iter()
        .filter(|b| !b.is_future(last_day))
        .map(|b| b.date)
        .collect();
    for back in 0..7 {
        assert!(
            past.contains(&(last_day - TimeDelta::days(back))),
            "{past:?}"
        );
    }
}

/// History's "Restore from backup…" says which backups are dated in the future.
#[test]
fn history_lists_a_backup_dated_in_the_future_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let data = Paths::under(dir.path()).data_dir;
    let morning = |day| Utc.with_ymd_and_hms(2026, 11, day, 8, 0, 0).unwrap();
    let mut harness = common::open(dir.path(), morning(24), false);
    harness.get_by_label("Log a rest day").click();
    harness.run_steps(2);
    harness.get_by_label("Travelling").click();
    harness.run_steps(2);
    assert!(harness.state().flush());
    drop(harness);
    // A backup left by a clock set a year ahead.
    let ahead = data.join(BACKUP_DIR).join("2027-11-20");
    fs::create_dir_all(&ahead).unwrap();
    fs::copy(
        data.join(LOG_DIR).join("2026-11.ron"),
        ahead.join("2026-11.ron"),
    )
    .unwrap();

    let mut harness = common::open(dir.path(), morning(25), false);
    harness.get_by_label("History").click();
    harness.run_steps(2);
    harness.get_by_label("Restore from backup\u{2026}").click();
    for _ in 0..250 {
        harness.run_steps(1);
        if harness.state().persistence.listed_backups().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run_steps(2);
    assert_eq!(
        harness
            .query_all_by_label_contains("dated in the future")
            .count(),
        1
    );
    assert!(
        harness
            .query_by_label_contains("Saturday 20 November 2027 (1 month), dated in the future")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Restore backup of 2027-11-20")
            .is_some()
    );
}
