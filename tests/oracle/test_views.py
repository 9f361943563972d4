"""Oracle tests for views, time windows and filters: every edge and weight
partygraph builds is checked against an independent computation —
NetworkX's bipartite projections on a two-mode attendance network (Davis's
Southern Women), a reference implementation of the README's rules written
here from the rules themselves, and NetworkX on the resulting graphs.

    /usr/bin/python3 tests/oracle/test_views.py BUILD/partygraph"""
import datetime
import itertools
import os
import sys

import networkx as nx
from networkx.algorithms import bipartite

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

VIA_CAP = 10


def edges_of(out):
    """The edges by their ends, the smaller id first (edges.csv writes a
    directed edge in its direction)."""
    return {tuple(sorted((r["source"], r["target"]))): r for r in pgtest.read_csv(os.path.join(out, "edges.csv"))}


def nodes_of(out):
    return [r["id"] for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))]


def via_text(ids):
    ids = sorted(ids)
    more = f";+{len(ids) - VIA_CAP} more" if len(ids) > VIA_CAP else ""
    return ";".join(ids[:VIA_CAP]) + more


# ---- the two-mode network ---------------------------------------------------

def davis():
    B = nx.davis_southern_women_graph()
    women = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 0)
    events = sorted(n for n, d in B.nodes(data=True) if d["bipartite"] == 1)
    wid = {w: f"w{i:02d}" for i, w in enumerate(women)}
    data = {"parties": [{"id": wid[w], "name": w} for w in women],
            "events": [{"id": e, "name": f"Event {e}"} for e in events],
            "relations": [{"type": "attended", "source": wid[w], "target": e} for w, e in B.edges()
                          if w in wid] + [{"type": "attended", "source": wid[e], "target": w} for w, e in B.edges()
                                          if e in wid]}
    return B, women, wid, data


def nx_projection(B, women, kind):
    if kind == "count":
        return bipartite.weighted_projected_graph(B, women)
    if kind == "newman":
        return bipartite.collaboration_weighted_projected_graph(B, women)
    return bipartite.overlap_weighted_projected_graph(B, women, jaccard=(kind == "jaccard"))


def check_projection(tap, binary, B, women, wid, data, kind, extra=(), label=""):
    run = pgtest.build(binary, data, "--view", "parties", "--projection", kind, *extra)
    got = edges_of(run.out)
    P = nx_projection(B, women, kind)
    want = {tuple(sorted((wid[u], wid[v]))): d["weight"] for u, v, d in P.edges(data=True)}
    tap.check(set(got) == set(want), f"davis {kind}{label}: the tie set equals NetworkX's projection",
              set(got) ^ set(want))
    bad = [(k, got[k]["weight"], w) for k, w in want.items() if k in got and not pgtest.close(float(got[k]["weight"]), w, 1e-12)]
    tap.check(not bad, f"davis {kind}{label}: weights equal NetworkX's", bad[:3])
    back = {v: k for k, v in wid.items()}
    shared_ok = all(int(got[k]["shared"]) == len(set(B[back[k[0]]]) & set(B[back[k[1]]]))
                    and got[k]["via"] == via_text(set(B[back[k[0]]]) & set(B[back[k[1]]])) for k in got)
    tap.check(shared_ok, f"davis {kind}{label}: shared and via list the common events")
    return run, P


def test_projections(tap, binary):
    B, women, wid, data = davis()
    for kind in ("count", "newman", "jaccard", "overlap"):
        run, P = check_projection(tap, binary, B, women, wid, data, kind)
        pgtest.compare_metrics(tap, f"davis {kind} projection", P, wid, run.out, False)
        run.cleanup()
    # mass events: NetworkX's projection of the network without them
    big = [e for e in B if B.nodes[e]["bipartite"] == 1 and B.degree(e) > 8]
    small = B.copy()
    small.remove_nodes_from(big)
    run, _ = check_projection(tap, binary, small, women, wid, data, "jaccard", ("--max-event-size", "8"),
                              " --max-event-size 8")
    run.cleanup()
    # thin ties dropped
    run = pgtest.build(binary, data, "--view", "parties", "--min-shared", "3")
    P = bipartite.weighted_projected_graph(B, women)
    want = {tuple(sorted((wid[u], wid[v]))) for u, v, d in P.edges(data=True) if d["weight"] >= 3}
    tap.check(set(edges_of(run.out)) == want, "davis --min-shared 3 keeps ties of 3 or more shared events")
    run.cleanup()


