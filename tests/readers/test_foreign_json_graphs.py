"""JSON Graph Format with hyperedges and its default direction, and
EveryPolitician's Popolo (persons, memberships, areas), against what this
test reads from the same files itself.

The corpus is tests/data/foreign/jgf/ (JGF 2 with directed hyperedges and
no "directed", JGF 2 undirected with hyperedges, JGF 1 in "graphs") and
tests/data/foreign/popolo/ (an EveryPolitician-shaped Estonia: persons, a
legislature, parties, memberships on behalf of parties in constituencies,
legislative periods, posts). The expectations are computed here by parsing
the JSON by the rules of docs/input.md (a hyperedge is an event attended by
its members; a person's membership of a party is belongs_to, of another
organization member_of; on_behalf_of_id one belongs_to per person and
party; constituencies no nodes); partygraph reads each (`build
--nodelink`) and its nodes, edges, counts, weights and attributes are
compared. Then the warnings (one per kind), and errors at their place.

    /usr/bin/python3 tests/readers/test_foreign_json_graphs.py BUILD/partygraph"""
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
HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "data", "foreign")
TMP = tempfile.TemporaryDirectory(prefix="pgjsongraphs-")
tap = pgtest.Tap()


def corpus(*parts):
    return os.path.join(CORPUS, *parts)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_back(path):
    """partygraph's network of `path` (nodes keyed by the id as the file
    wrote it), its graph attributes and the stderr."""
    out = os.path.join(TMP.name, "out.json")
    proc = pgtest.run(BIN, "build", "-q", path, "--nodelink", out, "--layout", "none")
    doc = load(out)
    G = json_graph.node_link_graph(doc)
    names = {n: d.get("original_id") or n for n, d in G.nodes(data=True)}
    return nx.relabel_nodes(G, names), doc["graph"], proc.stderr.decode()


def edges_of(G):
    """{frozenset(u, v): edge data} of partygraph's undirected network."""
    return {frozenset((u, v)): d for u, v, d in G.edges(data=True)}


def node(G, v):
    """The attributes of node v, or {} when partygraph has no such node."""
    return G.nodes[v] if v in G else {}


def warnings_about(err, text):
    return [line for line in err.splitlines() if "warning:" in line and text in line]


class Expect:
    """The network a file should give: nodes {id: (kind, name)}, edges
    {pair: {"types": set, "weight": sum, "count": n}}."""

    def __init__(self):
        self.nodes, self.edges = {}, {}

    def edge(self, u, v, typ, weight=1.0):
        e = self.edges.setdefault(frozenset((u, v)), {"types": set(), "weight": 0.0, "count": 0})
        e["types"].add(typ)
        e["weight"] += weight
        e["count"] += 1


def compare(what, G, want):
    got_nodes = {v: (d["kind"], d["label"]) for v, d in G.nodes(data=True)}
    tap.check(got_nodes == want.nodes, f"{what}: every node, with its kind and name",
              {"missing": {k: v for k, v in want.nodes.items() if got_nodes.get(k) != v},
               "extra": {k: v for k, v in got_nodes.items() if want.nodes.get(k) != v}})
    got = edges_of(G)
    tap.check(set(got) == set(want.edges), f"{what}: the same edges",
              {"missing": [tuple(k) for k in set(want.edges) - set(got)], "extra": [tuple(k) for k in set(got) - set(want.edges)]})
    bad = {tuple(sorted(k)): (set(got[k]["types"].split(";")), got[k]["count"], got[k]["weight"], w)
           for k, w in want.edges.items() if k in got and
           (set(got[k]["types"].split(";")) != w["types"] or got[k]["count"] != w["count"] or
            not pgtest.close(got[k]["weight"], w["weight"], 1e-12))}
    tap.check(not bad, f"{what}: each edge's types, count of relations and weight", bad)


# ---- JSON Graph Format ------------------------------------------------------------------

def jgf_graph(doc):
    return doc["graph"] if "graph" in doc else doc["graphs"][0]


def jgf_nodes(g):
    items = g["nodes"].items() if isinstance(g["nodes"], dict) else ((n["id"], n) for n in g["nodes"])
    return dict(items)


