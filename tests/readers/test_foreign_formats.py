"""GML and Pajek NET (read by igraph's readers inside partygraph) and GEXF,
against what NetworkX and python-igraph read from the same files.

The corpus is tests/data/foreign/: a Gephi-style GML (labels, graphics,
typed attributes), a Pajek network with names, positions and weights, and
one with arcs, a Gephi-style GEXF 1.2 (typed attributes, a default, viz,
dates and spells). NetworkX writes a GML and a GEXF here, python-igraph a
GML and a Pajek file; partygraph's own graph.gexf is read back and written
again (the round trip). partygraph reads each (`build --nodelink`); its nodes, edges, weights
and attributes are compared with NetworkX's (or igraph's) reading of the
original. Then detection (`validate` names the format), --input-format,
and a broken file refused at its line.

    /usr/bin/python3 tests/readers/test_foreign_formats.py BUILD/partygraph"""
import gzip
import html
import json
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
CORPUS = os.path.join(HERE, "..", "data", "foreign")
TMP = tempfile.TemporaryDirectory(prefix="pgforeign-")
tap = pgtest.Tap()
warnings.simplefilter("ignore", RuntimeWarning)  # python-igraph's, about the files it reads


def corpus(*parts):
    return os.path.join(CORPUS, *parts)


def read_back(path, *extra):
    """partygraph's network of `path` (NetworkX reading its node-link
    JSON, nodes keyed by the id as the file wrote it) and the stderr."""
    out = os.path.join(TMP.name, "out.json")
    proc = pgtest.run(BIN, "build", "-q", path, "--nodelink", out, "--layout", "none", *extra)
    with open(out, encoding="utf-8") as f:
        G = json_graph.node_link_graph(json.load(f))
    names = {n: d.get("original_id") or n for n, d in G.nodes(data=True)}
    return nx.relabel_nodes(G, names), proc.stderr.decode()


def edge_weights(G):
    """{frozenset(u, v): summed weight} of any graph (parallel and opposite
    edges summed, as partygraph merges them)."""
    out = {}
    for u, v, d in G.edges(data=True):
        k = frozenset((str(u), str(v)))
        out[k] = out.get(k, 0) + float(d.get("weight", 1))
    return out


def compare_network(what, got, want):
    """Same nodes and the same edges with the same (summed) weights."""
    tap.check(set(got.nodes) == {str(n) for n in want.nodes}, f"{what}: the same nodes",
              f"{sorted(got.nodes)} != {sorted(map(str, want.nodes))}")
    gw, ww = edge_weights(got), edge_weights(want)
    tap.check(set(gw) == set(ww), f"{what}: the same edges ({len(ww)})", f"{set(gw) ^ set(ww)}")
    bad = {tuple(k): (gw.get(k), w) for k, w in ww.items() if not pgtest.close(gw.get(k, -1), w, 1e-12)}
    tap.check(not bad, f"{what}: the same weights", bad)


def same_value(a, b):
    if isinstance(b, bool) or isinstance(a, bool):
        return bool(a) == bool(b) and isinstance(a, bool)
    if isinstance(b, (int, float)) and isinstance(a, (int, float)):
        return pgtest.close(float(a), float(b), 1e-12)
    return a == b


def compare_node_attrs(what, got, want, renamed=None, skip=("id", "graphics")):
    """Every node attribute NetworkX reads is partygraph's, with the same
    value (`label`, `name`: partygraph's name, exported as `label`; an
    integer `founded`: that year, as a date)."""
    renamed = renamed or {}
    bad = []
    for n, d in want.nodes(data=True):
        mine = got.nodes[str(n)]
        for k, v in d.items():
            if k in skip:
                continue
            key = "label" if k == "name" else renamed.get(k, k)
            v = str(v) if k == "founded" else v
            if not same_value(mine.get(key), v):
                bad.append((n, k, v, mine.get(key)))
    tap.check(not bad, f"{what}: every node attribute kept with its value", bad)


