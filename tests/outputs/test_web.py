"""Web JSON outputs: graph.nodelink.json and graph.cyjs read by their real
consumers. Strict JSON (no NaN or Infinity token); NetworkX's
node_link_graph (links under "links", and "edges" with --nodelink-key
edges) and cytoscape_graph rebuild the graph of graph.graphml, as
NetworkX reads it, with the same field names, values and types; names are
the dataset's, unreplaced; python-igraph converts them; D3's forceLink
(node-d3-force) resolves every link; stdout modes; deterministic output.

    /usr/bin/python3 tests/outputs/test_web.py BUILD/partygraph"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

import igraph as ig
import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

CASES = [  # (name, dataset, extra options)
    ("cpc-interparty.json", "examples/cpc-interparty.json", ()),
    ("minimal.json", "examples/minimal.json", ()),
    ("hostile.json", "tests/data/hostile.json", ()),
    ("cpc-interparty.json --view parties", "examples/cpc-interparty.json", ("--view", "parties")),
]
FORMATS = "graphml,json,nodelink,cytoscape"
FILES = ["graph.cyjs", "graph.graphml", "graph.nodelink.json", "summary.json"]
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
D3_CHECK = """
const d3 = require("d3-force");
const data = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const before = data.nodes.map(n => [n.x, n.y]);
const links = d3.forceLink(data.links).id(n => n.id);
d3.forceSimulation(data.nodes).force("link", links).stop();
const resolved = data.links.every(l => typeof l.source === "object" && typeof l.target === "object");
const kept = data.nodes.every((n, i) => n.x === before[i][0] && n.y === before[i][1]);
console.log(JSON.stringify({ nodes: data.nodes.length, links: data.links.length, resolved, kept }));
"""


def xml_text(s):
    """A string as it reads back from XML: control characters that XML 1.0
    cannot carry become U+FFFD (test_outputs.py has the same rule)."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def strict_json(path):
    """Parses `path` as JSON, refusing the NaN, Infinity and -Infinity
    tokens Python would otherwise accept; returns (data, error)."""
    def refuse(token):
        raise ValueError(f"non-standard JSON token {token}")
    try:
        with open(path, encoding="utf-8") as f:
            return json.loads(f.read(), parse_constant=refuse), None
    except ValueError as e:
        return None, str(e)


def graphml_keys(path):
    """The attribute names GraphML declares, by domain ("node", "edge", "graph")."""
    keys = {}
    for k in ElementTree.parse(path).getroot().iter(GRAPHML_NS + "key"):
        keys.setdefault(k.get("for"), set()).add(k.get("attr.name"))
    return keys


def same_value(got, want):
    """JSON value `got` equals GraphML value `want`: same type (int, float,
    bool, str) and value; strings compared as XML would carry them."""
    if type(got) is not type(want):
        return False
    return xml_text(got) == want if isinstance(got, str) else got == want


def diff_attrs(got, want, what):
    """Differences between the attributes of one JSON node or edge (None:
    GraphML has no <data>) and those GraphML gives it."""
    present = {k: v for k, v in got.items() if v is not None}
    if set(present) != set(want):
        return [f"{what}: keys {sorted(set(present) ^ set(want))} differ"]
    return [f"{what}.{k}: {present[k]!r} ({type(present[k]).__name__}), GraphML {want[k]!r} ({type(want[k]).__name__})"
            for k in want if not same_value(present[k], want[k])]


def diff_graphs(H, G):
    """Every difference between graph H (from JSON) and G (from GraphML) in
    nodes, edges and their attribute values."""
    problems = []
    if set(H.nodes) != set(G.nodes):
        problems.append(f"nodes differ: {sorted(set(H.nodes) ^ set(G.nodes))[:5]}")
    if {frozenset(e) for e in H.edges} != {frozenset(e) for e in G.edges}:
        problems.append("edges differ")
    if problems:
        return problems
    for n, d in G.nodes(data=True):
        problems += diff_attrs(H.nodes[n], d, f"node {n}")
    for u, v, d in G.edges(data=True):
        problems += diff_attrs(H.edges[u, v], d, f"edge {u}-{v}")
    return problems