def test_contacts(tap, binary):
    """Direct contacts add their weight; a pair tied only by contact gets a tie."""
    B, women, wid, data = davis()
    a, b, c = wid[women[0]], wid[women[1]], wid[women[17]]
    data["relations"] += [{"type": "contact", "source": a, "target": b, "weight": 2.5},
                          {"type": "contact", "source": b, "target": a},
                          {"type": "contact", "source": a, "target": c, "weight": 0.25}]
    run = pgtest.build(binary, data, "--view", "parties")
    got = edges_of(run.out)
    P = bipartite.weighted_projected_graph(B, women)
    shared_ab = P[women[0]][women[1]]["weight"]
    ab, ac = got[tuple(sorted((a, b)))], got.get(tuple(sorted((a, c))))
    tap.check(pgtest.close(float(ab["weight"]), shared_ab + 3.5, 1e-12) and int(ab["count"]) == shared_ab + 2
              and "contact" in ab["types"], "contacts add their weight to a projected tie")
    direct_only = not P.has_edge(women[0], women[17])
    tap.check(ac is not None and (not direct_only or (float(ac["weight"]) == 0.25 and int(ac["shared"]) == 0)),
              "a pair tied only by a contact gets a tie of the contact's weight")
    run.cleanup()
    # 0.1 + 0.2 + 0.3 and 0.3 + 0.2 + 0.1 differ in floating point: the sum must not follow the input order
    weights = [0.1, 0.2, 0.3]
    outs = []
    for order in (weights, weights[::-1]):
        data["relations"] = [{"type": "contact", "source": a, "target": c, "weight": w} for w in order]
        run = pgtest.build(binary, data, "--view", "parties")
        outs.append(open(os.path.join(run.out, "edges.csv"), "rb").read())
        run.cleanup()
    tap.check(outs[0] == outs[1], "contact weights sum to the same bits whatever their input order")


# ---- a reference implementation of the view rules --------------------------

KINDS = {"countries": "country", "parties": "party", "mechanisms": "mechanism", "events": "event",
         "persons": "person"}
# docs/input.md, "Relation types": the built-in structural and directed types; a file's relation_types
# add types or replace these
STRUCTURAL = {"based_in", "held_in", "part_of", "belongs_to"}
DIRECTED = {"hosted", "visited", "invited", "sent_message", "awarded", "praised", "addressed", "learned_from",
            "congratulated"}


def declared_types(data, flag, builtin):
    declared = {t["id"]: t.get(flag, False) for t in data.get("relation_types", [])}
    return {t for t in builtin if t not in declared} | {t for t, s in declared.items() if s}


def structural_types(data):
    return declared_types(data, "structural", STRUCTURAL)


def membership_type(data, typ, kinds):
    """Does a relation of type `typ` between entities of `kinds` make a membership? (docs/network.md, Views)"""
    return typ not in structural_types(data) and ("mechanism" not in kinds or typ not in declared_types(
        data, "directed", DIRECTED))


def entities(data):
    return {e["id"]: dict(e, kind=KINDS[a]) for a in KINDS for e in data.get(a, [])}


IMPLIED = (("country", "held_in"), ("mechanism", "part_of"), ("host", "hosted"))


def stated(data):
    """The (type, {a, b}) ties that explicit relations state: a field implying
    the same tie adds nothing (docs/network.md, Relation types)."""
    return {(r["type"], frozenset((r["source"], r["target"]))) for r in data.get("relations", [])}


