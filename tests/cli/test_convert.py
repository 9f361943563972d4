"""`partygraph convert` and `partygraph init` (issue 19).

Inputs: both bundled examples, the oracle graphs (Zachary's karate club, Les
Miserables, the Florentine families, Davis's southern women as parties and
events), a GraphML file NetworkX writes, and a dataset using every field of
the format. Each is converted to JSON, and the written JSON must validate,
build the network the input builds (nodes.csv, edges.csv, and GraphML as
NetworkX reads it), convert to itself byte for byte, hold its keys in the
documented order and hold the input's records as this file normalises them
(in Python, from the format's rules). Then the tables folder (read with the
csv module) and the .xlsx workbook (read with openpyxl) against the JSON,
`init`, the JSON -> tables -> JSON identity
and the errors.

    /usr/bin/python3 tests/cli/test_convert.py BUILD/partygraph"""
import csv
import json
import os
import socket
import sys
import tempfile

import zipfile

import networkx as nx
import openpyxl
from odf import teletype
from odf.opendocument import load as load_ods
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableRow

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
TMP = tempfile.TemporaryDirectory(prefix="pgconvert-")
tap = pgtest.Tap()

# The documented order (docs/input.md, "The canonical form").
TOP = ["format", "title", "description", "notes", "sources", "countries", "parties", "mechanisms", "events",
       "persons", "nodes", "relation_types", "relations", "claims"]
FIELDS = {
    "sources": ["id", "title", "url", "date"],
    "countries": ["id", "name", "iso3", "region", "groupings", "sources"],
    "parties": ["id", "name", "country", "family", "ruling", "founded", "identifiers", "sources"],
    "mechanisms": ["id", "name", "kind", "founded", "sources"],
    "events": ["id", "name", "date", "end", "country", "mechanism", "host", "type", "level", "format", "sources"],
    "persons": ["id", "name", "party", "country", "roles", "sources"],
    "nodes": ["id", "name", "sources"],
    "relation_types": ["id", "label", "directed", "structural"],
    "relations": ["type", "source", "target", "date", "end", "weight", "role", "sources"],
    "claims": ["entity", "measure", "value", "date", "qualifier", "unit", "text", "sources"],
}
ENTITIES = ["countries", "parties", "mechanisms", "events", "persons", "nodes"]
LISTS = {"sources", "groupings"}
FORMULA = ("=", "+", "-", "@", "\t", "\r", "'")


def path(*parts):
    return os.path.join(TMP.name, *parts)


