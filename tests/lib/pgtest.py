"""Shared helpers for the Python test suites: TAP output, running the
partygraph binary, and turning NetworkX graphs into partygraph/1 data.

Run the suites with /usr/bin/python3 (Debian's, which has networkx and
igraph); they print TAP and exit non-zero when a check fails."""
import calendar
import csv
import datetime
import hashlib
import json
import math
from fractions import Fraction
import os
import shutil
import stat
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# ../shared (the XML schemas, the press articles) sits beside a checkout in
# CI; a plain clone has none, and the checks that need it skip.
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
SCHEMAS = os.path.join(SHARED, "schemas")


def shared_missing(*parts):
    """None when ../shared/PARTS exists, else the reason to skip a check."""
    path = os.path.join(SHARED, *parts)
    if os.path.exists(path):
        return None
    return f"{os.path.relpath(path, ROOT)} is absent (it comes with the CI checkout, not with a clone)"


def private_font_cache(directory):
    """Points fontconfig, in this process and every process it starts, at a
    configuration that writes its caches into DIRECTORY (and reads the
    system's). A run starved of memory (prlimit --as) can have fontconfig
    scan a font folder, find nothing and write an empty cache for it; as
    root, into /var/cache/fontconfig, which would leave the whole machine
    without those fonts (and every later picture different)."""
    conf = os.path.join(directory, "fonts.conf")
    cache = os.path.join(directory, "fontconfig-cache")
    os.makedirs(cache, exist_ok=True)
    with open(conf, "w") as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
                f'<fontconfig>\n  <cachedir>{cache}</cachedir>\n'
                '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n</fontconfig>\n')
    os.environ["FONTCONFIG_FILE"] = conf


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

    def skip(self, what, reason):
        """A check that cannot run here: `ok N - WHAT # SKIP REASON`."""
        self.count += 1
        print(f"ok {self.count} - {what} # SKIP {reason}")
        sys.stdout.flush()

    def done(self):
        print(f"1..{self.count}")
        sys.exit(1 if self.failed else 0)


def run(binary, *args, stdin=None, check=True, **kwargs):
    """Runs partygraph; returns the CompletedProcess (bytes)."""
    proc = subprocess.run([binary, *args], input=stdin, capture_output=True, **kwargs)
    if check and proc.returncode != 0:
        raise RuntimeError(f"partygraph {' '.join(args)} exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
    return proc


def one_line(proc):
    """True when the stderr of `proc` is exactly one line starting
    "partygraph: " (every problem partygraph reports is)."""
    err = proc.stderr.decode(errors="replace")
    return err.count("\n") == 1 and err.startswith("partygraph: ")


def for_nobody(path, directory):
    """A copy of file `path` in `directory` that user nobody can read and
    run (mode 0755): a test that drops to nobody must not depend on the
    checkout's directories being open to others (`mktemp -d` makes 0700
    ones). Returns the copy's path."""
    copy = os.path.join(directory, os.path.basename(path))
    shutil.copy(path, copy)
    os.chmod(copy, 0o755)
    return copy


def asan_build(binary):
    """True for a binary built with AddressSanitizer (which reserves
    terabytes of address space: no limit on it means anything)."""
    return b"__asan_init" in open(binary, "rb").read()


def snapshot(directory):
    """Every file under `directory`, dot-files included: relative path ->
    SHA-256 of a regular file, or the kind of anything else (a link to a
    directory counts as a file); None when `directory` does not exist. Two
    equal snapshots mean nothing was added, removed or changed."""
    if not os.path.exists(directory):
        return None
    out = {}
    for root, dirs, files in os.walk(directory):
        for f in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]:
            path = os.path.join(root, f)
            mode = os.lstat(path).st_mode
            out[os.path.relpath(path, directory)] = (hashlib.sha256(open(path, "rb").read()).hexdigest()
                                                     if stat.S_ISREG(mode) else stat.S_IFMT(mode))
    return out


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


def load_example(name):
    """The bundled dataset examples/NAME, as a dict."""
    with open(os.path.join(ROOT, "examples", name), encoding="utf-8") as f:
        return json.load(f)


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def csv_text(cell):
    """A CSV cell as the data had it: without the apostrophe partygraph puts
    before text a spreadsheet would run as a formula (the README's rule:
    one leading ' is always that apostrophe; numbers never have one)."""
    return cell[1:] if cell.startswith("'") else cell


