//! The top bar: the app's name, the screens, the sound toggle and "Log pain", always on one row.
//!
//! At every width from 800 px up the bar never wraps: when the tabs do not all fit (or the
//! window is narrower than [`WIDE_BAR_PX`]), the less used screens move into a "More" menu; at
//! very large text only Today stays outside it. The sound toggle is a painted speaker, apart
//! from the tabs, so it never looks like a second selected tab.

use crate::ui::command::{Command, Screen};

/// Below this window width the less used screens go into "More", even when they would fit.
pub const WIDE_BAR_PX: f32 = 1100.0;

/// The screens a person uses less often: the first to move into "More".
const LESS_USED: [Screen; 3] = [Screen::Routine, Screen::Settings, Screen::About];

/// The accessible name of the "More" menu button (see [`more_name`]).
pub const MORE_SCREENS: &str = "More screens";

/// The accessible name of the sound toggle, exactly as the tests and the a11y check know it.
fn sound_name(muted: bool) -> &'static str {
    if muted { "Sound off" } else { "Sound on" }
}

/// The accessible name of "More": it says which screen is open when that screen is inside.
pub fn more_name(open_inside: Option<Screen>) -> String {
    match open_inside {
        Some(screen) => format!("{MORE_SCREENS}, {} selected", screen.label()),
        None => MORE_SCREENS.to_owned(),
    }
}

/// What the bar shows.
pub struct TopBarInput<'a> {
    /// The screen on view.
    pub screen: Screen,
    /// Whether sounds are off.
    pub muted: bool,
    /// Whether the log can be written (else "Log pain" is disabled).
    pub writable: bool,
    /// "Saved: pain N now.", said here on screens other than Today.
    pub saved: Option<&'a str>,
}

/// Which screens are tabs and whether the app's name is shown, for the width at hand.
struct Fit {
    tabs: Vec<Screen>,
    title: bool,
}

/// Draws the bar on one row and pushes what the person asked for.
pub fn top_bar_ui(ui: &mut egui::Ui, input: &TopBarInput<'_>, commands: &mut Vec<Command>) {
    let fit = fit(ui, input);
    let in_more: Vec<Screen> = Screen::NAV
        .into_iter()
        .filter(|s| !fit.tabs.contains(s))
        .collect();
    ui.horizontal(|ui| {
        if fit.title {
            crate::ui::theme::heading(ui, "Limber");
            ui.add_space(12.0);
        }
        for &screen in &fit.tabs {
            if ui
                .selectable_label(input.screen == screen, screen.label())
                .clicked()
            {
                commands.push(Command::Navigate(screen));
            }
        }
        if !in_more.is_empty() {
            more_ui(ui, input.screen, &in_more, commands);
        }
        ui.separator();
        if sound_toggle_ui(ui, input.muted).clicked() {
            commands.push(Command::SetMuted(!input.muted));
        }
        log_pain_button_ui(ui, input.writable, commands);
        if let Some(saved) = input.saved {
            ui.label(egui::RichText::new(saved).weak());
        }
    });
}

/// Chooses the widest arrangement that fits on one row: every tab (only from [`WIDE_BAR_PX`]),
/// then the often used ones plus "More", the same without the app's name, and last Today plus
/// "More" (at very large text).
fn fit(ui: &egui::Ui, input: &TopBarInput<'_>) -> Fit {
    let available = ui.available_width();
    let spacing = ui.spacing().item_spacing.x;
    let padding = 2.0 * ui.spacing().button_padding.x;
    let text_width = |text: &str, style: egui::TextStyle| {
        egui::WidgetText::from(text)
            .into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, style)
            .size()
            .x
    };
    let tab = |screen: Screen| text_width(screen.label(), egui::TextStyle::Button) + padding;
    let title = text_width("Limber", egui::TextStyle::Heading) + 12.0 + spacing;
    let more = text_width("More", egui::TextStyle::Button) + padding + spacing;
    let log_pain = text_width("Log pain", egui::TextStyle::Button) + padding + spacing;
    let saved = input
        .saved
        .map_or(0.0, |s| text_width(s, egui::TextStyle::Body) + spacing);
    let right = 2.0 * spacing + sound_icon_side(ui) + spacing + log_pain + saved;
    let tabs_width = |tabs: &[Screen]| tabs.iter().map(|&s| tab(s) + spacing).sum::<f32>();

    let all = Screen::NAV.to_vec();
    let window = ui.ctx().content_rect().width();
    if window >= WIDE_BAR_PX && title + tabs_width(&all) + right <= available {
        return Fit {
            tabs: all,
            title: true,
        };
    }
    let often: Vec<Screen> = Screen::NAV
        .into_iter()
        .filter(|s| !LESS_USED.contains(s))
        .collect();
    if title + tabs_width(&often) + more + right <= available {
        return Fit {
            tabs: often,
            title: true,
        };
    }
    if tabs_width(&often) + more + right <= available {
        return Fit {
            tabs: often,
            title: false,
        };
    }
    Fit {
        tabs: vec![Screen::Today],
        title: false,
    }
}

