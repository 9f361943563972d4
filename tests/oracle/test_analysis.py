"""Oracle tests for the structure reports, communities, approximate
betweenness, ego networks and paths: NetworkX and python-igraph where they
compute the same thing, Freeman's formulas for centralization, and a
brokerage case worked out by hand.

    /usr/bin/python3 tests/oracle/test_analysis.py BUILD/partygraph"""
import json
import math
import os
import random
import re
import subprocess
import sys

import igraph as ig
import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pgtest  # noqa: E402
from test_views import full_graph, karate_dataset, resolved  # noqa: E402


def summary_of(out):
    return pgtest.read_json(os.path.join(out, "summary.json"))


def column(out, name):
    return {r["id"]: pgtest.number(r[name]) for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))}


def communities_of(out):
    by = {}
    for node, c in column(out, "community").items():
        by.setdefault(int(c), set()).add(node)
    return {frozenset(s) for s in by.values()}


# ---- homophily and structure ----------------------------------------------

def test_homophily(tap, binary):
    data = karate_dataset()
    G = full_graph(data)
    run = pgtest.build(binary, data, "--by", "kind")
    s = summary_of(run.out)
    for attr in ("family", "region", "kind"):
        H = nx.Graph()
        for n in G:
            value = resolved(G, n, attr)
            if value is not None:
                H.add_node(n, a=value)
        H.add_edges_from((u, v) for u, v in G.edges() if u in H and v in H)
        r = nx.attribute_assortativity_coefficient(H, "a")
        tap.check(pgtest.close(s["assortativity"][attr], r, 1e-12),
                  f"karate: assortativity of {attr} equals NetworkX's ({r:.4f})", s["assortativity"][attr])
        values = sorted({H.nodes[n]["a"] for n in H})
        M = nx.attribute_mixing_matrix(H, "a", mapping={v: i for i, v in enumerate(values)}, normalized=False)
        want = [[int(M[i][j] if i != j else M[i][j] / 2) for j in range(len(values))] for i in range(len(values))]
        got = s["mixing"][attr]
        tap.check(got["values"] == values and got["matrix"] == want, f"karate: mixing matrix of {attr} equals NetworkX's")
        internal = sum(1 for u, v in H.edges() if H.nodes[u]["a"] == H.nodes[v]["a"])
        external = H.number_of_edges() - internal
        tap.check(pgtest.close(s["ei"][attr], (external - internal) / (external + internal), 1e-12),
                  f"karate: E-I index of {attr}")
    run.cleanup()


def freeman(values, tmax):
    """Freeman's centralization: sum of (max - value) over its maximum on a star."""
    top = max(values)
    return sum(top - x for x in values) / tmax


def test_structure(tap, binary):
    G = nx.karate_club_graph()
    data, ids = pgtest.to_partygraph(G)
    run = pgtest.build(binary, data)
    s = summary_of(run.out)["structure"]
    n = G.number_of_nodes()
    deg = [d for _, d in G.degree()]
    btw = list(nx.betweenness_centrality(G, normalized=False).values())
    clo = list(nx.closeness_centrality(G).values())
    ev = nx.eigenvector_centrality_numpy(G, weight="weight")  # the reported (weighted) values
    top = max(ev.values())
    want = {"degree": freeman(deg, (n - 1) * (n - 2)),
            "betweenness": freeman(btw, (n - 1) ** 2 * (n - 2) / 2),
            "closeness": freeman(clo, (n - 1) * (n - 2) / (2 * n - 3)),
            "eigenvector": freeman([x / top for x in ev.values()], n - 2)}
    for k, w in want.items():
        tap.check(pgtest.close(s["centralization"][k], w, 1e-6), f"karate: {k} centralization by Freeman's formula",
                  (s["centralization"][k], w))
    tap.check(s["diameter"] == nx.diameter(G), "karate: diameter")
    tap.check(pgtest.close(s["average_path_length"], nx.average_shortest_path_length(G), 1e-12), "karate: average path length")
    tap.check(pgtest.close(s["transitivity"], nx.transitivity(G), 1e-12), "karate: transitivity")
    run.cleanup()