def field_sets(items, extra=()):
    """The distinct key sets of `items` (dicts), less the keys `extra`."""
    return {frozenset(set(i) - set(extra)) for i in items}


def check_strict(tap, name, out):
    data = {}
    for f in ("graph.nodelink.json", "graph.cyjs"):
        data[f], error = strict_json(os.path.join(out, f))
        tap.check(error is None, f"{name}: {f} is strict JSON (no NaN or Infinity)", error)
    return data["graph.nodelink.json"], data["graph.cyjs"]


def check_fields(tap, name, nodes, edges, keys, node_extra, edge_extra, what):
    """Every node (edge) carries exactly GraphML's node (edge) keys, plus the
    format's own, `node_extra` (`edge_extra`)."""
    ok = (field_sets(nodes) == {frozenset(keys["node"] | set(node_extra))}
          and field_sets(edges) <= {frozenset(keys["edge"] | set(edge_extra))})
    tap.check(ok, f"{name}: every {what} node and edge has exactly GraphML's fields (null where GraphML has none)",
              f"{field_sets(nodes, node_extra)} {field_sets(edges, edge_extra)} vs {keys}")


def check_nodelink(tap, name, data, G, keys, dataset, summary):
    H = json_graph.node_link_graph(data)
    tap.check(data["directed"] is False and data["multigraph"] is False and not H.is_directed()
              and not H.is_multigraph() and "links" in data and "edges" not in data,
              f"{name}: node-link data is an undirected simple graph with its links under \"links\"")
    check_fields(tap, name, data["nodes"], data["links"], keys, ["id"], ["source", "target"], "node-link")
    problems = diff_graphs(H, G)
    tap.check(not problems, f"{name}: node_link_graph gives GraphML's nodes, edges and typed values", "\n".join(problems[:10]))
    graph = {k: v for k, v in data["graph"].items() if v is not None and k in keys["graph"]}
    want = {k: v for k, v in G.graph.items() if k in keys["graph"]}
    digest = hashlib.sha256(open(dataset, "rb").read()).hexdigest()
    tap.check(set(graph) == set(want) and all(same_value(v, want[k]) for k, v in graph.items())
              and data["graph"]["input_sha256"] == digest,
              f"{name}: graph data: GraphML's title, description and view, and the input's SHA-256", data["graph"])
    h = ig.Graph.from_networkx(H)
    tap.check((h.vcount(), h.ecount()) == (summary["nodes"], summary["edges"]),
              f"{name}: python-igraph converts the node-link graph with the same counts")
    return H


def check_cytoscape(tap, name, data, G, keys, summary):
    elements = data["elements"]
    nodes = [n["data"] for n in elements["nodes"]]
    edges = [e["data"] for e in elements["edges"]]
    check_fields(tap, name, nodes, edges, keys, ["id", "value", "name"], ["id", "source", "target"], "cytoscape")
    ids = [n["id"] for n in nodes] + [e["id"] for e in edges]
    tap.check(len(set(ids)) == len(ids) and all(n["value"] == n["id"] and n["name"] == n["label"] for n in nodes)
              and all(e["id"] == f"{e['source']}/{e['target']}" for e in edges),
              f"{name}: cytoscape element ids are unique (edges SOURCE/TARGET); value = id, name = label")
    H = json_graph.cytoscape_graph(data)
    for _, d in H.nodes(data=True):
        for k in ("id", "value", "name"):
            del d[k]
    for _, _, d in H.edges(data=True):
        for k in ("id", "source", "target"):
            del d[k]
    problems = diff_graphs(H, G)
    tap.check(not problems, f"{name}: cytoscape_graph gives GraphML's nodes, edges and typed values", "\n".join(problems[:10]))
    positions = all(n["position"] == {"x": G.nodes[n["data"]["id"]]["x"], "y": G.nodes[n["data"]["id"]]["y"]}
                    for n in elements["nodes"])
    tap.check(positions, f"{name}: every cytoscape position is GraphML's x, y")
    h = ig.Graph.from_networkx(H)
    tap.check((h.vcount(), h.ecount()) == (summary["nodes"], summary["edges"]),
              f"{name}: python-igraph converts the cytoscape graph with the same counts")


