#!/usr/bin/env bash
# Runs "$@" with an unlocked gnome-keyring-daemon (Secret Service) on the current session bus,
# per DESIGN §6. Meant to run inside dbus-run-session (scripts/test does that). The keyring lives
# in a temporary folder that is removed afterwards; the exit code is that of "$@".
set -euo pipefail

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
    echo "with-keyring.sh: no session bus; run it inside dbus-run-session" >&2
    exit 1
fi

keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/mint-keyring.XXXXXX")"
mkdir -m 700 "$keyring_home/data" "$keyring_home/runtime"
keyring_pid=""
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
    if [[ -n "$keyring_pid" ]]; then
        kill "$keyring_pid" 2>/dev/null || true
        wait "$keyring_pid" 2>/dev/null || true
    fi
    rm -rf "$keyring_home"
}
trap cleanup EXIT

# The unlock password comes on stdin; the daemon stays in the foreground (our child).
printf '%s' "mint-test-keyring" |
    XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$keyring_home/runtime}" \
        gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
keyring_pid=$!

# Wait (at most 10 s) until org.freedesktop.secrets has an owner on the bus.
ready=no
for _ in $(seq 1 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |
        grep -q 'boolean true'; then
        ready=yes
        break
    fi
    if ! kill -0 "$keyring_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ $ready == yes ]]; then
    echo "==> gnome-keyring is unlocked on the test session bus" >&2
else
    echo "==> WARNING: gnome-keyring did not come up; keychain tests will see no keychain" >&2
fi

status=0
"$@" || status=$?
exit "$status"
