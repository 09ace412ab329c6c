//! The one owner of every change to the log.
//!
//! [`Journal`] holds the [`SessionLog`] and is the only way to change it: the practice, the
//! diary, History, the weekly check-in, exports and the saver's reports (months read later, a
//! restored backup) each describe what they want as a [`Change`], and [`Journal::apply`]
//! checks it, applies it and answers with [`Applied`]: the month files it touched, worked out
//! from the records themselves (each files under its stored local date, see
//! [`crate::store::Dated`], or stays in the month file it was found in, see
//! [`crate::store::Homes`]), and the new revision. The app hands those months to the saver and
//! keys its caches on the revision; nothing else picks months by hand. The journal also keeps
//! the undo of History's delete.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::clock::Moment;
use crate::export::{ExportFormat, Period};
use crate::log::{MergeReport, Prefer, SessionLog};
use crate::measures::{Activity, MeasureResponse};
use crate::pain_entry::PainEntry;
use crate::progression::ProgressionOffer;
use crate::prompt_record::PromptRecord;
use crate::prompts::Prompt;
use crate::questions::Question;
use crate::session::{ExportRecord, RedFlag, Session, SessionId, SignAnswer};
use crate::store::{Dated, Month};
use crate::versions::VersionChoice;

mod records;
mod room;
mod signs;

/// One change to the log, as the part of Limber that wants it describes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Adds a session or rest day, or replaces the one with its id: the practice (a new
    /// session, a tick, pain before, the finish form), a rest day, and History's edit (which
    /// may move a session to another day: both months are touched).
    PutSession(Session),
    /// Only the notes of a session changed, a keystroke at a time: saved, but no figure, prompt
    /// or chart depends on them ([`Applied::notes_only`]).
    SetNotes {
        /// The session.
        id: SessionId,
        /// Its notes now.
        notes: String,
    },
    /// History's delete; the session is kept for [`Change::UndoDelete`].
    DeleteSession(SessionId),
    /// Brings back the last deleted session, into the month of its own date.
    UndoDelete,
    /// A session takes the place of another ("Rest today" after a high pain score turns the
    /// session just opened into a rest day).
    ReplaceSession {
        /// The session that leaves the log.
        old: SessionId,
        /// The one that takes its place.
        new: Session,
    },
    /// Closes routine sessions left open (see [`SessionLog::settle_open`]): each ends at its
    /// start.
    CloseSessions(Vec<SessionId>),
    /// The weekly red-flag check-in was answered now.
    CheckIn(Vec<RedFlag>),
    /// Warning signs ticked now from "Something new or worrying?", on any day (see
    /// [`crate::sign_history`]). Refused when empty.
    ReportSigns(Vec<RedFlag>),
    /// The person answered a ticked sign now ("I have seen a doctor about this", or "My doctor
    /// knows about this" for a history item).
    AnswerSign(RedFlag, SignAnswer),
    /// "How is your back now?" (see [`crate::diary`]).
    AddPainEntry(PainEntry),
    /// A question for the therapist, new or marked as asked.
    PutQuestion(Question),
    /// A PSFS activity, new or retired.
    PutActivity(Activity),
    /// An outcome-measure check-in.
    AddMeasure(MeasureResponse),
    /// An export of `period` in `format` was written now ("since the last export" starts
    /// after it).
    Export {
        /// What was written.
        format: ExportFormat,
        /// The dates it covers.
        period: Period,
    },
    /// An export the export worker wrote, with the record it made when the file was written
    /// (`export::run` makes it, so the GUI and the command line make the same record).
    Exported(ExportRecord),
    /// Merges another log by id (a backup), as [`SessionLog::merge_report`] does.
    Import {
        /// The log to merge.
        incoming: SessionLog,
        /// Which copy wins when both hold a session with other content.
        prefer: Prefer,
    },
    /// An exercise's easier, harder or standard version was chosen: a dated record, in force
    /// from its local date on (see [`crate::versions`]).
    ChooseVersion(VersionChoice),
    /// Today showed a progression offer: recorded the first time it is shown (showing it again
    /// writes nothing, see [`crate::progression::is_shown`]).
    ProgressionShown(ProgressionOffer),
    /// A progression offer was taken (`accept`) or declined: a dated record; taking it also
    /// records the choice of the version offered, in force from today.
    AnswerProgression {
        /// The offer answered.
        offer: ProgressionOffer,
        /// Whether it was taken.
        accept: bool,
    },
    /// Older months arrived from the store: their records join the log. Nothing to save.
    Absorb(Vec<SessionLog>),
    /// A backup was restored: it replaces the whole log (the store has written it already).
    Restore(SessionLog),
    /// Today showed these prompts: those not yet on the record are recorded as first shown now
    /// (a prompt already recorded writes nothing, so showing it on every frame costs nothing).
    PromptsShown(Vec<Prompt>),
    /// "Hide this message": the prompt's record notes today as the day it was hidden.
    HidePrompt(Prompt),
    /// "I have seen my doctor" on a doctor prompt: the answer is dated today, and the doctor
    /// prompts rest (see [`crate::prompts::DOCTOR_REST_DAYS`]).
    SeenMyDoctor(Prompt),
    /// Prompt records made elsewhere (moved from an older Limber's closed-prompts file): added
    /// by key, or filling in what the log's copy lacks.
    PutPrompts(Vec<PromptRecord>),
}

