//! Rotating backups in `data_dir/backups/`: one a day, the last 7 days and the last 4 weeks
//! kept.
//!
//! A backup is a folder named for its day (`2026-03-02/`) holding copies of the month files as
//! they were before that day's first save. A backup file never shares its inode with a live
//! month file: a save replaces a month file, but a person's editor may change it in place (vim
//! does so for a file with several links), and that must not change every backup at once. A
//! month changed since the previous backup is copied (a reflink where the file system offers
//! one, so it costs no space until one side changes); an unchanged month is a hard link to the
//! previous backup's copy, checked byte for byte, so a day's backup costs the months that
//! changed, not a copy of ten years. A folder named for a moment (`2026-03-02T101500/`) is the
//! whole log as it was just before a restore. Files named `log-….ron` are the backups of the
//! single-file log of older versions; they are listed and can be restored like the others.
//!
//! Rotation counts the backups that exist, not calendar days: someone who comes back after a
//! month away still finds their older copies, because nothing is pruned until newer ones exist.
//! It trusts no clock: a backup dated after today (a clock set ahead, then corrected) is kept
//! aside, neither counted nor removed, and listed as dated in the future.

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

    /// Whether it is dated after `today`: taken while the computer's clock was set ahead.
    /// Such a backup is kept aside by rotation (see [`DAILY_KEPT`]).
    pub fn is_future(&self, today: NaiveDate) -> bool {
        self.date > today
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

/// What making one backup did: how many month files it copied (and their bytes) and how many it
/// shared with the backup before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Made {
    /// Month files copied (or reflinked) from the log.
    pub copied: usize,
    /// Bytes of the copied month files.
    pub copied_bytes: u64,
    /// Unchanged month files hard-linked to the previous backup's copy.
    pub shared: usize,
}

/// Makes the daily backup of `today` in `backup_dir` (see [`copy_months`]), sharing unchanged
/// months with the newest earlier backup folder (one dated after `today` holds what a wrong
/// clock saw, and is left alone). Backups of older versions that are still hard links to a live
/// month are first given copies of their own (see [`separate_from_live`]).
pub(super) fn take(log_dir: &Path, backup_dir: &Path, today: NaiveDate) -> io::Result<Made> {
    let listed = list(backup_dir)?;
    separate_from_live(log_dir, &listed)?;
    let previous = listed
        .into_iter()
        .find(|b| !b.is_single_file() && !b.is_future(today));
    copy_months(
        log_dir,
        backup_dir,
        &daily_name(today),
        previous.as_ref().map(|b| b.path.as_path()),
    )
}

/// Makes `target` (a folder in `backup_dir` that does not exist yet) hold copies of the month
/// files of `log_dir`: filled under a temporary name and renamed when complete, so a backup
/// folder is never half a backup.
///
/// A backup file never shares its inode with a live month file, so an edit of a month in place
/// (vim does that to a file with several links) can never change a backup. A month that is
/// byte for byte the copy in `previous` (the newest earlier backup folder) is a hard link to
/// that copy; every other month is copied (a reflink where the file system offers one), its
/// modification time kept, and flushed to disk.
pub(super) fn copy_months(
    log_dir: &Path,
    backup_dir: &Path,
    target: &str,
    previous: Option<&Path>,
) -> io::Result<Made> {
    fs::create_dir_all(backup_dir)?;
    let partial = backup_dir.join(format!("{PARTIAL_PREFIX}{target}"));
    if partial.exists() {
        fs::remove_dir_all(&partial)?;
    }
    fs::create_dir(&partial)?;
    let filled = (|| {
        let mut made = Made::default();
        let mut copies = Vec::new();
        for (month, path) in month_files(log_dir)? {
            let to = partial.join(month.file_name());
            let earlier = previous.map(|dir| dir.join(month.file_name()));
            if let Some(earlier) = earlier
                && unchanged_since(&path, &earlier)?
                && fs::hard_link(&earlier, &to).is_ok()
            {
                made.shared += 1;
            } else {
                made.copied_bytes += copy_keeping_mtime(&path, &to)?;
                made.copied += 1;
                copies.push(to);
            }
        }
        sync_files(&copies)?;
        atomic::sync_dir(&partial)?;
        fs::rename(&partial, backup_dir.join(target))?;
        atomic::sync_dir(backup_dir)?;
        Ok(made)
    })();
    // Best effort: a partial folder left behind is removed at the next start.
    if filled.is_err()
        && let Err(err) = fs::remove_dir_all(&partial)
    {
        log::warn!(
            "could not remove a partial backup: {err} ({})",
            partial.display()
        );
    }
    filled
}

