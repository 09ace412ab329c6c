//! Text in every script on screen: egui asks [`ScriptFonts`] for a font only when it meets a
//! character that no installed font has (at most once per character), and the face found among
//! the system fonts joins the fallback chain from then on. People who never write such a
//! character load nothing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use egui::{FallbackRequest, FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

use crate::report::script_fonts::SystemFonts;

/// What the provider found missing, shared with the app so it can say so once.
#[derive(Default)]
pub struct MissingScripts {
    /// A character that no system font has, not yet reported.
    unreported: Mutex<Option<char>>,
    /// Whether a missing character was reported already (the notice is shown once per run).
    reported: AtomicBool,
}

impl MissingScripts {
    /// The notice to show, the first time a character had no font anywhere; `None` after that
    /// and whenever everything had a font. Cheap enough to call every frame.
    pub fn take_notice(&self) -> Option<String> {
        if self.reported.load(Ordering::Relaxed) {
            return None;
        }
        let c = self
            .unreported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()?;
        self.reported.store(true, Ordering::Relaxed);
        Some(missing_notice(c))
    }

    fn record(&self, c: char) {
        if self.reported.load(Ordering::Relaxed) {
            return;
        }
        let mut unreported = self
            .unreported
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        unreported.get_or_insert(c);
    }
}

/// The line shown when some text has no font on this computer.
fn missing_notice(c: char) -> String {
    format!(
        "Some text (for example \"{c}\", U+{:04X}) has no font on this computer, so it shows as \
         boxes. Installing a font for that script (the Noto fonts cover nearly all) fixes it; \
         your notes and the CSV export keep the text as you wrote it.",
        c as u32
    )
}

/// Finds system fonts for characters the bundled fonts lack.
pub struct ScriptFonts {
    system: &'static SystemFonts,
    missing: Arc<MissingScripts>,
}

impl egui::FontProvider for ScriptFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let Some(face) = self.system.face_for(c) else {
            if !c.is_whitespace() && !c.is_control() {
                self.missing.record(c);
            }
            return None;
        };
        let name = format!("system: {} #{}", face.family, face.index);
        let data = FontData::from_blob(face.data, face.index);
        let families = [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect();
        Some(FontInsert::new(&name, data, families))
    }
}

/// Adds the system-font fallback to `ctx`; returns what it finds missing, for the notice.
/// Call once per context.
pub fn install(ctx: &egui::Context) -> Arc<MissingScripts> {
    let missing = Arc::new(MissingScripts::default());
    ctx.add_font_provider(Arc::new(ScriptFonts {
        system: SystemFonts::shared(),
        missing: Arc::clone(&missing),
    }));
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_script_is_reported_once() {
        let missing = MissingScripts::default();
        assert_eq!(missing.take_notice(), None);
        missing.record('\u{1F00}');
        missing.record('\u{1F01}');
        let notice = missing.take_notice().unwrap();
        assert!(notice.contains("U+1F00"), "{notice}");
        missing.record('\u{1F02}');
        assert_eq!(missing.take_notice(), None);
    }
}
