//! The session log: what a person did, how it felt, and what they noted.
//!
//! This is the data model of the records only; the log that holds them is [`crate::log`], and
//! reading and writing files is `store`'s job. Times are stored as
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
use crate::catalog::Version;

mod sign_record;
mod signs;
mod summary;
pub use sign_record::{SignAnswer, SignEvent, SignRecord};
pub use signs::{FlagSource, RedFlag, Urgency};
pub use summary::SessionSummary;

/// The schema version this build writes. Older versions are upgraded on load; a newer one is
/// opened read-only. Version 12 adds desk breaks: a session of kind `Break` (the routine file's
/// short micro-routine, one set of each exercise, see [`crate::desk_break`]), which an older
/// Limber could not read. Version 11 marks a gentler session (`gentle: true` on a session, see
/// [`crate::figures::gentle`]); a session without it is a usual one. Version 10 adds the
/// progression offers shown, accepted or declined (`progressions:`, see
/// [`crate::progression`]); a file without them has none. Version 9 adds the choices of an exercise's easier or harder version and,
/// on each exercise record, the version done (see [`crate::versions`]). Version 8 adds the two-sided PGIC answer (`Answers::PgicTwoSided`); the
/// one-sided answers of older files stay as they are. Version 7 adds the record of every safety prompt shown (`prompts:`, see
/// [`crate::prompt_record`]); a file without it has none. Version 6 adds the sign records (signs
/// ticked on any day from "Something new or worrying?" and the answers "I have seen a doctor
/// about this" and "My doctor knows about this"), which an older Limber could not read. Version 5 adds body areas (the front of the chest, around the ribs, each
/// arm), which an older Limber could not read: it sees version 5 and opens the file read-only
/// instead of calling it damaged. Version 4 gives each export record its local date and offset (a record
/// written before keeps the month file it is in); version 3 keeps the log in one file per
/// calendar month; versions 1 and 2 kept it in one `log.ron` (2 with each exercise's name once,
/// in a table at the top).
pub const SCHEMA_VERSION: u32 = 12;

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
    /// The version done (schema 9); left out of the file for the standard one, so records
    /// written before read as the standard version.
    #[serde(skip_serializing_if = "Version::is_standard")]
    pub version: Version,
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
    /// A short desk break (schema 12): one set of each exercise of the routine file's
    /// `break_routine`. It counts toward each exercise's doses of the day, but never as a
    /// session: not in session counts, and not in the safety rules that compare pain across
    /// sessions (see [`Session::is_routine`]).
    Break,
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
    /// A gentler session (schema 11): the routine made gentle by the one rule of
    /// [`crate::figures::gentle`], which also plans the day. Left out of the file when not, so
    /// older sessions read as usual ones.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub gentle: bool,
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
            gentle: false,
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

    /// Whether this is a routine session (neither a rest day nor a desk break): the one kind
    /// that session counts and the safety rules comparing pain across sessions read.
    pub fn is_routine(&self) -> bool {
        self.kind == SessionKind::Routine
    }

    /// Whether this is a desk break.
    pub fn is_break(&self) -> bool {
        self.kind == SessionKind::Break
    }

    /// A desk break done from `started` to `now` in the time zone `offset`, with the records
    /// of the exercises done (no pain questions: a break asks for none).
    pub fn desk_break(
        started: DateTime<Utc>,
        now: DateTime<Utc>,
        offset: FixedOffset,
        routine_version: u32,
        exercises: Vec<ExerciseRecord>,
    ) -> Session {
        let mut session = Session::start(started, offset, routine_version);
        session.kind = SessionKind::Break;
        session.ended_at = Some(now.max(started));
        session.exercises = exercises;
        session
    }

    /// The exercises done (in full or in part), by name, for a one-line summary of a desk break
    /// ("Shrug rotations, Cork screws").
    pub fn names_done(&self) -> String {
        let names: Vec<&str> = self
            .exercises
            .iter()
            .filter(|r| r.completion != Completion::Skipped)
            .map(|r| &*r.name)
            .collect();
        if names.is_empty() {
            "nothing done".to_owned()
        } else {
            names.join(", ")
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
}