/// Gives every backup file that is still the same file as a live month (the hard links that
/// older versions of Limber made) a copy of its own, so that an edit of the live month in place
/// cannot change it. Each copy is made beside it and renamed over it. Returns how many.
///
/// Only a live month with more than one link can be shared, so this costs one look at each
/// month file once the old links are gone. Where the system cannot tell (not Unix), nothing is
/// done: Limber never made such links there without also being able to replace them by a save.
pub(super) fn separate_from_live(log_dir: &Path, backups: &[Backup]) -> io::Result<usize> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let mut linked = BTreeSet::new();
        for (_, path) in month_files(log_dir)? {
            let meta = fs::metadata(&path)?;
            if meta.nlink() > 1 {
                linked.insert((meta.dev(), meta.ino()));
            }
        }
        let mut separated = 0;
        for backup in backups
            .iter()
            .filter(|b| !linked.is_empty() && !b.is_single_file())
        {
            let mut changed = false;
            for (month, path) in month_files(&backup.path)? {
                let meta = fs::symlink_metadata(&path)?;
                if !linked.contains(&(meta.dev(), meta.ino())) {
                    continue;
                }
                let copy = backup.path.join(format!(".copy-{}", month.file_name()));
                if copy.exists() {
                    fs::remove_file(&copy)?;
                }
                copy_durably(&path, &copy)?;
                fs::rename(&copy, &path)?;
                changed = true;
                separated += 1;
            }
            if changed {
                atomic::sync_dir(&backup.path)?;
            }
        }
        Ok(separated)
    }
    #[cfg(not(unix))]
    {
        let _ = (log_dir, backups);
        Ok(0)
    }
}

/// Copies `from` to the new file `to` (a reflink where the file system offers one) and keeps
/// its modification time, so the next backup can tell it unchanged. Returns its length.
fn copy_keeping_mtime(from: &Path, to: &Path) -> io::Result<u64> {
    let modified = fs::metadata(from)?.modified()?;
    reflink_copy::reflink_or_copy(from, to)?;
    let copy = fs::OpenOptions::new().write(true).open(to)?;
    copy.set_modified(modified)?;
    Ok(copy.metadata()?.len())
}

/// [`copy_keeping_mtime`], then flushed to disk (used where old hard links are undone: Unix).
#[cfg(unix)]
fn copy_durably(from: &Path, to: &Path) -> io::Result<u64> {
    let len = copy_keeping_mtime(from, to)?;
    sync_files(&[to.to_owned()])?;
    Ok(len)
}

/// How many threads flush a backup's copies. Each flush waits on the disk, not the processor,
/// and flushes made together share the file system's journal commits: with the 121 month files
/// of the 10-year log on ext4, four threads took the first backup from 668 ms to 72–224 ms
/// (`examples/backup_cost`, on a disk shared with other work).
const SYNC_THREADS: usize = 4;

/// Flushes each of `files` to disk, on up to [`SYNC_THREADS`] threads; the first error wins.
fn sync_files(files: &[PathBuf]) -> io::Result<()> {
    let sync = |files: &[PathBuf]| -> io::Result<()> {
        files.iter().try_for_each(|path| {
            // Opened for writing: Windows flushes only a handle that may write.
            fs::OpenOptions::new().write(true).open(path)?.sync_all()
        })
    };
    if files.len() < 2 {
        return sync(files);
    }
    let chunk = files.len().div_ceil(SYNC_THREADS);
    std::thread::scope(|scope| {
        let others: Vec<_> = files
            .chunks(chunk)
            .skip(1)
            .map(|part| scope.spawn(move || sync(part)))
            .collect();
        let mine = sync(files.chunks(chunk).next().unwrap_or_default());
        others.into_iter().fold(mine, |result, other| {
            let theirs = other
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a thread flushing the backup stopped")));
            result.and(theirs)
        })
    })
}

