//! Limber helps a person with upper back pain follow the self-care routine their massage
//! therapist gave them, and shows both of them whether it is working.
//!
//! The project is split in two crates:
//! - [`core`] (`limber-core`): the domain (catalog, timer, session log, storage, figures, export). It never
//!   imports egui and takes the current time as an argument, so it is tested with plain unit
//!   tests and a fake clock.
//! - [`ui`]: a thin egui layer that draws the core's state and turns clicks and keys into
//!   commands.
//!
//! [`cli`] parses the command line and runs either the GUI or a subcommand.

pub mod cli;
pub mod ui;

/// The domain core, its own crate (`crates/limber-core`): the app reaches it as `crate::core`.
pub use limber_core as core;
