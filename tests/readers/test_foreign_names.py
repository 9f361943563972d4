"""Nothing lost to partygraph's own names, kinds or merging (issue 18).

A foreign file's attribute named like a column partygraph computes or uses
itself (polblogs' `value`, a colour channel `b`, a data key `id`, a
`degree`, a `label` saying something other than the name) is kept as
`input_NAME`, with one warning naming the rename; a file partygraph wrote
keeps its computed columns out. Nodes of no kind, or of a kind partygraph
does not know, get the generic kind `node` (their own kind kept); edges
joining the same two nodes again merge, with one warning counting them.

Expectations come from NetworkX: the graph written in the test, and the
names partygraph uses itself taken from partygraph's own output for a
graph with no attributes (so the test does not copy the code's list).

    /usr/bin/python3 tests/readers/test_foreign_names.py BUILD/partygraph"""
import json
import os
import sys
import tempfile

import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgnames-")
tap = pgtest.Tap()


def path_of(name):
    return os.path.join(TMP.name, name)


def build(path, *extra):
    """(exit status, NetworkX graph of the GraphML written, stderr)."""
    out = path_of("out")
    proc = pgtest.run(BIN, "build", "-q", path, "-o", out, "--formats", "graphml,dot,html", "--layout", "none",
                      *extra, check=False)
    if proc.returncode != 0:
        return proc.returncode, nx.Graph(), proc.stderr.decode()
    return 0, nx.read_graphml(os.path.join(out, "graph.graphml")), proc.stderr.decode()


def write_nodelink(name, G):
    with open(path_of(name), "w", encoding="utf-8") as f:
        json.dump(json_graph.node_link_data(G), f)
    return path_of(name)


def write_graphml(name, G):
    nx.write_graphml(G, path_of(name))
    return path_of(name)


# ---- the names partygraph uses itself, seen in its own output ----------------

bare = nx.Graph()
bare.add_edge("a", "b")
own = path_of("own")
pgtest.run(BIN, "build", "-q", write_graphml("bare.graphml", bare), "-o", own, "--formats", "graphml,nodelink,cytoscape")
own_names = set(nx.read_graphml(os.path.join(own, "graph.graphml")).nodes["a"]) | {"id"}  # an XML attribute
with open(os.path.join(own, "graph.cyjs"), encoding="utf-8") as f:
    own_names |= set(json.load(f)["elements"]["nodes"][0]["data"])
with open(os.path.join(own, "graph.nodelink.json"), encoding="utf-8") as f:
    own_names |= set(json.load(f)["nodes"][0])
tap.check({"degree", "label", "kind", "b", "value"} <= own_names, "partygraph's own outputs name their columns",
          sorted(own_names))


def kept_as(name):
    return "input_" + name if name in own_names else name


# ---- clashing names kept under a prefix ----------------------------------------

G = nx.Graph()
G.add_node("blog1", value=0, b="blue", degree=17, label="Blog one", name="blog-1", source="BlogCatalog")
G.add_node("blog2", value=1, b="red", degree=3, label="blog-2", name="blog-2")
G.add_node("blog3", value=1)
G.add_edge("blog1", "blog2", weight=2.0, count=7, id="e-1")
G.add_edge("blog2", "blog3")
for fmt, path in (("node-link", write_nodelink("clash.json", G)), ("GraphML", write_graphml("clash.graphml", G))):
    status, got, err = build(path)
    tap.check(status == 0, f"{fmt}: a file with partygraph's own names is read", err)
    want = {}
    for v, data in G.nodes(data=True):
        for k, x in data.items():
            if k == "name" or (k == "label" and x == data.get("name")):
                continue  # the node's name
            want[(v, kept_as(k))] = x
    have = {(v, k): got.nodes[v].get(k) for (v, k) in want} if set(got.nodes) == set(G.nodes) else {}
    tap.check(have == want, f"{fmt}: every node attribute kept, a clashing one as input_NAME", (have, want))
    tap.check(got.nodes.get("blog1", {}).get("label") == "blog-1", f"{fmt}: the name is the node's label",
              got.nodes.get("blog1"))
    edge = got.edges.get(("blog1", "blog2"), {})
    tap.check(edge.get("input_count") in (7, "7") and edge.get("count") == 1 and edge.get("weight") == 2.0,
              f"{fmt}: an edge's own `count` kept as input_count beside partygraph's count (relation attributes are "
          "written as text)", edge)
    tap.check(edge.get("input_id") == "e-1", f"{fmt}: an edge's `id` attribute kept as input_id", edge)
    for name in ("value", "b", "degree"):
        tap.check(err.count(f'attribute "{name}" is a name partygraph computes or uses itself: kept as '
                            f'"input_{name}"') == 1, f"{fmt}: one warning names the rename of `{name}`", err)

