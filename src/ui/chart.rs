//! The pain-over-time chart: pain before and after each session, the 7-day average, rest days
//! and a band showing a change that matters.
//!
//! Everything drawn is prepared once per [`Figures`] in [`ChartData`] (the 7-day mean, the
//! weekly means and the band are the figures', never worked out here); a frame only slices the
//! visible part out of sorted vectors (a binary search), so a ten-year log costs no more per
//! frame than a two-week one. When more than [`DETAIL_MAX_DAYS`] are visible the chart shows
//! weekly means instead of single sessions.

mod axis;
mod legend;

use std::fmt::Write as _;
use std::ops::RangeInclusive;

use chrono::{Datelike as _, Days, NaiveDate};
use egui::{Ui, Vec2b};
use egui_plot::{Axis, GridMark, HoverPosition, Line, Plot, PlotPoint, Points, Span};

use crate::core::figures::chart_key;
use crate::core::figures::{Band, Figures, WeekPain};
use crate::core::session::{Session, SessionId, SessionKind};
use crate::ui::theme;

/// Above this many visible days the chart draws weekly means instead of single sessions.
pub const DETAIL_MAX_DAYS: f64 = 120.0;

// The series' names, shapes and colours are the chart key's, shared with the PDF.
const BEFORE_NAME: &str = chart_key::BEFORE.label;
const AFTER_NAME: &str = chart_key::AFTER.label;
const AVERAGE_NAME: &str = chart_key::AVERAGE.label;
const REST_NAME: &str = chart_key::REST_DAY.label;
const PAIN_NOW_NAME: &str = chart_key::BETWEEN.label;

/// The chart's x coordinate of a date: days since 1 January 1970.
pub fn day_x(date: NaiveDate) -> f64 {
    f64::from(
        i32::try_from(
            date.signed_duration_since(chrono::DateTime::UNIX_EPOCH.date_naive())
                .num_days(),
        )
        .unwrap_or(0),
    )
}

/// The date at a chart x coordinate (the day it falls in).
pub fn x_date(x: f64) -> Option<NaiveDate> {
    if !x.is_finite() || x.abs() > 1.0e7 {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "checked to be within ±10 million days"
    )]
    let days = x.floor() as i64;
    chrono::DateTime::UNIX_EPOCH
        .date_naive()
        .checked_add_signed(chrono::Duration::days(days))
}

/// What the hover label shows for one session.
#[derive(Clone, Debug)]
struct SessionInfo {
    id: SessionId,
    date: NaiveDate,
    before: Option<u8>,
    after: Option<u8>,
    symptoms: String,
    first_note_line: String,
}