/// What an applied change did: for the saver and for the caches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[must_use = "the touched months must go to the saver"]
pub struct Applied {
    /// The month files to write, from the records the change touched.
    pub months: BTreeSet<Month>,
    /// The local dates of those records (what the practice and the diary report back; the
    /// saver takes `months`).
    pub dates: Vec<NaiveDate>,
    /// The journal's revision after the change.
    pub revision: u64,
    /// Only a session's notes changed: what is derived from the log stays as it is.
    pub notes_only: bool,
    /// What an import merged, for [`Change::Import`].
    pub merged: Option<MergeReport>,
}

/// Why a change was refused. The log is as it was; the messages are for the person.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JournalError {
    /// The session is not in the log (deleted meanwhile).
    #[error("That session is no longer in your log.")]
    NoSuchSession,
    /// Undo with nothing deleted.
    #[error("There is nothing to bring back.")]
    NothingToUndo,
    /// "Something new or worrying?" saved with no sign ticked.
    #[error("Please tick at least one sign before saving.")]
    NoSignTicked,
    /// A day or a month would hold more than the store reads back (see
    /// [`crate::store::limits`]).
    #[error(
        "Limber keeps at most {limit} {what}; this one was not added. Please report this to the \
         Limber developers if it happened by itself."
    )]
    TooMany {
        /// The limit reached.
        limit: usize,
        /// What is counted, in words ("sessions on 2026-03-02").
        what: String,
    },
}

/// The log and the one way to change it (see the module documentation).
#[derive(Debug, Default)]
pub struct Journal {
    log: SessionLog,
    /// Increases on every applied change.
    revision: u64,
    /// Increases on every applied change but a notes-only one.
    content_revision: u64,
    /// The last deleted session, for undo.
    deleted: Option<Session>,
}

impl Journal {
    /// A journal of the log the store opened.
    pub fn new(log: SessionLog) -> Journal {
        Journal {
            log,
            ..Journal::default()
        }
    }

    /// The log, to read.
    pub fn log(&self) -> &SessionLog {
        &self.log
    }

    /// Increases on every applied change (never on a refused one).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Increases on every applied change that can change a figure, a prompt or a chart: all
    /// but a notes-only edit. What screens derive from the log is cached on it.
    pub fn content_revision(&self) -> u64 {
        self.content_revision
    }

    /// The session History's undo would bring back.
    pub fn deleted(&self) -> Option<&Session> {
        self.deleted.as_ref()
    }

    /// Applies `change` at `now` and says which month files it touched. A refused change
    /// leaves the log, the revision and the undo as they were.
    pub fn apply(&mut self, change: Change, now: Moment) -> Result<Applied, JournalError> {
        let mut touched = Touched::default();
        let mut applied = Applied::default();
        match change {
            Change::PutSession(_)
            | Change::SetNotes { .. }
            | Change::DeleteSession(_)
            | Change::UndoDelete
            | Change::ReplaceSession { .. }
            | Change::CloseSessions(_) => {
                self.change_sessions(change, &mut touched, &mut applied)?;
            }
            Change::ProgressionShown(_) | Change::AnswerProgression { .. } => {
                self.change_progressions(change, now, &mut touched)?;
            }
            Change::ReportSigns(_) | Change::AnswerSign(..) => {
                self.change_signs(change, now, &mut touched)?;
            }
            _ => self.change_records(change, now, &mut touched, &mut applied)?,
        }
        self.revision += 1;
        if !applied.notes_only {
            self.content_revision += 1;
        }
        touched.dates.sort_unstable();
        touched.dates.dedup();
        applied.months = self.log.file_months(&touched.dates);
        applied.months.extend(touched.months);
        applied.dates = touched.dates;
        applied.revision = self.revision;
        Ok(applied)
    }

