//! `prompts.csv`: one row per safety prompt on the record that the person could see in the
//! period (first shown by its last day, and not closed before its first), in the order first
//! shown.

use super::{ExportError, Period, SessionLog, neutralise, to_csv, utc_offset};
use chrono::Offset as _;

use crate::prompt_record::PromptRecord;

/// The file name of the table of the safety prompts shown.
pub const PROMPTS_FILE: &str = "prompts.csv";

/// The columns of `prompts.csv`, in order.
pub const PROMPTS_HEADER: [&str; 10] = [
    "date",
    "time",
    "utc_offset",
    "rule",
    "title",
    "kind",
    "hidden_on",
    "answered_on",
    "answer",
    "source",
];

/// `prompts.csv` for `period`.
pub fn prompts_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    to_csv(
        PROMPTS_HEADER,
        log.prompts()
            .iter()
            .filter(|r| r.seen_in(period.first_day(), period.last_day()))
            .map(prompt_row),
    )
}

fn prompt_row(record: &PromptRecord) -> [String; 10] {
    // A stored offset is always within a day (the store checks it); UTC otherwise.
    let offset = chrono::FixedOffset::east_opt(record.utc_offset_secs).unwrap_or(chrono::Utc.fix());
    [
        record.local_date.to_string(),
        record.local_time().format("%H:%M").to_string(),
        utc_offset(offset),
        neutralise(record.rule()).into_owned(),
        neutralise(&record.title).into_owned(),
        record.level.label().to_owned(),
        record.hidden_on.map(|d| d.to_string()).unwrap_or_default(),
        record
            .answered
            .map(|a| a.on.to_string())
            .unwrap_or_default(),
        record
            .answered
            .map(|a| a.answer.label().to_owned())
            .unwrap_or_default(),
        if record.from_closed_file {
            "moved from an older version (hidden on or before hidden_on)".to_owned()
        } else {
            "shown".to_owned()
        },
    ]
}
