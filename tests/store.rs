//! Durability of the session log: kills mid-save, damaged files, full and read-only disks, two
//! instances, time zones, schema versions, backups, and the `export`/`import` commands.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, TimeZone, Utc};
use limber::core::atomic::TEMP_PREFIX;
use limber::core::log::SessionLog;
use limber::core::sample::SplitMix64;
use limber::core::session::{
    CheckIn, Completion, ExerciseRecord, ExportRecord, Hurt, PainScore, RedFlag, RestReason,
    SCHEMA_VERSION, Session, SessionId, SessionKind, Symptom,
};
use limber::core::store::{
    self, BACKUP_DIR, LEGACY_LOG_FILE, LOG_DIR, Month, ReadOnlyReason, Store, StoreError, load_log,
    to_ron,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree as _;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn offset(secs: i32) -> FixedOffset {
    FixedOffset::east_opt(secs).unwrap()
}

/// A small log with a bit of everything.
fn sample_log(sessions: usize) -> SessionLog {
    let mut log = SessionLog::default();
    for i in 0..sessions {
        let now = at(2026, 3, 1, 8, 0) + TimeDelta::days(i64::try_from(i).unwrap());
        let mut session = Session::start(now, offset(3600), 1);
        session.id = SessionId(format!("{:012x}-{i:08x}", now.timestamp_millis()));
        session.pain_before = PainScore::new(6);
        session.pain_after = PainScore::new(3);
        session.symptoms = vec![Symptom::Stiffness];
        session.notes = format!("Day {i}: looser.\n背中 🙂 الظهر");
        session.exercises.push(ExerciseRecord {
            exercise_id: "open-book".into(),
            name: "Open book".into(),
            completion: Completion::Done,
            holds_done: 6,
            hurt: Some(Hurt::ALittle),
            ..ExerciseRecord::default()
        });
        session.ended_at = Some(now + TimeDelta::minutes(20));
        log.put_session(session);
    }
    log
}

/// Every month file in the data folder `dir`, read with `ron` alone and put together.
fn read_months(dir: &Path) -> SessionLog {
    let mut log = SessionLog::default();
    let Ok(entries) = fs::read_dir(dir.join(LOG_DIR)) else {
        return log;
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(Month::from_file_name)
                .is_some()
        })
        .collect();
    paths.sort();
    for path in paths {
        let part = load_log(&path).unwrap_or_else(|err| panic!("{err}"));
        log.absorb(part);
    }
    log
}

