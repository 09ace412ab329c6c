#!/usr/bin/env bash
# Measures Limber side by side with a bare eframe window (examples/bare_window.rs: same eframe
# version, features and renderer) under Xvfb, alternating the two, several runs each:
#   - launch to first frame (ms), and for Limber also to the first frame that shows the routine
#     and the log (the log is read while the window opens; a short "opening" frame may come first)
#   - peak RSS (MiB; Limber with a 10-year log loaded)
#   - CPU over 10 s idle (% of one core)
#   - CPU over 10 s with a hold timer running (Limber, started with the Space key)
#   - Limber's UI time per frame on the History and Progress screens with the 10-year log
#     (p50/p95 ms), while the mouse moves and the list scrolls
#   - Limber's UI time per frame while a note is typed into the open session with the 10-year
#     log (p50/p95 ms) and how often the month file was replaced meanwhile (the saver coalesces a
#     note's keystrokes: at most one write a second), by examples/typing_frame_time.rs: typing
#     into the real window by screen position proved fragile, as banners move the note field
# Prints medians and the ratio Limber / bare.
#
# usage: scripts/bench-gui.sh [RUNS]     (default 3; needs Xvfb and xdotool, installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
idle_secs=${IDLE_SECS:-10}

need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v xdpyinfo >/dev/null || need+=(x11-utils)
[[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so || -e /usr/lib/aarch64-linux-gnu/dri/swrast_dri.so ]] || need+=(libgl1-mesa-dri)
if ((${#need[@]})); then
  echo "bench-gui: installing ${need[*]}" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

echo "bench-gui: building (release)" >&2
cargo build --release --quiet --bin limber --example bare_window --example gen_history --example typing_frame_time
target_dir=${CARGO_TARGET_DIR:-target}
limber=$target_dir/release/limber
bare=$target_dir/release/examples/bare_window

work=$(mktemp -d)
display=:$((RANDOM % 400 + 200))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
cleanup() { kill "$xvfb_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
export DISPLAY=$display
mkdir -p "$work/runtime" && chmod 700 "$work/runtime"
export XDG_RUNTIME_DIR=$work/runtime
# Limber's files go to a private home so the run never touches the real ones.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$XDG_CONFIG_HOME/limber"
echo seen >"$XDG_CONFIG_HOME/limber/notice-acknowledged"

echo "bench-gui: generating a 10-year log" >&2
"$target_dir"/release/examples/gen_history --years 10 --data-dir "$work/data10" >/dev/null

clk_tck=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
now_ms() { date +%s%3N; }

# run_one NAME -> prints "first_ms content_ms rss_mib idle_pct timer_pct" ("-" where not measured)
run_one() {
  local name=$1 err="$work/$1.err" pid start first content window t0 t1 idle timer rss
  start=$(now_ms)
  if [[ $name == limber ]]; then
    "$limber" --data-dir "$work/data10" --report-timing 2>"$err" &
  else
    "$bare" 2>"$err" &
  fi
  pid=$!
  for _ in $(seq 600); do grep -q first-frame-epoch-ms "$err" 2>/dev/null && break; sleep 0.05; done
  first=$(awk '/first-frame-epoch-ms/ {print $3; exit}' "$err")
  sleep 2
  # The bare window shows all it has on its first frame.
  content=$(awk '/content-frame-epoch-ms/ {print $3; exit}' "$err")
  content=${content:-$first}
  t0=$(cpu_ticks "$pid"); sleep "$idle_secs"; t1=$(cpu_ticks "$pid")
  idle=$(awk -v a="$t0" -v b="$t1" -v hz="$clk_tck" -v s="$idle_secs" 'BEGIN {printf "%.2f", (b - a) / hz / s * 100}')
  timer=-
  if [[ $name == limber ]]; then
    window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
    xdotool mousemove --window "$window" 600 400 >/dev/null 2>&1 || true
    xdotool windowfocus "$window" >/dev/null 2>&1 || true
    xdotool key space
    sleep 1
    t0=$(cpu_ticks "$pid"); sleep "$idle_secs"; t1=$(cpu_ticks "$pid")
    timer=$(awk -v a="$t0" -v b="$t1" -v hz="$clk_tck" -v s="$idle_secs" 'BEGIN {printf "%.2f", (b - a) / hz / s * 100}')
  fi
  rss=$(awk '/VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((first - start)) $((content - start)) $rss $idle $timer"
}

# UI time per frame on a screen with the 10-year log: open it, move the mouse over it and
# scroll, so that every frame does real work; read the p50 and p95 lines Limber prints.
frame_times() {
  local screen=$1 err="$work/frames-$1.err" pid window
  "$limber" --data-dir "$work/data10" --report-timing --screen "$screen" 2>"$err" &
  pid=$!
  for _ in $(seq 600); do grep -q first-frame-epoch-ms "$err" 2>/dev/null && break; sleep 0.05; done
  sleep 1
  window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
  for i in $(seq 400); do
    xdotool mousemove --window "$window" $((200 + (i * 7) % 800)) $((250 + (i * 3) % 300))
    if ((i % 10 == 0)); then xdotool click $((i % 20 == 0 ? 4 : 5)); fi
  done
  sleep 0.5
  kill "$pid"; wait "$pid" 2>/dev/null || true
  awk '/ui-frame-ms/ {p50 = p50 " " $6; p95 = p95 " " $8} END {print p50 "|" p95}' "$err"
}

median() { tr ' ' '\n' | grep -v '^-*$' | sort -g | awk '{a[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

declare -A first content rss idle timer
for run in $(seq "$runs"); do
  for name in bare limber; do
    read -r f c r i t < <(run_one "$name")
    echo "run $run $name: first frame ${f} ms, content ${c} ms, peak RSS ${r} MiB, idle CPU ${i} %, timer CPU ${t} %" >&2
    first[$name]+=" $f"; content[$name]+=" $c"; rss[$name]+=" $r"; idle[$name]+=" $i"; timer[$name]+=" $t"
  done
done
IFS='|' read -r h50s h95s < <(frame_times history)
IFS='|' read -r p50s p95s < <(frame_times progress)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "-"; else printf "%.2f", a / b }'; }
mf_l=$(echo "${first[limber]}" | median); mf_b=$(echo "${first[bare]}" | median)
mc_l=$(echo "${content[limber]}" | median); mc_b=$(echo "${content[bare]}" | median)
mr_l=$(echo "${rss[limber]}" | median); mr_b=$(echo "${rss[bare]}" | median)
mi_l=$(echo "${idle[limber]}" | median); mi_b=$(echo "${idle[bare]}" | median)
mt_l=$(echo "${timer[limber]}" | median)
h50=$(echo "$h50s" | median); h95=$(echo "$h95s" | median)
p50=$(echo "$p50s" | median); p95=$(echo "$p95s" | median)

echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr), Xvfb + Mesa (software GL); $runs runs each, medians"
printf '%-44s %12s %12s %8s\n' "measure" "Limber" "bare eframe" "ratio"
printf '%-44s %12s %12s %8s\n' "launch to first frame (ms)" "$mf_l" "$mf_b" "$(ratio "$mf_l" "$mf_b")"
printf '%-44s %12s %12s %8s\n' "launch to routine and 10-year log shown (ms)" "$mc_l" "$mc_b" "$(ratio "$mc_l" "$mc_b")"
printf '%-44s %12s %12s %8s\n' "peak RSS (MiB, Limber with 10-year log)" "$mr_l" "$mr_b" "$(ratio "$mr_l" "$mr_b")"
printf '%-44s %12s %12s %8s\n' "CPU idle, ${idle_secs} s (% of one core)" "$mi_l" "$mi_b" "-"
printf '%-44s %12s %12s %8s\n' "CPU with a hold timer running (% of a core)" "$mt_l" "-" "-"
printf '%-44s %12s %12s %8s\n' "History screen UI time per frame p50 (ms)" "$h50" "-" "-"
printf '%-44s %12s %12s %8s\n' "History screen UI time per frame p95 (ms)" "$h95" "-" "-"
printf '%-44s %12s %12s %8s\n' "Progress screen UI time per frame p50 (ms)" "$p50" "-" "-"
printf '%-44s %12s %12s %8s\n' "Progress screen UI time per frame p95 (ms)" "$p95" "-" "-"
echo
echo "typing a note with the 10-year log (examples/typing_frame_time.rs, the whole app in a bare egui context):"
"$target_dir"/release/examples/typing_frame_time
