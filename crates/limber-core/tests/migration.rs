//! From the single `log.ron` of schema 1 and 2 to month files: each old schema's fixture, a
//! long history, every crash state the split can leave, a `kill -9` in the middle, and a restore
//! cut short.
#![expect(
    clippy::unwrap_used,
    reason = "helpers shared by the tests fail loudly, like the tests themselves"
)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use limber_core::catalog::Routine;
use limber_core::log::SessionLog;
use limber_core::sample::{SplitMix64, generate_log};
use limber_core::session::SCHEMA_VERSION;
use limber_core::store::{
    LEGACY_LOG_FILE, LOG_DIR, Month, ReadOnlyReason, Store, load_log, to_ron,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).unwrap()
}

/// The old month files kept at the workspace's `tests/fixtures` (the app's tests read them too).
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

/// Every month file of the data folder `dir`, put together.
fn read_months(dir: &Path) -> SessionLog {
    let mut log = SessionLog::default();
    let mut paths: Vec<PathBuf> = fs::read_dir(dir.join(LOG_DIR))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(Month::from_file_name(&name).is_some(), "stray file {name}");
        log.absorb(load_log(&path).unwrap());
    }
    log
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// `years` of generated history as a schema-2 `log.ron` would hold it.
fn legacy_text(years: u32) -> (String, SessionLog) {
    let routine = Routine::built_in().unwrap();
    let mut log = generate_log(
        years,
        1,
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        &routine,
    );
    // A log of schema 1 or 2 held no sign records (schema 6).
    log.edit_records(|r| r.sign_records.clear());
    let text = to_ron(&log).replacen(
        &format!("schema_version: {SCHEMA_VERSION}"),
        "schema_version: 2",
        1,
    );
    assert!(text.contains("schema_version: 2"));
    (text, log)
}

#[test]
fn each_old_schema_s_fixture_is_split_into_months_and_the_original_kept() {
    for (name, version) in [("log-v1.ron", 1), ("log-v2.ron", 2)] {
        let dir = tempfile::tempdir().unwrap();
        let original = fs::read(fixture(name)).unwrap();
        fs::write(dir.path().join(LEGACY_LOG_FILE), &original).unwrap();
        let opened = Store::open(dir.path(), now()).unwrap();
        assert!(opened.store.read_only().is_none(), "{name}");
        let expected = load_log(&fixture(name)).unwrap();
        assert_eq!(opened.log, expected, "{name}: the same log after the split");
        assert_eq!(read_months(dir.path()), expected, "{name}");
        let kept = dir.path().join(format!("log.schema-{version}.ron"));
        assert_eq!(fs::read(&kept).unwrap(), original, "{name}: kept as it was");
        assert!(!dir.path().join(LEGACY_LOG_FILE).exists());
        assert!(
            opened
                .notices
                .iter()
                .any(|n| n.contains("one file per month")),
            "{:?}",
            opened.notices
        );
        // The next start reads the month files and does nothing more.
        drop(opened);
        let again = Store::open(dir.path(), now()).unwrap();
        assert_eq!(again.log, expected);
        assert!(
            !names(dir.path()).iter().any(|n| n == "log.schema-2-2.ron"),
            "{:?}",
            names(dir.path())
        );
    }
}

#[test]
fn a_long_history_is_split_by_local_month() {
    let (text, log) = legacy_text(2);
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(LEGACY_LOG_FILE), &text).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert_eq!(opened.log, log);
    let files = names(&dir.path().join(LOG_DIR));
    assert_eq!(files.len(), log.months().len());
    for name in files {
        let month = Month::from_file_name(&name).unwrap();
        let part = load_log(&dir.path().join(LOG_DIR).join(&name)).unwrap();
        assert!(part.sessions().iter().all(|s| month.contains(s.local_date)));
        assert_eq!(part, log.month(month));
    }
}

