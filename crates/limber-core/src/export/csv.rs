//! The spreadsheet export: `sessions.csv` (one row per session or rest day),
//! `exercises.csv` (one row per exercise per session), `daily_pain.csv` (the figures' daily pain
//! and 7-day mean, one row per day) and the diary's tables, UTF-8 with a byte-order mark and a
//! header row.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` as a formula (and some also
//! a leading tab or carriage return), so every text cell that starts with one of them gets a
//! `'` in front (see [`neutralise`]). Numeric columns are written as plain numbers: a pain
//! change of `-2` stays `-2`, which a spreadsheet reads as the number it is.
//!
//! Every table writes a local offset as `UTC+01:00` (see [`utc_offset`]), never a bare
//! `+01:00`, which spreadsheets read as a time. Control characters a person may paste into a
//! note (NUL, ESC, BEL, …) are written as their visible Unicode pictures (see
//! [`visible_controls`]); tabs and line breaks stay as they are.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use chrono::FixedOffset;

use crate::body_area::BodyArea;
use crate::catalog::Routine;
use crate::figures::Figures;
use crate::log::SessionLog;
use crate::measures::MeasureResponse;
use crate::pain_entry::PainEntry;
use crate::session::{Completion, ExerciseRecord, Hurt, Session, SessionKind};

use super::{
    ExportError, ExportFormat, Period, check_content, check_file_target, entries, write_all_or_none,
};

mod progressions;
mod prompts;

pub use progressions::{PROGRESSIONS_FILE, PROGRESSIONS_HEADER, progressions_csv};
pub use prompts::{PROMPTS_FILE, PROMPTS_HEADER, prompts_csv};

/// The file name of the per-session table.
pub const SESSIONS_FILE: &str = "sessions.csv";

/// The file name of the per-exercise table.
pub const EXERCISES_FILE: &str = "exercises.csv";

/// The file name of the daily pain table.
pub const DAILY_PAIN_FILE: &str = "daily_pain.csv";

/// The columns of `daily_pain.csv`, in order.
pub const DAILY_PAIN_HEADER: [&str; 3] = ["date", "mean_pain", "mean_pain_7_days"];

/// The columns of `sessions.csv`, in order.
pub const SESSIONS_HEADER: [&str; 17] = [
    "date",
    "start_time",
    "utc_offset",
    "duration_min",
    "routine_version",
    "pain_before",
    "pain_after",
    "pain_change",
    "symptoms",
    "exercises_done",
    "exercises_planned",
    "exercises_that_hurt",
    "rest_day_reason",
    "notes",
    "session_id",
    "gentle",
    "kind",
];

/// The columns of `exercises.csv`, in order.
pub const EXERCISES_HEADER: [&str; 11] = [
    "date",
    "start_time",
    "exercise_id",
    "exercise",
    "completion",
    "sets_done",
    "reps_done",
    "holds_done",
    "hurt",
    "session_id",
    "version",
];

/// The UTF-8 byte-order mark each file starts with: without it the default import of `LibreOffice`
/// and Excel read the file in a legacy encoding and garble every non-ASCII letter of a note.
pub const BYTE_ORDER_MARK: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// The file name of the outcome-measure table (one row per item of each check-in).
pub const MEASURES_FILE: &str = "measures.csv";

/// The file name of the table of pain logged outside sessions.
pub const PAIN_ENTRIES_FILE: &str = "pain_entries.csv";

/// The file name of the questions for the therapist.
pub const QUESTIONS_FILE: &str = "questions.csv";

/// The columns of `measures.csv`, in order.
pub const MEASURES_HEADER: [&str; 9] = [
    "date",
    "time",
    "utc_offset",
    "measure",
    "score",
    "item",
    "item_text",
    "rating",
    "response_id",
];

/// The columns of `pain_entries.csv`, in order.
pub const PAIN_ENTRIES_HEADER: [&str; 7] = [
    "date",
    "time",
    "utc_offset",
    "pain",
    "areas",
    "note",
    "entry_id",
];

/// The columns of `questions.csv`, in order.
pub const QUESTIONS_HEADER: [&str; 4] = ["date", "question", "asked_on", "question_id"];

/// The characters that make a spreadsheet treat a cell as a formula when they come first.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Makes a text cell safe to open in a spreadsheet: when it starts with `=`, `+`, `-`, `@`,
/// a tab or a carriage return, a `'` is put in front so that it is shown as text and never run
/// as a formula. Other text is returned unchanged.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The local start time of a session, "HH:MM".
fn start_time(session: &Session) -> String {
    session.local_start().format("%H:%M").to_string()
}

