//! The one export path: `limber export` and the Export screen both describe what they want as a
//! [`Request`] and hand it to [`run`], so they choose the same default period, refuse the same
//! empty periods and damaged months, and write the same files.
//!
//! The PDF is drawn through the [`PdfReport`] trait, which the `limber-report` crate
//! implements: the core decides what is exported and writes it, without compiling the PDF and
//! font stack.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{
    ExportError, ExportFormat, PageSize, Period, check_destination, check_file_target,
    files_written, log_part, write_file, write_ron,
};
use crate::figures::Figures;
use crate::log::SessionLog;
use crate::session::ExportRecord;
use crate::store::{LOG_DIR, Month};

/// Draws the PDF report of a period as bytes (implemented by `limber-report`).
pub trait PdfReport: Send + Sync {
    /// The report of `period`, with `name` printed at the top when given, on paper of size
    /// `page`, dated `today`.
    fn report(
        &self,
        figures: &Figures,
        period: Period,
        name: Option<&str>,
        page: PageSize,
        today: NaiveDate,
    ) -> Result<Vec<u8>, ExportError>;
}

/// An export as the person asked for it, on the command line or on the Export screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// What to write.
    pub format: ExportFormat,
    /// The first local date to include; see [`resolve_period`] for the default.
    pub from: Option<NaiveDate>,
    /// The last local date to include; see [`resolve_period`] for the default.
    pub to: Option<NaiveDate>,
    /// The file to write, or for [`ExportFormat::Csv`] the folder that receives the files.
    pub output: PathBuf,
    /// The person's name, printed on the PDF report and put in the FHIR bundle when given.
    pub name: Option<String>,
    /// The paper size of the PDF report.
    pub page: PageSize,
}

/// What an export reads.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// The figures of the session log (every month of it that could be read) under the routine
    /// in use and the one before it: every number an export prints, and the log it reads.
    pub figures: &'a Figures,
    /// The data folder: nothing is ever exported into the log or its backups.
    pub data_dir: &'a Path,
    /// Month files that could not be read: an export whose period includes one is refused.
    pub damaged: &'a [Month],
}

/// An export that was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The format written.
    pub format: ExportFormat,
    /// The dates included; `None` for a complete backup.
    pub period: Option<Period>,
    /// The file written, or for CSV the folder written into, as the request named it.
    pub output: PathBuf,
    /// The files written, in the order [`files_written`] lists them.
    pub files: Vec<PathBuf>,
    /// How many of them replaced a file that was there.
    pub replaced: usize,
    /// The sessions and rest days of the period.
    pub sessions: usize,
    /// The record to add to the log, so that the next default period starts after this one
    /// (`None` for a complete backup).
    pub record: Option<ExportRecord>,
}

/// The dates a request covers, `None` for a complete backup (a RON export without dates).
///
/// A missing end is `today`. A missing start is the day after the last export (the period the
/// Export screen proposes, [`Period::default_for`]), or four weeks before the end when there was
/// none. A backup (RON) with one date only runs open-ended on the other side.
pub fn resolve_period(
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    log: &SessionLog,
    today: NaiveDate,
) -> Result<Option<Period>, ExportError> {
    if format == ExportFormat::Ron {
        if from.is_none() && to.is_none() {
            return Ok(None);
        }
        let first = from.unwrap_or(NaiveDate::MIN);
        return Period::new(first, to.unwrap_or(NaiveDate::MAX)).map(Some);
    }
    let last = to.unwrap_or(today);
    let first = from.unwrap_or_else(|| Period::default_for(log, last).first_day());
    Period::new(first, last).map(Some)
}

/// Whether an export of `period` in `format` has something in it: the one rule the command
/// line and the Export screen both follow ([`crate::figures::Content::has_content`]). `None`
/// (a complete backup) always has.
pub fn has_content(figures: &Figures, format: ExportFormat, period: Option<Period>) -> bool {
    period.is_none_or(|period| figures.content().has_content(format, period))
}

/// The months of `damaged` that `period` touches (all of them for a complete backup), in
/// order: what an export of the period would silently miss.
pub fn missing_months(damaged: &[Month], period: Option<Period>) -> Vec<Month> {
    let mut months: Vec<Month> = damaged
        .iter()
        .copied()
        .filter(|month| {
            period.is_none_or(|p| {
                month.first_day() <= p.last_day() && p.first_day() <= month.last_day()
            })
        })
        .collect();
    months.sort_unstable();
    months.dedup();
    months
}