def implied_relations(data):
    """The relations entity fields imply, unless a relation states them."""
    said = stated(data)
    rels = [{"type": "based_in", "source": p["id"], "target": p["country"]}
            for p in data.get("parties", []) if "country" in p]
    rels += [{"type": rel, "source": p["id"], "target": p[field]}
             for p in data.get("persons", []) for field, rel in (("party", "belongs_to"), ("country", "based_in"))
             if field in p]
    rels += [{"type": rel, "source": e["id"], "target": e[field]}
             for e in data.get("events", []) for field, rel in IMPLIED if field in e]
    return [r for r in rels if (r["type"], frozenset((r["source"], r["target"]))) not in said]


def all_links(data):
    """Explicit relations then the ones fields imply, as (a, b, type, weight)."""
    links = [(r["source"], r["target"], r["type"], r.get("weight", 1)) for r in data.get("relations", [])]
    links += [(r["source"], r["target"], r["type"], 1) for r in implied_relations(data)]
    return [link for link in links if link[0] != link[1]]


def actor(ent, view, x):
    e = ent[x]
    if view == "parties":
        return x if e["kind"] == "party" else None
    if view == "mechanisms":
        return x if e["kind"] == "mechanism" else None
    if view == "persons":
        return x if e["kind"] == "person" else None
    if e["kind"] == "country":
        return x
    return e.get("country") if e["kind"] == "party" else None


def reference_view(data, view, projection="count", types=None):
    """{(u, v): weight} of a projected view, by docs/network.md's rules: every relation of a type that is
    not structural between an actor and an affiliation is a membership, between two actors a direct tie.
    `types`, a dict, receives {(u, v): set of the relation types behind the tie}."""
    ent = entities(data)
    structural = structural_types(data)
    affiliation_kinds = {"party"} if view == "mechanisms" else {"event", "mechanism"}
    members, member_types = {}, {}
    contact = {}
    types = {} if types is None else types
    for a, b, typ, w in all_links(data):
        if typ in structural:
            continue
        for x, y in ((a, b), (b, a)):
            act, kind = actor(ent, view, x), ent[y]["kind"]
            if act is not None and kind in affiliation_kinds and membership_type(data, typ, {ent[x]["kind"], kind}):
                members.setdefault(y, set()).add(act)
                member_types.setdefault((y, act), set()).add(typ)
        u, v = actor(ent, view, a), actor(ent, view, b)
        if u and v and u != v:
            key = tuple(sorted((u, v)))
            contact[key] = contact.get(key, 0) + w
            types.setdefault(key, set()).add(typ)
    affs = {}
    for aff, group in members.items():
        for m in group:
            affs.setdefault(m, set()).add(aff)
    ties = {}
    for aff, group in members.items():
        for u, v in itertools.combinations(sorted(group), 2):
            ties.setdefault((u, v), set()).add(aff)
            types.setdefault((u, v), set()).update(member_types[(aff, u)] | member_types[(aff, v)])
    weight = {}
    for (u, v), shared in ties.items():
        s, A, B = len(shared), len(affs[u]), len(affs[v])
        weight[(u, v)] = {"count": s, "newman": sum(1 / (len(members[x]) - 1) for x in shared),
                          "jaccard": s / (A + B - s), "overlap": s / min(A, B)}[projection]
    for key, w in contact.items():
        weight[key] = weight.get(key, 0) + w
    return weight


def check_projections(tap, binary, data, name, views):
    """Every projection of each of `views` of `data`: ties and weights as
    reference_view computes them."""
    for view in views:
        for projection in ("count", "newman", "jaccard", "overlap"):
            run = pgtest.build(binary, data, "--view", view, "--projection", projection)
            got = {k: float(r["weight"]) for k, r in edges_of(run.out).items()}
            want = reference_view(data, view, projection)
            ok = set(got) == set(want) and all(pgtest.close(got[k], want[k], 1e-12) for k in want)
            tap.check(ok, f"{name}, {view} view, {projection}: ties and weights equal the reference",
                      set(got) ^ set(want))
            run.cleanup()


