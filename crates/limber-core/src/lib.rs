//! The domain core. Nothing here imports egui; time is always passed in.

pub mod atomic;
pub mod autostart;
pub mod body_area;
pub mod catalog;
pub mod clock;
pub mod diary;
pub mod dismissals_file;
pub mod export;
pub mod measures;
pub mod pain_entry;
pub mod paths;
pub mod practice;
pub mod prompts;
pub mod questions;
pub mod reminder;
pub mod routine_edit;
pub mod sample;
pub mod sample_visit;
pub mod script_fonts;
pub mod session;
pub mod set_aside;
pub mod settings;
pub mod stats;
pub mod store;
pub mod timer;
pub mod voice;
