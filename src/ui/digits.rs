//! Large countdown digits drawn as seven-segment shapes, like a kitchen timer.
//!
//! The countdown is the biggest thing on screen and must be readable from about two metres.
//! Drawing it as text would put glyphs of 140 px into egui's font atlas, which then doubles in
//! height (and is copied to the GPU in full), costing over 20 MiB of memory the first time a
//! timer starts. Convex shapes cost a few hundred vertices, stay sharp at any size, and need no
//! texture at all.

use egui::{Color32, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};

/// Width of a digit as a share of its height.
const DIGIT_WIDTH: f32 = 0.56;
/// Thickness of a segment as a share of the digit height.
const THICKNESS: f32 = 0.13;
/// Space between two characters as a share of the digit height.
const SPACING: f32 = 0.16;
/// Width of the colon as a share of the digit height.
const COLON_WIDTH: f32 = 0.16;
/// The gap left at each end of a segment, as a share of its thickness.
const SEGMENT_GAP: f32 = 0.12;

/// The segments of a digit, in the usual order: top, upper right, lower right, bottom, lower
/// left, upper left, middle.
#[derive(Clone, Copy)]
enum Segment {
    Top,
    UpperRight,
    LowerRight,
    Bottom,
    LowerLeft,
    UpperLeft,
    Middle,
}

/// Which segments are lit for each digit.
fn segments(digit: u32) -> &'static [Segment] {
    use Segment::{Bottom, LowerLeft, LowerRight, Middle, Top, UpperLeft, UpperRight};
    match digit {
        0 => &[Top, UpperRight, LowerRight, Bottom, LowerLeft, UpperLeft],
        1 => &[UpperRight, LowerRight],
        2 => &[Top, UpperRight, Middle, LowerLeft, Bottom],
        3 => &[Top, UpperRight, Middle, LowerRight, Bottom],
        4 => &[UpperLeft, Middle, UpperRight, LowerRight],
        5 => &[Top, UpperLeft, Middle, LowerRight, Bottom],
        6 => &[Top, UpperLeft, Middle, LowerLeft, LowerRight, Bottom],
        7 => &[Top, UpperRight, LowerRight],
        8 => &[
            Top, UpperRight, LowerRight, Bottom, LowerLeft, UpperLeft, Middle,
        ],
        9 => &[Top, UpperRight, LowerRight, Bottom, UpperLeft, Middle],
        _ => &[Middle],
    }
}

/// The width `text` takes at `height`: digits, colons and anything else (drawn as a dash).
pub fn width(text: &str, height: f32) -> f32 {
    let mut total = 0.0;
    for (i, c) in text.chars().enumerate() {
        if i > 0 {
            total += SPACING * height;
        }
        total += char_width(c) * height;
    }
    total
}

fn char_width(c: char) -> f32 {
    if c == ':' { COLON_WIDTH } else { DIGIT_WIDTH }
}

/// The shapes that draw `text` (digits and colons) with its top left corner at `origin`.
pub fn shapes(text: &str, origin: Pos2, height: f32, color: Color32) -> Vec<Shape> {
    let mut out = Vec::new();
    let mut x = origin.x;
    for c in text.chars() {
        let w = char_width(c) * height;
        let cell = Rect::from_min_size(pos2(x, origin.y), vec2(w, height));
        if c == ':' {
            colon(cell, color, &mut out);
        } else {
            let lit = c.to_digit(10).map_or(segments(10), segments);
            for segment in lit {
                out.push(segment_shape(*segment, cell, color));
            }
        }
        x += w + SPACING * height;
    }
    out
}

/// Two square dots, at a third and two thirds of the height.
fn colon(cell: Rect, color: Color32, out: &mut Vec<Shape>) {
    let side = cell.width();
    for share in [0.32, 0.68] {
        let centre = pos2(cell.center().x, cell.top() + share * cell.height());
        out.push(Shape::rect_filled(
            Rect::from_center_size(centre, Vec2::splat(side)),
            side * 0.2,
            color,
        ));
    }
}

/// One segment: a long hexagon with pointed ends, so that neighbours meet at a mitre.
fn segment_shape(segment: Segment, cell: Rect, color: Color32) -> Shape {
    let t = THICKNESS * cell.height();
    let left = cell.left() + t / 2.0;
    let right = cell.right() - t / 2.0;
    let top = cell.top() + t / 2.0;
    let middle = cell.center().y;
    let bottom = cell.bottom() - t / 2.0;
    let (from, to) = match segment {
        Segment::Top => (pos2(left, top), pos2(right, top)),
        Segment::Middle => (pos2(left, middle), pos2(right, middle)),
        Segment::Bottom => (pos2(left, bottom), pos2(right, bottom)),
        Segment::UpperLeft => (pos2(left, top), pos2(left, middle)),
        Segment::UpperRight => (pos2(right, top), pos2(right, middle)),
        Segment::LowerLeft => (pos2(left, middle), pos2(left, bottom)),
        Segment::LowerRight => (pos2(right, middle), pos2(right, bottom)),
    };
    Shape::convex_polygon(hexagon(from, to, t), color, Stroke::NONE)
}

/// A bar of thickness `t` along the horizontal or vertical line `from`–`to`, pointed at both
/// ends and shortened by a small gap so that segments do not touch.
fn hexagon(from: Pos2, to: Pos2, t: f32) -> Vec<Pos2> {
    let along = (to - from).normalized();
    let across = along.rot90();
    let gap = SEGMENT_GAP * t;
    let a = from + along * gap;
    let b = to - along * gap;
    let half = t / 2.0;
    vec![
        a,
        a + along * half - across * half,
        b - along * half - across * half,
        b,
        b - along * half + across * half,
        a + along * half + across * half,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn polygon_count(text: &str) -> usize {
        shapes(text, Pos2::ZERO, 100.0, Color32::WHITE).len()
    }

    #[test]
    fn each_digit_lights_its_segments() {
        let counts: Vec<usize> = (0..10).map(|d| polygon_count(&d.to_string())).collect();
        assert_eq!(counts, [6, 2, 5, 5, 4, 5, 6, 3, 7, 6]);
        // A colon is two dots; anything else shows as a dash.
        assert_eq!(polygon_count(":"), 2);
        assert_eq!(polygon_count("-"), 1);
    }

    #[test]
    fn width_matches_the_shapes_drawn() {
        let height = 120.0;
        let text = "80:08";
        let drawn = shapes(text, pos2(7.0, 3.0), height, Color32::WHITE)
            .iter()
            .map(Shape::visual_bounding_rect)
            .reduce(Rect::union)
            .unwrap_or(Rect::NOTHING);
        let expected = width(text, height);
        // An 8 fills its cell: the drawing spans the width measured, to within a small gap.
        assert!((drawn.left() - 7.0).abs() < 0.2 * height * THICKNESS);
        assert!((drawn.right() - (7.0 + expected)).abs() < 0.2 * height * THICKNESS);
        assert!(
            drawn.top() >= 3.0 - 1e-3 && drawn.bottom() <= 3.0 + height + 1e-3,
            "{drawn:?}"
        );
        assert!(width("1:05", 100.0) < width("10:05", 100.0));
    }
}
