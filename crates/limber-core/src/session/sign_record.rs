//! The records of warning signs kept outside the weekly check-in (from schema 6): signs ticked
//! on any day from "Something new or worrying?", and the person's answers to a ticked sign
//! ("I have seen a doctor about this", "My doctor knows about this"). What they add up to (which
//! signs are still open, which are answered and when) is worked out in
//! [`crate::sign_history`].

use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::pain_entry::RecordId;

use super::RedFlag;

/// How the person answered a ticked warning sign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SignAnswer {
    /// "I have seen a doctor about this": the sign's prompt ends; a later tick opens it again.
    SeenDoctor,
    /// "My doctor knows about this", for a history item: answered once, and the weekly
    /// check-in no longer asks about it.
    DoctorKnows,
}

impl SignAnswer {
    /// The words of the button that records the answer.
    pub fn button(self) -> &'static str {
        match self {
            SignAnswer::SeenDoctor => "I have seen a doctor about this",
            SignAnswer::DoctorKnows => "My doctor knows about this",
        }
    }

    /// Short words for lists and exports ("seen a doctor").
    pub fn tag(self) -> &'static str {
        match self {
            SignAnswer::SeenDoctor => "seen a doctor",
            SignAnswer::DoctorKnows => "doctor knows",
        }
    }
}

/// What a sign record says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignEvent {
    /// Signs ticked on any day from "Something new or worrying?" (never empty).
    Reported(Vec<RedFlag>),
    /// The answer to a sign.
    Answered(RedFlag, SignAnswer),
}

/// One sign record: a report of signs on any day, or an answer to a sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignRecord {
    /// Unique id; importing a backup merges by it.
    pub id: RecordId,
    /// When it was recorded, in UTC.
    pub at: DateTime<Utc>,
    /// The local offset from UTC then, in seconds east.
    #[serde(deserialize_with = "super::offset_secs")]
    pub utc_offset_secs: i32,
    /// The local date it counts for (the month file it lives in).
    pub local_date: NaiveDate,
    /// What was recorded.
    pub event: SignEvent,
}

impl SignRecord {
    /// A record of `event` made at `now` in the time zone `offset`.
    pub fn new(now: DateTime<Utc>, offset: FixedOffset, event: SignEvent) -> SignRecord {
        SignRecord {
            id: RecordId::new(now),
            at: now,
            utc_offset_secs: offset.local_minus_utc(),
            local_date: now.with_timezone(&offset).date_naive(),
            event,
        }
    }

    /// The local offset it was recorded in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }

    /// The local time it was recorded.
    pub fn local_time(&self) -> DateTime<FixedOffset> {
        self.at.with_timezone(&self.offset())
    }
}
