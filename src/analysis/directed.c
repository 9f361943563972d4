/* directed.c - the directed measures (docs/network.md, "Direction"): the
 * directed network of a full view has one arc u->v of weight
 * forward_weight for each edge with a directed relation from u to v, and
 * one arc v->u alike (pg_edge); undirected relations make no arc. On it:
 * in- and out-degree (distinct arcs), in- and out-strength (summed arc
 * weights), HITS hub and authority scores (weighted, largest 1; 0 for
 * every node when there is no arc) and reciprocity (the share of arcs
 * whose reverse is an arc too; NaN without arcs). A projected view has no
 * direction: its directed measures and reciprocity are NaN (undefined). */
#include <math.h>

#include "model/graph.h"

enum { IN_DEGREE, OUT_DEGREE, IN_STRENGTH, OUT_STRENGTH, HUB, AUTHORITY, MEASURES };

static const char *const names[MEASURES] = { "in_degree", "out_degree", "in_strength", "out_strength", "hub",
                                             "authority" };

/* Appends arc a->b of weight w. */
static igraph_error_t add_arc(igraph_vector_int_t *ends, igraph_vector_t *weights, long a, long b, double w)
{
    IGRAPH_CHECK(igraph_vector_int_push_back(ends, a));
    IGRAPH_CHECK(igraph_vector_int_push_back(ends, b));
    return igraph_vector_push_back(weights, w);
}

/* The directed network of g into `dg` (uninitialised; the caller destroys
 * it) and its arc weights into `weights` (initialised, emptied first). */
