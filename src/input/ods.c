/* ods.c - the sheets of an .ods workbook (OpenDocument spreadsheet, as
 * LibreOffice writes it) as tables: content.xml streamed, each
 * <table:table> a sheet, its rows (<table:table-row>, repeated by
 * table:number-rows-repeated) and cells (<table:table-cell>, and the
 * <table:covered-table-cell> hidden under a merged one, repeated by
 * table:number-columns-repeated). A cell's value is typed by
 * office:value-type: float, percentage and currency are numbers
 * (office:value), date a date (the date part of office:date-value),
 * boolean a boolean, string and time the cell's text: its paragraphs
 * (<text:p>) joined by line breaks, with <text:s> spaces, <text:tab> tabs
 * and <text:line-break> line breaks. Formulas are read by the value cached
 * with them; an error value is read as empty, with a warning. Repeated
 * empty cells and rows (LibreOffice writes a row's end as one empty cell
 * repeated 16,000 times) only move the count on. Comments, drawings and
 * tables inside cells are not the cell's text. An encrypted workbook
 * (META-INF/manifest.xml says so) and other OpenDocument files are
 * refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/ods.h"
#include "input/sheets.h"

#define NS_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_CALCEXT "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
#define MIME "application/vnd.oasis.opendocument.spreadsheet"

enum { MAX_ROW = 1048576, MAX_COL = 16384, MAX_REPEAT = 1 << 30, MAX_SPACES = 10000 };

typedef struct ods {
    pg_sheets *w;
    int tables;          /* depth of <table:table> */
    const char *sheet;   /* the sheet being read */
    long row, col;       /* the current row, the current cell's (first) column */
    long rows;           /* the current row's repeat */
    size_t row_first;    /* w->cells' index of the current row's first cell */
    bool in_cell, in_p;  /* where the walk is */
    int paragraphs;      /* <text:p> in the current cell so far */
    long repeat;         /* the current cell's repeat */
    char type[16];       /* its office:value-type ("" none, "error" for calcext's) */
    char value[64];      /* its office:value, date-value or boolean-value */
    const char *string;  /* its office:string-value, or NULL */
    bool encrypted;      /* manifest.xml has encryption data */
} ods;

static bool in_ns(xmlTextReader *r, const char *ns, const char *local)
{
    const xmlChar *n = xmlTextReaderConstLocalName(r), *u = xmlTextReaderConstNamespaceUri(r);
    return n && u && strcmp((const char *)n, local) == 0 && strcmp((const char *)u, ns) == 0;
}

static bool opening(xmlTextReader *r, const char *ns, const char *local)
{
    return xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && in_ns(r, ns, local);
}

static bool closing(xmlTextReader *r, const char *ns, const char *local)
{
    int t = xmlTextReaderNodeType(r);
    return in_ns(r, ns, local) && (t == XML_READER_TYPE_END_ELEMENT ||
                                   (t == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(r) == 1));
}

/* A repeat count: attribute `local` of the table namespace, from 1 to
 * MAX_REPEAT (1 when absent or not a count). */
static long repeat_of(xmlTextReader *r, const char *local)
{
    const char *v = pg_sheets_attr(r, NS_TABLE, local);
    long n = v ? strtol(v, NULL, 10) : 1;
    return n < 1 ? 1 : n > MAX_REPEAT ? MAX_REPEAT : n;
}

static int fails_at(ods *O, long row, long col, const char *reason)
{
    char where[160];
    pg_table t = { .name = O->sheet, .in_sheet = true };
    pg_cell c = { .at = { row, col } };
    return pg_sheets_fail(O->w, pg_table_where(&t, &c, where, sizeof where), "%s", reason);
}

/* ---- a cell's value ---------------------------------------------------- */

static const char *cell_text(const ods *O)
{
    return O->string ? O->string : O->w->text.len ? O->w->text.items : "";
}

static int add(ods *O, long col, pg_cell_type type, const char *text)
{
    return pg_sheets_cell(O->w, O->row, col, type, text, strlen(text), 0);
}

static int number(ods *O, long col)
{
    char *end;
    double x = strtod(O->value, &end);
    if (end == O->value || *end != '\0' || !isfinite(x))
        return fails_at(O, O->row, col, "the cell's office:value is not a number");
    return pg_sheets_number(O->w, O->row, col, x);
}

static int date(ods *O, long col)
{
    O->value[strcspn(O->value, "T")] = '\0';
    return O->value[0] ? add(O, col, PG_CELL_DATE, O->value) : 0;
}

static int boolean(ods *O, long col)
{
    bool yes = strcmp(O->value, "true") == 0;
    return pg_sheets_cell(O->w, O->row, col, PG_CELL_BOOL, yes ? "true" : "false", yes ? 4 : 5, yes);
}

static int text(ods *O, long col)
{
    return add(O, col, PG_CELL_TEXT, cell_text(O));
}

static int error_value(ods *O, long col)
{
    char reason[200];
    snprintf(reason, sizeof reason, "the error value %.40s read as an empty cell", cell_text(O));
    pg_sheets_warn(O->w, O->sheet, O->row, col, reason);
    return 0;
}

