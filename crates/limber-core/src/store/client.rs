//! The app's end of the saver thread: which months have changes not handed over yet, whether
//! the older months are still being read, the backups list, the preferences to write, and what
//! the saver reported.
//!
//! Nothing here touches the disk: the [`Saver`] thread does, and its reports arrive as
//! [`Event`]s when the app next calls [`SaverClient::poll`]. The rules it keeps:
//! - a month still being read is not written (its changes wait until it has arrived, so a
//!   month is never written from a part of its records);
//! - nothing is sent while a backup is being restored, and the restore clears the changes
//!   that were waiting (the restored log replaces them);
//! - while the log is read-only, its changes wait (and are kept for "Retry");
//! - preferences are written whatever the log's state.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use chrono::{DateTime, NaiveDate, Utc};

use super::{
    Backup, Flusher, Month, ReadOnlyReason, Report, Request, SaveError, Saver, Store, StoreError,
};
use crate::log::SessionLog;
use crate::paths::Paths;
use crate::prefs::{Pref, PrefKind};

/// What the saver's reports mean for the app.
#[derive(Debug)]
pub enum Event {
    /// Older months arrived: the log in memory grew.
    Absorbed,
    /// A backup was restored: the log in memory was replaced; what to tell the person.
    Replaced(String),
    /// Something to tell the person.
    Notice(String),
    /// The outcome of the last write (`None`: everything saved, preferences included).
    SaveState(Option<SaveError>),
    /// Something asked for failed (listing the backups, a restore, a set-aside).
    Failed(StoreError),
    /// A preference's file could not be read; it was kept at `path` and a new one written.
    PrefKept {
        /// Which preference.
        kind: PrefKind,
        /// Where the unreadable file is now.
        path: PathBuf,
    },
}

/// Wakes the UI when a report arrives (asks for a frame).
type Wake = Box<dyn Fn() + Send + Sync>;

/// The app's end of the store and of the preference files.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent facts (a log at all, backups asked, a restore running, a preference \
              lost), not states of one machine"
)]
pub struct SaverClient {
    saver: Saver,
    /// Whether there is a log to write (the data folder could be opened).
    has_log: bool,
    /// Where the person's files live.
    paths: Paths,
    read_only: Option<ReadOnlyReason>,
    /// Months changed in memory and not handed to the saver yet (held while read-only, while
    /// a restore runs, or while their month is still being read).
    unsent: BTreeSet<Month>,
    /// Months still being read in the background (their changes wait).
    loading: BTreeSet<Month>,
    /// The older months, until they are asked for at the second frame (see
    /// [`SaverClient::frame_started`]).
    older: Vec<Month>,
    /// Frames started so far, counted up to two.
    frames: u8,
    /// The backups as last listed, `None` until asked for.
    backups: Option<Vec<Backup>>,
    backups_asked: bool,
    restoring: bool,
    /// A preference could not be handed over (the saver thread could not be started).
    prefs_lost: bool,
    /// Months whose file could not be read.
    damaged: BTreeSet<Month>,
    /// Called when a report arrives, known once the window exists.
    wake: Arc<OnceLock<Wake>>,
}

impl std::fmt::Debug for SaverClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaverClient")
            .field("unsent", &self.unsent)
            .field("loading", &self.loading)
            .field("restoring", &self.restoring)
            .finish_non_exhaustive()
    }
}

