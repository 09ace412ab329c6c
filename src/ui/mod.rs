//! The egui layer: draws the core's state and turns input into commands.

use std::process::ExitCode;

use crate::core::paths::Paths;

pub mod app;
pub mod clock;
pub mod command;
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

/// Opens the main window and runs until it is closed.
pub fn run(paths: Paths) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Limber")
            .with_app_id("limber")
            .with_inner_size([1100.0, 760.0])
            .with_min_inner_size([640.0, 480.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Limber",
        options,
        Box::new(move |cc| {
            theme::apply(&cc.egui_ctx, 1.0);
            egui_extras::install_image_loaders(&cc.egui_ctx);
            Ok(Box::new(app::LimberApp::new(app::AppInit {
                paths,
                clock: Box::new(clock::SystemClock),
            })))
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
