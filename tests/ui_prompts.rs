//! The safety prompts on the record, through the app: a prompt Today shows is in the log after
//! a restart, "I have seen my doctor" is kept after a restart (and the prompt rests), and an
//! older version's closed-prompts file moves into the log and is set aside.
#![expect(
    clippy::unwrap_used,
    reason = "a test stops loudly at the first surprise"
)]

mod common;

use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone as _, Utc};
use egui_kittest::kittest::Queryable as _;
use limber::core::dismissals_file::CLOSED_PROMPTS_FILE;
use limber::core::log::SessionLog;
use limber::core::pain_entry::PainEntry;
use limber::core::paths::Paths;
use limber::core::prompt_record::{Answered, PromptAnswer};
use limber::core::session::PainScore;
use limber::core::store::{LOG_DIR, to_ron};

const VERY_HIGH: &str = "You rated your pain very high";

/// Thursday 26 November 2026, 09:00 in UTC+1.
fn morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 8, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A data folder whose log holds one "How is your back now?" of 9 out of 10, on 26 November:
/// the rating that brings the doctor prompt for a very high rating.
fn folder_with_a_high_rating(dir: &Path) {
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 7, 0, 0).unwrap();
    let entry = PainEntry::new(
        at,
        FixedOffset::east_opt(3600).unwrap(),
        PainScore::new(9).unwrap(),
        Vec::new(),
        "",
    );
    let mut log = SessionLog::default();
    log.put_pain_entry(entry);
    let log_dir = Paths::under(dir).data_dir.join(LOG_DIR);
    std::fs::create_dir_all(&log_dir).unwrap();
    std::fs::write(
        log_dir.join("2026-11.ron"),
        to_ron(&log.month(log.months().into_iter().next().unwrap())),
    )
    .unwrap();
}

/// The id of the one pain entry of the folder `folder_with_a_high_rating` made, as its month
/// file writes it.
fn entry_id(dir: &Path) -> String {
    let month = Paths::under(dir).data_dir.join(LOG_DIR).join("2026-11.ron");
    std::fs::read_to_string(month)
        .unwrap()
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("id: \"")?
                .strip_suffix("\",")
                .map(str::to_owned)
        })
        .unwrap()
}

#[test]
fn a_prompt_shown_and_the_answer_seen_my_doctor_are_kept_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let mut harness = common::open(dir.path(), morning(), false);
    harness.get_by_label(VERY_HIGH);
    harness.run_steps(2);
    assert!(harness.state().flush(), "saved");
    drop(harness);

    // After a restart, later that day: the prompt is on the record, shown once, still open.
    let later = morning() + chrono::TimeDelta::hours(3);
    let mut harness = common::open(dir.path(), later, false);
    let records = harness.state().journal.log().prompts().to_vec();
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].key.starts_with("doctor-high-rating:"));
    assert_eq!(records[0].title, VERY_HIGH);
    assert_eq!(records[0].local_date, date(2026, 11, 26));
    assert_eq!(
        records[0].shown_at,
        morning(),
        "first shown, not shown again"
    );
    assert!(!records[0].is_closed());

    harness.get_by_label(VERY_HIGH);
    harness.get_by_label("I have seen my doctor").click();
    harness.run_steps(2);
    assert!(harness.query_by_label(VERY_HIGH).is_none(), "it rests");
    assert!(harness.state().flush(), "saved");
    drop(harness);

    // The next day: the answer is kept, and the prompt rests.
    let next_day = morning() + chrono::TimeDelta::days(1);
    let harness = common::open(dir.path(), next_day, false);
    assert!(harness.query_by_label(VERY_HIGH).is_none());
    let records = harness.state().journal.log().prompts();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(
        records[0].answered,
        Some(Answered {
            answer: PromptAnswer::SeenMyDoctor,
            on: date(2026, 11, 26)
        })
    );
}

#[test]
fn an_older_closed_prompts_file_moves_into_the_log_and_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let id = entry_id(dir.path());
    let config = Paths::under(dir.path()).config_dir;
    std::fs::create_dir_all(&config).unwrap();
    let closed = config.join(CLOSED_PROMPTS_FILE);
    let old = format!(
        "(prompt_keys: [\"doctor-high-rating:{id}\"], check_in_dismissed_on: Some(\"2026-11-26\"))"
    );
    std::fs::write(&closed, &old).unwrap();
    let mut harness = common::open(dir.path(), morning(), true);
    harness.run_steps(2);
    // Hidden in the older version: not shown, and on the record as hidden.
    assert!(harness.query_by_label(VERY_HIGH).is_none());
    let records = harness.state().journal.log().prompts().to_vec();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].title, VERY_HIGH);
    assert_eq!(records[0].local_date, date(2026, 11, 26));
    assert!(records[0].from_closed_file && records[0].hidden_on.is_some());
    // The check-in's "not now" came along as a setting.
    assert_eq!(
        harness.state().dismissals.check_in_dismissed_on,
        Some(date(2026, 11, 26))
    );
    assert!(!closed.exists(), "set aside");
    assert_eq!(
        std::fs::read_to_string(config.join("prompts.moved-to-log.ron")).unwrap(),
        old,
        "kept beside itself as it was"
    );
}

