"""Oracle tests for the directed measures and what came with them: in- and
out-degree and strength, HITS hub and authority scores and reciprocity
against NetworkX's DiGraph of the directed relations, built from the JSON
here; closeness centralization against Freeman's formula over NetworkX's
closeness; the star warning; the ties_<type> columns counted from the
JSON; and `ego --no-ego` against NetworkX's ego_graph without its centre.

    /usr/bin/python3 tests/oracle/test_directed.py BUILD/partygraph"""
import math
import os
import random
import sys
import warnings

import networkx as nx
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

# The built-in directed relation types (docs/input.md); the others used
# here are undirected.
DIRECTED = ("hosted", "visited", "invited", "sent_message", "awarded", "praised", "addressed", "learned_from",
            "congratulated")
UNDIRECTED = ("contact", "met", "signed")
MEASURES = ("in_degree", "out_degree", "in_strength", "out_strength", "hub", "authority")


def dataset(n, relations):
    """n parties p0..p(n-1); relations (type, source, target, weight)."""
    return {"format": "partygraph/1", "title": "directed",
            "parties": [{"id": f"p{i}", "name": f"Party {i}"} for i in range(n)],
            "relations": [{"type": t, "source": s, "target": d, "weight": w} for t, s, d, w in relations]}


def digraph(data):
    """The directed network the docs define, from the JSON: an arc s->t
    weighted by the summed weights of the directed relations from s to t."""
    D = nx.DiGraph()
    D.add_nodes_from(e["id"] for e in data["parties"])
    for r in data["relations"]:
        if r["type"] in DIRECTED and r["source"] != r["target"]:
            w = D.edges[r["source"], r["target"]]["weight"] if D.has_edge(r["source"], r["target"]) else 0
            D.add_edge(r["source"], r["target"], weight=w + r.get("weight", 1))
    return D


def undirected(data):
    G = nx.Graph()
    G.add_nodes_from(e["id"] for e in data["parties"])
    G.add_edges_from((r["source"], r["target"]) for r in data["relations"] if r["source"] != r["target"])
    return G


def hits_scores(D):
    """NetworkX's HITS, each scaled to a largest value of 1 (all 0 without
    arcs); None when the largest eigenvalue of A^T A is not simple (the
    scores are not unique then)."""
    if D.number_of_edges() == 0:
        return {n: 0.0 for n in D}, {n: 0.0 for n in D}
    A = nx.to_numpy_array(D, weight="weight")
    ev = sorted(np.linalg.eigvalsh(A.T @ A), reverse=True)
    if len(ev) > 1 and ev[0] - ev[1] < 1e-6 * ev[0]:
        return None
    h, a = nx.hits(D, max_iter=100000, tol=1e-14)
    return ({n: x / max(h.values()) for n, x in h.items()}, {n: x / max(a.values()) for n, x in a.items()})


def expected(D):
    want = {"in_degree": dict(D.in_degree()), "out_degree": dict(D.out_degree()),
            "in_strength": dict(D.in_degree(weight="weight")), "out_strength": dict(D.out_degree(weight="weight"))}
    scores = hits_scores(D)
    if scores:
        want["hub"], want["authority"] = scores
    return want


def columns(out):
    return {r["id"]: r for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))}


def compare(tap, name, data, extra=()):
    """Builds `data` and checks every directed measure and reciprocity."""
    D = digraph(data)
    run = pgtest.build(pgtest.BINARY, data, *extra)
    rows = columns(run.out)
    want = expected(D)
    for m in MEASURES:
        if m not in want:
            tap.skip(f"{name}: {m}", "the largest eigenvalue of A^T A is not simple: HITS is not unique")
            continue
        tol = 1e-6 if m in ("hub", "authority") else 1e-12
        bad = [(n, rows[n][m], x) for n, x in want[m].items() if not pgtest.close(pgtest.number(rows[n][m]), x, tol)]
        tap.check(not bad, f"{name}: {m} equals NetworkX's", bad[:5])
    s = pgtest.read_json(os.path.join(run.out, "summary.json"))["structure"]
    arcs = D.number_of_edges()
    r = nx.reciprocity(D) if arcs else None
    tap.check(s["arcs"] == arcs and (s["reciprocity"] is None if r is None else pgtest.close(s["reciprocity"], r, 1e-12)),
              f"{name}: {arcs} arcs, reciprocity {r} as NetworkX's", (s["arcs"], s["reciprocity"]))
    G = undirected(data)
    deg = {n: pgtest.number(rows[n]["degree"]) for n in rows}
    tap.check(deg == dict(G.degree()), f"{name}: degree keeps its meaning on the undirected network")
    run.cleanup()