#[test]
fn a_newer_log_and_a_second_window_never_split_it() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("log-v999.ron"), dir.path().join(LEGACY_LOG_FILE)).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(matches!(
        opened.store.read_only(),
        Some(ReadOnlyReason::NewerSchema { found: 999, .. })
    ));
    assert!(!dir.path().join(LOG_DIR).exists());

    let dir = tempfile::tempdir().unwrap();
    fs::copy(fixture("log-v1.ron"), dir.path().join(LEGACY_LOG_FILE)).unwrap();
    let holder = fs::File::create(dir.path().join("limber.lock")).unwrap();
    holder.try_lock().unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(matches!(
        opened.store.read_only(),
        Some(ReadOnlyReason::OtherInstance { .. })
    ));
    assert_eq!(opened.log.sessions().len(), 3, "the old log is shown");
    assert!(!dir.path().join(LOG_DIR).exists(), "but not split");
}

#[test]
fn every_state_a_crash_leaves_is_finished_at_the_next_start() {
    let (text, log) = legacy_text(1);
    // The split was cut short: a half-filled log.migrating/ beside log.ron.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(LEGACY_LOG_FILE), &text).unwrap();
    let half = dir.path().join("log.migrating");
    fs::create_dir(&half).unwrap();
    fs::write(half.join("2026-01.ron"), "(schema_version: 3, sess").unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert_eq!(opened.log, log);
    assert!(!half.exists());
    assert_eq!(read_months(dir.path()), log);
    drop(opened);

    // The split was complete and renamed, but log.ron not yet renamed.
    let kept = dir.path().join("log.schema-2.ron");
    fs::rename(&kept, dir.path().join(LEGACY_LOG_FILE)).unwrap();
    let before = names(&dir.path().join(LOG_DIR));
    let opened = Store::open(dir.path(), now()).unwrap();
    assert_eq!(opened.log, log, "nothing doubled");
    assert_eq!(names(&dir.path().join(LOG_DIR)), before);
    assert!(kept.exists() && !dir.path().join(LEGACY_LOG_FILE).exists());
    drop(opened);

    // A restore was cut short after the old log was moved away.
    let log_dir = dir.path().join(LOG_DIR);
    fs::rename(&log_dir, dir.path().join("log.restoring")).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert_eq!(opened.log, log);
    assert!(opened.notices.iter().any(|n| n.contains("restoring")));
    drop(opened);

    // A restore was cut short before the old log was moved: the old log stays.
    fs::create_dir(dir.path().join("log.restoring")).unwrap();
    fs::write(
        dir.path().join("log.restoring/2020-01.ron"),
        "(sessions: [])",
    )
    .unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert_eq!(opened.log, log);
    assert!(!dir.path().join("log.restoring").exists());
}

const CHILD_ENV: &str = "LIMBER_TEST_MIGRATE_DIR";

/// Run as a child process by `kill_9_during_the_split_loses_nothing`: opens the store (which
/// splits the log), then says so.
#[test]
#[ignore = "helper process for kill_9_during_the_split_loses_nothing"]
fn migrate_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let opened = Store::open(Path::new(&dir), now()).unwrap();
    println!("split {} sessions", opened.log.sessions().len());
}

#[test]
fn kill_9_during_the_split_loses_nothing() {
    const ROUNDS: u32 = 25;
    let (text, log) = legacy_text(10);
    let exe = std::env::current_exe().unwrap();
    let mut rng = SplitMix64::new(0x00C0_FFEE);
    let mut finished_by_child = 0;
    for round in 0..ROUNDS {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(LEGACY_LOG_FILE), &text).unwrap();
        let mut child = Command::new(&exe)
            .args(["--exact", "migrate_child", "--ignored", "--nocapture"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(u64::from(rng.between(0, 400))));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.success() {
            finished_by_child += 1;
        }
        let opened = Store::open(dir.path(), now()).unwrap();
        assert!(opened.store.read_only().is_none(), "round {round}");
        assert_eq!(opened.log, log, "round {round}: sessions lost or doubled");
        let kept = dir.path().join("log.schema-2.ron");
        assert_eq!(fs::read_to_string(kept).unwrap(), text, "round {round}");
        assert!(!dir.path().join(LEGACY_LOG_FILE).exists(), "round {round}");
    }
    println!("{ROUNDS} kills during the split; the child finished {finished_by_child} times");
}

