//! Export for the therapist: a spreadsheet (two CSV files) and a one-page PDF report.
//!
//! Everything here is a pure function of the [`Figures`] (which hold the log and every number
//! shown: adherence, the pain series, the prompts, whether a period has content) and a
//! [`Period`] of local calendar dates; the only input/output is the final atomic write of the
//! finished bytes. Nothing here averages pain or counts doses itself.

pub mod brief;
pub mod brief_order;
pub mod brief_safety;
pub mod check_ins_csv;
pub mod csv;
pub mod fhir;
pub mod fhir_forms;
mod files;
mod run;

use std::fmt;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};

use crate::catalog::Dose;
use crate::figures::{Adherence, Figures, SessionPain};
use crate::log::SessionLog;
use crate::session::{ExportRecord, Session};

pub use self::csv::{daily_pain_csv, exercises_csv, sessions_csv, write_csv};
use self::files::write_all_or_none;
pub use self::files::{
    check_destination, check_file_target, files_written, refuse_the_log, write_file, write_ron,
};
pub use self::run::{
    PdfReport, Request, Sources, Written, has_content, missing_months, resolve_period, run,
};
/// The paper size of the PDF report: the one the settings keep.
pub use crate::settings::PageSize;

/// How many days the default period covers when nothing was exported before: four weeks,
/// the usual gap between two appointments.
pub const DEFAULT_PERIOD_DAYS: u64 = 28;

/// A span of local calendar dates, both ends included. Sessions are matched on their
/// [`Session::local_date`], so a time-zone or daylight-saving change never moves one out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    /// The dates from `first` to `last`, both included; an error when `last` comes before
    /// `first`.
    pub fn new(first: NaiveDate, last: NaiveDate) -> Result<Period, ExportError> {
        if last < first {
            return Err(ExportError::ReversedPeriod {
                from: first,
                to: last,
            });
        }
        Ok(Period { first, last })
    }

    /// The `days` days that end with `today` (at least one day).
    pub fn last_days(today: NaiveDate, days: u64) -> Period {
        let first = today
            .checked_sub_days(Days::new(days.saturating_sub(1)))
            .unwrap_or(NaiveDate::MIN);
        Period { first, last: today }
    }

    /// The period the Export screen proposes: from the day after the last export up to
    /// `today`, or the last four weeks when there was no export before (or the last one
    /// already reached today).
    pub fn default_for(log: &SessionLog, today: NaiveDate) -> Period {
        log.exports()
            .iter()
            .map(|record| record.to)
            .max()
            .and_then(|to| to.succ_opt())
            .filter(|first| *first <= today)
            .map_or_else(
                || Period::last_days(today, DEFAULT_PERIOD_DAYS),
                |first| Period { first, last: today },
            )
    }

    /// The first date included.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The last date included.
    pub fn last_day(self) -> NaiveDate {
        self.last
    }

    /// How many calendar days the period covers (at least 1).
    pub fn days(self) -> u64 {
        (self.last - self.first).num_days().unsigned_abs() + 1
    }

    /// Whether `date` lies within the period, ends included.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.first <= date && date <= self.last
    }

    /// Every date of the period, in order.
    pub fn dates(self) -> impl Iterator<Item = NaiveDate> {
        self.first.iter_days().take_while(move |d| *d <= self.last)
    }

    /// The record to add to [`SessionLog::exports`] once an export of this period was written
    /// at `at` (local offset `offset`), so that the next default period starts after it. It
    /// keeps the local date then, which files it in that month, as every record of the log.
    pub fn export_record(
        self,
        format: ExportFormat,
        at: DateTime<Utc>,
        offset: FixedOffset,
    ) -> ExportRecord {
        ExportRecord {
            at,
            utc_offset_secs: Some(offset.local_minus_utc()),
            local_date: Some(at.with_timezone(&offset).date_naive()),
            from: self.first,
            to: self.last,
            format: format.id().to_owned(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.first, self.last)
    }
}

/// The forms an export can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ExportFormat {
    /// `sessions.csv` and `exercises.csv` in a folder, for a spreadsheet.
    Csv,
    /// A one-page report to read or print.
    #[default]
    Pdf,
    /// A full backup of the log in Limber's own RON format (written by the store).
    Ron,
    /// An HL7 FHIR R4 bundle (JSON) of pain scores and outcome measures, for clinic systems.
    Fhir,
}

