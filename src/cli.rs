//! The command line: `limber` opens the app; subcommands work on files without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use clap::{Parser, Subcommand};

use crate::core::catalog;
use crate::core::export::ExportFormat;
use crate::core::log::SessionLog;
use crate::core::paths::Paths;
use crate::core::store::{self, Month, Store};

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
        }) => export(&paths, format, from, to, &output),
        Some(Command::Import {
            file,
            prefer_backup,
        }) => import(&paths.data_dir, &file, prefer_backup),
    }
}

/// `limber export`: checks the dates and the output path, takes the data folder's lock, and
/// writes the export; prints what was written or, on failure, one message saying what to do.
fn export(
    paths: &Paths,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> ExitCode {
    let now = checked_now().map(|now| now.with_timezone(&chrono::Local).fixed_offset());
    match now.and_then(|now| run_export(paths, format, from, to, output, now)) {
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

/// `limber export` at the local time `now`, through the same [`export::run`] as the Export
/// screen: the same default period (since the last export), the same refusals (an empty
/// period, a damaged month), the same files, with the routine and the settings (name, paper
/// size) found in `paths`. Returns what to print, or the message of why nothing was written
/// (the command then exits with a failure).
///
/// [`export::run`]: crate::core::export::run
pub fn run_export(
    paths: &Paths,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
    now: DateTime<FixedOffset>,
) -> Result<String, String> {
    use crate::core::export::{self, ExportError, Request, Sources};
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(format!(
            "--from {from} is after --to {to}; swap them and try again."
        ));
    }
    // Never the log or a backup, followed through any link; checked before the data folder is
    // opened, so a refused export changes nothing there (`export::run` checks again).
    let data_dir = paths.data_dir.as_path();
    export::check_destination(format, output, data_dir).map_err(|e| e.to_string())?;
    // Held until the export is written, so no other Limber changes the folder meanwhile.
    let (store, log) = open_for_export(data_dir, now.to_utc())?;
    let damaged: Vec<Month> = store.damaged().map(|(month, _)| month).collect();
    let (routine, _) = crate::core::routine_edit::load_active_routine(paths);
    let previous = crate::core::routine_edit::load_previous(paths);
    let settings = crate::core::settings::load(&paths.settings_file()).unwrap_or_default();
    let request = Request {
        format,
        from,
        to,
        output: output.to_owned(),
        name: Some(settings.name.clone()),
        page: settings.page_size,
    };
    // Every number the export prints comes from the figures, built here as the window's
    // worker builds them.
    let figures = crate::core::figures::Figures::of(
        &log,
        &crate::core::figures::FiguresInput {
            routine: &routine,
            previous_routine: previous.as_ref(),
            today: now.date_naive(),
        },
    );
    let sources = Sources {
        figures: &figures,
        data_dir,
        damaged: &damaged,
    };
    let written =
        export::run(&request, &sources, &crate::report::Pdf, now).map_err(|err| match err {
            ExportError::EmptyPeriod { .. } if format == ExportFormat::Ron => {
                let span = match (from, to) {
                    (Some(from), Some(to)) => format!("from {from} to {to}"),
                    (Some(from), None) => format!("from {from} on"),
                    (None, _) => format!("up to {}", to.unwrap_or(NaiveDate::MAX)),
                };
                format!(
                    "Nothing was logged {span}, so there is nothing to export and no file was \
                     written. Choose other dates with --from and --to, or leave both out for a \
                     complete backup."
                )
            }
            ExportError::EmptyPeriod { from, to } => format!(
                "Nothing was logged from {from} to {to}, so there is nothing to export. Choose \
                 other dates with --from and --to."
            ),
            other => other.to_string(),
        })?;
    Ok(describe(&written))
}

/// What `limber export` prints after writing.
fn describe(written: &crate::core::export::Written) -> String {
    let output = &written.output;
    let count = written.sessions;
    let sessions = format!("{count} session{}", if count == 1 { "" } else { "s" });
    let span = written
        .period
        .map(|p| format!("{} to {}", p.first_day(), p.last_day()))
        .unwrap_or_default();
    let said = match written.format {
        ExportFormat::Ron => format!("Wrote {sessions} to {}", output.display()),
        ExportFormat::Csv => {
            let names: Vec<String> = written
                .files
                .iter()
                .map(|f| f.display().to_string())
                .collect();
            format!("Wrote {sessions}: {}", names.join(", "))
        }
        ExportFormat::Fhir => format!("Wrote the FHIR bundle for {span} to {}", output.display()),
        ExportFormat::Pdf => format!("Wrote the report for {span} to {}", output.display()),
    };
    match written.replaced {
        0 => said,
        1 if written.files.len() == 1 => format!("{said} (it replaced the file that was there)"),
        n => format!(
            "{said} (replacing {n} file{} that {} there)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" }
        ),
    }
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
fn open_for_export(data_dir: &Path, now: DateTime<Utc>) -> Result<(Store, SessionLog), String> {
    let opened = Store::open(data_dir, now).map_err(|e| e.to_string())?;
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
    use crate::core::log::Prefer;
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