# a GraphML data key named "id", other than the node's id
H = nx.Graph()
H.add_node("n0", id="Q148", name="China")
H.add_node("n1", id="Q29", name="Spain")
H.add_edge("n0", "n1")
status, got, err = build(write_graphml("dataid.graphml", H))
tap.check({v: got.nodes[v].get("input_id") for v in got.nodes} == {"n0": "Q148", "n1": "Q29"},
          "GraphML: a data key `id` that is not the node's id kept as input_id", (dict(got.nodes(data="input_id")), err))

# ---- a graph's own data: the title kept, the rest said ------------------------

N = nx.Graph(name="Blogs 2004", created="2004-11", source="Adamic and Glance")
N.add_edge("a", "b")
status, got, err = build(write_nodelink("graphdata.json", N))
unread = [k for k in N.graph if k != "name"]
said = [line for line in err.splitlines() if "the graph's own data" in line]
tap.check(status == 0 and got.graph.get("title") == "Blogs 2004" and len(said) == 1 and f'"{unread[0]}"' in said[0],
          "node-link: the graph's name is the title; its other data is named in one warning", err)

# ---- partygraph's own files keep their computed columns out ------------------

example = os.path.join(pgtest.ROOT, "examples", "minimal.json")
first = path_of("first")
pgtest.run(BIN, "build", "-q", example, "-o", first, "--formats", "graphml,gexf,nodelink,cytoscape")
for name in ("graph.graphml", "graph.gexf", "graph.nodelink.json", "graph.cyjs"):
    status, got, err = build(os.path.join(first, name))
    prefixed = sorted({k for v in got.nodes for k in got.nodes[v] if k.startswith("input_")})
    tap.check(status == 0 and prefixed == [] and "kept as \"input_" not in err,
              f"partygraph's own {name}: its computed columns are ignored, not kept as input_*", (prefixed, err))

# ---- kinds: partygraph's, or the generic `node` ------------------------------

K = nx.Graph()
K.add_node("cpc", kind="party", name="CPC")
K.add_node("acme", kind="company", name="ACME")
K.add_node("x", name="X")
K.add_node("y", kind="organisation")
K.add_edge("cpc", "acme")
K.add_edge("acme", "x")
K.add_edge("x", "y")
known = {"country", "party", "mechanism", "event", "person"}
for fmt, path in (("node-link", write_nodelink("kinds.json", K)), ("GraphML", write_graphml("kinds.graphml", K))):
    status, got, err = build(path)
    want = {v: (d["kind"] if d.get("kind") in known else "node") for v, d in K.nodes(data=True)}
    tap.check(status == 0 and dict(got.nodes(data="kind")) == want,
              f"{fmt}: a kind partygraph knows is kept, any other node is of the generic kind node",
              (dict(got.nodes(data="kind")), err))
    foreign = {v: d["kind"] for v, d in K.nodes(data=True) if d.get("kind") not in known | {None}}
    tap.check({v: got.nodes[v].get("input_kind") for v in foreign} == foreign and
              got.nodes.get("cpc", {}).get("input_kind") is None,
              f"{fmt}: a foreign kind kept as input_kind", dict(got.nodes(data="input_kind")))
    tap.check(err.count("is not one of partygraph's") == 1, f"{fmt}: one warning for the foreign kinds", err)