static igraph_error_t make_arcs(const pg_graph *g, igraph_t *dg, igraph_vector_t *weights)
{
    igraph_vector_int_t ends;
    IGRAPH_VECTOR_INT_INIT_FINALLY(&ends, 0);
    igraph_vector_clear(weights);
    for (size_t e = 0; e < g->edges.len; e++) {
        const pg_edge *x = &g->edges.items[e];
        if (x->forward > 0)
            IGRAPH_CHECK(add_arc(&ends, weights, x->u, x->v, x->forward_weight));
        if (x->backward > 0)
            IGRAPH_CHECK(add_arc(&ends, weights, x->v, x->u, x->backward_weight));
    }
    IGRAPH_CHECK(igraph_create(dg, &ends, (igraph_integer_t)g->n, IGRAPH_DIRECTED));
    igraph_vector_int_destroy(&ends);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

enum { POWER_STEPS = 1000 }; /* NetworkX's hits stops at 100 */

/* Scales x (n values) so that its largest is 1 (all 0 stay 0); returns
 * how far the scaled x moved from `before` (the largest difference). */
static double scale_to_max(igraph_vector_t *x, const igraph_vector_t *before)
{
    double top = igraph_vector_max(x), moved = 0;
    for (igraph_integer_t v = 0; v < igraph_vector_size(x); v++) {
        VECTOR(*x)[v] = top > 0 ? VECTOR(*x)[v] / top : 0.0;
        moved = fmax(moved, fabs(VECTOR(*x)[v] - VECTOR(*before)[v]));
    }
    return moved;
}

/* One half step of HITS: to[head] (or to[tail] when `backward`) sums
 * weight x from[other end] over the arcs. */
static void hits_step(const igraph_t *dg, const igraph_vector_t *weights, const igraph_vector_t *from,
                      igraph_vector_t *to, bool backward)
{
    igraph_vector_null(to);
    for (igraph_integer_t e = 0; e < igraph_ecount(dg); e++) {
        igraph_integer_t tail = IGRAPH_FROM(dg, e), head = IGRAPH_TO(dg, e);
        VECTOR(*to)[backward ? tail : head] += VECTOR(*weights)[e] * VECTOR(*from)[backward ? head : tail];
    }
}

/* HITS by power iteration from all hubs 1 (NetworkX's method), largest
 * value 1: for the graphs on which igraph 0.10.2's ARPACK route gives no
 * finite score (its degenerate cases). */
static igraph_error_t hits_power(const igraph_t *dg, const igraph_vector_t *weights, igraph_vector_t *hub,
                                 igraph_vector_t *authority)
{
    igraph_integer_t n = igraph_vcount(dg);
    igraph_vector_t old;
    IGRAPH_VECTOR_INIT_FINALLY(&old, n);
    IGRAPH_CHECK(igraph_vector_resize(hub, n));
    IGRAPH_CHECK(igraph_vector_resize(authority, n));
    igraph_vector_fill(hub, 1.0);
    double moved = 1;
    for (int step = 0; step < POWER_STEPS && moved > 1e-13; step++) {
        hits_step(dg, weights, hub, authority, false);
        igraph_vector_update(&old, hub);
        hits_step(dg, weights, authority, hub, true);
        moved = scale_to_max(hub, &old);
    }
    igraph_vector_update(&old, authority);
    scale_to_max(authority, &old);
    igraph_vector_destroy(&old);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

static bool all_finite(const igraph_vector_t *x)
{
    for (igraph_integer_t v = 0; x && v < igraph_vector_size(x); v++)
        if (!isfinite(VECTOR(*x)[v]))
            return false;
    return true;
}

/* hits_power into hub and authority, either of which may be NULL. */
static igraph_error_t fallback(const igraph_t *dg, const igraph_vector_t *weights, igraph_vector_t *hub,
                               igraph_vector_t *authority)
{
    igraph_vector_t h, a;
    IGRAPH_VECTOR_INIT_FINALLY(&h, 0);
    IGRAPH_VECTOR_INIT_FINALLY(&a, 0);
    IGRAPH_CHECK(hits_power(dg, weights, &h, &a));
    if (hub)
        IGRAPH_CHECK(igraph_vector_update(hub, &h));
    if (authority)
        IGRAPH_CHECK(igraph_vector_update(authority, &a));
    igraph_vector_destroy(&a);
    igraph_vector_destroy(&h);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}

/* HITS on `dg` into hub and authority (either may be NULL), largest value
 * 1, round-off below 0 clamped; all 0 without arcs. The scores do not
 * depend on the scale of the weights, so ARPACK gets them divided by the
 * largest (as for eigenvector centrality). */
static igraph_error_t hits(const igraph_t *dg, const igraph_vector_t *weights, igraph_vector_t *hub,
                           igraph_vector_t *authority)
{
    igraph_real_t value;
    igraph_vector_t unit;
    igraph_arpack_options_t arpack;
    if (igraph_ecount(dg) == 0)
        return IGRAPH_SUCCESS; /* the vectors hold n zeros */
    IGRAPH_CHECK(igraph_vector_init_copy(&unit, weights));
    IGRAPH_FINALLY(igraph_vector_destroy, &unit);
    igraph_vector_scale(&unit, 1.0 / igraph_vector_max(weights));
    igraph_arpack_options_init(&arpack);
    IGRAPH_CHECK(igraph_hub_and_authority_scores(dg, hub, authority, &value, true, &unit, &arpack));
    if (!all_finite(hub) || !all_finite(authority))
        IGRAPH_CHECK(fallback(dg, &unit, hub, authority));
    for (igraph_integer_t v = 0; v < igraph_vcount(dg); v++) {
        if (hub && VECTOR(*hub)[v] < 0)
            VECTOR(*hub)[v] = 0.0;
        if (authority && VECTOR(*authority)[v] < 0)
            VECTOR(*authority)[v] = 0.0;
    }
    igraph_vector_destroy(&unit);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* The degrees and strengths asked for, on `dg`. */
static igraph_error_t degrees(const igraph_t *dg, const igraph_vector_t *weights, igraph_vector_t **out)
{
    static const igraph_neimode_t mode[4] = { IGRAPH_IN, IGRAPH_OUT, IGRAPH_IN, IGRAPH_OUT };
    for (int k = IN_DEGREE; k <= OUT_STRENGTH; k++)
        if (out[k])
            IGRAPH_CHECK(igraph_strength(dg, out[k], igraph_vss_all(), mode[k], IGRAPH_NO_LOOPS,
                                         k >= IN_STRENGTH ? weights : NULL));
    return IGRAPH_SUCCESS;
}

/* Reciprocity and arc count of `dg` into g->structure. */
static igraph_error_t reciprocity(pg_graph *g, const igraph_t *dg)
{
    g->structure.arcs = (long)igraph_ecount(dg);
    g->structure.reciprocity = NAN;
    if (g->structure.arcs == 0)
        return IGRAPH_SUCCESS;
    return igraph_reciprocity(dg, &g->structure.reciprocity, true, IGRAPH_RECIPROCITY_DEFAULT);
}

/* A projected view: every directed measure asked for NaN. */
static void undirected(pg_graph *g, igraph_vector_t **out)
{
    g->structure.arcs = 0;
    g->structure.reciprocity = NAN;
    for (int k = 0; k < MEASURES; k++)
        if (out[k])
            igraph_vector_fill(out[k], NAN);
}

igraph_error_t pg_directed_compute(pg_graph *g, igraph_vector_t *results)
{
    double started = pg_clock();
    igraph_vector_t *out[MEASURES];
    for (int k = 0; k < MEASURES; k++) {
        int m = pg_metric_index(names[k]);
        out[k] = g->metric_on[m] ? &results[m] : NULL;
    }
    if (g->spec.view != PG_VIEW_FULL) {
        undirected(g, out);
        return IGRAPH_SUCCESS;
    }
    igraph_t dg;
    igraph_vector_t weights;
    IGRAPH_VECTOR_INIT_FINALLY(&weights, 0);
    IGRAPH_CHECK(make_arcs(g, &dg, &weights));
    IGRAPH_FINALLY(igraph_destroy, &dg);
    IGRAPH_CHECK(degrees(&dg, &weights, out));
    if (out[HUB] || out[AUTHORITY])
        IGRAPH_CHECK(hits(&dg, &weights, out[HUB], out[AUTHORITY]));
    IGRAPH_CHECK(reciprocity(g, &dg));
    igraph_destroy(&dg);
    igraph_vector_destroy(&weights);
    IGRAPH_FINALLY_CLEAN(2);
    pg_graph_time(g, "directed measures", started);
    return IGRAPH_SUCCESS;
}
