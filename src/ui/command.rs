//! What the UI asks the app to do. Screens return commands instead of changing state while they
//! draw; the app applies them at the end of the frame.

use crate::core::session::{PainScore, RestReason, Session, SessionId};

/// The screens of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Screen {
    /// Today's routine: the checklist and the exercise card.
    #[default]
    Today,
    /// Pain over time, adherence and prompts.
    Progress,
    /// Past sessions, to read, correct or delete.
    History,
    /// Export for the therapist.
    Export,
    /// Customise the routine.
    Routine,
    /// Preferences.
    Settings,
    /// About Limber and when to see a doctor.
    About,
}

impl Screen {
    /// The screens in the navigation bar, in order.
    pub const NAV: [Screen; 7] = [
        Screen::Today,
        Screen::Progress,
        Screen::History,
        Screen::Export,
        Screen::Routine,
        Screen::Settings,
        Screen::About,
    ];

    /// The screen named on the command line (`--screen progress`), if the name is known.
    pub fn from_name(name: &str) -> Option<Screen> {
        Screen::NAV.into_iter().find(|s| {
            s.label()
                .split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(name))
        })
    }

    /// The tab label.
    pub fn label(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Progress => "Progress",
            Screen::History => "History",
            Screen::Export => "Export",
            Screen::Routine => "Routine",
            Screen::Settings => "Settings",
            Screen::About => "About & safety",
        }
    }
}

pub use crate::core::practice::FinishAnswers;

/// A request from the UI.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Show a screen.
    Navigate(Screen),
    /// Open an exercise's card.
    Select(String),
    /// Start, pause or resume the selected exercise's timer.
    TimerToggle,
    /// Skip the current step of the timer.
    TimerSkip,
    /// Start the timer again from the beginning.
    TimerRestart,
    /// Tick or untick an exercise as done today.
    SetDone(String, bool),
    /// Start the guided routine.
    StartGuided,
    /// Guided routine: move to the next exercise.
    GuidedNext,
    /// Guided routine: go back to the previous exercise.
    GuidedPrevious,
    /// Guided routine: mark the current exercise done and move on.
    GuidedMarkDone,
    /// Leave the guided routine.
    LeaveGuided,
    /// Answer (or skip, with `None`) the pain-before question.
    PainBefore(Option<PainScore>),
    /// After a high pain-before answer: start the waiting timer.
    StartAnyway,
    /// After a high pain-before answer: nothing runs, today becomes a rest day.
    RestToday,
    /// Open the end-of-session form.
    OpenFinishForm,
    /// Save the end-of-session answers and close the session.
    FinishSession(FinishAnswers),
    /// Close the end-of-session form without finishing.
    CancelFinish,
    /// Close the end card shown after "Save session" ("Done", Escape, or moving on).
    CloseEndCard,
    /// Replace the open session's notes.
    SetNotes(String),
    /// Put the keyboard focus in the open session's notes (the N key).
    FocusNotes,
    /// Record a rest day.
    LogRestDay(RestReason),
    /// Close the open session of an earlier day and start a new one for today.
    StartNewSession,
    /// Save an edited session from History.
    SaveSession(Box<Session>),
    /// Delete a session (it can be undone).
    DeleteSession(SessionId),
    /// Bring back the last deleted session.
    UndoDelete,
    /// Try the failed save again.
    RetrySave,
    /// Close the first-start notice.
    AcknowledgeNotice,
    /// Sound on or off.
    SetMuted(bool),
    /// List the backups (History's "Restore from backup…" was opened).
    ListBackups,
    /// Replace the log with a backup (the current file is kept as a backup first).
    RestoreBackup(std::path::PathBuf),
    /// Keep an unreadable log aside under a new name and start a fresh, writable one.
    SetDamagedAside,
    /// Something asked from the Export screen.
    Export(crate::ui::export::ExportAction),
    /// Something asked from the Settings screen.
    Settings(crate::ui::settings::SettingsAction),
    /// Something asked from the routine editor.
    Editor(crate::ui::routine_editor::RoutineEditorAction),
    /// Open "How is your back now?" over the screen in view (the top bar's "Log pain", the key
    /// P, the reminder banner).
    OpenPainNow,
    /// Something asked from Today's "Between sessions" section.
    Diary(crate::ui::diary::DiaryAction),
    /// Something asked from the Progress screen or a safety banner.
    Progress(crate::ui::progress::ProgressAction),
}