def test_brokerage(tap, binary):
    """Groups: b, a1, a2 in A; c1 in C; d1 in D; e in E. Ties: b-a1, b-a2,
    b-c1, b-d1, a1-c1, e-a1, e-a2. Counting both directions of each
    brokered pair (a-b-c and c-b-a):
      b brokers (a1,a2) same group as b: coordinator 2; (a1,d1), (a2,c1),
        (a2,d1): b shares one end's group: representative 3, gatekeeper 3;
        (c1,d1) all different: liaison 2; (a1,c1) are tied: nothing.
      e brokers (a1,a2), both of group A, e of E: itinerant 2.
      a1 brokers (b,e): shares b's group: representative 1, gatekeeper 1;
        (c1,e): all different: liaison 2; (b,c1) are tied.
      a2 brokers (b,e): representative 1, gatekeeper 1.
      c1, d1 broker nothing."""
    groups = {"b": "A", "a1": "A", "a2": "A", "c1": "C", "d1": "D", "e": "E"}
    ties = [("b", "a1"), ("b", "a2"), ("b", "c1"), ("b", "d1"), ("a1", "c1"), ("e", "a1"), ("e", "a2")]
    data = {"parties": [{"id": n, "name": n, "team": g} for n, g in groups.items()],
            "relations": [{"type": "contact", "source": u, "target": v} for u, v in ties]}
    roles = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
    want = {"b": (2, 0, 3, 3, 2), "e": (0, 2, 0, 0, 0), "a1": (0, 0, 1, 1, 2), "a2": (0, 0, 1, 1, 0),
            "c1": (0,) * 5, "d1": (0,) * 5}
    run = pgtest.build(binary, data, "--group-by", "team")
    cols = {r: column(run.out, r) for r in roles}
    got = {n: tuple(int(cols[r][n]) for r in roles) for n in groups}
    tap.check(got == want, "Gould-Fernandez roles equal the hand-computed case", got)
    totals = summary_of(run.out)["brokerage"]["totals"]
    tap.check(totals == {r: sum(w[i] for w in want.values()) for i, r in enumerate(roles)}, "brokerage totals")
    run.cleanup()


# ---- communities -----------------------------------------------------------

def weighted_karate():
    G = nx.karate_club_graph()
    data, ids = pgtest.to_partygraph(G)
    order = sorted(G, key=lambda n: ids[n])
    g = ig.Graph(n=len(order), edges=[(order.index(u), order.index(v)) for u, v in G.edges()])
    g.es["weight"] = [d["weight"] for _, _, d in G.edges(data=True)]
    return G, data, ids, order, g


def as_sets(order, ids, membership):
    by = {}
    for i, c in enumerate(membership):
        by.setdefault(c, set()).add(ids[order[i]])
    return {frozenset(s) for s in by.values()}


def best_cut(G, ids, order, dendrogram_merges, n):
    """The cut of a merge list with the best weighted modularity (NetworkX)."""
    back = {ids[k]: k for k in ids}
    best, best_q = None, -2
    parent = list(range(n))

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x
    labels = list(range(2 * n))
    for step in range(len(dendrogram_merges) + 1):
        if step:
            a, b = dendrogram_merges[step - 1]
            new = n + step - 1
            labels[a] = labels[b] = new
            parent.append(new)
            parent[a] = parent[b] = new
        groups = {}
        for i in range(n):
            groups.setdefault(root(i), set()).add(ids[order[i]])
        parts = [{back[x] for x in s} for s in groups.values()]
        q = nx.community.modularity(G, parts, weight="weight")
        if q > best_q + 1e-12:
            best, best_q = {frozenset(s) for s in groups.values()}, q
    return best