impl ExportFormat {
    /// All formats, in the order the Export screen offers them.
    pub const ALL: [ExportFormat; 4] = [
        ExportFormat::Pdf,
        ExportFormat::Csv,
        ExportFormat::Fhir,
        ExportFormat::Ron,
    ];

    /// The short id used on the command line and in [`ExportRecord::format`].
    pub fn id(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Pdf => "pdf",
            ExportFormat::Ron => "ron",
            ExportFormat::Fhir => "fhir",
        }
    }

    /// The file name extension of the format's files.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Fhir => "json",
            other => other.id(),
        }
    }

    /// The name shown on the Export screen.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "Spreadsheet (CSV)",
            ExportFormat::Pdf => "Report (PDF)",
            ExportFormat::Ron => "Backup (RON)",
            ExportFormat::Fhir => "Clinic system (FHIR JSON)",
        }
    }

    /// Whether the output path is a folder (CSV writes two files) rather than a file.
    pub fn writes_folder(self) -> bool {
        self == ExportFormat::Csv
    }

    /// A file name to propose for a period ending on `last_day`; `None` for folder outputs.
    pub fn suggested_file_name(self, last_day: NaiveDate) -> Option<String> {
        match self {
            ExportFormat::Csv => None,
            ExportFormat::Pdf => Some(format!("limber-report-{last_day}.pdf")),
            ExportFormat::Ron => Some(format!("limber-backup-{last_day}.ron")),
            ExportFormat::Fhir => Some(format!("limber-fhir-{last_day}.json")),
        }
    }
}

/// Why an export could not be made. Every message says what to do next and ends with the path
/// concerned, where there is one.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The end date comes before the start date.
    #[error("The period starts on {from} but ends earlier, on {to}. Put the earlier date first.")]
    ReversedPeriod {
        /// The start date given.
        from: NaiveDate,
        /// The end date given.
        to: NaiveDate,
    },
    /// No session or rest day falls in the period.
    #[error(
        "Nothing was logged from {from} to {to}, so there is nothing to export. Choose a longer period."
    )]
    EmptyPeriod {
        /// First date of the period.
        from: NaiveDate,
        /// Last date of the period.
        to: NaiveDate,
    },
    /// Some month files of the period could not be read: an export would leave out what was
    /// logged then, so nothing is written.
    #[error(
        "Nothing was exported: the log of {} could not be read, so an export of these dates \
         would leave out what you logged then. Set the damaged file aside in History or \
         restore a backup, then export again; or choose dates outside {}: {}",
        months.iter().map(|m| m.label()).collect::<Vec<_>>().join(", "),
        if months.len() == 1 { "that month" } else { "those months" },
        files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    MissingMonths {
        /// The months that could not be read, in order.
        months: Vec<crate::store::Month>,
        /// Their files.
        files: Vec<PathBuf>,
    },
    /// The folder to write into does not exist.
    #[error("The folder to export into does not exist. Create it or choose another folder: {}", path.display())]
    MissingFolder {
        /// The folder.
        path: PathBuf,
    },
    /// The spreadsheet export needs a folder, but the path names a file.
    #[error("This is a file, but the spreadsheet export needs a folder to put its two files in. Choose a folder, or a new folder name: {}", path.display())]
    NotAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// A file was expected but the path names a folder.
    #[error("This is a folder, but the export needs a file name. Add one, such as limber-report.pdf: {}", path.display())]
    IsAFolder {
        /// The path given.
        path: PathBuf,
    },
    /// The output would replace the session log, one of its month files or a backup.
    #[error(
        "Limber will not export there: that is where your session log and its backups are kept \
         ({}), and an export would replace them. Choose a file outside that folder, for \
         example in your Documents folder: {}",
        data_dir.display(),
        path.display()
    )]
    IntoTheLog {
        /// The output path given.
        path: PathBuf,
        /// The data folder that holds the log.
        data_dir: PathBuf,
    },
    /// The operating system refused the write.
    #[error("Could not write the export ({source}). Check that you may write there, or choose another place: {}", path.display())]
    Write {
        /// The file that could not be written; it was left as it was.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The CSV writer failed while writing into memory.
    #[error(
        "Could not put the spreadsheet together ({0}). Please report this problem to the Limber developers."
    )]
    Csv(#[from] ::csv::Error),
    /// The PDF library failed.
    #[error(
        "Could not put the PDF report together ({0}). Please report this problem to the Limber developers."
    )]
    Pdf(String),
    /// The FHIR bundle could not be put into JSON.
    #[error(
        "Could not put the FHIR file together ({0}). Please report this problem to the Limber developers."
    )]
    Fhir(#[source] serde_json::Error),
}