/// The month file of March 2026, where `sample_log` puts its sessions.
fn march(dir: &Path) -> PathBuf {
    dir.join(LOG_DIR).join("2026-03.ron")
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    [dir.to_owned(), dir.join(LOG_DIR), dir.join(BACKUP_DIR)]
        .iter()
        .filter_map(|d| fs::read_dir(d).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(TEMP_PREFIX))
        .map(|e| e.path())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Killed mid-save

const SAVE_LOOP_ENV: &str = "LIMBER_TEST_SAVE_LOOP_DIR";

/// Run as a child process by `sigkill_during_saves_never_loses_a_returned_save`: adds a session
/// and saves, over and over, printing each id once its save has returned.
#[test]
#[ignore = "helper process for sigkill_during_saves_never_loses_a_returned_save"]
fn save_loop_child() {
    let Ok(dir) = std::env::var(SAVE_LOOP_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let mut out = std::io::stdout().lock();
    let mut now = at(2026, 1, 1, 8, 0);
    let opened = Store::open(&dir, now).unwrap();
    let mut store = opened.store;
    assert!(store.read_only().is_none(), "{:?}", store.read_only());
    let mut log = opened.log;
    if let Some(last) = log.sessions().last() {
        now = last.started_at + TimeDelta::hours(5);
    }
    for i in 0..10_000u32 {
        let mut session = Session::start(now, offset(3600), 1);
        session.id = SessionId(format!("{}-{i}", std::process::id()));
        session.notes = format!("saved in a loop, round {i}");
        let id = session.id.0.clone();
        let month = Month::of(session.local_date);
        log.put_session(session);
        store.save_parts(&[(month, log.month(month))], now).unwrap();
        writeln!(out, "saved {id}").unwrap();
        out.flush().unwrap();
        now += TimeDelta::hours(5);
    }
}

#[test]
fn sigkill_during_saves_never_loses_a_returned_save() {
    const KILLS: u32 = 200;
    let dir = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = SplitMix64::new(0x5EED);
    let mut confirmed = BTreeSet::new();
    for round in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", "save_loop_child", "--ignored", "--nocapture"])
            .args(["--test-threads", "1"])
            .env(SAVE_LOOP_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Most rounds kill while saves are under way; some kill during start-up.
        if rng.chance(0.85) {
            loop {
                match rx.recv_timeout(Duration::from_secs(20)) {
                    Ok(line) if line.starts_with("saved ") => {
                        confirmed.insert(line["saved ".len()..].to_owned());
                        break;
                    }
                    Ok(_) => {}
                    Err(err) => panic!("round {round}: the child never saved ({err})"),
                }
            }
        }
        std::thread::sleep(Duration::from_micros(u64::from(rng.between(0, 15_000))));
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        for line in rx.try_iter() {
            if let Some(id) = line.strip_prefix("saved ") {
                confirmed.insert(id.to_owned());
            }
        }
        let log = read_months(dir.path());
        let saved: BTreeSet<&str> = log.sessions().iter().map(|s| s.id.0.as_str()).collect();
        let missing: Vec<&String> = confirmed
            .iter()
            .filter(|id| !saved.contains(id.as_str()))
            .collect();
        assert!(missing.is_empty(), "round {round}: lost {missing:?}");
    }
    assert!(
        confirmed.len() >= usize::try_from(KILLS * 3 / 4).unwrap(),
        "only {} saves returned",
        confirmed.len()
    );
    let opened = Store::open(dir.path(), at(2030, 1, 1, 0, 0)).unwrap();
    assert!(
        opened.store.read_only().is_none(),
        "a killed instance left a lock behind"
    );
    assert!(
        temp_files(dir.path()).is_empty(),
        "stray temp files were not cleaned"
    );
    println!(
        "{KILLS} kills, {} confirmed saves, all present",
        confirmed.len()
    );
}

// ---------------------------------------------------------------------------------------------
// Damaged files

/// Opens `dir` and returns the store with the error of its damaged March, if any.
fn damaged_march(store: &Store) -> Option<(usize, usize, String, PathBuf)> {
    store.damaged().find_map(|(month, err)| match err {
        StoreError::Damaged {
            path, line, column, ..
        } if month == Month::of(date(2026, 3, 1)) => {
            Some((*line, *column, err.to_string(), path.clone()))
        }
        _ => None,
    })
}

#[test]
fn every_truncation_point_is_a_clear_error_and_leaves_the_file_untouched() {
    let full = to_ron(&sample_log(2)).into_bytes();
    let dir = tempfile::tempdir().unwrap();
    let path = march(dir.path());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let now = at(2026, 4, 1, 9, 0);
    for cut in 0..full.len() {
        let part = &full[..cut];
        fs::write(&path, part).unwrap();
        let opened = Store::open(dir.path(), now).unwrap();
        let mut store = opened.store;
        if let Some((line, column, message, named)) = damaged_march(&store) {
            assert_eq!(named, path);
            assert!(line >= 1 && column >= 1);
            assert!(message.contains(&format!("line {line}, column {column}")));
            assert!(message.contains("Restore a backup"), "{message}");
            assert!(opened.log.sessions().is_empty());
            assert!(
                opened.notices.iter().any(|n| n.contains("March 2026")),
                "{:?}",
                opened.notices
            );
            let month = Month::of(date(2026, 3, 1));
            assert!(store.save_parts(&[(month, sample_log(1))], now).is_err());
            // Other months still save.
            let april = Month::of(date(2026, 4, 1));
            store
                .save_parts(&[(april, SessionLog::default())], now)
                .unwrap();
        } else {
            assert!(
                full[cut..].iter().all(u8::is_ascii_whitespace),
                "cut {cut}: a truncated file loaded"
            );
            assert_eq!(opened.log, sample_log(2));
        }
        drop(store);
        assert_eq!(fs::read(&path).unwrap(), part, "cut {cut}: file changed");
    }
}

#[test]
fn zero_bytes_and_nul_bytes_are_clear_errors_and_left_untouched() {
    for (name, bytes) in [("empty", Vec::new()), ("nul", vec![0u8; 4096])] {
        let dir = tempfile::tempdir().unwrap();
        let path = march(dir.path());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, &bytes).unwrap();
        let now = at(2026, 4, 1, 9, 0);
        let mut store = Store::open(dir.path(), now).unwrap().store;
        let (_, _, message, _) = damaged_march(&store).expect(name);
        let expected = if bytes.is_empty() { "empty" } else { "NUL" };
        assert!(message.contains(expected), "{message}");
        assert!(message.contains(&path.display().to_string()), "{message}");
        let err = store.save(&sample_log(1), now).unwrap_err();
        assert!(matches!(err, StoreError::ReadOnly { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), bytes);
    }
}

#[test]
fn a_damaged_month_is_shown_without_and_restore_keeps_the_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = march(dir.path());
    // Day 1: two sessions saved. Day 2: the first save backs up day 1's log, then a third
    // session is saved. February holds one more session, never damaged.
    let mut store = Store::open(dir.path(), at(2026, 3, 1, 8, 0)).unwrap().store;
    let mut february = Session::start(at(2026, 2, 10, 8, 0), offset(3600), 1);
    february.id = SessionId("february".into());
    let with_february = |mut log: SessionLog| {
        log.put_session(february.clone());
        log
    };
    store
        .save(&with_february(sample_log(2)), at(2026, 3, 1, 8, 0))
        .unwrap();
    store
        .save(&with_february(sample_log(3)), at(2026, 3, 2, 8, 0))
        .unwrap();
    drop(store);
    fs::write(&path, b"(schema_version: 3, sessions: [ (id: \"x\"").unwrap();
    let damaged = fs::read(&path).unwrap();

    let opened = Store::open(dir.path(), at(2026, 3, 3, 8, 0)).unwrap();
    let mut store = opened.store;
    assert!(store.read_only().is_none(), "other months still save");
    assert!(damaged_march(&store).is_some());
    let shown: Vec<&str> = opened
        .log
        .sessions()
        .iter()
        .map(|s| s.id.0.as_str())
        .collect();
    assert_eq!(shown, ["february"], "the readable months are shown");
    assert_eq!(fs::read(&path).unwrap(), damaged, "nothing saved yet");

    let backups = store.backups().unwrap();
    assert_eq!(backups.len(), 1);
    assert_eq!(backups[0].months, Some(2));
    let restored = store.restore(&backups[0], at(2026, 3, 3, 8, 5)).unwrap();
    assert_eq!(restored, with_february(sample_log(2)));
    assert!(store.damaged().next().is_none());
    assert_eq!(read_months(dir.path()), with_february(sample_log(2)));
    // The log as it was (the damaged file with it) is kept as the backup of this moment.
    let kept = store
        .backups()
        .unwrap()
        .into_iter()
        .find(|b| b.taken_at.is_some())
        .expect("the log before the restore is kept");
    assert_eq!(fs::read(kept.path.join("2026-03.ron")).unwrap(), damaged);
    store
        .save(&with_february(sample_log(4)), at(2026, 3, 3, 9, 0))
        .unwrap();
    assert_eq!(read_months(dir.path()).sessions().len(), 5);
}

#[test]
fn setting_the_damaged_file_aside_starts_the_month_afresh_and_keeps_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = march(dir.path());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, b"not a log at all").unwrap();
    let now = at(2026, 3, 3, 8, 0);
    let mut store = Store::open(dir.path(), now).unwrap().store;
    let aside = store.set_damaged_file_aside(now).unwrap();
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), b"not a log at all");
    assert!(
        Month::from_file_name(&aside[0].file_name().unwrap().to_string_lossy()).is_none(),
        "the kept file is no longer read as a month"
    );
    assert!(!path.exists());
    store.save(&sample_log(1), now).unwrap();
    assert_eq!(read_months(dir.path()), sample_log(1));
    assert!(matches!(
        store.set_damaged_file_aside(now),
        Err(StoreError::NothingToSetAside { .. })
    ));
}

