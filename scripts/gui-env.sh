# Sourced by the scripts that run the real Limber window under Xvfb (sigterm-stress.sh,
# single-instance-check.sh): finds the binary, installs what a fresh machine lacks, starts a
# private virtual display, and gives Limber a private home and runtime folder, so that the
# person's own files and Limber are never touched.
#
# gui_env_start NAME BINARY FIRST_DISPLAY LAST_DISPLAY
#   NAME names the script in messages; BINARY may be empty (then target/release/limber if
#   built, else target/debug/limber); a free display number is taken between FIRST and LAST.
#   Sets: limber (the binary's full path), work (a temporary folder), display, xvfb_pid, and
#   exports DISPLAY, XDG_RUNTIME_DIR, HOME, XDG_CONFIG_HOME and XDG_DATA_HOME.
# gui_env_stop: stops the display and the speech service Limber started, removes `work`.

gui_env_start() {
  local name=$1 first=$3 last=$4 n
  local target_dir=${CARGO_TARGET_DIR:-target}
  limber=$2
  if [[ -z $limber ]]; then
    limber=$target_dir/release/limber
    [[ -x $limber ]] || limber=$target_dir/debug/limber
  fi
  [[ -x $limber ]] || { echo "$name: no binary at $limber (cargo build first)" >&2; exit 2; }
  limber=$(realpath "$limber")

  local need=()
  command -v Xvfb >/dev/null || need+=(xvfb)
  command -v xdotool >/dev/null || need+=(xdotool)
  command -v xdpyinfo >/dev/null || need+=(x11-utils)
  [[ -e /usr/lib/x86_64-linux-gnu/dri/swrast_dri.so || -e /usr/lib/aarch64-linux-gnu/dri/swrast_dri.so ]] || need+=(libgl1-mesa-dri)
  if ((${#need[@]})); then
    echo "$name: installing ${need[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi

  work=$(mktemp -d)
  display=""
  for n in $(seq "$first" "$last"); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    display=:$n
    break
  done
  [[ -n $display ]] || { echo "$name: no free display number" >&2; exit 2; }
  Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 50); do xdpyinfo -display "$display" >/dev/null 2>&1 && break; sleep 0.1; done
  export DISPLAY=$display
  mkdir -p "$work/runtime" && chmod 700 "$work/runtime"
  export XDG_RUNTIME_DIR=$work/runtime
  export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
}

gui_env_stop() {
  kill "$xvfb_pid" 2>/dev/null || true
  # The speech service Limber started for its voice, with this run's private runtime folder.
  pkill -f "$work/runtime/speech-dispatcher" 2>/dev/null || true
  rm -rf "$work"
}
