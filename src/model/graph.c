/* graph.c - the life of a pg_graph and what every stage asks of it: its
 * nodes' entities and attributes, joined strings in its arena, and
 * records put in node-pair order without comparing them. */
#define _POSIX_C_SOURCE 200809L
#include "model/graph.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fmt.h"

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
    free(p->undated);
    free(p->timeless);
    free(p->types.items);
    free(p->first_type);
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
    igraph_free(g->closeness_sources);
    igraph_free(g->x);
    igraph_free(g->y);
    g->x = g->y = NULL;
    free(g->tie_columns);
    free(g->ties);
    g->tie_columns = NULL;
    g->ties = NULL;
    g->ntie_columns = 0;
    g->has_layout = false;
    g->community = NULL;
    g->community_size = NULL;
    g->betweenness_sources = NULL;
    g->nbetweenness_sources = 0;
    g->closeness_sources = NULL;
    g->ncloseness_sources = 0;
    g->betweenness_auto = g->closeness_auto = false;
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
    free(g->spells.items);
    free(g->types.items);
    free(g->type_counts.items);
    free(g->node_columns.items);
    free(g->edge_columns.items);
    pg_arena_free(&g->arena);
    free(g);
}

igraph_error_t pg_graph_lengths(const pg_graph *g, igraph_vector_t *lengths)
{
    IGRAPH_CHECK(igraph_vector_update(lengths, &g->weights));
    for (igraph_integer_t e = 0; e < igraph_vector_size(lengths); e++)
        VECTOR(*lengths)[e] = 1.0 / VECTOR(*lengths)[e];
    return IGRAPH_SUCCESS;
}

int pg_graph_incidence(const pg_graph *g, size_t **first_out, size_t **edge_out)
{
    size_t *first = calloc(g->n + 2, sizeof *first);
    size_t *edge = malloc((2 * g->edges.len + 1) * sizeof *edge);
    if (first == NULL || edge == NULL) {
        free(first);
        free(edge);
        return -1;
    }
    for (size_t e = 0; e < g->edges.len; e++) { /* degrees, two places on */
        first[g->edges.items[e].u + 2]++;
        first[g->edges.items[e].v + 2]++;
    }
    for (size_t v = 2; v < g->n + 2; v++)
        first[v] += first[v - 1];
    for (size_t e = 0; e < g->edges.len; e++) { /* first[v + 1]: v's next slot */
        edge[first[g->edges.items[e].u + 1]++] = e;
        edge[first[g->edges.items[e].v + 1]++] = e;
    }
    *first_out = first; /* now first[v] is where v's edges begin */
    *edge_out = edge;
    return 0;
}

/* A record's index with the key of the second counting pass, so that the
 * pass reads its keys in order rather than from the records. */
typedef struct keyed {
    long a;
    size_t item;
} keyed;

/* The long at byte `offset` of record i. */
static long key_at(const void *items, size_t size, size_t i, size_t offset)
{
    long key;
    memcpy(&key, (const char *)items + i * size + offset, sizeof key);
    return key;
}

/* Turns count[k + 1] = how many keys are k (0 <= k < nodes) into
 * count[k] = where the first entry of key k goes. */
static void key_starts(size_t *count, size_t nodes)
{
    for (size_t k = 1; k <= nodes; k++)
        count[k] += count[k - 1];
}

int pg_pair_order(const void *items, size_t n, size_t size, size_t off_a, size_t off_b, size_t nodes, size_t **order)
{
    size_t *count = calloc(nodes + 1, sizeof *count);
    keyed *by_b = malloc((n ? n : 1) * sizeof *by_b);
    *order = malloc((n ? n : 1) * sizeof **order);
    int rc = count && by_b && *order ? 0 : -1;
    if (rc == 0) {
        for (size_t i = 0; i < n; i++)
            count[key_at(items, size, i, off_b) + 1]++;
        key_starts(count, nodes);
        for (size_t i = 0; i < n; i++)
            by_b[count[key_at(items, size, i, off_b)]++] = (keyed){ key_at(items, size, i, off_a), i };
        memset(count, 0, (nodes + 1) * sizeof *count);
        for (size_t i = 0; i < n; i++)
            count[by_b[i].a + 1]++;
        key_starts(count, nodes);
        for (size_t i = 0; i < n; i++)
            (*order)[count[by_b[i].a]++] = by_b[i].item;
    }
    if (rc != 0) {
        free(*order);
        *order = NULL;
    }
    free(count);
    free(by_b);
    return rc;
}

