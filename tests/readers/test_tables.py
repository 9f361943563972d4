"""Tabular partygraph/1: a folder of CSV/TSV tables named after the
format's arrays is read as the JSON with the same content is.

The tables are written here from the JSON with Python's csv module,
following the contract of docs/input.md ("Tables and workbooks"): one
table per array, the keys as the header, lists joined with ';',
identifiers as scheme:identifier, roles as their text, booleans
true/false, an `about` table. Both are built, and partygraph's nodes.csv,
edges.csv and GraphML (read by NetworkX) must be identical. Then the CSV
dialects people's tools write, and every error at its FILE:LINE:COL.

    /usr/bin/python3 tests/readers/test_tables.py BUILD/partygraph"""
import csv
import gzip
import json
import os
import random
import re
import sys
import tempfile

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgtables-")
tap = pgtest.Tap()

ARRAYS = ["sources", "countries", "parties", "mechanisms", "events", "persons", "nodes", "relation_types",
          "relations", "claims"]


def role_text(r):
    """A role object as partygraph's role text: title[, organization][ (from-to)]."""
    s = r["title"] + (", " + r["organization"] if "organization" in r else "")
    if "from" in r or "to" in r:
        s += f" ({r.get('from', '')}-{r.get('to', '')})"
    return s


def cell(key, v):
    """A JSON value as the contract writes it in a cell."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, (int, float)):
        return json.dumps(v)
    if key == "identifiers":
        return ";".join(f"{i['scheme']}:{i['identifier']}" for i in v)
    if key == "roles":
        return ";".join(role_text(r) for r in v)
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return ";".join(v)
    return json.dumps(v, separators=(",", ":"))


def write_table(path, rows, delimiter=",", encoding="utf-8", lineterminator="\r\n"):
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator=lineterminator)
        for row in rows:
            w.writerow(row)


def to_tables(data, folder, ext="csv", **dialect):
    """Writes the partygraph/1 document `data` as a folder of tables."""
    os.makedirs(folder, exist_ok=True)
    about = [["key", "value"]] + [[k, data[k]] for k in ("format", "title", "description") if k in data]
    notes = data.get("notes", [])
    about += [["notes", n] for n in ([notes] if isinstance(notes, str) else notes)]
    write_table(os.path.join(folder, f"about.{ext}"), about, **dialect)
    for name in ARRAYS:
        if not data.get(name):
            continue
        keys = []
        for item in data[name]:
            keys += [k for k in item if k not in keys]
        rows = [keys] + [[cell(k, item[k]) if k in item else "" for k in keys] for item in data[name]]
        write_table(os.path.join(folder, f"{name}.{ext}"), rows, **dialect)
    return folder


def build(path, *extra):
    """partygraph's outputs of `path`: (nodes.csv rows, edges.csv rows, GraphML graph, stderr)."""
    out = tempfile.mkdtemp(dir=TMP.name)
    proc = pgtest.run(BIN, "build", "-q", path, "-o", out, "--formats", "csv,graphml", "--layout", "none", *extra)
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    return (pgtest.read_csv(os.path.join(out, "nodes.csv")), pgtest.read_csv(os.path.join(out, "edges.csv")), G,
            proc.stderr.decode())


def graph_data(G):
    return (sorted((n, sorted(d.items())) for n, d in G.nodes(data=True)),
            sorted((tuple(sorted((u, v))), sorted(d.items())) for u, v, d in G.edges(data=True)))


