//! The command line: `limber` opens the app; subcommands work on files without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, Subcommand};

use crate::core::catalog;
use crate::core::export::ExportFormat;
use crate::core::paths::Paths;
use crate::core::session::SessionLog;
use crate::core::store::{self, Store};

/// Limber: follow your upper-back routine and see whether it is working.
#[derive(Debug, Parser)]
#[command(name = "limber", version, about)]
pub struct Cli {
    /// Keep the session log in DIR instead of the OS data folder (for every command).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Start with the window hidden (used by the start-at-login entry); reminders still come.
    #[arg(long)]
    pub minimized: bool,

    /// Print when the first frame was drawn and the UI time per frame (for scripts/bench-gui.sh).
    #[arg(long, hide = true)]
    pub report_timing: bool,

    /// Open on this screen (today, progress, history, export, routine, settings, about).
    #[arg(long, value_name = "SCREEN")]
    pub screen: Option<String>,

    /// What to do; with none, the app opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a routine file and list every problem with its line:column.
    Check {
        /// The routine file (RON, the format of exercises.ron).
        file: PathBuf,
    },
    /// Export the session log: `ron` writes a complete backup that `limber import` reads back.
    Export {
        /// The file format.
        #[arg(long, value_parser = format_parser())]
        format: ExportFormat,
        /// First local date to include (YYYY-MM-DD); from the beginning when left out.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<NaiveDate>,
        /// Last local date to include (YYYY-MM-DD); up to the end when left out.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<NaiveDate>,
        /// Where to write the export (an existing file is replaced atomically).
        #[arg(long, value_name = "PATH")]
        output: PathBuf,
    },
    /// Merge a backup (a file from `limber export --format ron`, or a backup folder of month
    /// files) into the log by session id; sessions already in the log are left as they are, so
    /// importing twice changes nothing.
    Import {
        /// The backup file (or folder of month files) to merge.
        file: PathBuf,
        /// Where a session is in both with different content, take the backup's version
        /// (without it, the log's version is kept and the dates are listed).
        #[arg(long)]
        prefer_backup: bool,
    },
}

/// `--format`: one of the core's export formats, by its id (`csv`, `pdf`, `ron`, `fhir`).
fn format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(ExportFormat::ALL.map(ExportFormat::id)).map(|id| {
        ExportFormat::ALL
            .into_iter()
            .find(|f| f.id() == id)
            .unwrap_or(ExportFormat::Csv)
    })
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = Paths::resolve(cli.data_dir.as_deref());
    match cli.command {
        None => crate::ui::run(
            paths,
            &crate::ui::GuiOptions {
                minimized: cli.minimized,
                report_timing: cli.report_timing,
                screen: cli.screen,
            },
        ),
        Some(Command::Check { file }) => check(&file),
        Some(Command::Export {
            format,
            from,
            to,
            output,
        }) => export(&paths.data_dir, format, from, to, &output),
        Some(Command::Import {
            file,
            prefer_backup,
        }) => import(&paths.data_dir, &file, prefer_backup),
    }
}

