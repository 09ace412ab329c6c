//! What a daily backup costs with the 10-year log: the time it adds to the first save of a day,
//! and the bytes it copies.
//!
//! `cargo run --release --example backup_cost [-- --work-dir DIR]` writes the 10-year log of
//! `examples/gen_history` (seed 1) into a temporary folder (inside `DIR` when given: put it on
//! the file system to measure, e.g. one with reflinks), then, five times over:
//! - the first backup: no earlier backup, so every month file is copied;
//! - the next day's backup, after the day before changed one month: that month is copied, the
//!   others are shared with the first backup's copies.
//!
//! Each cost is the time of the day's first save (the backup, then one month written) less the
//! time of the same save again that day (no backup); the medians are printed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use clap::Parser;
use limber::core::catalog::Routine;
use limber::core::log::SessionLog;
use limber::core::sample::generate_log;
use limber::core::store::{BACKUP_DIR, Month, Store};

/// Measure the cost of a daily backup of the 10-year log.
#[derive(Debug, Parser)]
struct Args {
    /// Where to make the temporary data folder (the system's temporary folder by default).
    #[arg(long, value_name = "DIR")]
    work_dir: Option<PathBuf>,
    /// How many times to measure each backup.
    #[arg(long, default_value_t = 5)]
    runs: u32,
}

/// The last day of the generated history (as in `examples/gen_history`).
fn end_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// Noon (UTC) `days` after the end of the history.
fn day(days: u32) -> DateTime<Utc> {
    (end_day() + TimeDelta::days(i64::from(days)))
        .and_hms_opt(12, 0, 0)
        .unwrap_or_default()
        .and_utc()
}

/// The time of one save of `month`'s part on `now`.
fn timed_save(
    store: &mut Store,
    month: Month,
    part: &SessionLog,
    now: DateTime<Utc>,
) -> Result<Duration, String> {
    let start = Instant::now();
    store
        .save_parts(&[(month, part)], now)
        .map_err(|err| err.to_string())?;
    Ok(start.elapsed())
}

/// The files of a backup folder: how many, their bytes, and the bytes of those that are a copy
/// of their own (not shared with another backup).
fn folder_bytes(folder: &Path) -> Result<(usize, u64, u64), String> {
    let mut files = 0;
    let mut all = 0;
    let mut own = 0;
    for entry in fs::read_dir(folder).map_err(|err| format!("{}: {err}", folder.display()))? {
        let meta = entry
            .and_then(|e| e.metadata())
            .map_err(|err| err.to_string())?;
        files += 1;
        all += meta.len();
        #[cfg(unix)]
        let shared = std::os::unix::fs::MetadataExt::nlink(&meta) > 1;
        #[cfg(not(unix))]
        let shared = false;
        if !shared {
            own += meta.len();
        }
    }
    Ok((files, all, own))
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn mib(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
    let mib = bytes as f64 / (1024.0 * 1024.0);
    format!("{mib:.1} MiB")
}

#[expect(clippy::cast_precision_loss, reason = "a size shown to one decimal")]
fn kib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0
}

fn run(args: &Args) -> Result<(), String> {
    let work = match &args.work_dir {
        Some(dir) => tempfile::tempdir_in(dir),
        None => tempfile::tempdir(),
    }
    .map_err(|err| err.to_string())?;
    let data = work.path();
    let routine = Routine::built_in().map_err(|err| err.to_string())?;
    let mut log = generate_log(10, 1, end_day(), &routine);
    let mut store = Store::open(data, day(0)).map_err(|e| e.to_string())?.store;
    store.save(&log, day(0)).map_err(|e| e.to_string())?;
    let months = log.months().len();
    println!(
        "10-year log: {} sessions in {months} month files ({})",
        log.sessions().len(),
        mib(folder_bytes(&data.join("log"))?.1)
    );

    let month = Month::of(end_day());
    let (mut first, mut next) = (Vec::new(), Vec::new());
    let (mut first_bytes, mut next_bytes) = ((0, 0), (0, 0));
    for run in 0..args.runs {
        let backups = data.join(BACKUP_DIR);
        if backups.exists() {
            fs::remove_dir_all(&backups).map_err(|e| e.to_string())?;
        }
        let (a, b) = (day(2 * run + 1), day(2 * run + 2));
        // Day a: the first backup (nothing to share), then this month written.
        let part = log.month(month);
        let with = timed_save(&mut store, month, &part, a)?;
        let without = timed_save(&mut store, month, &part, a)?;
        first.push(with.saturating_sub(without));
        let (_, all, own) = folder_bytes(&backups.join(a.format("%Y-%m-%d").to_string()))?;
        first_bytes = (all, own);
        // A change to this month, saved on day a; day b's backup copies that month alone.
        log.edit_records(|r| {
            if let Some(session) = r.sessions.last_mut() {
                session.notes.push_str(" Changed.");
            }
        });
        let part = log.month(month);
        timed_save(&mut store, month, &part, a)?;
        let with = timed_save(&mut store, month, &part, b)?;
        let without = timed_save(&mut store, month, &part, b)?;
        next.push(with.saturating_sub(without));
        let (_, all, own) = folder_bytes(&backups.join(b.format("%Y-%m-%d").to_string()))?;
        next_bytes = (all, own);
    }
    println!(
        "first backup (all {months} months copied): {:.1} ms, {} copied",
        median(first).as_secs_f64() * 1000.0,
        mib(first_bytes.1)
    );
    println!(
        "next day's backup (1 month changed): {:.1} ms, {:.1} KiB copied, {} shared",
        median(next).as_secs_f64() * 1000.0,
        kib(next_bytes.1),
        mib(next_bytes.0 - next_bytes.1)
    );
    Ok(())
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("backup_cost: {err}");
            ExitCode::FAILURE
        }
    }
}
