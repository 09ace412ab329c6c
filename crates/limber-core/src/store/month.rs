//! Calendar months: the unit the log is kept in on disk.
//!
//! Each record belongs to the month of its local date (a session, a check-in), or of its UTC
//! date when it has no local one (an export record). A change rewrites only that month's file.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::measures::{Activity, MeasureResponse};
use crate::pain_entry::PainEntry;
use crate::questions::Question;
use crate::session::SessionLog;

/// A calendar month, e.g. 2026-03.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    /// 1–12.
    month: u32,
}

impl Month {
    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month before this one.
    #[must_use]
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                month: self.month - 1,
                ..self
            }
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.first_day()
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// The month's file name in the log folder: `YYYY-MM.ron`.
    pub fn file_name(self) -> String {
        format!("{self}.ron")
    }

    /// The month a file name stands for, if it is exactly a month file's name.
    pub fn from_file_name(name: &str) -> Option<Month> {
        let stem = name.strip_suffix(".ron")?;
        let (year, month) = stem.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month: u32 = month.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, 1).map(Month::of)
    }

    /// The month in words, for messages: "March 2026".
    pub fn label(self) -> String {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .map_or_else(|| self.to_string(), |d| d.format("%B %Y").to_string())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl SessionLog {
    /// The part of the log that belongs to `month`, as its file holds it: every record whose
    /// local date falls in the month (an export record by the day it was made).
    #[must_use]
    pub fn month(&self, month: Month) -> SessionLog {
        fn within<T: Clone>(records: &[T], month: Month, date: impl Fn(&T) -> NaiveDate) -> Vec<T> {
            records
                .iter()
                .filter(|r| month.contains(date(r)))
                .cloned()
                .collect()
        }
        // Sessions are in start-time order, so the month's are one run of the list (give or
        // take a time zone's hours at each end); the search keeps a save of this month from
        // walking ten years of history.
        let first = month.first_day();
        let start = self
            .sessions
            .partition_point(|s| s.started_at.date_naive() < first - chrono::Days::new(2));
        let sessions = self.sessions[start..]
            .iter()
            .take_while(|s| s.started_at.date_naive() <= month.last_day() + chrono::Days::new(2))
            .filter(|s| month.contains(s.local_date))
            .cloned()
            .collect();
        SessionLog {
            schema_version: self.schema_version,
            sessions,
            check_ins: within(&self.check_ins, month, |c| c.local_date),
            exports: within(&self.exports, month, |e| e.at.date_naive()),
            pain_entries: within(&self.pain_entries, month, PainEntry::local_date),
            measures: within(&self.measures, month, MeasureResponse::local_date),
            activities: within(&self.activities, month, Activity::local_date),
            questions: within(&self.questions, month, Question::local_date),
        }
    }

    /// Drops every record of the given months (by the same dates as [`SessionLog::month`]).
    pub fn drop_months(&mut self, months: &BTreeSet<Month>) {
        let keep = |date: NaiveDate| !months.contains(&Month::of(date));
        self.sessions.retain(|s| keep(s.local_date));
        self.check_ins.retain(|c| keep(c.local_date));
        self.exports.retain(|e| keep(e.at.date_naive()));
        self.pain_entries.retain(|p| keep(p.local_date()));
        self.measures.retain(|m| keep(m.local_date()));
        self.activities.retain(|a| keep(a.local_date()));
        self.questions.retain(|q| keep(q.local_date()));
    }

    /// Every month that holds at least one record, oldest first.
    pub fn months(&self) -> BTreeSet<Month> {
        let mut months: BTreeSet<Month> = self
            .sessions
            .iter()
            .map(|s| Month::of(s.local_date))
            .collect();
        months.extend(self.check_ins.iter().map(|c| Month::of(c.local_date)));
        months.extend(self.exports.iter().map(|e| Month::of(e.at.date_naive())));
        months.extend(self.pain_entries.iter().map(|e| Month::of(e.local_date())));
        months.extend(self.measures.iter().map(|m| Month::of(m.local_date())));
        months.extend(self.activities.iter().map(|a| Month::of(a.local_date())));
        months.extend(self.questions.iter().map(|q| Month::of(q.local_date())));
        months
    }

    /// Whether the log holds no record at all.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
            && self.check_ins.is_empty()
            && self.exports.is_empty()
            && self.pain_entries.is_empty()
            && self.measures.is_empty()
            && self.activities.is_empty()
            && self.questions.is_empty()
    }

    /// Adds the records of another part of the log (e.g. months loaded later) and keeps every
    /// list in time order. Records are taken as they are: the parts never overlap.
    pub fn absorb(&mut self, other: SessionLog) {
        self.absorb_all(vec![other]);
    }

    /// Adds the records of several parts at once (the months read in the background, say):
    /// each list is built once, with no spare room, from the parts in time order, and sorted
    /// only when two parts overlap (a session near midnight in another time zone); a list that
    /// only one part adds to, into an empty one, is taken as it is. Ten years of sessions are
    /// copied once at most, and no sorting buffer the size of the log is ever needed.
    pub fn absorb_all(&mut self, parts: Vec<SessionLog>) {
        fn merge<T>(list: &mut Vec<T>, more: Vec<Vec<T>>, order: impl Fn(&T, &T) -> Ordering) {
            let mut pieces: Vec<Vec<T>> = more.into_iter().filter(|p| !p.is_empty()).collect();
            if pieces.is_empty() {
                return;
            }
            if list.is_empty() && pieces.len() == 1 {
                *list = pieces.swap_remove(0);
                return;
            }
            pieces.push(std::mem::take(list));
            pieces.sort_by(|a, b| match (a.first(), b.first()) {
                (Some(a), Some(b)) => order(a, b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            });
            let mut joined = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
            for piece in pieces {
                joined.extend(piece);
            }
            if !joined.is_sorted_by(|a, b| order(a, b).is_le()) {
                joined.sort_by(&order);
            }
            *list = joined;
        }
        let mut sessions = Vec::with_capacity(parts.len());
        let (mut check_ins, mut exports, mut pain_entries) = (Vec::new(), Vec::new(), Vec::new());
        let (mut measures, mut activities, mut questions) = (Vec::new(), Vec::new(), Vec::new());
        for part in parts {
            sessions.push(part.sessions);
            check_ins.push(part.check_ins);
            exports.push(part.exports);
            pain_entries.push(part.pain_entries);
            measures.push(part.measures);
            activities.push(part.activities);
            questions.push(part.questions);
        }
        merge(&mut self.sessions, sessions, |a, b| {
            (a.started_at, &a.id).cmp(&(b.started_at, &b.id))
        });
        merge(&mut self.check_ins, check_ins, |a, b| a.at.cmp(&b.at));
        merge(&mut self.exports, exports, |a, b| a.at.cmp(&b.at));
        merge(&mut self.pain_entries, pain_entries, |a, b| a.at.cmp(&b.at));
        merge(&mut self.measures, measures, |a, b| a.at.cmp(&b.at));
        merge(&mut self.activities, activities, |a, b| {
            a.added_on.cmp(&b.added_on)
        });
        merge(&mut self.questions, questions, |a, b| a.at.cmp(&b.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn file_names_round_trip_and_strangers_are_ignored() {
        let march = Month::of(date(2026, 3, 31));
        assert_eq!(march.file_name(), "2026-03.ron");
        assert_eq!(Month::from_file_name("2026-03.ron"), Some(march));
        for other in [
            "2026-13.ron",
            "2026-3.ron",
            "26-03.ron",
            "2026-03.ron.damaged-1",
            ".limber-tmp-1-2026-03.ron",
            "log.ron",
        ] {
            assert_eq!(Month::from_file_name(other), None, "{other}");
        }
    }

    fn session_at(at: &str) -> crate::session::Session {
        let at: chrono::DateTime<chrono::Utc> = at.parse().unwrap();
        crate::session::Session::start(at, chrono::FixedOffset::east_opt(0).unwrap(), 1)
    }

    fn log_of(times: &[&str]) -> SessionLog {
        SessionLog {
            sessions: times.iter().map(|t| session_at(t)).collect(),
            ..SessionLog::default()
        }
    }

    fn starts(log: &SessionLog) -> Vec<String> {
        log.sessions
            .iter()
            .map(|s| s.started_at.format("%Y-%m-%d %H:%M").to_string())
            .collect()
    }

    #[test]
    fn parts_in_any_order_join_in_time_order() {
        let mut log = log_of(&["2026-03-05T08:00:00Z"]);
        log.absorb_all(vec![
            log_of(&["2026-02-01T08:00:00Z", "2026-02-02T08:00:00Z"]),
            SessionLog::default(),
            log_of(&["2026-01-10T08:00:00Z"]),
        ]);
        assert_eq!(
            starts(&log),
            [
                "2026-01-10 08:00",
                "2026-02-01 08:00",
                "2026-02-02 08:00",
                "2026-03-05 08:00"
            ]
        );
        assert_eq!(log.sessions.capacity(), 4, "no spare room");
    }

    #[test]
    fn overlapping_parts_are_sorted() {
        // A session just after midnight in a time zone ahead of UTC counts for the next month
        // but starts before the last one of the month it follows.
        let mut log = log_of(&["2026-01-31T23:00:00Z", "2026-02-01T09:00:00Z"]);
        log.absorb_all(vec![log_of(&[
            "2026-01-31T20:00:00Z",
            "2026-01-31T22:00:00Z",
        ])]);
        assert_eq!(
            starts(&log),
            [
                "2026-01-31 20:00",
                "2026-01-31 22:00",
                "2026-01-31 23:00",
                "2026-02-01 09:00"
            ]
        );
    }

    #[test]
    fn one_part_into_an_empty_log_is_taken_as_it_is() {
        let part = log_of(&["2026-01-10T08:00:00Z", "2026-01-11T08:00:00Z"]);
        let first = part.sessions.as_ptr();
        let mut log = SessionLog::default();
        log.absorb_all(vec![part, SessionLog::default()]);
        assert_eq!(log.sessions.as_ptr(), first, "not copied");
        assert_eq!(log.sessions.len(), 2);
    }

    #[test]
    fn previous_crosses_the_year() {
        assert_eq!(
            Month::of(date(2026, 1, 5)).previous(),
            Month::of(date(2025, 12, 1))
        );
        assert_eq!(Month::of(date(2026, 1, 5)).label(), "January 2026");
    }
}
