"""The script a user would write instead of partygraph: load the JSON,
merge relations (and the implied ones) into weighted edges, compute the
same metrics and Louvain with 10 restarts, write GraphML.

    /usr/bin/python3 peer.py igraph|networkx DATA.json OUT.graphml

Stage-timed modes (python-igraph; scripts/bench-scale.sh): each prints one
"STAGE SECONDS" line per stage, timed inside this process (no interpreter
start-up, no import), then "nodes N" and "edges M".

    peer.py parse DATA.json                   json.load alone
    peer.py load DATA.json                    json.load, merge, igraph.Graph
    peer.py graphml DATA.json OUT.graphml     load, then write_graphml
    peer.py e2e DATA.json OUT.graphml METRICS load, the comma-separated
                                              METRICS, one Louvain run
                                              (community_multilevel), GraphML;
                                              then "modularity Q" of the run
    peer.py betweenness DATA.json             load, exact betweenness
    peer.py edgelist DATA.json OUT            load, then write the graph as
                                              "N", then "A B WEIGHT" lines
    peer.py louvain EDGES SEED                one community_multilevel run on
                                              that edge list (and "modularity Q")

The graph of these modes carries what a user would keep of each entity: its
id (name), its name (label) and its kind."""
import json
import sys
import time


def edges_of(data):
    ids = sorted(e["id"] for k in ("countries", "parties", "mechanisms", "events") for e in data.get(k, []))
    index = {x: i for i, x in enumerate(ids)}
    merged = {}

    def add(a, b, w):
        if a != b:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            merged[key] = merged.get(key, 0) + w
    for p in data.get("parties", []):
        if "country" in p:
            add(p["id"], p["country"], 1)
    for e in data.get("events", []):
        for f in ("country", "mechanism", "host"):
            if f in e:
                add(e["id"], e[f], 1)
    for r in data["relations"]:
        add(r["source"], r["target"], r.get("weight", 1))
    return ids, merged


def with_igraph(ids, merged, out):
    import random
    import igraph as ig
    g = ig.Graph(n=len(ids), edges=list(merged))
    g.vs["name"] = ids
    w = list(merged.values())
    g.es["weight"] = w
    g.vs["degree"] = g.degree()
    g.vs["strength"] = g.strength(weights=w)
    g.vs["coreness"] = g.coreness()
    g.vs["betweenness"] = g.betweenness()
    g.vs["closeness"] = g.closeness()
    g.vs["harmonic"] = g.harmonic_centrality(normalized=False)
    g.vs["eigenvector"] = g.eigenvector_centrality(weights=w)
    g.vs["pagerank"] = g.pagerank(weights=w)
    g.vs["constraint"] = g.constraint(weights=w)
    g.vs["clustering"] = g.transitivity_local_undirected(mode="zero")
    best = None
    for seed in range(10):
        random.seed(42 + seed)
        ig.set_random_number_generator(random)
        c = g.community_multilevel(weights=w)
        if best is None or c.modularity > best.modularity:
            best = c
    g.vs["community"] = best.membership
    g.write_graphml(out)


def with_networkx(ids, merged, out):
    import networkx as nx
    G = nx.Graph()
    G.add_nodes_from(range(len(ids)))
    G.add_weighted_edges_from((u, v, w) for (u, v), w in merged.items())
    metrics = {
        "degree": dict(G.degree()), "strength": dict(G.degree(weight="weight")), "coreness": nx.core_number(G),
        "betweenness": nx.betweenness_centrality(G, normalized=False), "closeness": nx.closeness_centrality(G),
        "harmonic": nx.harmonic_centrality(G), "eigenvector": nx.eigenvector_centrality_numpy(G, weight="weight"),
        "pagerank": nx.pagerank(G, weight="weight"), "constraint": nx.constraint(G, weight="weight"),
        "clustering": nx.clustering(G),
    }
    best = max((nx.community.louvain_communities(G, weight="weight", seed=42 + s) for s in range(10)),
               key=lambda p: nx.community.modularity(G, p, weight="weight"))
    for i, part in enumerate(best):
        for n in part:
            G.nodes[n]["community"] = i
    for name, values in metrics.items():
        nx.set_node_attributes(G, {n: float(v) for n, v in values.items()}, name)
    nx.write_graphml(G, out)


class Stages:
    """Times the stages of one run and prints them as they end."""

    def __init__(self):
        self.last = time.perf_counter()

    def done(self, name):
        now = time.perf_counter()
        print(f"{name} {now - self.last:.3f}", flush=True)
        self.last = now


