/* sheets.c - see sheets.h: what the .xlsx and .ods readers share. The
 * archive's parts streamed through libxml2 with at most
 * PG_WORKBOOK_PART_MAX bytes unpacked from each, the text and attributes
 * of their nodes, and a sheet's cells made into a table. */
#include "input/sheets.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "base/fmt.h"
#include "input/xml_errors.h"

/* Nothing fetched, no DTD loaded, no entity substituted; white space kept
 * (a cell may hold only spaces). */
enum { OPTIONS = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES |
                 XML_PARSE_NOCDATA | XML_PARSE_COMPACT };

/* ---- messages ---------------------------------------------------------- */

int pg_sheets_fail(pg_sheets *w, const char *where, const char *reason, ...)
{
    va_list ap;
    va_start(ap, reason);
    snprintf(w->e->error.where, sizeof w->e->error.where, "%s", where);
    vsnprintf(w->e->error.reason, sizeof w->e->error.reason, reason, ap);
    va_end(ap);
    return -1;
}

void pg_sheets_warn(pg_sheets *w, const char *sheet, long row, long col, const char *reason)
{
    if (w->e->nwarnings == PG_WORKBOOK_WARNINGS) {
        w->e->more++;
        return;
    }
    pg_workbook_note *n = &w->e->warnings[w->e->nwarnings++];
    pg_table t = { .name = sheet, .in_sheet = true };
    pg_cell c = { .at = { row, col } };
    pg_table_where(&t, &c, n->where, sizeof n->where);
    snprintf(n->reason, sizeof n->reason, "%s", reason);
}

/* ---- the text and attributes of XML nodes ---------------------------- */

int pg_sheets_append(pg_sheets *w, const char *s, size_t n)
{
    if (PG_VEC_RESERVE(w->text, n + 1) != 0)
        return -2;
    memcpy(w->text.items + w->text.len, s, n);
    w->text.len += n;
    return 0;
}

int pg_sheets_gather(pg_sheets *w, xmlTextReader *r)
{
    int type = xmlTextReaderNodeType(r);
    bool text = type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
                type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
    const char *v = text ? (const char *)xmlTextReaderConstValue(r) : NULL;
    return v ? pg_sheets_append(w, v, strlen(v)) : 0;
}

static bool named(const xmlChar *s, const char *want)
{
    return s != NULL && strcmp((const char *)s, want) == 0;
}

const char *pg_sheets_attr(xmlTextReader *r, const char *ns, const char *local)
{
    const char *v = NULL;
    for (int ok = xmlTextReaderMoveToFirstAttribute(r); ok == 1 && v == NULL;
         ok = xmlTextReaderMoveToNextAttribute(r))
        if (xmlTextReaderIsNamespaceDecl(r) != 1 && named(xmlTextReaderConstLocalName(r), local) &&
            (ns == NULL || named(xmlTextReaderConstNamespaceUri(r), ns)))
            v = (const char *)xmlTextReaderConstValue(r);
    xmlTextReaderMoveToElement(r);
    return v;
}

/* ---- a sheet's cells into a table -------------------------------------- */

int pg_sheets_cell(pg_sheets *w, long row, long col, pg_cell_type type, const char *text, size_t len,
                     double number)
{
    if (type == PG_CELL_TEXT && len == 0)
        return 0; /* an empty text is an empty cell */
    if (w->cells.len >= PG_SHEETS_MAX_CELLS)
        return pg_sheets_fail(w, "", "a sheet holding more than %zu values", PG_SHEETS_MAX_CELLS);
    pg_cell c = { type, true, pg_arena_strndup(&w->out->arena, text, len), number, { row, col } };
    if (c.text == NULL || PG_VEC_RESERVE(w->cells, 1) != 0)
        return -2;
    w->cells.items[w->cells.len++] = c;
    return 0;
}

int pg_sheets_number(pg_sheets *w, long row, long col, double number)
{
    char digits[PG_FMT_DOUBLE_SIZE];
    pg_fmt_double(number, digits);
    return pg_sheets_cell(w, row, col, PG_CELL_NUMBER, digits, strlen(digits), number);
}

static int by_place(const void *a, const void *b)
{
    const pg_place *x = &((const pg_cell *)a)->at, *y = &((const pg_cell *)b)->at;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return (x->column > y->column) - (x->column < y->column);
}

/* Sorts the cells by row and column unless they came so; the number of
 * rows holding them (*rows) and the last column holding one (*cols). */
static void shape(pg_sheets *w, size_t *rows, size_t *cols)
{
    bool sorted = true;
    for (size_t i = 1; i < w->cells.len && sorted; i++)
        sorted = by_place(&w->cells.items[i - 1], &w->cells.items[i]) < 0;
    if (!sorted)
        pg_vec_sort(w->cells.items, w->cells.len, sizeof *w->cells.items, by_place);
    *rows = *cols = 0;
    for (size_t i = 0; i < w->cells.len; i++) {
        const pg_place *p = &w->cells.items[i].at;
        *rows += i == 0 || p->line != w->cells.items[i - 1].at.line;
        *cols = (size_t)p->column > *cols ? (size_t)p->column : *cols;
    }
}

/* Fills the grid of `rows` x `cols` cells: empty ones placed in their
 * sheet row and column, and those given. */
static void fill(pg_sheets *w, pg_cell *grid, size_t cols)
{
    size_t k = 0;
    for (size_t i = 0; i < w->cells.len; k++) {
        long line = w->cells.items[i].at.line;
        for (size_t c = 0; c < cols; c++)
            grid[k * cols + c] = (pg_cell){ PG_CELL_EMPTY, true, "", 0, { line, (long)c + 1 } };
        for (; i < w->cells.len && w->cells.items[i].at.line == line; i++)
            grid[k * cols + (size_t)w->cells.items[i].at.column - 1] = w->cells.items[i];
    }
}

