//! The pain-over-time chart of the PDF report: pain before and after each session and between
//! sessions as markers, rest days on the zero line, the figures' 7-day mean as a line and their
//! meaningful-change band, on a 0–10 scale with the dates of the period below. Every number
//! drawn is read from [`Figures`]; every shape, colour and legend word from the chart key the
//! app's chart reads too ([`chart_key`]).

use chrono::NaiveDate;

use crate::figures::Figures;
use crate::figures::chart_key::{self, Mark, Shape};
use crate::session::{PainScore, Session};

use super::layout::{Fonts, Marker, Op, RULE, Rgb, TextStyle, Weight};
use super::{Period, chart_series};

/// A key colour as the page draws it (the light one: paper is light).
fn ink(mark: &Mark) -> Rgb {
    let chart_key::Rgb(r, g, b) = if mark.shape == Shape::Band {
        mark.light.over_white(mark.alpha)
    } else {
        mark.light
    };
    Rgb(r, g, b)
}

/// A key shape as a page marker (lines and the band have none).
fn marker(shape: Shape) -> Option<Marker> {
    match shape {
        Shape::Circle => Some(Marker::Circle),
        Shape::Diamond => Some(Marker::Diamond),
        Shape::Triangle => Some(Marker::Triangle),
        Shape::Square => Some(Marker::Square),
        Shape::Line | Shape::Band => None,
    }
}

/// Where the chart goes on the page, in points.
pub(super) struct Frame {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Size of axis labels and the legend.
const LABEL: TextStyle = TextStyle::regular(7.5).muted();

/// Draws the chart for `entries` (already limited to `period`) into `frame`.
pub(super) fn chart_ops(
    figures: &Figures,
    entries: &[&Session],
    period: Period,
    frame: &Frame,
    fonts: &Fonts,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let axis_w = fonts.width("10", LABEL.size, Weight::Regular) + 4.0;
    // The legend sits above the plot, outside it, on as many rows as it needs.
    let rows = legend_rows(fonts, frame.w);
    #[expect(clippy::cast_precision_loss, reason = "a legend has a few rows")]
    let legend_h = rows.len() as f32 * LABEL.line_height() + 2.0;
    let dates_h = LABEL.line_height() + 2.0;
    let plot = Frame {
        x: frame.x + axis_w,
        y: frame.y + legend_h,
        w: frame.w - axis_w,
        h: frame.h - legend_h - dates_h,
    };
    let y_of = |pain: f32| plot.y + plot.h * (1.0 - pain / f32::from(PainScore::MAX));
    #[expect(
        clippy::cast_precision_loss,
        reason = "a period has far fewer than 2^24 days"
    )]
    let days = period.days() as f32;
    let day_w = plot.w / days;
    let x_of = |date: NaiveDate| {
        #[expect(clippy::cast_precision_loss, reason = "see days")]
        let index = (date - period.first_day()).num_days() as f32;
        plot.x + (index + 0.5) * day_w
    };

    legend(&mut ops, frame, &rows);

    if let Some(band) = figures.band(period.first_day()) {
        #[expect(clippy::cast_possible_truncation, reason = "pain is 0–10")]
        let (low, high) = (band.low as f32, band.high as f32);
        ops.push(Op::Rect {
            x: plot.x,
            y: y_of(high),
            w: plot.w,
            h: y_of(low) - y_of(high),
            color: ink(&chart_key::BAND),
        });
    }
    for pain in (0..=PainScore::MAX).step_by(2) {
        let y = y_of(f32::from(pain));
        ops.push(Op::Line {
            points: vec![(plot.x, y), (plot.x + plot.w, y)],
            width: if pain == 0 { 0.8 } else { 0.4 },
            color: RULE,
            dashed: false,
        });
        let label = pain.to_string();
        let label_w = fonts.width(&label, LABEL.size, Weight::Regular);
        ops.push(text(plot.x - 3.0 - label_w, y + LABEL.size * 0.35, label));
    }
    date_ticks(&mut ops, period, &plot, fonts, x_of);

    let radius = (day_w * 0.3).clamp(0.7, 2.2);
    let mut dot = |x: f32, pain: u8, mark: &Mark| {
        if let Some(marker) = marker(mark.shape) {
            ops.push(Op::Dot {
                x,
                y: y_of(f32::from(pain)),
                radius,
                color: ink(mark),
                marker,
            });
        }
    };
    for session in entries {
        let x = x_of(session.local_date);
        if session.is_rest_day() {
            dot(x, 0, &chart_key::REST_DAY);
            continue;
        }
        for (score, mark) in [
            (session.pain_before, &chart_key::BEFORE),
            (session.pain_after, &chart_key::AFTER),
        ] {
            if let Some(score) = score {
                dot(x, score.value(), mark);
            }
        }
    }
    for entry in figures.log().pain_entries() {
        if period.contains(entry.local_date) {
            dot(
                x_of(entry.local_date),
                entry.pain.value(),
                &chart_key::BETWEEN,
            );
        }
    }

    let mut segment: Vec<(f32, f32)> = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    for (date, value) in chart_series(figures, period) {
        if previous.and_then(|p| p.succ_opt()) != Some(date) && !segment.is_empty() {
            push_average(&mut ops, std::mem::take(&mut segment));
        }
        #[expect(clippy::cast_possible_truncation, reason = "pain is 0–10")]
        let value = value as f32;
        segment.push((x_of(date), y_of(value)));
        previous = Some(date);
    }
    push_average(&mut ops, segment);
    ops
}

