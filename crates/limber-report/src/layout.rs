//! Page layout for the PDF report, kept apart from the PDF library: the report is first laid
//! out as a list of drawing operations in points (origin top left, y down), which can be
//! checked in tests, then handed to krilla in one pass.

use super::ExportError;
use crate::script_fonts::{FoundFace, SystemFonts, is_right_to_left};

/// The embedded regular face: `DejaVuSansCondensed.ttf`, licence beside it in `assets/fonts/`.
/// A `static`, not a `const`: a constant is copied into each part of the program that uses it,
/// and the two faces (1.3 MB) were once built into the binary twice.
pub(super) static REGULAR_TTF: &[u8] =
    include_bytes!("../../../assets/fonts/DejaVuSansCondensed.ttf");

/// The embedded bold face (a `static`, like the regular one).
pub(super) static BOLD_TTF: &[u8] =
    include_bytes!("../../../assets/fonts/DejaVuSansCondensed-Bold.ttf");

/// A colour as red, green, blue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

/// Body text.
pub(super) const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);
/// Secondary text and captions.
pub(super) const MUTED: Rgb = Rgb(0x5a, 0x5a, 0x5a);
/// Rules and grid lines.
pub(super) const RULE: Rgb = Rgb(0xc8, 0xc8, 0xc8);

/// Which face to draw with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// The shape of a chart marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Marker {
    Circle,
    Diamond,
    Triangle,
    Square,
}

/// One drawing operation, in points.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Op {
    /// A line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: String,
    },
    /// An open polyline.
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// A filled rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    /// A filled marker centred on (x, y).
    Dot {
        x: f32,
        y: f32,
        radius: f32,
        color: Rgb,
        marker: Marker,
    },
}

/// The two faces, parsed for measuring text, and the system faces found for characters they
/// lack (none for text they cover, so a Latin-only report reads no system font).
pub(super) struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    fallbacks: std::cell::RefCell<Vec<FoundFace>>,
}

/// Which face draws a run of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FaceChoice {
    /// The embedded face of the run's weight.
    Bundled,
    /// The system face at this index of [`Fonts::fallbacks`].
    Fallback(usize),
}

/// A piece of a line in one face and one direction, in logical (typed) order.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Run {
    pub face: FaceChoice,
    pub right_to_left: bool,
    pub text: String,
}

impl Fonts {
    /// Parses the embedded faces.
    pub(super) fn load() -> Result<Fonts, ExportError> {
        let parse = |bytes| {
            ttf_parser::Face::parse(bytes, 0)
                .map_err(|err| ExportError::Pdf(format!("the embedded font is damaged: {err}")))
        };
        Ok(Fonts {
            regular: parse(REGULAR_TTF)?,
            bold: parse(BOLD_TTF)?,
            fallbacks: std::cell::RefCell::default(),
        })
    }

    /// The system faces used so far, in the order [`FaceChoice::Fallback`] counts them.
    pub(super) fn fallbacks(&self) -> Vec<FoundFace> {
        self.fallbacks.borrow().clone()
    }

    /// Finds (once) a system face for `c`, which the embedded faces lack.
    fn find_fallback(&self, c: char) -> bool {
        if self.fallback_index(c).is_some() {
            return true;
        }
        match SystemFonts::shared().face_for(c) {
            Some(face) => {
                let mut fallbacks = self.fallbacks.borrow_mut();
                if !fallbacks
                    .iter()
                    .any(|f| f.family == face.family && f.index == face.index)
                {
                    fallbacks.push(face);
                }
                true
            }
            None => false,
        }
    }

    fn fallback_index(&self, c: char) -> Option<usize> {
        self.fallbacks.borrow().iter().position(|f| f.covers(c))
    }