def countries_dataset():
    # Hand check, count weights: A {e1, e2}, B {e1, m1, e3}, C {e2, m1}, D {e3};
    # A-B = 1 (e1) + 2 (contact a1-b1); A-C = 1; B-C = 1; B-D = 1; C-D = 1.5 (contact).
    return {"countries": [{"id": c, "name": c} for c in "ABCD"],
            "parties": [{"id": "a1", "name": "a1", "country": "A"}, {"id": "a2", "name": "a2", "country": "A"},
                        {"id": "b1", "name": "b1", "country": "B"}, {"id": "c1", "name": "c1", "country": "C"},
                        {"id": "x", "name": "x"}],
            "events": [{"id": e, "name": e} for e in ("e1", "e2", "e3")],
            "mechanisms": [{"id": "m1", "name": "m1"}],
            "relations": [{"type": "attended", "source": "a1", "target": "e1"},
                          {"type": "attended", "source": "b1", "target": "e1"},
                          {"type": "hosted", "source": "c1", "target": "e2"},
                          {"type": "signed", "source": "a2", "target": "e2"},
                          {"type": "member_of", "source": "b1", "target": "m1"},
                          {"type": "member_of", "source": "c1", "target": "m1"},
                          {"type": "contact", "source": "a1", "target": "b1", "weight": 2},
                          {"type": "contact", "source": "a1", "target": "a2"},
                          {"type": "attended", "source": "x", "target": "e1"},
                          {"type": "attended", "source": "D", "target": "e3"},
                          {"type": "attended", "source": "B", "target": "e3"},
                          {"type": "contact", "source": "C", "target": "D", "weight": 1.5}]}


def test_countries_and_mechanisms(tap, binary):
    data = countries_dataset()
    hand = {("A", "B"): 3, ("A", "C"): 1, ("B", "C"): 1, ("B", "D"): 1, ("C", "D"): 1.5}
    run = pgtest.build(binary, data, "--view", "countries")
    got = {k: float(r["weight"]) for k, r in edges_of(run.out).items()}
    tap.check(got == hand == reference_view(data, "countries"), "countries view: the hand-computed ties", got)
    run.cleanup()
    example = pgtest.load_example("cpc-interparty.json")
    check_projections(tap, binary, example, "example", ("parties", "countries", "mechanisms"))
    # mechanisms tied by shared members, against NetworkX's bipartite projection
    B = nx.Graph()
    ent = entities(example)
    for r in example["relations"]:
        kinds = {ent[r["source"]]["kind"], ent[r["target"]]["kind"]}
        if kinds == {"party", "mechanism"} and membership_type(example, r["type"], kinds):
            B.add_edge(r["source"], r["target"])
    mechs = [m["id"] for m in example["mechanisms"] if m["id"] in B]
    P = bipartite.weighted_projected_graph(B, mechs)
    run = pgtest.build(binary, example, "--view", "mechanisms")
    got = {k: int(r["shared"]) for k, r in edges_of(run.out).items() if int(r["shared"]) > 0}
    want = {tuple(sorted((u, v))): d["weight"] for u, v, d in P.edges(data=True)}
    tap.check(got == want, "mechanisms view: the shared members equal NetworkX's projection of the membership network",
              set(got) ^ set(want))
    run.cleanup()


def people_dataset():
    """Persons at events and in mechanisms, with direct ties of several types, declared ones among them."""
    persons = [{"id": f"p{i}", "name": f"Person {i}", "party": "cpc" if i % 2 else "cpv",
                "country": "CHN" if i % 2 else "VNM",
                "roles": [{"title": "delegate", "organization": "cpc" if i % 2 else "cpv", "from": "2019"}]}
               for i in range(1, 8)]
    rel = [("attended", "p1", "e1"), ("attended", "p2", "e1"), ("attended", "p3", "e1"), ("hosted", "p4", "e2"),
           ("addressed", "p1", "e2"), ("signed", "p5", "e2"), ("member_of", "p2", "m1"), ("member_of", "p5", "m1"),
           ("praised", "p6", "m1"),                # directed, to a mechanism: no membership
           ("met", "p1", "p2"), ("visited", "p3", "p6"), ("mentored", "p6", "p7"),
           ("colleague_of", "p4", "p5"),           # declared structural: no tie
           ("belongs_to", "p7", "cpv"),            # structural: a tie of the full view only
           ("attended", "cpc", "e1"), ("met", "cpc", "cpv")]
    return {"relation_types": [{"id": "mentored", "directed": True}, {"id": "colleague_of", "structural": True}],
            "countries": [{"id": "CHN", "name": "China"}, {"id": "VNM", "name": "Viet Nam"}],
            "parties": [{"id": "cpc", "name": "CPC", "country": "CHN"}, {"id": "cpv", "name": "CPV", "country": "VNM"}],
            "persons": persons,
            "events": [{"id": "e1", "name": "e1", "date": "2019-05"}, {"id": "e2", "name": "e2", "host": "cpv"}],
            "mechanisms": [{"id": "m1", "name": "m1"}],
            "relations": [{"type": t, "source": a, "target": b, "weight": 1 + i % 3} for i, (t, a, b) in enumerate(rel)]}


