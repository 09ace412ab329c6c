//! The log: every record Limber keeps, in memory, as one value.
//!
//! [`SessionLog`] holds the sessions and the records kept between them, each list in time
//! order. Its lists are private: screens, exports and figures read them through the accessors
//! (slices), and only [`crate::journal::Journal`] changes them (through the `pub(crate)`
//! primitives here), so that each change knows which month files it touched. The store reads
//! and writes month files of it, and merges backups into it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::measures::{Activity, MeasureResponse};
use crate::pain_entry::{PainEntry, RecordId};
use crate::progression::ProgressionRecord;
use crate::prompt_record::PromptRecord;
use crate::questions::Question;
use crate::session::{
    CheckIn, ExportRecord, SCHEMA_VERSION, Session, SessionId, SessionKind, SignRecord,
};
use crate::versions::VersionChoice;

mod merge;
pub use merge::{MergeReport, Prefer};

/// The log: in memory the whole of it; on disk each month file and each complete backup is
/// one of these, holding the records of its months. Its lists are read through the accessors
/// below and changed only by [`crate::journal::Journal`] (and the store, which reads and
/// writes them), so every change has one owner that knows which months it touched.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionLog {
    /// The schema version of the file.
    pub(crate) schema_version: u32,
    /// Every session and rest day, oldest first.
    pub(crate) sessions: Vec<Session>,
    /// Red-flag check-ins, oldest first.
    pub(crate) check_ins: Vec<CheckIn>,
    /// Exports made from the app, oldest first ("since the last export" starts after the last).
    pub(crate) exports: Vec<ExportRecord>,
    /// "How is your back now?" entries outside sessions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) pain_entries: Vec<PainEntry>,
    /// Outcome-measure check-ins (PSFS, PEG, PGIC), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) measures: Vec<MeasureResponse>,
    /// The activities named for the PSFS, retired ones included, in the order added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) activities: Vec<Activity>,
    /// Questions for the therapist, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) questions: Vec<Question>,
    /// Warning signs ticked on any day, and the answers to ticked signs, oldest first (from
    /// schema 6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) sign_records: Vec<SignRecord>,
    /// Choices of an exercise's easier or harder version, oldest first (schema 9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) version_choices: Vec<VersionChoice>,
    /// Progression offers shown, accepted or declined, oldest first (schema 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) progressions: Vec<ProgressionRecord>,
    /// The safety prompts Limber showed, in the order first shown (schema 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) prompts: Vec<PromptRecord>,
    /// The records kept in another month file than their date's, as found there (in memory
    /// only: a file says where its records live by holding them; see [`crate::store::Homes`]).
    #[serde(skip)]
    pub(crate) homes: crate::store::Homes,
}

impl Default for SessionLog {
    fn default() -> Self {
        SessionLog {
            schema_version: SCHEMA_VERSION,
            sessions: Vec::new(),
            check_ins: Vec::new(),
            exports: Vec::new(),
            pain_entries: Vec::new(),
            measures: Vec::new(),
            activities: Vec::new(),
            questions: Vec::new(),
            sign_records: Vec::new(),
            version_choices: Vec::new(),
            progressions: Vec::new(),
            prompts: Vec::new(),
            homes: crate::store::Homes::default(),
        }
    }
}

/// How long after it started a session left open (the window closed before "Finish session",
/// a crash, a restart) can still be continued: a whole routine with its pauses fits in it.
pub const CONTINUE_WITHIN: chrono::TimeDelta = chrono::TimeDelta::hours(2);

/// What [`SessionLog::settle_open`] decided.
#[derive(Debug, Default, PartialEq)]
pub struct Settled {
    /// The open session to continue, if one started within [`CONTINUE_WITHIN`].
    pub resume: Option<SessionId>,
    /// The other open sessions, to be closed.
    pub close: Vec<SessionId>,
}

