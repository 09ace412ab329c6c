//! Temporary minimal store used by the lead while the real one is built on the `store` branch.
//! (Replaced wholesale at merge.)

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::core::session::SessionLog;

/// Why the log is open read-only.
#[derive(Debug)]
pub enum ReadOnlyReason {
    /// Another Limber holds the lock.
    OtherInstance {
        /// The lock file.
        lock_path: PathBuf,
    },
    /// The log could not be read.
    LoadFailed(StoreError),
    /// Written by a newer Limber.
    NewerSchema {
        /// Version in the file.
        found: u32,
        /// Version this build writes.
        supported: u32,
    },
}

/// A storage error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Any I/O error.
    #[error("{message} ({})", path.display())]
    Io {
        /// What failed.
        message: String,
        /// The file.
        path: PathBuf,
    },
}

/// A daily backup.
#[derive(Clone, Debug)]
pub struct Backup {
    /// The file.
    pub path: PathBuf,
    /// Its date.
    pub date: chrono::NaiveDate,
}

/// The opened store.
pub struct Opened {
    /// The store.
    pub store: Store,
    /// The log.
    pub log: SessionLog,
    /// Things to tell the person.
    pub notices: Vec<String>,
}

/// The log on disk.
pub struct Store {
    data_dir: PathBuf,
    read_only: Option<ReadOnlyReason>,
}

impl Store {
    /// Opens the store.
    pub fn open(data_dir: &Path, _now: DateTime<Utc>) -> Result<Opened, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::Io {
            message: e.to_string(),
            path: data_dir.to_owned(),
        })?;
        let path = data_dir.join("log.ron");
        let (log, read_only) = match std::fs::read_to_string(&path) {
            Ok(text) => match ron::from_str(&text) {
                Ok(log) => (log, None),
                Err(e) => (
                    SessionLog::default(),
                    Some(ReadOnlyReason::LoadFailed(StoreError::Io {
                        message: e.to_string(),
                        path: path.clone(),
                    })),
                ),
            },
            Err(_) => (SessionLog::default(), None),
        };
        Ok(Opened {
            store: Store {
                data_dir: data_dir.to_owned(),
                read_only,
            },
            log,
            notices: Vec::new(),
        })
    }

    /// Why read-only, if so.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// The log file.
    pub fn log_path(&self) -> PathBuf {
        self.data_dir.join("log.ron")
    }

    /// The data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Saves.
    pub fn save(&mut self, log: &SessionLog, _now: DateTime<Utc>) -> Result<(), StoreError> {
        let path = self.log_path();
        let text =
            ron::ser::to_string_pretty(log, ron::ser::PrettyConfig::default()).map_err(|e| {
                StoreError::Io {
                    message: e.to_string(),
                    path: path.clone(),
                }
            })?;
        crate::core::atomic::write_atomically(&path, text.as_bytes()).map_err(|e| StoreError::Io {
            message: e.to_string(),
            path,
        })
    }

    /// Backups.
    pub fn backups(&self) -> Result<Vec<Backup>, StoreError> {
        Ok(Vec::new())
    }

    /// Restores.
    pub fn restore(
        &mut self,
        backup: &Backup,
        _now: DateTime<Utc>,
    ) -> Result<SessionLog, StoreError> {
        Err(StoreError::Io {
            message: "no".into(),
            path: backup.path.clone(),
        })
    }

    /// Sets aside.
    pub fn set_damaged_file_aside(&mut self, _now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        self.read_only = None;
        Ok(self.log_path())
    }
}
