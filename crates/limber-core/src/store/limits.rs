//! How many records a month, and sessions a day, may hold: far more than anyone logs, and few
//! enough that the app stays quick. A file over a limit is refused like a damaged one (not
//! shown, never written over), so that a crafted or broken backup cannot make the app unusable.
//!
//! The limits are counted after the file is parsed, by each record's date (see
//! [`super::Dated`]): a month file, a complete backup (each month in it), an old single-file
//! log and a file to import are all checked.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{Dated, Month, StoreError};
use crate::log::SessionLog;

/// The most records (sessions, pain entries, check-ins and the rest together) one month may
/// hold. Practice three times a day with a pain entry each time is under 200 a month; the
/// 100,000-session benchmark backup has about 830.
pub const MAX_RECORDS_IN_A_MONTH: usize = 10_000;

/// The most sessions one day may hold (the 100,000-session benchmark backup has about 27).
pub const MAX_SESSIONS_ON_A_DAY: usize = 100;

/// The limits a file is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limits {
    /// Records in one month.
    pub in_a_month: usize,
    /// Sessions on one day.
    pub on_a_day: usize,
}

/// The limits every file read is checked against.
pub(crate) const LIMITS: Limits = Limits {
    in_a_month: MAX_RECORDS_IN_A_MONTH,
    on_a_day: MAX_SESSIONS_ON_A_DAY,
};

/// `Ok` when no day of `log` holds more sessions, and no month more records, than `limits`
/// allow; else the error that names the first day or month over its limit and the file it
/// was read from.
pub(crate) fn check(log: &SessionLog, limits: Limits, path: &Path) -> Result<(), StoreError> {
    fn count<T: Dated>(months: &mut BTreeMap<Month, usize>, records: &[T]) {
        for record in records {
            *months.entry(Month::of(record.filing_date())).or_default() += 1;
        }
    }
    let too_large = |count: usize, limit: usize, place: String| StoreError::TooLarge {
        path: path.to_owned(),
        count,
        limit,
        place,
    };
    if log.sessions.len() > limits.on_a_day {
        let mut days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        for session in &log.sessions {
            *days.entry(session.local_date).or_default() += 1;
        }
        if let Some((day, count)) = days.iter().find(|(_, n)| **n > limits.on_a_day) {
            let place = format!("sessions on {day}");
            return Err(too_large(*count, limits.on_a_day, place));
        }
    }
    let total = log.sessions.len()
        + log.check_ins.len()
        + log.exports.len()
        + log.pain_entries.len()
        + log.measures.len()
        + log.activities.len()
        + log.questions.len()
        + log.sign_records.len()
        + log.version_choices.len()
        + log.progressions.len()
        + log.prompts.len();
    if total <= limits.in_a_month {
        return Ok(());
    }
    let mut months = BTreeMap::new();
    count(&mut months, &log.sessions);
    count(&mut months, &log.check_ins);
    count(&mut months, &log.exports);
    count(&mut months, &log.pain_entries);
    count(&mut months, &log.measures);
    count(&mut months, &log.activities);
    count(&mut months, &log.questions);
    count(&mut months, &log.sign_records);
    count(&mut months, &log.version_choices);
    count(&mut months, &log.progressions);
    count(&mut months, &log.prompts);
    match months.iter().find(|(_, n)| **n > limits.in_a_month) {
        Some((month, count)) => Err(too_large(
            *count,
            limits.in_a_month,
            format!("records in {}", month.label()),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Session;
    use chrono::{FixedOffset, TimeDelta, TimeZone, Utc};

    /// `per_day` sessions on each of `days` days from 1 March 2026.
    fn log_of(days: i64, per_day: i64) -> SessionLog {
        let utc = FixedOffset::east_opt(0).unwrap();
        let first = Utc.with_ymd_and_hms(2026, 3, 1, 6, 0, 0).unwrap();
        let sessions = (0..days)
            .flat_map(|day| {
                (0..per_day).map(move |n| first + TimeDelta::days(day) + TimeDelta::seconds(n))
            })
            .map(|at| Session::start(at, utc, 1))
            .collect();
        SessionLog {
            sessions,
            ..SessionLog::default()
        }
    }

    fn path() -> &'static Path {
        Path::new("2026-03.ron")
    }

    #[test]
    fn a_day_of_a_hundred_sessions_is_kept_and_one_more_is_refused() {
        assert!(check(&log_of(1, 100), LIMITS, path()).is_ok());
        let err = check(&log_of(1, 101), LIMITS, path()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("101 sessions on 2026-03-01"), "{text}");
        assert!(text.contains("at most 100"), "{text}");
        assert!(text.ends_with("(2026-03.ron)"), "{text}");
    }

    #[test]
    fn a_month_of_ten_thousand_records_is_kept_and_one_more_is_refused() {
        use crate::pain_entry::PainEntry;
        use crate::session::PainScore;
        // 31 days of 100 sessions, and pain entries up to the limit.
        let mut log = log_of(31, 100);
        let utc = FixedOffset::east_opt(0).unwrap();
        let first = Utc.with_ymd_and_hms(2026, 3, 1, 6, 0, 0).unwrap();
        let pain = PainScore::new(2).unwrap();
        for n in 0..MAX_RECORDS_IN_A_MONTH - 3_100 {
            let at = first + TimeDelta::minutes(i64::try_from(n).unwrap());
            log.pain_entries
                .push(PainEntry::new(at, utc, pain, Vec::new(), ""));
        }
        assert!(check(&log, LIMITS, path()).is_ok());
        let at = Utc.with_ymd_and_hms(2026, 3, 31, 20, 0, 0).unwrap();
        log.pain_entries
            .push(PainEntry::new(at, utc, pain, Vec::new(), ""));
        let text = check(&log, LIMITS, path()).unwrap_err().to_string();
        assert!(text.contains("10001 records in March 2026"), "{text}");
        // The same number spread over two months is kept.
        log.pain_entries[0].local_date = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert!(check(&log, LIMITS, path()).is_ok());
    }

    #[test]
    fn the_limits_are_those_stated() {
        assert_eq!(
            (MAX_RECORDS_IN_A_MONTH, MAX_SESSIONS_ON_A_DAY),
            (10_000, 100)
        );
    }
}