impl SessionLog {
    /// Which routine sessions left open at `now` to settle: the newest one that started within
    /// [`CONTINUE_WITHIN`] is the one to continue, and every other is to be closed (see
    /// [`crate::journal::Change::CloseSessions`]). `current`, the session open in the window,
    /// if any, is always the one continued.
    pub fn settle_open(&self, now: DateTime<Utc>, current: Option<&SessionId>) -> Settled {
        let open = |s: &Session| s.kind == SessionKind::Routine && s.ended_at.is_none();
        let resume = current.cloned().or_else(|| {
            self.sessions
                .iter()
                .rev()
                .find(|s| open(s) && s.started_at <= now && now - s.started_at <= CONTINUE_WITHIN)
                .map(|s| s.id.clone())
        });
        let close = self
            .sessions
            .iter()
            .filter(|s| open(s) && resume.as_ref() != Some(&s.id))
            .map(|s| s.id.clone())
            .collect();
        Settled { resume, close }
    }

    /// Closes the sessions `ids` that are still open: Limber keeps no time for each exercise,
    /// so a closed session ends at its start (its exercises and pain before are kept as they
    /// were); it no longer shows as "in progress". Returns the days of those it closed.
    pub(crate) fn close_sessions(&mut self, ids: &[SessionId]) -> Vec<NaiveDate> {
        let mut closed = Vec::new();
        for session in &mut self.sessions {
            if session.ended_at.is_none() && ids.contains(&session.id) {
                session.ended_at = Some(session.started_at);
                closed.push(session.local_date);
            }
        }
        closed
    }

    /// Adds or replaces a session (matched by id), keeping the list sorted by start time.
    pub(crate) fn upsert(&mut self, session: Session) {
        if let Some(existing) = self.sessions.iter_mut().find(|s| s.id == session.id) {
            *existing = session;
        } else {
            let at = self
                .sessions
                .partition_point(|s| (s.started_at, &s.id) <= (session.started_at, &session.id));
            self.sessions.insert(at, session);
        }
        self.sessions
            .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    }

    /// Removes a session by id and returns it (for undo).
    pub(crate) fn remove(&mut self, id: &SessionId) -> Option<Session> {
        let index = self.sessions.iter().position(|s| &s.id == id)?;
        Some(self.sessions.remove(index))
    }

