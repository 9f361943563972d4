/* metrics.c - node metrics of the merged graph, with igraph. Each metric
 * is one function named in the table below; definitions follow NetworkX's
 * (see the README for the mapping). Path-based metrics use distance =
 * 1/weight when options.weighted_paths is set, hop counts otherwise. */
#include <math.h>
#include <string.h>

#include "graph.h"

static pg_metric_fn degree, strength, coreness, betweenness, closeness, harmonic, eigenvector, pagerank,
    constraint, clustering;

static const pg_metric_info metrics[PG_METRIC_COUNT] = {
    { "degree", true, PG_RANK_DESC, degree },
    { "strength", false, PG_RANK_DESC, strength },
    { "coreness", true, PG_RANK_NONE, coreness },
    { "betweenness", false, PG_RANK_DESC, betweenness },
    { "closeness", false, PG_RANK_DESC, closeness },
    { "harmonic", false, PG_RANK_DESC, harmonic },
    { "eigenvector", false, PG_RANK_DESC, eigenvector },
    { "pagerank", false, PG_RANK_DESC, pagerank },
    { "constraint", false, PG_RANK_ASC, constraint },
    { "clustering", false, PG_RANK_NONE, clustering },
    { "community", true, PG_RANK_NONE, NULL },
};

/* The same names, for the public API; tests/unit checks they agree. */
static const char *const metric_names[PG_METRIC_COUNT + 1] = {
    "degree", "strength", "coreness", "betweenness", "closeness", "harmonic",
    "eigenvector", "pagerank", "constraint", "clustering", "community", NULL,
};

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

/* Sets *isolated when vertex v has no edge. */
static igraph_error_t is_isolated(const pg_graph *g, igraph_integer_t v, bool *isolated)
{
    igraph_integer_t d = 0;
    IGRAPH_CHECK(igraph_degree_1(&g->ig, &d, v, IGRAPH_ALL, IGRAPH_LOOPS));
    *isolated = d == 0;
    return IGRAPH_SUCCESS;
}

static igraph_error_t degree(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, NULL);
}

static igraph_error_t strength(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    return igraph_strength(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights);
}

static igraph_error_t coreness(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
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
static igraph_error_t betweenness(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    return igraph_betweenness(&g->ig, out, igraph_vss_all(), IGRAPH_UNDIRECTED, dist);
}

/* igraph gives (r-1)/sum(d) over the r-1 other reachable nodes; NetworkX
 * (Wasserman-Faust) scales that by (r-1)/(n-1). Isolates get 0. */
static igraph_error_t closeness(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    igraph_vector_int_t reached;
    igraph_integer_t n = igraph_vcount(&g->ig);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&reached, 0);
    IGRAPH_CHECK(igraph_closeness(&g->ig, out, &reached, NULL, igraph_vss_all(), IGRAPH_ALL, dist, true));
    for (igraph_integer_t i = 0; i < n; i++) {
        igraph_integer_t r = VECTOR(reached)[i];
        VECTOR(*out)[i] = r > 0 && n > 1 ? VECTOR(*out)[i] * (double)r / (double)(n - 1) : 0.0;
    }
    igraph_vector_int_destroy(&reached);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* Sum of 1/d over the other nodes, not divided by n-1 (as NetworkX). */
static igraph_error_t harmonic(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    return igraph_harmonic_centrality(&g->ig, out, igraph_vss_all(), IGRAPH_ALL, dist, false);
}

/* Weighted, whole graph, largest value 1; isolates 0. */
static igraph_error_t eigenvector(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    igraph_real_t value;
    igraph_integer_t n = igraph_vcount(&g->ig);
    if (igraph_ecount(&g->ig) == 0) {
        IGRAPH_CHECK(igraph_vector_resize(out, n));
        igraph_vector_null(out);
        return IGRAPH_SUCCESS;
    }
    igraph_arpack_options_t arpack;
    igraph_arpack_options_init(&arpack);
    IGRAPH_CHECK(igraph_eigenvector_centrality(&g->ig, out, &value, IGRAPH_UNDIRECTED, true, &g->weights, &arpack));
    for (igraph_integer_t i = 0; i < n; i++) {
        bool isolated;
        IGRAPH_CHECK(is_isolated(g, i, &isolated));
        if (isolated || VECTOR(*out)[i] < 0)
            VECTOR(*out)[i] = 0.0; /* isolates, and round-off below zero */
    }
    return IGRAPH_SUCCESS;
}

/* PRPACK solves the PageRank system directly: it agrees with NetworkX
 * run to tol=1e-15 within ~1e-14 (tests/oracle). */
static igraph_error_t pagerank(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    igraph_real_t value;
    return igraph_pagerank(&g->ig, IGRAPH_PAGERANK_ALGO_PRPACK, out, &value, igraph_vss_all(), IGRAPH_UNDIRECTED,
                           0.85, &g->weights, NULL);
}

/* Burt's constraint on the merged weighted graph; NaN for isolates. */
static igraph_error_t constraint(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    IGRAPH_CHECK(igraph_constraint(&g->ig, out, igraph_vss_all(), &g->weights));
    for (igraph_integer_t i = 0; i < igraph_vcount(&g->ig); i++) {
        bool isolated;
        IGRAPH_CHECK(is_isolated(g, i, &isolated));
        if (isolated)
            VECTOR(*out)[i] = NAN;
    }
    return IGRAPH_SUCCESS;
}

/* Unweighted local clustering; 0 when degree < 2. */
static igraph_error_t clustering(const pg_graph *g, const igraph_vector_t *dist, igraph_vector_t *out)
{
    (void)dist;
    return igraph_transitivity_local_undirected(&g->ig, out, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO);
}

/* ---- driver --------------------------------------------------------- */

/* Distances 1/weight for weighted path metrics, into `dist`. */
static igraph_error_t distances(const pg_graph *g, igraph_vector_t *dist)
{
    igraph_integer_t m = igraph_vector_size(&g->weights);
    IGRAPH_CHECK(igraph_vector_resize(dist, m));
    for (igraph_integer_t e = 0; e < m; e++)
        VECTOR(*dist)[e] = 1.0 / VECTOR(g->weights)[e];
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_metrics_compute(pg_graph *g)
{
    igraph_vector_t dist;
    IGRAPH_VECTOR_INIT_FINALLY(&dist, 0);
    if (g->options.weighted_paths)
        IGRAPH_CHECK(distances(g, &dist));
    for (int i = 0; i < PG_METRIC_COUNT; i++) {
        IGRAPH_VECTOR_INIT_FINALLY(&g->metric[i], (igraph_integer_t)g->n);
        if (metrics[i].fn != NULL)
            IGRAPH_CHECK(metrics[i].fn(g, g->options.weighted_paths ? &dist : NULL, &g->metric[i]));
    }
    IGRAPH_FINALLY_CLEAN(PG_METRIC_COUNT); /* the graph owns the results now */
    igraph_vector_destroy(&dist);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}