def validate(path, *extra):
    proc = pgtest.run(BIN, "validate", path, *extra, check=False)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


# ---- GML: Gephi's dialect ------------------------------------------------------

gephi = corpus("gml", "gephi.gml")
G_nx = nx.read_gml(gephi, label="label")
got, err = read_back(gephi)
compare_network("Gephi GML", got, G_nx)
compare_node_attrs("Gephi GML", got, G_nx)
G_ig = ig.Graph.Read_GML(gephi)
ids = dict(zip(G_ig.vs["label"], G_ig.vs["id"]))
tap.check(all(got.nodes[n].get("gml_id") == i for n, i in ids.items()), "Gephi GML: the GML id kept as gml_id",
          {n: got.nodes[n].get("gml_id") for n in ids})
types = {frozenset((u, v)): d.get("type", "contact") for u, v, d in G_nx.edges(data=True)}
tap.check(all(got.edges[tuple(k)]["types"] == t for k, t in types.items()), "Gephi GML: edge types",
          {tuple(k): got.edges[tuple(k)]["types"] for k in types})
tap.check(err.count("'graphics'") == 1 and err.count("gml_id") == 1,
          "Gephi GML: one warning for the graphics igraph drops, one for the renamed id", err)
title = pgtest.run(BIN, "build", "-q", gephi, "--formats", "json", "-o", os.path.join(TMP.name, "g1"))
with open(os.path.join(TMP.name, "g1", "summary.json"), encoding="utf-8") as f:
    tap.check(f'"title": {json.dumps(G_nx.graph["label"])}' in f.read(), "Gephi GML: the graph's label is the title")

# ---- GML: NetworkX's and igraph's -------------------------------------------------

W = nx.Graph(name="written by NetworkX")
W.add_node("cpc", kind="party", name="Communist Party of China", founded=1921, ruling=True, score=0.5)
W.add_node("wpk", kind="party", name="Workers' Party of Korea \u2013 \u00dc", score=1.25)
W.add_node("chn", kind="country", name="China")
W.add_node("lprp", kind="party", name="Lao People's Revolutionary Party", ruling=False)
W.add_edge("cpc", "wpk", weight=3.0, type="met")
W.add_edge("cpc", "lprp", weight=1.5)
W.add_edge("wpk", "lprp", weight=0.25)
nx_gml = os.path.join(TMP.name, "networkx.gml")
nx.write_gml(W, nx_gml)
W_back = nx.read_gml(nx_gml)
got, err = read_back(nx_gml)
compare_network("NetworkX GML", got, W_back)
compare_node_attrs("NetworkX GML", got, W_back, skip=("id", "kind"))
tap.check(got.nodes["chn"].get("kind") == "country", "NetworkX GML: the node's kind")
tap.check(err.count("booleans") == 1, "NetworkX GML: ruling 1/0 read as true/false, one warning", err)

ig_gml = os.path.join(TMP.name, "igraph.gml")
I = ig.Graph.Read_GML(nx_gml)
I.vs["label"] = [None] * I.vcount()  # python-igraph names nodes by `name`: no labels
del I.vs["label"]
I.write_gml(ig_gml)
I_back = ig.Graph.Read_GML(ig_gml)
got, err = read_back(ig_gml)
tap.check(got.number_of_nodes() == I_back.vcount() and got.number_of_edges() == I_back.ecount(),
          "igraph GML: igraph's counts", (got.number_of_nodes(), I_back.vcount(), got.number_of_edges(), I_back.ecount()))
want = {frozenset((str(int(I_back.vs[e.source]["id"])), str(int(I_back.vs[e.target]["id"])))): e["weight"] for e in I_back.es}
tap.check(edge_weights(got) == want, "igraph GML: nodes named by their id, igraph's weights", (edge_weights(got), want))
tap.check(sorted(d.get("label") for _, d in got.nodes(data=True)) == sorted(map(html.unescape, I_back.vs["name"])),
          "igraph GML: igraph's `name` is the name (character references decoded)",
          [d.get("label") for _, d in got.nodes(data=True)])

