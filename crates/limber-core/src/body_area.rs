//! The upper-back areas a person can mark as painful, and their outline on the back map.
//!
//! The map is a view from behind, so the person's left side is on the left of the picture, as
//! a therapist standing behind them sees it. Outlines are polygons in a unit box (x to the
//! right, y down, both 0–1), so the app and the report can draw them at any size.

use serde::{Deserialize, Serialize};

/// One area of the upper back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BodyArea {
    /// Where the neck meets the shoulders.
    NeckBase,
    /// The left upper trapezius, between the neck and the left shoulder.
    LeftUpperTrapezius,
    /// The right upper trapezius, between the neck and the right shoulder.
    RightUpperTrapezius,
    /// Between the shoulder blades, along the spine.
    BetweenShoulderBlades,
    /// Over the left shoulder blade.
    LeftShoulderBlade,
    /// Over the right shoulder blade.
    RightShoulderBlade,
    /// The middle of the back, below the shoulder blades.
    MidBack,
    /// The ribs on the left side.
    LeftRibs,
    /// The ribs on the right side.
    RightRibs,
}

impl BodyArea {
    /// Every area, from the neck down, left before right.
    pub const ALL: [BodyArea; 9] = [
        BodyArea::NeckBase,
        BodyArea::LeftUpperTrapezius,
        BodyArea::RightUpperTrapezius,
        BodyArea::BetweenShoulderBlades,
        BodyArea::LeftShoulderBlade,
        BodyArea::RightShoulderBlade,
        BodyArea::MidBack,
        BodyArea::LeftRibs,
        BodyArea::RightRibs,
    ];

