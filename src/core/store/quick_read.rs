//! A quick reader for the log in the layout Limber itself writes.
//!
//! Ten years of history is a file of several megabytes, and the general RON parser (through
//! `serde`) reads it in 60–100 ms: too slow for a program that should open at once. This reader
//! knows the log's shape: fields in the order Limber writes them, plain whitespace and `//`
//! comments, the escapes Limber's writer uses. It reads such a file several times faster.
//!
//! It is only a shortcut. The moment it meets anything else (a block comment, a field out of
//! order, a value out of range, an unknown field from a newer Limber, a hand edit that RON
//! allows but Limber never writes) it gives up with `None`, and the caller reads the file with
//! `ron`, which either accepts it or names the line and column of the problem. So it never has
//! to explain an error, and it must never accept a file that `ron` would read differently or
//! refuse: the tests, and the `load_log` fuzz target on every input, check exactly that.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::file::fill_name;
use crate::core::session::{
    CheckIn, Completion, ExerciseRecord, ExportRecord, Hurt, PainScore, RedFlag, RestReason,
    Session, SessionId, SessionKind, SessionLog, Symptom,
};

/// Reads a log written in Limber's own layout; `None` for anything else.
pub(super) fn read(bytes: &[u8]) -> Option<SessionLog> {
    // The whole file must be UTF-8, as `ron` requires; after this, every string sliced at
    // ASCII delimiters is UTF-8 too.
    let text = std::str::from_utf8(bytes).ok()?;
    let mut reader = Reader {
        text,
        pos: 0,
        shared: Vec::new(),
        names: Vec::new(),
        empty: Arc::from(""),
    };
    let log = reader.log()?;
    reader.skip_ws();
    (reader.pos == text.len()).then_some(log)
}

/// A position in the text, and the shared copies of exercise ids and names read so far.
struct Reader<'a> {
    text: &'a str,
    pos: usize,
    /// One copy of each id and name (ten years hold the same few about 40,000 times each).
    shared: Vec<Arc<str>>,
    /// The file's table of exercise names, by id.
    names: Vec<(Arc<str>, Arc<str>)>,
    /// The name of a record that leaves it to the table, until the table fills it in.
    empty: Arc<str>,
}

