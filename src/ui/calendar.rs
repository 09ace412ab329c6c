//! The calendar heat map: one square per day, a column per week, Monday at the top.
//!
//! Colour is never the only cue: a full day is a filled square, a partial day is half filled,
//! a rest day has a bar across it, and a day with nothing is an empty outline. Every square has
//! an accessible label and a tooltip with the date and the status in words.

use chrono::{Datelike as _, NaiveDate, Weekday};
use egui::{Align2, CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind, TextStyle, Ui, Vec2};

use crate::core::figures::DayStatus;
use crate::ui::theme;

/// One day of the calendar, with its label prepared in advance.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarDay {
    /// The local date.
    pub date: NaiveDate,
    /// What the day looked like.
    pub status: DayStatus,
    /// Goes done beyond the day's plan: a bonus, shown as a small plus (adherence does not
    /// count them).
    pub extra: u32,
    /// "Monday 2 March 2026: full routine, and 2 extra goes".
    pub label: String,
}

impl CalendarDay {
    /// A day with its label in words: the date, the status and any extra goes.
    pub fn new(date: NaiveDate, status: DayStatus, extra: u32, long_date: &str) -> CalendarDay {
        let label = match extra {
            0 => format!("{long_date}: {}", status.label()),
            1 => format!("{long_date}: {}, and 1 extra go", status.label()),
            n => format!("{long_date}: {}, and {n} extra goes", status.label()),
        };
        CalendarDay {
            date,
            status,
            extra,
            label,
        }
    }
}

/// The most weeks the calendar shows (about six months).
pub const MAX_WEEKS: usize = 26;
/// The fewest weeks it shows on a narrow window.
pub const MIN_WEEKS: usize = 8;

/// Draws the last weeks of `days` (oldest first, each week starting on a Monday, the last week
/// possibly ending before Sunday), as many as fit in the width.
pub fn calendar_ui(ui: &mut Ui, days: &[CalendarDay], today: NaiveDate) {
    let visuals = ui.visuals().clone();
    let text_height = ui.text_style_height(&TextStyle::Body);
    let cell = (text_height * 1.25).max(16.0);
    let gap = (cell * 0.18).round().max(2.0);
    let label_width = text_height * 2.6;
    let available = ui.available_width() - label_width;
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count of columns"
    )]
    let fit = (available / (cell + gap)).max(0.0) as usize;
    let weeks = fit.clamp(MIN_WEEKS, MAX_WEEKS);
    let total_weeks = days.len().div_ceil(7);
    let first_week = total_weeks.saturating_sub(weeks);
    let shown = days.get(first_week * 7..).unwrap_or_default();
    let columns = shown.len().div_ceil(7);

    let size = Vec2::new(
        label_width + f32_of(columns) * (cell + gap),
        text_height * 1.4 + 7.0 * (cell + gap),
    );
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let grid_origin = rect.min + Vec2::new(label_width, text_height * 1.4);
    let painter = ui.painter_at(rect.expand(2.0));
    let text_color = visuals.text_color();
    let font = TextStyle::Small.resolve(ui.style());

    for (row, weekday) in [Weekday::Mon, Weekday::Wed, Weekday::Fri]
        .iter()
        .enumerate()
    {
        let y = grid_origin.y + (f32_of(row) * 2.0 + 0.5) * (cell + gap);
        painter.text(
            Pos2::new(rect.min.x, y),
            Align2::LEFT_CENTER,
            format!("{weekday}"),
            font.clone(),
            text_color,
        );
    }

    let mut last_month = None;
    for (i, day) in shown.iter().enumerate() {
        let column = i / 7;
        let row = day.date.weekday().num_days_from_monday() as usize;
        let min =
            grid_origin + Vec2::new(f32_of(column) * (cell + gap), f32_of(row) * (cell + gap));
        let cell_rect = Rect::from_min_size(min, Vec2::splat(cell));
        if row == 0 && last_month != Some(day.date.month()) {
            last_month = Some(day.date.month());
            painter.text(
                Pos2::new(min.x, rect.min.y),
                Align2::LEFT_TOP,
                day.date.format("%b").to_string(),
                font.clone(),
                text_color,
            );
        }
        paint_day(&painter, cell_rect, day.status, &visuals, day.date == today);
        if day.extra > 0 {
            paint_bonus(&painter, cell_rect, &visuals);
        }
        let response = ui
            .interact(
                cell_rect,
                ui.make_persistent_id(("calendar-day", day.date)),
                Sense::hover(),
            )
            .on_hover_ui(|ui| {
                ui.label(&day.label);
            });
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Cell, true, &day.label));
    }
}

