//! The areas a person can mark as painful, and where each lies on the body map.
//!
//! The map shows the body twice, from behind and from the front, each figure drawn in a box 60
//! units wide and 82 high (x to the right, y down). Seen from behind, the person's left is on the
//! left of the picture, as a therapist standing behind them sees it; seen from the front, their
//! left is on the right. Every area is a convex polygon, so it fills as one shape with no seams,
//! and the app and the report can draw it at any size.

use serde::{Deserialize, Serialize};

/// One area of the body. New areas are added at the end, so files stay in the order they were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum BodyArea {
    /// Where the neck meets the shoulders.
    NeckBase,
    /// The top of the left shoulder, between the neck and the shoulder (the upper trapezius).
    LeftUpperTrapezius,
    /// The top of the right shoulder, between the neck and the shoulder (the upper trapezius).
    RightUpperTrapezius,
    /// Between the shoulder blades, along the spine.
    BetweenShoulderBlades,
    /// Over the left shoulder blade.
    LeftShoulderBlade,
    /// Over the right shoulder blade.
    RightShoulderBlade,
    /// The middle of the back, below the shoulder blades.
    MidBack,
    /// The ribs on the left side of the back.
    LeftRibs,
    /// The ribs on the right side of the back.
    RightRibs,
    /// The front of the chest (schema 5).
    FrontOfChest,
    /// Around the ribs, at the front and the sides (schema 5).
    AroundTheRibs,
    /// The left arm (schema 5).
    LeftArm,
    /// The right arm (schema 5).
    RightArm,
}

/// One of the two figures of the body map.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// Seen from behind: the person's left on the left.
    Back,
    /// Seen from the front: the person's left on the right.
    Front,
}

impl View {
    /// Both figures, in the order the map shows them.
    pub const ALL: [View; 2] = [View::Back, View::Front];

    /// The figure's name over it.
    pub fn label(self) -> &'static str {
        match self {
            View::Back => "Back",
            View::Front => "Front",
        }
    }

    /// What a screen reader says for the whole figure.
    pub fn description(self) -> &'static str {
        match self {
            View::Back => "Body map, seen from behind: your left is on the left",
            View::Front => "Body map, seen from the front: your left is on the right",
        }
    }

    /// The words under the figure's left and right edges.
    pub fn sides(self) -> [&'static str; 2] {
        match self {
            View::Back => ["Your left", "Your right"],
            View::Front => ["Your right", "Your left"],
        }
    }
}

/// The width of a figure's box in map units (its height is [`MAP_HEIGHT`]).
pub const MAP_WIDTH: f32 = 60.0;
/// The height of a figure's box in map units.
pub const MAP_HEIGHT: f32 = 82.0;

/// The head: its centre and radius, in map units.
pub const HEAD: ((f32, f32), f32) = ((30.0, 8.5), 7.0);

/// The soft silhouette behind the areas (head aside): convex pieces that overlap, so filled in
/// one colour they read as one body with no seams. The same for both figures.
pub const SILHOUETTE: [&[(f32, f32)]; 5] = [NECK, TRUNK, HIPS, LEFT_ARM_BACK, RIGHT_ARM_BACK];

/// The spine's vertebrae drawn on the back figure: their centres, in map units.
pub fn spine() -> impl Iterator<Item = (f32, f32)> {
    (0..13).map(|i| {
        #[expect(clippy::cast_precision_loss, reason = "a dozen small numbers")]
        let step = i as f32;
        (MAP_WIDTH / 2.0, 16.0 + step * 4.8)
    })
}

impl BodyArea {
    /// Every area: the back from the neck down, left before right, then the front.
    pub const ALL: [BodyArea; 13] = [
        BodyArea::NeckBase,
        BodyArea::LeftUpperTrapezius,
        BodyArea::RightUpperTrapezius,
        BodyArea::BetweenShoulderBlades,
        BodyArea::LeftShoulderBlade,
        BodyArea::RightShoulderBlade,
        BodyArea::MidBack,
        BodyArea::LeftRibs,
        BodyArea::RightRibs,
        BodyArea::FrontOfChest,
        BodyArea::AroundTheRibs,
        BodyArea::LeftArm,
        BodyArea::RightArm,
    ];

