//! An export running on a thread of its own: a one-year PDF takes long enough to freeze the
//! window for a visible moment, and the disk may be slow, so the Export screen hands the work
//! to [`ExportJob::spawn`] and keeps drawing ("Exporting…") until the result arrives.
//!
//! The worker owns a copy of everything it reads (the log, the routines) and calls the same
//! [`export::run`] as `limber export`; it does every write of the export itself.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use chrono::{DateTime, FixedOffset};

use crate::core::catalog::Routine;
use crate::core::export::{self, PdfReport, Request, Sources, Written};
use crate::core::log::SessionLog;
use crate::core::store::Month;

/// What an export reads, owned, so it can move to the worker.
#[derive(Clone, Debug)]
pub struct ExportWork {
    /// What to write.
    pub request: Request,
    /// A copy of the log as it is now.
    pub log: SessionLog,
    /// The routine in use.
    pub routine: Routine,
    /// The routine kept before the last change, if any.
    pub previous: Option<Routine>,
    /// The data folder (never exported into).
    pub data_dir: PathBuf,
    /// Month files that could not be read.
    pub damaged: Vec<Month>,
    /// The local time of the export.
    pub now: DateTime<FixedOffset>,
}

impl ExportWork {
    /// Writes the export here, on the calling thread.
    pub fn run(&self, pdf: &dyn PdfReport) -> Result<Written, String> {
        // The figures of the log as copied for this export (about 4 ms for ten years), built
        // here on the worker: the export describes the log as it is, notes typed a moment ago
        // included.
        let figures = crate::core::figures::Figures::of(
            &self.log,
            &crate::core::figures::FiguresInput {
                routine: &self.routine,
                previous_routine: self.previous.as_ref(),
                today: self.now.date_naive(),
            },
        );
        let sources = Sources {
            figures: &figures,
            data_dir: &self.data_dir,
            damaged: &self.damaged,
        };
        export::run(&self.request, &sources, pdf, self.now).map_err(|err| err.to_string())
    }
}

/// An export under way on its worker thread.
#[derive(Debug)]
pub struct ExportJob {
    receiver: Receiver<Result<Written, String>>,
}

impl ExportJob {
    /// Starts `work` on a thread of its own, drawing a PDF with `pdf`; `wake` is called when it
    /// is done, so the window draws the result. An error when no thread could be started.
    pub fn spawn(
        work: ExportWork,
        pdf: Arc<dyn PdfReport>,
        wake: impl Fn() + Send + 'static,
    ) -> std::io::Result<ExportJob> {
        let (sender, receiver) = mpsc::channel();
        std::thread::Builder::new()
            .name("limber-export".to_owned())
            .spawn(move || {
                let result = work.run(pdf.as_ref());
                // Nobody waits any more when the window was closed meanwhile: the files are
                // written (or not) all the same, and there is no one left to tell.
                if sender.send(result).is_ok() {
                    wake();
                }
            })?;
        Ok(ExportJob { receiver })
    }

    /// The result once the worker is done, `None` while it runs.
    pub fn try_finish(&self) -> Option<Result<Written, String>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(
                "The export stopped before it was done, so it may not have been written. Please \
                 try again."
                    .to_owned(),
            )),
        }
    }
}
