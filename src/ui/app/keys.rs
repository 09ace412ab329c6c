//! The keyboard shortcuts of the main window, read once a frame into commands.

use crate::ui::app::LimberApp;
use crate::ui::command::{Command, Screen};

impl LimberApp {
    /// The keyboard shortcuts: P ("Log pain") on every screen, the others on Today. They are read only while no widget has keyboard focus (see
    /// [`LimberApp::show`]): after Tab, Space and Enter press the focused widget and the arrows
    /// move the focus, as everywhere in egui, so one key never does two things. Escape first
    /// drops the focus (egui does that), and only a second Escape leaves the guided routine.
    pub(super) fn keyboard_commands(&self, ctx: &egui::Context) -> Vec<Command> {
        use egui::Key;
        let mut commands = Vec::new();
        let busy = self.read_only().is_some()
            || self.dialogs.finish_form.is_some()
            || self.dialogs.end_card.is_some()
            || self.dialogs.show_notice
            || self.dialogs.gentle_rule
            || self.views.diary.is_open();
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
                commands.push(self.space_command());
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
                if !self.frame.focus_last_frame && input.key_pressed(Key::Escape) {
                    commands.push(Command::LeaveGuided);
                }
            }
        });
        commands
    }
}
