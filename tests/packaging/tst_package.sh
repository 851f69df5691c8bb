#!/usr/bin/env bash
# tst_package: builds the DEB from a complete build tree (cpack -G DEB into a temporary
# directory) and checks it: the Depends line (computed and declared), the files it carries, that
# the installed programs run from a scratch root (the CLI's --version; the GUI headless until its
# first paint, in English and with --lang nb, whose .qm must be found relative to the installed
# binary), and that no installed file contains the build or source directory's path.
# Usage: tst_package.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail

build_dir="$(cd "$1" && pwd)"
source_dir="$(cd "$2" && pwd)"
version=$3
app_id=org.mintconfig.MintConfig
failures=0

fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
pass() { echo "PASS: $*"; }

for tool in cpack dpkg-deb dpkg-shlibdeps file; do
    if ! command -v "$tool" >/dev/null; then
        echo "FAIL: $tool is not installed (Debian: cmake, dpkg-dev, file)" >&2
        exit 1
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/mint-tst-package.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# ---- Build the package ---------------------------------------------------------------------
started=$SECONDS
if ! cpack --config "$build_dir/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack -G DEB failed" >&2
    exit 1
fi
debs=("$work"/out/mint-config_*.deb)
if [[ ! -f "${debs[0]}" ]]; then
    cat "$work/cpack.log" >&2
    echo "FAIL: cpack wrote no mint-config_*.deb" >&2
    exit 1
fi
deb=${debs[0]}
pass "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) in $((SECONDS - started)) s"

# ---- Control fields --------------------------------------------------------------------------
[[ "$(dpkg-deb -f "$deb" Package)" == mint-config ]] || fail "Package is not mint-config"
[[ "$(dpkg-deb -f "$deb" Version)" == "$version" ]] || fail "Version is not $version"
depends="$(dpkg-deb -f "$deb" Depends)"
echo "Depends: $depends"
# Computed by dpkg-shlibdeps (Qt, OpenSSL, QtKeychain), then the ones it cannot see (plug-ins,
# the dlopen()ed libsecret). Debian 12 names; newer releases add a t64 suffix to some.
for dep in libqt6core6 libqt6gui6 libqt6widgets6 libqt6network6 libqt6sql6 'libssl3(t64)?' \
    libqt6keychain1 libqt6sql6-sqlite libqt6svg6 libsecret-1-0; do
    if grep -Eq "(^|, )${dep}( |,|$)" <<<"$depends"; then
        pass "Depends has ${dep}"
    else
        fail "Depends lacks ${dep}"
    fi
done

# ---- Contents ----------------------------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $NF}' | sed 's#^\./#/#' >"$work/contents"
expected=(
    /usr/bin/mint-config
    /usr/bin/mint-config-cli
    "/usr/share/applications/$app_id.desktop"
    "/usr/share/metainfo/$app_id.metainfo.xml"
    "/usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    /usr/share/doc/mint-config/LICENSE
    /usr/share/doc/mint-config/copyright
    /usr/share/mint-config/translations/mint-config_nb.qm
)
for size in 16 22 24 32 48 64 128 256 512; do
    expected+=("/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
    if grep -qxF "$path" "$work/contents"; then
        pass "contains $path"
    else
        fail "does not contain $path"
    fi
done
if grep -Ev '^/usr/(bin|share)/' "$work/contents" | grep -Ev '^/(usr/?)?$'; then
    fail "files outside /usr/bin and /usr/share (listed above)"
fi

# ---- Install into a scratch root and run -----------------------------------------------------
root="$work/root"
dpkg-deb -x "$deb" "$root"

if output="$("$root/usr/bin/mint-config-cli" --version 2>&1)" &&
    [[ "$output" == "mint-config-cli $version" ]]; then
    pass "installed mint-config-cli --version: $output"
else
    fail "installed mint-config-cli --version printed '$output'"
fi

# The GUI on the offscreen platform with a private home; MINT_BENCH_FIRST_PAINT makes it print
# "FIRST_PAINT <ms>" after its first paint and quit with 0 (ui/FirstPaintProbe).
run_gui() {
    local name=$1
    shift
    local home="$work/home-$name"
    mkdir -p "$home"
    local status=0
    HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" \
        QT_QPA_PLATFORM=offscreen MINT_BENCH_FIRST_PAINT=1 \
        timeout 60 "$root/usr/bin/mint-config" "$@" >"$work/gui-$name.out" 2>"$work/gui-$name.err" ||
        status=$?
    if ((status != 0)) || ! grep -Eq '^FIRST_PAINT [0-9.]+$' "$work/gui-$name.out"; then
        fail "installed mint-config $* (exit $status) did not paint and quit:"
        cat "$work/gui-$name.out" "$work/gui-$name.err" >&2
        return 1
    fi
    pass "installed mint-config $*: $(cat "$work/gui-$name.out")"
}
run_gui en || true
if run_gui nb --lang nb; then
    # app/main.cpp warns when it finds no translation for the language asked for.
    if grep -q 'no translation' "$work/gui-nb.err"; then
        fail "installed mint-config --lang nb found no translation:"
        cat "$work/gui-nb.err" >&2
    else
        pass "installed mint-config --lang nb loaded its translation"
    fi
fi

# ---- Relocatable: no build or source path in any installed file -----------------------------
for dir in "$build_dir" "$source_dir"; do
    if matches="$(grep -rlaF "$dir" "$root")"; then
        fail "installed files contain $dir:"
        echo "$matches" >&2
    else
        pass "no installed file contains $dir"
    fi
done

echo "tst_package took $((SECONDS - started)) s"
if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
fi
