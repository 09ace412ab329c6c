//! The app shell: owns the state, reads the clock once per frame, draws the current screen and
//! applies the commands the screens return.

use std::time::{Duration, Instant};

use crate::core::catalog::Routine;
use crate::core::offers::Offer;
use crate::core::paths::Paths;
use crate::core::practice::{Context, Effect, Moment, Practice};
use crate::core::prompts::{Dismissals, Prompt};
use crate::core::session::{Session, SessionLog};
use crate::core::settings::Settings;
use crate::core::store::ReadOnlyReason;
use crate::core::store::client::SaverClient;
use crate::core::timer::{Phase, Timer};
use crate::ui::clock::{Clock, Now};
use crate::ui::command::{Command, Screen};
use crate::ui::sound::Cue;
use crate::ui::{history, safety, session_form, theme, today};

mod actions;
mod banners;
mod cues;
mod top_bar;

pub use top_bar::{LOG_PAIN_NOW, MORE_SCREENS, more_name};

pub use crate::core::practice::{ActiveTimer, Guided, TRANSITION_SECS};

/// What the app was given at start-up.
pub struct AppInit {
    /// Where files live.
    pub paths: Paths,
    /// The clock to read once per frame.
    pub clock: Box<dyn Clock>,
}

/// The whole app state.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent on/off facts of the shell (notice, muted, prompts); not a state machine"
)]
pub struct LimberApp {
    clock: Box<dyn Clock>,
    /// Where files live.
    pub paths: Paths,
    /// The routine in use.
    pub routine: Routine,
    /// Why the user's routine file was not used, if it was not.
    pub routine_problem: Option<String>,
    /// The app's end of the saver thread, which writes every file: the log's months and the
    /// preferences (settings, closed prompts, routine, notice marker, autostart entry).
    pub persistence: SaverClient,
    /// Why the log could not be opened at all, if so.
    pub store_problem: Option<String>,
    /// Notices from opening the store (cleaned temp files and the like).
    pub store_notices: Vec<String>,
    /// The session log in memory; always the truth, even when saving failed.
    pub log: SessionLog,
    /// Increases on every change of `log`, so views can cache what they derive from it.
    pub log_revision: u64,
    /// The last save error; the log stays in memory and "Retry" saves it.
    pub save_error: Option<String>,
    /// The open session, the timer and the guided routine: the rules live in the core.
    pub practice: Practice,
    /// The end-of-session form, when open.
    pub finish_form: Option<session_form::FinishForm>,
    /// The end card after "Save session" ("Session saved · 8 exercises · pain 4 → 3"), until
    /// the person closes it or moves on; offers wait while it is up.
    pub end_card: Option<crate::core::session::SessionSummary>,
    /// The screen shown.
    pub screen: Screen,
    /// The exercise whose card is open.
    pub selected: Option<String>,
    /// When the last phase change happened, for the visible flash.
    pub flash: Option<(Instant, Phase)>,
    /// Number of audible cues requested (the sound layer plays them).
    pub cues_played: u64,
    /// Sound off.
    pub muted: bool,
    /// Whether the "not medical advice" notice is showing.
    pub show_notice: bool,
    /// Whether a widget had keyboard focus at the end of the last frame: egui drops the focus
    /// on Escape before the frame is drawn, and that Escape must not also leave the routine.
    focus_last_frame: bool,
    /// The N key asked for the session's notes: the field takes the focus on the next frame.
    focus_notes: bool,
    /// The exercise whose timer was running when Today was last drawn: a timer running now that
    /// was not then has just started, and its card is scrolled so that it is in sight.
    shown_timer: Option<String>,
    /// History screen state.
    pub history: history::HistoryView,
    /// The last deleted session, for undo.
    pub deleted: Option<Session>,
    /// The person's settings (text size, theme, sound, reminder, …).
    pub settings: Settings,
    /// The Export screen.
    pub export_view: crate::ui::export::ExportView,
    /// The Settings screen.
    pub settings_view: crate::ui::settings::SettingsView,
    /// The routine editor.
    pub editor: crate::ui::routine_editor::RoutineEditor,
    /// Whether a previous routine can be restored (cached; refreshed after each routine save).
    pub can_restore_routine: bool,
    /// The routine kept before the last change, if it is there and readable (refreshed with
    /// `can_restore_routine`): Progress plans its doses on the days it was followed.
    pub previous_routine: Option<Routine>,
    /// Plays the cues; `None` in tests and until the window opens.
    pub sound: Option<crate::ui::sound::Sound>,
    /// Speaks the cues; `None` in tests and until the window opens.
    pub voice: Option<crate::ui::voice::Voice>,
    /// The exercise and timer progress at the last frame, to work out what the voice says.
    voice_progress: Option<(String, crate::core::voice::Progress)>,
    /// The day a reminder was last shown, so it comes once a day.
    pub reminded_on: Option<chrono::NaiveDate>,
    /// A reminder notification being sent; an error falls back to an in-app banner.
    reminder_result: Option<std::sync::mpsc::Receiver<Result<(), crate::ui::notify::NotifyError>>>,
    /// Set when the desktop notification could not be shown: the reminder shows in the app.
    pub reminder_banner: bool,
    /// The settings and theme applied to the context, to re-apply only on change.
    applied_style: Option<(u32, crate::core::settings::Theme)>,
    /// Characters no font had, once the system-font fallback is installed (on the first frame).
    missing_scripts: Option<std::sync::Arc<crate::ui::fonts::MissingScripts>>,
    /// The Progress screen and its caches.
    pub progress: crate::ui::progress::ProgressView,
    /// Safety prompts the person closed, and when the check-in was put off.
    pub dismissals: Dismissals,
    /// Drafts of Today's "Between sessions" section (pain now, progress questions, questions).
    pub diary: crate::ui::diary::DiaryView,
    /// Today's safety prompts, cached on (log revision, dismissal revision, date).
    prompts_cache: Option<((u64, u64, chrono::NaiveDate), Vec<Prompt>)>,
    dismissals_revision: u64,
    now: Now,
}

