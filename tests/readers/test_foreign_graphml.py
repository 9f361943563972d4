"""GraphML as other tools write it (issue 18): the files of
tests/data/foreign/graphml/ and NetworkX-written ones with NaN, each read by
partygraph (`build --nodelink`) and compared with what NetworkX or
python-igraph reads from the same file, or, for yEd's nested groups (which
NetworkX cannot read), with the XML parsed here.

- networkx-nan: NetworkX writes nan and inf for floats; partygraph reads them
  as missing, one warning per kind, and keeps 64-bit integers exactly.
- igraph-dialect.graphml: a <data> using another element's key is kept (as
  NetworkX reads it; igraph warns), key defaults as igraph gives them.
- lenient.graphml: ' true ', '+3', a weight declared a string, dates with a
  time of day, long's extremes (compared with igraph's reading, and the
  exact digits with the file's text).
- yed-groups.graphml: y:NodeLabel as the name, groups flattened with part_of
  ties, yEd's graphics dropped with one warning.

    /usr/bin/python3 tests/readers/test_foreign_graphml.py BUILD/partygraph"""
import json
import math
import os
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "data", "foreign", "graphml")
TMP = tempfile.TemporaryDirectory(prefix="pgforeign-graphml-")
tap = pgtest.Tap()
GML = "{http://graphml.graphdrawing.org/xmlns}"
YED = "{http://www.yworks.com/xml/graphml}"
EXACT = 2 ** 53


def read_back(path):
    """partygraph's network of `path` (NetworkX reading its node-link JSON)
    and its warnings."""
    out = os.path.join(TMP.name, "out.json")
    if os.path.exists(out):
        os.remove(out)
    proc = pgtest.run(BIN, "build", "-q", path, "--nodelink", out, "--layout", "none", check=False)
    tap.check(proc.returncode == 0, f"{os.path.basename(path)}: read", proc.stderr.decode())
    if proc.returncode != 0:
        return nx.Graph(), proc.stderr.decode()
    with open(out, encoding="utf-8") as f:
        return json_graph.node_link_graph(json.load(f)), proc.stderr.decode()


def attr(G, n, k):
    """Node n's attribute k in G, None when either is missing."""
    return G.nodes[n].get(k) if n in G else None


def warnings_of(err, text):
    return [line for line in err.splitlines() if text in line]


def kept(value):
    """What partygraph keeps of a value read by NetworkX or igraph: NaN and
    infinities missing, integers beyond 2^53 as their digits."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > EXACT:
        return str(value)
    return value


def same_value(got, want):
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return pgtest.close(got, want, 1e-12)
    return got == want


def same_merged(got, want):
    """A merged edge's attribute is text (edges merge relations: docs/outputs.md)."""
    if want is None or got is None:
        return got is want
    return same_value(float(got), float(want)) if isinstance(want, (int, float)) else got == want


def compare_nodes(what, got, want):
    """want: {id: {attribute: value}}; each value as partygraph keeps it."""
    tap.check(set(got.nodes) == set(want), f"{what}: the same nodes", f"{sorted(got.nodes)} vs {sorted(want)}")
    bad = {(n, k): (got.nodes[n].get(k), v) for n, attrs in want.items() if n in got
           for k, v in attrs.items() if not same_value(got.nodes[n].get(k), v)}
    tap.check(not bad, f"{what}: the same node attributes", bad)


def pairs(G):
    return {frozenset((str(u), str(v))): d for u, v, d in G.edges(data=True)}


# ---- NetworkX writes nan, inf and 64-bit integers ---------------------------------

def networkx_nan():
    G = nx.Graph()
    G.add_node("pce", share=0.12, members=2 ** 62, seats=4)
    G.add_node("psoe", share=float("nan"), members=-(2 ** 63), seats=120)
    G.add_node("pp", share=float("inf"), members=2 ** 63 - 1, seats=137)
    G.add_node("vox", share=float("-inf"), members=9007199254740993, seats=33)
    G.add_edge("pce", "psoe", weight=float("nan"), strength_of_tie=0.5)
    G.add_edge("psoe", "pp", weight=2.0, strength_of_tie=float("nan"))
    G.add_edge("pp", "vox", weight=3.0, strength_of_tie=1.5)
    return G


path = os.path.join(TMP.name, "nan.graphml")
nx.write_graphml(networkx_nan(), path)
want = nx.read_graphml(path)
tap.check(math.isnan(want.nodes["psoe"]["share"]) and want.nodes["pp"]["members"] == 2 ** 63 - 1,
          "networkx-nan: NetworkX writes nan and reads 64-bit integers back")
got, err = read_back(path)
compare_nodes("networkx-nan", got, {n: {k: kept(v) for k, v in d.items()} for n, d in want.nodes(data=True)})
tap.check(all(attr(got, n, "members") == str(want.nodes[n]["members"]) for n in want),
          "networkx-nan: integers beyond 2^53 keep every digit (as text)",
          {n: got.nodes[n].get("members") for n in got})