/// Whether the backup copy `earlier` holds exactly what the live month file `live` holds, and
/// may be shared: a separate file (never the live one itself, as the hard-linked backups of
/// older versions were), of the same length and modification time, and the same bytes.
/// Where the system cannot tell two files apart (not Unix), nothing is shared.
fn unchanged_since(live: &Path, earlier: &Path) -> io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let (live_meta, earlier_meta) = match (fs::metadata(live), fs::symlink_metadata(earlier)) {
            (Ok(live), Ok(earlier)) => (live, earlier),
            (Err(err), _) => return Err(err),
            (_, Err(err)) if err.kind() == io::ErrorKind::NotFound => return Ok(false),
            (_, Err(err)) => return Err(err),
        };
        let same_file =
            (live_meta.dev(), live_meta.ino()) == (earlier_meta.dev(), earlier_meta.ino());
        if same_file
            || !earlier_meta.is_file()
            || live_meta.len() != earlier_meta.len()
            || live_meta.modified()? != earlier_meta.modified()?
        {
            return Ok(false);
        }
        Ok(fs::read(live)? == fs::read(earlier)?)
    }
    #[cfg(not(unix))]
    {
        let _ = (live, earlier);
        Ok(false)
    }
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

/// Which of `backups` (newest first) rotation removes, on the day `today`: every copy whose
/// day is not among the newest [`DAILY_KEPT`] days with backups, except the newest copy of each
/// of the newest [`WEEKLY_KEPT`] weeks with backups.
///
/// No clock is trusted: a backup dated after `today` (left by a clock that was set ahead, then
/// corrected) is kept aside, never counted and never removed, so it cannot push out the real
/// ones; a backup of `today` is never removed.
pub(super) fn to_prune(backups: &[Backup], today: NaiveDate) -> Vec<&Backup> {
    let mut days = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut keep = vec![false; backups.len()];
    for (index, backup) in backups.iter().enumerate() {
        if backup.date >= today {
            keep[index] = true;
            if backup.is_future(today) {
                continue;
            }
        }
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
        copy_months(&log, &backups, "2026-03-02", None).unwrap();
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
        let pruned: BTreeSet<NaiveDate> = to_prune(&backups, start + chrono::Days::new(59))
            .iter()
            .map(|b| b.date)
            .collect();
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
        assert!(to_prune(&backups, old + chrono::Days::new(60)).is_empty());
    }

    /// The inode of a file (Unix).
    #[cfg(unix)]
    fn inode(path: &Path) -> u64 {
        std::os::unix::fs::MetadataExt::ino(&fs::metadata(path).unwrap())
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_copy_never_shares_the_live_file_s_inode() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        fs::write(log.join("2026-03.ron"), "(sessions: [])").unwrap();
        fs::write(log.join("2026-04.ron"), "(sessions: [], exports: [])").unwrap();
        let backups = dir.path().join("backups");
        let first = copy_months(&log, &backups, "2026-04-01", None).unwrap();
        assert_eq!((first.copied, first.shared), (2, 0));
        for month in ["2026-03.ron", "2026-04.ron"] {
            let copy = backups.join("2026-04-01").join(month);
            assert_ne!(inode(&copy), inode(&log.join(month)), "{month}");
            assert_eq!(fs::read(&copy).unwrap(), fs::read(log.join(month)).unwrap());
        }
        // The next day, April changed: March is shared with the first backup's copy, April is
        // copied; neither is the live file.
        atomic::write_atomically(&log.join("2026-04.ron"), b"(sessions: [  ])").unwrap();
        let next = copy_months(
            &log,
            &backups,
            "2026-04-02",
            Some(&backups.join("2026-04-01")),
        )
        .unwrap();
        assert_eq!((next.copied, next.shared), (1, 1));
        assert_eq!(next.copied_bytes, 16);
        let march = backups.join("2026-04-02/2026-03.ron");
        assert_eq!(
            inode(&march),
            inode(&backups.join("2026-04-01/2026-03.ron"))
        );
        assert_ne!(inode(&march), inode(&log.join("2026-03.ron")));
        let april = backups.join("2026-04-02/2026-04.ron");
        assert_ne!(inode(&april), inode(&log.join("2026-04.ron")));
        assert_eq!(fs::read_to_string(april).unwrap(), "(sessions: [  ])");
    }

    #[cfg(unix)]
    #[test]
    fn an_older_backup_linked_to_the_live_file_is_never_shared() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        fs::write(log.join("2026-03.ron"), "(sessions: [])").unwrap();
        // What an older version made: a hard link to the live file.
        let backups = dir.path().join("backups");
        let old = backups.join("2026-03-30");
        fs::create_dir_all(&old).unwrap();
        fs::hard_link(log.join("2026-03.ron"), old.join("2026-03.ron")).unwrap();
        let made = copy_months(&log, &backups, "2026-03-31", Some(&old)).unwrap();
        assert_eq!((made.copied, made.shared), (1, 0));
        let copy = backups.join("2026-03-31/2026-03.ron");
        assert_ne!(inode(&copy), inode(&log.join("2026-03.ron")));
    }

    #[test]
    fn a_month_of_the_same_size_but_other_bytes_is_copied_not_shared() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        let live = log.join("2026-03.ron");
        fs::write(&live, "(sessions: [1])").unwrap();
        let backups = dir.path().join("backups");
        copy_months(&log, &backups, "2026-03-30", None).unwrap();
        // Same length and modification time, other bytes.
        let modified = fs::metadata(&live).unwrap().modified().unwrap();
        fs::write(&live, "(sessions: [2])").unwrap();
        fs::File::options()
            .write(true)
            .open(&live)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let made = copy_months(
            &log,
            &backups,
            "2026-03-31",
            Some(&backups.join("2026-03-30")),
        )
        .unwrap();
        assert_eq!((made.copied, made.shared), (1, 0));
        assert_eq!(
            fs::read_to_string(backups.join("2026-03-31/2026-03.ron")).unwrap(),
            "(sessions: [2])"
        );
        assert_eq!(
            fs::read_to_string(backups.join("2026-03-30/2026-03.ron")).unwrap(),
            "(sessions: [1])"
        );
    }

    #[test]
    fn backups_dated_in_the_future_are_kept_aside_and_today_s_is_kept() {
        let today = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
        // Eight backups a week apart in the future, today's, and 40 days before it.
        let mut backups: Vec<Backup> = (1..=8)
            .map(|w| backup(today + chrono::Days::new(7 * w)))
            .chain(std::iter::once(backup(today)))
            .chain((1..=40).map(|d| backup(today - chrono::Days::new(d))))
            .collect();
        backups.sort_by_key(|b| std::cmp::Reverse(b.date));
        let pruned: BTreeSet<NaiveDate> =
            to_prune(&backups, today).iter().map(|b| b.date).collect();
        assert!(pruned.iter().all(|d| *d < today), "{pruned:?}");
        let kept: Vec<NaiveDate> = backups
            .iter()
            .map(|b| b.date)
            .filter(|d| !pruned.contains(d) && *d <= today)
            .collect();
        // The past is rotated as if the future ones were not there.
        for d in 0..7 {
            assert!(kept.contains(&(today - chrono::Days::new(d))), "{kept:?}");
        }
        let weeks: BTreeSet<_> = kept.iter().map(chrono::Datelike::iso_week).collect();
        assert_eq!(weeks.len(), 4, "{kept:?}");
        assert!(backups.iter().filter(|b| b.is_future(today)).count() == 8);
    }

    #[cfg(unix)]
    #[test]
    fn old_backups_linked_to_a_live_month_get_copies_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        fs::create_dir(&log).unwrap();
        let live = log.join("2026-03.ron");
        fs::write(&live, "(sessions: [])").unwrap();
        fs::write(log.join("2026-04.ron"), "(sessions: [ ])").unwrap();
        // Two daily backups of an older version: hard links to the live file.
        let backups = dir.path().join("backups");
        for day in ["2026-03-30", "2026-03-31"] {
            fs::create_dir_all(backups.join(day)).unwrap();
            fs::hard_link(&live, backups.join(day).join("2026-03.ron")).unwrap();
        }
        let listed = list(&backups).unwrap();
        assert_eq!(separate_from_live(&log, &listed).unwrap(), 2);
        for day in ["2026-03-30", "2026-03-31"] {
            let copy = backups.join(day).join("2026-03.ron");
            assert_ne!(inode(&copy), inode(&live), "{day}");
            assert_eq!(fs::read_to_string(&copy).unwrap(), "(sessions: [])");
        }
        assert_eq!(fs::metadata(&live).unwrap().len(), 14);
        // Done once: nothing left to separate.
        assert_eq!(
            separate_from_live(&log, &list(&backups).unwrap()).unwrap(),
            0
        );
    }
}