/* What each value type holds; any other (none) is the cell's text. */
static const struct {
    const char *type;
    int (*read)(ods *O, long col);
} VALUE_TYPES[] = {
    { "float", number }, { "percentage", number }, { "currency", number }, { "date", date },
    { "boolean", boolean }, { "error", error_value },
};

static int value(ods *O, long col)
{
    for (size_t i = 0; i < sizeof VALUE_TYPES / sizeof VALUE_TYPES[0]; i++)
        if (strcmp(VALUE_TYPES[i].type, O->type) == 0)
            return VALUE_TYPES[i].read(O, col);
    return text(O, col);
}

/* ---- cells ------------------------------------------------------------- */

/* Copies the value attribute that the value type uses into O->value. */
static void read_value(ods *O, xmlTextReader *r)
{
    static const char *const attrs[] = { "value", "date-value", "boolean-value" };
    const char *v = NULL;
    for (size_t i = 0; v == NULL && i < sizeof attrs / sizeof attrs[0]; i++)
        v = pg_sheets_attr(r, NS_OFFICE, attrs[i]);
    snprintf(O->value, sizeof O->value, "%s", v ? v : "");
}

static int start_cell(ods *O, xmlTextReader *r)
{
    const char *t = pg_sheets_attr(r, NS_CALCEXT, "value-type");
    bool error = t != NULL && strcmp(t, "error") == 0;
    t = error ? "error" : pg_sheets_attr(r, NS_OFFICE, "value-type");
    snprintf(O->type, sizeof O->type, "%s", t ? t : "");
    O->repeat = repeat_of(r, "number-columns-repeated");
    O->col++;
    read_value(O, r);
    const char *s = pg_sheets_attr(r, NS_OFFICE, "string-value");
    O->string = s ? pg_arena_strdup(&O->w->out->arena, s) : NULL;
    O->w->text.len = 0;
    O->paragraphs = 0;
    O->in_cell = xmlTextReaderIsEmptyElement(r) != 1;
    return s && O->string == NULL ? -2 : 0;
}

/* The cell read, once per column it is repeated over. */
static int end_cell(ods *O)
{
    int status = pg_sheets_append(O->w, "", 0);
    O->in_cell = O->in_p = false;
    if (status != 0)
        return status;
    O->w->text.items[O->w->text.len] = '\0';
    bool empty = O->type[0] == '\0' && cell_text(O)[0] == '\0';
    if (!empty && O->col + O->repeat - 1 > MAX_COL)
        return fails_at(O, O->row, MAX_COL + 1, "a sheet wider than 16384 columns");
    for (long k = 0; !empty && status == 0 && k < O->repeat; k++)
        status = value(O, O->col + k);
    O->col += O->repeat - 1;
    return status;
}

/* <text:s text:c="n">: n spaces (at most MAX_SPACES). */
static int spaces(ods *O, xmlTextReader *r)
{
    const char *v = pg_sheets_attr(r, NS_TEXT, "c");
    long n = v ? strtol(v, NULL, 10) : 1;
    for (long k = 0; k < (n < 1 ? 1 : n > MAX_SPACES ? MAX_SPACES : n); k++)
        if (pg_sheets_append(O->w, " ", 1) != 0)
            return -2;
    return 0;
}

/* Is the current node of the text namespace? */
static bool of_text(xmlTextReader *r)
{
    const xmlChar *u = xmlTextReaderConstNamespaceUri(r);
    return u != NULL && strcmp((const char *)u, NS_TEXT) == 0;
}

static int paragraph(ods *O, xmlTextReader *r)
{
    O->in_p = xmlTextReaderIsEmptyElement(r) != 1;
    return O->paragraphs++ > 0 ? pg_sheets_append(O->w, "\n", 1) : 0;
}

/* An element inside a cell: a paragraph and what it holds adds to the
 * text; anything not of the text namespace (comments, drawings, inner
 * tables) and notes are skipped. */
static int text_element(ods *O, xmlTextReader *r)
{
    if (!of_text(r) || in_ns(r, NS_TEXT, "note"))
        return 1;
    if (in_ns(r, NS_TEXT, "p") || in_ns(r, NS_TEXT, "h"))
        return paragraph(O, r);
    if (in_ns(r, NS_TEXT, "s"))
        return spaces(O, r);
    if (in_ns(r, NS_TEXT, "tab") || in_ns(r, NS_TEXT, "line-break"))
        return pg_sheets_append(O->w, in_ns(r, NS_TEXT, "tab") ? "\t" : "\n", 1);
    return 0;
}

/* A node inside a cell: its elements, its text, its end. */
static int in_cell(ods *O, xmlTextReader *r)
{
    if (closing(r, NS_TABLE, "table-cell") || closing(r, NS_TABLE, "covered-table-cell"))
        return end_cell(O);
    if (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT)
        return text_element(O, r);
    if (closing(r, NS_TEXT, "p") || closing(r, NS_TEXT, "h"))
        O->in_p = false;
    return O->in_p ? pg_sheets_gather(O->w, r) : 0;
}

