/* write_xlsx.c - a dataset as an Excel workbook (.xlsx, Office Open XML
 * SpreadsheetML): the tables of write_tables.c as sheets named after the
 * arrays, "about" first; a bold header row (a minimal styles.xml); cells
 * typed: numbers as numbers, booleans as t="b", everything else, dates
 * included, as inline strings (partygraph's dates may be partial, "2017"
 * or "2017-11", which a spreadsheet date cannot hold). The parts are
 * written as text into memory, zipped by libzip into a buffer (fixed
 * times: the same dataset gives the same bytes), then copied to `out`. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/error.h"
#include "base/fmt.h"
#include "write/escape.h"
#include "write/records.h"

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

/* A part written by `fn` (or sheet `sheet` when fn is NULL). */
typedef bool part_fn(FILE *f, const pg_dataset *ds, const sheets *s);

/* The text of a part: what `fn` writes (or sheet number `sheet` when fn
 * is NULL), in a new buffer *text of *len bytes. PG_OK or PG_ENOMEM. */
static pg_status part_text(part_fn *fn, int sheet, const pg_dataset *ds, const sheets *s, bool every, char **text,
                           size_t *len)
{
    FILE *f = open_memstream(text, len);
    if (f == NULL)
        return PG_ENOMEM;
    bool go = fn ? fn(f, ds, s) : sheet_xml(f, ds, s->table[sheet], every);
    if (fclose(f) == 0 && go)
        return PG_OK;
    free(*text);
    return PG_ENOMEM;
}

/* Adds the `len` bytes of `text` (given to libzip) as part `name`, with
 * a fixed time. PG_OK or PG_EINTERNAL. */
static pg_status add_buffer(zip_t *z, const char *name, char *text, size_t len)
{
    zip_source_t *src = zip_source_buffer(z, text, len, 1);
    zip_int64_t i = src ? zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (i < 0) {
        if (src)
            zip_source_free(src);
        else
            free(text);
        return PG_EINTERNAL;
    }
    return zip_file_set_mtime(z, (zip_uint64_t)i, 946728000 /* 2000-01-01 */, 0) == 0 ? PG_OK : PG_EINTERNAL;
}

/* Adds part `name`: the text `fn` (or sheet number `sheet`) writes. */
static pg_status add_part(zip_t *z, const char *name, part_fn *fn, int sheet, const pg_dataset *ds, const sheets *s,
                          bool every)
{
    char *text = NULL;
    size_t len = 0;
    pg_status st = part_text(fn, sheet, ds, s, every, &text, &len);
    return st == PG_OK ? add_buffer(z, name, text, len) : st;
}

static pg_status add_parts(zip_t *z, const pg_dataset *ds, const sheets *s, bool every)
{
    static const struct { const char *name; part_fn *fn; } parts[] = {
        { "[Content_Types].xml", content_types }, { "_rels/.rels", package_rels },
        { "xl/workbook.xml", workbook },          { "xl/_rels/workbook.xml.rels", workbook_rels },
        { "xl/styles.xml", styles },
    };
    char name[64];
    pg_status st = PG_OK;
    for (size_t i = 0; st == PG_OK && i < sizeof parts / sizeof parts[0]; i++)
        st = add_part(z, parts[i].name, parts[i].fn, 0, ds, s, every);
    for (int i = 0; st == PG_OK && i < s->n; i++) {
        snprintf(name, sizeof name, "xl/worksheets/sheet%d.xml", i + 1);
        st = add_part(z, name, NULL, i, ds, s, every);
    }
    return st;
}

/* Copies the bytes of closed zip source `src` to `out`. */
static pg_status copy_out(zip_source_t *src, FILE *out)
{
    char buf[65536];
    zip_int64_t n;
    if (zip_source_open(src) < 0)
        return PG_EINTERNAL;
    while ((n = zip_source_read(src, buf, sizeof buf)) > 0)
        fwrite(buf, 1, (size_t)n, out);
    zip_source_close(src);
    return n < 0 ? PG_EINTERNAL : PG_OK;
}

/* A zip archive written into a buffer source, kept (*src) for reading
 * after the archive is closed. PG_OK or PG_EINTERNAL. */
static pg_status open_zip(zip_source_t **src, zip_t **z)
{
    zip_error_t ze;
    zip_error_init(&ze);
    *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    *z = *src ? zip_open_from_source(*src, ZIP_TRUNCATE, &ze) : NULL;
    zip_error_fini(&ze);
    if (*z == NULL && *src)
        zip_source_free(*src);
    if (*z)
        zip_source_keep(*src);
    return *z ? PG_OK : PG_EINTERNAL;
}

/* The whole workbook into `out`: PG_OK, PG_ENOMEM or PG_EINTERNAL. */
static pg_status zip_workbook(const pg_dataset *ds, const sheets *s, bool every, FILE *out)
{
    zip_source_t *src;
    zip_t *z;
    pg_status st = open_zip(&src, &z);
    if (st != PG_OK)
        return st;
    if ((st = add_parts(z, ds, s, every)) == PG_OK && zip_close(z) < 0)
        st = PG_EINTERNAL;
    if (st != PG_OK)
        zip_discard(z); /* (zip_close keeps the archive open when it fails) */
    if (st == PG_OK)
        st = copy_out(src, out);
    zip_source_free(src);
    return st;
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