    /// Sessions on a local date, oldest first.
    pub fn on_date(&self, date: NaiveDate) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(move |s| s.local_date == date)
    }

    /// A copy of the part of the log whose records' local dates `keep` accepts (for an export
    /// or a backup of a period). Activities are all kept: check-ins of the period refer to them
    /// whenever they were added, and so are the export records.
    #[must_use]
    pub fn part(&self, keep: impl Fn(NaiveDate) -> bool) -> SessionLog {
        fn within<T: Clone>(records: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
            records.iter().filter(|r| keep(r)).cloned().collect()
        }
        SessionLog {
            schema_version: self.schema_version,
            sessions: within(&self.sessions, |s| keep(s.local_date)),
            check_ins: within(&self.check_ins, |c| keep(c.local_date)),
            exports: self.exports.clone(),
            pain_entries: within(&self.pain_entries, |e| keep(e.local_date)),
            measures: within(&self.measures, |m| keep(m.local_date)),
            activities: self.activities.clone(),
            questions: within(&self.questions, |q| keep(q.local_date)),
            sign_records: within(&self.sign_records, |r| keep(r.local_date)),
            version_choices: within(&self.version_choices, |c| keep(c.local_date)),
            progressions: within(&self.progressions, |r| keep(r.local_date)),
            prompts: within(&self.prompts, |p| keep(p.local_date)),
            homes: crate::store::Homes::default(),
        }
    }

    /// Adds a pain entry, keeping the list in time order.
    pub(crate) fn add_pain_entry(&mut self, entry: PainEntry) {
        let at = self.pain_entries.partition_point(|e| e.at <= entry.at);
        self.pain_entries.insert(at, entry);
    }

    /// Adds a check-in, keeping the list in time order.
    pub(crate) fn add_check_in(&mut self, check_in: CheckIn) {
        let at = self.check_ins.partition_point(|c| c.at <= check_in.at);
        self.check_ins.insert(at, check_in);
    }

    /// Adds a sign record, keeping the list in time order.
    pub(crate) fn add_sign_record(&mut self, record: SignRecord) {
        let at = self.sign_records.partition_point(|r| r.at <= record.at);
        self.sign_records.insert(at, record);
    }

    /// Adds an export record, keeping the list in time order.
    pub(crate) fn add_export(&mut self, export: ExportRecord) {
        let at = self.exports.partition_point(|e| e.at <= export.at);
        self.exports.insert(at, export);
    }

    /// Adds an outcome-measure check-in, keeping the list in time order.
    pub(crate) fn add_measure(&mut self, response: MeasureResponse) {
        let at = self.measures.partition_point(|m| m.at <= response.at);
        self.measures.insert(at, response);
    }

    /// Adds a choice of version, keeping the list in time order.
    pub(crate) fn add_version_choice(&mut self, choice: VersionChoice) {
        let at = self.version_choices.partition_point(|c| c.at <= choice.at);
        self.version_choices.insert(at, choice);
    }

    /// Adds a progression record, keeping the list in time order.
    pub(crate) fn add_progression(&mut self, record: ProgressionRecord) {
        let at = self.progressions.partition_point(|r| r.at <= record.at);
        self.progressions.insert(at, record);
    }

    /// Adds a question, or replaces the one with its id (marked as asked). Returns the copy it
    /// replaced.
    pub(crate) fn put_question(&mut self, question: Question) -> Option<Question> {
        if let Some(old) = self.questions.iter_mut().find(|q| q.id == question.id) {
            return Some(std::mem::replace(old, question));
        }
        let at = self.questions.partition_point(|q| q.at <= question.at);
        self.questions.insert(at, question);
        None
    }

    /// Adds an activity at the end, or replaces the one with its id (retired). Returns the copy
    /// it replaced.
    pub(crate) fn put_activity(&mut self, activity: Activity) -> Option<Activity> {
        if let Some(old) = self.activities.iter_mut().find(|a| a.id == activity.id) {
            return Some(std::mem::replace(old, activity));
        }
        self.activities.push(activity);
        None
    }

    /// The session with `id`, if the log holds it.
    pub fn session(&self, id: &SessionId) -> Option<&Session> {
        self.sessions.iter().find(|s| &s.id == id)
    }

    /// The question with `id`, if the log holds it.
    pub fn question(&self, id: &RecordId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }

    /// Adds prompt records in the order first shown; one whose key the log holds already only
    /// fills in what that one lacks (see [`PromptRecord::fill_in`]). Returns the local dates of
    /// the records added or changed.
    pub(crate) fn put_prompts(&mut self, records: Vec<PromptRecord>) -> Vec<NaiveDate> {
        let mut touched = Vec::new();
        for record in records {
            if let Some(known) = self.prompts.iter_mut().find(|r| r.key == record.key) {
                if known.fill_in(&record) {
                    touched.push(known.local_date);
                }
                continue;
            }
            touched.push(record.local_date);
            let at = self
                .prompts
                .partition_point(|r| r.shown_at <= record.shown_at);
            self.prompts.insert(at, record);
        }
        touched
    }

    /// The activity with `id`, if the log holds it.
    pub fn activity(&self, id: &RecordId) -> Option<&Activity> {
        self.activities.iter().find(|a| &a.id == id)
    }
}

/// The lists of a log, as plain values: what a test, a benchmark or the sample data builds a
/// log from ([`SessionLog::from_records`]) and takes one apart into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    /// Every session and rest day.
    pub sessions: Vec<Session>,
    /// Red-flag check-ins.
    pub check_ins: Vec<CheckIn>,
    /// Exports made from the app.
    pub exports: Vec<ExportRecord>,
    /// "How is your back now?" entries outside sessions.
    pub pain_entries: Vec<PainEntry>,
    /// Outcome-measure check-ins.
    pub measures: Vec<MeasureResponse>,
    /// The activities named for the PSFS.
    pub activities: Vec<Activity>,
    /// Questions for the therapist.
    pub questions: Vec<Question>,
    /// Signs ticked on any day, and the answers to ticked signs.
    pub sign_records: Vec<SignRecord>,
    /// Choices of an exercise's version.
    pub version_choices: Vec<VersionChoice>,
    /// Progression offers shown, accepted or declined.
    pub progressions: Vec<ProgressionRecord>,
    /// The safety prompts Limber showed.
    pub prompts: Vec<PromptRecord>,
}

