/* layout.c - node positions for the pictures, computed with igraph from
 * the analysis seed: Fruchterman-Reingold (weighted, igraph's grid variant
 * above 1,000 nodes: 1.5 s at 20,000 nodes where DrL takes minutes) by
 * default, DrL and Kamada-Kawai (unweighted) on request.
 *
 * igraph's coordinates have no unit; they are scaled so that the mean
 * edge is PG_LAYOUT_EDGE_LENGTH long (nodes of a graph without edges are
 * spread as if they had unit edges), then shifted so the smallest x and y
 * are 0 and rounded to 0.01 — the written numbers do not carry noise.
 *
 * From PG_LAYOUT_BESIDE_MIN nodes the layout is computed in a child
 * process started before the metrics (pg_layout_start), so that it runs
 * beside them on another core; the same seed gives the same positions
 * either way. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "model/graph.h"
#include "model/igraph_glue.h"

enum { FR_ITERATIONS = 500 };

static const char *const layout_names[PG_LAYOUT_COUNT] = { "auto", "fr", "drl", "kk", "none" };

const char *pg_layout_name(pg_layout l)
{
    return (unsigned)l < PG_LAYOUT_COUNT ? layout_names[l] : NULL;
}

pg_status pg_layout_parse(const char *name, pg_layout *out)
{
    int l = pg_name_index(layout_names, PG_LAYOUT_COUNT, name);
    if (l >= 0)
        *out = (pg_layout)l;
    return l >= 0 ? PG_OK : PG_EARG;
}

pg_layout pg_layout_resolve(pg_layout l)
{
    return l == PG_LAYOUT_AUTO ? PG_LAYOUT_FR : l;
}

static igraph_error_t compute(const pg_graph *g, pg_layout l, igraph_matrix_t *xy)
{
    if (l == PG_LAYOUT_KK)
        return igraph_layout_kamada_kawai(&g->ig, xy, false, 50 * (igraph_integer_t)g->n, 0.0,
                                          (igraph_real_t)g->n, NULL, NULL, NULL, NULL, NULL);
    if (l == PG_LAYOUT_DRL) {
        igraph_layout_drl_options_t o;
        IGRAPH_CHECK(igraph_layout_drl_options_init(&o, IGRAPH_LAYOUT_DRL_DEFAULT));
        return igraph_layout_drl(&g->ig, xy, false, &o, &g->weights);
    }
    return igraph_layout_fruchterman_reingold(&g->ig, xy, false, FR_ITERATIONS, sqrt((double)g->n) / 10,
                                              IGRAPH_LAYOUT_AUTOGRID, &g->weights, NULL, NULL, NULL, NULL);
}

/* The mean edge length of `xy` (1 without edges or when all are 0). */
static double mean_edge(const pg_graph *g, const igraph_matrix_t *xy)
{
    double total = 0;
    for (size_t e = 0; e < g->edges.len; e++) {
        long u = g->edges.items[e].u, v = g->edges.items[e].v;
        total += hypot(MATRIX(*xy, u, 0) - MATRIX(*xy, v, 0), MATRIX(*xy, u, 1) - MATRIX(*xy, v, 1));
    }
    return g->edges.len > 0 && total > 0 ? total / (double)g->edges.len : 1.0;
}

/* Scales, shifts and rounds `xy` into g->x and g->y. */
static void store(pg_graph *g, const igraph_matrix_t *xy)
{
    double scale = PG_LAYOUT_EDGE_LENGTH / mean_edge(g, xy), min_x = INFINITY, min_y = INFINITY;
    for (size_t v = 0; v < g->n; v++) {
        min_x = fmin(min_x, MATRIX(*xy, v, 0));
        min_y = fmin(min_y, MATRIX(*xy, v, 1));
    }
    for (size_t v = 0; v < g->n; v++) {
        g->x[v] = round((MATRIX(*xy, v, 0) - min_x) * scale * 100) / 100;
        g->y[v] = round((MATRIX(*xy, v, 1) - min_y) * scale * 100) / 100;
    }
}

igraph_error_t pg_layout_compute(pg_graph *g)
{
    pg_layout l = pg_layout_resolve(g->options.layout);
    g->has_layout = false;
    if (l == PG_LAYOUT_NONE || g->n == 0)
        return IGRAPH_SUCCESS;
    igraph_matrix_t xy;
    IGRAPH_MATRIX_INIT_FINALLY(&xy, 0, 0);
    igraph_rng_seed(igraph_rng_default(), g->options.seed);
    IGRAPH_CHECK(compute(g, l, &xy));
    store(g, &xy);
    g->has_layout = true;
    igraph_matrix_destroy(&xy);
    IGRAPH_FINALLY_CLEAN(1);
    return IGRAPH_SUCCESS;
}

/* ---- beside the metrics ------------------------------------------------ */

/* The child's work: the layout of `arg` (a pg_graph), handed back as its
 * x then its y values (test hook: PARTYGRAPH_TEST_LAYOUT_FAIL=signal). */
static pg_status layout_work(void *arg, pg_child_bytes *out, pg_error *err)
{
    pg_graph *g = arg;
    pg_igraph_in_child("PARTYGRAPH_TEST_LAYOUT_FAIL");
    pg_status st = pg_igraph_status(pg_layout_compute(g), "the layout", err);
    double *xy = st == PG_OK ? malloc(2 * g->n * sizeof *xy) : NULL;
    if (st == PG_OK && xy == NULL)
        return pg_error_set(err, PG_ENOMEM, "out of memory handing back the layout");
    if (xy != NULL) {
        memcpy(xy, g->x, g->n * sizeof *xy);
        memcpy(xy + g->n, g->y, g->n * sizeof *xy);
        *out = (pg_child_bytes){ (char *)xy, 2 * g->n * sizeof *xy, pg_child_bytes_free };
    }
    return st;
}

void pg_layout_start(pg_graph *g, pg_layout_run *run)
{
    pg_error err;
    bool worth = pg_layout_resolve(g->options.layout) != PG_LAYOUT_NONE && g->n >= PG_LAYOUT_BESIDE_MIN &&
                 g->options.jobs != 1;
    run->job = (pg_child_job){ layout_work, g, "the layout", "computing the positions" };
    run->started = worth && pg_child_start(&run->job, &run->child, &err) == PG_OK; /* else: here, later */
}

void pg_layout_abandon(pg_layout_run *run)
{
    if (run->started)
        pg_child_abandon(&run->child);
    run->started = false;
}

igraph_error_t pg_layout_finish(pg_graph *g, pg_layout_run *run)
{
    if (!run->started)
        return pg_layout_compute(g);
    run->started = false; /* collected below, whatever happens */
    char *bytes;
    pg_error err;
    pg_status st = pg_child_collect_bytes(&run->child, 2 * g->n * sizeof(double), &bytes, &err);
    if (st != PG_OK)
        IGRAPH_ERRORF("%s", st == PG_ENOMEM ? IGRAPH_ENOMEM : IGRAPH_FAILURE, err.message);
    memcpy(g->x, bytes, g->n * sizeof(double));
    memcpy(g->y, bytes + g->n * sizeof(double), g->n * sizeof(double));
    g->has_layout = true;
    free(bytes);
    return IGRAPH_SUCCESS;
}
