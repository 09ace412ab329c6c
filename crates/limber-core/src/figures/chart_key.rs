//! One chart language: what each mark of the pain-over-time chart looks like, in the app's
//! Progress chart and in the PDF report alike. Both read this table, so a circle, a diamond or
//! a colour means the same thing on the screen and on paper, and the legends match.
//!
//! The shapes alone tell the series apart (colour is never the only cue): pain before a session
//! is a circle, pain after a diamond, pain between sessions a triangle, a rest day a square on
//! the zero line; the 7-day mean is a line and the meaningful-change band a shaded strip.

use chrono::{Datelike as _, NaiveDate};

use super::MEANINGFUL_CHANGE_POINTS;

/// A colour as red, green and blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// This colour laid over white at `alpha` (0–255): the band as printed, where a page has no
    /// transparency to spare.
    #[must_use]
    pub fn over_white(self, alpha: u8) -> Rgb {
        let mix = |c: u8| {
            let (c, a) = (u16::from(c), u16::from(alpha));
            u8::try_from((c * a + 255 * (255 - a)) / 255).unwrap_or(u8::MAX)
        };
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A filled circle.
    Circle,
    /// A filled diamond (a square on its corner).
    Diamond,
    /// A filled triangle, point up.
    Triangle,
    /// A filled square.
    Square,
    /// A line through the points.
    Line,
    /// A shaded strip across the plot.
    Band,
}

/// One series of the chart: its shape, its words and its colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// How it is drawn.
    pub shape: Shape,
    /// Its name in the legend and hover text.
    pub label: &'static str,
    /// Its colour on a light background (and on paper).
    pub light: Rgb,
    /// Its colour on a dark background.
    pub dark: Rgb,
    /// How opaque a [`Shape::Band`] is laid over the plot (255 for everything else).
    pub alpha: u8,
}

impl Mark {
    /// The colour for a dark or a light background.
    pub fn color(&self, dark: bool) -> Rgb {
        if dark { self.dark } else { self.light }
    }
}

/// Pain rated before a session.
pub const BEFORE: Mark = Mark {
    shape: Shape::Circle,
    label: "Pain before",
    light: Rgb(190, 95, 10),
    dark: Rgb(240, 160, 80),
    alpha: 255,
};

/// Pain rated after a session.
pub const AFTER: Mark = Mark {
    shape: Shape::Diamond,
    label: "Pain after",
    light: Rgb(25, 90, 190),
    dark: Rgb(110, 170, 250),
    alpha: 255,
};

/// Pain logged between sessions ("How is your back now?").
pub const BETWEEN: Mark = Mark {
    shape: Shape::Triangle,
    label: "Pain between sessions",
    light: Rgb(120, 50, 160),
    dark: Rgb(200, 140, 240),
    alpha: 255,
};

/// A rest day, on the zero line.
pub const REST_DAY: Mark = Mark {
    shape: Shape::Square,
    label: "Rest day",
    light: Rgb(120, 90, 200),
    dark: Rgb(170, 150, 230),
    alpha: 255,
};

/// The 7-day mean of daily pain.
pub const AVERAGE: Mark = Mark {
    shape: Shape::Line,
    label: "7-day average",
    light: Rgb(34, 34, 34),
    dark: Rgb(235, 235, 235),
    alpha: 255,
};

/// The meaningful-change band around the level at the start (see [`super::Band`]).
pub const BAND: Mark = Mark {
    shape: Shape::Band,
    label: "Band",
    light: Rgb(60, 160, 90),
    dark: Rgb(120, 200, 140),
    alpha: 45,
};

/// Every series, in the legend's order.
pub const LEGEND: [Mark; 6] = [BEFORE, AFTER, BETWEEN, REST_DAY, AVERAGE, BAND];

/// What the band means, in the legend's words: where pain would have to leave to have changed
/// in a way that matters, measured from the first week of the period shown.
pub fn band_label() -> String {
    format!("\u{b1}{MEANINGFUL_CHANGE_POINTS:.0} points from your start")
}

/// A series' words in a legend: the band's say what it is; the others are their label.
pub fn legend_label(mark: &Mark) -> String {
    if mark.shape == Shape::Band {
        band_label()
    } else {
        mark.label.to_owned()
    }
}

/// How far apart the date labels under a chart are: a number of days (weeks start on Monday)
/// or of calendar months (from the first of a month).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateStep {
    /// Every `n` days.
    Days(u32),
    /// Every `n` months.
    Months(u32),
}

impl DateStep {
    /// The fewest days between two labels at this step (a month can be 28 days).
    pub fn min_days(self) -> u32 {
        match self {
            DateStep::Days(n) => n,
            DateStep::Months(n) => n * 28,
        }
    }

