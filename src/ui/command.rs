//! What the UI asks the app to do. Screens return commands instead of changing state while they
//! draw; the app applies them at the end of the frame.
//!
//! This is the UI's leaf module: it imports only the core and std, never a screen, so every
//! screen can use it and no screen needs another (as rerun's `SystemCommand` lives in a leaf
//! crate). Each screen's own actions are declared here too; the screen re-exports its enum.

use std::path::PathBuf;

use crate::core::catalog::Routine;
use crate::core::diary::DiaryChange;
use crate::core::export::{ExportFormat, Period};
use crate::core::prompts::Prompt;
use crate::core::session::{PainScore, RedFlag, RestReason, Session, SessionId, SignAnswer};
use crate::core::settings::{PageSize, Settings};

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
    /// Do this version of the exercise from today on (a dated record in the log).
    ChooseVersion(String, crate::core::catalog::Version),
    /// The lesson offered was closed: read ("Got it") or put off ("Not now").
    Lesson {
        /// The lesson's id.
        id: String,
        /// Whether it was read.
        read: bool,
    },
    /// Today showed a progression offer (recorded the first time).
    ProgressionShown(crate::core::progression::ProgressionOffer),
    /// A progression offer was taken (`accept`) or declined.
    AnswerProgression {
        /// The offer.
        offer: crate::core::progression::ProgressionOffer,
        /// Whether it was taken.
        accept: bool,
    },
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
    /// "Gentler session today": show what changes before anything starts.
    AskGentle,
    /// "Start gentler session": mark the session gentle and run the gentle routine.
    StartGentle,
    /// Close the gentle session's rule without starting ("Cancel", Escape).
    CancelGentle,
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
    RestoreBackup(PathBuf),
    /// Keep an unreadable log aside under a new name and start a fresh, writable one.
    SetDamagedAside,
    /// Something asked from the Export screen.
    Export(ExportAction),
    /// Something asked from the Settings screen.
    Settings(SettingsAction),
    /// Something asked from the routine editor.
    Editor(RoutineEditorAction),
    /// Open "How is your back now?" over the screen in view (the top bar's "Log pain", the key
    /// P, the reminder banner).
    OpenPainNow,
    /// Something asked from Today's "Between sessions" section.
    Diary(DiaryAction),
    /// Something asked from the Progress screen or a safety banner.
    Progress(ProgressAction),
    /// Something asked of a desk break: from its line on Today, its run, or the desktop
    /// notification's "Start break" (which arrives over a channel).
    Break(BreakAction),
}

/// What the person asked of a desk break (see `core::desk_break`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[must_use]
pub enum BreakAction {
    /// "Start break": run the break routine, one set of each exercise.
    Start,
    /// "Snooze 10 min".
    Snooze,
    /// "Not now": the next break comes an interval later.
    NotNow,
    /// The exercise shown is done: on to the next, or the break is saved after the last.
    Done,
    /// "Stop break": what was done so far is saved (nothing, when nothing was).
    Stop,
    /// The break's "Start timer" / "Pause" / "Resume" (or Space while a break runs): the
    /// countdown of the shown exercise's one set.
    TimerToggle,
    /// The line "Break done: …" was closed.
    CloseDoneLine,
}

/// What the person asked the Export screen to do.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum ExportAction {
    /// Write an export. For [`ExportFormat::Csv`] `path` is a folder that receives
    /// `sessions.csv` and `exercises.csv`; otherwise it is the file to write.
    Export {
        /// What to write.
        format: ExportFormat,
        /// The dates to include.
        period: Period,
        /// Where to write it.
        path: PathBuf,
        /// The name to print on a PDF report, if given.
        name: Option<String>,
        /// The paper size of a PDF report.
        page: PageSize,
    },
    /// Show this folder in the system's file manager.
    OpenFolder(PathBuf),
}

/// What the person asked for on the Settings screen.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsAction {
    /// Some setting changed; save these settings and use them from now on.
    Changed(Settings),
    /// The start-at-login switch was turned on or off (also part of `Changed`): write or
    /// remove the autostart entry with [`crate::core::autostart::set_for_this_program`].
    SetAutostart(bool),
    /// Play one cue at this volume (0.0–1.0) so the person can judge it.
    TestSound {
        /// The volume to play at.
        volume: f32,
    },
    /// Open this folder in the system's file manager (e.g. with `open::that`).
    OpenFolder(PathBuf),
}

/// What the person asked for in the editor.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum RoutineEditorAction {
    /// Save this routine and use it at once: `routine_edit::save_user_routine(paths, &current,
    /// &routine)` (which gives it the next version and keeps `current` as the previous one).
    /// Also sent by "Reset to defaults" with the built-in routine.
    SaveRoutine(Routine),
    /// Open the system's file chooser (`routine_editor::choose_routine_file`) and preview the file picked.
    ChooseImportFile,
    /// Check this routine file and preview it: `routine_edit::preview_import(&path, &current)`,
    /// then hand the result to `RoutineEditor::set_import_result`.
    ImportFrom(PathBuf),
    /// The person confirmed the import: save this routine (already versioned with
    /// `routine_edit::apply`) like `SaveRoutine`.
    ApplyImport(Routine),
    /// Go back to the routine before the last change: `routine_edit::restore_previous`.
    RestorePrevious,
}

/// What the section asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum DiaryAction {
    /// Apply a change to the log.
    Change(DiaryChange),
    /// Put the progress questions off for a few days.
    NotNow,
    /// Open the warning-sign list ("Something new or worrying?") on Today.
    OpenWarningSigns,
}

/// What the person asked for on the Progress screen; the app applies it after the frame.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub enum ProgressAction {
    /// Open this session in the History screen.
    OpenSession(SessionId),
    /// "Hide this message": the prompt's record notes today as the day it was hidden.
    Dismiss(Prompt),
    /// "I have seen my doctor" on a doctor prompt: dated on its record; the doctor prompts rest
    /// (see [`crate::core::prompts::DOCTOR_REST_DAYS`]).
    SeenMyDoctor(Prompt),
    /// Show the "When to see a doctor" page.
    OpenDoctorPage,
    /// Switch this exercise off in the routine (set `enabled = false`, bump the version, save).
    LeaveOutExercise(String),
    /// Save a weekly check-in with these red flags (empty: none apply), dated now.
    SubmitCheckIn(Vec<RedFlag>),
    /// Put the check-in off for a week: set `Dismissals::check_in_dismissed_on` to today.
    DismissCheckIn,
    /// Save these warning signs, ticked now from "Something new or worrying?"
    /// (`Change::ReportSigns`).
    ReportSigns(Vec<RedFlag>),
    /// The person answered a ticked sign now (`Change::AnswerSign`).
    AnswerSign(RedFlag, SignAnswer),
    /// A sign of the emergency level was just ticked (not yet saved): pause a running timer,
    /// and with it the guided routine, while the person reads what to do.
    EmergencySignTicked,
}
