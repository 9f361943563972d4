/* community.c - communities by Louvain (igraph multilevel) or Leiden
 * (modularity objective), best of several seeded restarts, labelled 0, 1,
 * ... by decreasing size (ties: the community holding the smaller id). */
#include <math.h>
#include <stdlib.h>

#include "graph.h"

/* One seeded run of the chosen algorithm into `membership`. */
static igraph_error_t run_once(const pg_graph *g, const igraph_vector_t *strength, double total,
                               igraph_vector_int_t *membership)
{
    const pg_analysis_options *o = &g->options;
    if (o->cluster == PG_CLUSTER_LEIDEN) {
        /* Leiden's CPM with node weights = strength and resolution
         * gamma / 2m optimises modularity at resolution gamma. */
        igraph_integer_t clusters;
        igraph_real_t quality;
        return igraph_community_leiden(&g->ig, &g->weights, strength, o->resolution / (2 * total), 0.01, false,
                                       -1, membership, &clusters, &quality);
    }
    return igraph_community_multilevel(&g->ig, &g->weights, o->resolution, membership, NULL, NULL);
}

typedef struct label_order {
    igraph_integer_t label;
    igraph_integer_t size;
    igraph_integer_t first; /* smallest vertex in the community */
} label_order;

static int by_size(const void *a, const void *b)
{
    const label_order *x = a, *y = b;
    if (x->size != y->size)
        return x->size > y->size ? -1 : 1;
    return (x->first > y->first) - (x->first < y->first);
}

/* Relabels `membership` 0.. by decreasing community size; sets *count. */
static igraph_error_t relabel(igraph_vector_int_t *membership, size_t *count)
{
    igraph_integer_t n = igraph_vector_int_size(membership);
    igraph_integer_t k = n > 0 ? igraph_vector_int_max(membership) + 1 : 0;
    label_order *order = IGRAPH_CALLOC(k > 0 ? k : 1, label_order);
    IGRAPH_CHECK_OOM(order, "community labels");
    IGRAPH_FINALLY(igraph_free, order);
    for (igraph_integer_t c = 0; c < k; c++)
        order[c] = (label_order){ c, 0, n };
    for (igraph_integer_t v = 0; v < n; v++) {
        label_order *o = &order[VECTOR(*membership)[v]];
        o->size++;
        if (v < o->first)
            o->first = v;
    }
    pg_vec_sort(order, (size_t)k, sizeof *order, by_size);
    igraph_vector_int_t new_label;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&new_label, k);
    *count = 0;
    for (igraph_integer_t c = 0; c < k; c++) {
        VECTOR(new_label)[order[c].label] = c;
        *count += order[c].size > 0;
    }
    for (igraph_integer_t v = 0; v < n; v++)
        VECTOR(*membership)[v] = VECTOR(new_label)[VECTOR(*membership)[v]];
    igraph_vector_int_destroy(&new_label);
    IGRAPH_FREE(order);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* A graph without edges: every node is its own community. */
static igraph_error_t singletons(pg_graph *g, igraph_vector_int_t *membership)
{
    IGRAPH_CHECK(igraph_vector_int_resize(membership, (igraph_integer_t)g->n));
    for (igraph_integer_t v = 0; v < (igraph_integer_t)g->n; v++)
        VECTOR(*membership)[v] = v;
    g->communities = g->n;
    g->modularity = g->objective = NAN;
    return IGRAPH_SUCCESS;
}

igraph_error_t pg_community_detect(pg_graph *g, igraph_vector_int_t *membership)
{
    if (igraph_ecount(&g->ig) == 0)
        return singletons(g, membership);
    igraph_vector_t strength;
    igraph_vector_int_t trial;
    IGRAPH_VECTOR_INIT_FINALLY(&strength, 0);
    IGRAPH_VECTOR_INT_INIT_FINALLY(&trial, 0);
    IGRAPH_CHECK(igraph_strength(&g->ig, &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS, &g->weights));
    double total = igraph_vector_sum(&g->weights), best = -INFINITY;
    for (int r = 0; r < g->options.restarts; r++) {
        igraph_rng_seed(igraph_rng_default(), g->options.seed + (unsigned long)r);
        IGRAPH_CHECK(run_once(g, &strength, total, &trial));
        igraph_real_t q;
        IGRAPH_CHECK(igraph_modularity(&g->ig, &trial, &g->weights, g->options.resolution, IGRAPH_UNDIRECTED, &q));
        if (q > best) {
            best = q;
            IGRAPH_CHECK(igraph_vector_int_update(membership, &trial));
        }
    }
    IGRAPH_CHECK(relabel(membership, &g->communities));
    g->objective = best;
    IGRAPH_CHECK(igraph_modularity(&g->ig, membership, &g->weights, 1.0, IGRAPH_UNDIRECTED, &g->modularity));
    igraph_vector_int_destroy(&trial);
    igraph_vector_destroy(&strength);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}