def test_direct_ties(tap, binary):
    """Every relation of a type that is not structural ties two actors; its type is among the edge's types."""
    example = pgtest.load_example("cpc-interparty.json")
    types = {}
    want = reference_view(example, "parties", types=types)
    run = pgtest.build(binary, example, "--view", "parties")
    got = edges_of(run.out)
    tap.check({k: set(r["types"].split(";")) for k, r in got.items()} == types,
              "example, parties view: each tie's types are those of its direct ties and shared affiliations",
              {k: (got[k]["types"], types.get(k)) for k in got if set(got[k]["types"].split(";")) != types.get(k)})
    tied = {x for k in want for x in k}
    parties = {p["id"] for p in example["parties"]}
    isolates = set(nodes_of(run.out)) - {x for k in got for x in k}
    tap.check(isolates == parties - tied, "example, parties view: the isolates are the parties with no tie by the rules",
              isolates ^ (parties - tied))
    run.cleanup()
    check_projections(tap, binary, people_dataset(), "people dataset", ("parties", "persons"))


def test_persons_view(tap, binary):
    """The persons view against NetworkX: the projection of the person-affiliation network, plus direct ties."""
    data = people_dataset()
    ent = entities(data)
    structural = structural_types(data)
    B = nx.Graph()
    direct = {}
    for r in data["relations"] + [{"type": "hosted", "source": e["host"], "target": e["id"], "weight": 1}
                                  for e in data["events"] if "host" in e]:
        a, b, kinds = r["source"], r["target"], {ent[r["source"]]["kind"], ent[r["target"]]["kind"]}
        if r["type"] in structural:
            continue
        if kinds == {"person"}:
            key = tuple(sorted((a, b)))
            direct[key] = direct.get(key, 0) + r["weight"]
        elif "person" in kinds and kinds & {"event", "mechanism"} and membership_type(data, r["type"], kinds):
            B.add_edge(a, b)
    persons = sorted(p["id"] for p in data["persons"])
    B.add_nodes_from(persons)
    P = bipartite.weighted_projected_graph(B, persons)
    want = {tuple(sorted((u, v))): d["weight"] for u, v, d in P.edges(data=True)}
    for key, w in direct.items():
        want[key] = want.get(key, 0) + w
    run = pgtest.build(binary, data, "--view", "persons")
    got = {k: float(r["weight"]) for k, r in edges_of(run.out).items()}
    tap.check(got == want, "persons view: NetworkX's projection of persons onto events and mechanisms, plus direct ties",
              set(got) ^ set(want))
    nodes = pgtest.read_csv(os.path.join(run.out, "nodes.csv"))
    tap.check([n["id"] for n in nodes] == persons and {n["kind"] for n in nodes} == {"person"},
              "persons view: every person is a node, tied or not, and only persons")
    run.cleanup()


# ---- time windows --------------------------------------------------------

first_day, last_day = pgtest.first_day, pgtest.last_day  # a partial ISO date's first and last days


OPEN_START, OPEN_END = datetime.date.min, datetime.date.max


