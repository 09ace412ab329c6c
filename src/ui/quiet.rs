//! Whether the screen is quiet, so that no desk break is offered: the screen locked (or the
//! screensaver on), or another window full-screen (a film, a game, a presentation).
//!
//! Asking the system may block (a D-Bus call), so a watcher thread asks every
//! [`ASK_EVERY`] and keeps the last answer; a frame only reads it ([`QuietWatch::now`]) and
//! never waits. What each platform reports:
//! - Linux: `org.freedesktop.ScreenSaver.GetActive` on the session bus (GNOME, KDE and others
//!   answer it): the screensaver or lock is on. Full-screen windows are not reported.
//! - Windows: `SHQueryUserNotificationState`: "not present" (locked, screensaver, another user)
//!   is locked; "busy" (a full-screen window), "running a Direct3D full-screen" program and
//!   "presentation mode" are full-screen.
//! - Elsewhere (macOS): not known, so never quiet.
//!
//! A system that does not answer is "not known", never quiet: a break is offered rather than
//! silently never.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::core::desk_break::Quiet;

/// How often the watcher thread asks the system.
pub const ASK_EVERY: Duration = Duration::from_secs(30);

/// Asks the system once whether the screen is quiet; `None` when it cannot tell. Runs on the
/// watcher thread, never on the UI thread (it may block).
pub trait QuietProbe: Send + 'static {
    /// The answer now, or `None` when not known.
    fn probe(&mut self) -> Option<Quiet>;
}

/// The last answer about the screen, kept up to date by a watcher thread (or set by a test).
#[derive(Clone, Debug, Default)]
pub struct QuietWatch {
    latest: Arc<Mutex<Quiet>>,
}

impl QuietWatch {
    /// A watch that is never quiet: for tests and until the window is up.
    pub fn never() -> QuietWatch {
        QuietWatch::default()
    }

    /// A watch whose answer is whatever `latest` holds: the fake a test sets.
    pub fn shared(latest: Arc<Mutex<Quiet>>) -> QuietWatch {
        QuietWatch { latest }
    }

    /// Starts a thread that asks `probe` every `every` and keeps the answer; it ends once the
    /// watch is dropped. A thread that cannot start leaves the watch never quiet (logged).
    pub fn spawn(mut probe: impl QuietProbe, every: Duration) -> QuietWatch {
        let watch = QuietWatch::default();
        let latest = Arc::downgrade(&watch.latest);
        let spawned = std::thread::Builder::new()
            .name("limber-quiet".to_owned())
            .spawn(move || {
                loop {
                    let answer = probe.probe().unwrap_or_default();
                    let Some(latest) = latest.upgrade() else {
                        return;
                    };
                    match latest.lock() {
                        Ok(mut slot) => *slot = answer,
                        Err(poisoned) => *poisoned.into_inner() = answer,
                    }
                    drop(latest);
                    std::thread::sleep(every);
                }
            });
        if let Err(err) = spawned {
            log::warn!("could not start the screen-state thread, so desk breaks ignore it: {err}");
        }
        watch
    }

    /// The latest answer, without waiting: while the watcher writes it, the last one read.
    pub fn now(&self) -> Quiet {
        match self.latest.try_lock() {
            Ok(quiet) => *quiet,
            Err(std::sync::TryLockError::Poisoned(poisoned)) => *poisoned.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => Quiet::default(),
        }
    }
}

/// This system's probe (see the module's docs).
pub fn system_probe() -> impl QuietProbe {
    SystemProbe::default()
}

/// The Windows notification states (`QUERY_USER_NOTIFICATION_STATE`), as documented.
mod windows_state {
    pub const NOT_PRESENT: i32 = 1;
    pub const BUSY: i32 = 2;
    pub const RUNNING_D3D_FULL_SCREEN: i32 = 3;
    pub const PRESENTATION_MODE: i32 = 4;
}

/// What a Windows notification state means for breaks.
pub fn from_windows_state(state: i32) -> Quiet {
    use windows_state::{BUSY, NOT_PRESENT, PRESENTATION_MODE, RUNNING_D3D_FULL_SCREEN};
    Quiet {
        locked: state == NOT_PRESENT,
        fullscreen: matches!(state, BUSY | RUNNING_D3D_FULL_SCREEN | PRESENTATION_MODE),
    }
}