/// A local offset as `UTC+01:00`, the text of every table's `utc_offset` column. A bare
/// `+01:00` is read by spreadsheets as a time of day (`LibreOffice` showed `01:00:00 AM`, and
/// `-05:00` became `-05:00:00`); with the `UTC` in front no spreadsheet converts it.
pub(super) fn utc_offset(offset: FixedOffset) -> String {
    format!("UTC{offset}")
}

/// The first of the Unicode control pictures (U+2400, "NUL"); the picture of C0 control `c` is
/// this plus `c`.
const CONTROL_PICTURES: u32 = 0x2400;
/// The control picture of DEL (U+007F).
const DELETE_PICTURE: char = '\u{2421}';

/// Whether `c` is a control character written as its picture: C0 controls other than tab,
/// line feed and carriage return, and DEL.
fn is_hidden_control(c: char) -> bool {
    (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{7f}'
}

/// Writes each C0 control character other than tab, line feed and carriage return, and DEL, as
/// its visible Unicode control picture (NUL as `␀`, ESC as `␛`, BEL as `␇`, DEL as `␡`), so a
/// pasted control character never goes raw into a spreadsheet, and notes keep their line
/// breaks. Other text is returned unchanged.
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    if !text.contains(is_hidden_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{7f}' => DELETE_PICTURE,
                c if is_hidden_control(c) => char::from_u32(CONTROL_PICTURES + u32::from(c))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
                c => c,
            })
            .collect(),
    )
}

/// A whole number, or an empty cell.
fn number<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The `kind` cell of `sessions.csv`: `routine`, `rest_day` or `break` (a desk break, schema
/// 12: one set of each exercise of the break routine, no pain questions).
pub fn kind_label(kind: &SessionKind) -> &'static str {
    match kind {
        SessionKind::Routine => "routine",
        SessionKind::RestDay(_) => "rest_day",
        SessionKind::Break => "break",
    }
}

fn session_row(session: &Session) -> [String; 17] {
    let rest_reason = match &session.kind {
        SessionKind::Routine | SessionKind::Break => None,
        SessionKind::RestDay(reason) => Some(reason.label()),
    };
    let is_routine = rest_reason.is_none();
    let symptoms: Vec<&str> = session.symptoms.iter().map(|s| s.label()).collect();
    let hurt: Vec<String> = session
        .exercises
        .iter()
        .filter_map(|r| r.hurt.map(|h| format!("{} ({})", r.name, h.label())))
        .collect();
    let duration = session.duration().filter(|_| is_routine).map(|d| {
        let secs = i32::try_from(d.num_seconds().max(0)).unwrap_or(i32::MAX);
        format!("{:.1}", f64::from(secs) / 60.0)
    });
    [
        session.local_date.to_string(),
        if is_routine {
            start_time(session)
        } else {
            String::new()
        },
        utc_offset(session.offset()),
        duration.unwrap_or_default(),
        number(is_routine.then_some(session.routine_version)),
        number(session.pain_before),
        number(session.pain_after),
        number(session.pain_change()),
        neutralise(&symptoms.join("; ")).into_owned(),
        number(is_routine.then(|| session.done_count())),
        number(is_routine.then_some(session.exercises.len())),
        neutralise(&hurt.join("; ")).into_owned(),
        neutralise(&rest_reason.unwrap_or_default()).into_owned(),
        neutralise(&session.notes).into_owned(),
        neutralise(&session.id.0).into_owned(),
        match (&session.kind, session.gentle) {
            (SessionKind::Routine, true) => "yes".to_owned(),
            (SessionKind::Routine, false) => "no".to_owned(),
            (SessionKind::RestDay(_) | SessionKind::Break, _) => String::new(),
        },
        kind_label(&session.kind).to_owned(),
    ]
}

/// The label written for how far an exercise got.
fn completion_label(completion: Completion) -> &'static str {
    match completion {
        Completion::Done => "done",
        Completion::Partial { .. } => "partial",
        Completion::Skipped => "skipped",
    }
}

/// Sets and reps finished. A fully done exercise counts its dose from the routine (reps in all
/// sets, each side counted); when the routine no longer has it, the cells are left empty.
fn sets_and_reps(record: &ExerciseRecord, routine: &Routine) -> (Option<u32>, Option<u32>) {
    match record.completion {
        Completion::Done => routine
            .exercise(&record.exercise_id)
            .map_or((None, None), |e| {
                let dose = e.dose_of(record.version);
                let sides = if dose.per_side { 2 } else { 1 };
                (
                    Some(dose.sets),
                    Some(dose.sets.saturating_mul(dose.reps).saturating_mul(sides)),
                )
            }),
        Completion::Partial {
            sets_done,
            reps_done,
        } => (Some(u32::from(sets_done)), Some(u32::from(reps_done))),
        Completion::Skipped => (Some(0), Some(0)),
    }
}

