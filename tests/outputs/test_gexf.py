"""GEXF 1.3 output (graph.gexf) against its consumers: xmllint and the GEXF
1.3 RELAX NG schema; NetworkX's GEXF reader (given the 1.3 namespaces,
which NetworkX 2.8 predates) compared with NetworkX's reading of
graph.graphml from the same run; python-igraph; and the time intervals
checked against the dates of the input, expanded here by the documented
rule (a partial start is its first day, a partial end its last day):
events exactly at their dates, edges as spells clipped to them, with
fixtures for memberships with gaps and for ties dated outside their event.

    /usr/bin/python3 tests/outputs/test_gexf.py BUILD/partygraph"""
import calendar
import datetime
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
from networkx.readwrite import gexf as nx_gexf

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

DATASETS = ["examples/cpc-interparty.json", "examples/minimal.json", "tests/data/hostile.json"]
RNG = os.path.join(pgtest.SCHEMAS, "gexf", "1.3", "gexf.rng")
NS = {"g": "http://gexf.net/1.3"}
VISUAL = {"r", "g", "b", "size", "x", "y", "label"}
ENTITY_KINDS = ("countries", "parties", "mechanisms", "events", "persons")


def xml_text(s):
    """A name as it must read back from XML: control characters that XML
    1.0 cannot carry become U+FFFD (our documented rule)."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def read_gexf(path):
    """NetworkX's GEXF reader with the GEXF 1.3 namespaces registered (what
    NetworkX 3 ships as version "1.3"; the reading code is the same)."""
    nx_gexf.GEXF.versions.setdefault("1.3", {
        "NS_GEXF": "http://gexf.net/1.3",
        "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
        "VERSION": "1.3",
    })
    return nx.read_gexf(path, version="1.3")


def first_day(date):
    """The first day of a partial ISO date ("2017" -> 2017-01-01)."""
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return datetime.date(*parts[:3])


def last_day(date):
    """The last day of a partial ISO date ("2017-02" -> 2017-02-28)."""
    parts = [int(p) for p in date.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return datetime.date(year, month, parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1])


def span(el):
    """(start, end) of a node, edge or spell element; None for an open end."""
    return tuple(datetime.date.fromisoformat(el.get(k)) if el.get(k) else None for k in ("start", "end"))


def edge_spells(el):
    """An edge's spells: its <spells>, else its own start and end."""
    spells = el.find("g:spells", NS)
    return [span(s) for s in spells.iterfind("g:spell", NS)] if spells is not None else [span(el)]


def intervals(path):
    """(node id -> (start, end), [(source, target, [(start, end), ...])]) as
    dates or None for an open end, read with ElementTree."""
    root = ElementTree.parse(path).getroot()
    nodes = {n.get("id"): span(n) for n in root.iterfind(".//g:nodes/g:node", NS)}
    edges = [(e.get("source"), e.get("target"), edge_spells(e)) for e in root.iterfind(".//g:edges/g:edge", NS)]
    return nodes, edges


def time_named_values(path):
    """node id -> the raw values of the attributes titled `start` or `end`
    (an event's `end`): NetworkX's reader puts a node's GEXF start and end
    into the same dictionary and overwrites them, Gephi keeps both."""
    root = ElementTree.parse(path).getroot()
    ids = {a.get("id"): a.get("title") for a in root.iterfind(".//g:attributes[@class='node']/g:attribute", NS)}
    return {n.get("id"): {ids[a.get("for")]: a.get("value") for a in n.iterfind("g:attvalues/g:attvalue", NS)
                          if ids[a.get("for")] in ("start", "end")}
            for n in root.iterfind(".//g:nodes/g:node", NS)}


def within(inner, outer):
    """Interval `inner` lies inside `outer` (None = open)."""
    (a, b), (c, d) = inner, outer
    lo = c is None or (a is not None and a >= c)
    hi = d is None or (b is not None and b <= d)
    return lo and hi


def build(binary, path, out, *extra):
    return pgtest.run(binary, "build", "-q", path, "-o", out, *extra, check=False)