/// A month file of schema 3 loads; its export records, which keep only a UTC time, have no
/// local date and stay in the month file they are in through a save (written as the current
/// schema) and
/// a restart, even the one dated in another month.
#[test]
fn a_schema_3_month_file_keeps_its_export_records_in_their_file() {
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let june = log_dir.join("2026-06.ron");
    fs::copy(fixture("log-v3.ron"), &june).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    let exports = opened.log.exports();
    assert_eq!(exports.len(), 2, "{exports:?}");
    assert!(
        exports
            .iter()
            .all(|e| e.local_date.is_none() && e.utc_offset_secs.is_none())
    );
    assert_eq!(opened.log.sessions().len(), 1);

    let (mut store, log) = (opened.store, opened.log);
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&june).unwrap();
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    assert_eq!(load_log(&june).unwrap().exports(), log.exports(), "{text}");
    assert!(
        !log_dir.join("2026-07.ron").exists(),
        "nothing moved to July"
    );
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.exports(), log.exports());
}

/// A month file written before the warning signs had urgency levels, holding every sign by its
/// old name, opens writable with every sign kept, and a save writes the same names back, at
/// the same schema (the levels live in the app, not in the file).
#[test]
fn a_month_file_with_every_warning_sign_of_schema_4_still_loads() {
    use limber_core::session::RedFlag;
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    fs::copy(fixture("log-v4-warning-signs.ron"), &october).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    let check_ins = opened.log.check_ins();
    assert_eq!(check_ins.len(), 2);
    assert_eq!(check_ins[0].flags, RedFlag::ALL.to_vec());
    assert!(check_ins[1].flags.is_empty());

    let (mut store, log) = (opened.store, opened.log);
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&october).unwrap();
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    for name in [
        "ChestPainOrBreathlessness",
        "BladderOrBowelTrouble",
        "WorseAtNightOrRest",
    ] {
        assert!(text.contains(name), "{name} in {text}");
    }
    assert_eq!(load_log(&october).unwrap().check_ins(), log.check_ins());
}

/// A month file of schema 4, holding every area of the back map by the names they had then,
/// opens writable with every area kept; a save writes the same names back at this build's
/// schema (5 was the first that may hold the front's areas).
#[test]
fn a_schema_4_month_file_keeps_its_body_areas_and_is_written_at_this_schema() {
    use limber_core::body_area::BodyArea;
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    fs::copy(fixture("log-v4-body-areas.ron"), &october).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    let entries = opened.log.pain_entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].areas, BodyArea::ALL[..9].to_vec());
    assert_eq!(
        entries[0].areas[1].label(),
        "Top of the left shoulder",
        "the old name reads with the new words"
    );

    let (mut store, mut log) = (opened.store, opened.log);
    log.edit_records(|r| {
        r.pain_entries[0].areas.push(BodyArea::FrontOfChest);
        r.pain_entries[0].areas.push(BodyArea::RightArm);
    });
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&october).unwrap();
    const { assert!(SCHEMA_VERSION >= 5) };
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    for name in ["LeftUpperTrapezius", "FrontOfChest", "RightArm"] {
        assert!(text.contains(name), "{name} in {text}");
    }
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.pain_entries(), log.pain_entries());
}

/// What an older Limber meets: a month file of a newer schema that holds a body area this
/// build does not know opens the whole log read-only (never "damaged", never written over).
#[test]
fn a_newer_file_with_an_unknown_body_area_opens_read_only() {
    let text = fixture_one_schema_ahead("log-v4-body-areas.ron", 4)
        .replace("MidBack", "LowerBackOfTheFuture");
    assert_newer_file_opens_read_only(&text);
}

/// Writes `text`, a month file of the schema after this build's, as October 2026 and checks
/// that the log opens read-only, the file is never called damaged, and it is left as it was.
fn assert_newer_file_opens_read_only(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    fs::write(&october, text).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(
        matches!(
            opened.store.read_only(),
            Some(ReadOnlyReason::NewerSchema { found, .. }) if *found == SCHEMA_VERSION + 1
        ),
        "{:?}",
        opened.store.read_only()
    );
    for (_, err) in opened.store.damaged() {
        assert!(
            matches!(err, limber_core::store::StoreError::NewerSchema { .. }),
            "called damaged: {err}"
        );
    }
    assert_eq!(
        fs::read_to_string(&october).unwrap(),
        text,
        "left as it was"
    );
}

