//! One log file on disk, read and written through `serde` and `ron` alone: a month file of the
//! log folder, a complete backup made with `limber export --format ron`, or a log of an older
//! schema (one `log.ron` for everything).
//!
//! The serde attributes of [`SessionLog`] and its records are the one description of the
//! format. Unknown fields are errors with their line and column, so a typo in a hand edit is
//! never dropped silently at the next save.

use std::collections::BTreeMap;
use std::path::Path;

use arcstr::ArcStr;
use serde::Deserialize;

use super::StoreError;
use crate::log::SessionLog;
use crate::session::{CheckIn, ExerciseRecord, ExportRecord, SCHEMA_VERSION, Session};

/// The UTF-8 byte-order mark some editors put at the start of a file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// Reads and checks a log file of any schema version (a month file, a complete backup, or an
/// older single-file log). Older versions are brought up to date; a file from a newer Limber is
/// refused with [`StoreError::NewerSchema`] so that it is never downgraded.
pub fn load_log(path: &Path) -> Result<SessionLog, StoreError> {
    let bytes = std::fs::read(path).map_err(StoreError::read(path.to_owned()))?;
    parse_log(&bytes, path)
}

/// Parses and checks the bytes of a log file; `path` only names the source in errors.
pub fn parse_log(bytes: &[u8], path: &Path) -> Result<SessionLog, StoreError> {
    let parsed = parse_sharing_names(bytes, path);
    crate::session::forget_interned();
    parsed
}

/// [`parse_log`], with the exercise ids and names shared with the files this thread read
/// before (until [`crate::session::forget_interned`]): the months of one load then hold one
/// copy of each name between them, not one copy per month.
pub(super) fn parse_sharing_names(bytes: &[u8], path: &Path) -> Result<SessionLog, StoreError> {
    let text = checked_text(bytes, path)?;
    // Nearly every file is of the current schema, so it is parsed as one first; the version
    // is looked at on its own only when that fails or says the file is older (reading the
    // header alone still walks the whole file, which doubled the time of every load). Every
    // file is read this one way, whatever its size.
    let parsed = match ron::Options::default().from_str::<SessionLog>(text) {
        Ok(log) if log.schema_version > 2 => Ok(log),
        current => match announced_schema(text) {
            // Schema 1 and 2 kept the whole log in one file, and 2 wrote each exercise's name
            // once, in a table at the top.
            Some(version) if version <= 2 => ron::Options::default()
                .from_str::<LegacyFile>(text)
                .map(LegacyFile::into_log),
            _ => current,
        },
    };
    let mut log = match parsed {
        Ok(log) => log,
        Err(err) => {
            if let Some(found) = announced_schema(text).filter(|v| *v > SCHEMA_VERSION) {
                return Err(newer(path, found));
            }
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                line: err.span.start.line.max(1),
                column: err.span.start.col.max(1),
                problem: describe_ron_error(&err.code),
            });
        }
    };
    if log.schema_version > SCHEMA_VERSION {
        return Err(newer(path, log.schema_version));
    }
    log.schema_version = SCHEMA_VERSION;
    // A list read from a file grows by doubling; what the log keeps in memory has no spare room.
    for session in &mut log.sessions {
        session.exercises.shrink_to_fit();
    }
    if !log
        .sessions
        .is_sorted_by(|a, b| (a.started_at, &a.id) <= (b.started_at, &b.id))
    {
        log.sessions
            .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
    }
    super::limits::check(&log, super::limits::LIMITS, path)?;
    Ok(log)
}

fn newer(path: &Path, found: u32) -> StoreError {
    StoreError::NewerSchema {
        path: path.to_owned(),
        found,
        supported: SCHEMA_VERSION,
    }
}

/// The log as RON text, stamped with the current schema version: tab indents, each exercise
/// record on one line, and strings as they are (a note of several lines keeps its lines, and a
/// quote makes it a raw string `r#"…"#`), unless one holds a control character other than a
/// line break or tab: then every string is escaped, so that the file never holds a NUL byte.
/// Writing strings as they are also saves RON's check of every character (a third of a save).
pub fn to_ron(log: &SessionLog) -> String {
    let plain = to_ron_with(log, false);
    if plain
        .bytes()
        .any(|b| b < 0x20 && !matches!(b, b'\n' | b'\t' | b'\r'))
    {
        return to_ron_with(log, true);
    }
    plain
}

