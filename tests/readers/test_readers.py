"""Inputs other tools write: each reader against an independent writer.

NetworkX writes node-link JSON (both keys, string and integer ids, directed
multigraphs) and GraphML; python-igraph writes GraphML; JGF (v2 and v1),
Popolo, NDJSON and a Gephi-style GraphML are written here by hand. partygraph
reads each (`build --nodelink`), and its nodes, edges and attributes are
compared with what NetworkX reads from the original (or with the document
itself). Then the error cases: positions, paths, line numbers, unsupported
GraphML, gzip and standard input, --input-format.

    /usr/bin/python3 tests/readers/test_readers.py BUILD/partygraph"""
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

import igraph as ig
import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgreaders-")
tap = pgtest.Tap()


def write(name, text, mode="w"):
    path = os.path.join(TMP.name, name)
    with open(path, mode) as f:
        f.write(text)
    return path


def read_back(path, *extra, stdin=None):
    """partygraph's network of `path` as NetworkX reads its node-link JSON,
    and partygraph's stderr."""
    out = os.path.join(TMP.name, "out.json")
    proc = pgtest.run(BIN, "build", "-q", path, "--nodelink", out, "--layout", "none", *extra, stdin=stdin)
    with open(out, encoding="utf-8") as f:
        return json_graph.node_link_graph(json.load(f)), proc.stderr.decode()


def fails(path, *extra, stdin=None):
    """(exit status, stderr) of `validate` on a bad input."""
    proc = pgtest.run(BIN, "validate", path, *extra, stdin=stdin, check=False)
    return proc.returncode, proc.stderr.decode()


def edge_map(G, key=None):
    """{frozenset(u, v): data} of an undirected graph."""
    return {frozenset((u, v)): d for u, v, d in G.edges(data=True)}


def same_edges(what, got, want_pairs, weights=None):
    pairs = set(edge_map(got))
    tap.check(pairs == set(want_pairs), f"{what}: the same edges", f"missing {set(want_pairs) - pairs}, extra {pairs - set(want_pairs)}")
    if weights is not None:
        bad = {k: (edge_map(got)[k]["weight"], w) for k, w in weights.items()
               if k in pairs and not pgtest.close(edge_map(got)[k]["weight"], w, 1e-12)}
        tap.check(not bad, f"{what}: the same weights", bad)


def e(u, v):
    return frozenset((str(u), str(v)))


# ---- a small party network, written by NetworkX ----------------------------------

def party_graph():
    G = nx.Graph()
    G.add_node("cpc", kind="party", name="Communist Party of China", family="communist", seats=2977,
               share=0.5, ruling=True, country="chn", founded=1921)
    G.add_node("chn", kind="country", name="China", iso3="CHN", region="Asia")
    G.add_node("psoe", kind="party", label="PSOE", country="esp", family="social democratic")
    G.add_node("esp", kind="country", name="Spain")
    G.add_node("Jean Valjean", name="J. V.", note="not a partygraph id", country="France")
    G.add_node("icapp", kind="mechanism", name="ICAPP", mechanism_kind="conference")
    G.add_edge("cpc", "psoe", weight=2.5, type="contact", date="2018-05", role="delegation")
    G.add_edge("cpc", "Jean Valjean")
    G.add_edge("psoe", "Jean Valjean", weight=1.0)
    G.add_edge("cpc", "chn", type="based_in")  # repeats what cpc's country implies
    G.add_edge("cpc", "icapp", type="member_of", weight=1.0, date=2000)
    return G