/// A month file of schema 5 holding PGIC answers on the one-sided scale opens writable with
/// them unchanged, still on that scale (labelled so, never read as the two-sided one); a save
/// writes them back as they were, at schema 8, beside a new two-sided answer.
#[test]
fn a_schema_5_file_keeps_its_one_sided_pgic_answers_on_their_scale() {
    use limber_core::measures::{Answers, PgicAnswer, PgicChange, PgicScale};
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    fs::copy(fixture("log-v5-pgic.ron"), &october).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    let answers: Vec<&Answers> = opened.log.measures().iter().map(|m| &m.answers).collect();
    assert_eq!(
        answers,
        [
            &Answers::Pgic(PgicAnswer::NoChangeOrWorse),
            &Answers::Pgic(PgicAnswer::Better)
        ]
    );
    let first = answers[0].pgic().unwrap();
    assert_eq!(first.scale, PgicScale::OneSided);
    assert_eq!((first.value, first.label), (1, "No change, or it is worse"));
    assert!(!first.worse, "a one-sided answer is never read as worse");

    let (mut store, mut log) = (opened.store, opened.log);
    log.edit_records(|r| {
        let mut added = r.measures[1].clone();
        added.id = limber_core::session::SessionId("two-sided".into());
        added.answers = Answers::PgicTwoSided(PgicChange::MinimallyWorse);
        r.measures.push(added);
    });
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&october).unwrap();
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    for answer in [
        "Pgic(NoChangeOrWorse)",
        "Pgic(Better)",
        "PgicTwoSided(MinimallyWorse)",
    ] {
        assert!(text.contains(answer), "{answer} in {text}");
    }
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.measures(), log.measures());
}

/// What an older Limber meets: a file of schema 8 with a two-sided PGIC answer, which a
/// Limber of schema 5 cannot read, opens read-only there (it reads the version first), never
/// "damaged" and never written over. Simulated here with a file one schema above this build's.
#[test]
fn a_newer_file_with_a_pgic_answer_this_build_does_not_know_opens_read_only() {
    let text = fixture_one_schema_ahead("log-v5-pgic.ron", 5)
        .replace("Pgic(Better)", "PgicOfTheFuture(Better)");
    assert_newer_file_opens_read_only(&text);
}

/// A month file of schema 5 (before the warning-sign records) opens writable with no sign
/// answers, its check-ins' ticks read as open signs; once a sign record is added, a save
/// writes schema 6, the first that may hold them.
#[test]
fn a_schema_5_month_file_opens_with_no_sign_answers_and_is_written_as_schema_6() {
    use chrono::Offset as _;
    use limber_core::session::{CheckIn, RedFlag, SignAnswer, SignEvent, SignRecord};
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    let at = Utc.with_ymd_and_hms(2026, 10, 6, 9, 0, 0).unwrap();
    let mut old = SessionLog::default();
    old.edit_records(|r| {
        r.check_ins.push(CheckIn {
            at,
            local_date: at.date_naive(),
            flags: vec![RedFlag::RiskHistory],
        });
    });
    let text = to_ron(&old).replace(
        &format!("schema_version: {SCHEMA_VERSION}"),
        "schema_version: 5",
    );
    assert!(text.contains("schema_version: 5") && !text.contains("sign_records"));
    fs::write(&october, &text).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    assert!(opened.log.sign_records().is_empty(), "no sign answers");
    let open = limber_core::sign_history::open_signs(&opened.log, now().date_naive());
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].flag, RedFlag::RiskHistory);

    let (mut store, mut log) = (opened.store, opened.log);
    log.edit_records(|r| {
        r.sign_records.push(SignRecord::new(
            at + chrono::Duration::days(1),
            Utc.fix(),
            SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
        ));
    });
    store.save(&log, now()).unwrap();
    let saved = fs::read_to_string(&october).unwrap();
    const { assert!(SCHEMA_VERSION >= 6) };
    assert!(
        saved.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{saved}"
    );
    assert!(
        saved.contains("Answered(RiskHistory, DoctorKnows)"),
        "{saved}"
    );
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.sign_records(), log.sign_records());
    assert!(limber_core::sign_history::open_signs(&again.log, now().date_naive()).is_empty());
}