# ---- Pajek --------------------------------------------------------------------------

parties = corpus("pajek", "parties.net")
P_nx = nx.Graph(nx.read_pajek(parties))
got, err = read_back(parties)
compare_network("Pajek (names, weights)", got, nx.read_pajek(parties))
P_ig = ig.Graph.Read_Pajek(parties)
tap.check((got.number_of_nodes(), got.number_of_edges()) == (P_ig.vcount(), P_ig.ecount()), "Pajek: igraph's counts",
          (got.number_of_nodes(), got.number_of_edges(), P_ig.vcount(), P_ig.ecount()))
tap.check(sorted(d["label"] for _, d in got.nodes(data=True)) == sorted(P_ig.vs["name"]), "Pajek: the names")
mine = {d["label"]: d for _, d in got.nodes(data=True)}
renamed = {"x": "pajek_x", "y": "pajek_y"}
bad = [(v["name"], k, v[k], mine[v["name"]].get(renamed.get(k, k))) for v in P_ig.vs for k in P_ig.vs.attributes()
       if k not in ("id", "name") and v[k] not in (None, "") and not same_value(mine[v["name"]].get(renamed.get(k, k)), v[k])]
tap.check(not bad and "x" in P_ig.vs.attributes(), "Pajek: igraph's vertex parameters kept (x, y as pajek_x, pajek_y; "
          "z, shape, color)", bad)
tap.check(err.count("pajek_x") == 1, "Pajek: one warning for the renamed positions", err)
bad = [(e.tuple, k, e[k]) for e in P_ig.es for k in P_ig.es.attributes() if k != "weight" and e[k] not in (None, "")
       and got.edges[P_ig.vs[e.source]["name"], P_ig.vs[e.target]["name"]].get(k) != e[k]]
tap.check(not bad and "color" in P_ig.es.attributes(), "Pajek: igraph's edge parameters kept (color)", bad)

arcs = corpus("pajek", "arcs.net")
got, err = read_back(arcs)
compare_network("Pajek arcs", got, nx.read_pajek(arcs))
tap.check(err.count("directed graph") == 1, "Pajek arcs: read undirected with one warning", err)

ig_net = os.path.join(TMP.name, "igraph.net")
ig.Graph.Read_GML(nx_gml).write_pajek(ig_net)
got, err = read_back(ig_net)
compare_network("igraph Pajek", got, nx.read_pajek(ig_net))

# ---- GEXF --------------------------------------------------------------------------

VIZ = {("color", "r"): "viz_r", ("color", "g"): "viz_g", ("color", "b"): "viz_b", ("size", None): "viz_size",
       ("position", "x"): "viz_x", ("position", "y"): "viz_y", ("position", "z"): "viz_z"}


def flat_viz(d):
    """NetworkX's `viz` dict as partygraph's viz_* names (alpha, which
    NetworkX adds as 1.0 when the file has none, aside)."""
    out = {}
    for (part, key), name in VIZ.items():
        v = d.get(part)
        if v is not None:
            out[name] = v if key is None else v[key]
    return out


def edge_kinds(path):
    """{frozenset(source, target): the edge's `type` attribute} where it is
    not a GEXF edge kind: NetworkX writes an edge's own `type` there, and
    partygraph reads it as the relation type (NetworkX's reader drops it)."""
    root = ET.parse(path).getroot()
    ns = {"g": root.tag[1:].split("}")[0]}
    return {frozenset((e.get("source"), e.get("target"))): e.get("type") for e in root.iterfind(".//g:edge", ns)
            if e.get("type") not in (None, "directed", "undirected", "mutual")}