tap.check(all(isinstance(got.nodes[n].get("seats"), int) for n in got), "networkx-nan: small integers stay integers",
          {n: got.nodes[n].get("seats") for n in got})
wp, gp = pairs(want), pairs(got)
tap.check(set(wp) == set(gp), "networkx-nan: the same edges", f"{set(wp) ^ set(gp)}")
tap.check(all(same_merged(gp[k].get("strength_of_tie"), kept(d["strength_of_tie"])) for k, d in wp.items() if k in gp),
          "networkx-nan: edge attributes, NaN missing", {k: d.get("strength_of_tie") for k, d in gp.items()})
nan_weight = frozenset(("pce", "psoe"))
tap.check(nan_weight in gp and gp[nan_weight]["weight"] == 1.0, "networkx-nan: a NaN weight is missing: the default 1",
          gp.get(nan_weight))
for kind, text in (("NaN", "NaN value of key"), ("infinite", "infinite value of key")):
    lines = warnings_of(err, text)
    tap.check(len(lines) == 1 and "nan.graphml:" in lines[0] and ": warning: " in lines[0],
              f"networkx-nan: one warning for every {kind} value", err)
tap.check(len(warnings_of(err, "beyond 2^53")) == 1, "networkx-nan: one warning for the integers kept as text", err)

# ---- igraph's dialect: a <data> of another element's key ----------------------------

path = os.path.join(CORPUS, "igraph-dialect.graphml")
by_nx = nx.read_graphml(path)
with warnings.catch_warnings(record=True) as said:
    warnings.simplefilter("always")
    by_ig = ig.Graph.Read_GraphML(path)
tap.check(any("Unknown attribute key" in str(w.message) for w in said), "igraph-dialect: igraph warns about the file")
want = {}
for v in by_ig.vs:
    attrs = {k: x for k, x in v.attributes().items() if k not in ("id", "name") and x not in ("", None)}
    attrs.update({k: x for k, x in by_nx.nodes[v["id"]].items() if k != "name"})
    want[v["id"]] = {k: kept(x) for k, x in attrs.items()}
got, err = read_back(path)
compare_nodes("igraph-dialect", got, want)
tap.check(all(attr(got, v["id"], "label") == v["name"] for v in by_ig.vs), "igraph-dialect: names as igraph reads them",
          {n: got.nodes[n].get("label") for n in got})
gp, wp = pairs(got), pairs(by_nx)
tap.check(set(gp) == set(wp) and all(same_value(gp[k]["weight"], d["weight"]) for k, d in wp.items()),
          "igraph-dialect: the same edges and weights", f"{gp} vs {wp}")
tap.check(same_merged(gp.get(frozenset(("n0", "n2")), {}).get("seats"), wp[frozenset(("n0", "n2"))]["seats"]),
          "igraph-dialect: an edge's <data> of a node key is kept", gp.get(frozenset(("n0", "n2"))))
lines = warnings_of(err, "declared for another element")
tap.check(len(lines) == 1 and "igraph-dialect.graphml:" in lines[0],
          "igraph-dialect: one warning for the <data> of other elements' keys", err)

# ---- leniency: what igraph reads, partygraph reads ------------------------------------

path = os.path.join(CORPUS, "lenient.graphml")
by_ig = ig.Graph.Read_GraphML(path)
texts = {n.get("id"): {d.get("key"): d.text for d in n.iter(GML + "data")} for n in ET.parse(path).iter(GML + "node")}


def lenient_value(k, x, text):
    if k == "members":  # long: igraph reads it as a double; the text has the exact value
        return kept(int(text))
    if k == "founded":
        return x[:10] or None
    if isinstance(x, float) and x == int(x):
        return int(x)
    return None if x == "" else x


want = {v["id"]: {k: lenient_value(k, x, texts[v["id"]].get("d2")) for k, x in v.attributes().items() if k != "id"}
        for v in by_ig.vs}
got, err = read_back(path)
compare_nodes("lenient", got, want)
gp = pairs(got)
wp = {frozenset((by_ig.vs[e.source]["id"], by_ig.vs[e.target]["id"])): e.attributes() for e in by_ig.es}
tap.check(set(gp) == set(wp) and all(same_value(gp[k]["weight"], float(d["weight"])) for k, d in wp.items()),
          "lenient: a weight declared a string holding numbers ('2.5', '+4') is the weight",
          {k: d["weight"] for k, d in gp.items()})
dated = frozenset(("a", "b"))
tap.check(gp.get(dated, {}).get("first") == wp[dated]["date"][:10],
          "lenient: an edge's date with a time of day is its day", gp.get(dated))
