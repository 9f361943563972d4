/* ties.c - each node's relations by type, for the ties_<type> columns
 * (docs/outputs.md): for every relation type behind the view's edges, how
 * many relations of that type the node takes part in, summed from its
 * edges' counts by type (pg_edge.type_counts). Projected ties carry no
 * counts by type, so a projected view has no such column. */
#include <stdlib.h>
#include <string.h>

#include "model/graph.h"

/* bsearch: a type against a column name "ties_<type>". */
static int type_vs_column(const void *type, const void *column)
{
    return strcmp(type, *(const char *const *)column + 5);
}

/* The distinct types behind the edges, sorted, into `types` (room for
 * every type count); returns how many. */
static size_t distinct_types(const pg_graph *g, const char **types)
{
    size_t n = 0, kept = 0;
    for (size_t e = 0; e < g->edges.len; e++) {
        pg_span s = g->edges.items[e].type_counts;
        for (size_t i = s.first; i < s.first + s.count; i++)
            types[n++] = g->type_counts.items[i].type;
    }
    pg_vec_sort(types, n, sizeof *types, pg_str_compare);
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || strcmp(types[i], types[kept - 1]) != 0)
            types[kept++] = types[i];
    return kept;
}

/* The column names "ties_<type>" of the `n` types, in place, in the
 * graph's arena. 0, or -1 when out of memory. */
static int name_columns(pg_graph *g, const char **types, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(types[i]);
        char *name = pg_arena_alloc(&g->arena, len + 6);
        if (name == NULL)
            return -1;
        memcpy(name, "ties_", 5);
        memcpy(name + 5, types[i], len + 1);
        types[i] = name;
    }
    return 0;
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
    const char **columns = malloc((total ? total : 1) * sizeof *columns);
    if (columns == NULL)
        return -1;
    size_t k = distinct_types(g, columns);
    long *ties = calloc(g->n * k > 0 ? g->n * k : 1, sizeof *ties);
    if (ties == NULL || name_columns(g, columns, k) != 0) {
        free(columns);
        free(ties);
        return -1;
    }
    g->tie_columns = columns;
    g->ntie_columns = k;
    g->ties = ties;
    for (size_t e = 0; e < g->edges.len; e++)
        add_edge(g, &g->edges.items[e]);
    return 0;
}
