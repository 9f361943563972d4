/* metrics.c - node metrics of the merged graph, with igraph. Each metric
 * is one function named in the table below; definitions follow NetworkX's
 * (see the README for the mapping).
 *
 * Path metrics count hops, or with options.weighted_paths use distance =
 * 1/weight. igraph's shortest-path code stores distance + 1.0 internally,
 * which loses the relative precision of distances far below 1, so the
 * distances handed to igraph are scaled to make the shortest one exactly 1
 * (distance' = max weight / weight), and closeness and harmonic centrality
 * are scaled back; betweenness does not depend on the scale. */
#include <math.h>
#include <string.h>

#include "graph.h"

/* Edge lengths for path metrics: NULL for hops, else distance' with
 * true distance = distance' / scale. */
typedef struct paths {
    const igraph_vector_t *dist;
    double scale;
} paths;

typedef igraph_error_t metric_fn(const pg_graph *g, const paths *p, igraph_vector_t *out);

/* X(name, integer, rank order, function); NULL: filled by communities. */
#define PG_METRICS(X)                             \
    X(degree, true, PG_RANK_DESC, degree)         \
    X(strength, false, PG_RANK_DESC, strength)    \
    X(coreness, true, PG_RANK_NONE, coreness)     \
    X(betweenness, false, PG_RANK_DESC, betweenness) \
    X(closeness, false, PG_RANK_DESC, closeness)  \
    X(harmonic, false, PG_RANK_DESC, harmonic)    \
    X(eigenvector, false, PG_RANK_DESC, eigenvector) \
    X(pagerank, false, PG_RANK_DESC, pagerank)    \
    X(constraint, false, PG_RANK_ASC, constraint) \
    X(clustering, false, PG_RANK_NONE, clustering) \
    X(community, true, PG_RANK_NONE, NULL)

static metric_fn degree, strength, coreness, betweenness, closeness, harmonic, eigenvector, pagerank, constraint,
    clustering;

#define INFO(name, integer, order, fn) { #name, integer, order },
static const pg_metric_info metrics[PG_METRIC_COUNT] = { PG_METRICS(INFO) };
#undef INFO

#define FN(name, integer, order, fn) fn,
static metric_fn *const functions[PG_METRIC_COUNT] = { PG_METRICS(FN) };
#undef FN

#define NAME(name, integer, order, fn) #name,
static const char *const metric_names[PG_METRIC_COUNT + 1] = { PG_METRICS(NAME) NULL };
#undef NAME

const pg_metric_info *pg_metric_table(void)
{
    return metrics;
}

int pg_metric_index(const char *name)
{
    for (int i = 0; i < PG_METRIC_COUNT; i++)
        if (name != NULL && strcmp(metrics[i].name, name) == 0)
            return i;
    return -1;
}

const char *const *pg_metric_names(void)
{
    return metric_names;
}

/* ---- the metrics ---------------------------------------------------- */

/* Sets to `value` the entries of `out` whose vertex has no edge. */
static igraph_error_t set_isolates(const pg_graph *g, igraph_vector_t *out, double value)
{
    igraph_vector_int_t deg;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&deg, 0);
    IGRAPH_CHECK(igraph_degree(&g->ig, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS));
    for (igraph_integer_t v = 0; v < igraph_vector_int_size(&deg); v++)
        if (VECTOR(deg)[v] == 0)
            VECTOR(*out)[v] = value;
    igraph_vector_int_destroy(&deg);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

static igraph_error_t degree(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, NULL);
}

static igraph_error_t strength(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights);
}

static igraph_error_t coreness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_vector_int_t cores;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&cores, 0);
    IGRAPH_CHECK(igraph_coreness(&g->ig, &cores, IGRAPH_ALL));
    IGRAPH_CHECK(igraph_vector_resize(out, igraph_vector_int_size(&cores)));
    for (igraph_integer_t i = 0; i < igraph_vector_int_size(&cores); i++)
        VECTOR(*out)[i] = (double)VECTOR(cores)[i];
    igraph_vector_int_destroy(&cores);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* igraph counts each unordered pair once on undirected graphs, which is
 * NetworkX's betweenness_centrality(normalized=False). */
static igraph_error_t betweenness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    return igraph_betweenness(&g->ig, out, igraph_vss_all(), IGRAPH_UNDIRECTED, p->dist);
}

