//! What the data folder may hold besides Limber's own files (issue 26): month files that are
//! links, links to nothing, things Limber did not put in `log/`, an old `log.ron` beside `log/`,
//! and a clock out of range. Nothing is ever replaced, deleted or written under a name no Limber
//! reads.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone, Utc};
use egui_kittest::kittest::Queryable as _;
use limber::core::log::SessionLog;
use limber::core::session::{Session, SessionId};
use limber::core::store::{
    LEGACY_LOG_FILE, LOCK_FILE, LOG_DIR, ReadOnlyReason, Store, load_log, to_ron,
};

fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

/// One finished session at `when`, with an id of its own.
fn session(when: DateTime<Utc>, n: u32) -> Session {
    let mut session = Session::start(when, FixedOffset::east_opt(3600).unwrap(), 1);
    session.id = SessionId(format!("{:012x}-{n:08x}", when.timestamp_millis()));
    session.ended_at = Some(when + TimeDelta::minutes(15));
    session
}

/// A log of one session on each of the given days of March 2026.
fn march_log(days: &[u32]) -> SessionLog {
    let mut log = SessionLog::default();
    for (n, day) in days.iter().enumerate() {
        log.put_session(session(at(2026, 3, *day, 8), u32::try_from(n).unwrap()));
    }
    log
}

/// Today, for every store in these tests.
fn now() -> DateTime<Utc> {
    at(2026, 3, 20, 12)
}

/// Everything in a folder (links not followed), sorted, with whether each is a link.
fn entries(dir: &Path) -> Vec<(String, bool)> {
    let mut names: Vec<(String, bool)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let link = e.file_type().unwrap().is_symlink();
            (e.file_name().to_string_lossy().into_owned(), link)
        })
        .collect();
    names.sort();
    names
}

fn march_path(data: &Path) -> PathBuf {
    data.join(LOG_DIR).join("2026-03.ron")
}

#[cfg(unix)]
#[test]
fn a_month_file_that_is_a_link_is_read_and_saved_through_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    fs::create_dir_all(data.join(LOG_DIR)).unwrap();
    let synced = dir.path().join("synced");
    fs::create_dir(&synced).unwrap();
    let target = synced.join("march.ron");
    fs::write(&target, to_ron(&march_log(&[2, 3]))).unwrap();
    std::os::unix::fs::symlink(&target, march_path(&data)).unwrap();

    let mut opened = Store::open(&data, now()).unwrap();
    assert_eq!(opened.log.sessions().len(), 2, "{:?}", opened.notices);
    assert_eq!(opened.store.damaged().count(), 0);
    opened.log.put_session(session(at(2026, 3, 19, 9), 9));
    opened.store.save(&opened.log, now()).unwrap();

    assert!(
        fs::symlink_metadata(march_path(&data))
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link stays a link"
    );
    assert_eq!(load_log(&target).unwrap().sessions().len(), 3);
    assert_eq!(
        entries(&synced),
        vec![("march.ron".into(), false)],
        "no temp file left"
    );
    drop(opened);
    let again = Store::open(&data, now()).unwrap();
    assert_eq!(again.log.sessions().len(), 3);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_and_a_link_to_a_folder_are_reported_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let log_dir = data.join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    std::os::unix::fs::symlink(dir.path().join("unplugged/march.ron"), march_path(&data)).unwrap();
    std::os::unix::fs::symlink(dir.path(), log_dir.join("2026-02.ron")).unwrap();

    let mut opened = Store::open(&data, now()).unwrap();
    let about = |name: &str| {
        opened
            .notices
            .iter()
            .filter(|n| n.contains(name))
            .cloned()
            .collect::<Vec<_>>()
    };
    let march = about("2026-03.ron");
    assert_eq!(march.len(), 1, "{:?}", opened.notices);
    assert!(march[0].contains("March 2026") && march[0].contains("cannot be found"));
    assert!(about("2026-02.ron")[0].contains("link to a folder"));
    assert_eq!(opened.store.damaged().count(), 2);

    opened.log.put_session(session(at(2026, 3, 19, 9), 9));
    opened.log.put_session(session(at(2026, 2, 19, 9), 8));
    assert!(opened.store.save(&opened.log, now()).is_err());
    assert_eq!(
        entries(&log_dir),
        vec![("2026-02.ron".into(), true), ("2026-03.ron".into(), true)],
        "both links kept as they were, nothing written beside them"
    );
    assert!(!dir.path().join("unplugged").exists());
}

