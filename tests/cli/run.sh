#!/bin/sh
# CLI golden tests: each directory under tests/cli/cases holds `args` (the
# command line after "partygraph"), optional `stdin` and input files, and
# the expected exit status, stdout and stderr. Each case runs in a scratch
# copy of its directory. Prints TAP.
#
#   tests/cli/run.sh BINARY [WRAPPER...]    e.g. WRAPPER = valgrind --error-exitcode=99 -q
#   UPDATE=1 tests/cli/run.sh BINARY        rewrite the expected files of the
#                                           cases that differ (review the diff!)
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
cases=$(cd "$(dirname "$0")/cases" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
n=0
for dir in "$cases"/*/; do
    name=$(basename "$dir")
    n=$((n + 1))
    work="$scratch/$name"
    cp -R "$dir" "$work"
    stdin=/dev/null
    [ -f "$work/stdin" ] && stdin="$work/stdin"
    args=$(cat "$work/args")
    (cd "$work" && eval "$* \"\$bin\" $args" <"$stdin" >"$work/got.stdout" 2>"$work/got.stderr")
    status=$?
    if [ "${UPDATE:-}" = 1 ]; then
        echo "$status" >"$dir/expected.status"
        cp "$work/got.stdout" "$dir/expected.stdout"
        cp "$work/got.stderr" "$dir/expected.stderr"
    fi
    want=$(cat "$work/expected.status")
    problems=""
    [ "$status" = "$want" ] || problems="exit status $status, expected $want"
    cmp -s "$work/got.stdout" "$work/expected.stdout" || problems="$problems; stdout differs"
    cmp -s "$work/got.stderr" "$work/expected.stderr" || problems="$problems; stderr differs"
    if [ "$status" != 0 ] && [ -e "$work/out" ]; then problems="$problems; a failed run left out/"; fi
    if [ -z "$problems" ]; then
        echo "ok $n - cli $name"
    else
        echo "not ok $n - cli $name: ${problems#; }"
        diff "$work/expected.stderr" "$work/got.stderr" | sed 's/^/#   stderr /' | head -20
        diff "$work/expected.stdout" "$work/got.stdout" | sed 's/^/#   stdout /' | head -20
    fi
done
echo "1..$n"
