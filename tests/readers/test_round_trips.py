"""Round trips: for every format partygraph writes and reads (GraphML,
GEXF, node-link JSON under "links" and under "edges", Cytoscape.js JSON),
build -> graph.F -> build graph.F -> graph.F gives the same network and
attributes.

Three datasets: the bundled examples/minimal.json and cpc-interparty.json,
and a synthetic one written here with persons, declared and built-in
directed types, dates and end dates, a membership without end, edges
merging several types and several relations of one type, and attributes
of every type (text with quotes, line breaks, markup and non-ASCII,
booleans, integers, doubles, missing values). Each file is read by an
independent reader (NetworkX for GraphML, ElementTree for GEXF, json for
the JSON formats); the two writes are compared node by node and edge by
edge, attribute by attribute, and the first against the dataset itself
(its entities, counted in Python). What may differ is only what
docs/input.md documents, each where its condition holds (computed from the
dataset or the first write, never pasted):

  - provenance: the graph's input_sha256;
  - `sources`: a graph file holds no partygraph/1 sources;
  - an edge merging relations of several types: its `count` comes back
    as its number of types, a node's `ties_TYPE` counting it once (an
    edge of one type keeps its count: as many relations come back);
  - declared relation types (`relation_types`) are not in the files: an
    edge of one such type says its direction (declared again on reading),
    but one merging it with another type comes back undirected, and then
    the directed metrics (in/out degree and strength, hub, authority) can
    differ; so can they where a merged edge joins relations of different
    weights, one of them directed (the file has their sum);
  - GEXF: an edge's several spells come back as one, from the first start
    to the last end.

Then the gaps of other tools' files that this round closes: Gephi's
hierarchy (`pid`, <parents>), viz:shape, viz:thickness and edge kinds in
GEXF; a graph's own data that is not read (GraphML, Cytoscape.js) is a
warning; NetworkX's
GEXF keeps an edge's `type` where GEXF has the edge's kind (read as the
relation type); a GML nested list (graphics) is one warning with its line; NetworkX's Pajek with
`key value` pairs is read as NetworkX reads it.

    /usr/bin/python3 tests/readers/test_round_trips.py BUILD/partygraph"""
import json
import os
import random
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgroundtrip-")
tap = pgtest.Tap()
warnings.simplefilter("ignore", UserWarning)  # NetworkX's, about the graphics it does not write to Pajek

DIRECTED_METRICS = {"in_degree", "out_degree", "in_strength", "out_strength", "hub", "authority"}
BUILT_IN_DIRECTED = {"hosted", "visited", "invited", "sent_message", "awarded", "praised", "addressed",
                     "learned_from", "congratulated"}
KINDS = ("countries", "parties", "mechanisms", "events", "persons")

