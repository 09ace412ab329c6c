//! The saver: a thread that owns the [`Store`] and does all its disk work, so that the UI never
//! waits for the disk (as eframe does with its own persistence).
//!
//! The UI sends the months it changed ([`Request::Save`], the month's records as they are now);
//! changes that come quickly one after another (the keystrokes of a note) are coalesced by a
//! [`Coalescer`] into at most one write a second, and every change is on disk within about a
//! second. What the thread did comes back as [`Report`]s, which the UI reads at its next frame
//! (the `wake` callback asks for that frame).
//!
//! The person's preferences ([`crate::prefs`]) are written by the same thread, with the same
//! coalescing and the same retry: the UI thread never opens a file for writing.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::{Backup, Month, Store, StoreError};
use crate::log::SessionLog;
use crate::paths::Paths;
use crate::prefs::{self, Pref, PrefError, PrefKind};

/// The shortest time between two writes of the log: changes within it become one write.
pub const SAVE_GAP: Duration = Duration::from_secs(1);

/// How long a flush at quit waits for the disk before giving up (the changes then stay in the
/// temporary state they were in: nothing already saved is harmed).
const FLUSH_WAIT: Duration = Duration::from_secs(10);

/// Decides when pending changes are written: the first change after a quiet spell at once,
/// later ones no sooner than [`SAVE_GAP`] after the previous write. Pure, with time as an
/// argument, so it is tested without a clock.
#[derive(Clone, Debug)]
pub struct Coalescer {
    gap: Duration,
    first_pending: Option<Instant>,
    last_write: Option<Instant>,
}

impl Coalescer {
    /// A coalescer that writes at most once per `gap`.
    pub fn new(gap: Duration) -> Coalescer {
        Coalescer {
            gap,
            first_pending: None,
            last_write: None,
        }
    }

    /// A change arrived at `at`.
    pub fn changed(&mut self, at: Instant) {
        self.first_pending.get_or_insert(at);
    }

    /// When the pending changes are to be written, or `None` when nothing is pending.
    pub fn due(&self) -> Option<Instant> {
        let first = self.first_pending?;
        Some(match self.last_write {
            Some(last) => first.max(last + self.gap),
            None => first,
        })
    }

    /// Whether the pending changes are due at `now`.
    pub fn is_due(&self, now: Instant) -> bool {
        self.due().is_some_and(|due| due <= now)
    }

    /// The pending changes were written (or failed) at `at`; failed ones wait for a retry or
    /// the next change.
    pub fn wrote(&mut self, at: Instant) {
        self.last_write = Some(at);
        self.first_pending = None;
    }
}

/// What the UI asks of the saver.
#[derive(Debug)]
pub enum Request {
    /// Write this month's records (they replace any pending copy of the same month).
    Save {
        /// The month.
        month: Month,
        /// Its records as they are now (see [`SessionLog::month`]), boxed so that the other
        /// requests stay small.
        part: Box<SessionLog>,
        /// When the change was made (for the day's backup).
        now: DateTime<Utc>,
    },
    /// Write this preference (it replaces any pending value of the same kind).
    Pref {
        /// Where the person's files live.
        paths: Paths,
        /// The value as it is now.
        pref: Pref,
    },
    /// Try the months and preferences whose save failed again, now.
    Retry,
    /// Write everything pending now, then answer.
    Flush(Sender<()>),
    /// Read these months (the older ones, after the first frame) and send them back.
    LoadOlder(Vec<Month>),
    /// List the backups.
    ListBackups,
    /// Make this backup the log (pending changes are written first and kept with the old log).
    Restore {
        /// The backup's path, as listed.
        path: PathBuf,
        /// When.
        now: DateTime<Utc>,
    },
    /// Rename the files that could not be read aside, so their months can be saved again.
    SetAside {
        /// When.
        now: DateTime<Utc>,
    },
    /// Write everything pending and stop.
    Shutdown,
}

