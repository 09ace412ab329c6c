//! What every benchmark shares: the built-in routine and a generated history, the same one
//! `examples/gen_history` writes, ending on a fixed day so that every run measures the same log.

#![allow(dead_code, reason = "each benchmark uses the part it needs")]

use chrono::NaiveDate;
use limber::core::catalog::Routine;
use limber::core::log::SessionLog;
use limber::core::sample::generate_log;

/// The seed `examples/gen_history` uses by default.
pub const SEED: u64 = 1;

/// The last day of every generated history.
pub fn end_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// The built-in routine from `exercises.ron`.
pub fn routine() -> Routine {
    Routine::built_in().unwrap_or_else(|err| panic!("the built-in routine must load: {err}"))
}

/// `years` of history ending on [`end_day`].
pub fn history(years: u32, routine: &Routine) -> SessionLog {
    generate_log(years, SEED, end_day(), routine)
}
