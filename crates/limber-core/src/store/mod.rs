//! Keeping the session log on disk so that it is never lost, and so that a change costs the
//! write of one small file.
//!
//! Layout of the data folder:
//! - `log/YYYY-MM.ron`: one file per calendar month, each a complete RON document with its own
//!   `schema_version`, holding the records whose local date falls in that month (see
//!   [`Month`]). A change rewrites only its month's file.
//! - `backups/YYYY-MM-DD/`: copies of the month files as they were before that day's first
//!   save (an unchanged month shares the previous backup's copy, never the live file), the last
//!   7 days and the last 4 weeks kept, and any dated after today kept aside;
//!   `backups/YYYY-MM-DDTHHMMSS/` is the log as it was just before a restore;
//!   `backups/log-….ron` are backups of older versions.
//! - `log/YYYY-MM.ron.damaged-…`: a month file that could not be read, set aside (never
//!   deleted); `log.schema-N.ron`: the single-file log of an older version, kept after its split.
//! - `limber.lock`: held by the running instance so that a second one opens read-only.
//!
//! Every write is atomic (see [`write_atomically`]). A file that fails to load is never written
//! over: its month refuses to save until the person restores a backup or sets the file aside.
//! The UI never calls the store itself: a [`Saver`] thread owns it.

mod backup;
pub mod client;
mod error;
mod file;
mod folder;
mod import;
mod limits;
mod migrate;
mod month;
mod month_files;
mod placement;
mod saver;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

pub use backup::{Backup, DAILY_KEPT, WEEKLY_KEPT};
pub use error::StoreError;
pub use file::{duplicate_id_notice, load_log, parse_log, to_ron};
pub use import::{ImportError, Imported, import};
pub use limits::{MAX_RECORDS_IN_A_MONTH, MAX_SESSIONS_ON_A_DAY};
pub use month::Month;
pub use placement::{Dated, Home, Homes};
pub use saver::{Coalescer, Flusher, Report, Request, SAVE_GAP, SaveError, Saver};

use crate::atomic;
use crate::clock::{self, ClockError};
use crate::log::SessionLog;
use crate::session::SCHEMA_VERSION;

/// The log folder's name in the data folder.
pub const LOG_DIR: &str = "log";
/// The single-file log of schema 1 and 2, split into month files on first start.
pub const LEGACY_LOG_FILE: &str = "log.ron";
/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "limber.lock";
/// The backups folder's name in the data folder.
pub const BACKUP_DIR: &str = "backups";

/// Why a store refuses to write.
#[derive(Clone, Debug)]
pub enum ReadOnlyReason {
    /// Another Limber holds the lock on the data folder.
    OtherInstance {
        /// The lock file.
        lock_path: PathBuf,
    },
    /// The log of an older version could not be read, so it could not be split into months;
    /// it is left untouched until the person restores a backup or sets it aside.
    LoadFailed(Arc<StoreError>),
    /// The computer's clock says a time before 1970 or after 9999: nothing is written (a month
    /// file would get a name no Limber reads) until the clock is right.
    ClockOutOfRange(ClockError),
    /// A file was written by a newer Limber; it is never downgraded.
    NewerSchema {
        /// The schema version in the file.
        found: u32,
        /// The newest schema version this build writes.
        supported: u32,
    },
}

impl fmt::Display for ReadOnlyReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadOnlyReason::OtherInstance { lock_path } => write!(
                f,
                "Limber is already open in another window, so this one only shows the log and \
                 saves nothing. Close the other window, then open Limber again to make changes. \
                 ({})",
                lock_path.display()
            ),
            ReadOnlyReason::LoadFailed(err) => write!(
                f,
                "{err} Until you choose, this window only shows the log and saves nothing."
            ),
            ReadOnlyReason::ClockOutOfRange(err) => write!(f, "{err}"),
            ReadOnlyReason::NewerSchema { found, supported } => write!(
                f,
                "The session log was written by a newer version of Limber (format {found}; this \
                 version reads up to format {supported}). It is shown but never changed, so \
                 nothing is lost: install the newer Limber to keep logging."
            ),
        }
    }
}

