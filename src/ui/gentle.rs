//! A gentler session: the button that offers it (on Today and in the high-pain line), the rule
//! shown before it starts, and the quiet line that says a day is gentle. The rule itself lives
//! in the core ([`crate::core::figures::gentle`]); this only shows it.

use crate::core::figures::gentle;
use crate::ui::command::Command;
use crate::ui::theme;

/// The button's words, on Today and in the high-pain line.
pub const OFFER: &str = "Gentler session today";

/// The dialog's button that starts it.
pub const START: &str = "Start gentler session";

/// The dialog's title (its heading, and its name for screen readers).
pub const TITLE: &str = "A gentler session";

/// The line shown while the day is gentle (on Today and in the guided layout).
pub const DAY_NOTE: &str = "Gentler session: easier versions, fewer sets, shorter holds";

/// "Gentler session today", a secondary button: opens the rule; nothing starts yet.
pub fn offer_button_ui(ui: &mut egui::Ui, enabled: bool, commands: &mut Vec<Command>) {
    if ui
        .add_enabled(enabled, egui::Button::new(OFFER))
        .on_hover_text("Easier versions, fewer sets and shorter holds; you see the changes first")
        .clicked()
    {
        commands.push(Command::AskGentle);
    }
}

/// The quiet line that says the day is gentle.
pub fn day_note_ui(ui: &mut egui::Ui) {
    ui.label(egui::RichText::new(DAY_NOTE).weak());
}

/// The rule of a gentler session, before it starts: what changes, then "Start gentler
/// session" or "Cancel" (Escape or a click outside cancels too).
pub fn rule_modal(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let mut chosen = false;
    let modal =
        crate::ui::a11y::named_modal(egui::Id::unique("gentle-rule"), TITLE).show(ctx, |ui| {
            ui.set_max_width(480.0);
            theme::heading(ui, TITLE);
            ui.label("What changes today:");
            for line in gentle::rule_lines() {
                ui.label(format!("\u{2022}  {line}"));
            }
            ui.label(
                "Today counts as done once this lighter routine is done. Leave out anything that \
             hurts; if bad days keep coming back, your therapist or doctor can help.",
            );
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.add(theme::primary_button(ui, START)).clicked() {
                    chosen = true;
                    commands.push(Command::StartGentle);
                }
                let cancel = egui::Button::new("Cancel")
                    .min_size(egui::vec2(0.0, theme::sizes(ui.style()).big_button_height));
                if ui.add(cancel).clicked() {
                    chosen = true;
                    commands.push(Command::CancelGentle);
                }
            });
        });
    if modal.should_close() && !chosen {
        commands.push(Command::CancelGentle);
    }
}
