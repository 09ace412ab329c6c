//! Design tokens: sizes, spacing and colours in one place, so every screen stays consistent and
//! large enough to read from the floor.
//!
//! Every size is a token of [`BASE`], given at 100 % text; [`sizes`] multiplies the whole table by
//! the person's text size, so nothing (the countdown, the pain buttons, a section heading) ends up
//! smaller than the text around it when the text grows.

use egui::{Color32, FontFamily, FontId, TextStyle};

use crate::core::figures::chart_key;

/// Height of the big seven-segment countdown digits at 100 % text, in points (about 3 cm on a
/// laptop screen, readable from 2 m). Draw with `sizes(style).countdown`.
pub const COUNTDOWN_HEIGHT: f32 = 116.0;
/// Size of the phase word above the countdown ("Hold", "Rest") at 100 % text. Draw with
/// `sizes(style).phase`.
pub const PHASE_SIZE: f32 = 40.0;
/// Minimum height of primary buttons at 100 % text, so they are easy to hit from a mat. Draw
/// with `sizes(style).big_button_height`.
pub const BIG_BUTTON_HEIGHT: f32 = 44.0;

/// Every size Limber draws text or a control at, in points at 100 % text. One table, so two
/// screens never pick two sizes for one kind of thing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizes {
    /// Small print: hints, keys, captions.
    pub small: f32,
    /// Body text, and the text of buttons.
    pub body: f32,
    /// Monospace text.
    pub monospace: f32,
    /// Screen titles ("Today", "Progress").
    pub heading: f32,
    /// Section headings inside a screen ("How to do it", a checklist group, a session's date).
    pub section_heading: f32,
    /// The countdown's digits.
    pub countdown: f32,
    /// The phase word above the countdown ("HOLD · LEFT").
    pub phase: f32,
    /// The line under the phase word (side, set and hold).
    pub phase_detail: f32,
    /// The text of the timer's buttons (Start, Pause, Skip).
    pub timer_button_text: f32,
    /// The least width of a timer button.
    pub timer_button_width: f32,
    /// The least height of a primary button and of every button used from the mat.
    pub big_button_height: f32,
    /// The numbers on the 0–10 pain buttons.
    pub pain_button_text: f32,
    /// The least width of a 0–10 pain button.
    pub pain_button_width: f32,
    /// The least width of a No / Yes answer button.
    pub answer_button_width: f32,
    /// The one line that sums up a saved session on the end card.
    pub summary: f32,
    /// The width of a check box or radio button.
    pub icon: f32,
    /// The width of the mark inside a check box or radio button.
    pub icon_inner: f32,
    /// The least height of any control.
    pub interact_height: f32,
    /// The height of the front and back body map figures.
    pub body_map_height: f32,
}

/// The table at 100 % text.
pub const BASE: Sizes = Sizes {
    small: 13.0,
    body: 17.0,
    monospace: 15.0,
    heading: 26.0,
    section_heading: 19.0,
    countdown: COUNTDOWN_HEIGHT,
    phase: PHASE_SIZE,
    phase_detail: 22.0,
    timer_button_text: 20.0,
    timer_button_width: 120.0,
    big_button_height: BIG_BUTTON_HEIGHT,
    pain_button_text: 20.0,
    pain_button_width: 36.0,
    answer_button_width: 64.0,
    summary: 20.0,
    icon: 20.0,
    icon_inner: 12.0,
    interact_height: 30.0,
    body_map_height: 320.0,
};

/// The smallest and largest text size [`apply`] accepts.
const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.5;

