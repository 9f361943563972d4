/* paths.c - `partygraph path`: the shortest paths between two entities
 * of a view, written through names and the relation types of each step. */
#include <math.h>
#include <stdlib.h>

#include "base/error.h"
#include "base/fmt.h"
#include "model/graph.h"
#include "model/igraph_glue.h"

enum { MAX_SHOWN = 20 };

/* Two lengths equal but for floating-point noise (sums of 1/weight taken
 * in different orders), as igraph's own path search compares them. */
static bool same_length(double x, double y)
{
    return fabs(x - y) <= 1e-10 * fmax(1.0, fmax(fabs(x), fabs(y)));
}

/* The shortest paths from a to b, found on the graph of the edges that
 * lie on one: edge u-v goes forward when d(a,u) + len + d(v,b) = d(a,b).
 * Their number is counted over that graph; at most MAX_SHOWN of them are
 * listed, in the order of the node ids along the path. */
typedef struct route {
    const pg_graph *g;
    bool weighted;
    igraph_matrix_t from_a, from_b; /* 1 x n distances */
    size_t *first, *edge;           /* pg_graph_incidence */
    double total;                   /* d(a, b) */
} route;

static double edge_length(const route *r, size_t e)
{
    return r->weighted ? 1.0 / r->g->edges.items[e].weight : 1.0;
}

/* The node edge e leads to from u when it goes forward, or -1. */
static long forward(const route *r, long u, size_t e)
{
    const pg_edge *x = &r->g->edges.items[e];
    long v = x->u == u ? x->v : x->u;
    double via = MATRIX(r->from_a, 0, u) + edge_length(r, e) + MATRIX(r->from_b, 0, v);
    return isfinite(via) && same_length(via, r->total) && MATRIX(r->from_a, 0, v) > MATRIX(r->from_a, 0, u) ? v : -1;
}

static int by_distance_from_a(void *ctx, const void *x, const void *y)
{
    const route *r = ctx;
    double dx = MATRIX(r->from_a, 0, *(const long *)x), dy = MATRIX(r->from_a, 0, *(const long *)y);
    return (dx > dy) - (dx < dy);
}

/* How many shortest paths: path counts pushed forward from a, node by
 * node in order of distance (a double: the count can exceed any integer
 * type on dense graphs). */
static igraph_error_t count_paths(const route *r, long a, long b, double *count)
{
    size_t n = r->g->n, k = 0;
    double *sigma = IGRAPH_CALLOC(n > 0 ? n : 1, double);
    IGRAPH_CHECK_OOM(sigma, "path counts");
    IGRAPH_FINALLY(igraph_free, sigma);
    long *order = IGRAPH_CALLOC(n > 0 ? n : 1, long);
    IGRAPH_CHECK_OOM(order, "path counts");
    IGRAPH_FINALLY(igraph_free, order);
    for (size_t v = 0; v < n; v++)
        if (same_length(MATRIX(r->from_a, 0, v) + MATRIX(r->from_b, 0, v), r->total))
            order[k++] = (long)v;
    igraph_qsort_r(order, k, sizeof *order, (void *)r, by_distance_from_a);
    sigma[a] = 1;
    for (size_t i = 0; i < k; i++)
        for (size_t j = r->first[order[i]]; j < r->first[order[i] + 1]; j++) {
            long v = forward(r, order[i], r->edge[j]);
            if (v >= 0)
                sigma[v] += sigma[order[i]];
        }
    *count = sigma[b];
    IGRAPH_FREE(order);
    IGRAPH_FREE(sigma);
    IGRAPH_FINALLY_CLEAN(2);
    return IGRAPH_SUCCESS;
}
static void name(const pg_graph *g, FILE *f, igraph_integer_t v)
{
    fprintf(f, "%s (%s)", pg_graph_node_label(g, (size_t)v), pg_graph_node_id(g, (size_t)v));
}

static void print_path(const route *r, FILE *f, const long *vs, const size_t *es, size_t steps)
{
    fputs("    ", f);
    name(r->g, f, vs[0]);
    for (size_t i = 0; i < steps; i++) {
        fprintf(f, " -[%s]- ", r->g->edges.items[es[i]].types);
        name(r->g, f, vs[i + 1]);
    }
    fputc('\n', f);
}

/* Prints the first MAX_SHOWN shortest paths, depth first along forward
 * edges (each node's edges come in the order of the node ids, and every
 * forward edge leads on to b, so no branch is a dead end). */
