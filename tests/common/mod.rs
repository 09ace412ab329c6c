//! What the app's UI tests share: the window harness around a `LimberApp`, and opening the app
//! on a data folder at a given moment (as after a restart).

#![allow(
    dead_code,
    clippy::unwrap_used,
    reason = "each test file uses the part it needs; a test stops loudly at the first surprise"
)]

use std::path::Path;

use chrono::{DateTime, FixedOffset, Utc};
use egui_kittest::Harness;
use limber::core::paths::Paths;
use limber::ui::app::{AppInit, LimberApp, NOTICE_MARKER};
use limber::ui::clock::ManualClock;

/// A 1280 × 800 window that ticks and draws `app` every frame, as eframe does.
pub fn app_harness(app: LimberApp) -> Harness<'static, LimberApp> {
    app_harness_sized(app, egui::vec2(1280.0, 800.0))
}

/// The same, at another size (a tall one keeps a long screen in view).
pub fn app_harness_sized(app: LimberApp, size: egui::Vec2) -> Harness<'static, LimberApp> {
    let harness = Harness::builder().with_size(size).build_ui_state(
        |ui, app: &mut LimberApp| {
            app.tick(ui.ctx());
            app.show(ui);
        },
        app,
    );
    egui_extras::install_image_loaders(&harness.ctx);
    harness
}

/// The app on `dir` at `at` (UTC+1), past the first-start notice, with the weekly check-in put
/// off unless `check_in` is asked for; two frames drawn.
pub fn open(dir: &Path, at: DateTime<Utc>, check_in: bool) -> Harness<'static, LimberApp> {
    open_sized(dir, at, check_in, egui::vec2(1280.0, 800.0))
}

/// The same, in a window of `size` (a tall one keeps a long card in view).
pub fn open_sized(
    dir: &Path,
    at: DateTime<Utc>,
    check_in: bool,
    size: egui::Vec2,
) -> Harness<'static, LimberApp> {
    let paths = Paths::under(dir);
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    let clock = ManualClock::new(at, FixedOffset::east_opt(3600).unwrap());
    let mut app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock),
    });
    if !check_in {
        app.dismissals.check_in_dismissed_on = Some(app.now().local_date());
    }
    let mut harness = app_harness_sized(app, size);
    harness.run_steps(2);
    harness
}

/// Runs frames until the export the Export screen started is done (it runs on a worker thread
/// while the window keeps drawing), and one more to show the result.
pub fn wait_for_export(harness: &mut Harness<'static, LimberApp>) {
    let started = std::time::Instant::now();
    while harness.state().views.export_view.is_exporting() {
        assert!(
            started.elapsed() < std::time::Duration::from_mins(1),
            "the export never finished"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        harness.run_steps(1);
    }
    harness.run_steps(1);
}

/// What a test keeps while its app runs: the data folder (removed when dropped) and the clock
/// it moves.
pub struct Fixture {
    /// The data folder.
    pub dir: tempfile::TempDir,
    /// The app's clock.
    pub clock: ManualClock,
}

/// The app on a fresh data folder past the first-start notice, at Wednesday 25 November 2026
/// 09:00 (UTC+1), on a clock the test moves: where most UI tests start.
pub fn fresh_app() -> (LimberApp, Fixture) {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    std::fs::create_dir_all(&paths.config_dir).unwrap();
    std::fs::write(paths.config_dir.join(NOTICE_MARKER), "seen").unwrap();
    let clock = ManualClock::new(
        chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 11, 25, 8, 0, 0).unwrap(),
        FixedOffset::east_opt(3600).unwrap(),
    );
    let app = LimberApp::new(AppInit {
        paths,
        clock: Box::new(clock.clone()),
    });
    (app, Fixture { dir, clock })
}
