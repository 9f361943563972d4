"""The JSON readers (partygraph/1, NDJSON, node-link, JGF, Popolo), issue 14:

- linear time on hostile inputs (an error per key of one huge element, a
  node of a hundred thousand attributes, a key repeated as often), at a
  size that runs in a second or two: the output is checked, not the time
  (scripts/bench-linear.sh times them), but each run has a hang guard
  of GUARD seconds, which the quadratic readers of before (minutes at
  these sizes) did not pass;
- every semantic error at FILE:LINE:COL and its JSON path, unknown ids
  found once the text is read included (NDJSON: the line and column);
- impossible calendar days said as such;
- one rule for repeated keys in every reader: a warning at the value kept,
  which is the last one, and the last value is what reaches nodes.csv;
- out of memory (prlimit --as) is exit 4 and the one line "partygraph:
  FILE: out of memory".

The expected places come from a JSON walker of this file's own (not from
partygraph), the expected values from the inputs.

    /usr/bin/python3 tests/limits/test_json_limits.py BUILD/partygraph"""
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

GEN = os.path.join(pgtest.ROOT, "scripts", "bench", "gen_hostile.py")
GUARD = 90  # seconds: 30 times what the linear readers take here under ASan
WS = re.compile(r"[ \t\r\n]*")
DECODER = json.JSONDecoder()


# ---- where values are: a walker of our own -----------------------------------


def _walk(s, i, path, out):
    """Records the offset of the value at s[i] (and of everything in it)
    under its path; a repeated key keeps its last occurrence."""
    i = WS.match(s, i).end()
    out[tuple(path)] = i
    if s[i] not in "{[":
        return DECODER.raw_decode(s, i)[1]
    close, k = "}" if s[i] == "{" else "]", 0
    i = WS.match(s, i + 1).end()
    while s[i] != close:
        key = k
        if close == "}":
            key, i = DECODER.raw_decode(s, i)
            i = WS.match(s, i).end() + 1
        i = WS.match(s, _walk(s, i, path + [key], out)).end()
        i = WS.match(s, i + 1).end() if s[i] == "," else i
        k += 1
    return i + 1


def places(text):
    """path (tuple) -> "LINE:COL" of its value; columns in characters."""
    offsets = {}
    _walk(text, 0, [], offsets)
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    out = {}
    for path, at in offsets.items():
        line = bisect.bisect_right(starts, at) - 1
        out[path] = f"{line + 1}:{at - starts[line] + 1}"
    return out


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run(*args, stdin=None):
    """(exit status, stdout, stderr); a run past GUARD seconds is killed:
    status "timeout"."""
    try:
        proc = pgtest.run(BINARY, *args, stdin=stdin, check=False, timeout=GUARD)
    except subprocess.TimeoutExpired:
        return "timeout", "", f"(killed after {GUARD} s)\n"
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def nodes_csv(tmp, path, *extra):
    """Builds `path` (CSV only) and returns (exit, stderr, rows by id)."""
    out = os.path.join(tmp, "out-" + os.path.basename(path))
    status, _, err = run("build", "-q", "--formats", "csv", *extra, path, "-o", out)
    rows = {r["id"]: r for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))} if status == 0 else {}
    return status, err, rows


# ---- linear time, output checked -------------------------------------------------


def generated(tmp, case, n):
    path = os.path.join(tmp, f"{case}-{n}.json")
    with open(path, "wb") as f:
        subprocess.run([sys.executable, GEN, case, str(n)], stdout=f, check=True)
    return path


def check_many_errors(tap, tmp, n):
    """`validate` with an error per key of one element: every error, each at
    its own value (the element was scanned once, not once per error)."""
    path = generated(tmp, "errors", n)
    text = open(path, encoding="utf-8").read()
    where = places(text)
    status, _, err = run("validate", path)
    lines = err.splitlines()
    want = [f"partygraph: {path}:{where[('parties', 0, f'a {i}')]}: $.parties[0][\"a {i}\"]: \"a {i}\" is not a valid "
            f"attribute name: use 1-200 letters or digits of any script and _ . - : (for example \"a_{i}\")" for i in range(n)]
    tap.check(status == 1 and lines[:-1] == want and lines[-1] == f"partygraph: {path}: {n} errors, 0 warnings",
              f"validate: {n} errors in one element, each at the line:column of its value, in order",
              "\n".join(x for x in lines[:3]) + f"\n... ({len(lines)} lines; first wanted: {want[0]})")