const char *pg_graph_join(pg_graph *g, const char **items, size_t n)
{
    pg_vec_sort(items, n, sizeof *items, pg_str_compare);
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

const char *pg_node_attr(const pg_graph *g, size_t v, const char *key, char buf[32])
{
    return pg_entity_attr_text(g->ds, g->entity[v], key, buf);
}

const char *pg_entity_attr_text(const pg_dataset *ds, long entity, const char *key, char buf[32])
{
    long country = pg_dataset_country_of(ds, entity);
    const pg_entity *e = &ds->entities.items[entity], *c = country >= 0 ? &ds->entities.items[country] : NULL;
    if (strcmp(key, "kind") == 0)
        return pg_kind_name(e->kind);
    const pg_attr *a = entity_attr(ds, e, key);
    if (a == NULL && c != NULL && c != e)
        a = entity_attr(ds, c, key);
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

void pg_graph_time(pg_graph *g, const char *name, double started)
{
    pg_timings_stage(&g->timings, name, started);
    if (g->progress != NULL)
        pg_progress_end(g->progress);
}

void pg_graph_time_built(pg_graph *g, double started)
{
    g->timings.count = 0;
    g->timings.origin = g->ds->load_started;
    if (g->ds->load_started > 0)
        pg_timings_add(&g->timings, "load", g->ds->load_seconds, 0.0, 0.0);
    pg_timings_stage(&g->timings, "build", started);
    g->built_timings = g->timings.count;
}

void pg_graph_time_cut(pg_graph *h, const pg_graph *from, double started)
{
    h->timings = from->timings;
    h->timings.count = from->built_timings;
    pg_timings_stage(&h->timings, "ego", started);
    h->built_timings = h->timings.count;
}

size_t pg_graph_timings(const pg_graph *g, const char **names, double *seconds, size_t max)
{
    for (size_t i = 0; i < g->timings.count && i < max; i++) {
        names[i] = g->timings.stage[i].name;
        seconds[i] = g->timings.stage[i].seconds;
    }
    return g->timings.count;
}

pg_status pg_graph_add_timing(pg_graph *g, const char *name, double seconds, pg_error *err)
{
    if (!(seconds >= 0))
        return pg_error_set(err, PG_EARG, "a stage cannot take %g seconds", seconds);
    const char *copy = pg_arena_strdup(&g->arena, name);
    if (copy == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory");
    pg_timings_add(&g->timings, copy, seconds, 0.0, 0.0);
    pg_error_clear(err);
    return PG_OK;
}

void pg_graph_timing_totals(const pg_graph *g, double *total, double *igraph, double *algorithms)
{
    double sum = 0;
    for (size_t i = 0; i < g->timings.count; i++)
        sum += g->timings.stage[i].seconds;
    *total = g->timings.origin > 0 ? pg_clock() - g->timings.origin : sum;
    *igraph = pg_timings_igraph(&g->timings);
    *algorithms = pg_timings_algorithms(&g->timings);
}

pg_view pg_graph_view(const pg_graph *g)
{
    return g->spec.view;
}

pg_edge_ends pg_edge_orient(const pg_edge *e)
{
    if (e->forward == 0 && e->backward > 0)
        return (pg_edge_ends){ e->v, e->u, e->backward, 0, "directed" };
    const char *direction = e->forward == 0 ? "undirected" : e->backward == 0 ? "directed" : "mutual";
    return (pg_edge_ends){ e->u, e->v, e->forward, e->backward, direction };
}

bool pg_graph_is_cut(const pg_graph *g)
{
    return g->distance != NULL;
}
