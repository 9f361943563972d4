#!/bin/sh
# Benchmark: the time of each stage of `partygraph build` on a synthetic
# dataset (default 20,000 parties), for the full view and the projected
# views, as a table. Needs `make` first (and /usr/bin/python3 for the
# generator).
#
#   scripts/bench-stages.sh [N_PARTIES]
#   EXTRA="--betweenness-samples 500"   options for every run (the default;
#                                       EXTRA= for exact betweenness, minutes)
#   PROJECTED="--max-event-size 200"    options for the projected views (the
#                                       default: the synthetic data has events
#                                       of 1,000 parties, which would tie tens of
#                                       millions of pairs)
set -eu
cd "$(dirname "$0")/.."
n=${1:-20000}
extra=${EXTRA-"--betweenness-samples 500"}
projected=${PROJECTED-"--max-event-size 200"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 scripts/bench/gen_dataset.py "$n" >"$work/data.json"
printf 'dataset: %s parties, %s MB; options: %s; projected views: %s; %s CPUs\n\n' "$n" \
    "$(awk -v b="$(wc -c <"$work/data.json")" 'BEGIN { printf "%.1f", b / 1e6 }')" "${extra:-none}" \
    "${projected:-none}" "$(nproc)"
views="full parties countries mechanisms"
for v in $views; do
    more=$projected
    [ "$v" = full ] && more=
    # shellcheck disable=SC2086
    build/partygraph build -q --timings --view "$v" $extra $more "$work/data.json" -o "$work/out-$v" 2>"$work/t-$v"
    /usr/bin/python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(s['nodes'], s['edges'])" \
        "$work/out-$v/summary.json" >"$work/size-$v"
done
# Progress lines carry cumulative times ([  0.69s] loaded ...); stage lines
# carry their own (   17.749s  distance pass ...).
awk -v views="$views" -v dir="$work" '
BEGIN {
    nv = split(views, view, " ")
    for (i = 1; i <= nv; i++) {
        getline size < (dir "/size-" view[i]); split(size, s, " ")
        nodes[i] = s[1]; edges[i] = s[2]
        prev = 0
        while ((getline line < (dir "/t-" view[i])) > 0) {
            if (match(line, /\[ *[0-9.]+s\]/)) {
                t = substr(line, RSTART + 1, RLENGTH - 3) + 0
                name = substr(line, RSTART + RLENGTH + 1)
                sub(/ [0-9].*$/, "", name); sub(/:.*$/, "", name)
                if (name ~ /^built/) name = "build the view"
                if (name ~ /^loaded/) name = "load and validate"
                if (name ~ /^wrote/) name = "write the outputs"
                if (name ~ /^analysed/) name = "analysis (total)"
                add(name, i, t - prev); prev = t
            } else if (match(line, /[0-9.]+s  /)) {
                add("  " substr(line, RSTART + RLENGTH), i, substr(line, RSTART, RLENGTH - 3) + 0)
            }
        }
    }
    printf "%-48s", "stage (seconds)"
    for (i = 1; i <= nv; i++) printf " %12s", view[i]
    printf "\n%-48s", "nodes / edges"
    for (i = 1; i <= nv; i++) printf " %12s", nodes[i] "/" edges[i]
    printf "\n"
    for (k = 1; k <= nk; k++) {
        printf "%-48s", key[k]
        for (i = 1; i <= nv; i++) printf " %12.3f", cell[key[k], i]
        printf "\n"
    }
}
function add(name, i, t) {
    if (!(name in seen)) { seen[name] = 1; key[++nk] = name }
    cell[name, i] += t
}'
