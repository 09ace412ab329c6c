//! Times the Export screen with a ten-year log: the UI time of every frame (`LimberApp::tick`
//! and `LimberApp::show`, layout and painting commands, no GPU) while the screen is idle, then
//! while a one-year PDF report is saved, from the click on "Save export" until "Saved:" shows.
//!
//! The frame that carries out the click is the one to watch: when the export ran on the UI
//! thread, that frame lasted as long as the whole export and the window froze meanwhile.
//!
//! `cargo run --release --example export_frame_time` (the figures in README were measured so;
//! a debug build prints larger numbers with the same shape).

use std::time::{Duration, Instant};

use chrono::{Days, FixedOffset, TimeZone, Utc};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use limber::core::catalog::Routine;
use limber::core::export::{ExportFormat, Period};
use limber::core::paths::Paths;
use limber::core::sample::generate_log;
use limber::core::store::Store;
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;
use limber::ui::command::Screen;
use limber::ui::export::ExportView;

const IDLE_FRAMES: usize = 120;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "an index into a short list"
    )]
    let rank = (p * (sorted.len().saturating_sub(1)) as f64).round() as usize;
    sorted.get(rank).copied().unwrap_or_default()
}

fn summary(times: &[f64]) -> String {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} frames)",
        percentile(&sorted, 0.50),
        percentile(&sorted, 0.95),
        sorted.last().copied().unwrap_or_default(),
        sorted.len()
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let out = tempfile::tempdir().unwrap_or_else(|err| panic!("{err}"));
    let paths = Paths::under(dir.path());
    let now = Utc
        .with_ymd_and_hms(2026, 11, 25, 8, 0, 0)
        .single()
        .unwrap_or_else(|| panic!("a valid time"));
    let utc = FixedOffset::east_opt(0).unwrap_or_else(|| panic!());
    let routine = Routine::built_in().unwrap_or_else(|err| panic!("{err}"));
    let mut log = generate_log(10, 1, now.date_naive(), &routine);
    // The last export a year ago: "since the last export" proposes one year.
    let year_ago = now.date_naive() - Days::new(366);
    let last =
        Period::new(year_ago - Days::new(27), year_ago).unwrap_or_else(|err| panic!("{err}"));
    log.edit_records(|r| {
        r.exports.push(last.export_record(
            ExportFormat::Pdf,
            now - chrono::Duration::days(366),
            utc,
        ));
    });
    let mut store = Store::open(&paths.data_dir, now)
        .unwrap_or_else(|err| panic!("{err}"))
        .store;
    store.save(&log, now).unwrap_or_else(|err| panic!("{err}"));
    drop(store);
    std::fs::create_dir_all(&paths.config_dir).unwrap_or_else(|err| panic!("{err}"));
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen")
        .unwrap_or_else(|err| panic!("{err}"));

    let clock = ManualClock::new(now, utc);
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock),
    });
    app.views.export_view = ExportView::new(out.path().to_owned());
    app.screen = Screen::Export;
    let times = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let recorder = std::rc::Rc::clone(&times);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_ui_state(
            move |ui, app: &mut LimberApp| {
                let started = Instant::now();
                app.tick(ui.ctx());
                app.show(ui);
                recorder
                    .borrow_mut()
                    .push(started.elapsed().as_secs_f64() * 1000.0);
            },
            app,
        );
    harness.run_steps(4);
    while harness.state().persistence.loading_older() {
        std::thread::sleep(Duration::from_millis(10));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    times.borrow_mut().clear();
    harness.run_steps(IDLE_FRAMES);
    let idle = times.borrow().clone();

    times.borrow_mut().clear();
    let started = Instant::now();
    harness.get_by_label("Save export").click();
    let mut saved = false;
    while started.elapsed() < Duration::from_mins(2) {
        harness.run_steps(1);
        if harness.query_by_label_contains("Saved: ").is_some() {
            saved = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let waited = started.elapsed().as_secs_f64() * 1000.0;
    assert!(saved, "the report was saved");
    let exporting = times.borrow().clone();
    println!(
        "Export screen, {} sessions in the log (10 years):",
        harness.state().log().sessions().len()
    );
    println!("  idle: {}", summary(&idle));
    println!(
        "  saving a one-year PDF: {} until \"Saved:\" showed after {waited:.0} ms; the slowest frame is the window's longest freeze",
        summary(&exporting)
    );
}