/// What the saver did.
#[derive(Debug)]
pub enum Report {
    /// Older months have been read: add them to the log in memory.
    Older {
        /// Their records, one part a month (see [`Store::load_months`]).
        parts: Vec<SessionLog>,
        /// Files that could not be read, sessions found twice.
        notices: Vec<String>,
        /// Every month whose file could not be read (these are never written).
        damaged: Vec<Month>,
        /// Why the store is read-only now, if it is (a file from a newer Limber).
        read_only: Option<super::ReadOnlyReason>,
    },
    /// The outcome of the last write: `None` when everything is saved, else the first error
    /// (the months and preferences that failed are kept and written at the next retry or
    /// change; any further errors go to the diagnostics log).
    SaveState(Option<SaveError>),
    /// Something the person may want to know (a backup that could not be taken).
    Notice(String),
    /// A preference's file could not be read, so it was set aside at `path` before the new
    /// value was written.
    PrefKept {
        /// Which preference.
        kind: PrefKind,
        /// Where the unreadable file is now.
        path: PathBuf,
    },
    /// The backups, newest first.
    Backups(Result<Vec<Backup>, StoreError>),
    /// A restore: the log it restored (boxed, so the other reports stay small) and what to
    /// say, or why it failed.
    Restored(Result<(Box<SessionLog>, String), StoreError>),
    /// Files set aside, or why not.
    SetAside(Result<Vec<PathBuf>, StoreError>),
}

/// Why a write of the saver failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A month of the log.
    #[error(transparent)]
    Log(#[from] StoreError),
    /// A preference.
    #[error(transparent)]
    Pref(#[from] PrefError),
}

/// A handle that asks the saver to write everything now and waits for it (for a Ctrl+C or
/// SIGTERM handler, which runs on its own thread).
#[derive(Clone, Debug)]
pub struct Flusher(Sender<Request>);

impl Flusher {
    /// Writes everything pending and waits (at most ten seconds); `false` when the saver did
    /// not answer in time or is gone.
    pub fn flush(&self) -> bool {
        let (ack, done) = mpsc::channel();
        self.0.send(Request::Flush(ack)).is_ok() && done.recv_timeout(FLUSH_WAIT).is_ok()
    }
}

/// The UI's end of the saver thread.
pub struct Saver {
    requests: Sender<Request>,
    reports: Receiver<Report>,
    worker: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Saver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Saver")
    }
}

impl Saver {
    /// Starts the thread, which owns `store` from now on. `wake` is called after each report
    /// (e.g. to ask the UI for a frame).
    pub fn spawn(store: Store, wake: Box<dyn Fn() + Send>) -> Saver {
        Saver::start(Some(store), wake)
    }

    /// Starts the thread without a log (the data folder could not be opened): it writes the
    /// preferences only, and ignores requests about the log.
    pub fn spawn_without_log(wake: Box<dyn Fn() + Send>) -> Saver {
        Saver::start(None, wake)
    }

    fn start(store: Option<Store>, wake: Box<dyn Fn() + Send>) -> Saver {
        let (requests, inbox) = mpsc::channel();
        let (outbox, reports) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("limber-saver".into())
            .spawn(move || {
                Worker {
                    store,
                    pending: BTreeMap::new(),
                    prefs: BTreeMap::new(),
                    coalescer: Coalescer::new(SAVE_GAP),
                    reports: outbox,
                    wake,
                }
                .run(&inbox);
            })
            .inspect_err(|err| {
                // Nothing is written then: every change stays "not handed over", which the
                // window's close asks about.
                log::error!("the saver thread could not be started: {err}");
            })
            .ok();
        Saver {
            requests,
            reports,
            worker,
        }
    }

    /// Sends a request; `false` when the thread is gone (it could not be started).
    pub fn send(&self, request: Request) -> bool {
        self.worker.is_some() && self.requests.send(request).is_ok()
    }

    /// The reports that arrived since the last call, oldest first.
    pub fn reports(&self) -> Vec<Report> {
        self.reports.try_iter().collect()
    }

    /// Writes everything pending and waits for it (at most ten seconds).
    pub fn flush(&self) -> bool {
        self.flusher().flush()
    }

    /// A handle to flush from another thread.
    pub fn flusher(&self) -> Flusher {
        Flusher(self.requests.clone())
    }

