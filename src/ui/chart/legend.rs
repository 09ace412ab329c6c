//! The chart's legend, outside the plot (above it, so it never covers the first weeks), with
//! the shapes and colours the plot and the PDF use: both read the core's chart key.

use egui::{Pos2, Sense, Shape as Paint, Stroke, Ui, Vec2, epaint::CircleShape};
use egui_plot::MarkerShape;

use crate::core::figures::chart_key::{self, Mark, Shape};
use crate::ui::theme;

/// The plot's marker for a key shape (lines and the band are not markers).
pub(super) fn marker_shape(shape: Shape) -> MarkerShape {
    match shape {
        Shape::Circle | Shape::Line | Shape::Band => MarkerShape::Circle,
        Shape::Diamond => MarkerShape::Diamond,
        Shape::Triangle => MarkerShape::Up,
        Shape::Square => MarkerShape::Square,
    }
}

/// One row (wrapping when narrow) of swatches and words, one per series of the key.
pub(super) fn legend_ui(ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 6.0;
        for mark in chart_key::LEGEND {
            let label = chart_key::legend_label(&mark);
            ui.scope(|ui| {
                let side = ui.text_style_height(&egui::TextStyle::Body);
                let (rect, response) =
                    ui.allocate_exact_size(Vec2::new(side * 1.3, side), Sense::hover());
                paint_swatch(ui, rect, &mark);
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Image, true, format!("Legend: {label}"))
                });
                ui.label(label);
            });
            ui.add_space(10.0);
        }
    });
}

/// Paints a series' swatch in `rect`: its marker, its line or its band.
fn paint_swatch(ui: &Ui, rect: egui::Rect, mark: &Mark) {
    let color = theme::key_color(mark, ui.visuals());
    let painter = ui.painter();
    let c = rect.center();
    let r = rect.height() * 0.3;
    match mark.shape {
        Shape::Circle => {
            painter.add(CircleShape::filled(c, r, color));
        }
        Shape::Diamond => {
            let d = r * 1.25;
            let points = vec![
                Pos2::new(c.x, c.y - d),
                Pos2::new(c.x + d, c.y),
                Pos2::new(c.x, c.y + d),
                Pos2::new(c.x - d, c.y),
            ];
            painter.add(Paint::convex_polygon(points, color, Stroke::NONE));
        }
        Shape::Triangle => {
            let h = r * 1.2;
            let points = vec![
                Pos2::new(c.x, c.y - h),
                Pos2::new(c.x + h, c.y + h * 0.8),
                Pos2::new(c.x - h, c.y + h * 0.8),
            ];
            painter.add(Paint::convex_polygon(points, color, Stroke::NONE));
        }
        Shape::Square => {
            painter.rect_filled(
                egui::Rect::from_center_size(c, Vec2::splat(2.0 * r)),
                0.0,
                color,
            );
        }
        Shape::Line => {
            painter.line_segment(
                [Pos2::new(rect.left(), c.y), Pos2::new(rect.right(), c.y)],
                Stroke::new(2.5, color),
            );
        }
        Shape::Band => {
            painter.rect_filled(
                rect.shrink2(Vec2::new(0.0, rect.height() * 0.2)),
                2.0,
                color,
            );
        }
    }
}
