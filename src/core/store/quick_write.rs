//! Writes the log as RON text in Limber's layout: one session field a line, each exercise
//! record on one line, tab indents, and each exercise's name once, in a table at the top.
//!
//! Ten years of history is a file of several megabytes that is written again on every save;
//! through `serde` and `ron`'s pretty printer that took about 45 ms. Here each piece of the log
//! goes straight into a `String`. Whatever this writes, `ron` must read back as the same log:
//! the tests and the fuzz target check it on generated and random logs.

use std::cell::Cell;
use std::fmt::Write as _;

use chrono::{DateTime, Datelike as _, NaiveDate, SecondsFormat, Timelike as _, Utc};

use super::quick_read::{hurt_name, red_flag_name, symptom_name};
use crate::core::session::{
    CheckIn, Completion, ExerciseRecord, ExportRecord, PainScore, RestReason, SCHEMA_VERSION,
    Session, SessionKind, SessionLog,
};

/// Where the text goes: `flush` is called between sessions with the text so far, and may take
/// it away (to a file) or leave it (to build one `String`).
pub(super) fn write<E>(
    log: &SessionLog,
    out: &mut String,
    mut flush: impl FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    let names = NameTable::of(log);
    out.push_str("(\n\tschema_version: ");
    push_u32(out, SCHEMA_VERSION);
    out.push_str(",\n\texercise_names: ");
    let table = names.written();
    if table.is_empty() {
        out.push_str("{}");
    } else {
        out.push_str("{\n");
        for (id, name) in table {
            out.push_str("\t\t");
            push_str(out, id);
            out.push_str(": ");
            push_str(out, name);
            out.push_str(",\n");
        }
        out.push_str("\t}");
    }
    out.push_str(",\n\tsessions: ");
    if log.sessions.is_empty() {
        out.push_str("[]");
    } else {
        out.push_str("[\n");
        write_sessions(&log.sessions, &names, out, &mut flush)?;
        out.push_str("\t]");
    }
    out.push_str(",\n\tcheck_ins: ");
    list(out, &log.check_ins, write_check_in);
    out.push_str(",\n\texports: ");
    list(out, &log.exports, write_export);
    out.push_str(",\n)\n");
    flush(out)
}

/// Logs with at least this many sessions have the text of their newer half written on a
/// second thread while this one writes the older half (ten years: about 10 → 6 ms).
pub(super) const SPLIT_FROM_SESSIONS: usize = 1000;

/// Every session, in order. A long log is written in two halves at once; the newer half is
/// handed to `flush` after the older one, so the text is the same either way.
fn write_sessions<E>(
    sessions: &[Session],
    names: &NameTable,
    out: &mut String,
    flush: &mut impl FnMut(&mut String) -> Result<(), E>,
) -> Result<(), E> {
    let write_all = |sessions: &[Session],
                     out: &mut String,
                     flush: &mut dyn FnMut(&mut String) -> Result<(), E>| {
        for session in sessions {
            write_session(out, session, names);
            flush(out)?;
        }
        Ok(())
    };
    if sessions.len() < SPLIT_FROM_SESSIONS {
        return write_all(sessions, out, flush);
    }
    let (older, newer) = sessions.split_at(sessions.len() / 2);
    std::thread::scope(|scope| {
        let helper_names = names.clone();
        let helper = std::thread::Builder::new()
            .name("limber-save".to_owned())
            .spawn_scoped(scope, move || {
                let mut text = String::with_capacity(newer.len() * 1200);
                for session in newer {
                    write_session(&mut text, session, &helper_names);
                }
                text
            });
        write_all(older, out, flush)?;
        match helper.ok().and_then(|helper| helper.join().ok()) {
            Some(text) => {
                out.push_str(&text);
                flush(out)
            }
            // The thread could not start or failed: write the newer half here.
            None => write_all(newer, out, flush),
        }
    })
}

/// The name each exercise id has in the file's table: the name of its newest record. An id
/// with any record whose name is empty gets no entry, because a reader fills empty names from
/// the table and such a record must stay empty.
#[derive(Clone)]
struct NameTable<'a> {
    /// In the order first seen; `None` for an id left out of the table.
    entries: Vec<(&'a str, Option<&'a str>)>,
    /// For each entry, the start of its records' line: `(exercise_id: "…"`, escaped once.
    starts: Vec<String>,
    /// Where the next lookup starts: records follow the routine's order, so the entry after the
    /// last one found is nearly always the next one wanted.
    hint: Cell<usize>,
}

