//! The egui layer: draws the core's state and turns input into commands.

pub mod icon;
pub mod sound;

use std::process::ExitCode;

use crate::core::paths::Paths;

/// Opens the main window and runs until it is closed.
pub fn run(paths: Paths) -> ExitCode {
    let _ = paths;
    ExitCode::SUCCESS
}
