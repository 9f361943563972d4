#!/bin/sh
# Scale benchmark (issue 6): partygraph against the python-igraph script a
# user would write, side by side in one run on the same synthetic
# partygraph/1 files (scripts/bench/gen_dataset.py, generated once per size),
# one table of wall times, peak RSS (/usr/bin/time) and peer ÷ partygraph.
# Needs `make` and python-igraph (scripts/install-deps.sh --test).
#
#   scripts/bench-scale.sh [N_PARTIES...]   default: 20000 200000 (1000000: ~0.7 GB
#                                           file, several GB for the peer; ask for it)
#   E2E_METRICS=LIST     the metrics of row d (default: degree, strength,
#                        coreness, eigenvector, pagerank, clustering: no
#                        all-pairs paths, and no constraint, whose igraph call
#                        both sides share took 176 of the peer's 200 s at 200k)
#   LOUVAIN=0            skips row g
#   BETWEENNESS_SIZE=N   parties for row f (default 10000: tens of seconds);
#                        BETWEENNESS=0 skips it
#   SMALL_SIZE=N         parties for row h (default 1000); SMALL=0 skips it
#   PARTYGRAPH=PATH      the binary (default build/partygraph)
#
# Rows, per size (CONTRIBUTING.md, "Benchmarks"):
#   a   parsing: python json.load vs `partygraph validate`; MB/s, RSS ÷ file
#   b   load to a built graph: json.load + merge + igraph.Graph (timed inside
#       the peer's process) vs `partygraph path FILE p0 p1` (load, build, one BFS)
#   b'  the same from partygraph's --timings (load and build stages of row d)
#   c   GraphML writing alone: the peer's write_graphml vs partygraph's GraphML
#       writer stage (or the difference of a graphml and a json run), both
#       writing the graph of row d
#   d   end to end, same work but the communities: E2E_METRICS, partygraph's
#       default communities (Leiden, automatic restarts) against the peer's
#       usual one community_multilevel run, modularity beside; GraphML
#   e   partygraph's own time (all but igraph calls) ÷ its total, from
#       summary.json timings
#   g   one Louvain run alone on the identical graph: the system libigraph
#       that partygraph links (scripts/bench/louvain.c) vs python-igraph's
#       own bundled igraph core (LOUVAIN=0 skips it)
#   f   exact betweenness on 1 and 2 cores (--jobs and --threads; by hops it
#       is the distance pass's), peer for reference
#   h   small datasets: the full default build against the peer's whole
#       script (peer.py igraph: every metric, 10 Louvain runs, GraphML),
#       medians of 5 runs
# A row needing an option the binary lacks (--metrics, --jobs, timings in
# summary.json) prints n/a. The script stops when partygraph and the peer
# disagree on node or edge counts (a sanity guard: the rows compare the same graph).
set -eu
cd "$(dirname "$0")/.."
[ -x build/partygraph ] || { echo "bench-scale.sh: build/partygraph missing: run make" >&2; exit 2; }
exec /usr/bin/python3 scripts/bench/scale.py "$@"
