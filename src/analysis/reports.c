/* reports.c - whole-graph reports: structure (centralization, diameter,
 * average path length, transitivity, brokerage totals, whether the view
 * is a star) and homophily of categorical attributes.
 *
 * (The diameter and average path length come from the distance pass in
 * metrics.c.)
 *
 * Homophily of attribute A, on the nodes that have it (their own value,
 * or else their country's): the mixing matrix counts each edge once, in
 * the cell of its two values (within-group edges on the diagonal); the
 * E-I index is (external - internal) / (external + internal); the nominal
 * assortativity is NetworkX's attribute_assortativity_coefficient, from
 * the same edges counted in both directions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/graph.h"

static const char *const default_attrs[] = { "family", "region", "ruling" };

/* ---- homophily ------------------------------------------------------- */

/* Each node's value of `attr` copied into the arena (NULL: none), into
 * `value`; the distinct values, sorted, into `h`. */
static igraph_error_t collect_values(pg_graph *g, const char *attr, const char **value, pg_homophily *h)
{
    char buf[32];
    size_t distinct = 0;
    const char **sorted = IGRAPH_CALLOC(g->n > 0 ? g->n : 1, const char *);
    IGRAPH_CHECK_OOM(sorted, "attribute values");
    for (size_t v = 0; v < g->n; v++) {
        const char *text = pg_node_attr(g, v, attr, buf);
        value[v] = text ? pg_arena_strdup(&g->arena, text) : NULL;
        if (text && value[v] == NULL) {
            IGRAPH_FREE(sorted);
            IGRAPH_ERROR("Not enough memory for attribute values.", IGRAPH_ENOMEM);
        }
        if (value[v])
            sorted[distinct++] = value[v];
    }
    pg_vec_sort(sorted, distinct, sizeof *sorted, pg_str_compare);
    h->nvalues = 0;
    for (size_t i = 0; i < distinct; i++)
        if (h->nvalues == 0 || strcmp(sorted[i], sorted[h->nvalues - 1]) != 0)
            sorted[h->nvalues++] = sorted[i];
    h->values = sorted;
    return IGRAPH_SUCCESS;
}

static long value_index(const pg_homophily *h, const char *text)
{
    const char **at = bsearch(&text, h->values, h->nvalues, sizeof *h->values, pg_str_compare);
    return at ? (long)(at - h->values) : -1;
}

/* NetworkX's r from the mixing matrix counted in both directions. */
static double assortativity(const pg_homophily *h)
{
    size_t k = h->nvalues;
    double total = 0, trace = 0, ab = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            total += (double)h->mixing[i * k + j] * (i == j ? 2 : 1);
    if (total == 0)
        return NAN;
    for (size_t i = 0; i < k; i++) {
        double row = 0;
        for (size_t j = 0; j < k; j++)
            row += (double)h->mixing[i * k + j] * (i == j ? 2 : 1);
        trace += 2.0 * (double)h->mixing[i * k + i] / total;
        ab += (row / total) * (row / total);
    }
    return ab < 1 ? (trace - ab) / (1 - ab) : NAN;
}

static igraph_error_t homophily(pg_graph *g, const char *attr, pg_homophily *h)
{
    const char **value = IGRAPH_CALLOC(g->n > 0 ? g->n : 1, const char *);
    IGRAPH_CHECK_OOM(value, "attribute values");
    IGRAPH_FINALLY(igraph_free, value);
    *h = (pg_homophily){ .attr = attr };
    IGRAPH_CHECK(collect_values(g, attr, value, h));
    IGRAPH_FINALLY(igraph_free, h->values);
    h->mixing = IGRAPH_CALLOC(h->nvalues * h->nvalues > 0 ? h->nvalues * h->nvalues : 1, long);
    IGRAPH_CHECK_OOM(h->mixing, "mixing matrix");
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        if (!value[x->u] || !value[x->v])
            continue;
        long a = value_index(h, value[x->u]), b = value_index(h, value[x->v]);
        h->mixing[a * (long)h->nvalues + b]++;
        if (a != b)
            h->mixing[b * (long)h->nvalues + a]++;
        *(a == b ? &h->internal : &h->external) += 1;
    }
    h->assortativity = assortativity(h);
    IGRAPH_FINALLY_CLEAN(1); /* values: the caller's now */
    IGRAPH_FREE(value);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* The attributes to report: family, region, ruling, then options.by. */