int pg_sheets_end(pg_sheets *w, const char *name)
{
    size_t rows, cols;
    shape(w, &rows, &cols);
    if (rows * cols > PG_SHEETS_MAX_CELLS)
        return pg_sheets_fail(w, "", "sheet %.60s would be a table of %zu rows by %zu columns, more than %zu cells",
                              name, rows, cols, PG_SHEETS_MAX_CELLS);
    pg_cell *grid = pg_arena_alloc(&w->out->arena, (rows * cols > 0 ? rows * cols : 1) * sizeof *grid);
    pg_table t = { pg_arena_strdup(&w->out->arena, name), w->file, true, cols, rows ? rows - 1 : 0, grid,
                   grid + (rows ? cols : 0) };
    if (grid == NULL || t.name == NULL || PG_VEC_RESERVE(w->out->items, 1) != 0)
        return -2;
    fill(w, grid, cols);
    w->out->items.items[w->out->items.len++] = t;
    w->cells.len = 0;
    return 0;
}

/* ---- the archive's parts ----------------------------------------------- */

bool pg_sheets_has(const pg_sheets *w, const char *name)
{
    return zip_name_locate(w->zip, name, 0) >= 0;
}

/* A part being unpacked, counted. */
typedef struct part {
    zip_file_t *f;
    zip_uint64_t read;
    bool over;   /* past PG_WORKBOOK_PART_MAX */
    bool broken; /* libzip could not unpack it */
} part;

static int part_read(void *ctx, char *buf, int len)
{
    part *p = ctx;
    zip_int64_t n = zip_fread(p->f, buf, (zip_uint64_t)len);
    p->broken = n < 0;
    p->over = n > 0 && (p->read += (zip_uint64_t)n) > PG_WORKBOOK_PART_MAX;
    return p->broken || p->over ? -1 : (int)n;
}

static int part_close(void *ctx)
{
    (void)ctx; /* closed by open_part's caller */
    return 0;
}

/* Why libzip could not open or unpack part `name` (`code`), as -1 or -2. */
static int zip_trouble(pg_sheets *w, const char *name, zip_error_t *err)
{
    int code = zip_error_code_zip(err);
    if (code == ZIP_ER_MEMORY)
        return -2;
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP)
        return pg_sheets_fail(w, "", "the workbook is password-protected (encrypted): save it without a password");
    return pg_sheets_fail(w, "", "a damaged archive: its part %s cannot be unpacked (%s)", name,
                            zip_error_strerror(err));
}

/* Opens part `name` into *p, after checking its stated size. 0, 1 (no
 * such part), -1 or -2. */
static int open_part(pg_sheets *w, const char *name, part *p)
{
    zip_stat_t st;
    if (zip_stat(w->zip, name, 0, &st) != 0)
        return 1;
    if ((st.valid & ZIP_STAT_SIZE) && st.size > PG_WORKBOOK_PART_MAX)
        return pg_sheets_fail(w, "", "its part %s unpacks to more than 1 GiB: refused as a zip bomb", name);
    if ((p->f = zip_fopen(w->zip, name, 0)) == NULL)
        return zip_trouble(w, name, zip_get_error(w->zip));
    return 0;
}

/* What stopped the walk of part `name`: the unpacking, or libxml2. */
static int walk_trouble(pg_sheets *w, const char *name, part *p, const pg_xml_errors *x)
{
    if (p->over)
        return pg_sheets_fail(w, "", "its part %s unpacks to more than 1 GiB: refused as a zip bomb", name);
    if (p->broken)
        return zip_trouble(w, name, zip_file_get_error(p->f));
    if (pg_xml_errors_oom(x))
        return -2;
    char where[160], reason[160];
    pg_strbuf b = pg_strbuf_init(reason, sizeof reason);
    pg_xml_errors_message(x, &b);
    snprintf(where, sizeof where, "%s:%d:%d", name, x->first.line, x->first.int2);
    return pg_sheets_fail(w, where, "malformed XML: %s", reason);
}

/* Feeds every node of `r` to `visit`; the status. */
static int visit_all(xmlTextReader *r, pg_sheets_visit visit, void *ctx, int *more)
{
    int status = 0;
    *more = xmlTextReaderRead(r);
    while (*more == 1 && status == 0) {
        int v = visit(ctx, r);
        if (v < 0)
            status = v;
        else
            *more = v == 1 ? xmlTextReaderNext(r) : xmlTextReaderRead(r);
    }
    return status;
}

/* Streams the opened part `p`, named `name`, through `visit`. */
static int stream(pg_sheets *w, const char *name, part *p, pg_sheets_visit visit, void *ctx)
{
    pg_xml_errors x;
    int more = 0;
    pg_xml_errors_begin(&x);
    xmlTextReader *r = xmlReaderForIO(part_read, part_close, p, name, NULL, OPTIONS);
    if (r != NULL)
        pg_xml_errors_watch(&x, r);
    int status = r != NULL ? visit_all(r, visit, ctx, &more) : -2;
    if (status == 0 && (more < 0 || pg_xml_errors_any(&x)))
        status = walk_trouble(w, name, p, &x);
    xmlFreeTextReader(r);
    pg_xml_errors_end(&x);
    return status;
}

int pg_sheets_walk(pg_sheets *w, const char *name, pg_sheets_visit visit, void *ctx)
{
    part p = { 0 };
    int status = open_part(w, name, &p);
    if (status != 0)
        return status;
    status = stream(w, name, &p, visit, ctx);
    zip_fclose(p.f);
    return status;
}
