//! The session log: what a person did, how it felt, and what they noted.
//!
//! This is the data model only; reading and writing files is `store`'s job. Times are stored as
//! UTC together with the local offset at the time, and each session keeps the local calendar
//! date it counts for, so that a time-zone change or a daylight-saving day never moves a session
//! to another day.

use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;

use arcstr::ArcStr;
use chrono::{DateTime, FixedOffset, NaiveDate, Offset as _, Utc};
use serde::{Deserialize, Serialize};

use crate::body_area::BodyArea;
use crate::measures::{Activity, MeasureResponse};
use crate::pain_entry::PainEntry;
use crate::questions::Question;

mod merge;
mod signs;
mod summary;
pub use merge::{MergeReport, Prefer};
pub use signs::{FlagSource, RedFlag, Urgency};
pub use summary::SessionSummary;

/// The schema version this build writes. Older versions are upgraded on load; a newer one is
/// opened read-only. Version 5 adds body areas (the front of the chest, around the ribs, each
/// arm), which an older Limber could not read: it sees version 5 and opens the file read-only
/// instead of calling it damaged. Version 4 gives each export record its local date and offset (a record
/// written before keeps the month file it is in); version 3 keeps the log in one file per
/// calendar month; versions 1 and 2 kept it in one `log.ron` (2 with each exercise's name once,
/// in a table at the top).
pub const SCHEMA_VERSION: u32 = 5;

thread_local! {
    /// The strings [`interned`] has handed out on this thread; emptied by [`forget_interned`].
    static INTERNED: RefCell<HashSet<ArcStr>> = RefCell::new(HashSet::new());
}

/// Reads a string and returns the shared copy of it. Ten years of history hold the same
/// eleven ids and names about 40,000 times each: one copy of each, behind a one-word pointer,
/// instead of one per record keeps the loaded log small.
fn interned<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<ArcStr, D::Error> {
    let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
    Ok(INTERNED.with(|set| {
        let mut set = set.borrow_mut();
        if let Some(shared) = set.get(text.as_ref()) {
            shared.clone()
        } else {
            let shared = ArcStr::from(text.as_ref());
            set.insert(shared.clone());
            shared
        }
    }))
}

/// Lets go of this thread's table of shared strings (the records keep their copies). Called
/// after each file is read, so the table never outlives a load.
pub fn forget_interned() {
    INTERNED.with(|set| set.borrow_mut().clear());
}

/// A pain rating on the 0–10 numeric rating scale (0 no pain, 10 worst imaginable).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct PainScore(u8);

impl PainScore {
    /// The highest score on the scale.
    pub const MAX: u8 = 10;

    /// A score, or `None` outside 0–10.
    pub fn new(value: u8) -> Option<PainScore> {
        (value <= Self::MAX).then_some(PainScore(value))
    }

    /// The score as a number.
    pub fn value(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for PainScore {
    type Error = String;

    fn try_from(value: u8) -> Result<Self, Self::Error> {
        PainScore::new(value).ok_or_else(|| format!("pain score {value} is outside the 0–10 scale"))
    }
}

impl From<PainScore> for u8 {
    fn from(score: PainScore) -> u8 {
        score.0
    }
}

impl fmt::Display for PainScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The four sensations the source article names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Symptom {
    /// Hard to move the way one wants.
    Stiffness,
    /// A pulling or stretched feeling in the muscles.
    Tension,
    /// Feeling restricted, unable to move much.
    Tightness,
    /// The three above together, plus pain (the article's meaning).
    Discomfort,
}

impl Symptom {
    /// All symptoms, in display order.
    pub const ALL: [Symptom; 4] = [
        Symptom::Stiffness,
        Symptom::Tension,
        Symptom::Tightness,
        Symptom::Discomfort,
    ];

    /// The word shown in the app and in exports.
    pub fn label(self) -> &'static str {
        match self {
            Symptom::Stiffness => "Stiffness",
            Symptom::Tension => "Tension",
            Symptom::Tightness => "Tightness",
            Symptom::Discomfort => "Discomfort",
        }
    }

    /// What the word means, in one short line shown beside its tick box (after the source
    /// article's descriptions, in our own words).
    pub fn meaning(self) -> &'static str {
        match self {
            Symptom::Stiffness => "Hard to move the way you want to",
            Symptom::Tension => "Muscles feel pulled or stretched",
            Symptom::Tightness => "Held in, able to move only a little or not at all",
            Symptom::Discomfort => "Stiffness, tension and tightness together, plus pain",
        }
    }
}

/// A mark that an exercise hurt during a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hurt {
    /// It hurt a little.
    ALittle,
    /// The person stopped because of pain.
    Stopped,
}

