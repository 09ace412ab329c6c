//! The journal's limits: no day or month holds more records than the store reads back (see
//! [`crate::store::limits`]), so a change that would go over one is refused before it is made.

use chrono::NaiveDate;

use super::{Journal, JournalError};
use crate::store::{Dated, MAX_RECORDS_IN_A_MONTH, MAX_SESSIONS_ON_A_DAY, Month};

impl Journal {
    /// Refuses a new session on a day that holds as many as the store reads back.
    pub(super) fn check_room_for_session(&self, date: NaiveDate) -> Result<(), JournalError> {
        let on_the_day = self.log.on_date(date).count();
        if on_the_day >= MAX_SESSIONS_ON_A_DAY {
            return Err(JournalError::TooMany {
                limit: MAX_SESSIONS_ON_A_DAY,
                what: format!("sessions on {date}"),
            });
        }
        self.check_room_in_month(date)
    }

    /// Refuses a new record in a month that holds as many as the store reads back.
    pub(super) fn check_room_in_month(&self, date: NaiveDate) -> Result<(), JournalError> {
        self.check_room_for(date, 1)
    }

    /// Refuses `adding` new records in the month of `date` when it would then hold more than
    /// the store reads back.
    pub(super) fn check_room_for(
        &self,
        date: NaiveDate,
        adding: usize,
    ) -> Result<(), JournalError> {
        fn count<T: Dated>(records: &[T], month: Month) -> usize {
            records
                .iter()
                .filter(|r| Month::of(r.filing_date()) == month)
                .count()
        }
        let month = Month::of(date);
        let log = &self.log;
        let records = count(log.sessions(), month)
            + count(log.check_ins(), month)
            + count(log.exports(), month)
            + count(log.pain_entries(), month)
            + count(log.measures(), month)
            + count(log.activities(), month)
            + count(log.questions(), month)
            + count(log.version_choices(), month)
            + count(log.progressions(), month)
            + count(log.sign_records(), month)
            + count(log.prompts(), month);
        if records + adding > MAX_RECORDS_IN_A_MONTH {
            return Err(JournalError::TooMany {
                limit: MAX_RECORDS_IN_A_MONTH,
                what: format!("records in {}", month.label()),
            });
        }
        Ok(())
    }
}