fn exercise_row(session: &Session, record: &ExerciseRecord, routine: &Routine) -> [String; 11] {
    let (sets, reps) = sets_and_reps(record, routine);
    [
        session.local_date.to_string(),
        start_time(session),
        neutralise(&record.exercise_id).into_owned(),
        neutralise(&record.name).into_owned(),
        completion_label(record.completion).to_owned(),
        number(sets),
        number(reps),
        record.holds_done.to_string(),
        record.hurt.map(Hurt::label).unwrap_or_default().to_owned(),
        neutralise(&session.id.0).into_owned(),
        record.version.label(),
    ]
}

/// Writes a header and rows into CSV bytes, every cell with its control characters made
/// visible (see [`visible_controls`]).
pub(super) fn to_csv<const N: usize>(
    header: [&str; N],
    rows: impl Iterator<Item = [String; N]>,
) -> Result<Vec<u8>, ExportError> {
    let mut writer = ::csv::Writer::from_writer(BYTE_ORDER_MARK.to_vec());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| visible_controls(cell).into_owned()))?;
    }
    writer
        .into_inner()
        .map_err(|err| ExportError::Csv(::csv::Error::from(err.into_error())))
}

/// The rows of one check-in: one per item, the score repeated on each.
fn measure_rows(log: &SessionLog, response: &MeasureResponse) -> Vec<[String; 9]> {
    let local = response.at.with_timezone(&response.offset());
    let score = response.score().map(|s| format!("{s:.2}"));
    response
        .answers
        .items(log)
        .into_iter()
        .map(|item| {
            [
                response.local_date.to_string(),
                local.format("%H:%M").to_string(),
                utc_offset(response.offset()),
                response.kind().short_name().to_owned(),
                score.clone().unwrap_or_default(),
                item.link_id,
                neutralise(&item.text).into_owned(),
                item.value.to_string(),
                neutralise(&response.id.0).into_owned(),
            ]
        })
        .collect()
}

/// `measures.csv` for `period`: one row per item of each check-in, oldest first. Activity
/// names are the person's words, so they are neutralised like notes.
pub fn measures_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    let mut responses: Vec<&MeasureResponse> = log
        .measures()
        .iter()
        .filter(|m| period.contains(m.local_date))
        .collect();
    responses.sort_by_key(|m| m.at);
    to_csv(
        MEASURES_HEADER,
        responses.into_iter().flat_map(|m| measure_rows(log, m)),
    )
}

fn pain_entry_row(entry: &PainEntry) -> [String; 7] {
    let local = entry.local_time();
    [
        entry.local_date.to_string(),
        local.format("%H:%M").to_string(),
        utc_offset(entry.offset()),
        entry.pain.to_string(),
        BodyArea::join(&entry.areas),
        neutralise(&entry.note).into_owned(),
        neutralise(&entry.id.0).into_owned(),
    ]
}

/// `pain_entries.csv` for `period`: one row per "How is your back now?" entry, oldest first.
pub fn pain_entries_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    to_csv(
        PAIN_ENTRIES_HEADER,
        log.pain_entries()
            .iter()
            .filter(|e| period.contains(e.local_date))
            .map(pain_entry_row),
    )
}

/// `questions.csv`: every question still open, and those written in `period`.
pub fn questions_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    to_csv(
        QUESTIONS_HEADER,
        log.questions()
            .iter()
            .filter(|q| q.is_open() || period.contains(q.local_date))
            .map(|q| {
                [
                    q.local_date.to_string(),
                    neutralise(&q.text).into_owned(),
                    q.asked_on.map(|d| d.to_string()).unwrap_or_default(),
                    neutralise(&q.id.0).into_owned(),
                ]
            }),
    )
}

/// `sessions.csv` for `period`: one row per session or rest day, by date and start time.
pub fn sessions_csv(log: &SessionLog, period: Period) -> Result<Vec<u8>, ExportError> {
    to_csv(
        SESSIONS_HEADER,
        entries(log, period).into_iter().map(session_row),
    )
}

