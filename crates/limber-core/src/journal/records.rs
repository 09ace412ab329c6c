//! The changes of the records other than sessions, and of the whole log: [`Journal::apply`]
//! for them. The prompt records are here: a prompt shown for the first time, hidden, or
//! answered "I have seen my doctor" (see [`crate::prompt_record`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Applied, Change, Journal, JournalError, Touched};
use crate::clock::Moment;
use crate::progression::{ProgressionEvent, is_shown};
use crate::prompt_record::{Answered, PromptAnswer, PromptRecord, is_recorded};
use crate::session::CheckIn;
use crate::store::Month;

impl Journal {
    /// The changes of the other records and of the whole log: [`Journal::apply`] for them.
    pub(super) fn change_records(
        &mut self,
        change: Change,
        now: Moment,
        touched: &mut Touched,
        applied: &mut Applied,
    ) -> Result<(), JournalError> {
        match change {
            Change::CheckIn(flags) => {
                let check_in = CheckIn {
                    at: now.utc,
                    local_date: now.local_date(),
                    flags,
                };
                self.check_room_in_month(check_in.local_date)?;
                touched.add(&self.log, &check_in);
                self.log.add_check_in(check_in);
            }
            Change::AddPainEntry(entry) => {
                self.check_room_in_month(entry.local_date)?;
                touched.add(&self.log, &entry);
                self.log.add_pain_entry(entry);
            }
            Change::PutQuestion(question) => {
                if self.log.question(&question.id).is_none() {
                    self.check_room_in_month(question.local_date)?;
                }
                touched.add(&self.log, &question);
                if let Some(old) = self.log.put_question(question) {
                    touched.add(&self.log, &old);
                }
            }
            Change::PutActivity(activity) => {
                if self.log.activity(&activity.id).is_none() {
                    self.check_room_in_month(activity.added_on)?;
                }
                touched.add(&self.log, &activity);
                if let Some(old) = self.log.put_activity(activity) {
                    touched.add(&self.log, &old);
                }
            }
            Change::AddMeasure(response) => {
                self.check_room_in_month(response.local_date)?;
                touched.add(&self.log, &response);
                self.log.add_measure(response);
            }
            Change::Export { format, period } => {
                let record = period.export_record(format, now.utc, now.offset);
                if let Some(date) = record.local_date {
                    self.check_room_in_month(date)?;
                }
                touched.add(&self.log, &record);
                self.log.add_export(record);
            }
            Change::Exported(record) => {
                if let Some(date) = record.local_date {
                    self.check_room_in_month(date)?;
                }
                touched.add(&self.log, &record);
                self.log.add_export(record);
            }
            Change::PromptsShown(prompts) => {
                let records = prompts
                    .iter()
                    .filter(|p| !is_recorded(&self.log, &p.key))
                    .map(|p| PromptRecord::shown(p, now))
                    .collect();
                self.put_prompts(records, touched)?;
            }
            Change::HidePrompt(prompt) => {
                let mut record = PromptRecord::shown(&prompt, now);
                record.hidden_on = Some(now.local_date());
                self.put_prompts(vec![record], touched)?;
            }
            Change::SeenMyDoctor(prompt) => {
                let mut record = PromptRecord::shown(&prompt, now);
                record.answered = Some(Answered {
                    answer: PromptAnswer::SeenMyDoctor,
                    on: now.local_date(),
                });
                self.put_prompts(vec![record], touched)?;
            }
            Change::PutPrompts(records) => self.put_prompts(records, touched)?,
            Change::ChooseVersion(choice) => {
                self.check_room_in_month(choice.local_date)?;
                touched.add(&self.log, &choice);
                self.log.add_version_choice(choice);
            }
            Change::Import { incoming, prefer } => {
                touched.months.extend(incoming.months());
                let report = self.log.merge_report(incoming, prefer);
                touched.months.extend(report.left.iter().copied());
                applied.merged = Some(report);
            }
            Change::Absorb(parts) => self.log.absorb_all(parts),
            Change::Restore(log) => {
                self.log = log;
                self.deleted = None;
            }
            _ => {}
        }
        Ok(())
    }

