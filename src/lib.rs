//! Limber helps a person with upper back pain follow the self-care routine their massage
//! therapist gave them, and shows both of them whether it is working.
//!
//! The project is split in three crates:
//! - [`core`] (`limber-core`): the domain (catalog, timer, session log, storage, figures, export). It never
//!   imports egui and takes the current time as an argument, so it is tested with plain unit
//!   tests and a fake clock.
//! - [`report`] (`limber-report`): the PDF report (layout, chart, krilla) and the system fonts
//!   for scripts the bundled fonts lack, shared by the report and the screen.
//! - [`ui`]: a thin egui layer that draws the core's state and turns clicks and keys into
//!   commands.
//!
//! [`cli`] parses the command line and runs either the GUI or a subcommand.

pub mod cli;
pub mod diagnostics;
pub mod ui;

/// The domain core, its own crate (`crates/limber-core`): the app reaches it as `crate::core`.
pub use limber_core as core;

/// The PDF report and the system-font lookup, their own crate (`crates/limber-report`): the app
/// reaches it as `crate::report`.
pub use limber_report as report;