static size_t homophily_attrs(const pg_graph *g, const char **attrs)
{
    size_t n = 0;
    for (size_t i = 0; i < 3; i++)
        attrs[n++] = default_attrs[i];
    for (size_t i = 0; i < g->options.nby; i++) { /* nby <= PG_MAX_BY */
        bool seen = false;
        for (size_t j = 0; j < n; j++)
            seen |= strcmp(attrs[j], g->options.by[i]) == 0;
        if (!seen)
            attrs[n++] = g->options.by[i];
    }
    return n;
}

static igraph_error_t all_homophily(pg_graph *g)
{
    const char *attrs[PG_MAX_HOMOPHILY];
    size_t n = homophily_attrs(g, attrs);
    for (g->nhomophily = 0; g->nhomophily < n; g->nhomophily++)
        IGRAPH_CHECK(homophily(g, attrs[g->nhomophily], &g->homophily[g->nhomophily]));
    return IGRAPH_SUCCESS;
}

/* ---- structure ------------------------------------------------------- */

/* Freeman centralization of the reported degree, betweenness, closeness
 * and eigenvector values: the sum of (max - value), over its value on a
 * star of the same size (igraph's theoretical maximum). The measures are
 * not computed again: that would be three more all-pairs passes. */
static igraph_error_t centralization(pg_graph *g)
{
    static const char *const names[4] = { "degree", "betweenness", "closeness", "eigenvector" };
    double *c = g->structure.centralization, tmax[4];
    igraph_integer_t n = igraph_vcount(&g->ig);
    for (int i = 0; i < 4; i++)
        c[i] = NAN;
    if (n < 3 || igraph_ecount(&g->ig) == 0)
        return IGRAPH_SUCCESS; /* no star to compare with */
    IGRAPH_CHECK(igraph_centralization_degree_tmax(&g->ig, 0, IGRAPH_ALL, IGRAPH_NO_LOOPS, &tmax[0]));
    IGRAPH_CHECK(igraph_centralization_betweenness_tmax(&g->ig, 0, IGRAPH_UNDIRECTED, &tmax[1]));
    IGRAPH_CHECK(igraph_centralization_closeness_tmax(&g->ig, 0, IGRAPH_ALL, &tmax[2]));
    IGRAPH_CHECK(igraph_centralization_eigenvector_centrality_tmax(&g->ig, 0, IGRAPH_UNDIRECTED, true, &tmax[3]));
    for (int i = 0; i < 4; i++)
        c[i] = igraph_centralization(&g->metric[pg_metric_index(names[i])], tmax[i], true);
    return IGRAPH_SUCCESS;
}

/* A view is a star around the node on the most edges (ties: the first
 * by id) when that node is on at least STAR_SHARE of them, and there are
 * at least STAR_MIN_EDGES (a smaller view is read at a glance). */
#define STAR_SHARE 0.75
enum { STAR_MIN_EDGES = 10 };

static void star(pg_graph *g)
{
    const igraph_vector_t *degree = &g->metric[pg_metric_index("degree")];
    long top = -1;
    for (size_t v = 0; v < g->n; v++)
        if (top < 0 || VECTOR(*degree)[v] > VECTOR(*degree)[top])
            top = (long)v;
    double ties = top >= 0 ? VECTOR(*degree)[top] : 0, m = (double)g->edges.len;
    bool is_star = m >= STAR_MIN_EDGES && ties >= STAR_SHARE * m;
    g->structure.star = is_star ? top : -1;
    g->structure.star_ties = is_star ? (long)ties : 0;
}

void pg_star_text(const pg_graph *g, char *out, size_t size)
{
    const char *id = pg_node_entity(g, (size_t)g->structure.star)->id;
    if (g->structure.star == g->ego)
        snprintf(out, size, "the network is a star around the ego %s (%ld of %zu ties): try --no-ego", id,
                 g->structure.star_ties, g->edges.len);
    else
        snprintf(out, size, "the network is a star around %s (%ld of %zu ties): try --exclude %s, or choose the "
                 "relation types with --types or --exclude-types", id, g->structure.star_ties, g->edges.len, id);
}

static void brokerage_totals(pg_graph *g)
{
    int first = pg_metric_index("coordinator");
    for (int r = 0; r < 5; r++)
        g->structure.brokerage_total[r] = (long)igraph_vector_sum(&g->metric[first + r]);
}

igraph_error_t pg_reports_compute(pg_graph *g)
{
    IGRAPH_CHECK(centralization(g));
    star(g);
    g->structure.transitivity = NAN;
    if (igraph_vcount(&g->ig) > 0)
        IGRAPH_CHECK(igraph_transitivity_undirected(&g->ig, &g->structure.transitivity, IGRAPH_TRANSITIVITY_NAN));
    brokerage_totals(g);
    return all_homophily(g);
}