static igraph_error_t list_paths(const route *r, FILE *f, long a, long b)
{
    size_t n = r->g->n, shown = 0;
    long *vs = IGRAPH_CALLOC(n + 1, long);
    IGRAPH_CHECK_OOM(vs, "paths");
    IGRAPH_FINALLY(igraph_free, vs);
    size_t *es = IGRAPH_CALLOC(n + 1, size_t);
    IGRAPH_CHECK_OOM(es, "paths");
    IGRAPH_FINALLY(igraph_free, es);
    size_t *next = IGRAPH_CALLOC(n + 1, size_t);
    IGRAPH_CHECK_OOM(next, "paths");
    IGRAPH_FINALLY(igraph_free, next);
    vs[0] = a;
    next[0] = r->first[a];
    for (long depth = 0; depth >= 0 && shown < MAX_SHOWN;) {
        long u = vs[depth], v = -1;
        if (u == b) {
            print_path(r, f, vs, es, (size_t)depth);
            shown++;
            depth--;
            continue;
        }
        while (next[depth] < r->first[u + 1] && (v = forward(r, u, r->edge[next[depth]])) < 0)
            next[depth]++;
        if (v < 0) {
            depth--;
            continue;
        }
        es[depth] = r->edge[next[depth]++];
        vs[++depth] = v;
        next[depth] = r->first[v];
    }
    IGRAPH_FREE(next);
    IGRAPH_FREE(es);
    IGRAPH_FREE(vs);
    IGRAPH_FINALLY_CLEAN(3);
    return IGRAPH_SUCCESS;
}

static igraph_error_t print_routes(const route *r, FILE *f, long a, long b)
{
    char num[PG_FMT_DOUBLE_SIZE];
    double count;
    if (!isfinite(r->total)) {
        fputs("no path between ", f);
        name(r->g, f, a);
        fputs(" and ", f);
        name(r->g, f, b);
        fputs(": they are in different components\n", f);
        return IGRAPH_SUCCESS;
    }
    IGRAPH_CHECK(count_paths(r, a, b, &count));
    fprintf(f, "%.0f shortest path%s of %s %s:\n", count, count == 1 ? "" : "s", r->weighted ? "distance" : "length",
            pg_fmt_double(r->total, num));
    IGRAPH_CHECK(list_paths(r, f, a, b));
    if (count > MAX_SHOWN)
        fprintf(f, "    ... and %.0f more\n", count - MAX_SHOWN);
    return IGRAPH_SUCCESS;
}

static igraph_error_t paths(const pg_graph *g, long a, long b, bool weighted, FILE *f)
{
    route r = { .g = g, .weighted = weighted };
    igraph_vector_t lengths;
    IGRAPH_VECTOR_INIT_FINALLY(&lengths, 0);
    if (weighted)
        IGRAPH_CHECK(pg_graph_lengths(g, &lengths));
    IGRAPH_MATRIX_INIT_FINALLY(&r.from_a, 0, 0);
    IGRAPH_MATRIX_INIT_FINALLY(&r.from_b, 0, 0);
    const igraph_vector_t *w = weighted ? &lengths : NULL;
    IGRAPH_CHECK(igraph_distances_dijkstra(&g->ig, &r.from_a, igraph_vss_1(a), igraph_vss_all(), w, IGRAPH_ALL));
    IGRAPH_CHECK(igraph_distances_dijkstra(&g->ig, &r.from_b, igraph_vss_1(b), igraph_vss_all(), w, IGRAPH_ALL));
    r.total = MATRIX(r.from_a, 0, b);
    if (pg_graph_incidence(g, &r.first, &r.edge) != 0)
        IGRAPH_ERROR("Not enough memory for the paths.", IGRAPH_ENOMEM);
    IGRAPH_FINALLY(free, r.first);
    IGRAPH_FINALLY(free, r.edge);
    IGRAPH_CHECK(print_routes(&r, f, a, b));
    free(r.edge);
    free(r.first);
    igraph_matrix_destroy(&r.from_b);
    igraph_matrix_destroy(&r.from_a);
    igraph_vector_destroy(&lengths);
    IGRAPH_FINALLY_CLEAN(5);
    return IGRAPH_SUCCESS;
}

pg_status pg_write_paths(const pg_graph *g, const char *from_id, const char *to_id, int weighted, FILE *out,
                         pg_error *err)
{
    long a = pg_graph_node_index(g, from_id), b = pg_graph_node_index(g, to_id);
    if (a < 0 || b < 0)
        return pg_graph_no_node(g, a < 0 ? from_id : to_id, pg_view_name(g->spec.view), err);
    pg_igraph_scope scope;
    pg_igraph_enter(&scope);
    igraph_error_t rc = IGRAPH_SUCCESS;
    PG_IGRAPH_RUN(&scope, rc, paths(g, a, b, weighted != 0, out));
    pg_igraph_leave(&scope);
    if (rc != IGRAPH_SUCCESS)
        return pg_igraph_status(rc, "finding the shortest paths", err);
    if (fflush(out) != 0 || ferror(out))
        return pg_error_set(err, PG_EIO, "cannot write the paths");
    pg_error_clear(err);
    return PG_OK;
}
