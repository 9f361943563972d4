#!/bin/sh
# valgrind on real runs: a full build, pictures (leaks inside Graphviz and
# its font libraries suppressed: graphviz.supp), and runs that fail on bad data, on
# a missing file and on a bad option. A memory error or a definite or
# indirect leak makes valgrind exit 99 instead of partygraph's own status.
# Prints TAP.   tests/valgrind/run.sh BUILD/partygraph
set -u
bin=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/tests/cli/cases"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
n=0
check() { # check WHAT EXPECTED-STATUS ARGS...
    what=$1 want=$2
    shift 2
    n=$((n + 1))
    valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --suppressions="$root/tests/valgrind/graphviz.supp" "$bin" "$@" >"$scratch/out" 2>"$scratch/err"
    status=$?
    if [ "$status" = "$want" ]; then
        echo "ok $n - valgrind: $what"
    else
        echo "not ok $n - valgrind: $what (exit $status, expected $want)"
        sed 's/^/#   /' "$scratch/err" | head -30
    fi
}
check "build of the bundled example" 0 build -q "$root/examples/cpc-interparty.json" -o "$scratch/o1"
check "build with leiden and weighted paths" 0 build -q --cluster leiden --weighted "$root/examples/minimal.json" -o "$scratch/o2"
check "a projected view with periods, runs and sampled betweenness" 0 build -q --view parties --projection newman \
    --window 2y --runs 3 --betweenness-samples 5 "$root/examples/cpc-interparty.json" -o "$scratch/o4"
check "an ego network" 0 ego -q --radius 2 "$root/examples/cpc-interparty.json" cpv -o "$scratch/o5"
check "shortest paths" 0 path "$root/examples/cpc-interparty.json" cpv lprp
check "weighted shortest paths in the parties view" 0 path --weighted --view parties \
    "$root/examples/cpc-interparty.json" cpv lprp
check "a k-core and the giant component of a window" 0 build -q --from 2015 --k-core 2 --giant \
    "$root/examples/cpc-interparty.json" -o "$scratch/o6"
check "render of the bundled example: svg, png and pdf" 0 render -q --format svg,png,pdf \
    "$root/examples/cpc-interparty.json" -o "$scratch/o7"
check "render of hostile names, every node labelled, laid out by sfdp" 0 render -q --labels all --layout none \
    "$root/tests/data/hostile.json" -o "$scratch/o8"
/usr/bin/python3 "$root/scripts/bench/gen_dataset.py" 200 >"$scratch/synthetic.json"
check "betweenness in worker processes, sampled closeness" 0 build -q --jobs 2 --closeness-samples 100 \
    --layout none "$scratch/synthetic.json" -o "$scratch/o9"
check "betweenness in the distance pass, the layout in a process beside it" 0 build -q --jobs 2 \
    "$scratch/synthetic.json" -o "$scratch/o11"
export PARTYGRAPH_TEST_WORKER_FAIL=exit # the test hook of src/workers.c
check "a failing betweenness worker" 4 build -q --jobs 2 --weighted --layout none "$scratch/synthetic.json" \
    -o "$scratch/o10"
unset PARTYGRAPH_TEST_WORKER_FAIL
check "build stopping at the first error" 1 build -q "$cli/unknown-id/input.json" -o "$scratch/o3"
check "validate listing every problem" 1 validate "$cli/validate-lists-every-problem/input.json"
check "a syntax error" 1 validate "$cli/syntax-trailing-comma/input.json"
check "GraphML read back (libxml2) and validated" 0 validate "$cli/readers-graphml-path/input.graphml"
check "node-link problems" 1 validate "$cli/readers-nodelink-problems/input.json"
check "NDJSON problems by line" 1 validate "$cli/readers-ndjson-stdin/stdin"
check "a GraphML hyperedge" 1 build -q "$cli/readers-graphml-hyperedge/input.graphml" -o "$scratch/o9"
check "a missing file" 3 build "$scratch/nope.json"
check "a bad option" 2 build --cluster nope x.json
echo "1..$n"