impl LimberApp {
    /// Loads the routine and the log, and prepares the first frame.
    pub fn new(init: AppInit) -> LimberApp {
        let now = init.clock.now();
        let (routine, routine_problem) =
            crate::core::routine_edit::load_active_routine(&init.paths);
        let routine_problem = routine_problem.map(|err| err.to_string());
        let (settings, settings_problem) =
            match crate::core::settings::load(&init.paths.settings_file()) {
                Ok(settings) => (settings.sanitized(), None),
                Err(err) => (Settings::default(), Some(err.to_string())),
            };
        let can_restore_routine = crate::core::routine_edit::has_previous(&init.paths);
        let previous_routine = load_previous_routine(&init.paths);
        let (persistence, log, store_problem, store_notices) =
            match SaverClient::open(&init.paths, now.utc, now.local_date()) {
                Ok((persistence, log, notices)) => (persistence, log, None, notices),
                Err(err) => (
                    SaverClient::without_log(&init.paths),
                    SessionLog::default(),
                    Some(err.to_string()),
                    Vec::new(),
                ),
            };
        let show_notice = !init.paths.notice_acknowledged();
        let init_paths_config = init.paths.config_dir.clone();
        let mut app = LimberApp {
            clock: init.clock,
            paths: init.paths,
            routine,
            routine_problem,
            persistence,
            store_problem,
            store_notices: store_notices.into_iter().chain(settings_problem.map(|p| format!("Your settings file could not be read, so Limber uses the default settings. The file was left as it is. {p}"))).collect(),
            log,
            log_revision: 0,
            save_error: None,
            practice: Practice {
                get_ready_secs: settings.get_ready_secs,
                ..Practice::default()
            },
            finish_form: None,
            end_card: None,
            screen: Screen::Today,
            selected: None,
            flash: None,
            cues_played: 0,
            show_notice,
            focus_last_frame: false,
            focus_notes: false,
            shown_timer: None,
            history: history::HistoryView::default(),
            deleted: None,
            muted: !settings.sound_on,
            settings,
            export_view: crate::ui::export::ExportView::new(default_export_dir()),
            settings_view: crate::ui::settings::SettingsView::default(),
            editor: crate::ui::routine_editor::RoutineEditor::default(),
            can_restore_routine,
            previous_routine,
            sound: None,
            voice: None,
            voice_progress: None,
            reminded_on: None,
            reminder_result: None,
            reminder_banner: false,
            applied_style: None,
            missing_scripts: None,
            progress: crate::ui::progress::ProgressView::new(),
            dismissals: load_dismissals(&init_paths_config),
            diary: crate::ui::diary::DiaryView::default(),
            prompts_cache: None,
            dismissals_revision: 0,
            now,
        };
        app.now = app.read_clock();
        app.settle_open_sessions();
        // Today's safety prompts read the whole log: worked out here, on the loader thread,
        // rather than in the first frame.
        app.refresh_prompts();
        app
    }