def compare_gexf(what, path):
    want = nx.read_gexf(path)
    got, err = read_back(path)
    compare_network(what, got, want)
    bad = []
    for n, d in want.nodes(data=True):
        mine = got.nodes[n]
        for k, v in list(d.items()) + list(flat_viz(d.get("viz", {})).items()):
            key = k.replace(" ", "_")
            if k not in ("viz", "kind") and not same_value(mine.get(key), v):
                bad.append((n, k, v, mine.get(key)))
    tap.check(not bad, f"{what}: every node attribute NetworkX reads, with its value (viz as viz_*)", bad)
    defaults = want.graph.get("node_default", {})
    bad = [(n, k, got.nodes[n].get(k)) for n, d in want.nodes(data=True) for k, v in defaults.items()
           if k not in d and not same_value(got.nodes[n].get(k), v)]
    tap.check(not bad, f"{what}: the declared defaults fill the nodes without a value ({sorted(defaults)})", bad)
    bad = []
    kinds = edge_kinds(path)
    for u, v, d in want.edges(data=True):
        mine = got.edges[u, v]
        spells = d.get("spells") or [(d.get("start"), d.get("end"))]
        expect = {"first": min((s for s, _ in spells if s), default=None),
                  "last": max((e for _, e in spells if e), default=None),
                  "types": kinds.get(frozenset((u, v))) or d.get("type", "contact")}
        expect.update({k: str(x) for k, x in d.items() if k not in ("id", "weight", "start", "end", "spells", "type")})
        bad += [(u, v, k, x, mine.get(k)) for k, x in expect.items() if str(mine.get(k)) != str(x)]
    tap.check(not bad, f"{what}: edge attributes, dates from start/end and spells", bad)
    return got, err


got, err = compare_gexf("Gephi GEXF", corpus("gexf", "gephi.gexf"))
tap.check(err.count("viz_r") == 1, "Gephi GEXF: one warning naming the viz_* attributes", err)

X = nx.Graph()
X.add_node("cpc", label="Communist Party of China", kind="party", seats=2977, share=0.5, ruling=True,
           viz={"color": {"r": 10, "g": 20, "b": 30, "a": 1.0}, "position": {"x": 1.5, "y": -2.0, "z": 0.0}})
X.add_node("chn", label="China", kind="country")
X.add_node("wpk", label="Workers' Party of Korea \u00dc", kind="party", seats=687, ruling=False)
X.add_edge("cpc", "wpk", weight=2.5, type="met", start="2018-03-01", end="2018-03-02")
X.add_edge("cpc", "chn", weight=1.0)
nx_gexf = os.path.join(TMP.name, "networkx.gexf")
nx.write_gexf(X, nx_gexf)
compare_gexf("NetworkX GEXF", nx_gexf)

directed = os.path.join(TMP.name, "directed.gexf")
nx.write_gexf(nx.DiGraph([("a", "b"), ("b", "a"), ("b", "c")]), directed)
got, err = read_back(directed)
tap.check(err.count("a directed graph") == 1 and set(map(frozenset, got.edges)) == {frozenset("ab"), frozenset("bc")},
          "a directed GEXF: read undirected, one warning", err)


def stamps(el, ns):
    """The timestamps of a GEXF 1.3 element, as ElementTree reads them."""
    values = [t.get("value") for t in el.iterfind("g:timestamps/g:timestamp", ns)]
    return sorted(values + ([el.get("timestamp")] if el.get("timestamp") else []))


stamped = corpus("gexf", "timestamps.gexf")
tree = ET.parse(stamped).getroot()
ns = {"g": tree.tag[1:].split("}")[0]}
got, err = read_back(stamped)
want = {(e.get("source"), e.get("target")): stamps(e, ns) for e in tree.iterfind(".//g:edge", ns)}
bad = [(k, v[0], v[-1], got.edges[k].get("first"), got.edges[k].get("last")) for k, v in want.items()
       if (got.edges[k].get("first"), got.edges[k].get("last")) != (v[0], v[-1])]