/* ---- rows and sheets --------------------------------------------------- */

static int start_row(ods *O, xmlTextReader *r)
{
    O->rows = repeat_of(r, "number-rows-repeated");
    O->row++;
    O->col = 0;
    O->row_first = O->w->cells.len;
    return 0;
}

/* Copies cells first..last (the current row's) to the `n` rows below. */
static int replicate(ods *O, size_t first, size_t last, long n)
{
    for (long k = 1; k <= n; k++) {
        if (PG_VEC_RESERVE(O->w->cells, last - first) != 0)
            return -2;
        for (size_t i = first; i < last; i++) {
            pg_cell c = O->w->cells.items[i];
            c.at.line += k;
            O->w->cells.items[O->w->cells.len++] = c;
        }
    }
    return 0;
}

/* The end of a row: its cells copied to the rows it is repeated over. */
static int end_row(ods *O)
{
    size_t first = O->row_first, last = O->w->cells.len;
    long more = O->rows - 1;
    O->row += more;
    if (last == first || more == 0)
        return 0;
    if (O->row > MAX_ROW)
        return fails_at(O, MAX_ROW + 1, 1, "a sheet longer than 1048576 rows");
    if ((last - first) * (size_t)more > PG_SHEETS_MAX_CELLS - last)
        return pg_sheets_fail(O->w, "", "a sheet holding more than %zu values", PG_SHEETS_MAX_CELLS);
    return replicate(O, first, last, more);
}

static int start_table(ods *O, xmlTextReader *r)
{
    const char *name = pg_sheets_attr(r, NS_TABLE, "name");
    O->sheet = pg_arena_strdup(&O->w->out->arena, name ? name : "");
    O->row = O->col = 0;
    O->w->cells.len = 0;
    O->tables = 1;
    return O->sheet ? 0 : -2;
}

static bool cell_element(xmlTextReader *r)
{
    return opening(r, NS_TABLE, "table-cell") || opening(r, NS_TABLE, "covered-table-cell");
}

static int end_table(ods *O)
{
    O->tables = 0;
    return pg_sheets_end(O->w, O->sheet);
}

/* A node of a sheet outside its cells: rows, cells starting (and ending,
 * when empty), the sheet's end. */
static int in_table(ods *O, xmlTextReader *r)
{
    int status = 0;
    if (opening(r, NS_TABLE, "table-row"))
        status = start_row(O, r);
    if (status == 0 && cell_element(r))
        status = start_cell(O, r);
    if (status == 0 && cell_element(r) && !O->in_cell)
        status = end_cell(O);
    if (status == 0 && closing(r, NS_TABLE, "table-row"))
        status = end_row(O);
    return status == 0 && closing(r, NS_TABLE, "table") ? end_table(O) : status;
}

static int visit_content(void *ctx, xmlTextReader *r)
{
    ods *O = ctx;
    if (O->in_cell)
        return in_cell(O, r);
    if (opening(r, NS_TABLE, "table") && O->tables > 0)
        return 1;
    int status = opening(r, NS_TABLE, "table") ? start_table(O, r) : 0;
    return status == 0 && O->tables > 0 ? in_table(O, r) : status;
}

/* ---- the archive ------------------------------------------------------- */

static int visit_manifest(void *ctx, xmlTextReader *r)
{
    ods *O = ctx;
    const xmlChar *n = xmlTextReaderConstLocalName(r);
    O->encrypted = O->encrypted || (xmlTextReaderNodeType(r) == XML_READER_TYPE_ELEMENT && n != NULL &&
                                    strcmp((const char *)n, "encryption-data") == 0);
    return 0;
}

/* The archive's mimetype part (its first bytes) into `buf`; "" when it
 * has none. */
static void mimetype(ods *O, char *buf, size_t size)
{
    zip_file_t *f = zip_fopen(O->w->zip, "mimetype", 0);
    zip_int64_t n = f ? zip_fread(f, buf, size - 1) : 0;
    buf[n > 0 ? n : 0] = '\0';
    if (f != NULL)
        zip_fclose(f);
}

/* Refuses what is not an unencrypted OpenDocument spreadsheet. */
static int check_kind(ods *O)
{
    char mime[128];
    mimetype(O, mime, sizeof mime);
    if (mime[0] != '\0' && strncmp(mime, MIME, strlen(MIME)) != 0)
        return pg_sheets_fail(O->w, "", "not a workbook: an OpenDocument file of type %s", mime);
    int status = pg_sheets_walk(O->w, "META-INF/manifest.xml", visit_manifest, O);
    if (status < 0)
        return status;
    if (O->encrypted)
        return pg_sheets_fail(O->w, "", "the workbook is password-protected (encrypted): save it without a password");
    return 0;
}

int pg_ods_read(pg_sheets *w)
{
    ods O = { .w = w };
    int status = check_kind(&O);
    return status == 0 ? pg_sheets_walk(w, "content.xml", visit_content, &O) : status;
}