def test_algorithms(tap, binary):
    G, data, ids, order, g = weighted_karate()
    back = {v: k for k, v in ids.items()}
    expected = {
        "walktrap": as_sets(order, ids, g.community_walktrap(weights="weight", steps=4).as_clustering().membership),
        "fastgreedy": as_sets(order, ids, g.community_fastgreedy(weights="weight").as_clustering().membership),
        "edge-betweenness": best_cut(G, ids, order, g.community_edge_betweenness(directed=False).merges, len(order)),
    }
    for algorithm in ("louvain", "leiden", "walktrap", "infomap", "label-propagation", "fastgreedy", "edge-betweenness"):
        run = pgtest.build(binary, data, "--cluster", algorithm)
        parts = communities_of(run.out)
        s = summary_of(run.out)["communities"]
        q = nx.community.modularity(G, [{back[x] for x in p} for p in parts], weight="weight")
        tap.check(s["algorithm"] == algorithm and pgtest.close(s["modularity"], q, 1e-9),
                  f"karate, {algorithm}: the reported modularity ({s['modularity']:.4f}) is the partition's")
        if algorithm in expected:
            tap.check(parts == expected[algorithm], f"karate, {algorithm}: the partition equals python-igraph's")
        run.cleanup()


def test_leiden_default(tap, binary):
    """Leiden is the default: its communities are connected (Traag et al.),
    which the oracle checks community by community with NetworkX on a graph
    of loosely tied cliques, where a partition by modularity alone may
    split; the restarts follow the graph's size."""
    G = nx.relaxed_caveman_graph(30, 8, 0.35, seed=11)
    G.remove_edges_from(list(nx.selfloop_edges(G)))  # rewiring made two; partygraph drops self-loops
    data, ids = pgtest.to_partygraph(G)
    back = {v: k for k, v in ids.items()}
    run = pgtest.build(binary, data)
    s = summary_of(run.out)["communities"]
    parts = [{back[x] for x in p} for p in communities_of(run.out)]
    tap.check(s["algorithm"] == "leiden" and s["restarts"] == 10 and s["restarts_automatic"] is True,
              "the default is leiden with 10 automatic restarts on a small graph", s)
    tap.check(all(nx.is_connected(G.subgraph(p)) for p in parts),
              f"leiden: each of the {len(parts)} communities is connected (NetworkX)")
    q = nx.community.modularity(G, parts)
    tap.check(pgtest.close(s["modularity"], q, 1e-9) and q >= igraph_multilevel_best(G, ids, 20) - 0.005,
              f"leiden: modularity {q:.4f}, within 0.005 of python-igraph's best of 20 multilevel runs or above")
    run.cleanup()
    run = pgtest.build(binary, data, "--restarts", "3")
    s = summary_of(run.out)["communities"]
    tap.check(s["restarts"] == 3 and s["restarts_automatic"] is False, "--restarts 3: three, not automatic", s)
    run.cleanup()
    # 2,000 parties, 200,000 distinct pairs: floor(10 x 100,000 / 200,000) = 5 restarts
    rng = random.Random(5)
    pairs = set()
    while len(pairs) < 200000:
        a, b = rng.randrange(2000), rng.randrange(2000)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    big = {"parties": [{"id": f"p{i}", "name": f"P{i}"} for i in range(2000)],
           "relations": [{"type": "contact", "source": f"p{a}", "target": f"p{b}"} for a, b in sorted(pairs)]}
    runs = [pgtest.build(binary, big, "--metrics", "degree,community", "--layout", "none", "--formats", "csv,json",
                         "--jobs", jobs) for jobs in ("2", "1")]
    s = summary_of(runs[0].out)["communities"]
    tap.check(s["restarts"] == 5 and s["restarts_automatic"] is True,
              "200,000 edges: 5 automatic restarts (the work of 10 runs on 100,000 edges)", s)
    same = column(runs[0].out, "community") == column(runs[1].out, "community") and \
        s == summary_of(runs[1].out)["communities"]
    tap.check(same, "the restarts shared out to 2 processes (--jobs 2) give the partition of one (--jobs 1)")
    for run in runs:
        run.cleanup()
    tmp = pgtest.build(binary, {"parties": []})
    path, out = os.path.join(tmp.name, "big.json"), os.path.join(tmp.name, "killed")
    with open(path, "w") as f:
        json.dump(big, f)
    proc = subprocess.run([binary, "build", "-q", path, "-o", out, "--metrics", "degree", "--layout", "none",
                           "--jobs", "2"], capture_output=True, env=dict(os.environ, PARTYGRAPH_TEST_COMMUNITY_FAIL="signal"))
    err = proc.stderr.decode()
    tap.check(proc.returncode == 4 and err.count("\n") == 1 and "community detection crashed sharing the restarts" in err
              and not os.path.exists(out), "a restarts process killed: exit 4, one error line, no output", err)
    tmp.cleanup()


