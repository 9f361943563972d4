#!/bin/sh
# Regenerates the pictures of the bundled dataset, examples/cpc-interparty.svg
# and examples/cpc-interparty.png, with `partygraph render` (the default view,
# layout, sizes and labels). Run it after changing the dataset or the drawing,
# and commit both files.
#
#   scripts/render-example.sh [BUILD/partygraph]     (default: build/partygraph)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-"$root/build/partygraph"}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bin" render -q --format svg,png "$root/examples/cpc-interparty.json" -o "$scratch/pictures"
cp "$scratch/pictures/graph.svg" "$root/examples/cpc-interparty.svg"
cp "$scratch/pictures/graph.png" "$root/examples/cpc-interparty.png"
echo "render-example: wrote examples/cpc-interparty.svg and examples/cpc-interparty.png" >&2