/// `limber export`: checks the dates and the output path, takes the data folder's lock, and
/// writes the export; prints what was written or, on failure, one message saying what to do.
fn export(
    data_dir: &Path,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> ExitCode {
    match run_export(data_dir, format, from, to, output) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run_export(
    data_dir: &Path,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> Result<String, String> {
    use crate::core::export;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(format!(
            "--from {from} is after --to {to}; swap them and try again."
        ));
    }
    // Never the log or a backup, followed through any link.
    export::check_destination(format, output, data_dir).map_err(|e| e.to_string())?;
    let targets = export::files_written(format, output);
    let replaced = targets.iter().filter(|t| t.is_file()).count();
    // Held until the export is written, so no other Limber changes the folder meanwhile.
    let (_store, log) = open_for_export(data_dir)?;
    let written = match format {
        ExportFormat::Ron => export_ron(&log, from, to, output)?,
        ExportFormat::Csv | ExportFormat::Pdf | ExportFormat::Fhir => {
            export_report(data_dir, &log, format, from, to, output)?
        }
    };
    Ok(match replaced {
        0 => written,
        1 if targets.len() == 1 => format!("{written} (it replaced the file that was there)"),
        n => format!(
            "{written} (replacing {n} file{} that {} there)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" }
        ),
    })
}

/// The system clock's time, or why it cannot be used (before 1970 or after 9999), for a
/// command to stop on before it reads or writes anything.
fn checked_now() -> Result<DateTime<Utc>, String> {
    crate::core::clock::checked_now(std::time::SystemTime::now())
        .map_err(|err| format!("Nothing was done. {err}"))
}

/// Opens the data folder through the store, which takes its lock, and returns the store (to
/// keep the lock) and the log. Refuses when another Limber holds the lock or the log cannot be
/// used as it is.
fn open_for_export(data_dir: &Path) -> Result<(Store, SessionLog), String> {
    let opened = Store::open(data_dir, checked_now()?).map_err(|e| e.to_string())?;
    for notice in &opened.notices {
        eprintln!("{notice}");
    }
    match opened.store.read_only() {
        None => Ok((opened.store, opened.log)),
        Some(store::ReadOnlyReason::OtherInstance { lock_path }) => Err(format!(
            "Limber is open in another window, so nothing was exported (the log could change \
             while it is written out). Close the other window and export again, or use Export \
             in that window. ({})",
            lock_path.display()
        )),
        Some(reason) => Err(format!("Nothing was exported. {reason}")),
    }
}

/// Writes the log (its sessions and check-ins within `from..=to` by local date) to `output`
/// and says how many sessions were written. Without `--from` and `--to` it is a complete
/// backup, written even when the log is empty; a period with nothing in it is refused.
fn export_ron(
    log: &SessionLog,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> Result<String, String> {
    let within = |date: NaiveDate| from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t);
    // A complete backup of an empty log is a fine thing to keep; an empty period is a mistake,
    // by the one rule the Export screen applies too.
    let complete = from.is_none() && to.is_none();
    let has_content = crate::core::export::Period::new(
        from.unwrap_or(NaiveDate::MIN),
        to.unwrap_or(NaiveDate::MAX),
    )
    .is_ok_and(|period| {
        crate::core::figures::Content::of_log(log).has_content(ExportFormat::Ron, period)
    });
    let log = crate::core::export::log_part(log, within);
    if !complete && !has_content {
        let span = match (from, to) {
            (Some(from), Some(to)) => format!("from {from} to {to}"),
            (Some(from), None) => format!("from {from} on"),
            (None, _) => format!("up to {}", to.unwrap_or(NaiveDate::MAX)),
        };
        return Err(format!(
            "Nothing was logged {span}, so there is nothing to export and no file was written. \
             Choose other dates with --from and --to, or leave both out for a complete backup."
        ));
    }
    crate::core::export::write_ron(output, &log).map_err(|e| e.to_string())?;
    let count = log.sessions.len();
    Ok(format!(
        "Wrote {count} session{} to {}",
        if count == 1 { "" } else { "s" },
        output.display()
    ))
}

/// `limber export --format csv|pdf`: with the active routine and settings, writes the files
/// atomically. Without `--from` the period is the last four weeks; without `--to`, it ends
/// today. An empty period is an error, so that nobody hands a therapist an empty report by
/// mistake.
fn export_report(
    data_dir: &Path,
    log: &SessionLog,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> Result<String, String> {
    use crate::core::export;
    let paths = Paths::resolve(Some(data_dir));
    let (routine, _) = crate::core::routine_edit::load_active_routine(&paths);
    let previous = crate::core::routine_edit::load_previous(&paths);
    let settings = crate::core::settings::load(&paths.settings_file()).unwrap_or_default();
    let now = checked_now()?;
    let today = now.with_timezone(&chrono::Local).date_naive();
    let to = to.unwrap_or(today);
    let from = from
        .unwrap_or_else(|| export::Period::last_days(to, export::DEFAULT_PERIOD_DAYS).first_day());
    let period = export::Period::new(from, to).map_err(|e| e.to_string())?;
    let input = crate::core::figures::FiguresInput {
        routine: &routine,
        previous_routine: previous.as_ref(),
        today,
    };
    let figures = crate::core::figures::Figures::of(log, &input);
    if format == ExportFormat::Fhir {
        let name = Some(settings.name.as_str());
        export::fhir::write_fhir(output, &figures, period, name, now).map_err(|e| e.to_string())?;
        return Ok(format!(
            "Wrote the FHIR bundle for {from} to {to} to {}",
            output.display()
        ));
    }
    if !figures.content().has_content(format, period) {
        return Err(format!(
            "Nothing was logged from {from} to {to}, so there is nothing to export. Choose other dates with --from and --to."
        ));
    }
    match format {
        ExportFormat::Csv => {
            let files =
                export::csv::write_csv(output, &figures, period).map_err(|e| e.to_string())?;
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            Ok(format!(
                "Wrote {} sessions: {}",
                export::entries(log, period).len(),
                names.join(", ")
            ))
        }
        ExportFormat::Pdf | ExportFormat::Ron | ExportFormat::Fhir => {
            let options = export::pdf::ReportOptions {
                name: Some(settings.name.clone()).filter(|n| !n.trim().is_empty()),
                page: settings.page_size,
                today,
            };
            export::pdf::write_pdf(output, &figures, period, &options)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Wrote the report for {from} to {to} to {}",
                output.display()
            ))
        }
    }
}

