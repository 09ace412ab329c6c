//! The big timer: the phase word, the countdown in large digits, the holds as dots with their
//! words ("Hold 2 of 3"), and the controls. Readable from about two metres away.
//!
//! The timer takes its own small input ([`TimerInput`]), not a screen's, so the exercise card,
//! the guided layout and Today use it without importing one another.

use std::time::Instant;

use crate::core::timer::{Display, Phase, Side, Timer};
use crate::ui::command::Command;
use crate::ui::{digits, theme};

/// What the timer needs from the frame.
#[derive(Clone, Copy, Debug)]
pub struct TimerInput {
    /// This frame's time.
    pub now: Instant,
    /// Sound off (then the line about the sound is left out).
    pub muted: bool,
    /// When the last phase change happened, for the flash.
    pub flash: Option<(Instant, Phase)>,
    /// The height of the window's content, which the countdown grows with (see
    /// [`theme::CARD_COUNTDOWN_SHARE`]).
    pub window_height: f32,
}

impl TimerInput {
    /// Whether the timer's background flashes in this frame (the first second of a new step).
    fn flashing(&self) -> bool {
        self.flash
            .is_some_and(|(at, _)| self.now.saturating_duration_since(at) < theme::FLASH)
    }
}

/// What one frame of a timer shows: its display, phase and colours.
struct Shown {
    display: Display,
    phase: Phase,
    color: egui::Color32,
    fill: egui::Color32,
    flashing: bool,
}

impl Shown {
    fn of(ui: &egui::Ui, input: &TimerInput, timer: &Timer) -> Shown {
        let display = timer.display(input.now);
        let phase = if display.finished {
            Phase::Hold
        } else {
            display.step.map_or(Phase::Rest, |s| s.phase)
        };
        let flashing = input.flashing();
        Shown {
            display,
            phase,
            color: theme::phase_color(phase, ui.visuals()),
            fill: theme::phase_fill(phase, ui.visuals(), flashing),
            flashing,
        }
    }
}

/// Draws a timer on the exercise card (running, paused, finished, or a preview not started):
/// the display, then its controls, in one frame. Its digits are the larger of the text-scaled
/// size and [`theme::CARD_COUNTDOWN_SHARE`] of the window, and never wider than the card.
pub fn timer_ui(
    ui: &mut egui::Ui,
    input: &TimerInput,
    timer: &Timer,
    commands: &mut Vec<Command>,
) -> egui::Response {
    framed_timer_ui(ui, input, timer, |ui| {
        ui.horizontal_wrapped(|ui| controls_ui(ui, timer, input, 120.0, commands));
        if !input.muted {
            ui.label(
                egui::RichText::new("A sound plays when each hold or rest ends.")
                    .small()
                    .weak(),
            );
        }
    })
}

/// Draws a timer's display as [`timer_ui`] does, with `controls` of the caller's own under it
/// (a desk break's timer sends the break's commands, not the routine's).
pub fn framed_timer_ui(
    ui: &mut egui::Ui,
    input: &TimerInput,
    timer: &Timer,
    controls: impl FnOnce(&mut egui::Ui),
) -> egui::Response {
    let shown = Shown::of(ui, input, timer);
    let height = (theme::COUNTDOWN_HEIGHT * theme::text_scale(ui.style()))
        .max(theme::CARD_COUNTDOWN_SHARE * input.window_height);
    frame(&shown)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            display_ui(ui, timer, &shown, height, None);
            ui.add_space(10.0);
            controls(ui);
        })
        .response
}

/// Draws the timer's display alone (phase word, countdown, holds), in a frame filling `rect`
/// with the digits as large as fit, at most `digits_max` high: the guided layout's timer, whose
/// controls sit in the layout's own row.
pub fn display_in_rect_ui(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    input: &TimerInput,
    timer: &Timer,
    digits_max: f32,
) {
    let shown = Shown::of(ui, input, timer);
    let frame = frame(&shown);
    let inner = rect.shrink(frame.inner_margin.sum().x / 2.0 + frame.stroke.width);
    let inner = egui::Rect::from_min_size(inner.min, inner.size().max(egui::Vec2::ZERO));
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Center)),
    );
    // Nothing spills out of the box onto the controls below it.
    child.set_clip_rect(rect.intersect(child.clip_rect()));
    frame.show(&mut child, |ui| {
        ui.set_min_size(inner.size());
        ui.set_max_size(inner.size());
        display_ui(ui, timer, &shown, digits_max, Some(inner.height()));
    });
}

