//! Export speed: both CSV files of a 10-year log (target ≤ 100 ms) and the PDF report of one
//! year (target ≤ 300 ms), in release, on the history `examples/gen_history` writes. Run with
//! `cargo bench --bench export`.

mod common;

use divan::Bencher;
use limber::core::export::{PageSize, Period, exercises_csv, sessions_csv};
use limber::report::{ReportOptions, pdf_report};

fn main() {
    divan::main();
}

#[divan::bench(args = [1, 10], sample_count = 20)]
fn csv(bencher: Bencher, years: u32) {
    let routine = common::routine();
    let log = common::history(years, &routine);
    let period = Period::last_days(common::end_day(), u64::from(years) * 366);
    bencher.bench(|| {
        let sessions = sessions_csv(&log, period).map_or(0, |b| b.len());
        let exercises = exercises_csv(&log, &routine, period).map_or(0, |b| b.len());
        assert!(sessions > 0 && exercises > 0);
        sessions + exercises
    });
}

#[divan::bench(sample_count = 20)]
fn pdf_of_one_year(bencher: Bencher) {
    let routine = common::routine();
    let log = common::history(10, &routine);
    let today = common::end_day();
    let period = Period::last_days(today, 365);
    let options = ReportOptions {
        name: Some("Sam Example".to_owned()),
        page: PageSize::A4,
        today,
    };
    // The app has the figures at hand (built on their worker, see `benches/figures.rs`).
    let input = limber::core::figures::FiguresInput {
        routine: &routine,
        previous_routine: None,
        today,
    };
    let figures = limber::core::figures::Figures::of(&log, &input);
    bencher.bench(|| {
        let bytes = pdf_report(&figures, period, &options).map_or(0, |b| b.len());
        assert!(bytes > 0);
        bytes
    });
}