fn to_ron_with(log: &SessionLog, escape_strings: bool) -> String {
    // "\n" on every platform (ron writes "\r\n" on Windows): a month file is the same bytes
    // wherever it was written.
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("\t")
        .depth_limit(RECORD_DEPTH)
        .escape_strings(escape_strings);
    let stamped;
    let log = if log.schema_version == SCHEMA_VERSION {
        log
    } else {
        stamped = SessionLog {
            schema_version: SCHEMA_VERSION,
            ..log.clone()
        };
        &stamped
    };
    // Every value of the model has a RON form (no maps with non-string keys, no NaN), so the
    // serializer cannot fail; an empty string would be caught by the loader, never saved.
    ron::ser::to_string_pretty(log, config).unwrap_or_default()
}

/// How deep the pretty layout goes before records are written on one line: the file, its
/// lists, a session, its exercise list.
const RECORD_DEPTH: usize = 4;

/// The text of a file, after the checks that come before parsing: an empty file, NUL bytes
/// (what a disk leaves after a write that was cut short), text that is not UTF-8, and a
/// byte-order mark at the start (accepted: some editors add one).
fn checked_text<'a>(bytes: &'a [u8], path: &Path) -> Result<&'a str, StoreError> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let damaged = |offset: usize, problem: &str| {
        let (line, column) = line_column(bytes, offset);
        StoreError::Damaged {
            path: path.to_owned(),
            line,
            column,
            problem: problem.to_owned(),
        }
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(damaged(0, "the file is empty"));
    }
    if let Some(nul) = bytes
        .contains(&0)
        .then(|| bytes.iter().position(|b| *b == 0))
    {
        return Err(damaged(
            nul.unwrap_or_default(),
            "the file holds NUL bytes, which happens when a disk write was cut short",
        ));
    }
    std::str::from_utf8(bytes).map_err(|err| {
        damaged(
            err.valid_up_to(),
            "the file is not plain UTF-8 text here (it may have been saved in another encoding \
             or be damaged)",
        )
    })
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The `schema_version` the bytes of a file announce, if they announce one.
pub(super) fn schema_of(bytes: &[u8]) -> Option<u32> {
    std::str::from_utf8(bytes.strip_prefix(BOM).unwrap_or(bytes))
        .ok()
        .and_then(announced_schema)
}

/// Says which session ids appear more than once in the file, with the lines where each
/// appears, or `None` when every id is unique. Both copies are kept: the person chooses in
/// History which one to delete.
pub fn duplicate_id_notice(log: &SessionLog, bytes: &[u8], path: &Path) -> Option<String> {
    let twice = log.duplicate_ids();
    if twice.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let places: Vec<String> = twice
        .iter()
        .map(|(id, _)| {
            let quoted = format!("\"{}\"", id.0);
            let lines: Vec<String> = text
                .lines()
                .enumerate()
                .filter(|(_, line)| line.contains(&quoted) && line.contains("id:"))
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            format!("{} on lines {}", id.0, lines.join(" and "))
        })
        .collect();
    Some(format!(
        "The same session is in the log more than once ({}). Both copies are kept and shown in \
         History; delete the one you do not want. ({})",
        places.join("; "),
        path.display()
    ))
}

/// The `schema_version` a file announces, read without understanding the rest of it.
fn announced_schema(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Header {
        schema_version: u32,
    }
    ron::Options::default()
        .from_str::<Header>(text)
        .ok()
        .map(|h| h.schema_version)
}

/// A parse error in plain words, without serde's or RON's jargon.
fn describe_ron_error(code: &ron::Error) -> String {
    match code {
        ron::Error::Eof => "the file ends too early (it was probably cut short)".into(),
        ron::Error::Message(message) => without_type_names(message.clone()),
        ron::Error::NoSuchStructField {
            expected, found, ..
        } => format!(
            "there is no field called `{found}` here (Limber knows {}); check its spelling",
            known(expected)
        ),
        ron::Error::MissingStructField { field, .. } => {
            format!("the field `{field}` is missing here")
        }
        ron::Error::DuplicateStructField { field, .. } => {
            format!("the field `{field}` is given twice here")
        }
        ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "`{found}` is not one of the values allowed here ({})",
            known(expected)
        ),
        ron::Error::ExpectedNamedStructLike(name) => format!(
            "{} should start here, with an opening `(`",
            record_name(name)
        ),
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested far deeper than a Limber log ever nests them, so the file is \
             damaged here"
                .into()
        }
        other => {
            let text = without_type_names(other.to_string());
            let mut chars = text.chars();
            chars.next().map_or_else(String::new, |first| {
                format!("{}{}", first.to_lowercase(), chars.as_str())
            })
        }
    }
}

