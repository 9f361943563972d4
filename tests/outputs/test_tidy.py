"""Tidy human output (issue 20): values that are zero up to rounding are
written 0 in every output (docs/outputs.md, "Zero up to rounding is written
0"), the printed summary gives every id whole, and the report is headed by
the dataset's title (its file name without one) with singular nouns for 1.

The expectations come from NetworkX on the same graph, never from
partygraph: eigenvector centrality of a network of two components leaves
~1e-17 on the smaller one; partygraph must write exactly 0 where NetworkX's
value is below the documented threshold and NetworkX's value elsewhere.

Usage: test_tidy.py BINARY"""
import json
import os
import re
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from pgtest import Tap, build, expected_metrics, read_csv, run, to_partygraph, tolerance  # noqa: E402
from test_gexf import read_gexf  # noqa: E402

ZERO_SHARE = 1e-12  # the documented rule: |x| < 1e-12 * max |column| is 0
METRICS = ("eigenvector", "pagerank")  # the columns of iterative solvers that the rule covers


def two_components():
    """A 5-clique beside a 4-node path: the eigenvector lives on the clique."""
    G = nx.disjoint_union(nx.complete_graph(5), nx.path_graph(4))
    return nx.relabel_nodes(G, {i: f"p{i}" for i in G})


def wanted(G, ids):
    """metric -> {id: NetworkX's value, 0.0 where it is below the threshold}."""
    out = {}
    for metric, values in expected_metrics(G, False).items():
        if metric not in METRICS:
            continue
        largest = max(abs(float(x)) for x in values.values() if x == x)
        out[metric] = {ids[n]: (0.0 if abs(float(x)) < ZERO_SHARE * largest else float(x))
                       for n, x in values.items()}
    return out


def check_column(tap, where, metric, got, want):
    """Exactly 0 where the rule says 0, NetworkX's value within tolerance elsewhere."""
    bad = []
    for i, w in want.items():
        g = float(got[i])
        if (w == 0.0 and g != 0.0) or (w != 0.0 and abs(g - w) > tolerance(metric) * max(1.0, abs(w))):
            bad.append(f"{i}: got {got[i]!r}, NetworkX {w!r}")
    tap.check(not bad, f"{where}: {metric} is 0 exactly where NetworkX's is below 1e-12 of the largest",
              "\n".join(bad))


def noise_exists(G):
    """The test needs NetworkX's eigenvector to show the noise at all."""
    ev = nx.eigenvector_centrality_numpy(G, weight="weight")
    return any(0 < abs(x) < 1e-12 for x in ev.values())


def readers(out):
    """Output -> {metric: {id: value}} as an independent reader sees it."""
    rows = read_csv(os.path.join(out, "nodes.csv"))
    csv_cols = {m: {r["id"]: r[m] for r in rows} for m in METRICS}
    gml = nx.read_graphml(os.path.join(out, "graph.graphml"))
    gexf = read_gexf(os.path.join(out, "graph.gexf"))
    web = json.load(open(os.path.join(out, "graph.nodelink.json"), encoding="utf-8"))
    page = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    data = json.loads(re.search(r'id="pg-data">\s*(.*?)</script>', page, re.S).group(1))
    top = json.load(open(os.path.join(out, "summary.json"), encoding="utf-8"))["top"]
    return {
        "summary.json (top lists)": {m: {r["id"]: r["value"] for r in top[m]} for m in METRICS if m in top},
        "nodes.csv": csv_cols,
        "graph.graphml": {m: {n: d[m] for n, d in gml.nodes(data=True)} for m in METRICS},
        "graph.gexf": {m: {n: d[m] for n, d in gexf.nodes(data=True)} for m in METRICS},
        "graph.nodelink.json": {m: {d["id"]: d[m] for d in web["nodes"]} for m in METRICS},
        "report.html": report_columns(data),
    }


