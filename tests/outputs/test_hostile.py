"""Hostile names in every text output, read back by independent parsers.

tests/data/hostile.json holds names with quotes, backslashes, line breaks,
< & ]]>, a DOT injection ("]; node [label="x), --, every control
character U+0001-U+001F, right-to-left text (Arabic, Hebrew, U+202E),
emoji (a ZWJ sequence, characters beyond the BMP) and spreadsheet formula
starters, in names, attribute values, a relation type, a source id, an
attribute key and an entity id. The suite builds it with every text format
and checks: Python's csv module reads every CSV cell back exactly, text
from the data starting with = + - @ TAB CR or ' behind one apostrophe
(the README's rule, written out again here) and numbers bare, or exactly
as given with --csv-raw (build, ego, metrics_by_period.csv); GraphML and
GEXF pass xmllint and NetworkX reads every name back exactly but for the
control characters XML 1.0 cannot carry (U+FFFD); DOT passes dot -Tsvg (its
SVG well-formed) and dot -Tjson finds exactly the entities as nodes, the
injection as a label;
node-link and Cytoscape JSON give every name back exactly; summary.json,
the SVG and report.html's data parse.

    /usr/bin/python3 tests/outputs/test_hostile.py BUILD/partygraph"""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import networkx as nx
from networkx.readwrite import json_graph

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402
from test_gexf import read_gexf  # noqa: E402

DATASET = "tests/data/hostile.json"
FORMATS = "graphml,dot,csv,json,gexf,nodelink,cytoscape,html,svg"
KINDS = ("countries", "parties", "mechanisms", "events", "persons")
# What spreadsheets run as a formula (OWASP) and the apostrophe itself.
FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")
# Must be in some name of the dataset, each (the list).
CLASSES = {
    "a quote": '"', "a backslash": "\\", "a line feed": "\n", "<": "<", "&": "&", "]]>": "]]>",
    "the DOT injection": '"]; node [label="x', "--": "--", "Arabic": "\u062d\u0632\u0628",
    "Hebrew": "\u05de\u05e4\u05dc\u05d2\u05ea", "U+202E": "\u202e", "a ZWJ sequence": "\U0001f468\u200d\U0001f469",
    "a character beyond the BMP": "\U0001f389",
}
STARTERS = ["=cmd|' /C calc'!A0", "+1", "-2+3", "@SUM(1)"]


def neutral(text):
    """A CSV cell holding text from the data, by the README's rule."""
    return "'" + text if text.startswith(FORMULA) else text


