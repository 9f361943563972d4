#!/bin/sh
# Linear-time benchmark of the JSON readers (issue 14): each hostile input
# of scripts/bench/gen_hostile.py at size N and 10N, timed with
# `partygraph validate`, and the ratio of the two times. Linear time gives
# a ratio near 10; the quadratic readers of before gave about 100.
#
#   scripts/bench-json-linear.sh [N]     default N: 20000
#   PARTYGRAPH=PATH                      the binary (default build/partygraph)
#
# Cases: errors (partygraph/1, N errors in one element), nodelink, jgf,
# popolo (one node of N attributes), duplicates, nodelink-duplicates (one
# key repeated N times).
set -eu
cd "$(dirname "$0")/.."
n=${1:-20000}
bin=${PARTYGRAPH:-build/partygraph}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# seconds COMMAND...: wall time of one run (exit status ignored: errors is invalid on purpose)
seconds() {
    /usr/bin/python3 - "$@" <<'PY'
import subprocess, sys, time
t = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("%.3f" % (time.monotonic() - t))
PY
}
printf '%-20s %10s %10s %10s %10s %7s\n' case "N" "time N" "10N" "time 10N" ratio
for c in errors nodelink jgf popolo duplicates nodelink-duplicates; do
    /usr/bin/python3 scripts/bench/gen_hostile.py "$c" "$n" >"$work/small.json"
    /usr/bin/python3 scripts/bench/gen_hostile.py "$c" $((10 * n)) >"$work/big.json"
    a=$(seconds "$bin" validate "$work/small.json")
    b=$(seconds "$bin" validate "$work/big.json")
    printf '%-20s %10d %9ss %10d %9ss %7s\n' "$c" "$n" "$a" $((10 * n)) "$b" \
        "$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.1f", (a > 0) ? b / a : 0 }')"
done
