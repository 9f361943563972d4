#!/bin/sh
# Runs every test suite against each build directory given (default: the
# release build and the ASan+UBSan build) and ends with the line
# "N passed, N failed, N skipped", also written to build/test-results.txt;
# every failure is named again, one line each, just above that line, so
# the tail of a long run says what failed.
# A skipped check (TAP "ok N - WHAT # SKIP REASON": its oracle is absent
# here, such as ../shared in a plain clone) counts as skipped, not passed.
#
#   tests/run.sh [BUILD_DIR...]       VALGRIND=1: CLI golden tests under valgrind too
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 1
builds=${*:-build build/asan}
python=/usr/bin/python3
passed=0
failed=0
skipped=0
log=$(mktemp)
failures=$(mktemp)
trap 'rm -f "$log" "$failures"' EXIT

# The sanitizer build: what fontconfig loses itself under Graphviz (the
# pictures; graphviz.lsan says what) is suppressed, nothing else.
LSAN_OPTIONS="suppressions=$root/tests/outputs/graphviz.lsan:print_suppressions=0"
export LSAN_OPTIONS

# A locale with a decimal comma, for the locale-independence unit test.
LOCPATH="$root/build/locale"
export LOCPATH
[ -d "$LOCPATH/de_DE.UTF-8" ] || { mkdir -p "$LOCPATH" && localedef -i de_DE -f UTF-8 "$LOCPATH/de_DE.UTF-8" 2>/dev/null; }

