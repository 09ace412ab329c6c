//! Export for the therapist: a spreadsheet (two CSV files) and a one-page PDF report.
//!
//! Everything here is a pure function of the session log, the routine and a [`Period`] of local
//! calendar dates; the only input/output is the final atomic write of the finished bytes. The
//! figures the report shows (adherence, rolling pain average) are computed by small private
//! functions in this module, each with its definition written next to it.

pub mod brief;
pub mod csv;
pub mod fhir;
mod files;
mod run;

use std::fmt;
use std::io;
use std::path::PathBuf;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};

use crate::catalog::{Dose, Routine};
use crate::log::SessionLog;
use crate::session::{ExportRecord, Session};
use crate::stats::{self, Plan};

pub use self::csv::{exercises_csv, sessions_csv, write_csv};
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

/// A pain score after a session at or above this counts as high pain in the report.
pub const HIGH_PAIN: u8 = 7;

/// How many days the rolling pain average looks back over, the day itself included.
pub const ROLLING_DAYS: u64 = 7;

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

/// Like [`entries`], but an [`ExportError::EmptyPeriod`] when there are none.
pub fn non_empty_entries(log: &SessionLog, period: Period) -> Result<Vec<&Session>, ExportError> {
    let entries = entries(log, period);
    if entries.is_empty() {
        return Err(ExportError::EmptyPeriod {
            from: period.first,
            to: period.last,
        });
    }
    Ok(entries)
}

/// Doses done (in full or in part) out of doses planned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Adherence {
    /// Doses done (never more than planned of any exercise on any one day).
    pub done: u64,
    /// Doses planned.
    pub planned: u64,
}

impl From<stats::Adherence> for Adherence {
    fn from(a: stats::Adherence) -> Adherence {
        Adherence {
            done: u64::from(a.done),
            planned: u64::from(a.planned),
        }
    }
}

impl Adherence {
    /// The share done, as a whole percentage; `None` when nothing was planned.
    pub fn percent(self) -> Option<u64> {
        (self.planned > 0).then(|| (self.done * 100 + self.planned / 2) / self.planned)
    }

    /// "85% (77 of 91 doses)", or "nothing planned" when nothing was planned.
    pub fn describe(self) -> String {
        match self.percent() {
            Some(pct) => format!("{pct}% ({} of {} doses)", self.done, self.planned),
            None => "nothing planned".to_owned(),
        }
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
    /// Its doses done against its doses planned (see [`crate::stats`]).
    pub adherence: Adherence,
    /// Sessions in which it was marked as hurting.
    pub hurt_sessions: usize,
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
    /// Sessions with pain after at or above [`HIGH_PAIN`].
    pub high_pain_sessions: usize,
    /// Sessions in which at least one exercise hurt.
    pub hurt_sessions: usize,
    /// Mean pain before sessions, where given.
    pub mean_pain_before: Option<f64>,
    /// Mean pain after sessions, where given.
    pub mean_pain_after: Option<f64>,
}

impl Summary {
    /// Whether there is nothing to export.
    pub fn is_empty(&self) -> bool {
        self.sessions == 0 && self.rest_days == 0
    }
}

/// The routine an export is about, with the version kept before the last change when it is
/// known: adherence then plans each day by the version in force that day, as Progress does.
#[derive(Clone, Copy, Debug)]
pub struct RoutineVersions<'a> {
    /// The routine in use now: its names and doses are the ones printed.
    pub current: &'a Routine,
    /// The routine kept before the last change, if any.
    pub previous: Option<&'a Routine>,
}

impl<'a> From<&'a Routine> for RoutineVersions<'a> {
    fn from(current: &'a Routine) -> RoutineVersions<'a> {
        RoutineVersions {
            current,
            previous: None,
        }
    }
}

impl RoutineVersions<'_> {
    /// What the routine asked for on each day of `log` (see [`Plan::from_versions`]).
    pub fn plan(&self, log: &SessionLog) -> Plan {
        let earlier: Vec<&Routine> = self.previous.into_iter().collect();
        Plan::from_versions(log, self.current, &earlier)
    }
}

/// Summarises what an export of `period` contains.
pub fn summary<'a>(
    log: &SessionLog,
    routines: impl Into<RoutineVersions<'a>>,
    period: Period,
) -> Summary {
    let plan = routines.into().plan(log);
    summarise(log, &entries(log, period), &plan, period)
}

/// The [`Summary`] of `period` from its `entries` (as [`entries`] lists them) and the `plan`.
pub fn summarise(log: &SessionLog, entries: &[&Session], plan: &Plan, period: Period) -> Summary {
    let routine_sessions = || entries.iter().filter(|s| !s.is_rest_day());
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
        adherence: stats::adherence(log, plan, period.first, period.last).into(),
        high_pain_sessions: routine_sessions().filter(|s| is_high_pain(s)).count(),
        hurt_sessions: routine_sessions().filter(|s| hurt_any(s)).count(),
        mean_pain_before: mean(routine_sessions().filter_map(|s| s.pain_before)),
        mean_pain_after: mean(routine_sessions().filter_map(|s| s.pain_after)),
    }
}