    /// The changes of sessions: [`Journal::apply`] for them.
    fn change_sessions(
        &mut self,
        change: Change,
        touched: &mut Touched,
        applied: &mut Applied,
    ) -> Result<(), JournalError> {
        match change {
            Change::PutSession(session) => {
                let old = self.log.session(&session.id).cloned();
                if old.is_none() {
                    self.check_room_for_session(session.local_date)?;
                }
                touched.session(&self.log, old.as_ref());
                touched.add(&self.log, &session);
                self.log.upsert(session);
            }
            Change::SetNotes { id, notes } => {
                let session = self.log.session(&id).ok_or(JournalError::NoSuchSession)?;
                touched.add(&self.log, session);
                let mut session = session.clone();
                session.notes = notes;
                self.log.upsert(session);
                applied.notes_only = true;
            }
            Change::DeleteSession(id) => {
                let session = self.log.session(&id).ok_or(JournalError::NoSuchSession)?;
                touched.add(&self.log, session);
                self.deleted = self.log.remove(&id);
            }
            Change::UndoDelete => {
                let session = self.deleted.take().ok_or(JournalError::NothingToUndo)?;
                if let Err(err) = self.check_room_for_session(session.local_date) {
                    self.deleted = Some(session);
                    return Err(err);
                }
                touched.add(&self.log, &session);
                self.log.upsert(session);
            }
            Change::ReplaceSession { old, new } => {
                let gone = self.log.session(&old).ok_or(JournalError::NoSuchSession)?;
                touched.add(&self.log, gone);
                touched.add(&self.log, &new);
                self.log.remove(&old);
                self.log.upsert(new);
            }
            Change::CloseSessions(ids) => {
                for id in &ids {
                    touched.session(&self.log, self.log.session(id));
                }
                self.log.close_sessions(&ids);
            }
            _ => {}
        }
        Ok(())
    }

    /// Lends the log to the app's end of the saver, whose reports (older months read, a
    /// backup restored) change it in place; the app then calls [`Journal::saver_changed`].
    /// Only for that client, until it hands its reports over as [`Change::Absorb`] and
    /// [`Change::Restore`].
    pub fn lend_to_saver<R>(&mut self, poll: impl FnOnce(&mut SessionLog) -> R) -> R {
        poll(&mut self.log)
    }

    /// The saver's client changed the log (see [`Journal::lend_to_saver`]): the revision moves
    /// on, and after a restore (`replaced`) there is nothing left to undo.
    pub fn saver_changed(&mut self, replaced: bool) {
        self.revision += 1;
        self.content_revision += 1;
        if replaced {
            self.deleted = None;
        }
    }
}

/// The records a change touched: their dates, and the month files of copies that leave.
#[derive(Default)]
struct Touched {
    dates: Vec<NaiveDate>,
    months: BTreeSet<Month>,
}

impl Touched {
    /// A record, by its own date and the month file it is kept in.
    fn add<T: Dated>(&mut self, log: &SessionLog, record: &T) {
        self.dates.push(record.filing_date());
        self.months.insert(log.homes().file_month(record));
    }

    /// A session, if there is one.
    fn session(&mut self, log: &SessionLog, session: Option<&Session>) {
        if let Some(session) = session {
            self.add(log, session);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone as _, Utc};

    use super::*;
    use crate::export::{ExportFormat, Period};
    use crate::session::{PainScore, RestReason};
    use crate::store::MAX_SESSIONS_ON_A_DAY;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn month(y: i32, m: u32) -> Month {
        Month::of(date(y, m, 1))
    }

    /// The moment at local time `y-m-d h:min` in a zone `hours` east of UTC.
    fn local(y: i32, m: u32, d: u32, h: u32, min: u32, hours: i32) -> Moment {
        let offset = FixedOffset::east_opt(hours * 3600).unwrap();
        let utc = offset
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc);
        Moment::new(Instant::now(), utc, offset)
    }

    fn session_at(now: Moment) -> Session {
        Session::start(now.utc, now.offset, 1)
    }

    fn months(list: &[Month]) -> BTreeSet<Month> {
        list.iter().copied().collect()
    }

    /// Applies a change that must be taken; the months it touched.
    fn ok(journal: &mut Journal, change: Change, now: Moment) -> BTreeSet<Month> {
        journal.apply(change, now).unwrap().months
    }

    fn june() -> Period {
        Period::new(date(2026, 6, 1), date(2026, 6, 30)).unwrap()
    }