/// `limber import FILE`: merges a backup into the log through the store (so it takes the lock
/// and refuses to write when another Limber is open or a file it would change cannot be read),
/// writing only the months that change, each atomically: a kill in the middle leaves every
/// month old or new, and running the import again completes it.
fn import(data_dir: &Path, file: &Path, prefer_backup: bool) -> ExitCode {
    match checked_now().and_then(|now| run_import(data_dir, file, prefer_backup, now)) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}

fn run_import(
    data_dir: &Path,
    file: &Path,
    prefer_backup: bool,
    now: chrono::DateTime<Utc>,
) -> Result<String, String> {
    use crate::core::session::Prefer;
    let prefer = if prefer_backup {
        Prefer::Incoming
    } else {
        Prefer::Ours
    };
    let imported = store::import(data_dir, file, prefer, now).map_err(|e| e.to_string())?;
    for notice in &imported.notices {
        eprintln!("{notice}");
    }
    let report = &imported.report;
    let repeated = if report.repeated > 0 {
        format!(
            " The backup holds {} session{} a second time; each was counted once.",
            report.repeated,
            if report.repeated == 1 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    let mut message = format!(
        "Added {} session{} from {} ({} already in the log).{repeated}",
        report.added,
        if report.added == 1 { "" } else { "s" },
        file.display(),
        report.same + report.differing.len()
    );
    if !report.differing.is_empty() {
        let mut dates: Vec<String> = report.differing.iter().map(ToString::to_string).collect();
        dates.dedup();
        let shown = if dates.len() > 10 {
            format!(
                "{} and {} more days",
                dates[..10].join(", "),
                dates.len() - 10
            )
        } else {
            dates.join(", ")
        };
        let n = report.differing.len();
        let said = if prefer_backup {
            format!(
                " {n} of them differed from the log's copy; the backup's version was taken ({shown})."
            )
        } else {
            format!(
                " {n} of them differ from the log's copy; the log's version was kept ({shown}). \
                 To take the backup's version instead, run the import again with --prefer-backup."
            )
        };
        message.push_str(&said);
    }
    Ok(message)
}

fn check(file: &std::path::Path) -> ExitCode {
    match catalog::load_routine(file) {
        Ok(routine) => {
            println!(
                "{}: OK, {} exercises (routine version {})",
                file.display(),
                routine.exercises.len(),
                routine.version
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
