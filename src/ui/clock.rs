//! The only place that reads the real clock. The app asks its [`Clock`] once per frame and passes
//! the answer down; tests use a [`ManualClock`] they move forward by hand.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Local, NaiveDate, Offset as _, Utc};

/// One reading of the clock: a monotonic instant for timers, and wall time for the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    /// Monotonic time, for timers.
    pub instant: Instant,
    /// Wall-clock time in UTC, for the log.
    pub utc: DateTime<Utc>,
    /// The local offset from UTC at this moment.
    pub offset: FixedOffset,
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
        let local = Local::now();
        Now {
            instant: Instant::now(),
            utc: local.with_timezone(&Utc),
            offset: local.offset().fix(),
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
        match self.now.lock() {
            Ok(now) => *now,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}
