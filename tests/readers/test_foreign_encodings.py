"""Foreign files in other encodings and dialects (issue 18).

UTF-16 and UTF-32 with a byte order mark: NetworkX writes node-link JSON
and GraphML with encoding='utf-16'/'utf-32' (both byte orders) here, and
partygraph's network of each is compared with what NetworkX reads from the
same file; a malformed file is refused at the line:column of the bad
character, counted in Python on the original text.

    /usr/bin/python3 tests/readers/test_foreign_encodings.py BUILD/partygraph"""
import codecs
import gzip
import json
import os
import re
import sys
import tempfile

import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgforeign-")
tap = pgtest.Tap()


def path_of(name):
    return os.path.join(TMP.name, name)


def read_back(path, *extra, stdin=None):
    """partygraph's network of `path` as NetworkX reads its node-link JSON,
    and partygraph's stderr."""
    out = path_of("out.json")
    proc = pgtest.run(BIN, "build", "-q", path, "--nodelink", out, "--layout", "none", *extra, stdin=stdin,
                      check=False)
    if proc.returncode != 0:  # the checks then fail one by one
        return nx.Graph(), proc.stderr.decode()
    with open(out, encoding="utf-8") as f:
        return json_graph.node_link_graph(json.load(f)), proc.stderr.decode()


def fails(path, *extra, stdin=None):
    """(exit status, stderr) of `validate` on a bad input."""
    proc = pgtest.run(BIN, "validate", path, *extra, stdin=stdin, check=False)
    return proc.returncode, proc.stderr.decode()


def scripts_graph():
    """Names in several scripts, one beyond the BMP (a surrogate pair in UTF-16)."""
    G = nx.Graph()
    G.add_node("cpc", kind="party", name="中国共产党", seats=2977, share=0.5, ruling=True)
    G.add_node("psoe", kind="party", name="Partido Socialista Obrero Español", family="socialdémocrate")
    G.add_node("kke", kind="party", name="Κομμουνιστικό Κόμμα Ελλάδας", motto="𝔓𝔞𝔯𝔱𝔶 🎉")
    G.add_node("icapp", kind="mechanism", name="ICAPP")
    G.add_edge("cpc", "psoe", weight=2.5, note="délégation")
    G.add_edge("kke", "cpc", weight=1.0, note="会谈 🤝")
    G.add_edge("icapp", "psoe")
    return G


def same_network(what, got, want, err):
    """partygraph's network against NetworkX's reading of the same file."""
    tap.check(set(got.nodes) == set(want.nodes), f"{what}: the same nodes", sorted(got.nodes))
    tap.check({frozenset(e) for e in got.edges} == {frozenset(e) for e in want.edges}, f"{what}: the same edges",
              sorted(map(sorted, got.edges)))
    bad = {v: (got.nodes[v].get("label"), d.get("name")) for v, d in want.nodes(data=True)
           if v in got and got.nodes[v].get("label") != d.get("name")}
    tap.check(not bad, f"{what}: names in every script, astral characters too", bad)
    keys = ("seats", "share", "ruling", "family", "motto")
    bad = {(v, k): (got.nodes[v].get(k), d[k]) for v, d in want.nodes(data=True) for k in keys
           if k in d and v in got and got.nodes[v].get(k) != d[k]}
    tap.check(not bad, f"{what}: attributes kept", bad)
    notes = {frozenset((u, v)): d.get("note") for u, v, d in got.edges(data=True)}
    want_notes = {frozenset((u, v)): d.get("note") for u, v, d in want.edges(data=True)}
    tap.check(notes == want_notes, f"{what}: edge attributes kept", notes)
    tap.check(err == "", f"{what}: a byte order mark is not a leniency (no warning)", err)


G = scripts_graph()

# ---- node-link JSON -------------------------------------------------------------
for enc in ("utf-16", "utf-16-be", "utf-32", "utf-32-be"):
    p = path_of(f"nodelink-{enc}.json")
    with open(p, "w", encoding=enc) as f:
        if not enc.endswith("-be"):
            json.dump(json_graph.node_link_data(G), f, ensure_ascii=False, indent=1)
        else:  # Python writes no BOM for an explicit byte order: add one
            f.write("\ufeff" + json.dumps(json_graph.node_link_data(G), ensure_ascii=False, indent=1))
    with open(p, encoding="utf-16" if "16" in enc else "utf-32") as f:
        want = json_graph.node_link_graph(json.load(f))
    got, err = read_back(p)
    same_network(f"node-link JSON in {enc}", got, want, err)