fn push_average(ops: &mut Vec<Op>, points: Vec<(f32, f32)>) {
    if points.len() > 1 {
        ops.push(Op::Line {
            points,
            width: 1.6,
            color: ink(&chart_key::AVERAGE),
            dashed: false,
        });
    }
}

fn text(x: f32, y: f32, text: String) -> Op {
    Op::Text {
        x,
        y,
        size: LABEL.size,
        weight: LABEL.weight,
        color: LABEL.color,
        text,
    }
}

/// The legend's swatch width and the gap after each entry, in points.
const SWATCH_W: f32 = 12.0;
const LEGEND_GAP: f32 = 10.0;

/// The chart key's entries with their label widths, split into rows that fit in `width`.
fn legend_rows(fonts: &Fonts, width: f32) -> Vec<Vec<(Mark, String, f32)>> {
    let mut rows: Vec<Vec<(Mark, String, f32)>> = vec![Vec::new()];
    let mut used = 0.0;
    for mark in chart_key::LEGEND {
        let label = chart_key::legend_label(&mark);
        let entry_w = SWATCH_W + 3.0 + fonts.width(&label, LABEL.size, Weight::Regular);
        if used + entry_w > width && used > 0.0 {
            rows.push(Vec::new());
            used = 0.0;
        }
        used += entry_w + LEGEND_GAP;
        if let Some(row) = rows.last_mut() {
            row.push((mark, label, entry_w));
        }
    }
    rows
}

/// "● Pain before  ◆ Pain after  ▲ Pain between sessions …", right-aligned above the plot,
/// with the shapes and colours the plot uses.
fn legend(ops: &mut Vec<Op>, frame: &Frame, rows: &[Vec<(Mark, String, f32)>]) {
    let mut baseline = frame.y + LABEL.size;
    for row in rows {
        let total: f32 = row.iter().map(|(_, _, w)| w + LEGEND_GAP).sum();
        let mut x = frame.x + frame.w - total + LEGEND_GAP;
        let mid = baseline - LABEL.size * 0.35;
        for (mark, label, entry_w) in row {
            let color = ink(mark);
            match marker(mark.shape) {
                Some(marker) => ops.push(Op::Dot {
                    x: x + SWATCH_W / 2.0,
                    y: mid,
                    radius: 2.2,
                    color,
                    marker,
                }),
                None if mark.shape == Shape::Band => ops.push(Op::Rect {
                    x,
                    y: mid - 3.5,
                    w: SWATCH_W,
                    h: 7.0,
                    color,
                }),
                None => ops.push(Op::Line {
                    points: vec![(x, mid), (x + SWATCH_W, mid)],
                    width: 1.6,
                    color,
                    dashed: false,
                }),
            }
            ops.push(text(x + SWATCH_W + 3.0, baseline, label.clone()));
            x += entry_w + LEGEND_GAP;
        }
        baseline += LABEL.line_height();
    }
}

