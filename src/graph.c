/* graph.c - the life of a pg_graph and what every stage asks of it: its
 * nodes' entities and attributes, and joined strings in its arena. */
#define _POSIX_C_SOURCE 200809L
#include "graph.h"

#include <math.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

pg_graph *pg_graph_new(const pg_dataset *ds)
{
    pg_graph *g = calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    g->ds = ds;
    g->ego = -1;
    g->nmi_mean = g->vi_mean = NAN;
    return g;
}

void pg_periods_free(pg_periods *p)
{
    if (p == NULL)
        return;
    free(p->labels);
    free(p->nodes);
    free(p->edges);
    free(p->rows.items);
    free(p->first_row);
    free(p->moves.items);
    free(p);
}

void pg_graph_clear_results(pg_graph *g)
{
    if (g->analysed)
        for (int i = 0; i < PG_METRIC_COUNT; i++)
            igraph_vector_destroy(&g->metric[i]);
    igraph_free(g->community);
    igraph_free(g->community_size);
    igraph_free(g->betweenness_sources);
    g->community = NULL;
    g->community_size = NULL;
    g->betweenness_sources = NULL;
    g->nbetweenness_sources = 0;
    for (size_t i = 0; i < g->nhomophily; i++) {
        igraph_free(g->homophily[i].values);
        igraph_free(g->homophily[i].mixing);
    }
    g->nhomophily = 0;
    pg_periods_free(g->periods);
    g->periods = NULL;
    g->analysed = false;
}

void pg_graph_free(pg_graph *g)
{
    if (g == NULL)
        return;
    pg_graph_clear_results(g);
    if (g->has_ig) {
        igraph_destroy(&g->ig);
        igraph_vector_destroy(&g->weights);
    }
    free(g->entity);
    free(g->distance);
    free(g->ego_edge);
    free(g->edges.items);
    free(g->edge_attrs.items);
    free(g->types.items);
    free(g->node_columns.items);
    free(g->edge_columns.items);
    pg_arena_free(&g->arena);
    free(g);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *pg_graph_join(pg_graph *g, const char **items, size_t n)
{
    pg_vec_sort(items, n, sizeof *items, by_text);
    size_t total = 1;
    for (size_t i = 0; i < n; i++)
        total += strlen(items[i]) + 1;
    char *s = pg_arena_alloc(&g->arena, total), *p = s;
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && strcmp(items[i], items[i - 1]) == 0)
            continue;
        if (p != s)
            *p++ = ';';
        size_t len = strlen(items[i]);
        memcpy(p, items[i], len);
        p += len;
    }
    *p = '\0';
    return s;
}

const pg_entity *pg_node_entity(const pg_graph *g, size_t v)
{
    return &g->ds->entities.items[g->entity[v]];
}

static int by_attr_key(const void *key, const void *attr)
{
    return strcmp(key, ((const pg_attr *)attr)->key);
}

/* The attribute `key` of entity `e`, or NULL. */
static const pg_attr *entity_attr(const pg_dataset *ds, const pg_entity *e, const char *key)
{
    if (e->attrs.count == 0)
        return NULL;
    return bsearch(key, ds->attrs.items + e->attrs.first, e->attrs.count, sizeof(pg_attr), by_attr_key);
}

/* The country entity of `e` (itself, or its `country` reference), or NULL. */
static const pg_entity *country_of(const pg_dataset *ds, const pg_entity *e)
{
    if (e->kind == PG_KIND_COUNTRY)
        return e;
    for (int k = 0; k < e->nrefs; k++)
        if (strcmp(e->refs[k].field, "country") == 0)
            return &ds->entities.items[e->refs[k].target];
    return NULL;
}

const char *pg_node_attr(const pg_graph *g, size_t v, const char *key, char buf[32])
{
    const pg_entity *e = pg_node_entity(g, v), *c = country_of(g->ds, e);
    if (strcmp(key, "kind") == 0)
        return pg_kind_name(e->kind);
    const pg_attr *a = entity_attr(g->ds, e, key);
    if (a == NULL && c != NULL && c != e)
        a = entity_attr(g->ds, c, key);
    if (a == NULL)
        return NULL;
    switch (a->type) {
    case PG_VALUE_STRING: return a->v.s;
    case PG_VALUE_BOOL: return a->v.b ? "true" : "false";
    case PG_VALUE_NUMBER: return pg_fmt_double(a->v.d, buf);
    }
    return NULL;
}

long pg_graph_node_index(const pg_graph *g, const char *id)
{
    long e = pg_dataset_entity_index(g->ds, id);
    size_t lo = 0, hi = g->n;
    while (e >= 0 && lo < hi) { /* g->entity is increasing */
        size_t mid = lo + (hi - lo) / 2;
        if (g->entity[mid] == e)
            return (long)mid;
        if (g->entity[mid] < e)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

double pg_clock(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void pg_graph_time(pg_graph *g, const char *name, double started)
{
    if (g->ntimings < PG_MAX_TIMINGS)
        g->timings[g->ntimings++] = (pg_timing){ name, pg_clock() - started };
}

size_t pg_graph_timings(const pg_graph *g, const char **names, double *seconds, size_t max)
{
    for (size_t i = 0; i < g->ntimings && i < max; i++) {
        names[i] = g->timings[i].name;
        seconds[i] = g->timings[i].seconds;
    }
    return g->ntimings;
}

pg_view pg_graph_view(const pg_graph *g)
{
    return g->spec.view;
}