def read_csv(path, raw=False):
    """The rows of a CSV file as dicts, keys and values through csv_text
    unless `raw` (a file written with --csv-raw, or to see the cells)."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not raw:
        rows = [[csv_text(c) for c in row] for row in rows]
    return [dict(zip(rows[0], row)) for row in rows[1:]] if rows else []


def number(cell):
    return float("nan") if cell == "" else float(cell)


def first_day(text):
    """The first day of partial ISO date `text` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    parts = [int(x) for x in text.split("-")] + [1, 1]
    return datetime.date(parts[0], parts[1], parts[2])


def last_day(text):
    """The last day of partial ISO date `text`."""
    parts = [int(x) for x in text.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 12, 31)
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return datetime.date(*parts)


def spearman(a, b):
    """Spearman's rank correlation of two lists (ties share their mean rank)."""
    def ranks(v):
        order = sorted(range(len(v)), key=lambda i: v[i])
        r, i = [0.0] * len(v), 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    x, y = ranks(a), ranks(b)
    mx, my = sum(x) / len(x), sum(y) / len(y)
    cov = sum((p - mx) * (q - my) for p, q in zip(x, y))
    var = math.sqrt(sum((p - mx) ** 2 for p in x) * sum((q - my) ** 2 for q in y))
    return cov / var if var else 1.0


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


EXACT, PAGERANK, EIGEN = 1e-9, 1e-10, 1e-6


def tolerance(metric):
    """Exact measures 1e-9; PageRank (solved directly) 1e-10; eigenvector 1e-6."""
    return {"pagerank": PAGERANK, "eigenvector": EIGEN}.get(metric, EXACT)


def expected_metrics(G, weighted_paths):
    """NetworkX's value of every metric, by node (weighted path metrics with
    exact fractions 1/weight: see tests/oracle/test_metrics.py)."""
    import networkx as nx
    H = G.copy()
    for u, v, d in H.edges(data=True):
        d.setdefault("weight", 1)
        d["dist"] = 1 / Fraction(d["weight"])
    dist = "dist" if weighted_paths else None
    ev = {}
    if H.number_of_edges():
        ev = nx.eigenvector_centrality_numpy(H, weight="weight")
        top = max(abs(x) for x in ev.values())
        ev = {n: abs(x) / top for n, x in ev.items()}
    return {
        "degree": dict(H.degree()),
        "strength": dict(H.degree(weight="weight")),
        "coreness": nx.core_number(H),
        "betweenness": nx.betweenness_centrality(H, normalized=False, weight=dist),
        "closeness": nx.closeness_centrality(H, distance=dist),
        "harmonic": nx.harmonic_centrality(H, distance=dist),
        "eigenvector": {n: (ev.get(n, 0.0) if H.degree(n) else 0.0) for n in H},
        "pagerank": nx.pagerank(H, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000),
        "constraint": nx.constraint(H, weight="weight"),
        "effective_size": nx.effective_size(H, weight="weight"),
        "clustering": nx.clustering(H),
    }



def compare_metrics(tap, name, G, ids, out, weighted_paths, skip=()):
    """Checks every metric column of OUT/nodes.csv against NetworkX on G
    (ids maps G's nodes to entity ids); `skip` names metrics left out."""
    rows = {r["id"]: r for r in read_csv(os.path.join(out, "nodes.csv"))}
    want = expected_metrics(G, weighted_paths)
    for metric, values in want.items():
        if metric in skip:
            continue
        worst, where, ok = 0.0, None, True
        for n, x in values.items():
            got, x = number(rows[ids[n]][metric]), float(x)
            if not close(got, x, tolerance(metric)):
                ok, where = False, f"{n}: partygraph {got!r}, networkx {x!r}"
            elif not (math.isnan(got) or math.isnan(x)):
                worst = max(worst, abs(got - x))
        label = "weighted paths" if weighted_paths else "hops"
        tap.check(ok, f"{name} ({label}): {metric} equals NetworkX (max difference {worst:.1e})", where)
