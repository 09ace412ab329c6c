//! The figures behind the Progress screen and the safety prompts, on ten years of history
//! (`cargo bench --bench stats`): daily pain and its 7-day rolling average, adherence over the
//! whole log and by week, per-exercise figures, the streak, and every prompt rule.

mod common;

use chrono::Days;
use divan::Bencher;
use limber::core::{prompts, stats};

fn main() {
    divan::main();
}

const YEARS: u32 = 10;

#[divan::bench(sample_count = 30)]
fn rolling_average(bencher: Bencher) {
    let log = common::history(YEARS, &common::routine());
    let to = common::end_day();
    let from = to - Days::new(u64::from(YEARS) * 365);
    bencher.bench(|| {
        let daily = stats::daily_pain(&log);
        let series = stats::rolling_average(&daily, from, to);
        assert!(series.iter().any(|(_, pain)| pain.is_some()));
        series.len()
    });
}

#[divan::bench(sample_count = 30)]
fn adherence(bencher: Bencher) {
    let routine = common::routine();
    let log = common::history(YEARS, &routine);
    let to = common::end_day();
    let from = to - Days::new(u64::from(YEARS) * 365);
    bencher.bench(|| {
        let whole = stats::adherence(&log, &stats::Plan::from(&routine), from, to);
        let weeks = stats::weekly_adherence(&log, &stats::Plan::from(&routine), YEARS * 53, to);
        let streak = stats::current_streak(&log, &stats::Plan::from(&routine), to);
        assert!(whole.percent().is_some() && !weeks.is_empty());
        (whole, weeks.len(), streak)
    });
}

#[divan::bench(sample_count = 30)]
fn exercise_figures(bencher: Bencher) {
    let routine = common::routine();
    let log = common::history(YEARS, &routine);
    let to = common::end_day();
    let from = to - Days::new(u64::from(YEARS) * 365);
    bencher.bench(|| {
        let figures = stats::exercise_stats(&log, &stats::Plan::from(&routine), from, to);
        assert!(!figures.is_empty());
        figures
    });
}

#[divan::bench(sample_count = 30)]
fn prompts(bencher: Bencher) {
    let routine = common::routine();
    let log = common::history(YEARS, &routine);
    let today = common::end_day();
    bencher.bench(|| prompts::evaluate(&log, &routine, today));
}
