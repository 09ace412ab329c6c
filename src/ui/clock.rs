//! The only place that reads the real clock. The app asks its [`Clock`] once per frame and passes
//! the answer down; tests use a [`ManualClock`] they move forward by hand. Every reading is
//! checked (see [`crate::core::clock`]): a time before 1970 or after 9999 comes with its
//! [`clock::ClockError`], and the app then saves nothing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, FixedOffset, Local, Offset as _, TimeZone as _, Utc};

use crate::core::clock;

pub use crate::core::clock::Moment;

/// A source of the current time. `Send`, so the app state can be built on a background thread
/// while the window opens.
pub trait Clock: Send {
    /// The current time.
    fn now(&self) -> Moment;
}

/// The real clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Moment {
        let instant = Instant::now();
        match clock::checked_now(SystemTime::now()) {
            Ok(utc) => Moment {
                instant,
                utc,
                offset: Local.offset_from_utc_datetime(&utc.naive_utc()).fix(),
                clock_error: None,
            },
            Err(err) => Moment {
                instant,
                utc: err.said_at(),
                offset: Utc.fix(),
                clock_error: Some(err),
            },
        }
    }
}

/// A clock that only moves when told to; cloning shares the same time.
#[derive(Clone, Debug)]
pub struct ManualClock {
    now: Arc<Mutex<Moment>>,
}

impl ManualClock {
    /// A clock stopped at `utc` in the time zone `offset`.
    pub fn new(utc: DateTime<Utc>, offset: FixedOffset) -> ManualClock {
        ManualClock {
            now: Arc::new(Mutex::new(Moment {
                instant: Instant::now(),
                utc,
                offset,
                clock_error: None,
            })),
        }
    }

    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.now.lock() {
            now.instant += by;
            now.utc += chrono::Duration::from_std(by).unwrap_or_default();
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Moment {
        let mut now = match self.now.lock() {
            Ok(now) => *now,
            Err(poisoned) => *poisoned.into_inner(),
        };
        now.clock_error = clock::check(now.utc).err();
        now
    }
}
