//! Keeping the session log on disk so that it is never lost.
//!
//! Layout of the data folder:
//! - `log.ron`: the session log (RON, human-readable, with a `schema_version`);
//! - `backups/log-YYYY-MM-DD.ron`: one copy a day (the log as it was before that day's first
//!   save), the last 7 days and the last 4 weeks kept; `log-YYYY-MM-DDTHHMMSS.ron` copies are
//!   the log as it was just before a restore;
//! - `log.damaged-YYYY-MM-DDTHHMMSS.ron`: a log that could not be read, set aside (never
//!   deleted);
//! - `limber.lock`: held by the running instance so that a second one opens read-only.
//!
//! Every write is atomic (see [`write_atomically`]). A log that fails to load is never written
//! over: the store opens read-only and waits for the person to choose ([`Store::restore`] or
//! [`Store::set_damaged_file_aside`]).

mod backup;
mod error;
mod file;
mod quick_read;
mod quick_write;

use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

pub use backup::{Backup, DAILY_KEPT, WEEKLY_KEPT};
pub use error::StoreError;
pub use file::{load_log, parse_log, parse_log_reference, to_ron};

use crate::core::atomic;
use crate::core::session::{SCHEMA_VERSION, SessionLog};

/// The session log's file name in the data folder.
pub const LOG_FILE: &str = "log.ron";
/// The lock file's name in the data folder.
pub const LOCK_FILE: &str = "limber.lock";
/// The backups folder's name in the data folder.
pub const BACKUP_DIR: &str = "backups";

/// Why a store refuses to write.
#[derive(Debug)]
pub enum ReadOnlyReason {
    /// Another Limber holds the lock on the data folder.
    OtherInstance {
        /// The lock file.
        lock_path: PathBuf,
    },
    /// The log could not be read; the file is left untouched until the person chooses.
    LoadFailed(StoreError),
    /// The log was written by a newer Limber; it is never downgraded.
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
                "Limber is open in another window; close it and open Limber again".into()
            }
            ReadOnlyReason::LoadFailed(_) => {
                "the session log could not be read; restore a backup or set the damaged file \
                 aside first"
                    .into()
            }
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
    /// The log to show: the saved log, or (when it could not be read) the newest good backup,
    /// or an empty log.
    pub log: SessionLog,
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
    notices: Vec<String>,
}

/// Atomically writes `bytes` to `path` (temp file in the same folder, fsync, rename, fsync the
/// folder). On error the previous file is intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    atomic::write_atomically(path, bytes).map_err(|source| StoreError::Write {
        path: path.to_owned(),
        source,
    })
}

