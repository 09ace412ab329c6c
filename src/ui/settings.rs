//! The Settings screen: name, looks, sound, timer, report paper, reminder, start at login and
//! where the files are.
//!
//! The screen never writes anything itself: it returns [`SettingsAction`]s and the app applies
//! them (save the settings, switch the autostart entry, open a folder, play a test sound).

use std::path::Path;

use chrono::{NaiveTime, Timelike as _};
use egui::{DragValue, RichText, Slider, Ui};

use crate::core::autostart;
use crate::core::paths::Paths;
use crate::core::settings::{
    CueStyle, MAX_GET_READY_SECS, MAX_TEXT_SCALE, MIN_TEXT_SCALE, PageSize, Settings,
    TEXT_SCALE_STEP, Theme,
};
pub use crate::ui::command::SettingsAction;

/// The reminder time used when the person first switches the reminder on.
fn default_reminder_time() -> NaiveTime {
    NaiveTime::from_hms_opt(9, 0, 0).unwrap_or(NaiveTime::MIN)
}

/// The Settings screen's own state: a message to show until it is dismissed.
#[derive(Debug, Default)]
pub struct SettingsView {
    message: Option<String>,
    /// Why the voice is off, when no speech service answered (set by the app each frame).
    voice_note: Option<String>,
}

impl SettingsView {
    /// Shows a message at the top of the screen (e.g. a save error) until dismissed.
    pub fn show_message(&mut self, text: impl Into<String>) {
        self.message = Some(text.into());
    }

    /// The line shown under the cue choice about the speech service (`None` when it works).
    pub fn set_voice_note(&mut self, note: Option<String>) {
        self.voice_note = note;
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Draws the screen for `settings` and returns what the person changed or asked for.
    /// The screen scrolls, so it still works at twice the text size.
    pub fn ui(&mut self, ui: &mut Ui, settings: &Settings, paths: &Paths) -> Vec<SettingsAction> {
        let mut actions = Vec::new();
        let mut edited = settings.clone();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                crate::ui::theme::heading(ui, "Settings");
                crate::ui::notice::dismissible_message_ui(ui, &mut self.message);
                about_you_ui(ui, &mut edited);
                appearance_ui(ui, &mut edited);
                timer_ui(ui, &mut edited, self.voice_note.as_deref(), &mut actions);
                report_ui(ui, &mut edited);
                measures_ui(ui, &mut edited);
                reminder_ui(ui, &mut edited);
                breaks_ui(ui, &mut edited);
                autostart_ui(ui, &mut edited, &mut actions);
                files_ui(ui, paths, &mut actions);
                crate::ui::a11y::keep_focus_in_view(ui);
            });
        if edited != *settings {
            actions.insert(0, SettingsAction::Changed(edited));
        }
        actions
    }
}

fn section_ui(ui: &mut Ui, title: &str) {
    ui.add_space(12.0);
    ui.label(
        RichText::new(title)
            .strong()
            .size(ui.style().text_styles[&egui::TextStyle::Heading].size * 0.8),
    );
}

fn about_you_ui(ui: &mut Ui, settings: &mut Settings) {
    section_ui(ui, "About you");
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Your name");
        ui.add(
            egui::TextEdit::singleline(&mut settings.name)
                .hint_text("shown on your reports; may stay empty")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
    });
}