/// Whether `b` can continue an identifier.
fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    /// Skips spaces, tabs, line ends and `//` comments (a fixture or a hand-edited file may
    /// start with one). A `/* */` comment is not skipped: its `/` makes the next expectation
    /// fail, and `ron` reads the file instead.
    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\t' | b'\r') => self.pos += 1,
                Some(b'/') if self.bytes().get(self.pos + 1) == Some(&b'/') => {
                    self.pos = self.bytes()[self.pos..]
                        .iter()
                        .position(|b| *b == b'\n')
                        .map_or(self.bytes().len(), |line_end| self.pos + line_end);
                }
                _ => return,
            }
        }
    }

    /// Skips whitespace and takes `byte`.
    fn expect(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Skips whitespace and takes the identifier `name` if it is next (and is the whole
    /// identifier, not the start of a longer one).
    fn word(&mut self, name: &str) -> bool {
        self.skip_ws();
        let rest = &self.bytes()[self.pos..];
        // Compared byte by byte: these words are short, and a call to `memcmp` for each costs
        // more than the comparison.
        let whole = rest.len() >= name.len()
            && rest.iter().zip(name.as_bytes()).all(|(a, b)| a == b)
            && !rest.get(name.len()).copied().is_some_and(is_ident_byte);
        if whole {
            self.pos += name.len();
        }
        whole
    }

    /// Takes `byte` if it comes right here, with no whitespace before it.
    fn expect_here(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.pos += 1)
    }

    /// Takes `name:`, written as Limber writes it (no space before the colon).
    fn field(&mut self, name: &str) -> Option<()> {
        self.word(name).then_some(())?;
        self.expect_here(b':')
    }

    /// Takes `name:` if the next field is `name`; `Some(false)` if another field or the end
    /// of the struct comes first.
    fn optional_field(&mut self, name: &str) -> Option<bool> {
        if self.word(name) {
            self.expect_here(b':')?;
            Some(true)
        } else {
            Some(false)
        }
    }

    /// After an item of a struct or list: takes the comma, or sees the closing `close`.
    /// Returns whether a comma was taken (so another item may follow).
    fn separator(&mut self, close: u8) -> Option<bool> {
        self.skip_ws();
        match self.peek()? {
            b',' => {
                self.pos += 1;
                Some(true)
            }
            b if b == close => Some(false),
            _ => None,
        }
    }

    /// After the last field of a struct: an optional trailing comma, then `)`.
    fn end_struct(&mut self) -> Option<()> {
        self.separator(b')')?;
        self.expect(b')')
    }

    /// A `[…]` list, each item read by `item`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.expect(b'[')?;
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            if self.peek()? == b']' {
                self.pos += 1;
                return Some(items);
            }
            items.push(item(self)?);
            if !self.separator(b']')? {
                self.expect(b']')?;
                return Some(items);
            }
        }
    }

    /// `None` or `Some(value)`.
    #[expect(
        clippy::option_option,
        reason = "the outer `None` gives up on the file, as everywhere in this reader"
    )]
    fn option<T>(&mut self, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.word("None") {
            return Some(None);
        }
        if !self.word("Some") {
            return None;
        }
        self.expect_here(b'(')?;
        let inner = value(self)?;
        self.expect(b')')?;
        Some(Some(inner))
    }

    /// A decimal number with no sign, no leading zero and no `_`, as Limber writes them.
    fn digits(&mut self) -> Option<u64> {
        self.skip_ws();
        self.digits_here()
    }

    /// [`Self::digits`] starting right here.
    fn digits_here(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
            self.pos += 1;
        }
        let len = self.pos - start;
        let leading_zero = len > 1 && self.bytes()[start] == b'0';
        // A number glued to letters or a dot (`3u8`, `2.5`) is not Limber's; let `ron` judge.
        let glued = self.peek().is_some_and(|b| is_ident_byte(b) || b == b'.');
        (len > 0 && !leading_zero && !glued).then_some(value)
    }

    fn u32(&mut self) -> Option<u32> {
        u32::try_from(self.digits()?).ok()
    }

    fn i32(&mut self) -> Option<i32> {
        self.skip_ws();
        if self.peek()? == b'-' {
            self.pos += 1;
            let magnitude = i64::try_from(self.digits_here()?).ok()?;
            i32::try_from(-magnitude).ok()
        } else {
            i32::try_from(self.digits()?).ok()
        }
    }

    fn pain(&mut self) -> Option<PainScore> {
        PainScore::new(u8::try_from(self.digits()?).ok()?)
    }

    /// A quoted string, borrowed from the text when it holds no escape.
    fn string(&mut self) -> Option<std::borrow::Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.pos;
        let bytes = self.bytes();
        let end = start
            + bytes[start..]
                .iter()
                .position(|b| *b == b'"' || *b == b'\\')?;
        if bytes[end] == b'"' {
            self.pos = end + 1;
            return Some(std::borrow::Cow::Borrowed(self.text.get(start..end)?));
        }
        let mut owned = String::from(self.text.get(start..end)?);
        self.pos = end;
        loop {
            let run_end = self.pos
                + bytes[self.pos..]
                    .iter()
                    .position(|b| *b == b'"' || *b == b'\\')?;
            owned.push_str(self.text.get(self.pos..run_end)?);
            self.pos = run_end + 1;
            if bytes[run_end] == b'"' {
                return Some(std::borrow::Cow::Owned(owned));
            }
            owned.push(self.escape()?);
        }
    }

    /// The character of an escape, after its `\`: the ones Rust's `escape_debug` (and so
    /// Limber's writer) produces. Others (`\x`, line continuations) are left to `ron`.
    fn escape(&mut self) -> Option<char> {
        let letter = self.peek()?;
        self.pos += 1;
        Some(match letter {
            b'\'' => '\'',
            b'"' => '"',
            b'\\' => '\\',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'0' => '\0',
            b'u' => {
                if self.peek()? != b'{' {
                    return None;
                }
                let start = self.pos + 1;
                let close = start
                    + self.bytes()[start..]
                        .iter()
                        .take(7)
                        .position(|b| *b == b'}')?;
                let hex = self.text.get(start..close)?;
                if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                self.pos = close + 1;
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
            }
            _ => return None,
        })
    }

    /// A string shared with every earlier record that has the same text.
    fn shared_string(&mut self) -> Option<Arc<str>> {
        let text = self.string()?;
        if let Some(shared) = self.shared.iter().find(|s| ***s == *text) {
            return Some(Arc::clone(shared));
        }
        let shared: Arc<str> = Arc::from(text.as_ref());
        self.shared.push(Arc::clone(&shared));
        Some(shared)
    }

    /// An instant, read the way chrono's serde support reads it.
    fn instant(&mut self) -> Option<DateTime<Utc>> {
        let text = self.string()?;
        if let Some(at) = plain_utc_instant(&text) {
            return Some(at);
        }
        let parsed: DateTime<FixedOffset> = text.parse().ok()?;
        Some(parsed.with_timezone(&Utc))
    }

    /// A calendar date, read the way chrono's serde support reads it.
    fn date(&mut self) -> Option<NaiveDate> {
        let text = self.string()?;
        if let Some(date) = plain_date(text.as_bytes()) {
            return Some(date);
        }
        text.parse().ok()
    }

    fn log(&mut self) -> Option<SessionLog> {
        self.expect(b'(')?;
        let schema_version = self.then("schema_version", Self::u32)?;
        // From version 2; a version-1 file goes straight on to its sessions.
        if self.optional_field("exercise_names")? {
            self.name_table()?;
            self.more()?;
        }
        let sessions = self.then("sessions", |r| r.list(Self::session))?;
        let check_ins = self.then("check_ins", |r| r.list(Self::check_in))?;
        let exports = self.last("exports", |r| r.list(Self::export))?;
        Some(SessionLog {
            schema_version,
            sessions,
            check_ins,
            exports,
            ..SessionLog::default()
        })
    }

    /// `{"id": "name", …}`. A repeated id is left to `ron`.
    fn name_table(&mut self) -> Option<()> {
        self.expect(b'{')?;
        loop {
            self.skip_ws();
            if self.peek()? == b'}' {
                self.pos += 1;
                return Some(());
            }
            let id = self.shared_string()?;
            self.expect_here(b':')?;
            let name = self.shared_string()?;
            if self.names.iter().any(|(known, _)| Arc::ptr_eq(known, &id)) {
                return None;
            }
            self.names.push((id, name));
            if !self.separator(b'}')? {
                return self.expect(b'}');
            }
        }
    }

    /// A field that another must follow: `name: value,`.
    fn then<T>(&mut self, name: &str, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.field(name)?;
        let value = value(self)?;
        self.more()?;
        Some(value)
    }

    /// The last field of a struct: `name: value` (a trailing comma allowed), then `)`.
    fn last<T>(&mut self, name: &str, value: impl FnOnce(&mut Self) -> Option<T>) -> Option<T> {
        self.field(name)?;
        let value = value(self)?;
        self.end_struct()?;
        Some(value)
    }

    /// Takes the comma after a field that must be followed by another.
    fn more(&mut self) -> Option<()> {
        self.separator(b')')?.then_some(())
    }

    fn session(&mut self) -> Option<Session> {
        self.expect(b'(')?;
        let id = SessionId(self.then("id", Self::string)?.into_owned());
        let kind = self.then("kind", Self::kind)?;
        let started_at = self.then("started_at", Self::instant)?;
        let ended_at = self.then("ended_at", |r| r.option(Self::instant))?;
        let utc_offset_secs = self.then("utc_offset_secs", Self::i32)?;
        FixedOffset::east_opt(utc_offset_secs)?;
        let local_date = self.then("local_date", Self::date)?;
        let routine_version = self.then("routine_version", Self::u32)?;
        let exercises = self.then("exercises", |r| r.list(Self::record))?;
        let pain_before = self.then("pain_before", |r| r.option(Self::pain))?;
        let pain_after = self.then("pain_after", |r| r.option(Self::pain))?;
        self.field("symptoms")?;
        let symptoms = self.list(Self::symptom)?;
        let mut notes = String::new();
        if self.separator(b')')? && self.optional_field("notes")? {
            notes = self.string()?.into_owned();
        }
        self.end_struct()?;
        Some(Session {
            id,
            kind,
            started_at,
            ended_at,
            utc_offset_secs,
            local_date,
            routine_version,
            exercises,
            pain_before,
            pain_after,
            symptoms,
            notes,
            pain_areas: Vec::new(),
        })
    }

    fn kind(&mut self) -> Option<SessionKind> {
        if self.word("Routine") {
            return Some(SessionKind::Routine);
        }
        if !self.word("RestDay") {
            return None;
        }
        self.expect_here(b'(')?;
        let reason = if self.word("FlareUp") {
            RestReason::FlareUp
        } else if self.word("Ill") {
            RestReason::Ill
        } else if self.word("Travelling") {
            RestReason::Travelling
        } else if self.word("Other") {
            self.expect_here(b'(')?;
            let text = self.string()?.into_owned();
            self.expect(b')')?;
            RestReason::Other(text)
        } else {
            return None;
        };
        self.expect(b')')?;
        Some(SessionKind::RestDay(reason))
    }

    fn record(&mut self) -> Option<ExerciseRecord> {
        self.expect(b'(')?;
        let exercise_id = self.then("exercise_id", Self::shared_string)?;
        // Left out when the file's table gives it.
        let name = if self.optional_field("name")? {
            let name = self.shared_string()?;
            self.more()?;
            name
        } else {
            Arc::clone(&self.empty)
        };
        let completion = self.then("completion", Self::completion)?;
        self.field("holds_done")?;
        let holds_done = self.u32()?;
        let mut hurt = None;
        if self.separator(b')')? && self.optional_field("hurt")? {
            hurt = self.option(Self::hurt)?;
        }
        self.end_struct()?;
        let mut record = ExerciseRecord {
            exercise_id,
            name,
            completion,
            holds_done,
            hurt,
        };
        fill_name(&mut record, &self.names);
        Some(record)
    }

    fn completion(&mut self) -> Option<Completion> {
        if self.word("Done") {
            Some(Completion::Done)
        } else if self.word("Skipped") {
            Some(Completion::Skipped)
        } else if self.word("Partial") {
            self.expect_here(b'(')?;
            let sets_done = self.then("sets_done", Self::u32)?;
            let reps_done = self.last("reps_done", Self::u32)?;
            Some(Completion::Partial {
                sets_done,
                reps_done,
            })
        } else {
            None
        }
    }

    fn hurt(&mut self) -> Option<Hurt> {
        [Hurt::ALittle, Hurt::Stopped]
            .into_iter()
            .find(|hurt| self.word(hurt_name(*hurt)))
    }

    fn symptom(&mut self) -> Option<Symptom> {
        Symptom::ALL
            .into_iter()
            .find(|symptom| self.word(symptom_name(*symptom)))
    }

    fn red_flag(&mut self) -> Option<RedFlag> {
        RedFlag::ALL
            .into_iter()
            .find(|flag| self.word(red_flag_name(*flag)))
    }

    fn check_in(&mut self) -> Option<CheckIn> {
        self.expect(b'(')?;
        let at = self.then("at", Self::instant)?;
        let local_date = self.then("local_date", Self::date)?;
        let flags = self.last("flags", |r| r.list(Self::red_flag))?;
        Some(CheckIn {
            at,
            local_date,
            flags,
        })
    }

    fn export(&mut self) -> Option<ExportRecord> {
        self.expect(b'(')?;
        let at = self.then("at", Self::instant)?;
        let from = self.then("from", Self::date)?;
        let to = self.then("to", Self::date)?;
        let format = self.last("format", Self::string)?.into_owned();
        Some(ExportRecord {
            at,
            from,
            to,
            format,
        })
    }
}