impl Store {
    /// Opens the data folder (creating it if needed) and loads the log. When the log loads and
    /// the store is writable, today's backup is taken now if it does not exist yet (the log as
    /// it was at the start of the day), so that a copy exists before the first change.
    ///
    /// Never fails because of a bad or locked file: it then opens read-only (on the newest good
    /// backup, or empty) and says why. Fails only when the data folder cannot be created.
    pub fn open(data_dir: &Path, now: DateTime<Utc>) -> Result<Opened, StoreError> {
        fs::create_dir_all(data_dir).map_err(|source| StoreError::DataDir {
            path: data_dir.to_owned(),
            source,
        })?;
        let mut store = Store {
            data_dir: data_dir.to_owned(),
            lock: None,
            read_only: None,
            notices: Vec::new(),
        };
        let mut notices = Vec::new();
        let lock_path = data_dir.join(LOCK_FILE);
        match take_lock(&lock_path) {
            Ok(file) => store.lock = Some(file),
            Err(TryLockError::WouldBlock) => {
                store.read_only = Some(ReadOnlyReason::OtherInstance { lock_path });
            }
            Err(TryLockError::Error(err)) => notices.push(format!(
                "Limber could not lock its data folder ({err}); please do not open Limber twice \
                 at once. ({})",
                lock_path.display()
            )),
        }
        if store.read_only.is_none() {
            let removed = [store.data_dir.clone(), store.backup_dir()]
                .iter()
                .filter_map(|dir| atomic::remove_stray_temp_files(dir).ok())
                .sum::<usize>();
            if removed > 0 {
                notices.push(format!(
                    "Removed {removed} unfinished temporary file{} left by an interrupted save.",
                    if removed == 1 { "" } else { "s" }
                ));
            }
        }
        let log_path = store.log_path();
        let log = match fs::exists(&log_path) {
            Ok(false) => SessionLog::default(),
            Ok(true) => match fs::read(&log_path)
                .map_err(|source| StoreError::Read {
                    path: log_path.clone(),
                    source,
                })
                .and_then(|bytes| file::decode(&bytes, &log_path))
            {
                Ok(log) if log.schema_version > SCHEMA_VERSION => {
                    store.read_only.get_or_insert(ReadOnlyReason::NewerSchema {
                        found: log.schema_version,
                        supported: SCHEMA_VERSION,
                    });
                    log
                }
                Ok(log) => file::upgrade(log),
                Err(StoreError::NewerSchema {
                    found, supported, ..
                }) => {
                    store
                        .read_only
                        .get_or_insert(ReadOnlyReason::NewerSchema { found, supported });
                    store.newest_good_backup(&mut notices)
                }
                Err(err) => {
                    if store.read_only.is_some() {
                        notices.push(err.to_string());
                    } else {
                        store.read_only = Some(ReadOnlyReason::LoadFailed(err));
                    }
                    store.newest_good_backup(&mut notices)
                }
            },
            Err(source) => {
                let err = StoreError::Read {
                    path: log_path,
                    source,
                };
                if store.read_only.is_some() {
                    notices.push(err.to_string());
                } else {
                    store.read_only = Some(ReadOnlyReason::LoadFailed(err));
                }
                store.newest_good_backup(&mut notices)
            }
        };
        if store.read_only.is_none()
            && let Err(err) = store.take_daily_backup(now)
        {
            notices.push(format!("Today's backup could not be made. {err}"));
        }
        Ok(Opened {
            store,
            log,
            notices,
        })
    }

