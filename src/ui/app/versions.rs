//! The versions of each exercise in the app: the routine as done on the checklist's day, and
//! the choice made on a card (a dated record in the log, see [`crate::core::versions`]).

use crate::core::catalog::{Routine, Version};
use crate::core::journal::Change;
use crate::core::versions::{VersionChoice, routine_on};

use super::LimberApp;

impl LimberApp {
    /// The routine as done on the checklist's day: each exercise in the version in force then,
    /// with that version's steps, dose and drawing. What Today, the card, the guided layout
    /// and the timer use; the routine editor and the figures keep the routine itself.
    pub(super) fn routine_in_force(&self) -> Routine {
        let log = self.journal.log();
        let day = self.practice.checklist_day(log, self.now.local_date());
        routine_on(&self.routine, log, day)
    }

    /// Records the choice of `version` of the exercise `id`, in force from today on. A version
    /// the routine does not list is not recorded.
    pub(super) fn choose_version(&mut self, id: &str, version: Version) {
        let Some(exercise) = self.routine.exercise(id) else {
            return;
        };
        if !exercise.has_version(version) {
            return;
        }
        let choice = VersionChoice::new(self.now.utc, self.now.offset, exercise, version);
        self.record(Change::ChooseVersion(choice));
    }
}