def same_value(a, b):
    return type(a) is type(b) and a == b


def check_schema(tap, name, path):
    what = f"{name}: graph.gexf is valid against the GEXF 1.3 RELAX NG schema"
    reason = pgtest.shared_missing("schemas", "gexf", "1.3", "gexf.rng")
    if reason:
        tap.skip(what, reason)
    else:
        proc = subprocess.run(["xmllint", "--noout", "--nonet", "--relaxng", RNG, path], capture_output=True)
        tap.check(proc.returncode == 0, what, proc.stderr.decode(errors="replace"))
    text = open(path, encoding="utf-8").read()
    tap.check("schemaLocation" not in text and not re.search(r'"-?(inf|nan)"', text, re.I),
              f"{name}: no schemaLocation, no Inf or NaN")


def check_nodes(tap, name, G, H, dataset, timed):
    """G: the GEXF read by NetworkX; H: the GraphML of the same run;
    timed: time_named_values() of the GEXF."""
    tap.check(set(G.nodes) == set(H.nodes) and G.number_of_nodes() == H.number_of_nodes(),
              f"{name}: NetworkX reads the same {H.number_of_nodes()} nodes as from the GraphML",
              set(G.nodes) ^ set(H.nodes))
    names = {e["id"]: e["name"] for kind in ENTITY_KINDS for e in dataset.get(kind, [])}
    wrong = [i for i in H if G.nodes[i].get("label") != xml_text(names[i]) or G.nodes[i]["label"] != H.nodes[i]["label"]]
    tap.check(not wrong, f"{name}: every label reads back exactly", wrong[:5])
    bad = []
    for i, d in H.nodes(data=True):
        got = {k: v for k, v in G.nodes[i].items() if k not in ("label", "viz", "start", "end")}
        got.update(timed[i])
        want = {k: v for k, v in d.items() if k not in VISUAL}
        if set(got) != set(want) or not all(same_value(got[k], want[k]) for k in want):
            bad.append((i, {k: (got.get(k), want.get(k)) for k in set(got) | set(want)
                            if not same_value(got.get(k), want.get(k))}))
    tap.check(not bad, f"{name}: every node attribute equals the GraphML's, with the same type", bad[:3])
    ints = all(isinstance(d["degree"], int) and isinstance(d["community"], int) and isinstance(d["pagerank"], float)
               for _, d in G.nodes(data=True))
    tap.check(ints and G.number_of_nodes() > 0, f"{name}: integer metrics read as ints, real ones as floats")
    viz = [i for i, d in H.nodes(data=True)
           if (lambda v: (v["color"]["r"], v["color"]["g"], v["color"]["b"]) != (d["r"], d["g"], d["b"])
               or v["size"] != d["size"] or ("x" in d) != ("position" in v)
               or ("x" in d and (v["position"]["x"], v["position"]["y"]) != (d["x"], d["y"])))(G.nodes[i]["viz"])]
    tap.check(not viz and all("x" in d for _, d in H.nodes(data=True)),
              f"{name}: viz colour, size and position equal the GraphML's r, g, b, size, x, y", viz[:5])


def edge_key(u, v):
    return (u, v) if u < v else (v, u)


def check_edges(tap, name, G, H):
    got = {edge_key(u, v): d for u, v, d in G.edges(data=True)}
    want = {edge_key(u, v): d for u, v, d in H.edges(data=True)}
    tap.check(set(got) == set(want) and G.number_of_edges() == H.number_of_edges(),
              f"{name}: NetworkX reads the same {H.number_of_edges()} edges as from the GraphML", set(got) ^ set(want))
    bad = []
    for k, d in want.items():
        g = {a: b for a, b in got.get(k, {}).items() if a not in ("id", "start", "end", "spells")}
        if set(g) != set(d) or not all(same_value(g[a], d[a]) for a in d):
            bad.append((k, {a: (g.get(a), d.get(a)) for a in set(g) | set(d) if not same_value(g.get(a), d.get(a))}))
    tap.check(not bad, f"{name}: every edge attribute (weight, count, types, first, last, sources, ...) equals the GraphML's",
              bad[:3])
    h = ig.Graph.from_networkx(G)
    tap.check((h.vcount(), h.ecount()) == (H.number_of_nodes(), H.number_of_edges()),
              f"{name}: python-igraph (from_networkx) has the same counts")


