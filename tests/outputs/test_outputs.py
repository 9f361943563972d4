"""Output validation: every file `partygraph build` writes opens in its real
consumer. GraphML against the XSD (xmllint) and loaded back with NetworkX
and python-igraph; DOT rendered by dot and sfdp without a warning; CSV and
JSON parsed; stdout modes; deterministic output; nothing lost on failure.

    /usr/bin/python3 tests/outputs/test_outputs.py BUILD/partygraph"""
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from xml.etree import ElementTree

import igraph as ig
import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

FILES = ["graph.graphml", "graph.dot", "nodes.csv", "edges.csv", "summary.json", "timeline.csv", "claims.csv"]
DATASETS = ["examples/cpc-interparty.json", "examples/minimal.json", "tests/data/hostile.json"]
XSD = os.path.join(pgtest.SCHEMAS, "graphml", "graphml.xsd")


def xml_text(s):
    """A name as it must read back from XML: control characters that XML
    1.0 cannot carry become U+FFFD (our documented rule)."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def check_graphml(tap, name, out, dataset, summary):
    path = os.path.join(out, "graph.graphml")
    what = f"{name}: graph.graphml is valid against the GraphML XSD"
    reason = pgtest.shared_missing("schemas", "graphml", "graphml.xsd")
    if reason:
        tap.skip(what, reason)
    else:
        proc = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", XSD, path], capture_output=True)
        tap.check(proc.returncode == 0, what, proc.stderr.decode())
    G = nx.read_graphml(path)
    tap.check((G.number_of_nodes(), G.number_of_edges()) == (summary["nodes"], summary["edges"]),
              f"{name}: NetworkX reads {G.number_of_nodes()} nodes and {G.number_of_edges()} edges")
    g = ig.Graph.Read_GraphML(path)
    tap.check((g.vcount(), g.ecount()) == (summary["nodes"], summary["edges"]), f"{name}: python-igraph reads the same counts")
    node = next(iter(G.nodes(data=True)))[1]
    typed = (isinstance(node["degree"], int) and isinstance(node["community"], int) and isinstance(node["r"], int)
             and isinstance(node["pagerank"], float) and isinstance(node["size"], float))
    tap.check(typed, f"{name}: keys are typed (degree, community, r: int; pagerank, size: double)", node)
    text = open(path, encoding="utf-8").read()
    tap.check(not re.search(r">(-?inf|nan|NaN|Inf)<", text), f"{name}: no Inf or NaN in the GraphML")
    names = {e["id"]: e["name"] for kind in ("countries", "parties", "mechanisms", "events", "persons") for e in dataset.get(kind, [])}
    wrong = [i for i, n in names.items() if G.nodes[i]["label"] != xml_text(n)]
    tap.check(not wrong, f"{name}: every label reads back exactly", wrong[:5])


def check_dot(tap, name, out):
    for engine in ("dot", "sfdp"):
        proc = subprocess.run([engine, "-Tsvg", os.path.join(out, "graph.dot")], capture_output=True)
        ok = proc.returncode == 0 and proc.stderr == b""
        tap.check(ok, f"{name}: {engine} renders graph.dot without a warning", proc.stderr.decode(errors="replace"))
    ns = {"svg": "http://www.w3.org/2000/svg"}
    groups = ElementTree.fromstring(proc.stdout).iterfind(".//svg:g[@class='node']", ns)
    titles = sorted(g.find("svg:title", ns).text for g in groups)
    ids = sorted(n["id"] for n in pgtest.read_csv(os.path.join(out, "nodes.csv")))
    tap.check(titles == ids, f"{name}: each node's SVG group is titled with its id", set(ids) ^ set(titles))


def check_layout(tap, name, out):
    """Positions: every node has x/y in the GraphML and a pos in the DOT,
    the pictures' positions: the layout's arrangement (moved apart where
    shapes or labels overlap: test_legible.py), which neato -n
    -Goverlap=true draws as given."""
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    dot = open(os.path.join(out, "graph.dot"), encoding="utf-8").read()
    pos = {n: tuple(map(float, p.split(","))) for n, p in
           re.findall(r'^  "((?:[^"\\]|\\.)*)" \[.*?pos="([-0-9.]+,[-0-9.]+)!"', dot, re.M)}
    ids = [n for n in G.nodes() if '"' not in n and "\\" not in n]
    rho = [pgtest.spearman([pos[n][k] for n in ids], [G.nodes[n]["xy"[k]] for n in ids]) if len(ids) > 2 else 1
           for k in (0, 1)] if all(n in pos for n in ids) else [0, 0]
    tap.check(G.number_of_nodes() > 0 and all("x" in d and "y" in d for _, d in G.nodes(data=True)) and min(rho) >= 0.9,
              f"{name}: every node has x, y in the GraphML and a pos in the DOT in the same arrangement (rank "
              f"correlation {min(rho):.3f} >= 0.9)")
    proc = subprocess.run(["neato", "-n", "-Goverlap=true", "-Tplain", os.path.join(out, "graph.dot")], capture_output=True)
    drawn = {m[0]: (float(m[1]) * 72, float(m[2]) * 72) for m in
             re.findall(r"^node ([A-Za-z0-9_-]+) ([-0-9.e]+) ([-0-9.e]+) ", proc.stdout.decode(), re.M)}
    shifts = [(drawn[n][0] - pos[n][0], drawn[n][1] - pos[n][1]) for n in ids if n in drawn]
    spread = max((max(abs(a - b) for a, b in zip(s, shifts[0])) for s in shifts), default=0)
    # -Tplain rounds to 0.01 inch (0.72 pt); overlap removal would move nodes by tens of points
    tap.check(proc.returncode == 0 and proc.stderr == b"" and len(drawn) > 0 and spread <= 1.5,
              f"{name}: neato -n -Goverlap=true draws every node at its pos (up to one shift)",
              proc.stderr.decode(errors="replace") + f"spread {spread:.2f} pt")


def check_layout_options(tap, binary, tmp):
    path = "examples/cpc-interparty.json"
    for layout in ("fr", "drl", "kk"):
        out = os.path.join(tmp, "layout-" + layout)
        proc = build(binary, path, out, "--layout", layout)
        summary = json.load(open(os.path.join(out, "summary.json"))) if proc.returncode == 0 else {}
        tap.check(summary.get("pictures", {}).get("layout") == layout, f"--layout {layout}: computed and recorded",
                  proc.stderr.decode())
        if proc.returncode == 0:
            check_layout(tap, f"--layout {layout}", out)
    out = os.path.join(tmp, "layout-none")
    build(binary, path, out, "--layout", "none", "--formats", "graphml,dot")
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    tap.check(sorted(os.listdir(out)) == ["graph.dot", "graph.graphml", "summary.json"] and "pos=" not in
              open(os.path.join(out, "graph.dot")).read() and all("x" not in d for _, d in G.nodes(data=True)),
              "--layout none: no positions; --formats graphml,dot writes only those two files (and summary.json)")
    out = os.path.join(tmp, "layout-auto-csv")
    build(binary, path, out, "--formats", "csv,json")
    tap.check(json.load(open(os.path.join(out, "summary.json")))["pictures"]["layout"] == "none",
              "--layout auto with --formats csv,json: no output holds positions, none computed")
    out = os.path.join(tmp, "size-by")
    build(binary, path, out, "--size-by", "degree", "--formats", "graphml")
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    order = sorted(G.nodes(data=True), key=lambda nd: nd[1]["degree"])
    tap.check(all(a[1]["size"] <= b[1]["size"] for a, b in zip(order, order[1:])),
              "--size-by degree: node sizes grow with degree")
    big = os.path.join(tmp, "big.json")
    with open(big, "wb") as f:
        f.write(subprocess.run([sys.executable, "scripts/bench/gen_dataset.py", "1000"], check=True,
                               stdout=subprocess.PIPE).stdout)
    proc = build(binary, big, os.path.join(tmp, "kk-big"), "--layout", "kk")
    tap.check(proc.returncode == 2 and b"at most 1000 nodes" in proc.stderr, "--layout kk on 1,000+ nodes: a usage error",
              proc.stderr.decode())


def check_tables(tap, name, out, summary):
    nodes = pgtest.read_csv(os.path.join(out, "nodes.csv"))
    edges = pgtest.read_csv(os.path.join(out, "edges.csv"))
    tap.check(len(nodes) == summary["nodes"] and len(edges) == summary["edges"], f"{name}: CSV row counts match")
    ids = [n["id"] for n in nodes]
    tap.check(ids == sorted(ids, key=lambda s: s.encode()), f"{name}: nodes.csv is sorted by id")
    header = list(nodes[0].keys())[:27] if nodes else []
    tap.check(header == ["id", "label", "kind", "degree", "strength", "in_degree", "out_degree", "in_strength",
                         "out_strength", "coreness", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
                         "hub", "authority", "constraint", "effective_size", "clustering", "coordinator",
                         "itinerant", "gatekeeper", "representative", "liaison", "community", "stability"],
              f"{name}: nodes.csv columns", header)
    pairs = [tuple(sorted((e["source"], e["target"]), key=str.encode)) for e in edges]
    tap.check(pairs == sorted(pairs, key=lambda p: (p[0].encode(), p[1].encode())),
              f"{name}: edges.csv is sorted by its ends' ids, the smaller first")
    def oriented(e):  # a directed edge runs source -> target; others are written smaller id first
        if e.get("direction", "undirected") == "directed":
            return int(e["forward"]) > 0 and int(e["backward"]) == 0
        return e["source"].encode() < e["target"].encode()
    tap.check(all(oriented(e) for e in edges), f"{name}: edges.csv writes each edge in its direction")


def check_summary(tap, name, out, path):
    summary = json.load(open(os.path.join(out, "summary.json")))
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    tap.check(summary["input"]["sha256"] == digest, f"{name}: summary.json carries the input's SHA-256")
    tap.check(summary["partygraph"]["igraph"].startswith("0.10") and summary["view"]["name"] == "full",
              f"{name}: summary.json names the versions and the view")
    tops = summary["top"]
    tap.check(set(tops) == {"degree", "strength", "in_degree", "out_degree", "in_strength", "out_strength",
                            "betweenness", "closeness", "harmonic", "eigenvector", "pagerank", "hub", "authority",
                            "constraint", "effective_size"}
              and all(len(v) == min(10, summary["nodes"]) for k, v in tops.items()
                      if k not in ("constraint", "effective_size")),
              f"{name}: top 10 lists for each centrality")
    return summary


def build(binary, path, out, *extra, **kw):
    return pgtest.run(binary, "build", "-q", path, "-o", out, *extra, check=False, **kw)


def check_dataset(tap, binary, path, tmp):
    name = os.path.basename(path)
    out = os.path.join(tmp, name)
    proc = build(binary, path, out)
    tap.check(proc.returncode == 0 and sorted(os.listdir(out)) == sorted(FILES), f"{name}: build writes the seven default files",
              proc.stderr.decode())
    dataset = json.load(open(path, encoding="utf-8"))
    summary = check_summary(tap, name, out, path)
    check_graphml(tap, name, out, dataset, summary)
    check_dot(tap, name, out)
    check_layout(tap, name, out)
    check_tables(tap, name, out, summary)
    again = os.path.join(tmp, name + ".again")
    build(binary, path, again, "--threads", "1")
    same = all(open(os.path.join(out, f), "rb").read() == open(os.path.join(again, f), "rb").read() for f in FILES)
    tap.check(same, f"{name}: a second run, on one thread, writes byte-identical files")


def check_repeatable(tap, binary, tmp):
    """Every output byte-identical across runs and thread counts, on a
    synthetic dataset big enough for PageRank's solver to use threads (its
    sums once changed in the last digits from run to run)."""
    path = os.path.join(tmp, "synthetic-1000.json")
    with open(path, "wb") as f:
        f.write(subprocess.run([sys.executable, "scripts/bench/gen_dataset.py", "1000"], check=True,
                               stdout=subprocess.PIPE).stdout)
    for view in ("full", "parties"):
        extra = ("--view", view, "--max-event-size", "40", "--runs", "3", "--window", "10y", "--step", "10y")
        outs = [os.path.join(tmp, f"repeat-{view}-{i}") for i in range(3)]
        threads = ([], [], ["--threads", "1"])
        codes = [build(binary, path, out, *extra, *t).returncode for out, t in zip(outs, threads)]
        files = sorted(os.listdir(outs[0])) if codes[0] == 0 else []
        same = all(codes[i] == 0 and open(os.path.join(outs[0], f), "rb").read() ==
                   open(os.path.join(outs[i], f), "rb").read() for i in (1, 2) for f in files)
        tap.check(len(files) == 8 and same,
                  f"synthetic 1000 parties, {view} view: three runs (one on one thread) write byte-identical files",
                  f"exit codes {codes}, files {files}")


def check_stdout_modes(tap, binary, tmp):
    path = "examples/minimal.json"
    out = os.path.join(tmp, "stdout-modes")
    build(binary, path, out)
    proc = pgtest.run(binary, "build", path, "--graphml", "-", check=False)
    same = proc.stdout == open(os.path.join(out, "graph.graphml"), "rb").read()
    tap.check(proc.returncode == 0 and same and proc.stderr == b"", "--graphml - writes exactly the GraphML, nothing else")
    proc = pgtest.run(binary, "build", path, "--dot", "-", check=False)
    render = subprocess.run(["sfdp", "-Tsvg"], input=proc.stdout, capture_output=True)
    tap.check(proc.stdout == open(os.path.join(out, "graph.dot"), "rb").read() and render.returncode == 0
              and render.stderr == b"", "build --dot - | sfdp -Tsvg works")
    target = os.path.join(tmp, "only.graphml")
    proc = pgtest.run(binary, "build", os.path.abspath(path), "--graphml", target, check=False, cwd=tmp)
    tap.check(proc.returncode == 0 and os.path.exists(target) and not os.path.exists(os.path.join(tmp, "partygraph-out")),
              "--graphml FILE writes that file and no directory")


def limit_file_size(blocks):
    """preexec: files may not grow past `blocks` * 512 bytes; the write
    fails with EFBIG instead of killing the process."""
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (blocks * 512, blocks * 512))
    return apply


def snapshot(directory):
    return {f: open(os.path.join(directory, f), "rb").read() for f in sorted(os.listdir(directory))}


def check_nothing_lost(tap, binary, tmp):
    out = os.path.join(tmp, "kept")
    os.makedirs(out)
    for f in FILES:
        open(os.path.join(out, f), "w").write(f"previous {f}\n")
    before = snapshot(out)
    bad = os.path.join(tmp, "bad.json")
    open(bad, "w").write('{"parties": [{"id": "a", "name": "A"}], "relations": [{"type": "x", "source": "a", "target": "b"}]}')
    proc = build(binary, bad, out)
    tap.check(proc.returncode == 1 and snapshot(out) == before, "invalid input leaves DIR exactly as it was")
    proc = build(binary, "examples/cpc-interparty.json", out, preexec_fn=limit_file_size(8))
    msg = proc.stderr.decode()
    tap.check(proc.returncode == 3 and "File too large" in msg and snapshot(out) == before,
              "a write failing midway (ulimit -f) exits 3 and leaves DIR exactly as it was", msg)
    fresh = os.path.join(tmp, "fresh", "deeper")
    proc = build(binary, "examples/cpc-interparty.json", fresh, preexec_fn=limit_file_size(8))
    tap.check(proc.returncode == 3 and not os.path.exists(os.path.join(tmp, "fresh")),
              "directories created by a failed run are removed again")
    proc = build(binary, "examples/minimal.json", out)
    tap.check(proc.returncode == 0 and sorted(os.listdir(out)) == sorted(FILES) and snapshot(out) != before,
              "a successful run replaces the files and leaves no temporary file")


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pgout-")
    try:
        for path in DATASETS:
            check_dataset(tap, binary, path, tmp)
        check_repeatable(tap, binary, tmp)
        check_layout_options(tap, binary, tmp)
        check_stdout_modes(tap, binary, tmp)
        check_nothing_lost(tap, binary, tmp)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