    /// Why the store refuses to write, or `None` when it is writable.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// The session log file.
    pub fn log_path(&self) -> PathBuf {
        self.data_dir.join(LOG_FILE)
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
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
                path: self.log_path(),
                reason: reason.short(),
            }),
        }
    }

    /// Saves the log atomically, after taking the day's backup (the log as it was before the
    /// first save of the day) and rotating old backups.
    ///
    /// Errors in read-only mode and when the disk refuses (full, read-only, permission denied);
    /// then nothing on disk has changed and a later call can succeed. A backup that cannot be
    /// taken does not stop the save; it is reported through [`Store::take_notices`].
    pub fn save(&mut self, log: &SessionLog, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.ensure_writable()?;
        let log_path = self.log_path();
        if let Err(err) = self.take_daily_backup(now) {
            self.notices.push(format!(
                "Today's backup could not be made; your log was still saved. {err}"
            ));
        }
        // Streamed into the temporary file: a long log is never held twice in memory.
        atomic::write_atomically_with(&log_path, |out| file::write_log(log, out)).map_err(
            |source| StoreError::Write {
                path: log_path,
                source,
            },
        )?;
        if let Err(err) = self.rotate_backups() {
            self.notices.push(format!(
                "Old backups could not be tidied up; nothing was lost. {err}"
            ));
        }
        Ok(())
    }

    /// The backups, newest first, each read to count its sessions (`None` when unreadable).
    pub fn backups(&self) -> Result<Vec<Backup>, StoreError> {
        let dir = self.backup_dir();
        let mut backups =
            backup::list(&dir).map_err(|source| StoreError::Read { path: dir, source })?;
        for backup in &mut backups {
            backup.sessions = load_log(&backup.path).ok().map(|log| log.sessions.len());
        }
        Ok(backups)
    }

    /// Makes a backup the current log and returns it.
    ///
    /// The current log is kept first: copied to the backups when it is readable, renamed aside
    /// (never deleted) when it is damaged. Works from the load-failed state, which it ends; it
    /// is refused while another instance holds the folder or when the log is from a newer
    /// Limber (that would downgrade it).
    pub fn restore(
        &mut self,
        backup: &Backup,
        now: DateTime<Utc>,
    ) -> Result<SessionLog, StoreError> {
        if !matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_))) {
            self.ensure_writable()?;
        }
        let log_path = self.log_path();
        let restored = load_log(&backup.path)?;
        let text = to_ron(&restored);
        if self.read_only.is_some() {
            self.move_aside(now)?;
        } else if fs::exists(&log_path).unwrap_or(true) {
            match load_log(&log_path) {
                Ok(_) => self.copy_to_backups(&backup::moment_name(now.naive_utc()))?,
                Err(_) => {
                    self.move_aside(now)?;
                }
            }
        }
        write_atomically(&log_path, text.as_bytes())?;
        self.read_only = None;
        Ok(restored)
    }

    /// From the load-failed state: renames the damaged log aside (it is never deleted) and makes
    /// the store writable, so that the next save starts a new log file. Returns the new name.
    pub fn set_damaged_file_aside(&mut self, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        if !matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_))) {
            return Err(StoreError::NothingToSetAside {
                path: self.log_path(),
            });
        }
        let aside = self.move_aside(now)?;
        self.read_only = None;
        Ok(aside)
    }

    /// Renames `log.ron` to a free `log.damaged-….ron` name and flushes the folder.
    fn move_aside(&self, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        let log_path = self.log_path();
        let stamp = now.format("%Y-%m-%dT%H%M%S");
        let aside = (1..=1000)
            .map(|n| {
                let suffix = if n == 1 {
                    String::new()
                } else {
                    format!("-{n}")
                };
                self.data_dir
                    .join(format!("log.damaged-{stamp}{suffix}.ron"))
            })
            .find(|candidate| !fs::exists(candidate).unwrap_or(true))
            .unwrap_or_else(|| self.data_dir.join(format!("log.damaged-{stamp}.ron")));
        fs::rename(&log_path, &aside)
            .and_then(|()| atomic::sync_dir(&self.data_dir))
            .map_err(|source| StoreError::Write {
                path: log_path,
                source,
            })?;
        Ok(aside)
    }

    /// Copies the current log file into the backups folder under `name` (atomically).
    fn copy_to_backups(&self, name: &str) -> Result<(), StoreError> {
        let log_path = self.log_path();
        let mut log_file = File::open(&log_path).map_err(|source| StoreError::Read {
            path: log_path,
            source,
        })?;
        let dir = self.backup_dir();
        fs::create_dir_all(&dir).map_err(|source| StoreError::Write {
            path: dir.clone(),
            source,
        })?;
        // Copied a piece at a time, so a long log is not held in memory for its backup.
        let path = dir.join(name);
        atomic::write_atomically_with(&path, |out| std::io::copy(&mut log_file, out).map(|_| ()))
            .map_err(|source| StoreError::Write { path, source })
    }

    /// Copies the log as it is on disk to today's backup, unless today's exists or there is no
    /// log yet.
    fn take_daily_backup(&self, now: DateTime<Utc>) -> Result<(), StoreError> {
        let name = backup::daily_name(now.date_naive());
        if fs::exists(self.backup_dir().join(&name)).unwrap_or(false)
            || !fs::exists(self.log_path()).unwrap_or(false)
        {
            return Ok(());
        }
        self.copy_to_backups(&name)
    }

    /// Removes the backups that rotation no longer keeps.
    fn rotate_backups(&self) -> Result<(), StoreError> {
        let dir = self.backup_dir();
        let backups = backup::list(&dir).map_err(|source| StoreError::Read {
            path: dir.clone(),
            source,
        })?;
        for old in backup::to_prune(&backups) {
            fs::remove_file(&old.path).map_err(|source| StoreError::Write {
                path: old.path.clone(),
                source,
            })?;
        }
        Ok(())
    }

    /// The newest backup that loads (shown read-only when the log cannot be), or an empty log.
    fn newest_good_backup(&self, notices: &mut Vec<String>) -> SessionLog {
        let found = backup::list(&self.backup_dir())
            .unwrap_or_default()
            .into_iter()
            .find_map(|b| load_log(&b.path).ok().map(|log| (b, log)));
        if let Some((backup, log)) = found {
            notices.push(format!(
                "Showing the backup of {} ({} sessions) read-only. ({})",
                backup.date.format("%Y-%m-%d"),
                log.sessions.len(),
                backup.path.display()
            ));
            log
        } else {
            notices.push("No readable backup was found, so an empty log is shown.".into());
            SessionLog::default()
        }
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