#[test]
fn an_unknown_field_in_a_month_file_is_an_error_with_its_place_and_the_file_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 1, 8, 0);
    Store::open(dir.path(), now)
        .unwrap()
        .store
        .save(&sample_log(1), now)
        .unwrap();
    let path = march(dir.path());
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("notes:", "note:");
    fs::write(&path, &text).unwrap();
    let mut store = Store::open(dir.path(), now).unwrap().store;
    let (line, _, message, _) = damaged_march(&store).expect("a typo is refused");
    assert!(message.contains("`note`"), "{message}");
    assert!(text.lines().nth(line - 1).unwrap().contains("note:"));
    assert!(store.save(&sample_log(2), now).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), text, "the typo is kept");
}

#[test]
fn the_same_session_twice_in_a_file_is_reported_with_both_lines_and_both_kept() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 1, 8, 0);
    let mut log = sample_log(1);
    let mut twin = log.sessions()[0].clone();
    twin.notes = "edited on the other laptop".into();
    log.edit_records(|r| {
        r.sessions.push(twin);
    });
    let path = march(dir.path());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, to_ron(&log)).unwrap();
    let opened = Store::open(dir.path(), now).unwrap();
    assert_eq!(opened.log.sessions().len(), 2, "both copies are kept");
    let notice = opened
        .notices
        .iter()
        .find(|n| n.contains("more than once"))
        .expect("a notice names the duplicate");
    let lines: Vec<usize> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&log.sessions()[0].id.0))
        .map(|(n, _)| n + 1)
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(
        notice.contains(&format!("lines {} and {}", lines[0], lines[1])),
        "{notice}"
    );
}

// ---------------------------------------------------------------------------------------------
// Disk full, read-only folder

/// A tmpfs mounted on a folder for the length of a test (root only); unmounted on drop.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(dir: &Path, size: &str) -> Option<Tmpfs> {
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| Tmpfs(dir.to_owned()))
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success(), "remount {options} failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
#[ignore = "mounts a small tmpfs, which needs root; CI (root) runs it with `cargo test --test store -- --ignored disk_full`"]
fn disk_full_is_an_error_that_damages_nothing_and_a_retry_succeeds() {
    let outer = tempfile::tempdir().unwrap();
    let tmpfs = Tmpfs::mount(outer.path(), "256k")
        .expect("mounting a tmpfs failed: this test needs root (CI runs it as root)");
    let dir = outer.path().join("data");
    let now = at(2026, 3, 1, 8, 0);
    let mut store = Store::open(&dir, now).unwrap().store;
    let small = sample_log(2);
    store.save(&small, now).unwrap();
    let before = fs::read(march(&dir)).unwrap();

    let mut big = small.clone();
    let mut session = Session::start(now + TimeDelta::hours(3), offset(3600), 1);
    session.notes = "A long note. ".repeat(30_000);
    big.put_session(session);
    let err = store.save(&big, now).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("the disk is full"), "{message}");
    assert!(message.contains("Free some space"), "{message}");
    assert_eq!(fs::read(march(&dir)).unwrap(), before, "log damaged");
    assert!(temp_files(&dir).is_empty(), "temp file left behind");

    tmpfs.remount("size=8m");
    store.save(&big, now).unwrap();
    assert_eq!(read_months(&dir), big);
}

