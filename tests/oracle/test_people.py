"""People and the other partygraph/1 additions of docs/input.md: persons (their ties, their roles as one
attribute), countries' groupings, declared relation types, the format detection of a file with persons,
and ego networks around a person. Expectations come from the JSON itself, written out by the documented
rules, and from NetworkX.

    /usr/bin/python3 tests/oracle/test_people.py BUILD/partygraph"""
import json
import os
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402


def dataset():
    return {
        "format": "partygraph/1",
        "relation_types": [{"id": "mentored", "directed": True, "label": "mentored"},
                           {"id": "met", "directed": True}],  # replaces the built-in (undirected) met
        "countries": [{"id": "CHN", "name": "China", "region": "Asia", "groupings": ["BRICS", "Asia-Pacific"]},
                      {"id": "EGY", "name": "Egypt", "region": "Africa", "groupings": ["Arab states"]},
                      {"id": "VNM", "name": "Viet Nam", "region": "Asia", "groupings": []}],
        "parties": [{"id": "cpc", "name": "CPC", "country": "CHN"}, {"id": "cpv", "name": "CPV", "country": "VNM"}],
        "persons": [
            {"id": "xi", "name": "Xi Jinping", "party": "cpc", "country": "CHN", "born": 1953,
             "roles": [{"title": "general secretary", "organization": "cpc", "from": "2012-11"},
                       {"title": "president", "from": "2013-03", "to": "2023"},
                       {"title": "delegate"},
                       {"title": "vice president", "to": "2013"}]},
            {"id": "to_lam", "name": "To Lam", "party": "cpv", "roles": []},
            {"id": "liu", "name": "Liu Jianchao", "party": "cpc"},
        ],
        "events": [{"id": "e1", "name": "Summit", "date": "2023-03", "country": "CHN", "host": "cpc"}],
        "relations": [{"type": "attended", "source": "xi", "target": "e1"},
                      {"type": "attended", "source": "to_lam", "target": "e1"},
                      {"type": "met", "source": "liu", "target": "to_lam", "date": "2023-03"},
                      {"type": "mentored", "source": "xi", "target": "liu"}],
    }


def role_text(role):
    """docs/input.md: "title[, organization][ (from-to)]", either date left empty when absent."""
    text = role["title"] + (f", {role['organization']}" if "organization" in role else "")
    if "from" in role or "to" in role:
        text += f" ({role.get('from', '')}-{role.get('to', '')})"
    return text


def write(tmp, name, data):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(data if isinstance(data, str) else json.dumps(data))
    return path


def test_attributes(tap, binary):
    data = dataset()
    run = pgtest.build(binary, data)
    nodes = {r["id"]: r for r in pgtest.read_csv(os.path.join(run.out, "nodes.csv"))}
    persons = {p["id"]: p for p in data["persons"]}
    tap.check({i for i, r in nodes.items() if r["kind"] == "person"} == set(persons),
              "every person is a node of kind person")
    want = {i: ";".join(role_text(r) for r in p.get("roles", [])) for i, p in persons.items()}
    got = {i: nodes[i]["roles"] for i in persons}
    tap.check(got == want, "roles: one attribute, each role as title, organization (from-to), ';'-joined in order",
              {i: (got[i], want[i]) for i in want if got[i] != want[i]})
    tap.check(nodes["xi"]["party"] == "cpc" and nodes["xi"]["born"] == "1953" and nodes["to_lam"]["country"] == "",
              "a person's party and country are attributes, and other keys too")
    groupings = {c["id"]: ";".join(c["groupings"]) for c in data["countries"]}
    tap.check({c: nodes[c]["groupings"] for c in groupings} == groupings and nodes["EGY"]["region"] == "Africa",
              "countries' groupings: ';'-joined in input order, beside region")
    edges = {(r["source"], r["target"]): r for r in pgtest.read_csv(os.path.join(run.out, "edges.csv"))}
    implied = {tuple(sorted((p["id"], p[f]))): t for p in data["persons"] for f, t in
               (("party", "belongs_to"), ("country", "based_in")) if f in p}
    tap.check(all(edges[k]["types"] == t for k, t in implied.items()),
              "a person's party implies belongs_to, its country based_in")
    summary = pgtest.read_json(os.path.join(run.out, "summary.json"))
    tap.check(summary["nodes_by_kind"] == {"country": 3, "party": 2, "mechanism": 0, "event": 1, "person": 3,
                                           "node": 0},
              "summary.json counts the nodes of each kind, persons too (and generic nodes)", summary["nodes_by_kind"])
    run.cleanup()


