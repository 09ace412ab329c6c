//! Limber's one-page PDF report for the therapist, and the system-font lookup that the report
//! and the app's screen share.
//!
//! The domain core (`limber-core`) decides what an export holds; the PDF library (krilla), its
//! shaper and the font stack are compiled only into this crate and the app, never into the
//! core.
//!
//! The report's modules read the core through the imports below: the period, the summary and
//! the other figures of the export module, and the log's records.

mod chart;
mod layout;
pub mod pdf;
mod render;
pub mod script_fonts;

use limber_core::export::brief;
use limber_core::export::{
    ExportError, HIGH_PAIN, Period, ROLLING_DAYS, RoutineVersions, Summary, check_file_target,
    exercise_adherence_by_plan, hurt_any, is_high_pain, non_empty_entries, rolling_pain, summarise,
    write_file,
};
use limber_core::{catalog, measures, session, settings, stats};
#[cfg(test)]
use limber_core::{export::entries, questions, sample_visit};

pub use pdf::{PageSize, ReportOptions, pdf_report, write_pdf};