def event_days(e):
    """The days a dated event covers by its input: date to end, expanded."""
    return first_day(e["date"]), last_day(e.get("end") or e["date"])


def later(a, b):
    return a if a[0] > b[0] else b


def disjoint(a, b):
    return a[1] < b[0] or b[1] < a[0]


def check_dynamics(tap, name, path, dataset):
    nodes, edges = intervals(path)
    root = ElementTree.parse(path).getroot()
    both = [e.get("id") for e in root.iterfind(".//g:edges/g:edge", NS)
            if e.find("g:spells", NS) is not None and (e.get("start") or e.get("end"))]
    tap.check(not both, f"{name}: an edge has either start/end or <spells>, never both", both[:5])
    spells = list(nodes.values()) + [s for e in edges for s in e[2]]
    tap.check(all(a is None or b is None or a <= b for a, b in spells),
              f"{name}: start <= end on every node, edge and spell")
    unjoined = [e for e in edges if any(a[1] is None or b[0] is None or a[1] + datetime.timedelta(days=1) >= b[0]
                                        for a, b in zip(e[2], e[2][1:]))]
    tap.check(not unjoined, f"{name}: an edge's spells are in order, apart, neither overlapping nor adjacent",
              unjoined[:5])
    events = {e["id"]: e for e in dataset.get("events", [])}
    wrong = []
    for i, (start, end) in nodes.items():
        e = events.get(i)
        if e is None or not e.get("date"):
            if (start, end) != (None, None):
                wrong.append((i, start, end))
        elif (start, end) != event_days(e):
            wrong.append((i, start, end, e["date"], e.get("end")))
    tap.check(not wrong, f"{name}: every dated event lives exactly its expanded date..end; other nodes are timeless",
              wrong[:5])
    outside, apart = [], []
    for u, v, s in edges:
        if None not in nodes[u] and None not in nodes[v] and disjoint(nodes[u], nodes[v]):
            if s != [later(nodes[u], nodes[v])]:
                apart.append((u, v, s))
        elif not all(within(x, nodes[u]) and within(x, nodes[v]) for x in s):
            outside.append((u, v, s))
    tap.check(not outside, f"{name}: every spell lies within its edge's endpoints' intervals", outside[:5])
    tap.check(not apart, f"{name}: an edge between two events that share no day lives the later event's days",
              apart[:5])
    return nodes, edges


def check_dataset(tap, binary, path, tmp):
    name = os.path.basename(path)
    out = os.path.join(tmp, name)
    proc = build(binary, path, out, "--formats", "gexf,graphml")
    tap.check(proc.returncode == 0 and sorted(os.listdir(out)) == ["graph.gexf", "graph.graphml", "summary.json"],
              f"{name}: --formats gexf,graphml writes those two files (and summary.json)",
              proc.stderr.decode(errors="replace"))
    gexf = os.path.join(out, "graph.gexf")
    dataset = pgtest.read_json(path)
    check_schema(tap, name, gexf)
    G, H = read_gexf(gexf), nx.read_graphml(os.path.join(out, "graph.graphml"))
    check_nodes(tap, name, G, H, dataset, time_named_values(gexf))
    check_edges(tap, name, G, H)
    dyn = check_dynamics(tap, name, gexf, dataset)
    again = os.path.join(tmp, name + ".again")
    build(binary, path, again, "--formats", "gexf", "--threads", "1")
    tap.check(open(gexf, "rb").read() == open(os.path.join(again, "graph.gexf"), "rb").read(),
              f"{name}: a second run writes a byte-identical graph.gexf")
    return dyn


