"""Numbers in JSON as other tools write them (issue 18): Python's json.dump
writes NaN, Infinity and -Infinity for floats JSON has no number for, and
integers of any size (1234567890123456789, 2**63 - 1, -2**63, 2**64, ids
2**53 and 2**53 + 1). The same network is written here, by json.dump, as
NetworkX node-link JSON, Cytoscape.js JSON (NetworkX's cytoscape_data), JGF
and NDJSON; partygraph reads each (`build --formats csv,graphml,nodelink`)
and its outputs are compared with what Python's own json.load reads from the
file written:

- an integer beyond 2^53 keeps its exact digits (as text), ids too: 2**53
  and 2**53 + 1 stay two nodes;
- NaN and the infinities are missing (an edge's NaN weight: the default 1);
- a column holding such digits is a text column (docs/input.md, GraphML's
  rule), in nodes.csv, in the GraphML NetworkX reads and in the node-link
  JSON; the other columns keep their types (integers, floats);
- one warning per kind (integer beyond 2^53, NaN, infinite), at the
  FILE:LINE:COL of the first such token, found here by tokenising the text;
- partygraph/1 stays strict JSON, and the lenient mode takes Python's three
  words and nothing else.

    /usr/bin/python3 tests/readers/test_foreign_numbers.py BUILD/partygraph"""
import csv
import json
import math
import os
import re
import sys
import tempfile

import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgforeign-numbers-")
tap = pgtest.Tap()
EXACT = 2 ** 53
NAN, INF = float("nan"), float("inf")

# The network every format below carries: ids, then attributes as Python has them.
NODES = [
    (EXACT, {"big": 1234567890123456789, "small": 1, "share": 0.1, "ratio": NAN}),
    (EXACT + 1, {"big": 2 ** 63 - 1, "small": 2, "share": 1e308, "ratio": INF}),
    ("c", {"big": -(2 ** 63), "small": 3, "share": NAN, "ratio": -INF}),
    ("d", {"big": 2 ** 64, "small": 4, "share": 2.5, "ratio": 0.5}),
    ("e", {"big": 4, "small": 5, "share": 0.25, "ratio": 1.5}),  # `big` mixes: a text column
]
EDGES = [
    (EXACT, EXACT + 1, {"weight": 2.0, "serial": 2 ** 63 - 1}),
    (EXACT + 1, "c", {"weight": NAN, "serial": 7}),
    ("c", "d", {"weight": 0.5, "serial": 2 ** 64}),
    ("d", "e", {"weight": 1.5, "serial": 8}),
]


def networkx_graph():
    G = nx.Graph()
    for n, attrs in NODES:
        G.add_node(n, **attrs)
    for u, v, attrs in EDGES:
        G.add_edge(u, v, **attrs)
    return G


def dump(name, data):
    path = os.path.join(TMP.name, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)  # allow_nan: NaN, Infinity, -Infinity as Python writes them
    return path


def write_nodelink():
    return dump("nodelink.json", json_graph.node_link_data(networkx_graph()))


def write_cyjs():
    return dump("net.cyjs", json_graph.cytoscape_data(networkx_graph()))


def write_jgf():
    """JGF 1: a list of nodes with ids (numbers, as Python has them), attributes in `metadata`."""
    nodes = [{"id": n, "metadata": attrs} for n, attrs in NODES]
    edges = [{"source": u, "target": v, "metadata": attrs} for u, v, attrs in EDGES]
    return dump("net.jgf.json", {"graph": {"nodes": nodes, "edges": edges}})


def write_ndjson():
    """partygraph/1 elements, one json.dumps per line (ids are strings there)."""
    lines = [json.dumps({"kind": "party", "id": str(n), "name": str(n), **attrs}) for n, attrs in NODES]
    lines += [json.dumps({"type": "contact", "source": str(u), "target": str(v), **attrs}) for u, v, attrs in EDGES]
    path = os.path.join(TMP.name, "net.ndjson")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    return path


