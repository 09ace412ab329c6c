//! The log file format: RON text with a `schema_version`, read with every problem placed at a
//! line and column, and written in a stable, readable layout.

use std::collections::BTreeMap;
use std::io;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;

use super::error::StoreError;
use super::{quick_read, quick_write};
use crate::core::session::{
    CheckIn, ExerciseRecord, ExportRecord, SCHEMA_VERSION, Session, SessionLog,
};

/// Reads and checks a session log file. Older schema versions are upgraded; a file from a newer
/// Limber is refused with [`StoreError::NewerSchema`] so that it is never downgraded.
pub fn load_log(path: &Path) -> Result<SessionLog, StoreError> {
    let bytes = std::fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_log(&bytes, path)
}

/// Parses and checks the bytes of a session log; `path` only names the source in errors.
pub fn parse_log(bytes: &[u8], path: &Path) -> Result<SessionLog, StoreError> {
    current(decode(bytes, path)?, path)
}

/// [`parse_log`] through `ron` alone, without the quick reader: the reference that the quick
/// reader is checked against (by the tests and the fuzz target).
pub fn parse_log_reference(bytes: &[u8], path: &Path) -> Result<SessionLog, StoreError> {
    current(decode_with(bytes, path, false)?, path)
}

/// Refuses a log from a newer Limber; brings an older one up to date.
fn current(log: SessionLog, path: &Path) -> Result<SessionLog, StoreError> {
    if log.schema_version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_owned(),
            found: log.schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(upgrade(log))
}

/// Parses a log of any schema version, as written (no upgrade). When the text does not parse
/// but announces a newer schema, the error is [`StoreError::NewerSchema`], because the newer
/// format, not damage, is the likely cause.
pub(super) fn decode(bytes: &[u8], path: &Path) -> Result<SessionLog, StoreError> {
    decode_with(bytes, path, true)
}

/// [`decode`], with or without trying the quick reader first.
fn decode_with(bytes: &[u8], path: &Path, quick: bool) -> Result<SessionLog, StoreError> {
    if let Some(problem) = unreadable_bytes(bytes, path) {
        return Err(problem);
    }
    // Limber's own layout is read by the quick reader; anything else (a hand edit, an older
    // layout, damage) by `ron`, which places every problem at its line and column.
    let parsed = if let Some(log) = quick.then(|| quick_read::read(bytes)).flatten() {
        Ok(log)
    } else {
        let parsed = ron::Options::default().from_bytes::<OnDisk>(bytes);
        crate::core::session::forget_interned();
        parsed.map(OnDisk::into_log)
    };
    match parsed {
        Ok(mut log) => {
            if !log
                .sessions
                .is_sorted_by(|a, b| (a.started_at, &a.id) <= (b.started_at, &b.id))
            {
                log.sessions
                    .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
            }
            Ok(log)
        }
        Err(err) => {
            if let Some(found) = announced_schema(bytes).filter(|v| *v > SCHEMA_VERSION) {
                return Err(StoreError::NewerSchema {
                    path: path.to_owned(),
                    found,
                    supported: SCHEMA_VERSION,
                });
            }
            Err(StoreError::Damaged {
                path: path.to_owned(),
                line: err.span.start.line.max(1),
                column: err.span.start.col.max(1),
                problem: describe_ron_error(&err.code),
            })
        }
    }
}

/// Brings a log of an older schema version up to the current one, and stamps the version.
///
/// Version 2 changed only the file's layout (the names table, tab indents), which both readers
/// handle as they read; a version-1 log needs no change in memory. Each future version that
/// changes the data adds its step here.
pub(super) fn upgrade(mut log: SessionLog) -> SessionLog {
    log.schema_version = SCHEMA_VERSION;
    log
}

/// Problems found before parsing: an empty file, or NUL bytes (what a disk leaves after a write
/// that was cut short).
fn unreadable_bytes(bytes: &[u8], path: &Path) -> Option<StoreError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some(StoreError::Damaged {
            path: path.to_owned(),
            line: 1,
            column: 1,
            problem: "the file is empty".into(),
        });
    }
    // `contains` on bytes is a word-at-a-time search, several times quicker than `position`
    // over a 6 MB log; the place is only looked for when there is one.
    if !bytes.contains(&0) {
        return None;
    }
    let nul = bytes.iter().position(|b| *b == 0)?;
    let before = String::from_utf8_lossy(&bytes[..nul]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some(StoreError::Damaged {
        path: path.to_owned(),
        line,
        column,
        problem: "the file holds NUL bytes, which happens when a disk write was cut short".into(),
    })
}

