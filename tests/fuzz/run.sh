#!/bin/sh
# Runs each libFuzzer harness for a bounded time, one after another, on a
# fresh copy of its seed corpus (tests/fuzz/corpus/NAME/) plus the
# regressions (tests/fuzz/regressions/NAME/, read only), and prints per
# harness the executions and whether it crashed. `make fuzz` calls it.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS HARNESS...
#
# BUILD_DIR holds the harnesses (fuzz_NAME); each run works in
# BUILD_DIR/work/NAME/ (corpus/, artifacts/ with any crashing input, log).
# Exit status: 1 when any harness crashed (or leaked, or UBSan spoke, or
# an invariant the harness checks broke), 0 otherwise.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
build=$1
seconds=$2
shift 2
crashed=0

# The largest input each harness is given: enough for every seed, small
# enough that one execution stays in the milliseconds.
max_len() {
    case $1 in
        writers) echo 4096 ;;
        *) echo 16384 ;;
    esac
}

for h in "$@"; do
    work=$build/work/$h
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp -R "tests/fuzz/corpus/$h/." "$work/corpus/"
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS="suppressions=$root/tests/outputs/graphviz.lsan:print_suppressions=0" \
        "$build/fuzz_$h" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len="$(max_len "$h")" \
        -dict=tests/fuzz/json.dict -artifact_prefix="$work/artifacts/" -print_final_stats=1 \
        "$work/corpus" "tests/fuzz/regressions/$h" >"$work/log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$work/log" | tail -n 1)
    [ -n "$runs" ] || runs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$work/log" | tail -n 1)
    if [ "$status" -eq 0 ]; then
        printf 'fuzz_%-10s %10s executions in %ss, no crash (corpus: %s files)\n' "$h" "${runs:-?}" "$seconds" \
            "$(find "$work/corpus" -type f | wc -l)"
    else
        crashed=1
        printf 'fuzz_%-10s CRASHED after %s executions (exit %d); input: %s\n' "$h" "${runs:-?}" "$status" \
            "$(ls "$work/artifacts/"* 2>/dev/null | head -n 1)"
        grep -m 1 -A 30 -E '^==[0-9]+==ERROR|runtime error|^fuzz_|deadly signal' "$work/log" | sed 's/^/    /'
    fi
done
exit "$crashed"