/// What an older Limber meets: a month file of a newer schema whose sign records hold what
/// this build does not know (a schema-5 Limber meets schema 6's sign records the same way)
/// opens the whole log read-only, never "damaged", never written over.
#[test]
fn a_newer_file_with_unknown_sign_records_opens_read_only() {
    use chrono::Offset as _;
    use limber_core::session::{RedFlag, SignEvent, SignRecord};
    let mut log = SessionLog::default();
    log.edit_records(|r| {
        r.sign_records.push(SignRecord::new(
            Utc.with_ymd_and_hms(2026, 10, 6, 9, 0, 0).unwrap(),
            Utc.fix(),
            SignEvent::Reported(vec![RedFlag::FeverAndChills]),
        ));
    });
    let text = to_ron(&log)
        .replace(
            &format!("schema_version: {SCHEMA_VERSION}"),
            &format!("schema_version: {}", SCHEMA_VERSION + 1),
        )
        .replace("Reported([", "ReportedWithWords(note: \"new\", flags: [");
    assert!(text.contains("ReportedWithWords"), "{text}");
    assert_newer_file_opens_read_only(&text);
}

/// October 2026 of a generated history, as a month file of schema 5 holds it (before the
/// versions of exercises: no choices, no version on any record).
fn schema_5_month_text() -> String {
    let october = Month::of(NaiveDate::from_ymd_opt(2026, 10, 1).unwrap());
    let (_, log) = legacy_text(1);
    let text = to_ron(&log.month(october)).replacen(
        &format!("schema_version: {SCHEMA_VERSION}"),
        "schema_version: 5",
        1,
    );
    assert!(text.contains("schema_version: 5") && text.contains("exercise_id"));
    assert!(!text.contains("version_choices") && !text.contains("Harder("));
    text
}

/// A month file of schema 5 opens writable with no choices of version and every exercise
/// record at its standard version; a choice saved later writes the file at this build's schema.
#[test]
fn a_schema_5_month_file_opens_with_every_exercise_at_its_standard_version() {
    use limber_core::catalog::Version;
    use limber_core::versions::{VersionChoice, in_force};
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let october = log_dir.join("2026-10.ron");
    fs::write(&october, schema_5_month_text()).unwrap();
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    let log = opened.log;
    assert!(log.version_choices().is_empty());
    assert!(!log.sessions().is_empty());
    assert!(
        log.sessions()
            .iter()
            .flat_map(|s| &s.exercises)
            .all(|e| e.version == Version::STANDARD)
    );
    let day = NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
    assert_eq!(in_force(&log, "crab-pose", day), Version::STANDARD);

    // A choice made in October is saved into October's file, at this build's schema.
    let routine = Routine::built_in().unwrap();
    let crab = routine.exercise("crab-pose").unwrap();
    let at = Utc.with_ymd_and_hms(2026, 10, 20, 9, 0, 0).unwrap();
    let offset = chrono::FixedOffset::east_opt(0).unwrap();
    let (mut store, mut log) = (opened.store, log);
    log.edit_records(|r| {
        r.version_choices
            .push(VersionChoice::new(at, offset, crab, Version::HARDER));
    });
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&october).unwrap();
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    assert!(text.contains("version_choices") && text.contains("hips up"));
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.version_choices(), log.version_choices());
    assert_eq!(in_force(&again.log, "crab-pose", day), Version::HARDER);
}

