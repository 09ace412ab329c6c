//! Applying what the screens ask for: one command at a time, each screen's actions, and the
//! files of settings, routine and closed prompts they change (through the core).

use crate::core::offers::{self, Offer};
use crate::core::prefs::Pref;
use crate::ui::command::BreakAction;

use super::{Change, Command, Cue, LimberApp, Practice, Screen, Timer, session_form};

/// Whether `command` adds to or changes the session log (a session, a tick, a pain score, a
/// note, a diary entry, a check-in).
fn logs_something(command: &Command) -> bool {
    use crate::ui::command::ProgressAction;
    matches!(
        command,
        Command::TimerToggle
            | Command::TimerSkip
            | Command::TimerRestart
            | Command::SetDone(..)
            | Command::ChooseVersion(..)
            | Command::StartGuided
            | Command::GuidedMarkDone
            | Command::PainBefore(_)
            | Command::StartAnyway
            | Command::RestToday
            | Command::AskGentle
            | Command::StartGentle
            | Command::OpenFinishForm
            | Command::FinishSession(_)
            | Command::SetNotes(_)
            | Command::LogRestDay(_)
            | Command::StartNewSession
            | Command::SaveSession(_)
            | Command::DeleteSession(_)
            | Command::UndoDelete
            | Command::OpenPainNow
            | Command::Diary(_)
            | Command::Break(BreakAction::Start | BreakAction::Done | BreakAction::Stop)
            | Command::Progress(
                ProgressAction::SubmitCheckIn(_)
                    | ProgressAction::ReportSigns(_)
                    | ProgressAction::AnswerSign(..)
                    | ProgressAction::Dismiss(_)
                    | ProgressAction::SeenMyDoctor(_)
            )
    )
}

/// Whether `command` begins (or adds to) a routine session or logs a rest day: a break being
/// done ends first, so the two never run at once.
fn starts_a_session(command: &Command) -> bool {
    matches!(
        command,
        Command::TimerToggle
            | Command::SetDone(..)
            | Command::StartGuided
            | Command::StartNewSession
            | Command::LogRestDay(_)
    )
}

