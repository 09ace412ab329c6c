//! The one rule for "this period has content", per export format: the Export screen, the
//! command line and each writer ask here before anything is written.

use chrono::NaiveDate;

use crate::export::{ExportFormat, Period};
use crate::log::SessionLog;

/// The dates on which each kind of record was logged, sorted (a date may repeat).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Content {
    /// Sessions and rest days: what the spreadsheet and the PDF report list.
    entries: Vec<NaiveDate>,
    /// Pain ratings (sessions' and pain entries') and outcome-measure answers: what the FHIR
    /// bundle holds.
    scores: Vec<NaiveDate>,
    /// Every dated record (sessions, check-ins, pain entries, measures, questions): what a
    /// backup of the period holds.
    records: Vec<NaiveDate>,
}

impl Content {
    /// The content of `log` on its own, for a caller with no [`super::Figures`] at hand (the
    /// command line's backup); the same rule as [`super::Figures::content`].
    pub fn of_log(log: &SessionLog) -> Content {
        Content::of(log, &super::daily_pain(log))
    }

    pub(super) fn of(log: &SessionLog, daily_pain: &[(NaiveDate, f64)]) -> Content {
        let sorted = |mut dates: Vec<NaiveDate>| {
            dates.sort_unstable();
            dates
        };
        let entries = sorted(log.sessions().iter().map(|s| s.local_date).collect());
        let scores = sorted(
            daily_pain
                .iter()
                .map(|(d, _)| *d)
                .chain(log.measures().iter().map(|m| m.local_date))
                .collect(),
        );
        let records = sorted(
            entries
                .iter()
                .copied()
                .chain(log.check_ins().iter().map(|c| c.local_date))
                .chain(log.pain_entries().iter().map(|e| e.local_date))
                .chain(log.measures().iter().map(|m| m.local_date))
                .chain(log.questions().iter().map(|q| q.local_date))
                .chain(log.sign_records().iter().map(|r| r.local_date))
                .collect(),
        );
        Content {
            entries,
            scores,
            records,
        }
    }

    /// Whether an export of `period` in `format` has anything to hold: a session or rest day
    /// for the spreadsheet and the PDF, a pain rating or an outcome measure for FHIR, any
    /// dated record for a backup.
    pub fn has_content(&self, format: ExportFormat, period: Period) -> bool {
        let dates = match format {
            ExportFormat::Csv | ExportFormat::Pdf => &self.entries,
            ExportFormat::Fhir => &self.scores,
            ExportFormat::Ron => &self.records,
        };
        let from = dates.partition_point(|d| *d < period.first_day());
        dates.get(from).is_some_and(|d| *d <= period.last_day())
    }
}