/// Date labels under the plot, thinned to fit: the closest step of the chart key's that keeps
/// them apart ([`chart_key::date_step`]), on Mondays or firsts of months.
fn date_ticks(
    ops: &mut Vec<Op>,
    period: Period,
    plot: &Frame,
    fonts: &Fonts,
    x_of: impl Fn(NaiveDate) -> f32,
) {
    #[expect(
        clippy::cast_precision_loss,
        reason = "a period has far fewer than 2^24 days"
    )]
    let day_w = f64::from(plot.w) / period.days() as f64;
    let room = |sample: &str| f64::from(fonts.width(sample, LABEL.size, Weight::Regular) + 6.0);
    let mut step = chart_key::date_step(day_w, room("30 Sep"));
    if matches!(step, chart_key::DateStep::Months(_)) {
        step = chart_key::date_step(day_w, room("Sep 2026"));
    }
    let format = match step {
        chart_key::DateStep::Days(_) => "%-d %b",
        chart_key::DateStep::Months(n) if n >= 12 => "%Y",
        chart_key::DateStep::Months(_) => "%b %Y",
    };
    let baseline = plot.y + plot.h + LABEL.line_height();
    for date in step.dates(period.first_day(), period.last_day()) {
        let x = x_of(date);
        ops.push(Op::Line {
            points: vec![(x, plot.y + plot.h), (x, plot.y + plot.h + 2.5)],
            width: 0.5,
            color: RULE,
            dashed: false,
        });
        let label = date.format(format).to_string();
        let label_w = fonts.width(&label, LABEL.size, Weight::Regular);
        ops.push(text(x - label_w / 2.0, baseline, label));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Routine;
    use crate::log::SessionLog;
    use crate::session::RestReason;
    use chrono::{Days, FixedOffset, TimeZone as _, Utc};
    use limber_core::pain_entry::PainEntry;

    fn chart(days: u64) -> Vec<Op> {
        let routine = Routine::built_in().unwrap();
        let first = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let utc = FixedOffset::east_opt(0).unwrap();
        let at =
            |day: NaiveDate, hour| Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap());
        let mut log = SessionLog::default();
        for i in 0..days.min(60) {
            let day = first + Days::new(i);
            if i == 3 {
                log.put_session(Session::rest_day(at(day, 8), utc, RestReason::FlareUp));
                continue;
            }
            let mut s = Session::start(at(day, 8), utc, 1);
            s.pain_before = PainScore::new(5);
            s.pain_after = PainScore::new(3);
            log.put_session(s);
        }
        let pain = PainScore::new(6).unwrap();
        log.put_pain_entry(PainEntry::new(at(first, 20), utc, pain, Vec::new(), ""));
        let period = Period::new(first, first + Days::new(days - 1)).unwrap();
        let input = crate::figures::FiguresInput {
            routine: &routine,
            previous_routine: None,
            today: period.last_day(),
        };
        let figures = Figures::of(&log, &input);
        let entries = super::super::entries(&log, period);
        let frame = Frame {
            x: 50.0,
            y: 100.0,
            w: 495.0,
            h: 150.0,
        };
        chart_ops(&figures, &entries, period, &frame, &Fonts::load().unwrap())
    }

    #[test]
    fn each_series_has_the_chart_keys_shape_and_colour() {
        let ops = chart(28);
        let dots: Vec<(Marker, Rgb)> = ops
            .iter()
            .filter_map(|op| match op {
                Op::Dot { marker, color, .. } => Some((*marker, *color)),
                _ => None,
            })
            .collect();
        for (mark, marker) in [
            (chart_key::BEFORE, Marker::Circle),
            (chart_key::AFTER, Marker::Diamond),
            (chart_key::BETWEEN, Marker::Triangle),
            (chart_key::REST_DAY, Marker::Square),
        ] {
            assert!(dots.contains(&(marker, ink(&mark))), "{}", mark.label);
        }
        // Pain after is a diamond, never a square (the squares are rest days).
        assert!(!dots.contains(&(Marker::Square, ink(&chart_key::AFTER))));
        // The legend names every series, band included, in the key's words.
        for mark in chart_key::LEGEND {
            let label = chart_key::legend_label(&mark);
            assert!(
                ops.iter()
                    .any(|op| matches!(op, Op::Text { text, .. } if *text == label)),
                "{label}"
            );
        }
    }

    #[test]
    fn the_legend_is_outside_the_plot_and_dates_do_not_collide() {
        let fonts = Fonts::load().unwrap();
        for days in [7, 28, 90, 365, 3650] {
            let ops = chart(days);
            // The top grid line (pain 10, as wide as the plot) is its top edge; every legend word is above.
            let top = ops
                .iter()
                .filter_map(|op| match op {
                    Op::Line { points, .. }
                        if points.len() == 2 && points[1].0 - points[0].0 > 100.0 =>
                    {
                        Some(points[0].1)
                    }
                    _ => None,
                })
                .fold(f32::INFINITY, f32::min);
            let legend_words: Vec<String> = chart_key::LEGEND
                .iter()
                .map(chart_key::legend_label)
                .collect();
            for op in &ops {
                if let Op::Text { y, text, .. } = op
                    && legend_words.contains(text)
                {
                    assert!(*y < top, "{days} days: {text} at {y}, plot from {top}");
                }
            }
            let bottom = ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text { y, .. } => Some(*y),
                    _ => None,
                })
                .fold(0.0, f32::max);
            let mut labels: Vec<(f32, f32)> = ops
                .iter()
                .filter_map(|op| match op {
                    Op::Text {
                        x, y, text, size, ..
                    } if (*y - bottom).abs() < 0.01 => {
                        Some((*x, *x + fonts.width(text, *size, Weight::Regular)))
                    }
                    _ => None,
                })
                .collect();
            labels.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert!(labels.len() >= 2, "{days} days: {labels:?}");
            for pair in labels.windows(2) {
                assert!(pair[0].1 < pair[1].0, "{days} days: {pair:?}");
            }
        }
    }
}
