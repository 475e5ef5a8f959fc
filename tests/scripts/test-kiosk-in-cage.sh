#!/usr/bin/env bash
# tests/scripts/test-kiosk-in-cage.sh GUI CLI
# Starts the kiosk the way a kiosk workstation does (docs/kiosk.md): inside cage, the Wayland
# kiosk compositor, here on wlroots' headless backend with software rendering, so no screen,
# GPU or input device is needed. On a demo database of its own it checks that
#   1. the kiosk says "kiosk ready on the wayland platform" within 20 seconds;
#   2. cage is still running then (the kiosk did not take it down);
#   3. the session stops cleanly: SIGTERM to the kiosk, and cage, whose only client it is, exits
#      with status 0 by itself.
# Not SIGTERM to cage: cage 0.1.4 (Debian 12) aborts on it in wl_display_terminate (an assertion
# in libwayland; cage-kiosk/cage#339), which would test cage's bug, not the kiosk.
# cage refuses to run as root; as root, this test runs it (and the kiosk) as the user nobody.
# cage 0.1.4 also needs the Xwayland binary (Debian package xwayland) even for a Wayland client.
# A missing cage is a failure, not a skip: the kiosk workstation needs it.
set -uo pipefail

gui="${1:?usage: $0 GUI CLI}"
cli="${2:?usage: $0 GUI CLI}"
work="$(mktemp -d "${TMPDIR:-/tmp}/rd-kiosk-cage.XXXXXX")"
cage_pid=""
kiosk_pid=""
cleanup() {
    if [[ -n $kiosk_pid ]]; then
        kill -KILL "$kiosk_pid" 2>/dev/null
    fi
    if [[ -n $cage_pid ]] && kill -0 "$cage_pid" 2>/dev/null; then
        kill -KILL "$cage_pid" 2>/dev/null
        wait "$cage_pid" 2>/dev/null
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    printf 'FAIL: %s\n' "$*"
    if [[ -s $work/cage.log ]]; then
        printf -- '--- cage and kiosk output ---\n'
        cat "$work/cage.log"
        printf -- '--- end ---\n'
    fi
    exit 1
}
pass() { printf 'PASS: %s\n' "$*"; }

command -v cage >/dev/null 2>&1 ||
    fail "cage is not installed (Debian package cage; scripts/lib/common.sh installs it)"
[[ -x $gui ]] || fail "no kiosk program at $gui"
[[ -x $cli ]] || fail "no command-line tool at $cli"
[[ -x /usr/bin/Xwayland ]] ||
    fail "Xwayland is not installed (Debian package xwayland), and cage 0.1.4 will not start without it"

# A demo database and settings of this test's own.
mkdir -p "$work/config" "$work/runtime" "$work/media"
chmod 0700 "$work/runtime"
database="sqlite:$work/rd.sqlite"
export XDG_CONFIG_HOME="$work/config"
export REVOCATION_DESK_AUDIT_KEY="${REVOCATION_DESK_AUDIT_KEY:-test-kiosk-audit-key}"
export REVOCATION_DESK_REMOVABLE_MEDIA="$work/media"
if ! output="$(QT_QPA_PLATFORM=offscreen "$cli" --database "$database" db migrate 2>&1)"; then
    fail "db migrate: $output"
fi
if ! output="$(QT_QPA_PLATFORM=offscreen "$cli" --database "$database" demo seed 2>&1 >/dev/null)"; then
    fail "demo seed: $output"
fi

as_user=()
if ((EUID == 0)); then
    chown -R nobody:nogroup "$work" || fail "cannot hand $work to the user nobody"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# cage on wlroots' headless backend, drawing with the pixman software renderer; the kiosk,
# its child, on Qt's Wayland platform. Nothing of the caller's display leaks in.
env -u DISPLAY -u WAYLAND_DISPLAY \
    HOME="$work" XDG_RUNTIME_DIR="$work/runtime" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    QT_QPA_PLATFORM=wayland \
    "${as_user[@]}" cage -- "$gui" --kiosk --database "$database" >"$work/cage.log" 2>&1 &
cage_pid=$!

ready=0
for _ in $(seq 1 200); do
    if grep -q 'kiosk ready on the wayland platform' "$work/cage.log"; then
        ready=1
        break
    fi
    kill -0 "$cage_pid" 2>/dev/null || break
    sleep 0.1
done
if ((!ready)); then
    if ! kill -0 "$cage_pid" 2>/dev/null; then
        wait "$cage_pid"
        status=$?
        cage_pid=""
        fail "cage (with the kiosk) exited with status $status before the kiosk was ready"
    fi
    fail "the kiosk did not say it was ready on the wayland platform within 20 seconds"
fi
pass "the kiosk is ready on the wayland platform inside cage"

# A moment more: a kiosk that falls over right after starting takes cage with it.
sleep 1
kill -0 "$cage_pid" 2>/dev/null || fail "cage exited after the kiosk was ready"
pass "cage is still running"

# The kiosk is cage's child (setpriv execs cage, cage forks the kiosk).
kiosk_pid=""
gui_real="$(readlink -f "$gui")"
for child in $(pgrep -P "$cage_pid"); do
    if [[ $(readlink -f "/proc/$child/exe" 2>/dev/null) == "$gui_real" ]]; then
        kiosk_pid=$child
    fi
done
[[ -n $kiosk_pid ]] || fail "cannot find the kiosk's process under cage ($cage_pid)"
kill -TERM "$kiosk_pid"
stopped=0
for _ in $(seq 1 100); do
    if ! kill -0 "$cage_pid" 2>/dev/null; then
        stopped=1
        break
    fi
    sleep 0.1
done
((stopped)) || fail "cage did not exit within 10 seconds of its kiosk being stopped"
wait "$cage_pid"
status=$?
cage_pid=""
kiosk_pid=""
((status == 0)) || fail "cage exited with status $status after its kiosk was stopped"
pass "SIGTERM to the kiosk ends the cage session cleanly (cage exit status 0)"
echo "all checks passed"
