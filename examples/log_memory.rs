//! What a log costs in memory, read the way the app reads it: this month and the last on this
//! thread, then the older months on a thread of their own (which shares them over two, as the
//! saver does), joined into the log here.
//!
//! `cargo run --release --example log_memory -- --data-dir DIR` (a folder that
//! `examples/gen_history` filled). Prints the size of the records, how many there are, and how
//! much resident memory the process gained (Linux: `/proc/self/status`); `scripts/bench-gui.sh`
//! runs it on the 10-year log.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Utc;
use clap::Parser;
use limber::core::session::{ExerciseRecord, Session};
use limber::core::store::Store;

/// Measure the memory a log takes once loaded.
#[derive(Debug, Parser)]
struct Args {
    /// The data folder holding the log (`DIR/log/`).
    #[arg(long, value_name = "DIR")]
    data_dir: PathBuf,
}

/// `VmHWM` (peak) and `RssAnon` (heap and other private memory) in KiB, when the system says.
fn resident_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<u64> {
        status
            .lines()
            .find(|line| line.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    };
    Some((field("VmHWM:")?, field("RssAnon:")?))
}

fn main() -> ExitCode {
    let args = Args::parse();
    let now = Utc::now();
    let before = resident_kib();
    let mut opened = match Store::open_recent(&args.data_dir, now, Some(now.date_naive())) {
        Ok(opened) => opened,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let older = std::mem::take(&mut opened.older);
    let mut store = opened.store;
    let loaded = std::thread::spawn(move || store.load_months(&older).0).join();
    let Ok(parts) = loaded else {
        eprintln!("the thread reading the older months failed");
        return ExitCode::FAILURE;
    };
    let mut log = opened.log;
    log.absorb_all(parts);
    let after = resident_kib();
    let records: usize = log.sessions().iter().map(|s| s.exercises.len()).sum();
    println!(
        "log: {} sessions, {records} exercise records, {} check-ins",
        log.sessions().len(),
        log.check_ins().len()
    );
    println!(
        "record sizes: a session {} bytes, an exercise record {} bytes",
        size_of::<Session>(),
        size_of::<ExerciseRecord>()
    );
    match (before, after) {
        (Some((peak0, anon0)), Some((peak1, anon1))) => println!(
            "resident memory gained by loading it: peak +{:.1} MiB, private (heap) +{:.1} MiB",
            kib_to_mib(peak1.saturating_sub(peak0)),
            kib_to_mib(anon1.saturating_sub(anon0))
        ),
        _ => println!("resident memory: not available on this system"),
    }
    ExitCode::SUCCESS
}

#[expect(clippy::cast_precision_loss, reason = "KiB counts far below 2^52")]
fn kib_to_mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
