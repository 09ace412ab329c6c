#!/usr/bin/env bash
# One Limber per data folder, checked with the real binary under Xvfb:
#   1. Limber started --minimized on a data folder shows no window;
#   2. a `limber export` on that folder does not hand over (the window stays hidden);
#   3. a second launch on the same folder ends at once (status 0) and the first window becomes
#      visible, on the screen the second launch asked for (its title is checked through the
#      accessibility-free way: the window is mapped, found with xdotool --onlyvisible);
#   4. a launch on another folder (a demo folder) does not hand over: it opens its own window.
# Fails on the first check that does not hold.
#
# usage: scripts/single-instance-check.sh [BINARY]
#   BINARY: the limber binary (default: target/release/limber if built, else target/debug/limber)
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/gui-env.sh
source scripts/gui-env.sh
gui_env_start single-instance-check "${1:-}" 230 300
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  gui_env_stop
}
trap cleanup EXIT
mkdir -p "$XDG_CONFIG_HOME/limber"
echo seen >"$XDG_CONFIG_HOME/limber/notice-acknowledged"

fail() { echo "single-instance-check: FAILED: $*" >&2; tail -n 5 "$work"/*.err >&2 || true; exit 1; }
visible() { xdotool search --onlyvisible --pid "$1" 2>/dev/null | head -n 1; }
# wait_for SECONDS COMMAND...: runs COMMAND every 50 ms until it succeeds.
wait_for() {
  local tries=$(($1 * 20))
  shift
  for _ in $(seq "$tries"); do "$@" && return 0; sleep 0.05; done
  return 1
}
has_window() { [[ -n $(xdotool search --pid "$1" 2>/dev/null | head -n 1) ]]; }
is_visible() { [[ -n $(visible "$1") ]]; }
ended() { ! kill -0 "$1" 2>/dev/null; }

# 1. Started hidden, as at login.
"$limber" --data-dir "$work/data" --minimized 2>"$work/first.err" &
first=$!
pids+=("$first")
wait_for 20 has_window "$first" || fail "the hidden Limber made no window"
wait_for 10 test -S "$(ls "$XDG_RUNTIME_DIR"/limber-*.sock 2>/dev/null | head -n 1)" \
  || fail "the first Limber made no socket in $XDG_RUNTIME_DIR"
sleep 1
is_visible "$first" && fail "the window of Limber started --minimized is visible"
echo "single-instance-check: started --minimized, no window shown"

# 2. A command-line subcommand never hands over.
set +e
"$limber" --data-dir "$work/data" export --format ron --output "$work/backup.ron" >"$work/export.out" 2>"$work/export.err"
set -e
sleep 1
is_visible "$first" && fail "limber export showed the hidden window"
echo "single-instance-check: limber export did not hand over"

# 3. A second launch on the same folder hands over and ends.
start=$(date +%s%3N)
"$limber" --data-dir "$work/data" --screen history 2>"$work/second.err" &
second=$!
pids+=("$second")
wait_for 15 ended "$second" || fail "the second launch did not end"
status=0
wait "$second" || status=$?
((status == 0)) || fail "the second launch ended with status $status"
grep -q "brought forward" "$work/second.err" || fail "the second launch did not say it handed over"
wait_for 10 is_visible "$first" || fail "the first window did not become visible"
took=$(($(date +%s%3N) - start))
kill -0 "$first" 2>/dev/null || fail "the first Limber is gone"
count=$(pgrep -f -c -- "--data-dir $work/data" || true)
((count == 1)) || fail "$count Limber processes on the data folder, not 1"
echo "single-instance-check: a second launch handed over and ended; the first window is visible (${took} ms); 1 process"

# 4. Another folder (a demo) never hands over to the person's Limber.
"$limber" --data-dir "$work/demo" 2>"$work/demo.err" &
demo=$!
pids+=("$demo")
wait_for 20 is_visible "$demo" || fail "Limber on another data folder opened no window"
kill -0 "$demo" 2>/dev/null || fail "Limber on another data folder ended"
echo "single-instance-check: another data folder opened its own window"
kill -TERM "$first" "$demo"
wait "$first" "$demo" 2>/dev/null || true
echo "single-instance-check: passed"
