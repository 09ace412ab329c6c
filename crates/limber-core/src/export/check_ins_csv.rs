//! `check_ins.csv`: the warning signs for the therapist, one row per sign ticked (in a weekly
//! check-in or on any day), per weekly check-in with nothing ticked, and per answer
//! ("seen a doctor", "doctor knows"), oldest first. README (`check_ins.csv`) lists the columns.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};

use crate::log::SessionLog;
use crate::session::RedFlag;
use crate::sign_history::{self, TickSource};

use super::csv::{to_csv, utc_offset};
use super::{ExportError, Period};

/// The file name of the warning-sign table.
pub const CHECK_INS_FILE: &str = "check_ins.csv";

/// The columns of `check_ins.csv`, in order.
pub const CHECK_INS_HEADER: [&str; 9] = [
    "date",
    "time",
    "utc_offset",
    "record",
    "sign",
    "sign_code",
    "level",
    "answer",
    "answered_on",
];

/// The `record` of a weekly check-in's row.
pub const WEEKLY: &str = "weekly check-in";
/// The `record` of a sign ticked on any day.
pub const ANY_DAY: &str = "any day";
/// The `record` of an answer's row.
pub const ANSWER: &str = "answer";

/// The sign's stable code: its name in the month file, which never changes.
pub fn sign_code(flag: RedFlag) -> String {
    format!("{flag:?}")
}

/// `check_ins.csv` for `period`. A tick's `answer` and `answered_on` are those of the answer
/// that closed it by the period's end (empty while open); weekly check-ins keep no time zone,
/// so their time is in UTC (`utc_offset` says `UTC+00:00`).
pub fn check_ins_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    let mut rows: Vec<(DateTime<FixedOffset>, [String; 9])> = Vec::new();
    let row = |at: DateTime<FixedOffset>, date: NaiveDate, rest: [String; 6]| {
        let [record, sign, code, level, answer, answered_on] = rest;
        (
            at,
            [
                date.to_string(),
                at.format("%H:%M").to_string(),
                utc_offset(*at.offset()),
                record,
                sign,
                code,
                level,
                answer,
                answered_on,
            ],
        )
    };
    let utc = Utc.fix();
    for check_in in log
        .check_ins()
        .iter()
        .filter(|c| period.contains(c.local_date) && c.flags.is_empty())
    {
        let empty = || String::new();
        rows.push(row(
            check_in.at.with_timezone(&utc),
            check_in.local_date,
            [
                WEEKLY.to_owned(),
                empty(),
                empty(),
                empty(),
                empty(),
                empty(),
            ],
        ));
    }
    for tick in sign_history::ticks(log, period.last_day())
        .into_iter()
        .filter(|t| period.contains(t.local_date))
    {
        let record = match tick.source {
            TickSource::Weekly => WEEKLY,
            TickSource::AnyDay => ANY_DAY,
        };
        rows.push(row(
            tick.at,
            tick.local_date,
            [
                record.to_owned(),
                tick.flag.label().to_owned(),
                sign_code(tick.flag),
                tick.flag.urgency().tag().to_owned(),
                tick.answer
                    .map(|a| a.answer.tag().to_owned())
                    .unwrap_or_default(),
                tick.answer
                    .map(|a| a.local_date.to_string())
                    .unwrap_or_default(),
            ],
        ));
    }
    for (flag, answered) in sign_history::answers(log, period.last_day())
        .into_iter()
        .filter(|(_, a)| period.contains(a.local_date))
    {
        rows.push(row(
            answered.at,
            answered.local_date,
            [
                ANSWER.to_owned(),
                flag.label().to_owned(),
                sign_code(flag),
                flag.urgency().tag().to_owned(),
                answered.answer.tag().to_owned(),
                answered.local_date.to_string(),
            ],
        ));
    }
    rows.sort_by_key(|(at, _)| *at);
    to_csv(CHECK_INS_HEADER, rows.into_iter().map(|(_, r)| r))
}
