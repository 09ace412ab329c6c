//! The window icon: the app's SVG logo, rasterised once at start-up.
//!
//! The SVG is embedded in the binary so that the icon never depends on where the app was
//! installed. It is drawn with `resvg`, the same renderer `egui_extras` uses for the exercise
//! illustrations, so both look the same.

use resvg::{tiny_skia, usvg};

use crate::ui::APP_ID;

/// The app icon, as drawn in `assets/icon.svg`.
pub const ICON_SVG: &[u8] = include_bytes!("../../assets/icon.svg");

/// Width and height of the window icon, in pixels.
pub const WINDOW_ICON_SIZE_PX: u32 = 64;

/// The window icon as 64×64 RGBA pixels, for `egui::ViewportBuilder::with_icon`.
///
/// Returns `None` if the embedded SVG cannot be drawn (a build defect caught by the tests);
/// the window then simply keeps the system's default icon.
pub fn window_icon() -> Option<egui::IconData> {
    let rgba = rasterise_svg(ICON_SVG, WINDOW_ICON_SIZE_PX, WINDOW_ICON_SIZE_PX)?;
    Some(egui::IconData {
        rgba,
        width: WINDOW_ICON_SIZE_PX,
        height: WINDOW_ICON_SIZE_PX,
    })
}

/// Sizes, in pixels, of the PNG icons installed under `share/icons/hicolor/NxN/apps/` (the
/// sizes desktops ask for in menus, docks, task switchers and software centres).
pub const HICOLOR_SIZES_PX: [u32; 9] = [16, 22, 24, 32, 48, 64, 128, 256, 512];

/// Where the PNG icon of `size_px` lives in the repository (relative to its root), as the
/// Debian package installs it under `/usr/share/icons/`.
pub fn hicolor_png_path(size_px: u32) -> String {
    format!("assets/icons/hicolor/{size_px}x{size_px}/apps/{APP_ID}.png")
}

/// The app icon as a PNG file of `size_px` × `size_px` pixels (`None` if it cannot be drawn
/// or encoded). `examples/render_icons.rs` writes the hicolor set with it.
pub fn icon_png(size_px: u32) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_data(ICON_SVG, &usvg::Options::default()).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(size_px, size_px)?;
    let side = f32::from(u16::try_from(size_px).ok()?);
    let svg_size = tree.size();
    let scale = (side / svg_size.width()).min(side / svg_size.height());
    let transform = tiny_skia::Transform::from_row(
        scale,
        0.0,
        0.0,
        scale,
        (side - svg_size.width() * scale) / 2.0,
        (side - svg_size.height() * scale) / 2.0,
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().ok()
}

/// Draws SVG data scaled to fit `width_px` × `height_px` (aspect ratio kept, centred) and
/// returns straight (not premultiplied) RGBA bytes, row by row. `None` when the data is not
/// a drawable SVG, or a size is zero or over 65535.
pub fn rasterise_svg(svg: &[u8], width_px: u32, height_px: u32) -> Option<Vec<u8>> {
    let tree = usvg::Tree::from_data(svg, &usvg::Options::default()).ok()?;
    let mut pixmap = tiny_skia::Pixmap::new(width_px, height_px)?;
    let width = f32::from(u16::try_from(width_px).ok()?);
    let height = f32::from(u16::try_from(height_px).ok()?);
    let size = tree.size();
    let scale = (width / size.width()).min(height / size.height());
    let offset_x = (width - size.width() * scale) / 2.0;
    let offset_y = (height - size.height() * scale) / 2.0;
    let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, offset_x, offset_y);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Some(
        pixmap
            .pixels()
            .iter()
            .flat_map(|pixel| {
                let color = pixel.demultiply();
                [color.red(), color.green(), color.blue(), color.alpha()]
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_icon_is_64_square_rgba_with_opaque_pixels() {
        let icon = window_icon().expect("the embedded icon must render");
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        let opaque = icon.rgba.chunks_exact(4).filter(|p| p[3] == 255).count();
        // The rounded square covers most of the icon, its corners stay transparent.
        assert!(opaque > 64 * 64 / 2, "only {opaque} opaque pixels");
        assert_eq!(icon.rgba[3], 0, "the top-left corner should be transparent");
    }

    #[test]
    fn the_icon_centre_is_the_light_figure() {
        let icon = window_icon().expect("renders");
        let centre = ((32 * 64 + 32) * 4) as usize;
        let [r, g, b, a] = [
            icon.rgba[centre],
            icon.rgba[centre + 1],
            icon.rgba[centre + 2],
            icon.rgba[centre + 3],
        ];
        assert_eq!(a, 255);
        assert!(r > 200 && g > 200 && b > 200, "centre is ({r}, {g}, {b})");
    }

    /// The committed PNG icons are what `cargo run --example render_icons` draws from
    /// `assets/icon.svg` today, so an edited SVG cannot ship with stale PNGs.
    #[test]
    fn the_hicolor_pngs_match_the_svg() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for size in HICOLOR_SIZES_PX {
            let path = root.join(hicolor_png_path(size));
            let committed = std::fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; run `cargo run --example render_icons`",
                    path.display()
                )
            });
            let committed = tiny_skia::Pixmap::decode_png(&committed).expect("a PNG");
            let fresh =
                tiny_skia::Pixmap::decode_png(&icon_png(size).expect("renders")).expect("a PNG");
            assert_eq!((committed.width(), committed.height()), (size, size));
            let differing = committed
                .data()
                .iter()
                .zip(fresh.data())
                .filter(|(a, b)| a.abs_diff(**b) > 2)
                .count();
            assert_eq!(
                differing, 0,
                "{size}px icon differs from the SVG; run `cargo run --example render_icons`"
            );
        }
    }

    #[test]
    fn rasterise_svg_rejects_what_is_not_svg() {
        assert!(rasterise_svg(b"not an svg", 16, 16).is_none());
        assert!(rasterise_svg(ICON_SVG, 0, 16).is_none());
    }

    #[test]
    fn every_illustration_of_the_built_in_routine_exists_and_draws() {
        let routine = crate::core::catalog::Routine::built_in().expect("built in");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/illustrations");
        for exercise in &routine.exercises {
            let name = exercise
                .illustration
                .as_deref()
                .unwrap_or_else(|| panic!("{} has no illustration", exercise.id));
            assert_eq!(name, format!("{}.svg", exercise.id));
            let svg = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            let rgba = rasterise_svg(&svg, 200, 150).unwrap_or_else(|| panic!("{name} draws"));
            // Count pixels of the figure's colour (#34597A) to prove a figure was drawn.
            let figure = rgba
                .chunks_exact(4)
                .filter(|p| p[3] == 255 && p[0].abs_diff(0x34) < 8 && p[2].abs_diff(0x7A) < 8)
                .count();
            assert!(figure > 500, "{name}: only {figure} figure pixels");
        }
    }
}