def igraph_multilevel_best(G, ids, runs):
    """The best modularity of `runs` seeded python-igraph multilevel runs."""
    order = sorted(G.nodes(), key=lambda n: ids[n])
    index = {n: i for i, n in enumerate(order)}
    g = ig.Graph(n=len(order), edges=[(index[u], index[v]) for u, v in G.edges()])
    best = -1.0
    for seed in range(runs):
        random.seed(seed)
        ig.set_random_number_generator(random)
        best = max(best, g.community_multilevel().modularity)
    return best


def test_runs(tap, binary):
    _, data, _, _, _ = weighted_karate()
    run = pgtest.build(binary, data, "--cluster", "walktrap", "--runs", "4")
    s = summary_of(run.out)["communities"]
    stab = column(run.out, "stability")
    tap.check(s["nmi_mean"] == 1 and s["vi_mean"] == 0 and set(stab.values()) == {1.0},
              "a deterministic algorithm: runs agree fully (NMI 1, VI 0, stability 1)")
    run.cleanup()
    runs = 12
    run = pgtest.build(binary, data, "--cluster", "label-propagation", "--runs", str(runs), "--restarts", "1")
    s = summary_of(run.out)["communities"]
    stab = column(run.out, "stability")
    multiples = all(abs(x * runs - round(x * runs)) < 1e-9 and 0 < x <= 1 for x in stab.values())
    tap.check(0 < s["nmi_mean"] <= 1 and s["vi_mean"] >= 0 and multiples,
              f"label propagation x{runs}: NMI {s['nmi_mean']:.3f}, VI {s['vi_mean']:.3f}, stabilities are shares of runs")
    again = pgtest.build(binary, data, "--cluster", "label-propagation", "--runs", str(runs), "--restarts", "1")
    same = open(os.path.join(run.out, "nodes.csv")).read() == open(os.path.join(again.out, "nodes.csv")).read()
    tap.check(same, "the same seed gives the same runs, consensus and stability")
    run.cleanup()
    again.cleanup()
    G, data, ids, order, g = weighted_karate()
    back = {v: k for k, v in ids.items()}
    run = pgtest.build(binary, data, "--runs", "5", "--resolution", "0.7")
    s = summary_of(run.out)["communities"]
    parts = [{back[x] for x in p} for p in communities_of(run.out)]
    q = nx.community.modularity(G, parts, weight="weight", resolution=0.7)
    tap.check(pgtest.close(s["objective"], q, 1e-9),
              f"with --runs the objective is the consensus' modularity at the resolution ({q:.4f})", s["objective"])
    run.cleanup()
    run = pgtest.build(binary, {"parties": [{"id": f"p{i}", "name": "p"} for i in range(4)]}, "--runs", "3")
    s = summary_of(run.out)["communities"]
    tap.check(s["nmi_mean"] == 1 and s["vi_mean"] == 0 and set(column(run.out, "stability").values()) == {1.0},
              "runs on a graph without edges agree fully (NMI 1, VI 0, stability 1)")
    run.cleanup()


def test_edge_betweenness_limit(tap, binary):
    G = nx.gnm_random_graph(600, 5001, seed=3)
    data, _ = pgtest.to_partygraph(G)
    tmp = pgtest.build(binary, {"parties": []})
    path = os.path.join(tmp.name, "big.json")
    with open(path, "w") as f:
        json.dump(data, f)
    out = os.path.join(tmp.name, "eb")
    proc = pgtest.run(binary, "build", "-q", path, "-o", out, "--cluster", "edge-betweenness", check=False)
    tap.check(proc.returncode == 2 and b"at most 5000 edges, this one has 5001" in proc.stderr
              and not os.path.exists(out), "edge-betweenness on 5,001 edges: a usage error, nothing written",
              proc.stderr.decode())
    tmp.cleanup()


# ---- approximate betweenness ---------------------------------------------------