    #[test]
    fn each_change_touches_the_month_its_records_live_in() {
        let mut journal = Journal::default();
        // 23:50 on 31 January in New York is 04:50 UTC on 1 February: January's file.
        let late = local(2026, 1, 31, 23, 50, -5);
        let session = session_at(late);
        let applied = journal
            .apply(Change::PutSession(session.clone()), late)
            .unwrap();
        assert_eq!(applied.months, months(&[month(2026, 1)]));
        assert_eq!(applied.dates, [date(2026, 1, 31)]);
        // A check-in at 00:10 on 1 February in Athens is 22:10 UTC on 31 January: February.
        let early = local(2026, 2, 1, 0, 10, 2);
        let applied = journal.apply(Change::CheckIn(Vec::new()), early).unwrap();
        assert_eq!(applied.months, months(&[month(2026, 2)]));
        assert_eq!(journal.log().check_ins()[0].local_date, date(2026, 2, 1));
        // An export at 00:30 on 1 July in UTC+2 (22:30 UTC on 30 June) is dated 1 July, and
        // its month is July's, the month of its own local date; one at 23:30 on 30 June in
        // UTC-10 (09:30 UTC on 1 July) is June's.
        let east = local(2026, 7, 1, 0, 30, 2);
        let applied = journal
            .apply(
                Change::Export {
                    format: ExportFormat::Pdf,
                    period: june(),
                },
                east,
            )
            .unwrap();
        assert_eq!(applied.months, months(&[month(2026, 7)]));
        let west = local(2026, 6, 30, 23, 30, -10);
        let applied = journal
            .apply(
                Change::Export {
                    format: ExportFormat::Csv,
                    period: june(),
                },
                west,
            )
            .unwrap();
        assert_eq!(applied.months, months(&[month(2026, 6)]));
        let exports = journal.log().exports();
        // In time order: 22:30 UTC on 30 June comes before 09:30 UTC on 1 July.
        assert_eq!(exports[0].local_date, Some(date(2026, 7, 1)));
        assert_eq!(exports[1].local_date, Some(date(2026, 6, 30)));
        // What the store writes for those months holds the records.
        assert_eq!(journal.log().month(month(2026, 7)).exports().len(), 1);
        assert_eq!(journal.log().month(month(2026, 6)).exports().len(), 1);
        // An edit that moves the session to another day touches both months.
        let mut moved = session.clone();
        moved.local_date = date(2026, 2, 2);
        let applied = journal.apply(Change::PutSession(moved), late).unwrap();
        assert_eq!(applied.months, months(&[month(2026, 1), month(2026, 2)]));
        // Notes only: saved in the session's month, flagged as changing nothing derived.
        let applied = journal
            .apply(
                Change::SetNotes {
                    id: session.id.clone(),
                    notes: "Stiff".into(),
                },
                late,
            )
            .unwrap();
        assert!(applied.notes_only);
        assert_eq!(applied.months, months(&[month(2026, 2)]));
    }

    #[test]
    fn the_diary_records_file_under_their_own_local_dates() {
        let mut journal = Journal::default();
        let now = local(2026, 3, 1, 0, 20, 9);
        let entry = PainEntry::new(now.utc, now.offset, PainScore::new(3).unwrap(), vec![], "");
        let applied = journal.apply(Change::AddPainEntry(entry), now).unwrap();
        assert_eq!(
            applied.months,
            months(&[month(2026, 3)]),
            "UTC is still February"
        );
        let question = Question::new("Can I swim?", now.utc, now.offset).unwrap();
        ok(&mut journal, Change::PutQuestion(question.clone()), now);
        // Asked weeks later, the question stays in the month it was written in.
        let later = local(2026, 4, 20, 9, 0, 9);
        let mut asked = question;
        asked.asked_on = Some(later.local_date());
        let applied = journal.apply(Change::PutQuestion(asked), later).unwrap();
        assert_eq!(applied.months, months(&[month(2026, 3)]));
        assert_eq!(journal.log().questions().len(), 1, "replaced, not added");
    }

    #[test]
    fn undo_brings_the_deleted_session_back_into_its_own_month() {
        let mut journal = Journal::default();
        let march = local(2026, 3, 31, 23, 30, 1);
        let session = session_at(march);
        let id = session.id.clone();
        ok(&mut journal, Change::PutSession(session.clone()), march);
        let april = local(2026, 4, 2, 9, 0, 1);
        let applied = journal
            .apply(Change::DeleteSession(id.clone()), april)
            .unwrap();
        assert_eq!(applied.months, months(&[month(2026, 3)]));
        assert!(journal.log().sessions().is_empty());
        assert_eq!(journal.deleted(), Some(&session));
        let applied = journal.apply(Change::UndoDelete, april).unwrap();
        assert_eq!(
            applied.months,
            months(&[month(2026, 3)]),
            "its month, not today's"
        );
        assert_eq!(journal.log().sessions(), [session]);
        assert_eq!(journal.deleted(), None);
        assert_eq!(
            journal.apply(Change::UndoDelete, april),
            Err(JournalError::NothingToUndo)
        );
    }