impl<'a> NameTable<'a> {
    fn of(log: &'a SessionLog) -> NameTable<'a> {
        let mut table = NameTable {
            entries: Vec::new(),
            starts: Vec::new(),
            hint: Cell::new(0),
        };
        for record in log.sessions.iter().flat_map(|s| &s.exercises) {
            let name = (!record.name.is_empty()).then_some(&*record.name);
            if let Some(index) = table.find(&record.exercise_id) {
                let entry = &mut table.entries[index].1;
                if entry.is_some() {
                    *entry = name;
                }
            } else {
                table.entries.push((&*record.exercise_id, name));
                let mut start = String::from("(exercise_id: ");
                push_str(&mut start, &record.exercise_id);
                table.starts.push(start);
            }
        }
        table
    }

    /// The entry of `id`.
    fn find(&self, id: &str) -> Option<usize> {
        let hint = self.hint.get();
        let index = match self.entries.get(hint) {
            Some((known, _)) if same(known, id) => hint,
            _ => self.entries.iter().position(|(known, _)| same(known, id))?,
        };
        self.hint.set(index + 1);
        Some(index)
    }

    /// The table as written: id and name, sorted by id.
    fn written(&self) -> Vec<(&'a str, &'a str)> {
        let mut written: Vec<(&str, &str)> = self
            .entries
            .iter()
            .filter_map(|(id, name)| Some((*id, (*name)?)))
            .collect();
        written.sort_unstable();
        written
    }

    /// Writes the start of a record's line: its id, and its name unless the table gives it.
    fn write_start(&self, out: &mut String, record: &ExerciseRecord) {
        let Some(index) = self.find(&record.exercise_id) else {
            // Every record's id was entered by `of`; written in full all the same.
            out.push_str("(exercise_id: ");
            push_str(out, &record.exercise_id);
            out.push_str(", name: ");
            push_str(out, &record.name);
            return;
        };
        out.push_str(&self.starts[index]);
        if !self.entries[index]
            .1
            .is_some_and(|name| same(name, &record.name))
        {
            out.push_str(", name: ");
            push_str(out, &record.name);
        }
    }
}

/// String equality, quick when both are the same shared copy (as loaded records' are).
fn same(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// Indentation of a session's fields (level 3).
const FIELD: &str = "\t\t\t";
/// Indentation of the items of a list inside a session (level 4).
const ITEM: &str = "\t\t\t\t";

/// A list at level 2 (`check_ins`, `exports`), each item a struct at level 3.
fn list<T>(out: &mut String, items: &[T], item: fn(&mut String, &T)) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push_str("[\n");
    for each in items {
        item(out, each);
    }
    out.push_str("\t]");
}

/// A list at level 4, inside a session or check-in: one item a line.
fn inner_list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push_str("[\n");
    for each in items {
        out.push_str(ITEM);
        item(out, each);
        out.push_str(",\n");
    }
    out.push_str(FIELD);
    out.push(']');
}

/// A level-3 field on its own line: `name: value,`.
fn field(out: &mut String, name: &str, value: impl FnOnce(&mut String)) {
    out.push_str(FIELD);
    out.push_str(name);
    out.push_str(": ");
    value(out);
    out.push_str(",\n");
}

fn write_session(out: &mut String, session: &Session, names: &NameTable) {
    out.push_str("\t\t(\n");
    field(out, "id", |out| push_str(out, &session.id.0));
    field(out, "kind", |out| push_kind(out, &session.kind));
    field(out, "started_at", |out| {
        push_instant(out, session.started_at);
    });
    field(out, "ended_at", |out| match session.ended_at {
        Some(at) => {
            out.push_str("Some(");
            push_instant(out, at);
            out.push(')');
        }
        None => out.push_str("None"),
    });
    field(out, "utc_offset_secs", |out| {
        push_i32(out, session.utc_offset_secs);
    });
    field(out, "local_date", |out| push_date(out, session.local_date));
    field(out, "routine_version", |out| {
        push_u32(out, session.routine_version);
    });
    field(out, "exercises", |out| {
        inner_list(out, &session.exercises, |out, record| {
            write_record(out, record, names);
        });
    });
    field(out, "pain_before", |out| {
        push_pain(out, session.pain_before);
    });
    field(out, "pain_after", |out| push_pain(out, session.pain_after));
    field(out, "symptoms", |out| {
        inner_list(out, &session.symptoms, |out, symptom| {
            out.push_str(symptom_name(*symptom));
        });
    });
    if !session.notes.is_empty() {
        field(out, "notes", |out| push_str(out, &session.notes));
    }
    out.push_str("\t\t),\n");
}

