#!/usr/bin/env bash
# Builds the Debian package of Limber: target/debian/limber_<version>-1_<arch>.deb.
# Installs cargo-deb first if it is missing. Checks the desktop entry and the AppStream file
# when their validators are installed (desktop-file-utils, appstream), so a broken file never
# ships. Install the result with: sudo apt-get install ./target/debian/limber_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."

if ! cargo deb --version >/dev/null 2>&1; then
  echo "package-deb: installing cargo-deb"
  cargo install cargo-deb --locked
fi

if command -v desktop-file-validate >/dev/null 2>&1; then
  desktop-file-validate assets/org.limber.Limber.desktop
else
  echo "package-deb: desktop-file-validate not found (apt-get install desktop-file-utils); skipping that check"
fi
if command -v appstreamcli >/dev/null 2>&1; then
  appstreamcli validate --no-net assets/org.limber.Limber.metainfo.xml
else
  echo "package-deb: appstreamcli not found (apt-get install appstream); skipping that check"
fi

# A release build (thin LTO), then the package; cargo-deb strips the binary and works out the
# shared libraries it needs with dpkg-shlibdeps.
cargo deb --locked "$@"
ls -l target/debian/*.deb 2>/dev/null || ls -l "${CARGO_TARGET_DIR:-target}"/debian/*.deb