def hyper_ids(g, node_ids):
    """The id of each hyperedge: its own when no node (or earlier
    hyperedge) has it, else hyperedge-N (then -2, -3, ...)."""
    taken, out = set(node_ids), []
    for i, h in enumerate(g.get("hyperedges", [])):
        hid = h.get("id")
        if not hid or hid in taken:
            hid, k = f"hyperedge-{i + 1}", 2
            while hid in taken:
                hid, k = f"hyperedge-{i + 1}-{k}", k + 1
        taken.add(hid)
        out.append(hid)
    return out


def members(h):
    """(member, role) of a hyperedge: its nodes, or its source and target."""
    return [(m, None) for m in h.get("nodes", [])] + [(m, r) for r in ("source", "target") for m in h.get(r, [])]


def jgf_expect(g):
    want, nodes = Expect(), jgf_nodes(g)
    kinds = {}
    for nid, n in nodes.items():
        kinds[nid] = n.get("metadata", {}).get("kind", "node")  # no kind: the generic kind
        want.nodes[nid] = (kinds[nid], n.get("label", nid))
    for e in g.get("edges", []):
        meta = e.get("metadata", {})
        want.edge(e["source"], e["target"], e.get("relation", meta.get("type", "contact")), meta.get("weight", 1))
    for hid, h in zip(hyper_ids(g, nodes), g.get("hyperedges", [])):
        meta = h.get("metadata", {})
        kinds[hid] = meta.get("kind", "event")
        want.nodes[hid] = (kinds[hid], h.get("label", hid))
        w = meta.get("weight", 1)
        for m, _ in members(h):
            want.edge(m, hid, "attended" if kinds[hid] == "event" else "member_of", w)
        if kinds[hid] == "event" and kinds.get(meta.get("mechanism")) == "mechanism":
            want.edge(hid, meta["mechanism"], "part_of")  # an event's mechanism implies part_of
    return want


JGF_FILES = ["v2-directed-hyperedges.json", "v2-undirected-hyperedges.json", "v1-graphs-hyperedges.json"]
for name in JGF_FILES:
    path = corpus("jgf", name)
    g = jgf_graph(load(path))
    G, graph, err = read_back(path)
    compare(f"JGF {name}", G, jgf_expect(g))
    tap.check(graph.get("title") == g.get("label"), f"JGF {name}: the graph's label is the title", graph)
    hs = g.get("hyperedges", [])
    ids = hyper_ids(g, jgf_nodes(g))
    bad = {}
    for hid, h in zip(ids, hs):
        meta = dict(h.get("metadata", {}))
        meta.pop("kind", None)
        if "mechanism_kind" in meta:
            meta["mechanism_kind"] = meta["mechanism_kind"]
        if "relation" in h and node(G, hid).get("kind") == "event":
            meta["type"] = h["relation"]
        if h.get("id") and h["id"] != hid:
            meta["jgf_id"] = h["id"]
        got = {k: node(G, hid).get(k) for k in meta}
        if got != meta:
            bad[hid] = (got, meta)
    tap.check(not bad, f"JGF {name}: a hyperedge's metadata, relation (as type) and own id are its node's", bad)
    roles = {}
    for hid, h in zip(ids, hs):
        for m, r in members(h):
            roles.setdefault(frozenset((m, hid)), set()).add(r)
    got = edges_of(G)
    bad = {tuple(sorted(k)): (got.get(k, {}).get("role"), r) for k, r in roles.items() if len(r) == 1 and
           got.get(k, {}).get("role") != next(iter(r))}
    tap.check(not bad, f"JGF {name}: a directed hyperedge's ties have role source or target", bad)
    directed = g.get("directed", True)
    tap.check(len(warnings_about(err, "a directed graph")) == (1 if directed else 0),
              f"JGF {name}: one warning when the graph is directed (by default too), none when it is not", err)
    dropped = [k for k in g if k not in ("label", "directed", "nodes", "edges", "hyperedges")]
    tap.check(all(len(warnings_about(err, f"the graph's \"{k}\" is not kept")) == 1 for k in dropped) and
              len(warnings_about(err, "the graph's")) == len(dropped),
              f"JGF {name}: one warning for each member of the graph not kept ({', '.join(dropped) or 'none'})", err)

# ---- Popolo (EveryPolitician) ------------------------------------------------------------

POP = corpus("popolo", "everypolitician-estonia.json")
P = load(POP)


def area_class(a):
    return a.get("classification", a.get("type"))


