#!/usr/bin/env bash
# Builds the macOS disk image (mint-config-<version>-Darwin.dmg) in one command, after
#   brew install qt openssl@3 cmake ninja qtkeychain
# (or with Qt from the Qt online installer: set MINT_QT_DIR=~/Qt/6.7.3/macos). Details:
# packaging/README.md. The install rules run macdeployqt on the bundle and sign it: ad hoc, or
# with MINT_CODESIGN_IDENTITY="Developer ID Application: ..." set. Prints the path of the .dmg.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${MINT_BUILD_DIR:-$root/build-dmg}"

if [[ "$(uname -s)" != Darwin ]]; then
    echo "packaging/macos/package.sh runs on macOS only" >&2
    exit 1
fi
for tool in brew cmake ninja; do
    command -v "$tool" >/dev/null || {
        echo "$tool not found: brew install qt openssl@3 cmake ninja qtkeychain" >&2
        exit 1
    }
done

prefixes=("${MINT_QT_DIR:-$(brew --prefix qt)}" "$(brew --prefix openssl@3)" "$(brew --prefix qtkeychain)")
prefix_path="$(
    IFS=';'
    echo "${prefixes[*]}"
)"

echo "==> Configuring into $build" >&2
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    -DCMAKE_PREFIX_PATH="$prefix_path" -DOPENSSL_ROOT_DIR="$(brew --prefix openssl@3)" >&2
echo "==> Building" >&2
cmake --build "$build" >&2
echo "==> Packaging (DragNDrop)" >&2
cpack --config "$build/CPackConfig.cmake" -G DragNDrop -B "$build/packages" >&2
find "$build/packages" -maxdepth 1 -name 'mint-config-*.dmg'