impl ReadOnlyReason {
    /// A short reason for "did not save, because …".
    fn short(&self) -> String {
        match self {
            ReadOnlyReason::OtherInstance { .. } => {
                "another Limber is using the data folder (open in another window, or a command \
                 such as limber import still running); close it or wait for it to end, then try \
                 again"
                    .into()
            }
            ReadOnlyReason::LoadFailed(_) => {
                "the session log could not be read; restore a backup or set the damaged file \
                 aside first"
                    .into()
            }
            ReadOnlyReason::ClockOutOfRange(err) => clock_short(*err),
            ReadOnlyReason::NewerSchema { .. } => {
                "the session log was written by a newer version of Limber; install it to keep \
                 logging"
                    .into()
            }
        }
    }
}

/// The store and the log it opened.
#[derive(Debug)]
pub struct Opened {
    /// The store, writable unless [`Store::read_only`] says why not.
    pub store: Store,
    /// The months read so far (all of them, or the recent ones for [`Store::open_recent`]).
    pub log: SessionLog,
    /// Months on disk not read yet, newest first (see [`Store::load_months`]).
    pub older: Vec<Month>,
    /// Things the person may want to know, in plain words (e.g. "Opened the backup of …").
    pub notices: Vec<String>,
}

/// The session log's home on disk: the data folder, its lock, and whether writing is allowed.
#[derive(Debug)]
pub struct Store {
    data_dir: PathBuf,
    /// Held for the store's lifetime when this instance owns the folder; the OS releases it if
    /// the process dies, so a killed Limber never blocks the next one.
    lock: Option<File>,
    read_only: Option<ReadOnlyReason>,
    /// Month files that could not be read: never written until set aside or restored.
    damaged: BTreeMap<Month, Arc<StoreError>>,
    /// Month files on disk that have not been read: never written until read, so that a save
    /// can never drop the records of a month the caller does not hold.
    unread: BTreeSet<Month>,
    /// The day whose backup was taken (or found unneeded: nothing on disk yet) by this store.
    backed_up_on: Option<NaiveDate>,
    notices: Vec<String>,
}

/// Why nothing is written at a time the clock check refused, for "did not save, because …".
fn clock_short(err: ClockError) -> String {
    format!(
        "your computer's clock says {}; set the right date and time in your system \
         settings, then open Limber again",
        err.said_date()
    )
}

/// `work` done on each half of `items`, the second half on a thread of its own (both cores);
/// if that thread dies, its half is done here.
fn on_two_threads<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> (R, R) {
    let (first, second) = items.split_at(items.len().div_ceil(2));
    std::thread::scope(|scope| {
        let other = scope.spawn(|| work(second));
        let mine = work(first);
        (mine, other.join().unwrap_or_else(|_| work(second)))
    })
}

/// Writes `part` as the log file at `path`, atomically (see [`atomic::write_atomically`]); on
/// error the previous file is intact.
fn write_log_file(path: &Path, part: &SessionLog) -> Result<(), StoreError> {
    // A record dated after the year 9999 would get a name (`10002-06.ron`) no Limber reads.
    if path
        .file_name()
        .and_then(|name| name.to_str())
        .and_then(Month::from_file_name)
        .is_none()
    {
        return Err(StoreError::Write {
            path: path.to_owned(),
            source: std::io::Error::other(
                "its records are dated in a year that has no place in a month file's name",
            ),
        });
    }
    atomic::write_atomically(path, to_ron(part).as_bytes())
        .map_err(StoreError::write(path.to_owned()))
}

impl Store {
    /// Opens the data folder and reads every month of the log (for the command line and tests;
    /// the app uses [`Store::open_recent`]).
    pub fn open(data_dir: &Path, now: DateTime<Utc>) -> Result<Opened, StoreError> {
        let mut opened = Store::open_recent(data_dir, now, None)?;
        let older = std::mem::take(&mut opened.older);
        let (parts, notices) = opened.store.load_months(&older);
        opened.log.absorb_all(parts);
        opened.notices.extend(notices);
        Ok(opened)
    }

