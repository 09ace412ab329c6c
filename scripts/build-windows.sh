#!/usr/bin/env bash
# Cross-builds the Windows programs from Linux (the x86_64-pc-windows-gnu target, with Debian's
# mingw-w64): target/x86_64-pc-windows-gnu/release-windows/limber.exe (windowed, for the Start
# menu) and limber-cli.exe (console, for the command line), both with the icon and version
# information embedded (build.rs). Also builds the ProcessPrng shim DLL that Wine 8 needs to run
# them (scripts/windows/processprng-shim.c), into target/windows-test/; it is for test runs under
# Wine only and never shipped.
#
# Needs: apt-get install mingw-w64 (and icoutils to check the icon); rustup adds the target.
# Extra arguments go to cargo build (e.g. --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
target_dir=${CARGO_TARGET_DIR:-target}
triple=x86_64-pc-windows-gnu
profile=release-windows
out="$target_dir/$triple/$profile"

command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1 || {
  echo "build-windows: x86_64-w64-mingw32-gcc not found (apt-get install mingw-w64)" >&2
  exit 1
}
rustup target list --installed | grep -q "^$triple\$" || rustup target add "$triple"

# The linker and the resource compiler are MinGW's (winresource finds x86_64-w64-mingw32-windres).
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
start=$(date +%s)
cargo build --profile "$profile" --target "$triple" --bin limber --bin limber-cli "$@"
echo "build-windows: cargo build took $(($(date +%s) - start)) s"

mkdir -p "$target_dir/windows-test"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$target_dir/windows-test/bcryptprimitives.dll" \
  scripts/windows/processprng-shim.c -ladvapi32

# What a person gets: a windowed program and a console one, each with the icon group.
for exe in limber limber-cli; do
  file "$out/$exe.exe"
  if command -v wrestool >/dev/null 2>&1; then
    wrestool -l "$out/$exe.exe" | grep -q "type=14" || {
      echo "build-windows: no icon group in $exe.exe" >&2
      exit 1
    }
  fi
done
file "$out/limber.exe" | grep -q "(GUI)" || { echo "build-windows: limber.exe is not a GUI program" >&2; exit 1; }
file "$out/limber-cli.exe" | grep -q "(console)" || { echo "build-windows: limber-cli.exe is not a console program" >&2; exit 1; }
ls -l "$out/limber.exe" "$out/limber-cli.exe" "$target_dir/windows-test/bcryptprimitives.dll"