/// Everything the chart draws, derived from one log revision.
#[derive(Default)]
pub struct ChartData {
    sessions: Vec<SessionInfo>,
    before: Vec<PlotPoint>,
    before_session: Vec<usize>,
    after: Vec<PlotPoint>,
    after_session: Vec<usize>,
    rest: Vec<PlotPoint>,
    rest_labels: Vec<String>,
    /// "How is your back now?" entries, placed by local time.
    pain_now: Vec<PlotPoint>,
    pain_now_labels: Vec<String>,
    weeks: Vec<WeekPain>,
    weekly_before: Vec<PlotPoint>,
    weekly_before_week: Vec<usize>,
    weekly_after: Vec<PlotPoint>,
    weekly_after_week: Vec<usize>,
    /// Daily 7-day average, split where it has no value.
    average: Vec<Vec<PlotPoint>>,
    /// The 7-day average each Sunday, for wide ranges.
    weekly_average: Vec<Vec<PlotPoint>>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl ChartData {
    /// Prepares the chart for the figures' log; `O(n log n)` in the number of sessions, done
    /// once per figures.
    #[expect(
        clippy::too_many_lines,
        reason = "each series of the chart is built in turn from the same pass"
    )]
    pub fn new(figures: &Figures) -> ChartData {
        let log = figures.log();
        let today = figures.today();
        let mut data = ChartData {
            first: log
                .sessions()
                .iter()
                .map(|s| s.local_date)
                .chain(log.pain_entries().iter().map(|e| e.local_date))
                .min(),
            last: log
                .sessions()
                .iter()
                .map(|s| s.local_date)
                .chain(log.pain_entries().iter().map(|e| e.local_date))
                .max(),
            ..ChartData::default()
        };
        // Each session sits on its local date, placed within the day by its local start time.
        let mut order: Vec<(f64, &Session)> = log
            .sessions()
            .iter()
            .map(|s| {
                let time = s.local_start().time();
                let secs = f64::from(chrono::Timelike::num_seconds_from_midnight(&time));
                (day_x(s.local_date) + secs / 86_400.0, s)
            })
            .collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (x, session) in order {
            if let SessionKind::RestDay(reason) = &session.kind {
                data.rest
                    .push(PlotPoint::new(day_x(session.local_date) + 0.5, 0.0));
                data.rest_labels.push(format!(
                    "{}\nRest day: {}",
                    long_date(session.local_date),
                    reason.label()
                ));
                continue;
            }
            let index = data.sessions.len();
            if let Some(score) = session.pain_before {
                data.before
                    .push(PlotPoint::new(x, f64::from(score.value())));
                data.before_session.push(index);
            }
            if let Some(score) = session.pain_after {
                data.after.push(PlotPoint::new(x, f64::from(score.value())));
                data.after_session.push(index);
            }
            let symptoms: Vec<&str> = session.symptoms.iter().map(|s| s.label()).collect();
            data.sessions.push(SessionInfo {
                id: session.id.clone(),
                date: session.local_date,
                before: session.pain_before.map(u8::from),
                after: session.pain_after.map(u8::from),
                symptoms: symptoms.join(", "),
                first_note_line: session
                    .notes
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            });
        }
        let mut entries: Vec<_> = log.pain_entries().iter().collect();
        entries.sort_by_key(|e| e.at);
        for entry in entries {
            let time = entry.local_time();
            let secs = f64::from(chrono::Timelike::num_seconds_from_midnight(&time.time()));
            data.pain_now.push(PlotPoint::new(
                day_x(entry.local_date) + secs / 86_400.0,
                f64::from(entry.pain.value()),
            ));
            let mut label = format!(
                "{} {}\nPain now: {}",
                long_date(entry.local_date),
                time.format("%H:%M"),
                entry.pain
            );
            if !entry.areas.is_empty() {
                label.push('\n');
                label.push_str(&crate::core::body_area::BodyArea::join(&entry.areas));
            }
            if let Some(line) = entry.note.lines().next() {
                label.push('\n');
                label.push_str(line);
            }
            data.pain_now_labels.push(label);
        }
        data.weeks = figures.weekly_pain().to_vec();
        for (w, week) in data.weeks.iter().enumerate() {
            let x = day_x(week.week_start) + 3.5;
            if let Some(mean) = week.mean_before {
                data.weekly_before.push(PlotPoint::new(x, mean));
                data.weekly_before_week.push(w);
            }
            if let Some(mean) = week.mean_after {
                data.weekly_after.push(PlotPoint::new(x, mean));
                data.weekly_after_week.push(w);
            }
        }
        let daily = figures.pain().daily();
        if let (Some(first), Some(last)) = (daily.first(), daily.last()) {
            let end = (last.0 + Days::new(6)).min(today.max(last.0));
            let series = figures.pain().rolling(first.0, end);
            data.average = segments(series.iter().map(|(d, a)| (day_x(*d) + 0.5, *a)));
            data.weekly_average = segments(
                series
                    .iter()
                    .filter(|(d, _)| d.weekday() == chrono::Weekday::Sun)
                    .map(|(d, a)| (day_x(*d) + 0.5, *a)),
            );
        }
        data
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty() && self.rest.is_empty() && self.pain_now.is_empty()
    }

    /// The first and last dates in the log.
    pub fn date_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.first?, self.last?))
    }

    /// The 7-day mean as drawn: one run of points per stretch of days that have one.
    pub fn average_points(&self) -> &[Vec<PlotPoint>] {
        &self.average
    }

    fn session_label(&self, index: usize) -> Option<String> {
        let info = self.sessions.get(index)?;
        let score = |s: Option<u8>| s.map_or_else(|| "not rated".to_owned(), |v| format!("{v}/10"));
        let mut text = format!(
            "{}\nPain before: {}\nPain after: {}",
            long_date(info.date),
            score(info.before),
            score(info.after)
        );
        if !info.symptoms.is_empty() {
            let _ = write!(text, "\nFelt: {}", info.symptoms);
        }
        if !info.first_note_line.is_empty() {
            let _ = write!(text, "\nNote: {}", info.first_note_line);
        }
        text.push_str("\nClick to open this session");
        Some(text)
    }

    fn week_label(&self, index: usize) -> Option<String> {
        let week = self.weeks.get(index)?;
        let mean =
            |m: Option<f64>| m.map_or_else(|| "not rated".to_owned(), |v| format!("{v:.1}/10"));
        Some(format!(
            "Week of {}\n{} session{}\nAverage pain before: {}\nAverage pain after: {}\nZoom in to see single sessions",
            long_date(week.week_start),
            week.sessions,
            if week.sessions == 1 { "" } else { "s" },
            mean(week.mean_before),
            mean(week.mean_after)
        ))
    }
}