impl SaverClient {
    /// Opens the data folder of `paths` with the month of `today` and the one before; the
    /// older months are read on the saver thread from the second frame on. Returns the months
    /// read and the notices.
    pub fn open(
        paths: &Paths,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<(SaverClient, SessionLog, Vec<String>), StoreError> {
        let opened = Store::open_recent(&paths.data_dir, now, Some(today))?;
        let read_only = opened.store.read_only().cloned();
        let damaged = opened.store.damaged().map(|(m, _)| m).collect();
        let wake = Arc::new(OnceLock::new());
        let saver = Saver::spawn(opened.store, waker(&wake));
        let mut client = SaverClient::with_saver(saver, paths.clone(), opened.older, wake);
        client.read_only = read_only;
        client.damaged = damaged;
        Ok((client, opened.log, opened.notices))
    }

    /// No log at all (the data folder could not be opened): nothing of the log is ever saved,
    /// but the preferences still are.
    pub fn without_log(paths: &Paths) -> SaverClient {
        let wake = Arc::new(OnceLock::new());
        let saver = Saver::spawn_without_log(waker(&wake));
        let mut client = SaverClient::with_saver(saver, paths.clone(), Vec::new(), wake);
        client.has_log = false;
        client.backups = Some(Vec::new());
        client.backups_asked = true;
        client
    }

    fn with_saver(
        saver: Saver,
        paths: Paths,
        older: Vec<Month>,
        wake: Arc<OnceLock<Wake>>,
    ) -> SaverClient {
        SaverClient {
            saver,
            has_log: true,
            paths,
            read_only: None,
            unsent: BTreeSet::new(),
            loading: older.iter().copied().collect(),
            older,
            frames: 0,
            backups: None,
            backups_asked: false,
            restoring: false,
            prefs_lost: false,
            damaged: BTreeSet::new(),
            wake,
        }
    }

    /// Called at the start of every frame. At the second, the older months are asked for: on
    /// two cores, reading ten years on both while the first frame is drawn made the window
    /// appear later, and the first frame needs only the recent months.
    pub fn frame_started(&mut self) {
        if self.frames < 2 {
            self.frames += 1;
        }
        if self.frames == 2 && !self.older.is_empty() && self.has_log {
            self.saver
                .send(Request::LoadOlder(std::mem::take(&mut self.older)));
        }
    }

    /// Lets the saver wake the UI when it reports (the first call wins: the window is one).
    pub fn set_wake(&self, wake: impl Fn() + Send + Sync + 'static) {
        if self.wake.get().is_none() {
            self.wake.get_or_init(|| Box::new(wake));
        }
    }

    /// Why nothing is saved, if so.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// Saves nothing of the log from now on, for `reason` (a reason already given stays).
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

    /// The month files that could not be read, in order (an export that includes one is
    /// refused).
    pub fn damaged_months(&self) -> Vec<Month> {
        self.damaged.iter().copied().collect()
    }

    /// Whether some change has not been handed to the saver (the log is read-only, a restore
    /// runs, a month is still being read, or the saver thread could not start).
    pub fn has_unsent(&self) -> bool {
        !self.unsent.is_empty() || self.prefs_lost
    }

    /// A handle to flush from a signal handler.
    pub fn flusher(&self) -> Flusher {
        self.saver.flusher()
    }

    /// The records of the months holding `dates` changed: hands each month to the saver (or
    /// keeps it for later when it cannot be written yet). See [`SaverClient::months_changed`].
    pub fn changed(&mut self, dates: &[NaiveDate], log: &SessionLog, now: DateTime<Utc>) {
        let months = log.file_months(dates);
        self.months_changed(months, log, now);
    }

    /// These months of `log` changed: each is handed to the saver now, or kept until it can be
    /// (while it is still being read, while a restore runs, while the log is read-only).
    pub fn months_changed(
        &mut self,
        months: impl IntoIterator<Item = Month>,
        log: &SessionLog,
        now: DateTime<Utc>,
    ) {
        if !self.has_log {
            return;
        }
        self.unsent.extend(months);
        self.send_unsent(log, now);
    }

    /// Hands a preference to the saver, which writes it (the latest value of each kind wins).
    /// The value itself stays with the caller, in memory.
    pub fn save_pref(&mut self, pref: Pref) {
        let kind = pref.kind();
        if !self.saver.send(Request::Pref {
            paths: self.paths.clone(),
            pref,
        }) {
            log::error!("the saver thread is not running: {kind:?} could not be saved");
            self.prefs_lost = true;
        }
    }

    /// Hands every month kept for later to the saver, where that is possible now.
    pub fn send_unsent(&mut self, log: &SessionLog, now: DateTime<Utc>) {
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
            if self.saver.send(Request::Save {
                month,
                part: Box::new(log.month(month)),
                now,
            }) {
                self.unsent.remove(&month);
            }
        }
    }

    /// Tries the failed saves (months and preferences) again, now.
    pub fn retry(&mut self, log: &SessionLog, now: DateTime<Utc>) {
        self.send_unsent(log, now);
        self.saver.send(Request::Retry);
    }

    /// Writes everything pending and waits for it (at quit; in tests, before reading a file).
    pub fn flush(&self) -> bool {
        self.saver.flush()
    }

    /// The backups as last listed, without asking for them.
    pub fn listed_backups(&self) -> Option<&[Backup]> {
        self.backups.as_deref()
    }

    /// The backups, newest first; asks the saver for them the first time (`None` until they
    /// arrive).
    pub fn backups(&mut self) -> Option<&[Backup]> {
        if !self.backups_asked {
            self.backups_asked = self.saver.send(Request::ListBackups);
        }
        self.backups.as_deref()
    }

