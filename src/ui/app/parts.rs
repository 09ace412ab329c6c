//! The groups of [`super::LimberApp`]'s state, each with the fields that belong together.

use std::time::Instant;

use crate::core::catalog::Routine;
use crate::core::timer::Phase;

pub use crate::core::break_run::BreakRun;
use crate::ui::session_form;

/// What went wrong and is shown until it is fixed: a failed save, a log or routine that could
/// not be read, notices from opening the store.
pub struct Notices {
    /// The last save error; the log stays in memory and "Retry" saves it.
    pub save_error: Option<String>,
    /// Why the log could not be opened at all, if so.
    pub store_problem: Option<String>,
    /// Notices from opening the store (cleaned temp files and the like).
    pub store_notices: Vec<String>,
    /// Why the user's routine file was not used, if it was not.
    pub routine_problem: Option<String>,
}

/// The timer's cues: the flash, the tones and the voice.
pub struct Cues {
    /// When the last phase change happened, for the visible flash.
    pub flash: Option<(Instant, Phase)>,
    /// Number of audible cues requested (the sound layer plays them).
    pub cues_played: u64,
    /// Sound off.
    pub muted: bool,
    /// Plays the cues; `None` in tests and until the window opens.
    pub sound: Option<crate::ui::sound::Sound>,
    /// Speaks the cues; `None` in tests and until the window opens.
    pub voice: Option<crate::ui::voice::Voice>,
    /// The exercise and timer progress at the last frame, to work out what the voice says.
    pub(crate) voice_progress: Option<(String, crate::core::voice::Progress)>,
}

/// The daily reminder.
pub struct Reminder {
    /// The day a reminder was last shown, so it comes once a day.
    pub shown_on: Option<chrono::NaiveDate>,
    /// A reminder notification being sent; an error falls back to an in-app banner.
    pub(crate) sending:
        Option<std::sync::mpsc::Receiver<Result<(), crate::ui::notify::NotifyError>>>,
    /// Set when the desktop notification could not be shown: the reminder shows in the app.
    pub banner: bool,
}

/// What one frame leaves for the next (focus, the timer last shown, the style applied, the fonts).
pub struct FrameState {
    /// Whether a widget had keyboard focus at the end of the last frame: egui drops the focus
    /// on Escape before the frame is drawn, and that Escape must not also leave the routine.
    pub(crate) focus_last_frame: bool,
    /// The N key asked for the session's notes: the field takes the focus on the next frame.
    pub(crate) focus_notes: bool,
    /// The exercise whose timer was running when Today was last drawn: a timer running now that
    /// was not then has just started, and its card is scrolled so that it is in sight.
    pub(crate) shown_timer: Option<String>,
    /// The settings and theme applied to the context, to re-apply only on change.
    pub(crate) applied_style: Option<(u32, crate::core::settings::Theme)>,
    /// Characters no font had, once the system-font fallback is installed (on the first frame).
    pub(crate) missing_scripts: Option<std::sync::Arc<crate::ui::fonts::MissingScripts>>,
}

/// The screens' own state (History, Settings, Progress, Between sessions, Export).
pub struct Views {
    /// History screen state.
    pub history: crate::ui::history::HistoryView,
    /// The Settings screen.
    pub settings_view: crate::ui::settings::SettingsView,
    /// The Progress screen and its caches.
    pub progress: crate::ui::progress::ProgressView,
    /// Drafts of Today's "Between sessions" section (pain now, progress questions, questions).
    pub diary: crate::ui::diary::DiaryView,
    /// The Export screen.
    pub export_view: crate::ui::export::ExportView,
}

/// The dialogs and cards over Today: the finish form, the end card and the first-start notice.
pub struct Dialogs {
    /// The end-of-session form, when open.
    pub finish_form: Option<session_form::FinishForm>,
    /// The end card after "Save session" ("Session saved · 8 exercises · pain 4 → 3"), until
    /// the person closes it or moves on; offers wait while it is up.
    pub end_card: Option<crate::core::session::SessionSummary>,
    /// Whether the "not medical advice" notice is showing.
    pub show_notice: bool,
    /// Whether the rule of a gentler session is showing, before it starts.
    pub gentle_rule: bool,
}

/// The routine kept before the last change, and whether it can be restored.
pub struct Versions {
    /// The routine kept before the last change, if it is there and readable (refreshed with
    /// `can_restore_routine`): Progress plans its doses on the days it was followed.
    pub previous_routine: Option<Routine>,
    /// Whether a previous routine can be restored (cached; refreshed after each routine save).
    pub can_restore_routine: bool,
}

/// Desk breaks while Limber runs: what the rule needs to remember, the break being done, the
/// notification and the screen's quiet state (see `core::desk_break`).
pub struct Breaks {
    /// When Limber started and the last break was done, put off or snoozed.
    pub memory: crate::core::desk_break::BreakMemory,
    /// Whether a break is due this frame (the rule's answer, read by the queue of offers).
    pub due: bool,
    /// The time the break last notified about fell due: one notification per break.
    pub notified_for: Option<chrono::NaiveDateTime>,
    /// The break being done, if one is.
    pub run: Option<BreakRun>,
    /// "Break done: counts toward today's …", until closed or the next break.
    pub done_line: Option<String>,
    /// Whether the screen is locked or another window is full-screen, asked off the UI thread.
    pub quiet: crate::ui::quiet::QuietWatch,
    /// Set by the window once it is up: the system is asked about the screen from the first
    /// frame with breaks on (then this goes back to false). Tests leave it off and set `quiet`.
    pub ask_system: bool,
    /// Where a notification's "Start break" arrives (and a test sends one).
    pub actions: std::sync::mpsc::Receiver<crate::ui::command::BreakAction>,
    /// The sending end handed to each notification's thread.
    pub action_sender: std::sync::mpsc::Sender<crate::ui::command::BreakAction>,
}

impl Breaks {
    /// The breaks of a run that started at `started` (local time), with the screen's quiet
    /// state read from `quiet`.
    pub fn new(started: chrono::NaiveDateTime, quiet: crate::ui::quiet::QuietWatch) -> Breaks {
        let (action_sender, actions) = std::sync::mpsc::channel();
        Breaks {
            memory: crate::core::desk_break::BreakMemory::new(started),
            due: false,
            notified_for: None,
            run: None,
            done_line: None,
            quiet,
            ask_system: false,
            actions,
            action_sender,
        }
    }
}