# ---- the directed measures --------------------------------------------------

def test_small(tap):
    """p0 hosts and visits p1, p1 visits p0 back, p2 praises p0 twice, p3
    and p0 only met (undirected), p4 congratulated p2."""
    rels = [("hosted", "p0", "p1", 2), ("visited", "p0", "p1", 1), ("visited", "p1", "p0", 1),
            ("praised", "p2", "p0", 1), ("praised", "p2", "p0", 3), ("met", "p3", "p0", 5),
            ("congratulated", "p4", "p2", 1), ("contact", "p1", "p2", 1)]
    data = dataset(5, rels)
    compare(tap, "small", data)
    D = digraph(data)
    tap.check(D.out_degree("p0") == 1 and D.in_degree("p0", weight="weight") == 1 + 4 and D.in_degree("p3") == 0,
              "small: the hand count (p0 points at p1 only; p0 gets weight 5; met makes no arc)")


def test_no_arcs(tap):
    """Only undirected relations: no arc; every directed measure 0 and the
    reciprocity null."""
    data = dataset(4, [("contact", "p0", "p1", 1), ("met", "p1", "p2", 2), ("signed", "p2", "p3", 1)])
    compare(tap, "no arcs", data)
    run = pgtest.build(pgtest.BINARY, data)
    rows = columns(run.out)
    tap.check(all(rows[n][m] == "0" for n in rows for m in MEASURES), "no arcs: every directed measure is 0",
              {n: [rows[n][m] for m in MEASURES] for n in rows})
    run.cleanup()


def test_degenerate_hits(tap):
    """Graphs on which igraph 0.10.2's HITS gives no finite score (one arc;
    a star of arcs): the scores are still NetworkX's."""
    for name, rels in (("one arc", [("praised", "p0", "p1", 1)]),
                       ("out-star", [("visited", "p0", f"p{i}", 1) for i in range(1, 4)]),
                       ("in-star", [("praised", f"p{i}", "p0", i) for i in range(1, 4)])):
        compare(tap, f"HITS on {name}", dataset(4, rels + [("contact", "p2", "p3", 1)]))


def random_relations(rng, n, m):
    types = DIRECTED + UNDIRECTED
    rels = []
    for _ in range(m):
        a, b = rng.sample(range(n), 2)
        rels.append((rng.choice(types), f"p{a}", f"p{b}", round(rng.uniform(0.5, 4), 3)))
    return rels


def test_random(tap):
    rng = random.Random(16)
    for i in range(6):
        n = rng.randint(8, 40)
        data = dataset(n, random_relations(rng, n, rng.randint(n, 4 * n)))
        compare(tap, f"random graph {i} ({n} nodes, seed 16)", data)


def test_weighted_paths(tap):
    """--weighted changes path lengths, not the directed measures."""
    rng = random.Random(3)
    compare(tap, "random graph, --weighted", dataset(20, random_relations(rng, 20, 50)), ("--weighted",))


def test_metrics_choice(tap):
    data = dataset(5, [("visited", "p0", "p1", 1), ("hosted", "p1", "p2", 1), ("visited", "p2", "p0", 1)])
    run = pgtest.build(pgtest.BINARY, data, "--metrics", "hub,in_degree")
    header = pgtest.read_csv(os.path.join(run.out, "nodes.csv"))[0].keys()
    tap.check({"hub", "in_degree"} <= set(header) and not {"authority", "out_degree", "in_strength"} & set(header),
              "--metrics hub,in_degree writes those directed columns only", list(header))
    run.cleanup()


def test_projected(tap):
    """A projected view has no direction: the directed columns are empty,
    the reciprocity null with 0 arcs."""
    data = dataset(4, [("visited", "p0", "p1", 1), ("visited", "p1", "p2", 1)])
    data["events"] = [{"id": "ev1", "name": "Meeting", "date": "2020-01-01"}]
    data["relations"] += [{"type": "attended", "source": f"p{i}", "target": "ev1"} for i in range(4)]
    run = pgtest.build(pgtest.BINARY, data, "--view", "parties")
    rows = columns(run.out)
    tap.check(rows and all(rows[n][m] == "" for n in rows for m in MEASURES),
              "parties view: every directed measure is undefined (empty)", rows)
    s = pgtest.read_json(os.path.join(run.out, "summary.json"))["structure"]
    tap.check(s["arcs"] == 0 and s["reciprocity"] is None, "parties view: 0 arcs, reciprocity null", s)
    run.cleanup()


# ---- closeness centralization -----------------------------------------------