/// The records of `log` whose local date is `within`, as a log of its own.
pub fn log_part(log: &SessionLog, within: impl Fn(NaiveDate) -> bool) -> SessionLog {
    log.part(within)
}

/// The sessions and rest days of `period`, ordered by local date and then start time.
pub fn entries(log: &SessionLog, period: Period) -> Vec<&Session> {
    let mut entries: Vec<&Session> = log
        .sessions()
        .iter()
        .filter(|s| period.contains(s.local_date))
        .collect();
    // The log is kept in start-time order; a stable sort keeps it within each date.
    entries.sort_by_key(|s| s.local_date);
    entries
}

/// The 7-day mean on each day of `period` that has one, as the PDF's chart draws it (read from
/// the figures' one pain series).
pub fn chart_series(figures: &Figures, period: Period) -> Vec<(NaiveDate, f64)> {
    figures
        .pain()
        .rolling(period.first_day(), period.last_day())
        .into_iter()
        .filter_map(|(date, mean)| Some((date, mean?)))
        .collect()
}

/// An [`ExportError::EmptyPeriod`] unless an export of `period` in `format` has content (the
/// one rule, [`crate::figures::Content::has_content`]).
pub fn check_content(
    figures: &Figures,
    format: ExportFormat,
    period: Period,
) -> Result<(), ExportError> {
    if figures.content().has_content(format, period) {
        Ok(())
    } else {
        Err(ExportError::EmptyPeriod {
            from: period.first,
            to: period.last,
        })
    }
}

/// The routine's plan and what was done of one exercise over the period.
#[derive(Clone, Debug, PartialEq)]
pub struct ExerciseAdherence {
    /// The catalog id.
    pub id: String,
    /// The name in the routine.
    pub name: String,
    /// The dose the routine prescribes.
    pub dose: Dose,
    /// Its doses done against its doses planned (see [`crate::figures`]).
    pub adherence: Adherence,
    /// Sessions in which it was marked as hurting.
    pub hurt_sessions: usize,
    /// Mean of (pain after − pain before) over the sessions that included it.
    pub pain_change: Option<f64>,
}

/// What an export of a period will contain, for the Export screen and the report's header.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The period summarised.
    pub period: Period,
    /// Routine sessions (rest days not included).
    pub sessions: usize,
    /// Rest days.
    pub rest_days: usize,
    /// Entries with notes.
    pub notes: usize,
    /// The first and last dates on which something was logged, if anything was.
    pub logged_dates: Option<(NaiveDate, NaiveDate)>,
    /// Doses done against doses planned.
    pub adherence: Adherence,
    /// Sessions with pain after at or above [`crate::prompts::HIGH_PAIN_AFTER`].
    pub high_pain_sessions: usize,
    /// Sessions in which at least one exercise hurt.
    pub hurt_sessions: usize,
    /// Mean pain before and after the period's sessions.
    pub session_pain: SessionPain,
}

/// Summarises what an export of `period` contains.
pub fn summary(figures: &Figures, period: Period) -> Summary {
    summarise(figures, &entries(figures.log(), period), period)
}

/// The [`Summary`] of `period` from its `entries` (as [`entries`] lists them), read from the
/// figures (the PDF report lists the entries itself, so it passes them in).
pub fn summarise(figures: &Figures, entries: &[&Session], period: Period) -> Summary {
    let routine_sessions = || entries.iter().filter(|s| s.is_routine());
    Summary {
        period,
        sessions: routine_sessions().count(),
        rest_days: entries.iter().filter(|s| s.is_rest_day()).count(),
        notes: entries
            .iter()
            .filter(|s| !s.notes.trim().is_empty())
            .count(),
        logged_dates: entries
            .first()
            .zip(entries.last())
            .map(|(a, b)| (a.local_date, b.local_date)),
        adherence: figures.adherence(period.first, period.last),
        high_pain_sessions: routine_sessions().filter(|s| is_high_pain(s)).count(),
        hurt_sessions: routine_sessions().filter(|s| hurt_any(s)).count(),
        session_pain: figures.session_pain(period.first, period.last),
    }
}

