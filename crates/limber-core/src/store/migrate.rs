//! From the single `log.ron` of schema 1 and 2 to one file per month, and the end of any
//! layout change that a crash interrupted.
//!
//! The split is written into `log.migrating/`, read back and compared (same sessions, by id),
//! and only then renamed to `log/`; the old file is then renamed to `log.schema-N.ron` and never
//! deleted. Every step is a rename, so a crash leaves one of these states, each finished (or
//! undone) by the next start:
//! - `log.migrating/` beside `log.ron`: the split was not complete; it is removed and redone;
//! - `log/` beside `log.ron`, holding the same sessions (by id): the split was complete and
//!   verified; `log.ron` is renamed.
//!
//! A `log.ron` beside a `log/` that holds other sessions is not a split's original: an older
//! Limber run after the upgrade, or a synced folder, wrote it. Its records are merged by id into
//! the month files (as `limber import` does), and it is then renamed as above.
//!
//! A restore works the same way with `log.restoring/` (see [`super::Store::restore`]).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::backup::month_files;
use super::import::{ImportError, merge_opened};
use super::{LEGACY_LOG_FILE, LOG_DIR, Month, Store, StoreError, file};
use crate::atomic;
use crate::log::{Prefer, SessionLog};
use crate::session::SessionId;

/// Where the split is written before it becomes the log folder.
pub(super) const MIGRATING_DIR: &str = "log.migrating";
/// Where a restored log is written before it becomes the log folder.
pub(super) const RESTORING_DIR: &str = "log.restoring";

/// What finishing an interrupted change did, for a notice.
#[derive(Debug, Default)]
pub(super) struct Finished {
    /// A legacy log whose split was already in place was renamed.
    pub renamed_legacy: Option<PathBuf>,
    /// A restore that was cut short after the old log was moved away was completed.
    pub completed_restore: bool,
    /// Half-written folders that were removed.
    pub removed_partial: usize,
    /// A legacy log beside the log folder that is not the original of its split: its records
    /// and schema version, to be merged (see [`super::Store::merge_legacy`]).
    /// `Err` when it cannot be read: it is then left where it is.
    pub legacy_to_merge: Option<Result<(SessionLog, u32), StoreError>>,
}

/// Finishes or undoes what a crash interrupted (see the module notes).
pub(super) fn finish_interrupted(data_dir: &Path) -> Result<Finished, StoreError> {
    let mut done = Finished::default();
    let log_dir = data_dir.join(LOG_DIR);
    let restoring = data_dir.join(RESTORING_DIR);
    if restoring.is_dir() {
        if log_dir.exists() {
            // The old log was never moved away: the restore had not begun to take effect.
            fs::remove_dir_all(&restoring).map_err(StoreError::write(&restoring))?;
            done.removed_partial += 1;
        } else {
            fs::rename(&restoring, &log_dir).map_err(StoreError::write(&log_dir))?;
            done.completed_restore = true;
        }
    }
    let migrating = data_dir.join(MIGRATING_DIR);
    if migrating.is_dir() {
        fs::remove_dir_all(&migrating).map_err(StoreError::write(&migrating))?;
        done.removed_partial += 1;
    }
    let legacy = data_dir.join(LEGACY_LOG_FILE);
    if log_dir.is_dir() && legacy.is_file() {
        let version = fs::read(&legacy)
            .ok()
            .and_then(|bytes| file::schema_of(&bytes))
            .unwrap_or(2);
        match file::load_log(&legacy) {
            Ok(old) if verify(&log_dir, &old).is_ok() => {
                done.renamed_legacy = Some(keep_legacy(data_dir, version)?);
            }
            found => done.legacy_to_merge = Some(found.map(|old| (old, version))),
        }
    }
    atomic::sync_dir(data_dir).map_err(StoreError::write(data_dir))?;
    Ok(done)
}

/// Splits `log` (read from the legacy `log.ron` of schema `version`) into month files, verifies
/// them, makes them the log folder and renames the old file. Returns the old file's new name.
pub(super) fn split_legacy(
    data_dir: &Path,
    log: &SessionLog,
    version: u32,
) -> Result<PathBuf, StoreError> {
    let migrating = data_dir.join(MIGRATING_DIR);
    write_months(&migrating, log)?;
    verify(&migrating, log)?;
    let log_dir = data_dir.join(LOG_DIR);
    fs::rename(&migrating, &log_dir)
        .and_then(|()| atomic::sync_dir(data_dir))
        .map_err(StoreError::write(log_dir))?;
    keep_legacy(data_dir, version)
}

/// Writes each month of `log` into the new folder `dir` (removed first if a crash left it).
pub(super) fn write_months(dir: &Path, log: &SessionLog) -> Result<(), StoreError> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(StoreError::write(dir))?;
    }
    fs::create_dir_all(dir).map_err(StoreError::write(dir))?;
    for month in log.months() {
        let path = dir.join(month.file_name());
        super::write_log_file(&path, &log.month(month))?;
    }
    atomic::sync_dir(dir).map_err(StoreError::write(dir))
}