    /// Opens the data folder (creating it if needed): takes the lock, finishes what a crash
    /// interrupted, splits an older single-file log into months, and reads the month of
    /// `today` and the one before (all that Today and its safety prompts need; `None` reads
    /// every month). The other months are listed in [`Opened::older`].
    ///
    /// When the store is writable, today's backup is taken now if it does not exist yet (the
    /// log as it was at the start of the day), so that a copy exists before the first change.
    /// Never fails because of a bad or locked file: it then says why and refuses to write what
    /// it could not read. Fails only when the data folder cannot be created.
    pub fn open_recent(
        data_dir: &Path,
        now: DateTime<Utc>,
        today: Option<NaiveDate>,
    ) -> Result<Opened, StoreError> {
        fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let mut store = Store {
            data_dir: data_dir.to_owned(),
            lock: None,
            read_only: None,
            damaged: BTreeMap::new(),
            unread: BTreeSet::new(),
            backed_up_on: None,
            notices: Vec::new(),
        };
        let mut notices = Vec::new();
        if let Err(err) = clock::check(now) {
            store.read_only = Some(ReadOnlyReason::ClockOutOfRange(err));
        }
        let lock_path = data_dir.join(LOCK_FILE);
        match take_lock(&lock_path) {
            Ok(file) => store.lock = Some(file),
            Err(TryLockError::WouldBlock) => {
                store.read_only = Some(ReadOnlyReason::OtherInstance { lock_path });
            }
            Err(TryLockError::Error(err)) => notices.push(match err.kind() {
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied => {
                    format!(
                        "Limber may not write in its data folder (a read-only disk, or \
                         permissions), so your changes cannot be saved here. Make the folder \
                         writable, or start Limber with --data-dir pointing to another folder. ({})",
                        data_dir.display()
                    )
                }
                _ => format!(
                    "Limber could not lock its data folder, so it cannot tell whether another \
                     window has it open; if Limber is open twice, close one. ({})",
                    lock_path.display()
                ),
            }),
        }
        let legacy_to_merge = if store.read_only.is_none() {
            store.tidy_up(&mut notices)
        } else {
            None
        };
        let mut log = SessionLog::default();
        if !store.log_dir().is_dir() && data_dir.join(LEGACY_LOG_FILE).exists() {
            log = store.open_legacy(&mut notices);
        }
        let on_disk = store.list_months(&mut notices);
        store.unread.extend(on_disk.iter().copied());
        let (recent, mut older): (Vec<Month>, Vec<Month>) = match today {
            None => (on_disk, Vec::new()),
            Some(today) => {
                let this = Month::of(today);
                on_disk
                    .into_iter()
                    .partition(|m| *m == this || *m == this.previous())
            }
        };
        older.reverse();
        let (parts, read_notices) = store.load_months(&recent);
        log.absorb_all(parts);
        notices.extend(read_notices);
        if store.read_only.is_none()
            && let Err(err) = store.take_daily_backup(now)
        {
            notices.push(format!("Today's backup could not be made. {err}"));
        }
        if let Some(found) = legacy_to_merge {
            store.merge_legacy(found, &mut log, &mut older, now, &mut notices);
        }
        Ok(Opened {
            store,
            log,
            older,
            notices,
        })
    }

    /// Reads the single-file log of an older version and, when writable, splits it into month
    /// files (see [`migrate`]). Returns what is to be shown.
    fn open_legacy(&mut self, notices: &mut Vec<String>) -> SessionLog {
        let path = self.data_dir.join(LEGACY_LOG_FILE);
        match load_log(&path) {
            Ok(log) => {
                if self.read_only.is_some() {
                    return log;
                }
                let version = fs::read(&path)
                    .ok()
                    .and_then(|bytes| file::schema_of(&bytes))
                    .unwrap_or(1);
                match migrate::split_legacy(&self.data_dir, &log, version) {
                    Ok(kept) => {
                        notices.push(format!(
                            "Your log now lives in one file per month, so saving stays quick. The \
                             old file is kept as {}.",
                            kept.display()
                        ));
                        // Read back from the month files, below, like any other start.
                        SessionLog::default()
                    }
                    Err(err) => {
                        notices.push(format!(
                            "Your log could not be moved into monthly files, so this window only \
                             shows it and saves nothing; the old file is unchanged. {err}"
                        ));
                        self.read_only = Some(ReadOnlyReason::LoadFailed(Arc::new(err)));
                        log
                    }
                }
            }
            Err(StoreError::NewerSchema {
                found, supported, ..
            }) => {
                self.read_only
                    .get_or_insert(ReadOnlyReason::NewerSchema { found, supported });
                SessionLog::default()
            }
            Err(err) => {
                let shown = self.newest_good_backup(notices);
                if self.read_only.is_some() {
                    notices.push(err.to_string());
                } else {
                    self.read_only = Some(ReadOnlyReason::LoadFailed(Arc::new(err)));
                }
                shown
            }
        }
    }

