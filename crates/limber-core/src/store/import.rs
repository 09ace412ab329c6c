//! `limber import`: merging a backup into the log by id, writing only the months that change.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{Backup, Month, Store, StoreError, load_log, on_two_threads};
use crate::log::{MergeReport, Prefer, SessionLog};

/// What an import did.
#[derive(Debug)]
pub struct Imported {
    /// How many sessions the backup offered.
    pub offered: usize,
    /// Added, already there, and differing (see [`SessionLog::merge_report`]).
    pub report: MergeReport,
    /// The months written.
    pub written: Vec<Month>,
    /// Things to tell the person (from opening the store, a backup that could not be taken).
    pub notices: Vec<String>,
}

/// Why an import did nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The backup or the log could not be read, or the store may not write.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The backup has records of a month whose file in the log cannot be read.
    #[error(
        "Nothing was imported: the backup has sessions of {month}, whose file in the log cannot \
         be read. Restore a backup or set that file aside in History first. {problem}"
    )]
    DamagedMonth {
        /// The month, in words.
        month: String,
        /// Why its file cannot be read.
        problem: String,
    },
}

/// Merges the backup at `file` (a file of any schema, or a folder of month files) into the log
/// in `data_dir`, through the store (so it takes the lock and refuses to write when another
/// Limber is open or a month it would change cannot be read). Only the months that change are
/// written, each atomically: a kill in the middle leaves every month old or new, and the same
/// import run again completes it (the merge by id is idempotent).
pub fn import(
    data_dir: &Path,
    file: &Path,
    prefer: Prefer,
    now: DateTime<Utc>,
) -> Result<Imported, ImportError> {
    let read_backup = || {
        if file.is_dir() {
            Store::load_backup(&Backup {
                path: file.to_owned(),
                date: now.date_naive(),
                taken_at: None,
                months: Some(0),
            })
        } else {
            load_log(file)
        }
    };
    // The store opens with this month and the last while the backup is read (a large one on
    // both cores).
    let today = Some(now.date_naive());
    let (incoming, opened) = std::thread::scope(|scope| {
        let log = scope.spawn(|| Store::open_recent(data_dir, now, today));
        let incoming = read_backup();
        let opened = log
            .join()
            .unwrap_or_else(|_| Store::open_recent(data_dir, now, today));
        (incoming, opened)
    });
    let (incoming, mut opened) = (incoming?, opened?);
    let offered = incoming.sessions.len();
    let mut store = opened.store;
    let mut log = opened.log;
    let merged = merge_opened(
        &mut store,
        &mut log,
        &mut opened.older,
        incoming,
        prefer,
        now,
    )?;
    let mut notices = merged.notices;
    notices.splice(0..0, opened.notices);
    notices.extend(store.take_notices());
    Ok(Imported {
        offered,
        report: merged.report,
        written: merged.written,
        notices,
    })
}

/// What [`merge_opened`] did.
pub(super) struct Merged {
    /// Added, already there, and differing.
    pub report: MergeReport,
    /// The months written.
    pub written: Vec<Month>,
    /// Notices from reading the older months.
    pub notices: Vec<String>,
}

/// Merges `incoming` by id into `log`, the part of an opened store's log read so far (`older`
/// lists the months not read yet; those it reads are taken off the list), and saves the months
/// that change. Used by [`import`] and for an old `log.ron` found beside the month files.
pub(super) fn merge_opened(
    store: &mut Store,
    log: &mut SessionLog,
    older: &mut Vec<Month>,
    mut incoming: SessionLog,
    prefer: Prefer,
    now: DateTime<Utc>,
) -> Result<Merged, ImportError> {
    let offered = incoming.sessions.len();
    let touched = incoming.months();
    // Checked before any month is read, and again after: a month of a newer Limber found
    // among those read also makes the store read-only.
    store.ensure_writable()?;
    // A month whose file already holds exactly what the backup has for it needs no merge, so
    // it is not read: writing the backup's part costs half of reading the file, and importing
    // the same backup twice reads next to nothing.
    let unchanged = holding_exactly(store, &incoming, &touched, older);
    let (to_read, left): (Vec<Month>, Vec<Month>) = std::mem::take(older)
        .into_iter()
        .partition(|m| !unchanged.contains(m));
    *older = left;
    let (parts, notices) = store.load_months(&to_read);
    log.absorb_all(parts);
    store.ensure_writable()?;
    if let Some((month, err)) = store.damaged().find(|(m, _)| touched.contains(m)) {
        return Err(ImportError::DamagedMonth {
            month: month.label(),
            problem: err.to_string(),
        });
    }
    incoming.drop_months(&unchanged);
    let already = offered - incoming.sessions.len();
    let before: Vec<(Month, SessionLog)> = touched
        .iter()
        .filter(|m| !unchanged.contains(m))
        .map(|m| (*m, log.month(*m)))
        .collect();
    let mut report = log.merge_report(incoming, prefer);
    report.same += already;
    let mut changed: Vec<(Month, SessionLog)> = before
        .into_iter()
        .map(|(month, old)| (month, old, log.month(month)))
        .filter(|(_, old, new)| new != old)
        .map(|(month, _, new)| (month, new))
        .collect();
    // A session the backup dates to another month than the log's copy left that copy's month:
    // it is saved too, so the one copy is the backup's, in the month of its own date.
    for month in &report.left {
        if !changed.iter().any(|(m, _)| m == month) {
            changed.push((*month, log.month(*month)));
        }
    }
    changed.sort_by_key(|(month, _)| *month);
    let written: Vec<Month> = changed.iter().map(|(month, _)| *month).collect();
    store.save_parts(&changed, now)?;
    Ok(Merged {
        report,
        written,
        notices,
    })
}

/// The months among `candidates` touched by the backup whose file holds exactly the backup's part,
/// byte for byte as the store would write it (a missing file holds nothing; two threads share
/// the work).
fn holding_exactly(
    store: &Store,
    backup: &SessionLog,
    touched: &BTreeSet<Month>,
    candidates: &[Month],
) -> BTreeSet<Month> {
    let wanted: Vec<Month> = candidates
        .iter()
        .filter(|month| touched.contains(month))
        .copied()
        .collect();
    let same = |half: &[Month]| -> Vec<Month> {
        half.iter()
            .filter(|month| {
                std::fs::read(store.month_path(**month))
                    .is_ok_and(|bytes| bytes == super::to_ron(&backup.month(**month)).as_bytes())
            })
            .copied()
            .collect()
    };
    let (mut months, more) = on_two_threads(&wanted, same);
    months.extend(more);
    months.into_iter().collect()
}