/// Whether the pain after a session was high.
pub fn is_high_pain(session: &Session) -> bool {
    session.pain_after.is_some_and(|p| p.value() >= HIGH_PAIN)
}

/// Whether any exercise of a session hurt.
pub fn hurt_any(session: &Session) -> bool {
    session.exercises.iter().any(|r| r.hurt.is_some())
}

/// The mean of some pain scores. (Swap for `stats` after merge.)
fn mean(scores: impl Iterator<Item = crate::session::PainScore>) -> Option<f64> {
    let (sum, count) = scores.fold((0u32, 0u32), |(sum, count), p| {
        (sum + u32::from(p.value()), count + 1)
    });
    (count > 0).then(|| f64::from(sum) / f64::from(count))
}

/// Per-exercise adherence by dose: for each enabled exercise of the current routine, in routine
/// order, its doses done ÷ its doses planned over the period (each day by the routine version in
/// force that day; see [`crate::stats`]), and the sessions in which it hurt.
pub fn exercise_adherence<'a>(
    log: &SessionLog,
    routines: impl Into<RoutineVersions<'a>>,
    period: Period,
) -> Vec<ExerciseAdherence> {
    let routines = routines.into();
    exercise_adherence_by_plan(log, routines.current, &routines.plan(log), period)
}

/// Like [`exercise_adherence`], with the plan already made (the PDF report makes it once).
pub fn exercise_adherence_by_plan(
    log: &SessionLog,
    routine: &Routine,
    plan: &Plan,
    period: Period,
) -> Vec<ExerciseAdherence> {
    stats::exercise_stats(log, plan, period.first, period.last)
        .into_iter()
        .filter(|s| s.in_routine)
        .filter_map(|s| {
            let exercise = routine.exercise(&s.exercise_id)?;
            Some(ExerciseAdherence {
                id: exercise.id.clone(),
                name: exercise.name.clone(),
                dose: exercise.dose,
                adherence: s.adherence.into(),
                hurt_sessions: usize::try_from(s.times_hurt).unwrap_or(usize::MAX),
            })
        })
        .collect()
}

/// The rolling pain average (swap for `stats` after merge): for each date of the period, the
/// mean of every pain score (before and after) given in the [`ROLLING_DAYS`] days ending that
/// date; dates with no score in their window have no value. Entries before the period are not
/// looked at, so the line starts with the period.
pub fn rolling_pain(entries: &[&Session], period: Period) -> Vec<(NaiveDate, f64)> {
    let days = usize::try_from(period.days()).unwrap_or(usize::MAX);
    let mut sums = vec![(0u32, 0u32); days];
    for session in entries {
        let offset = (session.local_date - period.first).num_days();
        let Some(slot) = usize::try_from(offset).ok().and_then(|i| sums.get_mut(i)) else {
            continue;
        };
        for score in [session.pain_before, session.pain_after]
            .into_iter()
            .flatten()
        {
            slot.0 += u32::from(score.value());
            slot.1 += 1;
        }
    }
    let window = usize::try_from(ROLLING_DAYS).unwrap_or(1);
    let (mut sum, mut count) = (0u32, 0u32);
    let mut out = Vec::new();
    for (i, date) in period.dates().enumerate() {
        let (s, c) = sums.get(i).copied().unwrap_or_default();
        sum += s;
        count += c;
        if let Some((old_s, old_c)) = i.checked_sub(window).and_then(|j| sums.get(j)) {
            sum -= old_s;
            count -= old_c;
        }
        if count > 0 {
            out.push((date, f64::from(sum) / f64::from(count)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let s = summary(&log, &routine, period);
        // Eleven exercises once a day over three days (the rest day plans nothing); only the
        // stretch was done, on 1 March (twice, counted once) and 3 March.
        assert_eq!(
            s.adherence,
            Adherence {
                done: 2,
                planned: 33
            }
        );
        assert_eq!(s.adherence.percent(), Some(6));
        assert_eq!((s.sessions, s.rest_days, s.high_pain_sessions), (4, 1, 1));
        let per = exercise_adherence(&log, &routine, period);
        assert_eq!(per.len(), routine.enabled().count());
        let stretch = per.iter().find(|p| p.id == "overhead-lat-stretch").unwrap();
        assert_eq!(
            stretch.adherence,
            Adherence {
                done: 2,
                planned: 3
            }
        );
    }

    #[test]
    fn rolling_average_uses_a_seven_day_window() {
        let period = Period::new(date(2026, 3, 1), date(2026, 3, 10)).unwrap();
        let a = session_on(date(2026, 3, 1), 8, 8, true);
        let b = session_on(date(2026, 3, 8), 2, 2, true);
        let entries = vec![&a, &b];
        let avg = rolling_pain(&entries, period);
        // 1–7 March see only the 8s; the window of 8 March is 2–8 March, so only the 2s.
        let dates: Vec<NaiveDate> = avg.iter().map(|(d, _)| *d).collect();
        assert_eq!(dates, period.dates().collect::<Vec<_>>());
        for (d, value) in avg {
            let expected = if d < date(2026, 3, 8) { 8.0 } else { 2.0 };
            assert!((value - expected).abs() < 1e-9, "{d}: {value}");
        }
    }
}