/// The `schema_version` a file announces, read without understanding the rest of it.
fn announced_schema(bytes: &[u8]) -> Option<u32> {
    #[derive(Deserialize)]
    struct Header {
        schema_version: u32,
    }
    ron::Options::default()
        .from_bytes::<Header>(bytes)
        .ok()
        .map(|h| h.schema_version)
}

/// A parse error in plain words (RON's own wording, with its jargon softened).
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early (it was probably cut short)".into(),
        ron::Error::Message(message) => message.clone(),
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                format!("{}{}", first.to_lowercase(), chars.as_str())
            })
        }
    }
}

/// The file as `ron` reads it: the log, and (from version 2) the table of exercise names that
/// records leave out when theirs is the one in the table.
#[derive(Deserialize)]
#[serde(default)]
struct OnDisk {
    schema_version: u32,
    exercise_names: BTreeMap<String, String>,
    sessions: Vec<Session>,
    check_ins: Vec<CheckIn>,
    exports: Vec<ExportRecord>,
}

impl Default for OnDisk {
    fn default() -> Self {
        let log = SessionLog::default();
        OnDisk {
            schema_version: log.schema_version,
            exercise_names: BTreeMap::new(),
            sessions: log.sessions,
            check_ins: log.check_ins,
            exports: log.exports,
        }
    }
}

impl OnDisk {
    fn into_log(mut self) -> SessionLog {
        let names: Vec<(Arc<str>, Arc<str>)> = self
            .exercise_names
            .into_iter()
            .map(|(id, name)| (Arc::from(id), Arc::from(name)))
            .collect();
        for session in &mut self.sessions {
            for record in &mut session.exercises {
                fill_name(record, &names);
            }
        }
        SessionLog {
            schema_version: self.schema_version,
            sessions: self.sessions,
            check_ins: self.check_ins,
            exports: self.exports,
            ..SessionLog::default()
        }
    }
}

/// Gives a record that has no name of its own the name the file's table holds for its id.
/// Both readers do this, the same way.
pub(super) fn fill_name(record: &mut ExerciseRecord, names: &[(Arc<str>, Arc<str>)]) {
    if record.name.is_empty()
        && let Some((_, name)) = names
            .iter()
            .find(|(id, _)| Arc::ptr_eq(id, &record.exercise_id) || *id == record.exercise_id)
    {
        record.name = Arc::clone(name);
    }
}

/// The log as RON text, stamped with the current schema version: one session field a line,
/// each exercise record on one line, tab indents, and the exercise names once at the top.
pub fn to_ron(log: &SessionLog) -> String {
    let mut text = String::new();
    let Ok(()) = quick_write::write::<std::convert::Infallible>(log, &mut text, |_| Ok(()));
    text
}

/// Streams the log's text into `out` a few kilobytes at a time, so that ten years of history
/// are never held in memory twice.
pub fn write_log(log: &SessionLog, out: &mut dyn io::Write) -> io::Result<()> {
    let mut text = String::with_capacity(2 * FLUSH_BYTES);
    quick_write::write::<io::Error>(log, &mut text, |text| {
        if text.len() >= FLUSH_BYTES {
            out.write_all(text.as_bytes())?;
            text.clear();
        }
        Ok(())
    })?;
    out.write_all(text.as_bytes())
}