    #[test]
    fn the_revision_moves_on_every_applied_change_and_never_on_a_refused_one() {
        let mut journal = Journal::default();
        let now = local(2026, 5, 4, 8, 0, 0);
        let mut last = journal.revision();
        let changes = [
            Change::PutSession(session_at(now)),
            Change::CheckIn(Vec::new()),
            Change::Export {
                format: ExportFormat::Ron,
                period: june(),
            },
            Change::PutSession(Session::rest_day(now.utc, now.offset, RestReason::Ill)),
        ];
        for change in changes {
            let applied = journal.apply(change, now).unwrap();
            assert!(applied.revision > last);
            assert_eq!(journal.revision(), applied.revision);
            last = applied.revision;
        }
        let content = journal.content_revision();
        let refused = journal.apply(Change::DeleteSession(SessionId("gone".into())), now);
        assert_eq!(refused, Err(JournalError::NoSuchSession));
        assert_eq!(
            (journal.revision(), journal.content_revision()),
            (last, content)
        );
    }

    #[test]
    fn a_change_over_a_limit_is_refused_and_leaves_the_log_as_it_was() {
        let mut journal = Journal::default();
        let start: DateTime<Utc> = Utc.with_ymd_and_hms(2026, 5, 4, 6, 0, 0).unwrap();
        for minute in 0..MAX_SESSIONS_ON_A_DAY {
            let at = start + chrono::TimeDelta::minutes(i64::try_from(minute).unwrap());
            let now = Moment::new(Instant::now(), at, FixedOffset::east_opt(0).unwrap());
            ok(&mut journal, Change::PutSession(session_at(now)), now);
        }
        let before = journal.log().clone();
        let revision = journal.revision();
        let now = local(2026, 5, 4, 20, 0, 0);
        let refused = journal.apply(Change::PutSession(session_at(now)), now);
        assert!(
            matches!(refused, Err(JournalError::TooMany { limit, .. }) if limit == MAX_SESSIONS_ON_A_DAY),
            "{refused:?}"
        );
        assert_eq!(journal.log(), &before);
        assert_eq!(journal.revision(), revision);
        // A change to a session already there is still taken.
        let mut first = before.sessions()[0].clone();
        first.notes = "Fine".into();
        ok(&mut journal, Change::PutSession(first), now);
        // An undo that would go over the limit keeps the session to bring back.
        let id = before.sessions()[1].id.clone();
        ok(&mut journal, Change::DeleteSession(id), now);
        ok(&mut journal, Change::PutSession(session_at(now)), now);
        assert!(journal.apply(Change::UndoDelete, now).is_err());
        assert!(journal.deleted().is_some());
    }

    #[test]
    fn closing_left_open_sessions_ends_each_at_its_start() {
        let mut journal = Journal::default();
        let morning = local(2026, 5, 4, 7, 0, 0);
        let open = session_at(morning);
        ok(&mut journal, Change::PutSession(open.clone()), morning);
        let evening = local(2026, 5, 4, 19, 0, 0);
        let settled = journal.log().settle_open(evening.utc, None);
        assert_eq!(settled.close, std::slice::from_ref(&open.id));
        let applied = journal
            .apply(Change::CloseSessions(settled.close), evening)
            .unwrap();
        assert_eq!(applied.months, months(&[month(2026, 5)]));
        assert_eq!(journal.log().sessions()[0].ended_at, Some(open.started_at));
    }

    #[test]
    fn a_restore_replaces_the_log_and_forgets_the_undo() {
        let mut journal = Journal::default();
        let now = local(2026, 5, 4, 7, 0, 0);
        let session = session_at(now);
        let id = session.id.clone();
        ok(&mut journal, Change::PutSession(session), now);
        ok(&mut journal, Change::DeleteSession(id), now);
        let applied = journal
            .apply(Change::Restore(SessionLog::default()), now)
            .unwrap();
        assert!(
            applied.months.is_empty(),
            "the store wrote the backup already"
        );
        assert_eq!(journal.deleted(), None);
        assert!(journal.log().is_empty());
    }
}