def load_ndjson(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---- what Python's json.load reads from each file ---------------------------------------

def expected_nodelink(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    nodes = {str(n["id"]): {k: v for k, v in n.items() if k != "id"} for n in doc["nodes"]}
    return nodes, [(str(l["source"]), str(l["target"]), l) for l in doc["links"]]


def expected_cyjs(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    nodes = {e["data"]["id"]: {k: v for k, v in e["data"].items() if k not in ("id", "value", "name")}
             for e in doc["elements"]["nodes"]}
    return nodes, [(str(e["data"]["source"]), str(e["data"]["target"]), e["data"]) for e in doc["elements"]["edges"]]


def expected_jgf(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)["graph"]
    return ({str(n["id"]): n["metadata"] for n in doc["nodes"]},
            [(str(e["source"]), str(e["target"]), e["metadata"]) for e in doc["edges"]])


def expected_ndjson(path):
    items = load_ndjson(path)
    return ({d["id"]: {k: v for k, v in d.items() if k not in ("kind", "id", "name")} for d in items if "kind" in d},
            [(d["source"], d["target"], d) for d in items if "type" in d])


def kept(value):
    """A value as partygraph keeps it: NaN and infinities missing (None),
    integers beyond 2^53 as their digits."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > EXACT:
        return str(value)
    return value


def columns(nodes):
    """{attribute: {node: kept value}}, and the attributes that are text columns."""
    cols = {}
    for n, attrs in nodes.items():
        for k, v in attrs.items():
            cols.setdefault(k, {})[n] = kept(v)
    text = {k for k, col in cols.items() if any(isinstance(v, str) for v in col.values())}
    return cols, text


# ---- where the first token of each kind is ------------------------------------------------

TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)')


def kind_of(token):
    if token == "NaN":
        return "NaN"
    if token.endswith("Infinity"):
        return "infinite"
    if re.fullmatch(r"-?\d+", token) and abs(int(token)) > EXACT:
        return "beyond 2^53"
    return None


def first_places(path):
    """{kind: "LINE:COL"} of the first number token of each kind in the file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    places = {}
    for m in TOKEN.finditer(text):
        kind = m.group(1) and kind_of(m.group(1))
        if kind and kind not in places:
            line = text.count("\n", 0, m.start()) + 1
            places[kind] = f"{line}:{m.start() - (text.rfind(chr(10), 0, m.start()) + 1) + 1}"
    return places


# ---- what partygraph writes -----------------------------------------------------------------

def build(path, fmt):
    out = os.path.join(TMP.name, fmt + "-out")
    proc = pgtest.run(BIN, "build", "-q", path, "-o", out, "--formats", "csv,graphml,nodelink", "--layout", "none",
                      "--metrics", "degree", check=False)
    return out, proc


def same(got, want):
    if want is None:
        return got is None
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return math.isclose(got, want, rel_tol=1e-15)
    return got == want and type(got) is type(want)


def in_column(value, is_text):
    """A kept value as its column holds it: a text column holds the integers' digits."""
    return str(value) if is_text and value is not None else value


def check_nodelink(fmt, out, cols, text):
    with open(os.path.join(out, "graph.nodelink.json"), encoding="utf-8") as f:
        doc = json.load(f)
    got = {n["id"]: n for n in doc["nodes"]}
    bad = {(n, k): (got.get(n, {}).get(k), in_column(v, k in text)) for k, col in cols.items() for n, v in col.items()
           if not same(got.get(n, {}).get(k), in_column(v, k in text))}
    tap.check(not bad, f"{fmt}: node-link JSON: exact digits, missing NaN and infinities, types kept", bad)
    return doc


def check_csv(fmt, out, cols):
    with open(os.path.join(out, "nodes.csv"), encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    bad = {}
    for k, col in cols.items():
        for n, v in col.items():
            cell = pgtest.csv_text(rows.get(n, {}).get(k) or "")
            ok = cell == "" if v is None else (math.isclose(float(cell), v, rel_tol=1e-15) if isinstance(v, float)
                                               else cell == str(v))
            if not ok:
                bad[(n, k)] = (cell, v)
    tap.check(not bad, f"{fmt}: nodes.csv: exact digits, empty cells for NaN and infinities", bad)


def check_graphml(fmt, out, cols, text):
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    bad = {(n, k): (G.nodes[n].get(k) if n in G else "no node", in_column(v, k in text))
           for k, col in cols.items() for n, v in col.items()
           if n not in G or not same(G.nodes[n].get(k), in_column(v, k in text))}
    tap.check(not bad, f"{fmt}: GraphML (NetworkX): big a text column of exact digits, the others numbers", bad)


def check_edges(fmt, doc, edges):
    got = {frozenset((l["source"], l["target"])): l for l in doc["links"]}
    want = {frozenset((u, v)): d for u, v, d in edges}
    tap.check(set(got) == set(want), f"{fmt}: the same edges (ids 2^53 and 2^53 + 1 distinct)",
              f"{sorted(map(sorted, got))} vs {sorted(map(sorted, want))}")
    weights = {k: (got[k]["weight"], kept(d["weight"]) or 1.0) for k, d in want.items() if k in got}
    tap.check(all(math.isclose(g, w) for g, w in weights.values()), f"{fmt}: weights, a NaN weight the default 1",
              weights)
    serial = {k: (got[k].get("serial"), kept(d["serial"])) for k, d in want.items() if k in got}
    tap.check(all(g == str(w) for g, w in serial.values()), f"{fmt}: an edge's integers beyond 2^53 exact (merged "
              "edges' attributes are text)", serial)


def check_warnings(fmt, path, err):
    places = first_places(path)
    for kind, text in (("beyond 2^53", "is beyond 2^53: kept as text"), ("NaN", "read as missing (and so every NaN"),
                       ("infinite", "read as missing (and so every infinite")):
        lines = [line for line in err.splitlines() if text in line]
        want = f"partygraph: {path}:{places.get(kind)}: "
        tap.check(len(lines) == 1 and lines[0].startswith(want) and ": warning: " in lines[0],
                  f"{fmt}: one warning for every {kind} number, at the first ({places.get(kind)})", err)


def check_format(fmt, path, expected):
    nodes, edges = expected(path)
    cols, text = columns(nodes)
    tap.check(text == {"big"} and nodes[str(EXACT + 1)]["big"] == 2 ** 63 - 1,
              f"{fmt}: Python's json.load reads the exact integers back")
    out, proc = build(path, fmt)
    err = proc.stderr.decode()
    if not tap.check(proc.returncode == 0, f"{fmt}: read", err):
        return
    doc = check_nodelink(fmt, out, cols, text)
    tap.check({n["id"] for n in doc["nodes"]} == set(nodes), f"{fmt}: the same node ids, exact",
              sorted(n["id"] for n in doc["nodes"]))
    check_csv(fmt, out, cols)
    check_graphml(fmt, out, cols, text)
    check_edges(fmt, doc, edges)
    check_warnings(fmt, path, err)
    return out


for fmt, writer, expected in (("node-link", write_nodelink, expected_nodelink), ("cyjs", write_cyjs, expected_cyjs),
                              ("JGF", write_jgf, expected_jgf), ("NDJSON", write_ndjson, expected_ndjson)):
    out = check_format(fmt, writer(), expected)

# ---- the node-link JSON written reads back the same ------------------------------------------

first = os.path.join(TMP.name, "node-link-out", "graph.nodelink.json")
again, proc = build(first, "again")
with open(first, encoding="utf-8") as f, open(os.path.join(again, "graph.nodelink.json"), encoding="utf-8") as g:
    a, b = json.load(f), json.load(g)
tap.check(proc.returncode == 0 and [n.get("big") for n in a["nodes"]] == [n.get("big") for n in b["nodes"]]
          and [n["id"] for n in a["nodes"]] == [n["id"] for n in b["nodes"]],
          "node-link written, read, written: the same ids and digits", proc.stderr.decode())

# ---- partygraph/1: strict JSON, its integers beyond 2^53 exact too ------------------------------

doc = {"format": "partygraph/1", "parties": [
    {"id": "a", "name": "A", "members": 4, "serial": 1e20},
    {"id": "b", "name": "B", "members": 1234567890123456789, "serial": 2.5},
    {"id": "c", "name": "C", "members": 2 ** 64, "tags": [EXACT + 1, 1]}],
    "relations": [{"type": "contact", "source": "a", "target": "b", "serial": EXACT + 1}]}
path = dump("own.json", doc)
with open(path, encoding="utf-8") as f:
    doc = json.load(f)
out, proc = build(path, "own")  # both front ends of the loader agree: tests/fuzz/corpus/load/numbers-beyond-2-53.json
err = proc.stderr.decode()
if tap.check(proc.returncode == 0, "partygraph/1: read", err):
    with open(os.path.join(out, "graph.nodelink.json"), encoding="utf-8") as f:
        got = json.load(f)
    nodes = {n["id"]: n for n in got["nodes"]}
    want = {p["id"]: str(p["members"]) for p in doc["parties"]}
    tap.check({n: nodes.get(n, {}).get("members") for n in want} == want,
              "partygraph/1: integers beyond 2^53 keep their digits (a text column)", nodes)
    tap.check(nodes["a"].get("serial") == 1e20 and nodes["b"].get("serial") == 2.5 and
              nodes["c"].get("tags") == f"{EXACT + 1};1" and got["links"][0].get("serial") == str(EXACT + 1),
              "partygraph/1: 1e20 stays a number; in an array and on a relation the digits too", got)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = [line for line in err.splitlines() if "is beyond 2^53" in line]
    tap.check(len(lines) == 1 and lines[0].startswith(f"partygraph: {path}:1:{text.index('1234567890123456789') + 1}: "),
              "partygraph/1: one warning, at the first", err)

# ---- what stays refused ------------------------------------------------------------------------


def refused(name, text, want):
    path = os.path.join(TMP.name, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    proc = pgtest.run(BIN, "validate", path, check=False)
    err = proc.stderr.decode()
    col = text.index(want) + 1
    tap.check(proc.returncode == 1 and f"{name}:1:{col}: " in err, f"{name}: refused at 1:{col}", err)


refused("strict.json", '{"format": "partygraph/1", "parties": [{"id": "a", "name": "A", "share": NaN}]}', "NaN")
refused("strict-1e400.json", '{"format": "partygraph/1", "parties": [{"id": "a", "name": "A", "share": 1e400}]}', "1e400")
refused("nan-lower.json", '{"nodes": [{"id": "a", "share": nan}], "links": []}', "nan")
refused("minus-nan.json", '{"nodes": [{"id": "a", "share": -NaN}], "links": []}', "-NaN")
refused("inf.json", '{"nodes": [{"id": "a", "share": Inf}], "links": []}', "Inf")
refused("plus-infinity.json", '{"nodes": [{"id": "a", "share": +Infinity}], "links": []}', "+Infinity")

# NaN and Infinity inside strings are text, and a number too large for a double (1e400) is infinite.
path = dump("strings.json", {"nodes": [{"id": "NaN", "note": "Infinity 9007199254740993", "share": 1.5},
                                       {"id": "b", "share": 2.5}], "links": [{"source": "NaN", "target": "b"}]})
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write(text.replace("1.5", "1e400"))
out, proc = build(path, "strings")
err = proc.stderr.decode()
if tap.check(proc.returncode == 0, "strings: read", err):
    with open(os.path.join(out, "graph.nodelink.json"), encoding="utf-8") as f:
        nodes = {n["id"]: n for n in json.load(f)["nodes"]}
    tap.check(nodes.get("NaN", {}).get("note") == "Infinity 9007199254740993" and nodes["NaN"].get("share") is None
              and nodes["b"].get("share") == 2.5, "strings: words in strings stay text; 1e400 is missing", nodes)
    lines = [line for line in err.splitlines() if "too large for a double" in line]
    tap.check(len(lines) == 1 and lines[0].startswith(f"partygraph: {path}:1:{text.index('1.5') + 1}: "),
              "strings: one warning for 1e400, at its place", err)

tap.done()