    /// The changes of the progression records: [`Journal::apply`] for them. An offer shown
    /// again writes nothing; an answer is dated, and taking the offer also records the choice
    /// of the version offered, in force from today.
    pub(super) fn change_progressions(
        &mut self,
        change: Change,
        now: Moment,
        touched: &mut Touched,
    ) -> Result<(), JournalError> {
        match change {
            Change::ProgressionShown(offer) if !is_shown(&self.log, &offer) => {
                let record = offer.record(ProgressionEvent::Offered, now);
                self.check_room_in_month(record.local_date)?;
                touched.add(&self.log, &record);
                self.log.add_progression(record);
            }
            Change::AnswerProgression { offer, accept } => {
                let event = if accept {
                    ProgressionEvent::Accepted
                } else {
                    ProgressionEvent::Declined
                };
                let record = offer.record(event, now);
                self.check_room_for(record.local_date, 1 + usize::from(accept))?;
                touched.add(&self.log, &record);
                self.log.add_progression(record);
                if accept {
                    let choice = offer.choice(now);
                    touched.add(&self.log, &choice);
                    self.log.add_version_choice(choice);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Adds prompt records, or fills in what the log's copy of one lacks; only the records
    /// added or changed are touched (a prompt already on the record writes nothing).
    fn put_prompts(
        &mut self,
        records: Vec<PromptRecord>,
        touched: &mut Touched,
    ) -> Result<(), JournalError> {
        // Checked for all the new records of each month at once, before any is added: a
        // refused change leaves the log as it was.
        let mut new: BTreeMap<Month, (NaiveDate, usize)> = BTreeMap::new();
        for record in records.iter().filter(|r| !is_recorded(&self.log, &r.key)) {
            new.entry(Month::of(record.local_date))
                .or_insert((record.local_date, 0))
                .1 += 1;
        }
        for (date, adding) in new.into_values() {
            self.check_room_for(date, adding)?;
        }
        // The month files follow from the dates (and any record kept away from its month).
        touched.dates.extend(self.log.put_prompts(records));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::time::Instant;

    use chrono::{FixedOffset, NaiveDate, TimeZone as _, Utc};

    use super::*;
    use crate::log::{Prefer, SessionLog};
    use crate::prompts::{Prompt, PromptKind};
    use crate::store::Month;

    fn at(day: u32, hour: u32) -> Moment {
        let utc = Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap();
        Moment::new(Instant::now(), utc, FixedOffset::east_opt(3600).unwrap())
    }

    fn prompt(key: &str) -> Prompt {
        Prompt {
            key: key.into(),
            kind: PromptKind::SeeDoctor { flags: Vec::new() },
            title: "Your pain has stayed high for two weeks".into(),
            message: "Please talk to a doctor.".into(),
        }
    }

    /// Applies a change that must be taken; the months it touched.
    fn ok(journal: &mut Journal, change: Change, now: Moment) -> BTreeSet<Month> {
        journal.apply(change, now).unwrap().months
    }

    fn march() -> BTreeSet<Month> {
        [Month::of(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap())].into()
    }

    #[test]
    fn a_prompt_is_recorded_the_first_time_it_is_shown_only() {
        let mut journal = Journal::default();
        let first = journal
            .apply(
                Change::PromptsShown(vec![prompt("doctor-high:2026-W11")]),
                at(10, 9),
            )
            .unwrap();
        assert_eq!(first.months, march(), "the month of the day first shown");
        // Shown again on every frame and the next day: nothing to write.
        for day in [10, 11] {
            let again = journal
                .apply(
                    Change::PromptsShown(vec![prompt("doctor-high:2026-W11")]),
                    at(day, 12),
                )
                .unwrap();
            assert!(again.months.is_empty(), "{again:?}");
        }
        let records = journal.log().prompts();
        assert_eq!(records.len(), 1);
        assert_eq!(records[0].shown_at, at(10, 9).utc);
        assert_eq!(
            records[0].level,
            crate::prompt_record::PromptLevel::SeeDoctor
        );
        assert_eq!(records[0].rule(), "doctor-high");
        assert!(!records[0].is_closed());
    }

    #[test]
    fn hiding_and_answering_are_dated_on_the_record() {
        let mut journal = Journal::default();
        let shown = prompt("doctor-high:2026-W11");
        ok(
            &mut journal,
            Change::PromptsShown(vec![shown.clone()]),
            at(10, 9),
        );
        let applied = journal
            .apply(Change::HidePrompt(shown.clone()), at(12, 9))
            .unwrap();
        assert_eq!(applied.months, march());
        let record = &journal.log().prompts()[0];
        assert_eq!(record.hidden_on, NaiveDate::from_ymd_opt(2026, 3, 12));
        assert_eq!(
            record.local_date,
            NaiveDate::from_ymd_opt(2026, 3, 10).unwrap(),
            "kept"
        );
        assert!(crate::prompt_record::is_closed(journal.log(), &shown.key));
        // An answer to a prompt hidden before the record began is recorded with it.
        let other = prompt("doctor-rising:2026-W12");
        ok(&mut journal, Change::SeenMyDoctor(other.clone()), at(20, 9));
        let answered = journal
            .log()
            .prompts()
            .iter()
            .find(|r| r.key == other.key)
            .unwrap();
        assert_eq!(
            answered.answered,
            Some(Answered {
                answer: PromptAnswer::SeenMyDoctor,
                on: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
            })
        );
        assert_eq!(
            answered.local_date,
            NaiveDate::from_ymd_opt(2026, 3, 20).unwrap()
        );
    }

    #[test]
    fn an_import_merges_prompt_records_by_key() {
        let mut journal = Journal::default();
        let shown = prompt("doctor-high:2026-W11");
        ok(
            &mut journal,
            Change::PromptsShown(vec![shown.clone()]),
            at(10, 9),
        );
        // The backup knows the same prompt, hidden two days later, and one more.
        let mut backup = Journal::default();
        ok(
            &mut backup,
            Change::PromptsShown(vec![shown.clone()]),
            at(10, 10),
        );
        ok(&mut backup, Change::HidePrompt(shown), at(12, 9));
        ok(
            &mut backup,
            Change::PromptsShown(vec![prompt("pause-rise:2026-W12")]),
            at(16, 9),
        );
        let incoming: SessionLog = backup.log().clone();
        for _ in 0..2 {
            ok(
                &mut journal,
                Change::Import {
                    incoming: incoming.clone(),
                    prefer: Prefer::Ours,
                },
                at(20, 9),
            );
        }
        let records = journal.log().prompts();
        assert_eq!(records.len(), 2, "merged by key, twice over: {records:?}");
        assert_eq!(records[0].shown_at, at(10, 9).utc, "the log's own copy");
        assert_eq!(records[0].hidden_on, NaiveDate::from_ymd_opt(2026, 3, 12));
        assert_eq!(records[1].key, "pause-rise:2026-W12");
    }

    /// Prompts that would take a month past what the store reads back are refused all
    /// together, leaving the log as it was (a month file over the limit would not open).
    #[test]
    fn prompts_over_the_month_limit_are_refused_together() {
        use crate::store::MAX_RECORDS_IN_A_MONTH;
        let mut journal = Journal::default();
        let many: Vec<Prompt> = (0..MAX_RECORDS_IN_A_MONTH - 1)
            .map(|n| prompt(&format!("pause-after:s{n}")))
            .collect();
        ok(&mut journal, Change::PromptsShown(many), at(10, 9));
        let two = vec![prompt("pause-after:x"), prompt("pause-after:y")];
        let refused = journal.apply(Change::PromptsShown(two.clone()), at(11, 9));
        assert!(
            matches!(refused, Err(JournalError::TooMany { .. })),
            "{refused:?}"
        );
        assert_eq!(journal.log().prompts().len(), MAX_RECORDS_IN_A_MONTH - 1);
        ok(
            &mut journal,
            Change::PromptsShown(two[..1].to_vec()),
            at(11, 9),
        );
        assert_eq!(journal.log().prompts().len(), MAX_RECORDS_IN_A_MONTH);
    }
}
