//! A person whose user folder has a letter outside ASCII (`C:\Users\Zoë` on Windows,
//! `/home/zoë` elsewhere): the log is written, read back, backed up and locked there, and the
//! settings folder beside it works. Runs on Linux and, built for Windows, under Wine
//! (`scripts/wine-check.sh`), where the path goes through Windows' UTF-16 file names.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, TimeDelta, TimeZone as _, Utc};
use limber_core::log::SessionLog;
use limber_core::paths::Paths;
use limber_core::session::Session;
use limber_core::store::{LOG_DIR, Store, StoreError};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap()
}

fn log_with_note(note: &str, at: DateTime<Utc>) -> SessionLog {
    let mut log = SessionLog::default();
    let mut session = Session::start(at, FixedOffset::east_opt(3600).unwrap(), 1);
    note.clone_into(&mut session.notes);
    log.put_session(session);
    log
}

/// The folders `directories` gives on Windows, under a home named Zoë.
fn zoe_paths(root: &Path) -> Paths {
    Paths::under(
        &root
            .join("Users")
            .join("Zoë")
            .join("AppData")
            .join("Roaming")
            .join("Limber"),
    )
}

#[test]
fn the_log_is_saved_read_backed_up_and_locked_under_a_user_folder_named_zoe() {
    let root = tempfile::tempdir().unwrap();
    let paths = zoe_paths(root.path());
    let yesterday = now() - TimeDelta::days(1);

    let mut store = Store::open(&paths.data_dir, yesterday).unwrap().store;
    let first = log_with_note("Zoë's first session, ça va", yesterday);
    store.save(&first, yesterday).unwrap();
    drop(store);

    let opened = Store::open(&paths.data_dir, now()).unwrap();
    assert_eq!(opened.log, first);
    assert!(opened.store.read_only().is_none());
    let months: Vec<_> = std::fs::read_dir(paths.data_dir.join(LOG_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(months.len(), 1);
    assert!(months[0].to_str().unwrap().contains("Zoë"), "{months:?}");
    assert!(
        !opened.store.backups().unwrap().is_empty(),
        "the day's backup was taken under the Zoë folder"
    );

    // While it is open, a second Limber on the same folder is refused (the lock works there).
    let second = Store::open(&paths.data_dir, now()).unwrap();
    assert!(
        matches!(
            second.store.ensure_writable(),
            Err(StoreError::ReadOnly { .. })
        ),
        "a second window must not write"
    );
    drop(second);
    drop(opened);

    paths.acknowledge_notice().unwrap();
    assert!(paths.notice_acknowledged());
}
