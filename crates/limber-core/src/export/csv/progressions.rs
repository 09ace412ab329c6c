//! `progressions.csv`: one row per progression offer made in the period (see
//! [`crate::progression`]), oldest first, with what became of it.

use super::{ExportError, Period, SessionLog, neutralise, to_csv};

use crate::progression::{OfferLine, offers_in};

/// The file name of the table of progression offers.
pub const PROGRESSIONS_FILE: &str = "progressions.csv";

/// The columns of `progressions.csv`, in order.
pub const PROGRESSIONS_HEADER: [&str; 7] = [
    "date",
    "exercise",
    "from",
    "to",
    "to_name",
    "answer",
    "answered_on",
];

/// `progressions.csv` for `period`.
pub fn progressions_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    to_csv(
        PROGRESSIONS_HEADER,
        offers_in(log, period.first_day(), period.last_day())
            .iter()
            .map(progression_row),
    )
}

fn progression_row(line: &OfferLine) -> [String; 7] {
    [
        line.date.to_string(),
        neutralise(&line.exercise).into_owned(),
        line.from.label(),
        line.to.label(),
        neutralise(&line.to_name).into_owned(),
        line.answer
            .map(|(event, _)| event.label().to_owned())
            .unwrap_or_default(),
        line.answer
            .map(|(_, on)| on.to_string())
            .unwrap_or_default(),
    ]
}