/// What the display takes besides its digits at `scale`: the phase word (two lines when
/// `width` is narrow), the dots, the words under them and the spacing between.
pub fn around_digits(scale: f32, width: f32) -> f32 {
    let phase_lines = if width < 420.0 * scale { 2.0 } else { 1.0 };
    (phase_lines * theme::PHASE_SIZE * 1.25 + DOT_SIZE + 22.0 * 1.3 + 4.0 * 8.0) * scale
}

/// The label of the timer's main button: "Pause", "Resume", "Start again" or "Start timer".
pub fn main_label(timer: &Timer, now: Instant) -> &'static str {
    let shown = timer.display(now);
    if timer.is_running() {
        "Pause"
    } else if shown.paused {
        "Resume"
    } else if shown.finished {
        "Start again"
    } else {
        "Start timer"
    }
}

/// Text size of the big buttons at 100 % text.
pub const BIG_BUTTON_TEXT: f32 = 20.0;

/// A big button, easy to hit from a mat: its text and height grow with the text size.
pub fn big_button(text: &str, scale: f32, min_width: f32) -> egui::Button<'static> {
    egui::Button::new(egui::RichText::new(text).size(BIG_BUTTON_TEXT * scale)).min_size(egui::vec2(
        min_width,
        theme::BIG_BUTTON_HEIGHT * scale.max(1.0),
    ))
}

/// The phase word is at least this share of the digits' height.
const PHASE_SHARE: f32 = 0.18;
/// The words under the digits are at least this share of their height.
const WORDS_SHARE: f32 = 0.09;
/// The holds' dots are at least this share of the digits' height.
const DOT_SHARE: f32 = 0.07;

/// The smallest countdown the guided layout draws, however small the window.
const MIN_DIGITS: f32 = 48.0;
/// Diameter of a hold's dot at 100 % text.
const DOT_SIZE: f32 = 22.0;

fn frame(shown: &Shown) -> egui::Frame {
    egui::Frame::new()
        .fill(shown.fill)
        .stroke(egui::Stroke::new(
            if shown.flashing { 6.0 } else { 2.0 },
            shown.color,
        ))
        .corner_radius(10.0)
        .inner_margin(16.0)
}

/// The phase word, the countdown `height` high (lower if `fit_height` is given and the rest
/// would not fit in it; narrower if the width is), the holds as dots and their words. With
/// `fit_height` the whole display is centred in that height.
fn display_ui(
    ui: &mut egui::Ui,
    timer: &Timer,
    shown: &Shown,
    height: f32,
    fit_height: Option<f32>,
) {
    let scale = theme::text_scale(ui.style());
    let display = &shown.display;
    let width = ui.available_width();
    // With large digits (the guided layout in a big window) the words and dots grow with them,
    // so they stay readable from the mat too.
    let dot = (DOT_SIZE * scale).max(DOT_SHARE * height);
    let (shown_word, spoken) = phase_word(timer, display, shown.phase);
    let word = ui.painter().layout(
        shown_word,
        egui::FontId::proportional((theme::PHASE_SIZE * scale).max(PHASE_SHARE * height)),
        shown.color,
        width,
    );
    let words = ui.painter().layout(
        position_text(timer, display.index),
        egui::FontId::proportional((22.0 * scale).max(WORDS_SHARE * height)),
        ui.visuals().strong_text_color(),
        width,
    );
    let gap = ui.spacing().item_spacing.y;
    let full = word.size().y
        + words.size().y
        + if dots_shown(timer, display) {
            dot + gap
        } else {
            0.0
        }
        + 2.0 * gap;
    // In a tight box the dots and the words under the countdown go first (the phase word and
    // the countdown stay).
    let compact = fit_height.is_some_and(|fit| fit < full + MIN_DIGITS);
    let dots = !compact && !timer.is_ready() && dots_shown(timer, display);
    let around = if compact { word.size().y + gap } else { full };
    let height = match fit_height {
        Some(fit) => height
            .min(fit - around)
            .max(MIN_DIGITS.min(fit - around).max(16.0)),
        None => height,
    };
    if let Some(fit) = fit_height {
        ui.add_space(((fit - around - height) / 2.0).max(0.0));
    }
    ui.vertical_centered(|ui| {
        // Painted, not a label: it is shown in capitals but read out in plain words.
        let (rect, response) = ui.allocate_exact_size(word.size(), egui::Sense::hover());
        ui.painter().galley(rect.min, word, shown.color);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &spoken));
        if display.finished {
            return;
        }
        let secs = if timer.is_ready() {
            // The preview shows the first hold, not the get-ready.
            u64::from(first_hold_secs(timer))
        } else {
            display.remaining_secs
        };
        countdown(ui, secs, shown.color, height);
        if dots {
            dots_ui(ui, timer, display, shown.color, dot);
        }
        if compact {
            return;
        }
        let text = words.text().to_owned();
        let (rect, response) = ui.allocate_exact_size(words.size(), egui::Sense::hover());
        ui.painter().galley(rect.min, words, shown.color);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &text));
    });
}

