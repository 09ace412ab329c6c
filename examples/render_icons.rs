//! Writes the app icon as PNGs at every hicolor size, from `assets/icon.svg`:
//! `cargo run --example render_icons`. Run it after changing the SVG and commit the result;
//! a unit test (`the_hicolor_pngs_match_the_svg`) fails while the PNGs are stale.

use std::path::Path;
use std::process::ExitCode;

use limber::ui::icon::{HICOLOR_SIZES_PX, hicolor_png_path, icon_png};

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for size in HICOLOR_SIZES_PX {
        let path = root.join(hicolor_png_path(size));
        let Some(png) = icon_png(size) else {
            eprintln!("render_icons: the icon could not be drawn at {size} px");
            return ExitCode::FAILURE;
        };
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &png));
        if let Err(err) = written {
            eprintln!("render_icons: {err} ({})", path.display());
            return ExitCode::FAILURE;
        }
        println!("{} ({} bytes)", path.display(), png.len());
    }
    ExitCode::SUCCESS
}