# suite LABEL COMMAND...: runs a TAP producer and adds up its results. A
# suite that dies before its plan, or whose plan does not match, counts as
# one more failure.
suite() {
    label=$1
    shift
    "$@" >"$log" 2>&1
    status=$?
    all=$(grep -c '^ok ' "$log")
    skip=$(grep -c '^ok .* # SKIP' "$log")
    ok=$((all - skip))
    bad=$(grep -c '^not ok ' "$log")
    plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
    if [ -z "$plan" ] || [ "$plan" -ne $((all + bad)) ] || { [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; }; then
        bad=$((bad + 1))
        echo "FAIL $label: crashed or incomplete (exit $status)"
        echo "FAILED [$label] crashed or incomplete (exit $status)" >>"$failures"
        tail -n 20 "$log" | sed 's/^/    /'
    fi
    grep -A 12 '^not ok ' "$log" | grep -v '^ok ' | sed "s|^|    [$label] |"
    grep '^not ok ' "$log" | cut -c 1-160 | sed "s|^|FAILED [$label] |" >>"$failures"
    grep '^ok .* # SKIP' "$log" | sed 's/^ok [0-9]* - [^#]*# SKIP /    skipped: /' | sort -u
    printf '%-44s %4d passed, %d failed%s\n' "$label" "$ok" "$bad" "$([ "$skip" -gt 0 ] && echo ", $skip skipped")"
    passed=$((passed + ok))
    failed=$((failed + bad))
    skipped=$((skipped + skip))
}

for b in $builds; do
    for t in "$b"/tests/test_*; do
        suite "$b unit $(basename "$t")" "$t"
    done
    suite "$b cli golden" tests/cli/run.sh "$b/partygraph"
    suite "$b oracle: metrics" "$python" tests/oracle/test_metrics.py "$b/partygraph"
    suite "$b oracle: views, windows, filters" "$python" tests/oracle/test_views.py "$b/partygraph"
    suite "$b oracle: merging, order-free" "$python" tests/oracle/test_merge.py "$b/partygraph"
    suite "$b oracle: relation types, direction, --types, --exclude" "$python" tests/oracle/test_types.py "$b/partygraph"
    suite "$b oracle: reports, communities, ego" "$python" tests/oracle/test_analysis.py "$b/partygraph"
    suite "$b oracle: path metrics at scale" "$python" tests/oracle/test_scale.py "$b/partygraph"
    suite "$b outputs (xmllint, dot, sfdp, readers)" "$python" tests/outputs/test_outputs.py "$b/partygraph"
    suite "$b outputs: GEXF (RELAX NG, NetworkX, igraph)" "$python" tests/outputs/test_gexf.py "$b/partygraph"
    suite "$b outputs: web JSON (NetworkX, igraph, D3)" "$python" tests/outputs/test_web.py "$b/partygraph"
    suite "$b outputs: hostile names (csv, xmllint, dot, json)" "$python" tests/outputs/test_hostile.py "$b/partygraph"
    suite "$b outputs: timeline.csv, claims.csv (the rules from the JSON)" "$python" tests/outputs/test_timeline.py "$b/partygraph"
    suite "$b report.html (headless Chromium)" "$python" tests/outputs/test_html.py "$b/partygraph"
    suite "$b report.html legible (picture-check: bundled, minimal, 2,000 synthetic)" "$python" tests/outputs/test_report_legible.py "$b/partygraph"
    suite "$b outputs: legible drawings (picture-check: graph.dot with sfdp, neato -n, dot, neato; render; 20,000 parties)" "$python" tests/outputs/test_legible.py "$b/partygraph"
    suite "$b pictures (render: svg, png, pdf)" "$python" tests/outputs/test_render.py "$b/partygraph"
    suite "$b streaming loader (gzip, stdin, positions)" "$python" tests/stream/test_stream.py "$b/partygraph"
    suite "$b examples (data, citations, counts)" "$python" tests/examples/test_examples.py "$b/partygraph"
    suite "$b examples: quotes against the articles" "$python" tests/examples/test_sources.py "$b/partygraph"
    suite "$b golden files (minimal example)" "$python" tests/outputs/test_golden.py "$b/partygraph"
    suite "$b readers (NetworkX, igraph, JGF, Popolo, NDJSON)" "$python" tests/readers/test_readers.py "$b/partygraph"
    suite "$b foreign readers (UTF-16/32, D3 links by index, Cytoscape.js)" "$python" tests/readers/test_foreign_encodings.py "$b/partygraph"
    suite "$b readers: GML, Pajek, GEXF (NetworkX, igraph, round trip)" "$python" tests/readers/test_foreign_formats.py "$b/partygraph"
    suite "$b readers: JGF hyperedges and direction, Popolo persons and memberships" "$python" tests/readers/test_foreign_json_graphs.py "$b/partygraph"
    suite "$b readers: round trips (GraphML, GEXF, node-link, Cytoscape.js; NetworkX GML and Pajek)" "$python" tests/readers/test_round_trips.py "$b/partygraph"
    suite "$b timings and progress (pty)" "$python" tests/progress/test_progress.py "$b/partygraph"
    suite "$b limits, nothing lost, huge inputs" "$python" tests/limits/test_limits.py "$b/partygraph"
    suite "$b out of memory everywhere (prlimit --as)" "$python" tests/limits/test_oom.py "$b/partygraph"
    suite "$b huge pages for big inputs (strace)" "$python" tests/limits/test_huge_pages.py "$b/partygraph"
    suite "$b output targets (links, FIFOs, devices, signals, locks)" "$python" tests/limits/test_targets.py "$b/partygraph"
    suite "$b pictures under pressure, DOT that renders" "$python" tests/limits/test_picture_limits.py "$b/partygraph"
    suite "$b limits: GraphML (entities, out of memory, linear)" "$python" tests/limits/test_graphml_limits.py "$b/partygraph"
    suite "$b JSON readers (linear, placed, repeated keys)" "$python" tests/limits/test_json_limits.py "$b/partygraph"
    suite "$b oracle: people, relation types, groupings, detection" "$python" tests/oracle/test_people.py "$b/partygraph"
    suite "$b oracle: direction, star, ties by type, --no-ego" "$python" tests/oracle/test_directed.py "$b/partygraph"
    suite "$b readers: GraphML as others write it (NaN, long, yEd groups)" "$python" tests/readers/test_foreign_graphml.py "$b/partygraph"
    suite "$b readers: nothing lost to partygraph's names, kinds, merging" "$python" tests/readers/test_foreign_names.py "$b/partygraph"
    suite "$b readers: numbers in JSON (NaN, Infinity, integers beyond 2^53)" "$python" tests/readers/test_foreign_numbers.py "$b/partygraph"
    suite "$b readers: ids and attribute names in any script" "$python" tests/readers/test_ids_any_script.py "$b/partygraph"
    suite "$b readers: edge lists and participation logs in tables" "$python" tests/readers/test_edge_tables.py "$b/partygraph"
    suite "$b convert and init (JSON, tables, xlsx: openpyxl, NetworkX)" "$python" tests/cli/test_convert.py "$b/partygraph"
    suite "$b readers: tables (CSV/TSV folders as partygraph/1, dialects, places)" "$python" tests/readers/test_tables.py "$b/partygraph"
    suite "$b readers: workbooks (.xlsx, .ods) against openpyxl and odfpy" "$python" tests/readers/test_workbooks.py "$b/partygraph"
    suite "$b outputs: tidy human output (zero rule in every output, whole ids, report heading)" "$python" tests/outputs/test_tidy.py "$b/partygraph"
    suite "$b cli: did you mean (every command and option name one edit off, ids, attributes)" "$python" tests/cli/test_suggest.py "$b/partygraph"
    for h in load nodelink writers tables; do # the fuzz harnesses on their seeds and regressions
        suite "$b fuzz replay: $h" "$b/replay/fuzz_$h" "tests/fuzz/corpus/$h" "tests/fuzz/regressions/$h"
    done
    suite "$b docs: man pages, completion, tables (groff, bash)" "$python" tests/docs/test_docs.py "$b/partygraph"
    suite "$b docs: transcripts of the pages run and compared" "$python" tests/docs/test_transcripts.py "$b/partygraph"
done
first=$(echo "$builds" | cut -d' ' -f1)
suite "$first docs: links, anchors, contents" "$python" tests/docs/test_links.py "$first/partygraph"
suite "$first layering (includes, calls, src/*/README.md)" "$python" tests/layout/test_includes.py "$first/partygraph"
suite "$first valgrind" tests/valgrind/run.sh "$first/partygraph"
suite "$first package (install, .so, pkg-config, examples)" "$python" tests/package/test_package.py "$first/partygraph"
if [ "${VALGRIND:-}" = 1 ]; then
    suite "$first cli golden under valgrind" tests/cli/run.sh "$first/partygraph" \
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
fi

mkdir -p build
cat "$failures"
echo "$passed passed, $failed failed, $skipped skipped" | tee build/test-results.txt
[ "$failed" -eq 0 ]
