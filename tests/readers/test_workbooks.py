"""Workbooks into tables: .xlsx files written here with openpyxl (and parts
edited or written by hand where openpyxl cannot: cached formula values,
inline strings, error values, rich text with phonetic runs), .ods files
written with odfpy, each read by partygraph's workbook reader through
tests/unit/dump_tables (BUILD/tests/dump_tables, `make BUILD/tests/dump_tables`)
and compared cell by cell with what openpyxl (data_only: the cached values)
or odfpy reads from the same file, shaped by the rules of docs/input.md
("Workbooks") computed here: the header is the first row holding a value,
rows holding none are skipped, columns after the last holding a value are
dropped. Then 100,000 rows, and the files that are not workbooks, each
with its message.

    /usr/bin/python3 tests/readers/test_workbooks.py BUILD/partygraph"""
import datetime
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl
import openpyxl.utils.escape
from odf import teletype
from odf.opendocument import OpenDocumentSpreadsheet, load
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.office import Annotation
from odf.text import LineBreak, P, S, Span, Tab

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import pgtest  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
DUMP = os.path.join(os.path.dirname(BIN), "tests", "dump_tables")
TMP = tempfile.TemporaryDirectory(prefix="pgworkbooks-")
tap = pgtest.Tap()


def path(name):
    return os.path.join(TMP.name, name)


def dump(file):
    """(exit status, tables {name: {"ncols", "nrows", "cells": [...]}} in
    order, warnings, error) of dump_tables on `file`."""
    proc = subprocess.run([DUMP, file], capture_output=True, check=False)
    tables, warnings, error = {}, [], None
    for line in proc.stdout.decode("utf-8").splitlines():
        o = json.loads(line)
        if "table" in o:
            tables[o["table"]] = {"ncols": o["ncols"], "nrows": o["nrows"], "cells": []}
        elif "sheet" in o:
            tables[o["sheet"]]["cells"].append(o)
        elif "warning" in o:
            warnings.append(o)
        elif "error" in o:
            error = o
    if proc.returncode not in (0, 1) or proc.stderr:
        error = {"error": "crash", "reason": proc.stderr.decode(errors="replace"), "status": proc.returncode}
    return proc.returncode, tables, warnings, error


# ---- the oracle: cells as (row, col, type, text), shaped by the rules -----

def shape(cells):
    """The rows and columns the reader keeps of `cells` {(row, col): (type,
    text)} holding values: the grid it must give, row by row, as a list of
    (row, col, type, text) with the empty cells filled in."""
    rows = sorted({r for r, _ in cells})
    ncols = max((c for _, c in cells), default=0)
    return [(r, c) + cells.get((r, c), ("empty", "")) for r in rows for c in range(1, ncols + 1)], len(rows), ncols


def got_grid(table):
    return [(c["row"], c["col"], c["type"], c["text"]) for c in table["cells"]]


def same_number(text, value):
    try:
        return float(text) == float(value)
    except ValueError:
        return False


def compare(what, table, want):
    """Checks `table` (dump_tables') against `want` (shape()'s), numbers
    compared as numbers."""
    grid, nrows, ncols = want
    if not tap.check(table is not None and table["ncols"] == ncols and table["nrows"] == max(nrows - 1, 0),
                     f"{what}: {ncols} columns, {max(nrows - 1, 0)} rows below the header",
                     table and f"got {table['ncols']} columns, {table['nrows']} rows"):
        return
    bad = [(g, w) for g, w in zip(got_grid(table), grid)
           if g[:3] != w[:3] or (g[3] != w[3] and not (w[2] == "number" and same_number(g[3], w[3])))]
    tap.check(not bad and len(table["cells"]) == len(grid), f"{what}: every cell's place, type and value",
              "\n".join(f"got {g}, want {w}" for g, w in bad[:10]))