def test_closeness_centralization(tap):
    """Freeman's formula over NetworkX's closeness (Wasserman-Faust), on a
    connected and on a disconnected random graph."""
    for name, G in (("connected", nx.connected_watts_strogatz_graph(25, 4, 0.3, seed=5)),
                    ("disconnected", nx.disjoint_union(nx.gnm_random_graph(12, 20, seed=2), nx.path_graph(6)))):
        data, ids = pgtest.to_partygraph(G)
        run = pgtest.build(pgtest.BINARY, data)
        got = pgtest.read_json(os.path.join(run.out, "summary.json"))["structure"]["centralization"]["closeness"]
        n = G.number_of_nodes()
        clo = nx.closeness_centrality(G).values()
        want = sum(max(clo) - x for x in clo) / ((n - 1) * (n - 2) / (2 * n - 3))
        tap.check(pgtest.close(got, want, 1e-9), f"closeness centralization of a {name} graph by Freeman's formula",
                  (got, want))
        run.cleanup()


# ---- the star warning -------------------------------------------------------

def star_data(spokes, others):
    """A hub p0 tied to p1..p<spokes>, and `others` ties among the leaves."""
    rels = [("contact", "p0", f"p{i}", 1) for i in range(1, spokes + 1)]
    rels += [("contact", f"p{i}", f"p{i + 1}", 1) for i in range(1, others + 1)]
    return dataset(spokes + 1, rels)


def star_warnings(out):
    s = pgtest.read_json(os.path.join(out, "summary.json"))
    return [w for w in s["warnings"] if "star" in w]


def test_star(tap):
    for spokes, others in ((12, 2), (12, 4), (12, 5), (9, 0), (30, 10)):
        data = star_data(spokes, others)
        G = undirected(data)
        m = G.number_of_edges()
        hub, ties = max(G.degree(), key=lambda x: (x[1], -int(x[0][1:])))
        star = m >= 10 and ties >= 0.75 * m
        run = pgtest.build(pgtest.BINARY, data)
        got = star_warnings(run.out)
        want = ([f"the network is a star around {hub} ({ties} of {m} ties): try --exclude {hub}, or choose the "
                 "relation types with --types or --exclude-types"] if star else [])
        tap.check(got == want, f"star warning for {spokes} spokes and {others} other ties: {'yes' if star else 'no'}",
                  (got, want))
        run.cleanup()
    data = star_data(12, 2)
    tmp = pgtest.build(pgtest.BINARY, data)
    ego = tmp.out + "-ego"
    pgtest.run(pgtest.BINARY, "ego", "-q", tmp.data, "p0", "-o", ego)
    got = star_warnings(ego)
    tap.check(got == ["the network is a star around the ego p0 (12 of 14 ties): try --no-ego"],
              "an ego network that is a star around its ego: try --no-ego", got)
    proc = pgtest.run(pgtest.BINARY, "build", tmp.data, "-o", tmp.out + "2")
    text = proc.stdout.decode()
    tap.check("warning: the network is a star around p0 (12 of 14 ties): try --exclude p0" in text,
              "the printed summary has the star warning line", text[:600])
    tmp.cleanup()


# ---- tie counts by type -----------------------------------------------------

def test_ties_by_type(tap):
    rng = random.Random(7)
    data = dataset(15, random_relations(rng, 15, 45))
    want = {}
    for r in data["relations"]:
        for end in (r["source"], r["target"]):
            want.setdefault(end, {}).setdefault(r["type"], 0)
            want[end][r["type"]] += 1
    types = sorted({r["type"] for r in data["relations"]})
    run = pgtest.build(pgtest.BINARY, data, "--formats", "csv,graphml,gexf")
    rows = columns(run.out)
    header = [k for k in next(iter(rows.values())).keys() if k.startswith("ties_")]
    tap.check(header == [f"ties_{t}" for t in types], "nodes.csv: one ties_<type> column per type present, sorted",
              header)
    bad = [(n, t) for n in rows for t in types if int(rows[n][f"ties_{t}"]) != want.get(n, {}).get(t, 0)]
    tap.check(not bad, "nodes.csv: each node's relations by type, counted from the JSON", bad[:5])
    graphml = open(os.path.join(run.out, "graph.graphml"), encoding="utf-8").read()
    tap.check(all(f'attr.name="ties_{t}"' in graphml for t in types), "graph.graphml: a node key per ties_ column")
    run.cleanup()


