//! Draws the laid-out page with krilla: fills, strokes, dots and text runs in the embedded
//! faces (and the system faces for other scripts), into one PDF page.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::script_fonts::is_right_to_left;

use super::ExportError;
use super::layout::{BOLD_TTF, FaceChoice, Fonts, Marker, Op, Page, REGULAR_TTF, Rgb, Weight};
use super::pdf::ReportOptions;

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: krilla::paint::FillRule::default(),
    }
}

fn stroke(color: Rgb, width: f32, dashed: bool) -> Stroke {
    Stroke {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        dash: dashed.then(|| StrokeDash {
            array: vec![3.0, 2.0],
            offset: 0.0,
        }),
        ..Stroke::default()
    }
}

/// The Bézier handle length that makes four cubic curves a circle.
const CIRCLE_K: f32 = 0.552_284_8;

/// One line of text at `(x, y)`, cut into runs of one face and one direction.
fn draw_line(
    surface: &mut Surface<'_>,
    (x, y): (f32, f32),
    size: f32,
    weight: Weight,
    text: &str,
    faces: &Faces,
    fonts: &Fonts,
) {
    let mut runs = fonts.runs(text, weight);
    // A line that starts in a right-to-left script reads from the right: its runs are
    // laid out in reverse (each run is shaped in its own direction by krilla).
    let first_strong = text.chars().find(|c| c.is_alphabetic());
    if first_strong.is_some_and(is_right_to_left) {
        runs.reverse();
    }
    let mut run_x = x;
    for run in &runs {
        let font = match (run.face, weight) {
            (FaceChoice::Fallback(i), _) => faces.fallbacks.get(i),
            (FaceChoice::Bundled, Weight::Regular) => None,
            (FaceChoice::Bundled, Weight::Bold) => Some(&faces.bold),
        }
        .unwrap_or(&faces.regular);
        let direction = if run.right_to_left {
            TextDirection::RightToLeft
        } else {
            TextDirection::LeftToRight
        };
        surface.draw_text(
            Point::from_xy(run_x, y),
            font.clone(),
            size,
            &run.text,
            false,
            direction,
        );
        run_x += fonts.run_width(run, size, weight);
    }
}

/// The faces a report is drawn with.
struct Faces {
    regular: Font,
    bold: Font,
    fallbacks: Vec<Font>,
}

fn draw_op(surface: &mut Surface<'_>, op: &Op, faces: &Faces, fonts: &Fonts) {
    match op {
        Op::Text {
            x,
            y,
            size,
            weight,
            color,
            text,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(fill(*color)));
            draw_line(surface, (*x, *y), *size, *weight, text, faces, fonts);
        }
        Op::Line {
            points,
            width,
            color,
            dashed,
        } => {
            let mut builder = PathBuilder::new();
            for (i, (x, y)) in points.iter().enumerate() {
                if i == 0 {
                    builder.move_to(*x, *y);
                } else {
                    builder.line_to(*x, *y);
                }
            }
            if let Some(path) = builder.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(stroke(*color, *width, *dashed)));
                surface.draw_path(&path);
            }
        }
        Op::Rect { x, y, w, h, color } => {
            let mut builder = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                builder.push_rect(rect);
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
        Op::Dot {
            x,
            y,
            radius: r,
            color,
            marker,
        } => {
            let mut builder = PathBuilder::new();
            match marker {
                Marker::Square => {
                    if let Some(rect) = Rect::from_xywh(x - r, y - r, 2.0 * r, 2.0 * r) {
                        builder.push_rect(rect);
                    }
                }
                Marker::Diamond => {
                    // The same area as the square the radius would give.
                    let d = r * std::f32::consts::SQRT_2;
                    builder.move_to(*x, y - d);
                    builder.line_to(x + d, *y);
                    builder.line_to(*x, y + d);
                    builder.line_to(x - d, *y);
                    builder.close();
                }
                Marker::Triangle => {
                    let h = r * 1.3;
                    builder.move_to(*x, y - h);
                    builder.line_to(x + h, y + h * 0.75);
                    builder.line_to(x - h, y + h * 0.75);
                    builder.close();
                }
                Marker::Circle => {
                    let k = CIRCLE_K * r;
                    builder.move_to(x + r, *y);
                    builder.cubic_to(x + r, y + k, x + k, y + r, *x, y + r);
                    builder.cubic_to(x - k, y + r, x - r, y + k, x - r, *y);
                    builder.cubic_to(x - r, y - k, x - k, y - r, *x, y - r);
                    builder.cubic_to(x + k, y - r, x + r, y - k, x + r, *y);
                    builder.close();
                }
            }
            if let Some(path) = builder.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*color)));
                surface.draw_path(&path);
            }
        }
    }
}

pub(super) fn render(
    page: &Page,
    options: &ReportOptions,
    fonts: &Fonts,
) -> Result<Vec<u8>, ExportError> {
    let font = |bytes: &'static [u8]| {
        Font::new(bytes.into(), 0)
            .ok_or_else(|| ExportError::Pdf("the embedded font could not be read".to_owned()))
    };
    let (regular, bold) = (font(REGULAR_TTF)?, font(BOLD_TTF)?);
    // System faces for scripts the embedded font lacks; krilla embeds only the glyphs used.
    let fallbacks: Vec<Font> = fonts
        .fallbacks()
        .into_iter()
        .filter_map(|face| Font::new(face.data.into(), face.index))
        .collect();
    let faces = Faces {
        regular,
        bold,
        fallbacks,
    };
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("Upper back self-care report, {}", options.today))
            .language("en".to_owned())
            .creator("Limber".to_owned()),
    );
    let settings = PageSettings::from_wh(page.width, page.height)
        .ok_or_else(|| ExportError::Pdf("the page size is not valid".to_owned()))?;
    let mut pdf_page = document.start_page_with(settings);
    let mut surface = pdf_page.surface();
    for op in &page.ops {
        draw_op(&mut surface, op, &faces, fonts);
    }
    surface.finish();
    pdf_page.finish();
    document
        .finish()
        .map_err(|err| ExportError::Pdf(err.to_string()))
}