dot = open(path_of("out/graph.dot"), encoding="utf-8").read()
tap.check('"acme" [' in dot and "octagon" in dot.split('"acme" [', 1)[1].split("]", 1)[0],
          "graph.dot: a generic node is drawn as an octagon", dot[:400])
html = open(path_of("out/report.html"), encoding="utf-8").read()
tap.check("&#11203; node" in html, "report.html: the legend names the generic node's shape")

# partygraph/1 has a `nodes` array for them
doc = {"format": "partygraph/1", "parties": [{"id": "cpc", "name": "CPC"}],
       "nodes": [{"id": "acme", "name": "ACME", "sector": "trade"}],
       "relations": [{"type": "contact", "source": "cpc", "target": "acme"}]}
with open(path_of("nodes.json"), "w", encoding="utf-8") as f:
    json.dump(doc, f)
proc = pgtest.run(BIN, "validate", path_of("nodes.json"), check=False)
tap.check(proc.returncode == 0 and b"1 party," in proc.stdout and b"1 node)" in proc.stdout,
          "partygraph/1: the `nodes` array holds generic nodes, counted by validate", proc.stdout + proc.stderr)
bare_doc = {k: v for k, v in doc.items() if k in ("nodes", "relations")}  # no format, no parties
with open(path_of("nodes-bare.json"), "w", encoding="utf-8") as f:
    json.dump(dict(bare_doc, nodes=bare_doc["nodes"] + [{"id": "cpc", "name": "CPC"}]), f)
proc = pgtest.run(BIN, "validate", path_of("nodes-bare.json"), check=False)
tap.check(proc.returncode == 0 and b"read from" not in proc.stdout and b"1 relation" in proc.stdout,
          "`nodes` beside `relations` (no format) is partygraph/1, not node-link", proc.stdout + proc.stderr)
status, got, err = build(path_of("nodes.json"))
tap.check(got.nodes.get("acme", {}).get("kind") == "node" and got.nodes["acme"].get("sector") == "trade",
          "partygraph/1: a generic node keeps its attributes", (dict(got.nodes(data=True)), err))

# ---- parallel and opposite edges merge, with one warning ----------------------

M = nx.MultiDiGraph()
M.add_edge("a", "b", weight=1.0)
M.add_edge("a", "b", weight=2.0)
M.add_edge("b", "a", weight=4.0)
M.add_edge("b", "c", weight=1.0)
pairs = {}
for u, v, d in M.edges(data=True):
    pairs.setdefault(frozenset((u, v)), []).append(d["weight"])
repeats = M.number_of_edges() - len(pairs)
D = nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")])
S = nx.Graph([("a", "b"), ("b", "c")])
for fmt, path, graph, n in (("GraphML multigraph", write_graphml("multi.graphml", M), M, repeats),
                            ("node-link directed", write_nodelink("opposite.json", D), D, 1),
                            ("node-link simple", write_nodelink("simple.json", S), S, 0)):
    status, got, err = build(path)
    merged = {frozenset(e): d["count"] for e, d in ((e, got.edges[e]) for e in got.edges)}
    expect = {}
    for u, v in graph.edges():
        expect[frozenset((u, v))] = expect.get(frozenset((u, v)), 0) + 1
    tap.check(merged == expect, f"{fmt}: edges of one pair merge into one edge counting them", (merged, expect))
    said = [line for line in err.splitlines() if "already joined" in line]
    if n == 0:
        tap.check(said == [], f"{fmt}: no merge warning when no pair repeats", err)
    else:
        tap.check(len(said) == 1 and f"{n} edge{'s' if n > 1 else ''} join" in said[0],
                  f"{fmt}: one warning counts the edges merged into another ({n})", err)
got_w = {frozenset(e): d["weight"] for e, d in build(path_of("multi.graphml"))[1].edges.items()}
tap.check(got_w == {k: sum(w) for k, w in pairs.items()}, "GraphML multigraph: merged weights are summed", got_w)

tap.done()
