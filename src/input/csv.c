/* csv.c - see csv.h. libcsv does the parsing; this file feeds it one byte
 * at a time so that every cell knows the line:column it starts at (libcsv
 * reports fields, not places), and builds the table from its callbacks. */
#include "input/csv.h"

#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

/* The state of one read: the table's cells so far, and where the byte
 * being fed is. */
typedef struct reader {
    pg_tables *out;
    PG_VEC(pg_cell) cells;  /* the header's, then every row's */
    size_t ncols;           /* 0 until the header is read */
    size_t in_row;          /* cells of the current row so far */
    pg_place here;          /* the byte being fed */
    pg_place start;         /* the current field's first byte */
    bool at_start;          /* the next byte starts a field */
    bool after_cr;          /* the last byte was a CR (a CRLF is one line end) */
    int status;             /* 0, -1 (e set) or -2 */
    pg_csv_error *e;
} reader;

/* libcsv's state while a field goes on (libcsv.c's FIELD_BEGUN): a quoted
 * field still in it at the end has no closing quote. libcsv says so only
 * in strict mode, which also refuses a quote inside an unquoted cell
 * (a"b), which spreadsheets and Python's csv read as it is. */
enum { LIBCSV_FIELD_BEGUN = 2 };

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* spaces are data: "  x" is not "x" */
}

char pg_csv_detect(const char *text, size_t len)
{
    static const char seps[] = { ',', ';', '\t' };
    size_t count[3] = { 0 };
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || (text[i] != '\n' && text[i] != '\r')); i++) {
        quoted ^= text[i] == '"';
        for (int k = 0; k < 3 && !quoted; k++)
            count[k] += text[i] == seps[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++)
        if (count[k] > count[best])
            best = k;
    return seps[best];
}

/* ---- libcsv's callbacks ------------------------------------------------ */

static void fail(reader *r, int status, pg_place at, const char *reason)
{
    if (r->status != 0)
        return;
    r->status = status;
    if (status == -1) {
        r->e->at = at;
        snprintf(r->e->reason, sizeof r->e->reason, "%s", reason);
    }
}

/* A text partygraph wrote behind its formula guard ("'=SUM" for "=SUM"). */
static bool guarded(const char *s, size_t len)
{
    return len >= 2 && s[0] == '\'' && strchr("=+-@\t\r'", s[1]) != NULL;
}

/* Appends cell `s` (`len` bytes) at r->start. */
static void add_cell(reader *r, const char *s, size_t len)
{
    bool guard = guarded(s, len);
    pg_cell c = { len ? PG_CELL_TEXT : PG_CELL_EMPTY, guard, NULL, 0, r->start };
    c.text = pg_arena_strndup(&r->out->arena, s + guard, len - guard);
    if (c.text == NULL || PG_VEC_RESERVE(r->cells, 1) != 0)
        return fail(r, -2, r->start, NULL);
    r->cells.items[r->cells.len++] = c;
}

static void on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    r->at_start = true;
    if (r->status != 0)
        return;
    if (r->ncols > 0 && r->in_row == r->ncols)
        return fail(r, -1, r->start, "this row has more cells than the header has columns");
    r->in_row++;
    add_cell(r, s ? s : "", s ? len : 0);
}

/* The end of a row: the header's sets the width; a shorter row is filled
 * with empty cells, placed where the row ends. */
static void on_row(int c, void *data)
{
    reader *r = data;
    (void)c;
    r->at_start = true;
    if (r->ncols == 0)
        r->ncols = r->in_row;
    while (r->status == 0 && r->in_row < r->ncols) {
        r->start = r->here;
        r->in_row++;
        add_cell(r, "", 0);
    }
    r->in_row = 0;
}

/* ---- feeding ---------------------------------------------------------- */

/* Moves r->here past byte `c`. */
static void advance(reader *r, unsigned char c)
{
    if (c == '\n' && r->after_cr)
        r->after_cr = false;
    else if (c == '\n' || c == '\r')
        r->here = (pg_place){ r->here.line + 1, 1 }, r->after_cr = c == '\r';
    else if ((c & 0xC0) != 0x80)
        r->here.column++, r->after_cr = false;
}

/* Feeds byte `i` of `text` to the parser `p`. */
static void feed(reader *r, struct csv_parser *p, const char *text, size_t i)
{
    unsigned char c = (unsigned char)text[i];
    if (r->at_start && c != '\n' && c != '\r') {
        r->start = r->here;
        r->at_start = false;
    }
    if (csv_parse(p, text + i, 1, on_field, on_row, r) != 1)
        fail(r, -2, r->here, NULL);
    advance(r, c);
}

/* Is `text` UTF-8 with no NUL byte? Else *e says where it is not. */
static bool well_formed(const char *text, size_t len, pg_csv_error *e)
{
    size_t i = 0, n;
    while (i < len && (n = pg_utf8_sequence((const unsigned char *)text + i, len - i)) > 0)
        i += n;
    if (i == len)
        return true;
    pg_utf8_position(text, i, &e->at.line, &e->at.column);
    snprintf(e->reason, sizeof e->reason, text[i] ? "malformed UTF-8 (save the file as UTF-8)" : "a NUL byte");
    return false;
}

/* The cells read, as a table named `name` of file `file`, appended to
 * r->out, which takes their array over (r->cells is then empty). */
static int add_table(reader *r, const char *file, const char *name)
{
    pg_table t = { pg_arena_strdup(&r->out->arena, name), pg_arena_strdup(&r->out->arena, file), false,
                   r->ncols, r->ncols ? r->cells.len / r->ncols - 1 : 0, NULL, NULL };
    if (t.name == NULL || t.file == NULL || PG_VEC_RESERVE(r->out->items, 1) != 0 ||
        PG_VEC_RESERVE(r->out->blocks, 1) != 0)
        return -2;
    t.header = r->cells.items;
    t.cells = r->cells.items + t.ncols;
    r->out->blocks.items[r->out->blocks.len++] = r->cells.items;
    r->out->items.items[r->out->items.len++] = t;
    r->cells.items = NULL;
    r->cells.len = r->cells.cap = 0;
    return 0;
}

int pg_csv_read(const char *text, size_t len, const char *file, const char *name, char delim, pg_tables *out,
                pg_csv_error *e)
{
    reader r = { .out = out, .here = { 1, 1 }, .at_start = true, .e = e };
    struct csv_parser p;
    if (!well_formed(text, len, e))
        return -1;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return -2;
    csv_set_delim(&p, (unsigned char)(delim ? delim : pg_csv_detect(text, len)));
    csv_set_space_func(&p, no_space);
    for (size_t i = 0; i < len && r.status == 0; i++)
        feed(&r, &p, text, i);
    if (r.status == 0 && p.quoted && p.pstate == LIBCSV_FIELD_BEGUN)
        fail(&r, -1, r.start, "a quoted cell starts here and its closing quote is missing");
    if (r.status == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
        fail(&r, -2, r.here, NULL);
    csv_free(&p);
    if (r.status == 0 && r.ncols == 0)
        fail(&r, -1, r.here, "no header line: the first line names the columns");
    int status = r.status == 0 ? add_table(&r, file, name) : r.status;
    free(r.cells.items);
    return status;
}