/// How much text [`write_log`] gathers before handing it to the file.
const FLUSH_BYTES: usize = 64 * 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session::{Completion, ExerciseRecord, Hurt, PainScore, Symptom};
    use chrono::{FixedOffset, TimeZone, Utc};

    fn sample() -> SessionLog {
        let now = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let mut session = Session::start(now, FixedOffset::east_opt(3600).unwrap(), 1);
        session.pain_before = PainScore::new(6);
        session.pain_after = PainScore::new(4);
        session.symptoms = vec![Symptom::Stiffness, Symptom::Tension];
        session.notes = "Felt \"looser\" after.\nSecond line: 背中 ✓".into();
        session.exercises.push(ExerciseRecord {
            exercise_id: "open-book".into(),
            name: "Open book".into(),
            completion: Completion::Partial {
                sets_done: 1,
                reps_done: 4,
            },
            holds_done: 4,
            hurt: Some(Hurt::ALittle),
        });
        let mut log = SessionLog::default();
        log.upsert(session);
        log
    }

    #[test]
    fn round_trips_and_stamps_the_version() {
        let log = sample();
        let text = to_ron(&log);
        assert!(text.contains("schema_version: 2"), "{text}");
        assert_eq!(
            parse_log(text.as_bytes(), Path::new("log.ron")).unwrap(),
            log
        );
    }

    #[test]
    fn pain_above_ten_is_placed_on_its_line() {
        let text = to_ron(&sample());
        let bad = text.replace("pain_before: Some(6)", "pain_before: Some(11)");
        assert_ne!(bad, text);
        let expected_line = bad.lines().position(|l| l.contains("Some(11)")).unwrap() + 1;
        match parse_log(bad.as_bytes(), Path::new("log.ron")) {
            Err(StoreError::Damaged { line, problem, .. }) => {
                assert_eq!(line, expected_line);
                assert!(problem.contains("0–10"), "{problem}");
            }
            other => panic!("expected a damaged-file error, got {other:?}"),
        }
    }

    #[test]
    fn a_date_that_does_not_parse_is_placed_on_its_line() {
        let text = to_ron(&sample());
        let bad = text.replace("local_date: \"2026-03-01\"", "local_date: \"2026-02-30\"");
        assert_ne!(bad, text);
        let expected_line = bad.lines().position(|l| l.contains("02-30")).unwrap() + 1;
        match parse_log(bad.as_bytes(), Path::new("log.ron")) {
            Err(StoreError::Damaged { line, .. }) => assert_eq!(line, expected_line),
            other => panic!("expected a damaged-file error, got {other:?}"),
        }
    }

    #[test]
    fn newer_schema_is_refused_even_when_unparsable() {
        let text = to_ron(&sample());
        let newer = text
            .replace(
                &format!("schema_version: {SCHEMA_VERSION}"),
                "schema_version: 7",
            )
            .replace("notes:", "notes_v7: Shiny(1), notes:");
        match parse_log(newer.as_bytes(), Path::new("log.ron")) {
            Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, 7),
            other => panic!("expected a newer-schema error, got {other:?}"),
        }
    }

    #[test]
    fn nul_bytes_and_empty_files_are_named() {
        let err = parse_log(&[0; 64], Path::new("log.ron")).unwrap_err();
        assert!(err.to_string().contains("NUL"), "{err}");
        let err = parse_log(b"", Path::new("log.ron")).unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn unsorted_sessions_are_sorted_on_load() {
        let mut log = sample();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        log.sessions.insert(
            0,
            Session::start(later, FixedOffset::east_opt(0).unwrap(), 1),
        );
        let text = to_ron(&log);
        let loaded = parse_log(text.as_bytes(), Path::new("log.ron")).unwrap();
        assert!(loaded.sessions[0].started_at < loaded.sessions[1].started_at);
    }

    /// The sample plus a second session with the same exercise, which did not hurt.
    fn two_sessions() -> SessionLog {
        let mut log = sample();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let mut session = Session::start(later, FixedOffset::east_opt(3600).unwrap(), 1);
        session.exercises.push(ExerciseRecord {
            exercise_id: "open-book".into(),
            name: "Open book".into(),
            completion: Completion::Done,
            holds_done: 6,
            hurt: None,
        });
        log.upsert(session);
        log
    }

    #[test]
    fn records_of_one_exercise_share_their_id_and_name_after_loading() {
        let text = to_ron(&two_sessions());
        let loaded = parse_log(text.as_bytes(), Path::new("log.ron")).unwrap();
        let [first, second] = [&loaded.sessions[0], &loaded.sessions[1]]
            .map(|s| s.exercises.first().unwrap().clone());
        assert!(std::sync::Arc::ptr_eq(
            &first.exercise_id,
            &second.exercise_id
        ));
        assert!(std::sync::Arc::ptr_eq(&first.name, &second.name));
        assert_eq!(&*first.name, "Open book");
    }

    #[test]
    fn no_hurt_and_empty_notes_are_left_out_of_the_file() {
        let log = two_sessions();
        let text = to_ron(&log);
        assert!(text.contains("hurt: Some(ALittle)"), "{text}");
        assert!(!text.contains("hurt: None"), "{text}");
        assert_eq!(text.matches("notes:").count(), 1, "{text}");
        // Older files that spell them out still read the same.
        let spelled_out = text.replace("holds_done: 6)", "holds_done: 6, hurt: None)");
        assert_ne!(spelled_out, text);
        assert_eq!(
            parse_log(spelled_out.as_bytes(), Path::new("log.ron")).unwrap(),
            log
        );
    }

    #[test]
    fn streaming_writes_the_same_text_and_keeps_the_disk_error() {
        struct FullDisk;
        impl io::Write for FullDisk {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let log = two_sessions();
        let mut bytes = Vec::new();
        write_log(&log, &mut bytes).unwrap();
        assert_eq!(String::from_utf8(bytes).unwrap(), to_ron(&log));

        let err = write_log(&log, &mut FullDisk).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
    }
}