def same_network(what, data, folder, *extra):
    """Builds the JSON of `data` and the tables in `folder`: the same outputs?"""
    path = os.path.join(TMP.name, f"{what.replace(' ', '_')}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    want = build(path)
    try:
        got = build(folder, *extra)
    except RuntimeError as e:
        tap.check(False, f"{what}: the tables build", str(e))
        return
    nodes_ok = want[0] == got[0] and len(want[0]) > 0
    tap.check(nodes_ok, f"{what}: nodes.csv identical", "" if nodes_ok else (want[0][:2], got[0][:2], got[3]))
    edges_ok = want[1] == got[1] and (len(want[1]) > 0 or not data.get("relations"))
    tap.check(edges_ok, f"{what}: edges.csv identical", "" if edges_ok else (want[1][:2], got[1][:2]))
    gw, gg = graph_data(want[2]), graph_data(got[2])
    tap.check(gw == gg, f"{what}: GraphML read by NetworkX identical", "" if gw == gg else
              [x for x in gg[0] if x not in gw[0]][:2])


# ---- round trips: the bundled examples and oracle graphs ---------------------------

for name in ("minimal.json", "cpc-interparty.json"):
    data = pgtest.load_example(name)
    same_network(name, data, to_tables(data, os.path.join(TMP.name, name + ".tables")))


def random_dataset(seed):
    """Parties, events and relations of every kind of field, at random."""
    rng = random.Random(seed)
    data = {"format": "partygraph/1", "title": f"random {seed}", "notes": ["one", "two"],
            "sources": [{"id": f"s{i}", "title": f"Source {i}", "date": "2020-01"} for i in range(3)],
            "countries": [{"id": f"C{i}", "name": f"Country {i}", "groupings": ["G20", "BRICS"][:i]} for i in range(3)],
            "relation_types": [{"id": "signed", "directed": True, "label": "signed"}]}
    data["parties"] = [{"id": f"p{i}", "name": f"Party, \"{i}\"\nnew line", "country": f"C{rng.randrange(3)}",
                        "ruling": rng.random() < 0.5, "seats": rng.randrange(300), "share": rng.random(),
                        "sources": rng.sample(["s0", "s1", "s2"], rng.randrange(0, 3))} for i in range(15)]
    data["persons"] = [{"id": "x1", "name": "X", "party": "p1",
                        "roles": [{"title": "Chair", "organization": "Board", "from": "2001", "to": "2004"}]}]
    ends = [p["id"] for p in data["parties"]]
    data["relations"] = [{"type": rng.choice(["contact", "signed"]), "source": a, "target": b,
                          "weight": rng.choice([0.1, 1e-9, 1e16, 1 / 3, 2]), "date": f"{rng.randrange(1990, 2020)}"}
                         for a, b in (rng.sample(ends, 2) for _ in range(60))]
    return data


huge = {"format": "partygraph/1", "parties": [{"id": "red", "name": "Red", "big": 9007199254740993, "neg": -12345678901234567890},
                                              {"id": "blue", "name": "Blue", "big": 2, "neg": 9007199254740992}]}
same_network("integers beyond 2^53: their digits, as in JSON", huge, to_tables(huge, os.path.join(TMP.name, "huge")))

for seed in (1, 2):
    data = random_dataset(seed)
    same_network(f"random dataset {seed}", data, to_tables(data, os.path.join(TMP.name, f"random{seed}")))

for label, G in (("karate club", nx.karate_club_graph()), ("Florentine families", nx.florentine_families_graph())):
    data, _ = pgtest.to_partygraph(G)
    same_network(f"oracle {label}", data, to_tables(data, os.path.join(TMP.name, label.replace(" ", "_"))))


# ---- known fields, and the warning about the others ---------------------------------

# The fields of each array, as docs/input.md and partygraph-format(5) list them.
ENTITY = {"id", "name", "sources"}
FIELDS = {"countries": ENTITY | {"iso3", "region", "groupings"},
          "parties": ENTITY | {"country", "family", "ruling", "founded", "identifiers"},
          "mechanisms": ENTITY | {"kind", "founded"},
          "events": ENTITY | {"date", "end", "country", "mechanism", "host", "type", "level", "format"},
          "persons": ENTITY | {"party", "country", "roles"},
          "relations": {"type", "source", "target", "date", "end", "weight", "sources", "role"},
          "sources": {"id", "title", "url", "date"}}

minimal = pgtest.load_example("minimal.json")
err = build(to_tables(minimal, os.path.join(TMP.name, "minimal-warn")))[3]
want = []
for name in ARRAYS:
    extra = [k for k in dict.fromkeys(k for item in minimal.get(name, []) for k in item) if k not in FIELDS.get(name, {k})]
    if extra:
        want.append((name, extra))
got = re.findall(r"^partygraph: .*/(\w+)\.csv:1:\d+: warning: columns? (.*) (?:is not a field|are not fields) of \w+: "
                 r"kept as (?:an attribute|attributes)$", err, re.M)
tap.check([(n, re.findall(r'"([^"]+)"', cols)) for n, cols in got] == want and err.count("\n") == len(want),
          "unknown columns: kept, one warning per table listing them", (err, want))


# ---- dialects ---------------------------------------------------------------------

SMALL = {"format": "partygraph/1", "title": "dialects",
         "countries": [{"id": "AAA", "name": "Avalon; \"the isle\""}],
         "parties": [{"id": "red", "name": "Red,\nParty", "country": "AAA", "ruling": True, "seats": 12},
                     {"id": "blue", "name": "=Blue", "country": "AAA", "ruling": False, "seats": 3}],
         "relations": [{"type": "contact", "source": "red", "target": "blue", "weight": 2.5}]}


def small_folder(label, **dialect):
    return to_tables(SMALL, os.path.join(TMP.name, label), **dialect)


def same_small(label, folder, *extra):
    same_network(label, SMALL, folder, *extra)


same_small("semicolon", small_folder("semicolon", delimiter=";"))
same_small("semicolon forced", small_folder("semicolon-forced", delimiter=";"), "--separator", "semicolon")
proc = pgtest.run(BIN, "validate", small_folder("comma-as-tab"), "--separator", "tab", check=False)
tap.check(proc.returncode == 1 and 'column "id,name,country,ruling,seats"' in proc.stderr.decode(),
          "--separator tab on comma-separated tables: one column each", proc.stderr)
same_small("tab (TSV)", small_folder("tsv", ext="tsv", delimiter="\t"))
same_small("LF line ends", small_folder("lf", lineterminator="\n"))
same_small("UTF-8 with a BOM", small_folder("bom", encoding="utf-8-sig"))
same_small("UTF-16 with a BOM", small_folder("utf16", encoding="utf-16"))

folder = small_folder("gzipped")
for f in os.listdir(folder):
    with open(os.path.join(folder, f), "rb") as src, gzip.open(os.path.join(folder, f + ".gz"), "wb") as dst:
        dst.write(src.read())
    os.remove(os.path.join(folder, f))
same_small("gzipped tables", folder)

# the apostrophe guard partygraph writes: taken off, the cell is text
folder = small_folder("guard")
path = os.path.join(folder, "parties.csv")
with open(path, encoding="utf-8") as f:
    text = f.read()
with open(path, "w", encoding="utf-8") as f:
    f.write(text.replace(",=Blue,", ",'=Blue,"))
nodes = build(folder)[0]
tap.check([r["label"] for r in nodes if r["id"] == "blue"] == ["=Blue"], "the '= guard is taken off", nodes)

# a column of numbers and one guarded cell: that cell stays text
folder = small_folder("guard-number")
path = os.path.join(folder, "parties.csv")
with open(path, encoding="utf-8", newline="") as f:
    text = f.read()
tap.check(",12\r\n" in text, "(the seats of red written as 12)")
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(text.replace(",12\r\n", ",'-12\r\n"))
guarded = json.loads(json.dumps(SMALL))
guarded["parties"][0]["seats"] = "-12"
same_network("a guarded number is text, as the string in JSON", guarded, folder)

# spaces are kept as they are: a name with spaces around it, a list with spaces around its items
data = {"format": "partygraph/1", "sources": [{"id": "s1"}, {"id": "s2"}],
        "parties": [{"id": "red", "name": "  Red  ", "sources": ["s1", "s2"]}]}
folder = to_tables(data, os.path.join(TMP.name, "spaces"))
with open(os.path.join(folder, "parties.csv"), "w", encoding="utf-8") as f:
    f.write("id,name,sources\r\nred,  Red  , s1 ; s2 \r\n")
same_network("spaces kept, list items trimmed", data, folder)

# one table file, named after its array
path = os.path.join(TMP.name, "solo", "parties.csv")
os.makedirs(os.path.dirname(path))
write_table(path, [["id", "name"], ["red", "Red"], ["blue", "Blue"]])
nodes = build(path)[0]
tap.check(sorted(r["id"] for r in nodes) == ["blue", "red"], "one parties.csv: a dataset of parties", nodes)


# ---- errors, each at its cell ------------------------------------------------------

def bad_folder(label, tables):
    """A folder of `tables` ({name: text}) beside a valid countries table."""
    folder = os.path.join(TMP.name, "bad-" + label)
    os.makedirs(folder)
    tables = {"countries.csv": "id,name\nAAA,Avalon\n", **tables}
    for name, text in tables.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
    return folder


def fails_with(label, tables, want, status=1):
    """validate fails with exactly the lines `want` (FOLDER stands for the folder)."""
    folder = bad_folder(label, tables)
    proc = pgtest.run(BIN, "validate", folder, check=False)
    lines = proc.stderr.decode().splitlines()
    want = [w.replace("FOLDER", folder) for w in want]
    tap.check(proc.returncode == status and lines[:len(want)] == want, f"error: {label}",
              f"{proc.returncode}\n" + "\n".join(lines))


VERSION = re.search(r"\d+\.\d+\.\d+", pgtest.run(BIN, "--version").stdout.decode()).group(0)
PARTIES = "id,name,country,founded,ruling\nred,Red,AAA,1921,true\nblue,Blue,AAA,,false\n"
fails_with("a bad date", {"parties.csv": PARTIES.replace("1921", "1921-13")},
           ['partygraph: FOLDER/parties.csv:2:13: column "founded": "1921-13": there is no month 13 (months run from '
            '01 to 12)'])
fails_with("a bad boolean", {"parties.csv": PARTIES.replace("false", "nein")},
           ['partygraph: FOLDER/parties.csv:3:16: column "ruling": expected true or false, got a string ("nein")'])
fails_with("an unknown id in relations.csv",
           {"parties.csv": PARTIES, "relations.csv": "type,source,target\ncontact,red,blue\ncontact,red,bleu\n"},
           ['partygraph: FOLDER/relations.csv:3:13: column "target": unknown id "bleu" (did you mean "blue"?)'])
fails_with("a bad weight", {"parties.csv": PARTIES, "relations.csv": "type,source,target,weight\ncontact,red,blue,x\n"},
           ['partygraph: FOLDER/relations.csv:2:18: column "weight": expected a number, got a string ("x")'])
fails_with("a duplicate id: the row", {"parties.csv": PARTIES + "red,Again,AAA,,\n"},
           ['partygraph: FOLDER/parties.csv:4:1: column "id": duplicate id "red": already used by the party at '
            'FOLDER/parties.csv:2:1'])
fails_with("a missing name: the row", {"parties.csv": "id,country\nred,AAA\n"},
           ['partygraph: FOLDER/parties.csv:2:1: missing "name"'])
fails_with("a misspelt header",
           {"parties.csv": "id,nmae,country\nred,Red,AAA\n"},
           ['partygraph: FOLDER/parties.csv:1:4: warning: column "nmae" (did you mean "name"?) is not a field of '
            'parties: kept as an attribute', 'partygraph: FOLDER/parties.csv:2:1: missing "name"'])
fails_with("a misspelt table",
           {"partys.csv": "id,name\nred,Red\n", "relations.csv": "type,source,target\ncontact,red,AAA\n"},
           ['partygraph: FOLDER/partys.csv: warning: table "partys" ignored: not an array of partygraph/1 (did you '
            'mean "parties"?)',
            'partygraph: FOLDER/relations.csv:2:9: column "source": unknown id "red"'])
fails_with("a row wider than the header", {"parties.csv": PARTIES + "gold,Gold,AAA,1990,true,extra\n"},
           ['partygraph: FOLDER/parties.csv:4:25: this row has more cells than the header has columns'])
fails_with("an unclosed quote", {"parties.csv": PARTIES + "gold,\"Gold,AAA\n"},
           ['partygraph: FOLDER/parties.csv:4:6: a quoted cell starts here and its closing quote is missing'])
fails_with("a bad about", {"about.csv": "key,value\nformat,partygraph/2\n"},
           ['partygraph: FOLDER/about.csv:2:8: column "value": unsupported format "partygraph/2" (this is partygraph '
            f'{VERSION}, which reads "partygraph/1")'])

folder = bad_folder("repeated and unnamed columns", {"parties.csv": "id,name,name,,family\nred,Red,Rouge,x,left\n"})
proc = pgtest.run(BIN, "build", "-q", folder, "--nodelink", "-", "--layout", "none")
node = {n["id"]: n for n in json.loads(proc.stdout)["nodes"]}["red"]
tap.check(node["label"] == "Rouge" and node["family"] == "left" and proc.stderr.decode().splitlines() == [
    f'partygraph: {folder}/parties.csv:1:4: warning: column "name" repeated: the last of its columns is kept',
    f'partygraph: {folder}/parties.csv:1:14: warning: a column without a header: its cells are ignored'],
    "a repeated header: the last column kept, with a warning; a column without a header: warned about",
    (node.get("label"), proc.stderr))

folder = bad_folder("other files", {"parties.csv": PARTIES, "notes.json": "{}", "README": "x"})
proc = pgtest.run(BIN, "validate", folder)
tap.check(proc.stderr.decode() == f"partygraph: {folder}: warning: file not read (a folder of tables reads its .csv "
          "and .tsv files): notes.json\n", "other data files: one warning naming them", proc.stderr)
folder = bad_folder("empty", {})
os.remove(os.path.join(folder, "countries.csv"))
proc = pgtest.run(BIN, "validate", folder, check=False)
tap.check(proc.returncode == 3 and proc.stderr.decode().startswith(f"partygraph: cannot read '{folder}': it is a "
                                                                     "directory, and holds no tables"),
          "a folder without tables: cannot be read (exit 3)", proc.stderr)

# ---- a list of table files: as the folder holding them -----------------------------

def table_files(folder):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder))


