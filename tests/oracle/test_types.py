"""Relation types: direction, structural ties, --types, --exclude-types,
--no-structural and --exclude, checked against a model of the rules
(docs/network.md, "Relation types: direction and structure") written here
from the rules, never from the program's output; the direction as GraphML,
GEXF, node-link JSON and DOT carry it, read back with NetworkX and Graphviz.

Run: /usr/bin/python3 tests/oracle/test_types.py build/partygraph"""
import os
import random
import subprocess
import sys

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "lib"))
import pgtest  # noqa: E402

# The built-in table, as docs/network.md gives it.
DIRECTED = {"hosted", "visited", "invited", "sent_message", "awarded", "praised", "addressed", "learned_from",
            "congratulated"}
STRUCTURAL = {"based_in", "held_in", "part_of", "belongs_to"}
FIELDS = {"parties": (("country", "based_in", False),),
          "events": (("country", "held_in", False), ("mechanism", "part_of", False), ("host", "hosted", True))}


def relations(data):
    """Every relation as (source, target, type, weight), the implied ones
    (a host is where its hosted tie starts) after the explicit ones, an
    implied tie that a relation states left out."""
    explicit = [(r["source"], r["target"], r["type"], r.get("weight", 1)) for r in data.get("relations", [])]
    said = {(t, frozenset((a, b))) for a, b, t, _ in explicit}
    implied = []
    for array, fields in FIELDS.items():
        for e in data.get(array, []):
            for field, rtype, from_target in fields:
                if field in e and (rtype, frozenset((e["id"], e[field]))) not in said:
                    implied.append((e[field], e["id"], rtype, 1) if from_target else (e["id"], e[field], rtype, 1))
    return explicit + implied


def types_of(data):
    declared = {t["id"]: t for t in data.get("relation_types", [])}
    return declared


def is_directed(data, rtype):
    declared = types_of(data)
    return declared[rtype].get("directed", False) if rtype in declared else rtype in DIRECTED


def is_structural(data, rtype):
    declared = types_of(data)
    return declared[rtype].get("structural", False) if rtype in declared else rtype in STRUCTURAL


def model(data, types=None, exclude_types=(), no_structural=False, exclude=()):
    """The full view's edges: {(a, b) sorted: {"weight", "forward", "backward", "types"}}
    with forward counting the directed relations from a to b."""
    edges = {}
    for s, t, rtype, w in relations(data):
        if (types is not None and rtype not in types) or rtype in exclude_types or s == t:
            continue
        if (no_structural and is_structural(data, rtype)) or s in exclude or t in exclude:
            continue
        a, b = sorted((s, t), key=str.encode)
        e = edges.setdefault((a, b), {"weight": 0, "forward": 0, "backward": 0, "types": set()})
        e["weight"] += w
        e["types"].add(rtype)
        if is_directed(data, rtype):
            e["forward" if s == a else "backward"] += 1
    return edges


def expected_row(pair, e):
    """(source, target, direction, forward, backward) as edges.csv writes it."""
    a, b = pair
    if e["forward"] == 0 and e["backward"] > 0:
        return (b, a, "directed", e["backward"], 0)
    direction = "undirected" if e["forward"] == 0 else "directed" if e["backward"] == 0 else "mutual"
    return (a, b, direction, e["forward"], e["backward"])


def got_rows(out):
    return {tuple(sorted((r["source"], r["target"]), key=str.encode)):
            (r["source"], r["target"], r["direction"], int(r["forward"]), int(r["backward"]))
            for r in pgtest.read_csv(os.path.join(out, "edges.csv"))}


def all_entities(data):
    return {e["id"] for a in ("countries", "parties", "mechanisms", "events", "persons") for e in data.get(a, [])}


def check_view(tap, binary, data, what, args=(), **choice):
    run = pgtest.build(binary, data, *args)
    want = {pair: expected_row(pair, e) for pair, e in model(data, **choice).items()}
    got = got_rows(run.out)
    tap.check(got == want, f"{what}: the edges, their direction and counts",
              "\n".join(f"{k}: got {got.get(k)} want {want.get(k)}" for k in sorted(set(got) | set(want))
                        if got.get(k) != want.get(k)))
    nodes = {r["id"] for r in pgtest.read_csv(os.path.join(run.out, "nodes.csv"))}
    tap.check(nodes == all_entities(data) - set(choice.get("exclude", ())), f"{what}: the nodes", nodes)
    return run


