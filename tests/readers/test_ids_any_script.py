"""Ids and attribute names in any script (docs/input.md, "Ids").

A partygraph/1 file with ids in Chinese, Cyrillic, Arabic and Devanagari,
"Zoë" beside "Zoé" and a "Zoë" written with a combining mark, and attribute
names in Chinese and Russian: it is valid, and every output keeps the ids as
they are, as its own consumer reads them back (NetworkX for GraphML and
node-link, ElementTree and xmllint for GraphML and GEXF, Graphviz for DOT,
Python's csv and json, Chromium for report.html's #select=ID); `ego ID`,
`path A B`, `--exclude` and `--where` take them. The 200-character limit counts
characters; a bad id is refused with its position and a one-line message
whose suggestion keeps the letters.

Then files other tools write (NetworkX: node-link, GraphML, GEXF,
Cytoscape.js; python-igraph: GraphML, GML) with "3887118," beside
"3887118", "a b" and "a  b" beside "a_b" (each rewrite first, the own id
later), "Zoë" and "Zoé": partygraph reads as many nodes and edges as
NetworkX or igraph, every node's original id (its `original_id`, else its
id) is one of theirs, own ids keep theirs, rewrites take the suffixes _2,
_3 in file order, and one warning names the first.

    /usr/bin/python3 tests/readers/test_ids_any_script.py BUILD/partygraph"""
import csv
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET

import igraph as ig
import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgids-")
tap = pgtest.Tap()
XSD = os.path.join(pgtest.SCHEMAS, "graphml", "graphml.xsd")
RNG = os.path.join(pgtest.SCHEMAS, "gexf", "1.3", "gexf.rng")
CHROMIUM = "/usr/bin/chromium"
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
GEXF_NS = "{http://gexf.net/1.3}"

# XML 1.0 (fifth edition) NameChar, productions [4] and [4a], as the spec
# writes its ranges.
NAME_CHARS = [(0x3A, 0x3A), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF),
              (0x370, 0x37D), (0x37F, 0x1FFF), (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF),
              (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
              (0x2D, 0x2D), (0x2E, 0x2E), (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)]


def is_id(s):
    """partygraph's id rule: 1-200 characters, each an XML NameChar."""
    return 1 <= len(s) <= 200 and all(any(lo <= ord(c) <= hi for lo, hi in NAME_CHARS) for c in s)


def path(name):
    return os.path.join(TMP.name, name)