/// `n` ASCII digits as a number.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |value, b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// `YYYY-MM-DD`, the way Limber writes every date, read without chrono's general parser.
/// Anything else, and any impossible date, is `None`, and chrono reads it.
fn plain_date(text: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text else {
        return None;
    };
    let year = i32::try_from(number(&[y0, y1, y2, y3])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m0, m1])?, number(&[d0, d1])?)
}

/// `YYYY-MM-DDTHH:MM:SSZ`, the way Limber writes every instant with whole seconds, read without
/// chrono's general parser. Anything else (fractions, offsets, a leap second, an impossible
/// date) is `None`, and chrono reads it.
fn plain_utc_instant(text: &str) -> Option<DateTime<Utc>> {
    let (date, time) = text.as_bytes().split_at_checked(10)?;
    let [b'T', h0, h1, b':', m0, m1, b':', s0, s1, b'Z'] = *time else {
        return None;
    };
    let time = chrono::NaiveTime::from_hms_opt(
        number(&[h0, h1])?,
        number(&[m0, m1])?,
        number(&[s0, s1])?,
    )?;
    Some(plain_date(date)?.and_time(time).and_utc())
}

/// A hurt mark's variant name in the file.
pub(super) fn hurt_name(hurt: Hurt) -> &'static str {
    match hurt {
        Hurt::ALittle => "ALittle",
        Hurt::Stopped => "Stopped",
    }
}