/// What an older Limber meets: a month file of a newer schema whose choice of version holds
/// something this build does not know opens the whole log read-only, the file left as it was.
#[test]
fn a_newer_file_with_an_unknown_kind_of_version_opens_read_only() {
    let choice = "version_choices: [(id: \"v1\", at: \"2026-10-20T09:00:00Z\", \
                  utc_offset_secs: 0, local_date: \"2026-10-20\", exercise_id: \"crab-pose\", \
                  exercise: \"Crab pose\", version: Sideways(1))], exports:";
    let text = schema_5_month_text()
        .replacen(
            "schema_version: 5",
            &format!("schema_version: {}", SCHEMA_VERSION + 1),
            1,
        )
        .replacen("exports:", choice, 1);
    assert_newer_file_opens_read_only(&text);
}

/// Month files of schema 9 and 10 (before gentler sessions) open writable with no gentle
/// session and no gentle day; a session marked gentle later is saved at this build's schema
/// and reads back gentle.
#[test]
fn a_schema_9_or_10_month_file_opens_with_no_gentle_sessions() {
    use limber_core::figures::gentle::{gentle_days, is_gentle_day};
    const { assert!(SCHEMA_VERSION >= 11) };
    for old in [9, 10] {
        let text = schema_5_month_text().replacen(
            "schema_version: 5",
            &format!("schema_version: {old}"),
            1,
        );
        assert!(!text.contains("gentle"));
        let (dir, october) = month_file("2026-10.ron", &text);
        let opened = Store::open(dir.path(), now()).unwrap();
        assert!(opened.store.read_only().is_none(), "schema {old}");
        assert!(opened.store.damaged().next().is_none(), "schema {old}");
        let (mut store, mut log) = (opened.store, opened.log);
        assert!(!log.sessions().is_empty());
        assert!(log.sessions().iter().all(|s| !s.gentle), "schema {old}");
        assert!(gentle_days(&log).is_empty());

        let day = log
            .sessions()
            .iter()
            .find(|s| !s.is_rest_day())
            .unwrap()
            .local_date;
        log.edit_records(|r| {
            let session = r.sessions.iter_mut().find(|s| s.local_date == day).unwrap();
            session.gentle = true;
        });
        store.save(&log, now()).unwrap();
        let saved = fs::read_to_string(&october).unwrap();
        assert!(
            saved.contains(&format!("schema_version: {SCHEMA_VERSION}")),
            "written at this build's schema"
        );
        assert_eq!(
            saved.matches("gentle: true").count(),
            1,
            "only the gentle one says so"
        );
        drop(store);
        let again = Store::open(dir.path(), now()).unwrap();
        assert!(is_gentle_day(&again.log, day));
        assert_eq!(gentle_days(&again.log), [day]);
    }
}

/// What an older Limber meets: a month file of a newer schema whose gentle session holds
/// something this build does not know opens the whole log read-only, the file left as it was.
#[test]
fn a_newer_file_with_a_gentle_session_opens_read_only() {
    let text = fixture_one_schema_ahead("log-v3.ron", 3);
    assert!(text.contains("routine_version:"));
    // The first session gentle, with a field of a later schema.
    let text = text.replacen(
        "routine_version:",
        "gentle: true, gentle_rule: 2, routine_version:",
        1,
    );
    assert_newer_file_opens_read_only(&text);
}

/// A data folder holding one month file `name` with `text`; the folder and the file's path.
fn month_file(name: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let log_dir = dir.path().join(LOG_DIR);
    fs::create_dir_all(&log_dir).unwrap();
    let path = log_dir.join(name);
    fs::write(&path, text).unwrap();
    (dir, path)
}

/// The moment `utc` in a zone `offset_secs` east of UTC.
fn moment(utc: DateTime<Utc>, offset_secs: i32) -> limber_core::clock::Moment {
    limber_core::clock::Moment::new(
        std::time::Instant::now(),
        utc,
        chrono::FixedOffset::east_opt(offset_secs).unwrap(),
    )
}