def xml_text(s):
    """A name as it reads back from XML: control characters XML 1.0 cannot
    carry become U+FFFD (the README's rule)."""
    return re.sub("[\x01-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


def read_rows(path):
    """Header and rows of a CSV file, with Python's csv module, cells as written."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]], {len(r) for r in rows}


def check_dataset(tap, data, names):
    every = "".join(names.values())
    missing = [what for what, s in CLASSES.items() if s not in every]
    missing += [f"U+{c:04X}" for c in range(1, 0x20) if chr(c) not in every]
    missing += [s for s in STARTERS if s not in names.values()]
    missing += [f"a name starting with {c!r}" for c in FORMULA if not any(n.startswith(c) for n in names.values())]
    tap.check(not missing, f"{DATASET} holds every class of hostile name", missing)


def check_nodes_csv(tap, what, out, names, notes, raw):
    """nodes.csv: ids, labels and string attributes through the rule (or
    exact when raw), the attribute key '-key' too; numbers bare."""
    cell = (lambda s: s) if raw else neutral
    header, rows, widths = read_rows(os.path.join(out, "nodes.csv"))
    tap.check(len(widths) == 1 and cell("-key") in header and (raw or "-key" not in header),
              f"{what}: nodes.csv has one width and the attribute key -key as {cell('-key')!r}", header)
    by_id = {r["id"]: r for r in rows}
    tap.check(sorted(by_id) == sorted(cell(i) for i in names), f"{what}: nodes.csv's ids are the entities' ({len(rows)})",
              sorted(by_id))
    row = {i: by_id.get(cell(i), {}) for i in names}
    wrong = [(i, row[i].get("label")) for i, n in names.items() if row[i].get("label") != cell(n)]
    wrong += [(i, row[i].get("note")) for i, n in notes.items() if row[i].get("note") != cell(n)]
    tap.check(not wrong, f"{what}: every label and note reads back with Python's csv module"
              + (" exactly" if raw else ", formula starters behind an apostrophe"), wrong[:5])
    if not raw:
        starts = [r["label"] for r in rows if r["label"][:1] in FORMULA[:-1]]
        tap.check(not starts, f"{what}: no label cell starts with = + - @ TAB or CR", starts)
    attrs = {cell(k) for k in ("-key", "country", "note", "region")}
    numeric = [k for k in header[3:] if k not in attrs]  # the metrics and score
    numbers = [(r["id"], k, r[k]) for r in rows for k in numeric
               if r[k] != "" and not re.fullmatch(r"-?[0-9.]+(e[-+]?[0-9]+)?", r[k])]
    scores = sorted(r["score"] for r in rows if r.get("score"))
    tap.check(not numbers and scores == ["-0.5", "-2"],
              f"{what}: metric and numeric attribute cells are bare numbers (score -0.5, -2)", numbers + scores)


def check_edges_csv(tap, what, out, data, raw):
    cell = (lambda s: s) if raw else neutral
    header, rows, widths = read_rows(os.path.join(out, "edges.csv"))
    by_pair = {(r["source"], r["target"]): r for r in rows}
    want, wrong = {}, []
    for r in data["relations"]:
        want[tuple(sorted((r["source"], r["target"])))] = r
    for (a, b), r in want.items():
        row = by_pair.get((cell(a), cell(b)))
        if row is None:
            wrong.append((a, b, "no row"))
        elif "role" in r and row["role"] != cell(r["role"]):
            wrong.append((a, b, row["role"]))
    tap.check(len(widths) == 1 and not wrong, f"{what}: edges.csv: every role reads back, ends through the rule",
              wrong[:5])
    typed = by_pair.get(("f-minus", "f-plus"), {})
    rel = next(r for r in data["relations"] if r.get("sources"))
    got = (typed.get("types"), typed.get("sources"), typed.get(cell("-key")))
    tap.check(got == (cell(rel["type"]), cell("-src"), cell(rel["-key"])),
              f"{what}: edges.csv's types, sources and attribute cells (and key) follow the rule", got)
    numbers = [r for r in rows if not (re.fullmatch(r"[0-9.e+-]+", r["weight"]) and r["count"].isdigit())]
    tap.check(not numbers, f"{what}: weights and counts are bare numbers", numbers[:3])


def check_xml(tap, out, names, notes):
    for f in ("graph.graphml", "graph.gexf", "graph.svg"):
        proc = subprocess.run(["xmllint", "--noout", "--nonet", os.path.join(out, f)], capture_output=True)
        tap.check(proc.returncode == 0 and proc.stderr == b"", f"{f} is well-formed XML (xmllint --noout)",
                  proc.stderr.decode(errors="replace"))
    for f, G in (("graph.graphml", nx.read_graphml(os.path.join(out, "graph.graphml"))),
                 ("graph.gexf", read_gexf(os.path.join(out, "graph.gexf")))):
        wrong = [i for i, n in names.items() if G.nodes[i].get("label") != xml_text(n)]
        wrong += [i for i, n in notes.items() if G.nodes[i].get("note") != xml_text(n)]
        tap.check(sorted(G.nodes) == sorted(names) and not wrong,
                  f"{f}: NetworkX reads every id, label and note back (controls as U+FFFD)", wrong[:5])
        e = G.edges["f-minus", "f-plus"]
        tap.check((e.get("types"), e.get("-key"), e.get("sources")) == ('=SUM(1) "t" <&>', "@v", "-src"),
                  f"{f}: the hostile type, attribute key and source read back", e)


def check_dot(tap, out, names):
    path = os.path.join(out, "graph.dot")
    proc = subprocess.run(["dot", "-Tsvg", path], capture_output=True)
    tap.check(proc.returncode == 0 and proc.stderr == b"", "graph.dot renders with dot -Tsvg, silently",
              proc.stderr.decode(errors="replace"))
    lint = subprocess.run(["xmllint", "--noout", "--nonet", "-"], input=proc.stdout, capture_output=True)
    tap.check(proc.returncode == 0 and lint.returncode == 0 and lint.stderr == b"",
              "the SVG dot -Tsvg makes of graph.dot is well-formed XML (xmllint)", lint.stderr.decode(errors="replace"))
    proc = subprocess.run(["dot", "-Tjson", path], capture_output=True)
    graph = json.loads(proc.stdout) if proc.returncode == 0 else {}
    objects = graph.get("objects", [])[graph.get("_subgraph_cnt", 0):]
    nodes = {o["name"]: o.get("label") for o in objects}
    tap.check(sorted(nodes) == sorted(names),
              f"dot -Tjson finds exactly the {len(names)} entities as nodes (no injected node)", sorted(nodes))
    plain = {i: n for i, n in names.items() if not re.search(r"[\\&\x00-\x1f]", n)}
    # the pictures' rule (docs/outputs.md): at most 32 characters, a longer name its first 31 and "…"
    cut = {i: n if len(n) <= 32 else n[:31] + "\u2026" for i, n in plain.items()}
    wrong = [(i, nodes.get(i)) for i, n in cut.items() if nodes.get(i) != n]
    tap.check(not wrong and '"]; node [label="x' in plain.values(),
              f"DOT labels without \\ & or controls read back, cut to 32 characters ({len(plain)}, the injection among them)",
              wrong[:5])


def check_json(tap, out, data, names, notes):
    summary = pgtest.read_json(os.path.join(out, "summary.json"))
    top = [t for ranking in summary.get("top", {}).values() for t in ranking]
    wrong = [t for t in top if t["label"] != names[t["id"]]]
    tap.check(summary["input"]["title"] == data["title"] and summary["nodes"] == len(names) and top and not wrong,
              "summary.json parses, with the title and the names of the top lists exactly", wrong[:3])
    G = json_graph.node_link_graph(pgtest.read_json(os.path.join(out, "graph.nodelink.json")))
    H = json_graph.cytoscape_graph(pgtest.read_json(os.path.join(out, "graph.cyjs")))
    for f, X, key in (("graph.nodelink.json", G, "label"), ("graph.cyjs", H, "name")):
        wrong = [i for i, n in names.items() if X.nodes[i].get(key) != n or X.nodes[i].get("note") != notes.get(i)]
        e = X.edges["f-minus", "f-plus"]
        tap.check(sorted(X.nodes) == sorted(names) and not wrong and e.get("-key") == "@v"
                  and e.get("types") == '=SUM(1) "t" <&>', f"{f}: every name, note and edge text exactly (json)",
                  wrong[:5])
    page = open(os.path.join(out, "report.html"), encoding="utf-8").read()
    found = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S)
    nodes = json.loads(found.group(1))["nodes"] if found else []
    tap.check({n["id"]: n["name"] for n in nodes} == names, "report.html's data gives every name back exactly")


def check_build(tap, binary, tmp, data, names, notes):
    out = os.path.join(tmp, "build")
    proc = pgtest.run(binary, "build", "-q", DATASET, "-o", out, "--formats", FORMATS, check=False)
    if not tap.check(proc.returncode == 0, f"build --formats {FORMATS}", proc.stderr.decode(errors="replace")):
        return
    check_nodes_csv(tap, "build", out, names, notes, False)
    check_edges_csv(tap, "build", out, data, False)
    check_xml(tap, out, names, notes)
    check_dot(tap, out, names)
    check_json(tap, out, data, names, notes)
    raw = os.path.join(tmp, "raw")
    pgtest.run(binary, "build", "-q", DATASET, "-o", raw, "--formats", "csv,graphml", "--csv-raw")
    check_nodes_csv(tap, "build --csv-raw", raw, names, notes, True)
    check_edges_csv(tap, "build --csv-raw", raw, data, True)
    same = open(os.path.join(out, "graph.graphml"), "rb").read() == open(os.path.join(raw, "graph.graphml"), "rb").read()
    tap.check(same, "--csv-raw changes only the CSV files (same graph.graphml)")


def check_ego(tap, binary, tmp, names):
    for raw in (False, True):
        out = os.path.join(tmp, f"ego{raw}")
        extra = ("--csv-raw",) if raw else ()
        pgtest.run(binary, "ego", "-q", DATASET, "f-plus", "-o", out, "--formats", "csv", *extra)
        _, rows, _ = read_rows(os.path.join(out, "nodes.csv"))
        cell = (lambda s: s) if raw else neutral
        got = {r["id"]: r["label"] for r in rows}
        want = {cell(i): cell(names[i]) for i in ("f-plus", "f-minus", "q", "XXX")}
        tap.check(got == want, "ego --formats csv" + (" --csv-raw" if raw else "") + ": ids and labels by the same rule",
                  got)


def check_periods(tap, binary, tmp, data, names):
    """metrics_by_period.csv: the ids through the rule; period, metric,
    value and rank cells bare."""
    dated = json.loads(json.dumps(data))
    for k, r in enumerate(dated["relations"]):
        r["date"] = f"{2010 + k % 3}-01-01"
    path = os.path.join(tmp, "dated.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(dated, f, ensure_ascii=False)
    for raw in (False, True):
        out = os.path.join(tmp, f"periods{raw}")
        extra = ("--csv-raw",) if raw else ()
        pgtest.run(binary, "build", "-q", path, "-o", out, "--formats", "json", "--window", "1y", "--undated", "keep", *extra)
        header, rows, widths = read_rows(os.path.join(out, "metrics_by_period.csv"))
        cell = (lambda s: s) if raw else neutral
        ids = {r["id"] for r in rows}
        bare = all(re.fullmatch(r"[0-9]{4}", r["period"]) and re.fullmatch(r"[a-z_]+", r["metric"])
                   and re.fullmatch(r"(-?[0-9.e+-]+)?", r["value"]) and re.fullmatch(r"[0-9]*", r["rank"]) for r in rows)
        tap.check(len(widths) == 1 and ids == {cell(i) for i in names} and bare,
                  "metrics_by_period.csv" + (" with --csv-raw" if raw else "") + ": ids by the rule, numbers bare",
                  sorted(ids - {cell(i) for i in names}))


def main():
    binary = os.path.abspath(sys.argv[1])
    os.chdir(pgtest.ROOT)
    tap = pgtest.Tap()
    tmp = tempfile.mkdtemp(prefix="pghostile-")
    data = pgtest.read_json(DATASET)
    entities = [e for kind in KINDS for e in data.get(kind, [])]
    names = {e["id"]: e["name"] for e in entities}
    notes = {e["id"]: e["note"] for e in entities if "note" in e}
    try:
        check_dataset(tap, data, names)
        check_build(tap, binary, tmp, data, names, notes)
        check_ego(tap, binary, tmp, names)
        check_periods(tap, binary, tmp, data, names)
    finally:
        shutil.rmtree(tmp)
    tap.done()


if __name__ == "__main__":
    main()