/// `daily_pain.csv` for `period`: for every day with a rating or a 7-day mean, the day's mean
/// pain (empty when it has no rating) and the 7-day mean, to two decimals, read from the
/// figures' one pain series (see [`crate::figures`]).
pub fn daily_pain_csv(figures: &Figures, period: Period) -> Result<Vec<u8>, ExportError> {
    let pain = figures.pain();
    let daily = pain.daily_in(period.first_day(), period.last_day());
    let two = |v: Option<f64>| v.map(|v| format!("{v:.2}")).unwrap_or_default();
    to_csv(
        DAILY_PAIN_HEADER,
        pain.rolling(period.first_day(), period.last_day())
            .into_iter()
            .filter_map(|(date, mean_7)| {
                let day = daily
                    .binary_search_by_key(&date, |(d, _)| *d)
                    .ok()
                    .and_then(|i| daily.get(i))
                    .map(|(_, v)| *v);
                (day.is_some() || mean_7.is_some())
                    .then(|| [date.to_string(), two(day), two(mean_7)])
            }),
    )
}

/// `exercises.csv` for `period`: one row per exercise of each routine session; `routine`
/// supplies the dose of exercises that were done in full.
pub fn exercises_csv(
    log: &SessionLog,
    routine: &Routine,
    period: Period,
) -> Result<Vec<u8>, ExportError> {
    to_csv(
        EXERCISES_HEADER,
        entries(log, period).into_iter().flat_map(|session| {
            session
                .exercises
                .iter()
                .map(move |record| exercise_row(session, record, routine))
        }),
    )
}

/// Writes `check_ins.csv`, `daily_pain.csv`, `exercises.csv`, `measures.csv`, `pain_entries.csv`,
/// `progressions.csv`, `prompts.csv`, `questions.csv` and `sessions.csv` for `period` into the folder `dir` as a set and returns their paths (sorted):
/// all are complete on disk before any replaces a file, and a failure leaves the folder as it was
/// (see [`write_all_or_none`]). A missing `dir` is created when the folder it would be in exists
/// (and removed again if the export fails); a missing folder above it is an error, as for the PDF
/// report.
pub fn write_csv(
    dir: &Path,
    figures: &Figures,
    period: Period,
) -> Result<Vec<PathBuf>, ExportError> {
    check_content(figures, ExportFormat::Csv, period)?;
    let (log, routine) = (figures.log(), figures.routine());
    let files = [
        (
            dir.join(super::check_ins_csv::CHECK_INS_FILE),
            super::check_ins_csv::check_ins_csv(log, period)?,
        ),
        (dir.join(DAILY_PAIN_FILE), daily_pain_csv(figures, period)?),
        (
            dir.join(EXERCISES_FILE),
            exercises_csv(log, routine, period)?,
        ),
        (dir.join(MEASURES_FILE), measures_csv(log, period)?),
        (dir.join(PAIN_ENTRIES_FILE), pain_entries_csv(log, period)?),
        (dir.join(PROGRESSIONS_FILE), progressions_csv(log, period)?),
        (dir.join(PROMPTS_FILE), prompts_csv(log, period)?),
        (dir.join(QUESTIONS_FILE), questions_csv(log, period)?),
        (dir.join(SESSIONS_FILE), sessions_csv(log, period)?),
    ];
    let created = !dir.exists();
    if created {
        check_file_target(dir)?;
        std::fs::create_dir(dir).map_err(|source| ExportError::Write {
            path: dir.to_owned(),
            source,
        })?;
    } else if !dir.is_dir() {
        return Err(ExportError::NotAFolder {
            path: dir.to_owned(),
        });
    }
    if let Err(err) = write_all_or_none(&files) {
        if created && let Err(cleanup) = std::fs::remove_dir(dir) {
            log::warn!(
                "could not remove the folder of a failed export: {cleanup} ({})",
                dir.display()
            );
        }
        return Err(err);
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_other_text_is_not() {
        for risky in ["=1+1", "+1", "-2 after walk", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(risky), format!("'{risky}"));
        }
        for safe in ["", "fine", "a=b", "'quoted", "2-1"] {
            assert_eq!(neutralise(safe), safe);
        }
    }

    #[test]
    fn control_characters_become_their_pictures_and_line_breaks_stay() {
        assert_eq!(
            visible_controls("a\u{0}b\u{1b}[31mc\u{7}d\u{7f}e\u{1f}"),
            "a\u{2400}b\u{241b}[31mc\u{2407}d\u{2421}e\u{241f}"
        );
        assert!(matches!(
            visible_controls("one\ttwo\r\nthree\n"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            visible_controls("caf\u{e9} \u{2400}"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn offsets_say_utc_east_and_west() {
        let east = FixedOffset::east_opt(3600).unwrap();
        let west = FixedOffset::west_opt(5 * 3600 + 1800).unwrap();
        assert_eq!(utc_offset(east), "UTC+01:00");
        assert_eq!(utc_offset(west), "UTC-05:30");
    }
}
