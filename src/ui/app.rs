//! The app shell: owns the state, reads the clock once per frame, draws the current screen and
//! applies the commands the screens return.

use std::time::{Duration, Instant};

use crate::core::catalog::Routine;
use crate::core::paths::Paths;
use crate::core::prompts::{Dismissals, Prompt};
use crate::core::session::{Completion, ExerciseRecord, Session, SessionId, SessionLog};
use crate::core::settings::Settings;
use crate::core::store::ReadOnlyReason;
use crate::core::timer::{Phase, Timer, TimerEvent};
use crate::ui::clock::{Clock, Now};
use crate::ui::command::{Command, FinishAnswers, Screen};
use crate::ui::persist::Persistence;
use crate::ui::sound::Cue;
use crate::ui::{history, safety, session_form, theme, today};

/// Seconds of "get ready" given when the guided routine moves to the next exercise, to change
/// position or pick up the equipment.
pub const TRANSITION_SECS: u32 = 10;

/// The timer of the exercise on the card.
#[derive(Debug)]
pub struct ActiveTimer {
    /// Which exercise.
    pub exercise_id: String,
    /// Its timer.
    pub timer: Timer,
}

/// The guided routine: the exercises to go through and where we are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guided {
    /// Exercise ids in order.
    pub order: Vec<String>,
    /// Index into `order`.
    pub position: usize,
}

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
    /// The app's end of the saver thread, which owns every byte of the log on disk.
    pub persistence: crate::ui::persist::Persistence,
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
    /// The session in progress, if any.
    pub current: Option<SessionId>,
    /// Whether the pain-before question is showing.
    pub asking_pain_before: bool,
    /// The end-of-session form, when open.
    pub finish_form: Option<session_form::FinishForm>,
    /// The screen shown.
    pub screen: Screen,
    /// The exercise whose card is open.
    pub selected: Option<String>,
    /// The running (or paused) timer.
    pub timer: Option<ActiveTimer>,
    /// The guided routine, when running.
    pub guided: Option<Guided>,
    /// When the last phase change happened, for the visible flash.
    pub flash: Option<(Instant, Phase)>,
    /// Number of audible cues requested (the sound layer plays them).
    pub cues_played: u64,
    /// Sound off.
    pub muted: bool,
    /// Whether the "not medical advice" notice is showing.
    pub show_notice: bool,
    /// History screen state.
    pub history: history::HistoryView,
    /// The last deleted session, for undo.
    pub deleted: Option<Session>,
    /// Get-ready seconds before the first hold.
    pub get_ready_secs: u32,
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
            match Persistence::open(&init.paths.data_dir, now.utc, now.local_date()) {
                Ok((persistence, log, notices)) => (persistence, log, None, notices),
                Err(err) => (
                    Persistence::none(),
                    SessionLog::default(),
                    Some(err.to_string()),
                    Vec::new(),
                ),
            };
        let show_notice = !init.paths.config_dir.join(NOTICE_MARKER).exists();
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
            current: None,
            asking_pain_before: false,
            finish_form: None,
            screen: Screen::Today,
            selected: None,
            timer: None,
            guided: None,
            flash: None,
            cues_played: 0,
            show_notice,
            history: history::HistoryView::default(),
            deleted: None,
            get_ready_secs: settings.get_ready_secs,
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
        // Today's safety prompts read the whole log: worked out here, on the loader thread,
        // rather than in the first frame.
        app.refresh_prompts();
        app
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
        let id = self.current.as_ref()?;
        self.log.sessions.iter().find(|s| &s.id == id)
    }

    /// Whether an exercise is done today (in any of today's sessions).
    pub fn done_today(&self, exercise_id: &str) -> bool {
        self.log.on_date(self.now.local_date()).any(|s| {
            s.record(exercise_id)
                .is_some_and(|r| r.completion == Completion::Done)
        })
    }

    /// Reads the clock and moves the timer on; plays cues for phase changes. Called before every
    /// frame, and also while the window is hidden (both from `App::logic`), so a hold that ends
    /// while minimised is still heard.
    pub fn tick(&mut self, ctx: &egui::Context) {
        self.now = self.clock.now();
        self.persistence.set_context(ctx);
        self.persistence.frame_started();
        self.apply_saver_reports();
        let instant = self.now.instant;
        let events = match &mut self.timer {
            Some(active) => active.timer.update(instant),
            None => Vec::new(),
        };
        self.announce();
        self.handle_timer_events(&events);
        self.check_reminder(ctx);
        self.schedule_repaint(ctx);
    }

    fn handle_timer_events(&mut self, events: &[TimerEvent]) {
        for event in events {
            self.cues_played += 1;
            match *event {
                TimerEvent::StepStarted(index) => {
                    let phase = self
                        .timer
                        .as_ref()
                        .and_then(|t| t.timer.step(index))
                        .map_or(Phase::Hold, |s| s.phase);
                    self.flash = Some((self.now.instant, phase));
                    self.play(match phase {
                        Phase::Hold => Cue::Hold,
                        Phase::Rest => Cue::Rest,
                        Phase::GetReady | Phase::SwitchSides => Cue::StepStarted,
                    });
                }
                TimerEvent::Finished => {
                    self.flash = Some((self.now.instant, Phase::Rest));
                    self.play(Cue::Finished);
                    if let Some(id) = self.timer.as_ref().map(|t| t.exercise_id.clone()) {
                        self.record_exercise(&id, Completion::Done);
                        if self.guided.is_some() {
                            self.guided_step(1, true);
                        }
                    }
                }
            }
        }
    }

    /// Applies the text size and theme when they changed.
    fn apply_style(&mut self, ctx: &egui::Context) {
        match &self.missing_scripts {
            None => self.missing_scripts = Some(crate::ui::fonts::install(ctx)),
            Some(missing) => {
                if let Some(notice) = missing.take_notice() {
                    self.store_notices.push(notice);
                }
            }
        }
        let key = (self.settings.text_scale.to_bits(), self.settings.theme);
        if self.applied_style == Some(key) {
            return;
        }
        self.applied_style = Some(key);
        theme::apply(ctx, self.settings.text_scale);
        ctx.set_theme(theme::preference(self.settings.theme));
    }

    /// Says what changed on the timer since the last frame (see [`crate::core::voice`]),
    /// when the voice is on and a speech service answered. Never waits for the speech.
    fn announce(&mut self) {
        use crate::core::voice::{Progress, announcements};
        let Some(active) = &self.timer else {
            self.voice_progress = None;
            return;
        };
        let after = Progress::of(&active.timer, self.now.instant);
        let before = match &self.voice_progress {
            Some((id, progress)) if *id == active.exercise_id => *progress,
            _ => Progress::NotStarted,
        };
        let name = self
            .routine
            .exercise(&active.exercise_id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let said = announcements(active.timer.plan(), &name, before, after);
        self.voice_progress = Some((active.exercise_id.clone(), after));
        let voice_on = self
            .voice
            .as_ref()
            .is_some_and(|v| self.settings.cue_style.voice(v.available()));
        if said.is_empty() || self.muted || !voice_on {
            return;
        }
        let words: Vec<String> = said
            .iter()
            .map(crate::core::voice::Announcement::words)
            .collect();
        let volume = self.settings.volume;
        if let Some(voice) = &mut self.voice {
            voice.say(words.join(". "), volume);
        }
    }

    fn play(&mut self, cue: Cue) {
        let voice_available = self
            .voice
            .as_ref()
            .is_some_and(crate::ui::voice::Voice::available);
        if self.muted || !self.settings.cue_style.tones(voice_available) {
            return;
        }
        let volume = self.settings.volume;
        if let Some(sound) = &mut self.sound {
            sound.play(cue, volume);
        }
    }

    /// Shows the daily reminder as a desktop notification when it is due (also while the
    /// window is hidden); falls back to a banner in the app when notifications fail.
    fn check_reminder(&mut self, ctx: &egui::Context) {
        if self.settings.reminder.is_none() && self.reminder_result.is_none() {
            return;
        }
        let today = self.now.local_date();
        let local = self.now.utc.with_timezone(&self.now.offset).naive_local();
        let (done, total) = crate::ui::today::progress_counts(self);
        if crate::core::reminder::reminder_due(
            self.settings.reminder,
            local,
            done >= total,
            self.reminded_on,
        ) {
            self.reminded_on = Some(today);
            self.reminder_result = Some(crate::ui::notify::notify_in_background(
                crate::ui::notify::REMINDER_TITLE,
                crate::ui::notify::REMINDER_BODY,
            ));
        }
        if let Some(receiver) = &self.reminder_result
            && let Ok(result) = receiver.try_recv()
        {
            self.reminder_banner = result.is_err();
            self.reminder_result = None;
        }
        if let Some(at) = crate::core::reminder::next_reminder_at(
            self.settings.reminder,
            local,
            done >= total,
            self.reminded_on,
        ) {
            let wait = (at - local).to_std().unwrap_or_default();
            ctx.request_repaint_after(wait.max(Duration::from_secs(1)));
        }
        if self.reminder_result.is_some() {
            ctx.request_repaint_after(Duration::from_millis(500));
        }
    }

    /// Asks for a repaint exactly when what is shown next changes: the next second of a running
    /// timer, or the end of a flash. With nothing running, nothing is scheduled. A flash lasts
    /// one second from a step's start, so while a timer runs it ends on a frame that is drawn
    /// anyway for the next second, and costs no extra frame.
    fn schedule_repaint(&self, ctx: &egui::Context) {
        if let Some(active) = &self.timer
            && let Some(wait) = active.timer.next_change_in(self.now.instant)
        {
            ctx.request_repaint_after(wait);
        }
        if let Some((at, _)) = self.flash {
            let left = theme::FLASH.saturating_sub(self.now.instant.saturating_duration_since(at));
            if !left.is_zero() {
                ctx.request_repaint_after(left);
            }
        }
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
                if self.screen == Screen::Today && self.guided.is_none() {
                    let today = self.now.local_date();
                    let actions =
                        self.progress
                            .check_in_offer_ui(ui, &self.log, today, &self.dismissals);
                    commands.extend(actions.into_iter().map(Command::Progress));
                }
                match self.screen {
                    Screen::Today => {
                        let mut diary = std::mem::take(&mut self.diary);
                        today::today_ui(ui, self, &mut diary, &mut commands);
                        self.diary = diary;
                    }
                    Screen::History => history::history_ui(ui, self, &mut commands),
                    Screen::About => safety::about_ui(ui),
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
                        let actions =
                            self.export_view
                                .ui(ui, &self.log, routines, self.now.local_date());
                        commands.extend(actions.into_iter().map(Command::Export));
                    }
                }
            });
        if self.show_notice {
            safety::notice_modal(ui.ctx(), &mut commands);
        }
        if let Some(form) = &mut self.finish_form {
            let current = self
                .current
                .as_ref()
                .and_then(|id| self.log.sessions.iter().find(|s| &s.id == id));
            session_form::finish_modal(ui.ctx(), form, current, &mut commands);
        }
        for command in commands {
            self.apply(command);
        }
        self.schedule_repaint(ui.ctx());
    }

    fn nav_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.horizontal_wrapped(|ui| {
            ui.heading("Limber");
            ui.add_space(12.0);
            for screen in Screen::NAV {
                if ui
                    .selectable_label(self.screen == screen, screen.label())
                    .clicked()
                {
                    commands.push(Command::Navigate(screen));
                }
            }
            ui.separator();
            {
                let label = if self.muted { "Sound off" } else { "Sound on" };
                if ui
                    .selectable_label(!self.muted, label)
                    .on_hover_text("Play a sound when a hold or rest ends")
                    .clicked()
                {
                    commands.push(Command::SetMuted(!self.muted));
                }
            }
        });
    }

    fn banners_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if let Some(problem) = &self.routine_problem {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Your routine file could not be used, so Limber is showing the built-in routine. \
                     The file was left as it is; fix it and restart Limber.\n{problem}"
                ));
            });
        }
        if let Some(problem) = &self.store_problem {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Limber could not open its data folder, so nothing will be saved this time. {problem}"
                ));
            });
        }
        match self.read_only() {
            Some(ReadOnlyReason::OtherInstance { lock_path }) => {
                banner(ui, theme::CAUTION_FILL, |ui| {
                    ui.label(format!(
                    "Limber is already open in another window, so this one is read-only and saves nothing. \
                     Close this window and use the other one. ({})",
                    lock_path.display()
                ));
                });
            }
            Some(ReadOnlyReason::LoadFailed(err)) => banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Your session log could not be read, so it is open read-only and nothing is saved. \
                     The file has not been changed. Open History to restore a backup.\n{err}"
                ));
            }),
            Some(ReadOnlyReason::NewerSchema { found, supported }) => {
                banner(ui, theme::CAUTION_FILL, |ui| {
                    ui.label(format!(
                    "Your session log was written by a newer version of Limber (format {found}; this one \
                     knows up to {supported}). It is open read-only so it is never downgraded. Please update Limber."
                ));
                });
            }
            None => {}
        }
        if let Some(err) = &self.save_error {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Your last change could not be saved: {err}\nIt is kept in memory; nothing on disk was damaged."
                ));
                if ui.button("Retry save").clicked() {
                    commands.push(Command::RetrySave);
                }
            });
        }
        if self.reminder_banner {
            banner(ui, theme::INFO_FILL, |ui| {
                ui.label(crate::ui::notify::REMINDER_BODY);
                if ui
                    .button("Note how your back is now")
                    .on_hover_text("Log your pain and where it is, without starting a session")
                    .clicked()
                {
                    commands.push(Command::OpenPainNow);
                }
            });
        }
        for notice in &self.store_notices {
            banner(ui, theme::INFO_FILL, |ui| {
                ui.label(notice);
            });
        }
        if self.deleted.is_some() {
            banner(ui, theme::INFO_FILL, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Session deleted.");
                    if ui.button("Undo delete").clicked() {
                        commands.push(Command::UndoDelete);
                    }
                });
            });
        }
    }

    fn keyboard_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::Key;
        let mut commands = Vec::new();
        if self.screen != Screen::Today
            || self.finish_form.is_some()
            || self.show_notice
            || self.diary.is_open()
        {
            return commands;
        }
        ctx.input(|input| {
            if input.key_pressed(Key::Space) {
                commands.push(Command::TimerToggle);
            }
            if input.key_pressed(Key::Enter) {
                if self.guided.is_some() {
                    commands.push(Command::GuidedMarkDone);
                } else if let Some(id) = &self.selected {
                    commands.push(Command::SetDone(id.clone(), true));
                }
            }
            if self.guided.is_some() {
                if input.key_pressed(Key::ArrowRight) {
                    commands.push(Command::GuidedNext);
                }
                if input.key_pressed(Key::ArrowLeft) {
                    commands.push(Command::GuidedPrevious);
                }
                if input.key_pressed(Key::Escape) {
                    commands.push(Command::LeaveGuided);
                }
            }
        });
        commands
    }

    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        let now = self.now;
        match command {
            Command::Navigate(screen) => self.screen = screen,
            Command::Select(id) => self.select(&id),
            Command::TimerToggle => self.toggle_timer(),
            Command::TimerSkip => self.with_timer(Timer::skip),
            Command::TimerRestart => self.with_timer(Timer::restart),
            Command::SetDone(id, done) => {
                if done {
                    self.record_exercise(&id, Completion::Done);
                } else {
                    self.unrecord_exercise(&id);
                }
            }
            Command::StartGuided => self.start_guided(),
            Command::GuidedNext => self.guided_step(1, false),
            Command::GuidedPrevious => self.guided_step(-1, false),
            Command::GuidedMarkDone => {
                if let Some(id) = self.guided_current() {
                    self.record_exercise(&id, Completion::Done);
                    self.guided_step(1, true);
                }
            }
            Command::LeaveGuided => {
                if let Some(active) = &mut self.timer
                    && active.timer.is_running()
                {
                    active.timer.pause(now.instant);
                }
                self.guided = None;
            }
            Command::PainBefore(score) => {
                self.asking_pain_before = false;
                self.modify_current(|s| s.pain_before = score);
                // High pain before: hold the timer so the calm line on Today is read first.
                if score.is_some_and(|p| p.value() >= crate::core::prompts::HIGH_PAIN_BEFORE)
                    && let Some(active) = &mut self.timer
                    && active.timer.is_running()
                {
                    active.timer.pause(now.instant);
                }
            }
            Command::OpenFinishForm => {
                if let Some(session) = self.current_session() {
                    self.finish_form = Some(session_form::FinishForm::for_session(session));
                }
            }
            Command::FinishSession(answers) => self.finish_session(answers),
            Command::CancelFinish => self.finish_form = None,
            Command::SetNotes(notes) => self.set_current_notes(notes),
            Command::LogRestDay(reason) => {
                let session = Session::rest_day(now.utc, now.offset, reason);
                self.log.upsert(session);
                self.changed();
            }
            Command::SaveSession(session) => {
                // An edit can move a session to another day: both months are written.
                let mut dates = vec![session.local_date];
                dates.extend(
                    self.log
                        .sessions
                        .iter()
                        .find(|s| s.id == session.id)
                        .map(|s| s.local_date),
                );
                self.log.upsert(*session);
                self.changed_on(&dates);
            }
            Command::DeleteSession(id) => {
                if self.current.as_ref() == Some(&id) {
                    self.current = None;
                }
                self.deleted = self.log.remove(&id);
                if let Some(date) = self.deleted.as_ref().map(|s| s.local_date) {
                    self.changed_on(&[date]);
                }
            }
            Command::UndoDelete => {
                if let Some(session) = self.deleted.take() {
                    let date = session.local_date;
                    self.log.upsert(session);
                    self.changed_on(&[date]);
                }
            }
            Command::RetrySave => self.persistence.retry(&self.log, self.now.utc),
            Command::AcknowledgeNotice => self.acknowledge_notice(),
            Command::SetMuted(muted) => self.muted = muted,
            Command::RestoreBackup(path) => self.persistence.restore(path, now.utc),
            Command::SetDamagedAside => self.persistence.set_aside(now.utc),
            Command::Progress(action) => self.apply_progress(action),
            Command::Diary(action) => self.apply_diary(action),
            Command::OpenPainNow => {
                self.screen = Screen::Today;
                self.diary.open_pain_now();
            }
            Command::Settings(action) => self.apply_settings(action),
            Command::Export(action) => self.apply_export(action),
            Command::Editor(action) => self.apply_editor(action),
        }
    }

    /// Space: toggles the timer in progress, or starts the selected exercise's timer.
    fn toggle_timer(&mut self) {
        // A timer in progress keeps priority over whatever card is being looked at.
        let in_progress = self
            .timer
            .as_ref()
            .is_some_and(|a| a.timer.is_running() || a.timer.is_paused());
        if !in_progress {
            if self.selected.is_none() {
                self.selected = self.routine.enabled().next().map(|e| e.id.clone());
            }
            let Some(id) = self.selected.clone() else {
                return;
            };
            self.ensure_timer(&id, self.get_ready_secs);
            self.ensure_session();
        }
        self.with_timer(Timer::toggle);
    }

    /// Runs a timer action at this frame's instant and handles what it reports.
    fn with_timer(&mut self, action: impl FnOnce(&mut Timer, Instant) -> Vec<TimerEvent>) {
        let instant = self.now.instant;
        let events = match &mut self.timer {
            Some(active) => action(&mut active.timer, instant),
            None => Vec::new(),
        };
        self.handle_timer_events(&events);
    }

    /// What the saver thread reported since the last frame.
    fn apply_saver_reports(&mut self) {
        use crate::ui::persist::Event;
        for event in self.persistence.poll(&mut self.log, self.now.utc) {
            match event {
                Event::Absorbed => self.log_revision += 1,
                Event::Replaced(message) => {
                    self.log_revision += 1;
                    self.current = None;
                    self.history.editing = None;
                    self.save_error = None;
                    self.store_notices.push(message);
                }
                Event::Notice(notice) => {
                    if !self.store_notices.contains(&notice) {
                        self.store_notices.push(notice);
                    }
                }
                Event::SaveState(state) => self.save_error = state,
                Event::Failed(err) => self.save_error = Some(err),
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

    fn apply_progress(&mut self, action: crate::ui::progress::ProgressAction) {
        use crate::ui::progress::ProgressAction;
        match action {
            ProgressAction::OpenSession(id) => {
                self.history.editing = self.log.sessions.iter().find(|s| s.id == id).cloned();
                self.screen = Screen::History;
            }
            ProgressAction::Dismiss(key) => {
                self.dismissals.dismiss(&key);
                self.dismissals_changed();
            }
            ProgressAction::OpenDoctorPage => self.screen = Screen::About,
            ProgressAction::LeaveOutExercise(id) => {
                let mut next = self.routine.clone();
                if let Some(exercise) = next.exercises.iter_mut().find(|e| e.id == id) {
                    exercise.enabled = false;
                    self.apply_editor(crate::ui::routine_editor::RoutineEditorAction::SaveRoutine(
                        next,
                    ));
                }
            }
            ProgressAction::SubmitCheckIn(flags) => {
                self.log.check_ins.push(crate::core::session::CheckIn {
                    at: self.now.utc,
                    local_date: self.now.local_date(),
                    flags,
                });
                self.changed();
            }
            ProgressAction::DismissCheckIn => {
                self.dismissals.check_in_dismissed_on = Some(self.now.local_date());
                self.dismissals_changed();
            }
        }
    }

    fn apply_diary(&mut self, action: crate::ui::diary::DiaryAction) {
        use crate::ui::diary::DiaryAction;
        match action {
            DiaryAction::Change(change) => {
                let now = self.now;
                match crate::core::diary::apply(&mut self.log, change, now.utc, now.offset) {
                    Ok(dates) => {
                        self.changed_on(&dates);
                        self.diary.applied(Ok(()));
                    }
                    Err(err) => self.diary.applied(Err(err.to_string())),
                }
            }
            DiaryAction::NotNow => {
                let mut settings = self.settings.clone();
                settings.measures_not_now_until =
                    Some(crate::core::measures::not_now_until(self.now.local_date()));
                self.apply_settings(crate::ui::settings::SettingsAction::Changed(settings));
            }
        }
    }

    fn apply_settings(&mut self, action: crate::ui::settings::SettingsAction) {
        use crate::ui::settings::SettingsAction;
        match action {
            SettingsAction::Changed(settings) => {
                let settings = settings.sanitized();
                self.muted = !settings.sound_on;
                self.get_ready_secs = settings.get_ready_secs;
                match crate::core::settings::save(&self.paths.settings_file(), &settings) {
                    Ok(Some(kept)) => self.settings_view.show_message(format!(
                        "Your old settings file could not be read; it was kept as {}.",
                        kept.display()
                    )),
                    Ok(None) => {}
                    Err(err) => self.settings_view.show_message(err.to_string()),
                }
                self.settings = settings;
            }
            SettingsAction::SetAutostart(on) => {
                if let Err(err) = crate::core::autostart::set_for_this_program(on) {
                    self.settings_view.show_message(err.to_string());
                }
            }
            SettingsAction::TestSound { volume } => {
                if let Some(sound) = &mut self.sound {
                    sound.play(Cue::Hold, volume);
                }
            }
            SettingsAction::OpenFolder(path) => {
                if let Err(err) = open::that(&path) {
                    self.settings_view.show_message(format!(
                        "Could not open the folder: {err} ({})",
                        path.display()
                    ));
                }
            }
        }
    }

    fn apply_export(&mut self, action: crate::ui::export::ExportAction) {
        use crate::core::export::{self, ExportFormat};
        use crate::ui::export::ExportAction;
        match action {
            ExportAction::Export {
                format,
                period,
                path,
                name,
                page,
            } => {
                if let Err(err) = export::check_destination(format, &path, &self.paths.data_dir) {
                    self.export_view.show_result(Err(err.to_string()));
                    return;
                }
                let result = match format {
                    ExportFormat::Csv => {
                        export::csv::write_csv(&path, &self.log, &self.routine, period)
                            .map(|_| path.clone())
                            .map_err(|e| e.to_string())
                    }
                    ExportFormat::Pdf => {
                        let options = export::pdf::ReportOptions {
                            name,
                            page,
                            today: self.now.local_date(),
                        };
                        let routines = export::RoutineVersions {
                            current: &self.routine,
                            previous: self.previous_routine.as_ref(),
                        };
                        export::pdf::write_pdf(&path, &self.log, routines, period, &options)
                            .map(|()| path.clone())
                            .map_err(|e| e.to_string())
                    }
                    ExportFormat::Fhir => export::fhir::write_fhir(
                        &path,
                        &self.log,
                        period,
                        name.as_deref(),
                        self.now.utc,
                    )
                    .map(|()| path.clone())
                    .map_err(|e| e.to_string()),
                    ExportFormat::Ron => {
                        let mut part = self.log.clone();
                        part.sessions.retain(|s| period.contains(s.local_date));
                        part.check_ins.retain(|c| period.contains(c.local_date));
                        part.retain_dates(|d| period.contains(d));
                        let text = crate::core::store::to_ron(&part);
                        crate::core::store::write_atomically(&path, text.as_bytes())
                            .map_err(|e| e.to_string())
                            .map(|()| path.clone())
                    }
                };
                if result.is_ok() {
                    self.log
                        .exports
                        .push(period.export_record(format, self.now.utc));
                    self.changed();
                }
                self.export_view.show_result(result);
            }
            ExportAction::OpenFolder(dir) => {
                if let Err(err) = open::that(&dir) {
                    self.export_view.show_result(Err(format!(
                        "Could not open the folder: {err} ({})",
                        dir.display()
                    )));
                }
            }
        }
    }

    fn apply_editor(&mut self, action: crate::ui::routine_editor::RoutineEditorAction) {
        use crate::core::routine_edit;
        use crate::ui::routine_editor::RoutineEditorAction;
        let saved = match action {
            RoutineEditorAction::SaveRoutine(next) | RoutineEditorAction::ApplyImport(next) => {
                routine_edit::save_user_routine(&self.paths, &self.routine, &next)
            }
            RoutineEditorAction::RestorePrevious => {
                routine_edit::restore_previous(&self.paths, &self.routine)
            }
            RoutineEditorAction::ImportFrom(path) => {
                self.editor
                    .set_import_result(routine_edit::preview_import(&path, &self.routine));
                return;
            }
            RoutineEditorAction::ChooseImportFile => {
                if let Some(path) = crate::ui::routine_editor::choose_routine_file() {
                    self.editor
                        .set_import_result(routine_edit::preview_import(&path, &self.routine));
                }
                return;
            }
        };
        match saved {
            Ok(saved) => {
                if let Some(kept) = &saved.unreadable_kept_at {
                    self.editor.show_message(format!(
                        "Your old routine file could not be read; it was kept as {}.",
                        kept.display()
                    ));
                }
                self.routine = saved.routine;
                self.routine_problem = None;
                self.prompts_cache = None;
                self.can_restore_routine = routine_edit::has_previous(&self.paths);
                self.previous_routine = load_previous_routine(&self.paths);
            }
            Err(err) => self.editor.show_message(err.to_string()),
        }
    }

    fn dismissals_changed(&mut self) {
        self.dismissals_revision += 1;
        let path = self.paths.config_dir.join(DISMISSALS_FILE);
        let written =
            ron::ser::to_string_pretty(&self.dismissals, ron::ser::PrettyConfig::default())
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|text| {
                    std::fs::create_dir_all(&self.paths.config_dir)?;
                    crate::core::atomic::write_atomically(&path, text.as_bytes())
                });
        if let Err(err) = written {
            self.save_error = Some(format!(
                "could not remember the closed message: {err} ({})",
                path.display()
            ));
        }
    }

    fn acknowledge_notice(&mut self) {
        self.show_notice = false;
        let marker = self.paths.config_dir.join(NOTICE_MARKER);
        let written = std::fs::create_dir_all(&self.paths.config_dir)
            .and_then(|()| crate::core::atomic::write_atomically(&marker, b"seen\n"));
        if let Err(err) = written {
            self.save_error = Some(format!(
                "could not remember that the notice was read: {err} ({})",
                marker.display()
            ));
        }
    }

    /// Opens a card. A timer in progress keeps running (Space still controls it), so looking at
    /// another exercise mid-hold changes nothing but the card.
    fn select(&mut self, id: &str) {
        self.selected = Some(id.to_owned());
    }

    /// Makes sure the timer belongs to `id` (a fresh one if it belonged to another exercise).
    fn ensure_timer(&mut self, id: &str, get_ready_secs: u32) {
        if self.timer.as_ref().is_some_and(|t| t.exercise_id == id) {
            return;
        }
        if let Some(exercise) = self.routine.exercise(id) {
            self.timer = Some(ActiveTimer {
                exercise_id: id.to_owned(),
                timer: Timer::for_dose(&exercise.dose, get_ready_secs),
            });
        }
    }

    /// Opens a session when none is open, and asks for pain before.
    fn ensure_session(&mut self) {
        if self.current.is_some() {
            return;
        }
        let session = Session::start(self.now.utc, self.now.offset, self.routine.version);
        self.current = Some(session.id.clone());
        self.log.upsert(session);
        self.asking_pain_before = true;
        self.changed();
    }

    fn modify_current(&mut self, change: impl FnOnce(&mut Session)) {
        let Some(id) = self.current.clone() else {
            return;
        };
        if let Some(session) = self.log.sessions.iter_mut().find(|s| s.id == id) {
            change(session);
            self.changed();
        }
    }

    /// Sets the open session's notes, one keystroke at a time. Notes feed no figure, prompt or
    /// chart, so the caches keyed on the log's revision stay; the month still goes to the saver,
    /// which writes a note's keystrokes as one.
    fn set_current_notes(&mut self, notes: String) {
        let Some(id) = self.current.clone() else {
            return;
        };
        if let Some(session) = self.log.sessions.iter_mut().find(|s| s.id == id) {
            session.notes = notes;
            let date = session.local_date;
            self.persistence.changed(&[date], &self.log, self.now.utc);
        }
    }

    /// Records an exercise in the open session (opening one if needed).
    fn record_exercise(&mut self, id: &str, completion: Completion) {
        self.ensure_session();
        let holds_total = self.routine.exercise(id).map_or(0, |e| {
            crate::core::timer::Timer::for_dose(&e.dose, 0).holds_total()
        });
        let holds_done = match (completion, &self.timer) {
            (Completion::Done, _) => holds_total,
            (_, Some(active)) if active.exercise_id == id => {
                active.timer.holds_done(self.now.instant)
            }
            _ => 0,
        };
        let name = self
            .routine
            .exercise(id)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let id = id.to_owned();
        self.modify_current(|session| {
            if let Some(record) = session.exercises.iter_mut().find(|r| *r.exercise_id == id) {
                if record.completion != Completion::Done {
                    record.completion = completion;
                    record.holds_done = holds_done;
                }
            } else {
                session.exercises.push(ExerciseRecord {
                    exercise_id: id.into(),
                    name: name.into(),
                    completion,
                    holds_done,
                    hurt: None,
                });
            }
        });
    }

    fn unrecord_exercise(&mut self, id: &str) {
        let today = self.now.local_date();
        let target = self
            .log
            .sessions
            .iter()
            .rev()
            .find(|s| {
                s.local_date == today
                    && s.record(id)
                        .is_some_and(|r| r.completion == Completion::Done)
            })
            .map(|s| s.id.clone());
        if let Some(target) = target
            && let Some(session) = self.log.sessions.iter_mut().find(|s| s.id == target)
        {
            session.exercises.retain(|r| *r.exercise_id != *id);
            self.changed();
        }
    }

    fn start_guided(&mut self) {
        let order: Vec<String> = self
            .routine
            .enabled()
            .filter(|e| !self.done_today(&e.id))
            .map(|e| e.id.clone())
            .collect();
        let Some(first) = order.first().cloned() else {
            return;
        };
        self.guided = Some(Guided { order, position: 0 });
        self.screen = Screen::Today;
        self.selected = Some(first.clone());
        self.timer = None;
        self.ensure_timer(&first, self.get_ready_secs);
        self.ensure_session();
        let events = match &mut self.timer {
            Some(active) => active.timer.start(self.now.instant),
            None => Vec::new(),
        };
        self.handle_timer_events(&events);
    }

    fn guided_current(&self) -> Option<String> {
        let guided = self.guided.as_ref()?;
        guided.order.get(guided.position).cloned()
    }

    /// Moves the guided routine by `delta`; the exercise left behind is recorded as partly done
    /// if some holds were finished. Past the last exercise the routine ends and the
    /// end-of-session form opens.
    fn guided_step(&mut self, delta: isize, completed: bool) {
        let Some(guided) = self.guided.clone() else {
            return;
        };
        if !completed
            && let Some(active) = &self.timer
            && !active.timer.is_finished()
        {
            let holds = active.timer.holds_done(self.now.instant);
            if holds > 0 && !self.done_today(&active.exercise_id) {
                let dose = self.routine.exercise(&active.exercise_id).map(|e| e.dose);
                let sets = dose.map_or(0, |d| active.timer.sets_done(self.now.instant, &d));
                let id = active.exercise_id.clone();
                self.record_exercise(
                    &id,
                    Completion::Partial {
                        sets_done: sets,
                        reps_done: holds,
                    },
                );
            }
        }
        let next = guided.position.checked_add_signed(delta);
        match next {
            Some(position) if position < guided.order.len() => {
                let id = guided.order[position].clone();
                self.guided = Some(Guided { position, ..guided });
                self.selected = Some(id.clone());
                self.timer = None;
                self.ensure_timer(&id, TRANSITION_SECS.max(self.get_ready_secs));
                let events = match &mut self.timer {
                    Some(active) => active.timer.start(self.now.instant),
                    None => Vec::new(),
                };
                self.handle_timer_events(&events);
            }
            Some(_) => {
                self.guided = None;
                self.timer = None;
                self.apply(Command::OpenFinishForm);
            }
            None => {}
        }
    }

    fn finish_session(&mut self, answers: FinishAnswers) {
        let now = self.now.utc;
        self.modify_current(|session| {
            session.pain_after = answers.pain_after;
            session.symptoms = answers.symptoms;
            session.pain_areas = answers.pain_areas;
            session.notes = answers.notes;
            for (id, hurt) in answers.hurt {
                if let Some(record) = session.exercises.iter_mut().find(|r| *r.exercise_id == id) {
                    record.hurt = hurt;
                }
            }
            session.ended_at = Some(now);
        });
        self.current = None;
        self.finish_form = None;
        self.asking_pain_before = false;
        self.timer = None;
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
pub const DISMISSALS_FILE: &str = "prompts.ron";

/// Reads the closed prompts; a missing or unreadable file means none were closed (the file is
/// left as it is and rewritten only when the person closes a prompt).
fn load_dismissals(config_dir: &std::path::Path) -> Dismissals {
    std::fs::read_to_string(config_dir.join(DISMISSALS_FILE))
        .ok()
        .and_then(|text| ron::from_str(&text).ok())
        .unwrap_or_default()
}

/// Marker file written once the first-start notice has been read.
pub const NOTICE_MARKER: &str = "notice-acknowledged";

/// A full-width coloured box for messages.
pub fn banner(ui: &mut egui::Ui, fill: egui::Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(fill)
        .inner_margin(10.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Banners are light in both themes, so their text and buttons use light visuals.
            ui.style_mut().visuals = egui::Visuals::light();
            ui.visuals_mut().override_text_color = Some(theme::BANNER_TEXT);
            add(ui);
        });
    ui.add_space(6.0);
}

/// The routine kept before the last change, when there is one and it can be read. An unreadable
/// one is simply not used for the figures; restoring it reports the problem.
fn load_previous_routine(paths: &crate::core::paths::Paths) -> Option<Routine> {
    crate::core::routine_edit::load_previous(paths)
}