def popolo_expect(doc):
    want = Expect()
    kinds = {}
    areas = {a["id"]: a for a in doc["areas"]}
    for a in doc["areas"]:
        if str(area_class(a)).lower() == "country":
            kinds[a["id"]] = "country"
    for o in doc["organizations"]:
        kinds[o["id"]] = "party" if o.get("classification", "").lower() in ("party", "political party") else "mechanism"
    for p in doc["persons"]:
        kinds[p["id"]] = "person"
    for ev in doc["events"]:
        kinds[ev["id"]] = "event"
    names = {x["id"]: x.get("name", x["id"]) for k in ("areas", "organizations", "persons", "events") for x in doc[k]}
    want.nodes = {i: (k, names[i]) for i, k in kinds.items()}
    for o in doc["organizations"]:
        if kinds[o["id"]] == "party" and kinds.get(o.get("area_id")) == "country":
            want.edge(o["id"], o["area_id"], "based_in")
    for ev in doc["events"]:
        if kinds.get(ev.get("organization_id")) == "mechanism":
            want.edge(ev["id"], ev["organization_id"], "part_of")
    direct, behalf = set(), []
    for m in doc["memberships"]:
        member, org = m.get("person_id", m.get("member_id")), m.get("organization_id")
        person = kinds.get(member) == "person"
        typ = "belongs_to" if person and kinds[org] == "party" else "member_of"
        want.edge(member, org, typ)
        if typ == "belongs_to":
            direct.add((member, org))
        if person and "on_behalf_of_id" in m:
            behalf.append((member, m["on_behalf_of_id"]))
    for pair in dict.fromkeys(behalf):  # once per person and party, in order
        if pair not in direct:
            want.edge(*pair, "belongs_to")
    return want, areas


want, areas = popolo_expect(P)
G, graph, err = read_back(POP)
compare("Popolo (EveryPolitician)", G, want)
counts = {k: sum(1 for v in want.nodes.values() if v[0] == k) for k in ("person", "party", "mechanism", "country", "event")}
tap.check(counts == {"person": len(P["persons"]), "party": 6, "mechanism": 2, "country": 1, "event": len(P["events"])},
          "Popolo: the corpus has what the test means it to (persons, parties, legislature, a country, terms)", counts)
tap.check(not any(a["id"] in G for a in P["areas"] if area_class(a) != "country"),
          "Popolo: constituencies are no nodes (and never countries)")
got = edges_of(G)
n_person_memberships = sum(1 for m in P["memberships"] if "person_id" in m)
tap.check(sum(d["count"] for k, d in got.items() if any(node(G, v).get("kind") == "person" for v in k)) ==
          n_person_memberships + sum(1 for k, w in want.edges.items() if "belongs_to" in w["types"] and w["count"] == 1 and
                                     not any(m.get("organization_id") in k and m.get("person_id") in k for m in P["memberships"])),
          "Popolo: every membership of a person is a relation, each on_behalf_of pair one more")

# a membership's attributes: its area's name, period, party, role, dates
bad = {}
for m in P["memberships"]:
    k = frozenset((m.get("person_id"), m.get("organization_id")))
    if "person_id" not in m or "area_id" not in m or got.get(k, {}).get("count", 1) != 1:
        continue
    d = got.get(k, {})
    want_attrs = {"area": areas[m["area_id"]]["name"], "area_id": m["area_id"], "role": m["role"],
                  "legislative_period_id": m["legislative_period_id"], "on_behalf_of_id": m["on_behalf_of_id"],
                  "first": m["start_date"], "last": m.get("end_date", m["start_date"])}
    if {a: d.get(a) for a in want_attrs} != want_attrs:
        bad[m["person_id"]] = ({a: d.get(a) for a in want_attrs}, want_attrs)
tap.check(not bad and len(bad) < n_person_memberships, "Popolo: a membership's area (the constituency's name), area_id, "
          "legislative period, on_behalf_of_id, role and dates are its tie's", bad)

# on_behalf_of: one belongs_to per person and party, from the first start to the last end
spans = {}
for m in P["memberships"]:
    if "on_behalf_of_id" in m:
        s = spans.setdefault((m["person_id"], m["on_behalf_of_id"]), {"starts": [], "ends": [], "open": False})
        s["starts"].append(m["start_date"])
        s["ends"].append(m.get("end_date", ""))
        s["open"] |= "end_date" not in m
