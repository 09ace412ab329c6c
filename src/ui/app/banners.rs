//! The banners above every screen: save errors, read-only and damaged logs, notices and the
//! reminder.

use super::{Command, LimberApp, ReadOnlyReason, theme};
use crate::ui::banners::banner;

impl LimberApp {
    pub(super) fn banners_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
}
