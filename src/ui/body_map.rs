//! The body map: the body seen from behind and from the front, each area a convex shape that a
//! click (or a screen reader's "press") marks or unmarks. Several areas can be marked.
//!
//! Each figure takes clicks and marks the area under the pointer. Each area also has its own
//! small control at its centre, named for the area ("Left shoulder blade", checked or not),
//! which is what keyboards and screen readers reach and what the UI tests press. The name of
//! the area under the pointer or in focus shows under the map.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Ui, Vec2};

use crate::core::body_area::{
    BodyArea, HAND_RADIUS, HANDS, HEAD, MAP_HEIGHT, MAP_WIDTH, SILHOUETTE, View, spine,
};
use crate::ui::theme;

/// The question over the map, the same in every dialog that shows it.
pub const WHERE_IT_HURTS: &str = "Where does it hurt? (optional)";
/// The size of each area's own control, in points.
const HANDLE: f32 = 18.0;
/// The space between the two figures, in points.
const GAP: f32 = 24.0;
/// The widest the two figures get, in points: the width of the dialogs that show the map.
const MAX_WIDTH: f32 = 560.0;
/// The smallest figure height, so the areas stay big enough to hit.
const MIN_HEIGHT: f32 = 200.0;

/// Draws the question and the two figures with `marked` areas filled; returns whether the
/// marks changed this frame. `id_salt` keeps two maps on one screen apart.
pub fn body_map_ui(ui: &mut Ui, id_salt: &str, marked: &mut Vec<BodyArea>) -> bool {
    let mut changed = false;
    let mut named = None;
    ui.vertical(|ui| {
        ui.label(egui::RichText::new(WHERE_IT_HURTS).strong());
        // The height comes from the text size and the window, never from the space the
        // dialog gave last frame: a dialog sizes itself to its contents, so a map that followed
        // it would grow the dialog a little every frame.
        let aspect = MAP_WIDTH / MAP_HEIGHT;
        let room = MAX_WIDTH.min(ui.ctx().content_rect().width() - 2.0 * GAP);
        let height = theme::sizes(ui.style())
            .body_map_height
            .min((room - GAP) / (2.0 * aspect))
            .max(MIN_HEIGHT);
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = GAP;
            for view in View::ALL {
                let figure = Figure {
                    view,
                    height,
                    id_salt,
                };
                changed |= figure.ui(ui, marked, &mut named);
            }
        });
        match named {
            Some(area) => ui.label(egui::RichText::new(format!("Area: {}", area.label())).strong()),
            None => ui.label(
                egui::RichText::new("Point to an area, or press Tab, to see its name.").weak(),
            ),
        };
        let text = if marked.is_empty() {
            "Nothing marked. Click where it hurts, if you like.".to_owned()
        } else {
            format!("Marked: {}", BodyArea::join(marked))
        };
        ui.label(egui::RichText::new(text).weak());
        // An area that may point to a warning sign brings up that sign's line at once.
        for area in marked.iter().filter(|a| a.warning_sign().is_some()) {
            if let Some(sign) = area.warning_sign() {
                let lead = format!(
                    "You marked \u{201c}{}\u{201d}. If that is {}:",
                    area.label(),
                    lowercase_first(sign.label())
                );
                crate::ui::safety::emergency_box_ui(ui, Some(&lead));
            }
        }
    });
    if changed {
        marked.sort_unstable();
    }
    changed
}

/// `text` with its first letter in lower case, to follow "If that is".
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// One figure of the map.
struct Figure<'a> {
    view: View,
    /// The figure's height in points (its width follows from the map's box).
    height: f32,
    id_salt: &'a str,
}

