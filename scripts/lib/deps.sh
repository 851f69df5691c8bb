# shellcheck shell=bash
# Shared by scripts/run, scripts/test and scripts/bench (sourced, not run): installs what the build
# needs and builds into build/. Functions: mint_install_deps [EXTRA_PACKAGE...], mint_build
# [TARGET...]. MINT_ROOT is the repository root.

MINT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MINT_BUILD_DIR="${MINT_BUILD_DIR:-$MINT_ROOT/build}"

# Debian 12 / Ubuntu packages (DESIGN §6), installed with --no-install-recommends.
MINT_DEBIAN_PACKAGES=(
    g++ cmake ninja-build qt6-base-dev libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev
    qtkeychain-qt6-dev libsecret-1-0 libssl-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    xvfb xauth gnome-keyring dbus dbus-x11 libsecret-tools fonts-dejavu-core libqt6svg6
    dpkg-dev file desktop-file-utils appstream # packaging: cpack -G DEB and its tests
)
MINT_BREW_PACKAGES=(qt openssl@3 cmake ninja qtkeychain)

mint_log() { echo "==> $*" >&2; }

mint_is_debian() {
    [[ -r /etc/os-release ]] || return 1
    local id="" id_like=""
    # shellcheck disable=SC1091
    id="$(. /etc/os-release && echo "${ID:-}")"
    # shellcheck disable=SC1091
    id_like="$(. /etc/os-release && echo "${ID_LIKE:-}")"
    [[ "$id" == debian || "$id" == ubuntu || " $id_like " == *" debian "* ||
        " $id_like " == *" ubuntu "* ]] && command -v dpkg-query >/dev/null &&
        command -v apt-get >/dev/null
}

mint_print_manual_instructions() {
    cat >&2 <<'TEXT'
Mint Config needs: a C++20 compiler, CMake >= 3.25, Ninja, Qt >= 6.4 (Core, Gui, Widgets, Sql
with the SQLite driver, Network, Concurrent, HttpServer, WebSockets, Test, LinguistTools),
OpenSSL 3 and QtKeychain for Qt 6.
TEXT
    if [[ "$(uname -s)" == Darwin ]]; then
        cat >&2 <<TEXT

On macOS, with Homebrew (https://brew.sh):
    brew install ${MINT_BREW_PACKAGES[*]}
then run this command again; it finds them through 'brew --prefix'.
TEXT
    else
        cat >&2 <<'TEXT'

Install them with your system's package manager (on Fedora, for example:
    sudo dnf install gcc-c++ cmake ninja-build qt6-qtbase-devel qt6-qthttpserver-devel \
        qt6-qtwebsockets-devel qt6-qttools-devel qtkeychain-qt6-devel openssl-devel
), then run this command again.
TEXT
    fi
}

# Installs the missing Debian packages (and any extra ones named); elsewhere says what to install
# and returns non-zero unless the tools are already there.
mint_install_deps() {
    if mint_is_debian; then
        local wanted=("${MINT_DEBIAN_PACKAGES[@]}" "$@") missing=() package
        for package in "${wanted[@]}"; do
            if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
                missing+=("$package")
            fi
        done
        if ((${#missing[@]} == 0)); then
            return 0
        fi
        local sudo=()
        if ((EUID != 0)); then
            if ! command -v sudo >/dev/null; then
                echo "Missing packages: ${missing[*]}" >&2
                echo "Run as root, or install sudo, to install them." >&2
                return 1
            fi
            sudo=(sudo)
        fi
        mint_log "Installing missing packages with ${sudo[*]:+sudo }apt-get: ${missing[*]}"
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
            mint_log "apt-get update failed; trying to install with the package lists as they are"
        if ! "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}"; then
            echo "Could not install: ${missing[*]}" >&2
            return 1
        fi
        return 0
    fi

    if [[ "$(uname -s)" == Darwin ]] && command -v brew >/dev/null &&
        brew list --versions "${MINT_BREW_PACKAGES[@]}" >/dev/null 2>&1; then
        local prefixes=() package
        for package in "${MINT_BREW_PACKAGES[@]}"; do
            prefixes+=("$(brew --prefix "$package")")
        done
        CMAKE_PREFIX_PATH="$(
            IFS=';'
            echo "${prefixes[*]}"
        )"
        export CMAKE_PREFIX_PATH
        return 0
    fi

    mint_print_manual_instructions
    if command -v cmake >/dev/null && command -v ninja >/dev/null; then
        mint_log "cmake and ninja are here: trying to build with what is installed"
        return 0
    fi
    return 1
}

# Configures (Ninja, RelWithDebInfo, plus the -D options in the MINT_CMAKE_OPTIONS array) into
# MINT_BUILD_DIR (default build/) and builds the given targets (default: all).
mint_build() {
    mint_log "Configuring into ${MINT_BUILD_DIR#"$MINT_ROOT"/}"
    local options=()
    if declare -p MINT_CMAKE_OPTIONS >/dev/null 2>&1; then
        options=("${MINT_CMAKE_OPTIONS[@]}")
    fi
    cmake -S "$MINT_ROOT" -B "$MINT_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        "${options[@]}" >&2
    local targets=()
    local target
    for target in "$@"; do
        targets+=(--target "$target")
    done
    mint_log "Building ${*:-everything}"
    cmake --build "$MINT_BUILD_DIR" "${targets[@]}" >&2
}