def write_json(name, data):
    with open(path(name), "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path(name)


def run(*args, check=True):
    return pgtest.run(BIN, *args, check=check)


# ---- inputs ----------------------------------------------------------------

FULL = {
    "format": "partygraph/1",
    "title": "Every field",
    "description": "One of everything, \"quoted\", with a, comma",
    "notes": "One note, as a string",
    "sources": [{"id": "s2", "title": "=SUM(A1)", "date": "2017-11", "outlet": "Daily", "pages": 12},
                {"id": "s1", "url": "https://example.org/x?a=1,b=2"}],
    "countries": [{"id": "ZZZ", "name": "Zed", "iso3": "ZZZ", "region": "Asia", "groupings": ["G;20", "BRICS"],
                   "sources": ["s2", "s1"], "population": 1.5e7, "landlocked": False},
                  {"id": "AAA", "name": " Avalon ", "iso3": "AAA"}],
    "parties": [{"id": "p1", "name": "-Minus Party", "country": "ZZZ", "ruling": True, "founded": "1921-07",
                 "identifiers": [{"scheme": "wikidata", "identifier": "Q9"}, {"scheme": "parlgov", "identifier": "7"}],
                 "seats": 12, "tags": ["a", 2, True], "meta": {"k": [1, 2]},
                 "motto": "  two  spaces\tand a tab, a line\nbreak, end "},
                {"id": "p0", "name": "Line\nbreak \u00e9\u4e2d", "country": "AAA", "family": "green"}],
    "mechanisms": [{"id": "m1", "name": "Forum", "kind": "forum", "founded": "2010"}],
    "events": [{"id": "e1", "name": "Summit", "date": "2017-11-30", "end": "2017-12", "country": "ZZZ",
                "mechanism": "m1", "host": "p1", "type": "summit", "level": "high", "format": "in_person",
                "sources": ["s1"]},
               {"id": "e0", "name": "Undated", "type": "visit"}],
    "persons": [{"id": "x1", "name": "A Person", "party": "p1", "country": "ZZZ",
                 "roles": [{"title": "Chair", "organization": "p1", "from": "2010", "to": "2015-06"},
                           {"title": "Member"}]}],
    "relation_types": [{"id": "praised", "label": "praised", "directed": True},
                       {"id": "office_in", "directed": True, "structural": True}],
    "relations": [{"type": "attended", "source": "p1", "target": "e1", "date": "2017-11", "weight": 2.5,
                   "role": "host", "sources": ["s2", "s1", "s2"], "evidence": ["q1", "q2"]},
                  {"type": "attended", "source": "p0", "target": "e1", "weight": 1},
                  {"type": "praised", "source": "x1", "target": "p0", "date": "2019", "end": "2020-01-02",
                   "rank": 3, "ok": True},
                  {"type": "office_in", "source": "x1", "target": "m1"},
                  {"type": "contact", "source": "p0", "target": "p1", "weight": 0.1}],
    "claims": [{"entity": "p1", "measure": "members", "value": 95000000, "date": "2021", "qualifier": "more than",
                "unit": "people", "text": "over 95 million", "sources": ["s2", "s1"]},
               {"entity": "e1", "measure": "parties", "value": 0.5}],
}


def oracle(name, G, kinds=None):
    data, _ = pgtest.to_partygraph(G, kinds=kinds)
    return write_json(name + ".json", data)


def davis():
    G = nx.davis_southern_women_graph()
    kinds = {n: "event" for n, d in G.nodes(data=True) if d["bipartite"] == 1}
    return oracle("davis", G, kinds)


def graphml_input():
    G = nx.karate_club_graph()
    for n in G.nodes():
        G.nodes[n]["club"] = G.nodes[n]["club"]
        G.nodes[n]["score"] = n / 3
    p = path("karate.graphml")
    nx.write_graphml(G, p)
    return p


INPUTS = {
    "minimal": os.path.join(pgtest.ROOT, "examples", "minimal.json"),
    "cpc-interparty": os.path.join(pgtest.ROOT, "examples", "cpc-interparty.json"),
    "karate": oracle("karate", nx.karate_club_graph()),
    "lesmis": oracle("lesmis", nx.les_miserables_graph()),
    "florentine": oracle("florentine", nx.florentine_families_graph()),
    "davis": davis(),
    "graphml": graphml_input(),
    "full": write_json("full.json", FULL),
}


# ---- what the canonical JSON must hold (derived here from the rules) -------

def joined(v):
    """An attribute the dataset keeps as text: an array of scalars joined by
    ';' (numbers as JSON writes them, booleans true/false), else compact JSON."""
    if isinstance(v, list) and all(not isinstance(x, (list, dict)) for x in v):
        return ";".join("true" if x is True else "false" if x is False else str(x) for x in v)
    return json.dumps(v, separators=(",", ":"))


def role_text(r):
    text = r["title"] + (", " + r["organization"] if "organization" in r else "")
    if "from" in r or "to" in r:
        text += f" ({r.get('from', '')}-{r.get('to', '')})"
    return text


def normal_record(array, rec):
    """`rec` as the canonical JSON writes it: absent fields dropped, lists
    sorted where the dataset sorts them, weight 1 left out."""
    out = {}
    for k, v in rec.items():
        if v is None or (k == "weight" and v == 1):
            continue
        if k == "sources":
            v = sorted(set(v)) if array in ("relations", "claims") else sorted(v)
        elif k == "identifiers":
            v = sorted(v, key=lambda i: f"{i['scheme']}:{i['identifier']}")
        elif k == "roles" and isinstance(v, list):
            v = ";".join(role_text(r) for r in v)
        elif k == "groupings":
            v = [x for g in v for x in g.split(";")]
        elif isinstance(v, (list, dict)):
            v = joined(v)
        out[k] = v
    if array == "relation_types":
        out.setdefault("directed", False)
        out.setdefault("structural", False)
    return out


def expected_document(doc):
    out = {k: doc[k] for k in ("format", "title", "description") if doc.get(k)}
    notes = doc.get("notes")
    if notes:
        out["notes"] = [notes] if isinstance(notes, str) else notes
    for array in TOP[4:]:
        recs = [normal_record(array, r) for r in doc.get(array) or []]
        if array in ENTITIES:
            recs.sort(key=lambda r: r["id"].encode())
        if recs:
            out[array] = recs
    return out


def key_order_problems(doc):
    """Keys out of the documented order, as text."""
    bad = []
    top = list(doc)
    if top != [k for k in TOP if k in doc]:
        bad.append(f"top level: {top}")
    for array in TOP[4:]:
        for i, rec in enumerate(doc.get(array, [])):
            keys = list(rec)
            known = [k for k in FIELDS[array] if k in rec]
            want = known + sorted(k for k in keys if k not in FIELDS[array])
            if keys != want:
                bad.append(f"{array}[{i}]: {keys}")
    return bad


# ---- building and comparing networks ----------------------------------------

def built(src, name):
    out = path("out-" + name)
    run("build", "-q", "--layout", "none", "-o", out, src)
    return out


def graphml_data(out):
    G = nx.read_graphml(os.path.join(out, "graph.graphml"))
    return (sorted((n, sorted(d.items())) for n, d in G.nodes(data=True)),
            sorted((u, v, sorted(d.items())) for u, v, d in G.edges(data=True)))


def same_network(tap, name, a, b):
    for f in ("nodes.csv", "edges.csv"):
        with open(os.path.join(a, f), "rb") as x, open(os.path.join(b, f), "rb") as y:
            tap.check(x.read() == y.read(), f"{name}: the converted JSON builds the same {f}")
    tap.check(graphml_data(a) == graphml_data(b), f"{name}: ... and the same GraphML (as NetworkX reads it)")


# ---- tables and workbooks against the JSON ----------------------------------

def cell_text(v):
    """What a CSV cell holds for JSON value `v` (before the formula guard)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(f"{i['scheme']}:{i['identifier']}" if isinstance(i, dict) else i for i in v)
    return v if isinstance(v, str) else v


def guard(text):
    """The CSV formula guard: an apostrophe before text a spreadsheet would run."""
    return "'" + text if text[:1] and text[:1] in FORMULA else text


def same_cell(v, want):
    """A workbook cell `v` holds JSON value `want`, with its type."""
    if isinstance(want, bool) or isinstance(v, bool):
        return type(v) is type(want) and v == want
    if isinstance(want, (int, float)):
        return isinstance(v, (int, float)) and v == want
    return v == want


def csv_matches(doc, folder):
    """Problems of the CSV folder against JSON `doc`."""
    bad = []
    for array in TOP[4:]:
        p = os.path.join(folder, array + ".csv")
        if array not in doc:
            if os.path.exists(p):
                bad.append(f"{array}.csv written for an empty array")
            continue
        raw = open(p, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf") or b"\r\n" in raw.replace(b'"\r\n', b""):
            bad.append(f"{array}.csv: a BOM or CRLF")
        with open(p, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        keys = [k for k in FIELDS[array] if any(k in r for r in doc[array])]
        keys += sorted({k for r in doc[array] for k in r} - set(FIELDS[array]))
        if header != keys:
            bad.append(f"{array}.csv header {header}, expected {keys}")
            continue
        if len(body) != len(doc[array]):
            bad.append(f"{array}.csv: {len(body)} rows for {len(doc[array])} records")
        for i, (row, rec) in enumerate(zip(body, doc[array])):
            for k, cell in zip(header, row):
                want = rec.get(k)
                if want is None:
                    ok = cell == ""
                elif isinstance(want, (int, float)) and not isinstance(want, bool):
                    ok = cell != "" and float(cell) == want
                else:
                    ok = cell == guard(cell_text(want))
                if not ok:
                    bad.append(f"{array}.csv row {i + 2} {k}: {cell!r}, expected {want!r}")
    return bad


def about_rows(doc):
    rows = [["format", "partygraph/1"]] + [[k, doc[k]] for k in ("title", "description") if k in doc]
    return rows + [["notes", n] for n in doc.get("notes", [])]


def xlsx_value(want):
    if isinstance(want, list):
        return cell_text(want)
    return want


def sheet_matches(ws, array, records):
    bad = []
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    if not all(c.font.b for c in ws[1]):
        bad.append(f"{array}: the header row is not bold")
    for i, (row, rec) in enumerate(zip(rows[1:], records)):
        for k, v in zip(header, row):
            want = xlsx_value(rec.get(k))
            if not same_cell(v, want):
                bad.append(f"{array}!row {i + 2} {k}: {v!r}, expected {want!r}")
    if len(rows) - 1 != len(records):
        bad.append(f"{array}: {len(rows) - 1} rows for {len(records)} records")
    return bad


def ods_value(cell):
    """A cell of an .ods as Python reads its type: float, bool, str or None."""
    kind = cell.getAttribute("valuetype")
    if kind == "float":
        return float(cell.getAttribute("value"))
    if kind == "boolean":
        return cell.getAttribute("booleanvalue") == "true"
    return teletype.extractText(cell) if kind == "string" else None


def ods_sheets(book):
    """{sheet: (rows of values, header bold?)} of an .ods, in order."""
    doc = load_ods(book)
    bold = {st.getAttribute("name") for st in doc.automaticstyles.getElementsByType(Style)
            if any(tp.getAttribute("fontweight") == "bold" for tp in st.getElementsByType(TextProperties))}
    out = {}
    for t in doc.spreadsheet.getElementsByType(Table):
        rows = [[ods_value(c) for c in r.getElementsByType(TableCell)] for r in t.getElementsByType(TableRow)]
        first = t.getElementsByType(TableRow)[0].getElementsByType(TableCell)
        out[t.getAttribute("name")] = (rows, all(c.getAttribute("stylename") in bold for c in first))
    return out


def ods_matches(doc, book):
    sheets = ods_sheets(book)
    arrays = [a for a in TOP[4:] if a in doc]
    bad = [] if list(sheets) == ["about"] + arrays else [f"sheets {list(sheets)}"]
    info = zipfile.ZipFile(book).infolist()
    if info[0].filename != "mimetype" or info[0].compress_type != zipfile.ZIP_STORED:
        bad.append("mimetype is not the first part, stored")
    if sheets.get("about", ([],))[0] != [["key", "value"]] + about_rows(doc):
        bad.append(f"about: {sheets.get('about')}")
    for a in arrays:
        rows, bold = sheets.get(a, ([[]], False))
        bad += [] if bold else [f"{a}: the header row is not bold"]
        bad += [f"{a}: {len(rows) - 1} rows for {len(doc[a])} records"] if len(rows) - 1 != len(doc[a]) else []
        for i, (row, rec) in enumerate(zip(rows[1:], doc[a])):
            bad += [f"{a} row {i + 2} {k}: {v!r}, expected {rec.get(k)!r}" for k, v in zip(rows[0], row)
                    if not same_cell(v, xlsx_value(rec.get(k)))]
    return bad


def xlsx_matches(doc, book):
    wb = openpyxl.load_workbook(book)
    arrays = [a for a in TOP[4:] if a in doc]
    bad = [] if wb.sheetnames == ["about"] + arrays else [f"sheets {wb.sheetnames}"]
    about = [list(r) for r in wb["about"].iter_rows(values_only=True)]
    if about != [["key", "value"]] + about_rows(doc):
        bad.append(f"about: {about}")
    for a in arrays:
        if a in wb.sheetnames:
            bad += sheet_matches(wb[a], a, doc[a])
    return bad


# ---- the checks -------------------------------------------------------------

def check_json(name, src):
    a, b = path(name + ".a.json"), path(name + ".b.json")
    proc = run("convert", src, a, check=False)
    if not tap.check(proc.returncode == 0 and proc.stderr == b"", f"{name}: convert to JSON",
                     proc.stderr.decode()):
        return None
    tap.check(run("validate", "-q", a, check=False).returncode == 0, f"{name}: the written JSON validates")
    run("convert", a, b)
    tap.check(open(a, "rb").read() == open(b, "rb").read(), f"{name}: JSON -> JSON is a fixed point (same bytes)")
    stdout = run("convert", a, "-").stdout
    tap.check(stdout == open(b, "rb").read(), f"{name}: '-' writes the same bytes to standard output")
    doc = pgtest.read_json(a)
    bad = key_order_problems(doc)
    tap.check(not bad, f"{name}: keys in the documented order", "\n".join(bad))
    text = open(a, encoding="utf-8").read()
    tap.check(text.startswith('{\n  "format": "partygraph/1"') and text.endswith("}\n"),
              f"{name}: pretty, two spaces, format first")
    same_network(tap, name, built(src, name + "-in"), built(a, name + "-json"))
    return doc


def check_content(name, src, doc):
    want = expected_document(pgtest.read_json(src))
    diff = [k for k in set(want) | set(doc) if want.get(k) != doc.get(k)]
    detail = "\n".join(f"{k}: got {json.dumps(doc.get(k))[:300]}\n  want {json.dumps(want.get(k))[:300]}" for k in diff)
    tap.check(not diff, f"{name}: every record and field as the format's rules keep them", detail)


def check_tables(name, doc):
    folder = path(name + "-tables") + "/"
    run("convert", path(name + ".a.json"), folder)
    bad = csv_matches(doc, folder)
    with open(os.path.join(folder, "about.csv"), newline="", encoding="utf-8") as f:
        about = list(csv.reader(f))
    if about != [["key", "value"]] + [[k, guard(v)] for k, v in about_rows(doc)]:
        bad.append(f"about.csv: {about}")
    tap.check(not bad, f"{name}: the CSV tables hold every record and field of the JSON", "\n".join(bad[:20]))
    back = path(name + ".back.json")
    proc = run("convert", folder, back, check=False)
    tap.check(proc.returncode == 0 and open(back, "rb").read() == open(path(name + ".a.json"), "rb").read(),
              f"{name}: JSON -> tables -> JSON is the identity", proc.stderr.decode())


def check_xlsx(name, doc):
    book, again = path(name + ".xlsx"), path(name + ".again.xlsx")
    run("convert", path(name + ".a.json"), book)
    run("convert", path(name + ".a.json"), again)
    bad = xlsx_matches(doc, book)
    tap.check(not bad, f"{name}: the workbook (openpyxl) holds every record and field, typed", "\n".join(bad[:20]))
    tap.check(open(book, "rb").read() == open(again, "rb").read(), f"{name}: the workbook's bytes are the same each run")
    ods = path(name + ".ods")
    run("convert", path(name + ".a.json"), ods)
    bad = ods_matches(doc, ods)
    tap.check(not bad, f"{name}: the .ods (odfpy) holds every record and field, typed, white space kept",
              "\n".join(bad[:20]))
    for wb in (book, ods):
        back = wb + ".back.json"
        proc = run("convert", wb, back, check=False)
        tap.check(proc.returncode == 0 and open(back, "rb").read() == open(path(name + ".a.json"), "rb").read(),
                  f"{name}: JSON -> {wb[-4:]} -> JSON is the identity", proc.stderr.decode())


def conversions():
    for name, src in INPUTS.items():
        doc = check_json(name, src)
        if doc is None:
            continue
        if name in ("minimal", "full"):
            check_content(name, src, doc)
        check_tables(name, doc)
        check_xlsx(name, doc)


# ---- init ---------------------------------------------------------------------

def readme_columns(text):
    """The README's tables and their columns: {table: [column, ...]}."""
    out, table = {}, None
    for line in text.splitlines():
        if line.startswith("## "):
            table = line[3:].split(" ")[0]
            out[table] = []
        elif line.startswith("- ") and table:
            out[table].append(line[2:].split(":")[0])
    return out


def check_init():
    d = path("start")
    proc = run("init", d, check=False)
    tap.check(proc.returncode == 0, "init: writes the starter files", proc.stderr.decode())
    files = sorted(os.listdir(d)) if os.path.isdir(d) else []
    tap.check(files == ["README.md", "partygraph.xlsx", "tables"], f"init: DIR holds {files}")
    columns = readme_columns(open(os.path.join(d, "README.md"), encoding="utf-8").read())
    want = {"about": ["format", "title", "description", "notes"], **FIELDS}
    tap.check(list(columns) == ["about"] + TOP[4:] and all(columns[t] == want[t] for t in want),
              "init: README.md lists every table and every column of the format", json.dumps(columns))
    wb = openpyxl.load_workbook(os.path.join(d, "partygraph.xlsx"))
    bad = []
    for t in TOP[4:]:
        with open(os.path.join(d, "tables", t + ".csv"), newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        sheet = [list(r) for r in wb[t].iter_rows(values_only=True)] if t in wb.sheetnames else [[]]
        if rows[0] != FIELDS[t] or sheet[0] != FIELDS[t]:
            bad.append(f"{t}: csv {rows[0]}, sheet {sheet[0]}")
        if len(rows) != (1 if t == "nodes" else 3) or len(sheet) != len(rows):
            bad.append(f"{t}: {len(rows) - 1} example rows in the CSV, {len(sheet) - 1} in the sheet")
    tap.check(wb.sheetnames == ["about"] + TOP[4:], f"init: the workbook's sheets {wb.sheetnames}")
    tap.check(not bad, "init: every column headed, two example rows (nodes none), CSV and workbook alike",
              "\n".join(bad))
    starter = path("start.json")
    proc = run("convert", os.path.join(d, "tables") + "/", starter, check=False)
    tap.check(proc.returncode == 0 and run("validate", "-q", starter, check=False).returncode == 0,
              "init: the starter tables convert to JSON that validates", proc.stderr.decode())
    before = pgtest.snapshot(d)
    proc = run("init", d, check=False)
    tap.check(proc.returncode == 2 and pgtest.one_line(proc) and "not empty" in proc.stderr.decode()
              and pgtest.snapshot(d) == before, "init: refuses a DIR that is not empty, one line, nothing changed",
              proc.stderr.decode())
    empty = path("empty")
    os.mkdir(empty)
    tap.check(run("init", empty, check=False).returncode == 0 and os.path.exists(os.path.join(empty, "README.md")),
              "init: an empty DIR is fine")


# ---- errors ---------------------------------------------------------------------

def fails(args, code, what, unchanged=None):
    before = pgtest.snapshot(unchanged) if unchanged and os.path.isdir(unchanged) else None
    proc = run("convert", *args, check=False)
    ok = proc.returncode == code and pgtest.one_line(proc)
    if unchanged and os.path.isdir(unchanged):
        ok = ok and pgtest.snapshot(unchanged) == before
    tap.check(ok, f"convert: {what}: exit {code}, one line", f"exit {proc.returncode}: {proc.stderr.decode()}")
    return proc


def check_errors():
    src = INPUTS["minimal"]
    fails([src, path("missing", "x.json")], 3, "OUT in a missing folder")
    tap.check(not os.path.exists(path("missing")), "convert: ... which is not created")
    folder = path("folder.json")
    os.mkdir(folder)
    with open(os.path.join(folder, "keep"), "w") as f:
        f.write("keep")
    fails([src, folder], 3, "OUT an existing folder for a .json", unchanged=folder)
    sock = path("sock.xlsx")
    s = socket.socket(socket.AF_UNIX)
    s.bind(sock)
    fails([src, sock], 3, "OUT a socket (not a file it may replace)")
    s.close()
    copy = write_json("copy.json", pgtest.read_json(src))
    before = open(copy, "rb").read()
    fails([copy, copy], 2, "OUT is IN")
    tap.check(open(copy, "rb").read() == before, "convert: ... and IN is unchanged")
    stale = path("stale") + "/"
    run("convert", INPUTS["full"], stale)
    fails([INPUTS["karate"], stale], 2, "a tables folder holding a table the dataset has not", unchanged=stale)
    fails([src, path("x.txt")], 2, "OUT of no known form")
    fails([src], 2, "one argument")
    bad = write_json("bad.json", {"format": "partygraph/1", "parties": [{"id": "p"}]})
    fails([bad, path("bad-out.json")], 1, "an invalid input")
    tap.check(not os.path.exists(path("bad-out.json")), "convert: ... writes nothing")


conversions()
check_init()
check_errors()
tap.done()
