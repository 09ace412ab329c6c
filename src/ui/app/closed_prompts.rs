//! The safety prompts' record, on the app's side: the prompts Today and Progress show are
//! recorded in the log the first time they are shown, and an older version's closed-prompts
//! file (`prompts.ron` in the config folder) is moved into the log once, then set aside; the
//! file set aside is read again at each start, and a key the log lacks is moved again.

use std::path::Path;

use crate::core::dismissals_file::{
    self, CLOSED_PROMPTS_FILE, ClosedPrompts, read_closed_in, set_closed_aside,
};
use crate::core::figures::Figures;
use crate::core::journal::Change;
use crate::core::prompt_record::{is_recorded, records_of_closed};
use crate::core::prompts::{Dismissals, Prompt};

use super::LimberApp;
use crate::ui::command::Screen;

/// The file (in the config dir) that remembers when the weekly check-in was put off.
pub const DISMISSALS_FILE: &str = dismissals_file::FILE_NAME;

/// Reads when the check-in was put off, and an older version's closed-prompts file if there is
/// one (its keys wait for [`LimberApp::move_closed_prompts`]; its date is taken when the newer
/// file has none).
pub(super) fn load(config_dir: &Path) -> (Dismissals, Option<ClosedPrompts>) {
    let mut dismissals = dismissals_file::load(&config_dir.join(DISMISSALS_FILE));
    let closed = read_closed_in(config_dir);
    if let Some(closed) = &closed
        && dismissals.check_in_dismissed_on.is_none()
    {
        dismissals.check_in_dismissed_on = closed.check_in_dismissed_on;
    }
    (dismissals, closed)
}

impl LimberApp {
    /// Today's prompts that are not closed on the record (nor in an older version's file still
    /// waiting to be moved), in the order the rules give.
    pub(super) fn prompts_to_show(&self, figures: &Figures) -> Vec<Prompt> {
        let mut prompts = figures.active_prompts(self.journal.log());
        if let Some(closed) = &self.closed_prompts {
            prompts.retain(|p| !closed.prompt_keys.contains(&p.key));
        }
        prompts
    }

    /// The prompts the screen in view shows this frame: Today's and Progress's banners.
    pub(super) fn prompts_on_screen(&self, figures: &Figures) -> Vec<Prompt> {
        if matches!(self.screen, Screen::Today | Screen::Progress) {
            self.prompts_to_show(figures)
        } else {
            Vec::new()
        }
    }

    /// Records the prompts just shown that are not on the record yet (a prompt already there
    /// writes nothing); nothing while the log is read-only. Waits while an older version's closed prompts are still to be moved,
    /// so a prompt closed there is never recorded as newly shown.
    pub(super) fn record_shown(&mut self, prompts: Vec<Prompt>) {
        // A read-only log records nothing: a change that can never be saved would only make
        // closing the window ask about it.
        if self.closed_prompts.is_some() || self.read_only().is_some() {
            return;
        }
        let log = self.journal.log();
        let new: Vec<Prompt> = prompts
            .into_iter()
            .filter(|p| !is_recorded(log, &p.key))
            .collect();
        if !new.is_empty() {
            self.record(Change::PromptsShown(new));
        }
    }

    /// Moves an older version's closed prompts into the log, once every month of the log has
    /// been read (so each is dated from the session or week it was about) and the log can be
    /// written; the file is then renamed beside itself, never deleted. Called every frame; does
    /// nothing when there is nothing to move.
    pub(super) fn move_closed_prompts(&mut self) {
        // Not while the log cannot be written (read-only, or the data folder could not be
        // opened): the keys stay in their file for a later start.
        if self.closed_prompts.is_none()
            || self.persistence.loading_older()
            || self.read_only().is_some()
            || self.notices.store_problem.is_some()
        {
            return;
        }
        let Some(closed) = self.closed_prompts.take() else {
            return;
        };
        // Only the keys the log lacks: after a move that was saved, none (nothing is written).
        let log = self.journal.log();
        let missing: std::collections::BTreeSet<String> = closed
            .prompt_keys
            .iter()
            .filter(|key| !is_recorded(log, key))
            .cloned()
            .collect();
        if !missing.is_empty() {
            let records = records_of_closed(&missing, log, &self.routine, self.now);
            if let Err(err) = self.change(Change::PutPrompts(records)) {
                self.notices.save_error = Some(err.to_string());
                return;
            }
        }
        if closed.already_moved {
            return;
        }
        if closed.check_in_dismissed_on.is_some() {
            self.dismissals_changed();
        }
        let path = self.paths.config_dir.join(CLOSED_PROMPTS_FILE);
        if let Err(err) = set_closed_aside(&path) {
            self.notices.store_notices.push(format!(
                "The messages you hid are now kept in your log, but the old file that listed \
                 them could not be renamed ({err}). It was left as it is: {}",
                path.display()
            ));
        }
    }
}