/// Whether the pain after a session was high (the prompts' threshold).
pub fn is_high_pain(session: &Session) -> bool {
    session
        .pain_after
        .is_some_and(|p| p.value() >= crate::prompts::HIGH_PAIN_AFTER)
}

/// Whether any exercise of a session hurt.
pub fn hurt_any(session: &Session) -> bool {
    session.exercises.iter().any(|r| r.hurt.is_some())
}

/// Per-exercise adherence by dose: for each enabled exercise of the current routine, in routine
/// order, its doses done ÷ its doses planned over the period (each day by the routine version in
/// force that day; see [`crate::figures`]), and the sessions in which it hurt.
pub fn exercise_adherence(figures: &Figures, period: Period) -> Vec<ExerciseAdherence> {
    let routine = figures.routine();
    figures
        .exercise_stats(period.first, period.last)
        .into_iter()
        .filter(|s| s.in_routine)
        .filter_map(|s| {
            let exercise = routine.exercise(&s.exercise_id)?;
            Some(ExerciseAdherence {
                id: exercise.id.clone(),
                name: exercise.name.clone(),
                dose: exercise.dose,
                adherence: s.adherence,
                hurt_sessions: usize::try_from(s.times_hurt).unwrap_or(usize::MAX),
                pain_change: s.average_pain_change,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Routine;
    use crate::session::{Completion, ExerciseRecord, PainScore, RestReason};
    use chrono::{FixedOffset, TimeZone};
    use std::fs;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn session_on(day: NaiveDate, before: u8, after: u8, done: bool) -> Session {
        let at = Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap());
        let mut s = Session::start(at, FixedOffset::east_opt(0).unwrap(), 1);
        s.pain_before = PainScore::new(before);
        s.pain_after = PainScore::new(after);
        s.exercises.push(ExerciseRecord {
            exercise_id: "overhead-lat-stretch".into(),
            name: "Overhead lat stretch".into(),
            completion: if done {
                Completion::Done
            } else {
                Completion::Skipped
            },
            holds_done: 3,
            hurt: None,
            version: crate::catalog::Version::STANDARD,
        });
        s
    }

    #[test]
    fn default_period_is_four_weeks_then_since_last_export() {
        let today = date(2026, 3, 28);
        let mut log = SessionLog::default();
        let p = Period::default_for(&log, today);
        assert_eq!(
            (p.first_day(), p.last_day(), p.days()),
            (date(2026, 3, 1), today, 28)
        );
        log.exports.push(
            Period::new(date(2026, 2, 1), date(2026, 3, 10))
                .unwrap()
                .export_record(
                    ExportFormat::Pdf,
                    Utc::now(),
                    FixedOffset::east_opt(0).unwrap(),
                ),
        );
        let p = Period::default_for(&log, today);
        assert_eq!(p.first_day(), date(2026, 3, 11));
        log.exports
            .push(Period::new(date(2026, 3, 1), today).unwrap().export_record(
                ExportFormat::Csv,
                Utc::now(),
                FixedOffset::east_opt(0).unwrap(),
            ));
        assert_eq!(Period::default_for(&log, today).days(), 28);
    }

    #[test]
    fn the_export_screen_and_the_command_line_refuse_the_same_places() {
        let work = tempfile::tempdir().unwrap();
        let data = work.path().join("data");
        fs::create_dir_all(data.join("backups")).unwrap();
        let refused = |format, path: PathBuf| {
            matches!(
                check_destination(format, &path, &data),
                Err(ExportError::IntoTheLog { .. })
            )
        };
        assert!(refused(ExportFormat::Pdf, data.join("log.ron")));
        assert!(refused(
            ExportFormat::Ron,
            data.join("log").join("2026-11.ron")
        ));
        assert!(refused(ExportFormat::Csv, data.join("backups")));
        assert!(refused(ExportFormat::Csv, data.join("log")));
        assert!(!refused(ExportFormat::Pdf, data.join("report.pdf")));
        assert!(!refused(ExportFormat::Csv, data.clone()));
        assert!(!refused(ExportFormat::Ron, work.path().join("log.ron")));
    }

    #[test]
    fn reversed_period_is_refused() {
        assert!(matches!(
            Period::new(date(2026, 3, 2), date(2026, 3, 1)),
            Err(ExportError::ReversedPeriod { .. })
        ));
    }

    #[test]
    fn adherence_counts_doses_caps_extra_sessions_and_rest_days_plan_nothing() {
        // One planned session a day, whatever the built-in routine says.
        let mut routine = Routine::built_in().unwrap();
        for exercise in &mut routine.exercises {
            exercise.dose.times_per_day = 1;
        }
        let period = Period::new(date(2026, 3, 1), date(2026, 3, 4)).unwrap();
        let mut log = SessionLog::default();
        log.upsert(session_on(date(2026, 3, 1), 5, 4, true));
        let mut second = session_on(date(2026, 3, 1), 4, 3, true);
        second.started_at += chrono::Duration::hours(3);
        log.upsert(second);
        log.upsert(session_on(date(2026, 3, 2), 5, 4, false));
        log.upsert(session_on(date(2026, 3, 3), 6, 8, true));
        let rest = Session::rest_day(
            Utc.with_ymd_and_hms(2026, 3, 4, 9, 0, 0).unwrap(),
            FixedOffset::east_opt(0).unwrap(),
            RestReason::Ill,
        );
        log.upsert(rest);
        let figures = figures_of(&log, &routine, period.last_day());
        let s = summary(&figures, period);
        // Eleven exercises once a day over three days (the rest day plans nothing); only the
        // stretch was done, on 1 March (twice, counted once) and 3 March.
        assert_eq!(
            s.adherence,
            Adherence {
                done: 2,
                partly: 0,
                planned: 33
            }
        );
        assert_eq!(s.adherence.percent(), Some(6));
        assert_eq!((s.sessions, s.rest_days, s.high_pain_sessions), (4, 1, 1));
        let per = exercise_adherence(&figures, period);
        assert_eq!(per.len(), routine.enabled().count());
        let stretch = per.iter().find(|p| p.id == "overhead-lat-stretch").unwrap();
        assert_eq!(
            stretch.adherence,
            Adherence {
                done: 2,
                partly: 0,
                planned: 3
            }
        );
    }

    fn figures_of(log: &SessionLog, routine: &Routine, today: NaiveDate) -> Figures {
        let input = crate::figures::FiguresInput {
            routine,
            previous_routine: None,
            today,
        };
        Figures::of(log, &input)
    }

    /// Issue 27: the PDF chart took the mean of session scores without pain entries (4.0 on
    /// day 2 below); it now draws the one 7-day mean of daily means, pain entries included.
    #[test]
    fn the_pdf_chart_draws_the_one_seven_day_mean() {
        let routine = Routine::built_in().unwrap();
        let period = Period::new(date(2026, 3, 1), date(2026, 3, 10)).unwrap();
        let mut log = SessionLog::default();
        log.upsert(session_on(date(2026, 3, 1), 6, 4, true));
        log.upsert(session_on(date(2026, 3, 2), 2, 2, true));
        let figures = figures_of(&log, &routine, date(2026, 3, 10));
        let series = chart_series(&figures, period);
        assert_eq!(series.first(), Some(&(date(2026, 3, 1), 5.0)));
        assert_eq!(series.get(1), Some(&(date(2026, 3, 2), 3.5)));
        // 1–7 March see day 1; 8 March's window is 2–8 March.
        assert_eq!(series.get(7), Some(&(date(2026, 3, 8), 2.0)));
        // A pain entry counts in the day's mean.
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 0).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        log.add_pain_entry(crate::pain_entry::PainEntry::new(
            at,
            utc,
            PainScore::new(8).unwrap(),
            Vec::new(),
            "",
        ));
        let figures = figures_of(&log, &routine, date(2026, 3, 10));
        let day_2 = chart_series(&figures, period)[1].1;
        assert!((day_2 - f64::midpoint(5.0, 4.0)).abs() < 1e-9, "{day_2}");
    }
}