/// A small count as a float for layout.
fn f32_of(count: usize) -> f32 {
    f32::from(u16::try_from(count).unwrap_or(u16::MAX))
}

/// The bonus of a day with goes beyond the plan: a small plus in the square's corner, on a
/// disc of the background colour so it reads on a filled square and an empty one alike.
fn paint_bonus(painter: &egui::Painter, rect: Rect, visuals: &egui::Visuals) {
    let r = rect.width() * 0.24;
    let c = Pos2::new(rect.max.x - r * 0.6, rect.min.y + r * 0.6);
    painter.circle_filled(c, r, visuals.panel_fill);
    let stroke = Stroke::new((r * 0.35).max(1.5), visuals.strong_text_color());
    let arm = r * 0.65;
    painter.line_segment([c - Vec2::new(arm, 0.0), c + Vec2::new(arm, 0.0)], stroke);
    painter.line_segment([c - Vec2::new(0.0, arm), c + Vec2::new(0.0, arm)], stroke);
}

/// Paints one day's square with its shape cue.
pub fn paint_day(
    painter: &egui::Painter,
    rect: Rect,
    status: DayStatus,
    visuals: &egui::Visuals,
    is_today: bool,
) {
    let radius = CornerRadius::same(3);
    let outline = visuals
        .widgets
        .noninteractive
        .fg_stroke
        .color
        .gamma_multiply(0.5);
    let full = theme::full_day(visuals);
    match status {
        DayStatus::Full => {
            painter.rect_filled(rect, radius, full);
        }
        DayStatus::Partial => {
            painter.rect_stroke(rect, radius, Stroke::new(1.5, full), StrokeKind::Inside);
            let lower = Rect::from_min_max(Pos2::new(rect.min.x, rect.center().y), rect.max);
            painter.rect_filled(lower, CornerRadius::same(2), full);
        }
        DayStatus::RestDay => {
            let rest_colour = theme::rest_day(visuals);
            painter.rect_stroke(
                rect,
                radius,
                Stroke::new(1.5, rest_colour),
                StrokeKind::Inside,
            );
            let bar = Rect::from_center_size(
                rect.center(),
                Vec2::new(rect.width() * 0.6, rect.height() * 0.2),
            );
            painter.rect_filled(bar, CornerRadius::ZERO, rest_colour);
        }
        DayStatus::Nothing => {
            painter.rect_stroke(rect, radius, Stroke::new(1.0, outline), StrokeKind::Inside);
        }
    }
    if is_today {
        painter.rect_stroke(
            rect.expand(2.0),
            radius,
            Stroke::new(2.0, visuals.strong_text_color()),
            StrokeKind::Outside,
        );
    }
}

/// The legend under the calendar: each shape with its meaning.
pub fn calendar_legend_ui(ui: &mut Ui) {
    let visuals = ui.visuals().clone();
    let size = Vec2::splat(ui.text_style_height(&TextStyle::Body));
    ui.horizontal_wrapped(|ui| {
        for status in [
            DayStatus::Full,
            DayStatus::Partial,
            DayStatus::RestDay,
            DayStatus::Nothing,
        ] {
            let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
            paint_day(ui.painter(), rect, status, &visuals, false);
            let mut text = status.label().to_owned();
            if let Some(first) = text.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            ui.label(text);
            ui.add_space(12.0);
        }
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        paint_day(ui.painter(), rect, DayStatus::Full, &visuals, false);
        paint_bonus(ui.painter(), rect, &visuals);
        ui.label("Extra goes (a bonus)");
        ui.add_space(12.0);
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        paint_day(
            ui.painter(),
            rect.shrink(2.0),
            DayStatus::Nothing,
            &visuals,
            true,
        );
        ui.label("Today");
    });
}