def check_many_attributes(tap, tmp, sizes):
    """A node of n attributes in node-link, JGF and Popolo (n by format):
    every attribute reaches nodes.csv with its value."""
    for case, n in sizes.items():
        path = generated(tmp, case, n)
        status, err, rows = nodes_csv(tmp, path)
        p = rows.get("p", {})
        bad = [i for i in range(n) if p.get(f"a{i}") != str(i)]
        tap.check(status == 0 and not bad and rows.get("q") is not None,
                  f"{case}: a node of {n} attributes, all in nodes.csv with their values",
                  f"exit {status}: {err[:300]}; wrong: {bad[:5]}")


def check_many_duplicates(tap, tmp, n):
    """One key repeated n times (partygraph/1, node-link): one warning, at
    the last value, which is the one kept."""
    for case, path_of in (("duplicates", ("parties", 0, "a")), ("nodelink-duplicates", ("nodes", 0, "a"))):
        path = generated(tmp, case, n)
        where = places(open(path, encoding="utf-8").read())
        status, err, rows = nodes_csv(tmp, path)
        jpath = "$.parties[0].a" if case == "duplicates" else "$.nodes[0].a"
        want = (f"partygraph: {path}:{where[path_of]}: {jpath}: warning: duplicate key \"a\": the last of its {n} "
                f"values is kept\n")
        tap.check(status == 0 and err == want and rows.get("p", {}).get("a") == str(n - 1),
                  f"{case}: a key repeated {n} times: one warning at the last value, which nodes.csv has",
                  f"exit {status}: {err[:400]}\nwanted: {want}got a = {rows.get('p', {}).get('a')}")


# ---- every semantic error located --------------------------------------------------


def check_unknown_ids(tap, tmp):
    """Unknown ids, found once the text is read, at their value."""
    doc = ('{"parties": [{"id": "a", "name": "A", "country": "nowhere"},\n  {"id": "b", "name": "B",\n'
           '   "sources": ["s", "t"]}],\n "sources": [{"id": "s"}],\n "relations": [{"type": "contact",\n'
           '  "source": "a", "target": "zz"}, {"type": "t", "source": "s", "target": "a"}]}')
    where = places(doc)
    path = write(tmp, "unknown.json", doc)
    status, _, err = run("validate", path)
    want = [f"partygraph: {path}:{where[('parties', 0, 'country')]}: $.parties[0].country: unknown id \"nowhere\"",
            f"partygraph: {path}:{where[('parties', 1, 'sources', 1)]}: $.parties[1].sources[1]: unknown source \"t\" "
            "(did you mean \"s\"?)",
            f"partygraph: {path}:{where[('relations', 0, 'target')]}: $.relations[0].target: unknown id \"zz\"",
            f"partygraph: {path}:{where[('relations', 1, 'source')]}: $.relations[1].source: \"s\" is a source, "
            "not an entity"]
    lines = err.splitlines()
    tap.check(status == 1 and lines[:4] == want, "partygraph/1: unknown ids and sources at FILE:LINE:COL and path",
              err + "\nwanted:\n" + "\n".join(want))
    with open(path, "rb") as f:
        status, _, err2 = run("validate", "-", stdin=f.read())
    tap.check(status == 1 and err2 == err.replace(path, "<stdin>"), "the same places streamed from standard input",
              err2)
    lines_ = ['{"kind": "party", "id": "a", "name": "A", "country": "x"}',
              '{"kind": "country", "id": "x", "name": "X"}',
              '  {"type": "contact", "source": "a",   "target": "gone"}']
    path = write(tmp, "unknown.ndjson", "\n".join(lines_) + "\n")
    col = places(lines_[2])[("target",)].split(":")[1]
    status, _, err = run("validate", path)
    tap.check(status == 1 and err.startswith(f"partygraph: {path}:3:{col}: $.target: unknown id \"gone\"\n"),
              "NDJSON: an unknown id at its line and column", err)
    doc = ('{"graph": {"directed": false, "nodes": {"a": {}, "b": {}},\n "edges": [{"source": "a", "target": "b"},\n'
           '  {"source": "a", "target": "c"}]}}')  # undirected: no warning before the error
    path = write(tmp, "unknown.jgf.json", doc)
    status, _, err = run("validate", path)
    at = places(doc)[("graph", "edges", 1, "target")]
    tap.check(status == 1 and err.startswith(f"partygraph: {path}:{at}: $.graph.edges[1].target: unknown node \"c\"\n"),
              "JGF: an unknown node at FILE:LINE:COL and path", err)
    doc = ('{"organizations": [{"id": "a", "name": "A", "classification": "party"}],\n'
           ' "memberships": [{"member_id": "a", "organization_id": "zz"}]}')
    path = write(tmp, "unknown.popolo.json", doc)
    status, _, err = run("validate", path)
    at = places(doc)[("memberships", 0, "organization_id")]
    tap.check(status == 1 and err.startswith(f"partygraph: {path}:{at}: $.memberships[0].organization_id: unknown node "
                                             "\"zz\"\n"),
              "Popolo: an unknown organization at FILE:LINE:COL and path", err)


