//! Which month file each record goes in: the one rule, and the records found in another file.
//!
//! Every record files into the month of its own stored local date ([`Dated::filing_date`]); an
//! export record written before schema 4, which stores only a UTC time, files by its UTC date
//! and keeps the month file it was found in. A month file read from
//! the log folder is checked against that rule: a record dated in another month, or whose date
//! is more than a day away from the time and offset it stores, is reported with its line. A
//! record dated in another month stays in the file it was found in: the log remembers that
//! file as the record's home ([`Homes`]), so a save of that month keeps it and nothing is ever
//! moved without the person's say.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Serialize;

use super::Month;
use crate::log::SessionLog;
use crate::measures::{Activity, MeasureResponse};
use crate::pain_entry::PainEntry;
use crate::prompt_record::PromptRecord;
use crate::questions::Question;
use crate::session::{CheckIn, ExportRecord, Session, SignRecord};

/// A record of the log, and the date that decides its month file.
pub trait Dated {
    /// The record's kind, as a person would name it ("a session").
    const NAME: &'static str;

    /// The date the record files under: its stored local date (an export record written before
    /// schema 4, which has none, its UTC date).
    fn filing_date(&self) -> NaiveDate;

    /// When it happened and the local offset in seconds then, for records that store both.
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        None
    }

    /// Whether the filing date is a local date the record stores. An export record written
    /// before schema 4 has none: it keeps the month file it is found in, unchecked.
    fn has_local_date(&self) -> bool {
        true
    }

    /// The field that tells the record apart in a file, and its value as the file writes it.
    fn anchor(&self) -> (&'static str, String);
}

/// A record's home: the month file it was found in, when that is not the month of its date,
/// and the date it had then (so that a change on that date saves the home month too).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Home {
    /// The month file the record stays in.
    pub month: Month,
    /// The record's date when it was found.
    pub date: NaiveDate,
}

/// The records of the log that live in another month file than their date's (see the module
/// documentation). Nearly always empty; kept in memory only, never in a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Homes(BTreeMap<(&'static str, String), Home>);

impl Homes {
    /// The month file `record` is kept in: its home, or else its date's month.
    pub fn file_month<T: Dated>(&self, record: &T) -> Month {
        let natural = Month::of(record.filing_date());
        if self.0.is_empty() {
            return natural;
        }
        self.0.get(&key(record)).map_or(natural, |home| home.month)
    }

    /// Whether no record lives away from its date's month.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every home, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Home> {
        self.0.values()
    }

    /// Keeps `record` in `month`'s file, whatever its date says.
    pub fn insert<T: Dated>(&mut self, record: &T, month: Month) {
        let home = Home {
            month,
            date: record.filing_date(),
        };
        self.0.insert(key(record), home);
    }

    /// Lets `record` file by its own date again (a copy of it taken from a backup replaced it).
    pub fn forget<T: Dated>(&mut self, record: &T) {
        if !self.0.is_empty() {
            self.0.remove(&key(record));
        }
    }

    /// Adds the homes of another part of the log.
    pub fn extend(&mut self, other: Homes) {
        self.0.extend(other.0);
    }
}

fn key<T: Dated>(record: &T) -> (&'static str, String) {
    (T::NAME, record.anchor().1)
}

/// A value as RON writes it in a file (a string with its quotes).
fn written(value: &impl Serialize) -> String {
    ron::to_string(value).unwrap_or_default()
}

impl Dated for Session {
    const NAME: &'static str = "a session";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.started_at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for CheckIn {
    const NAME: &'static str = "a warning-signs check-in";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn anchor(&self) -> (&'static str, String) {
        ("at", written(&self.at))
    }
}

impl Dated for ExportRecord {
    const NAME: &'static str = "an export record";
    fn filing_date(&self) -> NaiveDate {
        self.local_date.unwrap_or_else(|| self.at.date_naive())
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        self.utc_offset_secs.map(|offset| (self.at, offset))
    }
    fn has_local_date(&self) -> bool {
        self.local_date.is_some()
    }
    fn anchor(&self) -> (&'static str, String) {
        ("at", written(&self.at))
    }
}

