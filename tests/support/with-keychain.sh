#!/bin/bash
# Runs a test inside a private D-Bus session with an unlocked gnome-keyring, so that the
# keychain path of SecretStore is tested against a real Secret Service, not only the
# environment-variable fallback. Fails with the reason when the programs are missing.
set -euo pipefail
for program in dbus-run-session dbus-send gnome-keyring-daemon; do
    command -v "$program" >/dev/null 2>&1 ||
        { echo "with-keychain.sh: $program not found (install dbus-daemon, dbus-bin and gnome-keyring)" >&2; exit 1; }
done
if [[ ${1:-} != --inside ]]; then
    exec dbus-run-session -- "$0" --inside "$@"
fi
shift
scratch="$(mktemp -d)"
keyring_pid=
trap 'if [[ -n $keyring_pid ]]; then kill "$keyring_pid" 2>/dev/null || true; fi; rm -rf "$scratch"' EXIT
export HOME="$scratch/home" XDG_RUNTIME_DIR="$scratch/run" XDG_DATA_HOME="$scratch/data"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" "$XDG_DATA_HOME"
chmod 700 "$XDG_RUNTIME_DIR"
# In the foreground, so that its process is ours to stop and it holds no pipe of the caller.
printf 'test-keyring\n' >"$scratch/password"
gnome-keyring-daemon --foreground --unlock --components=secrets \
    <"$scratch/password" >"$scratch/keyring.out" 2>"$scratch/keyring.err" &
keyring_pid=$!
secrets_on_bus() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'
}
for _ in $(seq 1 100); do
    secrets_on_bus && break
    kill -0 "$keyring_pid" 2>/dev/null ||
        { echo "with-keychain.sh: gnome-keyring-daemon stopped: $(cat "$scratch/keyring.err")" >&2; exit 1; }
    sleep 0.1
done
secrets_on_bus ||
    { echo "with-keychain.sh: gnome-keyring-daemon did not start in 10 s" >&2; exit 1; }
export RD_TEST_EXPECT_KEYCHAIN=1
"$@"