/// A symptom's variant name in the file.
pub(super) fn symptom_name(symptom: Symptom) -> &'static str {
    match symptom {
        Symptom::Stiffness => "Stiffness",
        Symptom::Tension => "Tension",
        Symptom::Tightness => "Tightness",
        Symptom::Discomfort => "Discomfort",
    }
}

/// A red flag's variant name in the file.
pub(super) fn red_flag_name(flag: RedFlag) -> &'static str {
    match flag {
        RedFlag::RecentViolentTrauma => "RecentViolentTrauma",
        RedFlag::MinorTraumaWithOsteoporosis => "MinorTraumaWithOsteoporosis",
        RedFlag::RiskHistory => "RiskHistory",
        RedFlag::FeverAndChills => "FeverAndChills",
        RedFlag::UnexplainedWeightLoss => "UnexplainedWeightLoss",
        RedFlag::RecentBacterialInfection => "RecentBacterialInfection",
        RedFlag::WorseningNumbness => "WorseningNumbness",
        RedFlag::ConstantSevereWorseningPain => "ConstantSevereWorseningPain",
        RedFlag::SevereMorningStiffness => "SevereMorningStiffness",
        RedFlag::ChestShapeChange => "ChestShapeChange",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Routine;
    use crate::core::sample::generate_log;
    use crate::core::store::file::{parse_log_reference, to_ron};
    use chrono::{TimeDelta, TimeZone};
    use std::path::Path;

    /// A log that uses every variant and every escape the writer can produce.
    fn every_shape() -> SessionLog {
        let start = Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap();
        let zone = FixedOffset::west_opt(5 * 3600 + 1800).unwrap();
        let mut log = SessionLog::default();
        let reasons = [
            RestReason::FlareUp,
            RestReason::Ill,
            RestReason::Travelling,
            RestReason::Other("Moving \"house\" — it's \\ hard\tnow\n\u{7}\u{301}a\u{301}".into()),
            RestReason::Other(String::new()),
        ];
        for (day, reason) in reasons.into_iter().enumerate() {
            let at = start + TimeDelta::days(i64::try_from(day).unwrap());
            log.upsert(Session::rest_day(at, zone, reason));
        }
        let mut session = Session::start(start + TimeDelta::nanoseconds(123_456_789), zone, 3);
        session.ended_at = Some(start + TimeDelta::milliseconds(1_500_250));
        session.pain_before = PainScore::new(10);
        session.pain_after = PainScore::new(0);
        session.symptoms = Symptom::ALL.to_vec();
        session.notes = "Zeile 1\r\nline 2 背中 🙂 \u{200b} \u{feff} end\\".into();
        for (index, completion) in [
            Completion::Done,
            Completion::Skipped,
            Completion::Partial {
                sets_done: 0,
                reps_done: u32::MAX,
            },
        ]
        .into_iter()
        .enumerate()
        {
            session.exercises.push(ExerciseRecord {
                exercise_id: format!("ex-{index}").into(),
                name: "Name with 'quotes'".into(),
                completion,
                holds_done: u32::try_from(index * 11).unwrap(),
                hurt: [None, Some(Hurt::ALittle), Some(Hurt::Stopped)][index],
            });
        }
        log.upsert(session);
        // An earlier session: one exercise under its old name, one record with no name at all.
        let mut earlier = Session::start(start - TimeDelta::days(3), zone, 2);
        for (id, name) in [("ex-0", "Old name"), ("ex-2", "")] {
            earlier.exercises.push(ExerciseRecord {
                exercise_id: id.into(),
                name: name.into(),
                ..ExerciseRecord::default()
            });
        }
        log.upsert(earlier);
        log.check_ins.push(CheckIn {
            at: start,
            local_date: start.date_naive(),
            flags: RedFlag::ALL.to_vec(),
        });
        log.check_ins.push(CheckIn {
            at: start + TimeDelta::days(7),
            local_date: start.date_naive() + TimeDelta::days(7),
            flags: Vec::new(),
        });
        log.exports.push(ExportRecord {
            at: start,
            from: start.date_naive() - TimeDelta::days(30),
            to: start.date_naive(),
            format: "pdf".into(),
        });
        log
    }

    /// What Limber writes, the quick reader and `ron` both read back as the log written.
    fn assert_same_as_ron(log: &SessionLog) {
        let text = to_ron(log);
        let quick = read(text.as_bytes()).expect("the quick reader reads what Limber writes");
        assert_eq!(&quick, log);
        assert_eq!(
            quick,
            parse_log_reference(text.as_bytes(), Path::new("log.ron")).unwrap()
        );
    }

    #[test]
    fn writes_and_reads_every_shape_as_ron_does() {
        assert_same_as_ron(&every_shape());
        assert_same_as_ron(&SessionLog::default());
    }

    #[test]
    fn writes_and_reads_three_generated_years_as_ron_does() {
        let routine = Routine::built_in().unwrap();
        let end = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let log = generate_log(3, 7, end, &routine);
        // Long enough to be written in two halves at once.
        assert!(log.sessions.len() > super::super::quick_write::SPLIT_FROM_SESSIONS);
        assert_same_as_ron(&log);
        let mut streamed = Vec::new();
        crate::core::store::file::write_log(&log, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), to_ron(&log));
    }

    #[test]
    fn names_are_written_once_unless_a_record_differs() {
        let text = to_ron(&every_shape());
        let table = "\texercise_names: {\n\t\t\"ex-0\": \"Name with \\'quotes\\'\",\n\t\t\"ex-1\": \"Name with \\'quotes\\'\",\n\t},\n";
        assert!(text.contains(table), "{text}");
        assert!(text.contains("(exercise_id: \"ex-0\", name: \"Old name\", completion: Skipped"));
        assert!(text.contains("(exercise_id: \"ex-0\", completion: Done"));
        // An id with an unnamed record stays out of the table; all its records carry names.
        assert!(text.contains("(exercise_id: \"ex-2\", name: \"\", completion"));
        assert!(text.contains("(exercise_id: \"ex-2\", name: \"Name with"));
    }

    #[test]
    fn records_share_one_copy_of_each_id_and_name() {
        let text = to_ron(&every_shape());
        let log = read(text.as_bytes()).unwrap();
        let session = log
            .sessions
            .iter()
            .find(|s| s.exercises.len() == 3)
            .unwrap();
        let [a, b] = [&session.exercises[0], &session.exercises[1]];
        assert!(Arc::ptr_eq(&a.name, &b.name));
        assert!(!Arc::ptr_eq(&a.exercise_id, &b.exercise_id));
    }

    /// Edits that `ron` may accept but Limber never writes: the quick reader leaves each of
    /// them to `ron`, and the log read in the end is `ron`'s.
    #[test]
    fn anything_not_in_limbers_layout_is_left_to_ron() {
        let text = to_ron(&every_shape());
        assert!(read(text.as_bytes()).is_some());
        let edits: [(&str, &str); 16] = [
            (
                "(\n\tschema_version",
                "/* a comment */\n(\n\tschema_version",
            ),
            ("(\n\tschema_version", "SessionLog(\n\tschema_version"),
            ("\tschema_version: 2,\n", "\tschema_version : 2,\n"),
            (
                "\texercise_names: {\n",
                "\texercise_names: {\n\t\t\"ex-0\": \"Again\",\n",
            ),
            (
                "\texercise_names: {\n",
                "\texercise_names: {\n\t\t\"ex-0\" : \"Spaced\",\n",
            ),
            ("routine_version: 3", "routine_version: 03"),
            ("routine_version: 3", "routine_version: 0x3"),
            ("routine_version: 3", "routine_version: 3_0"),
            ("pain_before: Some(10)", "pain_before: Some(11)"),
            ("pain_before: Some(10)", "pain_before: Some (10)"),
            ("utc_offset_secs: -19800", "utc_offset_secs: - 19800"),
            ("utc_offset_secs: -19800", "utc_offset_secs: -86400"),
            ("kind: Routine", "kind: Routine, extra: 1"),
            ("kind: Routine", "kind: Routine,\n kind: Routine"),
            (
                "holds_done: 11, hurt: Some(ALittle)",
                "hurt: Some(ALittle), holds_done: 11",
            ),
            ("\"pdf\"", "r\"pdf\""),
        ];
        for (from, to) in edits {
            assert!(text.contains(from), "{from}");
            let edited = text.replacen(from, to, 1);
            assert!(read(edited.as_bytes()).is_none(), "{to}");
            let ours = crate::core::store::parse_log(edited.as_bytes(), Path::new("log.ron"));
            let reference = parse_log_reference(edited.as_bytes(), Path::new("log.ron"));
            assert_eq!(format!("{ours:?}"), format!("{reference:?}"), "{to}");
        }
    }

    #[test]
    fn plain_dates_and_instants_read_as_chrono_reads_them() {
        let instants = [
            "2026-03-01T07:05:09Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2024-02-29T12:00:00Z",
        ];
        for text in instants {
            let chrono: DateTime<FixedOffset> = text.parse().unwrap();
            assert_eq!(plain_utc_instant(text), Some(chrono.with_timezone(&Utc)));
            let date = &text[..10];
            assert_eq!(plain_date(date.as_bytes()), Some(date.parse().unwrap()));
        }
        // Left to chrono: other shapes, and what chrono refuses or reads its own way.
        for text in [
            "2025-02-29T12:00:00Z",
            "2026-03-01T24:00:00Z",
            "2026-03-01T23:59:60Z",
            "2026-03-01T07:05:09+01:00",
            "2026-03-01T07:05:09.5Z",
            "2026-03-01 07:05:09Z",
            "2026-3-01T07:05:09Z",
            "+2026-03-01T07:05:09Z",
            "2026-03-01T07:05:09z",
        ] {
            assert_eq!(plain_utc_instant(text), None, "{text}");
        }
        assert_eq!(plain_date(b"2026-13-01"), None);
        assert_eq!(plain_date(b"2026-1-010"), None);
    }

    #[test]
    fn line_comments_are_read_past() {
        let log = every_shape();
        let text = to_ron(&log).replace(
            "\tsessions: [\n",
            "\tsessions: [ // every session\n// a line of its own\n",
        );
        assert_eq!(read(format!("// top\n{text}// end").as_bytes()), Some(log));
    }

    #[test]
    fn cut_short_or_trailing_text_is_left_to_ron() {
        let text = to_ron(&every_shape());
        for end in (0..text.len())
            .step_by(7)
            .filter(|end| text.is_char_boundary(*end))
        {
            assert!(read(&text.as_bytes()[..end]).is_none(), "cut at {end}");
        }
        assert!(read(format!("{text} x").as_bytes()).is_none());
        assert!(read(format!("{text}\n\n").as_bytes()).is_some());
    }
}
