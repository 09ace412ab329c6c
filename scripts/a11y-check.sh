#!/usr/bin/env bash
# a11y-check.sh — check Limber the way a screen reader user meets it: start it under a virtual X
# display (Xvfb) with an AT-SPI accessibility bus (what Orca reads), tell the bus a screen reader
# is on (AccessKit builds its tree only then), then walk the tree of every screen with
# scripts/a11y_check.py: names on every control and dialog, a value on each progress bar, the
# timer's "Time left m:ss", and every control reachable with Tab; the dialogs too (the weekly
# check-in on Today, the progress questions, "Log pain", the gentler session's rule, the end card
# after "Save session").
#
# usage: scripts/a11y-check.sh [-v] [-t TREE_FILE] [LIMBER_BINARY]
#   LIMBER_BINARY  default: the newer of the release and the debug build
#   -t FILE        also save the tree of the running-timer screen to FILE
#   -v             print the tree of every screen
# Installs xvfb, xdotool, dbus-x11, at-spi2-core and python3-pyatspi when missing (as root, with
# apt-get). Limber runs with a fresh home and config folder, so it starts as on first use, and
# with a generated two-year log when examples/gen_history is built (see below).
# Exit status: 0 when every screen passes, 1 when a check fails, 2 for a setup error.
set -u
cd "$(dirname "$0")/.."
tree_out="" verbose=""
while getopts "t:vh" opt; do
  case $opt in
    v) verbose=--verbose ;;
    t) tree_out=$(realpath -m "$OPTARG") ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
target=${CARGO_TARGET_DIR:-target}
binary=${1:-}
if [[ -z $binary ]]; then
  # The newer of the release and the debug build, so a stale one is never checked by mistake.
  for candidate in "$target/release/limber" "$target/debug/limber"; do
    [[ -x $candidate && ( -z $binary || $candidate -nt $binary ) ]] && binary=$candidate
  done
fi
[[ -n $binary && -x $binary ]] || { echo "a11y-check: no Limber binary (build it first, or pass its path)" >&2; exit 2; }
binary=$(realpath "$binary")

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v dbus-launch >/dev/null || need+=(dbus-x11)
command -v xdpyinfo >/dev/null || need+=(x11-utils)
[[ -x /usr/libexec/at-spi-bus-launcher ]] || need+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || need+=(python3-pyatspi gir1.2-atspi-2.0)
[[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so || -e /usr/lib/aarch64-linux-gnu/dri/swrast_dri.so ]] || need+=(libgl1-mesa-dri)
if ((${#need[@]})); then
  echo "a11y-check: installing ${need[*]}"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/dev/null \
    || { echo "a11y-check: could not install ${need[*]}" >&2; exit 2; }
fi

work=$(mktemp -d)
xvfb_pid="" bus_pid="" app_pid="" dbus_pid=""
cleanup() {
  for pid in $app_pid $bus_pid $xvfb_pid $dbus_pid; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A free display number; if another program takes it first, Xvfb exits and the next is tried.
display=""
for n in $(seq 140 180); do
  [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
  Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 150); do
    xdpyinfo -display ":$n" >/dev/null 2>&1 && { display=:$n; break; }
    kill -0 "$xvfb_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n $display ]] && break
  kill "$xvfb_pid" 2>/dev/null
  xvfb_pid=""
done
[[ -n $display ]] || { echo "a11y-check: could not start Xvfb on a free display" >&2; exit 2; }
export DISPLAY=$display

# A session bus of our own, the accessibility bus on it, and the flag a screen reader sets.
eval "$(dbus-launch --sh-syntax)"
dbus_pid=$DBUS_SESSION_BUS_PID
/usr/libexec/at-spi-bus-launcher --launch-immediately >"$work/bus.log" 2>&1 &
bus_pid=$!
sleep 1
for prop in IsEnabled ScreenReaderEnabled; do
  dbus-send --session --dest=org.a11y.Bus --type=method_call /org/a11y/bus \
    org.freedesktop.DBus.Properties.Set string:org.a11y.Status "string:$prop" variant:boolean:true \
    || { echo "a11y-check: could not reach the accessibility bus" >&2; exit 2; }
done

# A first start: empty home and config folders. The log holds two years of generated sessions
# when the gen_history example is built (cargo test builds it), so History is long enough to
# scroll; otherwise it starts empty and holds the one session the check records. The generated
# history ends 8 days ago, so its last weekly check-in is over a week old and Today offers the
# check-in, which the check then walks (an empty log puts the first check-in off a week).
mkdir -p "$work/home/config" "$work/home/data" "$work/runtime" && chmod 700 "$work/runtime"
gen="" check_in_due=""
for candidate in "$target/debug/examples/gen_history" "$target/release/examples/gen_history"; do
  [[ -x $candidate && ( -z $gen || $candidate -nt $gen ) ]] && gen=$candidate
done
if [[ -n $gen ]]; then
  "$gen" --years 2 --data-dir "$work/limber-data" --end "$(date -u -d '8 days ago' +%F)" \
    || { echo "a11y-check: $gen could not write a sample log" >&2; exit 2; }
  check_in_due=--check-in-due
else
  echo "a11y-check: no gen_history example built; History is checked with one session"
fi
HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data \
  XDG_RUNTIME_DIR=$work/runtime \
  "$binary" --data-dir "$work/limber-data" >"$work/app.log" 2>&1 &
app_pid=$!

window=""
for _ in $(seq 300); do
  window=$(xdotool search --onlyvisible --pid "$app_pid" 2>/dev/null | head -n 1)
  [[ -n $window ]] && break
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z $window ]]; then
  echo "a11y-check: Limber's window never appeared; its output:" >&2
  tail -n 20 "$work/app.log" >&2
  exit 2
fi

args=(--pid "$app_pid" --window "$window")
[[ -n $tree_out ]] && args+=(--tree-out "$tree_out")
[[ -n $verbose ]] && args+=("$verbose")
[[ -n $check_in_due ]] && args+=("$check_in_due")
/usr/bin/python3 scripts/a11y_check.py "${args[@]}"
status=$?
if ! kill -0 "$app_pid" 2>/dev/null; then
  echo "a11y-check: Limber exited during the check; its output:" >&2
  tail -n 20 "$work/app.log" >&2
  status=1
fi
exit $status