def link_days(ent, rel):
    """The README's days of a relation: None when timeless."""
    date, end = rel.get("date"), rel.get("end")
    if date or end:
        lo = first_day(date) if date else OPEN_START
        hi = last_day(end) if end else OPEN_END if (rel["type"] == "member_of" or not date) else last_day(date)
        return lo, hi
    for x in (rel["source"], rel["target"]):
        e = ent[x]
        if e["kind"] == "event" and "date" in e:
            return first_day(e["date"]), last_day(e.get("end", e["date"]))
    return None


def window_kept(data, lo, hi, dated_only=False, undated="omit"):
    """The relations of the full view kept in the window [lo, hi], by the
    rules of docs/network.md ("Time windows"): a dated relation overlaps
    the window; an undated explicit one is left out (kept with --undated
    keep); an undated implied tie (a party's country) is kept only when
    both its ends have a dated tie kept in the window."""
    ent = entities(data)
    rels = [dict(r, explicit=True) for r in data.get("relations", [])] + implied_relations(data)

    def outside(x):
        e = ent[x]
        return e["kind"] == "event" and "date" in e and (
            last_day(e.get("end", e["date"])) < lo or first_day(e["date"]) > hi)
    rels = [r for r in rels if r["source"] != r["target"] and not outside(r["source"]) and not outside(r["target"])]
    kept = [r for r in rels if link_days(ent, r) is not None and link_days(ent, r)[0] <= hi and link_days(ent, r)[1] >= lo]
    tied = {x for r in kept for x in (r["source"], r["target"])}
    for r in rels:
        if link_days(ent, r) is not None or dated_only:
            continue
        if undated == "keep" or (not r.get("explicit") and r["source"] in tied and r["target"] in tied):
            kept.append(r)
    return kept


def window_links(data, lo, hi, dated_only=False, undated="omit"):
    """The pairs of window_kept's relations."""
    return {tuple(sorted((r["source"], r["target"]))) for r in window_kept(data, lo, hi, dated_only, undated)}


def timeline_dataset():
    return {"countries": [{"id": "C1", "name": "C1"}],
            "mechanisms": [{"id": "m1", "name": "m1"}],
            "parties": [{"id": f"p{i}", "name": f"p{i}", **({"country": "C1"} if i == 1 else {})} for i in range(1, 7)],
            "events": [{"id": "e2015", "name": "e", "date": "2015-03-10", "country": "C1"},
                       {"id": "e2016", "name": "e", "date": "2016", "mechanism": "m1"},
                       {"id": "e2017", "name": "e", "date": "2017-06", "end": "2017-07", "host": "p1"},
                       {"id": "eU", "name": "e"}],
            "relations": [{"type": "attended", "source": "p1", "target": "e2015"},
                          {"type": "attended", "source": "p2", "target": "e2016"},
                          {"type": "attended", "source": "p3", "target": "e2017", "date": "2017-06-05"},
                          {"type": "contact", "source": "p1", "target": "p2", "date": "2016-05"},
                          {"type": "contact", "source": "p2", "target": "p3"},
                          {"type": "member_of", "source": "p4", "target": "m1", "date": "2014"},
                          {"type": "member_of", "source": "p5", "target": "m1", "date": "2010", "end": "2012"},
                          {"type": "attended", "source": "p3", "target": "eU"},
                          {"type": "contact", "source": "p6", "target": "p1", "date": "2019-02-01"}]}


def test_windows(tap, binary):
    data = timeline_dataset()
    cases = [("2016", "2016"), ("2017-06", None), (None, "2015"), ("2013", "2014"), ("2017-07-15", "2017-07-15"),
             ("2011", "2011")]
    for (lo, hi), dated_only, undated in itertools.product(cases, (False, True), ("omit", "keep")):
        if dated_only and undated == "keep":
            continue
        args = (["--from", lo] if lo else []) + (["--to", hi] if hi else []) + (["--dated-only"] if dated_only else [])
        args += ["--undated", "keep"] if undated == "keep" else []
        run = pgtest.build(binary, data, *args)
        want = window_links(data, first_day(lo) if lo else OPEN_START, last_day(hi) if hi else OPEN_END, dated_only,
                            undated)
        got = set(edges_of(run.out))
        nodes = set(nodes_of(run.out))
        tap.check(got == want and nodes == {x for pair in want for x in pair},
                  f"window {' '.join(args)}: the edges and nodes the rules give", f"{got ^ want}, nodes {nodes}")
        run.cleanup()


