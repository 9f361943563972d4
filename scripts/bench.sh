#!/bin/sh
# Benchmark: partygraph build against the python-igraph and NetworkX
# scripts a user would write for the same pipeline (load, merge, ten
# metrics, Louvain x10, GraphML), on synthetic partygraph/1 data. Prints a
# table of wall time, peak memory and the peers' time as a multiple of
# partygraph's. Needs `make` and `scripts/install-deps.sh --test` first.
#
#   scripts/bench.sh [N_PARTIES...]      default: 1000 5000
#   NETWORKX_MAX=2000 limits NetworkX (slow) to the smaller sizes.
set -eu
cd "$(dirname "$0")/.."
py=/usr/bin/python3
sizes=${*:-1000 5000}
nx_max=${NETWORKX_MAX:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure CMD...: prints "seconds max_rss_MB" of one run.
measure() {
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }' "$work/time"
}

printf '%-8s %8s %9s %9s | %-22s | %-22s | %-22s\n' parties "file MB" nodes edges \
    "partygraph s (MB)" "python-igraph s (MB)" "NetworkX s (MB)"
for n in $sizes; do
    data="$work/data-$n.json"
    $py scripts/bench/gen_dataset.py "$n" >"$data"
    mb=$(awk -v b="$(wc -c <"$data")" 'BEGIN { printf "%.1f", b / 1e6 }')
    set -- $(measure build/partygraph build -q "$data" -o "$work/out")
    pg_s=$1 pg_mb=$2
    nodes=$($py -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['nodes'], s['edges'])" "$work/out/summary.json")
    set -- $(measure $py scripts/bench/peer.py igraph "$data" "$work/ig.graphml")
    ig=$(awk -v a="$1" -v b="$pg_s" -v m="$2" 'BEGIN { printf "%.2f (%s) %.1fx", a, m, a / b }')
    nxs="skipped (> $nx_max)"
    if [ "$n" -le "$nx_max" ]; then
        set -- $(measure $py scripts/bench/peer.py networkx "$data" "$work/nx.graphml")
        nxs=$(awk -v a="$1" -v b="$pg_s" -v m="$2" 'BEGIN { printf "%.2f (%s) %.1fx", a, m, a / b }')
    fi
    set -- $nodes
    printf '%-8s %8s %9s %9s | %-22s | %-22s | %-22s\n' "$n" "$mb" "$1" "$2" "$pg_s ($pg_mb)" "$ig" "$nxs"
done