fn push_kind(out: &mut String, kind: &SessionKind) {
    let SessionKind::RestDay(reason) = kind else {
        out.push_str("Routine");
        return;
    };
    out.push_str("RestDay(");
    match reason {
        RestReason::FlareUp => out.push_str("FlareUp"),
        RestReason::Ill => out.push_str("Ill"),
        RestReason::Travelling => out.push_str("Travelling"),
        RestReason::Other(text) => {
            out.push_str("Other(");
            push_str(out, text);
            out.push(')');
        }
    }
    out.push(')');
}

/// One exercise record, on one line; its name only when the table does not give it.
fn write_record(out: &mut String, record: &ExerciseRecord, names: &NameTable) {
    names.write_start(out, record);
    match record.completion {
        Completion::Done => out.push_str(", completion: Done, holds_done: "),
        Completion::Skipped => out.push_str(", completion: Skipped, holds_done: "),
        Completion::Partial {
            sets_done,
            reps_done,
        } => {
            out.push_str(", completion: Partial(sets_done: ");
            push_u32(out, sets_done);
            out.push_str(", reps_done: ");
            push_u32(out, reps_done);
            out.push_str("), holds_done: ");
        }
    }
    push_u32(out, record.holds_done);
    if let Some(hurt) = record.hurt {
        out.push_str(", hurt: Some(");
        out.push_str(hurt_name(hurt));
        out.push(')');
    }
    out.push(')');
}

fn write_check_in(out: &mut String, check_in: &CheckIn) {
    out.push_str("\t\t(\n");
    field(out, "at", |out| push_instant(out, check_in.at));
    field(out, "local_date", |out| push_date(out, check_in.local_date));
    field(out, "flags", |out| {
        inner_list(out, &check_in.flags, |out, flag| {
            out.push_str(red_flag_name(*flag));
        });
    });
    out.push_str("\t\t),\n");
}

fn write_export(out: &mut String, export: &ExportRecord) {
    out.push_str("\t\t(\n");
    field(out, "at", |out| push_instant(out, export.at));
    field(out, "from", |out| push_date(out, export.from));
    field(out, "to", |out| push_date(out, export.to));
    field(out, "format", |out| push_str(out, &export.format));
    out.push_str("\t\t),\n");
}

/// A number in decimal.
fn push_u32(out: &mut String, value: u32) {
    let mut digits = [0u8; 10];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for digit in &digits[start..] {
        out.push(char::from(*digit));
    }
}

/// A signed number in decimal.
fn push_i32(out: &mut String, value: i32) {
    if value < 0 {
        out.push('-');
    }
    push_u32(out, value.unsigned_abs());
}

fn push_pain(out: &mut String, pain: Option<PainScore>) {
    match pain {
        Some(score) => {
            out.push_str("Some(");
            push_u32(out, u32::from(score.value()));
            out.push(')');
        }
        None => out.push_str("None"),
    }
}

/// `value` as exactly `width` digits (it must fit).
fn push_padded(out: &mut String, value: u32, width: u32) {
    let mut unit = 10u32.pow(width - 1);
    while unit > 0 {
        out.push(char::from(b'0' + (value / unit % 10) as u8));
        unit /= 10;
    }
}

/// `YYYY-MM-DD` for the years 0–9999.
fn push_ymd(out: &mut String, date: NaiveDate) {
    // The caller checked that the year is in 0..=9999.
    push_padded(out, date.year().unsigned_abs(), 4);
    out.push('-');
    push_padded(out, date.month(), 2);
    out.push('-');
    push_padded(out, date.day(), 2);
}