    /// The name shown in the app, read by screen readers, and written in exports.
    pub fn label(self) -> &'static str {
        match self {
            BodyArea::NeckBase => "Base of the neck",
            BodyArea::LeftUpperTrapezius => "Left upper trapezius",
            BodyArea::RightUpperTrapezius => "Right upper trapezius",
            BodyArea::BetweenShoulderBlades => "Between the shoulder blades",
            BodyArea::LeftShoulderBlade => "Left shoulder blade",
            BodyArea::RightShoulderBlade => "Right shoulder blade",
            BodyArea::MidBack => "Mid back",
            BodyArea::LeftRibs => "Left ribs",
            BodyArea::RightRibs => "Right ribs",
        }
    }

    /// The area's outline on the back map: a polygon in the unit box, the person's left on
    /// the left. Right-side areas are the mirror image of their left twins.
    pub fn outline(self) -> Vec<(f32, f32)> {
        let mirror = |points: &[(f32, f32)]| points.iter().map(|&(x, y)| (1.0 - x, y)).collect();
        match self {
            BodyArea::NeckBase => NECK_BASE.to_vec(),
            BodyArea::LeftUpperTrapezius => LEFT_TRAPEZIUS.to_vec(),
            BodyArea::RightUpperTrapezius => mirror(&LEFT_TRAPEZIUS),
            BodyArea::BetweenShoulderBlades => BETWEEN_BLADES.to_vec(),
            BodyArea::LeftShoulderBlade => LEFT_BLADE.to_vec(),
            BodyArea::RightShoulderBlade => mirror(&LEFT_BLADE),
            BodyArea::MidBack => MID_BACK.to_vec(),
            BodyArea::LeftRibs => LEFT_RIBS.to_vec(),
            BodyArea::RightRibs => mirror(&LEFT_RIBS),
        }
    }

    /// The mean of the outline's corners: inside the area (a test checks each), so the map
    /// puts the area's own control there.
    pub fn centre(self) -> (f32, f32) {
        let points = self.outline();
        #[expect(clippy::cast_precision_loss, reason = "a handful of corners")]
        let n = points.len().max(1) as f32;
        let (sx, sy) = points
            .iter()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        (sx / n, sy / n)
    }

    /// Whether the point (in the unit box) lies inside the area's outline.
    pub fn contains(self, point: (f32, f32)) -> bool {
        point_in_polygon(point, &self.outline())
    }

    /// The area whose outline holds the point, if any.
    pub fn at(point: (f32, f32)) -> Option<BodyArea> {
        BodyArea::ALL.into_iter().find(|area| area.contains(point))
    }

    /// "Left ribs; Mid back" for a list of areas, in the order of [`BodyArea::ALL`].
    pub fn join(areas: &[BodyArea]) -> String {
        let mut sorted = areas.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        sorted
            .iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The silhouette of the back behind the areas: head, neck, shoulders and trunk.
pub const SILHOUETTE: [(f32, f32); 12] = [
    (0.42, 0.0),
    (0.58, 0.0),
    (0.6, 0.08),
    (0.92, 0.16),
    (0.97, 0.26),
    (0.9, 0.5),
    (0.86, 0.96),
    (0.14, 0.96),
    (0.1, 0.5),
    (0.03, 0.26),
    (0.08, 0.16),
    (0.4, 0.08),
];

const NECK_BASE: [(f32, f32); 4] = [(0.43, 0.02), (0.57, 0.02), (0.58, 0.14), (0.42, 0.14)];
const LEFT_TRAPEZIUS: [(f32, f32); 5] = [
    (0.41, 0.09),
    (0.41, 0.19),
    (0.12, 0.24),
    (0.08, 0.19),
    (0.12, 0.16),
];
const BETWEEN_BLADES: [(f32, f32); 4] = [(0.43, 0.17), (0.57, 0.17), (0.57, 0.52), (0.43, 0.52)];
const LEFT_BLADE: [(f32, f32); 5] = [
    (0.4, 0.23),
    (0.4, 0.5),
    (0.3, 0.55),
    (0.16, 0.32),
    (0.18, 0.26),
];
const MID_BACK: [(f32, f32); 4] = [(0.36, 0.56), (0.64, 0.56), (0.64, 0.8), (0.36, 0.8)];
const LEFT_RIBS: [(f32, f32); 5] = [
    (0.13, 0.4),
    (0.27, 0.6),
    (0.33, 0.6),
    (0.33, 0.86),
    (0.15, 0.86),
];

/// Even-odd ray casting.
fn point_in_polygon((x, y): (f32, f32), polygon: &[(f32, f32)]) -> bool {
    let mut inside = false;
    let mut previous = polygon.last().copied().unwrap_or_default();
    for &(xi, yi) in polygon {
        let (xj, yj) = previous;
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        previous = (xi, yi);
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_area_is_found_at_its_own_centre_and_nowhere_else() {
        for area in BodyArea::ALL {
            let c = area.centre();
            assert_eq!(BodyArea::at(c), Some(area), "{area:?} at {c:?}");
            for other in BodyArea::ALL.into_iter().filter(|o| *o != area) {
                assert!(!other.contains(c), "{other:?} overlaps {area:?} at {c:?}");
            }
        }
        assert_eq!(BodyArea::at((0.01, 0.99)), None);
    }

    #[test]
    fn left_is_on_the_left_and_right_mirrors_it() {
        let left = BodyArea::LeftShoulderBlade.centre();
        let right = BodyArea::RightShoulderBlade.centre();
        assert!(left.0 < 0.5 && right.0 > 0.5);
        assert!((left.0 + right.0 - 1.0).abs() < 1e-5 && (left.1 - right.1).abs() < 1e-5);
    }

    #[test]
    fn labels_are_distinct_and_joined_in_map_order() {
        let mut labels: Vec<&str> = BodyArea::ALL.iter().map(|a| a.label()).collect();
        labels.sort_unstable();
        labels.dedup();
        assert_eq!(labels.len(), BodyArea::ALL.len());
        assert_eq!(
            BodyArea::join(&[BodyArea::RightRibs, BodyArea::NeckBase, BodyArea::RightRibs]),
            "Base of the neck; Right ribs"
        );
    }
}
