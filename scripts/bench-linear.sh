#!/bin/sh
# Every reader in linear time (issue 14): each hostile input, generated at
# size N and at 10 x N, read by `partygraph validate` (the fastest of RUNS
# runs: wall seconds and peak RSS, from /usr/bin/time), and the ratio of
# the two times: ~10 when the cost is linear in the input, ~100 when it is
# quadratic. A benchmark, not a test: `make check` runs none of it (the
# tests check these inputs' outputs, at sizes that take a second).
#
#   scripts/bench-linear.sh [CASE...]    default: every case below
#   PARTYGRAPH=PATH   the binary (default build/partygraph)
#   RUNS=N            runs per file (default 3)
#
# The cases and their N (the generators' docstrings say what each holds):
#   JSON, scripts/bench/gen_hostile.py: errors (N errors in one element of
#     partygraph/1, for validate), nodelink, jgf, popolo (one node of N
#     attributes), duplicates, nodelink-duplicates (one key repeated N times)
#   GraphML, scripts/bench/gen_graphml_hostile.py: entity (N references to
#     one 100 KB entity), lookup (N keys, 10 x N nodes using the last ones),
#     defaults (N nodes each given 200 defaults), wide (N keys with a
#     default, 100 nodes given every one)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${PARTYGRAPH:-$root/build/partygraph}
runs=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ -x "$bin" ] || { echo "no $bin: run make first" >&2; exit 2; }

# The table: CASE GENERATOR N EXTENSION.
cases="errors gen_hostile.py 20000 json
nodelink gen_hostile.py 20000 json
jgf gen_hostile.py 20000 json
popolo gen_hostile.py 20000 json
duplicates gen_hostile.py 20000 json
nodelink-duplicates gen_hostile.py 20000 json
entity gen_graphml_hostile.py 2000 graphml
lookup gen_graphml_hostile.py 500 graphml
defaults gen_graphml_hostile.py 2000 graphml
wide gen_graphml_hostile.py 200 graphml"

# best FILE: "SECONDS MB" of the fastest of $runs validate runs (exit
# status ignored: the errors case is invalid on purpose).
best() {
    i=0
    while [ "$i" -lt "$runs" ]; do
        /usr/bin/time -f "%e %M" -o "$tmp/time" "$bin" validate -q "$1" >/dev/null 2>&1 || true
        tail -n 1 "$tmp/time" # (after "Command exited with non-zero status", when it did)
        i=$((i + 1))
    done | sort -n | head -n 1 | awk '{ printf "%.2f %.0f", $1, $2 / 1024 }'
}

# row CASE GENERATOR N EXT: one line of the table.
row() {
    line=$(printf '%-20s' "$1")
    for m in "$3" $(($3 * 10)); do
        file="$tmp/$1-$m.$4"
        /usr/bin/python3 "$root/scripts/bench/$2" "$1" "$m" >"$file"
        set -- "$1" "$2" "$3" "$4" $(best "$file")
        line="$line $(printf '%8s %10s %7s %6s ' "$m" "$(wc -c <"$file")" "$5" "$6")"
        eval "t_$m=$5"
        rm -f "$file"
    done
    ratio=$(eval "echo \$t_$3 \$t_$(($3 * 10))" | awk '{ printf "%.1f", $2 / ($1 > 0.005 ? $1 : 0.005) }')
    echo "$line  $ratio"
}

printf '%-20s %8s %10s %7s %6s  %8s %10s %7s %6s   %s\n' case N bytes s MB 10N bytes s MB "time ratio"
echo "$cases" | while read -r name generator n ext; do
    if [ $# -eq 0 ] || echo " $* " | grep -q " $name "; then
        row "$name" "$generator" "$n" "$ext"
    fi
done