bad = {}
for (person, party), s in spans.items():
    d = got.get(frozenset((person, party)), {})
    if any(m.get("person_id") == person and m.get("organization_id") == party for m in P["memberships"]):
        continue
    last = min(s["starts"]) if s["open"] else max(s["ends"])
    if (d.get("count"), d.get("first"), d.get("last")) != (1, min(s["starts"]), last):
        bad[(person, party)] = ((d.get("count"), d.get("first"), d.get("last")), (1, min(s["starts"]), last))
tap.check(spans and not bad, "Popolo: on_behalf_of_id gives one belongs_to per person and party, dated from the first "
          "start to the last end (open: no end)", bad)

# persons and parties keep their members
bad = {}
for p in P["persons"]:
    n = node(G, p["id"])
    for k in ("given_name", "family_name", "sort_name", "gender", "birth_date", "email"):
        if k in p and n.get(k) != p[k]:
            bad[(p["id"], k)] = (n.get(k), p[k])
    for k in ("identifiers", "images"):
        if json.loads(n.get(k) or "null") != p[k]:
            bad[(p["id"], k)] = (n.get(k), p[k])
tap.check(not bad, "Popolo: a person's names, gender, birth date, email, identifiers and images are kept", bad)
legis = next(o for o in P["organizations"] if o["classification"] == "legislature")
n = node(G, legis["id"])
tap.check(n.get("kind") == "mechanism" and n.get("mechanism_kind") == "legislature" and n.get("seats") == legis["seats"],
          "Popolo: the legislature is a mechanism of its classification, with its seats", n)
term = P["events"][1]
n = node(G, term["id"])
tap.check(n.get("type") == term["classification"] and n.get("date") == term["start_date"][:10] and
          n.get("mechanism") == legis["id"],
          "Popolo: a legislative period is an event of its legislature (time of day cut)", n)

for what, text in (("posts", "\"posts\" are not read"), ("areas that are not countries", "areas that are not countries"),
                   ("on_behalf_of_id", "\"on_behalf_of_id\" also ties")):
    tap.check(len(warnings_about(err, text)) == 1, f"Popolo: one warning for {what}", err)
tap.check("skipped" not in err and "constituency" in "".join(warnings_about(err, "areas that are not countries")),
          "Popolo: nothing is said to be skipped; the area warning names the classification", err)

# ---- errors at their place ------------------------------------------------------------------

ERRORS = [  # (name, text, --input-format, expected stderr line (a regular expression))
    ("hyper.json", '{"graph": {"directed": false, "nodes": {"a": {}, "b": {}},\n'
                   '  "hyperedges": [{"nodes": ["a", "zz"]}]}}', "jgf",
     r"hyper\.json:2:34: \$\.graph\.hyperedges\[0\]\.nodes\[1\]: unknown node \"zz\""),
    ("hyperlist.json", '{"graph": {"nodes": {"a": {}},\n  "hyperedges": {"a": 1}}}', "jgf",
     r"hyperlist\.json:2:17: \$\.graph\.hyperedges: expected an array"),
    ("popolo.json", '{"persons": [{"id": "p1", "name": "P"}], "organizations": [{"id": "o", "classification": "party"}],\n'
                    ' "memberships": [{"person_id": "p2", "organization_id": "o"}]}', "popolo",
     r"popolo\.json:2:32: \$\.memberships\[0\]\.person_id: unknown node \"p2\""),
    ("behalf.json", '{"persons": [{"id": "p1", "name": "P"}], "organizations": [{"id": "leg"}],\n'
                    ' "memberships": [{"person_id": "p1", "organization_id": "leg", "on_behalf_of_id": "nope"}]}',
     "popolo", r"behalf\.json:2:83: \$\.memberships\[0\]\.on_behalf_of_id: unknown node \"nope\""),
]
for name, text, fmt, expected in ERRORS:
    path = os.path.join(TMP.name, name)
    with open(path, "w") as f:
        f.write(text)
    proc = pgtest.run(BIN, "validate", path, "--input-format", fmt, check=False)
    lines = [line for line in proc.stderr.decode().splitlines() if "warning:" not in line and ": $." in line]
    tap.check(proc.returncode == 1 and len(lines) == 1 and re.search(expected, lines[0]),
              f"error at its place: {name}", proc.stderr.decode())

tap.done()
