//! The pain-over-time chart of the PDF report: pain before and after each session as markers,
//! the figures' 7-day mean as a line and their meaningful-change band, on a 0–10 scale with the
//! dates of the period below. Every number drawn is read from [`Figures`].

use chrono::NaiveDate;

use crate::figures::{Figures, MEANINGFUL_CHANGE_POINTS, ROLLING_WINDOW_DAYS};
use crate::session::{PainScore, Session};

use super::layout::{Fonts, Marker, Op, RULE, Rgb, TextStyle, Weight};
use super::{Period, chart_series};

/// Pain before a session.
const BEFORE: Rgb = Rgb(0xbe, 0x5f, 0x0a);
/// Pain after a session.
const AFTER: Rgb = Rgb(0x19, 0x5a, 0xbe);
/// The rolling average line.
const AVERAGE: Rgb = Rgb(0x22, 0x22, 0x22);
/// The meaningful-change band.
const BAND: Rgb = Rgb(0xe8, 0xee, 0xf4);

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
    let legend_h = LABEL.line_height() + 2.0;
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

    legend(&mut ops, frame, fonts);

    if let Some(band) = figures.band(period.first_day()) {
        #[expect(clippy::cast_possible_truncation, reason = "pain is 0–10")]
        let (low, high) = (band.low as f32, band.high as f32);
        ops.push(Op::Rect {
            x: plot.x,
            y: y_of(high),
            w: plot.w,
            h: y_of(low) - y_of(high),
            color: BAND,
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
    for session in entries.iter().filter(|s| !s.is_rest_day()) {
        let x = x_of(session.local_date);
        for (score, color, marker) in [
            (session.pain_before, BEFORE, Marker::Circle),
            (session.pain_after, AFTER, Marker::Square),
        ] {
            if let Some(score) = score {
                ops.push(Op::Dot {
                    x,
                    y: y_of(f32::from(score.value())),
                    radius,
                    color,
                    marker,
                });
            }
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
            color: AVERAGE,
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

/// "● before  ■ after  — 7-day mean  ▒ ±2 points from the start", right-aligned above the
/// plot.
fn legend(ops: &mut Vec<Op>, frame: &Frame, fonts: &Fonts) {
    let entries = [
        (Some(Marker::Circle), BEFORE, "pain before".to_owned()),
        (Some(Marker::Square), AFTER, "pain after".to_owned()),
        (None, AVERAGE, format!("{ROLLING_WINDOW_DAYS}-day mean")),
        (
            None,
            BAND,
            format!("±{MEANINGFUL_CHANGE_POINTS:.0} points from the start"),
        ),
    ];
    let swatch_w = 12.0;
    let gap = 10.0;
    let total: f32 = entries
        .iter()
        .map(|(_, _, label)| swatch_w + 3.0 + fonts.width(label, LABEL.size, Weight::Regular) + gap)
        .sum();
    let mut x = frame.x + frame.w - total + gap;
    let baseline = frame.y + LABEL.size;
    let mid = baseline - LABEL.size * 0.35;
    for (marker, color, label) in entries {
        match marker {
            Some(marker) => ops.push(Op::Dot {
                x: x + swatch_w / 2.0,
                y: mid,
                radius: 2.2,
                color,
                marker,
            }),
            None if color == BAND => ops.push(Op::Rect {
                x,
                y: mid - 3.5,
                w: swatch_w,
                h: 7.0,
                color,
            }),
            None => ops.push(Op::Line {
                points: vec![(x, mid), (x + swatch_w, mid)],
                width: 1.6,
                color,
                dashed: false,
            }),
        }
        x += swatch_w + 3.0;
        let label_w = fonts.width(&label, LABEL.size, Weight::Regular);
        ops.push(text(x, baseline, label));
        x += label_w + gap;
    }
}

/// Date labels under the plot: about eight at most, on whole weeks from the first day.
fn date_ticks(
    ops: &mut Vec<Op>,
    period: Period,
    plot: &Frame,
    fonts: &Fonts,
    x_of: impl Fn(NaiveDate) -> f32,
) {
    let step = 7 * period.days().div_ceil(56).max(1);
    let format = if period.days() > 300 {
        "%b %Y"
    } else {
        "%-d %b"
    };
    let baseline = plot.y + plot.h + LABEL.line_height();
    for date in period.dates().step_by(usize::try_from(step).unwrap_or(7)) {
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