/// The closed prompts were moved and their file set aside, but the save never reached the disk
/// (the window was killed first): at the next start the file set aside is read again and the key
/// the log lacks is moved again, still hidden; the file is left where it is.
#[test]
fn a_closed_prompt_whose_move_was_never_saved_is_moved_again_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let id = entry_id(dir.path());
    let config = Paths::under(dir.path()).config_dir;
    std::fs::create_dir_all(&config).unwrap();
    let moved = config.join("prompts.moved-to-log.ron");
    let old = format!("(prompt_keys: [\"doctor-high-rating:{id}\"])");
    std::fs::write(&moved, &old).unwrap();
    let mut harness = common::open(dir.path(), morning(), true);
    harness.run_steps(2);
    assert!(harness.query_by_label(VERY_HIGH).is_none(), "still hidden");
    let records = harness.state().journal.log().prompts().to_vec();
    assert_eq!(records.len(), 1, "{records:?}");
    assert!(records[0].from_closed_file && records[0].hidden_on.is_some());
    assert_eq!(
        std::fs::read_to_string(&moved).unwrap(),
        old,
        "left as it was"
    );
    assert!(!config.join(CLOSED_PROMPTS_FILE).exists());
    // Once on the record, a later start finds nothing to move and records nothing new.
    let revision = harness.state().journal.revision();
    harness.run_steps(2);
    assert_eq!(harness.state().journal.revision(), revision);
}

/// A log opened read-only (another Limber holds the data folder and does not answer) shows its
/// prompts but records nothing: closing the window has nothing to warn about.
#[test]
fn a_read_only_log_shows_prompts_without_recording_them() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let month = Paths::under(dir.path())
        .data_dir
        .join(LOG_DIR)
        .join("2026-11.ron");
    let text = std::fs::read_to_string(&month).unwrap();
    let other =
        limber::core::store::Store::open(&Paths::under(dir.path()).data_dir, morning()).unwrap();
    assert!(
        other.store.read_only().is_none(),
        "the other window holds the lock"
    );
    let mut harness = common::open(dir.path(), morning(), false);
    harness.run_steps(2);
    assert!(harness.state().read_only().is_some());
    harness.get_by_label(VERY_HIGH);
    assert!(harness.state().journal.log().prompts().is_empty());
    assert!(
        harness.state().unsaved().is_empty(),
        "{:?}",
        harness.state().unsaved()
    );
    drop(harness);
    assert_eq!(
        std::fs::read_to_string(&month).unwrap(),
        text,
        "left as it was"
    );
    drop(other);
}

/// "Hide this message" is on the record with its day, and the prompt stays hidden after a
/// restart.
#[test]
fn a_hidden_prompt_stays_hidden_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let mut harness = common::open(dir.path(), morning(), false);
    harness.get_by_label(VERY_HIGH);
    harness.get_by_label("Hide this message").click();
    harness.run_steps(2);
    assert!(harness.query_by_label(VERY_HIGH).is_none());
    assert!(harness.state().flush(), "saved");
    drop(harness);

    let harness = common::open(dir.path(), morning() + chrono::TimeDelta::days(1), false);
    assert!(harness.query_by_label(VERY_HIGH).is_none());
    let records = harness.state().journal.log().prompts();
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0].hidden_on, Some(date(2026, 11, 26)));
    assert_eq!(records[0].answered, None);
}

/// While the log cannot be written (another Limber holds the data folder), an older version's
/// closed prompts stay in their file, and the prompts they name stay hidden.
#[test]
fn closed_prompts_wait_in_their_file_while_the_log_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    folder_with_a_high_rating(dir.path());
    let paths = Paths::under(dir.path());
    let id = entry_id(dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    let closed = paths.config_dir.join(CLOSED_PROMPTS_FILE);
    std::fs::write(
        &closed,
        format!("(prompt_keys: [\"doctor-high-rating:{id}\"])"),
    )
    .unwrap();
    let other = limber::core::store::Store::open(&paths.data_dir, morning()).unwrap();
    let mut harness = common::open(dir.path(), morning(), false);
    harness.run_steps(3);
    assert!(harness.state().read_only().is_some());
    assert!(harness.query_by_label(VERY_HIGH).is_none(), "still hidden");
    assert!(harness.state().journal.log().prompts().is_empty());
    assert!(closed.exists(), "kept for a start that can write");
    drop(harness);
    drop(other);
}
