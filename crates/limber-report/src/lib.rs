//! Limber's one-page PDF report for the therapist, and the system-font lookup that the report
//! and the app's screen share.
//!
//! The domain core (`limber-core`) decides what an export holds and writes it
//! ([`limber_core::export::run`]); it draws a PDF through the [`PdfReport`] trait, which [`Pdf`]
//! implements here. So the PDF library (krilla), its shaper and the font stack are compiled only
//! into this crate and the app, never into the core.
//!
//! The report's modules read the core through the imports below: the period, the summary and
//! the other figures of the export module, and the log's records.

mod chart;
mod layout;
pub mod pdf;
mod render;
pub mod script_fonts;

use chrono::NaiveDate;
use limber_core::export::PdfReport;
use limber_core::export::brief;
use limber_core::export::{
    ExportError, ExportFormat, Period, Summary, chart_series, check_content, check_file_target,
    entries, exercise_adherence, hurt_any, is_high_pain, summarise, write_file,
};
use limber_core::figures::Figures;
use limber_core::{catalog, figures, measures, prompts, session, settings};
#[cfg(test)]
use limber_core::{log, questions, sample_visit};

pub use pdf::{PageSize, ReportOptions, pdf_report, write_pdf};

/// The PDF report, as the core's export path draws it (see [`PdfReport`]).
#[derive(Clone, Copy, Debug, Default)]
pub struct Pdf;

impl PdfReport for Pdf {
    fn report(
        &self,
        figures: &Figures,
        period: Period,
        name: Option<&str>,
        page: settings::PageSize,
        today: NaiveDate,
    ) -> Result<Vec<u8>, ExportError> {
        let options = ReportOptions {
            name: name.map(str::to_owned),
            page,
            today,
        };
        pdf_report(figures, period, &options)
    }
}
