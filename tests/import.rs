//! `limber import` on the monthly layout, end to end through the binary: only the months that
//! change are written, a `kill -9` in the middle leaves each month old or new and the same
//! import run again completes it, and sessions that differ are reported and kept as asked.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{NaiveDate, TimeZone, Utc};
use limber::core::atomic::write_atomically;
use limber::core::catalog::Routine;
use limber::core::log::{Records, SessionLog};
use limber::core::sample::{SplitMix64, generate_log};
use limber::core::store::{LOG_DIR, Month, Store, load_log, to_ron};

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

fn history(years: u32) -> SessionLog {
    let routine = Routine::built_in().unwrap();
    generate_log(
        years,
        7,
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &routine,
    )
}

/// Each month file of the data folder, read.
fn months(dir: &Path) -> BTreeMap<Month, SessionLog> {
    let Ok(entries) = fs::read_dir(dir.join(LOG_DIR)) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter_map(|path| {
            let month = Month::from_file_name(&path.file_name()?.to_string_lossy())?;
            let part =
                load_log(&path).unwrap_or_else(|err| panic!("a month file does not load: {err}"));
            Some((month, part))
        })
        .collect()
}

fn write_backup(dir: &Path, log: &SessionLog) -> PathBuf {
    let path = dir.join("backup.ron");
    write_atomically(&path, to_ron(log).as_bytes()).unwrap();
    path
}