#[test]
fn read_only_folder_is_an_error_that_damages_nothing_and_a_retry_succeeds() {
    let outer = tempfile::tempdir().unwrap();
    let tmpfs = Tmpfs::mount(outer.path(), "8m");
    let dir = outer.path().join("data");
    let now = at(2026, 3, 1, 8, 0);
    let mut store = Store::open(&dir, now).unwrap().store;
    store.save(&sample_log(2), now).unwrap();
    let before = fs::read(march(&dir)).unwrap();
    let make_read_only = |read_only: bool| {
        if let Some(tmpfs) = &tmpfs {
            tmpfs.remount(if read_only { "ro" } else { "rw" });
        } else {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = if read_only { 0o555 } else { 0o755 };
            for folder in [dir.clone(), dir.join(LOG_DIR)] {
                fs::set_permissions(&folder, fs::Permissions::from_mode(mode)).unwrap();
            }
        }
    };
    make_read_only(true);
    match store.save(&sample_log(3), now + TimeDelta::days(1)) {
        Err(err @ StoreError::Write { .. }) => {
            let message = err.to_string();
            assert!(
                message.contains("read-only") || message.contains("not allowed"),
                "{message}"
            );
        }
        other => {
            make_read_only(false);
            panic!("expected a write error, got {other:?} (running as root without mount?)");
        }
    }
    assert_eq!(fs::read(march(&dir)).unwrap(), before, "log damaged");
    make_read_only(false);
    store
        .save(&sample_log(3), now + TimeDelta::days(1))
        .unwrap();
    assert_eq!(read_months(&dir), sample_log(3));
}

// ---------------------------------------------------------------------------------------------
// Two instances

#[test]
fn a_second_instance_opens_read_only_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 1, 8, 0);
    let mut first = Store::open(dir.path(), now).unwrap().store;
    first.save(&sample_log(2), now).unwrap();
    let stray = dir.path().join(format!("{TEMP_PREFIX}4000000-log.ron"));
    fs::write(&stray, b"the first instance's save in progress").unwrap();

    let second = Store::open(dir.path(), now).unwrap();
    let mut second_store = second.store;
    match second_store.read_only() {
        Some(reason @ ReadOnlyReason::OtherInstance { lock_path }) => {
            assert!(lock_path.starts_with(dir.path()));
            assert!(reason.to_string().contains("another window"));
        }
        other => panic!("expected read-only for another instance, got {other:?}"),
    }
    assert_eq!(
        second.log,
        sample_log(2),
        "the second instance still shows the log"
    );
    assert!(
        stray.exists(),
        "the second instance must not clean the first's files"
    );
    let before = fs::read(march(dir.path())).unwrap();
    assert!(matches!(
        second_store.save(&sample_log(5), now),
        Err(StoreError::ReadOnly { .. })
    ));
    let backups = second_store.backups().unwrap();
    if let Some(backup) = backups.first() {
        assert!(second_store.restore(backup, now).is_err());
    }
    assert_eq!(fs::read(march(dir.path())).unwrap(), before);

    drop(second_store);
    drop(first);
    let third = Store::open(dir.path(), now).unwrap();
    assert!(
        third.store.read_only().is_none(),
        "the lock is released on drop"
    );
    assert!(!stray.exists(), "stray temp files are cleaned by the owner");
}

// ---------------------------------------------------------------------------------------------
// Time zones

#[test]
fn sessions_around_daylight_saving_and_a_time_zone_change_keep_their_local_day() {
    let paris_winter = offset(3600);
    let paris_summer = offset(7200);
    let new_york = offset(-5 * 3600);
    let tokyo = offset(9 * 3600);
    // (UTC start, offset, expected local date)
    let cases = [
        // Paris, the night clocks go forward (2026-03-29, 02:00 → 03:00).
        (at(2026, 3, 28, 22, 30), paris_winter, date(2026, 3, 28)),
        (at(2026, 3, 28, 23, 30), paris_winter, date(2026, 3, 29)),
        (at(2026, 3, 29, 1, 30), paris_summer, date(2026, 3, 29)),
        // Paris, the night clocks go back (2026-10-25): 02:30 happens twice.
        (at(2026, 10, 25, 0, 30), paris_summer, date(2026, 10, 25)),
        (at(2026, 10, 25, 1, 30), paris_winter, date(2026, 10, 25)),
        (at(2026, 10, 24, 22, 15), paris_summer, date(2026, 10, 25)),
        // Late evening in New York, then the next morning after flying to Tokyo: in UTC the
        // Tokyo session comes first, but each keeps its own local day.
        (at(2026, 11, 2, 3, 0), new_york, date(2026, 11, 1)),
        (at(2026, 11, 1, 22, 0), tokyo, date(2026, 11, 2)),
    ];
    let mut log = SessionLog::default();
    for (start, zone, _) in cases {
        log.put_session(Session::start(start, zone, 1));
    }
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 11, 3, 8, 0);
    Store::open(dir.path(), now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let loaded = Store::open(dir.path(), now).unwrap().log;
    for (start, zone, expected) in cases {
        let session = loaded
            .sessions()
            .iter()
            .find(|s| s.started_at == start)
            .unwrap();
        assert_eq!(session.local_date, expected, "{start} at {zone}");
        assert_eq!(session.offset(), zone);
        assert_eq!(session.local_start().date_naive(), expected);
        assert!(loaded.on_date(expected).any(|s| s.id == session.id));
    }
    assert_eq!(loaded.on_date(date(2026, 3, 29)).count(), 2);
    assert_eq!(loaded.on_date(date(2026, 10, 25)).count(), 3);
}