    /// Asks the saver to restore a backup; changes made meanwhile are not saved (the restored
    /// log replaces them).
    pub fn restore(&mut self, path: PathBuf, now: DateTime<Utc>) {
        if self.has_log {
            self.restoring = self.saver.send(Request::Restore { path, now });
        }
    }

    /// Asks the saver to set the unreadable files aside.
    pub fn set_aside(&self, now: DateTime<Utc>) {
        if self.has_log {
            self.saver.send(Request::SetAside { now });
        }
    }

    /// Applies what the saver reported since the last call to `log` and says what happened.
    pub fn poll(&mut self, log: &mut SessionLog, now: DateTime<Utc>) -> Vec<Event> {
        let mut events = Vec::new();
        for report in self.saver.reports() {
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
                Report::PrefKept { kind, path } => events.push(Event::PrefKept { kind, path }),
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
                            *log = *restored;
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

/// The saver's wake-up call: asks the UI for a frame once it has said how.
fn waker(wake: &Arc<OnceLock<Wake>>) -> Box<dyn Fn() + Send> {
    let wake = Arc::clone(wake);
    Box::new(move || {
        if let Some(wake) = wake.get() {
            wake();
        }
    })
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::{Receiver, Sender};
    use std::time::Duration;

    use chrono::{FixedOffset, TimeZone};

    use super::*;
    use crate::session::Session;
    use crate::settings::Settings;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, 8, 0, 0).unwrap()
    }

    fn january() -> Month {
        Month::of(NaiveDate::from_ymd_opt(2026, 1, 20).unwrap())
    }

    fn march() -> Month {
        Month::of(now().date_naive())
    }

    /// A log with one session on `date`.
    fn log_on(date: NaiveDate) -> SessionLog {
        let mut log = SessionLog::default();
        let at = date.and_hms_opt(9, 0, 0).unwrap().and_utc();
        let session = Session::start(at, FixedOffset::east_opt(0).unwrap(), 1);
        log.upsert(session);
        log
    }

    /// A client on an echoing saver, with `older` still to be read.
    fn client(older: Vec<Month>) -> (SaverClient, Receiver<Request>, Sender<Report>) {
        let (saver, requests, reports) = Saver::echo();
        let paths = Paths::under(std::path::Path::new("/nowhere"));
        let client = SaverClient::with_saver(saver, paths, older, Arc::new(OnceLock::new()));
        (client, requests, reports)
    }

    /// The months of the `Save` requests that arrive within a short wait.
    fn saved(requests: &Receiver<Request>) -> Vec<Month> {
        let mut months = Vec::new();
        while let Ok(request) = requests.recv_timeout(Duration::from_millis(100)) {
            if let Request::Save { month, .. } = request {
                months.push(month);
            }
        }
        months
    }

    #[test]
    fn months_still_loading_wait_until_they_arrive() {
        let (mut client, requests, reports) = client(vec![january()]);
        let mut log = log_on(NaiveDate::from_ymd_opt(2026, 1, 20).unwrap());
        log.upsert(log_on(now().date_naive()).sessions[0].clone());
        let dates = [
            NaiveDate::from_ymd_opt(2026, 1, 20).unwrap(),
            now().date_naive(),
        ];
        client.changed(&dates, &log, now());
        assert_eq!(
            saved(&requests),
            vec![march()],
            "January is still being read"
        );
        assert!(client.has_unsent());

        client.frame_started();
        client.frame_started();
        assert!(matches!(
            requests.recv_timeout(Duration::from_secs(5)),
            Ok(Request::LoadOlder(months)) if months == vec![january()]
        ));
        reports
            .send(Report::Older {
                parts: Vec::new(),
                notices: Vec::new(),
                damaged: Vec::new(),
                read_only: None,
            })
            .unwrap();
        let events = client.poll(&mut log, now());
        assert!(matches!(events.as_slice(), [Event::Absorbed]));
        assert_eq!(saved(&requests), vec![january()], "sent once it arrived");
        assert!(!client.has_unsent());
    }

    #[test]
    fn nothing_is_sent_during_a_restore_and_the_restore_clears_what_waited() {
        let (mut client, requests, reports) = client(Vec::new());
        let mut log = log_on(now().date_naive());
        client.restore(PathBuf::from("backups/2026-03-09"), now());
        assert!(matches!(
            requests.recv_timeout(Duration::from_secs(5)),
            Ok(Request::Restore { .. })
        ));
        client.changed(&[now().date_naive()], &log, now());
        client.retry(&log, now());
        assert_eq!(
            saved(&requests),
            Vec::<Month>::new(),
            "held while restoring"
        );
        assert!(client.has_unsent());

        reports
            .send(Report::Restored(Ok((
                Box::new(SessionLog::default()),
                "Restored the backup of 2026-03-09.".to_owned(),
            ))))
            .unwrap();
        let events = client.poll(&mut log, now());
        assert!(matches!(events.as_slice(), [Event::Replaced(_)]));
        assert!(log.sessions.is_empty(), "the restored log replaced it");
        assert!(!client.has_unsent(), "the change made meanwhile is dropped");
        assert_eq!(saved(&requests), Vec::<Month>::new());
    }

    #[test]
    fn a_failed_restore_sends_what_waited() {
        let (mut client, requests, reports) = client(Vec::new());
        let mut log = log_on(now().date_naive());
        client.restore(PathBuf::from("backups/2026-03-09"), now());
        client.changed(&[now().date_naive()], &log, now());
        reports
            .send(Report::Restored(Err(StoreError::Read {
                path: PathBuf::from("backups/2026-03-09"),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            })))
            .unwrap();
        let events = client.poll(&mut log, now());
        assert!(matches!(events.as_slice(), [Event::Failed(_)]));
        assert_eq!(saved(&requests), vec![march()]);
        assert!(!client.has_unsent());
    }

    #[test]
    fn a_read_only_log_keeps_its_changes_but_preferences_are_still_sent() {
        let (mut client, requests, _reports) = client(Vec::new());
        let log = log_on(now().date_naive());
        client.refuse_writes(ReadOnlyReason::LoadFailed(Arc::new(StoreError::Read {
            path: PathBuf::from("log/2026-02.ron"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        })));
        client.changed(&[now().date_naive()], &log, now());
        client.save_pref(Pref::NoticeSeen);
        let mut prefs = 0;
        let mut saves = 0;
        while let Ok(request) = requests.recv_timeout(Duration::from_millis(200)) {
            match request {
                Request::Pref { .. } => prefs += 1,
                Request::Save { .. } => saves += 1,
                _ => {}
            }
        }
        assert_eq!((prefs, saves), (1, 0));
        assert!(client.has_unsent());
    }

    /// Polls until `wanted` is among the events (at most five seconds). Only the Unix test
    /// below (a read-only folder) needs it.
    #[cfg(unix)]
    fn wait_for(
        client: &mut SaverClient,
        log: &mut SessionLog,
        wanted: impl Fn(&Event) -> bool,
    ) -> bool {
        let started = std::time::Instant::now();
        while started.elapsed() < Duration::from_secs(5) {
            if client.poll(log, now()).iter().any(&wanted) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    #[cfg(unix)]
    #[test]
    fn a_failed_write_is_reported_kept_and_retried() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let (mut client, _, _) = SaverClient::open(&paths, now(), now().date_naive()).unwrap();
        // The month's file is a link that leads nowhere, and the config folder is a file: both
        // writes fail (even as root), and nothing is written over them.
        let month_file = paths
            .data_dir
            .join(super::super::LOG_DIR)
            .join(march().file_name());
        std::fs::create_dir_all(month_file.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(dir.path().join("gone.ron"), &month_file).unwrap();
        std::fs::write(&paths.config_dir, b"in the way").unwrap();

        let mut log = log_on(now().date_naive());
        client.changed(&[now().date_naive()], &log, now());
        client.save_pref(Pref::Settings(Settings::default()));
        assert!(client.flush());
        assert!(wait_for(&mut client, &mut log, |e| matches!(
            e,
            Event::SaveState(Some(_))
        )));

        std::fs::remove_file(&month_file).unwrap();
        std::fs::remove_file(&paths.config_dir).unwrap();
        client.retry(&log, now());
        assert!(client.flush());
        assert!(wait_for(&mut client, &mut log, |e| matches!(
            e,
            Event::SaveState(None)
        )));
        assert_eq!(
            super::super::load_log(&month_file).unwrap().sessions.len(),
            1
        );
        assert!(
            paths.settings_file().is_file(),
            "the preference was retried too"
        );
    }

    #[test]
    fn the_latest_preference_of_a_kind_wins() {
        let dir = tempfile::tempdir().unwrap();
        let paths = Paths::under(dir.path());
        let mut client = SaverClient::without_log(&paths);
        for name in ["A", "B", "C"] {
            client.save_pref(Pref::Settings(Settings {
                name: name.to_owned(),
                ..Settings::default()
            }));
        }
        assert!(client.flush());
        let saved = crate::settings::load(&paths.settings_file()).unwrap();
        assert_eq!(saved.name, "C");
        assert!(!client.has_unsent());
    }
}