impl Sizes {
    /// The whole table multiplied by `factor`.
    #[must_use]
    pub fn scaled(self, factor: f32) -> Sizes {
        Sizes {
            small: self.small * factor,
            body: self.body * factor,
            monospace: self.monospace * factor,
            heading: self.heading * factor,
            section_heading: self.section_heading * factor,
            countdown: self.countdown * factor,
            phase: self.phase * factor,
            phase_detail: self.phase_detail * factor,
            timer_button_text: self.timer_button_text * factor,
            timer_button_width: self.timer_button_width * factor,
            big_button_height: self.big_button_height * factor,
            pain_button_text: self.pain_button_text * factor,
            pain_button_width: self.pain_button_width * factor,
            answer_button_width: self.answer_button_width * factor,
            summary: self.summary * factor,
            icon: self.icon * factor,
            icon_inner: self.icon_inner * factor,
            interact_height: self.interact_height * factor,
            body_map_height: self.body_map_height * factor,
        }
    }
}

/// The sizes at the person's text size, read back from the body text size [`apply`] set.
pub fn sizes(style: &egui::Style) -> Sizes {
    let factor = style
        .text_styles
        .get(&TextStyle::Body)
        .map_or(1.0, |font| font.size / BASE.body);
    let factor = if SCALE_RANGE.contains(&factor) {
        factor
    } else {
        1.0
    };
    BASE.scaled(factor)
}

/// A section heading inside a screen ("How to do it", a checklist group), at the section
/// heading size for the person's text size.
pub fn section_heading(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    let size = sizes(ui.style()).section_heading;
    ui.label(egui::RichText::new(text).strong().size(size))
}

/// The one accent-filled button of a screen or dialog (Start routine, Save session, Save, Save
/// export): the theme's accent fill with text at 4.5:1 or more on it (see the tests), at the
/// big-button height; every other button stays plain.
pub fn primary_button(ui: &egui::Ui, text: &str) -> egui::Button<'static> {
    let visuals = ui.visuals();
    egui::Button::new(
        egui::RichText::new(text)
            .strong()
            .color(PRIMARY_TEXT.fill(visuals)),
    )
    .fill(PRIMARY_FILL.fill(visuals))
    .min_size(egui::vec2(0.0, sizes(ui.style()).big_button_height))
}

/// The accent fill of a primary button: a deep blue on light, a soft blue on dark.
pub const PRIMARY_FILL: Tint = Tint {
    light: Color32::from_rgb(0x1d, 0x5a, 0x8a),
    dark: Color32::from_rgb(0x8c, 0xc4, 0xff),
};
/// The text on [`PRIMARY_FILL`]: white on light, a near-black blue on dark.
pub const PRIMARY_TEXT: Tint = Tint {
    light: Color32::WHITE,
    dark: Color32::from_rgb(0x0b, 0x1a, 0x2a),
};
/// Space between sections.
pub const SECTION_GAP: f32 = 14.0;
/// Width of the checklist column on the Today screen when there is room for two columns.
pub const CHECKLIST_WIDTH: f32 = 340.0;
/// Below this window width the Today screen stacks its columns.
pub const NARROW_WIDTH: f32 = 760.0;
/// How long the visible flash lasts after a phase change: the first second of the new step,
/// so the flash ends on the frame that shows the next second anyway.
pub const FLASH: std::time::Duration = std::time::Duration::from_secs(1);

/// Colour of a hold (working) phase: a deep green on light, a soft green on dark (each at least
/// 4.5:1 on the timer's background, flash included; see [`phase_fill`] and the tests).
pub const HOLD_COLOR: Tint = Tint {
    light: Color32::from_rgb(0x1a, 0x60, 0x42),
    dark: Color32::from_rgb(0x5c, 0xc9, 0x94),
};
/// Colour of a rest phase: a deep blue on light, a soft blue on dark.
pub const REST_COLOR: Tint = Tint {
    light: Color32::from_rgb(0x22, 0x55, 0x88),
    dark: Color32::from_rgb(0x7d, 0xb3, 0xf0),
};
/// Colour of get-ready and switch-sides phases: a deep orange on light, a soft orange on dark.
pub const PREPARE_COLOR: Tint = Tint {
    light: Color32::from_rgb(0x85, 0x48, 0x00),
    dark: Color32::from_rgb(0xf0, 0xa0, 0x4b),
};
/// A fill with a value for each theme, and the text drawn on it: the light theme keeps its
/// pale banners, the dark theme gets a deep tint of the same hue with light text, so no banner
/// is a bright slab on a dark window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tint {
    /// The fill in the light theme.
    pub light: Color32,
    /// The fill in the dark theme.
    pub dark: Color32,
}

