#!/bin/sh
# GraphML reader in linear time (issue 14): each hostile case of
# scripts/bench/gen_graphml_hostile.py generated at N and at 10 x N, read by
# `partygraph validate` (best of RUNS runs: wall seconds and peak RSS from
# /usr/bin/time), and the ratio of the two times: ~10 when the cost is linear
# in N, ~100 when quadratic. Not a test: `make check` runs none of it.
#
#   scripts/bench-graphml-linear.sh [CASE...]   default: entity lookup defaults wide
#   PARTYGRAPH=PATH   the binary (default build/partygraph)
#   RUNS=N            runs per file (default 3)
#
# The cases (N, then 10 x N): entity 2000 (references to one 100 KB entity),
# lookup 500 (keys; 10 x N nodes with <data> of the last keys), defaults
# 2000 (nodes, each given 200 defaults), wide 200 (keys with a default;
# 100 nodes get every one: the translation of a node, read_map.c, is
# quadratic in its number of attributes, which grows with N here).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PARTYGRAPH:-$root/build/partygraph}
runs=${RUNS:-3}
gen="$root/scripts/bench/gen_graphml_hostile.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { echo "no $bin: run make first" >&2; exit 2; }

size_of() {
    case $1 in
    entity) echo 2000 ;;
    lookup) echo 500 ;;
    defaults) echo 2000 ;;
    wide) echo 200 ;;
    *) echo "unknown case $1 (entity, lookup, defaults, wide)" >&2; exit 2 ;;
    esac
}

# best FILE: "SECONDS MB" of the fastest of $runs validate runs.
best() {
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" validate -q "$1" >/dev/null 2>"$tmp/err" ||
            { echo "partygraph failed on $1:" >&2; cat "$tmp/err" >&2; exit 1; }
        cat "$tmp/time"
        i=$((i + 1))
    done | sort -n | head -n 1 | awk '{ printf "%.2f %.0f", $1, $2 / 1024 }'
}

printf '%-9s %7s %9s %7s %6s   %7s %9s %7s %6s   %s\n' case N bytes s MB 10N bytes s MB "time ratio"
for c in ${*:-entity lookup defaults wide}; do
    n=$(size_of "$c")
    line=$(printf '%-9s' "$c")
    for m in "$n" $((n * 10)); do
        /usr/bin/python3 "$gen" "$c" "$m" >"$tmp/$c-$m.graphml"
        set -- $(best "$tmp/$c-$m.graphml")
        line="$line $(printf '%7s %9s %7s %6s  ' "$m" "$(wc -c <"$tmp/$c-$m.graphml")" "$1" "$2")"
        eval "t_$m=$1"
    done
    ratio=$(eval "echo \$t_$n \$t_$((n * 10))" | awk '{ printf "%.1f", $2 / ($1 > 0.005 ? $1 : 0.005) }')
    echo "$line $ratio"
    rm -f "$tmp/$c-"*
done
