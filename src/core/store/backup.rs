//! Rotating backups in `data_dir/backups/`: one copy a day, the last 7 days and the last 4
//! weeks kept.
//!
//! Rotation counts the backups that exist, not calendar days: someone who comes back after a
//! month away still finds their older copies, because nothing is pruned until newer ones exist.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// How many days of daily backups are kept.
pub const DAILY_KEPT: usize = 7;
/// How many weeks keep their newest backup.
pub const WEEKLY_KEPT: usize = 4;

const PREFIX: &str = "log-";
const SUFFIX: &str = ".ron";

/// One backup file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// Where it is.
    pub path: PathBuf,
    /// The day it was taken (UTC).
    pub date: NaiveDate,
    /// When it was taken, for copies kept just before a restore; `None` for the daily copy.
    pub taken_at: Option<NaiveDateTime>,
    /// Its size on disk, in bytes.
    pub size_bytes: u64,
    /// How many sessions it holds, or `None` when it cannot be read as a log.
    pub sessions: Option<usize>,
}

/// The file name of the daily backup of `date`.
pub(super) fn daily_name(date: NaiveDate) -> String {
    format!("{PREFIX}{}{SUFFIX}", date.format("%Y-%m-%d"))
}

/// The file name of a copy taken at a moment (kept before a restore).
pub(super) fn moment_name(at: NaiveDateTime) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format("%Y-%m-%dT%H%M%S"))
}

/// The date and, for moment copies, the time a backup file name stands for.
fn parse_name(name: &str) -> Option<(NaiveDate, Option<NaiveDateTime>)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let date = NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
    match stem.get(10..)? {
        "" => Some((date, None)),
        time => {
            let at = NaiveDateTime::parse_from_str(stem, "%Y-%m-%dT%H%M%S").ok()?;
            (time.len() == 7).then_some((date, Some(at)))
        }
    }
}

/// The backup files in `dir`, newest first, without reading them (`sessions` is `None`).
pub(super) fn list(dir: &Path) -> std::io::Result<Vec<Backup>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        let Some((date, taken_at)) = entry.file_name().to_str().and_then(parse_name) else {
            continue;
        };
        let metadata = entry.metadata()?;
        if !metadata.is_file() {
            continue;
        }
        backups.push(Backup {
            path: entry.path(),
            date,
            taken_at,
            size_bytes: metadata.len(),
            sessions: None,
        });
    }
    backups.sort_by(|a, b| sort_key(b).cmp(&sort_key(a)));
    Ok(backups)
}

/// Orders backups by when they were taken; the daily copy of a day counts as its start.
fn sort_key(backup: &Backup) -> (NaiveDate, Option<NaiveDateTime>, &Path) {
    (backup.date, backup.taken_at, &backup.path)
}

/// Which of `backups` (newest first) rotation removes: every copy whose day is not among the
/// newest [`DAILY_KEPT`] days with backups, except the newest copy of each of the newest
/// [`WEEKLY_KEPT`] weeks with backups.
pub(super) fn to_prune(backups: &[Backup]) -> Vec<&Backup> {
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut keep = vec![false; backups.len()];
    for (index, backup) in backups.iter().enumerate() {
        if days.contains(&backup.date) || (days.len() < DAILY_KEPT && days.insert(backup.date)) {
            keep[index] = true;
        }
        let week = backup.date.iso_week();
        let week = (week.year(), week.week());
        if weeks.len() < WEEKLY_KEPT && weeks.insert(week) {
            keep[index] = true;
        }
    }
    backups
        .iter()
        .zip(keep)
        .filter(|(_, kept)| !kept)
        .map(|(backup, _)| backup)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backup(date: NaiveDate) -> Backup {
        Backup {
            path: PathBuf::from(daily_name(date)),
            date,
            taken_at: None,
            size_bytes: 0,
            sessions: None,
        }
    }

    #[test]
    fn names_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(parse_name(&daily_name(date)), Some((date, None)));
        let at = date.and_hms_opt(13, 5, 9).unwrap();
        assert_eq!(parse_name(&moment_name(at)), Some((date, Some(at))));
        assert_eq!(parse_name("log-2026-11-20.ron.bak"), None);
        assert_eq!(parse_name("log-2026-11-20T1.ron"), None);
        assert_eq!(parse_name("notes.ron"), None);
    }

    #[test]
    fn keeps_seven_days_and_four_weeks() {
        let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let mut backups: Vec<Backup> = (0..60)
            .map(|d| backup(start + chrono::Days::new(d)))
            .collect();
        backups.reverse();
        let pruned: BTreeSet<NaiveDate> = to_prune(&backups).iter().map(|b| b.date).collect();
        let kept: Vec<NaiveDate> = backups
            .iter()
            .map(|b| b.date)
            .filter(|d| !pruned.contains(d))
            .collect();
        let newest = start + chrono::Days::new(59);
        for d in 0..7 {
            assert!(kept.contains(&(newest - chrono::Days::new(d))));
        }
        let weeks: BTreeSet<_> = kept.iter().map(chrono::Datelike::iso_week).collect();
        assert_eq!(weeks.len(), 4, "{kept:?}");
        assert!(kept.len() <= DAILY_KEPT + WEEKLY_KEPT, "{kept:?}");
        assert!(kept.len() > DAILY_KEPT, "{kept:?}");
    }

    #[test]
    fn a_long_break_prunes_nothing_old_that_is_still_needed() {
        let old = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let backups: Vec<Backup> = (0..3)
            .rev()
            .map(|d| backup(old + chrono::Days::new(d)))
            .collect();
        assert!(to_prune(&backups).is_empty());
    }
}