#[test]
fn a_folder_named_like_a_month_is_reported_and_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    fs::create_dir_all(march_path(data)).unwrap();
    fs::write(march_path(data).join("inside.txt"), "mine").unwrap();
    let mut opened = Store::open(data, now()).unwrap();
    assert!(
        opened
            .notices
            .iter()
            .any(|n| n.contains("March 2026") && n.contains("folder")),
        "{:?}",
        opened.notices
    );
    opened.log.put_session(session(at(2026, 3, 19, 9), 9));
    let err = opened.store.save(&opened.log, now()).unwrap_err();
    assert!(err.to_string().contains("March 2026"), "{err}");
    assert!(march_path(data).join("inside.txt").is_file());
}

#[test]
fn anything_unexpected_in_the_log_folder_is_reported_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let log_dir = data.join(LOG_DIR);
    fs::create_dir_all(log_dir.join("old stuff")).unwrap();
    fs::write(log_dir.join("notes.txt"), "mine").unwrap();
    fs::write(log_dir.join("2026-3.ron"), "mine too").unwrap();
    fs::write(log_dir.join("2026-03.ron"), to_ron(&march_log(&[2]))).unwrap();

    let mut opened = Store::open(data, now()).unwrap();
    assert_eq!(opened.log.sessions().len(), 1);
    let reported: Vec<&String> = opened
        .notices
        .iter()
        .filter(|n| n.contains("notes.txt"))
        .collect();
    assert_eq!(reported.len(), 1, "{:?}", opened.notices);
    assert!(
        reported[0].contains("2026-3.ron, notes.txt, old stuff/"),
        "{}",
        reported[0]
    );
    assert!(!opened.notices.iter().any(|n| n.contains("2026-03.ron")));

    opened.log.put_session(session(at(2026, 3, 19, 9), 9));
    opened.store.save(&opened.log, now()).unwrap();
    assert_eq!(
        fs::read_to_string(log_dir.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        fs::read_to_string(log_dir.join("2026-3.ron")).unwrap(),
        "mine too"
    );
    assert!(log_dir.join("old stuff").is_dir());
}

/// A data folder with March's month file holding sessions on `in_log`, and beside it an old
/// `log.ron` (schema 2) holding sessions on `in_old`.
fn old_log_beside(in_log: &[u32], in_old: &[u32]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join(LOG_DIR)).unwrap();
    fs::write(march_path(dir.path()), to_ron(&march_log(in_log))).unwrap();
    let old = to_ron(&march_log(in_old)).replacen(
        &format!("schema_version: {}", limber::core::session::SCHEMA_VERSION),
        "schema_version: 2",
        1,
    );
    fs::write(dir.path().join(LEGACY_LOG_FILE), old).unwrap();
    dir
}