fn appearance_ui(ui: &mut Ui, settings: &mut Settings) {
    section_ui(ui, "Appearance");
    ui.horizontal_wrapped(|ui| {
        ui.label("Colours:");
        for theme in Theme::ALL {
            ui.radio_value(&mut settings.theme, theme, theme.label());
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.add(
            Slider::new(&mut settings.text_scale, MIN_TEXT_SCALE..=MAX_TEXT_SCALE)
                .step_by(f64::from(TEXT_SCALE_STEP))
                .custom_formatter(|value, _| format!("{:.0} %", value * 100.0))
                .custom_parser(parse_percent)
                .text("Text size"),
        )
        .on_hover_text(
            "Larger text is easier to read from the floor. Use the arrow keys for steps of 25 %.",
        );
    });
}

/// Reads "150", "150 %" or "1.5" typed into a percent slider as a factor.
fn parse_percent(text: &str) -> Option<f64> {
    let number: f64 = text.trim().trim_end_matches('%').trim().parse().ok()?;
    Some(if number > 5.0 { number / 100.0 } else { number })
}

fn timer_ui(
    ui: &mut Ui,
    settings: &mut Settings,
    voice_note: Option<&str>,
    actions: &mut Vec<SettingsAction>,
) {
    section_ui(ui, "Timer");
    ui.checkbox(&mut settings.sound_on, "Play sounds during exercises");
    ui.horizontal_wrapped(|ui| {
        ui.label("Cues:");
        for style in CueStyle::ALL {
            ui.add_enabled_ui(settings.sound_on, |ui| {
                ui.radio_value(&mut settings.cue_style, style, style.label());
            });
        }
    });
    if let Some(note) = voice_note {
        ui.label(note);
    }
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled(
            settings.sound_on,
            Slider::new(&mut settings.volume, 0.0..=1.0)
                .step_by(0.05)
                .custom_formatter(|value, _| format!("{:.0} %", value * 100.0))
                .custom_parser(parse_percent)
                .text("Volume"),
        );
        if ui
            .add_enabled(settings.sound_on, egui::Button::new("Test sound"))
            .clicked()
        {
            actions.push(SettingsAction::TestSound {
                volume: settings.volume,
            });
        }
    });
    ui.add(
        Slider::new(&mut settings.get_ready_secs, 0..=MAX_GET_READY_SECS)
            .integer()
            .suffix(" s")
            .text("Get-ready time before the first hold"),
    );
}

fn report_ui(ui: &mut Ui, settings: &mut Settings) {
    section_ui(ui, "Reports");
    ui.horizontal_wrapped(|ui| {
        ui.label("Paper size:");
        for size in PageSize::ALL {
            ui.radio_value(&mut settings.page_size, size, size.label());
        }
    });
}

fn measures_ui(ui: &mut Ui, settings: &mut Settings) {
    section_ui(ui, "Progress questions");
    ui.label(
        "Short questionnaires (PSFS, PEG and, every two weeks at most, PGIC) that your \
         therapist can compare over time. Today offers them:",
    );
    ui.horizontal_wrapped(|ui| {
        for schedule in crate::core::measures::MeasureSchedule::ALL {
            ui.radio_value(&mut settings.measure_schedule, schedule, schedule.label());
        }
    });
}

fn reminder_ui(ui: &mut Ui, settings: &mut Settings) {
    section_ui(ui, "Daily reminder");
    let mut wanted = settings.reminder.is_some();
    if ui.checkbox(&mut wanted, "Remind me every day").changed() {
        settings.reminder = wanted.then(default_reminder_time);
    }
    let Some(time) = settings.reminder else {
        return;
    };
    let mut hour = time.hour();
    let mut minute = time.minute();
    ui.horizontal_wrapped(|ui| {
        ui.label("Time (hour : minute)");
        two_digit_ui(ui, &mut hour, 23, "Reminder hour");
        ui.label(":");
        two_digit_ui(ui, &mut minute, 59, "Reminder minute");
    });
    if let Some(new_time) = NaiveTime::from_hms_opt(hour, minute, 0) {
        settings.reminder = Some(new_time);
    }
    ui.label(format!(
        "If today's routine is not done by {hour:02}:{minute:02}, Limber shows a notification (while it is running, minimised included)."
    ));
}

/// The label of the desk-break switch (UI tests find it by these words).
pub const BREAKS_SWITCH: &str = "Offer short movement breaks while I work";