/// An instant as chrono's serde support writes it (RFC 3339, `Z`, fractions only if any):
/// whole seconds in the years 0–9999 directly, anything else through chrono.
fn push_instant(out: &mut String, at: DateTime<Utc>) {
    out.push('"');
    let naive = at.naive_utc();
    if (0..=9999).contains(&naive.year()) && naive.nanosecond() == 0 {
        push_ymd(out, naive.date());
        out.push('T');
        push_padded(out, naive.hour(), 2);
        out.push(':');
        push_padded(out, naive.minute(), 2);
        out.push(':');
        push_padded(out, naive.second(), 2);
        out.push('Z');
    } else {
        out.push_str(&at.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
    out.push('"');
}

/// A date as chrono's serde support writes it (its `Debug` form, `YYYY-MM-DD` in the years
/// 0–9999).
fn push_date(out: &mut String, date: NaiveDate) {
    if (0..=9999).contains(&date.year()) {
        out.push('"');
        push_ymd(out, date);
        out.push('"');
    } else {
        let _ = write!(out, "\"{date:?}\"");
    }
}

/// A quoted string, escaped as `ron` escapes it: each character as Rust's `char::escape_debug`
/// gives it, which leaves printable characters other than quotes and `\` as they are. Runs of
/// plain ASCII are copied whole.
fn push_str(out: &mut String, text: &str) {
    out.push('"');
    let bytes = text.as_bytes();
    let mut plain_from = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if PLAIN_ASCII[usize::from(byte)] {
            at += 1;
            continue;
        }
        // `at` is always at the start of a character: only whole characters are stepped over.
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let len = c.len_utf8();
        let plain = !c.is_ascii() && (surely_printable(c) || c.escape_debug().len() == 1);
        if !plain {
            out.push_str(&text[plain_from..at]);
            out.extend(c.escape_debug());
            plain_from = at + len;
        }
        at += len;
    }
    out.push_str(&text[plain_from..]);
    out.push('"');
}

/// The bytes that stand for themselves in a quoted string: printable ASCII except `"`, `'`
/// and `\`.
const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = b' ';
    while byte <= b'~' {
        table[byte as usize] = !matches!(byte, b'"' | b'\'' | b'\\');
        byte += 1;
    }
    table
};

/// Blocks of letters that `escape_debug` always leaves as they are (no control, format,
/// combining or unassigned characters in them; a test checks every one), so that notes in these
/// scripts skip the slower Unicode lookup.
fn surely_printable(c: char) -> bool {
    matches!(c,
        '\u{c0}'..='\u{2af}' // Latin-1 letters, Latin Extended-A and -B, IPA
        | '\u{410}'..='\u{44f}' // basic Cyrillic
        | '\u{3041}'..='\u{3096}' // Hiragana
        | '\u{30a1}'..='\u{30fa}' // Katakana
        | '\u{4e00}'..='\u{9fff}' // CJK Unified Ideographs
        | '\u{ac00}'..='\u{d7a3}' // Hangul syllables
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn numbers_and_times_are_written_as_fmt_and_chrono_write_them() {
        for value in [0, 7, 10, 99, 100, 4_294_967_295] {
            let mut ours = String::new();
            push_u32(&mut ours, value);
            assert_eq!(ours, value.to_string());
        }
        for value in [0, -1, 3600, -50_400, i32::MIN, i32::MAX] {
            let mut ours = String::new();
            push_i32(&mut ours, value);
            assert_eq!(ours, value.to_string());
        }
        let instants = [
            Utc.with_ymd_and_hms(2026, 3, 1, 7, 5, 9).unwrap(),
            Utc.with_ymd_and_hms(0, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(9999, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(-1, 12, 31, 23, 59, 59).unwrap(),
            Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 3, 1, 7, 5, 9).unwrap() + chrono::TimeDelta::nanoseconds(1),
            Utc.with_ymd_and_hms(2026, 3, 1, 7, 5, 9).unwrap()
                + chrono::TimeDelta::milliseconds(250),
        ];
        for at in instants {
            let mut ours = String::new();
            push_instant(&mut ours, at);
            assert_eq!(ours, ron::to_string(&at).unwrap());
            let mut ours = String::new();
            push_date(&mut ours, at.date_naive());
            assert_eq!(ours, ron::to_string(&at.date_naive()).unwrap());
        }
    }

    #[test]
    fn the_quick_printable_blocks_are_what_escape_debug_leaves_alone() {
        let mut checked = 0;
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            if surely_printable(c) {
                assert_eq!(c.escape_debug().to_string(), c.to_string(), "{c:?}");
                checked += 1;
            }
        }
        assert!(checked > 30_000, "{checked}");
    }

    #[test]
    fn strings_are_escaped_as_ron_escapes_them() {
        for text in [
            "plain",
            "it's \"quoted\" \\ tab\t cr\r nl\n nul\0 bell\u{7}",
            "é ß Ж ひらがな カタカナ 背中 한국어 🙂 \u{301}a\u{301} \u{200b}\u{feff}\u{e000}",
            "",
        ] {
            let mut ours = String::new();
            push_str(&mut ours, text);
            let theirs = ron::to_string(text).unwrap();
            assert_eq!(ours, theirs);
        }
    }
}