/// Reads the month files in `dir` back and checks that they hold exactly the sessions of `log`.
fn verify(dir: &Path, log: &SessionLog) -> Result<(), StoreError> {
    let files = month_files(dir).map_err(StoreError::read(dir.to_owned()))?;
    let parts = files
        .iter()
        .map(|(_, path)| file::load_log(path))
        .collect::<Result<Vec<_>, _>>()?;
    let mut read = SessionLog::default();
    read.absorb_all(parts);
    let ids = |log: &SessionLog| -> BTreeSet<SessionId> {
        log.sessions.iter().map(|s| s.id.clone()).collect()
    };
    if read.sessions.len() != log.sessions.len() || ids(&read) != ids(log) {
        return Err(StoreError::Write {
            path: dir.to_owned(),
            source: io::Error::other(format!(
                "the monthly files hold {} sessions where the old log holds {}",
                read.sessions.len(),
                log.sessions.len()
            )),
        });
    }
    Ok(())
}

/// Renames the legacy `log.ron` to a free `log.schema-N.ron` name (never over another file).
pub(super) fn keep_legacy(data_dir: &Path, version: u32) -> Result<PathBuf, StoreError> {
    let legacy = data_dir.join(LEGACY_LOG_FILE);
    let kept = crate::set_aside::free_name(data_dir, &format!("log.schema-{version}"), ".ron");
    fs::rename(&legacy, &kept)
        .and_then(|()| atomic::sync_dir(data_dir))
        .map_err(StoreError::write(legacy))?;
    Ok(kept)
}

impl Store {
    /// Removes temporary files and half-written folders, and finishes a split or a restore
    /// that a crash interrupted. Returns an old `log.ron` found beside the log folder that is
    /// not the original of its split, to be merged once the months are listed.
    pub(super) fn tidy_up(
        &mut self,
        notices: &mut Vec<String>,
    ) -> Option<Result<(SessionLog, u32), StoreError>> {
        let removed = [self.data_dir.clone(), self.log_dir(), self.backup_dir()]
            .iter()
            .filter_map(|dir| atomic::remove_stray_temp_files(dir).ok())
            .sum::<usize>()
            + super::backup::remove_partial(&self.backup_dir());
        match finish_interrupted(&self.data_dir) {
            Ok(done) => {
                if let Some(kept) = done.renamed_legacy {
                    notices.push(format!(
                        "Finished moving your log into monthly files; the old file is kept as {}.",
                        kept.display()
                    ));
                }
                if done.completed_restore {
                    notices.push("Finished restoring the backup you chose.".into());
                }
                if removed + done.removed_partial > 0 {
                    let n = removed + done.removed_partial;
                    notices.push(format!(
                        "Removed {n} unfinished temporary file{} left by an interrupted save.",
                        if n == 1 { "" } else { "s" }
                    ));
                }
                done.legacy_to_merge
            }
            Err(err) => {
                notices.push(err.to_string());
                None
            }
        }
    }

    /// Merges the records of an old `log.ron` found beside the month files (one that is not the
    /// original of their split: see the module notes) into `log` by id, as `limber import` does,
    /// then renames it as a split's original is renamed; one notice says how many sessions it
    /// added. `log` and `older` are the log read so far and the months not read yet. On error
    /// the file stays where it is, and the next start tries again.
    pub(super) fn merge_legacy(
        &mut self,
        found: Result<(SessionLog, u32), StoreError>,
        log: &mut SessionLog,
        older: &mut Vec<Month>,
        now: DateTime<Utc>,
        notices: &mut Vec<String>,
    ) {
        let merged = found.map_err(ImportError::from).and_then(|(old, version)| {
            let merged = merge_opened(self, log, older, old, Prefer::Ours, now)?;
            Ok((merged, keep_legacy(&self.data_dir, version)?))
        });
        match merged {
            Ok((merged, kept)) => {
                notices.extend(merged.notices);
                let differing = match merged.report.differing.len() {
                    0 => String::new(),
                    1 => " One session in it differs from your log's; your log's version is kept."
                        .into(),
                    n => format!(
                        " {n} sessions in it differ from your log's; your log's versions are kept."
                    ),
                };
                notices.push(match merged.report.added {
                    0 => format!(
                        "An older log.ron was found beside your monthly files; it held no session \
                         that is not in your log already, so nothing was added. It is kept as \
                         {}.{differing}",
                        kept.display()
                    ),
                    n => format!(
                        "Added {n} session{} from an older log.ron found beside your monthly \
                         files (left by an older Limber, or by a synced folder). It is kept as \
                         {}.{differing}",
                        if n == 1 { "" } else { "s" },
                        kept.display()
                    ),
                });
                notices.extend(self.take_notices());
            }
            Err(err) => notices.push(format!(
                "An older log.ron was found beside your monthly files, but its sessions could not \
                 be added, so it is left as it is; Limber tries again at the next start. {err}"
            )),
        }
    }
}