    /// Continues a session left open within the last two hours, and closes older ones (see
    /// [`SessionLog::settle_open`]); called at start and when older months arrive (and by the
    /// practice before it opens a new session).
    fn settle_open_sessions(&mut self) {
        self.practise(Practice::settle_open);
    }

    /// This frame's moment, for the core.
    fn moment(&self) -> Moment {
        Moment {
            instant: self.now.instant,
            utc: self.now.utc,
            offset: self.now.offset,
        }
    }

    /// Runs a change of the practice on the log, the routine and this frame's moment, then
    /// carries out what it asks for.
    fn practise(&mut self, change: impl FnOnce(&mut Practice, &mut Context<'_>) -> Vec<Effect>) {
        let now = self.moment();
        let mut cx = Context {
            log: &mut self.log,
            routine: &self.routine,
            now,
        };
        let effects = change(&mut self.practice, &mut cx);
        self.carry_out(effects);
    }

    /// Plays cues, opens cards and forms, and hands changed months to the saver.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut changed = Vec::new();
        for effect in effects {
            match effect {
                Effect::StepStarted(phase) => {
                    self.cues_played += 1;
                    self.flash = Some((self.now.instant, phase));
                    self.play(match phase {
                        Phase::Hold => Cue::Hold,
                        Phase::Rest => Cue::Rest,
                        Phase::GetReady | Phase::SwitchSides => Cue::StepStarted,
                    });
                }
                Effect::Finished => {
                    self.cues_played += 1;
                    self.flash = Some((self.now.instant, Phase::Rest));
                    self.play(Cue::Finished);
                }
                Effect::Changed(dates) => changed.extend(dates),
                // Notes feed no figure, prompt or chart, so the caches keyed on the log's
                // revision stay; the saver writes a note's keystrokes as one.
                Effect::NotesChanged(date) => {
                    self.persistence.changed(&[date], &self.log, self.now.utc);
                }
                Effect::Select(id) => self.selected = Some(id),
                Effect::OpenFinishForm => self.apply(Command::OpenFinishForm),
            }
        }
        if !changed.is_empty() {
            changed.sort_unstable();
            changed.dedup();
            self.changed_on(&changed);
        }
    }

    /// Reads the clock. A time Limber cannot use (before 1970, after 9999) makes the window
    /// save nothing from then on, and stands in the log's last moment, so that Today shows the
    /// last day with a record.
    fn read_clock(&mut self) -> Now {
        let mut now = self.clock.now();
        if let Some(err) = now.clock_error {
            self.persistence
                .refuse_writes(ReadOnlyReason::ClockOutOfRange(err));
            (now.utc, now.offset) = self
                .log
                .sessions
                .last()
                .map_or((chrono::DateTime::UNIX_EPOCH, now.offset), |last| {
                    (last.ended_at.unwrap_or(last.started_at), last.offset())
                });
        }
        now
    }

    /// The time read at the start of this frame.
    pub fn now(&self) -> Now {
        self.now
    }