def check_party_graph(what, got, err):
    ids = {"cpc", "chn", "psoe", "esp", "Jean_Valjean", "icapp"}
    tap.check(set(got.nodes) == ids, f"{what}: the same nodes (ids rewritten)", sorted(got.nodes))
    n = got.nodes
    tap.check([n[i]["kind"] for i in sorted(ids)] == ["node", "country", "party", "country", "mechanism", "party"],
              f"{what}: kinds from `kind`, the generic kind node by default", [(i, n[i]["kind"]) for i in sorted(ids)])
    tap.check((n["cpc"]["label"], n["psoe"]["label"], n["Jean_Valjean"]["label"]) ==
              ("Communist Party of China", "PSOE", "J. V."), f"{what}: names from name, else label")
    tap.check(n["cpc"]["seats"] == 2977 and n["cpc"]["share"] == 0.5 and n["cpc"]["ruling"] is True and
              n["cpc"]["family"] == "communist" and n["chn"]["iso3"] == "CHN", f"{what}: typed attributes kept",
              n["cpc"])
    tap.check(n["cpc"]["founded"] == "1921", f"{what}: an integer year is a date", n["cpc"].get("founded"))
    tap.check(n["cpc"]["country"] == "chn" and n["psoe"]["country"] == "esp", f"{what}: country references kept")
    tap.check(n["Jean_Valjean"].get("country") == "France" and n["icapp"].get("mechanism_kind") == "conference",
              f"{what}: a mechanism's kind; a generic node's `country` is an attribute like any other", (n["icapp"], err))
    tap.check(n["Jean_Valjean"].get("original_id") == "Jean Valjean", f"{what}: a rewritten id kept as original_id")
    tap.check("read as \"Jean_Valjean\"" in err, f"{what}: a warning says the id was rewritten", err)
    want = {e("cpc", "psoe"): 2.5, e("cpc", "Jean_Valjean"): 1, e("psoe", "Jean_Valjean"): 1, e("cpc", "chn"): 1,
            e("psoe", "esp"): 1, e("cpc", "icapp"): 1}
    same_edges(what, got, want, want)
    em = edge_map(got)
    tap.check(em[e("cpc", "psoe")]["types"] == "contact" and em[e("cpc", "Jean_Valjean")]["types"] == "contact" and
              em[e("cpc", "chn")]["types"] == "based_in" and em[e("cpc", "chn")]["count"] == 1 and
              em[e("cpc", "icapp")]["types"] == "member_of",
              f"{what}: types from `type`, contact by default, an edge repeating a reference counted once",
              {tuple(sorted(k)): (d["types"], d["count"]) for k, d in em.items()})
    tap.check(em[e("cpc", "psoe")]["first"] == "2018-05" and em[e("cpc", "psoe")]["role"] == "delegation" and
              em[e("cpc", "icapp")]["first"] == "2000", f"{what}: edge dates and attributes", em[e("cpc", "psoe")])


G = party_graph()
path = write("parties.json", json.dumps(json_graph.node_link_data(G)))
check_party_graph("node-link (links)", *read_back(path))
path = write("parties.graphml", "")
nx.write_graphml(G, path)
check_party_graph("GraphML (NetworkX)", *read_back(path))

# ---- node-link with "edges", integer ids -----------------------------------------

K = nx.karate_club_graph()
path = write("karate.json", json.dumps(json_graph.node_link_data(K, link="edges")))
got, err = read_back(path)
tap.check(set(got.nodes) == {str(v) for v in K.nodes}, "node-link (edges key): integer ids read as text")
same_edges("node-link (edges key)", got, [e(u, v) for u, v in K.edges],
           {e(u, v): d["weight"] for u, v, d in K.edges(data=True)})
tap.check(got.nodes["0"]["club"] == "Mr. Hi" and got.nodes["0"]["label"] == "0", "node-link: attributes, the id as name")

# ---- directed multigraphs ----------------------------------------------------------

M = nx.MultiDiGraph()
M.add_edge("a", "b", weight=1.0)
M.add_edge("a", "b", weight=2.0)
M.add_edge("b", "a", weight=3.0)
M.add_edge("b", "c")
got, err = read_back(write("multi.json", json.dumps(json_graph.node_link_data(M))))
em = edge_map(got)
tap.check(em[e("a", "b")]["weight"] == 6 and em[e("a", "b")]["count"] == 3 and len(em) == 2,
          "multigraph: parallel and opposite edges merge into one, weights summed", em)
tap.check("directions are dropped" in err and "parallel edges" in err, "directed multigraph: both warnings", err)

# ---- GraphML by python-igraph --------------------------------------------------------

g = ig.Graph([(0, 1), (1, 2), (0, 2), (2, 3)])
g.vs["name"] = ["Communist Party of Vietnam", "CPC", "Lao PRP", "Vietnam"]
g.vs["kind"] = ["party", "party", "party", "country"]
g.vs["founded"] = [1930, 1921, 1955, 0]
g.es["weight"] = [1.5, 2.0, 0.25, 1.0]
g.es["type"] = ["contact", "contact", "attended", "based_in"]
path = os.path.join(TMP.name, "igraph.graphml")
g.write_graphml(path)
want = nx.read_graphml(path)
got, err = read_back(path)
tap.check(set(got.nodes) == set(want.nodes), "GraphML (igraph): the node ids", (sorted(got.nodes), sorted(want.nodes)))
tap.check(all(got.nodes[v]["label"] == want.nodes[v]["name"] and got.nodes[v]["kind"] == want.nodes[v]["kind"]
              for v in want.nodes), "GraphML (igraph): igraph's name is the name, kind the kind")