/// A month file of schema 5 opens writable with no prompt records; the rules still raise the
/// prompt its rating calls for, and once that prompt is recorded a save writes the current
/// schema with the record, which reads back as it was.
#[test]
fn a_schema_5_month_file_opens_with_no_prompt_records_and_keeps_new_ones() {
    use limber_core::catalog::Routine;
    use limber_core::journal::{Change, Journal};
    let (dir, november) = month_file(
        "2026-11.ron",
        &fs::read_to_string(fixture("log-v5.ron")).unwrap(),
    );
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(
        opened.log.prompts().is_empty(),
        "no prompt records at schema 5"
    );
    assert_eq!(opened.log.pain_entries().len(), 1);
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let routine = Routine::built_in().unwrap();
    let raised = limber_core::prompts::evaluate(&opened.log, &routine, today);
    assert!(
        raised
            .iter()
            .any(|p| p.key.starts_with("doctor-high-rating:")),
        "{raised:?}"
    );

    let (mut store, log) = (opened.store, opened.log);
    let mut journal = Journal::new(log);
    let shown_at = moment(Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap(), 3600);
    let applied = journal
        .apply(Change::PromptsShown(raised), shown_at)
        .unwrap();
    assert_eq!(
        applied
            .months
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["2026-11"]
    );
    store.save(journal.log(), now()).unwrap();
    let text = fs::read_to_string(&november).unwrap();
    assert!(
        text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{text}"
    );
    assert!(
        text.contains("prompts:") && text.contains("doctor-high-rating:"),
        "{text}"
    );
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.prompts(), journal.log().prompts());
}

/// What an older Limber meets: a month file of a newer schema whose prompt records hold a field
/// it does not know opens the whole log read-only, never "damaged", never written over.
#[test]
fn a_newer_file_with_prompt_records_opens_read_only() {
    use limber_core::journal::{Change, Journal};
    use limber_core::prompts::{Prompt, PromptKind};
    let mut journal = Journal::default();
    let shown_at = moment(Utc.with_ymd_and_hms(2026, 10, 5, 9, 0, 0).unwrap(), 0);
    let prompt = Prompt {
        key: "doctor-high:2026-W41".into(),
        kind: PromptKind::SeeDoctor { flags: Vec::new() },
        title: "Your pain has stayed high for two weeks".into(),
        message: String::new(),
    };
    let _applied = journal
        .apply(Change::SeenMyDoctor(prompt), shown_at)
        .unwrap();
    let text = to_ron(journal.log())
        .replace(
            &format!("schema_version: {SCHEMA_VERSION}"),
            &format!("schema_version: {}", SCHEMA_VERSION + 1),
        )
        .replace("title:", "urgency_of_the_future: 3, title:");
    let (dir, october) = month_file("2026-10.ron", &text);
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(
        matches!(
            opened.store.read_only(),
            Some(ReadOnlyReason::NewerSchema { found, .. }) if *found == SCHEMA_VERSION + 1
        ),
        "{:?}",
        opened.store.read_only()
    );
    assert_eq!(
        fs::read_to_string(&october).unwrap(),
        text,
        "left as it was"
    );
}

/// The fixture `name`, a month file of schema `version`, announcing the schema after this
/// build's instead: what an older Limber meets when a newer one wrote the file.
fn fixture_one_schema_ahead(name: &str, version: u32) -> String {
    fs::read_to_string(fixture(name)).unwrap().replace(
        &format!("schema_version: {version}"),
        &format!("schema_version: {}", SCHEMA_VERSION + 1),
    )
}

/// A month file of schema 9 (before progression offers were recorded) opens writable with no
/// progression records; one recorded later writes the file at this build's schema, and reads
/// back as it was.
#[test]
fn a_schema_9_month_file_opens_writable_with_no_progression_records() {
    use limber_core::catalog::Version;
    use limber_core::progression::{ProgressionEvent, ProgressionRecord};
    let text = schema_5_month_text().replacen("schema_version: 5", "schema_version: 9", 1);
    let (dir, october) = month_file("2026-10.ron", &text);
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    assert!(opened.log.progressions().is_empty());
    assert!(!opened.log.sessions().is_empty());

    let at = Utc.with_ymd_and_hms(2026, 10, 20, 9, 0, 0).unwrap();
    let record = ProgressionRecord {
        id: limber_core::pain_entry::RecordId::new(at),
        at,
        utc_offset_secs: 0,
        local_date: NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
        exercise_id: "crab-pose".into(),
        exercise: "Crab pose".into(),
        from: Version::STANDARD,
        to: Version::HARDER,
        to_name: "hips up".into(),
        event: ProgressionEvent::Declined,
    };
    let (mut store, mut log) = (opened.store, opened.log);
    log.edit_records(|r| r.progressions.push(record));
    store.save(&log, now()).unwrap();
    let written = fs::read_to_string(&october).unwrap();
    assert!(
        written.contains(&format!("schema_version: {SCHEMA_VERSION}")),
        "{written}"
    );
    assert!(written.contains("progressions") && written.contains("Declined"));
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    assert_eq!(again.log.progressions(), log.progressions());
}