def report_columns(data):
    """The report's embedded data: {metric: {id: value}}."""
    nodes, names = data["nodes"], data["metrics"]
    cols = {}
    for m in METRICS:
        if m in names:
            k = names.index(m)
            cols[m] = {n["id"]: n["values"][k] for n in nodes}
    return cols


def zero_rule(tap, binary):
    G = two_components()
    data, ids = to_partygraph(G)
    tap.check(noise_exists(G), "NetworkX's eigenvector shows ~1e-17 on the smaller component (the case exists)")
    want = wanted(G, ids)
    tmp = build(binary, data, "--formats", "csv,graphml,gexf,nodelink,html,json")
    for where, cols in readers(tmp.out).items():
        for metric in METRICS:
            if metric in cols:
                check_column(tap, where, metric, {i: cols[metric][i] for i in want[metric] if i in cols[metric]},
                             {i: w for i, w in want[metric].items() if i in cols[metric]})
            else:
                tap.skip(f"{where}: {metric}", "not in this output")
    printed = run(binary, "build", tmp.data, "-o", os.path.join(tmp.name, "again")).stdout.decode()
    table = printed.split("eigenvector:")[1].split("\n\n")[0]
    values = dict(re.findall(r"^\s+\d+\s+(\S+)\s.*?(\S+)$", table, re.M))
    tap.check(values and all(values[i] == "0" for i in values if want["eigenvector"][i] == 0.0),
              "the printed summary shows 0 (not 3.079e-17) where NetworkX's eigenvector is noise", table)


def summary_ids(tap, binary):
    """Every id-looking word in the printed summary's tables is a whole id."""
    long_ids = [f"ev-2017-11-30-cpc-wpp-party-to-party-meeting-{i}" for i in range(6)]
    data = {"format": "partygraph/1", "parties": [{"id": i, "name": f"Party {k}"} for k, i in enumerate(long_ids)],
            "relations": [{"type": "contact", "source": a, "target": b}
                          for a in long_ids for b in long_ids if a < b]}
    with tempfile.TemporaryDirectory(prefix="pgtest-") as tmp:
        path = os.path.join(tmp, "long.json")
        json.dump(data, open(path, "w"))
        text = run(binary, "build", path, "-o", os.path.join(tmp, "out")).stdout.decode()
    rows = re.findall(r"^\s+\d+\s+(\S+)\s+Party \d", text, re.M)
    members = [w for line in re.findall(r"nodes: (.*)$", text, re.M) for w in line.split(", ") if w != "..."]
    shown = rows + members
    tap.check(shown and all(i in long_ids for i in shown), "build's summary prints every id whole",
              "\n".join(i for i in shown if i not in long_ids) or text)


def report_heading(tap, binary):
    """The report's <h1> is the title, else the file's name; 1 component, 1 community."""
    G = nx.path_graph(3)
    data, _ = to_partygraph(G)
    del data["title"]
    tmp = build(binary, data, "--formats", "html")
    page = open(os.path.join(tmp.out, "report.html"), encoding="utf-8").read()
    h1 = re.search(r"<h1>(.*?)</h1>", page).group(1)
    tap.check(h1 == os.path.basename(tmp.data), "untitled dataset: the report is headed by the file's name", h1)
    facts = re.search(r'id="pg-facts">(.*?)</p>', page).group(1)
    comps = nx.number_connected_components(G)
    tap.check(f", {comps} component<" in facts + "<" and comps == 1, "one component is '1 component'", facts)
    empty = build(binary, {"format": "partygraph/1", "title": "Nothing yet"}, "--formats", "html")
    page = open(os.path.join(empty.out, "report.html"), encoding="utf-8").read()
    tap.check("--layout none" not in page and "<h1>Nothing yet</h1>" in page,
              "the empty network's report names no option that was not given, and has the title", page[-600:])


def main():
    binary = sys.argv[1]
    tap = Tap()
    zero_rule(tap, binary)
    summary_ids(tap, binary)
    report_heading(tap, binary)
    tap.done()


if __name__ == "__main__":
    main()
