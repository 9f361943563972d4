#!/bin/sh
# Install the Debian packages partygraph needs to build and to test.
# Idempotent: a package is installed only when it is missing, so a second
# run does nothing and needs no network.
#
#   scripts/install-deps.sh          build dependencies only
#   scripts/install-deps.sh --test   build + test dependencies (oracles, validators)
#   scripts/install-deps.sh --fuzz   build + `make fuzz` (clang and its libFuzzer runtime)
# The flags add up: --test --fuzz installs both sets.
set -eu

build_pkgs="build-essential pkg-config libigraph-dev libcjson-dev libgraphviz-dev zlib1g-dev libxml2-dev libzip-dev libcsv-dev"
fuzz_pkgs="clang-14 libclang-rt-14-dev"
test_pkgs="locales groff-base man-db graphviz libxml2-utils python3-networkx python3-numpy python3-scipy python3-igraph python3-openpyxl python3-odf valgrind strace nodejs node-d3-force"

missing=""
need() { # need PACKAGE [CHECK...]: queue PACKAGE unless CHECK succeeds
    pkg=$1; shift
    if ! "$@" >/dev/null 2>&1; then missing="$missing $pkg"; fi
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

need build-essential command -v cc
need build-essential command -v make
need pkg-config      command -v pkg-config
need libigraph-dev   pkg-config --exists igraph
need libcjson-dev    pkg-config --exists libcjson
need libgraphviz-dev pkg-config --exists libgvc libcgraph
need zlib1g-dev      pkg-config --exists zlib
need libxml2-dev     pkg-config --exists libxml-2.0
need libzip-dev      pkg-config --exists libzip
need libcsv-dev      test -f /usr/include/csv.h # libcsv has no pkg-config file

for flag in "$@"; do
    case $flag in
        --test)
            for p in $test_pkgs; do need "$p" installed "$p"; done
            need chromium test -x /usr/bin/chromium # report.html's test: headless Chromium
            ;;
        --fuzz)
            for p in $fuzz_pkgs; do need "$p" installed "$p"; done
            need clang command -v clang # the Makefile's FUZZ_CC
            ;;
        *) echo "install-deps: unknown option $flag (--test, --fuzz)" >&2; exit 2 ;;
    esac
done

missing=$(printf '%s\n' $missing | sort -u | tr '\n' ' ')
if [ -z "${missing# }" ]; then
    exit 0
fi

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
