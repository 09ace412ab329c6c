//! The app's side of the saver thread: which months have changes not handed over yet, whether
//! the older months are still being read, the backups list, and what the saver reported.
//!
//! Nothing here touches the disk: the [`Saver`] thread does, and its reports arrive as
//! [`Event`]s at the next frame.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};

use crate::core::log::SessionLog;
use crate::core::store::{
    Backup, Flusher, Month, ReadOnlyReason, Report, Request, Saver, Store, StoreError,
};

/// What the saver's reports mean for the app.
#[derive(Debug)]
pub enum Event {
    /// Older months arrived: the log in memory grew.
    Absorbed,
    /// A backup was restored: the log in memory was replaced.
    Replaced(String),
    /// Something to tell the person.
    Notice(String),
    /// The outcome of the last write (`None`: everything saved).
    SaveState(Option<String>),
    /// Something asked for failed (a restore, a set-aside), in words.
    Failed(String),
}

/// The app's end of the store.
pub struct Persistence {
    saver: Option<Saver>,
    read_only: Option<ReadOnlyReason>,
    /// Months changed in memory and not handed to the saver yet (held while read-only, while
    /// a restore runs, or while their month is still being read).
    unsent: BTreeSet<Month>,
    /// Months still being read in the background (their changes wait).
    loading: BTreeSet<Month>,
    /// The older months, until they are asked for at the second frame (see
    /// [`Persistence::frame_started`]).
    older: Vec<Month>,
    /// Frames started so far, counted up to two.
    frames: u8,
    /// The backups as last listed, `None` until asked for.
    backups: Option<Vec<Backup>>,
    backups_asked: bool,
    restoring: bool,
    /// Months whose file could not be read.
    damaged: BTreeSet<Month>,
    /// The context to wake when a report arrives, known from the first frame on.
    wake: Arc<OnceLock<egui::Context>>,
}