def check_impossible_days(tap, tmp):
    """An impossible day is said as such, in every JSON reader."""
    cases = [("2021-02-30", "February 2021 has 28 days"), ("2019-02-29", "February 2019 has 28 days (2019 is not a "
             "leap year)"), ("2024-02-30", "February 2024 has 29 days"), ("2021-06-31", "June 2021 has 30 days"),
             ("2021-13", "there is no month 13 (months run from 01 to 12)"),
             ("2021-01-00", "there is no day 00 (days count from 01)")]
    nodes = [{"id": f"e{i}", "kind": "event", "date": d} for i, (d, _) in enumerate(cases)]
    doc = json.dumps({"nodes": nodes, "links": []})
    where = places(doc)
    path = write(tmp, "days.json", doc)
    status, _, err = run("validate", path)
    want = [f"partygraph: {path}:{where[('nodes', i, 'date')]}: $.nodes[{i}].date: \"{d}\": {why}"
            for i, (d, why) in enumerate(cases)]
    tap.check(status == 1 and err.splitlines()[:-1] == want, "node-link: impossible days, months and a leap day",
              err + "\nwanted:\n" + "\n".join(want))
    text = "".join(json.dumps({"kind": "event", "id": f"e{i}", "name": "E", "date": d}) + "\n"
                   for i, (d, _) in enumerate(cases))
    path = write(tmp, "days.ndjson", text)
    status, _, err = run("validate", path)
    ok = status == 1 and all(f":{i + 1}:" in line and f"\"{d}\": {why}" in line
                             for i, ((d, why), line) in enumerate(zip(cases, err.splitlines())))
    tap.check(ok, "NDJSON: the same words, by line", err)


# ---- repeated keys: one rule ------------------------------------------------------