    /// The warning sign that marking this area may point to, if any: pain at the front of the
    /// chest is one of the emergency signs (see [`crate::session::RedFlag`]), so marking it shows that sign's
    /// line at once.
    pub fn warning_sign(self) -> Option<crate::session::RedFlag> {
        match self {
            BodyArea::FrontOfChest => Some(crate::session::RedFlag::ChestPainOrBreathlessness),
            _ => None,
        }
    }

    /// The name shown in the app, read by screen readers, and written in exports.
    pub fn label(self) -> &'static str {
        match self {
            BodyArea::NeckBase => "Base of the neck",
            BodyArea::LeftUpperTrapezius => "Top of the left shoulder",
            BodyArea::RightUpperTrapezius => "Top of the right shoulder",
            BodyArea::BetweenShoulderBlades => "Between the shoulder blades",
            BodyArea::LeftShoulderBlade => "Left shoulder blade",
            BodyArea::RightShoulderBlade => "Right shoulder blade",
            BodyArea::MidBack => "Mid back",
            BodyArea::LeftRibs => "Left ribs",
            BodyArea::RightRibs => "Right ribs",
            BodyArea::FrontOfChest => "Front of the chest",
            BodyArea::AroundTheRibs => "Around the ribs",
            BodyArea::LeftArm => "Left arm",
            BodyArea::RightArm => "Right arm",
        }
    }

    /// The figure that holds the area's own control (the arms show on both figures, and take a
    /// click on either; their control is on the front).
    pub fn view(self) -> View {
        match self {
            BodyArea::FrontOfChest
            | BodyArea::AroundTheRibs
            | BodyArea::LeftArm
            | BodyArea::RightArm => View::Front,
            _ => View::Back,
        }
    }

    /// The area's outline on `view`, in map units, if it shows there. Right-side areas of the
    /// back mirror their left twins; the front mirrors the back's sides.
    pub fn outline_on(self, view: View) -> Option<Vec<(f32, f32)>> {
        let mirror = |points: &[(f32, f32)]| {
            points
                .iter()
                .map(|&(x, y)| (MAP_WIDTH - x, y))
                .collect::<Vec<_>>()
        };
        let outline = match (self, view) {
            (BodyArea::NeckBase, View::Back) => NECK_BASE.to_vec(),
            (BodyArea::LeftUpperTrapezius, View::Back) => LEFT_TRAPEZIUS.to_vec(),
            (BodyArea::RightUpperTrapezius, View::Back) => mirror(&LEFT_TRAPEZIUS),
            (BodyArea::BetweenShoulderBlades, View::Back) => BETWEEN_BLADES.to_vec(),
            (BodyArea::LeftShoulderBlade, View::Back) => LEFT_BLADE.to_vec(),
            (BodyArea::RightShoulderBlade, View::Back) => mirror(&LEFT_BLADE),
            (BodyArea::MidBack, View::Back) => MID_BACK.to_vec(),
            (BodyArea::LeftRibs, View::Back) => LEFT_RIBS.to_vec(),
            (BodyArea::RightRibs, View::Back) => mirror(&LEFT_RIBS),
            (BodyArea::FrontOfChest, View::Front) => CHEST.to_vec(),
            (BodyArea::AroundTheRibs, View::Front) => RIBS_FRONT.to_vec(),
            (BodyArea::LeftArm, View::Back) | (BodyArea::RightArm, View::Front) => {
                LEFT_ARM_BACK.to_vec()
            }
            (BodyArea::RightArm, View::Back) | (BodyArea::LeftArm, View::Front) => {
                RIGHT_ARM_BACK.to_vec()
            }
            _ => return None,
        };
        Some(outline)
    }

    /// The area's outline on its own [`view`](BodyArea::view), in map units.
    pub fn outline(self) -> Vec<(f32, f32)> {
        self.outline_on(self.view()).unwrap_or_default()
    }

    /// The mean of the outline's corners on its own view: inside the area (the outline is
    /// convex), so the map puts the area's own control there.
    pub fn centre(self) -> (f32, f32) {
        let points = self.outline();
        #[expect(clippy::cast_precision_loss, reason = "a handful of corners")]
        let n = points.len().max(1) as f32;
        let (sx, sy) = points
            .iter()
            .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
        (sx / n, sy / n)
    }

    /// Whether the point (in map units on `view`) lies inside the area's outline there.
    pub fn contains(self, view: View, point: (f32, f32)) -> bool {
        self.outline_on(view)
            .is_some_and(|outline| point_in_polygon(point, &outline))
    }

    /// The area whose outline on `view` holds the point (in map units), if any.
    pub fn at(view: View, point: (f32, f32)) -> Option<BodyArea> {
        BodyArea::ALL
            .into_iter()
            .find(|area| area.contains(view, point))
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

// The silhouette, in map units (the figure's box is 60 × 82).
const NECK: &[(f32, f32)] = &[(26.0, 12.0), (34.0, 12.0), (35.0, 22.0), (25.0, 22.0)];
const TRUNK: &[(f32, f32)] = &[
    (22.0, 20.0),
    (38.0, 20.0),
    (45.0, 21.5),
    (48.5, 25.0),
    (49.0, 30.0),
    (47.0, 50.0),
    (45.0, 64.0),
    (15.0, 64.0),
    (13.0, 50.0),
    (11.0, 30.0),
    (11.5, 25.0),
    (15.0, 21.5),
];
/// The hips, overlapping the trunk's lower edge.
const HIPS: &[(f32, f32)] = &[(15.5, 58.0), (44.5, 58.0), (45.5, 80.0), (14.5, 80.0)];
/// The arm on the left of the back figure (the person's left arm seen from behind).
const LEFT_ARM_BACK: &[(f32, f32)] = &[
    (9.5, 23.5),
    (14.0, 27.0),
    (9.5, 68.0),
    (3.5, 67.0),
    (4.5, 29.0),
];
/// The arm on the right of the back figure.
const RIGHT_ARM_BACK: &[(f32, f32)] = &[
    (50.5, 23.5),
    (55.5, 29.0),
    (56.5, 67.0),
    (50.5, 68.0),
    (46.0, 27.0),
];
/// The hands, at the ends of the arms: centres and radius, in map units.
pub const HANDS: [(f32, f32); 2] = [(6.5, 71.0), (53.5, 71.0)];
/// The radius of each hand, in map units.
pub const HAND_RADIUS: f32 = 3.2;

// The areas of the back figure.
const NECK_BASE: [(f32, f32); 4] = [(26.5, 14.5), (33.5, 14.5), (34.5, 22.0), (25.5, 22.0)];
const LEFT_TRAPEZIUS: [(f32, f32); 4] = [(24.5, 22.0), (24.5, 27.5), (15.0, 28.5), (16.0, 23.0)];
const BETWEEN_BLADES: [(f32, f32); 4] = [(27.0, 29.0), (33.0, 29.0), (33.0, 50.0), (27.0, 50.0)];
const LEFT_BLADE: [(f32, f32); 5] = [
    (25.5, 29.0),
    (25.5, 46.0),
    (21.0, 50.0),
    (15.0, 36.0),
    (16.0, 30.0),
];
const MID_BACK: [(f32, f32); 4] = [(23.0, 52.0), (37.0, 52.0), (37.0, 68.0), (23.0, 68.0)];
const LEFT_RIBS: [(f32, f32); 4] = [(14.5, 52.0), (21.5, 52.0), (21.5, 72.0), (16.5, 72.0)];

// The areas of the front figure.
const CHEST: [(f32, f32); 6] = [
    (18.0, 28.0),
    (42.0, 28.0),
    (45.0, 36.0),
    (41.0, 46.0),
    (19.0, 46.0),
    (15.0, 36.0),
];
const RIBS_FRONT: [(f32, f32); 4] = [(15.0, 48.5), (45.0, 48.5), (43.5, 64.0), (16.5, 64.0)];

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

    /// Whether a polygon turns the same way at every corner (convex, no seams when filled).
    fn is_convex(points: &[(f32, f32)]) -> bool {
        let n = points.len();
        let turns: Vec<f32> = (0..n)
            .map(|i| {
                let (a, b, c) = (points[i], points[(i + 1) % n], points[(i + 2) % n]);
                (b.0 - a.0) * (c.1 - b.1) - (b.1 - a.1) * (c.0 - b.0)
            })
            .collect();
        turns.iter().all(|t| *t > 0.0) || turns.iter().all(|t| *t < 0.0)
    }

    #[test]
    fn each_area_is_found_at_its_own_centre_and_nowhere_else() {
        for area in BodyArea::ALL {
            let c = area.centre();
            let view = area.view();
            assert_eq!(BodyArea::at(view, c), Some(area), "{area:?} at {c:?}");
            for other in BodyArea::ALL.into_iter().filter(|o| *o != area) {
                assert!(
                    !other.contains(view, c),
                    "{other:?} overlaps {area:?} at {c:?}"
                );
            }
        }
        assert_eq!(BodyArea::at(View::Back, (1.0, 81.0)), None);
        assert_eq!(BodyArea::at(View::Front, (1.0, 81.0)), None);
    }

    /// Every area and every piece of the silhouette is convex, so each fills as one shape
    /// without the seams of a fan of triangles, and lies inside the figure's box.
    #[test]
    fn every_shape_is_convex_and_inside_the_box() {
        let shapes = BodyArea::ALL
            .into_iter()
            .flat_map(|a| View::ALL.into_iter().filter_map(move |v| a.outline_on(v)))
            .chain(SILHOUETTE.iter().map(|piece| piece.to_vec()));
        for shape in shapes {
            assert!(is_convex(&shape), "{shape:?} is not convex");
            assert!(
                shape.iter().all(
                    |&(x, y)| (0.0..=MAP_WIDTH).contains(&x) && (0.0..=MAP_HEIGHT).contains(&y)
                ),
                "{shape:?} leaves the box"
            );
        }
    }

    /// Seen from behind the person's left is on the left; from the front it is on the right,
    /// and each right-side area mirrors its left twin.
    #[test]
    fn left_and_right_sit_where_the_person_sees_them() {
        let left = BodyArea::LeftShoulderBlade.centre();
        let right = BodyArea::RightShoulderBlade.centre();
        assert!(left.0 < MAP_WIDTH / 2.0 && right.0 > MAP_WIDTH / 2.0);
        assert!((left.0 + right.0 - MAP_WIDTH).abs() < 1e-4 && (left.1 - right.1).abs() < 1e-4);
        let left_arm = BodyArea::LeftArm.centre();
        assert_eq!(BodyArea::LeftArm.view(), View::Front);
        assert!(
            left_arm.0 > MAP_WIDTH / 2.0,
            "the left arm is on the right, seen from the front"
        );
        let behind = BodyArea::at(View::Back, (MAP_WIDTH - left_arm.0, left_arm.1));
        assert_eq!(
            behind,
            Some(BodyArea::LeftArm),
            "and on the left, seen from behind"
        );
        assert_eq!(View::Back.sides(), ["Your left", "Your right"]);
        assert_eq!(View::Front.sides(), ["Your right", "Your left"]);
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
        assert_eq!(
            BodyArea::join(&[BodyArea::LeftArm, BodyArea::RightUpperTrapezius]),
            "Top of the right shoulder; Left arm"
        );
    }
}
