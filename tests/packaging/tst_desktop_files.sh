#!/usr/bin/env bash
# tst_desktop_files: the .desktop file and the AppStream metainfo validate without errors or
# warnings (desktop-file-validate; appstreamcli validate --no-net), and agree with each other and
# with the project: desktop ID, icon name, release version.
# Usage: tst_desktop_files.sh DESKTOP_FILE METAINFO_FILE VERSION
set -euo pipefail

desktop=$1
metainfo=$2
version=$3
app_id=org.mintconfig.MintConfig
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

for tool in desktop-file-validate appstreamcli; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL: $tool is not installed (Debian: desktop-file-utils, appstream)" >&2
        exit 1
    fi
done

# desktop-file-validate prints "error:", "warning:" and "hint:" lines; hints are advice only.
if ! output="$(desktop-file-validate "$desktop" 2>&1)"; then
    fail "desktop-file-validate failed"
fi
[[ -z "$output" ]] || echo "$output"
if grep -Eq '(error|warning):' <<<"$output"; then
    fail "desktop-file-validate reported errors or warnings"
fi

# appstreamcli: E (error) and W (warning) fail; I (info) and P (pedantic) are advice only.
if ! output="$(appstreamcli validate --no-net --no-color "$metainfo" 2>&1)"; then
    fail "appstreamcli validate failed"
fi
echo "$output"
if grep -Eq '^[EW]: ' <<<"$output"; then
    fail "appstreamcli validate reported errors or warnings"
fi

# They must name each other and the icon that is installed.
[[ "$(basename "$desktop")" == "$app_id.desktop" ]] || fail "desktop file name is not $app_id.desktop"
grep -qx "Icon=$app_id" "$desktop" || fail "the desktop file's Icon is not $app_id"
grep -qx "Exec=mint-config" "$desktop" || fail "the desktop file does not run mint-config"
grep -q "<id>$app_id</id>" "$metainfo" || fail "metainfo id is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" ||
    fail "metainfo launchable is not $app_id.desktop"
grep -q "<release version=\"$version\"" "$metainfo" ||
    fail "metainfo has no <release> for version $version (add one when the version changes)"

if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "PASS: $(basename "$desktop") and $(basename "$metainfo") are valid"