impl LimberApp {
    /// Applies one command. While the log is read-only, a command that would log something is
    /// dropped here: its controls are disabled, and this keeps any other way in (a key, a
    /// form left open) from changing a log that would never be saved.
    pub fn apply(&mut self, command: Command) {
        if self.read_only().is_some() && logs_something(&command) {
            return;
        }
        let now = self.now;
        if self.breaks.run.is_some() && starts_a_session(&command) {
            // A session begun during a break ends the break, keeping what was done.
            self.break_action(BreakAction::Stop);
        }
        match command {
            Command::Navigate(screen) => {
                self.screen = screen;
                self.views.diary.forget_saved();
            }
            Command::Select(id) => self.select(&id),
            Command::TimerToggle => {
                let selected = self.selected.clone();
                self.practise(|p, cx| p.toggle_timer(cx, selected.as_deref()));
            }
            Command::TimerSkip => self.practise(|p, cx| p.with_timer(cx, Timer::skip)),
            Command::TimerRestart => self.practise(|p, cx| p.with_timer(cx, Timer::restart)),
            Command::SetDone(id, done) => self.practise(|p, cx| p.set_done(cx, &id, done)),
            Command::ChooseVersion(id, version) => self.choose_version(&id, version),
            Command::Break(action) => self.break_action(action),
            Command::Lesson { id, read } => {
                crate::core::lessons::close(&mut self.dismissals, &id, read, now.local_date());
                self.dismissals_changed();
            }
            Command::ProgressionShown(offer) => self.record(Change::ProgressionShown(offer)),
            Command::AnswerProgression { offer, accept } => {
                self.record(Change::AnswerProgression { offer, accept });
            }
            Command::StartGuided if self.gentle_day() => self.start_gentle(),
            Command::StartGuided => {
                self.screen = Screen::Today;
                self.practise(Practice::start_guided);
            }
            Command::AskGentle => self.dialogs.gentle_rule = true,
            Command::CancelGentle => self.dialogs.gentle_rule = false,
            Command::StartGentle => {
                self.dialogs.gentle_rule = false;
                self.start_gentle();
            }
            Command::GuidedNext => self.practise(|p, cx| p.guided_step(cx, 1, false)),
            Command::GuidedPrevious => self.practise(|p, cx| p.guided_step(cx, -1, false)),
            Command::GuidedMarkDone => self.practise(Practice::guided_mark_done),
            Command::LeaveGuided => self.practice.leave_guided(self.now),
            Command::PainBefore(score) => self.practise(|p, cx| p.pain_before(cx, score)),
            Command::StartAnyway => self.practise(Practice::start_anyway),
            Command::RestToday => self.practise(Practice::rest_today),
            Command::FocusNotes => self.frame.focus_notes = self.current_session().is_some(),
            Command::OpenFinishForm => {
                if let Some(session) = self.current_session() {
                    self.dialogs.finish_form = Some(session_form::FinishForm::for_session(session));
                }
            }
            Command::FinishSession(answers) => {
                let id = self.current_session().map(|s| s.id.clone());
                self.practise(|p, cx| p.finish(cx, answers));
                self.dialogs.finish_form = None;
                // The calm end: what was just saved, until the person moves on.
                self.dialogs.end_card = id
                    .and_then(|id| self.journal.log().session(&id))
                    .map(crate::core::session::SessionSummary::of);
            }
            Command::CancelFinish => self.dialogs.finish_form = None,
            Command::CloseEndCard => self.dialogs.end_card = None,
            Command::SetNotes(notes) => self.practise(|p, cx| p.set_notes(cx, notes)),
            Command::LogRestDay(reason) => {
                self.practise(|_, cx| Practice::rest_day(cx, reason));
            }
            Command::StartNewSession => self.practise(Practice::start_new_session),
            Command::SaveSession(session) => {
                // An edit can move a session to another day: the journal writes both months.
                self.record(Change::PutSession(*session));
            }
            Command::DeleteSession(id) => {
                self.practice.forget(&id);
                self.record(Change::DeleteSession(id));
            }
            Command::UndoDelete => self.record(Change::UndoDelete),
            Command::RetrySave => self.persistence.retry(self.journal.log(), self.now.utc),
            Command::AcknowledgeNotice => self.acknowledge_notice(),
            Command::SetMuted(muted) => self.set_muted(muted),
            Command::ListBackups => {
                self.persistence.backups();
            }
            Command::RestoreBackup(path) => self.persistence.restore(path, now.utc),
            Command::SetDamagedAside => self.persistence.set_aside(now.utc),
            Command::Progress(action) => self.apply_progress(action),
            Command::Diary(action) => self.apply_diary(action),
            Command::OpenPainNow => self.views.diary.open_pain_now(),
            Command::Settings(action) => self.apply_settings(action),
            Command::Export(action) => self.apply_export(action),
            Command::Editor(action) => self.apply_editor(action),
        }
    }

    pub(super) fn apply_progress(&mut self, action: crate::ui::command::ProgressAction) {
        use crate::ui::command::ProgressAction;
        match action {
            ProgressAction::OpenSession(id) => {
                self.views.history.editing = self.journal.log().session(&id).cloned();
                self.screen = Screen::History;
            }
            ProgressAction::Dismiss(prompt) => self.record(Change::HidePrompt(prompt)),
            ProgressAction::SeenMyDoctor(prompt) => self.record(Change::SeenMyDoctor(prompt)),
            ProgressAction::OpenDoctorPage => self.screen = Screen::About,
            ProgressAction::LeaveOutExercise(id) => {
                let mut next = self.routine.clone();
                if let Some(exercise) = next.exercises.iter_mut().find(|e| e.id == id) {
                    exercise.enabled = false;
                    self.apply_editor(crate::ui::command::RoutineEditorAction::SaveRoutine(next));
                }
            }
            ProgressAction::SubmitCheckIn(flags) => {
                self.record(Change::CheckIn(flags));
            }
            ProgressAction::ReportSigns(flags) => {
                self.record(Change::ReportSigns(flags));
            }
            ProgressAction::AnswerSign(flag, answer) => {
                self.record(Change::AnswerSign(flag, answer));
            }
            ProgressAction::DismissCheckIn => {
                self.dismissals.check_in_dismissed_on = Some(self.now.local_date());
                self.dismissals_changed();
            }
            ProgressAction::EmergencySignTicked => {
                self.practise(|p, cx| p.with_timer(cx, Timer::pause));
            }
        }
    }

