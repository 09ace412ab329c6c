//! The domain core. Nothing here imports egui; time is always passed in.

pub mod atomic;
pub mod catalog;
pub mod export;
pub mod paths;
pub mod session;
pub mod store;
pub mod timer;
