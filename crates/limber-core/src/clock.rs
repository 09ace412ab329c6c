//! Checking the system clock before its time is used: a date before 1970 or after 9999 would
//! make the standard library panic, or a month file named `10002-06.ron` that no Limber reads.
//! Only the app shell and the command line read the real clock; both pass it through
//! [`checked_now`], and the store refuses to write at a time [`check`] refuses.

use std::time::{Instant, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Datelike as _, FixedOffset, NaiveDate, Utc};

/// "Now", read once per frame (or once per command): the monotonic instant for timers and
/// the wall clock with its offset for the log. The one type every part of Limber takes for the
/// current time; only the app shell and the command line make one from the real clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
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

impl Moment {
    /// A moment the clock read correctly.
    pub fn new(instant: Instant, utc: DateTime<Utc>, offset: FixedOffset) -> Moment {
        Moment {
            instant,
            utc,
            offset,
            clock_error: None,
        }
    }

    /// The local calendar date.
    pub fn local_date(&self) -> NaiveDate {
        self.utc.with_timezone(&self.offset).date_naive()
    }
}

/// The first year Limber accepts from a clock.
pub const FIRST_YEAR: i32 = 1970;
/// The last year Limber accepts from a clock (month files are named with four-digit years).
pub const LAST_YEAR: i32 = 9999;

/// The clock says a time Limber cannot use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "Your computer's clock says {}; Limber saves nothing until the date is right. Set the date \
     and time in your system settings, then open Limber again.",
    said(*seconds_since_1970)
)]
pub struct ClockError {
    /// What the clock said, in whole seconds from 1970-01-01 UTC (negative before).
    pub seconds_since_1970: i64,
}

impl ClockError {
    /// The date the clock said, as the message shows it (`10002-06-01`).
    pub fn said_date(self) -> String {
        said(self.seconds_since_1970)
    }

    /// The time the clock said, as near as a date can hold it (the far ends of the calendar
    /// for a clock beyond them): still out of range, so [`check`] refuses it too.
    pub fn said_at(self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.seconds_since_1970, 0).unwrap_or(
            if self.seconds_since_1970 < 0 {
                DateTime::<Utc>::MIN_UTC
            } else {
                DateTime::<Utc>::MAX_UTC
            },
        )
    }
}

/// The date the clock said, in words: `10002-06-01` (no sign before a five-digit year), or
/// that it is beyond any calendar.
fn said(seconds: i64) -> String {
    DateTime::from_timestamp(seconds, 0).map_or_else(
        || "a date far outside the calendar".into(),
        |at| format!("{}-{:02}-{:02}", at.year(), at.month(), at.day()),
    )
}

/// `at` if its year is within [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn check(at: DateTime<Utc>) -> Result<DateTime<Utc>, ClockError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&at.year()) {
        Ok(at)
    } else {
        Err(ClockError {
            seconds_since_1970: at.timestamp(),
        })
    }
}

/// A reading of the system clock (`SystemTime::now()`, passed in so that tests can give any
/// time) as a UTC time, or why it cannot be used. Never panics, whatever the clock says.
pub fn checked_now(clock: SystemTime) -> Result<DateTime<Utc>, ClockError> {
    let seconds = match clock.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => {
            let before = before.duration();
            let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
            // 0.5 s before 1970 is in the second -1.
            whole
                .saturating_add(i64::from(before.subsec_nanos() > 0))
                .saturating_neg()
        }
    };
    let refused = ClockError {
        seconds_since_1970: seconds,
    };
    let nanos = clock
        .duration_since(UNIX_EPOCH)
        .map_or(0, |after| after.subsec_nanos());
    DateTime::from_timestamp(seconds, nanos)
        .ok_or(refused)
        .and_then(check)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use chrono::TimeZone;

    use super::*;

    fn system_time(at: DateTime<Utc>) -> SystemTime {
        let seconds = at.timestamp();
        if seconds >= 0 {
            UNIX_EPOCH + Duration::from_secs(seconds.unsigned_abs())
        } else {
            UNIX_EPOCH - Duration::from_secs(seconds.unsigned_abs())
        }
    }

    #[test]
    fn accepts_1970_to_9999_and_refuses_either_side() {
        let first = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap();
        let last = Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap();
        assert_eq!(checked_now(system_time(first)), Ok(first));
        assert_eq!(checked_now(system_time(last)), Ok(last));
        let before = checked_now(UNIX_EPOCH - Duration::from_millis(500)).unwrap_err();
        assert_eq!(before.seconds_since_1970, -1);
        assert!(before.to_string().contains("1969-12-31"), "{before}");
        let after = checked_now(system_time(last) + Duration::from_secs(1)).unwrap_err();
        assert!(after.to_string().contains("10000-01-01"), "{after}");
        let far = Utc.with_ymd_and_hms(10002, 6, 1, 12, 0, 0).unwrap();
        let err = checked_now(system_time(far)).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Your computer's clock says 10002-06-01; Limber saves nothing"),
            "{err}"
        );
        assert_eq!(check(err.said_at()), Err(err));
    }

    #[test]
    fn a_clock_beyond_any_calendar_is_refused_without_a_panic() {
        let err = checked_now(UNIX_EPOCH + Duration::from_secs(u64::MAX / 2)).unwrap_err();
        assert!(err.to_string().contains("far outside"), "{err}");
        assert!(check(err.said_at()).is_err());
        let err =
            checked_now(UNIX_EPOCH - Duration::from_secs(i64::MAX.unsigned_abs())).unwrap_err();
        assert!(check(err.said_at()).is_err());
    }
}
