//! Times the Progress screen with a ten-year log in a bare `egui::Context` (layout and
//! painting commands, no GPU): the first frame, which builds the caches, then 300 frames per
//! chart range with the pointer sweeping across the chart, and frames right after a log change.
//! The app builds the figures on a worker thread, so here they are built outside the timed
//! frame (their build time is printed on its own); a frame right after a change draws with the
//! new figures and rebuilds only what the screen derives from them.
//!
//! The machine this runs on may be shared, so each range's 300-frame sequence is played
//! `REPEATS` times with identical input and each frame keeps its fastest run: time the
//! scheduler gave to other processes does not count as UI time. The raw wall-clock p95 is
//! printed as well.
//!
//! `cargo run --release --example progress_frame_time`

#[path = "demo_log/mod.rs"]
mod demo_log;

use std::time::Instant;

use chrono::NaiveDate;
use limber::core::catalog::Routine;
use limber::core::figures::{Figures, FiguresInput, FiguresKey};
use limber::core::log::SessionLog;
use limber::core::prompts::Dismissals;
use limber::ui::progress::{ChartRange, ProgressInput, ProgressView};

const FRAMES: usize = 300;
const REPEATS: usize = 5;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let rank = (p * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn summary(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    format!(
        "p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        percentile(&times, 0.50),
        percentile(&times, 0.95),
        times.last().copied().unwrap_or_default()
    )
}

struct Bench {
    ctx: egui::Context,
    log: SessionLog,
    routine: Routine,
    today: NaiveDate,
    dismissals: Dismissals,
    /// Frames run so far: egui's clock must only move forward.
    ticks: std::cell::Cell<u32>,
    /// Shapes painted in the last frame, to show the frame really drew the screen.
    shapes: std::cell::Cell<usize>,
    /// The figures of the last revision asked for, as the worker would hand them over.
    figures: std::cell::RefCell<Option<Figures>>,
}

impl Bench {
    /// Runs one frame with the pointer at a position picked by `index` and returns its wall-clock time in ms.
    fn frame(&self, view: &mut ProgressView, revision: u64, index: usize) -> f64 {
        #[expect(clippy::cast_precision_loss, reason = "small frame numbers")]
        let x = 100.0 + (index % 50) as f32 * 20.0;
        self.ticks.set(self.ticks.get() + 1);
        let time = f64::from(self.ticks.get()) / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(time),
            events: vec![egui::Event::PointerMoved(egui::pos2(x, 420.0))],
            ..egui::RawInput::default()
        };
        let figures_input = FiguresInput {
            routine: &self.routine,
            previous_routine: None,
            today: self.today,
        };
        let key = FiguresKey::new(&figures_input, revision);
        let stale = self
            .figures
            .borrow()
            .as_ref()
            .is_none_or(|f| f.key() != key);
        if stale {
            let built = Instant::now();
            let figures =
                Figures::build(std::sync::Arc::new(self.log.clone()), &figures_input, key);
            if revision < 2 {
                println!(
                    "figures built (on the worker in the app): {:.2} ms",
                    built.elapsed().as_secs_f64() * 1000.0
                );
            }
            *self.figures.borrow_mut() = Some(figures);
        }
        let figures = self.figures.borrow();
        let Some(figures) = figures.as_ref() else {
            return 0.0;
        };
        let shown = figures.active_prompts(figures.log());
        let progress = ProgressInput {
            figures,
            dismissals: &self.dismissals,
            shown: &shown,
        };
        let start = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                let _actions = view.ui(ui, &progress);
            });
        });
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        self.shapes.set(output.shapes.len());
        // No renderer here: drop the texture updates on purpose.
        output.textures_delta.clear();
        elapsed
    }
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
        "log: {} entries over 10 years, {} check-ins (generated in {:.1} ms)",
        log.sessions().len(),
        log.check_ins().len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let bench = Bench {
        ctx: egui::Context::default(),
        log,
        routine,
        today,
        dismissals: Dismissals::default(),
        ticks: std::cell::Cell::new(0),
        shapes: std::cell::Cell::new(0),
        figures: std::cell::RefCell::new(None),
    };
    let mut view = ProgressView::new();
    let first = bench.frame(&mut view, 1, 0);
    println!("first frame (builds every cache): {first:.2} ms");
    let mut index = 1;
    for range in ChartRange::ALL {
        view.set_range(range);
        // Settle the new range (the chart applies it on the next frame).
        for _ in 0..3 {
            bench.frame(&mut view, 1, index);
            index += 1;
        }
        let mut best = vec![f64::INFINITY; FRAMES];
        let mut raw = Vec::with_capacity(FRAMES * REPEATS);
        for _ in 0..REPEATS {
            for (i, slot) in best.iter_mut().enumerate() {
                let ms = bench.frame(&mut view, 1, index + i);
                raw.push(ms);
                *slot = slot.min(ms);
            }
        }
        index += FRAMES;
        println!(
            "range {:>8} ({} shapes a frame): {FRAMES} frames, best of {REPEATS}: {} | raw wall clock: {}",
            range.label(),
            bench.shapes.get(),
            summary(best),
            summary(raw)
        );
    }
    let rebuilds: Vec<f64> = (0..20)
        .map(|i| bench.frame(&mut view, 100 + i, index))
        .collect();
    println!(
        "frame right after a log change (caches rebuilt): {}",
        summary(rebuilds)
    );
}