def check_minimal(tap, nodes, edges):
    """examples/minimal.json by hand: partial dates expanded, a membership
    without end open, undated ties timeless."""
    d = datetime.date
    tap.check(nodes["appeal-2020"] == (d(2020, 4, 1), d(2020, 4, 30)) and nodes["visit-2019"] == (d(2019, 1, 1), d(2019, 12, 31))
              and nodes["summit-2017"] == (d(2017, 11, 30), d(2017, 12, 3)),
              "minimal.json: events start at their expanded date (2020-04 -> 2020-04-01..2020-04-30, 2019 -> the year)",
              {k: nodes[k] for k in ("appeal-2020", "visit-2019", "summit-2017")})
    by_pair = {edge_key(u, v): s for u, v, s in edges}
    tap.check(by_pair[("intl", "red")] == [(d(1990, 1, 1), None)] and by_pair[("blue", "intl")] == [(d(1995, 1, 1), d(2015, 12, 31))]
              and by_pair[("blue", "red")] == [(d(2018, 5, 2), d(2018, 5, 2)), (d(2019, 3, 1), d(2019, 3, 31))]
              and by_pair[("AAA", "red")] == [(None, None)],
              "minimal.json: member_of spells (open without end), contacts first..last, undated ties timeless",
              {k: by_pair[k] for k in (("intl", "red"), ("blue", "intl"), ("blue", "red"), ("AAA", "red"))})


def build_fixture(tap, binary, name, data, *extra):
    """Builds `data` with --formats gexf (plus `extra`), checks the file
    against the schema and returns (tmp, path, nodes, edges by pair)."""
    tmp = pgtest.build(binary, data, "--formats", "gexf", *extra)
    path = os.path.join(tmp.out, "graph.gexf")
    check_schema(tap, name, path)
    nodes, edges = intervals(path)
    return tmp, path, nodes, {edge_key(u, v): s for u, v, s in edges}


def check_clip(tap, binary):
    """The rule where an edge's dates disagree with its event's: events
    never move; spells are clipped to them, an edge left without one takes
    its event's days (the later event's, between two apart)."""
    data = {
        "format": "partygraph/1",
        "parties": [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}],
        "mechanisms": [{"id": "m", "name": "M"}],
        "events": [{"id": "e1", "name": "E1", "date": "2017-11-30", "end": "2017-12-03"},
                   {"id": "e2", "name": "E2", "date": "2015-03"}],
        "relations": [{"type": "attended", "source": "p1", "target": "e1", "date": "2017-11"},
                      {"type": "signed", "source": "p2", "target": "e1", "date": "2018-02"},
                      {"type": "follow_up", "source": "e2", "target": "e1", "date": "2016"},
                      {"type": "attended", "source": "p2", "target": "e2"},
                      {"type": "member_of", "source": "p1", "target": "m", "end": "2012-06"},
                      {"type": "member_of", "source": "p2", "target": "m", "date": "2010"},
                      {"type": "contact", "source": "p2", "target": "m", "date": "2011"},
                      {"type": "contact", "source": "p1", "target": "p2"}],
    }
    _, _, nodes, by_pair = build_fixture(tap, binary, "clip fixture", data)
    d = datetime.date
    want_nodes = {"e1": (d(2017, 11, 30), d(2017, 12, 3)), "e2": (d(2015, 3, 1), d(2015, 3, 31)),
                  "p1": (None, None), "p2": (None, None), "m": (None, None)}
    want_edges = {("e1", "p1"): [(d(2017, 11, 30), d(2017, 11, 30))],  # 2017-11 clipped to the event
                  ("e1", "p2"): [(d(2017, 11, 30), d(2017, 12, 3))],   # outside: the event's days
                  ("e1", "e2"): [(d(2017, 11, 30), d(2017, 12, 3))],   # two events apart: the later one's
                  ("e2", "p2"): [(d(2015, 3, 1), d(2015, 3, 31))],     # undated: the event's days
                  ("m", "p1"): [(None, d(2012, 6, 30))],               # member_of with only an end
                  ("m", "p2"): [(d(2010, 1, 1), None)],                # open membership + a dated contact
                  ("p1", "p2"): [(None, None)]}                        # undated: timeless
    tap.check(nodes == want_nodes and by_pair == want_edges,
              "events stay at their dates; spells clipped to them; an edge outside takes its event's days; "
              "open ends stay open", f"nodes {nodes}\nedges {by_pair}")