def check_names(tap, name, dataset, H):
    """Labels and string attributes are the dataset's text exactly (JSON
    carries every character, unlike XML)."""
    data = pgtest.read_json(dataset)
    entities = [e for kind in ("countries", "parties", "mechanisms", "events", "persons") for e in data.get(kind, [])]
    wrong = [e["id"] for e in entities if e["id"] in H and (H.nodes[e["id"]]["label"] != e["name"] or any(
        isinstance(v, str) and H.nodes[e["id"]].get({"kind": "mechanism_kind"}.get(k, k)) != v
        for k, v in e.items() if k not in ("id", "name")))]
    tap.check(not wrong, f"{name}: labels and string attributes are the dataset's text, unreplaced", wrong[:5])


def check_d3(tap, name, path, summary):
    proc = subprocess.run(["node", "-e", D3_CHECK, path], capture_output=True,
                          env={**os.environ, "NODE_PATH": "/usr/share/nodejs"})
    try:
        got = json.loads(proc.stdout)
    except ValueError:
        got = {}
    tap.check(got == {"nodes": summary["nodes"], "links": summary["edges"], "resolved": True, "kept": True},
              f"{name}: D3's forceLink resolves every link by id and the simulation starts from partygraph's layout",
              proc.stderr.decode(errors="replace") or got)


def run_build(binary, dataset, out, *extra):
    return pgtest.run(binary, "build", "-q", dataset, "-o", out, *extra, check=False)


def check_case(tap, binary, tmp, case):
    name, dataset, extra = case
    out = os.path.join(tmp, re.sub(r"\W+", "-", name))
    proc = run_build(binary, dataset, out, "--formats", FORMATS, *extra)
    tap.check(proc.returncode == 0 and sorted(os.listdir(out)) == FILES,
              f"{name}: --formats {FORMATS} writes those four files", proc.stderr.decode())
    nodelink, cytoscape = check_strict(tap, name, out)
    if nodelink is None or cytoscape is None:
        return
    graphml = os.path.join(out, "graph.graphml")
    G, keys = nx.read_graphml(graphml), graphml_keys(graphml)
    summary = pgtest.read_json(os.path.join(out, "summary.json"))
    H = check_nodelink(tap, name, nodelink, G, keys, dataset, summary)
    check_cytoscape(tap, name, cytoscape, G, keys, summary)
    check_names(tap, name, dataset, H)
    check_d3(tap, name, os.path.join(out, "graph.nodelink.json"), summary)
    again = out + ".again"
    run_build(binary, dataset, again, "--formats", FORMATS, "--threads", "1", *extra)
    same = all(open(os.path.join(out, f), "rb").read() == open(os.path.join(again, f), "rb").read()
               for f in ("graph.nodelink.json", "graph.cyjs"))
    tap.check(same, f"{name}: a second run, on one thread, writes byte-identical JSON")


def check_edges_key(tap, binary, tmp):
    """--nodelink-key edges: the same file with "edges" for "links", read by
    node_link_graph(data, link="edges"), in DIR and with --nodelink FILE."""
    path = "examples/cpc-interparty.json"
    links, edges = os.path.join(tmp, "key-links"), os.path.join(tmp, "key-edges")
    run_build(binary, path, links, "--formats", "nodelink")
    proc = run_build(binary, path, edges, "--formats", "nodelink", "--nodelink-key", "edges")
    a = open(os.path.join(links, "graph.nodelink.json"), encoding="utf-8").read()
    b = open(os.path.join(edges, "graph.nodelink.json"), encoding="utf-8").read() if proc.returncode == 0 else ""
    tap.check(b == a.replace('\n  "links": [\n', '\n  "edges": [\n', 1) and a != b,
              "--nodelink-key edges: the same file with the links under \"edges\"", proc.stderr.decode())
    data = json.loads(b) if b else {"nodes": [], "edges": []}
    H, G = json_graph.node_link_graph(data, link="edges"), json_graph.node_link_graph(json.loads(a))
    tap.check(H.number_of_edges() > 0 and dict(H.nodes(data=True)) == dict(G.nodes(data=True))
              and {frozenset((u, v)): d for u, v, d in H.edges(data=True)}
              == {frozenset((u, v)): d for u, v, d in G.edges(data=True)},
              "node_link_graph(data, link=\"edges\") reads it as the \"links\" file")
    target = os.path.join(tmp, "edges.json")
    pgtest.run(binary, "build", "-q", path, "--nodelink", target, "--nodelink-key", "edges", check=False)
    tap.check(os.path.exists(target) and open(target, encoding="utf-8").read() == b,
              "--nodelink FILE --nodelink-key edges writes the same file")