def rank(values):
    """Ranks by value to 12 significant digits (the README's rule), ties by id."""
    order = sorted(values, key=lambda n: (-float(f"{values[n]:.12g}"), n.encode()))
    return {n: i + 1 for i, n in enumerate(order)}


def undated_explicit(data):
    """The explicit relations without a date of their own or of a dated event at an end."""
    ent = entities(data)
    return [r for r in data["relations"] if link_days(ent, r) is None]


def period_types(data, year):
    """Relations by type kept in the window of `year`."""
    counts = {}
    for r in window_kept(data, first_day(year), last_day(year)):
        counts[r["type"]] = counts.get(r["type"], 0) + 1
    return counts


def check_period_counts(tap, data, summary):
    """Each period of summary.json: its nodes, the undated relations its
    window left out and its relations by type, counted from the data."""
    for p in summary["periods"]["list"]:
        year = p["period"]
        pairs = window_links(data, first_day(year), last_day(year))
        nodes = {x for pair in pairs for x in pair}
        tap.check(p["nodes"] == len(nodes) and p["edges"] == len(pairs),
                  f"period {year}: summary.json's node and edge counts are those of its window", (p, sorted(nodes)))
        tap.check(p["undated_left_out"] == len(undated_explicit(data)),
                  f"period {year}: summary.json counts the undated relations left out", p)
        want = period_types(data, year)
        tap.check(p["relations_by_type"] == want, f"period {year}: relations by type as counted from the data",
                  (p["relations_by_type"], want))


def test_periods(tap, binary):
    data = timeline_dataset()
    run = pgtest.build(binary, data, "--window", "1y", "--from", "2015", "--to", "2017")
    rows = pgtest.read_csv(os.path.join(run.out, "metrics_by_period.csv"))
    periods = sorted({r["period"] for r in rows})
    tap.check(periods == ["2015", "2016", "2017"], "yearly periods are labelled by their year", periods)
    for year in periods:
        G = nx.Graph(sorted(window_links(data, first_day(year), last_day(year))))
        for metric, values in (("degree", dict(G.degree())), ("pagerank", nx.pagerank(G, tol=1e-15, max_iter=10000))):
            got = {r["id"]: r for r in rows if r["period"] == year and r["metric"] == metric}
            ranks = rank(values)
            ok = set(got) == set(G) and all(pgtest.close(float(got[n]["value"]), values[n], 1e-10)
                                            and int(got[n]["rank"]) == ranks[n] for n in G)
            tap.check(ok, f"period {year}: {metric} values and ranks equal NetworkX's on that window's graph")
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    check_period_counts(tap, data, summary)
    changes = summary["periods"]["rank_changes"]
    tap.check(len(changes) == 6 and changes[0]["from"] == "2015" and changes[0]["to"] == "2016",
              "summary.json reports rank changes for each pair of periods and metric")
    run.cleanup()
    run = pgtest.build(binary, data, "--window", "6m", "--step", "3m", "--from", "2016-01", "--to", "2016-12")
    labels = sorted({r["period"] for r in pgtest.read_csv(os.path.join(run.out, "metrics_by_period.csv"))})
    tap.check(labels == ["2016-01", "2016-04", "2016-07", "2016-10"], "monthly periods: label YYYY-MM", labels)
    run.cleanup()
    run = pgtest.build(binary, data, "--window", "1y", "--from", "2017-06-10", "--to", "2017-12")
    rows = pgtest.read_csv(os.path.join(run.out, "metrics_by_period.csv"))
    want = {x for pair in window_links(data, first_day("2017-06-10"), last_day("2017-12")) for x in pair}
    got = {r["id"] for r in rows if r["metric"] == "degree"}
    tap.check({r["period"] for r in rows} == {"2017-06"} and got == want,
              "a period starts no earlier than --from's day (2017-06-10, not June 1)", f"{got} != {want}")
    run.cleanup()