/// The message with the model's struct names (as RON and serde quote them) put in words.
fn without_type_names(mut text: String) -> String {
    for name in [
        "SessionLog",
        "LegacyFile",
        "ExerciseRecord",
        "Session",
        "CheckIn",
        "SignRecord",
    ] {
        for quoted in [format!("struct `{name}`"), format!("struct {name}")] {
            text = text.replace(&quoted, &record_name(name));
        }
    }
    text
}

/// A record of the model, named as a person would name it (never the Rust type's name).
fn record_name(type_name: &str) -> String {
    match type_name {
        "Session" => "a session",
        "ExerciseRecord" => "an exercise's record",
        "CheckIn" => "a warning-signs check-in",
        "SignRecord" => "a warning-sign record",
        "SessionLog" | "LegacyFile" => "the log",
        _ => "a record",
    }
    .to_owned()
}

/// `a`, `b` or `c`, for messages.
fn known(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.split_last() {
        None => "none".into(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// A log of schema 1 or 2: the whole log in one file, and (from 2) the table of exercise names
/// that records leave out when theirs is the one in the table.
#[derive(Deserialize)]
#[serde(default, deny_unknown_fields)]
struct LegacyFile {
    schema_version: u32,
    exercise_names: BTreeMap<String, String>,
    sessions: Vec<Session>,
    check_ins: Vec<CheckIn>,
    exports: Vec<ExportRecord>,
}

impl Default for LegacyFile {
    fn default() -> Self {
        LegacyFile {
            schema_version: 1,
            exercise_names: BTreeMap::new(),
            sessions: Vec::new(),
            check_ins: Vec::new(),
            exports: Vec::new(),
        }
    }
}

impl LegacyFile {
    fn into_log(mut self) -> SessionLog {
        let names: Vec<(ArcStr, ArcStr)> = self
            .exercise_names
            .into_iter()
            .map(|(id, name)| (ArcStr::from(id), ArcStr::from(name)))
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
fn fill_name(record: &mut ExerciseRecord, names: &[(ArcStr, ArcStr)]) {
    if record.name.is_empty()
        && let Some((_, name)) = names.iter().find(|(id, _)| *id == record.exercise_id)
    {
        record.name = name.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Completion, ExerciseRecord, Hurt, PainScore, Symptom};
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
            version: crate::catalog::Version::STANDARD,
        });
        let mut log = SessionLog::default();
        log.upsert(session);
        log
    }

    fn parse(text: &str) -> Result<SessionLog, StoreError> {
        parse_log(text.as_bytes(), Path::new("2026-03.ron"))
    }

    #[test]
    fn round_trips_and_stamps_the_version() {
        let log = sample();
        let text = to_ron(&log);
        assert!(
            text.contains(&format!("schema_version: {SCHEMA_VERSION}")),
            "{text}"
        );
        assert_eq!(parse(&text).unwrap(), log);
    }

    /// On Windows ron ends lines with "\r\n" unless told otherwise; a month file is the same
    /// bytes on every platform (this fails under Wine on the code before, see
    /// `scripts/wine-check.sh`).
    #[test]
    fn a_month_file_ends_its_lines_with_newline_alone_on_every_platform() {
        let text = to_ron(&sample());
        assert!(text.lines().count() > 10, "{text}");
        assert!(!text.contains('\r'), "{text:?}");
    }

    #[test]
    fn notes_keep_their_lines_and_strange_text_still_round_trips() {
        let mut log = sample();
        let text = to_ron(&log);
        assert!(
            text.contains("after.\nSecond line"),
            "a note keeps its lines: {text}"
        );
        for note in [
            "quote \" and hash \"# and more \"##",
            "back\\slash and r#\"raw\"# look-alike",
            "ends with a hash #",
            "windows\r\nline",
            "a bell \u{7} and a NUL \u{0} pasted in",
        ] {
            log.sessions[0].notes = note.to_owned();
            let text = to_ron(&log);
            assert!(
                !text.contains('\u{0}'),
                "never a NUL byte in the file: {text}"
            );
            assert_eq!(parse(&text).unwrap(), log, "{note:?} -> {text}");
        }
    }

    #[test]
    fn each_exercise_record_is_one_line() {
        let text = to_ron(&sample());
        let line = text
            .lines()
            .find(|l| l.contains("open-book"))
            .expect("the record");
        assert!(line.contains("holds_done: 4"), "{text}");
        assert!(line.starts_with('\t'), "tab indents: {text}");
    }

    #[test]
    fn pain_above_ten_is_placed_on_its_line() {
        let text = to_ron(&sample());
        let bad = text.replace("pain_before: Some(6)", "pain_before: Some(11)");
        assert_ne!(bad, text);
        let expected_line = bad.lines().position(|l| l.contains("Some(11)")).unwrap() + 1;
        match parse(&bad) {
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
        match parse(&bad) {
            Err(StoreError::Damaged { line, .. }) => assert_eq!(line, expected_line),
            other => panic!("expected a damaged-file error, got {other:?}"),
        }
    }

    /// A log with at least one record of every type the month file holds, each nested type
    /// and enum variant with fields included. It is built by naming every list of
    /// [`SessionLog`] without `..`, so a new list does not compile until it is added here (and
    /// to the unknown-field test below).
    #[expect(
        clippy::too_many_lines,
        reason = "one record of every type, with every field named"
    )]
    fn fully_populated() -> SessionLog {
        use crate::measures::{
            Activity, ActivityRating, Answers, MeasureResponse, PgicAnswer, Rating,
        };
        use crate::pain_entry::PainEntry;
        use crate::questions::Question;
        use crate::session::SessionId as RecordId;
        use crate::session::{RedFlag, SignAnswer, SignEvent, SignRecord};
        let at = |day: u32| Utc.with_ymd_and_hms(2026, 3, day, 8, 0, 0).unwrap();
        let date = |day: u32| chrono::NaiveDate::from_ymd_opt(2026, 3, day).unwrap();
        let rating = |value: u8| Rating::new(value).unwrap();
        let SessionLog {
            schema_version,
            sessions,
            check_ins,
            exports,
            pain_entries,
            measures,
            activities,
            questions,
            sign_records,
            version_choices,
            progressions,
            prompts,
            homes,
        } = sample();
        let activity = Activity {
            id: RecordId("a1".into()),
            name: "Reach the top shelf".into(),
            added_on: date(1),
            retired_on: Some(date(2)),
        };
        let measure = |id: &str, day: u32, answers: Answers| MeasureResponse {
            id: RecordId(id.into()),
            at: at(day),
            utc_offset_secs: 0,
            local_date: date(day),
            answers,
        };
        let log = SessionLog {
            schema_version,
            sessions,
            check_ins: [
                check_ins,
                vec![CheckIn {
                    at: at(2),
                    local_date: date(2),
                    flags: vec![crate::session::RedFlag::FeverAndChills],
                }],
            ]
            .concat(),
            exports: [
                exports,
                vec![ExportRecord {
                    at: at(3),
                    utc_offset_secs: Some(3600),
                    local_date: Some(date(3)),
                    from: date(1),
                    to: date(2),
                    format: "csv".into(),
                }],
            ]
            .concat(),
            pain_entries: [
                pain_entries,
                vec![PainEntry {
                    id: RecordId("p1".into()),
                    at: at(4),
                    utc_offset_secs: 0,
                    local_date: date(4),
                    pain: PainScore::new(3).unwrap(),
                    areas: vec![crate::body_area::BodyArea::NeckBase],
                    note: "after gardening".into(),
                }],
            ]
            .concat(),
            measures: [
                measures,
                vec![
                    measure(
                        "m1",
                        5,
                        Answers::Psfs(vec![ActivityRating {
                            activity: activity.id.clone(),
                            rating: rating(6),
                        }]),
                    ),
                    measure(
                        "m2",
                        6,
                        Answers::Peg {
                            pain: rating(4),
                            enjoyment: rating(3),
                            activity: rating(2),
                        },
                    ),
                    measure("m3", 7, Answers::Pgic(PgicAnswer::Better)),
                ],
            ]
            .concat(),
            activities: [activities, vec![activity]].concat(),
            questions: [
                questions,
                vec![Question {
                    id: RecordId("q1".into()),
                    at: at(8),
                    local_date: date(8),
                    text: "Is swimming fine?".into(),
                    asked_on: Some(date(9)),
                }],
            ]
            .concat(),
            sign_records: [
                sign_records,
                vec![
                    SignRecord {
                        id: RecordId("r1".into()),
                        at: at(10),
                        utc_offset_secs: 0,
                        local_date: date(10),
                        event: SignEvent::Reported(vec![RedFlag::RiskHistory]),
                    },
                    SignRecord {
                        id: RecordId("r2".into()),
                        at: at(11),
                        utc_offset_secs: 0,
                        local_date: date(11),
                        event: SignEvent::Answered(RedFlag::RiskHistory, SignAnswer::DoctorKnows),
                    },
                ],
            ]
            .concat(),
            version_choices: [
                version_choices,
                vec![crate::versions::VersionChoice {
                    id: RecordId("v1".into()),
                    at: at(9),
                    utc_offset_secs: 0,
                    local_date: date(9),
                    exercise_id: "open-book".into(),
                    exercise: "Open book".into(),
                    version: crate::catalog::Version::HARDER,
                    version_name: "a wider arc".into(),
                }],
            ]
            .concat(),
            progressions: [
                progressions,
                vec![crate::progression::ProgressionRecord {
                    id: RecordId("g1".into()),
                    at: at(12),
                    utc_offset_secs: 0,
                    local_date: date(12),
                    exercise_id: "crab-pose".into(),
                    exercise: "Crab pose".into(),
                    from: crate::catalog::Version::STANDARD,
                    to: crate::catalog::Version::HARDER,
                    to_name: "hips up".into(),
                    event: crate::progression::ProgressionEvent::Declined,
                }],
            ]
            .concat(),
            prompts: [
                prompts,
                vec![crate::prompt_record::PromptRecord {
                    key: "doctor-high:2026-W11".into(),
                    level: crate::prompt_record::PromptLevel::SeeDoctor,
                    title: "Your pain has stayed high for two weeks".into(),
                    shown_at: at(10),
                    utc_offset_secs: 0,
                    local_date: date(10),
                    hidden_on: Some(date(11)),
                    answered: Some(crate::prompt_record::Answered {
                        answer: crate::prompt_record::PromptAnswer::SeenMyDoctor,
                        on: date(12),
                    }),
                    from_closed_file: true,
                }],
            ]
            .concat(),
            homes,
        };
        assert!(
            log.sessions[0].pain_areas.is_empty(),
            "the sample's session gets its areas here"
        );
        let mut log = log;
        log.sessions[0].pain_areas = vec![crate::body_area::BodyArea::NeckBase];
        log.sessions[0].exercises[0].version = crate::catalog::Version::EASIER;
        log
    }

    /// A hand edit with a field Limber does not know (a typo, or an invented one) is an error
    /// at its place, in every record type, nested ones and enum variants with fields included,
    /// and at the top: never dropped at the next save.
    #[test]
    fn unknown_fields_are_errors_with_their_place_in_every_record_type() {
        let log = fully_populated();
        let text = to_ron(&log);
        assert_eq!(parse(&text).unwrap(), log, "the sample round-trips");
        // Where to add the unknown field: before a field only that record type has.
        let places = [
            ("the log", "sessions:"),
            ("a session", "routine_version:"),
            ("an exercise's record", "holds_done:"),
            ("a partly done exercise", "sets_done:"),
            ("a check-in", "flags:"),
            ("an export record", "format:"),
            ("a pain entry", "note:"),
            ("a measure", "answers:"),
            ("a PSFS activity's rating", "rating:"),
            ("a PEG answer", "enjoyment:"),
            ("an activity", "added_on:"),
            ("a question", "asked_on:"),
            ("a sign record", "event: Answered("),
            ("a choice of version", "version: Harder"),
            ("a progression record", "event: Declined"),
            ("a prompt record", "hidden_on:"),
            ("a prompt's answer", "answer:"),
        ];
        for (record, field) in places {
            assert!(
                text.matches(field).count() == 1 || field == "answers:",
                "{field} is unique: {text}"
            );
            let bad = text.replacen(field, &format!("mystery: 1, {field}"), 1);
            let expected_line = bad.lines().position(|l| l.contains("mystery")).unwrap() + 1;
            let expected_column = bad
                .lines()
                .nth(expected_line - 1)
                .and_then(|l| l.find("mystery"))
                .unwrap()
                + 1;
            match parse(&bad) {
                Err(StoreError::Damaged {
                    line,
                    column,
                    problem,
                    ..
                }) => {
                    assert_eq!(line, expected_line, "{record}: {problem}");
                    assert!(
                        (expected_column..=expected_column + "mystery".len()).contains(&column),
                        "{record}: column {column}, expected {expected_column}: {problem}"
                    );
                    assert!(problem.contains("`mystery`"), "{record}: {problem}");
                }
                other => panic!("{record}: expected a damaged-file error, got {other:?}"),
            }
        }
    }

    #[test]
    fn an_export_record_s_offset_of_a_day_or_more_is_placed_on_its_line() {
        let text = to_ron(&fully_populated());
        let bad = text.replacen(
            "utc_offset_secs: Some(3600)",
            "utc_offset_secs: Some(90000)",
            1,
        );
        assert_ne!(bad, text);
        let expected_line = bad.lines().position(|l| l.contains("90000")).unwrap() + 1;
        match parse(&bad) {
            Err(StoreError::Damaged { line, problem, .. }) => {
                assert_eq!(line, expected_line, "{problem}");
                assert!(problem.contains("90000"), "{problem}");
            }
            other => panic!("expected a damaged-file error, got {other:?}"),
        }
    }

    #[test]
    fn newer_schema_is_refused_even_when_unparsable() {
        let text = to_ron(&sample());
        let next = SCHEMA_VERSION + 1;
        let newer = text
            .replace(
                &format!("schema_version: {SCHEMA_VERSION}"),
                &format!("schema_version: {next}"),
            )
            .replace("notes:", "notes_next: Shiny(1), notes:");
        match parse(&newer) {
            Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, next),
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
    fn a_byte_order_mark_is_accepted() {
        let log = sample();
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(to_ron(&log).as_bytes());
        assert_eq!(parse_log(&bytes, Path::new("x.ron")).unwrap(), log);
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_real_line_and_column() {
        let text = to_ron(&sample());
        let line_no = text.lines().position(|l| l.contains("notes:")).unwrap();
        let mut bytes = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if i == line_no {
                bytes.extend_from_slice(b"\t\t\tnotes: \"caf\xe9\",");
            } else {
                bytes.extend_from_slice(line.as_bytes());
            }
            bytes.push(b'\n');
        }
        match parse_log(&bytes, Path::new("x.ron")) {
            Err(StoreError::Damaged {
                line,
                column,
                problem,
                ..
            }) => {
                // Three tabs and `notes: "caf` come before the bad byte.
                assert_eq!((line, column), (line_no + 1, 15), "{problem}");
                assert!(problem.contains("UTF-8"), "{problem}");
            }
            other => panic!("expected a damaged-file error, got {other:?}"),
        }
    }

    #[test]
    fn deep_nesting_is_explained_without_jargon() {
        let text = format!(
            "(schema_version: 3, sessions: {}{})",
            "[".repeat(500),
            "]".repeat(500)
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.contains("line 1, column 32"), "{err}");
        assert!(
            !err.contains("serde_stacker") && !err.contains("recursion"),
            "{err}"
        );
        assert!(
            err.contains("a session") && !err.contains("struct") && !err.contains("`Session`"),
            "no type names: {err}"
        );
    }

    #[test]
    fn unsorted_sessions_are_sorted_on_load() {
        let mut log = sample();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        log.sessions.insert(
            0,
            Session::start(later, FixedOffset::east_opt(0).unwrap(), 1),
        );
        let loaded = parse(&to_ron(&log)).unwrap();
        assert!(loaded.sessions[0].started_at < loaded.sessions[1].started_at);
    }

    #[test]
    fn records_of_one_exercise_share_their_id_and_name_after_loading() {
        let mut log = sample();
        let later = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
        let mut second = Session::start(later, FixedOffset::east_opt(0).unwrap(), 1);
        second.exercises = log.sessions[0].exercises.clone();
        log.upsert(second);
        let loaded = parse(&to_ron(&log)).unwrap();
        let [first, second] = [&loaded.sessions[0], &loaded.sessions[1]]
            .map(|s| s.exercises.first().unwrap().clone());
        assert!(ArcStr::ptr_eq(&first.exercise_id, &second.exercise_id));
        assert!(ArcStr::ptr_eq(&first.name, &second.name));
    }
}
