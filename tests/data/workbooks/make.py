"""Writes the small workbooks tests/unit/test_workbook.c reads (run once,
the files committed; run again only to change them):

    /usr/bin/python3 tests/data/workbooks/make.py

- parties.xlsx (openpyxl): sheet "parties" starting at B2 under an empty
  row, with text, a number, a date, a boolean, an empty cell, an empty row
  inside, a styled empty cell past the last value; sheet "about";
- parties.ods (odfpy): the same sheets and values;
- mac1904.xlsx: a date in the 1904 date system;
- malformed.xlsx: a sheet whose XML breaks on line 3;
- encrypted.xlsx: what Excel writes for a password-protected workbook
  (an OLE2 compound file holding an "EncryptedPackage" stream; only its
  first bytes and the stream's name matter here);
- notazip.xlsx: a CSV file misnamed.

The files are made deterministic: every zip entry dated 1980-01-01 and
the document properties' dates fixed."""
import datetime
import io
import os
import zipfile

import openpyxl
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = datetime.datetime(2020, 1, 1)

PARTIES = [
    ["id", "name", "founded", "seats", "ruling", "note"],
    ["cpc", "Communist Party of China", datetime.date(1921, 7, 23), 2980, True, None],
    None,  # an empty row inside the table
    ["psoe", "Partido Socialista Obrero Español", datetime.date(1879, 5, 2), 120.5, False, "a;b"],
]
ABOUT = [["key", "value"], ["format", "partygraph/1"], ["title", "Small"]]


def deterministic(data):
    """The zip `data` again, every entry dated 1980-01-01, in the same
    order and with the same compression (mimetype first, stored)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def save(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


def xlsx(sheets, epoch=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.properties.created = wb.properties.modified = FIXED
    if epoch is not None:
        wb.epoch = epoch
    for title, rows, origin in sheets:
        ws = wb.create_sheet(title)
        for r, values in enumerate(rows):
            for c, v in enumerate(values or []):
                if v is not None:
                    ws.cell(row=origin[0] + r, column=origin[1] + c, value=v)
        if title == "parties":  # a styled cell holding nothing, past the last column with a value
            ws.cell(row=2, column=12).number_format = "0.00"
    buf = io.BytesIO()
    wb.save(buf)
    return deterministic(buf.getvalue())


def ods_cell(v):
    if isinstance(v, bool):
        c = TableCell(valuetype="boolean", booleanvalue="true" if v else "false")
    elif isinstance(v, (int, float)):
        c = TableCell(valuetype="float", value=str(v))
    elif isinstance(v, datetime.date):
        c = TableCell(valuetype="date", datevalue=v.isoformat())
    elif v is None:
        return TableCell()
    else:
        c = TableCell(valuetype="string")
    c.addElement(P(text=str(v)))
    return c


def ods(sheets):
    doc = OpenDocumentSpreadsheet()
    for title, rows, origin in sheets:
        t = Table(name=title)
        if origin[0] > 1:
            t.addElement(TableRow(numberrowsrepeated=origin[0] - 1))
        for values in rows:
            tr = TableRow()
            if origin[1] > 1:
                tr.addElement(TableCell(numbercolumnsrepeated=origin[1] - 1))
            for v in values or []:
                tr.addElement(ods_cell(v))
            tr.addElement(TableCell(numbercolumnsrepeated=1000))
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    buf = io.BytesIO()
    doc.save(buf)
    return deterministic(buf.getvalue())


def fix_ods_meta(data):
    """odfpy writes the time of writing into meta.xml: a fixed one instead."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "meta.xml":
                body = b'<?xml version="1.0" encoding="UTF-8"?><office:document-meta ' \
                       b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"/>'
            dst.writestr(info, body)
    return out.getvalue()


def malformed():
    data = xlsx([("parties", [["id"], ["x"]], (1, 1))])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = (b'<?xml version="1.0"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>\n<row r="1"><c r="A1" t="inlineStr"><is><t>id'
                        b'</t></is></c></row><row r="2"><c r="A2"></row>\n</sheetData></worksheet>')
            dst.writestr(info, body)
    return out.getvalue()


def main():
    sheets = [("parties", PARTIES, (2, 2)), ("about", ABOUT, (1, 1))]
    save("parties.xlsx", xlsx(sheets))
    save("parties.ods", fix_ods_meta(ods(sheets)))
    save("mac1904.xlsx", xlsx([("events", [["id", "date"], ["e1", datetime.date(2024, 2, 29)]], (1, 1))],
                              epoch=openpyxl.utils.datetime.CALENDAR_MAC_1904))
    save("malformed.xlsx", malformed())
    save("encrypted.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504) + "EncryptedPackage".encode("utf-16-le"))
    save("notazip.xlsx", b"id,name\ncpc,Communist Party of China\n")


main()
