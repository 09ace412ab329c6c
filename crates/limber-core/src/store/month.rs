//! Calendar months: the unit the log is kept in on disk.
//!
//! Each record belongs to the month of its local date, or of its UTC date when it has no local
//! one (an export record written before schema 4), unless it was found in another month's
//! file (see [`super::Homes`]). A change rewrites only that month's file.

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::Dated;
use crate::log::SessionLog;

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
    /// The part of the log that belongs to `month`, as its file holds it: every record that
    /// files into the month (see [`Dated`]: by its local date, an old export record by its UTC
    /// date), and the records found in that month's file although dated elsewhere (see
    /// [`super::Homes`]). Every record is looked at, whatever its time: a session whose date
    /// is far from its start time still goes in the month of its date.
    #[must_use]
    pub fn month(&self, month: Month) -> SessionLog {
        fn within<T: Dated + Clone>(records: &[T], month: Month, homes: &super::Homes) -> Vec<T> {
            records
                .iter()
                .filter(|r| homes.file_month(*r) == month)
                .cloned()
                .collect()
        }
        let homes = &self.homes;
        SessionLog {
            schema_version: self.schema_version,
            sessions: within(&self.sessions, month, homes),
            check_ins: within(&self.check_ins, month, homes),
            exports: within(&self.exports, month, homes),
            pain_entries: within(&self.pain_entries, month, homes),
            measures: within(&self.measures, month, homes),
            activities: within(&self.activities, month, homes),
            questions: within(&self.questions, month, homes),
            sign_records: within(&self.sign_records, month, homes),
            version_choices: within(&self.version_choices, month, homes),
            progressions: within(&self.progressions, month, homes),
            prompts: within(&self.prompts, month, homes),
            homes: super::Homes::default(),
        }
    }

    /// Drops every record of the given months (by the same rule as [`SessionLog::month`]).
    pub fn drop_months(&mut self, months: &BTreeSet<Month>) {
        let homes = &self.homes;
        let keep = |month: Month| !months.contains(&month);
        self.sessions.retain(|r| keep(homes.file_month(r)));
        self.check_ins.retain(|r| keep(homes.file_month(r)));
        self.exports.retain(|r| keep(homes.file_month(r)));
        self.pain_entries.retain(|r| keep(homes.file_month(r)));
        self.measures.retain(|r| keep(homes.file_month(r)));
        self.activities.retain(|r| keep(homes.file_month(r)));
        self.questions.retain(|r| keep(homes.file_month(r)));
        self.sign_records.retain(|r| keep(homes.file_month(r)));
        self.version_choices.retain(|r| keep(homes.file_month(r)));
        self.progressions.retain(|r| keep(homes.file_month(r)));
        self.prompts.retain(|r| keep(homes.file_month(r)));
    }

    /// Every month that holds at least one record, oldest first.
    pub fn months(&self) -> BTreeSet<Month> {
        fn add<T: Dated>(months: &mut BTreeSet<Month>, records: &[T], homes: &super::Homes) {
            months.extend(records.iter().map(|r| homes.file_month(r)));
        }
        let mut months = BTreeSet::new();
        add(&mut months, &self.sessions, &self.homes);
        add(&mut months, &self.check_ins, &self.homes);
        add(&mut months, &self.exports, &self.homes);
        add(&mut months, &self.pain_entries, &self.homes);
        add(&mut months, &self.measures, &self.homes);
        add(&mut months, &self.activities, &self.homes);
        add(&mut months, &self.questions, &self.homes);
        add(&mut months, &self.sign_records, &self.homes);
        add(&mut months, &self.version_choices, &self.homes);
        add(&mut months, &self.progressions, &self.homes);
        add(&mut months, &self.prompts, &self.homes);
        months
    }

    /// The month files to save after a change to the records of `dates`: the months of those
    /// dates, and the home of any record found in another month's file that had one of those
    /// dates when it was read (or, for a session, has one now).
    pub fn file_months(&self, dates: &[NaiveDate]) -> BTreeSet<Month> {
        let mut months: BTreeSet<Month> = dates.iter().map(|d| Month::of(*d)).collect();
        if !self.homes.is_empty() {
            months.extend(
                self.homes
                    .iter()
                    .filter(|home| dates.contains(&home.date))
                    .map(|home| home.month),
            );
            for date in dates {
                for session in self.on_date(*date) {
                    months.insert(self.homes.file_month(session));
                }
            }
        }
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
            && self.sign_records.is_empty()
            && self.version_choices.is_empty()
            && self.progressions.is_empty()
            && self.prompts.is_empty()
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
        let mut sign_records = Vec::new();
        let mut version_choices = Vec::new();
        let mut progressions = Vec::new();
        let mut prompts = Vec::new();
        for part in parts {
            self.homes.extend(part.homes);
            sessions.push(part.sessions);
            check_ins.push(part.check_ins);
            exports.push(part.exports);
            pain_entries.push(part.pain_entries);
            measures.push(part.measures);
            activities.push(part.activities);
            questions.push(part.questions);
            sign_records.push(part.sign_records);
            version_choices.push(part.version_choices);
            progressions.push(part.progressions);
            prompts.push(part.prompts);
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
        merge(&mut self.sign_records, sign_records, |a, b| a.at.cmp(&b.at));
        merge(&mut self.version_choices, version_choices, |a, b| {
            a.at.cmp(&b.at)
        });
        merge(&mut self.progressions, progressions, |a, b| a.at.cmp(&b.at));
        merge(&mut self.prompts, prompts, |a, b| {
            a.shown_at.cmp(&b.shown_at)
        });
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
