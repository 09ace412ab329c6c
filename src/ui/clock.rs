//! The only place that reads the real clock. The app asks its [`Clock`] once per frame and passes
//! the answer down; tests use a [`ManualClock`] they move forward by hand. Every reading is
//! checked (see [`crate::core::clock`]): a time before 1970 or after 9999 comes with its
//! [`ClockError`], and the app then saves nothing.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Offset as _, TimeZone as _, Utc};

use crate::core::clock::{self, ClockError};

/// One reading of the clock: a monotonic instant for timers, and wall time for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time, for timers.
    pub instant: Instant,
    /// Wall-clock time in UTC, for the log.
    pub utc: DateTime<Utc>,
    /// The local offset from UTC at this moment.
    pub offset: FixedOffset,
    /// Set when the clock says a time Limber cannot use: `utc` is then what it said (as near as
    /// a date holds it), and the app shows the log's last day instead and saves nothing.
    pub clock_error: Option<ClockError>,
}

impl Now {
    /// The local calendar date.
    pub fn local_date(&self) -> NaiveDate {
        self.utc.with_timezone(&self.offset).date_naive()
    }
}

/// A source of the current time. `Send`, so the app state can be built on a background thread
/// while the window opens.
pub trait Clock: Send {
    /// The current time.
    fn now(&self) -> Now;
}

/// The real clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Now {
        let instant = Instant::now();
        match clock::checked_now(SystemTime::now()) {
            Ok(utc) => Now {
                instant,
                utc,
                offset: Local.offset_from_utc_datetime(&utc.naive_utc()).fix(),
                clock_error: None,
            },
            Err(err) => Now {
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
    now: Arc<Mutex<Now>>,
}

impl ManualClock {
    /// A clock stopped at `utc` in the time zone `offset`.
    pub fn new(utc: DateTime<Utc>, offset: FixedOffset) -> ManualClock {
        ManualClock {
            now: Arc::new(Mutex::new(Now {
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
    fn now(&self) -> Now {
        let mut now = match self.now.lock() {
            Ok(now) => *now,
            Err(poisoned) => *poisoned.into_inner(),
        };
        now.clock_error = clock::check(now.utc).err();
        now
    }
}