    /// Why the log is read-only, if it is.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.persistence.read_only()
    }

    /// The open session, if any.
    pub fn current_session(&self) -> Option<&Session> {
        self.practice.current_session(&self.log)
    }

    /// Whether an exercise is done today (in any of today's sessions).
    pub fn done_today(&self, exercise_id: &str) -> bool {
        self.log.done_on(self.now.local_date(), exercise_id)
    }

    /// Reads the clock and moves the timer on; plays cues for phase changes. Called before every
    /// frame, and also while the window is hidden (both from `App::logic`), so a hold that ends
    /// while minimised is still heard.
    pub fn tick(&mut self, ctx: &egui::Context) {
        self.now = self.read_clock();
        let wake = ctx.clone();
        self.persistence.set_wake(move || wake.request_repaint());
        self.persistence.frame_started();
        self.apply_saver_reports();
        let events = self.practice.advance_timer(self.now.instant);
        // The voice reads the timer as it is now, before a finished exercise moves on.
        self.announce();
        self.practise(|practice, cx| practice.timer_events(cx, &events));
        self.check_reminder(ctx);
        self.schedule_repaint(ctx);
    }

    /// Draws one frame into `ui` and applies what the person asked for. Used by eframe and by
    /// the UI tests alike; [`LimberApp::tick`] comes first (eframe calls it from `App::logic`
    /// before every frame).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.apply_style(ui.ctx());
        let mut commands = Vec::new();
        if !ui.ctx().egui_wants_keyboard_input() {
            commands.extend(self.keyboard_commands(ui.ctx()));
        }
        egui::Panel::top("nav")
            .frame(theme::side_panel_frame(ui.style()))
            .show(ui, |ui| self.nav_ui(ui, &mut commands));
        self.refresh_prompts();
        let offer = self.offer();
        egui::CentralPanel::default()
            .frame(theme::central_panel_frame(ui.style()))
            .show(ui, |ui| {
                self.banners_ui(ui, &mut commands);
                if self.screen == Screen::Today
                    && let Some((_, prompts)) = &self.prompts_cache
                {
                    let actions = crate::ui::progress::prompt_banners_ui(ui, prompts);
                    commands.extend(actions.into_iter().map(Command::Progress));
                }
                if self.screen == Screen::Today && offer == Some(Offer::CheckIn) {
                    let today = self.now.local_date();
                    let actions =
                        self.progress
                            .check_in_offer_ui(ui, &self.log, today, &self.dismissals);
                    commands.extend(actions.into_iter().map(Command::Progress));
                }
                self.screen_ui(ui, offer, &mut commands);
            });
        if self.show_notice {
            safety::notice_modal(ui.ctx(), self.routine.pain_model, &mut commands);
        }
        if self.screen != Screen::Today {
            // Today draws its own; elsewhere "Log pain" opens it over the screen in view.
            let input = crate::ui::diary::DiaryInput {
                log: &self.log,
                today: self.now.local_date(),
                due: &[],
            };
            let actions = self.diary.windows_ui(ui.ctx(), &input);
            commands.extend(actions.into_iter().map(Command::Diary));
        }
        if let Some(form) = &mut self.finish_form {
            let current = self.practice.current_session(&self.log);
            session_form::finish_modal(ui.ctx(), form, current, &mut commands);
        } else if let Some(summary) = &self.end_card {
            session_form::end_card_modal(ui.ctx(), summary, &mut commands);
        }
        for command in commands {
            self.apply(command);
        }
        self.focus_last_frame = ui.ctx().memory(|memory| memory.focused().is_some());
        self.schedule_repaint(ui.ctx());
    }

    /// Draws the screen chosen; each takes its input and returns what the person asked for.
    fn screen_ui(&mut self, ui: &mut egui::Ui, offer: Option<Offer>, commands: &mut Vec<Command>) {
        match self.screen {
            Screen::Today => {
                let focus_notes = std::mem::take(&mut self.focus_notes);
                // A timer that started since the last frame (Space, its button, the guided
                // routine moving on) is brought into sight.
                let running = self
                    .practice
                    .timer
                    .as_ref()
                    .filter(|t| t.timer.is_running())
                    .map(|t| t.exercise_id.clone());
                let reveal_timer = running.is_some() && running != self.shown_timer;
                self.shown_timer = running;
                let input = today::TodayInput {
                    routine: &self.routine,
                    log: &self.log,
                    log_revision: self.log_revision,
                    practice: &self.practice,
                    selected: self.selected.as_deref(),
                    now: self.now,
                    muted: self.muted,
                    flash: self.flash,
                    settings: &self.settings,
                    focus_notes,
                    reveal_timer,
                    read_only: self.read_only().is_some(),
                    offer,
                };
                commands.extend(today::today_ui(ui, &input, &mut self.diary));
            }
            Screen::History => {
                let input = history::HistoryInput {
                    log: &self.log,
                    loading_older: self.persistence.loading_older(),
                    read_only: self.persistence.read_only().is_some(),
                    damaged: self.persistence.has_damaged(),
                    backups: self.persistence.listed_backups(),
                    backup_today: self.now.utc.date_naive(),
                };
                commands.extend(self.history.ui(ui, &input));
            }
            Screen::About => safety::about_ui(ui, self.routine.pain_model),
            Screen::Progress => {
                history::loading_older_note(ui, self.persistence.loading_older());
                let input = crate::ui::progress::ProgressInput {
                    log: &self.log,
                    log_revision: self.log_revision,
                    routine: &self.routine,
                    previous_routine: self.previous_routine.as_ref(),
                    today: self.now.local_date(),
                    dismissals: &self.dismissals,
                };
                self.progress
                    .set_read_only(self.persistence.read_only().is_some());
                let actions = self.progress.ui(ui, &input);
                commands.extend(actions.into_iter().map(Command::Progress));
            }
            Screen::Settings => {
                let status = self.voice.as_ref().map_or(
                    crate::ui::voice::VoiceStatus::Opening,
                    crate::ui::voice::Voice::status,
                );
                self.settings_view
                    .set_voice_note(crate::ui::voice::settings_note(&status));
                let actions = self.settings_view.ui(ui, &self.settings, &self.paths);
                commands.extend(actions.into_iter().map(Command::Settings));
            }
            Screen::Routine => {
                let actions = self.editor.ui(ui, &self.routine, self.can_restore_routine);
                commands.extend(actions.into_iter().map(Command::Editor));
            }
            Screen::Export => {
                let routines = crate::core::export::RoutineVersions {
                    current: &self.routine,
                    previous: self.previous_routine.as_ref(),
                };
                let actions = self
                    .export_view
                    .ui(ui, &self.log, routines, self.now.local_date());
                commands.extend(actions.into_iter().map(Command::Export));
            }
        }
    }

    fn nav_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // Today shows "Saved: pain N now." under "Between sessions"; elsewhere the bar says it.
        let saved = if self.screen == Screen::Today {
            None
        } else {
            self.diary.saved()
        };
        let input = top_bar::TopBarInput {
            screen: self.screen,
            muted: self.muted,
            writable: self.read_only().is_none(),
            saved,
        };
        top_bar::top_bar_ui(ui, &input, commands);
    }

    /// The keyboard shortcuts: P ("Log pain") on every screen, the others on Today. They are read only while no widget has keyboard focus (see
    /// [`LimberApp::show`]): after Tab, Space and Enter press the focused widget and the arrows
    /// move the focus, as everywhere in egui, so one key never does two things. Escape first
    /// drops the focus (egui does that), and only a second Escape leaves the guided routine.
    fn keyboard_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::Key;
        let mut commands = Vec::new();
        let busy = self.read_only().is_some()
            || self.finish_form.is_some()
            || self.end_card.is_some()
            || self.show_notice
            || self.diary.is_open();
        // P, on every screen, unless a dialog is open (it would open a second one over it).
        let dialog_open = ctx.memory(|memory| memory.top_modal_layer().is_some());
        if !busy
            && !dialog_open
            && ctx.input(|input| input.key_pressed(Key::P) && input.modifiers.is_none())
        {
            commands.push(Command::OpenPainNow);
        }
        if self.screen != Screen::Today || busy {
            return commands;
        }
        ctx.input(|input| {
            if input.key_pressed(Key::Space) {
                commands.push(Command::TimerToggle);
            }
            if input.key_pressed(Key::N) && input.modifiers.is_none() {
                commands.push(Command::FocusNotes);
            }
            if input.key_pressed(Key::Enter) {
                if self.practice.guided.is_some() {
                    commands.push(Command::GuidedMarkDone);
                } else if let Some(id) = &self.selected {
                    commands.push(Command::SetDone(id.clone(), true));
                }
            }
            if self.practice.guided.is_some() {
                if input.key_pressed(Key::ArrowRight) {
                    commands.push(Command::GuidedNext);
                }
                if input.key_pressed(Key::ArrowLeft) {
                    commands.push(Command::GuidedPrevious);
                }
                if !self.focus_last_frame && input.key_pressed(Key::Escape) {
                    commands.push(Command::LeaveGuided);
                }
            }
        });
        commands
    }

    /// What the saver thread reported since the last frame.
    fn apply_saver_reports(&mut self) {
        use crate::core::prefs::PrefKind;
        use crate::core::store::client::Event;
        for event in self.persistence.poll(&mut self.log, self.now.utc) {
            match event {
                Event::Absorbed => {
                    self.log_revision += 1;
                    self.settle_open_sessions();
                }
                Event::Replaced(message) => {
                    self.log_revision += 1;
                    self.practice.current = None;
                    self.history.editing = None;
                    self.save_error = None;
                    self.store_notices.push(message);
                }
                Event::Notice(notice) => {
                    if !self.store_notices.contains(&notice) {
                        self.store_notices.push(notice);
                    }
                }
                Event::SaveState(state) => self.save_error = state.map(|err| err.to_string()),
                Event::Failed(err) => self.save_error = Some(err.to_string()),
                Event::PrefKept { kind, path } => {
                    let kept = path.display();
                    match kind {
                        PrefKind::Settings => self.settings_view.show_message(format!(
                            "Your old settings file could not be read; it was kept as {kept}."
                        )),
                        PrefKind::Routine => self.editor.show_message(format!(
                            "Your old routine file could not be read; it was kept as {kept}."
                        )),
                        PrefKind::Dismissals => self.store_notices.push(format!(
                            "The file of closed messages could not be read, so it was kept as \
                             {kept} and a new one started."
                        )),
                        PrefKind::NoticeSeen | PrefKind::Autostart => {
                            log::warn!("{kind:?}: an unreadable file was kept as {kept}");
                        }
                    }
                }
            }
        }
    }

    /// Recomputes today's safety prompts when the log, the dismissals or the date changed.
    fn refresh_prompts(&mut self) {
        let key = (
            self.log_revision,
            self.dismissals_revision,
            self.now.local_date(),
        );
        if self.prompts_cache.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let prompts =
            crate::core::prompts::active_prompts(&self.log, &self.routine, key.2, &self.dismissals);
        self.prompts_cache = Some((key, prompts));
    }

    /// Marks the log changed and hands today's month (and the open session's) to the saver.
    fn changed(&mut self) {
        let mut dates = vec![self.now.local_date()];
        dates.extend(self.current_session().map(|s| s.local_date));
        self.changed_on(&dates);
    }

    /// Marks the log changed and hands the months of `dates` to the saver.
    fn changed_on(&mut self, dates: &[chrono::NaiveDate]) {
        self.log_revision += 1;
        self.persistence.changed(dates, &self.log, self.now.utc);
    }

    /// Writes everything pending and waits for it (at quit).
    pub fn flush(&self) -> bool {
        self.persistence.flush()
    }

    /// What closing the window now would lose, in words (empty when nothing): closing then
    /// asks first.
    pub fn unsaved(&self) -> Vec<&'static str> {
        let mut unsaved = Vec::new();
        if self.save_error.is_some() || self.persistence.has_unsent() {
            unsaved.push("changes to your log that could not be written to disk");
        }
        if self.finish_form.is_some() {
            unsaved.push("the answers about this session");
        }
        if self.diary.is_open() {
            unsaved.push("the entry you were writing under \u{201c}Between sessions\u{201d}");
        }
        unsaved
    }
}

/// Where exports go unless the person picks another place: the Documents folder, else home.
fn default_export_dir() -> std::path::PathBuf {
    directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .map(std::path::Path::to_owned)
                .or_else(|| Some(dirs.home_dir().to_owned()))
        })
        .unwrap_or_else(|| std::path::PathBuf::from("."))
}

/// The file (in the config dir) that remembers closed safety prompts.
pub const DISMISSALS_FILE: &str = crate::core::dismissals_file::FILE_NAME;

/// Reads the closed prompts (see [`crate::core::dismissals_file`]).
fn load_dismissals(config_dir: &std::path::Path) -> Dismissals {
    crate::core::dismissals_file::load(&config_dir.join(DISMISSALS_FILE))
}

/// Marker file written once the first-start notice has been read (its home is the core).
pub use crate::core::paths::NOTICE_MARKER;

/// The routine kept before the last change, when there is one and it can be read. An unreadable
/// one is simply not used for the figures; restoring it reports the problem.
fn load_previous_routine(paths: &crate::core::paths::Paths) -> Option<Routine> {
    crate::core::routine_edit::load_previous(paths)
}
