//! Applying what the screens ask for: one command at a time, each screen's actions, and the
//! files of settings, routine and closed prompts they change (through the core).

use crate::core::offers::{self, Offer};

use super::{
    Command, Cue, DISMISSALS_FILE, LimberApp, Practice, Screen, Timer, load_previous_routine,
    session_form,
};

/// Whether `command` adds to or changes the session log (a session, a tick, a pain score, a
/// note, a diary entry, a check-in).
fn logs_something(command: &Command) -> bool {
    use crate::ui::progress::ProgressAction;
    matches!(
        command,
        Command::TimerToggle
            | Command::TimerSkip
            | Command::TimerRestart
            | Command::SetDone(..)
            | Command::StartGuided
            | Command::GuidedMarkDone
            | Command::PainBefore(_)
            | Command::StartAnyway
            | Command::RestToday
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
            | Command::Progress(ProgressAction::SubmitCheckIn(_))
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
        match command {
            Command::Navigate(screen) => {
                self.screen = screen;
                self.diary.forget_saved();
            }
            Command::Select(id) => self.select(&id),
            Command::TimerToggle => {
                let selected = self.selected.clone();
                self.practise(|p, cx| p.toggle_timer(cx, selected.as_deref()));
            }
            Command::TimerSkip => self.practise(|p, cx| p.with_timer(cx, Timer::skip)),
            Command::TimerRestart => self.practise(|p, cx| p.with_timer(cx, Timer::restart)),
            Command::SetDone(id, done) => self.practise(|p, cx| p.set_done(cx, &id, done)),
            Command::StartGuided => {
                self.screen = Screen::Today;
                self.practise(Practice::start_guided);
            }
            Command::GuidedNext => self.practise(|p, cx| p.guided_step(cx, 1, false)),
            Command::GuidedPrevious => self.practise(|p, cx| p.guided_step(cx, -1, false)),
            Command::GuidedMarkDone => self.practise(Practice::guided_mark_done),
            Command::LeaveGuided => self.practice.leave_guided(self.moment()),
            Command::PainBefore(score) => self.practise(|p, cx| p.pain_before(cx, score)),
            Command::StartAnyway => self.practise(Practice::start_anyway),
            Command::RestToday => self.practise(Practice::rest_today),
            Command::FocusNotes => self.focus_notes = self.current_session().is_some(),
            Command::OpenFinishForm => {
                if let Some(session) = self.current_session() {
                    self.finish_form = Some(session_form::FinishForm::for_session(session));
                }
            }
            Command::FinishSession(answers) => {
                let id = self.current_session().map(|s| s.id.clone());
                self.practise(|p, cx| p.finish(cx, answers));
                self.finish_form = None;
                // The calm end: what was just saved, until the person moves on.
                self.end_card = id
                    .and_then(|id| self.log.sessions.iter().find(|s| s.id == id))
                    .map(crate::core::session::SessionSummary::of);
            }
            Command::CancelFinish => self.finish_form = None,
            Command::CloseEndCard => self.end_card = None,
            Command::SetNotes(notes) => self.practise(|p, cx| p.set_notes(cx, notes)),
            Command::LogRestDay(reason) => {
                self.practise(|_, cx| Practice::rest_day(cx, reason));
            }
            Command::StartNewSession => self.practise(Practice::start_new_session),
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
                self.practice.forget(&id);
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
            Command::SetMuted(muted) => self.set_muted(muted),
            Command::ListBackups => {
                self.persistence.backups();
            }
            Command::RestoreBackup(path) => self.persistence.restore(path, now.utc),
            Command::SetDamagedAside => self.persistence.set_aside(now.utc),
            Command::Progress(action) => self.apply_progress(action),
            Command::Diary(action) => self.apply_diary(action),
            Command::OpenPainNow => self.diary.open_pain_now(),
            Command::Settings(action) => self.apply_settings(action),
            Command::Export(action) => self.apply_export(action),
            Command::Editor(action) => self.apply_editor(action),
        }
    }

    pub(super) fn apply_progress(&mut self, action: crate::ui::progress::ProgressAction) {
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
            ProgressAction::EmergencySignTicked => {
                self.practise(|p, cx| p.with_timer(cx, Timer::pause));
            }
        }
    }

    pub(super) fn apply_diary(&mut self, action: crate::ui::diary::DiaryAction) {
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

    /// The top bar's Sound button is the same setting as Settings' "Sound": it is saved, so the
    /// next change elsewhere does not turn the sound back on.
    pub(super) fn set_muted(&mut self, muted: bool) {
        let mut settings = self.settings.clone();
        settings.sound_on = !muted;
        self.apply_settings(crate::ui::settings::SettingsAction::Changed(settings));
    }

    pub(super) fn apply_settings(&mut self, action: crate::ui::settings::SettingsAction) {
        use crate::ui::settings::SettingsAction;
        match action {
            SettingsAction::Changed(settings) => {
                let settings = settings.sanitized();
                self.muted = !settings.sound_on;
                self.practice.get_ready_secs = settings.get_ready_secs;
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

    pub(super) fn apply_export(&mut self, action: crate::ui::export::ExportAction) {
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
                // Nothing to write: said before any file is touched, by the one rule.
                let figures = self.figures_now();
                if let Err(err) = export::check_content(&figures, format, period) {
                    self.export_view.show_result(Err(err.to_string()));
                    return;
                }
                let result = match format {
                    ExportFormat::Csv => export::csv::write_csv(&path, &figures, period)
                        .map(|_| path.clone())
                        .map_err(|e| e.to_string()),
                    ExportFormat::Pdf => {
                        let options = export::pdf::ReportOptions {
                            name,
                            page,
                            today: self.now.local_date(),
                        };
                        export::pdf::write_pdf(&path, &figures, period, &options)
                            .map(|()| path.clone())
                            .map_err(|e| e.to_string())
                    }
                    ExportFormat::Fhir => export::fhir::write_fhir(
                        &path,
                        &figures,
                        period,
                        name.as_deref(),
                        self.now.utc,
                    )
                    .map(|()| path.clone())
                    .map_err(|e| e.to_string()),
                    ExportFormat::Ron => {
                        let part = export::log_part(&self.log, |d| period.contains(d));
                        export::write_ron(&path, &part)
                            .map(|()| path.clone())
                            .map_err(|e| e.to_string())
                    }
                };
                if result.is_ok() {
                    self.log.exports.push(period.export_record(
                        format,
                        self.now.utc,
                        self.now.offset,
                    ));
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

    pub(super) fn apply_editor(&mut self, action: crate::ui::routine_editor::RoutineEditorAction) {
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
                self.can_restore_routine = routine_edit::has_previous(&self.paths);
                self.previous_routine = load_previous_routine(&self.paths);
            }
            Err(err) => self.editor.show_message(err.to_string()),
        }
    }

    pub(super) fn dismissals_changed(&mut self) {
        let path = self.paths.config_dir.join(DISMISSALS_FILE);
        match crate::core::dismissals_file::save(&path, &self.dismissals) {
            Ok(None) => {}
            Ok(Some(kept)) => self.store_notices.push(format!(
                "The file of closed messages could not be read, so it was kept as {} and a new \
                 one started.",
                kept.display()
            )),
            Err(err) => {
                self.save_error = Some(format!(
                    "could not remember the closed message: {err} ({})",
                    path.display()
                ));
            }
        }
    }

    /// The one offer Today shows this frame (see [`crate::core::offers::next`]): none while
    /// the first-start notice, the finish form or the end card is up, while the guided routine
    /// or a timer runs, or while nothing can be saved.
    pub(super) fn offer(&mut self) -> Option<Offer> {
        if self.show_notice
            || self.practice.guided.is_some()
            || crate::ui::today::offers_wait(&self.practice)
            || self.finish_form.is_some()
            || self.end_card.is_some()
            || self.read_only().is_some()
        {
            return None;
        }
        let today = self.now.local_date();
        let schedule = (
            self.settings.measure_schedule,
            self.settings.measures_not_now_until,
        );
        let measures = self
            .diary
            .due(&self.log, self.log_revision, schedule, today);
        offers::next(offers::Due::on(
            &self.log,
            &self.dismissals,
            &measures,
            today,
        ))
    }

    /// The first-start notice was read: remembered, and on the first start the first weekly
    /// check-in waits a week (see [`offers::first_start`]).
    pub(super) fn acknowledge_notice(&mut self) {
        self.show_notice = false;
        if offers::first_start(&mut self.dismissals, &self.log, self.now.local_date()) {
            self.dismissals_changed();
        }
        if let Err(err) = self.paths.acknowledge_notice() {
            self.save_error = Some(format!(
                "could not remember that the notice was read: {err} ({})",
                self.paths.notice_marker().display()
            ));
        }
    }

    /// Opens a card. A timer in progress keeps running (Space still controls it), so looking at
    /// another exercise mid-hold changes nothing but the card.
    pub(super) fn select(&mut self, id: &str) {
        self.selected = Some(id.to_owned());
    }
}