def test_ego(tap, binary):
    """ego on a person: NetworkX's ego graph of the full view around it."""
    data = dataset()
    G = nx.Graph()
    for r in data["relations"]:
        G.add_edge(r["source"], r["target"])
    for p in data["parties"] + data["persons"]:
        for f in ("country", "party"):
            if f in p:
                G.add_edge(p["id"], p[f])
    for e in data["events"]:
        for f in ("country", "host"):
            G.add_edge(e["id"], e[f])
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "data.json", data)
        out = os.path.join(tmp, "ego")
        pgtest.run(binary, "ego", "-q", path, "liu", "--radius", "1", "-o", out)
        got = {r["id"] for r in pgtest.read_csv(os.path.join(out, "nodes.csv"))}
        report = pgtest.read_json(os.path.join(out, "ego.json"))
    want = set(nx.ego_graph(G, "liu", radius=1))
    tap.check(got == want, "ego on a person: the nodes of NetworkX's ego graph", got ^ want)
    tap.check(json.dumps(report).count('"person"') > 0, "ego.json names the ego's kind, person")


def test_relation_types(tap, binary):
    data = dataset()
    with tempfile.TemporaryDirectory() as tmp:
        path = write(tmp, "data.json", data)
        proc = pgtest.run(binary, "validate", path)
        counted = f"{len(data['persons'])} persons" in proc.stdout.decode()
        tap.check(proc.stderr == b"" and counted, "declared relation types load quietly; validate counts the persons",
                  proc.stdout.decode() + proc.stderr.decode())
        data["relation_types"].append({"id": "met", "label": "again"})
        proc = pgtest.run(binary, "validate", write(tmp, "dup.json", data), check=False)
        tap.check(proc.returncode == 1 and b"$.relation_types[2].id: duplicate relation type id \"met\": already "
                  b"declared at $.relation_types[1]" in proc.stderr, "a repeated relation type id is an error",
                  proc.stderr.decode())
        data["relation_types"][2] = {"id": "trained", "structural": True, "colour": "red"}
        text = json.dumps(data).replace('"relation_types"', '"relation_types": [{"id": "met"}], "relation_types"', 1)
        proc = pgtest.run(binary, "validate", write(tmp, "again.json", text), check=False)
        tap.check(b"duplicate relation type" not in proc.stderr and b"colour" in proc.stderr,
                  "a repeated relation_types key replaces the first; an unknown key of a type warns",
                  proc.stderr.decode())


def test_detection(tap, binary):
    persons = [{"id": "xi", "name": "Xi Jinping"}]
    cases = [
        ("format after persons", '{"persons": %s, "format": "partygraph/1"}' % json.dumps(persons), ""),
        ("persons with parties, no format", json.dumps({"persons": persons, "parties": [{"id": "cpc", "name": "C"}]}), ""),
        ("Popolo persons, organizations, memberships", json.dumps(
            {"persons": [{"id": "p1", "name": "A"}], "organizations": [{"id": "o1", "name": "O"}],
             "memberships": [{"person_id": "p1", "organization_id": "o1"}]}), " (read from popolo)"),
        ("persons alone", json.dumps({"persons": persons}), " (read from popolo)"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, read_from in cases:
            proc = pgtest.run(binary, "validate", write(tmp, "in.json", text), check=False)
            out = proc.stdout.decode()
            tap.check(f": valid partygraph/1{read_from}:" in out, f"detection, {name}: read as "
                      f"{read_from.strip() or 'partygraph/1'}", out + proc.stderr.decode())


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = pgtest.Tap()
    test_attributes(tap, binary)
    test_ego(tap, binary)
    test_relation_types(tap, binary)
    test_detection(tap, binary)
    tap.done()


if __name__ == "__main__":
    main()