tap.check(not bad and len(want) == got.number_of_edges(), "GEXF 1.3: an edge's timestamps are its first and last day", bad)
want = {n.get("id"): stamps(n, ns) for n in tree.iterfind(".//g:node", ns)}
bad = [(k, got.nodes[k].get("date"), got.nodes[k].get("end")) for k, v in want.items()
       if (got.nodes[k].get("date"), got.nodes[k].get("end")) != ((v[0], v[-1]) if v else (None, None))]
tap.check(not bad, "GEXF 1.3: a node's timestamps are its date and end", bad)
first = {n.get("id"): n.find("g:attvalues/g:attvalue", ns) for n in tree.iterfind(".//g:node", ns)}
bad = [(k, v.get("value"), got.nodes[k].get("seats")) for k, v in first.items()
       if v is not None and str(got.nodes[k].get("seats")) != v.get("value")]
tap.check(not bad and err.count("several values") == 1, "GEXF 1.3: a dynamic attribute keeps its first value, one "
          "warning", (bad, err))


def gexf_elements(path):
    """{node id: (label, attvalues, viz)} and {(source, target): (weight,
    attvalues)} of a graph.gexf, as ElementTree reads it (an edge's spells
    aside: they come back as one span from `first` to `last`)."""
    root = ET.parse(path).getroot()
    ns = {"g": root.tag[1:].split("}")[0]}
    viz_ns = [v for k, v in ET.iterparse(path, events=["start-ns"]) if k == "viz"]

    def values(el, drop=()):
        return {a.get("for"): a.get("value") for a in el.iterfind("g:attvalues/g:attvalue", ns) if a.get("for") not in drop}

    def viz(el):
        return sorted((c.tag, tuple(sorted(c.attrib.items()))) for c in el if viz_ns and c.tag.startswith("{" + viz_ns[0]))
    nodes = {n.get("id"): (n.get("label"), values(n, {"ties_contact"}), viz(n)) for n in root.iterfind(".//g:node", ns)}
    edges = {(e.get("source"), e.get("target")): (e.get("weight"), values(e, {"count", "sources"}))
             for e in root.iterfind(".//g:edge", ns)}
    return nodes, edges


once = os.path.join(TMP.name, "once")
again = os.path.join(TMP.name, "again")
pgtest.run(BIN, "build", "-q", os.path.join(HERE, "..", "..", "examples", "minimal.json"), "--formats", "gexf,json",
           "-o", once)
pgtest.run(BIN, "build", "-q", os.path.join(once, "graph.gexf"), "--formats", "gexf,json", "-o", again)
n1, e1 = gexf_elements(os.path.join(once, "graph.gexf"))
n2, e2 = gexf_elements(os.path.join(again, "graph.gexf"))
tap.check(n1 == n2 and len(n1) > 0, "GEXF round trip: build -> graph.gexf -> build gives the same nodes, labels, "
          "attributes and drawing", [(k, n1.get(k), n2.get(k)) for k in set(n1) | set(n2) if n1.get(k) != n2.get(k)][:5])
tap.check(e1 == e2 and len(e1) > 0, "GEXF round trip: the same edges, weights, first, last and attributes (count aside)",
          [(k, e1.get(k), e2.get(k)) for k in set(e1) | set(e2) if e1.get(k) != e2.get(k)][:5])
with open(os.path.join(again, "summary.json"), encoding="utf-8") as f, \
        open(os.path.join(once, "summary.json"), encoding="utf-8") as g:
    s1, s2 = json.load(g)["input"], json.load(f)["input"]
tap.check(s1["title"] == s2["title"] and s1["description"] == s2["description"] and s1["title"],
          "GEXF round trip: the same title and description", (s1, s2))

# ---- detection, --input-format, refusals ------------------------------------------------