data = pgtest.load_example("cpc-interparty.json")
folder = to_tables(data, os.path.join(TMP.name, "list"))
files = table_files(folder)
same_network("a list of table files", data, files[0], *files[1:])
same_network("the list in reverse order", data, files[-1], *files[-2::-1])
shuffled = files[:]
random.Random(19).shuffle(shuffled)
same_network("the list shuffled", data, shuffled[0], *shuffled[1:])
by_folder, by_list = build(folder), build(files[0], *files[1:])
tap.check(by_folder[:2] == by_list[:2] and len(by_list[0]) == sum(len(data.get(a, [])) for a in ARRAYS[1:7]),
          "a folder and the list of its files: the same nodes.csv and edges.csv", (len(by_folder[0]), len(by_list[0])))
small = table_files(small_folder("list-mixed"))
tsv = os.path.join(TMP.name, "list-mixed-tsv")
os.makedirs(tsv)
write_table(os.path.join(tsv, "parties.tsv"), [["id", "name", "country"], ["red", "Red", "AAA"],
                                                ["blue", "=Blue", "AAA"]], delimiter="\t")
nodes = build(os.path.join(tsv, "parties.tsv"), *[f for f in small if not f.endswith("parties.csv")])[0]
tap.check(sorted(r["id"] for r in nodes) == ["AAA", "blue", "red"], "a list of .csv and .tsv files from two folders",
          nodes)