    pub(super) fn apply_diary(&mut self, action: crate::ui::command::DiaryAction) {
        use crate::ui::command::DiaryAction;
        match action {
            DiaryAction::Change(change) => {
                let result = crate::core::diary::to_change(self.journal.log(), change, self.now)
                    .and_then(|change| Ok(self.change(change)?));
                self.views
                    .diary
                    .applied(result.map(|_| ()).map_err(|err| err.to_string()));
            }
            DiaryAction::OpenWarningSigns => self.views.progress.open_sign_report(),
            DiaryAction::NotNow => {
                let mut settings = self.settings.clone();
                settings.measures_not_now_until =
                    Some(crate::core::measures::not_now_until(self.now.local_date()));
                self.apply_settings(crate::ui::command::SettingsAction::Changed(settings));
            }
        }
    }

    /// The top bar's Sound button is the same setting as Settings' "Sound": it is saved, so the
    /// next change elsewhere does not turn the sound back on.
    pub(super) fn set_muted(&mut self, muted: bool) {
        let mut settings = self.settings.clone();
        settings.sound_on = !muted;
        self.apply_settings(crate::ui::command::SettingsAction::Changed(settings));
    }

    pub(super) fn apply_settings(&mut self, action: crate::ui::command::SettingsAction) {
        use crate::ui::command::SettingsAction;
        match action {
            SettingsAction::Changed(settings) => {
                let settings = settings.sanitized();
                self.cues.muted = !settings.sound_on;
                self.practice.get_ready_secs = settings.get_ready_secs;
                self.persistence.save_pref(Pref::Settings(settings.clone()));
                self.settings = settings;
            }
            SettingsAction::SetAutostart(on) => self.persistence.save_pref(Pref::Autostart(on)),
            SettingsAction::TestSound { volume } => {
                if let Some(sound) = &mut self.cues.sound {
                    sound.play(Cue::Hold, volume);
                }
            }
            SettingsAction::OpenFolder(path) => {
                if let Err(err) = open::that(&path) {
                    self.views.settings_view.show_message(format!(
                        "Could not open the folder: {err} ({})",
                        path.display()
                    ));
                }
            }
        }
    }

    pub(super) fn apply_export(&mut self, action: crate::ui::command::ExportAction) {
        use crate::core::export;
        use crate::ui::command::ExportAction;
        match action {
            ExportAction::Export {
                format,
                period,
                path,
                name,
                page,
            } => {
                let request = export::Request {
                    format,
                    from: Some(period.first_day()),
                    to: Some(period.last_day()),
                    output: path,
                    name,
                    page,
                };
                // The worker reads copies, so the log can change while it writes.
                let work = crate::ui::export_job::ExportWork {
                    request,
                    log: self.journal.log().clone(),
                    routine: self.routine.clone(),
                    previous: self.versions.previous_routine.clone(),
                    data_dir: self.paths.data_dir.clone(),
                    damaged: self.persistence.damaged_months(),
                    now: self.now.utc.with_timezone(&self.now.offset),
                };
                self.views.export_view.start(work);
            }
            ExportAction::OpenFolder(dir) => {
                if let Err(err) = open::that(&dir) {
                    self.views.export_view.show_result(Err(format!(
                        "Could not open the folder: {err} ({})",
                        dir.display()
                    )));
                }
            }
        }
    }

    /// What Space does on Today: with no exercise picked and no timer or guided routine under
    /// way it starts the routine, as the primary button does; otherwise it starts or pauses the
    /// timer (during a desk break, the break's own).
    pub(super) fn space_command(&self) -> Command {
        if self.breaks.run.is_some() {
            return Command::Break(BreakAction::TimerToggle);
        }
        let idle = self.selected.is_none()
            && self.practice.timer.is_none()
            && self.practice.guided.is_none();
        if idle {
            Command::StartGuided
        } else {
            Command::TimerToggle
        }
    }

