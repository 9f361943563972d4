"""Oracle tests for the path metrics at scale: the parallel exact mode
(worker processes) against NetworkX and python-igraph, sampled betweenness
and closeness against a re-computation of the same estimators (NetworkX)
from the sources summary.json lists, the automatic switch at the exact
limit, a failing worker, and --metrics.

    /usr/bin/python3 tests/oracle/test_scale.py BUILD/partygraph

The failure path uses the test hook PARTYGRAPH_TEST_WORKER_FAIL (see
src/workers.c). The graph has a few hundred nodes: several chunks of 128
sources, so worker processes really run."""
import os
import random
import re
import subprocess
import sys

import igraph as ig
import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

EXACT = pgtest.EXACT


def test_graph():
    """A weighted random graph of 400 nodes, a small second component and
    two isolates (406 nodes: 3 chunks of sources, so 1, 2 and 3 workers
    split them differently); closeness is Wasserman-Faust's across
    components."""
    rng = random.Random(5)
    G = nx.gnm_random_graph(400, 1100, seed=5)
    G.add_edges_from([(300, 301), (301, 302), (302, 303)])
    G.add_nodes_from([400, 401])
    for u, v in G.edges():
        G[u][v]["weight"] = rng.choice([1, 2, 4, 8])  # distances 1/w add up exactly in floats
    return G


def path_metrics(G, weighted):
    """NetworkX's exact betweenness, closeness and harmonic (weighted: by
    1/weight, powers of two, so float sums are exact and ties are ties)."""
    H = G.copy()
    for u, v, d in H.edges(data=True):
        d["dist"] = 1 / d["weight"]
    dist = "dist" if weighted else None
    return {"betweenness": nx.betweenness_centrality(H, normalized=False, weight=dist),
            "closeness": nx.closeness_centrality(H, distance=dist),
            "harmonic": nx.harmonic_centrality(H, distance=dist)}


def nodes_csv(out):
    with open(os.path.join(out, "nodes.csv"), "rb") as f:
        return f.read()


def column(out, name):
    return {r["id"]: pgtest.number(r[name]) for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))}


def summary_of(out):
    return pgtest.read_json(os.path.join(out, "summary.json"))


def all_close(got, want, tol=EXACT):
    """(ok, first difference) over the keys of `want`."""
    for k, x in want.items():
        if not pgtest.close(got[k], float(x), tol):
            return False, f"{k}: got {got[k]!r}, want {float(x)!r}"
    return True, ""


def by_id(values, ids):
    return {ids[n]: x for n, x in values.items()}


# ---- the parallel exact mode ------------------------------------------------

def test_parallel_exact(tap, binary, G, data, ids):
    hops = None
    for weighted in (False, True):
        flag = ["--weighted"] if weighted else []
        runs = [pgtest.build(binary, data, "--formats", "csv,json", "--jobs", str(j), "--threads", str(j), *flag)
                for j in (1, 2, 3)]
        same = nodes_csv(runs[0].out) == nodes_csv(runs[1].out) == nodes_csv(runs[2].out)
        kind = "weighted" if weighted else "hops"
        tap.check(same, f"{kind}: --jobs and --threads 1, 2 and 3 give byte-identical nodes.csv")
        want = path_metrics(G, weighted)
        for metric in ("betweenness", "closeness", "harmonic"):
            ok, why = all_close(column(runs[1].out, metric), by_id(want[metric], ids))
            tap.check(ok, f"{kind}: exact {metric} with 2 workers equals NetworkX's", why)
        s = summary_of(runs[1].out)
        tap.check(s["metrics"]["betweenness"] == "exact" and s["betweenness"]["method"] == "exact" and
                  s["closeness"]["method"] == "exact", f"{kind}: summary.json says exact")
        hops = hops or runs[0]
    order = sorted(G.nodes(), key=lambda n: ids[n])
    index = {n: i for i, n in enumerate(order)}
    H = ig.Graph(n=len(order), edges=[(index[u], index[v]) for u, v in G.edges()])
    b = H.betweenness(directed=False)
    ok, why = all_close(column(hops.out, "betweenness"), {ids[n]: b[index[n]] for n in order})
    tap.check(ok, "exact betweenness summed over chunks equals python-igraph's igraph_betweenness", why)


# ---- sampled estimates ------------------------------------------------------