impl SessionLog {
    /// The schema version of the file it was read from (this build's for a new log).
    pub fn schema_version(&self) -> u32 {
        self.schema_version
    }

    /// Every session and rest day, oldest first.
    pub fn sessions(&self) -> &[Session] {
        &self.sessions
    }

    /// Red-flag check-ins, oldest first.
    pub fn check_ins(&self) -> &[CheckIn] {
        &self.check_ins
    }

    /// Exports made from the app, oldest first ("since the last export" starts after the last).
    pub fn exports(&self) -> &[ExportRecord] {
        &self.exports
    }

    /// "How is your back now?" entries outside sessions, oldest first.
    pub fn pain_entries(&self) -> &[PainEntry] {
        &self.pain_entries
    }

    /// Outcome-measure check-ins (PSFS, PEG, PGIC), oldest first.
    pub fn measures(&self) -> &[MeasureResponse] {
        &self.measures
    }

    /// The activities named for the PSFS, retired ones included, in the order added.
    pub fn activities(&self) -> &[Activity] {
        &self.activities
    }

    /// Questions for the therapist, oldest first.
    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    /// Signs ticked on any day and the answers to ticked signs, oldest first (see
    /// [`crate::sign_history`] for what they add up to).
    pub fn sign_records(&self) -> &[SignRecord] {
        &self.sign_records
    }

    /// Choices of an exercise's easier or harder version, oldest first (see
    /// [`crate::versions`]).
    pub fn version_choices(&self) -> &[VersionChoice] {
        &self.version_choices
    }

    /// Progression offers shown, accepted or declined, oldest first (see
    /// [`crate::progression`]).
    pub fn progressions(&self) -> &[ProgressionRecord] {
        &self.progressions
    }

    /// The safety prompts Limber showed, in the order first shown.
    pub fn prompts(&self) -> &[PromptRecord] {
        &self.prompts
    }

    /// The records kept in another month file than their date's (see [`crate::store::Homes`]).
    pub fn homes(&self) -> &crate::store::Homes {
        &self.homes
    }

    /// A log of `records`, taken as they are (no sorting, duplicates kept): for tests and
    /// benchmarks, behind the `test-support` feature.
    #[cfg(any(test, feature = "test-support"))]
    pub fn from_records(records: Records) -> SessionLog {
        SessionLog {
            sessions: records.sessions,
            check_ins: records.check_ins,
            exports: records.exports,
            pain_entries: records.pain_entries,
            measures: records.measures,
            activities: records.activities,
            questions: records.questions,
            sign_records: records.sign_records,
            version_choices: records.version_choices,
            progressions: records.progressions,
            prompts: records.prompts,
            ..SessionLog::default()
        }
    }

    /// The lists of this log, to change in a test and build a log again with
    /// [`SessionLog::from_records`] (behind the `test-support` feature).
    #[cfg(any(test, feature = "test-support"))]
    pub fn into_records(self) -> Records {
        Records {
            sessions: self.sessions,
            check_ins: self.check_ins,
            exports: self.exports,
            pain_entries: self.pain_entries,
            measures: self.measures,
            activities: self.activities,
            questions: self.questions,
            sign_records: self.sign_records,
            version_choices: self.version_choices,
            progressions: self.progressions,
            prompts: self.prompts,
        }
    }

    /// Adds or replaces a session, as the journal does, for a test that builds a log (behind
    /// the `test-support` feature).
    #[cfg(any(test, feature = "test-support"))]
    pub fn put_session(&mut self, session: Session) {
        self.upsert(session);
    }

    /// Adds a pain entry in time order, as the journal does, for a test that builds a log
    /// (behind the `test-support` feature).
    #[cfg(any(test, feature = "test-support"))]
    pub fn put_pain_entry(&mut self, entry: PainEntry) {
        self.add_pain_entry(entry);
    }

