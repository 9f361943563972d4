#!/usr/bin/python3
"""layouts.py: which layout shows a network's structure best? Measures the
layouts partygraph offers (--layout NAME, read back from graph.graphml) and,
with --igraph, igraph's others (python-igraph 0.10, on the same graph) and
stress majorization (numpy) by what a reader
sees, each layout scaled so that its mean edge is 1:

  stress     how far drawn distances are from the graph's (shortest-path
             hops), sum of ((|xi-xj| - d) / d)^2 over connected pairs,
             per pair, at the scale that fits best (Gansner et al. 2004):
             lower is better; the structure is what a reader reads off it;
  crossings  pairs of edges that cross (sharing no end);
  piled      pairs of nodes nearer than 0.25 mean edges: a pile;
  nn-cv      coefficient of variation of the nearest-neighbour distance:
             how unevenly the nodes fill the drawing;
  seconds    the time the layout took (partygraph: the whole build).

    /usr/bin/python3 scripts/bench/layouts.py BUILD/partygraph DATA.json [--igraph]

A tool for choosing a default, not a test: the table goes into the issue
note and docs/performance.md."""
import math
import os
import subprocess
import sys
import tempfile
import time

import igraph as ig
import networkx as nx
import numpy as np


def load(partygraph, data, layout, out):
    t = time.perf_counter()
    subprocess.run([partygraph, "build", data, "-o", out, "--formats", "graphml", "--layout", layout, "-q"],
                   check=True)
    seconds = time.perf_counter() - t
    g = nx.read_graphml(os.path.join(out, "graph.graphml"))
    return g, {v: (float(a["x"]), float(a["y"])) for v, a in g.nodes(data=True) if "x" in a}, seconds


def hops(g, ids):
    index = {v: i for i, v in enumerate(ids)}
    d = np.full((len(ids), len(ids)), np.inf)
    for s, row in nx.all_pairs_shortest_path_length(g):
        for t, k in row.items():
            d[index[s], index[t]] = k
    return d


def normalised(g, ids, pos):
    xy = np.array([pos[v] for v in ids], dtype=float)
    index = {v: i for i, v in enumerate(ids)}
    lengths = [np.linalg.norm(xy[index[u]] - xy[index[v]]) for u, v in g.edges() if u != v]
    mean = sum(lengths) / len(lengths) if lengths and sum(lengths) > 0 else 1.0
    return xy / mean, index


def stress(xy, d):
    iu = np.triu_indices(len(xy), 1)
    dd = d[iu]
    keep = np.isfinite(dd) & (dd > 0)
    dd = dd[keep]
    drawn = np.linalg.norm(xy[iu[0][keep]] - xy[iu[1][keep]], axis=1)
    w = dd ** -2.0
    s = (w * drawn * dd).sum() / max((w * drawn * drawn).sum(), 1e-300)  # the best scale
    return float((w * (s * drawn - dd) ** 2).sum() / len(dd))


def cross(p, q, r, s):
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return int(v > 1e-12) - int(v < -1e-12)
    return orient(p, q, r) * orient(p, q, s) < 0 and orient(r, s, p) * orient(r, s, q) < 0


def crossings(g, xy, index):
    edges = [(index[u], index[v]) for u, v in g.edges() if u != v]
    n = 0
    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 1:]:
            if len({a, b, c, d}) == 4 and cross(xy[a], xy[b], xy[c], xy[d]):
                n += 1
    return n


def spacing(xy):
    diff = xy[:, None, :] - xy[None, :, :]
    dist = np.sqrt((diff ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    piled = int((dist < 0.25).sum() // 2)
    nn = dist.min(1)
    return piled, float(nn.std() / nn.mean()) if nn.mean() > 0 else 0.0


def measure(g, ids, d, pos):
    xy, index = normalised(g, ids, pos)
    piled, cv = spacing(xy)
    return stress(xy, d), crossings(g, xy, index), piled, cv


def smacof(d, iterations=300):
    """Stress majorization (Gansner, Koren and North 2004), weights d^-2,
    from a seeded random start; pairs in different components are drawn
    one hop further apart than the farthest connected pair."""
    n = len(d)
    dd = d.copy()
    finite = np.isfinite(dd)
    dd[~finite] = dd[finite].max() + 1
    w = np.zeros_like(dd)
    w[dd > 0] = dd[dd > 0] ** -2.0
    lw = -w.copy()
    np.fill_diagonal(lw, w.sum(1))
    lp = np.linalg.pinv(lw)
    x = np.random.default_rng(42).random((n, 2))
    for _ in range(iterations):
        dist = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
        dist[dist == 0] = 1e-9
        b = -w * dd / dist
        np.fill_diagonal(b, 0)
        np.fill_diagonal(b, -b.sum(1))
        nx_ = lp @ (b @ x)
        if np.abs(nx_ - x).max() < 1e-5:
            return nx_
        x = nx_
    return x


def igraph_layouts(g, ids, d):
    h = ig.Graph(n=len(ids), edges=[(ids.index(u), ids.index(v)) for u, v in g.edges() if u != v])
    h.es["weight"] = [float(a.get("weight", 1)) for u, v, a in g.edges(data=True) if u != v]
    made = {
        "igraph fr": lambda: h.layout_fruchterman_reingold(weights="weight", niter=500, seed=None),
        "igraph kk": lambda: h.layout_kamada_kawai(),
        "igraph mds": lambda: h.layout_mds(),
        "igraph dh": lambda: h.layout_davidson_harel(),
        "igraph graphopt": lambda: h.layout_graphopt(),
        "igraph umap": lambda: h.layout_umap(),
        "stress (numpy)": lambda: [tuple(p) for p in smacof(d)],
    }
    for name, make in made.items():
        ig.set_random_number_generator(__import__("random").Random(42))
        t = time.perf_counter()
        try:
            layout = make()
        except Exception as e:  # a layout this igraph lacks
            print(f"{name}: {e}", file=sys.stderr)
            continue
        yield name, {ids[i]: tuple(layout[i]) for i in range(len(ids))}, time.perf_counter() - t


def main():
    partygraph, data = sys.argv[1], sys.argv[2]
    layouts = [a for a in sys.argv[3:] if not a.startswith("--")] or ["fr", "kk", "drl"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        g = None
        for layout in layouts:
            g, pos, seconds = load(partygraph, data, layout, os.path.join(tmp, layout))
            ids = sorted(g.nodes())
            d = hops(g, ids)
            rows.append((f"partygraph {layout}",) + measure(g, ids, d, pos) + (seconds,))
        if "--igraph" in sys.argv:
            for name, pos, seconds in igraph_layouts(g, ids, d):
                rows.append((name,) + measure(g, ids, d, pos) + (seconds,))
    print(f"{'layout':20} {'stress':>8} {'crossings':>9} {'piled':>6} {'nn-cv':>6} {'seconds':>8}")
    for name, s, c, p, cv, seconds in rows:
        print(f"{name:20} {s:8.4f} {c:9d} {p:6d} {cv:6.3f} {seconds:8.3f}")


if __name__ == "__main__":
    main()