impl Dated for SignRecord {
    const NAME: &'static str = "a warning-sign record";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for PainEntry {
    const NAME: &'static str = "a pain entry";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for MeasureResponse {
    const NAME: &'static str = "a measure check-in";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for Activity {
    const NAME: &'static str = "an activity";
    fn filing_date(&self) -> NaiveDate {
        self.added_on
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for Question {
    const NAME: &'static str = "a question";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for crate::versions::VersionChoice {
    const NAME: &'static str = "a choice of version";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for crate::progression::ProgressionRecord {
    const NAME: &'static str = "a progression offer";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("id", written(&self.id))
    }
}

impl Dated for PromptRecord {
    const NAME: &'static str = "a safety prompt";
    fn filing_date(&self) -> NaiveDate {
        self.local_date
    }
    fn moment(&self) -> Option<(DateTime<Utc>, i32)> {
        Some((self.shown_at, self.utc_offset_secs))
    }
    fn anchor(&self) -> (&'static str, String) {
        ("key", written(&self.key))
    }
}

/// What was found wrong with one record's date.
struct Odd {
    name: &'static str,
    date: NaiveDate,
    anchor: (&'static str, String),
    /// The local date its time and offset give, when that is more than a day away.
    from_time: Option<NaiveDate>,
}

fn look_at<T: Dated>(records: &[T], month: Month, homes: &mut Homes, odd: &mut Vec<Odd>) {
    for record in records {
        let date = record.filing_date();
        let elsewhere = !month.contains(date);
        if elsewhere {
            homes.insert(record, month);
        }
        if !record.has_local_date() {
            continue;
        }
        let from_time = record.moment().and_then(|(at, offset)| {
            let offset = FixedOffset::east_opt(offset)?;
            let local = at.with_timezone(&offset).date_naive();
            (local.signed_duration_since(date).num_days().abs() > 1).then_some(local)
        });
        if elsewhere || from_time.is_some() {
            odd.push(Odd {
                name: T::NAME,
                date,
                anchor: record.anchor(),
                from_time,
            });
        }
    }
}

/// The most records a notice names one by one.
const NAMED: usize = 5;

/// Checks that every record of the file of `month` files into that month and that its date
/// agrees with its time (within a day). A record dated in another month is kept in this file
/// (its home is remembered in `log`); every odd record is listed in the notice returned, with
/// its line in `bytes` (the file read from `path`).
pub(super) fn check_month(
    log: &mut SessionLog,
    month: Month,
    bytes: &[u8],
    path: &Path,
) -> Option<String> {
    let mut homes = Homes::default();
    let mut odd = Vec::new();
    look_at(&log.sessions, month, &mut homes, &mut odd);
    look_at(&log.check_ins, month, &mut homes, &mut odd);
    look_at(&log.exports, month, &mut homes, &mut odd);
    look_at(&log.pain_entries, month, &mut homes, &mut odd);
    look_at(&log.measures, month, &mut homes, &mut odd);
    look_at(&log.activities, month, &mut homes, &mut odd);
    look_at(&log.questions, month, &mut homes, &mut odd);
    look_at(&log.sign_records, month, &mut homes, &mut odd);
    look_at(&log.version_choices, month, &mut homes, &mut odd);
    look_at(&log.progressions, month, &mut homes, &mut odd);
    look_at(&log.prompts, month, &mut homes, &mut odd);
    log.homes.extend(homes);
    if odd.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let mut named = Vec::new();
    for found in odd.iter().take(NAMED) {
        let (field, value) = &found.anchor;
        let wanted = format!("{field}: {value}");
        let line = text
            .lines()
            .position(|l| l.contains(&wanted))
            .map_or(0, |n| n + 1);
        let why = found.from_time.map_or_else(
            || format!(", which belongs to {}", Month::of(found.date).label()),
            |local| format!(" but logged at a time that was {local} there"),
        );
        let said = format!("{} dated {}{why} (line {line})", found.name, found.date);
        named.push(said);
    }
    let more = odd.len().saturating_sub(NAMED);
    let and_more = if more > 0 {
        format!(", and {more} more")
    } else {
        String::new()
    };
    Some(format!(
        "The file of {} holds {} whose date does not fit it: {}{and_more}. {} kept in this file \
         and shown on its own date; nothing was moved. If a date is wrong, correct it in the \
         file. ({})",
        month.label(),
        if odd.len() == 1 {
            "a record".to_owned()
        } else {
            format!("{} records", odd.len())
        },
        named.join("; "),
        if odd.len() == 1 { "It is" } else { "Each is" },
        path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::to_ron;
    use chrono::TimeZone;

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    /// A March file holding a session of 2 March and one dated 2 April (its time still says
    /// 2 March), read as the store reads it.
    fn march_with_a_stranger() -> (SessionLog, Option<String>) {
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut log = SessionLog::default();
        for day in [1, 2] {
            let at = Utc.with_ymd_and_hms(2026, 3, day, 8, 0, 0).unwrap();
            log.sessions.push(Session::start(at, utc, 1));
        }
        log.sessions[1].local_date = date(4, 2);
        let text = to_ron(&log);
        let march = Month::of(date(3, 1));
        let notice = check_month(&mut log, march, text.as_bytes(), Path::new("2026-03.ron"));
        (log, notice)
    }

    #[test]
    fn a_record_dated_elsewhere_stays_in_the_month_it_was_found_in() {
        let (log, notice) = march_with_a_stranger();
        let notice = notice.expect("reported");
        assert!(notice.contains("a session dated 2026-04-02"), "{notice}");
        assert!(notice.contains("(line "), "{notice}");
        assert!(notice.ends_with("(2026-03.ron)"), "{notice}");
        let (march, april) = (Month::of(date(3, 1)), Month::of(date(4, 1)));
        assert_eq!(log.month(march).sessions.len(), 2, "kept in March");
        assert!(log.month(april).is_empty(), "never written to April");
        assert_eq!(log.months().into_iter().collect::<Vec<_>>(), vec![march]);
        // A change on its date saves the month it lives in.
        assert!(log.file_months(&[date(4, 2)]).contains(&march));
        let mut dropped = log.clone();
        dropped.drop_months(&[march].into());
        assert!(dropped.sessions.is_empty());
    }

    #[test]
    fn an_export_record_files_by_its_local_date() {
        use crate::export::{ExportFormat, Period};
        // 00:30 on 1 July in UTC+2 is 30 June in UTC.
        let at = Utc.with_ymd_and_hms(2026, 6, 30, 22, 30, 0).unwrap();
        let plus_2 = FixedOffset::east_opt(7200).unwrap();
        let record = Period::last_days(date(7, 1), 28).export_record(ExportFormat::Pdf, at, plus_2);
        assert_eq!(record.filing_date(), date(7, 1));
        assert!(record.has_local_date());
        let mut log = SessionLog::default();
        log.exports.push(record);
        let july = Month::of(date(7, 1));
        assert_eq!(log.months().into_iter().collect::<Vec<_>>(), vec![july]);
        assert_eq!(log.month(july).exports.len(), 1);
        let text = to_ron(&log);
        assert_eq!(
            check_month(&mut log, july, text.as_bytes(), Path::new("x")),
            None
        );
    }

    #[test]
    fn records_that_fit_their_month_are_not_reported() {
        let utc = FixedOffset::east_opt(3600).unwrap();
        let mut log = SessionLog::default();
        // 23:30 UTC on 31 March is 1 April in UTC+1: the April file is its home.
        let at = Utc.with_ymd_and_hms(2026, 3, 31, 23, 30, 0).unwrap();
        log.sessions.push(Session::start(at, utc, 1));
        let text = to_ron(&log);
        let april = Month::of(date(4, 1));
        assert_eq!(
            check_month(&mut log, april, text.as_bytes(), Path::new("2026-04.ron")),
            None
        );
        assert!(log.homes.is_empty());
    }
}