impl Tint {
    /// The fill for the theme of `visuals`.
    pub fn fill(self, visuals: &egui::Visuals) -> Color32 {
        if visuals.dark_mode {
            self.dark
        } else {
            self.light
        }
    }
}

/// Background of a calm informational banner (dark: a deep blue-grey).
pub const INFO_FILL: Tint = Tint {
    light: Color32::from_rgb(0xe8, 0xf1, 0xfb),
    dark: Color32::from_rgb(0x1f, 0x2e, 0x3d),
};
/// Background of a caution banner, never alarming red (dark: a deep amber).
pub const CAUTION_FILL: Tint = Tint {
    light: Color32::from_rgb(0xfd, 0xf1, 0xd8),
    dark: Color32::from_rgb(0x3b, 0x2c, 0x10),
};
/// The background of a "see a doctor" prompt: a warmer red than an error's (dark: a deep red).
pub const DOCTOR_BANNER_FILL: Tint = Tint {
    light: Color32::from_rgb(0xff, 0xe4, 0xe1),
    dark: Color32::from_rgb(0x4a, 0x1d, 0x22),
};
/// Background of an error banner (dark: a deep red).
pub const ERROR_FILL: Tint = Tint {
    light: Color32::from_rgb(0xfb, 0xe4, 0xe1),
    dark: Color32::from_rgb(0x45, 0x1c, 0x1c),
};
/// Every banner tint, for the contrast tests.
#[cfg(test)]
const BANNER_TINTS: [Tint; 4] = [INFO_FILL, CAUTION_FILL, DOCTOR_BANNER_FILL, ERROR_FILL];

/// Text on the light theme's banners.
pub const BANNER_TEXT: Color32 = Color32::from_rgb(0x22, 0x22, 0x22);
/// Text on the dark theme's banners.
const BANNER_TEXT_ON_DARK: Color32 = Color32::from_rgb(0xf0, 0xf0, 0xf0);

/// The text colour on a banner in the theme of `visuals`.
pub fn banner_text(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        BANNER_TEXT_ON_DARK
    } else {
        BANNER_TEXT
    }
}

/// The visuals a banner's contents use: the theme's own, with the banner text colour, so its
/// buttons and check boxes match the banner's fill.
pub fn banner_visuals(dark_mode: bool) -> egui::Visuals {
    let mut visuals = if dark_mode {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    show_focus(&mut visuals);
    visuals.override_text_color = Some(banner_text(&visuals));
    visuals
}

/// The background of the exercise drawings, which is drawn into the SVGs themselves
/// (`#F4F1EA`). The dark theme swaps it for a dimmed grey, dark enough not to glare and light
/// enough that the figures' dark-blue lines (`#34597A`) keep at least 3:1 (see the tests).
pub const DRAWING_BACKGROUND: Tint = Tint {
    light: Color32::from_rgb(0xf4, 0xf1, 0xea),
    dark: Color32::from_rgb(0xa9, 0xac, 0xae),
};
/// The colour of the figures' outlines in the drawings.
#[cfg(test)]
const DRAWING_LINE: Color32 = Color32::from_rgb(0x34, 0x59, 0x7a);

/// The body map's silhouette: a soft skin tone on light, a muted grey on dark.
pub const BODY_SKIN: Tint = Tint {
    light: Color32::from_rgb(0xee, 0xe3, 0xd7),
    dark: Color32::from_rgb(0x55, 0x5b, 0x64),
};
/// The body map's outlines and spine, at least 3:1 on the window and on the skin (see the tests).
pub const BODY_LINE: Tint = Tint {
    light: Color32::from_rgb(0x7d, 0x6a, 0x58),
    dark: Color32::from_rgb(0xb4, 0xba, 0xc2),
};
/// An area of the body map that is not marked: a shade apart from the skin.
pub const BODY_AREA: Tint = Tint {
    light: Color32::from_rgb(0xdd, 0xcc, 0xba),
    dark: Color32::from_rgb(0x3a, 0x3f, 0x46),
};

/// A screen or section heading, in the theme's strongest text colour (black on light, white on
/// dark), so a page title is never dimmer than the labels under it.
pub fn heading(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    let color = ui.visuals().strong_text_color();
    ui.label(egui::RichText::new(text).heading().color(color))
}

/// The danger colour, for the emergency line of the warning signs: a deep red on light
/// backgrounds and a soft red on dark ones, each at least 4.5:1 against the window, the panels
/// and the light banners it can sit on (see the tests).
pub fn danger(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        DANGER_ON_DARK
    } else {
        DANGER_ON_LIGHT
    }
}