def small():
    return {"format": "partygraph/1",
            "countries": [{"id": "CHN", "name": "China"}, {"id": "KEN", "name": "Kenya"}],
            "parties": [{"id": "cpc", "name": "CPC", "country": "CHN"}, {"id": "jp", "name": "Jubilee", "country": "KEN"},
                        {"id": "odm", "name": "ODM", "country": "KEN"}],
            "mechanisms": [{"id": "m", "name": "Dialogue"}],
            "events": [{"id": "e1", "name": "Summit", "date": "2017-11", "host": "cpc", "country": "CHN",
                        "mechanism": "m"},
                       {"id": "e2", "name": "Visit", "date": "2018", "host": "jp"}],
            "relations": [{"type": "hosted", "source": "cpc", "target": "e1", "weight": 2},
                          {"type": "attended", "source": "jp", "target": "e1"},
                          {"type": "learned_from", "source": "jp", "target": "cpc"},
                          {"type": "praised", "source": "cpc", "target": "jp"},
                          {"type": "praised", "source": "odm", "target": "cpc"},
                          {"type": "contact", "source": "odm", "target": "cpc"},
                          {"type": "visited", "source": "odm", "target": "jp"}]}


def test_rules(tap, binary):
    data = small()
    check_view(tap, binary, data, "built-in types")
    run = pgtest.build(binary, data)
    rows = got_rows(run.out)
    tap.check(rows.get(("cpc", "e1"), (0, 0, 0, 0))[2:] == ("directed", 1, 0),
              "an event's host beside a hosted relation: one hosted tie, the relation's", rows.get(("cpc", "e1")))
    weight = {tuple(sorted((r["source"], r["target"]))): float(r["weight"])
              for r in pgtest.read_csv(os.path.join(run.out, "edges.csv"))}
    tap.check(weight.get(("cpc", "e1")) == 2.0, "the repeated host does not add its weight", weight.get(("cpc", "e1")))
    stated = {"format": "partygraph/1", "countries": [{"id": "KEN", "name": "Kenya"}],
              "parties": [{"id": "odm", "name": "ODM", "country": "KEN"}, {"id": "jp", "name": "Jubilee", "country": "KEN"}],
              "relations": [{"type": "based_in", "source": "odm", "target": "KEN", "weight": 3},
                            {"type": "based_in", "source": "KEN", "target": "jp", "weight": 5}]}
    check_view(tap, binary, stated, "a party's country beside a based_in relation from it, and one to it")
    built = pgtest.build(binary, stated)
    ties = {tuple(sorted((r["source"], r["target"]))): (r["count"], r["weight"])
            for r in pgtest.read_csv(os.path.join(built.out, "edges.csv"))}
    tap.check(ties == {("KEN", "odm"): ("1", "3"), ("KEN", "jp"): ("1", "5")},
              "a country field that a relation states, either way round, adds no second tie", ties)
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    rel = summary["relations"]
    tap.check(rel["directed_types"] == ["hosted", "learned_from", "praised", "visited"]
              and rel["structural_types"] == ["based_in", "held_in", "part_of"],
              "summary.json names the directed and the structural types used", rel)
    dated = {"parties": [{"id": "p", "name": "P"}, {"id": "q", "name": "Q"}],
             "events": [{"id": "e", "name": "E", "date": "2016-05", "host": "p"}],
             "relations": [{"type": "hosted", "source": "p", "target": "e", "date": "2015"},
                           {"type": "attended", "source": "q", "target": "e"}]}
    run = pgtest.build(binary, dated, "--from", "2016", "--to", "2016")
    rows = got_rows(run.out)
    tap.check(rows.get(("e", "p"), ("",) * 5)[:3] == ("p", "e", "directed"),
              "a host whose hosted relation lies outside the window: the event's own hosted tie stays", rows)
    declared = dict(data, relation_types=[{"id": "attended", "directed": True},
                                          {"id": "praised", "directed": False, "label": "praise"},
                                          {"id": "based_in", "structural": False}])
    check_view(tap, binary, declared, "declared types replace the built-in ones")
    check_view(tap, binary, data, "--no-structural", ["--no-structural"], no_structural=True)
    check_view(tap, binary, declared, "--no-structural with based_in declared not structural", ["--no-structural"],
               no_structural=True)
    check_view(tap, binary, data, "--types", ["--types", "praised,attended", "--types", "visited"],
               types={"praised", "attended", "visited"})
    check_view(tap, binary, data, "--exclude-types", ["--exclude-types", "hosted,contact"],
               exclude_types={"hosted", "contact"})
    run = check_view(tap, binary, data, "--exclude", ["--exclude", "cpc", "--exclude", "CHN"], exclude={"cpc", "CHN"})
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    tap.check(summary["view"]["excluded"] == ["CHN", "cpc"], "summary.json lists the excluded entities",
              summary["view"])