def cutoff_betweenness(G, cutoff):
    """Betweenness over shortest paths of at most `cutoff` hops, by brute force."""
    b = dict.fromkeys(G, 0.0)
    nodes = sorted(G)
    for i, s in enumerate(nodes):
        lengths = nx.single_source_shortest_path_length(G, s, cutoff=cutoff)
        for t in nodes[i + 1:]:
            if t in lengths:
                paths = list(nx.all_shortest_paths(G, s, t))
                for p in paths:
                    for v in p[1:-1]:
                        b[v] += 1 / len(paths)
    return b


def test_betweenness(tap, binary):
    G = nx.karate_club_graph()
    data, ids = pgtest.to_partygraph(G)
    back = {v: k for k, v in ids.items()}
    run = pgtest.build(binary, data, "--betweenness-samples", "8")
    s = summary_of(run.out)["betweenness"]
    sources = [back[x] for x in s["sources"]]
    sub = nx.betweenness_centrality_subset(G, sources, list(G), normalized=False)
    want = {ids[n]: x * len(G) / 8 for n, x in sub.items()}
    got = column(run.out, "betweenness")
    tap.check(s["method"] == "sampled" and s["approximate"] and len(sources) == 8 and len(set(sources)) == 8,
              "sampled betweenness is reported as approximate, with its 8 sources")
    tap.check(all(pgtest.close(got[k], want[k], 1e-9) for k in want),
              "sampled betweenness is n/K times the sources' dependencies (NetworkX's k-sample estimator)")
    run.cleanup()
    run = pgtest.build(binary, data, "--cutoff", "2")
    want = {ids[n]: x for n, x in cutoff_betweenness(G, 2).items()}
    got = column(run.out, "betweenness")
    tap.check(all(pgtest.close(got[k], want[k], 1e-9) for k in want) and summary_of(run.out)["betweenness"]["method"] == "cutoff",
              "betweenness with --cutoff 2 counts the shortest paths of at most 2 hops")
    run.cleanup()


# ---- ego networks and paths --------------------------------------------------

def test_ego(tap, binary):
    example = pgtest.load_example("cpc-interparty.json")
    G = full_graph(example)
    path = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
    for ego, radius in (("cpv", 1), ("psoe", 2), ("cpc", 1)):
        tmp = pgtest.build(binary, {"parties": []})
        out = os.path.join(tmp.name, "ego")
        proc = pgtest.run(binary, "ego", path, ego, "--radius", str(radius), "-o", out)
        want = nx.ego_graph(G, ego, radius=radius)
        got_nodes = {r["id"] for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))}
        got_edges = {tuple(sorted((r["source"], r["target"]))) for r in pgtest.read_csv(os.path.join(out, "edges.csv"))}
        tap.check(got_nodes == set(want) and got_edges == {tuple(sorted(e)) for e in want.edges()},
                  f"ego {ego} radius {radius}: the nodes and edges of NetworkX's ego graph")
        report = pgtest.read_json(os.path.join(out, "ego.json"))
        alters = [n for n in want if n != ego]
        kinds = {}
        for n in alters:
            kinds[G.nodes[n]["kind"]] = kinds.get(G.nodes[n]["kind"], 0) + 1
        dist = nx.single_source_shortest_path_length(want, ego)
        ok = (report["alters_count"] == len(alters) and report["alters_by"]["kind"] == dict(sorted(kinds.items()))
              and all(a["distance"] == dist[a["id"]] for a in report["alters"]))
        tap.check(ok, f"ego {ego}: ego.json counts the alters by kind and gives their distances")
        ties = all((a["count"] is None) == (not G.has_edge(ego, a["id"])) for a in report["alters"])
        tap.check(ties and b"alters" in proc.stdout, f"ego {ego}: direct ties only for adjacent alters; report on stdout")
        tmp.cleanup()
    data = {"mechanisms": [{"id": "m", "name": "M"}],
            "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
            "relations": [{"type": "contact", "source": "a", "target": "b"},
                          {"type": "member_of", "source": "b", "target": "m", "date": "2010", "end": "2012"},
                          {"type": "member_of", "source": "b", "target": "m", "date": "2015"}]}
    tmp = pgtest.build(binary, data)
    out = os.path.join(tmp.name, "ego")
    proc = pgtest.run(binary, "ego", tmp.data, "a", "-o", out, "--timings", check=False)
    report = pgtest.read_json(os.path.join(out, "ego.json")) if proc.returncode == 0 else {}
    tap.check(report.get("alters_by", {}).get("mechanism") == {"m": 1},
              "ego: an alter that joined a mechanism twice counts once under it", report.get("alters_by"))
    tap.check(b"communities" in proc.stderr, "ego --timings prints the stage times", proc.stderr.decode())
    tmp.cleanup()


