//! Notes in every script render as text on screen: the system-font fallback finds a face for
//! characters the bundled fonts lack, and loads nothing for text they already cover.

use egui::{FontFamily, FontId};
use limber::report::script_fonts::SystemFonts;

/// Lays out `text` in one pass of `ctx`, as a label would.
fn draw(ctx: &egui::Context, text: &str) {
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        ui.label(text);
    });
    output.textures_delta.clear();
}

fn discovered(ctx: &egui::Context) -> Vec<String> {
    ctx.fonts(|fonts| {
        fonts
            .discovered_fonts()
            .iter()
            .map(|font| font.name.clone())
            .collect()
    })
}

#[test]
fn latin_text_loads_no_system_font() {
    let ctx = egui::Context::default();
    let _missing = limber::ui::fonts::install(&ctx);
    draw(
        &ctx,
        "Felt tight between the shoulder blades, better after rolling. Спина болит.",
    );
    draw(
        &ctx,
        "Felt tight between the shoulder blades, better after rolling. Спина болит.",
    );
    assert_eq!(discovered(&ctx), Vec::<String>::new());
}

#[test]
fn cjk_arabic_hebrew_and_devanagari_get_a_system_font() {
    let samples = ['背', 'ع', 'ש', 'क', '한', 'あ', 'λ', 'д'];
    let missing: Vec<char> = samples
        .iter()
        .copied()
        .filter(|&c| SystemFonts::shared().face_for(c).is_none())
        .collect();
    if !missing.is_empty() {
        eprintln!(
            "SKIPPED: no system font covers {missing:?}; install fonts-noto-cjk and fonts-noto-core"
        );
        assert!(
            std::env::var_os("LIMBER_REQUIRE_FONTS").is_none(),
            "LIMBER_REQUIRE_FONTS is set, so this must not be skipped"
        );
        return;
    }
    let ctx = egui::Context::default();
    let _missing = limber::ui::fonts::install(&ctx);
    let font = FontId::new(17.0, FontFamily::Proportional);
    draw(
        &ctx,
        "背中が痛い 背痛 허리 ألم في الظهر כאב גב पीठ दर्द Спина πόνος",
    );
    for c in samples {
        assert!(
            ctx.fonts_mut(|fonts| fonts.has_glyph(&font, c)),
            "no glyph for {c:?}; discovered {:?}",
            discovered(&ctx)
        );
    }
    let names = discovered(&ctx);
    assert!(names.iter().any(|n| n.contains("CJK")), "{names:?}");
}

#[test]
fn a_character_no_font_has_is_reported_once() {
    let ctx = egui::Context::default();
    let missing = limber::ui::fonts::install(&ctx);
    draw(&ctx, "plain text");
    assert_eq!(missing.take_notice(), None);
    // A private-use character of the last plane: no font is expected to have it.
    draw(&ctx, "note \u{10FFFD}");
    let notice = missing.take_notice().unwrap();
    assert!(notice.contains("U+10FFFD"), "{notice}");
    assert!(notice.contains("CSV"), "{notice}");
    draw(&ctx, "another \u{10FFFC}");
    assert_eq!(missing.take_notice(), None);
}
