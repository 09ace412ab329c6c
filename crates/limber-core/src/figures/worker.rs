//! Builds [`Figures`] off the UI thread: the window keeps drawing the figures it has until the
//! new ones arrive.
//!
//! The app hands the worker a snapshot (the log is shared behind an `Arc`, so the hand-over
//! costs one clone per change, not per frame) whenever the key changes. The worker builds only
//! the newest request it holds, and a log that differs from the last one only in notes is not
//! rebuilt ([`same_figure_inputs`]). A synchronous worker builds on the spot: for the UI tests
//! and for the first frame.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::catalog::Routine;
use crate::log::SessionLog;

use super::{Figures, FiguresInput, FiguresKey, same_figure_inputs};

/// One build asked for.
struct Request {
    key: FiguresKey,
    log: Arc<SessionLog>,
    routine: Routine,
    previous: Option<Routine>,
}

impl Request {
    fn build(self, last: Option<&Arc<Figures>>) -> Arc<Figures> {
        if let Some(last) = last {
            let same_day_and_routine =
                last.key.today == self.key.today && last.key.routine == self.key.routine;
            if same_day_and_routine && same_figure_inputs(last.log(), &self.log) {
                return Arc::new(last.rekeyed(self.key, self.log));
            }
        }
        let input = FiguresInput {
            routine: &self.routine,
            previous_routine: self.previous.as_ref(),
            today: self.key.today,
        };
        Arc::new(Figures::build(self.log, &input, self.key))
    }
}

/// The thread's end of a background worker.
struct Background {
    requests: Sender<Request>,
    results: Receiver<Arc<Figures>>,
}

/// Keeps the latest [`Figures`] and has new ones built when the key changes.
pub struct FiguresWorker {
    current: Option<Arc<Figures>>,
    /// The key of the last request sent, while its figures have not arrived.
    pending: Option<FiguresKey>,
    background: Option<Background>,
}

impl FiguresWorker {
    /// A worker that builds on the calling thread, at once.
    pub fn synchronous() -> FiguresWorker {
        FiguresWorker {
            current: None,
            pending: None,
            background: None,
        }
    }

    /// A worker with its own thread; `wake` is called when new figures are ready (the app
    /// asks for a repaint).
    pub fn background(wake: impl Fn() + Send + 'static) -> FiguresWorker {
        let mut worker = FiguresWorker::synchronous();
        worker.run_in_background(wake);
        worker
    }

    /// From now on builds on a thread of its own (keeping the figures it has), calling `wake`
    /// when new ones are ready. If no thread can be started, it keeps building on the calling
    /// thread.
    pub fn run_in_background(&mut self, wake: impl Fn() + Send + 'static) {
        if self.background.is_some() {
            return;
        }
        let (requests, inbox) = channel::<Request>();
        let (outbox, results) = channel::<Arc<Figures>>();
        let mut last = self.current.clone();
        let spawned = std::thread::Builder::new()
            .name("limber-figures".to_owned())
            .spawn(move || {
                while let Ok(mut request) = inbox.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    let figures = request.build(last.as_ref());
                    last = Some(Arc::clone(&figures));
                    if outbox.send(figures).is_err() {
                        return;
                    }
                    wake();
                }
            });
        self.background = spawned.ok().map(|_| Background { requests, results });
    }

    /// Asks for the figures of `key` unless they are there or on their way; `log` is called
    /// only then, for the snapshot. With no figures yet, or a synchronous worker, they are
    /// built before this returns, so a first frame always has figures to draw.
    pub fn request(
        &mut self,
        key: FiguresKey,
        log: impl FnOnce() -> Arc<SessionLog>,
        input: &FiguresInput<'_>,
    ) {
        self.receive();
        if self.current.as_ref().is_some_and(|f| f.key == key) || self.pending == Some(key) {
            return;
        }
        let request = Request {
            key,
            log: log(),
            routine: input.routine.clone(),
            previous: input.previous_routine.cloned(),
        };
        if self.current.is_some()
            && let Some(background) = &self.background
        {
            match background.requests.send(request) {
                Ok(()) => {
                    self.pending = Some(key);
                    return;
                }
                Err(failed) => {
                    // The thread is gone: build here from now on.
                    self.background = None;
                    self.current = Some(failed.0.build(self.current.as_ref()));
                    return;
                }
            }
        }
        self.current = Some(request.build(self.current.as_ref()));
    }

    /// Takes in figures the thread finished.
    fn receive(&mut self) {
        let Some(background) = &self.background else {
            return;
        };
        while let Ok(figures) = background.results.try_recv() {
            if self.pending == Some(figures.key) {
                self.pending = None;
            }
            self.current = Some(figures);
        }
    }

    /// The latest figures (possibly those of an older key while new ones are being built).
    pub fn figures(&mut self) -> Option<&Arc<Figures>> {
        self.receive();
        self.current.as_ref()
    }

    /// Whether newer figures are being built.
    pub fn working(&self) -> bool {
        self.pending.is_some()
    }

    /// The figures of `key` over the log `log` gives, built here if the latest are of another
    /// key: an export must describe the log as it is now, not as it was a frame ago. With the
    /// same key they are the latest figures over the fresh snapshot, since a note typed into
    /// the open session changes the log but not its revision (no figure reads notes; the
    /// export prints them).
    pub fn current_for(
        &mut self,
        key: FiguresKey,
        log: impl FnOnce() -> Arc<SessionLog>,
        input: &FiguresInput<'_>,
    ) -> Arc<Figures> {
        self.receive();
        match &self.current {
            Some(figures) if figures.key == key => Arc::new(figures.rekeyed(key, log())),
            last => {
                let request = Request {
                    key,
                    log: log(),
                    routine: input.routine.clone(),
                    previous: input.previous_routine.cloned(),
                };
                let figures = request.build(last.as_ref());
                self.current = Some(Arc::clone(&figures));
                figures
            }
        }
    }
}