dup = os.path.join(tsv, "parties.tsv")
proc = pgtest.run(BIN, "validate", *small, dup, check=False)
parties = [f for f in small if f.endswith("parties.csv")][0]
tap.check(proc.returncode == 1 and proc.stderr.decode().splitlines()[0] == f'partygraph: {dup}: table "parties" given '
          f'twice: by {parties} and by {dup} (one file per table)', "two files of one table: an error naming both",
          proc.stderr)
with open(os.path.join(TMP.name, "list.json"), "w", encoding="utf-8") as f:
    json.dump(SMALL, f)
for name in ("list.json", "list.xlsx"):
    other = os.path.join(TMP.name, name)
    for cmd, extra in (("build", ["-o", os.path.join(TMP.name, "never")]), ("validate", []), ("render", []),
                       ("convert", [os.path.join(TMP.name, "never.json")])):
        proc = pgtest.run(BIN, cmd, *small, other, *extra, check=False)
        tap.check(proc.returncode == 2 and f"{cmd} takes " in proc.stderr.decode() and "several table files" in
                  proc.stderr.decode(), f"{cmd}: {name} among table files: a usage error", proc.stderr)
tap.check(not os.path.exists(os.path.join(TMP.name, "never")) and not os.path.exists(os.path.join(TMP.name,
          "never.json")), "refused lists write nothing")

out = os.path.join(TMP.name, "from-list.json")
pgtest.run(BIN, "convert", "-q", *files, out)
got = pgtest.read_json(out)
counts = {a: len(got.get(a, [])) for a in ARRAYS}
want = {a: len(data.get(a, [])) for a in ARRAYS}
tap.check(counts == want and got.get("title") == data.get("title"), "convert with a list of tables: the records of "
          "the JSON they were written from", (counts, want))
picture = os.path.join(TMP.name, "list-render")
pgtest.run(BIN, "render", "-q", *small, "-o", picture)
tap.check(os.path.getsize(os.path.join(picture, "graph.svg")) > 0, "render a list of tables")

tap.done()
