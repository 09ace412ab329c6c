//! Writes a realistic, seeded session log into a data folder, through the same store the app
//! uses: `cargo run --release --example gen_history -- --years 10 --data-dir DIR [--seed S]`.
//!
//! For benchmarks, screenshots and trying the History screen with years of data. The folder's
//! log must be empty (or absent): the generator never writes over someone's real sessions.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{NaiveDate, Utc};
use clap::Parser;
use limber::core::catalog::Routine;
use limber::core::sample::generate_log;
use limber::core::store::Store;

/// Generate a sample session log.
#[derive(Debug, Parser)]
struct Args {
    /// How many years of history.
    #[arg(long)]
    years: u32,
    /// The data folder to write the month files into (`DIR/log/`, created if needed).
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
    /// The random seed; the same seed gives the same log.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The last day of the history (YYYY-MM-DD); today (UTC) when left out.
    #[arg(long, value_name = "YYYY-MM-DD")]
    end: Option<NaiveDate>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let now = Utc::now();
    let routine = match Routine::built_in() {
        Ok(routine) => routine,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let log = generate_log(
        args.years,
        args.seed,
        args.end.unwrap_or(now.date_naive()),
        &routine,
    );
    let result = Store::open(&args.data_dir, now).and_then(|opened| {
        let mut store = opened.store;
        store.ensure_writable()?;
        if !opened.log.sessions().is_empty() {
            return Ok(Err(opened.log.sessions().len()));
        }
        store.save(&log, now)?;
        Ok(Ok(store.log_dir()))
    });
    match result {
        Ok(Ok(path)) => {
            println!(
                "Wrote {} sessions and {} check-ins over {} years to {}",
                log.sessions().len(),
                log.check_ins().len(),
                args.years,
                path.display()
            );
            ExitCode::SUCCESS
        }
        Ok(Err(existing)) => {
            eprintln!(
                "The log in {} already holds {existing} sessions; choose an empty folder.",
                args.data_dir.display()
            );
            ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
