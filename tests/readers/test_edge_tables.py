"""Edge lists and participation logs in tables (read_edges.c, read_log.c),
read through the unit test program BUILD/tests/test_edge_tables in its tool
mode (PG_TABLES_READ, PG_TABLES_FILES, PG_TABLES_COLUMNS) until the table
loader calls them, and compared with what Python makes of the same rows:
a Gephi edge list (with and without a nodes table) against NetworkX's graph
of its rows; partygraph's own nodes.csv and edges.csv, written by `build`,
read back against those files; a participation log against counts made in
Python; then the errors, each at its table, row and header.

    /usr/bin/python3 tests/readers/test_edge_tables.py BUILD/partygraph"""
import csv
import os
import random
import re
import subprocess
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TOOL = os.path.join(os.path.dirname(BIN), "tests", "test_edge_tables")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
TMP = tempfile.TemporaryDirectory(prefix="pgedges-")
tap = pgtest.Tap()
KINDS = ["country", "party", "mechanism", "event", "person", "node"]


def write_table(name, header, rows, delimiter=","):
    path = os.path.join(TMP.name, name + ".csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def read_tables(what, *paths, columns=None):
    """(exit status, entities {id: (name, kind, attrs)}, relations [(type,
    source, target, weight, date, attrs)], problem lines) of the tool."""
    env = dict(os.environ, PG_TABLES_READ=what, PG_TABLES_FILES=":".join(paths))
    if columns is not None:
        env["PG_TABLES_COLUMNS"] = columns
    proc = subprocess.run([TOOL], env=env, capture_output=True, text=True)
    ents, rels = {}, []
    for line in proc.stdout.splitlines():
        fields = line[2:].split("|")
        if line.startswith("E "):
            ents[fields[0]] = (fields[1], KINDS[int(fields[2])], attrs_of(fields[6]))
        elif line.startswith("R "):
            rels.append((fields[0], fields[1].split("@")[0], fields[2].split("@")[0], float(fields[3]), fields[5],
                         attrs_of(fields[7])))
    return proc.returncode, ents, rels, proc.stderr.splitlines()


def attrs_of(text):
    """{key: (type letter, text)} of a dump's attributes (" k=s:v ...")."""
    return {m.group(1): (m.group(2), m.group(3)) for m in re.finditer(r" ([^ =]+)=([snb]):(\S*)", text)}


def pair_weights(rels):
    """{frozenset(source, target): summed weight} of relations."""
    out = {}
    for r in rels:
        key = frozenset((r[1], r[2]))
        out[key] = out.get(key, 0.0) + r[3]
    return out


# ---- a Gephi edge list ------------------------------------------------------

def gephi():
    rnd = random.Random(19)
    ids = [f"n{i}" for i in range(30)]
    rows = []
    for _ in range(80):
        a, b = rnd.sample(ids, 2)
        rows.append([a, b, rnd.choice(["Directed", "Undirected"]), rnd.choice([1, 2, 0.5]), rnd.randint(1, 9),
                     rnd.choice(["x", "7"])])
    edges = write_table("edges", ["Source", "Target", "Type", "Weight", "count_of", "mixed"], rows)
    nodes = write_table("nodes", ["Id", "Label", "kind", "seats"],
                        [[i, f"Party {i}", "party", k] for k, i in enumerate(ids[:20])])
    G = nx.Graph()
    for a, b, _, w, _, _ in rows:  # NetworkX's graph of the rows: parallel edges merged, weights summed
        G.add_edge(a, b, weight=G.get_edge_data(a, b, {"weight": 0})["weight"] + float(w))
    rc, ents, rels, problems = read_tables("edges", edges, nodes)
    tap.check(rc == 0, "a Gephi edge list with a nodes table reads", "\n".join(problems))
    tap.check(set(ents) == set(G.nodes) | set(ids[:20]), "every node of the nodes table and every end is a node")
    want = {frozenset((u, v)): d["weight"] for u, v, d in G.edges(data=True)}
    tap.check(pair_weights(rels) == want, "the edges and their weights are NetworkX's of the same rows",
              f"got {len(pair_weights(rels))} pairs, want {len(want)}")
    tap.check(all(r[0] == "contact" for r in rels), "Type (Directed, Undirected) is a direction, not a relation type")
    tap.check(all(ents[i][0] == f"Party {i}" and ents[i][1] == "party" for i in ids[:20]),
              "Label is the name and kind the kind")
    tap.check(all(ents[i][0] == i and ents[i][1] == "node" for i in set(ents) - set(ids[:20])),
              "a node only edges name: its id for a name, of the generic kind")
    tap.check(all(ents[i][2].get("seats", ("", ""))[0] == "n" for i in ids[:20]), "a column of numbers is numeric")
    tap.check(all(r[5]["mixed"][0] == "s" and r[5]["count_of"][0] == "n" for r in rels),
              "a column of text and numbers is text; one of numbers numeric")
    warned = [p for p in problems if "kept as attributes of every edge" in p]
    tap.check(len(warned) == 1 and '"count_of", "mixed"' in warned[0], "one warning lists the other columns",
              "\n".join(problems))
    tap.check(any("Gephi's direction" in p for p in problems), "directed edges: one warning")


def plain_list():
    rows = [["a", "b", "3"], ["b", "c", "1.5"], ["c", "a", ""]]
    edges = write_table("links", ["source", "target", "weight"], rows, delimiter=";")
    rc, ents, rels, problems = read_tables("edges", edges)
    G = nx.Graph([(r[0], r[1]) for r in rows])
    tap.check(rc == 0 and set(ents) == set(G.nodes), "lower-case headers, semicolons, no nodes table: its nodes",
              "\n".join(problems))
    tap.check(pair_weights(rels) == {frozenset(("a", "b")): 3.0, frozenset(("b", "c")): 1.5, frozenset(("a", "c")): 1.0},
              "an empty weight is the default, 1")


def relation_types():
    rows = [["a", "b", "cooperation"], ["b", "c", "contact"], ["c", "d", "cooperation"]]
    edges = write_table("edges", ["source", "target", "type"], rows)
    rc, _, rels, problems = read_tables("edges", edges)
    tap.check(rc == 0 and sorted((r[1], r[2], r[0]) for r in rels) == sorted(tuple(r) for r in rows),
              "a type column of other words: the relation types", "\n".join(problems))


def timeset():
    edges = write_table("edges", ["Source", "Target", "Time Interval"], [["a", "b", "<[2001.0, 2005.0]>"],
                                                                  ["b", "c", "<[2003-01-01,2003-06-30]>"]])
    rc, _, rels, problems = read_tables("edges", edges)
    dates = sorted(r[4] for r in rels)
    tap.check(rc == 0 and dates == ["2001-0-0", "2003-1-1"], "Gephi's Time Interval dates the edge", f"{dates} {problems}")


# ---- partygraph's own tables, read back -------------------------------------

def own_tables():
    out = os.path.join(TMP.name, "built")
    pgtest.run(BIN, "build", "-q", os.path.join(ROOT, "examples", "cpc-interparty.json"), "-o", out, "--layout",
               "none")
    nodes, edges = (os.path.join(out, f) for f in ("nodes.csv", "edges.csv"))
    rc, ents, rels, problems = read_tables("edges", edges, nodes)
    want_nodes = pgtest.read_csv(nodes)
    want_edges = pgtest.read_csv(edges)
    tap.check(rc == 0, "partygraph's nodes.csv and edges.csv read back", "\n".join(problems))
    tap.check({n["id"]: (n["label"], n["kind"]) for n in want_nodes} == {i: e[:2] for i, e in ents.items()},
              "the same nodes: ids, names, kinds")
    want = {frozenset((e["source"], e["target"])): float(e["weight"]) for e in want_edges}
    got = pair_weights(rels)
    tap.check(set(got) == set(want), "the same edges", f"{len(got)} pairs, want {len(want)}")
    tap.check(all(abs(got[k] - want[k]) < 1e-9 for k in want if k in got), "the same weights")
    types = {frozenset((e["source"], e["target"])): set(e["types"].split(";")) for e in want_edges}
    got_types = {}
    for r in rels:
        got_types.setdefault(frozenset((r[1], r[2])), set()).add(r[0])
    tap.check(got_types == types, "each edge's types are its relations' types")
    tap.check(not any(k.startswith("input_") for e in ents.values() for k in e[2]),
              "the computed columns are ignored, not kept as input_ attributes")


# ---- a participation log ---------------------------------------------------

def make_id(name):
    return re.sub(r"[^0-9A-Za-z_.:-]+", "_", name).strip("_")


def log():
    rnd = random.Random(7)
    parties = [(f"Party {i}", f"Land {i % 5}") for i in range(25)]
    rows = []
    for e in range(40):
        date, forum, host = f"20{10 + e % 10}-0{1 + e % 9}-1{e % 10}", f"Forum {e % 4}", f"Land {e % 6}"
        for p, land in rnd.sample(parties, rnd.randint(2, 6)):
            rows.append([f"Meeting {e}", date, p, forum, host, land, rnd.choice(["host", "guest", ""]),
                         rnd.randint(1, 300)])
    header = ["Meeting", "Date", "Party", "Forum", "Host country", "Party country", "Role", "Delegates"]
    path = write_table("log", header, rows)
    columns = ("event=Meeting,date=Date,participant=Party,mechanism=Forum,country=Host country,"
               "participant_country=Party country,role=Role")
    rc, ents, rels, problems = read_tables("log", path, columns=columns)
    tap.check(rc == 0, "a participation log reads", "\n".join(problems))
    kinds = {}
    for name, kind, _ in ents.values():
        kinds.setdefault(kind, set()).add(name)
    want = {"event": {r[0] for r in rows}, "party": {r[2] for r in rows}, "mechanism": {r[3] for r in rows},
            "country": {r[4] for r in rows} | {r[5] for r in rows}}
    tap.check(kinds == want, "one event per distinct event, one party per participant, mechanisms and countries",
              f"{ {k: len(v) for k, v in kinds.items()} } want { {k: len(v) for k, v in want.items()} }")
    attended = sorted((r[1], r[2]) for r in rels if r[0] == "attended")
    tap.check(attended == sorted((make_id(r[2]), make_id(r[0])) for r in rows),
              "one attended relation per row, from the party to the event, ids made from names")
    dates = {e[0]: e[2].get("date", ("", ""))[1] for e in ents.values() if e[1] == "event"}
    tap.check(dates == {r[0]: r[1] for r in rows}, "each event's date from its rows")
    based = {i: e[2].get("country", ("", ""))[1] for i, e in ents.items() if e[1] == "party"}
    tap.check(based == {make_id(p): make_id(c) for _, _, p, _, _, c, _, _ in rows},
              "a participant's country is its party's")
    roles = sorted(r[5].get("role", ("", ""))[1] for r in rels if r[0] == "attended")
    tap.check(roles == sorted(r[6] for r in rows), "the role is the relation's")
    tap.check(all(r[5]["Delegates"][0] == "n" for r in rels if r[0] == "attended"),
              "a column no role names: a numeric attribute of the relation")


def log_defaults():
    path = write_table("plain", ["EVENT", "participant", "date"], [["e1", "A", "2020"], ["e1", "B", "2020"]])
    rc, ents, rels, problems = read_tables("log", path)
    tap.check(rc == 0 and len(ents) == 3 and len(rels) == 2, "without --columns: the headers named as the roles",
              "\n".join(problems))


# ---- errors -------------------------------------------------------------------

def one_error(what, paths, want, label, columns=None):
    rc, _, _, problems = read_tables(what, *paths, columns=columns)
    errors = [p for p in problems if ": warning: " not in p]
    tap.check(rc == 1 and errors[:1] == [want], label, "\n".join(problems))


def errors():
    e = write_table("edges", ["Source", "Target", "Weight"], [["a", "b", "1"]] * 11 + [["a", "c", "heavy"]])
    one_error("edges", [e], 'tables: $.edges[11].Weight: a weight must be a number, got "heavy"',
              "a weight that is no number, at its row and header")
    e = write_table("edges", ["Source", "Traget"], [["a", "b"]])
    one_error("edges", [e], 'tables: $.edges.Traget: no Target column in table "edges": did you mean "Traget"?',
              "a misspelt header")
    e = write_table("edges", ["Source", "Target", "Start"], [["a", "b", "2020"], ["a", "c", "2020-13"]])
    one_error("edges", [e], 'tables: $.edges[1].Start: "2020-13" is not a date: there is no month 13 (months run '
              'from 01 to 12)', "a date that is no date, at its header as written")
    log = write_table("log", ["event", "participant", "date"], [["S", "A", "2019-02-30"]])
    one_error("log", [log], 'tables: $.log[0].date: date "2019-02-30" is not a date: February 2019 has 28 days',
              "a log's date that is no date")
    e = write_table("edges", ["Source", "Target"], [["a", ""]])
    one_error("edges", [e], "tables: $.edges[0].Target: missing target", "an empty end")
    log = write_table("log", ["Meeting", "Date", "Party"], [["S", "2019", "A"], ["S", "2018", "B"]])
    one_error("log", [log], 'tables: $.log[1].Date: event "S" has date "2018" here but "2019" at 2:3',
              "two dates for one event: at the second, naming the first", columns="event=Meeting,date=Date,"
              "participant=Party")
    one_error("log", [log], 'tables: --columns: table "log" has no column "Prty": did you mean "Party"?',
              "a misspelt header in --columns", columns="event=Meeting,date=Date,participant=Prty")
    one_error("log", [log], 'tables: --columns: no role "evnt" (the roles: event, participant, date, end, name, type, '
              'mechanism, country, participant_country, role, weight): did you mean "event"?',
              "a misspelt role", columns="evnt=Meeting")
    one_error("log", [log], 'tables: $.log: no event column in table "log" (give it with --columns event=HEADER)',
              "no event column")


if not os.path.exists(TOOL):
    tap.skip("edge lists and participation logs", f"{TOOL} is not built (make {os.path.relpath(TOOL)})")
else:
    gephi()
    plain_list()
    relation_types()
    timeset()
    own_tables()
    log()
    log_defaults()
    errors()
tap.done()
