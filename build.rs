//! Embeds the app icon and the version information (from `Cargo.toml`) in the Windows programs,
//! so Explorer, the taskbar and "Apps & features" show Limber's icon and version. Nothing is done
//! for other targets. Cross-building from Linux uses MinGW's `x86_64-w64-mingw32-windres`
//! (Debian's `mingw-w64`); see `scripts/build-windows.sh`.

fn main() -> std::io::Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/limber.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return Ok(());
    }
    let mut resource = winresource::WindowsResource::new();
    resource
        .set_icon("assets/icons/limber.ico")
        .set("ProductName", "Limber")
        .set(
            "FileDescription",
            "Limber: your upper-back self-care routine",
        )
        .set("CompanyName", "The Limber authors")
        .set("LegalCopyright", "The Limber authors; MIT or Apache-2.0");
    resource.compile()
}