/// The phase word as shown ("HOLD · LEFT") and as read out ("Hold · left side").
fn phase_word(timer: &Timer, display: &Display, phase: Phase) -> (String, String) {
    if display.finished {
        let word = "Finished \u{b7} well done".to_owned();
        return (word.clone(), word);
    }
    if timer.is_ready() {
        return ("READY".to_owned(), "Ready".to_owned());
    }
    let side = display.step.and_then(|s| s.side);
    let mut spoken = phase.label().to_owned();
    if let Some(side) = side {
        spoken = format!("{spoken} \u{b7} {}", side.label());
    }
    if display.paused {
        spoken = format!("Paused \u{b7} {spoken}");
    }
    let mut shown = phase.label().to_uppercase();
    if let Some(side) = side {
        let word = match side {
            Side::Left => "LEFT",
            Side::Right => "RIGHT",
        };
        shown = format!("{shown} \u{b7} {word}");
    }
    if display.paused {
        shown = format!("PAUSED \u{b7} {shown}");
    }
    (shown, spoken)
}

/// The seconds of the plan's first hold (0 without one).
fn first_hold_secs(timer: &Timer) -> u32 {
    (0..timer.plan().len().min(3))
        .filter_map(|i| timer.step(i))
        .find(|s| s.phase == Phase::Hold)
        .map_or(0, |s| s.secs)
}

/// The holds of this set (and side) as large dots: done ones filled, the one under way filled
/// and ringed, those to come as rings. Left out for more than [`MAX_DOTS`] holds.
fn dots_ui(ui: &mut egui::Ui, timer: &Timer, display: &Display, color: egui::Color32, size: f32) {
    let Some(step) = display.step else {
        return;
    };
    if !dots_shown(timer, display) {
        return;
    }
    let reps = timer.plan().last_rep().unwrap_or(0);
    // A rest's rep is the hold that comes next; a rest between sets and a side switch come
    // before the first.
    let (done, current) = match step.phase {
        Phase::Hold => (step.rep - 1, Some(step.rep)),
        _ if step.rep == 0 => (0, None),
        _ => (step.rep - 1, None),
    };
    let gap = size * 0.6;
    let count = f32::from(u16::try_from(reps).unwrap_or(u16::MAX));
    let width = count * size + (count - 1.0) * gap;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, size), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter();
    for n in 1..=reps {
        let i = f32::from(u16::try_from(n - 1).unwrap_or(0));
        let centre = egui::pos2(rect.left() + size / 2.0 + i * (size + gap), rect.center().y);
        let radius = size / 2.0;
        if n <= done {
            painter.circle_filled(centre, radius, color);
        } else if Some(n) == current {
            painter.circle_filled(centre, radius * 0.7, color);
            painter.circle_stroke(centre, radius - 1.5, egui::Stroke::new(3.0, color));
        } else {
            painter.circle_stroke(centre, radius - 1.5, egui::Stroke::new(2.0, color));
        }
    }
}

/// Whether the holds show as dots: from 2 to [`MAX_DOTS`] in a set, once the get-ready is over.
fn dots_shown(timer: &Timer, display: &Display) -> bool {
    let reps = timer.plan().last_rep().unwrap_or(0);
    (2..=MAX_DOTS).contains(&reps) && display.step.is_some_and(|s| s.phase != Phase::GetReady)
}

/// More holds than this in a set show no dots (the words still count them).
const MAX_DOTS: u32 = 12;

/// Pause or Start, Skip step and Restart, each a big button at least `min_width` wide.
pub fn controls_ui(
    ui: &mut egui::Ui,
    timer: &Timer,
    input: &TimerInput,
    min_width: f32,
    commands: &mut Vec<Command>,
) {
    let shown = timer.display(input.now);
    let scale = theme::text_scale(ui.style());
    let main = main_label(timer, input.now);
    if ui
        .add(big_button(main, scale, min_width))
        .on_hover_text("Space")
        .clicked()
    {
        commands.push(Command::TimerToggle);
    }
    let started = !timer.is_ready() && !shown.finished;
    if ui
        .add_enabled(started, big_button("Skip step", scale, min_width))
        .clicked()
    {
        commands.push(Command::TimerSkip);
    }
    if ui
        .add_enabled(!timer.is_ready(), big_button("Restart", scale, min_width))
        .clicked()
    {
        commands.push(Command::TimerRestart);
    }
}