# ---- filters -----------------------------------------------------------------

def karate_dataset():
    G = nx.karate_club_graph()
    data = {"countries": [{"id": "N", "name": "North", "region": "north"}, {"id": "S", "name": "South", "region": "south"}],
            "parties": [dict({"id": f"k{n:02d}", "name": f"member {n}",
                              "family": "hi" if G.nodes[n]["club"] == "Mr. Hi" else "officer"},
                             **({"country": "N" if n % 2 else "S"} if n < 20 else {})) for n in G],
            "relations": [{"type": "contact", "source": f"k{u:02d}", "target": f"k{v:02d}", "weight": d["weight"]}
                          for u, v, d in G.edges(data=True)]}
    return data


def full_graph(data):
    """The full view as NetworkX sees it: merged weights, node attributes."""
    G = nx.Graph()
    ent = entities(data)
    for x, e in ent.items():
        G.add_node(x, **{k: v for k, v in e.items() if k != "id"})
    for a, b, _, w in all_links(data):
        G.add_edge(a, b, weight=G[a][b]["weight"] + w if G.has_edge(a, b) else w)
    return G


def resolved(G, n, attr):
    """A node's attribute, or else its country's (the README's rule)."""
    d = G.nodes[n]
    if attr in d:
        return d[attr]
    return G.nodes[d["country"]].get(attr) if "country" in d else None


def test_filters(tap, binary):
    data = karate_dataset()
    G = full_graph(data)
    cases = {
        "--where family=hi": G.subgraph([n for n in G if G.nodes[n].get("family") == "hi"]),
        "--where region=north": G.subgraph([n for n in G if resolved(G, n, "region") == "north"]),
        "--kinds party": G.subgraph([n for n in G if G.nodes[n]["kind"] == "party"]),
    }
    H = G.subgraph([n for n in G if G.nodes[n]["kind"] == "party"])
    light = nx.Graph([(u, v, d) for u, v, d in H.edges(data=True) if d["weight"] >= 3])
    light.add_nodes_from(H)
    cases["--kinds party --min-weight 3"] = light
    cases["--kinds party --min-weight 3 --k-core 3"] = nx.k_core(light, 3)
    cases["--kinds party --min-weight 3 --giant"] = light.subgraph(max(nx.connected_components(light), key=len))
    cases["--where family=officer --where region=south"] = G.subgraph(
        [n for n in G if G.nodes[n].get("family") == "officer" and resolved(G, n, "region") == "south"])
    for args, want in cases.items():
        run = pgtest.build(binary, data, *args.split())
        got_nodes, got_edges = set(nodes_of(run.out)), set(edges_of(run.out))
        want_edges = {tuple(sorted(e)) for e in want.edges()}
        tap.check(got_nodes == set(want) and got_edges == want_edges, f"filter {args}: the nodes and edges NetworkX keeps",
                  f"nodes {got_nodes ^ set(want)}, edges {got_edges ^ want_edges}")
        run.cleanup()
    # cores that peel in long cascades, at every k
    R = nx.gnm_random_graph(300, 1100, seed=11)
    data, ids = pgtest.to_partygraph(R)
    core = nx.core_number(R)
    for k in range(1, max(core.values()) + 2):
        run = pgtest.build(binary, data, "--k-core", str(k))
        want = nx.k_core(R, k)
        ok = set(nodes_of(run.out)) == {ids[n] for n in want} and \
            set(edges_of(run.out)) == {tuple(sorted((ids[u], ids[v]))) for u, v in want.edges()}
        tap.check(ok, f"random graph (300 nodes, 1100 edges), --k-core {k}: NetworkX's k-core ({len(want)} nodes)")
        run.cleanup()


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    test_projections(tap, binary)
    test_contacts(tap, binary)
    test_countries_and_mechanisms(tap, binary)
    test_direct_ties(tap, binary)
    test_persons_view(tap, binary)
    test_windows(tap, binary)
    test_periods(tap, binary)
    test_filters(tap, binary)
    tap.done()


if __name__ == "__main__":
    main()