    /// Collects a finished export: its record goes into the log (so the next default period
    /// starts after it) and the Export screen says where the files went, or why not.
    pub(super) fn collect_export(&mut self) {
        let Some(result) = self.views.export_view.take_finished() else {
            return;
        };
        let shown = result.and_then(|written| {
            // Filed by the journal under the local date it was made on, as every record.
            match written.record {
                Some(record) => self
                    .change(Change::Exported(record))
                    .map(|_| written.output)
                    .map_err(|err| err.to_string()),
                None => Ok(written.output),
            }
        });
        self.views.export_view.show_result(shown);
    }

    pub(super) fn apply_editor(&mut self, action: crate::ui::command::RoutineEditorAction) {
        use crate::core::routine_edit;
        use crate::ui::command::RoutineEditorAction;
        let prepared = match action {
            RoutineEditorAction::SaveRoutine(next) | RoutineEditorAction::ApplyImport(next) => {
                routine_edit::prepare_save(&self.routine, &next)
            }
            // The previous routine as held in memory (the saver may not have written it yet);
            // read from its file only to say why it cannot be used.
            RoutineEditorAction::RestorePrevious => match &self.versions.previous_routine {
                Some(previous) => routine_edit::prepare_save(&self.routine, previous),
                None => routine_edit::read_previous(&self.paths)
                    .and_then(|previous| routine_edit::prepare_save(&self.routine, &previous)),
            },
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
        match prepared {
            // In effect at once; the saver writes both files (a failure shows with "Retry").
            Ok(prepared) => {
                let replaced = std::mem::replace(&mut self.routine, prepared.routine.clone());
                self.notices.routine_problem = None;
                self.versions.can_restore_routine = true;
                self.versions.previous_routine = Some(replaced);
                self.persistence
                    .save_pref(Pref::Routine(Box::new(prepared)));
            }
            Err(err) => self.editor.show_message(err.to_string()),
        }
    }

    pub(super) fn dismissals_changed(&mut self) {
        self.persistence
            .save_pref(Pref::Dismissals(self.dismissals.clone()));
    }

    /// The one offer Today shows this frame (see [`crate::core::offers::next`]): none while
    /// the first-start notice, the finish form or the end card is up, while the guided routine
    /// or a timer runs, or while nothing can be saved.
    pub(super) fn offer(&mut self) -> Option<Offer> {
        if self.dialogs.show_notice
            || self.practice.guided.is_some()
            || self.breaks.run.is_some()
            || crate::ui::today::offers_wait(&self.practice)
            || self.dialogs.finish_form.is_some()
            || self.dialogs.end_card.is_some()
            || self.read_only().is_some()
        {
            return None;
        }
        let today = self.now.local_date();
        let schedule = (
            self.settings.measure_schedule,
            self.settings.measures_not_now_until,
        );
        let measures = self.views.diary.due(
            self.journal.log(),
            self.journal.content_revision(),
            schedule,
            today,
        );
        offers::next(offers::Due {
            desk_break: self.breaks.due,
            ..offers::Due::on(
                self.journal.log(),
                &self.routine,
                &self.dismissals,
                &measures,
                today,
            )
        })
    }

    /// The first-start notice was read: remembered, and on the first start the first weekly
    /// check-in waits a week (see [`offers::first_start`]).
    pub(super) fn acknowledge_notice(&mut self) {
        self.dialogs.show_notice = false;
        if offers::first_start(
            &mut self.dismissals,
            self.journal.log(),
            self.now.local_date(),
        ) {
            self.dismissals_changed();
        }
        self.persistence.save_pref(Pref::NoticeSeen);
    }

    /// Opens a card. A timer in progress keeps running (Space still controls it), so looking at
    /// another exercise mid-hold changes nothing but the card.
    pub(super) fn select(&mut self, id: &str) {
        self.selected = Some(id.to_owned());
    }
}