/// The countdown in seven-segment digits, `height` high (smaller when the space is too narrow),
/// read out to screen readers as "Time left 1:05" (and "Time left 0:45", never a bare "45",
/// which a listener cannot tell from a count of repetitions).
fn countdown(ui: &mut egui::Ui, remaining_secs: u64, color: egui::Color32, height: f32) {
    let shown = format_countdown(remaining_secs);
    let digits = shown.as_str();
    let full = digits::width(digits, height);
    let scale = (ui.available_width() / full).min(1.0);
    let height = height * scale;
    let size = egui::vec2(full * scale, height);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    if ui.is_rect_visible(rect) {
        ui.painter()
            .extend(digits::shapes(digits, rect.min, height, color));
    }
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Timer,
            true,
            format!("Time left {}", spoken_countdown(remaining_secs)),
        )
    });
}

/// The words under the countdown, in the card's own terms: "Hold 2 of 3" (with "set 1 of 2"
/// only when there is more than one set), "Rest, then hold 3 of 3", "Switch to the right side",
/// and for a timer not started, the first hold and how many ("1:00 · 3 holds").
pub fn position_text(timer: &Timer, index: usize) -> String {
    if timer.is_ready() {
        let holds = timer.holds_total();
        let hold = format_countdown(u64::from(first_hold_secs(timer)));
        let noun = if holds == 1 { "hold" } else { "holds" };
        return format!("{hold} \u{b7} {holds} {noun}");
    }
    let Some(step) = timer.step(index) else {
        return String::new();
    };
    let sets = timer.plan().last_set().unwrap_or(1);
    let reps = timer.plan().last_rep().unwrap_or(1);
    let set = if sets > 1 {
        format!(" \u{b7} set {} of {sets}", step.set)
    } else {
        String::new()
    };
    match step.phase {
        Phase::GetReady => "Get into position".to_owned(),
        Phase::Hold => format!("Hold {} of {reps}{set}", step.rep.max(1)),
        Phase::Rest if step.rep > 0 => format!("Rest, then hold {} of {reps}{set}", step.rep),
        Phase::Rest => format!("Rest, then set {} of {sets}", step.set),
        Phase::SwitchSides => match step.side {
            Some(Side::Right) => "Switch to the right side".to_owned(),
            _ => "Switch sides".to_owned(),
        },
    }
}

/// "1:05" for 65 s, "0:45" for 45 s: the countdown as a screen reader reads it.
pub fn spoken_countdown(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// "1:05" for 65 s, "45" for 45 s.
pub fn format_countdown(secs: u64) -> String {
    if secs >= 60 {
        format!("{}:{:02}", secs / 60, secs % 60)
    } else {
        secs.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::catalog::Dose;

    fn dose(sets: u32, reps: u32, hold_secs: u32, rest_secs: u32, per_side: bool) -> Dose {
        Dose {
            sets,
            reps,
            hold_secs,
            rest_secs,
            per_side,
            times_per_day: 1,
        }
    }

    /// The words follow the card's dose: "3 × 1 min" reads "Hold 2 of 3", never "Set 1 of 1 ·
    /// rep 2 of 3"; the set shows only when there are several.
    #[test]
    fn the_words_say_hold_n_of_m_in_the_doses_terms() {
        let timer = Timer::for_dose(&dose(1, 3, 60, 10, false), 3);
        assert_eq!(position_text(&timer, 0), "1:00 \u{b7} 3 holds");
        let texts: Vec<String> = (0..6)
            .map(|i| {
                let mut t = timer.clone();
                t.start(Instant::now());
                position_text(&t, i)
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Get into position",
                "Hold 1 of 3",
                "Rest, then hold 2 of 3",
                "Hold 2 of 3",
                "Rest, then hold 3 of 3",
                "Hold 3 of 3",
            ]
        );
        let mut two_sets = Timer::for_dose(&dose(2, 2, 5, 5, false), 0);
        two_sets.start(Instant::now());
        assert_eq!(position_text(&two_sets, 0), "Hold 1 of 2 \u{b7} set 1 of 2");
        assert_eq!(position_text(&two_sets, 3), "Rest, then set 2 of 2");
        let mut sides = Timer::for_dose(&dose(1, 2, 5, 0, true), 0);
        sides.start(Instant::now());
        assert_eq!(position_text(&sides, 2), "Switch to the right side");
    }
}