/// Asks the session bus's screensaver whether it is on (the connection is made once, on the
/// watcher thread, and made again after a failure).
#[cfg(all(unix, not(target_os = "macos")))]
#[derive(Default)]
struct SystemProbe {
    connection: Option<zbus::blocking::Connection>,
}

#[cfg(all(unix, not(target_os = "macos")))]
impl QuietProbe for SystemProbe {
    fn probe(&mut self) -> Option<Quiet> {
        if self.connection.is_none() {
            self.connection = zbus::blocking::Connection::session().ok();
        }
        let connection = self.connection.as_ref()?;
        let reply = connection.call_method(
            Some("org.freedesktop.ScreenSaver"),
            "/org/freedesktop/ScreenSaver",
            Some("org.freedesktop.ScreenSaver"),
            "GetActive",
            &(),
        );
        match reply.and_then(|message| message.body().deserialize::<bool>()) {
            Ok(active) => Some(Quiet {
                locked: active,
                fullscreen: false,
            }),
            Err(err) => {
                log::debug!("the screensaver did not answer: {err}");
                self.connection = None;
                None
            }
        }
    }
}

/// Asks Windows for the user's notification state.
#[cfg(windows)]
#[derive(Default)]
struct SystemProbe;

#[cfg(windows)]
impl QuietProbe for SystemProbe {
    #[expect(
        unsafe_code,
        reason = "a Windows call that only writes one integer into a local we own"
    )]
    fn probe(&mut self) -> Option<Quiet> {
        use windows_sys::Win32::UI::Shell::SHQueryUserNotificationState;
        let mut state = 0;
        // SAFETY: the pointer is to a live local integer for the length of the call.
        let result = unsafe { SHQueryUserNotificationState(&raw mut state) };
        (result >= 0).then(|| from_windows_state(state))
    }
}

/// Elsewhere nothing is known: never quiet.
#[cfg(not(any(windows, all(unix, not(target_os = "macos")))))]
#[derive(Default)]
struct SystemProbe;

#[cfg(not(any(windows, all(unix, not(target_os = "macos")))))]
impl QuietProbe for SystemProbe {
    fn probe(&mut self) -> Option<Quiet> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A probe that answers what a test sets, and counts the questions.
    struct FakeProbe {
        answer: Arc<Mutex<Option<Quiet>>>,
        asked: Arc<Mutex<u32>>,
    }

    impl QuietProbe for FakeProbe {
        fn probe(&mut self) -> Option<Quiet> {
            *self.asked.lock().unwrap() += 1;
            *self.answer.lock().unwrap()
        }
    }

    #[test]
    fn the_watch_keeps_the_probes_answer_and_not_known_is_not_quiet() {
        let locked = Quiet {
            locked: true,
            fullscreen: false,
        };
        let answer = Arc::new(Mutex::new(Some(locked)));
        let asked = Arc::new(Mutex::new(0));
        let watch = QuietWatch::spawn(
            FakeProbe {
                answer: Arc::clone(&answer),
                asked: Arc::clone(&asked),
            },
            Duration::from_millis(5),
        );
        let wait_for = |want: Quiet| {
            for _ in 0..400 {
                if watch.now() == want {
                    return true;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            false
        };
        assert!(wait_for(locked));
        *answer.lock().unwrap() = None;
        assert!(wait_for(Quiet::default()), "not known is not quiet");
        assert!(*asked.lock().unwrap() >= 2);
        drop(watch);
        let after_drop = *asked.lock().unwrap();
        std::thread::sleep(Duration::from_millis(50));
        assert!(
            *asked.lock().unwrap() <= after_drop + 1,
            "the thread ends with the watch"
        );
    }

    #[test]
    fn windows_states_map_to_locked_or_full_screen() {
        assert!(from_windows_state(1).locked, "not present: locked");
        for busy in [2, 3, 4] {
            let quiet = from_windows_state(busy);
            assert!(quiet.fullscreen && !quiet.locked, "{busy}");
        }
        for free in [5, 6, 7] {
            assert!(!from_windows_state(free).any(), "{free}");
        }
    }

    #[test]
    fn a_shared_watch_reads_what_the_fake_sets() {
        let slot = Arc::new(Mutex::new(Quiet::default()));
        let watch = QuietWatch::shared(Arc::clone(&slot));
        assert!(!watch.now().any());
        slot.lock().unwrap().fullscreen = true;
        assert!(watch.now().fullscreen);
    }
}