    /// A saver whose thread only passes the requests on to the returned receiver, and whose
    /// reports are what the test sends: the client's rules, tested without a disk.
    #[cfg(test)]
    pub(crate) fn echo() -> (Saver, Receiver<Request>, Sender<Report>) {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, reports) = mpsc::channel();
        let (seen, received) = mpsc::channel();
        let worker = std::thread::spawn(move || {
            for request in inbox {
                if matches!(request, Request::Shutdown) || seen.send(request).is_err() {
                    return;
                }
            }
        });
        let saver = Saver {
            requests,
            reports,
            worker: Some(worker),
        };
        (saver, received, outbox)
    }

    /// Whether the thread is running.
    pub fn is_running(&self) -> bool {
        self.worker.as_ref().is_some_and(|w| !w.is_finished())
    }
}

impl Drop for Saver {
    /// Writes everything pending before the thread ends.
    fn drop(&mut self) {
        // A thread already gone has nothing pending to write.
        if self.requests.send(Request::Shutdown).is_err() {
            log::debug!("the saver thread had already stopped");
        }
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            log::error!("the saver thread stopped on an internal error");
        }
    }
}

/// The thread's state.
struct Worker {
    /// The log's store; `None` when the data folder could not be opened (preferences only).
    store: Option<Store>,
    /// Months to write, newest copy of each, with the time of the change.
    pending: BTreeMap<Month, (SessionLog, DateTime<Utc>)>,
    /// Preferences to write, the latest value of each kind.
    prefs: BTreeMap<PrefKind, (Paths, Pref)>,
    coalescer: Coalescer,
    reports: Sender<Report>,
    wake: Box<dyn Fn() + Send>,
}