# ---- GraphML, as NetworkX writes it ---------------------------------------------
for enc in ("utf-16", "utf-32"):
    p = path_of(f"graph-{enc}.graphml")
    nx.write_graphml(G, p, encoding=enc)
    with open(p, "rb") as f:
        raw = f.read()
    tap.check(raw.startswith(codecs.BOM_UTF16_LE if enc == "utf-16" else codecs.BOM_UTF32_LE) and
              re.search(f"encoding=[\"']{enc}[\"']", raw.decode(enc)) is not None, f"GraphML in {enc}: NetworkX wrote a BOM and declared it")
    try:
        want = nx.read_graphml(p)
    except Exception:  # expat reads no UTF-32: the graph written is what NetworkX reads from the UTF-16 file
        want = nx.read_graphml(path_of("graph-utf-16.graphml"))
    got, err = read_back(p)
    same_network(f"GraphML in {enc}", got, want, err)

# ---- a large file: characters split between reads (surrogate pairs too) -----------
B = nx.barabasi_albert_graph(3000, 2, seed=18)
nx.set_node_attributes(B, {v: f"𝔓arty {v} 🎉 é" for v in B}, "name")
text_big = json.dumps(json_graph.node_link_data(B), ensure_ascii=False, indent=1)
p = path_of("big-utf-16.json")
with open(p, "w", encoding="utf-16") as f:
    f.write(text_big)
got, err = read_back(p)
tap.check(len(got) == len(B) and {frozenset(e) for e in got.edges} == {frozenset(map(str, e)) for e in B.edges} and
          all(got.nodes[str(v)].get("label") == B.nodes[v]["name"] for v in B if str(v) in got),
          "UTF-16 over many reads (%d bytes): every node, edge and name" % os.path.getsize(p), err)

# ---- gzip and standard input ----------------------------------------------------
p = path_of("nodelink-utf-16.json")
with open(p, "rb") as f:
    raw16 = f.read()
with open(p + ".gz", "wb") as f:
    f.write(gzip.compress(raw16))
want = json_graph.node_link_graph(json.loads(raw16.decode("utf-16")))
got, err = read_back(p + ".gz")
same_network("UTF-16 node-link JSON, gzipped", got, want, err)
got, err = read_back("-", stdin=raw16)
tap.check(set(got.nodes) == set(want.nodes) and err == "", "UTF-16 node-link JSON on standard input", err)

# ---- partygraph/1 in UTF-16: the streaming loader reads it too ------------------
doc = {"format": "partygraph/1", "parties": [{"id": "pcf", "name": "Parti communiste français"},
                                              {"id": "cpc", "name": "中国共产党"}],
       "relations": [{"source": "pcf", "target": "cpc", "type": "contact"}]}
p = path_of("pg-utf-16.json")
with open(p, "w", encoding="utf-16") as f:
    json.dump(doc, f, ensure_ascii=False)
got, err = read_back(p)
tap.check({v: got.nodes[v].get("label") for v in got.nodes} == {d["id"]: d["name"] for d in doc["parties"]},
          "partygraph/1 in UTF-16", err)

p = path_of("pg-utf-16.ndjson")
with open(p, "w", encoding="utf-16") as f:
    f.write("\n".join(json.dumps(x, ensure_ascii=False) for x in
                      [{"kind": "party", "id": d["id"], "name": d["name"]} for d in doc["parties"]] +
                      [{"type": "contact", "source": "pcf", "target": "cpc"}]) + "\n")
got, err = read_back(p)
tap.check({v: got.nodes[v].get("label") for v in got.nodes} == {d["id"]: d["name"] for d in doc["parties"]} and
          len(got.edges) == 1, "NDJSON in UTF-16 (streamed)", err)