def check_duplicate_keys(tap, tmp):
    """In each reader: a warning at the last value, which reaches
    nodes.csv; the earlier value is not read (its problems neither)."""
    docs = {
        "partygraph/1": ('{"parties": [{"id": "p", "name": "Old", "seats": "x", "name": "New", "seats": 7},\n'
                         '  {"id": "q", "name": "Q"}],\n "relations": [{"type": "t", "source": "p", "target": "p", '
                         '"target": "q"}]}', [("parties", 0, "name"), ("parties", 0, "seats"),
                                               ("relations", 0, "target")], "$.parties[0]", "$.relations[0]"),
        "node-link": ('{"nodes": [{"id": "p", "name": "Old", "seats": "x", "name": "New", "seats": 7},\n'
                      '  {"id": "q", "name": "Q"}],\n "links": [{"source": "p", "target": "p", "target": "q"}]}',
                      [("nodes", 0, "name"), ("nodes", 0, "seats"), ("links", 0, "target")], "$.nodes[0]",
                      "$.links[0]"),
        "JGF": ('{"graph": {"nodes": {"p": {"label": "Old", "metadata": {"seats": "x", "name": "New", "seats": 7},\n'
                '  "label": "New"}, "q": {"label": "Q"}},\n "edges": [{"source": "p", "target": "p", "target": "q"}]}}',
                [("graph", "nodes", "p", "metadata", "seats"), ("graph", "nodes", "p", "label"),
                 ("graph", "edges", 0, "target")], None, None),
        "Popolo": ('{"organizations": [{"id": "p", "name": "Old", "classification": "party", "seats": "x", '
                   '"name": "New", "seats": 7},\n  {"id": "q", "name": "Q", "classification": "party"}],\n'
                   ' "memberships": [{"member_id": "p", "organization_id": "p", "organization_id": "q"}]}',
                   [("organizations", 0, "name"), ("organizations", 0, "seats"),
                    ("memberships", 0, "organization_id")], None, None),
    }
    for fmt, (doc, repeated, _, _) in docs.items():
        where = places(doc)
        path = write(tmp, f"dup-{fmt.replace('/', '')}.json", doc)
        status, err, rows = nodes_csv(tmp, path)
        warned = [line for line in err.splitlines() if "duplicate key" in line]
        wanted = [f"partygraph: {path}:{where[r]}: " for r in repeated]
        ok = status == 0 and len(warned) == len(repeated) and all(
            any(line.startswith(w) and line.endswith(f"warning: duplicate key \"{r[-1]}\": the last of its 2 values "
                                                     "is kept") for line in warned) for w, r in zip(wanted, repeated))
        p = rows.get("p", {})
        tap.check(ok and p.get("label") == "New" and p.get("seats") == "7" and p.get("degree") == "1",
                  f"{fmt}: repeated keys warn at the value kept, the last: name New, seats 7, the edge to q",
                  f"exit {status}\n{err}wanted places {wanted}\nnodes.csv p: {p}")
    text = ('{"kind": "party", "id": "p", "name": "Old", "name": "New", "seats": "x", "seats": 7}\n'
            '{"kind": "party", "id": "q", "name": "Q"}\n{"type": "t", "source": "p", "target": "p", "target": "q"}\n')
    path = write(tmp, "dup.ndjson", text)
    status, err, rows = nodes_csv(tmp, path)
    lines = text.splitlines()
    want = [f"partygraph: {path}:1:{places(lines[0])[('name',)].split(':')[1]}: $.name: warning: duplicate key "
            "\"name\": the last of its 2 values is kept",
            f"partygraph: {path}:1:{places(lines[0])[('seats',)].split(':')[1]}: $.seats: warning: duplicate key "
            "\"seats\": the last of its 2 values is kept",
            f"partygraph: {path}:3:{places(lines[2])[('target',)].split(':')[1]}: $.target: warning: duplicate key "
            "\"target\": the last of its 2 values is kept"]
    p = rows.get("p", {})
    tap.check(status == 0 and err.splitlines() == want and p.get("label") == "New" and p.get("seats") == "7",
              "NDJSON: repeated keys warn at the value kept, the last", f"exit {status}\n{err}\nwanted:\n"
              + "\n".join(want) + f"\n{p}")
    doc = ('{"parties": [{"id": "p", "name": "Gone"}, {"id": "z", "name": "Gone too"}],\n "title": "Old",\n'
           ' "parties": [{"id": "q", "name": "Q"}, {"id": "p", "name": "Kept"}],\n "title": "New",\n'
           ' "relations": [{"type": "t", "source": "p", "target": "q"}]}')
    path = write(tmp, "dup-top.json", doc)
    status, err, rows = nodes_csv(tmp, path)
    summary = pgtest.read_json(os.path.join(tmp, "out-dup-top.json", "summary.json")) if status == 0 else {}
    where = places(doc)
    want = [f"partygraph: {path}:{where[('parties',)]}: $.parties: warning: duplicate key \"parties\": the last of "
            "its 2 values is kept",
            f"partygraph: {path}:{where[('title',)]}: $.title: warning: duplicate key \"title\": the last of its 2 "
            "values is kept"]
    tap.check(status == 0 and err.splitlines() == want and sorted(rows) == ["p", "q"] and rows["p"]["label"] == "Kept"
              and json.dumps(summary).count('"New"') >= 1 and '"Old"' not in json.dumps(summary),
              "partygraph/1: a repeated top-level key keeps its last value (the records of the first go)",
              f"exit {status}\n{err}\nwanted:\n" + "\n".join(want) + f"\n{sorted(rows)}")