def test_random(tap, binary):
    rng = random.Random(16)
    kinds = list(DIRECTED | STRUCTURAL | {"attended", "contact", "met", "co_signed"})
    ok = True
    for trial in range(12):
        ids = [f"n{i}" for i in range(rng.randint(2, 9))]
        data = {"parties": [{"id": i, "name": i} for i in ids],
                "relations": [{"type": rng.choice(kinds), "source": rng.choice(ids), "target": rng.choice(ids),
                               "weight": rng.choice([1, 0.5, 2])} for _ in range(rng.randint(1, 25))]}
        data["relations"] = [r for r in data["relations"] if r["source"] != r["target"]]
        run = pgtest.build(binary, data)
        want = {pair: expected_row(pair, e) for pair, e in model(data).items()}
        ok = ok and got_rows(run.out) == want
    tap.check(ok, "random mixed graphs: every edge's direction and counts")


def test_formats(tap, binary):
    data = small()
    run = pgtest.build(binary, data, "--formats", "graphml,gexf,nodelink,dot")
    want = {pair: expected_row(pair, e) for pair, e in model(data).items()}
    G = nx.read_graphml(os.path.join(run.out, "graph.graphml"))
    got = {tuple(sorted((a, b))): d["direction"] for a, b, d in G.edges(data=True)}
    tap.check(got == {p: w[2] for p, w in want.items()}, "GraphML: NetworkX reads each edge's direction", got)
    from networkx.readwrite import gexf as nx_gexf
    nx_gexf.GEXF.versions.setdefault("1.3", {  # as tests/outputs/test_gexf.py registers it
        "NS_GEXF": "http://gexf.net/1.3", "NS_VIZ": "http://gexf.net/1.3/viz",
        "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
        "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd", "VERSION": "1.3"})
    X = nx.read_gexf(os.path.join(run.out, "graph.gexf"), version="1.3")
    got = {tuple(sorted((a, b))): (d["direction"], int(d["forward"])) for a, b, d in X.edges(data=True)}
    tap.check(got == {p: (w[2], w[3]) for p, w in want.items()}, "GEXF: NetworkX reads the direction and counts", got)
    import xml.etree.ElementTree as ET
    root = ET.parse(os.path.join(run.out, "graph.graphml")).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    ends = {(e.get("source"), e.get("target")) for e in root.iter("{%s}edge" % ns["g"])}
    tap.check(ends == {w[:2] for w in want.values()}, "GraphML: source and target in the edge's direction", ends)
    link = pgtest.read_json(os.path.join(run.out, "graph.nodelink.json"))
    ends = {(e["source"], e["target"]) for e in link["links"]}
    tap.check(ends == {w[:2] for w in want.values()}, "node-link: source and target in the edge's direction", ends)
    dot = subprocess.run(["dot", "-Tplain", os.path.join(run.out, "graph.dot")], capture_output=True)
    xdot = subprocess.run(["dot", "-Tcanon", os.path.join(run.out, "graph.dot")], capture_output=True, text=True)
    arrows = {line.split("--")[0].strip().strip('"') + ">" + line.split("--")[1].split("[")[0].strip().strip('"')
              for line in xdot.stdout.splitlines() if "--" in line and "dir=" in line}
    directed = {f"{w[0]}>{w[1]}" for w in want.values() if w[2] != "undirected"}
    tap.check(dot.returncode == 0 and arrows == directed, "DOT: Graphviz reads an arrow on every directed edge",
              f"{arrows} vs {directed}")


def test_errors(tap, binary):
    tmp = pgtest.build(binary, small())
    path = os.path.join(tmp.name, "data.json")
    for args, want in ((["--types", "prased"], "did you mean 'praised'"),
                       (["--exclude-types", "nope"], "no relation type 'nope'"),
                       (["--exclude", "cpcc"], "did you mean 'cpc'"),
                       (["--exclude", "cpc,,jp"], "none empty")):
        proc = pgtest.run(binary, "build", path, "-o", os.path.join(tmp.name, "x"), *args, check=False)
        err = proc.stderr.decode()
        tap.check(proc.returncode == 2 and want in err and err.count("\n") == 1
                  and not os.path.exists(os.path.join(tmp.name, "x")),
                  f"{' '.join(args)}: exit 2, one line, nothing written", err)


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "build/partygraph"
    tap = pgtest.Tap()
    test_rules(tap, binary)
    test_random(tap, binary)
    test_formats(tap, binary)
    test_errors(tap, binary)
    tap.done()


if __name__ == "__main__":
    main()
