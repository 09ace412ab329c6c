//! Reading and writing the month files of the log folder: the months read (each checked for
//! its size and for records dated elsewhere) and the months saved, never one that could not be
//! read or has not been read yet.

use std::borrow::Borrow;
use std::fs;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::{
    Month, ReadOnlyReason, Store, StoreError, backup, clock_short, duplicate_id_notice, file,
    newer, on_two_threads, placement, write_log_file,
};
use crate::log::SessionLog;

/// One month file read: its records and notices about sessions found twice or records dated
/// for another month, or why not.
type MonthRead = Result<(SessionLog, Vec<String>), StoreError>;

impl Store {
    /// Reads `months` (two threads share the work) and returns the records of each, with
    /// notices for any that could not be read or hold more than the limits allow (those are
    /// never written until set aside or restored), for sessions that appear twice, and for
    /// records dated for another month (kept in the file they were found in, see
    /// [`super::Homes`]).
    ///
    /// The months come back as they were read, one part each, so that the caller joins them
    /// into its log in one step ([`SessionLog::absorb_all`]): joining them here first would
    /// copy ten years of sessions twice, and the copy made on this thread would stay in its
    /// allocator's memory after the log moved on.
    pub fn load_months(&mut self, months: &[Month]) -> (Vec<SessionLog>, Vec<String>) {
        let paths: Vec<(Month, PathBuf)> =
            months.iter().map(|m| (*m, self.month_path(*m))).collect();
        let read = |part: &[(Month, PathBuf)]| -> Vec<(Month, MonthRead)> {
            let read: Vec<(Month, MonthRead)> = part
                .iter()
                .map(|(month, path)| {
                    let loaded = fs::read(path)
                        .map_err(StoreError::read(path.clone()))
                        .and_then(|bytes| {
                            let mut log = file::parse_sharing_names(&bytes, path)?;
                            let mut notices: Vec<String> = duplicate_id_notice(&log, &bytes, path)
                                .into_iter()
                                .collect();
                            notices.extend(placement::check_month(&mut log, *month, &bytes, path));
                            Ok((log, notices))
                        });
                    (*month, loaded)
                })
                .collect();
            crate::session::forget_interned();
            read
        };
        let (mut results, more) = on_two_threads(&paths, read);
        results.extend(more);
        let mut parts = Vec::with_capacity(results.len());
        let mut notices = Vec::new();
        for (month, result) in results {
            self.unread.remove(&month);
            match result {
                Ok((part, notice)) => {
                    parts.push(part);
                    notices.extend(notice);
                }
                Err(StoreError::NewerSchema {
                    found, supported, ..
                }) => {
                    self.read_only
                        .get_or_insert(ReadOnlyReason::NewerSchema { found, supported });
                    self.damaged
                        .insert(month, Arc::new(newer(self.month_path(month), found)));
                }
                Err(err) => {
                    notices.push(format!(
                        "The sessions of {} could not be read, so they are not shown and that \
                         file is never written over. Restore a backup in History, or set the \
                         file aside there. {err}",
                        month.label()
                    ));
                    self.damaged.insert(month, Arc::new(err));
                }
            }
        }
        (parts, notices)
    }

    /// Saves months: each `(month, part)` holds the records of that month (see
    /// [`SessionLog::month`]). Every month is checked first; then the day's backup is taken,
    /// each month written atomically (two threads share the work when there are several), and
    /// old backups rotated. A month with no records and no file is not written.
    ///
    /// Errors in read-only mode, for a month whose file could not be read or has not been read
    /// (then nothing is written), and when the disk refuses (full, read-only, permission
    /// denied): the other months are still written, each complete, and running the same save
    /// again finishes it. A backup that cannot be taken does not stop the save; it is reported
    /// through [`Store::take_notices`].
    pub fn save_parts<P: Borrow<SessionLog> + Sync>(
        &mut self,
        parts: &[(Month, P)],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.ensure_writable()?;
        crate::clock::check(now).map_err(|err| StoreError::ReadOnly {
            path: self.log_dir(),
            reason: clock_short(err),
        })?;
        let mut todo = Vec::with_capacity(parts.len());
        for (month, part) in parts {
            let path = self.writable_month(*month)?;
            let part: &SessionLog = part.borrow();
            if !part.is_empty() || path.exists() {
                todo.push((path, part));
            }
        }
        if todo.is_empty() {
            return Ok(());
        }
        if let Err(err) = self.take_daily_backup(now) {
            self.notices.push(format!(
                "Today's backup could not be made; your log was still saved. {err}"
            ));
        }
        fs::create_dir_all(self.log_dir()).map_err(StoreError::write(self.log_dir()))?;
        let write = |files: &[(PathBuf, &SessionLog)]| -> Result<(), StoreError> {
            files
                .iter()
                .try_for_each(|(path, part)| write_log_file(path, part))
        };
        let written = if todo.len() == 1 {
            write(&todo)
        } else {
            let (mine, theirs) = on_two_threads(&todo, write);
            mine.and(theirs)
        };
        if let Err(err) = self.rotate_backups(now.date_naive()) {
            self.notices.push(format!(
                "Old backups could not be tidied up; nothing was lost. {err}"
            ));
        }
        written
    }

    /// The path of `month`'s file, or why it may not be written now.
    fn writable_month(&self, month: Month) -> Result<PathBuf, StoreError> {
        let path = self.month_path(month);
        if let Some(err) = self.damaged.get(&month) {
            return Err(StoreError::ReadOnly {
                path,
                reason: format!(
                    "the file of {} could not be read ({err}); restore a backup or set the file \
                     aside in History first",
                    month.label()
                ),
            });
        }
        if self.unread.contains(&month) {
            return Err(StoreError::ReadOnly {
                path,
                reason: format!(
                    "the sessions of {} are still being read; try again in a moment",
                    month.label()
                ),
            });
        }
        Ok(path)
    }

    /// Saves the whole of `log`: every month it holds, and empties the files of months on disk
    /// it no longer holds.
    pub fn save(&mut self, log: &SessionLog, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut months = log.months();
        if let Ok(files) = backup::month_files(&self.log_dir()) {
            months.extend(files.into_iter().map(|(m, _)| m));
        }
        let parts: Vec<(Month, SessionLog)> =
            months.into_iter().map(|m| (m, log.month(m))).collect();
        self.save_parts(&parts, now)
    }
}