/// [`danger`] on light backgrounds (the light theme and every banner).
pub const DANGER_ON_LIGHT: Color32 = Color32::from_rgb(0xa8, 0x00, 0x1c);
/// [`danger`] on dark backgrounds.
const DANGER_ON_DARK: Color32 = Color32::from_rgb(0xff, 0x8a, 0x80);

/// The frame of a side or top panel: egui's, without its fill. The window is cleared to the
/// panel colour (see `Shell::clear_color` in `ui`), so filling every panel again would only paint
/// the same pixels two or three times; with software rendering that overdraw was most of the
/// cost of each frame of a running timer.
pub fn side_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::side_top_panel(style).fill(Color32::TRANSPARENT)
}

/// The frame of a central panel: egui's, without its fill (see [`side_panel_frame`]).
pub fn central_panel_frame(style: &egui::Style) -> egui::Frame {
    egui::Frame::central_panel(style).fill(Color32::TRANSPARENT)
}

/// egui's theme preference for the person's theme setting.
pub fn preference(theme: crate::core::settings::Theme) -> egui::ThemePreference {
    use crate::core::settings::Theme;
    match theme {
        Theme::Light => egui::ThemePreference::Light,
        Theme::Dark => egui::ThemePreference::Dark,
        Theme::System => egui::ThemePreference::System,
    }
}

/// Applies Limber's text sizes and spacing; `text_scale` is the person's text-size setting
/// (1.0 is normal, 2.0 doubles everything).
pub fn apply(ctx: &egui::Context, text_scale: f32) {
    let scale = text_scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end());
    let size = BASE.scaled(scale);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(size.small, FontFamily::Proportional),
            ),
            (
                TextStyle::Body,
                FontId::new(size.body, FontFamily::Proportional),
            ),
            (
                TextStyle::Button,
                FontId::new(size.body, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(size.heading, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(size.monospace, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = BASE.interact_height * scale.max(1.0);
        style.spacing.icon_width = size.icon;
        style.spacing.icon_width_inner = size.icon_inner;
        show_focus(&mut style.visuals);
    });
}

/// Width of the outline around the widget that has keyboard focus.
pub const FOCUS_STROKE_WIDTH: f32 = 2.0;

/// Makes keyboard focus plain to see: egui draws a focused widget with its "active" look, whose
/// 1-point outline is easy to miss; it becomes a [`FOCUS_STROKE_WIDTH`] outline in the theme's
/// strongest text colour (black on light, white on dark), and a focused text field gets the same
/// width in the selection colour.
pub fn show_focus(visuals: &mut egui::Visuals) {
    let widgets = &mut visuals.widgets;
    widgets.active.bg_stroke =
        egui::Stroke::new(FOCUS_STROKE_WIDTH, widgets.active.fg_stroke.color);
    visuals.selection.stroke.width = visuals.selection.stroke.width.max(FOCUS_STROKE_WIDTH);
}

/// Colour of a timer phase in the theme of `visuals` (a finished timer shows the hold colour).
pub fn phase_color(phase: crate::core::timer::Phase, visuals: &egui::Visuals) -> Color32 {
    use crate::core::timer::Phase;
    match phase {
        Phase::Hold => HOLD_COLOR,
        Phase::Rest => REST_COLOR,
        Phase::GetReady | Phase::SwitchSides => PREPARE_COLOR,
    }
    .fill(visuals)
}

// The guided routine and its countdown (issue 28: a layout that never scrolls, a countdown for
// the floor).

/// How much of the phase colour tints the timer's background, and how much during the flash of
/// a new step: light enough that the phase colour keeps 4.5:1 on it in both themes.
const PHASE_TINT: f32 = 0.08;
/// See [`PHASE_TINT`].
const FLASH_TINT: f32 = 0.2;

/// The timer's background in `phase`: the panel colour tinted with the phase colour, more
/// strongly during the first second of a new step. Opaque, so the contrast of the phase word and
/// the digits on it can be checked.
pub fn phase_fill(
    phase: crate::core::timer::Phase,
    visuals: &egui::Visuals,
    flash: bool,
) -> Color32 {
    let share = if flash { FLASH_TINT } else { PHASE_TINT };
    let panel = visuals.panel_fill;
    let color = phase_color(phase, visuals);
    let mix = |a: u8, b: u8| {
        let value = f32::from(a) * (1.0 - share) + f32::from(b) * share;
        // A value between two bytes is a byte.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "0..=255"
        )]
        let byte = value.round().clamp(0.0, 255.0) as u8;
        byte
    };
    Color32::from_rgb(
        mix(panel.r(), color.r()),
        mix(panel.g(), color.g()),
        mix(panel.b(), color.b()),
    )
}

