//! The app shell: owns the state, reads the clock once per frame, draws the current screen and
//! applies the commands the screens return.

use std::sync::Arc;
use std::time::Duration;

use crate::core::catalog::Routine;
use crate::core::figures::{Figures, FiguresInput, FiguresKey, FiguresWorker};
use crate::core::journal::{Applied, Change, Journal, JournalError};
use crate::core::log::SessionLog;
use crate::core::offers::Offer;
use crate::core::paths::Paths;
use crate::core::practice::{Context, Effect, Moment, Practice};
use crate::core::prompts::Dismissals;
use crate::core::session::Session;
use crate::core::settings::Settings;
use crate::core::store::ReadOnlyReason;
use crate::core::store::client::SaverClient;
use crate::core::timer::{Phase, Timer};
use crate::ui::clock::Clock;
use crate::ui::command::{Command, Screen};
use crate::ui::sound::Cue;
use crate::ui::{history, safety, session_form, theme, today};

mod actions;
mod banners;
mod breaks;
mod closed_prompts;
mod cues;
mod keys;
pub mod parts;
mod top_bar;
mod versions;

pub use closed_prompts::DISMISSALS_FILE;
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
pub struct LimberApp {
    clock: Box<dyn Clock>,
    /// Where files live.
    pub paths: Paths,
    /// The routine in use.
    pub routine: Routine,
    /// The app's end of the saver thread, which writes every file: the log's months and the
    /// preferences (settings, closed prompts, routine, notice marker, autostart entry).
    pub persistence: SaverClient,
    /// The session log in memory, always the truth even when saving failed, and the one way
    /// to change it: its revisions key the views' caches, and it keeps History's undo.
    pub journal: Journal,
    /// The open session, the timer and the guided routine: the rules live in the core.
    pub practice: Practice,
    /// The screen shown.
    pub screen: Screen,
    /// The exercise whose card is open.
    pub selected: Option<String>,
    /// The person's settings (text size, theme, sound, reminder, …).
    pub settings: Settings,
    /// The routine editor.
    pub editor: crate::ui::routine_editor::RoutineEditor,
    /// When the check-in was put off (closed prompts are on the record in the log).
    pub dismissals: Dismissals,
    /// An older version's closed prompts, until they are moved into the log.
    closed_prompts: Option<crate::core::dismissals_file::ClosedPrompts>,
    /// Every figure shown (Progress, Today's prompts, the Export screen's summary), built off
    /// the UI thread once the window is up; the screens draw the latest until newer arrive.
    figures: FiguresWorker,
    now: Moment,
    /// What went wrong and is shown until it is fixed: a failed save, a log or routine that could not be read, notices from opening the store.
    pub notices: parts::Notices,
    /// The timer's cues: the flash, the tones and the voice.
    pub cues: parts::Cues,
    /// The daily reminder.
    pub reminder: parts::Reminder,
    /// What one frame leaves for the next (focus, the timer last shown, the style applied, the fonts).
    pub frame: parts::FrameState,
    /// The screens' own state (History, Settings, Progress, Between sessions, Export).
    pub views: parts::Views,
    /// The dialogs and cards over Today: the finish form, the end card and the first-start notice.
    pub dialogs: parts::Dialogs,
    /// The routine kept before the last change, and whether it can be restored.
    pub versions: parts::Versions,
    /// Desk breaks: the rule's memory, the break being done, the notification's answers.
    pub breaks: parts::Breaks,
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
        let (dismissals, closed_prompts) = closed_prompts::load(&init.paths.config_dir);
        let muted = !settings.sound_on;
        let started = now.utc.with_timezone(&now.offset).naive_local();
        let mut app = LimberApp {
            clock: init.clock,
            paths: init.paths,
            routine,
            persistence,
            journal: Journal::new(log),
            practice: Practice {
                get_ready_secs: settings.get_ready_secs,
                ..Practice::default()
            },
            screen: Screen::Today,
            selected: None,
            settings,
            editor: crate::ui::routine_editor::RoutineEditor::default(),
            dismissals,
            closed_prompts,
            figures: FiguresWorker::synchronous(),
            now,
            notices: parts::Notices {
                save_error: None,
                store_problem,
                store_notices: store_notices.into_iter().chain(settings_problem.map(|p| format!("Your settings file could not be read, so Limber uses the default settings. The file was left as it is. {p}"))).collect(),
                routine_problem,
            },
            cues: parts::Cues {
                flash: None,
                cues_played: 0,
                muted,
                sound: None,
                voice: None,
                voice_progress: None,
            },
            reminder: parts::Reminder {
                shown_on: None,
                sending: None,
                banner: false,
            },
            frame: parts::FrameState {
                focus_last_frame: false,
                focus_notes: false,
                shown_timer: None,
                applied_style: None,
                missing_scripts: None,
            },
            views: parts::Views {
                history: history::HistoryView::default(),
                settings_view: crate::ui::settings::SettingsView::default(),
                progress: crate::ui::progress::ProgressView::new(),
                diary: crate::ui::diary::DiaryView::default(),
                export_view: crate::ui::export::ExportView::new(default_export_dir()),
            },
            dialogs: parts::Dialogs {
                finish_form: None,
                end_card: None,
                show_notice,
                gentle_rule: false,
            },
            versions: parts::Versions {
                previous_routine,
                can_restore_routine,
            },
            breaks: parts::Breaks::new(started, crate::ui::quiet::QuietWatch::never()),
        };
        app.now = app.read_clock();
        app.settle_open_sessions();
        // The figures read the whole log: the first are built here, on the loader thread,
        // rather than in the first frame.
        app.refresh_figures();
        app
    }

    /// Continues a session left open within the last two hours, and closes older ones (see
    /// [`SessionLog::settle_open`]); called at start and when older months arrive (and by the
    /// practice before it opens a new session).
    fn settle_open_sessions(&mut self) {
        self.practise(Practice::settle_open);
    }

    /// Runs a change of the practice on the log, the routine and this frame's moment, then
    /// carries out what it asks for.
    fn practise(&mut self, change: impl FnOnce(&mut Practice, &mut Context<'_>) -> Vec<Effect>) {
        let routine = self.routine_in_force();
        let mut cx = Context::new(&mut self.journal, &routine, self.now);
        let effects = change(&mut self.practice, &mut cx);
        let applied = cx.into_applied();
        self.carry_out(effects);
        for result in applied {
            self.saved(result);
        }
    }

    /// Plays cues, opens cards and forms, and hands changed months to the saver.
    fn carry_out(&mut self, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::StepStarted(phase) => {
                    self.cues.cues_played += 1;
                    self.cues.flash = Some((self.now.instant, phase));
                    self.play(match phase {
                        Phase::Hold => Cue::Hold,
                        Phase::Rest => Cue::Rest,
                        Phase::GetReady | Phase::SwitchSides => Cue::StepStarted,
                    });
                }
                Effect::Finished => {
                    self.cues.cues_played += 1;
                    self.cues.flash = Some((self.now.instant, Phase::Rest));
                    self.play(Cue::Finished);
                }
                Effect::Select(id) => self.selected = Some(id),
                Effect::OpenFinishForm => self.apply(Command::OpenFinishForm),
            }
        }
    }

    /// Reads the clock. A time Limber cannot use (before 1970, after 9999) makes the window
    /// save nothing from then on, and stands in the log's last moment, so that Today shows the
    /// last day with a record.
    fn read_clock(&mut self) -> Moment {
        let mut now = self.clock.now();
        if let Some(err) = now.clock_error {
            self.persistence
                .refuse_writes(ReadOnlyReason::ClockOutOfRange(err));
            (now.utc, now.offset) = self
                .journal
                .log()
                .sessions()
                .last()
                .map_or((chrono::DateTime::UNIX_EPOCH, now.offset), |last| {
                    (last.ended_at.unwrap_or(last.started_at), last.offset())
                });
        }
        now
    }

    /// The time read at the start of this frame.
    pub fn now(&self) -> Moment {
        self.now
    }

    /// The session log, to read (it changes only through [`LimberApp::journal`]).
    pub fn log(&self) -> &SessionLog {
        self.journal.log()
    }

    /// Why the log is read-only, if it is.
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.persistence.read_only()
    }

    /// The open session, if any.
    pub fn current_session(&self) -> Option<&Session> {
        self.practice.current_session(self.journal.log())
    }

    /// Whether an exercise is done today (in any of today's sessions).
    pub fn done_today(&self, exercise_id: &str) -> bool {
        self.journal
            .log()
            .done_on(self.now.local_date(), exercise_id)
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
        self.move_closed_prompts();
        self.collect_export();
        let events = self.practice.advance_timer(self.now.instant);
        // The voice reads the timer as it is now, before a finished exercise moves on.
        self.announce();
        self.practise(|practice, cx| practice.timer_events(cx, &events));
        self.check_reminder(ctx);
        self.check_breaks(ctx);
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
        self.refresh_figures();
        let figures = self.figures();
        let offer = self.offer();
        let shown = self.prompts_on_screen(&figures);
        egui::CentralPanel::default()
            .frame(theme::central_panel_frame(ui.style()))
            .show(ui, |ui| {
                self.banners_ui(ui, &mut commands);
                if self.screen == Screen::Today {
                    let actions = crate::ui::progress::prompt_banners_ui(ui, &shown);
                    commands.extend(actions.into_iter().map(Command::Progress));
                    self.offer_banner_ui(ui, offer, &mut commands);
                }
                self.screen_ui(ui, &figures, &shown, offer, &mut commands);
            });
        if self.dialogs.show_notice {
            safety::notice_modal(ui.ctx(), self.routine.pain_model, &mut commands);
        }
        if self.screen != Screen::Today {
            // Today draws its own; elsewhere "Log pain" opens it over the screen in view.
            let input = crate::ui::diary::DiaryInput {
                log: self.journal.log(),
                today: self.now.local_date(),
                due: &[],
            };
            let actions = self.views.diary.windows_ui(ui.ctx(), &input);
            commands.extend(actions.into_iter().map(Command::Diary));
        }
        if let Some(form) = &mut self.dialogs.finish_form {
            let current = self.practice.current_session(self.journal.log());
            session_form::finish_modal(ui.ctx(), form, current, &mut commands);
        } else if let Some(summary) = &self.dialogs.end_card {
            session_form::end_card_modal(ui.ctx(), summary, &mut commands);
        } else if self.dialogs.gentle_rule {
            crate::ui::gentle::rule_modal(ui.ctx(), &mut commands);
        }
        for command in commands {
            self.apply(command);
        }
        self.record_shown(shown);
        self.frame.focus_last_frame = ui.ctx().memory(|memory| memory.focused().is_some());
        self.schedule_repaint(ui.ctx());
    }

    /// Draws the screen chosen; each takes its input and returns what the person asked for.
    /// The screen in view; `shown` is the prompts Today and Progress show this frame (worked
    /// out once, in [`LimberApp::prompts_on_screen`]).
    fn screen_ui(
        &mut self,
        ui: &mut egui::Ui,
        figures: &Figures,
        shown: &[crate::core::prompts::Prompt],
        offer: Option<Offer>,
        commands: &mut Vec<Command>,
    ) {
        match self.screen {
            Screen::Today => {
                let focus_notes = std::mem::take(&mut self.frame.focus_notes);
                // A timer that started since the last frame (Space, its button, the guided
                // routine moving on) is brought into sight.
                let running = self
                    .practice
                    .timer
                    .as_ref()
                    .filter(|t| t.timer.is_running())
                    .map(|t| t.exercise_id.clone());
                let reveal_timer = running.is_some() && running != self.frame.shown_timer;
                self.frame.shown_timer = running;
                let routine = self.routine_in_force();
                let input = today::TodayInput {
                    routine: &routine,
                    log: self.journal.log(),
                    log_revision: self.journal.content_revision(),
                    practice: &self.practice,
                    selected: self.selected.as_deref(),
                    now: self.now,
                    muted: self.cues.muted,
                    flash: self.cues.flash,
                    settings: &self.settings,
                    focus_notes,
                    reveal_timer,
                    read_only: self.read_only().is_some(),
                    offer,
                };
                commands.extend(today::today_ui(ui, &input, &mut self.views.diary));
            }
            Screen::History => {
                let input = history::HistoryInput {
                    log: self.journal.log(),
                    loading_older: self.persistence.loading_older(),
                    read_only: self.persistence.read_only().is_some(),
                    damaged: self.persistence.has_damaged(),
                    backups: self.persistence.listed_backups(),
                    backup_today: self.now.utc.date_naive(),
                };
                commands.extend(self.views.history.ui(ui, &input));
            }
            Screen::About => safety::about_ui(ui, self.routine.pain_model),
            Screen::Progress => {
                history::loading_older_note(ui, self.persistence.loading_older());
                let input = crate::ui::progress::ProgressInput {
                    figures,
                    dismissals: &self.dismissals,
                    shown,
                };
                self.views
                    .progress
                    .set_read_only(self.persistence.read_only().is_some());
                let actions = self.views.progress.ui(ui, &input);
                commands.extend(actions.into_iter().map(Command::Progress));
            }
            Screen::Settings => {
                let status = self.cues.voice.as_ref().map_or(
                    crate::ui::voice::VoiceStatus::Opening,
                    crate::ui::voice::Voice::status,
                );
                self.views
                    .settings_view
                    .set_voice_note(crate::ui::voice::settings_note(&status));
                let actions = self.views.settings_view.ui(ui, &self.settings, &self.paths);
                commands.extend(actions.into_iter().map(Command::Settings));
            }
            Screen::Routine => {
                let actions = self
                    .editor
                    .ui(ui, &self.routine, self.versions.can_restore_routine);
                commands.extend(actions.into_iter().map(Command::Editor));
            }
            Screen::Export => {
                let damaged = self.persistence.damaged_months();
                let input = crate::ui::export::ExportInput {
                    figures,
                    damaged: &damaged,
                    loading_older: self.persistence.loading_older(),
                    name: &self.settings.name,
                    page: self.settings.page_size,
                };
                let actions = self.views.export_view.ui(ui, &input);
                commands.extend(actions.into_iter().map(Command::Export));
            }
        }
    }

    fn nav_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        // Today shows "Saved: pain N now." under "Between sessions"; elsewhere the bar says it.
        let saved = if self.screen == Screen::Today {
            None
        } else {
            self.views.diary.saved()
        };
        let input = top_bar::TopBarInput {
            screen: self.screen,
            muted: self.cues.muted,
            writable: self.read_only().is_none(),
            saved,
        };
        top_bar::top_bar_ui(ui, &input, commands);
    }

    /// What the saver thread reported since the last frame.
    fn apply_saver_reports(&mut self) {
        use crate::core::prefs::PrefKind;
        use crate::core::store::client::Event;
        let (persistence, now) = (&mut self.persistence, self.now.utc);
        let events = self.journal.lend_to_saver(|log| persistence.poll(log, now));
        for event in events {
            match event {
                Event::Absorbed => {
                    self.journal.saver_changed(false);
                    self.settle_open_sessions();
                }
                Event::Replaced(message) => {
                    self.journal.saver_changed(true);
                    self.practice.current = None;
                    self.views.history.editing = None;
                    self.notices.save_error = None;
                    self.notices.store_notices.push(message);
                }
                Event::Notice(notice) => {
                    if !self.notices.store_notices.contains(&notice) {
                        self.notices.store_notices.push(notice);
                    }
                }
                Event::SaveState(state) => {
                    self.notices.save_error = state.map(|err| err.to_string());
                }
                Event::Failed(err) => self.notices.save_error = Some(err.to_string()),
                Event::PrefKept { kind, path } => {
                    let kept = path.display();
                    match kind {
                        PrefKind::Settings => self.views.settings_view.show_message(format!(
                            "Your old settings file could not be read; it was kept as {kept}."
                        )),
                        PrefKind::Routine => self.editor.show_message(format!(
                            "Your old routine file could not be read; it was kept as {kept}."
                        )),
                        PrefKind::Dismissals => self.notices.store_notices.push(format!(
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

    /// Asks for the figures of the log, routine and date as they are now (built off the UI
    /// thread once [`LimberApp::build_figures_in_background`] was called, at once before).
    fn refresh_figures(&mut self) {
        let input = FiguresInput {
            routine: &self.routine,
            previous_routine: self.versions.previous_routine.as_ref(),
            today: self.now.local_date(),
        };
        let key = FiguresKey::new(&input, self.journal.content_revision());
        let log = self.journal.log();
        self.figures.request(key, || Arc::new(log.clone()), &input);
    }

    /// The latest figures (those of the last change while newer ones are being built).
    fn figures(&mut self) -> Arc<Figures> {
        match self.figures.figures() {
            Some(figures) => Arc::clone(figures),
            None => self.figures_now(),
        }
    }

    /// The figures of the log as it is now, built here if the latest are older: an export
    /// describes the log as it is, not as it was a frame ago.
    pub(super) fn figures_now(&mut self) -> Arc<Figures> {
        let input = FiguresInput {
            routine: &self.routine,
            previous_routine: self.versions.previous_routine.as_ref(),
            today: self.now.local_date(),
        };
        let key = FiguresKey::new(&input, self.journal.content_revision());
        let log = self.journal.log();
        self.figures
            .current_for(key, || Arc::new(log.clone()), &input)
    }

    /// From now on, builds the figures on a thread of their own and asks `ctx` for a repaint
    /// when they are ready (the window calls this once it is up; tests keep building at once,
    /// so every frame they draw has the figures of the log as it is).
    pub fn build_figures_in_background(&mut self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.figures
            .run_in_background(move || ctx.request_repaint());
    }

    /// Hands `change` to the journal, and the months it touched to the saver; a refusal is
    /// the caller's to show.
    fn change(&mut self, change: Change) -> Result<Applied, JournalError> {
        let result = self.journal.apply(change, self.now);
        if let Ok(applied) = &result {
            self.persistence.months_changed(
                applied.months.iter().copied(),
                self.journal.log(),
                self.now.utc,
            );
        }
        result
    }

    /// Hands `change` to the journal; a refusal is said in the save banner (the log is as it
    /// was).
    fn record(&mut self, change: Change) {
        if let Err(err) = self.change(change) {
            self.notices.save_error = Some(err.to_string());
        }
    }

    /// Hands the months a change of the practice touched to the saver; a refusal is said in
    /// the save banner.
    fn saved(&mut self, result: Result<Applied, JournalError>) {
        match result {
            Ok(applied) => {
                self.persistence.months_changed(
                    applied.months.iter().copied(),
                    self.journal.log(),
                    self.now.utc,
                );
            }
            Err(err) => self.notices.save_error = Some(err.to_string()),
        }
    }

    /// Writes everything pending and waits for it (at quit).
    pub fn flush(&self) -> bool {
        self.persistence.flush()
    }

    /// What closing the window now would lose, in words (empty when nothing): closing then
    /// asks first.
    pub fn unsaved(&self) -> Vec<&'static str> {
        let mut unsaved = Vec::new();
        if self.notices.save_error.is_some() || self.persistence.has_unsent() {
            unsaved.push("changes to your log that could not be written to disk");
        }
        if self.dialogs.finish_form.is_some() {
            unsaved.push("the answers about this session");
        }
        if self.views.diary.is_open() {
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

/// Marker file written once the first-start notice has been read (its home is the core).
pub use crate::core::paths::NOTICE_MARKER;

/// The routine kept before the last change, when there is one and it can be read. An unreadable
/// one is simply not used for the figures; restoring it reports the problem.
fn load_previous_routine(paths: &crate::core::paths::Paths) -> Option<Routine> {
    crate::core::routine_edit::load_previous(paths)
}
