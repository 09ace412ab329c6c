//! The journal's changes of the warning-sign records: signs ticked on any day and the answers
//! to them. Each record files under its own local date, like every other record.

use crate::clock::Moment;
use crate::session::{SignEvent, SignRecord};

use super::{Change, Journal, JournalError, Touched};

impl Journal {
    /// [`Change::ReportSigns`] and [`Change::AnswerSign`]: [`Journal::apply`] for them.
    pub(super) fn change_signs(
        &mut self,
        change: Change,
        now: Moment,
        touched: &mut Touched,
    ) -> Result<(), JournalError> {
        let event = match change {
            Change::ReportSigns(mut flags) => {
                flags.sort_unstable();
                flags.dedup();
                if flags.is_empty() {
                    return Err(JournalError::NoSignTicked);
                }
                SignEvent::Reported(flags)
            }
            Change::AnswerSign(flag, answer) => SignEvent::Answered(flag, answer),
            _ => return Ok(()),
        };
        let record = SignRecord::new(now.utc, now.offset, event);
        self.check_room_in_month(record.local_date)?;
        touched.add(&self.log, &record);
        self.log.add_sign_record(record);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use chrono::{FixedOffset, NaiveDate, TimeZone as _, Utc};

    use super::*;
    use crate::log::{Prefer, SessionLog};
    use crate::session::{RedFlag, SignAnswer};
    use crate::store::Month;

    fn local(d: u32, h: u32, hours: i32) -> Moment {
        let offset = FixedOffset::east_opt(hours * 3600).unwrap();
        let utc = offset
            .with_ymd_and_hms(2026, 3, d, h, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        Moment::new(Instant::now(), utc, offset)
    }

    #[test]
    fn sign_records_file_under_their_local_date_and_merge_by_id() {
        let mut journal = Journal::default();
        // 00:30 on 1 March in UTC+9 is still February in UTC: March's file.
        let early = local(1, 0, 9);
        let applied = journal
            .apply(
                Change::ReportSigns(vec![RedFlag::FeverAndChills, RedFlag::FeverAndChills]),
                early,
            )
            .unwrap();
        let march = Month::of(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert_eq!(applied.months.into_iter().collect::<Vec<_>>(), [march]);
        let later = local(4, 10, 9);
        let answered = journal
            .apply(
                Change::AnswerSign(RedFlag::FeverAndChills, SignAnswer::SeenDoctor),
                later,
            )
            .unwrap();
        assert_eq!(answered.months.into_iter().collect::<Vec<_>>(), [march]);
        let records = journal.log().sign_records().to_vec();
        assert_eq!(records.len(), 2);
        assert_eq!(
            records[0].event,
            SignEvent::Reported(vec![RedFlag::FeverAndChills]),
            "ticked once"
        );
        assert_eq!(
            records[0].local_date,
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        );
        assert_eq!(
            records[1].event,
            SignEvent::Answered(RedFlag::FeverAndChills, SignAnswer::SeenDoctor)
        );
        // Nothing ticked is refused, and the log stays as it was.
        let revision = journal.revision();
        assert_eq!(
            journal.apply(Change::ReportSigns(Vec::new()), later),
            Err(JournalError::NoSignTicked)
        );
        assert_eq!(journal.revision(), revision);
        // A backup holding the same records adds nothing; a new one is added.
        let mut backup = SessionLog::default();
        for record in &records {
            backup.add_sign_record(record.clone());
        }
        let extra = SignRecord::new(
            later.utc + chrono::Duration::hours(1),
            later.offset,
            SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
        );
        backup.add_sign_record(extra.clone());
        let imported = journal
            .apply(
                Change::Import {
                    incoming: backup,
                    prefer: Prefer::Ours,
                },
                later,
            )
            .unwrap();
        assert!(imported.months.contains(&march));
        assert_eq!(
            journal.log().sign_records(),
            [records, vec![extra]].concat()
        );
    }
}
