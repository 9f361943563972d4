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
    build/partygraph build -q --timings --view "$v" $extra $more "$work/data.json" -o "$work/out-$v" 2>/dev/null
done
# Each run's summary.json has its stages' times (--timings) in the order run.
/usr/bin/python3 - "$work" $views <<'PY'
import json, os, sys
work, views = sys.argv[1], sys.argv[2:]
runs = [json.load(open(os.path.join(work, f"out-{v}", "summary.json"))) for v in views]
rows = {}
for i, s in enumerate(runs):
    for name, seconds in list(s["timings"].items()) + [(k, v) for k, v in s["timing_totals"].items()]:
        rows.setdefault(name, [0.0] * len(runs))[i] += seconds
print(f"{'stage (seconds)':48}" + "".join(f" {v:>12}" for v in views))
print(f"{'nodes / edges':48}" + "".join(f" {str(s['nodes']) + '/' + str(s['edges']):>12}" for s in runs))
for name, cells in rows.items():
    print(f"{name:48}" + "".join(f" {c:12.3f}" for c in cells))
PY
