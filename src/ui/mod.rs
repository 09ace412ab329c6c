//! The egui layer: draws the core's state and turns input into commands.

pub mod banners;
pub mod calendar;
pub mod chart;
pub mod icon;
pub mod notice;
pub mod notify;
pub mod palette;
pub mod progress;
pub mod routine_editor;
pub mod settings;
pub mod sound;

use std::process::ExitCode;

use crate::core::paths::Paths;

pub mod app;
pub mod clock;
pub mod command;
pub mod digits;
pub mod exercise_card;
pub mod export;
pub mod history;
pub mod illustration;
pub mod safety;
pub mod session_form;
pub mod theme;
pub mod timer_ui;
pub mod timing;
pub mod today;

/// How the window should start (from the command line).
#[derive(Clone, Debug, Default)]
pub struct GuiOptions {
    /// Start hidden (start at login); reminders still come.
    pub minimized: bool,
    /// Print frame timings to standard error.
    pub report_timing: bool,
    /// The screen to open on, by name.
    pub screen: Option<String>,
}

/// Opens the main window and runs until it is closed.
pub fn run(paths: Paths, options: &GuiOptions) -> ExitCode {
    let screen = match options.screen.as_deref().map(command::Screen::from_name) {
        None => None,
        Some(Some(screen)) => Some(screen),
        Some(None) => {
            eprintln!(
                "limber: unknown screen {:?}; use one of today, progress, history, export, routine, settings, about",
                options.screen.as_deref().unwrap_or_default()
            );
            return ExitCode::FAILURE;
        }
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Limber")
        .with_app_id("limber")
        .with_inner_size([1100.0, 760.0])
        .with_min_inner_size([640.0, 480.0])
        .with_visible(!options.minimized);
    if let Some(icon) = icon::window_icon() {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let native = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let report_timing = options.report_timing;
    // Reading the routine, the settings and the log (tens of milliseconds with years of
    // history) runs on its own thread while eframe opens the window and sets up OpenGL, which
    // takes longer; the first frame waits for whichever ends last instead of for both in turn.
    let fallback_paths = paths.clone();
    let loading = std::thread::Builder::new()
        .name("limber-load".to_owned())
        .spawn(move || {
            app::LimberApp::new(app::AppInit {
                paths,
                clock: Box::new(clock::SystemClock),
            })
        });
    let result = eframe::run_native(
        "Limber",
        native,
        Box::new(move |cc| {
            egui_extras::install_image_loaders(&cc.egui_ctx);
            let loaded = loading.ok().and_then(|handle| handle.join().ok());
            // Only if the thread could not start or failed: load here instead.
            let mut app = loaded.unwrap_or_else(|| {
                app::LimberApp::new(app::AppInit {
                    paths: fallback_paths,
                    clock: Box::new(clock::SystemClock),
                })
            });
            app.sound = Some(sound::Sound::new());
            if report_timing {
                app.timing = Some(timing::TimingReport::default());
            }
            if let Some(screen) = screen {
                app.screen = screen;
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Limber could not open its window: {err}");
            ExitCode::FAILURE
        }
    }
}