/* igraph gives (r-1)/sum(d) over the r-1 other reachable nodes; NetworkX
 * (Wasserman-Faust) scales that by (r-1)/(n-1). Isolates get 0. */
static igraph_error_t closeness(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    igraph_vector_int_t reached;
    igraph_integer_t n = igraph_vcount(&g->ig);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&reached, 0);
    IGRAPH_CHECK(igraph_closeness(&g->ig, out, &reached, NULL, igraph_vss_all(), IGRAPH_ALL, p->dist, true));
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t r = VECTOR(reached)[i];
        VECTOR(*out)[i] = r > 0 && n > 1 ? VECTOR(*out)[i] * p->scale * (double)r / (double)(n - 1) : 0.0;
    }
    igraph_vector_int_destroy(&reached);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Sum of 1/d over the other nodes, not divided by n-1 (as NetworkX). */
static igraph_error_t harmonic(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    IGRAPH_CHECK(igraph_harmonic_centrality(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, p->dist, false));
    igraph_vector_scale(out, p->scale);
    return IGRAPH_SUCCESS;
}

/* Weighted, whole graph, largest value 1; isolates 0. The centrality does
 * not depend on the scale of the weights, so ARPACK gets them divided by
 * the largest (it fails on weights near 1e300). */
static igraph_error_t eigenvector(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_real_t value;
    if (igraph_ecount(&g->ig) == 0) {
        IGRAPH_CHECK(igraph_vector_resize(out, igraph_vcount(&g->ig)));
        igraph_vector_null(out);
        return IGRAPH_SUCCESS;
    }
    igraph_vector_t unit;
    IGRAPH_CHECK(igraph_vector_init_copy(&unit, &g->weights));
    IGRAPH_FINALLY(igraph_vector_destroy, &unit);
    igraph_vector_scale(&unit, 1.0 / igraph_vector_max(&g->weights));
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    IGRAPH_CHECK(igraph_eigenvector_centrality(&g->ig, out, &value, IGRAPH_UNDIRECTED, true, &unit, &arpack));
    for (igraph_integer_t i = 0; i < igraph_vector_size(out); i++)
        if (VECTOR(*out)[i] < 0)
            VECTOR(*out)[i] = 0.0; /* round-off below zero */
    IGRAPH_CHECK(set_isolates(g, out, 0.0));
    igraph_vector_destroy(&unit);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* PRPACK solves the PageRank system directly: it agrees with NetworkX
 * run to tol=1e-15 within ~1e-14 (tests/oracle). */
static igraph_error_t pagerank(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    igraph_real_t value;
    return igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, out, &value, igraph_vss_all(), IGRAPH_UNDIRECTED,
                           0.85, &g->weights, NULL);
}

/* Burt's constraint on the merged weighted graph; NaN for isolates. */
static igraph_error_t constraint(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    IGRAPH_CHECK(igraph_constraint(&g->ig, out, igraph_vss_all(), &g->weights));
    return set_isolates(g, out, NAN);
}

/* Unweighted local clustering; 0 when degree < 2. */
static igraph_error_t clustering(const pg_graph *g, const paths *p, igraph_vector_t *out)
{
    (void)p;
    return igraph_transitivity_local_undirected(&g->ig, out, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO);
}

/* ---- driver --------------------------------------------------------- */

/* Distances max(w)/w into `dist`; returns the scale max(w). */
static igraph_error_t scaled_distances(const pg_graph *g, igraph_vector_t *dist, double *scale)
{
    igraph_integer_t m = igraph_vector_size(&g->weights);
    *scale = m > 0 ? igraph_vector_max(&g->weights) : 1.0;
    IGRAPH_CHECK(igraph_vector_resize(dist, m));
    for (igraph_integer_t e = 0; e < m; e++)
        VECTOR(*dist)[e] = *scale / VECTOR(g->weights)[e];
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_metric_compute(pg_graph *g, igraph_vector_t *results)
{
    igraph_vector_t dist;
    paths p = { NULL, 1.0 };
    IGRAPH_VECTOR_INIT_FINALLY(&dist, 0);
    if (g->options.weighted_paths) {
        IGRAPH_CHECK(scaled_distances(g, &dist, &p.scale));
        p.dist = &dist;
    }
    for (int i = 0; i < PG_METRIC_COUNT; i++)
        if (functions[i] != NULL)
            IGRAPH_CHECK(functions[i](g, &p, &results[i]));
    igraph_vector_destroy(&dist);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}
