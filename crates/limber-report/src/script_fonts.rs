//! System fonts for scripts the bundled fonts lack (Chinese, Japanese, Korean, Devanagari…).
//!
//! Nothing is read until a character without a glyph first turns up: most people write in a
//! script the bundled fonts already cover, and their memory does not grow. The first miss reads
//! the system's font list (names and coverage only, the files are memory-mapped); each face that
//! is needed is then copied once and shared by the screen and the PDF report.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// One face of a system font file, ready to hand to a renderer.
#[derive(Clone, Debug)]
pub struct FoundFace {
    /// The family name, as the font names itself ("Noto Sans CJK JP").
    pub family: String,
    /// The whole font file (a collection may hold several faces).
    pub data: Arc<Vec<u8>>,
    /// Which face in `data`.
    pub index: u32,
}

impl FoundFace {
    /// Whether this face has a glyph for `c`.
    #[must_use]
    pub fn covers(&self, c: char) -> bool {
        ttf_parser::Face::parse(&self.data, self.index)
            .is_ok_and(|face| face.glyph_index(c).is_some())
    }
}

/// The system's fonts, read on first need.
#[derive(Default)]
pub struct SystemFonts {
    database: OnceLock<fontdb::Database>,
    /// Faces copied so far, so a second character of the same script costs nothing.
    loaded: Mutex<Vec<(fontdb::ID, FoundFace)>>,
}

impl SystemFonts {
    /// One shared set for the whole process: the screen and the PDF report load a face once.
    #[must_use]
    pub fn shared() -> &'static SystemFonts {
        static SHARED: OnceLock<SystemFonts> = OnceLock::new();
        SHARED.get_or_init(SystemFonts::default)
    }

    fn database(&self) -> &fontdb::Database {
        self.database.get_or_init(|| {
            let mut database = fontdb::Database::new();
            database.load_system_fonts();
            database
        })
    }

    /// A system face with a glyph for `c`, preferring an upright regular sans (Noto first), or
    /// `None` when no installed font has one.
    pub fn face_for(&self, c: char) -> Option<FoundFace> {
        if c.is_control() || c.is_whitespace() {
            return None;
        }
        {
            let loaded = self.loaded.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some((_, face)) = loaded.iter().find(|(_, face)| face.covers(c)) {
                return Some(face.clone());
            }
        }
        let database = self.database();
        let mut candidates: Vec<&fontdb::FaceInfo> = database
            .faces()
            .filter(|info| !family_of(info).contains("Emoji"))
            .collect();
        candidates.sort_by_key(|info| preference(info));
        let info = candidates.into_iter().find(|info| {
            database
                .with_face_data(info.id, |data, index| {
                    ttf_parser::Face::parse(data, index)
                        .is_ok_and(|face| face.glyph_index(c).is_some())
                })
                .unwrap_or(false)
        })?;
        let (data, index) =
            database.with_face_data(info.id, |data, index| (data.to_vec(), index))?;
        let face = FoundFace {
            family: family_of(info),
            data: Arc::new(data),
            index,
        };
        self.loaded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((info.id, face.clone()));
        Some(face)
    }
}

fn family_of(info: &fontdb::FaceInfo) -> String {
    info.families
        .first()
        .map_or_else(|| info.post_script_name.clone(), |(name, _)| name.clone())
}

/// Lower is better: upright, regular weight, sans, Noto, then by name so the choice is stable.
fn preference(info: &fontdb::FaceInfo) -> (bool, u16, bool, bool, bool, String) {
    let family = family_of(info);
    (
        info.style != fontdb::Style::Normal,
        info.weight.0.abs_diff(400),
        !family.contains("Sans"),
        !family.starts_with("Noto"),
        family.contains("Mono"),
        family,
    )
}

/// Whether `c` belongs to a script written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko
/// and their presentation forms).
#[must_use]
pub fn is_right_to_left(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x1_0800..=0x1_0FFF | 0x1_E800..=0x1_EFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_and_arabic_are_right_to_left_latin_and_cjk_are_not() {
        assert!(is_right_to_left('ש'));
        assert!(is_right_to_left('ع'));
        assert!(!is_right_to_left('a'));
        assert!(!is_right_to_left('背'));
        assert!(!is_right_to_left('д'));
    }

    #[test]
    fn spaces_never_look_for_a_font() {
        assert!(SystemFonts::default().face_for(' ').is_none());
    }
}
