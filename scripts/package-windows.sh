#!/usr/bin/env bash
# Packages the Windows programs that scripts/build-windows.sh built:
# - target/windows/limber-<version>-setup.exe, a per-user installer (NSIS: no administrator
#   rights, a Start-menu shortcut with the icon, an uninstaller in "Apps & features" that keeps
#   the person's log; installing over an older version keeps the log and the one uninstall entry);
# - target/windows/limber-<version>-windows-x86_64.zip, the same files to run from any folder.
# The version comes from Cargo.toml. Neither is signed: see "Installing on Windows" in README.md.
#
# Needs: apt-get install nsis zip. Run scripts/build-windows.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
bindir="$target_dir/x86_64-pc-windows-gnu/release-windows"
out="$target_dir/windows"

for tool in makensis zip; do
  command -v "$tool" >/dev/null 2>&1 || { echo "package-windows: $tool not found (apt-get install nsis zip)" >&2; exit 1; }
done
for exe in limber limber-cli; do
  test -s "$bindir/$exe.exe" || { echo "package-windows: $bindir/$exe.exe missing (run scripts/build-windows.sh)" >&2; exit 1; }
done

version=$(cargo metadata --no-deps --format-version 1 --offline |
  python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "limber"))')
# Windows version resources hold four numbers; a pre-release tag is left out there.
IFS=. read -r major minor patch <<<"${version%%-*}"
mkdir -p "$out"
size_kb=$(du -ck "$bindir/limber.exe" "$bindir/limber-cli.exe" exercises.ron README.md | tail -n 1 | cut -f1)

setup="$out/limber-$version-setup.exe"
makensis -V2 -INPUTCHARSET UTF8 \
  "-DVERSION=$version" "-DVERSION4=$major.$minor.$patch.0" "-DSIZE_KB=$size_kb" \
  "-DBINDIR=$bindir" "-DSRCDIR=$root" "-DOUTFILE=$setup" \
  scripts/windows/limber.nsi

zip_name="limber-$version-windows-x86_64"
staging="$out/$zip_name"
rm -rf "$staging" "$out/$zip_name.zip"
mkdir -p "$staging"
cp "$bindir/limber.exe" "$bindir/limber-cli.exe" exercises.ron README.md LICENSE-MIT LICENSE-APACHE \
  assets/fonts/LICENSE-DejaVu.txt "$staging/"
(cd "$out" && zip -q -r -9 "$zip_name.zip" "$zip_name")
rm -rf "$staging"
ls -l "$setup" "$out/$zip_name.zip"
