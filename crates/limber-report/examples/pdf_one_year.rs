//! Times the one-year PDF export as the app and `limber export` make it: `export::run` on the
//! last 365 days of a ten-year sample log, from the figures to the file on disk (written
//! atomically, with its fsyncs). Prints the best, median and worst of `RUNS` runs.
//!
//! `cargo run --release -p limber-report --example pdf_one_year`

use std::time::Instant;

use chrono::{FixedOffset, NaiveDate, TimeZone as _};
use limber_core::catalog::Routine;
use limber_core::export::{self, ExportFormat, PageSize, Request, Sources};
use limber_core::sample::generate_log;

const RUNS: usize = 15;

fn main() {
    let routine = Routine::built_in().unwrap_or_else(|err| panic!("{err}"));
    let end = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_else(|| panic!("a date"));
    let log = generate_log(10, 1, end, &routine);
    let now = FixedOffset::east_opt(3600)
        .and_then(|offset| offset.with_ymd_and_hms(2026, 11, 25, 20, 0, 0).single())
        .unwrap_or_else(|| panic!("a time"));
    let dir = std::env::temp_dir().join(format!("limber-pdf-one-year-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|err| panic!("{err}"));
    let request = Request {
        format: ExportFormat::Pdf,
        from: end.checked_sub_days(chrono::Days::new(364)),
        to: Some(end),
        output: dir.join("report.pdf"),
        name: Some("Sam Example".to_owned()),
        page: PageSize::A4,
    };
    let data_dir = dir.join("data");
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            // As the export worker does it: the figures of the log, then the export.
            let figures = limber_core::figures::Figures::of(
                &log,
                &limber_core::figures::FiguresInput {
                    routine: &routine,
                    previous_routine: None,
                    today: end,
                },
            );
            let sources = Sources {
                figures: &figures,
                data_dir: &data_dir,
                damaged: &[],
            };
            let written = export::run(&request, &sources, &limber_report::Pdf, now)
                .unwrap_or_else(|err| panic!("{err}"));
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            assert_eq!(written.files.len(), 1);
            ms
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let bytes = std::fs::metadata(&request.output).map_or(0, |m| m.len());
    if let Err(err) = std::fs::remove_dir_all(&dir) {
        eprintln!("could not remove {}: {err}", dir.display());
    }
    println!(
        "one-year PDF export ({} sessions in the log, {bytes} bytes): best {:.1} ms, median {:.1} ms, worst {:.1} ms ({RUNS} runs)",
        log.sessions().len(),
        times.first().copied().unwrap_or_default(),
        times.get(RUNS / 2).copied().unwrap_or_default(),
        times.last().copied().unwrap_or_default(),
    );
}