    /// Changes the lists of this log in place, for a test that builds or damages a log (behind
    /// the `test-support` feature; the app changes its log only through the journal).
    #[cfg(any(test, feature = "test-support"))]
    pub fn edit_records<R>(&mut self, edit: impl FnOnce(&mut Records) -> R) -> R {
        let homes = std::mem::take(&mut self.homes);
        let schema_version = self.schema_version;
        let mut records = std::mem::take(self).into_records();
        let result = edit(&mut records);
        *self = SessionLog {
            schema_version,
            homes,
            ..SessionLog::from_records(records)
        };
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeDelta, TimeZone};

    use crate::body_area::BodyArea;
    use crate::session::{PainScore, RestReason};

    #[test]
    fn an_open_session_is_continued_within_two_hours_and_older_ones_are_closed() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let at = |h: u32, m: u32| Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap();
        let mut log = SessionLog::default();
        let mut yesterday = Session::start(at(9, 0) - TimeDelta::days(1), utc, 1);
        yesterday.id = SessionId("yesterday".into());
        let mut morning = Session::start(at(7, 0), utc, 1);
        morning.id = SessionId("morning".into());
        let mut finished = Session::start(at(8, 0), utc, 1);
        finished.id = SessionId("finished".into());
        finished.ended_at = Some(at(8, 20));
        let mut recent = Session::start(at(8, 30), utc, 1);
        recent.id = SessionId("recent".into());
        let rest = Session::rest_day(at(8, 40), utc, RestReason::Ill);
        for s in [yesterday, morning, finished, recent, rest] {
            log.upsert(s);
        }
        // 10:29 is within two hours of 8:30, not of 7:00.
        let settled = log.settle_open(at(10, 29), None);
        assert_eq!(settled.resume, Some(SessionId("recent".into())));
        assert_eq!(settled.close.len(), 2, "yesterday's and the morning's");
        log.close_sessions(&settled.close);
        let ended = |id: &str| log.sessions.iter().find(|s| s.id.0 == id).unwrap().ended_at;
        assert_eq!(ended("morning"), Some(at(7, 0)));
        assert_eq!(
            ended("finished"),
            Some(at(8, 20)),
            "finished sessions are left alone"
        );
        assert_eq!(ended("recent"), None);
        // Two hours and a minute later, nothing is continued.
        let settled = log.settle_open(at(10, 31), None);
        assert_eq!(settled.resume, None);
        assert_eq!(settled.close, vec![SessionId("recent".into())]);
        log.close_sessions(&settled.close);
        assert_eq!(
            log.settle_open(at(10, 31), None),
            Settled::default(),
            "nothing left open"
        );
        // The session open in the window is never closed, however kept_open ago it started.
        let mut kept_open = Session::start(at(6, 0), utc, 1);
        kept_open.id = SessionId("kept_open".into());
        log.upsert(kept_open.clone());
        let settled = log.settle_open(at(12, 0), Some(&kept_open.id));
        assert_eq!(settled.resume, Some(kept_open.id));
        assert!(settled.close.is_empty());
    }

    #[test]
    fn merge_is_idempotent() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut a = SessionLog::default();
        a.upsert(Session::start(now, utc, 1));
        let b = a.clone();
        assert_eq!(a.merge(b.clone()), 0);
        let mut c = SessionLog::default();
        assert_eq!(c.merge(b.clone()), 1);
        assert_eq!(c.merge(b), 0);
        assert_eq!(c.sessions.len(), 1);
    }

    #[test]
    fn a_merge_reports_what_differs_and_keeps_the_side_asked_for() {
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut ours = SessionLog::default();
        for day in 1..=3 {
            let now = Utc.with_ymd_and_hms(2026, 3, day, 8, 0, 0).unwrap();
            let mut session = Session::start(now, utc, 1);
            session.id = SessionId(format!("s{day}"));
            ours.upsert(session);
        }
        let mut theirs = ours.clone();
        theirs.sessions[1].notes = "changed elsewhere".into();
        let mut extra = Session::start(Utc.with_ymd_and_hms(2026, 2, 1, 8, 0, 0).unwrap(), utc, 1);
        extra.id = SessionId("s0".into());
        theirs.sessions.push(extra);

        let mut kept = ours.clone();
        let report = kept.merge_report(theirs.clone(), Prefer::Ours);
        assert_eq!(report.added, 1);
        assert_eq!(report.same, 2);
        assert_eq!(
            report.differing,
            [NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()]
        );
        assert_eq!(kept.sessions[2].notes, "", "the log's version is kept");
        assert_eq!(kept.sessions[0].id.0, "s0", "sorted by start once");

        let mut taken = ours.clone();
        let report = taken.merge_report(theirs.clone(), Prefer::Incoming);
        assert_eq!(report.differing.len(), 1);
        assert_eq!(taken.sessions[2].notes, "changed elsewhere");
        // Merging again finds everything the same.
        let again = taken.merge_report(theirs, Prefer::Incoming);
        assert_eq!((again.added, again.same), (0, 4));
        assert!(again.differing.is_empty());
    }

    #[test]
    fn duplicate_ids_are_counted() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let mut log = SessionLog::default();
        let session = Session::start(now, FixedOffset::east_opt(0).unwrap(), 1);
        log.sessions.push(session.clone());
        log.sessions.push(session.clone());
        assert_eq!(log.duplicate_ids(), [(session.id, 2)]);
    }

    /// A log holding one record of every new type, all at `now`.
    fn with_visit_records(now: DateTime<Utc>) -> SessionLog {
        use crate::measures::{ActivityRating, Answers, Rating};
        let utc = FixedOffset::east_opt(0).unwrap();
        let mut log = SessionLog::default();
        let mut session = Session::start(now, utc, 1);
        session.pain_areas = vec![BodyArea::LeftShoulderBlade];
        log.upsert(session);
        log.add_pain_entry(PainEntry::new(
            now,
            utc,
            PainScore::new(3).unwrap(),
            vec![BodyArea::NeckBase],
            "=cmd|' /C calc'!A0",
        ));
        for name in ["Reach the top shelf", "Carry shopping", "Sleep on my side"] {
            log.activities.push(Activity::new(name, now, utc));
        }
        log.activities[1].id = SessionId("b".into());
        log.activities[2].id = SessionId("c".into());
        let ratings = log
            .activities
            .iter()
            .map(|a| ActivityRating {
                activity: a.id.clone(),
                rating: Rating::new(4).unwrap(),
            })
            .collect();
        let response = MeasureResponse::new(&log, Answers::Psfs(ratings), now, utc).unwrap();
        log.measures.push(response);
        log.questions
            .push(Question::new("Is it fine to swim?", now, utc).unwrap());
        log
    }

    #[test]
    fn new_records_round_trip_through_ron_and_old_files_still_read() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let log = with_visit_records(now);
        let text = ron::ser::to_string_pretty(&log, ron::ser::PrettyConfig::default()).unwrap();
        let back: SessionLog = ron::from_str(&text).unwrap();
        assert_eq!(back, log);
        // A log without them leaves them out of the file and reads back empty.
        let plain = SessionLog::default();
        let text = ron::to_string(&plain).unwrap();
        assert!(!text.contains("pain_entries") && !text.contains("questions"));
        assert_eq!(ron::from_str::<SessionLog>(&text).unwrap(), plain);
        // Out-of-range values are refused, as for sessions.
        let bad = ron::ser::to_string(&log)
            .unwrap()
            .replace("pain:3", "pain:11");
        assert!(ron::from_str::<SessionLog>(&bad).is_err());
    }

    #[test]
    fn merging_new_records_is_idempotent_by_id() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let imported = with_visit_records(now);
        let mut log = SessionLog::default();
        assert_eq!(log.merge(imported.clone()), 1);
        assert_eq!(log, imported);
        assert_eq!(log.merge(imported.clone()), 0);
        assert_eq!(log, imported);
        // A record already present is kept as it is, not replaced by the imported copy.
        let mut edited = imported.clone();
        edited.questions[0].asked_on = Some(now.date_naive());
        let mut ours = imported.clone();
        ours.merge(edited);
        assert!(ours.questions[0].is_open());
        // Every record knows the local date of its month file.
        let day = now.date_naive();
        assert_eq!(log.pain_entries[0].local_date(), day);
        assert_eq!(log.measures[0].local_date(), day);
        assert_eq!(log.activities[0].local_date(), day);
        assert_eq!(log.questions[0].local_date(), day);
    }
}
