/* table_place.c - see table_place.h: a JSON path such as
 * $.parties[3].founded or $.parties[3]["seats won"] read back into an
 * array, an index and a key, and those into a table's cell. */
#include "input/table_place.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/jpath.h"

bool pg_table_places_add(pg_table_places *p, pg_table_span span)
{
    if (PG_VEC_RESERVE(p->spans, 1) != 0)
        return false;
    p->spans.items[p->spans.len++] = span;
    return true;
}

void pg_table_places_free(pg_table_places *p)
{
    free(p->spans.items);
    p->spans.items = NULL;
    p->spans.len = p->spans.cap = 0;
}

/* A path cut into its array, its index (-1: none) and the rest. */
typedef struct cut {
    char array[64];
    long index;
    const char *rest;
} cut;

/* Cuts `path` ("$.parties[3]..."); false when it names no array. */
static bool cut_path(const char *path, cut *c)
{
    if (strncmp(path, "$.", 2) != 0)
        return false;
    const char *s = path + 2;
    size_t n = strcspn(s, ".[");
    if (n == 0 || n >= sizeof c->array)
        return false;
    memcpy(c->array, s, n);
    c->array[n] = '\0';
    s += n;
    c->index = -1;
    if (s[0] == '[' && s[1] >= '0' && s[1] <= '9') {
        char *end;
        c->index = strtol(s + 1, &end, 10);
        s = *end == ']' ? end + 1 : s;
    }
    c->rest = s;
    return true;
}

/* The span holding element `c` of its array, or NULL. */
static const pg_table_span *find_span(const pg_table_places *p, const cut *c)
{
    for (size_t i = p->spans.len; i-- > 0;) { /* the last: a repeated about key's */
        const pg_table_span *sp = &p->spans.items[i];
        size_t index = c->index < 0 ? 0 : (size_t)c->index;
        bool indexed_ok = c->index >= 0 || sp->col >= 0; /* a table's rows are always indexed */
        if (indexed_ok && strcmp(sp->array, c->array) == 0 && index >= sp->first && index - sp->first < sp->count)
            return sp;
    }
    return NULL;
}

/* Does `rest` start with the path segment of column key `key` (as
 * jpath.c writes it), ending there? */
static bool names_column(const char *rest, const char *key)
{
    char seg[300];
    pg_jpath p = pg_jpath_key(&PG_JPATH_ROOT, key);
    pg_jpath_format(&p, seg, sizeof seg);
    size_t n = strlen(seg + 1);
    return n > 0 && strncmp(rest, seg + 1, n) == 0 && (rest[n] == '\0' || rest[n] == '.' || rest[n] == '[');
}

/* The column of `t` the rest of a path names, or -1. */
static long column_of(const pg_table *t, const char *rest)
{
    for (size_t c = 0; rest[0] != '\0' && c < t->ncols; c++)
        if (t->header[c].text[0] != '\0' && names_column(rest, t->header[c].text))
            return (long)c;
    return -1;
}

/* Writes the cell's place into `e`. */
static void place_at(pg_error *e, const pg_table *t, const pg_cell *cell)
{
    char where[64];
    if (t->in_sheet) {
        snprintf(e->file, sizeof e->file, "%s:%s", t->file, pg_table_where(t, cell, where, sizeof where));
        e->line = e->column = 0;
        return;
    }
    snprintf(e->file, sizeof e->file, "%s", t->file);
    e->line = cell->at.line;
    e->column = cell->at.column;
}

/* Writes where row `row` of `t` starts ("t/parties.csv:4:1", a sheet's
 * "book.xlsx:parties!A4") into `buf`. */
static void row_where(const pg_table *t, size_t row, char *buf, size_t size)
{
    char where[64];
    const pg_cell *c = pg_table_cell(t, row, 0);
    snprintf(buf, size, "%s:%s", t->file, pg_table_where(t, c, where, sizeof where));
}

/* A path named in the message of `e` ("already used by the party at
 * $.parties[0]") becomes the place of its row, when a table gave it. */
static void place_mention(const pg_table_places *p, pg_error *e)
{
    char *at = strstr(e->message, "$."), path[128], where[400], rest[sizeof e->message];
    size_t n = at ? strspn(at, "$._[]0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") : 0;
    cut c;
    while (n > 0 && at[n - 1] == '.') /* the end of the sentence */
        n--;
    if (n == 0 || n >= sizeof path)
        return;
    memcpy(path, at, n);
    path[n] = '\0';
    const pg_table_span *sp = cut_path(path, &c) && c.index >= 0 ? find_span(p, &c) : NULL;
    if (sp == NULL || sp->col >= 0)
        return;
    row_where(sp->table, sp->row + ((size_t)c.index - sp->first), where, sizeof where);
    snprintf(rest, sizeof rest, "%s", at + n);
    snprintf(at, sizeof e->message - (size_t)(at - e->message), "%s%s", where, rest);
}

/* Names the column `col` of `t` (-1: none) as the problem's path. */
static void name_column(pg_error *e, const pg_table *t, long col)
{
    if (col < 0)
        e->path[0] = '\0';
    else
        snprintf(e->path, sizeof e->path, "column \"%.200s\"", t->header[col].text);
}

/* A problem of a whole table read row for row ($.edges.Weight: of a
 * column; $.edges: of the table), at its header's cell. False when no
 * such table gave rows. */
static bool place_table(const pg_table_places *p, const cut *c, pg_error *e)
{
    for (size_t i = 0; i < p->spans.len; i++) {
        const pg_table_span *sp = &p->spans.items[i];
        if (sp->col >= 0 || sp->first != 0 || strcmp(sp->array, c->array) != 0)
            continue;
        long col = column_of(sp->table, c->rest);
        place_at(e, sp->table, &sp->table->header[col < 0 ? 0 : col]);
        name_column(e, sp->table, col);
        return true;
    }
    return false;
}

/* The problem `e` itself, at the cell its path names. */
static void place_problem(const pg_table_places *p, pg_error *e)
{
    cut c;
    if (!cut_path(e->path, &c) || (c.index < 0 && place_table(p, &c, e)))
        return;
    const pg_table_span *sp = find_span(p, &c);
    if (sp == NULL)
        return;
    const pg_table *t = sp->table;
    size_t row = sp->row + ((c.index < 0 ? 0 : (size_t)c.index) - sp->first);
    long col = sp->col >= 0 ? sp->col : column_of(t, c.rest);
    place_at(e, t, pg_table_cell(t, row, col < 0 ? 0 : (size_t)col));
    name_column(e, t, col);
}

void pg_table_places_apply(const pg_table_places *p, pg_error *e)
{
    place_mention(p, e);
    place_problem(p, e);
}