/// "More": a menu of the screens that did not fit. It is drawn selected while one of them is
/// open, and its accessible name says which.
fn more_ui(ui: &mut egui::Ui, current: Screen, screens: &[Screen], commands: &mut Vec<Command>) {
    let open_inside = screens.contains(&current).then_some(current);
    let button = egui::Button::selectable(open_inside.is_some(), "More");
    let (response, _) = egui::containers::menu::MenuButton::from_button(button).ui(ui, |ui| {
        for &screen in screens {
            if ui
                .selectable_label(current == screen, screen.label())
                .clicked()
            {
                commands.push(Command::Navigate(screen));
                ui.close();
            }
        }
    });
    let name = more_name(open_inside);
    let hover = match open_inside {
        Some(screen) => format!("More screens ({} is open)", screen.label()),
        None => "More screens".to_owned(),
    };
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::Button,
            true,
            open_inside.is_some(),
            name.clone(),
        )
    });
    response.on_hover_text(hover);
}

/// The side of the square sound toggle: the height of a button at the current text size.
fn sound_icon_side(ui: &egui::Ui) -> f32 {
    ui.spacing().interact_size.y
}

/// The sound toggle: a speaker with waves when on, crossed out when off. Its accessible name is
/// "Sound on" or "Sound off", and it reports itself as a pressed or unpressed toggle.
fn sound_toggle_ui(ui: &mut egui::Ui, muted: bool) -> egui::Response {
    let side = sound_icon_side(ui);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, !muted, sound_name(muted))
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact(&response);
        ui.painter().rect(
            rect,
            visuals.corner_radius,
            visuals.weak_bg_fill,
            visuals.bg_stroke,
            egui::StrokeKind::Inside,
        );
        paint_speaker(ui.painter(), rect, visuals.fg_stroke.color, muted);
    }
    response.on_hover_text(if muted {
        "Sound is off: click to play a sound when a hold or rest ends"
    } else {
        "Sound is on: a sound plays when a hold or rest ends (click to turn it off)"
    })
}

/// A speaker in `rect`: a box and a cone on the left half, two arcs (on) or a cross (off) on the
/// right half.
fn paint_speaker(painter: &egui::Painter, rect: egui::Rect, color: egui::Color32, muted: bool) {
    let s = rect.height() / 30.0;
    let c = rect.center();
    let at = |x: f32, y: f32| egui::pos2(c.x + x * s, c.y + y * s);
    painter.rect_filled(
        egui::Rect::from_min_max(at(-9.0, -3.5), at(-5.0, 3.5)),
        0.0,
        color,
    );
    painter.add(egui::Shape::convex_polygon(
        vec![at(-5.0, -3.5), at(0.0, -8.0), at(0.0, 8.0), at(-5.0, 3.5)],
        color,
        egui::Stroke::NONE,
    ));
    let stroke = egui::Stroke::new(1.8 * s, color);
    if muted {
        painter.line_segment([at(3.0, -4.0), at(10.0, 4.0)], stroke);
        painter.line_segment([at(3.0, 4.0), at(10.0, -4.0)], stroke);
    } else {
        for radius in [4.5_f32, 9.0] {
            let points = (0..=8_u8)
                .map(|i| {
                    let angle = -0.8 + 1.6 * f32::from(i) / 8.0;
                    at(radius * angle.cos(), radius * angle.sin())
                })
                .collect();
            painter.add(egui::Shape::line(points, stroke));
        }
    }
}

/// The accessible name of the top bar's "Log pain" button.
pub const LOG_PAIN_NOW: &str = "Log pain now";

/// "Log pain" in the top bar: opens "How is your back now?" over any screen (also the key P).
/// Disabled while the log is read-only, like every control that logs something. It is a plain
/// button, not accent-filled: filled in the selection colour it looked like a second open tab.
fn log_pain_button_ui(ui: &mut egui::Ui, writable: bool, commands: &mut Vec<Command>) {
    let button = ui
        .add_enabled(writable, egui::Button::new("Log pain"))
        .on_hover_text("Note how your back is now, from any screen (key P)")
        .on_disabled_hover_text("This window only shows the log: see the message at the top");
    button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, writable, LOG_PAIN_NOW));
    if button.clicked() {
        commands.push(Command::OpenPainNow);
    }
}