tap.check(got.nodes["n1"]["founded"] == "1921", "GraphML (igraph): a year written as a real is a date",
          got.nodes["n1"].get("founded"))
same_edges("GraphML (igraph)", got, [frozenset(x) for x in want.edges],
           {frozenset((u, v)): d["weight"] for u, v, d in want.edges(data=True)})
tap.check(all(edge_map(got)[frozenset((u, v))]["types"] == d["type"] for u, v, d in want.edges(data=True)),
          "GraphML (igraph): edge types")

# ---- GraphML in Gephi's style ----------------------------------------------------------

GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:viz="http://www.gexf.net/1.3/viz">
  <key attr.name="label" attr.type="string" for="node" id="label"/>
  <key attr.name="Edge Label" attr.type="string" for="edge" id="edgelabel"/>
  <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
  <key attr.name="r" attr.type="int" for="node" id="r"/>
  <key attr.name="x" attr.type="float" for="node" id="x"/>
  <key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
  <key attr.name="region" attr.type="string" for="node" id="d0"><default>Europe</default></key>
  <key attr.name="ruling" attr.type="boolean" for="node" id="d1"/>
  <graph edgedefault="undirected">
    <node id="pcf">
      <data key="label">Parti communiste français</data>
      <data key="r">153</data><data key="x">-12.5</data>
      <data key="modularity_class">0</data><data key="d1">false</data>
      <viz:position x="-12.5" y="3.0"/>
    </node>
    <node id="kke">
      <data key="label">ΚΚΕ</data><data key="modularity_class">1</data><data key="d0">Balkans</data>
      <data key="d1">1</data>
    </node>
    <node id="pce"><data key="label">PCE &amp; IU</data><data key="modularity_class">0</data></node>
    <edge id="0" source="pcf" target="kke"><data key="weight">3.0</data><data key="edgelabel">met</data></edge>
    <edge id="1" source="kke" target="pce"><data key="weight">0.5</data></edge>
  </graph>