impl Hurt {
    /// The words shown in the app and in exports.
    pub fn label(self) -> &'static str {
        match self {
            Hurt::ALittle => "hurt a little",
            Hurt::Stopped => "stopped because of pain",
        }
    }
}

/// How far an exercise got in a session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Completion {
    /// Every set and rep was done.
    Done,
    /// Part of it was done.
    Partial {
        /// Whole sets finished (a dose has at most ten).
        sets_done: u8,
        /// Reps finished (in all sets, both sides counted once per side).
        reps_done: u16,
    },
    /// Left out on purpose.
    #[default]
    Skipped,
}

impl Completion {
    /// Part of a dose done: `sets_done` whole sets and `reps_done` reps, as counted by the
    /// timer (capped at what a record holds, far above any dose).
    pub fn partial(sets_done: u32, reps_done: u32) -> Completion {
        Completion::Partial {
            sets_done: u8::try_from(sets_done).unwrap_or(u8::MAX),
            reps_done: u16::try_from(reps_done).unwrap_or(u16::MAX),
        }
    }
}

/// A count of holds as a record keeps it (capped far above any dose).
pub fn holds_count(holds: u32) -> u16 {
    u16::try_from(holds).unwrap_or(u16::MAX)
}

/// What happened to one exercise in a session.
///
/// Ten years of history hold about 40,000 of these, so each is kept to 24 bytes: the id and
/// name are one-word pointers to shared copies, and the counts are as wide as a dose can make
/// them (see [`crate::catalog::SETS_RANGE`] and [`crate::catalog::REPS_RANGE`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExerciseRecord {
    /// The catalog id; kept even when the exercise is later removed from the routine. Shared:
    /// every record of the same exercise points at one copy (see [`interned`]).
    #[serde(deserialize_with = "interned")]
    pub exercise_id: ArcStr,
    /// The exercise's name at the time, so old sessions stay readable. Shared like the id.
    #[serde(deserialize_with = "interned")]
    pub name: ArcStr,
    /// How far it got.
    pub completion: Completion,
    /// Holds completed (each side counted), for the therapist's detail export.
    pub holds_done: u16,
    /// Whether it hurt. Left out of the file when it did not, which is nearly always: that
    /// keeps a 10-year log about 7 % smaller and quicker to read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hurt: Option<Hurt>,
}

/// Why a day was skipped on purpose.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RestReason {
    /// Pain flared up.
    FlareUp,
    /// Unwell.
    Ill,
    /// Away from home.
    Travelling,
    /// Something else, in the person's words.
    Other(String),
}

impl RestReason {
    /// The words shown in the app and exports.
    pub fn label(&self) -> String {
        match self {
            RestReason::FlareUp => "Flare-up".to_owned(),
            RestReason::Ill => "Ill".to_owned(),
            RestReason::Travelling => "Travelling".to_owned(),
            RestReason::Other(text) if text.trim().is_empty() => "Other".to_owned(),
            RestReason::Other(text) => format!("Other: {text}"),
        }
    }
}

/// Whether an entry is a routine session or a planned rest day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionKind {
    /// The person did (some of) the routine.
    Routine,
    /// A day skipped on purpose.
    RestDay(RestReason),
}

/// A unique, sortable session id: creation time in milliseconds and a random part, in hex.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SessionId(pub String);

impl SessionId {
    /// A new id for a session created at `now`.
    pub fn new(now: DateTime<Utc>) -> SessionId {
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_i64(now.timestamp_nanos_opt().unwrap_or_default());
        SessionId(format!(
            "{:012x}-{:08x}",
            now.timestamp_millis(),
            hasher.finish() & 0xffff_ffff
        ))
    }
}

impl fmt::Display for SessionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One entry of the log: a routine session or a rest day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Unique id; importing a backup merges by it.
    pub id: SessionId,
    /// Routine session or rest day.
    pub kind: SessionKind,
    /// When it started, in UTC.
    pub started_at: DateTime<Utc>,
    /// When it ended, in UTC; `None` while it runs.
    #[serde(default)]
    pub ended_at: Option<DateTime<Utc>>,
    /// The local offset from UTC at the start, in seconds east (checked on load to be less
    /// than a day).
    #[serde(deserialize_with = "offset_secs")]
    pub utc_offset_secs: i32,
    /// The local calendar date the session counts for.
    pub local_date: NaiveDate,
    /// The routine version followed.
    #[serde(default)]
    pub routine_version: u32,
    /// Each exercise, in the order done.
    #[serde(default)]
    pub exercises: Vec<ExerciseRecord>,
    /// Pain before starting, if given.
    #[serde(default)]
    pub pain_before: Option<PainScore>,
    /// Pain after finishing, if given.
    #[serde(default)]
    pub pain_after: Option<PainScore>,
    /// Sensations felt.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// Free text, any script, several lines. Left out of the file when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// Where it hurt around this session (with pain before or after), when marked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_areas: Vec<BodyArea>,
}