def write_json(name, data):
    with open(path(name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path(name)


def read_csv(p):
    with open(p, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---- partygraph/1 in any script ------------------------------------------------

ZOE_COMBINING = "Zoe\u0308"
COUNTRIES = ["北京", "Москва", "مصر"]
PARTIES = ["Zoë", "Zoé", ZOE_COMBINING, "भाजपा", "中国共产党", "Единая_Россия"]
IDS = COUNTRIES + PARTIES
DATASET = {
    "format": "partygraph/1",
    "countries": [{"id": c, "name": f"country {i}"} for i, c in enumerate(COUNTRIES)],
    "parties": [{"id": p, "name": f"party {i}", "country": COUNTRIES[i % 3], "名前": f"名{i % 2}", "имя": p}
                for i, p in enumerate(PARTIES)],
    "relations": [{"type": "会谈", "source": a, "target": b}
                  for a, b in [("Zoë", "Zoé"), ("Zoé", ZOE_COMBINING), ("भाजपा", "中国共产党"), ("中国共产党", "Zoë"),
                               ("Единая_Россия", "中国共产党")]],
}
# the edges as pairs, the structural ties (a party's country) included
EDGES = {frozenset((r["source"], r["target"])) for r in DATASET["relations"]} | \
    {frozenset((p["id"], p["country"])) for p in DATASET["parties"]}


def check_valid():
    data = write_json("scripts.json", DATASET)
    proc = pgtest.run(BIN, "validate", data, check=False)
    tap.check(proc.returncode == 0 and proc.stderr == b"", "partygraph/1: ids and attribute names in five scripts, "
              "and a combining mark, are valid", proc.stderr.decode(errors="replace"))
    out = path("out")
    proc = pgtest.run(BIN, "build", "-q", data, "-o", out, "--formats",
                      "graphml,dot,csv,json,gexf,nodelink,cytoscape,html", check=False)
    return data, out if proc.returncode == 0 else None


def check_csv(out):
    nodes, edges = read_csv(os.path.join(out, "nodes.csv")), read_csv(os.path.join(out, "edges.csv"))
    tap.check(sorted(n["id"] for n in nodes) == sorted(IDS), "nodes.csv: the ids as they are",
              sorted(n["id"] for n in nodes))
    tap.check({frozenset((e["source"], e["target"])) for e in edges} == EDGES, "edges.csv: the ends as they are")
    want = {p["id"]: (p["名前"], p["имя"]) for p in DATASET["parties"]}
    got = {n["id"]: (n.get("名前"), n.get("имя")) for n in nodes if n["kind"] == "party"}
    tap.check(got == want, "nodes.csv: the attributes 名前 and имя under their own names", got)
    tap.check("ties_会谈" in nodes[0], "nodes.csv: relations of type 会谈 counted in ties_会谈", list(nodes[0])[-6:])


def check_graphml(out):
    p = os.path.join(out, "graph.graphml")
    reason = pgtest.shared_missing("schemas", "graphml", "graphml.xsd")
    if reason:
        tap.skip("graph.graphml is valid against the GraphML XSD", reason)
    else:
        proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", XSD, p], capture_output=True)
        tap.check(proc.returncode == 0, "graph.graphml is valid against the GraphML XSD", proc.stderr.decode()[:400])
    G = nx.read_graphml(p)
    tap.check(set(G) == set(IDS) and {frozenset(e) for e in G.edges()} == EDGES,
              "graph.graphml: NetworkX reads the same ids and edges", sorted(G))
    tap.check(all(G.nodes[p["id"]].get("名前") == p["名前"] for p in DATASET["parties"]),
              "graph.graphml: NetworkX reads 名前 under its name")


def check_gexf(out):
    p = os.path.join(out, "graph.gexf")
    reason = pgtest.shared_missing("schemas", "gexf", "1.3", "gexf.rng")
    if reason:
        tap.skip("graph.gexf is valid against the GEXF 1.3 schema", reason)
    else:
        proc = subprocess.run(["xmllint", "--noout", "--nonet", "--relaxng", RNG, p], capture_output=True)
        tap.check(proc.returncode == 0, "graph.gexf is valid against the GEXF 1.3 schema", proc.stderr.decode()[:400])
    root = ET.parse(p).getroot()
    ids = {n.get("id") for n in root.iter(GEXF_NS + "node")}
    ends = {frozenset((e.get("source"), e.get("target"))) for e in root.iter(GEXF_NS + "edge")}
    titles = {a.get("title") for a in root.iter(GEXF_NS + "attribute")}
    tap.check(ids == set(IDS) and ends == EDGES and {"名前", "имя"} <= titles,
              "graph.gexf: ElementTree reads the same node ids, edge ends and attribute titles", sorted(ids))


def check_dot(out):
    proc = subprocess.run(["dot", "-Tsvg", os.path.join(out, "graph.dot")], capture_output=True)
    if not tap.check(proc.returncode == 0 and proc.stderr == b"", "graph.dot: Graphviz parses it silently",
                     proc.stderr.decode(errors="replace")[:400]):
        return
    svg = ET.fromstring(proc.stdout)
    ns = "{http://www.w3.org/2000/svg}"
    titles = {g.get("class"): [] for g in svg.iter(ns + "g")}
    for g in svg.iter(ns + "g"):
        t = g.find(ns + "title")
        if t is not None and g.get("class") in ("node", "edge"):
            titles[g.get("class")].append(t.text)
    edges = {frozenset(t.split("--")) for t in titles.get("edge", [])}
    tap.check(set(titles.get("node", [])) == set(IDS) and edges == EDGES,
              "graph.dot: Graphviz's nodes and edges have the same ids", titles.get("node"))


def check_json(out):
    G = json_graph.node_link_graph(pgtest.read_json(os.path.join(out, "graph.nodelink.json")))
    tap.check(set(G) == set(IDS) and {frozenset(e) for e in G.edges()} == EDGES,
              "graph.nodelink.json: NetworkX reads the same ids and edges", sorted(G))
    cy = pgtest.read_json(os.path.join(out, "graph.cyjs"))["elements"]
    tap.check({n["data"]["id"] for n in cy["nodes"]} == set(IDS)
              and {frozenset((e["data"]["source"], e["data"]["target"])) for e in cy["edges"]} == EDGES,
              "graph.cyjs: the same ids and edge ends")
    summary = json.dumps(pgtest.read_json(os.path.join(out, "summary.json")), ensure_ascii=False)
    tap.check("中国共产党" in summary, "summary.json: its top lists name ids in any script")


def dump(page, fragment):
    url = pathlib.Path(page).as_uri() + "#" + fragment
    proc = subprocess.run([CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={path('chromium')}", "--dump-dom", url], capture_output=True, timeout=120)
    return proc.stdout.decode("utf-8")


def check_report(out):
    what = "report.html: #select=中国共产党 (percent-encoded) selects it: the panel gives its id"
    if not os.path.exists(CHROMIUM):
        tap.skip(what, f"{CHROMIUM} is absent")
        return
    page = os.path.join(out, "report.html")
    dom = dump(page, "select=" + urllib.parse.quote("中国共产党", safe=""))
    panel = re.search(r'<[^>]*id="pg-details"[^>]*>(.*?)</aside>|<[^>]*id="pg-details"[^>]*>(.*)', dom, re.S)
    text = panel.group(0) if panel else ""
    cells = re.findall(r"<dt>([^<]*)</dt>\s*<dd>([^<]*)</dd>", text)
    tap.check(("id", "中国共产党") in cells and "hidden" not in text[:200], what, cells[:6])


def check_commands(data):
    ego = path("ego")
    proc = pgtest.run(BIN, "ego", "-q", data, "中国共产党", "-o", ego, check=False)
    got = pgtest.read_json(os.path.join(ego, "ego.json"))["ego"]["id"] if proc.returncode == 0 else None
    tap.check(got == "中国共产党", "ego 中国共产党: the ego is found and named by its id",
              proc.stderr.decode(errors="replace"))
    proc = pgtest.run(BIN, "path", data, "中国共产党", "北京", check=False)
    want = nx.shortest_path_length(nx.Graph(tuple(e) for e in EDGES), "中国共产党", "北京")
    tap.check(proc.returncode == 0 and f"of length {want}:" in proc.stdout.decode() and "(北京)" in proc.stdout.decode(),
              f"path 中国共产党 北京: found, of length {want} as NetworkX counts it",
              proc.stdout.decode() + proc.stderr.decode())
    out = path("excluded")
    pgtest.run(BIN, "build", "-q", data, "-o", out, "--formats", "csv", "--exclude", "北京,Zoë")
    ids = {n["id"] for n in read_csv(os.path.join(out, "nodes.csv"))}
    tap.check(ids == set(IDS) - {"北京", "Zoë"}, "--exclude 北京,Zoë leaves out exactly those two", sorted(ids))
    out = path("where")
    pgtest.run(BIN, "build", "-q", data, "-o", out, "--formats", "csv", "--where", "名前=名1")
    ids = {n["id"] for n in read_csv(os.path.join(out, "nodes.csv"))}
    tap.check(ids == {p["id"] for p in DATASET["parties"] if p["名前"] == "名1"},
              "--where 名前=名1 keeps exactly the parties with that value", sorted(ids))


def refused(name, text):
    p = path(name)
    with open(p, "wb") as f:
        f.write(text)
    proc = pgtest.run(BIN, "validate", p, check=False)
    return proc, proc.stderr.decode("utf-8", errors="strict")


def one_party(ident):
    return json.dumps({"format": "partygraph/1", "parties": [{"id": ident, "name": "x"}]},
                      ensure_ascii=False).encode()


def check_limits():
    proc = pgtest.run(BIN, "validate", write_json("long.json", json.loads(one_party("北" * 200))), check=False)
    tap.check(proc.returncode == 0, "an id of 200 Chinese characters (600 bytes) is valid", proc.stderr.decode())
    proc, err = refused("longer.json", one_party("北" * 201))
    tap.check(proc.returncode == 1 and re.search(r"longer\.json:1:\d+: \$\.parties\[0\]\.id: \"北{60}\.\.\.\" is not a "
                                                 r"valid id: use 1-200 letters or digits of any script", err)
              and err.count("is not a valid id") == 1,
              "201 characters are refused at FILE:LINE:COL, the id quoted whole characters at a time", err)
    proc, err = refused("space.json", one_party("北京 市; Zoë"))
    tap.check(proc.returncode == 1 and 'is not a valid id' in err and '(for example "北京_市_Zoë")' in err,
              "an id with a space and ; is refused; the suggested id keeps every script's letters", err)
    proc, err = refused("bad-utf8.json", b'{"format": "partygraph/1", "parties": [{"id": "Zo\xc3", "name": "x"}]}')
    tap.check(proc.returncode == 1 and re.search(r"bad-utf8\.json:1:\d+: ", err) is not None,
              "invalid UTF-8 in an id is refused with its position", err)


# ---- files other tools write -----------------------------------------------------

# file order: each rewrite comes before the own id it meets
FOREIGN = ["3887118,", "3887118", "a b", "a  b", "a_b", "Zoë", "Zoé", "北京", "Москва"]
FOREIGN_EDGES = [("3887118,", "3887118"), ("a b", "a_b"), ("a  b", "Zoë"), ("Zoé", "北京"), ("北京", "Москва"),
                 ("3887118", "Москва")]
# what partygraph gives each: own ids keep theirs, rewrites take _2, _3 in file order
WANT_IDS = {"3887118,": "3887118_2", "a b": "a_b_2", "a  b": "a_b_3"}


def foreign_graph():
    G = nx.Graph()
    for n in FOREIGN:
        G.add_node(n, kind="party", 名前=f"名 {n}")
    G.add_edges_from(FOREIGN_EDGES)
    return G


def read_foreign(p):
    out = p + ".out.json"
    proc = pgtest.run(BIN, "build", "-q", p, "--nodelink", out, "--layout", "none", check=False)
    if proc.returncode != 0:
        return None, proc.stderr.decode(errors="replace")
    return pgtest.read_json(out), proc.stderr.decode()


def check_foreign(what, p, want, own_ids=True):
    """partygraph's reading of foreign file `p` against `want`, the graph
    NetworkX or igraph reads from it (node ids as strings)."""
    got, err = read_foreign(p)
    if not tap.check(got is not None, f"{what}: read", err):
        return
    nodes = got["nodes"]
    pg_ids = [n["id"] for n in nodes]
    original = {original_id(n): n["id"] for n in nodes}
    tap.check(len(nodes) == want.number_of_nodes() and len(got["links"]) == want.number_of_edges(),
              f"{what}: as many nodes and edges as the other tool reads "
              f"({want.number_of_nodes()}, {want.number_of_edges()})", (len(nodes), len(got["links"])))
    tap.check(set(original) == {str(n) for n in want} and len(set(pg_ids)) == len(pg_ids)
              and all(is_id(i) for i in pg_ids),
              f"{what}: each node's original id is one of theirs, its partygraph id valid and its own",
              sorted(set(original) ^ {str(n) for n in want}))
    ends = {frozenset((original_of(nodes, l["source"]), original_of(nodes, l["target"]))) for l in got["links"]}
    tap.check(ends == {frozenset((str(u), str(v))) for u, v in want.edges()}, f"{what}: the same edges")
    if not own_ids:
        return
    expected = {n: WANT_IDS.get(n, n) for n in FOREIGN}
    tap.check(original == expected, f"{what}: own ids (3887118, a_b, Zoë, Zoé, 北京) keep theirs; \"3887118,\", "
              "\"a b\", \"a  b\" become 3887118_2, a_b_2, a_b_3", {k: v for k, v in original.items() if expected.get(k) != v})
    lines = [l for l in err.splitlines() if "first free suffix" in l]
    tap.check(len(lines) == 1 and '"3887118," is read as "3887118_2"' in lines[0]
              and re.match(r"partygraph: [^:]+:\d+(:\d+)?: warning: ", lines[0]),
              f"{what}: one warning, at its place, names the first suffixed id", err)
    tap.check(all(n.get("名前") == f"名 {original_id(n)}" for n in nodes),
              f"{what}: the attribute 名前 under its own name")


def original_id(n):
    """A node's id in the file read: its original_id, else its id."""
    return n["id"] if n.get("original_id") is None else n["original_id"]


def original_of(nodes, ident):
    return next(original_id(n) for n in nodes if n["id"] == ident)


def check_foreign_files():
    G = foreign_graph()
    nl = path("networkx.nodelink.json")
    with open(nl, "w", encoding="utf-8") as f:
        json.dump(json_graph.node_link_data(G), f, ensure_ascii=False)
    check_foreign("NetworkX node-link", nl, json_graph.node_link_graph(pgtest.read_json(nl)))
    gm = path("networkx.graphml")
    nx.write_graphml(G, gm)
    check_foreign("NetworkX GraphML", gm, nx.read_graphml(gm))
    gx = path("networkx.gexf")
    nx.write_gexf(G, gx)
    check_foreign("NetworkX GEXF", gx, nx.read_gexf(gx))
    cy = path("networkx.cyjs")
    with open(cy, "w", encoding="utf-8") as f:
        json.dump(nx.cytoscape_data(G), f, ensure_ascii=False)
    check_foreign("NetworkX Cytoscape.js", cy, nx.cytoscape_graph(pgtest.read_json(cy)))
    check_igraph(G)
    check_no_letters()


def check_no_letters():
    """Ids with no letter or digit, which NetworkX reads, are read as x,
    then x_2, ... (the own ids x and x_3, the latter further on, keeping
    theirs)."""
    ids = [",,,", "x", "", " ", "x_3"]
    G = nx.Graph()
    G.add_nodes_from(ids)
    G.add_edge(",,,", "")
    p = path("no-letters.json")
    with open(p, "w", encoding="utf-8") as f:
        json.dump(json_graph.node_link_data(G), f, ensure_ascii=False)
    got, err = read_foreign(p)
    original = {original_id(n): n["id"] for n in got["nodes"]} if got else {}
    tap.check(original == {",,,": "x_2", "x": "x", "": "x_4", " ": "x_5", "x_3": "x_3"} and len(got["links"]) == 1,
              "ids with no letter or digit (\",,,\", \"\", \" \") are read as x_2, x_4, x_5 beside the own ids x "
              "and x_3 (further on)",
              f"{original} {err}")


def igraph_as_networkx(g, key):
    """The graph python-igraph read, with key(vertex) as node ids."""
    H = nx.Graph()
    H.add_nodes_from(key(v) for v in g.vs)
    H.add_edges_from((key(g.vs[e.source]), key(g.vs[e.target])) for e in g.es)
    return H


def check_igraph(G):
    """python-igraph's files name nodes n0, n1 (GraphML) or 0, 1 (GML),
    its names then attributes: the counts, edges and ids are compared."""
    g = ig.Graph.from_networkx(G, vertex_attr_hashable="name")
    gm = path("igraph.graphml")
    g.write_graphml(gm)
    back = ig.Graph.Read_GraphML(gm)
    check_foreign("python-igraph GraphML", gm, igraph_as_networkx(back, lambda v: v["id"]), own_ids=False)
    gml = path("igraph.gml")
    g.write_gml(gml)
    back = ig.Graph.Read_GML(gml)
    check_foreign("python-igraph GML", gml, igraph_as_networkx(back, lambda v: str(int(v["id"]))), own_ids=False)


def main():
    data, out = check_valid()
    if out is not None:  # (else the check above failed)
        for check in (check_csv, check_graphml, check_gexf, check_dot, check_json, check_report):
            check(out)
        check_commands(data)
    check_limits()
    check_foreign_files()
    tap.done()


main()