SYNTHETIC = {
    "format": "partygraph/1",
    "title": 'Synthetic "round" trip \u2014 \u00fcn\u00efcode',
    "description": "Line one\nline two & <three>",
    "sources": [{"id": "s1", "title": "Source", "url": "https://example.org", "date": "2020"}],
    "relation_types": [{"id": "mentored", "directed": True, "label": "mentored"}],
    "countries": [{"id": "AAA", "name": "\u00c5valon", "iso3": "AAA", "region": "Europe", "groupings": ["G1", "G2"]},
                  {"id": "BBB", "name": "Brigadoon", "iso3": "BBB", "region": "Asia"}],
    "parties": [
        {"id": "red", "name": 'Red "Quoted" Party', "country": "AAA", "family": "socialist", "ruling": True,
         "founded": "1921-07", "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}], "seats": 12,
         "share": 0.25, "motto": "line\nbreak & <tag> \u00fc \u4e2d\u6587 'single' \"double\"", "sources": ["s1"]},
        {"id": "blue", "name": "Blue Party", "country": "BBB", "ruling": False, "seats": 3, "share": 1.5},
        {"id": "gold", "name": "Gold", "country": "BBB", "share": 1e-7}],
    "mechanisms": [{"id": "forum", "name": "Forum", "kind": "forum", "founded": "2010"}],
    "events": [{"id": "ev1", "name": "Summit", "date": "2017-11-30", "end": "2017-12-03", "country": "AAA",
                "mechanism": "forum", "host": "red", "type": "summit"},
               {"id": "ev2", "name": "Open", "date": "2019-05"}],
    "persons": [{"id": "ann", "name": "Ann Red", "party": "red", "country": "AAA",
                 "roles": [{"title": "chair", "organization": "red", "from": "2012-11"},
                           {"title": "envoy", "from": "2013", "to": "2015"}]},
                {"id": "bo", "name": "Bo Blue", "party": "blue"}],
    "relations": [
        {"type": "visited", "source": "red", "target": "blue", "date": "2018-05-02", "weight": 2,
         "note": 'first "visit"', "sources": ["s1"]},
        {"type": "contact", "source": "blue", "target": "red", "date": "2019-03", "end": "2019-06", "weight": 0.5},
        {"type": "mentored", "source": "ann", "target": "bo", "date": "2015"},
        {"type": "met", "source": "ann", "target": "bo", "date": "2016-01", "end": "2016-02"},
        {"type": "attended", "source": "blue", "target": "ev1", "role": "delegate", "flag": True, "n": 4},
        {"type": "attended", "source": "gold", "target": "ev1", "flag": False, "n": 2},
        {"type": "attended", "source": "gold", "target": "ev2"},
        {"type": "member_of", "source": "red", "target": "forum", "date": "1990"},
        {"type": "member_of", "source": "blue", "target": "forum", "date": "1995", "end": "2001"},
        {"type": "contact", "source": "gold", "target": "blue", "date": "2001"},
        {"type": "contact", "source": "blue", "target": "gold", "date": "2003-04-05", "weight": 3}]}


