/* ties.c - each node's relations by type, for the ties_<type> columns
 * (docs/outputs.md, "Relations by type"): for every relation type behind
 * the view's edges, how many relations of that type the node takes part
 * in, summed from its edges' counts by type (pg_edge.type_counts).
 * Projected ties carry no counts by type, so a projected view has no such
 * column.
 *
 * A type is free text, and a column name becomes a GraphML key, a GEXF
 * attribute id and a CSV header: in the name, each character of the type
 * that is no XML NameChar (a letter or digit of any script, '_', '.', '-';
 * base/utf8.h), and ':', is written as one '_' per byte (so the name
 * follows the id rule, as attribute keys do), and types that then share a
 * name share the column. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/ptrmap.h"
#include "base/utf8.h"
#include "model/graph.h"

enum { PREFIX = 5 }; /* strlen("ties_") */

/* Writes into `out` the bytes of the character at `t` (of a type) as its
 * column name has them: a NameChar other than ':' as it is, any other
 * character (or malformed byte) as one '_' per byte. Returns how many. */
static size_t clean_char(const unsigned char *t, unsigned char out[4])
{
    size_t n = pg_utf8_name_char_at((const char *)t);
    bool keep = n > 0 && *t != ':';
    size_t len = keep ? n : pg_utf8_sequence(t, 4);
    len = len ? len : 1;
    for (size_t i = 0; i < len; i++)
        out[i] = keep ? t[i] : '_';
    return len;
}

/* bsearch: a type against a column name "ties_<cleaned type>", in the
 * order of strcmp on the cleaned type. */
static int type_vs_column(const void *type, const void *column)
{
    const unsigned char *t = type, *c = (const unsigned char *)*(const char *const *)column + PREFIX;
    unsigned char b[4];
    while (*t) {
        size_t n = clean_char(t, b);
        for (size_t i = 0; i < n; i++, c++)
            if (b[i] != *c)
                return (int)b[i] - (int)*c;
        t += n;
    }
    return -(int)*c;
}

/* The column name of `type`, in the graph's arena; NULL when out of
 * memory. */
static const char *column_name(pg_graph *g, const char *type)
{
    size_t len = strlen(type);
    unsigned char *name = pg_arena_alloc(&g->arena, len + PREFIX + 1);
    if (name == NULL)
        return NULL;
    memcpy(name, "ties_", PREFIX);
    for (size_t i = 0; i < len;)
        i += clean_char((const unsigned char *)type + i, name + PREFIX + i);
    name[PREFIX + len] = '\0';
    return (const char *)name;
}

/* Appends to names[*n] the column name of `type` the first time this
 * type (an interned string: by identity) comes; false when out of memory. */
static bool add_type(pg_graph *g, pg_ptrmap *seen, const char **names, size_t *n, const char *type)
{
    size_t at = pg_ptrmap_intern(seen, type, *n);
    if (at == SIZE_MAX)
        return false;
    if (at < *n)
        return true;
    return (names[(*n)++] = column_name(g, type)) != NULL;
}

/* The distinct column names of the types behind the edges, sorted, into
 * `names` (room for every type count); returns how many, or -1 when out
 * of memory. A name is made once per type, not once per edge. */
static long distinct_names(pg_graph *g, const char **names)
{
    pg_ptrmap seen = PG_PTRMAP_INIT;
    size_t n = 0, kept = 0;
    bool go = true;
    for (size_t e = 0; e < g->edges.len && go; e++) {
        pg_span s = g->edges.items[e].type_counts;
        for (size_t i = s.first; i < s.first + s.count && go; i++)
            go = add_type(g, &seen, names, &n, g->type_counts.items[i].type);
    }
    pg_ptrmap_free(&seen);
    if (!go)
        return -1;
    pg_vec_sort(names, n, sizeof *names, pg_str_compare);
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || strcmp(names[i], names[kept - 1]) != 0)
            names[kept++] = names[i];
    return (long)kept;
}

/* Adds the counts of edge x to both its ends' rows. */
static void add_edge(pg_graph *g, const pg_edge *x)
{
    size_t k = g->ntie_columns;
    for (size_t i = x->type_counts.first; i < x->type_counts.first + x->type_counts.count; i++) {
        const pg_type_count *t = &g->type_counts.items[i];
        const char **at = bsearch(t->type, g->tie_columns, k, sizeof *g->tie_columns, type_vs_column);
        g->ties[(size_t)x->u * k + (size_t)(at - g->tie_columns)] += t->count;
        g->ties[(size_t)x->v * k + (size_t)(at - g->tie_columns)] += t->count;
    }
}

int pg_ties_count(pg_graph *g)
{
    size_t total = 0;
    for (size_t e = 0; e < g->edges.len; e++)
        total += g->edges.items[e].type_counts.count;
    const char **names = malloc((total ? total : 1) * sizeof *names);
    long k = names ? distinct_names(g, names) : -1;
    long *ties = k >= 0 ? calloc(g->n * (size_t)k > 0 ? g->n * (size_t)k : 1, sizeof *ties) : NULL;
    if (ties == NULL) {
        free(names);
        return -1;
    }
    g->tie_columns = names;
    g->ntie_columns = (size_t)k;
    g->ties = ties;
    for (size_t e = 0; e < g->edges.len; e++)
        add_edge(g, &g->edges.items[e]);
    return 0;
}