impl Persistence {
    /// Opens the data folder with the month of `today` and the one before; the older months are
    /// read on the saver thread from the second frame on. Returns the months read and the
    /// notices.
    pub fn open(
        data_dir: &std::path::Path,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(Persistence, SessionLog, Vec<String>), StoreError> {
        let opened = Store::open_recent(data_dir, now, Some(today))?;
        let read_only = opened.store.read_only().cloned();
        let damaged = opened.store.damaged().map(|(m, _)| m).collect();
        let wake: Arc<OnceLock<egui::Context>> = Arc::new(OnceLock::new());
        let waker = Arc::clone(&wake);
        let saver = Saver::spawn(
            opened.store,
            Box::new(move || {
                if let Some(ctx) = waker.get() {
                    ctx.request_repaint();
                }
            }),
        );
        let loading: BTreeSet<Month> = opened.older.iter().copied().collect();
        Ok((
            Persistence {
                saver: Some(saver),
                read_only,
                unsent: BTreeSet::new(),
                loading,
                older: opened.older,
                frames: 0,
                backups: None,
                backups_asked: false,
                restoring: false,
                damaged,
                wake,
            },
            opened.log,
            opened.notices,
        ))
    }

    /// No store at all (the data folder could not be opened): nothing is ever saved.
    pub fn none() -> Persistence {
        Persistence {
            saver: None,
            read_only: None,
            unsent: BTreeSet::new(),
            loading: BTreeSet::new(),
            older: Vec::new(),
            frames: 0,
            backups: Some(Vec::new()),
            backups_asked: true,
            restoring: false,
            damaged: BTreeSet::new(),
            wake: Arc::new(OnceLock::new()),
        }
    }

    /// Called at the start of every frame. At the second, the older months are asked for: on
    /// two cores, reading ten years on both while the first frame is drawn made the window
    /// appear later, and the first frame needs only the recent months.
    pub fn frame_started(&mut self) {
        if self.frames < 2 {
            self.frames += 1;
        }
        if self.frames == 2
            && !self.older.is_empty()
            && let Some(saver) = &self.saver
        {
            saver.send(Request::LoadOlder(std::mem::take(&mut self.older)));
        }
    }

    /// Lets the saver wake the UI when it reports.
    pub fn set_context(&self, ctx: &egui::Context) {
        if self.wake.get().is_none() {
            let _ = self.wake.set(ctx.clone());
        }
    }

    /// Why nothing is saved, if so.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// Saves nothing from now on, for `reason` (a reason already given stays).
    pub fn refuse_writes(&mut self, reason: ReadOnlyReason) {
        self.read_only.get_or_insert(reason);
    }

    /// Whether older months are still being read.
    pub fn loading_older(&self) -> bool {
        !self.loading.is_empty()
    }

    /// Whether some month file could not be read (History then offers to set it aside).
    pub fn has_damaged(&self) -> bool {
        !self.damaged.is_empty() || matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_)))
    }

    /// Whether some changed month has not been handed to the saver (the log is read-only, a
    /// restore runs, or the month is still being read).
    pub fn has_unsent(&self) -> bool {
        !self.unsent.is_empty()
    }

    /// A handle to flush from a signal handler, when there is a saver.
    pub fn flusher(&self) -> Option<Flusher> {
        self.saver.as_ref().map(Saver::flusher)
    }

    /// The records of the months holding `dates` changed: hands each month to the saver (or
    /// keeps it for later when it cannot be written yet).
    pub fn changed(&mut self, dates: &[NaiveDate], log: &SessionLog, now: DateTime<Utc>) {
        self.unsent.extend(log.file_months(dates));
        self.send_unsent(log, now);
    }

    /// Hands every month kept for later to the saver, where that is possible now.
    pub fn send_unsent(&mut self, log: &SessionLog, now: DateTime<Utc>) {
        let Some(saver) = &self.saver else { return };
        if self.read_only.is_some() || self.restoring {
            return;
        }
        let ready: Vec<Month> = self
            .unsent
            .iter()
            .copied()
            .filter(|m| !self.loading.contains(m))
            .collect();
        for month in ready {
            self.unsent.remove(&month);
            saver.send(Request::Save {
                month,
                part: log.month(month),
                now,
            });
        }
    }

    /// Tries the failed saves again, now.
    pub fn retry(&mut self, log: &SessionLog, now: DateTime<Utc>) {
        self.send_unsent(log, now);
        if let Some(saver) = &self.saver {
            saver.send(Request::Retry);
        }
    }

    /// Writes everything pending and waits for it (at quit).
    pub fn flush(&self) -> bool {
        self.saver.as_ref().is_none_or(Saver::flush)
    }

    /// The backups as last listed, without asking for them.
    pub fn listed_backups(&self) -> Option<&[Backup]> {
        self.backups.as_deref()
    }

    /// The backups, newest first; asks the saver for them the first time (`None` until they
    /// arrive).
    pub fn backups(&mut self) -> Option<&[Backup]> {
        if !self.backups_asked
            && let Some(saver) = &self.saver
        {
            self.backups_asked = saver.send(Request::ListBackups);
        }
        self.backups.as_deref()
    }

    /// Asks the saver to restore a backup; changes made meanwhile are not saved (the restored
    /// log replaces them).
    pub fn restore(&mut self, path: PathBuf, now: DateTime<Utc>) {
        if let Some(saver) = &self.saver {
            self.restoring = saver.send(Request::Restore { path, now });
        }
    }

    /// Asks the saver to set the unreadable files aside.
    pub fn set_aside(&self, now: DateTime<Utc>) {
        if let Some(saver) = &self.saver {
            saver.send(Request::SetAside { now });
        }
    }

    /// Applies what the saver reported since the last frame to `log` and says what happened.
    pub fn poll(&mut self, log: &mut SessionLog, now: DateTime<Utc>) -> Vec<Event> {
        let Some(saver) = &self.saver else {
            return Vec::new();
        };
        let mut events = Vec::new();
        for report in saver.reports() {
            match report {
                Report::Older {
                    parts,
                    notices,
                    damaged,
                    read_only,
                } => {
                    log.absorb_all(parts);
                    self.loading.clear();
                    self.damaged.extend(damaged);
                    if self.read_only.is_none() {
                        self.read_only = read_only;
                    }
                    events.push(Event::Absorbed);
                    events.extend(notices.into_iter().map(Event::Notice));
                }
                Report::SaveState(state) => events.push(Event::SaveState(state)),
                Report::Notice(notice) => events.push(Event::Notice(notice)),
                Report::Backups(Ok(list)) => self.backups = Some(list),
                Report::Backups(Err(err)) => {
                    self.backups = Some(Vec::new());
                    events.push(Event::Failed(err));
                }
                Report::Restored(result) => {
                    self.restoring = false;
                    self.backups_asked = false;
                    self.backups = None;
                    match result {
                        Ok((restored, message)) => {
                            *log = restored;
                            self.unsent.clear();
                            self.loading.clear();
                            self.damaged.clear();
                            self.read_only = None;
                            events.push(Event::Replaced(message));
                        }
                        Err(err) => events.push(Event::Failed(err)),
                    }
                }
                Report::SetAside(Ok(kept)) => {
                    self.damaged.clear();
                    if matches!(self.read_only, Some(ReadOnlyReason::LoadFailed(_))) {
                        self.read_only = None;
                    }
                    let names: Vec<String> = kept.iter().map(|p| p.display().to_string()).collect();
                    events.push(Event::Notice(format!(
                        "The unreadable file{} kept as {}; its month starts afresh.",
                        if names.len() == 1 { " was" } else { "s were" },
                        names.join(", ")
                    )));
                }
                Report::SetAside(Err(err)) => events.push(Event::Failed(err)),
            }
        }
        if !events.is_empty() {
            self.send_unsent(log, now);
        }
        events
    }
}