/// Writes the export `request` asks for, from `sources`, at the local time `now`: checks the
/// destination (never the log or its backups), refuses a period that includes a damaged month
/// or has nothing in it (see [`has_content`]), and writes the files atomically (for CSV, all
/// of them or none). The PDF is drawn by `pdf`.
pub fn run(
    request: &Request,
    sources: &Sources<'_>,
    pdf: &dyn PdfReport,
    now: DateTime<FixedOffset>,
) -> Result<Written, ExportError> {
    let figures = sources.figures;
    let log = figures.log();
    let format = request.format;
    let today = now.date_naive();
    let period = resolve_period(format, request.from, request.to, log, today)?;
    let output = request.output.as_path();
    check_destination(format, output, sources.data_dir)?;
    let missing = missing_months(sources.damaged, period);
    if !missing.is_empty() {
        let log_dir = sources.data_dir.join(LOG_DIR);
        let files = missing
            .iter()
            .map(|m| log_dir.join(m.file_name()))
            .collect();
        return Err(ExportError::MissingMonths {
            months: missing,
            files,
        });
    }
    if let Some(period) = period
        && !has_content(figures, format, Some(period))
    {
        return Err(ExportError::EmptyPeriod {
            from: period.first_day(),
            to: period.last_day(),
        });
    }
    let files = files_written(format, output);
    let replaced = files.iter().filter(|f| f.is_file()).count();
    let name = request
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let sessions = period.map_or(log.sessions().len(), |p| {
        log.sessions()
            .iter()
            .filter(|s| p.contains(s.local_date))
            .count()
    });
    match (format, period) {
        (ExportFormat::Ron, _) => {
            let part = match period {
                Some(p) => log_part(log, |d| p.contains(d)),
                None => log.clone(),
            };
            write_ron(output, &part)?;
        }
        (ExportFormat::Csv, Some(period)) => {
            super::csv::write_csv(output, figures, period)?;
        }
        (ExportFormat::Fhir, Some(period)) => {
            super::fhir::write_fhir(output, figures, period, name, now.to_utc())?;
        }
        (ExportFormat::Pdf, Some(period)) => {
            check_file_target(output)?;
            let bytes = pdf.report(figures, period, name, request.page, today)?;
            write_file(output, &bytes)?;
        }
        // Only a backup is ever made without a period (see `resolve_period`).
        (ExportFormat::Csv | ExportFormat::Fhir | ExportFormat::Pdf, None) => {
            return Err(ExportError::EmptyPeriod {
                from: today,
                to: today,
            });
        }
    }
    Ok(Written {
        format,
        period,
        output: output.to_owned(),
        files,
        replaced,
        sessions,
        record: period.map(|p| p.export_record(format, now.to_utc(), *now.offset())),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pain_entry::PainEntry;
    use crate::session::{PainScore, Session};
    use chrono::{TimeZone, Utc};

    /// The figures of `log` under the built-in routine (what an export reads).
    fn fig(log: &SessionLog) -> Figures {
        let routine = crate::catalog::Routine::built_in().unwrap();
        let input = crate::figures::FiguresInput {
            routine: &routine,
            previous_routine: None,
            today: date(2026, 3, 9),
        };
        Figures::of(log, &input)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn at(day: NaiveDate) -> chrono::DateTime<Utc> {
        Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap())
    }

    #[test]
    fn the_default_period_starts_after_the_last_export_for_every_report_format() {
        let today = date(2026, 3, 28);
        let mut log = SessionLog::default();
        let four_weeks = Some(Period::last_days(today, 28));
        for format in ExportFormat::ALL {
            let expected = if format == ExportFormat::Ron {
                None
            } else {
                four_weeks
            };
            assert_eq!(
                resolve_period(format, None, None, &log, today).unwrap(),
                expected
            );
        }
        let done = Period::new(date(2026, 1, 1), date(2026, 2, 10)).unwrap();
        log.exports
            .push(done.export_record(ExportFormat::Pdf, at(date(2026, 2, 10)), utc()));
        for format in [ExportFormat::Pdf, ExportFormat::Csv, ExportFormat::Fhir] {
            let period = resolve_period(format, None, None, &log, today)
                .unwrap()
                .unwrap();
            assert_eq!(
                (period.first_day(), period.last_day()),
                (date(2026, 2, 11), today)
            );
        }
        let backup = resolve_period(ExportFormat::Ron, None, Some(date(2026, 3, 1)), &log, today);
        assert_eq!(backup.unwrap().unwrap().first_day(), NaiveDate::MIN);
    }

    #[test]
    fn pain_entries_alone_fill_a_fhir_file_and_a_backup_but_not_a_report() {
        let day = date(2026, 3, 2);
        let period = Some(Period::new(day, day).unwrap());
        let mut log = SessionLog::default();
        for format in ExportFormat::ALL {
            assert!(!has_content(&fig(&log), format, period), "{format:?}");
            assert!(
                has_content(&fig(&log), format, None),
                "{format:?}: a complete backup"
            );
        }
        log.add_pain_entry(PainEntry::new(
            at(day),
            utc(),
            PainScore::new(4).unwrap(),
            Vec::new(),
            "",
        ));
        let has = |format| has_content(&fig(&log), format, period);
        assert!(has(ExportFormat::Fhir) && has(ExportFormat::Ron));
        assert!(!has(ExportFormat::Pdf) && !has(ExportFormat::Csv));
        // A session without pain scores fills a report but gives FHIR nothing more to say.
        let mut bare = SessionLog::default();
        bare.upsert(Session::start(at(day), utc(), 1));
        assert!(has_content(&fig(&bare), ExportFormat::Pdf, period));
        assert!(!has_content(&fig(&bare), ExportFormat::Fhir, period));
    }

    /// A PDF "drawer" that writes what it was asked for.
    struct Echo;

    impl PdfReport for Echo {
        fn report(
            &self,
            _figures: &Figures,
            period: Period,
            name: Option<&str>,
            page: PageSize,
            today: NaiveDate,
        ) -> Result<Vec<u8>, ExportError> {
            Ok(format!("{period} {name:?} {page:?} {today}").into_bytes())
        }
    }

    #[test]
    fn run_draws_the_pdf_through_the_trait_writes_it_and_returns_the_record() {
        let work = tempfile::tempdir().unwrap();
        let routine = crate::catalog::Routine::built_in().unwrap();
        let day = date(2026, 3, 2);
        let mut log = SessionLog::default();
        log.upsert(Session::start(at(day), utc(), 1));
        let output = work.path().join("report.pdf");
        let request = Request {
            format: ExportFormat::Pdf,
            from: Some(day),
            to: None,
            output: output.clone(),
            name: Some("  Sam ".to_owned()),
            page: PageSize::Letter,
        };
        let damaged = [Month::of(date(2026, 1, 1))];
        let figures = Figures::of(
            &log,
            &crate::figures::FiguresInput {
                routine: &routine,
                previous_routine: None,
                today: date(2026, 3, 9),
            },
        );
        let sources = Sources {
            figures: &figures,
            data_dir: &work.path().join("data"),
            damaged: &damaged,
        };
        let now = utc().with_ymd_and_hms(2026, 3, 9, 12, 0, 0).unwrap();
        let written = run(&request, &sources, &Echo, now).unwrap();
        assert_eq!(
            std::fs::read_to_string(&output).unwrap(),
            "2026-03-02 to 2026-03-09 Some(\"Sam\") Letter 2026-03-09"
        );
        assert_eq!((written.files, written.sessions), (vec![output.clone()], 1));
        let record = written.record.unwrap();
        assert_eq!((record.from, record.to), (day, date(2026, 3, 9)));
        // The damaged month is now in the period: nothing is written over the report.
        let earlier = Request {
            from: Some(date(2026, 1, 20)),
            ..request
        };
        let err = run(&earlier, &sources, &Echo, now).unwrap_err();
        assert!(
            matches!(&err, ExportError::MissingMonths { months, .. } if months == &damaged),
            "{err}"
        );
        assert!(err.to_string().contains("January 2026"), "{err}");
        assert!(err.to_string().contains("2026-01.ron"), "{err}");
        assert!(
            std::fs::read_to_string(&output)
                .unwrap()
                .starts_with("2026-03-02")
        );
    }

    #[test]
    fn only_the_damaged_months_a_period_touches_are_missing() {
        let damaged = [
            Month::of(date(2026, 3, 5)),
            Month::of(date(2025, 1, 5)),
            Month::of(date(2026, 3, 9)),
        ];
        let march = Period::new(date(2026, 2, 20), date(2026, 3, 1)).unwrap();
        assert_eq!(
            missing_months(&damaged, Some(march)),
            vec![Month::of(date(2026, 3, 1))]
        );
        let april = Period::new(date(2026, 4, 1), date(2026, 4, 30)).unwrap();
        assert!(missing_months(&damaged, Some(april)).is_empty());
        assert_eq!(missing_months(&damaged, None).len(), 2);
    }
}
