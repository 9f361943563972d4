"""Shared helpers for the Python test suites: TAP output, running the
partygraph binary, and turning NetworkX graphs into partygraph/1 data.

Run the suites with /usr/bin/python3 (Debian's, which has networkx and
igraph); they print TAP and exit non-zero when a check fails."""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMAS = os.path.join(os.path.dirname(ROOT), "shared", "schemas")


class Tap:
    """Numbered TAP lines; `done()` prints the plan and exits."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, ok, what, detail=""):
        self.count += 1
        print(f"{'ok' if ok else 'not ok'} {self.count} - {what}")
        if not ok:
            self.failed += 1
            for line in str(detail).splitlines()[:20]:
                print(f"#   {line}")
        sys.stdout.flush()
        return ok

    def done(self):
        print(f"1..{self.count}")
        sys.exit(1 if self.failed else 0)


def run(binary, *args, stdin=None, check=True, **kwargs):
    """Runs partygraph; returns the CompletedProcess (bytes)."""
    proc = subprocess.run([binary, *args], input=stdin, capture_output=True, **kwargs)
    if check and proc.returncode != 0:
        raise RuntimeError(f"partygraph {' '.join(args)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return proc


def build(binary, dataset, *extra):
    """Writes `dataset` (a dict) to a temp dir, runs `build -q` into DIR and
    returns DIR (a TemporaryDirectory kept alive on the returned object)."""
    tmp = tempfile.TemporaryDirectory(prefix="pgtest-")
    path = os.path.join(tmp.name, "data.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(dataset, f, ensure_ascii=False)
    out = os.path.join(tmp.name, "out")
    run(binary, "build", "-q", path, "-o", out, *extra)
    tmp.out = out
    tmp.data = path
    return tmp


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(cell):
    return float("nan") if cell == "" else float(cell)


def close(a, b, tol):
    """Equal within `tol` (absolute for small values, relative for large);
    NaN equals NaN."""
    if isinstance(a, float) and math.isnan(a) or isinstance(b, float) and math.isnan(b):
        return (isinstance(a, float) and math.isnan(a)) and (isinstance(b, float) and math.isnan(b))
    return abs(a - b) <= tol * max(1.0, abs(b))


def safe_ids(nodes):
    """A valid partygraph id for every node, in sorted node order."""
    return {n: f"n{i:04d}" for i, n in enumerate(sorted(nodes, key=str))}


def to_partygraph(G, weight="weight", kinds=None):
    """A partygraph/1 dataset with one entity per node (a party unless
    `kinds` maps it to another kind) and one `contact` relation per edge,
    carrying the edge's weight. Returns (dataset, node -> id)."""
    ids = safe_ids(G.nodes())
    arrays = {"party": "parties", "event": "events", "country": "countries", "mechanism": "mechanisms"}
    data = {"format": "partygraph/1", "title": G.graph.get("name", "test graph")}
    for n in G.nodes():
        kind = (kinds or {}).get(n, "party")
        data.setdefault(arrays[kind], []).append({"id": ids[n], "name": str(n)})
    data["relations"] = []
    for u, v, d in G.edges(data=True):
        r = {"type": "contact", "source": ids[u], "target": ids[v]}
        if weight and weight in d:
            r["weight"] = d[weight]
        data["relations"].append(r)
    return data, ids
