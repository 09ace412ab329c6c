//! Pain logged at any time, outside a session: "How is your back now?".
//!
//! Several entries a day are fine; each keeps its UTC time, the local offset and the local date
//! it counts for, like a session, so daily pain and the month files place it the same way.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::body_area::BodyArea;
use crate::session::{PainScore, SessionId};

/// The id of a record other than a session (pain entry, measure, activity, question): the same
/// sortable form as a session id, so importing merges every record type the same way.
pub type RecordId = SessionId;

/// One "How is your back now?" answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PainEntry {
    /// Unique id; importing a backup merges by it.
    pub id: RecordId,
    /// When it was logged, in UTC.
    pub at: DateTime<Utc>,
    /// The local offset from UTC at the time, in seconds east.
    #[serde(deserialize_with = "crate::session::offset_secs")]
    pub utc_offset_secs: i32,
    /// The local calendar date it counts for.
    pub local_date: NaiveDate,
    /// Pain on the 0–10 scale.
    pub pain: PainScore,
    /// Where it hurt, when marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<BodyArea>,
    /// A few words, when given.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl PainEntry {
    /// A new entry logged at `now` in the time zone `offset`.
    pub fn new(
        now: DateTime<Utc>,
        offset: FixedOffset,
        pain: PainScore,
        areas: Vec<BodyArea>,
        note: &str,
    ) -> PainEntry {
        let mut areas = areas;
        areas.sort_unstable();
        areas.dedup();
        PainEntry {
            id: RecordId::new(now),
            at: now,
            utc_offset_secs: offset.local_minus_utc(),
            local_date: now.with_timezone(&offset).date_naive(),
            pain,
            areas,
            note: note.trim().to_owned(),
        }
    }

    /// The local date the entry counts for (the month file it belongs in).
    pub fn local_date(&self) -> NaiveDate {
        self.local_date
    }

    /// The local offset it was logged in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }

    /// The local time it was logged.
    pub fn local_time(&self) -> DateTime<FixedOffset> {
        self.at.with_timezone(&self.offset())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_late_evening_entry_counts_for_the_local_day_and_keeps_areas_once() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let entry = PainEntry::new(
            now,
            tokyo,
            PainScore::new(4).unwrap(),
            vec![BodyArea::MidBack, BodyArea::NeckBase, BodyArea::MidBack],
            "  after the drive ",
        );
        assert_eq!(
            entry.local_date(),
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
        assert_eq!(entry.areas, vec![BodyArea::NeckBase, BodyArea::MidBack]);
        assert_eq!(entry.note, "after the drive");
        assert_eq!(entry.local_time().format("%H:%M").to_string(), "08:30");
    }
}
