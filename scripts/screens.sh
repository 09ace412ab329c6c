#!/usr/bin/env bash
# Renders every screen Limber can reach into PNG files, for looking at them as a person would:
# Today (and Today on the first day), an exercise card, the guided routine in get-ready, hold and
# rest (and with its pain question, and with its notes open), a card's pain question, the
# weekly check-in, the progress questions, "How is your back now?", the finish form, the end
# card, Progress, History and one session opened in it, Export, Routine, Settings, About and the
# first-start notice; at 800×600, 1024×600, 1280×800 and 1920×1080, light and dark, at 100 % and
# 200 % text. Each picture is a fresh app on a temporary data folder with a year of sample
# history, driven to its state through its accessible labels (crates/limber-screens) and drawn
# with egui_kittest's wgpu renderer on Mesa's software Vulkan driver (lavapipe): no display and
# no window manager are needed. Not run by CI.
#
# usage: scripts/screens.sh [--docs] [limber-screens options]
#   (none)    every picture into target/screens/ (352 files, about three minutes once built)
#   --docs    also copy the pictures README shows into docs/screens/, made small with pngquant
#   options   passed on, e.g. --only guided, --size 1024x600, --normal-text-only, --out DIR
set -euo pipefail
cd "$(dirname "$0")/.."

docs=0
if [[ ${1:-} == --docs ]]; then
  docs=1
  shift
fi

# lavapipe, and pngquant for --docs; installed when missing on Debian or Ubuntu.
need=()
ls /usr/share/vulkan/icd.d/lvp_icd*.json >/dev/null 2>&1 || need+=(mesa-vulkan-drivers)
((docs)) && ! command -v pngquant >/dev/null && need+=(pngquant)
if ((${#need[@]})); then
  echo "screens: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# wgpu looks for a display server only to list adapters; a private runtime folder keeps it quiet.
runtime=$(mktemp -d)
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR=$runtime
export WGPU_BACKEND=vulkan

cargo build --quiet -p limber-screens
target_dir=${CARGO_TARGET_DIR:-target}
"$target_dir/debug/limber-screens" --out "$target_dir/screens" "$@"

if ((docs)); then
  # The pictures README and docs/screens/README.md show: Today, the card and the guided routine,
  # the pain question, pain now with the body map, the finish form, the end card, Progress, and
  # the worst cases of issue 28 (a small window, the dark theme, 200 % text).
  keep=(
    today-1280x800-light-100
    card-1280x800-light-100
    guided-hold-1280x800-dark-100
    guided-get-ready-1024x600-light-100
    guided-rest-800x600-dark-100
    pain-question-1024x600-dark-100
    pain-now-1280x800-light-100
    check-in-1024x600-light-100
    finish-form-1280x800-dark-100
    end-card-1280x800-light-100
    progress-1280x800-light-100
    today-1280x800-dark-200
  )
  mkdir -p docs/screens
  for name in "${keep[@]}"; do
    pngquant --force --quality 70-90 --strip --output "docs/screens/$name.png" "$target_dir/screens/$name.png"
  done
  du -ch docs/screens/*.png | tail -1
fi