def dataset_file(name, data):
    path = os.path.join(TMP.name, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path


# ---- each format, read by an independent reader ---------------------------------------
# (graph data, {node id: attributes}, {frozenset(u, v): attributes}); an edge's ends
# as written are its "_ends".

def from_graphml(path):
    G = nx.read_graphml(path)
    edges = {frozenset((u, v)): dict(d, _ends=(u, v)) for u, v, d in G.edges(data=True)}
    return dict(G.graph), {n: dict(d) for n, d in G.nodes(data=True)}, edges


def from_gexf(path):
    root = ET.parse(path).getroot()
    ns = {"g": root.tag[1:].split("}")[0]}
    titles = {(a.get("class"), x.get("id")): x.get("title")
              for a in root.iterfind(".//g:attributes", ns) for x in a.iterfind("g:attribute", ns)}

    def element(e, cls):
        d = {k: v for k, v in e.attrib.items() if k not in ("id", "source", "target")}
        for a in e.iterfind("g:attvalues/g:attvalue", ns):
            d[titles.get((cls, a.get("for")), a.get("for"))] = a.get("value")
        spells = [(s.get("start"), s.get("end")) for s in e.iterfind("g:spells/g:spell", ns)]
        if spells:
            d["_spells"] = spells
        for c in e:
            if not c.tag.startswith("{" + ns["g"]):
                d["viz:" + c.tag.split("}")[1]] = tuple(sorted(c.attrib.items()))
        return d
    nodes = {n.get("id"): element(n, "node") for n in root.iterfind(".//g:node", ns)}
    edges = {frozenset((e.get("source"), e.get("target"))): dict(element(e, "edge"), _ends=(e.get("source"), e.get("target")))
             for e in root.iterfind(".//g:edge", ns)}
    meta = {c.tag.split("}")[1]: c.text for c in root.iterfind("g:meta/*", ns)}
    meta.update(root.find("g:graph", ns).attrib)
    return meta, nodes, edges


def from_nodelink(path):
    d = pgtest.read_json(path)
    return d["graph"], {n["id"]: n for n in d["nodes"]}, ends(d["links"] if "links" in d else d["edges"])


def from_cyjs(path):
    d = pgtest.read_json(path)
    return d["data"], {n["data"]["id"]: n["data"] for n in d["elements"]["nodes"]}, \
        ends(e["data"] for e in d["elements"]["edges"])


def ends(links):
    """{frozenset(source, target): the link's other members and its "_ends"}."""
    out = {}
    for x in links:
        pair = (x["source"], x["target"])
        out[frozenset(pair)] = dict({k: v for k, v in x.items() if k not in ("source", "target")}, _ends=pair)
    return out


FORMATS = [  # (label, --formats, file, reader, extra options)
    ("GraphML", "graphml", "graph.graphml", from_graphml, ()),
    ("GEXF", "gexf", "graph.gexf", from_gexf, ()),
    ("node-link", "nodelink", "graph.nodelink.json", from_nodelink, ()),
    ("node-link (edges)", "nodelink", "graph.nodelink.json", from_nodelink, ("--nodelink-key", "edges")),
    ("Cytoscape.js", "cytoscape", "graph.cyjs", from_cyjs, ()),
]


# ---- what may differ, from the dataset and the first write ----------------------------

def types_of(e):
    return [t for t in str(e.get("types") or "").split(";") if t]


def declared_directed(data):
    return {t["id"] for t in data.get("relation_types", []) if t.get("directed") and t["id"] not in BUILT_IN_DIRECTED}


def uneven_directed(data, directed):
    """Does a pair of entities have relations of different weights, one of
    them of a type in `directed` (their sum is all a file has)?"""
    pairs = {}
    for r in data.get("relations", []):
        pairs.setdefault(frozenset((r["source"], r["target"])), []).append(r)
    return any(len({r.get("weight", 1) for r in rs}) > 1 and any(r["type"] in directed for r in rs)
               for rs in pairs.values())


def unknowable(first, declared):
    """The keys of an edge whose value the file does not carry: `sources`;
    with a declared directed type among several types, its direction and
    orientation (an edge of one type says its type's direction)."""
    if set(types_of(first)) & declared and len(types_of(first)) > 1:
        return {"sources", "direction", "forward", "backward", "_ends", "id"}
    return {"sources"}


def expected_edge(first, declared):
    """The second write's edge, from the first's, with the documented
    differences applied (but for the unknowable keys)."""
    want = {k: v for k, v in first.items() if k not in unknowable(first, declared)}
    if "count" in want and len(types_of(first)) > 1:
        want["count"] = type(want["count"])(len(types_of(first)))
    if "_spells" in want:
        spells = want.pop("_spells")
        starts, ends = [s for s, _ in spells], [e for _, e in spells]
        want["start"] = None if None in starts else min(starts)
        want["end"] = None if None in ends else max(ends)
        want = {k: v for k, v in want.items() if v is not None}
    return want


def ties(edges, node):
    """{ties_TYPE: its relations at `node` as they come back}, from the
    first write: an edge of one type its count, of several one each."""
    out = {}
    for k, e in edges.items():
        if node in k:
            types = types_of(e)
            for t in types:
                n = int(e.get("count", 1)) if len(types) == 1 else 1
                out["ties_" + t] = out.get("ties_" + t, 0) + n
    return out


def expected_node(first, node, edges, skip_directed):
    want = {k: v for k, v in first.items() if k != "sources" and not (skip_directed and k in DIRECTED_METRICS)}
    for k, n in ties(edges, node).items():
        if k in want:
            want[k] = type(want[k])(n) if not isinstance(want[k], str) else str(n)
    return want


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return pgtest.close(a, b, 1e-12)
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return pgtest.close(float(a), float(b), 1e-12)
        except ValueError:
            return False
    return a == b


def differences(want, got):
    return [(k, want.get(k), got.get(k)) for k in sorted(set(want) | set(got)) if not same(want.get(k), got.get(k))]


# ---- the round trips ----------------------------------------------------------------------

def build(source, fmt, out, extra):
    proc = pgtest.run(BIN, "build", "-q", source, "--formats", fmt + ",json", "-o", out, "--layout", "none", *extra)
    return proc.stderr.decode()


def round_trip(name, data, path):
    declared = declared_directed(data)
    uneven = uneven_directed(data, BUILT_IN_DIRECTED | declared)
    skip_directed = uneven
    entities = {e["id"] for k in KINDS for e in data.get(k, [])}
    for label, fmt, file, reader, extra in FORMATS:
        what = f"{name}, {label}"
        once, again = (os.path.join(TMP.name, f"{name}-{fmt}-{len(extra)}-{i}") for i in (1, 2))
        build(path, fmt, once, extra)
        err = build(os.path.join(once, file), fmt, again, extra)
        g1, n1, e1 = reader(os.path.join(once, file))
        g2, n2, e2 = reader(os.path.join(again, file))
        # a declared directed type merged with another type: the file does not say which runs which way
        skip_directed = uneven or any(len(types_of(e)) > 1 and set(types_of(e)) & declared for e in e1.values())
        tap.check(set(n1) == entities, f"{what}: the first write has every entity of the dataset, as nodes",
                  (entities ^ set(n1)))
        tap.check(set(n2) == set(n1) and set(e2) == set(e1) and len(e1) > 0,
                  f"{what}: read back and written again, the same nodes and edges",
                  (set(n1) ^ set(n2), set(e1) ^ set(e2)))
        bad = [(k, differences(expected_edge(e1[k], declared),
                               {x: v for x, v in e2[k].items() if x not in unknowable(e1[k], declared)}))
               for k in set(e1) & set(e2)]
        bad = [(sorted(k), d) for k, d in bad if d]
        tap.check(not bad, f"{what}: every edge's weight, types, dates, direction and attributes are the same"
                  " (but what is documented)", bad[:8])
        bad = [(k, differences(expected_node(n1[k], k, e1, skip_directed),
                               {x: v for x, v in n2[k].items()
                                if x != "sources" and not (skip_directed and x in DIRECTED_METRICS)}))
               for k in set(n1) & set(n2)]
        bad = [(k, d) for k, d in bad if d]
        tap.check(not bad, f"{what}: every node's attributes and metrics are the same", bad[:8])
        g1, g2 = ({k: v for k, v in g.items() if k != "input_sha256"} for g in (g1, g2))
        tap.check(g1 == g2 and any(data["title"] in str(v) for v in g1.values()),
                  f"{what}: the same title, description and graph data", differences(g1, g2))
        lines = [line for line in err.splitlines() if line]
        tap.check(all(line.startswith(f"partygraph: {os.path.join(once, file)}:") and "warning" in line for line in lines),
                  f"{what}: reading it back, only warnings, each one line with its place", lines[:5])
    return skip_directed


minimal = os.path.join(pgtest.ROOT, "examples", "minimal.json")
skipped = round_trip("minimal", pgtest.load_example("minimal.json"), minimal)
tap.check(not skipped, "minimal.json: its directed metrics are compared too (no declared types, no uneven merges)")
round_trip("cpc-interparty", pgtest.load_example("cpc-interparty.json"),
           os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"))
round_trip("synthetic", SYNTHETIC, dataset_file("synthetic.json", SYNTHETIC))

# Written again, the membership without end is still open in GEXF (a start, no end); the two
# contacts of one pair, two spells in the first write, are one span.
_, _, first = from_gexf(os.path.join(TMP.name, "synthetic-gexf-0-1", "graph.gexf"))
_, _, edges = from_gexf(os.path.join(TMP.name, "synthetic-gexf-0-2", "graph.gexf"))
member, contact = edges[frozenset(("red", "forum"))], edges[frozenset(("gold", "blue"))]
spells = first[frozenset(("gold", "blue"))].get("_spells", [])
tap.check("start" in member and "end" not in member and len(spells) == 2 and
          (contact.get("start"), contact.get("end")) == (spells[0][0], spells[-1][1]) and "_spells" not in contact,
          "GEXF, read back: a membership without end is still open; two spells of an edge are one span",
          (member, contact, spells))
wanted = [r for r in SYNTHETIC["relations"] if {r["source"], r["target"]} == {"gold", "blue"}]
tap.check(int(contact["count"]) == len(wanted) == 2 and contact["types"] == "contact" and
          pgtest.close(float(contact["weight"]), sum(r.get("weight", 1) for r in wanted), 1e-12),
          "... two contacts of one pair come back as two relations of their summed weight (the count kept)",
          contact)

# ---- GEXF as Gephi writes it: hierarchy, shapes, thickness, edge kinds ---------------------

GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <graph defaultedgetype="undirected">
    <nodes>
      <node id="intl" label="An International"><viz:shape value="square"/></node>
      <node id="red" label="Red" pid="intl"><viz:shape value="disc"/></node>
      <node id="blue" label="Blue"><parents><parent for="intl"/><parent for="red"/></parents></node>
      <node id="gold" label="Gold"/>
    </nodes>
    <edges>
      <edge source="red" target="gold" kind="met" weight="2"><viz:thickness value="3.5"/></edge>
      <edge source="blue" target="gold"/>
    </edges>
  </graph>
</gexf>
"""
hier = os.path.join(TMP.name, "hierarchy.gexf")
with open(hier, "w", encoding="utf-8") as f:
    f.write(GEPHI)
root = ET.fromstring(GEPHI)
ns = {"g": "http://gexf.net/1.3", "viz": "http://gexf.net/1.3/viz"}
out = os.path.join(TMP.name, "hierarchy.json")
proc = pgtest.run(BIN, "build", "-q", hier, "--nodelink", out, "--layout", "none")
got = pgtest.read_json(out)
links = {frozenset((x["source"], x["target"])): x for x in got["links"]}
parents = {frozenset((n.get("id"), n.get("pid"))) for n in root.iterfind(".//g:node", ns) if n.get("pid")}
parents |= {frozenset((n.get("id"), p.get("for"))) for n in root.iterfind(".//g:node", ns)
            for p in n.iterfind("g:parents/g:parent", ns)}
tap.check(parents and all("part_of" in links.get(k, {}).get("types", "") for k in parents) and
          proc.stderr.decode().count("part_of tie") == 1,
          "GEXF: a node's pid and <parents> are part_of ties to its parents, one warning", (parents, links))
shapes = {n.get("id"): n.find("viz:shape", ns).get("value") for n in root.iterfind(".//g:node", ns)
          if n.find("viz:shape", ns) is not None}
mine = {n["id"]: n.get("viz_shape") for n in got["nodes"] if n.get("viz_shape")}
kinds = {frozenset((e.get("source"), e.get("target"))): e.get("kind", "contact") for e in root.iterfind(".//g:edge", ns)}
thick = {frozenset((e.get("source"), e.get("target"))): float(e.find("viz:thickness", ns).get("value"))
         for e in root.iterfind(".//g:edge", ns) if e.find("viz:thickness", ns) is not None}
tap.check(mine == shapes and all(links[k]["types"] == t for k, t in kinds.items()) and
          all(float(links[k].get("viz_thickness")) == t for k, t in thick.items()),
          "GEXF: viz:shape and viz:thickness kept (viz_shape, viz_thickness), an edge's kind is its type",
          (mine, shapes, {k: links[k] for k in kinds}))

# ---- the graph's own data that is not read: one warning (GraphML, Cytoscape.js) -------------

A = nx.Graph(name="Ties", created="2020", curator="someone")
A.add_edge("a", "b")
attr_graphml, attr_cyjs = os.path.join(TMP.name, "attrs.graphml"), os.path.join(TMP.name, "attrs.cyjs")
nx.write_graphml(A, attr_graphml)
with open(attr_cyjs, "w", encoding="utf-8") as f:
    json.dump(nx.cytoscape_data(A), f)
unread = {k for k in A.graph if k != "name"}
for path in (attr_graphml, attr_cyjs):
    err = pgtest.run(BIN, "validate", path).stderr.decode().splitlines()
    named = [line for line in err if "graph's own data" in line]
    tap.check(len(named) == 1 and named[0].startswith(f"partygraph: {path}:") and
              any(f'"{k}"' in named[0] for k in unread),
              f"{os.path.basename(path)}: the graph's data beyond its name is not read, one warning naming it", err)

# ---- GEXF, GML and Pajek as NetworkX writes them -------------------------------------------

D = nx.Graph()
D.add_edges_from([("a", "b", {"type": "met", "weight": 2.0}), ("b", "c", {"type": "signed"}), ("c", "a", {})])
gexf = os.path.join(TMP.name, "nx.gexf")
nx.write_gexf(D, gexf)
out = os.path.join(TMP.name, "nx-gexf.json")
proc = pgtest.run(BIN, "build", "-q", gexf, "--nodelink", out, "--layout", "none")
got = {frozenset((x["source"], x["target"])): x["types"] for x in pgtest.read_json(out)["links"]}
want = {frozenset((u, v)): d.get("type", "contact") for u, v, d in D.edges(data=True)}
err = [line for line in proc.stderr.decode().splitlines() if "GEXF edge kind" in line]
tap.check(got == want and len(err) == 1 and err[0].startswith(f"partygraph: {gexf}:"),
          "GEXF as NetworkX writes it: an edge's `type` (where GEXF has its kind) is its relation type, one warning",
          (got, want, err))


G = nx.Graph()
G.add_node("a", kind="party", name="A", graphics={"x": 1.0, "y": 2.0})
G.add_node("b", kind="party", name="B")
G.add_edge("a", "b", weight=2.0, graphics={"width": 3})
gml = os.path.join(TMP.name, "nx.gml")
nx.write_gml(G, gml)
with open(gml, encoding="utf-8") as f:
    lines = f.read().split("\n")
node_at = next(i for i, line in enumerate(lines) if line.strip().startswith("graphics")) + 1
edge_at = next(i for i, line in enumerate(lines) if line.strip() == "edge [") + 1
edge_at = next(i for i, line in enumerate(lines) if i >= edge_at and line.strip().startswith("graphics")) + 1
proc = pgtest.run(BIN, "validate", gml)
err = [line for line in proc.stderr.decode().splitlines() if "graphics" in line]
tap.check(len(err) == 2 and err[0].startswith(f"partygraph: {gml}:{node_at}: warning: ") and
          err[1].startswith(f"partygraph: {gml}:{edge_at}: warning: ") and all("'graphics'" in e for e in err),
          "GML: a node's and an edge's graphics [...] are one warning each, on one line, at their first line", err)

P = nx.Graph()
P.add_node("Zed 1", kind="country", name="Zed land")
P.add_node("b", kind="party", ruling=True, family="green")
P.add_node("c")
P.add_edge("Zed 1", "b", weight=2.5, type="met", date="2019-01", memo="a \"quoted\" note")
P.add_edge("b", "c")
net = os.path.join(TMP.name, "nx.net")
nx.write_pajek(P, net)
with open(net, encoding="utf-8") as f:
    at = next(i for i, line in enumerate(f.read().split("\n")) if " kind " in line) + 1
want = nx.read_pajek(net)  # NetworkX reads its pairs back as strings
out = os.path.join(TMP.name, "nx-pajek.json")
proc = pgtest.run(BIN, "build", "-q", net, "--nodelink", out, "--layout", "none")
got = pgtest.read_json(out)
nodes = {n.get("original_id") or n["id"]: n for n in got["nodes"]}
bad = [(v, k, x, nodes[v].get("label" if k == "name" else k)) for v, d in want.nodes(data=True) for k, x in d.items()
       if k not in ("x", "y", "id", "ruling") and str(nodes[v].get("label" if k == "name" else k)) != str(x)]
bad += [(v, "ruling", nodes[v].get("ruling")) for v, d in want.nodes(data=True) if "ruling" in d
        and nodes[v].get("ruling") is not (d["ruling"] == "True")]
tap.check(set(nodes) == set(want.nodes) and not bad,
          "Pajek as NetworkX writes it (key value pairs): every vertex and its pairs as NetworkX reads them "
          "(a name the name, True a boolean)", (set(nodes) ^ set(want.nodes), bad))
ids = {n["id"]: v for v, n in nodes.items()}
links = {frozenset((ids[x["source"]], ids[x["target"]])): x for x in got["links"]}
bad = [(u, v, d, links.get(frozenset((u, v)))) for u, v, d in want.edges(data=True)
       if not (pgtest.close(links[frozenset((u, v))]["weight"], float(d["weight"]), 1e-12)
               and d.get("type", "contact") in links[frozenset((u, v))]["types"]
               and links[frozenset((u, v))].get("memo") == d.get("memo")
               and links[frozenset((u, v))].get("first") == d.get("date"))]
links_ok = len(links) == want.number_of_edges() and not bad
tap.check(links_ok, "... every edge with its weight, type, date and pairs (quoted as NetworkX quotes)", bad)
err = [line for line in proc.stderr.decode().splitlines() if "key value" in line]
tap.check(len(err) == 1 and err[0].startswith(f"partygraph: {net}:{at}: warning: "),
          "... one warning, at the first line with pairs", proc.stderr.decode())
broken = os.path.join(TMP.name, "lone-key.net")
with open(broken, "w", encoding="utf-8") as f:
    f.write('*Vertices 2\n1 "a" 0.0 0.0 ellipse kind\n2 "b"\n*Edges\n1 2\n')
proc = pgtest.run(BIN, "validate", broken, check=False)
tap.check(proc.returncode == 1 and proc.stderr.decode().startswith(f"partygraph: {broken}:2: Pajek: syntax error"),
          "a Pajek vertex line with a word igraph does not know and no pair: still refused at its line",
          proc.stderr.decode())

huge = os.path.join(TMP.name, "huge-number.net")
with open(huge, "w", encoding="utf-8") as f:  # a vertex number far past *Vertices: igraph's error, not memory
    f.write('*Vertices 2\n1 "a" 0.0 0.0 ellipse kind party\n9999999999 "b" 0.0 0.0 ellipse kind party\n'
            '*Edges\n1 2\n')
proc = pgtest.run(BIN, "validate", huge, check=False)
tap.check(proc.returncode == 1 and proc.stderr.decode().startswith(f"partygraph: {huge}:"),
          "a Pajek vertex with pairs and a number far out of range: igraph's error at its place, not out of memory",
          proc.stderr.decode())

# Random lines of Pajek words and NetworkX pairs (seeded): read or refused, never worse, every
# message one line of its own with the file's name.
rng = random.Random(18)
WORDS = ['1', '2', '3', '"a b"', '"x', 'y"', 'kind', 'party', 'name', '"Q"', '0.0', 'ellipse', '*Vertices 3',
         '*Edges', '*Arcs', '%c', '"', '""', 'ic', 'Red', '-1', '0', '9999999999', '\t', '*edgeslist', 'True']
bad = []
for k in range(60):
    lines = ["*Vertices %d" % rng.randint(0, 4)] + [" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 12)))
                                                    for _ in range(rng.randint(0, 8))]
    path = os.path.join(TMP.name, "random.net")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + rng.choice(["", "\n", "\r\n"]))
    proc = pgtest.run(BIN, "validate", path, "--input-format", "pajek", check=False)
    err = proc.stderr.decode(errors="replace").splitlines()
    if proc.returncode not in (0, 1) or not all(line.startswith(f"partygraph: {path}") for line in err):
        bad.append((proc.returncode, err[:3], lines))
tap.check(not bad, "60 random Pajek files with pairs: each read or refused (exit 0 or 1), one line per message", bad[:2])

tap.done()
