#!/usr/bin/env bash
# Side by side with KeePassXC (keepassxc-cli 2.7) at 10,000 entries, whole processes, about 25 ms
# of KDF on both sides: keepassxc-cli's default AES-KDF (1,000,000 rounds; its -t option accepts
# 100 ms at least) and ours calibrated with --kdf-time-ms 25 --allow-weak-kdf.
# Measures with hyperfine: add one entry (a unique name per run), change one entry's value,
# open + list. Prints only `BENCH <name> <value> <unit>` lines on stdout; progress on stderr.
#
# Usage: tests/bench/compare_keepassxc.sh [BUILD_DIR]   (default: build)
# Environment: MINT_BENCH_ENTRIES (10000), MINT_BENCH_RUNS (10), MINT_BENCH_WARMUP (2).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="$(cd "${1:-$root/build}" && pwd)"
entries="${MINT_BENCH_ENTRIES:-10000}"
runs="${MINT_BENCH_RUNS:-10}"
warmup="${MINT_BENCH_WARMUP:-2}"

cli="$build/app/mint-config-cli"
fill="$build/tests/bench/mint-bench-fill"
for tool in keepassxc-cli hyperfine; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "compare_keepassxc: $tool is missing (Debian: sudo apt-get install keepassxc hyperfine)" >&2
        exit 1
    fi
done
for program in "$cli" "$fill"; do
    if [[ ! -x "$program" ]]; then
        echo "compare_keepassxc: $program is missing; build the project first" >&2
        exit 1
    fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/mint-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
password="bench-password"
mint="$work/bench.mintvault"
kpxc="$work/bench.kdbx"
log() { echo "compare_keepassxc: $*" >&2; }

# --- fill both sides ---------------------------------------------------------------------------
log "filling a Mint Config vault with $entries secrets"
printf '%s\n' "$password" |
    "$cli" --vault "$mint" --password-stdin init --kdf-time-ms 25 --allow-weak-kdf >/dev/null
printf '%s\n' "$password" | "$fill" --vault "$mint" --count "$entries" --prefix entry-

log "filling a KeePassXC database with $entries entries (keepassxc-cli import, default AES-KDF)"
xml="$work/entries.xml"
awk -v n="$entries" 'BEGIN {
    srand(42)
    print "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    print "<KeePassFile><Meta><Generator>mint-bench</Generator><DatabaseName>bench</DatabaseName></Meta>"
    print "<Root><Group><Name>Root</Name>"
    for (i = 0; i < n; i++) {
        v = ""
        for (j = 0; j < 8; j++) v = v sprintf("%08x", int(rand() * 4294967296))
        printf "<Entry><String><Key>Title</Key><Value>entry-%05d</Value></String>", i
        printf "<String><Key>Password</Key><Value ProtectInMemory=\"True\">%s</Value></String></Entry>\n", v
    }
    print "</Group></Root></KeePassFile>"
}' >"$xml"
printf '%s\n%s\n' "$password" "$password" | keepassxc-cli import -q -p "$xml" "$kpxc" >/dev/null
rm -f "$xml"
log "KeePassXC $(keepassxc-cli --version), $(printf '%s\n' "$password" |
    keepassxc-cli db-info -q "$kpxc" | grep -E '^KDF:')"

# --- measure -----------------------------------------------------------------------------------
q() { printf '%q' "$1"; }
median_ms() { # the median of a hyperfine JSON export, in milliseconds
    awk -F: '/"median"/ { gsub(/[ ,]/, "", $2); printf "%.1f", $2 * 1000; exit }' "$1"
}
measure() { # measure NAME COMMAND: runs hyperfine, prints the median in ms
    local name="$1" command="$2" json="$work/$1.json"
    log "measuring $name"
    hyperfine --runs "$runs" --warmup "$warmup" --export-json "$json" --command-name "$name" \
        "$command" >&2
    median_ms "$json"
}
report() { # report OP KPXC_MS MINT_MS
    echo "BENCH kpxc_$1_ms $2 ms"
    echo "BENCH mint_$1_ms $3 ms"
    awk -v k="$2" -v m="$3" -v op="$1" 'BEGIN { printf "BENCH ratio_%s %.1f x\n", op, k / m }'
}

pw="$(q "$password")"
mintCmd="$(q "$cli") --vault $(q "$mint") --password-stdin"
kpxcDb="$(q "$kpxc")"

# Each run is a fresh shell, so $$ gives every run its own entry name.
kpxc_add="$(measure kpxc_add "printf '%s\n%s\n' $pw value-\$\$ | keepassxc-cli add -q -p $kpxcDb added-\$\$")"
mint_add="$(measure mint_add "printf '%s\n%s\n' $pw value-\$\$ | $mintCmd add added-\$\$ >/dev/null")"
report add "$kpxc_add" "$mint_add"

kpxc_change="$(measure kpxc_change "printf '%s\n%s\n' $pw changed-\$\$ | keepassxc-cli edit -q -p $kpxcDb entry-05000")"
mint_change="$(measure mint_change "printf '%s\n%s\n' $pw changed-\$\$ | $mintCmd set-value entry-05000")"
report change "$kpxc_change" "$mint_change"

kpxc_list="$(measure kpxc_open_list "printf '%s\n' $pw | keepassxc-cli ls -q $kpxcDb")"
mint_list="$(measure mint_open_list "printf '%s\n' $pw | $mintCmd list")"
report open_list "$kpxc_list" "$mint_list"