    /// `text` cut into runs of one face and one direction. Spaces and punctuation stay in the
    /// run around them when its face has them, so a sentence in Arabic stays one run.
    pub(super) fn runs(&self, text: &str, weight: Weight) -> Vec<Run> {
        let bundled = self.face(weight);
        let fallbacks = self.fallbacks.borrow();
        let parsed: Vec<Option<ttf_parser::Face<'_>>> = fallbacks
            .iter()
            .map(|f| ttf_parser::Face::parse(&f.data, f.index).ok())
            .collect();
        let has = |choice: FaceChoice, c: char| match choice {
            FaceChoice::Bundled => bundled.glyph_index(c).is_some(),
            FaceChoice::Fallback(i) => parsed
                .get(i)
                .and_then(Option::as_ref)
                .is_some_and(|f| f.glyph_index(c).is_some()),
        };
        let mut runs: Vec<Run> = Vec::new();
        for c in text.chars() {
            let strong = c.is_alphabetic() || c.is_numeric();
            if let Some(run) = runs.last_mut()
                && has(run.face, c)
                && (!strong || is_right_to_left(c) == run.right_to_left)
            {
                run.text.push(c);
                continue;
            }
            let face = if has(FaceChoice::Bundled, c) {
                FaceChoice::Bundled
            } else {
                (0..parsed.len())
                    .map(FaceChoice::Fallback)
                    .find(|&choice| has(choice, c))
                    .unwrap_or(FaceChoice::Bundled)
            };
            runs.push(Run {
                face,
                right_to_left: is_right_to_left(c),
                text: c.to_string(),
            });
        }
        runs
    }

    /// The width of one run in points at `size`.
    pub(super) fn run_width(&self, run: &Run, size: f32, weight: Weight) -> f32 {
        match run.face {
            FaceChoice::Bundled => face_width(self.face(weight), &run.text, size),
            FaceChoice::Fallback(i) => {
                let fallbacks = self.fallbacks.borrow();
                fallbacks
                    .get(i)
                    .and_then(|f| ttf_parser::Face::parse(&f.data, f.index).ok())
                    .map_or(0.0, |face| face_width(&face, &run.text, size))
            }
        }
    }

    fn face(&self, weight: Weight) -> &ttf_parser::Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `text` in points at `size` (kerning and shaping ignored: a hair wider than
    /// drawn).
    pub(super) fn width(&self, text: &str, size: f32, weight: Weight) -> f32 {
        if self.fallbacks.borrow().is_empty() {
            return face_width(self.face(weight), text, size);
        }
        self.runs(text, weight)
            .iter()
            .map(|run| self.run_width(run, size, weight))
            .sum()
    }

    /// `text` with what the fonts cannot draw replaced: control characters become spaces,
    /// characters the embedded font lacks are drawn in a system font that has them (found here,
    /// once per script), and those no font has (emoji, for instance) become "□", so the page
    /// never shows an invisible gap where a character was.
    pub(super) fn printable(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c.is_control() {
                    ' '
                } else if self.regular.glyph_index(c).is_some() || self.find_fallback(c) {
                    c
                } else {
                    '□'
                }
            })
            .collect()
    }

    /// Splits `text` into lines no wider than `max_width`, breaking at spaces (and inside a
    /// word only when the word alone is too wide). Newlines in `text` start new lines.
    pub(super) fn wrap(
        &self,
        text: &str,
        size: f32,
        weight: Weight,
        max_width: f32,
    ) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size, weight) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size, weight) > max_width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::replace(&mut line, c.to_string()));
                    }
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// `text` cut to fit `max_width`, ending with "…" when something was cut.
    pub(super) fn fit(&self, text: &str, size: f32, weight: Weight, max_width: f32) -> String {
        if self.width(text, size, weight) <= max_width {
            return text.to_owned();
        }
        let mut cut: String = text.to_owned();
        while !cut.is_empty() && self.width(&format!("{cut}…"), size, weight) > max_width {
            cut.pop();
        }
        format!("{}…", cut.trim_end())
    }
}

/// The width of `text` in `face` in points at `size`.
fn face_width(face: &ttf_parser::Face<'_>, text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| {
            face.glyph_index(c)
                .and_then(|g| face.glyph_hor_advance(g))
                .map_or(0, u32::from)
        })
        .sum();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a line's width in font units is far below 2^24"
    )]
    let units = units as f32;
    units * size / f32::from(face.units_per_em())
}

/// A page being filled from the top down.
pub(super) struct Page {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The margin on every side.
    pub margin: f32,
    /// The baseline of the next line of text would be below this.
    pub y: f32,
    /// What has been drawn so far.
    pub ops: Vec<Op>,
}