impl Figure<'_> {
    /// Draws the figure; returns whether the marks changed. Sets `named` to the area under the
    /// pointer or in focus, if any.
    fn ui(&self, ui: &mut Ui, marked: &mut Vec<BodyArea>, named: &mut Option<BodyArea>) -> bool {
        let mut changed = false;
        ui.vertical(|ui| {
            ui.label(egui::RichText::new(self.view.label()).strong());
            let unit = self.height / MAP_HEIGHT;
            let (rect, map) =
                ui.allocate_exact_size(Vec2::new(MAP_WIDTH * unit, self.height), Sense::click());
            let view = self.view;
            map.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Image, true, view.description())
            });
            let to_screen = |(x, y): (f32, f32)| rect.min + Vec2::new(x * unit, y * unit);
            let to_map = |p: Pos2| ((p.x - rect.left()) / unit, (p.y - rect.top()) / unit);
            let hovered = map.hover_pos().and_then(|p| BodyArea::at(view, to_map(p)));
            if map.clicked()
                && let Some(area) = map
                    .interact_pointer_pos()
                    .and_then(|p| BodyArea::at(view, to_map(p)))
            {
                toggle(marked, area);
                changed = true;
            }
            if let Some(area) = hovered {
                *named = Some(area);
            }
            let visuals = ui.visuals().clone();
            let line = theme::BODY_LINE.fill(&visuals);
            let painter = ui.painter_at(rect.expand(4.0));
            self.silhouette(&painter, &to_screen, unit, &visuals);
            for area in BodyArea::ALL {
                let Some(outline) = area.outline_on(view) else {
                    continue;
                };
                let is_marked = marked.contains(&area);
                let fill = if is_marked {
                    theme::pain_after(&visuals)
                } else if hovered == Some(area) {
                    visuals.widgets.hovered.bg_fill
                } else {
                    theme::BODY_AREA.fill(&visuals)
                };
                let stroke = if is_marked {
                    Stroke::new(2.5, visuals.strong_text_color())
                } else {
                    Stroke::new(1.0, line)
                };
                // Each area is convex (a test in the core checks it): one shape, no seams.
                painter.add(Shape::convex_polygon(
                    outline.into_iter().map(to_screen).collect(),
                    fill,
                    stroke,
                ));
            }
            if view == View::Back {
                for vertebra in spine() {
                    painter.circle_filled(to_screen(vertebra), 1.2 * unit, line);
                }
            }
            for area in BodyArea::ALL.into_iter().filter(|a| a.view() == view) {
                changed |=
                    self.handle_ui(ui, &painter, area, to_screen(area.centre()), marked, named);
            }
            self.sides_ui(ui, rect.width());
        });
        changed
    }

    /// The soft silhouette: every piece outlined first, then every piece filled over the
    /// outlines, so only the body's outer edge keeps a line and the overlapping pieces read as
    /// one shape.
    fn silhouette(
        &self,
        painter: &egui::Painter,
        to_screen: &dyn Fn((f32, f32)) -> Pos2,
        unit: f32,
        visuals: &egui::Visuals,
    ) {
        let skin = theme::BODY_SKIN.fill(visuals);
        let line = theme::BODY_LINE.fill(visuals);
        let (head, radius) = HEAD;
        let outline = Stroke::new(2.0, line);
        for piece in SILHOUETTE {
            let points = piece.iter().copied().map(to_screen).collect();
            painter.add(Shape::convex_polygon(points, Color32::TRANSPARENT, outline));
        }
        painter.circle_stroke(to_screen(head), radius * unit, outline);
        for hand in HANDS {
            painter.circle_stroke(to_screen(hand), HAND_RADIUS * unit, outline);
        }
        for piece in SILHOUETTE {
            let points = piece.iter().copied().map(to_screen).collect();
            painter.add(Shape::convex_polygon(points, skin, Stroke::NONE));
        }
        painter.circle_filled(to_screen(head), radius * unit, skin);
        for hand in HANDS {
            painter.circle_filled(to_screen(hand), HAND_RADIUS * unit, skin);
        }
        if self.view == View::Front {
            // The collarbones, so the front reads as the front at a glance.
            let stroke = Stroke::new(1.5, line);
            painter.line_segment([to_screen((19.0, 23.5)), to_screen((28.0, 25.5))], stroke);
            painter.line_segment([to_screen((32.0, 25.5)), to_screen((41.0, 23.5))], stroke);
        }
    }

    /// The area's own control at `centre`: named for the area, checked when marked, with its
    /// name as a tooltip and under the map while it has the focus.
    fn handle_ui(
        &self,
        ui: &mut Ui,
        painter: &egui::Painter,
        area: BodyArea,
        centre: Pos2,
        marked: &mut Vec<BodyArea>,
        named: &mut Option<BodyArea>,
    ) -> bool {
        let is_marked = marked.contains(&area);
        let handle = Rect::from_center_size(centre, Vec2::splat(HANDLE));
        let response = ui.interact(
            handle,
            ui.scope_id().with((self.id_salt, area.label())),
            Sense::click(),
        );
        let label = area.label();
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::Role::CheckBox, true, is_marked, label)
        });
        if response.has_focus() {
            *named = Some(area);
            painter.rect_stroke(
                handle,
                3.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        if response.hovered() {
            *named = Some(area);
        }
        let clicked = response.clicked();
        if clicked {
            toggle(marked, area);
        }
        response.on_hover_text(label);
        clicked
    }

    /// "Your left" and "Your right" under the figure's two edges.
    fn sides_ui(&self, ui: &mut Ui, width: f32) {
        let font = FontId::proportional(theme::sizes(ui.style()).small);
        let color = ui.visuals().weak_text_color();
        let height = ui.fonts_mut(|f| f.row_height(&font));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
        let [left, right] = self.view.sides();
        let painter = ui.painter();
        painter.text(
            rect.left_center(),
            Align2::LEFT_CENTER,
            left,
            font.clone(),
            color,
        );
        painter.text(
            rect.right_center(),
            Align2::RIGHT_CENTER,
            right,
            font,
            color,
        );
    }
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

    fn click_at(harness: &mut Harness<'_, Vec<BodyArea>>, pos: Pos2) {
        harness.hover_at(pos);
        harness.run();
        for pressed in [true, false] {
            harness.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            });
        }
        harness.run();
    }

    /// Marking the front of the chest shows the chest-pain sign's emergency line at once;
    /// marking the back does not.
    #[test]
    fn marking_the_front_of_the_chest_shows_the_emergency_line() {
        let mut harness = Harness::new_ui_state(
            |ui, marked: &mut Vec<BodyArea>| {
                body_map_ui(ui, "test", marked);
            },
            Vec::new(),
        );
        let emergency = crate::core::session::Urgency::Emergency.title();
        harness.get_by_label("Left shoulder blade").click();
        harness.run();
        assert!(harness.query_by_label(emergency).is_none());
        harness.get_by_label("Front of the chest").click_accesskit();
        harness.run();
        assert!(harness.query_by_label(emergency).is_some());
        assert!(
            harness
                .query_by_label_contains(
                    "You marked \u{201c}Front of the chest\u{201d}. If that is new pain"
                )
                .is_some()
        );
        harness.get_by_label("Front of the chest").click_accesskit();
        harness.run();
        assert!(
            harness.query_by_label(emergency).is_none(),
            "unmarked: gone"
        );
    }

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
        harness.get_by_label("Front of the chest").click_accesskit();
        harness.run();
        assert_eq!(
            harness.state(),
            &vec![BodyArea::LeftShoulderBlade, BodyArea::FrontOfChest]
        );
        harness.get_by_label("Left shoulder blade").click();
        harness.run();
        assert_eq!(harness.state(), &vec![BodyArea::FrontOfChest]);
        // A click on a figure away from any control marks the area under the pointer: the right
        // ribs from behind, and the left arm seen from behind (its control is on the front).
        let back = harness.get_by_label(View::Back.description()).rect();
        let unit = back.height() / MAP_HEIGHT;
        let (x, y) = BodyArea::RightRibs.centre();
        let inside = (x, y + 5.0);
        assert_eq!(BodyArea::at(View::Back, inside), Some(BodyArea::RightRibs));
        click_at(
            &mut harness,
            back.min + Vec2::new(inside.0, inside.1) * unit,
        );
        let (x, y) = BodyArea::LeftArm.centre();
        click_at(
            &mut harness,
            back.min + Vec2::new(MAP_WIDTH - x, y + 8.0) * unit,
        );
        assert_eq!(
            harness.state(),
            &vec![
                BodyArea::RightRibs,
                BodyArea::FrontOfChest,
                BodyArea::LeftArm
            ]
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

    /// Both figures are there with their sides named, every area has its own named control,
    /// and the map is about 320 points high at 100 % text.
    #[test]
    fn both_figures_name_their_sides_and_every_area() {
        let mut harness = Harness::builder()
            .with_size(Vec2::new(700.0, 600.0))
            .build_ui_state(
                |ui, marked: &mut Vec<BodyArea>| {
                    theme::apply(ui.ctx(), 1.0);
                    body_map_ui(ui, "test", marked);
                },
                Vec::new(),
            );
        harness.run();
        for view in View::ALL {
            let figure = harness.get_by_label(view.description()).rect();
            assert!(
                (figure.height() - 320.0).abs() < 1.0,
                "{view:?}: {figure:?}"
            );
        }
        for area in BodyArea::ALL {
            harness.get_by_label(area.label());
        }
        harness.get_by_label(WHERE_IT_HURTS);
        let back = harness.get_by_label(View::Back.description()).rect();
        let front = harness.get_by_label(View::Front.description()).rect();
        assert!(
            back.right() < front.left(),
            "back, then front, side by side"
        );
        // The person's left shoulder blade is on the left from behind; their left arm on the
        // right from the front.
        let blade = harness.get_by_label("Left shoulder blade").rect();
        assert!(blade.center().x < back.center().x);
        let arm = harness.get_by_label("Left arm").rect();
        assert!(arm.center().x > front.center().x);
    }
}