/// Reads a UTC offset, refusing one of a day or more (no time zone is that far from UTC).
pub(crate) fn offset_secs<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<i32, D::Error> {
    let secs = i32::deserialize(deserializer)?;
    if FixedOffset::east_opt(secs).is_some() {
        Ok(secs)
    } else {
        Err(serde::de::Error::custom(format!(
            "the time-zone offset {secs} seconds is more than a day away from UTC"
        )))
    }
}

/// [`offset_secs`] for a field that may be missing (`Some(…)` in the file).
fn some_offset_secs<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<i32>, D::Error> {
    match Option::<i32>::deserialize(deserializer)? {
        Some(secs) if FixedOffset::east_opt(secs).is_none() => Err(serde::de::Error::custom(
            format!("the time-zone offset {secs} seconds is more than a day away from UTC"),
        )),
        secs => Ok(secs),
    }
}

impl Session {
    /// A new routine session starting at `now`, in the time zone given by `offset`.
    pub fn start(now: DateTime<Utc>, offset: FixedOffset, routine_version: u32) -> Session {
        Session {
            id: SessionId::new(now),
            kind: SessionKind::Routine,
            started_at: now,
            ended_at: None,
            utc_offset_secs: offset.local_minus_utc(),
            local_date: now.with_timezone(&offset).date_naive(),
            routine_version,
            exercises: Vec::new(),
            pain_before: None,
            pain_after: None,
            symptoms: Vec::new(),
            notes: String::new(),
            pain_areas: Vec::new(),
        }
    }

    /// A rest day for the local date of `now`.
    pub fn rest_day(now: DateTime<Utc>, offset: FixedOffset, reason: RestReason) -> Session {
        let mut session = Session::start(now, offset, 0);
        session.kind = SessionKind::RestDay(reason);
        session.ended_at = Some(now);
        session
    }

    /// The local offset the session was recorded in (UTC if the stored value is impossible).
    pub fn offset(&self) -> FixedOffset {
        FixedOffset::east_opt(self.utc_offset_secs).unwrap_or(Utc.fix())
    }

    /// Start time in the local time of the session.
    pub fn local_start(&self) -> DateTime<FixedOffset> {
        self.started_at.with_timezone(&self.offset())
    }

    /// Whether this is a rest day.
    pub fn is_rest_day(&self) -> bool {
        matches!(self.kind, SessionKind::RestDay(_))
    }

    /// How long it lasted, when it has ended.
    pub fn duration(&self) -> Option<chrono::Duration> {
        self.ended_at.map(|end| end - self.started_at)
    }

    /// Pain after minus pain before, when both were given (negative means less pain).
    pub fn pain_change(&self) -> Option<i32> {
        Some(i32::from(self.pain_after?.value()) - i32::from(self.pain_before?.value()))
    }

    /// The record of an exercise in this session, if any.
    pub fn record(&self, exercise_id: &str) -> Option<&ExerciseRecord> {
        self.exercises
            .iter()
            .find(|r| &*r.exercise_id == exercise_id)
    }

    /// Number of exercises completed in full.
    pub fn done_count(&self) -> usize {
        self.exercises
            .iter()
            .filter(|r| r.completion == Completion::Done)
            .count()
    }
}

/// The answers of one weekly red-flag check-in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckIn {
    /// When it was answered.
    pub at: DateTime<Utc>,
    /// The local date it was answered on.
    pub local_date: NaiveDate,
    /// The flags the person ticked (empty: none apply).
    #[serde(default)]
    pub flags: Vec<RedFlag>,
}

/// The log: in memory the whole of it; on disk each month file and each complete backup is
/// one of these, holding the records of its months.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SessionLog {
    /// The schema version of the file.
    pub schema_version: u32,
    /// Every session and rest day, oldest first.
    pub sessions: Vec<Session>,
    /// Red-flag check-ins, oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Exports made from the app, oldest first ("since the last export" starts after the last).
    pub exports: Vec<ExportRecord>,
    /// "How is your back now?" entries outside sessions, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_entries: Vec<PainEntry>,
    /// Outcome-measure check-ins (PSFS, PEG, PGIC), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureResponse>,
    /// The activities named for the PSFS, retired ones included, in the order added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Questions for the therapist, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
    /// The records kept in another month file than their date's, as found there (in memory
    /// only: a file says where its records live by holding them; see [`crate::store::Homes`]).
    #[serde(skip)]
    pub homes: crate::store::Homes,
}