# ---- refusals at the place of the bad character ---------------------------------
def place(text, index):
    """line:column (in characters) of text[index], counted here."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def error_place(stderr):
    m = re.search(r":(\d+):(\d+): ", stderr)
    return (int(m.group(1)), int(m.group(2))) if m else None


text = json.dumps(json_graph.node_link_data(G), ensure_ascii=False, indent=1)
at = text.index("ICAPP")
raw = codecs.BOM_UTF16_LE + text[:at].encode("utf-16-le") + b"\x00\xdc" + text[at:].encode("utf-16-le")
p = path_of("lone.json")
with open(p, "wb") as f:
    f.write(raw)
status, err = fails(p)
tap.check(status != 0 and error_place(err) == place(text, at) and "surrogate" in err and err.count("malformed") == 1,
          "a lone surrogate: one error at its line:column", (err, place(text, at)))

raw = codecs.BOM_UTF16_BE + text[:at].encode("utf-16-be") + b"\xd8\x00" + text[at:].encode("utf-16-be")
with open(p, "wb") as f:
    f.write(raw)
status, err = fails(p)
tap.check(status != 0 and error_place(err) == place(text, at) and "high surrogate" in err,
          "a high surrogate without its low one (UTF-16BE): its line:column", (err, place(text, at)))

raw = codecs.BOM_UTF32_LE + text[:at].encode("utf-32-le") + (0x110000).to_bytes(4, "little")
with open(p, "wb") as f:
    f.write(raw)
status, err = fails(p)
tap.check(status != 0 and error_place(err) == place(text, at) and "0x110000" in err,
          "UTF-32 beyond U+10FFFF: its line:column", (err, place(text, at)))

raw = codecs.BOM_UTF16_LE + text.encode("utf-16-le") + b"\x7d"
with open(p, "wb") as f:
    f.write(raw)
status, err = fails(p)
tap.check(status != 0 and error_place(err) == place(text + "?", len(text)) and "ends inside a character" in err,
          "UTF-16 cut inside a character: refused at the end", (err, place(text + "?", len(text))))

at = text_big.index("𝔓arty 2999")
with open(p, "wb") as f:
    f.write(codecs.BOM_UTF16_LE + text_big[:at].encode("utf-16-le") + b"\x00\xdc" + text_big[at:].encode("utf-16-le"))
status, err = fails(p)
tap.check(status != 0 and error_place(err) == place(text_big, at),
          "a lone surrogate far into a large file: its line:column", (err, place(text_big, at)))

bad = text.replace('"ICAPP"', '"ICAPP" oops', 1)
with open(p, "w", encoding="utf-16") as f:
    f.write(bad)
status, err = fails(p)
at = bad.index("oops")
tap.check(status != 0 and error_place(err) == place(bad, at),
          "a JSON syntax error in UTF-16: line:column in characters of the original", (err, place(bad, at)))


# ---- D3: links by index into "nodes" --------------------------------------------
D3 = os.path.join(pgtest.ROOT, "tests", "data", "foreign", "d3")


def d3_file(name):
    with open(os.path.join(D3, name), encoding="utf-8") as f:
        return os.path.join(D3, name), json.load(f)


def ids_of(doc):
    """The node ids a file's links by index mean: a node's id, else its index."""
    return [str(n.get("id", i)) for i, n in enumerate(doc["nodes"])]


for name in ("miserables-v3.json", "force-graph-named.json"):
    p, doc = d3_file(name)
    ids = ids_of(doc)
    want = {frozenset((ids[l["source"]], ids[l["target"]])) for l in doc["links"]}
    got, err = read_back(p)
    tap.check(set(got.nodes) == set(ids), f"D3 {name}: every node, id or index", sorted(got.nodes))
    tap.check({frozenset(e) for e in got.edges} == want, f"D3 {name}: links by index", sorted(map(sorted, got.edges)))
    tap.check(all(i in got and got.nodes[i].get("label") == n["name"] for i, n in zip(ids, doc["nodes"])), f"D3 {name}: names kept")
    values = {frozenset((ids[l["source"]], ids[l["target"]])): str(l["value"]) for l in doc["links"] if "value" in l}
    got_values = {frozenset((u, v)): str(d["value"]) for u, v, d in got.edges(data=True) if "value" in d}
    tap.check(got_values == values, f"D3 {name}: link attributes kept", got_values)
    tap.check(err.count("warning") == 1 and "by index" in err, f"D3 {name}: one warning saying links are indexes", err)

p, doc = d3_file("networkx-integer-ids.json")
want = json_graph.node_link_graph(doc)
got, err = read_back(p)
tap.check({frozenset(map(str, e)) for e in want.edges} == {frozenset(e) for e in got.edges} and err == "",
          "NetworkX's integer ids stay ids (the links name them), no warning", (sorted(got.edges), err))


# ---- Cytoscape.js elements JSON -------------------------------------------------
CYJS = os.path.join(pgtest.ROOT, "tests", "data", "foreign", "cyjs")
DIRECTED = {"in_degree", "out_degree", "in_strength", "out_strength", "hub", "authority"}


def write_json(name, doc):
    with open(path_of(name), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False)
    return path_of(name)


def edge_data(H):
    return {frozenset(map(str, (u, v))): d for u, v, d in H.edges(data=True)}


data = json_graph.cytoscape_data(G)
want = json_graph.cytoscape_graph(data)
got, err = read_back(write_json("nx.cyjs", data))
same_network("Cytoscape.js JSON by NetworkX (cytoscape_data)", got, want, err)
tap.check(all(got.nodes[v].get("value") is None for v in got.nodes) and "value" not in err,
          "Cytoscape.js JSON: NetworkX's \"value\" (the node key) left out quietly", err)
weights = {k: d.get("weight", 1.0) for k, d in edge_data(want).items()}
tap.check({k: d["weight"] for k, d in edge_data(got).items()} == weights, "Cytoscape.js JSON: the weights", weights)

flat = data["elements"]["nodes"] + data["elements"]["edges"]
got, err = read_back(write_json("flat.json", flat))
same_network("Cytoscape.js JSON as one array of elements (detected)", got, want, err)
got, err = read_back(write_json("elements-array.json", {"elements": flat}))
tap.check(set(got.nodes) == set(want.nodes) and len(got.edges) == len(want.edges),
          "Cytoscape.js JSON: \"elements\" as one array", err)

D = nx.DiGraph(G)
D.graph["name"] = "Ties"
got, err = read_back(write_json("directed.cyjs", json_graph.cytoscape_data(D)))
opposite = len(D.edges) - len({frozenset(e) for e in D.edges})
tap.check({frozenset(e) for e in got.edges} == {frozenset(e) for e in D.edges} and err.count("warning") == 2 and
          "directed" in err and f"{opposite} edges join two nodes already joined" in err and
          got.graph.get("title") == "Ties",
          "Cytoscape.js JSON, directed: read undirected with one warning, the opposite edges merged with another; "
          "the title from NetworkX's data pairs", err)

for name in sorted(os.listdir(CYJS)):
    p = os.path.join(CYJS, name)
    with open(p, encoding="utf-8") as f:
        doc = json.load(f)
    els = doc if isinstance(doc, list) else doc["elements"]["nodes"] + doc["elements"]["edges"]
    nodes = [el["data"] for el in els if "source" not in el["data"]]
    edges = {frozenset((el["data"]["source"], el["data"]["target"])): el["data"] for el in els if "source" in el["data"]}
    got, err = read_back(p)
    tap.check(set(got.nodes) == {n["id"] for n in nodes}, f"{name}: every node", sorted(got.nodes))
    tap.check(set(edge_data(got)) == set(edges), f"{name}: every edge", sorted(map(sorted, got.edges)))
    tap.check(all(got.nodes[n["id"]].get("label") == n["name"] for n in nodes if n["id"] in got),
              f"{name}: names", [got.nodes[v].get("label") for v in got.nodes])
    kept = {(n["id"], k): v for n in nodes for k, v in n.items() if k not in ("id", "name", "kind", "selected")}
    bad = {key: v for key, v in kept.items() if key[0] not in got or got.nodes[key[0]].get(key[1]) != v}
    tap.check(not bad, f"{name}: node attributes kept", bad)
    # an edge's other attributes are written as text (merged edges join them); its date is first and last
    kept = {(k0, k): v if isinstance(v, str) else json.dumps(v) for k0, d in edges.items() for k, v in d.items()
            if k not in ("id", "source", "target", "type", "weight", "date")}
    kept.update({(k0, k): d["date"] for k0, d in edges.items() if "date" in d for k in ("first", "last")})
    kept.update({(k0, "weight"): d.get("weight", 1.0) for k0, d in edges.items()})
    bad = {key: v for key, v in kept.items() if edge_data(got).get(key[0], {}).get(key[1]) != v}
    tap.check(not bad, f"{name}: edge attributes kept (weights, dates as first and last)", bad)

p = os.path.join(CYJS, "cytoscape-desktop.cyjs")
status, err = fails(p, "--input-format", "cyjs")
tap.check(status == 0 and "read from cyjs" in pgtest.run(BIN, "validate", p, "--input-format", "cyjs").stdout.decode(),
          "--input-format cyjs", err)

# partygraph's own graph.cyjs: build -> graph.cyjs -> build -> graph.cyjs, the same network
first, again = path_of("cpc.cyjs"), path_of("cpc-again.cyjs")
pgtest.run(BIN, "build", "-q", os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"), "--cytoscape", first,
           "--layout", "none")
pgtest.run(BIN, "build", "-q", first, "--cytoscape", again, "--layout", "none", check=False)
with open(first, encoding="utf-8") as f:
    a = json_graph.cytoscape_graph(json.load(f))
with open(again, encoding="utf-8") if os.path.exists(again) else open(os.devnull) as f:
    b = json_graph.cytoscape_graph(json.load(f)) if os.path.getsize(again if os.path.exists(again) else os.devnull) \
        else nx.Graph()
diff = {v: {k for k in set(a.nodes[v]) | set(b.nodes[v]) if a.nodes[v].get(k) != b.nodes[v].get(k)} - {"sources"}
        - DIRECTED for v in a.nodes if v in b}
tap.check(set(a.nodes) == set(b.nodes) and not any(diff.values()),
          "partygraph's graph.cyjs read back: every node, attribute and metric the same",
          {v: d for v, d in diff.items() if d})
ea, eb = edge_data(a), edge_data(b)
bad = {tuple(sorted(k)): k2 for k in ea for k2 in ("weight", "types", "first", "last")
       if ea[k].get(k2) != eb.get(k, {}).get(k2)}
tap.check(set(ea) == set(eb) and not bad, "partygraph's graph.cyjs read back: the same edges, weights, types, dates",
          bad)

tap.done()