#[test]
fn kill_9_during_a_multi_month_import_leaves_each_month_old_or_new_and_a_rerun_completes() {
    const ROUNDS: u32 = 20;
    let work = tempfile::tempdir().unwrap();
    let full = history(3);
    // The log already holds the first year; the backup holds all three.
    let first_year: SessionLog = {
        let mut log = full.clone();
        let cut = full.sessions()[0].local_date + chrono::Days::new(365);
        log.edit_records(|r| {
            r.sessions.retain(|s| s.local_date < cut);
        });
        log.edit_records(|r| {
            r.check_ins.retain(|c| c.local_date < cut);
        });
        log
    };
    let backup = write_backup(work.path(), &full);
    let mut rng = SplitMix64::new(0xFEED);
    let mut interrupted = 0;
    for round in 0..ROUNDS {
        let data = tempfile::tempdir().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
        Store::open(data.path(), now)
            .unwrap()
            .store
            .save(&first_year, now)
            .unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_limber"))
            .arg("--data-dir")
            .arg(data.path())
            .args(["import", backup.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(u64::from(rng.between(0, 300))));
        child.kill().unwrap();
        if !child.wait().unwrap().success() {
            interrupted += 1;
        }
        for (month, part) in months(data.path()) {
            let old = first_year.month(month);
            let new = full.month(month);
            assert!(
                part == old || part == new,
                "round {round}: {month} is neither old nor new"
            );
        }
        let (ok, _, err) = limber(data.path(), &["import", backup.to_str().unwrap()]);
        assert!(ok, "round {round}: {err}");
        let mut joined = SessionLog::default();
        for part in months(data.path()).into_values() {
            joined.absorb(part);
        }
        assert_eq!(joined.sessions(), full.sessions(), "round {round}");
    }
    println!("{ROUNDS} rounds, {interrupted} imports killed before they ended");
}

#[test]
fn sessions_that_differ_are_listed_and_kept_as_asked() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let mut log = history(1);
    log.edit_records(|r| {
        r.sessions.truncate(20);
    });
    Store::open(&data, now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let mut edited = log.clone();
    edited.edit_records(|r| r.sessions[3].notes = "written on the other laptop".into());
    edited.edit_records(|r| r.sessions[7].notes = "also changed".into());
    let backup = write_backup(work.path(), &edited);
    let day_3 = edited.sessions()[3].local_date.to_string();
    let day_7 = edited.sessions()[7].local_date.to_string();

    let (ok, out, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Added 0 sessions"), "{out}");
    assert!(out.contains("2 of them differ"), "{out}");
    assert!(out.contains(&day_3) && out.contains(&day_7), "{out}");
    assert!(out.contains("--prefer-backup"), "{out}");
    let kept = Store::open(&data, now).unwrap().log;
    assert_eq!(kept.sessions(), log.sessions(), "the log's version is kept");

    let (ok, out, err) = limber(
        &data,
        &["import", "--prefer-backup", backup.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("the backup's version was taken"), "{out}");
    let taken = Store::open(&data, now).unwrap().log;
    assert_eq!(taken.sessions(), edited.sessions());
}

#[test]
fn an_import_into_a_damaged_month_is_refused_and_writes_nothing() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let now = Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap();
    let mut log = history(1);
    log.edit_records(|r| {
        r.sessions.truncate(40);
    });
    Store::open(&data, now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let month = Month::of(log.sessions()[0].local_date);
    let path = data.join(LOG_DIR).join(month.file_name());
    fs::write(&path, "(schema_version: 3, sessions: [(").unwrap();
    let backup = write_backup(work.path(), &log);
    let (ok, _, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains(&month.label()), "{err}");
    assert!(err.contains(&format!("{}:1:", path.display())), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "(schema_version: 3, sessions: [("
    );
}

#[test]
fn a_month_already_holding_the_backup_is_left_alone_and_a_changed_one_is_merged() {
    use limber::core::log::Prefer;
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let data = tempfile::tempdir().unwrap();
    let work = tempfile::tempdir().unwrap();
    let log = history(1);
    let backup = write_backup(work.path(), &log);
    let first = limber::core::store::import(data.path(), &backup, Prefer::Ours, now).unwrap();
    assert_eq!(first.report.added, log.sessions().len());

    // The same backup again: nothing added, nothing written, every session counted as there.
    let again = limber::core::store::import(data.path(), &backup, Prefer::Ours, now).unwrap();
    assert_eq!(
        (again.report.added, again.report.same),
        (0, log.sessions().len())
    );
    assert!(again.written.is_empty(), "{:?}", again.written);

    // One session of an old month changed in the backup, and one month's file holds a session
    // the backup lacks: only the changed month is written, the extra session is kept.
    let mut changed = log.clone();
    changed.edit_records(|r| r.sessions[3].notes = "felt looser".into());
    let changed_month = Month::of(changed.sessions()[3].local_date);
    let extra_month = Month::of(log.sessions()[200].local_date);
    let mut extra = log.sessions()[200].clone();
    extra.id.0.push_str("-extra");
    let mut on_disk = months(data.path()).remove(&extra_month).unwrap();
    on_disk.edit_records(|r| {
        r.sessions.push(extra.clone());
    });
    write_atomically(
        &data.path().join(LOG_DIR).join(extra_month.file_name()),
        to_ron(&on_disk).as_bytes(),
    )
    .unwrap();
    let backup = write_backup(work.path(), &changed);
    let merged = limber::core::store::import(data.path(), &backup, Prefer::Incoming, now).unwrap();
    assert_eq!(
        merged.report.differing,
        vec![changed.sessions()[3].local_date]
    );
    assert_eq!(merged.written, vec![changed_month]);
    let after = months(data.path());
    assert!(
        after[&changed_month]
            .sessions()
            .iter()
            .any(|s| s.notes == "felt looser")
    );
    assert!(
        after[&extra_month]
            .sessions()
            .iter()
            .any(|s| s.id == extra.id)
    );
}

/// A file is read one way whatever its size: a backup of 8 MB or more whose pain entry's note
/// holds lines laid out like a sessions list imports exactly what the same text imports when
/// small (no phantom sessions), and the note comes back whole.
#[test]
fn a_large_backup_and_the_same_text_small_import_the_same_records() {
    use limber::core::log::Prefer;
    use limber::core::pain_entry::PainEntry;
    use limber::core::session::{PainScore, Session};
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    // Two sessions at pain 9, as Limber lays out a sessions list, copied into a note.
    let mut phantoms = SessionLog::default();
    for day in 1..=2 {
        let mut session = Session::start(
            Utc.with_ymd_and_hms(2026, 10, day, 8, 0, 0).unwrap(),
            utc,
            1,
        );
        session.pain_before = PainScore::new(9);
        phantoms.edit_records(|r| {
            r.sessions.push(session);
        });
    }
    let text = to_ron(&phantoms);
    let list = &text[text.find("\n\tsessions: [\n").unwrap()..=text.find("\n\t],\n").unwrap() + 4];
    let crafted = PainEntry::new(
        Utc.with_ymd_and_hms(2026, 10, 30, 9, 0, 0).unwrap(),
        utc,
        PainScore::new(2).unwrap(),
        Vec::new(),
        &format!("a note{list}and after it"),
    );
    let small = SessionLog::from_records(limber::core::log::Records {
        pain_entries: vec![crafted.clone()],
        ..limber::core::log::Records::default()
    });
    let mut large = small.clone();
    let start = Utc.with_ymd_and_hms(2021, 1, 1, 7, 0, 0).unwrap();
    for n in 0..50_000 {
        let at = start + chrono::TimeDelta::hours(n);
        let note = "pain after the walk, the same as yesterday, noted for the record";
        large.put_pain_entry(PainEntry::new(
            at,
            utc,
            PainScore::new(3).unwrap(),
            Vec::new(),
            note,
        ));
    }
    let work = tempfile::tempdir().unwrap();
    let mut imported = Vec::new();
    for (name, log) in [("small.ron", &small), ("large.ron", &large)] {
        let file = work.path().join(name);
        write_atomically(&file, to_ron(log).as_bytes()).unwrap();
        let size = fs::metadata(&file).unwrap().len();
        if name == "large.ron" {
            assert!(size >= 8 << 20, "{size} bytes");
        }
        let data = work.path().join(format!("data-{name}"));
        let report = limber::core::store::import(&data, &file, Prefer::Ours, now).unwrap();
        let log = Store::open(&data, now).unwrap().log;
        let note = log
            .pain_entries()
            .iter()
            .find(|e| e.id == crafted.id)
            .map(|e| e.note.clone());
        imported.push((
            report.offered,
            report.report.added,
            log.sessions().to_vec(),
            note,
        ));
    }
    assert_eq!(imported[0], imported[1]);
    assert_eq!(imported[1].1, 0, "no phantom sessions");
    assert_eq!(imported[1].3.as_deref(), Some(crafted.note.as_str()));
}

/// A crafted backup whose session is dated far from its start time: the import stores it in
/// the month of its date, so "Added 1 session" is true.
#[test]
fn a_session_dated_away_from_its_time_is_imported_into_the_month_of_its_date() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut log = SessionLog::from_records(Records {
        sessions: history(1).sessions()[..1].to_vec(),
        ..Records::default()
    });
    log.edit_records(|r| r.sessions[0].local_date = NaiveDate::from_ymd_opt(2026, 7, 15).unwrap());
    let backup = write_backup(work.path(), &log);
    let (ok, out, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Added 1 session "), "{out}");
    let stored = months(&data);
    let july = Month::of(log.sessions()[0].local_date);
    assert_eq!(stored.keys().copied().collect::<Vec<_>>(), vec![july]);
    assert_eq!(stored[&july].sessions(), log.sessions());
}

/// `--prefer-backup` with a session the backup dates to another month than the log: the
/// backup's copy replaces the log's, which leaves its month; one copy remains.
#[test]
fn prefer_backup_across_months_replaces_the_one_copy() {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut log = history(1);
    log.edit_records(|r| {
        r.sessions.truncate(1);
    });
    Store::open(&data, now)
        .unwrap()
        .store
        .save(&log, now)
        .unwrap();
    let mut moved = log.clone();
    moved.edit_records(|r| {
        let session = &mut r.sessions[0];
        session.started_at += chrono::TimeDelta::days(40);
        session.ended_at = session.ended_at.map(|t| t + chrono::TimeDelta::days(40));
        session.local_date += chrono::TimeDelta::days(40);
    });
    let (old, new) = (
        Month::of(log.sessions()[0].local_date),
        Month::of(moved.sessions()[0].local_date),
    );
    assert_ne!(old, new);
    let backup = write_backup(work.path(), &moved);
    let (ok, out, err) = limber(
        &data,
        &["import", "--prefer-backup", backup.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("the backup's version was taken"), "{out}");
    let stored = Store::open(&data, now).unwrap().log;
    assert_eq!(
        stored.sessions(),
        moved.sessions(),
        "one copy, the backup's"
    );
    assert!(
        months(&data)
            .get(&old)
            .is_none_or(|m| m.sessions().is_empty())
    );
}

/// A backup holding one session twice: the message counts what happened to each copy.
#[test]
fn counts_are_exact_when_the_backup_holds_a_session_twice() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut log = history(1);
    log.edit_records(|r| {
        r.sessions.truncate(2);
    });
    let twice = log.sessions()[1].clone();
    log.edit_records(|r| {
        r.sessions.push(twice);
    });
    let backup = write_backup(work.path(), &log);
    let (ok, out, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Added 2 sessions"), "{out}");
    assert!(out.contains("(0 already in the log)"), "{out}");
    assert!(out.contains("1 session a second time"), "{out}");
    let (ok, out, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("Added 0 sessions"), "{out}");
    assert!(out.contains("(2 already in the log)"), "{out}");
}

/// A backup with a day over the limit is refused as a whole, naming the file; nothing is
/// written.
#[test]
fn a_backup_over_the_limits_is_refused_and_writes_nothing() {
    use limber::core::session::Session;
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let mut log = SessionLog::default();
    let start = Utc.with_ymd_and_hms(2026, 3, 5, 6, 0, 0).unwrap();
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    for n in 0..=limber::core::store::MAX_SESSIONS_ON_A_DAY {
        let mut session = Session::start(
            start + chrono::TimeDelta::minutes(i64::try_from(n).unwrap()),
            utc,
            1,
        );
        session.id.0 = format!("s{n:04}");
        log.edit_records(|r| {
            r.sessions.push(session);
        });
    }
    let backup = write_backup(work.path(), &log);
    let (ok, _, err) = limber(&data, &["import", backup.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("101 sessions on 2026-03-05"), "{err}");
    assert!(err.contains(&backup.display().to_string()), "{err}");
    assert!(months(&data).is_empty());
}