commented = os.path.join(TMP.name, "commented.graphml")
with open(commented, "w", encoding="utf-8") as f:  # the root decides, not a <gexf> in a comment
    f.write('<?xml version="1.0"?>\n<!DOCTYPE graphml>\n<!-- converted from <gexf> -->\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"/></graph></graphml>\n')
prefixed = os.path.join(TMP.name, "prefixed.xml")
with open(prefixed, "w", encoding="utf-8") as f:
    f.write('<?xml version="1.0"?>\n<!-- <graphml> -->\n<g:gexf xmlns:g="http://gexf.net/1.3"><g:graph><g:nodes>'
            '<g:node id="a"/></g:nodes></g:graph></g:gexf>\n')
for path, name in ((gephi, "gml"), (nx_gml, "gml"), (parties, "pajek"), (arcs, "pajek"),
                   (corpus("gexf", "gephi.gexf"), "gexf"), (nx_gexf, "gexf"), (commented, "graphml"), (prefixed, "gexf")):
    rc, out, _ = validate(path)
    tap.check(rc == 0 and f"(read from {name})" in out, f"{os.path.basename(path)} detected as {name}", out)

with open(gephi, encoding="utf-8") as f:
    text = f.read()
plain = os.path.join(TMP.name, "no-graph-word")
with open(plain, "w", encoding="utf-8") as f:  # the `graph [` beyond the first 64 KiB: only forcing reads it
    f.write("Creator " + '"' + "x" * 70000 + '"\n' + text.split("\n", 1)[1])
rc, out, _ = validate(plain)
tap.check(rc != 0, "GML past the bytes detection looks at: not detected")
rc, out, err = validate(plain, "--input-format", "gml")
tap.check(rc == 0 and "(read from gml)" in out, "--input-format gml reads it", err)
named = os.path.join(TMP.name, "undecided.GML.gz")
with open(plain, "rb") as f, gzip.open(named, "wb") as g:
    g.write(f.read())
rc, out, err = validate(named)
tap.check(rc == 0 and "(read from gml)" in out, "... and so does its name: .gml (any case, gzipped too)", err)
rc, out, err = validate(gephi, "--input-format", "nodelink")
tap.check(rc != 0 and "it looks like GML" in err, "--input-format nodelink on GML: names what it looks like", err)

lines = text.split("\n")
cut = 20  # the file ends inside a node: igraph's parser stops at the last line
broken = os.path.join(TMP.name, "broken.gml")
with open(broken, "w", encoding="utf-8") as f:
    f.write("\n".join(lines[:cut]) + "\n")
rc, out, err = validate(broken)
tap.check(rc != 0 and err.startswith(f"partygraph: {broken}:{cut + 1}: GML: syntax error"),
          "a broken GML: refused at its line, with igraph's reason", err)
bad_net = os.path.join(TMP.name, "broken.net")
with open(bad_net, "w", encoding="utf-8") as f:
    f.write('*Vertices 2\n1 "a"\n2 "b"\n*Edges\n1 2 3 "oops\n')
rc, out, err = validate(bad_net)
tap.check(rc != 0 and err.startswith(f"partygraph: {bad_net}:5: Pajek: "), "a broken Pajek file: refused at its line", err)

broken = os.path.join(TMP.name, "broken.gexf")
with open(corpus("gexf", "gephi.gexf"), encoding="utf-8") as f:
    lines = f.read().split("\n")
at = next(i for i, line in enumerate(lines) if "<viz:color" in line)
lines[at] = lines[at].replace("/>", ">")  # left open: the mismatch is on the next line, the </node>
with open(broken, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
rc, out, err = validate(broken)
col = len(lines[at + 1]) + 1
tap.check(rc != 0 and err.split("\n")[0] == f"partygraph: {broken}:{at + 2}:{col}: XML: Opening and ending tag "
          f"mismatch: color line {at + 1} and node", "a broken GEXF: refused at libxml2's line:column, on one line", err)

tap.done()
