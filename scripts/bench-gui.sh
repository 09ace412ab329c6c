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
#     log (p50/p95/max ms) and how often the month file was replaced meanwhile (the saver
#     coalesces a note's keystrokes: at most one write a second): in the real window (Space
#     opens a session, the N key focuses its notes, xdotool types), then the same in
#     examples/typing_frame_time.rs, which also builds the AccessKit tree every frame
#   - what the 10-year log itself costs in memory, read as the app reads it
#     (examples/log_memory.rs)
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
cargo build --release --quiet --bin limber --example bare_window --example gen_history --example typing_frame_time --example log_memory
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

# Typing a note into the open session of the real window with the 10-year log: Space opens a
# session, N puts the focus in its notes, and xdotool types a 120-character note (xdotool is
# asked for a key every 83 ms; the time it took is printed, so the rate is measured, not
# assumed). Prints "p50 p95 max frames writes seconds": Limber's UI time (logic and drawing) of
# every frame drawn while typing, and how often the month file was replaced (each save is a
# rename, so a new inode) from the first key to 1.5 s after the last.
typing_window() {
  local err="$work/typing.err" pid window month_file n0 n1 t0 t1 poller
  local note="Tight between the shoulder blades after work; the open book eased it. Slept better. Ask about the wall angels next time."
  "$limber" --data-dir "$work/data10" --report-timing 2>"$err" &
  pid=$!
  for _ in $(seq 600); do grep -q first-frame-epoch-ms "$err" 2>/dev/null && break; sleep 0.05; done
  sleep 2
  window=$(xdotool search --pid "$pid" 2>/dev/null | head -n 1)
  xdotool windowfocus "$window" >/dev/null 2>&1 || true
  xdotool key space; sleep 0.5
  xdotool key n; sleep 0.5
  month_file="$work/data10/log/$(date +%Y-%m).ron"
  (while :; do stat -c %i "$month_file" 2>/dev/null || echo none; sleep 0.02; done) >"$work/inodes" &
  poller=$!
  sleep 0.2
  n0=$(wc -l <"$err"); t0=$(now_ms)
  xdotool type --delay $((1000 / 12)) "$note"
  t1=$(now_ms); n1=$(wc -l <"$err")
  sleep 1.5
  kill "$poller"; wait "$poller" 2>/dev/null || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if ! grep -q "Ask about the wall angels" "$month_file"; then
    echo "bench-gui: the typed note did not reach $month_file" >&2
  fi
  local writes
  writes=$(awk 'NR > 1 && $1 != prev {n++} {prev = $1} END {print n + 0}' "$work/inodes")
  sed -n "$((n0 + 1)),${n1}p" "$err" | awk '/frame-ui-ms/ {print $3}' | sort -g |
    awk -v w="$writes" -v s="$(awk -v ms=$((t1 - t0)) 'BEGIN {printf "%.1f", ms / 1000}')" '{a[NR] = $1}
      END {r50 = int(0.50 * NR + 0.999); r95 = int(0.95 * NR + 0.999); if (r50 < 1) r50 = 1; if (r95 < 1) r95 = 1
           printf "%s %s %s %d %d %s\n", a[r50], a[r95], a[NR], NR, w, s}'
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
read -r ty50 ty95 tymax tyframes tywrites tysecs < <(typing_window)

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
printf '%-44s %12s %12s %8s\n' "typing a note, UI time per frame p50 (ms)" "$ty50" "-" "-"
printf '%-44s %12s %12s %8s\n' "typing a note, UI time per frame p95 (ms)" "$ty95" "-" "-"
printf '%-44s %12s %12s %8s\n' "typing a note, UI time per frame max (ms)" "$tymax" "-" "-"
echo "  ($tyframes frames while typing 120 characters in $tysecs s; month file replaced $tywrites times, the last up to 1.5 s after the last key)"
echo
echo "typing a note with the 10-year log (examples/typing_frame_time.rs, the whole app in a bare egui context, AccessKit tree built every frame):"
"$target_dir"/release/examples/typing_frame_time
echo
echo "the 10-year log in memory (examples/log_memory.rs, read as the app reads it):"
"$target_dir"/release/examples/log_memory --data-dir "$work/data10"