// ---------------------------------------------------------------------------------------------
// Schema versions

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn the_version_1_fixture_loads_with_everything_kept() {
    let log = load_log(&fixture("log-v1.ron")).unwrap();
    assert_eq!(log.schema_version(), SCHEMA_VERSION);
    assert_eq!(log.sessions().len(), 3);
    let first = &log.sessions()[0];
    assert_eq!(first.pain_before, PainScore::new(6));
    assert_eq!(first.pain_change(), Some(-2));
    assert!(first.notes.contains("背中") && first.notes.contains('\n'));
    let retired = first.record("retired-exercise").unwrap();
    assert_eq!(
        retired.completion,
        Completion::Skipped,
        "unknown exercises are kept"
    );
    assert_eq!(
        log.sessions()[1].kind,
        SessionKind::RestDay(RestReason::FlareUp)
    );
    let moving = &log.sessions()[2];
    assert_eq!(
        moving.kind,
        SessionKind::RestDay(RestReason::Other("Moving house".into()))
    );
    assert_eq!(
        moving.local_date,
        date(2026, 3, 3),
        "defaults fill missing fields"
    );
    assert_eq!(log.check_ins().len(), 1);
    assert_eq!(log.exports().len(), 1);
    let again = store::parse_log(to_ron(&log).as_bytes(), Path::new("x")).unwrap();
    assert_eq!(again, log);
}

#[test]
fn the_version_2_fixture_loads_what_version_1_held_and_keeps_a_record_s_own_name() {
    let v1 = load_log(&fixture("log-v1.ron")).unwrap();
    let mut v2 = load_log(&fixture("log-v2.ron")).unwrap();
    assert_eq!(v2.schema_version(), SCHEMA_VERSION);
    let fourth = v2.edit_records(|r| r.sessions.pop().unwrap());
    assert_eq!(v2, v1, "the same log in the new layout");
    let renamed = fourth.record("open-book").unwrap();
    assert_eq!(&*renamed.name, "Open book rotation", "its own name wins");
    assert_eq!(
        &*v1.sessions()[0].record("open-book").unwrap().name,
        "Open book",
        "the table gives the others theirs"
    );
}