KINDS = {"countries": "country", "parties": "party", "mechanisms": "mechanism", "events": "event"}

# python-igraph calls for partygraph's metric names (docs/network.md, "Metrics").
METRICS = {
    "degree": lambda g, w: g.degree(),
    "strength": lambda g, w: g.strength(weights=w),
    "coreness": lambda g, w: g.coreness(),
    "betweenness": lambda g, w: g.betweenness(),
    "closeness": lambda g, w: g.closeness(),
    "harmonic": lambda g, w: g.harmonic_centrality(normalized=False),
    "eigenvector": lambda g, w: g.eigenvector_centrality(weights=w),
    "pagerank": lambda g, w: g.pagerank(weights=w),
    "constraint": lambda g, w: g.constraint(weights=w),
    "clustering": lambda g, w: g.transitivity_local_undirected(mode="zero"),
}


def load_graph(path, stages):
    """json.load, merge and igraph.Graph, each stage timed."""
    import igraph as ig
    with open(path) as f:
        data = json.load(f)
    stages.done("parse")
    ids, merged = edges_of(data)
    entity = {e["id"]: (e.get("name", e["id"]), KINDS[k]) for k in KINDS for e in data.get(k, [])}
    del data
    stages.done("merge")
    g = ig.Graph(n=len(ids), edges=list(merged))
    g.vs["name"] = ids
    g.vs["label"] = [entity[x][0] for x in ids]
    g.vs["kind"] = [entity[x][1] for x in ids]
    g.es["weight"] = list(merged.values())
    stages.done("build")
    return g


def staged(mode, args):
    """The stage-timed modes: see the top of the file."""
    if mode != "parse":
        import igraph  # noqa: F401 (imported before the clock starts)
    stages = Stages()
    if mode == "parse":
        with open(args[0]) as f:
            json.load(f)
        stages.done("parse")
        return
    g = load_graph(args[0], stages)
    w = g.es["weight"]
    if mode == "e2e":
        for name in args[2].split(","):
            g.vs[name] = METRICS[name](g, w)
            stages.done(name)
        import random
        import igraph as ig
        random.seed(42)
        ig.set_random_number_generator(random)
        clusters = g.community_multilevel(weights=w)
        g.vs["community"] = clusters.membership
        stages.done("louvain")
    if mode == "betweenness":
        g.vs["betweenness"] = g.betweenness()
        stages.done("betweenness")
    if mode in ("graphml", "e2e"):
        g.write_graphml(args[1])
        stages.done("write_graphml")
    print(f"nodes {g.vcount()}\nedges {g.ecount()}")
    if mode == "e2e":
        print(f"modularity {clusters.modularity:.6f}")


def edgelist(data, out):
    """The merged graph as an edge list, for louvain() and louvain.c."""
    g = load_graph(data, Stages())
    with open(out, "w") as f:
        f.write(f"{g.vcount()}\n")
        f.writelines(f"{a} {b} {w!r}\n" for (a, b), w in zip(g.get_edgelist(), g.es["weight"]))


def louvain(edges, seed):
    """One Louvain run of python-igraph's own igraph core, seeded."""
    import random
    import igraph as ig
    with open(edges) as f:
        n = int(f.readline())
        pairs, weights = [], []
        for line in f:
            a, b, w = line.split()
            pairs.append((int(a), int(b)))
            weights.append(float(w))
    g = ig.Graph(n=n, edges=pairs)
    random.seed(int(seed))
    ig.set_random_number_generator(random)
    stages = Stages()
    membership = g.community_multilevel(weights=weights).membership
    stages.done("louvain")
    print(f"modularity {g.modularity(membership, weights=weights):.6f}")


def main():
    if len(sys.argv) > 2 and sys.argv[1] in ("parse", "load", "graphml", "e2e", "betweenness"):
        staged(sys.argv[1], sys.argv[2:])
        return
    if len(sys.argv) == 4 and sys.argv[1] in ("edgelist", "louvain"):
        (edgelist if sys.argv[1] == "edgelist" else louvain)(sys.argv[2], sys.argv[3])
        return
    tool, path, out = sys.argv[1:4]
    with open(path) as f:
        data = json.load(f)
    ids, merged = edges_of(data)
    (with_igraph if tool == "igraph" else with_networkx)(ids, merged, out)


if __name__ == "__main__":
    main()