# XML 1.0 (fifth edition) NameChar, productions [4] and [4a], as the spec
# writes its ranges.
NAME_CHARS = [(0x3A, 0x3A), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A), (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF),
              (0x370, 0x37D), (0x37F, 0x1FFF), (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF),
              (0x3001, 0xD7FF), (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
              (0x2D, 0x2D), (0x2E, 0x2E), (0x30, 0x39), (0xB7, 0xB7), (0x300, 0x36F), (0x203F, 0x2040)]


def column_of(t):
    """The column name of type t: each character other than an XML
    NameChar (letters and digits of any script, _ . -), and ':', written
    as one _ per byte (docs/outputs.md)."""
    def keep(ch):
        return ch != ":" and any(lo <= ord(ch) <= hi for lo, hi in NAME_CHARS)
    return "ties_" + "".join(ch if keep(ch) else "_" * len(ch.encode("utf-8")) for ch in t)


def test_ties_free_text_types(tap):
    """Types are free text: "a b" and "a_b" share the column ties_a_b,
    a hostile name gets one that follows the id rule, Chinese ones keep
    their letters (two of as many bytes are two columns),
    and every writer stays valid (the outputs suites run xmllint)."""
    types = ["a b", "a_b", '=SUM(1) "t" <&>', "访问", "会谈", "Zoë:×", "visited"]
    rng = random.Random(5)
    data = dataset(8, [(rng.choice(types), *[f"p{i}" for i in rng.sample(range(8), 2)], 1) for _ in range(30)])
    want = {}
    for r in data["relations"]:
        for end in (r["source"], r["target"]):
            want.setdefault(end, {}).setdefault(column_of(r["type"]), 0)
            want[end][column_of(r["type"])] += 1
    names = sorted({column_of(r["type"]) for r in data["relations"]})
    run = pgtest.build(pgtest.BINARY, data, "--formats", "csv,graphml,gexf")
    rows = columns(run.out)
    header = [k for k in next(iter(rows.values())).keys() if k.startswith("ties_")]
    tap.check(header == names, "free-text types: column names with _ for other bytes, shared when equal",
              (header, names))
    bad = [(n, c) for n in rows for c in names if int(rows[n][c]) != want.get(n, {}).get(c, 0)]
    tap.check(not bad, "free-text types: the counts of the types sharing a column add up", bad[:5])
    for f in ("graph.graphml", "graph.gexf"):
        proc = pgtest.run("xmllint", "--noout", os.path.join(run.out, f), check=False)
        tap.check(proc.returncode == 0, f"free-text types: {f} is well-formed", proc.stderr.decode()[:400])
    run.cleanup()


# ---- ego --no-ego -----------------------------------------------------------

def test_no_ego(tap):
    G = nx.gnm_random_graph(40, 90, seed=11)
    data, ids = pgtest.to_partygraph(G)
    for radius in (1, 2):
        centre = max(G.degree(), key=lambda x: x[1])[0]
        H = nx.ego_graph(G, centre, radius=radius)
        H.remove_node(centre)
        tmp = pgtest.build(pgtest.BINARY, data)
        out = tmp.out + "-ego"
        pgtest.run(pgtest.BINARY, "ego", "-q", tmp.data, ids[centre], "--radius", str(radius), "--no-ego", "-o", out)
        rows = columns(out)
        tap.check(set(rows) == {ids[n] for n in H}, f"--no-ego radius {radius}: the alters, without the ego",
                  sorted(set(rows) ^ {ids[n] for n in H}))
        summary = pgtest.read_json(os.path.join(out, "summary.json"))
        tap.check(summary["edges"] == H.number_of_edges(), f"--no-ego radius {radius}: the edges among the alters",
                  (summary["edges"], H.number_of_edges()))
        btw = nx.betweenness_centrality(H, normalized=False)
        bad = [n for n in H if not pgtest.close(pgtest.number(rows[ids[n]]["betweenness"]), btw[n], 1e-9)
               or pgtest.number(rows[ids[n]]["degree"]) != H.degree(n)]
        tap.check(not bad, f"--no-ego radius {radius}: degree and betweenness of the alters among themselves", bad)
        tap.check(not os.path.exists(os.path.join(out, "ego.json")), f"--no-ego radius {radius}: no ego report")
        tmp.cleanup()


def main():
    warnings.simplefilter("ignore", FutureWarning)  # NetworkX 2.8's hits about NetworkX 3.0
    pgtest.BINARY = sys.argv[1]
    tap = pgtest.Tap()
    for test in (test_small, test_no_arcs, test_degenerate_hits, test_random, test_weighted_paths, test_metrics_choice, test_projected,
                 test_closeness_centralization, test_star, test_ties_by_type, test_ties_free_text_types, test_no_ego):
        test(tap)
    tap.done()


if __name__ == "__main__":
    main()