    /// Why the store refuses to write, or `None` when it is writable.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// The month files that could not be read, with why.
    pub fn damaged(&self) -> impl Iterator<Item = (Month, &StoreError)> {
        self.damaged.iter().map(|(m, e)| (*m, e.as_ref()))
    }

    /// The log folder.
    pub fn log_dir(&self) -> PathBuf {
        self.data_dir.join(LOG_DIR)
    }

    /// The file of one month.
    pub fn month_path(&self, month: Month) -> PathBuf {
        self.log_dir().join(month.file_name())
    }

    /// The backups folder.
    pub fn backup_dir(&self) -> PathBuf {
        self.data_dir.join(BACKUP_DIR)
    }

    /// Notices gathered since the last call (e.g. a backup that could not be taken), in plain
    /// words; the save itself succeeded.
    pub fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// `Ok` when the store may write, else the [`StoreError::ReadOnly`] that says why not.
    pub fn ensure_writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            None => Ok(()),
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.log_dir(),
                reason: reason.short(),
            }),
        }
    }

    /// The backups, newest first, without reading them.
    pub fn backups(&self) -> Result<Vec<Backup>, StoreError> {
        let dir = self.backup_dir();
        backup::list(&dir).map_err(StoreError::read(dir))
    }

    /// Reads every record of a backup (a folder of month files, or one file of an older
    /// version).
    pub fn load_backup(backup: &Backup) -> Result<SessionLog, StoreError> {
        if backup.is_single_file() {
            return load_log(&backup.path);
        }
        let files =
            backup::month_files(&backup.path).map_err(StoreError::read(backup.path.clone()))?;
        let parts = files
            .iter()
            .map(|(_, path)| load_log(path))
            .collect::<Result<Vec<_>, _>>()?;
        let mut log = SessionLog::default();
        log.absorb_all(parts);
        Ok(log)
    }

    /// Makes a backup the current log and returns it.
    ///
    /// The backup is written into `log.restoring/` first; the current log folder (damaged
    /// months and all) is then moved into the backups as the copy of this moment (never
    /// deleted), and `log.restoring/` renamed to `log/`. A crash at any point leaves either the
    /// old log or the restored one (see [`migrate`]). Ends the damaged state; refused while
    /// another instance holds the folder or when the log is from a newer Limber (that would
    /// downgrade it).
    pub fn restore(
        &mut self,
        backup: &Backup,
        now: DateTime<Utc>,
    ) -> Result<SessionLog, StoreError> {
        if !matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_))) {
            self.ensure_writable()?;
        }
        let restored = Store::load_backup(backup)?;
        let restoring = self.data_dir.join(migrate::RESTORING_DIR);
        migrate::write_months(&restoring, &restored)?;
        let log_dir = self.log_dir();
        if log_dir.exists() {
            fs::create_dir_all(self.backup_dir()).map_err(StoreError::write(&self.backup_dir()))?;
            let kept = crate::set_aside::free_name(
                &self.backup_dir(),
                &backup::moment_name(now.naive_utc()),
                "",
            );
            fs::rename(&log_dir, &kept).map_err(StoreError::write(&log_dir))?;
        }
        let legacy = self.data_dir.join(LEGACY_LOG_FILE);
        if legacy.exists() {
            let stamp = now.format("%Y-%m-%dT%H%M%S");
            let aside = crate::set_aside::free_name(
                &self.data_dir,
                &format!("log.damaged-{stamp}"),
                ".ron",
            );
            fs::rename(&legacy, &aside).map_err(StoreError::write(&legacy))?;
        }
        fs::rename(&restoring, &log_dir)
            .and_then(|()| atomic::sync_dir(&self.data_dir))
            .map_err(StoreError::write(&log_dir))?;
        self.read_only = None;
        self.damaged.clear();
        self.unread.clear();
        Ok(restored)
    }

    /// Renames every month file that could not be read (or the unreadable log of an older
    /// version) aside, never deleting it, so that those months can be written again. Returns
    /// the new names.
    pub fn set_damaged_file_aside(
        &mut self,
        now: DateTime<Utc>,
    ) -> Result<Vec<PathBuf>, StoreError> {
        let legacy_failed = matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_)));
        if !legacy_failed && self.damaged.is_empty() {
            return Err(StoreError::NothingToSetAside {
                path: self.log_dir(),
            });
        }
        if !legacy_failed {
            self.ensure_writable()?;
        }
        let stamp = now.format("%Y-%m-%dT%H%M%S").to_string();
        let mut kept = Vec::new();
        let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
        if legacy_failed {
            moves.push((
                self.data_dir.join(LEGACY_LOG_FILE),
                crate::set_aside::free_name(
                    &self.data_dir,
                    &format!("log.damaged-{stamp}"),
                    ".ron",
                ),
            ));
        }
        for month in self.damaged.keys() {
            let from = self.month_path(*month);
            let to = crate::set_aside::free_name(
                &self.log_dir(),
                &format!("{}.damaged-{stamp}", month.file_name()),
                "",
            );
            moves.push((from, to));
        }
        for (from, to) in moves {
            fs::rename(&from, &to).map_err(StoreError::write(from.clone()))?;
            kept.push(to);
        }
        // The renames are done; a folder that cannot be flushed keeps them in the OS's cache
        // until it writes them, so this is noted rather than reported as a failure.
        for dir in [self.data_dir.clone(), self.log_dir()] {
            if let Err(err) = atomic::sync_dir(&dir) {
                log::warn!(
                    "could not flush a folder to disk: {err} ({})",
                    dir.display()
                );
            }
        }
        self.damaged.clear();
        if legacy_failed {
            self.read_only = None;
        }
        Ok(kept)
    }

    /// Makes today's backup (UTC date) of the month files, before the day's first write, if it
    /// does not exist yet. Not while a month file cannot be read: a backup holding the damage
    /// would push a good one out of the rotation.
    fn take_daily_backup(&mut self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let day = now.date_naive();
        if self.backed_up_on == Some(day) || !self.damaged.is_empty() {
            return Ok(());
        }
        self.backed_up_on = Some(day);
        let dir = self.backup_dir();
        let name = backup::daily_name(day);
        if dir.join(&name).exists() || !self.log_dir().is_dir() {
            return Ok(());
        }
        backup::take(&self.log_dir(), &dir, day).map_err(StoreError::write(dir.join(name)))?;
        Ok(())
    }

    /// Removes the backups that rotation no longer keeps on the day `today` (see
    /// [`backup::to_prune`]: backups dated after `today` are kept aside, today's is kept).
    fn rotate_backups(&self, today: NaiveDate) -> Result<(), StoreError> {
        let dir = self.backup_dir();
        let all = backup::list(&dir).map_err(StoreError::read(dir.clone()))?;
        for old in backup::to_prune(&all, today) {
            backup::remove(old).map_err(StoreError::write(old.path.clone()))?;
        }
        Ok(())
    }

    /// The newest backup that reads, shown (read-only) when the log of an older version could
    /// not be read; an empty log when there is none.
    fn newest_good_backup(&self, notices: &mut Vec<String>) -> SessionLog {
        let found = self.backups().ok().and_then(|backups| {
            backups
                .into_iter()
                .find_map(|b| Store::load_backup(&b).ok().map(|log| (b, log)))
        });
        if let Some((backup, log)) = found {
            notices.push(format!(
                "Showing the backup of {} ({} sessions) read-only. ({})",
                backup.date.format("%Y-%m-%d"),
                log.sessions.len(),
                backup.path.display()
            ));
            log
        } else {
            SessionLog::default()
        }
    }
}

fn newer(path: PathBuf, found: u32) -> StoreError {
    StoreError::NewerSchema {
        path,
        found,
        supported: SCHEMA_VERSION,
    }
}

/// Opens (creating if needed) the lock file and locks it without waiting for another Limber.
///
/// The file is held open read-only (a lock needs no write access), so that holding it never
/// stops the disk from being remounted read-only. A lock that is busy for only an instant, as
/// happens while another program is being started and briefly shares open files, is retried a
/// few times before the store gives up and opens read-only.
fn take_lock(path: &Path) -> Result<File, TryLockError> {
    const ATTEMPTS: u32 = 5;
    let file = match File::open(path) {
        Ok(file) => file,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(TryLockError::Error)?;
            File::open(path).map_err(TryLockError::Error)?
        }
        Err(err) => return Err(TryLockError::Error(err)),
    };
    let mut attempt = 1;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if attempt < ATTEMPTS => {
                attempt += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(err) => return Err(err),
        }
    }
}