def check_stdout(tap, binary, tmp):
    """--nodelink - and --cytoscape - write exactly the file's bytes and
    nothing else; --nodelink FILE writes that file and no directory."""
    path = os.path.abspath("examples/minimal.json")
    out = os.path.join(tmp, "stdout")
    run_build(binary, path, out, "--formats", "nodelink,cytoscape")
    for option, f in (("--nodelink", "graph.nodelink.json"), ("--cytoscape", "graph.cyjs")):
        proc = pgtest.run(binary, "build", path, option, "-", check=False)
        tap.check(proc.returncode == 0 and proc.stdout == open(os.path.join(out, f), "rb").read() and proc.stderr == b"",
                  f"{option} - writes exactly {f} to stdout, and no summary")
    work = os.path.join(tmp, "named")
    os.makedirs(work)
    proc = pgtest.run(binary, "build", path, "--nodelink", "n.json", "--cytoscape", "c.cyjs", check=False, cwd=work)
    tap.check(proc.returncode == 0 and sorted(os.listdir(work)) == ["c.cyjs", "n.json"] and b"wrote" not in proc.stdout,
              "--nodelink FILE --cytoscape FILE write those files and no directory")
    proc = pgtest.run(binary, "build", path, "--nodelink", "x.json", "--graphml", "./x.json", check=False, cwd=work)
    tap.check(proc.returncode != 0 and not os.path.exists(os.path.join(work, "x.json")),
              "--nodelink and --graphml naming one file two ways is refused, nothing written", proc.stderr.decode())


def check_no_layout(tap, binary, tmp):
    out = os.path.join(tmp, "no-layout")
    run_build(binary, "examples/minimal.json", out, "--formats", "nodelink,cytoscape", "--layout", "none")
    nodelink = pgtest.read_json(os.path.join(out, "graph.nodelink.json"))
    cytoscape = pgtest.read_json(os.path.join(out, "graph.cyjs"))
    tap.check(nodelink["nodes"] and all("x" not in n and "y" not in n for n in nodelink["nodes"])
              and all("position" not in n and "x" not in n["data"] for n in cytoscape["elements"]["nodes"]),
              "--layout none: no x, y and no cytoscape position")


def check_ego(tap, binary, tmp):
    out = os.path.join(tmp, "ego")
    proc = pgtest.run(binary, "ego", "-q", "examples/cpc-interparty.json", "cpv", "-o", out,
                      "--formats", "nodelink,cytoscape", check=False)
    files = sorted(os.listdir(out)) if proc.returncode == 0 else []
    data = pgtest.read_json(os.path.join(out, "graph.cyjs")) if files else {"elements": {"nodes": []}}
    tap.check(files == ["ego.json", "graph.cyjs", "graph.nodelink.json", "summary.json"] and "cpv" in
              {n["data"]["id"] for n in data["elements"]["nodes"]},
              "ego --formats nodelink,cytoscape writes the ego network in both (and ego.json, summary.json)",
              proc.stderr.decode())


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pgweb-")
    try:
        for case in CASES:
            check_case(tap, binary, tmp, case)
        check_edges_key(tap, binary, tmp)
        check_stdout(tap, binary, tmp)
        check_no_layout(tap, binary, tmp)
        check_ego(tap, binary, tmp)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
