/* write_xlsx.c - a dataset as an Excel workbook (.xlsx, Office Open XML
 * SpreadsheetML): the tables of write_tables.c as sheets named after the
 * arrays, "about" first; a bold header row (a minimal styles.xml); cells
 * typed: numbers as numbers, booleans as t="b", everything else, dates
 * included, as inline strings (partygraph's dates may be partial, "2017"
 * or "2017-11", which a spreadsheet date cannot hold). The parts are
 * written as text and zipped in memory (zipmem.h), then copied to `out`. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"
#include "write/escape.h"
#include "write/records.h"
#include "write/zipmem.h"

static const char xml_head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
static const char main_ns[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
static const char rel_ns[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
static const char ct_ns[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.";

static const char styles_xml[] =
    "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
    "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
    "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
    "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
    "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
    "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
    "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
    "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>";

enum { MAX_SHEETS = PG_ARRAY_COUNT + 1 };

/* The sheets of the workbook: "about" (table -1) and the tables. */
typedef struct sheets {
    int table[MAX_SHEETS];
    int n;
} sheets;

/* ---- cells ------------------------------------------------------------ */

/* The reference of column `c` (0-based), row `r`: "A1", "AB12". */
static void cell_ref(FILE *f, size_t c, size_t r)
{
    char letters[8];
    int n = 0;
    for (c++; c > 0 && n < 7; c = (c - 1) / 26)
        letters[n++] = (char)('A' + (c - 1) % 26);
    while (n > 0)
        putc(letters[--n], f);
    fprintf(f, "%zu", r);
}