/// A record that the log was exported for the therapist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    /// When the export was written.
    pub at: DateTime<Utc>,
    /// The local offset from UTC then, in seconds (from schema 4; a record written before has
    /// none).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "some_offset_secs"
    )]
    pub utc_offset_secs: Option<i32>,
    /// The local date it was written on, which decides its month file as every record's does
    /// (from schema 4; a record written before has none and stays in the month file it is in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_date: Option<NaiveDate>,
    /// First local date included.
    pub from: NaiveDate,
    /// Last local date included.
    pub to: NaiveDate,
    /// "csv", "pdf" or "ron".
    pub format: String,
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
    /// The days of the sessions it closed (their months need saving).
    pub closed: Vec<NaiveDate>,
}

impl SessionLog {
    /// Settles the routine sessions left open at `now`: the newest one that started within
    /// [`CONTINUE_WITHIN`] is the one to continue, and every other is closed. Limber keeps no
    /// time for each exercise, so a closed session ends at its start (its exercises and pain
    /// before are kept as they were); it no longer shows as "in progress". `current`, the
    /// session open in the window, if any, is always the one continued.
    pub fn settle_open(&mut self, now: DateTime<Utc>, current: Option<&SessionId>) -> Settled {
        let open = |s: &Session| s.kind == SessionKind::Routine && s.ended_at.is_none();
        let resume = current.cloned().or_else(|| {
            self.sessions
                .iter()
                .rev()
                .find(|s| open(s) && s.started_at <= now && now - s.started_at <= CONTINUE_WITHIN)
                .map(|s| s.id.clone())
        });
        let mut closed = Vec::new();
        for session in &mut self.sessions {
            if open(session) && resume.as_ref() != Some(&session.id) {
                session.ended_at = Some(session.started_at);
                closed.push(session.local_date);
            }
        }
        Settled { resume, closed }
    }

    /// Adds or replaces a session (matched by id), keeping the list sorted by start time.
    pub fn upsert(&mut self, session: Session) {
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
    pub fn remove(&mut self, id: &SessionId) -> Option<Session> {
        let index = self.sessions.iter().position(|s| &s.id == id)?;
        Some(self.sessions.remove(index))
    }

    /// Sessions on a local date, oldest first.
    pub fn on_date(&self, date: NaiveDate) -> impl Iterator<Item = &Session> {
        self.sessions.iter().filter(move |s| s.local_date == date)
    }

    /// Keeps only the pain entries, check-ins of the measures and questions whose local date
    /// `keep` accepts (for a backup of a period). Activities are all kept: check-ins of the
    /// period refer to them whenever they were added.
    pub fn retain_dates(&mut self, keep: impl Fn(NaiveDate) -> bool) {
        self.pain_entries.retain(|e| keep(e.local_date));
        self.measures.retain(|m| keep(m.local_date));
        self.questions.retain(|q| keep(q.local_date));
    }

    /// Adds a pain entry, keeping the list in time order.
    pub fn add_pain_entry(&mut self, entry: PainEntry) {
        let at = self.pain_entries.partition_point(|e| e.at <= entry.at);
        self.pain_entries.insert(at, entry);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeDelta, TimeZone};

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
        assert_eq!(settled.closed.len(), 2, "yesterday's and the morning's");
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
        assert_eq!(settled.closed, vec![at(8, 30).date_naive()]);
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
        assert!(settled.closed.is_empty());
    }

    /// Ten years of history hold about 40,000 exercise records: each byte of a record is 40 KB
    /// of the loaded log.
    #[test]
    fn an_exercise_record_takes_24_bytes() {
        assert_eq!(size_of::<ExerciseRecord>(), 24);
    }

    #[test]
    fn a_partial_dose_keeps_its_counts_and_caps_what_no_dose_reaches() {
        assert_eq!(
            Completion::partial(3, 40),
            Completion::Partial {
                sets_done: 3,
                reps_done: 40
            }
        );
        assert_eq!(
            Completion::partial(1_000, 100_000),
            Completion::Partial {
                sets_done: u8::MAX,
                reps_done: u16::MAX
            }
        );
        assert_eq!(holds_count(1_000), 1_000);
        assert_eq!(holds_count(u32::MAX), u16::MAX);
    }

    #[test]
    fn pain_score_rejects_eleven() {
        assert!(PainScore::new(10).is_some());
        assert!(PainScore::new(11).is_none());
    }

    #[test]
    fn local_date_follows_the_offset_not_utc() {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        let session = Session::start(now, tokyo, 1);
        assert_eq!(
            session.local_date,
            NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
        );
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