def test_paths(tap, binary):
    example = pgtest.load_example("cpc-interparty.json")
    G = full_graph(example)
    path = os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json")
    for a, b in (("cpv", "lprp"), ("psoe", "pt-brazil"), ("skp-finland", "NPL")):
        out = pgtest.run(binary, "path", path, a, b).stdout.decode()
        listed = {tuple(re.findall(r"\(([^()]+)\)(?: -|$)", line.strip()))
                  for line in out.splitlines()[1:] if line.startswith("    ")}
        if nx.has_path(G, a, b):
            want = {tuple(p) for p in nx.all_shortest_paths(G, a, b)}
            tap.check(listed == want, f"path {a} {b}: every shortest path NetworkX finds", out)
        else:
            tap.check(out.startswith("no path between"), f"path {a} {b}: not connected, said so", out)
    # a 9x9 grid: C(16, 8) = 12870 shortest paths corner to corner, all counted, 20 listed
    G = nx.grid_2d_graph(9, 9)
    data, ids = pgtest.to_partygraph(G)
    back = {v: k for k, v in ids.items()}
    tmp = pgtest.build(binary, data)
    src, dst = ids[(0, 0)], ids[(8, 8)]
    out = pgtest.run(binary, "path", tmp.data, src, dst).stdout.decode()
    listed = [tuple(back[x] for x in re.findall(r"\(([^()]+)\)(?: -|$)", line.strip()))
              for line in out.splitlines()[1:] if "-[" in line]
    ok = (out.startswith("12870 shortest paths of length 16:") and out.rstrip().endswith("... and 12850 more")
          and len(listed) == 20 == len(set(listed))
          and all(p[0] == (0, 0) and p[-1] == (8, 8) and len(p) == 17 and nx.is_path(G, p) for p in listed)
          and listed == sorted(listed, key=lambda p: [ids[x] for x in p]))
    tap.check(ok, "grid corner to corner: 12870 paths counted, the first 20 in id order listed", out[:400])
    tmp.cleanup()
    # weighted: distance 1/weight, against NetworkX
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 2), ("b", "d", 2), ("a", "c", 1), ("c", "d", 4), ("a", "d", 0.8),
                               ("b", "c", 4), ("c", "e", 1), ("d", "e", 3)])
    for u, v, d in G.edges(data=True):
        d["length"] = 1 / d["weight"]
    data, ids = pgtest.to_partygraph(G)
    tmp = pgtest.build(binary, data)
    for s, t in (("a", "d"), ("a", "e"), ("b", "e")):
        out = pgtest.run(binary, "path", tmp.data, ids[s], ids[t], "--weighted").stdout.decode()
        got = {tuple(re.findall(r"\(([^()]+)\)(?: -|$)", line.strip())) for line in out.splitlines()[1:]}
        want = {tuple(ids[x] for x in p) for p in nx.all_shortest_paths(G, s, t, weight="length")}
        dist = nx.shortest_path_length(G, s, t, weight="length")
        tap.check(got == want and pgtest.close(float(out.split(":")[0].split()[-1]), dist, 1e-12),
                  f"weighted path {s} {t}: NetworkX's paths by 1/weight, distance {dist:.4f}", out)
    tmp.cleanup()


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    test_homophily(tap, binary)
    test_structure(tap, binary)
    test_brokerage(tap, binary)
    test_algorithms(tap, binary)
    test_leiden_default(tap, binary)
    test_runs(tap, binary)
    test_edge_betweenness_limit(tap, binary)
    test_betweenness(tap, binary)
    test_ego(tap, binary)
    test_paths(tap, binary)
    tap.done()


if __name__ == "__main__":
    main()