def check_outside(tap, binary):
    """An attendance dated outside its event (issue: the event was widened
    to it), and one open at the start (the event was widened back to the
    beginning of time)."""
    data = {
        "format": "partygraph/1",
        "parties": [{"id": "p1", "name": "P1"}, {"id": "p2", "name": "P2"}, {"id": "p3", "name": "P3"}],
        "events": [{"id": "e1", "name": "E1", "date": "2017-11"}],
        "relations": [{"type": "attended", "source": "p1", "target": "e1", "date": "2018-05"},
                      {"type": "attended", "source": "p2", "target": "e1", "end": "2017-11-15"},
                      {"type": "attended", "source": "p3", "target": "e1", "date": "2017-10-20", "end": "2017-11-02"},
                      {"type": "signed", "source": "p3", "target": "e1", "date": "2017-11-20"},
                      {"type": "signed", "source": "p3", "target": "e1", "date": "2019"}],
    }
    _, path, nodes, by_pair = build_fixture(tap, binary, "outside fixture", data)
    d = datetime.date
    tap.check(nodes["e1"] == (d(2017, 11, 1), d(2017, 11, 30)),
              "an event dated 2017-11 lives 2017-11-01..2017-11-30 whatever its attendances' dates", nodes)
    want = {("e1", "p1"): [(d(2017, 11, 1), d(2017, 11, 30))],      # 2018-05: outside, the event's days
            ("e1", "p2"): [(d(2017, 11, 1), d(2017, 11, 15))],      # open start clipped to the event
            ("e1", "p3"): [(d(2017, 11, 1), d(2017, 11, 2)),        # partly outside: clipped
                           (d(2017, 11, 20), d(2017, 11, 20))]}     # 2019: outside, dropped
    tap.check(by_pair == want, "spells are clipped to the event; a spell outside it is dropped", by_pair)
    G = read_gexf(path)
    tap.check(G.edges["e1", "p3"].get("spells") == [("2017-11-01", "2017-11-02"), ("2017-11-20", "2017-11-20")],
              "NetworkX reads an edge's two clipped spells", G.edges["e1", "p3"])


MEMBERSHIPS = {
    "format": "partygraph/1",
    "parties": [{"id": f"p{i}", "name": f"P{i}"} for i in range(1, 6)],
    "mechanisms": [{"id": "m", "name": "M"}],
    "relations": [
        {"type": "member_of", "source": "p1", "target": "m", "date": "1990", "end": "1995"},
        {"type": "member_of", "source": "p1", "target": "m", "date": "2005-03", "end": "2010-02"},
        {"type": "member_of", "source": "p2", "target": "m", "date": "2000", "end": "2004-12"},
        {"type": "member_of", "source": "p2", "target": "m", "date": "2005-01", "end": "2006"},
        {"type": "member_of", "source": "p3", "target": "m", "date": "2000", "end": "2003"},
        {"type": "contact", "source": "p3", "target": "m", "date": "2002-06"},
        {"type": "member_of", "source": "p3", "target": "m", "date": "2010"},
        {"type": "member_of", "source": "p3", "target": "m", "date": "2004-01-02", "end": "2008"},
        {"type": "member_of", "source": "p4", "target": "m", "date": "2000", "end": "2001"},
        {"type": "contact", "source": "p4", "target": "m"},
        {"type": "member_of", "source": "p5", "target": "m", "end": "1999"},
        {"type": "member_of", "source": "p5", "target": "m", "date": "2001"},
        {"type": "contact", "source": "p1", "target": "p2", "date": "1992"},
    ],
}


