//! The back map: the upper back seen from behind, each area a vector shape that a click (or a
//! screen reader's "press") marks or unmarks. Several areas can be marked.
//!
//! The whole map takes clicks and marks the area under the pointer. Each area also has its own
//! small control at its centre, named for the area ("Left shoulder blade, marked"), which is
//! what screen readers list and what the UI tests press.

use egui::{Color32, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2, epaint::PathShape};

use crate::core::body_area::{BodyArea, SILHOUETTE};

/// The map's size on screen, in points (width × height).
const MAP_SIZE: Vec2 = Vec2::new(220.0, 240.0);
/// The size of each area's own control, in points.
const HANDLE: f32 = 18.0;

/// Draws the map with `marked` areas filled; returns whether the marks changed this frame.
/// `id_salt` keeps two maps on one screen apart.
pub fn body_map_ui(ui: &mut Ui, id_salt: &str, marked: &mut Vec<BodyArea>) -> bool {
    let mut changed = false;
    ui.vertical(|ui| {
        let (rect, map) = ui.allocate_exact_size(MAP_SIZE, Sense::click());
        map.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Image,
                true,
                "Back map, seen from behind: your left is on the left",
            )
        });
        let to_screen = |(x, y): (f32, f32)| {
            Pos2::new(
                rect.left() + x * rect.width(),
                rect.top() + y * rect.height(),
            )
        };
        let hovered = map.hover_pos().and_then(|p| BodyArea::at(to_unit(rect, p)));
        if map.clicked()
            && let Some(area) = map
                .interact_pointer_pos()
                .and_then(|p| BodyArea::at(to_unit(rect, p)))
        {
            toggle(marked, area);
            changed = true;
        }
        let visuals = ui.visuals().clone();
        let skin = if visuals.dark_mode {
            Color32::from_gray(70)
        } else {
            Color32::from_rgb(0xf1, 0xe4, 0xd8)
        };
        let line = visuals.widgets.noninteractive.fg_stroke.color;
        let painter = ui.painter_at(rect);
        painter.add(Shape::Path(PathShape::closed_line(
            SILHOUETTE.iter().map(|&p| to_screen(p)).collect(),
            Stroke::new(1.5, line),
        )));
        painter.add(Shape::convex_polygon(
            SILHOUETTE.iter().map(|&p| to_screen(p)).collect(),
            skin,
            Stroke::NONE,
        ));
        for area in BodyArea::ALL {
            let is_marked = marked.contains(&area);
            let fill = if is_marked {
                crate::ui::theme::pain_after(&visuals).gamma_multiply(0.85)
            } else if hovered == Some(area) {
                visuals.widgets.hovered.bg_fill
            } else {
                visuals.extreme_bg_color.gamma_multiply(0.6)
            };
            let points: Vec<Pos2> = area.outline().into_iter().map(to_screen).collect();
            // The outlines are not all convex: fill through triangles of a fan from the
            // centre, which the map's shapes allow (each is star-shaped around it).
            let centre = to_screen(area.centre());
            for i in 0..points.len() {
                let next = points[(i + 1) % points.len()];
                // A thin edge in the fill colour hides the seams between the triangles.
                painter.add(Shape::convex_polygon(
                    vec![centre, points[i], next],
                    fill,
                    Stroke::new(0.8, fill),
                ));
            }
            painter.add(Shape::Path(PathShape::closed_line(
                points,
                Stroke::new(if is_marked { 2.0 } else { 1.0 }, line),
            )));
            // The area's own control, for keyboards, screen readers and tests.
            let handle = Rect::from_center_size(centre, Vec2::splat(HANDLE));
            let response = ui.interact(
                handle,
                ui.scope_id().with((id_salt, area.label())),
                Sense::click(),
            );
            let label = area.label();
            response.widget_info(|| {
                egui::WidgetInfo::selected(egui::Role::CheckBox, true, is_marked, label)
            });
            if response.has_focus() {
                painter.rect_stroke(
                    handle,
                    3.0,
                    visuals.selection.stroke,
                    egui::StrokeKind::Outside,
                );
            }
            if response.clicked() {
                toggle(marked, area);
                changed = true;
            }
            response.on_hover_text(label);
        }
        let text = if marked.is_empty() {
            "Nothing marked. Click where it hurts, if you like.".to_owned()
        } else {
            format!("Marked: {}", BodyArea::join(marked))
        };
        ui.label(egui::RichText::new(text).weak());
    });
    if changed {
        marked.sort_unstable();
    }
    changed
}

fn to_unit(rect: Rect, p: Pos2) -> (f32, f32) {
    (
        (p.x - rect.left()) / rect.width(),
        (p.y - rect.top()) / rect.height(),
    )
}

fn toggle(marked: &mut Vec<BodyArea>, area: BodyArea) {
    if let Some(i) = marked.iter().position(|a| *a == area) {
        marked.remove(i);
    } else {
        marked.push(area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::{NodeT as _, Queryable as _};

    #[test]
    fn areas_are_marked_and_unmarked_by_name_and_by_pointer() {
        let mut harness = Harness::new_ui_state(
            |ui, marked: &mut Vec<BodyArea>| {
                body_map_ui(ui, "test", marked);
            },
            Vec::new(),
        );
        harness.get_by_label("Left shoulder blade").click();
        harness.run();
        harness.get_by_label("Mid back").click_accesskit();
        harness.run();
        assert_eq!(
            harness.state(),
            &vec![BodyArea::LeftShoulderBlade, BodyArea::MidBack]
        );
        harness.get_by_label("Left shoulder blade").click();
        harness.run();
        assert_eq!(harness.state(), &vec![BodyArea::MidBack]);
        // A click on the map away from any control marks the area under the pointer.
        let map = harness
            .get_by_label("Back map, seen from behind: your left is on the left")
            .rect();
        let (x, y) = BodyArea::RightRibs.centre();
        let inside = (x, y + 0.08);
        assert_eq!(BodyArea::at(inside), Some(BodyArea::RightRibs));
        harness.hover_at(Pos2::new(
            map.left() + inside.0 * map.width(),
            map.top() + inside.1 * map.height(),
        ));
        harness.run();
        harness.event(egui::Event::PointerButton {
            pos: Pos2::new(
                map.left() + inside.0 * map.width(),
                map.top() + inside.1 * map.height(),
            ),
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        });
        harness.event(egui::Event::PointerButton {
            pos: Pos2::new(
                map.left() + inside.0 * map.width(),
                map.top() + inside.1 * map.height(),
            ),
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        });
        harness.run();
        assert_eq!(
            harness.state(),
            &vec![BodyArea::MidBack, BodyArea::RightRibs]
        );
        assert_eq!(
            harness
                .get_by_label("Right ribs")
                .accesskit_node()
                .toggled(),
            Some(egui::accesskit::Toggled::True)
        );
        assert_eq!(
            harness.get_by_label("Left ribs").accesskit_node().toggled(),
            Some(egui::accesskit::Toggled::False)
        );
    }
}