impl Worker {
    fn run(mut self, inbox: &Receiver<Request>) {
        loop {
            let request = match self.coalescer.due() {
                Some(due) => {
                    match inbox.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(request) => Some(request),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => Some(Request::Shutdown),
                    }
                }
                None => Some(inbox.recv().unwrap_or(Request::Shutdown)),
            };
            match request {
                None | Some(Request::Retry) if self.pending.is_empty() && self.prefs.is_empty() => {
                }
                None => {}
                Some(Request::Save { month, part, now }) if self.store.is_some() => {
                    self.pending.insert(month, (*part, now));
                    self.coalescer.changed(Instant::now());
                }
                // Without a log there is nothing to save it in (the client sends none).
                Some(Request::Save { month, .. }) => {
                    log::warn!("no log to save {month:?} in");
                }
                Some(Request::Pref { paths, pref }) => {
                    self.prefs.insert(pref.kind(), (paths, pref));
                    self.coalescer.changed(Instant::now());
                }
                Some(Request::Retry) => {
                    self.coalescer.changed(Instant::now());
                    self.write_pending();
                }
                Some(Request::Flush(ack)) => {
                    self.write_pending();
                    if ack.send(()).is_err() {
                        log::debug!("a flush was answered after its caller stopped waiting");
                    }
                }
                Some(Request::LoadOlder(months)) => {
                    let Some(store) = &mut self.store else {
                        continue;
                    };
                    let (parts, notices) = store.load_months(&months);
                    let older = Report::Older {
                        parts,
                        notices,
                        damaged: store.damaged().map(|(m, _)| m).collect(),
                        read_only: store.read_only().cloned(),
                    };
                    self.report(older);
                }
                Some(Request::ListBackups) => {
                    let listed = self.store.as_ref().map_or(Ok(Vec::new()), Store::backups);
                    self.report(Report::Backups(listed));
                }
                Some(Request::Restore { path, now }) => self.restore(&path, now),
                Some(Request::SetAside { now }) => {
                    let Some(store) = &mut self.store else {
                        continue;
                    };
                    let result = store.set_damaged_file_aside(now);
                    let ok = result.is_ok();
                    self.report(Report::SetAside(result));
                    if ok && !self.pending.is_empty() {
                        self.write_pending();
                    }
                }
                Some(Request::Shutdown) => {
                    self.write_pending();
                    return;
                }
            }
            if self.coalescer.is_due(Instant::now()) {
                self.write_pending();
            }
        }
    }

    /// Writes every pending month and preference; the ones that fail stay pending. The first
    /// error is reported; any others go to the diagnostics log.
    fn write_pending(&mut self) {
        if self.pending.is_empty() && self.prefs.is_empty() {
            return;
        }
        let mut first_error: Option<SaveError> = None;
        let mut failed = |err: SaveError| match &first_error {
            None => first_error = Some(err),
            Some(_) => log::warn!("another save failed too: {err}"),
        };
        let pending = std::mem::take(&mut self.pending);
        if let Some(store) = &mut self.store {
            for (month, (part, now)) in pending {
                if let Err(err) = store.save_parts(&[(month, &part)], now) {
                    failed(err.into());
                    self.pending.insert(month, (part, now));
                }
            }
        }
        let mut kept = Vec::new();
        for (kind, (paths, pref)) in std::mem::take(&mut self.prefs) {
            match prefs::write(&paths, &pref) {
                Ok(None) => {}
                Ok(Some(path)) => kept.push(Report::PrefKept { kind, path }),
                Err(err) => {
                    failed(err.into());
                    self.prefs.insert(kind, (paths, pref));
                }
            }
        }
        self.coalescer.wrote(Instant::now());
        let notices = self
            .store
            .as_mut()
            .map(Store::take_notices)
            .unwrap_or_default();
        for report in notices.into_iter().map(Report::Notice).chain(kept) {
            self.send(report);
        }
        self.report(Report::SaveState(first_error));
    }

    fn restore(&mut self, path: &std::path::Path, now: DateTime<Utc>) {
        // What is pending belongs to the log being replaced: written first, so it is kept in
        // the copy of this moment.
        self.write_pending();
        self.pending.clear();
        let Some(store) = &mut self.store else {
            return;
        };
        let result = store
            .backups()
            .and_then(|all| {
                all.into_iter()
                    .find(|b| b.path == path)
                    .ok_or_else(|| StoreError::Read {
                        path: path.to_owned(),
                        source: std::io::Error::from(std::io::ErrorKind::NotFound),
                    })
            })
            .and_then(|backup| {
                let log = store.restore(&backup, now)?;
                Ok((
                    Box::new(log),
                    format!("Restored the backup of {}.", backup.date),
                ))
            });
        self.report(Report::Restored(result));
        self.report(Report::SaveState(None));
    }

    /// Sends a report and wakes the UI to read it.
    fn report(&self, report: Report) {
        self.send(report);
        (self.wake)();
    }

    /// Sends a report; when the UI's end is gone (the app is closing), it is only logged.
    fn send(&self, report: Report) {
        if let Err(mpsc::SendError(report)) = self.reports.send(report) {
            log::debug!("the window closed before this report: {report:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_change_is_written_at_once_and_later_ones_a_second_apart() {
        let start = Instant::now();
        let ms = |n: u64| start + Duration::from_millis(n);
        let mut c = Coalescer::new(SAVE_GAP);
        assert_eq!(c.due(), None);
        c.changed(ms(0));
        assert!(c.is_due(ms(0)), "a first change is not held back");
        c.wrote(ms(0));
        // Keystrokes every 100 ms for 3 s: at most one write a second, none later than a
        // second after the change it carries.
        let mut writes = vec![0];
        for t in (100..=3000).step_by(100) {
            c.changed(ms(t));
            if c.is_due(ms(t)) {
                c.wrote(ms(t));
                writes.push(t);
            }
            let due = c.due().map(|d| d.duration_since(start).as_millis());
            if let Some(due) = due {
                assert!(
                    due <= u128::from(t) + 1000,
                    "change at {t} waits until {due}"
                );
            }
        }
        assert_eq!(writes, vec![0, 1000, 2000, 3000]);
        // After a quiet spell the next change is written at once again.
        c.wrote(ms(3000));
        c.changed(ms(9000));
        assert_eq!(c.due(), Some(ms(9000)));
    }

    #[test]
    fn nothing_pending_is_never_due() {
        let mut c = Coalescer::new(SAVE_GAP);
        let now = Instant::now();
        c.wrote(now);
        assert!(!c.is_due(now + Duration::from_mins(1)));
    }
}
