//! Colours for the progress screen, picked for light and dark themes alike.
//!
//! Kept in one place (design tokens) so the lead can fold them into the app theme. Colour is
//! never the only cue: every status also has a shape and a label.

use egui::{Color32, Visuals};

/// Pain rated before a session.
pub fn pain_before(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(240, 160, 80)
    } else {
        Color32::from_rgb(190, 95, 10)
    }
}

/// Pain rated after a session.
pub fn pain_after(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(110, 170, 250)
    } else {
        Color32::from_rgb(25, 90, 190)
    }
}

/// Pain logged between sessions ("How is your back now?").
pub fn pain_now(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(200, 140, 240)
    } else {
        Color32::from_rgb(120, 50, 160)
    }
}

/// The 7-day average line.
pub fn average(visuals: &Visuals) -> Color32 {
    visuals.strong_text_color()
}

/// The shaded band of a change that matters.
pub fn band(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgba_unmultiplied(120, 200, 140, 40)
    } else {
        Color32::from_rgba_unmultiplied(60, 160, 90, 45)
    }
}

/// A rest day marker and calendar cell.
pub fn rest_day(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(170, 150, 230)
    } else {
        Color32::from_rgb(120, 90, 200)
    }
}

/// A day with the full routine done.
pub fn full_day(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(70, 170, 100)
    } else {
        Color32::from_rgb(30, 130, 60)
    }
}

/// The background of a calm "pause" banner.
pub fn banner_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(60, 52, 30)
    } else {
        Color32::from_rgb(255, 244, 214)
    }
}

/// The background of a "see a doctor" banner.
pub fn doctor_banner_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgb(70, 38, 38)
    } else {
        Color32::from_rgb(255, 228, 225)
    }
}