def closeness_estimates(G, ids, sources):
    """The Eppstein-Wang estimates partygraph documents, from `sources`."""
    n = G.number_of_nodes()
    node = {ids[v]: v for v in G}
    S = [node[s] for s in sources]
    count, total, inverse = {v: 0 for v in G}, {v: 0 for v in G}, {v: 0.0 for v in G}
    far = 0
    for s in S:
        for v, d in nx.single_source_shortest_path_length(G, s).items():
            if v != s:
                count[v] += 1
                total[v] += d
                inverse[v] += 1 / d
                far = max(far, d)
    closeness, harmonic = {}, {}
    for v in G:
        others = len(S) - (v in S)
        closeness[ids[v]] = count[v] / total[v] * count[v] / others if count[v] else 0.0
        harmonic[ids[v]] = inverse[v] * (n - 1) / others if others else 0.0
    apl = sum(total.values()) / sum(count.values())
    return closeness, harmonic, far, apl


def test_sampled(tap, binary, G, data, ids):
    n = G.number_of_nodes()
    runs = [pgtest.build(binary, data, "--formats", "csv,json", "--betweenness-samples", "300",
                         "--closeness-samples", "300", "--seed", "7", "--jobs", j, "--threads", j) for j in ("1", "2")]
    tap.check(nodes_csv(runs[0].out) == nodes_csv(runs[1].out), "sampled: 1 or 2 jobs and threads, identical nodes.csv")
    s = summary_of(runs[1].out)
    b, c = s["betweenness"], s["closeness"]
    tap.check(b["method"] == "sampled" and b["samples"] == 300 and len(b["sources"]) == 300 and b["seed"] == 7 and
              not b["automatic"], "sampled betweenness: method, samples, seed and sources recorded", b)
    tap.check(c["method"] == "sampled" and c["approximate"] and c["samples"] == 300 and c["seed"] == 7 and
              c["sources"] == b["sources"] and c["covers"] == ["closeness", "harmonic", "diameter", "average_path_length"],
              "sampled closeness: recorded (and what it covers); same seed and K, same sources", c)
    tap.check(s["metrics"]["betweenness"] == s["metrics"]["closeness"] == s["metrics"]["harmonic"] == "sampled" and
              s["metrics"]["pagerank"] == "exact", "summary.json metrics: which are estimates", s["metrics"])
    node = {ids[v]: v for v in G}
    want = nx.betweenness_centrality_subset(G, [node[x] for x in b["sources"]], list(G), normalized=False)
    ok, why = all_close(column(runs[1].out, "betweenness"), {ids[v]: x * n / 300 for v, x in want.items()})
    tap.check(ok, "sampled betweenness equals NetworkX's subset betweenness from the same sources, scaled n/K", why)
    closeness, harmonic, far, apl = closeness_estimates(G, ids, c["sources"])
    ok, why = all_close(column(runs[1].out, "closeness"), closeness)
    tap.check(ok, "sampled closeness equals the Eppstein-Wang estimate from the same sources", why)
    ok, why = all_close(column(runs[1].out, "harmonic"), harmonic)
    tap.check(ok, "sampled harmonic equals the estimate from the same sources, scaled (n-1)/K'", why)
    st = s["structure"]
    tap.check(st["diameter"] == far and pgtest.close(st["average_path_length"], apl, EXACT),
              "sampled diameter and average path length: over the pairs with a sampled end", (st, far, apl))
    exact = nx.closeness_centrality(G)
    got = column(runs[1].out, "closeness")
    error = sum(abs(got[ids[v]] - x) for v, x in exact.items()) / sum(exact.values())
    tap.check(error < 0.1, f"sampled closeness within 10% of the exact one on average ({error:.3f})")
    weighted = pgtest.build(binary, data, "--formats", "csv", "--weighted", "--closeness-samples", "50")
    tap.check(column(weighted.out, "closeness")[ids[400]] == 0.0, "weighted sampled pass runs; isolates get 0")


# ---- the automatic switch ----------------------------------------------------

def build_run(binary, data_path, out, *extra, env=None):
    return subprocess.run([binary, "build", data_path, "-o", out, "--formats", "csv,json", *extra],
                          capture_output=True, env=env)


