//! The figures behind every screen and export, on ten years of history
//! (`cargo bench --bench figures`): the whole [`Figures`] build (target ≤ 20 ms: the daily pain
//! series and its 7-day mean, the plan, the prompts raised on each of the 3,650 days, the
//! content dates), and its parts: daily pain and its 7-day mean, adherence over the whole log
//! and by week, per-exercise figures, the streak, and every prompt rule on one day.

mod common;

use std::sync::Arc;

use chrono::Days;
use divan::Bencher;
use limber::core::figures::{self as stats, Figures, FiguresInput, FiguresKey};
use limber::core::prompts;

fn main() {
    divan::main();
}

const YEARS: u32 = 10;

#[divan::bench(sample_count = 30)]
fn figures_build(bencher: Bencher) {
    let routine = common::routine();
    let log = Arc::new(common::history(YEARS, &routine));
    let input = FiguresInput {
        routine: &routine,
        previous_routine: None,
        today: common::end_day(),
    };
    let key = FiguresKey::new(&input, 1);
    bencher.bench(|| {
        let figures = Figures::build(Arc::clone(&log), &input, key);
        assert!(figures.pain().rolling_on(input.today).is_some());
        figures.streak()
    });
}

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