/// What an older Limber meets: a month file of a newer schema whose progression record holds an
/// answer this build does not know opens the whole log read-only, the file left as it was.
#[test]
fn a_newer_file_with_an_unknown_progression_record_opens_read_only() {
    let record = "progressions: [(id: \"g1\", at: \"2026-10-20T09:00:00Z\", \
                  utc_offset_secs: 0, local_date: \"2026-10-20\", exercise_id: \"crab-pose\", \
                  exercise: \"Crab pose\", from: Standard, to: Harder(1), \
                  event: AskedTherapist)], exports:";
    let text = schema_5_month_text()
        .replacen(
            "schema_version: 5",
            &format!("schema_version: {}", SCHEMA_VERSION + 1),
            1,
        )
        .replacen("exports:", record, 1);
    assert!(text.contains("AskedTherapist"));
    assert_newer_file_opens_read_only(&text);
}

/// A month file of schema 9 (before desk breaks) opens writable with no breaks; a break saved
/// later writes the file at this build's schema (12) and reads back as a break.
#[test]
fn a_schema_9_month_file_opens_with_no_desk_breaks() {
    use limber_core::desk_break::break_records;
    use limber_core::session::{Session, SessionKind};
    let schema_9 = schema_5_month_text().replacen("schema_version: 5", "schema_version: 9", 1);
    assert!(!schema_9.contains("Break"));
    let (dir, october) = month_file("2026-10.ron", &schema_9);
    let opened = Store::open(dir.path(), now()).unwrap();
    assert!(opened.store.read_only().is_none());
    assert!(opened.store.damaged().next().is_none());
    assert!(!opened.log.sessions().is_empty());
    assert!(opened.log.sessions().iter().all(|s| !s.is_break()));

    let routine = Routine::built_in().unwrap();
    let at = Utc.with_ymd_and_hms(2026, 10, 20, 11, 0, 0).unwrap();
    let offset = chrono::FixedOffset::east_opt(0).unwrap();
    let desk_break = Session::desk_break(
        at,
        at + chrono::Duration::seconds(90),
        offset,
        routine.version,
        break_records(&routine),
    );
    let (mut store, mut log) = (opened.store, opened.log);
    log.edit_records(|r| r.sessions.push(desk_break.clone()));
    store.save(&log, now()).unwrap();
    let text = fs::read_to_string(&october).unwrap();
    assert_eq!(SCHEMA_VERSION, 12);
    assert!(text.contains("schema_version: 12"), "{text}");
    assert!(text.contains("kind: Break"), "{text}");
    drop(store);
    let again = Store::open(dir.path(), now()).unwrap();
    let breaks: Vec<&Session> = again
        .log
        .sessions()
        .iter()
        .filter(|s| s.is_break())
        .collect();
    assert_eq!(breaks.len(), 1);
    assert_eq!(breaks[0].kind, SessionKind::Break);
    assert_eq!(breaks[0].exercises, desk_break.exercises);
}

/// What an older Limber meets: a month file of a newer schema holding a kind of session this
/// build does not know (as a schema 9 Limber meets a desk break) opens read-only, the file left
/// as it was.
#[test]
fn a_newer_file_with_an_unknown_kind_of_session_opens_read_only() {
    let text = schema_5_month_text()
        .replacen(
            "schema_version: 5",
            &format!("schema_version: {}", SCHEMA_VERSION + 1),
            1,
        )
        .replacen("kind: Routine", "kind: StandingDeskBreak", 1);
    assert!(text.contains("StandingDeskBreak"));
    assert_newer_file_opens_read_only(&text);
}
