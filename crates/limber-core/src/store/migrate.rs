//! From the single `log.ron` of schema 1 and 2 to one file per month, and the end of any
//! layout change that a crash interrupted.
//!
//! The split is written into `log.migrating/`, read back and compared (same sessions, by id),
//! and only then renamed to `log/`; the old file is then renamed to `log.schema-N.ron` and never
//! deleted. Every step is a rename, so a crash leaves one of these states, each finished (or
//! undone) by the next start:
//! - `log.migrating/` beside `log.ron`: the split was not complete; it is removed and redone;
//! - `log/` beside `log.ron`: the split was complete and verified; `log.ron` is renamed.
//!
//! A restore works the same way with `log.restoring/` (see [`super::Store::restore`]).

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::backup::month_files;
use super::{LEGACY_LOG_FILE, LOG_DIR, StoreError, file};
use crate::atomic;
use crate::session::{SessionId, SessionLog};

/// Where the split is written before it becomes the log folder.
pub(super) const MIGRATING_DIR: &str = "log.migrating";
/// Where a restored log is written before it becomes the log folder.
pub(super) const RESTORING_DIR: &str = "log.restoring";

/// What finishing an interrupted change did, for a notice.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Finished {
    /// A legacy log whose split was already in place was renamed.
    pub renamed_legacy: Option<PathBuf>,
    /// A restore that was cut short after the old log was moved away was completed.
    pub completed_restore: bool,
    /// Half-written folders that were removed.
    pub removed_partial: usize,
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
        done.renamed_legacy = Some(keep_legacy(data_dir, version)?);
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
fn keep_legacy(data_dir: &Path, version: u32) -> Result<PathBuf, StoreError> {
    let legacy = data_dir.join(LEGACY_LOG_FILE);
    let kept = crate::set_aside::free_name(data_dir, &format!("log.schema-{version}"), ".ron");
    fs::rename(&legacy, &kept)
        .and_then(|()| atomic::sync_dir(data_dir))
        .map_err(StoreError::write(legacy))?;
    Ok(kept)
}
