//! The command line: `limber` opens the app; subcommands work on files without a window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::catalog;
use crate::core::paths::Paths;

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
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let paths = Paths::resolve(cli.data_dir.as_deref());
    match cli.command {
        None => crate::ui::run(paths),
        Some(Command::Check { file }) => check(&file),
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