/// The person's text size as a factor (1.0 normal, 2.0 doubled), read back from the body text
/// size [`apply`] set, so a widget that draws its own shapes grows with the text.
pub fn text_scale(style: &egui::Style) -> f32 {
    style
        .text_styles
        .get(&TextStyle::Body)
        .map_or(1.0, |font| font.size / BODY_SIZE)
}

/// Body text size at 100 %.
const BODY_SIZE: f32 = 17.0;
/// In the guided layout the countdown's digits take up to this share of the window's height.
pub const GUIDED_COUNTDOWN_SHARE: f32 = 0.45;
/// On the exercise card the countdown is at least this share of the window's height (and at
/// least [`COUNTDOWN_HEIGHT`] times the text size).
pub const CARD_COUNTDOWN_SHARE: f32 = 0.16;
/// Below this width a single exercise under way takes the whole of Today (the checklist
/// comes back when its timer stops); from it up, the checklist stays beside it.
pub const SINGLE_FULL_WIDTH: f32 = 1100.0;
/// Side of the drawing's thumbnail on a checklist row, at 100 % text.
pub const THUMBNAIL_SIZE: f32 = 44.0;

// Chart, calendar and prompt colours, picked for light and dark themes alike. Colour is never
// the only cue: every status also has a shape and a label.

/// A chart key colour for this theme (the key is the core's, shared with the PDF).
pub fn key_color(mark: &chart_key::Mark, visuals: &egui::Visuals) -> egui::Color32 {
    let chart_key::Rgb(r, g, b) = mark.color(visuals.dark_mode);
    egui::Color32::from_rgba_unmultiplied(r, g, b, mark.alpha)
}

/// Pain rated before a session.
pub fn pain_before(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::BEFORE, visuals)
}

/// Pain rated after a session.
pub fn pain_after(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::AFTER, visuals)
}

/// Pain logged between sessions ("How is your back now?").
pub fn pain_now(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::BETWEEN, visuals)
}

/// The 7-day average line.
pub fn average(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::AVERAGE, visuals)
}

/// The shaded band of a change that matters.
pub fn band(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::BAND, visuals)
}

/// A rest day marker and calendar cell.
pub fn rest_day(visuals: &egui::Visuals) -> egui::Color32 {
    key_color(&chart_key::REST_DAY, visuals)
}