impl Page {
    /// An empty page with the cursor at the top margin.
    pub(super) fn new(width: f32, height: f32, margin: f32) -> Page {
        Page {
            width,
            height,
            margin,
            y: margin,
            ops: Vec::new(),
        }
    }

    /// The usable width between the margins.
    pub(super) fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin
    }

    /// The room left above the bottom margin.
    pub(super) fn room(&self) -> f32 {
        self.height - self.margin - self.y
    }

    /// Draws one line of text at `x` and moves the cursor down by `line_height`.
    pub(super) fn line(&mut self, x: f32, text: String, style: TextStyle) {
        self.y += style.line_height();
        self.text_at(x, self.y - style.descent(), text, style);
    }

    /// Draws text with its baseline at `y`, without moving the cursor.
    pub(super) fn text_at(&mut self, x: f32, y: f32, text: String, style: TextStyle) {
        self.ops.push(Op::Text {
            x,
            y,
            size: style.size,
            weight: style.weight,
            color: style.color,
            text,
        });
    }

    /// A thin horizontal rule across the content width, then a little space.
    pub(super) fn rule(&mut self) {
        self.y += 3.0;
        self.ops.push(Op::Line {
            points: vec![(self.margin, self.y), (self.width - self.margin, self.y)],
            width: 0.5,
            color: RULE,
            dashed: false,
        });
        self.y += 3.0;
    }
}

/// Size, weight and colour of a run of text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct TextStyle {
    pub size: f32,
    pub weight: Weight,
    pub color: Rgb,
}

impl TextStyle {
    /// Regular text of `size` in the body colour.
    pub(super) const fn regular(size: f32) -> TextStyle {
        TextStyle {
            size,
            weight: Weight::Regular,
            color: INK,
        }
    }

    /// Bold text of `size` in the body colour.
    pub(super) const fn bold(size: f32) -> TextStyle {
        TextStyle {
            size,
            weight: Weight::Bold,
            color: INK,
        }
    }

    /// The same style in the secondary colour.
    pub(super) const fn muted(self) -> TextStyle {
        TextStyle {
            color: MUTED,
            ..self
        }
    }

    /// The distance from one baseline to the next.
    pub(super) fn line_height(self) -> f32 {
        self.size * 1.25
    }

    /// Room left below the baseline within a line.
    fn descent(self) -> f32 {
        self.size * 0.3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let fonts = Fonts::load().unwrap();
        let text =
            "Felt tight between the shoulder blades after the long drive,\nbetter after rolling.";
        let lines = fonts.wrap(text, 9.0, Weight::Regular, 120.0);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            assert!(fonts.width(line, 9.0, Weight::Regular) <= 120.0, "{line}");
        }
        let rejoined = lines.join(" ");
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(rejoined.split_whitespace().collect::<Vec<_>>(), words);
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        let fonts = Fonts::load().unwrap();
        let cut = fonts.fit("a rather long line of text", 9.0, Weight::Regular, 40.0);
        assert!(cut.ends_with('…'));
        assert!(fonts.width(&cut, 9.0, Weight::Regular) <= 40.0);
        assert_eq!(fonts.fit("short", 9.0, Weight::Regular, 40.0), "short");
    }

    #[test]
    fn an_arabic_sentence_is_one_right_to_left_run_after_the_latin_one() {
        let fonts = Fonts::load().unwrap();
        let runs = fonts.runs("Note: ألم خفيف في الظهر", Weight::Regular);
        let shape: Vec<(bool, &str)> = runs
            .iter()
            .map(|r| (r.right_to_left, r.text.as_str()))
            .collect();
        assert_eq!(
            shape,
            [(false, "Note: "), (true, "ألم خفيف في الظهر")],
            "{runs:?}"
        );
        let total = fonts.width("Note: ألم خفيف في الظهر", 9.0, Weight::Regular);
        assert!(total > fonts.width("Note: ", 9.0, Weight::Regular));
    }

    #[test]
    fn characters_without_a_glyph_are_replaced() {
        let fonts = Fonts::load().unwrap();
        assert_eq!(fonts.printable("ok 🙂\tdone"), "ok □ done");
    }
}