fn breaks_ui(ui: &mut Ui, settings: &mut Settings) {
    use crate::core::desk_break::{MAX_EVERY_MINS, MIN_EVERY_MINS, SNOOZE_MINS};
    section_ui(ui, "Desk breaks");
    let breaks = &mut settings.breaks;
    ui.checkbox(&mut breaks.on, BREAKS_SWITCH);
    if !breaks.on {
        ui.label(
            "Off. When on, Limber offers a one-to-two-minute break from your routine file \
             (shrug rotations and cork screws unless your therapist chose others) while it runs.",
        );
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.add(
            Slider::new(&mut breaks.every_mins, MIN_EVERY_MINS..=MAX_EVERY_MINS)
                .step_by(5.0)
                .suffix(" min")
                .text("Every"),
        )
        .accessible_name("Minutes between breaks");
    });
    for (what, time) in [("from", &mut breaks.from), ("until", &mut breaks.until)] {
        let mut hour = time.hour();
        let mut minute = time.minute();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Working hours {what} (hour : minute)"));
            two_digit_ui(ui, &mut hour, 23, &format!("Working hours {what}, hour"));
            ui.label(":");
            two_digit_ui(
                ui,
                &mut minute,
                59,
                &format!("Working hours {what}, minute"),
            );
        });
        if let Some(new_time) = NaiveTime::from_hms_opt(hour, minute, 0) {
            *time = new_time;
        }
    }
    ui.checkbox(&mut breaks.weekdays_only, "Monday to Friday only");
    let note = if breaks.from >= breaks.until {
        "The working hours end before they start, so no break is offered; set \"until\" later \
         than \"from\"."
            .to_owned()
    } else {
        format!(
            "Never during a session, outside these hours or while your screen is locked or \
             another window is full-screen (where your system says so). \"Snooze {SNOOZE_MINS} \
             min\" puts a break off a little; \"Not now\" until the next interval."
        )
    };
    ui.label(note);
}

/// A number from 0 to `max` shown with two digits ("07"), stepped by the arrow keys.
fn two_digit_ui(ui: &mut Ui, value: &mut u32, max: u32, name: &str) {
    ui.add(
        DragValue::new(value)
            .range(0..=max)
            .speed(1.0)
            .custom_formatter(|value, _| format!("{value:02.0}")),
    )
    .accessible_name(name);
}

fn autostart_ui(ui: &mut Ui, settings: &mut Settings, actions: &mut Vec<SettingsAction>) {
    section_ui(ui, "Start at login");
    let response = ui.add_enabled(
        autostart::SUPPORTED,
        egui::Checkbox::new(
            &mut settings.autostart,
            "Start Limber minimised when I log in",
        ),
    );
    if response.changed() {
        actions.push(SettingsAction::SetAutostart(settings.autostart));
    }
    if !autostart::SUPPORTED {
        ui.label("Not supported on this system yet.");
    }
}

fn files_ui(ui: &mut Ui, paths: &Paths, actions: &mut Vec<SettingsAction>) {
    section_ui(ui, "Your files");
    folder_row_ui(
        ui,
        "Session log and exports",
        &paths.data_dir,
        "Open data folder",
        actions,
    );
    folder_row_ui(
        ui,
        "Settings and your routine",
        &paths.config_dir,
        "Open settings folder",
        actions,
    );
}

fn folder_row_ui(
    ui: &mut Ui,
    what: &str,
    folder: &Path,
    button: &str,
    actions: &mut Vec<SettingsAction>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{what}:"));
        ui.label(RichText::new(folder.display().to_string()).monospace());
        if ui.button(button).clicked() {
            actions.push(SettingsAction::OpenFolder(folder.to_owned()));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_text_is_read_as_a_factor() {
        assert_eq!(parse_percent("150 %"), Some(1.5));
        assert_eq!(parse_percent("1.25"), Some(1.25));
        assert_eq!(parse_percent("loud"), None);
    }
}