for text in ("time of day", "declared a string", "beyond 2^53"):
    tap.check(len(warnings_of(err, text)) == 1, f"lenient: one warning: {text}", err)
tap.check(len(warnings_of(err, "warning")) == 3, "lenient: no other warning (' true ', '+3' are XML Schema's)", err)

# ---- yEd: labels, groups, graphics ---------------------------------------------------------

path = os.path.join(CORPUS, "yed-groups.graphml")
root = ET.parse(path).getroot()
graphics = {k.get("id") for k in root.iter(GML + "key") if k.get("yfiles.type") == "nodegraphics"}
labels, want_pairs = {}, set()
for node in root.iter(GML + "node"):
    label = next((x for d in node.findall(GML + "data") if d.get("key") in graphics for x in d.iter(YED + "NodeLabel")),
                 None)
    labels[node.get("id")] = "".join(label.itertext()).strip() if label is not None else node.get("id")
    for inner in node.findall(GML + "graph"):
        want_pairs |= {frozenset((node.get("id"), m.get("id"))) for m in inner.findall(GML + "node")}
part_of = set(want_pairs)
want_pairs |= {frozenset((e.get("source"), e.get("target"))) for e in root.iter(GML + "edge")}
got, err = read_back(path)
tap.check(set(got.nodes) == set(labels), "yed: every node, those in groups too", f"{sorted(got.nodes)} vs {sorted(labels)}")
tap.check({n: got.nodes[n].get("label") for n in got} == labels, "yed: y:NodeLabel is the name (none: the id)",
          {n: got.nodes[n].get("label") for n in got})
gp = pairs(got)
tap.check(set(gp) == want_pairs, "yed: the edges, and a tie from each group to its members",
          f"missing {want_pairs - set(gp)}, extra {set(gp) - want_pairs}")
tap.check(all(gp[k]["types"] == "part_of" for k in part_of if k in gp), "yed: group ties are part_of",
          {k: gp[k]["types"] for k in part_of if k in gp})
descriptions = {n.get("id"): d.text for n in root.iter(GML + "node") for d in n.findall(GML + "data") if d.get("key") == "d4"}
tap.check(all(attr(got, n, "description") == t for n, t in descriptions.items()),
          "yed: keys named by attr.name (description)", {n: got.nodes[n].get("description") for n in got})
edge_label = frozenset(("n0::n0", "n0::n1::n0"))
tap.check(gp.get(edge_label, {}).get("label") == "coalition talks", "yed: y:EdgeLabel is the edge's label",
          gp.get(edge_label))
tap.check(not any(k.startswith("d") and k[1:].isdigit() for n in got for k in got.nodes[n]),
          "yed: no column named after a key id", sorted({k for n in got for k in got.nodes[n]}))
for text in ("yEd's graphics", "a yEd group"):
    tap.check(len(warnings_of(err, text)) == 1, f"yed: one warning: {text}", err)

# ---- write -> read -> write: partygraph's GraphML of these files reads back the same ----------

for name in ("yed-groups.graphml", "lenient.graphml"):
    first, again = (os.path.join(TMP.name, f"{name}.{i}.graphml") for i in (1, 2))
    ok = all(pgtest.run(BIN, "build", "-q", src, "--graphml", out, check=False).returncode == 0
             for src, out in ((os.path.join(CORPUS, name), first), (first, again)))
    a, b = (nx.read_graphml(f) if ok else nx.Graph() for f in (first, again))
    keep = ("label", "description", "founded", "members", "seats", "ruling")
    same = ok and set(a.nodes) == set(b.nodes) and all({k: a.nodes[v].get(k) for k in keep} ==
                                                       {k: b.nodes[v].get(k) for k in keep} for v in a.nodes)
    tap.check(same, f"round trip {name}: the same nodes and attributes", f"{a.nodes(data=True)} vs {b.nodes(data=True)}")
    ea, eb = pairs(a), pairs(b)
    tap.check(ok and set(ea) == set(eb) and all(ea[k].get(x) == eb[k].get(x) for k in ea for x in ("weight", "types")),
              f"round trip {name}: the same edges, weights and types", f"{ea} vs {eb}")

# ---- still refused -------------------------------------------------------------------------

bad = os.path.join(TMP.name, "bad.graphml")
with open(bad, "w") as f:
    f.write('<graphml>\n<key id="s" for="node" attr.name="seats" attr.type="int"/>\n<graph>\n'
            '<node id="a"><data key="s">many</data></node>\n</graph></graphml>\n')
proc = pgtest.run(BIN, "validate", bad, check=False)
err = proc.stderr.decode()
tap.check(proc.returncode == 1 and "bad.graphml:4: graphml/graph/node[0]/seats: expected an integer" in err,
          "a word in an integer key is still refused, with its place", err)
tap.done()
