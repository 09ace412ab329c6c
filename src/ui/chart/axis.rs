//! The chart's date axis: grid marks on days, weeks, months or years, thinned so that no two
//! date labels collide at the plot's width (the step is the core chart key's
//! [`chart_key::date_step`], which the PDF uses too), and their text.

use std::ops::RangeInclusive;

use chrono::Datelike as _;
use egui_plot::{GridInput, GridMark};

use crate::core::figures::chart_key::{self, DateStep};

use super::{day_x, x_date};

/// `egui_plot` leaves out x labels closer than this many points (its default spacing).
const PLOT_MIN_LABEL_SPACING: f64 = 61.0;
/// Room kept between two labels, in points.
const LABEL_GAP: f64 = 16.0;

/// What the date axis needs to thin its labels: the plot's width and how wide a label is.
#[derive(Clone, Copy, Debug)]
pub(super) struct DateSpacing {
    /// The plot's width in points.
    width: f64,
    /// The widest day label ("30 Sep") with its gap.
    day_label: f64,
    /// The widest month label ("Sep", "2026") with its gap.
    month_label: f64,
}

impl DateSpacing {
    /// Measures the labels in the body font (the one `egui_plot` draws them in) for a plot
    /// `width` wide.
    pub(super) fn for_width(ui: &egui::Ui, width: f32) -> DateSpacing {
        let font = egui::TextStyle::Body.resolve(ui.style());
        let measure = |text: &str| {
            let width = ui.fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE)
                    .size()
                    .x
            });
            (f64::from(width) + LABEL_GAP).max(PLOT_MIN_LABEL_SPACING)
        };
        DateSpacing {
            width: f64::from(width.max(1.0)),
            day_label: measure("30 Sep"),
            month_label: measure("Sep").max(measure("2026")),
        }
    }

    /// The step of the labels for a view of `span_days` days.
    pub(super) fn step(&self, span_days: f64) -> DateStep {
        let per_day = self.width / span_days.max(1.0);
        match chart_key::date_step(per_day, self.day_label) {
            DateStep::Months(_) => chart_key::date_step(per_day, self.month_label),
            days @ DateStep::Days(_) => days,
        }
    }

    /// Grid marks for the view, one per label, all of the same step (so `egui_plot` shows them
    /// all, and no two overlap).
    pub(super) fn grid(&self, input: &GridInput) -> Vec<GridMark> {
        let (min, max) = input.bounds;
        let (Some(start), Some(end)) = (x_date(min), x_date(max)) else {
            return Vec::new();
        };
        let step = self.step(max - min);
        let step_size = f64::from(step.min_days());
        step.dates(start, end)
            .map(|date| GridMark {
                value: day_x(date),
                step_size,
            })
            .collect()
    }
}

/// Axis text for a grid mark, by its step: day and month for days and weeks, the month (the
/// year in January) for months, the year for years.
pub(super) fn date_tick(mark: GridMark, _range: &RangeInclusive<f64>) -> String {
    let Some(date) = x_date(mark.value) else {
        return String::new();
    };
    let month_days = f64::from(DateStep::Months(1).min_days());
    let year_days = f64::from(DateStep::Months(12).min_days());
    if mark.step_size < month_days {
        date.format("%-d %b").to_string()
    } else if mark.step_size < year_days && date.month() != 1 {
        date.format("%b").to_string()
    } else {
        date.format("%Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At 1024 px (a plot about 900 px wide) and at any zoom, the labels of neighbouring marks
    /// are further apart than a label is wide (issue 28: they collided).
    #[test]
    fn labels_are_thinned_to_the_plots_width() {
        let spacing = DateSpacing {
            width: 900.0,
            day_label: 62.0,
            month_label: 61.0,
        };
        for span in [7.0, 21.0, 45.0, 120.0, 150.0, 400.0, 1000.0, 3650.0] {
            let per_day = 900.0 / span;
            let input = GridInput {
                bounds: (20_000.0, 20_000.0 + span),
                base_step_size: 1.0,
            };
            let marks = spacing.grid(&input);
            assert!(!marks.is_empty(), "{span}");
            for pair in marks.windows(2) {
                let apart = (pair[1].value - pair[0].value) * per_day;
                assert!(apart >= 61.0, "{span} days: {apart} px apart");
            }
            assert!(
                marks.iter().all(|m| m.step_size * per_day >= 61.0),
                "{span}"
            );
        }
        // A narrower window takes a wider step.
        let narrow = DateSpacing {
            width: 400.0,
            ..spacing
        };
        assert_eq!(spacing.step(14.0), DateStep::Days(1));
        assert_eq!(narrow.step(14.0), DateStep::Days(7));
    }

    #[test]
    fn ticks_read_as_days_months_or_years() {
        let x = day_x(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
        let mark = |step_size| GridMark {
            value: x,
            step_size,
        };
        assert_eq!(date_tick(mark(7.0), &(0.0..=1.0)), "2 Mar");
        assert_eq!(date_tick(mark(28.0), &(0.0..=1.0)), "Mar");
        assert_eq!(date_tick(mark(336.0), &(0.0..=1.0)), "2026");
    }
}