def test_automatic(tap, binary, G, data):
    n, m = G.number_of_nodes(), G.number_of_edges()
    run = pgtest.build(binary, data, "--formats", "json")  # for the data file
    work = run.name
    at = build_run(binary, run.data, os.path.join(work, "at"), "-q", "--exact-limit", str(n * m))
    s = summary_of(os.path.join(work, "at"))
    tap.check(at.returncode == 0 and s["betweenness"]["method"] == "exact" and s["closeness"]["method"] == "exact",
              "at the exact limit (nodes x edges): exact")
    build_run(binary, run.data, os.path.join(work, "near"), "-q", "--exact-limit", str(n * m - 1))
    s = summary_of(os.path.join(work, "near"))
    tap.check(s["betweenness"]["method"] == "exact" and s["closeness"]["method"] == "exact",
              "just over the limit, where limit/edges sources would be all of them: exact")
    limit = n * m // 3
    over = build_run(binary, run.data, os.path.join(work, "over"), "--exact-limit", str(limit))
    s = summary_of(os.path.join(work, "over"))
    k = max(64, -(-limit // m))
    tap.check(s["betweenness"]["method"] == "sampled" and s["betweenness"]["automatic"] and
              s["betweenness"]["samples"] == k and s["closeness"]["samples"] == k and s["closeness"]["automatic"],
              f"over the limit: sampled automatically from max(64, limit/edges) = {k} sources",
              {x: s[x]["samples"] for x in ("betweenness", "closeness")})
    warnings = [x for x in over.stderr.decode().splitlines() if "warning" in x]
    tap.check(len(warnings) == 1 and "betweenness" in warnings[0] and "closeness and harmonic" in warnings[0] and
              str(k) in warnings[0], "one warning line on stderr names the estimated metrics", over.stderr.decode())
    quiet = build_run(binary, run.data, os.path.join(work, "quiet"), "-q", "--exact-limit", "1000")
    tap.check(quiet.returncode == 0 and quiet.stderr == b"", "--quiet: no warning", quiet.stderr.decode())
    forced = build_run(binary, run.data, os.path.join(work, "forced"), "--exact-limit", "1000",
                       "--betweenness-samples", "0", "--closeness-samples", "0")
    s = summary_of(os.path.join(work, "forced"))
    tap.check(s["betweenness"]["method"] == "exact" and s["closeness"]["method"] == "exact" and
              b"warning" not in forced.stderr, "samples 0: exact whatever the limit")
    tap.check(nodes_csv(os.path.join(work, "forced")) == nodes_csv(os.path.join(work, "at")),
              "forced exact equals exact under the limit")
    small = build_run(binary, run.data, os.path.join(work, "small"), "-q", "--exact-limit", "1000",
                      "--betweenness-samples", "30")
    s = summary_of(os.path.join(work, "small"))
    tap.check(s["betweenness"]["samples"] == 30 and not s["betweenness"]["automatic"] and s["closeness"]["automatic"],
              "an explicit sample count wins over the automatic one")


# ---- a failing worker ------------------------------------------------------

def test_worker_failure(tap, binary, data):
    run = pgtest.build(binary, data, "--formats", "json")
    for hook in ("exit", "signal"):
        out = os.path.join(run.name, "fail-" + hook)
        env = dict(os.environ, PARTYGRAPH_TEST_WORKER_FAIL=hook)
        try:
            p = build_run(binary, run.data, out, "--jobs", "2", "--weighted", env=env)
        except subprocess.TimeoutExpired:
            p = None
        err = p.stderr.decode() if p else "timed out"
        lines = [x for x in err.splitlines() if "worker" in x]
        tap.check(p is not None and p.returncode == 4 and len(lines) == 1 and "failed" in lines[0] and
                  not os.path.exists(out), f"worker {hook}: exit 4, one error line, no output", err)
    out = os.path.join(run.name, "in-process")
    p = build_run(binary, run.data, out, "--jobs", "1", "--weighted",
                  env=dict(os.environ, PARTYGRAPH_TEST_WORKER_FAIL="exit"))
    tap.check(p.returncode == 0, "--jobs 1 runs no worker process")
    beside, here = (os.path.join(run.name, name) for name in ("beside", "here"))
    p = build_run(binary, run.data, beside, "--jobs", "2", "--formats", "graphml,dot")
    q = build_run(binary, run.data, here, "--jobs", "1", "--formats", "graphml,dot",
                  env=dict(os.environ, PARTYGRAPH_TEST_LAYOUT_FAIL="signal"))
    same = p.returncode == q.returncode == 0 and all(
        open(os.path.join(beside, f), "rb").read() == open(os.path.join(here, f), "rb").read()
        for f in ("graph.graphml", "graph.dot"))
    tap.check(same, "the layout computed in a process beside the metrics (--jobs 2) equals the one computed in "
              "the process (--jobs 1, where the failing child's hook is never reached)")
    out = os.path.join(run.name, "layout-fail")
    p = build_run(binary, run.data, out, "--jobs", "2", "--formats", "graphml",
                  env=dict(os.environ, PARTYGRAPH_TEST_LAYOUT_FAIL="signal"))
    err = p.stderr.decode()
    tap.check(p.returncode == 4 and err.count("\n") == 1 and "the layout crashed computing the positions" in err
              and not os.path.exists(out), "the layout's process killed: exit 4, one error line, no output", err)


# ---- --metrics ---------------------------------------------------------------

def test_metrics_option(tap, binary, G, data):
    base = ["id", "label", "kind"]
    full = pgtest.build(binary, data, "--formats", "csv")
    attrs = [c for c in pgtest.read_csv(os.path.join(full.out, "nodes.csv"))[0] if c not in base]
    names = [c for c in attrs if c in ("degree", "strength", "in_degree", "out_degree", "in_strength",
                                       "out_strength", "coreness", "betweenness", "closeness", "harmonic",
                                       "eigenvector", "pagerank", "hub", "authority", "constraint", "effective_size",
                                       "clustering",
                                       "coordinator", "itinerant", "gatekeeper", "representative", "liaison",
                                       "community", "stability")]
    other = [c for c in attrs if c not in names]
    for asked, size_by in (("degree,closeness", None), ("betweenness", "betweenness"), ("liaison,pagerank", None)):
        extra = ["--size-by", size_by] if size_by else []
        run = pgtest.build(binary, data, "--formats", "csv,json,graphml,gexf,nodelink", "--metrics", asked, *extra)
        header = list(pgtest.read_csv(os.path.join(run.out, "nodes.csv"))[0])
        wanted = set(asked.split(",")) | {size_by or "pagerank"}
        tap.check(header == base + [x for x in names if x in wanted] + other,
                  f"--metrics {asked}: nodes.csv has exactly those columns (and the size metric)", header)
        s = summary_of(run.out)
        tap.check(set(s["metrics"]) == wanted and set(s["top"]) <= wanted,
                  f"--metrics {asked}: summary.json lists only those", (s["metrics"], list(s["top"])))
        H = nx.read_graphml(os.path.join(run.out, "graph.graphml"))
        keys = set().union(*(d.keys() for _, d in H.nodes(data=True)))
        with open(os.path.join(run.out, "graph.gexf"), encoding="utf-8") as f:
            titles = set(re.findall(r'title="([a-z_]+)"', f.read()))
        link = pgtest.read_json(os.path.join(run.out, "graph.nodelink.json"))["nodes"][0]
        tap.check(set(names) & keys == set(names) & titles == set(names) & set(link) == wanted,
                  f"--metrics {asked}: GraphML, GEXF and node-link JSON carry exactly those metrics",
                  (keys, titles, set(link)))
    run = pgtest.build(binary, data, "--formats", "csv,json", "--metrics", "degree")
    s = summary_of(run.out)
    tap.check("betweenness" not in s and "closeness" not in s and "betweenness" not in s["structure"]["centralization"]
              and s["structure"]["diameter"] is None, "--metrics degree: no path metric record, diameter null")
    p = subprocess.run([binary, "build", run.data, "-o", os.path.join(run.name, "x"), "--metrics", "degree,betweeness"],
                       capture_output=True)
    err = p.stderr.decode()
    tap.check(p.returncode == 2 and "betweeness" in err and "did you mean 'betweenness'" in err,
              "--metrics with a misspelt name: usage error with did-you-mean", err)
    p = subprocess.run([binary, "build", run.data, "--metrics", "degree,,pagerank"], capture_output=True)
    tap.check(p.returncode == 2 and b"empty" in p.stderr, "--metrics with an empty name: usage error", p.stderr)


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    G = test_graph()
    data, ids = pgtest.to_partygraph(G)
    test_parallel_exact(tap, binary, G, data, ids)
    test_sampled(tap, binary, G, data, ids)
    test_automatic(tap, binary, G, data)
    test_worker_failure(tap, binary, data)
    test_metrics_option(tap, binary, G, data)
    tap.done()


if __name__ == "__main__":
    main()
