//! Short lessons on screen: all of them under About (the one offered on Today, through the queue
//! of offers, is drawn with the other offers in `app/banners.rs`), to read any time. The words and the rule of offering are the core's
//! ([`crate::core::lessons`]).

use crate::core::lessons::LESSONS;
use crate::ui::theme;

/// The heading of the lessons under About, named on the offer.
pub const LESSONS_HEADING: &str = "Short lessons";

/// The label of the button that opens the lesson offered on Today.
pub const READ_IT: &str = "Read it";

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
