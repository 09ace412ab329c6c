//! The versions of each exercise in the app: the routine as done on the checklist's day (the
//! gentle routine on a gentle day), the choice made on a card (a dated record in the log, see
//! [`crate::core::versions`]), and starting a gentler session.

use crate::core::catalog::{Routine, Version};
use crate::core::figures::gentle;
use crate::core::journal::Change;
use crate::core::versions::{VersionChoice, routine_on};

use super::{LimberApp, Practice, Screen};

impl LimberApp {
    /// The routine as done on the checklist's day: each exercise in the version in force then,
    /// with that version's steps, dose and drawing. What Today, the card, the guided layout
    /// and the timer use; the routine editor and the figures keep the routine itself.
    /// On a gentle day (one with a gentle session) it is the gentle routine, made by the one
    /// rule of [`gentle::routine`], which the figures also plan that day by.
    pub(super) fn routine_in_force(&self) -> Routine {
        let log = self.journal.log();
        let day = self.practice.checklist_day(log, self.now.local_date());
        if gentle::is_gentle_day(log, day) {
            gentle::routine(&self.routine, log, day)
        } else {
            routine_on(&self.routine, log, day)
        }
    }

    /// Whether the checklist's day is a gentle day: it has a gentle session.
    pub(super) fn gentle_day(&self) -> bool {
        let log = self.journal.log();
        gentle::is_gentle_day(log, self.practice.checklist_day(log, self.now.local_date()))
    }

    /// "Start gentler session": the open session (or a new one, which asks the pain question
    /// first) is marked gentle, then the guided routine runs the day's gentle routine: the
    /// second step reads the routine again, now that the day is gentle.
    pub(super) fn start_gentle(&mut self) {
        self.screen = Screen::Today;
        self.practise(Practice::mark_gentle);
        self.practise(Practice::start_guided);
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