# ---- out of memory ----------------------------------------------------------------


def lowest_limit():
    """The smallest address-space limit (KB) under which the binary starts."""
    kb = 20000
    while subprocess.run(["prlimit", f"--as={kb * 1024}", BINARY, "--version"], capture_output=True).returncode != 0:
        kb += 2000
    return kb


def check_out_of_memory(tap, tmp, lowest):
    """prlimit --as sweeps for partygraph/1 and node-link (one with
    warnings before the failure): each run succeeds, or exits 4 with the
    one line "partygraph: FILE: out of memory"."""
    data = os.path.join(tmp, "gen.json")
    with open(data, "wb") as f:
        subprocess.run([sys.executable, os.path.join(pgtest.ROOT, "scripts", "bench", "gen_dataset.py"), "2000"],
                       stdout=f, check=True)
    d = pgtest.read_json(data)
    kinds = {"countries": "country", "parties": "party", "mechanisms": "mechanism", "events": "event"}
    nodes = [dict(e, kind=kind) for key, kind in kinds.items() for e in d.get(key, []) if kind != "mechanism"]
    nodes += [dict(e, kind="mechanism", mechanism_kind=e.get("kind")) for e in d.get("mechanisms", [])]
    nl = write(tmp, "gen-nl.json", json.dumps({"directed": True, "nodes": nodes, "links": d["relations"]}))
    for name, path in (("partygraph/1", data), ("node-link", nl)):
        bad, failures, successes, kb = [], 0, 0, lowest
        while successes < 2 and kb < lowest + 600000:
            proc = subprocess.run(["prlimit", f"--as={kb * 1024}", BINARY, "validate", "-q", path],
                                  capture_output=True)
            err = proc.stderr.decode(errors="replace")
            if proc.returncode == 0:
                successes += 1
            elif proc.returncode == 4 and err == f"partygraph: {path}: out of memory\n":
                failures += 1
            else:
                bad.append(f"--as={kb}K: exit {proc.returncode}: {err[:300]}")
            kb += 1000
        tap.check(not bad and failures >= 3 and successes >= 1,
                  f"{name} under prlimit --as from {lowest} KB up: {failures} runs out of memory, each exit 4 and "
                  "'FILE: out of memory' alone", "\n".join(bad[:10]))


def main():
    global BINARY
    BINARY = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    with tempfile.TemporaryDirectory(prefix="pgjson-") as tmp:
        check_many_errors(tap, tmp, 60000)
        check_many_attributes(tap, tmp, {"nodelink": 200000, "jgf": 200000, "popolo": 100000})
        check_many_duplicates(tap, tmp, 60000)
        check_unknown_ids(tap, tmp)
        check_impossible_days(tap, tmp)
        check_duplicate_keys(tap, tmp)
        asan = b"__asan_init" in open(BINARY, "rb").read()
        if asan:
            tap.skip("out of memory under prlimit --as", "AddressSanitizer reserves terabytes of address space")
        else:
            check_out_of_memory(tap, tmp, lowest_limit())
    tap.done()


if __name__ == "__main__":
    main()