#[test]
fn a_newer_schema_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let log_path = dir.path().join(LEGACY_LOG_FILE);
    fs::copy(fixture("log-v999.ron"), &log_path).unwrap();
    let original = fs::read(&log_path).unwrap();
    let now = at(2026, 3, 5, 8, 0);
    let opened = Store::open(dir.path(), now).unwrap();
    let mut store = opened.store;
    match store.read_only() {
        Some(reason @ ReadOnlyReason::NewerSchema { found, supported }) => {
            assert_eq!((*found, *supported), (999, SCHEMA_VERSION));
            assert!(reason.to_string().contains("newer version"));
        }
        other => panic!("expected the newer-schema state, got {other:?}"),
    }
    assert!(
        !dir.path().join(LOG_DIR).exists(),
        "a newer log is never split into months"
    );
    assert!(store.save(&SessionLog::default(), now).is_err());
    assert!(store.set_damaged_file_aside(now).is_err());
    assert_eq!(fs::read(&log_path).unwrap(), original);
    assert!(matches!(
        load_log(&log_path),
        Err(StoreError::NewerSchema { found: 999, .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Backups

#[test]
fn backups_keep_one_a_day_for_seven_days_and_four_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let start = at(2026, 1, 1, 8, 0);
    let mut store = Store::open(dir.path(), start).unwrap().store;
    for day in 0..60 {
        let now = start + TimeDelta::days(day);
        for hour in 0..3 {
            let sessions = usize::try_from(day * 3 + hour + 1).unwrap();
            store
                .save(&sample_log(sessions.min(5)), now + TimeDelta::hours(hour))
                .unwrap();
        }
    }
    let backups = store.backups().unwrap();
    let dates: Vec<NaiveDate> = backups.iter().map(|b| b.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted, "newest first");
    let last = (start + TimeDelta::days(59)).date_naive();
    for back in 0..7 {
        assert!(dates.contains(&(last - TimeDelta::days(back))), "{dates:?}");
    }
    let weeks: BTreeSet<_> = dates.iter().map(chrono::Datelike::iso_week).collect();
    assert_eq!(weeks.len(), 4, "{dates:?}");
    assert!(dates.len() <= 11, "{dates:?}");
    assert!(backups.iter().all(|b| b.months == Some(1)));
    assert!(store.take_notices().is_empty());
}

/// Ten years read as the app reads them hold one copy of each exercise's id and name per
/// loader thread, not one per month file.
#[test]
fn the_months_of_one_load_share_each_exercise_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = SessionLog::default();
    for (i, month) in [1, 2, 3, 4].into_iter().enumerate() {
        let mut session = sample_log(1).sessions()[0].clone();
        session.started_at = at(2025, month, 10, 8, 0);
        session.local_date = date(2025, month, 10);
        session.id = SessionId(format!("month-{i}"));
        log.put_session(session);
    }
    let mut store = Store::open(dir.path(), at(2025, 4, 20, 8, 0))
        .unwrap()
        .store;
    store.save(&log, at(2025, 4, 20, 8, 0)).unwrap();
    drop(store);
    let opened = Store::open(dir.path(), at(2025, 4, 20, 9, 0)).unwrap();
    let names: Vec<*const u8> = opened
        .log
        .sessions()
        .iter()
        .map(|s| s.exercises[0].name.as_ptr())
        .collect();
    assert_eq!(names.len(), 4);
    // Two threads share the four months: January and February on one, March and April on
    // the other.
    assert_eq!(names[0], names[1], "January and February share the name");
    assert_eq!(names[2], names[3], "March and April share the name");
}

// ---------------------------------------------------------------------------------------------
// Round trip

fn arb_session() -> impl Strategy<Value = Session> {
    let record = (
        "[a-z-]{1,20}",
        any::<String>(),
        prop_oneof![
            Just(Completion::Done),
            Just(Completion::Skipped),
            (any::<u8>(), any::<u16>()).prop_map(|(sets_done, reps_done)| {
                Completion::Partial {
                    sets_done,
                    reps_done,
                }
            }),
        ],
        any::<u16>(),
        prop::option::of(prop_oneof![Just(Hurt::ALittle), Just(Hurt::Stopped)]),
    )
        .prop_map(
            |(exercise_id, name, completion, holds_done, hurt)| ExerciseRecord {
                exercise_id: exercise_id.into(),
                name: name.into(),
                completion,
                holds_done,
                hurt,
                ..ExerciseRecord::default()
            },
        );
    let kind = prop_oneof![
        Just(SessionKind::Routine),
        Just(SessionKind::RestDay(RestReason::FlareUp)),
        Just(SessionKind::RestDay(RestReason::Ill)),
        Just(SessionKind::RestDay(RestReason::Travelling)),
        any::<String>().prop_map(|t| SessionKind::RestDay(RestReason::Other(t))),
    ];
    (
        (
            "[0-9a-f]{12}-[0-9a-f]{8}",
            kind,
            0i64..4_102_444_800,
            0u32..1_000_000_000,
            prop::option::of(0i64..100_000),
            -50_400i32..=50_400,
            any::<u32>(),
        ),
        (
            prop::collection::vec(record, 0..4),
            prop::option::of(0u8..=10),
            prop::option::of(0u8..=10),
            prop::sample::subsequence(Symptom::ALL.to_vec(), 0..=4),
            any::<String>(),
        ),
    )
        .prop_map(
            |(
                (id, kind, secs, nanos, duration_secs, offset_secs, routine_version),
                (exercises, before, after, symptoms, notes),
            )| {
                let started_at = DateTime::from_timestamp(secs, nanos).unwrap();
                let zone = offset(offset_secs);
                Session {
                    id: SessionId(id),
                    kind,
                    started_at,
                    ended_at: duration_secs.map(|d| started_at + TimeDelta::seconds(d)),
                    utc_offset_secs: offset_secs,
                    local_date: started_at.with_timezone(&zone).date_naive(),
                    routine_version,
                    exercises,
                    pain_before: before.and_then(PainScore::new),
                    pain_after: after.and_then(PainScore::new),
                    symptoms,
                    notes,
                    pain_areas: Vec::new(),
                    gentle: false,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_sessions_round_trip(
        sessions in prop::collection::vec(arb_session(), 0..6),
        check_ins in prop::collection::vec(
            (0i64..4_102_444_800, prop::sample::subsequence(RedFlag::ALL.to_vec(), 0..=10)),
            0..3,
        ),
        exports in prop::collection::vec((0i64..4_102_444_800, any::<String>()), 0..3),
    ) {
        let mut log = SessionLog::default();
        for session in sessions {
            log.put_session(session);
        }
        for (secs, flags) in check_ins {
            let at = DateTime::from_timestamp(secs, 0).unwrap();
            log.edit_records(|r| {
r.check_ins.push(CheckIn { at, local_date: at.date_naive(), flags });
});
        }
        for (secs, format) in exports {
            let at = DateTime::from_timestamp(secs, 0).unwrap();
            let to = at.date_naive();
            let local_date = Some(to);
            log.edit_records(|r| {
r.exports.push(ExportRecord {
                at, utc_offset_secs: Some(0), local_date, from: to - TimeDelta::days(30), to, format,
            });
});
        }
        // In memory the lists are kept in time order.
        log.edit_records(|r| {
r.check_ins.sort_by_key(|c| c.at);
});
        log.edit_records(|r| {
r.exports.sort_by_key(|e| e.at);
});
        let text = to_ron(&log);
        let loaded = store::parse_log(text.as_bytes(), Path::new("log.ron"));
        prop_assert_eq!(loaded.unwrap(), log.clone());
        // Split into months and put together again, it is the same log.
        let mut joined = SessionLog::default();
        for month in log.months() {
            joined.absorb(log.month(month));
        }
        prop_assert_eq!(joined, log);
    }
}

#[test]
fn random_sessions_round_trip_through_the_store_files() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 1, 8, 0);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut store = Store::open(dir.path(), now).unwrap().store;
    for _ in 0..20 {
        let sessions = prop::collection::vec(arb_session(), 0..6)
            .new_tree(&mut runner)
            .unwrap()
            .current();
        let mut log = SessionLog::default();
        for session in sessions {
            log.put_session(session);
        }
        store.save(&log, now).unwrap();
        let mut read = read_months(dir.path());
        read.edit_records(|r| {
            r.sessions
                .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        });
        assert_eq!(read, log);
    }
}

// ---------------------------------------------------------------------------------------------
// Command line

fn limber(data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_limber"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn export_ron_filters_by_local_date_and_import_merges_once() {
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    let now = at(2026, 3, 10, 8, 0);
    Store::open(&home, now)
        .unwrap()
        .store
        .save(&sample_log(5), now)
        .unwrap();

    let all = work.path().join("all.ron");
    let (ok, out, err) = limber(
        &home,
        &[
            "export",
            "--format",
            "ron",
            "--output",
            all.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("5 sessions"), "{out}");
    assert_eq!(load_log(&all).unwrap(), sample_log(5));

    let part = work.path().join("part.ron");
    let (ok, _, err) = limber(
        &home,
        &[
            "export",
            "--format",
            "ron",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-03",
            "--output",
            part.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let dates: Vec<NaiveDate> = load_log(&part)
        .unwrap()
        .sessions()
        .iter()
        .map(|s| s.local_date)
        .collect();
    assert_eq!(dates, [date(2026, 3, 2), date(2026, 3, 3)]);

    let new_computer = work.path().join("new");
    let (ok, out, err) = limber(&new_computer, &["import", part.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Added 2 sessions"), "{out}");
    let (ok, out, _) = limber(&new_computer, &["import", all.to_str().unwrap()]);
    assert!(ok);
    assert!(
        out.contains("Added 3 sessions") && out.contains("2 already"),
        "{out}"
    );
    let before = fs::read(march(&new_computer)).unwrap();
    let modified = fs::metadata(march(&new_computer))
        .unwrap()
        .modified()
        .unwrap();
    let (ok, out, _) = limber(&new_computer, &["import", all.to_str().unwrap()]);
    assert!(ok);
    assert!(out.contains("Added 0 sessions"), "{out}");
    assert_eq!(fs::read(march(&new_computer)).unwrap(), before);
    assert_eq!(
        fs::metadata(march(&new_computer))
            .unwrap()
            .modified()
            .unwrap(),
        modified,
        "an import that adds nothing writes nothing"
    );
    assert_eq!(read_months(&new_computer), sample_log(5));
}

#[test]
fn export_and_import_fail_clearly() {
    let work = tempfile::tempdir().unwrap();
    let home = work.path().join("home");
    let out_path = work.path().join("x.csv");
    let (ok, _, err) = limber(
        &home,
        &[
            "export",
            "--format",
            "csv",
            "--output",
            out_path.to_str().unwrap(),
        ],
    );
    assert!(!ok);
    assert!(err.contains("nothing to export"), "{err}");
    assert!(!out_path.exists());

    let (ok, _, err) = limber(
        &home,
        &[
            "export",
            "--format",
            "ron",
            "--from",
            "2026-03-05",
            "--to",
            "2026-03-01",
            "--output",
            out_path.to_str().unwrap(),
        ],
    );
    assert!(!ok);
    assert!(err.contains("after --to"), "{err}");

    let bad = work.path().join("bad.ron");
    fs::write(&bad, "(schema_version: 1, sessions: [(id: 3)])").unwrap();
    let (ok, _, err) = limber(&home, &["import", bad.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("line 1, column"), "{err}");
    assert!(err.contains("bad.ron"), "{err}");

    let _holder = Store::open(&home, at(2026, 3, 1, 8, 0)).unwrap();
    let (ok, _, err) = limber(&home, &["import", fixture("log-v1.ron").to_str().unwrap()]);
    assert!(!ok, "import must not write while another Limber is open");
    assert!(err.contains("another window"), "{err}");
}

#[test]
fn cli_exports_csv_and_pdf_of_a_period() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::copy("tests/fixtures/log-v1.ron", data.join("log.ron")).unwrap();
    let csv_dir = work.path().join("csv");
    let (ok, out, err) = limber(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-03",
            "--output",
            csv_dir.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("sessions.csv"), "{out}");
    let sessions = std::fs::read_to_string(csv_dir.join("sessions.csv")).unwrap();
    assert!(sessions.contains("2026-03-01"));
    assert!(csv_dir.join("exercises.csv").exists());

    let pdf = work.path().join("report.pdf");
    let (ok, _, err) = limber(
        &data,
        &[
            "export",
            "--format",
            "pdf",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--output",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));

    let (ok, _, err) = limber(
        &data,
        &[
            "export",
            "--format",
            "pdf",
            "--from",
            "2026-03-05",
            "--to",
            "2026-03-01",
            "--output",
            "x.pdf",
        ],
    );
    assert!(!ok);
    assert!(err.contains("after"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Records in another month's file, and the size limits

/// A session whose date was corrected by hand to another month stays in the file it was found
/// in: it is reported with its file and line, shown, and kept through saves of that month and
/// of the whole log, and after a reload. No file of the other month is written for it.
#[test]
fn a_session_dated_for_another_month_is_reported_and_kept_through_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 20, 8, 0);
    let log = sample_log(3);
    Store::open(dir.path(), now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let path = march(dir.path());
    let moved = &log.sessions()[1];
    let text = fs::read_to_string(&path).unwrap().replacen(
        &format!("local_date: \"{}\"", moved.local_date),
        "local_date: \"2026-04-02\"",
        1,
    );
    fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains(&format!("id: \"{}\"", moved.id)))
        .unwrap()
        + 1;

    let opened = Store::open(dir.path(), now).unwrap();
    let notice = opened
        .notices
        .iter()
        .find(|n| n.contains("nothing was moved"))
        .unwrap_or_else(|| panic!("a notice names the session: {:?}", opened.notices));
    assert!(notice.contains(&format!("line {line}")), "{notice}");
    assert!(notice.contains("2026-04-02"), "{notice}");
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    assert!(
        opened.store.damaged().next().is_none(),
        "the month is not damaged"
    );
    assert_eq!(opened.log.sessions().len(), 3, "it is shown");

    // A save of March (a session added), then of the whole log, keeps it in March's file.
    let (mut store, mut log) = (opened.store, opened.log);
    let mut added = Session::start(at(2026, 3, 20, 9, 0), offset(3600), 1);
    added.id = SessionId("added".into());
    log.put_session(added);
    let march_month = Month::of(date(2026, 3, 1));
    store
        .save_parts(&[(march_month, log.month(march_month))], now)
        .unwrap();
    store.save(&log, now).unwrap();
    let in_march = load_log(&path).unwrap();
    assert_eq!(in_march.sessions().len(), 4, "{}", to_ron(&in_march));
    assert!(in_march.sessions().iter().any(|s| s.id == moved.id));
    assert!(!dir.path().join(LOG_DIR).join("2026-04.ron").exists());

    // After a reload it is still there, and still reported.
    let reopened = Store::open(dir.path(), now).unwrap();
    assert_eq!(reopened.log.sessions().len(), 4);
    assert!(
        reopened
            .notices
            .iter()
            .any(|n| n.contains("nothing was moved"))
    );
}

/// A session whose date is more than a day away from its start time is reported (with its
/// line) and kept where it is.
#[test]
fn a_session_whose_date_disagrees_with_its_time_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 20, 8, 0);
    let log = sample_log(3);
    Store::open(dir.path(), now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let path = march(dir.path());
    let text = fs::read_to_string(&path).unwrap().replacen(
        &format!("local_date: \"{}\"", log.sessions()[0].local_date),
        "local_date: \"2026-03-25\"",
        1,
    );
    fs::write(&path, &text).unwrap();
    let opened = Store::open(dir.path(), now).unwrap();
    let notice = opened
        .notices
        .iter()
        .find(|n| n.contains("logged at a time"))
        .unwrap_or_else(|| panic!("{:?}", opened.notices));
    assert!(notice.contains("2026-03-25"), "{notice}");
    assert!(notice.contains("2026-03-01"), "{notice}");
    assert_eq!(opened.log.sessions().len(), 3);
}

/// A month file over a limit is refused like a damaged one: named in a notice, not shown, and
/// never written over; one session fewer on that day loads.
#[test]
fn a_month_file_over_the_limits_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let now = at(2026, 3, 20, 8, 0);
    let day_of = |count: usize| {
        let mut log = SessionLog::default();
        for n in 0..count {
            let start = at(2026, 3, 5, 6, 0) + TimeDelta::minutes(i64::try_from(n).unwrap());
            let mut session = Session::start(start, offset(0), 1);
            session.id = SessionId(format!("s{n:04}"));
            log.edit_records(|r| {
                r.sessions.push(session);
            });
        }
        log
    };
    let path = march(dir.path());
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, to_ron(&day_of(store::MAX_SESSIONS_ON_A_DAY))).unwrap();
    assert_eq!(
        Store::open(dir.path(), now).unwrap().log.sessions().len(),
        store::MAX_SESSIONS_ON_A_DAY
    );

    let over = to_ron(&day_of(store::MAX_SESSIONS_ON_A_DAY + 1));
    fs::write(&path, &over).unwrap();
    let opened = Store::open(dir.path(), now).unwrap();
    assert!(opened.log.sessions().is_empty(), "not shown");
    let (month, err) = opened.store.damaged().next().expect("refused");
    assert_eq!(month, Month::of(date(2026, 3, 1)));
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    let notice = opened.notices.join("\n");
    assert!(notice.contains("101 sessions on 2026-03-05"), "{notice}");
    assert!(notice.contains(&path.display().to_string()), "{notice}");
    let mut store = opened.store;
    assert!(store.save(&sample_log(1), now).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), over, "left untouched");
}
