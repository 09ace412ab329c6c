//! Times the Progress screen with a ten-year log: the first frame (which builds the caches)
//! and then 300 frames per chart range with the pointer moving over the chart, in a bare
//! `egui::Context` (no rendering). Prints p50/p95/max in milliseconds.
//!
//! `cargo run --release --example progress_frame_time`

#[path = "demo_log/mod.rs"]
mod demo_log;

use std::time::Instant;

use chrono::NaiveDate;
use limber::core::catalog::Routine;
use limber::core::prompts::Dismissals;
use limber::ui::progress::{ChartRange, ProgressInput, ProgressView};

const FRAMES: usize = 300;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn main() {
    let routine = Routine::built_in().unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap_or_default();
    let started = Instant::now();
    let log = demo_log::demo_log(3650, today, &routine, 7);
    println!(
        "log: {} entries, {} check-ins (generated in {:.1} ms)",
        log.sessions.len(),
        log.check_ins.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let dismissals = Dismissals::default();
    let ctx = egui::Context::default();
    let mut view = ProgressView::new();
    let size = egui::vec2(1280.0, 800.0);
    let mut frame = 0_usize;
    let mut run = |view: &mut ProgressView, revision: u64, frame: &mut usize| -> f64 {
        *frame += 1;
        // Move the pointer back and forth across the chart so hover labels are computed.
        let x = 100.0 + (*frame % 50) as f32 * 20.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            time: Some(*frame as f64 / 60.0),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, 420.0))],
            ..egui::RawInput::default()
        };
        let progress = ProgressInput {
            log: &log,
            log_revision: revision,
            routine: &routine,
            today,
            dismissals: &dismissals,
        };
        let start = Instant::now();
        let _ = ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show_inside(ui, |ui| {
                let _actions = view.ui(ui, &progress);
            });
        });
        start.elapsed().as_secs_f64() * 1000.0
    };
    let first = run(&mut view, 1, &mut frame);
    println!("first frame (builds every cache): {first:.2} ms");
    for range in ChartRange::ALL {
        view.set_range(range);
        let mut times: Vec<f64> = (0..FRAMES).map(|_| run(&mut view, 1, &mut frame)).collect();
        times.sort_by(f64::total_cmp);
        println!(
            "range {:>8}: {FRAMES} frames, p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            range.label(),
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            times.last().copied().unwrap_or_default()
        );
    }
    let mut rebuilds: Vec<f64> = (0..20)
        .map(|i| run(&mut view, 100 + i, &mut frame))
        .collect();
    rebuilds.sort_by(f64::total_cmp);
    println!(
        "frame after a log change (cache rebuilt): p50 {:.2} ms, max {:.2} ms",
        percentile(&rebuilds, 0.5),
        rebuilds.last().copied().unwrap_or_default()
    );
}