#[test]
fn an_old_log_ron_beside_the_month_files_with_a_new_session_is_merged() {
    let dir = old_log_beside(&[2, 3], &[2, 3, 4]);
    let before = fs::read(march_path(dir.path())).unwrap();
    // While another Limber holds the folder, nothing is merged or renamed.
    let lock = fs::File::create(dir.path().join(LOCK_FILE)).unwrap();
    lock.lock().unwrap();
    let read_only = Store::open(dir.path(), now()).unwrap();
    assert!(read_only.store.read_only().is_some());
    assert!(dir.path().join(LEGACY_LOG_FILE).is_file());
    assert_eq!(fs::read(march_path(dir.path())).unwrap(), before);
    drop((read_only, lock));

    let opened = Store::open(dir.path(), now()).unwrap();
    let said: Vec<&String> = opened
        .notices
        .iter()
        .filter(|n| n.contains("log.ron"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", opened.notices);
    assert!(
        said[0].starts_with("Added 1 session from an older log.ron"),
        "{}",
        said[0]
    );
    assert!(!said[0].contains("Finished moving"));
    assert_eq!(opened.log.sessions().len(), 3);
    assert_eq!(
        load_log(&march_path(dir.path())).unwrap().sessions().len(),
        3
    );
    assert!(!dir.path().join(LEGACY_LOG_FILE).exists());
    assert!(
        dir.path().join("log.schema-2.ron").is_file(),
        "kept, renamed"
    );
    drop(opened);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.sessions().len(), 3);
    assert!(!again.notices.iter().any(|n| n.contains("log.ron")));
}

#[test]
fn an_old_log_ron_with_nothing_new_adds_nothing_and_says_so() {
    let dir = old_log_beside(&[2, 3, 4], &[2]);
    let before = fs::read(march_path(dir.path())).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(
        opened
            .notices
            .iter()
            .any(|n| n.contains("log.ron") && n.contains("nothing was added")),
        "{:?}",
        opened.notices
    );
    assert_eq!(opened.log.sessions().len(), 3);
    assert_eq!(fs::read(march_path(dir.path())).unwrap(), before);
    assert!(dir.path().join("log.schema-2.ron").is_file());
}

#[test]
fn an_old_log_ron_with_another_version_of_a_session_keeps_the_log_s_and_says_so() {
    let dir = old_log_beside(&[2, 3], &[2]);
    let mut old = march_log(&[2]);
    old.edit_records(|r| r.sessions[0].notes = "Written by an older Limber.".into());
    fs::write(dir.path().join(LEGACY_LOG_FILE), to_ron(&old)).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(
        opened
            .notices
            .iter()
            .any(|n| n.contains("nothing was added")
                && n.contains("One session in it differs from your log's")),
        "{:?}",
        opened.notices
    );
    assert_eq!(opened.log.sessions()[0].notes, "");
}

/// Every file under `dir`, at every depth, sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found.sort();
    found
}

#[test]
fn a_clock_in_year_10002_or_1969_writes_nothing_and_does_not_panic() {
    for wrong in [
        at(10002, 6, 1, 12),
        Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap(),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(LOG_DIR)).unwrap();
        fs::write(march_path(dir.path()), to_ron(&march_log(&[2]))).unwrap();
        let before = files_under(dir.path());
        let mut opened = Store::open(dir.path(), wrong).unwrap();
        assert_eq!(opened.log.sessions().len(), 1, "the log is shown");
        let reason = opened.store.read_only().unwrap().to_string();
        assert!(
            reason.starts_with("Your computer's clock says ") && reason.contains("saves nothing"),
            "{reason}"
        );
        opened.log.put_session(session(wrong, 9));
        let err = opened.store.save(&opened.log, wrong).unwrap_err();
        assert!(err.to_string().contains("clock"), "{err}");
        let mut after = files_under(dir.path());
        after.retain(|p| !p.ends_with("limber.lock"));
        assert_eq!(after, before, "no month file, no backup");
    }
}

#[test]
fn a_store_opened_with_a_right_clock_refuses_a_save_at_a_wrong_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut opened = Store::open(dir.path(), now()).unwrap();
    let wrong = at(10002, 6, 1, 12);
    opened.log.put_session(session(wrong, 1));
    assert!(opened.store.save(&opened.log, wrong).is_err());
    // A record dated in year 10002 has no month file name, even at a right time.
    let err = opened.store.save(&opened.log, now()).unwrap_err();
    assert!(
        err.to_string().contains("no place in a month file"),
        "{err}"
    );
    assert!(!dir.path().join(LOG_DIR).join("10002-06.ron").exists());
}

mod common;

#[test]
fn the_window_with_a_clock_in_year_10002_shows_the_log_s_last_day_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = limber::core::paths::Paths::under(dir.path()).data_dir;
    fs::create_dir_all(data.join(LOG_DIR)).unwrap();
    fs::write(march_path(&data), to_ron(&march_log(&[2, 9]))).unwrap();
    let before = files_under(&data);

    let mut harness = common::open(dir.path(), at(10002, 6, 1, 12), false);
    // March is not "this month or the last" of year 10002: it is read in the background.
    for _ in 0..500 {
        harness.run_steps(1);
        if !harness.state().persistence.loading_older() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run_steps(2);
    harness.get_by_label_contains("Your computer's clock says 10002-06-01");
    let app = harness.state();
    assert!(matches!(
        app.read_only(),
        Some(ReadOnlyReason::ClockOutOfRange(_))
    ));
    assert_eq!(
        app.now().local_date(),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
        "Today shows the last day with a session"
    );
    drop(harness);
    let mut after = files_under(&data);
    after.retain(|p| !p.ends_with(LOCK_FILE));
    assert_eq!(after, before, "no month file, no backup");
}
