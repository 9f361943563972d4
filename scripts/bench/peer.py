"""The script a user would write instead of partygraph: load the JSON,
merge relations (and the implied ones) into weighted edges, compute the
same metrics and Louvain with 10 restarts, write GraphML.

    /usr/bin/python3 peer.py igraph|networkx DATA.json OUT.graphml"""
import json
import sys


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


def main():
    tool, path, out = sys.argv[1:4]
    with open(path) as f:
        data = json.load(f)
    ids, merged = edges_of(data)
    (with_igraph if tool == "igraph" else with_networkx)(ids, merged, out)


if __name__ == "__main__":
    main()
