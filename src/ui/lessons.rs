//! Short lessons on screen: the one offered on Today (through the queue of offers) and all of
//! them under About, to read any time. The words and the rule of offering are the core's
//! ([`crate::core::lessons`]).

use crate::core::lessons::{LESSONS, Lesson};
use crate::ui::command::Command;
use crate::ui::theme;

/// The heading of the lessons under About, named on the offer.
pub const LESSONS_HEADING: &str = "Short lessons";

/// The lesson offered on Today, inside its banner: its title and text, "Got it" (read) and
/// "Not now" (another day); either way no other lesson comes today.
pub fn lesson_offer_ui(ui: &mut egui::Ui, lesson: &Lesson, commands: &mut Vec<Command>) {
    ui.label(egui::RichText::new(format!("A short lesson: {}", lesson.title)).strong());
    ui.label(lesson.text);
    ui.horizontal_wrapped(|ui| {
        let close = |read: bool| Command::Lesson {
            id: lesson.id.to_owned(),
            read,
        };
        if ui.button("Got it").clicked() {
            commands.push(close(true));
        }
        if ui
            .button("Not now")
            .on_hover_text("This lesson comes back another day.")
            .clicked()
        {
            commands.push(close(false));
        }
        ui.label(
            egui::RichText::new(format!(
                "Every lesson is under About & safety, \u{201c}{LESSONS_HEADING}\u{201d}."
            ))
            .weak(),
        );
    });
}

/// Every lesson under About, each behind its title.
pub fn lessons_ui(ui: &mut egui::Ui) {
    theme::heading(ui, LESSONS_HEADING);
    ui.label(
        "A few plain facts about back pain and what helps. They are general: your doctor or \
         therapist knows your back.",
    );
    for lesson in &LESSONS {
        egui::CollapsingHeader::new(lesson.title)
            .id_salt(("lesson", lesson.id))
            .show(ui, |ui| {
                ui.label(lesson.text);
            });
    }
}