    /// Whether `date` carries a label at this step.
    pub fn marks(self, date: NaiveDate) -> bool {
        let day = date.num_days_from_ce();
        match self {
            DateStep::Days(1) => true,
            DateStep::Days(7) => date.weekday() == chrono::Weekday::Mon,
            DateStep::Days(14) => {
                date.weekday() == chrono::Weekday::Mon && (day / 7).rem_euclid(2) == 0
            }
            DateStep::Days(n) => day.rem_euclid(i32::try_from(n).unwrap_or(1).max(1)) == 0,
            DateStep::Months(n) => {
                let month = date.year() * 12 + i32::try_from(date.month0()).unwrap_or(0);
                date.day() == 1 && month.rem_euclid(i32::try_from(n).unwrap_or(1).max(1)) == 0
            }
        }
    }

    /// The labelled dates from `from` to `to`, both included.
    pub fn dates(self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        from.iter_days()
            .take_while(move |d| *d <= to)
            .filter(move |d| self.marks(*d))
    }
}

/// The steps a chart's date labels may take, closest first.
pub const DATE_STEPS: [DateStep; 11] = [
    DateStep::Days(1),
    DateStep::Days(2),
    DateStep::Days(7),
    DateStep::Days(14),
    DateStep::Months(1),
    DateStep::Months(2),
    DateStep::Months(3),
    DateStep::Months(6),
    DateStep::Months(12),
    DateStep::Months(24),
    DateStep::Months(60),
];

/// The closest step whose labels stay at least `label_width` apart when a day is `per_day`
/// wide (both in the same unit: pixels on screen, points on paper), so no two dates collide.
pub fn date_step(per_day: f64, label_width: f64) -> DateStep {
    DATE_STEPS
        .into_iter()
        .find(|step| f64::from(step.min_days()) * per_day >= label_width)
        .unwrap_or(DateStep::Months(60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_point_series_has_its_own_shape() {
        let points: Vec<Shape> = LEGEND
            .iter()
            .map(|m| m.shape)
            .filter(|s| !matches!(s, Shape::Line | Shape::Band))
            .collect();
        let mut unique = points.clone();
        unique.sort_by_key(|s| *s as u8);
        unique.dedup();
        assert_eq!(points.len(), unique.len(), "{points:?}");
        // The decision of issue 28: after is a diamond, rest days are the only squares.
        assert_eq!(AFTER.shape, Shape::Diamond);
        assert_eq!(REST_DAY.shape, Shape::Square);
    }

    #[test]
    fn the_band_says_how_wide_it_is() {
        assert_eq!(band_label(), "\u{b1}2 points from your start");
        assert_eq!(legend_label(&BEFORE), "Pain before");
    }

    #[test]
    fn date_labels_never_collide_and_are_as_close_as_they_can_be() {
        // A plot 900 px wide (the Progress chart in a 1024 px window), labels 60 px wide.
        let (plot, label) = (900.0, 60.0);
        for span_days in [
            7.0, 14.0, 21.0, 30.0, 60.0, 90.0, 150.0, 365.0, 800.0, 3650.0,
        ] {
            let per_day = plot / span_days;
            let step = date_step(per_day, label);
            assert!(
                f64::from(step.min_days()) * per_day >= label,
                "{span_days} days: {step:?}"
            );
            let index = DATE_STEPS.iter().position(|s| *s == step).unwrap();
            if index > 0 {
                let closer = DATE_STEPS[index - 1];
                assert!(
                    f64::from(closer.min_days()) * per_day < label,
                    "{span_days}"
                );
            }
        }
        assert_eq!(date_step(900.0 / 21.0, 60.0), DateStep::Days(2));
        assert_eq!(date_step(900.0 / 150.0, 60.0), DateStep::Days(14));
        assert_eq!(date_step(900.0 / 3650.0, 60.0), DateStep::Months(12));
        // Wider labels (larger text) take a wider step.
        assert_eq!(date_step(900.0 / 21.0, 120.0), DateStep::Days(7));
    }

    #[test]
    fn steps_fall_on_mondays_and_firsts_of_months() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let weeks: Vec<_> = DateStep::Days(7).dates(day(3, 1), day(3, 20)).collect();
        assert_eq!(weeks, vec![day(3, 2), day(3, 9), day(3, 16)]);
        let quarters: Vec<_> = DateStep::Months(3).dates(day(1, 1), day(12, 31)).collect();
        assert_eq!(quarters, vec![day(1, 1), day(4, 1), day(7, 1), day(10, 1)]);
        let pairs = DateStep::Days(2).dates(day(3, 1), day(3, 10)).count();
        assert_eq!(pairs, 5);
    }

    #[test]
    fn over_white_mixes_towards_white() {
        assert_eq!(Rgb(0, 0, 0).over_white(255), Rgb(0, 0, 0));
        assert_eq!(Rgb(0, 0, 0).over_white(0), Rgb(255, 255, 255));
        let Rgb(r, g, b) = BAND.light.over_white(BAND.alpha);
        assert!(r > 200 && g > 200 && b > 200 && g > r, "{r} {g} {b}");
    }
}
