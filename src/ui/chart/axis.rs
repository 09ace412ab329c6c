//! The chart's date axis: grid marks on days, weeks, months or years by zoom, and their text.

use std::ops::RangeInclusive;

use chrono::{Datelike as _, Days, Months, NaiveDate};
use egui_plot::{GridInput, GridMark};

use super::{day_x, x_date};

/// Grid marks on whole days, weeks, months or years, depending on the zoom.
pub(super) fn date_grid(input: &GridInput) -> Vec<GridMark> {
    let (min, max) = input.bounds;
    let span_days = max - min;
    let (Some(start), Some(end)) = (x_date(min), x_date(max)) else {
        return Vec::new();
    };
    let mut marks = Vec::new();
    if span_days <= 21.0 {
        for date in start.iter_days().take_while(|d| *d <= end) {
            let step = if date.weekday() == chrono::Weekday::Mon {
                7.0
            } else {
                1.0
            };
            marks.push(GridMark {
                value: day_x(date),
                step_size: step,
            });
        }
    } else if span_days <= 150.0 {
        let mut date = crate::core::figures::week_start(start);
        while date <= end {
            let step = if date.day() <= 7 { 30.0 } else { 7.0 };
            marks.push(GridMark {
                value: day_x(date),
                step_size: step,
            });
            date = date + Days::new(7);
        }
    } else {
        let months = if span_days <= 800.0 {
            1
        } else if span_days <= 2500.0 {
            3
        } else {
            12
        };
        let mut date = NaiveDate::from_ymd_opt(start.year(), start.month(), 1).unwrap_or(start);
        while date <= end {
            let step = if date.month() == 1 {
                365.0
            } else {
                30.0 * f64::from(months)
            };
            if date.month0().is_multiple_of(months) {
                marks.push(GridMark {
                    value: day_x(date),
                    step_size: step,
                });
            }
            date = date
                .checked_add_months(Months::new(1))
                .unwrap_or(NaiveDate::MAX);
        }
    }
    marks
}

/// Axis text for a grid mark: day and month when zoomed in, month and year further out.
pub(super) fn date_tick(mark: GridMark, range: &RangeInclusive<f64>) -> String {
    let Some(date) = x_date(mark.value) else {
        return String::new();
    };
    let span = range.end() - range.start();
    if span <= 150.0 {
        date.format("%-d %b").to_string()
    } else if span <= 2500.0 || date.month() == 1 {
        if date.month() == 1 {
            date.format("%Y").to_string()
        } else {
            date.format("%b").to_string()
        }
    } else {
        String::new()
    }
}