static void text_cell(FILE *f, size_t c, size_t r, const char *s, bool bold)
{
    fputs("<c r=\"", f);
    cell_ref(f, c, r);
    fputs(bold ? "\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">", f);
    pg_escape_xml(f, s);
    fputs("</t></is></c>", f);
}

static void field_cell(FILE *f, size_t c, size_t r, const pg_recfield *v)
{
    char num[PG_FMT_DOUBLE_SIZE];
    if (v == NULL)
        return;
    if (v->kind != PG_REC_NUMBER && v->kind != PG_REC_BOOL) {
        text_cell(f, c, r, v->s, false);
        return;
    }
    fputs("<c r=\"", f);
    cell_ref(f, c, r);
    fprintf(f, "\"%s><v>%s</v></c>", v->kind == PG_REC_BOOL ? " t=\"b\"" : "",
            v->kind == PG_REC_BOOL ? (v->b ? "1" : "0") : pg_fmt_double(v->d, num));
}

/* ---- sheets ------------------------------------------------------------ */

static void header_row(FILE *f, const pg_str_vec *columns)
{
    fputs("<row r=\"1\">", f);
    for (size_t c = 0; c < columns->len; c++)
        text_cell(f, c, 1, columns->items[c], true);
    fputs("</row>", f);
}

static void record_row(FILE *f, const pg_record *rec, const pg_str_vec *columns, size_t r)
{
    fprintf(f, "<row r=\"%zu\">", r);
    for (size_t c = 0; c < columns->len; c++)
        field_cell(f, c, r, pg_record_field(rec, columns->items[c]));
    fputs("</row>", f);
}

/* The rows of table `t`; false when out of memory. */
static bool table_rows(FILE *f, const pg_dataset *ds, pg_array t, bool every)
{
    pg_str_vec columns = { 0 };
    pg_record rec = { 0 };
    size_t r = 2;
    int rc = pg_array_header(ds, t, every, &columns);
    if (rc == 0)
        header_row(f, &columns);
    for (size_t i = 0; rc >= 0 && i < pg_array_extent(ds, t); i++)
        if ((rc = pg_array_record(ds, t, i, &rec)) > 0)
            record_row(f, &rec, &columns, r++);
    pg_record_free(&rec);
    free(columns.items);
    return rc >= 0;
}

static void about_rows(FILE *f, const pg_dataset *ds)
{
    fputs("<row r=\"1\">", f);
    text_cell(f, 0, 1, "key", true);
    text_cell(f, 1, 1, "value", true);
    fputs("</row>", f);
    for (size_t i = 0; i < pg_about_rows(ds); i++) {
        const char *key, *value;
        pg_about_row(ds, i, &key, &value);
        fprintf(f, "<row r=\"%zu\">", i + 2);
        text_cell(f, 0, i + 2, key, false);
        text_cell(f, 1, i + 2, value, false);
        fputs("</row>", f);
    }
}

static bool sheet_xml(FILE *f, const pg_dataset *ds, int table, bool every)
{
    bool go = true;
    fprintf(f, "%s<worksheet xmlns=\"%s\"><sheetData>", xml_head, main_ns);
    if (table < 0)
        about_rows(f, ds);
    else
        go = table_rows(f, ds, (pg_array)table, every);
    fputs("</sheetData></worksheet>", f);
    return go;
}

static const char *sheet_name(int table)
{
    return table < 0 ? "about" : pg_array_name((pg_array)table);
}

/* ---- the package's other parts ------------------------------------------ */

static bool content_types(FILE *f, const pg_dataset *ds, const sheets *s)
{
    (void)ds;
    fprintf(f, "%s<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">", xml_head);
    fputs("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>", f);
    fprintf(f, "<Override PartName=\"/xl/workbook.xml\" ContentType=\"%ssheet.main+xml\"/>", ct_ns);
    fprintf(f, "<Override PartName=\"/xl/styles.xml\" ContentType=\"%sstyles+xml\"/>", ct_ns);
    for (int i = 0; i < s->n; i++)
        fprintf(f, "<Override PartName=\"/xl/worksheets/sheet%d.xml\" ContentType=\"%sworksheet+xml\"/>", i + 1, ct_ns);
    fputs("</Types>", f);
    return true;
}

static bool package_rels(FILE *f, const pg_dataset *ds, const sheets *s)
{
    (void)ds, (void)s;
    fprintf(f, "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"%s/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>",
            xml_head, rel_ns);
    return true;
}

static bool workbook(FILE *f, const pg_dataset *ds, const sheets *s)
{
    (void)ds;
    fprintf(f, "%s<workbook xmlns=\"%s\" xmlns:r=\"%s\"><sheets>", xml_head, main_ns, rel_ns);
    for (int i = 0; i < s->n; i++)
        fprintf(f, "<sheet name=\"%s\" sheetId=\"%d\" r:id=\"rId%d\"/>", sheet_name(s->table[i]), i + 1, i + 1);
    fputs("</sheets></workbook>", f);
    return true;
}

static bool workbook_rels(FILE *f, const pg_dataset *ds, const sheets *s)
{
    (void)ds;
    fprintf(f, "%s<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">", xml_head);
    for (int i = 0; i < s->n; i++)
        fprintf(f, "<Relationship Id=\"rId%d\" Type=\"%s/worksheet\" Target=\"worksheets/sheet%d.xml\"/>", i + 1,
                rel_ns, i + 1);
    fprintf(f, "<Relationship Id=\"rId%d\" Type=\"%s/styles\" Target=\"styles.xml\"/></Relationships>", s->n + 1,
            rel_ns);
    return true;
}

static bool styles(FILE *f, const pg_dataset *ds, const sheets *s)
{
    (void)ds, (void)s;
    fprintf(f, "%s<styleSheet xmlns=\"%s\">%s</styleSheet>", xml_head, main_ns, styles_xml);
    return true;
}

/* ---- the zip ------------------------------------------------------------- */

/* What the parts are written from: the dataset, its sheets, and for a
 * sheet part its number. */
typedef struct part {
    const pg_dataset *ds;
    const sheets *s;
    bool every;
    int sheet;
} part;

typedef bool part_fn(FILE *f, const pg_dataset *ds, const sheets *s);

static const struct {
    const char *name;
    part_fn *fn;
} parts[] = {
    { "[Content_Types].xml", content_types }, { "_rels/.rels", package_rels },
    { "xl/workbook.xml", workbook },          { "xl/_rels/workbook.xml.rels", workbook_rels },
    { "xl/styles.xml", styles },
};

enum { NPARTS = sizeof parts / sizeof parts[0] };

/* A pg_zipmem_text_fn: part number p->sheet of `parts`, or past them a sheet. */
static bool write_part(FILE *f, const void *data)
{
    const part *p = data;
    if (p->sheet < (int)NPARTS)
        return parts[p->sheet].fn(f, p->ds, p->s);
    return sheet_xml(f, p->ds, p->s->table[p->sheet - NPARTS], p->every);
}

static pg_status add_parts(pg_zipmem *m, const pg_dataset *ds, const sheets *s, bool every)
{
    char name[64];
    pg_status st = PG_OK;
    for (int i = 0; st == PG_OK && i < (int)NPARTS + s->n; i++) {
        part p = { ds, s, every, i };
        if (i >= (int)NPARTS)
            snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i - (int)NPARTS + 1);
        st = pg_zipmem_add(m, i < (int)NPARTS ? parts[i].name : name, false, write_part, &p);
    }
    return st;
}

/* The whole workbook into `out`: PG_OK, PG_ENOMEM or PG_EINTERNAL. */
static pg_status zip_workbook(const pg_dataset *ds, const sheets *s, bool every, FILE *out)
{
    pg_zipmem m;
    pg_status st = pg_zipmem_open(&m);
    return st == PG_OK ? pg_zipmem_finish(&m, add_parts(&m, ds, s, every), out) : st;
}

static void choose_sheets(const pg_dataset *ds, bool every, sheets *s)
{
    s->n = 0;
    s->table[s->n++] = -1;
    for (int t = 0; t < PG_ARRAY_COUNT; t++)
        if (every || pg_array_rows(ds, (pg_array)t) > 0)
            s->table[s->n++] = t;
}

pg_status pg_dataset_write_xlsx(const pg_dataset *ds, int every_column, FILE *out, pg_error *err)
{
    sheets s;
    choose_sheets(ds, every_column != 0, &s);
    errno = 0;
    pg_status st = zip_workbook(ds, &s, every_column != 0, out);
    if (st == PG_ENOMEM)
        return pg_error_set(err, PG_ENOMEM, "out of memory writing the workbook");
    if (st != PG_OK)
        return pg_error_set(err, st, "libzip could not make the workbook");
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set_errno(err, PG_EIO, errno ? errno : EIO, "cannot write the workbook");
    pg_error_clear(err);
    return PG_OK;
}
