//! The banners above every screen: save errors, read-only and damaged logs, notices and the
//! reminder.

use super::{Command, LimberApp, ReadOnlyReason, theme};
use crate::core::offers::Offer;
use crate::ui::banners::banner;

impl LimberApp {
    /// The offer shown above Today as a banner: the weekly check-in, or a short lesson (the
    /// questionnaires' offer is Today's own).
    pub(super) fn offer_banner_ui(
        &mut self,
        ui: &mut egui::Ui,
        offer: Option<Offer>,
        commands: &mut Vec<Command>,
    ) {
        let today = self.now.local_date();
        let log = self.journal.log();
        // The weekly check-in's offer, and the warning-sign list "Something new or worrying?"
        // opened on any day.
        let actions = self.views.progress.today_signs_ui(
            ui,
            log,
            today,
            &self.dismissals,
            offer == Some(Offer::CheckIn),
        );
        commands.extend(actions.into_iter().map(Command::Progress));
        self.break_ui(ui, offer == Some(Offer::Break), commands);
        match offer {
            Some(Offer::Lesson) => {
                if let Some(lesson) = crate::core::lessons::to_offer(log, &self.dismissals, today) {
                    lesson_offer_ui(ui, lesson, commands);
                }
            }
            Some(Offer::Progression) => {
                if let Some(offer) = crate::core::progression::to_offer(log, &self.routine, today) {
                    if !crate::core::progression::is_shown(log, &offer) {
                        commands.push(Command::ProgressionShown(offer.clone()));
                    }
                    progression_offer_ui(ui, &offer, commands);
                }
            }
            Some(Offer::Break | Offer::CheckIn | Offer::Questionnaires) | None => {}
        }
    }

    pub(super) fn banners_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if let Some(problem) = &self.notices.routine_problem {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Your routine file could not be used, so Limber is showing the built-in routine. \
                     The file was left as it is; fix it and restart Limber.\n{problem}"
                ));
            });
        }
        if let Some(problem) = &self.notices.store_problem {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Limber could not open its data folder, so nothing will be saved this time. {problem}"
                ));
            });
        }
        // The words are the core's (one text per reason, the same as the command line's).
        if let Some(reason) = self.read_only() {
            let fill = if matches!(reason, ReadOnlyReason::LoadFailed(_)) {
                theme::ERROR_FILL
            } else {
                theme::CAUTION_FILL
            };
            banner(ui, fill, |ui| {
                ui.label(read_only_text(reason));
            });
        }
        if let Some(err) = &self.notices.save_error {
            banner(ui, theme::ERROR_FILL, |ui| {
                ui.label(format!(
                    "Your last change could not be saved: {err}\nIt is kept in memory; nothing on disk was damaged."
                ));
                if ui.button("Retry save").clicked() {
                    commands.push(Command::RetrySave);
                }
            });
        }
        if self.reminder.banner {
            banner(ui, theme::INFO_FILL, |ui| {
                ui.label(crate::ui::notify::REMINDER_BODY);
                if ui
                    .add_enabled(
                        self.read_only().is_none(),
                        egui::Button::new("Note how your back is now"),
                    )
                    .on_hover_text("Log your pain and where it is, without starting a session")
                    .clicked()
                {
                    commands.push(Command::OpenPainNow);
                }
            });
        }
        for notice in &self.notices.store_notices {
            banner(ui, theme::INFO_FILL, |ui| {
                ui.label(notice);
            });
        }
        if self.journal.deleted().is_some() {
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

/// Why this window saves nothing, in one line. Another Limber on the same data folder is
/// normally handed the launch (see [`crate::ui::instance`]), so a window that finds the folder
/// locked is one whose other Limber did not answer (or a `limber` command is running).
fn read_only_text(reason: &ReadOnlyReason) -> String {
    match reason {
        ReadOnlyReason::OtherInstance { lock_path } => format!(
            "Another Limber has your log open and did not answer, so this window only shows the \
             log and saves nothing: close it and open Limber again in a moment. ({})",
            lock_path.display()
        ),
        other => other.to_string(),
    }
}

/// A progression offered on Today, as one slim line like every offer: the offer in a
/// sentence, what changes, and the two answers (see `core::progression`). Limber never switches
/// by itself: only "Try it" (or "Step back") records the version.
fn progression_offer_ui(
    ui: &mut egui::Ui,
    offer: &crate::core::progression::ProgressionOffer,
    commands: &mut Vec<Command>,
) {
    let answer = |accept: bool| Command::AnswerProgression {
        offer: offer.clone(),
        accept,
    };
    crate::ui::banners::offer_sentence_ui(ui, &offer.title(), &offer.words(), |ui| {
        if ui
            .button(offer.accept_label())
            .on_hover_text(offer.accept_hint())
            .clicked()
        {
            commands.push(answer(true));
        }
        if ui
            .button(offer.decline_label())
            .on_hover_text(offer.decline_hint())
            .clicked()
        {
            commands.push(answer(false));
        }
    });
}

/// The lesson offered on Today, as one slim line like every offer (see `core::offers`): its
/// title, "Read it" (the few sentences open under the line, with "Got it") and "Not now"
/// (another day); either way no other lesson comes today.
fn lesson_offer_ui(
    ui: &mut egui::Ui,
    lesson: &crate::core::lessons::Lesson,
    commands: &mut Vec<Command>,
) {
    let open_id = ui.make_persistent_id(("lesson-open", lesson.id));
    let mut open = ui.data(|d| d.get_temp::<bool>(open_id).unwrap_or(false));
    let close = |read: bool| Command::Lesson {
        id: lesson.id.to_owned(),
        read,
    };
    let title = format!("A short lesson: {}", lesson.title);
    crate::ui::banners::offer_chip_ui(ui, &title, "", |ui| {
        if !open && ui.button(crate::ui::lessons::READ_IT).clicked() {
            open = true;
        }
        if ui
            .button("Not now")
            .on_hover_text("This lesson comes back another day.")
            .clicked()
        {
            commands.push(close(false));
        }
    });
    if open {
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(10, 4))
            .show(ui, |ui| {
                ui.label(lesson.text);
                ui.horizontal_wrapped(|ui| {
                    if ui.button("Got it").clicked() {
                        commands.push(close(true));
                    }
                    ui.label(
                        egui::RichText::new(format!(
                            "Every lesson is under About & safety, \u{201c}{}\u{201d}.",
                            crate::ui::lessons::LESSONS_HEADING
                        ))
                        .weak(),
                    );
                });
            });
        ui.add_space(6.0);
    }
    ui.data_mut(|d| d.insert_temp(open_id, open));
}
