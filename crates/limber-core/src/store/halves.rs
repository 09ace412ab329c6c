//! A large log file read on two cores. RON is parsed at about 90 MB/s on one core, so a
//! 100,000-session backup (140 MB) took 1.6 s to read before anything else could happen.
//!
//! The sessions list of a file Limber wrote has one session after another, each starting on a
//! line of its own (two tabs and an opening bracket). The text is cut at such a line near the
//! middle of the list, and ron parses each half as a list of sessions, on its own thread, and
//! the rest of the file (its other records) as a log without sessions. Nothing here reads RON:
//! the cut only chooses where ron starts and stops.
//!
//! A cut that is not between two sessions always falls inside a string (a note with such a
//! line), which leaves the first half with a string that never ends, and ron refuses it. On
//! any refusal, or a file laid out another way, the caller parses the whole file on one thread
//! as before, so every error keeps its real line and column.

use crate::session::{Session, SessionLog};

/// Files smaller than this are read on one thread: months and ordinary backups are far smaller,
/// and the second thread would cost more than it saves.
pub(super) const SPLIT_FROM_BYTES: usize = 8 << 20;

const LIST_START: &str = "\n\tsessions: [\n";
const LIST_END: &str = "\n\t],\n";
const SESSION_START: &str = "\n\t\t(\n";

/// The log in `text`, parsed in two halves on two threads, or `None` when the file is not laid
/// out as Limber writes it or any part does not parse.
pub(super) fn parse_in_halves(text: &str) -> Option<SessionLog> {
    let list = text.find(LIST_START)? + LIST_START.len();
    let list_end = list + text[list..].find(LIST_END)? + 1;
    let middle = list + (list_end - list) / 2;
    let cut = middle + text.get(middle..list_end)?.find(SESSION_START)? + 1;
    let (first, second) = (&text[list..cut], &text[cut..list_end]);
    // The file with an empty sessions list in place of the real one ("[\n" and "\t],\n").
    let rest = format!("{}[],\n{}", &text[..list - 2], &text[list_end + 4..]);
    let sessions = |part: &str| {
        let parsed = ron::Options::default().from_str::<Vec<Session>>(&format!("[{part}]"));
        crate::session::forget_interned();
        parsed.ok()
    };
    let (first, second, rest) = std::thread::scope(|scope| {
        let other = scope.spawn(|| sessions(second));
        let first = sessions(first);
        let rest = ron::Options::default().from_str::<SessionLog>(&rest).ok();
        (first, other.join().ok().flatten(), rest)
    });
    let (mut sessions, second, mut log) = (first?, second?, rest?);
    if !log.sessions.is_empty() {
        return None;
    }
    sessions.extend(second);
    log.sessions = sessions;
    Some(log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::SessionLog;
    use crate::store::to_ron;
    use chrono::{FixedOffset, TimeZone, Utc};

    fn log_of(notes: &[impl AsRef<str>]) -> SessionLog {
        let zone = FixedOffset::east_opt(0).unwrap();
        let mut log = SessionLog {
            schema_version: crate::session::SCHEMA_VERSION,
            ..SessionLog::default()
        };
        for (n, note) in notes.iter().enumerate() {
            let at = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap()
                + chrono::TimeDelta::days(i64::try_from(n).unwrap());
            let mut session = Session::start(at, zone, 1);
            session.notes = note.as_ref().to_owned();
            log.sessions.push(session);
        }
        log.check_ins.push(crate::session::CheckIn {
            at: Utc.with_ymd_and_hms(2026, 1, 3, 9, 0, 0).unwrap(),
            local_date: chrono::NaiveDate::from_ymd_opt(2026, 1, 3).unwrap(),
            flags: Vec::new(),
        });
        log
    }

    #[test]
    fn both_halves_and_the_other_records_come_back_whole() {
        let log = log_of(&["a", "b", "c", "d", "e"]);
        assert_eq!(parse_in_halves(&to_ron(&log)), Some(log));
    }

    #[test]
    fn a_note_that_looks_like_the_end_of_the_list_is_refused_and_read_whole() {
        // The first line that looks like the end of the sessions list is inside a note.
        let tricky = "first line\n\t\t(\n\t],\nlast line";
        let log = log_of(&[tricky; 6]);
        let text = to_ron(&log);
        assert!(text.contains(LIST_END), "the note keeps its lines");
        assert_eq!(parse_in_halves(&text), None);
        let path = std::path::Path::new("backup.ron");
        assert_eq!(
            crate::store::parse_log(text.as_bytes(), path).ok(),
            Some(log)
        );
    }

    #[test]
    fn a_cut_inside_a_note_is_refused_never_misread() {
        // Each session's note holds the line the cut looks for, at several places in the list.
        for count in 2..12 {
            let notes: Vec<String> = (0..count)
                .map(|n| format!("{}\n\t\t(\nand after", "x".repeat(n * 37)))
                .collect();
            let log = log_of(&notes);
            if let Some(parsed) = parse_in_halves(&to_ron(&log)) {
                assert_eq!(parsed, log, "{count} sessions");
            }
        }
    }

    #[test]
    fn a_large_file_reads_the_same_as_on_one_thread() {
        let mut notes: Vec<String> = (0..40_000).map(|n| format!("note {n}")).collect();
        notes[20_000] = "a line\n\t\t(\nthat looks like a session".into();
        let log = log_of(&notes);
        let text = to_ron(&log);
        assert!(text.len() >= SPLIT_FROM_BYTES, "{} bytes", text.len());
        let one_thread = ron::Options::default()
            .from_str::<SessionLog>(&text)
            .unwrap();
        assert_eq!(parse_in_halves(&text).as_ref(), Some(&one_thread));
        let path = std::path::Path::new("backup.ron");
        assert_eq!(
            crate::store::parse_log(text.as_bytes(), path).ok(),
            Some(log)
        );
    }

    #[test]
    fn a_file_laid_out_another_way_is_left_to_the_single_reader() {
        let log = log_of(&["a", "b"]);
        let compact = ron::to_string(&log).unwrap();
        assert_eq!(parse_in_halves(&compact), None);
    }
}