</graphml>
"""
path = write("gephi.graphml", GEPHI)
want = nx.read_graphml(path)
got, err = read_back(path)
tap.check(set(got.nodes) == set(want.nodes) and all(got.nodes[v]["label"] == want.nodes[v]["label"] for v in want),
          "GraphML (Gephi): ids and labels", [(v, got.nodes[v].get("label")) for v in got.nodes])
tap.check(all(got.nodes[v]["Modularity_Class"] == want.nodes[v]["Modularity Class"] for v in want),
          "GraphML (Gephi): 'Modularity Class' read as Modularity_Class")
tap.check([got.nodes[v]["region"] for v in ("kke", "pce", "pcf")] == ["Balkans", "Europe", "Europe"],
          "GraphML (Gephi): a key's default fills the nodes without it")
tap.check(got.nodes["kke"]["ruling"] is True and got.nodes["pcf"]["ruling"] is False, "GraphML (Gephi): booleans")
tap.check("x" not in got.nodes["pcf"] and got.nodes["pcf"]["r"] != 153 and "computes" in err, "GraphML (Gephi): Gephi's r, x ignored with a warning",
          err)
same_edges("GraphML (Gephi)", got, [frozenset(x) for x in want.edges],
           {frozenset((u, v)): d["weight"] for u, v, d in want.edges(data=True)})
tap.check(edge_map(got)[e("pcf", "kke")]["Edge_Label"] == "met", "GraphML (Gephi): edge attributes")

got, _ = read_back(write("order.graphml", '<graphml><graph><edge source="b" target="a"/><node id="a"/>'
                                          '<desc>x</desc><node id="b"/></graph></graphml>'))
tap.check(set(edge_map(got)) == {e("a", "b")}, "GraphML: an edge before its nodes")

# ---- partygraph's own GraphML, read back -----------------------------------------------

first = os.path.join(TMP.name, "cpc.graphml")
again = os.path.join(TMP.name, "cpc-again.graphml")
pgtest.run(BIN, "build", "-q", os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"), "--graphml", first)
proc = pgtest.run(BIN, "build", "-q", first, "--graphml", again)
a, b = nx.read_graphml(first), nx.read_graphml(again)
tap.check(set(a.nodes) == set(b.nodes), "partygraph's GraphML read back: the same nodes")
# A merged edge written out holds no direction yet, so the directed measures do not survive the round
# trip (issue 16: they should once the edges carry their direction).
DIRECTED = {"in_degree", "out_degree", "in_strength", "out_strength", "hub", "authority"}
diff = {v: {k for k in set(a.nodes[v]) | set(b.nodes[v]) if a.nodes[v].get(k) != b.nodes[v].get(k)} - {"sources"}
        - DIRECTED for v in a.nodes}
tap.check(not any(diff.values()), "partygraph's GraphML read back: every attribute and metric the same",
          {v: d for v, d in diff.items() if d})
ea, eb = edge_map(a), edge_map(b)
tap.check(set(ea) == set(eb), "partygraph's GraphML read back: the same edges")
bad = {tuple(sorted(k)): k2 for k in ea for k2 in ("weight", "types", "first", "last")
       if k in eb and ea[k].get(k2) != eb[k].get(k2)}
tap.check(not bad, "partygraph's GraphML read back: weights, types and dates of every edge", bad)

first = os.path.join(TMP.name, "cpc.nodelink.json")
pgtest.run(BIN, "build", "-q", os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"), "--nodelink", first,
           "--nodelink-key", "edges", "--layout", "none")
with open(first, encoding="utf-8") as f:
    a = json_graph.node_link_graph(json.load(f), link="edges")
b, _ = read_back(first)
diff = {v: {k for k in a.nodes[v] if a.nodes[v][k] != b.nodes[v].get(k)} - {"sources"} - DIRECTED for v in a.nodes}
tap.check(set(a.nodes) == set(b.nodes) and not any(diff.values()),
          "partygraph's node-link (edges key) read back: every node, attribute and metric the same",
          {v: d for v, d in diff.items() if d})
ea, eb = edge_map(a), edge_map(b)
bad = {tuple(sorted(k)): k2 for k in ea for k2 in ("weight", "types", "first", "last") if ea[k][k2] != eb.get(k, {}).get(k2)}
tap.check(set(ea) == set(eb) and not bad, "partygraph's node-link read back: the same edges, weights, types, dates", bad)

# ---- JSON Graph Format ----------------------------------------------------------------

JGF2 = {"graph": {"id": "g", "label": "Inter-party ties", "directed": False,
                  "nodes": {"cpc": {"label": "CPC", "metadata": {"kind": "party", "family": "communist"}},
                            "cpv": {"label": "CPV", "metadata": {"ruling": True}},
                            "icapp": {"label": "ICAPP", "metadata": {"kind": "mechanism"}}},
                  "edges": [{"source": "cpc", "target": "cpv", "relation": "contact", "metadata": {"weight": 2}},
                            {"source": "cpc", "target": "icapp", "relation": "member_of",
                             "metadata": {"date": "2004"}},
                            {"source": "cpv", "target": "icapp", "label": "joined",
                             "metadata": {"type": "member_of"}}]}}
for what, doc in (("JGF 2", JGF2), ("JGF 1 in graphs", {"graphs": [dict(JGF2["graph"], nodes=[
        dict(v, id=k) for k, v in JGF2["graph"]["nodes"].items()])]})):
    got, err = read_back(write("g.json", json.dumps(doc)))
    nodes = JGF2["graph"]["nodes"]
    tap.check({v: (got.nodes[v]["label"], got.nodes[v]["kind"]) for v in got.nodes} ==
              {k: (n["label"], n["metadata"].get("kind", "node")) for k, n in nodes.items()},
              f"{what}: nodes, labels as names, kinds from metadata")
    tap.check(got.nodes["cpc"]["family"] == "communist" and got.nodes["cpv"]["ruling"] is True,
              f"{what}: metadata members are attributes")
    want = {frozenset((x["source"], x["target"])): x for x in JGF2["graph"]["edges"]}
    same_edges(what, got, want, {k: x["metadata"].get("weight", 1) for k, x in want.items()})
    tap.check(all(edge_map(got)[k]["types"] == x.get("relation", x["metadata"].get("type")) for k, x in want.items()),
              f"{what}: relation (or metadata type) is the type")
    tap.check(edge_map(got)[e("cpv", "icapp")]["label"] == "joined" and edge_map(got)[e("cpc", "icapp")]["first"] == "2004",
              f"{what}: an edge's label and date")

# ---- Popolo ---------------------------------------------------------------------------

POPOLO = {
    "areas": [{"id": "ocd-division/country:es", "name": "Spain", "classification": "country", "iso3": "ESP"},
              {"id": "madrid", "name": "Madrid", "classification": "constituency"}],
    "organizations": [
        {"id": "party/psoe", "name": "Partido Socialista Obrero Español", "classification": "party",
         "founding_date": "1879-05-02", "area_id": "ocd-division/country:es",
         "identifiers": [{"scheme": "wikidata", "identifier": "Q173152"}]},
        {"id": "party/pce", "name": "Partido Comunista de España", "classification": "Political Party"},
        {"id": "si", "name": "Socialist International", "classification": "international",
         "founding_date": "1951"}],
    "memberships": [{"id": "m1", "member_id": "party/psoe", "organization_id": "si", "start_date": "1951",
                     "end_date": "2020-12", "role": "full member"},
                    {"person_id": "p1", "organization_id": "party/psoe"}],
    "persons": [{"id": "p1", "name": "Someone"}],
    "events": [{"id": "si-congress-2017", "name": "SI Congress", "start_date": "2017-03-02T09:00:00Z",
                "end_date": "2017-03-04", "organization_id": "si", "area_id": "ocd-division/country:es",
                "classification": "congress"}],
}
got, err = read_back(write("popolo.json", json.dumps(POPOLO)))
ids = {"ocd-division_country:es": "country", "party_psoe": "party", "party_pce": "party", "si": "mechanism",
       "si-congress-2017": "event", "p1": "person"}
tap.check({v: got.nodes[v]["kind"] for v in got.nodes} == ids, "Popolo: countries, parties (any case), mechanisms, "
          "events, persons; other areas are no nodes", {v: got.nodes[v]["kind"] for v in got.nodes})
p = got.nodes["party_psoe"]
tap.check(p["label"] == POPOLO["organizations"][0]["name"] and p["founded"] == "1879-05-02" and
          p["identifiers"] == "wikidata:Q173152" and p["country"] == "ocd-division_country:es" and
          p["original_id"] == "party/psoe", "Popolo: a party's name, founding date, identifiers, area", p)
ev = got.nodes["si-congress-2017"]
tap.check(ev["date"] == "2017-03-02" and ev["end"] == "2017-03-04" and ev["mechanism"] == "si" and ev["type"] == "congress",
          "Popolo: an event's dates (time cut), organization as mechanism, classification as type", ev)
tap.check(got.nodes["si"]["mechanism_kind"] == "international", "Popolo: a mechanism's classification is its kind")
em = edge_map(got)
m = em[e("party_psoe", "si")]
tap.check(m["types"] == "member_of" and m["first"] == "1951" and m["last"] == "2020-12" and m["role"] == "full member",
          "Popolo: an organization's membership is member_of, with its dates and role", m)
same_edges("Popolo", got, [e("party_psoe", "si"), e("party_psoe", "ocd-division_country:es"),
                           e("si-congress-2017", "si"), e("si-congress-2017", "ocd-division_country:es"),
                           e("p1", "party_psoe")])
tap.check(em[e("p1", "party_psoe")]["types"] == "belongs_to", "Popolo: a person's membership of a party is belongs_to")
tap.check("not countries" in err, "Popolo: a warning for the areas that are no nodes", err)

# ---- NDJSON ----------------------------------------------------------------------------

LINES = [
    {"format": "partygraph/1", "title": "Streamed"},
    {"type": "attended", "source": "cpv", "target": "ev1", "date": "2017-11-30"},  # before its ids
    {"kind": "country", "id": "vnm", "name": "Viet Nam", "iso3": "VNM"},
    {"kind": "party", "id": "cpv", "name": "Communist Party of Vietnam", "country": "vnm", "sources": ["s1"]},
    {"kind": "mechanism", "id": "wms", "name": "World Meeting", "mechanism_kind": "summit"},
    {"kind": "event", "id": "ev1", "name": "Meeting", "date": "2017-11-30", "mechanism": "wms"},
    {"kind": "source", "id": "s1", "title": "An article"},
    {"type": "contact", "source": "cpv", "target": "wms", "weight": 2.5},
]
text = "\n".join(json.dumps(x) for x in LINES[:4]) + "\n\n  \n" + "\n".join(json.dumps(x) for x in LINES[4:])
path = write("data.ndjson", text)  # no newline at the end
got, err = read_back(path)
ents = [x for x in LINES if "kind" in x and x["kind"] != "source"]
tap.check({v: (got.nodes[v]["label"], got.nodes[v]["kind"]) for v in got.nodes} ==
          {x["id"]: (x["name"], x["kind"]) for x in ents}, "NDJSON: one entity per line", sorted(got.nodes))
want = {frozenset((x["source"], x["target"])): x.get("weight", 1) for x in LINES if "type" in x}
want.update({e("cpv", "vnm"): 1, e("ev1", "wms"): 1})
same_edges("NDJSON", got, want, want)
tap.check(got.nodes["wms"]["mechanism_kind"] == "summit" and got.nodes["cpv"]["sources"] == "s1" and err == "",
          "NDJSON: mechanism_kind, sources, relations before their entities")
got2, _ = read_back("-", stdin=gzip.compress(text.encode()))
tap.check(nx.utils.graphs_equal(got, got2), "NDJSON: gzip'ed on standard input, the same network")

# ---- gzip, stdin, --input-format --------------------------------------------------------

nl = json.dumps(json_graph.node_link_data(K))
plain, _ = read_back(write("k.json", nl))
zipped, _ = read_back(write("k.json.gz", gzip.compress(nl.encode()), "wb"))
piped, _ = read_back("-", stdin=nl.encode())
tap.check(nx.utils.graphs_equal(plain, zipped) and nx.utils.graphs_equal(plain, piped),
          "node-link: gzip'ed and on standard input, the same network")
piped, _ = read_back("-", stdin=gzip.compress(GEPHI.encode()))
tap.check(set(piped.nodes) == {"pcf", "kke", "pce"}, "GraphML gzip'ed on standard input")
example = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
with open(example, "rb") as f:
    a, _ = read_back("-", stdin=f.read())
b, _ = read_back(example)
entities = sum(len(pgtest.load_example("cpc-interparty.json").get(k, []))
               for k in ("countries", "parties", "mechanisms", "events", "persons"))
tap.check(nx.utils.graphs_equal(a, b) and len(a) == entities, "partygraph/1 on standard input is still detected",
          f"{len(a)} nodes, {entities} entities")
proc = pgtest.run(BIN, "validate", "--input-format", "partygraph", path_k := os.path.join(TMP.name, "k.json"),
                  check=False)
tap.check(proc.returncode == 1 and b"unknown top-level key \"links\"" in proc.stderr and
          b"$.nodes[0].id: expected an id string" in proc.stderr,
          "--input-format partygraph forces the partygraph/1 reader (`nodes` are its generic nodes)", proc.stderr)
status, err = fails(path_k, "--input-format", "graphml")
tap.check(status == 1 and "--input-format graphml, but this is not GraphML (it looks like node-link JSON)" in err,
          "--input-format graphml on JSON: a mismatch error", err)
status, err = fails(os.path.join(TMP.name, "gephi.graphml"), "--input-format", "nodelink")
tap.check(status == 1 and "this is not node-link JSON (it looks like GraphML)" in err, "--input-format nodelink on GraphML",
          err)
status, err = fails(path_k, "--input-format", "popolo")
tap.check(status == 0 and "valid partygraph/1 (read from popolo): 0 entities" in pgtest.run(
    BIN, "validate", path_k, "--input-format", "popolo").stdout.decode(), "--input-format popolo reads what it can")
status, err = fails(path_k, "--input-format", "xml")
tap.check(status == 2 and "--input-format must be" in err, "an unknown --input-format is a usage error", err)

# ---- errors ------------------------------------------------------------------------------

ERRORS = [  # (name, file text, expected lines of stderr (regular expressions))
    ("syntax.json", '{"nodes": [{"id": 1},\n  {"id": 2,}], "links": []}',
     [r"syntax.json:2:12: trailing comma before a closing bracket"]),
    ("noid.json", '{"nodes": [{"name": "x"}, {"id": true}], "links": []}',
     [r"noid.json:1:12: \$\.nodes\[0\]\.id: missing id", r"noid.json:1:34: \$\.nodes\[1\]\.id: expected an id .*got true"]),
    ("unknown.json", '{"nodes": [{"id": "a"}, {"id": "b", "kind": "people"}], '
                     '"links": [{"source": "a", "target": "z"}, {"source": "a", "target": "b"}]}',
     [r"\$\.nodes\[1\]\.kind: warning: kind \"people\" is not one of partygraph's .*: read as the generic kind "
      r"\"node\"", r"\$\.links\[0\]\.target: unknown node \"z\""]),
    ("dup.json", '{"nodes": [{"id": "a b"}, {"id": "a_b"}, {"id": "a_b"}], "links": [{"source": "a", "target": "a"}]}',
     [r"dup\.json:1:12: warning: node id \"a b\" is read as \"a_b_2\": \"a_b\" is another node's id",
      r"\$\.nodes\[2\]: duplicate node id \"a_b\"", r"\$\.links\[0\]\.source: unknown node \"a\""]),
    ("weight.json", '{"nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b", "weight": 0}]}',
     [r"\$\.links\[0\]\.weight: weight must be a positive number"]),
    ("jgf.json", '{"graphs": [{"nodes": {}}, {"nodes": {}}]}', [r"holds 2 graphs; partygraph reads one"]),
    ("bad.graphml", '<?xml version="1.0"?>\n<graphml>\n<graph>\n<node id="a">\n</graph>\n</graphml>\n',
     [r"bad.graphml:5:9: XML: Opening and ending tag mismatch: node line 4 and graph"]),
    ("hyper.graphml", '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n<graph edgedefault="directed">\n'
                      '<node id="a"/><node id="b"/>\n<hyperedge><endpoint node="a"/><endpoint node="b"/></hyperedge>\n'
                      '</graph></graphml>',
     [r"hyper.graphml:2: graphml/graph: warning: a directed graph", r"hyper.graphml:4: graphml/graph: a <hyperedge>"]),
    ("typed.graphml", '<graphml>\n<key id="d0" for="node" attr.name="seats" attr.type="int"/>\n<graph>\n'
                      '<node id="a"><data key="d0">12.5</data></node>\n<node id="b"><data key="d9">x</data></node>\n'
                      '<edge source="a" target="c"/>\n</graph></graphml>',
     [r"typed.graphml:4: graphml/graph/node\[0\]/seats: expected an integer .*got \"12.5\"",
      r"typed.graphml:5: graphml/graph/node\[1\]/data: <data> of an undeclared key \"d9\"",
      r"typed.graphml:6: graphml/graph/edge\[0\]/target: unknown node \"c\""]),
    ("two.graphml", '<graphml>\n<graph><node id="a"/></graph>\n<graph><node id="b"/></graph>\n</graphml>',
     [r"two.graphml:3: graphml: more than one <graph>: partygraph reads one"]),
    ("graph.gexf", '<?xml version="1.0"?>\n<gexf xmlns="http://gexf.net/1.3"><graph><edges>\n<edge source="a"/>'
                   '</edges></graph></gexf>',
     [r"graph.gexf:3: gexf/graph/edges/edge\[0\]: an <edge> without a target"]),
    ("lines.ndjson", '{"kind": "party", "id": "a", "name": "A"}\n{"kind": "party", "id": "b" "name": "B"}\n'
                     '{"kind": "people", "id": "c"}\n{"id": "d"}\n{"kind": "party", "id": "a", "name": "A2"}\n'
                     '[1]\n{"type": "contact", "source": "a", "target": "b", "weight": "heavy"}\n',
     [r"lines.ndjson:2:29: expected ',' or '}' after an object member",
      r"lines.ndjson:3:10: \$\.kind: kind \"people\" is not one of country, party, mechanism, event, person, node, "
      r"source",
      r"lines.ndjson:4: a line needs \"kind\"", r"lines.ndjson:5:25: \$\.id: duplicate id \"a\": already used on line 1",
      r"lines.ndjson:6: expected an object, got an array", r"lines.ndjson:7:61: \$\.weight: expected a number"]),
    ("refs.ndjson", '{"kind": "party", "id": "a", "name": "A", "country": "a"}\n\n'
                    '{"type": "contact", "source": "a", "target": "zz"}\n{"type": "contact", "source": "a", "target": "a"}\n',
     [r"refs.ndjson:1:54: \$\.country: \"a\" is a party, which \"country\" cannot name",
      r"refs.ndjson:3:46: \$\.target: unknown id \"zz\"", r"refs.ndjson:4: warning: relation from \"a\" to itself"]),
]
for name, text, expected in ERRORS:
    status, err = fails(write(name, text))
    lines = err.splitlines()
    missing = [x for x in expected if not any(re.search(x, line) for line in lines)]
    tap.check(status == 1 and not missing, f"errors: {name}", f"exit {status}; missing {missing}; got:\n{err}")
status, err = fails("-", stdin=gzip.compress(b'{"kind": "party", "id": "a", "name": "A"}\n{"kind": 1}\n'))
tap.check(status == 1 and "<stdin>:2:10: $.kind: kind a number (1) is not one of" in err,
          "NDJSON gzip'ed on standard input: errors by line and column", err)
status, err = fails(write("cut.json.gz", gzip.compress(b'{"nodes": [], "links": []}')[:-6], "wb"))
tap.check(status == 3 and "corrupt gzip data" in err, "a truncated gzip file", err)
big = "".join(json.dumps({"kind": "party", "id": f"p{i}", "name": f"Party {i}", "note": "x" * 60}) + "\n"
              for i in range(2000)).encode()
status, err = fails("-", stdin=gzip.compress(big)[:-200])
tap.check(status == 3 and "corrupt gzip data" in err, "NDJSON: a gzip stream cut after the first 64 KiB", err)
status, err = fails("-", stdin=gzip.compress(big))
tap.check(status == 0, "NDJSON: 2,000 lines streamed from standard input", err)
for name, text, want in [("nosource.graphml", '<graphml><graph><node id="a"/><edge target="a"/></graph></graphml>',
                          "graphml/graph/edge[0]: an <edge> without a source"),
                         ("notarget.graphml", '<graphml><graph><node id="a"/><edge source="a"/></graph></graphml>',
                          "graphml/graph/edge[0]: an <edge> without a target"),
                         ("noid.graphml", '<graphml><graph><node/><node id="a"/></graph></graphml>',
                          "graphml/graph/node[0]: a <node> without an id")]:
    status, err = fails(write(name, text))
    tap.check(status == 1 and want in err, f"GraphML: {want.split(': ')[1]} is an error (no crash)", f"exit {status}: {err}")
longline = (json.dumps({"kind": "party", "id": "a", "name": "x" * 70000}) + "\n" +
            json.dumps({"kind": "party", "id": "b", "name": "B"}) + "\n")
status, err = fails(write("long.ndjson", longline))
tap.check(status == 0 and "(read from ndjson)" in pgtest.run(BIN, "validate", os.path.join(TMP.name, "long.ndjson")).stdout.decode(),
          "NDJSON whose first line is longer than the bytes looked at is still NDJSON", err)
fifo = os.path.join(TMP.name, "fifo")
os.mkfifo(fifo)
with open(os.path.join(pgtest.ROOT, "examples", "minimal.json"), "rb") as f:
    minimal = f.read()
writer = subprocess.Popen(["sh", "-c", f"cat > '{fifo}'"], stdin=subprocess.PIPE)
proc = subprocess.Popen([BIN, "validate", fifo], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
writer.communicate(minimal)
try:
    out_, err_ = proc.communicate(timeout=20)
    ok = proc.returncode == 0 and b"valid partygraph/1" in out_
except subprocess.TimeoutExpired:
    proc.kill()
    ok, err_ = False, b"hung"
tap.check(ok, "a named pipe (FIFO) of partygraph/1 is read once, not opened twice", err_.decode())
proc = pgtest.run(BIN, "validate", "/dev/stdin", stdin=minimal, check=False)
tap.check(proc.returncode == 0 and b"valid partygraph/1" in proc.stdout, "/dev/stdin on a pipe: its bytes read once",
          proc.stderr.decode())
out = os.path.join(TMP.name, "never")
proc = pgtest.run(BIN, "build", os.path.join(TMP.name, "unknown.json"), "-o", out, check=False)
tap.check(proc.returncode == 1 and not os.path.exists(out), "a bad input writes nothing")

tap.done()