def check_memberships(tap, binary):
    """Memberships as spells: a gap between two memberships stays a gap;
    overlapping and adjacent days are joined."""
    tmp, path, nodes, by_pair = build_fixture(tap, binary, "membership fixture", MEMBERSHIPS)
    d = datetime.date
    want = {("m", "p1"): [(d(1990, 1, 1), d(1995, 12, 31)), (d(2005, 3, 1), d(2010, 2, 28))],
            ("m", "p2"): [(d(2000, 1, 1), d(2006, 12, 31))],                 # adjacent: one spell
            ("m", "p3"): [(d(2000, 1, 1), d(2003, 12, 31)),                 # overlaps joined,
                          (d(2004, 1, 2), d(2008, 12, 31)), (d(2010, 1, 1), None)],  # a day apart kept
            ("m", "p4"): [(None, None)],                                     # an undated contact: always
            ("m", "p5"): [(None, d(1999, 12, 31)), (d(2001, 1, 1), None)],   # open at both outer ends
            ("p1", "p2"): [(d(1992, 1, 1), d(1992, 12, 31))]}
    tap.check(by_pair == want, "member_of 1990-1995 and 2005-03..2010-02 is two spells, the gap stays; "
              "overlapping and adjacent days joined", by_pair)
    G = read_gexf(path)
    tap.check(G.edges["p1", "m"].get("spells") == [("1990-01-01", "1995-12-31"), ("2005-03-01", "2010-02-28")]
              # NetworkX 2.8 reads a missing start or end as the string "None"
              and G.edges["p5", "m"].get("spells") == [("None", "1999-12-31"), ("2001-01-01", "None")],
              "NetworkX reads the spells of p1-m and p5-m", (G.edges["p1", "m"], G.edges["p5", "m"]))
    out = os.path.join(tmp.name, "ego")
    proc = pgtest.run(binary, "ego", "-q", tmp.data, "p1", "-o", out, "--formats", "gexf", check=False)
    ego = os.path.join(out, "graph.gexf")
    ok = proc.returncode == 0 and os.path.exists(ego)
    if ok:
        check_schema(tap, "ego of p1", ego)
    _, edges = intervals(ego) if ok else ({}, [])
    got = {edge_key(u, v): s for u, v, s in edges}
    tap.check(ok and got == {k: want[k] for k in (("m", "p1"), ("m", "p2"), ("p1", "p2"))},
              "the ego network of p1 keeps the spells of its edges", f"{proc.stderr.decode()}\n{got}")


def check_projected(tap, binary, tmp):
    out = os.path.join(tmp, "parties")
    build(binary, "examples/cpc-interparty.json", out, "--view", "parties", "--formats", "gexf,graphml")
    path = os.path.join(out, "graph.gexf")
    check_schema(tap, "parties view", path)
    G, H = read_gexf(path), nx.read_graphml(os.path.join(out, "graph.graphml"))
    check_edges(tap, "parties view", G, H)
    nodes, edges = intervals(path)
    tap.check(all(n == (None, None) for n in nodes.values()) and any(e[2][0][0] for e in edges)
              and all(len(e[2]) == 1 for e in edges),
              "parties view: parties are timeless, ties dated by first..last, one spell each")


def check_formats(tap, binary, tmp):
    out = os.path.join(tmp, "default")
    build(binary, "examples/minimal.json", out)
    tap.check("graph.gexf" not in os.listdir(out), "graph.gexf is not in the default set")
    out = os.path.join(tmp, "only")
    proc = build(binary, "examples/minimal.json", out, "--formats", "gexf", "--layout", "none")
    path = os.path.join(out, "graph.gexf")
    ok = proc.returncode == 0 and sorted(os.listdir(out)) == ["graph.gexf", "summary.json"]
    G = read_gexf(path) if ok else nx.Graph()
    tap.check(ok and G.number_of_nodes() == 12 and all("position" not in d["viz"] for _, d in G.nodes(data=True)),
              "--formats gexf writes only graph.gexf (and summary.json); --layout none leaves out viz:position",
              proc.stderr.decode(errors="replace"))


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pggexf-")
    try:
        for path in DATASETS:
            nodes, edges = check_dataset(tap, binary, path, tmp)
            if path.endswith("minimal.json"):
                check_minimal(tap, nodes, edges)
        check_clip(tap, binary)
        check_outside(tap, binary)
        check_memberships(tap, binary)
        check_projected(tap, binary, tmp)
        check_formats(tap, binary, tmp)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
