//! The command line: `limber` opens the app; subcommands work on files without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::{Parser, Subcommand, ValueEnum};

use crate::core::catalog;
use crate::core::paths::Paths;
use crate::core::session::SessionLog;
use crate::core::store::{self, Store, StoreError};

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
        #[arg(long, value_enum)]
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
    /// Merge a backup (from `limber export --format ron`) into the log by session id; sessions
    /// already in the log are left as they are, so importing twice changes nothing.
    Import {
        /// The backup file to merge.
        file: PathBuf,
    },
}

/// The formats `limber export` knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per session, for spreadsheets.
    Csv,
    /// A one-page report for the therapist.
    Pdf,
    /// The complete log, as a backup.
    Ron,
    /// An HL7 FHIR R4 bundle (JSON) of pain scores and outcome measures, for clinic systems.
    Fhir,
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
        Some(Command::Import { file }) => import(&paths.data_dir, &file),
    }
}

/// `limber export`: the `ron` format writes the (filtered) log as a backup file.
fn export(
    data_dir: &Path,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> ExitCode {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        eprintln!("--from {from} is after --to {to}; swap them and try again.");
        return ExitCode::FAILURE;
    }
    match format {
        ExportFormat::Csv | ExportFormat::Pdf | ExportFormat::Fhir => {
            match export_report(data_dir, format, from, to, output) {
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
        ExportFormat::Ron => match export_ron(data_dir, from, to, output) {
            Ok(count) => {
                println!(
                    "Wrote {count} session{} to {}",
                    if count == 1 { "" } else { "s" },
                    output.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("{err}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Writes the log (its sessions and check-ins within `from..=to` by local date) to `output` and
/// returns how many sessions were written. Reading needs no lock: saves are atomic, so the file
/// on disk is always a complete one.
fn export_ron(
    data_dir: &Path,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> Result<usize, StoreError> {
    let log_path = data_dir.join(store::LOG_FILE);
    let mut log = if log_path.exists() {
        store::load_log(&log_path)?
    } else {
        SessionLog::default()
    };
    let within = |date: NaiveDate| from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t);
    log.sessions.retain(|s| within(s.local_date));
    log.check_ins.retain(|c| within(c.local_date));
    log.retain_dates(within);
    let text = store::to_ron(&log);
    store::write_atomically(output, text.as_bytes())?;
    Ok(log.sessions.len())
}

/// `limber export --format csv|pdf`: reads the log (without taking the lock) and the active
/// routine and settings, and writes the files atomically. Without `--from` the period is the last
/// four weeks; without `--to`, it ends today. An empty period is an error, so that nobody hands
/// a therapist an empty report by mistake.
fn export_report(
    data_dir: &Path,
    format: ExportFormat,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    output: &Path,
) -> Result<String, String> {
    use crate::core::export;
    let log_path = data_dir.join(store::LOG_FILE);
    let log = if log_path.exists() {
        store::load_log(&log_path).map_err(|e| e.to_string())?
    } else {
        SessionLog::default()
    };
    let paths = Paths::resolve(Some(data_dir));
    let (routine, _) = crate::core::routine_edit::load_active_routine(&paths);
    let settings = crate::core::settings::load(&paths.settings_file()).unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    let to = to.unwrap_or(today);
    let from = from.unwrap_or_else(|| export::Period::last_days(to, 28).first_day());
    let period = export::Period::new(from, to).map_err(|e| e.to_string())?;
    if format == ExportFormat::Fhir {
        let name = Some(settings.name.as_str());
        export::fhir::write_fhir(output, &log, period, name, Utc::now())
            .map_err(|e| e.to_string())?;
        return Ok(format!(
            "Wrote the FHIR bundle for {from} to {to} to {}",
            output.display()
        ));
    }
    let summary = export::summary(&log, &routine, period);
    if summary.sessions + summary.rest_days == 0 {
        return Err(format!(
            "Nothing was logged from {from} to {to}, so there is nothing to export. Choose other dates with --from and --to."
        ));
    }
    match format {
        ExportFormat::Csv => {
            std::fs::create_dir_all(output)
                .map_err(|e| format!("Could not create the folder: {e} ({})", output.display()))?;
            let files = export::csv::write_csv(output, &log, &routine, period)
                .map_err(|e| e.to_string())?;
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            Ok(format!(
                "Wrote {} sessions: {}",
                summary.sessions + summary.rest_days,
                names.join(", ")
            ))
        }
        ExportFormat::Pdf | ExportFormat::Ron | ExportFormat::Fhir => {
            let options = export::pdf::ReportOptions {
                name: Some(settings.name.clone()).filter(|n| !n.trim().is_empty()),
                page: settings.page_size,
                today,
            };
            export::pdf::write_pdf(output, &log, &routine, period, &options)
                .map_err(|e| e.to_string())?;
            Ok(format!(
                "Wrote the report for {from} to {to} to {}",
                output.display()
            ))
        }
    }
}

/// `limber import FILE`: merges a backup into the log through the store (so it takes the lock
/// and refuses to write when another Limber is open or the log cannot be read).
fn import(data_dir: &Path, file: &Path) -> ExitCode {
    let now = Utc::now();
    let result: Result<(usize, usize), StoreError> = (|| {
        let incoming = store::load_log(file)?;
        let offered = incoming.sessions.len();
        let opened = Store::open(data_dir, now)?;
        for notice in &opened.notices {
            eprintln!("{notice}");
        }
        let mut store = opened.store;
        store.ensure_writable()?;
        let mut log = opened.log;
        let before = log.clone();
        let added = log.merge(incoming);
        if log != before {
            store.save(&log, now)?;
        }
        for notice in store.take_notices() {
            eprintln!("{notice}");
        }
        Ok((added, offered))
    })();
    match result {
        Ok((added, offered)) => {
            println!(
                "Added {added} session{} from {} ({} already in the log).",
                if added == 1 { "" } else { "s" },
                file.display(),
                offered.saturating_sub(added)
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
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
