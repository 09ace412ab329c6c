//! "Ask my therapist": a short list of questions the person wants to bring to the next visit,
//! kept on Today and printed in the visit brief.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::pain_entry::RecordId;

/// The longest question kept, in characters (a question, not a diary).
pub const MAX_QUESTION_CHARS: usize = 300;

/// One question for the therapist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Unique id; importing merges by it.
    pub id: RecordId,
    /// When it was written down, in UTC.
    pub at: DateTime<Utc>,
    /// The local date it was written down (the month file it belongs in).
    pub local_date: NaiveDate,
    /// The question in the person's words.
    pub text: String,
    /// The local date it was marked as asked; asked questions leave the list and the brief.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asked_on: Option<NaiveDate>,
}

impl Question {
    /// A question written at `now`; `None` when the text is empty. Long text is cut to
    /// [`MAX_QUESTION_CHARS`].
    pub fn new(text: &str, now: DateTime<Utc>, offset: FixedOffset) -> Option<Question> {
        let text: String = text.trim().chars().take(MAX_QUESTION_CHARS).collect();
        (!text.is_empty()).then(|| Question {
            id: RecordId::new(now),
            at: now,
            local_date: now.with_timezone(&offset).date_naive(),
            text,
            asked_on: None,
        })
    }

    /// The local date the record belongs to.
    pub fn local_date(&self) -> NaiveDate {
        self.local_date
    }

    /// Whether it is still to be asked.
    pub fn is_open(&self) -> bool {
        self.asked_on.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn empty_questions_are_refused_and_long_ones_cut() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        assert!(Question::new("   ", now, utc).is_none());
        let q = Question::new(&"why ".repeat(200), now, utc).unwrap();
        assert_eq!(q.text.chars().count(), MAX_QUESTION_CHARS);
        assert!(q.is_open());
    }
}