def xlsx_value(v):
    """A value as openpyxl reads it -> (type, text) as the reader must give it."""
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return ("bool", "true" if v else "false")
    if isinstance(v, (int, float)):
        return ("number", repr(v))
    if isinstance(v, (datetime.datetime, datetime.date)):
        return ("date", v.isoformat()[:10])
    if isinstance(v, datetime.time):  # a time-only format: the fraction of a day
        return ("number", repr((v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400))
    if isinstance(v, datetime.timedelta):  # an elapsed time: days
        return ("number", repr(v.total_seconds() / 86400))
    if isinstance(v, str) and re.fullmatch(r"#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!)", v):
        return None  # an error value: read as empty, with a warning
    return ("text", str(v))


def openpyxl_tables(file):
    """{sheet: shape()} as openpyxl reads `file` (cached values)."""
    wb = openpyxl.load_workbook(file, data_only=True)
    out = {}
    for ws in wb.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                tv = xlsx_value(c.value)
                if tv is not None:
                    cells[(c.row, c.column)] = tv
        out[ws.title] = shape(cells)
    return out


def check_xlsx(what, file, warnings=0):
    status, tables, warns, error = dump(file)
    if not tap.check(status == 0 and error is None, f"{what}: read", error):
        return tables, warns
    want = openpyxl_tables(file)
    tap.check(list(tables) == list(want), f"{what}: one table per sheet, in the workbook's order",
              f"got {list(tables)}, want {list(want)}")
    for name, w in want.items():
        compare(f"{what}: sheet {name}", tables.get(name), w)
    tap.check(len(warns) == warnings, f"{what}: {warnings} warnings", warns)
    return tables, warns


# ---- .xlsx --------------------------------------------------------------

def set_cached(file, values):
    """Gives formulas of sheet1 cached values (openpyxl writes none): `values`
    {ref: (t or None, v)}."""
    with zipfile.ZipFile(file) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, (t, v) in values.items():
        typ = f' t="{t}"' if t else ""
        sheet = re.sub(rf'<c r="{ref}"([^>]*?)(?: t="\w+")?>(<f>.*?</f>)<v\s*/?>(?:</v>)?</c>',
                       rf'<c r="{ref}"\1{typ}>\2<v>{v}</v></c>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def typed_xlsx():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "parties"
    ws.append(["id", "name", "founded", "active", "seats", "share", "note"])
    ws.append(["cpc", "Communist Party of China", datetime.date(1921, 7, 23), True, 2980, 0.1, "中国共产党"])
    ws.append(["psoe", "  PSOE  ", datetime.datetime(1879, 5, 2, 10, 30), False, -3.5, 1e20, "two\nlines"])
    ws.append(["spd", "SPD", datetime.datetime(2021, 12, 8, 23, 59, 59), None, 2 ** 53 + 2, 1e-7, "=not a formula"])
    ws["G4"].data_type = "s"
    ws.append([])
    ws.append(["ldp", None, datetime.date(1955, 11, 15), True, "=1+1", "=A1&\"x\"", "=1/0"])
    ws["C7"] = datetime.time(12, 30)
    ws["J9"] = "far"
    ws.merge_cells("A9:B9")
    ws["A9"] = "merged"
    ws2 = wb.create_sheet("events")
    ws2["B3"] = "id"
    ws2["C3"] = "date"
    ws2["B4"] = "e1"
    ws2["C4"] = datetime.date(1900, 1, 1)
    ws2["B5"] = "e2"
    ws2["C5"] = datetime.date(1900, 3, 1)
    ws2["C5"].number_format = "dd/mm/yyyy"
    ws2["B6"] = "e3"
    ws2["C6"] = 45000
    ws2["C6"].number_format = "[h]:mm:ss"
    ws2["B7"] = "e4"
    ws2["C7"] = 45000
    ws2["C7"].number_format = '"day" d mmm yyyy;[Red]0'
    ws2["B8"] = "e5"
    ws2["C8"] = 45000.75
    ws2["C8"].number_format = "0.00"
    wb.create_sheet("empty")
    f = path("typed.xlsx")
    wb.save(f)
    set_cached(f, {"E6": (None, "2"), "F6": ("str", "ldpx"), "G6": ("e", "#DIV/0!")})
    return f


def test_xlsx():
    f = typed_xlsx()
    tables, warns = check_xlsx("typed .xlsx (openpyxl)", f, warnings=1)
    tap.check(warns and warns[0]["warning"] == "parties!G6" and "#DIV/0!" in warns[0]["reason"],
              "an error value: a warning at its cell, naming the value", warns)
    cells = {c["where"]: c for t in tables.values() for c in t["cells"]}
    tap.check(cells.get("parties!C3", {}).get("text") == "1879-05-02",
              "a date before 1900 (a negative serial, as openpyxl and LibreOffice write it)", cells.get("parties!C3"))
    tap.check(cells.get("parties!E6", {}).get("text") == "2" and cells.get("parties!F6", {}).get("text") == "ldpx",
              "formulas read by their cached values", [cells.get("parties!E6"), cells.get("parties!F6")])
    tap.check(cells.get("events!C6", {}).get("type") == "number" and cells.get("events!C7", {}).get("type") == "date",
              "an elapsed-time format is a number; a date format with quoted text and a colour is a date",
              [cells.get("events!C6"), cells.get("events!C7")])
    tap.check(tables.get("empty") == {"ncols": 0, "nrows": 0, "cells": []}, "an empty sheet: a table with no columns",
              tables.get("empty"))


def date1904_xlsx():
    wb = openpyxl.Workbook()
    wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["id", "date"])
    ws.append(["a", datetime.date(1904, 1, 2)])
    ws.append(["b", datetime.date(2024, 2, 29)])
    f = path("mac.xlsx")
    wb.save(f)
    return f


CT = "application/vnd.openxmlformats-officedocument."
CONTENT_TYPES = f"""<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="{CT}spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/data.xml" ContentType="{CT}spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/strings.xml" ContentType="{CT}spreadsheetml.sharedStrings+xml"/>
</Types>"""

PACKAGE_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="xl/workbook.xml"/>
</Relationships>"""

HAND_WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="nodes" sheetId="7" r:id="rIdS"/></sheets>
</workbook>"""

HAND_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet"
 Target="chartsheets/sheet1.xml"/>
<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
 Target="/xl/worksheets/data.xml"/>
<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
 Target="strings.xml"/>
</Relationships>"""

HAND_STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>id</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r></si>
<si><t>自民党</t><rPh sb="0" eb="3"><t>じみんとう</t></rPh><phoneticPr fontId="1"/></si>
<si><t xml:space="preserve">   </t></si>
</sst>"""

HAND_SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row r="2"><c r="B2" t="s"><v>0</v></c><c t="inlineStr"><is><t>label</t></is></c><c r="E2" t="s"><v>3</v></c></row>
<row><c r="B3" t="s"><v>1</v></c><c t="s"><v>2</v></c></row>
<row><c r="B4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c>
<c t="d"><v>2024-03-05T10:00:00</v></c></row>
<row r="6" spans="1:3"><c r="B6" t="str"><f>UPPER("x")</f><v>X</v></c><c r="C6"><f>1+1</f><v>2</v></c></row>
</sheetData>
</worksheet>"""


def hand_xlsx(name, parts):
    """A .xlsx of the parts given (names to text) and the hand-written ones."""
    base = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": PACKAGE_RELS,
            "xl/workbook.xml": HAND_WORKBOOK, "xl/_rels/workbook.xml.rels": HAND_RELS,
            "xl/strings.xml": HAND_STRINGS, "xl/worksheets/data.xml": HAND_SHEET,
            "xl/chartsheets/sheet1.xml": "<chartsheet/>"}
    base.update(parts)
    f = path(name)
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        for n, text in base.items():
            if text is not None:
                z.writestr(n, text)
    return f


def test_hand_xlsx():
    check_xlsx("1904 date system (openpyxl)", date1904_xlsx())
    f = hand_xlsx("hand.xlsx", {})
    tables, warns = check_xlsx("hand-written .xlsx: rich text, phonetic runs, inline strings, cells without r, "
                               "t=str/b/e/d", f, warnings=1)
    cells = {c["where"]: c for t in tables.values() for c in t["cells"]}
    tap.check(cells.get("nodes!C3", {}).get("text") == "自民党",
              "a shared string's phonetic reading (<rPh>) is not its text", cells.get("nodes!C3"))
    tap.check(cells.get("nodes!E4", {}).get("type") == "date" and cells["nodes!E4"]["text"] == "2024-03-05",
              "an ISO 8601 date cell (t=\"d\"): its date", cells.get("nodes!E4"))
    tap.check(cells.get("nodes!E2", {}).get("text") == "   ", "a cell of spaces keeps them", cells.get("nodes!E2"))
    escaped = "a_x000D_b _x005F_x0041_ _x00e9_ _x12_"
    _, tables, _, error = dump(hand_xlsx("escaped.xlsx", {"xl/worksheets/data.xml": HAND_SHEET.replace(
        "<t>label</t>", f"<t>{escaped}</t>")}))
    got = next((c["text"] for c in tables.get("nodes", {"cells": []})["cells"] if c["where"] == "nodes!C2"), None)
    tap.check(got == openpyxl.utils.escape.unescape(escaped),
              "Excel's escapes (_x000D_ a carriage return, _x005F_ an underscore) decoded as openpyxl's unescape does",
              error or repr(got))
    chart = HAND_WORKBOOK.replace("</sheets>", '<sheet name="Chart" sheetId="2" r:id="rIdC"/></sheets>')
    _, tables, _, error = dump(hand_xlsx("chart.xlsx", {"xl/workbook.xml": chart}))
    tap.check(list(tables) == ["nodes"] and error is None, "a chart sheet gives no table", error or list(tables))


# ---- .ods ---------------------------------------------------------------

def cell(vtype=None, text=None, repeat=None, covered=False, **attrs):
    c = (CoveredTableCell if covered else TableCell)(**({"valuetype": vtype} if vtype else {}), **attrs,
                                                    **({"numbercolumnsrepeated": repeat} if repeat else {}))
    for p in text if isinstance(text, list) else [text] if text is not None else []:
        c.addElement(P(text=p) if isinstance(p, str) else p)
    return c


def row(*cells, repeat=None):
    r = TableRow(**({"numberrowsrepeated": repeat} if repeat else {}))
    for c in cells:
        r.addElement(c)
    return r


def rich_paragraph():
    p = P(text="a")
    p.addElement(S(c=3))
    p.addElement(Span(text="b"))
    p.addElement(Tab())
    p.addElement(LineBreak())
    p.addText("c")
    return p


def typed_ods():
    doc = OpenDocumentSpreadsheet()
    t = Table(name="parties")
    t.addElement(row(cell(repeat=2), cell("string", "id"), cell("string", "name"), cell("string", "size"),
                     cell("string", "founded"), cell("string", "ok"), cell(repeat=16000)))
    t.addElement(row(cell(repeat=1048000), repeat=3))
    note = cell("string", "cpc")
    note.addElement(Annotation())
    note.getElementsByType(Annotation)[0].addElement(P(text="a comment, not the cell"))
    t.addElement(row(cell(repeat=2), note, cell("string", ["Communist Party", "of China"]),
                     cell("float", "2,980", value="2980"), cell("date", "23/07/21", datevalue="1921-07-23"),
                     cell("boolean", "TRUE", booleanvalue="true")))
    t.addElement(row(cell(repeat=2), cell("string", rich_paragraph()), cell("percentage", "50%", value="0.5"),
                     cell("currency", "€1.25", value="1.25", currency="EUR"),
                     cell("date", "x", datevalue="1879-05-02T10:30:00"), cell("boolean", "FALSE", booleanvalue="false")))
    t.addElement(row(cell(repeat=2), cell("string", "rep", repeat=2), cell(), cell("float", "7", value="7",
                     formula="of:=3+4"), cell(repeat=1000), repeat=2))
    t.addElement(row(cell(repeat=2), cell("string", "merged", numbercolumnsspanned=2), cell(covered=True),
                     cell("string", "é ü", repeat=1)))
    t.addElement(row(cell(repeat=1024), repeat=1048000))
    doc.spreadsheet.addElement(t)
    t2 = Table(name="Ünïcode sheet")
    t2.addElement(row(cell("string", "key"), cell("string", "value")))
    t2.addElement(row(cell("string", "title"), cell("string", "Diplomacy")))
    doc.spreadsheet.addElement(t2)
    f = path("typed.ods")
    doc.save(f)
    return f


def ods_value(c):
    """A cell as odfpy reads it -> (type, text) as the reader must give it."""
    vt = c.getAttribute("valuetype")
    paragraphs = [teletype.extractText(p) for p in c.childNodes if p.qname == P().qname]
    if vt in ("float", "percentage", "currency"):
        return ("number", c.getAttribute("value"))
    if vt == "date":
        return ("date", c.getAttribute("datevalue")[:10])
    if vt == "boolean":
        return ("bool", c.getAttribute("booleanvalue"))
    text = "\n".join(paragraphs)
    return ("text", text) if text else None


def odfpy_tables(file):
    """{sheet: shape()} as odfpy reads `file`."""
    out = {}
    for t in load(file).spreadsheet.getElementsByType(Table):
        cells, r = {}, 0
        for tr in t.getElementsByType(TableRow):
            rrep = int(tr.getAttribute("numberrowsrepeated") or 1)
            col, row_cells = 0, {}
            for c in tr.childNodes:
                crep = int(c.getAttribute("numbercolumnsrepeated") or 1)
                tv = ods_value(c)
                for k in range(crep if tv else 0):
                    row_cells[col + 1 + k] = tv
                col += crep
            for k in range(rrep if row_cells else 0):
                cells.update({(r + 1 + k, cc): tv for cc, tv in row_cells.items()})
            r += rrep
        out[t.getAttribute("name")] = shape(cells)
    return out


def test_ods():
    f = typed_ods()
    status, tables, warns, error = dump(f)
    if not tap.check(status == 0 and error is None, ".ods (odfpy): read", error):
        return
    want = odfpy_tables(f)
    tap.check(list(tables) == list(want), ".ods: one table per sheet, in order", f"{list(tables)} vs {list(want)}")
    for name, w in want.items():
        compare(f".ods (odfpy): sheet {name}", tables.get(name), w)
    cells = {c["where"]: c for t in tables.values() for c in t["cells"]}
    tap.check(cells.get("parties!C6", {}).get("text") == "a   b\t\nc",
              "text:s spaces, spans, text:tab and text:line-break", cells.get("parties!C6"))
    tap.check(cells.get("parties!C5", {}).get("text") == "cpc", "a comment is not the cell's text",
              cells.get("parties!C5"))
    tap.check(cells.get("parties!D5", {}).get("text") == "Communist Party\nof China",
              "paragraphs joined by a line break", cells.get("parties!D5"))
    tap.check(tables.get("parties", {}).get("ncols") == 7 and not warns,
              "16,000 repeated empty cells and 1,048,000 repeated empty rows cost nothing and add no column",
              tables.get("parties", {}).get("ncols"))


def test_ods_error_value():
    """LibreOffice keeps a formula's error as calcext:value-type="error"
    beside a float value (odfpy knows no calcext: edited in)."""
    doc = OpenDocumentSpreadsheet()
    t = Table(name="t")
    t.addElement(row(cell("string", "id"), cell("string", "n")))
    t.addElement(row(cell("string", "a"), cell("float", "#DIV/0!", value="0", formula="of:=1/0")))
    doc.spreadsheet.addElement(t)
    f = path("error.ods")
    doc.save(f)
    with zipfile.ZipFile(f) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    calcext = 'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
    with zipfile.ZipFile(f, "w") as z:
        for info, data in parts:
            if info.filename == "content.xml":
                data = data.decode().replace("<office:document-content ", f"<office:document-content {calcext} ", 1)
                data = data.replace('office:value="0"', 'office:value="0" calcext:value-type="error"').encode()
            z.writestr(info, data)
    status, tables, warns, error = dump(f)
    got = [c for c in tables.get("t", {"cells": []})["cells"] if c["where"] == "t!B2"]
    tap.check(status == 0 and got and got[0]["type"] == "empty" and len(warns) == 1 and
              warns[0]["warning"] == "t!B2" and "#DIV/0!" in warns[0]["reason"],
              ".ods: an error value (calcext) read as an empty cell, with a warning at its cell", error or (got, warns))


# ---- 100,000 rows -------------------------------------------------------

def test_large():
    n = 100_000
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("relations")
    ws.append(["source", "target", "type", "date", "weight"])
    for i in range(n):
        ws.append([f"p{i}", f"p{(i * 7) % n}", "attended", datetime.date(2000 + i % 20, 1 + i % 12, 1 + i % 28), i])
    f = path("large.xlsx")
    wb.save(f)
    start = time.monotonic()
    subprocess.run([DUMP, f], stdout=subprocess.DEVNULL, check=False)
    took = time.monotonic() - start  # the reader and its printing, not this suite's JSON parsing
    status, tables, _, error = dump(f)
    t = tables.get("relations", {"cells": []})
    last = t["cells"][-5:]
    i = n - 1
    want = [(n + 1, 1, "text", f"p{i}"), (n + 1, 2, "text", f"p{(i * 7) % n}"), (n + 1, 3, "text", "attended"),
            (n + 1, 4, "date", datetime.date(2000 + i % 20, 1 + i % 12, 1 + i % 28).isoformat()),
            (n + 1, 5, "number", str(i))]
    tap.check(status == 0 and t.get("nrows") == n and got_grid({"cells": last}) == want,
              f"100,000 rows read, the last one whole (in {took:.1f} s)", error or got_grid({"cells": last}))
    dates = sum(1 for c in t["cells"] if c["type"] == "date")
    tap.check(dates == n, "every date of 100,000 rows read as a date", dates)


# ---- what is not a workbook ---------------------------------------------

def zip_of(name, parts, method=zipfile.ZIP_DEFLATED):
    f = path(name)
    with zipfile.ZipFile(f, "w", method) as z:
        for n, text in parts.items():
            z.writestr(n, text)
    return f


def ole(name, encrypted):
    """An OLE2 compound file's first bytes: an encrypted workbook holds an
    "EncryptedPackage" stream, an old .xls a "Workbook" one."""
    stream = "EncryptedPackage" if encrypted else "Workbook"
    data = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + stream.encode("utf-16-le") + bytes(100)
    f = path(name)
    with open(f, "wb") as out:
        out.write(data)
    return f


def bomb():
    """A zip whose sheet unpacks to 1 GiB and one byte (it holds 1 MB)."""
    f = path("bomb.xlsx")
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        for n, text in [("xl/workbook.xml", HAND_WORKBOOK), ("xl/_rels/workbook.xml.rels", HAND_RELS),
                        ("xl/strings.xml", HAND_STRINGS)]:
            z.writestr(n, text)
        with z.open("xl/worksheets/data.xml", "w", force_zip64=True) as part:
            block = b" " * (1 << 20)
            for _ in range(1 << 10):
                part.write(block)
            part.write(b" ")
    return f


def malformed():
    sheet = HAND_SHEET.replace("<row r=\"6\"", "<row r=\"6\" <oops")
    line = sheet[:sheet.index("<oops")].count("\n") + 1
    return hand_xlsx("malformed.xlsx", {"xl/worksheets/data.xml": sheet}), line


def encrypted_ods():
    return zip_of("secret.ods", {
        "mimetype": "application/vnd.oasis.opendocument.spreadsheet",
        "content.xml": b"\x8f\x01binary noise",
        "META-INF/manifest.xml": '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                                 '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                                 '</manifest:file-entry></manifest:manifest>'})


def test_refused():
    bad, line = malformed()
    cases = [
        ("a CSV file", path("x.csv"), "", "is none"),
        ("a zip holding other things", zip_of("other.xlsx", {"a.txt": "x"}), "",
         "neither xl/workbook.xml (.xlsx) nor content.xml (.ods)"),
        ("a Word document", zip_of("doc.xlsx", {"word/document.xml": "<w/>"}), "", "a Word document (.docx)"),
        ("an OpenDocument text", zip_of("t.ods", {"mimetype": "application/vnd.oasis.opendocument.text",
                                                 "content.xml": "<x/>"}), "",
         "OpenDocument file of type application/vnd.oasis.opendocument.text"),
        ("an encrypted .xlsx (an OLE2 file)", ole("secret.xlsx", True), "", "password-protected"),
        ("an old .xls", ole("old.xlsx", False), "", "Excel 97-2003 workbook (.xls)"),
        ("an encrypted .ods", encrypted_ods(), "", "password-protected"),
        ("malformed XML in a sheet", bad, f"xl/worksheets/data.xml:{line}:", "malformed XML"),
        ("a shared string that does not exist",
         hand_xlsx("nostring.xlsx", {"xl/worksheets/data.xml": HAND_SHEET.replace("<v>2</v></c></row>",
                                                                                  "<v>99</v></c></row>")}),
         "nodes!C3", "a shared string the workbook does not hold"),
        ("a missing sheet part", hand_xlsx("nopart.xlsx", {"xl/worksheets/data.xml": None}), "",
         "its part xl/worksheets/data.xml is missing"),
    ]
    with open(path("x.csv"), "w") as f:
        f.write("id,name\n1,2\n")
    for what, f, where, reason in cases:
        status, _, _, error = dump(f)
        ok = status == 1 and error is not None and error["error"].startswith(where) and reason in error["reason"]
        tap.check(ok, f"refused: {what}: {where or 'the file'}: ...{reason}...", error)
    sparse = HAND_SHEET.replace("</sheetData>", "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>'
                                                        for n in range(7, 2105)) + "</sheetData>")
    start = time.monotonic()
    status, _, _, error = dump(hand_xlsx("sparse.xlsx", {"xl/worksheets/data.xml": sparse}))
    tap.check(status == 1 and error and "would be a table of 2102 rows by 16384 columns, more than 33554432 cells"
              in error["reason"] and time.monotonic() - start < 10,
              "refused: a sheet of 2,102 rows whose values reach column XFD (more than 2^25 cells), without allocating them",
              error)
    doc = OpenDocumentSpreadsheet()
    t = Table(name="t")
    t.addElement(row(cell("string", "x", repeat=16384), repeat=1048576))
    doc.spreadsheet.addElement(t)
    doc.save(path("repeated.ods"))
    start = time.monotonic()
    status, _, _, error = dump(path("repeated.ods"))
    tap.check(status == 1 and error and "a sheet holding more than 33554432 values" in error["reason"]
              and time.monotonic() - start < 10,
              "refused: a value repeated over 16384 columns and 1048576 rows (.ods), without allocating them", error)
    start = time.monotonic()
    status, _, _, error = dump(bomb())
    tap.check(status == 1 and error and "more than 1 GiB" in error["reason"] and time.monotonic() - start < 20,
              "refused: a part unpacking to more than 1 GiB (a zip bomb), without unpacking it", error)


def workbook_of(doc, name):
    """The partygraph/1 document `doc` as an .xlsx workbook written here
    with openpyxl: a sheet per array (its header every key its records
    have), lists joined with ';', an about sheet."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    about = wb.create_sheet("about")
    about.append(["key", "value"])
    for key in ("format", "title", "description"):
        if key in doc:
            about.append([key, doc[key]])
    for array, records in doc.items():
        if not isinstance(records, list) or not records or not isinstance(records[0], dict):
            continue
        keys = sorted({k for r in records for k in r})
        sheet = wb.create_sheet(array)
        sheet.append(keys)
        for r in records:
            sheet.append([";".join(str(x) if not isinstance(x, dict) else f"{x['scheme']}:{x['identifier']}"
                                   for x in r[k]) if isinstance(r.get(k), list) else r.get(k) for k in keys])
    path = os.path.join(TMP.name, name)
    wb.save(path)
    return path


def built(source):
    """(exit status, nodes.csv rows, edges.csv rows, stderr) of a build."""
    out = os.path.join(TMP.name, "built-" + os.path.basename(source))
    proc = pgtest.run(BIN, "build", "-q", source, "-o", out, "--formats", "csv", "--layout", "none", check=False)
    if proc.returncode != 0:
        return proc.returncode, [], [], proc.stderr.decode()
    return 0, pgtest.read_csv(os.path.join(out, "nodes.csv")), pgtest.read_csv(os.path.join(out, "edges.csv")), \
        proc.stderr.decode()


def test_built():
    """`build book.xlsx` gives the network the JSON with the same content
    gives; a bad cell is named by its sheet and cell."""
    example = os.path.join(pgtest.ROOT, "examples", "minimal.json")
    doc = pgtest.load_example("minimal.json")
    book = workbook_of(doc, "minimal.xlsx")
    a, b = built(example), built(book)
    tap.check(a[0] == 0 and b[0] == 0 and a[1] == b[1] and a[2] == b[2],
              "build minimal.xlsx (written by openpyxl) gives the nodes and edges of minimal.json", b[3])
    renamed = os.path.join(TMP.name, "minimal-book")
    with open(book, "rb") as f, open(renamed, "wb") as g:
        g.write(f.read())
    c = built(renamed)
    tap.check(c[0] == 0 and c[1] == a[1], "a workbook is known by its bytes, whatever its name", c[3])
    bad = openpyxl.load_workbook(book)
    sheet = bad["parties"]
    col = [c.value for c in sheet[1]].index("founded") + 1
    sheet.cell(row=2, column=col, value="21-07-1921")
    cell = f"parties!{openpyxl.utils.get_column_letter(col)}2"
    path = os.path.join(TMP.name, "bad.xlsx")
    bad.save(path)
    proc = pgtest.run(BIN, "validate", path, check=False)
    err = proc.stderr.decode()
    tap.check(proc.returncode == 1 and f'{path}:{cell}: column "founded": "21-07-1921" is not a date' in err,
              f"a bad cell is an error at {cell}, its column named", err)


def main():
    if not os.path.exists(DUMP):
        tap.check(False, f"{DUMP} exists (make {os.path.relpath(DUMP, os.getcwd())})")
        tap.done()
    test_xlsx()
    test_hand_xlsx()
    test_ods()
    test_ods_error_value()
    test_large()
    test_refused()
    test_built()
    tap.done()


main()