/// Splits `(x, value)` pairs into runs of consecutive values, dropping the gaps.
fn segments(points: impl Iterator<Item = (f64, Option<f64>)>) -> Vec<Vec<PlotPoint>> {
    let mut runs: Vec<Vec<PlotPoint>> = Vec::new();
    let mut current: Vec<PlotPoint> = Vec::new();
    for (x, value) in points {
        if let Some(y) = value {
            current.push(PlotPoint::new(x, y));
        } else if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// The part of a sorted point list within `x` (with the index of its first element).
fn visible<'p>(points: &'p [PlotPoint], x: &RangeInclusive<f64>) -> (usize, &'p [PlotPoint]) {
    let from = points.partition_point(|p| p.x < *x.start());
    let to = points.partition_point(|p| p.x <= *x.end());
    (from, points.get(from..to.max(from)).unwrap_or_default())
}

/// "Monday 2 March 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// Room the y axis (its numbers and its label) takes from the plot's width, in points.
const AXIS_WIDTH: f32 = 48.0;

/// What happened in the chart this frame.
#[derive(Clone, Debug, Default)]
pub struct ChartOutput {
    /// The visible x range after this frame's pan and zoom.
    pub x_range: Option<(f64, f64)>,
    /// A session the person clicked.
    pub clicked_session: Option<SessionId>,
}

#[expect(
    clippy::too_many_lines,
    reason = "one plot: its items, hover text and click handling read best together"
)]
/// Draws the chart. `set_x` moves the view (after a range button); `view_x` is the range seen
/// last frame, which decides between single sessions and weekly means; `band` is the figures'
/// meaningful-change band.
pub fn pain_chart_ui(
    ui: &mut Ui,
    data: &ChartData,
    set_x: Option<(f64, f64)>,
    view_x: (f64, f64),
    band: Option<Band>,
    height: f32,
) -> ChartOutput {
    let visuals = ui.visuals().clone();
    let (view_min, view_max) = set_x.unwrap_or(view_x);
    let detailed = view_max - view_min <= DETAIL_MAX_DAYS;
    // Draw a margin of one view width on either side so panning shows no empty edge.
    let width = (view_max - view_min).max(1.0);
    let x = (view_min - width)..=(view_max + width);

    let (before_offset, before) = if detailed {
        visible(&data.before, &x)
    } else {
        visible(&data.weekly_before, &x)
    };
    let (after_offset, after) = if detailed {
        visible(&data.after, &x)
    } else {
        visible(&data.weekly_after, &x)
    };
    let (rest_offset, rest) = visible(&data.rest, &x);
    let (pain_now_offset, pain_now) = if detailed {
        visible(&data.pain_now, &x)
    } else {
        (0, &[][..])
    };
    let averages = if detailed {
        &data.average
    } else {
        &data.weekly_average
    };

    let label = move |position: &HoverPosition<'_>| -> Option<String> {
        match position {
            HoverPosition::NearDataPoint {
                plot_name, index, ..
            } => match *plot_name {
                BEFORE_NAME if detailed => data
                    .before_session
                    .get(before_offset + index)
                    .and_then(|i| data.session_label(*i)),
                AFTER_NAME if detailed => data
                    .after_session
                    .get(after_offset + index)
                    .and_then(|i| data.session_label(*i)),
                BEFORE_NAME => data
                    .weekly_before_week
                    .get(before_offset + index)
                    .and_then(|w| data.week_label(*w)),
                AFTER_NAME => data
                    .weekly_after_week
                    .get(after_offset + index)
                    .and_then(|w| data.week_label(*w)),
                REST_NAME => data.rest_labels.get(rest_offset + index).cloned(),
                PAIN_NOW_NAME => data.pain_now_labels.get(pain_now_offset + index).cloned(),
                AVERAGE_NAME => {
                    x_date(position_x(position)).map(|d| format!("{}\n7-day average", long_date(d)))
                }
                _ => None,
            },
            HoverPosition::Elsewhere { position } => x_date(position.x).map(long_date),
        }
    };

    // The legend goes above the plot, outside it; the dates below are thinned to fit its width.
    legend::legend_ui(ui);
    let spacing = axis::DateSpacing::for_width(ui, ui.available_width() - AXIS_WIDTH);
    let plot = Plot::new("pain_over_time")
        .height(height)
        .allow_zoom(Vec2b::new(true, false))
        .allow_drag(Vec2b::new(true, false))
        .allow_scroll(Vec2b::new(true, false))
        .allow_axis_zoom_drag(Vec2b::new(true, false))
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_crosshair(false)
        .y_axis_label("Pain (0–10)")
        .y_grid_spacer(|input| {
            let (min, max) = input.bounds;
            (0..=10)
                .map(f64::from)
                .filter(|v| *v >= min && *v <= max)
                .map(|value| GridMark {
                    value,
                    step_size: if value % 5.0 == 0.0 { 5.0 } else { 1.0 },
                })
                .collect()
        })
        .x_grid_spacer(move |input| spacing.grid(&input))
        .x_axis_formatter(axis::date_tick)
        .label_formatter(label);

    let response = plot.show(ui, |plot_ui| {
        if let Some((min, max)) = set_x {
            plot_ui.set_plot_bounds_x(min..=max);
        }
        plot_ui.set_plot_bounds_y(-0.7..=10.7);
        if let Some(Band { low, high, .. }) = band {
            plot_ui.span(
                // Unnamed: the legend above says what it is (a name would be drawn over the
                // plot's right edge, cut short).
                Span::new("", low..=high)
                    .axis(Axis::Y)
                    .fill(theme::band(&visuals)),
            );
        }
        for run in averages {
            let (_, slice) = visible(run, &x);
            if !slice.is_empty() {
                plot_ui.line(
                    Line::new(AVERAGE_NAME, slice)
                        .color(theme::average(&visuals))
                        .width(2.5),
                );
            }
        }
        plot_ui.points(
            Points::new(REST_NAME, rest)
                .shape(legend::marker_shape(chart_key::REST_DAY.shape))
                .radius(6.0)
                .color(theme::rest_day(&visuals)),
        );
        plot_ui.points(
            Points::new(PAIN_NOW_NAME, pain_now)
                .shape(legend::marker_shape(chart_key::BETWEEN.shape))
                .radius(5.0)
                .filled(true)
                .color(theme::pain_now(&visuals)),
        );
        plot_ui.points(
            Points::new(BEFORE_NAME, before)
                .shape(legend::marker_shape(chart_key::BEFORE.shape))
                .radius(if detailed { 4.5 } else { 3.0 })
                .filled(true)
                .color(theme::pain_before(&visuals)),
        );
        plot_ui.points(
            Points::new(AFTER_NAME, after)
                .shape(legend::marker_shape(chart_key::AFTER.shape))
                .radius(if detailed { 5.0 } else { 3.5 })
                .filled(true)
                .color(theme::pain_after(&visuals)),
        );
    });

    response.response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            "Chart of pain before and after each session over time. Drag to move, scroll or pinch to zoom.",
        )
    });
    let bounds = response.transform.bounds();
    let mut output = ChartOutput {
        x_range: Some((bounds.min()[0], bounds.max()[0])),
        clicked_session: None,
    };
    if detailed
        && response.response.clicked()
        && let Some(pointer) = response.response.interact_pointer_pos()
    {
        {
            let nearest = before
                .iter()
                .enumerate()
                .map(|(i, p)| (data.before_session.get(before_offset + i), p))
                .chain(
                    after
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (data.after_session.get(after_offset + i), p)),
                )
                .filter_map(|(session, p)| {
                    let distance = response.transform.position_from_point(p).distance(pointer);
                    Some((*session?, distance))
                })
                .filter(|(_, distance)| *distance <= 14.0)
                .min_by(|a, b| a.1.total_cmp(&b.1));
            output.clicked_session = nearest
                .and_then(|(session, _)| data.sessions.get(session))
                .map(|info| info.id.clone());
        }
    }
    output
}

fn position_x(position: &HoverPosition<'_>) -> f64 {
    match position {
        HoverPosition::NearDataPoint { position, .. } | HoverPosition::Elsewhere { position } => {
            position.x
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_x_and_x_date_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        assert_eq!(x_date(day_x(date) + 0.99), Some(date));
        assert_eq!(x_date(f64::NAN), None);
    }

    #[test]
    fn segments_split_at_gaps() {
        let runs = segments(
            [
                (0.0, Some(1.0)),
                (1.0, None),
                (2.0, Some(2.0)),
                (3.0, Some(3.0)),
            ]
            .into_iter(),
        );
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[1].len(), 2);
    }

    #[test]
    fn visible_slices_by_x() {
        let points: Vec<PlotPoint> = (0..10).map(|i| PlotPoint::new(f64::from(i), 0.0)).collect();
        let (offset, slice) = visible(&points, &(2.5..=5.0));
        assert_eq!(offset, 3);
        assert_eq!(slice.len(), 3);
    }
}