/// A day with the full routine done.
pub fn full_day(visuals: &egui::Visuals) -> egui::Color32 {
    if visuals.dark_mode {
        egui::Color32::from_rgb(70, 170, 100)
    } else {
        egui::Color32::from_rgb(30, 130, 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance of an opaque colour.
    fn luminance(color: Color32) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(color.r()) + 0.7152 * channel(color.g()) + 0.0722 * channel(color.b())
    }

    fn contrast(a: Color32, b: Color32) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// WCAG 2.4.7 and 1.4.11: the focus outline is wide and has at least 3:1 contrast against
    /// the window and against the focused button's own fill, in the light and the dark theme.
    #[test]
    fn focus_is_visible_in_both_themes() {
        for mut visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let before = visuals.widgets.active.bg_stroke.width;
            show_focus(&mut visuals);
            let stroke = visuals.widgets.active.bg_stroke;
            assert!(stroke.width >= FOCUS_STROKE_WIDTH && stroke.width > before);
            for fill in [visuals.panel_fill, visuals.widgets.active.weak_bg_fill] {
                let ratio = contrast(stroke.color, fill);
                assert!(
                    ratio >= 3.0,
                    "focus outline contrast {ratio:.2} on {fill:?}"
                );
            }
            let edit = visuals.selection.stroke;
            assert!(edit.width >= FOCUS_STROKE_WIDTH);
            assert!(contrast(edit.color, visuals.text_edit_bg_color()) >= 3.0);
        }
    }

    /// WCAG 1.4.3: the emergency line's colour has at least 4.5:1 contrast on the window and
    /// panel fills of both themes, and on the light banners (which keep light visuals).
    #[test]
    fn the_danger_colour_is_readable_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let text = danger(&visuals);
            for fill in [
                visuals.panel_fill,
                visuals.window_fill,
                visuals.extreme_bg_color,
            ] {
                let ratio = contrast(text, fill);
                assert!(ratio >= 4.5, "danger contrast {ratio:.2} on {fill:?}");
            }
        }
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            for tint in BANNER_TINTS {
                let fill = tint.fill(&visuals);
                let ratio = contrast(danger(&visuals), fill);
                assert!(
                    ratio >= 4.5,
                    "danger contrast {ratio:.2} on banner {fill:?}"
                );
            }
        }
    }

    /// WCAG 1.4.3: every text on a banner (its plain text, its buttons' text and the danger
    /// title) has at least 4.5:1 contrast on every banner fill, in both themes; the dark
    /// theme's fills are dark (no bright slabs).
    #[test]
    fn banner_text_is_readable_on_every_tint_in_both_themes() {
        for dark_mode in [false, true] {
            let visuals = banner_visuals(dark_mode);
            for tint in BANNER_TINTS {
                let fill = tint.fill(&visuals);
                if dark_mode {
                    assert!(
                        luminance(fill) < 0.05,
                        "dark banner fill {fill:?} is too light"
                    );
                } else {
                    assert!(
                        luminance(fill) > 0.8,
                        "light banner fill {fill:?} is too dark"
                    );
                }
                for text in [banner_text(&visuals), danger(&visuals)] {
                    let ratio = contrast(text, fill);
                    assert!(ratio >= 4.5, "text {text:?} on {fill:?}: {ratio:.2}");
                }
                // A button inside a banner draws its own fill, with the banner's text on it.
                for button in [
                    visuals.widgets.inactive.weak_bg_fill,
                    visuals.widgets.hovered.weak_bg_fill,
                ] {
                    let ratio = contrast(banner_text(&visuals), button);
                    assert!(ratio >= 4.5, "button text on {button:?}: {ratio:.2}");
                }
            }
        }
    }

    /// WCAG 1.4.3: the primary button's text has at least 4.5:1 contrast on its accent fill,
    /// and the fill stands out from the window (3:1, WCAG 1.4.11), in both themes.
    #[test]
    fn primary_buttons_are_readable_and_stand_out_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let fill = PRIMARY_FILL.fill(&visuals);
            let text = contrast(PRIMARY_TEXT.fill(&visuals), fill);
            assert!(text >= 4.5, "primary text on {fill:?}: {text:.2}");
            let edge = contrast(fill, visuals.panel_fill);
            assert!(
                edge >= 3.0,
                "primary fill {fill:?} on the window: {edge:.2}"
            );
        }
    }

    /// WCAG 1.4.11: the body map's outlines keep 3:1 on the window, the skin and an unmarked
    /// area, and a marked area (the pain colour) keeps 3:1 on an unmarked one, in both themes.
    #[test]
    fn the_body_map_reads_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let line = BODY_LINE.fill(&visuals);
            for fill in [
                visuals.panel_fill,
                visuals.window_fill,
                BODY_SKIN.fill(&visuals),
                BODY_AREA.fill(&visuals),
            ] {
                let ratio = contrast(line, fill);
                assert!(ratio >= 3.0, "body map line on {fill:?}: {ratio:.2}");
            }
            let marked = contrast(pain_after(&visuals), BODY_AREA.fill(&visuals));
            assert!(
                marked >= 3.0,
                "a marked area on an unmarked one: {marked:.2}"
            );
        }
    }

    /// Every token grows with the text size: the table at 200 % is twice the table at 100 %,
    /// and [`sizes`] reads the factor back from the body text size [`apply`] set.
    #[test]
    fn sizes_follow_the_text_size() {
        let ctx = egui::Context::default();
        apply(&ctx, 2.0);
        let doubled = sizes(&ctx.style_of(egui::Theme::Dark));
        assert!((doubled.countdown - 2.0 * COUNTDOWN_HEIGHT).abs() < 1e-3);
        assert!((doubled.pain_button_text - 2.0 * BASE.pain_button_text).abs() < 1e-3);
        assert!((doubled.section_heading - 2.0 * BASE.section_heading).abs() < 1e-3);
        apply(&ctx, 1.0);
        assert_eq!(sizes(&ctx.style_of(egui::Theme::Light)), BASE);
    }

    /// The drawings' background is dimmed in the dark theme (no bright slab), while the
    /// figures' outlines keep at least 3:1 (WCAG 1.4.11, graphics) in both themes.
    #[test]
    fn drawings_are_dimmed_in_the_dark_theme_and_stay_legible() {
        let light = DRAWING_BACKGROUND.fill(&egui::Visuals::light());
        let dark = DRAWING_BACKGROUND.fill(&egui::Visuals::dark());
        assert!(luminance(dark) < 0.5 * luminance(light));
        for fill in [light, dark] {
            let ratio = contrast(DRAWING_LINE, fill);
            assert!(ratio >= 3.0, "drawing lines on {fill:?}: {ratio:.2}");
        }
    }

    /// Headings are drawn in the theme's strongest text colour, which stands out more from the
    /// window than body text does, in both themes.
    #[test]
    fn headings_are_the_strongest_text_in_both_themes() {
        for visuals in [egui::Visuals::light(), egui::Visuals::dark()] {
            let ctx = egui::Context::default();
            ctx.set_visuals(visuals.clone());
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                heading(ui, "Today");
            });
            // The font atlas was uploaded nowhere; say so, as egui asks.
            output.textures_delta.clear();
            let colours: Vec<Color32> = output
                .shapes
                .iter()
                .filter_map(|clipped| match &clipped.shape {
                    egui::Shape::Text(text) => Some(text.galley.job.sections.first().map_or(
                        text.fallback_color,
                        |s| {
                            if s.format.color == Color32::PLACEHOLDER {
                                text.fallback_color
                            } else {
                                s.format.color
                            }
                        },
                    )),
                    _ => None,
                })
                .collect();
            let strong = visuals.strong_text_color();
            assert_eq!(colours, vec![strong]);
            let panel = visuals.panel_fill;
            assert!(contrast(strong, panel) > contrast(visuals.text_color(), panel));
        }
    }
}
