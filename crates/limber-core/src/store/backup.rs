//! Rotating backups in `data_dir/backups/`: one a day, the last 7 days and the last 4 weeks
//! kept.
//!
//! A backup is a folder named for its day (`2026-03-02/`) holding the month files as they were
//! before that day's first save. The files are hard links to the month files (a save never
//! changes a file, it replaces it), so a day's backup costs a folder of links, not a copy of ten
//! years. Where the disk has no hard links, the files are copied. A folder named for a moment
//! (`2026-03-02T101500/`) is the whole log as it was just before a restore. Files named
//! `log-….ron` are the backups of the single-file log of older versions; they are listed and can
//! be restored like the others.
//!
//! Rotation counts the backups that exist, not calendar days: someone who comes back after a
//! month away still finds their older copies, because nothing is pruned until newer ones exist.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::month::Month;
use crate::atomic;

/// How many days of daily backups are kept.
pub const DAILY_KEPT: usize = 7;
/// How many weeks keep their newest backup.
pub const WEEKLY_KEPT: usize = 4;

/// The prefix and suffix of the single-file backups of older versions.
const LEGACY_PREFIX: &str = "log-";
const LEGACY_SUFFIX: &str = ".ron";
/// A backup folder being filled; renamed to its day's name only when complete.
pub(super) const PARTIAL_PREFIX: &str = ".partial-";

/// One backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    /// Where it is: a folder of month files, or a single file of an older version.
    pub path: PathBuf,
    /// The day it was taken (UTC).
    pub date: NaiveDate,
    /// When it was taken, for copies kept just before a restore; `None` for the daily copy.
    pub taken_at: Option<NaiveDateTime>,
    /// How many month files it holds; `None` for a single-file backup of an older version.
    pub months: Option<usize>,
}

impl Backup {
    /// Whether it is a single-file backup made by an older version of Limber.
    pub fn is_single_file(&self) -> bool {
        self.months.is_none()
    }
}

/// The folder name of the daily backup of `date`.
pub(super) fn daily_name(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The folder name of a copy taken at a moment (kept before a restore).
pub(super) fn moment_name(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H%M%S").to_string()
}

/// The date and, for moment copies, the time a backup name (without prefix or suffix) stands
/// for.
fn parse_stem(stem: &str) -> Option<(NaiveDate, Option<NaiveDateTime>)> {
    let date = NaiveDate::parse_from_str(stem.get(..10)?, "%Y-%m-%d").ok()?;
    match stem.get(10..)? {
        "" => Some((date, None)),
        time => {
            let at = NaiveDateTime::parse_from_str(stem, "%Y-%m-%dT%H%M%S").ok()?;
            (time.len() == 7).then_some((date, Some(at)))
        }
    }
}

/// The month files in a folder (strictly `YYYY-MM.ron`), oldest first: regular files and links
/// that lead to one (see [`super::folder::scan`] for what else a folder may hold).
pub(super) fn month_files(dir: &Path) -> io::Result<Vec<(Month, PathBuf)>> {
    super::folder::scan(dir).map(|found| found.months)
}

/// The backups in `dir`, newest first, without reading them.
pub(super) fn list(dir: &Path) -> io::Result<Vec<Backup>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let kind = entry.file_type()?;
        let backup = if kind.is_dir() {
            parse_stem(name).map(|(date, taken_at)| -> io::Result<Backup> {
                Ok(Backup {
                    path: entry.path(),
                    date,
                    taken_at,
                    months: Some(month_files(&entry.path())?.len()),
                })
            })
        } else if kind.is_file() {
            name.strip_prefix(LEGACY_PREFIX)
                .and_then(|n| n.strip_suffix(LEGACY_SUFFIX))
                .and_then(parse_stem)
                .map(|(date, taken_at)| {
                    Ok(Backup {
                        path: entry.path(),
                        date,
                        taken_at,
                        months: None,
                    })
                })
        } else {
            None
        };
        if let Some(backup) = backup {
            backups.push(backup?);
        }
    }
    backups.sort_by(|a, b| sort_key(b).cmp(&sort_key(a)));
    Ok(backups)
}

/// Makes `target` (a folder in `backup_dir` that does not exist yet) hold the month files of
/// `log_dir`: filled under a temporary name and renamed when complete, so a backup folder is
/// never half a backup. Hard links where the disk has them, copies otherwise.
pub(super) fn link_months(log_dir: &Path, backup_dir: &Path, target: &str) -> io::Result<()> {
    fs::create_dir_all(backup_dir)?;
    let partial = backup_dir.join(format!("{PARTIAL_PREFIX}{target}"));
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    fs::create_dir(&partial)?;
    let filled = (|| {
        for (month, path) in month_files(log_dir)? {
            let to = partial.join(month.file_name());
            if fs::hard_link(&path, &to).is_err() {
                fs::copy(&path, &to)?;
                fs::File::open(&to)?.sync_all()?;
            }
        }
        atomic::sync_dir(&partial)?;
        fs::rename(&partial, backup_dir.join(target))?;
        atomic::sync_dir(backup_dir)
    })();
    if filled.is_err() {
        let _ = fs::remove_dir_all(&partial);
    }
    filled
}

/// Removes a backup (a folder or a single file).
pub(super) fn remove(backup: &Backup) -> io::Result<()> {
    if backup.is_single_file() {
        fs::remove_file(&backup.path)
    } else {
        fs::remove_dir_all(&backup.path)
    }
}

/// Removes folders left half-filled by an interrupted backup; returns how many.
pub(super) fn remove_partial(backup_dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(backup_dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(PARTIAL_PREFIX))
        .filter(|e| fs::remove_dir_all(e.path()).is_ok())
        .count()
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
            months: Some(1),
        }
    }

    #[test]
    fn names_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(parse_stem(&daily_name(date)), Some((date, None)));
        let at = date.and_hms_opt(13, 5, 9).unwrap();
        assert_eq!(parse_stem(&moment_name(at)), Some((date, Some(at))));
        assert_eq!(parse_stem("2026-11-20.bak"), None);
        assert_eq!(parse_stem("2026-11-20T1"), None);
        assert_eq!(parse_stem("notes"), None);
    }

    #[test]
    fn folders_and_old_single_files_are_listed_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        fs::write(log.join("2026-03.ron"), "(sessions: [])").unwrap();
        fs::write(log.join("notes.txt"), "not a month").unwrap();
        let backups = dir.path().join("backups");
        link_months(&log, &backups, "2026-03-02").unwrap();
        fs::write(backups.join("log-2026-03-01.ron"), "(sessions: [])").unwrap();
        fs::create_dir(backups.join(".partial-2026-03-03")).unwrap();
        let listed = list(&backups).unwrap();
        assert_eq!(listed.len(), 2, "{listed:?}");
        assert_eq!(listed[0].months, Some(1));
        assert!(listed[1].is_single_file());
        assert_eq!(remove_partial(&backups), 1);
        // A later save replaces the month file; the backup keeps what it held.
        atomic::write_atomically(&log.join("2026-03.ron"), b"(sessions: [], exports: [])").unwrap();
        assert_eq!(
            fs::read_to_string(backups.join("2026-03-02/2026-03.ron")).unwrap(),
            "(sessions: [])"
        );
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
